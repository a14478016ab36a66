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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/automatic.h"
#include "registry/letters.h"
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

/* A clerk's decision that moves a case from one state to another, with
 * what it changes beside the state. */
struct registry_case_move {
	const char *id;
	const char *from;       /* the state the clerk saw: compare and set */
	const char *to;
	const char *event;      /* the event's type ("accepted", ...) */
	const char *detail;     /* NULL: the new state */
	const char *missing;    /* non-NULL: the case's missing elements from
	                           now on (extract_element_name()s, comma-
	                           separated; "" none) */
	const char *invalid;    /* likewise the invalid fields
	                           (extract_invalid_name()s) */
	const char *outcome;    /* non-NULL: the case concludes with this
	                           outcome code, outcome_detail (may be NULL)
	                           and concluded_at */
	const char *outcome_detail;
	int64_t concluded_at;
	const struct registry_case_clock *clock; /* non-NULL: the reply clock
	                           starts anew (national-2019: a corrected
	                           application) */
	const char *correction_due; /* non-NULL: the case is abandoned after
	                           this day when still uncorrected */
	const char *cancel_pending; /* non-NULL: every letter of the case
	                           still pending is cancelled with this detail
	                           (the move makes it moot: a correction
	                           notice once the case is accepted), except
	                           one a channel is sending (sending_at) */
	const struct registry_letter_new *letter; /* non-NULL: the letter the
	                           move owes, added pending at now */
	int64_t now;
};

/* Makes move m in one transaction: the state (registry_case_transition's
 * compare and set, with its event), then the other columns (a move to
 * incomplete forgets the correction received before: correction_received_at
 * NULL), the pending
 * letters it cancels, then the letter it owes
 * (registry_letter_add_in_tx, *letter_id_r; 0 without one).
 * Returns 0, or -1 with nothing written (the case is no longer in m->from,
 * a letter the queue refuses, a database error). */
int registry_case_move(struct registry *reg, const struct registry_case_move *m,
		       int64_t *letter_id_r, struct ogi_error *err);

/* When case id was last asked for a correction (its newest "incomplete"
 * event: a clerk's move, ogid's move or ogid's further notice after a
 * partial correction): a correction answers that notice, so none is
 * received before it.  Without such an event (ogid registered it
 * incomplete, or it was never asked), the case's receipt.  Sets *at_r to
 * 0 for no such case.  Returns 0, or -1 on a database error. */
int registry_case_incomplete_since(struct registry *reg, const char *id,
				   int64_t *at_r, struct ogi_error *err);

/* True when column is a case column registry_case_edit may change: the
 * strings of EXTRACT_APPLICATION_STRINGS and applicant_kind, id_type,
 * delivery, medium, org_kind. */
bool registry_case_column_editable(const char *column);

/* A clerk's change of one case column (`ogictl set`); the value is the
 * caller's to check. */
struct registry_case_edit {
	const char *id;
	const char *column;     /* registry_case_column_editable */
	const char *old;        /* the value the clerk saw, NULL for none:
	                           compare and set */
	const char *value;      /* the new value, NULL to clear it */
	const char *missing;    /* non-NULL: the case's missing elements and */
	const char *invalid;    /* invalid fields from now on (as in struct
	                           registry_case_move) */
	const char *detail;     /* the event "set"'s detail: the caller
	                           decides how much of a value it shows */
};

/* Makes edit e and its event "set" in one transaction.  Returns 0, or -1
 * with nothing written (a column not editable, a value changed since the
 * clerk read it, a value the schema refuses, a database error). */
int registry_case_edit(struct registry *reg, const struct registry_case_edit *e,
		       struct ogi_error *err);

/* The cases whose state open() accepts (workflow_state_open), by
 * deadline: earliest first (so overdue ones lead), cases without one
 * last; then by receipt and tracking number.  Returns 0 and an array as
 * registry_cases does, or -1. */
int registry_cases_due(struct registry *reg, bool (*open)(const char *state),
		       struct registry_case ***cases_r, size_t *n_r,
		       struct ogi_error *err);

#endif
