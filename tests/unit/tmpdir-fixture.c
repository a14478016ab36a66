#include "tmpdir-fixture.h"

#include <errno.h>
#include <stdlib.h>

#include <glib.h>

const char *tmpdir_fixture;

int
tmpdir_fixture_setup(void **state)
{
	char *dir = g_strdup_printf("/tmp/ogi-%s.XXXXXX",
	                            program_invocation_short_name);

	(void)state;
	if (g_mkdtemp(dir) == NULL) {
		g_free(dir);
		return -1;
	}
	tmpdir_fixture = dir;
	return 0;
}

int
tmpdir_fixture_teardown(void **state)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir_fixture);
	int rc;

	(void)state;
	rc = system(cmd);
	g_free(cmd);
	g_free((char *)tmpdir_fixture);
	tmpdir_fixture = NULL;
	return rc == 0 ? 0 : -1;
}
