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
	bool first = true;

	while (*lab != '\0') {
		size_t n = (size_t)(extract_text_next_char(lab, lab + strlen(lab)) -
				    lab);

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

const struct extract_lexicon_label *
extract_lexicon_label_at(const char *p, const char *end, const char **lend_r)
{
	const struct extract_lexicon_label *best = NULL;

	/* Tried at every position of every line, so a label whose first
	 * character differs is passed over by comparing bytes inline (a
	 * multi-byte first character byte by byte: a mismatch stops before
	 * the end of p). */
	for (size_t i = 0; i < extract_lexicon_labels_n; i++) {
		const char *lab = extract_lexicon_labels[i].text, *e;

		if (ascii_lower(*p) != ascii_lower(lab[0]) ||
		    ((unsigned char)lab[0] >= 0xC0 && p[1] != lab[1]) ||
		    ((unsigned char)lab[0] >= 0xE0 && p[2] != lab[2]))
			continue;
		e = match_label(p, end, lab);
		if (e != NULL &&
		    (best == NULL || strlen(lab) > strlen(best->text))) {
			best = &extract_lexicon_labels[i];
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
