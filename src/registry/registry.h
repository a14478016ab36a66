/* Registry: the only code that touches SQLite.
 *
 * One database file per state directory, opened in WAL mode with foreign
 * keys on and synchronous=FULL; the schema and its numbered migrations live
 * in schema.c.  Every statement is prepared; no SQL text is built from data.
 *
 * Calls block on disk I/O (and on SQLite's busy timeout when another process
 * holds the write lock).  A struct registry is used by one thread.
 * Strings passed in are copied; strings handed out belong to the returned
 * struct and are freed with it.
 */
#ifndef OGI_REGISTRY_REGISTRY_H
#define OGI_REGISTRY_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "extract/extract.h"

struct registry;

/* Room for a tracking number "YYYY-NNNNNN" and its NUL. */
#define REGISTRY_CASE_ID_SIZE 16

/* Opens (creating and migrating as needed) the database at path.  Returns 0
 * and a handle in *reg_r (close with registry_close), or -1.
 *
 * Read-write: creates the file with mode 0600 if missing (and sets 0600 on
 * an existing one), switches it to WAL, sets synchronous=FULL, foreign keys
 * on and a 5 s busy timeout, then applies the pending migrations of schema.c,
 * each in its own transaction.  Fails when the file's schema is newer than
 * this program knows.
 *
 * readonly: for ogictl queries; opens with SQLITE_OPEN_READONLY, never
 * creates or migrates, and fails when the file does not exist or its schema
 * version is not the one this program knows (start ogid once to migrate).
 *
 * Blocks on disk I/O and for up to the busy timeout while another process
 * migrates. */
int registry_open(const char *path, bool readonly, struct registry **reg_r,
		  struct ogi_error *err);
/* Closes the database; reg may be NULL.  Never fails visibly. */
void registry_close(struct registry *reg);

/* The daemon's name in events. */
#define REGISTRY_ACTOR_DAEMON "ogid"

/* Every event written on reg from now on names actor (a clerk's login
 * name, or REGISTRY_ACTOR_DAEMON, the default; NULL or "" restores it).
 * The string is copied. */
void registry_set_actor(struct registry *reg, const char *actor);

/* Current schema version after open (for tests and --version): the
 * PRAGMA user_version of the file, equal to the newest migration. */
int registry_schema_version(struct registry *reg);

/* One message as it arrived; input of registry_record(). */
struct registry_message {
	const char *sha256;       /* 64 lowercase hex digits of the raw bytes */
	const char *mailbox;      /* intake name, e.g. "mail" */
	const char *uid;          /* identity in that mailbox: Maildir base name
	                             without ":2,…"; IMAP "UIDVALIDITY/UID" */
	const char *raw_path;     /* spool path, relative to the state dir */
	int64_t received_at;      /* Unix time the mailbox received it */
	const char *received_source; /* where received_at comes from:
	                             "delivery", "received-header", "mtime" */
	const char *channel;      /* "mail" or "fax" */
	const char *message_id;   /* may be NULL */
	const char *from_addr;    /* may be NULL */
	const char *subject;      /* may be NULL */
	const char *problems;     /* newline-separated; non-NULL marks the
	                             message for the office */
};

/* The outcome of recording one message. */
struct registry_outcome {
	char case_id[REGISTRY_CASE_ID_SIZE]; /* tracking number created or linked, "" none */
	bool created;             /* a new application was registered */
	bool duplicate;           /* already recorded (same sha256, or same
	                             mailbox + uid): nothing but a "duplicate"
	                             event was written; case_id and disposition
	                             are those of the earlier record */
	char disposition[16];     /* messages.disposition: "case" (became an
	                             application), "linked" (correction reply or
	                             status query for a known case), "ignored"
	                             (auto-reply, bounce, spam) or "needs_review"
	                             (problems, unparsed, consultation, complaint,
	                             correction/status naming no known case) */
};

/* Looks a message up by content and by mailbox identity.  *known_r is true
 * when either is already recorded.  sha256 may be NULL (look up by mailbox
 * identity only); mailbox and uid may both be NULL (by content only).
 * Returns 0 or -1.  Blocks on disk I/O only. */
int registry_message_known(struct registry *reg, const char *sha256,
			   const char *mailbox, const char *uid,
			   bool *known_r, struct ogi_error *err);

/* The disposition (see struct registry_outcome) of the message recorded
 * under mailbox + uid, or of the message whose copy that identity is;
 * "" when none.  disposition_r has room for 16 bytes.  Returns 0 or -1.
 * Blocks on disk I/O only. */
int registry_message_disposition(struct registry *reg, const char *mailbox,
				 const char *uid, char disposition_r[16],
				 struct ogi_error *err);

/* What the office's policy (workflow.h) decided for one message; the
 * registry stores it and decides nothing. */
struct registry_decision {
	const char *disposition;  /* see struct registry_outcome */
	const char *state;        /* an application: open a case in this state;
	                             NULL for every other kind */
	const char *link_case;    /* join this existing case; NULL: none */
	const char *reason;       /* why, for the event log */
	const char *deadline;     /* the new case's, YYYY-MM-DD, or NULL */
	bool deadline_provisional; /* counted without the holiday calendar of
	                             a year it spans */
	const char *rules;        /* the rules profile it was counted by, or
	                             NULL */
	const char *receipt_date; /* YYYY-MM-DD: the day the count starts
	                             after, or NULL */
	const char *deadline_basis; /* how the deadline was derived, or NULL */
	const char *correction_due; /* an incomplete case is abandoned after
	                             this day (national-2019), or NULL */
};

/* Records one message and what was decided for it, in a single
 * transaction: the message row; when d->state is set, a new case with the
 * next tracking number of the received_at year (office time zone offset
 * tz_offset seconds), that state, the record's fields and d's deadline;
 * when d->link_case is set, a link to that case; and an event.  rec may be
 * NULL for a message that could not be parsed (kind "unparsed").  Returns
 * 0 after COMMIT, or -1 with nothing written.
 *
 * In detail:
 * - Already recorded (msg->sha256 or msg->mailbox + msg->uid known): only a
 *   "duplicate" event on the earlier message; out_r->duplicate set, d is
 *   not used.
 * - Tracking numbers are "%04d-%06d" (year, per-year sequence from 1); the
 *   year is that of received_at + tz_offset (seconds east of UTC).  The case
 *   channel is "email" for msg->channel "mail", "fax" for "fax"; any other
 *   channel fails.  Event "registered".
 * - A case is opened for an application and only for one; a link to a case
 *   that does not exist fails (cases are never removed, so the caller's
 *   registry_case_exists() answer holds).  Event "linked", else "received".
 * *out_r is always written (zeroed on failure).  Takes the write lock
 * (BEGIN IMMEDIATE): blocks up to the busy timeout on a concurrent writer,
 * and on fsync at COMMIT.  Errors from SQLite have store scope, temporary
 * when busy, locked, full or I/O.
 *
 * Inside a batch (registry_batch_begin) it begins and commits nothing: it
 * returns 0 once its writes are in the batch's transaction, durable only
 * when registry_batch_commit succeeds, or -1 with its own writes undone
 * (a savepoint) and the rest of the batch intact -- unless SQLite ended the
 * whole transaction (full disk, I/O error), which registry_batch_commit
 * then reports.  Later calls of the batch see what earlier ones wrote
 * (duplicates, tracking numbers, cases to join). */
int registry_record(struct registry *reg, const struct registry_message *msg,
		    const struct extract_record *rec,
		    const struct registry_decision *d, int tz_offset,
		    struct registry_outcome *out_r, struct ogi_error *err);

/* Group commit: registry_batch_begin takes the write lock (BEGIN
 * IMMEDIATE, blocking like registry_record) and opens one transaction
 * that every registry_record on reg joins until registry_batch_commit
 * (COMMIT: one fsync for the batch) or registry_batch_abort (ROLLBACK:
 * nothing of the batch is written).  Reads on reg in between see the
 * batch's writes.  Whatever else must be written atomically with a
 * record (an outgoing message it causes) is written on reg between the
 * record and the commit: it then commits, or is undone, with the batch.
 * Other calls that open their own transaction (registry_case_transition,
 * registry_next_docnum) must not be made inside a batch.
 *
 * registry_batch_begin returns 0, or -1 (also when a batch is already
 * open).  registry_batch_commit returns 0, or -1 with the whole batch
 * rolled back (store scope; temporary when busy, full or I/O); the batch
 * is over either way.  registry_batch_abort does nothing when no batch is
 * open; registry_close aborts an open batch. */
int registry_batch_begin(struct registry *reg, struct ogi_error *err);
int registry_batch_commit(struct registry *reg, struct ogi_error *err);
void registry_batch_abort(struct registry *reg);

/* *exists_r: a case with this tracking number is registered.  Returns 0
 * or -1.  Blocks on disk I/O only. */
int registry_case_exists(struct registry *reg, const char *id, bool *exists_r,
			 struct ogi_error *err);

/* Moves case id from state from to state to, with an event of type event
 * and detail (NULL: the new state), in one transaction, only if it is
 * still in from (compare and set: two clerks, or a clerk and the daemon,
 * cannot both move it).  Whether the move is allowed is the workflow's
 * question (workflow_transition_check), asked before.  Returns 0, or -1
 * when it was not in from (nothing changed) or on a database error. */
int registry_case_transition(struct registry *reg, const char *id,
			     const char *from, const char *to,
			     const char *event, const char *detail,
			     struct ogi_error *err);

/* A received message as listed by `ogictl messages`. */
struct registry_message_row {
	char *mailbox;
	char *uid;
	char *message_id;   /* NULL if none */
	int64_t received_at;
	char *from_addr;    /* NULL if none */
	char *subject;      /* NULL if none */
	char *kind;         /* extract_kind_name() or "unparsed" */
	char *case_id;      /* NULL if none */
	char *problems;     /* NULL if none */
	char *disposition;  /* see struct registry_outcome */
};

/* All messages, oldest first (received_at, then recording order).  Returns 0 and an array of *n_r rows in
 * *rows_r (free with registry_message_rows_free), or -1. */
int registry_messages(struct registry *reg, struct registry_message_row **rows_r,
		      size_t *n_r, struct ogi_error *err);
void registry_message_rows_free(struct registry_message_row *rows, size_t n);

/* The case of the first of ids (Message-IDs, without angle brackets,
 * nearest first) that names a recorded message belonging to a case and
 * sent from from (compared without case).  Message-IDs are the sender's
 * to choose: a reply from anyone else never joins a case by its thread
 * alone.  Returns 0 with the case in case_r ("" when none), or -1. */
int registry_thread_case(struct registry *reg, char *const *ids, size_t n,
			 const char *from, char case_r[REGISTRY_CASE_ID_SIZE],
			 struct ogi_error *err);

/* What the extractor made of one message, field by field (`ogictl
 * explain`): the value it gave each field and where the value came from. */
struct registry_explain {
	struct registry_message_row msg;
	char *values[EXTRACT_FIELD_COUNT];  /* NULL when the message gave none */
	struct extract_field_info info[EXTRACT_FIELD_COUNT];
};

/* The intake name (messages.mailbox) and the time of receipt (Unix
 * seconds) of the first message recorded whose raw bytes have sha256 (64
 * lowercase hex digits): a new string in *mailbox_r, NULL (and
 * *received_at_r 0) when no such message is recorded.  Returns 0 or -1.
 * Blocks on disk I/O only. */
int registry_message_mailbox(struct registry *reg, const char *sha256,
			     char **mailbox_r, int64_t *received_at_r,
			     struct ogi_error *err);

/* The message whose mailbox uid (file name) or Message-ID is which.
 * Returns 0 with *ex_r NULL when there is none, 0 with a new explanation
 * (free with registry_explain_free), or -1 -- also when which names
 * several messages (say which mailbox's). */
int registry_message_explain(struct registry *reg, const char *which,
			     struct registry_explain **ex_r,
			     struct ogi_error *err);
void registry_explain_free(struct registry_explain *ex);

/* An application with everything `ogictl show` prints. */
struct registry_case {
	char *id;             /* "2026-000123" */
	char *state;          /* "registered", "incomplete", ... */
	char *channel;        /* "email" or "fax" */
	int64_t received_at;
	char *deadline;       /* YYYY-MM-DD or NULL */
	bool deadline_provisional; /* counted without a year's holiday
	                              calendar: weekends only */
	char *received_source; /* see struct registry_message; NULL for cases
	                          recorded before it was kept */
	/* Issue 9 (migration 7); each NULL (0) for cases recorded before it,
	 * and until the step that sets it has run. */
	char *rules;          /* the rules profile of its deadlines */
	char *receipt_date;   /* YYYY-MM-DD: the day its clock counts from */
	char *deadline_basis; /* how the deadline was derived, in words */
	char *org_kind;       /* an organisation's kind for the annual
	                         report: business, research, public_interest,
	                         legal_service, other */
	int extended_days;    /* working days the deadline was extended by */
	char *correction_due; /* YYYY-MM-DD: an incomplete case is abandoned
	                         after this day (national-2019) */
	char *outcome;        /* the recorded outcome (workflow outcome code) */
	char *outcome_detail; /* its reason, where, holder ... as the clerk
	                         gave them */
	int64_t concluded_at; /* when the outcome was recorded, 0 if not */
	int64_t correction_received_at; /* Unix time the newest correction
	                         was received (merged by ogid, or a held mail
	                         a clerk filed as its correction), 0 if
	                         none since the case last became incomplete
	                         (a clerk's move, or a correction that left
	                         it so); a needs_review case that holds
	                         one waits with that correction (needs_review
	                         is reached only from received and incomplete) */
	struct extract_record rec; /* the extracted fields; rec.kind is
	                              EXTRACT_KIND_APPLICATION */
	char **messages;      /* mailbox uids of the linked messages (the
	                         application itself included), ordered by
	                         received_at then recording order; never NULL,
	                         NULL-terminated after n_messages entries */
	size_t n_messages;
};

/* Cases, oldest first (received_at, then tracking number), only those in
 * state when state is non-NULL.  Returns 0 and an array of *n_r pointers in
 * *cases_r (free with registry_cases_free; NULL when *n_r is 0), or -1. */
int registry_cases(struct registry *reg, const char *state,
		   struct registry_case ***cases_r, size_t *n_r,
		   struct ogi_error *err);

/* One case by id.  Returns 0 with *case_r NULL when there is none, 0 with
 * a new case (free with registry_case_free) or -1.  A stored name that
 * record.c no longer knows (kind, ID type, element ...) fails. */
int registry_case_get(struct registry *reg, const char *id,
		      struct registry_case **case_r, struct ogi_error *err);

/* Free a case with everything it owns (rec through extract_record_clear),
 * and an array from registry_cases; NULL is a no-op. */
void registry_case_free(struct registry_case *c);
void registry_cases_free(struct registry_case **cases, size_t n);

/* Allocates the next document number of letter kind (e.g. "receipt",
 * "correction"; any non-empty string) in year: 1, 2, ... per (year, kind),
 * never reused.  Returns 0 with it in *seq_r, or -1 (nothing consumed).
 * Its own transaction (BEGIN IMMEDIATE ... COMMIT): blocks like
 * registry_record, and must not be called inside another registry call. */
int registry_next_docnum(struct registry *reg, const char *kind, int year,
			 int *seq_r, struct ogi_error *err);

#endif
