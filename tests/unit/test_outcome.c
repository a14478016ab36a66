/* Outcomes: every code has its report row, a letter whose template exists,
 * and a legal basis in templates/legal.txt; the letter renders with it and
 * says it; the options each outcome needs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "letter/legal.h"
#include "letter/template.h"
#include "workflow/outcome.h"
#include "letter-fixture.h"

/* The codes the annual report and `reply` agree on (issue 9's team map),
 * in the report's order: a renamed or dropped code fails here. */
static const char *const codes[] = {
	"published", "provided", "partial",
	"refused.state_secret", "refused.other_law", "refused.security",
	"refused.third_party", "refused.internal", "refused.process",
	"refused.enforcement", "refused.query",
	"unavailable.not_held", "unavailable.new_info", "unavailable.unclear",
	"not_processed.petition", "not_processed.repeat",
	"not_processed.publication", "not_processed.abusive",
	"not_processed.confirmation",
	"other.no_correction", "other.no_fee", "other.other",
};

static void
test_codes(void **state)
{
	const struct outcome_info *all;
	size_t n;
	int last_family = 0, last_item = 0;

	(void)state;
	all = outcome_all(&n);
	assert_int_equal(n, G_N_ELEMENTS(codes));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(all[i].code, codes[i]);
		assert_ptr_equal(outcome_find(codes[i]), &all[i]);
		assert_string_equal(outcome_report_row(codes[i]), all[i].row);
		assert_non_null(outcome_family_row(all[i].family));
		/* Report order: families ascending, numbered lines 1, 2, ...
		 * within each (（一） holds two codes on one line). */
		if ((int)all[i].family != last_family) {
			assert_true((int)all[i].family == last_family + 1);
			assert_true(all[i].item == 0 || all[i].item == 1);
			last_family = (int)all[i].family;
		} else {
			assert_true(all[i].item == last_item + 1 ||
				    (all[i].item == 0 && last_item == 0));
		}
		last_item = all[i].item;
		assert_int_equal(all[i].required & ~all[i].allowed, 0);
	}
	assert_null(outcome_find("refused"));
	assert_null(outcome_find("Published"));
	assert_null(outcome_report_row("refused.privacy"));
	assert_string_equal(outcome_report_row("refused.third_party"),
			    "4.保护第三方合法权益");
	assert_string_equal(outcome_family_row(OUTCOME_REFUSED), "（三）不予公开");
	assert_null(outcome_family_row(0));
	/* Only disclosure refused, wholly or in part, goes to review first. */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(outcome_review_first(&all[i]),
				 strcmp(codes[i], "partial") == 0 ||
				 strncmp(codes[i], "refused.", 8) == 0);
	assert_ptr_equal(outcome_refusal_ground("third_party"),
			 outcome_find("refused.third_party"));
	assert_null(outcome_refusal_ground("other"));
	assert_null(outcome_refusal_ground("refused.third_party"));
}

static bool
doc_says(const struct letter_doc *doc, const char *needle)
{
	for (size_t i = 0; i < doc->n_blocks; i++)
		if (doc->blocks[i].text != NULL &&
		    strstr(doc->blocks[i].text, needle) != NULL)
			return true;
	return false;
}

static bool
template_uses(const struct letter_template *tpl, const char *name)
{
	const char *const *names;
	size_t n = letter_template_placeholders(tpl, &names);

	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Each code: a group in legal.txt, a letter kind with its template, a
 * basis (a refusal: ground and articles), the remedy its family needs; the
 * letter expands with the kind's sample values and the outcome's, and
 * quotes the basis. */
static void
test_data(void **state)
{
	const struct outcome_info *all;
	size_t n;

	(void)state;
	all = outcome_all(&n);
	for (size_t i = 0; i < n; i++) {
		const struct letter_outcome *lo =
			letter_legal_outcome(letter_fixture_legal, all[i].code);
		struct letter_template *tpl;
		struct letter_values *vals;
		struct letter_doc *doc;
		struct ogi_error err;
		char *path;

		if (lo == NULL)
			fail_msg("%s: no [outcome.%s] in legal.txt", all[i].code,
				 all[i].code);
		if (!letter_kind_known(lo->letter))
			fail_msg("%s: letter %s is no letter kind", all[i].code,
				 lo->letter);
		path = g_strdup_printf(OGI_SRCDIR "/templates/%s.tpl", lo->letter);
		if (letter_template_load(path, &tpl, &err) != 0)
			fail_msg("%s: %s", all[i].code, err.msg);
		g_free(path);
		assert_int_equal(lo->refusal, all[i].family == OUTCOME_REFUSED);
		if (lo->refusal) {
			assert_non_null(lo->exemption.ground);
			assert_non_null(lo->exemption.regulation);
			assert_non_null(lo->exemption.bureau_item);
		} else {
			assert_non_null(lo->basis);
		}
		assert_int_equal(template_uses(tpl, "office.remedy_refusal"),
				 outcome_review_first(&all[i]));
		assert_int_equal(template_uses(tpl, "office.remedy"),
				 !outcome_review_first(&all[i]));

		if (letter_sample_values(lo->letter, letter_fixture_legal, &vals, &err) != 0 ||
		    letter_values_set_outcome(vals, letter_fixture_legal, all[i].code, &err) != 0 ||
		    letter_template_expand(tpl, vals, &doc, &err) != 0)
			fail_msg("%s: %s", all[i].code, err.msg);
		if (!doc_says(doc, lo->refusal ? lo->exemption.regulation
					       : lo->basis))
			fail_msg("%s: the letter does not cite its basis",
				 all[i].code);
		if (lo->refusal && !doc_says(doc, lo->exemption.ground))
			fail_msg("%s: the letter does not give its ground",
				 all[i].code);
		if (lo->decision != NULL && !doc_says(doc, lo->decision))
			fail_msg("%s: the letter does not say the decision",
				 all[i].code);
		letter_doc_free(doc);
		letter_values_free(vals);
		letter_template_free(tpl);
	}
	/* Nothing in the file that is no code. */
	for (size_t i = 0; i < letter_fixture_legal->n_outcomes; i++)
		if (outcome_find(letter_fixture_legal->outcomes[i].code) == NULL)
			fail_msg("legal.txt: [outcome.%s] is no outcome code",
				 letter_fixture_legal->outcomes[i].code);
}

/* A withheld part takes a refusal's ground; nothing else is one. */
static void
test_withheld(void **state)
{
	struct letter_values *vals = letter_values_new();
	struct letter_values *item;
	struct ogi_error err;

	(void)state;
	assert_int_equal(letter_values_append(vals, "withheld", &item, &err), 0);
	assert_int_equal(letter_values_set_withheld(item, letter_fixture_legal,
						    "refused.third_party", &err), 0);
	assert_string_equal(letter_values_get(item, "regulation"), "第十五条");
	assert_non_null(letter_values_get(item, "consent"));
	assert_int_equal(letter_values_set_withheld(item, letter_fixture_legal, "provided", &err),
			 -1);
	assert_non_null(strstr(err.msg, "[outcome.provided]"));
	assert_int_equal(letter_values_set_withheld(item, letter_fixture_legal, "refused.x", &err),
			 -1);
	assert_int_equal(letter_values_set_outcome(vals, letter_fixture_legal, "nothing", &err), -1);
	assert_string_equal(err.msg, "legal.txt: [outcome.nothing]: missing");
	letter_values_free(vals);
}

/* An [outcome.CODE] group with one thing wrong is refused by name. */
static void
test_legal_errors(void **state)
{
	static const struct {
		const char *from, *to;
		const char *says;
	} cases[] = {
		{ "[outcome.published]\nletter = reply-published\n",
		  "[outcome.published]\n",
		  "t/legal.txt: [outcome.published] letter: missing" },
		{ "letter = reply-provided\nbasis = ", "letter = reply-provided\nbase = ",
		  "t/legal.txt: [outcome.provided] base: unknown key" },
		{ "letter = reply-provided\nbasis = ", "letter = reply-provided\n#",
		  "t/legal.txt: [outcome.provided] basis: missing" },
		{ "regulation = 第十五条\nconsent = true\n\n[outcome",
		  "consent = true\n\n[outcome",
		  "t/legal.txt: [outcome.refused.third_party] regulation: missing" },
		{ "[outcome.other.other]", "[outcome.]",
		  "t/legal.txt: [outcome.]: unknown section" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		letter_fixture_legal_refused(cases[i].from, cases[i].to,
					     cases[i].says, false);
}

#define R OUTCOME_OPT_REASON
#define W OUTCOME_OPT_WHERE
#define HN OUTCOME_OPT_HOLDER
#define HC OUTCOME_OPT_HOLDER_CONTACT
#define WH OUTCOME_OPT_WITHHELD
#define A OUTCOME_OPT_ATTACH

static void
test_options(void **state)
{
	static const struct {
		const char *code;
		unsigned given;
		size_t n_withheld, n_reasons;
		const char *says;     /* NULL: accepted */
	} cases[] = {
		{ "published", W, 0, 0, NULL },
		{ "published", 0, 0, 0, "--outcome published needs --where" },
		{ "published", W | R, 0, 1,
		  "--reason does not apply to --outcome published" },
		{ "provided", A, 0, 0, NULL },
		{ "provided", 0, 0, 0, "--outcome provided needs --attach" },
		{ "provided", A | HN, 0, 0,
		  "--holder does not apply to --outcome provided" },
		{ "partial", WH | R | A, 2, 2, NULL },
		{ "partial", R | A, 0, 1, "--outcome partial needs --withheld" },
		{ "partial", WH | R | A, 2, 1,
		  "--outcome partial needs one --reason for each --withheld part, "
		  "in the same order (2 parts, 1 reasons)" },
		{ "refused.third_party", R, 0, 1, NULL },
		{ "refused.state_secret", 0, 0, 0,
		  "--outcome refused.state_secret needs --reason" },
		{ "refused.process", R, 0, 2,
		  "--outcome refused.process takes one --reason" },
		{ "refused.query", R | WH, 1, 1,
		  "--withheld does not apply to --outcome refused.query" },
		{ "refused.internal", R | A, 0, 1,
		  "--attach does not apply to --outcome refused.internal" },
		{ "unavailable.not_held", 0, 0, 0, NULL },
		{ "unavailable.not_held", R | HN | HC, 0, 1, NULL },
		{ "unavailable.not_held", HN, 0, 0, NULL },
		{ "unavailable.not_held", HC, 0, 0, "--holder-contact needs --holder" },
		{ "unavailable.new_info", R, 0, 1, NULL },
		{ "unavailable.unclear", W, 0, 0,
		  "--where does not apply to --outcome unavailable.unclear" },
		{ "not_processed.petition", 0, 0, 0,
		  "--outcome not_processed.petition needs --reason" },
		{ "not_processed.repeat", R, 0, 1, NULL },
		{ "not_processed.publication", W, 0, 0, NULL },
		{ "not_processed.publication", R, 0, 1,
		  "--outcome not_processed.publication needs --where" },
		{ "not_processed.abusive", R, 0, 1, NULL },
		{ "not_processed.confirmation", 0, 0, 0, NULL },
		{ "other.no_correction", 0, 0, 0, NULL },
		{ "other.no_fee", R, 0, 1, NULL },
		{ "other.other", 0, 0, 0, "--outcome other.other needs --reason" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct outcome_info *o = outcome_find(cases[i].code);
		struct ogi_error err = { 0 };
		int rc;

		assert_non_null(o);
		rc = outcome_check_options(o, cases[i].given, cases[i].n_withheld,
					   cases[i].n_reasons, &err);
		if (cases[i].says == NULL && rc != 0)
			fail_msg("case %zu (%s): refused: %s", i, cases[i].code,
				 err.msg);
		if (cases[i].says != NULL &&
		    (rc != -1 || strcmp(err.msg, cases[i].says) != 0))
			fail_msg("case %zu (%s): \"%s\", not \"%s\"", i,
				 cases[i].code, rc == 0 ? "accepted" : err.msg,
				 cases[i].says);
	}
	assert_string_equal(outcome_option_name(HC), "--holder-contact");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_data),
		cmocka_unit_test(test_withheld),
		cmocka_unit_test(test_legal_errors),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests(tests, letter_fixture_setup,
				      letter_fixture_teardown);
}
