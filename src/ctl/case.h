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

/* `accept ID`: needs_review or incomplete -> registered, with the receipt
 * it owes; prints the deadline (the one set at receipt). */
int ctl_case_accept(const struct config *cfg, int argc, char **argv);

/* `incomplete ID --missing ELEMENT[,...] [--invalid FIELD[,...]]` (at
 * least one of them): -> incomplete with the lists stored for the
 * correction notice, which it owes.  Names as extract_element_name() and
 * extract_invalid_name() give them; an unknown one is refused with the
 * list of known ones. */
int ctl_case_incomplete(const struct config *cfg, int argc, char **argv);

/* `delivered ID --how TEXT`: a reply whose letter failed in its channel
 * reached the applicant all the same, as a clerk checked (delivery_failed
 * -> delivered, the event saying how they know). */
int ctl_case_delivered(const struct config *cfg, int argc, char **argv);

/* `withdraw ID [--reason TEXT]`: -> withdrawn; the case concludes with
 * the outcome other.other now. */
int ctl_case_withdraw(const struct config *cfg, int argc, char **argv);

/* `set ID FIELD VALUE`: one of the case's fields (name, phone, email,
 * fax, address, postcode, request, delivery, org_kind, ... -- usage lists
 * them) to VALUE, checked and normalised as the extractor would; "" clears
 * it.  A value supplies the element it fills and clears its invalid mark.
 * Recorded as an event "set" with the old and new values; an identity
 * number's are masked. */
int ctl_case_set(const struct config *cfg, int argc, char **argv);

/* `due [--within N] [--json]`: the open cases (workflow_state_open) and
 * those whose reply failed to reach the applicant (delivery_failed) by
 * deadline, overdue first, with the working days left on the office's
 * calendar (negative: overdue), provisional deadlines marked; --within:
 * only those due within N working days, overdue ones included. */
int ctl_case_due(const struct config *cfg, int argc, char **argv);

#endif
