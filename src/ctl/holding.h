/* `ogictl holding`: the messages that are not applications and match no
 * case, waiting for a clerk (registry/holding.h). */
#ifndef OGI_CTL_HOLDING_H
#define OGI_CTL_HOLDING_H

#include "common/config.h"

/* `holding [--json]` lists the held messages; `holding file MSG --case ID
 * | --new | --dismiss` files one into a case, opens a new case from it
 * (needs_review, its deadline counted from the message's receipt) or
 * dismisses it, as the clerk (ogictl_actor) in the event log.  Opens
 * the registry read-write for the second form.  Returns the process exit
 * status (2 on bad usage).  Blocks on disk I/O and the registry's busy
 * timeout. */
int ctl_holding(const struct config *cfg, int argc, char **argv);

#endif
