/* The annual report's table (workflow/report.c) and the organisation kind
 * its columns need (extract/orgkind.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "extract/extract.h"
#include "workflow/outcome.h"
#include "workflow/report.h"

#define YEAR 2026
#define P "person"
#define O "organisation"

/* A cell the scenario expects: the row's key, the column, the count. */
struct want_cell {
	const char *row;
	enum report_column col;
	unsigned n;
};

#define MAX_CASES 8
#define MAX_CELLS 16

static const struct {
	const char *what;
	struct report_case cases[MAX_CASES];
	int rc;
	struct want_cell cells[MAX_CELLS]; /* every other counted cell is 0 */
	const char *problem;   /* a substring of t.problems, NULL: none */
	const char *warning;   /* a substring of t.warnings, NULL: none */
} scenarios[] = {
	{ "nothing received: every cell 0", { { NULL } }, 0, { { NULL } },
	  NULL, NULL },
	{ "received and answered in the year",
	  { { "2026-000001", "closed", P, NULL, YEAR, "published", YEAR } }, 0,
	  { { "1", REPORT_COL_PERSON, 1 }, { "1", REPORT_COL_TOTAL, 1 },
	    { "3.1", REPORT_COL_PERSON, 1 }, { "3.1", REPORT_COL_TOTAL, 1 },
	    { "3.7", REPORT_COL_PERSON, 1 }, { "3.7", REPORT_COL_TOTAL, 1 } },
	  NULL, NULL },
	{ "carried over from last year, concluded this year; one carried on "
	  "into next year",
	  { { "2025-000009", "answered", O, "research", YEAR - 1,
	      "refused.process", YEAR },
	    { "2025-000010", "registered", O, "business", YEAR - 1, NULL, 0 } },
	  0,
	  { { "2", REPORT_COL_RESEARCH, 1 }, { "2", REPORT_COL_BUSINESS, 1 },
	    { "2", REPORT_COL_TOTAL, 2 },
	    { "3.3.6", REPORT_COL_RESEARCH, 1 }, { "3.3.6", REPORT_COL_TOTAL, 1 },
	    { "3.7", REPORT_COL_RESEARCH, 1 }, { "3.7", REPORT_COL_TOTAL, 1 },
	    { "4", REPORT_COL_BUSINESS, 1 }, { "4", REPORT_COL_TOTAL, 1 } },
	  NULL, NULL },
	{ "received this year, concluded next year: carried out, not 三",
	  { { "2026-000100", "delivered", P, NULL, YEAR, "provided", YEAR + 1 } },
	  0,
	  { { "1", REPORT_COL_PERSON, 1 }, { "1", REPORT_COL_TOTAL, 1 },
	    { "4", REPORT_COL_PERSON, 1 }, { "4", REPORT_COL_TOTAL, 1 } },
	  NULL, NULL },
	{ "concluded before the year, received after it, not an application, "
	  "a duplicate: in no row",
	  { { "2024-000001", "closed", P, NULL, YEAR - 2, "partial", YEAR - 1 },
	    { "2027-000001", "registered", P, NULL, YEAR + 1, NULL, 0 },
	    { "2026-000002", "not_application", P, NULL, YEAR, NULL, 0 },
	    { "2026-000003", "duplicate", P, NULL, YEAR, NULL, 0 } },
	  0, { { NULL } }, NULL, NULL },
	{ "each organisation kind in its column; abandoned and withdrawn in 六",
	  { { "2026-000004", "abandoned", O, "public_interest", YEAR,
	      "other.no_correction", YEAR },
	    { "2026-000005", "withdrawn", O, "legal_service", YEAR,
	      "other.other", YEAR },
	    { "2026-000006", "closed", O, "other", YEAR,
	      "not_processed.repeat", YEAR } },
	  0,
	  { { "1", REPORT_COL_PUBLIC_INTEREST, 1 },
	    { "1", REPORT_COL_LEGAL_SERVICE, 1 }, { "1", REPORT_COL_OTHER, 1 },
	    { "1", REPORT_COL_TOTAL, 3 },
	    { "3.6.1", REPORT_COL_PUBLIC_INTEREST, 1 },
	    { "3.6.1", REPORT_COL_TOTAL, 1 },
	    { "3.6.3", REPORT_COL_LEGAL_SERVICE, 1 },
	    { "3.6.3", REPORT_COL_TOTAL, 1 },
	    { "3.5.2", REPORT_COL_OTHER, 1 }, { "3.5.2", REPORT_COL_TOTAL, 1 },
	    { "3.7", REPORT_COL_PUBLIC_INTEREST, 1 },
	    { "3.7", REPORT_COL_LEGAL_SERVICE, 1 },
	    { "3.7", REPORT_COL_OTHER, 1 }, { "3.7", REPORT_COL_TOTAL, 3 } },
	  NULL, NULL },
	{ "an organisation of unknown kind: 其他, with a warning",
	  { { "2026-000007", "registered", O, NULL, YEAR, NULL, 0 } }, 0,
	  { { "1", REPORT_COL_OTHER, 1 }, { "1", REPORT_COL_TOTAL, 1 },
	    { "4", REPORT_COL_OTHER, 1 }, { "4", REPORT_COL_TOTAL, 1 } },
	  NULL, "2026-000007: organisation of unknown kind" },
	{ "closed without an outcome breaks the table",
	  { { "2026-000008", "closed", P, NULL, YEAR, NULL, 0 } }, -1,
	  { { NULL } }, "2026-000008: no outcome recorded, yet no longer open",
	  NULL },
	{ "a case from an earlier year closed without an outcome breaks it too",
	  { { "2024-000008", "abandoned", P, NULL, YEAR - 2, NULL, 0 } }, -1,
	  { { NULL } }, "2024-000008: no outcome", NULL },
	{ "an outcome code nobody knows breaks the table",
	  { { "2026-000009", "answered", P, NULL, YEAR, "granted", YEAR } }, -1,
	  { { NULL } }, "2026-000009: an outcome code the report does not know",
	  NULL },
	{ "an outcome without its time breaks the table",
	  { { "2026-000010", "answered", P, NULL, YEAR, "published", 0 } }, -1,
	  { { NULL } }, "2026-000010: an outcome without the time", NULL },
	{ "concluded before received breaks the table",
	  { { "2026-000011", "answered", P, NULL, YEAR, "published", YEAR - 1 } },
	  -1, { { NULL } }, "2026-000011: concluded before it was received",
	  NULL },
	{ "an unknown organisation kind breaks the table",
	  { { "2026-000012", "registered", O, "ngo", YEAR, NULL, 0 } }, -1,
	  { { NULL } }, "2026-000012: an organisation kind the report does not",
	  NULL },
};

static void
test_scenarios(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(scenarios); i++) {
		const char *what = scenarios[i].what;
		struct report_table t;
		unsigned (*want)[REPORT_COLUMNS];
		size_t n = 0;
		int rc;

		while (n < MAX_CASES && scenarios[i].cases[n].id != NULL)
			n++;
		rc = report_compute(YEAR, scenarios[i].cases, n, &t, NULL);
		if (rc != scenarios[i].rc)
			fail_msg("%s: returned %d", what, rc);
		want = g_malloc0_n(t.n_rows, sizeof(*want));
		for (size_t k = 0; k < MAX_CELLS && scenarios[i].cells[k].row; k++) {
			int r = report_row_index(&t, scenarios[i].cells[k].row);

			assert_true(r >= 0);
			want[r][scenarios[i].cells[k].col] = scenarios[i].cells[k].n;
		}
		for (size_t r = 0; rc == 0 && r < t.n_rows; r++)
			for (int c = 0; c < REPORT_COLUMNS; c++)
				if (t.cells[r][c] != want[r][c])
					fail_msg("%s: row %s column %s: want %u, got %u",
						 what, t.rows[r].key,
						 report_column_label(c), want[r][c],
						 t.cells[r][c]);
		g_free(want);
		for (int c = 0; rc == 0 && c < REPORT_COLUMNS; c++)
			if (t.left[c] != t.right[c])
				fail_msg("%s: column %d: check %u != %u", what, c,
					 t.left[c], t.right[c]);
		if (scenarios[i].problem == NULL ? t.problems != NULL :
		    t.problems == NULL || strstr(t.problems, scenarios[i].problem) == NULL)
			fail_msg("%s: problems: %s", what,
				 t.problems ? t.problems : "(none)");
		if (scenarios[i].warning == NULL ? t.warnings != NULL :
		    t.warnings == NULL || strstr(t.warnings, scenarios[i].warning) == NULL)
			fail_msg("%s: warnings: %s", what,
				 t.warnings ? t.warnings : "(none)");
		report_table_clear(&t);
	}
}

/* The rows of the national format, in order, each under its key. */
static void
test_rows(void **state)
{
	static const struct {
		const char *key, *label;
		bool counted;
	} rows[] = {
		{ "1", "一、本年新收政府信息公开申请数量", true },
		{ "2", "二、上年结转政府信息公开申请数量", true },
		{ "3", "三、本年度办理结果", false },
		{ "3.1", "（一）予以公开", true },
		{ "3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", true },
		{ "3.3", "（三）不予公开", false },
		{ "3.3.1", "1.属于国家秘密", true },
		{ "3.3.2", "2.其他法律行政法规禁止公开", true },
		{ "3.3.3", "3.危及“三安全一稳定”", true },
		{ "3.3.4", "4.保护第三方合法权益", true },
		{ "3.3.5", "5.属于三类内部事务信息", true },
		{ "3.3.6", "6.属于四类过程性信息", true },
		{ "3.3.7", "7.属于行政执法案卷", true },
		{ "3.3.8", "8.属于行政查询事项", true },
		{ "3.4", "（四）无法提供", false },
		{ "3.4.1", "1.本机关不掌握相关政府信息", true },
		{ "3.4.2", "2.没有现成信息需要另行制作", true },
		{ "3.4.3", "3.补正后申请内容仍不明确", true },
		{ "3.5", "（五）不予处理", false },
		{ "3.5.1", "1.信访举报投诉类申请", true },
		{ "3.5.2", "2.重复申请", true },
		{ "3.5.3", "3.要求提供公开出版物", true },
		{ "3.5.4", "4.无正当理由大量反复申请", true },
		{ "3.5.5", "5.要求行政机关确认或重新出具已获取信息", true },
		{ "3.6", "（六）其他处理", false },
		{ "3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", true },
		{ "3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", true },
		{ "3.6.3", "3.其他", true },
		{ "3.7", "（七）总计", true },
		{ "4", "四、结转下年度继续办理", true },
	};
	struct report_table t;

	(void)state;
	assert_int_equal(report_compute(YEAR, NULL, 0, &t, NULL), 0);
	assert_int_equal(t.n_rows, G_N_ELEMENTS(rows));
	for (size_t r = 0; r < t.n_rows; r++) {
		assert_string_equal(t.rows[r].key, rows[r].key);
		assert_string_equal(t.rows[r].label, rows[r].label);
		assert_int_equal(t.rows[r].counted, rows[r].counted);
	}
	report_table_clear(&t);
}

/* Each outcome code counts in the row its outcome table entry names, in
 * （七）, and nowhere else in 三. */
static void
test_outcome_rows(void **state)
{
	size_t n;
	const struct outcome_info *all = outcome_all(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct report_case c = { "2026-000001", "answered", P, NULL,
					       YEAR, all[i].code, YEAR };
		struct report_table t;
		unsigned in_results = 0;

		assert_int_equal(report_compute(YEAR, &c, 1, &t, NULL), 0);
		for (size_t r = 0; r < t.n_rows; r++) {
			if (strncmp(t.rows[r].key, "3.", 2) != 0 ||
			    strcmp(t.rows[r].key, REPORT_ROW_TOTAL) == 0 ||
			    t.cells[r][REPORT_COL_PERSON] == 0)
				continue;
			in_results++;
			if (strcmp(t.rows[r].label, all[i].row) != 0)
				fail_msg("%s counted in %s", all[i].code, t.rows[r].label);
		}
		if (in_results != 1)
			fail_msg("%s counted in %u rows", all[i].code, in_results);
		assert_int_equal(t.cells[report_row_index(&t, REPORT_ROW_TOTAL)]
				 [REPORT_COL_TOTAL], 1);
		report_table_clear(&t);
	}
}

static void
test_org_kind(void **state)
{
	static const struct {
		const char *name, *form, *kind; /* kind NULL: unknown */
	} cases[] = {
		{ "北京某某科技有限公司", NULL, "business" },
		{ "某某建设集团", NULL, "business" },
		{ "某某股份有限公司", NULL, "business" },
		{ "某某市物业服务有限责任公司", NULL, "business" },
		{ "中国科学院某某研究所", NULL, "research" },
		{ "某某省农业科学研究院", NULL, "research" },
		{ "某某大学", NULL, "research" },
		{ "某某职业技术学院", NULL, "research" },
		{ "北京市某某律师事务所", NULL, "legal_service" },
		{ "某某县法律援助中心", NULL, "legal_service" },
		{ "某某儿童福利基金会", NULL, "public_interest" },
		{ "某某市消费者协会", NULL, "public_interest" },
		{ "某某青年志愿者服务队", NULL, "public_interest" },
		{ "某某公益服务中心", NULL, "public_interest" },
		/* Doubtful: asked, not guessed. */
		{ "某某村村民委员会", NULL, NULL },
		{ "某某商店", NULL, NULL },
		{ "某某大学资产经营有限公司", NULL, NULL },
		{ NULL, NULL, NULL },
		/* The form's ticked box wins over the name. */
		{ "某某村村民委员会", "其他", "other" },
		{ "某某大学资产经营有限公司", "商业企业", "business" },
		{ "某某检测中心", "科研机构", "research" },
		{ "某某服务中心", "社会公益组织", "public_interest" },
		{ "某某服务所", "法律服务机构", "legal_service" },
		/* Every option listed, none ticked: the name decides. */
		{ "某某律师事务所", "商业企业 科研机构 社会公益组织 法律服务机构 其他",
		  "legal_service" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *got = extract_org_kind_name(
			extract_org_kind(cases[i].name, cases[i].form));
		enum extract_org_kind k;

		if (cases[i].kind == NULL ? got != NULL :
		    got == NULL || strcmp(got, cases[i].kind) != 0)
			fail_msg("%s / %s: want %s, got %s",
				 cases[i].name ? cases[i].name : "(none)",
				 cases[i].form ? cases[i].form : "(no form)",
				 cases[i].kind ? cases[i].kind : "unknown",
				 got ? got : "unknown");
		if (got != NULL) {
			assert_int_equal(extract_org_kind_from_name(got, &k), 0);
			assert_string_equal(extract_org_kind_name(k), got);
		}
	}
	assert_int_equal(extract_org_kind_from_name("ngo", &(enum extract_org_kind){ 0 }), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_outcome_rows),
		cmocka_unit_test(test_org_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
