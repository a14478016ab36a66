/* The clerk's commands on one case and on the open ones: `history`,
 * `note`, `accept`, `incomplete`, `withdraw`, `set` and `due`.
 *
 * Each takes argv[0] as its own name and returns the process exit status:
 * 0 done, 1 refused or failed (the reason on stderr, nothing written), 2
 * bad usage.  The commands that write open the registry read-write with
 * events in the clerk's name (ogictl_registry_open_write); a state change
 * is asked of the workflow first (workflow_transition_check) and made
 * with compare and set, so a case another clerk or the daemon moved
 * meanwhile is refused, not overwritten.  Block on disk I/O.
 */
#ifndef OGI_CTL_CASE_H
#define OGI_CTL_CASE_H

#include "common/config.h"

/* `history ID [--json]`: every event of the case and of its messages,
 * oldest first: time in the office time zone, actor, type, detail. */
int ctl_case_history(const struct config *cfg, int argc, char **argv);

/* `note ID TEXT`: an event "note" with the text; nothing else changes. */
int ctl_case_note(const struct config *cfg, int argc, char **argv);

#endif
