/* SMTP submission through libetpan (mailsmtp): implicit TLS (465) or
 * STARTTLS (587), the server's certificate verified (net/etpan.h) before
 * AUTH PLAIN or LOGIN, MAIL FROM the message's VERP address, every command
 * bounded by [smtp] timeout. */
#include "delivery/delivery.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <glib.h>

#include "common/log.h"
#include "net/etpan.h"
#include "net/net.h"

struct smtp {
	mailsmtp *s;
	const struct config *cfg;
};

/* SMTP reply classes (RFC 5321 4.2.1). */
#define SMTP_CODE_TRANSIENT 400
#define SMTP_CODE_PERMANENT 500
#define SMTP_CODE_MAX 600
/* "Service not available, closing transmission channel" (RFC 5321 3.8):
 * the server hangs up after it. */
#define SMTP_CODE_CLOSING 421

/* The server's last reply as one printable line: "CODE text". */
static void
smtp_reply(const mailsmtp *s, int r, char *buf, size_t size)
{
	char *text;

	if (s->response_code > 0 && s->response != NULL)
		text = g_strdup_printf("%d %s", s->response_code, s->response);
	else
		text = g_strdup(mailsmtp_strerror(r));
	g_strstrip(log_scrub(text));
	snprintf(buf, size, "%s", text);
	g_free(text);
}

static int
smtp_fail(struct smtp *c, int r, const char *what, bool temporary,
	  struct ogi_error *err)
{
	char reply[DELIVERY_REPLY_SIZE];

	smtp_reply(c->s, r, reply, sizeof(reply));
	error_set(err, "smtp %s:%d: %s: %s", c->cfg->smtp.host, c->cfg->smtp.port,
		  what, reply);
	error_scope(err, OGI_ERROR_MAILBOX, temporary);
	return -1;
}

/* EHLO, or HELO from a server that does not speak ESMTP. */
static int
smtp_hello(struct smtp *c, struct ogi_error *err)
{
	int r = mailesmtp_ehlo(c->s);

	if (r == MAILSMTP_ERROR_NOT_IMPLEMENTED)
		r = mailsmtp_helo(c->s);
	return r == MAILSMTP_NO_ERROR ? 0 : smtp_fail(c, r, "EHLO", true, err);
}

/* The end of DATA (".") leaves in a small write behind the message's
 * last segment: with Nagle's algorithm it waited for the server's delayed
 * ACK, about 40 ms per message (bench/receipts: 27 letters/s).  Best
 * effort: a socket that refuses is only slower. */
static void
smtp_nodelay(struct smtp *c)
{
	int one = 1;
	int fd = mailstream_low_get_fd(mailstream_get_low(c->s->stream));

	if (fd >= 0)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static int
smtp_connect(struct smtp *c, enum net_tls tls, struct ogi_error *err)
{
	const struct config_smtp *cs = &c->cfg->smtp;
	int r;

	if (tls == NET_TLS_IMPLICIT)
		r = mailsmtp_ssl_connect_with_callback(c->s, cs->host,
						       (uint16_t)cs->port,
						       net_etpan_tls_setup,
						       (void *)cs->host);
	else
		r = mailsmtp_socket_connect(c->s, cs->host, (uint16_t)cs->port);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "connect", true, err);
	smtp_nodelay(c);
	if (tls == NET_TLS_IMPLICIT &&
	    net_etpan_verify(c->s->stream, cs->host, cs->ca_file, err) != 0)
		return -1;
	if (smtp_hello(c, err) != 0)
		return -1;
	if (tls != NET_TLS_STARTTLS)
		return 0;
	r = mailsmtp_socket_starttls_with_callback(c->s, net_etpan_tls_setup,
						   (void *)cs->host);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "STARTTLS", r != MAILSMTP_ERROR_STARTTLS_NOT_SUPPORTED,
				 err);
	if (net_etpan_verify(c->s->stream, cs->host, cs->ca_file, err) != 0)
		return -1;
	return smtp_hello(c, err);
}

/* AUTH PLAIN, else LOGIN, whichever the server offers; only over a
 * verified connection (or one the configuration says is plain). */
static int
smtp_auth(struct smtp *c, struct ogi_error *err)
{
	const struct config_smtp *cs = &c->cfg->smtp;
	const char *mech;
	char *password;
	int r;

	if (cs->user == NULL)
		return 0;
	if (c->s->auth & MAILSMTP_AUTH_PLAIN)
		mech = "PLAIN";
	else if (c->s->auth & MAILSMTP_AUTH_LOGIN)
		mech = "LOGIN";
	else {
		error_set(err, "smtp %s:%d: the server offers neither AUTH PLAIN nor "
			  "LOGIN", cs->host, cs->port);
		return -1;
	}
	if (net_password_read(cs->password, cs->password_file, &password, err) != 0)
		return -1;
	r = mailesmtp_auth_sasl(c->s, mech, cs->host, NULL, NULL, cs->user,
				cs->user, password, NULL);
	net_password_free(password);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "AUTH", r == MAILSMTP_ERROR_AUTH_TEMPORARY_FAILTURE ||
				 r == MAILSMTP_ERROR_STREAM, err);
	return 0;
}

static void smtp_close(void *ctx);

static int
smtp_open(const struct config *cfg, void **ctx_r, struct ogi_error *err)
{
	struct smtp *c = g_new0(struct smtp, 1);
	enum net_tls tls;

	c->cfg = cfg;
	*ctx_r = NULL;
	if (net_tls_parse(cfg->smtp.tls, &tls, err) != 0) {
		g_free(c);
		return -1;
	}
	c->s = mailsmtp_new(0, NULL);
	if (c->s == NULL)
		g_error("libetpan: out of memory");
	mailsmtp_set_timeout(c->s, cfg->smtp.timeout_s);
	if (smtp_connect(c, tls, err) != 0 || smtp_auth(c, err) != 0) {
		smtp_close(c);
		return -1;
	}
	*ctx_r = c;
	return 0;
}

/* What r on a command means for the message. */
static void
smtp_status(struct smtp *c, int r, struct delivery_status *st_r)
{
	int code = c->s->response_code;

	smtp_reply(c->s, r, st_r->reply, sizeof(st_r->reply));
	if (code >= SMTP_CODE_PERMANENT && code < SMTP_CODE_MAX &&
	    r != MAILSMTP_ERROR_STREAM)
		st_r->result = DELIVERY_PERMANENT;
	else
		st_r->result = DELIVERY_TEMPORARY;
	/* No reply at all, or the server closing: the connection is gone. */
	st_r->lost = r == MAILSMTP_ERROR_STREAM || code == SMTP_CODE_CLOSING ||
		     code < SMTP_CODE_TRANSIENT;
}

static void
smtp_send(void *ctx, const struct delivery_envelope *env,
	  struct delivery_status *st_r)
{
	struct smtp *c = ctx;
	GError *gerr = NULL;
	gchar *data = NULL;
	gsize len;
	int r;

	*st_r = (struct delivery_status){ .result = DELIVERY_TEMPORARY };
	if (!g_file_get_contents(env->path, &data, &len, &gerr)) {
		snprintf(st_r->reply, sizeof(st_r->reply), "%s", gerr->message);
		g_error_free(gerr);
		return;
	}
	/* RET=HDRS: a bounce brings our headers back (the Message-ID it is
	 * matched by) without the letter. */
	if ((r = mailesmtp_mail(c->s, env->return_path, 0, NULL)) != MAILSMTP_NO_ERROR ||
	    (r = mailesmtp_rcpt(c->s, env->recipient,
				MAILSMTP_DSN_NOTIFY_FAILURE | MAILSMTP_DSN_NOTIFY_DELAY,
				NULL)) != MAILSMTP_NO_ERROR ||
	    (r = mailsmtp_data(c->s)) != MAILSMTP_NO_ERROR ||
	    (r = mailsmtp_data_message(c->s, data, len)) != MAILSMTP_NO_ERROR) {
		smtp_status(c, r, st_r);
		/* The next message starts a clean transaction, or a new
		 * connection when RSET fails. */
		if (!st_r->lost && mailsmtp_reset(c->s) != MAILSMTP_NO_ERROR)
			st_r->lost = true;
	} else {
		st_r->result = DELIVERY_SENT;
		smtp_reply(c->s, r, st_r->reply, sizeof(st_r->reply));
	}
	g_free(data);
}

static void
smtp_close(void *ctx)
{
	struct smtp *c = ctx;

	if (c == NULL)
		return;
	if (c->s != NULL) {
		if (c->s->stream != NULL)
			mailsmtp_quit(c->s);
		mailsmtp_free(c->s);
	}
	g_free(c);
}

const struct delivery_backend delivery_smtp_backend = {
	.name = "smtp",
	.open = smtp_open,
	.send = smtp_send,
	.close = smtp_close,
};
