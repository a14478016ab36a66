/* Forms read by their layout: the framed cells of a page, each re-read on
 * its own.
 *
 * The office's form (templates/form.tpl) prints each label above a ruled
 * frame that holds the applicant's value.  Read as one page (PSM 4), a
 * value is read with the page's layout guesses: a label's printed hint
 * runs into it, and a value Tesseract takes for noise (a short name in a
 * kai hand) is lost.  So the frames are found from their lines, the
 * inside of each is read on its own twice -- as it is, and smoothed to
 * grey, which Tesseract binarises its own way -- and the first reading
 * replaces the page's words inside the frame.  Where the two readings
 * differ its words are marked unsure and a clerk looks; where they agree
 * a third reading by another model may vouch for the value.
 *
 * Every length is in units of the page's character height (em), so the
 * rules hold at both fax resolutions and on photographed pages.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/ocr-private.h"

/* Frames are found by their sides and proved by a rule.  A normal fax
 * (98 lines an inch) drops a thin horizontal rule now and then -- on the
 * test faxes a frame's top or bottom is gone on every other frame, or
 * left in dashes -- but keeps vertical lines whole.  So a frame is two
 * vertical sides of the same height and rows, far apart (a quarter of
 * the page's width: the office form's frames span the text block, 1256
 * of 1728 px), with ink in half the columns between them or more on
 * the few rows of a rule at its top or its bottom (a quarter em either
 * side of the sides' ends: the label above is further off).  The big
 * characters of a title have strokes as tall as a frame's sides and tops
 * on one row; but a side is no stroke inside a word Tesseract read (by a
 * quarter em or more either side of it) -- a word of one Latin letter
 * aside: that is the side itself read as | or l. */
#define FORM_MIN_WIDTH 0.25
/* A form has at most OCR_MAX_CELLS frames, two sides each; a page with
 * many more sides than that (a grid, stripes, a hostile picture of short
 * bars: 272 000 on 36 Mpx) is no form we read, and pairing them would
 * take longer than the page's time. */
#define FORM_MAX_SIDES (8 * OCR_MAX_CELLS)
#define FORM_EDGE_FILL 0.5
#define FORM_EDGE_BAND 0.25
/* A rule's rows: 1-2 px at 204 dpi, a pixel more once a normal fax is
 * stretched to square pixels. */
#define FORM_RULE_ROWS 3
#define FORM_WORD_ACROSS 0.25
/* And a side is a line alone: the columns just inside it (0.15 em) are
 * blank on nearly all its rows (ink on a fifth of them at most: a
 * speck, a pen stroke touching it), where a stroke of a bold title --
 * whose words Tesseract may not have read at all on a noisy fax -- has
 * the glyph's other strokes beside it. */
#define FORM_MARGIN 0.15
#define FORM_MARGIN_MAX_INK 0.2
/* Gaps a fax leaves in a line (a dropped scan line's pixels, 1-3 px) are
 * bridged before lines are sought; a gap between two characters of a
 * printed line is wider (0.1 em and more). */
#define FORM_BRIDGE_PX 5
/* A line 1-2 px thick turned by what deskew leaves (up to 0.3 degree on
 * the 1 degree test faxes: 6 px over a frame's width) is a staircase of
 * short runs; thickened by 0.2 em (8 px at 204 dpi) across, each run of
 * it holds the whole line.  The label above a frame is further off (half
 * an em), so it is not joined to the rule. */
#define FORM_THICKEN 0.2
/* A line is thin: 1-4 px at 204 dpi, 2-6 once a normal fax is stretched,
 * plus the thickening; 0.35 em (14 px) more keeps out solid bars and
 * strokes of characters run together. */
#define FORM_MAX_THICK 0.35
/* Pieces of a line on the same band (0.2 em across) are one line. */
#define FORM_JOIN_BAND 0.2
/* Sides: at least 1.3 em tall (a one-line frame is 1.7-1.9 em; a stroke
 * of a printed or written character is at most 1.1 em), joined over
 * gaps of a quarter em only: the sides of two frames one above the other
 * are 1.7 em apart (the label between them) and stay apart. */
#define FORM_SIDE_MIN 1.3
#define FORM_SIDE_JOIN_GAP 0.25
/* The two sides of a frame start and end on the same rows, within 0.5 em
 * (a side's ends are blurred by the corners and the thickening); a frame
 * taller than half the page is the page's border, not a cell. */
#define FORM_SIDE_TOL 0.5
#define FORM_MAX_HEIGHT_PAGE 0.5
/* The inside read: 0.15 em in from the rules, past their thickness and
 * the blur of a fax.  Tesseract reads a crop better with white around
 * it: half an em. */
#define FORM_INSET 0.15
#define FORM_BORDER 0.5
/* The page's words with their middle inside a frame or on its lines
 * (0.35 em around its inside: the inset, the line, a pixel of blur) are
 * replaced by the frame's reading; a side read as | goes with them. */
#define FORM_LINES_OWNED 0.35
/* Specks inside a frame: ink smaller than 0.15 em both ways with no
 * larger ink within 0.3 em is a fax's noise, not a character's dot (a
 * dot lies within its character).  Left in, both readings read it as 四
 * or 1 at a value's end on the normal-resolution noisy test faxes;
 * taken out, 27 of their 40 form values were read right instead of 23. */
#define FORM_SPECK 0.15
#define FORM_SPECK_ALONE 0.3
/* A frame with less ink inside than a tenth of an em square (one dot of
 * a character, or fax specks) is empty: nothing is read in it. */
#define FORM_EMPTY_INK 0.1
/* One line of text: a frame under two em inside (the form's one-line
 * frames are 1.6 em) is read as a single line (PSM 7), a taller one as a
 * block (PSM 6). */
#define FORM_ONE_LINE 2.0
/* The second reading: the inside smoothed by a 3 x 3 box (1 px either
 * side) to grey.  Measured against the inside enlarged twice (linear
 * interpolation) on the test faxes' form fields at fine resolution: the
 * enlarged reading differed from a right first reading in 7 of 36 values
 * (it reads 数 as 效, 享受 as 孚党), the smoothed one in 1; both differed
 * from every wrong first reading of a clean fax (堆林 for 霍林, 浓 for
 * 沁) but a smudged ID's, which its checksum refuses. */
#define FORM_SMOOTH_HALF 1
/* A frame's label: the nearest printed line above it (its middle above
 * the frame: Tesseract's box of a label's last word may take in the
 * frame's top rule), its bottom at most 1.5 em above the frame (the form
 * prints it 1 em above), overlapping the frame's columns; lines above
 * that one belong to it when they were wrapped: they reach to within 2 em
 * of the frame's right end and lie at most one em above (a long label
 * over two lines).  At most three lines.  Without a line above: words
 * left of the frame on its rows. */
#define FORM_LABEL_ABOVE 1.5
#define FORM_LABEL_WRAP_END 2.0
#define FORM_LABEL_WRAP_GAP 1.0
#define FORM_LABEL_MAX_LINES 3
/* The value is the reading as the frame is (FORM_AS_IS): on the test
 * faxes' form fields it was right in 36 of 40 values at fine resolution,
 * where the page's own reading was right in 35.  The smoothed reading
 * checks it: readings that differ make every word of the value unsure
 * (FORM_UNSURE_CONF), so the field goes to a clerk; readings that agree,
 * word for word, keep the higher of each word's two confidences.
 * Tesseract's confidences say little of a long Chinese value: addresses
 * and requests read exactly right scored 0-70, so every form went to a
 * clerk.  Nor is the agreement of the two readings proof: one model reads
 * the same strokes the same way, smoothed or not.  On the full test fax
 * set (20 forms, 209 frames: fine and normal, clean and noisy) the two
 * agreed on a wrong value 4 times: 和 put in a purpose (at 26 and 44), a
 * scribble read as LCLLL (38, 5), a phone's 9 read as 0, 演 for 沁 in an
 * address.  So the frame is read again, as it is, by another model
 * (ocr.c's OCR_VOUCH_LANGUAGE: Tesseract's script model for simplified
 * Chinese, trained apart from chi_sim), and smoothed where that reading
 * differs.  Where the first two agree and either reading of the other
 * model agrees with them character for character, and one of the
 * agreeing readings read every word with FORM_VOUCH_MIN_CONF or more,
 * the value is vouched for: its words are marked vouched, their own
 * confidences kept, and the OCR front decides per field what that is
 * worth (extract/ocrfront.c: not for a name or a number, whose wrong
 * readings the two models share).
 * On the same frames this vouched 151 values (90 of 108 at fine
 * resolution, 61 of 101 at normal), none of them wrong; the other model
 * alone read 97 of the 108 fine values right (chi_sim: 93).  Where the
 * first two differ the other model does not decide: a majority of three
 * readings took 6 wrong values (和 in the purpose again, LCLLL, the phone,
 * 演 and 了 in addresses).  Specks left in a frame are read at a
 * confidence of 5 or less by every reading; the vouched values' surest
 * reading had every word at 27 or more (fine) and 41 (normal).  The other
 * model is asked only where its reading can change the outcome
 * (ocr_form_ask_other): the first two agree, some word keeps less than
 * the OCR front's floor (OCR_FRONT_FLOOR) and one of them read every
 * word with FORM_VOUCH_MIN_CONF or more; its model is loaded on the first
 * such frame of a worker thread (ocr_vouch_api).  On the 10 fine form
 * faxes of the full set (42 pages, 1 worker) that is 0.03 s more CPU per
 * fine page (0.57 s; chi_sim alone 0.54, asking it wherever the first
 * two agree 0.60), the same verdicts and the same fields, and 57 MB more
 * resident memory per worker thread that reads a form.
 * These figures were taken with chi_sim alone as the page's model.  Since
 * 2026-12-05 the page and the first two readings are chi_sim with HanS
 * beside it (ocr.c, OCR_DEFAULT_LANGUAGE), which keeps HanS's word where
 * chi_sim is unsure: HanS agreeing with its own word would vouch for
 * nothing, so a frame whose first two readings hold such a word is not
 * read by it (other_can_change) and its value is not vouched for. */
#define FORM_AS_IS 0
#define FORM_CHECK 1
#define FORM_OTHER_MODEL 2
#define FORM_OTHER_SMOOTHED 3
#define FORM_READINGS 4
#define FORM_UNSURE_CONF 0
#define FORM_VOUCH_MIN_CONF 20

struct seg {
	int x0, y0, x1, y1;
};

struct frame {
	struct seg in;         /* the inside read, page pixels */
};

/* ---- rules and frames --------------------------------------------------- */

static int
cmp_seg(const void *a, const void *b)
{
	const struct seg *p = a, *q = b;

	if (p->y0 != q->y0)
		return p->y0 < q->y0 ? -1 : 1;
	return (p->x0 > q->x0) - (p->x0 < q->x0);
}



/* Lines along x at least min_len long: pieces of piece px or more, those
 * on one band with at most gap px between them joined.  Top to bottom. */
static struct seg *
find_lines(PIX *pix, int em, int piece, int gap, int min_len, size_t *n_r)
{
	int thicken = ocr_imax((int)(FORM_THICKEN * em), 1) | 1;
	PIX *closed, *opened;
	BOXA *boxa;
	struct seg *s = NULL;
	size_t n = 0, m = 0;

	*n_r = 0;
	closed = pixCloseBrick(NULL, pix, FORM_BRIDGE_PX, 1);
	if (closed != NULL)
		pixDilateBrick(closed, closed, 1, thicken);
	opened = closed != NULL ? pixOpenBrick(NULL, closed, piece, 1) : NULL;
	boxa = opened != NULL ? pixConnCompBB(opened, 8) : NULL;
	pixDestroy(&closed);
	pixDestroy(&opened);
	if (boxa == NULL)
		return NULL;
	s = calloc((size_t)boxaGetCount(boxa) + 1, sizeof *s);
	for (l_int32 k = 0; s != NULL && k < boxaGetCount(boxa); k++) {
		l_int32 x, y, bw, bh;

		boxaGetBoxGeometry(boxa, k, &x, &y, &bw, &bh);
		if (bh <= FORM_MAX_THICK * em + thicken)
			s[n++] = (struct seg){ x, y, x + bw, y + bh };
	}
	boxaDestroy(&boxa);
	if (s == NULL)
		return NULL;
	qsort(s, n, sizeof *s, cmp_seg);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			if (s[j].y0 - s[i].y0 > FORM_JOIN_BAND * em)
				break;
			if (s[j].x1 <= s[j].x0 || s[j].x0 - s[i].x1 > gap ||
			    s[i].x0 - s[j].x1 > gap)
				continue;
			s[i].x0 = ocr_imin(s[i].x0, s[j].x0);
			s[i].x1 = ocr_imax(s[i].x1, s[j].x1);
			s[i].y1 = ocr_imax(s[i].y1, s[j].y1);
			s[j].x1 = s[j].x0;          /* joined: left out below */
		}
	}
	for (size_t i = 0; i < n; i++)
		if (s[i].x1 - s[i].x0 >= min_len)
			s[m++] = s[i];
	*n_r = m;
	return s;
}

/* Vertical lines: those of the page turned a quarter clockwise, turned
 * back.  Left to right. */
static struct seg *
find_sides(PIX *pix, int em, size_t *n_r)
{
	PIX *turned = pixRotate90(pix, 1);
	int h = pixGetHeight(pix);
	struct seg *s;

	*n_r = 0;
	if (turned == NULL)
		return NULL;
	s = find_lines(turned, em, (int)(FORM_SIDE_MIN * em),
	               (int)(FORM_SIDE_JOIN_GAP * em), (int)(FORM_SIDE_MIN * em), n_r);
	pixDestroy(&turned);
	/* Turned clockwise, the page's (x, y) is at (h - 1 - y, x). */
	for (size_t i = 0; s != NULL && i < *n_r; i++)
		s[i] = (struct seg){ s[i].y0, h - s[i].x1, s[i].y1, h - s[i].x0 };
	return s;
}

static bool
bit_at(const l_uint32 *data, int wpl, int x, int y)
{
	return GET_DATA_BIT(data + (size_t)y * (size_t)wpl, x) != 0;
}

/* The largest share of columns x0..x1 with ink on FORM_RULE_ROWS rows
 * together, near y (within band): a rule there, whole or in dashes (a
 * thin rule turned by a degree and sampled at 98 lines an inch keeps
 * every other step of its staircase, all on a row or two).  The tops or
 * bottoms of a line of characters are spread over more rows. */
static double
edge_fill(PIX *pix, int x0, int x1, int y, int band)
{
	const l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix), h = pixGetHeight(pix), best = 0;

	for (int top = ocr_imax(y - band, 0); top + FORM_RULE_ROWS <= ocr_imin(y + band, h); top++) {
		int inked = 0;

		for (int x = x0; x < x1; x++)
			for (int yy = top; yy < top + FORM_RULE_ROWS; yy++)
				if (bit_at(data, wpl, x, yy)) {
					inked++;
					break;
				}
		best = ocr_imax(best, inked);
	}
	return x1 > x0 ? (double)best / (x1 - x0) : 0;
}

/* The share of rows y0..y1 with ink in the columns x0..x1. */
static double
rows_inked(PIX *pix, int x0, int x1, int y0, int y1)
{
	const l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix), inked = 0;

	x0 = ocr_imax(x0, 0);
	x1 = ocr_imin(x1, pixGetWidth(pix));
	y0 = ocr_imax(y0, 0);
	y1 = ocr_imin(y1, pixGetHeight(pix));
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++)
			if (bit_at(data, wpl, x, y)) {
				inked++;
				break;
			}
	return y1 > y0 ? (double)inked / (y1 - y0) : 1;
}

/* Whether a word of the page runs across side s. */
static bool
in_word(const struct seg *s, const struct ocr_page *page, int em)
{
	int over = (int)(FORM_WORD_ACROSS * em);

	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];

		if (w->x0 <= s->x0 - over && w->x1 >= s->x1 + over &&
		    w->y0 < s->y1 && w->y1 > s->y0 &&
		    !((unsigned char)w->text[0] < 0x80 && w->text[1] == '\0'))
			return true;
	}
	return false;
}

static int
cmp_frame(const void *a, const void *b)
{
	const struct frame *p = a, *q = b;

	if (p->in.y0 != q->in.y0)
		return p->in.y0 < q->in.y0 ? -1 : 1;
	return (p->in.x0 > q->in.x0) - (p->in.x0 < q->in.x0);
}

/* The right side for left side v[i]: the nearest one right of it, far
 * enough, on the same rows.  v is sorted by y0, so only its neighbours
 * within tol rows are looked at. */
static const struct seg *
partner(const struct seg *v, size_t n, size_t i, int minw, int tol)
{
	const struct seg *L = &v[i], *R = NULL;
	size_t lo = i;

	while (lo > 0 && L->y0 - v[lo - 1].y0 <= tol)
		lo--;
	for (size_t j = lo; j < n && v[j].y0 - L->y0 <= tol; j++) {
		const struct seg *c = &v[j];

		if (c->x0 - L->x1 >= minw && abs(c->y1 - L->y1) <= tol &&
		    (R == NULL || c->x0 < R->x0))
			R = c;
	}
	return R;
}

/* The page's frames (FORM_MIN_WIDTH ...): each left side with the nearest
 * side right of it on the same rows, proved by a rule at the top or the
 * bottom.  Top to bottom, left to right in *f_r (NULL when none).  0;
 * OCR_FORM_NOT_A_FORM when the page has more than FORM_MAX_SIDES sides;
 * OCR_FORM_LATE when the clock passed deadline (ms of ocr_now_ms; 0: none);
 * -1 when Leptonica failed. */
static int
find_frames(PIX *pix, const struct ocr_page *page, int em, double deadline,
            struct frame **f_r, size_t *n_r)
{
	int minw = (int)(pixGetWidth(pix) * FORM_MIN_WIDTH);
	int tol = ocr_imax((int)(FORM_SIDE_TOL * em), 2);
	int inset = ocr_imax((int)(FORM_INSET * em), 2);
	int max_h = (int)(pixGetHeight(pix) * FORM_MAX_HEIGHT_PAGE);
	int band = ocr_imax((int)(FORM_EDGE_BAND * em), 2);
	int margin = ocr_imax((int)(FORM_MARGIN * em), 2);
	size_t n_sides = 0, n = 0;
	struct seg *v = find_sides(pix, em, &n_sides);
	struct frame *f = NULL;
	int ret = 0;

	*f_r = NULL;
	*n_r = 0;
	if (v == NULL)
		return -1;
	if (n_sides > FORM_MAX_SIDES) {
		free(v);
		return OCR_FORM_NOT_A_FORM;
	}
	qsort(v, n_sides, sizeof *v, cmp_seg);
	f = calloc(n_sides + 1, sizeof *f);
	for (size_t i = 0; f != NULL && i < n_sides; i++) {
		const struct seg *L = &v[i], *R;
		struct seg in;

		if (deadline > 0 && ocr_now_ms() >= deadline) {
			ret = OCR_FORM_LATE;
			break;
		}
		if (L->y1 - L->y0 > max_h)
			continue;
		R = partner(v, n_sides, i, minw, tol);
		if (R == NULL || in_word(L, page, em) || in_word(R, page, em) ||
		    rows_inked(pix, L->x1, L->x1 + margin, L->y0 + band, L->y1 - band) >
		    FORM_MARGIN_MAX_INK ||
		    rows_inked(pix, R->x0 - margin, R->x0, R->y0 + band, R->y1 - band) >
		    FORM_MARGIN_MAX_INK ||
		    (edge_fill(pix, L->x1, R->x0, ocr_imin(L->y0, R->y0), band) <
		     FORM_EDGE_FILL &&
		     edge_fill(pix, L->x1, R->x0, ocr_imax(L->y1, R->y1), band) <
		     FORM_EDGE_FILL))
			continue;
		in = (struct seg){ L->x1 + inset, ocr_imax(L->y0, R->y0) + inset,
		                   R->x0 - inset, ocr_imin(L->y1, R->y1) - inset };
		if (in.y1 - in.y0 >= em / 2)
			f[n++].in = in;
	}
	free(v);
	if (f == NULL)
		return -1;
	if (ret != 0) {
		free(f);
		return ret;
	}
	qsort(f, n, sizeof *f, cmp_frame);
	*f_r = f;
	*n_r = n;
	return 0;
}

/* ---- labels ------------------------------------------------------------- */

struct line_box {
	int x0, y0, x1, y1;
	bool any;
};

static bool
centre_in(const struct ocr_word *w, const struct seg *r, int slack)
{
	int cx = (w->x0 + w->x1) / 2, cy = (w->y0 + w->y1) / 2;

	return cx >= r->x0 - slack && cx < r->x1 + slack &&
	       cy >= r->y0 - slack && cy < r->y1 + slack;
}

/* The frame (index) whose inside, or its rules, hold the word's centre;
 * -1 for none. */
static int
frame_of(const struct ocr_word *w, const struct frame *f, size_t n, int slack)
{
	for (size_t k = 0; k < n; k++)
		if (centre_in(w, &f[k].in, slack))
			return (int)k;
	return -1;
}

static bool
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Appends word to the growing string *s (NULL at first): Chinese is
 * written without spaces, Latin words and numbers keep one between. */
static int
join_word(char **s, const char *word)
{
	size_t len = *s != NULL ? strlen(*s) : 0, wl = strlen(word);
	bool space = len > 0 && wl > 0 && ascii_alnum((unsigned char)(*s)[len - 1]) &&
	             ascii_alnum((unsigned char)word[0]);
	char *p = realloc(*s, len + space + wl + 1);

	if (p == NULL)
		return -1;
	if (space)
		p[len++] = ' ';
	memcpy(p + len, word, wl + 1);
	*s = p;
	return 0;
}

/* The words of line l of the page (outside frames) whose centres lie over
 * the columns lo..hi, joined onto *s. */
static int
join_line(char **s, const struct ocr_page *page, const int *owner, unsigned l,
          int lo, int hi)
{
	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];
		int cx = (w->x0 + w->x1) / 2;

		if (w->line == l && owner[i] < 0 && cx >= lo && cx < hi &&
		    join_word(s, w->text) != 0)
			return -1;
	}
	return 0;
}

/* The printed label of frame k: the line(s) above it, else the words left
 * of it (FORM_LABEL_*); "" when neither was read.  NULL when out of
 * memory. */
static char *
frame_label(const struct ocr_page *page, const int *owner, const struct line_box *lines,
            unsigned n_lines, const struct frame *f, size_t n_frames, size_t k, int em)
{
	const struct seg *in = &f[k].in;
	unsigned picked[FORM_LABEL_MAX_LINES];
	size_t n_picked = 0;
	int best = -1;
	char *s = NULL;

	for (unsigned l = 0; l < n_lines; l++) {
		const struct line_box *b = &lines[l];
		bool between = false;

		if (!b->any || (b->y0 + b->y1) / 2 >= in->y0 ||
		    b->y1 < in->y0 - FORM_LABEL_ABOVE * em ||
		    b->x1 <= in->x0 - em || b->x0 >= in->x1)
			continue;
		for (size_t g = 0; g < n_frames; g++)
			if (g != k && f[g].in.y0 >= b->y1 && f[g].in.y1 <= in->y0 &&
			    f[g].in.x1 > in->x0 && f[g].in.x0 < in->x1)
				between = true;
		if (!between && (best < 0 || b->y1 > lines[best].y1))
			best = (int)l;
	}
	while (best >= 0 && n_picked < FORM_LABEL_MAX_LINES) {
		const struct line_box *cur = &lines[best];
		int up = -1;

		picked[n_picked++] = (unsigned)best;
		for (unsigned l = 0; l < n_lines; l++) {
			const struct line_box *b = &lines[l];

			if (b->any && b->y1 <= cur->y0 + em / 2 &&
			    b->y1 >= cur->y0 - FORM_LABEL_WRAP_GAP * em &&
			    b->x1 >= in->x1 - FORM_LABEL_WRAP_END * em &&
			    b->x0 < in->x1 && b->x1 > in->x0 - em && (unsigned)best != l &&
			    (up < 0 || b->y1 > lines[up].y1))
				up = (int)l;
		}
		best = up;
	}
	for (size_t p = n_picked; p-- > 0;)
		if (join_line(&s, page, owner, picked[p], in->x0 - em, in->x1 + em) != 0)
			goto oom;
	if (n_picked == 0) {
		/* Left of the frame, on its rows. */
		for (size_t i = 0; i < page->n_words; i++) {
			const struct ocr_word *w = &page->words[i];
			int cy = (w->y0 + w->y1) / 2;

			if (owner[i] < 0 && w->x1 <= in->x0 + em / 2 && cy >= in->y0 &&
			    cy < in->y1 && join_word(&s, w->text) != 0)
				goto oom;
		}
	}
	if (s == NULL)
		s = strdup("");
	return s;
oom:
	free(s);
	return NULL;
}

/* ---- reading a frame ---------------------------------------------------- */

void
ocr_reading_clear(struct ocr_reading *r)
{
	for (size_t i = 0; i < r->pg.n_words; i++)
		free(r->pg.words[i].text);
	free(r->pg.words);
	free(r->pg.text);
	free(r->flat);
	memset(r, 0, sizeof *r);
}

static char *
flat_text(const struct ocr_page *pg)
{
	char *s = NULL;

	for (size_t i = 0; i < pg->n_words; i++) {
		size_t len = s != NULL ? strlen(s) : 0, wl = strlen(pg->words[i].text);
		char *p = realloc(s, len + wl + 1);

		if (p == NULL) {
			free(s);
			return NULL;
		}
		memcpy(p + len, pg->words[i].text, wl + 1);
		s = p;
	}
	return s != NULL ? s : strdup("");
}

int
ocr_reading_read(TessBaseAPI *api, PIX *img, unsigned res, int psm,
                 ETEXT_DESC *monitor, struct ocr_reading *out)
{
	int rc;

	out->pg.width = (unsigned)pixGetWidth(img);
	out->pg.height = (unsigned)pixGetHeight(img);
	TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
	TessBaseAPISetImage2(api, img);
	TessBaseAPISetSourceResolution(api, (int)res);
	rc = TessBaseAPIRecognize(api, monitor);
	if (rc == 0)
		rc = ocr_collect_words(api, &out->pg);
	if (rc == 0)
		out->second = ocr_read_by_second_model(api);
	TessBaseAPIClear(api);
	if (rc == 0 && (out->flat = flat_text(&out->pg)) == NULL)
		rc = -1;
	return rc;
}

/* Clears the lone specks of pix (FORM_SPECK).  0, or -1 when Leptonica
 * failed. */
static int
remove_specks(PIX *pix, int em)
{
	int size = ocr_imax((int)(FORM_SPECK * em), 2);
	int reach = 2 * ocr_imax((int)(FORM_SPECK_ALONE * em), 1) + 1;
	PIX *large = pixSelectBySize(pix, size, size, 8, L_SELECT_IF_EITHER,
	                             L_SELECT_IF_GTE, NULL);
	PIX *near = large != NULL ? pixDilateBrick(NULL, large, reach, reach) : NULL;
	PIX *alone = near != NULL ? pixSubtract(NULL, pix, near) : NULL;
	int ret = alone != NULL && pixSubtract(pix, pix, alone) != NULL ? 0 : -1;

	pixDestroy(&large);
	pixDestroy(&near);
	pixDestroy(&alone);
	return ret;
}

int
ocr_reading_images(PIX *crop, int border, PIX **framed_r, PIX **smooth_r)
{
	PIX *framed = pixAddBorder(crop, border, 0);
	PIX *grey = framed != NULL ? pixConvert1To8(NULL, framed, 255, 0) : NULL;
	PIX *smooth = grey != NULL ? pixBlockconv(grey, FORM_SMOOTH_HALF, FORM_SMOOTH_HALF) : NULL;

	pixDestroy(&grey);
	if (smooth == NULL) {
		pixDestroy(&framed);
		return -1;
	}
	*framed_r = framed;
	*smooth_r = smooth;
	return 0;
}

static int
min_conf(const struct ocr_page *pg)
{
	int m = 100;

	for (size_t i = 0; i < pg->n_words; i++)
		m = ocr_imin(m, pg->words[i].conf);
	return m;
}

enum ocr_form_trust
ocr_form_trust(const struct ocr_form_reading *rd, size_t n)
{
	int best = ocr_imax(rd[FORM_AS_IS].min_conf, rd[FORM_CHECK].min_conf);
	bool other = false;

	if (n < 2 || strcmp(rd[FORM_AS_IS].text, rd[FORM_CHECK].text) != 0)
		return OCR_FORM_UNSURE;
	if (rd[FORM_AS_IS].text[0] == '\0')
		return OCR_FORM_AS_READ;
	for (size_t i = FORM_OTHER_MODEL; i < n && i < FORM_READINGS; i++) {
		if (strcmp(rd[i].text, rd[FORM_AS_IS].text) != 0)
			continue;
		other = true;
		best = ocr_imax(best, rd[i].min_conf);
	}
	return other && best >= FORM_VOUCH_MIN_CONF ? OCR_FORM_VOUCHED : OCR_FORM_AS_READ;
}

/* Whether the first two readings agree word for word (FORM_AS_IS ...). */
static bool
same_words(const struct ocr_reading rd[FORM_READINGS])
{
	if (rd[0].pg.n_words != rd[1].pg.n_words)
		return false;
	for (size_t i = 0; i < rd[0].pg.n_words; i++)
		if (strcmp(rd[0].pg.words[i].text, rd[1].pg.words[i].text) != 0)
			return false;
	return true;
}

/* The confidence word i of the value (read[FORM_AS_IS]) keeps from the
 * first two readings: the higher of its two where they agree word for
 * word (same), else its own (FORM_AS_IS). */
static int
kept_conf(const struct ocr_reading read[FORM_READINGS], bool same, size_t i)
{
	int conf = read[FORM_AS_IS].pg.words[i].conf;

	return same ? ocr_imax(conf, read[FORM_CHECK].pg.words[i].conf) : conf;
}

bool
ocr_form_ask_other(const struct ocr_form_reading rd[2], int kept_min)
{
	return strcmp(rd[FORM_AS_IS].text, rd[FORM_CHECK].text) == 0 &&
	       rd[FORM_AS_IS].text[0] != '\0' && kept_min < OCR_FRONT_FLOOR &&
	       ocr_imax(rd[FORM_AS_IS].min_conf, rd[FORM_CHECK].min_conf) >= FORM_VOUCH_MIN_CONF;
}

/* ocr_form_ask_other for the first two readings of a frame; never where
 * either holds a word the page's model took from the second model. */
static bool
other_can_change(const struct ocr_reading read[FORM_READINGS])
{
	struct ocr_form_reading tr[2];
	bool same = same_words(read);
	int kept = 100;

	/* The second model agreeing with its own word would vouch for it. */
	if (read[FORM_AS_IS].second || read[FORM_CHECK].second)
		return false;
	for (size_t i = 0; i < 2; i++)
		tr[i] = (struct ocr_form_reading){ read[i].flat, min_conf(&read[i].pg) };
	for (size_t i = 0; i < read[FORM_AS_IS].pg.n_words; i++)
		kept = ocr_imin(kept, kept_conf(read, same, i));
	return ocr_form_ask_other(tr, kept);
}

/* rd[FORM_OTHER_MODEL] and, where it differs from rd[FORM_AS_IS],
 * rd[FORM_OTHER_SMOOTHED]: the second model's readings of the frame, with
 * OCR_NOISE_ROWS_VAR as ocr_form_read sets it for frames; other is left
 * at Tesseract's default.  0: read; -1: failed. */
static int
read_other(TessBaseAPI *other, PIX *framed, PIX *smooth, unsigned res,
           TessPageSegMode psm, ETEXT_DESC *monitor, struct ocr_reading rd[FORM_READINGS])
{
	int ret = -1;

	TessBaseAPISetVariable(other, OCR_NOISE_ROWS_VAR, "0");
	if (ocr_reading_read(other, framed, res, psm, monitor, &rd[FORM_OTHER_MODEL]) == 0 &&
	    (strcmp(rd[FORM_AS_IS].flat, rd[FORM_OTHER_MODEL].flat) == 0 ||
	     ocr_reading_read(other, smooth, res, psm, monitor, &rd[FORM_OTHER_SMOOTHED]) == 0))
		ret = 0;
	TessBaseAPISetVariable(other, OCR_NOISE_ROWS_VAR, "1");
	return ret;
}

/* Reads frame f's inside as it is and smoothed; where the second model
 * can change the value's outcome (ocr_form_ask_other), by it too
 * (read_other; vouch, when not NULL, loads it on this first need).  0:
 * read (any may hold no word); 1: the frame is empty; -1: failed. */
static int
read_frame(TessBaseAPI *api, struct ocr_vouch *vouch, PIX *pix, unsigned res, int em,
           const struct frame *f, ETEXT_DESC *monitor, struct ocr_reading rd[FORM_READINGS])
{
	const struct seg *in = &f->in;
	BOX *box = boxCreate(in->x0, in->y0, in->x1 - in->x0, in->y1 - in->y0);
	PIX *crop = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;
	PIX *framed = NULL, *smooth = NULL;
	TessPageSegMode psm = in->y1 - in->y0 < FORM_ONE_LINE * em ?
	                      PSM_SINGLE_LINE : PSM_SINGLE_BLOCK;
	l_int32 ink = 0;
	int ret = -1;

	boxDestroy(&box);
	if (crop == NULL || remove_specks(crop, em) != 0 ||
	    pixCountPixels(crop, &ink, NULL) != 0)
		goto out;
	if (ink < FORM_EMPTY_INK * em * em) {
		ret = 1;
		goto out;
	}
	for (size_t i = 0; i < FORM_READINGS; i++)
		rd[i].border = ocr_imax((int)(FORM_BORDER * em), 4);
	if (ocr_reading_images(crop, rd[FORM_AS_IS].border, &framed, &smooth) != 0)
		goto out;
	if (ocr_reading_read(api, framed, res, psm, monitor, &rd[FORM_AS_IS]) != 0 ||
	    ocr_reading_read(api, smooth, res, psm, monitor, &rd[FORM_CHECK]) != 0)
		goto out;
	if (vouch != NULL && other_can_change(rd)) {
		TessBaseAPI *other = ocr_vouch_api(vouch);

		if (other != NULL &&
		    read_other(other, framed, smooth, res, psm, monitor, rd) != 0)
			goto out;
	}
	ret = 0;
out:
	pixDestroy(&crop);
	pixDestroy(&framed);
	pixDestroy(&smooth);
	return ret;
}

/* ---- the page's words --------------------------------------------------- */

struct merge {
	struct ocr_word *w;
	size_t n;
	unsigned line;         /* the next line's number */
};

/* Frame k's value (read[FORM_AS_IS], confidences as FORM_AS_IS says), in
 * page pixels, as lines of their own after m's. */
static void
emit_frame(struct merge *m, const struct frame *f, size_t k,
           struct ocr_reading read[FORM_READINGS])
{
	const struct seg *in = &f[k].in;
	struct ocr_reading *rd = &read[FORM_AS_IS];
	struct ocr_form_reading tr[FORM_READINGS];
	size_t n_tr = 0;
	enum ocr_form_trust trust;
	bool same = same_words(read);
	unsigned lines = 0;

	/* The second model's readings are made only where needed
	 * (read_frame): without them the first two decide. */
	for (; n_tr < FORM_READINGS && read[n_tr].flat != NULL; n_tr++)
		tr[n_tr] = (struct ocr_form_reading){ read[n_tr].flat,
		                                      min_conf(&read[n_tr].pg) };
	trust = ocr_form_trust(tr, n_tr);

	for (size_t i = 0; i < rd->pg.n_words; i++) {
		struct ocr_word w = rd->pg.words[i];
		int b = rd->border;

		w.x0 = ocr_imin(ocr_imax(in->x0 + w.x0 - b, in->x0), in->x1);
		w.x1 = ocr_imin(ocr_imax(in->x0 + w.x1 - b, w.x0), in->x1);
		w.y0 = ocr_imin(ocr_imax(in->y0 + w.y0 - b, in->y0), in->y1);
		w.y1 = ocr_imin(ocr_imax(in->y0 + w.y1 - b, w.y0), in->y1);
		w.conf = trust == OCR_FORM_UNSURE ? FORM_UNSURE_CONF : kept_conf(read, same, i);
		w.vouched = trust == OCR_FORM_VOUCHED;
		w.cell = (int)k;
		lines = w.line + 1 > lines ? w.line + 1 : lines;
		w.line += m->line;
		m->w[m->n++] = w;
		rd->pg.words[i].text = NULL;     /* moved */
	}
	m->line += lines;
}

char *
ocr_words_text(const struct ocr_word *w, size_t n)
{
	size_t len = 1;
	char *t, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(w[i].text) + 1;
	p = t = malloc(len);
	if (t == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t wl = strlen(w[i].text);

		if (i > 0)
			*p++ = w[i].line != w[i - 1].line ? '\n' : ' ';
		memcpy(p, w[i].text, wl);
		p += wl;
	}
	*p = '\0';
	return t;
}

void
ocr_page_take_words(struct ocr_page *page, struct ocr_word *w, size_t n, char *text)
{
	for (size_t i = 0; i < page->n_words; i++)
		free(page->words[i].text);
	free(page->words);
	page->words = w;
	page->n_words = n;
	free(page->text);
	page->text = text;
}

/* The page's words with each frame's inside replaced by its reading:
 * lines in reading order, a frame's lines after the printed lines above
 * its top (its label) and before those below. */
static int
merge_words(struct ocr_page *page, const int *owner, const struct frame *f,
            size_t n_frames, struct ocr_reading (*rd)[FORM_READINGS], const bool *read)
{
	struct merge m = { 0 };
	size_t total = page->n_words, next = 0;
	char *text;

	for (size_t k = 0; k < n_frames; k++)
		if (read[k])
			total += rd[k][FORM_AS_IS].pg.n_words;
	m.w = calloc(total + 1, sizeof *m.w);
	if (m.w == NULL)
		return -1;
	for (size_t i = 0; i < page->n_words;) {
		size_t j = i;
		int top = INT32_MAX;

		while (j < page->n_words && page->words[j].line == page->words[i].line)
			j++;
		for (size_t q = i; q < j; q++)
			if (owner[q] < 0)
				top = ocr_imin(top, page->words[q].y0);
		if (top != INT32_MAX) {
			for (; next < n_frames && f[next].in.y0 < top; next++)
				if (read[next])
					emit_frame(&m, f, next, rd[next]);
			for (size_t q = i; q < j; q++) {
				if (owner[q] >= 0)
					continue;
				m.w[m.n] = page->words[q];
				m.w[m.n++].line = m.line;
				page->words[q].text = NULL;    /* moved */
			}
			m.line++;
		}
		i = j;
	}
	for (; next < n_frames; next++)
		if (read[next])
			emit_frame(&m, f, next, rd[next]);
	text = ocr_words_text(m.w, m.n);
	if (text == NULL) {
		/* Put back what was moved: the page stays as it was read. */
		for (size_t i = 0, q = 0; i < m.n; i++) {
			if (m.w[i].cell >= 0) {
				free(m.w[i].text);
				continue;
			}
			while (owner[q] >= 0)
				q++;
			page->words[q++].text = m.w[i].text;
		}
		free(m.w);
		return -1;
	}
	ocr_page_take_words(page, m.w, m.n, text);
	return 0;
}

/* ---- the page ----------------------------------------------------------- */

int
ocr_form_read(TessBaseAPI *api, struct ocr_vouch *vouch, PIX *pix, unsigned res,
              unsigned timeout_ms, struct ocr_page *page)
{
	int em = ocr_em_height(page->words, page->n_words);
	size_t n_frames = 0, n_lines = 0;
	struct frame *f = NULL;
	struct ocr_reading (*rd)[FORM_READINGS] = NULL;
	struct line_box *lines = NULL;
	int *owner = NULL;
	bool *read = NULL;
	ETEXT_DESC *monitor = NULL;
	TessPageSegMode psm = TessBaseAPIGetPageSegMode(api);
	double start = ocr_now_ms();
	double deadline = timeout_ms > 0 ? start + timeout_ms : 0;
	int ret = -1;

	/* Without words there is no label to read; frames that could not
	 * be sought (Leptonica failed) leave the page as read. */
	if (page->n_words == 0)
		return 0;
	ret = find_frames(pix, page, em, deadline, &f, &n_frames);
	if (ret != 0)
		return ret > 0 ? ret : 0;
	ret = -1;
	if (n_frames == 0 || n_frames > OCR_MAX_CELLS) {
		/* No form we read has so many: a table or a grid of
		 * squares, read as a page. */
		free(f);
		return 0;
	}
	for (size_t i = 0; i < page->n_words; i++)
		n_lines = page->words[i].line + 1 > n_lines ? page->words[i].line + 1 : n_lines;
	rd = calloc(n_frames, sizeof *rd);
	owner = calloc(page->n_words + 1, sizeof *owner);
	lines = calloc(n_lines + 1, sizeof *lines);
	read = calloc(n_frames, sizeof *read);
	page->cells = calloc(n_frames, sizeof *page->cells);
	if (rd == NULL || owner == NULL || lines == NULL || read == NULL ||
	    page->cells == NULL)
		goto out;
	if (timeout_ms > 0) {
		monitor = TessMonitorCreate();
		if (monitor == NULL)
			goto out;
		/* What the frames' search left of the page's time, a
		 * millisecond at least (0 would be no deadline). */
		TessMonitorSetDeadlineMSecs(monitor, ocr_imax((int)(deadline - ocr_now_ms()), 1));
	}
	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];
		struct line_box *b = &lines[w->line];

		owner[i] = frame_of(w, f, n_frames, ocr_imax((int)(FORM_LINES_OWNED * em), 2));
		if (owner[i] >= 0)
			continue;
		if (!b->any)
			*b = (struct line_box){ w->x0, w->y0, w->x1, w->y1, true };
		b->x0 = ocr_imin(b->x0, w->x0);
		b->y0 = ocr_imin(b->y0, w->y0);
		b->x1 = ocr_imax(b->x1, w->x1);
		b->y1 = ocr_imax(b->y1, w->y1);
	}
	TessBaseAPISetVariable(api, OCR_NOISE_ROWS_VAR, "0");
	for (size_t k = 0; k < n_frames; k++) {
		struct ocr_cell *c = &page->cells[k];
		int rc;

		c->label = frame_label(page, owner, lines, (unsigned)n_lines, f, n_frames,
		                       k, em);
		if (c->label == NULL)
			goto out;
		c->x0 = f[k].in.x0;
		c->y0 = f[k].in.y0;
		c->x1 = f[k].in.x1;
		c->y1 = f[k].in.y1;
		page->n_cells = k + 1;
		rc = read_frame(api, vouch, pix, res, em, &f[k], monitor, rd[k]);
		/* Tesseract fails a reading its monitor's deadline stopped:
		 * the time is told first.  Readings cut short are no
		 * readings: the page's own words stay. */
		if (deadline > 0 && ocr_now_ms() >= deadline) {
			ret = OCR_FORM_LATE;
			goto out;
		}
		if (rc < 0)
			goto out;
		read[k] = rc == 0;
	}
	ret = merge_words(page, owner, f, n_frames, rd, read);
out:
	if (ret != 0) {
		for (size_t k = 0; k < page->n_cells; k++)
			free(page->cells[k].label);
		free(page->cells);
		page->cells = NULL;
		page->n_cells = 0;
	}
	TessBaseAPISetPageSegMode(api, psm);
	TessBaseAPISetVariable(api, OCR_NOISE_ROWS_VAR, "1");
	if (monitor != NULL)
		TessMonitorDelete(monitor);
	for (size_t k = 0; rd != NULL && k < n_frames; k++)
		for (size_t i = 0; i < FORM_READINGS; i++)
			ocr_reading_clear(&rd[k][i]);
	free(rd);
	free(owner);
	free(lines);
	free(read);
	free(f);
	return ret;
}
