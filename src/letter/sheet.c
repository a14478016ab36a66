#include "letter/sheet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>
#include <hpdf.h>

#include "common/fdio.h"
#include "letter/pdfdoc.h"
#include "letter/ttf.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define PT_TO_MM(x) ((x) * 25.4 / 72.0)

/* A4, folded in three for a DL envelope. */
#define SHEET_W_MM 210.0
#define SHEET_H_MM 297.0
#define SHEET_PANEL_MM 99.0
/* The window of a DL envelope (ISO 269 / DIN 680: 90 x 45 mm). */
#define SHEET_WINDOW_W_MM 90.0
#define SHEET_WINDOW_H_MM 45.0
/* The folded sheet's play in the envelope: 220 - 210 across, 110 - 99
 * up and down. */
#define SHEET_PLAY_X_MM 10.0
#define SHEET_PLAY_Y_MM 11.0
/* Keeps the text off the window's edge, where the film and a crooked
 * sheet hide it. */
#define SHEET_FIELD_MARGIN_MM 3.0
/* The middle panel's text block: the letter's margins (GB/T 9704: 28 mm
 * left, 156 mm wide) so it looks like the letter behind it. */
#define SHEET_BLOCK_LEFT_MM 28.0
#define SHEET_BLOCK_W_MM 156.0
#define SHEET_REFERENCE_TOP_MM (SHEET_PANEL_MM + 8.0)
#define SHEET_NOTICE_TOP_MM (SHEET_PANEL_MM + 20.0)
#define SHEET_FOLD_MARK_MM 5.0

/* Sizes in points: the sender's line small, as on a printed envelope;
 * the address at a size a sorting machine reads (postal guidance: 10 to
 * 12 pt), 9 pt when a long address needs the room; the name a little
 * larger. */
#define SHEET_SENDER_PT 7.0
#define SHEET_ADDRESS_PT 11.0
#define SHEET_ADDRESS_SMALL_PT 9.0
#define SHEET_NAME_PT 12.0
#define SHEET_REFERENCE_PT 8.0
#define SHEET_NOTICE_PT 12.0
/* Line pitch as a multiple of the size. */
#define SHEET_LEADING 1.3
/* The em box's top is this fraction of the size above the baseline. */
#define SHEET_ASCENT 0.88
/* An address longer than this many lines is not an address. */
#define SHEET_ADDRESS_LINES_MAX 3

/* Code points a face can map: the BMP (ttf.h). */
#define SHEET_BMP 0x10000u

enum { FACE_BODY, FACE_FALLBACK, N_FACES };

struct sheet_face {
	struct letter_ttf *ttf;
	unsigned char seen[SHEET_BMP / 8];
	GArray *used;            /* uint32_t code points, each once */
	HPDF_Font font;
};

struct sheet_line {
	uint32_t *cps;           /* the characters of the line */
	size_t n;
	double size;             /* points */
	double x_mm, top_mm;     /* the em box's left and top on the page */
};

struct sheet {
	struct sheet_face faces[N_FACES];
	GArray *lines;           /* struct sheet_line */
	struct ogi_error *err;
};

/* The face that draws cp: the body face, else the fallback; -1 when
 * neither. */
static int
sheet_face_of(const struct sheet *sh, uint32_t cp)
{
	for (int f = 0; f < N_FACES; f++)
		if (sh->faces[f].ttf != NULL && cp < SHEET_BMP &&
		    letter_ttf_glyph(sh->faces[f].ttf, cp) != 0)
			return f;
	return -1;
}

static double
sheet_advance_mm(const struct sheet *sh, uint32_t cp, double size)
{
	const struct letter_ttf *ttf = sh->faces[sheet_face_of(sh, cp)].ttf;

	return PT_TO_MM(letter_ttf_advance(ttf, letter_ttf_glyph(ttf, cp)) *
			size / 1000.0);
}

/* text as code points, control characters (a line end in an address)
 * made spaces; fails naming a character no face has. */
static uint32_t *
sheet_decode(struct sheet *sh, const char *text, size_t *n_r)
{
	char *valid = g_utf8_make_valid(text, -1);
	glong n;
	gunichar *cps = g_utf8_to_ucs4_fast(valid, -1, &n);

	g_free(valid);
	for (glong i = 0; i < n; i++) {
		if (g_unichar_iscntrl(cps[i]))
			cps[i] = ' ';
		if (sheet_face_of(sh, cps[i]) < 0) {
			char ch[8] = { 0 };

			g_unichar_to_utf8(cps[i], ch);
			error_set(sh->err, "no font has a glyph for U+%04X %s",
				  (unsigned)cps[i], ch);
			g_free(cps);
			return NULL;
		}
	}
	*n_r = (size_t)n;
	return cps;
}

/* Breaks text into lines of at most width_mm at size, from top_mm down;
 * adds them and returns how many, or -1.  Any character may end a line:
 * an address has no words to keep whole. */
static int
sheet_wrap(struct sheet *sh, const char *text, double size, double left_mm,
	   double width_mm, double top_mm)
{
	size_t n, start = 0;
	uint32_t *cps = sheet_decode(sh, text, &n);
	int lines = 0;

	if (cps == NULL)
		return -1;
	while (start < n || (n == 0 && lines == 0)) {
		double w = 0;
		size_t end = start;
		struct sheet_line l;

		while (end < n && (end == start ||
				   w + sheet_advance_mm(sh, cps[end], size) <= width_mm)) {
			w += sheet_advance_mm(sh, cps[end], size);
			end++;
		}
		l = (struct sheet_line){
			.cps = g_memdup2(cps + start, (end - start + 1) * sizeof(*cps)),
			.n = end - start, .size = size, .x_mm = left_mm,
			.top_mm = top_mm + lines * PT_TO_MM(size * SHEET_LEADING),
		};
		g_array_append_val(sh->lines, l);
		lines++;
		start = end;
		if (n == 0)
			break;
	}
	g_free(cps);
	return lines;
}

static void
sheet_drop_lines(struct sheet *sh, guint from)
{
	for (guint i = from; i < sh->lines->len; i++)
		g_free(g_array_index(sh->lines, struct sheet_line, i).cps);
	g_array_set_size(sh->lines, from);
}

/* The window's field: sender, postcode, address, name, top down, with the
 * address at size; returns 1 when it fits, 0 when not, -1 on error. */
static int
sheet_field(struct sheet *sh, const struct letter_sheet *s, double size)
{
	double left = s->window_left_mm + SHEET_FIELD_MARGIN_MM;
	double width = SHEET_WINDOW_W_MM - SHEET_PLAY_X_MM - 2 * SHEET_FIELD_MARGIN_MM;
	double top = s->window_top_mm + SHEET_FIELD_MARGIN_MM;
	double bottom = s->window_top_mm + SHEET_WINDOW_H_MM - SHEET_PLAY_Y_MM -
			SHEET_FIELD_MARGIN_MM;
	const struct { const char *text; double size; } parts[] = {
		{ s->sender, SHEET_SENDER_PT },
		{ s->postcode, size },
		{ s->address, size },
		{ s->name, SHEET_NAME_PT },
	};
	guint first = sh->lines->len;

	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
		char *text;
		int k;

		if (parts[i].text == NULL || parts[i].text[0] == '\0')
			continue;
		text = i == G_N_ELEMENTS(parts) - 1
		     ? g_strdup_printf("%s 收", parts[i].text) : g_strdup(parts[i].text);
		k = sheet_wrap(sh, text, parts[i].size, left, width, top);
		g_free(text);
		if (k < 0)
			return -1;
		if (parts[i].text == s->address && k > SHEET_ADDRESS_LINES_MAX) {
			sheet_drop_lines(sh, first);
			return 0;
		}
		top += k * PT_TO_MM(parts[i].size * SHEET_LEADING);
	}
	if (top - PT_TO_MM(SHEET_NAME_PT * (SHEET_LEADING - 1)) > bottom) {
		sheet_drop_lines(sh, first);
		return 0;
	}
	return 1;
}

static int
sheet_layout(struct sheet *sh, const struct letter_sheet *s)
{
	int fit = sheet_field(sh, s, SHEET_ADDRESS_PT);
	double top = SHEET_NOTICE_TOP_MM;

	if (fit == 0)
		fit = sheet_field(sh, s, SHEET_ADDRESS_SMALL_PT);
	if (fit < 0)
		return -1;
	if (fit == 0) {
		error_set(sh->err, "the address does not fit the envelope's "
			  "window in %d lines", SHEET_ADDRESS_LINES_MAX);
		return -1;
	}
	if (s->reference != NULL &&
	    sheet_wrap(sh, s->reference, SHEET_REFERENCE_PT, SHEET_BLOCK_LEFT_MM,
		       SHEET_BLOCK_W_MM, SHEET_REFERENCE_TOP_MM) < 0)
		return -1;
	for (size_t i = 0; i < s->n_notice; i++) {
		int k = sheet_wrap(sh, s->notice[i], SHEET_NOTICE_PT,
				   SHEET_BLOCK_LEFT_MM, SHEET_BLOCK_W_MM, top);

		if (k < 0)
			return -1;
		top += k * PT_TO_MM(SHEET_NOTICE_PT * SHEET_LEADING);
	}
	return 0;
}

/* Notes which face draws each character laid out. */
static void
sheet_mark_used(struct sheet *sh)
{
	for (guint i = 0; i < sh->lines->len; i++) {
		const struct sheet_line *l = &g_array_index(sh->lines, struct sheet_line, i);

		for (size_t k = 0; k < l->n; k++) {
			struct sheet_face *f = &sh->faces[sheet_face_of(sh, l->cps[k])];
			uint32_t cp = l->cps[k];

			if (!(f->seen[cp / 8] & (1u << (cp % 8)))) {
				f->seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
				g_array_append_val(f->used, cp);
			}
		}
	}
}

/* libharu 2.3.0 loads TrueType only from a named file: the subset goes to
 * an anonymous memory file, named through /proc, so nothing is written
 * to disk and nothing is left behind. */
static int
sheet_load_face(struct sheet *sh, HPDF_Doc pdf, struct sheet_face *f, int index)
{
	char psname[64], path[64];
	unsigned char *data;
	size_t len;
	bool written;
	const char *name = NULL;
	int fd;

	snprintf(psname, sizeof(psname), "OgiSheet%d", index);
	if (letter_ttf_subset(f->ttf, (const uint32_t *)(void *)f->used->data,
			      f->used->len, psname, &data, &len, sh->err) != 0)
		return -1;
	fd = memfd_create("ogi-sheet-font", MFD_CLOEXEC);
	written = fd >= 0 && fdio_write_all(fd, data, len) == 0;
	g_free(data);
	if (!written) {
		error_set(sh->err, "a font subset in memory: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	close(fd);
	if (name == NULL || (f->font = HPDF_GetFont(pdf, name, "UTF-8")) == NULL) {
		error_set(sh->err, "libharu could not load a font subset");
		return -1;
	}
	return 0;
}

static void
sheet_draw_line(struct sheet *sh, HPDF_Page page, const struct sheet_line *l)
{
	double x = MM(l->x_mm);
	double y = MM(SHEET_H_MM - l->top_mm) - SHEET_ASCENT * l->size;
	size_t i = 0;

	while (i < l->n) {
		int face = sheet_face_of(sh, l->cps[i]);
		size_t end = i;
		double w = 0;
		char *run;

		while (end < l->n && sheet_face_of(sh, l->cps[end]) == face) {
			w += MM(sheet_advance_mm(sh, l->cps[end], l->size));
			end++;
		}
		run = g_ucs4_to_utf8(l->cps + i, (glong)(end - i), NULL, NULL, NULL);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, sh->faces[face].font, (HPDF_REAL)l->size);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, run);
		HPDF_Page_EndText(page);
		g_free(run);
		x += w;
		i = end;
	}
}

static void
sheet_draw(struct sheet *sh, HPDF_Page page)
{
	HPDF_Page_SetWidth(page, (HPDF_REAL)MM(SHEET_W_MM));
	HPDF_Page_SetHeight(page, (HPDF_REAL)MM(SHEET_H_MM));
	for (guint i = 0; i < sh->lines->len; i++)
		sheet_draw_line(sh, page, &g_array_index(sh->lines, struct sheet_line, i));
	HPDF_Page_SetLineWidth(page, 0.5);
	for (int k = 1; k <= 2; k++) {
		double y = MM(SHEET_H_MM - k * SHEET_PANEL_MM);

		HPDF_Page_MoveTo(page, 0, (HPDF_REAL)y);
		HPDF_Page_LineTo(page, (HPDF_REAL)MM(SHEET_FOLD_MARK_MM), (HPDF_REAL)y);
		HPDF_Page_Stroke(page);
	}
}

static int
sheet_emit(struct sheet *sh, const char *out_path)
{
	struct letter_pdf_err he;
	HPDF_Doc pdf = letter_pdf_new(&he, sh->err);
	int rc = -1;

	if (pdf == NULL)
		return -1;
	for (int f = 0; f < N_FACES; f++)
		if (sh->faces[f].used->len > 0 &&
		    sheet_load_face(sh, pdf, &sh->faces[f], f) != 0)
			goto out;
	sheet_draw(sh, HPDF_AddPage(pdf));
	if (he.no != 0) {
		letter_pdf_fail(&he, "drawing the address sheet", sh->err);
		goto out;
	}
	rc = letter_pdf_save(pdf, &he, out_path, sh->err);
out:
	HPDF_Free(pdf);
	return rc;
}

static int
sheet_open_faces(struct sheet *sh, const struct letter_fonts *fonts)
{
	const struct letter_fonts *fs = fonts != NULL ? fonts : &letter_fonts_debian;
	const char *path[N_FACES] = { fs->body, fs->fallback };
	const char *dflt[N_FACES] = { letter_fonts_debian.body,
				      letter_fonts_debian.fallback };
	int index[N_FACES] = { fs->body_index, fs->fallback_index };

	for (int f = 0; f < N_FACES; f++) {
		sh->faces[f].used = g_array_new(FALSE, FALSE, sizeof(uint32_t));
		if (path[f] == NULL) {
			path[f] = dflt[f];
			index[f] = 0;
		}
		if (letter_ttf_open(path[f], index[f], &sh->faces[f].ttf, sh->err) != 0) {
			error_scope(sh->err, OGI_ERROR_STORE, false);
			return -1;
		}
	}
	return 0;
}

int
letter_sheet_render(const struct letter_sheet *s, const struct letter_fonts *fonts,
		    const char *out_path, struct ogi_error *err)
{
	struct sheet sh = { .err = err };
	int rc = -1;

	sh.lines = g_array_new(FALSE, FALSE, sizeof(struct sheet_line));
	if (s->address == NULL || s->address[0] == '\0' ||
	    s->name == NULL || s->name[0] == '\0')
		error_set(err, "an address sheet needs an address and a name");
	else if (sheet_open_faces(&sh, fonts) == 0 && sheet_layout(&sh, s) == 0) {
		sheet_mark_used(&sh);
		rc = sheet_emit(&sh, out_path);
	}
	sheet_drop_lines(&sh, 0);
	g_array_free(sh.lines, TRUE);
	for (int f = 0; f < N_FACES; f++) {
		letter_ttf_close(sh.faces[f].ttf);
		if (sh.faces[f].used != NULL)
			g_array_free(sh.faces[f].used, TRUE);
	}
	return rc;
}
