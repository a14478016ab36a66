/* Letters owed to an applicant (tables letters and letter_attachments,
 * migration 7): the queue every letter goes through, whatever its channel.
 *
 * A letter is a row first -- written in the transaction of the decision
 * that owes it (a registration, a clerk's reply) -- and is rendered and
 * handed to its channel afterwards by the worker (delivery/letters.h), so
 * a crash between the decision and the PDF loses nothing.  States:
 *
 *   pending -> queued -> sent -> delivered
 *      |         |        |
 *      |         +--------+---> failed
 *      +--> cancelled, failed (it could not be rendered or handed over)
 *   queued -> cancelled (a clerk withdrew it before it left)
 *
 * A pending letter its channel could not take now waits: attempts counts
 * the tries that failed for a while, and it is not listed as pending
 * before next_attempt_at (registry_letter_defer).  A letter handed to a
 * channel that cannot be taken back (a fax command) is marked sending
 * first, in a transaction committed before the command starts
 * (registry_letter_mark_sending); the mark goes with its next move.  A
 * pending letter found marked was being sent when its sender died.
 *
 * Every change is a compare-and-set (the row must still be in the state
 * the caller saw) and an event on the letter's case ("letter-queued",
 * "letter-sent", ...; detail "letter ID KIND: ...").
 *
 * Paths (pdf_path, attachment paths) are relative to the state directory
 * and are the spool's own names; an attachment's name is what the
 * recipient is shown and is never used as a path.
 *
 * Same rules as registry.h: calls block on disk I/O, strings passed in are
 * copied, strings handed out belong to the returned rows.
 */
#ifndef OGI_REGISTRY_LETTERS_H
#define OGI_REGISTRY_LETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/outbox.h"
#include "registry/registry.h"

/* A file to send with a letter, already copied into the spool (0600) by
 * the caller. */
struct registry_letter_file {
	const char *name;   /* the name the recipient sees (UTF-8, display only) */
	const char *path;   /* the spool copy, relative to the state dir */
	int64_t size;       /* its size in bytes */
};

/* A letter to add. */
struct registry_letter_new {
	const char *case_id;     /* the case it is about (required) */
	const char *kind;        /* the letter kind: a template name such as
	                            "receipt", "correction", "reply-provided" */
	const char *channel;     /* "email", "fax", "post" or "pickup" */
	const char *values_json; /* values of this letter beyond the case's
	                            (reason, holder, ...), a JSON object; NULL
	                            when none */
	const struct registry_letter_file *files;
	size_t n_files;
};

/* Adds l as "pending" at now with its attachments (seq 1, 2, ...) and an
 * event "letter-added" on its case, in a write transaction of its own
 * (BEGIN IMMEDIATE ... COMMIT; must not be called inside another).
 * Returns 0 with the letter's id in *id_r, or -1 with nothing written (a
 * missing case, kind or channel, an unknown channel, a database error). */
int registry_letter_add(struct registry *reg,
			const struct registry_letter_new *l, int64_t now,
			int64_t *id_r, struct ogi_error *err);
/* The same inside a write transaction the caller holds (a batch of
 * registry_record, whose case it names): it commits or rolls back with
 * it.  Fails, writing nothing, when no transaction is open. */
int registry_letter_add_in_tx(struct registry *reg,
			      const struct registry_letter_new *l, int64_t now,
			      int64_t *id_r, struct ogi_error *err);

struct registry_letter_attachment {
	int seq;
	char *name;
	char *path;
	int64_t size;
};

struct registry_letter {
	int64_t id;
	char *case_id;
	char *kind;
	char *channel;
	char *state;        /* see above */
	char *docnum;       /* the document number, NULL until assigned */
	char *values_json;  /* NULL when none */
	char *pdf_path;     /* the rendered letter, NULL until rendered */
	int64_t outbox_id;  /* the outbox row that carries it by email, 0 if none */
	char *tracking;     /* the postal tracking number (post), NULL if none */
	char *detail;       /* the last change's detail (an error, a fax
	                       result), NULL if none */
	int attempts;       /* tries that failed for a while (registry_letter_defer) */
	int64_t next_attempt_at; /* pending: not before this time; 0 = now */
	int64_t sending_at; /* when it was handed to a channel that cannot
	                       take it back, while that has not ended; 0 if not */
	int64_t created_at;
	int64_t updated_at;
	struct registry_letter_attachment *files; /* by seq; NULL when none */
	size_t n_files;
};

void registry_letter_clear(struct registry_letter *l);
void registry_letters_free(struct registry_letter *rows, size_t n);

/* The pending letters due at now (next_attempt_at unset or not after
 * now), oldest first, at most max, with their attachments.  Returns 0 and
 * an array of *n_r rows in *rows_r (free with registry_letters_free; NULL
 * when none), or -1. */
int registry_letters_pending(struct registry *reg, int64_t now, size_t max,
			     struct registry_letter **rows_r, size_t *n_r,
			     struct ogi_error *err);
/* Every letter of case_id, oldest first (for `ogictl show` and history);
 * same ownership.  Works on a read-only handle. */
int registry_letters_of_case(struct registry *reg, const char *case_id,
			     struct registry_letter **rows_r, size_t *n_r,
			     struct ogi_error *err);
/* The letter id; 0 with *found_r false when none.  row_r is cleared with
 * registry_letter_clear when found. */
int registry_letter_get(struct registry *reg, int64_t id,
			struct registry_letter *row_r, bool *found_r,
			struct ogi_error *err);
/* Formats document number seq of a letter (letter/legal.h's pattern): 0
 * with a new string in *docnum_r (g_free), or -1. */
typedef int (*registry_docnum_format_fn)(int seq, void *ctx, char **docnum_r,
					 struct ogi_error *err);

/* The letter's document number: the one it has, else the next of series
 * in year (registry_next_docnum's sequence of that name), formatted by fmt
 * and stored on the letter in the same transaction, so a letter rendered
 * again after a crash keeps its number and no number is taken twice or
 * lost.  Only a pending letter is given one.  Its own transaction.
 * Returns 0 with a new string in *docnum_r (g_free), or -1 with nothing
 * consumed. */
int registry_letter_docnum(struct registry *reg, int64_t id, const char *series,
			   int year, registry_docnum_format_fn fmt, void *ctx,
			   char **docnum_r, struct ogi_error *err);

/* Moves letter id from state from to state to at now (compare and set),
 * setting detail (NULL keeps none), with an event "letter-TO".  Refuses a
 * move the diagram above does not have.  Its own transaction.  Returns 0,
 * or -1 when the letter is not in from any more (nothing changed) or on a
 * database error. */
int registry_letter_transition(struct registry *reg, int64_t id,
			       const char *from, const char *to,
			       const char *detail, int64_t now,
			       struct ogi_error *err);
/* The same inside a write transaction the caller holds. */
int registry_letter_transition_in_tx(struct registry *reg, int64_t id,
				     const char *from, const char *to,
				     const char *detail, int64_t now,
				     struct ogi_error *err);

/* Hands pending letter id to its channel at now, in one transaction: the
 * letter becomes "queued" with its rendered PDF pdf_path (relative to the
 * state dir) and, when m is not NULL (email), the outbox row m is enqueued
 * and named on the letter (*outbox_id_r; 0 without m).  With sent_detail
 * not NULL the channel has already sent it (a fax command that exited 0):
 * the letter goes on to "sent" with that detail in the same transaction.
 * So a letter is queued once and its mail exists once: a crash before the
 * COMMIT leaves it pending, with neither.  Returns 0, or -1 with nothing
 * written (the letter is no longer pending, a database error). */
int registry_letter_queue(struct registry *reg, int64_t id,
			  const char *pdf_path,
			  const struct registry_outbox_new *m,
			  const char *sent_detail, int64_t now,
			  int64_t *outbox_id_r, struct ogi_error *err);

/* Marks pending letter id sending at now, with an event "letter-sending",
 * in a transaction of its own that is committed when this returns: the
 * caller is about to hand it where it cannot be taken back.  Returns 0, or
 * -1 when the letter is not pending or already marked (nothing changed),
 * or on a database error. */
int registry_letter_mark_sending(struct registry *reg, int64_t id, int64_t now,
				 struct ogi_error *err);
/* Takes the mark off pending letter id at now: what was to be handed over
 * never started (the command could not be run).  Returns 0, or -1 when it
 * is not pending and marked. */
int registry_letter_unmark_sending(struct registry *reg, int64_t id,
				   int64_t now, struct ogi_error *err);

/* Pending letter id could not be taken now: it stays pending, one more
 * try counted, not listed again before next_at, its mark taken off, with
 * detail (why) and an event "letter-deferred".  Its own transaction.
 * Returns 0, or -1 when it is no longer pending. */
int registry_letter_defer(struct registry *reg, int64_t id, int64_t next_at,
			  const char *detail, int64_t now,
			  struct ogi_error *err);

/* Sets the postal tracking number of letter id (print queue: `ogictl
 * print done`), with an event.  Its own transaction.  Returns 0, or -1
 * when there is no such letter. */
int registry_letter_set_tracking(struct registry *reg, int64_t id,
				 const char *tracking, int64_t now,
				 struct ogi_error *err);

/* Letters whose final news has not been acted on: sent or failed and not
 * yet settled (registry_letter_settle), oldest first, at most max; same
 * ownership as registry_letters_pending. */
int registry_letters_unsettled(struct registry *reg, size_t max,
			       struct registry_letter **rows_r, size_t *n_r,
			       struct ogi_error *err);
/* Letters that failed at or after since (the time of their last change),
 * oldest first, at most max (the daily digest); same ownership as
 * registry_letters_pending. */
int registry_letters_failed_since(struct registry *reg, int64_t since,
				  size_t max, struct registry_letter **rows_r,
				  size_t *n_r, struct ogi_error *err);
/* Marks letter id settled at now: its sent or failed state has been acted
 * on (the case moved, the fallback asked), so it is not listed again.
 * Returns 0 or -1. */
int registry_letter_settle(struct registry *reg, int64_t id, int64_t now,
			   struct ogi_error *err);

#endif
