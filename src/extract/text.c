/* Normalisation helpers shared by the extractors.  Both work on bytes: the
 * characters they touch have fixed UTF-8 encodings, and everything else is
 * copied through unchanged, so invalid input cannot make them misbehave. */
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "extract/extract-private.h"

/* U+FF01..U+FF5E is EF BC 81..EF BC BF, then EF BD 80..EF BD 9E. */
static int
fullwidth_ascii(const unsigned char *p)
{
	if (p[0] != 0xEF)
		return -1;
	if (p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
		return 0x21 + (p[2] - 0x81);
	if (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
		return 0x60 + (p[2] - 0x80);
	return -1;
}

static bool
ideographic_space(const unsigned char *p)
{
	return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

/* No-break space: what HTML bodies turn &nbsp; into. */
static bool
nbsp(const unsigned char *p)
{
	return p[0] == 0xC2 && p[1] == 0xA0;
}

char *
extract_text_fold(const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	char *out, *o;

	if (utf8 == NULL)
		return NULL;
	/* Every rule shrinks or keeps the length. */
	out = g_malloc(strlen(utf8) + 1);
	o = out;
	while (*p != '\0') {
		int c = fullwidth_ascii(p);

		if (c >= 0) {
			*o++ = (char)c;
			p += 3;
		} else if (ideographic_space(p)) {
			*o++ = ' ';
			p += 3;
		} else if (*p == '\r') {
			*o++ = '\n';
			p += p[1] == '\n' ? 2 : 1;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}

/* Length of the white-space character at p, 0 if none. */
static size_t
space_len(const unsigned char *p)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (nbsp(p))
		return 2;
	if (ideographic_space(p))
		return 3;
	return 0;
}

char *
extract_text_trim(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	bool pending_space = false;
	size_t n;

	if (s == NULL)
		return NULL;
	out = g_malloc(strlen(s) + 1);
	o = out;
	while (*p != '\0') {
		n = space_len(p);
		if (n > 0) {
			pending_space = o != out;
			p += n;
			continue;
		}
		if (pending_space)
			*o++ = ' ';
		pending_space = false;
		*o++ = (char)*p++;
	}
	*o = '\0';
	if (o == out) {
		g_free(out);
		return NULL;
	}
	return out;
}

bool
extract_text_contains_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

bool
extract_text_starts_with_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}
