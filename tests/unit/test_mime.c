/* MIME normalisation: RFC 2047 (with the GMime 3.2.13 bugs gmime#133 and
 * gmime#150 worked around), charsets, RFC 2231 names, HTML and .docx
 * tables, alternatives, forwards, PDF text, limits and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <zip.h>

#include "mime/mime.h"

/* --- helpers ------------------------------------------------------------- */

static struct mime_message *
parse_lim(const char *raw, size_t len, const struct config_limits *lim)
{
	struct mime_message *msg = NULL;
	struct ogi_error err = { 0 };

	if (mime_parse(raw, len, lim, &msg, &err) != 0)
		fail_msg("mime_parse failed: %s", err.msg);
	assert_non_null(msg);
	return msg;
}

static struct mime_message *
parse(const char *raw)
{
	struct config_limits lim;

	config_limits_default(&lim);
	return parse_lim(raw, strlen(raw), &lim);
}

static bool
has_problem(const struct mime_message *msg, const char *needle)
{
	for (size_t i = 0; i < msg->n_problems; i++)
		if (strstr(msg->problems[i], needle) != NULL)
			return true;
	return false;
}

static void
assert_utf8(const char *s)
{
	if (s != NULL)
		assert_true(g_utf8_validate(s, -1, NULL));
}

/* Every string of a message is valid UTF-8. */
static void
assert_message_valid(const struct mime_message *msg)
{
	assert_non_null(msg->body);
	assert_non_null(msg->subject);
	assert_utf8(msg->body);
	assert_utf8(msg->subject);
	assert_utf8(msg->from_name);
	assert_utf8(msg->from_addr);
	assert_utf8(msg->to);
	for (size_t i = 0; i < msg->n_headers; i++) {
		assert_utf8(msg->headers[i].name);
		assert_utf8(msg->headers[i].value);
	}
	for (size_t i = 0; i < msg->n_parts; i++) {
		assert_utf8(msg->parts[i].text);
		assert_utf8(msg->parts[i].filename);
		assert_utf8(msg->parts[i].content_type);
	}
	for (size_t i = 0; i < msg->n_problems; i++)
		assert_utf8(msg->problems[i]);
}

static const struct mime_part *
part_by_type(const struct mime_message *msg, const char *type)
{
	for (size_t i = 0; i < msg->n_parts; i++)
		if (strcmp(msg->parts[i].content_type, type) == 0)
			return &msg->parts[i];
	return NULL;
}

static char *
b64(const void *data, size_t len)
{
	return g_base64_encode(data, len);
}

/* A message with one attachment of the given type and name. */
static char *
with_attachment(const char *body, const char *type, const char *disposition,
		const void *data, size_t len)
{
	char *enc = b64(data, len);
	char *raw = g_strdup_printf(
		"From: a@example.cn\r\nSubject: att\r\nMIME-Version: 1.0\r\n"
		"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
		"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
		"--XX\r\nContent-Type: %s\r\nContent-Disposition: %s\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--XX--\r\n",
		body, type, disposition, enc);

	g_free(enc);
	return raw;
}

/* --- RFC 2047 headers ---------------------------------------------------- */

static const struct {
	const char *raw;   /* Subject: value as sent */
	const char *want;
} subject_cases[] = {
	{ "=?UTF-8?B?5Lit5paH?=", "中文" },
	{ "=?gb2312?Q?=D6=D0=CE=C4_abc?=", "中文 abc" },
	{ "=?utf-8?q?a=20b?=", "a b" },
	/* gmime#133: GMime 3.2.13 gives "中a". */
	{ "=?UTF-8?B?5LitYQ==?= =?UTF-8?B?5paHYg==?=", "中a文b" },
	/* 中 split across words (e4 b8 | ad); plain GMime gives "??". */
	{ "=?UTF-8?B?5Lg=?= =?UTF-8?B?reaWhw==?=", "中文" },
	{ "=?UTF-8?B?5Lg=?=\r\n =?UTF-8?B?reaWhw==?=", "中文" },
	/* Raw 8-bit GBK, no encoded words. */
	{ "\xd6\xd0\xce\xc4 test", "中文 test" },
	/* gb2312 label carrying GBK-only 镕 and GB18030-only 䶮. */
	{ "=?gb2312?B?1uzpRrv5?=", "朱镕基" },
	{ "=?GBK?B?wfX+nw==?=", "刘䶮" },
	{ "=?big5?B?pKSk5Q==?=", "中文" },
	{ "Re: =?utf-8?B?5Lit5paH?= test", "Re: 中文 test" },
	{ "=?gb2312?B?1tA=?= =?utf-8?B?5paH?=", "中文" },
	{ "=?x-foo-bar?B?5Lit?=", "中" },
	{ "=?utf-8?B?5Lit?= plain =?utf-8?B?5paH?=", "中 plain 文" },
	{ "=?broken", "=?broken" },
	{ "=?utf-8?Q?a=0D=0Ab?=", "a  b" },		/* still one line */
	{ "", "" },
};

static void
test_subjects(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(subject_cases); i++) {
		char *raw = g_strdup_printf("From: a@example.cn\r\nSubject: %s\r\n"
					    "\r\nbody\r\n", subject_cases[i].raw);
		struct mime_message *msg = parse(raw);

		assert_message_valid(msg);
		if (strcmp(msg->subject, subject_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, msg->subject,
				 subject_cases[i].want);
		assert_string_equal(mime_header_get(msg, "subject"),
				    subject_cases[i].want);
		mime_message_free(msg);
		g_free(raw);
	}
}

static void
test_header_fields(void **state)
{
	const char *raw =
		"Received: from x\r\n\tby y\r\n"
		"From: =?UTF-8?B?5byg5LiJLCDlip7lhazlrqQ=?= <Zhang.San@Example.CN>\r\n"
		"Reply-To: \"=?utf-8?B?5byg5LiJ?=\" <reply@example.cn>\r\n"
		"To: =?utf-8?B?5byg5LiJ?= <ogi@example.gov.cn>\r\n"
		"Date: Thu, 01 Jan 2026 08:00:00 +0800\r\n"
		"Message-ID: <abc.123@example.cn>\r\n"
		"In-Reply-To: <prev@example.gov.cn>\r\n"
		"References: <a@x> <prev@example.gov.cn>\r\n"
		"Auto-Submitted: auto-replied\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: Text/Plain; charset=utf-8\r\n\r\nhello\r\n";
	struct mime_message *msg;

	(void)state;
	msg = parse(raw);
	assert_message_valid(msg);
	assert_string_equal(msg->from_name, "张三, 办公室");
	assert_string_equal(msg->from_addr, "Zhang.San@Example.CN");
	assert_string_equal(msg->reply_to_addr, "reply@example.cn");
	assert_string_equal(msg->to, "张三 <ogi@example.gov.cn>");
	assert_int_equal(msg->date, 1767225600);
	assert_string_equal(msg->message_id, "abc.123@example.cn");
	assert_string_equal(msg->in_reply_to, "prev@example.gov.cn");
	assert_string_equal(msg->references, "<a@x> <prev@example.gov.cn>");
	assert_string_equal(msg->content_type, "text/plain");
	assert_null(msg->report_type);
	assert_string_equal(msg->subject, "");
	assert_int_equal(msg->n_headers, 11);
	assert_string_equal(msg->headers[0].name, "Received");
	assert_string_equal(msg->headers[0].value, "from x by y");
	assert_string_equal(mime_header_get(msg, "AUTO-SUBMITTED"), "auto-replied");
	assert_null(mime_header_get(msg, "X-Nothing"));
	assert_string_equal(msg->body, "hello");
	assert_int_equal(msg->n_problems, 0);
	mime_message_free(msg);
}

/* NUL bytes are bad bytes, not the end of the value. */
static void
test_nul_in_header(void **state)
{
	static const char raw[] = "From: a@exa\0mple.cn\r\nSubject: ab\0cd\r\n"
				  "X-Foo: 1\0\0 2\r\n\r\nbo\0dy\r\n";
	struct config_limits lim;
	struct mime_message *msg;

	(void)state;
	config_limits_default(&lim);
	msg = parse_lim(raw, sizeof(raw) - 1, &lim);
	assert_message_valid(msg);
	assert_string_equal(msg->subject, "ab\xEF\xBF\xBD" "cd");
	assert_string_equal(mime_header_get(msg, "X-Foo"),
			    "1\xEF\xBF\xBD\xEF\xBF\xBD 2");
	assert_non_null(strstr(msg->body, "bo\xEF\xBF\xBD" "dy"));
	assert_true(has_problem(msg, "undecodable bytes replaced by U+FFFD"));
	assert_true(has_problem(msg, "header Subject contains NUL bytes"));
	mime_message_free(msg);
}

/* --- charsets ------------------------------------------------------------ */

static const struct {
	const char *bytes;
	size_t len;
	const char *charset;
	const char *want;
} utf8_cases[] = {
	{ "中文", 6, NULL, "中文" },
	{ "\xd6\xd0\xce\xc4", 4, NULL, "中文" },
	{ "\xd6\xd0\xce\xc4", 4, "utf-8", "中文" },		/* mislabelled */
	{ "\xd6\xd0\xce\xc4", 4, "x-foo-bar", "中文" },
	{ "\xd6\xd0\xce\xc4", 4, "\x01garbage\xff", "中文" },
	{ "\xd6\xd0\xce\xc4", 4, "us-ascii", "中文" },
	{ "\xe9\x46", 2, "gb2312", "镕" },
	{ "\xe9\x46", 2, "\"GB2312\"", "镕" },
	{ "\xfe\x9f", 2, "gbk", "䶮" },
	{ "\xfe\x9f", 2, "cp936", "䶮" },
	{ "\xa4\xa4\xa4\xe5", 4, "big5", "中文" },
	{ "\xa4\xa4\xa4\xe5", 4, "Big5", "中文" },
	{ "caf\xe9", 4, "iso-8859-1", "café" },
	{ "a\xff" "b", 3, NULL, "a\xEF\xBF\xBD" "b" },
	{ "a\xff" "b", 3, "gb2312", "a\xEF\xBF\xBD" "b" },
	{ "a\0b", 3, NULL, "a\xEF\xBF\xBD" "b" },
	{ "a\0b\0", 4, "utf-16le", "ab" },
	/* UTF-16 and UTF-8 with a BOM, whatever the label says; the BOM goes. */
	{ "\xFF\xFE\x33\x75\xF7\x8B", 6, NULL, "申请" },
	{ "\xFE\xFF\x75\x33\x8B\xF7", 6, NULL, "申请" },
	{ "\xFF\xFE" "a\0b\0", 6, "utf-16le", "ab" },
	{ "\xFF\xFE\x33\x75\xF7\x8B", 6, "gbk", "申请" },
	{ "\xEF\xBB\xBF中文", 9, NULL, "中文" },
	{ "\xEF\xBB\xBF中文", 9, "gb2312", "中文" },
	{ "\xEF\xBB\xBF中文", 9, "utf-8", "中文" },
	/* A BOM'd text cut short loses its last character only. */
	{ "\xFF\xFE\x33\x75\xF7", 5, NULL, "申\xEF\xBF\xBD" },
	/* No BOM: the NULs of ASCII characters tell UTF-16 and its order,
	 * also against glibc's big-endian default for "utf-16" and with
	 * U+4E00 一 (00 4E) putting a NUL on the other side. */
	{ "A\0:\0\x33\x75\n\0", 8, NULL, "A:申\n" },
	{ "\0A\0:\x75\x33\0\n", 8, NULL, "A:申\n" },
	{ "a\0b\0", 4, "utf-16", "ab" },
	{ "\0a\0b", 4, "utf-16", "ab" },
	{ "\x00\x4E" "1\0" "2\0" "3\0" "\n\0", 10, "utf-8", "一123\n" },
	{ "\x33\x75\xF7\x8B", 4, "unicode", "申请" },
	/* NULs in binary noise: not text in any encoding. */
	{ "\x01\0\x02\0", 4, NULL, "\x01\xEF\xBF\xBD\x02\xEF\xBF\xBD" },
	{ "", 0, "utf-8", "" },
};

static void
test_to_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(utf8_cases); i++) {
		char *s = mime_to_utf8(utf8_cases[i].bytes, utf8_cases[i].len,
				       utf8_cases[i].charset);

		assert_non_null(s);
		assert_true(g_utf8_validate(s, -1, NULL));
		if (strcmp(s, utf8_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, s,
				 utf8_cases[i].want);
		free(s);
	}
}

static void
test_body_charsets(void **state)
{
	static const struct {
		const char *ctype;
		const char *cte;
		const char *body;
		const char *want;
		const char *problem;
	} cases[] = {
		{ "text/plain; charset=gb2312", "8bit", "\xd6\xd0\xce\xc4\xe9\x46", "中文镕", NULL },
		{ "text/plain; charset=\"x-foo-bar\"", "8bit", "\xd6\xd0\xce\xc4", "中文",
		  "unknown charset \"x-foo-bar\"" },
		{ "text/plain", "8bit", "\xd6\xd0\xce\xc4", "中文", NULL },
		{ "text/plain; charset=utf-8", "base64", "1tDOxA==", "中文", NULL },
		{ "text/plain; charset=big5", "quoted-printable", "=A4=A4=A4=E5", "中文", NULL },
		{ "text/plain; charset=utf-8", "8bit", "l1\r\nl2\rl3", "l1\nl2\nl3", NULL },
		/* Bodies declared UTF-16, with a BOM of either order or none. */
		{ "text/plain; charset=utf-16", "base64", "//4zdfeLuk4a/yBfCU4NAAoA",
		  "申请人：张三", NULL },
		{ "text/plain; charset=\"UTF-16\"", "base64", "/v91M4v3Trr/Gl8gTgkADQAK",
		  "申请人：张三", NULL },
		{ "text/plain; charset=utf-16", "base64", "VzBXQP8aADFT9wANAAo=",
		  "地址：1号", NULL },
		{ "text/plain; charset=utf-16", "base64", "MFdAVxr/MQD3Uw0ACgA=",
		  "地址：1号", NULL },
		{ "text/plain; charset=utf-16le", "base64", "MFdAVxr/MQD3Uw0ACgA=",
		  "地址：1号", NULL },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = g_strdup_printf("From: a@b.cn\r\nContent-Type: %s\r\n"
					    "Content-Transfer-Encoding: %s\r\n\r\n%s\r\n",
					    cases[i].ctype, cases[i].cte, cases[i].body);
		struct mime_message *msg = parse(raw);

		assert_message_valid(msg);
		if (strcmp(msg->body, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, msg->body);
		if (cases[i].problem != NULL)
			assert_true(has_problem(msg, cases[i].problem));
		else
			assert_int_equal(msg->n_problems, 0);
		mime_message_free(msg);
		g_free(raw);
	}
}

/* gmime#150: chunks each with their own padding; GMime 3.2.13 gives "VI". */
static void
test_chunked_base64(void **state)
{
	static const struct {
		const char *b64;
		const char *want;
	} cases[] = {
		{ "Vkk=UlU=Uw==ISE=", "VIRUS!!" },
		{ "5LitYQ==\r\n5paHYg==\r\n", "中a文b" },
		{ "5LitYQ==5paHYg==", "中a文b" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = g_strdup_printf(
			"From: a@b.cn\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n", cases[i].b64);
		struct mime_message *msg = parse(raw);

		assert_string_equal(msg->body, cases[i].want);
		assert_int_equal(msg->parts[0].size, strlen(cases[i].want));
		mime_message_free(msg);
		g_free(raw);
	}
}

/* --- file names ---------------------------------------------------------- */

static void
test_filenames(void **state)
{
	static const struct {
		const char *disposition;
		const char *ctype;
		const char *want;
		bool unsafe;   /* the office must be told */
	} cases[] = {
		{ "attachment; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.docx",
		  "application/octet-stream", "申请表.docx", false },
		{ "attachment;\r\n filename*0*=UTF-8''%E7%94%B3;\r\n filename*1*=%E8%AF%B7%E8%A1%A8;\r\n"
		  " filename*2=\".txt\"", "application/octet-stream", "申请表.txt", false },
		{ "attachment; filename*=gb2312'zh-cn'%C9%EA%C7%EB%E9%46.pdf",
		  "application/octet-stream", "申请镕.pdf", false },
		{ "attachment; filename=\"=?UTF-8?B?55Sz6K+36KGoLmRvY3g=?=\"",
		  "application/octet-stream", "申请表.docx", false },
		{ "attachment; filename*0=\"=?UTF-8?B?55Sz6K+36KGo\";\r\n filename*1=\"LmRvY3g=?=\"",
		  "application/octet-stream", "申请表.docx", false },
		{ "attachment", "application/octet-stream; name=\"=?gbk?B?yerH6w==?=.doc\"",
		  "申请.doc", false },
		{ "attachment; filename=\"\xc9\xea\xc7\xeb.doc\"", "application/octet-stream",
		  "申请.doc", false },
		{ "attachment; filename=\"../../etc/passwd\"", "application/octet-stream",
		  "passwd", true },
		{ "attachment; filename=\"..\\\\..\\\\boot.ini\"", "application/octet-stream",
		  "boot.ini", true },
		{ "attachment; filename=\"/etc/\"", "application/octet-stream", "etc", true },
		{ "attachment; filename=\"=?utf-8?Q?a=0D=0Ab.txt?=\"", "application/octet-stream",
		  "a__b.txt", true },
		{ "attachment; filename*=utf-8''a%00b%0D%0A.txt", "application/octet-stream",
		  "a_b__.txt", true },
		{ "attachment; filename*=utf-8''..%2F..%2Fx.sh", "application/octet-stream",
		  "x.sh", true },
		{ "attachment; filename=\".bashrc\"", "application/octet-stream", "bashrc", true },
		{ "attachment; filename=\"..\"", "application/octet-stream", "_", true },
		{ "attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe",
		  "application/octet-stream", "invoice_fdp.exe", true },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = with_attachment("see attachment", cases[i].ctype,
					    cases[i].disposition, "\x01\x02\x03", 3);
		struct mime_message *msg = parse(raw);
		const struct mime_part *p;

		assert_message_valid(msg);
		assert_int_equal(msg->n_parts, 2);
		p = &msg->parts[1];
		assert_int_equal(p->role, MIME_PART_ATTACHMENT);
		assert_non_null(p->filename);
		if (strcmp(p->filename, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, p->filename,
				 cases[i].want);
		if (g_str_has_suffix(p->filename, ".txt")) {
			assert_string_equal(p->text, "\x01\x02\x03");
		} else {
			assert_int_equal(p->data_len, 3);
			assert_memory_equal(p->data, "\x01\x02\x03", 3);
		}
		assert_string_equal(msg->body, "see attachment");
		if (has_problem(msg, "attachment name") != cases[i].unsafe)
			fail_msg("case %zu: unsafe name %sreported", i,
				 cases[i].unsafe ? "not " : "");
		mime_message_free(msg);
		g_free(raw);
	}
}

/* --- HTML ---------------------------------------------------------------- */

static const struct {
	const char *html;
	const char *want;
} html_cases[] = {
	{ "<table><tr><td>姓名</td><td>张三</td></tr>"
	  "<tr><th>联系电话：</th><td> 0475-123 </td></tr>"
	  "<tr><td>a</td><td>b</td><td>c</td></tr>"
	  "<tr><td>证件号码</td><td></td></tr>"
	  "<tr><td> </td><td>&nbsp;</td></tr></table>",
	  "姓名：张三\n联系电话：0475-123\na\tb\tc\n证件号码：" },
	{ "<p>a<br>b</p><div>c</div>d<br/><br/>e", "a\nb\nc\nd\n\ne" },
	{ "<p>&lt;x&gt; &amp; &#20013;&#x6587;&nbsp;&quot;q&quot;</p>", "<x> & 中文 \"q\"" },
	{ "<html><head><title>T</title><style>p{color:red}</style></head><body>"
	  "<script>alert(1)</script><p>ok</p></body></html>", "ok" },
	{ "<meta http-equiv=Content-Type content=\"text/html; charset=gbk\"><p>中文</p>",
	  "中文" },
	{ "<p>  many   spaces\n and\tlines  </p>", "many spaces and lines" },
	{ "<pre>a  b\nc</pre>", "a  b\nc" },
	/* A layout table: the cell holding a table is a block, inner rows
	 * are form lines (QQ Mail, NetEase). */
	{ "<table><tr><td><div>申请表</div><table>"
	  "<tr><td>姓名</td><td>李四</td></tr><tr><td>地址</td><td><p>通辽市</p><p>建国路</p></td></tr>"
	  "</table></td></tr></table>",
	  "申请表\n姓名：李四\n地址：通辽市 建国路" },
	{ "", "" },
	{ "\xff\xfe<p>x</p>", "\xEF\xBF\xBD\xEF\xBF\xBD" "\nx" },
};

static void
test_html(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(html_cases); i++) {
		char *s = mime_html_to_text(html_cases[i].html, strlen(html_cases[i].html));

		assert_non_null(s);
		assert_true(g_utf8_validate(s, -1, NULL));
		if (strcmp(s, html_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, s,
				 html_cases[i].want);
		free(s);
	}
}

/* Outlook's Word HTML: conditional comments, <o:p>, MsoNormal, a form table
 * with paragraphs in cells. */
static void
test_outlook_html(void **state)
{
	static const char html[] =
		"<html xmlns:v=\"urn:schemas-microsoft-com:vml\" "
		"xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
		"xmlns:w=\"urn:schemas-microsoft-com:office:word\">\r\n"
		"<head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\r\n"
		"<meta name=Generator content=\"Microsoft Word 15 (filtered medium)\">\r\n"
		"<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}</style><![endif]-->"
		"<style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt;} --></style>"
		"<!--[if gte mso 9]><xml><o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" />"
		"</xml><![endif]--></head>\r\n"
		"<body lang=ZH-CN link=\"#0563C1\" style='text-justify-trim:punctuation'>"
		"<div class=WordSection1>"
		"<p class=MsoNormal><span lang=EN-US>您好：<o:p></o:p></span></p>\r\n"
		"<p class=MsoNormal><span style='font-family:宋体'>现申请公开以下信息。</span>"
		"<span lang=EN-US><o:p></o:p></span></p>\r\n"
		"<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n"
		"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>"
		"<tr style='height:20pt'><td width=120 valign=top><p class=MsoNormal>"
		"<span style='font-family:宋体'>姓</span><span>名<o:p></o:p></span></p></td>"
		"<td width=300><p class=MsoNormal><span>王五<o:p></o:p></span></p></td></tr>\r\n"
		"<tr><td><p class=MsoNormal>所需信息的内容描述<o:p></o:p></p></td>"
		"<td><p class=MsoNormal>2025年&nbsp;预算<o:p></o:p></p></td></tr>"
		"</table>"
		"<p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>"
		"<p class=MsoNormal>王五<span lang=EN-US><br>2026-01-05<o:p></o:p></span></p>"
		"</div></body></html>";
	char *s = mime_html_to_text(html, sizeof(html) - 1);

	(void)state;
	assert_string_equal(s, "您好：\n现申请公开以下信息。\n\n"
			       "姓名：王五\n所需信息的内容描述：2025年 预算\n\n"
			       "王五\n2026-01-05");
	free(s);
}

/* --- structure ----------------------------------------------------------- */

static void
test_alternative(void **state)
{
	static const struct {
		const char *plain;
		const char *want;
		bool from_html;
	} cases[] = {
		{ "plain text", "plain text", false },
		{ "  \r\n\t\r\n", "html 文本", true },
		{ "", "html 文本", true },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = g_strdup_printf(
			"From: a@b.cn\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
			"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
			"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
			"<p>html <b>文本</b></p>\r\n--alt--\r\n", cases[i].plain);
		struct mime_message *msg = parse(raw);

		assert_string_equal(msg->body, cases[i].want);
		assert_int_equal(msg->body_from_html, cases[i].from_html);
		assert_string_equal(msg->content_type, "multipart/alternative");
		assert_int_equal(msg->n_parts, 2);
		assert_int_equal(msg->parts[0].depth, 1);
		mime_message_free(msg);
		g_free(raw);
	}
}

static void
test_mixed_related(void **state)
{
	const char *raw =
		"From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\npreamble\r\n"
		"--m\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
		"--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>第一</p>\r\n"
		"--r\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
		"Content-ID: <i1>\r\n\r\niVBORw==\r\n--r--\r\n"
		"--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n第二\r\n"
		"--m\r\nContent-Type: image/tiff; name=fax.tif\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\nSUkqAA==\r\n"
		"--m--\r\nepilogue\r\n";
	struct mime_message *msg = parse(raw);
	const struct mime_part *tiff = part_by_type(msg, "image/tiff");
	const struct mime_part *png = part_by_type(msg, "image/png");

	(void)state;
	assert_message_valid(msg);
	assert_string_equal(msg->body, "第一\n\n第二");
	assert_int_equal(msg->n_parts, 4);
	assert_non_null(tiff);
	assert_int_equal(tiff->role, MIME_PART_ATTACHMENT);
	assert_string_equal(tiff->filename, "fax.tif");
	assert_int_equal(tiff->data_len, 4);
	assert_memory_equal(tiff->data, "II*\0", 4);
	assert_int_equal(tiff->depth, 1);
	assert_non_null(png);
	assert_int_equal(png->depth, 2);
	assert_int_equal(png->role, MIME_PART_ATTACHMENT);
	assert_int_equal(msg->n_problems, 0);
	mime_message_free(msg);
}

static void
test_forwarded(void **state)
{
	const char *raw =
		"From: clerk@b.cn\r\nSubject: Fwd: 申请\r\n"
		"Content-Type: multipart/mixed; boundary=f\r\n\r\n"
		"--f\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请处理。\r\n"
		"--f\r\nContent-Type: message/rfc822\r\n\r\n"
		"From: =?utf-8?B?5byg5LiJ?= <zs@example.cn>\r\n"
		"Subject: =?utf-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=\r\n"
		"Content-Type: text/plain; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n"
		"1f64rtDFz6K5q7+qyerH6w==\r\n"
		"--f--\r\n";
	struct mime_message *msg = parse(raw);

	(void)state;
	assert_message_valid(msg);
	assert_string_equal(msg->body,
			    "请处理。\n\n---------- Forwarded message ----------\n"
			    "From: 张三 <zs@example.cn>\nSubject: 政府信息公开申请\n\n"
			    "政府信息公开申请");
	assert_string_equal(msg->from_addr, "clerk@b.cn");
	assert_int_equal(msg->n_parts, 2);
	assert_false(msg->parts[0].forwarded);
	assert_true(msg->parts[1].forwarded);
	assert_int_equal(msg->parts[1].role, MIME_PART_BODY);
	assert_int_equal(msg->parts[1].depth, 2);
	assert_string_equal(msg->parts[1].text, "政府信息公开申请");
	mime_message_free(msg);
}

static void
test_report(void **state)
{
	const char *raw =
		"From: MAILER-DAEMON@b.cn\r\nSubject: Undelivered Mail\r\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
		"--r\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you\r\n"
		"--r\r\nContent-Type: message/delivery-status\r\n\r\n"
		"Reporting-MTA: dns; b.cn\r\n\r\nFinal-Recipient: rfc822; x@y.cn\r\n"
		"Action: failed\r\nStatus: 5.1.1\r\n"
		"--r\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: orig\r\n"
		"--r--\r\n";
	struct mime_message *msg = parse(raw);
	const struct mime_part *ds = part_by_type(msg, "message/delivery-status");

	(void)state;
	assert_string_equal(msg->content_type, "multipart/report");
	assert_string_equal(msg->report_type, "delivery-status");
	assert_non_null(ds);
	assert_int_equal(ds->role, MIME_PART_REPORT);
	assert_non_null(strstr(ds->text, "Status: 5.1.1"));
	assert_int_equal(part_by_type(msg, "text/rfc822-headers")->role, MIME_PART_REPORT);
	assert_string_equal(msg->body, "I'm sorry to have to inform you");
	mime_message_free(msg);
}

/* --- attachments: text, .docx, PDF --------------------------------------- */

static void
test_text_attachment(void **state)
{
	char *raw = with_attachment("见附件", "application/octet-stream; charset=gbk",
				    "attachment; filename=\"apply.txt\"",
				    "\xd6\xd0\xce\xc4\r\n", 6);
	struct mime_message *msg = parse(raw);

	(void)state;
	assert_int_equal(msg->parts[1].role, MIME_PART_ATTACHMENT);
	assert_string_equal(msg->parts[1].text, "中文\n");
	assert_null(msg->parts[1].data);
	assert_string_equal(msg->body, "见附件");
	mime_message_free(msg);
	g_free(raw);
}

/* Text files saved by Windows Notepad and WPS: UTF-16 with a BOM, UTF-8
 * with a BOM, whatever the part's label says. */
static void
test_unicode_attachment(void **state)
{
	static const struct {
		const char *type;
		const char *name;
		const char *bytes;
		size_t len;
		const char *want;
	} cases[] = {
		{ "text/plain", "form.txt", "\xFF\xFE\x33\x75\xF7\x8B\r\0\n\0", 10,
		  "申请\n" },
		{ "text/plain; charset=gbk", "form.txt",
		  "\xFE\xFF\x75\x33\x8B\xF7\0\r\0\n", 10, "申请\n" },
		{ "application/octet-stream", "form.txt",
		  "\xFF\xFE\x33\x75\xF7\x8B", 6, "申请" },
		{ "text/plain", "form.txt", "\xEF\xBB\xBF申请\r\n", 11, "申请\n" },
		{ "application/octet-stream", "form.txt", "\x33\x75\xF7\x8B:\0"
		  "1\0\r\0\n\0", 12, "申请:1\n" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *disp = g_strdup_printf("attachment; filename=\"%s\"", cases[i].name);
		char *raw = with_attachment("见附件", cases[i].type, disp,
					    cases[i].bytes, cases[i].len);
		struct mime_message *msg = parse(raw);

		assert_message_valid(msg);
		assert_int_equal(msg->parts[1].role, MIME_PART_ATTACHMENT);
		if (msg->parts[1].text == NULL ||
		    strcmp(msg->parts[1].text, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, msg->parts[1].text);
		assert_int_equal(msg->n_problems, 0);
		mime_message_free(msg);
		g_free(raw);
		g_free(disp);
	}
}

/* --- RFC 3676 format=flowed ---------------------------------------------- */

static void
test_flowed(void **state)
{
	static const struct {
		const char *params;  /* after "text/plain; charset=utf-8" */
		const char *body;
		const char *want;
	} cases[] = {
		{ "; format=flowed", "地址：北京市海淀区 \r\n中关村大街1号\r\n",
		  "地址：北京市海淀区 中关村大街1号" },
		{ "; format=flowed; delsp=yes", "地址：北京市海淀区 \r\n中关村大街 \r\n1号\r\n"
		  "电话：010-1234\r\n", "地址：北京市海淀区中关村大街1号\n电话：010-1234" },
		{ "; Format=Flowed; DelSp=Yes", "申请内容：2025年 \r\n预算\r\n",
		  "申请内容：2025年预算" },
		{ "; format=flowed; delsp=no", "Address: 12 Long \r\nRoad\r\n",
		  "Address: 12 Long Road" },
		/* Quoted paragraphs flow within their depth and keep their marks. */
		{ "; format=flowed; delsp=yes", "新的内容 \r\n接着\r\n\r\n> 原文第一行 \r\n"
		  "> 续\r\n>> 更早 \r\n>> 的\r\n", "新的内容接着\n\n> 原文第一行续\n>> 更早的" },
		{ "; format=flowed", ">> a \r\n>> b\r\n", ">> a b" },
		/* A depth change ends a wrongly flowed paragraph. */
		{ "; format=flowed; delsp=yes", "> 引用 \r\n>> 深一层\r\n",
		  "> 引用\n>> 深一层" },
		/* The signature separator stays and is not joined. */
		{ "; format=flowed; delsp=yes", "此致 \r\n敬礼\r\n-- \r\n张三 \r\n13800000000\r\n",
		  "此致敬礼\n-- \n张三13800000000" },
		{ "; format=flowed", "正文 \r\n-- \r\n张三\r\n", "正文 \n-- \n张三" },
		/* Space-stuffing goes. */
		{ "; format=flowed", " From here \r\non\r\n  two\r\n", "From here on\n two" },
		/* Without format=flowed a trailing space is no soft break. */
		{ "", "地址：北京市 \r\n海淀区\r\n", "地址：北京市 \n海淀区" },
		{ "; format=fixed", "地址：北京市 \r\n海淀区\r\n", "地址：北京市 \n海淀区" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = g_strdup_printf("From: a@b.cn\r\nContent-Type: text/plain; "
					    "charset=utf-8%s\r\n\r\n%s",
					    cases[i].params, cases[i].body);
		struct mime_message *msg = parse(raw);

		assert_message_valid(msg);
		if (strcmp(msg->body, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, msg->body);
		mime_message_free(msg);
		g_free(raw);
	}
}

/* A flowed text attachment is unwrapped like a body. */
static void
test_flowed_attachment(void **state)
{
	static const char form[] = "姓名：李四\r\n地址：上海市浦东新区 \r\n世纪大道100号\r\n";
	char *raw = with_attachment("见附件",
				    "text/plain; charset=utf-8; format=flowed; delsp=yes",
				    "attachment; filename=form.txt", form, strlen(form));
	struct mime_message *msg = parse(raw);

	(void)state;
	assert_string_equal(msg->parts[1].text,
			    "姓名：李四\n地址：上海市浦东新区世纪大道100号\n");
	mime_message_free(msg);
	g_free(raw);
}

/* Builds a zip in memory holding one entry. */
static void *
make_zip(const char *name, const void *data, size_t len, size_t *len_r)
{
	zip_error_t zerr;
	zip_source_t *src, *entry;
	zip_t *za;
	zip_stat_t st;
	void *out;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	assert_non_null(za);
	entry = zip_source_buffer(za, data, len, 0);
	assert_non_null(entry);
	assert_true(zip_file_add(za, name, entry, 0) >= 0);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	out = g_malloc(st.size);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&zerr);
	*len_r = st.size;
	return out;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static void
test_docx(void **state)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<w:document " W_NS "><w:body>"
		"<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>政府信息</w:t></w:r>"
		"<w:r><w:rPr><w:b/></w:rPr><w:t>公开申请表</w:t></w:r></w:p>"
		"<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t xml:space=\"preserve\">张三 </w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:r><w:t>地址</w:t></w:r></w:p></w:tc><w:tc>"
		"<w:p><w:r><w:t>通辽市</w:t></w:r></w:p><w:p><w:r><w:t>建国路</w:t></w:r></w:p>"
		"</w:tc></w:tr></w:tbl>"
		"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&amp;d</w:t></w:r></w:p>"
		"</w:body></w:document>";
	size_t zlen;
	void *zip = make_zip("word/document.xml", xml, sizeof(xml) - 1, &zlen);
	char *raw = with_attachment("见附件",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"attachment; filename=\"=?UTF-8?B?55Sz6K+36KGoLmRvY3g=?=\"", zip, zlen);
	struct mime_message *msg = parse(raw);
	const struct mime_part *p = &msg->parts[1];

	(void)state;
	assert_string_equal(p->filename, "申请表.docx");
	assert_non_null(p->text);
	assert_string_equal(p->text, "政府信息公开申请表\n姓名：张三\n地址：通辽市 建国路\n"
				     "a\tb\nc&d");
	assert_int_equal(p->data_len, zlen);
	assert_int_equal(p->size, zlen);
	assert_int_equal(msg->n_problems, 0);
	mime_message_free(msg);
	g_free(raw);
	g_free(zip);
}

/* The .docx limit holds for a whole message: many small bombs add up. */
static void
test_docx_budget_per_message(void **state)
{
	static const char xml[] =
		"<w:document " W_NS "><w:body><w:p><w:r><w:t>申请公开的内容</w:t>"
		"</w:r></w:p></w:body></w:document>";
	size_t zlen, n = sizeof(xml) - 1;
	void *zip = make_zip("word/document.xml", xml, n, &zlen);
	char *b64 = g_base64_encode(zip, zlen);
	GString *raw = g_string_new("From: a@example.com\nSubject: forms\n"
				    "MIME-Version: 1.0\n"
				    "Content-Type: multipart/mixed; boundary=zz\n\n"
				    "--zz\nContent-Type: text/plain; charset=UTF-8\n\n三份\n");
	struct config_limits lim;
	struct mime_message *msg;

	(void)state;
	for (int i = 0; i < 3; i++)
		g_string_append_printf(raw, "--zz\nContent-Type: application/octet-stream\n"
				       "Content-Disposition: attachment; filename=f%d.docx\n"
				       "Content-Transfer-Encoding: base64\n\n%s\n", i, b64);
	g_string_append(raw, "--zz--\n");
	config_limits_default(&lim);
	lim.max_archive_size = 2 * n + n / 2;
	msg = parse_lim(raw->str, raw->len, &lim);
	assert_int_equal(msg->n_parts, 4);
	assert_non_null(msg->parts[1].text);
	assert_non_null(msg->parts[2].text);
	assert_null(msg->parts[3].text);
	assert_true(has_problem(msg, "f2.docx"));
	mime_message_free(msg);
	g_string_free(raw, TRUE);
	g_free(b64);
	g_free(zip);
}

/* A small .docx whose document.xml inflates far past any real one. */
static void
test_docx_bomb(void **state)
{
	static const struct {
		size_t inflated;
		size_t max_archive;
	} cases[] = {
		{ 40 * 1024 * 1024, 50 * 1024 * 1024 },	/* ratio */
		{ 3 * 1024 * 1024, 1024 * 1024 },	/* size */
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *xml = g_malloc(cases[i].inflated);
		size_t zlen;
		void *zip;
		char *raw;
		struct mime_message *msg;
		struct config_limits lim;

		memset(xml, ' ', cases[i].inflated);
		memcpy(xml, "<w:document " W_NS ">", sizeof("<w:document " W_NS ">") - 1);
		zip = make_zip("word/document.xml", xml, cases[i].inflated, &zlen);
		assert_true(zlen < cases[i].inflated / 200);
		raw = with_attachment("正文还在", "application/octet-stream",
				      "attachment; filename=bomb.docx", zip, zlen);
		config_limits_default(&lim);
		lim.max_archive_size = cases[i].max_archive;
		msg = parse_lim(raw, strlen(raw), &lim);
		assert_string_equal(msg->body, "正文还在");
		assert_int_equal(msg->n_parts, 2);
		assert_null(msg->parts[1].text);
		assert_non_null(msg->parts[1].data);
		assert_true(has_problem(msg, "zip bomb"));
		assert_true(has_problem(msg, "bomb.docx"));
		mime_message_free(msg);
		g_free(raw);
		g_free(zip);
		g_free(xml);
	}
}

/* A one-page PDF with a text layer, xref offsets computed. */
static char *
make_pdf(const char *text, size_t *len_r)
{
	GString *pdf = g_string_new("%PDF-1.4\n");
	char *content = g_strdup_printf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text);
	char *objs[5];
	size_t offs[5];
	size_t xref;

	objs[0] = g_strdup("<< /Type /Catalog /Pages 2 0 R >>");
	objs[1] = g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	objs[2] = g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
			   "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
	objs[3] = g_strdup_printf("<< /Length %zu >>\nstream\n%s\nendstream",
				  strlen(content), content);
	objs[4] = g_strdup("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	for (int i = 0; i < 5; i++) {
		offs[i] = pdf->len;
		g_string_append_printf(pdf, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
		g_free(objs[i]);
	}
	xref = pdf->len;
	g_string_append(pdf, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 0; i < 5; i++)
		g_string_append_printf(pdf, "%010zu 00000 n \n", offs[i]);
	g_string_append_printf(pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
			       xref);
	g_free(content);
	*len_r = pdf->len;
	return g_string_free(pdf, FALSE);
}

static void
test_pdf(void **state)
{
	size_t len;
	char *pdf = make_pdf("Application for disclosure", &len);
	char *raw = with_attachment("see pdf", "application/pdf",
				    "attachment; filename=form.pdf", pdf, len);
	struct mime_message *msg = parse(raw);
	const struct mime_part *p = &msg->parts[1];

	(void)state;
	assert_non_null(p->text);
	assert_non_null(strstr(p->text, "Application for disclosure"));
	assert_false(p->image);
	assert_int_equal(p->data_len, len);
	assert_memory_equal(p->data, pdf, len);
	mime_message_free(msg);
	g_free(raw);

	/* Not a PDF at all: a problem line, the bytes kept. */
	raw = with_attachment("see pdf", "application/pdf",
			      "attachment; filename=broken.pdf", "%PDF-garbage", 12);
	msg = parse(raw);
	assert_null(msg->parts[1].text);
	assert_int_equal(msg->parts[1].data_len, 12);
	assert_true(has_problem(msg, "broken.pdf"));
	assert_false(msg->parts[1].image);
	mime_message_free(msg);
	g_free(raw);
	g_free(pdf);
}

/* --- PDF forms: rows rebuilt from character boxes ------------------------ */

/* A piece of text at (x, baseline y) in points, 12 pt, from the top left. */
struct pdf_item {
	double x, y;
	const char *text;
};

/* The first and last pages are form tables written like Word does them
 * (cells padded, rows 22 pt apart, a value wrapped at 14 pt); the others
 * running text.  NULL text ends a page. */
static const struct {
	struct pdf_item items[12];
	const char *want;
} pdf_form_cases[] = {
	{ { { 72, 100, "姓名" }, { 200, 100, "张三" },
	    { 72, 122, "联系地址" }, { 200, 122, "北京市海淀区中关村大街" },
	    { 200, 136, "1号院3号楼" },
	    { 72, 158, "所需信息：" }, { 200, 158, "2024年预算" },
	    { 72, 180, "获取方式" }, { 200, 180, "电子邮件" } },
	  "姓名：张三\n联系地址：北京市海淀区中关村大街1号院3号楼\n"
	  "所需信息：2024年预算\n获取方式：电子邮件" },
	/* A value wrapped twice; a label that fills its cell; Latin words
	 * joined with a space. */
	{ { { 72, 100, "Name:" }, { 180, 100, "Wang Fang" },
	    { 72, 122, "Address" }, { 180, 122, "12 Long" },
	    { 180, 136, "Road, Horqin" }, { 180, 150, "District" },
	    { 72, 172, "申请人证件号码" }, { 167.5, 172, "110101199003077777" } },
	  "Name：Wang Fang\nAddress：12 Long Road, Horqin District\n"
	  "申请人证件号码：110101199003077777" },
	/* Two fields a row. */
	{ { { 72, 100, "姓名" }, { 150, 100, "李四" }, { 300, 100, "性别" },
	    { 380, 100, "男" },
	    { 72, 122, "电话" }, { 150, 122, "13800000000" } },
	  "姓名\t李四\t性别\t男\n电话：13800000000" },
	/* Labels centred on their values (Word's "centre" cell alignment):
	 * between the two lines of a value, beside the middle one of three.
	 * An indented paragraph below is not a wrapped value. */
	{ { { 72, 100, "姓名" }, { 200, 100, "张三" },
	    { 200, 124, "内蒙古通辽市科尔沁区" }, { 72, 132, "通信地址" },
	    { 200, 140, "建国路12号" },
	    { 200, 164, "2025年" }, { 72, 178, "所需信息" }, { 200, 178, "低保名单" },
	    { 200, 192, "及标准" },
	    { 96, 230, "本人承诺所填信息真实。" }, { 72, 244, "如有不实，愿承担责任。" } },
	  "姓名：张三\n通信地址：内蒙古通辽市科尔沁区建国路12号\n"
	  "所需信息：2025年低保名单及标准\n本人承诺所填信息真实。\n如有不实，愿承担责任。" },
	/* Tab-stop columns at line pitch: a heading and a line of one
	 * column around them stay lines of their own. */
	{ { { 72, 100, "申请人信息" }, { 72, 114, "姓名" }, { 200, 114, "赵六" },
	    { 72, 128, "电话" }, { 200, 128, "13900000000" },
	    { 72, 142, "地址：通辽市" } },
	  "申请人信息\n姓名：赵六\n电话：13900000000\n地址：通辽市" },
	/* Running text reads as poppler reads it, also with one line of
	 * two columns (a date set off by a tab). */
	{ { { 72, 100, "根据《政府信息公开条例》，本人申请公开" },
	    { 72, 114, "以下信息。申请人：王五" },
	    { 72, 128, "Apply under Article 27 of the" },
	    { 72, 142, "Regulations." }, { 300, 142, "2026年3月1日" } },
	  "根据《政府信息公开条例》，本人申请公开\n以下信息。申请人：王五\n"
	  "Apply under Article 27 of the\nRegulations.\n2026年3月1日" },
};

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF with a CJK TrueType font (cairo embeds it with a
 * ToUnicode map, as Word and WPS do). */
static GByteArray *
cairo_pdf(const struct pdf_item *items, size_t n)
{
	GByteArray *pdf = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, pdf,
								 595, 842);
	cairo_t *cr = cairo_create(s);

	cairo_select_font_face(cr, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 12);
	for (size_t i = 0; i < n && items[i].text != NULL; i++) {
		cairo_move_to(cr, items[i].x, items[i].y);
		cairo_show_text(cr, items[i].text);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return pdf;
}

static void
test_pdf_form(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(pdf_form_cases); i++) {
		GByteArray *pdf = cairo_pdf(pdf_form_cases[i].items,
					    G_N_ELEMENTS(pdf_form_cases[i].items));
		char *raw = with_attachment("见附件", "application/pdf",
					    "attachment; filename=form.pdf",
					    pdf->data, pdf->len);
		struct mime_message *msg = parse(raw);
		const char *text = msg->parts[1].text;

		assert_message_valid(msg);
		if (text == NULL || strcmp(text, pdf_form_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, text);
		mime_message_free(msg);
		g_free(raw);
		g_byte_array_unref(pdf);
	}
}

/* --- forms only in a picture ------------------------------------------- */

/* A scanner app's PDF: one image over the whole page, and stamp (or
 * nothing) as its only text. */
static GByteArray *
cairo_scan_pdf(const char *stamp)
{
	GByteArray *pdf = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, pdf,
								 595, 842);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 60, 85);
	cairo_t *cr = cairo_create(img);

	cairo_set_source_rgb(cr, 0.9, 0.9, 0.85);
	cairo_paint(cr);
	cairo_destroy(cr);
	cr = cairo_create(s);
	cairo_save(cr);
	cairo_scale(cr, 595.0 / 60, 842.0 / 85);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	if (stamp != NULL) {
		cairo_select_font_face(cr, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL,
				       CAIRO_FONT_WEIGHT_NORMAL);
		cairo_set_font_size(cr, 9);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_move_to(cr, 450, 830);
		cairo_show_text(cr, stamp);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	cairo_surface_destroy(img);
	return pdf;
}

/* A file of size bytes starting with magic. */
static GByteArray *
file_with_magic(const char *magic, size_t magic_len, size_t size)
{
	GByteArray *b = g_byte_array_sized_new((guint)size);

	g_byte_array_append(b, (const guint8 *)magic, (guint)magic_len);
	while (b->len < size)
		g_byte_array_append(b, (const guint8 *)"x", 1);
	return b;
}

static void
test_image_parts(void **state)
{
	static const struct {
		const char *type;
		const char *disposition;
		const char *magic;  /* NULL: a PDF made by cairo */
		size_t magic_len;
		size_t size;
		const char *stamp;  /* the scan's text; NULL for a typed form */
		bool scan;
		bool image;
	} cases[] = {
		{ "image/jpeg", "attachment; filename=form.jpg", "\xFF\xD8\xFF\xE0", 4,
		  40000, NULL, false, true },
		{ "application/octet-stream", "attachment; filename=IMG_0001.JPG",
		  "\xFF\xD8\xFF\xE1", 4, 40000, NULL, false, true },
		{ "application/octet-stream", "attachment", "\x89PNG\r\n", 6, 40000,
		  NULL, false, true },
		{ "image/tiff", "attachment; filename=fax.tif", "II*\0", 4, 40000,
		  NULL, false, true },
		{ "application/octet-stream", "inline; filename=scan.heic", "\0\0\0\x18", 4,
		  40000, NULL, false, true },
		/* A signature logo the HTML shows is no form; a small photo
		 * sent as a file (a phone's, scaled down) may be. */
		{ "image/png", "inline; filename=logo.png\r\nContent-ID: <logo@mail>",
		  "\x89PNG\r\n", 6, 2000, NULL, false, false },
		{ "image/jpeg", "inline; filename=IMG_4127.jpeg", "\xFF\xD8\xFF\xE0", 4,
		  5000, NULL, false, true },
		{ "image/jpeg", "inline; filename=photo.jpg\r\nContent-ID: <p@mail>",
		  "\xFF\xD8\xFF\xE0", 4, 40000, NULL, false, true },
		{ "application/zip", "attachment; filename=photos.zip", "PK\3\4", 4, 40000,
		  NULL, false, false },
		/* PDFs: a scan with or without a scanner app's stamp, a typed form. */
		{ "application/pdf", "attachment; filename=scan.pdf", NULL, 0, 0,
		  NULL, true, true },
		{ "application/pdf", "attachment; filename=scan.pdf", NULL, 0, 0,
		  "扫描全能王 创建", true, true },
		{ "application/pdf", "attachment; filename=form.pdf", NULL, 0, 0,
		  NULL, false, false },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GByteArray *data = cases[i].magic != NULL ?
			file_with_magic(cases[i].magic, cases[i].magic_len, cases[i].size) :
			cases[i].scan ? cairo_scan_pdf(cases[i].stamp) :
			cairo_pdf(pdf_form_cases[0].items,
				  G_N_ELEMENTS(pdf_form_cases[0].items));
		char *raw = with_attachment("申请表见附件", cases[i].type,
					    cases[i].disposition, data->data, data->len);
		struct mime_message *msg = parse(raw);

		assert_message_valid(msg);
		assert_false(msg->parts[0].image);
		assert_int_equal(msg->parts[1].role, MIME_PART_ATTACHMENT);
		if (msg->parts[1].image != cases[i].image)
			fail_msg("case %zu: image is %d", i, msg->parts[1].image);
		assert_int_equal(msg->parts[1].data_len, data->len);
		if (cases[i].scan && cases[i].stamp == NULL)
			assert_null(msg->parts[1].text);
		if (cases[i].stamp != NULL)
			assert_non_null(strstr(msg->parts[1].text, cases[i].stamp));
		mime_message_free(msg);
		g_free(raw);
		g_byte_array_unref(data);
	}
}

/* A photo over the size limit is not kept, but still says what it is. */
static void
test_image_over_limit(void **state)
{
	GByteArray *data = file_with_magic("\xFF\xD8\xFF\xE0", 4, 40000);
	char *raw = with_attachment("见附件", "image/jpeg", "attachment; filename=a.jpg",
				    data->data, data->len);
	struct config_limits lim;
	struct mime_message *msg;

	(void)state;
	config_limits_default(&lim);
	lim.max_attachment_size = 30000;
	msg = parse_lim(raw, strlen(raw), &lim);
	assert_null(msg->parts[1].data);
	assert_true(msg->parts[1].image);
	mime_message_free(msg);
	g_free(raw);
	g_byte_array_unref(data);
}

/* --- limits and hostile input -------------------------------------------- */

static void
test_truncated(void **state)
{
	const char *raw =
		"From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=t\r\n\r\n"
		"--t\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n第一部分\r\n"
		"--t\r\nContent-Type: application/pdf; name=a.pdf\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJc";
	struct mime_message *msg = parse(raw);

	(void)state;
	assert_message_valid(msg);
	assert_string_equal(msg->body, "第一部分");
	assert_true(has_problem(msg, "truncated"));
	assert_true(has_problem(msg, "base64 content ends mid-character"));
	assert_int_equal(msg->n_parts, 2);
	mime_message_free(msg);
}

/* Nesting: level 1 text, a chain of depth levels, then a sibling. */
static char *
nested(unsigned levels, bool rfc822)
{
	GString *s = g_string_new("From: a@b.cn\r\nSubject: deep\r\n"
				  "Content-Type: multipart/mixed; boundary=top\r\n\r\n"
				  "--top\r\nContent-Type: text/plain\r\n\r\nbefore\r\n--top\r\n");

	for (unsigned i = 0; i < levels; i++) {
		if (rfc822)
			g_string_append(s, "Content-Type: message/rfc822\r\n\r\nSubject: x\r\n");
		else
			g_string_append_printf(s, "Content-Type: multipart/mixed; "
					       "boundary=\"b%u\"\r\n\r\n--b%u\r\n", i, i);
	}
	g_string_append(s, "Content-Type: text/plain\r\n\r\ndeepest\r\n");
	for (unsigned i = levels; !rfc822 && i-- > 0;)
		g_string_append_printf(s, "--b%u--\r\n", i);
	g_string_append(s, "--top\r\nContent-Type: text/plain\r\n\r\nafter\r\n--top--\r\n");
	return g_string_free(s, FALSE);
}

static void
test_nesting(void **state)
{
	static const struct {
		unsigned levels;
		bool rfc822;
		bool cut;
	} cases[] = {
		{ 5, false, false },
		{ 19, false, false },
		{ 20, false, true },
		{ 300, false, true },
		{ 300, true, true },
		{ 10000, false, true },
		{ 10000, true, true },
		/* 22 MB: without the pre-scan GMime compares each line with
		 * 1024 boundaries and takes 10+ s. */
		{ 300000, false, true },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *raw = nested(cases[i].levels, cases[i].rfc822);
		clock_t t0 = clock();
		struct mime_message *msg = parse(raw);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

		assert_message_valid(msg);
		assert_true(secs < 3.0);
		assert_non_null(strstr(msg->body, "before"));
		assert_non_null(strstr(msg->body, "after"));
		if (cases[i].cut) {
			assert_null(strstr(msg->body, "deepest"));
			assert_true(has_problem(msg, "MIME nesting depth exceeds 20: "
						"deeper parts skipped"));
		} else {
			assert_non_null(strstr(msg->body, "deepest"));
			assert_int_equal(msg->n_problems, 0);
		}
		for (size_t k = 0; k < msg->n_parts; k++)
			assert_true(msg->parts[k].depth <= 20);
		mime_message_free(msg);
		g_free(raw);
	}
}

static void
test_part_limit(void **state)
{
	GString *s = g_string_new("From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n");
	struct mime_message *msg;

	(void)state;
	for (int i = 0; i < 250; i++)
		g_string_append_printf(s, "--p\r\nContent-Type: text/plain\r\n\r\nline %d\r\n", i);
	g_string_append(s, "--p--\r\n");
	msg = parse(s->str);
	assert_int_equal(msg->n_parts, 200);
	assert_true(has_problem(msg, "MIME part count exceeds 200: later parts skipped"));
	assert_non_null(strstr(msg->body, "line 199"));
	assert_null(strstr(msg->body, "line 200"));
	mime_message_free(msg);
	g_string_free(s, TRUE);
}

static void
test_size_limits(void **state)
{
	struct config_limits lim;
	struct mime_message *msg = NULL;
	struct ogi_error err = { 0 };
	size_t big = 30 * 1024 * 1024;
	char *data = g_malloc0(big / 4 * 3);
	char *raw;

	(void)state;
	config_limits_default(&lim);
	assert_int_equal(lim.max_message_size, 25 * 1024 * 1024);
	assert_int_equal(lim.max_depth, 20);
	assert_int_equal(lim.max_parts, 200);
	assert_int_equal(lim.max_attachment_size, 20 * 1024 * 1024);
	assert_int_equal(lim.max_archive_size, 50 * 1024 * 1024);

	/* A 30 MB message: refused whole, with the reason. */
	raw = with_attachment("x", "image/tiff", "attachment; filename=big.tif",
			      data, big / 4 * 3);
	assert_true(strlen(raw) > lim.max_message_size);
	assert_int_equal(mime_parse(raw, strlen(raw), &lim, &msg, &err), -1);
	assert_null(msg);
	assert_non_null(strstr(err.msg, "exceeds the limit"));
	g_free(raw);

	/* Over max_attachment_size: listed, bytes not kept, rest read. */
	raw = with_attachment("正文", "image/tiff", "attachment; filename=fax.tif", data, 5000);
	lim.max_attachment_size = 4096;
	msg = parse_lim(raw, strlen(raw), &lim);
	assert_string_equal(msg->body, "正文");
	assert_null(msg->parts[1].data);
	assert_int_equal(msg->parts[1].size, 5000);
	assert_true(has_problem(msg, "attachment \"fax.tif\" is 5000 bytes, over the limit"));
	mime_message_free(msg);
	g_free(raw);
	g_free(data);

	/* Empty input. */
	assert_int_equal(mime_parse("", 0, &lim, &msg, &err), -1);
	assert_null(msg);
	assert_non_null(strstr(err.msg, "empty"));
}

/* --- empty parts and missing parameters --------------------------------- */

#define EMPTY_FROM "From: a@b.cn\r\nMIME-Version: 1.0\r\n"
/* A message whose body says "申请" and whose second part is p. */
#define EMPTY_MIXED(p) EMPTY_FROM "Content-Type: multipart/mixed; boundary=m\r\n\r\n" \
	"--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n申请\r\n--m\r\n" p "--m--\r\n"
#define EMPTY_ATT(type, name) EMPTY_MIXED("Content-Type: " type "\r\n" \
	"Content-Disposition: attachment; filename=" name "\r\n" \
	"Content-Transfer-Encoding: base64\r\n\r\n")

/* An empty part has no bytes at all (NULL data): every reader must take
 * that, and an empty attachment is reported as empty, not as broken. */
static void
test_empty_parts(void **state)
{
	static const struct {
		const char *raw;
		const char *body;
		const char *problem;   /* NULL: no problem at all */
		const char *name;      /* the last part's file name */
	} cases[] = {
		/* Any sender could crash ogid with this (strstr(NULL) in
		 * mime_html_charset). */
		{ EMPTY_FROM "Content-Type: multipart/alternative; boundary=a\r\n\r\n"
		  "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n申请\r\n"
		  "--a\r\nContent-Type: text/html\r\n\r\n--a--\r\n", "申请", NULL, NULL },
		{ EMPTY_FROM "Content-Type: multipart/alternative; boundary=a\r\n\r\n"
		  "--a\r\nContent-Type: text/plain\r\n\r\n"
		  "--a\r\nContent-Type: text/html\r\n\r\n--a--\r\n", "", NULL, NULL },
		{ EMPTY_FROM "Content-Type: text/html\r\n\r\n", "", NULL, NULL },
		{ EMPTY_FROM "Content-Type: text/html", "", "message is truncated", NULL },
		{ EMPTY_FROM "Content-Type: text/html; charset=\r\n\r\n", "", NULL, NULL },
		{ EMPTY_FROM "Content-Type: text/html; charset=\"\"\r\n\r\n", "", NULL, NULL },
		{ EMPTY_FROM "Content-Type: text/plain\r\n\r\n", "", NULL, NULL },
		{ EMPTY_MIXED("Content-Type: text/html; name=a.html\r\n\r\n"), "申请",
		  "attachment \"a.html\" is empty", "a.html" },
		{ EMPTY_MIXED("Content-Type: text/html\r\nContent-Disposition: attachment\r\n\r\n"),
		  "申请", "part 2 (text/html) is empty", NULL },
		{ EMPTY_ATT("application/octet-stream", "a.docx"), "申请",
		  "attachment \"a.docx\" is empty", "a.docx" },
		{ EMPTY_MIXED("Content-Type: application/vnd.openxmlformats-officedocument."
			      "wordprocessingml.document\r\n\r\n"), "申请",
		  "part 2 (application/vnd.openxmlformats-officedocument.wordprocessingml."
		  "document) is empty", NULL },
		{ EMPTY_ATT("application/pdf", "a.pdf"), "申请", "attachment \"a.pdf\" is empty",
		  "a.pdf" },
		{ EMPTY_MIXED("Content-Type: application/pdf\r\n\r\n"), "申请",
		  "part 2 (application/pdf) is empty", NULL },
		{ EMPTY_ATT("text/plain", "a.txt"), "申请", "attachment \"a.txt\" is empty", "a.txt" },
		{ EMPTY_ATT("image/tiff", "fax.tif"), "申请", "attachment \"fax.tif\" is empty",
		  "fax.tif" },
		{ EMPTY_MIXED("Content-Type: image/tiff\r\nContent-Transfer-Encoding: "
			      "quoted-printable\r\n\r\n"), "申请", "part 2 (image/tiff) is empty",
		  NULL },
		/* An empty name is no name: not "_", not unsafe. */
		{ EMPTY_MIXED("Content-Type: application/octet-stream\r\nContent-Disposition: "
			      "attachment; filename=\"\"\r\n\r\nx\r\n"), "申请", NULL, NULL },
		{ EMPTY_MIXED("Content-Type: application/octet-stream; name=\r\n"
			      "Content-Disposition: attachment; filename*=\r\n\r\nx\r\n"),
		  "申请", NULL, NULL },
		{ EMPTY_MIXED("Content-Type: application/octet-stream; name\r\n"
			      "Content-Disposition: attachment; filename*0=\r\n\r\nx\r\n"),
		  "申请", NULL, NULL },
		{ EMPTY_MIXED("Content-Type: application/octet-stream; name=\"b.pdf\"\r\n"
			      "Content-Disposition: attachment; filename=\"\"\r\n\r\nx\r\n"),
		  "申请", "attachment \"b.pdf\": PDF attachment unreadable", "b.pdf" },
		{ EMPTY_MIXED("Content-Type: text/plain\r\nContent-Disposition: inline; "
			      "filename=\"\"\r\n\r\n第二\r\n"), "申请\n\n第二", NULL, NULL },
		/* Empty containers; GMime loses a boundary after an empty
		 * parameter, and the office is told. */
		{ EMPTY_MIXED("Content-Type: multipart/alternative; boundary=x\r\n\r\n--x--\r\n"),
		  "申请", NULL, NULL },
		{ EMPTY_MIXED("Content-Type: message/rfc822\r\n\r\n"), "申请", NULL, NULL },
		{ EMPTY_MIXED("\r\n"), "申请", NULL, NULL },
		{ EMPTY_FROM "Content-Type: multipart/report; report-type=; boundary=r\r\n\r\n"
		  "--r\r\n\r\n--r--\r\n", "", "multipart without a boundary", NULL },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct mime_message *msg = parse(cases[i].raw);
		const char *name = NULL;

		assert_message_valid(msg);
		if (strcmp(msg->body, cases[i].body) != 0)
			fail_msg("case %zu: body \"%s\", want \"%s\"", i, msg->body,
				 cases[i].body);
		if (cases[i].problem != NULL ? !has_problem(msg, cases[i].problem)
					     : msg->n_problems > 0)
			fail_msg("case %zu: problems \"%s\", want \"%s\"", i,
				 msg->n_problems > 0 ? msg->problems[0] : "",
				 cases[i].problem != NULL ? cases[i].problem : "");
		if (msg->n_parts > 0)
			name = msg->parts[msg->n_parts - 1].filename;
		if (g_strcmp0(name, cases[i].name) != 0)
			fail_msg("case %zu: name \"%s\", want \"%s\"", i,
				 name != NULL ? name : "(none)",
				 cases[i].name != NULL ? cases[i].name : "(none)");
		for (size_t k = 0; k < msg->n_parts; k++)
			if (msg->parts[k].size == 0) {
				assert_null(msg->parts[k].data);
				assert_int_equal(msg->parts[k].data_len, 0);
			}
		mime_message_free(msg);
	}
}

/* A .docx holding an empty document.xml, and the public converters given
 * no bytes at all. */
static void
test_empty_inputs(void **state)
{
	size_t zlen;
	void *zip = make_zip("word/document.xml", "", 0, &zlen);
	char *raw = with_attachment("见附件", "application/octet-stream",
				    "attachment; filename=e.docx", zip, zlen);
	struct mime_message *msg = parse(raw);
	char *s;

	(void)state;
	assert_message_valid(msg);
	assert_null(msg->parts[1].text);
	assert_true(has_problem(msg, "attachment \"e.docx\": .docx attachment: "
				"word/document.xml is not XML"));
	mime_message_free(msg);
	g_free(raw);
	g_free(zip);

	s = mime_html_to_text(NULL, 0);
	assert_string_equal(s, "");
	free(s);
	s = mime_to_utf8(NULL, 0, NULL);
	assert_string_equal(s, "");
	free(s);
}

/* Garbage must not crash, and whatever comes out is valid. */
static void
test_garbage(void **state)
{
	static const char *const inputs[] = {
		"no headers at all\r\njust text\r\n",
		"Content-Type: multipart/mixed\r\n\r\nno boundary\r\n",
		"Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n",
		"Content-Type: text/plain; charset=\"\xff\xfe\"\r\n\r\n\xd6\xd0\r\n",
		"Subject: =?utf-8?B?=?= =?utf-8?Q?\?= =?\xff?B?QQ==?=\r\n\r\n",
		"Content-Type: message/rfc822\r\n\r\n",
		"Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: in\r\n\r\nx\r\n--d--\r\n",
		"Content-Disposition: attachment; filename*0*=x'y'%; filename*99999999999=z\r\n\r\nq\r\n",
		"\r\n\r\n",
		":\r\n: :\r\n\r\n",
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
		struct mime_message *msg = NULL;
		struct ogi_error err = { 0 };

		if (mime_parse(inputs[i], strlen(inputs[i]), NULL, &msg, &err) == 0) {
			assert_message_valid(msg);
			mime_message_free(msg);
		} else {
			assert_null(msg);
			assert_true(err.msg[0] != '\0');
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_nul_in_header),
		cmocka_unit_test(test_to_utf8),
		cmocka_unit_test(test_body_charsets),
		cmocka_unit_test(test_chunked_base64),
		cmocka_unit_test(test_filenames),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_outlook_html),
		cmocka_unit_test(test_alternative),
		cmocka_unit_test(test_mixed_related),
		cmocka_unit_test(test_forwarded),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_text_attachment),
		cmocka_unit_test(test_unicode_attachment),
		cmocka_unit_test(test_flowed),
		cmocka_unit_test(test_flowed_attachment),
		cmocka_unit_test(test_docx),
		cmocka_unit_test(test_docx_bomb),
		cmocka_unit_test(test_docx_budget_per_message),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_pdf_form),
		cmocka_unit_test(test_image_parts),
		cmocka_unit_test(test_image_over_limit),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_part_limit),
		cmocka_unit_test(test_size_limits),
		cmocka_unit_test(test_empty_parts),
		cmocka_unit_test(test_empty_inputs),
		cmocka_unit_test(test_garbage),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	/* cairo keeps the fonts of the generated PDFs until told to let go
	 * (fontconfig's own configuration is suppressed in tests/lsan.supp). */
	cairo_debug_reset_static_data();
	return rc;
}
