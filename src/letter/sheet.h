/* The address sheet of a letter sent by post: an A4 page that goes first
 * in a DL window envelope (110 x 220 mm), folded in three (a Z fold, 99 mm
 * a panel), its top panel behind the window.
 *
 * Geometry (millimetres).  The envelope's window is 90 x 45 at
 * window_left from the envelope's left edge and window_top from its top
 * (the usual DL window: 20 and 45).  The folded sheet (210 x 99) has 10 mm
 * of play across and 11 mm up and down in the envelope, so only what lies
 * in the window however the sheet shifts is printed there: from
 * window_left to window_left + 80 across and from window_top to
 * window_top + 34 down the sheet, less a 3 mm margin.  In that field, top
 * to bottom: the sender's line (7 pt), the postcode, the address (wrapped,
 * at most three lines; 11 pt, or 9 pt when 11 pt needs more) and the
 * recipient's name followed by 收.  Under the window, on the middle panel:
 * the reference line (case, letter, kind) for the clerk who matches sheet
 * and letter, then the notice lines, if any (a pickup notice is a sheet
 * with no letter behind it).  Fold marks at 99 and 198 mm on the left
 * edge.
 *
 * Fonts: the body face, then the fallback face per character (struct
 * letter_fonts of render.h; title and kai are not used); a character
 * neither has fails the render, naming it.  Embedded as subsets (ttf.c).
 */
#ifndef OGI_LETTER_SHEET_H
#define OGI_LETTER_SHEET_H

#include <stddef.h>

#include "common/error.h"
#include "letter/render.h"

struct letter_sheet {
	const char *sender;     /* one line: the office's postcode, address,
	                           name; NULL or "" for none */
	const char *postcode;   /* the recipient's; NULL or "" for none */
	const char *address;    /* required */
	const char *name;       /* required */
	const char *reference;  /* NULL for none */
	const char *const *notice; /* lines, NULL for none */
	size_t n_notice;
	int window_left_mm;     /* the envelope's window */
	int window_top_mm;
};

/* Renders s as a one-page PDF at out_path (a temporary file in its
 * directory renamed over it, mode 0600).  Fails (message scope) when the
 * address does not fit the window in three lines at 9 pt or a character
 * has no glyph; fails with store scope when a font cannot be opened or the
 * file cannot be written.  Blocks on file I/O. */
int letter_sheet_render(const struct letter_sheet *s,
			const struct letter_fonts *fonts, const char *out_path,
			struct ogi_error *err);

#endif
