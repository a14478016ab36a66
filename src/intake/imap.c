/* The IMAP driver (libetpan).
 *
 * A message's identity is "UIDVALIDITY/UID" of the configured folder.
 * When the server renumbers the folder (a new UIDVALIDITY) every message
 * gets a new identity: the pipeline fetches it again and the registry
 * recognises the bytes by their sha256, so nothing is registered twice.
 *
 * What "done" means is the configuration's `done`:
 *   seen     \Seen and the keyword $OgiDone; list() asks for messages
 *            without $OgiDone, so one a person opened first in a mail
 *            client is still taken (UNSEEN where the server keeps no
 *            keywords).  The default: nothing leaves the folder.
 *   move:F   UID MOVE to F (created when missing), or UID COPY, \Deleted
 *            and UID EXPUNGE of that message alone (UIDPLUS); without
 *            UIDPLUS the copy is only marked \Deleted, never expunged, as
 *            EXPUNGE would also remove what others marked.
 *   delete   \Deleted and UID EXPUNGE (UIDPLUS), else \Deleted only.
 * A message for the office is also \Flagged and gets $OgiForOffice.
 * A message larger than max_fetch_size is never fetched: its header alone
 * is spooled (intake_item.header_only), and it is only flagged, never moved
 * or removed, since its content exists nowhere else.
 *
 * The connection is verified (net_etpan_verify) before the password is
 * sent.  Every command is bounded by the intake's timeout.  A connection
 * that failed makes every later call fail at once with a temporary
 * mailbox error, so the daemon closes and reopens the driver.
 */
#include "common/wake.h"
#include "intake/intake.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/log.h"
#include "intake/utf7.h"
#include "net/etpan.h"
#include "net/net.h"

/* A message is fetched in pieces of this size (BODY.PEEK[]<offset.size>):
 * libetpan holds a whole literal in memory, so only a piece may be one. */
#define IMAP_CHUNK ((uint32_t)1 << 20)
/* The header of a message too big to fetch: enough for any real header
 * (Received lines of many hops), bounded like a chunk. */
#define IMAP_HEADER_MAX IMAP_CHUNK
/* RFC 2177: servers may drop a client idle for 30 minutes; re-issue IDLE
 * well before. */
#define IMAP_IDLE_MAX_S (25 * 60)
#define IMAP_KEYWORD_DONE "$OgiDone"
#define IMAP_KEYWORD_OFFICE "$OgiForOffice"

enum imap_done {
	IMAP_DONE_SEEN,
	IMAP_DONE_MOVE,
	IMAP_DONE_DELETE,
};

/* A recorded message whose mailbox update waits for imap_sync. */
struct imap_done_item {
	uint32_t uid;
	bool for_office;
	bool header_only;
};

struct imap {
	char *name;            /* the intake's, for messages */
	char *host;
	char *folder;          /* modified UTF-7 */
	char *done_folder;     /* modified UTF-7; IMAP_DONE_MOVE only */
	enum imap_done done;
	bool idle;
	unsigned max_messages;
	size_t max_fetch_size;
	mailimap *imap;
	uint32_t uidvalidity;
	uint32_t last_uid;     /* highest UID known to be in the folder */
	bool backlog;          /* list() left messages for the next pass */
	bool keywords;         /* the folder stores new keywords */
	bool broken;           /* the connection failed: reopen */
	GArray *done_items;    /* struct imap_done_item, for imap_sync */
};

static const char *
imap_strerror(int r)
{
	switch (r) {
	case MAILIMAP_ERROR_STREAM: return "connection lost or timed out";
	case MAILIMAP_ERROR_PARSE: return "unreadable server response";
	case MAILIMAP_ERROR_CONNECTION_REFUSED: return "connection refused";
	case MAILIMAP_ERROR_MEMORY: return "out of memory";
	case MAILIMAP_ERROR_LOGIN: return "login refused";
	case MAILIMAP_ERROR_SASL: return "authentication refused";
	case MAILIMAP_ERROR_SSL: return "TLS handshake failed";
	case MAILIMAP_ERROR_STARTTLS: return "STARTTLS refused";
	case MAILIMAP_ERROR_BAD_STATE: return "command not allowed now";
	default: return "command refused";
	}
}

/* Connection-level failures: the session cannot be used again. */
static bool
imap_error_fatal(int r)
{
	return r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE ||
	       r == MAILIMAP_ERROR_CONNECTION_REFUSED || r == MAILIMAP_ERROR_SSL ||
	       r == MAILIMAP_ERROR_MEMORY || r == MAILIMAP_ERROR_FATAL ||
	       r == MAILIMAP_ERROR_BAD_STATE;
}

/* Sets err for libetpan result r of what: mailbox scope, temporary unless
 * a person must act (a refused login).  Marks the session broken when the
 * connection is gone.  Returns -1. */
static int
imap_fail(struct imap *im, int r, const char *what, struct ogi_error *err)
{
	const char *said = im->imap != NULL && im->imap->imap_response != NULL &&
			   !imap_error_fatal(r) ? im->imap->imap_response : NULL;

	error_set(err, "imap %s: %s: %s%s%s", im->host, what, imap_strerror(r),
		  said ? ": " : "", said ? said : "");
	error_scope(err, OGI_ERROR_MAILBOX,
		    r != MAILIMAP_ERROR_LOGIN && r != MAILIMAP_ERROR_SASL);
	if (imap_error_fatal(r))
		im->broken = true;
	return -1;
}

static int
imap_usable(struct imap *im, struct ogi_error *err)
{
	if (!im->broken)
		return 0;
	error_set(err, "imap %s: the connection was lost earlier", im->host);
	error_scope(err, OGI_ERROR_MAILBOX, true);
	return -1;
}

static int
imap_connect(struct imap *im, const struct config_intake *cfg,
	     struct ogi_error *err)
{
	uint16_t port = (uint16_t)cfg->port;
	enum net_tls tls;
	int r;

	if (net_tls_parse(cfg->tls, &tls, err) != 0)
		return -1;
	if (tls == NET_TLS_IMPLICIT)
		r = mailimap_ssl_connect_with_callback(im->imap, im->host, port,
				net_etpan_tls_setup, im->host);
	else
		r = mailimap_socket_connect(im->imap, im->host, port);
	/* libetpan reports a greeting as 1 (PREAUTH) or 2 (OK), not 0. */
	if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return imap_fail(im, r, "connect", err);
	if (tls == NET_TLS_STARTTLS &&
	    (r = mailimap_socket_starttls_with_callback(im->imap,
				net_etpan_tls_setup, im->host)) != MAILIMAP_NO_ERROR) {
		imap_fail(im, r, "STARTTLS", err);
		error_scope(err, OGI_ERROR_MAILBOX, false);
		return -1;
	}
	if (tls != NET_TLS_NONE &&
	    net_etpan_verify(im->imap->imap_stream, im->host, cfg->ca_file,
			     err) != 0) {
		error_prefix(err, "imap %s: refused before login", im->host);
		error_scope(err, OGI_ERROR_MAILBOX, false);
		return -1;
	}
	return 0;
}

/* The capabilities as they stand now (they change after STARTTLS and
 * LOGIN); libetpan keeps them in the session. */
static int
imap_capabilities(struct imap *im, struct ogi_error *err)
{
	struct mailimap_capability_data *caps = NULL;
	int r = mailimap_capability(im->imap, &caps);

	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "CAPABILITY", err);
	mailimap_capability_data_free(caps);
	return 0;
}

static int
imap_login(struct imap *im, const struct config_intake *cfg,
	   struct ogi_error *err)
{
	char *password;
	int r;

	if (imap_capabilities(im, err) != 0)
		return -1;
	if (net_password_read(cfg->password, cfg->password_file, &password,
			      err) != 0) {
		error_scope(err, OGI_ERROR_MAILBOX, false);
		return -1;
	}
	/* A server may refuse LOGIN and still take the same user name and
	 * password as SASL PLAIN. */
	if (mailimap_has_extension(im->imap, "LOGINDISABLED"))
		r = mailimap_authenticate(im->imap, "PLAIN", im->host, NULL, NULL,
					  cfg->user, cfg->user, password, NULL);
	else
		r = mailimap_login(im->imap, cfg->user, password);
	net_password_free(password);
	if (r != MAILIMAP_NO_ERROR) {
		char what[300];

		snprintf(what, sizeof(what), "login as %s", cfg->user);
		return imap_fail(im, r, what, err);
	}
	if (imap_capabilities(im, err) != 0)
		return -1;
	/* NetEase and Coremail refuse SELECT from a client that has not
	 * said who it is. */
	if (mailimap_has_id(im->imap)) {
		char *server = NULL, *version = NULL;

		r = mailimap_id_basic(im->imap, "ogid", OGI_VERSION, &server,
				      &version);
		free(server);
		free(version);
		if (r != MAILIMAP_NO_ERROR && imap_error_fatal(r))
			return imap_fail(im, r, "ID", err);
	}
	return 0;
}

/* Creates folder (modified UTF-7) unless the server lists it, and
 * subscribes to it so that mail clients show it. */
static int
imap_ensure_folder(struct imap *im, const char *folder, struct ogi_error *err)
{
	clist *found = NULL;
	bool exists;
	int r;

	r = mailimap_list(im->imap, "", folder, &found);
	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "LIST", err);
	exists = clist_count(found) > 0;
	mailimap_list_result_free(found);
	if (exists)
		return 0;
	if ((r = mailimap_create(im->imap, folder)) != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "CREATE of the done folder", err);
	if ((r = mailimap_subscribe(im->imap, folder)) != MAILIMAP_NO_ERROR &&
	    imap_error_fatal(r))
		return imap_fail(im, r, "SUBSCRIBE", err);
	return 0;
}

static int
imap_select(struct imap *im, const struct config_intake *cfg,
	    struct ogi_error *err)
{
	struct mailimap_selection_info *sel;
	clistiter *it;
	int r;

	if ((r = mailimap_select(im->imap, im->folder)) != MAILIMAP_NO_ERROR) {
		char what[300];

		snprintf(what, sizeof(what), "SELECT %s", cfg->folder);
		imap_fail(im, r, what, err);
		return -1;
	}
	sel = im->imap->imap_selection_info;
	im->uidvalidity = sel->sel_uidvalidity;
	im->last_uid = sel->sel_uidnext > 0 ? sel->sel_uidnext - 1 : 0;
	for (it = sel->sel_perm_flags ? clist_begin(sel->sel_perm_flags) : NULL;
	     it != NULL; it = clist_next(it)) {
		struct mailimap_flag_perm *perm = clist_content(it);

		if (perm->fl_type == MAILIMAP_FLAG_PERM_ALL)
			im->keywords = true;
	}
	return 0;
}

static int
imap_parse_done(struct imap *im, const char *done, struct ogi_error *err)
{
	im->done = IMAP_DONE_SEEN;
	if (done == NULL || strcmp(done, "seen") == 0)
		return 0;
	if (strcmp(done, "delete") == 0) {
		im->done = IMAP_DONE_DELETE;
		return 0;
	}
	im->done = IMAP_DONE_MOVE;
	if (intake_utf7_encode(done + strlen("move:"), &im->done_folder, err) != 0) {
		error_prefix(err, "done");
		return -1;
	}
	return 0;
}

static void imap_close(void *ctx);

static int
imap_open(const struct config_intake *cfg, void **ctx_r, struct ogi_error *err)
{
	struct imap *im = g_new0(struct imap, 1);

	im->done_items = g_array_new(FALSE, FALSE, sizeof(struct imap_done_item));
	im->name = g_strdup(cfg->name);
	im->host = g_strdup(cfg->host);
	im->idle = cfg->idle;
	im->max_messages = cfg->max_messages;
	im->max_fetch_size = cfg->max_fetch_size;
	if (intake_utf7_encode(cfg->folder, &im->folder, err) != 0 ||
	    imap_parse_done(im, cfg->done, err) != 0) {
		error_scope(err, OGI_ERROR_MAILBOX, false);
		goto fail;
	}
	im->imap = mailimap_new(0, NULL);
	mailimap_set_timeout(im->imap, cfg->timeout);
	if (imap_connect(im, cfg, err) != 0 || imap_login(im, cfg, err) != 0 ||
	    (im->done == IMAP_DONE_MOVE &&
	     imap_ensure_folder(im, im->done_folder, err) != 0) ||
	    imap_select(im, cfg, err) != 0)
		goto fail;
	log_debug("intake %s: imap %s: %s selected, UIDVALIDITY %" PRIu32,
		  im->name, im->host, cfg->folder, im->uidvalidity);
	*ctx_r = im;
	return 0;
fail:
	im->broken = true;
	imap_close(im);
	return -1;
}

/* A set of UIDs (sorted ascending) as ranges of consecutive ones. */
static struct mailimap_set *
imap_uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return set;
}

/* A search key without argument (UNSEEN, UNDELETED): libetpan has no
 * shorthand for them. */
static struct mailimap_search_key *
imap_key(int type)
{
	return mailimap_search_key_new(type, NULL, NULL, NULL, NULL, NULL, NULL,
				       NULL, NULL, NULL, NULL, NULL, NULL, NULL,
				       NULL, 0, NULL, NULL, NULL, NULL, NULL,
				       NULL, 0, NULL, NULL, NULL);
}

/* The messages not yet done, as the done mode defines it. */
static struct mailimap_search_key *
imap_key_not_done(const struct imap *im)
{
	if (im->done != IMAP_DONE_SEEN)
		return imap_key(MAILIMAP_SEARCH_KEY_UNDELETED);
	if (im->keywords)
		return mailimap_search_key_new_unkeyword(g_strdup(IMAP_KEYWORD_DONE));
	return imap_key(MAILIMAP_SEARCH_KEY_UNSEEN);
}

static int
imap_uid_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* UID SEARCH key (consumed): the UIDs, sorted, in a new array. */
static int
imap_search(struct imap *im, struct mailimap_search_key *key,
	    uint32_t **uids_r, size_t *n_r, struct ogi_error *err)
{
	clist *found = NULL;
	uint32_t *uids;
	size_t n = 0;
	clistiter *it;
	int r;

	r = mailimap_uid_search(im->imap, NULL, key, &found);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "UID SEARCH", err);
	uids = g_new(uint32_t, clist_count(found) + 1);
	for (it = clist_begin(found); it != NULL; it = clist_next(it))
		uids[n++] = *(uint32_t *)clist_content(it);
	mailimap_search_result_free(found);
	qsort(uids, n, sizeof(*uids), imap_uid_cmp);
	*uids_r = uids;
	*n_r = n;
	return 0;
}

/* INTERNALDATE as Unix time. */
static int64_t
imap_date(const struct mailimap_date_time *d)
{
	GDateTime *utc = g_date_time_new_utc(d->dt_year, d->dt_month, d->dt_day,
					     d->dt_hour, d->dt_min, d->dt_sec);
	/* The zone is written +HHMM and read as a number. */
	int zone = d->dt_zone, sign = zone < 0 ? -1 : 1;
	int64_t t;

	if (utc == NULL)
		return 0;
	zone *= sign;
	t = g_date_time_to_unix(utc) - sign * ((zone / 100) * 3600 + (zone % 100) * 60);
	g_date_time_unref(utc);
	return t;
}

static void
imap_item_from(struct imap *im, struct mailimap_msg_att *att,
	       struct intake_item *item)
{
	int64_t internal = 0;
	uint32_t uid = 0;

	memset(item, 0, sizeof(*item));
	for (clistiter *it = clist_begin(att->att_list); it; it = clist_next(it)) {
		struct mailimap_msg_att_item *a = clist_content(it);

		if (a->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		switch (a->att_data.att_static->att_type) {
		case MAILIMAP_MSG_ATT_UID:
			uid = a->att_data.att_static->att_data.att_uid;
			break;
		case MAILIMAP_MSG_ATT_RFC822_SIZE:
			item->size = a->att_data.att_static->att_data.att_rfc822_size;
			break;
		case MAILIMAP_MSG_ATT_INTERNALDATE:
			if (a->att_data.att_static->att_data.att_internal_date)
				internal = imap_date(
					a->att_data.att_static->att_data.att_internal_date);
			break;
		default:
			break;
		}
	}
	if (uid == 0)
		return;
	item->uid = g_strdup_printf("%" PRIu32 "/%" PRIu32, im->uidvalidity, uid);
	/* A server's clock can be wrong like any: an INTERNALDATE of 1985
	 * would number the case and count its deadline from then. */
	intake_received_witness(item, internal, INTAKE_RECEIVED_DELIVERY,
				time(NULL));
	item->header_only = item->size > im->max_fetch_size;
	/* Listed means not done: a known one lost its mailbox update.  A
	 * message too big to fetch is never done and is recorded once. */
	item->fresh = !item->header_only;
}

static int
imap_item_cmp(const void *a, const void *b)
{
	const struct intake_item *x = a, *y = b;
	unsigned long ux = strtoul(strchr(x->uid, '/') + 1, NULL, 10);
	unsigned long uy = strtoul(strchr(y->uid, '/') + 1, NULL, 10);

	if (x->received_at != y->received_at)
		return x->received_at < y->received_at ? -1 : 1;
	return ux < uy ? -1 : ux > uy;
}

static int
imap_list(void *ctx, struct intake_item **items_r, size_t *n_r,
	  struct ogi_error *err)
{
	struct imap *im = ctx;
	struct mailimap_fetch_type *what;
	struct intake_item *items;
	struct mailimap_set *set;
	clist *fetched = NULL;
	uint32_t *uids;
	size_t n, taken = 0;
	int r;

	if (imap_usable(im, err) != 0 ||
	    imap_search(im, imap_key_not_done(im), &uids, &n, err) != 0)
		return -1;
	if (n > 0 && uids[n - 1] > im->last_uid)
		im->last_uid = uids[n - 1];
	im->backlog = n > im->max_messages;
	if (n > im->max_messages)
		n = im->max_messages;
	if (n == 0) {
		g_free(uids);
		*items_r = NULL;
		*n_r = 0;
		return 0;
	}
	set = imap_uid_set(uids, n);
	g_free(uids);
	what = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(what, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(what,
			mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(what,
			mailimap_fetch_att_new_internaldate());
	r = mailimap_uid_fetch(im->imap, set, what, &fetched);
	mailimap_fetch_type_free(what);
	mailimap_set_free(set);
	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "UID FETCH of sizes", err);
	items = g_new0(struct intake_item, clist_count(fetched) + 1);
	for (clistiter *it = clist_begin(fetched); it; it = clist_next(it)) {
		imap_item_from(im, clist_content(it), &items[taken]);
		/* A fetch response without UID is not ours (a flag change
		 * another client made). */
		if (items[taken].uid != NULL)
			taken++;
	}
	mailimap_fetch_list_free(fetched);
	qsort(items, taken, sizeof(*items), imap_item_cmp);
	*items_r = items;
	*n_r = taken;
	return 0;
}

/* The UID of an item listed in this session. */
static int
imap_item_uid(struct imap *im, const struct intake_item *item, uint32_t *uid_r,
	      struct ogi_error *err)
{
	uint32_t validity, uid;

	if (sscanf(item->uid, "%" SCNu32 "/%" SCNu32, &validity, &uid) != 2 ||
	    validity != im->uidvalidity) {
		error_set(err, "imap %s: %s is not a message of this session",
			  im->host, item->uid);
		return -1;
	}
	*uid_r = uid;
	return 0;
}

static int
imap_write_all(int fd, const char *p, size_t len, struct ogi_error *err)
{
	if (fdio_write_all(fd, p, len) != 0) {
		error_set(err, "copy to the spool: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* One message on its way to the spool: its line ends made a Maildir's
 * (intake_crlf) in buf, which holds one piece and a held CR. */
struct imap_copy {
	int fd;
	struct intake_crlf crlf;
	char buf[IMAP_CHUNK + 1];
};

/* UID FETCH uid BODY.PEEK[section]<offset.len>, the bytes written to
 * c->fd.  *got_r: how many came; 0 with *gone_r when the message is no
 * more. */
static int
imap_fetch_piece(struct imap *im, uint32_t uid, bool header, uint32_t offset,
		 uint32_t len, struct imap_copy *c, size_t *got_r, bool *gone_r,
		 struct ogi_error *err)
{
	struct mailimap_section *section = header ? mailimap_section_new_header()
						  : mailimap_section_new(NULL);
	struct mailimap_fetch_type *what = mailimap_fetch_type_new_fetch_att(
		mailimap_fetch_att_new_body_peek_section_partial(section, offset, len));
	struct mailimap_set *set = mailimap_set_new_single(uid);
	clist *fetched = NULL;
	int r, rc = 0;

	*got_r = 0;
	*gone_r = true;
	r = mailimap_uid_fetch(im->imap, set, what, &fetched);
	mailimap_fetch_type_free(what);
	mailimap_set_free(set);
	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "UID FETCH", err);
	for (clistiter *it = clist_begin(fetched); it && rc == 0; it = clist_next(it)) {
		struct mailimap_msg_att *att = clist_content(it);

		for (clistiter *a = clist_begin(att->att_list); a; a = clist_next(a)) {
			struct mailimap_msg_att_item *item = clist_content(a);
			struct mailimap_msg_att_body_section *body;

			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    item->att_data.att_static->att_type !=
			    MAILIMAP_MSG_ATT_BODY_SECTION)
				continue;
			body = item->att_data.att_static->att_data.att_body_section;
			*gone_r = false;
			/* NIL: the server cannot give this message (Exchange, a
			 * damaged item).  An empty file recorded in its place
			 * would let mark_done move or delete the real one. */
			if (body->sec_body_part == NULL) {
				error_set(err, "imap %s: UID %u: the server sent "
					  "no body (NIL)", im->host, uid);
				rc = -1;
				break;
			}
			if (body->sec_length > len) {
				error_set(err, "imap %s: UID %u: %zu bytes sent for "
					  "a piece of %u", im->host, uid,
					  body->sec_length, len);
				rc = -1;
				break;
			}
			rc = imap_write_all(c->fd, c->buf, intake_crlf_decode(
				&c->crlf, body->sec_body_part, body->sec_length,
				c->buf), err);
			*got_r = body->sec_length;
		}
	}
	mailimap_fetch_list_free(fetched);
	return rc;
}

static int
imap_fetch_to(void *ctx, const struct intake_item *item, int fd,
	      struct ogi_error *err)
{
	struct imap *im = ctx;
	struct imap_copy *c;
	uint32_t uid, offset = 0;
	size_t got;
	bool gone;
	int rc = -1;

	if (imap_usable(im, err) != 0 || imap_item_uid(im, item, &uid, err) != 0)
		return -1;
	c = g_new0(struct imap_copy, 1);
	c->fd = fd;
	if (item->header_only) {
		if (imap_fetch_piece(im, uid, true, 0, IMAP_HEADER_MAX, c, &got,
				     &gone, err) != 0)
			goto out;
	} else {
		do {
			if (imap_fetch_piece(im, uid, false, offset, IMAP_CHUNK,
					     c, &got, &gone, err) != 0)
				goto out;
			if (gone) {
				error_set(err, "imap %s: message %s is gone",
					  im->host, item->uid);
				goto out;
			}
			offset += (uint32_t)got;
		} while (got == IMAP_CHUNK);
		/* A server that cuts pieces short (or caps partial fetches)
		 * must not pass a truncated copy off as the message. */
		if (item->size != 0 && offset != item->size) {
			error_set(err, "imap %s: message %s: %u of its %zu bytes "
				  "came: left on the server", im->host, item->uid,
				  offset, item->size);
			goto out;
		}
	}
	rc = imap_write_all(fd, c->buf, intake_crlf_finish(&c->crlf, c->buf), err);
out:
	g_free(c);
	return rc;
}

/* The UID commands that change one message once it is recorded. */
enum imap_uid_cmd {
	IMAP_UID_STORE,         /* adds flags, silently */
	IMAP_UID_EXPUNGE,
	IMAP_UID_COPY,          /* to the done folder */
	IMAP_UID_MOVE,          /* to the done folder */
};

/* Sends cmd for the UIDs of set (the caller's).  flags: STORE's, freed
 * here (NULL otherwise).  Returns 0 or -1. */
static int
imap_uid_command(struct imap *im, enum imap_uid_cmd cmd,
		 struct mailimap_set *set, struct mailimap_flag_list *flags,
		 struct ogi_error *err)
{
	static const char *const names[] = {
		[IMAP_UID_STORE] = "UID STORE", [IMAP_UID_EXPUNGE] = "UID EXPUNGE",
		[IMAP_UID_COPY] = "UID COPY", [IMAP_UID_MOVE] = "UID MOVE",
	};
	struct mailimap_store_att_flags *att;
	int r = MAILIMAP_NO_ERROR;

	switch (cmd) {
	case IMAP_UID_STORE:
		att = mailimap_store_att_flags_new_add_flags_silent(flags);
		r = mailimap_uid_store(im->imap, set, att);
		mailimap_store_att_flags_free(att);
		break;
	case IMAP_UID_EXPUNGE:
		r = mailimap_uid_expunge(im->imap, set);
		break;
	case IMAP_UID_COPY:
		r = mailimap_uid_copy(im->imap, set, im->done_folder);
		break;
	case IMAP_UID_MOVE:
		r = mailimap_uid_move(im->imap, set, im->done_folder);
		break;
	}
	return r == MAILIMAP_NO_ERROR ? 0 : imap_fail(im, r, names[cmd], err);
}

/* \Deleted, then UID EXPUNGE where the server has UIDPLUS (why not plain
 * EXPUNGE: the top of this file). */
static int
imap_delete(struct imap *im, struct mailimap_set *set, struct ogi_error *err)
{
	struct mailimap_flag_list *flags = mailimap_flag_list_new_empty();

	mailimap_flag_list_add(flags, mailimap_flag_new_deleted());
	if (imap_uid_command(im, IMAP_UID_STORE, set, flags, err) != 0)
		return -1;
	if (!mailimap_has_uidplus(im->imap))
		return 0;
	return imap_uid_command(im, IMAP_UID_EXPUNGE, set, NULL, err);
}

/* To the done folder: MOVE where the server has it, else COPY and delete. */
static int
imap_move(struct imap *im, struct mailimap_set *set, struct ogi_error *err)
{
	if (mailimap_has_extension(im->imap, "MOVE"))
		return imap_uid_command(im, IMAP_UID_MOVE, set, NULL, err);
	if (imap_uid_command(im, IMAP_UID_COPY, set, NULL, err) != 0)
		return -1;
	return imap_delete(im, set, err);
}

/* The flags a done message gets: \Flagged (and our keyword) for the
 * office, \Seen (and our keyword) when seen is how the folder says done;
 * NULL for none. */
static struct mailimap_flag_list *
imap_done_flags(const struct imap *im, bool for_office, bool seen)
{
	struct mailimap_flag_list *flags;

	if (!for_office && !seen)
		return NULL;
	flags = mailimap_flag_list_new_empty();
	if (for_office) {
		mailimap_flag_list_add(flags, mailimap_flag_new_flagged());
		if (im->keywords)
			mailimap_flag_list_add(flags, mailimap_flag_new_flag_keyword(
					g_strdup(IMAP_KEYWORD_OFFICE)));
	}
	if (seen) {
		mailimap_flag_list_add(flags, mailimap_flag_new_seen());
		if (im->keywords)
			mailimap_flag_list_add(flags, mailimap_flag_new_flag_keyword(
					g_strdup(IMAP_KEYWORD_DONE)));
	}
	return flags;
}

/* Only notes the message: imap_sync updates the folder for the whole
 * batch, a command per kind of update rather than one to four per
 * message. */
static int
imap_mark_done(void *ctx, const struct intake_item *item, bool for_office,
	       struct ogi_error *err)
{
	struct imap *im = ctx;
	struct imap_done_item d = {
		.for_office = for_office, .header_only = item->header_only,
	};

	if (imap_usable(im, err) != 0 || imap_item_uid(im, item, &d.uid, err) != 0)
		return -1;
	g_array_append_val(im->done_items, d);
	return 0;
}

/* The noted messages to flag with for_office and seen, or (to_remove) to
 * move or delete -- none when done = seen, and never a header_only one,
 * which stays in the folder; NULL when none. */
static struct mailimap_set *
imap_done_set(const struct imap *im, bool to_remove, bool for_office,
	      bool seen)
{
	struct mailimap_set *set = NULL;

	for (guint i = 0; i < im->done_items->len; i++) {
		const struct imap_done_item *d =
			&g_array_index(im->done_items, struct imap_done_item, i);
		bool d_seen = im->done == IMAP_DONE_SEEN && !d->header_only;

		if (to_remove ? d->header_only || im->done == IMAP_DONE_SEEN :
				d->for_office != for_office || d_seen != seen)
			continue;
		if (set == NULL)
			set = mailimap_set_new_empty();
		mailimap_set_add_single(set, d->uid);
	}
	return set;
}

/* Flags first: they travel with a moved message. */
static int
imap_sync(void *ctx, struct ogi_error *err)
{
	struct imap *im = ctx;
	struct mailimap_set *set;
	int rc = 0;

	if (im->done_items->len == 0)
		return 0;
	if (imap_usable(im, err) != 0)
		rc = -1;
	for (int k = 0; k < 4 && rc == 0; k++) {
		bool office = k & 1, seen = k & 2;
		struct mailimap_flag_list *flags;

		if ((set = imap_done_set(im, false, office, seen)) == NULL)
			continue;
		flags = imap_done_flags(im, office, seen);
		if (flags != NULL)
			rc = imap_uid_command(im, IMAP_UID_STORE, set, flags, err);
		mailimap_set_free(set);
	}
	if (rc == 0 && (set = imap_done_set(im, true, false, false)) != NULL) {
		rc = im->done == IMAP_DONE_MOVE ? imap_move(im, set, err)
						: imap_delete(im, set, err);
		mailimap_set_free(set);
	}
	g_array_set_size(im->done_items, 0);
	return rc;
}

/* Waits up to timeout_s for the server to say anything (IDLE), or for a
 * signal.  Returns 0 or -1. */
static int
imap_idle(struct imap *im, int timeout_s, int wake_fd, struct ogi_error *err)
{
	struct pollfd pfd[2];
	int r;

	if ((r = mailimap_idle(im->imap)) != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "IDLE", err);
	log_debug("intake %s: imap %s: idle for up to %d s", im->name, im->host,
		  timeout_s);
	/* An EXISTS that came in the same packet as "+ idling" is already in
	 * libetpan's read buffer, where poll() cannot see it (domain.md §9). */
	if (im->imap->imap_stream->read_buffer_len == 0) {
		pfd[0] = (struct pollfd){ .fd = mailimap_idle_get_fd(im->imap),
					  .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = wake_fd, .events = POLLIN };
		if (poll(pfd, 2, timeout_s * 1000) < 0 && errno != EINTR) {
			error_set(err, "imap %s: poll: %s", im->host, strerror(errno));
			error_scope(err, OGI_ERROR_MAILBOX, true);
			im->broken = true;
			return -1;
		}
	}
	if ((r = mailimap_idle_done(im->imap)) != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "IDLE DONE", err);
	return 0;
}

static int
imap_wait(void *ctx, int timeout_s, int wake_fd, struct ogi_error *err)
{
	struct imap *im = ctx;
	uint32_t *uids, from;
	size_t n;
	bool newer;

	if (imap_usable(im, err) != 0)
		return -1;
	if (im->backlog)
		return 0;
	/* Mail that came while the last pass worked: IDLE would not tell.
	 * "UID n:*" also matches the last message when all are older. */
	from = im->last_uid + 1;
	if (imap_search(im, mailimap_search_key_new_uid(
			mailimap_set_new_interval(from, 0)), &uids, &n, err) != 0)
		return -1;
	newer = n > 0 && uids[n - 1] >= from;
	g_free(uids);
	if (newer)
		return 0;
	if (timeout_s > IMAP_IDLE_MAX_S)
		timeout_s = IMAP_IDLE_MAX_S;
	if (im->idle && mailimap_has_idle(im->imap))
		return imap_idle(im, timeout_s, wake_fd, err);
	wake_sleep(wake_fd, timeout_s);
	return 0;
}

static void
imap_close(void *ctx)
{
	struct imap *im = ctx;

	if (im == NULL)
		return;
	if (im->imap != NULL) {
		if (!im->broken)
			mailimap_logout(im->imap);
		mailimap_free(im->imap);
	}
	g_free(im->name);
	g_free(im->host);
	g_free(im->folder);
	g_free(im->done_folder);
	g_array_free(im->done_items, TRUE);
	g_free(im);
}

const struct intake_driver intake_imap_driver = {
	.name = "imap",
	.open = imap_open,
	.list = imap_list,
	.fetch_to = imap_fetch_to,
	.mark_done = imap_mark_done,
	.sync = imap_sync,
	.wait = imap_wait,
	.close = imap_close,
};
