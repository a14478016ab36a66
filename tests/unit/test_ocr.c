/* OCR: decoding, preprocessing and recognition of fax pages.
 *
 * Pages are made at test time by tests/ocr/make-page.py (Python with PIL,
 * the WenQuanYi font): the office form, filled, as a fax sends it.  Few
 * pages are recognised (each takes about a second, more under ASan); the
 * geometry cases run decoding and preprocessing only (ocr_prepare_image).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "mime/pages.h"
#include "ocr/ocr-private.h"
#include "tmpdir-fixture.h"

static const char *python;

/* Runs the page generator: OUT in tmpdir_fixture, ARGS its options. */
static char *
make_page(const char *name, const char *args)
{
	char *path = g_strdup_printf("%s/%s", tmpdir_fixture, name);
	char *cmd;

	if (access(path, R_OK) == 0)
		return path;
	cmd = g_strdup_printf("%s %s/tests/ocr/make-page.py %s %s", python,
	                      OGI_SRCDIR, path, args);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	return path;
}

static void
read_file(const char *path, char **data_r, size_t *len_r)
{
	gsize len;

	assert_true(g_file_get_contents(path, data_r, &len, NULL));
	*len_r = len;
}

/* The page's text without the spaces Tesseract puts between words. */
static char *
joined(const char *text)
{
	char *s = g_strdup(text), *o = s;

	for (const char *p = text; *p != '\0'; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	return s;
}

static void
assert_png(const struct ocr_page *p)
{
	png_image img;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&img, p->png, p->png_len));
	assert_int_equal(img.width, p->width);
	assert_int_equal(img.height, p->height);
	png_image_free(&img);
}

static void
assert_words_sane(const struct ocr_page *p)
{
	unsigned last_line = 0;

	assert_true(p->n_words > 20);
	assert_in_range(p->mean_conf, 1, 100);
	for (size_t i = 0; i < p->n_words; i++) {
		const struct ocr_word *w = &p->words[i];

		assert_true(w->text[0] != '\0');
		assert_in_range(w->conf, 0, 100);
		assert_true(0 <= w->x0 && w->x0 <= w->x1 && w->x1 <= (int)p->width);
		assert_true(0 <= w->y0 && w->y0 <= w->y1 && w->y1 <= (int)p->height);
		assert_true(w->line >= last_line);   /* reading order */
		last_line = w->line;
	}
}

/* ---- decoding and preprocessing ---------------------------------------- */

struct prep_case {
	const char *what;
	const char *file, *args;
	unsigned pages, max_pages;
	unsigned width, height;          /* of the prepared page */
	unsigned src_yres;
	double skew;                     /* expected, within 0.3 degree */
	const char *problem;             /* substring of problems[0], or NULL */
};

static const struct prep_case prep_cases[] = {
	{ "fine G4", "fine.tif", "", 1, 0, 1728, 2292, 196, 0, NULL },
	{ "normal G4 stretched to square pixels", "normal.tif", "--res normal",
	  1, 0, 1728, 2386, 98, 0, NULL },
	{ "G3 multipage", "g3.tif", "--format tiffg3 --pages 2", 2, 0, 1728, 2292,
	  196, 0, NULL },
	{ "skewed 1 degree with noise", "skew1.tif", "--skew 1 --noise", 1, 0,
	  1728, 2292, 196, 1.0, NULL },
	{ "skewed -2.5 degrees, normal", "skew2.tif", "--skew -2.5 --res normal",
	  1, 0, 1728, 2386, 98, -2.5, NULL },
	{ "PNG", "fine.png", "--format png", 1, 0, 1728, 2292, 196, 0, NULL },
	{ "JPEG", "fine.jpg", "--format jpeg", 1, 0, 1728, 2292, 196, 0, NULL },
	{ "pages over max_pages", "three.tif", "--pages 3", 2, 2, 1728, 2292, 196,
	  0, "pages 3 to 3: over the limit of 2 pages" },
};

static void
test_prepare(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof prep_cases / sizeof prep_cases[0]; i++) {
		const struct prep_case *c = &prep_cases[i];
		char *path = make_page(c->file, c->args), *data;
		struct ocr_options opt = { .max_pages = c->max_pages, .workers = 2 };
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		size_t len;

		print_message("%s\n", c->what);
		read_file(path, &data, &len);
		assert_int_equal(ocr_prepare_image(data, len, &opt, &doc, &err), 0);
		assert_int_equal(doc->n_pages, c->pages);
		for (size_t k = 0; k < doc->n_pages; k++) {
			const struct ocr_page *p = &doc->pages[k];

			assert_int_equal(p->number, k + 1);
			assert_int_equal(p->width, c->width);
			assert_int_equal(p->height, c->height);
			assert_int_equal(p->src_xres, 204);
			assert_int_equal(p->src_yres, c->src_yres);
			assert_true(fabs(p->skew_deg - c->skew) <= 0.3);
			assert_string_equal(p->text, "");
			assert_int_equal(p->n_words, 0);
			assert_int_equal(p->signature, OCR_MARK_UNKNOWN);
			assert_png(p);
		}
		if (c->problem != NULL) {
			assert_int_equal(doc->n_problems, 1);
			assert_non_null(strstr(doc->problems[0], c->problem));
		} else {
			assert_int_equal(doc->n_problems, 0);
		}
		ocr_document_free(doc);
		g_free(data);
		g_free(path);
	}
}

/* ---- hostile and unreadable input -------------------------------------- */

/* A little-endian TIFF whose one page claims w x h pixels of G4 with a
 * 16-byte strip. */
static size_t
tiff_claiming(unsigned char *buf, uint32_t w, uint32_t h)
{
	static const uint16_t tags[][2] = {
		{ 256, 4 }, { 257, 4 }, { 258, 3 }, { 259, 3 }, { 262, 3 },
		{ 273, 4 }, { 278, 4 }, { 279, 4 },
	};
	uint32_t vals[] = { w, h, 1, 4, 0, 8 + 2 + 8 * 12 + 4, h, 16 };
	size_t n = sizeof tags / sizeof tags[0], o = 8;

	memcpy(buf, "II*\0\x08\0\0\0", 8);
	buf[o++] = (unsigned char)n;
	buf[o++] = 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t tag = tags[i][0], type = tags[i][1];
		uint32_t count = 1;

		memcpy(buf + o, &tag, 2);
		memcpy(buf + o + 2, &type, 2);
		memcpy(buf + o + 4, &count, 4);
		memset(buf + o + 8, 0, 4);
		if (type == 3) {
			uint16_t v = (uint16_t)vals[i];

			memcpy(buf + o + 8, &v, 2);
		} else {
			memcpy(buf + o + 8, &vals[i], 4);
		}
		o += 12;
	}
	memset(buf + o, 0, 4 + 16);
	return o + 4 + 16;
}

struct bad_case {
	const char *what;
	enum { BAD_BOMB, BAD_GARBAGE, BAD_HEIC, BAD_TRUNCATED, BAD_EMPTY } kind;
	const char *error;     /* substring of err.msg */
};

static const struct bad_case bad_cases[] = {
	{ "TIFF header claiming 100000 x 100000", BAD_BOMB, "over the limit" },
	{ "garbage bytes", BAD_GARBAGE, "not an image OCR reads" },
	{ "HEIC photo cut after its ftyp box", BAD_HEIC, "page 1: unreadable" },
	{ "truncated G4 TIFF", BAD_TRUNCATED, "OCR:" },
	{ "no bytes", BAD_EMPTY, "empty" },
};

static void
test_bad_input(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		unsigned char buf[4096];
		char *data = NULL, *path;
		size_t len = 0;
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };

		print_message("%s\n", c->what);
		switch (c->kind) {
		case BAD_BOMB:
			len = tiff_claiming(buf, 100000, 100000);
			break;
		case BAD_GARBAGE:
			for (len = 0; len < sizeof buf; len++)
				buf[len] = (unsigned char)(len * 7919 >> 3);
			break;
		case BAD_HEIC:
			memcpy(buf, "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24);
			len = 24;
			break;
		case BAD_TRUNCATED:
			path = make_page("fine.tif", "");
			read_file(path, &data, &len);
			len = len / 3;
			memcpy(buf, data, len < sizeof buf ? len : sizeof buf);
			len = len < sizeof buf ? len : sizeof buf;
			g_free(data);
			g_free(path);
			break;
		case BAD_EMPTY:
			len = 0;
			break;
		}
		assert_int_equal(ocr_read_image(buf, len, NULL, &doc, &err), -1);
		assert_null(doc);
		assert_non_null(strstr(err.msg, c->error));
	}
}

/* ---- the page as Tesseract reads it -------------------------------------- */

/* A 1 bpp page: a stroke one pixel wide down x = 20 (y 4 to 35), a blot
 * 3 x 3 at (6..8, 6..8); the grey expected at a pixel, as a range. */
struct halo_case {
	const char *what;
	int x, y;
	unsigned lo, hi;
};

static const struct halo_case halo_cases[] = {
	{ "the stroke stays black", 20, 20, 0, 0 },
	{ "the blot stays black", 7, 7, 0, 0 },
	{ "beside the stroke: grey, light enough to threshold as paper", 21, 20, 129, 254 },
	{ "the other side too", 19, 20, 129, 254 },
	{ "two pixels off: lighter still", 22, 20, 200, 254 },
	{ "three pixels off: paper", 23, 20, 255, 255 },
	{ "a corner far from ink: paper", 39, 39, 255, 255 },
	{ "the page's edge: paper, not the frame a convolution can leave", 0, 39, 255, 255 },
};

static void
test_page_halo(void **state)
{
	PIX *pix = pixCreate(40, 40, 1), *halo;

	(void)state;
	assert_non_null(pix);
	for (int y = 4; y <= 35; y++)
		pixSetPixel(pix, 20, y, 1);
	for (int y = 6; y <= 8; y++)
		for (int x = 6; x <= 8; x++)
			pixSetPixel(pix, x, y, 1);
	halo = ocr_page_halo(pix);
	assert_non_null(halo);
	assert_int_equal(pixGetDepth(halo), 8);
	assert_int_equal(pixGetWidth(halo), 40);
	assert_int_equal(pixGetHeight(halo), 40);
	for (size_t i = 0; i < sizeof halo_cases / sizeof halo_cases[0]; i++) {
		const struct halo_case *c = &halo_cases[i];
		l_uint32 v = 0;

		print_message("%s\n", c->what);
		assert_int_equal(pixGetPixel(halo, c->x, c->y, &v), 0);
		assert_in_range(v, c->lo, c->hi);
	}
	pixDestroy(&halo);
	pixDestroy(&pix);
}

/* ---- ink on drawn bitmaps ----------------------------------------------- */

#define CANVAS_W 800
#define CANVAS_H 400
#define EM 40                    /* the words' height: h */

struct canvas {
	unsigned char bits[CANVAS_H][CANVAS_W / 8];
	struct ocr_component comps[512];
	size_t n_comps;
};

static void
dot(struct canvas *cv, int x, int y, int r)
{
	for (int dy = -r; dy <= r; dy++)
		for (int dx = -r; dx <= r; dx++)
			if (x + dx >= 0 && x + dx < CANVAS_W && y + dy >= 0 && y + dy < CANVAS_H)
				cv->bits[y + dy][(x + dx) / 8] |= (unsigned char)(0x80 >> ((x + dx) % 8));
}

static bool
on(const struct canvas *cv, int x, int y)
{
	return x >= 0 && x < CANVAS_W && y >= 0 && y < CANVAS_H &&
	       (cv->bits[y][x / 8] & (0x80 >> (x % 8)));
}

static void
line(struct canvas *cv, double x0, double y0, double x1, double y1, int r)
{
	int steps = (int)(fabs(x1 - x0) + fabs(y1 - y0)) + 1;

	for (int i = 0; i <= steps; i++)
		dot(cv, (int)(x0 + (x1 - x0) * i / steps), (int)(y0 + (y1 - y0) * i / steps), r);
}

static void
frame(struct canvas *cv, int x0, int y0, int x1, int y1)
{
	line(cv, x0, y0, x1, y0, 1);
	line(cv, x0, y1, x1, y1, 1);
	line(cv, x0, y0, x0, y1, 1);
	line(cv, x1, y0, x1, y1, 1);
}

/* 8-connected components, as Leptonica finds them. */
static void
components(struct canvas *cv)
{
	static bool seen[CANVAS_H][CANVAS_W];
	static int stack[CANVAS_W * CANVAS_H][2];

	memset(seen, 0, sizeof seen);
	cv->n_comps = 0;
	for (int y = 0; y < CANVAS_H; y++) {
		for (int x = 0; x < CANVAS_W; x++) {
			struct ocr_component c = { x, y, x + 1, y + 1 };
			size_t top = 0;

			if (!on(cv, x, y) || seen[y][x])
				continue;
			seen[y][x] = true;
			stack[top][0] = x;
			stack[top++][1] = y;
			while (top > 0) {
				int px = stack[--top][0], py = stack[top][1];

				c.x0 = px < c.x0 ? px : c.x0;
				c.y0 = py < c.y0 ? py : c.y0;
				c.x1 = px + 1 > c.x1 ? px + 1 : c.x1;
				c.y1 = py + 1 > c.y1 ? py + 1 : c.y1;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						if (on(cv, px + dx, py + dy) && !seen[py + dy][px + dx]) {
							seen[py + dy][px + dx] = true;
							stack[top][0] = px + dx;
							stack[top++][1] = py + dy;
						}
					}
				}
			}
			assert_true(cv->n_comps < sizeof cv->comps / sizeof cv->comps[0]);
			cv->comps[cv->n_comps++] = c;
		}
	}
}

/* The canvas holds only what a case draws: the words are given, their
 * glyphs need not be there. */
enum box_draw { BOX_EMPTY, BOX_TICK, BOX_DOT, BOX_NOTHING, BOX_OVERSHOOT, BOX_GLYPH,
                BOX_STEPPED, BOX_STEPPED_TICK, BOX_GLYPH_IN_LABEL, BOX_IN_WORD };
enum sign_draw { SIGN_NONE, SIGN_SCRIBBLE, SIGN_SEAL, SIGN_INITIAL_DOT, SIGN_SCRIBBLE_READ,
                 SIGN_TYPED };

struct ink_case {
	const char *what;
	enum box_draw box;
	enum sign_draw sign;
	bool box_found;
	enum ocr_mark box_mark, signature;
};

static const struct ink_case ink_cases[] = {
	{ "empty box, no signature", BOX_EMPTY, SIGN_NONE, true, OCR_MARK_ABSENT, OCR_MARK_ABSENT },
	{ "ticked box, scribble", BOX_TICK, SIGN_SCRIBBLE, true, OCR_MARK_PRESENT, OCR_MARK_PRESENT },
	{ "a dot in the box: uncertain", BOX_DOT, SIGN_NONE, true, OCR_MARK_UNKNOWN, OCR_MARK_ABSENT },
	{ "no box left of the label", BOX_NOTHING, SIGN_SEAL, false, OCR_MARK_UNKNOWN, OCR_MARK_PRESENT },
	{ "tick running out of the box", BOX_OVERSHOOT, SIGN_NONE, true, OCR_MARK_PRESENT, OCR_MARK_ABSENT },
	{ "a box-like glyph with three sides", BOX_GLYPH, SIGN_NONE, false, OCR_MARK_UNKNOWN, OCR_MARK_ABSENT },
	{ "a speck-sized mark is no signature", BOX_EMPTY, SIGN_INITIAL_DOT, true, OCR_MARK_ABSENT, OCR_MARK_ABSENT },
	{ "thin box turned 1 degree, empty", BOX_STEPPED, SIGN_NONE, true, OCR_MARK_ABSENT, OCR_MARK_ABSENT },
	{ "thin box turned 1 degree, ticked past its top", BOX_STEPPED_TICK, SIGN_NONE, true,
	  OCR_MARK_PRESENT, OCR_MARK_ABSENT },
	{ "a box-like glyph starting the label: the box left of it counts", BOX_GLYPH_IN_LABEL,
	  SIGN_NONE, true, OCR_MARK_ABSENT, OCR_MARK_ABSENT },
	{ "a ticked box read with its label, the word starting before the box", BOX_IN_WORD,
	  SIGN_NONE, true, OCR_MARK_PRESENT, OCR_MARK_ABSENT },
	{ "a hand read as one sure character boxed over all of it is still pen", BOX_EMPTY,
	  SIGN_SCRIBBLE_READ, true, OCR_MARK_ABSENT, OCR_MARK_PRESENT },
	{ "a typed name read sure, boxed to its characters, is no pen", BOX_EMPTY,
	  SIGN_TYPED, true, OCR_MARK_ABSENT, OCR_MARK_ABSENT },
};

/* A box of one-pixel strokes as a fax turned 1 degree draws it: each side
 * steps one pixel along its length, no row or column holding 80% of it,
 * and a speck touches the left side from outside. */
static void
stepped_frame(struct canvas *cv, int x0, int y0, int x1, int y1)
{
	int xm = x0 + 26, ym = (y0 + y1) / 2;

	line(cv, x0, y0, xm, y0, 0);
	line(cv, xm + 1, y0 + 1, x1, y0 + 1, 0);
	line(cv, x0, y1, (x0 + x1) / 2, y1, 0);
	line(cv, (x0 + x1) / 2 + 1, y1 - 1, x1, y1 - 1, 0);
	line(cv, x0, y0, x0, y0 + 26, 0);
	line(cv, x0 + 1, y0 + 27, x0 + 1, y1, 0);
	line(cv, x1, y0 + 1, x1, ym, 0);
	line(cv, x1 - 1, ym + 1, x1 - 1, y1 - 1, 0);
	dot(cv, x0 - 1, y0 + 10, 0);
}

static void
test_ink(void **state)
{
	/* Line 0: 载体形式 [box] 纸面; line 1: 申请人签名 ：, the area after. */
	struct ocr_word words[] = {
		{ "载体形式", 95, 0, 40, 100, 200, 100 + EM, -1, false },
		{ "纸面", 95, 0, 260, 100, 340, 100 + EM, -1, false },
		{ "申请人签名", 95, 1, 40, 220, 240, 220 + EM, -1, false },
		{ "：", 90, 1, 240, 220, 260, 220 + EM, -1, false },
		{ "", 0, 1, 0, 0, 0, 0, -1, false },    /* what the area was read as */
	};
	static struct canvas cv;

	(void)state;
	for (size_t i = 0; i < sizeof ink_cases / sizeof ink_cases[0]; i++) {
		const struct ink_case *c = &ink_cases[i];
		struct ocr_word w[sizeof words / sizeof words[0]];
		struct ocr_page page = { .width = CANVAS_W, .height = CANVAS_H,
		                         .words = w, .n_words = 4 };
		const struct ocr_word scribble_read = { "高", 90, 1, 296, 216, 548, 264, -1, false },
		                      typed = { "王建国", 95, 1, 300, 220, 420, 220 + EM, -1, false };
		struct ocr_ink_image img = { .width = CANVAS_W, .height = CANVAS_H,
		                             .stride = CANVAS_W / 8 };
		bool found = false;

		print_message("%s\n", c->what);
		memcpy(w, words, sizeof w);
		memset(&cv, 0, sizeof cv);
		switch (c->box) {     /* the box: 34 px, 0.85 h, left of 纸面 */
		case BOX_EMPTY:
		case BOX_DOT:
			frame(&cv, 216, 103, 250, 137);
			if (c->box == BOX_DOT)
				dot(&cv, 233, 120, 2);
			break;
		case BOX_IN_WORD:     /* 纸面's word boxed from before the box */
			w[1].x0 = 200;
			/* fall through */
		case BOX_TICK:
			frame(&cv, 216, 103, 250, 137);
			line(&cv, 221, 120, 230, 132, 2);
			line(&cv, 230, 132, 246, 108, 2);
			break;
		case BOX_OVERSHOOT:
			frame(&cv, 216, 103, 250, 137);
			line(&cv, 222, 122, 231, 134, 2);
			line(&cv, 231, 134, 262, 88, 2);
			break;
		case BOX_GLYPH:       /* 凵: no top stroke */
			line(&cv, 216, 103, 216, 137, 1);
			line(&cv, 250, 103, 250, 137, 1);
			line(&cv, 216, 137, 250, 137, 1);
			dot(&cv, 233, 115, 3);
			break;
		case BOX_STEPPED:
		case BOX_STEPPED_TICK:
			stepped_frame(&cv, 216, 103, 250, 137);
			if (c->box == BOX_STEPPED_TICK) {
				line(&cv, 222, 122, 231, 134, 2);
				line(&cv, 231, 134, 256, 92, 2);
			}
			break;
		case BOX_GLYPH_IN_LABEL:  /* 自 at the label's start */
			frame(&cv, 200, 103, 234, 137);
			frame(&cv, 240, 103, 268, 137);
			line(&cv, 240, 115, 268, 115, 1);
			line(&cv, 240, 126, 268, 126, 1);
			break;
		case BOX_NOTHING:
			break;
		}
		switch (c->sign) {
		case SIGN_TYPED:      /* three glyphs of 32 px, 8 px apart */
			w[4] = typed;
			page.n_words = 5;
			for (int x = 304; x < 420; x += EM) {
				frame(&cv, x, 224, x + 32, 256);
				line(&cv, x, 240, x + 32, 240, 1);
			}
			break;
		case SIGN_SCRIBBLE_READ:
			w[4] = scribble_read;
			page.n_words = 5;
			/* fall through */
		case SIGN_SCRIBBLE:
			for (int k = 0; k < 120; k++)
				line(&cv, 300 + 2 * k, 240 + 18 * sin(k / 5.0),
				     302 + 2 * k, 240 + 18 * sin((k + 1) / 5.0), 1);
			break;
		case SIGN_SEAL:
			for (int k = 0; k < 360; k++)
				dot(&cv, 400 + (int)(60 * cos(k * M_PI / 180)),
				    240 + (int)(60 * sin(k * M_PI / 180)), 3);
			break;
		case SIGN_INITIAL_DOT:
			dot(&cv, 320, 240, 1);
			break;
		case SIGN_NONE:
			break;
		}
		components(&cv);
		img.bits = &cv.bits[0][0];
		img.comps = cv.comps;
		img.n_comps = cv.n_comps;
		assert_int_equal(ocr_ink_marks(&img, ocr_form_box_labels, &page), 0);
		for (size_t k = 0; k < page.n_boxes; k++) {
			assert_string_equal(page.boxes[k].label, "纸面");
			assert_int_equal(page.boxes[k].line, 0);
			assert_int_equal(page.boxes[k].mark, c->box_mark);
			found = true;
			free(page.boxes[k].label);
		}
		free(page.boxes);
		assert_int_equal(found, c->box_found);
		assert_int_equal(page.signature, c->signature);
	}
}

/* Line numbers as a caller may hand them: ink.c must size its lines from
 * the words, not trust the last word's number. */
struct lines_case {
	const char *what;
	unsigned line[3];
	enum ocr_mark signature;
};

static const struct lines_case lines_cases[] = {
	{ "in reading order", { 0, 1, 1 }, OCR_MARK_ABSENT },
	{ "numbers going down", { 2, 1, 0 }, OCR_MARK_ABSENT },
	{ "a huge last number", { 0, 1, 0xF0000000u }, OCR_MARK_ABSENT },
	{ "the largest number last", { 0, 1, UINT_MAX }, OCR_MARK_ABSENT },
};

static void
test_ink_lines(void **state)
{
	static struct canvas cv;

	(void)state;
	memset(&cv, 0, sizeof cv);
	for (size_t i = 0; i < sizeof lines_cases / sizeof lines_cases[0]; i++) {
		const struct lines_case *c = &lines_cases[i];
		struct ocr_word words[] = {
			{ "申请人签名", 95, c->line[0], 40, 220, 240, 220 + EM, -1, false },
			{ "：", 90, c->line[1], 240, 220, 260, 220 + EM, -1, false },
			{ "纸面", 95, c->line[2], 260, 100, 340, 100 + EM, -1, false },
		};
		struct ocr_page page = { .width = CANVAS_W, .height = CANVAS_H,
		                         .words = words, .n_words = 3 };
		struct ocr_ink_image img = { .width = CANVAS_W, .height = CANVAS_H,
		                             .stride = CANVAS_W / 8,
		                             .bits = &cv.bits[0][0] };

		print_message("%s\n", c->what);
		assert_int_equal(ocr_ink_marks(&img, NULL, &page), 0);
		assert_int_equal(page.signature, c->signature);
		assert_int_equal(page.n_boxes, 0);
	}
}

/* ---- recognition ------------------------------------------------------- */

struct read_case {
	const char *what;
	const char *file, *args;
	unsigned workers;
	bool bitmap;                 /* through ocr_read_bitmaps */
	size_t pages;
	const char *description;
	const char *want[6];         /* in every page's text (spaces removed) */
	const char *ticked[3];       /* the boxes ticked (--tick) */
	size_t min_boxes;            /* boxes that must be found and answered */
	bool signed_;                /* a signature or seal on the page */
	bool sure;                   /* the ink answers must all be given */
	bool chi_sim_only;           /* tessdata holds chi_sim and no HanS */
};

static const struct read_case read_cases[] = {
	{ "fine G4, two pages, two workers, two boxes ticked, signed", "fine2.tif",
	  "--pages 2 --tick 纸面 --tick 邮寄 --description '+86 10 12345678'", 2,
	  false, 2, "+86 10 12345678",
	  { "姓名", "证件号码", "110101199003078515", "联系电话", "13912345678",
	    "2026年12月1日" },
	  { "纸面", "邮寄" }, 7, true, true, false },
	{ "normal G4, stretched, unsigned", "normal-unsigned.tif",
	  "--res normal --signature none --noise", 1, false, 1, NULL,
	  { "姓名", "张建国", "联系电话", "13912345678", "110101199003078515" },
	  { NULL }, 0, false, false, false },
	{ "rendered grey bitmap, sealed", "sealed.png",
	  "--format png --signature seal --tick 光盘 --tick 传真", 1, true, 1, NULL,
	  { "姓名", "证件号码", "110101199003078515", "联系电话" },
	  { "光盘", "传真" }, 6, true, true, false },
	{ "fine G4, unsigned", "unsigned.tif", "--signature none", 1, false, 1, NULL,
	  { "申请人签名" }, { NULL }, 7, false, true, false },
	{ "fine G4, two pages, two workers, HanS not installed: read by chi_sim "
	  "alone, said once", "no-hans.tif", "--pages 2", 2, false, 2, NULL,
	  { "姓名", "证件号码", "110101199003078515", "联系电话", "13912345678" },
	  { NULL }, 7, true, true, true },
};

/* The warning ocr.c gives when HanS is missing. */
#define NO_HANS_WARNING "HanS is not used"

/* How many times needle occurs in the file at path. */
static unsigned
occurrences(const char *path, const char *needle)
{
	char *data;
	size_t len;
	unsigned n = 0;

	read_file(path, &data, &len);
	for (const char *p = strstr(data, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	g_free(data);
	return n;
}

/* A tessdata folder of its own holding only the chi_sim model of the
 * folder ocr.c reads by default; the caller frees the path. */
static char *
chi_sim_only_tessdata(void)
{
	const char *from = getenv("TESSDATA_PREFIX");
	char *dir = g_strdup_printf("%s/tessdata-chi_sim", tmpdir_fixture);
	char *model = g_strdup_printf("%s/chi_sim.traineddata",
	                              from != NULL ? from : "/usr/share/tesseract-ocr/5/tessdata");
	char *link = g_strdup_printf("%s/chi_sim.traineddata", dir);

	assert_int_equal(g_mkdir_with_parents(dir, 0700), 0);
	unlink(link);
	assert_int_equal(symlink(model, link), 0);
	g_free(model);
	g_free(link);
	return dir;
}

static bool
ticked(const struct read_case *c, const char *label)
{
	for (size_t i = 0; i < 3 && c->ticked[i] != NULL; i++)
		if (strcmp(c->ticked[i], label) == 0)
			return true;
	return false;
}

/* Ink answers: never the wrong one; all given when c->sure. */
static void
assert_ink(const struct read_case *c, const struct ocr_page *p)
{
	size_t answered = 0;

	for (size_t i = 0; i < p->n_boxes; i++) {
		const struct ocr_box *b = &p->boxes[i];
		bool tick = ticked(c, b->label);

		assert_true(b->ink >= 0 && b->ink <= 1);
		assert_true(0 <= b->x0 && b->x0 < b->x1 && b->x1 <= (int)p->width);
		assert_true(0 <= b->y0 && b->y0 < b->y1 && b->y1 <= (int)p->height);
		if (b->mark == OCR_MARK_UNKNOWN)
			continue;
		if ((b->mark == OCR_MARK_PRESENT) != tick)
			print_error("%s: box %s read %s\n", c->what, b->label,
			            b->mark == OCR_MARK_PRESENT ? "ticked" : "empty");
		assert_int_equal(b->mark == OCR_MARK_PRESENT, tick);
		answered++;
	}
	assert_true(answered >= c->min_boxes);
	for (size_t i = 0; i < 3 && c->ticked[i] != NULL && c->sure; i++) {
		bool found = false;

		for (size_t k = 0; k < p->n_boxes; k++)
			found |= strcmp(p->boxes[k].label, c->ticked[i]) == 0 &&
			         p->boxes[k].mark == OCR_MARK_PRESENT;
		assert_true(found);
	}
	if (c->sure)
		assert_int_equal(p->signature, c->signed_ ? OCR_MARK_PRESENT :
		                 OCR_MARK_ABSENT);
	else
		assert_int_not_equal(p->signature, c->signed_ ? OCR_MARK_ABSENT :
		                     OCR_MARK_PRESENT);
}

/* Decodes a PNG page into the grey bitmap mime/pages.h describes. */
static struct mime_page_image
bitmap_of(const char *data, size_t len)
{
	struct mime_page_image b = { 0 };
	png_image img;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&img, data, len));
	img.format = PNG_FORMAT_GRAY;
	b.width = img.width;
	b.height = img.height;
	b.stride = img.width + 3;        /* a stride wider than the row */
	b.xres = MIME_FAX_XRES;
	b.yres = MIME_FAX_YRES;
	b.grey = malloc(b.stride * b.height);
	assert_non_null(b.grey);
	assert_true(png_image_finish_read(&img, NULL, b.grey, (png_int_32)b.stride,
	                                  NULL));
	return b;
}

/* Salt and pepper: a black pixel every `every` pixels both ways, each an
 * 8-connected component of its own when every >= 2. */
struct noise_case {
	const char *what;
	unsigned every;
	const char *problem;         /* NULL: the page is read */
};

static const struct noise_case noise_cases[] = {
	{ "a speck every 8 px: 15 625 components", 8, NULL },
	{ "every other pixel: 250 000 components", 2, "page 1: too noisy to read" },
};

static void
test_noise(void **state)
{
	enum { SIDE = 1000 };

	(void)state;
	for (size_t i = 0; i < sizeof noise_cases / sizeof noise_cases[0]; i++) {
		const struct noise_case *c = &noise_cases[i];
		struct mime_page_image b = { .width = SIDE, .height = SIDE,
		                             .xres = MIME_FAX_XRES, .yres = MIME_FAX_XRES,
		                             .stride = SIDE };
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		int rc;

		print_message("%s\n", c->what);
		b.grey = malloc((size_t)SIDE * SIDE);
		assert_non_null(b.grey);
		memset(b.grey, 255, (size_t)SIDE * SIDE);
		for (unsigned y = 0; y < SIDE; y += c->every)
			for (unsigned x = 0; x < SIDE; x += c->every)
				b.grey[(size_t)y * SIDE + x] = 0;
		rc = ocr_read_bitmaps(&b, 1, NULL, &doc, &err);
		if (c->problem == NULL) {
			assert_int_equal(rc, 0);
			assert_int_equal(doc->n_pages, 1);
			assert_int_equal(doc->n_problems, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_null(doc);
			assert_non_null(strstr(err.msg, c->problem));
		}
		ocr_document_free(doc);
		free(b.grey);
	}
}

static void
test_read(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];
		char *path = make_page(c->file, c->args), *data;
		char *tessdata = c->chi_sim_only ? chi_sim_only_tessdata() : NULL;
		struct ocr_options opt = { .workers = c->workers, .tessdata = tessdata };
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		size_t len;
		int rc;

		char *log = g_strdup_printf("%s/stderr-%zu", tmpdir_fixture, i);
		int saved = -1;

		print_message("%s\n", c->what);
		read_file(path, &data, &len);
		/* What the worker logs goes to its stderr: kept to count. */
		if (c->chi_sim_only) {
			int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

			assert_true(fd >= 0);
			fflush(stderr);
			saved = dup(2);
			assert_true(saved >= 0 && dup2(fd, 2) == 2);
			close(fd);
		}
		if (c->bitmap) {
			struct mime_page_image b = bitmap_of(data, len);

			rc = ocr_read_bitmaps(&b, 1, &opt, &doc, &err);
			free(b.grey);
		} else {
			rc = ocr_read_image(data, len, &opt, &doc, &err);
		}
		if (saved >= 0) {
			fflush(stderr);
			assert_int_equal(dup2(saved, 2), 2);
			close(saved);
			assert_int_equal(occurrences(log, NO_HANS_WARNING), 1);
		}
		g_free(log);
		if (rc != 0)
			print_error("%s\n", err.msg);
		assert_int_equal(rc, 0);
		assert_int_equal(doc->n_pages, c->pages);
		assert_int_equal(doc->n_problems, 0);
		if (c->description != NULL)
			assert_string_equal(doc->description, c->description);
		else
			assert_null(doc->description);
		for (size_t k = 0; k < doc->n_pages; k++) {
			const struct ocr_page *p = &doc->pages[k];
			char *text = joined(p->text);

			assert_words_sane(p);
			assert_png(p);
			assert_ink(c, p);
			/* No frames: the page is read as it was, no word in
			 * a cell. */
			assert_int_equal(p->n_cells, 0);
			for (size_t w = 0; w < p->n_words; w++)
				assert_int_equal(p->words[w].cell, -1);
			for (size_t w = 0; w < 6 && c->want[w] != NULL; w++) {
				if (strstr(text, c->want[w]) == NULL)
					print_error("%s: no %s in\n%s\n", c->what,
					            c->want[w], p->text);
				assert_non_null(strstr(text, c->want[w]));
			}
			g_free(text);
		}
		ocr_document_free(doc);
		g_free(data);
		g_free(path);
		g_free(tessdata);
	}
}

/* ---- the office form read by its layout -------------------------------- */

/* A word under this confidence makes its field a clerk's question
 * (extract.h: EXTRACT_OCR_CONF_MIN). */
#define SURE_CONF 70

struct form_cell {
	const char *label;           /* part of the frame's label as read */
	const char *value;           /* as written in the frame; NULL: empty */
	bool exact;                  /* must be read right, not only flagged */
};

struct form_case {
	const char *what;
	const char *file, *args;
	struct form_cell cells[6];   /* every frame of the page, in order */
};

/* tests/ocr/make-page.py --framed: the values it writes in its frames. */
static const struct form_case form_cases[] = {
	{ "fine, clean", "framed.tif", "--framed", {
	  { "姓名", "张建国", true },
	  { "证件号码", "110101199003078515", true },
	  { "通信地址", "北京市东城区和平里大街十八号", false },
	  { "传真", NULL, false },
	  { "内容描述", "二〇二五年本区道路建设资金使用情况", false },
	  { "申请人签名", "", false } } },
	{ "normal, turned 1 degree, specks", "framed-n.tif",
	  "--framed --res normal --skew 1 --noise", {
	  { "姓名", "张建国", false },
	  { "证件号码", "110101199003078515", true },
	  { "通信地址", "北京市东城区和平里大街十八号", false },
	  { "传真", NULL, false },
	  { "内容描述", "二〇二五年本区道路建设资金使用情况", false },
	  { "申请人签名", "", false } } },
};

/* The words of cell k joined; *sure_r: all of them at SURE_CONF or more. */
static char *
cell_text(const struct ocr_page *p, size_t k, bool *sure_r)
{
	GString *s = g_string_new("");

	*sure_r = true;
	for (size_t i = 0; i < p->n_words; i++) {
		const struct ocr_word *w = &p->words[i];

		if (w->cell != (int)k)
			continue;
		g_string_append(s, w->text);
		*sure_r &= w->conf >= SURE_CONF;
	}
	return g_string_free(s, FALSE);
}

static void
test_form(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof form_cases / sizeof form_cases[0]; i++) {
		const struct form_case *c = &form_cases[i];
		char *path = make_page(c->file, c->args), *data;
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		const struct ocr_page *p;
		size_t len;

		print_message("%s\n", c->what);
		read_file(path, &data, &len);
		assert_int_equal(ocr_read_image(data, len, NULL, &doc, &err), 0);
		p = &doc->pages[0];
		assert_words_sane(p);
		assert_int_equal(p->n_cells, sizeof c->cells / sizeof c->cells[0]);
		for (size_t k = 0; k < p->n_cells; k++) {
			const struct ocr_cell *cell = &p->cells[k];
			const struct form_cell *want = &c->cells[k];
			bool sure;
			char *text = cell_text(p, k, &sure);

			if (strstr(cell->label, want->label) == NULL)
				print_error("frame %zu: label %s\n", k, cell->label);
			assert_non_null(strstr(cell->label, want->label));
			assert_true(0 <= cell->x0 && cell->x0 < cell->x1 &&
			            cell->x1 <= (int)p->width);
			assert_true(0 <= cell->y0 && cell->y0 < cell->y1 &&
			            cell->y1 <= (int)p->height);
			if (want->value == NULL)
				assert_string_equal(text, "");
			else if (want->exact)
				assert_string_equal(text, want->value);
			else if (want->value[0] != '\0' && strcmp(text, want->value) != 0 &&
			         sure) {
				/* Read wrong, yet sure: the one thing never
				 * allowed. */
				print_error("frame %zu: %s read as %s, sure\n", k,
				            want->value, text);
				fail();
			}
			g_free(text);
		}
		for (size_t w = 0; w < p->n_words; w++) {
			const struct ocr_word *word = &p->words[w];
			const struct ocr_cell *cell;

			if (word->cell < 0)
				continue;
			assert_in_range(word->cell, 0, (int)p->n_cells - 1);
			cell = &p->cells[word->cell];
			assert_true(word->x0 >= cell->x0 && word->x1 <= cell->x1 &&
			            word->y0 >= cell->y0 && word->y1 <= cell->y1);
			/* Reading order: the frame's lines come after the
			 * printed line above it, its label. */
			if (w > 0 && p->words[w - 1].cell != word->cell) {
				assert_int_equal(p->words[w - 1].cell, -1);
				assert_true((p->words[w - 1].y0 + p->words[w - 1].y1) / 2 <
				            cell->y0);
				assert_true(p->words[w - 1].line < word->line);
			}
		}
		ocr_document_free(doc);
		g_free(data);
		g_free(path);
	}
}

/* ---- how far a frame's readings vouch for its value --------------------- */

/* Readings as the full test fax set gave them (form.c, FORM_AS_IS): as
 * the frame is, smoothed, by the second model as it is and smoothed; each
 * with its lowest word confidence. */
static const struct trust_case {
	const char *what;
	struct ocr_form_reading rd[4];
	size_t n;
	enum ocr_form_trust want;
} trust_cases[] = {
	{ "three agree, an address read right at 24, 34 and 53: vouched",
	  { { "\u897f\u95e8\u8857\u9053203\u53f7", 24 },
	    { "\u897f\u95e8\u8857\u9053203\u53f7", 34 },
	    { "\u897f\u95e8\u8857\u9053203\u53f7", 53 } }, 3, OCR_FORM_VOUCHED },
	{ "three agree, the surest at the floor, 20: vouched",
	  { { "028000", 3 }, { "028000", 20 }, { "028000", 0 } }, 3, OCR_FORM_VOUCHED },
	{ "all agree on specks read as \u56db, at 5, 0, 19 and 2: as read",
	  { { "028000\u56db", 5 }, { "028000\u56db", 0 }, { "028000\u56db", 19 },
	    { "028000\u56db", 2 } }, 4, OCR_FORM_AS_READ },
	{ "the first two agree, the second model differs both ways: as read",
	  { { "\u5927\u6d53\u4ed6\u62c9\u9547", 60 },
	    { "\u5927\u6d53\u4ed6\u62c9\u9547", 70 },
	    { "\u5927\u6c81\u4ed6\u62c9\u9547", 80 },
	    { "\u5927\u6ccc\u4ed6\u62c9\u9547", 64 } }, 4, OCR_FORM_AS_READ },
	{ "the second model differs as it is (\u9c81 as \u4fbf), agrees smoothed: vouched",
	  { { "\u5f00\u9c81\u53bf\u65b0\u534e\u8857\u9053", 66 },
	    { "\u5f00\u9c81\u53bf\u65b0\u534e\u8857\u9053", 69 },
	    { "\u5f00\u4fbf\u53bf\u65b0\u534e\u8857\u9053", 49 },
	    { "\u5f00\u9c81\u53bf\u65b0\u534e\u8857\u9053", 65 } }, 4, OCR_FORM_VOUCHED },
	{ "the first two agree, no second model: as read",
	  { { "028000", 90 }, { "028000", 90 } }, 2, OCR_FORM_AS_READ },
	{ "the first two differ: unsure",
	  { { "\u5806\u6797", 90 }, { "\u970d\u6797", 90 } }, 2, OCR_FORM_UNSURE },
	{ "the first two differ, the second model agrees with one: unsure, no majority",
	  { { "\u4f5c\u548c\u53c2\u8003", 31 }, { "\u4f5c\u53c2\u8003", 11 },
	    { "\u4f5c\u548c\u53c2\u8003", 90 } }, 3, OCR_FORM_UNSURE },
	{ "three read nothing: as read",
	  { { "", 100 }, { "", 100 }, { "", 100 } }, 3, OCR_FORM_AS_READ },
};

static void
test_form_trust(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof trust_cases / sizeof trust_cases[0]; i++) {
		const struct trust_case *c = &trust_cases[i];

		print_message("%s\n", c->what);
		assert_int_equal(ocr_form_trust(c->rd, c->n), c->want);
	}
}

/* Whether the second model is asked (form.c, FORM_FRONT_FLOOR): only
 * where its reading can change the value's outcome.  The first two
 * readings with their lowest word confidences, and the lowest confidence
 * the value's words keep from them. */
static const struct ask_case {
	const char *what;
	struct ocr_form_reading rd[2];
	int kept_min;
	bool want;
} ask_cases[] = {
	{ "agree, every word kept at 86 or more: above every floor, not asked",
	  { { "\u897f\u95e8\u8857\u9053203\u53f7", 86 },
	    { "\u897f\u95e8\u8857\u9053203\u53f7", 90 } }, 86, false },
	{ "agree, the lowest word kept at the floor, 80: not asked",
	  { { "028000", 62 }, { "028000", 80 } }, 80, false },
	{ "agree, a word kept at 79: asked",
	  { { "028000", 60 }, { "028000", 79 } }, 79, true },
	{ "agree, the surer reading at the trust floor, 20: asked",
	  { { "\u5f00\u9c81\u53bf", 3 }, { "\u5f00\u9c81\u53bf", 20 } }, 20, true },
	{ "agree on specks read as \u56db, at 5 and 19: below the trust floor, not asked",
	  { { "028000\u56db", 5 }, { "028000\u56db", 19 } }, 19, false },
	{ "differ, however sure: not asked",
	  { { "\u4f5c\u548c\u53c2\u8003", 31 }, { "\u4f5c\u53c2\u8003", 41 } }, 31, false },
	{ "both read nothing: not asked",
	  { { "", 100 }, { "", 100 } }, 100, false },
};

static void
test_form_ask_other(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ask_cases / sizeof ask_cases[0]; i++) {
		const struct ask_case *c = &ask_cases[i];

		print_message("%s\n", c->what);
		assert_int_equal(ocr_form_ask_other(c->rd, c->kept_min), c->want);
	}
}

/* ---- a line read three times (lines.c) --------------------------------- */

/* Three readings of a line (the page's, smoothed, as it is: lines.c's
 * order of preference), the one kept and which of its characters the
 * other two both hold ('1') or not ('0'). */
static const struct choose_case {
	const char *what;
	const char *text[OCR_LINES_READINGS];
	int want;                    /* ocr_lines_choose's return */
	size_t best;
	const char *agreed;
} choose_cases[] = {
	{ "all three alike: the page's, every character agreed",
	  { "\u7528\u9014:\u4e86\u89e3", "\u7528\u9014:\u4e86\u89e3",
	    "\u7528\u9014:\u4e86\u89e3" }, 0, 0, "11111" },
	{ "the page's slip outvoted: 56\u53f7 read 36\u53f7 once, 56\u53f7 twice; "
	  "the 5 disputed",
	  { "\u8def36\u53f7", "\u8def56\u53f7", "\u8def56\u53f7" }, 0, 1, "1011" },
	{ "the cut's slip outvoted: the ID's 5 read 3 once, the page's kept",
	  { "150521", "150521", "130521" }, 0, 0, "101111" },
	{ "one reading puts a character in: the other two outvote it",
	  { "\u672c\u53bf\u6709\u7075\u6d3b", "\u672c\u53bf\u7075\u6d3b",
	    "\u672c\u53bf\u7075\u6d3b" }, 0, 1, "1111" },
	{ "all three differ alike: the first kept, the character disputed",
	  { "\u97e9\u6653\u8292", "\u97e9\u6653\u533a", "\u97e9\u6653\u71d5" },
	  0, 0, "110" },
	{ "two of three read nothing: nothing is kept",
	  { "\u4e00", "", "" }, 0, 1, "" },
	{ "a byte that starts no UTF-8 sequence is a character of its own",
	  { "a\xff" "b", "a\xff" "b", "ab" }, 0, 0, "101" },
	{ "a line longer than can be compared: nothing chosen",
	  { "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "9", "0", "0" }, 1, 0, NULL },
};

static void
test_lines_choose(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof choose_cases / sizeof choose_cases[0]; i++) {
		const struct choose_case *c = &choose_cases[i];
		bool agreed[OCR_LINES_MAX_CHARS];
		size_t best = 99, n = 99;

		print_message("%s\n", c->what);
		assert_int_equal(ocr_lines_choose(c->text, &best, agreed, &n), c->want);
		if (c->want != 0) {
			assert_int_equal(best, 99);
			continue;
		}
		assert_int_equal(best, c->best);
		assert_int_equal(n, strlen(c->agreed));
		for (size_t k = 0; k < n; k++)
			assert_int_equal(agreed[k], c->agreed[k] == '1');
	}
}

/* ---- lines the page's reading left out ---------------------------------- */

#define DROP_EM 40
#define DROP_MAX_ROWS 10

/* n components w x h, pitch apart across from (x, y). */
struct drop_row {
	int x, y, n, pitch, w, h;
};

struct drop_case {
	const char *what;
	struct drop_row rows[DROP_MAX_ROWS];
	struct ocr_component big;     /* one more component (0 0 0 0: none) */
	struct { int x0, y0, x1, y1; } words[2];
	size_t want;
	struct ocr_component first;   /* the top line's box, when want > 0 */
};

static const struct drop_case drop_cases[] = {
	{ "a date under the signature's line, a seal's ring through it",
	  { { 800, 200, 6, 40, 36, 38 } }, { 1000, 50, 1300, 350 },
	  { { 200, 100, 1000, 140 } }, 1, { 800, 200, 1036, 238 } },
	{ "a signature after its label is the rest of a line that was read",
	  { { 560, 198, 3, 40, 36, 38 } }, { 0 }, { { 200, 200, 500, 240 } }, 0, { 0 } },
	{ "ink inside a word's box was read",
	  { { 800, 200, 6, 40, 36, 38 } }, { 0 }, { { 800, 200, 1040, 240 } }, 0, { 0 } },
	{ "a page without ink has no line", { { 0 } }, { 0 }, { { 0 } }, 0, { 0 } },
	{ "two characters are no line",
	  { { 800, 200, 2, 40, 36, 38 } }, { 0 }, { { 0 } }, 0, { 0 } },
	{ "a seal's characters around its ring are no line",
	  { { 1000, 100, 1, 0, 36, 38 }, { 1040, 130, 1, 0, 36, 38 },
	    { 1080, 170, 1, 0, 36, 38 }, { 1110, 215, 1, 0, 36, 38 },
	    { 1130, 260, 1, 0, 36, 38 } }, { 1000, 80, 1200, 300 }, { { 0 } }, 0, { 0 } },
	{ "a column gap parts two lines",
	  { { 400, 300, 3, 40, 36, 38 }, { 100, 300, 3, 40, 36, 38 } }, { 0 },
	  { { 0 } }, 2, { 100, 300, 216, 338 } },
	{ "specks are no characters",
	  { { 100, 300, 10, 20, 6, 6 } }, { 0 }, { { 0 } }, 0, { 0 } },
	{ "a character 2 em tall is a picture's part, not print",
	  { { 100, 300, 4, 90, 80, 80 } }, { 0 }, { { 0 } }, 0, { 0 } },
	{ "more lines left out than a reading misses: the page is noise",
	  { { 100, 100, 3, 40, 36, 38 }, { 100, 200, 3, 40, 36, 38 },
	    { 100, 300, 3, 40, 36, 38 }, { 100, 400, 3, 40, 36, 38 },
	    { 100, 500, 3, 40, 36, 38 }, { 100, 600, 3, 40, 36, 38 },
	    { 100, 700, 3, 40, 36, 38 }, { 100, 800, 3, 40, 36, 38 },
	    { 100, 900, 3, 40, 36, 38 } }, { 0 }, { { 0 } }, 0, { 0 } },
	{ "eight lines left out are read",
	  { { 100, 100, 3, 40, 36, 38 }, { 100, 200, 3, 40, 36, 38 },
	    { 100, 300, 3, 40, 36, 38 }, { 100, 400, 3, 40, 36, 38 },
	    { 100, 500, 3, 40, 36, 38 }, { 100, 600, 3, 40, 36, 38 },
	    { 100, 700, 3, 40, 36, 38 }, { 100, 800, 3, 40, 36, 38 } }, { 0 },
	  { { 0 } }, 8, { 100, 100, 216, 138 } },
};

/* Adds row's components to comps (*n of them so far). */
static void
add_row(struct ocr_component *comps, size_t *n, const struct drop_row *row)
{
	for (int k = 0; k < row->n; k++) {
		int x = row->x + k * row->pitch;

		comps[(*n)++] = (struct ocr_component){ x, row->y, x + row->w, row->y + row->h };
	}
}

static void
test_lines_dropped(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof drop_cases / sizeof drop_cases[0]; i++) {
		const struct drop_case *c = &drop_cases[i];
		struct ocr_component comps[64], found[OCR_LINES_MAX_DROPPED];
		struct ocr_word words[2];
		size_t n = 0, n_words = 0, n_found = 99;

		print_message("%s\n", c->what);
		for (size_t r = 0; r < DROP_MAX_ROWS; r++)
			add_row(comps, &n, &c->rows[r]);
		if (c->big.x1 > 0)
			comps[n++] = c->big;
		for (size_t k = 0; k < 2 && c->words[k].x1 > 0; k++)
			words[n_words++] = (struct ocr_word){ .text = (char *)"\u5b57",
				.conf = 95, .x0 = c->words[k].x0, .y0 = c->words[k].y0,
				.x1 = c->words[k].x1, .y1 = c->words[k].y1, .cell = -1 };
		assert_int_equal(ocr_lines_dropped(comps, n, words, n_words, DROP_EM,
		                                   found, &n_found), 0);
		assert_int_equal(n_found, c->want);
		if (c->want == 0)
			continue;
		assert_int_equal(found[0].x0, c->first.x0);
		assert_int_equal(found[0].y0, c->first.y0);
		assert_int_equal(found[0].x1, c->first.x1);
		assert_int_equal(found[0].y1, c->first.y1);
	}
}

/* A line's cut for ocr_lines_hand_parts: a row of characters (a drop_row)
 * and up to three more components, each to be erased or not. */
struct hand_case {
	const char *what;
	struct drop_row print;
	struct ocr_component more[3];
	bool want;
	bool erase[3];                /* more[k]'s flag, when want */
};

static const struct hand_case hand_cases[] = {
	{ "a hand over two lines tall beside a label: the hand erased, not the flat flourish under it",
	  { 100, 60, 7, 40, 36, 38 }, { { 400, 0, 700, 140 }, { 420, 130, 690, 145 } },
	  true, { true, false } },
	{ "a frame's two sides around a tall cell of print: too thin for a hand",
	  { 100, 60, 7, 40, 36, 38 }, { { 60, 0, 62, 140 }, { 700, 0, 702, 140 } },
	  false, { false } },
	{ "a seal's ring through a line of print",
	  { 100, 60, 7, 40, 36, 38 }, { { 300, 10, 480, 190 } }, true, { true } },
	{ "a hand 12 em wide is a hand",
	  { 100, 60, 7, 40, 36, 38 }, { { 400, 0, 880, 140 } }, true, { true } },
	{ "a hand wider than 12 em is a frame: no hand on its line",
	  { 100, 60, 7, 40, 36, 38 }, { { 400, 0, 881, 140 } }, false, { false } },
	{ "a hand beside two characters: no line of print to read",
	  { 100, 60, 2, 40, 36, 38 }, { { 400, 0, 700, 140 } }, false, { false } },
	{ "print alone", { 100, 60, 7, 40, 36, 38 }, { { 0 } }, false, { false } },
	{ "print over its rule: a rule is no hand",
	  { 100, 60, 7, 40, 36, 38 }, { { 100, 100, 380, 104 } }, false, { false } },
	{ "a form's frame around a line of print and a hand: the form reader's",
	  { 100, 60, 7, 40, 36, 38 }, { { 80, 20, 1300, 140 }, { 400, 0, 700, 140 } },
	  false, { false } },
	{ "a title in characters 1.8 em tall: no print beside them",
	  { 100, 20, 6, 80, 72, 72 }, { { 0 } }, false, { false } },
};

static void
test_lines_hand_parts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof hand_cases / sizeof hand_cases[0]; i++) {
		const struct hand_case *c = &hand_cases[i];
		struct ocr_component comps[16];
		bool erase[16];
		size_t n = 0, first_more;

		print_message("%s\n", c->what);
		add_row(comps, &n, &c->print);
		first_more = n;
		for (size_t k = 0; k < 3 && c->more[k].x1 > 0; k++)
			comps[n++] = c->more[k];
		assert_int_equal(ocr_lines_hand_parts(comps, n, DROP_EM, erase), c->want);
		if (!c->want)
			continue;
		for (size_t k = 0; k < first_more; k++)
			assert_false(erase[k]);
		for (size_t k = first_more; k < n; k++)
			assert_int_equal(erase[k], c->erase[k - first_more]);
	}
}

/* ---- pages the form reader gives up on --------------------------------- */

/* Short bars, each a frame side by its height (1.4 em), far more of them
 * than a form's frames have sides: the reviewer's hostile page (272 000
 * sides on 36 Mpx took 50 s to pair), small. */
#define STRIPE_EM 10
#define STRIPE_W 600
#define STRIPE_H 400
#define STRIPE_PITCH 6
#define STRIPE_BAR 14
#define STRIPE_ROW_GAP 8

static void
test_form_stripes(void **state)
{
	TessBaseAPI *api = TessBaseAPICreate();
	PIX *pix = pixCreate(STRIPE_W, STRIPE_H, 1);
	struct ocr_word word = { .text = (char *)"\u8868", .conf = 90,
	                         .x0 = 0, .y0 = 0, .x1 = STRIPE_EM, .y1 = STRIPE_EM,
	                         .cell = -1 };
	struct ocr_page page = { .width = STRIPE_W, .height = STRIPE_H,
	                         .words = &word, .n_words = 1 };

	(void)state;
	assert_non_null(api);
	assert_non_null(pix);
	for (int y = STRIPE_EM * 2; y + STRIPE_BAR <= STRIPE_H;
	     y += STRIPE_BAR + STRIPE_ROW_GAP)
		for (int x = 0; x < STRIPE_W; x += STRIPE_PITCH)
			for (int k = 0; k < STRIPE_BAR; k++)
				pixSetPixel(pix, x, y + k, 1);
	assert_int_equal(ocr_form_read(api, NULL, pix, 200, 0, &page), OCR_FORM_NOT_A_FORM);
	assert_int_equal(page.n_cells, 0);
	assert_null(page.cells);
	pixDestroy(&pix);
	TessBaseAPIDelete(api);
}

/* A page whose recognition Tesseract's monitor stops: its time, not a
 * failure (Tesseract 5.3 returns -1 for both). */
static void
test_time_limit(void **state)
{
	char *path = make_page("late.png", "--format png"), *data;
	struct ocr_options opt = { .workers = 1, .page_timeout_ms = 1 };
	struct ocr_document *doc = NULL;
	struct ogi_error err = { 0 };
	size_t len;

	(void)state;
	read_file(path, &data, &len);
	assert_int_equal(ocr_read_image(data, len, &opt, &doc, &err), 0);
	assert_int_equal(doc->n_problems, 1);
	print_message("%s\n", doc->problems[0]);
	assert_non_null(strstr(doc->problems[0], "page 1: time limit reached"));
	ocr_document_free(doc);
	g_free(data);
	g_free(path);
}

int
main(int argc, char **argv)
{
	static const char *const pythons[] = { "/usr/bin/python3", "python3" };
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepare),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_page_halo),
		cmocka_unit_test(test_ink),
		cmocka_unit_test(test_ink_lines),
		cmocka_unit_test(test_noise),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_form_trust),
		cmocka_unit_test(test_form_ask_other),
		cmocka_unit_test(test_lines_choose),
		cmocka_unit_test(test_lines_dropped),
		cmocka_unit_test(test_lines_hand_parts),
		cmocka_unit_test(test_form_stripes),
		cmocka_unit_test(test_time_limit),
	};

	(void)argc;
	/* libgomp reads the limit when it is loaded: set, then run again. */
	if (!ocr_threads_limited()) {
		setenv("OMP_THREAD_LIMIT", "1", 1);
		execv("/proc/self/exe", argv);
		return 1;
	}
	for (size_t i = 0; i < sizeof pythons / sizeof pythons[0]; i++) {
		char *cmd = g_strdup_printf("%s -c 'import PIL' 2>/dev/null", pythons[i]);

		if (system(cmd) == 0)
			python = pythons[i];
		g_free(cmd);
		if (python != NULL)
			break;
	}
	if (python == NULL) {
		fprintf(stderr, "test_ocr: no python3 with PIL (python3-pil): skipped\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, tmpdir_fixture_setup,
	                              tmpdir_fixture_teardown);
}
