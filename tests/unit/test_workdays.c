/* The working-day calendar: the shipped 2025 and 2026 files, counting across
 * holidays and make-up working days, years without data, and bad input.
 * Expected dates were counted by hand from the State Council tables
 * (domain.md §4 and the 2025 notice), not taken from the implementation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/workdays.h"

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

static void
test_years_loaded(void **state)
{
	(void)state;
	assert_true(workdays_has_year(cal, 2025));
	assert_true(workdays_has_year(cal, 2026));
	assert_false(workdays_has_year(cal, 2027));
	assert_false(workdays_has_year(cal, 2024));
}

static const struct {
	const char *date;
	bool working;
} is_working_cases[] = {
	{ "2026-09-30", true },		/* Wednesday */
	{ "2026-10-01", false },	/* 国庆, Thursday */
	{ "2026-10-10", true },		/* make-up Saturday */
	{ "2026-10-11", false },	/* plain Sunday */
	{ "2026-09-20", true },		/* make-up Sunday */
	{ "2026-09-25", false },	/* 中秋, Friday */
	{ "2026-01-04", true },		/* make-up Sunday after 元旦 */
	{ "2026-02-14", true },		/* make-up Saturday before 春节 */
	{ "2026-02-16", false },	/* 春节, Monday */
	{ "2026-02-21", false },	/* 春节 Saturday */
	{ "2026-02-28", true },		/* make-up Saturday after 春节 */
	{ "2026-03-07", false },	/* plain Saturday */
	{ "2026-03-09", true },		/* plain Monday */
	{ "2026-05-05", false },	/* 劳动节, Tuesday */
	{ "2026-05-09", true },		/* make-up Saturday */
	{ "2026-06-19", false },	/* 端午, Friday */
	{ "2025-01-26", true },		/* make-up Sunday before 春节 2025 */
	{ "2025-02-04", false },	/* 春节 2025, Tuesday */
	{ "2025-10-08", false },	/* 国庆/中秋 2025, Wednesday */
	{ "2025-10-11", true },		/* make-up Saturday */
	{ "2027-01-01", true },		/* no data: a Friday counts */
	{ "2027-01-02", false },	/* no data: Saturday */
	{ "2026-02-30", false },	/* not a date */
	{ "", false },
};

static void
test_is_working(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(is_working_cases); i++) {
		bool got = workdays_is_working(cal, is_working_cases[i].date);

		if (got != is_working_cases[i].working)
			fail_msg("%s: expected %s", is_working_cases[i].date,
				 is_working_cases[i].working ? "working" : "off");
	}
}

static const struct {
	const char *from;
	int n;
	const char *want;
	bool estimated;
} add_cases[] = {
	/* domain.md's example: 10-01..07 off, 10-10 make-up Saturday. */
	{ "2026-09-30", 15, "2026-10-27", false },
	{ "2026-09-30", 0, "2026-09-30", false },
	{ "2026-09-30", 1, "2026-10-08", false },
	/* 春节 2026: 02-14 and 02-28 are make-up Saturdays. */
	{ "2026-02-12", 1, "2026-02-13", false },
	{ "2026-02-12", 2, "2026-02-14", false },
	{ "2026-02-13", 15, "2026-03-12", false },
	{ "2026-02-14", 1, "2026-02-24", false },
	/* 劳动节 2026 with make-up Saturday 05-09. */
	{ "2026-04-30", 5, "2026-05-11", false },
	{ "2026-05-08", 1, "2026-05-09", false },
	/* A Friday receipt: counting starts the next day, a Saturday. */
	{ "2026-03-06", 1, "2026-03-09", false },
	{ "2026-03-06", 15, "2026-03-27", false },
	/* Received on the make-up Sunday 09-20, before 中秋 and 国庆. */
	{ "2026-09-20", 1, "2026-09-21", false },
	{ "2026-09-20", 15, "2026-10-16", false },
	/* Received on a holiday Saturday; the next day is a make-up Sunday. */
	{ "2026-01-03", 1, "2026-01-04", false },
	/* 2025: 春节 with make-up 01-26 and 02-08; 国庆+中秋 with 09-28, 10-11. */
	{ "2025-01-24", 15, "2025-02-20", false },
	{ "2025-09-26", 10, "2025-10-16", false },
	{ "2025-04-30", 1, "2025-05-06", false },
	/* Across the new year, both years known. */
	{ "2025-12-31", 15, "2026-01-22", false },
	/* Into 2027, which has no file: weekends only, flagged. */
	{ "2026-12-24", 15, "2027-01-14", true },
	{ "2026-12-24", 1, "2026-12-25", false },
	{ "2027-03-01", 1, "2027-03-02", true },
};

static void
test_add(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(add_cases); i++) {
		struct ogi_error err = { 0 };
		bool est = !add_cases[i].estimated;
		char out[11];

		if (workdays_add(cal, add_cases[i].from, add_cases[i].n, out, &est,
				 &err) != 0)
			fail_msg("%s + %d: %s", add_cases[i].from, add_cases[i].n,
				 err.msg);
		if (strcmp(out, add_cases[i].want) != 0 || est != add_cases[i].estimated)
			fail_msg("%s + %d: got %s%s, want %s%s", add_cases[i].from,
				 add_cases[i].n, out, est ? " (estimated)" : "",
				 add_cases[i].want,
				 add_cases[i].estimated ? " (estimated)" : "");
	}
}

static void
test_add_without_calendar(void **state)
{
	struct workdays *none = workdays_new();
	bool est = false;
	char out[11];

	(void)state;
	assert_false(workdays_has_year(none, 2026));
	/* Weekends only: 10-01, 10-02, then three whole weeks less two days. */
	assert_int_equal(workdays_add(none, "2026-09-30", 15, out, &est, NULL), 0);
	assert_string_equal(out, "2026-10-21");
	assert_true(est);
	workdays_free(none);
}

static void
test_add_bad_input(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-2-3",
		"2026/02/03", "26-02-03", "2026-02-03x", " 2026-02-03", "",
		"0000-01-01",
	};
	struct ogi_error err = { 0 };
	bool est = true;
	char out[11] = "x";

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		err.msg[0] = '\0';
		if (workdays_add(cal, bad[i], 1, out, &est, &err) != -1)
			fail_msg("\"%s\" accepted", bad[i]);
		assert_true(err.msg[0] != '\0');
	}
	assert_int_equal(workdays_add(cal, NULL, 1, out, &est, &err), -1);
	assert_int_equal(workdays_add(cal, "2026-09-30", -1, out, &est, &err), -1);
	assert_non_null(strstr(err.msg, "-1"));
	assert_int_equal(workdays_add(cal, "9999-12-30", 5, out, &est, &err), -1);
	/* Leap day in a leap year is a date. */
	assert_int_equal(workdays_add(cal, "2028-02-29", 1, out, &est, &err), 0);
	assert_string_equal(out, "2028-03-01");
}

static const struct {
	const char *json;
	const char *want;	/* a substring of the error: position and reason */
} bad_json[] = {
	{ "", "t.json:1:1: unexpected end of file" },
	{ "[]", "t.json:1:1: expected an object" },
	{ "{\"days\": []}", "t.json:1:1: \"year\"" },
	{ "{\"year\": 2026.5, \"days\": []}", "t.json:1:10: \"year\"" },
	{ "{\"year\": \"2026\", \"days\": []}", "t.json:1:10: \"year\"" },
	{ "{\"year\": 2026}", "t.json:1:1: \"days\"" },
	{ "{\"year\": 2026, \"days\": {}}", "t.json:1:24: \"days\"" },
	{ "{\"year\": 2026, \"days\": [],}", "t.json:1:27: expected a string key" },
	{ "{\"year\": 2026, \"days\": []} x", "t.json:1:28: text after" },
	{ "{\"year\": 2026, \"year\": 2026, \"days\": []}", "t.json:1:16: duplicate key" },
	{ "{\"year\": 2026,\n \"days\": [\n  {\"name\": \"春节\", \"date\": \"2026-02-30\", \"isOffDay\": true}]}",
	  "t.json:3:26: \"date\"" },
	{ "{\"year\": 2026,\n \"days\": [\n  {\"name\": \"春节\", \"date\": \"2026-02-13\", \"isOffDay\": false}]}",
	  "t.json:3:26: make-up working day 2026-02-13 is not a Saturday or Sunday" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"x\", \"date\": \"2024-05-01\", \"isOffDay\": true}]}",
	  "2024-05-01 is not in 2026" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"x\", \"date\": \"2026-05-01\", \"isOffDay\": 1}]}",
	  "\"isOffDay\"" },
	{ "{\"year\": 2026, \"days\": [{\"date\": \"2026-05-01\", \"isOffDay\": true}]}",
	  "t.json:1:25: \"name\"" },
	{ "{\"year\": 2026, \"days\": [\"2026-05-01\"]}", "t.json:1:25: each entry" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"x\", \"date\": \"2026-05-09\", \"isOffDay\": true},"
	  "{\"name\": \"x\", \"date\": \"2026-05-09\", \"isOffDay\": false}]}",
	  "2026-05-09 is listed both as a day off and as a make-up working day" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"\xE6\x98\", \"date\": \"2026-05-01\", \"isOffDay\": true}]}",
	  "t.json:1:35: not valid UTF-8" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"a\tb\"}]}", "t.json:1:36: control character" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"\\ud800\"}]}", "surrogate" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"\\x\"}]}", "invalid escape" },
	{ "{\"year\": 2026, \"days\": [{\"name\": \"x", "unterminated string" },
	{ "{\"year\": 2026, \"days\": [01]}", "t.json:1:26: expected ',' or ']'" },
	{ "{\"year\": 2026, \"days\": [tru]}", "expected a value" },
};

static void
test_bad_json(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad_json); i++) {
		struct workdays *wd = workdays_new();
		struct ogi_error err = { 0 };

		if (workdays_add_json(wd, bad_json[i].json, strlen(bad_json[i].json),
				      "t.json", &err) != -1)
			fail_msg("case %zu accepted", i);
		if (strstr(err.msg, bad_json[i].want) == NULL)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, err.msg,
				 bad_json[i].want);
		assert_false(workdays_has_year(wd, 2026));
		workdays_free(wd);
	}
}

/* The reader takes bytes, not a C string: what a NUL would hide counts,
 * and nothing past len is read. */
static void
test_json_bytes(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want;	/* NULL: accepted */
	} cases[] = {
		{ "{\"year\": 2026,\0 \"days\": []}", 27, "t.json:1:15: contains a NUL byte" },
		{ "{\"year\": 2026,\n\"days\": []}\0", 27, "t.json:2:12: contains a NUL byte" },
		{ "{\"year\": 2026, \"days\": []}xyz", 26, NULL },
		{ "{\"year\": 2026, \"days\": []}", 23, "t.json:1:24: unexpected end of file" },
		{ "{\"year\": 2026, \"days\": [{\"name\": \"\\u00", 38, "invalid \\u escape" },
		{ NULL, 0, "t.json:1:1: unexpected end of file" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct workdays *wd = workdays_new();
		struct ogi_error err = { 0 };
		int rc = workdays_add_json(wd, cases[i].bytes, cases[i].len, "t.json", &err);

		if (cases[i].want == NULL ? rc != 0 : rc != -1 ||
		    strstr(err.msg, cases[i].want) == NULL)
			fail_msg("case %zu: %d \"%s\", want \"%s\"", i, rc, err.msg,
				 cases[i].want != NULL ? cases[i].want : "accepted");
		assert_int_equal(workdays_has_year(wd, 2026), cases[i].want == NULL);
		workdays_free(wd);
	}
}

static void
test_deep_json(void **state)
{
	struct workdays *wd = workdays_new();
	struct ogi_error err = { 0 };
	char *json = g_malloc0(100000);

	(void)state;
	strcpy(json, "{\"year\": 2026, \"days\": [], \"x\": ");
	memset(json + strlen(json), '[', 50000);
	assert_int_equal(workdays_add_json(wd, json, strlen(json), "deep.json", &err), -1);
	assert_non_null(strstr(err.msg, "nested too deeply"));
	g_free(json);
	workdays_free(wd);
}

static void
test_good_json(void **state)
{
	/* Extra keys as holiday-cn writes them, escapes, a BOM, a date of the
	 * neighbouring year. */
	static const char json[] =
		"\xEF\xBB\xBF{\"$schema\": \"https://example/schema.json\",\n"
		" \"year\": 2030, \"papers\": [\"u\", null, 1.5e3, -0],\n"
		" \"days\": [\n"
		"  {\"name\": \"\\u5143\\u65e6\\ud83d\\ude00\", \"date\": \"2030-01-01\", \"isOffDay\": true},\n"
		"  {\"name\": \"元旦\", \"date\": \"2029-12-29\", \"isOffDay\": false, \"note\": {}},\n"
		"  {\"name\": \"x\", \"date\": \"2030-01-01\", \"isOffDay\": true}\n"
		" ]}\n";
	static const char other[] =
		"{\"year\": 2031, \"days\": [{\"name\": \"x\", \"date\": \"2031-01-01\", \"isOffDay\": true},"
		"{\"name\": \"y\", \"date\": \"2029-12-29\", \"isOffDay\": true}]}";
	struct workdays *wd = workdays_new();
	struct ogi_error err = { 0 };
	bool est = true;
	char out[11];

	(void)state;
	if (workdays_add_json(wd, json, sizeof(json) - 1, "good.json", &err) != 0)
		fail_msg("%s", err.msg);
	assert_true(workdays_has_year(wd, 2030));
	assert_false(workdays_has_year(wd, 2029));
	assert_false(workdays_is_working(wd, "2030-01-01"));	/* a Tuesday */
	assert_true(workdays_is_working(wd, "2029-12-29"));	/* a Saturday */
	assert_int_equal(workdays_add(wd, "2029-12-31", 1, out, &est, &err), 0);
	assert_string_equal(out, "2030-01-02");
	assert_false(est);
	/* A second file contradicting the first is refused as a whole. */
	assert_int_equal(workdays_add_json(wd, other, strlen(other), "other.json", &err), -1);
	assert_non_null(strstr(err.msg, "other.json:1:"));
	assert_false(workdays_has_year(wd, 2031));
	assert_true(workdays_is_working(wd, "2031-01-01"));	/* a Wednesday */
	workdays_free(wd);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_load_dir(void **state)
{
	char dir[] = "/tmp/ogi-workdays-XXXXXX", path[128];
	struct ogi_error err = { 0 };
	struct workdays *wd = (struct workdays *)&err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Not *.json, or hidden: ignored. */
	snprintf(path, sizeof(path), "%s/README", dir);
	write_file(path, "not json");
	snprintf(path, sizeof(path), "%s/.2026.json.swp.json", dir);
	write_file(path, "junk");
	snprintf(path, sizeof(path), "%s/2030.json", dir);
	write_file(path, "{\"year\": 2030, \"days\": []}");
	assert_int_equal(workdays_load_dir(dir, &wd, &err), 0);
	assert_true(workdays_has_year(wd, 2030));
	workdays_free(wd);

	snprintf(path, sizeof(path), "%s/2031.json", dir);
	write_file(path, "{\"year\": 2031,\n\"days\": [}");
	wd = (struct workdays *)&err;
	assert_int_equal(workdays_load_dir(dir, &wd, &err), -1);
	assert_null(wd);
	assert_non_null(strstr(err.msg, "2031.json:2:10: expected a value"));
	assert_int_equal(unlink(path), 0);

	snprintf(path, sizeof(path), "%s/2030.json", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/README", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/.2026.json.swp.json", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);

	assert_int_equal(workdays_load_dir(dir, &wd, &err), -1);
	assert_null(wd);
	assert_non_null(strstr(err.msg, dir));
	assert_non_null(strstr(err.msg, "No such file"));
}

/* How a count went: each day after the start, kind and name (the
 * Spring Festival span with both make-up Saturdays, the 01-04 Sunday). */
static void
test_trace(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *want;	/* "date kind" per day, kind W/E/H/M */
	} cases[] = {
		{ "2026-09-30", 15,
		  "2026-10-01H 2026-10-02H 2026-10-03H 2026-10-04H 2026-10-05H "
		  "2026-10-06H 2026-10-07H 2026-10-08W 2026-10-09W 2026-10-10M "
		  "2026-10-11E 2026-10-12W 2026-10-13W 2026-10-14W 2026-10-15W "
		  "2026-10-16W 2026-10-17E 2026-10-18E 2026-10-19W 2026-10-20W "
		  "2026-10-21W 2026-10-22W 2026-10-23W 2026-10-24E 2026-10-25E "
		  "2026-10-26W 2026-10-27W" },
		{ "2025-12-31", 2, "2026-01-01H 2026-01-02H 2026-01-03H 2026-01-04M "
		  "2026-01-05W" },
		{ "2026-02-13", 3, "2026-02-14M 2026-02-15H 2026-02-16H 2026-02-17H "
		  "2026-02-18H 2026-02-19H 2026-02-20H 2026-02-21H 2026-02-22H "
		  "2026-02-23H 2026-02-24W 2026-02-25W" },
		{ "2026-09-30", 0, "" },
	};
	static const char kinds[] = { [WORKDAYS_WORKING] = 'W',
		[WORKDAYS_WEEKEND] = 'E', [WORKDAYS_HOLIDAY] = 'H',
		[WORKDAYS_MAKEUP] = 'M' };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct workdays_day *days;
		struct ogi_error err = { 0 };
		GString *got = g_string_new(NULL);
		bool est = true;
		size_t n;
		char out[11];

		if (workdays_add_trace(cal, cases[i].from, cases[i].n, out, &est,
				       &days, &n, &err) != 0)
			fail_msg("%s: %s", cases[i].from, err.msg);
		for (size_t k = 0; k < n; k++) {
			g_string_append_printf(got, "%s%s%c", k > 0 ? " " : "",
					       days[k].date, kinds[days[k].kind]);
			if ((days[k].kind == WORKDAYS_HOLIDAY ||
			     days[k].kind == WORKDAYS_MAKEUP) != (days[k].name != NULL))
				fail_msg("%s: a name only for listed days", days[k].date);
			assert_false(days[k].no_data);
		}
		if (strcmp(got->str, cases[i].want) != 0)
			fail_msg("%s + %d:\n got %s\nwant %s", cases[i].from,
				 cases[i].n, got->str, cases[i].want);
		assert_false(est);
		g_string_free(got, TRUE);
		workdays_days_free(days);
	}
}

/* Into a year without data: the days there say so. */
static void
test_trace_no_data(void **state)
{
	struct workdays_day *days;
	struct ogi_error err = { 0 };
	bool est = false;
	size_t n;
	char out[11];

	(void)state;
	assert_int_equal(workdays_add_trace(cal, "2026-12-30", 3, out, &est, &days,
					    &n, &err), 0);
	assert_string_equal(out, "2027-01-04");
	assert_true(est);
	assert_int_equal(n, 5);
	assert_string_equal(days[0].date, "2026-12-31");
	assert_false(days[0].no_data);
	assert_string_equal(days[1].date, "2027-01-01");
	assert_true(days[1].no_data);
	assert_int_equal(days[1].kind, WORKDAYS_WORKING);
	workdays_days_free(days);
}

static void
test_year_days(void **state)
{
	struct workdays_day *days;
	size_t n, off = 0, makeup = 0;

	(void)state;
	workdays_year_days(cal, 2026, &days, &n);
	for (size_t i = 0; i < n; i++) {
		assert_true(strncmp(days[i].date, "2026-", 5) == 0);
		if (i > 0)
			assert_true(strcmp(days[i - 1].date, days[i].date) < 0);
		off += days[i].kind == WORKDAYS_HOLIDAY;
		makeup += days[i].kind == WORKDAYS_MAKEUP;
	}
	/* domain.md §4: 3 + 9 + 3 + 5 + 3 + 3 + 7 days off, 6 make-up days. */
	assert_int_equal(off, 33);
	assert_int_equal(makeup, 6);
	assert_string_equal(days[0].date, "2026-01-01");
	assert_string_equal(days[0].name, "元旦");
	workdays_days_free(days);
	workdays_year_days(cal, 2027, &days, &n);
	assert_int_equal(n, 0);
	workdays_days_free(days);
}

/* A replacement takes back what the year's earlier file said, even a day
 * the new file contradicts; a bad one changes nothing. */
static void
test_replace(void **state)
{
	static const char first[] =
		"{\"year\": 2030, \"days\": [{\"name\": \"a\", \"date\": \"2030-05-01\", \"isOffDay\": true},"
		"{\"name\": \"a\", \"date\": \"2030-05-04\", \"isOffDay\": false}]}";
	static const char second[] =
		"{\"year\": 2030, \"days\": [{\"name\": \"b\", \"date\": \"2030-05-04\", \"isOffDay\": true}]}";
	static const char bad[] =
		"{\"year\": 2030, \"days\": [{\"name\": \"c\", \"date\": \"2030-05-07\", \"isOffDay\": false}]}";
	struct workdays *wd = workdays_new();
	struct ogi_error err = { 0 };
	int year = 0;

	(void)state;
	assert_int_equal(workdays_add_json(wd, first, strlen(first), "1.json", &err), 0);
	assert_false(workdays_is_working(wd, "2030-05-01"));
	assert_true(workdays_is_working(wd, "2030-05-04"));
	/* Added, it contradicts; as a replacement it wins. */
	assert_int_equal(workdays_add_json(wd, second, strlen(second), "2.json", &err), -1);
	assert_int_equal(workdays_replace_json(wd, second, strlen(second), "2.json",
					       &year, &err), 0);
	assert_int_equal(year, 2030);
	assert_true(workdays_is_working(wd, "2030-05-01"));	/* a Wednesday */
	assert_false(workdays_is_working(wd, "2030-05-04"));
	assert_int_equal(workdays_replace_json(wd, bad, strlen(bad), "3.json",
					       &year, &err), -1);
	assert_non_null(strstr(err.msg, "3.json:1:"));
	assert_false(workdays_is_working(wd, "2030-05-04"));
	workdays_free(wd);
}

/* The office's calendar: the shipped files, then STATE/holidays winning
 * for its year. */
static void
test_load_office(void **state)
{
	char dir[] = "/tmp/ogi-workdays-XXXXXX", path[160];
	struct ogi_error err = { 0 };
	struct workdays *wd;
	char *imported;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* No STATE/holidays yet: the shipped data alone. */
	assert_int_equal(workdays_load_office(OGI_SRCDIR "/data/holidays", dir, &wd,
					      &err), 0);
	assert_false(workdays_has_year(wd, 2027));
	assert_true(workdays_is_working(wd, "2026-10-08"));
	workdays_free(wd);

	imported = workdays_state_dir(dir);
	assert_int_equal(mkdir(imported, 0700), 0);
	snprintf(path, sizeof(path), "%s/2027.json", imported);
	write_file(path, "{\"year\": 2027, \"days\": [{\"name\": \"元旦\", "
		   "\"date\": \"2027-01-01\", \"isOffDay\": true}]}");
	/* A corrected 2026: 10-08 off instead of the shipped make-up 10-10. */
	snprintf(path, sizeof(path), "%s/2026.json", imported);
	write_file(path, "{\"year\": 2026, \"days\": [{\"name\": \"国庆节\", "
		   "\"date\": \"2026-10-08\", \"isOffDay\": true}]}");
	assert_int_equal(workdays_load_office(OGI_SRCDIR "/data/holidays", dir, &wd,
					      &err), 0);
	assert_true(workdays_has_year(wd, 2027));
	assert_false(workdays_is_working(wd, "2027-01-01"));
	assert_false(workdays_is_working(wd, "2026-10-08"));
	assert_false(workdays_is_working(wd, "2026-10-10"));
	assert_true(workdays_is_working(wd, "2026-10-01"));
	assert_false(workdays_is_working(wd, "2025-10-08"));
	workdays_free(wd);

	/* A broken imported file is an error naming it. */
	write_file(path, "{\"year\": 2026");
	assert_int_equal(workdays_load_office(OGI_SRCDIR "/data/holidays", dir, &wd,
					      &err), -1);
	assert_null(wd);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/2027.json", imported);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(imported), 0);
	assert_int_equal(rmdir(dir), 0);
	g_free(imported);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_years_loaded),
		cmocka_unit_test(test_is_working),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_add_without_calendar),
		cmocka_unit_test(test_add_bad_input),
		cmocka_unit_test(test_bad_json),
		cmocka_unit_test(test_json_bytes),
		cmocka_unit_test(test_deep_json),
		cmocka_unit_test(test_good_json),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_trace_no_data),
		cmocka_unit_test(test_year_days),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_load_office),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
