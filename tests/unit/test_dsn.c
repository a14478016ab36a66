/* Delivery reports: the reader (extract/dsn.h) on RFC 3464 reports and
 * plain-text bounces as MTAs write them, read from raw mail through
 * mime_parse and extract_message as the parser worker does; hostile
 * reports; matching a report to the outbox (delivery/bounce.h: signed
 * return path, then Message-ID under the office's domain); the row's
 * update inside the intake batch; and the report on the worker's wire,
 * refused when it breaks the reader's rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"
#include "daemon/wire.h"
#include "delivery/bounce.h"
#include "delivery/verp.h"
#include "extract/dsn.h"
#include "extract/extract.h"
#include "mime/mime.h"
#include "registry/outbox.h"

/* The return path of a message sent from outbox row 7, signed with a key
 * of test_match's; the reader only copies it. */
#define VERP7 "bounce+7-0123456789abcdef@example.gov.cn"
#define OUR_ID "20261201093000.1a2b3c@example.gov.cn"

struct reader_case {
	const char *name;
	const char *raw;
	enum extract_dsn_action action;
	const char *status;       /* "" for none */
	const char *diagnostic;   /* exact, or NULL for none */
	const char *original_id;  /* NULL for none */
	const char *envelope0;    /* first envelope address, NULL for none */
};

static const struct reader_case reader_cases[] = {
	{ "postfix RFC 3464 report, 5.1.1, headers returned",
	  "Return-Path: <>\n"
	  "Delivered-To: " VERP7 "\n"
	  "From: MAILER-DAEMON@mx.example.gov.cn (Mail Delivery System)\n"
	  "To: " VERP7 "\n"
	  "Subject: Undelivered Mail Returned to Sender\n"
	  "Auto-Submitted: auto-replied\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n"
	  "\n"
	  "--B1\n"
	  "Content-Type: text/plain; charset=us-ascii\n"
	  "\n"
	  "This is the mail system at host mx.example.gov.cn.\n"
	  "<li@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1\n"
	  "    <li@example.net>: Recipient address rejected: User unknown\n"
	  "--B1\n"
	  "Content-Type: message/delivery-status\n"
	  "\n"
	  "Reporting-MTA: dns; mx.example.gov.cn\n"
	  "Arrival-Date: Tue,  1 Dec 2026 09:30:00 +0800 (CST)\n"
	  "\n"
	  "Final-Recipient: rfc822; li@example.net\n"
	  "Original-Recipient: rfc822;li@example.net\n"
	  "Action: failed\n"
	  "Status: 5.1.1\n"
	  "Remote-MTA: dns; mx.example.net\n"
	  "Diagnostic-Code: smtp; 550 5.1.1 <li@example.net>: Recipient address\n"
	  "    rejected: User unknown\n"
	  "\n"
	  "--B1\n"
	  "Content-Type: text/rfc822-headers\n"
	  "\n"
	  "Return-Path: <" VERP7 ">\n"
	  "From: ysqgk@example.gov.cn\n"
	  "Message-ID: <" OUR_ID ">\n"
	  "Subject: test\n"
	  "\n"
	  "--B1--\n",
	  EXTRACT_DSN_FAILED, "5.1.1",
	  "550 5.1.1 <li@example.net>: Recipient address rejected: User unknown",
	  OUR_ID, VERP7 },
	{ "postfix delay notice, 4.4.1, folded diagnostic",
	  "Delivered-To: " VERP7 "\n"
	  "From: MAILER-DAEMON@mx.example.gov.cn (Mail Delivery System)\n"
	  "To: " VERP7 "\n"
	  "Subject: Delayed Mail (still being retried)\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"D\"\n"
	  "\n"
	  "--D\n"
	  "Content-Type: text/plain\n"
	  "\n"
	  "This is the mail system at host mx.example.gov.cn.\n"
	  "####################################################################\n"
	  "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
	  "####################################################################\n"
	  "--D\n"
	  "Content-Type: message/delivery-status\n"
	  "\n"
	  "Reporting-MTA: dns; mx.example.gov.cn\n"
	  "\n"
	  "Final-Recipient: rfc822; zhao@example.org\n"
	  "Action: delayed\n"
	  "Status: 4.4.1\n"
	  "Diagnostic-Code: X-Postfix; connect to mx.example.org[198.51.100.7]:25:\n"
	  "\tConnection timed out\n"
	  "Will-Retry-Until: Sun, 6 Dec 2026 09:30:00 +0800 (CST)\n"
	  "\n"
	  "--D\n"
	  "Content-Type: text/rfc822-headers\n"
	  "\n"
	  "Message-Id: <" OUR_ID ">\n"
	  "--D--\n",
	  EXTRACT_DSN_DELAYED, "4.4.1",
	  "connect to mx.example.org[198.51.100.7]:25: Connection timed out",
	  OUR_ID, VERP7 },
	{ "exchange report with the whole message returned",
	  "From: postmaster@corp.example.com\n"
	  "To: <" VERP7 ">\n"
	  "Subject: Undeliverable: =?UTF-8?B?5rWL6K+V?=\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"_000_EX_\"\n"
	  "X-MS-Exchange-Message-Is-Ndr:\n"
	  "\n"
	  "--_000_EX_\n"
	  "Content-Type: multipart/alternative; boundary=\"_001_EX_\"\n"
	  "\n"
	  "--_001_EX_\n"
	  "Content-Type: text/plain; charset=us-ascii\n"
	  "\n"
	  "Your message to wu@corp.example.com couldn't be delivered.\n"
	  "wu wasn't found at corp.example.com.\n"
	  "--_001_EX_\n"
	  "Content-Type: text/html; charset=us-ascii\n"
	  "\n"
	  "<html><body><p>Your message couldn't be delivered.</p></body></html>\n"
	  "--_001_EX_--\n"
	  "\n"
	  "--_000_EX_\n"
	  "Content-Type: message/delivery-status\n"
	  "\n"
	  "Reporting-MTA: dns;EXCH01.corp.example.com\n"
	  "Received-From-MTA: dns;mail.example.gov.cn\n"
	  "\n"
	  "Final-recipient: RFC822; wu@corp.example.com\n"
	  "Action: failed\n"
	  "Status: 5.1.10\n"
	  "Diagnostic-code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
	  "Recipient not found by SMTP address lookup\n"
	  "\n"
	  "--_000_EX_\n"
	  "Content-Type: message/rfc822\n"
	  "\n"
	  "From: ysqgk@example.gov.cn\n"
	  "To: wu@corp.example.com\n"
	  "Message-ID: <" OUR_ID ">\n"
	  "Subject: =?UTF-8?B?5rWL6K+V?=\n"
	  "\n"
	  "Reply code 450 in our own letter is not the report's.\n"
	  "--_000_EX_--\n",
	  EXTRACT_DSN_FAILED, "5.1.10",
	  "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by "
	  "SMTP address lookup",
	  OUR_ID, VERP7 },
	{ "qmail plain-text bounce, message below the line",
	  "Delivered-To: " VERP7 "\n"
	  "From: MAILER-DAEMON@mail.example.net\n"
	  "To: " VERP7 "\n"
	  "Subject: failure notice\n"
	  "\n"
	  "Hi. This is the qmail-send program at mail.example.net.\n"
	  "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
	  "This is a permanent error; I've given up. Sorry it didn't work out.\n"
	  "\n"
	  "<wang@example.net>:\n"
	  "Remote host said: 550 5.1.1 <wang@example.net>... User unknown\n"
	  "\n"
	  "--- Below this line is a copy of the message.\n"
	  "\n"
	  "Return-Path: <" VERP7 ">\n"
	  "Message-ID: <" OUR_ID ">\n"
	  "Subject: receipt\n"
	  "\n"
	  "Status 4.2.2 quoted in our letter.\n",
	  EXTRACT_DSN_FAILED, "5.1.1",
	  "Remote host said: 550 5.1.1 <wang@example.net>... User unknown",
	  OUR_ID, VERP7 },
	{ "Chinese plain-text bounce (系统退信), SMTP reply code only",
	  "X-Original-To: " VERP7 "\n"
	  "From: =?UTF-8?B?57O757uf6YCA5L+h?= <postmaster@mail.example.cn>\n"
	  "To: ysqgk@example.gov.cn\n"
	  "Subject: =?UTF-8?B?57O757uf6YCA5L+h?=\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: text/plain; charset=UTF-8\n"
	  "Content-Transfer-Encoding: 8bit\n"
	  "\n"
	  "您好！\n"
	  "很抱歉，您发送的邮件未能送达以下收件人：\n"
	  "    zhao@example.cn\n"
	  "退信原因：收件人邮箱空间已满 (552 Mailbox full)\n"
	  "\n"
	  "----- 原始邮件 -----\n"
	  "发件人: ysqgk@example.gov.cn\n"
	  "Message-ID:\n"
	  "    <" OUR_ID ">\n",
	  EXTRACT_DSN_FAILED, "552", "退信原因：收件人邮箱空间已满 (552 Mailbox full)",
	  OUR_ID, VERP7 },
	{ "a letter that mentions 550 in prose is no report",
	  "From: zhang@163.com\n"
	  "To: ysqgk@example.gov.cn\n"
	  "Subject: Mail delivery failed? 关于信息公开申请\n"
	  "Content-Type: text/plain; charset=UTF-8\n"
	  "Content-Transfer-Encoding: 8bit\n"
	  "\n"
	  "您好，我上次发邮件时收到了 550 5.1.1 的错误，这次重新提交申请。\n"
	  "申请公开2025年本局550万元专项资金的使用情况。\n",
	  EXTRACT_DSN_NONE, "", NULL, NULL, NULL },
	{ "hostile: CR, escapes and a flood in the diagnostic",
	  "To: " VERP7 "\n"
	  "From: MAILER-DAEMON@mx.example.net\n"
	  "Subject: Undelivered Mail Returned to Sender\n"
	  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"H\"\n"
	  "\n"
	  "--H\n"
	  "Content-Type: message/delivery-status\n"
	  "\n"
	  "Final-Recipient: rfc822; a@example.net\n"
	  "Action: failed\n"
	  "Status: 5.7.1\n"
	  "Diagnostic-Code: smtp; 550 5.7.1 evil\r"
	  "X-Injected: yes\n"
	  " \x1b[31mred\x1b[0m\x01\x7f tail\n"
	  "\n"
	  "--H--\n",
	  EXTRACT_DSN_FAILED, "5.7.1", "550 5.7.1 evil", NULL, VERP7 },
	{ "hostile: a status that is an IP address, a reply code in a number",
	  "To: " VERP7 "\n"
	  "From: MAILER-DAEMON@mx.example.net\n"
	  "Subject: Undelivered Mail Returned to Sender\n"
	  "\n"
	  "This is the mail system at host mx.example.net.\n"
	  "host 5.1.1.9 said 25501 and 4.4.4.4 could not be delivered to you\n",
	  EXTRACT_DSN_FAILED, "", NULL, NULL, VERP7 },
	{ "a delay notice in words only",
	  "To: " VERP7 "\n"
	  "From: postmaster@mail.example.cn\n"
	  "Subject: 邮件延迟投递通知 (Delivery delayed)\n"
	  "Content-Type: text/plain; charset=UTF-8\n"
	  "Content-Transfer-Encoding: 8bit\n"
	  "\n"
	  "您的邮件暂时无法投递，系统将继续重试。\n",
	  EXTRACT_DSN_DELAYED, "", NULL, NULL, VERP7 },
};

static struct mime_message *
parse(const char *raw)
{
	struct config_limits lim;
	struct mime_message *m = NULL;
	struct ogi_error err = { 0 };

	config_limits_default(&lim);
	if (mime_parse(raw, strlen(raw), &lim, &m, &err) != 0)
		fail_msg("parse: %s", err.msg);
	return m;
}

/* msg through extraction and the reader, as the worker does. */
static void
read_dsn(const struct mime_message *msg, struct extract_dsn *dsn_r)
{
	static const char *const own[] = { "ysqgk@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own, .today = "2026-12-01", .sender_is_contact = true,
	};
	struct extract_record *rec = extract_message(msg, &ctx);

	extract_dsn_read(msg, rec->kind, dsn_r);
	extract_record_free(rec);
}

/* What every report must satisfy, whatever it came from. */
static void
check_clean(const struct extract_dsn *d)
{
	assert_true(d->status[0] == '\0' || extract_dsn_status_valid(d->status));
	assert_true(d->diagnostic == NULL ||
		    extract_dsn_diagnostic_valid(d->diagnostic));
	assert_true(d->original_id == NULL || extract_dsn_id_valid(d->original_id));
	assert_true(d->n_envelope_to <= EXTRACT_DSN_ENVELOPE_MAX);
	for (size_t i = 0; i < d->n_envelope_to; i++)
		assert_true(extract_dsn_address_valid(d->envelope_to[i]));
	if (d->action == EXTRACT_DSN_NONE)
		assert_true(d->status[0] == '\0' && d->diagnostic == NULL &&
			    d->original_id == NULL && d->n_envelope_to == 0);
}

static void
test_reader(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(reader_cases); i++) {
		const struct reader_case *c = &reader_cases[i];
		struct mime_message *msg = parse(c->raw);
		struct extract_dsn d;

		read_dsn(msg, &d);
		print_message("%s\n", c->name);
		assert_string_equal(extract_dsn_action_name(d.action),
				    extract_dsn_action_name(c->action));
		assert_string_equal(d.status, c->status);
		if (c->diagnostic != NULL)
			assert_string_equal(d.diagnostic != NULL ? d.diagnostic : "(none)",
					    c->diagnostic);
		else
			assert_null(d.diagnostic);
		if (c->original_id != NULL)
			assert_string_equal(d.original_id != NULL ? d.original_id
								  : "(none)",
					    c->original_id);
		else
			assert_null(d.original_id);
		if (c->envelope0 != NULL) {
			assert_true(d.n_envelope_to > 0);
			assert_string_equal(d.envelope_to[0], c->envelope0);
		} else {
			assert_int_equal(d.n_envelope_to, 0);
		}
		check_clean(&d);
		extract_dsn_clear(&d);
		mime_message_free(msg);
	}
}

/* A report of n recipients, all delivered but the one at failed_at. */
static char *
many_recipients(size_t n, size_t failed_at)
{
	GString *s = g_string_new(
		"From: MAILER-DAEMON@mx.example.net\n"
		"Delivered-To: " VERP7 "\n");

	/* A thousand recipients, each in To: as well. */
	g_string_append(s, "To: ");
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%sbounce+%zu-0123456789abcdef@example.gov.cn",
				       i > 0 ? ",\n " : "", i + 1);
	g_string_append(s, "\nSubject: Delivery Status Notification\n"
			   "Content-Type: multipart/report; report-type=delivery-status;"
			   " boundary=\"M\"\n\n--M\nContent-Type: message/delivery-status\n\n"
			   "Reporting-MTA: dns; mx.example.net\n\n");
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "Final-Recipient: rfc822; r%zu@example.net\n"
				       "Action: %s\nStatus: %s\n"
				       "Diagnostic-Code: smtp; %s r%zu\n\n", i,
				       i == failed_at ? "failed" : "delivered",
				       i == failed_at ? "5.2.2" : "2.0.0",
				       i == failed_at ? "552 5.2.2 over quota" : "250 ok", i);
	g_string_append(s, "--M--\n");
	return g_string_free(s, FALSE);
}

static void
test_reader_many_recipients(void **state)
{
	char *raw = many_recipients(1000, 977);
	struct mime_message *msg = parse(raw);
	struct extract_dsn d;
	gint64 t0 = g_get_monotonic_time();

	(void)state;
	read_dsn(msg, &d);
	/* Linear in the report: far under a second for a thousand. */
	assert_true(g_get_monotonic_time() - t0 < G_TIME_SPAN_SECOND);
	assert_int_equal(d.action, EXTRACT_DSN_FAILED);
	assert_string_equal(d.status, "5.2.2");
	assert_string_equal(d.diagnostic, "552 5.2.2 over quota r977");
	assert_int_equal(d.n_envelope_to, EXTRACT_DSN_ENVELOPE_MAX);
	assert_string_equal(d.envelope_to[0], VERP7);
	check_clean(&d);
	extract_dsn_clear(&d);
	mime_message_free(msg);
	g_free(raw);

	/* All delivered: a report, but of no failure. */
	raw = many_recipients(3, 99);
	msg = parse(raw);
	read_dsn(msg, &d);
	assert_int_equal(d.action, EXTRACT_DSN_DELIVERED);
	assert_string_equal(d.status, "2.0.0");
	extract_dsn_clear(&d);
	mime_message_free(msg);
	g_free(raw);
}

static void
test_reader_long_diagnostic(void **state)
{
	GString *raw = g_string_new(
		"To: " VERP7 "\nFrom: MAILER-DAEMON@mx.example.net\n"
		"Subject: Undelivered Mail Returned to Sender\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"L\"\n\n"
		"--L\nContent-Type: message/delivery-status\n\n"
		"Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.0.0\n"
		"Diagnostic-Code: smtp; 550");
	struct mime_message *msg;
	struct extract_dsn d;

	(void)state;
	for (int i = 0; i < 2000; i++)
		g_string_append(raw, i % 40 == 0 ? "\n 无法投递" : " 无法投递");
	g_string_append(raw, "\n\n--L--\n");
	msg = parse(raw->str);
	read_dsn(msg, &d);
	assert_non_null(d.diagnostic);
	assert_true(strlen(d.diagnostic) <= EXTRACT_DSN_DIAGNOSTIC_MAX);
	assert_true(strlen(d.diagnostic) > EXTRACT_DSN_DIAGNOSTIC_MAX - 8);
	check_clean(&d);
	extract_dsn_clear(&d);
	mime_message_free(msg);
	g_string_free(raw, TRUE);
}

/* --- matching ------------------------------------------------------------ */

/* A registry in a new directory dir (a mkdtemp template). */
static struct registry *
registry_in(char *dir)
{
	struct ogi_error err = { 0 };
	struct registry *reg;
	char *db;

	assert_non_null(mkdtemp(dir));
	db = g_strdup_printf("%s/ogid.db", dir);
	if (registry_open(db, false, &reg, &err) != 0)
		fail_msg("registry: %s", err.msg);
	g_free(db);
	return reg;
}

static void
registry_gone(struct registry *reg, const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	registry_close(reg);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
}

struct match_case {
	const char *name;
	const char *envelope;     /* NULL: none; "GOOD": row 1's return path;
	                             "FORGED": row 1's with the tag altered;
	                             "OTHERKEY": row 1's under another key */
	const char *original_id;
	int64_t id;               /* expected row, 0 for none */
	const char *by;
	bool forged;
};

static const struct match_case match_cases[] = {
	{ "signed return path", "GOOD", NULL, 1, "return path", false },
	{ "signed return path wins over another row's Message-ID", "GOOD",
	  "m2@example.gov.cn", 1, "return path", false },
	{ "no return path: our Message-ID", NULL, "m2@example.gov.cn", 2,
	  "Message-ID", false },
	{ "our Message-ID, domain in capitals", NULL, "m2@EXAMPLE.GOV.CN", 0,
	  NULL, false },
	{ "a Message-ID we never sent", NULL, "nobody@example.gov.cn", 0, NULL,
	  false },
	{ "a row's Message-ID under another domain", NULL, "m3@evil.example", 0,
	  NULL, false },
	{ "forged tag", "FORGED", NULL, 0, NULL, true },
	{ "forged tag with a real Message-ID", "FORGED", "m2@example.gov.cn", 0,
	  NULL, true },
	{ "return path signed by another key", "OTHERKEY", NULL, 0, NULL, true },
	{ "a return path to a row that does not exist", "NOROW",
	  "m2@example.gov.cn", 2, "Message-ID", false },
};

static void
test_match(void **state)
{
	char dir[] = "/tmp/test_dsn.XXXXXX";
	struct delivery_verp v, other;
	struct ogi_error err = { 0 };
	struct registry *reg = registry_in(dir);
	struct registry_outbox_new m = {
		.kind = "test", .recipient = "a@example.net", .spool_path = "raw/x",
	};
	static const char *const ids[] = {
		"m1@example.gov.cn", "m2@example.gov.cn", "m3@evil.example",
	};
	char good[DELIVERY_VERP_ADDRESS_SIZE], forged[DELIVERY_VERP_ADDRESS_SIZE],
	     otherkey[DELIVERY_VERP_ADDRESS_SIZE], norow[DELIVERY_VERP_ADDRESS_SIZE];
	int64_t id;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		m.message_id = ids[i];
		assert_int_equal(registry_outbox_enqueue(reg, &m, 1000, &id, &err), 0);
		assert_int_equal(id, (int64_t)i + 1);
	}
	assert_int_equal(delivery_verp_load(dir, &v, &err), 0);
	memset(other.key, 0x5a, sizeof(other.key));
	assert_int_equal(delivery_verp_address(&v, 1, "example.gov.cn", good,
					       sizeof(good)), 0);
	memcpy(forged, good, sizeof(good));
	forged[strlen(forged) - strlen("@example.gov.cn") - 1] ^= 1;
	assert_int_equal(delivery_verp_address(&other, 1, "example.gov.cn",
					       otherkey, sizeof(otherkey)), 0);
	assert_int_equal(delivery_verp_address(&v, 99, "example.gov.cn", norow,
					       sizeof(norow)), 0);

	for (size_t i = 0; i < G_N_ELEMENTS(match_cases); i++) {
		const struct match_case *c = &match_cases[i];
		char *env[2] = { NULL, NULL };
		struct extract_dsn d = {
			.action = EXTRACT_DSN_FAILED,
			.original_id = (char *)c->original_id,
			.envelope_to = env,
		};
		struct delivery_bounce_match bm;

		print_message("%s\n", c->name);
		if (c->envelope != NULL) {
			env[0] = strcmp(c->envelope, "GOOD") == 0 ? good :
				 strcmp(c->envelope, "FORGED") == 0 ? forged :
				 strcmp(c->envelope, "NOROW") == 0 ? norow : otherkey;
			d.n_envelope_to = 1;
		}
		assert_int_equal(delivery_bounce_match(reg, &v, "example.gov.cn", &d,
						       &bm, &err), 0);
		assert_int_equal(bm.id, c->id);
		assert_int_equal(bm.forged, c->forged);
		if (c->by != NULL)
			assert_string_equal(bm.by, c->by);
		else
			assert_null(bm.by);
	}
	registry_gone(reg, dir);
}

/* The report is written in the batch that records the bounce: nothing
 * outside one, gone with a rollback; a delay keeps the retry our own
 * server's refusal had set, a failure ends the row. */
static void
test_report_in_batch(void **state)
{
	char dir[] = "/tmp/test_dsn.XXXXXX";
	struct ogi_error err = { 0 };
	struct registry *reg = registry_in(dir);
	struct registry_outbox_new m = {
		.kind = "test", .recipient = "a@example.net", .spool_path = "raw/x",
		.message_id = "r1@example.gov.cn",
	};
	const struct registry_outbox_attempt a = {
		.at = 1000, .result = "temporary", .reply = "451 later",
		.return_path = "bounce+1-x@example.gov.cn", .state = "delayed",
		.next_attempt_at = 1600,
	};
	struct registry_outbox_row row;
	bool found;
	int64_t id;

	(void)state;
	assert_int_equal(registry_outbox_enqueue(reg, &m, 1000, &id, &err), 0);
	assert_int_equal(registry_outbox_attempt(reg, id, &a, &err), 0);

	assert_int_equal(registry_outbox_report_in_tx(reg, id, true, "5.1.1",
						      1100, &err), -1);
	assert_int_equal(registry_batch_begin(reg, &err), 0);
	assert_int_equal(registry_outbox_report_in_tx(reg, id, true, "5.1.1",
						      1100, &err), 0);
	registry_batch_abort(reg);
	assert_int_equal(registry_outbox_get(reg, id, &row, &found, &err), 0);
	assert_string_equal(row.state, "delayed");
	assert_string_equal(row.last_status, "451 later");
	registry_outbox_row_clear(&row);

	assert_int_equal(registry_batch_begin(reg, &err), 0);
	assert_int_equal(registry_outbox_report_in_tx(reg, id, false, "4.4.1 x",
						      1200, &err), 0);
	assert_int_equal(registry_batch_commit(reg, &err), 0);
	assert_int_equal(registry_outbox_get(reg, id, &row, &found, &err), 0);
	assert_string_equal(row.state, "delayed");
	assert_int_equal(row.next_attempt_at, 1600);
	assert_string_equal(row.last_status, "4.4.1 x");
	registry_outbox_row_clear(&row);

	assert_int_equal(registry_batch_begin(reg, &err), 0);
	assert_int_equal(registry_outbox_report_in_tx(reg, id, true, "5.1.1 y",
						      1300, &err), 0);
	assert_int_equal(registry_batch_commit(reg, &err), 0);
	assert_int_equal(registry_outbox_get(reg, id, &row, &found, &err), 0);
	assert_string_equal(row.state, "failed");
	assert_int_equal(row.next_attempt_at, 0);
	registry_outbox_row_clear(&row);
	registry_gone(reg, dir);
}

static void
test_status_text(void **state)
{
	struct extract_dsn d = { .action = EXTRACT_DSN_FAILED, .status = "5.1.1",
				 .diagnostic = (char *)"550 no such user" };
	char *s;

	(void)state;
	s = delivery_bounce_status(&d);
	assert_string_equal(s, "5.1.1 550 no such user");
	g_free(s);
	d.diagnostic = NULL;
	s = delivery_bounce_status(&d);
	assert_string_equal(s, "5.1.1");
	g_free(s);
	d.status[0] = '\0';
	d.action = EXTRACT_DSN_DELAYED;
	s = delivery_bounce_status(&d);
	assert_string_equal(s, "delivery report (delayed) without a status");
	g_free(s);
}

/* --- the wire ------------------------------------------------------------ */

/* A result frame's body with a report, plus extra raw bytes. */
static GByteArray *
frame_with(const struct extract_dsn *d, const unsigned char *extra,
	   size_t extra_len)
{
	struct wire_result res = { .parse_error = (char *)"x" };
	unsigned char *frame;
	size_t len;
	GByteArray *b = g_byte_array_new();

	res.dsn = *d;
	wire_result_encode(&res, &frame, &len);
	g_byte_array_append(b, frame + WIRE_HEADER_SIZE, (guint)(len - WIRE_HEADER_SIZE));
	g_byte_array_append(b, extra, (guint)extra_len);
	g_free(frame);
	return b;
}

static void
test_wire(void **state)
{
	char *env[] = { (char *)VERP7, (char *)"ysqgk@example.gov.cn", NULL };
	const struct extract_dsn d = {
		.action = EXTRACT_DSN_DELAYED, .status = "4.4.1",
		.diagnostic = (char *)"连接超时 timed out",
		.original_id = (char *)OUR_ID, .envelope_to = env, .n_envelope_to = 2,
	};
	struct {
		const char *name;
		unsigned char tag;
		const char *value;
	} hostile[] = {
		{ "CR LF in the diagnostic", 25, "550 x\r\nBcc: a@b" },
		{ "escape in the diagnostic", 25, "550 \x1b[2J" },
		{ "a status that is none", 24, "5.1" },
		{ "a status with text", 24, "5.1.1 ok" },
		{ "an id with a space", 26, "a b@c" },
		{ "an address without @", 27, "bounce+1-x" },
		{ "an action out of range", 23, "\x09\0\0\0\0\0\0\0" },
	};
	struct ogi_error err = { 0 };
	struct wire_result out;
	GByteArray *b;

	(void)state;
	b = frame_with(&d, NULL, 0);
	assert_int_equal(wire_result_decode(b->data, b->len, &out, &err), 0);
	assert_int_equal(out.dsn.action, EXTRACT_DSN_DELAYED);
	assert_string_equal(out.dsn.status, "4.4.1");
	assert_string_equal(out.dsn.diagnostic, d.diagnostic);
	assert_string_equal(out.dsn.original_id, OUR_ID);
	assert_int_equal(out.dsn.n_envelope_to, 2);
	assert_string_equal(out.dsn.envelope_to[1], "ysqgk@example.gov.cn");
	wire_result_clear(&out);
	g_byte_array_free(b, TRUE);

	for (size_t i = 0; i < G_N_ELEMENTS(hostile); i++) {
		const struct extract_dsn none = { .action = EXTRACT_DSN_FAILED };
		size_t vlen = hostile[i].tag == 23 ? 8 : strlen(hostile[i].value);
		unsigned char head[5] = { hostile[i].tag, (unsigned char)vlen, 0, 0, 0 };
		GByteArray *extra = g_byte_array_new();

		print_message("%s\n", hostile[i].name);
		g_byte_array_append(extra, head, 5);
		g_byte_array_append(extra, (const guint8 *)hostile[i].value, (guint)vlen);
		/* Action 23 is sent once by the encoder already when the
		 * report has one: test the range on a report without. */
		b = hostile[i].tag == 23 ? g_byte_array_new() : frame_with(&none, NULL, 0);
		g_byte_array_append(b, extra->data, extra->len);
		if (hostile[i].tag == 23) {
			static const unsigned char perr[] = { 21, 1, 0, 0, 0, 'x' };

			g_byte_array_append(b, perr, sizeof(perr));
		}
		assert_int_equal(wire_result_decode(b->data, b->len, &out, &err), -1);
		g_byte_array_free(b, TRUE);
		g_byte_array_free(extra, TRUE);
	}

	/* Report fields without an action, and more envelope addresses than
	 * the reader ever gives. */
	{
		static const unsigned char orphan[] = { 21, 1, 0, 0, 0, 'x',
							24, 5, 0, 0, 0, '5', '.', '1',
							'.', '1' };
		char *many[EXTRACT_DSN_ENVELOPE_MAX + 2];
		struct extract_dsn big = { .action = EXTRACT_DSN_FAILED,
					   .envelope_to = many,
					   .n_envelope_to = EXTRACT_DSN_ENVELOPE_MAX + 1 };

		assert_int_equal(wire_result_decode(orphan, sizeof(orphan), &out,
						    &err), -1);
		for (size_t i = 0; i <= EXTRACT_DSN_ENVELOPE_MAX; i++)
			many[i] = (char *)"a@b";
		many[EXTRACT_DSN_ENVELOPE_MAX + 1] = NULL;
		b = frame_with(&big, NULL, 0);
		assert_int_equal(wire_result_decode(b->data, b->len, &out, &err), -1);
		g_byte_array_free(b, TRUE);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_reader_many_recipients),
		cmocka_unit_test(test_reader_long_diagnostic),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_report_in_batch),
		cmocka_unit_test(test_status_text),
		cmocka_unit_test(test_wire),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
