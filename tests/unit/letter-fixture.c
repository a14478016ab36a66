#include "letter-fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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
