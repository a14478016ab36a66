/* `ogictl letter …`: list the letter kinds, render previews. */
#ifndef OGI_CTL_LETTER_H
#define OGI_CTL_LETTER_H

#include "common/config.h"
#include "common/error.h"

/* Runs `letter kinds` or `letter preview KIND [--case ID] [-o FILE]` with
 * argv[0] == "letter".  Opens the registry read-only only for --case.
 * Returns the process exit status (0, 1 on failure, 2 on bad usage).
 * Blocks on file I/O. */
int ctl_letter(const struct config *cfg, int argc, char **argv);

/* Renders letter kind (one of letter_kinds()) to the PDF file outpath,
 * with sample values, or case_id's when it is not NULL (the registry
 * opened read-only).  Returns 0 or -1.  Blocks on file I/O. */
int ctl_letter_render(const struct config *cfg, const char *kind,
		      const char *case_id, const char *outpath,
		      struct ogi_error *err);

#endif
