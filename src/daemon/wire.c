#include "daemon/wire.h"

#include <limits.h>
#include <string.h>

#include <glib.h>

_Static_assert(sizeof(WIRE_MAGIC) == WIRE_MAGIC_SIZE + 1,
	       "WIRE_MAGIC is WIRE_MAGIC_SIZE bytes");

/* Tags.  Scalars appear at most once; WIRE_T_OWN_ADDRESS, WIRE_T_OWN_CONTACT,
 * WIRE_T_PROBLEM, WIRE_T_REFERENCE, WIRE_T_DSN_ENVELOPE_TO,
 * WIRE_T_AUTO_HEADER (version 3) and WIRE_T_OCR_PAGE (version 4) repeat.
 * Record fields require WIRE_T_REC_KIND, delivery report fields
 * WIRE_T_DSN_ACTION (version 2). */
enum wire_tag {
	WIRE_T_RAW = 1,
	WIRE_T_LIMITS,
	WIRE_T_TODAY,
	WIRE_T_SENDER_IS_CONTACT,
	WIRE_T_OWN_ADDRESS,
	WIRE_T_CHANNEL,          /* version 4: the intake's channel */
	WIRE_T_OCR_LIMITS,       /* version 4: pages, workers */
	WIRE_T_FAX_FROM,         /* version 4: the intake's fax patterns */
	WIRE_T_FAX_SUBJECT,
	WIRE_T_OWN_CONTACT,      /* version 4, repeats */
	WIRE_T_RECEIPT,          /* version 7: mailbox time, office offset */

	WIRE_T_MESSAGE_ID = 16,
	WIRE_T_FROM_ADDR,
	WIRE_T_SUBJECT,
	WIRE_T_RECEIVED_HEADER,
	WIRE_T_PROBLEM,
	WIRE_T_PARSE_ERROR,
	WIRE_T_REFERENCE,
	WIRE_T_DSN_ACTION,
	WIRE_T_DSN_STATUS,
	WIRE_T_DSN_DIAGNOSTIC,
	WIRE_T_DSN_ORIGINAL_ID,
	WIRE_T_DSN_ENVELOPE_TO,
	WIRE_T_AUTO_HEADER,

	WIRE_T_REC_KIND = 32,
	WIRE_T_REC_APPLICANT_KIND,
	WIRE_T_REC_ID_TYPE,
	WIRE_T_REC_DELIVERY,
	WIRE_T_REC_MEDIUM,
	WIRE_T_REC_MISSING,
	WIRE_T_REC_INVALID,
	WIRE_T_REC_SIGNATURE_PRESENT,
	WIRE_T_REC_DATE,

	WIRE_T_REC_VERDICT,

	/* The fax a gateway mailed (version 4, extract/fax.h): a style
	 * other than none first; the rest only with it. */
	WIRE_T_REC_FAX_STYLE = 48,
	WIRE_T_REC_FAX_QUALITY,
	WIRE_T_REC_FAX_PAGES,
	WIRE_T_REC_FAX_RECEIVED,
	WIRE_T_REC_FAX_CSID,
	WIRE_T_REC_FAX_CALLER,

	/* A page OCR read (version 4): its own fields (enum wire_page_tag)
	 * inside.  The last tag below the record's strings, leaving the
	 * ones between for other additions. */
	WIRE_T_OCR_PAGE = 63,

	WIRE_T_REC_STRING = 64,  /* + index in EXTRACT_RECORD_STRINGS */
	WIRE_T_REC_INFO = 100,   /* + enum extract_field: its provenance */
	WIRE_T_END = 128,
};

#define WIRE_STRING_FIELD(field, ...) WIRE_S_##field,
enum wire_string_index {
	EXTRACT_RECORD_STRINGS(WIRE_STRING_FIELD)
	WIRE_N_STRINGS
};
#undef WIRE_STRING_FIELD

_Static_assert(WIRE_T_REC_STRING + WIRE_N_STRINGS <= WIRE_T_REC_INFO &&
	       WIRE_T_REC_INFO + EXTRACT_FIELD_COUNT <= WIRE_T_END,
	       "wire tags of record strings and provenance overlap");

/* The fields inside WIRE_T_OCR_PAGE, each at most once.  6, 8 and 10
 * were a word, a check box and a cell (versions 4 and 5; wire.h says why
 * they no longer cross): unknown now, and not reused, so that a field of
 * theirs is refused as such. */
enum wire_page_tag {
	WIRE_P_NUMBER = 1,
	WIRE_P_GEOMETRY,         /* width, height, src_xres, src_yres: u32 each */
	WIRE_P_SKEW,             /* thousandths of a degree + WIRE_SKEW_BIAS */
	WIRE_P_MEAN_CONF,
	WIRE_P_TEXT,
	WIRE_P_SIGNATURE = 7,    /* one byte: enum wire_mark */
	WIRE_P_PNG = 9,
	WIRE_P_END = 11,
};

#define WIRE_SKEW_BIAS (WIRE_MAX_OCR_SKEW * 1000)

static const unsigned char wire_png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
};

/* A provenance field: source, confidence (one byte each), line number and
 * the rule's length (four bytes each, little-endian), the rule, then the
 * line to the end of the field (none when empty). */
#define WIRE_INFO_HEAD 10

/* Scalar enum fields of a record with the number of values each has. */
static const struct {
	enum wire_tag tag;
	size_t offset;
	uint32_t count;
} wire_rec_enums[] = {
	{ WIRE_T_REC_APPLICANT_KIND, offsetof(struct extract_record, applicant_kind),
	  EXTRACT_APPLICANT_ORGANISATION + 1 },
	{ WIRE_T_REC_ID_TYPE, offsetof(struct extract_record, id_type),
	  EXTRACT_ID_OTHER + 1 },
	{ WIRE_T_REC_DELIVERY, offsetof(struct extract_record, delivery),
	  EXTRACT_DELIVERY_PICKUP + 1 },
	{ WIRE_T_REC_MEDIUM, offsetof(struct extract_record, medium),
	  EXTRACT_MEDIUM_ELECTRONIC + 1 },
	{ WIRE_T_REC_VERDICT, offsetof(struct extract_record, verdict),
	  EXTRACT_VERDICT_COUNT },
};

static char **
wire_rec_string(struct extract_record *rec, unsigned i)
{
#define WIRE_STRING_SLOT(field, ...) &rec->field,
	char **slots[] = { EXTRACT_RECORD_STRINGS(WIRE_STRING_SLOT) };
#undef WIRE_STRING_SLOT

	return slots[i];
}

static void
wire_put_u32(GByteArray *b, uint32_t v)
{
	unsigned char le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
				(v >> 24) & 0xff };

	g_byte_array_append(b, le, 4);
}

static uint32_t
wire_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
wire_put_field(GByteArray *b, unsigned tag, const void *data, size_t len)
{
	guint8 t = (guint8)tag;

	g_assert(len <= UINT32_MAX);
	g_byte_array_append(b, &t, 1);
	wire_put_u32(b, (uint32_t)len);
	if (len > 0)
		g_byte_array_append(b, data, (guint)len);
}

static void
wire_put_string(GByteArray *b, unsigned tag, const char *s)
{
	if (s != NULL)
		wire_put_field(b, tag, s, strlen(s));
}

static void
wire_put_number(GByteArray *b, unsigned tag, uint64_t v)
{
	unsigned char le[8];

	for (int i = 0; i < 8; i++)
		le[i] = (unsigned char)(v >> (8 * i));
	wire_put_field(b, tag, le, sizeof(le));
}

static void
wire_put_info(GByteArray *b, unsigned field, const struct extract_field_info *in)
{
	size_t rule_len = in->rule != NULL ? strlen(in->rule) : 0;
	size_t line_len = in->line != NULL ? strlen(in->line) : 0;
	unsigned char head[2] = { (unsigned char)in->source,
				  (unsigned char)in->confidence };
	GByteArray *v;

	if (in->source == EXTRACT_SRC_NONE && in->confidence == EXTRACT_CONF_NONE)
		return;
	v = g_byte_array_new();
	g_byte_array_append(v, head, 2);
	wire_put_u32(v, in->line_no);
	wire_put_u32(v, (uint32_t)rule_len);
	if (rule_len > 0)
		g_byte_array_append(v, (const guint8 *)in->rule, (guint)rule_len);
	if (line_len > 0)
		g_byte_array_append(v, (const guint8 *)in->line, (guint)line_len);
	wire_put_field(b, (enum wire_tag)(WIRE_T_REC_INFO + field), v->data, v->len);
	g_byte_array_free(v, TRUE);
}

static void
wire_put_page(GByteArray *b, const struct wire_ocr_page *pg)
{
	GByteArray *v = g_byte_array_new();
	GByteArray *geo = g_byte_array_new();
	unsigned char mark = (unsigned char)pg->signature;
	int64_t skew = (int64_t)(pg->skew_deg * 1000 + (pg->skew_deg < 0 ? -0.5 : 0.5));

	wire_put_number(v, WIRE_P_NUMBER, pg->number);
	wire_put_u32(geo, pg->width);
	wire_put_u32(geo, pg->height);
	wire_put_u32(geo, pg->src_xres);
	wire_put_u32(geo, pg->src_yres);
	wire_put_field(v, WIRE_P_GEOMETRY, geo->data, geo->len);
	g_byte_array_free(geo, TRUE);
	wire_put_number(v, WIRE_P_SKEW, (uint64_t)(skew + WIRE_SKEW_BIAS));
	wire_put_number(v, WIRE_P_MEAN_CONF, pg->mean_conf);
	wire_put_string(v, WIRE_P_TEXT, pg->text);
	wire_put_field(v, WIRE_P_SIGNATURE, &mark, 1);
	if (pg->png != NULL)
		wire_put_field(v, WIRE_P_PNG, pg->png, pg->png_len);
	wire_put_field(b, WIRE_T_OCR_PAGE, v->data, v->len);
	g_byte_array_free(v, TRUE);
}

static void
wire_put_fax(GByteArray *b, const struct extract_fax *fax)
{
	if (!fax->is_fax)
		return;
	wire_put_number(b, WIRE_T_REC_FAX_STYLE, fax->style);
	wire_put_number(b, WIRE_T_REC_FAX_QUALITY, fax->quality);
	wire_put_number(b, WIRE_T_REC_FAX_PAGES, fax->pages);
	wire_put_number(b, WIRE_T_REC_FAX_RECEIVED, (uint64_t)fax->received);
	wire_put_string(b, WIRE_T_REC_FAX_CSID, fax->csid);
	wire_put_string(b, WIRE_T_REC_FAX_CALLER, fax->caller);
}

static GByteArray *
wire_begin(void)
{
	GByteArray *b = g_byte_array_new();

	g_byte_array_append(b, (const guint8 *)WIRE_MAGIC, WIRE_MAGIC_SIZE);
	wire_put_u32(b, 0);
	return b;
}

static void
wire_finish(GByteArray *b, unsigned char **frame_r, size_t *len_r)
{
	uint32_t body = (uint32_t)(b->len - WIRE_HEADER_SIZE);

	g_assert(b->len - WIRE_HEADER_SIZE <= UINT32_MAX);
	for (int i = 0; i < 4; i++)
		b->data[4 + i] = (unsigned char)(body >> (8 * i));
	*len_r = b->len;
	*frame_r = g_byte_array_free(b, FALSE);
}

void
wire_job_encode(const struct wire_job *job, unsigned char **frame_r,
		size_t *len_r)
{
	GByteArray *b = wire_begin();
	const struct config_limits *l = &job->limits;
	unsigned char limits[5 * 8];
	uint64_t v[5] = { l->max_message_size, l->max_depth, l->max_parts,
			  l->max_attachment_size, l->max_archive_size };
	unsigned char contact = job->sender_is_contact;
	GByteArray *ocr = g_byte_array_new(), *receipt = g_byte_array_new();

	for (size_t i = 0; i < 5; i++)
		for (int k = 0; k < 8; k++)
			limits[i * 8 + k] = (unsigned char)(v[i] >> (8 * k));
	wire_put_field(b, WIRE_T_LIMITS, limits, sizeof(limits));
	wire_put_string(b, WIRE_T_TODAY, job->today);
	wire_put_field(b, WIRE_T_SENDER_IS_CONTACT, &contact, 1);
	for (size_t i = 0; job->own_addresses && job->own_addresses[i]; i++)
		wire_put_string(b, WIRE_T_OWN_ADDRESS, job->own_addresses[i]);
	for (size_t i = 0; job->own_contacts && job->own_contacts[i]; i++)
		wire_put_string(b, WIRE_T_OWN_CONTACT, job->own_contacts[i]);
	wire_put_number(b, WIRE_T_CHANNEL, job->channel);
	wire_put_u32(ocr, job->ocr_max_pages);
	wire_put_u32(ocr, job->ocr_workers);
	wire_put_field(b, WIRE_T_OCR_LIMITS, ocr->data, ocr->len);
	g_byte_array_free(ocr, TRUE);
	wire_put_string(b, WIRE_T_FAX_FROM, job->fax_from);
	wire_put_string(b, WIRE_T_FAX_SUBJECT, job->fax_subject);
	wire_put_u32(receipt, (uint32_t)(uint64_t)job->mailbox_received_at);
	wire_put_u32(receipt, (uint32_t)((uint64_t)job->mailbox_received_at >> 32));
	wire_put_u32(receipt, (uint32_t)job->tz_offset);
	wire_put_field(b, WIRE_T_RECEIPT, receipt->data, receipt->len);
	g_byte_array_free(receipt, TRUE);
	wire_put_field(b, WIRE_T_RAW, job->raw, job->raw_len);
	wire_finish(b, frame_r, len_r);
}

void
wire_result_encode(const struct wire_result *res, unsigned char **frame_r,
		   size_t *len_r)
{
	GByteArray *b = wire_begin();
	const struct extract_record *rec = res->rec;

	wire_put_string(b, WIRE_T_MESSAGE_ID, res->message_id);
	wire_put_string(b, WIRE_T_FROM_ADDR, res->from_addr);
	wire_put_string(b, WIRE_T_SUBJECT, res->subject);
	/* A header dated before 1970 is none: as a number it is out of the
	 * range ogid decodes, and the whole answer would be refused. */
	if (res->received_header > 0)
		wire_put_number(b, WIRE_T_RECEIVED_HEADER,
				(uint64_t)res->received_header);
	for (size_t i = 0; i < res->n_problems; i++)
		wire_put_string(b, WIRE_T_PROBLEM, res->problems[i]);
	for (size_t i = 0; i < res->n_references; i++)
		wire_put_string(b, WIRE_T_REFERENCE, res->references[i]);
	wire_put_string(b, WIRE_T_PARSE_ERROR, res->parse_error);
	for (size_t i = 0; i < res->n_auto_headers; i++)
		wire_put_string(b, WIRE_T_AUTO_HEADER, res->auto_headers[i]);
	if (res->dsn.action != EXTRACT_DSN_NONE) {
		wire_put_number(b, WIRE_T_DSN_ACTION, res->dsn.action);
		if (res->dsn.status[0] != '\0')
			wire_put_string(b, WIRE_T_DSN_STATUS, res->dsn.status);
		wire_put_string(b, WIRE_T_DSN_DIAGNOSTIC, res->dsn.diagnostic);
		wire_put_string(b, WIRE_T_DSN_ORIGINAL_ID, res->dsn.original_id);
		for (size_t i = 0; i < res->dsn.n_envelope_to; i++)
			wire_put_string(b, WIRE_T_DSN_ENVELOPE_TO,
					res->dsn.envelope_to[i]);
	}
	if (rec != NULL) {
		unsigned char sig = rec->signature_present;

		wire_put_number(b, WIRE_T_REC_KIND, rec->kind);
		for (size_t i = 0; i < G_N_ELEMENTS(wire_rec_enums); i++)
			wire_put_number(b, wire_rec_enums[i].tag,
					*(const unsigned *)((const char *)rec +
							    wire_rec_enums[i].offset));
		wire_put_number(b, WIRE_T_REC_MISSING, rec->missing);
		wire_put_number(b, WIRE_T_REC_INVALID, rec->invalid);
		wire_put_field(b, WIRE_T_REC_SIGNATURE_PRESENT, &sig, 1);
		wire_put_string(b, WIRE_T_REC_DATE, rec->date);
		for (unsigned i = 0; i < WIRE_N_STRINGS; i++)
			wire_put_string(b, (enum wire_tag)(WIRE_T_REC_STRING + i),
					*wire_rec_string((struct extract_record *)rec, i));
		for (unsigned i = 0; i < EXTRACT_FIELD_COUNT; i++)
			wire_put_info(b, i, &rec->info[i]);
		wire_put_fax(b, &rec->incoming_fax);
	}
	for (size_t i = 0; i < res->n_pages; i++)
		wire_put_page(b, &res->pages[i]);
	wire_finish(b, frame_r, len_r);
}

int
wire_header_decode(const unsigned char hdr[WIRE_HEADER_SIZE], size_t max_body,
		   size_t *body_len_r, struct ogi_error *err)
{
	size_t len;

	if (memcmp(hdr, WIRE_MAGIC, WIRE_MAGIC_SIZE) != 0) {
		error_set(err, "worker frame: bad magic or version");
		return -1;
	}
	len = wire_get_u32(hdr + 4);
	if (len > max_body) {
		error_set(err, "worker frame: body of %zu bytes exceeds %zu",
			  len, max_body);
		return -1;
	}
	*body_len_r = len;
	return 0;
}

/* A field as read: tag, bytes, length. */
struct wire_field {
	unsigned tag;
	const unsigned char *data;
	size_t len;
};

/* Iterates over the fields of a body; returns 1 and the next field, 0 at
 * the end, -1 on a truncated field. */
static int
wire_next(const unsigned char *body, size_t len, size_t *pos,
	  struct wire_field *f, struct ogi_error *err)
{
	size_t flen;

	if (*pos == len)
		return 0;
	if (len - *pos < 5) {
		error_set(err, "worker frame: truncated field header");
		return -1;
	}
	f->tag = body[*pos];
	if (f->tag == 0 || f->tag >= WIRE_T_END) {
		error_set(err, "worker frame: unknown field %u", f->tag);
		return -1;
	}
	flen = wire_get_u32(body + *pos + 1);
	*pos += 5;
	if (flen > len - *pos) {
		error_set(err, "worker frame: field %u overruns the body", f->tag);
		return -1;
	}
	f->data = body + *pos;
	f->len = flen;
	*pos += flen;
	return 1;
}

static int
wire_string(const struct wire_field *f, char **out, struct ogi_error *err)
{
	if (*out != NULL) {
		error_set(err, "worker frame: field %u repeated", f->tag);
		return -1;
	}
	if (memchr(f->data, '\0', f->len) != NULL ||
	    !g_utf8_validate((const char *)f->data, (gssize)f->len, NULL)) {
		error_set(err, "worker frame: field %u is not UTF-8 text", f->tag);
		return -1;
	}
	*out = g_strndup((const char *)f->data, f->len);
	return 0;
}

static int
wire_number(const struct wire_field *f, uint64_t limit, uint64_t *v_r,
	    struct ogi_error *err)
{
	uint64_t v = 0;

	if (f->len != 8) {
		error_set(err, "worker frame: field %u is not a number", f->tag);
		return -1;
	}
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)f->data[i] << (8 * i);
	if (v > limit) {
		error_set(err, "worker frame: field %u out of range", f->tag);
		return -1;
	}
	*v_r = v;
	return 0;
}

static int
wire_flag(const struct wire_field *f, bool *v_r, struct ogi_error *err)
{
	if (f->len != 1 || f->data[0] > 1) {
		error_set(err, "worker frame: field %u is not a flag", f->tag);
		return -1;
	}
	*v_r = f->data[0];
	return 0;
}

static void
wire_strv_push(char ***v, size_t *n, char *s)
{
	*v = g_renew(char *, *v, *n + 2);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/* Seen-once bookkeeping for scalar tags. */
static int
wire_once(uint64_t seen[2], unsigned tag, struct ogi_error *err)
{
	uint64_t bit = (uint64_t)1 << (tag % 64);

	if (seen[tag / 64] & bit) {
		error_set(err, "worker frame: field %u repeated", tag);
		return -1;
	}
	seen[tag / 64] |= bit;
	return 0;
}

static int
wire_job_field(const struct wire_field *f, struct wire_job *job, size_t *n_own,
	       struct ogi_error *err)
{
	uint64_t v;
	char *s = NULL;

	switch (f->tag) {
	case WIRE_T_RAW:
		job->raw = f->data;
		job->raw_len = f->len;
		return 0;
	case WIRE_T_LIMITS:
		if (f->len != 5 * 8) {
			error_set(err, "worker frame: bad limits");
			return -1;
		}
		for (size_t i = 0; i < 5; i++) {
			struct wire_field one = { f->tag, f->data + i * 8, 8 };

			if (wire_number(&one, i == 1 || i == 2 ? UINT_MAX : SIZE_MAX,
					&v, err) != 0)
				return -1;
			switch (i) {
			case 0: job->limits.max_message_size = v; break;
			case 1: job->limits.max_depth = (unsigned)v; break;
			case 2: job->limits.max_parts = (unsigned)v; break;
			case 3: job->limits.max_attachment_size = v; break;
			default: job->limits.max_archive_size = v; break;
			}
		}
		return 0;
	case WIRE_T_TODAY:
		if (f->len != 10 || wire_string(f, &s, err) != 0) {
			error_set(err, "worker frame: bad date");
			return -1;
		}
		memcpy(job->today, s, 11);
		g_free(s);
		return 0;
	case WIRE_T_SENDER_IS_CONTACT:
		return wire_flag(f, &job->sender_is_contact, err);
	case WIRE_T_CHANNEL:
		if (wire_number(f, CONFIG_CHANNEL_FAX, &v, err) != 0)
			return -1;
		job->channel = (enum config_channel)v;
		return 0;
	case WIRE_T_OCR_LIMITS:
		if (f->len != 8 || wire_get_u32(f->data) > WIRE_MAX_OCR_PAGES ||
		    wire_get_u32(f->data + 4) == 0) {
			error_set(err, "worker frame: bad OCR limits");
			return -1;
		}
		job->ocr_max_pages = wire_get_u32(f->data);
		job->ocr_workers = wire_get_u32(f->data + 4);
		return 0;
	case WIRE_T_RECEIPT:
		if (f->len != 12) {
			error_set(err, "worker frame: bad receipt");
			return -1;
		}
		job->mailbox_received_at = (int64_t)((uint64_t)wire_get_u32(f->data) |
			(uint64_t)wire_get_u32(f->data + 4) << 32);
		job->tz_offset = (int32_t)wire_get_u32(f->data + 8);
		if (job->mailbox_received_at < 0 ||
		    job->tz_offset > WIRE_MAX_TZ_OFFSET ||
		    job->tz_offset < -WIRE_MAX_TZ_OFFSET) {
			error_set(err, "worker frame: bad receipt");
			return -1;
		}
		return 0;
	case WIRE_T_FAX_FROM:
		return wire_string(f, &job->fax_from, err);
	case WIRE_T_FAX_SUBJECT:
		return wire_string(f, &job->fax_subject, err);
	case WIRE_T_OWN_ADDRESS:
		if (wire_string(f, &s, err) != 0)
			return -1;
		wire_strv_push(&job->own_addresses, n_own, s);
		return 0;
	case WIRE_T_OWN_CONTACT:
		if (wire_string(f, &s, err) != 0)
			return -1;
		wire_strv_push(&job->own_contacts, n_own + 1, s);
		return 0;
	default:
		error_set(err, "worker frame: unknown field %u", f->tag);
		return -1;
	}
}

int
wire_job_decode(const unsigned char *body, size_t len, struct wire_job *job_r,
		struct ogi_error *err)
{
	uint64_t seen[2] = { 0, 0 };
	struct wire_field f;
	size_t pos = 0, n_own[2] = { 0, 0 }; /* addresses, contacts */
	int r;

	memset(job_r, 0, sizeof(*job_r));
	while ((r = wire_next(body, len, &pos, &f, err)) == 1) {
		if ((f.tag != WIRE_T_OWN_ADDRESS && f.tag != WIRE_T_OWN_CONTACT &&
		     wire_once(seen, f.tag, err) != 0) ||
		    wire_job_field(&f, job_r, n_own, err) != 0) {
			r = -1;
			break;
		}
	}
	if (r == 0 && (job_r->raw == NULL || job_r->today[0] == '\0' ||
		       !(seen[0] & ((uint64_t)1 << WIRE_T_LIMITS)) ||
		       !(seen[0] & ((uint64_t)1 << WIRE_T_OCR_LIMITS)))) {
		error_set(err, "worker frame: job without message, date or limits");
		r = -1;
	}
	if (r != 0) {
		wire_job_clear(job_r);
		return -1;
	}
	return 0;
}

/* Text of n bytes at p as a new string; NULL for none; -1 when it is not
 * UTF-8 text. */
static int
wire_text(const unsigned char *p, size_t n, char **s_r)
{
	*s_r = NULL;
	if (n == 0)
		return 0;
	if (memchr(p, '\0', n) != NULL || !g_utf8_validate((const char *)p, (gssize)n, NULL))
		return -1;
	*s_r = g_strndup((const char *)p, n);
	return 0;
}

static int
wire_info(const struct wire_field *f, struct extract_field_info *in,
	  struct ogi_error *err)
{
	uint32_t rule_len;

	if (f->len < WIRE_INFO_HEAD || f->data[0] >= EXTRACT_SRC_COUNT ||
	    f->data[1] >= EXTRACT_CONF_COUNT ||
	    (rule_len = wire_get_u32(f->data + 6)) > f->len - WIRE_INFO_HEAD ||
	    wire_text(f->data + WIRE_INFO_HEAD, rule_len, &in->rule) != 0 ||
	    wire_text(f->data + WIRE_INFO_HEAD + rule_len,
		      f->len - WIRE_INFO_HEAD - rule_len, &in->line) != 0) {
		g_free(in->rule);
		in->rule = NULL;
		error_set(err, "worker frame: bad provenance field %u", f->tag);
		return -1;
	}
	in->source = (enum extract_source)f->data[0];
	in->confidence = (enum extract_confidence)f->data[1];
	in->line_no = wire_get_u32(f->data + 2);
	return 0;
}

/* A field of the fax a gateway mailed, held to what fax.c itself gives:
 * the style first, a known quality, a page count in range, a caller that
 * is a plausible number and a CSID that is display text. */
static int
wire_fax_field(const struct wire_field *f, struct extract_fax *fax,
	       struct ogi_error *err)
{
	uint64_t v;
	char **s;
	bool ok;

	if ((f->tag == WIRE_T_REC_FAX_STYLE) == fax->is_fax) {
		error_set(err, "worker frame: fax field %u without a style", f->tag);
		return -1;
	}
	switch (f->tag) {
	case WIRE_T_REC_FAX_STYLE:
		if (wire_number(f, EXTRACT_FAX_STYLE_COUNT - 1, &v, err) != 0)
			return -1;
		if (v == EXTRACT_FAX_STYLE_NONE) {
			error_set(err, "worker frame: a fax of no style");
			return -1;
		}
		fax->style = (enum extract_fax_style)v;
		fax->is_fax = true;
		return 0;
	case WIRE_T_REC_FAX_QUALITY:
		if (wire_number(f, EXTRACT_FAX_QUALITY_COUNT - 1, &v, err) != 0)
			return -1;
		fax->quality = (enum extract_fax_quality)v;
		return 0;
	case WIRE_T_REC_FAX_PAGES:
		if (wire_number(f, EXTRACT_FAX_MAX_PAGES, &v, err) != 0)
			return -1;
		fax->pages = (unsigned)v;
		return 0;
	case WIRE_T_REC_FAX_RECEIVED:
		if (wire_number(f, EXTRACT_FAX_RECEIVED_MAX, &v, err) != 0)
			return -1;
		fax->received = (int64_t)v;
		return 0;
	default:
		s = f->tag == WIRE_T_REC_FAX_CSID ? &fax->csid : &fax->caller;
		if (wire_string(f, s, err) != 0)
			return -1;
		ok = f->tag == WIRE_T_REC_FAX_CSID ? extract_fax_display_valid(*s)
						   : extract_fax_number_valid(*s);
		if (!ok)
			error_set(err, "worker frame: bad fax field %u", f->tag);
		return ok ? 0 : -1;
	}
}

static struct extract_record *
wire_rec(struct wire_result *res)
{
	if (res->rec == NULL)
		res->rec = g_new0(struct extract_record, 1);
	return res->rec;
}

static int
wire_rec_field(const struct wire_field *f, struct wire_result *res,
	       struct ogi_error *err)
{
	struct extract_record *rec = wire_rec(res);
	uint64_t v;
	char *s = NULL;

	if (f->tag >= WIRE_T_REC_STRING && f->tag < WIRE_T_REC_STRING + WIRE_N_STRINGS)
		return wire_string(f, wire_rec_string(rec, f->tag - WIRE_T_REC_STRING),
				   err);
	if (f->tag >= WIRE_T_REC_INFO && f->tag < WIRE_T_REC_INFO + EXTRACT_FIELD_COUNT)
		return wire_info(f, &rec->info[f->tag - WIRE_T_REC_INFO], err);
	if (f->tag >= WIRE_T_REC_FAX_STYLE && f->tag <= WIRE_T_REC_FAX_CALLER)
		return wire_fax_field(f, &rec->incoming_fax, err);
	for (size_t i = 0; i < G_N_ELEMENTS(wire_rec_enums); i++) {
		if (wire_rec_enums[i].tag != f->tag)
			continue;
		if (wire_number(f, wire_rec_enums[i].count - 1, &v, err) != 0)
			return -1;
		*(unsigned *)((char *)rec + wire_rec_enums[i].offset) = (unsigned)v;
		return 0;
	}
	switch (f->tag) {
	case WIRE_T_REC_KIND:
		if (wire_number(f, EXTRACT_KIND_COUNT - 1, &v, err) != 0)
			return -1;
		rec->kind = (enum extract_kind)v;
		return 0;
	case WIRE_T_REC_MISSING:
		if (wire_number(f, (1u << EXTRACT_ELEM_COUNT) - 1, &v, err) != 0)
			return -1;
		rec->missing = (unsigned)v;
		return 0;
	case WIRE_T_REC_INVALID:
		if (wire_number(f, (1u << EXTRACT_INVALID_COUNT) - 1, &v, err) != 0)
			return -1;
		rec->invalid = (unsigned)v;
		return 0;
	case WIRE_T_REC_SIGNATURE_PRESENT:
		return wire_flag(f, &rec->signature_present, err);
	case WIRE_T_REC_DATE:
		if (f->len >= sizeof(rec->date) || wire_string(f, &s, err) != 0) {
			error_set(err, "worker frame: bad application date");
			return -1;
		}
		memcpy(rec->date, s, f->len + 1);
		g_free(s);
		return 0;
	default:
		error_set(err, "worker frame: unknown field %u", f->tag);
		return -1;
	}
}

/* A delivery report field, held to what the reader itself produces. */
static int
wire_dsn_field(const struct wire_field *f, struct extract_dsn *dsn,
	       struct ogi_error *err)
{
	uint64_t v;
	char *s = NULL;
	bool ok;

	if (f->tag == WIRE_T_DSN_ACTION) {
		if (wire_number(f, EXTRACT_DSN_ACTION_COUNT - 1, &v, err) != 0)
			return -1;
		if (v == EXTRACT_DSN_NONE) {
			error_set(err, "worker frame: a delivery report of no action");
			return -1;
		}
		dsn->action = (enum extract_dsn_action)v;
		return 0;
	}
	if (f->tag == WIRE_T_DSN_ENVELOPE_TO &&
	    dsn->n_envelope_to >= EXTRACT_DSN_ENVELOPE_MAX) {
		error_set(err, "worker frame: more than %d envelope recipients",
			  EXTRACT_DSN_ENVELOPE_MAX);
		return -1;
	}
	if (wire_string(f, &s, err) != 0)
		return -1;
	switch (f->tag) {
	case WIRE_T_DSN_STATUS:
		ok = extract_dsn_status_valid(s);
		if (ok)
			memcpy(dsn->status, s, strlen(s) + 1);
		g_free(s);
		break;
	case WIRE_T_DSN_DIAGNOSTIC:
		ok = extract_dsn_diagnostic_valid(s);
		dsn->diagnostic = s;
		break;
	case WIRE_T_DSN_ORIGINAL_ID:
		ok = extract_dsn_id_valid(s);
		dsn->original_id = s;
		break;
	default:
		ok = extract_dsn_address_valid(s);
		wire_strv_push(&dsn->envelope_to, &dsn->n_envelope_to, s);
		break;
	}
	if (!ok)
		error_set(err, "worker frame: bad delivery report field %u", f->tag);
	return ok ? 0 : -1;
}

/* "Name: value" of a header autoreply_header_relevant() names. */
static int
wire_auto_header(const struct wire_field *f, struct wire_result *res,
		 struct ogi_error *err)
{
	char *s = NULL, *colon;
	bool ok;

	if (res->n_auto_headers >= AUTOREPLY_MAX_HEADERS ||
	    f->len > AUTOREPLY_HEADER_MAX) {
		error_set(err, "worker frame: too many or too long automatic-mail "
			  "headers");
		return -1;
	}
	if (wire_string(f, &s, err) != 0)
		return -1;
	colon = strchr(s, ':');
	if (colon != NULL)
		*colon = '\0';
	ok = colon != NULL && autoreply_header_relevant(s);
	if (colon != NULL)
		*colon = ':';
	if (!ok) {
		error_set(err, "worker frame: not an automatic-mail header");
		g_free(s);
		return -1;
	}
	wire_strv_push(&res->auto_headers, &res->n_auto_headers, s);
	return 0;
}

static int
wire_page_field(const struct wire_field *f, struct wire_ocr_page *pg,
		struct ogi_error *err)
{
	uint64_t v;

	switch (f->tag) {
	case WIRE_P_NUMBER:
		if (wire_number(f, WIRE_MAX_OCR_PAGES, &v, err) != 0)
			return -1;
		pg->number = (unsigned)v;
		return 0;
	case WIRE_P_GEOMETRY:
		if (f->len != 16) {
			error_set(err, "worker frame: bad page geometry");
			return -1;
		}
		pg->width = wire_get_u32(f->data);
		pg->height = wire_get_u32(f->data + 4);
		pg->src_xres = wire_get_u32(f->data + 8);
		pg->src_yres = wire_get_u32(f->data + 12);
		if (pg->width == 0 || pg->width > WIRE_MAX_OCR_PIXELS ||
		    pg->height == 0 || pg->height > WIRE_MAX_OCR_PIXELS ||
		    pg->src_xres > WIRE_MAX_OCR_DPI ||
		    pg->src_yres > WIRE_MAX_OCR_DPI) {
			error_set(err, "worker frame: page geometry out of range");
			return -1;
		}
		return 0;
	case WIRE_P_SKEW:
		if (wire_number(f, 2 * WIRE_SKEW_BIAS, &v, err) != 0)
			return -1;
		pg->skew_deg = ((int64_t)v - WIRE_SKEW_BIAS) / 1000.0;
		return 0;
	case WIRE_P_MEAN_CONF:
		if (wire_number(f, 100, &v, err) != 0)
			return -1;
		pg->mean_conf = (unsigned)v;
		return 0;
	case WIRE_P_TEXT:
		if (f->len > WIRE_MAX_OCR_TEXT) {
			error_set(err, "worker frame: page text too long");
			return -1;
		}
		return wire_string(f, &pg->text, err);
	case WIRE_P_SIGNATURE:
		if (f->len != 1 || f->data[0] >= WIRE_MARK_COUNT) {
			error_set(err, "worker frame: bad signature mark");
			return -1;
		}
		pg->signature = (enum wire_mark)f->data[0];
		return 0;
	case WIRE_P_PNG:
		if (f->len < sizeof(wire_png_magic) || f->len > WIRE_MAX_OCR_PNG ||
		    memcmp(f->data, wire_png_magic, sizeof(wire_png_magic)) != 0) {
			error_set(err, "worker frame: page image is not a PNG "
				  "within %u bytes", WIRE_MAX_OCR_PNG);
			return -1;
		}
		pg->png = g_memdup2(f->data, f->len);
		pg->png_len = f->len;
		return 0;
	default:
		error_set(err, "worker frame: unknown page field %u", f->tag);
		return -1;
	}
}

/* One page: its number and geometry first, as the encoder writes them,
 * numbers increasing, images within WIRE_MAX_OCR_IMAGES together. */
static int
wire_page(const struct wire_field *f, struct wire_result *res,
	  size_t *png_total, struct ogi_error *err)
{
	struct wire_ocr_page pg = { 0 };
	uint64_t seen[2] = { 0, 0 };
	struct wire_field pf;
	size_t pos = 0;
	int r;

	if (res->n_pages >= WIRE_MAX_OCR_PAGES) {
		error_set(err, "worker frame: more than %d pages",
			  WIRE_MAX_OCR_PAGES);
		return -1;
	}
	while ((r = wire_next(f->data, f->len, &pos, &pf, err)) == 1) {
		bool ready = seen[0] & ((uint64_t)1 << WIRE_P_NUMBER) &&
			     seen[0] & ((uint64_t)1 << WIRE_P_GEOMETRY);

		if (pf.tag >= WIRE_P_END ||
		    (pf.tag != WIRE_P_NUMBER && pf.tag != WIRE_P_GEOMETRY && !ready)) {
			error_set(err, "worker frame: page field %u out of place",
				  pf.tag);
			r = -1;
		} else if (wire_once(seen, pf.tag, err) != 0) {
			r = -1;
		} else {
			r = wire_page_field(&pf, &pg, err);
		}
		if (r != 0)
			break;
	}
	if (r == 0 && (pg.number == 0 ||
		       (res->n_pages > 0 &&
			pg.number <= res->pages[res->n_pages - 1].number))) {
		error_set(err, "worker frame: page numbers out of order");
		r = -1;
	}
	/* A page is its image's size: one without it would not encode
	 * back as read (found by fuzz_wire). */
	if (r == 0 && !(seen[0] & ((uint64_t)1 << WIRE_P_GEOMETRY))) {
		error_set(err, "worker frame: page %u without its geometry",
			  pg.number);
		r = -1;
	}
	if (r == 0 && pg.png_len > WIRE_MAX_OCR_IMAGES - *png_total) {
		error_set(err, "worker frame: page images over %u bytes",
			  WIRE_MAX_OCR_IMAGES);
		r = -1;
	}
	if (r != 0) {
		wire_ocr_page_clear(&pg);
		return -1;
	}
	*png_total += pg.png_len;
	res->pages = g_renew(struct wire_ocr_page, res->pages, res->n_pages + 1);
	res->pages[res->n_pages++] = pg;
	return 0;
}

static int
wire_result_field(const struct wire_field *f, struct wire_result *res,
		  struct ogi_error *err)
{
	uint64_t v;
	char *s = NULL;

	switch (f->tag) {
	case WIRE_T_MESSAGE_ID:
		return wire_string(f, &res->message_id, err);
	case WIRE_T_FROM_ADDR:
		return wire_string(f, &res->from_addr, err);
	case WIRE_T_SUBJECT:
		return wire_string(f, &res->subject, err);
	case WIRE_T_PARSE_ERROR:
		return wire_string(f, &res->parse_error, err);
	case WIRE_T_RECEIVED_HEADER:
		if (wire_number(f, INT64_MAX, &v, err) != 0)
			return -1;
		res->received_header = (int64_t)v;
		return 0;
	case WIRE_T_PROBLEM:
		if (wire_string(f, &s, err) != 0)
			return -1;
		wire_strv_push(&res->problems, &res->n_problems, s);
		return 0;
	case WIRE_T_REFERENCE:
		if (res->n_references >= WIRE_MAX_REFERENCES) {
			error_set(err, "worker frame: more than %d references",
				  WIRE_MAX_REFERENCES);
			return -1;
		}
		if (f->len == 0 || f->len > WIRE_MAX_MSGID) {
			error_set(err, "worker frame: reference of %u bytes",
				  (unsigned)f->len);
			return -1;
		}
		if (wire_string(f, &s, err) != 0)
			return -1;
		wire_strv_push(&res->references, &res->n_references, s);
		return 0;
	case WIRE_T_AUTO_HEADER:
		return wire_auto_header(f, res, err);
	default:
		if (f->tag >= WIRE_T_DSN_ACTION && f->tag <= WIRE_T_DSN_ENVELOPE_TO)
			return wire_dsn_field(f, &res->dsn, err);
		return wire_rec_field(f, res, err);
	}
}

int
wire_result_decode(const unsigned char *body, size_t len,
		   struct wire_result *res_r, struct ogi_error *err)
{
	uint64_t seen[2] = { 0, 0 };
	struct wire_field f;
	size_t pos = 0, png_total = 0;
	int r;

	memset(res_r, 0, sizeof(*res_r));
	while ((r = wire_next(body, len, &pos, &f, err)) == 1) {
		if (f.tag == WIRE_T_OCR_PAGE) {
			if (wire_page(&f, res_r, &png_total, err) != 0) {
				r = -1;
				break;
			}
			continue;
		}
		if ((f.tag != WIRE_T_PROBLEM && f.tag != WIRE_T_REFERENCE &&
		     f.tag != WIRE_T_DSN_ENVELOPE_TO &&
		     f.tag != WIRE_T_AUTO_HEADER &&
		     wire_once(seen, f.tag, err) != 0) ||
		    wire_result_field(&f, res_r, err) != 0) {
			r = -1;
			break;
		}
	}
	if (r == 0 && res_r->n_pages > 0 && res_r->rec == NULL) {
		error_set(err, "worker frame: OCR pages without a record");
		r = -1;
	}
	if (r == 0 && res_r->rec != NULL &&
	    !(seen[0] & ((uint64_t)1 << WIRE_T_REC_KIND))) {
		error_set(err, "worker frame: record fields without a kind");
		r = -1;
	}
	if (r == 0 && res_r->dsn.action == EXTRACT_DSN_NONE &&
	    (res_r->dsn.status[0] != '\0' || res_r->dsn.diagnostic != NULL ||
	     res_r->dsn.original_id != NULL || res_r->dsn.n_envelope_to > 0)) {
		error_set(err, "worker frame: delivery report fields without "
			  "an action");
		r = -1;
	}
	if (r == 0 && (res_r->rec == NULL) == (res_r->parse_error == NULL)) {
		error_set(err, "worker frame: %s", res_r->rec == NULL
			  ? "neither a record nor a parse error"
			  : "both a record and a parse error");
		r = -1;
	}
	if (r != 0) {
		wire_result_clear(res_r);
		return -1;
	}
	return 0;
}

void
wire_job_clear(struct wire_job *job)
{
	g_strfreev(job->own_addresses);
	g_strfreev(job->own_contacts);
	g_free(job->fax_from);
	g_free(job->fax_subject);
	memset(job, 0, sizeof(*job));
}

void
wire_result_clear(struct wire_result *res)
{
	g_free(res->message_id);
	g_free(res->from_addr);
	g_free(res->subject);
	g_free(res->parse_error);
	g_strfreev(res->references);
	g_strfreev(res->auto_headers);
	for (size_t i = 0; i < res->n_problems; i++)
		g_free(res->problems[i]);
	g_free(res->problems);
	extract_record_free(res->rec);
	extract_dsn_clear(&res->dsn);
	for (size_t i = 0; i < res->n_pages; i++)
		wire_ocr_page_clear(&res->pages[i]);
	g_free(res->pages);
	memset(res, 0, sizeof(*res));
}

void
wire_ocr_page_clear(struct wire_ocr_page *page)
{
	g_free(page->text);
	for (size_t i = 0; i < page->n_words; i++)
		g_free(page->words[i].text);
	g_free(page->words);
	for (size_t i = 0; i < page->n_boxes; i++)
		g_free(page->boxes[i].label);
	g_free(page->boxes);
	for (size_t i = 0; i < page->n_cells; i++)
		g_free(page->cells[i].label);
	g_free(page->cells);
	g_free(page->png);
	memset(page, 0, sizeof(*page));
}

bool
wire_received_header_believed(int64_t mailbox_at, int64_t header_at)
{
	/* The slack comes off the header's time, positive here: added to a
	 * job's mailbox time, which may be up to INT64_MAX, it overflowed. */
	return header_at > 0 && header_at - WIRE_RECEIVED_HEADER_SLACK <= mailbox_at;
}
