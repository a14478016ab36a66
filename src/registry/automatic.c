#include "registry/automatic.h"

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "registry/registry-private.h"

/* Two or more matches: the reply cannot say which case it corrects. */
#define AUTOMATIC_SENDER_CASES_SEEN 2

int
registry_sender_incomplete_case(struct registry *reg, const char *from,
				char case_r[REGISTRY_CASE_ID_SIZE],
				struct ogi_error *err)
{
	struct registry_stmt s;
	int rc, n = 0;

	case_r[0] = '\0';
	if (from == NULL)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT DISTINCT c.id FROM cases c"
				  " WHERE c.state = 'incomplete' AND (lower(c.email) = lower(?1)"
				  " OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id"
				  " AND lower(m.from_addr) = lower(?1)))"
				  " LIMIT 2", "find the sender's incomplete case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, from);
	while ((rc = registry_stmt_step(&s, err)) > 0)
		if (n++ == 0)
			g_strlcpy(case_r, registry_col_str(s.st, 0),
				  REGISTRY_CASE_ID_SIZE);
	registry_stmt_finish(&s);
	if (n >= AUTOMATIC_SENDER_CASES_SEEN)
		case_r[0] = '\0';
	return rc < 0 ? -1 : 0;
}

int
registry_message_row_id(struct registry *reg, const char *mailbox,
			const char *uid, int64_t *id_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*id_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id FROM messages WHERE mailbox = ?1 AND uid = ?2",
				  "find message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, mailbox);
	registry_stmt_text(&s, 2, uid);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*id_r = sqlite3_column_int64(s.st, 0);
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

/* Compare and set of a case's state; *moved_r false when it was not in
 * from. */
static int
automatic_move(struct registry *reg, const char *id, const char *from,
	       const char *to, bool *moved_r, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET state = ?3 WHERE id = ?1 AND state = ?2",
				  "move case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, from);
	registry_stmt_text(&s, 3, to);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	*moved_r = sqlite3_changes(reg->db) == 1;
	return 0;
}

int
registry_case_clock_in_tx(struct registry *reg, const char *id,
			  const struct registry_case_clock *clock,
			  struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET receipt_date = ?2, deadline = ?3,"
				  " deadline_basis = ?4, deadline_provisional = ?5"
				  " WHERE id = ?1", "restart the clock", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, clock->receipt_date);
	registry_stmt_text(&s, 3, clock->deadline);
	registry_stmt_text(&s, 4, clock->basis);
	registry_stmt_int(&s, 5, clock->provisional);
	return registry_stmt_run(&s, err);
}

int
registry_case_correction_due_in_tx(struct registry *reg, const char *id,
				   const char *due, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET correction_due = ?2 WHERE id = ?1",
				  "store correction due", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, due);
	return registry_stmt_run(&s, err);
}

/* Keeps the receipt of correction message_id on case id, for a clerk who
 * accepts the case later.  One that leaves the case incomplete (a further
 * notice owed) did not complete the application, so no receipt is kept:
 * the correction that does complete it counts the period. */
static int
automatic_correction_received(struct registry *reg, const char *id,
			      int64_t message_id, const char *to,
			      struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET correction_received_at ="
				  " CASE WHEN ?3 THEN NULL ELSE"
				  " (SELECT received_at FROM messages WHERE id = ?2)"
				  " END WHERE id = ?1", "store correction receipt",
				  err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_int(&s, 2, message_id);
	registry_stmt_int(&s, 3, strcmp(to, "incomplete") == 0);
	return registry_stmt_run(&s, err);
}

int
registry_correction_apply_in_tx(struct registry *reg, const char *id,
				int64_t message_id,
				const struct extract_record *rec,
				const char *const *changed, const char *from,
				const char *to,
				const struct registry_case_clock *clock,
				const char *correction_due,
				struct ogi_error *err)
{
	bool moved = true;

	if (strcmp(from, to) != 0 &&
	    automatic_move(reg, id, from, to, &moved, err) != 0)
		return -1;
	if (!moved) {
		error_set(err, "case %s is no longer %s", id, from);
		return -1;
	}
	if (registry_case_record_update_in_tx(reg, id, rec, err) != 0 ||
	    automatic_correction_received(reg, id, message_id, to, err) != 0)
		return -1;
	for (size_t i = 0; changed != NULL && changed[i] != NULL; i++)
		if (registry_event_add(reg, id, message_id, "corrected", changed[i],
				       err) != 0)
			return -1;
	if (clock != NULL && registry_case_clock_in_tx(reg, id, clock, err) != 0)
		return -1;
	if (correction_due != NULL &&
	    registry_case_correction_due_in_tx(reg, id, correction_due, err) != 0)
		return -1;
	/* A correction that leaves the case incomplete owes a further
	 * notice: its event is the bound a later correction's receipt must
	 * not precede (registry_case_incomplete_since). */
	if (strcmp(from, to) == 0)
		return strcmp(to, "incomplete") != 0 ? 0 :
		       registry_event_add(reg, id, message_id, to,
					  "a further correction notice after "
					  "a partial correction", err);
	return registry_event_add(reg, id, message_id, to,
				  clock != NULL ? clock->basis :
				  "after the applicant's correction", err);
}

/* The incomplete cases past their correction period. */
static int
automatic_overdue(struct registry *reg, const char *today, GPtrArray *ids,
		  struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	if (registry_stmt_prepare(reg, &s,
				  "SELECT id FROM cases WHERE state = 'incomplete'"
				  " AND correction_due IS NOT NULL AND correction_due < ?1"
				  " ORDER BY id", "find uncorrected cases", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, today);
	while ((rc = registry_stmt_step(&s, err)) > 0)
		g_ptr_array_add(ids, registry_col_dup(s.st, 0));
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

static int
automatic_abandon_one(struct registry *reg, const char *id,
		      const char *outcome, int64_t now, bool *done_r,
		      struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin abandon", err) != 0)
		return -1;
	rc = registry_stmt_prepare(reg, &s,
				   "UPDATE cases SET state = 'abandoned', outcome = ?2,"
				   " concluded_at = ?3 WHERE id = ?1 AND state = 'incomplete'",
				   "abandon case", err);
	if (rc == 0) {
		registry_stmt_text(&s, 1, id);
		registry_stmt_text(&s, 2, outcome);
		registry_stmt_int(&s, 3, now);
		rc = registry_stmt_run(&s, err);
	}
	*done_r = rc == 0 && sqlite3_changes(reg->db) == 1;
	if (rc == 0 && *done_r)
		rc = registry_event_add(reg, id, 0, "abandoned",
					"not corrected within the period the "
					"correction notice gave", err);
	if (rc == 0)
		rc = registry_exec(reg, "COMMIT", "commit abandon", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

int
registry_abandon_uncorrected(struct registry *reg, const char *today,
			     const char *outcome, int64_t now, size_t *n_r,
			     struct ogi_error *err)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	int rc = automatic_overdue(reg, today, ids, err);

	*n_r = 0;
	for (guint i = 0; rc == 0 && i < ids->len; i++) {
		bool done = false;

		rc = automatic_abandon_one(reg, g_ptr_array_index(ids, i), outcome,
					   now, &done, err);
		*n_r += done;
	}
	g_ptr_array_free(ids, TRUE);
	return rc;
}

int
registry_cases_recorded_since(struct registry *reg, int64_t since,
			      char ***ids_r, struct ogi_error *err)
{
	GPtrArray *ids = g_ptr_array_new();
	struct registry_stmt s;
	int rc;

	*ids_r = NULL;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id FROM cases WHERE created_at >= ?1"
				  " ORDER BY created_at, id", "find new cases", err) != 0) {
		g_ptr_array_free(ids, TRUE);
		return -1;
	}
	registry_stmt_int(&s, 1, since);
	while ((rc = registry_stmt_step(&s, err)) > 0)
		g_ptr_array_add(ids, registry_col_dup(s.st, 0));
	registry_stmt_finish(&s);
	g_ptr_array_add(ids, NULL);
	*ids_r = (char **)g_ptr_array_free(ids, FALSE);
	if (rc < 0) {
		g_strfreev(*ids_r);
		*ids_r = NULL;
		return -1;
	}
	return 0;
}
