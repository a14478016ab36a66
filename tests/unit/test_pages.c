/* Page rendering for OCR (mime/pages.h): PDF and PostScript documents made
 * here -- PDF and PostScript by cairo, and a plain hand-written PostScript
 * like the ones fax servers and old drivers print -- rendered at fax
 * resolution; each page's size in pixels, and ink where the page drew it
 * (a box that moves with the page number, a line of text) and none where
 * it drew nothing.  Limits: max_pages, a page declaring 5 m x 5 m,
 * garbage, truncated files.  Last, both renderers inside the parser
 * worker's confinement (parser_confine_limits and parser_confine_sandbox:
 * its limits and seccomp filter) in an empty directory that must stay
 * empty.
 *
 * OGI_PAGES_SEEDS=DIR ./tests/unit/test_pages also writes each document
 * that renders to DIR (how fuzz/seeds/pages was made). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "mime/pages.h"
#include "sandbox-fixture.h"

#define PT_PER_INCH 72.0

/* A4 in points, and the 5 m x 5 m page a hostile MediaBox declares. */
#define A4_W 595.28
#define A4_H 841.89
#define HUGE_PT 14173.0

/* The box page i draws: BOX_W x BOX_H points at (BOX_X, BOX_Y + i *
 * BOX_STEP) from the top left corner, so page order shows. */
#define BOX_X 72.0
#define BOX_Y 72.0
#define BOX_STEP 120.0
#define BOX_W 100.0
#define BOX_H 60.0

/* "Page N" in FONT_PT type, its baseline at TEXT_Y. */
#define TEXT_X 72.0
#define TEXT_Y 500.0
#define FONT_PT 36.0
#define TEXT_W 130.0   /* "Page 1" at 36 pt is about 100 pt wide */

/* Where no page draws anything. */
#define BLANK_X 300.0
#define BLANK_Y 600.0
#define BLANK_W 200.0
#define BLANK_H 150.0

/* Rendered size: within this many pixels of the page size times the
 * resolution (poppler rounds up, Ghostscript to nearest). */
#define SIZE_SLACK 2

/* Dark = below mid-grey.  A filled box is dark all over except its
 * anti-aliased edges, which a margin leaves out; text covers part of its
 * line; a blank area has not a pixel. */
#define DARK_LEVEL 128
#define BOX_MARGIN 3.0       /* points left out on each side of the box */
#define BOX_MIN_DARK 0.98
#define TEXT_MIN_DARK 0.05
#define TEXT_MAX_DARK 0.6
#define BLANK_MAX_DARK 0.0

typedef int (*render_fn)(const void *, size_t, unsigned, unsigned, unsigned,
			 struct mime_page_image **, size_t *, struct ogi_error *);

enum doc_kind { DOC_PDF, DOC_PS_CAIRO, DOC_PS_PLAIN };
enum mangle { KEEP, TRUNCATE, GARBAGE };

/* --- documents ------------------------------------------------------------- */

static cairo_status_t
append(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
cairo_page(cairo_surface_t *surface, unsigned i)
{
	cairo_t *cr = cairo_create(surface);
	char text[32];

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_rectangle(cr, BOX_X, BOX_Y + i * BOX_STEP, BOX_W, BOX_H);
	cairo_fill(cr);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, FONT_PT);
	cairo_move_to(cr, TEXT_X, TEXT_Y);
	snprintf(text, sizeof(text), "Page %u", i + 1);
	cairo_show_text(cr, text);
	cairo_show_page(cr);
	cairo_destroy(cr);
}

/* n pages of w x h points; page huge (from 1, 0: none) is 5 m square. */
static GByteArray *
make_cairo(enum doc_kind kind, unsigned n, double w, double h, unsigned huge)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *s;

	if (kind == DOC_PDF)
		s = cairo_pdf_surface_create_for_stream(append, out, w, h);
	else
		s = cairo_ps_surface_create_for_stream(append, out, w, h);
	for (unsigned i = 0; i < n; i++) {
		double pw = i + 1 == huge ? HUGE_PT : w, ph = i + 1 == huge ? HUGE_PT : h;

		if (kind == DOC_PDF)
			cairo_pdf_surface_set_size(s, pw, ph);
		else
			cairo_ps_surface_set_size(s, pw, ph);
		cairo_page(s, i);
	}
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return out;
}

/* The same drawing written by hand: PostScript's origin is bottom left. */
static GByteArray *
make_plain_ps(unsigned n, double w, double h, unsigned huge)
{
	GString *ps = g_string_new("%!PS-Adobe-3.0\n");

	g_string_append_printf(ps, "%%%%Pages: %u\n%%%%EndComments\n", n);
	for (unsigned i = 0; i < n; i++) {
		double pw = i + 1 == huge ? HUGE_PT : w, ph = i + 1 == huge ? HUGE_PT : h;

		g_string_append_printf(ps,
			"%%%%Page: %u %u\n"
			"<< /PageSize [%.2f %.2f] >> setpagedevice\n"
			"0 setgray %.2f %.2f %.2f %.2f rectfill\n"
			"/Helvetica findfont %.1f scalefont setfont\n"
			"%.2f %.2f moveto (Page %u) show\nshowpage\n",
			i + 1, i + 1, pw, ph,
			BOX_X, ph - (BOX_Y + i * BOX_STEP) - BOX_H, BOX_W, BOX_H,
			FONT_PT, TEXT_X, ph - TEXT_Y, i + 1);
	}
	g_string_append(ps, "%%EOF\n");
	return g_bytes_unref_to_array(g_string_free_to_bytes(ps));
}

static GByteArray *
make_doc(enum doc_kind kind, unsigned n, double w, double h, unsigned huge,
	 enum mangle mangle)
{
	GByteArray *doc = kind == DOC_PS_PLAIN ? make_plain_ps(n, w, h, huge) :
			  make_cairo(kind, n, w, h, huge);

	if (mangle == TRUNCATE) {
		g_byte_array_set_size(doc, doc->len / 2);
	} else if (mangle == GARBAGE) {
		/* Keeps the magic, so the reader gets past its first check. */
		for (guint i = 8; i < doc->len; i++)
			doc->data[i] = (guint8)(i * 7919u >> 3);
	}
	return doc;
}

/* --- checks ----------------------------------------------------------------- */

/* Fraction of dark pixels in the rectangle given in points from the top
 * left corner. */
static double
dark_fraction(const struct mime_page_image *img, double x, double y,
	      double w, double h)
{
	unsigned x0 = (unsigned)(x * img->xres / PT_PER_INCH);
	unsigned y0 = (unsigned)(y * img->yres / PT_PER_INCH);
	unsigned x1 = (unsigned)((x + w) * img->xres / PT_PER_INCH);
	unsigned y1 = (unsigned)((y + h) * img->yres / PT_PER_INCH);
	unsigned long dark = 0, all = 0;

	assert_true(x1 <= img->width && y1 <= img->height && x0 < x1 && y0 < y1);
	for (unsigned r = y0; r < y1; r++)
		for (unsigned c = x0; c < x1; c++) {
			dark += img->grey[r * img->stride + c] < DARK_LEVEL;
			all++;
		}
	return (double)dark / (double)all;
}

static void
check_size(unsigned got, double pt, unsigned res)
{
	double want = pt * res / PT_PER_INCH;

	if (fabs(got - want) > SIZE_SLACK)
		fail_msg("%u pixels, want %.1f", got, want);
}

/* Page i (from 0) of a w x h point document, as drawn above. */
static void
check_page(const struct mime_page_image *img, unsigned i, double w, double h,
	   unsigned xres, unsigned yres)
{
	double box, text, blank;

	assert_int_equal(img->xres, xres);
	assert_int_equal(img->yres, yres);
	assert_true(img->stride >= img->width);
	check_size(img->width, w, xres);
	check_size(img->height, h, yres);
	box = dark_fraction(img, BOX_X + BOX_MARGIN, BOX_Y + i * BOX_STEP + BOX_MARGIN,
			    BOX_W - 2 * BOX_MARGIN, BOX_H - 2 * BOX_MARGIN);
	text = dark_fraction(img, TEXT_X, TEXT_Y - FONT_PT, TEXT_W, FONT_PT);
	blank = dark_fraction(img, BLANK_X, BLANK_Y, BLANK_W, BLANK_H);
	if (box < BOX_MIN_DARK || text < TEXT_MIN_DARK || text > TEXT_MAX_DARK ||
	    blank > BLANK_MAX_DARK)
		fail_msg("page %u: box %.3f dark, text %.3f, blank %.3f", i + 1,
			 box, text, blank);
	/* The next page's box is not on this one. */
	if (dark_fraction(img, BOX_X, BOX_Y + (i + 1) * BOX_STEP, BOX_W, BOX_H) > 0)
		fail_msg("page %u: the box of page %u", i + 1, i + 2);
}

/* --- the table -------------------------------------------------------------- */

struct render_case {
	const char *name;
	enum doc_kind kind;
	render_fn render;
	unsigned pages;       /* the document's */
	double w, h;          /* page size, points */
	unsigned huge;        /* this page (from 1) is 5 m x 5 m; 0: none */
	enum mangle mangle;
	unsigned xres, yres, max_pages;
	int rc;
	size_t n;             /* images expected */
	const char *error;    /* in the error message when rc is -1 */
};

/* 215 mm, the width a fax machine scans: 1728 pixels at 204 dpi. */
#define FAX_W (1728 * PT_PER_INCH / MIME_FAX_XRES)

static const struct render_case cases[] = {
	{ "pdf: 2 A4 pages, fine fax", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, 0, 2, NULL },
	{ "pdf: a page as wide as a fax scans", DOC_PDF, mime_pdf_render, 1, FAX_W, A4_H, 0,
	  KEEP, MIME_FAX_XRES, MIME_FAX_YRES, 10, 0, 1, NULL },
	{ "pdf: normal fax resolution", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, 98, 10, 0, 2, NULL },
	{ "pdf: max_pages 1 of 3", DOC_PDF, mime_pdf_render, 3, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 1, 0, 1, NULL },
	{ "pdf: a 5 m page", DOC_PDF, mime_pdf_render, 1, A4_W, A4_H, 1, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "page 1 is" },
	{ "pdf: page 2 of 2 is 5 m", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 2, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "page 2 is" },
	{ "pdf: a 5 m page past max_pages", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 2,
	  KEEP, MIME_FAX_XRES, MIME_FAX_YRES, 1, 0, 1, NULL },
	{ "pdf: garbage", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 0, GARBAGE,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "PDF" },
	{ "pdf: truncated", DOC_PDF, mime_pdf_render, 2, A4_W, A4_H, 0, TRUNCATE,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "PDF" },
	{ "pdf: resolution 0", DOC_PDF, mime_pdf_render, 1, A4_W, A4_H, 0, KEEP,
	  0, MIME_FAX_YRES, 10, -1, 0, "resolution" },
	{ "pdf: max_pages 0", DOC_PDF, mime_pdf_render, 1, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 0, -1, 0, "max_pages" },
	{ "pdf: given to the PostScript renderer", DOC_PDF, mime_ps_render, 2, A4_W, A4_H,
	  0, KEEP, MIME_FAX_XRES, MIME_FAX_YRES, 10, 0, 2, NULL },

	{ "ps: 2 A4 pages by cairo", DOC_PS_CAIRO, mime_ps_render, 2, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, 0, 2, NULL },
	{ "ps: 2 A4 pages by hand", DOC_PS_PLAIN, mime_ps_render, 2, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, 0, 2, NULL },
	{ "ps: normal fax resolution", DOC_PS_PLAIN, mime_ps_render, 2, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, 98, 10, 0, 2, NULL },
	{ "ps: max_pages 2 of 3", DOC_PS_CAIRO, mime_ps_render, 3, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 2, 0, 2, NULL },
	{ "ps: a 5 m page", DOC_PS_PLAIN, mime_ps_render, 1, A4_W, A4_H, 1, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "page 1 is" },
	{ "ps: page 2 of 2 is 5 m", DOC_PS_PLAIN, mime_ps_render, 2, A4_W, A4_H, 2, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "page 2 is" },
	{ "ps: a 5 m page past max_pages", DOC_PS_PLAIN, mime_ps_render, 2, A4_W, A4_H, 2,
	  KEEP, MIME_FAX_XRES, MIME_FAX_YRES, 1, 0, 1, NULL },
	{ "ps: a 5 m page by cairo", DOC_PS_CAIRO, mime_ps_render, 1, A4_W, A4_H, 1, KEEP,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "page 1 is" },
	{ "ps: garbage", DOC_PS_PLAIN, mime_ps_render, 2, A4_W, A4_H, 0, GARBAGE,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "PostScript" },
	{ "ps: truncated", DOC_PS_CAIRO, mime_ps_render, 2, A4_W, A4_H, 0, TRUNCATE,
	  MIME_FAX_XRES, MIME_FAX_YRES, 10, -1, 0, "PostScript" },
	{ "ps: resolution over 1200", DOC_PS_PLAIN, mime_ps_render, 1, A4_W, A4_H, 0, KEEP,
	  MIME_FAX_XRES, 4800, 10, -1, 0, "resolution" },
};

static void
save_seed(size_t i, const struct render_case *c, const GByteArray *doc)
{
	const char *dir = g_getenv("OGI_PAGES_SEEDS");
	char *name, *path;

	if (dir == NULL || c->rc != 0)
		return;
	name = g_strdup_printf("case%02zu.%s", i, c->kind == DOC_PDF ? "pdf" : "ps");
	path = g_build_filename(dir, name, NULL);
	assert_true(g_file_set_contents(path, (const char *)doc->data, doc->len, NULL));
	g_free(path);
	g_free(name);
}

static void
run_case(size_t i, const struct render_case *c)
{
	GByteArray *doc = make_doc(c->kind, c->pages, c->w, c->h, c->huge, c->mangle);
	struct mime_page_image *pages = (void *)&pages;  /* must be reset */
	struct ogi_error err = { .msg = "" };
	size_t n = 99;
	int rc;

	rc = c->render(doc->data, doc->len, c->xres, c->yres, c->max_pages,
		       &pages, &n, &err);
	if (rc != c->rc)
		fail_msg("%s: returned %d (%s), want %d", c->name, rc, err.msg, c->rc);
	if (rc != 0) {
		assert_null(pages);
		assert_int_equal(n, 0);
		if (strstr(err.msg, c->error) == NULL)
			fail_msg("%s: error \"%s\" does not say \"%s\"", c->name,
				 err.msg, c->error);
	} else {
		if (n != c->n)
			fail_msg("%s: %zu pages, want %zu", c->name, n, c->n);
		for (size_t p = 0; p < n; p++)
			check_page(&pages[p], (unsigned)p, c->w, c->h, c->xres, c->yres);
	}
	mime_page_images_free(pages, n);
	save_seed(i, c, doc);
	g_byte_array_unref(doc);
}

static void
test_render(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		run_case(i, &cases[i]);
}

static void
test_free_null(void **state)
{
	(void)state;
	mime_page_images_free(NULL, 0);
}

/* --- inside the worker's sandbox ------------------------------------------- */

/* Renders a PDF and a hand-written PostScript after entering what the
 * parser worker runs under; exits 0 when both came out right. */
static void
sandboxed_child(const char *dir)
{
	GByteArray *pdf = make_doc(DOC_PDF, 2, A4_W, A4_H, 0, KEEP);
	GByteArray *ps = make_doc(DOC_PS_PLAIN, 2, A4_W, A4_H, 0, KEEP);
	struct mime_page_image *pages;
	struct ogi_error err;
	size_t n;

	/* A renderer's scratch file would land in dir, which the parent
	 * checks is still empty. */
	if (chdir(dir) != 0 || setenv("TMPDIR", dir, 1) != 0)
		_exit(11);
	if (sandbox_fixture_enter(&err) != 0) {
		fprintf(stderr, "sandbox: %s\n", err.msg);
		_exit(11);
	}
	if (mime_pdf_render(pdf->data, pdf->len, MIME_FAX_XRES, MIME_FAX_YRES, 10,
			    &pages, &n, &err) != 0 || n != 2) {
		fprintf(stderr, "sandboxed PDF: %s\n", err.msg);
		_exit(12);
	}
	mime_page_images_free(pages, n);
	if (mime_ps_render(ps->data, ps->len, MIME_FAX_XRES, MIME_FAX_YRES, 10,
			   &pages, &n, &err) != 0 || n != 2) {
		fprintf(stderr, "sandboxed PostScript: %s\n", err.msg);
		_exit(13);
	}
	mime_page_images_free(pages, n);
	_exit(0);
}

static void
test_sandboxed(void **state)
{
	char *dir = g_dir_make_tmp("ogi-test.pages.XXXXXX", NULL);
	GDir *d;
	int status;
	pid_t pid;

	(void)state;
	assert_non_null(dir);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		sandboxed_child(dir);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("sandboxed rendering: status %d", status);
	d = g_dir_open(dir, 0, NULL);
	assert_non_null(d);
	assert_null(g_dir_read_name(d));
	g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_sandboxed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
