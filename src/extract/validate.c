/* Checks of the values read (validate.c): telephone numbers, mail
 * addresses, postcodes, the identity document's type (what was written
 * beside the number wins over the number's shape; idnum.c checks the number
 * itself), a date after receipt, and a request that names no information.
 * They decide rec->invalid and the confidence of an inferred ID type; they
 * never change what was read, only judge it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

/* --- numbers without labels ---------------------------------------------- */

bool
extract_validate_is_mobile(const char *d, size_t n)
{
	return n == MOBILE_DIGITS && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* --- checks ------------------------------------------------------------------ */

static bool
digits_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!extract_text_is_digit(s[i]))
			return false;
	return n > 0;
}

/* A local number has 7 or 8 digits, an area code 3 or 4 (010, 0475), a
 * number written with its area code and no separator 10 to 12, and an
 * extension at most 6. */
#define LOCAL_DIGITS_MIN 7
#define LOCAL_DIGITS_MAX 8
#define AREA_CODE_MIN 3
#define AREA_CODE_MAX 4
#define EXTENSION_MAX_DIGITS 6

/* One telephone number: a mobile 1[3-9]x (11 digits), a landline with its
 * area code 0xx(x)-xxxxxxx(x), or a local 7-8 digit number; an extension
 * may follow. */
static bool
phone_number_valid(const char *in)
{
	static const char *const ext[] = { "转", "分机", "ext.", "ext", "x", "#" };
	char *s = g_strdup(in), *groups[5];
	size_t n = 0, len;
	bool ok = false;

	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
		char *e = strstr(s, ext[i]);

		if (e != NULL && e > s && digits_only(e + strlen(ext[i]),
						      strlen(e + strlen(ext[i]))))
			*e = '\0';
	}
	for (char *p = s; *p != '\0'; p++)
		if (*p == '(' || *p == ')')
			*p = *p == '(' ? ' ' : '-';
	g_strstrip(s);
	{
		char *p = s;

		if (strncmp(p, "+86", 3) == 0)
			p += 3;
		else if (strncmp(p, "0086", 4) == 0)
			p += 4;
		while (*p == '-' || *p == ' ')
			p++;
		for (char *g = strtok(p, "- "); g != NULL && n < G_N_ELEMENTS(groups);
		     g = strtok(NULL, "- "))
			groups[n++] = g;
	}
	for (size_t i = 0; i < n; i++)
		if (!digits_only(groups[i], strlen(groups[i])))
			goto out;
	if (n == 0)
		goto out;
	if (groups[0][0] == '1') {
		char joined[32] = "";

		for (size_t i = 0; i < n && strlen(joined) + strlen(groups[i]) < 31; i++)
			strcat(joined, groups[i]);
		ok = extract_validate_is_mobile(joined, strlen(joined));
		goto out;
	}
	len = strlen(groups[0]);
	if (n == 1) {
		ok = (groups[0][0] == '0' && len >= AREA_CODE_MIN + LOCAL_DIGITS_MIN &&
		      len <= AREA_CODE_MAX + LOCAL_DIGITS_MAX) ||
		     (len >= LOCAL_DIGITS_MIN && len <= LOCAL_DIGITS_MAX);
	} else if (groups[0][0] == '0' && len >= AREA_CODE_MIN &&
		   len <= AREA_CODE_MAX) {
		size_t l = strlen(groups[1]);

		ok = l >= LOCAL_DIGITS_MIN && l <= LOCAL_DIGITS_MAX &&
		     groups[1][0] != '0' &&
		     (n == 2 || (n == 3 && strlen(groups[2]) <= EXTENSION_MAX_DIGITS));
	} else {
		ok = len >= LOCAL_DIGITS_MIN && len <= LOCAL_DIGITS_MAX && n == 2 &&
		     strlen(groups[1]) <= EXTENSION_MAX_DIGITS;
	}
out:
	g_free(s);
	return ok;
}

/* Numbers from outside the mainland, written the way their owners write
 * them: a calling code other than 86 after "+" or "00" (+852 9123 4567,
 * 00853 6612 3456, +1 415 555 0134), or a neighbour's code in brackets or
 * set apart by a space or hyphen ((852) 9123-4567, 886 912 345 678).  A
 * neighbour's number has its region's length; any other the length E.164
 * allows. */
enum phone_origin { PHONE_MAINLAND, PHONE_FOREIGN, PHONE_FOREIGN_BAD };

static const struct {
	const char *code;
	size_t min, max; /* digits after the code and any trunk 0 */
} neighbour_codes[] = {
	{ "852", 8, 8 }, /* Hong Kong: eight-digit numbers */
	{ "853", 8, 8 }, /* Macau: eight-digit numbers */
	{ "886", 8, 9 }, /* Taiwan: 9-digit mobiles, 8-9 digit landlines */
};
#define PHONE_E164_MAX_DIGITS 15  /* ITU-T E.164: calling code and number */
#define PHONE_FOREIGN_MIN_DIGITS 8 /* a calling code and a national number
                                      of at least seven digits, the
                                      shortest applicants write */

static enum phone_origin
phone_origin(const char *s)
{
	char digits[PHONE_E164_MAX_DIGITS + 2];
	size_t n = 0, k, first_group = 0;
	bool bracket, prefixed = false;
	const char *p = s;

	while (extract_text_is_space(*p))
		p++;
	bracket = *p == '(';
	p += bracket;
	if (*p == '+') {
		prefixed = true;
		p++;
	} else if (p[0] == '0' && p[1] == '0' && p[2] >= '1' && p[2] <= '9') {
		prefixed = true;
		p += 2;
	}
	for (; *p != '\0'; p++) {
		if (extract_text_is_digit(*p)) {
			if (n == sizeof(digits) - 1)
				return prefixed ? PHONE_FOREIGN_BAD : PHONE_MAINLAND;
			digits[n++] = *p;
		} else if (strchr(" -.()", *p) == NULL) {
			return prefixed ? PHONE_FOREIGN_BAD : PHONE_MAINLAND;
		} else if (n > 0 && first_group == 0) {
			first_group = n;
		}
	}
	digits[n] = '\0';
	if (strncmp(digits, "86", 2) == 0 && prefixed)
		return PHONE_MAINLAND;
	for (k = 0; k < G_N_ELEMENTS(neighbour_codes); k++) {
		const char *code = neighbour_codes[k].code, *national;

		if (strncmp(digits, code, strlen(code)) != 0)
			continue;
		/* Without "+", only a code set apart says it is one. */
		if (!prefixed && !bracket && first_group != strlen(code))
			return PHONE_MAINLAND;
		national = digits + strlen(code);
		national += *national == '0';
		return strlen(national) >= neighbour_codes[k].min &&
		       strlen(national) <= neighbour_codes[k].max ?
		       PHONE_FOREIGN : PHONE_FOREIGN_BAD;
	}
	if (!prefixed)
		return PHONE_MAINLAND;
	return n >= PHONE_FOREIGN_MIN_DIGITS && n <= PHONE_E164_MAX_DIGITS ?
	       PHONE_FOREIGN : PHONE_FOREIGN_BAD;
}

/* Several numbers may be given (手机/座机); each must be one.  Remarks in
 * brackets and words are not part of a number.  *foreign_r: whether one
 * is from outside the mainland (phone_origin()). */
static bool
phone_valid(const char *v, bool *foreign_r)
{
	static const char *const seps[] = { "/", "、", ",", ";", "或" };
	GString *clean = g_string_new(NULL);
	const char *end = v + strlen(v);
	bool ok = true;
	size_t pieces = 0;
	enum phone_origin origin;

	for (const char *p = v; p < end;) {
		const char *w = extract_text_word_at(p, end, seps, G_N_ELEMENTS(seps));

		if (w != NULL) {
			g_string_append_c(clean, '|');
			p += strlen(w);
		} else if (*p == '(' && strchr(p, ')') != NULL &&
			   strcspn(p, "0123456789") > (size_t)(strchr(p, ')') - p)) {
			p = strchr(p, ')') + 1;
		} else if (extract_text_has_prefix(p, end, "转") || extract_text_has_prefix(p, end, "分机")) {
			g_string_append(clean, "转");
			p += extract_text_has_prefix(p, end, "转") ? strlen("转") : strlen("分机");
		} else if ((unsigned char)*p >= 0x80) {
			p = extract_text_next_char(p, end);
		} else {
			g_string_append_c(clean, *p++);
		}
	}
	{
		char **parts = g_strsplit(clean->str, "|", -1);

		for (char **q = parts; *q != NULL; q++) {
			char *piece = g_strstrip(*q), *joined;

			if (*piece == '\0')
				continue;
			pieces++;
			origin = phone_origin(piece);
			if (origin != PHONE_MAINLAND) {
				*foreign_r = true;
				ok &= origin == PHONE_FOREIGN;
				continue;
			}
			joined = g_strdup(piece);
			{
				char *o = joined;

				for (char *c = joined; *c != '\0'; c++)
					if (*c != ' ')
						*o++ = *c;
				*o = '\0';
			}
			if (!phone_number_valid(joined)) {
				/* 13800138000 010-12345678: two numbers. */
				char **words = g_strsplit_set(piece, " ", -1);
				bool all = true;
				size_t nw = 0;

				for (char **w = words; *w != NULL; w++)
					if (**w != '\0') {
						nw++;
						all &= phone_number_valid(*w);
					}
				ok &= all && nw > 1;
				g_strfreev(words);
			}
			g_free(joined);
		}
		g_strfreev(parts);
	}
	g_string_free(clean, TRUE);
	return ok && pieces > 0;
}

static bool
email_valid(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' || at[1] == '.')
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if (!extract_text_is_alnum(*p) && strchr("._%+-@", *p) == NULL)
			return false;
	return true;
}

static char *
without_spaces(char *s)
{
	char *o = s;

	if (s == NULL)
		return NULL;
	for (char *p = s; *p != '\0'; p++)
		if (!extract_text_is_space(*p))
			*o++ = *p;
	*o = '\0';
	return s;
}

static enum extract_id_type
id_type_of_word(const char *s)
{
	enum extract_id_type best = EXTRACT_ID_NONE;
	size_t best_len = 0;

	for (size_t i = 0; s != NULL && i < extract_lexicon_id_words_n; i++) {
		size_t n = strlen(extract_lexicon_id_words[i].word);

		if (n > best_len && strstr(s, extract_lexicon_id_words[i].word) != NULL) {
			best = extract_lexicon_id_words[i].type;
			best_len = n;
		}
	}
	if (s != NULL && best == EXTRACT_ID_NONE)
		best = EXTRACT_ID_OTHER;
	return best;
}

/* A resident ID has 18 characters (GB 11643; 15 digits before 1999), a
 * credit code 18 (GB 32100); a passport one or two letters and digits, 8
 * to 10 characters in all (China's E12345678, most others' 9). */
#define RESIDENT_ID_LEN 18
#define RESIDENT_ID_OLD_LEN 15
#define USCC_LEN 18
#define PASSPORT_LEN_MIN 8
#define PASSPORT_LEN_MAX 10

/* The type a number's shape says, when nothing written says it.  A valid
 * resident ID comes first; a credit code must be one by its structure,
 * since a mistyped resident ID passes GB 32100's check one time in 31. */
static enum extract_id_type
id_type_of_shape(const char *id)
{
	size_t n = strlen(id);

	if (extract_resident_id_valid(id))
		return EXTRACT_ID_RESIDENT;
	if (extract_uscc_well_formed(id))
		return EXTRACT_ID_USCC;
	if ((n == RESIDENT_ID_LEN && digits_only(id, RESIDENT_ID_LEN - 1) &&
	     (extract_text_is_digit(id[RESIDENT_ID_LEN - 1]) ||
	      id[RESIDENT_ID_LEN - 1] == 'X')) ||
	    (n == RESIDENT_ID_OLD_LEN && digits_only(id, RESIDENT_ID_OLD_LEN)))
		return EXTRACT_ID_RESIDENT;
	if (n == USCC_LEN &&
	    strspn(id, "0123456789ABCDEFGHJKLMNPQRTUWXY") == USCC_LEN)
		return EXTRACT_ID_USCC;
	if (n >= PASSPORT_LEN_MIN && n <= PASSPORT_LEN_MAX &&
	    g_ascii_isalpha(id[0]) &&
	    digits_only(id + (g_ascii_isalpha(id[1]) ? 2 : 1),
			n - (g_ascii_isalpha(id[1]) ? 2 : 1)))
		return EXTRACT_ID_PASSPORT;
	return EXTRACT_ID_OTHER;
}

/* The type a number's shape says is sure only when the number is valid
 * for it. */
static enum extract_confidence
shape_confidence(enum extract_id_type type, const char *id)
{
	return (type == EXTRACT_ID_RESIDENT && extract_resident_id_valid(id)) ||
	       (type == EXTRACT_ID_USCC && extract_uscc_well_formed(id)) ?
	       EXTRACT_CONF_HIGH : EXTRACT_CONF_LOW;
}

void
extract_validate_record_id(struct extract_record *rec, struct found *f0,
			   struct found *f1,
	  struct prov *prov)
{
	struct found *f = f0->id_number != NULL || f0->id_type_text != NULL ||
			  f0->id_word != NULL ? f0 : f1;
	enum extract_id_type type = f->id_label_type;
	char *label = NULL;

	if (f->id_type_text != NULL) {
		if (type == EXTRACT_ID_NONE)
			type = id_type_of_word(f->id_type_text);
		label = g_strdup(f->id_type_text);
	} else if (f->id_word != NULL) {
		if (type == EXTRACT_ID_NONE)
			type = id_type_of_word(f->id_word);
		label = g_strdup(f->id_word);
	} else if (f->id_label != NULL) {
		label = g_strdup(f->id_label);
	}
	rec->id_number = f->id_number;
	f->id_number = NULL;
	prov[EXTRACT_FIELD_ID_NUMBER] = rec->id_number != NULL ?
		f->prov[EXTRACT_FIELD_ID_NUMBER] :
		extract_assemble_evidence(f0, f1, EXTRACT_FIELD_ID_NUMBER);
	prov[EXTRACT_FIELD_ID_TYPE] = f->prov[EXTRACT_FIELD_ID_TYPE];
	/* The type the applicant wrote wins over the number's shape: a
	 * resident ID that fails its check is a mistyped one, never a
	 * credit code that happens to pass GB 32100's. */
	if (rec->id_number != NULL) {
		const char *id = rec->id_number;
		bool written = type != EXTRACT_ID_NONE;

		if (!written) {
			type = id_type_of_shape(id);
			prov[EXTRACT_FIELD_ID_TYPE] = prov[EXTRACT_FIELD_ID_NUMBER];
			prov[EXTRACT_FIELD_ID_TYPE].src = EXTRACT_SRC_INFERRED;
			prov[EXTRACT_FIELD_ID_TYPE].rule = "id-shape";
			prov[EXTRACT_FIELD_ID_TYPE].word = NULL;
			prov[EXTRACT_FIELD_ID_TYPE].conf =
				shape_confidence(type, id);
		}
		if ((type == EXTRACT_ID_RESIDENT && !extract_resident_id_valid(id)) ||
		    (type == EXTRACT_ID_USCC &&
		     !(written ? extract_uscc_valid(id) :
				 extract_uscc_well_formed(id))) ||
		    (type == EXTRACT_ID_ORG_CODE && !extract_org_code_valid(id)))
			rec->invalid |= EXTRACT_INVALID_ID_NUMBER;
	}
	rec->id_type = type;
	rec->id_label = type != EXTRACT_ID_NONE ? label : NULL;
	if (rec->id_label == NULL)
		g_free(label);
}

void
extract_validate_record_date(struct extract_record *rec, const struct found *f0,
	    const struct found *f1, const struct extract_context *ctx,
	    struct prov *prov)
{
	const struct found *f = f0->date_rc != 0 ? f0 : f1;

	prov[EXTRACT_FIELD_DATE] = f->date_rc != 0 ? f->prov[EXTRACT_FIELD_DATE] :
		extract_assemble_evidence(f0, f1, EXTRACT_FIELD_DATE);
	if (f->date_rc == 0)
		return;
	if (strlen(f->date) == 10)
		memcpy(rec->date, f->date, sizeof(rec->date));
	if (f->date_rc == EXTRACT_DATE_AMBIGUOUS) {
		prov[EXTRACT_FIELD_DATE].conf = EXTRACT_CONF_LOW;
		prov[EXTRACT_FIELD_DATE].rule = "date-day-month-order";
		prov[EXTRACT_FIELD_DATE].word = NULL;
		extract_review_add(rec, "the date's day and month could be "
				   "either way round: %s", rec->date);
	}
	if (f->date_rc < 0 ||
	    (ctx != NULL && ctx->today != NULL && rec->date[0] != '\0' &&
	     strcmp(rec->date, ctx->today) > 0))
		rec->invalid |= EXTRACT_INVALID_DATE;
	if (f->date_rc < 0 && rec->date[0] == '\0')
		g_strlcpy(rec->date, f->date, sizeof(rec->date));
}

/* A mainland postcode has six digits; Taiwan's three, or five or six
 * (3+2, 3+3).  An address in Taiwan (folded) names it or starts with one of
 * its six municipalities. */
#define POSTCODE_DIGITS 6
#define TAIWAN_POSTCODE_SHORT 3   /* the district's code alone */
#define TAIWAN_POSTCODE_MIDDLE 5  /* 3+2, before 2020's 3+3 */
static const char *const taiwan_cities[] = {
	"台北市", "新北市", "桃园市", "台中市", "台南市", "高雄市",
};

static bool
postcode_valid(const char *code, const char *address)
{
	size_t n = strlen(code);
	bool taiwan = address != NULL &&
		(strstr(address, "台湾") != NULL ||
		 extract_text_starts_with_any(address, taiwan_cities,
					      G_N_ELEMENTS(taiwan_cities)));

	if (!digits_only(code, n))
		return false;
	return n == POSTCODE_DIGITS ||
	       (taiwan && (n == TAIWAN_POSTCODE_SHORT ||
			   n == TAIWAN_POSTCODE_MIDDLE));
}

void
extract_validate_record_contact(struct extract_record *rec)
{
	if (rec->postcode != NULL) {
		without_spaces(rec->postcode);
		if (!postcode_valid(rec->postcode, rec->address))
			rec->invalid |= EXTRACT_INVALID_POSTCODE;
	}
	if (rec->phone != NULL) {
		bool foreign = false;

		if (!phone_valid(rec->phone, &foreign))
			rec->invalid |= EXTRACT_INVALID_PHONE;
		/* Spaces group a foreign number the way its owner reads it. */
		if (!foreign)
			without_spaces(rec->phone);
	}
	if (rec->email != NULL) {
		char *mail = extract_labels_email_token(rec->email);

		if (mail != NULL) {
			g_free(rec->email);
			rec->email = mail;
		}
		without_spaces(rec->email);
		if (!email_valid(rec->email))
			rec->invalid |= EXTRACT_INVALID_EMAIL;
	}
	if (rec->fax != NULL && phone_origin(rec->fax) == PHONE_MAINLAND)
		without_spaces(rec->fax);
}

/* --- a request that asks for nothing ------------------------------------ */

/* A request that is only a question or a complaint names nothing: the
 * element is missing.  One that asks a question about named information
 * (请问2026年的调整文件在哪里？) may be a request: a clerk decides.  One
 * that names information about a complaint (投诉案件的处理决定书) is a
 * request like any other. */
void
extract_validate_question_request(struct extract_record *rec, struct prov *prov)
{
	const char *r = rec->request;
	const char *end = r != NULL ? r + strlen(r) : NULL;
	bool question, complaint;

	if (r == NULL)
		return;
	question = strchr(r, '?') != NULL || strstr(r, "？") != NULL ||
		   extract_text_word_at(r, end, EXTRACT_LEXICON(question_words)) != NULL ||
		   (g_str_has_prefix(r, "我") &&
		    extract_text_contains_any(r, EXTRACT_LEXICON(question_words)));
	complaint = extract_text_contains_any(r, EXTRACT_LEXICON(complaint_words));
	if (!question && !complaint)
		return;
	if (extract_text_contains_any(r, EXTRACT_LEXICON(information_nouns))) {
		if (question) {
			prov[EXTRACT_FIELD_REQUEST].conf = EXTRACT_CONF_LOW;
			prov[EXTRACT_FIELD_REQUEST].rule = "request-question";
			prov[EXTRACT_FIELD_REQUEST].word = NULL;
		}
		return;
	}
	g_free(rec->request);
	rec->request = NULL;
	memset(&prov[EXTRACT_FIELD_REQUEST], 0, sizeof(struct prov));
}
