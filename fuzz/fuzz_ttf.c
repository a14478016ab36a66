/* libFuzzer target: a TrueType face or collection (letter_ttf_open_mem)
 * on any bytes and, when it opens, a subset of its first 64 mapped code
 * points (letter_ttf_subset).  A subset must open again and give every
 * code point a glyph of the same advance width as in the face it came
 * from.  Run by contrib/fuzz.sh ttf. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "letter/ttf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CPS 64

static void
check_subset(const struct letter_ttf *t, const uint32_t *cps, size_t n)
{
	struct letter_ttf *sub;
	unsigned char *out;
	size_t len;

	if (letter_ttf_subset(t, cps, n, "FuzzSubset", &out, &len, NULL) != 0)
		return;
	if (letter_ttf_open_mem(out, len, 0, &sub, NULL) != 0 ||
	    strcmp(letter_ttf_psname(sub), "FuzzSubset") != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned g = letter_ttf_glyph(sub, cps[i]);

		if (g == 0 || letter_ttf_advance(sub, g) !=
		              letter_ttf_advance(t, letter_ttf_glyph(t, cps[i])))
			abort();
	}
	letter_ttf_close(sub);
	free(out);
}

static void
fuzz_face(const uint8_t *data, size_t size, int index)
{
	struct letter_ttf *t;
	uint32_t cps[MAX_CPS];
	size_t n = 0;

	if (letter_ttf_open_mem(data, size, index, &t, NULL) != 0)
		return;
	if (letter_ttf_psname(t)[0] == '\0')
		abort();
	for (uint32_t cp = 0; cp < 0x10000 && n < MAX_CPS; cp++)
		if (letter_ttf_glyph(t, cp) != 0)
			cps[n++] = cp;
	check_subset(t, cps, n);
	letter_ttf_close(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_face(data, size, 0);
	/* A collection's second face too. */
	if (size >= 4 && memcmp(data, "ttcf", 4) == 0)
		fuzz_face(data, size, 1);
	return 0;
}
