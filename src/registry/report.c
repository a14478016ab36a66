#include "registry/report.h"

#include <glib.h>
#include <sqlite3.h>

#include "registry/registry-private.h"

void
registry_report_cases_free(struct registry_report_case *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(rows[i].id);
		g_free(rows[i].state);
		g_free(rows[i].applicant_kind);
		g_free(rows[i].org_kind);
		g_free(rows[i].outcome);
	}
	g_free(rows);
}

int
registry_report_cases(struct registry *reg, int64_t until,
		      struct registry_report_case **rows_r, size_t *n_r,
		      struct ogi_error *err)
{
	GArray *rows;
	struct registry_stmt s;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id, state, applicant_kind, org_kind, outcome,"
				  " received_at, concluded_at FROM cases"
				  " WHERE received_at < ?1 ORDER BY received_at, id",
				  "read cases for the report", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, until);
	rows = g_array_new(FALSE, TRUE, sizeof(struct registry_report_case));
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_report_case r = {
			.id = registry_col_dup(s.st, 0),
			.state = registry_col_dup(s.st, 1),
			.applicant_kind = registry_col_dup(s.st, 2),
			.org_kind = registry_col_dup(s.st, 3),
			.outcome = registry_col_dup(s.st, 4),
			.received_at = sqlite3_column_int64(s.st, 5),
			.concluded_at = sqlite3_column_int64(s.st, 6),
		};

		g_array_append_val(rows, r);
	}
	registry_stmt_finish(&s);
	*n_r = rows->len;
	*rows_r = (struct registry_report_case *)(void *)
		  g_array_free(rows, rows->len == 0);
	if (rc < 0) {
		registry_report_cases_free(*rows_r, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	return 0;
}
