/* The office's clock: fixed moments in fixed zones, whatever the process's
 * own TZ.  Expected values were worked out by hand from the zones' UTC
 * offsets (Shanghai +8 all year, New York -4 in summer), not taken from
 * the implementation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"

static const struct {
	const char *tz;
	int64_t t;
	const char *date;
	int weekday, hour, minute, second, utc_offset;
	int64_t day_start;
} clock_cases[] = {
	/* the epoch: a Thursday */
	{ "UTC", 0, "1970-01-01", 4, 0, 0, 0, 0, 0 },
	/* 2026-09-30T15:59:59Z: the last second of Wednesday in Shanghai */
	{ "Asia/Shanghai", 1790783999, "2026-09-30", 3, 23, 59, 59, 28800,
	  1790783999 - 86399 },
	/* half an hour later it is 国庆, Thursday 2026-10-01 00:30 */
	{ "Asia/Shanghai", 1790785800, "2026-10-01", 4, 0, 30, 0, 28800,
	  1790785800 - 1800 },
	/* ... while in UTC it is still 16:30 on the 30th */
	{ "UTC", 1790785800, "2026-09-30", 3, 16, 30, 0, 0,
	  1790785800 - 59400 },
	/* 2026-07-04T03:15:07Z: Friday evening in New York (EDT, -4) */
	{ "America/New_York", 1783134907, "2026-07-03", 5, 23, 15, 7, -14400,
	  1783134907 - 83707 },
	/* 2026-12-31T23:59:59Z: the new year has begun in Shanghai */
	{ "Asia/Shanghai", 1798761599, "2027-01-01", 5, 7, 59, 59, 28800,
	  1798761599 - 28799 },
	/* a leap day; a zone the system does not know counts as UTC */
	{ "Mars/Olympus_Mons", 1835438400, "2028-02-29", 2, 12, 0, 0, 0,
	  1835438400 - 43200 },
	{ NULL, 1835438400, "2028-02-29", 2, 12, 0, 0, 0, 1835438400 - 43200 },
};

/* The process's own zone must not matter: the office's is configured. */
static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	return 0;
}

static void
test_local(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(clock_cases); i++) {
		struct clock_local l;
		char date[11];
		int year, month, day;

		memset(&l, 0xa5, sizeof(l));
		clock_local(clock_cases[i].tz, clock_cases[i].t, &l);
		assert_string_equal(l.date, clock_cases[i].date);
		assert_int_equal(sscanf(clock_cases[i].date, "%d-%d-%d", &year,
					&month, &day), 3);
		assert_int_equal(l.year, year);
		assert_int_equal(l.month, month);
		assert_int_equal(l.day, day);
		assert_int_equal(l.weekday, clock_cases[i].weekday);
		assert_int_equal(l.hour, clock_cases[i].hour);
		assert_int_equal(l.minute, clock_cases[i].minute);
		assert_int_equal(l.second, clock_cases[i].second);
		assert_int_equal(l.utc_offset, clock_cases[i].utc_offset);
		assert_int_equal(l.day_start, clock_cases[i].day_start);

		memset(date, 'x', sizeof(date));
		clock_date(clock_cases[i].tz, clock_cases[i].t, date);
		assert_string_equal(date, clock_cases[i].date);
	}
}

static const struct {
	const char *tz;
	int64_t t;
	const char *format, *want;
} format_cases[] = {
	{ "Asia/Shanghai", 1790785800, "%Y-%m-%dT%H:%M:%S%:z",
	  "2026-10-01T00:30:00+08:00" },
	{ "America/New_York", 1783134907, "%Y-%m-%d %H:%M", "2026-07-03 23:15" },
	{ "Mars/Olympus_Mons", 0, "%Y-%m-%d %H:%M:%S%:z",
	  "1970-01-01 00:00:00+00:00" },
};

static void
test_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(format_cases); i++) {
		char *s = clock_format(format_cases[i].tz, format_cases[i].t,
				       format_cases[i].format);

		assert_string_equal(s, format_cases[i].want);
		g_free(s);
	}
}

/* Midnight of a date on the office's clock, as a moment. */
static const struct {
	const char *tz;
	int year, month, day;
	int64_t t;
} midnight_cases[] = {
	{ "UTC", 1970, 1, 1, 0 },
	/* 2027 begins in Shanghai at 2026-12-31T16:00Z */
	{ "Asia/Shanghai", 2027, 1, 1, 1798761600 - 28800 },
	/* 2026-07-04 begins in New York (EDT, -4) at 04:00Z */
	{ "America/New_York", 2026, 7, 4, 1783137600 },
	/* a zone the system does not know counts as UTC */
	{ "Mars/Olympus_Mons", 2028, 2, 29, 1835438400 - 43200 },
	/* no such dates */
	{ "Asia/Shanghai", 2026, 2, 30, -1 },
	{ "Asia/Shanghai", 2026, 13, 1, -1 },
	{ "UTC", 10000, 1, 1, -1 },
};

static void
test_midnight(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(midnight_cases); i++)
		assert_int_equal(clock_midnight(midnight_cases[i].tz,
						midnight_cases[i].year,
						midnight_cases[i].month,
						midnight_cases[i].day),
				 midnight_cases[i].t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_midnight),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
