#include "workflow/report.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "workflow/outcome.h"
#include "workflow/workflow.h"

/* The rows the outcome table does not hold, as the national format
 * (国办公开办函〔2021〕30号) writes them: an office copies the table into
 * its published report. */
#define REPORT_LABEL_NEW "一、本年新收政府信息公开申请数量"
#define REPORT_LABEL_CARRIED_IN "二、上年结转政府信息公开申请数量"
#define REPORT_LABEL_RESULTS "三、本年度办理结果"
#define REPORT_LABEL_TOTAL "（七）总计"
#define REPORT_LABEL_CARRIED_OUT "四、结转下年度继续办理"
#define REPORT_KEY_RESULTS "3"

_Static_assert(OUTCOME_OTHER + 1 == 7, "（七）总计 follows the six families");

static const char *const report_column_labels[REPORT_COLUMNS] = {
	[REPORT_COL_PERSON] = "自然人",
	[REPORT_COL_BUSINESS] = "商业企业",
	[REPORT_COL_RESEARCH] = "科研机构",
	[REPORT_COL_PUBLIC_INTEREST] = "社会公益组织",
	[REPORT_COL_LEGAL_SERVICE] = "法律服务机构",
	[REPORT_COL_OTHER] = "其他",
	[REPORT_COL_TOTAL] = "总计",
};

_Static_assert(REPORT_COL_OTHER - REPORT_COL_BUSINESS ==
	       EXTRACT_ORG_OTHER - EXTRACT_ORG_BUSINESS,
	       "one organisation column per organisation kind, in order");

const char *
report_column_label(enum report_column col)
{
	return (unsigned)col < REPORT_COLUMNS ? report_column_labels[col] : NULL;
}

int
report_row_index(const struct report_table *t, const char *key)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* The key of the row that counts o: "3.F", or "3.F.I" for a numbered
 * item. */
static void
report_outcome_key(const struct outcome_info *o, char key[REPORT_KEY_SIZE])
{
	if (o->item > 0)
		snprintf(key, REPORT_KEY_SIZE, REPORT_KEY_RESULTS ".%d.%d",
			 (int)o->family, o->item);
	else
		snprintf(key, REPORT_KEY_SIZE, REPORT_KEY_RESULTS ".%d",
			 (int)o->family);
}

static void
report_add_row(GArray *rows, const char *key, const char *label,
	       unsigned depth, bool counted)
{
	struct report_row r = { .label = label, .depth = depth,
				.counted = counted };

	snprintf(r.key, sizeof(r.key), "%s", key);
	g_array_append_val(rows, r);
}

/* 一, 二, 三 with a row per family of outcomes (a heading over the
 * numbered items of a family that has them), （七）, 四. */
static void
report_build_rows(struct report_table *t)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct report_row));
	size_t n;
	const struct outcome_info *all = outcome_all(&n);
	char key[REPORT_KEY_SIZE];

	report_add_row(rows, REPORT_ROW_NEW, REPORT_LABEL_NEW, 0, true);
	report_add_row(rows, REPORT_ROW_CARRIED_IN, REPORT_LABEL_CARRIED_IN, 0, true);
	report_add_row(rows, REPORT_KEY_RESULTS, REPORT_LABEL_RESULTS, 0, false);
	for (size_t i = 0; i < n; i++) {
		bool first = i == 0 || all[i - 1].family != all[i].family;

		if (first && all[i].item > 0) {
			snprintf(key, sizeof(key), REPORT_KEY_RESULTS ".%d",
				 (int)all[i].family);
			report_add_row(rows, key, outcome_family_row(all[i].family),
				       1, false);
		}
		/* （一） counts two codes in one row. */
		if (first || all[i].item > 0) {
			report_outcome_key(&all[i], key);
			report_add_row(rows, key, all[i].row, all[i].item > 0 ? 2 : 1,
				       true);
		}
	}
	report_add_row(rows, REPORT_ROW_TOTAL, REPORT_LABEL_TOTAL, 1, true);
	report_add_row(rows, REPORT_ROW_CARRIED_OUT, REPORT_LABEL_CARRIED_OUT, 0, true);
	t->n_rows = rows->len;
	t->rows = (struct report_row *)(void *)g_array_free(rows, FALSE);
	t->cells = g_malloc0_n(t->n_rows, sizeof(*t->cells));
}

/* The column of c's applicant; *warning_r says what was assumed, NULL
 * when nothing was.  -1 for an organisation kind nobody knows. */
static int
report_column_of(const struct report_case *c, const char **warning_r)
{
	enum extract_org_kind k;

	*warning_r = NULL;
	if (c->applicant_kind != NULL &&
	    strcmp(c->applicant_kind, "organisation") == 0) {
		if (c->org_kind == NULL) {
			*warning_r = "organisation of unknown kind, counted under 其他 "
				     "(set it with `ogictl set ID org_kind KIND`)";
			return REPORT_COL_OTHER;
		}
		if (extract_org_kind_from_name(c->org_kind, &k) != 0)
			return -1;
		return REPORT_COL_BUSINESS + (int)(k - EXTRACT_ORG_BUSINESS);
	}
	if (c->applicant_kind == NULL || strcmp(c->applicant_kind, "person") != 0)
		*warning_r = "applicant neither a person nor an organisation, "
			     "counted under 自然人";
	return REPORT_COL_PERSON;
}

/* Why c's record cannot be counted as it stands, NULL when it can.  Only
 * asked of cases the year counts. */
static const char *
report_case_problem(const struct report_case *c)
{
	if (c->state == NULL || !workflow_state_known(c->state))
		return "unknown state";
	if (c->outcome == NULL && c->concluded_year != 0)
		return "a conclusion time without an outcome";
	if (c->outcome != NULL && c->concluded_year == 0)
		return "an outcome without the time it was recorded";
	if (c->outcome != NULL && outcome_find(c->outcome) == NULL)
		return "an outcome code the report does not know";
	if (c->outcome == NULL && !workflow_state_open(c->state))
		return "no outcome recorded, yet no longer open";
	if (c->concluded_year != 0 && c->concluded_year < c->received_year)
		return "concluded before it was received";
	return NULL;
}

static bool
report_counted_case(const struct report_case *c)
{
	return c->state == NULL || (strcmp(c->state, "not_application") != 0 &&
				    strcmp(c->state, "duplicate") != 0);
}

static void
report_add_line(GString **s, const char *id, const char *what,
		const char *detail)
{
	if (*s == NULL)
		*s = g_string_new(NULL);
	g_string_append_printf(*s, "%s: %s%s%s\n", id, what,
			       detail != NULL ? ": " : "",
			       detail != NULL ? detail : "");
}

/* Adds one case to the year's rows. */
static void
report_count(struct report_table *t, const struct report_case *c, int col)
{
	int year = t->year;
	bool open_at_start = c->concluded_year == 0 || c->concluded_year >= year;
	bool open_at_end = c->concluded_year == 0 || c->concluded_year > year;
	char key[REPORT_KEY_SIZE];
	int row = -1;

	if (c->received_year == year)
		row = report_row_index(t, REPORT_ROW_NEW);
	else if (c->received_year < year && open_at_start)
		row = report_row_index(t, REPORT_ROW_CARRIED_IN);
	if (row >= 0)
		t->cells[row][col]++;
	if (c->concluded_year == year) {
		report_outcome_key(outcome_find(c->outcome), key);
		t->cells[report_row_index(t, key)][col]++;
		t->cells[report_row_index(t, REPORT_ROW_TOTAL)][col]++;
	}
	if (c->received_year <= year && open_at_end)
		t->cells[report_row_index(t, REPORT_ROW_CARRIED_OUT)][col]++;
}

int
report_compute(int year, const struct report_case *cases, size_t n,
	       struct report_table *t_r, struct ogi_error *err)
{
	GString *problems = NULL, *warnings = NULL;
	int row_new, row_in, row_total, row_out;
	bool balanced = true;

	*t_r = (struct report_table){ .year = year };
	report_build_rows(t_r);
	row_new = report_row_index(t_r, REPORT_ROW_NEW);
	row_in = report_row_index(t_r, REPORT_ROW_CARRIED_IN);
	row_total = report_row_index(t_r, REPORT_ROW_TOTAL);
	row_out = report_row_index(t_r, REPORT_ROW_CARRIED_OUT);
	for (size_t i = 0; i < n; i++) {
		const struct report_case *c = &cases[i];
		const char *why, *warning;
		int col;

		/* A case received after the year, or concluded before it
		 * began (and after it was received), is in none of its
		 * rows. */
		if (!report_counted_case(c) || c->received_year > year ||
		    (c->concluded_year != 0 && c->concluded_year < year &&
		     c->outcome != NULL && c->concluded_year >= c->received_year))
			continue;
		why = report_case_problem(c);
		col = report_column_of(c, &warning);
		if (why == NULL && col < 0)
			why = "an organisation kind the report does not know";
		if (why != NULL) {
			report_add_line(&problems, c->id, why, c->state);
			continue;
		}
		if (warning != NULL)
			report_add_line(&warnings, c->id, warning, NULL);
		report_count(t_r, c, col);
	}
	for (size_t r = 0; r < t_r->n_rows; r++)
		for (int col = 0; col < REPORT_COL_TOTAL; col++)
			t_r->cells[r][REPORT_COL_TOTAL] += t_r->cells[r][col];
	for (int col = 0; col < REPORT_COLUMNS; col++) {
		t_r->left[col] = t_r->cells[row_new][col] + t_r->cells[row_in][col];
		t_r->right[col] = t_r->cells[row_total][col] + t_r->cells[row_out][col];
		balanced = balanced && t_r->left[col] == t_r->right[col];
	}
	t_r->problems = problems != NULL ? g_string_free(problems, FALSE) : NULL;
	t_r->warnings = warnings != NULL ? g_string_free(warnings, FALSE) : NULL;
	if (t_r->problems != NULL) {
		error_set(err, "the %d table would be wrong: cases without a "
			  "consistent outcome", year);
		return -1;
	}
	if (!balanced) {
		error_set(err, "the %d table does not add up: 一 + 二 = %u, "
			  "（七）总计 + 四 = %u", year, t_r->left[REPORT_COL_TOTAL],
			  t_r->right[REPORT_COL_TOTAL]);
		return -1;
	}
	return 0;
}

void
report_table_clear(struct report_table *t)
{
	g_free(t->rows);
	g_free(t->cells);
	g_free(t->problems);
	g_free(t->warnings);
	*t = (struct report_table){ .year = 0 };
}
