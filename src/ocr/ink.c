/* Ink: check boxes and signatures, measured on the page, not read.
 *
 * Tesseract reads an empty box as 口 and a ticked one as junk, and reads
 * handwriting and seals as nothing useful (domain.md §7); what it gives
 * reliably is where the printed labels are.  So a label's words locate the
 * place, and the dark pixels there answer.  Every length is in units of
 * the label line's character height (h), so the rules hold at any
 * resolution.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/ocr-private.h"

const char *const ocr_form_box_labels[] = {
	"纸面", "电子邮件", "光盘", "磁盘",
	"自行领取", "当场阅读、抄录", "邮寄", "快递", "传真",
	NULL,
};

static const char *const sign_labels[] = { "签名", "盖章", "签字", "签章", NULL };

/* Words Tesseract is this sure of (0..100) are used to measure the
 * character height; junk read from strokes scores 0-66 on our pages. */
#define INK_HEIGHT_CONF 50
#define INK_MIN_EM_PX 10          /* no character is smaller: 5 pt at 150 dpi */

/* Check boxes.  The form draws the box 0.8 em square, a quarter em left
 * of its option (src/letter/render.c); a label's position is estimated
 * from word boxes that may be off by half a character, so the box is
 * sought up to 2.2 h left of it and 0.3 h into it, within 0.9 h of the
 * line's middle. */
#define BOX_SEARCH_LEFT 2.2
#define BOX_SEARCH_RIGHT 0.3
#define BOX_SEARCH_HALF_HEIGHT 0.9
/* Its side: 0.8 em is 0.85-0.95 h, h being the median height of
 * Tesseract's word boxes (36-40 px boxes, 41-42 px h on tests/ocr and
 * tests/fax pages); 0.65 h keeps out the box-like parts of characters
 * (the 由 of 邮 is about 0.5 h).  The component holding it may be larger:
 * a tick running out of the box joins it (up to 2 h across). */
#define BOX_MIN_SIDE 0.65
#define BOX_MAX_SIDE 1.4
#define BOX_MAX_COMPONENT 2.0
#define BOX_MAX_ASPECT 1.35
/* A box is four straight strokes: rows and columns with a run of ink
 * 0.65 h long or more, the outermost of which, each with its inward
 * neighbour (edge_run), span 80% of the box (a fax's blur and a 1 degree
 * turn break a few pixels of a frame; a glyph like 函 has no such four
 * sides, a tick's diagonal strokes no long run). */
#define BOX_FRAME_SPAN 0.8
/* Inside the frame, the fraction of dark pixels: 0 in an empty box, under
 * 1% with fax noise (specks over 2 px survive); a pen tick crossing it
 * 15-35% (measured: 0.20-0.34 on tests/ocr and tests/fax pages, both
 * resolutions), a small dot-like mark about 5%.  Between the two: a clerk
 * looks. */
#define BOX_EMPTY_MAX 0.02
#define BOX_TICKED_MIN 0.05
/* A word wider than 1.5 h a character holds more than its characters
 * (a Chinese one is about 1 h, Latin letters and digits less).  Tesseract
 * may box an option's first character together with the box before it:
 * 纸 of 纸面, 2.7 h wide from the box's left edge, on a fine fax page
 * read smoothed to grey; the box was then sought left of itself and the
 * medium was lost.  A signature's area takes the same measure of a word
 * (fits_text). */
#define BOX_WORD_MAX_EM 1.5

/* Signatures.  The area runs from after the label (and its trailing
 * （盖章）：) to the right margin, from 1 h above the label line to 1.5 h
 * below it -- a signature rises over its line and hangs under it -- and
 * stops at the nearest printed line above and below. */
#define SIGN_ABOVE 1.0
#define SIGN_BELOW 1.5
#define SIGN_GAP 0.2
#define SIGN_MARGIN 0.02          /* of the page width: the fax's edge */
/* The office form gives the signature a frame of its own under the label
 * (@field 申请人签名（盖章） 2: two lines high, the block's width): a
 * component at least 6 h wide and 1.2 h high whose top lies within 2 h
 * under the label.  Its inside, 0.25 h in from the frame's strokes (and
 * a signature running over them), is the area. */
#define SIGN_FRAME_MIN_W 6.0
#define SIGN_FRAME_MIN_H 1.2
#define SIGN_FRAME_BELOW 2.0
#define SIGN_FRAME_INSET 0.25
/* A printed line: at least two words, half of them or more this sure
 * (a box or a tick read as junk lowers a printed line's mean); pen
 * strokes read as junk stay below it.  Printed words inside the area on
 * the label's own line (a 日期： after it) are this sure. */
#define SIGN_PRINTED_LINE_CONF 75
#define SIGN_PRINTED_WORD_CONF 90
/* Components smaller than this (both sides) are noise, not pen strokes. */
#define SIGN_MIN_STROKE 0.15
/* Rules and frames are not ink of a signature: a line at least 8 times
 * as long as it is thick and thinner than 0.3 h (the ____ to sign on),
 * or anything wider than 14 h or taller than 5 h (the field's frame). */
#define SIGN_RULE_ASPECT 8
#define SIGN_RULE_THICK 0.3
#define SIGN_MAX_W 14.0
#define SIGN_MAX_H 5.0
/* Ink in units of h squared.  A signed name of three characters leaves
 * 0.6-1.5 h² (2-4 px strokes), a single initial about 0.3; a blank area
 * with fax noise under 0.05. */
#define SIGN_ABSENT_MAX 0.05
/* The unread rest of a label: character-sized components (at most 1.2 h
 * wide) inside the line's band (0.75 h either side of its middle: printed
 * characters; pen strokes leave it), each at most 0.6 h after the last
 * (the spacing of printed text; a signature starts further off). */
#define SIGN_GLYPH_GAP 0.6
#define SIGN_GLYPH_BAND 0.75
#define SIGN_GLYPH_MAX 1.2
#define SIGN_PRESENT_MIN 0.3
/* Seals: a round or square blob 2 h across or more (about 11 mm on a
 * fax; personal seals start at 12 mm, official ones are 38-42 mm),
 * roughly square, near the label (within 3 h of its line, right of its
 * start).  Round: its bounding box's corners are empty and its ring at
 * least 4% of the box.  Square: at least 30% inked, unlike a table cell,
 * whose thin frame fills its corners but little else. */
#define SEAL_MIN_SIDE 2.0
#define SEAL_MAX_ASPECT 1.4
#define SEAL_NEAR 3.0
#define SEAL_CORNER 0.12
#define SEAL_CORNER_EMPTY 0.02
#define SEAL_RING_MIN_FILL 0.04
#define SEAL_SQUARE_MIN_FILL 0.30

struct rect {
	int x0, y0, x1, y1;
};



static unsigned long
count_ink(const struct ocr_ink_image *img, struct rect r)
{
	unsigned long n = 0;

	r.x0 = ocr_imax(r.x0, 0);
	r.y0 = ocr_imax(r.y0, 0);
	r.x1 = ocr_imin(r.x1, (int)img->width);
	r.y1 = ocr_imin(r.y1, (int)img->height);
	for (int y = r.y0; y < r.y1; y++) {
		const unsigned char *row = img->bits + (size_t)y * img->stride;

		for (int x = r.x0; x < r.x1; x++)
			n += (row[x >> 3] >> (7 - (x & 7))) & 1;
	}
	return n;
}

static double
fraction(const struct ocr_ink_image *img, struct rect r)
{
	long area = (long)(r.x1 - r.x0) * (r.y1 - r.y0);

	return area > 0 ? (double)count_ink(img, r) / area : 0;
}

size_t
ocr_codepoints(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* One line's words joined without spaces, with each word's offset. */
struct line {
	const struct ocr_word *w;
	size_t n;
	char *s;
	size_t *start;
	int h;                 /* the page's character height */
};

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The median height of the page's sure words: the body text's character
 * height.  Per line it would vary with Tesseract's boxes, which on a line
 * with pen strokes stretch to the strokes (65 px for 44 px characters). */
int
ocr_em_height(const struct ocr_word *w, size_t n)
{
	int *hs = n > 0 ? malloc(n * sizeof *hs) : NULL, h;
	size_t k = 0;

	if (hs == NULL)
		return INK_MIN_EM_PX;
	for (size_t i = 0; i < n; i++)
		if (w[i].conf >= INK_HEIGHT_CONF)
			hs[k++] = w[i].y1 - w[i].y0;
	for (size_t i = 0; k == 0 && i < n; i++)
		hs[i] = w[i].y1 - w[i].y0;
	if (k == 0)
		k = n;
	qsort(hs, k, sizeof *hs, cmp_int);
	h = hs[k / 2];
	free(hs);
	return h < INK_MIN_EM_PX ? INK_MIN_EM_PX : h;
}

static int
line_open(struct line *l, const struct ocr_word *w, size_t n, int h)
{
	size_t len = 0;

	l->w = w;
	l->n = n;
	for (size_t i = 0; i < n; i++)
		len += strlen(w[i].text);
	l->s = malloc(len + 1);
	l->start = malloc((n + 1) * sizeof *l->start);
	if (l->s == NULL || l->start == NULL)
		return -1;
	len = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(w[i].text);

		l->start[i] = len;
		memcpy(l->s + len, w[i].text, k);
		len += k;
	}
	l->start[n] = len;
	l->s[len] = '\0';
	l->h = h;
	return 0;
}

static void
line_close(struct line *l)
{
	free(l->s);
	free(l->start);
}

/* The word holding byte off of the joined line. */
static size_t
word_at(const struct line *l, size_t off)
{
	size_t k = 0;

	while (k + 1 < l->n && l->start[k + 1] <= off)
		k++;
	return k;
}

/* A word's right edge.  Tesseract's chi_sim boxes often run a word's
 * right edge over the words after it (回电 spanning 电子邮件); the next
 * word's left edge is the better bound. */
static int
right_of(const struct line *l, size_t k)
{
	int x1 = l->w[k].x1;

	if (k + 1 < l->n && l->w[k + 1].x0 > l->w[k].x0 && l->w[k + 1].x0 < x1)
		x1 = l->w[k + 1].x0;
	return x1;
}

/* x of byte off inside its word, by its share of the word's characters. */
static int
x_at(const struct line *l, size_t off)
{
	size_t k = word_at(l, off);
	const struct ocr_word *w = &l->w[k];
	size_t total = ocr_codepoints(w->text, strlen(w->text));
	size_t before = ocr_codepoints(w->text, off - l->start[k]);

	return total == 0 ? w->x0 :
	       w->x0 + (int)((long)(right_of(l, k) - w->x0) * (long)before / (long)total);
}

/* The label's box on the line: bytes [off, off + len) of l->s. */
static struct rect
label_rect(const struct line *l, size_t off, size_t len)
{
	size_t a = word_at(l, off), b = word_at(l, off + len - 1);
	struct rect r = { x_at(l, off), l->w[a].y0, 0, l->w[a].y1 };

	for (size_t k = a; k <= b; k++) {
		r.y0 = ocr_imin(r.y0, l->w[k].y0);
		r.y1 = ocr_imax(r.y1, l->w[k].y1);
	}
	r.x1 = off + len >= l->start[b + 1] ? right_of(l, b) : x_at(l, off + len);
	return r;
}

/* ---- check boxes -------------------------------------------------------- */

static bool
ink_at(const struct ocr_ink_image *img, int x, int y)
{
	return (img->bits[(size_t)y * img->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
}

/* The longest run of ink within r along row at (horizontal) or column
 * at, a pixel of its neighbour at + inward (toward the box's inside; 0:
 * none) counting as ink too: a fax turned 1 degree draws a box's side
 * stepping one pixel along its length, and a scan loses a pixel or two
 * of it, so no single row or column holds 0.65 h or 80% of it. */
static int
edge_run(const struct ocr_ink_image *img, struct rect r, int at, int inward, bool horizontal)
{
	int best = 0, run = 0, from = horizontal ? r.x0 : r.y0, to = horizontal ? r.x1 : r.y1;
	int next = at + inward;
	bool two = inward != 0 && next >= (horizontal ? r.y0 : r.x0) &&
	           next < (horizontal ? r.y1 : r.x1);

	for (int i = from; i < to; i++) {
		bool on = horizontal ? ink_at(img, i, at) || (two && ink_at(img, i, next)) :
		                       ink_at(img, at, i) || (two && ink_at(img, next, i));

		run = on ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best;
}

/* The row (horizontal) or column of the box's side met first going from
 * `from` toward `to` (exclusive) by step: the first whose edge_run
 * reaches min_run, moved on past a line too short for a side on its own
 * whose next one is a side (a speck beside the stroke); -1 when none. */
static int
box_side(const struct ocr_ink_image *img, struct rect r, int from, int to, int step,
         bool horizontal, int min_run)
{
	for (int at = from; at != to; at += step) {
		if (edge_run(img, r, at, step, horizontal) < min_run)
			continue;
		while (at + step != to && edge_run(img, r, at, 0, horizontal) < min_run &&
		       edge_run(img, r, at + step, step, horizontal) >= min_run)
			at += step;
		return at;
	}
	return -1;
}

/* The frame of a check box inside component c: its interior (inside the
 * strokes) in *in; false when c holds no box. */
static bool
box_frame(const struct ocr_ink_image *img, const struct ocr_component *c, int h,
          struct rect *in)
{
	struct rect r = { ocr_imax(c->x0, 0), ocr_imax(c->y0, 0),
	                  ocr_imin(c->x1, (int)img->width), ocr_imin(c->y1, (int)img->height) };
	int min_run = (int)(BOX_MIN_SIDE * h);
	int top, bottom, left, right, w, ht;

	if (r.x1 - r.x0 > BOX_MAX_COMPONENT * h || r.y1 - r.y0 > BOX_MAX_COMPONENT * h)
		return false;
	top = box_side(img, r, r.y0, r.y1, 1, true, min_run);
	bottom = box_side(img, r, r.y1 - 1, r.y0 - 1, -1, true, min_run);
	left = box_side(img, r, r.x0, r.x1, 1, false, min_run);
	right = box_side(img, r, r.x1 - 1, r.x0 - 1, -1, false, min_run);
	if (top < 0 || bottom < 0 || left < 0 || right < 0)
		return false;
	w = right - left + 1;
	ht = bottom - top + 1;
	if (w < BOX_MIN_SIDE * h || w > BOX_MAX_SIDE * h || ht < BOX_MIN_SIDE * h ||
	    ht > BOX_MAX_SIDE * h || w > BOX_MAX_ASPECT * ht || ht > BOX_MAX_ASPECT * w)
		return false;
	r = (struct rect){ left, top, right + 1, bottom + 1 };
	if (edge_run(img, r, top, 1, true) < BOX_FRAME_SPAN * w ||
	    edge_run(img, r, bottom, -1, true) < BOX_FRAME_SPAN * w ||
	    edge_run(img, r, left, 1, false) < BOX_FRAME_SPAN * ht ||
	    edge_run(img, r, right, -1, false) < BOX_FRAME_SPAN * ht)
		return false;
	/* Step over each stroke's thickness, and one pixel of blur. */
	while (top < bottom && edge_run(img, r, top, 1, true) >= BOX_FRAME_SPAN * w)
		top++;
	while (bottom > top && edge_run(img, r, bottom, -1, true) >= BOX_FRAME_SPAN * w)
		bottom--;
	while (left < right && edge_run(img, r, left, 1, false) >= BOX_FRAME_SPAN * ht)
		left++;
	while (right > left && edge_run(img, r, right, -1, false) >= BOX_FRAME_SPAN * ht)
		right--;
	*in = (struct rect){ left + 1, top + 1, right, bottom };
	return in->x1 > in->x0 && in->y1 > in->y0;
}

/* Whether box a is a better choice than b for the label starting at lx0:
 * a box wholly left of the label beats one reaching into it, then the
 * nearer wins. */
static bool
better_box(const struct rect *a, const struct rect *b, int lx0)
{
	bool a_left = a->x1 <= lx0, b_left = b->x1 <= lx0;

	return a_left != b_left ? a_left : a->x1 > b->x1;
}

/* Measures the box left of the label at lx0 on a line of middle cy;
 * false when there is no box there. */
static bool
measure_box(const struct ocr_ink_image *img, int lx0, int cy, int h,
            struct ocr_box *box)
{
	struct rect win = { lx0 - (int)(BOX_SEARCH_LEFT * h), cy - (int)(BOX_SEARCH_HALF_HEIGHT * h),
	                    lx0 + (int)(BOX_SEARCH_RIGHT * h), cy + (int)(BOX_SEARCH_HALF_HEIGHT * h) };
	struct rect in, best = { 0, 0, 0, 0 };
	bool found = false;

	for (size_t i = 0; i < img->n_comps; i++) {
		const struct ocr_component *c = &img->comps[i];
		int mx = (c->x0 + c->x1) / 2, my = (c->y0 + c->y1) / 2;

		if (mx < win.x0 || mx >= win.x1 || my < win.y0 || my >= win.y1 ||
		    !box_frame(img, c, h, &in) || in.x1 > win.x1)
			continue;
		/* The nearest box left of the label is its own; one reaching
		 * into the label's estimated start only when none lies left of
		 * it (the box-like 自 of 自行领取 is no box of its own). */
		if (!found || better_box(&in, &best, lx0))
			best = in;
		found = true;
	}
	if (!found)
		return false;
	box->ink = fraction(img, best);
	box->mark = box->ink <= BOX_EMPTY_MAX ? OCR_MARK_ABSENT :
	            box->ink >= BOX_TICKED_MIN ? OCR_MARK_PRESENT : OCR_MARK_UNKNOWN;
	box->x0 = best.x0;
	box->y0 = best.y0;
	box->x1 = best.x1;
	box->y1 = best.y1;
	return true;
}

static int
add_box(struct ocr_page *page, const struct ocr_box *b, const char *label)
{
	struct ocr_box *p = realloc(page->boxes, (page->n_boxes + 1) * sizeof *p);

	if (p == NULL)
		return -1;
	page->boxes = p;
	p[page->n_boxes] = *b;
	p[page->n_boxes].label = strdup(label);
	if (p[page->n_boxes].label == NULL)
		return -1;
	page->n_boxes++;
	return 0;
}

/* Whether w, its right edge at x1, is at most BOX_WORD_MAX_EM a
 * character wide. */
static bool
fits_width(const struct ocr_word *w, int x1, int h)
{
	size_t chars = ocr_codepoints(w->text, strlen(w->text));

	return x1 - w->x0 <= (int)(BOX_WORD_MAX_EM * h * (double)chars);
}

/* Where the option label at byte off starts, its box r measured by its
 * words: in a word too wide for its characters, what the word took in
 * lies before them (ink left of an option is its box), so its characters
 * from off on are put at the word's right end, h apart. */
static int
option_x0(const struct line *l, size_t off, struct rect r)
{
	size_t k = word_at(l, off);
	const struct ocr_word *w = &l->w[k];
	int x1 = right_of(l, k);
	size_t total = ocr_codepoints(w->text, strlen(w->text));
	size_t after = total - ocr_codepoints(w->text, off - l->start[k]);

	/* Over 1.5 h a character, this is right of where the characters'
	 * share of the word would put them: no bound is needed. */
	if (fits_width(w, x1, l->h))
		return r.x0;
	return x1 - (int)after * l->h;
}

static int
line_boxes(const struct ocr_ink_image *img, const struct line *l,
           const char *const *labels, struct ocr_page *page)
{
	for (size_t k = 0; labels[k] != NULL; k++) {
		size_t len = strlen(labels[k]);

		for (const char *m = len ? strstr(l->s, labels[k]) : NULL; m != NULL;
		     m = strstr(m + len, labels[k])) {
			size_t off = (size_t)(m - l->s);
			struct rect r = label_rect(l, off, len);
			struct ocr_box box = { .line = l->w[0].line };

			if (measure_box(img, option_x0(l, off, r), (r.y0 + r.y1) / 2, l->h, &box) &&
			    add_box(page, &box, labels[k]) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- signature and seal ------------------------------------------------- */

static bool
punctuation_only(const char *s)
{
	static const char *const marks[] = { "(", ")", ":", "（", "）", "：", ".", "_" };

	if (*s == '\0')
		return false;
	while (*s != '\0') {
		size_t k, n = 0;

		for (k = 0; k < sizeof marks / sizeof marks[0]; k++) {
			n = strlen(marks[k]);
			if (strncmp(s, marks[k], n) == 0)
				break;
		}
		if (k == sizeof marks / sizeof marks[0])
			return false;
		s += n;
	}
	return true;
}

/* A printed line, and its band: the median top and bottom of its sure
 * words (a box read with its neighbour stretches a word's box). */
static bool
printed_line(const struct ocr_word *w, size_t n, struct rect *r)
{
	int *y0 = malloc(n * sizeof *y0), *y1 = malloc(n * sizeof *y1);
	size_t sure = 0;
	bool printed;

	if (y0 != NULL && y1 != NULL) {
		for (size_t i = 0; i < n; i++) {
			if (w[i].conf >= SIGN_PRINTED_LINE_CONF) {
				y0[sure] = w[i].y0;
				y1[sure++] = w[i].y1;
			}
		}
	}
	printed = n >= 2 && sure > 0 && 2 * sure >= n;
	if (printed) {
		qsort(y0, sure, sizeof *y0, cmp_int);
		qsort(y1, sure, sizeof *y1, cmp_int);
		*r = (struct rect){ 0, y0[sure / 2], 0, y1[sure / 2] };
	}
	free(y0);
	free(y1);
	return printed;
}

static bool
inside(const struct ocr_component *c, const struct ocr_word *w)
{
	return c->x0 >= w->x0 && c->x1 <= w->x1 && c->y0 >= w->y0 && c->y1 <= w->y1;
}

static bool
seal_shaped(const struct ocr_ink_image *img, const struct ocr_component *c, int h)
{
	int w = c->x1 - c->x0, ht = c->y1 - c->y0;
	int cw = ocr_imax(1, (int)(SEAL_CORNER * w)), ch = ocr_imax(1, (int)(SEAL_CORNER * ht));
	struct rect all = { c->x0, c->y0, c->x1, c->y1 };
	double fill, corners;

	if (w < SEAL_MIN_SIDE * h || ht < SEAL_MIN_SIDE * h ||
	    w > SEAL_MAX_ASPECT * ht || ht > SEAL_MAX_ASPECT * w)
		return false;
	fill = fraction(img, all);
	corners = (fraction(img, (struct rect){ c->x0, c->y0, c->x0 + cw, c->y0 + ch }) +
	           fraction(img, (struct rect){ c->x1 - cw, c->y0, c->x1, c->y0 + ch }) +
	           fraction(img, (struct rect){ c->x0, c->y1 - ch, c->x0 + cw, c->y1 }) +
	           fraction(img, (struct rect){ c->x1 - cw, c->y1 - ch, c->x1, c->y1 })) / 4;
	return (corners <= SEAL_CORNER_EMPTY && fill >= SEAL_RING_MIN_FILL) ||
	       fill >= SEAL_SQUARE_MIN_FILL;
}

static bool
stroke(const struct ocr_component *c, int h)
{
	int w = c->x1 - c->x0, ht = c->y1 - c->y0;

	if (w < SIGN_MIN_STROKE * h && ht < SIGN_MIN_STROKE * h)
		return false;
	if ((w >= SIGN_RULE_ASPECT * ht && ht <= SIGN_RULE_THICK * h) ||
	    (ht >= SIGN_RULE_ASPECT * w && w <= SIGN_RULE_THICK * h))
		return false;
	return w <= SIGN_MAX_W * h && ht <= SIGN_MAX_H * h;
}

/* Whether w's box is no wider than its characters: a word boxed over
 * more (高 of a hand-written 高秀兰, 4 h wide, read at confidence 90 on
 * a fine page read grey) took in ink that is not its text. */
static bool
fits_text(const struct ocr_word *w, int h)
{
	return fits_width(w, w->x1, h);
}

/* Pen ink in area (units of h squared): components that are strokes, not
 * printed words of the label's line (words that fit their text). */
static double
area_ink(const struct ocr_ink_image *img, const struct line *l, struct rect area)
{
	double ink = 0;
	int h = l->h;

	for (size_t i = 0; i < img->n_comps; i++) {
		const struct ocr_component *c = &img->comps[i];
		struct rect part;
		bool printed = false;

		if (c->x1 <= area.x0 || c->x0 >= area.x1 || c->y1 <= area.y0 ||
		    c->y0 >= area.y1 || !stroke(c, h))
			continue;
		for (size_t k = 0; k < l->n && !printed; k++)
			printed = l->w[k].conf >= SIGN_PRINTED_WORD_CONF &&
			          l->w[k].x0 >= area.x0 && fits_text(&l->w[k], h) &&
			          inside(c, &l->w[k]);
		if (printed)
			continue;
		part = (struct rect){ ocr_imax(c->x0, area.x0), ocr_imax(c->y0, area.y0),
		                      ocr_imin(c->x1, area.x1), ocr_imin(c->y1, area.y1) };
		ink += (double)count_ink(img, part);
	}
	return ink / ((double)h * h);
}

/* Where the printed label really ends when Tesseract read only part of it
 * (（盖章）： unread on a normal fax): past every character-sized
 * component within the line's band that follows the label closely. */
static int
printed_end(const struct ocr_ink_image *img, struct rect lab, int h)
{
	int mid = (lab.y0 + lab.y1) / 2, x = lab.x1;
	bool moved = true;

	while (moved) {
		moved = false;
		for (size_t i = 0; i < img->n_comps; i++) {
			const struct ocr_component *c = &img->comps[i];

			if (c->x0 >= x - SIGN_GLYPH_GAP * h / 2 &&
			    c->x0 <= x + SIGN_GLYPH_GAP * h && c->x1 > x &&
			    c->y0 >= mid - SIGN_GLYPH_BAND * h &&
			    c->y1 <= mid + SIGN_GLYPH_BAND * h &&
			    c->x1 - c->x0 <= SIGN_GLYPH_MAX * h) {
				x = c->x1;
				moved = true;
			}
		}
	}
	return x;
}

/* Ink inside a signature frame (units of h squared), noise left out. */
static double
frame_ink(const struct ocr_ink_image *img, const struct ocr_component *frame, int h)
{
	int inset = (int)(SIGN_FRAME_INSET * h);
	struct rect in = { frame->x0 + inset, frame->y0 + inset,
	                   frame->x1 - inset, frame->y1 - inset };
	double ink = (double)count_ink(img, in);

	for (size_t i = 0; i < img->n_comps; i++) {
		const struct ocr_component *c = &img->comps[i];

		if (c->x0 >= in.x0 && c->x1 <= in.x1 && c->y0 >= in.y0 &&
		    c->y1 <= in.y1 && !stroke(c, h))
			ink -= (double)count_ink(img, (struct rect){ c->x0, c->y0, c->x1, c->y1 });
	}
	return (ink > 0 ? ink : 0) / ((double)h * h);
}

static enum ocr_mark
sign_mark(double ink)
{
	return ink >= SIGN_PRESENT_MIN ? OCR_MARK_PRESENT :
	       ink <= SIGN_ABSENT_MAX ? OCR_MARK_ABSENT : OCR_MARK_UNKNOWN;
}

/* The answer for the signature label on line li of lines. */
static enum ocr_mark
line_signature(const struct ocr_ink_image *img, const struct line *lines,
               size_t n_lines, size_t li)
{
	const struct line *l = &lines[li];
	size_t first = SIZE_MAX, end = 0, last_word;
	struct rect lab, area, seal_win, rest;
	enum ocr_mark read, guessed;
	int h = l->h;

	for (size_t k = 0; sign_labels[k] != NULL; k++) {
		size_t len = strlen(sign_labels[k]);

		for (const char *m = strstr(l->s, sign_labels[k]); m != NULL;
		     m = strstr(m + len, sign_labels[k])) {
			size_t off = (size_t)(m - l->s);

			if (off < first)
				first = off;
			if (off + len > end)
				end = off + len;
		}
	}
	if (first == SIZE_MAX)
		return OCR_MARK_UNKNOWN;
	lab = label_rect(l, first, end - first);
	last_word = word_at(l, end - 1);
	for (size_t k = last_word + 1; k < l->n && punctuation_only(l->w[k].text); k++)
		lab.x1 = ocr_imax(lab.x1, right_of(l, k));
	seal_win = (struct rect){ lab.x0 - (int)(SEAL_NEAR * h), lab.y0 - (int)(SEAL_NEAR * h),
	                          (int)img->width, lab.y1 + (int)(SEAL_NEAR * h) };
	for (size_t i = 0; i < img->n_comps; i++) {
		const struct ocr_component *c = &img->comps[i];

		if (c->x1 > seal_win.x0 && c->x0 < seal_win.x1 && c->y1 > seal_win.y0 &&
		    c->y0 < seal_win.y1 && seal_shaped(img, c, h))
			return OCR_MARK_PRESENT;
	}
	for (size_t i = 0; i < img->n_comps; i++) {
		const struct ocr_component *c = &img->comps[i];

		if (c->x1 - c->x0 >= SIGN_FRAME_MIN_W * h &&
		    c->y1 - c->y0 >= SIGN_FRAME_MIN_H * h &&
		    c->y0 >= lab.y1 - h / 2 && c->y0 <= lab.y1 + SIGN_FRAME_BELOW * h &&
		    c->x0 <= lab.x0 + h && c->x1 >= lab.x1)
			return sign_mark(frame_ink(img, c, h));
	}
	area = (struct rect){ lab.x1 + (int)(SIGN_GAP * h), lab.y0 - (int)(SIGN_ABOVE * h),
	                      (int)(img->width * (1 - SIGN_MARGIN)),
	                      lab.y1 + (int)(SIGN_BELOW * h) };
	for (size_t i = 0; i < n_lines; i++) {
		struct rect p;

		if (i == li || !printed_line(lines[i].w, lines[i].n, &p))
			continue;
		if (p.y1 <= lab.y0 + h / 4)
			area.y0 = ocr_imax(area.y0, p.y1);
		else if (p.y0 >= lab.y1 - h / 4)
			area.y1 = ocr_imin(area.y1, p.y0);
	}
	/* The area after what was read, and after what looks printed: when
	 * they disagree, the unread rest of the label may be the ink. */
	read = sign_mark(area_ink(img, l, area));
	rest = area;
	rest.x0 = ocr_imax(area.x0, printed_end(img, lab, h) + (int)(SIGN_GAP * h));
	guessed = rest.x0 == area.x0 ? read : sign_mark(area_ink(img, l, rest));
	return read == guessed ? read : OCR_MARK_UNKNOWN;
}

/* PRESENT anywhere wins; an uncertain area beats an empty one; a page
 * with no label says nothing. */
static enum ocr_mark
combine(enum ocr_mark acc, bool *seen, enum ocr_mark m, bool labelled)
{
	if (!labelled)
		return acc;
	if (!*seen) {
		*seen = true;
		return m;
	}
	if (acc == OCR_MARK_PRESENT || m == OCR_MARK_PRESENT)
		return OCR_MARK_PRESENT;
	if (acc == OCR_MARK_UNKNOWN || m == OCR_MARK_UNKNOWN)
		return OCR_MARK_UNKNOWN;
	return OCR_MARK_ABSENT;
}

static bool
has_sign_label(const struct line *l)
{
	for (size_t k = 0; sign_labels[k] != NULL; k++)
		if (strstr(l->s, sign_labels[k]) != NULL)
			return true;
	return false;
}

/* Lines the loop below opens: one for each run of words on the same line,
 * whatever the line numbers are (Tesseract's are in reading order, but
 * nothing here depends on that). */
static size_t
line_runs(const struct ocr_word *w, size_t n)
{
	size_t runs = 1;

	for (size_t k = 1; k < n; k++)
		runs += w[k].line != w[k - 1].line;
	return runs;
}

int
ocr_ink_marks(const struct ocr_ink_image *img, const char *const *box_labels,
              struct ocr_page *page)
{
	struct line *lines = NULL;
	size_t n_lines = 0, a = 0;
	int h;
	enum ocr_mark sig = OCR_MARK_UNKNOWN;
	bool seen = false;
	int ret = -1;

	page->signature = OCR_MARK_UNKNOWN;
	if (page->n_words == 0)
		return 0;
	lines = calloc(line_runs(page->words, page->n_words), sizeof *lines);
	if (lines == NULL)
		return -1;
	h = ocr_em_height(page->words, page->n_words);
	while (a < page->n_words) {
		size_t b = a;

		while (b < page->n_words && page->words[b].line == page->words[a].line)
			b++;
		if (line_open(&lines[n_lines++], &page->words[a], b - a, h) != 0)
			goto out;
		a = b;
	}
	for (size_t i = 0; i < n_lines; i++) {
		if (box_labels != NULL && line_boxes(img, &lines[i], box_labels, page) != 0)
			goto out;
		sig = combine(sig, &seen, line_signature(img, lines, n_lines, i),
		              has_sign_label(&lines[i]));
	}
	page->signature = sig;
	ret = 0;
out:
	for (size_t i = 0; i < n_lines; i++)
		line_close(&lines[i]);
	free(lines);
	if (ret != 0) {
		for (size_t i = 0; i < page->n_boxes; i++)
			free(page->boxes[i].label);
		free(page->boxes);
		page->boxes = NULL;
		page->n_boxes = 0;
		page->signature = OCR_MARK_UNKNOWN;
	}
	return ret;
}
