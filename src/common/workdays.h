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

/* Adds one JSON document (the same format) to wd: json holds len bytes of
 * UTF-8, not necessarily NUL-terminated, and may be NULL when len is 0.
 * Returns 0, or -1 with wd unchanged and err saying "NAME:LINE:COLUMN: what"
 * (a NUL byte and invalid UTF-8 are errors too).  Reads nothing but json;
 * nesting is bounded, so no input can exhaust the stack. */
int workdays_add_json(struct workdays *wd, const char *json, size_t len,
		      const char *name, struct ogi_error *err);

/* An empty calendar: weekends only. */
struct workdays *workdays_new(void);
void workdays_free(struct workdays *wd);

/* True when the calendar holds data for year (a file for it was loaded). */
bool workdays_has_year(const struct workdays *wd, int year);

/* True when date ("YYYY-MM-DD") is a working day. */
bool workdays_is_working(const struct workdays *wd, const char *date);

/* Writes to out the date n working days after from ("YYYY-MM-DD"): the day
 * of `from` itself is not counted (Civil Code Art. 201).  A year on the way
 * with no calendar data is counted with weekends only and *estimated_r set
 * true (the caller must say the deadline is provisional); otherwise false.
 * Returns 0, or -1 when from is not a date or n < 0. */
int workdays_add(const struct workdays *wd, const char *from, int n,
		 char out[11], bool *estimated_r, struct ogi_error *err);

#endif
