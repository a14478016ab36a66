/* lines.c: which lines of a letter's page are read again, how the
 * readings of a line are compared, and what their agreement does to the
 * line's words.  The readings are those measured on the full fax set
 * (tests/fax), written out: the rules are pure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/ocr-private.h"

#define MAX_WORDS 4

/* A page of lines; a word's line, cell and confidence. */
struct word_spec {
	const char *text;
	unsigned line;
	int cell;
	int conf;
};

static struct ocr_page
make_page(const struct word_spec *ws, size_t n, struct ocr_word *w)
{
	struct ocr_page page = { .width = 1000, .height = 1000, .words = w, .n_words = n };

	for (size_t i = 0; i < n; i++)
		w[i] = (struct ocr_word){ .text = (char *)ws[i].text, .line = ws[i].line,
		                          .cell = ws[i].cell, .conf = ws[i].conf,
		                          .x0 = 10, .y0 = 30 * (int)ws[i].line,
		                          .x1 = 300, .y1 = 30 * (int)ws[i].line + 25 };
	return page;
}

static const struct need_case {
	const char *what;
	struct word_spec w[MAX_WORDS];
	size_t n;
	unsigned line;
	bool want;
} need_cases[] = {
	{ "an address line with a word at 10: read again",
	  { { "\u5730\u5740:", 0, -1, 91 }, { "\u5185\u8499\u53e4", 0, -1, 10 } }, 2, 0, true },
	{ "a word at 79, just under the front's floor: read again",
	  { { "\u5730\u5740:", 0, -1, 79 } }, 1, 0, true },
	{ "every word at 80 or more: as it is",
	  { { "\u6b64\u81f4", 0, -1, 80 }, { "\u656c\u793c", 1, -1, 5 } }, 2, 0, false },
	{ "a low word in a form's frame: form.c's, not read again",
	  { { "\u5434\u6625\u6885", 0, 2, 12 } }, 1, 0, false },
	{ "a line with no word: nothing to read",
	  { { "\u6b64\u81f4", 0, -1, 3 } }, 1, 1, false },
};

static void
test_needs_reading(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof need_cases / sizeof need_cases[0]; i++) {
		const struct need_case *c = &need_cases[i];
		struct ocr_word w[MAX_WORDS];
		struct ocr_page page = make_page(c->w, c->n, w);

		print_message("%s\n", c->what);
		assert_int_equal(ocr_lines_needs_reading(&page, c->line), c->want);
	}
}

static const struct fold_case {
	const char *in, *want;
} fold_cases[] = {
	/* The second model's comma after a label, the page model's colon. */
	{ "\u5730\u5740\uff0c\u5185\u8499\u53e4", "\u5730\u5740:\u5185\u8499\u53e4" },
	{ "\u7528\u9014:\u6838\u5bf9", "\u7528\u9014:\u6838\u5bf9" },
	{ "\u7533\u8bf7\u5185\u5bb9;\uff0c2025\u5e74", "\u7533\u8bf7\u5185\u5bb9::2025\u5e74" },
	{ "\u65e5\u671f\uff1a2026, \uff1b", "\u65e5\u671f:2026: :" },
	/* A value's own marks stay: 、 and the dash of a number. */
	{ "\u6761\u4ef6\u3001\u5ba1\u6279", "\u6761\u4ef6\u3001\u5ba1\u6279" },
	{ "0475-4216027", "0475-4216027" },
	{ "", "" },
};

static void
test_fold(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fold_cases / sizeof fold_cases[0]; i++) {
		char *s = strdup(fold_cases[i].in);

		assert_non_null(s);
		ocr_lines_fold(s);
		assert_string_equal(s, fold_cases[i].want);
		free(s);
	}
}

/* Line 1 of a page of three lines, read again; the confidences its
 * words and line 0's should have after. */
static const struct settle_case {
	const char *what;
	struct ocr_form_reading rd[4];
	size_t n;
	int want[3];   /* line 0's word, line 1's two words */
} settle_cases[] = {
	{ "an address line read alike three times (10, 43, 0): vouched",
	  { { "\u5c0f\u533a7\u53f7\u697c", 10 }, { "\u5c0f\u533a7\u53f7\u697c", 43 },
	    { "\u5c0f\u533a7\u53f7\u697c", 0 } }, 3, { 40, OCR_VOUCHED_CONF, 90 } },
	{ "the second model agrees only smoothed: vouched",
	  { { "\u7533\u8bf7\u5185\u5bb9", 48 }, { "\u7533\u8bf7\u5185\u5bb9", 0 },
	    { "\u66ff\u6797", 0 }, { "\u7533\u8bf7\u5185\u5bb9", 0 } }, 4,
	  { 40, OCR_VOUCHED_CONF, 90 } },
	{ "the smoothed reading differs (301\u5b87 / 301\u5ba4): as it was",
	  { { "301\u5b87", 15 }, { "301\u5ba4", 4 } }, 2, { 40, 15, 90 } },
	{ "the second model differs both ways: as it was",
	  { { "\u5927\u6c81", 0 }, { "\u5927\u6c81", 13 }, { "\u5927\u5c0f", 21 },
	    { "\u5927\u6c81\u5927", 0 } }, 4, { 40, 15, 90 } },
	{ "all agree, none of them sure of a word (5, 0, 19): as it was",
	  { { "\u6b64\u654f", 5 }, { "\u6b64\u654f", 0 }, { "\u6b64\u654f", 19 } }, 3,
	  { 40, 15, 90 } },
};

static void
test_settle(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof settle_cases / sizeof settle_cases[0]; i++) {
		const struct settle_case *c = &settle_cases[i];
		static const struct word_spec ws[] = {
			{ "\u6b64\u81f4", 0, -1, 40 },
			{ "\u5730\u5740:", 1, -1, 15 },
			{ "\u5185\u8499\u53e4", 1, -1, 90 },
		};
		struct ocr_word w[MAX_WORDS];
		struct ocr_page page = make_page(ws, 3, w);

		print_message("%s\n", c->what);
		ocr_lines_settle(&page, 1, c->rd, c->n);
		for (size_t k = 0; k < 3; k++)
			assert_int_equal(page.words[k].conf, c->want[k]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needs_reading),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_settle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
