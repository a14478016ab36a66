#include "ctl/case.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"
#include "common/json.h"
#include "common/workdays.h"
#include "delivery/channel.h"
#include "ctl/ogictl.h"
#include "ctl/output.h"
#include "extract/extract.h"
#include "registry/automatic.h"
#include "registry/case.h"
#include "registry/registry.h"
#include "workflow/outcome.h"
#include "workflow/rules.h"
#include "workflow/workflow.h"

/* The longest text a clerk may give a note or a reason, in bytes: a
 * paragraph for the file, not a document (those are attachments). */
#define CTL_CASE_TEXT_MAX 2000

/* Parses the options of a case command: --json where json_r is non-NULL,
 * and the long options of extra (their values into values_r, by index);
 * returns the index of the first operand, or -1 on an unknown option. */
struct ctl_case_opt {
	const char *name;
	const char **value_r;
};

static int
case_opts(int argc, char **argv, bool *json_r,
	  const struct ctl_case_opt *extra, size_t n_extra)
{
	struct option opts[8];
	size_t n = 0;
	int c;

	g_assert(n_extra + 2 <= G_N_ELEMENTS(opts));
	if (json_r != NULL)
		opts[n++] = (struct option){ "json", no_argument, NULL, 'j' };
	for (size_t i = 0; i < n_extra; i++)
		opts[n++] = (struct option){ extra[i].name, required_argument,
					     NULL, 'A' + (int)i };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	/* 0, not 1: GNU getopt then forgets the "+" mode of the global options. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			*json_r = true;
		else if (c >= 'A' && (size_t)(c - 'A') < n_extra)
			*extra[c - 'A'].value_r = optarg;
		else
			return -1;
	}
	return optind;
}

static int
case_usage(const char *usage)
{
	fprintf(stderr, "usage: ogictl %s\n", usage);
	return 2;
}

static int
case_fail(const struct ogi_error *err)
{
	fprintf(stderr, "ogictl: %s\n", err->msg);
	return 1;
}

/* Text a clerk gives (a note, a reason): one paragraph of UTF-8 without
 * control characters other than line ends.  Returns 0, or -1 with err
 * saying what is wrong. */
static int
case_text_check(const char *what, const char *text, struct ogi_error *err)
{
	if (text[0] == '\0') {
		error_set(err, "%s is empty", what);
		return -1;
	}
	if (strlen(text) > CTL_CASE_TEXT_MAX) {
		error_set(err, "%s is longer than %d bytes", what,
			  CTL_CASE_TEXT_MAX);
		return -1;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		error_set(err, "%s is not UTF-8", what);
		return -1;
	}
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (u != '\n' && !g_unichar_isprint(u) && !g_unichar_isspace(u)) {
			error_set(err, "%s has a control character", what);
			return -1;
		}
	}
	return 0;
}

/* --- history ------------------------------------------------------------- */

static void
history_json(const struct output *o, const struct registry_event *ev, size_t n)
{
	struct json_writer w;

	json_init(&w, o->out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		char *at = output_time(o, ev[i].at);

		json_begin_object(&w);
		json_key(&w, "at");
		json_string(&w, at);
		json_key(&w, "actor");
		json_string(&w, ev[i].actor);
		json_key(&w, "type");
		json_string(&w, ev[i].type);
		json_key(&w, "detail");
		json_string(&w, ev[i].detail);
		json_key(&w, "message");
		json_string(&w, ev[i].message);
		json_end_object(&w);
		g_free(at);
	}
	json_end_array(&w);
	json_finish(&w);
}

static void
history_text(const struct output *o, const struct registry_event *ev, size_t n)
{
	static const char *head[] = { "TIME", "ACTOR", "TYPE", "MESSAGE",
				      "DETAIL" };
	static const size_t maxw[] = { 19, 16, 16, 28, 60 };
	struct output_table t = { G_N_ELEMENTS(head), head, maxw,
				  g_ptr_array_new() };

	for (size_t i = 0; i < n; i++) {
		char **row = g_new0(char *, G_N_ELEMENTS(head));
		char *at = output_time(o, ev[i].at);

		/* "2026-11-20T09:30:00+08:00" -> "2026-11-20 09:30:00" */
		row[0] = g_strndup(at, 19);
		row[0][10] = ' ';
		row[1] = g_strdup(ev[i].actor);
		row[2] = g_strdup(ev[i].type);
		row[3] = g_strdup(ev[i].message);
		row[4] = ev[i].detail != NULL
			 ? g_strdelimit(g_strdup(ev[i].detail), "\n", ' ') : NULL;
		g_ptr_array_add(t.rows, row);
		g_free(at);
	}
	output_table_emit(o->out, &t);
}

int
ctl_case_history(const struct config *cfg, int argc, char **argv)
{
	struct output o = { .out = stdout, .tz = cfg->timezone };
	struct registry_event *ev = NULL;
	struct ogi_error err = { 0 };
	struct registry *reg;
	bool exists = false;
	size_t n = 0;
	int first = case_opts(argc, argv, &o.json, NULL, 0);

	if (first < 0 || first + 1 != argc)
		return case_usage("history ID [--json]");
	if (registry_open(cfg->db_path, true, &reg, &err) != 0)
		return case_fail(&err);
	if (registry_case_exists(reg, argv[first], &exists, &err) != 0 ||
	    (exists && registry_case_history(reg, argv[first], &ev, &n,
					     &err) != 0)) {
		registry_close(reg);
		return case_fail(&err);
	}
	registry_close(reg);
	if (!exists) {
		fprintf(stderr, "ogictl: no application %s\n", argv[first]);
		return 1;
	}
	if (o.json)
		history_json(&o, ev, n);
	else
		history_text(&o, ev, n);
	registry_events_free(ev, n);
	return 0;
}

/* --- note ---------------------------------------------------------------- */

int
ctl_case_note(const struct config *cfg, int argc, char **argv)
{
	struct ogi_error err = { 0 };
	struct registry *reg;
	int first = case_opts(argc, argv, NULL, NULL, 0), rc;

	if (first < 0 || first + 2 != argc)
		return case_usage("note ID TEXT");
	if (case_text_check("the note", argv[first + 1], &err) != 0)
		return case_fail(&err);
	if (ogictl_registry_open_write(cfg, &reg, &err) != 0)
		return case_fail(&err);
	rc = registry_case_event(reg, argv[first], "note", argv[first + 1], &err);
	registry_close(reg);
	if (rc != 0)
		return case_fail(&err);
	printf("%s: note added\n", argv[first]);
	return 0;
}

/* --- moves: accept, incomplete, withdraw ---------------------------------- */

/* The outcome a withdrawn application concludes with (the annual report's
 * （六）其他处理). */
#define CTL_CASE_WITHDRAWN_OUTCOME "other.other"

/* What a command asks of a case once it has read it. */
struct case_move_req {
	const char *to;
	const char *event;
	const char *detail;     /* NULL: the new state */
	const char *missing, *invalid; /* as struct registry_case_move */
	const char *outcome, *outcome_detail;
	const char *received;   /* NULL, or accept --received's DATE[THH:MM] */
};

/* The moment text (YYYY-MM-DD, or YYYY-MM-DDTHH:MM) names on the office's
 * clock, into *t_r; *timed_r tells whether it gave the time of day.
 * Returns 0, or -1 with err saying what the form is. */
static int
case_received_parse(const char *tz, const char *text, int64_t *t_r,
		    bool *timed_r, struct ogi_error *err)
{
	int y, mo, d, h = 0, mi = 0, end = 0;
	int64_t day;
	struct clock_local back;

	*timed_r = sscanf(text, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi,
			  &end) == 5 && text[end] == '\0';
	if (!*timed_r && (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &end) != 3 ||
			  text[end] != '\0'))
		end = -1;
	day = end < 0 ? -1 : clock_midnight(tz, y, mo, d);
	if (day >= 0)
		clock_local(tz, day, &back);
	/* A day the calendar has not (30 February) comes back as another. */
	if (day < 0 || back.day != d || back.month != mo || h > 23 || mi > 59 ||
	    h < 0 || mi < 0) {
		error_set(err, "--received %s: not a date YYYY-MM-DD (or "
			  "YYYY-MM-DDTHH:MM) on the office's calendar", text);
		return -1;
	}
	*t_r = day + (int64_t)h * 3600 + (int64_t)mi * 60;
	return 0;
}

/* True when the moment given (t, or only its day local->date when not
 * timed) is before bound, whose local time goes into *bound_r. */
static bool
case_received_before(const char *tz, int64_t t, bool timed,
		     const struct clock_local *local, int64_t bound,
		     struct clock_local *bound_r)
{
	clock_local(tz, bound, bound_r);
	return timed ? t < bound : strcmp(local->date, bound_r->date) < 0;
}

/* The moment accept --received says case c's correction was received,
 * into *local_r: not after now, nor before the application's own
 * receipt, nor before asked_at, when the case was last asked for a
 * correction (registry_case_incomplete_since; by day, when only a day is
 * given).  Returns 0, or
 * -1 with err saying which bound it broke. */
static int
case_received_check(const struct config *cfg, const struct registry_case *c,
		    const char *text, int64_t now, int64_t asked_at,
		    struct clock_local *local_r, struct ogi_error *err)
{
	struct clock_local bound;
	int64_t t;
	bool timed;

	if (case_received_parse(cfg->timezone, text, &t, &timed, err) != 0)
		return -1;
	clock_local(cfg->timezone, t, local_r);
	if (t > now) {
		error_set(err, "--received %s is in the future: give the day the "
			  "correction reached the office", text);
		return -1;
	}
	if (case_received_before(cfg->timezone, t, timed, local_r,
				 c->received_at, &bound)) {
		error_set(err, "--received %s is before %s received the "
			  "application (%s %02d:%02d): a correction comes after it",
			  text, c->id, bound.date, bound.hour, bound.minute);
		return -1;
	}
	if (asked_at != 0 && case_received_before(cfg->timezone, t, timed,
						   local_r, asked_at, &bound)) {
		error_set(err, "--received %s is before %s was last asked for a "
			  "correction (%s %02d:%02d): a correction answers that "
			  "notice", text, c->id, bound.date, bound.hour,
			  bound.minute);
		return -1;
	}
	return 0;
}

/* The clock a move sets under c's rules profile, at the office's local
 * now (rules_move_clock); sets in *m what applies, pointing into *mc.  The
 * corrected application's receipt is the one the clerk gives (received,
 * accept --received), else the newest correction the registry holds for
 * the case (merged by ogid, or a held mail filed to it with
 * holding file --correction), else, for an
 * incomplete case accepted on a correction that came another way, now. */
static int
case_move_clock(const struct config *cfg, const struct registry_case *c,
		const char *to, const char *received_opt, int64_t asked_at,
		struct registry_case_move *m, struct rules_move_clock *mc,
		struct registry_case_clock *clock, struct ogi_error *err)
{
	struct workdays *wd = NULL;
	struct rules office, r;
	struct clock_local now, received;
	const struct clock_local *corrected = NULL;
	bool incomplete = strcmp(c->state, "incomplete") == 0;
	int64_t t = (int64_t)time(NULL);
	int rc;

	memset(mc, 0, sizeof(*mc));
	rules_from_config(cfg, &office);
	rules_for_case(&office, c->rules, &r);
	if (received_opt != NULL && (!r.profile->abandon_uncorrected ||
	    (!incomplete && c->correction_received_at == 0))) {
		error_set(err, "--received: %s's reply period does not count "
			  "anew on acceptance (only a corrected application's "
			  "does, under national-2019)", c->id);
		return -1;
	}
	/* The calendar is read only where a profile counts anew. */
	if (!r.profile->abandon_uncorrected)
		return 0;
	clock_local(cfg->timezone, t, &now);
	if (received_opt != NULL) {
		if (case_received_check(cfg, c, received_opt, t, asked_at,
					&received, err) != 0)
			return -1;
		corrected = &received;
	} else if (c->correction_received_at != 0 &&
		   (incomplete || strcmp(c->state, "needs_review") == 0)) {
		clock_local(cfg->timezone, c->correction_received_at, &received);
		corrected = &received;
	} else if (incomplete)
		corrected = &now;
	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd,
				 err) != 0)
		return -1;
	rc = rules_move_clock(&r, wd, to, &now, corrected, mc, err);
	workdays_free(wd);
	if (rc != 0)
		return -1;
	if (mc->restarts) {
		*clock = (struct registry_case_clock){
			.receipt_date = mc->dl.receipt_date,
			.deadline = mc->dl.deadline, .basis = mc->dl.basis,
			.provisional = mc->dl.provisional,
		};
		m->clock = clock;
	}
	if (mc->correction_due[0] != '\0')
		m->correction_due = mc->correction_due;
	return 0;
}

/* Reads case id, asks the workflow whether it may move to r->to, and
 * moves it with the letter the new state owes.  Prints what was done;
 * returns the exit status. */
static int
case_move(const struct config *cfg, const char *id,
	  const struct case_move_req *r)
{
	struct rules_move_clock mc = { .restarts = false };
	struct registry_case_clock clock;
	struct registry_letter_new letter;
	struct registry_case_move m;
	struct ogi_error err = { 0 };
	struct registry_case *c = NULL;
	struct registry *reg;
	const char *kind;
	char *cancel = NULL, *clock_detail = NULL;
	int64_t letter_id = 0, asked_at = 0;
	int rc = 1;

	if (ogictl_registry_open_write(cfg, &reg, &err) != 0)
		return case_fail(&err);
	if (registry_case_get(reg, id, &c, &err) != 0)
		goto fail;
	if (c == NULL) {
		error_set(&err, "no application %s", id);
		goto fail;
	}
	if (workflow_transition_check(c->state, r->to, &err) != 0) {
		error_prefix(&err, "%s", id);
		goto fail;
	}
	m = (struct registry_case_move){
		.id = id, .from = c->state, .to = r->to, .event = r->event,
		.detail = r->detail, .missing = r->missing,
		.invalid = r->invalid, .outcome = r->outcome,
		.outcome_detail = r->outcome_detail,
		.concluded_at = (int64_t)time(NULL), .now = (int64_t)time(NULL),
	};
	/* What the case was owed before is moot once it moves: a correction
	 * notice not yet sent must not follow the receipt. */
	cancel = g_strdup_printf("the case became %s", r->to);
	m.cancel_pending = cancel;
	if (r->received != NULL &&
	    registry_case_incomplete_since(reg, id, &asked_at, &err) != 0)
		goto fail;
	if (case_move_clock(cfg, c, r->to, r->received, asked_at, &m, &mc,
			    &clock, &err) != 0)
		goto fail;
	if (m.clock != NULL && m.detail == NULL)
		m.detail = clock_detail = g_strdup_printf(
			"%s; deadline %s counted anew", r->to, m.clock->deadline);
	if (r->outcome == NULL)
		m.concluded_at = 0;
	kind = workflow_letter(r->to);
	if (kind != NULL) {
		letter = (struct registry_letter_new){
			.case_id = id, .kind = kind,
			.channel = delivery_letter_channel(cfg, &c->rec),
		};
		if (delivery_letter_office_refuse(cfg, id, &c->rec, kind,
						  letter.channel, &err) != 0)
			goto fail;
		if (letter.channel != NULL)
			m.letter = &letter;
	}
	if (registry_case_move(reg, &m, &letter_id, &err) != 0)
		goto fail;
	printf("%s: %s -> %s\n", id, c->state, r->to);
	if (m.letter != NULL)
		printf("letter %" PRId64 " (%s) to go by %s\n", letter_id, kind,
		       m.letter->channel);
	else if (kind != NULL)
		printf("no %s letter queued: no way to reach the applicant "
		       "(ogictl set %s email|fax|address ...), send it by hand\n",
		       kind, id);
	if (m.clock != NULL)
		printf("deadline %s%s, counted anew: %s\n", m.clock->deadline,
		       m.clock->provisional ? " (provisional)" : "",
		       m.clock->basis);
	else if (strcmp(r->to, "registered") == 0)
		printf("deadline %s%s\n", c->deadline != NULL ? c->deadline : "-",
		       c->deadline_provisional
		       ? " (provisional: a year it spans has no holiday calendar)"
		       : "");
	if (m.correction_due != NULL)
		printf("abandoned unless corrected by %s\n", m.correction_due);
	rc = 0;
fail:
	if (rc != 0)
		fprintf(stderr, "ogictl: %s\n", err.msg);
	g_free(cancel);
	g_free(clock_detail);
	rules_deadline_clear(&mc.dl);
	registry_case_free(c);
	registry_close(reg);
	return rc;
}

int
ctl_case_accept(const struct config *cfg, int argc, char **argv)
{
	/* A clerk accepting an application judges it complete: the lists of
	 * what it lacked are cleared (history keeps them). */
	struct case_move_req req = {
		.to = "registered", .event = "accepted", .missing = "",
		.invalid = "",
	};
	const struct ctl_case_opt extra[] = { { "received", &req.received } };
	int first = case_opts(argc, argv, NULL, extra, G_N_ELEMENTS(extra));

	if (first < 0 || first + 1 != argc)
		return case_usage("accept ID [--received YYYY-MM-DD[THH:MM]]");
	return case_move(cfg, argv[first], &req);
}

/* The comma-separated names in list, each one name() knows; into *bits_r.
 * Returns 0, or -1 with err naming the unknown one and listing the known
 * ones. */
static int
case_names(const char *option, const char *list, unsigned count,
	   const char *(*name)(unsigned), unsigned (*bit)(const char *),
	   unsigned *bits_r, struct ogi_error *err)
{
	char **v = g_strsplit(list, ",", -1);
	int rc = 0;

	for (size_t i = 0; v[i] != NULL && rc == 0; i++) {
		unsigned b = bit(g_strstrip(v[i]));

		if (b == 0) {
			GString *known = g_string_new(NULL);

			for (unsigned k = 0; k < count; k++)
				g_string_append_printf(known, "%s%s",
						       k ? ", " : "", name(1u << k));
			error_set(err, "%s: unknown element \"%s\" (one of: %s)",
				  option, v[i], known->str);
			g_string_free(known, TRUE);
			rc = -1;
		}
		*bits_r |= b;
	}
	g_strfreev(v);
	return rc;
}

/* bits as comma-separated names (the registry's form of the lists). */
static char *
case_names_text(unsigned bits, unsigned count, const char *(*name)(unsigned))
{
	GString *s = g_string_new(NULL);

	for (unsigned k = 0; k < count; k++)
		if (bits & (1u << k))
			g_string_append_printf(s, "%s%s", s->len ? "," : "",
					       name(1u << k));
	return g_string_free(s, FALSE);
}

int
ctl_case_incomplete(const struct config *cfg, int argc, char **argv)
{
	static const char usage[] =
		"incomplete ID --missing ELEMENT[,ELEMENT...] [--invalid FIELD[,FIELD...]]";
	const char *missing_opt = NULL, *invalid_opt = NULL;
	const struct ctl_case_opt extra[] = {
		{ "missing", &missing_opt }, { "invalid", &invalid_opt },
	};
	struct case_move_req req = { .to = "incomplete", .event = "incomplete" };
	unsigned missing = 0, invalid = 0;
	struct ogi_error err = { 0 };
	char *m, *i, *detail;
	int first = case_opts(argc, argv, NULL, extra, G_N_ELEMENTS(extra));
	int rc;

	if (first < 0 || first + 1 != argc ||
	    (missing_opt == NULL && invalid_opt == NULL))
		return case_usage(usage);
	if ((missing_opt != NULL &&
	     case_names("--missing", missing_opt, EXTRACT_ELEM_COUNT,
			extract_element_name, extract_element_from_name,
			&missing, &err) != 0) ||
	    (invalid_opt != NULL &&
	     case_names("--invalid", invalid_opt, EXTRACT_INVALID_COUNT,
			extract_invalid_name, extract_invalid_from_name,
			&invalid, &err) != 0))
		return case_fail(&err);
	m = case_names_text(missing, EXTRACT_ELEM_COUNT, extract_element_name);
	i = case_names_text(invalid, EXTRACT_INVALID_COUNT, extract_invalid_name);
	detail = g_strdup_printf("missing: %s; invalid: %s", *m ? m : "-",
				 *i ? i : "-");
	req.missing = m;
	req.invalid = i;
	req.detail = detail;
	rc = case_move(cfg, argv[first], &req);
	g_free(detail);
	g_free(i);
	g_free(m);
	return rc;
}

int
ctl_case_withdraw(const struct config *cfg, int argc, char **argv)
{
	const char *reason = NULL;
	const struct ctl_case_opt extra[] = { { "reason", &reason } };
	struct case_move_req req = {
		.to = "withdrawn", .event = "withdrawn",
		.outcome = CTL_CASE_WITHDRAWN_OUTCOME,
	};
	struct ogi_error err = { 0 };
	int first = case_opts(argc, argv, NULL, extra, G_N_ELEMENTS(extra));

	if (first < 0 || first + 1 != argc)
		return case_usage("withdraw ID [--reason TEXT]");
	if (reason != NULL && case_text_check("the reason", reason, &err) != 0)
		return case_fail(&err);
	/* The code is the outcome table's: a renamed code fails here, not in
	 * the annual report. */
	g_assert(outcome_find(CTL_CASE_WITHDRAWN_OUTCOME) != NULL);
	req.detail = reason;
	req.outcome_detail = reason;
	return case_move(cfg, argv[first], &req);
}

/* A letter that failed in its channel may still have reached the
 * applicant (a fax cut off after the line carried it): the clerk who
 * checked says so, and how they know. */
int
ctl_case_delivered(const struct config *cfg, int argc, char **argv)
{
	const char *how = NULL;
	const struct ctl_case_opt extra[] = { { "how", &how } };
	struct case_move_req req = { .to = "delivered", .event = "delivered" };
	struct ogi_error err = { 0 };
	char *detail;
	int first = case_opts(argc, argv, NULL, extra, G_N_ELEMENTS(extra)), rc;

	if (first < 0 || first + 1 != argc || how == NULL)
		return case_usage("delivered ID --how TEXT");
	if (case_text_check("--how", how, &err) != 0)
		return case_fail(&err);
	detail = g_strdup_printf("confirmed by a clerk: %s", how);
	req.detail = detail;
	rc = case_move(cfg, argv[first], &req);
	g_free(detail);
	return rc;
}

/* --- set ----------------------------------------------------------------- */

/* How much of an identity number the "set" event shows, as at the log
 * sink (log_mask_numbers): enough for a clerk to tell two apart. */
#define CTL_CASE_MASK_HEAD 3
#define CTL_CASE_MASK_TAIL 2

struct case_field;
/* Checks the value a clerk gives field f of case c; returns 0 and the
 * value as it is stored (g_free) in *out_r, or -1 with err saying why
 * not. */
typedef int (*case_check_fn)(const struct case_field *f,
			     const struct registry_case *c, const char *in,
			     char **out_r, struct ogi_error *err);

struct case_field {
	const char *name;       /* the case column, and what `set` calls it */
	case_check_fn check;
	unsigned fills;         /* missing elements a value supplies */
	unsigned fixes;         /* invalid bits a valid value clears */
	bool secret;            /* the event shows the values masked */
	/* For an enumeration: its names, value 1 up to the first NULL. */
	const char *(*enum_name)(unsigned v);
	int (*enum_check)(const char *name);
};

static int
case_check_text(const struct case_field *f, const struct registry_case *c,
		const char *in, char **out_r, struct ogi_error *err)
{
	(void)c;
	*out_r = g_strstrip(g_strdup(in));
	if (case_text_check(f->name, *out_r, err) == 0)
		return 0;
	g_free(*out_r);
	*out_r = NULL;
	return -1;
}

/* A postcode, telephone, fax or mail address, checked and normalised as
 * the extractor does.  A fax or agent's number is a telephone number. */
static int
case_check_contact(const struct case_field *f, const struct registry_case *c,
		   const char *in, char **out_r, struct ogi_error *err)
{
	struct extract_record rec = { .kind = EXTRACT_KIND_APPLICATION };
	char **slot;
	unsigned bad;

	if (strcmp(f->name, "postcode") == 0) {
		slot = &rec.postcode;
		bad = EXTRACT_INVALID_POSTCODE;
		rec.address = g_strdup(c->rec.address);
	} else if (strcmp(f->name, "email") == 0) {
		slot = &rec.email;
		bad = EXTRACT_INVALID_EMAIL;
	} else {
		slot = &rec.phone;
		bad = EXTRACT_INVALID_PHONE;
	}
	*slot = g_strstrip(g_strdup(in));
	extract_validate_record_contact(&rec);
	if ((rec.invalid & bad) != 0 || **slot == '\0') {
		error_set(err, "%s: \"%s\" is not valid", f->name, in);
		extract_record_clear(&rec);
		return -1;
	}
	*out_r = *slot;
	*slot = NULL;
	extract_record_clear(&rec);
	return 0;
}

/* An identity number as the extractor normalises it; checked against the
 * case's ID type when the type has a check. */
static int
case_check_id_number(const struct case_field *f, const struct registry_case *c,
		     const char *in, char **out_r, struct ogi_error *err)
{
	char buf[64];
	bool ok;

	if (extract_id_normalise(in, buf, sizeof(buf)) != 0 || buf[0] == '\0') {
		error_set(err, "%s: not an identity number", f->name);
		return -1;
	}
	switch (c->rec.id_type) {
	case EXTRACT_ID_RESIDENT: ok = extract_resident_id_valid(buf); break;
	case EXTRACT_ID_USCC: ok = extract_uscc_valid(buf); break;
	case EXTRACT_ID_ORG_CODE: ok = extract_org_code_valid(buf); break;
	default: ok = true; break;
	}
	if (!ok) {
		/* The number itself is never repeated: it is personal. */
		error_set(err, "%s: not a valid %s number", f->name,
			  extract_id_type_name(c->rec.id_type));
		return -1;
	}
	*out_r = g_strdup(buf);
	return 0;
}

static int
case_check_enum(const struct case_field *f, const struct registry_case *c,
		const char *in, char **out_r, struct ogi_error *err)
{
	GString *known;

	(void)c;
	if (f->enum_check(in) == 0) {
		*out_r = g_strdup(in);
		return 0;
	}
	known = g_string_new(NULL);
	for (unsigned v = 1; f->enum_name(v) != NULL; v++)
		g_string_append_printf(known, "%s%s", v > 1 ? ", " : "",
				       f->enum_name(v));
	error_set(err, "%s: unknown value \"%s\" (one of: %s)", f->name, in,
		  known->str);
	g_string_free(known, TRUE);
	return -1;
}

/* The enumerations' names and checks, in the shape struct case_field
 * takes. */
#define CASE_ENUM(kind, type) \
	static const char *case_##kind##_name(unsigned v) \
	{ return extract_##kind##_name((type)v); } \
	static int case_##kind##_check(const char *name) \
	{ type v; return extract_##kind##_from_name(name, &v); }
CASE_ENUM(applicant_kind, enum extract_applicant_kind)
CASE_ENUM(id_type, enum extract_id_type)
CASE_ENUM(delivery, enum extract_delivery)
CASE_ENUM(medium, enum extract_medium)
CASE_ENUM(org_kind, enum extract_org_kind)
#undef CASE_ENUM

#define CASE_ENUM_FIELD(kind) \
	{ #kind, case_check_enum, 0, 0, false, case_##kind##_name, \
	  case_##kind##_check }

static const struct case_field case_fields[] = {
	{ "name", case_check_text, EXTRACT_ELEM_NAME, 0, false, NULL, NULL },
	{ "legal_rep", case_check_text, 0, 0, false, NULL, NULL },
	{ "contact_person", case_check_text, 0, 0, false, NULL, NULL },
	{ "agent", case_check_text, 0, 0, false, NULL, NULL },
	{ "agent_phone", case_check_contact, 0, 0, false, NULL, NULL },
	{ "id_number", case_check_id_number, EXTRACT_ELEM_IDENTITY_PROOF,
	  EXTRACT_INVALID_ID_NUMBER, true, NULL, NULL },
	{ "address", case_check_text, EXTRACT_ELEM_ADDRESS, 0, false, NULL,
	  NULL },
	{ "postcode", case_check_contact, 0, EXTRACT_INVALID_POSTCODE, false,
	  NULL, NULL },
	{ "phone", case_check_contact, EXTRACT_ELEM_CONTACT,
	  EXTRACT_INVALID_PHONE, false, NULL, NULL },
	{ "email", case_check_contact, EXTRACT_ELEM_CONTACT,
	  EXTRACT_INVALID_EMAIL, false, NULL, NULL },
	{ "fax", case_check_contact, EXTRACT_ELEM_CONTACT, 0, false, NULL, NULL },
	{ "request", case_check_text, EXTRACT_ELEM_REQUEST, 0, false, NULL,
	  NULL },
	{ "purpose", case_check_text, 0, 0, false, NULL, NULL },
	CASE_ENUM_FIELD(applicant_kind),
	CASE_ENUM_FIELD(id_type),
	CASE_ENUM_FIELD(delivery),
	CASE_ENUM_FIELD(medium),
	CASE_ENUM_FIELD(org_kind),
};

/* The value field f of c has now, as the registry stores it (g_free), or
 * NULL when it has none. */
static char *
case_field_value(const struct case_field *f, const struct registry_case *c)
{
	enum extract_field ef;

	if (strcmp(f->name, EXTRACT_ORG_KIND_FIELD) == 0)
		return g_strdup(c->org_kind);
	/* Every other settable field is one of the extractor's, shown by its
	 * stored name. */
	if (extract_field_from_name(f->name, &ef) != 0)
		g_assert_not_reached();
	return extract_field_text(&c->rec, ef);
}

/* v for the event: masked for a secret field, "-" for none (g_free). */
static char *
case_shown(const struct case_field *f, const char *v)
{
	size_t len = v != NULL ? strlen(v) : 0;
	char *s;

	if (v == NULL || *v == '\0')
		return g_strdup("-");
	s = g_strdup(v);
	for (size_t i = CTL_CASE_MASK_HEAD; f->secret && i + CTL_CASE_MASK_TAIL < len; i++)
		s[i] = '*';
	return s;
}

static const struct case_field *
case_field_find(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(case_fields); i++)
		if (strcmp(case_fields[i].name, name) == 0)
			return &case_fields[i];
	return NULL;
}

static void
case_set_usage_fields(void)
{
	fputs("fields:", stderr);
	for (size_t i = 0; i < G_N_ELEMENTS(case_fields); i++)
		fprintf(stderr, " %s", case_fields[i].name);
	fputc('\n', stderr);
}

/* Writes the edit of f on c to value (NULL clears it). */
static int
case_set_write(struct registry *reg, const struct case_field *f,
	       const struct registry_case *c, const char *value,
	       struct ogi_error *err)
{
	unsigned missing = c->rec.missing, invalid = c->rec.invalid;
	char *old = case_field_value(f, c), *m = NULL, *i = NULL;
	char *was = case_shown(f, old), *now = case_shown(f, value), *detail;
	struct registry_case_edit e;
	int rc;

	if (g_strcmp0(old, value) == 0) {
		printf("%s: %s is already %s\n", c->id, f->name, now);
		g_free(old);
		g_free(was);
		g_free(now);
		return 0;
	}
	if (value != NULL) {
		missing &= ~f->fills;
		invalid &= ~f->fixes;
	}
	e = (struct registry_case_edit){
		.id = c->id, .column = f->name, .old = old, .value = value,
	};
	if (missing != c->rec.missing || invalid != c->rec.invalid) {
		e.missing = m = case_names_text(missing, EXTRACT_ELEM_COUNT,
						extract_element_name);
		e.invalid = i = case_names_text(invalid, EXTRACT_INVALID_COUNT,
						extract_invalid_name);
	}
	e.detail = detail = g_strdup_printf("%s: %s -> %s", f->name, was, now);
	rc = registry_case_edit(reg, &e, err);
	if (rc == 0)
		printf("%s: %s\n", c->id, detail);
	g_free(detail);
	g_free(m);
	g_free(i);
	g_free(old);
	g_free(was);
	g_free(now);
	return rc;
}

int
ctl_case_set(const struct config *cfg, int argc, char **argv)
{
	const struct case_field *f;
	struct ogi_error err = { 0 };
	struct registry_case *c = NULL;
	struct registry *reg;
	char *value = NULL;
	int first = case_opts(argc, argv, NULL, NULL, 0), rc = 1;

	if (first < 0 || first + 3 != argc) {
		case_usage("set ID FIELD VALUE (VALUE \"\" clears it)");
		case_set_usage_fields();
		return 2;
	}
	f = case_field_find(argv[first + 1]);
	if (f == NULL) {
		fprintf(stderr, "ogictl: set: %s is not a field a clerk can set\n",
			argv[first + 1]);
		case_set_usage_fields();
		return 1;
	}
	if (ogictl_registry_open_write(cfg, &reg, &err) != 0)
		return case_fail(&err);
	if (registry_case_get(reg, argv[first], &c, &err) != 0)
		goto out;
	if (c == NULL) {
		error_set(&err, "no application %s", argv[first]);
		goto out;
	}
	if (argv[first + 2][0] != '\0' &&
	    f->check(f, c, argv[first + 2], &value, &err) != 0)
		goto out;
	rc = case_set_write(reg, f, c, value, &err) == 0 ? 0 : 1;
out:
	if (rc != 0)
		fprintf(stderr, "ogictl: %s\n", err.msg);
	g_free(value);
	registry_case_free(c);
	registry_close(reg);
	return rc;
}

/* --- due ----------------------------------------------------------------- */

/* The most working days `due --within` takes: a year's worth, which no
 * deadline of either rules profile (at most 40 working days) exceeds. */
#define CTL_CASE_WITHIN_MAX 250

/* Working days from today to deadline (both "YYYY-MM-DD"): the working
 * days after today up to the deadline, or, once it has passed, minus the
 * working days after the deadline up to today.  0: due today. */
static int
case_workdays_left(const struct workdays *wd, const char *today,
		   const char *deadline, int *left_r, struct ogi_error *err)
{
	GDate a, b;
	int sign = 1, n = 0;
	char day[11];

	g_date_clear(&a, 1);
	g_date_clear(&b, 1);
	g_date_set_parse(&a, today);
	g_date_set_parse(&b, deadline);
	if (!g_date_valid(&a) || !g_date_valid(&b)) {
		error_set(err, "deadline %s: not a date", deadline);
		return -1;
	}
	if (g_date_compare(&a, &b) > 0) {
		GDate t = a;

		a = b;
		b = t;
		sign = -1;
	}
	while (g_date_compare(&a, &b) < 0) {
		g_date_add_days(&a, 1);
		g_date_strftime(day, sizeof(day), "%Y-%m-%d", &a);
		n += workdays_is_working(wd, day) ? 1 : 0;
	}
	*left_r = sign * n;
	return 0;
}

struct case_due_row {
	const struct registry_case *c;
	bool has_left;
	int left;
};

static void
due_json(const struct output *o, const struct case_due_row *rows, size_t n)
{
	struct json_writer w;

	json_init(&w, o->out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		const struct registry_case *c = rows[i].c;

		json_begin_object(&w);
		json_key(&w, "id");
		json_string(&w, c->id);
		json_key(&w, "state");
		json_string(&w, c->state);
		json_key(&w, "deadline");
		json_string(&w, c->deadline);
		json_key(&w, "deadline_provisional");
		json_bool(&w, c->deadline_provisional);
		json_key(&w, "working_days_left");
		if (rows[i].has_left)
			json_int(&w, rows[i].left);
		else
			json_null(&w);
		json_key(&w, "overdue");
		json_bool(&w, rows[i].has_left && rows[i].left < 0);
		json_key(&w, "name");
		json_string(&w, c->rec.name);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_finish(&w);
}

static void
due_text(const struct output *o, const struct case_due_row *rows, size_t n)
{
	static const char *head[] = { "CASE", "DEADLINE", "LEFT", "STATE",
				      "APPLICANT" };
	static const size_t maxw[] = { 11, 11, 8, 12, 30 };
	struct output_table t = { G_N_ELEMENTS(head), head, maxw,
				  g_ptr_array_new() };
	bool provisional = false;

	for (size_t i = 0; i < n; i++) {
		const struct registry_case *c = rows[i].c;
		char **row = g_new0(char *, G_N_ELEMENTS(head));

		row[0] = g_strdup(c->id);
		row[1] = c->deadline_provisional
			 ? g_strdup_printf("%s*", c->deadline) : g_strdup(c->deadline);
		provisional |= c->deadline_provisional;
		row[2] = rows[i].has_left ? g_strdup_printf("%d", rows[i].left)
			 : NULL;
		row[3] = g_strdup(c->state);
		row[4] = g_strdup(c->rec.name);
		g_ptr_array_add(t.rows, row);
	}
	output_table_emit(o->out, &t);
	if (n == 0)
		fputs("(no open applications)\n", o->out);
	fputs("LEFT: working days to the deadline (0: due today; negative: "
	      "overdue by that many)\n", o->out);
	if (provisional)
		fputs("* provisional deadline: counted without the holiday "
		      "calendar of a year it spans (weekends only)\n", o->out);
}

int
ctl_case_due(const struct config *cfg, int argc, char **argv)
{
	struct output o = { .out = stdout, .tz = cfg->timezone };
	const char *within_opt = NULL;
	const struct ctl_case_opt extra[] = { { "within", &within_opt } };
	struct registry_case **cases = NULL;
	struct case_due_row *rows = NULL;
	struct ogi_error err = { 0 };
	struct workdays *wd = NULL;
	struct registry *reg = NULL;
	size_t n = 0, shown = 0;
	char today[11], *end;
	long within = CTL_CASE_WITHIN_MAX;
	int first = case_opts(argc, argv, &o.json, extra, G_N_ELEMENTS(extra));
	int rc = 1;

	if (first < 0 || first != argc)
		return case_usage("due [--within N] [--json]");
	if (within_opt != NULL) {
		within = strtol(within_opt, &end, 10);
		if (*within_opt == '\0' || *end != '\0' || within < 0 ||
		    within > CTL_CASE_WITHIN_MAX) {
			fprintf(stderr, "ogictl: due: --within takes 0 to %d "
				"working days\n", CTL_CASE_WITHIN_MAX);
			return 2;
		}
	}
	clock_date(cfg->timezone, (int64_t)time(NULL), today);
	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd,
				 &err) != 0 ||
	    registry_open(cfg->db_path, true, &reg, &err) != 0 ||
	    registry_cases_due(reg, workflow_state_due, &cases, &n, &err) != 0)
		goto out;
	rows = g_new0(struct case_due_row, n + 1);
	for (size_t i = 0; i < n; i++) {
		struct case_due_row *r = &rows[shown];

		r->c = cases[i];
		r->has_left = cases[i]->deadline != NULL;
		if (r->has_left &&
		    case_workdays_left(wd, today, cases[i]->deadline, &r->left,
				       &err) != 0)
			goto out;
		/* A case without a deadline cannot be said to fall due within
		 * any period: it is listed only when none is asked. */
		if (within_opt == NULL || (r->has_left && r->left <= within))
			shown++;
	}
	if (o.json)
		due_json(&o, rows, shown);
	else
		due_text(&o, rows, shown);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "ogictl: %s\n", err.msg);
	g_free(rows);
	registry_cases_free(cases, n);
	registry_close(reg);
	workdays_free(wd);
	return rc;
}
