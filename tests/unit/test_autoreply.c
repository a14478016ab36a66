/* May the daemon answer this sender by itself (RFC 3834), and the daily
 * limit per recipient. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/config.h"
#include "workflow/autoreply.h"

#define APP EXTRACT_KIND_APPLICATION
#define MAX_LINES 4

static const char *const own[] = { "ogi@example.gov.cn", "fax@example.gov.cn",
				   NULL };

static const struct {
	const char *what;
	bool parsed;
	enum extract_kind kind;
	const char *from;
	const char *headers[MAX_LINES];
	enum autoreply_verdict expect;
} checks[] = {
	{ "an applicant's own mail", true, APP, "zhang@example.com", { NULL },
	  AUTOREPLY_ALLOWED },
	{ "a status query", true, EXTRACT_KIND_STATUS_QUERY, "zhang@example.com",
	  { "Return-Path: <zhang@example.com>", NULL }, AUTOREPLY_ALLOWED },
	{ "Auto-Submitted: no is a person (RFC 3834 §5)", true, APP,
	  "zhang@example.com", { "Auto-Submitted: no", NULL }, AUTOREPLY_ALLOWED },
	{ "Auto-Submitted: NO (case ignored) with a comment", true, APP,
	  "zhang@example.com", { "auto-submitted: NO (typed by hand)", NULL },
	  AUTOREPLY_ALLOWED },
	{ "Auto-Submitted: auto-replied", true, APP, "zhang@example.com",
	  { "Auto-Submitted: auto-replied", NULL }, AUTOREPLY_AUTO_SUBMITTED },
	{ "Auto-Submitted: auto-generated", true, APP, "zhang@example.com",
	  { "Auto-Submitted: auto-generated", NULL }, AUTOREPLY_AUTO_SUBMITTED },
	{ "Auto-Submitted: auto-notified (any other keyword)", true, APP,
	  "zhang@example.com", { "Auto-Submitted: auto-notified; owner=x", NULL },
	  AUTOREPLY_AUTO_SUBMITTED },
	{ "Auto-Submitted: no-something is not no", true, APP,
	  "zhang@example.com", { "Auto-Submitted: no-thanks", NULL },
	  AUTOREPLY_AUTO_SUBMITTED },
	{ "classified auto-reply without headers (QQ Mail)", true,
	  EXTRACT_KIND_AUTO_REPLY, "zhang@qq.com", { NULL }, AUTOREPLY_AUTOMATIC },
	{ "classified bounce", true, EXTRACT_KIND_BOUNCE, "postmaster@example.com",
	  { NULL }, AUTOREPLY_AUTOMATIC },
	{ "List-Id", true, APP, "news@example.com",
	  { "List-Id: <news.example.com>", NULL }, AUTOREPLY_LIST },
	{ "List-Unsubscribe", true, APP, "news@example.com",
	  { "List-Unsubscribe: <mailto:leave@example.com>", NULL },
	  AUTOREPLY_LIST },
	{ "Precedence: bulk", true, APP, "news@example.com",
	  { "Precedence: bulk", NULL }, AUTOREPLY_BULK },
	{ "Precedence: list", true, APP, "news@example.com",
	  { "Precedence: list", NULL }, AUTOREPLY_BULK },
	{ "Precedence: junk", true, APP, "news@example.com",
	  { "Precedence: JUNK", NULL }, AUTOREPLY_BULK },
	{ "Precedence: first-class is no bulk", true, APP, "zhang@example.com",
	  { "Precedence: first-class", NULL }, AUTOREPLY_ALLOWED },
	{ "null Return-Path", true, APP, "zhang@example.com",
	  { "Return-Path: <>", NULL }, AUTOREPLY_NULL_SENDER },
	{ "empty Return-Path", true, APP, "zhang@example.com",
	  { "Return-Path: ", NULL }, AUTOREPLY_NULL_SENDER },
	{ "no From address", true, APP, NULL, { NULL }, AUTOREPLY_NULL_SENDER },
	{ "MAILER-DAEMON", true, APP, "MAILER-DAEMON@mx.example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "postmaster", true, APP, "postmaster@example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "noreply", true, APP, "noreply@bank.example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "do-not-reply", true, APP, "do-not-reply@example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "list owner", true, APP, "owner-news@example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "list request address", true, APP, "news-request@example.com", { NULL },
	  AUTOREPLY_NULL_SENDER },
	{ "the office's own address", true, APP, "OGI@example.gov.cn", { NULL },
	  AUTOREPLY_OWN },
	{ "the office's fax gateway", true, APP, "fax@example.gov.cn", { NULL },
	  AUTOREPLY_OWN },
	{ "spam", true, EXTRACT_KIND_SPAM, "sales@example.com", { NULL },
	  AUTOREPLY_SPAM },
	{ "unparsed", false, APP, "zhang@example.com", { NULL },
	  AUTOREPLY_UNPARSED },
	{ "Auto-Submitted wins over everything after it", true,
	  EXTRACT_KIND_SPAM, "ogi@example.gov.cn",
	  { "Precedence: bulk", "Auto-Submitted: auto-generated", NULL },
	  AUTOREPLY_AUTO_SUBMITTED },
	{ "a header name only starting like one is not it", true, APP,
	  "zhang@example.com", { "List-Idx: x", "Auto-Submitted-By: robot",
				 NULL }, AUTOREPLY_ALLOWED },
};

static void
test_checks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		struct autoreply_message m = {
			.parsed = checks[i].parsed,
			.kind = checks[i].kind,
			.from_addr = checks[i].from,
			.headers = checks[i].headers,
		};
		enum autoreply_verdict v = autoreply_check(&m, own);

		if (v != checks[i].expect)
			fail_msg("%s: %s, expected %s", checks[i].what,
				 autoreply_verdict_name(v),
				 autoreply_verdict_name(checks[i].expect));
	}
}

static void
test_rate(void **state)
{
	static const struct {
		int sent, limit;
		enum autoreply_verdict expect;
	} rows[] = {
		{ 0, CONFIG_AUTO_REPLY_LIMIT_DEFAULT, AUTOREPLY_ALLOWED },
		{ 4, CONFIG_AUTO_REPLY_LIMIT_DEFAULT, AUTOREPLY_ALLOWED },
		{ 5, CONFIG_AUTO_REPLY_LIMIT_DEFAULT, AUTOREPLY_RATE },
		{ 6, CONFIG_AUTO_REPLY_LIMIT_DEFAULT, AUTOREPLY_RATE },
		{ 0, 0, AUTOREPLY_RATE },
		{ 0, 1, AUTOREPLY_ALLOWED },
		{ 1, 1, AUTOREPLY_RATE },
	};

	(void)state;
	assert_int_equal(CONFIG_AUTO_REPLY_LIMIT_DEFAULT, 5);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (autoreply_rate(rows[i].sent, rows[i].limit) != rows[i].expect)
			fail_msg("%d sent, limit %d", rows[i].sent, rows[i].limit);
}

static void
test_relevant(void **state)
{
	static const struct {
		const char *name;
		bool relevant;
	} rows[] = {
		{ "Auto-Submitted", true }, { "auto-submitted", true },
		{ "Precedence", true }, { "List-Id", true },
		{ "LIST-UNSUBSCRIBE", true }, { "Return-Path", true },
		{ "List-Post", false }, { "Subject", false }, { "From", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (autoreply_header_relevant(rows[i].name) != rows[i].relevant)
			fail_msg("%s", rows[i].name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_relevant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
