#include "registry/pages.h"

#include <glib.h>

#include "registry/registry-private.h"

int
registry_pages_add_in_tx(struct registry *reg, const char *sha256,
			 const struct registry_page *pages, size_t n,
			 struct ogi_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct registry_page *p = &pages[i];
		struct registry_stmt s;

		if (registry_stmt_prepare(reg, &s,
					  "INSERT INTO ocr_pages (message_id, page,"
					  " path, text, mean_conf, src_xres,"
					  " src_yres, skew_mdeg)"
					  " SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8"
					  " FROM messages WHERE sha256 = ?1"
					  " ON CONFLICT DO NOTHING",
					  "store OCR page", err) != 0)
			return -1;
		registry_stmt_text(&s, 1, sha256);
		registry_stmt_int(&s, 2, p->page);
		registry_stmt_text(&s, 3, p->path);
		registry_stmt_text(&s, 4, p->text);
		registry_stmt_int(&s, 5, p->mean_conf);
		registry_stmt_int(&s, 6, p->src_xres);
		registry_stmt_int(&s, 7, p->src_yres);
		registry_stmt_int(&s, 8, p->skew_mdeg);
		if (registry_stmt_run(&s, err) != 0)
			return -1;
	}
	return 0;
}

int
registry_pages_of_case(struct registry *reg, const char *case_id,
		       struct registry_page **rows_r, size_t *n_r,
		       struct ogi_error *err)
{
	struct registry_stmt s;
	GArray *rows;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT m.sha256, p.page, p.path, p.text,"
				  " p.mean_conf, p.src_xres, p.src_yres, p.skew_mdeg"
				  " FROM ocr_pages p JOIN messages m ON m.id = p.message_id"
				  " WHERE m.case_id = ?1 ORDER BY m.id, p.page",
				  "list OCR pages", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, case_id);
	rows = g_array_new(FALSE, TRUE, sizeof(struct registry_page));
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_page r = {
			.sha256 = registry_col_dup(s.st, 0),
			.page = (unsigned)sqlite3_column_int(s.st, 1),
			.path = registry_col_dup(s.st, 2),
			.text = registry_col_dup(s.st, 3),
			.mean_conf = (unsigned)sqlite3_column_int(s.st, 4),
			.src_xres = (unsigned)sqlite3_column_int(s.st, 5),
			.src_yres = (unsigned)sqlite3_column_int(s.st, 6),
			.skew_mdeg = sqlite3_column_int(s.st, 7),
		};

		g_array_append_val(rows, r);
	}
	registry_stmt_finish(&s);
	*n_r = rows->len;
	*rows_r = (struct registry_page *)g_array_free(rows, rows->len == 0);
	if (rc < 0) {
		registry_pages_free(*rows_r, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	return 0;
}

void
registry_pages_free(struct registry_page *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(rows[i].sha256);
		g_free(rows[i].path);
		g_free(rows[i].text);
	}
	g_free(rows);
}
