/* The verdict on an application: what the office may do without a clerk.
 *
 * A correction notice (incomplete) or a receipt (complete) goes out by
 * itself, so both must rest on evidence that leaves no doubt.  Complete:
 * every required element (bureau rules Art. 4) present with HIGH
 * confidence and nothing invalid.  Incomplete: an element certainly
 * missing or invalid, every value found HIGH.  Anything else waits for a
 * clerk, with one reason per doubt: a guessed value, a label with nothing
 * after it where the value may lie below, and evidence that conflicts
 * (two names for the applicant, a written ID type the number contradicts,
 * an agent writing for a client), which is never resolved silently.
 */
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

/* The fields that carry each required element; one HIGH value among them
 * makes the element sure (the sender's address is a contact by itself). */
static const struct {
	unsigned element;
	enum extract_field fields[3];
	size_t n;
} elements[EXTRACT_ELEM_COUNT] = {
	{ EXTRACT_ELEM_NAME, { EXTRACT_FIELD_NAME }, 1 },
	{ EXTRACT_ELEM_ADDRESS, { EXTRACT_FIELD_ADDRESS }, 1 },
	{ EXTRACT_ELEM_IDENTITY_PROOF, { EXTRACT_FIELD_ID_NUMBER }, 1 },
	{ EXTRACT_ELEM_CONTACT,
	  { EXTRACT_FIELD_PHONE, EXTRACT_FIELD_EMAIL, EXTRACT_FIELD_FAX }, 3 },
	{ EXTRACT_ELEM_REQUEST, { EXTRACT_FIELD_REQUEST }, 1 },
	{ EXTRACT_ELEM_SIGNATURE, { EXTRACT_FIELD_SIGNATURE }, 1 },
	{ EXTRACT_ELEM_DATE, { EXTRACT_FIELD_DATE }, 1 },
};

/* Elements whose blank label is itself the answer: a form sent by e-mail
 * is neither signed nor dated by hand, so an empty 签名 or 日期 line means
 * "not given", wherever the text below it goes. */
#define BLANK_IS_CERTAIN (EXTRACT_ELEM_SIGNATURE | EXTRACT_ELEM_DATE)

/* A value quoted in a reason is cut to this many characters: a reason is
 * one line of `ogictl review`, and the clerk opens the case for the rest. */
#define REASON_VALUE_CHARS 40

/* Why a LOW value is a doubt, by the rule that read it (a prefix of its
 * name); rules not listed get the generic phrase, rules that give their
 * own reason (extract_review_add) none. */
static const struct {
	const char *rule;
	const char *doubt;
} doubts[] = {
	{ "quoted:", "was read from quoted text" },
	{ "cover-note:", "is the forwarder's, not the quoted application's" },
	{ "from-header", "is a guess from the From header" },
	{ "closing-signature", "is a guess from a closing line with no label" },
	{ "spaced-words", "is a guess from a word standing alone" },
	{ "form-label-wrap-", "may end before the line joined to it" },
	{ "form-label", "does not look like one" },
	{ "prose-request-no-verb",
	  "was read from a sentence without a request verb" },
	{ "date-day-month-order", NULL },
	{ "ocr:", NULL },
};

char *
extract_reason_value(const char *s)
{
	const char *end = s;
	char *v;

	for (int k = 0; k < REASON_VALUE_CHARS && *end != '\0'; k++)
		end = g_utf8_next_char(end);
	/* Never cut inside a run of digits: the head of an ID number is a
	 * shorter run the log's masking would not recognise as one. */
	if (*end != '\0' && extract_text_is_number_char(g_utf8_get_char(end)))
		while (end > s) {
			const char *prev = g_utf8_prev_char(end);

			if (!extract_text_is_number_char(g_utf8_get_char(prev)))
				break;
			end = prev;
		}
	v = g_strndup(s, (gsize)(end - s));
	g_strdelimit(v, "\n", ' ');
	if (*end != '\0') {
		char *longer = g_strconcat(v, "…", NULL);

		g_free(v);
		v = longer;
	}
	return v;
}

static void
doubt_low(struct extract_record *rec, enum extract_field f)
{
	const struct extract_field_info *in = &rec->info[f];
	const char *doubt = NULL;
	char *value, *shown;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(doubts); i++)
		if (in->rule != NULL && g_str_has_prefix(in->rule, doubts[i].rule))
			break;
	if (i < G_N_ELEMENTS(doubts) && doubts[i].doubt == NULL)
		return;
	doubt = i < G_N_ELEMENTS(doubts) ? doubts[i].doubt : NULL;
	value = extract_field_text(rec, f);
	shown = extract_reason_value(value != NULL ? value : "");
	if (doubt != NULL)
		extract_review_add(rec, "%s %s: %s", extract_field_name(f),
				   doubt, shown);
	else
		extract_review_add(rec, "%s is uncertain (%s): %s",
				   extract_field_name(f),
				   in->rule != NULL ? in->rule : "no rule", shown);
	g_free(shown);
	g_free(value);
}

/* A missing element with a label that had nothing after it while text
 * followed that was not taken: the value may be that text. */
static void
doubt_blank(struct extract_record *rec, unsigned element)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++) {
		if (elements[i].element != element)
			continue;
		for (size_t k = 0; k < elements[i].n; k++) {
			const struct extract_field_info *in =
				&rec->info[elements[i].fields[k]];
			char *line;

			if (in->source != EXTRACT_SRC_LABEL ||
			    in->confidence != EXTRACT_CONF_LOW)
				continue;
			line = extract_reason_value(in->line != NULL ? in->line : "");
			extract_review_add(rec, "%s: the label on line %u has "
					   "nothing after it: %s",
					   extract_element_name(element),
					   in->line_no, line);
			g_free(line);
		}
	}
}

unsigned
extract_verdict_element_of(enum extract_field f)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
		for (size_t k = 0; k < elements[i].n; k++)
			if (elements[i].fields[k] == f)
				return elements[i].element;
	return 0;
}

bool
extract_verdict_element_sure(const struct extract_record *rec, unsigned element)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
		for (size_t k = 0; k < elements[i].n; k++)
			if (elements[i].element == element &&
			    rec->info[elements[i].fields[k]].confidence ==
			    EXTRACT_CONF_HIGH)
				return true;
	return false;
}

static void
check_elements(struct extract_record *rec)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++) {
		bool high = false;

		if (rec->missing & elements[i].element) {
			if (!(elements[i].element & BLANK_IS_CERTAIN))
				doubt_blank(rec, elements[i].element);
			continue;
		}
		for (size_t k = 0; k < elements[i].n; k++)
			high |= rec->info[elements[i].fields[k]].confidence ==
				EXTRACT_CONF_HIGH;
		for (size_t k = 0; k < elements[i].n && !high; k++) {
			enum extract_field f = elements[i].fields[k];
			char *value = extract_field_text(rec, f);

			if (value != NULL)
				doubt_low(rec, f);
			g_free(value);
		}
	}
}

/* A name as compared: without the spaces and dots people put in or leave
 * out, Latin letters in one case. */
static char *
name_key(const char *s)
{
	static const char *const ignored[] = { " ", "\t", "\u3000", "·", ".", "•" };
	GString *k = g_string_new(NULL);

	for (const char *p = s; *p != '\0';) {
		bool skip = false;

		for (size_t i = 0; i < G_N_ELEMENTS(ignored) && !skip; i++)
			if (g_str_has_prefix(p, ignored[i])) {
				p += strlen(ignored[i]);
				skip = true;
			}
		if (!skip)
			g_string_append_c(k, g_ascii_tolower(*p++));
	}
	return g_string_free(k, FALSE);
}

bool
extract_same_name(const char *a, const char *b)
{
	char *ka, *kb;
	bool same;

	if (a == NULL || b == NULL)
		return false;
	ka = name_key(a);
	kb = name_key(b);
	same = strcmp(ka, kb) == 0;
	g_free(ka);
	g_free(kb);
	return same;
}

/* The signed name against the applicant's: an organisation signs with its
 * own name or by a person (its representative, contact or anyone it
 * sends); a person signs with their own name. */
static void
check_names(struct extract_record *rec)
{
	const char *sig = rec->signature_text;

	if (rec->name == NULL || sig == NULL || extract_same_name(rec->name, sig) ||
	    extract_same_name(rec->legal_rep, sig) ||
	    extract_same_name(rec->contact_person, sig) || extract_same_name(rec->agent, sig))
		return;
	if (rec->applicant_kind == EXTRACT_APPLICANT_ORGANISATION)
		return;
	extract_review_add(rec, "two different names for the applicant: %s / %s",
			   rec->name, sig);
}

/* The type a number is by its shape alone, when it can be nothing else. */
static enum extract_id_type
proven_shape(const char *id)
{
	if (extract_resident_id_valid(id))
		return EXTRACT_ID_RESIDENT;
	if (extract_uscc_well_formed(id))
		return EXTRACT_ID_USCC;
	return EXTRACT_ID_NONE;
}

static bool
valid_as(enum extract_id_type type, const char *id)
{
	switch (type) {
	case EXTRACT_ID_RESIDENT:
		return extract_resident_id_valid(id);
	case EXTRACT_ID_USCC:
		return extract_uscc_valid(id);
	case EXTRACT_ID_ORG_CODE:
		return extract_org_code_valid(id);
	case EXTRACT_ID_PASSPORT:
		return proven_shape(id) == EXTRACT_ID_NONE;
	case EXTRACT_ID_NONE:
	case EXTRACT_ID_OTHER:
		break;
	}
	/* Residence permits and licences carry resident IDs and credit
	 * codes: nothing to contradict. */
	return true;
}

/* A type the applicant wrote that the number contradicts: 护照 with a
 * valid resident ID, an organisation's 身份证 with a credit code.  A
 * person's mistyped resident ID passes GB 32100 by chance one time in 31
 * (corpus 075): it is an invalid resident ID, not a conflict. */
static void
check_id_type(struct extract_record *rec)
{
	const char *id = rec->id_number;
	enum extract_id_type shape;

	if (id == NULL ||
	    rec->info[EXTRACT_FIELD_ID_TYPE].source == EXTRACT_SRC_INFERRED ||
	    valid_as(rec->id_type, id))
		return;
	shape = proven_shape(id);
	if (shape == EXTRACT_ID_NONE || shape == rec->id_type ||
	    (shape == EXTRACT_ID_USCC &&
	     rec->applicant_kind != EXTRACT_APPLICANT_ORGANISATION))
		return;
	extract_review_add(rec, "ID type written as %s, but the number is a "
			   "valid %s",
			   rec->id_label != NULL ? rec->id_label :
			   extract_id_type_name(rec->id_type),
			   extract_id_type_name(shape));
}

/* Words that name no particular information: whose it is (你们的, 贵局),
 * how much (所有, 全部, 相关) and what kind (文件, 材料, 信息), and the
 * delivery or courtesy words a request sentence may carry on with (材料寄到
 * 我家, 谢谢).  A request made of these alone ("我要申请公开你们的文件，材料
 * 寄到我家") asks for nothing a clerk could look up (hold-out 5, 112). */
static const char *const vague_words[] = {
	"你们单位", "你们", "您们", "贵局", "贵单位", "贵机关", "你局", "你单位",
	"本局", "有关", "相关", "所有", "全部", "一切", "这些", "那些", "这个",
	"那个", "一些", "各种", "各类", "的", "政府信息", "公开信息", "信息",
	"文件", "材料", "资料", "内容", "东西", "情况", "公文", "数据",
	"寄到", "寄给", "邮寄", "寄", "发到", "发给", "发我", "给我", "我家",
	"家里", "邮箱", "我", "麻烦", "谢谢", "请", "一下", "就行", "即可",
	"your", "all", "any", "the", "relevant", "related", "information",
	"documents", "document", "files", "records", "data", "please", "to",
	"me", "my", "send", "them", "thanks", "thank", "you",
};

/* Fewer characters than this besides vague words: no particular
 * information named.  Two, so a year (2025年) or a subject (养老) counts. */
#define REQUEST_MIN_SPECIFIC_CHARS 2

static bool
request_is_vague(const char *req)
{
	unsigned specific = 0;

	for (const char *p = req; *p != '\0';) {
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(vague_words); i++)
			if (g_ascii_strncasecmp(p, vague_words[i],
						strlen(vague_words[i])) == 0)
				break;
		if (i < G_N_ELEMENTS(vague_words)) {
			p += strlen(vague_words[i]);
			continue;
		}
		if (!g_unichar_isspace(g_utf8_get_char(p)) &&
		    !g_unichar_ispunct(g_utf8_get_char(p)))
			specific++;
		p = g_utf8_next_char(p);
	}
	return specific < REQUEST_MIN_SPECIFIC_CHARS;
}

/* A request that names nothing a clerk could look up is not a confident
 * request, whatever rule read it: a clerk decides whether to ask. */
static void
check_request(struct extract_record *rec)
{
	char *shown;

	if (rec->request == NULL || !request_is_vague(rec->request))
		return;
	shown = extract_reason_value(rec->request);
	extract_review_add(rec, "request names no particular information: %s",
			   shown);
	g_free(shown);
}

void
extract_verdict_decide(struct extract_record *rec)
{
	if (rec->kind != EXTRACT_KIND_APPLICATION) {
		g_free(rec->review);
		rec->review = NULL;
		rec->verdict = EXTRACT_VERDICT_NONE;
		return;
	}
	check_elements(rec);
	check_request(rec);
	check_names(rec);
	check_id_type(rec);
	if (rec->agent != NULL)
		extract_review_add(rec, "written by an agent for the applicant: "
				   "%s for %s", rec->agent,
				   rec->name != NULL ? rec->name : "(no name)");
	rec->verdict = rec->review != NULL ? EXTRACT_VERDICT_REVIEW :
		       rec->missing != 0 || rec->invalid != 0 ?
		       EXTRACT_VERDICT_INCOMPLETE : EXTRACT_VERDICT_COMPLETE;
}
