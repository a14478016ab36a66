#include "common/json.h"

#include <inttypes.h>
#include <stdlib.h>

/* Nesting deeper than the struct can track, or an end without a begin, is a
 * bug in our own output code (never in input data): stop rather than write
 * broken JSON. */
static void
json_misuse(void)
{
	fputs("json: unbalanced or deeper than JSON_MAX_DEPTH\n", stderr);
	abort();
}

static void
json_newline(struct json_writer *w)
{
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Writes what goes before a value or a key: nothing after a key, else a
 * comma between siblings and, when pretty, a new indented line. */
static void
json_before(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		fputc(',', w->out);
	w->first[w->depth] = false;
	if (w->pretty)
		json_newline(w);
}

void
json_init(struct json_writer *w, FILE *out, bool pretty)
{
	*w = (struct json_writer){ .out = out, .pretty = pretty };
}

static void
json_begin(struct json_writer *w, char open)
{
	json_before(w);
	if (w->depth + 1 >= JSON_MAX_DEPTH)
		json_misuse();
	fputc(open, w->out);
	w->depth++;
	w->first[w->depth] = true;
}

static void
json_end(struct json_writer *w, char close)
{
	bool empty;

	if (w->depth == 0)
		json_misuse();
	empty = w->first[w->depth];
	w->depth--;
	if (w->pretty && !empty)
		json_newline(w);
	fputc(close, w->out);
}

void
json_begin_object(struct json_writer *w)
{
	json_begin(w, '{');
}

void
json_end_object(struct json_writer *w)
{
	json_end(w, '}');
}

void
json_begin_array(struct json_writer *w)
{
	json_begin(w, '[');
}

void
json_end_array(struct json_writer *w)
{
	json_end(w, ']');
}

/* Length of the well-formed UTF-8 sequence at s (1-4), or 0 with *bad_r set
 * to the length of its maximal ill-formed subpart (Unicode ch. 3, "U+FFFD
 * substitution of maximal subparts"), which is at least 1. */
static size_t
json_utf8_len(const unsigned char *s, size_t *bad_r)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		*bad_r = 1;
		return 0;
	}
	for (i = 1; i < need; i++) {
		unsigned char b = s[i];	/* the NUL terminator fails the test */

		if (b < lo || b > hi) {
			*bad_r = i;
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return need;
}

static void
json_write_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	while (*p != '\0') {
		size_t n, bad;

		if (*p == '"' || *p == '\\') {
			fputc('\\', out);
			fputc(*p++, out);
		} else if (*p < 0x20) {
			fprintf(out, "\\u%04x", *p++);
		} else if ((n = json_utf8_len(p, &bad)) > 0) {
			fwrite(p, 1, n, out);
			p += n;
		} else {
			fputs("\xEF\xBF\xBD", out);
			p += bad;
		}
	}
	fputc('"', out);
}

void
json_key(struct json_writer *w, const char *key)
{
	json_before(w);
	json_write_string(w->out, key != NULL ? key : "");
	fputs(w->pretty ? ": " : ":", w->out);
	w->after_key = true;
}

void
json_string(struct json_writer *w, const char *s)
{
	json_before(w);
	if (s == NULL)
		fputs("null", w->out);
	else
		json_write_string(w->out, s);
}

void
json_int(struct json_writer *w, int64_t v)
{
	json_before(w);
	fprintf(w->out, "%" PRId64, v);
}

void
json_bool(struct json_writer *w, bool v)
{
	json_before(w);
	fputs(v ? "true" : "false", w->out);
}

void
json_null(struct json_writer *w)
{
	json_before(w);
	fputs("null", w->out);
}

void
json_finish(struct json_writer *w)
{
	fputc('\n', w->out);
}
