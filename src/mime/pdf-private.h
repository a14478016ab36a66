/* What the two PDF readers of the MIME module share: pdftext.c (the text
 * of a PDF attachment) and pages.c (a faxed PDF's pages as bitmaps).
 * Only those two include this; it is the poppler-glib side of
 * mime-private.h, kept apart so that the tests and fuzz targets which
 * include that one need no poppler headers.
 */
#ifndef OGI_MIME_PDF_PRIVATE_H
#define OGI_MIME_PDF_PRIVATE_H

#include <stddef.h>

#include <poppler.h>

/* The PDF in the len bytes at data, which are not copied and must outlive
 * the document (g_object_unref).  NULL when poppler cannot read it, with
 * its reason in *why_r (g_free). */
PopplerDocument *mime_pdf_open(const void *data, size_t len, char **why_r);

#endif
