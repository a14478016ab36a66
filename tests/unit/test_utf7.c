/* IMAP folder names in modified UTF-7 (RFC 3501 §5.1.3): the names the
 * office configures (已处理, 已发送, mixed with ASCII and "&") both ways,
 * and what a server must never send refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "intake/utf7.h"

static const struct {
	const char *utf8;
	const char *wire;
} both_ways[] = {
	{ "INBOX", "INBOX" },
	{ "", "" },
	{ "已处理", "&XfJZBHQG-" },
	{ "已发送", "&XfJT0ZAB-" },
	{ "INBOX/已处理", "INBOX/&XfJZBHQG-" },
	{ "Tom & Jerry", "Tom &- Jerry" },
	{ "&", "&-" },
	{ "~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-" },  /* RFC 3501 */
	{ "a已b处c", "a&XfI-b&WQQ-c" },
	{ "申请 2025", "&dTOL9w- 2025" },
	{ "😀", "&2D3eAA-" },                 /* a surrogate pair */
	{ "tab\there", "tab&AAk-here" },      /* control characters are encoded */
};

static void
test_both_ways(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(both_ways); i++) {
		struct ogi_error err = { 0 };
		char *out = NULL;

		assert_int_equal(intake_utf7_encode(both_ways[i].utf8, &out, &err), 0);
		assert_string_equal(out, both_ways[i].wire);
		g_free(out);
		/* Control characters may be encoded, printable ASCII not. */
		assert_int_equal(intake_utf7_decode(both_ways[i].wire, &out, &err), 0);
		assert_string_equal(out, both_ways[i].utf8);
		g_free(out);
	}
}

static const char *const bad_wire[] = {
	"&XfJZBHQG",      /* unterminated */
	"&-&",            /* a lone shift at the end */
	"&XfJ-",          /* dangling bits not zero (&XfI- is 已) */
	"&XfJZBHQ-",      /* an odd byte: not whole UTF-16 */
	"&2D0-",          /* a lone high surrogate */
	"&AEEAQg-",       /* "AB" encoded: printable ASCII must be written as is */
	"&XfJ/BHQG-",     /* "/" is base64, not modified base64 */
	"\xe5\xb7\xb2",   /* raw UTF-8 on the wire */
	"a\tb",           /* raw control character */
};

static void
test_bad_wire(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad_wire); i++) {
		struct ogi_error err = { 0 };
		char *out = NULL;

		assert_int_equal(intake_utf7_decode(bad_wire[i], &out, &err), -1);
		assert_null(out);
		assert_non_null(strstr(err.msg, "not modified UTF-7"));
	}
}

static void
test_bad_utf8(void **state)
{
	struct ogi_error err = { 0 };
	char *out = NULL;

	(void)state;
	assert_int_equal(intake_utf7_encode("\xff\xfe", &out, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.msg, "UTF-8"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_ways),
		cmocka_unit_test(test_bad_wire),
		cmocka_unit_test(test_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
