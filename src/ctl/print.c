#include "ctl/print.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"
#include "common/json.h"
#include "ctl/ogictl.h"
#include "ctl/output.h"
#include "delivery/channel.h"
#include "delivery/post.h"
#include "registry/case.h"
#include "registry/letters.h"
#include "registry/registry.h"
#include "workflow/workflow.h"

/* China Post's registered and EMS numbers have 13 characters (two
 * letters, nine digits, CN), couriers' up to some 20 digits; 40 holds any
 * and keeps a paragraph out of the register. */
#define PRINT_TRACKING_MAX 40

struct print_args {
	bool json;
	const char *tracking;
	const char *date;
	int first;            /* the first operand */
};

/* --json, --tracking, --date; -1 on an unknown option. */
static int
print_opts(int argc, char **argv, struct print_args *a)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tracking", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* 0, not 1: GNU getopt then forgets the "+" mode of the global options. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			a->json = true;
		else if (c == 't')
			a->tracking = optarg;
		else if (c == 'd')
			a->date = optarg;
		else
			return -1;
	}
	a->first = optind;
	return 0;
}

static int
print_usage(void)
{
	fputs("usage: ogictl print list [--json]\n"
	      "       ogictl print done ID --tracking NUMBER [--date YYYY-MM-DD]\n"
	      "       ogictl handed-over ID [--date YYYY-MM-DD]\n", stderr);
	return 2;
}

static int
print_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
print_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("ogictl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* --- print list ------------------------------------------------------------ */

/* What the registry says of a job's letter; both NULL when it knows none
 * (a file a person put there). */
struct print_row {
	struct registry_letter letter;
	bool found;
	struct registry_case *c;
};

static void
print_row_load(struct registry *reg, int64_t id, struct print_row *r)
{
	struct ogi_error err = { 0 };

	memset(r, 0, sizeof(*r));
	if (registry_letter_get(reg, id, &r->letter, &r->found, &err) != 0)
		fprintf(stderr, "ogictl: letter %" PRId64 ": %s\n", id, err.msg);
	else if (r->found &&
		 registry_case_get(reg, r->letter.case_id, &r->c, &err) != 0)
		fprintf(stderr, "ogictl: case %s: %s\n", r->letter.case_id, err.msg);
}

static void
print_row_clear(struct print_row *r)
{
	if (r->found)
		registry_letter_clear(&r->letter);
	registry_case_free(r->c);
}

static void
print_json_str(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	if (v != NULL)
		json_string(w, v);
	else
		json_null(w);
}

static void
print_list_json(const struct output *o, const char *dir,
		const struct delivery_print_job *jobs, const struct print_row *rows,
		size_t n)
{
	struct json_writer w;

	json_init(&w, o->out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		const struct print_row *r = &rows[i];
		char *queued = output_time(o, jobs[i].queued_at);

		json_begin_object(&w);
		json_key(&w, "letter");
		json_int(&w, jobs[i].letter_id);
		print_json_str(&w, "case", r->found ? r->letter.case_id : NULL);
		print_json_str(&w, "kind", r->found ? r->letter.kind : NULL);
		print_json_str(&w, "channel", r->found ? r->letter.channel : NULL);
		print_json_str(&w, "state", r->found ? r->letter.state : NULL);
		print_json_str(&w, "queued", queued);
		print_json_str(&w, "name", r->c ? r->c->rec.name : NULL);
		print_json_str(&w, "postcode", r->c ? r->c->rec.postcode : NULL);
		print_json_str(&w, "address", r->c ? r->c->rec.address : NULL);
		json_key(&w, "files");
		json_begin_array(&w);
		for (size_t k = 0; k < jobs[i].n_files; k++) {
			char *path = g_build_filename(dir, jobs[i].files[k], NULL);

			json_string(&w, path);
			g_free(path);
		}
		json_end_array(&w);
		json_end_object(&w);
		g_free(queued);
	}
	json_end_array(&w);
	json_finish(&w);
}

static void
print_list_table(const struct output *o, const struct delivery_print_job *jobs,
		 const struct print_row *rows, size_t n)
{
	static const char *head[] = { "LETTER", "CASE", "KIND", "STATE",
				      "QUEUED", "FILES", "TO" };
	/* The recipient whole: the clerk checks it against the envelope. */
	static const size_t maxw[] = { 8, 11, 16, 8, 16, 5, SIZE_MAX };
	struct output_table t = { 7, head, maxw, g_ptr_array_new() };

	for (size_t i = 0; i < n; i++) {
		const struct print_row *r = &rows[i];
		char **row = g_new0(char *, 8);
		char *queued = output_time(o, jobs[i].queued_at);

		row[0] = g_strdup_printf("%" PRId64, jobs[i].letter_id);
		row[1] = g_strdup(r->found ? r->letter.case_id : NULL);
		row[2] = g_strdup(r->found ? r->letter.kind : NULL);
		row[3] = g_strdup(r->found ? r->letter.state : NULL);
		/* "2026-12-05T09:30": the minute is enough to find a sheet. */
		row[4] = g_strndup(queued, 16);
		row[5] = g_strdup_printf("%zu", jobs[i].n_files);
		row[6] = r->c == NULL ? NULL
		       : g_strjoin(" ", r->c->rec.postcode ? r->c->rec.postcode : "",
				   r->c->rec.address ? r->c->rec.address : "",
				   r->c->rec.name ? r->c->rec.name : "", NULL);
		g_ptr_array_add(t.rows, row);
		g_free(queued);
	}
	output_table_emit(o->out, &t);
}

static int
print_list(const struct config *cfg, const struct print_args *a)
{
	struct output o = { .out = stdout, .tz = cfg->timezone, .json = a->json };
	struct delivery_print_job *jobs;
	struct ogi_error err = { 0 };
	struct registry *reg;
	struct print_row *rows;
	char *dir;
	size_t n;

	if (delivery_print_list(cfg, &jobs, &n, &err) != 0)
		return print_fail("%s", err.msg);
	if (registry_open(cfg->db_path, true, &reg, &err) != 0) {
		delivery_print_jobs_free(jobs, n);
		return print_fail("%s", err.msg);
	}
	rows = g_new0(struct print_row, n + 1);
	for (size_t i = 0; i < n; i++)
		print_row_load(reg, jobs[i].letter_id, &rows[i]);
	dir = delivery_print_dir(cfg);
	if (o.json)
		print_list_json(&o, dir, jobs, rows, n);
	else
		print_list_table(&o, jobs, rows, n);
	for (size_t i = 0; i < n; i++)
		print_row_clear(&rows[i]);
	g_free(rows);
	g_free(dir);
	delivery_print_jobs_free(jobs, n);
	registry_close(reg);
	return 0;
}

/* --- print done, handed-over ----------------------------------------------- */

/* The day something happened: given (YYYY-MM-DD, not after today) or
 * today, in the office's time zone. */
static int
print_day(const struct config *cfg, const char *given, char day_r[11])
{
	char today[11];
	int y, m, d, rc = 0;
	char end;

	clock_date(cfg->timezone, (int64_t)time(NULL), today);

	if (given == NULL)
		snprintf(day_r, 11, "%s", today);
	else if (sscanf(given, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
		 strlen(given) != 10 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m,
							  (GDateYear)y))
		rc = print_fail("\"%s\" is not a date YYYY-MM-DD", given);
	else if (strcmp(given, today) > 0)
		rc = print_fail("%s is after today (%s)", given, today);
	else
		snprintf(day_r, 11, "%s", given);
	return rc;
}

static bool
print_tracking_ok(const char *t)
{
	size_t len = strlen(t);

	if (len == 0 || len > PRINT_TRACKING_MAX)
		return false;
	for (const char *p = t; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '-')
			return false;
	return true;
}

/* Opens the registry for writing and reads letter operand as its id. */
static int
print_open_letter(const struct config *cfg, const char *operand,
		  struct registry **reg_r, struct registry_letter *l_r)
{
	struct ogi_error err = { 0 };
	bool found = false;
	gint64 id;

	*reg_r = NULL;
	if (!g_ascii_string_to_signed(operand, 10, 1, G_MAXINT64, &id, NULL))
		return print_fail("\"%s\" is not a letter number", operand);
	if (ogictl_registry_open_write(cfg, reg_r, &err) != 0 ||
	    registry_letter_get(*reg_r, id, l_r, &found, &err) != 0) {
		registry_close(*reg_r);
		*reg_r = NULL;
		return print_fail("%s", err.msg);
	}
	if (!found) {
		registry_close(*reg_r);
		*reg_r = NULL;
		return print_fail("no letter %" PRId64, (int64_t)id);
	}
	return 0;
}

/* The case of l is told the reply reached the applicant (answered or
 * delivery_failed -> delivered); a case in another state (a receipt's)
 * only gets the event. */
static int
print_case_delivered(struct registry *reg, const struct registry_letter *l,
		     const char *what)
{
	struct registry_case *c = NULL;
	struct ogi_error err = { 0 };
	int rc;

	if (registry_case_get(reg, l->case_id, &c, &err) != 0 || c == NULL)
		return print_fail("case %s: %s", l->case_id, c ? err.msg : "none");
	if (workflow_transition_check(c->state, "delivered", NULL) == 0) {
		rc = registry_case_transition(reg, c->id, c->state, "delivered",
					      "delivered", what, &err);
		if (rc == 0)
			printf("case %s: delivered\n", c->id);
	} else
		rc = registry_case_event(reg, c->id, "letter-delivered", what, &err);
	registry_case_free(c);
	return rc == 0 ? 0 : print_fail("case %s: %s", l->case_id, err.msg);
}

/* Letter l went (what says how): its files leave the print queue and,
 * with delivered, its case hears the reply reached the applicant. */
static int
print_went(const struct config *cfg, struct registry *reg,
	   const struct registry_letter *l, const char *what, bool delivered)
{
	struct ogi_error err = { 0 };
	size_t removed;

	printf("%s\n", what);
	if (delivery_print_remove(cfg, l->id, &removed, &err) != 0)
		return print_fail("%s", err.msg);
	if (removed > 0)
		printf("letter %" PRId64 ": %zu file%s left the print queue\n",
		       l->id, removed, removed == 1 ? "" : "s");
	return delivered ? print_case_delivered(reg, l, what) : 0;
}

static int
print_done(const struct config *cfg, const struct print_args *a,
	   const char *operand)
{
	struct registry_letter l;
	struct ogi_error err = { 0 };
	struct registry *reg;
	char day[11], *what;
	bool post;
	int rc = 1;

	if (a->tracking != NULL && !print_tracking_ok(a->tracking))
		return print_fail("\"%s\" is not a tracking number (letters, digits "
				  "and -, at most %d)", a->tracking, PRINT_TRACKING_MAX);
	if (print_day(cfg, a->date, day) != 0 ||
	    print_open_letter(cfg, operand, &reg, &l) != 0)
		return 1;
	/* A letter by post, or one sent by pickup that does not wait at the
	 * office (then its own sheet, not a notice, went out). */
	post = strcmp(l.channel, "post") == 0 ||
	       (strcmp(l.channel, "pickup") == 0 && !delivery_pickup_waits(l.kind));
	if (strcmp(l.channel, "post") != 0 && strcmp(l.channel, "pickup") != 0) {
		print_fail("letter %" PRId64 " goes by %s, not by post", l.id, l.channel);
		goto out;
	}
	if (strcmp(l.state, "queued") != 0) {
		print_fail("letter %" PRId64 " is %s, not waiting in the print queue",
			   l.id, l.state);
		goto out;
	}
	if (strcmp(l.channel, "post") == 0 && a->tracking == NULL) {
		print_fail("letter %" PRId64 ": give the postal tracking number "
			   "(--tracking)", l.id);
		goto out;
	}
	what = g_strdup_printf("letter %" PRId64 " (%s) posted on %s%s%s", l.id,
			       l.kind, day, a->tracking ? ", tracking " : "",
			       a->tracking ? a->tracking : "");
	if (a->tracking != NULL &&
	    registry_letter_set_tracking(reg, l.id, a->tracking, (int64_t)time(NULL),
					 &err) != 0)
		print_fail("%s", err.msg);
	else if (post && registry_letter_transition(reg, l.id, "queued", "sent", what,
						    (int64_t)time(NULL), &err) != 0)
		print_fail("%s", err.msg);
	else if (!post && registry_case_event(reg, l.case_id, "pickup-notice-posted",
					      what, &err) != 0)
		print_fail("%s", err.msg);
	else
		rc = print_went(cfg, reg, &l, what, post);
	g_free(what);
out:
	registry_letter_clear(&l);
	registry_close(reg);
	return rc;
}

int
ctl_print(const struct config *cfg, int argc, char **argv)
{
	struct print_args a = { 0 };

	if (print_opts(argc, argv, &a) != 0 || a.first >= argc)
		return print_usage();
	if (strcmp(argv[a.first], "list") == 0 && a.first + 1 == argc &&
	    a.tracking == NULL && a.date == NULL)
		return print_list(cfg, &a);
	if (strcmp(argv[a.first], "done") == 0 && a.first + 2 == argc && !a.json)
		return print_done(cfg, &a, argv[a.first + 1]);
	return print_usage();
}

int
ctl_handed_over(const struct config *cfg, int argc, char **argv)
{
	struct print_args a = { 0 };
	struct registry_letter l;
	struct ogi_error err = { 0 };
	struct registry *reg;
	char day[11], *what;
	int rc = 1;

	if (print_opts(argc, argv, &a) != 0 || a.first + 1 != argc || a.json ||
	    a.tracking != NULL)
		return print_usage();
	if (print_day(cfg, a.date, day) != 0 ||
	    print_open_letter(cfg, argv[a.first], &reg, &l) != 0)
		return 1;
	if (strcmp(l.channel, "pickup") != 0 || !delivery_pickup_waits(l.kind)) {
		print_fail("letter %" PRId64 " (%s by %s) does not wait for "
			   "collection", l.id, l.kind, l.channel);
		goto out;
	}
	what = g_strdup_printf("letter %" PRId64 " (%s) handed over at the office on %s",
			       l.id, l.kind, day);
	/* Collection is the letter's going out and arriving at once. */
	if ((strcmp(l.state, "queued") == 0 &&
	     registry_letter_transition(reg, l.id, "queued", "sent", what,
					(int64_t)time(NULL), &err) != 0) ||
	    ((strcmp(l.state, "queued") == 0 || strcmp(l.state, "sent") == 0) &&
	     registry_letter_transition(reg, l.id, "sent", "delivered", what,
					(int64_t)time(NULL), &err) != 0))
		print_fail("%s", err.msg);
	else if (strcmp(l.state, "queued") != 0 && strcmp(l.state, "sent") != 0)
		print_fail("letter %" PRId64 " is %s, not waiting for collection",
			   l.id, l.state);
	else
		rc = print_went(cfg, reg, &l, what, true);
	g_free(what);
out:
	registry_letter_clear(&l);
	registry_close(reg);
	return rc;
}
