/* What every network driver does to a message on its way to the spool:
 * line ends made a Maildir's, whatever pieces the bytes come in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "intake/intake.h"

static const struct {
	const char *in;
	const char *want;
} crlf_cases[] = {
	{ "", "" },
	{ "a\r\nb\r\n", "a\nb\n" },
	{ "a\nb\n", "a\nb\n" },                   /* already LF: unchanged */
	{ "bare\rcr\r\n", "bare\rcr\n" },         /* a lone CR is data */
	{ "\r\r\n", "\r\n" },
	{ "\r\r\r", "\r\r\r" },                   /* held CRs come out at the end */
	{ "end\r", "end\r" },
	{ "\n\r\n\r", "\n\n\r" },
	{ "中文\r\n正文", "中文\n正文" },
};

/* Every case fed whole and split in two at every byte. */
static void
test_crlf(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(crlf_cases); i++) {
		const char *in = crlf_cases[i].in;
		size_t len = strlen(in);

		for (size_t cut = 0; cut <= len; cut++) {
			struct intake_crlf st = { 0 };
			char out[64];
			size_t n;

			n = intake_crlf_decode(&st, in, cut, out);
			n += intake_crlf_decode(&st, in + cut, len - cut, out + n);
			n += intake_crlf_finish(&st, out + n);
			out[n] = '\0';
			if (strcmp(out, crlf_cases[i].want) != 0)
				fail_msg("case %zu cut at %zu: got \"%s\"", i, cut,
					 g_strescape(out, NULL));
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crlf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
