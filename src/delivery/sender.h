/* The sender: delivers what the outbox holds.
 *
 * One pass takes the rows that are due (queued, or delayed until now),
 * sends each through the configured backend (delivery.h) from its
 * per-message VERP return path (verp.h), records every attempt in the
 * registry and decides what follows: sent; a temporary failure (4xx, a
 * connection or disk error) waits for the next step of the [smtp] retry
 * schedule and fails when the schedule is used up; a permanent failure
 * (5xx) fails at once.
 *
 * Only one sender works a state directory at a time (STATE/outbox.lock);
 * a pass that finds the lock held does nothing and says so.
 */
#ifndef OGI_DELIVERY_SENDER_H
#define OGI_DELIVERY_SENDER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "delivery/delivery.h"
#include "registry/registry.h"

/* Rows one pass takes at most: a long queue is sent over several passes
 * and never holds up intake for long. */
#define DELIVERY_SENDER_BATCH 100

struct delivery_sender_stats {
	size_t sent;
	size_t delayed;
	size_t failed;
	bool busy;        /* another sender holds the outbox: nothing done */
};

/* One pass, at now (Unix time).  stop (may be NULL) is looked at between
 * messages.  Returns 0 (each message's fate is in the registry and in
 * *st_r), or -1 when the registry, the spool or the VERP key failed (store
 * scope).  Blocks on the backend (network, bounded by [smtp] timeout per
 * command) and on disk. */
int delivery_sender_run(const struct config *cfg, struct registry *reg,
			int64_t now, const volatile sig_atomic_t *stop,
			struct delivery_sender_stats *st_r,
			struct ogi_error *err);

/* The sender's process in the daemon: opens its own registry handle and
 * runs a pass (the letters worker, delivery/letters.h, then the outbox,
 * then the letters' news) every DELIVERY_SENDER_TICK_S seconds until *stop is raised
 * (finishing the message in hand).  A failing pass is logged and retried
 * with a doubling wait.  Returns the exit status: 0 when stopped, 1 when
 * the registry cannot be opened. */
int delivery_sender_main(const struct config *cfg, volatile sig_atomic_t *stop);

/* One pass with a registry handle of its own, logged (`ogid --once`).
 * Returns 0, or -1 when the pass failed. */
int delivery_sender_once(const struct config *cfg, volatile sig_atomic_t *stop);

/* A message queued by an intake leaves within this many seconds; a pass
 * that finds nothing due is one index lookup. */
#define DELIVERY_SENDER_TICK_S 5
/* The longest wait after passes that keep failing (a registry that stays
 * busy, a full disk). */
#define DELIVERY_SENDER_BACKOFF_MAX (5 * 60)

/* What follows an attempt with result r on a message that had attempts
 * attempts before it: *state_r "sent", "delayed" (then *next_r is when to
 * try again) or "failed".  The schedule is smtp->retry_s: the wait after
 * the first temporary failure is retry_s[0], and so on; a temporary
 * failure after the last wait fails the message. */
void delivery_retry_decide(const struct config_smtp *smtp, int attempts,
			   enum delivery_result r, int64_t now,
			   const char **state_r, int64_t *next_r);

#endif
