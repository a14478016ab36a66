#include "ctl/case.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/json.h"
#include "ctl/ogictl.h"
#include "ctl/output.h"
#include "registry/case.h"
#include "registry/registry.h"

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
