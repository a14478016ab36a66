/* Photos of a form (src/ocr/photo.c, through ocr.h): a JPEG turned upright
 * by its Exif orientation, a HEIC decoded by libheif with its own
 * rotation, damaged Exif ignored, a HEIC over the pixel limit refused from
 * its header, and both decoders inside the parser worker's sandbox.
 *
 * Pictures are made at test time by tests/ocr/make-photo.py (PIL; HEIC by
 * heif-enc): a blank page with a large square in its top left corner and
 * a small one in its top right, which each of the eight turns and mirrors
 * moves elsewhere, and the office form of tests/ocr/make-page.py for the
 * two pages that are recognised (a sideways JPEG and a sideways HEIC).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

#include "ocr/ocr.h"
#include "ocr/photo.h"
#include "sandbox-fixture.h"
#include "tmpdir-fixture.h"

/* The corner page: make-photo.py --corners 600x800 draws its squares a
 * twentieth of the width from the edges, a sixth and a twelfth of the
 * width wide. */
#define PAGE_W 600
#define PAGE_H 800
#define BIG_IN 110           /* inside the big square (30-130), both axes,
                                and outside where the small one would be
                                mirrored to (30-80) */
#define SMALL_X 545          /* inside the small square (520-570) */
#define SMALL_Y 55           /* (30-80) */
#define BELOW_SMALL 110      /* blank under the small square, ink when
                                the big one is mirrored there */

static const char *python = "/usr/bin/python3";

static char *
make(const char *script, const char *name, const char *args)
{
	char *path = g_strdup_printf("%s/%s", tmpdir_fixture, name);
	char *cmd;

	if (access(path, R_OK) == 0)
		return path;
	cmd = g_strdup_printf("%s %s/tests/ocr/%s %s %s", python, OGI_SRCDIR,
	                      script, path, args);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	return path;
}

static GBytes *
photo(const char *name, const char *args)
{
	char *path = make("make-photo.py", name, args), *data;
	gsize len;

	assert_true(g_file_get_contents(path, &data, &len, NULL));
	g_free(path);
	return g_bytes_new_take(data, len);
}

/* The form page, upright, as make-page.py draws it (PNG, 204 x 196 dpi). */
static char *
form_page(void)
{
	return make("make-page.py", "form.png", "--format png");
}

static int
prepare(GBytes *b, unsigned long max_pixels, struct ocr_document **doc_r,
        struct ogi_error *err)
{
	struct ocr_options opt = { .max_pixels = max_pixels, .workers = 1 };
	gsize len;
	const void *data = g_bytes_get_data(b, &len);

	return ocr_prepare_image(data, len, &opt, doc_r, err);
}

/* Whether the prepared page is the corner page upright: its size, both
 * squares where they were drawn, and nothing in the corners they would
 * have been turned or mirrored to. */
static bool
upright_corners(const struct ocr_page *p)
{
	static const struct { unsigned x, y; bool ink; } probes[] = {
		{ BIG_IN, BIG_IN, true },
		{ SMALL_X, SMALL_Y, true },
		{ SMALL_X, BELOW_SMALL, false },
		{ BIG_IN, PAGE_H - BIG_IN, false },
		{ PAGE_W - BIG_IN, PAGE_H - BIG_IN, false },
		{ SMALL_X, PAGE_H - SMALL_Y, false },
	};
	png_image img;
	unsigned char *grey;
	bool ok = true;

	if (p->width != PAGE_W || p->height != PAGE_H)
		return false;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&img, p->png, p->png_len));
	img.format = PNG_FORMAT_GRAY;
	grey = malloc(PNG_IMAGE_SIZE(img));
	assert_non_null(grey);
	assert_true(png_image_finish_read(&img, NULL, grey, 0, NULL));
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		bool ink = grey[(size_t)probes[i].y * img.width + probes[i].x] < 128;

		if (ink != probes[i].ink)
			ok = false;
	}
	free(grey);
	return ok;
}

/* ---- turned upright ----------------------------------------------------- */

struct turn_case {
	const char *what, *file, *args;
};

static const struct turn_case turn_cases[] = {
	{ "JPEG, Orientation 1", "o1.jpg", "--corners 600x800 --orientation 1" },
	{ "JPEG, Orientation 2 (mirrored)", "o2.jpg", "--corners 600x800 --orientation 2" },
	{ "JPEG, Orientation 3 (upside down)", "o3.jpg", "--corners 600x800 --orientation 3" },
	{ "JPEG, Orientation 4", "o4.jpg", "--corners 600x800 --orientation 4" },
	{ "JPEG, Orientation 5", "o5.jpg", "--corners 600x800 --orientation 5" },
	{ "JPEG, Orientation 6 (phone held upright)", "o6.jpg",
	  "--corners 600x800 --orientation 6" },
	{ "JPEG, Orientation 7", "o7.jpg", "--corners 600x800 --orientation 7" },
	{ "JPEG, Orientation 8", "o8.jpg", "--corners 600x800 --orientation 8" },
	{ "HEIC", "c0.heic", "--corners 600x800 --heic" },
	{ "HEIC, irot 90", "c1.heic", "--corners 600x800 --heic --irot 1" },
	{ "HEIC, irot 180", "c2.heic", "--corners 600x800 --heic --irot 2" },
};

static void
test_turn(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof turn_cases / sizeof turn_cases[0]; i++) {
		const struct turn_case *c = &turn_cases[i];
		GBytes *b = photo(c->file, c->args);
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };

		print_message("%s\n", c->what);
		if (prepare(b, 0, &doc, &err) != 0)
			fail_msg("%s: %s", c->what, err.msg);
		assert_int_equal(doc->n_pages, 1);
		assert_int_equal(doc->n_problems, 0);
		assert_true(upright_corners(&doc->pages[0]));
		ocr_document_free(doc);
		g_bytes_unref(b);
	}
}

/* ---- damaged Exif ------------------------------------------------------- */

/* An APP1 Exif segment put right after the SOI of the upright corner page
 * (a JPEG without Exif): its TIFF structure has IFD0 at `ifd`, holding
 * `count` entries of which only the first is written (Orientation, as
 * type/n/value say; Make instead when there is a link), then a link to
 * the next IFD.  The segment's length field is its true length plus
 * seg_len_extra; when that is shorter, only as many bytes are written. */
struct exif_case {
	const char *what;
	bool big_endian;
	uint32_t ifd;
	uint16_t count, type;
	uint32_t n;
	uint16_t value;
	uint32_t next_ifd;
	int seg_len_extra;       /* added to the segment's length field */
	enum { TURNED, UPRIGHT, REFUSED } want;
};

#define SHORT 3
#define LONG 4

static const struct exif_case exif_cases[] = {
	{ "Orientation 6, little-endian", false, 8, 1, SHORT, 1, 6, 0, 0, TURNED },
	{ "Orientation 8, big-endian", true, 8, 1, SHORT, 1, 8, 0, 0, TURNED },
	{ "IFD0 past the end of the segment", false, 0xFFFFFFF0u, 1, SHORT, 1, 6, 0,
	  0, UPRIGHT },
	{ "IFD0 just past the end", false, 8 + 2 + 12 + 4, 1, SHORT, 1, 6, 0, 0,
	  UPRIGHT },
	{ "IFD0 inside the TIFF header", false, 0, 1, SHORT, 1, 6, 0, 0, UPRIGHT },
	{ "IFD0 linked to itself, the Orientation not in it", false, 8, 1, SHORT, 1,
	  6, 8, 0, UPRIGHT },
	{ "65535 entries in a segment of one", false, 8, 0xFFFF, SHORT, 1, 6, 0, 0,
	  UPRIGHT },
	{ "two entries in a segment of one", true, 8, 2, SHORT, 1, 6, 0, 0, UPRIGHT },
	{ "Orientation of type LONG", false, 8, 1, LONG, 1, 6, 0, 0, UPRIGHT },
	{ "Orientation with a count of 2", false, 8, 1, SHORT, 2, 6, 0, 0, UPRIGHT },
	{ "Orientation 9", false, 8, 1, SHORT, 1, 9, 0, 0, UPRIGHT },
	{ "Orientation 0", false, 8, 1, SHORT, 1, 0, 0, 0, UPRIGHT },
	{ "segment shorter than its TIFF header", false, 8, 1, SHORT, 1, 6, 0,
	  -(2 + 12 + 4 + 4), UPRIGHT },
	{ "segment length past the end of the file", false, 8, 1, SHORT, 1, 6, 0,
	  60000, REFUSED },
	{ "segment length 1", false, 8, 1, SHORT, 1, 6, 0, -(int)(6 + 26 + 1),
	  UPRIGHT },
};

static void
put16(unsigned char *p, bool be, unsigned v)
{
	p[be ? 0 : 1] = (unsigned char)(v >> 8);
	p[be ? 1 : 0] = (unsigned char)v;
}

static void
put32(unsigned char *p, bool be, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		p[be ? k : 3 - k] = (unsigned char)(v >> (24 - 8 * k));
}

static GBytes *
with_exif(GBytes *plain, const struct exif_case *c)
{
	unsigned char seg[4 + 6 + 8 + 2 + 12 + 4] = { 0xFF, 0xE1 };
	unsigned char *tiff = seg + 4 + 6;
	gsize len;
	const unsigned char *jpeg = g_bytes_get_data(plain, &len);
	GByteArray *out = g_byte_array_new();
	long declared = (long)sizeof seg - 2 + c->seg_len_extra;
	size_t written = sizeof seg;

	memcpy(seg + 4, "Exif\0", 6);
	memcpy(tiff, c->big_endian ? "MM" : "II", 2);
	put16(tiff + 2, c->big_endian, 42);
	put32(tiff + 4, c->big_endian, c->ifd);
	put16(tiff + 8, c->big_endian, c->count);
	/* With a link, IFD0 holds Make, and the Orientation would be in the
	 * IFD linked to: followed, the link would loop; IFD0 alone is read. */
	put16(tiff + 10, c->big_endian, c->next_ifd ? 0x010F : 0x0112);
	put16(tiff + 12, c->big_endian, c->type);
	put32(tiff + 14, c->big_endian, c->n);
	put16(tiff + 18, c->big_endian, c->value);
	put32(tiff + 22, c->big_endian, c->next_ifd);
	if (declared < 0)
		declared = 0;
	put16(seg + 2, true, (unsigned)declared);
	if ((size_t)declared + 2 < written)
		written = (size_t)declared + 2 < 4 ? 4 : (size_t)declared + 2;
	g_byte_array_append(out, jpeg, 2);
	g_byte_array_append(out, seg, (guint)written);
	g_byte_array_append(out, jpeg + 2, (guint)(len - 2));
	return g_byte_array_free_to_bytes(out);
}

static void
test_exif_damaged(void **state)
{
	GBytes *plain = photo("plain.jpg", "--corners 600x800 --orientation 1 --no-exif");

	(void)state;
	for (size_t i = 0; i < sizeof exif_cases / sizeof exif_cases[0]; i++) {
		const struct exif_case *c = &exif_cases[i];
		GBytes *b = with_exif(plain, c);
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		int rc;

		print_message("%s\n", c->what);
		rc = prepare(b, 0, &doc, &err);
		if (c->want == REFUSED) {
			assert_int_equal(rc, -1);
			assert_null(doc);
		} else {
			if (rc != 0)
				fail_msg("%s: %s", c->what, err.msg);
			assert_int_equal(doc->n_pages, 1);
			if (c->want == UPRIGHT) {
				assert_true(upright_corners(&doc->pages[0]));
			} else {
				assert_int_equal(doc->pages[0].width, PAGE_H);
				assert_int_equal(doc->pages[0].height, PAGE_W);
			}
		}
		ocr_document_free(doc);
		g_bytes_unref(b);
	}
	g_bytes_unref(plain);
}

/* The Exif parser reads nothing past its segment, nor past the file: each
 * damaged buffer has an Orientation 6 entry right where an over-read would
 * find it, so reading there would turn the page. */
#define EXIF_SOI 0xFF, 0xD8
#define EXIF_APP1(len) 0xFF, 0xE1, (len) >> 8, (len) & 0xFF, 'E', 'x', 'i', 'f', 0, 0
#define EXIF_TIFF_IFD(off) 'I', 'I', 42, 0, (off), 0, 0, 0
/* A count of one and its entry: Orientation, SHORT, one value, 6. */
#define EXIF_IFD_TURNED 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0

static const unsigned char exif_whole[] = {
	EXIF_SOI, EXIF_APP1(2 + 6 + 8 + 2 + 12), EXIF_TIFF_IFD(8), EXIF_IFD_TURNED,
	0xFF, 0xD9,
};
/* IFD0 at the segment's end: its count and entry lie just past it. */
static const unsigned char exif_ifd_past_segment[] = {
	EXIF_SOI, EXIF_APP1(2 + 6 + 8), EXIF_TIFF_IFD(8), EXIF_IFD_TURNED,
	0xFF, 0xD9,
};
/* The Exif complete, but the segment's length claims more than the file. */
static const unsigned char exif_segment_past_file[] = {
	EXIF_SOI, EXIF_APP1(0x100), EXIF_TIFF_IFD(8), EXIF_IFD_TURNED,
};

static void
test_exif_bounds(void **state)
{
	static const struct {
		const char *what;
		const unsigned char *data;
		size_t len;
		unsigned want;
	} cases[] = {
		{ "the entry inside its segment: turned", exif_whole,
		  sizeof exif_whole, 6 },
		{ "IFD0 at the segment's end, the entry past it: upright",
		  exif_ifd_past_segment, sizeof exif_ifd_past_segment, 1 },
		{ "a segment longer than the file: upright", exif_segment_past_file,
		  sizeof exif_segment_past_file, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = ocr_photo_jpeg_orientation(cases[i].data, cases[i].len);

		if (got != cases[i].want)
			fail_msg("%s: orientation %u", cases[i].what, got);
	}
}

/* ---- HEIC over the limits ----------------------------------------------- */

/* The primary image's ispe property (ISO/IEC 23008-12 6.5.3: full box,
 * then width and height, 32 bits each) claiming w x h. */
static GBytes *
claiming(GBytes *heic, uint32_t w, uint32_t h)
{
	gsize len;
	const unsigned char *d = g_bytes_get_data(heic, &len);
	unsigned char *copy = g_memdup2(d, len);
	unsigned char *ispe = memmem(copy, len, "ispe", 4);

	assert_non_null(ispe);
	assert_true((size_t)(ispe - copy) + 4 + 4 + 8 <= len);
	put32(ispe + 8, true, w);
	put32(ispe + 12, true, h);
	return g_bytes_new_take(copy, len);
}

struct limit_case {
	const char *what;
	uint32_t claim_w, claim_h;   /* 0: as encoded */
	unsigned long max_pixels;
	const char *problem;
};

static const struct limit_case limit_cases[] = {
	{ "600 x 800 over a limit of 100 000 pixels", 0, 0, 100000,
	  "600 x 800 pixels, over the limit of 100000 pixels" },
	{ "a header claiming 16000 x 16000 (256 Mpx)", 16000, 16000, 0,
	  "16000 x 16000 pixels, over the limit" },
	{ "a header claiming 20000 x 100 (a side over 16384)", 20000, 100, 0,
	  "20000 x 100 pixels, over the limit" },
	{ "a header claiming 800 x 600 of a 600 x 800 image", 800, 600, 0,
	  "page 1: unreadable" },
};

static void
test_heic_limits(void **state)
{
	GBytes *heic = photo("c0.heic", "--corners 600x800 --heic");

	(void)state;
	for (size_t i = 0; i < sizeof limit_cases / sizeof limit_cases[0]; i++) {
		const struct limit_case *c = &limit_cases[i];
		GBytes *b = c->claim_w ? claiming(heic, c->claim_w, c->claim_h) :
		            g_bytes_ref(heic);
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };

		print_message("%s\n", c->what);
		assert_int_equal(prepare(b, c->max_pixels, &doc, &err), -1);
		assert_null(doc);
		if (strstr(err.msg, c->problem) == NULL)
			fail_msg("%s: %s", c->what, err.msg);
		g_bytes_unref(b);
	}
	g_bytes_unref(heic);
}

/* ---- recognised --------------------------------------------------------- */

struct read_case {
	const char *what, *file, *how;
};

static const struct read_case read_cases[] = {
	{ "JPEG stored sideways, Orientation 6", "form6.jpg", "--orientation 6" },
	{ "HEIC stored sideways, irot 90", "form1.heic", "--heic --irot 1" },
};

static void
test_read(void **state)
{
	static const char *const want[] = { "姓名", "证件号码", "110101199003078515" };
	char *page = form_page();

	(void)state;
	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];
		char *args = g_strdup_printf("--page %s %s", page, c->how);
		GBytes *b = photo(c->file, args);
		struct ocr_document *doc = NULL;
		struct ogi_error err = { 0 };
		gsize len;
		const void *data = g_bytes_get_data(b, &len);
		GString *text = g_string_new(NULL);

		print_message("%s\n", c->what);
		if (ocr_read_image(data, len, NULL, &doc, &err) != 0)
			fail_msg("%s: %s", c->what, err.msg);
		assert_int_equal(doc->n_pages, 1);
		assert_true(doc->pages[0].width < doc->pages[0].height);
		for (const char *s = doc->pages[0].text; *s != '\0'; s++)
			if (*s != ' ')
				g_string_append_c(text, *s);
		for (size_t w = 0; w < sizeof want / sizeof want[0]; w++)
			if (strstr(text->str, want[w]) == NULL)
				fail_msg("%s: no %s in\n%s", c->what, want[w], text->str);
		g_string_free(text, TRUE);
		ocr_document_free(doc);
		g_bytes_unref(b);
		g_free(args);
	}
	g_free(page);
}

/* ---- inside the worker's sandbox ---------------------------------------- */

/* Decodes a sideways JPEG and a HEIC with irot after entering what the
 * parser worker runs under; exits 0 when both came out upright. */
static void
sandboxed_child(GBytes *const *pictures, size_t n)
{
	struct ogi_error err;

	if (sandbox_fixture_enter(&err) != 0) {
		fprintf(stderr, "sandbox: %s\n", err.msg);
		_exit(11);
	}
	for (size_t i = 0; i < n; i++) {
		struct ocr_document *doc = NULL;

		if (prepare(pictures[i], 0, &doc, &err) != 0) {
			fprintf(stderr, "sandboxed picture %zu: %s\n", i, err.msg);
			_exit(12);
		}
		if (!upright_corners(&doc->pages[0]))
			_exit(13);
		ocr_document_free(doc);
	}
	_exit(0);
}

static void
test_sandboxed(void **state)
{
	GBytes *pictures[] = {
		photo("o6.jpg", "--corners 600x800 --orientation 6"),
		photo("c1.heic", "--corners 600x800 --heic --irot 1"),
	};
	int status;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		sandboxed_child(pictures, sizeof pictures / sizeof pictures[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("sandboxed decoding: status %d", status);
	for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
		g_bytes_unref(pictures[i]);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turn),
		cmocka_unit_test(test_exif_damaged),
		cmocka_unit_test(test_exif_bounds),
		cmocka_unit_test(test_heic_limits),
		cmocka_unit_test(test_sandboxed),
		cmocka_unit_test(test_read),
	};

	(void)argc;
	/* libgomp reads the limit when it is loaded: set, then run again. */
	if (!ocr_threads_limited()) {
		setenv(OCR_THREAD_VAR, "1", 1);
		execv("/proc/self/exe", argv);
		return 1;
	}
	if (system("/usr/bin/python3 -c 'import PIL' 2>/dev/null") != 0 ||
	    system("heif-enc --help >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_photo: needs /usr/bin/python3 with PIL and "
		        "heif-enc (python3-pil, libheif-examples): skipped\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, tmpdir_fixture_setup,
	                              tmpdir_fixture_teardown);
}
