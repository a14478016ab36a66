/* The office's policy: what each kind of message becomes, which state a
 * case starts in, which letter is owed, where a case may go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "workflow/workflow.h"

#define NONE EXTRACT_KIND_COUNT  /* no record: the message was not parsed */
#define COMPLETE EXTRACT_VERDICT_COMPLETE
#define INCOMPLETE EXTRACT_VERDICT_INCOMPLETE
#define REVIEW EXTRACT_VERDICT_REVIEW

static const struct {
	const char *what;
	unsigned kind;
	enum extract_verdict verdict;
	const char *case_ref;
	bool problems, known;
	const char *disposition, *state, *link, *reason;
	bool deadline;
	const char *thread;     /* case of the message it answers, if any */
} decisions[] = {
	{ "complete application", EXTRACT_KIND_APPLICATION, COMPLETE, NULL, false,
	  false, "case", "registered", NULL, "registered", true, NULL },
	{ "application certainly lacking an element", EXTRACT_KIND_APPLICATION,
	  INCOMPLETE, NULL, false, false,
	  "case", "incomplete", NULL, "incomplete", true, NULL },
	{ "application in doubt: a case waiting for a clerk, deadline running",
	  EXTRACT_KIND_APPLICATION, REVIEW, NULL, false, false,
	  "case", "needs_review", NULL, "needs_review", true, NULL },
	{ "complete application with MIME problems: nothing sent, a clerk looks",
	  EXTRACT_KIND_APPLICATION, COMPLETE, NULL, true, false,
	  "needs_review", "needs_review", NULL, "needs_review", true, NULL },
	{ "incomplete application with MIME problems: the element may be in "
	  "the part we lost", EXTRACT_KIND_APPLICATION, INCOMPLETE, NULL, true,
	  false, "needs_review", "needs_review", NULL, "needs_review", true, NULL },
	{ "an application quoting a case is still a new application",
	  EXTRACT_KIND_APPLICATION, COMPLETE, "2026-000001", false, true,
	  "case", "registered", NULL, "registered", true, NULL },
	{ "correction reply to a known case", EXTRACT_KIND_CORRECTION_REPLY, 0,
	  "2026-000001", false, true,
	  "linked", NULL, "2026-000001", "correction_reply", false, NULL },
	{ "correction reply to an unknown case", EXTRACT_KIND_CORRECTION_REPLY, 0,
	  "2026-000099", false, false,
	  "needs_review", NULL, NULL, "unknown case", false, NULL },
	{ "correction reply quoting nothing, answering a case's message",
	  EXTRACT_KIND_CORRECTION_REPLY, 0, NULL, false, false,
	  "linked", NULL, "2026-000004", "correction_reply", false, "2026-000004" },
	{ "correction reply quoting an unknown number, in a case's thread",
	  EXTRACT_KIND_CORRECTION_REPLY, 0, "2026-000099", false, false,
	  "linked", NULL, "2026-000004", "correction_reply", false, "2026-000004" },
	{ "a number quoted against the thread: joins the thread, a clerk looks",
	  EXTRACT_KIND_STATUS_QUERY, 0, "2026-000001", false, true,
	  "needs_review", NULL, "2026-000004",
	  "quotes another case than the one it answers", false, "2026-000004" },
	{ "the number quoted and the thread agree",
	  EXTRACT_KIND_CORRECTION_REPLY, 0, "2026-000004", false, true,
	  "linked", NULL, "2026-000004", "correction_reply", false, "2026-000004" },
	{ "an application in a thread is still a new application",
	  EXTRACT_KIND_APPLICATION, COMPLETE, NULL, false, false,
	  "case", "registered", NULL, "registered", true, "2026-000004" },
	{ "a bounce in a case's thread is never answered",
	  EXTRACT_KIND_BOUNCE, 0, NULL, false, false,
	  "ignored", NULL, NULL, "bounce", false, "2026-000004" },
	{ "status query quoting nothing", EXTRACT_KIND_STATUS_QUERY, 0, NULL,
	  false, false, "needs_review", NULL, NULL, "no case quoted", false, NULL },
	{ "status query with problems joins its case for the office",
	  EXTRACT_KIND_STATUS_QUERY, 0, "2026-000001", true, true,
	  "needs_review", NULL, "2026-000001", "status_query", false, NULL },
	{ "auto-reply", EXTRACT_KIND_AUTO_REPLY, 0, NULL, false, false,
	  "ignored", NULL, NULL, "auto_reply", false, NULL },
	{ "bounce quoting a case is still never answered", EXTRACT_KIND_BOUNCE, 0,
	  "2026-000001", false, true, "ignored", NULL, NULL, "bounce", false, NULL },
	{ "spam", EXTRACT_KIND_SPAM, 0, NULL, false, false,
	  "ignored", NULL, NULL, "spam", false, NULL },
	{ "spam with problems", EXTRACT_KIND_SPAM, 0, NULL, true, false,
	  "needs_review", NULL, NULL, "spam", false, NULL },
	{ "consultation", EXTRACT_KIND_CONSULTATION, 0, NULL, false, false,
	  "needs_review", NULL, NULL, "consultation", false, NULL },
	{ "complaint", EXTRACT_KIND_COMPLAINT, 0, NULL, false, false,
	  "needs_review", NULL, NULL, "complaint", false, NULL },
	{ "not parsed", NONE, 0, NULL, true, false,
	  "needs_review", NULL, NULL, "not parsed", false, NULL },
};

static void
assert_str(const char *what, const char *field, const char *want,
	   const char *got)
{
	if (want == NULL ? got != NULL : got == NULL || strcmp(want, got) != 0)
		fail_msg("%s: %s: want %s, got %s", what, field,
			 want ? want : "NULL", got ? got : "NULL");
}

static void
test_decisions(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(decisions); i++) {
		struct extract_record rec = {
			.kind = decisions[i].kind,
			.verdict = decisions[i].verdict,
			.case_ref = (char *)decisions[i].case_ref,
		};
		struct workflow_decision d;

		workflow_decide(decisions[i].kind == NONE ? NULL : &rec,
				decisions[i].problems, decisions[i].known,
				decisions[i].thread, &d);
		assert_str(decisions[i].what, "disposition", decisions[i].disposition,
			   workflow_disposition_name(d.disposition));
		assert_str(decisions[i].what, "state", decisions[i].state, d.state);
		assert_str(decisions[i].what, "link", decisions[i].link, d.link_case);
		assert_str(decisions[i].what, "reason", decisions[i].reason, d.reason);
		if (d.deadline_due != decisions[i].deadline)
			fail_msg("%s: deadline_due", decisions[i].what);
	}
}

/* A delivery report goes to the office only when it matched nothing. */
static void
test_bounces(void **state)
{
	static const struct {
		const char *what;
		bool matched, forged;
		const char *disposition, *reason;
	} cases[] = {
		{ "matched its outgoing message", true, false, "ignored", "bounce" },
		{ "matched nothing", false, false, "needs_review",
		  "bounce for no message the gateway sent" },
		{ "to a forged return path", false, true, "needs_review",
		  "bounce to a forged return path" },
	};
	const struct extract_record rec = { .kind = EXTRACT_KIND_BOUNCE };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct workflow_decision d;

		workflow_decide(&rec, false, false, NULL, &d);
		workflow_bounce(cases[i].matched, cases[i].forged, &d);
		assert_str(cases[i].what, "disposition", cases[i].disposition,
			   workflow_disposition_name(d.disposition));
		assert_str(cases[i].what, "reason", cases[i].reason, d.reason);
		assert_null(d.state);
		assert_false(d.deadline_due);
	}
}

static void
test_letters(void **state)
{
	(void)state;
	assert_string_equal(workflow_letter("registered"), "receipt");
	assert_string_equal(workflow_letter("incomplete"), "correction");
	assert_null(workflow_letter("closed"));
	assert_null(workflow_letter(NULL));
}

/* The kinds ogictl reply sends are replies; no other letter is one. */
static void
test_letter_is_reply(void **state)
{
	static const struct {
		const char *kind;
		bool reply;
	} cases[] = {
		{ "reply-provided", true },
		{ "reply-refused", true },
		{ "reply-notice", true },
		{ "receipt", false },
		{ "correction", false },
		{ "extension", false },
		{ "not-application", false },
		{ "", false },
		{ NULL, false },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		assert_int_equal(workflow_letter_is_reply(cases[i].kind),
				 cases[i].reply);
}

/* The channel of an automatic letter: the applicant's choice when the
 * daemon can do it, else e-mail, else none (a clerk decides). */
static void
test_letter_channel(void **state)
{
	static const struct {
		enum extract_delivery chosen;
		struct workflow_reach r;   /* email, fax, post */
		const char *want;
	} cases[] = {
		{ EXTRACT_DELIVERY_EMAIL, { true, true, true }, "email" },
		{ EXTRACT_DELIVERY_EMAIL, { false, true, true }, NULL },
		{ EXTRACT_DELIVERY_FAX, { true, true, false }, "fax" },
		{ EXTRACT_DELIVERY_FAX, { true, false, true }, "email" },
		{ EXTRACT_DELIVERY_FAX, { false, false, true }, NULL },
		{ EXTRACT_DELIVERY_POST, { true, false, true }, "post" },
		{ EXTRACT_DELIVERY_POST, { true, false, false }, "email" },
		{ EXTRACT_DELIVERY_PICKUP, { false, false, true }, "pickup" },
		{ EXTRACT_DELIVERY_PICKUP, { true, false, false }, "pickup" },
		{ EXTRACT_DELIVERY_PICKUP, { false, true, false }, NULL },
		{ EXTRACT_DELIVERY_UNKNOWN, { true, true, true }, "email" },
		{ EXTRACT_DELIVERY_UNKNOWN, { false, true, true }, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = workflow_letter_channel(cases[i].chosen, &cases[i].r);

		if (cases[i].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
}

/* Every move the office's process has, and the ones it must refuse. */
static void
test_transitions(void **state)
{
	static const struct {
		const char *from, *to;
		bool allowed;
		const char *why;   /* in the refusal */
	} cases[] = {
		{ "received", "registered", true, NULL },
		{ "needs_review", "registered", true, NULL },
		{ "needs_review", "incomplete", true, NULL },
		{ "needs_review", "not_application", true, NULL },
		{ "incomplete", "registered", true, NULL },
		{ "incomplete", "abandoned", true, NULL },
		{ "incomplete", "withdrawn", true, NULL },
		{ "registered", "extended", true, NULL },
		{ "registered", "answered", true, NULL },
		{ "registered", "incomplete", true, NULL },
		{ "extended", "answered", true, NULL },
		{ "answered", "delivered", true, NULL },
		{ "answered", "delivery_failed", true, NULL },
		{ "delivery_failed", "delivered", true, NULL },
		{ "delivered", "closed", true, NULL },
		/* a bounce after the server accepted the reply */
		{ "delivered", "delivery_failed", true, NULL },
		/* an extension is granted once */
		{ "extended", "extended", false, "cannot become extended" },
		/* no reply before the application is complete */
		{ "incomplete", "answered", false, "cannot become answered" },
		{ "needs_review", "answered", false, "cannot become answered" },
		/* a reply cannot be extended or withdrawn any more */
		{ "answered", "extended", false, "cannot become extended" },
		{ "answered", "withdrawn", false, "cannot become withdrawn" },
		{ "registered", "abandoned", false, "cannot become abandoned" },
		{ "closed", "registered", false, "nothing more" },
		{ "withdrawn", "registered", false, "nothing more" },
		{ "abandoned", "registered", false, "nothing more" },
		{ "duplicate", "registered", false, "nothing more" },
		{ "registered", "replied", false, "unknown state" },
		{ "replied", "answered", false, "unknown state" },
		{ NULL, "answered", false, "unknown state" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_error err = { 0 };
		int rc = workflow_transition_check(cases[i].from, cases[i].to,
						   &err);

		if (cases[i].allowed) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		if (strstr(err.msg, cases[i].why) == NULL)
			fail_msg("%s -> %s: \"%s\" lacks \"%s\"",
				 cases[i].from, cases[i].to, err.msg,
				 cases[i].why);
	}
	assert_true(workflow_state_open("registered"));
	assert_true(workflow_state_open("extended"));
	assert_true(workflow_state_open("incomplete"));
	assert_false(workflow_state_open("answered"));
	assert_false(workflow_state_open("withdrawn"));
	assert_true(workflow_state_final("abandoned"));
	assert_false(workflow_state_final("delivery_failed"));
	assert_false(workflow_state_known("replied"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decisions),
		cmocka_unit_test(test_bounces),
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_letter_is_reply),
		cmocka_unit_test(test_letter_channel),
		cmocka_unit_test(test_transitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
