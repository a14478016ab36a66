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

/* Opens (creating and migrating as needed) the database at path.  Returns 0
 * and a handle in *reg_r, or -1.  readonly: for ogictl queries; fails when
 * the file does not exist. */
int registry_open(const char *path, bool readonly, struct registry **reg_r,
		  struct ogi_error *err);
void registry_close(struct registry *reg);

/* Current schema version after open (for tests and --version). */
int registry_schema_version(struct registry *reg);

/* One message as it arrived; input of registry_record(). */
struct registry_message {
	const char *sha256;       /* 64 lowercase hex digits of the raw bytes */
	const char *mailbox;      /* intake name, e.g. "mail" */
	const char *uid;          /* identity in that mailbox: Maildir base name
	                             without ":2,…"; IMAP "UIDVALIDITY/UID" */
	const char *raw_path;     /* spool path, relative to the state dir */
	int64_t received_at;      /* Unix time the mailbox received it */
	const char *channel;      /* "mail" or "fax" */
	const char *message_id;   /* may be NULL */
	const char *from_addr;    /* may be NULL */
	const char *subject;      /* may be NULL */
	const char *problems;     /* newline-separated; non-NULL marks the
	                             message for the office */
};

/* The outcome of recording one message. */
struct registry_outcome {
	char case_id[16];         /* tracking number created or linked, "" none */
	bool created;             /* a new application was registered */
};

/* Looks a message up by content and by mailbox identity.  *known_r is true
 * when either is already recorded.  Returns 0 or -1. */
int registry_message_known(struct registry *reg, const char *sha256,
			   const char *mailbox, const char *uid,
			   bool *known_r, struct ogi_error *err);

/* Records one message in a single transaction: the message row; for an
 * application (rec->kind) a new case with the next tracking number of the
 * received_at year (office time zone offset tz_offset seconds), state
 * "registered" when nothing is missing or invalid, else "incomplete", and
 * its deadline (YYYY-MM-DD, may be NULL); for a message quoting a known case
 * (rec->case_ref) a link to it; and an event.  rec may be NULL for a message
 * that could not be parsed (kind "unparsed", marked for the office).
 * Returns 0 after COMMIT, or -1 with nothing written. */
int registry_record(struct registry *reg, const struct registry_message *msg,
		    const struct extract_record *rec, int tz_offset,
		    const char *deadline, struct registry_outcome *out_r,
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
};

/* All messages, oldest first.  Returns 0 and an array of *n_r rows in
 * *rows_r (free with registry_message_rows_free), or -1. */
int registry_messages(struct registry *reg, struct registry_message_row **rows_r,
		      size_t *n_r, struct ogi_error *err);
void registry_message_rows_free(struct registry_message_row *rows, size_t n);

/* An application with everything `ogictl show` prints. */
struct registry_case {
	char *id;             /* "2026-000123" */
	char *state;          /* "registered", "incomplete", ... */
	char *channel;        /* "email" or "fax" */
	int64_t received_at;
	char *deadline;       /* YYYY-MM-DD or NULL */
	struct extract_record rec; /* the extracted fields; rec.kind is
	                              EXTRACT_KIND_APPLICATION */
	char **messages;      /* mailbox uids of the linked messages, in order */
	size_t n_messages;
};

/* Cases, oldest first, only those in state when state is non-NULL.  Returns
 * 0 and an array of *n_r pointers in *cases_r (free with
 * registry_cases_free), or -1. */
int registry_cases(struct registry *reg, const char *state,
		   struct registry_case ***cases_r, size_t *n_r,
		   struct ogi_error *err);

/* One case by id.  Returns 0 with *case_r NULL when there is none. */
int registry_case_get(struct registry *reg, const char *id,
		      struct registry_case **case_r, struct ogi_error *err);

void registry_case_free(struct registry_case *c);
void registry_cases_free(struct registry_case **cases, size_t n);

#endif
