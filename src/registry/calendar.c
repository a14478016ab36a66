#include "registry/calendar.h"

#include <glib.h>

#include "registry/registry-private.h"

int
registry_calendar_provisional(struct registry *reg,
			      struct registry_provisional **rows_r, size_t *n_r,
			      struct ogi_error *err)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct registry_provisional));
	struct registry_stmt s;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id, state, deadline, rules, receipt_date,"
				  " received_at, extended_days FROM cases"
				  " WHERE deadline_provisional = 1 AND deadline IS NOT NULL"
				  " ORDER BY received_at, id",
				  "list provisional deadlines", err) != 0) {
		g_array_free(rows, TRUE);
		return -1;
	}
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_provisional p = {
			.id = registry_col_dup(s.st, 0),
			.state = registry_col_dup(s.st, 1),
			.deadline = registry_col_dup(s.st, 2),
			.rules = registry_col_dup(s.st, 3),
			.receipt_date = registry_col_dup(s.st, 4),
			.received_at = sqlite3_column_int64(s.st, 5),
			.extended_days = sqlite3_column_int(s.st, 6),
		};

		g_array_append_val(rows, p);
	}
	registry_stmt_finish(&s);
	*n_r = rows->len;
	*rows_r = (struct registry_provisional *)(void *)g_array_free(rows, FALSE);
	if (rc < 0) {
		registry_provisional_free(*rows_r, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	if (*n_r == 0) {
		g_free(*rows_r);
		*rows_r = NULL;
	}
	return 0;
}

void
registry_provisional_free(struct registry_provisional *rows, size_t n)
{
	for (size_t i = 0; rows != NULL && i < n; i++) {
		g_free(rows[i].id);
		g_free(rows[i].state);
		g_free(rows[i].deadline);
		g_free(rows[i].rules);
		g_free(rows[i].receipt_date);
	}
	g_free(rows);
}

/* One case: compare-and-set, then its event. */
static int
registry_calendar_recount_one(struct registry *reg,
			      const struct registry_recount *r, bool *changed_r,
			      struct ogi_error *err)
{
	struct registry_stmt s;
	char *detail;
	int rc;

	*changed_r = false;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET deadline = ?3, deadline_provisional = ?4,"
				  " receipt_date = ?5, deadline_basis = ?6"
				  " WHERE id = ?1 AND deadline = ?2 AND deadline_provisional = 1",
				  "recount deadline", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, r->id);
	registry_stmt_text(&s, 2, r->old_deadline);
	registry_stmt_text(&s, 3, r->deadline);
	registry_stmt_int(&s, 4, r->provisional);
	registry_stmt_text(&s, 5, r->receipt_date);
	registry_stmt_text(&s, 6, r->basis);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1)
		return 0;
	*changed_r = true;
	detail = g_strdup_printf("%s (provisional) → %s%s", r->old_deadline,
				 r->deadline,
				 r->provisional ? " (still provisional)" : "");
	rc = registry_event_add(reg, r->id, 0, "deadline-recomputed", detail, err);
	g_free(detail);
	return rc;
}

int
registry_calendar_recount(struct registry *reg, const struct registry_recount *r,
			  size_t n, bool *changed_r, struct ogi_error *err)
{
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction", err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (registry_calendar_recount_one(reg, &r[i], &changed_r[i], err) != 0)
			goto fail;
	if (registry_exec(reg, "COMMIT", "commit", err) == 0)
		return 0;
fail:
	registry_rollback(reg);
	for (size_t i = 0; i < n; i++)
		changed_r[i] = false;
	return -1;
}
