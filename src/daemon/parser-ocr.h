/* OCR inside the parser worker: the pages of a fax (every message of a
 * fax intake, and fax-to-mail extract_fax_recognise finds on a mail
 * intake) and the photographed or scanned forms of mail (mime_part's
 * image) are read by src/ocr/, PDF and PostScript rendered first
 * (mime/pages.h), and the application is extracted from the words
 * (extract_message_ocr).  Runs only in the sandboxed worker.
 */
#ifndef OGI_DAEMON_PARSER_OCR_H
#define OGI_DAEMON_PARSER_OCR_H

#include <stdbool.h>

#include "daemon/wire.h"
#include "extract/extract.h"
#include "mime/mime.h"

/* A page Tesseract has not read after this long is left as read so far
 * (its words low, so a clerk looks): a fine fax page takes about 0.5 s
 * (domain.md §7), several times that under AddressSanitizer; a page forty
 * times slower than that is not one it will read well, and the rest of
 * the fax keeps its share of parse_timeout. */
#define PARSER_OCR_PAGE_TIMEOUT_MS 20000

/* Reads the pages of msg that OCR is for, at most job->ocr_max_pages,
 * into res->pages; a part OCR could not read adds a line to
 * res->problems.  When it read words, or msg is a fax (fax true), fills
 * res->rec from the words (and msg's text, unless it is a fax's) and
 * returns true; a fax of which no word could be read waits for a clerk
 * (its review says so).  Returns false otherwise: the caller extracts as
 * for any mail, which flags a form in a picture for a clerk.  Blocks for
 * CPU only. */
bool parser_ocr_extract(const struct wire_job *job, const struct mime_message *msg,
			bool fax, const struct extract_context *ctx,
			struct wire_result *res);

#endif
