/* Confidence feeds the verdict for faxes and forms read by OCR: an
 * application whose required elements OCR read with confidence follows
 * the mail path (registered with its receipt owed, or incomplete with its
 * correction notice); one with any required element read with low
 * confidence waits for a clerk and is owed no letter -- it is never
 * registered as complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "extract/extract.h"
#include "ocr-words.h"
#include "workflow/workflow.h"

/* The office's form as OCR reads it from a fine fax: every word 95. */
static const char form[] =
	"政府 信息 公开 申请 表\n"
	"姓名 : 王建国\n"
	"证件 号码 : 150102198706152311\n"
	"通信 地址 : 内蒙古 通辽市 科尔沁区 民主路 1号\n"
	"联系 电话 : 13904751234\n"
	"所需 信息 的 内容 描述 : 2025年 通辽市 就业 补助 资金 使用 情况\n"
	"申请人 签名 : 王建国\n"
	"申请 时间 : 2026年 11月 20日";

static void
test_confidence_decides(void **state)
{
	static const struct {
		const char *what;
		const char *line;      /* the line of form made doubtful, NULL none */
		const char *dropped;   /* the line of form left out, NULL none */
		const char *verdict;
		const char *state;
		const char *letter;    /* owed at registration, NULL none */
		enum extract_ocr_ink ink; /* what the signature area's ink said */
	} cases[] = {
		{ "every element confident", NULL, NULL, "complete", "registered", "receipt", EXTRACT_OCR_INK_PRESENT },
		{ "the name read with low confidence", "姓名", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		{ "the ID number", "证件", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		{ "the address", "通信", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		{ "the telephone", "联系", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		{ "the request", "所需", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		{ "the date", "申请 时间", NULL, "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_PRESENT },
		/* A signature is ink: the words OCR made of a hand in its area
		 * are no doubt, and no name. */
		{ "the signature's words read with low confidence, ink in its area", "申请人", NULL,
		  "complete", "registered", "receipt", EXTRACT_OCR_INK_PRESENT },
		/* Words read there are ink too: a blank measure beside them
		 * is a clerk's question, never a correction notice. */
		{ "words in the signature's area, its ink blank", NULL, NULL,
		  "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_ABSENT },
		{ "words in the signature's area, its ink not judged", NULL, NULL,
		  "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_UNKNOWN },
		{ "no signature, its area blank, the rest confident", NULL, "申请人",
		  "incomplete", "incomplete", "correction", EXTRACT_OCR_INK_ABSENT },
		/* A hand OCR cannot read: never a correction notice on a guess. */
		{ "no signature read, its ink not judged", NULL, "申请人",
		  "needs_review", "needs_review", NULL, EXTRACT_OCR_INK_UNKNOWN },
		{ "no signature read, ink in its area", NULL, "申请人",
		  "complete", "registered", "receipt", EXTRACT_OCR_INK_PRESENT },
	};
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own, .today = "2026-12-01", .fax_channel = true,
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char **lines = g_strsplit(form, "\n", -1);
		GString *spec = g_string_new(NULL);
		struct workflow_decision d;
		struct extract_ocr_word *w;
		struct extract_record *rec;
		struct mime_message msg;
		size_t n;

		for (size_t k = 0; lines[k] != NULL; k++) {
			if (cases[i].dropped != NULL &&
			    g_str_has_prefix(lines[k], cases[i].dropped))
				continue;
			if (cases[i].line != NULL && g_str_has_prefix(lines[k], cases[i].line))
				g_string_append(spec, "[40] ");
			g_string_append_printf(spec, "%s\n", lines[k]);
		}
		w = ocr_words_parse(spec->str, &n);
		memset(&msg, 0, sizeof(msg));
		msg.subject = (char *)"";
		msg.body = (char *)"";
		rec = extract_message_ocr(&msg, &(struct extract_ocr_input){
						  .words = w, .n_words = n,
						  .gateway_text = true,
						  .signature = cases[i].ink },
					  &ctx);
		workflow_decide(rec, false, false, NULL, &d);
		if (strcmp(extract_verdict_name(rec->verdict), cases[i].verdict) != 0 ||
		    strcmp(d.state, cases[i].state) != 0 ||
		    g_strcmp0(workflow_letter(d.state), cases[i].letter) != 0)
			fail_msg("%s: %s, %s, letter %s (review: %s)", cases[i].what,
				 extract_verdict_name(rec->verdict), d.state,
				 workflow_letter(d.state), rec->review);
		/* A clerk is told which field and why. */
		if (cases[i].line != NULL && rec->verdict == EXTRACT_VERDICT_REVIEW)
			assert_non_null(strstr(rec->review, "confidence"));
		extract_record_free(rec);
		ocr_words_free(w, n);
		g_string_free(spec, TRUE);
		g_strfreev(lines);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_confidence_decides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
