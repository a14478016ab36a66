/* Rules profiles (workflow/rules.h): the receipt day with and without a
 * cut-off hour, both profiles' periods on the 2026 calendar, a year
 * without data, the basis in words, the correction periods.  Expected
 * dates were counted by hand from domain.md §4. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "workflow/rules.h"

static struct workdays *cal;

static int
setup(void **state)
{
	struct ogi_error err = { 0 };

	(void)state;
	if (workdays_load_dir(OGI_SRCDIR "/data/holidays", &cal, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	workdays_free(cal);
	return 0;
}

static struct rules
office(const char *profile, int reply_days, int cutoff_hour)
{
	struct config cfg = {
		.rules = (char *)profile,
		.reply_days = reply_days,
		.cutoff_hour = cutoff_hour,
		.correction_days = CONFIG_CORRECTION_DAYS,
	};
	struct rules r;

	rules_from_config(&cfg, &r);
	return r;
}

#define NONE RULES_NO_CUTOFF

static const struct {
	const char *profile;
	int reply_days;		/* 0: the profile's */
	int cutoff;
	const char *date;
	int hour, minute;
	const char *receipt;
	const char *deadline;
	bool provisional;
	const char *basis;	/* a substring of it */
} deadline_cases[] = {
	/* domain.md's example: 10-01..07 off, 10-10 a make-up Saturday. */
	{ "bureau", 0, NONE, "2026-09-30", 10, 12, "2026-09-30", "2026-10-27", false,
	  "15 working days from 2026-09-30 (received 2026-09-30 10:12), bureau rules Art. 6" },
	/* No cut-off: late in the evening is still the day. */
	{ "bureau", 0, NONE, "2026-09-30", 23, 59, "2026-09-30", "2026-10-27", false,
	  "(received 2026-09-30 23:59)" },
	/* Cut-off 17:00: before, at, after. */
	{ "bureau", 0, 17, "2026-09-30", 16, 59, "2026-09-30", "2026-10-27", false,
	  "(received 2026-09-30 16:59)" },
	{ "bureau", 0, 17, "2026-09-30", 17, 0, "2026-10-08", "2026-10-28", false,
	  "15 working days from 2026-10-08 (received 2026-09-30 17:00, after the "
	  "17:00 cut-off → next working day)" },
	{ "bureau", 0, 17, "2026-09-30", 18, 40, "2026-10-08", "2026-10-28", false,
	  "after the 17:00 cut-off → next working day" },
	/* Received on a holiday, on a plain Saturday: the next working day. */
	{ "bureau", 0, NONE, "2026-10-03", 10, 0, "2026-10-08", "2026-10-28", false,
	  "(received 2026-10-03 10:00, not a working day → next working day)" },
	{ "bureau", 0, 17, "2026-03-07", 9, 0, "2026-03-09", "2026-03-30", false,
	  "not a working day" },
	/* The make-up Sunday 01-04 is a working day: received on it. */
	{ "bureau", 0, 17, "2026-01-04", 9, 0, "2026-01-04", "2026-01-23", false,
	  "from 2026-01-04 (received 2026-01-04 09:00)" },
	/* New Year's Day is not counted, the make-up Sunday 01-04 is. */
	{ "bureau", 1, NONE, "2025-12-31", 10, 0, "2025-12-31", "2026-01-04", false,
	  "1 working days from 2025-12-31 (received 2025-12-31 10:00)" },
	/* Spring Festival: 02-14 make-up, 02-15..23 off, 02-28 make-up. */
	{ "bureau", 0, NONE, "2026-02-13", 10, 0, "2026-02-13", "2026-03-12", false,
	  "bureau rules Art. 6" },
	{ "bureau", 0, NONE, "2026-02-14", 10, 0, "2026-02-14", "2026-03-13", false,
	  "(received 2026-02-14 10:00)" },
	{ "bureau", 0, NONE, "2026-02-15", 10, 0, "2026-02-24", "2026-03-16", false,
	  "not a working day" },
	/* national-2019: 20 working days. */
	{ "national-2019", 0, NONE, "2026-09-30", 10, 0, "2026-09-30", "2026-11-03", false,
	  "20 working days from 2026-09-30 (received 2026-09-30 10:00), "
	  "national-2019 rules (OGI Regulation 2019 Art. 33)" },
	{ "national-2019", 0, 17, "2026-09-30", 17, 30, "2026-10-08", "2026-11-04", false,
	  "after the 17:00 cut-off" },
	/* reply_days overrides the profile's period and says so. */
	{ "bureau", 20, NONE, "2026-09-30", 10, 0, "2026-09-30", "2026-11-03", false,
	  "20 working days from 2026-09-30 (received 2026-09-30 10:00), reply_days = "
	  "20 in the configuration (bureau rules Art. 6: 15)" },
	/* Into 2027, which has no data: weekends only, provisional. */
	{ "bureau", 0, NONE, "2026-12-24", 10, 0, "2026-12-24", "2027-01-14", true,
	  "bureau rules Art. 6; provisional: no holiday calendar for 2027" },
	{ "bureau", 0, NONE, "2026-12-01", 10, 0, "2026-12-01", "2026-12-22", false,
	  "(received 2026-12-01 10:00), bureau rules Art. 6" },
	/* After the cut-off on the last day of 2026: received in 2027. */
	{ "bureau", 0, 17, "2026-12-31", 18, 0, "2027-01-01", "2027-01-22", true,
	  "from 2027-01-01 (received 2026-12-31 18:00, after the 17:00 cut-off" },
};

static void
test_deadlines(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(deadline_cases); i++) {
		struct rules r = office(deadline_cases[i].profile,
					deadline_cases[i].reply_days,
					deadline_cases[i].cutoff);
		struct rules_deadline dl;
		struct ogi_error err = { 0 };

		if (rules_reply_deadline(&r, cal, deadline_cases[i].date,
					 deadline_cases[i].hour,
					 deadline_cases[i].minute, &dl, &err) != 0)
			fail_msg("case %zu: %s", i, err.msg);
		if (strcmp(dl.receipt_date, deadline_cases[i].receipt) != 0 ||
		    strcmp(dl.deadline, deadline_cases[i].deadline) != 0 ||
		    dl.provisional != deadline_cases[i].provisional ||
		    strstr(dl.basis, deadline_cases[i].basis) == NULL)
			fail_msg("case %zu: got %s %s%s \"%s\"; want %s %s%s \"%s\"", i,
				 dl.receipt_date, dl.deadline,
				 dl.provisional ? " provisional" : "", dl.basis,
				 deadline_cases[i].receipt, deadline_cases[i].deadline,
				 deadline_cases[i].provisional ? " provisional" : "",
				 deadline_cases[i].basis);
		rules_deadline_clear(&dl);
	}
}

static void
test_bad_input(void **state)
{
	static const struct {
		const char *date;
		int hour, minute;
	} bad[] = {
		{ "2026-02-30", 10, 0 }, { "2026-13-01", 10, 0 }, { "", 10, 0 },
		{ "2026-09-30", 24, 0 },
		{ "2026-09-30", -1, 0 }, { "2026-09-30", 10, 60 },
	};
	struct rules r = office("bureau", 0, 17);

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		struct rules_deadline dl;
		struct ogi_error err = { 0 };

		if (rules_reply_deadline(&r, cal, bad[i].date, bad[i].hour,
					 bad[i].minute, &dl, &err) != -1)
			fail_msg("case %zu accepted", i);
		assert_true(err.msg[0] != '\0');
		assert_null(dl.basis);
	}
}

/* The calendar changed: the count starts again from the recorded day, or
 * the next working day when that became a day off, with the extension. */
static void
test_recount(void **state)
{
	static const char y2027[] =
		"{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}]}";
	struct workdays *wd = workdays_new();
	struct rules r = office("bureau", 0, 17);
	struct rules_deadline dl;
	struct ogi_error err = { 0 };

	(void)state;
	assert_int_equal(workdays_add_json(wd, y2027, strlen(y2027), "2027.json", &err), 0);
	assert_int_equal(rules_recount(&r, wd, "2027-01-01", 0, &dl, &err), 0);
	assert_string_equal(dl.receipt_date, "2027-01-04");
	assert_string_equal(dl.deadline, "2027-01-25");
	assert_false(dl.provisional);
	assert_non_null(strstr(dl.basis, "now a day off → next working day"));
	rules_deadline_clear(&dl);
	assert_int_equal(rules_recount(&r, cal, "2026-09-30", 10, &dl, &err), 0);
	assert_string_equal(dl.deadline, "2026-11-10");
	assert_non_null(strstr(dl.basis, "15 + 10 (extension) working days from 2026-09-30"));
	rules_deadline_clear(&dl);
	assert_int_equal(rules_recount(&r, cal, "2026-09-31", 0, &dl, &err), -1);
	assert_int_equal(rules_recount(&r, cal, "2026-09-30", -1, &dl, &err), -1);
	workdays_free(wd);
}

static void
test_correction_periods(void **state)
{
	struct rules bureau = office("bureau", 0, NONE);
	struct rules national = office("national-2019", 0, NONE);
	struct ogi_error err = { 0 };
	bool applies = true, prov = true;
	char due[11];

	(void)state;
	/* Art. 30: the notice within 7 working days of receipt. */
	assert_int_equal(rules_notice_due(&national, cal, "2026-09-30", due, &applies,
					  &err), 0);
	assert_true(applies);
	assert_string_equal(due, "2026-10-15");
	assert_int_equal(rules_notice_due(&bureau, cal, "2026-09-30", due, &applies,
					  &err), 0);
	assert_false(applies);
	assert_string_equal(due, "");
	/* Uncorrected after correction_days (15) working days: abandoned. */
	assert_int_equal(rules_correction_due(&national, cal, "2026-09-30", due,
					      &applies, &prov, &err), 0);
	assert_true(applies);
	assert_false(prov);
	assert_string_equal(due, "2026-10-27");
	national.correction_days = 10;
	assert_int_equal(rules_correction_due(&national, cal, "2026-12-24", due,
					      &applies, &prov, &err), 0);
	assert_string_equal(due, "2027-01-07");
	assert_true(prov);
	assert_int_equal(rules_correction_due(&bureau, cal, "2026-09-30", due,
					      &applies, &prov, &err), 0);
	assert_false(applies);
	assert_string_equal(due, "");
	assert_int_equal(rules_correction_due(&national, cal, "x", due, &applies,
					      &prov, &err), -1);
}

/* One place for what a move does to a case's clock: the clerk's (ogictl)
 * and the daemon's (a merged correction) both ask rules_move_clock.  The
 * move happens at AT; a corrected application was received at CORRECTED,
 * days earlier (a correction a clerk read in needs_review and accepts
 * later), and its period counts from then: from its time of day too,
 * where the office has a cut-off hour (LATE, after 17:00 on Thursday
 * 2026-09-24, counts from Monday 09-28: Friday is the Mid-Autumn
 * holiday). */
static const struct clock_local move_at = { .date = "2026-09-30", .hour = 10 };
static const struct clock_local move_corrected = {
	.date = "2026-09-24", .hour = 16, .minute = 5,
};
static const struct clock_local move_late = {
	.date = "2026-09-24", .hour = 17, .minute = 30,
};
static const struct {
	const char *what, *profile, *to;
	int cutoff;
	const struct clock_local *corrected;
	bool restarts;
	const char *receipt;	/* the restarted receipt day, "" if none */
	const char *due;
} moves[] = {
	{ "incomplete -> registered", "national-2019", "registered", NONE,
	  &move_corrected, true, "2026-09-24", "" },
	{ "incomplete -> needs_review, the correction left to a clerk",
	  "national-2019", "needs_review", NONE, &move_corrected, false, "",
	  "" },
	{ "... -> registered, accepted later: counted from the correction",
	  "national-2019", "registered", NONE, &move_corrected, true,
	  "2026-09-24", "" },
	{ "received -> needs_review -> registered: nothing corrected",
	  "national-2019", "registered", NONE, NULL, false, "", "" },
	{ "registered -> incomplete", "national-2019", "incomplete", NONE,
	  NULL, false, "", "2026-10-27" },
	{ "incomplete -> incomplete", "national-2019", "incomplete", NONE,
	  &move_corrected, false, "", "2026-10-27" },
	{ "bureau: incomplete -> registered", "bureau", "registered", NONE,
	  &move_corrected, false, "", "" },
	{ "bureau: registered -> incomplete", "bureau", "incomplete", NONE,
	  NULL, false, "", "" },
	{ "corrected before the office's cut-off: counted from that day",
	  "national-2019", "registered", 17, &move_corrected, true,
	  "2026-09-24", "" },
	{ "corrected after the office's cut-off: from the next working day",
	  "national-2019", "registered", 17, &move_late, true, "2026-09-28",
	  "" },
};

static void
test_move_clock(void **state)
{
	struct ogi_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(moves); i++) {
		struct rules r = office(moves[i].profile, 0, moves[i].cutoff);
		const struct clock_local *c = moves[i].corrected;
		struct rules_deadline want = { .basis = NULL };
		struct rules_move_clock mc;

		if (rules_move_clock(&r, cal, moves[i].to, &move_at, c, &mc,
				     &err) != 0)
			fail_msg("%s: %s", moves[i].what, err.msg);
		if (mc.restarts != moves[i].restarts ||
		    strcmp(mc.correction_due, moves[i].due) != 0 ||
		    strcmp(mc.restarts ? mc.dl.receipt_date : "",
			   moves[i].receipt) != 0)
			fail_msg("%s: restarts %d, receipt %s, due \"%s\"",
				 moves[i].what, mc.restarts,
				 mc.restarts ? mc.dl.receipt_date : "-",
				 mc.correction_due);
		/* Counted anew: as an application received when corrected. */
		if (mc.restarts) {
			assert_int_equal(rules_reply_deadline(&r, cal, c->date,
				c->hour, c->minute, &want, &err), 0);
			assert_string_equal(mc.dl.deadline, want.deadline);
			rules_deadline_clear(&want);
		}
		rules_deadline_clear(&mc.dl);
	}
}

/* A day outside the calendar is an error, and leaves nothing to free. */
static void
test_move_clock_bad_day(void **state)
{
	const struct clock_local bad = { .date = "2026-02-30", .hour = 10 };
	const struct {
		const char *to;
		const struct clock_local *at, *corrected;
	} cases[] = {
		{ "registered", &move_at, &bad },
		{ "incomplete", &bad, NULL },
	};
	struct rules r = office("national-2019", 0, NONE);

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct rules_move_clock mc;
		struct ogi_error err = { 0 };

		memset(&mc, 0x5a, sizeof(mc));
		assert_int_equal(rules_move_clock(&r, cal, cases[i].to,
						  cases[i].at, cases[i].corrected,
						  &mc, &err), -1);
		assert_true(err.msg[0] != '\0');
		assert_false(mc.restarts);
		assert_null(mc.dl.basis);
		assert_string_equal(mc.correction_due, "");
	}
}

static void
test_profiles(void **state)
{
	const struct rules_profile *b = rules_profile_find("bureau");
	const struct rules_profile *n = rules_profile_find("national-2019");
	struct rules office_r = office("bureau", 20, 17), r;

	(void)state;
	assert_non_null(b);
	assert_non_null(n);
	assert_null(rules_profile_find("national"));
	assert_null(rules_profile_find(NULL));
	assert_int_equal(b->reply_days, 15);
	assert_int_equal(b->extension_days, 15);
	assert_int_equal(n->reply_days, 20);
	assert_int_equal(n->extension_days, 20);
	assert_int_equal(n->notice_days, 7);
	assert_true(n->abandon_uncorrected);
	assert_false(b->abandon_uncorrected);
	/* The default profile is bureau. */
	r = office(CONFIG_RULES_DEFAULT, 0, NONE);
	assert_ptr_equal(r.profile, b);
	assert_int_equal(r.reply_days, 15);
	/* A case keeps the profile it was registered under. */
	rules_for_case(&office_r, "national-2019", &r);
	assert_ptr_equal(r.profile, n);
	assert_int_equal(r.reply_days, 20);
	assert_false(r.reply_days_override);
	assert_int_equal(r.cutoff_hour, 17);
	rules_for_case(&office_r, "bureau", &r);
	assert_true(r.reply_days_override);
	assert_int_equal(r.reply_days, 20);
	rules_for_case(&office_r, NULL, &r);
	assert_ptr_equal(r.profile, b);
}

/* What ogid logs at start and the digest repeats. */
static void
test_calendar_warnings(void **state)
{
	static const struct rules_case_deadline cases[] = {
		{ "2026-000001", "registered", "2027-01-11", true },
		{ "2026-000002", "answered", "2027-01-12", true },	/* not open */
		{ "2026-000003", "incomplete", "2027-01-13", true },
		{ "2026-000004", "registered", "2026-12-22", false },
	};
	struct rules r = office("bureau", 0, NONE);
	char *w;

	(void)state;
	/* Nothing to say: no provisional open case, today's period in 2026. */
	assert_null(rules_calendar_warnings(&r, cal, "2026-09-30", cases + 3, 1));
	assert_null(rules_calendar_warnings(&r, cal, "2026-09-30", cases + 1, 1));
	w = rules_calendar_warnings(&r, cal, "2026-09-30", cases, G_N_ELEMENTS(cases));
	assert_non_null(w);
	assert_string_equal(w, "2 open cases with a provisional deadline (no holiday "
			    "calendar for 2027): 2026-000001 due 2027-01-11, "
			    "2026-000003 due 2027-01-13; import the year with "
			    "`ogictl calendar import FILE.json`");
	g_free(w);
	/* Received today, 12-20: due in 2027. */
	w = rules_calendar_warnings(&r, cal, "2026-12-20", NULL, 0);
	assert_non_null(w);
	assert_string_equal(w, "an application received today would be due "
			    "2027-01-08, counted without a holiday calendar for "
			    "2027 (provisional); import the year with `ogictl "
			    "calendar import FILE.json`");
	g_free(w);
	w = rules_calendar_warnings(&r, cal, "2026-12-20", cases, 1);
	assert_non_null(strchr(w, '\n'));
	g_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_recount),
		cmocka_unit_test(test_correction_periods),
		cmocka_unit_test(test_move_clock),
		cmocka_unit_test(test_move_clock_bad_day),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_calendar_warnings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
