/* The annual report's section 三 (domain.md §6): the table of applications
 * received and handled in a year, in the national format of
 * 国办公开办函〔2021〕30号, computed from the cases the registry keeps.
 *
 * Pure: the caller gives each case's years in the office's time zone; no
 * I/O, no clock.  The rows of 三 and which outcome code each one counts
 * come from the outcome table (workflow/outcome.h), the one source of the
 * codes `ogictl reply` records.
 */
#ifndef OGI_WORKFLOW_REPORT_H
#define OGI_WORKFLOW_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

/* The columns: the applicant's kind, then the total. */
enum report_column {
	REPORT_COL_PERSON,          /* 自然人 */
	REPORT_COL_BUSINESS,        /* 法人或其他组织: 商业企业 */
	REPORT_COL_RESEARCH,        /* 科研机构 */
	REPORT_COL_PUBLIC_INTEREST, /* 社会公益组织 */
	REPORT_COL_LEGAL_SERVICE,   /* 法律服务机构 */
	REPORT_COL_OTHER,           /* 其他 */
	REPORT_COL_TOTAL,           /* 总计 */
};
#define REPORT_COLUMNS 7

/* The heading over the organisation columns (REPORT_COL_BUSINESS ..
 * REPORT_COL_OTHER). */
#define REPORT_ORG_GROUP "法人或其他组织"

/* A column's heading as the national format writes it ("自然人",
 * "商业企业" ...): a static string; NULL out of range. */
const char *report_column_label(enum report_column col);

/* Room for a row's key and its NUL, whatever the numbers in it. */
#define REPORT_KEY_SIZE 32

/* One row of the table. */
struct report_row {
	char key[REPORT_KEY_SIZE]; /* stable name: "1", "2", "3"; "3.F" for
	                      （一）..（七） (F 1..7); "3.F.I" for item I of
	                      （F）; "4" */
	const char *label; /* as the national format writes it (static) */
	unsigned depth;    /* 0: 一..四; 1: （一）..（七）; 2: their items */
	bool counted;      /* false: a heading whose numbers are its items' */
};

/* The keys of the rows the check adds up. */
#define REPORT_ROW_NEW "1"          /* 一 本年新收申请数量 */
#define REPORT_ROW_CARRIED_IN "2"   /* 二 上年结转申请数量 */
#define REPORT_ROW_TOTAL "3.7"      /* （七）总计 */
#define REPORT_ROW_CARRIED_OUT "4"  /* 四 结转下年度继续办理 */

/* One case as the report sees it.  Strings are borrowed. */
struct report_case {
	const char *id;             /* tracking number, named in problems */
	const char *state;          /* workflow state */
	const char *applicant_kind; /* "person", "organisation"; NULL unknown */
	const char *org_kind;       /* extract_org_kind_name(); NULL unknown */
	int received_year;          /* year of received_at, office time zone */
	const char *outcome;        /* outcome code, NULL when none */
	int concluded_year;         /* year of concluded_at, 0 when not set */
};

/* The computed table.  The rows of 三 are those of the outcome table
 * (workflow/outcome.h), which holds the codes and their labels: 一, 二,
 * 三 with its families in order -- a family of numbered items as a
 * heading over them --, （七）总计, 四.  The table owns rows, cells,
 * problems and warnings (report_table_clear frees them); each row's label
 * is static. */
struct report_table {
	int year;
	struct report_row *rows;
	size_t n_rows;
	unsigned (*cells)[REPORT_COLUMNS]; /* [row][column]; headings 0 */
	unsigned left[REPORT_COLUMNS];   /* 一 + 二, per column */
	unsigned right[REPORT_COLUMNS];  /* （七）总计 + 四, per column */
	char *problems;  /* cases that make the table wrong, one line each,
	                    "ID: why"; NULL when none */
	char *warnings;  /* cases counted on an assumption the clerk should
	                    settle, one line each, "ID: what"; NULL when none */
};

/* Computes year's table from the n cases (cases and their strings are
 * the caller's, only read during the call; all the registry holds, in any
 * state; not_application and duplicate ones are not applications and are
 * left out):
 *   一  received in year;
 *   二  received before year and not concluded before it began;
 *   三  concluded in year, in the row of its outcome;
 *   四  received by the end of year and not concluded by then;
 * each in the column of its applicant (an organisation of unknown kind
 * under 其他, with a warning).  A case that counts in the year and whose
 * record contradicts itself -- not open but without an outcome, an
 * outcome without the time it was recorded or the reverse, an unknown
 * outcome code, state or organisation kind, concluded before it was
 * received -- is a problem: the table would be wrong.
 *
 * Returns 0 with *t_r filled when there is no problem and 一 + 二 =
 * （七）总计 + 四 in every column; -1 otherwise, with err saying so and
 * *t_r still filled (its problems name the cases, left and right the
 * check's two sides).  *t_r owns everything it points to but the rows'
 * labels: free with report_table_clear either way.  Pure: no I/O, does not
 * block. */
int report_compute(int year, const struct report_case *cases, size_t n,
		   struct report_table *t_r, struct ogi_error *err);

/* Index in t->rows of the row named key (only read), or -1.  Pure. */
int report_row_index(const struct report_table *t, const char *key);

/* Frees what t owns and zeroes it; t itself stays the caller's.  A zeroed
 * or already cleared table is fine.  Pure. */
void report_table_clear(struct report_table *t);

#endif
