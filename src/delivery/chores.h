/* What the daemon does by the clock, in the sender's process after each
 * outbox pass: the national-2019 abandonment of applications never
 * corrected (once a day), and the daily digest to the office's address at
 * `digest_time` (once a day: a digest row in the outbox created since the
 * office's midnight means it went).
 */
#ifndef OGI_DELIVERY_CHORES_H
#define OGI_DELIVERY_CHORES_H

#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "common/workdays.h"
#include "registry/registry.h"

/* What the chores remember between passes of one process: the caller's,
 * zeroed before the first pass and kept for the next. */
struct delivery_chores {
	char swept[11];      /* the office's day of the last sweep, "" none */
	char digested[11];   /* the office's day whose digest this process
	                        found or queued in the outbox, "" none */
};

/* Runs the chores that are due at now (Unix seconds; the office's day in
 * cfg->timezone), updating *ch.  cfg and reg are the caller's, only used
 * during the call; the digest is written to the spool and queued in the
 * outbox (the sender mails it), nothing is returned to free.  Blocks on
 * disk (calendar files, the spool) and on the registry (up to its busy
 * timeout); never on the network.  Returns 0, or -1 (store scope) when the
 * registry, the calendar or the spool failed; a chore that failed is
 * tried again at the next pass. */
int delivery_chores_run(const struct config *cfg, struct registry *reg,
			struct delivery_chores *ch, int64_t now,
			struct ogi_error *err);

/* What the office must hear about the calendar at now (Unix seconds; the
 * office's day in cfg->timezone) on the calendar wd: rules_calendar_warnings
 * for the open cases in reg whose deadline is provisional (none when reg
 * is NULL) and for an application received today.  ogid logs them at
 * start (daemon/calwarn.c) and the daily digest lists them, so both say
 * the same.  cfg, wd and reg are the caller's, only used during the call.
 * Returns 0 with the warnings, one per line without a final newline, in
 * *text_r (g_free), or NULL there when there is nothing to say; -1 when
 * the registry cannot be read.  Blocks on registry I/O. */
int delivery_calendar_warnings(const struct config *cfg,
			       const struct workdays *wd, struct registry *reg,
			       int64_t now, char **text_r,
			       struct ogi_error *err);

#endif
