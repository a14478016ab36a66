/* The office's decisions on a case (`ogictl reply`, `ogictl extend`): the
 * case's change and the letter that tells the applicant, written together.
 *
 * Each call is one write transaction (BEGIN IMMEDIATE ... COMMIT; never
 * inside another): the case moves only if it is still as the clerk saw it
 * (compare and set), an event records the decision in reg's actor's name,
 * and the letter is added to the letters queue (registry/letters.h) as
 * pending; either all of it is written or nothing.  Whether the move is
 * allowed at all is the workflow's question, asked before.  Blocks on disk
 * I/O and on the busy timeout.
 */
#ifndef OGI_REGISTRY_REPLY_H
#define OGI_REGISTRY_REPLY_H

#include <stdint.h>

#include "common/error.h"
#include "registry/letters.h"
#include "registry/registry.h"

/* Records outcome (a workflow outcome code) for case id, which must still
 * be in state from with no outcome: state "answered", cases.outcome,
 * outcome_detail (the clerk's options as given, NULL when none) and
 * concluded_at = now; event "answered" naming the outcome; the reply
 * letter added (letter->case_id must be id), its id in *letter_id_r.
 * Returns 0, or -1 with nothing written: the case has moved or has an
 * outcome already ("case ID is no longer FROM"), the letter is refused, a
 * database error. */
int registry_case_conclude(struct registry *reg, const char *id,
			   const char *from, const char *outcome,
			   const char *detail,
			   const struct registry_letter_new *letter,
			   int64_t now, int64_t *letter_id_r,
			   struct ogi_error *err);

/* What an extension changes. */
struct registry_extension {
	const char *from;         /* the state the clerk saw */
	const char *deadline;     /* the deadline the clerk saw, YYYY-MM-DD */
	const char *new_deadline; /* YYYY-MM-DD */
	bool provisional;         /* the new deadline was counted without a
	                             year's holiday calendar */
	int days;                 /* working days added, >= 1 */
	const char *reason;       /* why, for the event and the basis */
};

/* Extends case id once: it must still be in x->from with x->deadline and
 * never extended; it becomes "extended" with deadline x->new_deadline,
 * extended_days x->days and its deadline basis saying so; event
 * "extended"; the extension notice added (letter->case_id must be id),
 * its id in *letter_id_r.  Returns 0, or -1 with nothing written (the case
 * has moved, its deadline changed, it was extended already, the letter is
 * refused, a database error). */
int registry_case_extend(struct registry *reg, const char *id,
			 const struct registry_extension *x,
			 const struct registry_letter_new *letter, int64_t now,
			 int64_t *letter_id_r, struct ogi_error *err);

#endif
