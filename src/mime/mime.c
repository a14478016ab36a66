/* MIME normalisation with GMime 3 (the only file that includes gmime.h).
 *
 * GMime gives the structure; the bytes are decoded here: top-level headers
 * are read from the raw message (GMime ends a header value at a NUL byte),
 * header values and parameters go through our RFC 2047/2231 decoders and
 * base64 through our tolerant decoder (gmime#133, gmime#150).
 *
 * Nesting: GMime 3.2.13 stops recursing at 1024 levels, so deep input
 * cannot overflow the stack, but every line is then compared with up to
 * 1024 boundaries (measured: 300 000 levels, 15 MB, took 11 s).  A pre-scan
 * drops the bodies of containers nested deeper than max_depth before GMime
 * sees them, keeping parsing linear. */
#include "mime/mime.h"
#include "common/log.h"
#include "mime/mime-private.h"

#include <stdarg.h>
#include <string.h>

#include <gmime/gmime.h>

/* Header fields kept from one message; more is an attack, not mail. */
#define MAX_HEADERS 10000

static void
mime_init_once(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		g_mime_init();
		g_once_init_leave(&done, 1);
	}
}

/* --- problems ------------------------------------------------------------ */

static void G_GNUC_PRINTF(2, 3)
problem_add(GPtrArray *problems, const char *fmt, ...)
{
	va_list ap;
	char *s, *line;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* Labels and names quoted from the message may be any bytes. */
	line = mime_charset_decode(s, strlen(s), "UTF-8", NULL);
	g_free(s);
	for (guint i = 0; i < problems->len; i++)
		if (strcmp(problems->pdata[i], line) == 0) {
			g_free(line);
			return;
		}
	g_ptr_array_add(problems, line);
}

static void
problem_depth(GPtrArray *problems, unsigned max_depth)
{
	problem_add(problems, "MIME nesting depth exceeds %u: deeper parts skipped",
		    max_depth);
}

/* --- pre-scan: bound the nesting GMime sees ------------------------------ */

struct frame {
	char *boundary;
	size_t len;
	unsigned child_depth;
	bool digest;
};

struct prescan {
	GArray *frames;      /* open multiparts, outermost first */
	GArray *cuts;        /* byte ranges to drop, pairs of size_t */
	GString *ctype;      /* Content-Type of the header block being read */
	bool in_ctype;       /* the last header line was Content-Type */
	bool in_headers;
	bool digest_child;   /* default type message/rfc822 */
	unsigned depth;
	bool skipping;
	size_t skip_from;
	bool deep;           /* a container was dropped for depth */
	bool long_header;    /* a header line was cut */
};

/* GMime decodes header values in time that grows with the square of their
 * length; no real header comes near this. */
#define PRESCAN_HEADER_LINE_MAX 16384

static void
frames_truncate(GArray *frames, guint n)
{
	for (guint i = n; i < frames->len; i++)
		g_free(g_array_index(frames, struct frame, i).boundary);
	g_array_set_size(frames, n);
}

/* Index of the innermost frame whose boundary line this is, or -1. */
static int
prescan_boundary(const struct prescan *ps, const char *line, size_t len,
		 bool *close_r)
{
	if (len < 2 || line[0] != '-' || line[1] != '-')
		return -1;
	for (guint i = ps->frames->len; i-- > 0;) {
		const struct frame *f = &g_array_index(ps->frames, struct frame, i);
		size_t n = f->len + 2;

		if (len < n || memcmp(line + 2, f->boundary, f->len) != 0)
			continue;
		*close_r = len >= n + 2 && line[n] == '-' && line[n + 1] == '-';
		if (*close_r)
			n += 2;
		while (n < len && (line[n] == ' ' || line[n] == '\t'))
			n++;
		if (n == len)
			return (int)i;
	}
	return -1;
}

/* End of a header block: descend into the entity or start skipping it. */
static void
prescan_headers_end(struct prescan *ps, size_t next, unsigned max_depth)
{
	char *type = g_ascii_strdown(g_strstrip(ps->ctype->str), -1);
	char *boundary = NULL;
	bool multipart, message;

	if (type[0] == '\0' && ps->digest_child) {
		g_free(type);
		type = g_strdup("message/rfc822");
	}
	multipart = g_str_has_prefix(type, "multipart/") &&
		    (boundary = mime_param_get(ps->ctype->str, "boundary", NULL)) != NULL &&
		    boundary[0] != '\0';
	message = g_str_has_prefix(type, "message/rfc822") ||
		  g_str_has_prefix(type, "message/news") ||
		  g_str_has_prefix(type, "message/global");
	ps->in_headers = false;
	if ((multipart || message) && ps->depth + 1 > max_depth) {
		ps->deep = true;
		ps->skipping = true;
		ps->skip_from = next;
	} else if (multipart) {
		struct frame f = { boundary, strlen(boundary), ps->depth + 1,
				   g_str_has_prefix(type, "multipart/digest") };

		g_array_append_val(ps->frames, f);
		boundary = NULL;
	} else if (message) {
		ps->depth++;
		ps->in_headers = true;
	}
	g_string_truncate(ps->ctype, 0);
	ps->in_ctype = false;
	ps->digest_child = false;
	g_free(boundary);
	g_free(type);
}

static void
prescan_header_line(struct prescan *ps, const char *line, size_t len)
{
	static const char name[] = "content-type";
	size_t n = sizeof(name) - 1, i;

	if (len > 0 && (line[0] == ' ' || line[0] == '\t')) {
		if (ps->in_ctype)
			g_string_append_len(ps->ctype, line, (gssize)len);
		return;
	}
	ps->in_ctype = false;
	if (len <= n || g_ascii_strncasecmp(line, name, n) != 0)
		return;
	for (i = n; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (i < len && line[i] == ':') {
		g_string_truncate(ps->ctype, 0);
		g_string_append_len(ps->ctype, line + i + 1, (gssize)(len - i - 1));
		ps->in_ctype = true;
	}
}

/* Returns raw with the bodies of too-deep containers dropped and overlong
 * header lines cut (a new GByteArray), or NULL when nothing had to go;
 * *deep_r and *long_r tell which happened. */
static GByteArray *
prescan(const char *raw, size_t len, unsigned max_depth, bool *deep_r,
	bool *long_r)
{
	struct prescan ps = {
		.frames = g_array_new(FALSE, FALSE, sizeof(struct frame)),
		.cuts = g_array_new(FALSE, FALSE, sizeof(size_t)),
		.ctype = g_string_new(NULL),
		.in_headers = true,
	};
	GByteArray *out = NULL;
	size_t pos = 0;

	while (pos < len) {
		const char *line = raw + pos, *nl = memchr(line, '\n', len - pos);
		size_t next = nl != NULL ? (size_t)(nl - raw) + 1 : len;
		size_t n = (nl != NULL ? (size_t)(nl - line) : len - pos);
		bool close = false;
		int idx;

		if (n > 0 && line[n - 1] == '\r')
			n--;
		idx = prescan_boundary(&ps, line, n, &close);
		if (ps.skipping && idx >= 0) {
			g_array_append_val(ps.cuts, ps.skip_from);
			g_array_append_val(ps.cuts, pos);
			ps.skipping = false;
		}
		if (ps.skipping) {
			/* nothing: inside a dropped body */
		} else if (idx >= 0) {
			const struct frame *f = &g_array_index(ps.frames, struct frame, idx);

			ps.depth = close ? f->child_depth - 1 : f->child_depth;
			ps.in_headers = !close;
			ps.digest_child = !close && f->digest;
			g_string_truncate(ps.ctype, 0);
			ps.in_ctype = false;
			frames_truncate(ps.frames, close ? (guint)idx : (guint)idx + 1);
		} else if (ps.in_headers && n == 0) {
			prescan_headers_end(&ps, next, max_depth);
		} else if (ps.in_headers) {
			prescan_header_line(&ps, line, n);
			if (n > PRESCAN_HEADER_LINE_MAX) {
				size_t a = pos + PRESCAN_HEADER_LINE_MAX, b = pos + n;

				g_array_append_val(ps.cuts, a);
				g_array_append_val(ps.cuts, b);
				ps.long_header = true;
			}
		}
		pos = next;
	}
	if (ps.skipping) {
		g_array_append_val(ps.cuts, ps.skip_from);
		g_array_append_val(ps.cuts, len);
	}
	if (ps.cuts->len > 0) {
		size_t from = 0;

		out = g_byte_array_sized_new((guint)len);
		for (guint i = 0; i < ps.cuts->len; i += 2) {
			size_t a = g_array_index(ps.cuts, size_t, i);

			g_byte_array_append(out, (const guint8 *)raw + from, (guint)(a - from));
			from = g_array_index(ps.cuts, size_t, i + 1);
		}
		g_byte_array_append(out, (const guint8 *)raw + from, (guint)(len - from));
	}
	frames_truncate(ps.frames, 0);
	g_array_free(ps.frames, TRUE);
	g_array_free(ps.cuts, TRUE);
	g_string_free(ps.ctype, TRUE);
	*deep_r = ps.deep;
	*long_r = ps.long_header;
	return out;
}

/* --- top-level headers --------------------------------------------------- */

static bool
header_name_ok(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7F)
			return false;
	return true;
}

/* Reads the header block of raw into names and raw values (GByteArray),
 * NUL bytes included. */
static void
headers_read(const char *raw, size_t len, GPtrArray *names, GPtrArray *values)
{
	GByteArray *cur = NULL;
	size_t pos = 0;

	while (pos < len) {
		const char *line = raw + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - line) : len - pos;
		const char *colon;
		size_t name_len;

		pos += n + (nl != NULL);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if (line[0] == ' ' || line[0] == '\t') {
			if (cur != NULL) {
				g_byte_array_append(cur, (const guint8 *)"\n", 1);
				g_byte_array_append(cur, (const guint8 *)line, (guint)n);
			}
			continue;
		}
		cur = NULL;
		colon = memchr(line, ':', n);
		if (colon == NULL || names->len >= MAX_HEADERS)
			continue;	/* an mbox "From " line or junk */
		name_len = (size_t)(colon - line);
		while (name_len > 0 && (line[name_len - 1] == ' ' || line[name_len - 1] == '\t'))
			name_len--;
		if (!header_name_ok(line, name_len))
			continue;
		g_ptr_array_add(names, g_strndup(line, name_len));
		cur = g_byte_array_new();
		g_byte_array_append(cur, (const guint8 *)colon + 1,
				    (guint)(n - (size_t)(colon - line) - 1));
		g_ptr_array_add(values, cur);
	}
}

static int
header_index(const GPtrArray *names, const char *name)
{
	for (guint i = 0; i < names->len; i++)
		if (g_ascii_strcasecmp(names->pdata[i], name) == 0)
			return (int)i;
	return -1;
}

/* A header value on one line and without control characters: decoded
 * words may carry CR, LF, tabs and terminal escapes. */
static char *
header_value(const char *raw, size_t len, bool structured)
{
	return log_scrub(mime_header_decode(raw, len, structured, NULL));
}

static char *
utf8_dup(const char *s)
{
	return s != NULL ? mime_charset_decode(s, strlen(s), "UTF-8", NULL) : NULL;
}

/* "<id@host>" → "id@host"; NULL when empty. */
static char *
message_id(const char *value)
{
	char *id, *res;

	if (value == NULL)
		return NULL;
	id = g_mime_utils_decode_message_id(value);
	if (id == NULL) {
		id = g_strdup(value);
		g_strdelimit(id, "<>", ' ');
		g_strstrip(id);
	}
	res = id[0] != '\0' ? utf8_dup(id) : NULL;
	g_free(id);
	return res;
}

/* The first mailbox of an address header (raw bytes). */
static InternetAddressMailbox *
first_mailbox(InternetAddressList *list)
{
	for (int i = 0; list != NULL && i < internet_address_list_length(list); i++) {
		InternetAddress *a = internet_address_list_get_address(list, i);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			return INTERNET_ADDRESS_MAILBOX(a);
		if (INTERNET_ADDRESS_IS_GROUP(a)) {
			InternetAddressMailbox *m = first_mailbox(
				internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)));

			if (m != NULL)
				return m;
		}
	}
	return NULL;
}

static void
address_get(GMimeParserOptions *opts, const GByteArray *raw, char **name_r,
	    char **addr_r)
{
	char *value = header_value((const char *)raw->data, raw->len, true);
	InternetAddressList *list = internet_address_list_parse(opts, value);
	InternetAddressMailbox *mb = first_mailbox(list);

	if (mb != NULL) {
		const char *name = internet_address_get_name(INTERNET_ADDRESS(mb));
		const char *addr = internet_address_mailbox_get_addr(mb);

		if (name_r != NULL && name != NULL && name[0] != '\0')
			*name_r = utf8_dup(name);
		if (addr != NULL && addr[0] != '\0')
			*addr_r = utf8_dup(addr);
	}
	if (list != NULL)
		g_object_unref(list);
	g_free(value);
}

static void
message_headers(struct mime_message *msg, const char *raw, size_t len,
		GMimeParserOptions *opts, GPtrArray *problems)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *values = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	int i;

	headers_read(raw, len, names, values);
	if (names->len >= MAX_HEADERS)
		problem_add(problems, "more than %d header fields: the rest ignored",
			    MAX_HEADERS);
	msg->n_headers = names->len;
	msg->headers = g_new0(struct mime_header, names->len + 1);
	for (guint k = 0; k < names->len; k++) {
		const GByteArray *v = values->pdata[k];

		msg->headers[k].name = g_strdup(names->pdata[k]);
		msg->headers[k].value = header_value((const char *)v->data, v->len,
						     false);
		/* No mail client writes NUL; a header carrying one was forged or
		 * broken on the way, and the office should see it. */
		if (v->len > 0 && memchr(v->data, '\0', v->len) != NULL)
			problem_add(problems, "header %s contains NUL bytes: "
				    "replaced by U+FFFD", msg->headers[k].name);
	}
	msg->message_id = message_id(mime_header_get(msg, "Message-ID"));
	msg->in_reply_to = message_id(mime_header_get(msg, "In-Reply-To"));
	msg->subject = g_strdup(mime_header_get(msg, "Subject") ?
				mime_header_get(msg, "Subject") : "");
	msg->to = g_strdup(mime_header_get(msg, "To"));
	msg->references = g_strdup(mime_header_get(msg, "References"));
	if ((i = header_index(names, "From")) >= 0)
		address_get(opts, values->pdata[i], &msg->from_name, &msg->from_addr);
	if ((i = header_index(names, "Reply-To")) >= 0)
		address_get(opts, values->pdata[i], NULL, &msg->reply_to_addr);
	if (names->len == 0)
		problem_add(problems, "message has no header fields");
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(values, TRUE);
}

/* --- parts --------------------------------------------------------------- */

struct walk {
	const struct config_limits *lim;
	GArray *parts;        /* struct mime_part */
	GPtrArray *problems;
	GString *forwards;    /* forwarded messages, appended after the body */
	char *attached_id;    /* Message-ID of the first attached message */
	unsigned leaves;
	size_t archive_used;  /* bytes uncompressed from .docx so far: the limit
	                         holds for the whole message, not each file */
};

struct body {
	GString *text;
	bool from_html;
	bool from_plain;
};

static void
body_add(struct body *b, const char *text, bool html)
{
	const char *s = text;
	size_t n;

	while (*s == '\n' || *s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && g_ascii_isspace(s[n - 1]))
		n--;
	if (n == 0)
		return;
	if (b->text->len > 0)
		g_string_append(b->text, "\n\n");
	g_string_append_len(b->text, s, (gssize)n);
	if (html)
		b->from_html = true;
	else
		b->from_plain = true;
}

static const char *
raw_header(GMimeObject *obj, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(
		g_mime_object_get_header_list(obj), name);

	return h != NULL ? g_mime_header_get_raw_value(h) : NULL;
}

/* The transfer-decoded content of part. */
static GByteArray *
part_bytes(GMimePart *part, bool *partial_r)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *enc, *out;
	GMimeContentEncoding encoding;

	*partial_r = false;
	if (dw == NULL)
		return g_byte_array_new();
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_get_stream(dw) != NULL) {
		g_mime_stream_reset(g_mime_data_wrapper_get_stream(dw));
		g_mime_stream_write_to_stream(g_mime_data_wrapper_get_stream(dw), mem);
	}
	/* Ours from here: the stream would empty it on finalisation. */
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	enc = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	g_object_unref(mem);
	encoding = g_mime_data_wrapper_get_encoding(dw);
	if (encoding == GMIME_CONTENT_ENCODING_BASE64) {
		out = g_byte_array_sized_new(enc->len / 4 * 3 + 3);
		g_byte_array_set_size(out, enc->len / 4 * 3 + 3);
		g_byte_array_set_size(out, (guint)mime_base64_decode(
			(const char *)enc->data, enc->len, out->data, partial_r));
	} else if (encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
		   encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeEncoding state;

		g_mime_encoding_init_decode(&state, encoding);
		out = g_byte_array_sized_new((guint)g_mime_encoding_outlen(&state, enc->len));
		g_byte_array_set_size(out, (guint)g_mime_encoding_outlen(&state, enc->len));
		g_byte_array_set_size(out, (guint)g_mime_encoding_flush(
			&state, (const char *)enc->data, enc->len, (char *)out->data));
	} else {
		return enc;
	}
	g_byte_array_unref(enc);
	return out;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = s != NULL ? strlen(s) : 0, m = strlen(suffix);

	return n >= m && g_ascii_strcasecmp(s + n - m, suffix) == 0;
}

static bool
is_report_type(const char *type)
{
	static const char *const report[] = {
		"message/delivery-status", "message/global-delivery-status",
		"message/disposition-notification",
		"message/global-disposition-notification",
		"message/feedback-report", "text/rfc822-headers",
		"message/global-headers",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(report); i++)
		if (strcmp(type, report[i]) == 0)
			return true;
	return false;
}

static bool
param_is(GMimeObject *obj, const char *name, const char *value)
{
	const char *v = g_mime_object_get_content_type_parameter(obj, name);

	return v != NULL && g_ascii_strcasecmp(v, value) == 0;
}

/* Charset-decoded text of a text/ part; HTML turned into text, flowed
 * text (RFC 3676) unwrapped. */
static char *
part_text(struct walk *w, GMimeObject *obj, const char *type,
	  const GByteArray *bytes, const char *what)
{
	const char *cs = g_mime_object_get_content_type_parameter(obj, "charset");
	char *sniffed = NULL, *text, *res;
	unsigned flags = 0;
	bool html = strcmp(type, "text/html") == 0;

	if (html && cs == NULL)
		cs = sniffed = mime_html_charset((const char *)bytes->data, bytes->len);
	text = mime_charset_decode((const char *)bytes->data, bytes->len, cs, &flags);
	if (flags & MIME_CS_BAD_LABEL)
		problem_add(w->problems, "unknown charset \"%s\" in %s: read as "
			    "UTF-8 or GB18030", cs, what);
	else if (flags & MIME_CS_BAD_BYTES)
		problem_add(w->problems, "%s: undecodable bytes replaced by U+FFFD",
			    what);
	g_free(sniffed);
	if (html) {
		res = mime_html_to_text(text, strlen(text));
		g_free(text);
		return res;
	}
	/* One line ending for everyone downstream. */
	for (char *s = text, *d = text;; s++) {
		if (*s == '\r') {
			*d++ = '\n';
			s += s[1] == '\n';
		} else if ((*d++ = *s) == '\0') {
			break;
		}
	}
	if (strcmp(type, "text/plain") != 0 || !param_is(obj, "format", "flowed"))
		return text;
	res = mime_flowed_decode(text, param_is(obj, "delsp", "yes"));
	g_free(text);
	return res;
}

static void
attachment_text(struct walk *w, struct mime_part *mp, GMimeObject *obj,
		const GByteArray *bytes, const char *what)
{
	const char *type = mp->content_type;
	char *problem = NULL;
	bool pdf = strcmp(type, "application/pdf") == 0 || ends_with(mp->filename, ".pdf") ||
		   (bytes->len > 5 && memcmp(bytes->data, "%PDF-", 5) == 0);
	bool doc = strcmp(type, "application/msword") == 0 || ends_with(mp->filename, ".doc");

	/* A form whose upload failed: the applicant thinks it was sent.  The
	 * readers would call it a broken archive or a damaged PDF. */
	if (bytes->len == 0) {
		problem_add(w->problems, "%s is empty", what);
		return;
	}
	if (g_str_has_prefix(type, "text/") || ends_with(mp->filename, ".txt")) {
		mp->text = part_text(w, obj, type, bytes, what);
		return;
	}
	mp->data = g_memdup2(bytes->data, bytes->len);
	mp->data_len = bytes->len;
	if (doc || strcmp(type, "application/vnd.openxmlformats-officedocument."
				"wordprocessingml.document") == 0 ||
	    ends_with(mp->filename, ".docx"))
	{
		mp->text = (doc ? mime_doc_text : mime_docx_text)(bytes->data, bytes->len,
					  w->lim->max_archive_size - w->archive_used,
					  &w->archive_used, &problem);
		if (w->archive_used > w->lim->max_archive_size)
			w->archive_used = w->lim->max_archive_size;
	}
	else if (pdf)
		mp->text = mime_pdf_text(bytes->data, bytes->len, &mp->image, &problem);
	if (problem != NULL)
		problem_add(w->problems, "%s: %s", what, problem);
	g_free(problem);
}

/* Whether a part is a photo or scan that may be a form (mime.h); bytes
 * may be empty when it was over the size limit. */
static bool
part_is_picture(GMimeObject *obj, const struct mime_part *mp,
		const GByteArray *bytes)
{
	static const char *const names[] = {
		".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".heic", ".heif",
		".bmp", ".gif", ".webp",
	};
	static const struct {
		const char *bytes;
		size_t len;
	} magic[] = {
		{ "\xFF\xD8\xFF", 3 }, { "\x89PNG", 4 }, { "II*\0", 4 }, { "MM\0*", 4 },
		{ "GIF8", 4 },
	};
	bool picture = g_str_has_prefix(mp->content_type, "image/");

	for (size_t i = 0; i < G_N_ELEMENTS(names) && !picture; i++)
		picture = ends_with(mp->filename, names[i]);
	for (size_t i = 0; i < G_N_ELEMENTS(magic) && !picture; i++)
		picture = bytes->len >= magic[i].len &&
			  memcmp(bytes->data, magic[i].bytes, magic[i].len) == 0;
	return picture && (mp->size >= MIME_IMAGE_FORM_MIN_BYTES ||
			   raw_header(obj, "Content-ID") == NULL);
}

/* The name a part was sent with: filename= of Content-Disposition, else
 * name= of Content-Type.  An empty name (filename="") is no name: shown as
 * "_", it would be reported as unsafe and make a body part an attachment. */
static char *
part_name(GMimeObject *obj, const char *raw_cd)
{
	const char *const raw[] = { raw_cd, raw_header(obj, "Content-Type") };
	const char *const param[] = { "filename", "name" };

	for (size_t i = 0; i < G_N_ELEMENTS(raw); i++) {
		char *name = mime_param_get(raw[i], param[i], NULL);

		if (name != NULL && name[0] != '\0')
			return name;
		g_free(name);
	}
	return NULL;
}

static void
walk_leaf(struct walk *w, GMimePart *part, unsigned depth, bool forwarded,
	  struct body *b)
{
	GMimeObject *obj = GMIME_OBJECT(part);
	const char *raw_cd = raw_header(obj, "Content-Disposition");
	struct mime_part mp = { .depth = depth, .forwarded = forwarded };
	char *type, *name, *what;
	GByteArray *bytes;
	bool partial, attachment;

	if (w->leaves >= w->lim->max_parts) {
		problem_add(w->problems, "MIME part count exceeds %u: later parts "
			    "skipped", w->lim->max_parts);
		return;
	}
	w->leaves++;
	type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(obj));
	mp.content_type = g_ascii_strdown(type, -1);
	g_free(type);
	type = mp.content_type;
	name = part_name(obj, raw_cd);
	if (name != NULL) {
		mp.filename = mime_filename_display(name);
		/* CR/LF or a path in a name is an attack on whoever saves the
		 * file; the name is never used as a path, and the office is told. */
		if (strcmp(name, mp.filename) != 0)
			problem_add(w->problems, "attachment name with control "
				    "characters or a path, shown as \"%s\"",
				    mp.filename);
	}
	g_free(name);
	what = mp.filename != NULL ?
	       g_strdup_printf("attachment \"%s\"", mp.filename) :
	       g_strdup_printf("part %u (%s)", w->leaves, type);
	while (raw_cd != NULL && g_ascii_isspace(*raw_cd))
		raw_cd++;
	attachment = raw_cd != NULL && g_ascii_strncasecmp(raw_cd, "attachment", 10) == 0;

	bytes = part_bytes(part, &partial);
	mp.size = bytes->len;
	if (partial)
		problem_add(w->problems, "%s: base64 content ends mid-character "
			    "(message truncated?)", what);
	if (is_report_type(type))
		mp.role = MIME_PART_REPORT;
	else if ((strcmp(type, "text/plain") == 0 || strcmp(type, "text/html") == 0) &&
		 !attachment && mp.filename == NULL)
		mp.role = MIME_PART_BODY;
	else
		mp.role = MIME_PART_ATTACHMENT;

	mp.image = mp.role == MIME_PART_ATTACHMENT && part_is_picture(obj, &mp, bytes);
	if (bytes->len > w->lim->max_attachment_size) {
		problem_add(w->problems, "%s is %u bytes, over the limit of %zu: "
			    "not read", what, bytes->len, w->lim->max_attachment_size);
	} else if (mp.role == MIME_PART_ATTACHMENT) {
		attachment_text(w, &mp, obj, bytes, what);
	} else {
		mp.text = part_text(w, obj, type, bytes, what);
		if (mp.role == MIME_PART_BODY)
			body_add(b, mp.text, strcmp(type, "text/html") == 0);
	}
	g_array_append_val(w->parts, mp);
	g_byte_array_unref(bytes);
	g_free(what);
}

static void walk_object(struct walk *w, GMimeObject *obj, unsigned depth,
			bool forwarded, struct body *b);

/* Prefers text/plain unless it is blank, then HTML, then anything. */
static void
walk_alternative(struct walk *w, GMimeMultipart *mp, unsigned depth,
		 bool forwarded, struct body *b)
{
	int n = g_mime_multipart_get_count(mp), pick = -1;
	struct body *alts = g_new0(struct body, (size_t)n + 1);

	for (int i = 0; i < n; i++) {
		alts[i].text = g_string_new(NULL);
		walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1,
			    forwarded, &alts[i]);
		if (alts[i].text->len == 0)
			continue;
		if (pick < 0 || (alts[i].from_plain && !alts[pick].from_plain))
			pick = i;
	}
	if (pick >= 0)
		body_add(b, alts[pick].text->str, alts[pick].from_html);
	for (int i = 0; i < n; i++)
		g_string_free(alts[i].text, TRUE);
	g_free(alts);
}

static void
forward_header(GString *out, GMimeMessage *m, const char *name)
{
	const char *raw = raw_header(GMIME_OBJECT(m), name);
	char *v;

	if (raw == NULL)
		return;
	v = header_value(raw, strlen(raw), false);
	g_string_append_printf(out, "%s: %s\n", name, v);
	g_free(v);
}

/* An attached message: its text goes after the body, below a separator. */
static void
walk_forward(struct walk *w, GMimeMessagePart *part, unsigned depth)
{
	GMimeMessage *m = g_mime_message_part_get_message(part);
	struct body fb = { g_string_new(NULL), false, false };
	GString *outer = w->forwards;

	if (m == NULL || g_mime_message_get_mime_part(m) == NULL) {
		g_string_free(fb.text, TRUE);
		return;
	}
	if (w->attached_id == NULL && g_mime_message_get_message_id(m) != NULL &&
	    g_mime_message_get_message_id(m)[0] != '\0')
		w->attached_id = utf8_dup(g_mime_message_get_message_id(m));
	w->forwards = g_string_new(NULL);
	walk_object(w, g_mime_message_get_mime_part(m), depth + 1, true, &fb);
	g_string_append(outer, "\n\n---------- Forwarded message ----------\n");
	forward_header(outer, m, "From");
	forward_header(outer, m, "Date");
	forward_header(outer, m, "Subject");
	forward_header(outer, m, "To");
	g_string_append_c(outer, '\n');
	g_string_append(outer, fb.text->str);
	g_string_append(outer, w->forwards->str);
	g_string_free(w->forwards, TRUE);
	g_string_free(fb.text, TRUE);
	w->forwards = outer;
}

static void
walk_object(struct walk *w, GMimeObject *obj, unsigned depth, bool forwarded,
	    struct body *b)
{
	if (obj == NULL)
		return;
	if (depth > w->lim->max_depth) {
		problem_depth(w->problems, w->lim->max_depth);
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);

		if (g_mime_content_type_is_type(g_mime_object_get_content_type(obj),
						"multipart", "alternative")) {
			walk_alternative(w, mp, depth, forwarded, b);
			return;
		}
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1,
				    forwarded, b);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		walk_forward(w, GMIME_MESSAGE_PART(obj), depth);
	} else if (GMIME_IS_PART(obj)) {
		walk_leaf(w, GMIME_PART(obj), depth, forwarded, b);
	}
}

/* --- the message --------------------------------------------------------- */

static void
parser_warning(gint64 offset, GMimeParserWarning code, const gchar *item,
	       gpointer user_data)
{
	GPtrArray *problems = user_data;

	(void)offset;
	(void)item;
	switch (code) {
	case GMIME_WARN_TRUNCATED_MESSAGE:
		problem_add(problems, "message is truncated: a MIME part or its "
			    "closing boundary is missing");
		break;
	case GMIME_CRIT_NESTING_OVERFLOW:
		problem_add(problems, "MIME nesting overflows the parser: deeper "
			    "parts skipped");
		break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		problem_add(problems, "multipart without a boundary: read as one part");
		break;
	default:
		break;
	}
}

static GMimeParserOptions *
parser_options(GPtrArray *problems)
{
	static const char *fallback[] = { "utf-8", "gb18030", NULL };
	GMimeParserOptions *opts = g_mime_parser_options_new();

	g_mime_parser_options_set_rfc2047_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_allow_addresses_without_domain(opts, TRUE);
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_warning_callback(opts, parser_warning, problems);
	return opts;
}

static void
message_structure(struct mime_message *msg, GMimeMessage *m,
		  const struct config_limits *lim, GPtrArray *problems)
{
	GMimeObject *top = g_mime_message_get_mime_part(m);
	struct walk w = {
		.lim = lim,
		.parts = g_array_new(FALSE, TRUE, sizeof(struct mime_part)),
		.problems = problems,
		.forwards = g_string_new(NULL),
	};
	struct body b = { g_string_new(NULL), false, false };
	GDateTime *date = g_mime_message_get_date(m);

	const char *received = mime_header_get(msg, "Received");
	const char *semi = received ? strrchr(received, ';') : NULL;
	GDateTime *arrived;

	if (date != NULL)
		msg->date = g_date_time_to_unix(date);
	/* The first Received: is the newest, added by the office's own
	 * server; its date after the last ';' is when the mail arrived. */
	if (semi != NULL &&
	    (arrived = g_mime_utils_header_decode_date(semi + 1)) != NULL) {
		msg->received_date = g_date_time_to_unix(arrived);
		g_date_time_unref(arrived);
	}
	if (top != NULL) {
		GMimeContentType *ct = g_mime_object_get_content_type(top);
		char *type = g_mime_content_type_get_mime_type(ct);

		msg->content_type = g_ascii_strdown(type, -1);
		g_free(type);
		if (g_mime_content_type_is_type(ct, "multipart", "report"))
			msg->report_type = utf8_dup(
				g_mime_content_type_get_parameter(ct, "report-type"));
	} else {
		msg->content_type = g_strdup("text/plain");
	}
	walk_object(&w, top, 0, false, &b);
	if (b.text->len == 0)
		while (w.forwards->len > 0 && w.forwards->str[0] == '\n')
			g_string_erase(w.forwards, 0, 1);
	g_string_append(b.text, w.forwards->str);
	msg->body = mime_charset_decode(b.text->str, b.text->len, "UTF-8", NULL);
	msg->body_from_html = b.from_html && !b.from_plain;
	msg->n_parts = w.parts->len;
	msg->parts = (struct mime_part *)(void *)g_array_free(w.parts, FALSE);
	msg->attached_message_id = w.attached_id;
	g_string_free(b.text, TRUE);
	g_string_free(w.forwards, TRUE);
}

int
mime_parse(const void *raw, size_t len, const struct config_limits *lim,
	   struct mime_message **msg_r, struct ogi_error *err)
{
	struct config_limits defaults;
	GPtrArray *problems;
	GByteArray *cut;
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *m;
	struct mime_message *msg;
	bool deep, long_header;

	*msg_r = NULL;
	if (lim == NULL) {
		config_limits_default(&defaults);
		lim = &defaults;
	}
	if (raw == NULL || len == 0) {
		error_set(err, "empty message");
		return -1;
	}
	if (len > lim->max_message_size) {
		error_set(err, "message of %zu bytes exceeds the limit of %zu bytes: "
			  "not parsed", len, lim->max_message_size);
		return -1;
	}
	mime_init_once();
	problems = g_ptr_array_new_with_free_func(g_free);
	cut = prescan(raw, len, lim->max_depth, &deep, &long_header);
	if (deep)
		problem_depth(problems, lim->max_depth);
	if (long_header)
		problem_add(problems, "header line over %d bytes: cut for parsing",
			    PRESCAN_HEADER_LINE_MAX);
	opts = parser_options(problems);
	stream = cut != NULL ? g_mime_stream_mem_new_with_byte_array(cut)
			     : g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	m = g_mime_parser_construct_message(parser, opts);
	g_object_unref(parser);
	if (m == NULL) {
		error_set(err, "not a MIME message: no structure could be read");
		g_object_unref(stream);
		g_mime_parser_options_free(opts);
		g_ptr_array_free(problems, TRUE);
		return -1;
	}
	msg = g_new0(struct mime_message, 1);
	message_headers(msg, raw, len, opts, problems);
	message_structure(msg, m, lim, problems);
	g_object_unref(m);
	g_object_unref(stream);
	g_mime_parser_options_free(opts);
	msg->n_problems = problems->len;
	g_ptr_array_add(problems, NULL);
	msg->problems = (char **)g_ptr_array_free(problems, FALSE);
	*msg_r = msg;
	return 0;
}

void
mime_message_free(struct mime_message *msg)
{
	if (msg == NULL)
		return;
	for (size_t i = 0; i < msg->n_headers; i++) {
		g_free(msg->headers[i].name);
		g_free(msg->headers[i].value);
	}
	g_free(msg->headers);
	for (size_t i = 0; i < msg->n_parts; i++) {
		g_free(msg->parts[i].content_type);
		g_free(msg->parts[i].filename);
		g_free(msg->parts[i].text);
		g_free(msg->parts[i].data);
	}
	g_free(msg->parts);
	for (size_t i = 0; i < msg->n_problems; i++)
		g_free(msg->problems[i]);
	g_free(msg->problems);
	g_free(msg->message_id);
	g_free(msg->from_name);
	g_free(msg->from_addr);
	g_free(msg->reply_to_addr);
	g_free(msg->to);
	g_free(msg->subject);
	g_free(msg->in_reply_to);
	g_free(msg->references);
	g_free(msg->content_type);
	g_free(msg->report_type);
	g_free(msg->attached_message_id);
	g_free(msg->body);
	g_free(msg);
}

const char *
mime_header_get(const struct mime_message *msg, const char *name)
{
	for (size_t i = 0; msg != NULL && i < msg->n_headers; i++)
		if (g_ascii_strcasecmp(msg->headers[i].name, name) == 0)
			return msg->headers[i].value;
	return NULL;
}
