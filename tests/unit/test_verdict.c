/* The verdict (verdict.c) on records built by hand: what each confidence
 * and each piece of conflicting evidence does to it, including evidence the
 * rules do not produce yet (an agent writing for a client). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

#define H EXTRACT_CONF_HIGH
#define L EXTRACT_CONF_LOW
#define ID_OK "150502197804051212"

struct value {
	enum extract_field f;
	const char *value;   /* NULL: evidence with no value */
	enum extract_source src;
	enum extract_confidence conf;
	const char *rule;
};

struct verdict_case {
	const char *title;
	enum extract_kind kind;
	struct value values[12];
	unsigned missing, invalid;
	enum extract_verdict want;
	const char *reason; /* a substring of rec->review; NULL: no review */
};

/* Every element but the request sure, as a form gives them. */
#define SURE_BUT_REQUEST \
	{ EXTRACT_FIELD_APPLICANT_KIND, "person", EXTRACT_SRC_INFERRED, H, "person-default" }, \
	{ EXTRACT_FIELD_ID_TYPE, "resident_id", EXTRACT_SRC_LABEL, H, "form-label" }, \
	{ EXTRACT_FIELD_ID_NUMBER, ID_OK, EXTRACT_SRC_LABEL, H, "form-label" }, \
	{ EXTRACT_FIELD_ADDRESS, "通辽市科尔沁区建国路17号", EXTRACT_SRC_LABEL, H, "form-label" }, \
	{ EXTRACT_FIELD_EMAIL, "zs@example.com", EXTRACT_SRC_HEADER, H, "from-header" }, \
	{ EXTRACT_FIELD_DATE, "2026-11-20", EXTRACT_SRC_LABEL, H, "form-label" }

/* Every element sure. */
#define SURE_PERSON SURE_BUT_REQUEST, \
	{ EXTRACT_FIELD_REQUEST, "2026年低保标准", EXTRACT_SRC_LABEL, H, "form-label" }
#define REQUEST(text) { EXTRACT_FIELD_REQUEST, text, EXTRACT_SRC_PROSE, H, "prose-request-verb" }

#define NAME_SURE { EXTRACT_FIELD_NAME, "张三", EXTRACT_SRC_LABEL, H, "form-label" }
#define SIG_SURE { EXTRACT_FIELD_SIGNATURE, "张三", EXTRACT_SRC_LABEL, H, "form-label" }

static const struct verdict_case cases[] = {
	{ "a request naming no particular information goes to a clerk",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE, REQUEST("你们的文件") }, 0, 0,
	  EXTRACT_VERDICT_REVIEW,
	  "request names no particular information: 你们的文件" },
	{ "so does one made of quantity and kind words only",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE, REQUEST("贵局所有相关政府信息。") },
	  0, 0, EXTRACT_VERDICT_REVIEW, "request names no particular information" },
	{ "a delivery clause after it adds no information",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE, REQUEST("你们的文件，材料寄到我家") },
	  0, 0, EXTRACT_VERDICT_REVIEW, "request names no particular information" },
	{ "and an English one", EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE,
	    REQUEST("all the relevant documents, please send them to me") },
	  0, 0, EXTRACT_VERDICT_REVIEW, "request names no particular information" },
	{ "a year makes a request particular enough",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE, REQUEST("2025年的文件") }, 0, 0,
	  EXTRACT_VERDICT_COMPLETE, NULL },
	{ "a subject does too, however short",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_BUT_REQUEST, NAME_SURE, SIG_SURE, REQUEST("低保的文件") }, 0, 0,
	  EXTRACT_VERDICT_COMPLETE, NULL },
	{ "every element sure: complete", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE }, 0, 0,
	  EXTRACT_VERDICT_COMPLETE, NULL },
	{ "an element missing with no label at all: incomplete",
	  EXTRACT_KIND_APPLICATION,
	  { NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_ADDRESS, "通辽市", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_EMAIL, "zs@example.com", EXTRACT_SRC_HEADER, H, "from-header" },
	    { EXTRACT_FIELD_REQUEST, "低保标准", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_DATE, "2026-11-20", EXTRACT_SRC_CLOSING, H, "closing-date" } },
	  EXTRACT_ELEM_IDENTITY_PROOF, 0, EXTRACT_VERDICT_INCOMPLETE, NULL },
	{ "an invalid number read from its label: incomplete",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE }, 0, EXTRACT_INVALID_ID_NUMBER,
	  EXTRACT_VERDICT_INCOMPLETE, NULL },
	{ "a name only from the From header", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, SIG_SURE,
	    { EXTRACT_FIELD_NAME, "张三", EXTRACT_SRC_HEADER, L, "from-header" } },
	  0, 0, EXTRACT_VERDICT_REVIEW,
	  "name is a guess from the From header: 张三" },
	{ "a guess makes a case with a missing element review, not incomplete",
	  EXTRACT_KIND_APPLICATION,
	  { SIG_SURE,
	    { EXTRACT_FIELD_NAME, "张三", EXTRACT_SRC_CLOSING, L, "closing-signature" },
	    { EXTRACT_FIELD_EMAIL, "zs@example.com", EXTRACT_SRC_HEADER, H, "from-header" },
	    { EXTRACT_FIELD_REQUEST, "低保标准", EXTRACT_SRC_LABEL, H, "form-label" } },
	  EXTRACT_ELEM_ADDRESS | EXTRACT_ELEM_IDENTITY_PROOF | EXTRACT_ELEM_DATE, 0,
	  EXTRACT_VERDICT_REVIEW, "name is a guess from a closing line" },
	{ "one sure contact is enough: a guessed phone beside the sender's address",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_PHONE, "13904751234", EXTRACT_SRC_PATTERN, L, "quoted:mobile-shape" } },
	  0, 0, EXTRACT_VERDICT_COMPLETE, NULL },
	{ "a request from a sentence without a request verb",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_REQUEST, "为什么停发了我的养老金", EXTRACT_SRC_PROSE, L, "prose-request-no-verb" } },
	  0, 0, EXTRACT_VERDICT_REVIEW,
	  "request was read from a sentence without a request verb" },
	{ "a rule the verdict has no phrase for is named", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE,
	    { EXTRACT_FIELD_SIGNATURE, "张三", EXTRACT_SRC_CLOSING, L, "some-new-rule" } },
	  0, 0, EXTRACT_VERDICT_REVIEW, "signature is uncertain (some-new-rule): 张三" },
	{ "a blank address label with text below it", EXTRACT_KIND_APPLICATION,
	  { NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_ADDRESS, NULL, EXTRACT_SRC_LABEL, L, "label-empty" },
	    { EXTRACT_FIELD_ID_NUMBER, ID_OK, EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_ID_TYPE, "resident_id", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_EMAIL, "zs@example.com", EXTRACT_SRC_HEADER, H, "from-header" },
	    { EXTRACT_FIELD_REQUEST, "低保标准", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_DATE, "2026-11-20", EXTRACT_SRC_LABEL, H, "form-label" } },
	  EXTRACT_ELEM_ADDRESS, 0, EXTRACT_VERDICT_REVIEW,
	  "address: the label on line 0 has nothing after it" },
	{ "a blank signature line is certainly unsigned", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE,
	    { EXTRACT_FIELD_SIGNATURE, NULL, EXTRACT_SRC_LABEL, L, "label-empty" } },
	  EXTRACT_ELEM_SIGNATURE, 0, EXTRACT_VERDICT_INCOMPLETE, NULL },
	{ "two names: the form's and the signer's", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE,
	    { EXTRACT_FIELD_SIGNATURE, "李四", EXTRACT_SRC_LABEL, H, "form-label" } },
	  0, 0, EXTRACT_VERDICT_REVIEW,
	  "two different names for the applicant: 张三 / 李四" },
	{ "spaces in a name are no second name", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE,
	    { EXTRACT_FIELD_SIGNATURE, "张 三", EXTRACT_SRC_CLOSING, H, "closing-marker" } },
	  0, 0, EXTRACT_VERDICT_COMPLETE, NULL },
	{ "an organisation signed by its legal representative", EXTRACT_KIND_APPLICATION,
	  { { EXTRACT_FIELD_APPLICANT_KIND, "organisation", EXTRACT_SRC_INFERRED, H, "org-evidence" },
	    { EXTRACT_FIELD_NAME, "通辽市某某商贸有限公司", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_LEGAL_REP, "孙德胜", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_ID_TYPE, "uscc", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_ID_NUMBER, "91150502MA0Q7R3K5M", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_ADDRESS, "通辽市", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_EMAIL, "a@example.com", EXTRACT_SRC_HEADER, H, "from-header" },
	    { EXTRACT_FIELD_REQUEST, "稳岗返还", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_SIGNATURE, "孙德胜", EXTRACT_SRC_LABEL, H, "form-label" },
	    { EXTRACT_FIELD_DATE, "2026-11-09", EXTRACT_SRC_LABEL, H, "form-label" } },
	  0, 0, EXTRACT_VERDICT_COMPLETE, NULL },
	{ "a passport written, a valid resident ID given", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_ID_TYPE, "passport", EXTRACT_SRC_LABEL, H, "form-label" } },
	  0, 0, EXTRACT_VERDICT_REVIEW,
	  "ID type written as passport, but the number is a valid resident_id" },
	{ "the number's shape gave the type: nothing to contradict",
	  EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_ID_TYPE, "resident_id", EXTRACT_SRC_INFERRED, H, "id-shape" } },
	  0, 0, EXTRACT_VERDICT_COMPLETE, NULL },
	{ "an agent writing for a client", EXTRACT_KIND_APPLICATION,
	  { SURE_PERSON, NAME_SURE, SIG_SURE,
	    { EXTRACT_FIELD_AGENT, "王律师", EXTRACT_SRC_PROSE, H, "prose-agent" } },
	  0, 0, EXTRACT_VERDICT_REVIEW,
	  "written by an agent for the applicant: 王律师 for 张三" },
	{ "not an application: no verdict and no reasons", EXTRACT_KIND_CONSULTATION,
	  { { EXTRACT_FIELD_NAME, "张三", EXTRACT_SRC_HEADER, L, "from-header" } },
	  0, 0, EXTRACT_VERDICT_NONE, NULL },
};

/* Puts v's value into its field of rec and its provenance into rec->info. */
static void
set_value(struct extract_record *rec, const struct value *v)
{
	char **slot = NULL;

	extract_info_set(rec, v->f, v->src, v->conf, v->rule, NULL, 0, 0);
	if (v->value == NULL)
		return;
	switch (v->f) {
	case EXTRACT_FIELD_APPLICANT_KIND:
		assert_int_equal(extract_applicant_kind_from_name(v->value,
								  &rec->applicant_kind), 0);
		return;
	case EXTRACT_FIELD_ID_TYPE:
		assert_int_equal(extract_id_type_from_name(v->value, &rec->id_type), 0);
		return;
	case EXTRACT_FIELD_SIGNATURE:
		rec->signature_present = true;
		slot = &rec->signature_text;
		break;
	case EXTRACT_FIELD_DATE:
		g_strlcpy(rec->date, v->value, sizeof(rec->date));
		return;
	case EXTRACT_FIELD_NAME: slot = &rec->name; break;
	case EXTRACT_FIELD_LEGAL_REP: slot = &rec->legal_rep; break;
	case EXTRACT_FIELD_AGENT: slot = &rec->agent; break;
	case EXTRACT_FIELD_ID_NUMBER: slot = &rec->id_number; break;
	case EXTRACT_FIELD_ADDRESS: slot = &rec->address; break;
	case EXTRACT_FIELD_PHONE: slot = &rec->phone; break;
	case EXTRACT_FIELD_EMAIL: slot = &rec->email; break;
	case EXTRACT_FIELD_REQUEST: slot = &rec->request; break;
	default:
		fail_msg("no setter for %s", extract_field_name(v->f));
	}
	g_free(*slot);
	*slot = g_strdup(v->value);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct verdict_case *c = &cases[i];
		struct extract_record *rec = g_new0(struct extract_record, 1);

		rec->kind = c->kind;
		for (size_t k = 0; k < G_N_ELEMENTS(c->values) &&
				   c->values[k].rule != NULL; k++)
			set_value(rec, &c->values[k]);
		rec->missing = c->missing;
		rec->invalid = c->invalid;
		extract_verdict_decide(rec);
		if (rec->verdict != c->want ||
		    (c->reason == NULL) != (rec->review == NULL) ||
		    (c->reason != NULL && strstr(rec->review, c->reason) == NULL))
			fail_msg("%s: verdict %s, review \"%s\"", c->title,
				 extract_verdict_name(rec->verdict) ?
				 extract_verdict_name(rec->verdict) : "none",
				 rec->review != NULL ? rec->review : "");
		extract_record_free(rec);
	}
}

/* A reason quotes at most 40 characters of a value and never leaves the
 * head of a number in it, however the number is written. */
static const struct {
	const char *title, *value, *want;
} reason_values[] = {
	{ "short value kept whole", "王小明", "王小明" },
	{ "line break shown as a space", "第一行\n第二行", "第一行 第二行" },
	{ "cut at forty characters",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十多余",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…" },
	{ "ASCII ID number across the cut left out whole",
	  "申请人的公民身份号码写在第二页的表格中间位置请见身份证" ID_OK "谢谢",
	  "申请人的公民身份号码写在第二页的表格中间位置请见身份证…" },
	{ "full-width ID number across the cut left out whole",
	  "申请人的公民身份号码写在第二页的表格中间位置请见身份证"
	  "１５０５０２１９７８０４０５１２１２谢谢",
	  "申请人的公民身份号码写在第二页的表格中间位置请见身份证…" },
	{ "full-width check letter counted with its number",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "一二三四五六七１２３Ｘ４５",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "一二三四五六七…" },
};

static void
test_reason_value(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(reason_values); i++) {
		char *got = extract_reason_value(reason_values[i].value);

		if (strcmp(got, reason_values[i].want) != 0)
			fail_msg("%s: got \"%s\"", reason_values[i].title, got);
		g_free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_reason_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
