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
 * - A channel writes nothing to the registry (reg is for reading): a
 *   message it composes for the outbox (email, a fax gateway, a pickup
 *   notice) is left in the spool and described in res_r->mail, and the
 *   caller enqueues it in the transaction that queues the letter
 *   (registry_letter_queue), so a letter and its mail exist together or
 *   not at all.  A channel that writes files (the print queue) names them
 *   by letter id, so submitting a letter again replaces them.
 * - Blocks: on disk (spool, print queue), and for a fax command on the
 *   command, at most [fax] timeout seconds.
 * - Everything in *item belongs to the caller and is only read during the
 *   call; files named there are read, never moved or removed.
 * - Before it hands the letter where it cannot be taken back (a fax
 *   command is started) it calls item->handing_over, if set, and hands
 *   nothing over when that fails.
 * - Returns 0 with *res_r filled whatever became of the letter (queued,
 *   sent, failed), or -1 when our own side failed (the registry, the
 *   spool, the print queue directory, a fax command that could not be
 *   started): nothing was handed over, err says so with its scope and the
 *   letter stays pending for the next pass.
 * - Nothing from the applicant ever reaches a shell, a path or a header
 *   unchecked: numbers are checked before they reach an address or a
 *   command's argv, names are data.
 */
#ifndef OGI_DELIVERY_CHANNEL_H
#define OGI_DELIVERY_CHANNEL_H

#include <stdbool.h>
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
	const char *case_id;   /* the tracking number "2026-000123", or NULL */
	const char *kind;      /* letters.kind: "receipt", "reply", ... */
	const char *pdf_path;  /* the rendered letter, an absolute path */
	const char *pdf_name;  /* the name the recipient sees (UTF-8) */
	const struct delivery_attachment *attachments; /* letter_attachments,
	                          in seq order; path absolute */
	size_t n_attachments;
	struct delivery_contact contact;
	int64_t now;           /* Unix time of the submission */
	/* Called with handing_over_ctx just before the letter goes where it
	 * cannot be taken back (the letters worker marks it sending, so a
	 * crash after this point never sends it twice); returns 0, or -1 with
	 * err to stop.  NULL: nothing to call. */
	int (*handing_over)(void *ctx, struct ogi_error *err);
	void *handing_over_ctx;
};

enum delivery_channel_state {
	DELIVERY_CHANNEL_QUEUED,    /* handed on, not yet gone: an outbox row
	                               (email, fax gateway, a pickup notice),
	                               the print queue (post) */
	DELIVERY_CHANNEL_SENT,      /* the channel confirmed it (a fax command
	                               that exited 0) */
	DELIVERY_CHANNEL_TEMPORARY, /* not delivered, try again later (a fax
	                               line busy: exit 75), on the retry
	                               schedule (delivery_letters_retry_at) */
	DELIVERY_CHANNEL_PERMANENT, /* not deliverable this way (no or a bad
	                               number or address, a fax error): the
	                               caller calls delivery_fallback() */
	DELIVERY_CHANNEL_UNCERTAIN, /* it may have gone (a fax command that
	                               timed out or was killed by a signal
	                               we did not send): neither retried nor sent
	                               another way; the letter fails and the
	                               office is told, to decide
	                               (delivery_fallback_tell) */
};

/* Room for a Message-ID we made (a random local part and the office's
 * domain, at most 253 bytes) and for a spool path relative to the state
 * directory (spool/YYYY/MM/<sha256>.eml and the like). */
#define DELIVERY_MESSAGE_ID_SIZE 320
#define DELIVERY_SPOOL_PATH_SIZE 256

/* A message composed into the spool, for the caller to enqueue. */
struct delivery_channel_mail {
	char recipient[DELIVERY_ADDRESS_MAX + 1]; /* "" when submit composed
	                          nothing */
	char message_id[DELIVERY_MESSAGE_ID_SIZE]; /* without brackets */
	char spool_path[DELIVERY_SPOOL_PATH_SIZE]; /* relative to the state
	                          dir, as registry_outbox_new wants it */
};

struct delivery_channel_result {
	enum delivery_channel_state state;
	struct delivery_channel_mail mail; /* with DELIVERY_CHANNEL_QUEUED:
	                          the message to enqueue, if any */
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

/* Whether a letter of kind sent by "pickup" waits at the office to be
 * collected (a reply: the information itself) -- the applicant gets a
 * notice -- rather than travelling to the applicant's contact like any
 * other letter (a receipt or a notice is no reason to come in).  Pure. */
bool delivery_pickup_waits(const char *kind);

/* The applicant's contact as case c recorded it; the strings are c's. */
void delivery_contact_of_case(const struct registry_case *c,
			      struct delivery_contact *contact_r);

/* Whether mail for a letter of kind carries Auto-Submitted: auto-replied
 * (RFC 3834): everything the daemon sends by itself (receipts, correction
 * notices, pickup notices, anything with_letter false) is automatic; a
 * letter a clerk decided (reply-*, extension) is a person's answer and is
 * not.  Pure. */
bool delivery_channel_automatic(const char *kind, bool with_letter);

/* The channel a letter to the applicant of rec goes by, whoever decided
 * it (ogid by itself, a clerk's move): workflow_letter_channel with what
 * the configuration (a fax gateway or command) and rec (an address mail
 * can go to, a fax number, a postal address) make reachable.  NULL: no
 * way, a clerk decides.  Pure; the string is static. */
const char *delivery_letter_channel(const struct config *cfg,
				    const struct extract_record *rec);

/* Whether address (may be NULL: no) is the office's own: [office] email
 * or one of own_addresses, without regard to case.  Pure. */
bool delivery_address_is_office(const struct config *cfg, const char *address);

/* The office's own address or fax number that a letter to the applicant
 * of rec by channel would go to (rec's e-mail for email and pickup
 * notices, its fax for fax, its postal address for post, compared with
 * own_addresses, [office] email, by extract_fax_same_number [office] fax
 * and by extract_same_postal_address [office] address), or NULL when it goes
 * elsewhere: a form misread, or the office's contact taken for the
 * applicant's, must not send the office its own letter.  Pure; the
 * string is rec's. */
const char *delivery_letter_to_office(const struct config *cfg,
				      const struct extract_record *rec,
				      const char *channel);

/* 0 when a letter of kind to the applicant of case_id, whose contact is
 * rec, may go by channel; -1 with err naming the case, the letter, the
 * channel, the office's own address or number it would go to
 * (delivery_letter_to_office) and how to correct the contact.  Every
 * letter a clerk orders (a move's, a reply, an extension notice) asks it
 * before anything is recorded, so none reaches the office instead of the
 * applicant.  Pure. */
int delivery_letter_office_refuse(const struct config *cfg,
				  const char *case_id,
				  const struct extract_record *rec,
				  const char *kind, const char *channel,
				  struct ogi_error *err);

/* The channel called name, or NULL for a name no channel has. */
const struct delivery_channel *delivery_channel_find(const char *name);

/* For channels: composes a message to `to` with subject (the case tag is
 * added) and body, carrying the letter's PDF and attachments when
 * with_letter, into the spool (Auto-Submitted as delivery_channel_automatic
 * says), and describes it in res_r->mail with
 * res_r->state DELIVERY_CHANNEL_QUEUED.  An address delivery_address_valid
 * refuses makes it DELIVERY_CHANNEL_PERMANENT.  Returns 0, or -1 when the
 * spool or a file to attach failed.  Blocks on disk. */
int delivery_channel_mail(const struct config *cfg,
			  const struct delivery_item *item, const char *to,
			  const char *subject, const char *body,
			  bool with_letter,
			  struct delivery_channel_result *res_r,
			  struct ogi_error *err);

/* Where a letter goes after failing in channel failed: the first of
 * "email", "fax", "post" (Art. 8's forms, in this order) after failed --
 * from the first when failed is none of them (pickup) -- for which c
 * holds a way there: an address mail can go to, a fax number
 * delivery_fax_number takes, a postal address.  NULL when none is left.
 * Going only forward, a letter tries each channel at most once.  Pure; the
 * string is static. */
const char *delivery_fallback_next(const struct delivery_contact *c,
				   const char *failed);

/* After a permanent failure of letter letter_id -- its channel said so, its
 * outbox row failed (5xx), or a delivery report came back -- with why in
 * detail (one line), at now: the letter becomes failed (if it is not
 * already); its case becomes delivery_failed when the workflow allows
 * (a reply that was answered); an event "delivery-failed" and a log line
 * tell the office; and the letter is added again, pending, in the next
 * channel the applicant gave (delivery_fallback_next; bureau rules Art. 8:
 * another suitable form when the one asked for fails) that does not lead
 * to the office's own contact (delivery_letter_to_office; cfg NULL: not
 * asked), with its kind, values and attachments.  *next_id_r is the new
 * letter, 0 when no channel is left (the office must act).  Calling it again for the same
 * letter adds nothing more and gives the same *next_id_r.  Not inside a
 * registry transaction; takes the write lock.  Returns 0, or -1 (no such
 * letter, a database error) with nothing added. */
int delivery_fallback(const struct config *cfg, struct registry *reg,
		      int64_t letter_id, const char *detail, int64_t now,
		      int64_t *next_id_r, struct ogi_error *err);

/* After letter letter_id, pending, was handed to a channel that cannot
 * say whether it went -- a fax command that timed out, a sender that died
 * while the command ran --, with why in detail (one line), at now: the
 * office is told as by delivery_fallback (the log line, the event
 * "delivery-failed", a reply's answered case delivery_failed), then the
 * letter becomes failed and settled in one transaction.  It is NOT added
 * again in another channel: it may have reached the applicant, and sending
 * it another way as well would send it twice; a clerk decides.  The office
 * is told first, so a crash in between leaves the letter pending and
 * marked sending: told again on the next pass, never re-sent; a letter
 * already failed (or cancelled) is neither told nor changed.  Not inside
 * a registry transaction.  Returns 0, or -1 (no such letter or case, a
 * database error). */
int delivery_fallback_tell(const struct config *cfg, struct registry *reg,
			   int64_t letter_id, const char *detail, int64_t now,
			   struct ogi_error *err);

#endif
