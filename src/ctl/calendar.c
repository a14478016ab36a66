#include "ctl/calendar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/workdays.h"

/* add-days takes at most a working year and a half: the longest period
 * the rules give (20 + 20 working days, a correction period on top) is far
 * below it, and a typo of an extra digit should not print pages. */
#define CTL_CALENDAR_MAX_DAYS 400

static void
ctl_calendar_usage(void)
{
	fputs("usage: ogictl calendar add-days DATE N\n"
	      "       ogictl calendar show YEAR\n"
	      "       ogictl calendar import FILE.json\n", stderr);
}

static int
ctl_calendar_load(const struct config *cfg, struct workdays **wd_r)
{
	struct ogi_error err = { 0 };

	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, wd_r,
				 &err) != 0) {
		fprintf(stderr, "ogictl: calendar: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void
ctl_calendar_gdate(const char *date, GDate *d)
{
	g_date_clear(d, 1);
	g_date_set_dmy(d, (GDateDay)atoi(date + 8), (GDateMonth)atoi(date + 5),
		       (GDateYear)atoi(date));
}

/* "Mon" .. "Sun" of a valid ISO date. */
static const char *
ctl_calendar_weekday(const char *date)
{
	static const char *const names[] = {
		"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
	};
	GDate d;

	ctl_calendar_gdate(date, &d);
	return names[g_date_get_weekday(&d)];
}

static guint32
ctl_calendar_julian(const char *date)
{
	GDate d;

	ctl_calendar_gdate(date, &d);
	return g_date_get_julian(&d);
}

/* One line for a run of days alike (kind and name): skipped or counted,
 * and, for counted ones, their place in the count. */
static void
ctl_calendar_run(const struct workdays_day *first, const struct workdays_day *last,
		 size_t n, int *counted)
{
	char span[32];

	if (n == 1)
		snprintf(span, sizeof(span), "%s %s", first->date,
			 ctl_calendar_weekday(first->date));
	else
		snprintf(span, sizeof(span), "%s..%s", first->date, last->date);
	printf("  %-22s ", span);
	switch (first->kind) {
	case WORKDAYS_WEEKEND:
		printf("skipped: weekend\n");
		return;
	case WORKDAYS_HOLIDAY:
		printf("skipped: %s (day%s off)\n", first->name, n == 1 ? "" : "s");
		return;
	case WORKDAYS_MAKEUP:
		printf("counted: make-up working day (%s)", first->name);
		break;
	case WORKDAYS_WORKING:
		printf("counted");
		break;
	}
	if (n == 1)
		printf(" #%d\n", *counted + 1);
	else
		printf(" #%d-#%d\n", *counted + 1, *counted + (int)n);
	*counted += (int)n;
}

/* Prints the trace, a run per line, and the years without data. */
static void
ctl_calendar_explain(const struct workdays_day *days, size_t n)
{
	GString *missing = g_string_new(NULL);
	char last[5] = "";
	int counted = 0;
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;

		while (j < n && days[j].kind == days[i].kind &&
		       g_strcmp0(days[j].name, days[i].name) == 0)
			j++;
		ctl_calendar_run(&days[i], &days[j - 1], j - i, &counted);
		i = j;
	}
	for (i = 0; i < n; i++)
		if (days[i].no_data && strncmp(last, days[i].date, 4) != 0) {
			g_string_append_printf(missing, "%s%.4s",
					       missing->len > 0 ? ", " : "",
					       days[i].date);
			memcpy(last, days[i].date, 4);
		}
	if (missing->len > 0)
		printf("provisional: no holiday calendar for %s; only weekends were "
		       "skipped there (import the year with `ogictl calendar "
		       "import`)\n", missing->str);
	g_string_free(missing, TRUE);
}

static int
ctl_calendar_add_days(const struct config *cfg, int argc, char **argv)
{
	struct workdays_day *days = NULL, from;
	struct ogi_error err = { 0 };
	struct workdays *wd;
	bool provisional;
	size_t n_days = 0;
	char out[11], *end;
	long n;
	int rc = 1;

	if (argc != 4) {
		ctl_calendar_usage();
		return 2;
	}
	errno = 0;
	n = strtol(argv[3], &end, 10);
	if (errno != 0 || end == argv[3] || *end != '\0' || n < 0 ||
	    n > CTL_CALENDAR_MAX_DAYS) {
		fprintf(stderr, "ogictl: calendar add-days: N must be a number of "
			"working days from 0 to %d\n", CTL_CALENDAR_MAX_DAYS);
		return 2;
	}
	if (ctl_calendar_load(cfg, &wd) != 0)
		return 1;
	if (workdays_day_info(wd, argv[2], &from, &err) != 0 ||
	    workdays_add_trace(wd, argv[2], (int)n, out, &provisional, &days,
			       &n_days, &err) != 0) {
		fprintf(stderr, "ogictl: calendar add-days: %s\n", err.msg);
		goto out;
	}
	printf("%s\n", out);
	printf("%ld working day%s after %s %s (the day itself not counted)%s\n",
	       n, n == 1 ? "" : "s", from.date, ctl_calendar_weekday(from.date),
	       n > 0 ? ":" : "");
	ctl_calendar_explain(days, n_days);
	rc = 0;
out:
	workdays_days_free(days);
	workdays_free(wd);
	return rc;
}

/* Parses a year 1..9999 or says why not. */
static int
ctl_calendar_year(const char *s, int *year_r)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || y < 1 || y > 9999) {
		fprintf(stderr, "ogictl: calendar: \"%s\" is not a year\n", s);
		return -1;
	}
	*year_r = (int)y;
	return 0;
}

static int
ctl_calendar_show(const struct config *cfg, int argc, char **argv)
{
	static const struct {
		enum workdays_kind kind;
		const char *title;
	} sections[] = {
		{ WORKDAYS_HOLIDAY, "days off" },
		{ WORKDAYS_MAKEUP, "make-up working days" },
	};
	struct workdays_day *days;
	struct workdays *wd;
	size_t n;
	int year;

	if (argc != 3) {
		ctl_calendar_usage();
		return 2;
	}
	if (ctl_calendar_year(argv[2], &year) != 0)
		return 2;
	if (ctl_calendar_load(cfg, &wd) != 0)
		return 1;
	if (!workdays_has_year(wd, year)) {
		printf("%d: no calendar data; deadlines that run into it count "
		       "weekends only and are provisional until the year is "
		       "imported (ogictl calendar import FILE.json)\n", year);
		workdays_free(wd);
		return 0;
	}
	workdays_year_days(wd, year, &days, &n);
	printf("%d: holidays and make-up working days\n", year);
	for (size_t s = 0; s < G_N_ELEMENTS(sections); s++) {
		size_t shown = 0;

		printf("%s:\n", sections[s].title);
		for (size_t i = 0; i < n; i++) {
			size_t j = i;

			if (days[i].kind != sections[s].kind)
				continue;
			/* A holiday's days in one line: the list is by date,
			 * so its run is the entries that follow day by day. */
			while (j + 1 < n && days[j + 1].kind == days[i].kind &&
			       strcmp(days[j + 1].name, days[i].name) == 0 &&
			       ctl_calendar_julian(days[j + 1].date) ==
			       ctl_calendar_julian(days[j].date) + 1)
				j++;
			if (j == i)
				printf("  %s %s  %s\n", days[i].date,
				       ctl_calendar_weekday(days[i].date),
				       days[i].name);
			else
				printf("  %s..%s  %s (%zu days)\n", days[i].date,
				       days[j].date, days[i].name, j - i + 1);
			shown++;
			i = j;
		}
		if (shown == 0)
			printf("  (none)\n");
	}
	workdays_days_free(days);
	workdays_free(wd);
	return 0;
}

int
ctl_calendar(const struct config *cfg, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add-days") == 0)
		return ctl_calendar_add_days(cfg, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return ctl_calendar_show(cfg, argc, argv);
	ctl_calendar_usage();
	return 2;
}
