/* What the daemon changes in cases by itself: a correction merged into an
 * incomplete case, the open incomplete case of a sender, the sweep of
 * national-2019 applications never corrected.  Same rules as registry.h:
 * calls block on disk I/O and the busy timeout; strings passed in are
 * copied.
 */
#ifndef OGI_REGISTRY_AUTOMATIC_H
#define OGI_REGISTRY_AUTOMATIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* The one incomplete case whose applicant e-mail is from, or one of whose
 * messages came from from (compared without case); "" in case_r when
 * there is none, or more than one (a clerk tells them apart).  Returns 0
 * or -1. */
int registry_sender_incomplete_case(struct registry *reg, const char *from,
				    char case_r[REGISTRY_CASE_ID_SIZE],
				    struct ogi_error *err);

/* A case's reply clock counted anew (national-2019: from the corrected
 * application's receipt). */
struct registry_case_clock {
	const char *receipt_date;  /* YYYY-MM-DD */
	const char *deadline;      /* YYYY-MM-DD */
	const char *basis;         /* how, in words */
	bool provisional;
};

/* Case id after a correction reply (message_id: its messages row, 0 for
 * none) was merged into it, inside the caller's transaction: its fields
 * become rec's, one event "corrected" per name in changed (NULL-
 * terminated field names), its state moves from from to to (compare and
 * set; event "registered", "incomplete" or "needs_review" when it
 * changes, and "incomplete" when it stays incomplete: ogid owes a further
 * notice), when clock is not NULL, its clock is replaced and, when
 * correction_due is not NULL (a new notice's period, national-2019), the
 * day after which it is abandoned uncorrected is that one; the case
 * keeps the correction's receipt (message_id's received_at) as
 * correction_received_at, except when to is incomplete: a correction that
 * left it incomplete completed nothing, and the column is cleared.  Returns
 * 0, or -1 when it is no longer in from (nothing of this written) or on a
 * database error. */
int registry_correction_apply_in_tx(struct registry *reg, const char *id,
				    int64_t message_id,
				    const struct extract_record *rec,
				    const char *const *changed,
				    const char *from, const char *to,
				    const struct registry_case_clock *clock,
				    const char *correction_due,
				    struct ogi_error *err);

/* Case id is abandoned when still uncorrected after day due
 * (YYYY-MM-DD), inside the caller's transaction.  Returns 0 or -1. */
int registry_case_correction_due_in_tx(struct registry *reg, const char *id,
				       const char *due, struct ogi_error *err);

/* The messages row of mailbox + uid; 0 when none.  Returns 0 or -1. */
int registry_message_row_id(struct registry *reg, const char *mailbox,
			    const char *uid, int64_t *id_r,
			    struct ogi_error *err);

/* Every incomplete case whose correction_due is before today
 * (YYYY-MM-DD) becomes abandoned with outcome outcome and concluded_at
 * now, each in its own transaction with an event (compare and set: a case
 * corrected meanwhile is left alone).  *n_r: how many.  Returns 0, or -1
 * on a database error (those before it stay abandoned). */
int registry_abandon_uncorrected(struct registry *reg, const char *today,
				 const char *outcome, int64_t now,
				 size_t *n_r, struct ogi_error *err);

/* The tracking numbers of the cases recorded at or after since (Unix
 * time), oldest first: a new NULL-terminated array (g_strfreev) in
 * *ids_r.  Returns 0 or -1. */
int registry_cases_recorded_since(struct registry *reg, int64_t since,
				  char ***ids_r, struct ogi_error *err);

#endif
