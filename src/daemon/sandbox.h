/* The parser worker's system-call filter: the only code that includes
 * seccomp.h.
 *
 * sandbox_enter() sets no_new_privs and loads a seccomp filter that makes
 * every call a parser has no business with fail with EPERM: sockets and
 * network, fork/exec and signals to others, opening files for writing or
 * creating them, renaming, removing, linking, changing modes and owners,
 * mounting, ptrace, changing identity, loading modules, rebooting.  Reading
 * files stays allowed: iconv and poppler load their data on demand.  Once
 * entered it cannot be left.  Returns 0, or -1 when the kernel refuses.
 */
#ifndef OGI_DAEMON_SANDBOX_H
#define OGI_DAEMON_SANDBOX_H

#include "common/error.h"

int sandbox_enter(struct ogi_error *err);

#endif
