/* The print queue, STATE/print/ (0700): what the office prints and posts.
 *
 * A job is a letter's files, each 0600 and named by the letter's id only
 * (never by anything an applicant wrote), in the order they are printed
 * and go into the envelope:
 *   ID-0-sheet.pdf          the address sheet (letter/sheet.h)
 *   ID-1-letter.pdf         the letter (absent for a pickup notice, whose
 *                           sheet carries the notice)
 *   ID-2-attachment.EXT ... the letter's attachments, in their order
 * Each file is written to a temporary name and renamed, so a job is
 * never half a file; a job written again replaces its files.  The post
 * channel (delivery_channel_post) and pickup notices by post put jobs
 * here; `ogictl print done` removes them.  All calls block on disk.
 */
#ifndef OGI_DELIVERY_POST_H
#define OGI_DELIVERY_POST_H

#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "delivery/channel.h"

/* A job in the queue. */
struct delivery_print_job {
	int64_t letter_id;
	char **files;      /* file names in the queue directory, in print
	                      order; NULL-terminated */
	size_t n_files;
	int64_t queued_at; /* the newest file's time */
};

/* STATE/print: a new string (g_free). */
char *delivery_print_dir(const struct config *cfg);

/* Puts item's job in the queue: the address sheet to the applicant's
 * contact (with the notice lines under the window when n_notice > 0),
 * then, when with_letter, the letter and its attachments; fills *res_r:
 * DELIVERY_CHANNEL_QUEUED, or DELIVERY_CHANNEL_PERMANENT when the
 * applicant gave no address or it cannot be laid out (too long for the
 * window, a character no font has).  Returns 0, or -1 when the queue or
 * the fonts failed (store scope; the letter can wait).  Whatever it wrote
 * before failing is removed. */
int delivery_print_submit(const struct config *cfg,
			  const struct delivery_item *item,
			  const char *const *notice, size_t n_notice,
			  bool with_letter,
			  struct delivery_channel_result *res_r,
			  struct ogi_error *err);

/* Every job, by letter id.  Returns 0 and an array in *jobs_r (free with
 * delivery_print_jobs_free; NULL when *n_r is 0), or -1.  A queue that
 * does not exist is empty. */
int delivery_print_list(const struct config *cfg,
			struct delivery_print_job **jobs_r, size_t *n_r,
			struct ogi_error *err);
void delivery_print_jobs_free(struct delivery_print_job *jobs, size_t n);

/* Removes letter_id's files from the queue; *removed_r how many.  Returns
 * 0, or -1. */
int delivery_print_remove(const struct config *cfg, int64_t letter_id,
			  size_t *removed_r, struct ogi_error *err);

#endif
