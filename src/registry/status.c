#include "registry/status.h"

#include <glib.h>
#include <sqlite3.h>

#include "registry/registry-private.h"

/* Runs the upsert sql with ?1 intake, ?2 at and ?3 text (or, when text
 * is NULL, the integer n). */
static int
status_write(struct registry *reg, const char *sql, const char *op,
	     const char *intake, int64_t at, const char *text, int64_t n,
	     struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s, sql, op, err) != 0)
		return -1;
	registry_stmt_text(&s, 1, intake);
	registry_stmt_int(&s, 2, at);
	if (text != NULL)
		registry_stmt_text(&s, 3, text);
	else
		registry_stmt_int(&s, 3, n);
	return registry_stmt_run(&s, err);
}

int
registry_intake_polled(struct registry *reg, const char *intake, int64_t at,
		       size_t backlog, struct ogi_error *err)
{
	return status_write(reg,
		"INSERT INTO intake_status (intake, last_poll_at, backlog,"
		" errors, updated_at) VALUES (?1, ?2, ?3, 0, ?2)"
		" ON CONFLICT (intake) DO UPDATE SET last_poll_at = ?2,"
		" backlog = ?3, errors = 0, updated_at = ?2",
		"record intake poll", intake, at, NULL, (int64_t)backlog, err);
}

int
registry_intake_failed(struct registry *reg, const char *intake, int64_t at,
		       const char *error, struct ogi_error *err)
{
	return status_write(reg,
		"INSERT INTO intake_status (intake, last_error, last_error_at,"
		" errors, updated_at) VALUES (?1, ?3, ?2, 1, ?2)"
		" ON CONFLICT (intake) DO UPDATE SET last_error = ?3,"
		" last_error_at = ?2, errors = errors + 1, updated_at = ?2",
		"record intake error", intake, at, error != NULL ? error : "", 0,
		err);
}

void
registry_intake_statuses_free(struct registry_intake_status *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(rows[i].intake);
		g_free(rows[i].last_error);
	}
	g_free(rows);
}

int
registry_intake_statuses(struct registry *reg,
			 struct registry_intake_status **rows_r, size_t *n_r,
			 struct ogi_error *err)
{
	GArray *rows;
	struct registry_stmt s;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT intake, last_poll_at, backlog, last_error,"
				  " last_error_at, errors, updated_at"
				  " FROM intake_status ORDER BY intake",
				  "read intake status", err) != 0)
		return -1;
	rows = g_array_new(FALSE, TRUE, sizeof(struct registry_intake_status));
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_intake_status r = {
			.intake = registry_col_dup(s.st, 0),
			.last_poll_at = sqlite3_column_int64(s.st, 1),
			.backlog = sqlite3_column_int64(s.st, 2),
			.last_error = registry_col_dup(s.st, 3),
			.last_error_at = sqlite3_column_int64(s.st, 4),
			.errors = sqlite3_column_int64(s.st, 5),
			.updated_at = sqlite3_column_int64(s.st, 6),
		};

		g_array_append_val(rows, r);
	}
	registry_stmt_finish(&s);
	*n_r = rows->len;
	*rows_r = (struct registry_intake_status *)(void *)
		  g_array_free(rows, rows->len == 0);
	if (rc < 0) {
		registry_intake_statuses_free(*rows_r, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	return 0;
}
