/* `ogictl report annual YEAR [--format text|csv|pdf] [-o FILE]`: section
 * 三 of the annual government-information report (workflow/report.h). */
#ifndef OGI_CTL_REPORT_H
#define OGI_CTL_REPORT_H

#include "common/config.h"

/* Runs `report ...` with argv[0] == "report": reads the cases (registry
 * opened read-only), computes YEAR's table in the office's time zone and
 * writes it as text or CSV (to stdout, or FILE) or as a PDF (to FILE,
 * required), with the check 一 + 二 = （七）总计 + 四 and its two sides.
 * Cases counted on an assumption (an organisation of unknown kind) are
 * listed as warnings on stderr.  When the table would be wrong, prints
 * no table but the cases that break it, on stderr.  Returns 0, 1 on
 * failure or a broken table, 2 on bad usage.  Blocks on file I/O. */
int ctl_report(const struct config *cfg, int argc, char **argv);

#endif
