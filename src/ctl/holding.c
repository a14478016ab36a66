#include "ctl/holding.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "common/json.h"
#include "common/workdays.h"
#include "ctl/ogictl.h"
#include "registry/holding.h"
#include "workflow/rules.h"

static void
ctl_holding_usage(void)
{
	fputs("usage: ogictl holding [--json]\n"
	      "       ogictl holding file MSG --case ID [--correction] | --new |"
	      " --dismiss\n"
	      "  --case ID       link the mail to the case; nothing about its "
	      "period\n"
	      "  --correction    ... as the correction the case waits for: its "
	      "receipt\n"
	      "                  counts the corrected application's period "
	      "(refused if\n"
	      "                  received before the last correction notice; "
	      "of several,\n"
	      "                  the newest received counts)\n",
	      stderr);
}

static void
ctl_holding_print(const struct config *cfg, bool json,
		  const struct registry_holding_row *rows, size_t n)
{
	if (json) {
		struct json_writer w;

		json_init(&w, stdout, true);
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			char *when = clock_format(cfg->timezone,
						  rows[i].received_at,
						  "%Y-%m-%dT%H:%M:%S%:z");

			json_begin_object(&w);
			json_key(&w, "file");
			json_string(&w, rows[i].uid);
			json_key(&w, "mailbox");
			json_string(&w, rows[i].mailbox);
			json_key(&w, "message_id");
			json_string(&w, rows[i].message_id);
			json_key(&w, "received_at");
			json_string(&w, when);
			json_key(&w, "from");
			json_string(&w, rows[i].from_addr);
			json_key(&w, "subject");
			json_string(&w, rows[i].subject);
			json_key(&w, "kind");
			json_string(&w, rows[i].kind);
			json_end_object(&w);
			g_free(when);
		}
		json_end_array(&w);
		json_finish(&w);
		return;
	}
	if (n == 0) {
		puts("no messages held");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *when = clock_format(cfg->timezone, rows[i].received_at,
					  "%Y-%m-%d %H:%M");

		printf("%s  %s/%s  %s  %s  %s\n", when, rows[i].mailbox,
		       rows[i].uid, rows[i].kind,
		       rows[i].from_addr != NULL ? rows[i].from_addr : "-",
		       rows[i].subject != NULL ? rows[i].subject : "-");
		g_free(when);
	}
}

static int
ctl_holding_list(const struct config *cfg, bool json)
{
	struct registry_holding_row *rows = NULL;
	struct ogi_error err = { 0 };
	struct registry *reg;
	size_t n = 0;

	if (registry_open(cfg->db_path, true, &reg, &err) != 0 ||
	    registry_holding_list(reg, &rows, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		registry_close(reg);
		return 1;
	}
	ctl_holding_print(cfg, json, rows, n);
	registry_holding_rows_free(rows, n);
	registry_close(reg);
	return 0;
}

/* The deadline of a case opened from a message received at t, by the
 * office's rules profile. */
static int
ctl_holding_deadline(const struct config *cfg, int64_t t,
		     struct rules_deadline *dl, int *offset_r,
		     struct ogi_error *err)
{
	struct workdays *wd;
	struct clock_local at;
	struct rules r;
	int rc = workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd, err);

	clock_local(cfg->timezone, t, &at);
	*offset_r = at.utc_offset;
	if (rc == 0) {
		rules_from_config(cfg, &r);
		rc = rules_reply_deadline(&r, wd, at.date, at.hour, at.minute, dl,
					  err);
		workdays_free(wd);
	}
	return rc;
}

static int
ctl_holding_end(const struct config *cfg, const char *which,
		enum registry_holding_action action, const char *case_id)
{
	struct registry_holding_new fresh = {
		.review = "opened by a clerk from the holding list: the message "
			  "was not read as an application",
	};
	struct rules_deadline dl = { .basis = NULL };
	char id[REGISTRY_CASE_ID_SIZE];
	struct ogi_error err = { 0 };
	struct registry *reg = NULL;
	int64_t received;
	bool found = false;
	int rc = ogictl_registry_open_write(cfg, &reg, &err);

	if (rc == 0)
		rc = registry_holding_received(reg, which, &found, &received, &err);
	if (rc == 0 && found) {
		struct clock_local at;

		clock_local(cfg->timezone, received, &at);
		fresh.tz_offset = at.utc_offset;
	}
	if (rc == 0 && action == REGISTRY_HOLDING_NEW && found) {
		rc = ctl_holding_deadline(cfg, received, &dl, &fresh.tz_offset,
					  &err);
		fresh.deadline = dl.deadline;
		fresh.deadline_provisional = dl.provisional;
		fresh.receipt_date = dl.receipt_date;
		fresh.deadline_basis = dl.basis;
		fresh.rules = cfg->rules;
	}
	if (rc == 0)
		rc = registry_holding_end(reg, which, action, case_id, &fresh, id,
					  &err);
	registry_close(reg);
	if (rc != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		rules_deadline_clear(&dl);
		return 1;
	}
	if (action == REGISTRY_HOLDING_DISMISS)
		printf("%s dismissed\n", which);
	else if (action == REGISTRY_HOLDING_NEW)
		printf("%s: application %s opened, waiting for a clerk (deadline "
		       "%s%s)\n", which, id, dl.deadline,
		       dl.provisional ? ", provisional" : "");
	else if (action == REGISTRY_HOLDING_CORRECTION) {
		char *when = clock_format(cfg->timezone, received,
					  "%Y-%m-%d %H:%M");

		printf("%s filed into %s as its correction, received %s: "
		       "accept counts the period from it\n", which, id, when);
		g_free(when);
	} else
		printf("%s filed into %s (the case's period is unchanged)\n",
		       which, id);
	rules_deadline_clear(&dl);
	return 0;
}

int
ctl_holding(const struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "case", required_argument, NULL, 'c' },
		{ "new", no_argument, NULL, 'n' },
		{ "dismiss", no_argument, NULL, 'd' },
		{ "correction", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	enum registry_holding_action action = REGISTRY_HOLDING_FILE;
	const char *case_id = NULL;
	int c, actions = 0;
	bool json = false, correction = false;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'c': case_id = optarg; action = REGISTRY_HOLDING_FILE;
			  actions++; break;
		case 'n': action = REGISTRY_HOLDING_NEW; actions++; break;
		case 'd': action = REGISTRY_HOLDING_DISMISS; actions++; break;
		case 'r': correction = true; break;
		default: ctl_holding_usage(); return 2;
		}
	}
	if (optind == argc && actions == 0)
		return ctl_holding_list(cfg, json);
	if (optind + 2 != argc || strcmp(argv[optind], "file") != 0 ||
	    actions != 1 || json ||
	    (correction && action != REGISTRY_HOLDING_FILE)) {
		ctl_holding_usage();
		return 2;
	}
	if (correction)
		action = REGISTRY_HOLDING_CORRECTION;
	return ctl_holding_end(cfg, argv[optind + 1], action, case_id);
}
