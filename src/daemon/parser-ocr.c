#include "daemon/parser-ocr.h"

#include <limits.h>
#include <string.h>

#include <glib.h>

#include "mime/pages.h"
#include "ocr/ocr.h"

/* What a part gives OCR to read. */
enum parser_ocr_doc {
	PARSER_OCR_NONE,
	PARSER_OCR_IMAGE,        /* TIFF, PNG, JPEG: ocr_read_image */
	PARSER_OCR_PDF,
	PARSER_OCR_POSTSCRIPT,
};

static bool
parser_ocr_magic(const struct mime_part *part, const char *magic)
{
	size_t n = strlen(magic);

	return part->data_len >= n && memcmp(part->data, magic, n) == 0;
}

/* By the bytes, never by a name or type the sender chose.  A fax's
 * attachments are its pages whatever they are; mail's only when MIME
 * found a picture of paper in them (part->image), and PostScript in mail
 * is a document, not a scan. */
static enum parser_ocr_doc
parser_ocr_doc(const struct mime_part *part, bool fax)
{
	if (part->data == NULL || part->data_len == 0 ||
	    part->role != MIME_PART_ATTACHMENT || (!fax && !part->image))
		return PARSER_OCR_NONE;
	if (parser_ocr_magic(part, "%PDF-"))
		return PARSER_OCR_PDF;
	if (parser_ocr_magic(part, "%!"))
		return fax ? PARSER_OCR_POSTSCRIPT : PARSER_OCR_NONE;
	if (parser_ocr_magic(part, "II*") || parser_ocr_magic(part, "MM\x00*") ||
	    parser_ocr_magic(part, "\x89PNG") || parser_ocr_magic(part, "\xff\xd8\xff") ||
	    part->image)
		return PARSER_OCR_IMAGE;
	return PARSER_OCR_NONE;
}

static void
parser_ocr_problem(struct wire_result *res, const struct mime_part *part,
		   size_t index, const char *what)
{
	res->problems = g_renew(char *, res->problems, res->n_problems + 2);
	res->problems[res->n_problems++] = part->filename != NULL
		? g_strdup_printf("OCR of %s (part %zu): %s", part->filename,
				  index + 1, what)
		: g_strdup_printf("OCR of part %zu: %s", index + 1, what);
	res->problems[res->n_problems] = NULL;
}

static int
parser_ocr_read(const struct mime_part *part, enum parser_ocr_doc kind,
		const struct ocr_options *opt, struct ocr_document **doc_r,
		struct ogi_error *err)
{
	struct mime_page_image *images = NULL;
	size_t n = 0;
	int rc;

	if (kind == PARSER_OCR_IMAGE)
		return ocr_read_image(part->data, part->data_len, opt, doc_r, err);
	rc = kind == PARSER_OCR_PDF
		? mime_pdf_render(part->data, part->data_len, MIME_FAX_XRES,
				  MIME_FAX_YRES, opt->max_pages, &images, &n, err)
		: mime_ps_render(part->data, part->data_len, MIME_FAX_XRES,
				 MIME_FAX_YRES, opt->max_pages, &images, &n, err);
	if (rc != 0)
		return -1;
	rc = ocr_read_bitmaps(images, n, opt, doc_r, err);
	mime_page_images_free(images, n);
	return rc;
}

/* Text cut to at most max bytes at a character boundary (OCR gives valid
 * UTF-8); takes s. */
static char *
parser_ocr_cut(char *s, size_t max)
{
	const char *end;

	if (s != NULL && strlen(s) > max) {
		(void)g_utf8_validate(s, (gssize)max, &end);
		s[end - s] = '\0';
	}
	return s;
}

static unsigned
parser_ocr_coord(int v, unsigned limit)
{
	return v < 0 ? 0 : (unsigned)v > limit ? limit : (unsigned)v;
}

_Static_assert(OCR_MAX_CELLS <= WIRE_MAX_OCR_CELLS,
	       "every form the OCR reads keeps its cells");

/* The page's framed cells within the wire's bounds (to's geometry is
 * set).  A page with more cells than the bound, or a cell outside the
 * page the wire carries, is not passed on as a form (its words keep no
 * cell) rather than some of its frames dropped and the rest renumbered. */
static void
parser_ocr_cells(struct ocr_page *from, struct wire_ocr_page *to)
{
	if (from->n_cells > WIRE_MAX_OCR_CELLS)
		return;
	for (size_t i = 0; i < from->n_cells; i++) {
		const struct ocr_cell *c = &from->cells[i];

		if (c->x0 < 0 || c->y0 < 0 || c->x0 >= c->x1 || c->y0 >= c->y1 ||
		    (unsigned)c->x1 > to->width || (unsigned)c->y1 > to->height)
			return;
	}
	to->cells = g_new0(struct wire_ocr_cell, from->n_cells);
	for (size_t i = 0; i < from->n_cells; i++) {
		struct ocr_cell *c = &from->cells[i];

		to->cells[i] = (struct wire_ocr_cell){
			.label = c->label != NULL
				? parser_ocr_cut(g_steal_pointer(&c->label),
						 WIRE_MAX_OCR_CELL_LABEL)
				: g_strdup(""),
			.x0 = (unsigned)c->x0, .y0 = (unsigned)c->y0,
			.x1 = (unsigned)c->x1, .y1 = (unsigned)c->y1,
		};
	}
	to->n_cells = from->n_cells;
}

/* Moves what the wire carries of page from into to (numbered number),
 * within the wire's bounds; *images counts the bytes of the PNGs kept. */
static void
parser_ocr_page(struct ocr_page *from, unsigned number, size_t *images,
		struct wire_ocr_page *to, struct wire_result *res,
		const struct mime_part *part, size_t index)
{
	*to = (struct wire_ocr_page){
		.number = number,
		.width = MIN(from->width, WIRE_MAX_OCR_PIXELS),
		.height = MIN(from->height, WIRE_MAX_OCR_PIXELS),
		.src_xres = MIN(from->src_xres, WIRE_MAX_OCR_DPI),
		.src_yres = MIN(from->src_yres, WIRE_MAX_OCR_DPI),
		.skew_deg = CLAMP(from->skew_deg, -WIRE_MAX_OCR_SKEW, WIRE_MAX_OCR_SKEW),
		.mean_conf = (unsigned)CLAMP(from->mean_conf, 0, 100),
		.text = parser_ocr_cut(g_steal_pointer(&from->text), WIRE_MAX_OCR_TEXT),
		.signature = (enum wire_mark)from->signature,
	};
	parser_ocr_cells(from, to);
	to->words = g_new0(struct wire_ocr_word, MIN(from->n_words, WIRE_MAX_OCR_WORDS));
	for (size_t i = 0; i < from->n_words && to->n_words < WIRE_MAX_OCR_WORDS; i++) {
		struct ocr_word *w = &from->words[i];
		struct wire_ocr_word *o;

		if (w->text == NULL || w->text[0] == '\0')
			continue;
		o = &to->words[to->n_words++];
		o->text = parser_ocr_cut(g_steal_pointer(&w->text), WIRE_MAX_OCR_WORD);
		o->conf = (unsigned)CLAMP(w->conf, 0, 100);
		o->line = MIN(w->line, WIRE_MAX_OCR_WORDS - 1);
		o->x0 = parser_ocr_coord(w->x0, to->width);
		o->x1 = parser_ocr_coord(w->x1, to->width);
		o->y0 = parser_ocr_coord(w->y0, to->height);
		o->y1 = parser_ocr_coord(w->y1, to->height);
		o->x0 = MIN(o->x0, o->x1);
		o->y0 = MIN(o->y0, o->y1);
		o->cell = w->cell >= 0 && (size_t)w->cell < to->n_cells
			? (unsigned)w->cell + 1 : 0;
		o->vouched = w->vouched;
	}
	to->boxes = g_new0(struct wire_ocr_box, MIN(from->n_boxes, WIRE_MAX_OCR_BOXES));
	for (size_t i = 0; i < from->n_boxes && to->n_boxes < WIRE_MAX_OCR_BOXES; i++) {
		if (from->boxes[i].label == NULL || from->boxes[i].label[0] == '\0')
			continue;
		to->boxes[to->n_boxes++] = (struct wire_ocr_box){
			.label = parser_ocr_cut(g_steal_pointer(&from->boxes[i].label),
						WIRE_MAX_OCR_LABEL),
			.mark = (enum wire_mark)from->boxes[i].mark,
		};
	}
	if (from->png_len <= WIRE_MAX_OCR_PNG &&
	    from->png_len <= WIRE_MAX_OCR_IMAGES - *images) {
		to->png = g_steal_pointer(&from->png);
		to->png_len = from->png_len;
		*images += to->png_len;
	} else {
		char *what = g_strdup_printf("page %u: its image (%zu bytes) is "
					     "not kept: too large", number,
					     from->png_len);

		parser_ocr_problem(res, part, index, what);
		g_free(what);
	}
}

static enum extract_ocr_ink
parser_ocr_ink(enum wire_mark m)
{
	return m == WIRE_MARK_PRESENT ? EXTRACT_OCR_INK_PRESENT :
	       m == WIRE_MARK_ABSENT ? EXTRACT_OCR_INK_ABSENT :
	       EXTRACT_OCR_INK_UNKNOWN;
}

/* What the extraction reads of every page, in order, into in: the words
 * and the check boxes, in new arrays *words_r and *boxes_r that the caller
 * frees (in borrows them, they borrow the pages' strings), and the
 * signature over all pages. */
static void
parser_ocr_input(const struct wire_result *res, struct extract_ocr_input *in,
		 struct extract_ocr_word **words_r, struct extract_ocr_box **boxes_r)
{
	size_t n_words = 0, n_boxes = 0;

	for (size_t p = 0; p < res->n_pages; p++) {
		n_words += res->pages[p].n_words;
		n_boxes += res->pages[p].n_boxes;
	}
	*words_r = g_new0(struct extract_ocr_word, n_words + 1);
	*boxes_r = g_new0(struct extract_ocr_box, n_boxes + 1);
	in->words = *words_r;
	in->boxes = *boxes_r;
	in->n_words = in->n_boxes = 0;
	for (size_t p = 0; p < res->n_pages; p++) {
		const struct wire_ocr_page *pg = &res->pages[p];

		for (size_t i = 0; i < pg->n_words; i++) {
			const struct wire_ocr_word *w = &pg->words[i];

			(*words_r)[in->n_words++] = (struct extract_ocr_word){
				.text = w->text, .conf = (int)w->conf,
				.page = (unsigned)p, .line = w->line,
				.x0 = (int)w->x0, .y0 = (int)w->y0,
				.x1 = (int)w->x1, .y1 = (int)w->y1,
				.cell_label = w->cell > 0
					? pg->cells[w->cell - 1].label : NULL,
				.cell = w->cell > 0 ? w->cell - 1 : 0,
				.vouched = w->vouched,
			};
		}
		for (size_t i = 0; i < pg->n_boxes; i++)
			(*boxes_r)[in->n_boxes++] = (struct extract_ocr_box){
				.label = pg->boxes[i].label,
				.mark = parser_ocr_ink(pg->boxes[i].mark),
				.page = (unsigned)p,
			};
		if (pg->signature == WIRE_MARK_PRESENT)
			in->signature = EXTRACT_OCR_INK_PRESENT;
		else if (pg->signature == WIRE_MARK_ABSENT &&
			 in->signature == EXTRACT_OCR_INK_UNKNOWN)
			in->signature = EXTRACT_OCR_INK_ABSENT;
	}
}

bool
parser_ocr_extract(const struct wire_job *job, const struct mime_message *msg,
		   bool fax, const struct extract_context *ctx,
		   struct wire_result *res)
{
	struct extract_ocr_input in = { .gateway_text = fax };
	struct extract_ocr_word *words;
	struct extract_ocr_box *boxes;
	unsigned left = job->ocr_max_pages, unread = 0;
	size_t images = 0;
	struct extract_fax_tiff tiff = { 0 };
	char *description = NULL;

	for (size_t i = 0; i < msg->n_parts; i++) {
		const struct mime_part *part = &msg->parts[i];
		enum parser_ocr_doc kind = parser_ocr_doc(part, fax);
		struct ocr_options opt = {
			.max_pages = left, .workers = job->ocr_workers,
			.page_timeout_ms = PARSER_OCR_PAGE_TIMEOUT_MS,
		};
		struct ogi_error err = { 0 };
		struct ocr_document *doc = NULL;

		if (kind == PARSER_OCR_NONE)
			continue;
		/* A picture or fax left unread may hold what the read ones
		 * lack: the clerk is told, never a verdict without it. */
		if (left == 0) {
			parser_ocr_problem(res, part, i, "not read: the pages OCR "
					   "may read in one message (ocr_max_pages) "
					   "were used up");
			unread++;
			continue;
		}
		if (parser_ocr_read(part, kind, &opt, &doc, &err) != 0) {
			parser_ocr_problem(res, part, i, err.msg);
			continue;
		}
		for (size_t k = 0; k < doc->n_problems; k++)
			parser_ocr_problem(res, part, i, doc->problems[k]);
		/* What the fax's image says of the far end and the pages
		 * received (extract_fax_merge_tiff): the first document's. */
		if (tiff.pages == 0 && doc->n_pages > 0) {
			description = g_strdup(doc->description);
			tiff.pages = (unsigned)MIN(doc->n_pages, UINT_MAX);
			tiff.yres = doc->pages[0].src_yres;
		}
		res->pages = g_renew(struct wire_ocr_page, res->pages,
				     res->n_pages + doc->n_pages);
		for (size_t k = 0; k < doc->n_pages && left > 0; k++, left--) {
			parser_ocr_page(&doc->pages[k], (unsigned)res->n_pages + 1,
					&images, &res->pages[res->n_pages], res, part, i);
			res->n_pages++;
		}
		ocr_document_free(doc);
	}
	parser_ocr_input(res, &in, &words, &boxes);
	if (in.n_words == 0 && !fax) {
		g_free(words);
		g_free(boxes);
		return false;
	}
	res->rec = extract_message_ocr(msg, &in, ctx);
	g_free(words);
	g_free(boxes);
	tiff.description = description;
	extract_fax_merge_tiff(&res->rec->incoming_fax, &tiff);
	g_free(description);
	if (unread > 0)
		extract_review_add(res->rec, "%u picture(s) or fax document(s) "
				   "not read: over ocr_max_pages (%u pages)",
				   unread, job->ocr_max_pages);
	/* Nothing read is no evidence that anything is missing. */
	if (in.n_words == 0)
		extract_review_add(res->rec, "OCR read no word on the fax's %zu "
				   "pages", res->n_pages);
	return true;
}
