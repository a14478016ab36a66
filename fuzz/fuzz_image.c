/* libFuzzer target: bytes as an image attachment's, through
 * ocr_prepare_image() -- format detection, the header checks, Leptonica's
 * TIFF (G3/G4, multipage), PNG and JPEG decoders, binarisation, stretching
 * to square pixels, deskew, speck removal and the PNG kept for review:
 * everything ocr_read_image() does before Tesseract, which is too slow to
 * fuzz.  Whatever it returns must be consistent: -1 with an error line, or
 * pages with a decodable size and PNG bytes.  Seeds in fuzz/seeds/image
 * (small pages in each format).  Run by contrib/fuzz.sh image. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ocr/ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A page of 1 Mpx decodes and deskews in milliseconds; the full page
 * limit would spend the fuzzer's time on a few large inputs. */
#define FUZZ_MAX_PIXELS 1000000ul
#define FUZZ_MAX_PAGES 4u

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ocr_options opt = {
		.max_pages = FUZZ_MAX_PAGES,
		.max_pixels = FUZZ_MAX_PIXELS,
		.workers = 1,
	};
	/* A sentinel: a failure must leave no document behind. */
	struct ocr_document *doc = (void *)&doc;
	struct ogi_error err = { .msg = "" };

	if (ocr_prepare_image(data, size, &opt, &doc, &err) != 0) {
		if (doc != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (doc == NULL || doc->n_pages == 0 || doc->n_pages > FUZZ_MAX_PAGES)
		abort();
	for (size_t i = 0; i < doc->n_pages; i++) {
		const struct ocr_page *p = &doc->pages[i];

		if (p->png == NULL || p->png_len == 0 || p->width == 0 ||
		    p->height == 0 || p->text == NULL || p->n_words != 0)
			abort();
	}
	ocr_document_free(doc);
	return 0;
}
