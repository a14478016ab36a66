#include "daemon/calwarn.h"

#include <stdint.h>
#include <time.h>

#include <glib.h>

#include "common/log.h"
#include "common/workdays.h"
#include "delivery/chores.h"
#include "registry/registry.h"

void
daemon_calendar_warn(const struct config *cfg)
{
	struct ogi_error err = { 0 };
	struct registry *reg = NULL;
	struct workdays *wd = NULL;
	char *text = NULL, **lines;

	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd, &err) != 0 ||
	    (g_file_test(cfg->db_path, G_FILE_TEST_EXISTS) &&
	     registry_open(cfg->db_path, true, &reg, &err) != 0) ||
	    delivery_calendar_warnings(cfg, wd, reg, (int64_t)time(NULL), &text,
				       &err) != 0) {
		log_warning("calendar: cannot check for provisional deadlines: %s",
			    err.msg);
	} else if (text != NULL) {
		lines = g_strsplit(text, "\n", -1);
		for (size_t i = 0; lines[i] != NULL; i++)
			log_warning("calendar: %s", lines[i]);
		g_strfreev(lines);
	}
	g_free(text);
	if (reg != NULL)
		registry_close(reg);
	workdays_free(wd);
}
