#include "registry/case.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "registry/registry-private.h"

void
registry_events_free(struct registry_event *events, size_t n)
{
	for (size_t i = 0; events != NULL && i < n; i++) {
		free(events[i].actor);
		free(events[i].type);
		free(events[i].detail);
		free(events[i].message);
	}
	free(events);
}

/* Events are append-only with an AUTOINCREMENT id, so id order is the
 * order they were written, even within one second. */
int
registry_case_history(struct registry *reg, const char *id,
		      struct registry_event **events_r, size_t *n_r,
		      struct ogi_error *err)
{
	GArray *ev = g_array_new(FALSE, TRUE, sizeof(struct registry_event));
	struct registry_stmt s;
	int rc;

	*events_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT e.at, e.actor, e.type, e.detail, m.uid"
				  " FROM events e LEFT JOIN messages m"
				  " ON m.id = e.message_id"
				  " WHERE e.case_id = ?1 OR e.message_id IN"
				  " (SELECT id FROM messages WHERE case_id = ?1)"
				  " ORDER BY e.id",
				  "case history", err) != 0) {
		g_array_free(ev, TRUE);
		return -1;
	}
	registry_stmt_text(&s, 1, id);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_event e = {
			.at = sqlite3_column_int64(s.st, 0),
			.actor = registry_col_dup(s.st, 1),
			.type = registry_col_dup(s.st, 2),
			.detail = registry_col_dup(s.st, 3),
			.message = registry_col_dup(s.st, 4),
		};

		g_array_append_val(ev, e);
	}
	registry_stmt_finish(&s);
	if (rc < 0) {
		size_t n = ev->len;

		registry_events_free((struct registry_event *)(void *)
				     g_array_free(ev, FALSE), n);
		return -1;
	}
	*n_r = ev->len;
	/* GLib's allocator is the system's: the array is freed with free(). */
	*events_r = (struct registry_event *)(void *)g_array_free(ev, *n_r == 0);
	return 0;
}

/* Fails unless case id exists; inside the caller's transaction. */
static int
case_must_exist(struct registry *reg, const char *id, struct ogi_error *err)
{
	bool exists;

	if (registry_case_exists(reg, id, &exists, err) != 0)
		return -1;
	if (!exists) {
		error_set(err, "no application %s", id);
		return -1;
	}
	return 0;
}

int
registry_case_event(struct registry *reg, const char *id, const char *type,
		    const char *detail, struct ogi_error *err)
{
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	if (case_must_exist(reg, id, err) != 0 ||
	    registry_event_add(reg, id, 0, type, detail, err) != 0 ||
	    registry_exec(reg, "COMMIT", "commit", err) != 0) {
		registry_rollback(reg);
		return -1;
	}
	return 0;
}

/* --- a clerk's moves and edits ------------------------------------------- */

/* Stores the missing and invalid lists the caller gave (either may be
 * NULL: left as it is). */
static int
case_store_elements(struct registry *reg, const char *id, const char *missing,
		    const char *invalid, struct ogi_error *err)
{
	struct registry_stmt s;

	if (missing == NULL && invalid == NULL)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET missing = coalesce(?2, missing),"
				  " invalid = coalesce(?3, invalid) WHERE id = ?1",
				  "store missing elements", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, missing);
	registry_stmt_text(&s, 3, invalid);
	return registry_stmt_run(&s, err);
}

static int
case_store_correction_due(struct registry *reg,
			  const struct registry_case_move *m,
			  struct ogi_error *err)
{
	if (m->correction_due == NULL)
		return 0;
	return registry_case_correction_due_in_tx(reg, m->id, m->correction_due,
						  err);
}

/* A case asked for a correction again waits for a new one: the receipt of
 * one before the notice does not count its period. */
static int
case_forget_correction(struct registry *reg, const struct registry_case_move *m,
		       struct ogi_error *err)
{
	struct registry_stmt s;

	if (strcmp(m->to, "incomplete") != 0)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET correction_received_at = NULL"
				  " WHERE id = ?1", "forget correction receipt",
				  err) != 0)
		return -1;
	registry_stmt_text(&s, 1, m->id);
	return registry_stmt_run(&s, err);
}

static int
case_store_outcome(struct registry *reg, const struct registry_case_move *m,
		   struct ogi_error *err)
{
	struct registry_stmt s;

	if (m->outcome == NULL)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET outcome = ?2, outcome_detail = ?3,"
				  " concluded_at = ?4 WHERE id = ?1",
				  "store outcome", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, m->id);
	registry_stmt_text(&s, 2, m->outcome);
	registry_stmt_text(&s, 3, m->outcome_detail);
	registry_stmt_int(&s, 4, m->concluded_at);
	return registry_stmt_run(&s, err);
}

static int
case_cancel_pending(struct registry *reg, const struct registry_case_move *m,
		    struct ogi_error *err)
{
	struct registry_letter *rows;
	size_t n;
	int rc = 0;

	if (m->cancel_pending == NULL)
		return 0;
	if (registry_letters_of_case(reg, m->id, &rows, &n, err) != 0)
		return -1;
	/* A letter a channel is sending (a fax command running) goes on:
	 * it may be out already, and its sender records how it ended. */
	for (size_t i = 0; i < n && rc == 0; i++)
		if (strcmp(rows[i].state, "pending") == 0 && rows[i].sending_at == 0)
			rc = registry_letter_transition_in_tx(reg, rows[i].id,
							      "pending", "cancelled",
							      m->cancel_pending,
							      m->now, err);
	registry_letters_free(rows, n);
	return rc;
}

int
registry_case_move(struct registry *reg, const struct registry_case_move *m,
		   int64_t *letter_id_r, struct ogi_error *err)
{
	*letter_id_r = 0;
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	if (registry_case_transition_in_tx(reg, m->id, m->from, m->to,
					   m->event, m->detail, err) != 0 ||
	    case_store_elements(reg, m->id, m->missing, m->invalid, err) != 0 ||
	    case_store_outcome(reg, m, err) != 0 ||
	    case_store_correction_due(reg, m, err) != 0 ||
	    case_forget_correction(reg, m, err) != 0 ||
	    (m->clock != NULL &&
	     registry_case_clock_in_tx(reg, m->id, m->clock, err) != 0) ||
	    case_cancel_pending(reg, m, err) != 0 ||
	    (m->letter != NULL &&
	     registry_letter_add_in_tx(reg, m->letter, m->now, letter_id_r,
				       err) != 0) ||
	    registry_exec(reg, "COMMIT", "commit", err) != 0) {
		registry_rollback(reg);
		*letter_id_r = 0;
		return -1;
	}
	return 0;
}

/* The SQL of each editable column, written out: a column name is never
 * taken from the caller's text into a statement. */
#define CASE_EDIT(col) \
	{ #col, "UPDATE cases SET " #col " = ?3 WHERE id = ?1 AND " #col " IS ?2" },
#define CASE_EDIT_STRING(field, ...) CASE_EDIT(field)
static const struct {
	const char *column, *sql;
} case_edits[] = {
	EXTRACT_APPLICATION_STRINGS(CASE_EDIT_STRING)
	CASE_EDIT(applicant_kind)
	CASE_EDIT(id_type)
	CASE_EDIT(delivery)
	CASE_EDIT(medium)
	CASE_EDIT(org_kind)
};
#undef CASE_EDIT_STRING
#undef CASE_EDIT

static const char *
case_edit_sql(const char *column)
{
	for (size_t i = 0; column != NULL && i < G_N_ELEMENTS(case_edits); i++)
		if (strcmp(case_edits[i].column, column) == 0)
			return case_edits[i].sql;
	return NULL;
}

bool
registry_case_column_editable(const char *column)
{
	return case_edit_sql(column) != NULL;
}

int
registry_case_edit(struct registry *reg, const struct registry_case_edit *e,
		   struct ogi_error *err)
{
	const char *sql = case_edit_sql(e->column);
	struct registry_stmt s;

	if (sql == NULL) {
		error_set(err, "%s is not a field a clerk can set",
			  e->column != NULL ? e->column : "(none)");
		return -1;
	}
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	if (case_must_exist(reg, e->id, err) != 0 ||
	    registry_stmt_prepare(reg, &s, sql, "set case field", err) != 0)
		goto fail;
	registry_stmt_text(&s, 1, e->id);
	registry_stmt_text(&s, 2, e->old);
	registry_stmt_text(&s, 3, e->value);
	if (registry_stmt_run(&s, err) != 0)
		goto fail;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "case %s: %s was changed meanwhile: not set",
			  e->id, e->column);
		goto fail;
	}
	if (case_store_elements(reg, e->id, e->missing, e->invalid, err) != 0 ||
	    registry_event_add(reg, e->id, 0, "set", e->detail, err) != 0 ||
	    registry_exec(reg, "COMMIT", "commit", err) != 0)
		goto fail;
	return 0;
fail:
	registry_rollback(reg);
	return -1;
}

/* --- due ----------------------------------------------------------------- */

/* Deadlines are ISO dates, so text order is date order. */
static int
case_due_cmp(const void *a, const void *b)
{
	const struct registry_case *x = *(struct registry_case *const *)a;
	const struct registry_case *y = *(struct registry_case *const *)b;
	int c;

	if ((x->deadline == NULL) != (y->deadline == NULL))
		return x->deadline == NULL ? 1 : -1;
	if (x->deadline != NULL && (c = strcmp(x->deadline, y->deadline)) != 0)
		return c;
	if (x->received_at != y->received_at)
		return x->received_at < y->received_at ? -1 : 1;
	return strcmp(x->id, y->id);
}

int
registry_cases_due(struct registry *reg, bool (*open)(const char *state),
		   struct registry_case ***cases_r, size_t *n_r,
		   struct ogi_error *err)
{
	struct registry_case **cases;
	size_t n, kept = 0;

	if (registry_cases(reg, NULL, &cases, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (open(cases[i]->state))
			cases[kept++] = cases[i];
		else
			registry_case_free(cases[i]);
	}
	if (kept > 1)
		qsort(cases, kept, sizeof(*cases), case_due_cmp);
	if (kept == 0) {
		free(cases);
		cases = NULL;
	}
	*cases_r = cases;
	*n_r = kept;
	return 0;
}

int
registry_case_incomplete_since(struct registry *reg, const char *id,
			       int64_t *at_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*at_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT coalesce((SELECT max(at) FROM events"
				  " WHERE case_id = ?1 AND type = 'incomplete'),"
				  " received_at) FROM cases WHERE id = ?1",
				  "read last move to incomplete", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*at_r = sqlite3_column_int64(s.st, 0);
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}
