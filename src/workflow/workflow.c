#include "workflow/workflow.h"

#include <stddef.h>
#include <string.h>

static const char *const workflow_disposition_names[] = {
	[WORKFLOW_CASE] = "case",
	[WORKFLOW_LINKED] = "linked",
	[WORKFLOW_IGNORED] = "ignored",
	[WORKFLOW_REVIEW] = "needs_review",
};

/* Kinds that are answered by nobody: answering them is how mail loops. */
static bool
workflow_automatic(enum extract_kind kind)
{
	return kind == EXTRACT_KIND_AUTO_REPLY || kind == EXTRACT_KIND_BOUNCE ||
	       kind == EXTRACT_KIND_SPAM;
}

/* Nothing is sent on a guess: a verdict in doubt, or a message whose
 * parts could not all be read (the missing element may be in the part we
 * lost), waits for a clerk. */
static const char *
workflow_first_state(const struct extract_record *rec, bool has_problems)
{
	switch (rec->verdict) {
	case EXTRACT_VERDICT_COMPLETE:
		return has_problems ? "needs_review" : "registered";
	case EXTRACT_VERDICT_INCOMPLETE:
		return has_problems ? "needs_review" : "incomplete";
	default:
		return "needs_review";
	}
}

void
workflow_decide(const struct extract_record *rec, bool has_problems,
		bool case_known, const char *thread_case,
		struct workflow_decision *d_r)
{
	*d_r = (struct workflow_decision){ .disposition = WORKFLOW_REVIEW };
	if (rec == NULL) {
		d_r->reason = "not parsed";
		return;
	}
	switch (rec->kind) {
	case EXTRACT_KIND_APPLICATION:
		d_r->disposition = WORKFLOW_CASE;
		d_r->state = workflow_first_state(rec, has_problems);
		d_r->reason = d_r->state;
		d_r->deadline_due = true;
		break;
	case EXTRACT_KIND_CORRECTION_REPLY:
	case EXTRACT_KIND_STATUS_QUERY:
		/* The thread is what the applicant's mail client wrote; a
		 * number in the text may be a typo or another case.  When
		 * they disagree the reply joins its thread and a clerk
		 * looks. */
		if (thread_case != NULL && case_known && rec->case_ref != NULL &&
		    strcmp(thread_case, rec->case_ref) != 0) {
			d_r->link_case = thread_case;
			d_r->reason = "quotes another case than the one it answers";
		} else if ((case_known && rec->case_ref != NULL) ||
			   thread_case != NULL) {
			d_r->disposition = WORKFLOW_LINKED;
			d_r->link_case = thread_case != NULL ? thread_case
							     : rec->case_ref;
			d_r->reason = extract_kind_name(rec->kind);
		} else {
			d_r->reason = rec->case_ref != NULL ? "unknown case"
							    : "no case quoted";
		}
		break;
	default:
		d_r->disposition = workflow_automatic(rec->kind) ? WORKFLOW_IGNORED
							: WORKFLOW_REVIEW;
		d_r->reason = extract_kind_name(rec->kind);
		break;
	}
	/* A problem in the message puts it before a person whatever it is;
	 * an application still becomes a case, so its deadline runs, and a
	 * reply still joins its case. */
	if (has_problems)
		d_r->disposition = WORKFLOW_REVIEW;
}

void
workflow_bounce(bool matched, bool forged, struct workflow_decision *d)
{
	if (matched)
		return;
	d->disposition = WORKFLOW_REVIEW;
	d->reason = forged ? "bounce to a forged return path"
			   : "bounce for no message the gateway sent";
}

const char *
workflow_disposition_name(enum workflow_disposition d)
{
	return workflow_disposition_names[d];
}

const char *
workflow_letter(const char *state)
{
	if (state == NULL)
		return NULL;
	if (strcmp(state, "registered") == 0)
		return "receipt";
	if (strcmp(state, "incomplete") == 0)
		return "correction";
	return NULL;
}

bool
workflow_letter_is_reply(const char *kind)
{
	static const char reply[] = "reply";

	return kind != NULL && strncmp(kind, reply, sizeof(reply) - 1) == 0;
}

const char *
workflow_letter_channel(enum extract_delivery chosen,
			const struct workflow_reach *r)
{
	switch (chosen) {
	case EXTRACT_DELIVERY_FAX:
		if (r->fax)
			return "fax";
		break;
	case EXTRACT_DELIVERY_POST:
		if (r->post)
			return "post";
		break;
	case EXTRACT_DELIVERY_PICKUP:
		if (r->email || r->post)
			return "pickup";
		break;
	case EXTRACT_DELIVERY_EMAIL:
	case EXTRACT_DELIVERY_UNKNOWN:
		break;
	}
	return r->email ? "email" : NULL;
}

/* One row per state: where it may go.  The order is the life of a case. */
static const struct workflow_state_row {
	const char *name;
	bool open;
	const char *const next[6];
} workflow_states[] = {
	{ "received", false, { "needs_review", "incomplete", "registered",
			       "not_application", "duplicate" } },
	{ "needs_review", true, { "registered", "incomplete",
				  "not_application", "duplicate",
				  "withdrawn" } },
	{ "incomplete", true, { "registered", "needs_review", "abandoned",
				"withdrawn", "not_application" } },
	{ "registered", true, { "incomplete", "extended", "answered",
				"withdrawn" } },
	{ "extended", true, { "answered", "withdrawn" } },
	{ "answered", false, { "delivered", "delivery_failed" } },
	{ "delivery_failed", false, { "delivered", "closed" } },
	{ "delivered", false, { "delivery_failed", "closed" } },
	{ "closed", false, { NULL } },
	{ "abandoned", false, { NULL } },
	{ "withdrawn", false, { NULL } },
	{ "not_application", false, { NULL } },
	{ "duplicate", false, { NULL } },
};

static const struct workflow_state_row *
workflow_state_find(const char *state)
{
	for (size_t i = 0; state != NULL &&
	     i < sizeof workflow_states / sizeof workflow_states[0]; i++)
		if (strcmp(workflow_states[i].name, state) == 0)
			return &workflow_states[i];
	return NULL;
}

bool
workflow_state_known(const char *state)
{
	return workflow_state_find(state) != NULL;
}

bool
workflow_state_open(const char *state)
{
	const struct workflow_state_row *row = workflow_state_find(state);

	return row != NULL && row->open;
}

bool
workflow_state_due(const char *state)
{
	return workflow_state_open(state) ||
	       (state != NULL && strcmp(state, "delivery_failed") == 0);
}

bool
workflow_state_final(const char *state)
{
	const struct workflow_state_row *row = workflow_state_find(state);

	return row != NULL && row->next[0] == NULL;
}

int
workflow_transition_check(const char *from, const char *to,
			  struct ogi_error *err)
{
	const struct workflow_state_row *row = workflow_state_find(from);

	if (row == NULL) {
		error_set(err, "unknown state \"%s\"", from != NULL ? from : "");
		return -1;
	}
	if (!workflow_state_known(to)) {
		error_set(err, "unknown state \"%s\"", to != NULL ? to : "");
		return -1;
	}
	if (row->next[0] == NULL) {
		error_set(err, "the case is %s: nothing more can be done with it",
			  from);
		return -1;
	}
	for (size_t i = 0; i < sizeof row->next / sizeof row->next[0] &&
	     row->next[i] != NULL; i++)
		if (strcmp(row->next[i], to) == 0)
			return 0;
	error_set(err, "a case that is %s cannot become %s", from, to);
	return -1;
}
