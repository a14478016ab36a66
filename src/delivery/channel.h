/* Delivery channels: how a rendered letter reaches its applicant (bureau
 * rules Art. 8: in the form the applicant asked for).
 *
 * Every channel ("email", "fax", "post", "pickup", the names of the
 * letters.channel column) implements struct delivery_channel.  The letters
 * worker takes a pending letter, renders its PDF, fills a struct
 * delivery_item and calls the channel's submit(); it then records the
 * result on the letter (queued, sent, failed with the detail) itself.  A
 * permanent failure goes to delivery_fallback() (fallback.c), which fails
 * the letter and queues it again in the next channel the applicant gave.
 *
 * Contract of submit():
 * - Called outside any registry transaction: a channel may write rows of
 *   its own (an outbox row for a message it composed) with their own
 *   transactions; it never changes the letters row or the case.
 * - Blocks: on disk (spool, print queue), and for a fax command on the
 *   command, at most [fax] timeout seconds.
 * - Everything in *item belongs to the caller and is only read during the
 *   call; files named there are read, never moved or removed.
 * - Returns 0 with *res_r filled whatever became of the letter (queued,
 *   sent, failed), or -1 when our own side failed (the registry, the
 *   spool, the print queue directory): err says so with its scope and the
 *   letter stays pending for the next pass.
 * - Nothing from the applicant ever reaches a shell, a path or a header
 *   unchecked: numbers are checked before they reach an address or a
 *   command's argv, names are data.
 */
#ifndef OGI_DELIVERY_CHANNEL_H
#define OGI_DELIVERY_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "delivery/compose.h"
#include "delivery/delivery.h"
#include "registry/registry.h"

/* How the applicant can be reached: what the case recorded.  UTF-8; NULL
 * or "" when the applicant gave none. */
struct delivery_contact {
	const char *name;      /* the applicant (the organisation's name) */
	const char *email;     /* an addr-spec */
	const char *fax;       /* a fax number as written */
	const char *address;   /* postal address, one line */
	const char *postcode;  /* six digits in China */
};

/* One letter to hand to a channel. */
struct delivery_item {
	int64_t letter_id;     /* letters.id */
	const char *case_id;   /* OGI-YYYY-NNNNNN, or NULL */
	const char *kind;      /* letters.kind: "receipt", "reply", ... */
	const char *pdf_path;  /* the rendered letter, an absolute path */
	const char *pdf_name;  /* the name the recipient sees (UTF-8) */
	const struct delivery_attachment *attachments; /* letter_attachments,
	                          in seq order; path absolute */
	size_t n_attachments;
	struct delivery_contact contact;
	int64_t now;           /* Unix time of the submission */
};

enum delivery_channel_state {
	DELIVERY_CHANNEL_QUEUED,    /* handed on, not yet gone: an outbox row
	                               (email, fax gateway, a pickup notice),
	                               the print queue (post) */
	DELIVERY_CHANNEL_SENT,      /* the channel confirmed it (a fax command
	                               that exited 0) */
	DELIVERY_CHANNEL_TEMPORARY, /* not delivered, try again later (a fax
	                               line busy, a command that timed out) */
	DELIVERY_CHANNEL_PERMANENT, /* not deliverable this way (no or a bad
	                               number or address, a fax error): the
	                               caller calls delivery_fallback() */
};

struct delivery_channel_result {
	enum delivery_channel_state state;
	int64_t outbox_id;     /* the outbox row submit() queued, 0 if none */
	char detail[DELIVERY_REPLY_SIZE]; /* one printable line for the
	                          letter's detail and the log: the command's
	                          exit status and last output line, the queue
	                          file, why it failed; never a password */
};

struct delivery_channel {
	const char *name;      /* "email", "fax", "post", "pickup" */
	int (*submit)(const struct config *cfg, struct registry *reg,
		      const struct delivery_item *item,
		      struct delivery_channel_result *res_r,
		      struct ogi_error *err);
};

extern const struct delivery_channel delivery_channel_email; /* email.c */
extern const struct delivery_channel delivery_channel_fax;   /* fax.c */
extern const struct delivery_channel delivery_channel_post;  /* post.c */
extern const struct delivery_channel delivery_channel_pickup; /* pickup.c */

/* The channel called name, or NULL for a name no channel has. */
const struct delivery_channel *delivery_channel_find(const char *name);

#endif
