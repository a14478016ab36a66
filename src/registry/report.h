/* What the annual report (workflow/report.h) reads of the cases. */
#ifndef OGI_REGISTRY_REPORT_H
#define OGI_REGISTRY_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* One case, the columns the report counts by.  Strings owned by the row;
 * NULL where the column is. */
struct registry_report_case {
	char *id;
	char *state;
	char *applicant_kind;  /* "person", "organisation" */
	char *org_kind;
	char *outcome;
	int64_t received_at;
	int64_t concluded_at;  /* 0 when not concluded */
};

/* Every case received before until (Unix time), in any state, oldest
 * first: a year's report needs those of every earlier year for its
 * carry-over.  Returns 0 and an array of *n_r rows in *rows_r (free with
 * registry_report_cases_free; NULL when *n_r is 0), or -1.  Blocks on
 * disk I/O only. */
int registry_report_cases(struct registry *reg, int64_t until,
			  struct registry_report_case **rows_r, size_t *n_r,
			  struct ogi_error *err);
void registry_report_cases_free(struct registry_report_case *rows, size_t n);

#endif
