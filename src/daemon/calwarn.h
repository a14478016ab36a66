/* Calendar warnings: the open cases whose deadline was counted without a
 * year's holiday data, and whether an application received today would
 * be.  ogid logs them at start; the daily digest includes them. */
#ifndef OGI_DAEMON_CALWARN_H
#define OGI_DAEMON_CALWARN_H

#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "common/workdays.h"
#include "registry/registry.h"

/* The warnings at time now (Unix seconds; the office's date in
 * cfg->timezone) on the calendar wd, for the cases in reg: one per line,
 * no final newline, in *text_r (g_free), or NULL when there is nothing to
 * say.  Returns 0, or -1 when the registry cannot be read.  Blocks on
 * registry I/O. */
int daemon_calendar_warnings(const struct config *cfg, const struct workdays *wd,
			     struct registry *reg, int64_t now, char **text_r,
			     struct ogi_error *err);

/* Loads the office's calendar and, when it exists, the registry (read
 * only), and logs each warning (log_warning), or why they could not be
 * worked out.  Blocks on file and registry I/O. */
void daemon_calendar_warn(const struct config *cfg);

#endif
