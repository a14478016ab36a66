/* The line breaker, the TrueType subsetter and the PDF renderer.
 *
 * Render tests check the PDF with poppler-utils (pdftotext, pdffonts,
 * pdfinfo) run through popen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <limits.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <glib.h>

#include "letter/linebreak.h"
#include "letter/render.h"
#include "letter/ttf.h"

#define EPS 0.01

/* ---- line breaker ------------------------------------------------------- */

/* Width 1 for wide characters, 0.5 for ASCII: a line of width N holds N
 * Chinese characters or 2N ASCII ones. */
static double
test_width(uint32_t cp)
{
	return cp < 0x80 ? 0.5 : 1.0;
}

/* Breaks `text` and joins the lines with '|' (paragraph starts after the
 * first with '/'). */
static char *
broken(const char *text, double first, double rest)
{
	uint32_t *cps;
	size_t n, n_lines;
	double *w;
	struct letter_line *lines;
	struct ogi_error err = { 0 };
	char *out = calloc(1, 4 * strlen(text) + 64);

	assert_int_equal(letter_utf8_decode(text, &cps, &n, &err), 0);
	w = calloc(n + 1, sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[i] = test_width(cps[i]);
	letter_linebreak(cps, w, n, first, rest, &lines, &n_lines);
	for (size_t i = 0; i < n_lines; i++) {
		char *s = letter_utf8_encode(cps + lines[i].start,
		                             lines[i].end - lines[i].start);
		double width = 0;

		for (size_t k = lines[i].start; k < lines[i].end; k++)
			width += w[k];
		assert_true(lines[i].width <= (lines[i].para_start ? first : rest) + 1e-9);
		assert_true(lines[i].width > width - 1e-9 && lines[i].width < width + 1e-9);
		if (i > 0)
			strcat(out, lines[i].para_start ? "/" : "|");
		strcat(out, s);
		free(s);
	}
	free(lines);
	free(w);
	free(cps);
	return out;
}

struct lb_case {
	const char *what;
	const char *text;
	double first, rest;
	const char *want;
};

static const struct lb_case LB_CASES[] = {
	{ "plain Chinese fills each line", "一二三四五六七八九十", 4, 4,
	  "一二三四|五六七八|九十" },
	{ "28 characters fit a 28-wide line exactly",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八", 28, 28,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八" },
	{ "first line narrower (indent)", "一二三四五六七八", 3, 5,
	  "一二三|四五六七八" },
	{ "comma may not start a line: previous character pulled down",
	  "一二三四五，六七", 5, 5, "一二三四|五，六七" },
	{ "full stop and closing quote both pulled", "一二三四五。”六", 5, 5,
	  "一二三四|五。”六" },
	{ "each closing mark: 、", "一二三四、五", 4, 4, "一二三|四、五" },
	{ "each closing mark: ；", "一二三四；五", 4, 4, "一二三|四；五" },
	{ "each closing mark: ：", "一二三四：五", 4, 4, "一二三|四：五" },
	{ "each closing mark: ？", "一二三四？五", 4, 4, "一二三|四？五" },
	{ "each closing mark: ！", "一二三四！五", 4, 4, "一二三|四！五" },
	{ "each closing mark: ）", "一二三四）五", 4, 4, "一二三|四）五" },
	{ "each closing mark: 》", "一二三四》五", 4, 4, "一二三|四》五" },
	{ "each closing mark: 」", "一二三四」五", 4, 4, "一二三|四」五" },
	{ "each closing mark: 』", "一二三四』五", 4, 4, "一二三|四』五" },
	{ "each closing mark: 】", "一二三四】五", 4, 4, "一二三|四】五" },
	{ "each closing mark: 〕", "一二三四〕五", 4, 4, "一二三|四〕五" },
	{ "each closing mark: …", "一二三四…五", 4, 4, "一二三|四…五" },
	{ "each closing mark: ’", "一二三四’五", 4, 4, "一二三|四’五" },
	{ "ASCII comma after Chinese", "一二三四,五", 4, 4.5, "一二三|四,五" },
	{ "ASCII full stop after Chinese", "一二三四.五", 4, 4.5, "一二三|四.五" },
	{ "ASCII closing parenthesis", "一二三四)五", 4, 4.5, "一二三|四)五" },
	{ "opening bracket may not end a line", "一二三（四五", 4, 4,
	  "一二三|（四五" },
	{ "opening book title mark", "一二三《四》", 4, 4, "一二三|《四》" },
	{ "opening quote", "一二三“四”", 4, 4, "一二三|“四”" },
	{ "opening 〔 of a document number", "通人社依〔2026〕", 5, 5,
	  "通人社依|〔2026〕" },
	{ "ASCII opening parenthesis", "一二三(四", 3.5, 4, "一二三|(四" },
	{ "em dash pair stays whole", "一二三——四", 4, 4, "一二三|——四" },
	{ "ellipsis pair stays whole and may not start a line", "一二三……", 4, 4,
	  "一二|三……" },
	{ "number moved whole to the next line", "电话12345678", 4, 4,
	  "电话|12345678" },
	{ "long digit run cut only where it must be",
	  "号码123456789012345678901234", 5, 5,
	  "号码|1234567890|1234567890|1234" },
	{ "URL shorter than a line kept whole",
	  "请见网址https://a.b/cd即可", 8, 8, "请见网址|https://a.b/cd即|可" },
	{ "URL longer than a line cut at the edge",
	  "见https://example.com/a/b/c", 5, 5,
	  "见|https://ex|ample.com/|a/b/c" },
	{ "e-mail kept whole, full stop stays with it",
	  "请发邮件至ab@cd.cn。", 6, 6, "请发邮件至|ab@cd.cn。" },
	{ "e-mail longer than a line", "至verylongname@example.com", 6, 6,
	  "至|verylongname|@example.com" },
	{ "mixed Chinese, Latin and digits", "共3份文件PDF格式", 4, 4,
	  "共3份文|件PDF格|式" },
	{ "Latin words break at spaces", "hello world foo", 5, 5,
	  "hello|world foo" },
	{ "newline starts a paragraph", "一二\n三四五", 4, 4, "一二/三四五" },
	{ "empty line between paragraphs", "一\n\n二", 4, 4, "一//二" },
};

static void
test_linebreak_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(LB_CASES) / sizeof(LB_CASES[0]); i++) {
		const struct lb_case *c = &LB_CASES[i];
		char *got = broken(c->text, c->first, c->rest);

		if (strcmp(got, c->want) != 0)
			fail_msg("%s: \"%s\" -> \"%s\", want \"%s\"", c->what,
			         c->text, got, c->want);
		free(got);
	}
}

static void
test_linebreak_classes(void **state)
{
	static const char no_start[] = "，。、；：？！）》」』】〕…’”,.;:?!)]}";
	static const char no_end[] = "（《「『【〔“‘([{";
	static const char neither[] = "一a1中";
	uint32_t *cps;
	size_t n;

	(void)state;
	assert_int_equal(letter_utf8_decode(no_start, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(letter_lb_no_start(cps[i]));
		assert_false(letter_lb_no_end(cps[i]));
	}
	free(cps);
	assert_int_equal(letter_utf8_decode(no_end, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(letter_lb_no_end(cps[i]));
		assert_false(letter_lb_no_start(cps[i]));
	}
	free(cps);
	assert_int_equal(letter_utf8_decode(neither, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		assert_false(letter_lb_no_start(cps[i]) || letter_lb_no_end(cps[i]));
	free(cps);
}

static void
test_utf8_invalid(void **state)
{
	static const char *const BAD[] = {
		"\xC0\xAF", "\xE4\xB8", "\xED\xA0\x80", "\xF5\x80\x80\x80", "a\x80",
	};
	struct ogi_error err = { 0 };
	uint32_t *cps;
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++) {
		assert_int_equal(letter_utf8_decode(BAD[i], &cps, &n, &err), -1);
		assert_non_null(strstr(err.msg, "invalid UTF-8"));
	}
}

/* ---- subsetter ---------------------------------------------------------- */

static void
test_ttf_subset(void **state)
{
	static const uint32_t CPS[] = { 0x4E00, 0x6587, 'A', 0xFF0C, 0x4E00 };
	struct letter_ttf *full, *sub;
	struct ogi_error err = { 0 };
	unsigned char *data;
	size_t len;
	char path[] = "/tmp/test-letter-ttf-XXXXXX";
	int fd;

	(void)state;
	assert_int_equal(letter_ttf_open(letter_fonts_debian.body, 0, &full,
	                                 &err), 0);
	assert_string_equal(letter_ttf_psname(full), "UMingCN");
	assert_int_equal(letter_ttf_subset(full, CPS, 5, "TestSub", &data, &len,
	                                   &err), 0);
	assert_true(len < 8000);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	assert_int_equal(letter_ttf_open(path, 0, &sub, &err), 0);
	unlink(path);
	assert_string_equal(letter_ttf_psname(sub), "TestSub");
	for (size_t i = 0; i < 4; i++) {
		unsigned g = letter_ttf_glyph(sub, CPS[i]);

		assert_true(g > 0 && g <= 4);
		assert_int_equal(letter_ttf_advance(sub, g),
		                 letter_ttf_advance(full, letter_ttf_glyph(full, CPS[i])));
	}
	assert_int_equal(letter_ttf_glyph(sub, 0x4E8C), 0);
	letter_ttf_close(sub);
	free(data);
	/* A character the face lacks is refused, not mapped to .notdef. */
	assert_int_equal(letter_ttf_subset(full, (const uint32_t[]){ 0xE000 }, 1,
	                                   "X", &data, &len, &err), -1);
	assert_non_null(strstr(err.msg, "U+E000"));
	letter_ttf_close(full);
}

/* ---- crafted fonts -------------------------------------------------------
 * A minimal TrueType font is built in memory (every table the subsetter
 * reads, glyphs given as bytes), then one part of it is made hostile. */

struct bytes {
	unsigned char *p;
	size_t len, cap;
};

static void
b_put(struct bytes *b, const void *data, size_t n)
{
	if (n == 0)
		return;
	if (b->len + n > b->cap) {
		b->cap = 2 * (b->len + n);
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void
b16(struct bytes *b, unsigned v)
{
	unsigned char x[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	b_put(b, x, 2);
}

static void
b32(struct bytes *b, uint32_t v)
{
	b16(b, v >> 16);
	b16(b, v & 0xFFFF);
}

static void
b_zero(struct bytes *b, size_t n)
{
	while (n-- > 0)
		b_put(b, "", 1);
}

/* Glyphs: an empty simple glyph, and composites of 8-byte records. */
static const unsigned char SIMPLE[12] = { 0 };

static void
composite(struct bytes *g, const unsigned *components, size_t n)
{
	b16(g, 0xFFFF);
	b_zero(g, 8);
	for (size_t i = 0; i < n; i++) {
		b16(g, 0x0001 | (i + 1 < n ? 0x0020 : 0));  /* words, more */
		b16(g, components[i]);
		b32(g, 0);
	}
}

struct cmap_group {
	uint32_t start, end, glyph;
};

struct font {
	unsigned n_glyphs;
	struct bytes *glyphs;           /* n_glyphs of them */
	const uint32_t *loca;           /* NULL: the glyphs one after another */
	int cmap_format;                /* 4 or 12 */
	const struct cmap_group *groups;
	size_t n_groups;
	uint32_t cmap_offset;           /* 0: right after the header */
};

static void
cmap_table(struct bytes *t, const struct font *f)
{
	b16(t, 0);
	b16(t, 1);
	b16(t, 3);
	b16(t, f->cmap_format == 12 ? 10 : 1);
	b32(t, f->cmap_offset ? f->cmap_offset : 12);
	if (f->cmap_format == 12) {
		b16(t, 12);
		b16(t, 0);
		b32(t, (uint32_t)(16 + 12 * f->n_groups));
		b32(t, 0);
		b32(t, (uint32_t)f->n_groups);
		for (size_t i = 0; i < f->n_groups; i++) {
			b32(t, f->groups[i].start);
			b32(t, f->groups[i].end);
			b32(t, f->groups[i].glyph);
		}
		return;
	}
	/* Format 4, glyphs by idDelta, then the closing 0xFFFF segment. */
	b16(t, 4);
	b16(t, (unsigned)(16 + 8 * (f->n_groups + 1)) & 0xFFFF);
	b16(t, 0);
	b16(t, (unsigned)(2 * (f->n_groups + 1)));
	b_zero(t, 6);
	for (size_t i = 0; i < f->n_groups; i++)
		b16(t, f->groups[i].end);
	b16(t, 0xFFFF);
	b16(t, 0);
	for (size_t i = 0; i < f->n_groups; i++)
		b16(t, f->groups[i].start);
	b16(t, 0xFFFF);
	for (size_t i = 0; i < f->n_groups; i++)
		b16(t, (f->groups[i].glyph - f->groups[i].start) & 0xFFFF);
	b16(t, 1);
	b_zero(t, 2 * (f->n_groups + 1));
}

/* The font's bytes; tables in tag order, each 4-aligned. */
static struct bytes
build_font(const struct font *f)
{
	static const char *const tags[] = {
		"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp",
		"name", "post",
	};
	struct bytes t[10] = { { 0 } }, out = { 0 };
	uint32_t off = 12 + 16 * 10, at = 0;

	b16(&t[0], 0);                          /* OS/2 v0, fsType 0 */
	b_zero(&t[0], 76);
	cmap_table(&t[1], f);
	for (unsigned i = 0; i < f->n_glyphs; i++) {
		b_put(&t[2], f->glyphs[i].p, f->glyphs[i].len);
		b32(&t[6], f->loca ? f->loca[i] : at);
		at += (uint32_t)f->glyphs[i].len;
	}
	b32(&t[6], f->loca ? f->loca[f->n_glyphs] : at);
	b32(&t[3], 0x00010000);                 /* head */
	b_zero(&t[3], 8);
	b32(&t[3], 0x5F0F3CF5);
	b16(&t[3], 0);
	b16(&t[3], 1000);                       /* unitsPerEm */
	b_zero(&t[3], 30);
	b16(&t[3], 1);                          /* long loca */
	b16(&t[3], 0);
	b32(&t[4], 0x00010000);                 /* hhea */
	b_zero(&t[4], 30);
	b16(&t[4], f->n_glyphs);
	for (unsigned i = 0; i < f->n_glyphs; i++) {
		b16(&t[5], 500);
		b16(&t[5], 0);
	}
	b32(&t[7], 0x00005000);                 /* maxp 0.5 */
	b16(&t[7], f->n_glyphs);
	b16(&t[8], 0);                          /* name: no records */
	b16(&t[8], 0);
	b16(&t[8], 6);
	b32(&t[9], 0x00030000);                 /* post 3.0 */
	b_zero(&t[9], 28);

	b32(&out, 0x00010000);
	b16(&out, 10);
	b16(&out, 128);
	b16(&out, 3);
	b16(&out, 32);
	for (int i = 0; i < 10; i++) {
		b_put(&out, tags[i], 4);
		b32(&out, 0);
		b32(&out, off);
		b32(&out, (uint32_t)t[i].len);
		off += (uint32_t)(t[i].len + 3) / 4 * 4;
	}
	for (int i = 0; i < 10; i++) {
		b_put(&out, t[i].p, t[i].len);
		b_zero(&out, (4 - t[i].len % 4) % 4);
		free(t[i].p);
	}
	return out;
}

/* n glyphs: .notdef and the rest simple unless set later. */
static struct bytes *
simple_glyphs(unsigned n)
{
	struct bytes *g = calloc(n, sizeof(*g));

	assert_non_null(g);
	for (unsigned i = 0; i < n; i++)
		b_put(&g[i], SIMPLE, sizeof(SIMPLE));
	return g;
}

static void
glyphs_free(struct bytes *g, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		free(g[i].p);
	free(g);
}

/* A face from f, checked to open; caller closes it and frees *font_r. */
static struct letter_ttf *
open_font(const struct font *f, struct bytes *font_r)
{
	struct ogi_error err = { 0 };
	struct letter_ttf *t;

	*font_r = build_font(f);
	if (letter_ttf_open_mem(font_r->p, font_r->len, 0, &t, &err) != 0)
		fail_msg("crafted font does not open: %s", err.msg);
	return t;
}

/* Subsets cps; returns the error message, or "" after checking that the
 * subset opens and maps every code point. */
static char *
subset_result(const struct letter_ttf *t, const uint32_t *cps, size_t n)
{
	struct ogi_error err = { 0 };
	unsigned char *data;
	size_t len;
	struct letter_ttf *sub;

	if (letter_ttf_subset(t, cps, n, "Crafted", &data, &len, &err) != 0)
		return strdup(err.msg);
	assert_int_equal(letter_ttf_open_mem(data, len, 0, &sub, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(letter_ttf_glyph(sub, cps[i]) != 0);
	letter_ttf_close(sub);
	free(data);
	return strdup("");
}

static const struct cmap_group ABC[] = { { 'A', 'C', 1 } };

/* Glyph 1 simple, 2 and 3 composites with the given components. */
struct composite_case {
	const char *what;
	unsigned comp2[3], n2;
	unsigned comp3[3], n3;
	size_t cut;                     /* bytes cut off the end of glyph 3 */
	const char *want;               /* error substring; "" = subset works */
};

static const struct composite_case COMPOSITES[] = {
	{ "a composite of simple glyphs", { 1 }, 1, { 1, 2 }, 2, 0, "" },
	{ "a component beyond the glyph count", { 1 }, 1, { 1, 4 }, 2, 0,
	  "U+0043: glyph 3 of font Font is malformed" },
	{ "the largest glyph id", { 1 }, 1, { 0xFFFF }, 1, 0, "U+0043" },
	{ "a composite naming itself", { 1 }, 1, { 3 }, 1, 0, "U+0043" },
	{ "two composites in a cycle", { 3 }, 1, { 2 }, 1, 0, "U+0043" },
	{ "a record cut short", { 1 }, 1, { 1, 2 }, 2, 3, "U+0043" },
	{ "its flags cut short", { 1 }, 1, { 1, 2 }, 2, 7, "U+0043" },
};

static void
test_ttf_crafted_composites(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(COMPOSITES) / sizeof(COMPOSITES[0]); i++) {
		const struct composite_case *c = &COMPOSITES[i];
		struct bytes *g = simple_glyphs(4), font;
		struct font f = { 4, g, NULL, 4, ABC, 1, 0 };
		struct letter_ttf *t;
		char *got;

		free(g[2].p);
		free(g[3].p);
		g[2] = g[3] = (struct bytes){ 0 };
		composite(&g[2], c->comp2, c->n2);
		composite(&g[3], c->comp3, c->n3);
		g[3].len -= c->cut;
		t = open_font(&f, &font);
		/* Only a letter using the glyph is refused. */
		got = subset_result(t, (const uint32_t[]){ 'A' }, 1);
		assert_string_equal(got, "");
		free(got);
		got = subset_result(t, (const uint32_t[]){ 'A', 'C' }, 2);
		if (c->want[0] == '\0' ? got[0] != '\0' : !strstr(got, c->want))
			fail_msg("%s: got \"%s\", want \"%s\"", c->what, got, c->want);
		free(got);
		letter_ttf_close(t);
		free(font.p);
		glyphs_free(g, 4);
	}
}

/* Glyph k (1..n-1) is a composite of glyph k + 1; the last is simple: U+0041
 * maps to a glyph nested `n - 2` deep. */
static char *
chain_result(unsigned n)
{
	struct bytes *g = simple_glyphs(n), font;
	struct cmap_group one = { 'A', 'A', 1 };
	struct font f = { n, g, NULL, 4, &one, 1, 0 };
	struct letter_ttf *t;
	char *got;

	for (unsigned k = 1; k + 1 < n; k++) {
		free(g[k].p);
		g[k] = (struct bytes){ 0 };
		composite(&g[k], (const unsigned[]){ k + 1 }, 1);
	}
	t = open_font(&f, &font);
	got = subset_result(t, (const uint32_t[]){ 'A' }, 1);
	letter_ttf_close(t);
	free(font.p);
	glyphs_free(g, n);
	return got;
}

static void
test_ttf_crafted_nesting(void **state)
{
	char *got;

	(void)state;
	got = chain_result(2 + 8);
	assert_string_equal(got, "");
	free(got);
	got = chain_result(2 + 9);
	assert_non_null(strstr(got, "U+0041: glyph 1 of font Font is malformed"));
	free(got);
}

/* Many glyph ids on one span: loca alternates between the span's two
 * ends, so the odd glyphs are all the same glyph and the even ones from 2
 * on end before they start.  n_chars code points from U+4E00 map to the
 * odd glyphs. */
static char *
shared_span_result(const struct bytes *shared, unsigned n_chars)
{
	unsigned n = 2 * n_chars + 1;
	uint32_t *loca = calloc(n + 1, sizeof(*loca));
	struct cmap_group *groups = calloc(n_chars, sizeof(*groups));
	uint32_t *cps = calloc(n_chars, sizeof(*cps));
	struct bytes *g = calloc(n, sizeof(*g)), font;
	struct font f = { n, g, loca, 12, groups, n_chars, 0 };
	struct letter_ttf *t;
	char *got;

	assert_true(loca && groups && cps && g);
	b_put(&g[0], SIMPLE, sizeof(SIMPLE));
	g[1] = *shared;
	for (unsigned i = 1; i <= n; i++)
		loca[i] = (uint32_t)(sizeof(SIMPLE) + (i % 2 ? 0 : shared->len));
	for (unsigned i = 0; i < n_chars; i++) {
		groups[i] = (struct cmap_group){ 0x4E00 + i, 0x4E00 + i, 1 + 2 * i };
		cps[i] = 0x4E00 + i;
	}
	t = open_font(&f, &font);
	got = subset_result(t, cps, n_chars);
	letter_ttf_close(t);
	free(font.p);
	free(g[0].p);
	free(g);
	free(loca);
	free(groups);
	free(cps);
	return got;
}

static void
test_ttf_crafted_work(void **state)
{
	unsigned comps[2000] = { 0 };
	struct bytes shared = { 0 };
	char *got;

	(void)state;
	/* 40 glyph ids on one composite of 2000 components: 80000 records to
	 * read.  Fine for 30. */
	composite(&shared, comps, 2000);
	got = shared_span_result(&shared, 30);
	assert_string_equal(got, "");
	free(got);
	got = shared_span_result(&shared, 40);
	assert_non_null(strstr(got, "more than 65536 components"));
	free(got);
	free(shared.p);
	/* 8000 glyph ids on one 5000-byte glyph: 40 MB of glyph data. */
	shared = (struct bytes){ 0 };
	b_put(&shared, SIMPLE, sizeof(SIMPLE));
	b_zero(&shared, 5000 - sizeof(SIMPLE));
	got = shared_span_result(&shared, 8000);
	assert_non_null(strstr(got, "exceed"));
	free(got);
	got = shared_span_result(&shared, 100);
	assert_string_equal(got, "");
	free(got);
	free(shared.p);
}

/* A loca entry past the end of glyf, for the glyph of U+0041. */
static void
test_ttf_crafted_loca(void **state)
{
	static const uint32_t loca[] = { 0, 12, 0x7FFFFFF0, 0x7FFFFFF0 };
	struct bytes *g = simple_glyphs(3), font;
	struct font f = { 3, g, loca, 4, ABC, 1, 0 };
	struct letter_ttf *t;
	char *got;

	(void)state;
	t = open_font(&f, &font);
	got = subset_result(t, (const uint32_t[]){ 'B' }, 1);
	assert_non_null(strstr(got, "U+0042: glyph 2 of font Font is malformed"));
	free(got);
	letter_ttf_close(t);
	free(font.p);
	glyphs_free(g, 3);
}

struct cmap_case {
	const char *what;
	int format;
	struct cmap_group groups[2];
	size_t n_groups;
	uint32_t offset;
	uint32_t cp;
	unsigned want;                  /* the glyph of cp; ~0u: no cmap */
};

static const struct cmap_case CMAPS[] = {
	{ "format 4", 4, { { 'A', 'C', 1 } }, 1, 0, 'C', 3 },
	{ "format 12", 12, { { 0x4E00, 0x4E01, 1 } }, 1, 0, 0x4E01, 2 },
	{ "format 4: the first segment reaching a code point decides", 4,
	  { { 'A', 'B', 1 }, { 'A', 'A', 3 } }, 2, 0, 'A', 1 },
	{ "format 12: the first group decides", 12,
	  { { 'A', 'B', 1 }, { 'A', 'A', 3 } }, 2, 0, 'A', 1 },
	{ "format 12: a glyph id that wraps past 2^32", 12,
	  { { 0, 0xFFFFFFFF, 0xFFFFFFF0 } }, 1, 0, 0x11, 0 },
	{ "format 12: glyphs past the count", 12,
	  { { 'A', 'C', 2 } }, 1, 0, 'B', 3 },
	{ "format 12: glyphs past the count (2)", 12,
	  { { 'A', 'C', 2 } }, 1, 0, 'C', 0 },
	{ "subtable offset 2^32 - 1 (offset + 2 wraps)", 4,
	  { { 'A', 'C', 1 } }, 1, 0xFFFFFFFF, 'A', ~0u },
	{ "subtable offset 2^32 - 2", 12,
	  { { 'A', 'C', 1 } }, 1, 0xFFFFFFFE, 'A', ~0u },
	{ "subtable offset past the table", 4,
	  { { 'A', 'C', 1 } }, 1, 0x10000, 'A', ~0u },
};

static void
test_ttf_crafted_cmap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(CMAPS) / sizeof(CMAPS[0]); i++) {
		const struct cmap_case *c = &CMAPS[i];
		struct bytes *g = simple_glyphs(4), font;
		struct font f = { 4, g, NULL, c->format, c->groups, c->n_groups,
		                  c->offset };
		struct ogi_error err = { 0 };
		struct letter_ttf *t;
		int rc;

		font = build_font(&f);
		rc = letter_ttf_open_mem(font.p, font.len, 0, &t, &err);
		if (c->want == ~0u) {
			if (rc == 0 || !strstr(err.msg, "no Unicode cmap"))
				fail_msg("%s: opened (%s)", c->what, err.msg);
		} else {
			if (rc != 0)
				fail_msg("%s: %s", c->what, err.msg);
			if (letter_ttf_glyph(t, c->cp) != c->want)
				fail_msg("%s: U+%04X -> glyph %u, want %u", c->what,
				         (unsigned)c->cp, letter_ttf_glyph(t, c->cp),
				         c->want);
			letter_ttf_close(t);
		}
		free(font.p);
		glyphs_free(g, 4);
	}
}

/* Segments that each claim the whole BMP: opening reads each code point
 * once, not once per segment (2^31 and 1.3 * 10^10 steps before). */
static void
test_ttf_crafted_cmap_work(void **state)
{
	static const struct {
		int format;
		size_t n;
		struct cmap_group group;
	} SPIN[] = {
		{ 4, 32766, { 0, 0xFFFE, 1 } },
		{ 12, 200000, { 0, 0xFFFFFFFF, 1 } },
	};

	(void)state;
	alarm(60);
	for (size_t i = 0; i < sizeof(SPIN) / sizeof(SPIN[0]); i++) {
		struct cmap_group *groups = calloc(SPIN[i].n, sizeof(*groups));
		struct bytes *g = simple_glyphs(4), font;
		struct font f = { 4, g, NULL, SPIN[i].format, groups, SPIN[i].n, 0 };
		struct ogi_error err = { 0 };
		struct letter_ttf *t;
		struct timespec t0, t1;

		assert_non_null(groups);
		for (size_t k = 0; k < SPIN[i].n; k++)
			groups[k] = SPIN[i].group;
		font = build_font(&f);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(letter_ttf_open_mem(font.p, font.len, 0, &t, &err), 0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9 > 0.25)
			fail_msg("format %d: opening took %.1f s", SPIN[i].format,
			         t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9);
		assert_int_equal(letter_ttf_glyph(t, 1), 2);
		assert_int_equal(letter_ttf_glyph(t, 'A'), 0);
		letter_ttf_close(t);
		free(font.p);
		free(groups);
		glyphs_free(g, 4);
	}
	alarm(0);
}

struct header_case {
	const char *what;
	size_t at;                      /* where to write */
	uint32_t value;
	const char *want;
};

/* Offsets in the header and table directory of build_font's output: the
 * directory entries are 16 bytes from 12, in tag order (OS/2 first). */
static const struct header_case HEADERS[] = {
	{ "table offset near 2^32", 12 + 16 * 3 + 8, 0xFFFFFFF0, "not a usable" },
	{ "table length near 2^32", 12 + 16 * 3 + 12, 0xFFFFFFF0, "not a usable" },
	{ "table count beyond the file", 4, 0xFFFF0000, "not a usable" },
};

static void
test_ttf_crafted_headers(void **state)
{
	struct bytes *g = simple_glyphs(4), font;
	struct font f = { 4, g, NULL, 4, ABC, 1, 0 };
	struct ogi_error err = { 0 };
	struct letter_ttf *t;
	static const unsigned char ttc[] = {
		't', 't', 'c', 'f', 0, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
		0, 0, 0, 16, 0, 0, 0, 0,
	};
	unsigned char ttc_dir[sizeof(ttc)];

	(void)state;
	font = build_font(&f);
	for (size_t i = 0; i < sizeof(HEADERS) / sizeof(HEADERS[0]); i++) {
		unsigned char *copy = malloc(font.len);
		const struct header_case *c = &HEADERS[i];

		memcpy(copy, font.p, font.len);
		copy[c->at] = (unsigned char)(c->value >> 24);
		copy[c->at + 1] = (unsigned char)(c->value >> 16);
		copy[c->at + 2] = (unsigned char)(c->value >> 8);
		copy[c->at + 3] = (unsigned char)c->value;
		if (letter_ttf_open_mem(copy, font.len, 0, &t, &err) == 0 ||
		    !strstr(err.msg, c->want))
			fail_msg("%s: %s", c->what, err.msg);
		free(copy);
	}
	/* Every prefix of a good font is refused, none read past its end. */
	for (size_t n = 0; n < font.len; n += 7) {
		unsigned char *copy = malloc(n ? n : 1);

		memcpy(copy, font.p, n);
		if (letter_ttf_open_mem(copy, n, 0, &t, &err) == 0)
			letter_ttf_close(t);
		free(copy);
	}
	/* A collection claiming 2^32 - 1 faces, or a face directory past
	 * its end. */
	assert_int_equal(letter_ttf_open_mem(ttc, sizeof(ttc), 0, &t, &err), -1);
	assert_non_null(strstr(err.msg, "no face 0"));
	memcpy(ttc_dir, ttc, sizeof(ttc));
	memcpy(ttc_dir + 8, "\0\0\0\1\xFF\xFF\xFF\xF8", 8);
	assert_int_equal(letter_ttf_open_mem(ttc_dir, sizeof(ttc_dir), 0, &t, &err), -1);
	assert_non_null(strstr(err.msg, "not a usable"));
	free(font.p);
	glyphs_free(g, 4);
}

/* ---- ToUnicode CMaps ------------------------------------------------------ */

struct cmap_entry {
	uint16_t code;
	uint32_t cp;
};

struct tounicode_case {
	const char *what;
	struct cmap_entry e[8];
	size_t n;
	const char *want;               /* the mapping blocks; NULL: refused */
};

static const struct tounicode_case TOUNICODE[] = {
	{ "nothing", { { 0, 0 } }, 0, "" },
	{ "one character", { { 0x4E00, 0x4E00 } }, 1,
	  "1 beginbfchar\n<4E00> <4E00>\nendbfchar\n" },
	{ "a run is one range",
	  { { 0x4E00, 0x4E00 }, { 0x4E01, 0x4E01 }, { 0x4E02, 0x4E02 } }, 3,
	  "1 beginbfrange\n<4E00> <4E02> <4E00>\nendbfrange\n" },
	{ "a range never carries into the high byte",
	  { { 0x4EFE, 0x4EFE }, { 0x4EFF, 0x4EFF }, { 0x4F00, 0x4F00 },
	    { 0x4F01, 0x4F01 } }, 4,
	  "2 beginbfrange\n<4EFE> <4EFF> <4EFE>\n<4F00> <4F01> <4F00>\n"
	  "endbfrange\n" },
	{ "consecutive codes, scattered characters",
	  { { 1, 'A' }, { 2, 0x4E00 }, { 3, 'B' } }, 3,
	  "3 beginbfchar\n<0001> <0041>\n<0002> <4E00>\n<0003> <0042>\n"
	  "endbfchar\n" },
	{ "ranges and single characters",
	  { { 0x20, 0x20 }, { 0x30, 0x30 }, { 0x31, 0x31 }, { 0x3002, 0x3002 } },
	  4,
	  "1 beginbfrange\n<0030> <0031> <0030>\nendbfrange\n"
	  "2 beginbfchar\n<0020> <0020>\n<3002> <3002>\nendbfchar\n" },
	{ "above the BMP: a surrogate pair", { { 7, 0x1F600 } }, 1,
	  "1 beginbfchar\n<0007> <D83DDE00>\nendbfchar\n" },
	{ "a run above the BMP",
	  { { 1, 0x20000 }, { 2, 0x20001 }, { 3, 0x20002 } }, 3,
	  "1 beginbfrange\n<0001> <0003> <D840DC00>\nendbfrange\n" },
	{ "the last characters", { { 0xFFFE, 0x10FFFE }, { 0xFFFF, 0x10FFFF } },
	  2, "1 beginbfrange\n<FFFE> <FFFF> <DBFFDFFE>\nendbfrange\n" },
	{ "codes out of order", { { 2, 'A' }, { 1, 'B' } }, 2, NULL },
	{ "a code twice", { { 1, 'A' }, { 1, 'B' } }, 2, NULL },
	{ "a surrogate is no character", { { 1, 0xD800 } }, 1, NULL },
	{ "beyond Unicode", { { 1, 0x110000 } }, 1, NULL },
};

static void
test_tounicode_cmap(void **state)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
		">> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

	(void)state;
	for (size_t i = 0; i < sizeof(TOUNICODE) / sizeof(TOUNICODE[0]); i++) {
		const struct tounicode_case *c = &TOUNICODE[i];
		uint16_t codes[8];
		uint32_t cps[8];
		struct ogi_error err = { 0 };
		char *got = NULL, want[1024];
		int rc;

		for (size_t k = 0; k < c->n; k++) {
			codes[k] = c->e[k].code;
			cps[k] = c->e[k].cp;
		}
		rc = letter_tounicode_cmap(codes, cps, c->n, &got, &err);
		if (c->want == NULL) {
			if (rc == 0 || strstr(err.msg, "ToUnicode") == NULL)
				fail_msg("%s: accepted", c->what);
			continue;
		}
		assert_int_equal(rc, 0);
		snprintf(want, sizeof(want), "%s%s%s", head, c->want, tail);
		if (strcmp(got, want) != 0)
			fail_msg("%s:\n got: %s\nwant: %s", c->what, got, want);
		free(got);
	}
}

/* 250 single characters: blocks of 100, 100 and 50. */
static void
test_tounicode_blocks(void **state)
{
	uint16_t codes[250];
	uint32_t cps[250];
	struct ogi_error err = { 0 };
	const char *at;
	char *got;
	size_t lines = 0;

	(void)state;
	for (size_t i = 0; i < 250; i++)
		cps[i] = codes[i] = (uint16_t)(0x4E00 + 2 * i);
	assert_int_equal(letter_tounicode_cmap(codes, cps, 250, &got, &err), 0);
	at = strstr(got, "100 beginbfchar\n");
	assert_non_null(at);
	at = strstr(at + 1, "100 beginbfchar\n");
	assert_non_null(at);
	assert_non_null(strstr(at + 1, "50 beginbfchar\n"));
	assert_null(strstr(got, "bfrange"));
	for (at = strstr(got, "endcodespacerange"); (at = strstr(at, "> <")) != NULL;
	     at++)
		lines++;
	assert_int_equal(lines, 250);
	free(got);
}

/* ---- renderer ----------------------------------------------------------- */

static char tmpdir[64];

static int
setup_dir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-letter-render-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	letter_render_release_fonts();
	return system(cmd) == 0 ? 0 : -1;
}

/* Output of a command (stderr dropped); caller frees. */
static char *
run(const char *fmt, ...)
{
	char cmd[512], *out = NULL;
	size_t len = 0, cap = 0;
	va_list ap;
	FILE *p;
	int c;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((c = fgetc(p)) != EOF) {
		if (len + 2 > cap) {
			cap = cap ? 2 * cap : 4096;
			out = realloc(out, cap);
		}
		out[len++] = (char)c;
	}
	if (out == NULL)
		out = malloc(1);
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

#define B(kind, text) { LETTER_BLOCK_##kind, (char *)(text), NULL, 0, 0 }

static char *attachment_items[] = {
	(char *)"政府信息公开申请表",
	(char *)"某某市人力资源和社会保障局关于二〇二五年度城市道路养护资金使用情况的说明",
};
static char *choice_items[] = {
	(char *)"自行领取", (char *)"邮寄", (char *)"电子邮件",
};

static struct letter_block reply_blocks[] = {
	B(TITLE, "政府信息公开申请答复书"),
	B(DOCNUM, "通人社依申〔2026〕12号"),
	B(ADDRESSEE, "王䶮："),
	B(PARAGRAPH, "本机关于2026年11月20日收到您提出的关于“2025年度城市道路养护资金使用情况”的政府信息公开申请。经审查，现答复如下："),
	B(PARAGRAPH, "该信息已在本机关门户网站https://www.example.gov.cn/xxgk/2025/index.html公开，如有疑问请发送邮件至xxgk@example.gov.cn。"),
	B(LIST_ITEM, "1. 《中华人民共和国政府信息公开条例》第三十六条第（一）项。"),
	B(PARAGRAPH, "如对本答复不服，可以自收到本答复之日起60日内申请行政复议，或者在6个月内提起行政诉讼。"),
	B(PARAGRAPH, "特此告知。"),
	{ LETTER_BLOCK_ATTACHMENTS, NULL, attachment_items, 2, 0 },
	B(SIGNATURE, "某某市人力资源和社会保障局"),
	B(DATE, "2026年11月27日"),
};

static struct letter_doc reply = {
	(char *)"政府信息公开申请答复书", (char *)"某某市人力资源和社会保障局",
	NULL, reply_blocks, G_N_ELEMENTS(reply_blocks),
};

/* What the code under test syncs, as the paths its descriptors name: this
 * fsync stands in for libc's in the whole program (the libraries are
 * linked in statically), records, then syncs. */
#define SYNCED_MAX 16
static char synced[SYNCED_MAX][PATH_MAX];
static size_t n_synced;

int
fsync(int fd)
{
	char link[64];
	ssize_t k;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if (n_synced < SYNCED_MAX &&
	    (k = readlink(link, synced[n_synced], PATH_MAX - 1)) >= 0)
		synced[n_synced++][k] = '\0';
	return (int)syscall(SYS_fsync, fd);
}

static void
render_file(const struct letter_doc *doc, const char *name, char *path,
            size_t len, struct letter_layout_report *rep)
{
	struct ogi_error err = { 0 };

	snprintf(path, len, "%s/%s.pdf", tmpdir, name);
	if (letter_render(doc, NULL, path, rep, &err) != 0)
		fail_msg("render %s: %s", name, err.msg);
}

static bool
same_line(const struct letter_layout_line *a, const struct letter_layout_line *b)
{
	return a->page == b->page && a->y == b->y;
}

/* s without its spaces (a justified line reads back with spaces where
 * its gaps were widened); caller frees. */
static char *
unspaced(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	for (; *s; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Each drawn line appears, whole, as a line of pdftotext -layout output
 * (spaces aside), in the order drawn.  Runs on one baseline (a form
 * choice's options) make one printed line. */
static void
assert_text_in_order(const char *pdf, const struct letter_layout_report *rep)
{
	char *raw = run("pdftotext -layout '%s' - 2>/dev/null", pdf);
	char *text = unspaced(raw);
	const char *at = text;

	for (size_t i = 0; i < rep->n_lines; i++) {
		const struct letter_layout_line *l = &rep->lines[i];
		char *want = unspaced(l->text);
		const char *hit = strstr(at, want);

		if (hit == NULL)
			fail_msg("line %zu \"%s\" missing (or out of order) in:\n%s",
			         i, l->text, raw);
		if ((i == 0 || !same_line(&rep->lines[i - 1], l)) && hit > text &&
		    hit[-1] != '\n' && hit[-1] != '\f')
			fail_msg("line \"%s\" does not start a line", l->text);
		at = hit + strlen(want);
		if (l->block >= 0 && (i + 1 == rep->n_lines || !same_line(l, &rep->lines[i + 1])) &&
		    *at != '\n')
			fail_msg("line \"%s\" continues in the PDF", l->text);
		free(want);
	}
	free(text);
	free(raw);
}

static void
assert_within_block(const struct letter_layout_report *rep)
{
	for (size_t i = 0; i < rep->n_lines; i++) {
		const struct letter_layout_line *l = &rep->lines[i];

		if (l->block < 0) {
			/* Page numbers: under the block, odd right, even left. */
			assert_true(l->y < rep->block_bottom);
			if (l->page % 2)
				assert_true(l->x > (rep->block_left + rep->block_right) / 2);
			else
				assert_true(l->x + l->width < (rep->block_left + rep->block_right) / 2);
			continue;
		}
		if (l->x < rep->block_left - EPS || l->x + l->width > rep->block_right + EPS ||
		    l->y - 0.12 * l->size < rep->block_bottom - EPS ||
		    l->y + 0.88 * l->size > rep->block_top + EPS)
			fail_msg("line \"%s\" at (%.2f, %.2f) width %.2f leaves the block",
			         l->text, l->x, l->y, l->width);
	}
}

static const struct letter_layout_line *
find_line(const struct letter_layout_report *rep, const char *prefix)
{
	for (size_t i = 0; i < rep->n_lines; i++)
		if (strncmp(rep->lines[i].text, prefix, strlen(prefix)) == 0)
			return &rep->lines[i];
	fail_msg("no line starts with \"%s\"", prefix);
	return NULL;
}

/* Poppler reads every font's ToUnicode CMap without a word on stderr
 * (libharu's own made it warn "Invalid 'begincidrange' operator"). */
static void
assert_poppler_quiet(const char *pdf)
{
	char *out = run("pdffonts '%s' 2>&1 >/dev/null; "
	                "pdftotext '%s' /dev/null 2>&1", pdf, pdf);

	if (out[0] != '\0')
		fail_msg("poppler on %s: %s", pdf, out);
	free(out);
}

static void
test_render_reply(void **state)
{
	struct letter_layout_report rep;
	const struct letter_layout_line *l, *l2;
	double pitch, mid;
	char path[256], *out;

	(void)state;
	render_file(&reply, "reply", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 1);
	assert_poppler_quiet(path);
	assert_text_in_order(path, &rep);
	assert_within_block(&rep);
	/* Geometry of GB/T 9704. */
	assert_true(rep.block_left > 79.3 && rep.block_left < 79.4);          /* 28 mm */
	assert_true(rep.block_right - rep.block_left > 442.1 &&
	            rep.block_right - rep.block_left < 442.3);                /* 156 mm */
	assert_true(841.89 - rep.block_top > 104.8 && 841.89 - rep.block_top < 104.9);
	pitch = (rep.block_right - rep.block_left - 16) / 27;
	mid = (rep.block_left + rep.block_right) / 2;
	l = find_line(&rep, "政府信息公开申请答复书");
	assert_true(l->size == 22);
	assert_true(l->x + l->width / 2 > mid - EPS && l->x + l->width / 2 < mid + EPS);
	l2 = find_line(&rep, "通人社依申");
	assert_true(l2->y < l->y && l2->size == 16);
	assert_true(l2->x + l2->width / 2 > mid - EPS && l2->x + l2->width / 2 < mid + EPS);
	l = find_line(&rep, "王䶮：");
	assert_true(l->x > rep.block_left - EPS && l->x < rep.block_left + EPS);
	l = find_line(&rep, "本机关于");
	assert_true(l->x > rep.block_left + 2 * pitch - EPS &&
	            l->x < rep.block_left + 2 * pitch + EPS);
	l = find_line(&rep, "2026年11月27日");
	assert_true(l->x + l->width > rep.block_right - 4 * pitch - EPS &&
	            l->x + l->width < rep.block_right - 4 * pitch + EPS);
	l2 = find_line(&rep, "某某市人力资源和社会保障局");
	assert_true(l2->y > l->y);
	assert_true(l2->x + l2->width <= rep.block_right + EPS &&
	            l2->x > mid);
	/* Attachment names continue under their first character; the second
	 * number sits under the first. */
	l = find_line(&rep, "附件：1.政府");
	l2 = find_line(&rep, "2.某某市");
	assert_true(l2->x > l->x + 3 * pitch - EPS && l2->x < l->x + 3 * pitch + EPS);
	for (size_t i = 0; i + 1 < rep.n_lines; i++)
		if (&rep.lines[i] == l2) {
			const struct letter_layout_line *c = &rep.lines[i + 1];

			assert_int_equal(c->block, l2->block);
			assert_true(c->x > l2->x + EPS && c->x < l2->x + pitch);
		}
	/* Metadata. */
	out = run("pdfinfo '%s' 2>/dev/null", path);
	assert_non_null(strstr(out, "Title:           政府信息公开申请答复书"));
	assert_non_null(strstr(out, "Author:          某某市人力资源和社会保障局"));
	assert_non_null(strstr(out, "CreationDate:"));
	assert_non_null(strstr(out, "Pages:           1"));
	free(out);
	letter_layout_report_free(&rep);
}

/* pdffonts: every font embedded as a subset (tag+ name, emb yes, sub yes). */
static char *
fonts_of(const char *path)
{
	char *out = run("pdffonts '%s' 2>/dev/null", path);
	char *line = strchr(out, '\n');

	assert_non_null(line);
	line = strchr(line + 1, '\n');          /* skip the header rule */
	assert_non_null(line);
	for (line++; *line != '\0'; line = strchr(line, '\n') + 1) {
		char name[128], type[32], type2[32], enc[32], emb[8], sub[8];

		if (sscanf(line, "%127s %31s %31s %31s %7s %7s", name, type, type2,
		           enc, emb, sub) != 6)
			fail_msg("pdffonts line: %s", line);
		assert_string_equal(type, "CID");
		assert_string_equal(type2, "TrueType");
		assert_string_equal(emb, "yes");
		assert_string_equal(sub, "yes");
		assert_true(strlen(name) > 7 && name[6] == '+');
		if (strchr(line, '\n') == NULL)
			break;
	}
	return out;
}

static void
test_render_fonts(void **state)
{
	static struct letter_block plain[] = { B(PARAGRAPH, "王䶮同志：你好。") };
	static struct letter_block rare[] = {
		B(PARAGRAPH, "申请人叕字同志：你好。"),
		B(HEADING, "一、答复"),
	};
	struct letter_doc d1 = { NULL, NULL, NULL, plain, 1 };
	struct letter_doc d2 = { NULL, NULL, NULL, rare, 2 };
	struct letter_layout_report rep;
	char path[256], *out, *text;

	(void)state;
	/* U+4DAE 䶮 is in AR PL UMing itself: no fallback font. */
	render_file(&d1, "plain", path, sizeof(path), &rep);
	out = fonts_of(path);
	assert_non_null(strstr(out, "+UMingCN"));
	assert_null(strstr(out, "WenQuanYi"));
	assert_null(strstr(out, "UKai"));
	free(out);
	text = run("pdftotext '%s' - 2>/dev/null", path);
	assert_non_null(strstr(text, "王䶮同志：你好。"));
	free(text);
	letter_layout_report_free(&rep);

	/* U+53D5 叕 is not in UMing: WenQuanYi Micro Hei draws it, and the
	 * heading comes in Kai. */
	render_file(&d2, "rare", path, sizeof(path), &rep);
	out = fonts_of(path);
	assert_non_null(strstr(out, "+UMingCN"));
	assert_non_null(strstr(out, "+WenQuanYiMicroHei"));
	assert_non_null(strstr(out, "+UKaiCN"));
	free(out);
	assert_poppler_quiet(path);
	text = run("pdftotext '%s' - 2>/dev/null", path);
	assert_non_null(strstr(text, "申请人叕字同志：你好。"));
	assert_non_null(strstr(text, "一、答复"));
	free(text);
	letter_layout_report_free(&rep);
}

struct missing_case {
	const char *text;
	const char *names[2];
};

static const struct missing_case MISSING[] = {
	{ "申请人\xEE\x80\x80同志", { "U+E000", "\xEE\x80\x80" } },
	{ "笑脸😀", { "U+1F600", "😀" } },
	{ "北\xEF\xBF\xBE京", { "U+FFFE", "\xEF\xBF\xBE" } },
};

static void
test_render_missing_glyph(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(MISSING) / sizeof(MISSING[0]); i++) {
		struct letter_block b = B(PARAGRAPH, MISSING[i].text);
		struct letter_doc doc = { NULL, NULL, NULL, &b, 1 };
		struct letter_layout_report rep;
		struct ogi_error err = { 0 };
		unsigned char *pdf = NULL;
		size_t len;

		assert_int_equal(letter_render_mem(&doc, NULL, NULL, &pdf, &len, &rep,
		                                   &err), -1);
		assert_null(pdf);
		assert_int_equal(rep.n_lines, 0);
		for (int k = 0; k < 2; k++)
			if (strstr(err.msg, MISSING[i].names[k]) == NULL)
				fail_msg("error \"%s\" does not name %s", err.msg,
				         MISSING[i].names[k]);
	}
}

static void
test_render_ten_pages(void **state)
{
	/* 26 characters: one indented line each, 22 lines a page. */
	static const char line26[] = "一二三四五六七八九十一二三四五六七八九十一二三四五六";
	struct letter_block *blocks = calloc(220, sizeof(*blocks));
	struct letter_doc doc = { NULL, NULL, NULL, blocks, 220 };
	struct letter_layout_report rep;
	char path[256], *text;
	int per_page[12] = { 0 };

	(void)state;
	for (int i = 0; i < 220; i++) {
		blocks[i].kind = LETTER_BLOCK_PARAGRAPH;
		blocks[i].text = (char *)line26;
	}
	render_file(&doc, "ten", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 10);
	for (size_t i = 0; i < rep.n_lines; i++)
		if (rep.lines[i].block >= 0)
			per_page[rep.lines[i].page]++;
	for (int p = 1; p <= 10; p++)
		assert_int_equal(per_page[p], 22);
	assert_within_block(&rep);
	text = run("pdftotext -layout '%s' - 2>/dev/null", path);
	for (int p = 1; p <= 10; p++) {
		char folio[32];

		snprintf(folio, sizeof(folio), "— %d —", p);
		assert_non_null(strstr(text, folio));
	}
	assert_null(strstr(text, "— 11 —"));
	free(text);
	assert_text_in_order(path, &rep);
	letter_layout_report_free(&rep);
	free(blocks);
}

static void
test_render_form_and_breaks(void **state)
{
	static struct letter_block blocks[] = {
		B(TITLE, "政府信息公开申请表"),
		{ LETTER_BLOCK_FORM_FIELD, (char *)"姓名", NULL, 0, 1 },
		{ LETTER_BLOCK_FORM_FIELD, (char *)"所需信息的内容描述", NULL, 0, 5 },
		{ LETTER_BLOCK_FORM_CHOICE, (char *)"获取信息的方式", choice_items, 3, 0 },
		B(PAGE_BREAK, NULL),
		B(PARAGRAPH, "填表说明。"),
	};
	struct letter_doc doc = { NULL, NULL, NULL, blocks, 6 };
	struct letter_layout_report rep;
	const struct letter_layout_line *name, *desc, *choice;
	double pitch = 225.0 / 22 * 72 / 25.4;
	char path[256];

	(void)state;
	render_file(&doc, "form", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 2);
	assert_within_block(&rep);
	assert_text_in_order(path, &rep);
	/* Label, its box (one line), the next label after it. */
	name = find_line(&rep, "姓名");
	desc = find_line(&rep, "所需信息的内容描述");
	choice = find_line(&rep, "获取信息的方式");
	assert_true(name->y - desc->y > 2 * pitch - EPS && name->y - desc->y < 2 * pitch + EPS);
	assert_true(desc->y - choice->y > 6 * pitch - EPS && desc->y - choice->y < 6 * pitch + EPS);
	assert_int_equal(find_line(&rep, "自行领取")->page, 1);
	assert_true(find_line(&rep, "自行领取")->y == choice->y);
	assert_true(find_line(&rep, "自行领取")->x > choice->x + choice->width);
	assert_int_equal(find_line(&rep, "填表说明。")->page, 2);
	letter_layout_report_free(&rep);
}

/* ---- justification ------------------------------------------------------ */

struct justify_case {
	const char *what;
	enum letter_block_kind kind;
	const char *text;
	const char *whole[3];   /* Latin runs that must stay on one line, solid */
	int lines;              /* lines the text takes */
};

static const struct justify_case JUSTIFY[] = {
	{ "an e-mail address, a case number and a telephone number",
	  LETTER_BLOCK_PARAGRAPH,
	  "该信息已在本机关门户网站公开，登记号2026-000123，如有疑问请发送邮件至"
	  "xxgk@example.gov.cn或者致电0475-8888888，本机关将在十五个工作日内答复"
	  "（节假日顺延）。",
	  { "2026-000123", "xxgk@example.gov.cn", "0475-8888888" }, 4 },
	{ "a URL moved whole to the next line leaves a short line, stretched",
	  LETTER_BLOCK_PARAGRAPH,
	  "该信息已在本机关门户网站https://www.example.gov.cn/xxgk/2025/index.html"
	  "公开。",
	  { "https://www.example.gov.cn/xxgk/2025/index.html" }, 2 },
	{ "a comma that would start a line pulls the character before it down",
	  LETTER_BLOCK_PARAGRAPH,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六，七八九十一二三四五"
	  "六七八九十一二三四五六七八九十一二三四五六七八。",
	  { NULL }, 3 },
	{ "an opening bracket that would end a line goes down with what follows",
	  LETTER_BLOCK_PARAGRAPH,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五（六七）八九十一二三四"
	  "五六七八九十一二三四五六七八九十一二三四五六七八。",
	  { NULL }, 3 },
	{ "a list item: continuation lines under the text, flush right too",
	  LETTER_BLOCK_LIST_ITEM,
	  "1. 申请人身份证明：请提供申请人居民身份证复印件，或者通过电子邮件"
	  "ogi@example.gov.cn发送清晰的扫描件、照片，并注明登记号2026-000017。",
	  { "ogi@example.gov.cn", "2026-000017" }, 3 },
};

/* Code point index of byte offset `off` of UTF-8 s. */
static size_t
cp_index(const char *s, size_t off)
{
	size_t n = 0;

	for (size_t i = 0; i < off; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The right end of each printed line of page 1, top to bottom, as poppler
 * measures the PDF (pdftotext -bbox: words, grouped by their top). */
static size_t
pdf_line_ends(const char *pdf, double *ends, size_t max)
{
	char *out = run("pdftotext -bbox -f 1 -l 1 '%s' - 2>/dev/null", pdf);
	double last_top = -1;
	size_t n = 0;

	for (const char *w = strstr(out, "<word "); w; w = strstr(w + 1, "<word ")) {
		double x0, y0, x1;

		assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\"",
		                        &x0, &y0, &x1), 3);
		if (n == 0 || y0 > last_top + 1) {
			assert_true(n < max);
			ends[n++] = x1;
			last_top = y0;
		} else if (x1 > ends[n - 1]) {
			ends[n - 1] = x1;
		}
	}
	free(out);
	return n;
}

static void
test_render_justified(void **state)
{
	double pitch = (156.0 * 72 / 25.4 - 16) / 27, cs = pitch - 16;

	(void)state;
	for (size_t c = 0; c < G_N_ELEMENTS(JUSTIFY); c++) {
		const struct justify_case *jc = &JUSTIFY[c];
		struct letter_block blocks[] = {
			{ jc->kind, (char *)jc->text, NULL, 0, 0 },
		};
		struct letter_doc doc = { NULL, NULL, NULL, blocks, 1 };
		struct letter_layout_report rep;
		GString *joined = g_string_new(NULL);
		double ends[32];
		size_t n_body = 0, n_ends;
		char path[256], name[32];

		snprintf(name, sizeof(name), "justify-%zu", c);
		render_file(&doc, name, path, sizeof(path), &rep);
		assert_within_block(&rep);
		n_ends = pdf_line_ends(path, ends, G_N_ELEMENTS(ends));
		for (size_t i = 0; i < rep.n_lines; i++) {
			const struct letter_layout_line *l = &rep.lines[i];
			double end = l->glyph_x[l->n_glyphs - 1] + l->glyph_w[l->n_glyphs - 1];
			uint32_t *cps;
			size_t n;
			struct ogi_error err = { 0 };

			if (l->block < 0)
				continue;
			assert_true(i < n_ends);
			n_body++;
			g_string_append(joined, l->text);
			assert_int_equal(letter_utf8_decode(l->text, &cps, &n, &err), 0);
			assert_int_equal(n, l->n_glyphs);
			if (letter_lb_no_start(cps[0]) && i > 0)
				fail_msg("%s: line %zu starts with closing punctuation: %s",
				         jc->what, i, l->text);
			if (letter_lb_no_end(cps[n - 1]))
				fail_msg("%s: line %zu ends with opening punctuation: %s",
				         jc->what, i, l->text);
			free(cps);
			if (i + 1 < rep.n_lines && rep.lines[i + 1].block >= 0) {
				/* A full line: flush with the right edge, in the
				 * layout and in the PDF as poppler reads it. */
				if (end < rep.block_right - EPS || end > rep.block_right + EPS ||
				    ends[i] < rep.block_right - EPS || ends[i] > rep.block_right + EPS)
					fail_msg("%s: line %zu \"%s\" ends at %.3f (PDF %.3f), "
					         "not at the margin %.3f", jc->what, i, l->text,
					         end, ends[i], rep.block_right);
			} else {
				/* The paragraph's last line is set solid. */
				for (size_t g = 1; g < l->n_glyphs; g++)
					assert_true(fabs(l->glyph_x[g] - l->glyph_x[g - 1] -
					                 l->glyph_w[g - 1] - cs) < 1e-6);
				assert_true(end < rep.block_right - pitch);
				assert_true(fabs(ends[i] - end) < EPS);
			}
		}
		assert_int_equal(n_body, jc->lines);
		assert_string_equal(joined->str, jc->text);
		/* Each Latin run on one line, its characters at their own
		 * widths: only the gaps around it stretch. */
		for (size_t k = 0; k < G_N_ELEMENTS(jc->whole) && jc->whole[k]; k++) {
			const struct letter_layout_line *on = NULL;
			size_t at = 0, len;

			for (size_t i = 0; i < rep.n_lines && on == NULL; i++) {
				const char *hit = strstr(rep.lines[i].text, jc->whole[k]);

				if (hit != NULL) {
					on = &rep.lines[i];
					at = cp_index(on->text, (size_t)(hit - on->text));
				}
			}
			if (on == NULL)
				fail_msg("%s: \"%s\" split across lines", jc->what, jc->whole[k]);
			len = cp_index(jc->whole[k], strlen(jc->whole[k]));
			for (size_t g = at + 1; g < at + len; g++)
				if (fabs(on->glyph_x[g] - on->glyph_x[g - 1] -
				         on->glyph_w[g - 1] - cs) > 1e-6)
					fail_msg("%s: \"%s\" stretched inside", jc->what,
					         jc->whole[k]);
		}
		g_string_free(joined, TRUE);
		letter_layout_report_free(&rep);
	}
}

/* ---- the seal ------------------------------------------------------------ */

/* A 16 x 16 RGBA PNG: a red ring on a transparent ground. */
static const unsigned char SEAL_PNG[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0xf3, 0xff, 0x61, 0x00, 0x00, 0x00,
	0x4b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xff, 0xff, 0x3f,
	0x03, 0x25, 0x18, 0x43, 0xe0, 0x84, 0x88, 0xc8, 0x33, 0x7c, 0x18, 0xaf,
	0x01, 0xb8, 0x14, 0xe1, 0x93, 0x27, 0x5a, 0x33, 0x2e, 0x75, 0x24, 0x69,
	0xc6, 0x66, 0x08, 0x5c, 0x80, 0xd4, 0xc0, 0x23, 0xca, 0x00, 0x7c, 0x2e,
	0x23, 0x68, 0x00, 0xa1, 0xd0, 0xa7, 0xbd, 0x01, 0x14, 0x7b, 0x81, 0xe4,
	0x40, 0xa4, 0x28, 0x1a, 0x29, 0x4e, 0x48, 0x54, 0x49, 0xca, 0x54, 0xc9,
	0x4c, 0xe4, 0x60, 0x00, 0x84, 0x03, 0xb3, 0x5f, 0x4a, 0x13, 0x47, 0xe4,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

struct seal_case {
	const char *what;
	const unsigned char *data;  /* the file's bytes; NULL: no file */
	size_t len;
	const char *error;          /* NULL: renders with the seal */
};

static const struct seal_case SEALS[] = {
	{ "a PNG seal is drawn over the date", SEAL_PNG, sizeof(SEAL_PNG), NULL },
	{ "a missing file is an error", NULL, 0, "No such file or directory" },
	{ "an empty file is no PNG", SEAL_PNG, 0, "not a readable PNG file" },
	{ "a text file is no PNG", (const unsigned char *)"seal\n", 5,
	  "not a readable PNG file" },
	{ "a PNG cut short is an error", SEAL_PNG, 60, "damaged PNG file" },
};

static void
test_render_seal(void **state)
{
	(void)state;
	for (size_t c = 0; c < G_N_ELEMENTS(SEALS); c++) {
		const struct seal_case *sc = &SEALS[c];
		struct letter_doc doc = reply;
		struct letter_layout_report rep;
		struct ogi_error err = { 0 };
		const struct letter_layout_line *date, *office;
		char png[256], pdf[256], *out;
		double mm42 = 42 * 72 / 25.4, cx, cy;
		int rc;

		snprintf(png, sizeof(png), "%s/seal-%zu.png", tmpdir, c);
		snprintf(pdf, sizeof(pdf), "%s/seal-%zu.pdf", tmpdir, c);
		if (sc->data != NULL) {
			FILE *f = fopen(png, "wb");

			assert_non_null(f);
			assert_int_equal(fwrite(sc->data, 1, sc->len, f), sc->len);
			assert_int_equal(fclose(f), 0);
		}
		doc.seal_png = png;
		rc = letter_render(&doc, NULL, pdf, &rep, &err);
		if (sc->error != NULL) {
			if (rc == 0)
				fail_msg("%s: rendered", sc->what);
			if (strstr(err.msg, png) == NULL || strstr(err.msg, sc->error) == NULL)
				fail_msg("%s: error \"%s\" should name %s and say \"%s\"",
				         sc->what, err.msg, png, sc->error);
			assert_int_equal(access(pdf, F_OK), -1);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", sc->what, err.msg);
		/* 42 mm across, centred across the date, office and date in
		 * its lower half. */
		date = find_line(&rep, "2026年11月27日");
		office = find_line(&rep, "某某市人力资源和社会保障局");
		assert_int_equal(rep.seal_page, date->page);
		assert_true(fabs(rep.seal_size - mm42) < EPS);
		cx = rep.seal_x + rep.seal_size / 2;
		cy = rep.seal_y + rep.seal_size / 2;
		assert_true(fabs(cx - (date->x + date->width / 2)) < EPS);
		assert_true(date->y + 0.88 * date->size > rep.seal_y);
		assert_true(office->y + 0.38 * office->size < cy);
		assert_true(date->y + 0.38 * date->size < cy);
		/* In the PDF: one image (with its alpha as a soft mask), drawn
		 * after the last text object, and qpdf finds nothing wrong. */
		out = run("pdfimages -list '%s' 2>/dev/null | awk 'NR > 2 { print $3, $4, $5 }'",
		          pdf);
		assert_string_equal(out, "image 16 16\nsmask 16 16\n");
		free(out);
		out = run("qpdf --qdf --object-streams=disable '%s' - | "
		          "grep -a -E '^ET$| Do$' | tail -n 1", pdf);
		assert_non_null(strstr(out, " Do"));
		free(out);
		out = run("qpdf --check '%s'", pdf);
		assert_non_null(strstr(out, "No syntax or stream encoding errors"));
		free(out);
		letter_layout_report_free(&rep);
	}
}

static void
test_render_size(void **state)
{
	struct letter_layout_report rep;
	struct ogi_error err = { 0 };
	unsigned char *pdf;
	size_t len;
	struct letter_render_options opts = { 0, 1795000000 };

	(void)state;
	assert_int_equal(letter_render_mem(&reply, NULL, &opts, &pdf, &len, &rep,
	                                   &err), 0);
	assert_int_equal(rep.n_pages, 1);
	if (len >= 60 * 1024)
		fail_msg("one-page letter is %zu bytes", len);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	letter_layout_report_free(&rep);
}

/* A letter's PDF is on disk, under its name, before letter_render returns:
 * the registry's commit that names it comes next, and for a reply kept for
 * pickup it is the only copy. */
static void
test_render_synced(void **state)
{
	char path[256], tmp_prefix[264];
	bool file = false, dir = false;

	(void)state;
	n_synced = 0;
	render_file(&reply, "synced", path, sizeof(path), NULL);
	snprintf(tmp_prefix, sizeof(tmp_prefix), "%s.", path);
	for (size_t i = 0; i < n_synced; i++) {
		file |= strncmp(synced[i], tmp_prefix, strlen(tmp_prefix)) == 0;
		dir |= strcmp(synced[i], tmpdir) == 0;
	}
	if (!file || !dir)
		fail_msg("synced: the file before its rename %s, its directory %s",
		         file ? "yes" : "no", dir ? "yes" : "no");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linebreak_cases),
		cmocka_unit_test(test_linebreak_classes),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_ttf_subset),
		cmocka_unit_test(test_ttf_crafted_composites),
		cmocka_unit_test(test_ttf_crafted_nesting),
		cmocka_unit_test(test_ttf_crafted_work),
		cmocka_unit_test(test_ttf_crafted_loca),
		cmocka_unit_test(test_ttf_crafted_cmap),
		cmocka_unit_test(test_ttf_crafted_cmap_work),
		cmocka_unit_test(test_ttf_crafted_headers),
		cmocka_unit_test(test_tounicode_cmap),
		cmocka_unit_test(test_tounicode_blocks),
		cmocka_unit_test(test_render_reply),
		cmocka_unit_test(test_render_fonts),
		cmocka_unit_test(test_render_missing_glyph),
		cmocka_unit_test(test_render_ten_pages),
		cmocka_unit_test(test_render_form_and_breaks),
		cmocka_unit_test(test_render_justified),
		cmocka_unit_test(test_render_seal),
		cmocka_unit_test(test_render_size),
		cmocka_unit_test(test_render_synced),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
