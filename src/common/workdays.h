/* Working-day calendar: weekends, public holidays and make-up working days
 * (调休) as the State Council publishes them each year.
 *
 * Calendar data comes from files in the holiday-cn JSON format
 * ({"year":2026,"days":[{"name":"春节","date":"2026-02-15","isOffDay":true},…]},
 * isOffDay false = a make-up working day).  Loading blocks on file reads;
 * the date arithmetic is pure.
 */
#ifndef OGI_COMMON_WORKDAYS_H
#define OGI_COMMON_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

struct workdays;

/* Loads every "*.json" file in dir.  Returns 0 and a new calendar in *wd_r
 * (free with workdays_free), or -1 naming the file and what is wrong. */
int workdays_load_dir(const char *dir, struct workdays **wd_r,
		      struct ogi_error *err);

/* Loads the office's calendar: every file of holidays_dir (the shipped or
 * configured data), then every file of state_dir/holidays (written by
 * `ogictl calendar import`), each of which replaces what the first
 * directory said about its year.  A missing state_dir/holidays is no
 * error.  Returns 0 and a new calendar in *wd_r, or -1 naming the file. */
int workdays_load_office(const char *holidays_dir, const char *state_dir,
			 struct workdays **wd_r, struct ogi_error *err);

/* state_dir/holidays, the directory imported years live in (g_free). */
char *workdays_state_dir(const char *state_dir);

/* Adds one JSON document (the same format) to wd: json holds len bytes of
 * UTF-8, not necessarily NUL-terminated, and may be NULL when len is 0.
 * Returns 0, or -1 with wd unchanged and err saying "NAME:LINE:COLUMN: what"
 * (a NUL byte and invalid UTF-8 are errors too).  Reads nothing but json;
 * nesting is bounded, so no input can exhaust the stack. */
int workdays_add_json(struct workdays *wd, const char *json, size_t len,
		      const char *name, struct ogi_error *err);

/* Like workdays_add_json, but the document replaces whatever wd held for
 * its year (days of that year's earlier file included, wherever they
 * fall), so a corrected file can take back a day.  *year_r (may be NULL):
 * the document's year. */
int workdays_replace_json(struct workdays *wd, const char *json, size_t len,
			  const char *name, int *year_r, struct ogi_error *err);

/* An empty calendar: weekends only. */
struct workdays *workdays_new(void);
void workdays_free(struct workdays *wd);

/* True when the calendar holds data for year (a file for it was loaded). */
bool workdays_has_year(const struct workdays *wd, int year);

/* True when date ("YYYY-MM-DD") is a working day. */
bool workdays_is_working(const struct workdays *wd, const char *date);

enum workdays_kind {
	WORKDAYS_WORKING,	/* a weekday with no holiday */
	WORKDAYS_WEEKEND,	/* a Saturday or Sunday with no entry */
	WORKDAYS_HOLIDAY,	/* a day off the calendar lists */
	WORKDAYS_MAKEUP,	/* a Saturday or Sunday declared a working day */
};

/* One day as the calendar sees it. */
struct workdays_day {
	char date[11];		/* YYYY-MM-DD */
	enum workdays_kind kind;
	const char *name;	/* HOLIDAY and MAKEUP: the holiday's name, owned
				   by the calendar (valid until workdays_free);
				   else NULL */
	bool no_data;		/* its year has no calendar data */
};

/* Fills *day_r for date ("YYYY-MM-DD").  Returns 0, or -1 when date is not
 * a date. */
int workdays_day_info(const struct workdays *wd, const char *date,
		      struct workdays_day *day_r, struct ogi_error *err);

/* The calendar's entries (holidays and make-up days) dated in year, by
 * date, in a new array of *n_r (free with workdays_days_free; may be
 * empty, also when the year has data). */
void workdays_year_days(const struct workdays *wd, int year,
			struct workdays_day **days_r, size_t *n_r);

void workdays_days_free(struct workdays_day *days);

/* Writes to out the date n working days after from ("YYYY-MM-DD"): the day
 * of `from` itself is not counted (Civil Code Art. 201).  A year on the way
 * with no calendar data is counted with weekends only and *estimated_r set
 * true (the caller must say the deadline is provisional); otherwise false.
 * Returns 0, or -1 when from is not a date or n < 0. */
int workdays_add(const struct workdays *wd, const char *from, int n,
		 char out[11], bool *estimated_r, struct ogi_error *err);

/* workdays_add, and how it counted: when days_r is not NULL, every day
 * after from up to the result, in order, in a new array of *n_days_r
 * (free with workdays_days_free; NULL when n is 0). */
int workdays_add_trace(const struct workdays *wd, const char *from, int n,
		       char out[11], bool *estimated_r,
		       struct workdays_day **days_r, size_t *n_days_r,
		       struct ogi_error *err);

#endif
