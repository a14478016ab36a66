/* ogictl's letter values: the office from the configuration with the legal
 * texts of templates/legal.txt, and a registered case. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "delivery/case-values.h"
#include "letter-fixture.h"

static struct letter_legal *legal;
static struct config *cfg;

static int
setup(void **state)
{
	struct ogi_error err;
	char *problems = NULL;

	(void)state;
	if (config_load(NULL, "/nonexistent", &cfg, &problems, &err) == 0 &&
	    letter_legal_load(OGI_SRCDIR "/templates/" LETTER_LEGAL_FILE, &legal,
			      &err) == 0)
		return 0;
	print_error("%s\n", err.msg);
	g_free(problems);
	return -1;
}

static int
teardown(void **state)
{
	(void)state;
	letter_legal_free(legal);
	config_free(cfg);
	return 0;
}

static void
set_str(char **field, const char *value)
{
	g_free(*field);
	*field = g_strdup(value);
}

/* The office's own wording wins; unset or empty, the law's from legal.txt. */
static void
test_office_remedy(void **state)
{
	static const struct {
		const char *remedy, *refusal;
		const char *want, *want_refusal;
	} cases[] = {
		{ NULL, NULL,
		  "如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请"
		  "行政复议，或者在6个月内向科尔沁区人民法院提起行政诉讼。",
		  "如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请"
		  "行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。" },
		{ "", "",
		  "如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请"
		  "行政复议，或者在6个月内向科尔沁区人民法院提起行政诉讼。",
		  "如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请"
		  "行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。" },
		{ "向{review_body}复议或者向{court}起诉。", "向{review_body}复议。",
		  "向通辽市人民政府复议或者向科尔沁区人民法院起诉。",
		  "向通辽市人民政府复议。" },
	};
	struct ogi_error err;

	(void)state;
	set_str(&cfg->office.review_body, "通辽市人民政府");
	set_str(&cfg->office.court, "科尔沁区人民法院");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct letter_values *vals = letter_values_new();

		set_str(&cfg->office.remedy, cases[i].remedy);
		set_str(&cfg->office.remedy_refusal, cases[i].refusal);
		if (delivery_office_values(cfg, legal, vals, &err) != 0)
			fail_msg("case %zu: %s", i, err.msg);
		assert_string_equal(letter_values_get(vals, "office.remedy"),
				    cases[i].want);
		assert_string_equal(letter_values_get(vals, "office.remedy_refusal"),
				    cases[i].want_refusal);
		assert_string_equal(letter_values_get(vals, "period.reply"),
				    "十五个工作日");
		letter_values_free(vals);
	}
	set_str(&cfg->office.remedy, "{reviewbody}");
	{
		struct letter_values *vals = letter_values_new();

		assert_int_equal(delivery_office_values(cfg, legal, vals, &err), -1);
		letter_values_free(vals);
	}
	set_str(&cfg->office.remedy, NULL);
}

static void
test_case(void **state)
{
	static const struct {
		const char *docnum_format, *docnum;
		const char *want;
	} cases[] = {
		/* No number taken yet: a draft in legal.txt's pattern. */
		{ NULL, NULL, "通人社依申〔2026〕×号" },
		{ "{short}函〔{year}〕{seq}号", NULL, "通人社函〔2026〕×号" },
		{ NULL, "通人社依申〔2026〕7号", "通人社依申〔2026〕7号" },
	};
	struct registry_case c = {
		.id = "2026-000017", .state = "incomplete", .channel = "email",
		/* 2026-11-20 00:30 in Shanghai, still the 19th in UTC. */
		.received_at = 1795105800, .deadline = "2026-12-11",
		.rec = {
			.kind = EXTRACT_KIND_APPLICATION,
			.name = "王建国", .address = "通辽市和平路58号",
			.request = "失业保险基金收支情况",
			.delivery = EXTRACT_DELIVERY_POST,
			.medium = EXTRACT_MEDIUM_PAPER,
			.missing = EXTRACT_ELEM_SIGNATURE,
			.invalid = EXTRACT_INVALID_PHONE,
		},
	};
	/* The same in every case; want NULL: unset. */
	static const struct {
		const char *key, *want;
	} values[] = {
		{ "applicant.name", "王建国" },
		{ "applicant.address", "通辽市和平路58号" },
		{ "applicant.phone", NULL },
		{ "case.id", "2026-000017" },
		{ "case.request", "失业保险基金收支情况" },
		{ "case.channel", "电子邮件" },
		{ "case.delivery", "邮寄" },
		{ "case.medium", "纸面" },
		{ "dates.received", "2026年11月20日" },
		{ "dates.deadline", "2026年12月11日" },
		{ "dates.letter", "2026年11月24日" },
	};
	struct ogi_error err;

	(void)state;
	set_str(&cfg->office.short_name, "通人社");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct letter_values *vals;
		char *got;

		set_str(&cfg->office.docnum_format, cases[i].docnum_format);
		if (delivery_case_values(&c, cfg, legal, "2026-11-24", cases[i].docnum,
				    &vals, &err) != 0)
			fail_msg("case %zu: %s", i, err.msg);
		assert_string_equal(letter_values_get(vals, "case.docnum"),
				    cases[i].want);
		for (size_t k = 0; k < G_N_ELEMENTS(values); k++) {
			const char *v = letter_values_get(vals, values[k].key);

			if (g_strcmp0(v, values[k].want) != 0)
				fail_msg("case %zu: %s = \"%s\", not \"%s\"", i,
					 values[k].key, v, values[k].want);
		}
		/* Missing elements first, then invalid fields. */
		got = letter_fixture_expand("{{#each missing}}\n@item {{label}}：{{what}}\n{{/each}}\n",
			     vals);
		assert_string_equal(got, "申请人签名或者盖章：请在申请书上签名或者盖章后，"
				    "以扫描件、传真或者信函方式提交。/联系电话："
				    "所填电话号码无法识别，请核对。");
		g_free(got);
		letter_values_free(vals);
	}
	set_str(&cfg->office.docnum_format, NULL);
	{
		struct letter_values *vals;

		assert_int_equal(delivery_case_values(&c, cfg, legal, "2026-02-30", NULL,
						 &vals, &err), -1);
		assert_null(vals);
	}
}

/* Every automatic letter expands for an application without a request
 * (the request is what such a correction notice asks for). */
static void
test_no_request(void **state)
{
	static const char *const kinds[] = { "correction" };
	struct registry_case c = {
		.id = "2026-000018", .state = "incomplete", .channel = "email",
		.received_at = 1795105800,
		.rec = {
			.kind = EXTRACT_KIND_APPLICATION, .name = "王建国",
			.missing = EXTRACT_ELEM_REQUEST,
		},
	};
	struct ogi_error err;

	(void)state;
	set_str(&cfg->office.phone, "0475-8888888");
	set_str(&cfg->office.address, "通辽市民主路1号");
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		char *path = g_strdup_printf(OGI_SRCDIR "/templates/%s.tpl", kinds[i]);
		struct letter_template *tpl;
		struct letter_values *vals;
		struct letter_doc *doc;

		if (letter_template_load(path, &tpl, &err) != 0 ||
		    delivery_case_values(&c, cfg, legal, "2026-11-24", NULL, &vals,
					 &err) != 0)
			fail_msg("%s: %s", kinds[i], err.msg);
		if (letter_template_expand(tpl, vals, &doc, &err) != 0)
			fail_msg("%s: %s", kinds[i], err.msg);
		for (size_t k = 0; k < doc->n_blocks; k++)
			assert_null(strstr(doc->blocks[k].text, "“”"));
		letter_doc_free(doc);
		letter_values_free(vals);
		letter_template_free(tpl);
		g_free(path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_office_remedy),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_no_request),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
