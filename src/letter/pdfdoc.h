/* What the letter, address-sheet and annual-report renderers (render.c,
 * sheet.c, table.c) share of libharu: a document set up the one way they
 * all draw (compressed, UTF-8 text), the first error libharu reports on
 * it, and saving it under its final name.  With those three, the only
 * file that includes hpdf.h; nothing outside src/letter/ includes this.
 */
#ifndef OGI_LETTER_PDFDOC_H
#define OGI_LETTER_PDFDOC_H

#include <hpdf.h>

#include "common/error.h"

/* The first error libharu reported on a document; no 0 while none has. */
struct letter_pdf_err {
	HPDF_STATUS no, detail;
};

/* A new document, every stream compressed, text in UTF-8, which reports
 * its errors into *he (cleared here; it must outlive the document).
 * Returns it (HPDF_Free), or NULL with err set. */
HPDF_Doc letter_pdf_new(struct letter_pdf_err *he, struct ogi_error *err);

/* Sets err to libharu's error he, met while doing what ("drawing the
 * table").  Returns -1, for `return letter_pdf_fail(...)`. */
int letter_pdf_fail(const struct letter_pdf_err *he, const char *what,
		    struct ogi_error *err);

/* Writes pdf to a new file of mode 0600 beside out_path, syncs it and
 * renames it over out_path, so out_path is the old file or the whole new
 * one.  Returns 0, or -1 with err set (of store scope) and no file left
 * behind. */
int letter_pdf_save(HPDF_Doc pdf, const char *out_path, struct ogi_error *err);

#endif
