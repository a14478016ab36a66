/* libFuzzer target: the holiday-JSON reader (workdays_add_json) on any
 * bytes.  A document it accepts must be accepted again on the same calendar
 * (it cannot contradict itself) and the calendar must then count working
 * days.  Run by contrib/fuzz.sh holidays. */
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
	char out[11];
	bool estimated;

	if (workdays_add_json(wd, json, size, "fuzz.json", NULL) == 0) {
		if (workdays_add_json(wd, json, size, "again.json", NULL) != 0 ||
		    workdays_add(wd, "2025-12-20", 40, out, &estimated, NULL) != 0)
			abort();
	}
	workdays_free(wd);
	return 0;
}
