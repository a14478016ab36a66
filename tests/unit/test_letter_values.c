/* A letter's own values (delivery_letter_values_apply): the JSON object
 * ogictl reply stores in letters.values_json, read back onto the values
 * of its letter -- strings, lists of objects, escapes -- and every other
 * shape refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "delivery/letters.h"
#include "letter/template.h"
#include "letter-fixture.h"

static void
test_read(void **state)
{
	static const char plain[] = "{{outcome.reason}}\n";
	static const char list[] =
		"{{outcome.reason}}\n\n"
		"{{#each files}}\n@item {{title}}\n{{/each}}\n";
	static const struct {
		const char *tpl, *json, *want;
	} cases[] = {
		{ plain, "{\"outcome.reason\":\"理由\"}", "理由" },
		{ plain, " { \"outcome.reason\" : \"a\\\"b\\\\c\\/d\" } ", "a\"b\\c/d" },
		{ plain, "{\"outcome.reason\":\"\\u7406\\u7531 \\ud83d\\ude00\"}",
		  "理由 \xf0\x9f\x98\x80" },
		{ list, "{\"outcome.reason\":\"r\",\"files\":[{\"title\":\"名单.txt\"},"
		  "{\"title\":\"b.pdf\"}]}", "r/名单.txt/b.pdf" },
		{ plain, "{\"files\":[],\"outcome.reason\":\"r\"}", "r" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct letter_values *vals = letter_values_new();
		struct ogi_error err = { 0 };
		char *got;

		if (delivery_letter_values_apply(cases[i].json, vals, &err) != 0)
			fail_msg("case %zu: %s", i, err.msg);
		got = letter_fixture_expand(cases[i].tpl, vals);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: \"%s\", not \"%s\"", i, got, cases[i].want);
		g_free(got);
		letter_values_free(vals);
	}
}

static void
test_refused(void **state)
{
	static const char *const cases[] = {
		"",
		"[]",
		"{",
		"{\"outcome.reason\":\"r\"} x",
		"{\"outcome.reason\":1}",
		"{\"outcome.reason\":\"r\",}",
		"{\"outcome.reason\" \"r\"}",
		"{\"no.such.name\":\"r\"}",             /* outside the vocabulary */
		"{\"outcome.reason\":\"a\\u0000b\"}",   /* a NUL */
		"{\"outcome.reason\":\"\\ud83d\"}",     /* half a pair */
		"{\"outcome.reason\":\"\\x41\"}",
		"{\"outcome.reason\":\"\xff\"}",        /* not UTF-8 */
		"{\"outcome.reason\":\"a\nb\"}",        /* a raw control */
		"{\"files\":[{\"title\":[\"x\"]}]}",    /* lists nest once */
		"{\"files\":[\"x\"]}",
		"{\"files\":[{\"title\":\"x\"} {\"title\":\"y\"}]}",
		"{\"files\":[{\"title\":\"x\"},]}",
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct letter_values *vals = letter_values_new();
		struct ogi_error err = { 0 };

		if (delivery_letter_values_apply(cases[i], vals, &err) != -1)
			fail_msg("case %zu accepted: %s", i, cases[i]);
		assert_true(err.msg[0] != '\0');
		letter_values_free(vals);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
