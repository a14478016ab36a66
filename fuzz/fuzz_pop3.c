/* libFuzzer target: what a POP3 server sends, on any bytes.  The first
 * byte sets the size of the pieces the rest arrives in: decoding in pieces
 * gives the same bytes and stops at the same place as decoding it whole
 * (intake_pop3_body_decode) and never writes more than twice its input;
 * every line read as a UIDL gives a key of printable ASCII
 * (intake_pop3_uid).  Run by contrib/fuzz.sh pop3. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "intake/pop3wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
decode(const char *in, size_t len, size_t piece, GString *out, bool *done_r)
{
	struct intake_pop3_body b = { 0 };
	char *buf = g_malloc(2 * piece + 1);
	size_t at = 0;

	while (at < len && !b.done) {
		size_t n = MIN(piece, len - at), n_out,
		       used = intake_pop3_body_decode(&b, in + at, n, buf, &n_out);

		if (n_out > 2 * n || (used < n && !b.done))
			abort();
		g_string_append_len(out, buf, (gssize)n_out);
		at += used;
	}
	g_free(buf);
	*done_r = b.done;
	return at;
}

static void
check_uids(const char *in, size_t len)
{
	char *text = g_strndup(in, len), **lines = g_strsplit(text, "\n", -1);

	for (size_t i = 0; lines[i] != NULL; i++) {
		char *uid = intake_pop3_uid(lines[i]);

		if (uid[0] == '\0')
			abort();
		for (const char *c = uid; *c; c++)
			if (*c < 0x21 || *c > 0x7e)
				abort();
		g_free(uid);
	}
	g_strfreev(lines);
	g_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GString *whole = g_string_new(NULL), *pieces = g_string_new(NULL);
	const char *in = (const char *)data + 1;
	size_t len, piece;
	bool done_whole, done_pieces;

	if (size == 0)
		return 0;
	len = size - 1;
	piece = data[0] % 16 + 1;
	if (decode(in, len, len + 1, whole, &done_whole) !=
	    decode(in, len, piece, pieces, &done_pieces) ||
	    done_whole != done_pieces || whole->len != pieces->len ||
	    memcmp(whole->str, pieces->str, whole->len) != 0)
		abort();
	check_uids(in, len);
	g_string_free(whole, TRUE);
	g_string_free(pieces, TRUE);
	return 0;
}
