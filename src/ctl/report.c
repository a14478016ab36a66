#include "ctl/report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "ctl/output.h"
#include "delivery/case-values.h"
#include "letter/table.h"
#include "registry/report.h"
#include "workflow/report.h"

/* The last year whose report can be asked for: the first instant of the
 * year after it must still be a date (clock_midnight). */
#define CTL_REPORT_YEAR_MAX 9998

#define CTL_REPORT_TITLE "%d年度政府信息公开工作年度报告"
#define CTL_REPORT_SECTION "三、收到和处理政府信息公开申请情况"

enum ctl_report_format { CTL_REPORT_TEXT, CTL_REPORT_CSV, CTL_REPORT_PDF };

static void
ctl_report_usage(void)
{
	fputs("usage: ogictl report annual YEAR [--format text|csv|pdf] [-o FILE]\n"
	      "       (pdf needs -o FILE)\n", stderr);
}

static int
ctl_report_local_year(const struct config *cfg, int64_t t)
{
	struct clock_local local;

	clock_local(cfg->timezone, t, &local);
	return local.year;
}

/* Reads the cases received up to the end of year and computes its table.
 * Returns 0, or -1 (t_r filled when the table itself is wrong, cleared
 * otherwise) with err set. */
static int
ctl_report_compute(const struct config *cfg, int year, struct report_table *t_r,
		   struct ogi_error *err)
{
	int64_t end = clock_midnight(cfg->timezone, year + 1, 1, 1);
	struct registry_report_case *rows = NULL;
	struct report_case *cases;
	struct registry *reg = NULL;
	size_t n = 0;
	int rc;

	*t_r = (struct report_table){ .year = year };
	rc = registry_open(cfg->db_path, true, &reg, err) != 0 ||
	     registry_report_cases(reg, end, &rows, &n, err) != 0 ? -1 : 0;
	registry_close(reg);
	if (rc != 0)
		return -1;
	cases = g_new0(struct report_case, n > 0 ? n : 1);
	for (size_t i = 0; i < n; i++)
		cases[i] = (struct report_case){
			.id = rows[i].id,
			.state = rows[i].state,
			.applicant_kind = rows[i].applicant_kind,
			.org_kind = rows[i].org_kind,
			.received_year = ctl_report_local_year(cfg, rows[i].received_at),
			.outcome = rows[i].outcome,
			.concluded_year = rows[i].concluded_at != 0 ?
				ctl_report_local_year(cfg, rows[i].concluded_at) : 0,
		};
	rc = report_compute(year, cases, n, t_r, err);
	g_free(cases);
	registry_report_cases_free(rows, n);
	return rc;
}

/* "一 + 二 = A + B = L, （七）总计 + 四 = C + D = R" for column col. */
static char *
ctl_report_check(const struct report_table *t, int col)
{
	int row_new = report_row_index(t, REPORT_ROW_NEW);
	int row_in = report_row_index(t, REPORT_ROW_CARRIED_IN);
	int row_total = report_row_index(t, REPORT_ROW_TOTAL);
	int row_out = report_row_index(t, REPORT_ROW_CARRIED_OUT);

	return g_strdup_printf("一 + 二 = %u + %u = %u, （七）总计 + 四 = %u + %u = %u",
			       t->cells[row_new][col], t->cells[row_in][col],
			       t->left[col], t->cells[row_total][col],
			       t->cells[row_out][col], t->right[col]);
}

static void
ctl_report_pad(FILE *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(' ', out);
}

/* Two columns of indent per level of a row. */
#define CTL_REPORT_INDENT 2

static void
ctl_report_text(FILE *out, const struct report_table *t)
{
	size_t label_w = 0, col_w[REPORT_COLUMNS], before_group;
	char *check = ctl_report_check(t, REPORT_COL_TOTAL);

	for (size_t r = 0; r < t->n_rows; r++) {
		size_t w = t->rows[r].depth * CTL_REPORT_INDENT +
			   output_width(t->rows[r].label);

		if (w > label_w)
			label_w = w;
	}
	before_group = label_w;
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		col_w[c] = output_width(report_column_label(c)) + 2;
		if (c < REPORT_COL_BUSINESS)
			before_group += col_w[c];
	}
	fprintf(out, CTL_REPORT_TITLE "\n" CTL_REPORT_SECTION "\n\n", t->year);
	ctl_report_pad(out, before_group + 2);
	fputs(REPORT_ORG_GROUP "\n", out);
	ctl_report_pad(out, label_w);
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		ctl_report_pad(out, col_w[c] - output_width(report_column_label(c)));
		fputs(report_column_label(c), out);
	}
	fputc('\n', out);
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct report_row *row = &t->rows[r];
		size_t indent = row->depth * CTL_REPORT_INDENT;

		ctl_report_pad(out, indent);
		fputs(row->label, out);
		if (row->counted) {
			ctl_report_pad(out, label_w - indent - output_width(row->label));
			for (int c = 0; c < REPORT_COLUMNS; c++)
				fprintf(out, "%*u", (int)col_w[c], t->cells[r][c]);
		}
		fputc('\n', out);
	}
	fprintf(out, "\ncheck: %s: %s\n", check,
		t->left[REPORT_COL_TOTAL] == t->right[REPORT_COL_TOTAL] ?
		"holds" : "does not hold");
	g_free(check);
}

/* A CSV field (RFC 4180): quoted when it holds a quote, comma or line
 * break. */
static void
ctl_report_csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, "\",\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
ctl_report_csv_row(FILE *out, const char *key, const char *label,
		   const unsigned *cells)
{
	ctl_report_csv_field(out, key);
	fputc(',', out);
	ctl_report_csv_field(out, label);
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		if (cells != NULL)
			fprintf(out, ",%u", cells[c]);
		else
			fputc(',', out);
	}
	fputs("\r\n", out);
}

/* One line per row: its key, its label, a number per column (none for a
 * heading); then the check's two sides per column. */
static void
ctl_report_csv(FILE *out, const struct report_table *t)
{
	fputs("row,项目", out);
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		fputc(',', out);
		ctl_report_csv_field(out, report_column_label(c));
	}
	fputs("\r\n", out);
	for (size_t r = 0; r < t->n_rows; r++)
		ctl_report_csv_row(out, t->rows[r].key, t->rows[r].label,
				   t->rows[r].counted ? t->cells[r] : NULL);
	ctl_report_csv_row(out, "check.left", "一 + 二", t->left);
	ctl_report_csv_row(out, "check.right", "（七）总计 + 四", t->right);
}

static int
ctl_report_pdf(const struct config *cfg, const struct report_table *t,
	       const char *path, struct ogi_error *err)
{
	const char *columns[REPORT_COLUMNS];
	struct letter_table_row *rows = g_new0(struct letter_table_row, t->n_rows);
	char *(*cells)[REPORT_COLUMNS] = g_malloc0_n(t->n_rows, sizeof(*cells));
	char *title = g_strdup_printf(CTL_REPORT_TITLE, t->year);
	char *check = ctl_report_check(t, REPORT_COL_TOTAL);
	char *note = g_strdup_printf("核对：%s", check);
	const char *notes[] = { note };
	char *font;
	int index, rc;

	for (int c = 0; c < REPORT_COLUMNS; c++)
		columns[c] = report_column_label(c);
	for (size_t r = 0; r < t->n_rows; r++) {
		rows[r] = (struct letter_table_row){
			.label = t->rows[r].label,
			.indent = t->rows[r].depth,
			.cells = t->rows[r].counted ?
				 (const char *const *)cells[r] : NULL,
		};
		for (int c = 0; c < REPORT_COLUMNS; c++)
			cells[r][c] = g_strdup_printf("%u", t->cells[r][c]);
	}
	delivery_letter_font(cfg->letters.font_body, &font, &index);
	rc = letter_table_pdf(&(struct letter_table){
				.title = title,
				.subtitle = CTL_REPORT_SECTION,
				.corner = "项目",
				.columns = columns,
				.n_columns = REPORT_COLUMNS,
				.group = REPORT_ORG_GROUP,
				.group_first = REPORT_COL_BUSINESS,
				.group_count = REPORT_COL_OTHER - REPORT_COL_BUSINESS + 1,
				.rows = rows,
				.n_rows = t->n_rows,
				.notes = notes,
				.n_notes = G_N_ELEMENTS(notes),
			      }, font, index, path, err);
	for (size_t r = 0; r < t->n_rows; r++)
		for (int c = 0; c < REPORT_COLUMNS; c++)
			g_free(cells[r][c]);
	g_free(cells);
	g_free(rows);
	g_free(font);
	g_free(note);
	g_free(check);
	g_free(title);
	return rc;
}

/* Parses the command line; returns 0, or -1 after printing usage. */
static int
ctl_report_args(int argc, char **argv, int *year_r,
		enum ctl_report_format *format_r, const char **file_r)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = {
		[CTL_REPORT_TEXT] = "text", [CTL_REPORT_CSV] = "csv",
		[CTL_REPORT_PDF] = "pdf",
	};
	const char *format = "text", *year;
	char *end;
	long y;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'o')
			*file_r = optarg;
		else
			goto usage;
	}
	if (optind + 2 != argc || strcmp(argv[optind], "annual") != 0)
		goto usage;
	year = argv[optind + 1];
	y = strtol(year, &end, 10);
	if (year[0] < '0' || year[0] > '9' || *end != '\0' || y < 1 ||
	    y > CTL_REPORT_YEAR_MAX) {
		fprintf(stderr, "ogictl: report: not a year: %s\n", year);
		goto usage;
	}
	*year_r = (int)y;
	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
		if (strcmp(format, formats[i]) == 0) {
			*format_r = (enum ctl_report_format)i;
			if (*format_r == CTL_REPORT_PDF && *file_r == NULL)
				goto usage;
			return 0;
		}
usage:
	ctl_report_usage();
	return -1;
}

static void
ctl_report_lines(const char *lines, const char *prefix)
{
	char **v = g_strsplit(lines != NULL ? lines : "", "\n", -1);

	for (char **p = v; *p != NULL; p++)
		if (**p != '\0')
			fprintf(stderr, "%s%s\n", prefix, *p);
	g_strfreev(v);
}

int
ctl_report(const struct config *cfg, int argc, char **argv)
{
	enum ctl_report_format format = CTL_REPORT_TEXT;
	struct ogi_error err = { 0 };
	struct report_table t;
	const char *file = NULL;
	FILE *out = stdout;
	int year, rc = 0;

	if (ctl_report_args(argc, argv, &year, &format, &file) != 0)
		return 2;
	if (ctl_report_compute(cfg, year, &t, &err) != 0) {
		fprintf(stderr, "ogictl: report: %s\n", err.msg);
		if (t.problems != NULL)
			fputs("these cases break the table; record their outcome "
			      "(or correct them) first:\n", stderr);
		ctl_report_lines(t.problems, "  ");
		report_table_clear(&t);
		return 1;
	}
	ctl_report_lines(t.warnings, "warning: ");
	if (format == CTL_REPORT_PDF) {
		rc = ctl_report_pdf(cfg, &t, file, &err);
	} else {
		if (file != NULL && (out = fopen(file, "w")) == NULL)
			error_set(&err, "%s: cannot write it", file);
		else if (format == CTL_REPORT_CSV)
			ctl_report_csv(out, &t);
		else
			ctl_report_text(out, &t);
		rc = out == NULL || ferror(out) ? -1 : 0;
		if (out != NULL && out != stdout && fclose(out) != 0)
			rc = -1;
		if (rc != 0 && err.msg[0] == '\0')
			error_set(&err, "%s: write error", file != NULL ? file : "stdout");
	}
	report_table_clear(&t);
	if (rc != 0) {
		fprintf(stderr, "ogictl: report: %s\n", err.msg);
		return 1;
	}
	return 0;
}
