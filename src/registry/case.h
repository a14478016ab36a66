/* A case's history and a clerk's changes to it (`ogictl history`, `set`,
 * `accept`, `incomplete`, `withdraw`, `note`, `due`).
 *
 * The registry stores what the clerk decided; whether a move is allowed
 * and what a value may be are the callers' questions (workflow.h,
 * extract.h).  Every call blocks on disk I/O; the writing ones take the
 * write lock (BEGIN IMMEDIATE) and block up to the busy timeout, and must
 * not be made inside a batch.  Events name the handle's actor
 * (registry_set_actor).  Strings handed out belong to the returned arrays.
 */
#ifndef OGI_REGISTRY_CASE_H
#define OGI_REGISTRY_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* One event of a case, or of one of its messages. */
struct registry_event {
	int64_t at;         /* Unix time */
	char *actor;        /* who: REGISTRY_ACTOR_DAEMON or a clerk; NULL for
	                       events written before actors were recorded */
	char *type;         /* "received", "registered", "set", "note", ... */
	char *detail;       /* NULL if none */
	char *message;      /* the mailbox uid of the message the event is
	                       about; NULL for the case's own events */
};

/* Every event of case id and of the messages linked to it, oldest first
 * (the order they were written).  Returns 0 and an array of *n_r events in
 * *events_r (registry_events_free; NULL when *n_r is 0), or -1.  A case
 * that does not exist has no events. */
int registry_case_history(struct registry *reg, const char *id,
			  struct registry_event **events_r, size_t *n_r,
			  struct ogi_error *err);
void registry_events_free(struct registry_event *events, size_t n);

/* Appends an event of type to case id (no state change): `ogictl note`.
 * Returns 0, or -1 when there is no such case or on a database error. */
int registry_case_event(struct registry *reg, const char *id,
			const char *type, const char *detail,
			struct ogi_error *err);

#endif
