/* What a status reply tells the applicant about a case: its state in
 * words and what happens next.  Pure; strings are static UTF-8. */
#ifndef OGI_WORKFLOW_STATUS_H
#define OGI_WORKFLOW_STATUS_H

/* The state in the applicant's words and the next step, for a known
 * state (workflow_state_known); NULL for an unknown one. */
struct workflow_status {
	const char *words;
	const char *next;
};
const struct workflow_status *workflow_status_of(const char *state);

#endif
