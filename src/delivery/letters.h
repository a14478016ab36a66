/* The letters worker: every letter owed to an applicant goes through here.
 *
 * A letter is a pending row of the registry's letters queue
 * (registry/letters.h), added in the transaction of the decision that owes
 * it.  The outbox sender's process (delivery/sender.h) runs a pass of this
 * worker before each of its own passes:
 *
 *   for each pending letter:
 *     its document number (stored before anything is rendered, so a
 *     letter rendered again after a crash keeps it)
 *     -> its PDF, STATE/letters/YYYY/ID.pdf (named by the letter's id,
 *        never by anything a sender wrote; rendered again whole if a
 *        crash left it)
 *     -> its channel (delivery/channel.h: email here, fax, post, pickup)
 *     -> queued: the letter's move and the mail its channel composed, in
 *        one transaction, so a letter leaves once (a fax command's
 *        letter: marked sending, committed, before the command starts;
 *        queued and sent in one transaction after it; one found still
 *        marked was in the command when its sender died, may have gone,
 *        and -- like one whose command timed out -- fails, the office
 *        told (delivery_fallback_tell: a reply's case delivery_failed),
 *        instead of going twice or another way)
 *     -> or, when the channel cannot take it now (a fax line busy), it
 *        waits for the next step of the [smtp] retry schedule, and fails
 *        when the schedule is used up
 *
 * and, after the sender's pass, acts once on each letter's final news: a
 * reply sent by email or fax delivers its answered case (workflow
 * permitting); a letter that failed for good is handed to
 * delivery_fallback (the next channel the applicant gave; the case to
 * delivery_failed).
 *
 * Calls block on disk, on the renderer (libharu, tens of milliseconds a
 * letter) and on the registry's write lock.
 */
#ifndef OGI_DELIVERY_LETTERS_H
#define OGI_DELIVERY_LETTERS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "letter/template.h"
#include "registry/registry.h"

/* Letters one pass renders at most: a long queue (a morning's intake)
 * takes several passes and never holds the sender's own work up for
 * long, at roughly 10 ms of rendering a letter. */
#define DELIVERY_LETTERS_BATCH 50

/* The subdirectory of the state directory the rendered letters go to. */
#define DELIVERY_LETTERS_DIR "letters"

struct delivery_letters_stats {
	size_t queued;     /* handed to their channel */
	size_t failed;     /* could not be rendered or sent this way */
	size_t deferred;   /* left pending for a later try (a channel's
	                      temporary failure) */
	size_t settled;    /* final news acted on */
};

/* Renders and hands over the pending letters due at now (Unix time); stop
 * (may be NULL) is looked at between letters.  A letter that cannot be
 * rendered (a template error, a case without the values its kind needs)
 * or that its channel refuses for good fails with the reason and goes to
 * the fallback; a channel's temporary failure leaves it pending until
 * delivery_letters_retry_at, then fails like a refusal.  Returns
 * 0, or -1 when the registry or the spool failed (store scope: the letter
 * in hand stays pending). */
int delivery_letters_run(const struct config *cfg, struct registry *reg,
			 int64_t now, const volatile sig_atomic_t *stop,
			 struct delivery_letters_stats *st_r,
			 struct ogi_error *err);

/* When a letter whose channel failed it for a while, attempts times
 * before this one, is tried next: true with *next_r, the outbox's own
 * [smtp] retry schedule (delivery_retry_decide), so a letter by fax waits
 * as a mail would; false when the schedule is used up.  Pure. */
bool delivery_letters_retry_at(const struct config *cfg, int attempts,
			       int64_t now, int64_t *next_r);

/* Acts once on every letter whose final news came (sent, failed) and marks
 * it settled: see above.  Returns 0, or -1 on a registry error. */
int delivery_letters_settle(const struct config *cfg, struct registry *reg,
			    int64_t now, struct delivery_letters_stats *st_r,
			    struct ogi_error *err);

/* Sets a letter's own values (registry_letter.values_json, as ogictl
 * reply writes it: a JSON object of names to strings, and of list names to
 * arrays of objects of field names to strings) on vals, after the case's.
 * Returns 0, or -1 for text of another shape or a name the templates'
 * vocabulary does not have. */
int delivery_letter_values_apply(const char *json, struct letter_values *vals,
				 struct ogi_error *err);

/* Checks, before a letter is added, that the files of sizes (n of them,
 * bytes) stay within what cfg lets an email carry ([smtp]
 * max_attachments).  Returns 0, or -1 with
 * err naming the total and the limit, in the clerk's words. */
int delivery_letters_check_size(const struct config *cfg,
				const int64_t *sizes, size_t n,
				struct ogi_error *err);

#endif
