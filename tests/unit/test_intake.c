/* What every network driver does to a message on its way to the spool:
 * line ends made a Maildir's, whatever pieces the bytes come in; and the
 * rule every driver dates a message by. */
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

/* 2026-12-05 12:00 UTC, when the examples are listed. */
#define NOW INT64_C(1796472000)

/* A mailbox's time is taken only between 2000-01-01 and a day after the
 * fetch; anything else, or none, dates the message by the fetch. */
static void
test_received_witness(void **state)
{
	static const struct {
		int64_t witnessed;
		const char *source;
		int64_t want;
		const char *want_source;
	} cases[] = {
		{ 1763602200, INTAKE_RECEIVED_DELIVERY, 1763602200,
		  INTAKE_RECEIVED_DELIVERY },
		{ 1763602200, INTAKE_RECEIVED_MTIME, 1763602200,
		  INTAKE_RECEIVED_MTIME },
		{ 946684800, INTAKE_RECEIVED_DELIVERY, 946684800,
		  INTAKE_RECEIVED_DELIVERY },                /* 2000-01-01 */
		{ NOW + 86400, INTAKE_RECEIVED_DELIVERY, NOW + 86400,
		  INTAKE_RECEIVED_DELIVERY },                /* a clock a day ahead */
		{ 946684799, INTAKE_RECEIVED_DELIVERY, NOW, INTAKE_RECEIVED_FETCH },
		{ 489024000, INTAKE_RECEIVED_DELIVERY, NOW,
		  INTAKE_RECEIVED_FETCH },                   /* 1985-07-01 */
		{ 489024000, INTAKE_RECEIVED_MTIME, NOW, INTAKE_RECEIVED_FETCH },
		{ NOW + 86401, INTAKE_RECEIVED_DELIVERY, NOW, INTAKE_RECEIVED_FETCH },
		{ 3799958400, INTAKE_RECEIVED_DELIVERY, NOW,
		  INTAKE_RECEIVED_FETCH },                   /* 2090-06-01 */
		{ -1, INTAKE_RECEIVED_DELIVERY, NOW, INTAKE_RECEIVED_FETCH },
		{ 0, NULL, NOW, INTAKE_RECEIVED_FETCH },      /* none (POP3) */
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct intake_item item = { .received_at = 1,
					    .received_source = "stale" };

		intake_received_witness(&item, cases[i].witnessed,
					cases[i].source, NOW);
		if (item.received_at != cases[i].want ||
		    strcmp(item.received_source, cases[i].want_source) != 0)
			fail_msg("case %zu (%lld): got %lld from %s", i,
				 (long long)cases[i].witnessed,
				 (long long)item.received_at,
				 item.received_source);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_received_witness),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
