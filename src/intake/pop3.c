/* The POP3 driver (libetpan).
 *
 * A session is one pass: list() logs in (POP3S, or STLS, the certificate
 * verified before USER/PASS), reads LIST and UIDL, the pipeline fetches and
 * records, mark_done() sends DELE (done = delete) or nothing (done = keep,
 * the default: the registry's mailbox + UIDL record keeps a message from
 * being fetched twice), and wait() or close() QUITs.  A POP3 server applies
 * DELE only at a QUIT it answers +OK, shows no mail that arrived after the
 * login, and locks the maildrop while the session lasts: so no session is
 * held between passes.  Every DELE follows a registry commit, so a pass
 * that ends well, or is stopped, QUITs.  A pass that failed on the
 * mailbox's side (the connection lost, LIST or UIDL refused) is abandoned:
 * RSET and QUIT, or, when the session is no longer in step, the connection
 * dropped without QUIT, which RFC 1939 says removes nothing.  What was
 * recorded then comes back at the next pass, is recognised by the registry
 * (with delete: fetched, its content compared, deleted again) and is never
 * registered twice.
 *
 * A message over max_fetch_size is never fetched: TOP n 0 gives its header
 * (intake_item.header_only), the pipeline records it for the office, and
 * it stays on the server.
 *
 * POP3 keeps no delivery time: items carry the time of the listing
 * (INTAKE_RECEIVED_FETCH), which the pipeline replaces with the newest
 * Received: header when the message has one.
 */
#include "common/wake.h"
#include "intake/intake.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/log.h"
#include "intake/pop3wire.h"
#include "net/etpan.h"
#include "net/net.h"

/* RETR answers are read and written in pieces of this size: a message of
 * any size passes through a fixed buffer. */
#define POP3_CHUNK (256u << 10)
/* Server text quoted in an error: enough to say why, not a flood. */
#define POP3_QUOTE_MAX 120
/* LIST and UIDL of a million messages take about 30 MB: a server sending
 * more is not believed. */
#define POP3_LISTING_MAX ((size_t)64 << 20)

struct pop3_msg {
	unsigned index;   /* message number in the current session */
	size_t size;      /* octets, as LIST gave them */
	char *uid;        /* sanitised UIDL */
};

struct pop3 {
	char *name;
	char *host;
	char *ca_file;
	char *user;
	char *password;
	uint16_t port;
	enum net_tls tls;
	bool delete_done;
	int timeout;
	unsigned max_messages;
	size_t max_fetch_size;

	mailpop3 *pop;         /* the session, NULL between passes */
	bool broken;           /* the session lost its connection or its
	                          place in the protocol: nothing more is sent */
	bool failed;           /* the pass failed on the mailbox's side: the
	                          session is abandoned, not QUIT */
	unsigned deleted;      /* DELEs answered +OK in this session */
	struct pop3_msg *msgs; /* the session's listing */
	size_t n_msgs;
};

static void pop3_close(void *ctx);

/* The server's last response text, printable ASCII only and bounded. */
static const char *
pop3_quote(const mailpop3 *pop, char buf[POP3_QUOTE_MAX + 1])
{
	const char *r = pop->pop3_response != NULL ? pop->pop3_response : "";
	size_t i;

	for (i = 0; r[i] != '\0' && i < POP3_QUOTE_MAX; i++)
		buf[i] = r[i] >= 0x20 && r[i] < 0x7f ? r[i] : '?';
	buf[i] = '\0';
	return buf;
}

static void
pop3_msgs_free(struct pop3 *p)
{
	for (size_t i = 0; i < p->n_msgs; i++)
		g_free(p->msgs[i].uid);
	g_free(p->msgs);
	p->msgs = NULL;
	p->n_msgs = 0;
}

static void
pop3_drop(struct pop3 *p)
{
	if (p->pop != NULL)
		mailpop3_free(p->pop);
	p->pop = NULL;
	p->broken = false;
	p->failed = false;
	p->deleted = 0;
	pop3_msgs_free(p);
}

/* Sends one command line and reads its status line.  Returns 0 and
 * whether the server said +OK in *ok_r, or -1 (the session is then
 * broken) when the connection failed. */
static int
pop3_command(struct pop3 *p, const char *line, bool *ok_r, struct ogi_error *err)
{
	mailstream *s = p->pop->pop3_stream;
	char *resp = NULL;
	size_t len = 0;

	if (mailstream_write(s, line, strlen(line)) >= 0 &&
	    mailstream_flush(s) >= 0 &&
	    (resp = mailstream_read_line(s, p->pop->pop3_stream_buffer)) != NULL)
		len = strlen(resp);
	/* At the end of a plain connection libetpan gives what it has as a
	 * line: only one that ends is an answer. */
	if (len == 0 || resp[len - 1] != '\n') {
		p->broken = true;
		p->failed = true;
		error_set(err, "pop3 %s: connection lost", p->host);
		error_scope(err, OGI_ERROR_MAILBOX, true);
		return -1;
	}
	resp[strcspn(resp, "\r\n")] = '\0';
	*ok_r = strncmp(resp, "+OK", 3) == 0;
	p->pop->pop3_response = resp;
	return 0;
}

/* Ends the session.  commit: QUIT, which applies the DELEs; otherwise RSET
 * first, and when that is not answered +OK the connection is dropped
 * without QUIT (RFC 1939: no UPDATE state, nothing removed).  Returns -1
 * when deletions were asked for and the server did not confirm them. */
static int
pop3_end(struct pop3 *p, bool commit, struct ogi_error *err)
{
	unsigned deleted = p->deleted;
	bool ok = false;
	int rc = 0;

	if (p->pop == NULL)
		return 0;
	if (!p->broken && !commit &&
	    (pop3_command(p, "RSET\r\n", &ok, NULL) != 0 || !ok))
		p->broken = true;
	/* libetpan's mailpop3_quit() reports success whatever the server
	 * answers: the answer is read here. */
	if (!p->broken && pop3_command(p, "QUIT\r\n", &ok, NULL) == 0 && ok)
		deleted = 0;
	if (commit && deleted > 0) {
		error_set(err, "pop3 %s: QUIT was not answered +OK: the %u "
			  "message%s marked for deletion stay on the server and "
			  "are recognised at the next poll", p->host, deleted,
			  deleted == 1 ? "" : "s");
		error_scope(err, OGI_ERROR_MAILBOX, true);
		rc = -1;
	}
	pop3_drop(p);
	return rc;
}

/* Connects, verifies the certificate and logs in. */
static int
pop3_connect(struct pop3 *p, struct ogi_error *err)
{
	char quote[POP3_QUOTE_MAX + 1];
	uint16_t port = p->port;
	int r;

	p->pop = mailpop3_new(0, NULL);
	mailpop3_set_timeout(p->pop, p->timeout);
	if (p->tls == NET_TLS_IMPLICIT) {
		r = mailpop3_ssl_connect_with_callback(p->pop, p->host, port,
				net_etpan_tls_setup, p->host);
	} else {
		r = mailpop3_socket_connect(p->pop, p->host, port);
		if (r == MAILPOP3_NO_ERROR && p->tls == NET_TLS_STARTTLS)
			r = mailpop3_socket_starttls_with_callback(p->pop,
					net_etpan_tls_setup, p->host);
	}
	if (r != MAILPOP3_NO_ERROR) {
		error_set(err, "pop3 %s: cannot connect%s (libetpan error %d)",
			  p->host, r == MAILPOP3_ERROR_STLS_NOT_SUPPORTED ?
			  ": the server refused STLS" : "", r);
		error_scope(err, OGI_ERROR_MAILBOX, true);
		goto fail;
	}
	/* Nothing about the account is sent before the server has proved
	 * who it is. */
	if (p->tls != NET_TLS_NONE &&
	    net_etpan_verify(p->pop->pop3_stream, p->host, p->ca_file, err) != 0) {
		error_prefix(err, "pop3");
		error_scope(err, OGI_ERROR_MAILBOX, false);
		goto fail;
	}
	if (mailpop3_user(p->pop, p->user) != MAILPOP3_NO_ERROR ||
	    mailpop3_pass(p->pop, p->password) != MAILPOP3_NO_ERROR) {
		error_set(err, "pop3 %s: login as %s refused: %s", p->host, p->user,
			  pop3_quote(p->pop, quote));
		error_scope(err, OGI_ERROR_MAILBOX, false);
		goto fail;
	}
	return 0;
fail:
	pop3_drop(p);
	return -1;
}

static int
pop3_open(const struct config_intake *cfg, void **ctx_r, struct ogi_error *err)
{
	struct pop3 *p = g_new0(struct pop3, 1);

	if (net_tls_parse(cfg->tls, &p->tls, err) != 0 ||
	    net_password_read(cfg->password, cfg->password_file, &p->password,
			      err) != 0) {
		g_free(p);
		error_prefix(err, "[intake.%s]", cfg->name);
		return -1;
	}
	p->name = g_strdup(cfg->name);
	p->host = g_strdup(cfg->host);
	p->ca_file = g_strdup(cfg->ca_file);
	p->user = g_strdup(cfg->user);
	p->port = (uint16_t)cfg->port;
	p->delete_done = cfg->done != NULL && strcmp(cfg->done, "delete") == 0;
	p->timeout = cfg->timeout;
	p->max_messages = cfg->max_messages;
	p->max_fetch_size = cfg->max_fetch_size;
	/* A wrong certificate or password shows at once, not at the first
	 * poll. */
	if (pop3_connect(p, err) != 0) {
		pop3_close(p);
		return -1;
	}
	*ctx_r = p;
	return 0;
}

/* Reads the multi-line answer that follows a +OK into text, or into fd
 * when text is NULL, never more than limit bytes of it (limit_name names
 * that limit in the error). */
static int
pop3_read_answer(struct pop3 *p, int fd, GString *text, size_t limit,
		 const char *limit_name, struct ogi_error *err)
{
	/* Each input byte yields at most two output bytes (a held CR and the
	 * byte itself). */
	char *in = g_malloc(POP3_CHUNK), *out = g_malloc(2 * POP3_CHUNK);
	struct intake_pop3_body body = { 0 };
	size_t total = 0;
	int rc = -1;

	while (!body.done) {
		mailstream *s = p->pop->pop3_stream;
		/* mailstream_read() tops up what it has buffered with a read
		 * from the network, which blocks (until the timeout) when the
		 * whole answer is already buffered: the buffer is taken alone. */
		size_t want = s->read_buffer_len > 0 ?
			MIN(s->read_buffer_len, POP3_CHUNK) : POP3_CHUNK;
		ssize_t r = mailstream_read(s, in, want);
		size_t n_out;

		if (r <= 0) {
			error_set(err, "pop3 %s: connection lost in the middle of an "
				  "answer", p->host);
			goto out;
		}
		if (intake_pop3_body_decode(&body, in, (size_t)r, out, &n_out) <
		    (size_t)r) {
			error_set(err, "pop3 %s: data after the end of an answer",
				  p->host);
			goto out;
		}
		total += n_out;
		if (total > limit) {
			error_set(err, "pop3 %s: the server sent more than "
				  "%s (%zu bytes) in one answer", p->host,
				  limit_name, limit);
			goto out;
		}
		if (text != NULL)
			g_string_append_len(text, out, (gssize)n_out);
		else if (fdio_write_all(fd, out, n_out) != 0) {
			error_set(err, "pop3 %s: write to the spool: %s", p->host,
				  strerror(errno));
			goto out;
		}
	}
	rc = 0;
out:
	/* Stopped in the middle of an answer: the rest of it would be read as
	 * the reply to the next command, so the pass ends here. */
	if (rc != 0) {
		p->broken = true;
		p->failed = true;
		error_scope(err, OGI_ERROR_MAILBOX, true);
	}
	g_free(in);
	g_free(out);
	return rc;
}

/* Sends cmd and reads its multi-line answer into text (lines end in LF).
 * Returns 0, or -1 when the server refused it (*refused_r) or the
 * connection failed. */
static int
pop3_multiline(struct pop3 *p, const char *cmd, GString *text, bool *refused_r,
	       struct ogi_error *err)
{
	char quote[POP3_QUOTE_MAX + 1];
	bool ok;

	*refused_r = false;
	if (pop3_command(p, cmd, &ok, err) != 0)
		return -1;
	if (!ok) {
		error_set(err, "pop3 %s: %.4s refused: %s", p->host, cmd,
			  pop3_quote(p->pop, quote));
		*refused_r = true;
		return -1;
	}
	return pop3_read_answer(p, -1, text, POP3_LISTING_MAX,
				"the listing limit", err);
}

/* The message number a LIST or UIDL line starts with, and where the rest
 * of it (after the spaces) begins; 0 when the line has none. */
static unsigned long
pop3_line_number(char *line, char **rest_r)
{
	char *end;
	unsigned long n;

	if (line[0] < '0' || line[0] > '9')
		return 0;
	n = strtoul(line, &end, 10);
	if (*end != ' ')
		return 0;
	while (*end == ' ')
		end++;
	*rest_r = end;
	return n;
}

/* Reads LIST and UIDL into the session's listing.  libetpan's own
 * mailpop3_list() is not used: it ignores a failed UIDL, and at the end of
 * a plain connection in the middle of a listing it reads empty lines for
 * ever. */
static int
pop3_listing(struct pop3 *p, struct ogi_error *err)
{
	GString *list = g_string_new(NULL), *uidl = g_string_new(NULL);
	GHashTable *uidls = g_hash_table_new(g_direct_hash, g_direct_equal);
	char **lines = NULL, *rest;
	bool refused;
	int rc = -1;

	p->msgs = g_new0(struct pop3_msg, 1);
	if (pop3_multiline(p, "LIST\r\n", list, &refused, err) != 0)
		goto out;
	if (pop3_multiline(p, "UIDL\r\n", uidl, &refused, err) != 0) {
		if (refused) {
			error_set(err, "pop3 %s: the server gives no UIDL: without "
				  "it messages cannot be told apart from one "
				  "session to the next", p->host);
			error_scope(err, OGI_ERROR_MAILBOX, false);
		}
		goto out;
	}
	lines = g_strsplit(uidl->str, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++) {
		unsigned long n = pop3_line_number(lines[i], &rest);

		if (n > 0 && n <= UINT_MAX)
			g_hash_table_insert(uidls, GUINT_TO_POINTER(n), rest);
	}
	p->msgs = g_renew(struct pop3_msg, p->msgs,
			  g_hash_table_size(uidls) + 1);
	for (char *line = list->str, *next; *line != '\0'; line = next) {
		unsigned long n;
		const char *id;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if ((n = pop3_line_number(line, &rest)) == 0 || n > UINT_MAX)
			continue;
		id = g_hash_table_lookup(uidls, GUINT_TO_POINTER(n));
		if (id == NULL) {
			error_set(err, "pop3 %s: no UIDL for message %lu: without it "
				  "it cannot be told apart from one session to the "
				  "next", p->host, n);
			error_scope(err, OGI_ERROR_MAILBOX, false);
			goto out;
		}
		if (p->n_msgs == g_hash_table_size(uidls))
			break;
		p->msgs[p->n_msgs++] = (struct pop3_msg){
			.index = (unsigned)n,
			.size = (size_t)g_ascii_strtoull(rest, NULL, 10),
			.uid = intake_pop3_uid(id),
		};
	}
	rc = 0;
out:
	if (rc != 0)
		p->failed = true;
	g_strfreev(lines);
	g_hash_table_destroy(uidls);
	g_string_free(list, TRUE);
	g_string_free(uidl, TRUE);
	return rc;
}

static int
pop3_list(void *ctx, struct intake_item **items_r, size_t *n_r,
	  struct ogi_error *err)
{
	struct pop3 *p = ctx;
	struct intake_item *items;
	GHashTable *seen;
	time_t now;
	size_t n = 0;

	/* The session open() started is used.  One a pass left open (the
	 * registry failed and the pass is tried again) is ended first: its
	 * DELEs all follow commits, and the server shows new mail only to a
	 * new session. */
	if (p->msgs != NULL)
		pop3_end(p, !p->failed, NULL);
	if (p->pop == NULL && pop3_connect(p, err) != 0)
		return -1;
	if (pop3_listing(p, err) != 0)
		return -1;

	/* With done = delete the maildrop holds only what is not done, and the
	 * cap leaves the rest for the next poll.  With keep, every message
	 * stays and only the registry knows which are new: all are listed
	 * (one lookup each, nothing fetched twice), or the cap would be
	 * filled by old ones for ever. */
	n = p->delete_done && p->n_msgs > p->max_messages ? p->max_messages
							  : p->n_msgs;
	items = g_new0(struct intake_item, n + 1);
	seen = g_hash_table_new(g_str_hash, g_str_equal);
	now = time(NULL);
	for (size_t i = 0; i < n; i++) {
		items[i].uid = g_strdup(p->msgs[i].uid);
		intake_received_witness(&items[i], 0, NULL, now);
		items[i].size = p->msgs[i].size;
		items[i].header_only = p->msgs[i].size > p->max_fetch_size;
		/* Anything still on the server under delete was not done
		 * (but a message too big to fetch, which is recorded once and
		 * stays); a UIDL given twice needs its content compared. */
		items[i].fresh = (p->delete_done && !items[i].header_only) ||
				 !g_hash_table_add(seen, p->msgs[i].uid);
	}
	g_hash_table_destroy(seen);
	*items_r = items;
	*n_r = n;
	return 0;
}

static const struct pop3_msg *
pop3_find(const struct pop3 *p, const char *uid)
{
	for (size_t i = 0; i < p->n_msgs; i++)
		if (strcmp(p->msgs[i].uid, uid) == 0)
			return &p->msgs[i];
	return NULL;
}

static int
pop3_fetch_to(void *ctx, const struct intake_item *item, int fd,
	      struct ogi_error *err)
{
	struct pop3 *p = ctx;
	char cmd[32], quote[POP3_QUOTE_MAX + 1];
	const struct pop3_msg *m;
	bool ok;

	if (p->pop == NULL || p->broken) {
		error_set(err, "pop3 %s: no session (connection lost earlier in "
			  "this pass)", p->host);
		error_scope(err, OGI_ERROR_MAILBOX, true);
		p->failed = true;
		return -1;
	}
	if ((m = pop3_find(p, item->uid)) == NULL) {
		error_set(err, "pop3 %s: not in this session's listing", p->host);
		return -1;
	}
	/* TOP n 0: the header, the blank line, no body line. */
	if (item->header_only)
		snprintf(cmd, sizeof(cmd), "TOP %u 0\r\n", m->index);
	else
		snprintf(cmd, sizeof(cmd), "RETR %u\r\n", m->index);
	if (pop3_command(p, cmd, &ok, err) != 0)
		return -1;
	if (!ok) {
		error_set(err, "pop3 %s: %.4s refused: %s", p->host, cmd,
			  pop3_quote(p->pop, quote));
		return -1;
	}
	return pop3_read_answer(p, fd, NULL, p->max_fetch_size, "max_fetch_size",
				err);
}

static int
pop3_mark_done(void *ctx, const struct intake_item *item, bool for_office,
	       struct ogi_error *err)
{
	struct pop3 *p = ctx;
	char cmd[32], quote[POP3_QUOTE_MAX + 1];
	const struct pop3_msg *m;
	bool ok;

	/* POP3 has no flags to show the office anything: the registry does. */
	(void)for_office;
	if (!p->delete_done || item->header_only)
		return 0;
	if (p->pop == NULL || p->broken || (m = pop3_find(p, item->uid)) == NULL) {
		error_set(err, "pop3 %s: no session to delete it in; it is "
			  "recognised at the next poll", p->host);
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "DELE %u\r\n", m->index);
	if (pop3_command(p, cmd, &ok, err) != 0)
		return -1;
	if (!ok) {
		error_set(err, "pop3 %s: DELE refused: %s", p->host,
			  pop3_quote(p->pop, quote));
		return -1;
	}
	p->deleted++;
	return 0;
}

/* Called after a pass that did not fail: its DELEs are applied.  POP3
 * cannot announce mail: the poll interval is then slept without a
 * session, so the maildrop is not locked meanwhile.  A signal cuts the
 * sleep short.  Returns -1 when the server did not confirm the QUIT:
 * nothing is lost, the messages come back and are recognised. */
static int
pop3_wait(void *ctx, int timeout_s, int wake_fd, struct ogi_error *err)
{
	struct pop3 *p = ctx;
	int rc = pop3_end(p, !p->failed, err);

	wake_sleep(wake_fd, timeout_s);
	return rc;
}

static void
pop3_close(void *ctx)
{
	struct ogi_error err = { 0 };
	struct pop3 *p = ctx;

	if (p == NULL)
		return;
	if (pop3_end(p, !p->failed, &err) != 0)
		log_warning("intake %s: %s", p->name, err.msg);
	net_password_free(p->password);
	g_free(p->name);
	g_free(p->host);
	g_free(p->ca_file);
	g_free(p->user);
	g_free(p);
}

const struct intake_driver intake_pop3_driver = {
	.name = "pop3",
	.open = pop3_open,
	.list = pop3_list,
	.fetch_to = pop3_fetch_to,
	.mark_done = pop3_mark_done,
	.wait = pop3_wait,
	.close = pop3_close,
};
