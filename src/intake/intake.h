/* Intake drivers: where messages come from.
 *
 * Every mailbox kind (Maildir now; IMAP and POP3 later) implements struct
 * intake_driver.  The daemon drives them all the same way:
 *
 *   open → list → for each item: fetch_to spool → (parse, registry commit)
 *        → mark_done → … → close
 *
 * The contract that makes crashes harmless: list() returns every message
 * not yet marked done, so an item fetched but not marked before a crash
 * comes back on the next run and is recognised by the registry (content
 * hash, or mailbox identity).  A driver that cannot tell done from new (a
 * Maildir a person also reads) may list done items too: the registry, not
 * the mailbox, is the record of what was processed.  mark_done() is called only after the registry
 * has committed and changes the mailbox only then.  A driver never deletes
 * a message.
 *
 * All calls block (disk or network).  Strings and buffers handed out belong
 * to the caller unless said otherwise.
 */
#ifndef OGI_INTAKE_INTAKE_H
#define OGI_INTAKE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"

struct intake_item {
	char *uid;            /* stable identity within the mailbox: Maildir
	                         base name without ":2,…" flags; IMAP
	                         "UIDVALIDITY/UID"; POP3 UIDL */
	int64_t received_at;  /* when the mailbox received it (Unix time):
	                         never before INTAKE_RECEIVED_MIN, never more
	                         than INTAKE_RECEIVED_AHEAD after the list()
	                         that gave it (intake_received_witness) */
	const char *received_source; /* where received_at comes from: one of
	                         the INTAKE_RECEIVED_ strings (static) */
	size_t size;          /* bytes, 0 if unknown before fetch */
	bool fresh;           /* the mailbox still shows it as unprocessed
	                         (Maildir new/): when the registry knows it, the
	                         mark_done of an earlier run was lost */
	char *locator;        /* the driver's own note of where the item was
	                         when listed (Maildir "new/NAME:2,S"); NULL if
	                         the uid is enough */
	bool header_only;     /* larger than the intake's max_fetch_size: it
	                         stays on the server, fetch_to() writes only its
	                         header, the pipeline records it unparsed for the
	                         office, and mark_done() only flags it.  Network
	                         drivers; never set for a Maildir */
};

/* Sources of intake_item.received_at, as `ogictl show` names them. */
#define INTAKE_RECEIVED_DELIVERY "delivery"  /* the mailbox's own record of
                                                delivery (Maildir name, IMAP
                                                INTERNALDATE) */
#define INTAKE_RECEIVED_MTIME "mtime"        /* a file's time: changes when
                                                a mailbox is copied */
#define INTAKE_RECEIVED_FETCH "fetch"        /* when it was listed: the
                                                mailbox (POP3) keeps no
                                                delivery time, or what it
                                                kept is no witness */

/* No mail to the office was received before 2000-01-01 (Unix time): an
 * earlier time is a broken clock (a copy's file time, a server's date). */
#define INTAKE_RECEIVED_MIN INT64_C(946684800)
/* How far ahead of ogid's clock a mailbox's may be (seconds): a little,
 * not a date that would count a deadline from next year. */
#define INTAKE_RECEIVED_AHEAD 86400

/* True when t, as a mailbox tells it at `now` (Unix times), can witness a
 * receipt: not before INTAKE_RECEIVED_MIN, not more than
 * INTAKE_RECEIVED_AHEAD after now. */
bool intake_received_plausible(int64_t t, int64_t now);

/* The one rule by which every driver dates an item it lists: sets
 * item->received_at to witnessed and item->received_source to source (an
 * INTAKE_RECEIVED_ string) when witnessed is plausible at now
 * (intake_received_plausible); otherwise -- 0 for a mailbox that keeps
 * none, source then unused and may be NULL -- to now and
 * INTAKE_RECEIVED_FETCH, the time the pipeline may replace by a believed
 * Received: header.  So received_at is never before 2000 nor more than a
 * day ahead of the fetch, whatever the mailbox's clock said. */
void intake_received_witness(struct intake_item *item, int64_t witnessed,
			     const char *source, int64_t now);

struct intake_driver {
	const char *name;     /* the `driver =` value that selects it */

	/* Connects or opens; returns 0 and the driver's state in *ctx_r. */
	int (*open)(const struct config_intake *cfg, void **ctx_r,
		    struct ogi_error *err);

	/* Every message not yet marked done, oldest first.  Returns 0 and a
	 * new array (free with intake_items_free) or -1. */
	int (*list)(void *ctx, struct intake_item **items_r, size_t *n_r,
		    struct ogi_error *err);

	/* Writes the raw bytes of one listed item to fd (a spool file), in
	 * pieces: a message of any size is never held in memory whole.
	 * Returns -1 when the item is gone (another client took it) or on
	 * I/O failure; what was written then is the caller's to discard.
	 * An error of mailbox scope (the connection was lost) ends the pass:
	 * the item stays in the mailbox and the daemon reopens the driver. */
	int (*fetch_to)(void *ctx, const struct intake_item *item, int fd,
			struct ogi_error *err);

	/* Marks an item done so list() no longer returns it; for_office also
	 * flags it for a person to look at.  Idempotent.  Never replaces
	 * another message: when the done name is taken, the item's uid (if it
	 * differs from the mailbox's name for it) names it instead, else -1. */
	int (*mark_done)(void *ctx, const struct intake_item *item,
			 bool for_office, struct ogi_error *err);

	/* Makes the mark_done calls since the last sync durable, once for a
	 * batch of them (Maildir: one sync of cur/ and new/; IMAP, where
	 * mark_done only notes the item: the updates themselves, a command
	 * per kind for the batch).  The caller syncs after every mark_done
	 * before it closes the driver.  NULL when each mark_done is done and
	 * durable by itself.  An update a crash loses is
	 * harmless (the item is listed again and the registry knows it): this
	 * only spares the next run that work.  Returns 0 or -1. */
	int (*sync)(void *ctx, struct ogi_error *err);

	/* Waits up to timeout_s seconds for new mail (IMAP IDLE; a plain
	 * sleep where the mailbox cannot say), returning early when wake_fd
	 * becomes readable (common/wake.h: the daemon is stopping).  Returns
	 * 0 or -1. */
	int (*wait)(void *ctx, int timeout_s, int wake_fd, struct ogi_error *err);

	void (*close)(void *ctx);
};

/* The driver registered under name, or NULL. */
const struct intake_driver *intake_driver_find(const char *name);

void intake_items_free(struct intake_item *items, size_t n);

/* Line ends as a Maildir keeps them: a server sends CRLF (IMAP, POP3)
 * where the same message in a Maildir has LF, and the spool must hold
 * the same bytes for the same message however it came, or its sha256
 * (the registry's identity for it) would differ.  Zero-initialise, feed
 * the bytes as they come (any split), then finish. */
struct intake_crlf {
	bool cr;              /* the last byte fed was a CR, not yet written */
};

/* Writes len bytes of in to out (room for len + 1 bytes): CRLF becomes
 * LF, a CR not followed by LF is kept.  Returns the bytes written. */
size_t intake_crlf_decode(struct intake_crlf *st, const char *in, size_t len,
			  char *out);
/* Writes a CR still held at the end (at most one byte) to out; returns
 * the bytes written. */
size_t intake_crlf_finish(struct intake_crlf *st, char *out);

extern const struct intake_driver intake_maildir_driver;
extern const struct intake_driver intake_imap_driver;
extern const struct intake_driver intake_pop3_driver;

#endif
