#include "workflow/outcome.h"

#include <string.h>

#define R OUTCOME_OPT_REASON
#define W OUTCOME_OPT_WHERE
#define H (OUTCOME_OPT_HOLDER | OUTCOME_OPT_HOLDER_CONTACT)
#define WH OUTCOME_OPT_WITHHELD
#define A OUTCOME_OPT_ATTACH

/* What each decision obliges the clerk to say.  Published information is
 * told by where to get it (Art. 7(1)); provided information travels with
 * the letter, so it needs the files; a refusal must give its reason, and a
 * partial disclosure one for each withheld part (Regulation Art. 37); a
 * petition is sent on to its proper channel and a repeat application
 * names the earlier answer, both in the reason; the not-processed answers
 * for a publication say where it is sold or read (Regulation Art. 39(2));
 * "other" says what happened. */
static const struct outcome_info outcomes[] = {
	{ "published", OUTCOME_DISCLOSED, 0, "（一）予以公开", W, W },
	{ "provided", OUTCOME_DISCLOSED, 0, "（一）予以公开", A, A },
	{ "partial", OUTCOME_PARTIAL, 0,
	  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	  WH | R | A, WH | R | A },
	{ "refused.state_secret", OUTCOME_REFUSED, 1, "1.属于国家秘密", R, R },
	{ "refused.other_law", OUTCOME_REFUSED, 2,
	  "2.其他法律行政法规禁止公开", R, R },
	{ "refused.security", OUTCOME_REFUSED, 3, "3.危及“三安全一稳定”", R, R },
	{ "refused.third_party", OUTCOME_REFUSED, 4, "4.保护第三方合法权益", R, R },
	{ "refused.internal", OUTCOME_REFUSED, 5, "5.属于三类内部事务信息", R, R },
	{ "refused.process", OUTCOME_REFUSED, 6, "6.属于四类过程性信息", R, R },
	{ "refused.enforcement", OUTCOME_REFUSED, 7, "7.属于行政执法案卷", R, R },
	{ "refused.query", OUTCOME_REFUSED, 8, "8.属于行政查询事项", R, R },
	{ "unavailable.not_held", OUTCOME_UNAVAILABLE, 1,
	  "1.本机关不掌握相关政府信息", 0, R | H },
	{ "unavailable.new_info", OUTCOME_UNAVAILABLE, 2,
	  "2.没有现成信息需要另行制作", 0, R },
	{ "unavailable.unclear", OUTCOME_UNAVAILABLE, 3,
	  "3.补正后申请内容仍不明确", 0, R },
	{ "not_processed.petition", OUTCOME_NOT_PROCESSED, 1,
	  "1.信访举报投诉类申请", R, R },
	{ "not_processed.repeat", OUTCOME_NOT_PROCESSED, 2, "2.重复申请", R, R },
	{ "not_processed.publication", OUTCOME_NOT_PROCESSED, 3,
	  "3.要求提供公开出版物", W, W | R },
	{ "not_processed.abusive", OUTCOME_NOT_PROCESSED, 4,
	  "4.无正当理由大量反复申请", R, R },
	{ "not_processed.confirmation", OUTCOME_NOT_PROCESSED, 5,
	  "5.要求行政机关确认或重新出具已获取信息", 0, R },
	{ "other.no_correction", OUTCOME_OTHER, 1,
	  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	  0, R },
	{ "other.no_fee", OUTCOME_OTHER, 2,
	  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
	  0, R },
	{ "other.other", OUTCOME_OTHER, 3, "3.其他", R, R },
};

#undef R
#undef W
#undef H
#undef WH
#undef A

static const char *const family_rows[] = {
	[OUTCOME_DISCLOSED] = "（一）予以公开",
	[OUTCOME_PARTIAL] = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	[OUTCOME_REFUSED] = "（三）不予公开",
	[OUTCOME_UNAVAILABLE] = "（四）无法提供",
	[OUTCOME_NOT_PROCESSED] = "（五）不予处理",
	[OUTCOME_OTHER] = "（六）其他处理",
};

static const struct {
	unsigned bit;
	const char *name;
} option_names[] = {
	{ OUTCOME_OPT_REASON, "--reason" },
	{ OUTCOME_OPT_WHERE, "--where" },
	{ OUTCOME_OPT_HOLDER, "--holder" },
	{ OUTCOME_OPT_HOLDER_CONTACT, "--holder-contact" },
	{ OUTCOME_OPT_WITHHELD, "--withheld" },
	{ OUTCOME_OPT_ATTACH, "--attach" },
};

#define OUTCOME_REFUSED_PREFIX "refused."

const struct outcome_info *
outcome_all(size_t *n_r)
{
	*n_r = sizeof outcomes / sizeof outcomes[0];
	return outcomes;
}

const struct outcome_info *
outcome_find(const char *code)
{
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		if (strcmp(outcomes[i].code, code) == 0)
			return &outcomes[i];
	return NULL;
}

const char *
outcome_report_row(const char *code)
{
	const struct outcome_info *o = outcome_find(code);

	return o != NULL ? o->row : NULL;
}

const char *
outcome_family_row(enum outcome_family f)
{
	if (f < OUTCOME_DISCLOSED || f > OUTCOME_OTHER)
		return NULL;
	return family_rows[f];
}

const struct outcome_info *
outcome_refusal_ground(const char *ground)
{
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		if (outcomes[i].family == OUTCOME_REFUSED &&
		    strcmp(outcomes[i].code + strlen(OUTCOME_REFUSED_PREFIX),
			   ground) == 0)
			return &outcomes[i];
	return NULL;
}

bool
outcome_review_first(const struct outcome_info *o)
{
	return o->family == OUTCOME_REFUSED || o->family == OUTCOME_PARTIAL;
}

const char *
outcome_option_name(unsigned opt)
{
	for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++)
		if (option_names[i].bit == opt)
			return option_names[i].name;
	return "?";
}

int
outcome_check_options(const struct outcome_info *o, unsigned given,
		      size_t n_withheld, size_t n_reasons,
		      struct ogi_error *err)
{
	for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++) {
		unsigned bit = option_names[i].bit;

		if ((o->required & bit) && !(given & bit)) {
			error_set(err, "--outcome %s needs %s", o->code,
				  option_names[i].name);
			return -1;
		}
		if (!(o->allowed & bit) && (given & bit)) {
			error_set(err, "%s does not apply to --outcome %s",
				  option_names[i].name, o->code);
			return -1;
		}
	}
	if ((given & OUTCOME_OPT_HOLDER_CONTACT) && !(given & OUTCOME_OPT_HOLDER)) {
		error_set(err, "--holder-contact needs --holder");
		return -1;
	}
	if (o->family == OUTCOME_PARTIAL && n_reasons != n_withheld) {
		error_set(err, "--outcome partial needs one --reason for each "
			  "--withheld part, in the same order (%zu parts, %zu "
			  "reasons)", n_withheld, n_reasons);
		return -1;
	}
	if (o->family != OUTCOME_PARTIAL && n_reasons > 1) {
		error_set(err, "--outcome %s takes one --reason", o->code);
		return -1;
	}
	return 0;
}
