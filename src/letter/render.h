/* The PDF renderer: a struct letter_doc laid out per GB/T 9704-2012.
 *
 * Geometry: A4; text block 156 x 225 mm at 28 mm from the left and 37 mm
 * from the top; a grid of 22 lines of 28 characters; body 16 pt (the
 * characters are set 27/28 of the block apart so that 28 fill a line
 * exactly), title 22 pt centred, document number centred under the title,
 * addressee flush left, paragraphs indented two characters; every line
 * set flush left that is not the last of its paragraph is justified to the
 * right edge by widening the gaps between characters (never inside a run
 * of Latin letters and digits, which keeps its own spacing and is never
 * split unless longer than a line), headings flush
 * left in the Kai face, list items with a hanging indent after their
 * number, attachment note "附件：1.…" with continuation lines aligned on the
 * first character of the name, the issuing office centred over the date
 * (GB/T 9704 7.3.5.1; flush right two characters in when no date follows),
 * the date right-aligned four characters in from the right edge, the seal
 * (doc->seal_png, 42 mm across) centred across the date with the office
 * and the date in its lower half, drawn after the text, page
 * numbers "— N —" in 14 pt 7 mm under the block, odd pages right and even
 * pages left (one character in).  Text flows over as many pages as it
 * needs; a form field's label and box, and the office and the date, are
 * kept on one page.
 *
 * Fonts are embedded as TrueType subsets holding only the glyphs used
 * (ttf.c).  A character the face of its block lacks is taken from the body
 * face, then the fallback face; a character no configured face has fails
 * the render, naming it.
 *
 * Memory comes from GLib, whose allocation failures abort: no function
 * here fails for want of memory.
 *
 * Only src/letter includes hpdf.h (render.c, sheet.c, table.c and pdfdoc.c,
 * whose pdfdoc.h they share); no libharu type appears here.
 */
#ifndef OGI_LETTER_RENDER_H
#define OGI_LETTER_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/error.h"
#include "letter/letter.h"

/* TrueType font files (.ttf, or .ttc with a face index).  Any path may be
 * NULL to take the Debian default of letter_fonts_debian. */
struct letter_fonts {
	const char *body;     int body_index;      /* everything else */
	const char *title;    int title_index;     /* LETTER_BLOCK_TITLE */
	const char *kai;      int kai_index;       /* LETTER_BLOCK_HEADING */
	const char *fallback; int fallback_index;  /* per-character fallback */
};

/* body and title: AR PL UMing (uming.ttc, 0); kai: AR PL UKai (ukai.ttc,
 * 0); fallback: WenQuanYi Micro Hei (wqy-microhei.ttc, 0). */
extern const struct letter_fonts letter_fonts_debian;

/* One drawn run of text.  Coordinates are PDF points from the page's
 * lower-left corner; (x, y) is the start of the baseline.  The em box of
 * the run spans y - 0.12 * size .. y + 0.88 * size vertically and
 * x .. x + width horizontally. */
struct letter_layout_line {
	int page;           /* 1-based */
	long block;         /* index into doc->blocks; -1 for a page number */
	char *text;         /* UTF-8, as drawn */
	double x, y, width, size;
	/* Per character of text (n_glyphs code points): where it starts and
	 * its advance at this size without character spacing, so character
	 * i covers glyph_x[i] .. glyph_x[i] + glyph_w[i]. */
	double *glyph_x, *glyph_w;
	size_t n_glyphs;
};

/* What letter_render drew.  A body line is one entry; on a FORM_CHOICE
 * line the label and each option are separate entries. */
struct letter_layout_report {
	int n_pages;
	struct letter_layout_line *lines;
	size_t n_lines;
	/* The text block, in points. */
	double block_left, block_bottom, block_right, block_top;
	/* The seal: its page (0: none drawn) and the lower-left corner and
	 * side of its square, drawn over the text. */
	int seal_page;
	double seal_x, seal_y, seal_size;
};

/* Frees what a report holds (not the struct itself); NULL is a no-op. */
void letter_layout_report_free(struct letter_layout_report *report);

/* Bench only: embed the whole body face the plain libharu way
 * (HPDF_LoadTTFontFromFile2, embedding on) and draw every character with
 * it, as the renderer did before ttf.c.  No fallback: characters the body
 * face lacks come out blank. */
#define LETTER_RENDER_BASELINE 0x1u

struct letter_render_options {
	unsigned flags;       /* LETTER_RENDER_* */
	time_t created;       /* PDF creation date; 0 = now */
};

/* Renders `doc` to a PDF file at `out_path` (replaced atomically, mode
 * 0600, file and directory synced before it returns: the registry's
 * commit that names it comes next) with default options.  `fonts` may be NULL for the defaults.  When
 * `report_r` is not NULL it receives the layout (free it with
 * letter_layout_report_free); on failure it is left empty.  Fails, naming
 * the character (U+XXXX and the character), when no configured font has a
 * glyph for it or it lies outside the BMP.  Blocks on file I/O; the first
 * call also parses the fonts (tens of milliseconds), later calls reuse
 * them.  Thread-safe. */
int letter_render(const struct letter_doc *doc,
                  const struct letter_fonts *fonts, const char *out_path,
                  struct letter_layout_report *report_r,
                  struct ogi_error *err);

/* As letter_render, into memory: on success *pdf_r (caller frees with
 * g_free) holds *len_r bytes.  `opts` may be NULL for the defaults.  Writes
 * and removes a private temporary file (mkstemp in $TMPDIR, else /tmp) per
 * embedded font, because libharu 2.3.0 loads TrueType only from files. */
int letter_render_mem(const struct letter_doc *doc,
                      const struct letter_fonts *fonts,
                      const struct letter_render_options *opts,
                      unsigned char **pdf_r, size_t *len_r,
                      struct letter_layout_report *report_r,
                      struct ogi_error *err);

/* Drops the fonts parsed and cached by earlier renders (they are kept for
 * the life of the process otherwise).  Must not run concurrently with a
 * render. */
void letter_render_release_fonts(void);

/* The text of a ToUnicode CMap (PDF 1.7, 9.10.3) mapping the `n` two-byte
 * character codes codes[i] (strictly ascending) to the Unicode code points
 * cps[i], written in UTF-16BE (a surrogate pair above U+FFFF): runs where
 * code and code point both go up by one within one last byte as bfrange,
 * the others as bfchar, at most 100 to a block.  Every embedded font of a
 * letter carries one, so copying and searching give back the letter's
 * text.  On success *cmap_r (NUL-terminated, caller frees with g_free).
 * Fails when codes are not ascending or a cps[i] is not a Unicode scalar
 * value.  Pure. */
int letter_tounicode_cmap(const uint16_t *codes, const uint32_t *cps,
                          size_t n, char **cmap_r, struct ogi_error *err);

#endif
