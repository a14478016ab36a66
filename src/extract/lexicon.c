/* Looking words up in the lexicon (lexicon.h; the lists themselves are in
 * src/extract/lexicon/). */
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/lexicon.h"

/* Inline: the label scanner calls it for every character. */
static inline char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Matches lab at p with any spaces between its characters ("姓　　名");
 * ASCII letters ignore case.  Returns the end of the match or NULL. */
static const char *
match_label(const char *p, const char *end, const char *lab)
{
	const char *lab_end = lab + strlen(lab);
	bool first = true;

	while (lab < lab_end) {
		size_t n = (size_t)(extract_text_next_char(lab, lab_end) - lab);

		/* "Passport No.": spaces are skipped before every character
		 * anyway. */
		if (*lab == ' ') {
			lab++;
			continue;
		}

		if (!first)
			while (p < end && *p == ' ')
				p++;
		first = false;
		if ((size_t)(end - p) < n)
			return NULL;
		if (n == 1 ? ascii_lower(*p) != ascii_lower(*lab) :
			     memcmp(p, lab, n) != 0)
			return NULL;
		p += n;
		lab += n;
	}
	return p;
}

/* The labels are indexed by their first character: extract_lexicon_label_at
 * is tried at every position of every line, and a scan of all 300-odd
 * labels there was a fifth of the parser worker's instructions.  A power
 * of two comfortably above the number of distinct first characters
 * (about 150), so few buckets are shared. */
#define LABEL_BUCKET_BITS 10
#define LABEL_BUCKETS (1u << LABEL_BUCKET_BITS)

struct label_index {
	guint start[LABEL_BUCKETS + 1]; /* bucket b: items[start[b] .. start[b+1]) */
	guint *items;                   /* label numbers, ascending in a bucket */
};

/* The bucket of the character at s, as the match sees it: an ASCII letter
 * in either case, a multi-byte character by its first three bytes at most
 * (reading past the first byte only where s's first byte says the
 * character has more, as the match itself does). */
static guint
label_bucket(const char *s)
{
	unsigned char c0 = (unsigned char)ascii_lower(s[0]);
	guint32 key = c0;

	if (c0 >= 0xC0)
		key |= (guint32)(unsigned char)s[1] << 8;
	if (c0 >= 0xE0)
		key |= (guint32)(unsigned char)s[2] << 16;
	/* Fibonacci hashing: the top bits of the product mix all three bytes. */
	return (key * 2654435761u) >> (32 - LABEL_BUCKET_BITS);
}

static const struct label_index *
label_index(void)
{
	static struct label_index idx;
	static gsize built;

	if (g_once_init_enter(&built)) {
		guint fill[LABEL_BUCKETS] = { 0 };

		for (size_t i = 0; i < extract_lexicon_labels_n; i++)
			idx.start[label_bucket(extract_lexicon_labels[i].text) + 1]++;
		for (guint b = 0; b < LABEL_BUCKETS; b++)
			idx.start[b + 1] += idx.start[b];
		idx.items = g_new(guint, extract_lexicon_labels_n);
		for (size_t i = 0; i < extract_lexicon_labels_n; i++) {
			guint b = label_bucket(extract_lexicon_labels[i].text);

			idx.items[idx.start[b] + fill[b]++] = (guint)i;
		}
		g_once_init_leave(&built, 1);
	}
	return &idx;
}

const struct extract_lexicon_label *
extract_lexicon_label_at(const char *p, const char *end, const char **lend_r)
{
	const struct label_index *idx = label_index();
	const struct extract_lexicon_label *best = NULL;
	size_t best_len = 0;
	guint b;

	if (p >= end)
		return NULL;
	b = label_bucket(p);
	/* A bucket may hold labels of other first characters: each is still
	 * compared byte by byte before it is matched (a multi-byte first
	 * character byte by byte: a mismatch stops before the end of p). */
	for (guint k = idx->start[b]; k < idx->start[b + 1]; k++) {
		const struct extract_lexicon_label *l =
			&extract_lexicon_labels[idx->items[k]];
		const char *lab = l->text, *e;
		size_t len;

		if (ascii_lower(*p) != ascii_lower(lab[0]) ||
		    ((unsigned char)lab[0] >= 0xC0 && p[1] != lab[1]) ||
		    ((unsigned char)lab[0] >= 0xE0 && p[2] != lab[2]))
			continue;
		e = match_label(p, end, lab);
		if (e == NULL)
			continue;
		len = strlen(lab);
		if (best == NULL || len > best_len) {
			best = l;
			best_len = len;
			*lend_r = e;
		}
	}
	return best;
}

int
extract_lexicon_option_at(const char *p, const char *end, size_t *len_r)
{
	int best = -1;
	size_t best_len = 0;

	for (size_t i = 0; i < extract_lexicon_options_n; i++) {
		size_t n = strlen(extract_lexicon_options[i].word);

		if ((size_t)(end - p) >= n && n > best_len &&
		    g_ascii_strncasecmp(p, extract_lexicon_options[i].word, n) == 0) {
			best = (int)i;
			best_len = n;
		}
	}
	*len_r = best_len;
	return best;
}

bool
extract_lexicon_document_word(const char *s)
{
	for (size_t i = 0; i < extract_lexicon_id_words_n; i++)
		if (g_ascii_strcasecmp(s, extract_lexicon_id_words[i].word) == 0)
			return true;
	return false;
}

bool
extract_lexicon_org_name(const char *s)
{
	return s != NULL &&
	       extract_text_contains_any(s, EXTRACT_LEXICON(org_words));
}
