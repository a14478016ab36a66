/* What the daemon does by itself after a message is recorded: holding
 * what is no application and matches no case, merging a correction reply
 * into its incomplete case (and owing the receipt or the next correction
 * notice), answering a status query from the case's own address -- each
 * automatic message within the RFC 3834 rules and the daily limit
 * (workflow/autoreply.h).  Everything is written in the batch's
 * transaction (registry_batch_begin), so it commits, or is undone, with
 * the record that caused it.  Blocks on disk I/O like the registry.
 */
#ifndef OGI_DAEMON_AUTOMATIC_H
#define OGI_DAEMON_AUTOMATIC_H

#include <stdbool.h>
#include <stdint.h>

#include "common/clock.h"
#include "common/config.h"
#include "common/error.h"
#include "common/workdays.h"
#include "daemon/wire.h"
#include "registry/registry.h"

/* One recorded message and what became of it. */
struct automatic_message {
	const struct registry_message *msg;
	const struct wire_result *res;
	const struct registry_outcome *out;
	const struct clock_local *received; /* the office's clock at receipt */
	int64_t now;                /* the one clock reading every decision
	                               about m is taken at (the day an
	                               automatic message counts against, the
	                               time a letter or mail is queued): two
	                               readings can fall on two days */
	const char *where;          /* "mailbox/uid" for the log */
	const char *thread;         /* the case whose thread it answers, by
	                               its sender (registry_thread_case), or
	                               the sender's only incomplete case; ""
	                               or NULL: none */
};

/* Acts on m inside the open batch; wd is the holiday calendar.  Returns 0,
 * or -1 (store scope) when the registry or the spool failed: the batch
 * cannot go on. */
int automatic_after_record(const struct config *cfg, struct registry *reg,
			   const struct workdays *wd,
			   const struct automatic_message *m,
			   struct ogi_error *err);

/* Whether an automatic message may go by e-mail to recipient in answer
 * to m: RFC 3834 on m (workflow/autoreply.h), the recipient itself
 * neither a robot's address nor the office's own (own_addresses or
 * [office] email), then the day's limit
 * (auto_reply_limit).  Counts nothing.  Returns 0 with *why_r NULL when
 * it may, else the reason in words (static); -1 when the registry
 * failed. */
int automatic_may_send_check(const struct config *cfg, struct registry *reg,
			     const struct automatic_message *m,
			     const char *recipient, const char **why_r,
			     struct ogi_error *err);

/* Whether the letter of kind ("receipt", "correction") a case with
 * record rec is owed may go by itself through channel (NULL: no channel
 * reaches the applicant): not when no channel does, nor when it would go
 * to the office's own contact (delivery_letter_to_office), nor by e-mail
 * when automatic_may_send_check refuses.  When it may not, the reason joins
 * rec's review list (a clerk sees why) and *withheld_r is set.  Counts
 * nothing.  Returns 0, or -1 when the registry failed. */
int automatic_letter_check(const struct config *cfg, struct registry *reg,
			   const struct automatic_message *m,
			   struct extract_record *rec, const char *kind,
			   const char *channel, bool *withheld_r,
			   struct ogi_error *err);

/* automatic_may_send_check, then, when it allows, the message counted
 * against the day's limit in the open batch; a refusal is logged.
 * Returns 0 with *ok_r, or -1 when the registry failed. */
int automatic_may_send(const struct config *cfg, struct registry *reg,
		       const struct automatic_message *m, const char *recipient,
		       bool *ok_r, struct ogi_error *err);

#endif
