/* The intake pipeline: one mailbox's waiting messages through spool, MIME,
 * extraction and the registry, in the order that loses nothing:
 *
 *   fetch → raw bytes to the spool (fsynced) → parse → extract
 *         → registry commit → mark done in the mailbox
 *
 * in batches (group commit): up to 64 messages, or those read within 2 s,
 * share one sync of the spool directories, one registry transaction and
 * one sync of the mailbox updates.
 *
 * A crash between any two steps leaves the message in the mailbox; the next
 * run finds it again and the registry recognises it (content hash, mailbox
 * identity), so nothing is registered twice.  Calls block on disk and, for
 * network drivers, on the network.
 */
#ifndef OGI_DAEMON_PIPELINE_H
#define OGI_DAEMON_PIPELINE_H

#include <signal.h>
#include <stddef.h>

#include "common/config.h"
#include "common/error.h"
#include "intake/intake.h"

struct pipeline;

struct pipeline_stats {
	size_t seen;        /* items listed and not yet known */
	size_t registered;  /* new cases */
	size_t flagged;     /* marked for the office */
	size_t skipped;     /* could not be read this time; left in place */
};

/* Opens the registry and the holiday calendar for cfg (which must outlive
 * the pipeline) and prepares the parser worker with cfg->parser.
 * Returns 0 and *pl_r, or -1. */
int pipeline_open(const struct config *cfg, struct pipeline **pl_r,
		  struct ogi_error *err);
void pipeline_close(struct pipeline *pl);

/* Processes every waiting message of one opened intake, stopping early when
 * *stop becomes non-zero.  A message that cannot be read or parsed is dealt
 * with here (left for the next run, or recorded for the office).  Returns
 * 0, or -1 with err's scope telling what failed: OGI_ERROR_MAILBOX when the
 * mailbox could not be listed, OGI_ERROR_STORE when the spool or the
 * registry failed (the message concerned stays in the mailbox for the next
 * run). */
int pipeline_run(struct pipeline *pl, const struct config_intake *in,
		 const struct intake_driver *drv, void *drv_ctx,
		 volatile sig_atomic_t *stop, struct pipeline_stats *st,
		 struct ogi_error *err);

#endif
