/* The registry: schema and migrations, tracking numbers, duplicates,
 * dispositions, the append-only event log, atomicity of registry_record,
 * read-only opening and the round trip of every case field.  Each test
 * works in a fresh temporary directory; a few look at the file with SQLite
 * directly to see what the API does not show. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "registry-fixture.h"
#include "registry/registry.h"
#include "workflow/workflow.h"


/* Records a message with what the office's policy decides for it, as the
 * daemon does: the registry stores decisions, it makes none. */
static int
record_as(struct registry *reg, const struct registry_message *msg,
	  const struct extract_record *rec, int tz, const char *deadline,
	  struct registry_outcome *out, struct ogi_error *err)
{
	struct workflow_decision wf;
	struct registry_decision d;
	struct extract_record judged;
	bool known = false;

	/* Judged as the extractor judges a record with no doubt in it. */
	if (rec != NULL && rec->kind == EXTRACT_KIND_APPLICATION &&
	    rec->verdict == EXTRACT_VERDICT_NONE) {
		judged = *rec;
		judged.verdict = rec->missing != 0 || rec->invalid != 0
				 ? EXTRACT_VERDICT_INCOMPLETE
				 : EXTRACT_VERDICT_COMPLETE;
		rec = &judged;
	}
	if (rec != NULL && rec->case_ref != NULL &&
	    registry_case_exists(reg, rec->case_ref, &known, err) != 0)
		return -1;
	workflow_decide(rec, msg->problems != NULL, known, NULL, &wf);
	d = (struct registry_decision){
		.disposition = workflow_disposition_name(wf.disposition),
		.state = wf.state,
		.link_case = wf.link_case,
		.reason = wf.reason,
		.deadline = wf.state != NULL ? deadline : NULL,
	};
	return registry_record(reg, msg, rec, &d, tz, out, err);
}

/* --- helpers --------------------------------------------------------------- */

/* A message with its own sha256 and uid (n distinguishes them). */
struct test_msg {
	char sha[65];
	char uid[32];
	struct registry_message m;
};

static void
make_msg(struct test_msg *t, int n, int64_t received_at)
{
	snprintf(t->sha, sizeof(t->sha), "%064x", n);
	snprintf(t->uid, sizeof(t->uid), "1700000000.M%dP1.host", n);
	t->m = (struct registry_message){
		.sha256 = t->sha,
		.mailbox = "mail",
		.uid = t->uid,
		.raw_path = "spool/2026/11/20/x.eml",
		.received_at = received_at,
		.channel = "mail",
		.message_id = "<m@example.cn>",
		.from_addr = "zhang@example.cn",
		.subject = "政府信息公开申请",
	};
}

static struct extract_record
make_rec(enum extract_kind kind)
{
	return (struct extract_record){
		.kind = kind,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.request = (char *)"2025年本区道路维修资金使用情况",
	};
}

/* Records a message n received at t; fails the test on error. */
static struct registry_outcome
record(struct registry_fixture *f, int64_t t, int tz,
       const struct extract_record *rec, const char *problems)
{
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;

	make_msg(&tm, ++f->serial, t);
	tm.m.problems = problems;
	if (record_as(f->reg, &tm.m, rec, tz, NULL, &out, &err) != 0)
		fail_msg("record: %s", err.msg);
	return out;
}

static sqlite3 *
raw_open(const struct registry_fixture *f)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	return db;
}

/* The integer the static query sql returns. */
static int64_t
raw_int(const struct registry_fixture *f, const char *sql)
{
	sqlite3 *db = raw_open(f);
	sqlite3_stmt *st;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	return v;
}

static int
raw_exec(const struct registry_fixture *f, const char *sql)
{
	sqlite3 *db = raw_open(f);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	return rc;
}

static void
reopen(struct registry_fixture *f)
{
	struct ogi_error err = { 0 };

	registry_close(f->reg);
	f->reg = NULL;
	if (registry_open(f->path, false, &f->reg, &err) != 0)
		fail_msg("re-open: %s", err.msg);
}

/* --- schema ------------------------------------------------------------------ */

static void
test_migration_and_reopen(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	int version = registry_schema_version(f->reg);
	struct registry_case *c;
	struct ogi_error err = { 0 };

	assert_true(version >= 1);
	assert_int_equal(raw_int(f, "PRAGMA user_version"), version);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM sqlite_master WHERE name IN"
				 " ('messages', 'cases', 'case_seq', 'doc_seq', 'events')"), 5);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM sqlite_master WHERE"
				 " type = 'trigger' AND tbl_name = 'events'"), 2);
	record(f, T0, TZ_SHANGHAI, &rec, NULL);

	/* Re-running a migration would fail on CREATE TABLE or lose data. */
	reopen(f);
	assert_int_equal(registry_schema_version(f->reg), version);
	assert_int_equal(raw_int(f, "PRAGMA user_version"), version);
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_non_null(c);
	registry_case_free(c);
	assert_string_equal(record(f, T0, TZ_SHANGHAI, &rec, NULL).case_id,
			    "2026-000002");
}

static void
test_pragmas(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_SPAM);
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;
	sqlite3 *db = raw_open(f);
	sqlite3_stmt *st;

	/* WAL is stored in the file. */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);

	/* Foreign keys are per connection: a trigger run by the registry's
	 * own connection inserts an event for a case that does not exist. */
	assert_int_equal(raw_exec(f, "CREATE TRIGGER t_fk AFTER INSERT ON messages"
				  " BEGIN INSERT INTO events (at, case_id, type)"
				  " VALUES (0, '1999-000001', 'x'); END"), SQLITE_OK);
	make_msg(&tm, 1, T0);
	assert_int_equal(record_as(f->reg, &tm.m, &rec, TZ_SHANGHAI, NULL,
					 &out, &err), -1);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
}

static void
test_file_mode(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	char wal[160], other[sizeof(f->path)];
	struct stat sb;
	mode_t old = umask(022);
	FILE *fp;

	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* A new database under a permissive umask, and its WAL file. */
	registry_close(f->reg);
	f->reg = NULL;
	assert_int_equal(unlink(f->path), 0);
	reopen(f);
	record(f, T0, TZ_SHANGHAI, &rec, NULL);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* An existing world-readable file is tightened. */
	registry_close(f->reg);
	f->reg = NULL;
	snprintf(other, sizeof(other), "%s/other.db", f->dir);
	fp = fopen(other, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(chmod(other, 0644), 0);
	memcpy(f->path, other, sizeof(f->path));
	reopen(f);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	umask(old);
}

static void
test_readonly(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct registry *ro = NULL;
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;
	char missing[128];
	size_t n;
	struct registry_case **cases;

	snprintf(missing, sizeof(missing), "%s/missing.db", f->dir);
	assert_int_equal(registry_open(missing, true, &ro, &err), -1);
	assert_null(ro);
	assert_non_null(strstr(err.msg, missing));
	assert_int_equal(access(missing, F_OK), -1);

	record(f, T0, TZ_SHANGHAI, &rec, NULL);
	if (registry_open(f->path, true, &ro, &err) != 0)
		fail_msg("read-only open: %s", err.msg);
	assert_int_equal(registry_cases(ro, NULL, &cases, &n, &err), 0);
	assert_int_equal(n, 1);
	registry_cases_free(cases, n);
	registry_close(ro);

	/* With ogid stopped: no -wal or -shm file left. */
	registry_close(f->reg);
	f->reg = NULL;
	if (registry_open(f->path, true, &ro, &err) != 0)
		fail_msg("read-only open, writer closed: %s", err.msg);
	assert_int_equal(registry_cases(ro, NULL, &cases, &n, &err), 0);
	assert_int_equal(n, 1);
	registry_cases_free(cases, n);
	make_msg(&tm, 99, T0);
	assert_int_equal(record_as(ro, &tm.m, &rec, TZ_SHANGHAI, NULL, &out,
					 &err), -1);
	assert_false(out.created);
	registry_close(ro);
}

/* --- tracking numbers -------------------------------------------------------- */

static void
test_sequence(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct registry_outcome out = record(f, T0, TZ_SHANGHAI, &rec, NULL);

	assert_string_equal(out.case_id, "2026-000001");
	assert_true(out.created);
	assert_false(out.duplicate);
	assert_string_equal(out.disposition, "case");
	out = record(f, T0 + 60, TZ_SHANGHAI, &rec, NULL);
	assert_string_equal(out.case_id, "2026-000002");
	assert_true(out.created);
}

static void
test_year_rollover(void **state)
{
	static const struct {
		int64_t t;
		int tz;
		const char *id;
	} cases[] = {
		/* 2026-12-31T23:30+08:00 (15:30 UTC): still 2026 */
		{ INT64_C(1798731000), TZ_SHANGHAI, "2026-000001" },
		/* 2027-01-01T00:10+08:00, UTC still 2026-12-31T16:10 */
		{ INT64_C(1798733400), TZ_SHANGHAI, "2027-000001" },
		/* 2026-12-31T22:00-05:00, UTC already 2027-01-01T03:00 */
		{ INT64_C(1798772400), -5 * 3600, "2026-000002" },
		{ INT64_C(1798733400) + 60, TZ_SHANGHAI, "2027-000002" },
	};
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		assert_string_equal(record(f, cases[i].t, cases[i].tz, &rec, NULL).case_id,
				    cases[i].id);
}

/* --- duplicates -------------------------------------------------------------- */

static void
test_duplicates(void **state)
{
	static const struct {
		const char *what;
		bool same_sha, same_uid;
	} cases[] = {
		{ "same bytes, other uid", true, false },
		{ "same uid, other bytes", false, true },
		{ "same both", true, true },
	};
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct test_msg first, again;
		struct registry_outcome out;
		struct ogi_error err = { 0 };
		int64_t events;
		char id[16];
		bool known;

		make_msg(&first, 100 + (int)i, T0);
		assert_int_equal(record_as(f->reg, &first.m, &rec, TZ_SHANGHAI, NULL, &out, &err), 0);
		snprintf(id, sizeof(id), "%s", out.case_id);
		make_msg(&again, 200 + (int)i, T0 + 10);
		if (cases[i].same_sha)
			memcpy(again.sha, first.sha, sizeof(again.sha));
		if (cases[i].same_uid)
			memcpy(again.uid, first.uid, sizeof(again.uid));

		assert_int_equal(registry_message_known(f->reg, again.sha, again.m.mailbox,
							again.uid, &known, &err), 0);
		assert_true(known);
		events = raw_int(f, "SELECT count(*) FROM events");
		if (record_as(f->reg, &again.m, &rec, TZ_SHANGHAI, NULL, &out,
				    &err) != 0)
			fail_msg("%s: %s", cases[i].what, err.msg);
		assert_true(out.duplicate);
		assert_false(out.created);
		assert_string_equal(out.case_id, id);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM messages"), i + 1);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM cases"), i + 1);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM events"), events + 1);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
					 " type = 'duplicate'"), i + 1);
		/* The second identity is known from now on by itself, so the
		 * copy is not fetched again at every poll. */
		assert_int_equal(registry_message_known(f->reg, NULL, again.m.mailbox,
							again.uid, &known, &err), 0);
		assert_true(known);
	}
}

static void
test_message_known(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_SPAM);
	struct ogi_error err = { 0 };
	struct test_msg tm, other;
	char disposition[16];
	bool known = true;

	make_msg(&tm, 1, T0);
	make_msg(&other, 2, T0);
	assert_int_equal(registry_message_known(f->reg, tm.sha, "mail", tm.uid,
						&known, &err), 0);
	assert_false(known);
	f->serial = 0;
	record(f, T0, TZ_SHANGHAI, &rec, NULL);   /* message 1 */
	assert_int_equal(registry_message_known(f->reg, NULL, "mail", tm.uid,
						&known, &err), 0);
	assert_true(known);
	assert_int_equal(registry_message_known(f->reg, tm.sha, NULL, NULL,
						&known, &err), 0);
	assert_true(known);
	assert_int_equal(registry_message_known(f->reg, NULL, "fax", tm.uid,
						&known, &err), 0);
	assert_false(known);
	assert_int_equal(registry_message_known(f->reg, other.sha, "mail", other.uid,
						&known, &err), 0);
	assert_false(known);

	/* What a restart needs to mark a recorded message right. */
	assert_int_equal(registry_message_disposition(f->reg, "mail", tm.uid,
						      disposition, &err), 0);
	assert_string_equal(disposition, "ignored");
	assert_int_equal(registry_message_disposition(f->reg, "mail", other.uid,
						      disposition, &err), 0);
	assert_string_equal(disposition, "");
}

/* --- states and dispositions ---------------------------------------------- */

static void
test_incomplete_state(void **state)
{
	static const struct {
		unsigned missing, invalid;
		const char *state;
	} cases[] = {
		{ 0, 0, "registered" },
		{ EXTRACT_ELEM_SIGNATURE, 0, "incomplete" },
		{ EXTRACT_ELEM_NAME | EXTRACT_ELEM_DATE, 0, "incomplete" },
		{ 0, EXTRACT_INVALID_ID_NUMBER, "incomplete" },
	};
	struct registry_fixture *f = *state;
	struct registry_case **list;
	size_t n;
	struct ogi_error err = { 0 };

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
		struct registry_outcome out;
		struct registry_case *c;

		rec.missing = cases[i].missing;
		rec.invalid = cases[i].invalid;
		out = record(f, T0 + (int64_t)i, TZ_SHANGHAI, &rec, NULL);
		assert_int_equal(registry_case_get(f->reg, out.case_id, &c, &err), 0);
		assert_non_null(c);
		assert_string_equal(c->state, cases[i].state);
		assert_int_equal(c->rec.missing, cases[i].missing);
		assert_int_equal(c->rec.invalid, cases[i].invalid);
		registry_case_free(c);
	}
	assert_int_equal(registry_cases(f->reg, "incomplete", &list, &n, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(list[i]->state, "incomplete");
	assert_string_equal(list[0]->id, "2026-000002");
	registry_cases_free(list, n);
	assert_int_equal(registry_cases(f->reg, "registered", &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0]->id, "2026-000001");
	registry_cases_free(list, n);
	assert_int_equal(registry_cases(f->reg, NULL, &list, &n, &err), 0);
	assert_int_equal(n, 4);
	registry_cases_free(list, n);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM cases WHERE"
				 " missing = 'name,date' AND invalid = ''"), 1);
}

static void
test_dispositions(void **state)
{
	static const struct {
		enum extract_kind kind;
		const char *case_ref;   /* "known" stands for the first case */
		const char *problems;
		const char *disposition;
		bool linked;
	} cases[] = {
		{ EXTRACT_KIND_CORRECTION_REPLY, "known", NULL, "linked", true },
		{ EXTRACT_KIND_STATUS_QUERY, "known", NULL, "linked", true },
		{ EXTRACT_KIND_CORRECTION_REPLY, "2026-000999", NULL, "needs_review", false },
		{ EXTRACT_KIND_STATUS_QUERY, NULL, NULL, "needs_review", false },
		{ EXTRACT_KIND_CORRECTION_REPLY, "known", "attachment unreadable",
		  "needs_review", true },
		{ EXTRACT_KIND_AUTO_REPLY, "known", NULL, "ignored", false },
		{ EXTRACT_KIND_BOUNCE, NULL, NULL, "ignored", false },
		{ EXTRACT_KIND_SPAM, NULL, NULL, "ignored", false },
		{ EXTRACT_KIND_CONSULTATION, NULL, NULL, "needs_review", false },
		{ EXTRACT_KIND_COMPLAINT, "known", NULL, "needs_review", false },
		{ EXTRACT_KIND_SPAM, NULL, "header too long", "needs_review", false },
	};
	struct registry_fixture *f = *state;
	struct extract_record app = make_rec(EXTRACT_KIND_APPLICATION);
	struct registry_outcome first = record(f, T0, TZ_SHANGHAI, &app, NULL);
	struct registry_message_row *rows;
	struct registry_case *c;
	struct ogi_error err = { 0 };
	size_t n, n_linked = 1;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct extract_record rec = { .kind = cases[i].kind };
		struct registry_outcome out;
		char ref[16];

		if (cases[i].case_ref != NULL) {
			snprintf(ref, sizeof(ref), "%s", strcmp(cases[i].case_ref, "known")
				 ? cases[i].case_ref : first.case_id);
			rec.case_ref = ref;
		}
		out = record(f, T0 + 100 + (int64_t)i, TZ_SHANGHAI, &rec,
			     cases[i].problems);
		assert_string_equal(out.disposition, cases[i].disposition);
		assert_string_equal(out.case_id, cases[i].linked ? first.case_id : "");
		assert_false(out.created);
		n_linked += cases[i].linked;
	}
	assert_int_equal(raw_int(f, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE type = 'linked'"
				 " AND case_id = '2026-000001'"), 3);

	assert_int_equal(registry_messages(f->reg, &rows, &n, &err), 0);
	assert_int_equal(n, 1 + G_N_ELEMENTS(cases));
	assert_string_equal(rows[0].kind, "application");
	assert_string_equal(rows[0].disposition, "case");
	assert_string_equal(rows[0].case_id, "2026-000001");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_string_equal(rows[i + 1].disposition, cases[i].disposition);
		if (cases[i].linked)
			assert_string_equal(rows[i + 1].case_id, first.case_id);
		else
			assert_null(rows[i + 1].case_id);
		if (cases[i].problems != NULL)
			assert_string_equal(rows[i + 1].problems, cases[i].problems);
		else
			assert_null(rows[i + 1].problems);
	}
	registry_message_rows_free(rows, n);

	assert_int_equal(registry_case_get(f->reg, first.case_id, &c, &err), 0);
	assert_non_null(c);
	assert_int_equal(c->n_messages, n_linked);
	assert_null(c->messages[c->n_messages]);
	registry_case_free(c);
}

static void
test_application_with_problems(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct registry_outcome out = record(f, T0, TZ_SHANGHAI, &rec,
					     "attachment 2: encrypted PDF");

	assert_true(out.created);
	assert_string_equal(out.case_id, "2026-000001");
	assert_string_equal(out.disposition, "needs_review");
}

static void
test_unparsed(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_outcome out = record(f, T0, TZ_SHANGHAI, NULL,
					     "not a MIME message");
	struct registry_message_row *rows;
	struct ogi_error err = { 0 };
	size_t n;

	assert_false(out.created);
	assert_false(out.duplicate);
	assert_string_equal(out.case_id, "");
	assert_string_equal(out.disposition, "needs_review");
	assert_int_equal(registry_messages(f->reg, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].kind, "unparsed");
	assert_string_equal(rows[0].disposition, "needs_review");
	assert_string_equal(rows[0].problems, "not a MIME message");
	assert_string_equal(rows[0].mailbox, "mail");
	assert_string_equal(rows[0].subject, "政府信息公开申请");
	assert_int_equal(rows[0].received_at, T0);
	registry_message_rows_free(rows, n);
}

/* A state changes only from the state the caller saw: two clerks (or a
 * clerk and the daemon) cannot both move the same case. */
static void
test_case_transition(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct ogi_error err = { 0 };
	struct registry_case *c;

	record(f, T0, TZ_SHANGHAI, &rec, NULL);
	assert_int_equal(registry_case_transition(f->reg, "2026-000001",
						  "registered", "answered",
						  "decided", "published", &err), 0);
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_string_equal(c->state, "answered");
	registry_case_free(c);
	/* Statements are kept between calls: the event names no message,
	 * not the one the record's event named before it. */
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'decided' AND detail = 'published'"
				 " AND case_id = '2026-000001'"
				 " AND message_id IS NULL AND actor = 'ogid'"), 1);
	/* The second clerk still thinks it is registered. */
	err.msg[0] = '\0';
	assert_int_equal(registry_case_transition(f->reg, "2026-000001",
						  "registered", "extended",
						  "extended", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no longer registered"));
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_string_equal(c->state, "answered");
	registry_case_free(c);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'extended'"), 0);
	/* No such case. */
	assert_int_equal(registry_case_transition(f->reg, "2026-000099",
						  "registered", "answered",
						  "decided", NULL, &err), -1);
}

/* Every event names who caused it: the daemon unless told otherwise, the
 * clerk a command runs for; and the default comes back. */
static void
test_event_actor(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct ogi_error err = { 0 };

	record(f, T0, TZ_SHANGHAI, &rec, NULL);
	registry_set_actor(f->reg, "zhang.li");
	assert_int_equal(registry_case_transition(f->reg, "2026-000001",
						  "registered", "extended",
						  "extended", NULL, &err), 0);
	registry_set_actor(f->reg, "");
	assert_int_equal(registry_case_transition(f->reg, "2026-000001",
						  "extended", "answered",
						  "decided", NULL, &err), 0);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'registered' AND actor = 'ogid'"), 1);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'extended' AND detail = 'extended'"
				 " AND actor = 'zhang.li'"), 1);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'decided' AND actor = 'ogid'"), 1);
}

/* --- integrity ---------------------------------------------------------------- */

static void
test_events_append_only(void **state)
{
	static const char *const attempts[] = {
		"UPDATE events SET type = 'forged'",
		"UPDATE events SET detail = NULL WHERE id = 1",
		"DELETE FROM events",
		"DELETE FROM events WHERE id = 1",
	};
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);

	record(f, T0, TZ_SHANGHAI, &rec, NULL);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'registered' AND case_id = '2026-000001'"
				 " AND message_id IS NOT NULL"), 1);
	for (size_t i = 0; i < G_N_ELEMENTS(attempts); i++)
		assert_int_equal(raw_exec(f, attempts[i]), SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM events WHERE"
				 " type = 'registered'"), 1);
	assert_int_equal(raw_exec(f, "INSERT INTO events (at, type) VALUES (1, 'x')"),
			 SQLITE_OK);
}

static void
test_failure_writes_nothing(void **state)
{
	/* A trigger makes one insert fail after the sequence, the case and (for
	 * the events row) the message were written. */
	static const struct {
		const char *trigger;
	} cases[] = {
		{ "CREATE TRIGGER t_fail BEFORE INSERT ON events"
		  " BEGIN SELECT RAISE(ABORT, 'forced'); END" },
		{ "CREATE TRIGGER t_fail BEFORE INSERT ON messages"
		  " BEGIN SELECT RAISE(ABORT, 'forced'); END" },
	};
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct registry_outcome out;
		struct ogi_error err = { 0 };
		struct test_msg tm;

		assert_int_equal(raw_exec(f, cases[i].trigger), SQLITE_OK);
		make_msg(&tm, 1, T0);
		assert_int_equal(record_as(f->reg, &tm.m, &rec, TZ_SHANGHAI, NULL,
						 &out, &err), -1);
		assert_non_null(strstr(err.msg, "forced"));
		assert_false(out.created);
		assert_string_equal(out.case_id, "");
		assert_int_equal(raw_int(f, "SELECT count(*) FROM messages"), 0);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM cases"), 0);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM case_seq"), 0);
		assert_int_equal(raw_int(f, "SELECT count(*) FROM events"), 0);
		assert_int_equal(raw_exec(f, "DROP TRIGGER t_fail"), SQLITE_OK);
	}
	/* The connection is usable and the number was not consumed. */
	f->serial = 0;
	assert_string_equal(record(f, T0, TZ_SHANGHAI, &rec, NULL).case_id,
			    "2026-000001");
}

static void
test_constraint_failure(void **state)
{
	/* Channel checks and NOT NULL columns, without any trigger help. */
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct extract_record spam = make_rec(EXTRACT_KIND_SPAM);
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;

	make_msg(&tm, 1, T0);
	tm.m.raw_path = NULL;   /* messages.raw_path NOT NULL, after the case */
	assert_int_equal(record_as(f->reg, &tm.m, &rec, TZ_SHANGHAI, NULL,
					 &out, &err), -1);
	assert_non_null(strstr(err.msg, "insert message"));
	make_msg(&tm, 2, T0);
	tm.m.channel = "pigeon";
	assert_int_equal(record_as(f->reg, &tm.m, &spam, TZ_SHANGHAI, NULL,
					 &out, &err), -1);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM messages"), 0);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(raw_int(f, "SELECT count(*) FROM case_seq"), 0);
}

/* --- round trip -------------------------------------------------------------- */

/* A case a clerk must decide keeps why, the agent beside the applicant,
 * and every field's provenance for ogictl explain. */
static void
test_review_and_explain(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = make_rec(EXTRACT_KIND_APPLICATION);
	struct registry_explain *ex;
	struct registry_outcome out;
	struct registry_case *c;
	struct ogi_error err = { 0 };
	struct test_msg tm, tm2;

	rec.verdict = EXTRACT_VERDICT_REVIEW;
	rec.review = (char *)"two different names: 张三 / 张山\nwritten by an agent";
	rec.agent = (char *)"李律师";
	rec.agent_phone = (char *)"13900000000";
	rec.info[EXTRACT_FIELD_NAME] = (struct extract_field_info){
		EXTRACT_SRC_LABEL, EXTRACT_CONF_LOW, (char *)"form-label",
		(char *)"姓名：张三", 4 };
	rec.info[EXTRACT_FIELD_AGENT] = (struct extract_field_info){
		EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH, (char *)"prose-agent", NULL, 0 };
	make_msg(&tm, 41, T0);
	assert_int_equal(record_as(f->reg, &tm.m, &rec, TZ_SHANGHAI, "2026-12-11",
				   &out, &err), 0);
	assert_int_equal(registry_case_get(f->reg, out.case_id, &c, &err), 0);
	assert_string_equal(c->state, "needs_review");
	assert_string_equal(c->rec.review, rec.review);
	assert_string_equal(c->rec.agent, "李律师");
	assert_string_equal(c->rec.agent_phone, "13900000000");
	registry_case_free(c);

	assert_int_equal(registry_message_explain(f->reg, tm.uid, &ex, &err), 0);
	assert_non_null(ex);
	assert_string_equal(ex->msg.case_id, out.case_id);
	assert_string_equal(ex->values[EXTRACT_FIELD_NAME], "张三");
	assert_int_equal(ex->info[EXTRACT_FIELD_NAME].source, EXTRACT_SRC_LABEL);
	assert_int_equal(ex->info[EXTRACT_FIELD_NAME].confidence, EXTRACT_CONF_LOW);
	assert_string_equal(ex->info[EXTRACT_FIELD_NAME].rule, "form-label");
	assert_string_equal(ex->info[EXTRACT_FIELD_NAME].line, "姓名：张三");
	assert_int_equal(ex->info[EXTRACT_FIELD_NAME].line_no, 4);
	assert_string_equal(ex->values[EXTRACT_FIELD_AGENT], "李律师");
	assert_null(ex->info[EXTRACT_FIELD_AGENT].line);
	/* A value with no provenance is still shown, as from no source. */
	assert_string_equal(ex->values[EXTRACT_FIELD_REQUEST], rec.request);
	assert_int_equal(ex->info[EXTRACT_FIELD_REQUEST].source, EXTRACT_SRC_NONE);
	assert_null(ex->values[EXTRACT_FIELD_FAX]);
	registry_explain_free(ex);

	/* By Message-ID too, with or without its angle brackets; unknown is
	 * none; two messages with one Message-ID are refused rather than one
	 * picked. */
	assert_int_equal(registry_message_explain(f->reg, "nobody", &ex, &err), 0);
	assert_null(ex);
	make_msg(&tm2, 42, T0 + 1);
	tm2.m.message_id = "other@example.cn"; /* stored bare, as mime gives it */
	assert_int_equal(record_as(f->reg, &tm2.m, &rec, TZ_SHANGHAI, "2026-12-11",
				   &out, &err), 0);
	assert_int_equal(registry_message_explain(f->reg, "<other@example.cn>",
						  &ex, &err), 0);
	assert_non_null(ex);
	assert_string_equal(ex->msg.uid, tm2.uid);
	registry_explain_free(ex);
	make_msg(&tm2, 43, T0 + 2);
	assert_int_equal(record_as(f->reg, &tm2.m, &rec, TZ_SHANGHAI, "2026-12-11",
				   &out, &err), 0);
	assert_int_equal(registry_message_explain(f->reg, "<m@example.cn>", &ex,
						  &err), -1);
	assert_non_null(strstr(err.msg, "several messages"));
}

/* A reply finds its case through the messages it answers, nearest first,
 * skipping ids we never recorded, messages that belong to no case and
 * messages someone else sent. */
static void
test_thread_case(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record app = make_rec(EXTRACT_KIND_APPLICATION);
	struct extract_record spam = make_rec(EXTRACT_KIND_SPAM);
	struct registry_outcome first, second;
	struct ogi_error err = { 0 };
	struct test_msg a, b, c;
	char kase[16];

	make_msg(&a, 51, T0);
	a.m.message_id = "a@example.cn";
	assert_int_equal(record_as(f->reg, &a.m, &app, TZ_SHANGHAI, "2026-12-11",
				   &first, &err), 0);
	make_msg(&b, 52, T0 + 1);
	b.m.message_id = "b@example.cn";
	assert_int_equal(record_as(f->reg, &b.m, &app, TZ_SHANGHAI, "2026-12-11",
				   &second, &err), 0);
	make_msg(&c, 53, T0 + 2);
	c.m.message_id = "spam@example.cn";
	assert_int_equal(record_as(f->reg, &c.m, &spam, TZ_SHANGHAI, NULL,
				   &(struct registry_outcome){ 0 }, &err), 0);

	char *near_first[] = { "unknown@x", "spam@example.cn", "b@example.cn",
			       "a@example.cn" };
	assert_int_equal(registry_thread_case(f->reg, near_first, 4, "zhang@example.cn", kase, &err), 0);
	assert_string_equal(kase, second.case_id);
	assert_int_equal(registry_thread_case(f->reg, near_first + 3, 1,
					      "ZHANG@example.cn", kase, &err), 0);
	assert_string_equal(kase, first.case_id);
	assert_int_equal(registry_thread_case(f->reg, near_first, 2, "zhang@example.cn", kase, &err), 0);
	assert_string_equal(kase, "");
	assert_int_equal(registry_thread_case(f->reg, NULL, 0, "zhang@example.cn",
					      kase, &err), 0);
	assert_string_equal(kase, "");
	/* Message-IDs are the sender's to choose: anyone else quoting one
	 * never joins its case. */
	assert_int_equal(registry_thread_case(f->reg, near_first, 4,
					      "other@example.cn", kase, &err), 0);
	assert_string_equal(kase, "");
	assert_int_equal(registry_thread_case(f->reg, near_first, 4, NULL, kase,
					      &err), 0);
	assert_string_equal(kase, "");
}

static void
test_case_round_trip(void **state)
{
	struct registry_fixture *f = *state;
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_ORGANISATION,
		.name = (char *)"某某科技有限公司",
		.legal_rep = (char *)"李四",
		.contact_person = (char *)"王五",
		.id_type = EXTRACT_ID_USCC,
		.id_label = (char *)"统一社会信用代码",
		.id_number = (char *)"91110000600037341L",
		.address = (char *)"北京市东城区某某路1号",
		.postcode = (char *)"100010",
		.phone = (char *)"010-12345678",
		.email = (char *)"wang@example.cn",
		.fax = (char *)"010-87654321",
		.request = (char *)"2025年本区道路维修资金使用情况\n第二行",
		.purpose = (char *)"研究",
		.signature_present = true,
		.signature_text = (char *)"王五",
		.date = "2026-11-18",
		.delivery = EXTRACT_DELIVERY_POST,
		.medium = EXTRACT_MEDIUM_ELECTRONIC,
		.missing = EXTRACT_ELEM_IDENTITY_PROOF | EXTRACT_ELEM_DATE,
		.invalid = EXTRACT_INVALID_POSTCODE | EXTRACT_INVALID_EMAIL,
	};
	struct registry_outcome out;
	struct registry_case *c, **list;
	struct ogi_error err = { 0 };
	struct test_msg tm;
	size_t n;

	make_msg(&tm, 7, T0);
	tm.m.channel = "fax";
	tm.m.mailbox = "fax";
	assert_int_equal(record_as(f->reg, &tm.m, &rec, TZ_SHANGHAI, "2026-12-11", &out, &err), 0);
	assert_int_equal(registry_case_get(f->reg, out.case_id, &c, &err), 0);
	assert_non_null(c);
	assert_string_equal(c->id, "2026-000001");
	assert_string_equal(c->state, "incomplete");
	assert_string_equal(c->channel, "fax");
	assert_int_equal(c->received_at, T0);
	assert_string_equal(c->deadline, "2026-12-11");
	assert_int_equal(c->rec.kind, EXTRACT_KIND_APPLICATION);
	assert_int_equal(c->rec.applicant_kind, rec.applicant_kind);
	assert_string_equal(c->rec.name, rec.name);
	assert_string_equal(c->rec.legal_rep, rec.legal_rep);
	assert_string_equal(c->rec.contact_person, rec.contact_person);
	assert_int_equal(c->rec.id_type, rec.id_type);
	assert_string_equal(c->rec.id_label, rec.id_label);
	assert_string_equal(c->rec.id_number, rec.id_number);
	assert_string_equal(c->rec.address, rec.address);
	assert_string_equal(c->rec.postcode, rec.postcode);
	assert_string_equal(c->rec.phone, rec.phone);
	assert_string_equal(c->rec.email, rec.email);
	assert_string_equal(c->rec.fax, rec.fax);
	assert_string_equal(c->rec.request, rec.request);
	assert_string_equal(c->rec.purpose, rec.purpose);
	assert_true(c->rec.signature_present);
	assert_string_equal(c->rec.signature_text, rec.signature_text);
	assert_string_equal(c->rec.date, rec.date);
	assert_int_equal(c->rec.delivery, rec.delivery);
	assert_int_equal(c->rec.medium, rec.medium);
	assert_int_equal(c->rec.missing, rec.missing);
	assert_int_equal(c->rec.invalid, rec.invalid);
	assert_int_equal(c->n_messages, 1);
	assert_string_equal(c->messages[0], tm.uid);
	assert_null(c->messages[1]);
	registry_case_free(c);

	assert_int_equal(raw_int(f, "SELECT count(*) FROM cases WHERE"
				 " missing = 'identity_proof,date'"
				 " AND invalid = 'postcode,email'"), 1);

	/* Empty fields come back empty, and a missing case is no error. */
	{
		struct extract_record bare = { .kind = EXTRACT_KIND_APPLICATION };

		out = record(f, T0 + 1, TZ_SHANGHAI, &bare, NULL);
		assert_int_equal(registry_case_get(f->reg, out.case_id, &c, &err), 0);
		assert_non_null(c);
		assert_string_equal(c->channel, "email");
		assert_null(c->deadline);
		assert_int_equal(c->rec.applicant_kind, EXTRACT_APPLICANT_UNKNOWN);
		assert_int_equal(c->rec.id_type, EXTRACT_ID_NONE);
		assert_null(c->rec.name);
		assert_null(c->rec.signature_text);
		assert_false(c->rec.signature_present);
		assert_string_equal(c->rec.date, "");
		assert_int_equal(c->rec.delivery, EXTRACT_DELIVERY_UNKNOWN);
		assert_int_equal(c->rec.medium, EXTRACT_MEDIUM_UNKNOWN);
		assert_int_equal(c->rec.missing, 0);
		assert_string_equal(c->state, "registered");
		registry_case_free(c);
	}
	assert_int_equal(registry_case_get(f->reg, "2026-000999", &c, &err), 0);
	assert_null(c);

	assert_int_equal(registry_cases(f->reg, NULL, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0]->id, "2026-000001");
	assert_string_equal(list[0]->rec.id_number, rec.id_number);
	assert_string_equal(list[1]->id, "2026-000002");
	registry_cases_free(list, n);
}

static void
test_case_messages_order(void **state)
{
	/* Linked messages come by received_at, not by recording order. */
	struct registry_fixture *f = *state;
	struct extract_record app = make_rec(EXTRACT_KIND_APPLICATION);
	struct extract_record corr = { .kind = EXTRACT_KIND_CORRECTION_REPLY,
				       .case_ref = (char *)"2026-000001" };
	struct registry_case *c, **list;
	size_t n;
	struct ogi_error err = { 0 };

	record(f, T0, TZ_SHANGHAI, &app, NULL);            /* serial 1 */
	record(f, T0 + 500, TZ_SHANGHAI, &corr, NULL);     /* serial 2 */
	record(f, T0 + 200, TZ_SHANGHAI, &corr, NULL);     /* serial 3 */
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_non_null(c);
	assert_int_equal(c->n_messages, 3);
	assert_non_null(strstr(c->messages[0], ".M1P"));
	assert_non_null(strstr(c->messages[1], ".M3P"));
	assert_non_null(strstr(c->messages[2], ".M2P"));
	registry_case_free(c);

	/* Past the first allocation of every list. */
	for (int i = 0; i < 20; i++) {
		record(f, T0 + 1000 + i, TZ_SHANGHAI, &corr, NULL);
		record(f, T0 + 1000 + i, TZ_SHANGHAI, &app, NULL);
	}
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_int_equal(c->n_messages, 23);
	assert_null(c->messages[23]);
	assert_non_null(strstr(c->messages[22], ".M42P"));
	registry_case_free(c);
	assert_int_equal(registry_cases(f->reg, NULL, &list, &n, &err), 0);
	assert_int_equal(n, 21);
	assert_string_equal(list[20]->id, "2026-000021");
	registry_cases_free(list, n);
}

/* --- document numbers ------------------------------------------------------- */

static void
test_next_docnum(void **state)
{
	static const struct {
		const char *kind;
		int year, seq;
	} steps[] = {
		{ "receipt", 2026, 1 },
		{ "receipt", 2026, 2 },
		{ "correction", 2026, 1 },
		{ "receipt", 2027, 1 },
		{ "receipt", 2026, 3 },
		{ "correction", 2026, 2 },
	};
	struct registry_fixture *f = *state;
	struct ogi_error err = { 0 };
	int seq;

	for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
		if (registry_next_docnum(f->reg, steps[i].kind, steps[i].year, &seq,
					 &err) != 0)
			fail_msg("docnum: %s", err.msg);
		assert_int_equal(seq, steps[i].seq);
	}
	reopen(f);
	assert_int_equal(registry_next_docnum(f->reg, "receipt", 2026, &seq, &err), 0);
	assert_int_equal(seq, 4);
	assert_int_equal(registry_next_docnum(f->reg, "", 2026, &seq, &err), -1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, registry_fixture_setup, \
						    registry_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migration_and_reopen),
		T(test_pragmas),
		T(test_file_mode),
		T(test_readonly),
		T(test_sequence),
		T(test_year_rollover),
		T(test_duplicates),
		T(test_message_known),
		T(test_incomplete_state),
		T(test_dispositions),
		T(test_application_with_problems),
		T(test_unparsed),
		T(test_case_transition),
		T(test_event_actor),
		T(test_events_append_only),
		T(test_failure_writes_nothing),
		T(test_constraint_failure),
		T(test_case_round_trip),
		T(test_review_and_explain),
		T(test_thread_case),
		T(test_case_messages_order),
		T(test_next_docnum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
