/* Charsets, RFC 2047 words, RFC 2231 parameters, tolerant base64 and
 * display-safe file names.  Our own code rather than GMime's: GMime 3.2.13
 * cuts padded adjacent B-words (gmime#133) and chunked base64 (gmime#150),
 * and converts each encoded word on its own, so a character split across
 * two words is lost. */
#include "mime/mime.h"
#include "mime/mime-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

/* --- charsets ------------------------------------------------------------ */

static const struct {
	const char *label;
	const char *iconv; /* NULL: treat as unlabelled */
} charset_aliases[] = {
	/* GB2312 and GBK mail routinely carries GBK-only and GB18030
	 * characters (镕, 䶮); GB18030 is a superset of both. */
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "cp936", "GB18030" },
	{ "x-gbk", "GB18030" }, { "euc-cn", "GB18030" }, { "x-euc-cn", "GB18030" },
	{ "csgb2312", "GB18030" }, { "gb_2312-80", "GB18030" },
	{ "ms936", "GB18030" }, { "windows-936", "GB18030" },
	{ "chinese", "GB18030" }, { "gb18030", "GB18030" },
	{ "big5", "BIG5-HKSCS" }, { "x-big5", "BIG5-HKSCS" },
	{ "csbig5", "BIG5-HKSCS" }, { "cn-big5", "BIG5-HKSCS" },
	{ "big5-hkscs", "BIG5-HKSCS" }, { "cp950", "CP950" },
	{ "windows-950", "CP950" }, { "x-windows-950", "CP950" },
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	/* Windows' names for UTF-16 (Outlook, .NET mailers). */
	{ "unicode", "UTF-16LE" }, { "unicodefffe", "UTF-16BE" },
	/* Mailers label 8-bit text as ASCII all the time. */
	{ "us-ascii", NULL }, { "ascii", NULL }, { "ansi_x3.4-1968", NULL },
	{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "unknown-8bit", NULL }, { "x-unknown", NULL }, { "default", NULL },
};

/* The iconv name for label, or NULL for "unlabelled" (absent, ASCII, or a
 * label iconv does not know: *bad_r set). */
static const char *
charset_canonical(const char *label, char *buf, size_t size, bool *bad_r)
{
	size_t n = 0;
	GIConv cd;

	*bad_r = false;
	if (label == NULL)
		return NULL;
	while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
		label++;
	for (; *label != '\0' && *label != '"' && *label != '\'' &&
	       *label != '*' && *label != ' ' && *label != ';' && n + 1 < size; label++)
		buf[n++] = g_ascii_tolower(*label);
	buf[n] = '\0';
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(charset_aliases); i++)
		if (strcmp(buf, charset_aliases[i].label) == 0)
			return charset_aliases[i].iconv;
	cd = g_iconv_open("UTF-8", buf);
	if (cd == (GIConv)-1) {
		*bad_r = true;
		return NULL;
	}
	g_iconv_close(cd);
	return buf;
}

/* Appends valid UTF-8 from p (which may hold NULs and bad bytes: each
 * becomes U+FFFD).  Returns how many replacements were made. */
static size_t
append_utf8_lossy(GString *out, const char *p, size_t len)
{
	size_t bad = 0;

	while (len > 0) {
		const char *end;

		if (g_utf8_validate_len(p, len, &end)) {
			g_string_append_len(out, p, (gssize)len);
			break;
		}
		g_string_append_len(out, p, end - p);
		g_string_append(out, REPLACEMENT);
		bad++;
		len -= (size_t)(end - p) + 1;
		p = end + 1;
	}
	return bad;
}

/* Whether p is valid UTF-8 apart from NUL bytes (bad bytes, not ends). */
static bool
utf8_valid_but_nul(const char *p, size_t len)
{
	while (len > 0) {
		const char *end;

		if (g_utf8_validate_len(p, len, &end))
			return true;
		if (*end != '\0')
			return false;
		len -= (size_t)(end - p) + 1;
		p = end + 1;
	}
	return true;
}

/* Converts with iconv.  Strict: gives up (false) at the first bad byte.
 * Lossy: each bad byte becomes U+FFFD, counted in *bad_r. */
static bool
iconv_append(GString *out, const char *in, size_t len, const char *cs,
	     bool lossy, size_t *bad_r)
{
	GIConv cd = g_iconv_open("UTF-8", cs);
	GString *tmp;
	char buf[4096];
	gchar *inp = (gchar *)in;
	gsize inleft = len;
	bool ok = true;

	if (cd == (GIConv)-1)
		return false;
	tmp = g_string_new(NULL);
	while (inleft > 0) {
		gchar *outp = buf;
		gsize outleft = sizeof(buf);
		gsize r = g_iconv(cd, &inp, &inleft, &outp, &outleft);

		g_string_append_len(tmp, buf, outp - buf);
		if (r != (gsize)-1 || errno == E2BIG)
			continue;
		if (!lossy) {
			ok = false;
			break;
		}
		g_string_append(tmp, REPLACEMENT);
		(*bad_r)++;
		if (errno == EINVAL)
			break;	/* cut in the middle of a character */
		inp++;
		inleft--;
		g_iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (ok) {
		gchar *outp = buf;
		gsize outleft = sizeof(buf);

		g_iconv(cd, NULL, NULL, &outp, &outleft);
		g_string_append_len(tmp, buf, outp - buf);
		/* iconv's output is UTF-8; NULs in it are still bad bytes. */
		*bad_r += append_utf8_lossy(out, tmp->str, tmp->len);
	}
	g_string_free(tmp, TRUE);
	g_iconv_close(cd);
	return ok;
}

/* --- Unicode without a label ---------------------------------------------- */

/* UTF-16 without a BOM shows itself by NUL bytes: every ASCII character
 * (digits, line ends, Latin letters) has one on the same side of its code
 * unit, while 8-bit charsets have none.  CJK characters like U+4E00 一 put
 * a NUL on the other side, so that side may have some, at most one for
 * every UTF16_NUL_RATIO on the ASCII side; and one NUL could be a stray
 * byte, so UTF16_MIN_NULS are needed before the decoding is even tried. */
#define UTF16_MIN_NULS 2
#define UTF16_NUL_RATIO 4

static bool
label_is_utf16(const char *cs)
{
	return cs != NULL && (g_ascii_strncasecmp(cs, "utf-16", 6) == 0 ||
			      g_ascii_strncasecmp(cs, "ucs-2", 5) == 0);
}

static const char *
utf16_by_nuls(const char *p, size_t len)
{
	size_t nuls[2] = { 0, 0 };

	if (len < 2 || len % 2 != 0)
		return NULL;
	for (size_t i = 0; i < len; i++)
		nuls[i % 2] += p[i] == '\0';
	if (nuls[0] >= UTF16_MIN_NULS && nuls[1] * UTF16_NUL_RATIO <= nuls[0])
		return "UTF-16BE";
	if (nuls[1] >= UTF16_MIN_NULS && nuls[0] * UTF16_NUL_RATIO <= nuls[1])
		return "UTF-16LE";
	return NULL;
}

/* Whether decoded text reads as text: binary data that happened to pass
 * the NUL test decodes to control characters. */
static bool
text_plausible(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
		    c == 0x7F)
			return false;
	}
	return true;
}

static const struct {
	const char *bom;
	size_t len;
	const char *iconv;
} boms[] = {
	{ "\xEF\xBB\xBF", 3, "UTF-8" },
	{ "\xFF\xFE", 2, "UTF-16LE" },
	{ "\xFE\xFF", 2, "UTF-16BE" },
};

/* The length of the BOM of enc at p, 0 if none. */
static size_t
bom_len(const char *p, size_t len, const char *enc)
{
	for (size_t i = 0; i < G_N_ELEMENTS(boms); i++)
		if (strcmp(enc, boms[i].iconv) == 0 && len >= boms[i].len &&
		    memcmp(p, boms[i].bom, boms[i].len) == 0)
			return boms[i].len;
	return 0;
}

/* Decodes a text whose first bytes (a BOM) or NUL pattern say it is
 * UTF-16, or UTF-8 with a BOM, into out without the BOM.  A BOM outranks
 * a label naming another charset: FF FE and FE FF start no text in GBK or
 * Big5, and EF BB BF read as GBK is the well-known mojibake "锘".  Text
 * labelled UTF-8 is taken for UTF-16 only on its NULs: our own callers
 * pass text already decoded as "UTF-8", where FF FE are stray bytes.
 * Returns false, out untouched, when nothing tells or the text does not
 * decode that way. */
static bool
unicode_decode(GString *out, const char *p, size_t len, const char *cs,
	       size_t *bad_r)
{
	bool utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	const char *enc = NULL;
	size_t skip = 0;
	GString *tmp;
	bool ok;

	for (size_t i = 0; i < G_N_ELEMENTS(boms) && enc == NULL; i++)
		if ((!utf8 || strcmp(boms[i].iconv, "UTF-8") == 0) &&
		    bom_len(p, len, boms[i].iconv) > 0)
			enc = boms[i].iconv;
	if (enc == NULL && (cs == NULL || utf8 || label_is_utf16(cs)))
		enc = utf16_by_nuls(p, len);
	if (enc == NULL)
		return false;
	skip = bom_len(p, len, enc);
	tmp = g_string_new(NULL);
	ok = iconv_append(tmp, p + skip, len - skip, enc, false, bad_r) &&
	     (skip > 0 || text_plausible(tmp->str, tmp->len));
	/* A BOM'd UTF-16 text cut short still is UTF-16: lose one character,
	 * not every other byte. */
	if (!ok && skip > 0 && strcmp(enc, "UTF-8") != 0) {
		g_string_truncate(tmp, 0);
		*bad_r = 0;
		ok = iconv_append(tmp, p + skip, len - skip, enc, true, bad_r);
	}
	if (ok)
		g_string_append_len(out, tmp->str, (gssize)tmp->len);
	else
		*bad_r = 0;
	g_string_free(tmp, TRUE);
	return ok;
}

char *
mime_charset_decode(const char *bytes, size_t len, const char *charset,
		    unsigned *flags_r)
{
	char buf[64];
	bool bad_label;
	const char *cs = charset_canonical(charset, buf, sizeof(buf), &bad_label);
	bool is_utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	GString *out = g_string_sized_new(len + 1);
	size_t bad = 0;
	unsigned flags = bad_label ? MIME_CS_BAD_LABEL : 0;

	if (bytes == NULL)
		len = 0;
	if (unicode_decode(out, bytes, len, cs, &bad))
		goto done;
	if (cs != NULL && !is_utf8 && iconv_append(out, bytes, len, cs, false, &bad))
		goto done;
	g_string_truncate(out, 0);
	bad = 0;
	if (utf8_valid_but_nul(bytes, len)) {
		bad = append_utf8_lossy(out, bytes, len);
		goto done;
	}
	if ((cs == NULL || is_utf8) &&
	    iconv_append(out, bytes, len, "GB18030", false, &bad))
		goto done;
	g_string_truncate(out, 0);
	bad = 0;
	if (cs != NULL && !is_utf8) {
		iconv_append(out, bytes, len, cs, true, &bad);
	} else {
		/* Neither fits: keep whichever reading loses less. */
		GString *gb = g_string_new(NULL);
		size_t gb_bad = 0;

		bad = append_utf8_lossy(out, bytes, len);
		if (iconv_append(gb, bytes, len, "GB18030", true, &gb_bad) &&
		    gb_bad < bad) {
			g_string_assign(out, gb->str);
			bad = gb_bad;
		}
		g_string_free(gb, TRUE);
	}
done:
	if (bad > 0)
		flags |= MIME_CS_BAD_BYTES;
	if (flags_r != NULL)
		*flags_r |= flags;
	return g_string_free(out, FALSE);
}

char *
mime_to_utf8(const char *bytes, size_t len, const char *charset)
{
	return mime_charset_decode(bytes, len, charset, NULL);
}

/* --- base64 -------------------------------------------------------------- */

size_t
mime_base64_decode(const char *in, size_t len, unsigned char *out,
		   bool *partial_r)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	signed char val[256];
	uint32_t acc = 0;
	unsigned n = 0;
	size_t o = 0;

	memset(val, -1, sizeof(val));
	for (unsigned i = 0; i < 64; i++)
		val[(unsigned char)alphabet[i]] = (signed char)i;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == '=') {
			/* End of a chunk: flush it and start afresh. */
			if (n == 2) {
				out[o++] = (unsigned char)(acc >> 4);
			} else if (n == 3) {
				out[o++] = (unsigned char)(acc >> 10);
				out[o++] = (unsigned char)(acc >> 2);
			}
			acc = 0;
			n = 0;
			continue;
		}
		if (val[c] < 0)
			continue;
		acc = (acc << 6) | (uint32_t)val[c];
		if (++n == 4) {
			out[o++] = (unsigned char)(acc >> 16);
			out[o++] = (unsigned char)(acc >> 8);
			out[o++] = (unsigned char)acc;
			acc = 0;
			n = 0;
		}
	}
	if (n == 2) {
		out[o++] = (unsigned char)(acc >> 4);
	} else if (n == 3) {
		out[o++] = (unsigned char)(acc >> 10);
		out[o++] = (unsigned char)(acc >> 2);
	}
	if (partial_r != NULL)
		*partial_r = n != 0;
	return o;
}

/* --- RFC 2047 ------------------------------------------------------------ */

struct word {
	char charset[64];
	GByteArray *bytes;  /* decoded bytes */
	size_t len;         /* length of the word in the input */
};

static int
hexval(int c)
{
	return g_ascii_xdigit_value((gchar)c);
}

#define MIME_WORD_MAX 2048

/* Parses "=?charset?B|Q?text?=" at s; false when s holds no such word. */
static bool
word_parse(const char *s, size_t n, struct word *w)
{
	size_t i = 2, cs_start = 2, cs_len, text_start, text_end;
	char enc;

	if (n < 8 || s[0] != '=' || s[1] != '?')
		return false;
	while (i < n && i - cs_start < sizeof(w->charset) && s[i] != '?' &&
	       !g_ascii_isspace(s[i]) && s[i] != '\0')
		i++;
	cs_len = i - cs_start;
	if (i + 2 >= n || s[i] != '?' || cs_len == 0 || cs_len >= sizeof(w->charset))
		return false;
	enc = g_ascii_toupper(s[i + 1]);
	if ((enc != 'B' && enc != 'Q') || s[i + 2] != '?')
		return false;
	text_start = text_end = i + 3;
	while (text_end + 1 < n && !(s[text_end] == '?' && s[text_end + 1] == '=')) {
		/* RFC 2047 words are at most 75 characters; senders overstep
		 * that, but a word without end must not make every "=?" of a
		 * long header rescan the rest of it. */
		if (g_ascii_isspace(s[text_end]) || s[text_end] == '\0' ||
		    text_end - text_start > MIME_WORD_MAX)
			return false;
		text_end++;
	}
	if (text_end + 1 >= n)
		return false;
	memcpy(w->charset, s + cs_start, cs_len);
	w->charset[cs_len] = '\0';
	/* RFC 2231 language suffix: charset*lang. */
	w->charset[strcspn(w->charset, "*")] = '\0';
	w->len = text_end + 2;
	g_byte_array_set_size(w->bytes, 0);
	if (enc == 'B') {
		g_byte_array_set_size(w->bytes, (guint)((text_end - text_start) * 3 / 4 + 3));
		g_byte_array_set_size(w->bytes, (guint)mime_base64_decode(
			s + text_start, text_end - text_start, w->bytes->data, NULL));
		return true;
	}
	for (size_t j = text_start; j < text_end; j++) {
		guint8 c = (guint8)s[j];

		if (c == '_') {
			c = ' ';
		} else if (c == '=' && j + 2 < text_end && hexval(s[j + 1]) >= 0 &&
			   hexval(s[j + 2]) >= 0) {
			c = (guint8)(hexval(s[j + 1]) << 4 | hexval(s[j + 2]));
			j += 2;
		}
		g_byte_array_append(w->bytes, &c, 1);
	}
	return true;
}

struct hdec {
	GString *out;
	GByteArray *lit;      /* raw text since the last word */
	GByteArray *pending;  /* bytes of adjacent words in one charset */
	char pending_cs[64];
	bool have_pending;
	bool structured;
	bool in_quote;
	unsigned flags;
};

static void
append_quoted(GString *out, const char *s, bool open_close)
{
	if (open_close)
		g_string_append_c(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	if (open_close)
		g_string_append_c(out, '"');
}

static void
hdec_flush_word(struct hdec *d)
{
	char *text;

	if (!d->have_pending)
		return;
	text = mime_charset_decode((const char *)d->pending->data, d->pending->len,
				   d->pending_cs, &d->flags);
	if (d->structured)
		append_quoted(d->out, text, !d->in_quote);
	else
		g_string_append(d->out, text);
	g_free(text);
	g_byte_array_set_size(d->pending, 0);
	d->have_pending = false;
}

static void
hdec_flush_lit(struct hdec *d)
{
	char *text;

	if (d->lit->len == 0)
		return;
	text = mime_charset_decode((const char *)d->lit->data, d->lit->len, NULL,
				   &d->flags);
	g_string_append(d->out, text);
	g_free(text);
	g_byte_array_set_size(d->lit, 0);
}

static bool
bytes_blank(const GByteArray *b)
{
	for (guint i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t')
			return false;
	return true;
}

char *
mime_header_decode(const char *raw, size_t len, bool structured,
		   unsigned *flags_r)
{
	struct hdec d = {
		.out = g_string_sized_new(len + 1),
		.lit = g_byte_array_new(),
		.pending = g_byte_array_new(),
		.structured = structured,
	};
	struct word w = { .bytes = g_byte_array_new() };
	GByteArray *s = g_byte_array_sized_new((guint)len);
	char *res;

	/* Unfold: folding is CRLF before white space; stray CR/LF go too. */
	for (size_t i = 0; i < len; i++)
		if (raw[i] != '\r' && raw[i] != '\n')
			g_byte_array_append(s, (const guint8 *)raw + i, 1);

	for (size_t i = 0; i < s->len;) {
		const char *p = (const char *)s->data + i;

		if (*p == '=' && word_parse(p, s->len - i, &w)) {
			if (d.have_pending && bytes_blank(d.lit))
				g_byte_array_set_size(d.lit, 0);
			if (d.lit->len > 0) {
				hdec_flush_word(&d);
				hdec_flush_lit(&d);
			}
			if (d.have_pending && g_ascii_strcasecmp(d.pending_cs, w.charset) != 0)
				hdec_flush_word(&d);
			if (!d.have_pending)
				memcpy(d.pending_cs, w.charset, sizeof(d.pending_cs));
			d.have_pending = true;
			g_byte_array_append(d.pending, w.bytes->data, w.bytes->len);
			i += w.len;
			continue;
		}
		if (structured && *p == '\\' && i + 1 < s->len) {
			g_byte_array_append(d.lit, (const guint8 *)p, 2);
			i += 2;
			continue;
		}
		if (structured && *p == '"') {
			/* Words inside quotes are escaped, not quoted again. */
			hdec_flush_word(&d);
			d.in_quote = !d.in_quote;
		}
		g_byte_array_append(d.lit, (const guint8 *)p, 1);
		i++;
	}
	hdec_flush_word(&d);
	hdec_flush_lit(&d);

	res = g_strdup(g_strstrip(d.out->str));
	if (flags_r != NULL)
		*flags_r |= d.flags;
	g_string_free(d.out, TRUE);
	g_byte_array_unref(d.lit);
	g_byte_array_unref(d.pending);
	g_byte_array_unref(w.bytes);
	g_byte_array_unref(s);
	return res;
}

/* --- RFC 2231 parameters ------------------------------------------------- */

struct section {
	unsigned index;
	bool extended;
	char *value;
};

static int
section_cmp(const void *a, const void *b)
{
	const struct section *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* %XX-decodes an extended value; NUL bytes become '_' (a name, not data). */
static void
pct_decode(GByteArray *out, const char *s)
{
	for (; *s != '\0'; s++) {
		guint8 c = (guint8)*s;

		if (c == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			c = (guint8)(hexval(s[1]) << 4 | hexval(s[2]));
			s += 2;
		}
		if (c == '\0')
			c = '_';
		g_byte_array_append(out, &c, 1);
	}
}

/* Reads one parameter at *pp: attribute into *attr_r, value into *value_r
 * (both g_free), quoted-strings unescaped.  False at the end. */
static bool
param_next(const char **pp, char **attr_r, char **value_r)
{
	const char *p = *pp, *start;
	GString *v;

	while (*p == ';' || g_ascii_isspace(*p))
		p++;
	if (*p == '\0')
		return false;
	start = p;
	while (*p != '\0' && *p != '=' && *p != ';')
		p++;
	*attr_r = g_strstrip(g_strndup(start, (gsize)(p - start)));
	v = g_string_new(NULL);
	if (*p == '=') {
		p++;
		while (g_ascii_isspace(*p))
			p++;
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				g_string_append_c(v, *p);
			}
			if (*p == '"')
				p++;
			while (*p != '\0' && *p != ';')
				p++;
		} else {
			start = p;
			while (*p != '\0' && *p != ';')
				p++;
			g_string_append_len(v, start, p - start);
			g_strchomp(v->str);
			v->len = strlen(v->str);
		}
	}
	*value_r = g_string_free(v, FALSE);
	*pp = p;
	return true;
}

/* Decodes "charset'lang'%XX..." (the first section of an extended value) or
 * further %XX sections into bytes; returns the charset (g_free) if any. */
static char *
ext_value(GByteArray *bytes, const char *value, bool first)
{
	const char *q1, *q2;
	char *cs = NULL;

	if (first && (q1 = strchr(value, '\'')) != NULL &&
	    (q2 = strchr(q1 + 1, '\'')) != NULL) {
		cs = g_strndup(value, (gsize)(q1 - value));
		value = q2 + 1;
	}
	pct_decode(bytes, value);
	return cs;
}

char *
mime_param_get(const char *raw, const char *name, unsigned *flags_r)
{
	GArray *sections = g_array_new(FALSE, FALSE, sizeof(struct section));
	size_t nlen = strlen(name);
	char *plain = NULL, *ext = NULL, *attr, *value, *res = NULL;
	const char *p;

	if (raw == NULL)
		goto out;
	/* Skip the main value ("attachment", "text/plain"). */
	p = raw;
	while (*p != '\0' && *p != ';')
		p++;
	while (param_next(&p, &attr, &value)) {
		const char *rest = attr + nlen;
		char *end;

		if (g_ascii_strncasecmp(attr, name, nlen) != 0) {
			/* not ours */
		} else if (*rest == '\0' && plain == NULL) {
			plain = value;
			value = NULL;
		} else if (strcmp(rest, "*") == 0 && ext == NULL) {
			ext = value;
			value = NULL;
		} else if (rest[0] == '*' && g_ascii_isdigit(rest[1])) {
			unsigned long idx = strtoul(rest + 1, &end, 10);

			if ((*end == '\0' || strcmp(end, "*") == 0) && idx < 1000) {
				struct section s = { (unsigned)idx, *end == '*', value };

				g_array_append_val(sections, s);
				value = NULL;
			}
		}
		g_free(attr);
		g_free(value);
	}

	if (sections->len > 0) {
		GByteArray *bytes = g_byte_array_new();
		char *cs = NULL;
		bool any_ext = false;

		g_array_sort(sections, section_cmp);
		for (guint i = 0; i < sections->len; i++) {
			struct section *s = &g_array_index(sections, struct section, i);

			if (s->extended) {
				char *c = ext_value(bytes, s->value, i == 0);

				any_ext = true;
				if (c != NULL) {
					g_free(cs);
					cs = c;
				}
			} else {
				g_byte_array_append(bytes, (const guint8 *)s->value,
						    (guint)strlen(s->value));
			}
		}
		/* Outlook splits RFC 2047 words over plain sections. */
		res = any_ext ? mime_charset_decode((const char *)bytes->data,
						    bytes->len, cs, flags_r)
			      : mime_header_decode((const char *)bytes->data,
						   bytes->len, false, flags_r);
		g_free(cs);
		g_byte_array_unref(bytes);
	} else if (ext != NULL) {
		GByteArray *bytes = g_byte_array_new();
		char *cs = ext_value(bytes, ext, true);

		res = mime_charset_decode((const char *)bytes->data, bytes->len, cs,
					  flags_r);
		g_free(cs);
		g_byte_array_unref(bytes);
	} else if (plain != NULL) {
		res = mime_header_decode(plain, strlen(plain), false, flags_r);
	}
out:
	for (guint i = 0; i < sections->len; i++)
		g_free(g_array_index(sections, struct section, i).value);
	g_array_free(sections, TRUE);
	g_free(plain);
	g_free(ext);
	return res;
}

/* --- file names ---------------------------------------------------------- */

static bool
unsafe_char(gunichar c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	       c == '/' || c == '\\' || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
mime_filename_display(const char *name)
{
	const char *p = name, *last = name;
	GString *out = g_string_new(NULL);

	/* The last non-empty path component: "../../etc/passwd" → "passwd". */
	for (; *p != '\0'; p++)
		if ((*p == '/' || *p == '\\') && p[1] != '\0' && p[1] != '/' &&
		    p[1] != '\\')
			last = p + 1;
	while (*last == '.' || *last == ' ' || *last == '/' || *last == '\\')
		last++;
	for (p = last; *p != '\0' && *p != '/' && *p != '\\'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (unsafe_char(c))
			g_string_append_c(out, '_');
		else
			g_string_append_unichar(out, c);
	}
	if (out->len == 0)
		g_string_append_c(out, '_');
	return g_string_free(out, FALSE);
}

/* --- RFC 3676 format=flowed ---------------------------------------------- */

/* Splits a line into its quote marks (the run of '>'), the one space that
 * follows them or starts an unquoted line (space-stuffing, RFC 3676 4.4)
 * and the content. */
static void
flowed_split(const char *line, size_t len, size_t *depth_r, size_t *content_r)
{
	size_t i = 0;

	while (i < len && line[i] == '>')
		i++;
	*depth_r = i;
	*content_r = i < len && line[i] == ' ' ? i + 1 : i;
}

/* A signature separator ends a paragraph and is never flowed itself. */
static bool
flowed_sig(const char *content, size_t len)
{
	return len == 3 && memcmp(content, "-- ", 3) == 0;
}

char *
mime_flowed_decode(const char *text, bool delsp)
{
	GString *out = g_string_sized_new(strlen(text) + 1);
	const char *p = text;
	bool open = false;      /* the last line written was flowed */
	size_t open_depth = 0;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		size_t depth, start, clen;
		const char *content;
		bool flowed;

		flowed_split(p, len, &depth, &start);
		content = p + start;
		clen = len - start;
		/* A flowed line followed by one of another depth or by a
		 * signature separator was wrongly flowed (RFC 3676 4.5): the
		 * paragraph ends there. */
		if (open && (depth != open_depth || flowed_sig(content, clen)))
			g_string_append_c(out, '\n');
		if (!open || depth != open_depth || flowed_sig(content, clen)) {
			/* Quote marks stay for the quote detection downstream;
			 * only an unquoted line loses its stuffing space. */
			g_string_append_len(out, p, (gssize)(depth > 0 ? start : 0));
		}
		flowed = clen > 0 && content[clen - 1] == ' ' && !flowed_sig(content, clen);
		g_string_append_len(out, content,
				    (gssize)(flowed && delsp ? clen - 1 : clen));
		if (!flowed && nl != NULL)
			g_string_append_c(out, '\n');
		open = flowed;
		open_depth = depth;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return g_string_free(out, FALSE);
}
