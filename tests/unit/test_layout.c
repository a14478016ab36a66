/* The layout pass (layout.c) splitting a line of padded fields, with a
 * lexicon of two labels made for the test: a field that repeats, a few
 * times or more times than any form has, comes out one field a line,
 * each marked as split off. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

/* Fields on one line in the hostile case: twice those of the message in
 * tests/run-hostile.sh, which overflowed the parser worker's stack when
 * the split went one recursion deep per field. */
#define HOSTILE_FIELDS 100000

struct split_case {
	const char *fields;  /* as written, padding after each */
	size_t times;        /* repeated on one line */
	const char *want[2]; /* the output lines, in turn (one or two) */
	unsigned changes;    /* each output line's enum extract_layout_change */
};

static enum extract_layout_value
test_label(const char *p, const char *end, size_t *len_r)
{
	static const struct {
		const char *word;
		enum extract_layout_value kind;
	} labels[] = {
		{ "姓名", EXTRACT_LAYOUT_TEXT },
		{ "电话", EXTRACT_LAYOUT_NUMBER },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
		size_t n = strlen(labels[i].word);

		if ((size_t)(end - p) >= n && memcmp(p, labels[i].word, n) == 0) {
			*len_r = n;
			return labels[i].kind;
		}
	}
	return EXTRACT_LAYOUT_NONE;
}

static const struct extract_layout_lexicon test_lexicon = { test_label };

static void
test_split(void **state)
{
	static const struct split_case cases[] = {
		{ "姓名:张三", 1, { "姓名:张三" }, 0 },
		{ "姓名:张三  ", 2, { "姓名:张三  " }, EXTRACT_LAYOUT_SPLIT },
		{ "姓名:张  电话:13904751234    ", 200,
		  { "姓名:张  ", "电话:13904751234    " }, EXTRACT_LAYOUT_SPLIT },
		{ "姓名    张  ", 200, { "姓名:张  " },
		  EXTRACT_LAYOUT_SPLIT | EXTRACT_LAYOUT_COLUMN },
		{ "姓名:张  ", HOSTILE_FIELDS, { "姓名:张  " }, EXTRACT_LAYOUT_SPLIT },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct split_case *c = &cases[i];
		size_t per = c->want[1] != NULL ? 2 : 1;
		GString *line = g_string_new(NULL);
		GArray *layout = g_array_new(FALSE, FALSE,
					     sizeof(struct extract_layout_line));
		char *out, **lines;

		for (size_t k = 0; k < c->times; k++)
			g_string_append(line, c->fields);
		out = extract_layout_normalise(line->str, &test_lexicon, layout);
		lines = g_strsplit(out, "\n", -1);
		assert_int_equal(g_strv_length(lines), c->times * per);
		assert_int_equal(layout->len, c->times * per);
		for (guint k = 0; k < layout->len; k++) {
			assert_string_equal(lines[k], c->want[k % per]);
			assert_int_equal(g_array_index(layout, struct extract_layout_line,
						       k).changes, c->changes);
		}
		g_strfreev(lines);
		g_free(out);
		g_array_free(layout, TRUE);
		g_string_free(line, TRUE);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
