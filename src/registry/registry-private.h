/* What the files of src/registry/ beside registry.c need of a registry
 * handle: the handle itself, the statement helpers, the event log.
 * Private to src/registry/: nothing outside it names SQLite. */
#ifndef OGI_REGISTRY_REGISTRY_PRIVATE_H
#define OGI_REGISTRY_REGISTRY_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>
#include <sqlite3.h>

#include "common/error.h"
#include "registry/registry.h"

/* A statement prepared once per handle and kept: preparing the same SQL
 * again for every message cost 7% of intake.  in_use: a caller holds it
 * (between registry_stmt_prepare and registry_stmt_finish), so a nested
 * use of the same SQL gets a statement of its own. */
struct registry_cached_stmt {
	sqlite3_stmt *st;
	bool in_use;
};

struct registry {
	sqlite3 *db;
	char *path;
	int version;
	GHashTable *stmts;        /* SQL text -> struct registry_cached_stmt */
	bool batch;               /* between registry_batch_begin and its
	                             commit or abort */
	char *actor;              /* who the events written on this handle
	                             name (registry_set_actor) */
};

/* One prepared statement.  Bind errors are kept in rc and reported by the
 * next step, so a run of binds needs one check.  cached: the handle's
 * kept statement, reset when finished; NULL: finalized when finished. */
struct registry_stmt {
	struct registry *reg;
	sqlite3_stmt *st;
	struct registry_cached_stmt *cached;
	const char *op;
	int rc;
};

/* Static SQL without parameters (transaction control).  Returns 0 or -1. */
int registry_exec(struct registry *reg, const char *sql, const char *op,
		  struct ogi_error *err);
/* Rolls back the open transaction, if any; logs a failure. */
void registry_rollback(struct registry *reg);

/* Prepares sql into *s (op names it in errors).  Returns 0 or -1. */
int registry_stmt_prepare(struct registry *reg, struct registry_stmt *s,
			  const char *sql, const char *op,
			  struct ogi_error *err);
/* Bind parameter i; v NULL binds SQL NULL.  Text is not copied: it must
 * live until the statement is stepped. */
void registry_stmt_text(struct registry_stmt *s, int i, const char *v);
void registry_stmt_int(struct registry_stmt *s, int i, int64_t v);
/* Returns 1 for a row, 0 when done, -1 on failure (bind or step). */
int registry_stmt_step(struct registry_stmt *s, struct ogi_error *err);
/* Steps a statement that returns no row, then finishes it. */
int registry_stmt_run(struct registry_stmt *s, struct ogi_error *err);
/* Gives the statement back (a kept one is reset, any other finalized). */
void registry_stmt_finish(struct registry_stmt *s);
/* Column i as text (the statement's own), or a copy (g_free); NULL for
 * SQL NULL. */
const char *registry_col_str(sqlite3_stmt *st, int i);
char *registry_col_dup(sqlite3_stmt *st, int i);

/* Appends an event (message_id 0: none) in reg->actor's name.  Returns 0
 * or -1. */
int registry_event_add(struct registry *reg, const char *case_id,
		       int64_t message_id, const char *type,
		       const char *detail, struct ogi_error *err);

/* The next document number of letter kind in year (registry_next_docnum's
 * sequence), inside the write transaction the caller holds.  Returns 0 or
 * -1. */
int registry_docnum_take(struct registry *reg, const char *kind, int year,
			 int *seq_r, struct ogi_error *err);

/* The outbox row outbox_id became outbox_state ("sent", "failed"; any other
 * state is no news for a letter): the letter it carries, if any, follows
 * (queued or sent -> sent or failed) with status as its detail, inside the
 * write transaction the caller holds.  Returns 0 or -1. */
int registry_letters_outbox_news(struct registry *reg, int64_t outbox_id,
				 const char *outbox_state, const char *status,
				 int64_t now, struct ogi_error *err);

/* Opens a case for msg with rec's fields in d->state (registry_record's
 * case, without a message row or event), inside the caller's
 * transaction; the tracking number in id.  Returns 0 or -1. */
int registry_case_create_in_tx(struct registry *reg,
			       const struct registry_message *msg,
			       const struct extract_record *rec, int tz_offset,
			       const struct registry_decision *d,
			       char id[REGISTRY_CASE_ID_SIZE],
			       struct ogi_error *err);

/* Rewrites the extracted fields of case id (its record columns and
 * review) with rec's, inside the caller's transaction.  Returns 0 or
 * -1. */
int registry_case_record_update_in_tx(struct registry *reg, const char *id,
				      const struct extract_record *rec,
				      struct ogi_error *err);

/* registry_case_transition inside a write transaction the caller holds
 * (so what the move owes -- a letter, the case's other columns -- is
 * written with it or not at all).  Returns 0, or -1 when the case was not
 * in from (nothing changed by this call) or on a database error. */
int registry_case_transition_in_tx(struct registry *reg, const char *id,
				   const char *from, const char *to,
				   const char *event, const char *detail,
				   struct ogi_error *err);

/* Replaces case id's reply clock with clock (registry/automatic.h)
 * inside the caller's transaction.  Returns 0 or -1. */
struct registry_case_clock;
int registry_case_clock_in_tx(struct registry *reg, const char *id,
			      const struct registry_case_clock *clock,
			      struct ogi_error *err);

#endif
