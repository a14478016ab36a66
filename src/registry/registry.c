#include "registry/registry.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "common/log.h"
#include "registry/registry-private.h"
#include "registry/schema.h"

#define REGISTRY_BUSY_MS 5000

/* Registry errors stop intake (store scope).  Busy, locked, full or
 * failing disks can clear by themselves; a constraint or a corrupt file
 * will not.  SQLite running out of memory ends the process, as every
 * failed allocation does (a connection it could not even allocate is
 * NULL, for which it reports SQLITE_NOMEM too). */
static void
registry_scope(struct registry *reg, struct ogi_error *err)
{
	int code = sqlite3_errcode(reg->db);

	if (code == SQLITE_NOMEM)
		g_error("%s: SQLite: %s", reg->path, sqlite3_errmsg(reg->db));
	error_scope(err, OGI_ERROR_STORE,
		    code == SQLITE_BUSY || code == SQLITE_LOCKED ||
		    code == SQLITE_FULL || code == SQLITE_IOERR ||
		    code == SQLITE_CANTOPEN);
}

/* Sets err from SQLite's last error for op, scoped; returns -1. */
static int
registry_fail(struct registry *reg, const char *op, struct ogi_error *err)
{
	error_set(err, "%s: %s: %s", reg->path, op, sqlite3_errmsg(reg->db));
	registry_scope(reg, err);
	return -1;
}

static void
reg_cached_free(gpointer p)
{
	struct registry_cached_stmt *c = p;

	sqlite3_finalize(c->st);
	g_free(c);
}

/* The handle's statement for sql, prepared on first use; finish it with
 * registry_stmt_finish or registry_stmt_run. */
int
registry_stmt_prepare(struct registry *reg, struct registry_stmt *s,
		      const char *sql, const char *op,
		      struct ogi_error *err)
{
	struct registry_cached_stmt *c = g_hash_table_lookup(reg->stmts, sql);

	*s = (struct registry_stmt){ .reg = reg, .op = op, .rc = SQLITE_OK };
	if (c != NULL && !c->in_use) {
		c->in_use = true;
		s->cached = c;
		s->st = c->st;
		return 0;
	}
	if (sqlite3_prepare_v3(reg->db, sql, -1,
			       c == NULL ? SQLITE_PREPARE_PERSISTENT : 0, &s->st,
			       NULL) != SQLITE_OK)
		return registry_fail(reg, op, err);
	if (c == NULL) {
		c = g_new0(struct registry_cached_stmt, 1);
		c->st = s->st;
		c->in_use = true;
		g_hash_table_insert(reg->stmts, g_strdup(sql), c);
		s->cached = c;
	}
	return 0;
}

void
registry_stmt_text(struct registry_stmt *s, int i, const char *v)
{
	if (s->rc == SQLITE_OK)
		s->rc = v != NULL ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_STATIC)
		                  : sqlite3_bind_null(s->st, i);
}

void
registry_stmt_int(struct registry_stmt *s, int i, int64_t v)
{
	if (s->rc == SQLITE_OK)
		s->rc = sqlite3_bind_int64(s->st, i, v);
}

/* Returns 1 for a row, 0 when done, -1 on failure (bind or step). */
int
registry_stmt_step(struct registry_stmt *s, struct ogi_error *err)
{
	int rc;

	if (s->rc != SQLITE_OK) {
		error_set(err, "%s: %s: bind: %s", s->reg->path, s->op,
			  sqlite3_errstr(s->rc));
		return -1;
	}
	rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return registry_fail(s->reg, s->op, err);
}

/* Gives the statement back: a kept one is reset with its bindings
 * cleared (they may point to the caller's strings), any other finalized. */
void
registry_stmt_finish(struct registry_stmt *s)
{
	if (s->cached != NULL) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		s->cached->in_use = false;
		s->cached = NULL;
	} else {
		sqlite3_finalize(s->st);
	}
	s->st = NULL;
}

/* Steps a statement that returns no row, then finishes it. */
int
registry_stmt_run(struct registry_stmt *s, struct ogi_error *err)
{
	int rc = registry_stmt_step(s, err);

	registry_stmt_finish(s);
	if (rc > 0) {
		error_set(err, "%s: %s: unexpected row", s->reg->path, s->op);
		return -1;
	}
	return rc;
}

/* Column i as text, NULL for SQL NULL.  SQLite answers NULL for any other
 * value only when it cannot allocate the text. */
const char *
registry_col_str(sqlite3_stmt *st, int i)
{
	const char *v;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	v = (const char *)sqlite3_column_text(st, i);
	if (v == NULL)
		g_error("SQLite: out of memory reading a column");
	return v;
}

/* A copy of column i, NULL for SQL NULL. */
char *
registry_col_dup(sqlite3_stmt *st, int i)
{
	return g_strdup(registry_col_str(st, i));
}

static void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

/* Grows items (elements of size bytes, *cap of them) to hold at least need,
 * zeroing the new elements.  Returns the array. */
static void *
array_reserve(void *items, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 8;
	char *p;

	if (need <= *cap && items != NULL)
		return items;
	while (ncap < need)
		ncap *= 2;
	p = g_realloc_n(items, ncap, size);
	memset(p + *cap * size, 0, (ncap - *cap) * size);
	*cap = ncap;
	return p;
}

/* --- transactions -------------------------------------------------------- */

/* Static SQL without parameters (transaction control, pragmas). */
int
registry_exec(struct registry *reg, const char *sql, const char *op,
	      struct ogi_error *err)
{
	if (registry_schema_exec(reg->db, sql, op, err) != 0) {
		error_prefix(err, "%s", reg->path);
		registry_scope(reg, err);
		return -1;
	}
	return 0;
}

/* SQLite rolls back by itself after some errors (SQLITE_FULL, IOERR):
 * only an open transaction is rolled back here. */
void
registry_rollback(struct registry *reg)
{
	struct ogi_error rerr;

	if (!sqlite3_get_autocommit(reg->db) &&
	    registry_schema_exec(reg->db, "ROLLBACK", "roll back", &rerr) != 0)
		log_error("%s: %s", reg->path, rerr.msg);
}

/* A write of its own: a transaction, or inside a batch a savepoint, so
 * that a write that fails undoes its own part and nothing of the batch. */
static int
reg_write_begin(struct registry *reg, struct ogi_error *err)
{
	if (reg->batch)
		return registry_exec(reg, "SAVEPOINT reg_write", "begin write",
				     err);
	return registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction", err);
}

/* Ends the write reg_write_begin began: kept when rc is 0, undone
 * otherwise.  Returns rc, or -1 when the commit fails. */
static int
reg_write_end(struct registry *reg, int rc, struct ogi_error *err)
{
	struct ogi_error rerr;

	if (!reg->batch) {
		if (rc == 0)
			rc = registry_exec(reg, "COMMIT", "commit", err);
		if (rc != 0)
			registry_rollback(reg);
		return rc;
	}
	if (rc == 0)
		return registry_exec(reg, "RELEASE reg_write", "end write",
				     err);
	/* SQLite may have rolled the whole batch back by itself (full disk,
	 * I/O error): then there is no savepoint left, and
	 * registry_batch_commit reports it. */
	if (!sqlite3_get_autocommit(reg->db) &&
	    (registry_schema_exec(reg->db, "ROLLBACK TO reg_write",
				  "undo write", &rerr) != 0 ||
	     registry_schema_exec(reg->db, "RELEASE reg_write", "end write",
				  &rerr) != 0))
		log_error("%s: %s", reg->path, rerr.msg);
	return rc;
}

int
registry_batch_begin(struct registry *reg, struct ogi_error *err)
{
	if (reg->batch) {
		error_set(err, "%s: a batch is already open", reg->path);
		return -1;
	}
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin batch", err) != 0)
		return -1;
	reg->batch = true;
	return 0;
}

int
registry_batch_commit(struct registry *reg, struct ogi_error *err)
{
	int rc;

	if (!reg->batch) {
		error_set(err, "%s: commit: no batch is open", reg->path);
		return -1;
	}
	reg->batch = false;
	if (sqlite3_get_autocommit(reg->db)) {
		error_set(err, "%s: commit batch: SQLite rolled it back after an "
			  "error", reg->path);
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	rc = registry_exec(reg, "COMMIT", "commit batch", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

void
registry_batch_abort(struct registry *reg)
{
	if (!reg->batch)
		return;
	reg->batch = false;
	registry_rollback(reg);
}

/* --- open / close -------------------------------------------------------- */

/* Creates the file 0600 before SQLite sees it (SQLite gives its -wal and
 * -shm files the main file's mode) and tightens an existing one. */
static int
registry_prepare_file(const char *path, struct ogi_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		error_set(err, "%s: create: %s", path, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) != 0) {
		error_set(err, "%s: chmod 0600: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		error_set(err, "%s: close: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
registry_set_wal(struct registry *reg, struct ogi_error *err)
{
	struct registry_stmt s;
	const char *mode;
	int rc;

	if (registry_stmt_prepare(reg, &s, "PRAGMA journal_mode = WAL",
				  "set WAL", err) != 0)
		return -1;
	rc = registry_stmt_step(&s, err);
	if (rc == 0) {
		error_set(err, "%s: set WAL: no answer", reg->path);
		rc = -1;
	} else if (rc > 0) {
		mode = registry_col_str(s.st, 0);
		rc = mode != NULL && strcmp(mode, "wal") == 0 ? 0 : -1;
		if (rc != 0)
			error_set(err, "%s: set WAL: journal mode stays \"%s\"",
				  reg->path, mode != NULL ? mode : "?");
	}
	registry_stmt_finish(&s);
	return rc;
}

static int
registry_configure(struct registry *reg, bool readonly, struct ogi_error *err)
{
	if (sqlite3_busy_timeout(reg->db, REGISTRY_BUSY_MS) != SQLITE_OK)
		return registry_fail(reg, "set busy timeout", err);
	if (registry_exec(reg,
			  "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL",
			  "set pragmas", err) != 0)
		return -1;
	/* A read-only connection cannot change the journal mode; the file is
	 * already WAL when ogid created it. */
	if (!readonly && registry_set_wal(reg, err) != 0)
		return -1;
	return 0;
}

int
registry_open(const char *path, bool readonly, struct registry **reg_r,
	      struct ogi_error *err)
{
	struct registry *reg;
	int flags = readonly ? SQLITE_OPEN_READONLY
	                     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	*reg_r = NULL;
	if (!readonly && registry_prepare_file(path, err) != 0)
		return -1;
	reg = g_new0(struct registry, 1);
	reg->path = g_strdup(path);
	reg->actor = g_strdup(REGISTRY_ACTOR_DAEMON);
	reg->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   reg_cached_free);
	if (sqlite3_open_v2(path, &reg->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		registry_fail(reg, "open", err);
		goto fail;
	}
	if (registry_configure(reg, readonly, err) != 0)
		goto fail;
	if (readonly) {
		if (registry_schema_user_version(reg->db, &reg->version,
						 err) != 0) {
			error_prefix(err, "%s", path);
			goto fail;
		}
		if (reg->version != registry_schema_latest()) {
			error_set(err, "%s: schema version %d, this program reads %d "
				  "(start ogid once to create or migrate it)", path,
				  reg->version, registry_schema_latest());
			goto fail;
		}
	} else if (registry_schema_migrate(reg->db, &reg->version, err) != 0) {
		error_prefix(err, "%s", path);
		goto fail;
	}
	*reg_r = reg;
	return 0;
fail:
	registry_close(reg);
	return -1;
}

void
registry_close(struct registry *reg)
{
	if (reg == NULL)
		return;
	registry_batch_abort(reg);
	/* Kept statements would keep the connection open. */
	g_hash_table_destroy(reg->stmts);
	if (reg->db != NULL && sqlite3_close(reg->db) != SQLITE_OK)
		log_error("%s: close: %s", reg->path, sqlite3_errmsg(reg->db));
	free(reg->path);
	free(reg->actor);
	free(reg);
}

void
registry_set_actor(struct registry *reg, const char *actor)
{
	free(reg->actor);
	reg->actor = g_strdup(actor != NULL && actor[0] != '\0'
			      ? actor : REGISTRY_ACTOR_DAEMON);
}

int
registry_schema_version(struct registry *reg)
{
	return reg->version;
}

/* --- element lists --------------------------------------------------------- */

/* Writes the names of bits (count known bits, bit order) comma-separated
 * into buf.  Returns 0, or -1 for a bit without a name. */
static int
bits_to_names(unsigned bits, unsigned count, const char *(*name)(unsigned),
	      char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < sizeof(bits) * 8; i++) {
		const char *n;
		int w;

		if (!(bits & (1u << i)))
			continue;
		n = i < count ? name(1u << i) : NULL;
		if (n == NULL)
			return -1;
		w = snprintf(buf + len, size - len, "%s%s", len ? "," : "", n);
		if (w < 0 || (size_t)w >= size - len)
			return -1;
		len += (size_t)w;
	}
	return 0;
}

/* The reverse of bits_to_names.  Returns 0, or -1 for an unknown name. */
static int
names_to_bits(const char *names, unsigned (*bit)(const char *), unsigned *bits_r)
{
	char buf[256];
	char *save = NULL;

	*bits_r = 0;
	if (names == NULL || names[0] == '\0')
		return 0;
	if (strlen(names) >= sizeof(buf))
		return -1;
	strcpy(buf, names);
	for (char *t = strtok_r(buf, ",", &save); t != NULL;
	     t = strtok_r(NULL, ",", &save)) {
		unsigned b = bit(t);

		if (b == 0)
			return -1;
		*bits_r |= b;
	}
	return 0;
}

/* --- the extracted fields of a case -------------------------------------- */

/* Columns holding struct extract_record; bound and read in this order by
 * case_bind_record and case_read_record: eight columns of names, flags and
 * dates, then the strings of case_text_fields, each in the column of its
 * field's name (EXTRACT_APPLICATION_STRINGS). */
#define CASE_TEXT_COLUMN(field, ...) ", " #field
#define CASE_RECORD_COLUMNS \
	"applicant_kind, id_type, signature_present, application_date, " \
	"delivery, medium, missing, invalid" \
	EXTRACT_APPLICATION_STRINGS(CASE_TEXT_COLUMN)
#define CASE_RECORD_FIRST_TEXT 8
/* One more parameter per string column, numbered after the others. */
#define CASE_TEXT_PARAM(field, ...) ", ?"
#define CASE_TEXT_PARAMS EXTRACT_APPLICATION_STRINGS(CASE_TEXT_PARAM)

#define CASE_TEXT_FIELD(field, ...) offsetof(struct extract_record, field),
static const size_t case_text_fields[] = {
	EXTRACT_APPLICATION_STRINGS(CASE_TEXT_FIELD)
};
#define CASE_N_TEXT_FIELDS G_N_ELEMENTS(case_text_fields)

/* missing and invalid: names buffers owned by the caller, alive until the
 * statement is stepped. */
static void
case_bind_record(struct registry_stmt *s, int first,
		 const struct extract_record *rec,
		 const char *missing, const char *invalid)
{
	registry_stmt_text(s, first + 0,
			   extract_applicant_kind_name(rec->applicant_kind));
	registry_stmt_text(s, first + 1, extract_id_type_name(rec->id_type));
	registry_stmt_int(s, first + 2, rec->signature_present ? 1 : 0);
	registry_stmt_text(s, first + 3,
			   rec->date[0] != '\0' ? rec->date : NULL);
	registry_stmt_text(s, first + 4, extract_delivery_name(rec->delivery));
	registry_stmt_text(s, first + 5, extract_medium_name(rec->medium));
	registry_stmt_text(s, first + 6, missing);
	registry_stmt_text(s, first + 7, invalid);
	for (size_t i = 0; i < CASE_N_TEXT_FIELDS; i++)
		registry_stmt_text(s, first + CASE_RECORD_FIRST_TEXT + (int)i,
				   *(char *const *)((const char *)rec + case_text_fields[i]));
}

/* A NULL column is the UNKNOWN/NONE value (0, as rec was zeroed); any other
 * text must be a name record.c knows. */
static int
case_read_record(struct registry *reg, sqlite3_stmt *st, int first,
		 const char *id, struct extract_record *rec,
		 struct ogi_error *err)
{
	const char *bad = NULL, *v;

	rec->kind = EXTRACT_KIND_APPLICATION;
	rec->signature_present = sqlite3_column_int(st, first + 2) != 0;
	copy_str(rec->date, sizeof(rec->date), registry_col_str(st, first + 3));
	if ((v = registry_col_str(st, first + 0)) != NULL &&
	    extract_applicant_kind_from_name(v, &rec->applicant_kind) != 0)
		bad = "applicant kind";
	else if ((v = registry_col_str(st, first + 1)) != NULL &&
		 extract_id_type_from_name(v, &rec->id_type) != 0)
		bad = "ID type";
	else if ((v = registry_col_str(st, first + 4)) != NULL &&
		 extract_delivery_from_name(v, &rec->delivery) != 0)
		bad = "delivery";
	else if ((v = registry_col_str(st, first + 5)) != NULL &&
		 extract_medium_from_name(v, &rec->medium) != 0)
		bad = "medium";
	else if (names_to_bits(registry_col_str(st, first + 6),
			       extract_element_from_name,
			       &rec->missing) != 0)
		bad = "missing element";
	else if (names_to_bits(registry_col_str(st, first + 7),
			       extract_invalid_from_name,
			       &rec->invalid) != 0)
		bad = "invalid field";
	if (bad != NULL) {
		error_set(err, "%s: case %s: unknown %s in the database", reg->path,
			  id, bad);
		return -1;
	}
	for (size_t i = 0; i < CASE_N_TEXT_FIELDS; i++)
		*(char **)((char *)rec + case_text_fields[i]) =
			registry_col_dup(st,
					 first + CASE_RECORD_FIRST_TEXT + (int)i);
	return 0;
}

/* The fax a gateway mailed (extract/fax.h), after the record's columns in
 * CASE_SELECT; NULL columns for a case that came by no gateway. */
#define CASE_FAX_COLUMNS \
	"fax_style, fax_caller, fax_csid, fax_pages, fax_quality, fax_received"

static int
case_set_fax(struct registry *reg, const char *id, const struct extract_fax *fax,
	     struct ogi_error *err)
{
	struct registry_stmt s;

	if (!fax->is_fax)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET fax_style = ?2, fax_caller = ?3,"
				  " fax_csid = ?4, fax_pages = ?5, fax_quality = ?6,"
				  " fax_received = ?7 WHERE id = ?1",
				  "record the fax", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, extract_fax_style_name(fax->style));
	registry_stmt_text(&s, 3, fax->caller);
	registry_stmt_text(&s, 4, fax->csid);
	if (fax->pages > 0)
		registry_stmt_int(&s, 5, fax->pages);
	registry_stmt_text(&s, 6, extract_fax_quality_name(fax->quality));
	if (fax->received > 0)
		registry_stmt_int(&s, 7, fax->received);
	return registry_stmt_run(&s, err);
}

static int
case_read_fax(struct registry *reg, sqlite3_stmt *st, int first, const char *id,
	      struct extract_fax *fax, struct ogi_error *err)
{
	const char *style = registry_col_str(st, first);
	const char *quality = registry_col_str(st, first + 4);

	if (style == NULL)
		return 0;
	if (extract_fax_style_from_name(style, &fax->style) != 0 ||
	    (quality != NULL &&
	     extract_fax_quality_from_name(quality, &fax->quality) != 0)) {
		error_set(err, "%s: case %s: unknown fax style or quality in the "
			  "database", reg->path, id);
		return -1;
	}
	fax->is_fax = true;
	fax->caller = registry_col_dup(st, first + 1);
	fax->csid = registry_col_dup(st, first + 2);
	fax->pages = (unsigned)sqlite3_column_int(st, first + 3);
	fax->received = sqlite3_column_int64(st, first + 5);
	return 0;
}

/* --- recording ----------------------------------------------------------- */

/* An earlier record of the same message, if any. */
struct reg_known {
	bool found;
	bool same_content;
	int64_t id;
	char case_id[16];
	char disposition[16];
};

static int
message_find(struct registry *reg, const char *sha256, const char *mailbox,
	     const char *uid, struct reg_known *k, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*k = (struct reg_known){ .found = false };
	if (registry_stmt_prepare(reg, &s,
				  "SELECT id, case_id, disposition, sha256 IS ?1 FROM messages"
				  " WHERE sha256 = ?1 OR (mailbox = ?2 AND uid = ?3)"
				  " OR id IN (SELECT message_id FROM message_aliases"
				  "           WHERE mailbox = ?2 AND uid = ?3)"
				  " ORDER BY sha256 IS ?1 DESC LIMIT 1",
				  "look up message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, sha256);
	registry_stmt_text(&s, 2, mailbox);
	registry_stmt_text(&s, 3, uid);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		k->found = true;
		k->id = sqlite3_column_int64(s.st, 0);
		copy_str(k->case_id, sizeof(k->case_id),
			 registry_col_str(s.st, 1));
		copy_str(k->disposition, sizeof(k->disposition),
			 registry_col_str(s.st, 2));
		k->same_content = sqlite3_column_int(s.st, 3) != 0;
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_message_known(struct registry *reg, const char *sha256,
		       const char *mailbox, const char *uid, bool *known_r,
		       struct ogi_error *err)
{
	struct reg_known k;

	*known_r = false;
	if (message_find(reg, sha256, mailbox, uid, &k, err) != 0)
		return -1;
	*known_r = k.found;
	return 0;
}

int
registry_message_disposition(struct registry *reg, const char *mailbox,
			     const char *uid, char disposition_r[16],
			     struct ogi_error *err)
{
	struct reg_known k;

	disposition_r[0] = '\0';
	if (message_find(reg, NULL, mailbox, uid, &k, err) != 0)
		return -1;
	if (k.found)
		copy_str(disposition_r, 16, k.disposition);
	return 0;
}

int
registry_message_mailbox(struct registry *reg, const char *sha256,
			 char **mailbox_r, int64_t *received_at_r,
			 struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*mailbox_r = NULL;
	*received_at_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT mailbox, received_at FROM messages"
				  " WHERE sha256 = ?1"
				  " ORDER BY id LIMIT 1",
				  "look up message's intake", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, sha256);
	rc = registry_stmt_step(&s, err);
	if (rc > 0) {
		*mailbox_r = registry_col_dup(s.st, 0);
		*received_at_r = sqlite3_column_int64(s.st, 1);
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_event_add(struct registry *reg, const char *case_id,
		   int64_t message_id, const char *type, const char *detail,
		   struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO events (at, case_id, message_id, type, detail,"
				  " actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				  "add event", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, (int64_t)time(NULL));
	registry_stmt_text(&s, 2, case_id);
	if (message_id > 0)
		registry_stmt_int(&s, 3, message_id);
	registry_stmt_text(&s, 4, type);
	registry_stmt_text(&s, 5, detail);
	registry_stmt_text(&s, 6, reg->actor);
	return registry_stmt_run(&s, err);
}

/* Takes the next number of a sequence: sql is an upsert with parameters
 * ?1 year and ?2 kind that returns the new value. */
static int
seq_next(struct registry *reg, const char *sql, int year, const char *kind,
	 const char *op, int *seq_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	if (registry_stmt_prepare(reg, &s, sql, op, err) != 0)
		return -1;
	registry_stmt_int(&s, 1, year);
	if (kind != NULL)
		registry_stmt_text(&s, 2, kind);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		*seq_r = sqlite3_column_int(s.st, 0);
	else if (rc == 0)
		error_set(err, "%s: %s: no value returned", reg->path, op);
	registry_stmt_finish(&s);
	return rc > 0 ? 0 : -1;
}

static int
local_year(int64_t t, int tz_offset, int *year_r)
{
	time_t local = (time_t)(t + tz_offset);
	struct tm tm;

	if (gmtime_r(&local, &tm) == NULL)
		return -1;
	*year_r = tm.tm_year + 1900;
	return *year_r >= 1 && *year_r <= 9999 ? 0 : -1;
}

static int
case_create(struct registry *reg, const struct registry_message *msg,
	    const struct extract_record *rec, int tz_offset,
	    const struct registry_decision *d, char id[16],
	    const char **state_r, struct ogi_error *err)
{
	char missing[256], invalid[256];
	const char *channel;
	struct registry_stmt s;
	int year, seq;

	if (msg->channel != NULL && strcmp(msg->channel, "mail") == 0)
		channel = "email";
	else if (msg->channel != NULL && strcmp(msg->channel, "fax") == 0)
		channel = "fax";
	else {
		error_set(err, "%s: create case: unknown channel \"%s\"", reg->path,
			  msg->channel != NULL ? msg->channel : "(null)");
		return -1;
	}
	if (local_year(msg->received_at, tz_offset, &year) != 0) {
		error_set(err, "%s: create case: received_at %lld out of range",
			  reg->path, (long long)msg->received_at);
		return -1;
	}
	if (bits_to_names(rec->missing, EXTRACT_ELEM_COUNT, extract_element_name,
			  missing, sizeof(missing)) != 0 ||
	    bits_to_names(rec->invalid, EXTRACT_INVALID_COUNT, extract_invalid_name,
			  invalid, sizeof(invalid)) != 0) {
		error_set(err, "%s: create case: unknown missing/invalid bits %#x/%#x",
			  reg->path, rec->missing, rec->invalid);
		return -1;
	}
	if (seq_next(reg,
		     "INSERT INTO case_seq (year, last) VALUES (?1, 1)"
		     " ON CONFLICT (year) DO UPDATE SET last = last + 1"
		     " RETURNING last",
		     year, NULL, "next tracking number", &seq, err) != 0)
		return -1;
	if (seq > 999999) {
		error_set(err, "%s: create case: tracking numbers of %d exhausted",
			  reg->path, year);
		error_scope(err, OGI_ERROR_STORE, false);
		return -1;
	}
	/* year <= 9999 and seq <= 999999: always 11 characters. */
	snprintf(id, 16, "%04d-%06d", year % 10000, seq % 1000000);
	*state_r = d->state;

	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO cases (id, year, seq, state, channel, received_at,"
				  " deadline, created_at, deadline_provisional, received_source, "
				  "rules, receipt_date, deadline_basis, correction_due, "
				  "org_kind, review, " CASE_RECORD_COLUMNS ")"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
				  " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24"
				  CASE_TEXT_PARAMS ")",
				  "insert case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_int(&s, 2, year);
	registry_stmt_int(&s, 3, seq);
	registry_stmt_text(&s, 4, *state_r);
	registry_stmt_text(&s, 5, channel);
	registry_stmt_int(&s, 6, msg->received_at);
	registry_stmt_text(&s, 7, d->deadline);
	registry_stmt_int(&s, 8, (int64_t)time(NULL));
	registry_stmt_int(&s, 9,
			  d->deadline != NULL && d->deadline_provisional);
	registry_stmt_text(&s, 10, msg->received_source);
	registry_stmt_text(&s, 11, d->rules);
	registry_stmt_text(&s, 12, d->receipt_date);
	registry_stmt_text(&s, 13, d->deadline_basis);
	registry_stmt_text(&s, 14, d->correction_due);
	/* The annual report's column; NULL (unknown) asks the clerk. */
	registry_stmt_text(&s, 15, rec->applicant_kind == EXTRACT_APPLICANT_ORGANISATION ?
			   extract_org_kind_name(extract_org_kind(rec->name, NULL)) : NULL);
	registry_stmt_text(&s, 16, rec->review);
	case_bind_record(&s, 17, rec, missing, invalid);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	return case_set_fax(reg, id, &rec->incoming_fax, err);
}

static int
case_exists(struct registry *reg, const char *id, bool *exists_r,
	    struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	if (registry_stmt_prepare(reg, &s, "SELECT 1 FROM cases WHERE id = ?1",
				  "look up case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	registry_stmt_finish(&s);
	*exists_r = rc > 0;
	return rc < 0 ? -1 : 0;
}

static int
message_insert(struct registry *reg, const struct registry_message *msg,
	       const char *kind, const char *disposition, const char *case_id,
	       int64_t *id_r, struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s,
				  "INSERT INTO messages (sha256, mailbox, uid, raw_path,"
				  " received_at, channel, message_id, from_addr, subject, kind,"
				  " disposition, case_id, problems, recorded_at, received_source)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
				  " ?13, ?14, ?15)",
				  "insert message", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, msg->sha256);
	registry_stmt_text(&s, 2, msg->mailbox);
	registry_stmt_text(&s, 3, msg->uid);
	registry_stmt_text(&s, 4, msg->raw_path);
	registry_stmt_int(&s, 5, msg->received_at);
	registry_stmt_text(&s, 6, msg->channel);
	registry_stmt_text(&s, 7, msg->message_id);
	registry_stmt_text(&s, 8, msg->from_addr);
	registry_stmt_text(&s, 9, msg->subject);
	registry_stmt_text(&s, 10, kind);
	registry_stmt_text(&s, 11, disposition);
	registry_stmt_text(&s, 12, case_id);
	registry_stmt_text(&s, 13, msg->problems);
	registry_stmt_int(&s, 14, (int64_t)time(NULL));
	registry_stmt_text(&s, 15, msg->received_source);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	*id_r = sqlite3_last_insert_rowid(reg->db);
	return 0;
}

/* Where each field the message gave came from (ogictl explain); a field
 * the extractor gave no provenance is stored as "none". */
#define REG_NAME_OR_NONE(name) ((name) != NULL ? (name) : "none")
static int
message_fields_insert(struct registry *reg, int64_t mid,
		      const struct extract_record *rec, struct ogi_error *err)
{
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++) {
		const struct extract_field_info *in = &rec->info[f];
		char *value = extract_field_text(rec, f);
		struct registry_stmt s;
		int rc;

		if (value == NULL && in->source == EXTRACT_SRC_NONE &&
		    in->confidence == EXTRACT_CONF_NONE)
			continue;
		if (registry_stmt_prepare(reg, &s,
					  "INSERT INTO message_fields (message_id, field,"
					  " value, source, confidence, rule, line, line_no)"
					  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
					  "insert message field", err) != 0) {
			g_free(value);
			return -1;
		}
		registry_stmt_int(&s, 1, mid);
		registry_stmt_text(&s, 2, extract_field_name(f));
		registry_stmt_text(&s, 3, value);
		registry_stmt_text(&s, 4,
				   REG_NAME_OR_NONE(extract_source_name(in->source)));
		registry_stmt_text(&s, 5,
				   REG_NAME_OR_NONE(extract_confidence_name(in->confidence)));
		registry_stmt_text(&s, 6, in->rule);
		registry_stmt_text(&s, 7, in->line);
		registry_stmt_int(&s, 8, in->line_no);
		rc = registry_stmt_run(&s, err);
		g_free(value);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
record_duplicate(struct registry *reg, const struct registry_message *msg,
		 const struct reg_known *k, struct registry_outcome *out,
		 struct ogi_error *err)
{
	char detail[512];
	struct registry_stmt s;

	out->duplicate = true;
	copy_str(out->case_id, sizeof(out->case_id), k->case_id);
	copy_str(out->disposition, sizeof(out->disposition), k->disposition);
	snprintf(detail, sizeof(detail), "%s again as %s/%s",
		 k->same_content ? "same content" : "same mailbox identity",
		 msg->mailbox != NULL ? msg->mailbox : "?",
		 msg->uid != NULL ? msg->uid : "?");
	if (k->same_content && msg->mailbox != NULL && msg->uid != NULL) {
		if (registry_stmt_prepare(reg, &s,
					  "INSERT OR IGNORE INTO message_aliases"
					  " (mailbox, uid, message_id, recorded_at)"
					  " VALUES (?1, ?2, ?3, ?4)", "add alias", err) != 0)
			return -1;
		registry_stmt_text(&s, 1, msg->mailbox);
		registry_stmt_text(&s, 2, msg->uid);
		registry_stmt_int(&s, 3, k->id);
		registry_stmt_int(&s, 4, (int64_t)time(NULL));
		if (registry_stmt_run(&s, err) != 0)
			return -1;
	}
	return registry_event_add(reg, NULL, k->id, "duplicate", detail, err);
}

/* Everything registry_record writes, inside its transaction. */
static int
record_in_tx(struct registry *reg, const struct registry_message *msg,
	     const struct extract_record *rec,
	     const struct registry_decision *d, int tz_offset,
	     struct registry_outcome *out, struct ogi_error *err)
{
	const char *kind = rec != NULL ? extract_kind_name(rec->kind) : "unparsed";
	const char *event = "received", *state;
	char detail[256];
	struct reg_known k;
	int64_t mid;

	if (message_find(reg, msg->sha256, msg->mailbox, msg->uid, &k, err) != 0)
		return -1;
	if (k.found)
		return record_duplicate(reg, msg, &k, out, err);
	if (kind == NULL) {
		error_set(err, "%s: record message: unknown kind %d", reg->path,
			  (int)rec->kind);
		return -1;
	}
	if ((d->state != NULL) != (rec != NULL && rec->kind == EXTRACT_KIND_APPLICATION) ||
	    (d->state != NULL && d->link_case != NULL)) {
		error_set(err, "%s: record message: a %s cannot %s", reg->path, kind,
			  d->state != NULL ? "open a case" : "join a case");
		return -1;
	}
	snprintf(detail, sizeof(detail), "%s: %s", kind, d->reason);
	if (d->state != NULL) {
		if (case_create(reg, msg, rec, tz_offset, d, out->case_id, &state,
				err) != 0)
			return -1;
		out->created = true;
		event = "registered";
		snprintf(detail, sizeof(detail), "%s", state);
	} else if (d->link_case != NULL) {
		bool exists = false;

		if (case_exists(reg, d->link_case, &exists, err) != 0)
			return -1;
		if (!exists) {
			error_set(err, "%s: record message: no case %s to join",
				  reg->path, d->link_case);
			return -1;
		}
		copy_str(out->case_id, sizeof(out->case_id), d->link_case);
		event = "linked";
	}
	copy_str(out->disposition, sizeof(out->disposition), d->disposition);

	if (message_insert(reg, msg, kind, out->disposition,
			   out->case_id[0] != '\0' ? out->case_id : NULL, &mid,
			   err) != 0 ||
	    (rec != NULL && message_fields_insert(reg, mid, rec, err) != 0))
		return -1;
	return registry_event_add(reg,
				  out->case_id[0] != '\0' ? out->case_id : NULL, mid,
				  event, detail, err);
}

int
registry_record(struct registry *reg, const struct registry_message *msg,
		const struct extract_record *rec,
		const struct registry_decision *decision, int tz_offset,
		struct registry_outcome *out_r, struct ogi_error *err)
{
	int rc;

	*out_r = (struct registry_outcome){ .created = false };
	if (reg_write_begin(reg, err) != 0)
		return -1;
	rc = record_in_tx(reg, msg, rec, decision, tz_offset, out_r, err);
	rc = reg_write_end(reg, rc, err);
	if (rc != 0)
		*out_r = (struct registry_outcome){ .created = false };
	return rc;
}

int
registry_case_exists(struct registry *reg, const char *id, bool *exists_r,
		     struct ogi_error *err)
{
	return case_exists(reg, id, exists_r, err);
}

int
registry_case_transition_in_tx(struct registry *reg, const char *id,
			       const char *from, const char *to,
			       const char *event, const char *detail,
			       struct ogi_error *err)
{
	struct registry_stmt s;

	if (registry_stmt_prepare(reg, &s, "UPDATE cases SET state = ?3"
				  " WHERE id = ?1 AND state = ?2", "change case state",
				  err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, from);
	registry_stmt_text(&s, 3, to);
	if (registry_stmt_run(&s, err) != 0)
		return -1;
	if (sqlite3_changes(reg->db) != 1) {
		error_set(err, "%s: case %s is no longer %s: not changed to %s",
			  reg->path, id, from, to);
		return -1;
	}
	return registry_event_add(reg, id, 0, event,
				  detail != NULL ? detail : to, err);
}

int
registry_case_transition(struct registry *reg, const char *id,
			 const char *from, const char *to, const char *event,
			 const char *detail, struct ogi_error *err)
{
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	if (registry_case_transition_in_tx(reg, id, from, to, event, detail,
					   err) == 0 &&
	    registry_exec(reg, "COMMIT", "commit", err) == 0)
		return 0;
	registry_rollback(reg);
	return -1;
}

int
registry_docnum_take(struct registry *reg, const char *kind, int year,
		     int *seq_r, struct ogi_error *err)
{
	return seq_next(reg,
			"INSERT INTO doc_seq (year, kind, last) VALUES (?1, ?2, 1)"
			" ON CONFLICT (year, kind) DO UPDATE SET last = last + 1"
			" RETURNING last",
			year, kind, "next document number", seq_r, err);
}

int
registry_next_docnum(struct registry *reg, const char *kind, int year,
		     int *seq_r, struct ogi_error *err)
{
	int rc;

	if (kind == NULL || kind[0] == '\0') {
		error_set(err, "%s: next document number: empty letter kind", reg->path);
		return -1;
	}
	if (registry_exec(reg, "BEGIN IMMEDIATE", "begin transaction",
			  err) != 0)
		return -1;
	rc = registry_docnum_take(reg, kind, year, seq_r, err);
	if (rc == 0)
		rc = registry_exec(reg, "COMMIT", "commit", err);
	if (rc != 0)
		registry_rollback(reg);
	return rc;
}

/* --- queries ------------------------------------------------------------- */

static void
message_row_clear(struct registry_message_row *r)
{
	free(r->mailbox);
	free(r->uid);
	free(r->message_id);
	free(r->from_addr);
	free(r->subject);
	free(r->kind);
	free(r->case_id);
	free(r->problems);
	free(r->disposition);
}

void
registry_message_rows_free(struct registry_message_row *rows, size_t n)
{
	for (size_t i = 0; rows != NULL && i < n; i++)
		message_row_clear(&rows[i]);
	free(rows);
}

static void
message_row_read(sqlite3_stmt *st, struct registry_message_row *r)
{
	char **cols[] = {
		&r->mailbox, &r->uid, &r->message_id, NULL, &r->from_addr,
		&r->subject, &r->kind, &r->case_id, &r->problems, &r->disposition,
	};

	for (int i = 0; i < (int)G_N_ELEMENTS(cols); i++)
		if (cols[i] != NULL)
			*cols[i] = registry_col_dup(st, i);
	r->received_at = sqlite3_column_int64(st, 3);
}

int
registry_messages(struct registry *reg, struct registry_message_row **rows_r,
		  size_t *n_r, struct ogi_error *err)
{
	struct registry_message_row *rows = NULL;
	size_t n = 0, cap = 0;
	struct registry_stmt s;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT mailbox, uid, message_id, received_at, from_addr,"
				  " subject, kind, case_id, problems, disposition"
				  " FROM messages ORDER BY received_at, id",
				  "list messages", err) != 0)
		return -1;
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		rows = array_reserve(rows, &cap, n + 1, sizeof(*rows));
		message_row_read(s.st, &rows[n++]);
	}
	registry_stmt_finish(&s);
	if (rc < 0) {
		registry_message_rows_free(rows, n);
		return -1;
	}
	*rows_r = rows;
	*n_r = n;
	return 0;
}

int
registry_thread_case(struct registry *reg, char *const *ids, size_t n,
		     const char *from, char case_r[REGISTRY_CASE_ID_SIZE],
		     struct ogi_error *err)
{
	struct registry_stmt s;
	int rc = 0;

	case_r[0] = '\0';
	if (from == NULL || n == 0)
		return 0;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT case_id FROM messages WHERE message_id = ?1"
				  " AND case_id IS NOT NULL AND from_addr = ?2 COLLATE NOCASE"
				  " ORDER BY id DESC LIMIT 1",
				  "find thread", err) != 0)
		return -1;
	for (size_t i = 0; i < n && case_r[0] == '\0' && rc >= 0; i++) {
		sqlite3_reset(s.st);
		registry_stmt_text(&s, 1, ids[i]);
		registry_stmt_text(&s, 2, from);
		if ((rc = registry_stmt_step(&s, err)) > 0)
			copy_str(case_r, REGISTRY_CASE_ID_SIZE,
				 registry_col_str(s.st, 0));
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

static int
explain_fields(struct registry *reg, int64_t mid, struct registry_explain *ex,
	       struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	if (registry_stmt_prepare(reg, &s,
				  "SELECT field, value, source, confidence, rule, line,"
				  " line_no FROM message_fields WHERE message_id = ?1",
				  "read message fields", err) != 0)
		return -1;
	registry_stmt_int(&s, 1, mid);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		enum extract_field f;
		struct extract_field_info *in;

		/* "none" and names this build no longer knows read as NONE:
		 * an explanation is shown, never refused. */
		if (extract_field_from_name(registry_col_str(s.st, 0), &f) != 0)
			continue;
		in = &ex->info[f];
		ex->values[f] = registry_col_dup(s.st, 1);
		if (extract_source_from_name(registry_col_str(s.st, 2),
					     &in->source) != 0)
			in->source = EXTRACT_SRC_NONE;
		if (extract_confidence_from_name(registry_col_str(s.st, 3),
						 &in->confidence) != 0)
			in->confidence = EXTRACT_CONF_NONE;
		in->rule = registry_col_dup(s.st, 4);
		in->line = registry_col_dup(s.st, 5);
		in->line_no = (unsigned)sqlite3_column_int64(s.st, 6);
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_message_explain(struct registry *reg, const char *which,
			 struct registry_explain **ex_r, struct ogi_error *err)
{
	struct registry_explain *ex = NULL;
	size_t len = strlen(which);
	char *bare = len >= 2 && which[0] == '<' && which[len - 1] == '>'
		     ? g_strndup(which + 1, len - 2) : g_strdup(which);
	struct registry_stmt s;
	int64_t mid = 0;
	int rc, found = 0;

	*ex_r = NULL;
	if (registry_stmt_prepare(reg, &s,
				  "SELECT mailbox, uid, message_id, received_at, from_addr,"
				  " subject, kind, case_id, problems, disposition, id"
				  " FROM messages WHERE uid = ?1 OR message_id = ?1"
				  " OR message_id = ?2 ORDER BY id",
				  "find message", err) != 0) {
		g_free(bare);
		return -1;
	}
	registry_stmt_text(&s, 1, which);
	/* Message-IDs are kept without their angle brackets. */
	registry_stmt_text(&s, 2, bare);
	while ((rc = registry_stmt_step(&s, err)) > 0 && ++found == 1) {
		ex = g_new0(struct registry_explain, 1);
		message_row_read(s.st, &ex->msg);
		mid = sqlite3_column_int64(s.st, 10);
	}
	registry_stmt_finish(&s);
	g_free(bare);
	if (rc >= 0 && found > 1) {
		error_set(err, "%s: %s names several messages", reg->path, which);
		rc = -1;
	}
	if (rc < 0 || (ex != NULL && explain_fields(reg, mid, ex, err) != 0)) {
		registry_explain_free(ex);
		return -1;
	}
	*ex_r = ex;
	return 0;
}

void
registry_explain_free(struct registry_explain *ex)
{
	if (ex == NULL)
		return;
	message_row_clear(&ex->msg);
	for (size_t i = 0; i < EXTRACT_FIELD_COUNT; i++) {
		free(ex->values[i]);
		free(ex->info[i].rule);
		free(ex->info[i].line);
	}
	free(ex);
}

void
registry_case_free(struct registry_case *c)
{
	if (c == NULL)
		return;
	free(c->id);
	free(c->state);
	free(c->channel);
	free(c->deadline);
	free(c->received_source);
	free(c->rules);
	free(c->receipt_date);
	free(c->deadline_basis);
	free(c->org_kind);
	free(c->correction_due);
	free(c->outcome);
	free(c->outcome_detail);
	extract_record_clear(&c->rec);
	for (size_t i = 0; c->messages != NULL && i < c->n_messages; i++)
		free(c->messages[i]);
	free(c->messages);
	free(c);
}

void
registry_cases_free(struct registry_case **cases, size_t n)
{
	for (size_t i = 0; cases != NULL && i < n; i++)
		registry_case_free(cases[i]);
	free(cases);
}

static int
case_load_messages(struct registry *reg, struct registry_case *c,
		   struct ogi_error *err)
{
	size_t cap = 0;
	struct registry_stmt s;
	int rc;

	c->messages = array_reserve(NULL, &cap, 1, sizeof(*c->messages));
	if (registry_stmt_prepare(reg, &s,
				  "SELECT uid FROM messages WHERE case_id = ?1"
				  " ORDER BY received_at, id",
				  "list case messages", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, c->id);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		/* One more slot for the NULL terminator. */
		c->messages = array_reserve(c->messages, &cap, c->n_messages + 2,
					    sizeof(*c->messages));
		c->messages[c->n_messages++] = registry_col_dup(s.st, 0);
	}
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

#define CASE_SELECT \
	"SELECT id, state, channel, received_at, deadline, deadline_provisional," \
	" received_source, review, rules, receipt_date, deadline_basis," \
	" org_kind, extended_days, correction_due, outcome, outcome_detail," \
	" concluded_at, correction_received_at, " CASE_RECORD_COLUMNS ", " CASE_FAX_COLUMNS " FROM cases"
#define CASE_SELECT_FIRST_RECORD 18
#define CASE_SELECT_FIRST_FAX \
	(CASE_SELECT_FIRST_RECORD + CASE_RECORD_FIRST_TEXT + (int)CASE_N_TEXT_FIELDS)

static int
case_read(struct registry *reg, sqlite3_stmt *st, struct registry_case **case_r,
	  struct ogi_error *err)
{
	struct registry_case *c = g_new0(struct registry_case, 1);

	*case_r = NULL;
	c->id = registry_col_dup(st, 0);
	c->state = registry_col_dup(st, 1);
	c->channel = registry_col_dup(st, 2);
	c->deadline = registry_col_dup(st, 4);
	c->received_source = registry_col_dup(st, 6);
	c->received_at = sqlite3_column_int64(st, 3);
	c->deadline_provisional = sqlite3_column_int(st, 5) != 0;
	c->rec.review = registry_col_dup(st, 7);
	c->rules = registry_col_dup(st, 8);
	c->receipt_date = registry_col_dup(st, 9);
	c->deadline_basis = registry_col_dup(st, 10);
	c->org_kind = registry_col_dup(st, 11);
	c->extended_days = sqlite3_column_int(st, 12);
	c->correction_due = registry_col_dup(st, 13);
	c->outcome = registry_col_dup(st, 14);
	c->outcome_detail = registry_col_dup(st, 15);
	c->concluded_at = sqlite3_column_int64(st, 16);
	c->correction_received_at = sqlite3_column_int64(st, 17);
	if (case_read_record(reg, st, CASE_SELECT_FIRST_RECORD, c->id, &c->rec,
			     err) != 0 ||
	    case_read_fax(reg, st, CASE_SELECT_FIRST_FAX, c->id, &c->rec.incoming_fax,
			  err) != 0 ||
	    case_load_messages(reg, c, err) != 0) {
		registry_case_free(c);
		return -1;
	}
	*case_r = c;
	return 0;
}

int
registry_cases(struct registry *reg, const char *state,
	       struct registry_case ***cases_r, size_t *n_r,
	       struct ogi_error *err)
{
	struct registry_case **cases = NULL;
	size_t n = 0, cap = 0;
	struct registry_stmt s;
	int rc;

	*cases_r = NULL;
	*n_r = 0;
	if (registry_stmt_prepare(reg, &s,
				  state != NULL
				  ? CASE_SELECT " WHERE state = ?1 ORDER BY received_at, id"
				  : CASE_SELECT " ORDER BY received_at, id",
				  "list cases", err) != 0)
		return -1;
	if (state != NULL)
		registry_stmt_text(&s, 1, state);
	while ((rc = registry_stmt_step(&s, err)) > 0) {
		cases = array_reserve(cases, &cap, n + 1, sizeof(*cases));
		if ((rc = case_read(reg, s.st, &cases[n], err)) != 0)
			break;
		n++;
	}
	registry_stmt_finish(&s);
	if (rc < 0) {
		registry_cases_free(cases, n);
		return -1;
	}
	*cases_r = cases;
	*n_r = n;
	return 0;
}

int
registry_case_get(struct registry *reg, const char *id,
		  struct registry_case **case_r, struct ogi_error *err)
{
	struct registry_stmt s;
	int rc;

	*case_r = NULL;
	if (registry_stmt_prepare(reg, &s, CASE_SELECT " WHERE id = ?1",
				  "get case", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	rc = registry_stmt_step(&s, err);
	if (rc > 0)
		rc = case_read(reg, s.st, case_r, err);
	registry_stmt_finish(&s);
	return rc < 0 ? -1 : 0;
}

int
registry_case_create_in_tx(struct registry *reg,
			   const struct registry_message *msg,
			   const struct extract_record *rec, int tz_offset,
			   const struct registry_decision *d,
			   char id[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	const char *state;

	return case_create(reg, msg, rec, tz_offset, d, id, &state, err);
}

int
registry_case_record_update_in_tx(struct registry *reg, const char *id,
				  const struct extract_record *rec,
				  struct ogi_error *err)
{
	char missing[256], invalid[256];
	struct registry_stmt s;

	if (bits_to_names(rec->missing, EXTRACT_ELEM_COUNT, extract_element_name,
			  missing, sizeof(missing)) != 0 ||
	    bits_to_names(rec->invalid, EXTRACT_INVALID_COUNT, extract_invalid_name,
			  invalid, sizeof(invalid)) != 0) {
		error_set(err, "%s: update case %s: unknown missing/invalid bits",
			  reg->path, id);
		return -1;
	}
	if (registry_stmt_prepare(reg, &s,
				  "UPDATE cases SET (review, " CASE_RECORD_COLUMNS ")"
				  " = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10"
				  CASE_TEXT_PARAMS ") WHERE id = ?1",
				  "update case fields", err) != 0)
		return -1;
	registry_stmt_text(&s, 1, id);
	registry_stmt_text(&s, 2, rec->review);
	case_bind_record(&s, 3, rec, missing, invalid);
	return registry_stmt_run(&s, err);
}
