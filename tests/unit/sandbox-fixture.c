#include "sandbox-fixture.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

#include "common/config.h"
#include "daemon/parser.h"

int
sandbox_fixture_enter(struct ogi_error *err)
{
	struct config *cfg;
	char *problems;
	int errnum;

	/* The embedded default is the configuration ogid's limits come from
	 * when the administrator sets none. */
	if (config_load(NULL, "/nonexistent", &cfg, &problems, err) != 0) {
		g_free(problems);
		return -1;
	}
	errnum = parser_confine_limits(&cfg->parser) == 0 ? 0 : errno;
	config_free(cfg);
	g_free(problems);
	if (errnum != 0) {
		error_set(err, "worker limits: %s", strerror(errnum));
		return -1;
	}
	return parser_confine_sandbox(err);
}
