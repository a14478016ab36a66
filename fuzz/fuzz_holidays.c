/* libFuzzer target: the holiday-JSON reader (workdays_add_json) on any
 * bytes.  A document it accepts must be accepted again on the same calendar
 * (it cannot contradict itself), must replace its own year (what `ogictl
 * calendar import` does), and the calendar must then count working days
 * and list the year.  Run by contrib/fuzz.sh holidays. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/workdays.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct workdays *wd = workdays_new();
	const char *json = (const char *)data;
	struct workdays_day *days;
	char out[11];
	bool estimated;
	size_t n;
	int year;

	if (workdays_add_json(wd, json, size, "fuzz.json", NULL) == 0) {
		if (workdays_add_json(wd, json, size, "again.json", NULL) != 0 ||
		    workdays_replace_json(wd, json, size, "import.json", &year,
					  NULL) != 0 ||
		    workdays_add_trace(wd, "2025-12-20", 40, out, &estimated, &days,
				       &n, NULL) != 0)
			abort();
		workdays_days_free(days);
		workdays_year_days(wd, year, &days, &n);
		workdays_days_free(days);
	}
	workdays_free(wd);
	return 0;
}
