/* Text of PDFs that have a text layer (typed applications).  Scans have
 * none: they keep their bytes in part->data for OCR.
 *
 * poppler_page_get_text() reads a form table column by column or runs a
 * label into its value ("姓名张三"), so a page with table cells is rebuilt
 * from the character boxes: characters on one baseline form a row, a
 * clear horizontal gap separates cells, the lines of a value wrapped in
 * its cell join the row of its label, and a row is written like an HTML
 * table row (mime_text_row: "label：value").  A page without such rows is
 * running text and keeps poppler's own reading. */
#include "mime/mime.h"
#include "mime/mime-private.h"
#include "mime/pdf-private.h"

#include <stdlib.h>
#include <string.h>

/* A PDF claiming more pages is hostile or not an application form. */
#define MAX_PDF_PAGES 500

/* A page is a picture of paper (a scan, a phone photo made PDF) when
 * images cover at least SCAN_MIN_COVER of it and it has fewer characters
 * than SCAN_MAX_CHARS: scanner apps stamp a line like "扫描全能王 创建"
 * on each page, a typed form has hundreds. */
#define SCAN_MIN_COVER 0.5
#define SCAN_MAX_CHARS 40

/* Lengths below are in character heights (the box poppler gives a glyph,
 * about 1.2 times the font size), so they hold for any font size. */

/* Characters whose vertical centres are this close sit on one baseline:
 * sub- and superscripts and mixed fonts move a centre by less, the next
 * line of text (at least one height away) by more. */
#define ROW_TOLERANCE 0.4

/* A gap between two characters of a row wider than this separates table
 * cells (or tab-stop columns).  Spaces are boxes of their own and leave
 * no gap, and CJK characters touch; a justified Latin line stretches a
 * missing space to about 0.6 heights at most.  A label that fills its cell
 * is a padding on each side plus the rule from its value: 11.3 pt at
 * Word's default 5.4 pt padding, 0.8 heights at 12 pt, 0.9 at 10.5 pt. */
#define CELL_GAP 0.7

/* One stretched line does not make running text a table: rows with two
 * cells or more must come at least this often on the page. */
#define TABLE_MIN_ROWS 2

/* Rows no further apart than this (bottom of one to top of the next) form
 * one band, where a cell's lines may be: lines inside one cell touch or
 * nearly so, the next table row is below a padding, a rule and another
 * padding. */
#define BAND_MAX_GAP 0.5

/* A cell is in the column of another when they start this close: text in
 * a cell is left-aligned at the same padding. */
#define COLUMN_TOLERANCE 1.0

struct glyph {
	const char *s;   /* the character in the page text */
	size_t len;
	double x1, x2, y1, y2;
};

struct cell {
	GString *text;
	double x1, x2;  /* where its first character starts, its last ends */
};

struct row {
	GArray *cells;  /* struct cell, left to right */
	double y1, y2;
	double height;  /* of its tallest character */
	bool absorbed;  /* its cells went into another row */
};

static int
glyph_by_y(const void *a, const void *b)
{
	const struct glyph *g = a, *h = b;
	double ga = g->y1 + g->y2, hb = h->y1 + h->y2;

	return (ga > hb) - (ga < hb);
}

static int
glyph_by_x(const void *a, const void *b)
{
	const struct glyph *g = a, *h = b;

	return (g->x1 > h->x1) - (g->x1 < h->x1);
}

static bool
glyph_blank(const struct glyph *g)
{
	return g_unichar_isspace(g_utf8_get_char(g->s));
}

/* The cells of the characters g[0..n), sorted by x in place. */
static struct row
row_build(struct glyph *g, size_t n)
{
	struct row r = { g_array_new(FALSE, FALSE, sizeof(struct cell)),
			 g[0].y1, g[0].y2, 0, false };
	struct cell *cur = NULL;
	double last_x2 = 0;

	for (size_t i = 0; i < n; i++) {
		r.y1 = MIN(r.y1, g[i].y1);
		r.y2 = MAX(r.y2, g[i].y2);
		r.height = MAX(r.height, g[i].y2 - g[i].y1);
	}
	qsort(g, n, sizeof(*g), glyph_by_x);
	for (size_t i = 0; i < n; i++) {
		if (glyph_blank(&g[i])) {
			if (cur != NULL)
				g_string_append_c(cur->text, ' ');
			continue;
		}
		if (cur == NULL || g[i].x1 - last_x2 > CELL_GAP * r.height) {
			struct cell c = { g_string_new(NULL), g[i].x1, g[i].x2 };

			g_array_append_val(r.cells, c);
			cur = &g_array_index(r.cells, struct cell, r.cells->len - 1);
		}
		g_string_append_len(cur->text, g[i].s, (gssize)g[i].len);
		cur->x2 = g[i].x2;
		last_x2 = g[i].x2;
	}
	return r;
}

static void
row_free(struct row *r)
{
	for (guint i = 0; i < r->cells->len; i++) {
		GString *text = g_array_index(r->cells, struct cell, i).text;

		if (text != NULL)
			g_string_free(text, TRUE);
	}
	g_array_free(r->cells, TRUE);
}

/* The cell of r in whose column c starts, or NULL. */
static struct cell *
column_of(const struct row *r, const struct cell *c, double height)
{
	for (guint i = 0; i < r->cells->len; i++) {
		struct cell *a = &g_array_index(r->cells, struct cell, i);

		if (ABS(a->x1 - c->x1) <= COLUMN_TOLERANCE * height)
			return a;
	}
	return NULL;
}

/* Appends b to a: CJK lines join without a space, Latin words and numbers
 * with one. */
static void
text_join(GString *a, const char *b)
{
	while (a->len > 0 && a->str[a->len - 1] == ' ')
		g_string_truncate(a, a->len - 1);
	while (*b == ' ')
		b++;
	if (a->len > 0 && (unsigned char)a->str[a->len - 1] < 0x80 &&
	    b[0] != '\0' && (unsigned char)b[0] < 0x80)
		g_string_append_c(a, ' ');
	g_string_append(a, b);
}

static double
row_centre(const struct row *r)
{
	return (r->y1 + r->y2) / 2;
}

/* Whether the value-only row r (wrapped lines of a value) goes with the
 * row anchor: each of its cells in a column of anchor, or beside a lone
 * label (a label centred on a value of two lines sits between them). */
static bool
row_fits(const struct row *anchor, const struct row *r, double height)
{
	const struct cell *label = &g_array_index(anchor->cells, struct cell, 0);

	for (guint i = 0; i < r->cells->len; i++) {
		const struct cell *c = &g_array_index(r->cells, struct cell, i);

		if (column_of(anchor, c, height) == NULL &&
		    (anchor->cells->len != 1 || c->x1 - label->x2 <= CELL_GAP * height))
			return false;
	}
	return true;
}

/* Moves the cells of r into anchor, r's lines before or after anchor's as
 * r lies above or below it. */
static void
row_absorb(struct row *anchor, struct row *r, double height)
{
	bool above = row_centre(r) < row_centre(anchor);

	for (guint i = 0; i < r->cells->len; i++) {
		struct cell *c = &g_array_index(r->cells, struct cell, i);
		struct cell *a = column_of(anchor, c, height);

		if (a == NULL) {
			g_array_append_val(anchor->cells, *c);
			c->text = NULL;
		} else if (above) {
			text_join(c->text, a->text->str);
			g_string_free(a->text, TRUE);
			a->text = c->text;
			c->text = NULL;
		} else {
			text_join(a->text, c->text->str);
		}
	}
	r->absorbed = true;
}

static bool
row_in_first_column(const struct row *r, double left, double height)
{
	return g_array_index(r->cells, struct cell, 0).x1 <= left + COLUMN_TOLERANCE * height;
}

/* Within the band rows[from..to): rows starting in its first column are
 * anchors (a label, or a label and its value); each other row is a value's
 * wrapped line and goes to the nearest anchor, the one above on a tie
 * (Word aligns cells at the top).  Rows that fit no anchor stay. */
static void
band_join(GArray *rows, guint from, guint to)
{
	struct row *band = &g_array_index(rows, struct row, from);
	guint n = to - from;
	double left = G_MAXDOUBLE, height = 0;
	gint *owner = g_new(gint, n);
	gint above = -1, below = -1;

	for (guint i = 0; i < n; i++) {
		left = MIN(left, g_array_index(band[i].cells, struct cell, 0).x1);
		height = MAX(height, band[i].height);
	}
	for (guint i = 0; i < n; i++) {
		bool anchor = row_in_first_column(&band[i], left, height);

		owner[i] = anchor ? -1 : above;
		if (anchor)
			above = (gint)i;
	}
	for (guint i = n; i-- > 0;) {
		double c = row_centre(&band[i]);
		gint up = owner[i];

		if (row_in_first_column(&band[i], left, height)) {
			below = (gint)i;
			continue;
		}
		if (below >= 0 && (up < 0 || row_centre(&band[below]) - c <
					     c - row_centre(&band[up])))
			owner[i] = below;
	}
	for (guint i = 0; i < n; i++)
		if (owner[i] >= 0 && row_fits(&band[owner[i]], &band[i], height))
			row_absorb(&band[owner[i]], &band[i], height);
	g_free(owner);
}

/* Splits rows (top to bottom) into bands and joins the rows of each. */
static void
bands_join(GArray *rows)
{
	for (guint from = 0, to; from < rows->len; from = to) {
		double bottom = g_array_index(rows, struct row, from).y2;
		double height = g_array_index(rows, struct row, from).height;

		for (to = from + 1; to < rows->len; to++) {
			const struct row *r = &g_array_index(rows, struct row, to);

			height = MAX(height, r->height);
			if (r->y1 - bottom > BAND_MAX_GAP * height)
				break;
			bottom = MAX(bottom, r->y2);
		}
		band_join(rows, from, to);
	}
}

static void
row_write(GString *out, const struct row *r)
{
	GPtrArray *cells = g_ptr_array_new();

	for (guint i = 0; i < r->cells->len; i++)
		g_ptr_array_add(cells, g_array_index(r->cells, struct cell, i).text->str);
	mime_text_row(out, cells);
	g_ptr_array_free(cells, TRUE);
}

/* The characters of text with their boxes, blanks of line ends dropped;
 * NULL when poppler gave a box count that does not match the text. */
static GArray *
page_glyphs(const char *text, const PopplerRectangle *rects, guint n)
{
	GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(struct glyph));
	const char *p = text;
	guint i = 0;

	for (; *p != '\0' && i < n; p = g_utf8_next_char(p), i++) {
		struct glyph g = { p, (size_t)(g_utf8_next_char(p) - p),
				   rects[i].x1, rects[i].x2, rects[i].y1, rects[i].y2 };

		if (*p != '\n' && *p != '\r' && g.y2 > g.y1)
			g_array_append_val(glyphs, g);
	}
	if (*p != '\0' || i != n) {
		g_array_free(glyphs, TRUE);
		return NULL;
	}
	return glyphs;
}

/* The page rebuilt as rows, or NULL when it holds no table. */
static char *
page_rows(PopplerPage *page, const char *text)
{
	PopplerRectangle *rects = NULL;
	guint n = 0;
	GArray *glyphs, *rows;
	GString *out;
	unsigned multi = 0;  /* rows of several cells */

	if (!poppler_page_get_text_layout(page, &rects, &n))
		return NULL;
	glyphs = page_glyphs(text, rects, n);
	g_free(rects);
	if (glyphs == NULL || glyphs->len == 0) {
		if (glyphs != NULL)
			g_array_free(glyphs, TRUE);
		return NULL;
	}
	g_array_sort(glyphs, glyph_by_y);
	rows = g_array_new(FALSE, FALSE, sizeof(struct row));
	for (guint i = 0, start = 0; i <= glyphs->len; i++) {
		const struct glyph *first = &g_array_index(glyphs, struct glyph, start);
		const struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		struct row r;

		if (i < glyphs->len &&
		    (g->y1 + g->y2) - (first->y1 + first->y2) <=
		    2 * ROW_TOLERANCE * (first->y2 - first->y1))
			continue;
		r = row_build(&g_array_index(glyphs, struct glyph, start), i - start);
		start = i;
		if (r.cells->len > 0)
			g_array_append_val(rows, r);
		else
			row_free(&r);
	}
	bands_join(rows);
	for (guint i = 0; i < rows->len; i++) {
		const struct row *r = &g_array_index(rows, struct row, i);

		multi += !r->absorbed && r->cells->len > 1;
	}
	out = multi >= TABLE_MIN_ROWS ? g_string_new(NULL) : NULL;
	for (guint i = 0; i < rows->len; i++) {
		struct row *r = &g_array_index(rows, struct row, i);

		if (out != NULL && !r->absorbed)
			row_write(out, r);
		row_free(r);
	}
	g_array_free(rows, TRUE);
	g_array_free(glyphs, TRUE);
	return out != NULL ? g_string_free(out, FALSE) : NULL;
}

/* Whether page, whose text is text, is a picture of a paper page. */
static bool
page_scanned(PopplerPage *page, const char *text)
{
	double w = 0, h = 0, cover = 0;
	GList *images;

	if (text != NULL && g_utf8_strlen(text, -1) >= SCAN_MAX_CHARS)
		return false;
	poppler_page_get_size(page, &w, &h);
	if (!(w > 0 && h > 0))
		return false;
	images = poppler_page_get_image_mapping(page);
	for (GList *l = images; l != NULL; l = l->next) {
		const PopplerRectangle *a = &((PopplerImageMapping *)l->data)->area;
		double iw = MIN(a->x2, w) - MAX(a->x1, 0);
		double ih = MIN(a->y2, h) - MAX(a->y1, 0);

		if (iw > 0 && ih > 0)
			cover += iw * ih;
	}
	poppler_page_free_image_mapping(images);
	return cover >= SCAN_MIN_COVER * w * h;
}

PopplerDocument *
mime_pdf_open(const void *data, size_t len, char **why_r)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc;

	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	*why_r = doc == NULL ? g_strdup(gerr != NULL ? gerr->message :
					"unknown error") : NULL;
	g_clear_error(&gerr);
	return doc;
}

char *
mime_pdf_text(const void *data, size_t len, bool *scanned_r, char **problem_r)
{
	PopplerDocument *doc;
	GString *out;
	char *res, *why;
	int pages;

	*problem_r = NULL;
	*scanned_r = false;
	doc = mime_pdf_open(data, len, &why);
	if (doc == NULL) {
		*problem_r = g_strdup_printf("PDF attachment unreadable: %s", why);
		g_free(why);
		return NULL;
	}
	pages = poppler_document_get_n_pages(doc);
	if (pages > MAX_PDF_PAGES) {
		*problem_r = g_strdup_printf("PDF attachment has %d pages: text of "
					     "the first %d read", pages, MAX_PDF_PAGES);
		pages = MAX_PDF_PAGES;
	}
	out = g_string_new(NULL);
	for (int i = 0; i < pages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *text, *rows;

		if (page == NULL)
			continue;
		text = poppler_page_get_text(page);
		*scanned_r = *scanned_r || page_scanned(page, text);
		rows = text != NULL ? page_rows(page, text) : NULL;
		if (rows != NULL) {
			g_free(text);
			text = rows;
		}
		if (text != NULL && text[0] != '\0') {
			if (out->len > 0)
				g_string_append(out, "\n\n");
			g_string_append(out, text);
		}
		g_free(text);
		g_object_unref(page);
	}
	g_object_unref(doc);
	g_strstrip(out->str);
	res = out->str[0] != '\0' ?
	      mime_charset_decode(out->str, strlen(out->str), "UTF-8", NULL) : NULL;
	g_string_free(out, TRUE);
	/* Pages without text and without images are drawings of letters:
	 * just as unreadable without OCR. */
	if (res == NULL && pages > 0)
		*scanned_r = true;
	return res;
}
