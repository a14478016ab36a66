/* Calendar warnings at ogid's start: the open cases whose deadline was
 * counted without a year's holiday data, and whether an application
 * received today would be (delivery_calendar_warnings, delivery/chores.h,
 * which the daily digest lists too). */
#ifndef OGI_DAEMON_CALWARN_H
#define OGI_DAEMON_CALWARN_H

#include "common/config.h"

/* Loads the office's calendar and, when it exists, the registry (read
 * only), and logs each warning (log_warning), or why they could not be
 * worked out.  Blocks on file and registry I/O. */
void daemon_calendar_warn(const struct config *cfg);

#endif
