#include "letter/table.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hpdf.h>

#include "letter/linebreak.h"
#include "letter/pdfdoc.h"
#include "letter/ttf.h"

/* ---- geometry, in PDF points ------------------------------------------- */

#define MM(x) ((x) * 72.0 / 25.4)
/* Landscape A4: the national table has seven number columns beside
 * labels of up to 36 characters, too wide for a portrait page. */
#define PAGE_W MM(297.0)
#define PAGE_H MM(210.0)
#define MARGIN MM(12.0)
#define TITLE_SIZE 16.0
#define SUBTITLE_SIZE 12.0
/* 8.5 pt: the national table's longest label (37 characters and its
 * indent) and seven columns as wide as 社会公益组织 fit across the page. */
#define CELL_SIZE 8.5
#define NOTE_SIZE 9.0
/* Rows no taller than this look sparse; no shorter than the minimum the
 * text no longer sits clear of the rules. */
#define ROW_H_MAX 18.0
#define ROW_H_MIN (CELL_SIZE * 1.4)
/* Space between a cell's rule and its text. */
#define CELL_PAD 3.0
/* Under the title, the subtitle and the table, before the next line. */
#define GAP 8.0
#define NOTE_PITCH (NOTE_SIZE * 1.6)
/* Where the em box sits on the baseline: it spans baseline - 0.12 em to
 * baseline + 0.88 em in the faces we use. */
#define EM_DESCENT 0.12

/* What drawing needs: the page, its font, the column widths. */
struct table_draw {
	const struct letter_table *t;
	HPDF_Page page;
	HPDF_Font font;
	double label_w, col_w, row_h;
};

/* Fails naming the first character of s the face lacks. */
static int
table_check_glyphs(const struct letter_ttf *ttf, const char *font_path,
		   const char *s, struct ogi_error *err)
{
	uint32_t *cps;
	size_t n;

	if (s == NULL)
		return 0;
	if (letter_utf8_decode(s, &cps, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (cps[i] != ' ' && letter_ttf_glyph(ttf, cps[i]) == 0) {
			char ch[8] = "";

			g_unichar_to_utf8(cps[i], ch);
			error_set(err, "character U+%04X (%s) is not in the font %s",
				  (unsigned)cps[i], ch, font_path);
			g_free(cps);
			return -1;
		}
	}
	g_free(cps);
	return 0;
}

static int
table_check_all_glyphs(const struct letter_table *t, const char *font_path,
		       int font_index, struct ogi_error *err)
{
	const char *fixed[] = { t->title, t->subtitle, t->corner, t->group };
	struct letter_ttf *ttf;
	int rc = 0;

	if (letter_ttf_open(font_path, font_index, &ttf, err) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < G_N_ELEMENTS(fixed); i++)
		rc = table_check_glyphs(ttf, font_path, fixed[i], err);
	for (size_t i = 0; rc == 0 && i < t->n_columns; i++)
		rc = table_check_glyphs(ttf, font_path, t->columns[i], err);
	for (size_t i = 0; rc == 0 && i < t->n_rows; i++) {
		rc = table_check_glyphs(ttf, font_path, t->rows[i].label, err);
		for (size_t j = 0; rc == 0 && t->rows[i].cells != NULL &&
		     j < t->n_columns; j++)
			rc = table_check_glyphs(ttf, font_path, t->rows[i].cells[j], err);
	}
	for (size_t i = 0; rc == 0 && i < t->n_notes; i++)
		rc = table_check_glyphs(ttf, font_path, t->notes[i], err);
	letter_ttf_close(ttf);
	return rc;
}

static double
table_text_w(struct table_draw *d, const char *s, double size)
{
	HPDF_Page_SetFontAndSize(d->page, d->font, (HPDF_REAL)size);
	return s != NULL ? HPDF_Page_TextWidth(d->page, s) : 0.0;
}

static void
table_text(struct table_draw *d, double x, double y, const char *s,
	   double size)
{
	if (s == NULL || s[0] == '\0')
		return;
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, d->font, (HPDF_REAL)size);
	HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(d->page);
}

/* A ruled cell from (x, top) of w by h; text placed by align: 'l' after
 * the padding (and indent ems more), 'c' centred, 'r' before the
 * padding. */
static void
table_cell(struct table_draw *d, double x, double top, double w, double h,
	   const char *s, char align, unsigned indent)
{
	double tw = table_text_w(d, s, CELL_SIZE);
	double base = top - h + (h - CELL_SIZE) / 2 + EM_DESCENT * CELL_SIZE;
	double tx = align == 'c' ? x + (w - tw) / 2 :
		    align == 'r' ? x + w - CELL_PAD - tw :
		    x + CELL_PAD + indent * CELL_SIZE;

	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)(top - h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(d->page);
	table_text(d, tx, base, s, CELL_SIZE);
}

/* The widths of the columns; fails when they cannot hold their text. */
static int
table_measure(struct table_draw *d, struct ogi_error *err)
{
	const struct letter_table *t = d->t;
	double width = PAGE_W - 2 * MARGIN, head = 0;
	unsigned head_rows = t->group != NULL ? 2 : 1;
	double height = PAGE_H - 2 * MARGIN - TITLE_SIZE - GAP -
			(t->subtitle != NULL ? SUBTITLE_SIZE + GAP : 0) -
			GAP - (double)t->n_notes * NOTE_PITCH;

	d->label_w = table_text_w(d, t->corner, CELL_SIZE);
	for (size_t i = 0; i < t->n_rows; i++) {
		double w = table_text_w(d, t->rows[i].label, CELL_SIZE) +
			   t->rows[i].indent * CELL_SIZE;

		if (w > d->label_w)
			d->label_w = w;
	}
	d->label_w += 2 * CELL_PAD;
	for (size_t j = 0; j < t->n_columns; j++) {
		double w = table_text_w(d, t->columns[j], CELL_SIZE);

		if (w > head)
			head = w;
	}
	d->col_w = t->n_columns > 0 ? (width - d->label_w) / (double)t->n_columns : 0;
	if (t->n_columns > 0 && d->col_w < head + 2 * CELL_PAD) {
		error_set(err, "table: the labels leave %.0f pt for each of %zu "
			  "columns, their headings need %.0f", d->col_w,
			  t->n_columns, head + 2 * CELL_PAD);
		return -1;
	}
	d->row_h = height / (double)(t->n_rows + head_rows);
	if (d->row_h > ROW_H_MAX)
		d->row_h = ROW_H_MAX;
	if (d->row_h < ROW_H_MIN) {
		error_set(err, "table: %zu rows do not fit on one page", t->n_rows);
		return -1;
	}
	return 0;
}

/* The heading rows from top; returns the y under them. */
static double
table_draw_head(struct table_draw *d, double top)
{
	const struct letter_table *t = d->t;
	double x = MARGIN + d->label_w;
	double h = d->row_h, full = t->group != NULL ? 2 * h : h;

	table_cell(d, MARGIN, top, d->label_w, full, t->corner, 'c', 0);
	if (t->group != NULL)
		table_cell(d, x + (double)t->group_first * d->col_w, top,
			   (double)t->group_count * d->col_w, h, t->group, 'c', 0);
	for (size_t j = 0; j < t->n_columns; j++) {
		bool grouped = t->group != NULL && j >= t->group_first &&
			       j < t->group_first + t->group_count;

		table_cell(d, x + (double)j * d->col_w, grouped ? top - h : top,
			   d->col_w, grouped ? h : full, t->columns[j], 'c', 0);
	}
	return top - full;
}

static void
table_draw(struct table_draw *d)
{
	const struct letter_table *t = d->t;
	double y = PAGE_H - MARGIN - TITLE_SIZE;

	table_text(d, (PAGE_W - table_text_w(d, t->title, TITLE_SIZE)) / 2, y,
		   t->title, TITLE_SIZE);
	y -= GAP;
	if (t->subtitle != NULL) {
		y -= SUBTITLE_SIZE;
		table_text(d, (PAGE_W - table_text_w(d, t->subtitle, SUBTITLE_SIZE)) / 2,
			   y, t->subtitle, SUBTITLE_SIZE);
		y -= GAP;
	}
	HPDF_Page_SetLineWidth(d->page, 0.5);
	y = table_draw_head(d, y);
	for (size_t i = 0; i < t->n_rows; i++, y -= d->row_h) {
		const struct letter_table_row *r = &t->rows[i];

		table_cell(d, MARGIN, y, d->label_w, d->row_h, r->label, 'l',
			   r->indent);
		for (size_t j = 0; j < t->n_columns; j++)
			table_cell(d, MARGIN + d->label_w + (double)j * d->col_w, y,
				   d->col_w, d->row_h,
				   r->cells != NULL ? r->cells[j] : NULL, 'r', 0);
	}
	y -= GAP;
	for (size_t i = 0; i < t->n_notes; i++) {
		y -= NOTE_PITCH;
		table_text(d, MARGIN, y, t->notes[i], NOTE_SIZE);
	}
}

/* libharu's loader for a collection takes a face index; for a lone face
 * it wants the other call. */
static const char *
table_load_font(HPDF_Doc pdf, const char *path, int index)
{
	size_t len = strlen(path);

	if (len > 4 && g_ascii_strcasecmp(path + len - 4, ".ttc") == 0)
		return HPDF_LoadTTFontFromFile2(pdf, path, (HPDF_UINT)index, HPDF_TRUE);
	return HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
}

int
letter_table_pdf(const struct letter_table *t, const char *font_path,
		 int font_index, const char *out_path, struct ogi_error *err)
{
	struct table_draw d = { .t = t };
	struct letter_pdf_err he;
	const char *name;
	HPDF_Doc pdf;
	int rc = -1;

	if (table_check_all_glyphs(t, font_path, font_index, err) != 0)
		return -1;
	pdf = letter_pdf_new(&he, err);
	if (pdf == NULL)
		return -1;
	if ((name = table_load_font(pdf, font_path, font_index)) == NULL ||
	    (d.font = HPDF_GetFont(pdf, name, "UTF-8")) == NULL ||
	    (d.page = HPDF_AddPage(pdf)) == NULL ||
	    HPDF_Page_SetWidth(d.page, (HPDF_REAL)PAGE_W) != HPDF_OK ||
	    HPDF_Page_SetHeight(d.page, (HPDF_REAL)PAGE_H) != HPDF_OK) {
		char *what = g_strdup_printf("setting up the table with the font %s",
					     font_path);

		letter_pdf_fail(&he, what, err);
		g_free(what);
		goto out;
	}
	if (table_measure(&d, err) != 0)
		goto out;
	table_draw(&d);
	if (he.no != 0) {
		letter_pdf_fail(&he, "drawing the table", err);
		goto out;
	}
	rc = letter_pdf_save(pdf, &he, out_path, err);
out:
	HPDF_Free(pdf);
	return rc;
}
