/* Page descriptions (PDF, PostScript) rendered into grey bitmaps for OCR.
 *
 * Faxes that a fax server mails as PDF or PostScript are rendered at the
 * fax's own resolution (204 x 196 dpi for a fine fax), never read by
 * extracting the images a PDF embeds (often resampled to 72 dpi).  PDF goes
 * through poppler-glib and cairo (pages.c), PostScript through Ghostscript's
 * C API in this process (ps.c, the only file that includes iapi.h), its
 * raster captured from its standard output: nothing here writes a file,
 * forks or executes anything, so it runs inside the parser worker's
 * seccomp filter.  Poppler, cairo and Ghostscript types stay behind this
 * header.
 *
 * Both functions block for CPU only, bounded by max_pages and by
 * MIME_PAGE_MAX_PIXELS per page; a page over that bound fails the whole
 * document with an error naming the page and its size.
 *
 * The images a PDF page embeds (JBIG2, JPX, DCT, Flate) are decoded by
 * poppler at their own size, whatever the page's: poppler-glib 22.12 tells
 * an image's area on the page (poppler_page_get_image_mapping) but not its
 * pixel size, and poppler_page_get_image decodes the image to tell it.  So
 * an image bomb in a PDF is bounded only by the parser worker's address
 * space (parse_memory): poppler's allocation fails, or the worker dies,
 * and the message goes to a clerk either way.
 */
#ifndef OGI_MIME_PAGES_H
#define OGI_MIME_PAGES_H

#include <stddef.h>

#include "common/error.h"

/* Resolution of a fine fax page, the one to render faxes at (an A4 page is
 * then 1728 pixels wide, as a fax machine scans it). */
#define MIME_FAX_XRES 204
#define MIME_FAX_YRES 196

/* Pixels one page may have: an A3 page at fine fax resolution is 7.7
 * million, twice that leaves room for any real paper size; a page declaring
 * metres (a hostile or broken MediaBox) would otherwise take gigabytes. */
#define MIME_PAGE_MAX_PIXELS (16UL * 1000 * 1000)

struct mime_page_image {
	unsigned width, height;   /* pixels */
	unsigned xres, yres;      /* dots per inch the page was rendered at */
	size_t stride;            /* bytes per row, >= width */
	unsigned char *grey;      /* 8-bit grey, 0 = black, 255 = white;
	                             height * stride bytes; owned */
};

/* Renders the pages of a PDF document (data, len: the whole file) at
 * xres x yres dots per inch, at most max_pages of them (the first ones;
 * a longer document is not an error).  On success *pages_r is an array of
 * *n_r >= 1 images, owned by the caller: mime_page_images_free().
 * Returns -1 with err (naming the page when one page is at fault) for a
 * damaged or encrypted document, a page over MIME_PAGE_MAX_PIXELS, a
 * resolution of 0 or over 1200 dpi, or no page; nothing to free then. */
int mime_pdf_render(const void *data, size_t len, unsigned xres,
		    unsigned yres, unsigned max_pages,
		    struct mime_page_image **pages_r, size_t *n_r,
		    struct ogi_error *err);

/* The same for a PostScript document (also EPS; a PDF, told by "%PDF-" in
 * its first kilobyte, is handed to mime_pdf_render()).  Ghostscript runs
 * with -dSAFER: the document may open none but Ghostscript's own resource
 * and font files.  Ghostscript allows one interpreter per process: calls
 * from several threads take turns.  A document that loops forever is
 * stopped only by the worker's CPU limit (parse_cpu). */
int mime_ps_render(const void *data, size_t len, unsigned xres,
		   unsigned yres, unsigned max_pages,
		   struct mime_page_image **pages_r, size_t *n_r,
		   struct ogi_error *err);

/* Frees n images and the array; NULL is fine. */
void mime_page_images_free(struct mime_page_image *pages, size_t n);

#endif
