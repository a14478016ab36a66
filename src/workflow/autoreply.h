/* Automatic messages: may the daemon write to this sender by itself?
 *
 * Pure functions: no I/O, no clock.  RFC 3834 §2 and §3.1: a responder
 * never answers what another program sent (Auto-Submitted other than
 * "no", delivery reports, auto-replies), list or bulk mail (List-Id,
 * List-Unsubscribe, Precedence bulk/list/junk), a message without a
 * sender to answer (null Return-Path, MAILER-DAEMON, no-reply
 * addresses), nor itself (the office's own addresses); the gateway adds
 * spam, and a daily limit per recipient so that two robots the headers
 * do not reveal cannot loop for long.  The registry counts what was sent
 * (registry/autoreply.h); the decision here is the policy.  Strings
 * returned are static.
 */
#ifndef OGI_WORKFLOW_AUTOREPLY_H
#define OGI_WORKFLOW_AUTOREPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"

/* Headers the decision reads, at most this many of them are kept per
 * message (the parser worker's answer), each at most
 * AUTOREPLY_HEADER_MAX bytes as "Name: value": a message repeating them
 * is a robot already decided by the first few. */
#define AUTOREPLY_MAX_HEADERS 16
#define AUTOREPLY_HEADER_MAX 998

/* True when a header called name (any case) matters to
 * autoreply_allowed: Auto-Submitted, Precedence, List-Id,
 * List-Unsubscribe, Return-Path. */
bool autoreply_header_relevant(const char *name);

/* What is known of the message that would be answered. */
struct autoreply_message {
	bool parsed;                  /* false: the message could not be read */
	enum extract_kind kind;       /* the classifier's kind when parsed */
	const char *from_addr;        /* NULL when none could be read */
	const char *const *headers;   /* "Name: value" lines of the headers
	                                 autoreply_header_relevant names,
	                                 NULL-terminated; may be NULL */
};

enum autoreply_verdict {
	AUTOREPLY_ALLOWED,
	AUTOREPLY_UNPARSED,       /* nothing could be read: no sender known */
	AUTOREPLY_AUTO_SUBMITTED, /* Auto-Submitted other than "no" */
	AUTOREPLY_AUTOMATIC,      /* classified auto-reply or bounce */
	AUTOREPLY_LIST,           /* List-Id / List-Unsubscribe */
	AUTOREPLY_BULK,           /* Precedence bulk, list or junk */
	AUTOREPLY_NULL_SENDER,    /* no From, Return-Path <>, MAILER-DAEMON,
	                             postmaster, no-reply addresses */
	AUTOREPLY_OWN,            /* one of the office's own addresses */
	AUTOREPLY_SPAM,           /* classified spam */
	AUTOREPLY_RATE,           /* the day's limit for this address reached */
};

/* Whether an automatic message may answer m.  own: the office's
 * addresses, lowercase, NULL-terminated (may be NULL).  The checks run in
 * the order of enum autoreply_verdict; the first that holds is the
 * answer. */
enum autoreply_verdict autoreply_check(const struct autoreply_message *m,
				       const char *const *own);

/* Whether one more automatic message may go to an address that has had
 * sent_today of them today, with the day's limit (>= 0; 0: none at all;
 * config's auto_reply_limit, CONFIG_AUTO_REPLY_LIMIT_DEFAULT unless set).
 * AUTOREPLY_ALLOWED or AUTOREPLY_RATE. */
enum autoreply_verdict autoreply_rate(int sent_today, int limit);

/* Why, in words, for the log and the event: "allowed", "Auto-Submitted",
 * ... */
const char *autoreply_verdict_name(enum autoreply_verdict v);

#endif
