/* What the letter tests share (test_letter_template, test_outcome,
 * test_letter_values, test_case_values): the legal texts of the tree's
 * templates/legal.txt, read once by a cmocka group setup, a template's
 * text expanded into one string to compare, and legal.txt spoilt. */
#ifndef OGI_TESTS_LETTER_FIXTURE_H
#define OGI_TESTS_LETTER_FIXTURE_H

#include <stdbool.h>

#include "letter/legal.h"
#include "letter/template.h"

/* The tree's legal texts between letter_fixture_setup and
 * letter_fixture_teardown; NULL outside. */
extern struct letter_legal *letter_fixture_legal;

/* cmocka group setup: loads letter_fixture_legal.  Returns 0, or -1 with
 * why printed. */
int letter_fixture_setup(void **state);
/* cmocka group teardown: frees letter_fixture_legal.  Returns 0. */
int letter_fixture_teardown(void **state);

/* The template text expanded against vals, its blocks joined by '/'
 * (g_free).  Fails the test when text does not parse or expand. */
char *letter_fixture_expand(const char *text, const struct letter_values *vals);

/* Fails the test unless the tree's legal.txt, its first from replaced by
 * to, is refused (as "t/legal.txt") with an error that is says, or with
 * prefix set begins with it. */
void letter_fixture_legal_refused(const char *from, const char *to,
				  const char *says, bool prefix);

#endif
