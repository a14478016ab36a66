/* Fax-to-mail recognition (extract/fax.h): each gateway's message as it
 * mails a fax, configured patterns, the intake's channel, mail that only
 * talks about faxes, hostile values; the numbers and display texts kept;
 * what the OCR's TIFF tags add; the caller's number as the default reply
 * channel of an application (extract_message). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract.h"

#define MAX_PARTS 2

struct attachment {
	const char *filename;
	const char *content_type;
	const char *text;
};

struct want {
	enum extract_fax_style style;   /* NONE: not a fax */
	const char *csid, *caller;
	unsigned pages;
	enum extract_fax_quality quality;
	int64_t received;
};

struct fax_case {
	const char *title;
	const char *from_name, *from_addr;
	const char *subject;
	const char *date_header;        /* NULL: none */
	int64_t date;
	const char *body;
	struct attachment parts[MAX_PARTS];
	bool fax_channel;
	struct {
		const char *from, *subject;
	} pat;                          /* compiled by extract_fax_patterns_set */
	struct want want;
};

/* Sat, 05 Dec 2026 09:13:10 +0800 */
#define DATE_HDR "Sat, 05 Dec 2026 09:13:10 +0800"
#define DATE_T INT64_C(1796433190)
/* 2026:12:05 09:12:33 in +0800 */
#define RECEIVED_T INT64_C(1796433153)

#define HYLAFAX_BODY(sender, pages, quality, received, callid1, callid2) \
	"recvq/fax00012.tif (ftp://fax.example.gov.cn:4559/recvq/fax00012.tif):\n" \
	"                  Sender: " sender "\n" \
	"                   Pages: " pages "\n" \
	"                 Quality: " quality "\n" \
	"                    Size: ISO A4\n" \
	"                Received: " received "\n" \
	"         Time To Receive: 0:58\n" \
	"             Signal Rate: 14400 bit/s\n" \
	"             Data Format: 2-D MMR\n" \
	"           Error Correct: Yes\n" \
	"                 CallID1: " callid1 "\n" \
	"                 CallID2: " callid2 "\n" \
	"             Received On: ttyIAX0\n" \
	"                  CommID: c00000123\n"

#define PS { "fax00012.ps", "application/postscript", NULL }
#define PDF(name) { name, "application/pdf", NULL }
#define TIFF(name) { name, "image/tiff", NULL }

/* 500 characters of caller ID. */
#define D70 "1234567890123456789012345678901234567890123456789012345678901234567890"
#define LONG_CALLER "0475 " D70 D70 D70 D70 D70 D70 D70 "12345678901234567890"

static const struct fax_case cases[] = {
	{ "HylaFAX faxrcvd, PostScript attached",
	  "HylaFAX Agent", "fax@fax.example.gov.cn",
	  "Fax received from \"0475 8123456\"", DATE_HDR, DATE_T,
	  HYLAFAX_BODY("0475 8123456", "2", "Fine", "2026:12:05 09:12:33",
		       "04758123456", "ZHANG SAN"),
	  { PS }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "0475 8123456", "04758123456", 2,
	    EXTRACT_FAX_QUALITY_FINE, RECEIVED_T } },
	{ "HylaFAX, normal resolution, caller unknown, no subject",
	  "HylaFAX Agent", "fax@fax.example.gov.cn", "", DATE_HDR, DATE_T,
	  HYLAFAX_BODY("+86 471 6612345", "1", "Normal", "2026:12:05 09:12:33",
		       "unknown", "unknown"),
	  { TIFF("fax00012.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "+86 471 6612345", NULL, 1,
	    EXTRACT_FAX_QUALITY_NORMAL, RECEIVED_T } },
	{ "HylaFAX, no Date zone: the mail's Date stands for the time",
	  "HylaFAX Agent", "fax@fax.example.gov.cn",
	  "Fax received from \"ACME\"", NULL, DATE_T,
	  HYLAFAX_BODY("ACME", "3", "196 lines/inch", "2026:12:05 09:12:33",
		       "8001", "ACME CORP"),
	  { PS }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "ACME", NULL, 3,
	    EXTRACT_FAX_QUALITY_FINE, DATE_T } },
	{ "HylaFAX, a Received time weeks before the mail is not believed",
	  "HylaFAX Agent", "fax@fax.example.gov.cn",
	  "Fax received from \"ACME\"", DATE_HDR, DATE_T,
	  HYLAFAX_BODY("ACME", "3", "Fine", "2026:11:20 09:12:33",
		       "04758123456", ""),
	  { PS }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "ACME", "04758123456", 3,
	    EXTRACT_FAX_QUALITY_FINE, DATE_T } },
	{ "FreePBX with name and number",
	  "Fax Service", "fax@pbx.example.gov.cn",
	  "New fax from: \"LI SI\" <13912345678>", DATE_HDR, DATE_T,
	  "Enclosed, please find a new fax\n"
	  "Received & processed: 2026-12-05 09:12:33\n"
	  "From: \"LI SI\" <13912345678>\n"
	  "Pages: 3\n",
	  { PDF("1796433153.4.pdf"), TIFF("1796433153.4.tif") }, false,
	  { NULL, NULL },
	  { EXTRACT_FAX_STYLE_FREEPBX, "LI SI", "13912345678", 3,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "FreePBX, New fax received with a document",
	  "Fax Service", "fax@pbx.example.gov.cn", "New fax received",
	  DATE_HDR, DATE_T, "Enclosed, please find a new fax\n",
	  { PDF("1796433153.4.pdf") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_FREEPBX, NULL, NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "FreePBX, New fax received from a name and number",
	  "Fax Service", "fax@pbx.example.gov.cn",
	  "New fax received from: \"LI SI\" <13912345678>", DATE_HDR, DATE_T,
	  "Enclosed, please find a new fax\n",
	  { PDF("1796433153.4.pdf") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_FREEPBX, "LI SI", "13912345678", 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "FreePBX, New fax received from a number alone",
	  "Fax Service", "fax@pbx.example.gov.cn",
	  "New fax received from 0475-8123456", DATE_HDR, DATE_T,
	  "Enclosed, please find a new fax\n",
	  { TIFF("1796433153.4.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_FREEPBX, NULL, "04758123456", 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "Asterisk mail script, TIFF named by its time, caller in the subject",
	  "Asterisk PBX", "asterisk@pbx.local", "Fax from 0471-6612345",
	  DATE_HDR, DATE_T,
	  "A fax was received at 20261205-091233 from 0471-6612345.\n",
	  { TIFF("20261205-091233.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_ASTERISK, NULL, "04716612345", 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "Asterisk script, the caller and pages in its one line of body",
	  NULL, "asterisk@asterisk.example", "Fax 20261119-092139",
	  DATE_HDR, DATE_T, "Fax from 04757212340 received, 1 page(s).\n",
	  { TIFF("fax-20261119-092139.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_ASTERISK, NULL, "04757212340", 1,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "faxinfo's spelling of HylaFAX's keys",
	  "HylaFAX Agent", "fax@fax.example.gov.cn", "", DATE_HDR, DATE_T,
	  "Sender:            0475 6312758\nPages:             4\n"
	  "TimeToRecv:        0:80\nErrCorrect:        Yes\n",
	  { TIFF("fax000001201.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "0475 6312758", NULL, 4,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "a fax intake: a caller the applicant's body mentions is not taken",
	  "王五", "wangwu@example.com", "申请", DATE_HDR, DATE_T,
	  "我的电话 from 13912345678\n", { PDF("scan.pdf") }, true, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_INTAKE, NULL, NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "Asterisk script saying nothing, Unix time file name",
	  NULL, "fax@pbx.local", "Incoming fax", NULL, 0, "",
	  { TIFF("1796433153.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_ASTERISK, NULL, NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, 0 } },
	{ "eFax-style hosted service",
	  "eFax", "message@inbound.efax.example",
	  "eFax from \"0471 6612345\" - 2 page(s), Caller-ID: +86-471-6612345",
	  DATE_HDR, DATE_T, "You have received a 2 page fax.\n",
	  { PDF("FAX_20261205_1796433153_12.pdf") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_EFAX, "0471 6612345", "+864716612345", 2,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "configured subject pattern",
	  "传真服务", "gw@fax.example.gov.cn", "[FAX] from 0475-8123456, 3 pages",
	  DATE_HDR, DATE_T, "传真已收到，见附件。\n",
	  { PDF("doc.pdf") }, false, { NULL, "^\\[fax\\]" },
	  { EXTRACT_FAX_STYLE_CONFIGURED, NULL, "04758123456", 3,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "a configured pattern wins over a timestamp file name",
	  "传真服务", "gw@fax.example.gov.cn", "[FAX] from 0475-8123456",
	  DATE_HDR, DATE_T, "", { TIFF("20261119-093000.tif") }, false,
	  { NULL, "^\\[fax\\]" },
	  { EXTRACT_FAX_STYLE_CONFIGURED, NULL, "04758123456", 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "configured sender pattern on the display name",
	  "传真服务", "gw@fax.example.gov.cn", "传真", DATE_HDR, DATE_T,
	  "", { PDF("doc.pdf") }, false, { "^传真服务 <", NULL },
	  { EXTRACT_FAX_STYLE_CONFIGURED, NULL, NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "a pattern that does not compile matches nothing",
	  "传真服务", "gw@fax.example.gov.cn", "传真", DATE_HDR, DATE_T,
	  "", { PDF("doc.pdf") }, false, { "(", "[" },
	  { EXTRACT_FAX_STYLE_NONE, NULL, NULL, 0, 0, 0 } },
	{ "a fax intake takes any message for a fax",
	  "Someone", "someone@example.com", "申请", DATE_HDR, DATE_T,
	  "见附件", { PDF("scan.pdf") }, true, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_INTAKE, NULL, NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "a fax intake still knows the gateway",
	  "HylaFAX Agent", "fax@fax.example.gov.cn",
	  "Fax received from \"ACME\"", DATE_HDR, DATE_T,
	  HYLAFAX_BODY("ACME", "1", "Fine", "2026:12:05 09:12:33",
		       "04758123456", ""),
	  { PS }, true, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX, "ACME", "04758123456", 1,
	    EXTRACT_FAX_QUALITY_FINE, RECEIVED_T } },
	{ "an ordinary mail about a fax number is no fax",
	  "王五", "wangwu@example.com", "Fax number question / 传真号码",
	  DATE_HDR, DATE_T,
	  "您好，请问贵局的传真号码？\nOur fax: 0475-1234567\nPages: 2\n"
	  "Sender: 王五\n",
	  { { NULL, NULL, NULL } }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_NONE, NULL, NULL, 0, 0, 0 } },
	{ "a PDF application whose subject says fax received is no fax",
	  "王五", "wangwu@example.com", "Fax received from my office",
	  DATE_HDR, DATE_T, "申请见附件\n", { { NULL, NULL, NULL } }, false,
	  { NULL, NULL },
	  { EXTRACT_FAX_STYLE_NONE, NULL, NULL, 0, 0, 0 } },
	{ "New fax received without a document is no fax",
	  "王五", "wangwu@example.com", "New fax received", DATE_HDR, DATE_T,
	  "did you get my fax?\n", { { NULL, NULL, NULL } }, false,
	  { NULL, NULL },
	  { EXTRACT_FAX_STYLE_NONE, NULL, NULL, 0, 0, 0 } },
	{ "a timestamp TIFF from a person is a scan, not a fax",
	  "王五", "wangwu@example.com", "申请", DATE_HDR, DATE_T, "",
	  { TIFF("20261205-091233.tif") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_NONE, NULL, NULL, 0, 0, 0 } },
	{ "hostile: a 10-digit page count, CR LF and controls in the CSID",
	  "HylaFAX Agent", "fax@fax.example.gov.cn",
	  "Fax received from \"EVIL\r\nBcc: victim@example.com\x01\x1b[2J\u202eTXT\"",
	  DATE_HDR, DATE_T,
	  HYLAFAX_BODY("x",
		       "4294967297", "Ultra", "2026:13:45 99:12:33",
		       "+86 471 66-12-345 ext. 9", ""),
	  { PS }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_HYLAFAX,
	    "EVIL Bcc: victim@example.com [2J TXT", NULL, 0,
	    EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
	{ "hostile: a 500-character caller and CSID",
	  "Fax Service", "fax@pbx.example.gov.cn",
	  "New fax from: \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\" <" LONG_CALLER ">",
	  DATE_HDR, DATE_T, "", { PDF("1.pdf") }, false, { NULL, NULL },
	  { EXTRACT_FAX_STYLE_FREEPBX, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	    NULL, 0, EXTRACT_FAX_QUALITY_UNKNOWN, DATE_T } },
};

static void
build(const struct fax_case *c, struct mime_message *msg,
      struct mime_header *hdr, struct mime_part *parts)
{
	memset(msg, 0, sizeof(*msg));
	msg->from_name = (char *)c->from_name;
	msg->from_addr = (char *)c->from_addr;
	msg->subject = (char *)c->subject;
	msg->date = c->date;
	msg->body = (char *)(c->body != NULL ? c->body : "");
	msg->content_type = (char *)"multipart/mixed";
	if (c->date_header != NULL) {
		hdr->name = (char *)"Date";
		hdr->value = (char *)c->date_header;
		msg->headers = hdr;
		msg->n_headers = 1;
	}
	msg->parts = parts;
	for (size_t i = 0; i < MAX_PARTS && c->parts[i].content_type != NULL; i++) {
		memset(&parts[i], 0, sizeof(parts[i]));
		parts[i].role = MIME_PART_ATTACHMENT;
		parts[i].content_type = (char *)c->parts[i].content_type;
		parts[i].filename = (char *)c->parts[i].filename;
		parts[i].text = (char *)c->parts[i].text;
		parts[i].size = 30000;
		parts[i].image = strcmp(c->parts[i].content_type, "image/tiff") == 0;
		msg->n_parts++;
	}
}

static void
check_str(const char *title, const char *what, const char *got, const char *want)
{
	if ((got == NULL) != (want == NULL) ||
	    (got != NULL && strcmp(got, want) != 0))
		fail_msg("%s: %s \"%s\", want \"%s\"", title, what,
			 got != NULL ? got : "(null)", want != NULL ? want : "(null)");
}

static void
test_recognise(void **state)
{
	struct extract_fax_patterns *pat = NULL;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct fax_case *c = &cases[i];
		const struct want *w = &c->want;
		struct mime_message msg;
		struct mime_header hdr;
		struct mime_part parts[MAX_PARTS];
		struct extract_fax fax;

		build(c, &msg, &hdr, parts);
		/* One set for all the cases: compiled again only when a
		 * case's texts differ from the one before's. */
		extract_fax_patterns_set(&pat, c->pat.from, c->pat.subject);
		extract_fax_recognise(&msg, c->fax_channel, pat, &fax);
		if (fax.style != w->style || fax.is_fax != (w->style != EXTRACT_FAX_STYLE_NONE))
			fail_msg("%s: style %d (fax %d), want %d", c->title, fax.style,
				 fax.is_fax, w->style);
		check_str(c->title, "csid", fax.csid, w->csid);
		check_str(c->title, "caller", fax.caller, w->caller);
		if (fax.pages != w->pages)
			fail_msg("%s: pages %u, want %u", c->title, fax.pages, w->pages);
		if (fax.quality != w->quality)
			fail_msg("%s: quality %d, want %d", c->title, fax.quality,
				 w->quality);
		if (fax.received != w->received)
			fail_msg("%s: received %lld, want %lld", c->title,
				 (long long)fax.received, (long long)w->received);
		extract_fax_clear(&fax);
	}
	extract_fax_patterns_free(pat);
}

/* Three messages the office's gateways mail: gateway A's (display name
 * 传真服务) and gateway B's (网关), in no built-in wording, and a HylaFAX
 * message that gateway A relays. */
static const struct fax_case gateway_mails[] = {
	{ "gateway A", "传真服务", "gw@fax.example.gov.cn", "传真", DATE_HDR,
	  DATE_T, "", { PDF("doc.pdf") }, false, { NULL, NULL }, { 0 } },
	{ "gateway B", "网关", "relay@fax.example.gov.cn", "[FAX] 0475-8123456",
	  DATE_HDR, DATE_T, "", { PDF("doc.pdf") }, false, { NULL, NULL },
	  { 0 } },
	{ "HylaFAX through gateway A", "传真服务", "gw@fax.example.gov.cn",
	  "Fax received from \"ACME\"", DATE_HDR, DATE_T,
	  HYLAFAX_BODY("ACME", "1", "Fine", "2026:12:05 09:12:33",
		       "04758123456", ""),
	  { PS }, false, { NULL, NULL }, { 0 } },
};

#define CONF EXTRACT_FAX_STYLE_CONFIGURED
#define HYLA EXTRACT_FAX_STYLE_HYLAFAX
#define NONE EXTRACT_FAX_STYLE_NONE

/* The patterns an intake's jobs name one after the other, each set on
 * the one struct the worker keeps (extract_fax_patterns_set), and what
 * each message is then: the patterns set last alone count, an earlier
 * one no longer matches; none set leaves the built-in wordings alone,
 * no message vouched for by them. */
static const struct {
	const char *title;
	const char *from, *subject;
	struct {
		enum extract_fax_style style;
		bool vouched;
	} want[G_N_ELEMENTS(gateway_mails)];
} pattern_sets[] = {
	{ "gateway A's sender", "^传真服务 <", NULL,
	  { { CONF, true }, { NONE, false }, { HYLA, true } } },
	{ "the sender replaced by B's: A's no longer matches", "^网关 <", NULL,
	  { { NONE, false }, { CONF, true }, { HYLA, false } } },
	{ "the same sender, a subject added", "^网关 <", "^传真$",
	  { { CONF, true }, { CONF, true }, { HYLA, false } } },
	{ "the same sender, the subject replaced: the old one no longer matches",
	  "^网关 <", "^\\[fax\\]",
	  { { NONE, false }, { CONF, true }, { HYLA, false } } },
	{ "the sender dropped, the subject kept", NULL, "^\\[fax\\]",
	  { { NONE, false }, { CONF, true }, { HYLA, false } } },
	{ "none: the built-in wordings alone, vouching for none", NULL, NULL,
	  { { NONE, false }, { NONE, false }, { HYLA, false } } },
	{ "a sender again after none", "^传真服务 <", NULL,
	  { { CONF, true }, { NONE, false }, { HYLA, true } } },
	{ "both replaced by texts that do not compile: they match nothing",
	  "(", "[",
	  { { NONE, false }, { NONE, false }, { HYLA, false } } },
};

#undef CONF
#undef HYLA
#undef NONE

static void
test_patterns_set(void **state)
{
	struct extract_fax_patterns *pat = NULL;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(pattern_sets); i++) {
		/* Copies, as each job decoded brings its own strings. */
		char *from = g_strdup(pattern_sets[i].from);
		char *subject = g_strdup(pattern_sets[i].subject);

		extract_fax_patterns_set(&pat, from, subject);
		g_free(from);
		g_free(subject);
		for (size_t m = 0; m < G_N_ELEMENTS(gateway_mails); m++) {
			struct mime_message msg;
			struct mime_header hdr;
			struct mime_part parts[MAX_PARTS];
			struct extract_fax fax;

			build(&gateway_mails[m], &msg, &hdr, parts);
			extract_fax_recognise(&msg, false, pat, &fax);
			if (fax.style != pattern_sets[i].want[m].style ||
			    fax.vouched != pattern_sets[i].want[m].vouched)
				fail_msg("%s: %s is style %d, vouched %d; want %d, %d",
					 pattern_sets[i].title,
					 gateway_mails[m].title, fax.style,
					 fax.vouched,
					 pattern_sets[i].want[m].style,
					 pattern_sets[i].want[m].vouched);
			extract_fax_clear(&fax);
		}
	}
	extract_fax_patterns_free(pat);
}

static const struct {
	const char *in, *want;
} numbers[] = {
	{ "0475-8123456", "04758123456" },
	{ "+86 (471) 661-2345", "+864716612345" },
	{ "  13912345678", "13912345678" },
	{ "008647166123456", "008647166123456" },
	{ "8001", NULL },                 /* an internal extension */
	{ "812345", NULL },               /* six digits: still internal */
	{ "1234567", "1234567" },         /* a local subscriber number */
	{ "unknown", NULL },
	{ "anonymous", NULL },
	{ "", NULL },
	{ "0000000000", NULL },           /* all one digit */
	{ "0475 8123456 ext 12", NULL },
	{ "04751234567890123456789", NULL }, /* 23 digits */
	{ "0475-8123456\r\nBcc: x", NULL },
	{ "+", NULL },
	{ "4+758123456", NULL },
	{ "0475----------------------8123456", NULL }, /* over 32 bytes */
};

static void
test_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
		char *n = extract_fax_number(numbers[i].in);

		check_str(numbers[i].in, "number", n, numbers[i].want);
		if (n != NULL)
			assert_true(extract_fax_number_valid(n));
		g_free(n);
	}
	assert_false(extract_fax_number_valid("0475-8123456"));
	assert_null(extract_fax_number(NULL));
}

/* One line however written, against the office's "0475-8888889": the
 * test delivery and the OCR front both hold the office's own number to. */
static const struct {
	const char *a, *b;
	bool same;
} same_numbers[] = {
	{ "0475-8888889", "0475 888 8889", true },
	{ "+86 475 8888889", "0475-8888889", true },
	{ "+86 (0)475 8888889", "0475-8888889", true },
	{ "0086-475-8888889", "0475-8888889", true },
	{ "475 8888889", "0475-8888889", true },     /* trunk 0 left out */
	{ "8888889", "0475-8888889", true },         /* no area code */
	{ "0475-8888889", "8888889", true },
	{ "8888889", "+86 475 8888889", true },
	{ "010-88888889", "88888889", true },        /* 8 digits, Beijing's 10 */
	{ "8888889", "8888889", true },
	/* Other lines: another area's, abroad, a mobile, a tail shorter
	 * than a subscriber number, a local number against an abroad one. */
	{ "0476-8888889", "0475-8888889", false },
	{ "+1 475 8888889", "0475-8888889", false },
	{ "0044 475 8888889", "0475-8888889", false },
	{ "888889", "0475-8888889", false },
	{ "13804758888", "0475-8888889", false },
	{ "8888889", "+1 475 8888889", false },
	{ "8888889", "13908888889", false },         /* a mobile's tail */
	{ "8888889", "8888890", false },
	/* An extension after the number: the same switchboard's line
	 * (review12-final #7: an [office] phone with one no longer matched
	 * itself). */
	{ "0475-8888888-123", "0475-8888888", true },
	{ "0475-8888888转123", "0475 8888888", true },
	{ "0475-8888888 转 8001", "0475-8888888转8001", true },
	{ "0475-8888888 ext. 8001", "+86 475 8888888", true },
	{ "0475-8888889分机8001", "8888889", true },
	{ "0475-8888888 X12", "0475-8888888-34", true },
	{ "8888889转123", "0475-8888889", true },
	{ "0475-8888888转123", "0475-8888889", false },
	{ "0475-8888888转1234567", "0475-8888888", false }, /* no extension */
	{ "转123", "0475-8888888", false },
	/* Hyphens between groups shorter than a subscriber number are not
	 * an extension's. */
	{ "010-6666-8888", "01066668888", true },
	{ "010-6666-8888", "010-6666", false },
	/* Not numbers at all. */
	{ NULL, "0475-8888889", false },
	{ "0475-8888889", NULL, false },
	{ "ysqgk@example.gov.cn", "0475-8888889", false },
	{ "", "", false },
};

static void
test_same_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(same_numbers); i++)
		if (extract_fax_same_number(same_numbers[i].a, same_numbers[i].b) !=
		    same_numbers[i].same)
			fail_msg("case %zu: %s and %s: want %s", i,
				 same_numbers[i].a ? same_numbers[i].a : "NULL",
				 same_numbers[i].b ? same_numbers[i].b : "NULL",
				 same_numbers[i].same ? "same" : "different");
}

/* The office's postal address as the extraction and delivery compare it
 * (review12-r2 #7: a footer's address read as the applicant's was not
 * known as the office's). */
static const struct {
	const char *a, *b;
	bool same;
} same_addresses[] = {
	{ "通辽市科尔沁区民主路1号", "通辽市科尔沁区民主路1号", true },
	{ "通辽 市 科尔沁 区 民主 路 1 号", "通辽市科尔沁区民主路1号", true },
	{ "通辽市科尔沁区民主路１号", "通辽市科尔沁区民主路1号", true },
	{ "通辽市科尔沁区民主路1号　028000", "通辽市科尔沁区民主路1号", true },
	{ "028000 通辽市科尔沁区民主路1号", "通辽市科尔沁区民主路1号 ０２８０００", true },
	{ "通辽市科尔沁区民主路1號", "通辽市科尔沁区民主路1号", true },
	{ "通辽市科尔沁区民主路11号", "通辽市科尔沁区民主路1号", false },
	{ "通辽市科尔沁区民主路1号", "内蒙古通辽市科尔沁区民主路1号", false },
	/* review13-a #9: marks that name no other place */
	{ "通辽市，科尔沁区民主路1号。", "通辽市科尔沁区民主路1号", true },
	{ "通辽市、科尔沁区·民主路1号", "通辽市科尔沁区民主路1号", true },
	{ "通辽市科尔沁区民主路1号，028000", "028000通辽市科尔沁区民主路1号", true },
	{ "No. 1, Minzhu Rd.; Tongliao", "No 1 Minzhu Rd Tongliao", true },
	{ "民主路3—2—101", "民主路3－2－101", true },
	{ "民主路3 - 2", "民主路3-2", true },
	{ "民主路3-2-101", "民主路32101", false }, /* building, unit, room */
	{ "民主路一号", "民主路1号", false },
	{ "，。、", "·", false },                 /* marks alone */
	{ "028000", "028000", false },           /* a postcode alone */
	{ "通辽市科尔沁区民主路1号", NULL, false },
	{ NULL, NULL, false },
	{ "", "", false },
	{ "\xff\xfe", "\xff\xfe", false },
};

static void
test_same_address(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(same_addresses); i++)
		if (extract_same_postal_address(same_addresses[i].a,
						same_addresses[i].b) !=
		    same_addresses[i].same)
			fail_msg("case %zu: %s and %s: want %s", i,
				 same_addresses[i].a ? same_addresses[i].a : "NULL",
				 same_addresses[i].b ? same_addresses[i].b : "NULL",
				 same_addresses[i].same ? "same" : "different");
}

static const struct {
	const char *in, *want;
} displays[] = {
	{ "ACME Ltd", "ACME Ltd" },
	{ "  通辽  某某公司\t传真 ", "通辽 某某公司 传真" },
	{ "A\r\nB\x7f" "C\xc2\x85" "D\u202eE\u2066F", "A B C D E F" },
	{ "\x01\x02\r\n", NULL },
	{ "", NULL },
	{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" },
	{ "\xff\xfe not UTF-8", NULL },
};

static void
test_display(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(displays); i++) {
		char *d = extract_fax_display(displays[i].in);

		check_str(displays[i].in, "display", d, displays[i].want);
		if (d != NULL)
			assert_true(extract_fax_display_valid(d));
		g_free(d);
	}
	assert_false(extract_fax_display_valid(" ACME"));
	assert_false(extract_fax_display_valid("A\nB"));
}

static void
test_merge_tiff(void **state)
{
	static const struct {
		const char *title;
		bool is_fax;
		const char *csid;
		unsigned pages;
		struct extract_fax_tiff tiff;
		const char *want_csid;
		unsigned want_pages;
		enum extract_fax_quality want_quality;
	} merges[] = {
		{ "the TIFF's ID where the mail gave none", true, NULL, 2,
		  { "+86 475 8123456\r\n", 3, 196 }, "+86 475 8123456", 3,
		  EXTRACT_FAX_QUALITY_FINE },
		{ "the mail's CSID stays", true, "ACME", 0,
		  { "OTHER", 1, 98 }, "ACME", 1, EXTRACT_FAX_QUALITY_NORMAL },
		{ "out of range pages and resolution ignored", true, NULL, 2,
		  { NULL, 100000, 0 }, NULL, 2, EXTRACT_FAX_QUALITY_UNKNOWN },
		{ "not a fax: nothing merged", false, NULL, 0,
		  { "SCANNER", 4, 300 }, NULL, 0, EXTRACT_FAX_QUALITY_UNKNOWN },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(merges); i++) {
		struct extract_fax fax = { 0 };

		fax.is_fax = merges[i].is_fax;
		fax.style = fax.is_fax ? EXTRACT_FAX_STYLE_INTAKE : EXTRACT_FAX_STYLE_NONE;
		fax.csid = g_strdup(merges[i].csid);
		fax.pages = merges[i].pages;
		extract_fax_merge_tiff(&fax, &merges[i].tiff);
		check_str(merges[i].title, "csid", fax.csid, merges[i].want_csid);
		if (fax.pages != merges[i].want_pages || fax.quality != merges[i].want_quality)
			fail_msg("%s: pages %u quality %d", merges[i].title, fax.pages,
				 fax.quality);
		extract_fax_clear(&fax);
	}
}

static void
test_names(void **state)
{
	(void)state;
	for (int s = 1; s < EXTRACT_FAX_STYLE_COUNT; s++) {
		enum extract_fax_style back;

		assert_non_null(extract_fax_style_name((enum extract_fax_style)s));
		assert_int_equal(extract_fax_style_from_name(
			extract_fax_style_name((enum extract_fax_style)s), &back), 0);
		assert_int_equal(back, s);
	}
	for (int q = 1; q < EXTRACT_FAX_QUALITY_COUNT; q++) {
		enum extract_fax_quality back;

		assert_int_equal(extract_fax_quality_from_name(
			extract_fax_quality_name((enum extract_fax_quality)q), &back), 0);
		assert_int_equal(back, q);
	}
	assert_null(extract_fax_style_name(EXTRACT_FAX_STYLE_NONE));
	assert_string_equal(extract_fax_style_name(EXTRACT_FAX_STYLE_HYLAFAX), "hylafax");
	assert_string_equal(extract_fax_quality_name(EXTRACT_FAX_QUALITY_FINE), "fine");
	assert_int_equal(extract_fax_style_from_name("telex", &(enum extract_fax_style){ 0 }), -1);
}

/* The application on the fax's pages, as the OCR will give it: no way to
 * answer named unless a case adds one. */
#define FORM(extra) \
	"政府信息公开申请表\n" \
	"姓名：张三\n" \
	"证件名称：居民身份证\n" \
	"证件号码：11010519491231002X\n" \
	"通信地址：北京市东城区东四十条1号\n" \
	"邮政编码：100010\n" \
	extra \
	"所需信息的内容描述：贵局2025年度就业专项资金的使用情况\n" \
	"所需信息的用途：学术研究\n" \
	"申请人签名：张三\n" \
	"申请时间：2026年11月20日\n"

static const struct {
	const char *title;
	const char *callid1;
	const char *form;
	bool hylafax;                  /* else an ordinary mail */
	bool fax_channel;              /* came to an intake with channel = fax */
	enum extract_confidence conf;  /* of the fax-caller values */
	enum extract_delivery delivery;
	const char *fax, *email;
	enum extract_source fax_src, delivery_src;
	const char *fax_rule, *delivery_rule;
} replies[] = {
	{ "no way named: fax to the caller", "0475-8123456", FORM(""), true,
	  true, EXTRACT_CONF_HIGH,
	  EXTRACT_DELIVERY_FAX, "04758123456", NULL,
	  EXTRACT_SRC_HEADER, EXTRACT_SRC_INFERRED, "fax-caller", "fax-caller" },
	/* Anyone can write a gateway's subject and body to a mail intake. */
	{ "a fax's words on a mail intake: the caller only for a clerk",
	  "0475-8123456", FORM(""), true, false, EXTRACT_CONF_LOW,
	  EXTRACT_DELIVERY_FAX, "04758123456", NULL,
	  EXTRACT_SRC_HEADER, EXTRACT_SRC_INFERRED, "fax-caller", "fax-caller" },
	{ "a caller abroad is never dialled by itself", "+882 1612 3456 789",
	  FORM(""), true, true, EXTRACT_CONF_LOW,
	  EXTRACT_DELIVERY_FAX, "+88216123456789", NULL,
	  EXTRACT_SRC_HEADER, EXTRACT_SRC_INFERRED, "fax-caller", "fax-caller" },
	{ "+86 is China", "+86 475 8123456", FORM(""), true, true,
	  EXTRACT_CONF_HIGH, EXTRACT_DELIVERY_FAX, "+864758123456", NULL,
	  EXTRACT_SRC_HEADER, EXTRACT_SRC_INFERRED, "fax-caller", "fax-caller" },
	{ "a fax number on the form wins over the caller", "0475-8123456",
	  FORM("传真：0475-7777777\n"), true, true, EXTRACT_CONF_HIGH,
	  EXTRACT_DELIVERY_FAX, "0475-7777777", NULL,
	  EXTRACT_SRC_LABEL, EXTRACT_SRC_INFERRED, "form-label", "fax-caller" },
	{ "the form asks for e-mail: left alone", "0475-8123456",
	  FORM("电子邮箱：zhangsan@163.com\n获取信息的方式：电子邮件\n"), true,
	  true, EXTRACT_CONF_HIGH, EXTRACT_DELIVERY_EMAIL, NULL, "zhangsan@163.com",
	  EXTRACT_SRC_NONE, EXTRACT_SRC_LABEL, NULL, NULL },
	/* A fax's check boxes are read by OCR: the way they say may be
	 * misread, and it names no number to answer. */
	{ "fax asked for without a number: the caller only for a clerk",
	  "0475-8123456", FORM("获取信息的方式：传真\n"), true, true,
	  EXTRACT_CONF_LOW, EXTRACT_DELIVERY_FAX, "04758123456", NULL,
	  EXTRACT_SRC_HEADER, EXTRACT_SRC_LABEL, "fax-caller", NULL },
	{ "an extension is no number to answer", "8001", FORM(""), true,
	  true, EXTRACT_CONF_HIGH, EXTRACT_DELIVERY_UNKNOWN, NULL, NULL,
	  EXTRACT_SRC_NONE, EXTRACT_SRC_NONE, NULL, NULL },
	{ "an e-mail application is not answered by fax", NULL, FORM(""), false,
	  false, EXTRACT_CONF_HIGH, EXTRACT_DELIVERY_UNKNOWN, NULL, "zhangsan@example.com",
	  EXTRACT_SRC_NONE, EXTRACT_SRC_NONE, NULL, NULL },
};

static void
test_reply_default(void **state)
{
	/* The office's own fax server mails from one of its addresses, as a
	 * machine: the fax is still a person's application. */
	static const char *const own[] = { "ogi@example.gov.cn",
					   "fax@fax.example.gov.cn", NULL };
	struct mime_header robot = { (char *)"Auto-Submitted",
				     (char *)"auto-generated" };
	struct extract_context ctx = {
		.own_addresses = own, .today = "2026-12-05",
		.sender_is_contact = true,
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(replies); i++) {
		struct mime_message msg = { 0 };
		struct mime_part part = { 0 };
		struct extract_record *rec;
		char *body = replies[i].hylafax ?
			g_strdup_printf(HYLAFAX_BODY("ZHANG", "1", "Fine",
				"2026:12:05 09:12:33", "%s", "ZHANG SAN"),
				replies[i].callid1) :
			g_strdup("申请见附件。\n");

		msg.from_addr = (char *)(replies[i].hylafax ? "fax@fax.example.gov.cn"
							    : "zhangsan@example.com");
		if (replies[i].hylafax) {
			msg.headers = &robot;
			msg.n_headers = 1;
		}
		msg.subject = (char *)(replies[i].hylafax ? "Fax received from \"ZHANG\""
							  : "政府信息公开申请");
		msg.date = DATE_T;
		msg.body = body;
		msg.content_type = (char *)"multipart/mixed";
		part.role = MIME_PART_ATTACHMENT;
		part.content_type = (char *)"application/pdf";
		part.filename = (char *)"fax00012.pdf";
		part.text = (char *)replies[i].form;
		msg.parts = &part;
		msg.n_parts = 1;
		ctx.fax_channel = replies[i].fax_channel;
		rec = extract_message(&msg, &ctx);
		if (rec->kind != EXTRACT_KIND_APPLICATION)
			fail_msg("%s: kind %s", replies[i].title,
				 extract_kind_name(rec->kind));
		assert_int_equal(rec->incoming_fax.is_fax, replies[i].hylafax);
		if (rec->delivery != replies[i].delivery)
			fail_msg("%s: delivery %d", replies[i].title, rec->delivery);
		check_str(replies[i].title, "fax", rec->fax, replies[i].fax);
		/* The gateway's address is no way to reach the applicant. */
		check_str(replies[i].title, "email", rec->email, replies[i].email);
		if (rec->info[EXTRACT_FIELD_FAX].source != replies[i].fax_src ||
		    rec->info[EXTRACT_FIELD_DELIVERY].source != replies[i].delivery_src)
			fail_msg("%s: sources fax %d delivery %d", replies[i].title,
				 rec->info[EXTRACT_FIELD_FAX].source,
				 rec->info[EXTRACT_FIELD_DELIVERY].source);
		check_str(replies[i].title, "fax rule", rec->info[EXTRACT_FIELD_FAX].rule,
			  replies[i].fax_rule);
		if (replies[i].delivery_rule != NULL)
			check_str(replies[i].title, "delivery rule",
				  rec->info[EXTRACT_FIELD_DELIVERY].rule,
				  replies[i].delivery_rule);
		if (replies[i].fax_rule != NULL &&
		    strcmp(replies[i].fax_rule, "fax-caller") == 0 &&
		    (rec->info[EXTRACT_FIELD_FAX].confidence != replies[i].conf ||
		     (rec->review != NULL &&
		      strstr(rec->review, "caller ID") != NULL) !=
		     (replies[i].conf == EXTRACT_CONF_LOW) ||
		     (replies[i].conf == EXTRACT_CONF_LOW &&
		      rec->verdict != EXTRACT_VERDICT_REVIEW)))
			fail_msg("%s: caller confidence %d, verdict %d, review %s",
				 replies[i].title,
				 rec->info[EXTRACT_FIELD_FAX].confidence,
				 rec->verdict, rec->review ? rec->review : "none");
		extract_record_free(rec);
		g_free(body);
	}
}

/* The OCR path reads the pages' words instead of the gateway's text; the
 * fax is still the one the gateway mailed, and answered by fax.  The
 * caller's number is sure only where the form's boxes surely state no
 * way: a box the ink cannot judge, or a way ticked without its number,
 * leaves it to a clerk. */
static const struct {
	const char *title;
	struct extract_ocr_box boxes[2];
	size_t n_boxes;
	enum extract_confidence conf;
	const char *why;     /* the caller ID's reason; NULL: none */
} ocr_replies[] = {
	{ "no box measured: the caller answers", { { NULL, 0, 0 } }, 0,
	  EXTRACT_CONF_HIGH, NULL },
	{ "no box ticked, surely: the caller answers",
	  { { "传真", EXTRACT_OCR_INK_ABSENT, 0 }, { "邮寄", EXTRACT_OCR_INK_ABSENT, 0 } },
	  2, EXTRACT_CONF_HIGH, NULL },
	{ "the fax box's ink unsure: the caller only for a clerk",
	  { { "传真", EXTRACT_OCR_INK_UNKNOWN, 0 } }, 1, EXTRACT_CONF_LOW,
	  "(the form's delivery could not be read)" },
	{ "fax ticked without a number: the caller only for a clerk",
	  { { "传真", EXTRACT_OCR_INK_PRESENT, 0 } }, 1, EXTRACT_CONF_LOW,
	  "(the form asks for fax but gives no number)" },
};

static void
test_ocr_path(void **state)
{
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own, .today = "2026-12-05",
		.sender_is_contact = true, .fax_channel = true,
	};
	char **lines = g_strsplit(FORM("获取信息的方式 口自行领取 口邮寄 口传真\n"),
				  "\n", -1);
	struct extract_ocr_word words[32] = { { 0 } };
	struct mime_message msg = { 0 };
	struct mime_part part = { 0 };
	size_t n_words = 0;

	(void)state;
	for (unsigned i = 0; lines[i] != NULL && *lines[i] != '\0'; i++) {
		words[n_words].text = lines[i];
		words[n_words].conf = 95;
		words[n_words++].line = i;
	}
	msg.from_addr = (char *)"fax@fax.example.gov.cn";
	msg.subject = (char *)"Fax received from \"ZHANG\"";
	msg.date = DATE_T;
	msg.body = (char *)HYLAFAX_BODY("ZHANG", "1", "Fine", "2026:12:05 09:12:33",
					"0475-8123456", "ZHANG SAN");
	msg.content_type = (char *)"multipart/mixed";
	part.role = MIME_PART_ATTACHMENT;
	part.content_type = (char *)"image/tiff";
	part.filename = (char *)"fax00012.tif";
	part.image = true;
	msg.parts = &part;
	msg.n_parts = 1;
	for (size_t k = 0; k < G_N_ELEMENTS(ocr_replies); k++) {
		const struct extract_ocr_input in = {
			.words = words, .n_words = n_words, .gateway_text = true,
			.boxes = ocr_replies[k].boxes,
			.n_boxes = ocr_replies[k].n_boxes,
		};
		struct extract_record *rec = extract_message_ocr(&msg, &in, &ctx);
		const char *title = ocr_replies[k].title;

		assert_int_equal(rec->kind, EXTRACT_KIND_APPLICATION);
		assert_int_equal(rec->incoming_fax.style, EXTRACT_FAX_STYLE_HYLAFAX);
		assert_int_equal(rec->incoming_fax.pages, 1);
		assert_string_equal(rec->incoming_fax.caller, "04758123456");
		if (rec->delivery != EXTRACT_DELIVERY_FAX)
			fail_msg("%s: delivery %d", title, rec->delivery);
		check_str(title, "fax", rec->fax, "04758123456");
		check_str(title, "fax rule", rec->info[EXTRACT_FIELD_FAX].rule,
			  "fax-caller");
		assert_null(rec->email);
		if (rec->info[EXTRACT_FIELD_FAX].confidence != ocr_replies[k].conf ||
		    (rec->review != NULL &&
		     strstr(rec->review, "caller ID") != NULL) !=
		    (ocr_replies[k].conf == EXTRACT_CONF_LOW) ||
		    (ocr_replies[k].why != NULL &&
		     strstr(rec->review, ocr_replies[k].why) == NULL))
			fail_msg("%s: caller confidence %d, review %s", title,
				 rec->info[EXTRACT_FIELD_FAX].confidence,
				 rec->review != NULL ? rec->review : "none");
		extract_record_free(rec);
	}
	g_strfreev(lines);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recognise),
		cmocka_unit_test(test_patterns_set),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_same_number),
		cmocka_unit_test(test_same_address),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_merge_tiff),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_reply_default),
		cmocka_unit_test(test_ocr_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
