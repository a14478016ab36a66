#include "registry/case.h"

#include <stdlib.h>

#include <glib.h>

#include "registry/registry-private.h"

void
registry_events_free(struct registry_event *events, size_t n)
{
	for (size_t i = 0; events != NULL && i < n; i++) {
		free(events[i].actor);
		free(events[i].type);
		free(events[i].detail);
		free(events[i].message);
	}
	free(events);
}

/* Events are append-only with an AUTOINCREMENT id, so id order is the
 * order they were written, even within one second. */
int
registry_case_history(struct registry *reg, const char *id,
		      struct registry_event **events_r, size_t *n_r,
		      struct ogi_error *err)
{
	GArray *ev = g_array_new(FALSE, TRUE, sizeof(struct registry_event));
	struct registry_stmt s;
	int rc;

	*events_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT e.at, e.actor, e.type, e.detail, m.uid"
				  " FROM events e LEFT JOIN messages m"
				  " ON m.id = e.message_id"
				  " WHERE e.case_id = ?1 OR e.message_id IN"
				  " (SELECT id FROM messages WHERE case_id = ?1)"
				  " ORDER BY e.id",
				  "case history", err) != 0) {
		g_array_free(ev, TRUE);
		return -1;
	}
	registry_stmt_text(&s, 1, id);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_event e = {
			.at = sqlite3_column_int64(s.st, 0),
			.actor = registry_col_dup(s.st, 1),
			.type = registry_col_dup(s.st, 2),
			.detail = registry_col_dup(s.st, 3),
			.message = registry_col_dup(s.st, 4),
		};

		g_array_append_val(ev, e);
	}
	registry_stmt_finish(&s);
	if (rc < 0) {
		size_t n = ev->len;

		registry_events_free((struct registry_event *)(void *)
				     g_array_free(ev, FALSE), n);
		return -1;
	}
	*n_r = ev->len;
	/* GLib's allocator is the system's: the array is freed with free(). */
	*events_r = (struct registry_event *)(void *)g_array_free(ev, *n_r == 0);
	return 0;
}

/* Fails unless case id exists; inside the caller's transaction. */
static int
case_must_exist(struct registry *reg, const char *id, struct ogi_error *err)
{
	bool exists;

	if (registry_case_exists(reg, id, &exists, err) != 0)
		return -1;
	if (!exists) {
		error_set(err, "no application %s", id);
		return -1;
	}
	return 0;
}

int
registry_case_event(struct registry *reg, const char *id, const char *type,
		    const char *detail, struct ogi_error *err)
{
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	if (case_must_exist(reg, id, err) != 0 ||
	    registry_event_add(reg, id, 0, type, detail, err) != 0 ||
	    registry_exec(reg, "COMMIT", "commit", err) != 0) {
		registry_rollback(reg);
		return -1;
	}
	return 0;
}
