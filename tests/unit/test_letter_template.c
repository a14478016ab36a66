/* Letter templates: the language, the values, the helpers and every
 * template in templates/ expanded with its sample values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "letter/legal.h"
#include "letter/template.h"
#include "letter-fixture.h"

/* ---- helpers ---------------------------------------------------------- */

static const char *
kind_name(enum letter_block_kind k)
{
	static const char *const names[] = {
		"title", "docnum", "to", "p", "heading", "item", "sign", "date",
		"attachments", "field", "choice", "pagebreak",
	};
	return names[k];
}

/* One line per block: "p:text", "attachments:[a|b]", "field:label/3". */
static char *
dump(const struct letter_doc *doc)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const struct letter_block *b = &doc->blocks[i];

		if (i > 0)
			fputc('\n', f);
		fprintf(f, "%s:%s", kind_name(b->kind), b->text ? b->text : "");
		if (b->kind == LETTER_BLOCK_FORM_FIELD)
			fprintf(f, "/%d", b->box_lines);
		if (b->n_items > 0) {
			fputc('[', f);
			for (size_t j = 0; j < b->n_items; j++)
				fprintf(f, "%s%s", j ? "|" : "", b->items[j]);
			fputc(']', f);
		}
	}
	fclose(f);
	return s;
}

/* Values from (name, value) pairs; "+list" appends an item, names without
 * a dot go to the current item. */
static struct letter_values *
make_values(const char *const *pairs)
{
	struct letter_values *vals = letter_values_new();
	struct letter_values *item = NULL;
	struct ogi_error err = { 0 };

	for (; pairs != NULL && *pairs != NULL; pairs += 2) {
		int rc;

		if (pairs[0][0] == '+')
			rc = letter_values_append(vals, pairs[0] + 1, &item,
						  &err);
		else
			rc = letter_values_set(strchr(pairs[0], '.') ? vals
								     : item,
					       pairs[0], pairs[1], &err);
		if (rc < 0)
			fail_msg("%s: %s", pairs[0], err.msg);
	}
	return vals;
}

/* Expands text with the values; returns the dump, or "ERROR: msg". */
static char *
expand_text(const char *text, const char *const *pairs)
{
	struct letter_template *tpl = NULL;
	struct letter_values *vals = make_values(pairs);
	struct letter_doc *doc = NULL;
	struct ogi_error err = { 0 };
	char *out;

	if (letter_template_parse("t.tpl", text, &tpl, &err) < 0 ||
	    letter_template_expand(tpl, vals, &doc, &err) < 0) {
		out = malloc(sizeof(err.msg) + 8);
		snprintf(out, sizeof(err.msg) + 8, "ERROR: %s", err.msg);
	} else {
		out = dump(doc);
	}
	letter_doc_free(doc);
	letter_template_free(tpl);
	letter_values_free(vals);
	return out;
}

/* ---- the language: expansion --------------------------------------------- */

static const char *const v_none[] = { NULL };
static const char *const v_fax[] = { "office.fax", "0475-1", NULL };
static const char *const v_holder[] = { "holder.name", "市财政局", NULL };
static const char *const v_missing[] = {
	"+missing", "", "label", "签名", "what", "请签名",
	"+missing", "", "label", "身份证明", "what", "请附身份证复印件",
	NULL,
};
static const char *const v_files[] = {
	"+files", "", "title", "甲", "+files", "", "title", "乙",
	"+files", "", "title", "丙", NULL,
};
static const char *const v_attach[] = {
	"+attachments", "", "name", "稳岗返还资金发放企业名单.pdf",
	"+attachments", "", "name", "政府信息公开申请表",
	"+attachments", "", "name", "收支情况表.xlsx", NULL,
};
static const char *const v_hostile[] = {
	"applicant.name", "{{office.name}}\n\n@title 假标题", NULL,
};
static const char *const v_name[] = {
	"office.name", "本局", "applicant.name", "王建国", NULL,
};

static const struct {
	const char *what;
	const char *text;
	const char *const *values;
	const char *expected;
} expansions[] = {
	{ "inline #if true", "甲{{#if office.fax}}传真{{office.fax}}{{/if}}乙",
	  v_fax, "p:甲传真0475-1乙" },
	{ "inline #if false drops its text, no error for the empty value",
	  "甲{{#if office.fax}}传真{{office.fax}}{{/if}}乙", v_none, "p:甲乙" },
	{ "#unless", "{{#unless office.fax}}无传真{{/unless}}号", v_none,
	  "p:无传真号" },
	{ "#unless when set", "{{#unless office.fax}}无传真{{/unless}}号", v_fax,
	  "p:号" },
	{ "else branch", "{{#if office.fax}}有{{else}}无{{/if}}", v_none,
	  "p:无" },
	{ "#if inside a paragraph on lines of its own",
	  "甲\n{{#if office.fax}}\n有传真\n{{else}}\n无传真\n{{/if}}\n乙", v_fax,
	  "p:甲有传真乙" },
	{ "block-level #if false removes whole paragraphs",
	  "{{#if holder.name}}\n@p A\n\n@p B\n{{/if}}\n\n@p C", v_none, "p:C" },
	{ "block-level #if true keeps them",
	  "{{#if holder.name}}\n@p A{{holder.name}}\n\nB\n{{/if}}\n\n@p C",
	  v_holder, "p:A市财政局\np:B\np:C" },
	{ "block-level #each with @index1 and fields",
	  "{{#each missing}}\n@item {{@index1}}. {{label}}：{{what}}\n{{/each}}",
	  v_missing, "item:1. 签名：请签名\nitem:2. 身份证明：请附身份证复印件" },
	{ "inline #each with @last",
	  "{{#each files}}{{title}}{{#unless @last}}、{{/unless}}{{/each}}",
	  v_files, "p:甲、乙、丙" },
	{ "@first and @index_cn",
	  "{{#each files}}{{#if @first}}首{{/if}}{{@index_cn}}{{title}}{{/each}}",
	  v_files, "p:首一甲二乙三丙" },
	{ "#if on a list", "{{#if missing}}有{{else}}无{{/if}}", v_missing,
	  "p:有" },
	{ "#if on an empty list", "{{#if missing}}有{{else}}无{{/if}}", v_none,
	  "p:无" },
	{ "attachments: one item per line, #each gives one per list item",
	  "@attachments 首\n{{#each files}}{{title}}{{/each}}\n{{#if office.fax}}"
	  "无{{/if}}\n末",
	  v_files, "attachments:附件[首|甲|乙|丙|末]" },
	{ "attachments given: after the template's own, the same name once",
	  "@attachments\n政府信息公开申请表\n{{#each attachments}}{{name}}{{/each}}",
	  v_attach, "attachments:附件[政府信息公开申请表|稳岗返还资金发放企业名单.pdf|"
	  "收支情况表.xlsx]" },
	{ "no attachments given: the template's own alone",
	  "@attachments\n政府信息公开申请表\n{{#each attachments}}{{name}}{{/each}}",
	  v_none, "attachments:附件[政府信息公开申请表]" },
	{ "no attachments at all: no 附件 note",
	  "特此告知。\n\n@attachments\n{{#each attachments}}{{name}}{{/each}}\n\n"
	  "@sign 本局", v_none, "p:特此告知。\nsign:本局" },
	{ "other lists stay strict under @attachments",
	  "@attachments\n{{#each files}}{{title}}{{/each}}", v_none,
	  "ERROR: t.tpl:2: the list {{#each files}} is empty" },
	{ "lines joined; ASCII words get a space",
	  "甲\n乙\nabc\ndef\n丙", v_none, "p:甲乙abc def丙" },
	{ "addressee gets its full-width colon", "@to 王建国", v_none,
	  "to:王建国：" },
	{ "ASCII colon of the addressee replaced", "@to 王建国:", v_none,
	  "to:王建国：" },
	{ "choice: options split before values are filled in",
	  "@choice 方式 | 邮寄 | {{office.fax}}", v_fax,
	  "choice:方式[邮寄|0475-1]" },
	{ "field with box height and default height",
	  "@field 内容描述 4\n@field 姓名", v_none,
	  "field:内容描述/4\nfield:姓名/1" },
	{ "directives, comments, ideographic indent, CRLF",
	  "# 注释\r\n@title 标题\r\n@docnum 号\r\n\r\n\xe3\x80\x80\xe3\x80\x80甲\r\n"
	  "@pagebreak\r\n@sign 本局\r\n@date 2026年11月20日\r\n",
	  v_none,
	  "title:标题\ndocnum:号\np:甲\npagebreak:\nsign:本局\n"
	  "date:2026年11月20日" },
	{ "a blank line separates paragraphs", "甲\n\n乙\n\n\n丙", v_none,
	  "p:甲\np:乙\np:丙" },
	{ "values are never read as template text",
	  "@to {{applicant.name}}\n\n正文", v_hostile,
	  "to:{{office.name}} @title 假标题：\np:正文" },
	{ "heading, item, plain placeholders",
	  "@heading 一、{{office.name}}\n@item {{applicant.name}}", v_name,
	  "heading:一、本局\nitem:王建国" },
};

static void
test_expansion(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(expansions); i++) {
		char *got = expand_text(expansions[i].text, expansions[i].values);

		if (strcmp(got, expansions[i].expected) != 0)
			fail_msg("%s:\n got: %s\nwant: %s", expansions[i].what,
				 got, expansions[i].expected);
		free(got);
	}
}

/* Clerks save templates with LF, CRLF or (old Mac editors) lone CR line
 * ends, sometimes mixed in one file; a CR at the very end once made the
 * parser loop for ever, so SIGALRM ends a hang as a failure. */
static const struct {
	const char *what;
	const char *text;
	const char *expected;
} line_ends[] = {
	{ "a lone CR", "\r", "" },
	{ "text ending in CR", "a\r", "p:a" },
	{ "CR between lines", "a\rb", "p:a b" },
	{ "CRLF throughout", "a\r\nb\r\n", "p:a b" },
	{ "CR CR is an empty line", "a\r\rb", "p:a\np:b" },
	{ "CR then CRLF is an empty line", "甲\r\r\n乙\r", "p:甲\np:乙" },
	{ "LF CR is an empty line", "甲\n\r乙", "p:甲\np:乙" },
	{ "mixed, with directives",
	  "@title 标题\r@docnum 号\n\r\n甲\r乙\n丙\r\n\r@sign 本局\r",
	  "title:标题\ndocnum:号\np:甲乙丙\nsign:本局" },
	{ "CR ends a section tag line",
	  "{{#if office.fax}}\r有\r{{else}}\r无\r{{/if}}\r", "p:无" },
	{ "only line ends", "\r\n\r\n\n\r", "" },
};

static void
test_line_ends(void **state)
{
	(void)state;
	alarm(10);
	for (size_t i = 0; i < G_N_ELEMENTS(line_ends); i++) {
		char *got = expand_text(line_ends[i].text, v_none);

		if (strcmp(got, line_ends[i].expected) != 0)
			fail_msg("%s:\n got: %s\nwant: %s", line_ends[i].what,
				 got, line_ends[i].expected);
		free(got);
	}
	alarm(0);
}

/* Two million one-word lines make one paragraph: parsing once took time
 * quadratic in its length (hours); now a fraction of a second. */
static void
test_long_paragraph(void **state)
{
	const size_t lines = 2000000;
	char *text = malloc(2 * lines + 1);
	struct letter_template *tpl = NULL;
	struct ogi_error err = { 0 };

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < lines; i++)
		memcpy(text + 2 * i, "x\n", 2);
	text[2 * lines] = '\0';
	alarm(10);
	assert_int_equal(letter_template_parse("t.tpl", text, &tpl, &err), 0);
	alarm(0);
	letter_template_free(tpl);
	free(text);
}

/* ---- the language: errors ------------------------------------------------ */

static const struct {
	const char *text;
	const char *const *values;
	const char *expected; /* after "t.tpl" */
} expand_errors[] = {
	{ "@p {{office.fax}}", v_none, ":1: no value for {{office.fax}}" },
	{ "甲\n\n乙\n{{office.fax}}", v_none, ":4: no value for {{office.fax}}" },
	{ "{{#each missing}}\n@item {{label}}{{applicant.name}}\n{{/each}}",
	  v_missing, ":2: no value for {{applicant.name}}" },
	{ "{{#each files}}\n{{title}}{{label}}\n{{/each}}", v_files,
	  ":2: unknown placeholder {{label}}" },
	{ "@p 甲\n\n{{#each missing}}\n@item {{label}}\n{{/each}}", v_none,
	  ":3: the list {{#each missing}} is empty" },
};

static const char *const v_missing_what[] = {
	"+missing", "", "label", "签名", NULL,
};

static void
test_expand_errors(void **state)
{
	static const char *const v_empty_fax[] = { "office.fax", "", NULL };
	char *got;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(expand_errors); i++) {
		char want[512];

		got = expand_text(expand_errors[i].text, expand_errors[i].values);
		snprintf(want, sizeof(want), "ERROR: t.tpl%s",
			 expand_errors[i].expected);
		assert_string_equal(got, want);
		free(got);
	}
	/* An empty string is no value. */
	got = expand_text("{{office.fax}}", v_empty_fax);
	assert_string_equal(got, "ERROR: t.tpl:1: no value for {{office.fax}}");
	free(got);
	/* An item field without a value names the item. */
	got = expand_text("{{#each missing}}\n@item {{label}}：{{what}}\n{{/each}}",
			  v_missing_what);
	assert_string_equal(got, "ERROR: t.tpl:2: no value for {{what}} in "
			    "item 1 of {{#each missing}}");
	free(got);
}

static const struct {
	const char *text;
	const char *expected; /* after the file name */
} load_errors[] = {
	{ "@title 标题\n\n本机关\n{{applicant.nmae}}\n",
	  ":4: unknown placeholder {{applicant.nmae}}" },
	{ "{{#if aplicant.name}}\n甲\n{{/if}}",
	  ":1: unknown placeholder {{#if aplicant.name}}" },
	{ "@p 你好\n\n{{#if office.fax}}\n传真\n",
	  ":3: unclosed {{#if office.fax}}" },
	{ "甲{{#if office.fax}}乙\n\n丙\n", ":1: unclosed {{#if office.fax}}" },
	{ "@p 甲\n{{#each missing}}\n@item {{label}}\n{{/each}}\n",
	  ":2: unclosed {{#each missing}}" },
	{ "@attachments\n{{#if office.fax}}\n甲{{/if}}\n",
	  ":2: unclosed {{#if office.fax}}" },
	{ "@title 标题\n@titel 标题\n", ":2: unknown directive @titel" },
	{ "{{#if office.fax}}\n甲\n{{/each}}\n",
	  ":3: {{/each}} closes {{#if office.fax}} from line 1" },
	{ "甲\n{{/if}}\n", ":2: {{/if}} without a matching opening tag" },
	{ "{{#each office.name}}\n甲\n{{/each}}\n",
	  ":1: {{#each office.name}}: office.name is not a list" },
	{ "甲{{missing}}", ":1: {{missing}}: missing is a list; use "
			  "{{#each missing}}" },
	{ "{{label}}", ":1: unknown placeholder {{label}}" },
	{ "{{@index1}}", ":1: {{@index1}} outside {{#each}}" },
	{ "{{#if @last}}甲{{/if}}", ":1: {{#if @last}} outside {{#each}}" },
	{ "甲\n乙{{office.name", ":2: \"{{\" without \"}}\" on the same line" },
	{ "{{#each missing}}\n{{else}}\n{{/each}}",
	  ":2: {{else}} not allowed here ({{#each missing}} from line 1)" },
	{ "{{Office.Name}}", ":1: bad placeholder {{Office.Name}}" },
	{ "@pagebreak 甲", ":1: @pagebreak takes no text" },
	{ "@choice 只有标签", ":1: @choice needs options" },
	{ "甲\n\xff\xfe\n", ":2: not valid UTF-8" },
	{ "甲\r乙\r\n\xff\xfe\r", ":3: not valid UTF-8" },
	{ "甲\r\r{{applicant.nmae}}\r",
	  ":3: unknown placeholder {{applicant.nmae}}" },
};

static void
test_load_errors(void **state)
{
	char dir[] = "/tmp/test_letter_template.XXXXXX";
	char path[512], want[1024];
	struct letter_template *tpl;
	struct ogi_error err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/broken.tpl", dir);
	for (size_t i = 0; i < G_N_ELEMENTS(load_errors); i++) {
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs(load_errors[i].text, f);
		fclose(f);
		tpl = NULL;
		memset(&err, 0, sizeof(err));
		if (letter_template_load(path, &tpl, &err) == 0)
			fail_msg("loaded: %s", load_errors[i].text);
		assert_null(tpl);
		snprintf(want, sizeof(want), "%s%s", path, load_errors[i].expected);
		if (strncmp(err.msg, want, strlen(want)) != 0)
			fail_msg("got: %s\nwant: %s", err.msg, want);
	}
	unlink(path);
	assert_int_equal(letter_template_load(path, &tpl, &err), -1);
	assert_non_null(strstr(err.msg, path));
	rmdir(dir);
}

/* ---- values --------------------------------------------------------------- */

static void
test_values(void **state)
{
	struct letter_values *vals = letter_values_new(), *item;
	struct ogi_error err;

	(void)state;
	assert_int_equal(letter_values_set(vals, "applicant.name", "王建国",
					   &err), 0);
	assert_string_equal(letter_values_get(vals, "applicant.name"), "王建国");
	assert_int_equal(letter_values_set(vals, "applicant.name", "李华", &err),
			 0);
	assert_string_equal(letter_values_get(vals, "applicant.name"), "李华");
	assert_int_equal(letter_values_setf(vals, "case.id", &err, "%d-%06d",
					    2026, 17), 0);
	assert_string_equal(letter_values_get(vals, "case.id"), "2026-000017");
	assert_null(letter_values_get(vals, "office.fax"));

	assert_int_equal(letter_values_set(vals, "applicant.nmae", "x", &err),
			 -1);
	assert_non_null(strstr(err.msg, "applicant.nmae"));
	assert_int_equal(letter_values_set(vals, "missing", "x", &err), -1);
	assert_int_equal(letter_values_set(vals, "office.name", "\xff", &err),
			 -1);
	assert_int_equal(letter_values_append(vals, "office.name", &item, &err),
			 -1);

	assert_int_equal(letter_values_append(vals, "missing", &item, &err), 0);
	assert_int_equal(letter_values_set(item, "label", "签名", &err), 0);
	assert_string_equal(letter_values_get(item, "label"), "签名");
	/* An item takes only its list's fields. */
	assert_int_equal(letter_values_set(item, "title", "x", &err), -1);
	assert_int_equal(letter_values_set(item, "office.name", "x", &err), -1);

	assert_int_equal(letter_values_set_exemption(vals, letter_fixture_legal, "refusal", "privacy",
						     &err), 0);
	assert_string_equal(letter_values_get(vals, "refusal.bureau_item"),
			    "第三条第一款第（三）项");
	assert_string_equal(letter_values_get(vals, "refusal.regulation"),
			    "第十五条");
	assert_string_equal(letter_values_get(vals, "refusal.consent"), "1");
	assert_int_equal(letter_values_set_exemption(vals, letter_fixture_legal, "refusal",
						     "state_secret", &err), 0);
	assert_string_equal(letter_values_get(vals, "refusal.consent"), "");
	assert_string_equal(letter_values_get(vals, "refusal.regulation"),
			    "第十四条");
	assert_int_equal(letter_values_set_exemption(vals, letter_fixture_legal, "refusal", "secret",
						     &err), -1);
	assert_int_equal(letter_values_append(vals, "withheld", &item, &err), 0);
	assert_int_equal(letter_values_set_exemption(item, letter_fixture_legal, NULL, "in_process",
						     &err), 0);
	assert_string_equal(letter_values_get(item, "regulation"),
			    "第十六条第二款");
	letter_values_free(vals);
}

/* ---- helpers for values -------------------------------------------------- */

static void
test_date_cn(void **state)
{
	static const struct {
		const char *iso, *cn;
	} cases[] = {
		{ "2026-11-20", "2026年11月20日" },
		{ "2027-01-04", "2027年1月4日" },
		{ "2024-02-29", "2024年2月29日" },
		{ "2000-02-29", "2000年2月29日" },
		{ "2026-12-31", "2026年12月31日" },
		{ "2026-02-29", NULL },
		{ "1900-02-29", NULL },
		{ "2026-13-01", NULL },
		{ "2026-04-31", NULL },
		{ "2026-00-10", NULL },
		{ "2026-1-4", NULL },
		{ "20261120", NULL },
		{ "2026-11-2x", NULL },
		{ "", NULL },
	};
	struct ogi_error err;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *out = NULL;
		int rc = letter_date_cn(cases[i].iso, &out, &err);

		if (cases[i].cn == NULL) {
			if (rc != -1)
				fail_msg("accepted %s", cases[i].iso);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].cn);
		free(out);
	}
}

struct int_case {
	int n;
	const char *cn; /* NULL: must fail */
};

static void
check_int_cases(int (*fn)(int, char **, struct ogi_error *),
		const struct int_case *cases, size_t n_cases)
{
	struct ogi_error err;
	char *out;

	for (size_t i = 0; i < n_cases; i++) {
		int rc = fn(cases[i].n, &out, &err);

		if (cases[i].cn == NULL) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].cn);
		free(out);
	}
}

static void
test_numbers_cn(void **state)
{
	static const struct int_case numbers[] = {
		{ 0, "零" }, { 7, "七" }, { 10, "十" }, { 15, "十五" },
		{ 20, "二十" }, { 21, "二十一" }, { 100, "一百" },
		{ 105, "一百零五" }, { 110, "一百一十" }, { 1000, "一千" },
		{ 1001, "一千零一" }, { 1010, "一千零一十" },
		{ 2026, "二千零二十六" }, { 9999, "九千九百九十九" },
		{ -1, NULL }, { 10000, NULL },
	};
	static const struct int_case workdays[] = {
		{ 15, "十五个工作日" }, { 20, "二十个工作日" },
		{ 7, "七个工作日" }, { 1, "一个工作日" }, { 0, NULL },
		{ -3, NULL },
	};

	(void)state;
	check_int_cases(letter_number_cn, numbers, G_N_ELEMENTS(numbers));
	check_int_cases(letter_workdays_cn, workdays, G_N_ELEMENTS(workdays));
}

static void
test_docnum(void **state)
{
	static const struct {
		const char *pattern, *short_name;
		int year, seq;
		const char *expected;
	} cases[] = {
		{ "{short}依申〔{year}〕{seq}号", "通人社", 2026, 12,
		  "通人社依申〔2026〕12号" },
		{ "通人社依申〔{year}〕{seq}号", NULL, 2026, 1,
		  "通人社依申〔2026〕1号" },
		{ "通人社依申〔{year}〕{seq}号", NULL, 2027, 305,
		  "通人社依申〔2027〕305号" },
		{ "{short}依申〔{year}〕{seq}号", NULL, 2026, 1, NULL },
		{ "{short}依申〔{year}〕{seq}号", "", 2026, 1, NULL },
		{ "依申〔{year}〕{number}号", NULL, 2026, 1, NULL },
		{ "依申〔{year〕{seq}号", NULL, 2026, 1, NULL },
		{ "依申〔{year}〕{seq}号", NULL, 2026, 0, NULL },
		{ "依申〔{year}〕{seq}号", NULL, 26, 1, NULL },
	};
	struct ogi_error err;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *out = NULL;
		int rc = letter_docnum_format(cases[i].pattern,
					      cases[i].short_name, cases[i].year,
					      cases[i].seq, &out, &err);

		if (cases[i].expected == NULL) {
			if (rc != -1)
				fail_msg("accepted %s -> %s", cases[i].pattern,
					 out);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].expected);
		free(out);
	}
}

static void
test_remedy(void **state)
{
	struct ogi_error err;
	char *out;

	(void)state;
	/* The law's wording, from templates/legal.txt. */
	assert_int_equal(letter_remedy_text(letter_fixture_legal->remedy, "通辽市人民政府",
					    "科尔沁区人民法院", &out, &err), 0);
	assert_string_equal(out, "如对本答复不服，可以自收到本答复之日起60日内向"
			    "通辽市人民政府申请行政复议，或者在6个月内向"
			    "科尔沁区人民法院提起行政诉讼。");
	free(out);
	/* After a refusal: review first, no direct lawsuit. */
	assert_int_equal(letter_remedy_text(letter_fixture_legal->remedy_refusal, "通辽市人民政府",
					    "科尔沁区人民法院", &out, &err), 0);
	assert_non_null(strstr(out, "60日内向通辽市人民政府申请行政复议；"
			       "对行政复议决定不服的"));
	assert_null(strstr(out, "6个月"));
	free(out);
	assert_int_equal(letter_remedy_text("向{review_body}复议，向{court}起诉。",
					    "甲", "乙", &out, &err), 0);
	assert_string_equal(out, "向甲复议，向乙起诉。");
	free(out);
	assert_int_equal(letter_remedy_text(letter_fixture_legal->remedy, NULL, "乙", &out, &err),
			 -1);
	assert_int_equal(letter_remedy_text("{reviewbody}", "甲", "乙", &out,
					    &err), -1);
	assert_int_equal(letter_docnum_format(letter_fixture_legal->docnum_format, "通人社", 2026,
					      12, &out, &err), 0);
	assert_string_equal(out, "通人社依申〔2026〕12号");
	free(out);
}

/* A legal.txt with one thing wrong is refused, naming the file and the
 * group and key at fault. */
static void
test_legal_errors(void **state)
{
	static const struct {
		const char *from, *to;  /* replaced in the tree's legal.txt */
		const char *says;
	} cases[] = {
		{ "refusal = ", "refusals = ",
		  "t/legal.txt: [remedy] refusals: unknown key" },
		{ "\nrefusal = ", "\n#refusal = ",
		  "t/legal.txt: [remedy] refusal: missing" },
		{ "\nformat = ", "\nformat =\n# ",
		  "t/legal.txt: [docnum] format: missing" },
		{ "{seq}号", "{sequence}号",
		  "t/legal.txt: [docnum] format: document number pattern" },
		{ "{court}提起", "{cort}提起",
		  "t/legal.txt: [remedy] general: remedy sentence" },
		{ "[exemption.privacy]", "[exemption.private]",
		  "t/legal.txt: [exemption.private]: unknown section" },
		{ "regulation = 第十四条\nconsent = false\n\n[exemption.commercial",
		  "consent = false\n\n[exemption.commercial",
		  "t/legal.txt: [exemption.state_secret] regulation: missing" },
		{ "consent = true", "consent = 是",
		  "t/legal.txt: [exemption.commercial_secret] consent: \"是\" "
		  "is not true or false" },
		{ "[docnum]", "docnum",
		  "t/legal.txt: " },
	};
	char *text;
	gsize len;
	struct ogi_error err;
	struct letter_legal *l;

	(void)state;
	assert_true(g_file_get_contents(OGI_SRCDIR "/templates/" LETTER_LEGAL_FILE,
					&text, &len, NULL));
	assert_int_equal(letter_legal_parse("t/legal.txt", text, len, &l, &err), 0);
	letter_legal_free(l);
	g_free(text);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		letter_fixture_legal_refused(cases[i].from, cases[i].to,
					     cases[i].says, true);
	assert_int_equal(letter_legal_load("/nonexistent/legal.txt", &l, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/legal.txt"));
}

/* ---- every template with its sample values ------------------------------- */

struct expect {
	const char *kind;
	enum letter_block_kind block;
	const char *needle;
	bool absent;      /* the needle must appear in no block */
	int box_lines;    /* FORM_FIELD: expected height, 0 = any */
};

#define P LETTER_BLOCK_PARAGRAPH
static const char remedy_general[] =
	"如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请行政复议，"
	"或者在6个月内向通辽市科尔沁区人民法院提起行政诉讼。";
static const char remedy_refusal[] =
	"如对本答复不服，可以自收到本答复之日起60日内向通辽市人民政府申请行政复议；"
	"对行政复议决定不服的，可以依法向人民法院提起行政诉讼。";
static const char received[] = "本机关于2026年11月20日收到您提出的关于“";

static const struct expect expects[] = {
	{ "receipt", LETTER_BLOCK_TITLE, "政府信息公开申请登记回执", false, 0 },
	{ "receipt", LETTER_BLOCK_DOCNUM, "通人社依申〔2026〕41号", false, 0 },
	{ "receipt", P, "本机关于2026年11月20日收到您通过电子邮件提出的关于"
	  "“2025年度通辽市本级失业保险基金收支情况及稳岗返还资金发放企业名单”"
	  "的政府信息公开申请，已予登记，登记号为2026-000017。", false, 0 },
	{ "receipt", P, "自收到申请之日起十五个工作日内，即于2026年12月11日前"
	  "作出答复", false, 0 },
	{ "receipt", P, "联系电话：0475-8888888；传真：0475-8888889；电子邮箱："
	  "ogi@example.gov.cn；通信地址：内蒙古自治区通辽市科尔沁区建国路"
	  "（邮政编码：028000）。", false, 0 },
	{ "receipt", LETTER_BLOCK_DATE, "2026年11月20日", false, 0 },
	{ "receipt", P, "行政复议", true, 0 },

	{ "correction", LETTER_BLOCK_TITLE, "政府信息公开申请补正告知书", false,
	  0 },
	{ "correction", P, "的政府信息公开申请（登记号：2026-000017）。", false,
	  0 },
	{ "correction", P, "第四条、第五条和《中华人民共和国政府信息公开条例》"
	  "第二十九条、第三十条的规定，现一次性告知您需要补正的事项如下：",
	  false, 0 },
	{ "correction", LETTER_BLOCK_LIST_ITEM, "1. 申请人身份证明：请提供申请人"
	  "居民身份证复印件", false, 0 },
	{ "correction", LETTER_BLOCK_LIST_ITEM, "2. 申请人签名：来信未签名。",
	  false, 0 },
	{ "correction", LETTER_BLOCK_LIST_ITEM, "3. 所需信息的内容描述：", false,
	  0 },
	{ "correction", P, "请您自收到本告知书之日起十五个工作日内，按照上述要求"
	  "补正，并通过以下任一方式提交本机关：邮寄至内蒙古自治区通辽市科尔沁区"
	  "建国路（邮政编码：028000）；传真至0475-8888889；发送电子邮件至"
	  "ogi@example.gov.cn。提交时请在信函、传真或者电子邮件主题中注明登记号"
	  "“2026-000017”。", false, 0 },
	{ "correction", P, "无正当理由逾期不补正的，视为放弃申请", false, 0 },
	{ "correction", LETTER_BLOCK_ATTACHMENTS, "政府信息公开申请表", false,
	  0 },
	{ "correction", LETTER_BLOCK_DATE, "2026年11月24日", false, 0 },

	{ "extension", LETTER_BLOCK_TITLE, "政府信息公开申请延期答复告知书",
	  false, 0 },
	{ "extension", P, "因您申请的信息涉及2025年度分四个批次发放的稳岗返还"
	  "资金，数据量较大，需要会同通辽市就业服务中心逐项核对，本机关无法在"
	  "2026年12月11日前作出答复。", false, 0 },
	{ "extension", P, "第六条第（二）项和《中华人民共和国政府信息公开条例》"
	  "第三十三条第二款的规定，经本机关负责人同意，答复期限延长十五个工作日，"
	  "本机关将于2027年1月4日前作出答复。", false, 0 },

	{ "reply-published", P, "本机关于2026年11月20日收到您提出的关于"
	  "“2025年度通辽市社会保险基金决算情况”的政府信息公开申请", false, 0 },
	{ "reply-published", P, "根据《通辽市人社局依申请公开政务规定》第七条"
	  "第（一）项和《中华人民共和国政府信息公开条例》第三十六条第（一）项的"
	  "规定", false, 0 },
	{ "reply-published", LETTER_BLOCK_LIST_ITEM, "1. 《通辽市2025年度社会"
	  "保险基金决算情况》：本机关已于2026年6月30日在门户网站", false, 0 },
	{ "reply-published", LETTER_BLOCK_LIST_ITEM, "2. 《关于2025年度社会保险"
	  "基金决算的说明》：", false, 0 },
	{ "reply-published", P, remedy_general, false, 0 },

	{ "reply-provided", P, "您申请获取的信息属于依申请公开的政府信息。根据"
	  "《通辽市人社局依申请公开政务规定》第七条第（三）项和《中华人民共和国"
	  "政府信息公开条例》第三十六条第（二）项的规定，本机关决定予以公开，"
	  "现以电子邮件方式向您提供（见附件）。", false, 0 },
	{ "reply-provided", P, "第七条第（二）项", true, 0 },
	{ "reply-provided", LETTER_BLOCK_ATTACHMENTS, "2025年度失业保险稳岗返还"
	  "资金发放企业名单", false, 0 },
	{ "reply-provided", P, "不收取任何费用", false, 0 },
	{ "reply-provided", P, remedy_general, false, 0 },

	{ "reply-partial", P, "第三条第三款和《中华人民共和国政府信息公开条例》"
	  "第三十七条的规定", false, 0 },
	{ "reply-partial", LETTER_BLOCK_LIST_ITEM, "1. 发放企业名单中各企业的银行"
	  "账户信息。该部分内容属于商业秘密，公开后可能导致商业秘密被泄露。本机关"
	  "已书面征求有关企业的意见，有关企业不同意公开。根据《通辽市人社局依申请"
	  "公开政务规定》第三条第一款第（二）项和《中华人民共和国政府信息公开"
	  "条例》第十五条的规定，不予公开。如有关权利人同意公开", false, 0 },
	{ "reply-partial", LETTER_BLOCK_LIST_ITEM, "2. 名单中个体工商户经营者的"
	  "身份证件号码和手机号码。该部分内容属于个人隐私", false, 0 },
	{ "reply-partial", LETTER_BLOCK_ATTACHMENTS, "（已作区分处理）", false,
	  0 },
	{ "reply-partial", P, remedy_refusal, false, 0 },
	{ "reply-partial", P, "6个月内", true, 0 },

	{ "reply-refused", P, "您申请获取的信息属于正在调查、讨论、处理过程中的"
	  "信息。该方案目前仍在研究论证中", false, 0 },
	{ "reply-refused", P, "根据《通辽市人社局依申请公开政务规定》第三条第一款"
	  "第（四）项、第七条第（四）项和《中华人民共和国政府信息公开条例》"
	  "第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
	  false, 0 },
	{ "reply-refused", P, "权利人同意", true, 0 },
	{ "reply-refused", P, remedy_refusal, false, 0 },
	{ "reply-refused", P, "6个月内", true, 0 },

	{ "reply-not-held", P, "您申请获取的信息不属于本机关掌握的政府信息。社会"
	  "保险基金财政专户由财政部门管理", false, 0 },
	{ "reply-not-held", P, "第七条第（五）项和《中华人民共和国政府信息公开"
	  "条例》第三十六条第（五）项", false, 0 },
	{ "reply-not-held", P, "经了解，该信息由通辽市财政局掌握（通辽市科尔沁区"
	  "西拉木伦大街，联系电话0475-8000000），您可以向该机关咨询或者提出政府"
	  "信息公开申请。", false, 0 },
	{ "reply-not-held", P, remedy_general, false, 0 },

	{ "reply-not-exist", P, "经检索本机关文书档案、人事档案目录和就业失业业务"
	  "经办系统，本机关未制作、获取过您申请获取的信息，该信息不存在。", false,
	  0 },
	{ "reply-not-exist", P, "第七条第（六）项和《中华人民共和国政府信息公开"
	  "条例》第三十六条第（四）项", false, 0 },
	{ "reply-not-exist", P, remedy_general, false, 0 },

	{ "reply-notice", P, "需要本机关对现有政府信息进行加工、分析，另行制作。"
	  "本机关掌握的是逐月的失业保险金发放明细，没有按年龄段、行业汇总的统计"
	  "分析报告。根据《中华人民共和国政府信息公开条例》第三十八条的规定，"
	  "本机关不予提供。", false, 0 },
	{ "reply-notice", P, "获取的途径", true, 0 },
	{ "reply-notice", P, remedy_general, false, 0 },

	{ "not-application", LETTER_BLOCK_TITLE, "不作为政府信息公开申请处理告知书",
	  false, 0 },
	{ "not-application", P, "您提出的事项属于投诉举报，不是申请获取《中华人民"
	  "共和国政府信息公开条例》第二条规定的政府信息", false, 0 },
	{ "not-application", P, "根据该条例第三十九条第一款的规定，本机关不将其"
	  "作为政府信息公开申请处理。", false, 0 },
	{ "not-application", P, "您可以向通辽市劳动保障监察支队投诉", false, 0 },

	{ "repeat", P, "与您于2026年10月12日提出的政府信息公开申请（登记号："
	  "2026-000009）内容相同，本机关已于2026年10月30日作出答复（通人社依申"
	  "〔2026〕9号）。根据《中华人民共和国政府信息公开条例》第三十六条第"
	  "（六）项的规定，本机关不再重复处理。", false, 0 },
	{ "repeat", P, remedy_general, false, 0 },

	{ "form", LETTER_BLOCK_TITLE, "政府信息公开申请表", false, 0 },
	{ "form", LETTER_BLOCK_HEADING, "受理机关：通辽市人力资源和社会保障局",
	  false, 0 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "证件号码", false, 1 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "统一社会信用代码", false, 1 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "法定代表人", false, 1 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "所需信息的内容描述", false, 5 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "所需信息的用途", false, 2 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "申请人签名（盖章）", false, 2 },
	{ "form", LETTER_BLOCK_FORM_FIELD, "申请时间", false, 1 },
	{ "form", LETTER_BLOCK_FORM_CHOICE, "光盘", false, 0 },
	{ "form", LETTER_BLOCK_FORM_CHOICE, "当场阅读、抄录", false, 0 },
	{ "form", P, "电子邮箱ogi@example.gov.cn。本机关提供政府信息不收取任何"
	  "费用。", false, 0 },
};
#undef P

static bool
block_has(const struct letter_block *b, const char *needle, int box_lines)
{
	if (box_lines > 0 && b->box_lines != box_lines)
		return false;
	if (b->text != NULL && strstr(b->text, needle) != NULL)
		return true;
	for (size_t i = 0; i < b->n_items; i++)
		if (strstr(b->items[i], needle) != NULL)
			return true;
	return false;
}

static void
check_expect(const struct letter_doc *doc, const struct expect *e)
{
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const struct letter_block *b = &doc->blocks[i];

		if (e->absent && block_has(b, e->needle, 0))
			fail_msg("%s: block %zu has \"%s\": %s", e->kind, i,
				 e->needle, b->text);
		if (!e->absent && b->kind == e->block &&
		    block_has(b, e->needle, e->box_lines))
			return;
	}
	if (!e->absent) {
		char *d = dump(doc);

		fail_msg("%s: no %s block with \"%s\" (box %d) in\n%s", e->kind,
			 kind_name(e->block), e->needle, e->box_lines, d);
	}
}

static bool
has_paragraph(const struct letter_doc *doc, const char *text, bool prefix)
{
	for (size_t i = 0; i < doc->n_blocks; i++)
		if (doc->blocks[i].kind == LETTER_BLOCK_PARAGRAPH &&
		    (prefix ? strncmp(doc->blocks[i].text, text, strlen(text))
			    : strcmp(doc->blocks[i].text, text)) == 0)
			return true;
	return false;
}

/* The shape of domain.md §5: title, number, "×××：", "本机关于……收到",
 * ("经审查，现答复如下："), …, "特此告知。", signature, date. */
static void
check_letter_shape(const char *kind, const struct letter_doc *doc)
{
	size_t n = doc->n_blocks;
	bool reply = strncmp(kind, "reply-", 6) == 0 ||
		     strcmp(kind, "repeat") == 0 ||
		     strcmp(kind, "not-application") == 0;

	assert_true(n >= 7);
	assert_int_equal(doc->blocks[0].kind, LETTER_BLOCK_TITLE);
	assert_int_equal(doc->blocks[1].kind, LETTER_BLOCK_DOCNUM);
	assert_int_equal(doc->blocks[2].kind, LETTER_BLOCK_ADDRESSEE);
	assert_string_equal(doc->blocks[2].text, "王建国：");
	assert_int_equal(doc->blocks[n - 2].kind, LETTER_BLOCK_SIGNATURE);
	assert_string_equal(doc->blocks[n - 2].text, "通辽市人力资源和社会保障局");
	assert_int_equal(doc->blocks[n - 1].kind, LETTER_BLOCK_DATE);
	assert_true(has_paragraph(doc, "特此告知。", false));
	assert_true(strncmp(doc->blocks[3].text, "本机关于2026年11月20日收到您",
			    strlen("本机关于2026年11月20日收到您")) == 0);
	if (reply)
		assert_string_equal(doc->blocks[4].text, "经审查，现答复如下：");
	if (reply && strcmp(kind, "not-application") != 0)
		assert_true(has_paragraph(doc, received, true));
}

/* Every letter lists what it is sent with: given a list of attachments,
 * its 附件 note stands before the signature and names each. */
static void
check_attachments(const char *kind, const struct letter_template *tpl,
		  struct letter_values *vals)
{
	static const char *const names[] = { "补正材料清单", "收支情况表.xlsx" };
	struct letter_values *item;
	struct letter_doc *doc;
	struct ogi_error err;
	const struct letter_block *b;

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		assert_int_equal(letter_values_append(vals, "attachments", &item,
						      &err), 0);
		assert_int_equal(letter_values_set(item, "name", names[i], &err), 0);
	}
	if (letter_template_expand(tpl, vals, &doc, &err) < 0)
		fail_msg("%s with attachments: %s", kind, err.msg);
	assert_true(doc->n_blocks >= 3);
	b = &doc->blocks[doc->n_blocks - 3];
	if (b->kind != LETTER_BLOCK_ATTACHMENTS || b->n_items < 2 ||
	    strcmp(b->items[b->n_items - 2], names[0]) != 0 ||
	    strcmp(b->items[b->n_items - 1], names[1]) != 0)
		fail_msg("%s: the attachments given are not listed before the "
			 "signature:\n%s", kind, dump(doc));
	letter_doc_free(doc);
}

static void
check_kind(const char *dir, const char *kind)
{
	struct letter_template *tpl;
	struct letter_values *vals;
	struct letter_doc *doc;
	struct ogi_error err;
	char path[1024];
	size_t n_expect = 0;

	snprintf(path, sizeof(path), "%s/%s.tpl", dir, kind);
	if (letter_template_load(path, &tpl, &err) < 0)
		fail_msg("%s", err.msg);
	if (letter_sample_values(kind, letter_fixture_legal, &vals, &err) < 0)
		fail_msg("%s", err.msg);
	if (letter_template_expand(tpl, vals, &doc, &err) < 0)
		fail_msg("%s", err.msg);
	assert_non_null(doc->title);
	assert_string_equal(doc->author, "通辽市人力资源和社会保障局");
	assert_null(doc->seal_png);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const struct letter_block *b = &doc->blocks[i];

		assert_non_null(b->text);
		if (strstr(b->text, "{{") != NULL || strstr(b->text, "}}"))
			fail_msg("%s: unexpanded: %s", kind, b->text);
		for (size_t j = 0; j < b->n_items; j++)
			assert_null(strstr(b->items[j], "{{"));
	}
	if (strcmp(kind, "form") != 0)
		check_letter_shape(kind, doc);
	for (size_t i = 0; i < G_N_ELEMENTS(expects); i++) {
		if (strcmp(expects[i].kind, kind) != 0)
			continue;
		check_expect(doc, &expects[i]);
		n_expect++;
	}
	if (n_expect < 2)
		fail_msg("%s: no expectations", kind);
	letter_doc_free(doc);
	if (strcmp(kind, "form") != 0)
		check_attachments(kind, tpl, vals);
	letter_values_free(vals);
	letter_template_free(tpl);
}

static void
test_templates(void **state)
{
	const char *dir = OGI_SRCDIR "/templates";
	size_t n_kinds, n_files = 0;
	const char *const *kinds = letter_kinds(&n_kinds);
	DIR *d;
	struct dirent *de;

	(void)state;
	assert_true(n_kinds >= 12);
	for (size_t i = 0; i < n_kinds; i++) {
		assert_true(letter_kind_known(kinds[i]));
		check_kind(dir, kinds[i]);
	}
	assert_false(letter_kind_known("receipts"));
	assert_false(letter_kind_known("reply"));
	assert_false(letter_kind_known(""));
	/* Every file in templates/ is a kind with sample values. */
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		bool known = false;

		if (len < 5 || strcmp(de->d_name + len - 4, ".tpl") != 0)
			continue;
		n_files++;
		for (size_t i = 0; i < n_kinds; i++)
			known |= strlen(kinds[i]) == len - 4 &&
				 strncmp(kinds[i], de->d_name, len - 4) == 0;
		if (!known)
			fail_msg("templates/%s is not a letter kind", de->d_name);
	}
	closedir(d);
	assert_int_equal(n_files, n_kinds);
}

static void
test_sample_values(void **state)
{
	struct letter_values *vals;
	struct ogi_error err;

	(void)state;
	assert_int_equal(letter_sample_values("nonsense", letter_fixture_legal, &vals, &err), -1);
	assert_non_null(strstr(err.msg, "nonsense"));
	assert_int_equal(letter_sample_values("receipt", letter_fixture_legal, &vals, &err), 0);
	assert_string_equal(letter_values_get(vals, "applicant.name"), "王建国");
	assert_string_equal(letter_values_get(vals, "case.id"), "2026-000017");
	assert_string_equal(letter_values_get(vals, "dates.received"),
			    "2026年11月20日");
	assert_string_equal(letter_values_get(vals, "period.reply"),
			    "十五个工作日");
	letter_values_free(vals);
}

static void
test_placeholders(void **state)
{
	struct letter_template *tpl;
	struct ogi_error err;
	const char *const *names;
	size_t n;

	(void)state;
	assert_int_equal(letter_template_parse("t.tpl",
		"@to {{applicant.name}}\n{{#if office.fax}}{{office.fax}}{{/if}}\n"
		"{{applicant.name}}\n\n{{#each missing}}\n@item {{@index1}}"
		"{{label}}{{#if @last}}。{{/if}}\n{{/each}}\n",
		&tpl, &err), 0);
	n = letter_template_placeholders(tpl, &names);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "applicant.name");
	assert_string_equal(names[1], "office.fax");
	assert_string_equal(names[2], "missing");
	assert_string_equal(names[3], "missing[].label");
	for (size_t i = 0; i < n; i++)
		assert_non_null(letter_placeholder_meaning(names[i]));
	assert_null(letter_placeholder_meaning("missing[].nothing"));
	assert_non_null(letter_placeholder_meaning("attachments"));
	assert_non_null(letter_placeholder_meaning("attachments[].name"));
	assert_null(letter_placeholder_meaning("applicant.nmae"));
	letter_template_free(tpl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expansion),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_long_paragraph),
		cmocka_unit_test(test_expand_errors),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_date_cn),
		cmocka_unit_test(test_numbers_cn),
		cmocka_unit_test(test_docnum),
		cmocka_unit_test(test_remedy),
		cmocka_unit_test(test_legal_errors),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_sample_values),
		cmocka_unit_test(test_placeholders),
	};

	return cmocka_run_group_tests(tests, letter_fixture_setup,
				      letter_fixture_teardown);
}
