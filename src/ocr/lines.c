/* The lines of a page that is no form, each read again on its own.
 *
 * A letter has no frames (form.c): its values are read once, with the
 * page's layout guesses, and a character the page's reading gets wrong
 * stays wrong (民主路56号 read 36号, 灵活就业 read 灵活束业, 建设街 read
 * 建设衡 on the test faxes' fine letters).  So each line the page's
 * reading was unsure of is cut out and read twice more, as a single line
 * (PSM 7), smoothed to grey.  Where that reading agrees with the page's,
 * the page's words stand (as a form's frame whose two readings agree keeps
 * its confidences).  Where not, the line is read as it is too (the two
 * readings a form's frame gets, ocr_reading_images), and of the three the
 * one nearest the other two is kept (the least sum of edit distances), so
 * one reading's slip is outvoted by the two that agree; and every word of
 * it holding a character the other two do not both hold, at the same
 * place, is marked unsure (LINES_UNSURE_CONF), so a value the readings
 * dispute goes to a clerk whichever reading was kept.
 * Measured on the full test fax set's 10 fine letters (their 17 lines
 * each, every line under the floor read again): the values legible in
 * the text went from 53 of 62 to 58 (56号, 就业, 建设街, 贴息, 时间, 明仁街道)
 * with none lost; the as-is reading alone made 47 (it reads the 5 of an
 * ID number as 3 twice), the smoothed one alone 58, and smoothing the
 * whole page instead lost four the page's reading had (536号 for 56号,
 * 13050 for 15050 in an ID, a date's 日); on 10 fine letters of other
 * applicants (six provinces) 52 to 57, the smoothed reading alone 55.
 * Through ogid, the full set's fine fields were exact in 96.4% (clean)
 * and 95.5% (noisy) of values, from 95.5% and 92.7%, the other
 * applicants' in 93.6% and 94.5%, from 90.9% and 94.5%, none wrong with
 * confidence.  The CPU: 1.6 times on the full set's fine letter pages
 * (12, one worker), 3% more over its 54 fine pages (bench/ocr-pages).  A
 * page stretched to square pixels is not read so (ocr.c).
 *
 * A line the page's reading left out altogether is found by its ink:
 * Tesseract's layout takes a line a seal's ring touches for part of a
 * picture (a letter's date under its seal, on the full set's noisy
 * FreePBX letter: its date was not found).  Characters' components no
 * word's box holds, in line and 0.5 to 2 em tall together, with nothing
 * read beside them, are cut and read (smoothed) as one line, kept where
 * Tesseract is sure of most of its words; the full set's fine fields went
 * to 96.4% exact (noisy, from 95.5%), the other applicants' unchanged. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/ocr-private.h"

/* A line's cut: its words' boxes and this much (in em) around them. */
#define LINES_MARGIN 0.15
/* The white border a cut is read with (form.c's FORM_BORDER). */
#define LINES_BORDER 0.5
/* A line is read again when Tesseract's box of it is 0.5 to 2 em tall: a
 * line of print is about 1 em; less is a rule or specks, more a title in
 * big characters or words of two lines taken for one. */
#define LINES_MIN_HEIGHT 0.5
#define LINES_MAX_HEIGHT 2.0
#define LINES_UNSURE_CONF 0

/* The readings in the order ocr_lines_choose prefers them where they are
 * as near the others: the page's first (where all three differ, the
 * line is unsure whichever is kept; preferring the smoothed one there
 * put right 贴息 on one of the test faxes' fine letters and put wrong
 * 奈曼旗 on another), then the smoothed one, which alone made as many
 * values legible as the three together. */
#define LINES_PAGE 0
#define LINES_SMOOTHED 1
#define LINES_AS_IS 2

/* ---- choosing among three readings (pure) ------------------------------- */

/* The code points of UTF-8 s into cp (room for max): their number, or
 * SIZE_MAX when there are more.  A byte that starts no sequence is one
 * code point of its own. */
static size_t
decode(const char *s, uint32_t *cp, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0') {
		size_t len = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
		uint32_t c = *p;

		for (size_t k = 1; k < len; k++) {
			if ((p[k] & 0xc0) != 0x80) {
				len = 1;
				break;
			}
		}
		for (size_t k = 1; k < len; k++)
			c = c << 6 | (p[k] & 0x3f);
		if (n == max)
			return SIZE_MAX;
		cp[n++] = c;
		p += len;
	}
	return n;
}

/* The edit distance of a and b (characters put in, taken out or
 * changed), each at most OCR_LINES_MAX_CHARS long. */
static unsigned
distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	unsigned row[OCR_LINES_MAX_CHARS + 1];

	for (size_t j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned diag = row[0];

		row[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned up = row[j];
			unsigned best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

/* Marks in held each character of a that a longest common subsequence of
 * a and b holds (the characters of a in the same place in b); clears the
 * others' marks.  0, or -1 when out of memory. */
static int
held_by(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, bool *held)
{
	unsigned short *t = calloc((na + 1) * (nb + 1), sizeof *t);
	size_t i, j;

	if (t == NULL)
		return -1;
	/* t[i][j]: the longest common subsequence of a[i..] and b[j..]. */
	for (size_t x = na; x-- > 0;)
		for (size_t y = nb; y-- > 0;) {
			unsigned short *c = &t[x * (nb + 1) + y];

			if (a[x] == b[y])
				*c = t[(x + 1) * (nb + 1) + y + 1] + 1;
			else
				*c = ocr_imax(t[(x + 1) * (nb + 1) + y], t[x * (nb + 1) + y + 1]);
		}
	memset(held, 0, na * sizeof *held);
	for (i = 0, j = 0; i < na && j < nb;) {
		if (a[i] == b[j]) {
			held[i++] = true;
			j++;
		} else if (t[(i + 1) * (nb + 1) + j] >= t[i * (nb + 1) + j + 1])
			i++;
		else
			j++;
	}
	free(t);
	return 0;
}

int
ocr_lines_choose(const char *const text[OCR_LINES_READINGS], size_t *best_r,
                 bool agreed_r[OCR_LINES_MAX_CHARS], size_t *n_r)
{
	uint32_t cp[OCR_LINES_READINGS][OCR_LINES_MAX_CHARS];
	size_t n[OCR_LINES_READINGS], best = 0;
	unsigned best_sum = UINT32_MAX;
	bool held[OCR_LINES_MAX_CHARS];

	for (size_t r = 0; r < OCR_LINES_READINGS; r++)
		if ((n[r] = decode(text[r], cp[r], OCR_LINES_MAX_CHARS)) == SIZE_MAX)
			return 1;
	for (size_t r = 0; r < OCR_LINES_READINGS; r++) {
		unsigned sum = 0;

		for (size_t o = 0; o < OCR_LINES_READINGS; o++)
			if (o != r)
				sum += distance(cp[r], n[r], cp[o], n[o]);
		if (sum < best_sum) {
			best_sum = sum;
			best = r;
		}
	}
	for (size_t i = 0; i < n[best]; i++)
		agreed_r[i] = true;
	for (size_t o = 0; o < OCR_LINES_READINGS; o++) {
		if (o == best)
			continue;
		if (held_by(cp[best], n[best], cp[o], n[o], held) != 0)
			return -1;
		for (size_t i = 0; i < n[best]; i++)
			agreed_r[i] = agreed_r[i] && held[i];
	}
	*best_r = best;
	*n_r = n[best];
	return 0;
}

/* ---- lines the page's reading left out (pure) ---------------------------- */

/* A character's component, in em: 0.3 across or tall at least (a smaller
 * one is a speck or a dot of punctuation, read with its line anyway), at
 * most 1.5 tall and 3 wide (digits run together). */
#define DROPPED_MIN_SIDE 0.3
#define DROPPED_MAX_HEIGHT 1.5
#define DROPPED_MAX_WIDTH 3.0
/* Characters of one line are at most 2 em apart (a column gap is more). */
#define DROPPED_GAP 2.0
#define DROPPED_MIN_GLYPHS 3
#define DROPPED_MIN_WIDTH 2.0
/* A page with more character-sized components outside its words than
 * this is noise: nothing on it is taken for a line. */
#define DROPPED_MAX_COMPONENTS 4000

/* Whether [a0, a1) and [b0, b1) share min or more. */
static bool
shared(int a0, int a1, int b0, int b1, int min)
{
	return ocr_imin(a1, b1) - ocr_imax(a0, b0) >= min;
}

static bool
glyph_sized(const struct ocr_component *c, int em)
{
	int w = c->x1 - c->x0, h = c->y1 - c->y0;

	return (w >= DROPPED_MIN_SIDE * em || h >= DROPPED_MIN_SIDE * em) &&
	       h <= DROPPED_MAX_HEIGHT * em && w <= DROPPED_MAX_WIDTH * em;
}

static bool
touches_words(const struct ocr_component *c, const struct ocr_word *w, size_t n,
              int grow)
{
	for (size_t i = 0; i < n; i++)
		if (c->x1 > w[i].x0 - grow && c->x0 < w[i].x1 + grow &&
		    c->y1 > w[i].y0 - grow && c->y0 < w[i].y1 + grow)
			return true;
	return false;
}

/* Whether a and b are neighbours on one line. */
static bool
in_line(const struct ocr_component *a, const struct ocr_component *b, int gap)
{
	int ha = a->y1 - a->y0, hb = b->y1 - b->y0;

	return ocr_imax(a->x0, b->x0) - ocr_imin(a->x1, b->x1) <= gap &&
	       shared(a->y0, a->y1, b->y0, b->y1, (ocr_imin(ha, hb) + 1) / 2);
}

static size_t
root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* Whether box b is a line of print nothing was read beside. */
static bool
dropped_line(const struct ocr_component *b, size_t glyphs, const struct ocr_word *w,
             size_t n, int em)
{
	int h = b->y1 - b->y0;

	if (glyphs < DROPPED_MIN_GLYPHS || h < LINES_MIN_HEIGHT * em ||
	    h > LINES_MAX_HEIGHT * em || b->x1 - b->x0 < DROPPED_MIN_WIDTH * em)
		return false;
	for (size_t i = 0; i < n; i++)
		if (shared(b->y0, b->y1, w[i].y0, w[i].y1, (h + 1) / 2) &&
		    ocr_imax(b->x0, w[i].x0) - ocr_imin(b->x1, w[i].x1) <= DROPPED_GAP * em)
			return false;
	return true;
}

static int
cmp_top(const void *a, const void *b)
{
	const struct ocr_component *x = a, *y = b;

	if (x->y0 != y->y0)
		return (x->y0 > y->y0) - (x->y0 < y->y0);
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

int
ocr_lines_dropped(const struct ocr_component *comps, size_t n,
                  const struct ocr_word *words, size_t n_words, int em,
                  struct ocr_component boxes_r[OCR_LINES_MAX_DROPPED], size_t *n_r)
{
	size_t room = n > 0 ? n : 1, k = 0, found = 0;
	struct ocr_component *c = malloc(room * sizeof *c), *box = calloc(room, sizeof *box);
	size_t *parent = malloc(room * sizeof *parent), *glyphs = calloc(room, sizeof *glyphs);
	int grow = ocr_imax((int)(LINES_MARGIN * em), 2), ret = -1;

	*n_r = 0;
	if (c == NULL || box == NULL || parent == NULL || glyphs == NULL)
		goto out;
	for (size_t i = 0; i < n && k <= DROPPED_MAX_COMPONENTS; i++)
		if (glyph_sized(&comps[i], em) &&
		    !touches_words(&comps[i], words, n_words, grow))
			c[k++] = comps[i];
	if (k > DROPPED_MAX_COMPONENTS)
		k = 0;
	for (size_t i = 0; i < k; i++)
		parent[i] = i;
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++)
			if (in_line(&c[i], &c[j], (int)(DROPPED_GAP * em)))
				parent[root(parent, i)] = root(parent, j);
	/* Each group's union and count, kept at its root. */
	for (size_t i = 0; i < k; i++) {
		size_t r = root(parent, i);
		struct ocr_component *b = &box[r];

		*b = glyphs[r]++ == 0 ? c[i] : (struct ocr_component){
			ocr_imin(b->x0, c[i].x0), ocr_imin(b->y0, c[i].y0),
			ocr_imax(b->x1, c[i].x1), ocr_imax(b->y1, c[i].y1) };
	}
	for (size_t i = 0; i < k; i++) {
		if (root(parent, i) != i ||
		    !dropped_line(&box[i], glyphs[i], words, n_words, em))
			continue;
		/* More lines left out than a page's reading could miss: the
		 * page is noise. */
		if (found == OCR_LINES_MAX_DROPPED) {
			found = 0;
			break;
		}
		boxes_r[found++] = box[i];
	}
	qsort(boxes_r, found, sizeof *boxes_r, cmp_top);
	*n_r = found;
	ret = 0;
out:
	free(c);
	free(box);
	free(parent);
	free(glyphs);
	return ret;
}

/* ---- the page ----------------------------------------------------------- */

struct line {
	size_t first, n;       /* its words in the page's */
	int x0, y0, x1, y1;    /* their boxes' union */
	int min_conf;
};

/* The words built for the page, each text a copy o owns: the page keeps
 * its own until they all replace them. */
struct out {
	struct ocr_word *w;
	size_t n, cap;
};

/* Adds w to o with a copy of its text.  0, or -1 when out of memory. */
static int
out_add(struct out *o, const struct ocr_word *w)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 64;
		struct ocr_word *nw = realloc(o->w, cap * sizeof *nw);

		if (nw == NULL)
			return -1;
		o->w = nw;
		o->cap = cap;
	}
	o->w[o->n] = *w;
	if ((o->w[o->n].text = strdup(w->text)) == NULL)
		return -1;
	o->n++;
	return 0;
}

/* Adds the n words w to o as they are. */
static int
out_keep(struct out *o, const struct ocr_word *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (out_add(o, &w[i]) != 0)
			return -1;
	return 0;
}

static void
out_free(struct out *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->w[i].text);
	free(o->w);
}

/* Makes w, of a reading of a line cut from the page, a word of the
 * page's line l: in no frame, vouched for by nothing. */
static void
place_word(struct ocr_word *w, unsigned l)
{
	w->line = l;
	w->cell = -1;
	w->vouched = false;
}

/* The words of the kept reading (n of them, boxes already in page
 * pixels), copied into o as line `line`: each keeps its confidence where
 * the other two readings hold every character of it (agreed: one flag a
 * character, in order, n_agreed of them; a character past them, which only
 * text that is no UTF-8 could make, is not agreed; agreed may be NULL when
 * n_agreed is 0: every word unsure), else LINES_UNSURE_CONF.  A word is not cut where
 * the agreement changes: its characters would be words apart in the
 * text (3 6号 for 36号). */
static int
emit_agreed(struct out *o, const struct ocr_word *w, size_t n, unsigned line,
            const bool *agreed, size_t n_agreed)
{
	size_t at = 0;

	for (size_t i = 0; i < n; i++) {
		struct ocr_word copy = w[i];
		size_t k = ocr_codepoints(w[i].text, strlen(w[i].text));
		bool sure = true;

		for (size_t c = 0; c < k; c++)
			sure = sure && at + c < n_agreed && agreed[at + c];
		at += k;
		if (!sure)
			copy.conf = ocr_imin(copy.conf, LINES_UNSURE_CONF);
		place_word(&copy, line);
		if (out_add(o, &copy) != 0)
			return -1;
	}
	return 0;
}

/* The reading's words moved to page pixels: the cut's left top is at
 * (x0, y0) of the page, the reading has border pixels around it; boxes
 * stay inside the line's box. */
static void
to_page(struct ocr_reading *rd, const struct line *ln, int x0, int y0)
{
	for (size_t i = 0; i < rd->pg.n_words; i++) {
		struct ocr_word *w = &rd->pg.words[i];
		int b = rd->border;

		w->x0 = ocr_imin(ocr_imax(x0 + w->x0 - b, ln->x0), ln->x1);
		w->x1 = ocr_imin(ocr_imax(x0 + w->x1 - b, w->x0), ln->x1);
		w->y0 = ocr_imin(ocr_imax(y0 + w->y0 - b, ln->y0), ln->y1);
		w->y1 = ocr_imin(ocr_imax(y0 + w->y1 - b, w->y0), ln->y1);
	}
}

/* A component taller than print is a hand when at least HAND_MIN_WIDTH and
 * at most HAND_MAX_WIDTH em wide: a signature spans a name's few
 * characters (7 to 8 em on the test faxes); a thinner one is a frame's
 * side, a wider one the frame around the line, whose print form.c reads in
 * it (on the full test set's fine forms, lines of frames read again
 * without them cost 9% more CPU and changed no field). */
#define HAND_MIN_WIDTH 1.0
#define HAND_MAX_WIDTH 12.0

bool
ocr_lines_hand_parts(const struct ocr_component *comps, size_t n, int em, bool *erase_r)
{
	size_t glyphs = 0;
	bool hand = false, frame = false;

	for (size_t i = 0; i < n; i++) {
		int w = comps[i].x1 - comps[i].x0, h = comps[i].y1 - comps[i].y0;
		bool tall = h > DROPPED_MAX_HEIGHT * em;

		glyphs += glyph_sized(&comps[i], em);
		erase_r[i] = tall && w >= HAND_MIN_WIDTH * em && w <= HAND_MAX_WIDTH * em;
		hand = hand || erase_r[i];
		frame = frame || (tall && w > HAND_MAX_WIDTH * em);
	}
	return hand && !frame && glyphs >= DROPPED_MIN_GLYPHS;
}

/* Erases from crop, the cut of page pix (1 bpp, ink 1) at cut, the hands
 * where it holds a hand beside print (ocr_lines_hand_parts).  The
 * components are those of the page around the cut, HAND_MAX_WIDTH em
 * beyond it either side and an em above and below, that reach into it:
 * a frame is seen as wide as it is, not as the piece of it the cut holds.
 * 1 when it erased, 0 when the cut holds no hand beside print (left as it
 * was), -1 when out of memory or Leptonica failed. */
static int
erase_hand(PIX *pix, const struct ocr_component *cut, PIX *crop, int em)
{
	int reach = (int)(HAND_MAX_WIDTH * em);
	int ax = ocr_imax(cut->x0 - reach, 0), ay = ocr_imax(cut->y0 - em, 0);
	BOX *box = boxCreate(ax, ay, ocr_imin(cut->x1 + reach, pixGetWidth(pix)) - ax,
	                     ocr_imin(cut->y1 + em, pixGetHeight(pix)) - ay);
	PIX *around = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;
	PIXA *pixa = NULL;
	struct ocr_component *comps = NULL;
	l_int32 *index = NULL;
	bool *erase = NULL;
	size_t n = 0, k = 0;
	int ret = -1;

	if (around == NULL || ocr_components(around, ax, ay, &pixa, &comps, &n) != 0 ||
	    (index = calloc(n > 0 ? n : 1, sizeof *index)) == NULL ||
	    (erase = calloc(n > 0 ? n : 1, sizeof *erase)) == NULL)
		goto out;
	/* Those reaching into the cut, moved to the front (k <= i). */
	for (size_t i = 0; i < n; i++) {
		const struct ocr_component c = comps[i];

		if (c.x1 > cut->x0 && c.x0 < cut->x1 && c.y1 > cut->y0 && c.y0 < cut->y1) {
			index[k] = (l_int32)i;
			comps[k++] = c;
		}
	}
	ret = ocr_lines_hand_parts(comps, k, em, erase) ? 1 : 0;
	for (size_t i = 0; ret == 1 && i < k; i++) {
		PIX *part;

		if (!erase[i])
			continue;
		if ((part = pixaGetPix(pixa, index[i], L_CLONE)) == NULL) {
			ret = -1;
			break;
		}
		pixRasterop(crop, comps[i].x0 - cut->x0, comps[i].y0 - cut->y0,
		            comps[i].x1 - comps[i].x0, comps[i].y1 - comps[i].y0,
		            PIX_SUBTRACT, part, 0, 0);
		pixDestroy(&part);
	}
out:
	free(comps);
	free(index);
	free(erase);
	pixaDestroy(&pixa);
	pixDestroy(&around);
	boxDestroy(&box);
	return ret;
}

/* Line ln's box and LINES_MARGIN around it cut from pix, framed by a white
 * border of *border_r pixels, as it is (*framed_r) and smoothed
 * (*smooth_r), both the caller's; the cut's left top is (*x0_r, *y0_r) of
 * the page.  With without_hand, the hand is erased from the cut first
 * (erase_hand).  0; 1 when without_hand and the line holds no hand
 * beside its print; -1 when out of memory or Leptonica failed (nothing
 * made either way). */
static int
cut_line(PIX *pix, const struct ocr_page *page, const struct line *ln, int em,
         bool without_hand, int *border_r, int *x0_r, int *y0_r, PIX **framed_r,
         PIX **smooth_r)
{
	int m = ocr_imax((int)(LINES_MARGIN * em), 2);
	int x0 = ocr_imax(ln->x0 - m, 0), y0 = ocr_imax(ln->y0 - m, 0);
	int x1 = ocr_imin(ln->x1 + m, (int)page->width), y1 = ocr_imin(ln->y1 + m, (int)page->height);
	BOX *box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	PIX *crop = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;
	int rc = crop != NULL ? 0 : -1;

	boxDestroy(&box);
	*border_r = ocr_imax((int)(LINES_BORDER * em), 4);
	*x0_r = x0;
	*y0_r = y0;
	if (rc == 0 && without_hand) {
		int erased = erase_hand(pix, &(struct ocr_component){ x0, y0, x1, y1 }, crop, em);

		rc = erased < 0 ? -1 : erased == 1 ? 0 : 1;
	}
	if (rc == 0)
		rc = ocr_reading_images(crop, *border_r, framed_r, smooth_r);
	pixDestroy(&crop);
	return rc;
}

/* The line whose first word is page->words[i]: its words, their box and
 * their least confidence. */
static struct line
line_at(const struct ocr_page *page, size_t i)
{
	struct line ln = { i, 0, INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN, 100 };
	const struct ocr_word *w = page->words;

	while (i + ln.n < page->n_words && w[i + ln.n].line == w[i].line) {
		const struct ocr_word *x = &w[i + ln.n++];

		ln.x0 = ocr_imin(ln.x0, x->x0);
		ln.y0 = ocr_imin(ln.y0, x->y0);
		ln.x1 = ocr_imax(ln.x1, x->x1);
		ln.y1 = ocr_imax(ln.y1, x->y1);
		ln.min_conf = ocr_imin(ln.min_conf, x->conf);
	}
	return ln;
}

/* Whether line ln is read again: it is of print's height and the page's
 * reading was unsure of some word of it. */
static bool
worth_reading(const struct line *ln, int em)
{
	int h = ln->y1 - ln->y0;

	return ln->min_conf < OCR_FRONT_FLOOR && h >= LINES_MIN_HEIGHT * em &&
	       h <= LINES_MAX_HEIGHT * em && ln->x1 > ln->x0;
}

/* The page's reading of words w[0..n) without spaces; NULL when out of
 * memory. */
static char *
flat_words(const struct ocr_word *w, size_t n)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < n; i++)
		len += strlen(w[i].text);
	if ((s = malloc(len)) == NULL)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		strcat(s, w[i].text);
	return s;
}

/* Line ln's words read again from pix and put into o as line l: the kept
 * reading's, or the page's own where the readings agree, the line cannot
 * be compared or is not worth reading.  0, or -1 when out of memory or
 * Leptonica or Tesseract failed (its deadline included). */
static int
reread_line(TessBaseAPI *api, PIX *pix, unsigned res, int em, ETEXT_DESC *monitor,
            const struct ocr_page *page, const struct line *ln, unsigned l,
            struct out *o)
{
	struct ocr_reading rd[OCR_LINES_READINGS] = { 0 };
	PIX *framed = NULL, *smooth = NULL;
	const char *text[OCR_LINES_READINGS];
	bool agreed[OCR_LINES_MAX_CHARS];
	size_t best = LINES_PAGE, n = 0;
	int ret = -1, rc = 1, border, x0, y0;
	char *flat = NULL;

	if (!worth_reading(ln, em))
		return out_keep(o, &page->words[ln->first], ln->n);
	if ((flat = flat_words(&page->words[ln->first], ln->n)) == NULL ||
	    cut_line(pix, page, ln, em, false, &border, &x0, &y0, &framed, &smooth) != 0)
		goto out;
	rd[LINES_AS_IS].border = rd[LINES_SMOOTHED].border = border;
	if (ocr_reading_read(api, smooth, res, PSM_SINGLE_LINE, monitor, &rd[LINES_SMOOTHED]) != 0)
		goto out;
	/* The smoothed reading agreeing with the page's, the third could
	 * not change which is kept (it would be as near to both). */
	if (strcmp(flat, rd[LINES_SMOOTHED].flat) != 0) {
		if (ocr_reading_read(api, framed, res, PSM_SINGLE_LINE, monitor,
		                     &rd[LINES_AS_IS]) != 0)
			goto out;
		text[LINES_PAGE] = flat;
		text[LINES_AS_IS] = rd[LINES_AS_IS].flat;
		text[LINES_SMOOTHED] = rd[LINES_SMOOTHED].flat;
		rc = ocr_lines_choose(text, &best, agreed, &n);
	}
	if (rc < 0)
		goto out;
	if (rc > 0) {
		/* The page's reading and the smoothed one agree, or the line
		 * is too long to compare: the page's words stand. */
		ret = out_keep(o, &page->words[ln->first], ln->n);
		goto out;
	}
	if (best == LINES_PAGE) {
		ret = emit_agreed(o, &page->words[ln->first], ln->n, l, agreed, n);
	} else {
		to_page(&rd[best], ln, x0, y0);
		ret = emit_agreed(o, rd[best].pg.words, rd[best].pg.n_words, l, agreed, n);
	}
out:
	for (size_t i = 0; i < OCR_LINES_READINGS; i++)
		ocr_reading_clear(&rd[i]);
	pixDestroy(&framed);
	pixDestroy(&smooth);
	free(flat);
	return ret;
}

static void
reverse(struct ocr_word *w, size_t n)
{
	for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
		struct ocr_word t = w[a];

		w[a] = w[b - 1];
		w[b - 1] = t;
	}
}

/* Puts the n words w (copies) into o at index at.  0, or -1 when out of
 * memory (o then holds some of them at its end). */
static int
out_insert(struct out *o, size_t at, const struct ocr_word *w, size_t n)
{
	size_t end = o->n;

	for (size_t i = 0; i < n; i++)
		if (out_add(o, &w[i]) != 0)
			return -1;
	/* The new words rotated from the end to at: three reversals. */
	reverse(o->w + at, end - at);
	reverse(o->w + end, n);
	reverse(o->w + at, o->n - at);
	return 0;
}

static int
cmp_conf(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The median of the reading's word confidences, the higher of two middle
 * ones (0 for no word). */
static int
median_conf(const struct ocr_reading *rd)
{
	int conf[OCR_LINES_MAX_CHARS];
	size_t n = 0;

	for (size_t i = 0; i < rd->pg.n_words && n < OCR_LINES_MAX_CHARS; i++)
		conf[n++] = rd->pg.words[i].conf;
	if (n == 0)
		return 0;
	qsort(conf, n, sizeof *conf, cmp_conf);
	return conf[n / 2];
}

/* Where a line whose middle is at y goes among o's lines: before the
 * first line whose first word's middle is lower on the page. */
static size_t
line_place(const struct out *o, int y)
{
	for (size_t i = 0; i < o->n; i++)
		if ((i == 0 || o->w[i].line != o->w[i - 1].line) &&
		    (o->w[i].y0 + o->w[i].y1) / 2 > y)
			return i;
	return o->n;
}

/* Line ln cut from pix (without_hand: with its hand erased, cut_line) and
 * read smoothed into rd (zeroed, the caller's: ocr_reading_clear), its
 * words moved to the page as line l's.  0 when the reading is sure (its
 * median word at OCR_FRONT_FLOOR or more); 1 when it is not, or
 * without_hand and the line holds no hand beside print; -1 when out of
 * memory or Leptonica or Tesseract failed (its deadline included). */
static int
read_sure(TessBaseAPI *api, PIX *pix, unsigned res, int em, ETEXT_DESC *monitor,
          const struct ocr_page *page, const struct line *ln, bool without_hand,
          unsigned l, struct ocr_reading *rd)
{
	PIX *framed = NULL, *smooth = NULL;
	int x0 = 0, y0 = 0;
	int rc = cut_line(pix, page, ln, em, without_hand, &rd->border, &x0, &y0, &framed,
	                  &smooth);

	if (rc == 0)
		rc = ocr_reading_read(api, smooth, res, PSM_SINGLE_LINE, monitor, rd);
	if (rc == 0 && median_conf(rd) < OCR_FRONT_FLOOR)
		rc = 1;
	if (rc == 0) {
		to_page(rd, ln, x0, y0);
		for (size_t i = 0; i < rd->pg.n_words; i++)
			place_word(&rd->pg.words[i], l);
	}
	pixDestroy(&framed);
	pixDestroy(&smooth);
	return rc;
}

/* The lines the page's reading left out (ocr_lines_dropped, among o's
 * words) read from pix, smoothed, and put into o as lines numbered from
 * one past o's last where the reading is sure (its median word at
 * OCR_FRONT_FLOOR or more).  0, or -1 when out of memory or Leptonica or
 * Tesseract failed (its deadline included). */
static int
read_dropped(TessBaseAPI *api, PIX *pix, unsigned res, int em, ETEXT_DESC *monitor,
             const struct ocr_page *page, struct out *o)
{
	struct ocr_component *comps = NULL, found[OCR_LINES_MAX_DROPPED];
	size_t n, n_found = 0;
	unsigned next = 0;
	int ret = -1;

	if (ocr_components(pix, 0, 0, NULL, &comps, &n) != 0 ||
	    ocr_lines_dropped(comps, n, o->w, o->n, em, found, &n_found) != 0)
		goto out;
	for (size_t i = 0; i < o->n; i++)
		next = o->w[i].line + 1 > next ? o->w[i].line + 1 : next;
	for (size_t f = 0; f < n_found; f++) {
		struct line ln = { 0, 0, found[f].x0, found[f].y0, found[f].x1, found[f].y1, 0 };
		struct ocr_reading rd = { 0 };
		int rc = read_sure(api, pix, res, em, monitor, page, &ln, false, next, &rd);

		if (rc == 0) {
			next++;
			rc = out_insert(o, line_place(o, (ln.y0 + ln.y1) / 2), rd.pg.words,
			                rd.pg.n_words);
		}
		ocr_reading_clear(&rd);
		if (rc < 0)
			goto out;
	}
	ret = 0;
out:
	free(comps);
	return ret;
}

/* What is done with one line of a page: its words, or others in their
 * place, put into o as line l.  0, or -1 when out of memory or Leptonica
 * or Tesseract failed (its deadline included). */
typedef int line_fn(TessBaseAPI *api, PIX *pix, unsigned res, int em,
                    ETEXT_DESC *monitor, const struct ocr_page *page,
                    const struct line *ln, unsigned l, struct out *o);

/* Whether line ln may hold a hand beside its print: taller than print,
 * and the page's reading unsure of some word of it. */
static bool
may_hold_hand(const struct line *ln, int em)
{
	return ln->min_conf < OCR_FRONT_FLOOR && ln->y1 - ln->y0 > LINES_MAX_HEIGHT * em &&
	       ln->x1 > ln->x0;
}

/* Line ln's print read again without its hand (read_sure's
 * without_hand), its words put into o as line l where the reading is sure,
 * each unsure (LINES_UNSURE_CONF): a reading no other confirms, and print
 * touching the hand went with it (a date's digit), which no comparison
 * with the page's reading of the hand's scribble would show.  Else, and
 * where the line holds no hand beside print, the page's own words. */
static int
read_without_hand(TessBaseAPI *api, PIX *pix, unsigned res, int em, ETEXT_DESC *monitor,
                  const struct ocr_page *page, const struct line *ln, unsigned l,
                  struct out *o)
{
	struct ocr_reading rd = { 0 };
	int rc = 1;

	if (may_hold_hand(ln, em))
		rc = read_sure(api, pix, res, em, monitor, page, ln, true, l, &rd);
	if (rc == 0)
		rc = emit_agreed(o, rd.pg.words, rd.pg.n_words, l, NULL, 0);
	else if (rc > 0)
		rc = out_keep(o, &page->words[ln->first], ln->n);
	ocr_reading_clear(&rd);
	return rc;
}

/* Each line of page (no cells, some words) through fn, then, with
 * dropped, the lines its reading left out (read_dropped); page->words
 * and page->text become the result.  As ocr_lines_read for the rest. */
static int
read_lines(TessBaseAPI *api, PIX *pix, unsigned res, unsigned timeout_ms,
           struct ocr_page *page, line_fn *fn, bool dropped)
{
	int em = ocr_em_height(page->words, page->n_words);
	TessPageSegMode psm = TessBaseAPIGetPageSegMode(api);
	double deadline = timeout_ms > 0 ? ocr_now_ms() + timeout_ms : 0;
	ETEXT_DESC *monitor = NULL;
	struct out o = { 0 };
	char *text;
	int ret = -1, rc = 0;

	if (page->n_words == 0 || page->n_cells > 0)
		return 0;
	if (timeout_ms > 0) {
		if ((monitor = TessMonitorCreate()) == NULL)
			return -1;
		TessMonitorSetDeadlineMSecs(monitor, (int)timeout_ms);
	}
	TessBaseAPISetVariable(api, OCR_NOISE_ROWS_VAR, "0");
	for (size_t i = 0; i < page->n_words && rc == 0;) {
		struct line ln = line_at(page, i);

		i += ln.n;
		rc = fn(api, pix, res, em, monitor, page, &ln, page->words[ln.first].line, &o);
		/* Tesseract fails a reading its monitor's deadline stopped:
		 * the time is told first, and the page stays as read. */
		if (deadline > 0 && ocr_now_ms() >= deadline) {
			ret = OCR_FORM_LATE;
			goto out;
		}
	}
	if (rc == 0 && dropped)
		rc = read_dropped(api, pix, res, em, monitor, page, &o);
	if (deadline > 0 && ocr_now_ms() >= deadline) {
		ret = OCR_FORM_LATE;
		goto out;
	}
	if (rc != 0 || (text = ocr_words_text(o.w, o.n)) == NULL)
		goto out;
	ocr_page_take_words(page, o.w, o.n, text);
	o = (struct out){ 0 };
	ret = 0;
out:
	out_free(&o);
	TessBaseAPISetPageSegMode(api, psm);
	TessBaseAPISetVariable(api, OCR_NOISE_ROWS_VAR, "1");
	if (monitor != NULL)
		TessMonitorDelete(monitor);
	return ret;
}

int
ocr_lines_read(TessBaseAPI *api, PIX *pix, unsigned res, unsigned timeout_ms,
               struct ocr_page *page)
{
	return read_lines(api, pix, res, timeout_ms, page, reread_line, true);
}

int
ocr_lines_hand(TessBaseAPI *api, PIX *pix, unsigned res, unsigned timeout_ms,
               struct ocr_page *page)
{
	return read_lines(api, pix, res, timeout_ms, page, read_without_hand, false);
}
