/* The outbox: every outgoing message as a registry row (tables outbox and
 * outbox_attempts, migration 5).
 *
 * A message to send is composed into the spool first (delivery/compose.h),
 * then enqueued here; the sender (delivery/sender.h) takes the due rows,
 * delivers them and records each attempt.  States: "queued" (never tried),
 * "delayed" (a temporary failure; tried again at next_attempt_at), "sent"
 * and "failed" (final; a bounce may still turn sent into failed).
 *
 * Same rules as registry.h: calls block on disk I/O, strings passed in are
 * copied, strings handed out belong to the returned rows.
 */
#ifndef OGI_REGISTRY_OUTBOX_H
#define OGI_REGISTRY_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* A message to enqueue. */
struct registry_outbox_new {
	const char *case_id;     /* the case it belongs to, or NULL */
	const char *kind;        /* what it is: "receipt", "test", ... */
	const char *recipient;   /* the envelope recipient, an addr-spec */
	const char *message_id;  /* its Message-ID without brackets; unique */
	const char *in_reply_to; /* the applicant's Message-ID, or NULL */
	const char *spool_path;  /* the composed message, relative to the
	                            state dir (spool_commit's path) */
};

/* Enqueues m as "queued", due at now, with its own write transaction
 * (BEGIN IMMEDIATE ... COMMIT, blocking like registry_record); must not be
 * called inside another registry call.  Returns 0 with the row's id in
 * *id_r, or -1 with nothing written. */
int registry_outbox_enqueue(struct registry *reg,
			    const struct registry_outbox_new *m, int64_t now,
			    int64_t *id_r, struct ogi_error *err);

/* The same, inside a write transaction the caller already holds (e.g.
 * registry_record's, for a receipt caused by the message it records): the
 * row commits or rolls back with that transaction.  Fails, writing
 * nothing, when no transaction is open. */
int registry_outbox_enqueue_in_tx(struct registry *reg,
				  const struct registry_outbox_new *m,
				  int64_t now, int64_t *id_r,
				  struct ogi_error *err);

struct registry_outbox_row {
	int64_t id;
	char *case_id;          /* NULL if none */
	char *kind;
	char *recipient;
	char *return_path;      /* the envelope sender of the last attempt,
	                           NULL before the first */
	char *message_id;
	char *in_reply_to;      /* NULL if none */
	char *spool_path;
	char *state;            /* queued, delayed, sent, failed */
	int attempts;
	int64_t next_attempt_at; /* 0 when final */
	char *last_status;      /* the last server reply or error, NULL if none */
	int64_t created_at;
	int64_t sent_at;        /* 0 if not sent */
};

/* Rows queued or delayed whose next attempt is due at now, oldest due
 * first, at most max.  Returns 0 and an array of *n_r rows in *rows_r
 * (free with registry_outbox_rows_free; NULL when none), or -1. */
int registry_outbox_due(struct registry *reg, int64_t now, size_t max,
			struct registry_outbox_row **rows_r, size_t *n_r,
			struct ogi_error *err);
/* Every row, oldest first; same ownership. */
int registry_outbox_list(struct registry *reg,
			 struct registry_outbox_row **rows_r, size_t *n_r,
			 struct ogi_error *err);
/* The row with id; 0 with *found_r false when none.  row_r is cleared
 * with registry_outbox_row_clear when found. */
int registry_outbox_get(struct registry *reg, int64_t id,
			struct registry_outbox_row *row_r, bool *found_r,
			struct ogi_error *err);
/* The id of the row whose Message-ID is message_id (without brackets);
 * 0 when none. */
int registry_outbox_find(struct registry *reg, const char *message_id,
			 int64_t *id_r, struct ogi_error *err);

/* Whether the outbox holds a message of kind created at since (unix
 * seconds) or later, sent or not; inside the caller's transaction, so
 * that what it then enqueues is decided by what it saw.  Returns 0 with
 * *found_r, or -1. */
int registry_outbox_kind_since(struct registry *reg, const char *kind,
			       int64_t since, bool *found_r,
			       struct ogi_error *err);

void registry_outbox_row_clear(struct registry_outbox_row *r);
void registry_outbox_rows_free(struct registry_outbox_row *rows, size_t n);

/* One delivery attempt and what the sender decided from it. */
struct registry_outbox_attempt {
	int64_t at;
	const char *result;      /* "sent", "temporary" or "permanent" */
	const char *reply;       /* the server's reply or the error, or NULL */
	const char *return_path; /* the envelope sender used */
	const char *state;       /* the row's new state: sent, delayed, failed */
	int64_t next_attempt_at; /* for delayed; ignored otherwise */
};

/* Records attempt a on row id and moves the row to a->state, in one
 * transaction, only while the row is still queued or delayed (two senders
 * cannot both record it); an event "outbox-sent" or "outbox-failed" on the
 * row's case (none for delayed).  Returns 0, or -1 when the row is not
 * waiting any more (nothing written) or on a database error. */
int registry_outbox_attempt(struct registry *reg, int64_t id,
			    const struct registry_outbox_attempt *a,
			    struct ogi_error *err);

/* A delivery status notification came back for row id: permanent (a
 * 5.x.x status) marks the row failed, otherwise delayed, whatever state it
 * was in except failed, which stays; status is the DSN's status and
 * diagnostic text.  Recorded as an attempt ("bounced" or "delayed") with
 * an event "outbox-bounced" or "outbox-delayed".  A delayed DSN does not
 * schedule a new attempt (the remote server still holds the message) and
 * leaves one the retry schedule set (our own server had refused it for
 * now) as it was.  Returns 0, or -1 when there is no such row or on a
 * database error. */
int registry_outbox_report(struct registry *reg, int64_t id, bool permanent,
			   const char *status, int64_t now,
			   struct ogi_error *err);
/* The same inside a write transaction the caller already holds (the
 * intake batch that records the bounce itself): it commits or rolls back
 * with it.  Fails, writing nothing, when no transaction is open. */
int registry_outbox_report_in_tx(struct registry *reg, int64_t id,
				 bool permanent, const char *status,
				 int64_t now, struct ogi_error *err);

/* How many rows are in each state, for `ogictl status`.  Returns 0 or
 * -1; works on a read-only handle. */
struct registry_outbox_counts {
	size_t queued;
	size_t delayed;
	size_t failed;
	size_t sent;
};
int registry_outbox_counts(struct registry *reg,
			   struct registry_outbox_counts *c_r,
			   struct ogi_error *err);

#endif
