/* Delivery backends: where composed messages go.
 *
 * Every way out (the outbox Maildir now, SMTP submission, later fax and a
 * print queue) implements struct delivery_backend.  The sender
 * (delivery/sender.h) drives them all the same way:
 *
 *   open → send each due message → close
 *
 * send() never fails in the C sense: it says what became of the message
 * (sent, a temporary failure worth retrying, a permanent one) and keeps
 * the server's reply or the error text.  A backend whose connection broke
 * answers DELIVERY_TEMPORARY with lost set, and the sender opens it again
 * before the next message.
 *
 * All calls block (disk or network; every network wait is bounded by the
 * configured timeout).  Passwords are never put into a reply text.
 */
#ifndef OGI_DELIVERY_DELIVERY_H
#define OGI_DELIVERY_DELIVERY_H

#include <stdbool.h>

#include "common/config.h"
#include "common/error.h"

enum delivery_result {
	DELIVERY_SENT,       /* accepted by the next hop (or written out) */
	DELIVERY_TEMPORARY,  /* 4xx, a connection that failed, a full disk */
	DELIVERY_PERMANENT,  /* 5xx: trying again will not help */
};

/* Room for a server's reply (the last line or two of an SMTP answer). */
#define DELIVERY_REPLY_SIZE 512

struct delivery_status {
	enum delivery_result result;
	bool lost;           /* the connection is gone: reopen before the next */
	char reply[DELIVERY_REPLY_SIZE]; /* the server's reply or the error,
	                        one line, printable; "" when none */
};

/* One message to send. */
struct delivery_envelope {
	const char *return_path; /* MAIL FROM: the per-message VERP address */
	const char *recipient;   /* RCPT TO: an addr-spec */
	const char *path;        /* the composed message (LF line ends), an
	                            absolute path */
};

struct delivery_backend {
	const char *name;
	/* Connects (SMTP: TLS verified, then AUTH) or opens.  Returns 0 and
	 * the backend's state in *ctx_r, or -1; err->temporary tells whether
	 * waiting may help (a server away) or a person must act (a refused
	 * certificate, a wrong password). */
	int (*open)(const struct config *cfg, void **ctx_r,
		    struct ogi_error *err);
	/* Delivers one message; fills *st_r. */
	void (*send)(void *ctx, const struct delivery_envelope *env,
		     struct delivery_status *st_r);
	void (*close)(void *ctx);
};

/* The Maildir outbox: messages are written to cfg->outbox (a Maildir
 * created as needed, files 0600, tmp/ then new/, synced) with Return-Path
 * and Delivered-To headers in front that hold the envelope. */
extern const struct delivery_backend delivery_maildir_backend;

/* SMTP submission to [smtp] host (smtp.c). */
extern const struct delivery_backend delivery_smtp_backend;

#endif
