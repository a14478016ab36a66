/* What the letter, address-sheet and annual-report renderers (render.c,
 * sheet.c, table.c) share of libharu: a document set up the one way they
 * all draw (compressed, UTF-8 text), the first error libharu reports on
 * it, its bytes, and saving them under their final name.  pdfdoc.c and
 * those three are the only files that include hpdf.h (this header does);
 * nothing outside src/letter/ includes it.
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

/* The whole of pdf as PDF bytes, into *bytes_r (the caller g_free()s it)
 * and *len_r; he is the document's error record (letter_pdf_new's).
 * Returns 0, or -1 with err set (naming libharu's error) and nothing to
 * free. */
int letter_pdf_bytes(HPDF_Doc pdf, const struct letter_pdf_err *he,
		     unsigned char **bytes_r, size_t *len_r,
		     struct ogi_error *err);

/* Writes len bytes to a new file of mode 0600 beside out_path, syncs it,
 * renames it over out_path and syncs the directory, so out_path is the old
 * file or the whole new one, after a power failure too.  Blocks on the
 * disk (write, fsync).  Returns 0, or -1 with err set (of store scope,
 * temporary) and no temporary file left behind.  When only the sync of
 * the directory fails, after the rename, out_path is already the whole
 * new file on -1: a caller that tries again writes it again; none may
 * take out_path for the old file then. */
int letter_pdf_write(const void *bytes, size_t len, const char *out_path,
		     struct ogi_error *err);

/* letter_pdf_bytes, then letter_pdf_write: pdf saved as out_path.  Blocks
 * on the disk.  Returns 0, or -1 with err set. */
int letter_pdf_save(HPDF_Doc pdf, const struct letter_pdf_err *he,
		    const char *out_path, struct ogi_error *err);

#endif
