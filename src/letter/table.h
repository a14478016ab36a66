/* A one-page table as a PDF: the annual report's statistics (ogictl
 * report).  Landscape A4, a title and a subtitle centred above a ruled
 * table whose first column holds the row labels and whose other columns
 * hold numbers (right-aligned), with an optional heading spanning some
 * of the number columns, and lines of text under the table.
 *
 * One TrueType face (.ttf, or .ttc with a face index) for everything,
 * embedded; a character the face lacks fails the render, naming it.
 * table.c includes hpdf.h; no libharu type appears here.
 */
#ifndef OGI_LETTER_TABLE_H
#define OGI_LETTER_TABLE_H

#include <stddef.h>

#include "common/error.h"

struct letter_table_row {
	const char *label;
	unsigned indent;            /* characters before the label */
	const char *const *cells;   /* n_columns strings; NULL for a heading
	                               row whose cells stay empty */
};

/* Every string UTF-8; NULL where optional. */
struct letter_table {
	const char *title;          /* required */
	const char *subtitle;
	const char *corner;         /* heading of the label column */
	const char *const *columns; /* headings of the number columns */
	size_t n_columns;
	const char *group;          /* a heading over columns group_first ..
	                               group_first + group_count - 1 */
	size_t group_first, group_count;
	const struct letter_table_row *rows;
	size_t n_rows;
	const char *const *notes;   /* lines under the table */
	size_t n_notes;
};

/* Renders t to a PDF file at out_path (replaced atomically, mode 0600)
 * with face font_index of font_path.  Fails when a character is not in
 * the face, when the rows do not fit on the page or the labels leave the
 * number columns too narrow for their headings, and on I/O errors.
 * Blocks on file I/O; parses the font (tens of milliseconds). */
int letter_table_pdf(const struct letter_table *t, const char *font_path,
		     int font_index, const char *out_path,
		     struct ogi_error *err);

#endif
