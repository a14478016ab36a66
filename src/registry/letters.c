#include "registry/letters.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "registry/registry-private.h"

#define LETTER_COLUMNS \
	"id, case_id, kind, channel, state, docnum, values_json, pdf_path," \
	" outbox_id, tracking, detail, created_at, updated_at, attempts," \
	" next_attempt_at, sending_at"

/* The moves of the diagram in letters.h. */
static const struct {
	const char *from;
	const char *to[4];
} letter_moves[] = {
	{ "pending", { "queued", "cancelled", "failed" } },
	{ "queued", { "sent", "failed", "cancelled" } },
	{ "sent", { "delivered", "failed" } },
	{ "delivered", { "failed" } },
};

static bool
letter_move_known(const char *from, const char *to)
{
	for (size_t i = 0; i < G_N_ELEMENTS(letter_moves); i++) {
		if (strcmp(letter_moves[i].from, from) != 0)
			continue;
		for (size_t k = 0; k < G_N_ELEMENTS(letter_moves[i].to) &&
		     letter_moves[i].to[k] != NULL; k++)
			if (strcmp(letter_moves[i].to[k], to) == 0)
				return true;
	}
	return false;
}

static const char *const letter_channels[] = {
	"email", "fax", "post", "pickup", NULL
};

/* An event on the letter's case: "letter ID KIND: TEXT". */
static int
letter_event(struct registry *reg, int64_t id, const char *type,
	     const char *text, struct ogi_error *err)
{
	struct registry_stmt s;
	char *case_id = NULL, *detail;
	int rc;

	if (registry_stmt_prepare(reg, &s, "SELECT case_id, kind FROM letters"
				  " WHERE id = ?1", "read letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		case_id = registry_col_dup(s.st, 0);
		detail = g_strdup_printf("letter %lld %s%s%s", (long long)id,
					 registry_col_str(s.st, 1),
					 text != NULL ? ": " : "",
					 text != NULL ? text : "");
	} else {
		detail = NULL;
	}
	registry_stmt_finish(&s);
	if (rc == 0)
		error_set(err, "%s: no letter %lld", reg->path, (long long)id);
	if (rc <= 0)
		return -1;
	rc = registry_event_add(reg, case_id, 0, type, detail, err);
	g_free(case_id);
	g_free(detail);
	return rc;
}

/* Runs fn in a write transaction of its own: all of it or nothing. */
static int
letter_tx(struct registry *reg, int (*fn)(struct registry *, const void *,
					  struct ogi_error *),
	  const void *arg, struct ogi_error *err)
{
	int rc;

	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction", err) != 0)
		return -1;
	rc = fn(reg, arg, err);
	if (rc == 0)
		rc = registry_exec(reg, "COMMIT", "commit", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

static int
letter_need_tx(struct registry *reg, struct ogi_error *err)
{
	if (sqlite3_get_autocommit(reg->db)) {
		error_set(err, "%s: letters: no transaction is open", reg->path);
		return -1;
	}
	return 0;
}

/* --- adding -------------------------------------------------------------- */

struct letter_add_args {
	const struct registry_letter_new *l;
	int64_t now;
	int64_t *id_r;
};

static int
letter_file_add(struct registry *reg, int64_t id, int seq,
		const struct registry_letter_file *f, struct ogi_error *err)
{
	struct registry_stmt s;

	if (f->name == NULL || f->name[0] == '\0' || f->path == NULL ||
	    f->size < 0) {
		error_set(err, "%s: letter attachment %d: a name, a spool path and "
			  "a size are required", reg->path, seq);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s, "INSERT INTO letter_attachments"
				  " (letter_id, seq, name, path, size)"
				  " VALUES (?1, ?2, ?3, ?4, ?5)",
				  "add letter attachment", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	registry_stmt_int(&s, 2, seq);
	registry_stmt_text(&s, 3, f->name);
	registry_stmt_text(&s, 4, f->path);
	registry_stmt_int(&s, 5, f->size);
	return registry_stmt_run(&s, err);
}

static int
letter_add_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_add_args *a = arg;
	const struct registry_letter_new *l = a->l;
	struct registry_stmt s;
	int64_t id;

	*a->id_r = 0;
	if (l->case_id == NULL || l->kind == NULL || l->kind[0] == '\0' ||
	    l->channel == NULL || !g_strv_contains(letter_channels, l->channel)) {
		error_set(err, "%s: add letter: a case, a kind and a channel "
			  "(email, fax, post, pickup) are required", reg->path);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s, "INSERT INTO letters (case_id, kind,"
				  " channel, state, values_json, created_at, updated_at)"
				  " SELECT ?1, ?2, ?3, 'pending', ?4, ?5, ?5"
				  " WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
				  "add letter", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, l->case_id);
	registry_stmt_text(&s, 2, l->kind);
	registry_stmt_text(&s, 3, l->channel);
	registry_stmt_text(&s, 4, l->values_json);
	registry_stmt_int(&s, 5, a->now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: add letter: no case %s", reg->path, l->case_id);
		return -1;
	}
	id = sqlite3_last_insert_rowid(reg->db);
	for (size_t i = 0; i < l->n_files; i++)
		if (letter_file_add(reg, id, (int)i + 1, &l->files[i], err) != 0)
			return -1;
	if (letter_event(reg, id, "letter-added", l->channel, err) != 0)
		return -1;
	*a->id_r = id;
	return 0;
}

int
registry_letter_add(struct registry *reg, const struct registry_letter_new *l,
		    int64_t now, int64_t *id_r, struct ogi_error *err)
{
	const struct letter_add_args a = { .l = l, .now = now, .id_r = id_r };

	return letter_tx(reg, letter_add_fn, &a, err);
}

int
registry_letter_add_in_tx(struct registry *reg,
			  const struct registry_letter_new *l, int64_t now,
			  int64_t *id_r, struct ogi_error *err)
{
	const struct letter_add_args a = { .l = l, .now = now, .id_r = id_r };

	*id_r = 0;
	if (letter_need_tx(reg, err) != 0)
		return -1;
	return letter_add_fn(reg, &a, err);
}

/* --- reading ------------------------------------------------------------- */

void
registry_letter_clear(struct registry_letter *l)
{
	g_free(l->case_id);
	g_free(l->kind);
	g_free(l->channel);
	g_free(l->state);
	g_free(l->docnum);
	g_free(l->values_json);
	g_free(l->pdf_path);
	g_free(l->tracking);
	g_free(l->detail);
	for (size_t i = 0; i < l->n_files; i++) {
		g_free(l->files[i].name);
		g_free(l->files[i].path);
	}
	g_free(l->files);
	memset(l, 0, sizeof(*l));
}

void
registry_letters_free(struct registry_letter *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		registry_letter_clear(&rows[i]);
	g_free(rows);
}

static void
letter_read(sqlite3_stmt *st, struct registry_letter *l)
{
	*l = (struct registry_letter){
		.id = sqlite3_column_int64(st, 0),
		.case_id = registry_col_dup(st, 1),
		.kind = registry_col_dup(st, 2),
		.channel = registry_col_dup(st, 3),
		.state = registry_col_dup(st, 4),
		.docnum = registry_col_dup(st, 5),
		.values_json = registry_col_dup(st, 6),
		.pdf_path = registry_col_dup(st, 7),
		.outbox_id = sqlite3_column_int64(st, 8),
		.tracking = registry_col_dup(st, 9),
		.detail = registry_col_dup(st, 10),
		.created_at = sqlite3_column_int64(st, 11),
		.updated_at = sqlite3_column_int64(st, 12),
		.attempts = sqlite3_column_int(st, 13),
		.next_attempt_at = sqlite3_column_int64(st, 14),
		.sending_at = sqlite3_column_int64(st, 15),
	};
}

static int
letter_files_read(struct registry *reg, struct registry_letter *l,
		  struct ogi_error *err)
{
	GArray *files = g_array_new(FALSE, TRUE,
				    sizeof(struct registry_letter_attachment));
	struct registry_stmt s;
	int rc;

	if (registry_stmt_prepare(reg, &s, "SELECT seq, name, path, size FROM"
				  " letter_attachments WHERE letter_id = ?1"
				  " ORDER BY seq", "read letter attachments", err) != 0) {
		g_array_free(files, TRUE);
		return -1;
	}
	registry_stmt_int(&s, 1, l->id);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_letter_attachment f = {
			.seq = sqlite3_column_int(s.st, 0),
			.name = registry_col_dup(s.st, 1),
			.path = registry_col_dup(s.st, 2),
			.size = sqlite3_column_int64(s.st, 3),
		};

		g_array_append_val(files, f);
	}
	registry_stmt_finish(&s);
	l->n_files = files->len;
	l->files = (struct registry_letter_attachment *)(void *)
		   g_array_free(files, files->len == 0);
	return rc < 0 ? -1 : 0;
}

/* Runs a prepared, bound query of LETTER_COLUMNS into a new array, each
 * row with its attachments. */
static int
letter_rows(struct registry *reg, struct registry_stmt *s,
	    struct registry_letter **rows_r, size_t *n_r, struct ogi_error *err)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct registry_letter));
	struct registry_letter *v;
	int rc;

	while ((rc = registry_stmt_step(s, err)) > 0) {
		struct registry_letter l;

		letter_read(s->st, &l);
		g_array_append_val(rows, l);
	}
	registry_stmt_finish(s);
	*n_r = rows->len;
	v = (struct registry_letter *)(void *)g_array_free(rows, FALSE);
	for (size_t i = 0; i < *n_r && rc == 0; i++)
		rc = letter_files_read(reg, &v[i], err);
	if (rc != 0 || *n_r == 0) {
		registry_letters_free(v, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return rc != 0 ? -1 : 0;
	}
	*rows_r = v;
	return 0;
}

/* The letters a query of LETTER_COLUMNS finds, at most max (its ?1) and,
 * when the query names ?2, since or until t. */
static int
letter_list(struct registry *reg, const char *sql, const char *op, size_t max,
	    int64_t t, struct registry_letter **rows_r, size_t *n_r,
	    struct ogi_error *err)
{
	struct registry_stmt s;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s, sql, op, err) != 0)
		return -1;
	registry_stmt_int(&s, 1, (int64_t)MIN(max, (size_t)INT64_MAX));
	if (sqlite3_bind_parameter_count(s.st) >= 2)
		registry_stmt_int(&s, 2, t);
	return letter_rows(reg, &s, rows_r, n_r, err);
}

int
registry_letters_pending(struct registry *reg, int64_t now, size_t max,
			 struct registry_letter **rows_r, size_t *n_r,
			 struct ogi_error *err)
{
	return letter_list(reg, "SELECT " LETTER_COLUMNS " FROM letters"
			   " WHERE state = 'pending' AND (next_attempt_at IS NULL"
			   " OR next_attempt_at <= ?2) ORDER BY id LIMIT ?1",
			   "list pending letters", max, now, rows_r, n_r, err);
}

int
registry_letters_of_case(struct registry *reg, const char *case_id,
			 struct registry_letter **rows_r, size_t *n_r,
			 struct ogi_error *err)
{
	struct registry_stmt s;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s, "SELECT " LETTER_COLUMNS " FROM letters"
				  " WHERE case_id = ?1 ORDER BY id",
				  "list letters of a case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, case_id);
	return letter_rows(reg, &s, rows_r, n_r, err);
}

/* The one row a query of LETTER_COLUMNS bound to ?1 = key finds. */
static int
letter_one(struct registry *reg, const char *sql, int64_t key,
	   struct registry_letter *row_r, bool *found_r, struct ogi_error *err)
{
	struct registry_letter *rows;
	struct registry_stmt s;
	size_t n;

	memset(row_r, 0, sizeof(*row_r));
	*found_r = false;
	if (registry_stmt_prepare(reg, &s, sql, "read letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, key);
	if (letter_rows(reg, &s, &rows, &n, err) != 0)
		return -1;
	if (n > 0) {
		*row_r = rows[0];
		memset(&rows[0], 0, sizeof(rows[0]));
		*found_r = true;
	}
	registry_letters_free(rows, n);
	return 0;
}

int
registry_letter_get(struct registry *reg, int64_t id,
		    struct registry_letter *row_r, bool *found_r,
		    struct ogi_error *err)
{
	return letter_one(reg, "SELECT " LETTER_COLUMNS " FROM letters"
			  " WHERE id = ?1", id, row_r, found_r, err);
}

int
registry_letters_unsettled(struct registry *reg, size_t max,
			   struct registry_letter **rows_r, size_t *n_r,
			   struct ogi_error *err)
{
	return letter_list(reg, "SELECT " LETTER_COLUMNS " FROM letters"
			   " WHERE state IN ('sent', 'failed')"
			   " AND settled_at IS NULL ORDER BY id LIMIT ?1",
			   "list unsettled letters", max, 0, rows_r, n_r, err);
}

int
registry_letters_failed_since(struct registry *reg, int64_t since, size_t max,
			      struct registry_letter **rows_r, size_t *n_r,
			      struct ogi_error *err)
{
	return letter_list(reg, "SELECT " LETTER_COLUMNS " FROM letters"
			   " WHERE state = 'failed' AND updated_at >= ?2"
			   " ORDER BY id LIMIT ?1",
			   "list failed letters", max, since, rows_r, n_r, err);
}

/* --- changing ------------------------------------------------------------ */

struct letter_move_args {
	int64_t id;
	const char *from, *to, *detail;
	int64_t now;
};

static int
letter_move_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_move_args *a = arg;
	struct registry_stmt s;
	char *type;
	int rc;

	if (!letter_move_known(a->from, a->to)) {
		error_set(err, "%s: letter %lld: %s cannot become %s", reg->path,
			  (long long)a->id, a->from, a->to);
		return -1;
	}
	/* Whatever was under way or awaited ended with the move. */
	if (registry_stmt_prepare(reg, &s, "UPDATE letters SET state = ?3,"
				  " detail = ?4, updated_at = ?5, settled_at = NULL,"
				  " sending_at = NULL, next_attempt_at = NULL"
				  " WHERE id = ?1 AND state = ?2",
				  "change letter state", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, a->id);
	registry_stmt_text(&s, 2, a->from);
	registry_stmt_text(&s, 3, a->to);
	registry_stmt_text(&s, 4, a->detail);
	registry_stmt_int(&s, 5, a->now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: letter %lld is no longer %s: not changed to %s",
			  reg->path, (long long)a->id, a->from, a->to);
		return -1;
	}
	type = g_strdup_printf("letter-%s", a->to);
	rc = letter_event(reg, a->id, type, a->detail, err);
	g_free(type);
	return rc;
}

int
registry_letter_transition(struct registry *reg, int64_t id, const char *from,
			   const char *to, const char *detail, int64_t now,
			   struct ogi_error *err)
{
	const struct letter_move_args a = {
		.id = id, .from = from, .to = to, .detail = detail, .now = now,
	};

	return letter_tx(reg, letter_move_fn, &a, err);
}

int
registry_letter_transition_in_tx(struct registry *reg, int64_t id,
				 const char *from, const char *to,
				 const char *detail, int64_t now,
				 struct ogi_error *err)
{
	const struct letter_move_args a = {
		.id = id, .from = from, .to = to, .detail = detail, .now = now,
	};

	if (letter_need_tx(reg, err) != 0)
		return -1;
	return letter_move_fn(reg, &a, err);
}

struct letter_docnum_args {
	int64_t id;
	const char *series;
	int year;
	registry_docnum_format_fn fmt;
	void *ctx;
	char **docnum_r;
};

static int
letter_docnum_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_docnum_args *a = arg;
	struct registry_stmt s;
	int rc, seq;

	if (registry_stmt_prepare(reg, &s, "SELECT docnum FROM letters"
				  " WHERE id = ?1 AND state = 'pending'",
				  "read letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, a->id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*a->docnum_r = registry_col_dup(s.st, 0);
	registry_stmt_finish(&s);
	if (rc == 0)
		error_set(err, "%s: letter %lld is not pending: no document number",
			  reg->path, (long long)a->id);
	if (rc <= 0 || *a->docnum_r != NULL)
		return rc > 0 ? 0 : -1;
	if (registry_docnum_take(reg, a->series, a->year, &seq, err) != 0 ||
	    a->fmt(seq, a->ctx, a->docnum_r, err) != 0)
		return -1;
	if (registry_stmt_prepare(reg, &s, "UPDATE letters SET docnum = ?2"
				  " WHERE id = ?1", "number letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, a->id);
	registry_stmt_text(&s, 2, *a->docnum_r);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	return letter_event(reg, a->id, "letter-numbered", *a->docnum_r, err);
}

int
registry_letter_docnum(struct registry *reg, int64_t id, const char *series,
		       int year, registry_docnum_format_fn fmt, void *ctx,
		       char **docnum_r, struct ogi_error *err)
{
	const struct letter_docnum_args a = {
		.id = id, .series = series, .year = year, .fmt = fmt, .ctx = ctx,
		.docnum_r = docnum_r,
	};

	*docnum_r = NULL;
	if (letter_tx(reg, letter_docnum_fn, &a, err) == 0)
		return 0;
	g_clear_pointer(docnum_r, g_free);
	return -1;
}

struct letter_queue_args {
	int64_t id;
	const char *pdf_path;
	const struct registry_outbox_new *m;
	const char *sent_detail;
	int64_t now;
	int64_t *outbox_id_r;
};

static int
letter_queue_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_queue_args *a = arg;
	struct registry_stmt s;
	int64_t outbox_id = 0;

	if (a->m != NULL && registry_outbox_enqueue_in_tx(reg, a->m, a->now,
							  &outbox_id, err) != 0)
		return -1;
	if (registry_stmt_prepare(reg, &s, "UPDATE letters SET state = 'queued',"
				  " pdf_path = ?2, outbox_id = ?3, updated_at = ?4,"
				  " detail = NULL, sending_at = NULL, next_attempt_at = NULL"
				  " WHERE id = ?1 AND state = 'pending'",
				  "queue letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, a->id);
	registry_stmt_text(&s, 2, a->pdf_path);
	if (outbox_id != 0)
		registry_stmt_int(&s, 3, outbox_id);
	registry_stmt_int(&s, 4, a->now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: letter %lld is no longer pending: not queued",
			  reg->path, (long long)a->id);
		return -1;
	}
	*a->outbox_id_r = outbox_id;
	if (letter_event(reg, a->id, "letter-queued", a->pdf_path, err) != 0)
		return -1;
	if (a->sent_detail != NULL) {
		const struct letter_move_args sent = {
			.id = a->id, .from = "queued", .to = "sent",
			.detail = a->sent_detail, .now = a->now,
		};

		return letter_move_fn(reg, &sent, err);
	}
	return 0;
}

int
registry_letter_queue(struct registry *reg, int64_t id, const char *pdf_path,
		      const struct registry_outbox_new *m, const char *sent_detail,
		      int64_t now, int64_t *outbox_id_r, struct ogi_error *err)
{
	const struct letter_queue_args a = {
		.id = id, .pdf_path = pdf_path, .m = m, .sent_detail = sent_detail,
		.now = now, .outbox_id_r = outbox_id_r,
	};

	*outbox_id_r = 0;
	return letter_tx(reg, letter_queue_fn, &a, err);
}

/* A change of a pending letter that leaves it pending: one UPDATE, which
 * names ?1 the id, ?2 now and, when it needs them, ?3 next_at and ?4
 * detail; then the event. */
struct letter_pending_args {
	int64_t id;
	const char *sql;
	const char *refused;    /* why it changed nothing, for the error */
	const char *event, *event_text;
	int64_t now, next_at;
	const char *detail;
};

static int
letter_pending_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_pending_args *a = arg;
	struct registry_stmt s;
	int n;

	if (registry_stmt_prepare(reg, &s, a->sql, a->event, err) != 0)
		return -1;
	n = sqlite3_bind_parameter_count(s.st);
	registry_stmt_int(&s, 1, a->id);
	registry_stmt_int(&s, 2, a->now);
	if (n >= 3)
		registry_stmt_int(&s, 3, a->next_at);
	if (n >= 4)
		registry_stmt_text(&s, 4, a->detail);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: letter %lld %s", reg->path, (long long)a->id,
			  a->refused);
		return -1;
	}
	return letter_event(reg, a->id, a->event, a->event_text, err);
}

int
registry_letter_mark_sending(struct registry *reg, int64_t id, int64_t now,
			     struct ogi_error *err)
{
	const struct letter_pending_args a = {
		.id = id, .now = now,
		.sql = "UPDATE letters SET sending_at = ?2, updated_at = ?2"
		       " WHERE id = ?1 AND state = 'pending' AND sending_at IS NULL",
		.refused = "is not pending, or is being sent already",
		.event = "letter-sending",
	};

	return letter_tx(reg, letter_pending_fn, &a, err);
}

int
registry_letter_unmark_sending(struct registry *reg, int64_t id, int64_t now,
			       struct ogi_error *err)
{
	const struct letter_pending_args a = {
		.id = id, .now = now,
		.sql = "UPDATE letters SET sending_at = NULL, updated_at = ?2"
		       " WHERE id = ?1 AND state = 'pending' AND sending_at IS NOT NULL",
		.refused = "is not being sent",
		.event = "letter-not-sent", .event_text = "it never started",
	};

	return letter_tx(reg, letter_pending_fn, &a, err);
}

int
registry_letter_defer(struct registry *reg, int64_t id, int64_t next_at,
		      const char *detail, int64_t now, struct ogi_error *err)
{
	const struct letter_pending_args a = {
		.id = id, .now = now, .next_at = next_at, .detail = detail,
		.sql = "UPDATE letters SET attempts = attempts + 1,"
		       " next_attempt_at = ?3, sending_at = NULL, detail = ?4,"
		       " updated_at = ?2 WHERE id = ?1 AND state = 'pending'",
		.refused = "is no longer pending",
		.event = "letter-deferred", .event_text = detail,
	};

	return letter_tx(reg, letter_pending_fn, &a, err);
}

static int
letter_tracking_fn(struct registry *reg, const void *arg, struct ogi_error *err)
{
	const struct letter_move_args *a = arg;
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s, "UPDATE letters SET tracking = ?2,"
				  " updated_at = ?3 WHERE id = ?1",
				  "record tracking number", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, a->id);
	registry_stmt_text(&s, 2, a->detail);
	registry_stmt_int(&s, 3, a->now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: no letter %lld", reg->path, (long long)a->id);
		return -1;
	}
	return letter_event(reg, a->id, "letter-tracking", a->detail, err);
}

int
registry_letter_set_tracking(struct registry *reg, int64_t id,
			     const char *tracking, int64_t now,
			     struct ogi_error *err)
{
	const struct letter_move_args a = { .id = id, .detail = tracking, .now = now };

	return letter_tx(reg, letter_tracking_fn, &a, err);
}

int
registry_letter_settle(struct registry *reg, int64_t id, int64_t now,
		       struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s, "UPDATE letters SET settled_at = ?2"
				  " WHERE id = ?1", "settle letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, id);
	registry_stmt_int(&s, 2, now);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: no letter %lld", reg->path, (long long)id);
		return -1;
	}
	return 0;
}

/* --- the outbox's news --------------------------------------------------- */

int
registry_letters_outbox_news(struct registry *reg, int64_t outbox_id,
			     const char *outbox_state, const char *status,
			     int64_t now, struct ogi_error *err)
{
	struct registry_stmt s;
	const char *to;
	int64_t id = 0;
	char *from = NULL;
	int rc;

	if (strcmp(outbox_state, "sent") == 0)
		to = "sent";
	else if (strcmp(outbox_state, "failed") == 0)
		to = "failed";
	else
		return 0;
	if (registry_stmt_prepare(reg, &s, "SELECT id, state FROM letters"
				  " WHERE outbox_id = ?1", "read letter", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, outbox_id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		id = sqlite3_column_int64(s.st, 0);
		from = registry_col_dup(s.st, 1);
	}
	registry_stmt_finish(&s);
	/* A letter a clerk cancelled, or one already failed, keeps its
	 * state: the news is older than the decision. */
	if (rc <= 0 || !letter_move_known(from, to)) {
		g_free(from);
		return rc < 0 ? -1 : 0;
	}
	{
		const struct letter_move_args a = {
			.id = id, .from = from, .to = to, .detail = status,
			.now = now,
		};

		rc = letter_move_fn(reg, &a, err);
	}
	g_free(from);
	return rc;
}
