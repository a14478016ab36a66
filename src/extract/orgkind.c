/* The kind of an organisation applicant, for the annual report's columns
 * (workflow/report.h).  A wrong column is worse than a question to the
 * clerk: only words that leave no doubt decide, and a name with words of
 * two kinds (a university's trading company) is left unknown. */
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

static const char *const org_kind_names[EXTRACT_ORG_KIND_COUNT] = {
	[EXTRACT_ORG_BUSINESS] = "business",
	[EXTRACT_ORG_RESEARCH] = "research",
	[EXTRACT_ORG_PUBLIC_INTEREST] = "public_interest",
	[EXTRACT_ORG_LEGAL_SERVICE] = "legal_service",
	[EXTRACT_ORG_OTHER] = "other",
};

struct org_word {
	const char *word;
	enum extract_org_kind kind;
};

/* Words of an organisation's name that say its kind.  有限责任公司 is
 * listed beside 有限公司 because it does not contain it. */
static const struct org_word org_name_words[] = {
	{ "有限公司", EXTRACT_ORG_BUSINESS },
	{ "有限责任公司", EXTRACT_ORG_BUSINESS },
	{ "股份", EXTRACT_ORG_BUSINESS },
	{ "集团", EXTRACT_ORG_BUSINESS },
	{ "研究院", EXTRACT_ORG_RESEARCH },
	{ "研究所", EXTRACT_ORG_RESEARCH },
	{ "大学", EXTRACT_ORG_RESEARCH },
	{ "学院", EXTRACT_ORG_RESEARCH },
	{ "律师事务所", EXTRACT_ORG_LEGAL_SERVICE },
	{ "法律援助", EXTRACT_ORG_LEGAL_SERVICE },
	{ "法律服务所", EXTRACT_ORG_LEGAL_SERVICE },
	{ "基金会", EXTRACT_ORG_PUBLIC_INTEREST },
	{ "协会", EXTRACT_ORG_PUBLIC_INTEREST },
	{ "志愿", EXTRACT_ORG_PUBLIC_INTEREST },
	{ "公益", EXTRACT_ORG_PUBLIC_INTEREST },
};

/* The options of the forms' 单位类型 box (the report's column headings and
 * their usual shorter forms), each naming one kind. */
static const struct org_word org_form_words[] = {
	{ "商业企业", EXTRACT_ORG_BUSINESS },
	{ "企业", EXTRACT_ORG_BUSINESS },
	{ "科研机构", EXTRACT_ORG_RESEARCH },
	{ "社会公益组织", EXTRACT_ORG_PUBLIC_INTEREST },
	{ "公益组织", EXTRACT_ORG_PUBLIC_INTEREST },
	{ "法律服务机构", EXTRACT_ORG_LEGAL_SERVICE },
	{ "其他", EXTRACT_ORG_OTHER },
	{ "其它", EXTRACT_ORG_OTHER },
};

/* The one kind the words found in text name; UNKNOWN when none does or
 * when two kinds are named. */
#define ORG_KIND_OF(text, words) org_kind_of(text, words, G_N_ELEMENTS(words))
static enum extract_org_kind
org_kind_of(const char *text, const struct org_word *words, size_t n)
{
	enum extract_org_kind found = EXTRACT_ORG_UNKNOWN;

	if (text == NULL)
		return EXTRACT_ORG_UNKNOWN;
	for (size_t i = 0; i < n; i++) {
		if (strstr(text, words[i].word) == NULL)
			continue;
		if (found != EXTRACT_ORG_UNKNOWN && found != words[i].kind)
			return EXTRACT_ORG_UNKNOWN;
		found = words[i].kind;
	}
	return found;
}

enum extract_org_kind
extract_org_kind(const char *name, const char *form_choice)
{
	enum extract_org_kind k = ORG_KIND_OF(form_choice, org_form_words);

	return k != EXTRACT_ORG_UNKNOWN ? k : ORG_KIND_OF(name, org_name_words);
}

const char *
extract_org_kind_name(enum extract_org_kind k)
{
	return (unsigned)k < EXTRACT_ORG_KIND_COUNT ? org_kind_names[k] : NULL;
}

int
extract_org_kind_from_name(const char *name, enum extract_org_kind *k_r)
{
	for (int k = 0; name != NULL && k < EXTRACT_ORG_KIND_COUNT; k++) {
		if (org_kind_names[k] != NULL && strcmp(org_kind_names[k], name) == 0) {
			*k_r = (enum extract_org_kind)k;
			return 0;
		}
	}
	return -1;
}
