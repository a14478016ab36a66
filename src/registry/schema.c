#include "registry/schema.h"

#include <stddef.h>
#include <glib.h>

#include "common/log.h"

struct schema_migration {
	int version;
	const char *sql;   /* ends by setting PRAGMA user_version = version */
};

/* Append only: a released migration is never edited, a change is a new
 * entry.  cases.state has no CHECK because later steps add states and
 * SQLite cannot change a CHECK without rebuilding the table. */
static const struct schema_migration schema_migrations[] = {
	{ 1,
	  "CREATE TABLE cases (\n"
	  "  id TEXT PRIMARY KEY NOT NULL,\n"
	  "  year INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),\n"
	  "  seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999999),\n"
	  "  state TEXT NOT NULL,\n"
	  "  channel TEXT NOT NULL CHECK (channel IN ('email', 'fax')),\n"
	  "  received_at INTEGER NOT NULL,\n"
	  "  deadline TEXT,\n"
	  "  applicant_kind TEXT,\n"
	  "  name TEXT,\n"
	  "  legal_rep TEXT,\n"
	  "  contact_person TEXT,\n"
	  "  id_type TEXT,\n"
	  "  id_label TEXT,\n"
	  "  id_number TEXT,\n"
	  "  address TEXT,\n"
	  "  postcode TEXT,\n"
	  "  phone TEXT,\n"
	  "  email TEXT,\n"
	  "  fax TEXT,\n"
	  "  request TEXT,\n"
	  "  purpose TEXT,\n"
	  "  signature_present INTEGER NOT NULL CHECK (signature_present IN (0, 1)),\n"
	  "  signature_text TEXT,\n"
	  "  application_date TEXT,\n"
	  "  delivery TEXT,\n"
	  "  medium TEXT,\n"
	  "  missing TEXT NOT NULL,\n"
	  "  invalid TEXT NOT NULL,\n"
	  "  created_at INTEGER NOT NULL,\n"
	  "  UNIQUE (year, seq),\n"
	  "  CHECK (id = printf('%04d-%06d', year, seq))\n"
	  ");\n"
	  "CREATE INDEX cases_state ON cases (state, received_at, id);\n"
	  "CREATE INDEX cases_received ON cases (received_at, id);\n"
	  "CREATE INDEX cases_deadline ON cases (deadline) WHERE deadline IS NOT NULL;\n"
	  "\n"
	  "CREATE TABLE messages (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),\n"
	  "  mailbox TEXT NOT NULL,\n"
	  "  uid TEXT NOT NULL,\n"
	  "  raw_path TEXT NOT NULL,\n"
	  "  received_at INTEGER NOT NULL,\n"
	  "  channel TEXT NOT NULL CHECK (channel IN ('mail', 'fax')),\n"
	  "  message_id TEXT,\n"
	  "  from_addr TEXT,\n"
	  "  subject TEXT,\n"
	  "  kind TEXT NOT NULL,\n"
	  "  disposition TEXT NOT NULL\n"
	  "    CHECK (disposition IN ('case', 'linked', 'ignored', 'needs_review')),\n"
	  "  case_id TEXT REFERENCES cases (id),\n"
	  "  problems TEXT,\n"
	  "  recorded_at INTEGER NOT NULL,\n"
	  "  UNIQUE (mailbox, uid)\n"
	  ");\n"
	  "CREATE INDEX messages_case ON messages (case_id, received_at, id)\n"
	  "  WHERE case_id IS NOT NULL;\n"
	  "CREATE INDEX messages_received ON messages (received_at, id);\n"
	  "\n"
	  /* The same bytes under another mailbox identity: remembered so that
	   * identity is known too and not fetched and compared at every poll. */
	  "CREATE TABLE message_aliases (\n"
	  "  mailbox TEXT NOT NULL,\n"
	  "  uid TEXT NOT NULL,\n"
	  "  message_id INTEGER NOT NULL REFERENCES messages (id),\n"
	  "  recorded_at INTEGER NOT NULL,\n"
	  "  PRIMARY KEY (mailbox, uid)\n"
	  ");\n"
	  "\n"
	  "CREATE TABLE case_seq (\n"
	  "  year INTEGER PRIMARY KEY,\n"
	  "  last INTEGER NOT NULL CHECK (last >= 0)\n"
	  ");\n"
	  "\n"
	  "CREATE TABLE doc_seq (\n"
	  "  year INTEGER NOT NULL,\n"
	  "  kind TEXT NOT NULL CHECK (kind <> ''),\n"
	  "  last INTEGER NOT NULL CHECK (last >= 0),\n"
	  "  PRIMARY KEY (year, kind)\n"
	  ") WITHOUT ROWID;\n"
	  "\n"
	  /* AUTOINCREMENT: an event id is never handed out twice. */
	  "CREATE TABLE events (\n"
	  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	  "  at INTEGER NOT NULL,\n"
	  "  case_id TEXT REFERENCES cases (id),\n"
	  "  message_id INTEGER REFERENCES messages (id),\n"
	  "  type TEXT NOT NULL,\n"
	  "  detail TEXT\n"
	  ");\n"
	  "CREATE INDEX events_case ON events (case_id, id) WHERE case_id IS NOT NULL;\n"
	  "CREATE INDEX events_message ON events (message_id) WHERE message_id IS NOT NULL;\n"
	  "CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
	  "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n"
	  "CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
	  "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n"
	  "\n"
	  "PRAGMA user_version = 1;\n" },
	{ 2,
	  /* A deadline counted without the year's holiday calendar is only
	   * an estimate until the calendar is installed; and where a message's
	   * receipt time came from (the mailbox's delivery record, a Received:
	   * header, a file time) decides how far it can be trusted. */
	  "ALTER TABLE cases ADD COLUMN deadline_provisional INTEGER NOT NULL\n"
	  "  DEFAULT 0 CHECK (deadline_provisional IN (0, 1));\n"
	  "ALTER TABLE cases ADD COLUMN received_source TEXT;\n"
	  "ALTER TABLE messages ADD COLUMN received_source TEXT;\n"
	  "PRAGMA user_version = 2;\n" },
	{ 3,
	  /* Issue 7: an agent writing for the applicant is kept apart from
	   * the applicant; a case a clerk must decide keeps why; and every
	   * field a message gave keeps where it came from, for
	   * `ogictl explain`. */
	  "ALTER TABLE cases ADD COLUMN agent TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN agent_phone TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN review TEXT;\n"
	  "CREATE TABLE message_fields (\n"
	  "  message_id INTEGER NOT NULL REFERENCES messages (id),\n"
	  "  field TEXT NOT NULL CHECK (field <> ''),\n"
	  "  value TEXT,\n"
	  "  source TEXT NOT NULL,\n"
	  "  confidence TEXT NOT NULL,\n"
	  "  rule TEXT,\n"
	  "  line TEXT,\n"
	  "  line_no INTEGER NOT NULL CHECK (line_no >= 0),\n"
	  "  PRIMARY KEY (message_id, field)\n"
	  ") WITHOUT ROWID;\n"
	  "PRAGMA user_version = 3;\n" },
	{ 4,
	  /* A reply finds its thread and `ogictl explain` its message by
	   * Message-ID or file name alone, once per message: not by a scan. */
	  "CREATE INDEX messages_message_id ON messages (message_id)\n"
	  "  WHERE message_id IS NOT NULL;\n"
	  "CREATE INDEX messages_uid ON messages (uid);\n"
	  "PRAGMA user_version = 4;\n" },
	{ 5,
	  /* Issue 8: each intake process writes how its last poll went, for
	   * `ogictl status`; one row per intake name, rewritten in place. */
	  "CREATE TABLE intake_status (\n"
	  "  intake TEXT PRIMARY KEY NOT NULL CHECK (intake <> ''),\n"
	  "  last_poll_at INTEGER,\n"
	  "  backlog INTEGER NOT NULL DEFAULT 0 CHECK (backlog >= 0),\n"
	  "  last_error TEXT,\n"
	  "  last_error_at INTEGER,\n"
	  "  errors INTEGER NOT NULL DEFAULT 0 CHECK (errors >= 0),\n"
	  "  updated_at INTEGER NOT NULL\n"
	  ") WITHOUT ROWID;\n"
	  "PRAGMA user_version = 5;\n" },
	{ 6,
	  /* Issue 8: every outgoing message is first a row here and a file in
	   * the spool, written in the transaction of the change that caused
	   * it; the sender delivers it and records each attempt.  queued: not
	   * tried yet; delayed: a temporary failure, tried again at
	   * next_attempt_at; sent and failed are final (a bounce may still
	   * turn sent into failed). */
	  "CREATE TABLE outbox (\n"
	  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	  "  case_id TEXT REFERENCES cases (id),\n"
	  "  kind TEXT NOT NULL CHECK (kind <> ''),\n"
	  "  recipient TEXT NOT NULL CHECK (recipient <> ''),\n"
	  "  return_path TEXT,\n"
	  "  message_id TEXT NOT NULL UNIQUE,\n"
	  "  in_reply_to TEXT,\n"
	  "  spool_path TEXT NOT NULL,\n"
	  "  state TEXT NOT NULL\n"
	  "    CHECK (state IN ('queued', 'sent', 'delayed', 'failed')),\n"
	  "  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
	  "  next_attempt_at INTEGER,\n"
	  "  last_status TEXT,\n"
	  "  created_at INTEGER NOT NULL,\n"
	  "  sent_at INTEGER\n"
	  ");\n"
	  "CREATE INDEX outbox_due ON outbox (next_attempt_at, id)\n"
	  "  WHERE state IN ('queued', 'delayed');\n"
	  "CREATE INDEX outbox_case ON outbox (case_id) WHERE case_id IS NOT NULL;\n"
	  "CREATE TABLE outbox_attempts (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  outbox_id INTEGER NOT NULL REFERENCES outbox (id),\n"
	  "  at INTEGER NOT NULL,\n"
	  "  result TEXT NOT NULL\n"
	  "    CHECK (result IN ('sent', 'temporary', 'permanent', 'bounced', 'delayed')),\n"
	  "  reply TEXT\n"
	  ");\n"
	  "CREATE INDEX outbox_attempts_row ON outbox_attempts (outbox_id, id);\n"
	  "PRAGMA user_version = 6;\n" },
	{ 7,
	  /* Issue 9: the workflow.  Every event names who caused it (the
	   * daemon or a clerk).  A case keeps the rules profile and the day
	   * of receipt its deadline was counted from, with how it was
	   * derived; the organisation kind and the outcome are the columns
	   * and rows of the annual report; concluded_at is when the outcome
	   * was recorded (the report's year).  Letters owed to an applicant
	   * are rows first, rendered and handed to a channel afterwards, so
	   * a crash between the decision and the PDF loses nothing.  The
	   * holding list is a mark on messages; auto_replies counts the
	   * automatic messages sent to one address on one day. */
	  "ALTER TABLE events ADD COLUMN actor TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN rules TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN receipt_date TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN deadline_basis TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN org_kind TEXT CHECK (org_kind IN\n"
	  "  ('business', 'research', 'public_interest', 'legal_service', 'other'));\n"
	  "ALTER TABLE cases ADD COLUMN extended_days INTEGER NOT NULL DEFAULT 0\n"
	  "  CHECK (extended_days >= 0);\n"
	  "ALTER TABLE cases ADD COLUMN correction_due TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN outcome TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN outcome_detail TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN concluded_at INTEGER;\n"
	  "CREATE INDEX cases_concluded ON cases (concluded_at)\n"
	  "  WHERE concluded_at IS NOT NULL;\n"
	  "ALTER TABLE messages ADD COLUMN holding TEXT\n"
	  "  CHECK (holding IN ('held', 'filed', 'dismissed'));\n"
	  "CREATE INDEX messages_holding ON messages (holding, received_at)\n"
	  "  WHERE holding IS NOT NULL;\n"
	  "CREATE TABLE letters (\n"
	  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	  "  case_id TEXT REFERENCES cases (id),\n"
	  "  kind TEXT NOT NULL CHECK (kind <> ''),\n"
	  "  channel TEXT NOT NULL\n"
	  "    CHECK (channel IN ('email', 'fax', 'post', 'pickup')),\n"
	  "  state TEXT NOT NULL CHECK (state IN\n"
	  "    ('pending', 'queued', 'sent', 'delivered', 'failed', 'cancelled')),\n"
	  "  docnum TEXT,\n"
	  "  values_json TEXT,\n"
	  "  pdf_path TEXT,\n"
	  "  outbox_id INTEGER REFERENCES outbox (id),\n"
	  "  tracking TEXT,\n"
	  "  detail TEXT,\n"
	  "  created_at INTEGER NOT NULL,\n"
	  "  updated_at INTEGER NOT NULL\n"
	  ");\n"
	  "CREATE INDEX letters_open ON letters (state, id)\n"
	  "  WHERE state IN ('pending', 'queued');\n"
	  "CREATE INDEX letters_case ON letters (case_id, id);\n"
	  "CREATE TABLE letter_attachments (\n"
	  "  letter_id INTEGER NOT NULL REFERENCES letters (id),\n"
	  "  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	  "  name TEXT NOT NULL CHECK (name <> ''),\n"
	  "  path TEXT NOT NULL,\n"
	  "  size INTEGER NOT NULL CHECK (size >= 0),\n"
	  "  PRIMARY KEY (letter_id, seq)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE TABLE auto_replies (\n"
	  "  recipient TEXT NOT NULL,\n"
	  "  day TEXT NOT NULL,\n"
	  "  count INTEGER NOT NULL CHECK (count >= 0),\n"
	  "  PRIMARY KEY (recipient, day)\n"
	  ") WITHOUT ROWID;\n"
	  "PRAGMA user_version = 7;\n" },
	{ 8,
	  /* A letter's final news (sent, failed) is acted on once -- the case
	   * delivered or delivery_failed, a fallback channel asked for --
	   * and marked settled, whichever process saw the news. */
	  "ALTER TABLE letters ADD COLUMN settled_at INTEGER;\n"
	  "CREATE INDEX letters_unsettled ON letters (id)\n"
	  "  WHERE settled_at IS NULL AND state IN ('sent', 'failed');\n"
	  "PRAGMA user_version = 8;\n" },
	{ 9,
	  /* A letter its channel could not take now (a fax line busy) waits
	   * for the next step of the retry schedule: how many tries failed and
	   * when the next is due.  sending_at: a fax command was started and
	   * its end not recorded yet -- after a crash the fax may have gone,
	   * so the letter is not sent again blindly. */
	  "ALTER TABLE letters ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0\n"
	  "  CHECK (attempts >= 0);\n"
	  "ALTER TABLE letters ADD COLUMN next_attempt_at INTEGER;\n"
	  "ALTER TABLE letters ADD COLUMN sending_at INTEGER;\n"
	  "PRAGMA user_version = 9;\n" },
	{ 10,
	  /* The pages OCR read of a message (a fax, a photographed form), for
	   * the clerk who reviews its case: the text, how sure OCR was, how
	   * the page came and was straightened, and its image in the spool
	   * (STATE/pages/YYYY/MM/<sha256>-<page>.png; NULL when not kept). */
	  "CREATE TABLE ocr_pages (\n"
	  "  message_id INTEGER NOT NULL REFERENCES messages (id),\n"
	  "  page INTEGER NOT NULL CHECK (page >= 1),\n"
	  "  path TEXT,\n"
	  "  text TEXT,\n"
	  "  mean_conf INTEGER NOT NULL CHECK (mean_conf BETWEEN 0 AND 100),\n"
	  "  src_xres INTEGER NOT NULL CHECK (src_xres >= 0),\n"
	  "  src_yres INTEGER NOT NULL CHECK (src_yres >= 0),\n"
	  "  skew_mdeg INTEGER NOT NULL,\n"
	  "  PRIMARY KEY (message_id, page)\n"
	  ") WITHOUT ROWID;\n"
	  "PRAGMA user_version = 10;\n" },
	{ 11,
	  /* Issue 10: a fax a gateway mailed keeps what the gateway said of
	   * it (extract/fax.h): its style, the caller's number (where the
	   * answer goes when the form names none), the station ID as display
	   * text, the pages, the resolution and when it was received. */
	  "ALTER TABLE cases ADD COLUMN fax_style TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN fax_caller TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN fax_csid TEXT;\n"
	  "ALTER TABLE cases ADD COLUMN fax_pages INTEGER\n"
	  "  CHECK (fax_pages BETWEEN 1 AND 999);\n"
	  "ALTER TABLE cases ADD COLUMN fax_quality TEXT\n"
	  "  CHECK (fax_quality IN ('normal', 'fine'));\n"
	  "ALTER TABLE cases ADD COLUMN fax_received INTEGER;\n"
	  "PRAGMA user_version = 11;\n" },
	{ 12,
	  /* When the correction a case waits in needs_review with was
	   * received: a clerk's later acceptance counts the reply period
	   * from it, not from the command (Regulation Art. 30). */
	  "ALTER TABLE cases ADD COLUMN correction_received_at INTEGER;\n"
	  "PRAGMA user_version = 12;\n" },
};

#define SCHEMA_N_MIGRATIONS \
	G_N_ELEMENTS(schema_migrations)

int
registry_schema_latest(void)
{
	return schema_migrations[SCHEMA_N_MIGRATIONS - 1].version;
}

int
registry_schema_exec(sqlite3 *db, const char *sql, const char *op,
		     struct ogi_error *err)
{
	while (*sql != '\0') {
		sqlite3_stmt *st;
		const char *tail;
		int rc = sqlite3_prepare_v2(db, sql, -1, &st, &tail);

		if (rc != SQLITE_OK) {
			error_set(err, "%s: %s", op, sqlite3_errmsg(db));
			return -1;
		}
		if (st == NULL)   /* only white space or a comment was left */
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			error_set(err, "%s: %s", op, sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		sql = tail;
	}
	return 0;
}

int
registry_schema_user_version(sqlite3 *db, int *version_r, struct ogi_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		error_set(err, "read schema version: %s", sqlite3_errmsg(db));
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		error_set(err, "read schema version: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	*version_r = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static void
schema_rollback(sqlite3 *db)
{
	struct ogi_error rerr;

	if (!sqlite3_get_autocommit(db) &&
	    registry_schema_exec(db, "ROLLBACK", "roll back migration",
				 &rerr) != 0)
		log_error("%s", rerr.msg);
}

/* Applies m when the file is still older than it.  The version is read
 * again inside the write transaction: another process may have migrated
 * meanwhile. */
static int
schema_apply(sqlite3 *db, const struct schema_migration *m, int *version_r,
	     struct ogi_error *err)
{
	int version;

	if (registry_schema_exec(db, "BEGIN IMMEDIATE", "begin migration",
				 err) != 0)
		return -1;
	if (registry_schema_user_version(db, &version, err) != 0)
		goto fail;
	if (version < m->version) {
		if (registry_schema_exec(db, m->sql, "apply migration",
					 err) != 0)
			goto fail;
		if (registry_schema_user_version(db, &version, err) != 0)
			goto fail;
		if (version != m->version) {
			error_set(err, "apply migration: user_version is %d, not %d",
				  version, m->version);
			goto fail;
		}
	}
	if (registry_schema_exec(db, "COMMIT", "commit migration", err) != 0)
		goto fail;
	*version_r = version;
	return 0;
fail:
	error_prefix(err, "migration %d", m->version);
	schema_rollback(db);
	return -1;
}

int
registry_schema_migrate(sqlite3 *db, int *version_r, struct ogi_error *err)
{
	int version;

	if (registry_schema_user_version(db, &version, err) != 0)
		return -1;
	if (version > registry_schema_latest()) {
		error_set(err, "schema version %d is newer than this program's %d",
			  version, registry_schema_latest());
		return -1;
	}
	for (size_t i = 0; i < SCHEMA_N_MIGRATIONS; i++)
		if (schema_migrations[i].version > version &&
		    schema_apply(db, &schema_migrations[i], &version, err) != 0)
			return -1;
	*version_r = version;
	return 0;
}
