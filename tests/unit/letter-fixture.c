#include "letter-fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

struct letter_legal *letter_fixture_legal;

int
letter_fixture_setup(void **state)
{
	struct ogi_error err;

	(void)state;
	if (letter_legal_load(OGI_SRCDIR "/templates/" LETTER_LEGAL_FILE,
			      &letter_fixture_legal, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	return 0;
}

int
letter_fixture_teardown(void **state)
{
	(void)state;
	letter_legal_free(letter_fixture_legal);
	letter_fixture_legal = NULL;
	return 0;
}

char *
letter_fixture_expand(const char *text, const struct letter_values *vals)
{
	struct letter_template *tpl;
	struct letter_doc *doc;
	struct ogi_error err;
	GString *out = g_string_new(NULL);

	if (letter_template_parse("t.tpl", text, &tpl, &err) != 0 ||
	    letter_template_expand(tpl, vals, &doc, &err) != 0)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < doc->n_blocks; i++)
		g_string_append_printf(out, "%s%s", i ? "/" : "", doc->blocks[i].text);
	letter_doc_free(doc);
	letter_template_free(tpl);
	return g_string_free(out, FALSE);
}

void
letter_fixture_legal_refused(const char *from, const char *to,
			     const char *says, bool prefix)
{
	struct letter_legal *l;
	struct ogi_error err;
	GString *bad;
	char *text;

	if (!g_file_get_contents(OGI_SRCDIR "/templates/" LETTER_LEGAL_FILE,
				 &text, NULL, NULL))
		fail_msg("%s: unreadable", LETTER_LEGAL_FILE);
	bad = g_string_new(text);
	g_free(text);
	if (g_string_replace(bad, from, to, 1) != 1)
		fail_msg("\"%s\" not in legal.txt", from);
	if (letter_legal_parse("t/legal.txt", bad->str, bad->len, &l, &err) != -1)
		fail_msg("\"%s\" as \"%s\": accepted", from, to);
	if (prefix ? strncmp(err.msg, says, strlen(says)) != 0 :
		     strcmp(err.msg, says) != 0)
		fail_msg("\"%s\" as \"%s\": \"%s\", not \"%s\"", from, to,
			 err.msg, says);
	g_string_free(bad, TRUE);
}
