#include "workflow/correction.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* The string fields of an application, by the field that names them. */
static const struct {
	enum extract_field field;
	size_t offset;
} correction_strings[] = {
	{ EXTRACT_FIELD_NAME, offsetof(struct extract_record, name) },
	{ EXTRACT_FIELD_LEGAL_REP, offsetof(struct extract_record, legal_rep) },
	{ EXTRACT_FIELD_CONTACT_PERSON,
	  offsetof(struct extract_record, contact_person) },
	{ EXTRACT_FIELD_AGENT, offsetof(struct extract_record, agent) },
	{ EXTRACT_FIELD_AGENT_PHONE, offsetof(struct extract_record, agent_phone) },
	{ EXTRACT_FIELD_ID_NUMBER, offsetof(struct extract_record, id_number) },
	{ EXTRACT_FIELD_ADDRESS, offsetof(struct extract_record, address) },
	{ EXTRACT_FIELD_POSTCODE, offsetof(struct extract_record, postcode) },
	{ EXTRACT_FIELD_PHONE, offsetof(struct extract_record, phone) },
	{ EXTRACT_FIELD_EMAIL, offsetof(struct extract_record, email) },
	{ EXTRACT_FIELD_FAX, offsetof(struct extract_record, fax) },
	{ EXTRACT_FIELD_REQUEST, offsetof(struct extract_record, request) },
	{ EXTRACT_FIELD_PURPOSE, offsetof(struct extract_record, purpose) },
};

/* The field an invalid bit is about. */
static const struct {
	unsigned bit;
	enum extract_field field;
} correction_invalid[] = {
	{ EXTRACT_INVALID_ID_NUMBER, EXTRACT_FIELD_ID_NUMBER },
	{ EXTRACT_INVALID_DATE, EXTRACT_FIELD_DATE },
	{ EXTRACT_INVALID_POSTCODE, EXTRACT_FIELD_POSTCODE },
	{ EXTRACT_INVALID_PHONE, EXTRACT_FIELD_PHONE },
	{ EXTRACT_INVALID_EMAIL, EXTRACT_FIELD_EMAIL },
};

static unsigned
correction_invalid_bits(const struct extract_record *r, enum extract_field f)
{
	for (size_t i = 0; i < G_N_ELEMENTS(correction_invalid); i++)
		if (correction_invalid[i].field == f)
			return r->invalid & correction_invalid[i].bit;
	return 0;
}

/* Whether c needs field f: no value, or an invalid one. */
static bool
correction_wanted(const struct extract_record *c, enum extract_field f)
{
	char *v = extract_field_text(c, f);
	bool wanted = v == NULL || correction_invalid_bits(c, f) != 0;

	g_free(v);
	return wanted;
}

static void
correction_info_copy(struct extract_field_info *dst,
		     const struct extract_field_info *src)
{
	g_free(dst->rule);
	g_free(dst->line);
	*dst = *src;
	dst->rule = g_strdup(src->rule);
	dst->line = g_strdup(src->line);
}

/* Takes field f from reply into c; the invalid bit of f follows it. */
static void
correction_take(struct extract_record *c, const struct extract_record *r,
		enum extract_field f)
{
	unsigned bit = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(correction_strings); i++) {
		char **dst = (char **)(void *)((char *)c + correction_strings[i].offset);
		char *const *src = (char *const *)(const void *)
				   ((const char *)r + correction_strings[i].offset);

		if (correction_strings[i].field == f) {
			g_free(*dst);
			*dst = g_strdup(*src);
		}
	}
	switch (f) {
	case EXTRACT_FIELD_APPLICANT_KIND: c->applicant_kind = r->applicant_kind; break;
	case EXTRACT_FIELD_ID_TYPE:
		c->id_type = r->id_type;
		g_free(c->id_label);
		c->id_label = g_strdup(r->id_label);
		break;
	case EXTRACT_FIELD_SIGNATURE:
		c->signature_present = r->signature_present;
		g_free(c->signature_text);
		c->signature_text = g_strdup(r->signature_text);
		break;
	case EXTRACT_FIELD_DATE: memcpy(c->date, r->date, sizeof(c->date)); break;
	case EXTRACT_FIELD_DELIVERY: c->delivery = r->delivery; break;
	case EXTRACT_FIELD_MEDIUM: c->medium = r->medium; break;
	default: break;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(correction_invalid); i++)
		if (correction_invalid[i].field == f)
			bit = correction_invalid[i].bit;
	c->invalid = (c->invalid & ~bit) | (r->invalid & bit);
	correction_info_copy(&c->info[f], &r->info[f]);
}

unsigned
workflow_correction_merge(struct extract_record *c,
			  const struct extract_record *reply)
{
	unsigned changed = 0;

	/* What the case holds was accepted with it. */
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++) {
		char *v = extract_field_text(c, f);

		if (v != NULL && c->info[f].confidence == EXTRACT_CONF_NONE)
			c->info[f].confidence = EXTRACT_CONF_HIGH;
		g_free(v);
	}
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++) {
		char *v = extract_field_text(reply, f);

		if (v != NULL && reply->info[f].confidence == EXTRACT_CONF_HIGH &&
		    correction_wanted(c, f)) {
			correction_take(c, reply, f);
			changed |= 1u << f;
		}
		g_free(v);
	}
	extract_recheck(c);
	return changed;
}

const char *
workflow_correction_state(const struct extract_record *c)
{
	switch (c->verdict) {
	case EXTRACT_VERDICT_COMPLETE:
		return "registered";
	case EXTRACT_VERDICT_INCOMPLETE:
		return "incomplete";
	default:
		return "needs_review";
	}
}
