/* Line breaking for Chinese letters with embedded Latin text.
 *
 * Pure functions: no I/O, no fonts.  The caller measures each character
 * (advance width plus any character spacing) and the breaker decides where
 * lines end:
 *   - between two Chinese characters a line may break, except that a line
 *     may not start with closing punctuation (，。、；：？！）》」』】〕…’”
 *     and the ASCII , . ; : ? ! ) ] } > " ') nor end with opening
 *     punctuation (（《「『【〔“‘ and ASCII ( [ { <), and "——" / "……" stay
 *     whole.  When the character that would start a line is prohibited,
 *     the previous character is pulled down with it (推出; no squeezing
 *     into the margin: lines never exceed the width they are given);
 *   - a run of Latin letters, digits and ASCII punctuation (a word, a
 *     number, an e-mail address, a URL) is kept whole and moved to the next
 *     line when it does not fit; only a run longer than a whole line is cut,
 *     at the last character that fits;
 *   - spaces are break opportunities; spaces at a line end are dropped and
 *     do not count towards its width;
 *   - '\n' ends a line and starts a new paragraph.
 */
#ifndef OGI_LETTER_LINEBREAK_H
#define OGI_LETTER_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

struct letter_line {
	size_t start, end;  /* characters [start, end) of the input */
	double width;       /* sum of their widths, trailing spaces excluded */
	bool para_start;    /* first line of the text or after a '\n' */
};

/* True when `cp` may not start a line (closing punctuation). */
bool letter_lb_no_start(uint32_t cp);

/* True when `cp` may not end a line (opening punctuation). */
bool letter_lb_no_end(uint32_t cp);

/* True when `cp` glues to its neighbours of the same class into an
 * unbreakable run (a Latin letter, digit or ASCII punctuation; not a
 * space, not a wide character). */
bool letter_lb_in_run(uint32_t cp);

/* Breaks `n` characters `cps` with widths `widths` into lines no wider
 * than `first_width` (lines with para_start) or `rest_width` (the others).
 * Spaces and '\n' are not part of any line.  An empty text gives no line.
 * *lines_r (caller frees with g_free; NULL when *n_lines_r is 0) holds
 * *n_lines_r lines in order.  Never fails: memory is GLib's (an allocation
 * that fails aborts). */
void letter_linebreak(const uint32_t *cps, const double *widths, size_t n,
                      double first_width, double rest_width,
                      struct letter_line **lines_r, size_t *n_lines_r);

/* Decodes UTF-8 `s` into code points.  Rejects invalid or overlong
 * sequences and surrogates, naming the byte offset.  On success *cps_r
 * (caller frees with g_free) holds *n_r code points. */
int letter_utf8_decode(const char *s, uint32_t **cps_r, size_t *n_r,
                       struct ogi_error *err);

/* Encodes `n` code points as NUL-terminated UTF-8 into a new string
 * (caller frees with g_free); never NULL. */
char *letter_utf8_encode(const uint32_t *cps, size_t n);

#endif
