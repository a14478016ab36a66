/* libFuzzer target: the template parser (letter_template_parse) on any
 * bytes, and the expansion of what it accepts against the sample values of
 * a letter kind.  A template the parser refuses is named with a line in
 * the error; one it accepts names only vocabulary it knows, and expands to
 * UTF-8 (or refuses a missing value).  Bytes after a NUL are not seen:
 * letter_template_load refuses a file holding one.  Run by
 * contrib/fuzz.sh template. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "letter/legal.h"
#include "letter/linebreak.h"
#include "letter/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Sample values of every kind, with the tree's legal texts, made once and
 * kept for the process. */
static const struct letter_values *
sample_values(size_t i)
{
	static struct letter_values **vals;
	size_t n;
	const char *const *kinds = letter_kinds(&n);

	if (vals == NULL) {
		struct letter_legal *legal;

		if (letter_legal_load(OGI_SRCDIR "/templates/" LETTER_LEGAL_FILE,
				      &legal, NULL) != 0)
			abort();
		vals = calloc(n, sizeof(*vals));
		for (size_t k = 0; vals != NULL && k < n; k++)
			if (letter_sample_values(kinds[k], legal, &vals[k], NULL) != 0)
				abort();
		if (vals == NULL)
			abort();
		letter_legal_free(legal);
	}
	return vals[i % n];
}

static void
check_utf8(const char *s)
{
	uint32_t *cps;
	size_t n;

	if (s == NULL)
		return;
	if (letter_utf8_decode(s, &cps, &n, NULL) != 0)
		abort();
	free(cps);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct letter_template *tpl;
	struct letter_doc *doc;
	struct ogi_error err = { 0 };
	const char *const *names;
	size_t n_names;

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (letter_template_parse("fuzz.tpl", text, &tpl, &err) != 0) {
		if (strncmp(err.msg, "fuzz.tpl:", 9) != 0)
			abort();
		free(text);
		return 0;
	}
	n_names = letter_template_placeholders(tpl, &names);
	for (size_t i = 0; i < n_names; i++)
		if (letter_placeholder_meaning(names[i]) == NULL)
			abort();
	if (letter_template_expand(tpl, sample_values(size), &doc, NULL) == 0) {
		check_utf8(doc->title);
		for (size_t i = 0; i < doc->n_blocks; i++) {
			check_utf8(doc->blocks[i].text);
			for (size_t k = 0; k < doc->blocks[i].n_items; k++)
				check_utf8(doc->blocks[i].items[k]);
		}
		letter_doc_free(doc);
	}
	letter_template_free(tpl);
	free(text);
	return 0;
}
