/* A correction reply merged into its incomplete case; the daily digest's
 * content; the status reply's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "workflow/correction.h"
#include "workflow/digest.h"
#include "workflow/status.h"
#include "workflow/workflow.h"

#define ID_OK "150502199501011239"
#define BIT(f) (1u << EXTRACT_FIELD_##f)

/* An incomplete case as the registry holds it: every element but the
 * identity proof, no provenance. */
static void
case_record(struct extract_record *c)
{
	*c = (struct extract_record){
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = g_strdup("娜仁"),
		.address = g_strdup("内蒙古通辽市科尔沁区建国路16号"),
		.phone = g_strdup("13847581290"),
		.email = g_strdup("naren_1995@163.com"),
		.request = g_strdup("2025年通辽市就业补助资金使用情况"),
		.signature_present = true,
		.signature_text = g_strdup("娜仁"),
		.date = "2026-09-24",
		.delivery = EXTRACT_DELIVERY_EMAIL,
		.missing = EXTRACT_ELEM_IDENTITY_PROOF,
		.verdict = EXTRACT_VERDICT_INCOMPLETE,
	};
}

static void
reply_set(struct extract_record *r, enum extract_field f, char **slot,
	  const char *value, enum extract_confidence conf)
{
	*slot = g_strdup(value);
	r->info[f] = (struct extract_field_info){
		.source = EXTRACT_SRC_LABEL, .confidence = conf,
		.rule = g_strdup("form-label"),
	};
}

enum reply_shape {
	REPLY_ID,          /* the ID number, HIGH */
	REPLY_ID_LOW,      /* the ID number, LOW: a guess */
	REPLY_PHONE_ONLY,  /* a telephone, which the case has */
	REPLY_NOTHING,
	REPLY_BAD_ID,      /* an ID number with a wrong check character */
};

static void
reply_record(struct extract_record *r, enum reply_shape shape)
{
	*r = (struct extract_record){ .kind = EXTRACT_KIND_CORRECTION_REPLY };
	switch (shape) {
	case REPLY_ID:
		reply_set(r, EXTRACT_FIELD_ID_NUMBER, &r->id_number, ID_OK,
			  EXTRACT_CONF_HIGH);
		break;
	case REPLY_ID_LOW:
		reply_set(r, EXTRACT_FIELD_ID_NUMBER, &r->id_number, ID_OK,
			  EXTRACT_CONF_LOW);
		break;
	case REPLY_PHONE_ONLY:
		reply_set(r, EXTRACT_FIELD_PHONE, &r->phone, "13800138000",
			  EXTRACT_CONF_HIGH);
		break;
	case REPLY_BAD_ID:
		reply_set(r, EXTRACT_FIELD_ID_NUMBER, &r->id_number,
			  "150502199501011230", EXTRACT_CONF_HIGH);
		r->invalid = EXTRACT_INVALID_ID_NUMBER;
		break;
	case REPLY_NOTHING:
		break;
	}
}

static void
test_merge(void **state)
{
	static const struct {
		const char *what;
		enum reply_shape shape;
		unsigned changed;
		const char *state;
		unsigned missing;
		const char *phone;
	} rows[] = {
		{ "the missing ID number completes the case", REPLY_ID,
		  BIT(ID_NUMBER), "registered", 0, "13847581290" },
		{ "a guessed ID number is not taken", REPLY_ID_LOW, 0,
		  "incomplete", EXTRACT_ELEM_IDENTITY_PROOF, "13847581290" },
		{ "a value the case has is not overwritten", REPLY_PHONE_ONLY, 0,
		  "incomplete", EXTRACT_ELEM_IDENTITY_PROOF, "13847581290" },
		{ "nothing supplied: still incomplete, naming the same", REPLY_NOTHING,
		  0, "incomplete", EXTRACT_ELEM_IDENTITY_PROOF, "13847581290" },
		{ "an invalid ID number is taken with its fault: still incomplete",
		  REPLY_BAD_ID, BIT(ID_NUMBER), "incomplete", 0, "13847581290" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		struct extract_record c, r;
		unsigned changed;

		case_record(&c);
		reply_record(&r, rows[i].shape);
		changed = workflow_correction_merge(&c, &r);
		if (changed != rows[i].changed)
			fail_msg("%s: changed %#x, expected %#x", rows[i].what,
				 changed, rows[i].changed);
		if (strcmp(workflow_correction_state(&c), rows[i].state) != 0)
			fail_msg("%s: %s (%s)", rows[i].what,
				 workflow_correction_state(&c),
				 c.review != NULL ? c.review : "-");
		if (c.missing != rows[i].missing)
			fail_msg("%s: missing %#x", rows[i].what, c.missing);
		assert_string_equal(c.phone, rows[i].phone);
		extract_record_clear(&c);
		extract_record_clear(&r);
	}
}

/* A value the case held invalid is replaced by a valid one. */
static void
test_merge_replaces_invalid(void **state)
{
	struct extract_record c, r;

	(void)state;
	case_record(&c);
	c.id_number = g_strdup("150502199501011230");
	c.invalid = EXTRACT_INVALID_ID_NUMBER;
	c.missing = 0;
	reply_record(&r, REPLY_ID);
	assert_int_equal(workflow_correction_merge(&c, &r), BIT(ID_NUMBER));
	assert_string_equal(c.id_number, ID_OK);
	assert_int_equal(c.invalid, 0);
	assert_string_equal(workflow_correction_state(&c), "registered");
	extract_record_clear(&c);
	extract_record_clear(&r);
}

static void
test_status_words(void **state)
{
	static const char *const states[] = {
		"received", "needs_review", "incomplete", "registered", "extended",
		"answered", "delivered", "delivery_failed", "closed", "abandoned",
		"withdrawn", "not_application", "duplicate",
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(states); i++) {
		const struct workflow_status *s = workflow_status_of(states[i]);

		assert_true(workflow_state_known(states[i]));
		if (s == NULL || s->words[0] == '\0' || s->next[0] == '\0')
			fail_msg("no words for %s", states[i]);
	}
	assert_null(workflow_status_of("no-such-state"));
	assert_null(workflow_status_of(NULL));
}

static void
test_digest(void **state)
{
	static const struct digest_row fresh[] = {
		{ "2026-000007", "registered", "2026-12-28", "张伟" },
		{ "2026-000008", "incomplete", NULL, "<b>李&明</b>" },
	};
	static const struct digest_row late[] = {
		{ "2026-000002", "registered", "2026-12-01", "王芳" },
	};
	/* A reply by fax whose command timed out: its case and the letter,
	 * with why. */
	static const struct digest_row failed[] = {
		{ "2026-000003", "delivery_failed", "2026-12-20", "赵文华" },
		{ "letter 4 by fax", "reply-provided", "2026-000003",
		  "fax command timed out after 1 s" },
	};
	struct digest d = {
		.date = "2026-12-05", .office = "示例局",
		.rows = { [DIGEST_NEW] = fresh, [DIGEST_OVERDUE] = late,
			  [DIGEST_FAILED] = failed },
		.n = { [DIGEST_NEW] = 2, [DIGEST_OVERDUE] = 1, [DIGEST_FAILED] = 2 },
	};
	const char *table;
	char *subject, *text, *html;

	(void)state;
	workflow_digest_render(&d, &subject, &text, &html);
	assert_non_null(strstr(subject, "2026-12-05"));
	assert_non_null(strstr(subject, "超期 1"));
	assert_non_null(strstr(subject, "送达失败 2"));
	assert_non_null(strstr(text, "新登记的申请：2\n  2026-000007  registered  "
				     "2026-12-28  张伟\n  2026-000008  incomplete  -  "
				     "<b>李&明</b>\n"));
	assert_non_null(strstr(text, "已超过答复期限：1\n  2026-000002"));
	assert_non_null(strstr(text, "待处理邮件（ogictl holding）：0\n"));
	assert_non_null(strstr(text, "送达失败：2\n  2026-000003  delivery_failed  "
				     "2026-12-20  赵文华\n  letter 4 by fax  "
				     "reply-provided  2026-000003  fax command timed "
				     "out after 1 s\n"));
	for (int s = 0; s < DIGEST_SECTIONS; s++)
		assert_non_null(strstr(text, workflow_digest_title(s)));
	/* Three tables: the empty sections have none. */
	table = html;
	for (int k = 0; k < 3; k++) {
		table = strstr(table, "<table");
		assert_non_null(table);
		table++;
	}
	assert_null(strstr(table, "<table"));
	assert_non_null(strstr(html, "<td>&lt;b&gt;李&amp;明&lt;/b&gt;</td>"));
	assert_null(strstr(html, "<b>李"));
	g_free(subject);
	g_free(text);
	g_free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_replaces_invalid),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
