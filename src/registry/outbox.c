#include "registry/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "registry/registry-private.h"

#define OUTBOX_COLUMNS \
	"id, case_id, kind, recipient, return_path, message_id, in_reply_to," \
	" spool_path, state, attempts, next_attempt_at, last_status," \
	" created_at, sent_at"

static int
outbox_insert(struct registry *reg, const struct registry_outbox_new *m,
	      int64_t now, int64_t *id_r, struct ogi_error *err)
{
	struct registry_stmt s;

	if (m->kind == NULL || m->recipient == NULL || m->message_id == NULL ||
	    m->spool_path == NULL) {
		error_set(err, "%s: enqueue: kind, recipient, Message-ID and spool "
			  "path are required", reg->path);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO outbox (case_id, kind, recipient, message_id,"
				  " in_reply_to, spool_path, state, next_attempt_at,"
				  " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued',"
				  " ?7, ?7)", "enqueue", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, m->case_id);
	registry_stmt_text(&s, 2, m->kind);
	registry_stmt_text(&s, 3, m->recipient);
	registry_stmt_text(&s, 4, m->message_id);
	registry_stmt_text(&s, 5, m->in_reply_to);
	registry_stmt_text(&s, 6, m->spool_path);
	registry_stmt_int(&s, 7, now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	*id_r = sqlite3_last_insert_rowid(reg->db);
	return registry_event_add(reg, m->case_id, 0, "outbox-queued", m->kind,
				  err);
}

/* The arguments of one outbox change, for outbox_tx. */
struct outbox_change {
	const struct registry_outbox_new *m;
	const struct registry_outbox_attempt *a;
	int64_t id, now;
	int64_t *id_r;
	bool permanent;
	const char *status;
};

/* Runs fn in a write transaction of its own: all of it or nothing. */
static int
outbox_tx(struct registry *reg,
	  int (*fn)(struct registry *, const struct outbox_change *,
		    struct ogi_error *),
	  const struct outbox_change *c, struct ogi_error *err)
{
	int rc;

	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	rc = fn(reg, c, err);
	if (rc == 0)
		rc = registry_exec(reg, "COMMIT", "commit", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

/* Runs fn inside the write transaction the caller holds; refuses when
 * there is none. */
static int
outbox_in_tx(struct registry *reg,
	     int (*fn)(struct registry *, const struct outbox_change *,
		       struct ogi_error *),
	     const struct outbox_change *c, struct ogi_error *err)
{
	if (sqlite3_get_autocommit(reg->db)) {
		error_set(err, "%s: outbox: no transaction is open", reg->path);
		return -1;
	}
	return fn(reg, c, err);
}

static int
outbox_enqueue_change(struct registry *reg, const struct outbox_change *c,
		      struct ogi_error *err)
{
	return outbox_insert(reg, c->m, c->now, c->id_r, err);
}

int
registry_outbox_enqueue_in_tx(struct registry *reg,
			      const struct registry_outbox_new *m, int64_t now,
			      int64_t *id_r, struct ogi_error *err)
{
	const struct outbox_change c = { .m = m, .now = now, .id_r = id_r };

	return outbox_in_tx(reg, outbox_enqueue_change, &c, err);
}

int
registry_outbox_enqueue(struct registry *reg,
			const struct registry_outbox_new *m, int64_t now,
			int64_t *id_r, struct ogi_error *err)
{
	const struct outbox_change c = { .m = m, .now = now, .id_r = id_r };

	return outbox_tx(reg, outbox_enqueue_change, &c, err);
}

/* --- reading ------------------------------------------------------------- */

void
registry_outbox_row_clear(struct registry_outbox_row *r)
{
	g_free(r->case_id);
	g_free(r->kind);
	g_free(r->recipient);
	g_free(r->return_path);
	g_free(r->message_id);
	g_free(r->in_reply_to);
	g_free(r->spool_path);
	g_free(r->state);
	g_free(r->last_status);
	memset(r, 0, sizeof(*r));
}

void
registry_outbox_rows_free(struct registry_outbox_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		registry_outbox_row_clear(&rows[i]);
	g_free(rows);
}

static void
outbox_row_read(sqlite3_stmt *st, struct registry_outbox_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = registry_col_dup(st, 1);
	r->kind = registry_col_dup(st, 2);
	r->recipient = registry_col_dup(st, 3);
	r->return_path = registry_col_dup(st, 4);
	r->message_id = registry_col_dup(st, 5);
	r->in_reply_to = registry_col_dup(st, 6);
	r->spool_path = registry_col_dup(st, 7);
	r->state = registry_col_dup(st, 8);
	r->attempts = sqlite3_column_int(st, 9);
	r->next_attempt_at = sqlite3_column_int64(st, 10);
	r->last_status = registry_col_dup(st, 11);
	r->created_at = sqlite3_column_int64(st, 12);
	r->sent_at = sqlite3_column_int64(st, 13);
}

/* Runs a prepared, bound query of OUTBOX_COLUMNS into a new array. */
static int
outbox_rows(struct registry_stmt *s, struct registry_outbox_row **rows_r,
	    size_t *n_r, struct ogi_error *err)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct registry_outbox_row));
	int rc;

	while ((rc = registry_stmt_step(s, err)) > 0) {
		struct registry_outbox_row r;

		outbox_row_read(s->st, &r);
		g_array_append_val(rows, r);
	}
	registry_stmt_finish(s);
	*n_r = rows->len;
	if (rc != 0) {
		registry_outbox_rows_free((struct registry_outbox_row *)(void *)
					  g_array_free(rows, FALSE), *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	*rows_r = rows->len > 0 ? (struct registry_outbox_row *)(void *)
				  g_array_free(rows, FALSE) : NULL;
	if (*rows_r == NULL)
		g_array_free(rows, TRUE);
	return 0;
}

int
registry_outbox_due(struct registry *reg, int64_t now, size_t max,
		    struct registry_outbox_row **rows_r, size_t *n_r,
		    struct ogi_error *err)
{
	struct registry_stmt s;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT " OUTBOX_COLUMNS " FROM outbox"
				  " WHERE state IN ('queued', 'delayed')"
				  " AND next_attempt_at <= ?1"
				  " ORDER BY next_attempt_at, id LIMIT ?2",
				  "list due outgoing messages", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, now);
	registry_stmt_int(&s, 2, (int64_t)(max > INT64_MAX ? INT64_MAX : max));
	return outbox_rows(&s, rows_r, n_r, err);
}

int
registry_outbox_list(struct registry *reg, struct registry_outbox_row **rows_r,
		     size_t *n_r, struct ogi_error *err)
{
	struct registry_stmt s;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT " OUTBOX_COLUMNS " FROM outbox"
				  " ORDER BY id", "list outgoing messages", err) != 0)
		return -1;
	return outbox_rows(&s, rows_r, n_r, err);
}

int
registry_outbox_get(struct registry *reg, int64_t id,
		    struct registry_outbox_row *row_r, bool *found_r,
		    struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	memset(row_r, 0, sizeof(*row_r));
	*found_r = false;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT " OUTBOX_COLUMNS " FROM outbox"
				  " WHERE id = ?1", "read outgoing message", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		outbox_row_read(s.st, row_r);
		*found_r = true;
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_outbox_find(struct registry *reg, const char *message_id,
		     int64_t *id_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*id_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id FROM outbox WHERE message_id = ?1",
				  "find outgoing message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, message_id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*id_r = sqlite3_column_int64(s.st, 0);
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_outbox_kind_since(struct registry *reg, const char *kind,
			   int64_t since, bool *found_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*found_r = false;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT 1 FROM outbox WHERE kind = ?1 AND "
				  "created_at >= ?2 LIMIT 1",
				  "find outbox kind", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, kind);
	registry_stmt_int(&s, 2, since);
	rc = registry_stmt_step(&s, err);
	*found_r = rc > 0;
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_outbox_counts(struct registry *reg, struct registry_outbox_counts *c_r,
		       struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	memset(c_r, 0, sizeof(*c_r));
	if (registry_stmt_prepare(reg, &s, "SELECT state, count(*) FROM outbox"
				  " GROUP BY state", "count outgoing messages", err) != 0)
		return -1;
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		const char *state = registry_col_str(s.st, 0);
		size_t n = (size_t)sqlite3_column_int64(s.st, 1);

		if (strcmp(state, "queued") == 0)
			c_r->queued = n;
		else if (strcmp(state, "delayed") == 0)
			c_r->delayed = n;
		else if (strcmp(state, "failed") == 0)
			c_r->failed = n;
		else if (strcmp(state, "sent") == 0)
			c_r->sent = n;
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

/* --- writing ------------------------------------------------------------- */

static int
outbox_attempt_add(struct registry *reg, int64_t id, int64_t at,
		   const char *result, const char *reply, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO outbox_attempts (outbox_id, at,"
				  " result, reply) VALUES (?1, ?2, ?3, ?4)",
				  "record delivery attempt", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	registry_stmt_int(&s, 2, at);
	registry_stmt_text(&s, 3, result);
	registry_stmt_text(&s, 4, reply);
	return registry_stmt_run(&s, err);
}

/* The case of row id ("" when none) into case_r. */
static int
outbox_case(struct registry *reg, int64_t id, char case_r[REGISTRY_CASE_ID_SIZE],
	    bool *found_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	case_r[0] = '\0';
	*found_r = false;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT case_id FROM outbox WHERE id = ?1",
				  "read outgoing message", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		snprintf(case_r, REGISTRY_CASE_ID_SIZE, "%s",
			 registry_col_str(s.st, 0) != NULL ?
			 registry_col_str(s.st, 0) : "");
		*found_r = true;
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

static int
outbox_event(struct registry *reg, int64_t id, const char *type,
	     const char *text, struct ogi_error *err)
{
	char case_id[REGISTRY_CASE_ID_SIZE], *detail;
	bool found;
	int rc;

	if (outbox_case(reg, id, case_id, &found, err) != 0)
		return -1;
	detail = g_strdup_printf("outbox %lld: %s", (long long)id,
				 text != NULL ? text : "");
	rc = registry_event_add(reg, case_id[0] != '\0' ? case_id : NULL, 0,
				type, detail, err);
	g_free(detail);
	return rc;
}

static int
outbox_attempt_in_tx(struct registry *reg, const struct outbox_change *c,
		     struct ogi_error *err)
{
	const struct registry_outbox_attempt *a = c->a;
	int64_t id = c->id;
	bool sent = strcmp(a->state, "sent") == 0;
	bool delayed = strcmp(a->state, "delayed") == 0;
	struct registry_stmt s;

	if (!sent && !delayed && strcmp(a->state, "failed") != 0) {
		error_set(err, "%s: outbox %lld: %s is not a state an attempt "
			  "leaves", reg->path, (long long)id, a->state);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s, "UPDATE outbox SET state = ?2,"
				  " attempts = attempts + 1, next_attempt_at = ?3,"
				  " last_status = ?4, return_path = ?5, sent_at = ?6"
				  " WHERE id = ?1 AND state IN ('queued', 'delayed')",
				  "record delivery attempt", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	registry_stmt_text(&s, 2, a->state);
	if (delayed)
		registry_stmt_int(&s, 3, a->next_attempt_at);
	registry_stmt_text(&s, 4, a->reply);
	registry_stmt_text(&s, 5, a->return_path);
	if (sent)
		registry_stmt_int(&s, 6, a->at);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: outbox %lld is not waiting to be sent",
			  reg->path, (long long)id);
		return -1;
	}
	if (outbox_attempt_add(reg, id, a->at, a->result, a->reply, err) != 0 ||
	    registry_letters_outbox_news(reg, id, a->state, a->reply, a->at,
					 err) != 0)
		return -1;
	if (delayed)
		return 0;
	return outbox_event(reg, id, sent ? "outbox-sent" : "outbox-failed",
			    a->reply, err);
}

int
registry_outbox_attempt(struct registry *reg, int64_t id,
			const struct registry_outbox_attempt *a,
			struct ogi_error *err)
{
	const struct outbox_change c = { .a = a, .id = id };

	return outbox_tx(reg, outbox_attempt_in_tx, &c, err);
}

static int
outbox_report_in_tx(struct registry *reg, const struct outbox_change *c,
		    struct ogi_error *err)
{
	int64_t id = c->id, now = c->now;
	bool permanent = c->permanent;
	const char *status = c->status;
	struct registry_stmt s;

	/* A failed row stays failed: a later "delayed" notice for it is
	 * older news. */
	if (registry_stmt_prepare(reg, &s, "UPDATE outbox SET state = CASE"
				  " WHEN state = 'failed' THEN 'failed' ELSE ?2 END,"
				  " next_attempt_at = CASE WHEN ?2 = 'failed' THEN NULL"
				  " ELSE next_attempt_at END, last_status = ?3"
				  " WHERE id = ?1", "record delivery report", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	registry_stmt_text(&s, 2, permanent ? "failed" : "delayed");
	registry_stmt_text(&s, 3, status);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: no outgoing message %lld", reg->path,
			  (long long)id);
		return -1;
	}
	if (outbox_attempt_add(reg, id, now, permanent ? "bounced" : "delayed",
			       status, err) != 0 ||
	    (permanent && registry_letters_outbox_news(reg, id, "failed", status,
						       now, err) != 0))
		return -1;
	return outbox_event(reg, id, permanent ? "outbox-bounced" : "outbox-delayed",
			    status, err);
}

int
registry_outbox_report(struct registry *reg, int64_t id, bool permanent,
		       const char *status, int64_t now, struct ogi_error *err)
{
	const struct outbox_change c = {
		.id = id, .permanent = permanent, .status = status, .now = now,
	};

	return outbox_tx(reg, outbox_report_in_tx, &c, err);
}

int
registry_outbox_report_in_tx(struct registry *reg, int64_t id, bool permanent,
			     const char *status, int64_t now,
			     struct ogi_error *err)
{
	const struct outbox_change c = {
		.id = id, .permanent = permanent, .status = status, .now = now,
	};

	return outbox_in_tx(reg, outbox_report_in_tx, &c, err);
}
