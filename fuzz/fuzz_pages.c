/* libFuzzer target: bytes as a fax attachment's page description, rendered
 * by mime_pdf_render() (poppler and cairo) or, for
 * bytes that start like PostScript, mime_ps_render() (Ghostscript in this
 * process).  Whatever the bytes: -1 with an error and nothing to free, or
 * at most FUZZ_MAX_PAGES pages within MIME_PAGE_MAX_PIXELS, every byte of
 * which is read (so the sanitizers see a short buffer).  Seeds in
 * fuzz/seeds/pages were written by tests/unit/test_pages
 * (OGI_PAGES_SEEDS=DIR).  Run by contrib/fuzz.sh pages. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mime/pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the pixels' sum goes, so that reading them is not optimised away. */
static volatile unsigned pixel_sum;

/* Fax resolution is 204 x 196; a quarter of it reads the same document
 * the same way in a sixteenth of the pixels (the search is ten times
 * faster), still with different horizontal and vertical resolutions.  A
 * page of metres is still over MIME_PAGE_MAX_PIXELS. */
#define FUZZ_XRES 51
#define FUZZ_YRES 49

/* Two pages show every path (the second page, the page limit); more only
 * slow the search down, each costing tens of milliseconds. */
#define FUZZ_MAX_PAGES 2

/* PostScript is a programming language, and Ghostscript cannot be
 * interrupted from outside: an input that loops would stop the run as a
 * timeout that says nothing about our code (in the worker, parse_cpu ends
 * it).  Inputs naming a looping operator are left out ("for" covers
 * forall, pathforall, resourceforall and filenameforall); recursion ends
 * on Ghostscript's stack limits. */
static const char *const looping[] = { "loop", "repeat", "for", "kshow", "cshow" };

static bool
is_postscript(const uint8_t *data, size_t size)
{
	return size >= 2 && data[0] == '%' && data[1] == '!';
}

static bool
may_loop(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < G_N_ELEMENTS(looping); i++)
		if (g_strstr_len((const char *)data, (gssize)size, looping[i]) != NULL)
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogi_error err = { .msg = "" };
	/* Sentinels: a failed render must leave nothing behind. */
	struct mime_page_image *pages = (void *)&pages;
	unsigned sum = 0;
	size_t n = 99;
	int rc;

	if (is_postscript(data, size)) {
		if (may_loop(data, size))
			return -1;  /* not added to the corpus */
		rc = mime_ps_render(data, size, FUZZ_XRES, FUZZ_YRES,
				    FUZZ_MAX_PAGES, &pages, &n, &err);
	} else {
		rc = mime_pdf_render(data, size, FUZZ_XRES, FUZZ_YRES,
				     FUZZ_MAX_PAGES, &pages, &n, &err);
	}
	if (rc != 0) {
		if (pages != NULL || n != 0 || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (n == 0 || n > FUZZ_MAX_PAGES)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct mime_page_image *p = &pages[i];

		if (p->width == 0 || p->height == 0 || p->stride < p->width ||
		    (unsigned long)p->width * p->height > MIME_PAGE_MAX_PIXELS ||
		    p->xres != FUZZ_XRES || p->yres != FUZZ_YRES)
			abort();
		for (size_t b = 0; b < (size_t)p->height * p->stride; b++)
			sum += p->grey[b];
	}
	pixel_sum = sum;
	mime_page_images_free(pages, n);
	return 0;
}
