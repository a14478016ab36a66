#include "registry/case.h"
#include "registry/holding.h"

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "registry/registry-private.h"

int
registry_holding_mark_in_tx(struct registry *reg, const char *mailbox,
			    const char *uid, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "UPDATE messages SET holding = 'held'"
				  " WHERE mailbox = ?1 AND uid = ?2",
				  "hold message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, mailbox);
	registry_stmt_text(&s, 2, uid);
	return registry_stmt_run(&s, err);
}

void
registry_holding_rows_free(struct registry_holding_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(rows[i].mailbox);
		g_free(rows[i].uid);
		g_free(rows[i].message_id);
		g_free(rows[i].from_addr);
		g_free(rows[i].subject);
		g_free(rows[i].kind);
	}
	g_free(rows);
}

int
registry_holding_list(struct registry *reg,
		      struct registry_holding_row **rows_r, size_t *n_r,
		      struct ogi_error *err)
{
	struct registry_stmt s;
	GArray *rows;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT mailbox, uid, message_id, received_at,"
				  " from_addr, subject, kind FROM messages"
				  " WHERE holding = 'held' ORDER BY received_at, id",
				  "list holding", err) != 0)
		return -1;
	rows = g_array_new(FALSE, TRUE, sizeof(struct registry_holding_row));
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		struct registry_holding_row r = {
			.mailbox = registry_col_dup(s.st, 0),
			.uid = registry_col_dup(s.st, 1),
			.message_id = registry_col_dup(s.st, 2),
			.received_at = sqlite3_column_int64(s.st, 3),
			.from_addr = registry_col_dup(s.st, 4),
			.subject = registry_col_dup(s.st, 5),
			.kind = registry_col_dup(s.st, 6),
		};

		g_array_append_val(rows, r);
	}
	registry_stmt_finish(&s);
	*n_r = rows->len;
	*rows_r = (struct registry_holding_row *)(void *)
		  g_array_free(rows, rows->len == 0);
	if (rc < 0) {
		registry_holding_rows_free(*rows_r, *n_r);
		*rows_r = NULL;
		*n_r = 0;
		return -1;
	}
	return 0;
}

/* A held message as a clerk names it. */
struct holding_msg {
	int64_t id;
	int64_t received_at;
	char *channel;
	char *from_addr;
	char *received_source;
};

static void
holding_msg_clear(struct holding_msg *m)
{
	g_free(m->channel);
	g_free(m->from_addr);
	g_free(m->received_source);
}

/* Finds the held message which: its file name (mailbox uid), NAME/UID or
 * Message-ID.  Returns 1 found, 0 none, -1 error (also when it names
 * several). */
static int
holding_find(struct registry *reg, const char *which, struct holding_msg *m,
	     struct ogi_error *err)
{
	struct registry_stmt s;
	int rc, n = 0;

	*m = (struct holding_msg){ .id = 0 };
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id, received_at, channel, from_addr,"
				  " received_source FROM messages"
				  " WHERE holding = 'held' AND (uid = ?1"
				  " OR mailbox || '/' || uid = ?1 OR message_id = ?1"
				  " OR '<' || message_id || '>' = ?1)",
				  "find held message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, which);
	while ((rc = registry_stmt_step(&s, err)) > 0 && ++n == 1)
		*m = (struct holding_msg){
			.id = sqlite3_column_int64(s.st, 0),
			.received_at = sqlite3_column_int64(s.st, 1),
			.channel = registry_col_dup(s.st, 2),
			.from_addr = registry_col_dup(s.st, 3),
			.received_source = registry_col_dup(s.st, 4),
		};
	registry_stmt_finish(&s);
	if (rc >= 0 && n > 1) {
		error_set(err, "%s names several held messages: say which "
			  "mailbox's (NAME/UID)", which);
		rc = -1;
	}
	if (rc < 0) {
		holding_msg_clear(m);
		return -1;
	}
	return n > 0;
}

int
registry_holding_received(struct registry *reg, const char *which,
			  bool *found_r, int64_t *received_at_r,
			  struct ogi_error *err)
{
	struct holding_msg m;
	int rc = holding_find(reg, which, &m, err);

	*found_r = rc > 0;
	*received_at_r = m.received_at;
	holding_msg_clear(&m);
	return rc < 0 ? -1 : 0;
}

/* Opens the case of a held message a clerk says is an application: the
 * extractor saw none, so nothing is filled but its sender, and a clerk
 * reviews it. */
static int
holding_new_case(struct registry *reg, const struct holding_msg *m,
		 const struct registry_holding_new *fresh,
		 char case_r[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.verdict = EXTRACT_VERDICT_REVIEW,
		.email = m->from_addr,
		.review = (char *)fresh->review,
	};
	struct registry_message msg = {
		.received_at = m->received_at,
		.received_source = m->received_source,
		.channel = m->channel,
	};
	struct registry_decision d = {
		.disposition = "case",
		.state = "needs_review",
		.reason = fresh->review,
		.deadline = fresh->deadline,
		.deadline_provisional = fresh->deadline_provisional,
		.rules = fresh->rules,
		.receipt_date = fresh->receipt_date,
		.deadline_basis = fresh->deadline_basis,
	};

	return registry_case_create_in_tx(reg, &msg, &rec, fresh->tz_offset, &d,
					  case_r, err);
}

/* Unix time t as YYYY-MM-DD HH:MM at UTC offset tz_offset seconds. */
static char *
holding_local(int64_t t, int tz_offset)
{
	GDateTime *utc = g_date_time_new_from_unix_utc(t);
	GDateTime *local = g_date_time_add_seconds(utc, tz_offset);
	char *text = g_date_time_format(local, "%Y-%m-%d %H:%M");

	g_date_time_unref(local);
	g_date_time_unref(utc);
	return text;
}

/* A held mail a clerk files as case_id's correction counts the corrected
 * application's period (Regulation Art. 30), as when ogid merges one.  It
 * must answer the case's last correction notice, so one received before
 * that is refused; of several filed, the newest received is the one that
 * completed the application. */
static int
holding_correction_received(struct registry *reg, const char *which,
			    const char *case_id, int64_t received_at,
			    int tz_offset, struct ogi_error *err)
{
	struct registry_stmt s;
	int64_t since;

	if (registry_case_incomplete_since(reg, case_id, &since, err) != 0)
		return -1;
	if (received_at < since) {
		char *got = holding_local(received_at, tz_offset);
		char *notice = holding_local(since, tz_offset);

		error_set(err, "%s was received %s, before %s was last asked for "
			  "a correction (%s): it cannot be that correction (file "
			  "it without --correction)", which, got, case_id, notice);
		g_free(got);
		g_free(notice);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET correction_received_at ="
				  " max(coalesce(correction_received_at, 0), ?2)"
				  " WHERE id = ?1 AND (state = 'incomplete' OR"
				  " (state = 'needs_review' AND"
				  " correction_received_at IS NOT NULL))",
				  "store correction receipt", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, case_id);
	registry_stmt_int(&s, 2, received_at);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s is not waiting for a correction (it is "
			  "neither incomplete nor in review with one): file "
			  "the mail without --correction", case_id);
		return -1;
	}
	return 0;
}

static int
holding_end_in_tx(struct registry *reg, const char *which,
		  enum registry_holding_action action, const char *case_id,
		  const struct registry_holding_new *fresh,
		  char case_r[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	static const char *const events[] = {
		[REGISTRY_HOLDING_FILE] = "filed",
		[REGISTRY_HOLDING_CORRECTION] = "filed",
		[REGISTRY_HOLDING_NEW] = "registered",
		[REGISTRY_HOLDING_DISMISS] = "dismissed",
	};
	struct holding_msg m;
	struct registry_stmt s;
	bool exists = false;
	int rc = holding_find(reg, which, &m, err);

	case_r[0] = '\0';
	if (rc <= 0) {
		if (rc == 0)
			error_set(err, "no held message %s (ogictl holding "
				  "lists them)", which);
		return -1;
	}
	rc = 0;
	if (action == REGISTRY_HOLDING_FILE ||
	    action == REGISTRY_HOLDING_CORRECTION) {
		rc = registry_case_exists(reg, case_id, &exists, err);
		if (rc == 0 && !exists) {
			error_set(err, "no application %s", case_id);
			rc = -1;
		}
		if (rc == 0 && action == REGISTRY_HOLDING_CORRECTION)
			rc = holding_correction_received(reg, which, case_id,
							 m.received_at,
							 fresh->tz_offset, err);
		if (rc == 0)
			g_strlcpy(case_r, case_id, REGISTRY_CASE_ID_SIZE);
	} else if (action == REGISTRY_HOLDING_NEW) {
		rc = holding_new_case(reg, &m, fresh, case_r, err);
	}
	if (rc == 0)
		rc = registry_stmt_prepare(reg, &s,
					   "UPDATE messages SET holding = ?2,"
					   " case_id = coalesce(?3, case_id),"
					   " disposition = coalesce(?4, disposition)"
					   " WHERE id = ?1", "end holding", err);
	if (rc == 0) {
		registry_stmt_int(&s, 1, m.id);
		registry_stmt_text(&s, 2, action == REGISTRY_HOLDING_DISMISS ?
				   "dismissed" : "filed");
		registry_stmt_text(&s, 3, case_r[0] != '\0' ? case_r : NULL);
		registry_stmt_text(&s, 4, action == REGISTRY_HOLDING_FILE ||
				   action == REGISTRY_HOLDING_CORRECTION ? "linked" :
				   action == REGISTRY_HOLDING_NEW ? "case" : NULL);
		rc = registry_stmt_run(&s, err);
	}
	if (rc == 0)
		rc = registry_event_add(reg, case_r[0] != '\0' ? case_r : NULL,
					m.id, events[action],
					action == REGISTRY_HOLDING_NEW ?
					"needs_review: from the holding list" :
					action == REGISTRY_HOLDING_CORRECTION ?
					"from the holding list, as its correction" :
					"from the holding list", err);
	holding_msg_clear(&m);
	return rc;
}

int
registry_holding_end(struct registry *reg, const char *which,
		     enum registry_holding_action action, const char *case_id,
		     const struct registry_holding_new *fresh,
		     char case_r[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	int rc;

	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin holding", err) != 0)
		return -1;
	rc = holding_end_in_tx(reg, which, action, case_id, fresh, case_r, err);
	if (rc == 0)
		rc = registry_exec(reg, "COMMIT", "commit holding", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

int
registry_auto_replies_count(struct registry *reg, const char *recipient,
			    const char *day, int *count_r,
			    struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*count_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT count FROM auto_replies"
				  " WHERE recipient = lower(?1) AND day = ?2",
				  "count automatic messages", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, recipient);
	registry_stmt_text(&s, 2, day);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*count_r = sqlite3_column_int(s.st, 0);
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_auto_replies_add_in_tx(struct registry *reg, const char *recipient,
				const char *day, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO auto_replies (recipient, day, count)"
				  " VALUES (lower(?1), ?2, 1) ON CONFLICT (recipient, day)"
				  " DO UPDATE SET count = count + 1",
				  "count an automatic message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, recipient);
	registry_stmt_text(&s, 2, day);
	return registry_stmt_run(&s, err);
}
