/* How each intake's last poll went, as the daemon's intake processes
 * record it and `ogictl status` shows it.
 *
 * One row per intake name.  Each intake process writes its own row after
 * every poll, in its own short transaction (autocommit): several processes
 * write at once, serialised by SQLite's write lock and the busy timeout.
 * Calls block on disk I/O and up to the busy timeout.  Strings passed in
 * are copied; strings handed out belong to the returned rows.
 */
#ifndef OGI_REGISTRY_STATUS_H
#define OGI_REGISTRY_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

struct registry_intake_status {
	char *intake;          /* the NAME of [intake.NAME] */
	int64_t last_poll_at;  /* the last poll that listed the mailbox and
	                          went through it; 0: none yet */
	int64_t backlog;       /* messages that poll listed and left waiting
	                          in the mailbox (could not be read, refused) */
	char *last_error;      /* the last failure, NULL if none ever */
	int64_t last_error_at; /* its time; 0 if none */
	int64_t errors;        /* failures since the last successful poll */
	int64_t updated_at;    /* the last write of either kind */
};

/* A successful poll of intake at time at, leaving backlog messages
 * waiting: sets last_poll_at and backlog and restarts the error count;
 * the last error stays on record.  Returns 0 or -1. */
int registry_intake_polled(struct registry *reg, const char *intake,
			   int64_t at, size_t backlog, struct ogi_error *err);

/* A failed poll (mailbox, lock or store): counts it and keeps error as the
 * last error (the caller has masked what must not be shown).  Returns 0
 * or -1. */
int registry_intake_failed(struct registry *reg, const char *intake,
			   int64_t at, const char *error, struct ogi_error *err);

/* Every recorded intake, by name.  Returns 0 and an array of *n_r rows in
 * *rows_r (free with registry_intake_statuses_free; NULL when *n_r is 0),
 * or -1.  Works on a read-only handle. */
int registry_intake_statuses(struct registry *reg,
			     struct registry_intake_status **rows_r,
			     size_t *n_r, struct ogi_error *err);
void registry_intake_statuses_free(struct registry_intake_status *rows,
				   size_t n);

#endif
