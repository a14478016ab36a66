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
		unsigned want[REPORT_ROWS][REPORT_COLUMNS] = { { 0 } };
		struct report_table t;
		size_t n = 0;
		int rc;

		while (n < MAX_CASES && scenarios[i].cases[n].id != NULL)
			n++;
		rc = report_compute(YEAR, scenarios[i].cases, n, &t, NULL);
		if (rc != scenarios[i].rc)
			fail_msg("%s: returned %d", what, rc);
		for (size_t k = 0; k < MAX_CELLS && scenarios[i].cells[k].row; k++) {
			int r = report_row_index(scenarios[i].cells[k].row);

			assert_true(r >= 0);
			want[r][scenarios[i].cells[k].col] = scenarios[i].cells[k].n;
		}
		for (size_t r = 0; rc == 0 && r < REPORT_ROWS; r++)
			for (int c = 0; c < REPORT_COLUMNS; c++)
				if (t.cells[r][c] != want[r][c])
					fail_msg("%s: row %s column %s: want %u, got %u",
						 what, report_rows[r].key,
						 report_column_label(c), want[r][c],
						 t.cells[r][c]);
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

/* Every outcome code of the team map has a counted row of 三 of its own
 * kind, and every counted row of 三 but （七） has an outcome. */
static void
test_outcome_rows(void **state)
{
	static const struct {
		const char *outcome, *row;
	} codes[] = {
		{ "published", "3.1" }, { "provided", "3.1" }, { "partial", "3.2" },
		{ "refused.state_secret", "3.3.1" }, { "refused.other_law", "3.3.2" },
		{ "refused.security", "3.3.3" }, { "refused.third_party", "3.3.4" },
		{ "refused.internal", "3.3.5" }, { "refused.process", "3.3.6" },
		{ "refused.enforcement", "3.3.7" }, { "refused.query", "3.3.8" },
		{ "unavailable.not_held", "3.4.1" }, { "unavailable.new_info", "3.4.2" },
		{ "unavailable.unclear", "3.4.3" },
		{ "not_processed.petition", "3.5.1" }, { "not_processed.repeat", "3.5.2" },
		{ "not_processed.publication", "3.5.3" },
		{ "not_processed.abusive", "3.5.4" },
		{ "not_processed.confirmation", "3.5.5" },
		{ "other.no_correction", "3.6.1" }, { "other.no_fee", "3.6.2" },
		{ "other.other", "3.6.3" },
	};
	bool used[REPORT_ROWS] = { false };

	(void)state;
	/* REPORT_ROWS rows, none left empty, 四 the last. */
	for (size_t r = 0; r < REPORT_ROWS; r++)
		assert_true(report_rows[r].key != NULL && report_rows[r].label != NULL);
	assert_string_equal(report_rows[REPORT_ROWS - 1].key, REPORT_ROW_CARRIED_OUT);
	for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
		const char *row = report_outcome_row(codes[i].outcome);
		int r;

		if (row == NULL || strcmp(row, codes[i].row) != 0)
			fail_msg("%s: row %s, want %s", codes[i].outcome,
				 row ? row : "none", codes[i].row);
		r = report_row_index(row);
		assert_true(r >= 0 && report_rows[r].counted);
		used[r] = true;
	}
	assert_null(report_outcome_row("refused"));
	for (size_t r = 0; r < REPORT_ROWS; r++)
		if (strncmp(report_rows[r].key, "3.", 2) == 0 && report_rows[r].counted &&
		    strcmp(report_rows[r].key, REPORT_ROW_TOTAL) != 0 && !used[r])
			fail_msg("row %s counts no outcome", report_rows[r].key);
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
		cmocka_unit_test(test_outcome_rows),
		cmocka_unit_test(test_org_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
