/* Polling the intakes: each mailbox's own loop (open → pipeline_run →
 * wait), its lock, its backoff and its line in the registry's intake
 * status.
 *
 * In the daemon each intake runs poller_run_intake() in a process of its
 * own, which the supervisor (ogid.c) forks: it holds that intake's lock
 * and credentials only, its own registry handle and its own parser worker,
 * and waits on its own mailbox (IMAP IDLE where the driver can).
 * `ogid --once` runs poller_run_once(): every intake once, one after the
 * other, in one process.  Everything blocks (disk, network, parser).
 */
#ifndef OGI_DAEMON_POLLER_H
#define OGI_DAEMON_POLLER_H

#include <signal.h>
#include <stddef.h>

#include "common/config.h"

/* Works intake number index of cfg until *stop is raised (SIGTERM): the
 * message in hand is finished first.  A mailbox held by another ogid is
 * left alone and tried again every poll interval; a mailbox that fails is
 * retried with exponential backoff and jitter; a spool or registry failure
 * pauses the intake the same way.  Returns the process's exit status: 0
 * when stopped, 1 when it could not start (registry, calendar, time
 * zone). */
int poller_run_intake(const struct config *cfg, size_t index,
		      volatile sig_atomic_t *stop);

/* Polls every intake of cfg once, one after the other, then returns the
 * exit status of `ogid --once`: 0, or 1 when a mailbox could not be read
 * (or was held by another ogid) or the spool or registry failed. */
int poller_run_once(const struct config *cfg, volatile sig_atomic_t *stop);

#endif
