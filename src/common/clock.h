/* The office's clock: a moment (Unix seconds) as the calendar date and
 * time of day that a clock in a given time zone shows, so that "today",
 * a receipt day or a Date: header is worked out one way everywhere.
 *
 * Pure but for reading the system's time zone data (the zone last named
 * is kept for the life of the process; safe from any thread); nothing
 * here blocks on anything else, and nothing depends on the process's TZ
 * or locale.
 */
#ifndef OGI_COMMON_CLOCK_H
#define OGI_COMMON_CLOCK_H

#include <stdint.h>

/* One moment on a local clock. */
struct clock_local {
	char date[11];		/* "YYYY-MM-DD" */
	int year, month, day;	/* month 1..12, day 1..31 */
	int weekday;		/* 1 = Monday .. 7 = Sunday */
	int hour, minute, second;
	int utc_offset;		/* seconds east of UTC at that moment */
	int64_t day_start;	/* Unix seconds when the clock showed 00:00:00 of
				   that date (t less the time of day shown; no
				   clock change falls inside an office's day in
				   the zones served, China has none) */
};

/* Fills *local_r with the moment t as shown in the time zone tz_name (an
 * IANA name such as "Asia/Shanghai"; only read).  config_load refuses an
 * unknown name, so one here is a zone removed from the system since:
 * it, and NULL, count as UTC. */
void clock_local(const char *tz_name, int64_t t, struct clock_local *local_r);

/* The date of t in tz_name (as clock_local), "YYYY-MM-DD", into date. */
void clock_date(const char *tz_name, int64_t t, char date[11]);

/* The moment (Unix seconds) a clock in tz_name (as clock_local) shows
 * 00:00:00 on year-month-day, or -1 when that is no date (month 13, a
 * year past 9999). */
int64_t clock_midnight(const char *tz_name, int year, int month, int day);

/* t in tz_name (as clock_local) through g_date_time_format's format
 * ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%:z", ...).  Returns a new string
 * (g_free). */
char *clock_format(const char *tz_name, int64_t t, const char *format);

#endif
