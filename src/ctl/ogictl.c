/* ogictl: the office's command line. */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"
#include "ctl/calendar.h"
#include "ctl/case.h"
#include "ctl/explain.h"
#include "ctl/holding.h"
#include "ctl/letter.h"
#include "ctl/ogictl.h"
#include "ctl/outbox.h"
#include "ctl/output.h"
#include "ctl/print.h"
#include "ctl/reply.h"
#include "ctl/report.h"
#include "daemon/parser.h"
#include "registry/registry.h"
#include "registry/status.h"

static void
ogictl_usage(FILE *out)
{
	fputs("usage: ogictl [-c FILE] [--as NAME] COMMAND [ARGS]\n"
	      "\n"
	      "Commands:\n"
	      "  messages [--json]              every received message and what became of it\n"
	      "  list [--state S] [--json]      applications (S: registered, incomplete, ...)\n"
	      "  show ID [--json]               one application in full\n"
	      "  review [--json] [ID]           applications waiting for a clerk, and why;\n"
	      "                                 with ID: each field, its confidence and\n"
	      "                                 line, and the text and images of OCR pages\n"
	      "  explain MSG|FILE.eml [--json]  each field: value, line, rule, confidence\n"
	      "                                 (MSG: a recorded message's file name or\n"
	      "                                 Message-ID; a file is parsed now, as from\n"
	      "                                 the intake that recorded it or --intake NAME)\n"
	      "  status [--json]                each intake's last poll, errors, backlog; the outbox\n"
	      "  letter kinds                   the letter templates and their placeholders\n"
	      "  letter preview KIND [--case ID] [-o FILE.pdf]\n"
	      "                                 render a letter with sample data or a real case\n"
	      "  send-test ADDRESS              queue a test letter to ADDRESS and send it\n"
	      "  outbox [--json]                outgoing mail: state, attempts, last reply\n"
	      "  report annual YEAR [--format text|csv|pdf] [-o FILE]\n"
	      "                                 the annual report's table of applications\n"
	      "  calendar add-days DATE N       the date N working days after DATE, and how\n"
	      "  calendar show YEAR             a year's holidays and make-up working days\n"
	      "  calendar import FILE.json      install a year's holiday-cn file; recount\n"
	      "                                 provisional deadlines\n"
	      "  history ID [--json]            every event of a case and its messages\n"
	      "  note ID TEXT                   add a note to a case's history\n"
	      "  reply ID --outcome OUTCOME [--reason TEXT]... [--where TEXT]\n"
	      "        [--holder NAME [--holder-contact TEXT]] [--withheld GROUND:WHAT]...\n"
	      "        [--attach FILE]... [--yes]\n"
	      "                                 render the reply letter for review; with\n"
	      "                                 --yes record the outcome and queue it\n"
	      "  extend ID --days N --reason TEXT\n"
	      "                                 extend the deadline once, queue the notice\n"
	      "  print list [--json]            letters waiting in the print queue\n"
	      "  print done ID --tracking NUMBER [--date YYYY-MM-DD]\n"
	      "                                 letter ID was posted (the reply counts from then)\n"
	      "  handed-over ID [--date YYYY-MM-DD]\n"
	      "                                 letter ID was collected at the office\n"
	      "  holding [--json]               messages that are no application and match no case\n"
	      "  holding file MSG --case ID [--correction] | --new | --dismiss\n"
	      "                                 file one into a case (--correction: as the\n"
	      "                                 correction it waits for; its receipt counts\n"
	      "                                 the period), open a case, dismiss it\n"
	      "  accept ID [--received YYYY-MM-DD[THH:MM]]\n"
	      "                                 register an application (receipt owed); a\n"
	      "                                 correction that came on paper or by hand:\n"
	      "                                 when it was received (national-2019 counts\n"
	      "                                 the period from it)\n"
	      "  incomplete ID --missing E,... [--invalid F,...]\n"
	      "                                 ask for a correction naming what is lacking\n"
	      "  withdraw ID [--reason TEXT]    the applicant withdrew the application\n"
	      "  delivered ID --how TEXT        a reply that failed in its channel reached\n"
	      "                                 the applicant all the same (checked)\n"
	      "  set ID FIELD VALUE             correct a field of a case (recorded)\n"
	      "  due [--within N] [--json]      open cases and failed deliveries by deadline,\n"
	      "                                 overdue first, with the working days left\n"
	      "\n"
	      "Options:\n"
	      "  -c, --config FILE  the ogid configuration (default: the embedded default)\n"
	      "  --as NAME          the clerk the events of this run name (default: the\n"
	      "                     login name)\n"
	      "  -h, --help         this text\n"
	      "  -V, --version      print the version\n", out);
}

/* Set once by main before any command runs. */
static char ogictl_actor_name[OGICTL_ACTOR_MAX + 1];

const char *
ogictl_actor(void)
{
	return ogictl_actor_name;
}

int
ogictl_registry_open_write(const struct config *cfg, struct registry **reg_r,
			   struct ogi_error *err)
{
	if (registry_open(cfg->db_path, false, reg_r, err) != 0)
		return -1;
	registry_set_actor(*reg_r, ogictl_actor_name);
	return 0;
}

/* The name events give the clerk: one line of printable text, short, and
 * not the daemon's own name (a clerk's act must never read as ogid's).
 * Returns 0, or -1 after saying why not. */
static int
ogictl_set_actor(const char *name)
{
	const char *why = NULL;

	if (name[0] == '\0')
		why = "is empty";
	else if (strlen(name) > OGICTL_ACTOR_MAX)
		why = "is too long";
	else if (!g_utf8_validate(name, -1, NULL))
		why = "is not UTF-8";
	else if (strcmp(name, REGISTRY_ACTOR_DAEMON) == 0)
		why = "is the daemon's";
	for (const char *p = name; why == NULL && *p != '\0';
	     p = g_utf8_next_char(p))
		if (!g_unichar_isprint(g_utf8_get_char(p)))
			why = "has a control character";
	if (why != NULL) {
		fprintf(stderr, "ogictl: --as: the name %s\n", why);
		return -1;
	}
	g_strlcpy(ogictl_actor_name, name, sizeof(ogictl_actor_name));
	return 0;
}

/* The clerk when --as is not given: the login name of the effective
 * user.  A clerk working as the service account (which owns the
 * database) is named by the session's login name instead, so their acts
 * never read as the daemon's; the uid when neither gives a name. */
static void
ogictl_default_actor(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *name = pw != NULL ? pw->pw_name : NULL;

	if (name != NULL && strcmp(name, REGISTRY_ACTOR_DAEMON) == 0)
		name = getlogin();
	if (name != NULL && name[0] != '\0' &&
	    strcmp(name, REGISTRY_ACTOR_DAEMON) != 0)
		g_strlcpy(ogictl_actor_name, name, sizeof(ogictl_actor_name));
	else
		snprintf(ogictl_actor_name, sizeof(ogictl_actor_name), "uid %lu",
			 (unsigned long)geteuid());
}

struct ogictl_cmd {
	const char *name;
	int (*run)(struct registry *reg, const struct output *o, int argc,
		   char **argv);
	int (*run_config)(const struct config *cfg, int argc, char **argv);
};

/* Parses the options every command shares; returns the index of the first
 * operand, or -1 after printing usage. */
static int
ogictl_cmd_opts(int argc, char **argv, bool *json_r, const char **state_r)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "state", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* 0, not 1: GNU getopt then forgets the "+" mode of the global options. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			*json_r = true;
		else if (c == 's' && state_r != NULL)
			*state_r = optarg;
		else {
			ogictl_usage(stderr);
			return -1;
		}
	}
	return optind;
}

static int
ogictl_messages(struct registry *reg, const struct output *o, int argc,
		char **argv)
{
	struct output oo = *o;
	struct registry_message_row *rows;
	struct ogi_error err = { 0 };
	size_t n;

	if (ogictl_cmd_opts(argc, argv, &oo.json, NULL) != argc) {
		ogictl_usage(stderr);
		return 2;
	}
	if (registry_messages(reg, &rows, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	output_messages(&oo, rows, n);
	registry_message_rows_free(rows, n);
	return 0;
}

static int
ogictl_list(struct registry *reg, const struct output *o, int argc, char **argv)
{
	struct output oo = *o;
	struct registry_case **cases;
	struct ogi_error err = { 0 };
	const char *state = NULL;
	size_t n;

	if (ogictl_cmd_opts(argc, argv, &oo.json, &state) != argc) {
		ogictl_usage(stderr);
		return 2;
	}
	if (registry_cases(reg, state, &cases, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	output_cases(&oo, cases, n);
	registry_cases_free(cases, n);
	return 0;
}

static int
ogictl_show(struct registry *reg, const struct output *o, int argc, char **argv)
{
	struct output oo = *o;
	struct registry_case *c;
	struct registry_letter *letters = NULL;
	size_t n_letters = 0;
	struct ogi_error err = { 0 };
	int first = ogictl_cmd_opts(argc, argv, &oo.json, NULL);

	if (first < 0 || first + 1 != argc) {
		ogictl_usage(stderr);
		return 2;
	}
	if (registry_case_get(reg, argv[first], &c, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	if (c == NULL) {
		fprintf(stderr, "ogictl: no application %s\n", argv[first]);
		return 1;
	}
	if (registry_letters_of_case(reg, c->id, &letters, &n_letters, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		registry_case_free(c);
		return 1;
	}
	output_case(&oo, c, letters, n_letters);
	registry_letters_free(letters, n_letters);
	registry_case_free(c);
	return 0;
}

/* `status`: every configured intake with what its process last recorded
 * (an intake never polled shows as such), and the outbox's counts. */
static int
ogictl_status(const struct config *cfg, int argc, char **argv)
{
	struct output o = { .out = stdout, .tz = cfg->timezone };
	struct registry_intake_status *rows = NULL;
	struct registry_outbox_counts outbox;
	struct output_intake *shown;
	struct ogi_error err = { 0 };
	struct registry *reg;
	size_t n = 0;

	if (ogictl_cmd_opts(argc, argv, &o.json, NULL) != argc) {
		ogictl_usage(stderr);
		return 2;
	}
	if (registry_open(cfg->db_path, true, &reg, &err) != 0 ||
	    registry_intake_statuses(reg, &rows, &n, &err) != 0 ||
	    registry_outbox_counts(reg, &outbox, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		registry_intake_statuses_free(rows, n);
		registry_close(reg);
		return 1;
	}
	shown = g_new0(struct output_intake, cfg->n_intakes);
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		const struct config_intake *in = &cfg->intakes[i];

		shown[i] = (struct output_intake){
			.name = in->name,
			.driver = in->driver,
			.channel = in->channel == CONFIG_CHANNEL_FAX ? "fax" : "mail",
		};
		for (size_t j = 0; j < n; j++)
			if (strcmp(rows[j].intake, in->name) == 0)
				shown[i].status = &rows[j];
	}
	output_status(&o, shown, cfg->n_intakes, &outbox);
	g_free(shown);
	registry_intake_statuses_free(rows, n);
	registry_close(reg);
	return 0;
}

static const struct ogictl_cmd ogictl_cmds[] = {
	{ "messages", ogictl_messages, NULL },
	{ "list", ogictl_list, NULL },
	{ "show", ogictl_show, NULL },
	{ "status", NULL, ogictl_status },
	{ "letter", NULL, ctl_letter },
	{ "review", NULL, ctl_review },
	{ "explain", NULL, ctl_explain },
	{ "send-test", NULL, ctl_send_test },
	{ "outbox", ctl_outbox, NULL },
	{ "report", NULL, ctl_report },
	{ "calendar", NULL, ctl_calendar },
	{ "history", NULL, ctl_case_history },
	{ "note", NULL, ctl_case_note },
	{ "reply", NULL, ctl_reply },
	{ "extend", NULL, ctl_extend },
	{ "print", NULL, ctl_print },
	{ "handed-over", NULL, ctl_handed_over },
	{ "holding", NULL, ctl_holding },
	{ "accept", NULL, ctl_case_accept },
	{ "incomplete", NULL, ctl_case_incomplete },
	{ "withdraw", NULL, ctl_case_withdraw },
	{ "delivered", NULL, ctl_case_delivered },
	{ "set", NULL, ctl_case_set },
	{ "due", NULL, ctl_case_due },
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const struct ogictl_cmd *cmd = NULL;
	struct ogi_error err = { 0 };
	const char *file = NULL;
	struct registry *reg;
	struct config *cfg;
	struct output o;
	char *problems;
	int c, rc;

	/* `ogictl explain FILE` re-executes ogictl as its parser worker. */
	if (argc == 2 && strcmp(argv[1], "--parse-worker") == 0)
		return parser_worker_main();
	ogictl_default_actor();
	/* Options after the command belong to the command. */
	while ((c = getopt_long(argc, argv, "+c:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': file = optarg; break;
		case 'a':
			if (ogictl_set_actor(optarg) != 0)
				return 2;
			break;
		case 'h': ogictl_usage(stdout); return 0;
		case 'V': printf("ogictl (ogi-gateway) %s\n", OGI_VERSION); return 0;
		default: ogictl_usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		ogictl_usage(stderr);
		return 2;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(ogictl_cmds); i++)
		if (strcmp(argv[optind], ogictl_cmds[i].name) == 0)
			cmd = &ogictl_cmds[i];
	if (cmd == NULL) {
		fprintf(stderr, "ogictl: unknown command %s\n", argv[optind]);
		ogictl_usage(stderr);
		return 2;
	}
	if (config_load(file, config_default_state_dir(), &cfg, &problems, &err) != 0) {
		fputs(problems, stderr);
		g_free(problems);
		return 1;
	}
	if (cmd->run_config != NULL) {
		rc = cmd->run_config(cfg, argc - optind, argv + optind);
		config_free(cfg);
		return rc;
	}
	if (registry_open(cfg->db_path, true, &reg, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		config_free(cfg);
		return 1;
	}
	o = (struct output){ .out = stdout, .tz = cfg->timezone, .json = false };
	rc = cmd->run(reg, &o, argc - optind, argv + optind);
	registry_close(reg);
	config_free(cfg);
	return rc;
}
