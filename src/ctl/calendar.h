/* `ogictl calendar`: the working-day calendar the deadlines are counted on
 * (common/workdays.h): the shipped or configured holidays_dir, then the
 * years imported into STATE/holidays, which win for their year. */
#ifndef OGI_CTL_CALENDAR_H
#define OGI_CTL_CALENDAR_H

#include "common/config.h"

/* argv[0] is "calendar"; argv[1] the subcommand:
 * - `add-days DATE N`: the date N working days after DATE alone on the
 *   first line (ISO), then how it was counted: the days skipped (weekends,
 *   holidays by name), the make-up working days counted, and whether a
 *   year without data made the result provisional.
 * - `show YEAR`: the year's holidays and make-up working days, or that the
 *   calendar has no data for it.
 * - `import FILE.json`: a holiday-cn file, validated against the rest of
 *   the calendar, written to STATE/holidays/YEAR.json (0600, directory
 *   0700; the year replaced whole, atomically); then the deadlines of open
 *   cases that were provisional are counted again on the new calendar, in
 *   one transaction with a "deadline-recomputed" event each, and the
 *   changed cases are printed.
 * Returns the exit status: 0, 1 on failure (message on stderr), 2 on bad
 * usage.  Blocks on file and registry I/O. */
int ctl_calendar(const struct config *cfg, int argc, char **argv);

#endif
