#include "registry/reply.h"

#include <glib.h>

#include "registry/registry-private.h"

/* Runs the case's update (already bound, by the caller) and insists it
 * changed the one row: otherwise the case is not as the clerk saw it. */
static int
reply_update_one(struct registry *reg, struct registry_stmt *s, const char *id,
		 const char *what, struct ogi_error *err)
{
	if (registry_stmt_run(s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "case %s %s: nothing changed", id, what);
		return -1;
	}
	return 0;
}

static int
reply_commit(struct registry *reg, const char *id, const char *event,
	     const char *detail, const struct registry_letter_new *letter,
	     int64_t now, int64_t *letter_id_r, struct ogi_error *err)
{
	if (registry_event_add(reg, id, 0, event, detail, err) == 0 &&
	    registry_letter_add_in_tx(reg, letter, now, letter_id_r, err) == 0 &&
	    registry_exec(reg, "COMMIT", "commit", err) == 0)
		return 0;
	registry_rollback(reg);
	return -1;
}

int
registry_case_conclude(struct registry *reg, const char *id, const char *from,
		       const char *outcome, const char *detail,
		       const struct registry_letter_new *letter, int64_t now,
		       int64_t *letter_id_r, struct ogi_error *err)
{
	struct registry_stmt s;
	char *what, *event_detail;
	int rc;

	*letter_id_r = 0;
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction", err) != 0)
		return -1;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET state = 'answered', outcome = ?3,"
				  " outcome_detail = ?4, concluded_at = ?5"
				  " WHERE id = ?1 AND state = ?2 AND outcome IS NULL",
				  "record the outcome", err) != 0) {
		registry_rollback(reg);
		return -1;
	}
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, from);
	registry_stmt_text(&s, 3, outcome);
	registry_stmt_text(&s, 4, detail);
	registry_stmt_int(&s, 5, now);
	what = g_strdup_printf("is no longer %s, or has an outcome already", from);
	rc = reply_update_one(reg, &s, id, what, err);
	g_free(what);
	if (rc != 0) {
		registry_rollback(reg);
		return -1;
	}
	event_detail = g_strdup_printf("outcome %s", outcome);
	rc = reply_commit(reg, id, "answered", event_detail, letter, now,
			  letter_id_r, err);
	g_free(event_detail);
	return rc;
}

int
registry_case_extend(struct registry *reg, const char *id,
		     const struct registry_extension *x,
		     const struct registry_letter_new *letter, int64_t now,
		     int64_t *letter_id_r, struct ogi_error *err)
{
	struct registry_stmt s;
	char *basis, *what;
	int rc;

	*letter_id_r = 0;
	basis = g_strdup_printf("extended by %d working days from %s (%s)",
				x->days, x->deadline, x->reason);
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction", err) != 0) {
		g_free(basis);
		return -1;
	}
	/* The basis keeps how the first deadline was derived and adds the
	 * extension: `show` explains the new date from the old. */
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET state = 'extended', deadline = ?4,"
				  " deadline_provisional = ?5, extended_days = ?6,"
				  " deadline_basis = CASE WHEN deadline_basis IS NULL"
				  "  THEN ?7 ELSE deadline_basis || '; ' || ?7 END"
				  " WHERE id = ?1 AND state = ?2 AND deadline = ?3"
				  " AND extended_days = 0",
				  "extend the deadline", err) != 0) {
		registry_rollback(reg);
		g_free(basis);
		return -1;
	}
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, x->from);
	registry_stmt_text(&s, 3, x->deadline);
	registry_stmt_text(&s, 4, x->new_deadline);
	registry_stmt_int(&s, 5, x->provisional);
	registry_stmt_int(&s, 6, x->days);
	registry_stmt_text(&s, 7, basis);
	what = g_strdup_printf("is no longer %s with deadline %s, or was "
			       "extended already", x->from, x->deadline);
	rc = reply_update_one(reg, &s, id, what, err);
	g_free(what);
	if (rc == 0)
		rc = reply_commit(reg, id, "extended", basis, letter, now,
				  letter_id_r, err);
	else
		registry_rollback(reg);
	g_free(basis);
	return rc;
}
