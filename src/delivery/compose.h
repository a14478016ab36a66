/* Composing outgoing messages (RFC 5322 and MIME), without GMime.
 *
 * Every value that came from an applicant (a name, a subject, a
 * Message-ID, a file name) passes through here as data: control
 * characters, CR and LF included, become spaces before anything is
 * written, non-ASCII text is written as RFC 2047 encoded words (headers)
 * or RFC 2231 parameters (attachment names), Message-IDs that are not
 * plain msg-ids are dropped, and the recipient must be a plain addr-spec.
 * So no value can end a header line or start another.
 *
 * Messages are written with LF line ends (the spool and Maildir
 * convention; the SMTP backend sends CRLF); bodies and attachments are
 * base64 in lines of 76.
 */
#ifndef OGI_DELIVERY_COMPOSE_H
#define OGI_DELIVERY_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"

struct delivery_attachment {
	const char *path;          /* the file to attach, read when composing */
	const char *name;          /* the file name the recipient sees (UTF-8) */
	const char *content_type;  /* e.g. "application/pdf" */
};

/* One letter to compose.  Strings are UTF-8; NULL means none. */
struct delivery_letter {
	const char *to;            /* the recipient's addr-spec (required) */
	const char *to_name;       /* the recipient's display name */
	const char *subject;       /* without the case tag: it is added */
	const char *body;          /* plain text */
	const char *html;          /* the same as an HTML document, sent as
	                              its alternative; NULL for none */
	const struct delivery_attachment *attachments;
	size_t n_attachments;
	const char *in_reply_to;   /* the applicant's Message-ID, no brackets */
	const char *references;    /* the applicant's References (raw list) */
	const char *case_id;       /* tracking number for the subject tag */
	bool automatic;            /* Auto-Submitted: auto-replied */
};

/* Name of our loop header: a message that carries it with our domain came
 * from this gateway and is never answered. */
#define DELIVERY_LOOP_HEADER "X-OGI-Loop"

/* Longest addr-spec accepted (RFC 5321 4.5.3.1.3: a path of 256 octets
 * with its angle brackets). */
#define DELIVERY_ADDRESS_MAX 254

/* True when addr is a plain addr-spec we will send to: local@domain in
 * printable ASCII, no spaces, quotes, angle brackets or control
 * characters, at most DELIVERY_ADDRESS_MAX bytes. */
bool delivery_address_valid(const char *addr);

/* The domain of the office's sender address (for Message-IDs, the loop
 * header and VERP addresses): a new string, or NULL on the error of
 * delivery_office_sender. */
char *delivery_office_domain(const struct config *cfg, struct ogi_error *err);

/* Writes letter l as a complete message to fd, dated now (Unix time, in
 * the configured time zone), with a new Message-ID under the office's
 * domain, returned without brackets in *message_id_r (g_free).  Returns 0,
 * or -1 (invalid recipient or sender, an attachment that cannot be read,
 * a write error) with *message_id_r NULL. */
int delivery_compose(const struct config *cfg, const struct delivery_letter *l,
		     int64_t now, int fd, char **message_id_r,
		     struct ogi_error *err);

/* delivery_compose into the spool (common/spool.h: synced, named by its
 * hash): the path relative to the state dir in rel_r (rel_size bytes).
 * Returns 0 with the Message-ID as delivery_compose gives it, or -1
 * (delivery_compose's errors, a spool that cannot be written) with none
 * to free.  Blocks on disk I/O. */
int delivery_compose_spool(const struct config *cfg,
			   const struct delivery_letter *l, int64_t now,
			   char **message_id_r, char *rel_r, size_t rel_size,
			   struct ogi_error *err);

/* Returns the RFC 2231 form of a Content-Disposition filename parameter
 * for name (UTF-8, controls and path separators replaced): `filename="x"`
 * for short printable ASCII, else `filename*0*=UTF-8''%E6...` split into
 * continuations on separate folded lines.  A new string (g_free). */
char *delivery_filename_param(const char *name);

#endif
