#include "registry/status.h"

#include <glib.h>
#include <sqlite3.h>

#include "registry/registry-private.h"

/* Prepares sql, binds ?1 intake and ?2 at and ?3 (text or integer, when
 * given) and runs it to completion. */
static int
status_write(struct registry *reg, const char *sql, const char *op,
	     const char *intake, int64_t at, const char *text, int64_t n,
	     struct ogi_error *err)
{
	sqlite3 *db = registry_sqlite(reg);
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return registry_sqlite_fail(reg, op, err);
	rc = sqlite3_bind_text(st, 1, intake, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, at);
	if (rc == SQLITE_OK)
		rc = text != NULL ? sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC)
		                  : sqlite3_bind_int64(st, 3, n);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return registry_sqlite_fail(reg, op, err);
	return 0;
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
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct registry_intake_status));
	sqlite3 *db = registry_sqlite(reg);
	sqlite3_stmt *st;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT intake, last_poll_at, backlog, last_error,"
			       " last_error_at, errors, updated_at"
			       " FROM intake_status ORDER BY intake",
			       -1, &st, NULL) != SQLITE_OK) {
		g_array_free(rows, TRUE);
		return registry_sqlite_fail(reg, "read intake status", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct registry_intake_status r = {
			.intake = g_strdup((const char *)sqlite3_column_text(st, 0)),
			.last_poll_at = sqlite3_column_int64(st, 1),
			.backlog = sqlite3_column_int64(st, 2),
			.last_error = g_strdup((const char *)sqlite3_column_text(st, 3)),
			.last_error_at = sqlite3_column_int64(st, 4),
			.errors = sqlite3_column_int64(st, 5),
			.updated_at = sqlite3_column_int64(st, 6),
		};

		g_array_append_val(rows, r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		registry_intake_statuses_free((struct registry_intake_status *)
					      (void *)rows->data, rows->len);
		g_array_free(rows, FALSE);
		return registry_sqlite_fail(reg, "read intake status", err);
	}
	*n_r = rows->len;
	*rows_r = (struct registry_intake_status *)(void *)g_array_free(rows, *n_r == 0);
	return 0;
}
