#include "letter/render.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <hpdf.h>
#include <png.h>

#include "common/fdio.h"
#include "letter/linebreak.h"
#include "letter/pdfdoc.h"
#include "letter/ttf.h"

/* ---- geometry (GB/T 9704-2012), in PDF points ------------------------- */

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W MM(210.0)
#define PAGE_H MM(297.0)
#define BLOCK_W MM(156.0)
#define BLOCK_H MM(225.0)
#define BLOCK_LEFT MM(28.0)
#define BLOCK_RIGHT (BLOCK_LEFT + BLOCK_W)
#define BLOCK_TOP (PAGE_H - MM(37.0))
#define BLOCK_BOTTOM (BLOCK_TOP - BLOCK_H)
#define LINES_PER_PAGE 22
#define CHARS_PER_LINE 28
#define LINE_PITCH (BLOCK_H / LINES_PER_PAGE)
#define BODY_SIZE 16.0
#define TITLE_SIZE 22.0
#define FOLIO_SIZE 14.0
/* 28 body characters fill the block exactly: 27 pitches plus one em, so
 * each character is set a little tighter than its 16 pt em (as Word's
 * character grid does). */
#define CHAR_PITCH ((BLOCK_W - BODY_SIZE) / (CHARS_PER_LINE - 1))
#define BODY_CS (CHAR_PITCH - BODY_SIZE)
/* Where the em box sits on the baseline (render.h promises this). */
#define EM_ASCENT 0.88
/* "— N —": the dash sits about this far above the baseline, and GB/T puts
 * the dash 7 mm under the block. */
#define FOLIO_DASH_RISE 0.38
/* An office seal is 42 mm across (GB/T 9704 7.3.5.1 uses the common
 * round seal); its centre stands this many lines above the middle of the
 * date, so that the office (one line up) and the date both sit in its
 * lower half ("居印章中心偏下位置"). */
#define SEAL_DIAMETER MM(42.0)
#define SEAL_RISE_LINES 1.25
/* The largest seal image taken, per side: 42 mm at 2400 dpi is about
 * 4000 pixels; anything bigger is no seal scan and would cost hundreds of
 * megabytes to decode. */
#define SEAL_MAX_SIDE 4096
#define CHOICE_BOX 0.8          /* tick-box side, in ems */
/* Gaps whose spacing differs by less than this (rounding in the sums of
 * widths) are set with one character spacing, in one text operator. */
#define SPACING_EPSILON 1e-6

const struct letter_fonts letter_fonts_debian = {
	.body = "/usr/share/fonts/truetype/arphic/uming.ttc", .body_index = 0,
	.title = "/usr/share/fonts/truetype/arphic/uming.ttc", .title_index = 0,
	.kai = "/usr/share/fonts/truetype/arphic/ukai.ttc", .kai_index = 0,
	.fallback = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	.fallback_index = 0,
};

/* ---- parsed fonts, shared by every render of the process -------------- */

struct cached_font {
	char *path;
	int index;
	struct letter_ttf *ttf;
	struct cached_font *next;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached_font *cache;

static const struct letter_ttf *
font_get(const char *path, int index, struct ogi_error *err)
{
	struct cached_font *c;
	const struct letter_ttf *ttf = NULL;

	pthread_mutex_lock(&cache_lock);
	for (c = cache; c != NULL; c = c->next)
		if (c->index == index && strcmp(c->path, path) == 0)
			break;
	if (c == NULL) {
		c = g_new0(struct cached_font, 1);
		c->path = g_strdup(path);
		if (letter_ttf_open(path, index, &c->ttf, err) != 0) {
			g_free(c->path);
			g_free(c);
			c = NULL;
		} else {
			c->index = index;
			c->next = cache;
			cache = c;
		}
	}
	if (c != NULL)
		ttf = c->ttf;
	pthread_mutex_unlock(&cache_lock);
	return ttf;
}

void
letter_render_release_fonts(void)
{
	pthread_mutex_lock(&cache_lock);
	while (cache != NULL) {
		struct cached_font *next = cache->next;

		letter_ttf_close(cache->ttf);
		g_free(cache->path);
		g_free(cache);
		cache = next;
	}
	pthread_mutex_unlock(&cache_lock);
}

/* ---- one render --------------------------------------------------------- */

enum role { ROLE_BODY, ROLE_TITLE, ROLE_KAI, ROLE_FALLBACK, N_ROLES };

struct face {
	const struct letter_ttf *ttf;
	const char *path;
	int index;
	uint32_t *used;             /* distinct code points drawn */
	size_t n_used, cap_used;
	uint8_t seen[0x10000 / 8];
	HPDF_Font font;
};

enum op_kind { OP_TEXT, OP_BOX, OP_RULE, OP_SEAL };

/* Something to draw.  TEXT: (x, y) starts the baseline, w is the width,
 * xs[i] the x where character i starts; BOX and SEAL: (x, y) is the lower-left corner of a w x h area; RULE: a
 * hairline from (x, y) to (x + w, y). */
struct op {
	enum op_kind kind;
	int page;
	long block;
	double x, y, w, h;
	double size, cs;
	bool bold;
	uint32_t *cps;
	unsigned char *faces;
	double *xs;
	size_t n;
};

struct shaped {
	uint32_t *cps;
	unsigned char *face;        /* index into render.faces */
	double *w;                  /* advance plus character spacing */
	size_t n;
	double cs;
};

struct render {
	const struct letter_doc *doc;
	struct face *faces;
	int n_faces;
	int chain[N_ROLES][N_ROLES + 1];    /* faces to try, -1 ended */
	bool baseline;
	struct op *ops;
	size_t n_ops, cap_ops;
	int page, slot;
	struct ogi_error *err;
};

static void
shaped_free(struct shaped *s)
{
	g_free(s->cps);
	g_free(s->face);
	g_free(s->w);
	memset(s, 0, sizeof(*s));
}

static double
char_width(const struct render *r, unsigned face, uint32_t cp, double size,
           double cs)
{
	const struct letter_ttf *ttf = r->faces[face].ttf;

	return letter_ttf_advance(ttf, letter_ttf_glyph(ttf, cp)) * size / 1000.0 + cs;
}

static void
mark_used(struct face *f, uint32_t cp)
{
	if (f->seen[cp / 8] & (1u << (cp % 8)))
		return;
	if (f->n_used == f->cap_used) {
		f->cap_used = f->cap_used ? 2 * f->cap_used : 256;
		f->used = g_renew(uint32_t, f->used, f->cap_used);
	}
	f->used[f->n_used++] = cp;
	f->seen[cp / 8] |= (uint8_t)(1u << (cp % 8));
}

static void
name_char(uint32_t cp, char *buf, size_t len)
{
	char *c = letter_utf8_encode(&cp, 1);

	snprintf(buf, len, "U+%04X \"%s\"", (unsigned)cp, c);
	g_free(c);
}

/* Decodes `text` and picks each character's face: the role's face, then
 * the body face, then the fallback. */
static int
shape(struct render *r, const char *text, enum role role, double size,
      double cs, struct shaped *s)
{
	uint32_t *cps;
	size_t n, k = 0;

	memset(s, 0, sizeof(*s));
	if (letter_utf8_decode(text ? text : "", &cps, &n, r->err) != 0)
		return -1;
	s->cps = cps;
	s->face = g_new(unsigned char, n ? n : 1);
	s->w = g_new(double, n ? n : 1);
	s->cs = cs;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = cps[i];
		char name[64];
		int f = -1;

		if (cp == '\r')
			continue;
		if (cp == '\t')
			cp = ' ';
		if (cp == '\n') {
			s->cps[k] = cp;
			s->face[k] = 0;
			s->w[k++] = 0;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			error_set(r->err, "control character U+%04X in the text",
			          (unsigned)cp);
			goto fail;
		}
		if (cp > 0xFFFF) {
			name_char(cp, name, sizeof(name));
			error_set(r->err, "character %s is outside the Basic "
			          "Multilingual Plane, which libharu cannot draw",
			          name);
			goto fail;
		}
		for (const int *c = r->chain[role]; *c >= 0; c++)
			if (letter_ttf_glyph(r->faces[*c].ttf, cp) != 0) {
				f = *c;
				break;
			}
		if (f < 0) {
			char fonts[256] = "";

			name_char(cp, name, sizeof(name));
			for (const int *c = r->chain[role]; *c >= 0; c++)
				snprintf(fonts + strlen(fonts), sizeof(fonts) - strlen(fonts),
				         "%s%s", c == r->chain[role] ? "" : ", ",
				         letter_ttf_psname(r->faces[*c].ttf));
			error_set(r->err, "character %s is in none of the fonts (%s)",
			          name, fonts);
			goto fail;
		}
		mark_used(&r->faces[f], cp);
		s->cps[k] = cp;
		s->face[k] = (unsigned char)f;
		s->w[k++] = char_width(r, (unsigned)f, cp, size, cs);
	}
	s->n = k;
	return 0;
fail:
	shaped_free(s);
	return -1;
}

static struct op *
op_add(struct render *r, enum op_kind kind, long block)
{
	struct op *op;

	if (r->n_ops == r->cap_ops) {
		r->cap_ops = r->cap_ops ? 2 * r->cap_ops : 64;
		r->ops = g_renew(struct op, r->ops, r->cap_ops);
	}
	op = &r->ops[r->n_ops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->page = r->page;
	op->block = block;
	return op;
}

/* May justification widen the gap between characters a and b?  Not
 * inside a Latin run: an address or a number keeps its own spacing. */
static bool
stretchable(uint32_t a, uint32_t b)
{
	return !(letter_lb_in_run(a) && letter_lb_in_run(b));
}

/* Characters [start, end) of s as one line from x, with `stretch` points
 * added at each gap that stretchable() allows (0: set solid). */
static void
op_text(struct render *r, long block, const struct shaped *s, size_t start,
        size_t end, double x, double y, double width, double size,
        double stretch)
{
	struct op *op = op_add(r, OP_TEXT, block);
	size_t n = end - start;
	double at = x;

	op->x = x;
	op->y = y;
	op->w = width;
	op->size = size;
	op->cs = s->cs;
	op->n = n;
	op->cps = g_memdup2(s->cps + start, n * sizeof(*op->cps));
	op->faces = g_memdup2(s->face + start, n);
	op->xs = g_new(double, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && stretchable(op->cps[i - 1], op->cps[i]))
			at += stretch;
		op->xs[i] = at;
		at += s->w[start + i];
	}
}

static void
op_shape(struct render *r, enum op_kind kind, long block, double x, double y,
         double w, double h)
{
	struct op *op = op_add(r, kind, block);

	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
}

/* ---- the line grid ------------------------------------------------------ */

static int
take_slot(struct render *r)
{
	if (r->slot >= LINES_PER_PAGE) {
		r->page++;
		r->slot = 0;
	}
	return r->slot++;
}

static double
slot_top(int slot)
{
	return BLOCK_TOP - slot * LINE_PITCH;
}

/* The em box of `size` centred in the grid line. */
static double
baseline(int slot, double size)
{
	return slot_top(slot) - (LINE_PITCH - size) / 2 - EM_ASCENT * size;
}

/* An empty line, except at the top of a page. */
static void
blank(struct render *r)
{
	if (r->slot > 0 && r->slot < LINES_PER_PAGE)
		r->slot++;
}

/* Starts a new page unless `lines` more fit on this one (or never will). */
static void
keep_together(struct render *r, int lines)
{
	if (lines <= LINES_PER_PAGE && r->slot + lines > LINES_PER_PAGE)
		r->slot = LINES_PER_PAGE;
}

/* ---- flowing text ------------------------------------------------------- */

enum align { ALIGN_LEFT, ALIGN_CENTRE, ALIGN_RIGHT };

struct spec {
	enum role role;
	double size, cs;
	enum align align;
	double first_indent, rest_indent;   /* LEFT */
	double right_inset;                 /* RIGHT */
	double centre;                      /* CENTRE: x of the centre */
	int keep;                           /* lines that must follow on the page */
	bool bold;
};

static struct spec
body_spec(enum align align)
{
	struct spec sp = {
		.role = ROLE_BODY, .size = BODY_SIZE, .cs = BODY_CS,
		.align = align, .centre = BLOCK_LEFT + BLOCK_W / 2,
	};

	return sp;
}

/* What a line occupies on the page: its advances less the spacing after
 * its last character. */
static double
visible(const struct letter_line *l, double cs)
{
	return l->end > l->start ? l->width - cs : 0;
}

/* What each stretchable gap of line l must take so that it fills `avail`
 * (GB/T 9704's grid: every full line ends at the right edge).  A line of
 * one Latin run (cut because it is longer than a line) stretches all its
 * gaps. */
static double
justify_stretch(const struct shaped *s, const struct letter_line *l,
                double avail)
{
	double slack = avail - visible(l, s->cs);
	size_t gaps = 0;

	for (size_t i = l->start + 1; i < l->end; i++)
		gaps += stretchable(s->cps[i - 1], s->cps[i]);
	if (gaps == 0 || slack <= 0)
		return 0;
	return slack / (double)gaps;
}

/* Lays out shaped text line by line from the next free grid line; lines
 * set flush left are justified, except the last of each paragraph.
 * *end_x_r (may be NULL) receives where the last line ends. */
static void
flow_shaped(struct render *r, long block, const struct shaped *s,
            const struct spec *sp, double *end_x_r)
{
	struct letter_line *lines;
	size_t n_lines;
	double avail_first = BLOCK_W, avail_rest = BLOCK_W;

	if (sp->align == ALIGN_LEFT) {
		avail_first -= sp->first_indent;
		avail_rest -= sp->rest_indent;
	} else if (sp->align == ALIGN_RIGHT) {
		avail_first -= sp->right_inset;
		avail_rest -= sp->right_inset;
	}
	letter_linebreak(s->cps, s->w, s->n, avail_first + sp->cs,
	                 avail_rest + sp->cs, &lines, &n_lines);
	if (sp->keep > 0)
		keep_together(r, (int)n_lines + sp->keep);
	for (size_t i = 0; i < n_lines; i++) {
		const struct letter_line *l = &lines[i];
		double vis = visible(l, sp->cs), x, stretch = 0;
		bool last = i + 1 == n_lines || lines[i + 1].para_start;
		int slot = take_slot(r);

		switch (sp->align) {
		case ALIGN_LEFT:
			x = BLOCK_LEFT + (l->para_start ? sp->first_indent :
			                  sp->rest_indent);
			if (!last) {
				double avail = l->para_start ? avail_first : avail_rest;

				stretch = justify_stretch(s, l, avail);
				if (stretch > 0)
					vis = avail;
			}
			break;
		case ALIGN_RIGHT:
			x = BLOCK_RIGHT - sp->right_inset - vis;
			break;
		default:
			x = sp->centre - vis / 2;
			if (x + vis > BLOCK_RIGHT)
				x = BLOCK_RIGHT - vis;
			if (x < BLOCK_LEFT)
				x = BLOCK_LEFT;
			break;
		}
		if (end_x_r != NULL)
			*end_x_r = x + vis;
		if (l->end == l->start)
			continue;
		op_text(r, block, s, l->start, l->end, x,
		        baseline(slot, sp->size), vis, sp->size, stretch);
		r->ops[r->n_ops - 1].bold = sp->bold;
	}
	g_free(lines);
}

static int
flow(struct render *r, long block, const char *text, const struct spec *sp,
     double *end_x_r)
{
	struct shaped s;

	if (shape(r, text, sp->role, sp->size, sp->cs, &s) != 0)
		return -1;
	flow_shaped(r, block, &s, sp, end_x_r);
	shaped_free(&s);
	return 0;
}

static double
sum_widths(const struct shaped *s, size_t from, size_t to)
{
	double w = 0;

	for (size_t i = from; i < to; i++)
		w += s->w[i];
	return w;
}

static bool
is_numeral(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
	       c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB ||
	       c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B ||
	       c == 0x4E5D || c == 0x5341 || c == 0x3007;
}

/* Length of a list item's number or bullet ("1.", "（一）", "二、", "•")
 * with the spaces after it; 0 when there is none. */
static size_t
label_length(const struct shaped *s)
{
	size_t i = 0;

	if (s->n == 0)
		return 0;
	if (s->cps[0] == '(' || s->cps[0] == 0xFF08) {
		for (i = 1; i < s->n && i < 6; i++)
			if (s->cps[i] == ')' || s->cps[i] == 0xFF09)
				break;
		i = i < s->n && i < 6 ? i + 1 : 0;
	} else if (s->cps[0] == '-' || s->cps[0] == '*' ||
	           s->cps[0] == 0x2022 || s->cps[0] == 0x00B7 ||
	           s->cps[0] == 0x25CF || s->cps[0] == 0x25CB) {
		i = 1;
	} else {
		while (i < s->n && i < 4 && is_numeral(s->cps[i]))
			i++;
		if (i == 0 || i >= s->n || !(s->cps[i] == '.' || s->cps[i] == 0x3001 ||
		                             s->cps[i] == 0xFF0E || s->cps[i] == ')' ||
		                             s->cps[i] == 0xFF09))
			return 0;
		i++;
	}
	while (i > 0 && i < s->n && s->cps[i] == ' ')
		i++;
	return i < s->n ? i : 0;
}

static int
list_item(struct render *r, long block, const char *text)
{
	struct spec sp = body_spec(ALIGN_LEFT);
	struct shaped s;

	if (shape(r, text, ROLE_BODY, BODY_SIZE, BODY_CS, &s) != 0)
		return -1;
	sp.first_indent = 2 * CHAR_PITCH;
	sp.rest_indent = sp.first_indent + sum_widths(&s, 0, label_length(&s));
	flow_shaped(r, block, &s, &sp, NULL);
	shaped_free(&s);
	return 0;
}

/* "附件：1.name" with each further item under the first and long names
 * continuing under their own first character (GB/T 9704 7.3.4). */
static int
attachments(struct render *r, long block, const struct letter_block *b)
{
	static const char note[] = "附件：";
	struct shaped head;
	double head_w;

	if (b->n_items == 0)
		return 0;
	if (shape(r, note, ROLE_BODY, BODY_SIZE, BODY_CS, &head) != 0)
		return -1;
	head_w = sum_widths(&head, 0, head.n);
	shaped_free(&head);
	blank(r);
	for (size_t i = 0; i < b->n_items; i++) {
		struct spec sp = body_spec(ALIGN_LEFT);
		struct shaped s;
		const char *item = b->items[i] ? b->items[i] : "";
		char *text = b->n_items == 1 ?
		             g_strconcat(note, item, NULL) :
		             g_strdup_printf("%s%zu.%s", i == 0 ? note : "", i + 1,
		                             item);
		size_t number_chars;
		int ret = shape(r, text, ROLE_BODY, BODY_SIZE, BODY_CS, &s);

		g_free(text);
		if (ret != 0)
			return -1;
		/* The characters before the name: the note, then "N.". */
		number_chars = (i == 0 ? 3 : 0) +
		               (b->n_items == 1 ? 0 :
		                (size_t)snprintf(NULL, 0, "%zu.", i + 1));
		sp.first_indent = 2 * CHAR_PITCH + (i == 0 ? 0 : head_w);
		sp.rest_indent = sp.first_indent +
		                 sum_widths(&s, 0, number_chars < s.n ? number_chars : s.n);
		flow_shaped(r, block, &s, &sp, NULL);
		shaped_free(&s);
	}
	return 0;
}

/* Counts the lines `text` takes at body size in the full width. */
static int
count_lines(struct render *r, const char *text, enum role role, double *vis_r)
{
	struct shaped s;
	struct letter_line *lines;
	size_t n = 0;

	if (shape(r, text, role, BODY_SIZE, BODY_CS, &s) != 0)
		return -1;
	letter_linebreak(s.cps, s.w, s.n, BLOCK_W + BODY_CS, BLOCK_W + BODY_CS,
	                 &lines, &n);
	if (vis_r != NULL)
		*vis_r = n > 0 ? visible(&lines[0], BODY_CS) : 0;
	g_free(lines);
	shaped_free(&s);
	return (int)n;
}

/* The office, centred over the date that follows it (GB/T 9704 7.3.5.1),
 * or two characters in from the right when no date follows. */
static int
signature(struct render *r, long block, const struct letter_block *b,
          const struct letter_block *next)
{
	struct spec sp = body_spec(ALIGN_RIGHT);

	blank(r);
	if (r->doc->seal_png != NULL)
		blank(r);
	sp.right_inset = 2 * CHAR_PITCH;
	if (next != NULL && next->kind == LETTER_BLOCK_DATE) {
		double date_w;
		int date_lines = count_lines(r, next->text, ROLE_BODY, &date_w);

		if (date_lines < 0)
			return -1;
		sp.align = ALIGN_CENTRE;
		sp.centre = BLOCK_RIGHT - 4 * CHAR_PITCH - date_w / 2;
		sp.keep = date_lines;
	}
	return flow(r, block, b->text, &sp, NULL);
}

/* The seal over the date just drawn (the last op), centred on it
 * across. */
static void
seal(struct render *r, long block)
{
	const struct op *date = &r->ops[r->n_ops - 1];
	double cx = date->x + date->w / 2;
	double cy = date->y + (EM_ASCENT - 0.5) * date->size +
	            SEAL_RISE_LINES * LINE_PITCH;

	op_shape(r, OP_SEAL, block, cx - SEAL_DIAMETER / 2,
	         cy - SEAL_DIAMETER / 2, SEAL_DIAMETER, SEAL_DIAMETER);
}

static int
form_field(struct render *r, long block, const struct letter_block *b)
{
	struct spec sp = body_spec(ALIGN_LEFT);
	int n = b->box_lines < 1 ? 1 : b->box_lines;
	int first;

	if (n > LINES_PER_PAGE - 1)
		n = LINES_PER_PAGE - 1;
	sp.keep = n;
	if (b->text != NULL && b->text[0] != '\0' &&
	    flow(r, block, b->text, &sp, NULL) != 0)
		return -1;
	keep_together(r, n);
	first = take_slot(r);
	r->slot += n - 1;
	op_shape(r, OP_BOX, block, BLOCK_LEFT, slot_top(first) - n * LINE_PITCH + 2,
	         BLOCK_W, n * LINE_PITCH - 4);
	for (int k = 1; k < n; k++)
		op_shape(r, OP_RULE, block, BLOCK_LEFT + 4, slot_top(first + k),
		         BLOCK_W - 8, 0);
	return 0;
}

/* The label, then each option as a tick box and its text, flowing on. */
static int
form_choice(struct render *r, long block, const struct letter_block *b)
{
	struct spec sp = body_spec(ALIGN_LEFT);
	double box = CHOICE_BOX * BODY_SIZE, gap = CHAR_PITCH / 4;
	double x = BLOCK_LEFT;
	int slot = -1;

	if (b->text != NULL && b->text[0] != '\0') {
		if (flow(r, block, b->text, &sp, &x) != 0)
			return -1;
		slot = r->slot - 1;
		x += CHAR_PITCH / 2;
	}
	for (size_t i = 0; i < b->n_items; i++) {
		struct shaped s;
		double w;

		if (shape(r, b->items[i], ROLE_BODY, BODY_SIZE, BODY_CS, &s) != 0)
			return -1;
		w = box + gap + (s.n ? sum_widths(&s, 0, s.n) - BODY_CS : 0);
		if (slot < 0 || x + w > BLOCK_RIGHT) {
			slot = take_slot(r);
			x = BLOCK_LEFT + (i > 0 ? 2 * CHAR_PITCH : 0);
		}
		if (w > BLOCK_RIGHT - x)        /* never wider than the block */
			w = BLOCK_RIGHT - x;
		op_shape(r, OP_BOX, block, x, baseline(slot, BODY_SIZE) - 0.1 * BODY_SIZE,
		         box, box);
		if (s.n > 0)
			op_text(r, block, &s, 0, s.n, x + box + gap,
			        baseline(slot, BODY_SIZE), w - box - gap, BODY_SIZE, 0);
		shaped_free(&s);
		x += w + CHAR_PITCH;
	}
	return 0;
}

static int
layout(struct render *r)
{
	const struct letter_doc *doc = r->doc;

	r->page = 1;
	r->slot = 0;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const struct letter_block *b = &doc->blocks[i];
		const struct letter_block *next = i + 1 < doc->n_blocks ?
		                                  &doc->blocks[i + 1] : NULL;
		struct spec sp = body_spec(ALIGN_LEFT);
		long bi = (long)i;
		int ret = 0;

		switch (b->kind) {
		case LETTER_BLOCK_TITLE:
			sp.role = ROLE_TITLE;
			sp.size = TITLE_SIZE;
			sp.cs = 0;
			sp.align = ALIGN_CENTRE;
			sp.bold = true;
			ret = flow(r, bi, b->text, &sp, NULL);
			if (next == NULL || (next->kind != LETTER_BLOCK_TITLE &&
			                     next->kind != LETTER_BLOCK_DOCNUM))
				blank(r);
			break;
		case LETTER_BLOCK_DOCNUM:
			sp.align = ALIGN_CENTRE;
			ret = flow(r, bi, b->text, &sp, NULL);
			blank(r);
			break;
		case LETTER_BLOCK_PARAGRAPH:
			sp.first_indent = 2 * CHAR_PITCH;
			ret = flow(r, bi, b->text, &sp, NULL);
			break;
		case LETTER_BLOCK_HEADING:
			sp.role = ROLE_KAI;
			ret = flow(r, bi, b->text, &sp, NULL);
			break;
		case LETTER_BLOCK_ADDRESSEE:
			ret = flow(r, bi, b->text, &sp, NULL);
			break;
		case LETTER_BLOCK_LIST_ITEM:
			ret = list_item(r, bi, b->text);
			break;
		case LETTER_BLOCK_SIGNATURE:
			ret = signature(r, bi, b, next);
			break;
		case LETTER_BLOCK_DATE:
			sp.align = ALIGN_RIGHT;
			sp.right_inset = 4 * CHAR_PITCH;
			ret = flow(r, bi, b->text, &sp, NULL);
			if (ret == 0 && doc->seal_png != NULL && r->n_ops > 0 &&
			    r->ops[r->n_ops - 1].block == bi)
				seal(r, bi);
			break;
		case LETTER_BLOCK_ATTACHMENTS:
			ret = attachments(r, bi, b);
			break;
		case LETTER_BLOCK_FORM_FIELD:
			ret = form_field(r, bi, b);
			break;
		case LETTER_BLOCK_FORM_CHOICE:
			ret = form_choice(r, bi, b);
			break;
		case LETTER_BLOCK_PAGE_BREAK:
			if (r->slot > 0)
				r->slot = LINES_PER_PAGE;
			break;
		default:
			error_set(r->err, "unknown block kind %d", (int)b->kind);
			ret = -1;
			break;
		}
		if (ret != 0) {
			error_prefix(r->err, "block %zu", i);
			return -1;
		}
	}
	return 0;
}

/* "— N —", odd pages on the right, even pages on the left, one character
 * in from the edge of the block. */
static int
folios(struct render *r)
{
	int pages = r->page;

	for (int p = 1; p <= pages; p++) {
		char text[32];
		struct shaped s;
		double w, x;

		snprintf(text, sizeof(text), "\u2014 %d \u2014", p);
		if (shape(r, text, ROLE_BODY, FOLIO_SIZE, 0, &s) != 0)
			return -1;
		w = sum_widths(&s, 0, s.n);
		x = p % 2 ? BLOCK_RIGHT - FOLIO_SIZE - w : BLOCK_LEFT + FOLIO_SIZE;
		r->page = p;
		op_text(r, -1, &s, 0, s.n, x,
		        BLOCK_BOTTOM - MM(7.0) - FOLIO_DASH_RISE * FOLIO_SIZE,
		        w, FOLIO_SIZE, 0);
		shaped_free(&s);
	}
	r->page = pages;
	return 0;
}

/* ---- ToUnicode CMaps ---------------------------------------------------- */

/* The most entries one bfchar or bfrange block may hold. */
#define CMAP_BLOCK 100

struct cmap_run {
	size_t first, len;      /* entries [first, first + len) */
};

static void
put_utf16_hex(GString *out, uint32_t cp)
{
	if (cp < 0x10000)
		g_string_append_printf(out, "%04X", (unsigned)cp);
	else
		g_string_append_printf(out, "%04X%04X",
		                       (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
		                       (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
}

/* Writes runs as blocks of bfrange (ranges) or bfchar entries. */
static void
cmap_blocks(GString *out, const struct cmap_run *runs, size_t n_runs,
            bool ranges, const uint16_t *codes, const uint32_t *cps)
{
	const char *kind = ranges ? "bfrange" : "bfchar";

	for (size_t done = 0; done < n_runs;) {
		size_t k = n_runs - done < CMAP_BLOCK ? n_runs - done : CMAP_BLOCK;

		g_string_append_printf(out, "%zu begin%s\n", k, kind);
		for (const struct cmap_run *r = runs + done; r < runs + done + k; r++) {
			g_string_append_printf(out, "<%04X> ", codes[r->first]);
			if (ranges)
				g_string_append_printf(out, "<%04X> ",
				                       codes[r->first + r->len - 1]);
			g_string_append_c(out, '<');
			put_utf16_hex(out, cps[r->first]);
			g_string_append(out, ">\n");
		}
		g_string_append_printf(out, "end%s\n", kind);
		done += k;
	}
}

int
letter_tounicode_cmap(const uint16_t *codes, const uint32_t *cps, size_t n,
                      char **cmap_r, struct ogi_error *err)
{
	struct cmap_run *ranges, *chars;
	size_t n_ranges = 0, n_chars = 0;
	GString *out;

	for (size_t i = 0; i < n; i++)
		if ((i > 0 && codes[i] <= codes[i - 1]) || cps[i] > 0x10FFFF ||
		    (cps[i] >= 0xD800 && cps[i] < 0xE000)) {
			error_set(err, "ToUnicode CMap: code <%04X> -> U+%04X: codes "
			          "must ascend and map to Unicode scalar values",
			          codes[i], (unsigned)cps[i]);
			return -1;
		}
	ranges = g_new(struct cmap_run, n ? n : 1);
	chars = g_new(struct cmap_run, n ? n : 1);
	/* A bfrange steps the last byte of the code and of the UTF-16 text:
	 * neither may carry into the byte before it.  The last byte of a
	 * code point's UTF-16 is its own last byte, surrogates or not. */
	for (size_t i = 0, k; i < n; i = k) {
		for (k = i + 1; k < n && codes[k] == codes[k - 1] + 1 &&
		                cps[k] == cps[k - 1] + 1 && (codes[k] & 0xFF) != 0 &&
		                (cps[k] & 0xFF) != 0; k++)
			;
		if (k - i > 1)
			ranges[n_ranges++] = (struct cmap_run){ i, k - i };
		else
			chars[n_chars++] = (struct cmap_run){ i, 1 };
	}
	out = g_string_new("/CIDInit /ProcSet findresource begin\n"
	                   "12 dict begin\n"
	                   "begincmap\n"
	                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	                   "/Supplement 0 >> def\n"
	                   "/CMapName /Adobe-Identity-UCS def\n"
	                   "/CMapType 2 def\n"
	                   "1 begincodespacerange\n"
	                   "<0000> <FFFF>\n"
	                   "endcodespacerange\n");
	cmap_blocks(out, ranges, n_ranges, true, codes, cps);
	cmap_blocks(out, chars, n_chars, false, codes, cps);
	g_string_append(out, "endcmap\n"
	                "CMapName currentdict /CMap defineresource pop\n"
	                "end\n"
	                "end\n");
	g_free(ranges);
	g_free(chars);
	*cmap_r = g_string_free(out, FALSE);
	return 0;
}

/* ---- libharu ------------------------------------------------------------ */

/* libharu 2.3.0 reads TrueType only from a named file: write the subset to
 * a private temporary file, load it (libharu keeps it open until
 * HPDF_Free) and remove its name at once. */
static const char *
load_subset(struct render *r, HPDF_Doc pdf, struct face *f, const char *psname)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	unsigned char *data;
	size_t len;
	bool written;
	const char *name = NULL;
	int fd;

	if (letter_ttf_subset(f->ttf, f->used, f->n_used, psname, &data, &len,
	                      r->err) != 0)
		return NULL;
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/ogi-letter-font-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0) {
		error_set(r->err, "%s: %s", path, strerror(errno));
		g_free(data);
		return NULL;
	}
	written = fdio_write_all(fd, data, len) == 0;
	if (!written)
		error_set(r->err, "%s: %s", path, strerror(errno));
	g_free(data);
	if (close(fd) == 0 && written)
		name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	else if (written)
		error_set(r->err, "%s: %s", path, strerror(errno));
	unlink(path);
	return name;
}

/* For a TrueType font with its UTF-8 encoder, libharu (2.3.0 to 2.4.x)
 * writes as /ToUnicode a copy of the Identity-H encoding CMap (cidrange
 * entries), which is no ToUnicode CMap: poppler warns on every page and
 * copying text relies on each reader's guesses.  The codes it draws are
 * the UTF-16 code units of our BMP text, so the right CMap maps each code
 * the face drew to itself.  It replaces the content of libharu's stream
 * (the object the font points to), and the dictionary entries that
 * described the encoding CMap go. */
static int
set_tounicode(struct render *r, HPDF_Font font, const struct face *f,
              const struct letter_pdf_err *he)
{
	static const char *const stale[] = {
		"Type", "CMapName", "CIDSystemInfo", "WMode",
	};
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	uint16_t *codes = g_new(uint16_t, f->n_used);
	uint32_t *cps = g_new(uint32_t, f->n_used);
	size_t n = 0;
	char *text = NULL;
	int ret = -1;

	if (cmap == NULL || cmap->stream == NULL) {
		error_set(r->err, "libharu gave the font no ToUnicode stream "
		          "to replace");
		goto out;
	}
	/* In code order: the bitmap of the code points drawn. */
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (f->seen[cp / 8] & (1u << (cp % 8))) {
			codes[n] = (uint16_t)cp;
			cps[n++] = cp;
		}
	if (letter_tounicode_cmap(codes, cps, n, &text, r->err) != 0)
		goto out;
	HPDF_MemStream_FreeData(cmap->stream);
	for (size_t i = 0; i < G_N_ELEMENTS(stale); i++)
		HPDF_Dict_RemoveElement(cmap, stale[i]);
	if (HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)text,
	                      (HPDF_UINT)strlen(text)) != HPDF_OK) {
		letter_pdf_fail(he, "writing a ToUnicode CMap", r->err);
		goto out;
	}
	ret = 0;
out:
	g_free(text);
	g_free(codes);
	g_free(cps);
	return ret;
}

static int
load_fonts(struct render *r, HPDF_Doc pdf, const struct letter_pdf_err *he)
{
	HPDF_Font base = NULL;

	if (r->baseline) {
		const char *name = HPDF_LoadTTFontFromFile2(
			pdf, r->faces[0].path, (HPDF_UINT)r->faces[0].index, HPDF_TRUE);

		if (name == NULL || (base = HPDF_GetFont(pdf, name, "UTF-8")) == NULL)
			return letter_pdf_fail(he, "loading the whole body font",
					       r->err);
	}
	for (int i = 0; i < r->n_faces; i++) {
		struct face *f = &r->faces[i];
		char psname[64];
		const char *name;

		if (base != NULL) {
			f->font = base;
			continue;
		}
		if (f->n_used == 0)
			continue;
		/* libharu refuses two fonts of one name in a document. */
		snprintf(psname, sizeof(psname), "%s", letter_ttf_psname(f->ttf));
		for (int j = 0; j < i; j++)
			if (strcmp(letter_ttf_psname(r->faces[j].ttf), psname) == 0)
				snprintf(psname, sizeof(psname), "%.40s-%d",
				         letter_ttf_psname(f->ttf), i);
		name = load_subset(r, pdf, f, psname);
		if (name == NULL && he->no == 0)
			return -1;
		if (name == NULL || (f->font = HPDF_GetFont(pdf, name, "UTF-8")) == NULL)
			return letter_pdf_fail(he, "loading a font subset", r->err);
		if (set_tounicode(r, f->font, f, he) != 0)
			return -1;
	}
	return 0;
}

static int
set_info(struct render *r, HPDF_Doc pdf, time_t created)
{
	struct tm tm;
	HPDF_Date d;
	long off;
	const char *attrs[2] = { r->doc->title, r->doc->author };
	const HPDF_InfoType types[2] = { HPDF_INFO_TITLE, HPDF_INFO_AUTHOR };

	for (int i = 0; i < 2; i++) {
		uint32_t *cps;
		size_t n;

		if (attrs[i] == NULL)
			continue;
		/* libharu copies the bytes as they are: check them first. */
		if (letter_utf8_decode(attrs[i], &cps, &n, r->err) != 0) {
			error_prefix(r->err, "document %s", i ? "author" : "title");
			return -1;
		}
		g_free(cps);
		if (HPDF_SetInfoAttr(pdf, types[i], attrs[i]) != HPDF_OK) {
			error_set(r->err, "cannot set the document %s",
			          i ? "author" : "title");
			return -1;
		}
	}
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "ogi-gateway " OGI_VERSION);
	if (created == 0)
		created = time(NULL);
	localtime_r(&created, &tm);
	off = tm.tm_gmtoff;
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = off == 0 ? 'Z' : off > 0 ? '+' : '-';
	off = off < 0 ? -off : off;
	d.off_hour = (HPDF_INT)(off / 3600);
	d.off_minutes = (HPDF_INT)(off % 3600 / 60);
	if (HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d) != HPDF_OK) {
		error_set(r->err, "cannot set the creation date");
		return -1;
	}
	return 0;
}

/* The character spacing before character j of op: where it starts less
 * where the advance of the one before ends. */
static double
gap_before(const struct render *r, const struct op *op, size_t j)
{
	return op->xs[j] - op->xs[j - 1] -
	       char_width(r, op->faces[j - 1], op->cps[j - 1], op->size, 0);
}

/* Places each character where the layout put it (op->xs): one text
 * operator per run of one face and one spacing, its character spacing
 * (Tc) that of the run -- a justified line's stretched gaps are one run,
 * a Latin run inside it, set solid, another. */
static void
draw_text(struct render *r, HPDF_Page page, const struct op *op)
{
	size_t k = 0;

	HPDF_Page_SetTextRenderingMode(page, op->bold ? HPDF_FILL_THEN_STROKE :
	                               HPDF_FILL);
	while (k < op->n) {
		size_t e = k + 1;
		double tc = op->cs;
		char *s;

		if (e < op->n && op->faces[e] == op->faces[k])
			tc = gap_before(r, op, e);
		while (e < op->n && op->faces[e] == op->faces[k] &&
		       fabs(gap_before(r, op, e) - tc) < SPACING_EPSILON)
			e++;
		s = letter_utf8_encode(op->cps + k, e - k);
		HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
		HPDF_Page_SetFontAndSize(page, r->faces[op->faces[k]].font,
		                         (HPDF_REAL)op->size);
		HPDF_Page_TextOut(page, (HPDF_REAL)op->xs[k], (HPDF_REAL)op->y, s);
		g_free(s);
		k = e;
	}
}

/* Decodes the PNG at path into 8-bit RGBA (*rgba_r, caller frees with
 * g_free).  libpng's simplified API reports every fault in the file as a
 * message: libharu's own PNG loader (2.3.0) lets libpng abort the process
 * on a damaged file. */
static int
seal_decode(struct render *r, const char *path, unsigned char **rgba_r,
            unsigned *w_r, unsigned *h_r)
{
	png_image img;
	unsigned char *rgba;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		error_set(r->err, "seal image %s: %s", path, strerror(errno));
		return -1;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_stdio(&img, f)) {
		error_set(r->err, "seal image %s: not a readable PNG file (%s)",
		          path, img.message);
		fclose(f);
		return -1;
	}
	if (img.width > SEAL_MAX_SIDE || img.height > SEAL_MAX_SIDE) {
		error_set(r->err, "seal image %s: %u x %u pixels, more than "
		          "%d a side", path, (unsigned)img.width,
		          (unsigned)img.height, SEAL_MAX_SIDE);
		png_image_free(&img);
		fclose(f);
		return -1;
	}
	img.format = PNG_FORMAT_RGBA;
	rgba = g_malloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, rgba, 0, NULL)) {
		error_set(r->err, "seal image %s: damaged PNG file (%s)", path,
		          img.message);
		g_free(rgba);
		fclose(f);
		return -1;
	}
	fclose(f);
	*rgba_r = rgba;
	*w_r = img.width;
	*h_r = img.height;
	return 0;
}

/* Loads the seal image, when a letter has a seal to draw: its colours as
 * an RGB image, its transparency as the soft mask that lets the text show
 * through.  A file that is missing, unreadable or no PNG fails the render,
 * naming it, rather than giving a letter without its seal. */
static int
load_seal(struct render *r, HPDF_Doc pdf, const struct letter_pdf_err *he,
          HPDF_Image *img_r)
{
	unsigned char *rgba, *rgb, *alpha;
	unsigned w, h;
	bool wanted = false, opaque = true;
	HPDF_Image img, mask = NULL;

	*img_r = NULL;
	for (size_t i = 0; i < r->n_ops; i++)
		wanted |= r->ops[i].kind == OP_SEAL;
	if (!wanted)
		return 0;
	if (seal_decode(r, r->doc->seal_png, &rgba, &w, &h) != 0)
		return -1;
	rgb = g_malloc((size_t)w * h * 3);
	alpha = g_malloc((size_t)w * h);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		memcpy(rgb + 3 * i, rgba + 4 * i, 3);
		alpha[i] = rgba[4 * i + 3];
		opaque &= alpha[i] == 0xFF;
	}
	img = HPDF_LoadRawImageFromMem(pdf, rgb, w, h, HPDF_CS_DEVICE_RGB, 8);
	if (img != NULL && !opaque)
		mask = HPDF_LoadRawImageFromMem(pdf, alpha, w, h,
		                                HPDF_CS_DEVICE_GRAY, 8);
	if (img != NULL && mask != NULL && HPDF_Image_AddSMask(img, mask) != HPDF_OK)
		img = NULL;
	g_free(rgba);
	g_free(rgb);
	g_free(alpha);
	if (img == NULL || (!opaque && mask == NULL)) {
		letter_pdf_fail(he, "embedding it", r->err);
		error_prefix(r->err, "seal image %s", r->doc->seal_png);
		return -1;
	}
	*img_r = img;
	return 0;
}

/* Text, then the seal over it, as a stamp is pressed on a printed
 * letter. */
static int
draw(struct render *r, HPDF_Doc pdf, const struct letter_pdf_err *he)
{
	HPDF_Image seal_img;

	if (load_seal(r, pdf, he, &seal_img) != 0)
		return -1;
	for (int p = 1; p <= r->page; p++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		if (page == NULL)
			return letter_pdf_fail(he, "adding a page", r->err);
		HPDF_Page_SetWidth(page, (HPDF_REAL)PAGE_W);
		HPDF_Page_SetHeight(page, (HPDF_REAL)PAGE_H);
		HPDF_Page_SetLineWidth(page, 0.35f);
		for (size_t i = 0; i < r->n_ops; i++) {
			const struct op *op = &r->ops[i];

			if (op->page != p)
				continue;
			if (op->kind == OP_BOX) {
				HPDF_Page_SetGrayStroke(page, 0);
				HPDF_Page_Rectangle(page, (HPDF_REAL)op->x, (HPDF_REAL)op->y,
				                    (HPDF_REAL)op->w, (HPDF_REAL)op->h);
				HPDF_Page_Stroke(page);
			} else if (op->kind == OP_RULE) {
				HPDF_Page_SetGrayStroke(page, 0.6f);
				HPDF_Page_MoveTo(page, (HPDF_REAL)op->x, (HPDF_REAL)op->y);
				HPDF_Page_LineTo(page, (HPDF_REAL)(op->x + op->w),
				                 (HPDF_REAL)op->y);
				HPDF_Page_Stroke(page);
			}
		}
		HPDF_Page_SetGrayStroke(page, 0);
		HPDF_Page_BeginText(page);
		for (size_t i = 0; i < r->n_ops; i++)
			if (r->ops[i].page == p && r->ops[i].kind == OP_TEXT)
				draw_text(r, page, &r->ops[i]);
		HPDF_Page_EndText(page);
		for (size_t i = 0; i < r->n_ops; i++) {
			const struct op *op = &r->ops[i];

			if (op->page == p && op->kind == OP_SEAL)
				HPDF_Page_DrawImage(page, seal_img, (HPDF_REAL)op->x,
				                    (HPDF_REAL)op->y, (HPDF_REAL)op->w,
				                    (HPDF_REAL)op->h);
		}
	}
	if (he->no != 0)
		return letter_pdf_fail(he, "drawing", r->err);
	return 0;
}

static int
emit_pdf(struct render *r, time_t created, unsigned char **pdf_r,
         size_t *len_r)
{
	struct letter_pdf_err he;
	HPDF_Doc pdf = letter_pdf_new(&he, r->err);
	int ret = -1;

	if (pdf == NULL)
		return -1;
	if (set_info(r, pdf, created) != 0 || load_fonts(r, pdf, &he) != 0 ||
	    draw(r, pdf, &he) != 0 || letter_pdf_bytes(pdf, &he, pdf_r, len_r, r->err) != 0)
		goto out;
	ret = 0;
out:
	HPDF_Free(pdf);
	return ret;
}

/* ---- entry points ------------------------------------------------------- */

void
letter_layout_report_free(struct letter_layout_report *report)
{
	if (report == NULL)
		return;
	for (size_t i = 0; i < report->n_lines; i++) {
		g_free(report->lines[i].text);
		g_free(report->lines[i].glyph_x);
		g_free(report->lines[i].glyph_w);
	}
	g_free(report->lines);
	memset(report, 0, sizeof(*report));
}

static void
make_report(const struct render *r, struct letter_layout_report *rep)
{
	size_t n = 0;

	memset(rep, 0, sizeof(*rep));
	rep->n_pages = r->page;
	rep->block_left = BLOCK_LEFT;
	rep->block_right = BLOCK_RIGHT;
	rep->block_top = BLOCK_TOP;
	rep->block_bottom = BLOCK_BOTTOM;
	for (size_t i = 0; i < r->n_ops; i++)
		if (r->ops[i].kind == OP_SEAL) {
			rep->seal_page = r->ops[i].page;
			rep->seal_x = r->ops[i].x;
			rep->seal_y = r->ops[i].y;
			rep->seal_size = r->ops[i].w;
		}
	for (size_t i = 0; i < r->n_ops; i++)
		n += r->ops[i].kind == OP_TEXT;
	rep->lines = g_new0(struct letter_layout_line, n ? n : 1);
	/* Page by page, each page's number last. */
	for (size_t k = 0; k < (size_t)r->page * r->n_ops; k++) {
		const struct op *op = &r->ops[k % r->n_ops];
		struct letter_layout_line *l = &rep->lines[rep->n_lines];

		if (op->kind != OP_TEXT || op->page != (int)(k / r->n_ops) + 1)
			continue;
		l->text = letter_utf8_encode(op->cps, op->n);
		rep->n_lines++;
		l->page = op->page;
		l->block = op->block;
		l->x = op->x;
		l->y = op->y;
		l->width = op->w;
		l->size = op->size;
		l->n_glyphs = op->n;
		l->glyph_x = g_memdup2(op->xs, (op->n ? op->n : 1) * sizeof(double));
		l->glyph_w = g_new(double, op->n ? op->n : 1);
		for (size_t g = 0; g < op->n; g++)
			l->glyph_w[g] = char_width(r, op->faces[g], op->cps[g],
			                           op->size, 0);
	}
}

static int
open_faces(struct render *r, const struct letter_fonts *fonts)
{
	const struct letter_fonts *d = &letter_fonts_debian;
	const char *paths[N_ROLES] = {
		fonts && fonts->body ? fonts->body : d->body,
		fonts && fonts->title ? fonts->title : d->title,
		fonts && fonts->kai ? fonts->kai : d->kai,
		fonts && fonts->fallback ? fonts->fallback : d->fallback,
	};
	const int indices[N_ROLES] = {
		fonts && fonts->body ? fonts->body_index : d->body_index,
		fonts && fonts->title ? fonts->title_index : d->title_index,
		fonts && fonts->kai ? fonts->kai_index : d->kai_index,
		fonts && fonts->fallback ? fonts->fallback_index : d->fallback_index,
	};
	int face_of[N_ROLES];

	r->faces = g_new0(struct face, N_ROLES);
	for (int i = 0; i < N_ROLES; i++) {
		int j;

		for (j = 0; j < r->n_faces; j++)
			if (r->faces[j].index == indices[i] &&
			    strcmp(r->faces[j].path, paths[i]) == 0)
				break;
		if (j == r->n_faces) {
			struct face *f = &r->faces[r->n_faces];

			f->ttf = font_get(paths[i], indices[i], r->err);
			if (f->ttf == NULL)
				return -1;
			f->path = paths[i];
			f->index = indices[i];
			r->n_faces++;
		}
		face_of[i] = j;
	}
	for (int role = 0; role < N_ROLES; role++) {
		const int order[3] = { face_of[role], face_of[ROLE_BODY],
		                       face_of[ROLE_FALLBACK] };
		int n = 0;

		for (int k = 0; k < 3; k++) {
			bool dup = false;

			for (int m = 0; m < n; m++)
				dup |= r->chain[role][m] == order[k];
			if (!dup)
				r->chain[role][n++] = order[k];
		}
		r->chain[role][n] = -1;
	}
	return 0;
}

static void
render_free(struct render *r)
{
	for (size_t i = 0; i < r->n_ops; i++) {
		g_free(r->ops[i].cps);
		g_free(r->ops[i].faces);
		g_free(r->ops[i].xs);
	}
	g_free(r->ops);
	if (r->faces != NULL)
		for (int i = 0; i < r->n_faces; i++)
			g_free(r->faces[i].used);
	g_free(r->faces);
}

int
letter_render_mem(const struct letter_doc *doc,
                  const struct letter_fonts *fonts,
                  const struct letter_render_options *opts,
                  unsigned char **pdf_r, size_t *len_r,
                  struct letter_layout_report *report_r,
                  struct ogi_error *err)
{
	struct render r = { .doc = doc, .err = err };
	int ret = -1;

	if (report_r != NULL)
		memset(report_r, 0, sizeof(*report_r));
	r.baseline = opts != NULL && (opts->flags & LETTER_RENDER_BASELINE);
	if (open_faces(&r, fonts) != 0 || layout(&r) != 0 || folios(&r) != 0 ||
	    emit_pdf(&r, opts ? opts->created : 0, pdf_r, len_r) != 0)
		goto out;
	if (report_r != NULL)
		make_report(&r, report_r);
	ret = 0;
out:
	render_free(&r);
	return ret;
}

int
letter_render(const struct letter_doc *doc, const struct letter_fonts *fonts,
              const char *out_path, struct letter_layout_report *report_r,
              struct ogi_error *err)
{
	unsigned char *pdf;
	size_t len;
	int rc;

	if (letter_render_mem(doc, fonts, NULL, &pdf, &len, report_r, err) != 0)
		return -1;
	rc = letter_pdf_write(pdf, len, out_path, err);
	g_free(pdf);
	if (rc != 0)
		letter_layout_report_free(report_r);
	return rc;
}
