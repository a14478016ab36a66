/* The registry's side of the calendar (registry/calendar.h): what a
 * registration stores of how its deadline was counted, the provisional
 * cases, and their deadlines counted again with compare-and-set and an
 * event each. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "registry-fixture.h"
#include "registry/calendar.h"
#include "registry/case.h"
#include "registry/registry.h"

/* Records application n as the pipeline does, with its deadline counted
 * as given. */
static void
record(struct registry_fixture *f, int n, const char *state,
       const char *deadline, bool provisional, const char *correction_due)
{
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.request = (char *)"2025年本区道路维修资金使用情况",
	};
	struct registry_decision d = {
		.disposition = "case",
		.state = state,
		.reason = "complete",
		.deadline = deadline,
		.deadline_provisional = provisional,
		.rules = "bureau",
		.receipt_date = "2026-12-21",
		.deadline_basis = "15 working days from 2026-12-21",
		.correction_due = correction_due,
	};
	char sha[65], uid[32];
	struct registry_message m = {
		.sha256 = sha, .mailbox = "mail", .uid = uid,
		.raw_path = "raw/2026/12/x.eml", .received_at = T0 + n,
		.channel = "mail", .from_addr = "zhang@example.cn",
	};
	struct registry_outcome out;
	struct ogi_error err = { 0 };

	snprintf(sha, sizeof(sha), "%064x", n);
	snprintf(uid, sizeof(uid), "%d.M%dP1.host", (int)(T0 + n), n);
	if (registry_record(f->reg, &m, &rec, &d, TZ_SHANGHAI, &out, &err) != 0)
		fail_msg("record: %s", err.msg);
}

static void
test_registration_stores_basis(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_case *c;
	struct ogi_error err = { 0 };

	record(f, 1, "incomplete", "2027-01-11", true, "2027-01-12");
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_non_null(c);
	assert_string_equal(c->rules, "bureau");
	assert_string_equal(c->receipt_date, "2026-12-21");
	assert_string_equal(c->deadline_basis, "15 working days from 2026-12-21");
	assert_string_equal(c->correction_due, "2027-01-12");
	assert_true(c->deadline_provisional);
	registry_case_free(c);
}

static void
test_recount(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_provisional *rows;
	struct registry_event *ev;
	struct registry_case *c;
	struct ogi_error err = { 0 };
	bool changed[2] = { false, true };
	size_t n, n_ev;

	record(f, 1, "registered", "2027-01-11", true, NULL);
	record(f, 2, "registered", "2026-12-11", false, NULL);
	record(f, 3, "needs_review", "2027-01-13", true, NULL);
	assert_int_equal(registry_calendar_provisional(f->reg, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].id, "2026-000001");
	assert_string_equal(rows[0].state, "registered");
	assert_string_equal(rows[0].deadline, "2027-01-11");
	assert_string_equal(rows[0].rules, "bureau");
	assert_string_equal(rows[0].receipt_date, "2026-12-21");
	assert_string_equal(rows[1].id, "2026-000003");

	/* Case 3 moved meanwhile (its old deadline is not what was counted
	 * from): left alone; case 1 takes its new deadline and an event. */
	{
		const struct registry_recount r[] = {
			{ "2026-000001", "2027-01-11", "2027-01-12", false,
			  "2026-12-21", "recounted" },
			{ "2026-000003", "2027-01-10", "2027-01-14", false,
			  "2026-12-21", "recounted" },
		};

		registry_set_actor(f->reg, "王芳");
		assert_int_equal(registry_calendar_recount(f->reg, r, 2, changed,
							   &err), 0);
	}
	assert_true(changed[0]);
	assert_false(changed[1]);
	assert_int_equal(registry_case_get(f->reg, "2026-000001", &c, &err), 0);
	assert_string_equal(c->deadline, "2027-01-12");
	assert_false(c->deadline_provisional);
	assert_string_equal(c->deadline_basis, "recounted");
	registry_case_free(c);
	assert_int_equal(registry_case_history(f->reg, "2026-000001", &ev, &n_ev,
					       &err), 0);
	assert_string_equal(ev[n_ev - 1].type, "deadline-recomputed");
	assert_string_equal(ev[n_ev - 1].detail, "2027-01-11 (provisional) → 2027-01-12");
	assert_string_equal(ev[n_ev - 1].actor, "王芳");
	registry_events_free(ev, n_ev);
	assert_int_equal(registry_case_get(f->reg, "2026-000003", &c, &err), 0);
	assert_string_equal(c->deadline, "2027-01-13");
	assert_true(c->deadline_provisional);
	registry_case_free(c);
	registry_provisional_free(rows, n);

	assert_int_equal(registry_calendar_provisional(f->reg, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].id, "2026-000003");
	registry_provisional_free(rows, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_registration_stores_basis,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_recount, registry_fixture_setup,
						registry_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
