#include "delivery/compose.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/clock.h"
#include "common/fdio.h"
#include "common/log.h"
#include "common/spool.h"
#include "extract/extract.h"

/* RFC 2047 2: an encoded word is at most 75 characters. */
#define COMPOSE_WORD_MAX 75
/* "=?UTF-8?B?" and "?=" around the base64 text of one word. */
#define COMPOSE_WORD_OVERHEAD 12
/* RFC 5322 2.1.1: lines should stay within 78 characters. */
#define COMPOSE_LINE_MAX 78
/* RFC 2045 6.8: base64 lines of at most 76 characters, i.e. 57 bytes. */
#define COMPOSE_B64_LINE_BYTES 57
/* The continuations of an RFC 2231 file name: this many characters of
 * percent-encoded name per line keeps each line within COMPOSE_LINE_MAX
 * with its " filename*NN*=" and ";". */
#define COMPOSE_2231_CHUNK 56
/* An applicant's Message-ID longer than this is not one a mail client
 * made (they run to some 100 characters); it is not repeated. */
#define COMPOSE_MSGID_MAX 250
/* At most this many of the applicant's References are repeated: enough
 * to keep the thread, never a header of unbounded length. */
#define COMPOSE_REFERENCES_MAX 10

bool
delivery_address_valid(const char *addr)
{
	const char *at;
	size_t len;

	if (addr == NULL)
		return false;
	len = strlen(addr);
	at = strrchr(addr, '@');
	if (len == 0 || len > DELIVERY_ADDRESS_MAX || at == NULL || at == addr ||
	    at[1] == '\0' || strchr(addr, '@') != at)
		return false;
	for (const char *p = addr; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p) != NULL)
			return false;
	return at[1] != '.' && addr[len - 1] != '.';
}

/* A copy of s, valid UTF-8, with every control character (C0, DEL, C1)
 * turned into a space: whatever an applicant wrote stays on its line. */
static char *
compose_clean(const char *s)
{
	return log_scrub(g_utf8_make_valid(s != NULL ? s : "", -1));
}

static bool
compose_plain_ascii(const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			return false;
	return strstr(s, "=?") == NULL;
}

/* Bytes of UTF-8 an encoded word may hold when it has room columns, in
 * whole base64 groups, within RFC 2047's 75 characters. */
static size_t
compose_word_bytes(size_t room)
{
	size_t chars = MIN(room, (size_t)COMPOSE_WORD_MAX);

	return chars > COMPOSE_WORD_OVERHEAD ? (chars - COMPOSE_WORD_OVERHEAD) / 4 * 3 : 0;
}

/* Appends s (clean UTF-8) as encoded words, starting at column *col:
 * each word as long as the line leaves room for, a fold before a word
 * that would not fit one character. */
static void
compose_words(GString *out, const char *s, size_t *col)
{
	const char *p = s;

	while (*p != '\0') {
		size_t sep = p != s ? 1 : 0, max;
		const char *end = p;
		char *b64;

		max = compose_word_bytes(COMPOSE_LINE_MAX - MIN(*col + sep, COMPOSE_LINE_MAX));
		if (max < (size_t)(g_utf8_next_char(p) - p)) {
			g_string_append(out, "\n");
			*col = 0;
			sep = 1;
			max = compose_word_bytes(COMPOSE_LINE_MAX - 1);
		}
		while (*end != '\0' &&
		       (size_t)(g_utf8_next_char(end) - p) <= max)
			end = g_utf8_next_char(end);
		b64 = g_base64_encode((const guchar *)p, (gsize)(end - p));
		if (sep)
			g_string_append_c(out, ' ');
		g_string_append_printf(out, "=?UTF-8?B?%s?=", b64);
		*col += sep + strlen(b64) + COMPOSE_WORD_OVERHEAD;
		g_free(b64);
		p = end;
	}
}

/* Returns text (UTF-8; invalid bytes replaced) as a new string (g_free)
 * to write as the value of a header whose name and ": " take used
 * columns: control characters become spaces; text that is printable ASCII
 * without "=?" and short enough for one line stays as it is, anything
 * else becomes RFC 2047 "B" encoded words of whole UTF-8 characters, each
 * at most 75 characters, folded onto continuation lines ("\n "). */
static char *
delivery_header_encode(const char *text, size_t used)
{
	char *clean = compose_clean(text);
	GString *out = g_string_new(NULL);
	size_t col = used;

	if (compose_plain_ascii(clean) && used + strlen(clean) <= COMPOSE_LINE_MAX)
		g_string_append(out, clean);
	else
		compose_words(out, clean, &col);
	g_free(clean);
	return g_string_free(out, FALSE);
}

/* Appends a mailbox "name <addr>" (addr already valid); the name is a
 * quoted string when it is printable ASCII, encoded words otherwise. */
static void
compose_mailbox(GString *out, const char *name, const char *addr, size_t used)
{
	char *clean = name != NULL ? compose_clean(name) : NULL;

	if (clean != NULL && *g_strstrip(clean) != '\0') {
		if (compose_plain_ascii(clean)) {
			g_string_append_c(out, '"');
			for (const char *p = clean; *p != '\0'; p++) {
				if (*p == '"' || *p == '\\')
					g_string_append_c(out, '\\');
				g_string_append_c(out, *p);
			}
			g_string_append(out, "\" ");
		} else {
			size_t col = used;

			compose_words(out, clean, &col);
			g_string_append_c(out, ' ');
		}
		g_string_append_printf(out, "<%s>", addr);
	} else {
		g_string_append(out, addr);
	}
	g_free(clean);
}

char *
delivery_filename_param(const char *name)
{
	char *clean = compose_clean(name);
	GString *enc = g_string_new(NULL), *out = g_string_new(NULL);

	for (char *p = clean; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	if (compose_plain_ascii(clean) && strchr(clean, '"') == NULL &&
	    strchr(clean, '\\') == NULL &&
	    strlen(clean) <= COMPOSE_2231_CHUNK) {
		g_string_printf(out, "filename=\"%s\"", clean);
		goto out;
	}
	for (const unsigned char *p = (const unsigned char *)clean; *p != '\0'; p++) {
		/* RFC 2231 7: attribute-char, less the few some readers mishandle. */
		if (g_ascii_isalnum(*p) || strchr("!#$&+-.^_`|~", *p) != NULL)
			g_string_append_c(enc, (char)*p);
		else
			g_string_append_printf(enc, "%%%02X", *p);
	}
	for (size_t i = 0, off = 0; off < enc->len; i++) {
		size_t n = MIN(COMPOSE_2231_CHUNK, enc->len - off);

		/* Never split a %XX triplet. */
		if (off + n < enc->len && n >= 2 && enc->str[off + n - 1] == '%')
			n -= 1;
		else if (off + n < enc->len && n >= 2 && enc->str[off + n - 2] == '%')
			n -= 2;
		if (i > 0)
			g_string_append(out, ";\n ");
		g_string_append_printf(out, "filename*%zu*=%s%.*s", i,
				       i == 0 ? "UTF-8''" : "", (int)n, enc->str + off);
		off += n;
	}
out:
	g_string_free(enc, TRUE);
	g_free(clean);
	return g_string_free(out, FALSE);
}

/* --- the office's sender --------------------------------------------------- */

/* The office's sender: [smtp] from ("Name <addr>" or "addr"), else
 * [office] email with [office] name, else "ogid@localhost".  Returns 0 with
 * new strings (g_free) in *name_r (NULL when none) and *addr_r, or -1
 * when the configured address is not a valid addr-spec. */
static int
delivery_office_sender(const struct config *cfg, char **name_r, char **addr_r,
		       struct ogi_error *err)
{
	const char *from = cfg->smtp.from;
	char *name = NULL, *addr;

	*name_r = NULL;
	*addr_r = NULL;
	if (from != NULL && strchr(from, '<') != NULL) {
		const char *lt = strrchr(from, '<'), *gt = strchr(lt, '>');

		if (gt == NULL || gt[1] != '\0') {
			error_set(err, "[smtp] from: \"%s\" is not \"Name <address>\"",
				  from);
			return -1;
		}
		addr = g_strndup(lt + 1, (gsize)(gt - lt - 1));
		name = g_strstrip(g_strndup(from, (gsize)(lt - from)));
		if (name[0] == '"' && strlen(name) >= 2 &&
		    name[strlen(name) - 1] == '"') {
			char *unq = g_strndup(name + 1, strlen(name) - 2);

			g_free(name);
			name = unq;
		}
	} else if (from != NULL) {
		addr = g_strstrip(g_strdup(from));
	} else if (cfg->office.email != NULL) {
		addr = g_strdup(cfg->office.email);
		name = g_strdup(cfg->office.name);
	} else {
		addr = g_strdup("ogid@localhost");
	}
	if (!delivery_address_valid(addr)) {
		error_set(err, "the office's address \"%s\" ([smtp] from, else "
			  "[office] email) is not a plain mail address", addr);
		g_free(addr);
		g_free(name);
		return -1;
	}
	if (name != NULL && name[0] == '\0')
		g_clear_pointer(&name, g_free);
	*name_r = name;
	*addr_r = addr;
	return 0;
}

char *
delivery_office_domain(const struct config *cfg, struct ogi_error *err)
{
	char *name, *addr, *domain;

	if (delivery_office_sender(cfg, &name, &addr, err) != 0)
		return NULL;
	domain = g_ascii_strdown(strrchr(addr, '@') + 1, -1);
	g_free(name);
	g_free(addr);
	return domain;
}

/* --- the message ----------------------------------------------------------- */

/* An applicant's Message-ID, if it is a plain msg-id: no brackets, no
 * white space or controls, one "@", not too long. */
static bool
compose_msgid_ok(const char *id, size_t len)
{
	const char *at = memchr(id, '@', len);

	if (len == 0 || len > COMPOSE_MSGID_MAX || at == NULL || at == id ||
	    at == id + len - 1 || memchr(at + 1, '@', len - (size_t)(at + 1 - id)))
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)id[i] <= ' ' || (unsigned char)id[i] >= 0x7f ||
		    strchr("<>()\\\",;[]", id[i]) != NULL)
			return false;
	return true;
}

/* The References header: the applicant's list (each id checked, the last
 * COMPOSE_REFERENCES_MAX kept) and In-Reply-To, each "<id>" on its own
 * folded line. */
static void
compose_references(GString *h, const char *references, const char *in_reply_to)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	const char *p = references;

	while (p != NULL && (p = strchr(p, '<')) != NULL) {
		const char *gt = strchr(p, '>');

		if (gt == NULL)
			break;
		if (compose_msgid_ok(p + 1, (size_t)(gt - p - 1)))
			g_ptr_array_add(ids, g_strndup(p + 1, (gsize)(gt - p - 1)));
		p = gt + 1;
	}
	if (in_reply_to != NULL && compose_msgid_ok(in_reply_to, strlen(in_reply_to)) &&
	    (ids->len == 0 ||
	     strcmp(g_ptr_array_index(ids, ids->len - 1), in_reply_to) != 0))
		g_ptr_array_add(ids, g_strdup(in_reply_to));
	if (ids->len > 0) {
		guint first = ids->len > COMPOSE_REFERENCES_MAX ?
			      ids->len - COMPOSE_REFERENCES_MAX : 0;

		g_string_append(h, "References:");
		for (guint i = first; i < ids->len; i++)
			g_string_append_printf(h, "%s<%s>", i == first ? " " : "\n ",
					       (char *)g_ptr_array_index(ids, i));
		g_string_append_c(h, '\n');
	}
	g_ptr_array_free(ids, TRUE);
}

/* RFC 5322 3.3 date in the office's time zone; day and month names are
 * the fixed English ones whatever the locale. */
static void
compose_date(GString *h, const char *timezone, int64_t now)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
					    "Sat", "Sun" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
					      "Jun", "Jul", "Aug", "Sep", "Oct",
					      "Nov", "Dec" };
	struct clock_local at;
	int off;

	clock_local(timezone, now, &at);
	off = at.utc_offset / 60;
	g_string_append_printf(h, "Date: %s, %d %s %d %02d:%02d:%02d %c%02d%02d\n",
			       days[at.weekday - 1], at.day, months[at.month - 1],
			       at.year, at.hour, at.minute, at.second,
			       off < 0 ? '-' : '+', ABS(off) / 60, ABS(off) % 60);
}

static void
compose_header(GString *h, const char *name, const char *value)
{
	char *enc = delivery_header_encode(value, strlen(name) + 2);

	g_string_append_printf(h, "%s: %s\n", name, enc);
	g_free(enc);
}

/* The subject with the case's tag, unless it already carries it. */
static char *
compose_subject(const struct delivery_letter *l)
{
	char tag[64], found[16];
	const char *subject = l->subject != NULL ? l->subject : "";

	if (l->case_id == NULL ||
	    (extract_find_case_tag(subject, found, sizeof(found)) &&
	     strcmp(found, l->case_id) == 0))
		return g_strdup(subject);
	snprintf(tag, sizeof(tag), EXTRACT_CASE_TAG_FORMAT, l->case_id);
	return g_strdup_printf("%s%s%s", subject, subject[0] != '\0' ? " " : "", tag);
}

static void
compose_headers(GString *h, const struct config *cfg,
		const struct delivery_letter *l, const char *from_name,
		const char *from_addr, const char *domain, const char *msgid,
		int64_t now)
{
	char *subject = compose_subject(l);

	compose_date(h, cfg->timezone, now);
	g_string_append(h, "From: ");
	compose_mailbox(h, from_name, from_addr, strlen("From: "));
	g_string_append(h, "\nReply-To: ");
	compose_mailbox(h, from_name, from_addr, strlen("Reply-To: "));
	g_string_append(h, "\nTo: ");
	compose_mailbox(h, l->to_name, l->to, strlen("To: "));
	g_string_append_c(h, '\n');
	compose_header(h, "Subject", subject);
	g_string_append_printf(h, "Message-ID: <%s>\n", msgid);
	if (l->in_reply_to != NULL &&
	    compose_msgid_ok(l->in_reply_to, strlen(l->in_reply_to)))
		g_string_append_printf(h, "In-Reply-To: <%s>\n", l->in_reply_to);
	compose_references(h, l->references, l->in_reply_to);
	if (l->automatic)
		g_string_append(h, "Auto-Submitted: auto-replied\n");
	g_string_append_printf(h, DELIVERY_LOOP_HEADER ": %s\n", domain);
	g_string_append(h, "MIME-Version: 1.0\n");
	g_free(subject);
}

/* Appends len bytes as base64 lines of 76. */
static void
compose_base64(GString *out, const void *data, size_t len)
{
	const guchar *p = data;

	for (size_t off = 0; off < len; off += COMPOSE_B64_LINE_BYTES) {
		char *line = g_base64_encode(p + off, MIN(COMPOSE_B64_LINE_BYTES,
							  len - off));

		g_string_append(out, line);
		g_string_append_c(out, '\n');
		g_free(line);
	}
}

/* The body in its canonical form (RFC 2046 4.1.1: CRLF line ends) as a
 * base64 text/SUBTYPE part. */
static void
compose_text_part(GString *out, const char *body, const char *subtype)
{
	char *clean = g_utf8_make_valid(body != NULL ? body : "", -1);
	GString *crlf = g_string_new(NULL);

	for (const char *p = clean; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			g_string_append_c(crlf, '\r');
		g_string_append_c(crlf, *p);
	}
	g_string_append_printf(out, "Content-Type: text/%s; charset=UTF-8\n"
			       "Content-Transfer-Encoding: base64\n\n", subtype);
	compose_base64(out, crlf->str, crlf->len);
	g_string_free(crlf, TRUE);
	g_free(clean);
}

/* The text, or the text and its HTML rendering as alternatives (RFC 2046
 * 5.1.4: the richer last). */
static void
compose_body(GString *out, const struct delivery_letter *l, const char *uuid)
{
	if (l->html == NULL) {
		compose_text_part(out, l->body, "plain");
		return;
	}
	g_string_append_printf(out, "Content-Type: multipart/alternative;\n"
			       " boundary=\"=_ogi_alt_%s\"\n\n"
			       "\n--=_ogi_alt_%s\n", uuid, uuid);
	compose_text_part(out, l->body, "plain");
	g_string_append_printf(out, "\n--=_ogi_alt_%s\n", uuid);
	compose_text_part(out, l->html, "html");
	g_string_append_printf(out, "\n--=_ogi_alt_%s--\n", uuid);
}

static int
compose_attachment(GString *out, const struct delivery_attachment *a,
		   struct ogi_error *err)
{
	char *type = compose_clean(a->content_type != NULL ? a->content_type
							   : "application/octet-stream");
	char *name = compose_clean(a->name != NULL ? a->name : "attachment");
	char *disp = delivery_filename_param(name);
	char *ename = delivery_header_encode(name, 0);
	GError *gerr = NULL;
	gchar *data;
	gsize len;
	int rc = 0;

	if (!g_file_get_contents(a->path, &data, &len, &gerr)) {
		error_set(err, "attachment %s: %s", a->path, gerr->message);
		g_error_free(gerr);
		rc = -1;
		goto out;
	}
	/* Clients that do not read RFC 2231 (older Outlook, many webmail
	 * readers in China) take the name from Content-Type's name. */
	g_string_append_printf(out, "Content-Type: %s;\n name=\"%s\"\n"
			       "Content-Disposition: attachment;\n %s\n"
			       "Content-Transfer-Encoding: base64\n\n",
			       strchr(type, '/') != NULL && strpbrk(type, " ;\"") == NULL
			       ? type : "application/octet-stream", ename, disp);
	compose_base64(out, data, len);
	g_free(data);
out:
	g_free(ename);
	g_free(disp);
	g_free(name);
	g_free(type);
	return rc;
}

static bool
compose_case_id_ok(const char *id)
{
	char ref[16];

	return extract_find_case_ref(id, ref, sizeof(ref)) && strcmp(ref, id) == 0;
}

int
delivery_compose(const struct config *cfg, const struct delivery_letter *l,
		 int64_t now, int fd, char **message_id_r, struct ogi_error *err)
{
	char *from_name = NULL, *from_addr = NULL, *domain = NULL, *uuid = NULL;
	char *msgid = NULL, *boundary = NULL;
	GString *m = g_string_new(NULL);
	int rc = -1;

	*message_id_r = NULL;
	if (!delivery_address_valid(l->to)) {
		error_set(err, "recipient \"%s\" is not a plain mail address",
			  l->to != NULL ? l->to : "");
		goto out;
	}
	if (l->case_id != NULL && !compose_case_id_ok(l->case_id)) {
		error_set(err, "\"%s\" is not a tracking number", l->case_id);
		goto out;
	}
	if (delivery_office_sender(cfg, &from_name, &from_addr, err) != 0)
		goto out;
	domain = g_ascii_strdown(strrchr(from_addr, '@') + 1, -1);
	uuid = g_uuid_string_random();
	msgid = g_strdup_printf("ogi.%s@%s", uuid, domain);
	compose_headers(m, cfg, l, from_name, from_addr, domain, msgid, now);
	if (l->n_attachments == 0) {
		compose_body(m, l, uuid);
	} else {
		/* "=_" cannot occur in base64 or in our headers' text. */
		boundary = g_strdup_printf("=_ogi_%s", uuid);
		g_string_append_printf(m, "Content-Type: multipart/mixed;\n"
				       " boundary=\"%s\"\n\n"
				       "This is a message in MIME format.\n"
				       "\n--%s\n", boundary, boundary);
		compose_body(m, l, uuid);
		for (size_t i = 0; i < l->n_attachments; i++) {
			g_string_append_printf(m, "\n--%s\n", boundary);
			if (compose_attachment(m, &l->attachments[i], err) != 0)
				goto out;
		}
		g_string_append_printf(m, "\n--%s--\n", boundary);
	}
	if (fdio_write_all(fd, m->str, m->len) != 0) {
		error_set(err, "write composed message: %s", strerror(errno));
		error_scope(err, OGI_ERROR_STORE, true);
		goto out;
	}
	*message_id_r = g_steal_pointer(&msgid);
	rc = 0;
out:
	g_string_free(m, TRUE);
	g_free(boundary);
	g_free(msgid);
	g_free(uuid);
	g_free(domain);
	g_free(from_addr);
	g_free(from_name);
	return rc;
}

int
delivery_compose_spool(const struct config *cfg, const struct delivery_letter *l,
		       int64_t now, char **message_id_r, char *rel_r,
		       size_t rel_size, struct ogi_error *err)
{
	struct spool_entry *e;
	char hex[65];
	size_t len;

	if (spool_begin(cfg->state_dir, &e, err) != 0)
		return -1;
	if (delivery_compose(cfg, l, now, spool_entry_fd(e), message_id_r, err) != 0) {
		spool_abort(e);
		return -1;
	}
	if (spool_commit(e, now, hex, rel_r, rel_size, &len, err) != 0) {
		g_clear_pointer(message_id_r, g_free);
		return -1;
	}
	return 0;
}
