/* `ogictl letter …`: list the letter kinds, render previews. */
#ifndef OGI_CTL_LETTER_H
#define OGI_CTL_LETTER_H

#include "common/config.h"

/* Runs `letter kinds` or `letter preview KIND [--case ID] [-o FILE]` with
 * argv[0] == "letter".  Opens the registry read-only only for --case.
 * Returns the process exit status (0, 1 on failure, 2 on bad usage).
 * Blocks on file I/O. */
int ctl_letter(const struct config *cfg, int argc, char **argv);

#endif
