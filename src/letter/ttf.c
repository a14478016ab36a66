#include "letter/ttf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#define BMP_SIZE 0x10000u

/* A table as a window on the font's bytes. */
struct table {
	const unsigned char *p;
	size_t len;
};

struct letter_ttf {
	const unsigned char *map;
	size_t map_len;
	bool mapped;            /* map is ours to munmap, not the caller's */
	struct table head, hhea, maxp, hmtx, loca, glyf, os2, post;
	unsigned units_per_em;
	unsigned n_glyphs;
	unsigned n_hmetrics;
	bool loca_long;
	uint16_t *bmp;          /* code point -> glyph, BMP_SIZE entries */
	char psname[64];
};

static unsigned
rd16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Every offset and length read from the font is checked against what is
 * left of the window it points into, never by adding to it: a crafted
 * 32-bit value near 2^32 must not wrap past the check. */
static bool
fits(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

/* `dir` is the offset of a table directory; the caller has checked that
 * its 12-byte header fits. */
static bool
find_table(const struct letter_ttf *t, size_t dir, const char *tag,
           struct table *tab_r)
{
	unsigned n = rd16(t->map + dir + 4);

	if (!fits(t->map_len, dir + 12, (size_t)n * 16))
		return false;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *e = t->map + dir + 12 + (size_t)i * 16;
		uint32_t off = rd32(e + 8), len = rd32(e + 12);

		if (memcmp(e, tag, 4) != 0)
			continue;
		if (!fits(t->map_len, off, len))
			return false;
		tab_r->p = t->map + off;
		tab_r->len = len;
		return true;
	}
	return false;
}

/* Both cmap formats are read the way a lookup reads them: the first
 * segment (group) whose end is at or above a code point decides it.  So a
 * code point is looked at once however the segments overlap, and the work
 * is bounded by the BMP plus the number of segments, never by what crafted
 * start and end values claim. */
static void
cmap_format4(struct letter_ttf *t, const unsigned char *sub, size_t avail)
{
	unsigned seg2, nseg, next = 0;
	const unsigned char *ends, *starts, *deltas, *ranges;

	if (avail < 16)
		return;
	seg2 = rd16(sub + 6);
	nseg = seg2 / 2;
	if (!fits(avail, 16, (size_t)seg2 * 4))
		return;
	ends = sub + 14;
	starts = ends + seg2 + 2;
	deltas = starts + seg2;
	ranges = deltas + seg2;
	for (unsigned i = 0; i < nseg; i++) {
		unsigned start = rd16(starts + 2 * i), end = rd16(ends + 2 * i);
		unsigned delta = rd16(deltas + 2 * i), ro = rd16(ranges + 2 * i);

		for (unsigned c = start > next ? start : next;
		     c <= end && c < 0xFFFF; c++) {
			unsigned g;

			if (ro == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t at = (size_t)(ranges + 2 * i - sub) + ro +
				            2 * (size_t)(c - start);

				if (!fits(avail, at, 2))
					break;
				g = rd16(sub + at);
				if (g != 0)
					g = (g + delta) & 0xFFFF;
			}
			if (g < t->n_glyphs)
				t->bmp[c] = (uint16_t)g;
		}
		if (end >= next)
			next = end + 1;
	}
}

static void
cmap_format12(struct letter_ttf *t, const unsigned char *sub, size_t avail)
{
	uint32_t n, next = 0;

	if (avail < 16)
		return;
	n = rd32(sub + 12);
	if (n > (avail - 16) / 12)
		return;
	for (uint32_t i = 0; i < n && next < 0xFFFF; i++) {
		const unsigned char *grp = sub + 16 + (size_t)i * 12;
		uint32_t start = rd32(grp), end = rd32(grp + 4);
		uint32_t first = rd32(grp + 8);

		for (uint32_t c = start > next ? start : next;
		     c <= end && c < 0xFFFF; c++) {
			uint64_t g = (uint64_t)first + (c - start);

			if (g < t->n_glyphs)
				t->bmp[c] = (uint16_t)g;
		}
		if (end >= next)
			next = end < 0xFFFF ? end + 1 : 0xFFFF;
	}
}

/* Fills t->bmp from the best Unicode subtable: Windows BMP (3,1), Windows
 * full (3,10) or any Unicode-platform one. */
static int
parse_cmap(struct letter_ttf *t, const struct table *cmap,
           struct ogi_error *err)
{
	unsigned n, best_rank = 0;
	size_t best = 0;

	if (cmap->len < 4)
		goto bad;
	n = rd16(cmap->p + 2);
	if (4 + (size_t)n * 8 > cmap->len)
		goto bad;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *e = cmap->p + 4 + (size_t)i * 8;
		unsigned pid = rd16(e), eid = rd16(e + 2), rank = 0, fmt;
		uint32_t off = rd32(e + 4);

		if (!fits(cmap->len, off, 2))
			continue;
		fmt = rd16(cmap->p + off);
		if (fmt != 4 && fmt != 12)
			continue;
		if (pid == 3 && eid == 10)
			rank = 3;
		else if (pid == 3 && eid == 1)
			rank = 2;
		else if (pid == 0)
			rank = 1;
		if (rank > best_rank) {
			best_rank = rank;
			best = off;
		}
	}
	if (best_rank == 0)
		goto bad;
	t->bmp = g_new0(uint16_t, BMP_SIZE);
	if (rd16(cmap->p + best) == 4)
		cmap_format4(t, cmap->p + best, cmap->len - best);
	else
		cmap_format12(t, cmap->p + best, cmap->len - best);
	return 0;
bad:
	error_set(err, "no Unicode cmap (format 4 or 12)");
	return -1;
}

/* The PostScript name (name ID 6), Windows or Mac record, kept to
 * characters a PDF name and libharu accept. */
static void
parse_psname(struct letter_ttf *t, const struct table *name)
{
	unsigned n, strings;
	size_t k = 0;

	strcpy(t->psname, "Font");
	if (name->len < 6)
		return;
	n = rd16(name->p + 2);
	strings = rd16(name->p + 4);
	if (6 + (size_t)n * 12 > name->len)
		return;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *r = name->p + 6 + (size_t)i * 12;
		unsigned pid = rd16(r), id = rd16(r + 6), len = rd16(r + 8);
		size_t off = (size_t)strings + rd16(r + 10);
		bool wide = pid == 3 || pid == 0;

		if (id != 6 || !fits(name->len, off, len))
			continue;
		for (size_t j = wide ? 1 : 0; j < len && k < 40; j += wide ? 2 : 1) {
			unsigned char c = name->p[off + j];

			if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z') || c == '-' || c == '_')
				t->psname[k++] = (char)c;
		}
		if (k > 0) {
			t->psname[k] = '\0';
			return;
		}
	}
}

static int
parse_face(struct letter_ttf *t, int index, struct ogi_error *err)
{
	size_t dir = 0;
	struct table cmap, name;

	if (t->map_len < 12)
		goto bad;
	if (memcmp(t->map, "ttcf", 4) == 0) {
		uint32_t nfaces = rd32(t->map + 8);

		if (index < 0 || (uint32_t)index >= nfaces ||
		    !fits(t->map_len, 12, (size_t)nfaces * 4)) {
			error_set(err, "no face %d in the collection", index);
			return -1;
		}
		dir = rd32(t->map + 12 + (size_t)index * 4);
		if (!fits(t->map_len, dir, 12))
			goto bad;
	} else if (index != 0) {
		error_set(err, "face %d asked of a single-face font", index);
		return -1;
	}
	if (memcmp(t->map + dir, "OTTO", 4) == 0) {
		error_set(err, "CFF-based font: only TrueType outlines work");
		return -1;
	}
	if (!find_table(t, dir, "head", &t->head) || t->head.len < 54 ||
	    !find_table(t, dir, "hhea", &t->hhea) || t->hhea.len < 36 ||
	    !find_table(t, dir, "maxp", &t->maxp) || t->maxp.len < 6 ||
	    !find_table(t, dir, "hmtx", &t->hmtx) ||
	    !find_table(t, dir, "loca", &t->loca) ||
	    !find_table(t, dir, "glyf", &t->glyf) ||
	    !find_table(t, dir, "cmap", &cmap) ||
	    !find_table(t, dir, "OS/2", &t->os2) || t->os2.len < 78 ||
	    !find_table(t, dir, "post", &t->post) || t->post.len < 32 ||
	    !find_table(t, dir, "name", &name))
		goto bad;
	t->units_per_em = rd16(t->head.p + 18);
	t->loca_long = rd16(t->head.p + 50) != 0;
	t->n_glyphs = rd16(t->maxp.p + 4);
	t->n_hmetrics = rd16(t->hhea.p + 34);
	/* hmtx and loca are indexed by glyph id: they must hold every glyph
	 * maxp counts, so a checked glyph id reads within them. */
	if (t->units_per_em == 0 || t->n_glyphs == 0 || t->n_hmetrics == 0 ||
	    t->n_hmetrics > t->n_glyphs ||
	    (size_t)t->n_hmetrics * 4 + (size_t)(t->n_glyphs - t->n_hmetrics) * 2 >
	            t->hmtx.len ||
	    (size_t)(t->n_glyphs + 1) * (t->loca_long ? 4 : 2) > t->loca.len)
		goto bad;
	/* fsType: restricted-licence (2) and bitmap-only (0x200) faces may not
	 * be embedded as outlines; the font's licence wins over our wish. */
	if (rd16(t->os2.p + 8) & 0x0202) {
		error_set(err, "the font's licence (OS/2 fsType) forbids embedding");
		return -1;
	}
	parse_psname(t, &name);
	return parse_cmap(t, &cmap, err);
bad:
	error_set(err, "not a usable TrueType font (missing or short tables)");
	return -1;
}

int
letter_ttf_open(const char *path, int index, struct letter_ttf **ttf_r,
                struct ogi_error *err)
{
	struct letter_ttf *t;
	struct stat st;
	void *map;
	int fd;

	t = g_new0(struct letter_ttf, 1);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	t->map_len = (size_t)st.st_size;
	map = t->map_len > 0 ?
	      mmap(NULL, t->map_len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	if (map == MAP_FAILED) {
		error_set(err, "%s: cannot map: %s", path,
		          t->map_len > 0 ? strerror(errno) : "empty file");
		goto fail;
	}
	t->map = map;
	t->mapped = true;
	close(fd);
	fd = -1;
	if (parse_face(t, index, err) != 0) {
		error_prefix(err, "%s (face %d)", path, index);
		goto fail;
	}
	*ttf_r = t;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	letter_ttf_close(t);
	return -1;
}

int
letter_ttf_open_mem(const void *data, size_t len, int index,
                    struct letter_ttf **ttf_r, struct ogi_error *err)
{
	struct letter_ttf *t = g_new0(struct letter_ttf, 1);

	t->map = data;
	t->map_len = len;
	if (parse_face(t, index, err) != 0) {
		error_prefix(err, "font in memory (face %d)", index);
		letter_ttf_close(t);
		return -1;
	}
	*ttf_r = t;
	return 0;
}

void
letter_ttf_close(struct letter_ttf *ttf)
{
	if (ttf == NULL)
		return;
	if (ttf->mapped)
		munmap((void *)ttf->map, ttf->map_len);
	g_free(ttf->bmp);
	g_free(ttf);
}

unsigned
letter_ttf_glyph(const struct letter_ttf *ttf, uint32_t cp)
{
	return cp < 0xFFFF ? ttf->bmp[cp] : 0;
}

static unsigned
advance_units(const struct letter_ttf *t, unsigned gid)
{
	unsigned i = gid < t->n_hmetrics ? gid : t->n_hmetrics - 1;

	return rd16(t->hmtx.p + 4 * (size_t)i);
}

static int
left_bearing(const struct letter_ttf *t, unsigned gid)
{
	const unsigned char *p;

	if (gid < t->n_hmetrics)
		p = t->hmtx.p + 4 * (size_t)gid + 2;
	else
		p = t->hmtx.p + 4 * (size_t)t->n_hmetrics +
		    2 * (size_t)(gid - t->n_hmetrics);
	return (int16_t)rd16(p);
}

unsigned
letter_ttf_advance(const struct letter_ttf *ttf, unsigned gid)
{
	if (gid >= ttf->n_glyphs)
		gid = 0;
	return advance_units(ttf, gid) * 1000u / ttf->units_per_em;
}

const char *
letter_ttf_psname(const struct letter_ttf *ttf)
{
	return ttf->psname;
}

/* Where glyph `gid` (below n_glyphs) lives in glyf; false when loca points
 * outside it. */
static bool
glyph_span(const struct letter_ttf *t, unsigned gid, const unsigned char **p_r,
           size_t *len_r)
{
	uint32_t a, b;

	if (t->loca_long) {
		a = rd32(t->loca.p + 4 * (size_t)gid);
		b = rd32(t->loca.p + 4 * (size_t)gid + 4);
	} else {
		a = 2 * rd16(t->loca.p + 2 * (size_t)gid);
		b = 2 * rd16(t->loca.p + 2 * (size_t)gid + 2);
	}
	if (b < a || b > t->glyf.len)
		return false;
	*p_r = t->glyf.p + a;
	*len_r = b - a;
	return true;
}

/* ---- the subset --------------------------------------------------------- */

/* The subset is built in GByteArrays (guint lengths: MAX_GLYF and the
 * 16-bit tables keep every one far below 4 GB). */

/* Appends n bytes to b and returns where they start, for the caller to
 * fill. */
static unsigned char *
buf_grow(GByteArray *b, size_t n)
{
	guint at = b->len;

	g_byte_array_set_size(b, at + (guint)n);
	return b->data + at;
}

static void
put(GByteArray *b, const void *data, size_t n)
{
	g_byte_array_append(b, data, (guint)n);
}

static void
put16(GByteArray *b, unsigned v)
{
	unsigned char x[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	put(b, x, 2);
}

static void
put32(GByteArray *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                       (unsigned char)(v >> 8), (unsigned char)v };

	put(b, x, 4);
}

static void
set16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
set32(unsigned char *p, uint32_t v)
{
	set16(p, v >> 16);
	set16(p + 2, v & 0xFFFF);
}

static void
pad4(GByteArray *b)
{
	static const unsigned char zero[3];

	put(b, zero, (4 - b->len % 4) % 4);
}

/* The glyph set: new id -> old id, and old id -> new id (0 = not taken;
 * .notdef is new 0 and old 0). */
struct glyphset {
	unsigned *old;
	size_t n;
	uint16_t *new_of;
};

static unsigned
glyphset_add(struct glyphset *gs, unsigned old)
{
	if (old != 0 && gs->new_of[old] == 0) {
		gs->new_of[old] = (uint16_t)gs->n;
		gs->old[gs->n++] = old;
	}
	return gs->new_of[old];
}

#define COMP_WORDS    0x0001
#define COMP_SCALE    0x0008
#define COMP_MORE     0x0020
#define COMP_XYSCALE  0x0040
#define COMP_2X2      0x0080
#define COMP_INSTR    0x0100

/* One component record of a composite glyph. */
struct component {
	unsigned flags, gid;
	size_t size;            /* bytes of the record */
};

/* A simple glyph (len >= 10 bytes) is its header and contour ends (`head`
 * bytes), its instructions (a 16-bit length, then `ilen` bytes) and its
 * outline data; false when those run past the glyph. */
static bool
simple_parts(const unsigned char *g, size_t len, size_t *head_r,
             size_t *ilen_r)
{
	size_t head = 10 + 2 * (size_t)rd16(g);

	if (!fits(len, head, 2))
		return false;
	*head_r = head;
	*ilen_r = rd16(g + head);
	return fits(len, head + 2, *ilen_r);
}

static bool
is_composite(const unsigned char *g, size_t len)
{
	return len > 0 && (int16_t)rd16(g) < 0;
}

/* Steps through the component records of a composite glyph. */
struct components {
	const unsigned char *g;
	size_t len, at;
	bool more;
	bool bad;               /* a record ran past the glyph */
};

static struct components
components_of(const unsigned char *g, size_t len)
{
	return (struct components){ g, len, 10, true, false };
}

/* The next record into *c; false after the last one, or (it->bad) when a
 * record runs past the glyph. */
static bool
component_next(struct components *it, struct component *c)
{
	const unsigned char *r = it->g + it->at;

	if (!it->more)
		return false;
	it->more = false;
	if (!fits(it->len, it->at, 4)) {
		it->bad = true;
		return false;
	}
	c->flags = rd16(r);
	c->gid = rd16(r + 2);
	c->size = 4 + ((c->flags & COMP_WORDS) ? 4 : 2) +
	          ((c->flags & COMP_SCALE) ? 2 : (c->flags & COMP_XYSCALE) ? 4 :
	           (c->flags & COMP_2X2) ? 8 : 0);
	if (!fits(it->len, it->at, c->size)) {
		it->bad = true;
		return false;
	}
	it->at += c->size;
	it->more = (c->flags & COMP_MORE) != 0;
	return true;
}

/* Composites nest (a component may be a composite itself), which a crafted
 * font turns into cycles, endless chains, or thousands of glyph ids sharing
 * one span that lists thousands of components.  So every glyph a subset
 * takes is checked before anything is copied: its records lie within it,
 * each component is a glyph of the face, the nesting under it is acyclic
 * and at most MAX_NESTING deep; and the checks of one subset read at most
 * MAX_COMPONENTS component records in all (real fonts: a few per glyph). */
#define MAX_NESTING 8
#define MAX_COMPONENTS 65536

/* The glyph data a subset may copy, padding aside: a letter's glyphs from a
 * CJK face come to a few hundred kilobytes, but thousands of glyph ids may
 * share one crafted span of megabytes. */
#define MAX_GLYF (32u << 20)

/* What is known of a glyph: GLYPH_UNSEEN, GLYPH_VISITING while its
 * components are checked (meeting it again is a cycle), GLYPH_BAD, or
 * 1 + its nesting height (0: a simple or empty glyph). */
enum { GLYPH_UNSEEN = 0, GLYPH_VISITING = 0xFE, GLYPH_BAD = 0xFF };

/* Results of glyph_check other than a height. */
enum { CHECK_BAD = -1, CHECK_DEEP = -2, CHECK_BUDGET = -3 };

struct checker {
	const struct letter_ttf *t;
	uint8_t *state;         /* per glyph id of the face */
	size_t budget;          /* component records left to read */
};

/* The nesting height of glyph gid, met `depth` composites below the glyph
 * being checked; CHECK_BAD when it is malformed or in a cycle, CHECK_DEEP
 * when the nesting from that glyph would exceed MAX_NESTING, CHECK_BUDGET
 * when the budget ran out.  Only what holds whatever the path (heights,
 * malformed glyphs) is kept in state, so each glyph is read once unless a
 * too deep path cut its check short. */
static int
glyph_check(struct checker *c, unsigned gid, unsigned depth)
{
	uint8_t *st = &c->state[gid];
	const unsigned char *g;
	size_t len, head, ilen;
	struct components it;
	struct component comp;
	int height = 0, h = 0;

	if (*st == GLYPH_BAD || *st == GLYPH_VISITING)
		return CHECK_BAD;
	if (*st != GLYPH_UNSEEN)
		return depth + (*st - 1u) > MAX_NESTING ? CHECK_DEEP : *st - 1;
	if (!glyph_span(c->t, gid, &g, &len) || (len > 0 && len < 10) ||
	    (len > 0 && !is_composite(g, len) &&
	     !simple_parts(g, len, &head, &ilen))) {
		*st = GLYPH_BAD;
		return CHECK_BAD;
	}
	if (!is_composite(g, len)) {
		*st = 1;
		return 0;
	}
	if (depth == MAX_NESTING)
		return CHECK_DEEP;
	*st = GLYPH_VISITING;
	for (it = components_of(g, len); h >= 0 && component_next(&it, &comp);) {
		if (c->budget == 0) {
			h = CHECK_BUDGET;
			break;
		}
		c->budget--;
		h = comp.gid < c->t->n_glyphs ?
		    glyph_check(c, comp.gid, depth + 1) : CHECK_BAD;
		if (h + 1 > height)
			height = h + 1;
	}
	if (it.bad)
		h = CHECK_BAD;
	if (h < 0) {
		*st = h == CHECK_BAD ? GLYPH_BAD : GLYPH_UNSEEN;
		return h;
	}
	*st = (uint8_t)(height + 1);
	return height;
}

/* Checks a glyph a subset takes: 0 when it can be copied, CHECK_BAD or
 * CHECK_BUDGET. */
static int
glyph_ok(struct checker *c, unsigned gid)
{
	int h = glyph_check(c, gid, 0);

	if (h == CHECK_DEEP) {
		c->state[gid] = GLYPH_BAD;
		h = CHECK_BAD;
	}
	return h < 0 ? h : 0;
}

/* Writes a checked composite glyph with its components renumbered (they
 * are all in gs) and without instructions. */
static void
composite_write(const unsigned char *g, size_t len, const struct glyphset *gs,
                GByteArray *out)
{
	struct components it = components_of(g, len);
	struct component comp;

	put(out, g, 10);
	while (component_next(&it, &comp)) {
		unsigned char *p = buf_grow(out, comp.size);

		memcpy(p, g + it.at - comp.size, comp.size);
		set16(p, comp.flags & ~COMP_INSTR & 0xFFFF);
		set16(p + 2, gs->new_of[comp.gid]);
	}
}

/* Writes a checked simple glyph with its instructions cut out: they would
 * call into the fpgm/prep programs we do not carry. */
static void
simple_strip(const unsigned char *g, size_t len, GByteArray *out)
{
	size_t head, ilen;

	simple_parts(g, len, &head, &ilen);
	put(out, g, head);
	put16(out, 0);
	put(out, g + head + 2 + ilen, len - head - 2 - ilen);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* libharu builds its CID-to-glyph map by looking up all 65536 code points,
 * each with a linear walk over the cmap segments: a segment ending at E
 * costs about 5 instructions for each of the 65536 - E code points above
 * it.  Closing a gap of G code points through glyphIdArray instead costs
 * two bytes each that libharu reads one by one, copies, and compresses:
 * about 650 instructions per code point (measured with callgrind).  So a
 * gap is closed when G < (65536 - E) / 128. */
#define CMAP_MERGE_DIVISOR 128

struct seg {
	unsigned start, end;
	size_t first;           /* index in cps of `start` */
	bool array;             /* glyphs come from glyphIdArray */
	size_t array_at;        /* index of `start` in the array */
};

/* Format 4 counts its length and offsets in 16 bits: the caller has
 * checked that 16 + 8 * (n + 1) fits, and merging stays within what is
 * left. */
static void
write_cmap(GByteArray *b, const uint32_t *cps, const uint16_t *gids, size_t n)
{
	struct seg *segs = g_new0(struct seg, n + 1);
	size_t nseg = 0, narray = 0, budget = (0xFFFF - 16 - 8 * (n + 1)) / 2;
	unsigned seg2, sr = 2, es = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct seg *s = nseg ? &segs[nseg - 1] : NULL;
		size_t grow = s == NULL ? 0 : cps[i] - s->end +
		              (s->array ? 0 : s->end - s->start + 1);

		if (s != NULL && cps[i] == s->end + 1 && !s->array &&
		    gids[i] == gids[i - 1] + 1) {
			s->end = cps[i];
		} else if (s != NULL && narray + grow <= budget &&
		           cps[i] - s->end < (0x10000 - s->end) / CMAP_MERGE_DIVISOR) {
			if (!s->array) {
				s->array = true;
				s->array_at = narray;
			}
			narray += grow;
			s->end = cps[i];
		} else {
			segs[nseg].start = segs[nseg].end = cps[i];
			segs[nseg].first = i;
			nseg++;
		}
	}
	segs[nseg].start = segs[nseg].end = 0xFFFF;
	nseg++;
	seg2 = (unsigned)nseg * 2;
	while (sr * 2 <= seg2) {
		sr *= 2;
		es++;
	}
	put16(b, 0);
	put16(b, 1);
	put16(b, 3);
	put16(b, 1);
	put32(b, 12);
	put16(b, 4);
	put16(b, (16 + 8 * nseg + 2 * narray) & 0xFFFF);
	put16(b, 0);
	put16(b, seg2);
	put16(b, sr);
	put16(b, es);
	put16(b, seg2 - sr);
	for (i = 0; i < nseg; i++)
		put16(b, segs[i].end);
	put16(b, 0);
	for (i = 0; i < nseg; i++)
		put16(b, segs[i].start);
	for (i = 0; i < nseg; i++) {
		if (segs[i].start == 0xFFFF)
			put16(b, 1);
		else if (segs[i].array)
			put16(b, 0);
		else
			put16(b, (gids[segs[i].first] - segs[i].start) & 0xFFFF);
	}
	for (i = 0; i < nseg; i++)
		put16(b, segs[i].array ?
		         (unsigned)(2 * (nseg - i + segs[i].array_at)) : 0);
	{
		unsigned char *arr = buf_grow(b, 2 * narray);
		size_t s = 0;

		memset(arr, 0, 2 * narray);
		for (i = 0; i < n; i++) {
			while (segs[s].end < cps[i])
				s++;
			if (segs[s].array)
				set16(arr + 2 * (segs[s].array_at +
				                 cps[i] - segs[s].start), gids[i]);
		}
	}
	g_free(segs);
}

static void
put_name(GByteArray *b, const char *psname)
{
	static const unsigned ids[] = { 1, 2, 3, 4, 6 };
	size_t nlen = strlen(psname);
	unsigned off = 0;

	put16(b, 0);
	put16(b, 5);
	put16(b, 6 + 5 * 12);
	for (size_t i = 0; i < 5; i++) {
		unsigned len = ids[i] == 2 ? 7 : (unsigned)nlen;

		put16(b, 3);
		put16(b, 1);
		put16(b, 0x409);
		put16(b, ids[i]);
		put16(b, 2 * len);
		put16(b, off);
		off += 2 * len;
	}
	for (size_t i = 0; i < 5; i++) {
		const char *s = ids[i] == 2 ? "Regular" : psname;

		for (; *s != '\0'; s++)
			put16(b, (unsigned char)*s);
	}
}

static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += rd32(p + i);
	if (i < len) {
		unsigned char w[4] = { 0 };

		memcpy(w, p + i, len - i);
		sum += rd32(w);
	}
	return sum;
}

/* The longest OS/2 table (version 5); anything after it is not ours to
 * copy. */
#define OS2_MAX 100

enum { T_OS2, T_CMAP, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP,
       T_NAME, T_POST, T_COUNT };

/* In tag order, as the table directory must be sorted. */
static const char *const TAGS[T_COUNT] = {
	"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp",
	"name", "post",
};

/* The glyphs of gs have been checked; `state` says which are GLYPH_BAD (only
 * ever .notdef, written empty). */
static void
write_tables(const struct letter_ttf *t, const struct glyphset *gs,
             const uint8_t *state, const uint32_t *cps, const uint16_t *gids,
             size_t ncp, const char *psname, GByteArray **tab)
{
	unsigned first = ncp ? cps[0] : 0, last = ncp ? cps[ncp - 1] : 0;
	uint32_t *loca = g_new0(uint32_t, gs->n + 1);
	unsigned char *p;

	/* glyf, remembering offsets for loca. */
	for (size_t i = 0; i < gs->n; i++) {
		const unsigned char *g;
		size_t len;

		loca[i] = tab[T_GLYF]->len;
		if (state[gs->old[i]] == GLYPH_BAD ||
		    !glyph_span(t, gs->old[i], &g, &len) || len == 0)
			continue;
		if (is_composite(g, len))
			composite_write(g, len, gs, tab[T_GLYF]);
		else
			simple_strip(g, len, tab[T_GLYF]);
		pad4(tab[T_GLYF]);
	}
	loca[gs->n] = tab[T_GLYF]->len;
	for (size_t i = 0; i <= gs->n; i++)
		put32(tab[T_LOCA], loca[i]);
	g_free(loca);

	for (size_t i = 0; i < gs->n; i++) {
		put16(tab[T_HMTX], advance_units(t, gs->old[i]));
		put16(tab[T_HMTX], (unsigned)left_bearing(t, gs->old[i]) & 0xFFFF);
	}

	put(tab[T_HEAD], t->head.p, 54);
	p = tab[T_HEAD]->data;
	set32(p + 8, 0);
	set16(p + 50, 1);
	put(tab[T_HHEA], t->hhea.p, 36);
	set16(tab[T_HHEA]->data + 34, (unsigned)gs->n);
	put(tab[T_MAXP], t->maxp.p, t->maxp.len >= 32 ? 32 : 6);
	p = tab[T_MAXP]->data;
	set16(p + 4, (unsigned)gs->n);
	if (tab[T_MAXP]->len == 32)
		set16(p + 26, 0);
	put(tab[T_OS2], t->os2.p, t->os2.len < OS2_MAX ? t->os2.len : OS2_MAX);
	p = tab[T_OS2]->data;
	set16(p + 64, first);
	set16(p + 66, last);
	put32(tab[T_POST], 0x00030000);
	put(tab[T_POST], t->post.p + 4, 12);
	put(tab[T_POST], (const unsigned char[16]){ 0 }, 16);
	write_cmap(tab[T_CMAP], cps, gids, ncp);
	put_name(tab[T_NAME], psname);
}

/* The font file: the table directory, then the tables of write_tables,
 * with head's checksum adjustment over the whole.  Returns its bytes (*len_r
 * of them; free with g_free). */
static unsigned char *
write_font(const struct letter_ttf *t, const struct glyphset *gs,
           const uint8_t *state, const uint32_t *cps, const uint16_t *gids,
           size_t ncp, const char *psname, size_t *len_r)
{
	GByteArray *tab[T_COUNT], *out = g_byte_array_new();
	uint32_t off = 12 + 16 * T_COUNT;
	size_t head_at = 0;

	for (size_t i = 0; i < T_COUNT; i++)
		tab[i] = g_byte_array_new();
	write_tables(t, gs, state, cps, gids, ncp, psname, tab);
	put32(out, 0x00010000);
	put16(out, T_COUNT);
	put16(out, 128);        /* searchRange: 16 * 2^floor(log2 10) */
	put16(out, 3);
	put16(out, T_COUNT * 16 - 128);
	for (size_t i = 0; i < T_COUNT; i++) {
		put(out, TAGS[i], 4);
		put32(out, checksum(tab[i]->data, tab[i]->len));
		put32(out, off);
		put32(out, tab[i]->len);
		off += (tab[i]->len + 3) & ~3u;
	}
	for (size_t i = 0; i < T_COUNT; i++) {
		if (i == T_HEAD)
			head_at = out->len;
		put(out, tab[i]->data, tab[i]->len);
		pad4(out);
		g_byte_array_free(tab[i], TRUE);
	}
	set32(out->data + head_at + 8, 0xB1B0AFBAu - checksum(out->data, out->len));
	*len_r = out->len;
	return g_byte_array_free(out, FALSE);
}

int
letter_ttf_subset(const struct letter_ttf *ttf, const uint32_t *cps_in,
                  size_t n, const char *psname, unsigned char **data_r,
                  size_t *len_r, struct ogi_error *err)
{
	struct glyphset gs = { 0 };
	struct checker chk = { ttf, NULL, MAX_COMPONENTS };
	uint32_t *cps;
	uint16_t *gids;
	size_t ncp = 0, glyf_len = 0, i;
	int ret = -1;

	if (psname == NULL || psname[0] == '\0' || strlen(psname) > 63) {
		error_set(err, "subset font name must be 1..63 characters");
		return -1;
	}
	cps = g_new(uint32_t, n ? n : 1);
	gids = g_new(uint16_t, n ? n : 1);
	gs.old = g_new(unsigned, ttf->n_glyphs + 1);
	gs.new_of = g_new0(uint16_t, ttf->n_glyphs);
	chk.state = g_new0(uint8_t, ttf->n_glyphs);
	memcpy(cps, cps_in, n * sizeof(*cps));
	qsort(cps, n, sizeof(*cps), cmp_u32);
	gs.old[gs.n++] = 0;
	for (i = 0; i < n; i++) {
		unsigned g;

		if (ncp > 0 && cps[i] == cps[ncp - 1])
			continue;
		g = letter_ttf_glyph(ttf, cps[i]);
		if (g == 0) {
			error_set(err, "U+%04X is not in font %s", (unsigned)cps[i],
			          ttf->psname);
			goto out;
		}
		switch (glyph_ok(&chk, g)) {
		case CHECK_BUDGET:
			goto budget;
		case CHECK_BAD:
			error_set(err, "U+%04X: glyph %u of font %s is malformed",
			          (unsigned)cps[i], g, ttf->psname);
			goto out;
		}
		cps[ncp] = cps[i];
		gids[ncp++] = (uint16_t)glyphset_add(&gs, g);
	}
	if (16 + 8 * (ncp + 1) > 0xFFFF) {
		error_set(err, "%zu distinct characters: more than a cmap holds",
		          ncp);
		goto out;
	}
	/* .notdef is never drawn: a malformed one is written empty. */
	if (glyph_ok(&chk, 0) == CHECK_BUDGET)
		goto budget;
	/* The components of a checked composite are checked glyphs; they may
	 * be composites themselves: the set grows as it is walked. */
	for (i = 0; i < gs.n; i++) {
		const unsigned char *g;
		size_t len;
		struct components it;
		struct component comp;

		if (chk.state[gs.old[i]] == GLYPH_BAD)
			continue;
		glyph_span(ttf, gs.old[i], &g, &len);
		if (len > MAX_GLYF - glyf_len) {
			error_set(err, "font %s: the glyphs of %zu characters "
			          "exceed %u bytes", ttf->psname, ncp, MAX_GLYF);
			goto out;
		}
		glyf_len += len;
		if (!is_composite(g, len))
			continue;
		for (it = components_of(g, len); component_next(&it, &comp);)
			glyphset_add(&gs, comp.gid);
	}

	*data_r = write_font(ttf, &gs, chk.state, cps, gids, ncp, psname, len_r);
	ret = 0;
	goto out;
budget:
	error_set(err, "font %s: composite glyphs with more than %d components "
	          "in all", ttf->psname, MAX_COMPONENTS);
out:
	g_free(cps);
	g_free(gids);
	g_free(gs.old);
	g_free(gs.new_of);
	g_free(chk.state);
	return ret;
}
