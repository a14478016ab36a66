/* The registry's test fixture (registry-fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "registry-fixture.h"

int
registry_fixture_setup(void **state)
{
	struct registry_fixture *f = g_new0(struct registry_fixture, 1);
	struct ogi_error err = { 0 };

	strcpy(f->dir, "/tmp/ogi-registry-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ogi.db", f->dir);
	if (registry_open(f->path, false, &f->reg, &err) != 0)
		fail_msg("open: %s", err.msg);
	*state = f;
	return 0;
}

int
registry_fixture_teardown(void **state)
{
	struct registry_fixture *f = *state;
	char cmd[128];
	int rc;

	registry_close(f->reg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	rc = system(cmd);
	g_free(f);
	return rc;
}
