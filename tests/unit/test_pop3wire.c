/* What a POP3 server sends, decoded: multi-line answers with their
 * byte-stuffing undone and CRLF made LF, whatever pieces the network cuts
 * them into; UIDLs RFC 1939 allows kept, any other turned into a digest. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "intake/pop3wire.h"

static const struct {
	const char *wire;     /* the answer after its +OK line */
	const char *decoded;
	size_t rest;          /* bytes after the terminating line */
} bodies[] = {
	{ ".\r\n", "", 0 },
	{ "a\r\nb\r\n.\r\n", "a\nb\n", 0 },
	{ "..\r\n.\r\n", ".\n", 0 },                  /* a line of one dot */
	{ "...two\r\n.\r\n", "..two\n", 0 },
	{ "..lead\r\n.\r\n", ".lead\n", 0 },
	{ "a.b\r\n.\r\n", "a.b\n", 0 },               /* a dot inside a line */
	{ "bare\rcr\r\n.\r\n", "bare\rcr\n", 0 },     /* a lone CR is data */
	{ "end\r\r\n.\r\n", "end\r\n", 0 },
	{ "..\r.\r\n.\r\n", ".\r.\n", 0 },            /* ".\r." stuffed */
	{ "..\r..\r\n.\r\n", ".\r..\n", 0 },          /* no line starts at a CR */
	{ ".x\r\n.\r\n", "x\n", 0 },                  /* unstuffed anyway */
	{ "lf\n.\n", "lf\n", 0 },                     /* bare LF line ends */
	{ "a\r\n\r\n\r\nb\r\n.\r\n", "a\n\n\nb\n", 0 },
	{ "a\r\n.\r\n+OK next\r\n", "a\n", 10 },       /* stops at the end */
};

/* Decodes wire fed in pieces of the given sizes (cycled). */
static char *
decode_in_pieces(const char *wire, const size_t *sizes, size_t n_sizes,
		 size_t *consumed_r, bool *done_r)
{
	struct intake_pop3_body b = { 0 };
	size_t len = strlen(wire), at = 0, k = 0;
	GString *out = g_string_new(NULL);

	while (at < len && !b.done) {
		size_t piece = MIN(sizes[k++ % n_sizes], len - at), n_out, used;
		char *buf = g_malloc(2 * piece + 1);

		used = intake_pop3_body_decode(&b, wire + at, piece, buf, &n_out);
		assert_true(n_out <= 2 * piece);
		assert_true(used == piece || b.done);
		g_string_append_len(out, buf, (gssize)n_out);
		g_free(buf);
		at += used;
	}
	*consumed_r = at;
	*done_r = b.done;
	return g_string_free(out, FALSE);
}

static void
check_body(size_t i, const size_t *sizes, size_t n_sizes)
{
	size_t consumed;
	bool done;
	char *got = decode_in_pieces(bodies[i].wire, sizes, n_sizes, &consumed,
				     &done);

	if (strcmp(got, bodies[i].decoded) != 0)
		fail_msg("case %zu, pieces of %zu: got \"%s\"", i, sizes[0], got);
	assert_true(done);
	assert_int_equal(strlen(bodies[i].wire) - consumed, bodies[i].rest);
	g_free(got);
}

static void
test_body_whole(void **state)
{
	const size_t whole[] = { 1 << 20 };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++)
		check_body(i, whole, 1);
}

/* The network may cut anywhere: between CR and LF, after a line's first
 * dot, inside the terminator. */
static void
test_body_any_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		size_t len = strlen(bodies[i].wire);

		for (size_t cut = 1; cut < len; cut++) {
			const size_t sizes[] = { cut, len };

			check_body(i, sizes, 2);
		}
		check_body(i, (const size_t[]){ 1 }, 1);
	}
}

static void
test_body_unterminated(void **state)
{
	size_t consumed;
	bool done;
	char *got;

	(void)state;
	got = decode_in_pieces("a\r\n..\r\n", (const size_t[]){ 3 }, 1,
			       &consumed, &done);
	assert_false(done);
	assert_string_equal(got, "a\n.\n");
	g_free(got);
}

static void
test_uid(void **state)
{
	static const struct {
		const char *uidl;
		bool kept;
	} cases[] = {
		{ "00000001v5f3c2a1b", true },
		{ "!~", true },
		{ "1234567890123456789012345678901234567890123456789012345678901234567890",
		  true },                                       /* 70 */
		{ "12345678901234567890123456789012345678901234567890123456789012345678901",
		  false },                                      /* 71 */
		{ "", false },
		{ "with space", false },
		{ "tab\there", false },
		{ "../../etc/passwd", true },  /* a key, never a path */
		{ "\xe4\xb8\xad", false },
		{ "del\x7f", false },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *uid = intake_pop3_uid(cases[i].uidl), *again;

		if (cases[i].kept) {
			assert_string_equal(uid, cases[i].uidl);
		} else {
			assert_true(g_str_has_prefix(uid, "sha256:"));
			assert_int_equal(strlen(uid), 7 + 64);
			/* The same UIDL, the same identity at every poll. */
			again = intake_pop3_uid(cases[i].uidl);
			assert_string_equal(uid, again);
			g_free(again);
		}
		g_free(uid);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_whole),
		cmocka_unit_test(test_body_any_split),
		cmocka_unit_test(test_body_unterminated),
		cmocka_unit_test(test_uid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
