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

#define T(fn) cmocka_unit_test_setup_teardown(fn, registry_fixture_setup, \
					     registry_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_history_order_and_actors),
		T(test_history_of_unknown_case),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
