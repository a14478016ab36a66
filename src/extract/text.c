/* Normalisation helpers shared by the extractors.  Both work on bytes: the
 * characters they touch have fixed UTF-8 encodings, and everything else is
 * copied through unchanged, so invalid input cannot make them misbehave. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "extract/extract-private.h"
#include "extract/lexicon.h"

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

/* Words Hong Kong and Taiwan write where the mainland writes another of the
 * same length: 資訊 for 信息 (政府資訊公開, 所需資訊的用途).  (身分證 is in
 * the lexicon itself: the mainland writes it too, by a slip.) */
static const char *const trad_words[][2] = {
	{ "資訊", "信息" },
};

/* The traditional characters of trad_simp as 24-bit keys (their three
 * UTF-8 bytes, which order them as their code points), sorted: the fold
 * tries every character of every message, and a scan of the table per
 * character was a third of the parser worker's time. */
struct trad_key {
	guint32 key;
	const char *simp;
};

static guint32
trad_key_at(const char *p)
{
	return (guint32)(unsigned char)p[0] << 16 |
	       (guint32)(unsigned char)p[1] << 8 | (unsigned char)p[2];
}

static int
trad_key_cmp(const void *a, const void *b)
{
	guint32 x = ((const struct trad_key *)a)->key;
	guint32 y = ((const struct trad_key *)b)->key;

	return x < y ? -1 : x > y;
}

static const struct trad_key *
trad_keys(void)
{
	static struct trad_key *keys;

	if (g_once_init_enter(&keys)) {
		struct trad_key *k = g_new(struct trad_key,
					   extract_lexicon_trad_simp_n);

		for (size_t i = 0; i < extract_lexicon_trad_simp_n; i++)
			k[i] = (struct trad_key){
				.key = trad_key_at(extract_lexicon_trad_simp[i]),
				.simp = extract_lexicon_trad_simp[i] + 3,
			};
		qsort(k, extract_lexicon_trad_simp_n, sizeof(*k), trad_key_cmp);
		g_once_init_leave(&keys, k);
	}
	return keys;
}

const char *
extract_text_simplified(const char *p, const char *end, size_t *len_r)
{
	struct trad_key want;
	const struct trad_key *hit;

	/* CJK ideographs U+4E00..U+9FFF lead with E4..E9. */
	if (end - p < 3 || (unsigned char)*p < 0xE4 || (unsigned char)*p > 0xE9)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(trad_words); i++) {
		const char *w = trad_words[i][0];

		if (p[0] == w[0] && p[1] == w[1] && p[2] == w[2] &&
		    (size_t)(end - p) >= strlen(w) &&
		    memcmp(p, w, strlen(w)) == 0) {
			*len_r = strlen(w);
			return trad_words[i][1];
		}
	}
	want.key = trad_key_at(p);
	hit = bsearch(&want, trad_keys(), extract_lexicon_trad_simp_n,
		      sizeof(want), trad_key_cmp);
	if (hit == NULL)
		return NULL;
	*len_r = 3;
	return hit->simp;
}

char *
extract_text_fold(const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	const char *end;
	char *out, *o;

	if (utf8 == NULL)
		return NULL;
	end = utf8 + strlen(utf8);
	/* Every rule shrinks or keeps the length. */
	out = g_malloc(strlen(utf8) + 1);
	o = out;
	while (*p != '\0') {
		int c = fullwidth_ascii(p);
		const char *simp;
		size_t n;

		if (c >= 0) {
			*o++ = (char)c;
			p += 3;
		} else if ((simp = extract_text_simplified((const char *)p, end,
							   &n)) != NULL) {
			memcpy(o, simp, n);
			o += n;
			p += n;
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

const char *
extract_text_next_char(const char *p, const char *end)
{
	if (p >= end)
		return end;
	p++;
	while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
		p++;
	return p;
}

const char *
extract_text_prev_char(const char *p, const char *start)
{
	if (p <= start)
		return start;
	p--;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	return p;
}

gunichar
extract_text_char_at(const char *p, const char *end)
{
	gunichar c = g_utf8_get_char_validated(p, end - p);

	return c == (gunichar)-1 || c == (gunichar)-2 ? 0 : c;
}

bool
extract_text_is_han(const char *p, const char *end)
{
	gunichar c = extract_text_char_at(p, end);

	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

bool
extract_text_has_prefix(const char *p, const char *end, const char *lit)
{
	size_t n;

	/* Called for every word of a list at every position of a text: most
	 * words differ in their first byte, which is tested before the word
	 * is measured. */
	if (lit[0] == '\0')
		return true;
	if (p >= end || *p != lit[0])
		return false;
	n = strlen(lit);
	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

const char *
extract_text_word_at(const char *p, const char *end, const char *const *words,
		     size_t n)
{
	const char *best = NULL;

	size_t best_len = 0;

	for (size_t i = 0; i < n; i++) {
		if (!extract_text_has_prefix(p, end, words[i]))
			continue;
		size_t len = strlen(words[i]);

		if (best == NULL || len > best_len) {
			best = words[i];
			best_len = len;
		}
	}
	return best;
}

const char *
extract_text_find_in(const char *p, const char *end, const char *lit)
{
	if (p > end)
		return NULL;
	return memmem(p, (size_t)(end - p), lit, strlen(lit));
}

bool
extract_text_is_space(char c)
{
	return c == ' ' || c == '\t';
}

bool
extract_text_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
extract_text_is_alnum(char c)
{
	return g_ascii_isalnum(c);
}

bool
extract_text_is_number_char(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum((char)c);
	return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
	       (c >= 0xFF41 && c <= 0xFF5A);
}

/* Clause punctuation: where a value written in a sentence ends. */
size_t
extract_text_clause_end_len(const char *p, const char *end)
{
	static const char *const ends[] = {
		"。", "、", ",", ";", "!", "?", ")", "]", "】",
	};
	const char *w = extract_text_word_at(p, end, ends, G_N_ELEMENTS(ends));

	return w != NULL ? strlen(w) : 0;
}
