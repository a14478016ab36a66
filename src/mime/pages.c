/* PDF pages rendered with poppler into cairo image surfaces, then made
 * grey; and what the PDF and PostScript renderers share: the limits on
 * resolution and page size, and the image array.
 *
 * poppler_page_render_for_printing(), not the display variant: a fax is
 * what the document looks like on paper (form field values printed, the
 * annotations that are hidden when printing left out). */
#include "mime/pages.h"
#include "mime/mime-private.h"
#include "mime/pdf-private.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

/* Points per inch: PDF and PostScript page sizes are in points. */
#define POINTS_PER_INCH 72.0

/* Over this resolution a fax page would be a photograph: a caller asking
 * for more has a bug, and a page at it is already near the pixel bound. */
#define MAX_RESOLUTION 1200

/* ITU-R BT.601 luma weights, in thousandths: the grey a fax machine's
 * scanner sees of coloured ink, near enough for OCR. */
#define LUMA_R 299
#define LUMA_G 587
#define LUMA_B 114
#define LUMA_SCALE 1000

int
mime_pages_check_args(const void *data, size_t len, unsigned xres,
		      unsigned yres, unsigned max_pages, const char *what,
		      struct ogi_error *err)
{
	if (data == NULL || len == 0) {
		error_set(err, "%s: empty document", what);
		return -1;
	}
	if (xres == 0 || yres == 0 || xres > MAX_RESOLUTION || yres > MAX_RESOLUTION) {
		error_set(err, "%s: resolution %u x %u dpi outside 1..%u", what,
			  xres, yres, MAX_RESOLUTION);
		return -1;
	}
	if (max_pages == 0) {
		error_set(err, "%s: no page may be rendered (max_pages 0)", what);
		return -1;
	}
	return 0;
}

int
mime_pages_check_size(const char *what, unsigned page, double width,
		      double height, unsigned xres, unsigned yres,
		      struct ogi_error *err)
{
	/* Compared as doubles: a hostile size overflows any integer type. */
	if (!(width >= 1 && height >= 1) ||
	    width * height > (double)MIME_PAGE_MAX_PIXELS) {
		error_set(err, "%s: page %u is %.0f x %.0f pixels (%.0f x %.0f mm "
			  "at %u x %u dpi), over the limit of %lu pixels a page",
			  what, page, width, height, width / xres * 25.4,
			  height / yres * 25.4, xres, yres, MIME_PAGE_MAX_PIXELS);
		return -1;
	}
	return 0;
}

int
mime_pages_add(GArray *pages, unsigned width, unsigned height,
	       unsigned xres, unsigned yres, struct mime_page_image **image_r)
{
	struct mime_page_image img = {
		.width = width, .height = height, .xres = xres, .yres = yres,
		.stride = width,
	};

	img.grey = malloc((size_t)height * img.stride);
	if (img.grey == NULL)
		return -1;
	g_array_append_val(pages, img);
	*image_r = &g_array_index(pages, struct mime_page_image, pages->len - 1);
	return 0;
}

void
mime_pages_take(GArray *pages, struct mime_page_image **pages_r, size_t *n_r)
{
	*n_r = pages->len;
	*pages_r = (struct mime_page_image *)(void *)g_array_free(pages, FALSE);
}

void
mime_pages_discard(GArray *pages)
{
	for (guint i = 0; i < pages->len; i++)
		free(g_array_index(pages, struct mime_page_image, i).grey);
	g_array_free(pages, TRUE);
}

void
mime_page_images_free(struct mime_page_image *pages, size_t n)
{
	if (pages == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(pages[i].grey);
	g_free(pages);
}

static void
surface_to_grey(cairo_surface_t *surface, struct mime_page_image *img)
{
	const unsigned char *src = cairo_image_surface_get_data(surface);
	size_t src_stride = (size_t)cairo_image_surface_get_stride(surface);

	for (unsigned y = 0; y < img->height; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(src + y * src_stride);
		unsigned char *out = img->grey + y * img->stride;

		for (unsigned x = 0; x < img->width; x++) {
			uint32_t p = row[x];  /* CAIRO_FORMAT_RGB24: native 0x00RRGGBB */
			unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

			out[x] = (unsigned char)((r * LUMA_R + g * LUMA_G + b * LUMA_B +
						  LUMA_SCALE / 2) / LUMA_SCALE);
		}
	}
}

/* Renders page index i of doc into pages. */
static int
render_page(PopplerDocument *doc, int i, unsigned xres, unsigned yres,
	    GArray *pages, struct ogi_error *err)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	struct mime_page_image *img;
	cairo_surface_t *surface;
	double wpt, hpt, w, h;
	cairo_t *cr;
	int rc = -1;

	if (page == NULL) {
		error_set(err, "PDF: page %d unreadable", i + 1);
		return -1;
	}
	poppler_page_get_size(page, &wpt, &hpt);
	w = ceil(wpt * xres / POINTS_PER_INCH);
	h = ceil(hpt * yres / POINTS_PER_INCH);
	if (mime_pages_check_size("PDF", (unsigned)i + 1, w, h, xres, yres, err) != 0)
		goto out;
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		error_set(err, "PDF: page %d: cannot render %.0f x %.0f pixels: %s",
			  i + 1, w, h,
			  cairo_status_to_string(cairo_surface_status(surface)));
		cairo_surface_destroy(surface);
		goto out;
	}
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, xres / POINTS_PER_INCH, yres / POINTS_PER_INCH);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	if (mime_pages_add(pages, (unsigned)w, (unsigned)h, xres, yres, &img) != 0) {
		error_set(err, "PDF: page %d: no memory for %.0f x %.0f pixels",
			  i + 1, w, h);
	} else {
		surface_to_grey(surface, img);
		rc = 0;
	}
	cairo_surface_destroy(surface);
out:
	g_object_unref(page);
	return rc;
}

int
mime_pdf_render(const void *data, size_t len, unsigned xres, unsigned yres,
		unsigned max_pages, struct mime_page_image **pages_r,
		size_t *n_r, struct ogi_error *err)
{
	PopplerDocument *doc;
	GArray *pages;
	char *why;
	int n;

	*pages_r = NULL;
	*n_r = 0;
	if (mime_pages_check_args(data, len, xres, yres, max_pages, "PDF", err) != 0)
		return -1;
	doc = mime_pdf_open(data, len, &why);
	if (doc == NULL) {
		error_set(err, "PDF unreadable: %s", why);
		g_free(why);
		return -1;
	}
	n = poppler_document_get_n_pages(doc);
	if (n <= 0) {
		error_set(err, "PDF has no page");
		g_object_unref(doc);
		return -1;
	}
	if ((unsigned)n > max_pages)
		n = (int)max_pages;
	pages = g_array_sized_new(FALSE, FALSE, sizeof(struct mime_page_image),
				  (guint)n);
	for (int i = 0; i < n; i++) {
		if (render_page(doc, i, xres, yres, pages, err) != 0) {
			mime_pages_discard(pages);
			g_object_unref(doc);
			return -1;
		}
	}
	g_object_unref(doc);
	mime_pages_take(pages, pages_r, n_r);
	return 0;
}
