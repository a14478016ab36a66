/* Delivery status notifications: what a bounce says about a message the
 * gateway sent.
 *
 * Pure: a normalised message (mime.h) and the kind the classifier gave it
 * in, a struct extract_dsn out; no I/O, nothing blocks.  Read are RFC 3464
 * reports (a message/delivery-status part that is not inside a forwarded
 * message: per recipient Final-Recipient, Action, Status,
 * Diagnostic-Code) and, for messages the classifier calls bounces, the
 * plain-text ones many MTAs send instead (Postfix without DSN, qmail,
 * Exim, Exchange, Coremail and QQ "系统退信"): an enhanced status code or
 * an SMTP reply code in the text.  The returned message's Message-ID
 * comes from the attached message, a text/rfc822-headers part or a
 * Message-ID line quoted in the text; the addresses the bounce was
 * delivered to from Delivered-To, X-Original-To, Envelope-To and To, for
 * the daemon to check against its signed return paths (delivery/verp.h).
 * Nothing here trusts any of it: the daemon matches and decides.
 */
#ifndef OGI_EXTRACT_DSN_H
#define OGI_EXTRACT_DSN_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"
#include "mime/mime.h"

enum extract_dsn_action {
	EXTRACT_DSN_NONE,      /* not a delivery report */
	EXTRACT_DSN_FAILED,    /* the MTA gave up: permanent */
	EXTRACT_DSN_DELAYED,   /* the MTA is still trying */
	EXTRACT_DSN_DELIVERED, /* delivered, relayed or expanded: no failure */
};
#define EXTRACT_DSN_ACTION_COUNT 4

/* "5.123.123" (RFC 3463 allows three digits in subject and detail) with
 * its NUL, and room to spare. */
#define EXTRACT_DSN_STATUS_SIZE 12
/* A diagnostic is one server reply line and the MTA's words around it;
 * beyond this it is padding or an attack on whoever shows it. */
#define EXTRACT_DSN_DIAGNOSTIC_MAX 300
/* The same bound as a Message-ID anywhere else (daemon/wire.h). */
#define EXTRACT_DSN_ID_MAX 250
/* RFC 5321 4.5.3.1.3: a path is at most 256 octets with its brackets. */
#define EXTRACT_DSN_ADDRESS_MAX 254
/* Delivered-To, X-Original-To and To of one bounce name a handful of
 * addresses; more is a crafted message, and the rest are not looked at. */
#define EXTRACT_DSN_ENVELOPE_MAX 8

struct extract_dsn {
	enum extract_dsn_action action;
	/* The enhanced status code ("5.1.1") of the recipient reported, else
	 * the SMTP reply code ("550") a plain-text bounce quotes; "" when
	 * none. */
	char status[EXTRACT_DSN_STATUS_SIZE];
	char *diagnostic;   /* Diagnostic-Code, or the plain-text line holding
	                       the code: at most EXTRACT_DSN_DIAGNOSTIC_MAX
	                       bytes, no control characters; NULL if none */
	char *original_id;  /* the returned message's Message-ID without
	                       brackets, NULL if none */
	char **envelope_to; /* addresses the bounce was delivered to, most
	                       reliable first (Delivered-To, X-Original-To,
	                       Envelope-To, To), each once; NULL-terminated,
	                       NULL when none */
	size_t n_envelope_to;
};

/* Reads msg as a delivery report.  kind is what extract_message() made of
 * msg: a plain-text bounce is only read when it is EXTRACT_KIND_BOUNCE (a
 * person writing "550" in a letter is not one); an RFC 3464 report is read
 * whatever the kind.  Of several recipients the first that failed is
 * reported, else the first delayed, else the first delivered.  Fills
 * *dsn_r (zeroed first; action NONE and nothing else when msg is no
 * report); every string owned, valid UTF-8; free with extract_dsn_clear. */
void extract_dsn_read(const struct mime_message *msg, enum extract_kind kind,
		      struct extract_dsn *dsn_r);
void extract_dsn_clear(struct extract_dsn *dsn);

/* The checks the reader's output passes, for whoever receives one from a
 * process it does not trust: a status code of the two shapes above; a
 * diagnostic within its bound without control characters; a Message-ID
 * or address within its bound, printable ASCII or UTF-8 without spaces
 * and control characters (an address also with one "@"). */
bool extract_dsn_status_valid(const char *s);
bool extract_dsn_diagnostic_valid(const char *s);
bool extract_dsn_id_valid(const char *s);
bool extract_dsn_address_valid(const char *s);

/* "failed", "delayed", "delivered" ("none" for NONE). */
const char *extract_dsn_action_name(enum extract_dsn_action a);

#endif
