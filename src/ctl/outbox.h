/* `ogictl send-test` and `ogictl outbox`: the outgoing mail. */
#ifndef OGI_CTL_OUTBOX_H
#define OGI_CTL_OUTBOX_H

#include "common/config.h"
#include "ctl/output.h"
#include "registry/registry.h"

/* `send-test ADDRESS` (argv[0] "send-test"): composes a test letter with a
 * sample receipt as its PDF attachment, queues it in the outbox like any
 * letter and runs one sender pass, unless a running ogid holds the outbox
 * (it then sends it); prints the outbox id and what became of it.  Opens
 * the registry read-write (migrating it).  Returns 0 when the message was
 * sent or left to ogid, 1 otherwise, 2 on bad usage.  Blocks on disk and
 * on the delivery backend (network). */
int ctl_send_test(const struct config *cfg, int argc, char **argv);

/* `outbox [--json]`: every outgoing message, its state and attempts.
 * Returns the process exit status. */
int ctl_outbox(struct registry *reg, const struct output *o, int argc,
	       char **argv);

#endif
