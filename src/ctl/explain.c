/* `ogictl explain` and `ogictl review`: why the extractor decided what it
 * did.  A message in the registry is shown as recorded when it arrived; a
 * file is parsed now, by the same sandboxed parser worker ogid uses
 * (ogictl re-executes itself with --parse-worker), so a hostile file
 * cannot reach ogictl's own memory either. */
#include "ctl/explain.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"
#include "ctl/output.h"
#include "daemon/parser.h"
#include "registry/pages.h"
#include "registry/registry.h"

/* Parses the options of explain and review; returns the index of the
 * first operand or -1.  intake_r may be NULL where --intake is no option
 * (review). */
static int
explain_opts(int argc, char **argv, bool *json_r, const char **intake_r)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "intake", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			*json_r = true;
		else if (c == 'i' && intake_r != NULL)
			*intake_r = optarg;
		else
			return -1;
	}
	return optind;
}

static const struct config_intake *
explain_intake_named(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n_intakes; i++)
		if (strcmp(cfg->intakes[i].name, name) == 0)
			return &cfg->intakes[i];
	return NULL;
}

/* What ogid knew of the message of data when it parsed it: its intake,
 * the one named (--intake), else the one the registry recorded the same
 * bytes from, else *in_r NULL (a mail intake's job, as for a message never
 * taken in; an intake recorded but no longer configured is the latter
 * too); and its receipt, recorded, else *received_at_r 0. */
static int
explain_context(const struct config *cfg, const char *name, const char *data,
		size_t len, const struct config_intake **in_r,
		int64_t *received_at_r, struct ogi_error *err)
{
	struct registry *reg;
	char *sha256, *mailbox = NULL;
	int rc = 0;

	*in_r = NULL;
	*received_at_r = 0;
	if (name != NULL) {
		*in_r = explain_intake_named(cfg, name);
		if (*in_r == NULL) {
			error_set(err, "no intake %s in the configuration", name);
			return -1;
		}
	}
	if (!g_file_test(cfg->db_path, G_FILE_TEST_EXISTS))
		return 0;
	if (registry_open(cfg->db_path, true, &reg, err) != 0)
		return -1;
	sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
					     (const guchar *)data, len);
	rc = registry_message_mailbox(reg, sha256, &mailbox, received_at_r, err);
	if (rc == 0 && mailbox != NULL && name == NULL)
		*in_r = explain_intake_named(cfg, mailbox);
	g_free(mailbox);
	g_free(sha256);
	registry_close(reg);
	return rc;
}

/* Reads path whole, refusing what ogid would not parse either. */
static int
explain_read(const struct config *cfg, const char *path, char **data_r,
	     size_t *len_r, struct ogi_error *err)
{
	GError *gerr = NULL;
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		error_set(err, "%s: not a regular file", path);
		return -1;
	}
	if ((uintmax_t)st.st_size > cfg->limits.max_message_size) {
		error_set(err, "%s: %jd bytes exceed max_message_size (%zu): ogid "
			  "would keep it unparsed", path, (intmax_t)st.st_size,
			  cfg->limits.max_message_size);
		return -1;
	}
	if (!g_file_get_contents(path, data_r, len_r, &gerr)) {
		error_set(err, "%s", gerr->message);
		g_error_free(gerr);
		return -1;
	}
	return 0;
}

static int
explain_file(const struct config *cfg, const struct output *o,
	     const char *path, const char *intake, struct ogi_error *err)
{
	volatile sig_atomic_t stop = 0;
	char *own_contacts[PARSER_OWN_CONTACTS + 1];
	struct wire_job job;
	struct wire_result res = { 0 };
	char *values[EXTRACT_FIELD_COUNT] = { 0 };
	const struct config_intake *in;
	struct parser *p = NULL;
	int64_t received_at;
	char *data = NULL;
	size_t len = 0;
	int rc = -1;

	if (explain_read(cfg, path, &data, &len, err) != 0 ||
	    explain_context(cfg, intake, data, len, &in, &received_at, err) != 0 ||
	    parser_open(&cfg->parser, &p, err) != 0)
		goto out;
	/* The daemon's context, or the office's own fax printed on its form
	 * would show as the applicant's here while ogid leaves it out; and
	 * its intake's, or a fax intake's caller ID would not be vouched. */
	parser_job_init(cfg, in, own_contacts, &job);
	job.raw = (const unsigned char *)data;
	job.raw_len = len;
	/* The day of receipt decides whether the application's date is
	 * after it; a message never recorded is received now. */
	clock_date(cfg->timezone, received_at != 0 ? received_at : (int64_t)time(NULL),
		   job.today);
	if (parser_run(p, &job, &stop, &res, err) != 0)
		goto out;
	if (res.rec == NULL) {
		error_set(err, "%s: not parsed: %s", path, res.parse_error);
		goto out;
	}
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++)
		values[f] = extract_field_text(res.rec, f);
	output_explain(o, &(struct output_explain){
		.what = path,
		.kind = extract_kind_name(res.rec->kind),
		.case_id = res.rec->case_ref,
		.verdict = extract_verdict_name(res.rec->verdict),
		.review = res.rec->review,
		.values = values,
		.info = res.rec->info,
	});
	rc = 0;
out:
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++)
		g_free(values[f]);
	parser_close(p);
	wire_result_clear(&res);
	g_free(data);
	return rc;
}

static int
explain_recorded(struct registry *reg, const struct output *o,
		 const char *which, struct ogi_error *err)
{
	struct registry_explain *ex;
	struct registry_case *c = NULL;
	char *what;

	if (registry_message_explain(reg, which, &ex, err) != 0)
		return -1;
	if (ex == NULL) {
		error_set(err, "no message or file %s", which);
		return -1;
	}
	if (ex->msg.case_id != NULL &&
	    registry_case_get(reg, ex->msg.case_id, &c, err) != 0) {
		registry_explain_free(ex);
		return -1;
	}
	what = g_strdup_printf("%s/%s", ex->msg.mailbox, ex->msg.uid);
	output_explain(o, &(struct output_explain){
		.what = what,
		.kind = ex->msg.kind,
		.case_id = ex->msg.case_id,
		.verdict = c != NULL ? c->state : ex->msg.disposition,
		.review = c != NULL ? c->rec.review : NULL,
		.values = ex->values,
		.info = ex->info,
	});
	g_free(what);
	registry_case_free(c);
	registry_explain_free(ex);
	return 0;
}

int
ctl_explain(const struct config *cfg, int argc, char **argv)
{
	struct output o = { .out = stdout, .tz = cfg->timezone };
	struct ogi_error err = { 0 };
	const char *intake = NULL;
	int first = explain_opts(argc, argv, &o.json, &intake), rc;
	struct registry *reg;
	struct stat st;

	if (first < 0 || first + 1 != argc) {
		fputs("usage: ogictl explain [--json] [--intake NAME] "
		      "MESSAGE|FILE.eml\n", stderr);
		return 2;
	}
	if (stat(argv[first], &st) == 0) {
		rc = explain_file(cfg, &o, argv[first], intake, &err);
	} else if (intake != NULL) {
		/* A recorded message is shown as ogid read it, from its
		 * own intake. */
		error_set(&err, "--intake is for a FILE; %s is not one",
			  argv[first]);
		rc = -1;
	} else if (registry_open(cfg->db_path, true, &reg, &err) == 0) {
		rc = explain_recorded(reg, &o, argv[first], &err);
		registry_close(reg);
	} else {
		rc = -1;
	}
	if (rc != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	return 0;
}

/* One case waiting for a clerk: each field of the message that made it,
 * with its value, confidence, rule and line, and the pages OCR read. */
static int
review_case(const struct config *cfg, struct registry *reg,
	    const struct output *o, const char *id, struct ogi_error *err)
{
	struct registry_case *c = NULL;
	struct registry_explain *ex = NULL;
	struct registry_page *pages = NULL;
	size_t n_pages = 0;
	char *what = NULL;
	int rc = -1;

	if (registry_case_get(reg, id, &c, err) != 0)
		return -1;
	if (c == NULL) {
		error_set(err, "no case %s", id);
		return -1;
	}
	if (c->n_messages == 0 ||
	    registry_message_explain(reg, c->messages[0], &ex, err) != 0 ||
	    registry_pages_of_case(reg, c->id, &pages, &n_pages, err) != 0)
		goto out;
	if (ex == NULL) {
		error_set(err, "case %s: its message is not recorded", id);
		goto out;
	}
	what = g_strdup_printf("%s/%s", ex->msg.mailbox, ex->msg.uid);
	output_explain(o, &(struct output_explain){
		.what = what,
		.kind = ex->msg.kind,
		.case_id = c->id,
		.verdict = c->state,
		.review = c->rec.review,
		.values = ex->values,
		.info = ex->info,
		.pages = pages,
		.n_pages = n_pages,
		.state_dir = cfg->state_dir,
	});
	rc = 0;
out:
	g_free(what);
	registry_pages_free(pages, n_pages);
	if (ex != NULL)
		registry_explain_free(ex);
	registry_case_free(c);
	return rc;
}

int
ctl_review(const struct config *cfg, int argc, char **argv)
{
	struct output o = { .out = stdout, .tz = cfg->timezone };
	struct ogi_error err = { 0 };
	struct registry_case **cases = NULL;
	struct registry *reg;
	size_t n = 0;

	int first = explain_opts(argc, argv, &o.json, NULL);

	if (first < 0 || first + 1 < argc) {
		fputs("usage: ogictl review [--json] [ID]\n", stderr);
		return 2;
	}
	if (registry_open(cfg->db_path, true, &reg, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	if (first < argc) {
		int rc = review_case(cfg, reg, &o, argv[first], &err);

		registry_close(reg);
		if (rc != 0)
			fprintf(stderr, "ogictl: %s\n", err.msg);
		return rc != 0;
	}
	if (registry_cases(reg, "needs_review", &cases, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		registry_close(reg);
		return 1;
	}
	output_review(&o, cases, n);
	registry_cases_free(cases, n);
	registry_close(reg);
	return 0;
}
