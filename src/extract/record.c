/* Record life cycle and the stable names used in JSON, the database and
 * letters.  The names are part of the on-disk format: never rename one. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

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

const char *
extract_kind_name(enum extract_kind kind)
{
	return table_name(kind_names, G_N_ELEMENTS(kind_names), kind);
}

const char *
extract_applicant_kind_name(enum extract_applicant_kind kind)
{
	return table_name(applicant_names, G_N_ELEMENTS(applicant_names), kind);
}

const char *
extract_id_type_name(enum extract_id_type type)
{
	return table_name(id_type_names, G_N_ELEMENTS(id_type_names), type);
}

const char *
extract_delivery_name(enum extract_delivery d)
{
	return table_name(delivery_names, G_N_ELEMENTS(delivery_names), d);
}

const char *
extract_medium_name(enum extract_medium m)
{
	return table_name(medium_names, G_N_ELEMENTS(medium_names), m);
}

int
extract_kind_from_name(const char *name, enum extract_kind *kind_r)
{
	int i = table_lookup(kind_names, G_N_ELEMENTS(kind_names), name);

	if (i < 0)
		return -1;
	*kind_r = (enum extract_kind)i;
	return 0;
}

int
extract_applicant_kind_from_name(const char *name,
				 enum extract_applicant_kind *kind_r)
{
	int i = table_lookup(applicant_names, G_N_ELEMENTS(applicant_names), name);

	if (i < 0)
		return -1;
	*kind_r = (enum extract_applicant_kind)i;
	return 0;
}

int
extract_id_type_from_name(const char *name, enum extract_id_type *type_r)
{
	int i = table_lookup(id_type_names, G_N_ELEMENTS(id_type_names), name);

	if (i < 0)
		return -1;
	*type_r = (enum extract_id_type)i;
	return 0;
}

int
extract_delivery_from_name(const char *name, enum extract_delivery *d_r)
{
	int i = table_lookup(delivery_names, G_N_ELEMENTS(delivery_names), name);

	if (i < 0)
		return -1;
	*d_r = (enum extract_delivery)i;
	return 0;
}

int
extract_medium_from_name(const char *name, enum extract_medium *m_r)
{
	int i = table_lookup(medium_names, G_N_ELEMENTS(medium_names), name);

	if (i < 0)
		return -1;
	*m_r = (enum extract_medium)i;
	return 0;
}

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
	memset(rec, 0, sizeof(*rec));
}

void
extract_record_free(struct extract_record *rec)
{
	extract_record_clear(rec);
	free(rec);
}
