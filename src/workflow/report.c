#include "workflow/report.h"

#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "workflow/workflow.h"

/* The labels are the national format's own (国办公开办函〔2021〕30号):
 * an office copies the table into its published report, so they are
 * written exactly as the form has them. */
const struct report_row report_rows[] = {
	{ "1", "一、本年新收政府信息公开申请数量", 0, true },
	{ "2", "二、上年结转政府信息公开申请数量", 0, true },
	{ "3", "三、本年度办理结果", 0, false },
	{ "3.1", "（一）予以公开", 1, true },
	{ "3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, true },
	{ "3.3", "（三）不予公开", 1, false },
	{ "3.3.1", "1.属于国家秘密", 2, true },
	{ "3.3.2", "2.其他法律行政法规禁止公开", 2, true },
	{ "3.3.3", "3.危及“三安全一稳定”", 2, true },
	{ "3.3.4", "4.保护第三方合法权益", 2, true },
	{ "3.3.5", "5.属于三类内部事务信息", 2, true },
	{ "3.3.6", "6.属于四类过程性信息", 2, true },
	{ "3.3.7", "7.属于行政执法案卷", 2, true },
	{ "3.3.8", "8.属于行政查询事项", 2, true },
	{ "3.4", "（四）无法提供", 1, false },
	{ "3.4.1", "1.本机关不掌握相关政府信息", 2, true },
	{ "3.4.2", "2.没有现成信息需要另行制作", 2, true },
	{ "3.4.3", "3.补正后申请内容仍不明确", 2, true },
	{ "3.5", "（五）不予处理", 1, false },
	{ "3.5.1", "1.信访举报投诉类申请", 2, true },
	{ "3.5.2", "2.重复申请", 2, true },
	{ "3.5.3", "3.要求提供公开出版物", 2, true },
	{ "3.5.4", "4.无正当理由大量反复申请", 2, true },
	{ "3.5.5", "5.要求行政机关确认或重新出具已获取信息", 2, true },
	{ "3.6", "（六）其他处理", 1, false },
	{ "3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, true },
	{ "3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, true },
	{ "3.6.3", "3.其他", 2, true },
	{ "3.7", "（七）总计", 1, true },
	{ "4", "四、结转下年度继续办理", 0, true },
};

/* Each outcome code `ogictl reply` records, and the row that counts it.
 * Information provided on application is disclosed (予以公开) as much as
 * information pointed to where it is published. */
static const struct {
	const char *outcome;
	const char *row;
} report_outcomes[] = {
	{ "published", "3.1" },
	{ "provided", "3.1" },
	{ "partial", "3.2" },
	{ "refused.state_secret", "3.3.1" },
	{ "refused.other_law", "3.3.2" },
	{ "refused.security", "3.3.3" },
	{ "refused.third_party", "3.3.4" },
	{ "refused.internal", "3.3.5" },
	{ "refused.process", "3.3.6" },
	{ "refused.enforcement", "3.3.7" },
	{ "refused.query", "3.3.8" },
	{ "unavailable.not_held", "3.4.1" },
	{ "unavailable.new_info", "3.4.2" },
	{ "unavailable.unclear", "3.4.3" },
	{ "not_processed.petition", "3.5.1" },
	{ "not_processed.repeat", "3.5.2" },
	{ "not_processed.publication", "3.5.3" },
	{ "not_processed.abusive", "3.5.4" },
	{ "not_processed.confirmation", "3.5.5" },
	{ "other.no_correction", "3.6.1" },
	{ "other.no_fee", "3.6.2" },
	{ "other.other", "3.6.3" },
};

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
report_row_index(const char *key)
{
	for (size_t i = 0; i < REPORT_ROWS; i++)
		if (strcmp(report_rows[i].key, key) == 0)
			return (int)i;
	return -1;
}

const char *
report_outcome_row(const char *outcome)
{
	for (size_t i = 0; i < G_N_ELEMENTS(report_outcomes); i++)
		if (strcmp(report_outcomes[i].outcome, outcome) == 0)
			return report_outcomes[i].row;
	return NULL;
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
	if (c->outcome != NULL && report_outcome_row(c->outcome) == NULL)
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
	int row = -1;

	if (c->received_year == year)
		row = report_row_index(REPORT_ROW_NEW);
	else if (c->received_year < year && open_at_start)
		row = report_row_index(REPORT_ROW_CARRIED_IN);
	if (row >= 0)
		t->cells[row][col]++;
	if (c->concluded_year == year) {
		t->cells[report_row_index(report_outcome_row(c->outcome))][col]++;
		t->cells[report_row_index(REPORT_ROW_TOTAL)][col]++;
	}
	if (c->received_year <= year && open_at_end)
		t->cells[report_row_index(REPORT_ROW_CARRIED_OUT)][col]++;
}

int
report_compute(int year, const struct report_case *cases, size_t n,
	       struct report_table *t_r, struct ogi_error *err)
{
	GString *problems = NULL, *warnings = NULL;
	int row_new = report_row_index(REPORT_ROW_NEW);
	int row_in = report_row_index(REPORT_ROW_CARRIED_IN);
	int row_total = report_row_index(REPORT_ROW_TOTAL);
	int row_out = report_row_index(REPORT_ROW_CARRIED_OUT);
	bool balanced = true;

	*t_r = (struct report_table){ .year = year };
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
	for (size_t r = 0; r < REPORT_ROWS; r++)
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
	g_free(t->problems);
	g_free(t->warnings);
	*t = (struct report_table){ .year = 0 };
}
