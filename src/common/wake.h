/* Waking a process that waits: a signal handler sets the daemon's stop
 * flag and calls wake_notify(); whoever waits polls wake_fd() along with
 * whatever else it watches.  A flag alone is not enough: a signal that
 * arrives after the flag was checked and before poll() or sleep() began
 * would be seen only when that wait ends, a whole poll interval (or an
 * IDLE of 25 minutes) later.  The pipe keeps the wake-up until read, so
 * it cannot be lost in that window.
 *
 * One pipe per process: wake_open() in each process that waits (after
 * fork, so that a signal to one intake does not wake the others).
 */
#ifndef OGI_COMMON_WAKE_H
#define OGI_COMMON_WAKE_H

#include "common/error.h"

/* Creates this process's pipe (close-on-exec, non-blocking), replacing
 * one inherited through fork.  Returns 0 or -1. */
int wake_open(struct ogi_error *err);

/* Makes wake_fd() readable.  Async-signal-safe; does nothing before
 * wake_open(). */
void wake_notify(void);

/* The descriptor to poll for POLLIN, or -1 before wake_open() (poll()
 * ignores a negative descriptor, so callers need no special case). */
int wake_fd(void);

/* Waits up to seconds, returning early when fd (wake_fd(), or the one a
 * driver was handed) is readable; other signals do not cut it short.
 * Returns 1 when woken, 0 when the time ran out. */
int wake_sleep(int fd, int seconds);

#endif
