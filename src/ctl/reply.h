/* The office's decisions: `ogictl reply` and `ogictl extend`.
 *
 * reply ID --outcome CODE [--reason TEXT]... [--where TEXT]
 *       [--holder NAME [--holder-contact TEXT]] [--withheld GROUND:WHAT]...
 *       [--attach FILE]... [--yes]
 *   Checks that the case may be answered (workflow_transition_check) and
 *   that the options fit the outcome (workflow/outcome.h), renders the
 *   reply letter to STATE/drafts/ID-KIND.pdf and prints its path for
 *   review.  With --yes it then records the outcome and queues the letter
 *   (registry/reply.h: one transaction, compare and set), the attached
 *   files first copied into STATE/attachments/ (by e-mail, files over
 *   [smtp] max_attachments together are refused before anything is
 *   recorded).  Without
 *   --yes nothing is recorded: running it again with --yes after review
 *   is the normal flow.
 *
 * extend ID --days N --reason TEXT
 *   Once per case, N at most the rules profile's limit, only while its
 *   deadline has not passed: the deadline moves N working days on from
 *   the current one, the case becomes "extended" and the extension notice
 *   is queued, in one transaction.
 *
 * The letters carry in values_json what they say beyond the case (the
 * letter/template.h names: {"refusal.reason": "...", "withheld": [{"what":
 * "...", ...}], ...}), so the letters worker renders the letter the clerk
 * reviewed.  Both refuse, before the draft, a letter whose channel would
 * take it to the office's own address or fax number
 * (delivery_letter_office_refuse).  Both return the process exit status: 0 done, 1 refused or
 * failed (why on stderr, nothing recorded), 2 bad usage.  Both open the
 * registry read-write in the clerk's name only to record.  Block on disk
 * I/O and the renderer.
 */
#ifndef OGI_CTL_REPLY_H
#define OGI_CTL_REPLY_H

#include "common/config.h"

int ctl_reply(const struct config *cfg, int argc, char **argv);
int ctl_extend(const struct config *cfg, int argc, char **argv);

#endif
