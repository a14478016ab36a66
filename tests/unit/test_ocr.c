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

#include <math.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "mime/pages.h"
#include "ocr/ocr.h"

static char tmpdir[] = "/tmp/ogi-ocr-test.XXXXXX";
static const char *python;

/* Runs the page generator: OUT in tmpdir, ARGS its options. */
static char *
make_page(const char *name, const char *args)
{
	char *path = g_strdup_printf("%s/%s", tmpdir, name);
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
	{ "HEIC photo", BAD_HEIC, "HEIC not readable" },
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

/* ---- recognition ------------------------------------------------------- */

struct read_case {
	const char *what;
	const char *file, *args;
	unsigned workers;
	bool bitmap;                 /* through ocr_read_bitmaps */
	size_t pages;
	const char *description;
	const char *want[6];         /* in every page's text (spaces removed) */
};

static const struct read_case read_cases[] = {
	{ "fine G4, two pages, two workers", "fine2.tif",
	  "--pages 2 --description '+86 10 12345678'", 2, false, 2,
	  "+86 10 12345678",
	  { "姓名", "证件号码", "110101199003078515", "联系电话", "13912345678",
	    "2026年12月1日" } },
	{ "normal G4, stretched", "normal.tif", "--res normal", 1, false, 1, NULL,
	  { "姓名", "张建国", "联系电话", "13912345678", "110101199003078515" } },
	{ "rendered grey bitmap", "fine.png", "--format png", 1, true, 1, NULL,
	  { "姓名", "证件号码", "110101199003078515", "联系电话" } },
};

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

static void
test_read(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];
		char *path = make_page(c->file, c->args), *data;
		struct ocr_options opt = { .workers = c->workers };
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		size_t len;
		int rc;

		print_message("%s\n", c->what);
		read_file(path, &data, &len);
		if (c->bitmap) {
			struct mime_page_image b = bitmap_of(data, len);

			rc = ocr_read_bitmaps(&b, 1, &opt, &doc, &err);
			free(b.grey);
		} else {
			rc = ocr_read_image(data, len, &opt, &doc, &err);
		}
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
	}
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	rc = system(cmd);
	g_free(cmd);
	return rc == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const char *const pythons[] = { "/usr/bin/python3", "python3" };
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepare),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_read),
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
	return cmocka_run_group_tests(tests, setup, teardown);
}
