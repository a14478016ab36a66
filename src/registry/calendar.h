/* The registry's side of the working-day calendar: the cases whose
 * deadline was counted without a year's holiday data (provisional), and
 * their deadlines counted again once the year is imported.  The counting
 * itself is workflow/rules.h's; this file stores. */
#ifndef OGI_REGISTRY_CALENDAR_H
#define OGI_REGISTRY_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

/* A case with a provisional deadline, as stored. */
struct registry_provisional {
	char *id;
	char *state;
	char *deadline;           /* YYYY-MM-DD */
	char *rules;              /* NULL: recorded before profiles */
	char *receipt_date;       /* NULL: recorded before receipt days */
	int64_t received_at;
	int extended_days;
};

/* Every case whose deadline is provisional, whatever its state (the
 * caller knows which states are open: workflow_state_open), oldest first.
 * Returns 0 and an array of *n_r in *rows_r (free with
 * registry_provisional_free; NULL when none), or -1.  Blocks on disk I/O. */
int registry_calendar_provisional(struct registry *reg,
				  struct registry_provisional **rows_r,
				  size_t *n_r, struct ogi_error *err);
void registry_provisional_free(struct registry_provisional *rows, size_t n);

/* A deadline counted again. */
struct registry_recount {
	const char *id;
	const char *old_deadline; /* what the count was made from: the case is
	                             changed only while it still has it, and
	                             is still provisional */
	const char *deadline;
	bool provisional;         /* still counted without a year's data */
	const char *receipt_date;
	const char *basis;
};

/* Stores the n new deadlines in one transaction (BEGIN IMMEDIATE), each
 * with a "deadline-recomputed" event "OLD → NEW" in the handle's actor's
 * name.  A case that changed meanwhile (another deadline, no longer
 * provisional) is left alone and *changed_r[i] is false; otherwise true.
 * changed_r has n entries.  Returns 0 after COMMIT, or -1 with nothing
 * written.  Blocks like registry_record. */
int registry_calendar_recount(struct registry *reg,
			      const struct registry_recount *r, size_t n,
			      bool *changed_r, struct ogi_error *err);

#endif
