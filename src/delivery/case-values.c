#include "delivery/case-values.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "letter/render.h"
#include "workflow/rules.h"

/* What a correction notice says for each element: the name of the element
 * and what the applicant must send.  Invalid fields are told apart from
 * missing ones, because "send it" and "check it" are different requests. */
struct case_text {
	unsigned bit;
	const char *label;
	const char *what;
};

static const struct case_text case_missing_text[] = {
	{ EXTRACT_ELEM_NAME, "申请人姓名或者名称",
	  "请写明申请人的姓名；法人或者其他组织请写明全称。" },
	{ EXTRACT_ELEM_ADDRESS, "申请人通信地址",
	  "请提供能够收到本机关文书的通信地址。" },
	{ EXTRACT_ELEM_IDENTITY_PROOF, "申请人身份证明",
	  "请提供身份证件的名称和号码；法人或者其他组织请提供统一社会信用代码。" },
	{ EXTRACT_ELEM_CONTACT, "申请人联系方式",
	  "请提供联系电话、电子邮箱或者传真号码。" },
	{ EXTRACT_ELEM_REQUEST, "所需政府信息的内容描述",
	  "请写明所需政府信息的名称、文号或者其他便于本机关查询的特征。" },
	{ EXTRACT_ELEM_SIGNATURE, "申请人签名或者盖章",
	  "请在申请书上签名或者盖章后，以扫描件、传真或者信函方式提交。" },
	{ EXTRACT_ELEM_DATE, "申请时间", "请写明提出申请的日期。" },
};

static const struct case_text case_invalid_text[] = {
	{ EXTRACT_INVALID_ID_NUMBER, "证件号码",
	  "所填证件号码未能通过校验，请核对后重新提供。" },
	{ EXTRACT_INVALID_DATE, "申请时间",
	  "所填日期不是有效日期或者晚于本机关收到申请之日，请核对后重新填写。" },
	{ EXTRACT_INVALID_POSTCODE, "邮政编码", "邮政编码应为六位数字，请核对。" },
	{ EXTRACT_INVALID_PHONE, "联系电话", "所填电话号码无法识别，请核对。" },
	{ EXTRACT_INVALID_EMAIL, "电子邮箱", "所填电子邮箱地址格式不正确，请核对。" },
};

/* The record's strings a letter names (extract.h); letter NULL: none. */
static const struct {
	const char *letter;
	size_t offset;
} case_record_values[] = {
#define CASE_RECORD_VALUE(field, object, key, label, letter) \
	{ letter, offsetof(struct extract_record, field) },
	EXTRACT_APPLICATION_STRINGS(CASE_RECORD_VALUE)
#undef CASE_RECORD_VALUE
};

static const char *
case_delivery_cn(enum extract_delivery d)
{
	switch (d) {
	case EXTRACT_DELIVERY_EMAIL: return "电子邮件";
	case EXTRACT_DELIVERY_FAX: return "传真";
	case EXTRACT_DELIVERY_POST: return "邮寄";
	case EXTRACT_DELIVERY_PICKUP: return "自行领取";
	default: return NULL;
	}
}

static const char *
case_medium_cn(enum extract_medium m)
{
	switch (m) {
	case EXTRACT_MEDIUM_PAPER: return "纸面";
	case EXTRACT_MEDIUM_ELECTRONIC: return "电子文档";
	default: return NULL;
	}
}

/* Sets key unless value is NULL or empty (templates test emptiness). */
static int
case_set(struct letter_values *vals, const char *key, const char *value,
	 struct ogi_error *err)
{
	if (value == NULL || *value == '\0')
		return 0;
	return letter_values_set(vals, key, value, err);
}

static int
case_set_date(struct letter_values *vals, const char *key, const char *iso,
	      struct ogi_error *err)
{
	char *cn;
	int rc;

	if (iso == NULL || *iso == '\0')
		return 0;
	if (letter_date_cn(iso, &cn, err) != 0)
		return -1;
	rc = letter_values_set(vals, key, cn, err);
	g_free(cn);
	return rc;
}

/* The office's own wording when it has one, else the law's. */
static const char *
case_pattern(const char *office, const char *legal)
{
	return office != NULL && *office != '\0' ? office : legal;
}

static int
case_remedy(const struct config_office *o, const char *pattern,
	    struct letter_values *vals, const char *key, struct ogi_error *err)
{
	char *s;
	int rc;

	if (letter_remedy_text(pattern, o->review_body, o->court, &s, err) != 0)
		return -1;
	rc = letter_values_set(vals, key, s, err);
	g_free(s);
	return rc;
}

int
delivery_office_values(const struct config *cfg, const struct letter_legal *legal,
		  struct letter_values *vals, struct ogi_error *err)
{
	const struct config_office *o = &cfg->office;
	const struct {
		const char *key;
		const char *value;
	} plain[] = {
		{ "office.name", o->name },
		{ "office.short_name", o->short_name },
		{ "office.address", o->address },
		{ "office.postcode", o->postcode },
		{ "office.phone", o->phone },
		{ "office.email", o->email },
		{ "office.fax", o->fax },
		{ "office.review_body", o->review_body },
		{ "office.court", o->court },
		{ "office.seal_image", o->seal_image },
	};
	static const char *const periods[] = {
		"period.reply", "period.extension", "period.correction",
	};
	struct rules rules;
	char *s;
	int rc = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
		if (case_set(vals, plain[i].key, plain[i].value, err) != 0)
			return -1;
	if (case_remedy(o, case_pattern(o->remedy, legal->remedy), vals,
			"office.remedy", err) != 0 ||
	    case_remedy(o, case_pattern(o->remedy_refusal, legal->remedy_refusal),
			vals, "office.remedy_refusal", err) != 0)
		return -1;
	/* The reply period and the longest extension are both the rules
	 * profile's number of working days (workflow/rules.h). */
	rules_from_config(cfg, &rules);
	if (letter_workdays_cn(rules.reply_days, &s, err) != 0)
		return -1;
	for (size_t i = 0; i < G_N_ELEMENTS(periods) && rc == 0; i++)
		rc = letter_values_set(vals, periods[i], s, err);
	g_free(s);
	return rc;
}

/* Appends a "missing" item for each of the n texts whose bit is in bits. */
static int
case_add_missing(struct letter_values *vals, unsigned bits,
		 const struct case_text *texts, size_t n, struct ogi_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct letter_values *item;

		if ((bits & texts[i].bit) &&
		    (letter_values_append(vals, "missing", &item, err) != 0 ||
		     letter_values_set(item, "label", texts[i].label, err) != 0 ||
		     letter_values_set(item, "what", texts[i].what, err) != 0))
			return -1;
	}
	return 0;
}

/* Missing elements first, then invalid fields: extraction never reports one
 * field as both, so each is listed once. */
static int
case_missing_list(const struct extract_record *r, struct letter_values *vals,
		  struct ogi_error *err)
{
	if (case_add_missing(vals, r->missing, case_missing_text,
			     G_N_ELEMENTS(case_missing_text), err) != 0)
		return -1;
	return case_add_missing(vals, r->invalid, case_invalid_text,
				G_N_ELEMENTS(case_invalid_text), err);
}

static int
case_docnum(const struct config *cfg, const struct letter_legal *legal,
	    const char *letter_date, struct letter_values *vals,
	    struct ogi_error *err)
{
	GString *draft = g_string_new(case_pattern(cfg->office.docnum_format,
						   legal->docnum_format));
	char *num;
	int rc;

	/* A draft shows where the number goes without taking one. */
	g_string_replace(draft, "{seq}", "×", 0);
	rc = letter_docnum_format(draft->str, cfg->office.short_name,
				  atoi(letter_date), 1, &num, err);
	g_string_free(draft, TRUE);
	if (rc != 0)
		return -1;
	rc = letter_values_set(vals, "case.docnum", num, err);
	g_free(num);
	return rc;
}

int
delivery_case_values(const struct registry_case *c, const struct config *cfg,
		const struct letter_legal *legal, const char *letter_date,
		const char *docnum, struct letter_values **vals_r,
		struct ogi_error *err)
{
	struct letter_values *vals = letter_values_new();
	const struct extract_record *r = &c->rec;
	char received[11];
	const struct {
		const char *key;
		const char *value;
	} plain[] = {
		{ "case.id", c->id },
		{ "case.channel", strcmp(c->channel, "fax") == 0 ? "传真" : "电子邮件" },
		{ "case.medium", case_medium_cn(r->medium) },
		{ "case.delivery", case_delivery_cn(r->delivery) },
		{ "case.docnum", docnum },
	};

	*vals_r = NULL;
	clock_date(cfg->timezone, c->received_at, received);
	if (delivery_office_values(cfg, legal, vals, err) != 0)
		goto fail;
	for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
		if (case_set(vals, plain[i].key, plain[i].value, err) != 0)
			goto fail;
	for (size_t i = 0; i < G_N_ELEMENTS(case_record_values); i++)
		if (case_record_values[i].letter != NULL &&
		    case_set(vals, case_record_values[i].letter,
			     *(char *const *)((const char *)r +
					      case_record_values[i].offset),
			     err) != 0)
			goto fail;
	if (docnum == NULL && case_docnum(cfg, legal, letter_date, vals, err) != 0)
		goto fail;
	if (case_set_date(vals, "dates.received", received, err) != 0 ||
	    case_set_date(vals, "dates.deadline", c->deadline, err) != 0 ||
	    case_set_date(vals, "dates.letter", letter_date, err) != 0)
		goto fail;
	if (case_missing_list(r, vals, err) != 0)
		goto fail;
	*vals_r = vals;
	return 0;
fail:
	letter_values_free(vals);
	return -1;
}

char *
delivery_letter_template_path(const struct config *cfg, const char *kind)
{
	return g_strdup_printf("%s/%s.tpl", cfg->letters.templates_dir, kind);
}

void
delivery_letter_font(const char *spec, char **path_r, int *index_r)
{
	const char *colon = strrchr(spec, ':');

	if (colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		*path_r = g_strndup(spec, (gsize)(colon - spec));
		*index_r = atoi(colon + 1);
	} else {
		*path_r = g_strdup(spec);
		*index_r = 0;
	}
}

int
delivery_letter_render(const struct config *cfg, const char *kind,
		       delivery_values_fn fn, void *ctx, const char *outpath,
		       char **title_r, struct ogi_error *err)
{
	struct letter_values *vals = NULL;
	struct letter_template *tpl = NULL;
	struct letter_legal *legal = NULL;
	struct letter_doc *doc = NULL;
	struct letter_fonts fonts;
	char *path, *legal_path, *fpath[4];
	int rc = -1;

	path = delivery_letter_template_path(cfg, kind);
	legal_path = g_build_filename(cfg->letters.templates_dir, LETTER_LEGAL_FILE,
				      NULL);
	delivery_letter_font(cfg->letters.font_body, &fpath[0], &fonts.body_index);
	delivery_letter_font(cfg->letters.font_title, &fpath[1], &fonts.title_index);
	delivery_letter_font(cfg->letters.font_kai, &fpath[2], &fonts.kai_index);
	delivery_letter_font(cfg->letters.font_fallback, &fpath[3], &fonts.fallback_index);
	fonts.body = fpath[0];
	fonts.title = fpath[1];
	fonts.kai = fpath[2];
	fonts.fallback = fpath[3];

	if (letter_template_load(path, &tpl, err) == 0 &&
	    letter_legal_load(legal_path, &legal, err) == 0 &&
	    fn(legal, ctx, &vals, err) == 0 &&
	    letter_template_expand(tpl, vals, &doc, err) == 0 &&
	    letter_render(doc, &fonts, outpath, NULL, err) == 0)
		rc = 0;
	if (rc == 0 && title_r != NULL)
		*title_r = g_strdup(doc->title != NULL ? doc->title : "");
	letter_doc_free(doc);
	letter_values_free(vals);
	letter_legal_free(legal);
	letter_template_free(tpl);
	for (size_t i = 0; i < G_N_ELEMENTS(fpath); i++)
		g_free(fpath[i]);
	g_free(legal_path);
	g_free(path);
	return rc;
}
