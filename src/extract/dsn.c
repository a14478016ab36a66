#include "extract/dsn.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

/* The diagnostic type before the text ("smtp; 550 ...", "X-Postfix; ...")
 * is a short token; a ';' further in belongs to the server's words. */
#define DSN_DIAG_TYPE_MAX 16

const char *
extract_dsn_action_name(enum extract_dsn_action a)
{
	static const char *const names[] = {
		[EXTRACT_DSN_NONE] = "none", [EXTRACT_DSN_FAILED] = "failed",
		[EXTRACT_DSN_DELAYED] = "delayed",
		[EXTRACT_DSN_DELIVERED] = "delivered",
	};

	return (unsigned)a < G_N_ELEMENTS(names) ? names[a] : "none";
}

/* --- codes ---------------------------------------------------------------- */

/* Length of the enhanced status code "C.S.D" at p (class 2, 4 or 5,
 * subject and detail of one to three digits), 0 when there is none.  The
 * caller checks what stands before and after it. */
static size_t
dsn_enhanced_len(const char *p)
{
	size_t i = 1;

	if (p[0] != '2' && p[0] != '4' && p[0] != '5')
		return 0;
	for (int part = 0; part < 2; part++) {
		size_t d = 0;

		if (p[i] != '.')
			return 0;
		i++;
		while (d <= 3 && g_ascii_isdigit(p[i + d]))
			d++;
		if (d == 0 || d > 3)
			return 0;
		i += d;
	}
	return i;
}

/* An SMTP reply code at p: 2, 4 or 5, then 0-5, then a digit. */
static bool
dsn_reply_code(const char *p)
{
	return (p[0] == '2' || p[0] == '4' || p[0] == '5') &&
	       p[1] >= '0' && p[1] <= '5' && g_ascii_isdigit(p[2]);
}

/* Whether a code may end before p: not inside a longer number, a word or
 * a dotted number (an IP address, a version). */
static bool
dsn_code_ends(const char *p)
{
	return !g_ascii_isalnum(p[0]) && !(p[0] == '.' && g_ascii_isdigit(p[1]));
}

static bool
dsn_code_starts(const char *line, const char *p)
{
	return p == line || (!g_ascii_isalnum(p[-1]) && p[-1] != '.');
}

bool
extract_dsn_status_valid(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	n = dsn_enhanced_len(s);
	if (n > 0 && s[n] == '\0')
		return true;
	return strlen(s) == 3 && dsn_reply_code(s);
}

/* Finds a failure code of class 4 or 5 in line (len bytes; NUL after it
 * is not assumed: the line ends at '\n' or NUL): an enhanced code when
 * enhanced, else an SMTP reply code.  Copies it into status and returns
 * true, or returns false. */
static bool
dsn_line_code(const char *line, size_t len, bool enhanced,
	      char status[EXTRACT_DSN_STATUS_SIZE])
{
	char *copy = g_strndup(line, len);
	bool found = false;

	for (const char *p = copy; *p != '\0' && !found; p++) {
		size_t n;

		if ((*p != '4' && *p != '5') || !dsn_code_starts(copy, p))
			continue;
		n = enhanced ? dsn_enhanced_len(p) : (dsn_reply_code(p) ? 3 : 0);
		/* "550-5.1.1": a multi-line reply's code. */
		if (n > 0 && (dsn_code_ends(p + n) || (!enhanced && p[n] == '-'))) {
			g_strlcpy(status, p, n + 1);
			found = true;
		}
	}
	g_free(copy);
	return found;
}

/* --- text ------------------------------------------------------------------ */

/* s (len bytes) as one line (extract_display_line), cut at
 * EXTRACT_DSN_DIAGNOSTIC_MAX bytes.  NULL when nothing is left. */
static char *
dsn_clean(const char *s, size_t len)
{
	char *valid = g_utf8_make_valid(s, (gssize)len);
	char *line = extract_display_line(valid, SIZE_MAX,
					  EXTRACT_DSN_DIAGNOSTIC_MAX);

	g_free(valid);
	return line;
}

bool
extract_dsn_diagnostic_valid(const char *s)
{
	if (s == NULL || strlen(s) > EXTRACT_DSN_DIAGNOSTIC_MAX ||
	    !g_utf8_validate(s, -1, NULL))
		return false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p))
		if (extract_display_char_bad(g_utf8_get_char(p)))
			return false;
	return true;
}

/* No spaces, no control characters, none of the characters that delimit
 * an id or an address in a header. */
static bool
dsn_token_valid(const char *s, size_t max)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > max || !g_utf8_validate(s, (gssize)n, NULL))
		return false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (extract_display_char_bad(c) || g_unichar_isspace(c) ||
		    (c < 0x80 && strchr("<>\",;", (int)c) != NULL))
			return false;
	}
	return true;
}

bool
extract_dsn_id_valid(const char *s)
{
	return dsn_token_valid(s, EXTRACT_DSN_ID_MAX);
}

bool
extract_dsn_address_valid(const char *s)
{
	const char *at;

	if (!dsn_token_valid(s, EXTRACT_DSN_ADDRESS_MAX))
		return false;
	at = strchr(s, '@');
	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL;
}

/* Calls fn for each line of text (without its '\n' and a trailing '\r')
 * until it returns false. */
static void
dsn_lines(const char *text, bool (*fn)(const char *line, size_t len, void *ctx),
	  void *ctx)
{
	for (const char *p = text; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		size_t shown = len > 0 && p[len - 1] == '\r' ? len - 1 : len;

		if (!fn(p, shown, ctx))
			return;
		p = nl != NULL ? nl + 1 : NULL;
	}
}

/* Whether line starts (after spaces, quote marks and dashes) with the
 * ASCII-case-insensitive prefix. */
static bool
dsn_line_starts(const char *line, size_t len, const char *prefix)
{
	size_t i = 0, n = strlen(prefix);

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '>' ||
			   line[i] == '-'))
		i++;
	return len - i >= n && g_ascii_strncasecmp(line + i, prefix, n) == 0;
}

/* --- the returned message's Message-ID ----------------------------------- */

struct dsn_id_scan {
	char *id;
	bool wrapped;  /* "Message-ID:" ended its line: the id is on the next */
};

static char *
dsn_id_from(const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *gt;
	char *id;

	if (lt != NULL && (gt = memchr(lt, '>', len - (size_t)(lt - s))) != NULL)
		id = g_strndup(lt + 1, (size_t)(gt - lt - 1));
	else
		id = g_strstrip(g_strndup(s, len));
	if (!extract_dsn_id_valid(id)) {
		g_free(id);
		return NULL;
	}
	return id;
}

static bool
dsn_id_line(const char *line, size_t len, void *ctx)
{
	static const char label[] = "message-id:";
	struct dsn_id_scan *sc = ctx;
	const char *colon;

	if (sc->wrapped) {
		sc->wrapped = false;
		if (len > 0 && (line[0] == ' ' || line[0] == '\t'))
			sc->id = dsn_id_from(line, len);
		return sc->id == NULL;
	}
	if (!dsn_line_starts(line, len, label))
		return true;
	colon = memchr(line, ':', len);
	len -= (size_t)(colon + 1 - line);
	line = colon + 1;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		sc->wrapped = true;
	else
		sc->id = dsn_id_from(line, len);
	return sc->id == NULL;
}

static char *
dsn_find_id(const char *text)
{
	struct dsn_id_scan sc = { NULL, false };

	dsn_lines(text, dsn_id_line, &sc);
	return sc.id;
}

static bool
dsn_part_is(const struct mime_part *p, const char *const *types, size_t n)
{
	if (p->forwarded || p->text == NULL || p->role != MIME_PART_REPORT)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(p->content_type, types[i]) == 0)
			return true;
	return false;
}

static char *
dsn_original_id(const struct mime_message *msg)
{
	static const char *const headers[] = {
		"text/rfc822-headers", "message/global-headers",
	};
	char *id;

	if (msg->attached_message_id != NULL &&
	    extract_dsn_id_valid(msg->attached_message_id))
		return g_strdup(msg->attached_message_id);
	for (size_t i = 0; i < msg->n_parts; i++)
		if (dsn_part_is(&msg->parts[i], headers, G_N_ELEMENTS(headers)) &&
		    (id = dsn_find_id(msg->parts[i].text)) != NULL)
			return id;
	return dsn_find_id(msg->body);
}

/* --- where the bounce was delivered ------------------------------------- */

static void
dsn_envelope_add(struct extract_dsn *d, const char *s, size_t len)
{
	char *addr;

	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '<')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '>'))
		len--;
	addr = g_strndup(s, len);
	if (d->n_envelope_to >= EXTRACT_DSN_ENVELOPE_MAX ||
	    !extract_dsn_address_valid(addr)) {
		g_free(addr);
		return;
	}
	for (size_t i = 0; i < d->n_envelope_to; i++) {
		if (g_ascii_strcasecmp(d->envelope_to[i], addr) == 0) {
			g_free(addr);
			return;
		}
	}
	d->envelope_to = g_renew(char *, d->envelope_to, d->n_envelope_to + 2);
	d->envelope_to[d->n_envelope_to++] = addr;
	d->envelope_to[d->n_envelope_to] = NULL;
}

/* Each address of a header value: "<a@b>", "Name <a@b>", "a@b", a list
 * of them separated by commas. */
static void
dsn_envelope_value(struct extract_dsn *d, const char *v)
{
	gchar **items = g_strsplit(v, ",", -1);

	for (gchar **it = items; *it != NULL; it++) {
		const char *lt = strrchr(*it, '<'), *gt, *sp;

		if (lt != NULL && (gt = strchr(lt, '>')) != NULL) {
			dsn_envelope_add(d, lt + 1, (size_t)(gt - lt - 1));
			continue;
		}
		g_strstrip(*it);
		sp = strrchr(*it, ' ');
		dsn_envelope_add(d, sp != NULL ? sp + 1 : *it,
				 strlen(sp != NULL ? sp + 1 : *it));
	}
	g_strfreev(items);
}

static void
dsn_envelope(const struct mime_message *msg, struct extract_dsn *d)
{
	/* The local MTA writes the first three from the envelope; To is what
	 * the bouncing MTA wrote, the return path itself. */
	static const char *const names[] = {
		"Delivered-To", "X-Original-To", "Envelope-To", "To",
	};

	for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
		for (size_t i = 0; i < msg->n_headers; i++)
			if (g_ascii_strcasecmp(msg->headers[i].name, names[k]) == 0 &&
			    msg->headers[i].value != NULL)
				dsn_envelope_value(d, msg->headers[i].value);
}

/* --- RFC 3464 reports ---------------------------------------------------- */

/* One recipient's block of a message/delivery-status part. */
struct dsn_block {
	enum extract_dsn_action action;   /* from Action:, NONE if none */
	char status[EXTRACT_DSN_STATUS_SIZE];
	GString *diag;                    /* Diagnostic-Code, unfolded */
	bool in_diag;                     /* the last field was the diagnostic */
};

/* The report so far: the best block seen. */
struct dsn_report {
	struct dsn_block cur;
	enum extract_dsn_action action;
	char status[EXTRACT_DSN_STATUS_SIZE];
	char *diag;
};

/* failed before delayed before delivered. */
static int
dsn_rank(enum extract_dsn_action a)
{
	switch (a) {
	case EXTRACT_DSN_FAILED:
		return 3;
	case EXTRACT_DSN_DELAYED:
		return 2;
	case EXTRACT_DSN_DELIVERED:
		return 1;
	default:
		return 0;
	}
}

static enum extract_dsn_action
dsn_action_of_class(char c)
{
	return c == '5' ? EXTRACT_DSN_FAILED :
	       c == '4' ? EXTRACT_DSN_DELAYED :
	       c == '2' ? EXTRACT_DSN_DELIVERED : EXTRACT_DSN_NONE;
}

/* A block ends: keep it when it says more than the best so far.  An
 * Action wins over the status class: Postfix reports a message it gave up
 * on after its queue lifetime as "failed" with 4.4.7. */
static void
dsn_block_end(struct dsn_report *r)
{
	struct dsn_block *b = &r->cur;
	enum extract_dsn_action a = b->action != EXTRACT_DSN_NONE ?
				    b->action : dsn_action_of_class(b->status[0]);

	if (dsn_rank(a) > dsn_rank(r->action)) {
		r->action = a;
		memcpy(r->status, b->status, sizeof(r->status));
		g_free(r->diag);
		r->diag = b->diag->len > 0 ? dsn_clean(b->diag->str, b->diag->len)
					   : NULL;
	}
	b->action = EXTRACT_DSN_NONE;
	b->status[0] = '\0';
	g_string_truncate(b->diag, 0);
	b->in_diag = false;
}

static enum extract_dsn_action
dsn_action_word(const char *v, size_t len)
{
	static const struct {
		const char *word;
		enum extract_dsn_action action;
	} words[] = {
		{ "failed", EXTRACT_DSN_FAILED }, { "delayed", EXTRACT_DSN_DELAYED },
		{ "delivered", EXTRACT_DSN_DELIVERED },
		{ "relayed", EXTRACT_DSN_DELIVERED },
		{ "expanded", EXTRACT_DSN_DELIVERED },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
		size_t n = strlen(words[i].word);

		if (len >= n && g_ascii_strncasecmp(v, words[i].word, n) == 0 &&
		    (len == n || !g_ascii_isalpha(v[n])))
			return words[i].action;
	}
	return EXTRACT_DSN_NONE;
}

/* Appends a diagnostic piece, dropping the type before ';'; stops growing
 * well past what dsn_clean keeps. */
static void
dsn_diag_add(GString *diag, const char *v, size_t len, bool first)
{
	const char *semi = first ? memchr(v, ';', len) : NULL;

	if (semi != NULL && semi - v <= DSN_DIAG_TYPE_MAX) {
		len -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	if (diag->len > 2 * EXTRACT_DSN_DIAGNOSTIC_MAX)
		return;
	if (diag->len > 0)
		g_string_append_c(diag, ' ');
	g_string_append_len(diag, v, (gssize)MIN(len, 2 * EXTRACT_DSN_DIAGNOSTIC_MAX));
}

static bool
dsn_report_line(const char *line, size_t len, void *ctx)
{
	struct dsn_report *r = ctx;
	struct dsn_block *b = &r->cur;
	const char *colon, *v;
	size_t name_len, vlen;

	if (strspn(line, " \t") >= len) {
		dsn_block_end(r);
		return true;
	}
	if (line[0] == ' ' || line[0] == '\t') {
		if (b->in_diag)
			dsn_diag_add(b->diag, line, len, false);
		return true;
	}
	b->in_diag = false;
	colon = memchr(line, ':', len);
	if (colon == NULL)
		return true;
	name_len = (size_t)(colon - line);
	v = colon + 1;
	vlen = len - name_len - 1;
	while (vlen > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	if (name_len == 6 && g_ascii_strncasecmp(line, "Action", 6) == 0) {
		b->action = dsn_action_word(v, vlen);
	} else if (name_len == 6 && g_ascii_strncasecmp(line, "Status", 6) == 0) {
		char *s = g_strndup(v, vlen);
		size_t n = dsn_enhanced_len(s);

		if (n > 0 && dsn_code_ends(s + n))
			g_strlcpy(b->status, s, n + 1);
		g_free(s);
	} else if (name_len == 15 &&
		   g_ascii_strncasecmp(line, "Diagnostic-Code", 15) == 0) {
		g_string_truncate(b->diag, 0);
		dsn_diag_add(b->diag, v, vlen, true);
		b->in_diag = true;
	}
	return true;
}

/* Reads the report parts; true when one named a recipient's fate. */
static bool
dsn_read_report(const struct mime_message *msg, struct extract_dsn *d)
{
	static const char *const types[] = {
		"message/delivery-status", "message/global-delivery-status",
	};
	struct dsn_report r = { .cur = { .diag = g_string_new(NULL) } };

	for (size_t i = 0; i < msg->n_parts; i++) {
		if (!dsn_part_is(&msg->parts[i], types, G_N_ELEMENTS(types)))
			continue;
		dsn_lines(msg->parts[i].text, dsn_report_line, &r);
		dsn_block_end(&r);
	}
	g_string_free(r.cur.diag, TRUE);
	if (r.action == EXTRACT_DSN_NONE)
		return false;
	d->action = r.action;
	memcpy(d->status, r.status, sizeof(d->status));
	d->diagnostic = r.diag;
	return true;
}

/* --- plain-text bounces -------------------------------------------------- */

/* Lines where the returned message begins in a plain-text bounce; what
 * follows is the applicant's or our own text, not the MTA's. */
static const char *const dsn_returned_starts[] = {
	"forwarded message", "below this line is a copy",
	"this is a copy of the message", "original message",
	"return-path:", "received:", "原邮件", "原始邮件",
};

/* Words of a notice that the MTA is still trying. */
static const char *const dsn_delay_words[] = {
	"delayed", "delay", "will retry", "will be retried", "still trying",
	"延迟", "延时", "重试",
};

struct dsn_plain {
	GString *mta_text;  /* the MTA's own text, lowercased */
	const char *enhanced_line, *reply_line;
	size_t enhanced_len, reply_len;
	char enhanced[EXTRACT_DSN_STATUS_SIZE], reply[EXTRACT_DSN_STATUS_SIZE];
};

static bool
dsn_plain_line(const char *line, size_t len, void *ctx)
{
	struct dsn_plain *pl = ctx;
	char *lower;

	for (size_t i = 0; i < G_N_ELEMENTS(dsn_returned_starts); i++)
		if (dsn_line_starts(line, len, dsn_returned_starts[i]))
			return false;
	lower = g_utf8_strdown(line, (gssize)len);
	g_string_append(pl->mta_text, lower);
	g_string_append_c(pl->mta_text, '\n');
	g_free(lower);
	if (pl->enhanced_line == NULL &&
	    dsn_line_code(line, len, true, pl->enhanced)) {
		pl->enhanced_line = line;
		pl->enhanced_len = len;
	}
	if (pl->reply_line == NULL && dsn_line_code(line, len, false, pl->reply)) {
		pl->reply_line = line;
		pl->reply_len = len;
	}
	return pl->enhanced_line == NULL;
}

static void
dsn_read_plain(const struct mime_message *msg, struct extract_dsn *d)
{
	struct dsn_plain pl = { .mta_text = g_string_new(NULL) };
	char *subject = g_utf8_strdown(msg->subject != NULL ? msg->subject : "", -1);
	const char *code = NULL, *line = NULL;
	size_t len = 0;

	dsn_lines(msg->body, dsn_plain_line, &pl);
	if (pl.enhanced_line != NULL) {
		code = pl.enhanced;
		line = pl.enhanced_line;
		len = pl.enhanced_len;
	} else if (pl.reply_line != NULL) {
		code = pl.reply;
		line = pl.reply_line;
		len = pl.reply_len;
	}
	if (code != NULL) {
		g_strlcpy(d->status, code, sizeof(d->status));
		d->action = dsn_action_of_class(code[0]);
		d->diagnostic = dsn_clean(line, len);
	} else {
		/* A bounce without a code: a notice of delay says so, anything
		 * else from an MTA is its giving up. */
		d->action = extract_text_contains_any(subject, dsn_delay_words,
						      G_N_ELEMENTS(dsn_delay_words)) ||
			    extract_text_contains_any(pl.mta_text->str, dsn_delay_words,
						      G_N_ELEMENTS(dsn_delay_words)) ?
			    EXTRACT_DSN_DELAYED : EXTRACT_DSN_FAILED;
	}
	g_free(subject);
	g_string_free(pl.mta_text, TRUE);
}

void
extract_dsn_read(const struct mime_message *msg, enum extract_kind kind,
		 struct extract_dsn *dsn_r)
{
	memset(dsn_r, 0, sizeof(*dsn_r));
	if (!dsn_read_report(msg, dsn_r)) {
		if (kind != EXTRACT_KIND_BOUNCE)
			return;
		dsn_read_plain(msg, dsn_r);
	}
	dsn_r->original_id = dsn_original_id(msg);
	dsn_envelope(msg, dsn_r);
}

void
extract_dsn_clear(struct extract_dsn *dsn)
{
	g_free(dsn->diagnostic);
	g_free(dsn->original_id);
	g_strfreev(dsn->envelope_to);
	memset(dsn, 0, sizeof(*dsn));
}
