/* The holding list, and the count of automatic messages per address.
 *
 * Holding: a message that is not an application and matches no case
 * (a consultation, a complaint, a status query from an address no case
 * has, a correction naming no case) is marked held (messages.holding)
 * and waits for a clerk, who files it into a case, opens a new case from
 * it, or dismisses it; each with an event.  Calls block on disk I/O and
 * the busy timeout like registry.h's; strings handed out belong to the
 * returned rows.
 */
#ifndef OGI_REGISTRY_HOLDING_H
#define OGI_REGISTRY_HOLDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* Marks the message recorded as mailbox + uid held, inside the caller's
 * transaction (a batch: it commits or is undone with the record).
 * Returns 0 or -1. */
int registry_holding_mark_in_tx(struct registry *reg, const char *mailbox,
				const char *uid, struct ogi_error *err);

struct registry_holding_row {
	char *mailbox;
	char *uid;
	char *message_id;   /* NULL if none */
	int64_t received_at;
	char *from_addr;    /* NULL if none */
	char *subject;      /* NULL if none */
	char *kind;         /* as in registry_message_row */
};

/* The held messages, oldest first.  Returns 0 and *n_r rows in *rows_r
 * (free with registry_holding_rows_free; NULL when none), or -1. */
int registry_holding_list(struct registry *reg,
			  struct registry_holding_row **rows_r, size_t *n_r,
			  struct ogi_error *err);
void registry_holding_rows_free(struct registry_holding_row *rows, size_t n);

/* What a clerk does with a held message. */
enum registry_holding_action {
	REGISTRY_HOLDING_FILE,    /* join case_id; nothing about its period */
	REGISTRY_HOLDING_CORRECTION, /* join case_id as its correction */
	REGISTRY_HOLDING_NEW,     /* a new case in state needs_review */
	REGISTRY_HOLDING_DISMISS, /* nothing more to do */
};

/* Ends the holding of the held message which (a file name, mailbox/uid or
 * Message-ID), in one transaction: FILE links it to case_id (which must
 * exist) and records nothing about the case's period; CORRECTION links it
 * too and keeps its receipt as the correction's
 * (registry_case.correction_received_at), refused unless the case waits
 * for a correction (incomplete, or needs_review with one) and the message
 * was received no earlier than the case's last move to incomplete
 * (registry_case_incomplete_since; the error shows both times at
 * fresh->tz_offset); of several filed so, the newest received is kept:
 * the last one completed the application.  NEW opens a case for it in
 * state needs_review with deadline
 * (YYYY-MM-DD, or NULL) counted from its receipt, the office's time zone
 * offset tz_offset, its sender as the applicant's e-mail and review as
 * the reason a clerk must look; DISMISS only marks it.  Each writes an
 * event in the handle's actor's name.  case_r (room for
 * REGISTRY_CASE_ID_SIZE) gets the case filed into or opened, "" for
 * DISMISS.  Returns 0, or -1 when which names no held message (or
 * several), the case does not exist, a correction is refused, or on a
 * database error. */
struct registry_holding_new {
	const char *deadline;
	bool deadline_provisional;
	const char *rules;          /* the profile it was counted by */
	const char *receipt_date;
	const char *deadline_basis;
	int tz_offset;
	const char *review;
};
int registry_holding_end(struct registry *reg, const char *which,
			 enum registry_holding_action action,
			 const char *case_id,
			 const struct registry_holding_new *fresh,
			 char case_r[REGISTRY_CASE_ID_SIZE],
			 struct ogi_error *err);

/* The received time of the held message which, to count a new case's
 * deadline from.  Returns 0 (*found_r false when it names no held
 * message), or -1. */
int registry_holding_received(struct registry *reg, const char *which,
			      bool *found_r, int64_t *received_at_r,
			      struct ogi_error *err);

/* Automatic messages sent to recipient (compared without case) on day
 * (YYYY-MM-DD, the office's date).  Returns 0 with the count, or -1. */
int registry_auto_replies_count(struct registry *reg, const char *recipient,
				const char *day, int *count_r,
				struct ogi_error *err);

/* Counts one more automatic message to recipient on day, inside the
 * caller's transaction: the one that queues the message, so a crash
 * neither sends one uncounted nor counts one unsent.  Returns 0 or -1. */
int registry_auto_replies_add_in_tx(struct registry *reg,
				    const char *recipient, const char *day,
				    struct ogi_error *err);

#endif
