/* Workflow: the office's business policy, and nothing else.
 *
 * Pure functions: no I/O, no clock, no database.  The daemon and ogictl ask
 * here what a message becomes, which state a case starts in, whether it
 * gets a deadline and which letter answers it; the registry only stores
 * the answer (registry.h).  Strings returned are static.  Nothing here
 * blocks.
 *
 * The rules, from the bureau's rules (../shared/reference/bureau-rules.txt,
 * second document) and the national regulations:
 * - an application becomes a case: "registered" when the extractor's
 *   verdict is complete (Art. 4), "incomplete" when an element is
 *   certainly missing or invalid, "needs_review" when the verdict is in
 *   doubt or the message had problems -- nothing is sent on a guess, a
 *   clerk decides (ogictl review);
 * - every application, complete or not, gets a reply deadline counted from
 *   receipt (Art. 6): reply_days working days on the Chinese calendar, the
 *   day of receipt not counted (workflow/rules.h counts it);
 * - a correction reply or a status query joins the case it quotes, else
 *   the case of the message it answers (In-Reply-To, References: the
 *   applicant answering our notice, or replying to their own
 *   application); one tied to no known case, or quoting a case other
 *   than its thread's (it joins the thread's), goes to the office;
 * - auto-replies, bounces and bulk mail are recorded and never answered
 *   (RFC 3834: no loop of robot mail); a delivery report that matches no
 *   message the gateway sent goes to the office;
 * - consultations, complaints, unparsed mail and any message with a
 *   problem go to the office.
 */
#ifndef OGI_WORKFLOW_WORKFLOW_H
#define OGI_WORKFLOW_WORKFLOW_H

#include <stdbool.h>

#include "common/error.h"
#include "extract/extract.h"

enum workflow_disposition {
	WORKFLOW_CASE,      /* became an application */
	WORKFLOW_LINKED,    /* joined the case it quotes */
	WORKFLOW_IGNORED,   /* automatic mail: recorded, never answered */
	WORKFLOW_REVIEW,    /* a clerk must look at it */
};

struct workflow_decision {
	enum workflow_disposition disposition; /* WORKFLOW_REVIEW whenever the
	                           message had problems, even when it also
	                           makes or joins a case */
	const char *state;      /* an application: the state its new case
	                           starts in; else NULL */
	const char *link_case;  /* a reply tied to a known case: that case
	                           (the record's case_ref, or thread_case);
	                           else NULL */
	const char *reason;     /* why, for the event log: "complete",
	                           "incomplete", "unknown case", ... */
	bool deadline_due;      /* a reply deadline must be set (Art. 6) */
};

/* What becomes of a message.  rec NULL: it could not be parsed.
 * has_problems: MIME problems or a parse failure were found.  case_known:
 * rec->case_ref names a registered case (the caller asked the registry).
 * thread_case: the case of a message this one answers, NULL if none.
 * Fills *d_r; pointers in it are static, rec's or thread_case. */
void workflow_decide(const struct extract_record *rec, bool has_problems,
		     bool case_known, const char *thread_case,
		     struct workflow_decision *d_r);

/* A delivery report (extract/dsn.h) after workflow_decide: one that
 * matched an outgoing message is only recorded (the outbox row says what
 * it meant); one that matched none -- a letter a clerk sent by hand, or a
 * bounce to a forged return path -- goes to the office.  Changes *d. */
void workflow_bounce(bool matched, bool forged, struct workflow_decision *d);

/* "case", "linked", "ignored", "needs_review": the names the registry
 * stores and ogictl prints. */
const char *workflow_disposition_name(enum workflow_disposition d);

/* The states of a case (issue 9):
 *   received -> needs_review | incomplete | registered | not_application
 *               | duplicate
 *   needs_review -> registered | incomplete | not_application | duplicate
 *                   | withdrawn
 *   incomplete -> registered | needs_review | abandoned | withdrawn
 *                 | not_application
 *   registered -> incomplete | extended | answered | withdrawn
 *   extended -> answered | withdrawn
 *   answered -> delivered | delivery_failed
 *   delivery_failed -> delivered | closed
 *   delivered -> delivery_failed | closed  (a bounce after the reply was
 *                accepted: it goes again by the next channel)
 * abandoned, withdrawn, not_application, duplicate and closed are final.
 * A case is "open" (its deadline runs) from registration until it is
 * answered: incomplete, registered, extended; needs_review too, because
 * the clock of an application a clerk has not yet looked at runs all the
 * same.  `ogictl due` lists the open cases and those in delivery_failed:
 * a reply that did not reach the applicant is not yet given. */

/* True when state is one of the names above. */
bool workflow_state_known(const char *state);

/* True when the case's reply deadline is running in state. */
bool workflow_state_open(const char *state);

/* True when a clerk must still act on a case in state before its
 * deadline: an open one, or delivery_failed (ogictl due). */
bool workflow_state_due(const char *state);

/* True when nothing more can happen to a case in state. */
bool workflow_state_final(const char *state);

/* Returns 0 when a case may move from state from to state to, or -1 with
 * err saying, in the clerk's words, why not (an unknown state, a final
 * state, a move the table above does not have). */
int workflow_transition_check(const char *from, const char *to,
			      struct ogi_error *err);

/* The letter a case in state owes the applicant next: "receipt" for a
 * registered application, "correction" for an incomplete one; NULL when
 * none is owed. */
const char *workflow_letter(const char *state);

/* Whether a letter of kind (NULL: none) is a reply, the answer ogictl
 * reply sends ("reply-provided", "reply-refused", ...): its arrival
 * delivers the case, its failure fails the case's delivery, and one for
 * pickup waits at the office to be fetched. */
bool workflow_letter_is_reply(const char *kind);

/* How the daemon can reach an applicant by itself. */
struct workflow_reach {
	bool email;    /* a usable e-mail address */
	bool fax;      /* a fax number, and a fax way out configured */
	bool post;     /* a postal address */
};

/* The channel ("email", "fax", "post", "pickup") of a letter the daemon
 * sends by itself (bureau rules Art. 8: the form the applicant asked for):
 * the applicant's choice when it can be done (pickup: when the notice can
 * reach them by e-mail or post); a choice it cannot do, or none, is e-mail
 * when there is an address.  NULL: no way to send it, a clerk decides. */
const char *workflow_letter_channel(enum extract_delivery chosen,
				    const struct workflow_reach *r);

#endif
