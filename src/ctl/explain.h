/* `ogictl explain` and `ogictl review`. */
#ifndef OGI_CTL_EXPLAIN_H
#define OGI_CTL_EXPLAIN_H

#include "common/config.h"

/* `explain [--json] MESSAGE|FILE.eml` (argv[0] == "explain"): for each
 * field the value, the line it came from, the rule and the confidence.
 * An existing file is parsed now in the sandboxed parser worker (blocks up
 * to the parser's timeout); anything else names a recorded message by its
 * mailbox uid or Message-ID, shown as recorded.  Returns the exit status
 * (0, 1 on failure, 2 on bad usage). */
int ctl_explain(const struct config *cfg, int argc, char **argv);

/* `review [--json]`: the applications waiting for a clerk (state
 * needs_review), oldest first, each with why.  Returns the exit status. */
int ctl_review(const struct config *cfg, int argc, char **argv);

#endif
