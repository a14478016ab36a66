/* A clerk's work on a case in the registry (registry/case.h): the
 * history of a case and its messages in the order it happened, with who
 * did what. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "registry-fixture.h"
#include "registry/case.h"
#include "registry/letters.h"
#include "registry/registry.h"

/* --- helpers --------------------------------------------------------------- */

/* A message of its own (n distinguishes it) received at t. */
struct test_msg {
	char sha[65];
	char uid[32];
	struct registry_message m;
};

static void
make_msg(struct test_msg *t, int n, int64_t received_at)
{
	snprintf(t->sha, sizeof(t->sha), "%064x", n);
	snprintf(t->uid, sizeof(t->uid), "%d.M%dP1.host", (int)received_at, n);
	t->m = (struct registry_message){
		.sha256 = t->sha,
		.mailbox = "mail",
		.uid = t->uid,
		.raw_path = "raw/2026/11/x.eml",
		.received_at = received_at,
		.channel = "mail",
		.from_addr = "zhang@example.cn",
	};
}

/* Records message n, received at t, as an application opened in state
 * with deadline (NULL: none), or -- state NULL -- linked to link_case.
 * Returns its case; fails the test on error. */
static struct registry_outcome
record(struct registry_fixture *f, int n, int64_t t, const char *state,
       const char *deadline, const char *link_case)
{
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.request = (char *)"2025年本区道路维修资金使用情况",
	};
	struct registry_decision d = {
		.disposition = state != NULL ? "case" : "linked",
		.state = state,
		.link_case = link_case,
		.reason = state != NULL ? "complete" : "correction",
		.deadline = deadline,
	};
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;

	if (state == NULL)
		rec.kind = EXTRACT_KIND_CORRECTION_REPLY;
	make_msg(&tm, n, t);
	if (registry_record(f->reg, &tm.m, &rec, &d, TZ_SHANGHAI, &out,
			    &err) != 0)
		fail_msg("record: %s", err.msg);
	return out;
}

/* The same bytes again under another name: only a "duplicate" event, on
 * the message and not on the case. */
static void
record_again(struct registry_fixture *f, int n, int64_t t)
{
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	struct test_msg tm;

	make_msg(&tm, n, t);
	snprintf(tm.uid, sizeof(tm.uid), "copy-%d", n);
	if (registry_record(f->reg, &tm.m, NULL, NULL, TZ_SHANGHAI, &out,
			    &err) != 0)
		fail_msg("record again: %s", err.msg);
	assert_true(out.duplicate);
}

/* --- history --------------------------------------------------------------- */

static void
test_history_order_and_actors(void **state)
{
	static const struct {
		const char *type, *actor, *detail, *message;
	} want[] = {
		{ "registered", REGISTRY_ACTOR_DAEMON, NULL, "1795140000.M1P1.host" },
		{ "linked", REGISTRY_ACTOR_DAEMON, NULL, "1795140600.M3P1.host" },
		{ "duplicate", REGISTRY_ACTOR_DAEMON, NULL, "1795140000.M1P1.host" },
		{ "note", "王芳", "called the applicant", NULL },
		{ "accepted", "王芳", "registered", NULL },
		{ "note", "李雷", "second clerk", NULL },
	};
	struct registry_fixture *f = *state;
	struct registry_event *ev;
	struct ogi_error err = { 0 };
	struct registry_outcome a, b;
	size_t n;

	a = record(f, 1, T0, "needs_review", "2026-12-11", NULL);
	b = record(f, 2, T0 + 60, "registered", "2026-12-11", NULL);
	record(f, 3, T0 + 600, NULL, NULL, a.case_id);
	record_again(f, 1, T0 + 700);
	registry_set_actor(f->reg, "王芳");
	assert_int_equal(registry_case_event(f->reg, a.case_id, "note",
					     "called the applicant", &err), 0);
	assert_int_equal(registry_case_event(f->reg, b.case_id, "note",
					     "the other case", &err), 0);
	assert_int_equal(registry_case_transition(f->reg, a.case_id,
						  "needs_review", "registered",
						  "accepted", NULL, &err), 0);
	registry_set_actor(f->reg, "李雷");
	assert_int_equal(registry_case_event(f->reg, a.case_id, "note",
					     "second clerk", &err), 0);

	assert_int_equal(registry_case_history(f->reg, a.case_id, &ev, &n,
					       &err), 0);
	assert_int_equal(n, G_N_ELEMENTS(want));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(ev[i].type, want[i].type);
		assert_string_equal(ev[i].actor, want[i].actor);
		if (want[i].detail != NULL)
			assert_string_equal(ev[i].detail, want[i].detail);
		if (want[i].message != NULL)
			assert_string_equal(ev[i].message, want[i].message);
		else
			assert_null(ev[i].message);
		if (i > 0)
			assert_true(ev[i].at >= ev[i - 1].at);
	}
	registry_events_free(ev, n);
}

static void
test_history_of_unknown_case(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_event *ev = (struct registry_event *)state;
	struct ogi_error err = { 0 };
	size_t n = 1;

	assert_int_equal(registry_case_history(f->reg, "2026-000099", &ev, &n,
					       &err), 0);
	assert_int_equal(n, 0);
	assert_null(ev);
	assert_int_equal(registry_case_event(f->reg, "2026-000099", "note",
					     "x", &err), -1);
	assert_non_null(strstr(err.msg, "no application 2026-000099"));
}


/* --- a clerk's moves and edits --------------------------------------------- */

/* Column column of case id as text: state, phone, outcome, or
 * "MISSING/INVALID" bits for "elements". */
static char *
case_column(struct registry_fixture *f, const char *id, const char *column)
{
	struct registry_case *c = NULL;
	struct ogi_error err = { 0 };
	char *v;

	assert_int_equal(registry_case_get(f->reg, id, &c, &err), 0);
	assert_non_null(c);
	if (strcmp(column, "state") == 0)
		v = g_strdup(c->state);
	else if (strcmp(column, "phone") == 0)
		v = g_strdup(c->rec.phone);
	else if (strcmp(column, "outcome") == 0)
		v = g_strdup(c->outcome);
	else
		v = g_strdup_printf("%u/%u", c->rec.missing, c->rec.invalid);
	registry_case_free(c);
	return v;
}

static void
assert_column(struct registry_fixture *f, const char *id, const char *column,
	      const char *want)
{
	char *v = case_column(f, id, column);

	if (want == NULL)
		assert_null(v);
	else
		assert_string_equal(v, want);
	g_free(v);
}

/* The last event of case id: its type and detail. */
static void
assert_last_event(struct registry_fixture *f, const char *id, const char *type,
		  const char *detail, size_t n_want)
{
	struct registry_event *ev;
	struct ogi_error err = { 0 };
	size_t n;

	assert_int_equal(registry_case_history(f->reg, id, &ev, &n, &err), 0);
	assert_int_equal(n, n_want);
	assert_string_equal(ev[n - 1].type, type);
	assert_string_equal(ev[n - 1].detail, detail);
	registry_events_free(ev, n);
}

static void
test_set_with_event(void **state)
{
	/* Applied in order; after each: the phone, the number of events and
	 * the last one's detail (a refused edit adds none). */
	static const struct {
		const char *column, *old, *value, *detail;
		int rc;
		const char *phone_after, *last;
		size_t events;
	} cases[] = {
		/* The value the clerk saw: changed, with its event. */
		{ "phone", NULL, "13800138000", "phone: - -> 13800138000", 0,
		  "13800138000", "phone: - -> 13800138000", 2 },
		/* A stale value (another clerk set it meanwhile): refused. */
		{ "phone", NULL, "13900139000", "stale", -1, "13800138000",
		  "phone: - -> 13800138000", 2 },
		{ "phone", "13800138000", "13900139000",
		  "phone: 13800138000 -> 13900139000", 0, "13900139000",
		  "phone: 13800138000 -> 13900139000", 3 },
		/* Cleared. */
		{ "phone", "13900139000", NULL, "phone: 13900139000 -> -", 0,
		  NULL, "phone: 13900139000 -> -", 4 },
		/* A column no clerk sets, and a value the schema refuses. */
		{ "state", "registered", "closed", "state", -1, NULL,
		  "phone: 13900139000 -> -", 4 },
		{ "org_kind", NULL, "charity", "charity", -1, NULL,
		  "phone: 13900139000 -> -", 4 },
		{ "org_kind", NULL, "research", "org_kind: - -> research", 0,
		  NULL, "org_kind: - -> research", 5 },
	};
	struct registry_fixture *f = *state;
	struct registry_outcome a = record(f, 1, T0, "registered", "2026-12-11",
					   NULL);

	assert_true(registry_case_column_editable("email"));
	assert_true(registry_case_column_editable("org_kind"));
	assert_false(registry_case_column_editable("state"));
	assert_false(registry_case_column_editable("deadline"));
	assert_false(registry_case_column_editable("phone; DROP TABLE cases"));
	registry_set_actor(f->reg, "王芳");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct registry_case_edit e = {
			.id = a.case_id, .column = cases[i].column,
			.old = cases[i].old, .value = cases[i].value,
			.detail = cases[i].detail,
		};
		struct ogi_error err = { 0 };

		assert_int_equal(registry_case_edit(f->reg, &e, &err), cases[i].rc);
		assert_column(f, a.case_id, "phone", cases[i].phone_after);
		assert_last_event(f, a.case_id, "set", cases[i].last,
				  cases[i].events);
	}
}

static void
test_set_clears_elements(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_outcome a = record(f, 1, T0, "incomplete", "2026-12-11",
					   NULL);
	struct registry_case_edit e = {
		.id = a.case_id, .column = "phone", .value = "13800138000",
		.missing = "signature", .invalid = "", .detail = "phone",
	};
	struct ogi_error err = { 0 };
	char want[32];

	assert_int_equal(registry_case_edit(f->reg, &e, &err), 0);
	snprintf(want, sizeof(want), "%u/0",
		 extract_element_from_name("signature"));
	assert_column(f, a.case_id, "elements", want);
}

static void
test_move(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_outcome a = record(f, 1, T0, "needs_review", "2026-12-11",
					   NULL);
	struct registry_letter_new letter = {
		.case_id = a.case_id, .kind = "correction", .channel = "email",
	};
	struct registry_case_move m = {
		.id = a.case_id, .from = "needs_review", .to = "incomplete",
		.event = "incomplete", .detail = "missing: signature",
		.missing = "signature,date", .invalid = "phone",
		.letter = &letter, .now = T0 + 3600,
	};
	struct registry_letter *rows;
	struct ogi_error err = { 0 };
	int64_t letter_id, in_flight;
	char want[96];
	size_t n;

	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), 0);
	assert_true(letter_id > 0);
	assert_column(f, a.case_id, "state", "incomplete");
	snprintf(want, sizeof(want), "%u/%u",
		 extract_element_from_name("signature") |
		 extract_element_from_name("date"),
		 extract_invalid_from_name("phone"));
	assert_column(f, a.case_id, "elements", want);
	assert_int_equal(registry_letters_of_case(f->reg, a.case_id, &rows, &n,
						  &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].kind, "correction");
	assert_string_equal(rows[0].state, "pending");
	registry_letters_free(rows, n);

	/* Compare and set: the case is no longer needs_review; nothing of
	 * the move is written, the letter neither. */
	m.to = "registered";
	letter.kind = "receipt";
	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), -1);
	assert_int_equal(letter_id, 0);
	assert_column(f, a.case_id, "state", "incomplete");
	assert_int_equal(registry_letters_of_case(f->reg, a.case_id, &rows, &n,
						  &err), 0);
	assert_int_equal(n, 1);
	registry_letters_free(rows, n);

	/* A letter the queue refuses undoes the move. */
	m.from = "incomplete";
	letter.channel = "pigeon";
	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), -1);
	assert_column(f, a.case_id, "state", "incomplete");

	/* Withdrawn: concludes with its outcome; the correction notice not
	 * yet sent is cancelled, but not a fax being sent: it may be out. */
	letter = (struct registry_letter_new){ .case_id = a.case_id,
					       .kind = "correction", .channel = "fax" };
	assert_int_equal(registry_letter_add(f->reg, &letter, T0 + 7000,
					     &in_flight, &err), 0);
	assert_int_equal(registry_letter_mark_sending(f->reg, in_flight,
						      T0 + 7100, &err), 0);
	m = (struct registry_case_move){
		.id = a.case_id, .from = "incomplete", .to = "withdrawn",
		.event = "withdrawn", .outcome = "other.other",
		.outcome_detail = "by telephone", .concluded_at = T0 + 7200,
		.cancel_pending = "the case became withdrawn", .now = T0 + 7200,
	};
	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), 0);
	assert_int_equal(letter_id, 0);
	assert_column(f, a.case_id, "outcome", "other.other");
	assert_int_equal(registry_letters_of_case(f->reg, a.case_id, &rows, &n,
						  &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].state, "cancelled");
	assert_int_equal(rows[1].id, in_flight);
	assert_string_equal(rows[1].state, "pending");
	assert_int_equal(rows[1].sending_at, T0 + 7100);
	snprintf(want, sizeof(want), "letter %d correction: ", (int)rows[0].id);
	registry_letters_free(rows, n);
	assert_last_event(f, a.case_id, "letter-cancelled",
			  strcat(want, "the case became withdrawn"), 7);
}

static void
test_move_clock(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_outcome a = record(f, 1, T0, "registered", "2026-12-11",
					   NULL);
	struct registry_case_clock clock = {
		.receipt_date = "2026-12-07", .deadline = "2027-01-04",
		.basis = "20 working days from 2026-12-07", .provisional = true,
	};
	struct registry_case_move m = {
		.id = a.case_id, .from = "registered", .to = "incomplete",
		.event = "incomplete", .correction_due = "2026-12-25",
	};
	struct registry_case *c;
	struct ogi_error err = { 0 };
	int64_t letter_id;

	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), 0);
	m = (struct registry_case_move){
		.id = a.case_id, .from = "incomplete", .to = "registered",
		.event = "accepted", .clock = &clock,
	};
	assert_int_equal(registry_case_move(f->reg, &m, &letter_id, &err), 0);
	assert_int_equal(registry_case_get(f->reg, a.case_id, &c, &err), 0);
	assert_string_equal(c->correction_due, "2026-12-25");
	assert_string_equal(c->receipt_date, "2026-12-07");
	assert_string_equal(c->deadline, "2027-01-04");
	assert_string_equal(c->deadline_basis, "20 working days from 2026-12-07");
	assert_true(c->deadline_provisional);
	registry_case_free(c);
}

/* --- due ------------------------------------------------------------------- */

static bool
open_state(const char *state)
{
	return strcmp(state, "registered") == 0 ||
	       strcmp(state, "incomplete") == 0;
}

static void
test_due_order(void **state)
{
	/* Recorded in this order; due in the order of want. */
	static const struct {
		const char *state, *deadline;
		int64_t at;
	} in[] = {
		{ "registered", "2026-12-11", T0 },
		{ "registered", NULL, T0 + 1 },
		{ "incomplete", "2026-11-30", T0 + 2 },
		{ "withdrawn", "2026-11-01", T0 + 3 },
		{ "registered", "2026-12-11", T0 - 100 },
		{ "registered", "2026-12-01", T0 + 4 },
	};
	static const size_t want[] = { 2, 5, 4, 0, 1 };
	struct registry_fixture *f = *state;
	struct registry_outcome out[G_N_ELEMENTS(in)];
	struct registry_case **cases;
	struct ogi_error err = { 0 };
	size_t n;

	for (size_t i = 0; i < G_N_ELEMENTS(in); i++)
		out[i] = record(f, (int)i + 1, in[i].at, in[i].state,
				in[i].deadline, NULL);
	assert_int_equal(registry_cases_due(f->reg, open_state, &cases, &n,
					    &err), 0);
	assert_int_equal(n, G_N_ELEMENTS(want));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(cases[i]->id, out[want[i]].case_id);
	registry_cases_free(cases, n);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, registry_fixture_setup, \
					     registry_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_history_order_and_actors),
		T(test_history_of_unknown_case),
		T(test_set_with_event),
		T(test_set_clears_elements),
		T(test_move),
		T(test_move_clock),
		T(test_due_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
