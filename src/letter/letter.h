/* Letters: templates in, PDF out.
 *
 * A template (templates/NAME.tpl, plain UTF-8 text a clerk can edit) is
 * expanded against a set of values into a struct letter_doc: a list of
 * typed blocks in reading order.  The renderer (render.c; with pdfdoc.c,
 * sheet.c and table.c the only code that includes hpdf.h) lays a
 * letter_doc out per GB/T 9704-2012 and writes a PDF.  No libharu type
 * appears here.
 */
#ifndef OGI_LETTER_LETTER_H
#define OGI_LETTER_LETTER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

enum letter_block_kind {
	LETTER_BLOCK_TITLE,       /* 22 pt, centred; may wrap */
	LETTER_BLOCK_DOCNUM,      /* document number line, centred */
	LETTER_BLOCK_ADDRESSEE,   /* flush left, ends with "：" */
	LETTER_BLOCK_PARAGRAPH,   /* indented two characters */
	LETTER_BLOCK_HEADING,     /* a subheading inside the body, flush left */
	LETTER_BLOCK_LIST_ITEM,   /* numbered/bulleted line, hanging indent */
	LETTER_BLOCK_SIGNATURE,   /* issuing office, right-aligned */
	LETTER_BLOCK_DATE,        /* right-aligned, four characters in */
	LETTER_BLOCK_ATTACHMENTS, /* "附件：1. …" list, one item per line */
	LETTER_BLOCK_FORM_FIELD,  /* application form: label + empty box */
	LETTER_BLOCK_FORM_CHOICE, /* application form: label + tick boxes */
	LETTER_BLOCK_PAGE_BREAK,
};

struct letter_block {
	enum letter_block_kind kind;
	char *text;          /* UTF-8; for FORM_CHOICE the label */
	char **items;        /* ATTACHMENTS items, FORM_CHOICE options */
	size_t n_items;
	int box_lines;       /* FORM_FIELD: height of the box in body lines */
};

struct letter_doc {
	char *title;         /* PDF metadata title */
	char *author;        /* PDF metadata author: the office */
	char *seal_png;      /* path of a seal image placed over the date, or NULL */
	struct letter_block *blocks;
	size_t n_blocks;
};

void letter_doc_free(struct letter_doc *doc);

#endif
