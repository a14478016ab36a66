/* Record life cycle and the stable names used in JSON, the database and
 * letters.  The names are part of the on-disk format: never rename one. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

static const char *const kind_names[EXTRACT_KIND_COUNT] = {
	[EXTRACT_KIND_APPLICATION] = "application",
	[EXTRACT_KIND_CORRECTION_REPLY] = "correction_reply",
	[EXTRACT_KIND_STATUS_QUERY] = "status_query",
	[EXTRACT_KIND_AUTO_REPLY] = "auto_reply",
	[EXTRACT_KIND_BOUNCE] = "bounce",
	[EXTRACT_KIND_SPAM] = "spam",
	[EXTRACT_KIND_CONSULTATION] = "consultation",
	[EXTRACT_KIND_COMPLAINT] = "complaint",
};

static const char *const applicant_names[] = {
	[EXTRACT_APPLICANT_PERSON] = "person",
	[EXTRACT_APPLICANT_ORGANISATION] = "organisation",
};

static const char *const id_type_names[] = {
	[EXTRACT_ID_RESIDENT] = "resident_id",
	[EXTRACT_ID_USCC] = "uscc",
	[EXTRACT_ID_ORG_CODE] = "org_code",
	[EXTRACT_ID_PASSPORT] = "passport",
	[EXTRACT_ID_OTHER] = "other",
};

static const char *const delivery_names[] = {
	[EXTRACT_DELIVERY_EMAIL] = "email",
	[EXTRACT_DELIVERY_FAX] = "fax",
	[EXTRACT_DELIVERY_POST] = "post",
	[EXTRACT_DELIVERY_PICKUP] = "pickup",
};

static const char *const medium_names[] = {
	[EXTRACT_MEDIUM_PAPER] = "paper",
	[EXTRACT_MEDIUM_ELECTRONIC] = "electronic",
};

static const char *const verdict_names[EXTRACT_VERDICT_COUNT] = {
	[EXTRACT_VERDICT_COMPLETE] = "complete",
	[EXTRACT_VERDICT_INCOMPLETE] = "incomplete",
	[EXTRACT_VERDICT_REVIEW] = "needs_review",
};

static const char *const source_names[EXTRACT_SRC_COUNT] = {
	[EXTRACT_SRC_LABEL] = "label",
	[EXTRACT_SRC_PATTERN] = "pattern",
	[EXTRACT_SRC_PROSE] = "prose",
	[EXTRACT_SRC_CLOSING] = "closing",
	[EXTRACT_SRC_HEADER] = "header",
	[EXTRACT_SRC_INFERRED] = "inferred",
};

static const char *const confidence_names[EXTRACT_CONF_COUNT] = {
	[EXTRACT_CONF_LOW] = "low",
	[EXTRACT_CONF_HIGH] = "high",
};

static const char *const fax_style_names[EXTRACT_FAX_STYLE_COUNT] = {
	[EXTRACT_FAX_STYLE_HYLAFAX] = "hylafax",
	[EXTRACT_FAX_STYLE_FREEPBX] = "freepbx",
	[EXTRACT_FAX_STYLE_ASTERISK] = "asterisk",
	[EXTRACT_FAX_STYLE_EFAX] = "efax",
	[EXTRACT_FAX_STYLE_CONFIGURED] = "configured",
	[EXTRACT_FAX_STYLE_INTAKE] = "intake",
};

static const char *const fax_quality_names[EXTRACT_FAX_QUALITY_COUNT] = {
	[EXTRACT_FAX_QUALITY_NORMAL] = "normal",
	[EXTRACT_FAX_QUALITY_FINE] = "fine",
};

static const char *const field_names[EXTRACT_FIELD_COUNT] = {
#define FIELD_NAME(id, name) [EXTRACT_FIELD_##id] = name,
	EXTRACT_FIELDS(FIELD_NAME)
#undef FIELD_NAME
};

/* Indexed by bit position. */
static const char *const element_names[EXTRACT_ELEM_COUNT] = {
	"name", "address", "identity_proof", "contact", "request",
	"signature", "date",
};

static const char *const invalid_names[EXTRACT_INVALID_COUNT] = {
	"id_number", "date", "postcode", "phone", "email",
};

/* Slots left NULL in the tables stand for UNKNOWN/NONE. */
static const char *
table_name(const char *const *table, size_t n, unsigned value)
{
	return value < n ? table[value] : NULL;
}

static int
table_lookup(const char *const *table, size_t n, const char *name)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (table[i] != NULL && strcmp(table[i], name) == 0)
			return (int)i;
	return -1;
}

/* The name of a single bit; anything with zero or several bits is NULL. */
static const char *
bit_name(const char *const *table, size_t n, unsigned bit)
{
	if (bit == 0 || (bit & (bit - 1)) != 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (bit == 1u << i)
			return table[i];
	return NULL;
}

static unsigned
bit_lookup(const char *const *table, size_t n, const char *name)
{
	int i = table_lookup(table, n, name);

	return i < 0 ? 0 : 1u << i;
}

/* Each enum's name and its reverse lookup, from its table. */
#define NAMED_ENUM(fn, type, table) \
	const char *extract_##fn##_name(enum type value) \
	{ \
		return table_name(table, G_N_ELEMENTS(table), value); \
	} \
	int extract_##fn##_from_name(const char *name, enum type *value_r) \
	{ \
		int i = table_lookup(table, G_N_ELEMENTS(table), name); \
		if (i < 0) \
			return -1; \
		*value_r = (enum type)i; \
		return 0; \
	}

NAMED_ENUM(kind, extract_kind, kind_names)
NAMED_ENUM(applicant_kind, extract_applicant_kind, applicant_names)
NAMED_ENUM(id_type, extract_id_type, id_type_names)
NAMED_ENUM(delivery, extract_delivery, delivery_names)
NAMED_ENUM(medium, extract_medium, medium_names)
NAMED_ENUM(verdict, extract_verdict, verdict_names)
NAMED_ENUM(source, extract_source, source_names)
NAMED_ENUM(confidence, extract_confidence, confidence_names)
NAMED_ENUM(field, extract_field, field_names)
NAMED_ENUM(fax_style, extract_fax_style, fax_style_names)
NAMED_ENUM(fax_quality, extract_fax_quality, fax_quality_names)

const char *
extract_element_name(unsigned element_bit)
{
	return bit_name(element_names, G_N_ELEMENTS(element_names), element_bit);
}

const char *
extract_invalid_name(unsigned invalid_bit)
{
	return bit_name(invalid_names, G_N_ELEMENTS(invalid_names), invalid_bit);
}

unsigned
extract_element_from_name(const char *name)
{
	return bit_lookup(element_names, G_N_ELEMENTS(element_names), name);
}

unsigned
extract_invalid_from_name(const char *name)
{
	return bit_lookup(invalid_names, G_N_ELEMENTS(invalid_names), name);
}

void
extract_record_clear(struct extract_record *rec)
{
	if (rec == NULL)
		return;
#define RECORD_FREE(field, ...) free(rec->field);
	EXTRACT_RECORD_STRINGS(RECORD_FREE)
#undef RECORD_FREE
	for (size_t i = 0; i < EXTRACT_FIELD_COUNT; i++) {
		free(rec->info[i].rule);
		free(rec->info[i].line);
	}
	extract_fax_clear(&rec->incoming_fax);
	memset(rec, 0, sizeof(*rec));
}

void
extract_record_free(struct extract_record *rec)
{
	extract_record_clear(rec);
	free(rec);
}

void
extract_info_set(struct extract_record *rec, enum extract_field f,
		 enum extract_source src, enum extract_confidence conf,
		 const char *rule, const char *line, size_t line_len,
		 unsigned line_no)
{
	struct extract_field_info *in = &rec->info[f];

	free(in->rule);
	free(in->line);
	in->source = src;
	in->confidence = conf;
	in->rule = rule != NULL ? g_strdup(rule) : NULL;
	in->line = NULL;
	in->line_no = line_no;
	if (line != NULL) {
		const char *end = line + MIN(line_len, EXTRACT_INFO_LINE_MAX);

		/* Never cut a character in two: the line is shown and stored. */
		if (!g_utf8_validate(line, end - line, &end) && end == line)
			return;
		in->line = g_strndup(line, end - line);
	}
}

void
extract_review_add(struct extract_record *rec, const char *fmt, ...)
{
	va_list ap;
	char *reason;
	GString *all;

	va_start(ap, fmt);
	reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_strdelimit(reason, "\r\n", ' ');
	if (rec->review != NULL) {
		char **have = g_strsplit(rec->review, "\n", -1);
		bool known = g_strv_contains((const char *const *)have, reason);

		g_strfreev(have);
		if (known) {
			g_free(reason);
			return;
		}
	}
	all = g_string_new(rec->review);
	if (all->len > 0)
		g_string_append_c(all, '\n');
	g_string_append(all, reason);
	g_free(rec->review);
	g_free(reason);
	rec->review = g_string_free(all, FALSE);
	if (rec->kind == EXTRACT_KIND_APPLICATION)
		rec->verdict = EXTRACT_VERDICT_REVIEW;
}

char *
extract_field_text(const struct extract_record *rec, enum extract_field f)
{
	const char *v;

	switch (f) {
	case EXTRACT_FIELD_APPLICANT_KIND:
		v = extract_applicant_kind_name(rec->applicant_kind);
		break;
	case EXTRACT_FIELD_NAME: v = rec->name; break;
	case EXTRACT_FIELD_LEGAL_REP: v = rec->legal_rep; break;
	case EXTRACT_FIELD_CONTACT_PERSON: v = rec->contact_person; break;
	case EXTRACT_FIELD_AGENT: v = rec->agent; break;
	case EXTRACT_FIELD_AGENT_PHONE: v = rec->agent_phone; break;
	case EXTRACT_FIELD_ID_TYPE: v = extract_id_type_name(rec->id_type); break;
	case EXTRACT_FIELD_ID_NUMBER: v = rec->id_number; break;
	case EXTRACT_FIELD_ADDRESS: v = rec->address; break;
	case EXTRACT_FIELD_POSTCODE: v = rec->postcode; break;
	case EXTRACT_FIELD_PHONE: v = rec->phone; break;
	case EXTRACT_FIELD_EMAIL: v = rec->email; break;
	case EXTRACT_FIELD_FAX: v = rec->fax; break;
	case EXTRACT_FIELD_REQUEST: v = rec->request; break;
	case EXTRACT_FIELD_PURPOSE: v = rec->purpose; break;
	case EXTRACT_FIELD_SIGNATURE:
		v = !rec->signature_present ? NULL
		    : rec->signature_text != NULL ? rec->signature_text : "yes";
		break;
	case EXTRACT_FIELD_DATE: v = rec->date[0] != '\0' ? rec->date : NULL; break;
	case EXTRACT_FIELD_DELIVERY: v = extract_delivery_name(rec->delivery); break;
	case EXTRACT_FIELD_MEDIUM: v = extract_medium_name(rec->medium); break;
	default: v = NULL; break;
	}
	return v != NULL ? g_strdup(v) : NULL;
}
