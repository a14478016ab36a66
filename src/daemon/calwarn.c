#include "daemon/calwarn.h"

#include <stdio.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"
#include "common/log.h"
#include "registry/calendar.h"
#include "workflow/rules.h"

int
daemon_calendar_warnings(const struct config *cfg, const struct workdays *wd,
			 struct registry *reg, int64_t now, char **text_r,
			 struct ogi_error *err)
{
	struct registry_provisional *rows = NULL;
	struct rules_case_deadline *cases;
	struct rules rules;
	char today[11];
	size_t n = 0;

	*text_r = NULL;
	if (reg != NULL && registry_calendar_provisional(reg, &rows, &n, err) != 0)
		return -1;
	cases = g_new0(struct rules_case_deadline, n + 1);
	for (size_t i = 0; i < n; i++)
		cases[i] = (struct rules_case_deadline){
			.id = rows[i].id,
			.state = rows[i].state,
			.deadline = rows[i].deadline,
			.provisional = true,
		};
	rules_from_config(cfg, &rules);
	clock_date(cfg->timezone, now, today);
	*text_r = rules_calendar_warnings(&rules, wd, today, cases, n);
	g_free(cases);
	registry_provisional_free(rows, n);
	return 0;
}

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
	    daemon_calendar_warnings(cfg, wd, reg, (int64_t)time(NULL), &text,
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
