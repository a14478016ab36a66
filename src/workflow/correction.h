/* A correction reply merged into its incomplete case.
 *
 * Pure: no I/O.  The applicant answers a correction notice with what was
 * missing or wrong; nothing they wrote before is overwritten by a guess:
 * a field of the reply is taken only when the extractor is sure of it
 * (HIGH) and the case has no value for it or its value was invalid.  The
 * case is then checked again as a whole (extract_recheck): complete,
 * still incomplete (the next notice names only what is still missing), or
 * in doubt (a clerk).
 */
#ifndef OGI_WORKFLOW_CORRECTION_H
#define OGI_WORKFLOW_CORRECTION_H

#include "extract/extract.h"

/* Merges reply into c (the case's record as the registry holds it: its
 * values were accepted when the case was made, so each counts as HIGH)
 * and checks c again.  Returns the fields changed, one bit per enum
 * extract_field (1u << f); 0 when the reply supplied nothing new (c is
 * still checked again).  Values are copied; reply is not changed. */
unsigned workflow_correction_merge(struct extract_record *c,
				   const struct extract_record *reply);

/* The state a case in "incomplete" moves to after the merge: "registered"
 * when c's verdict is complete, "incomplete" when it still lacks
 * something certain, "needs_review" otherwise. */
const char *workflow_correction_state(const struct extract_record *c);

#endif
