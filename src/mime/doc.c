/* Word 97-2003 .doc text.  libgsf opens the OLE2 compound file over the
 * attachment's own bytes; the Word structures inside are read here, after
 * [MS-DOC]: the FIB at the start of the WordDocument stream, the piece
 * table (CLX) in the 0Table or 1Table stream it names, and the paragraph
 * properties (PlcBtePapx and its FKP pages) that tell a table cell's mark
 * from a row's end.  Every offset, length and count is the sender's claim
 * and is checked against the stream it points into before it is used. */
#include "mime/mime.h"
#include "mime/mime-private.h"

#include <stdint.h>
#include <string.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>

/* FibBase ([MS-DOC] 2.5.2). */
#define FIB_IDENT 0xA5EC
/* Word 6 and 95 (nFib 101-105) wrote another FIB and no Unicode pieces;
 * Word 97's beta already wrote 0xC0. */
#define FIB_NFIB_WORD97 0x00C0
#define FIB_BASE_LEN 32
#define FIB_FLAGS_OFF 0x0A
#define FIB_F_ENCRYPTED 0x0100
#define FIB_F_WHICH_TBL 0x0200

/* Indices into FibRgLw97: the character counts of the stories, which
 * follow each other in CP space in this order (ccpMcr is unused). */
enum {
	LW_CCP_TEXT = 3, LW_CCP_FTN, LW_CCP_HDD, LW_CCP_MCR, LW_CCP_ATN,
	LW_CCP_EDN, LW_CCP_TXBX, LW_COUNT
};

/* Indices of (fc, lcb) pairs in FibRgFcLcb97. */
#define FCLCB_BTE_PAPX 13
#define FCLCB_CLX 33

/* Clx ([MS-DOC] 2.9.38): Prc entries, then one Pcdt. */
#define CLXT_PRC 0x01
#define CLXT_PCDT 0x02
#define PCD_LEN 8
#define PCD_FC_OFF 2
#define FC_COMPRESSED 0x40000000u
#define FC_MASK 0x3FFFFFFFu

/* PapxFkp pages ([MS-DOC] 2.9.175). */
#define FKP_PAGE 512
#define FKP_CRUN_OFF 511
#define BX_PAP_LEN 13
#define PN_MASK 0x3FFFFFu

/* Paragraph sprms ([MS-DOC] 2.6.2) and the two whose operand size is not
 * in the sprm's spra bits the usual way. */
#define SPRM_P_IN_TABLE 0x2416
#define SPRM_P_TTP 0x2417
#define SPRM_P_INNER_TTP 0x244C
#define SPRM_P_ITAP 0x6649
#define SPRM_P_CHG_TABS 0xC615
#define SPRM_T_DEF_TABLE 0xD608
#define SPRA_VARIABLE 6
#define CHG_TABS_LONG 255

/* A piece table may name each byte of WordDocument once: Word never
 * writes two pieces over the same bytes, and a hostile table that did
 * would multiply a small file's text.  (UTF-16 pieces need two bytes a
 * character, so real text stays well under this.) */
#define DOC_CHARS_PER_STREAM_BYTE 1

/* What a mark or control character may become: the full-width colon
 * between a label and its value is the longest. */
#define MARK_BYTES_MAX (sizeof("：") - 1)

/* Field characters ([MS-DOC] 2.8.25): begin, separator, end. */
#define CH_FIELD_BEGIN 0x13
#define CH_FIELD_SEP 0x14
#define CH_FIELD_END 0x15
#define CH_CELL 0x07
#define CH_PARA 0x0D

/* [MS-DOC] 2.9.73: the bytes of a compressed piece are Latin-1 except
 * these, which are Windows-1252's. */
static const struct {
	guint8 byte;
	gunichar u;
} cp1252_map[] = {
	{ 0x82, 0x201A }, { 0x83, 0x0192 }, { 0x84, 0x201E }, { 0x85, 0x2026 },
	{ 0x86, 0x2020 }, { 0x87, 0x2021 }, { 0x88, 0x02C6 }, { 0x89, 0x2030 },
	{ 0x8A, 0x0160 }, { 0x8B, 0x2039 }, { 0x8C, 0x0152 }, { 0x91, 0x2018 },
	{ 0x92, 0x2019 }, { 0x93, 0x201C }, { 0x94, 0x201D }, { 0x95, 0x2022 },
	{ 0x96, 0x2013 }, { 0x97, 0x2014 }, { 0x98, 0x02DC }, { 0x99, 0x2122 },
	{ 0x9A, 0x0161 }, { 0x9B, 0x203A }, { 0x9C, 0x0153 }, { 0x9F, 0x0178 },
};

struct doc {
	const guint8 *word;   /* WordDocument stream */
	size_t word_len;
	const guint8 *table;  /* 0Table or 1Table */
	size_t table_len;
	const guint8 *bte;    /* PlcBtePapx in table, NULL when absent */
	size_t n_bte;
	const guint8 *plc;    /* PlcPcd in table */
	size_t n_pieces;
	guint32 ccp[LW_COUNT];
};

struct text {
	GString *out;        /* finished lines */
	GString *cell;       /* the paragraph or cell being read */
	GPtrArray *cells;    /* cells of the table row being read */
	GByteArray *fields;  /* one byte per open field: 1 once past its separator */
	guint code_levels;   /* open fields still in their code part */
	gunichar high;       /* a high surrogate waiting for its pair, or 0 */
	bool after_cell;     /* the last character was a cell mark */
	size_t produced;     /* UTF-8 bytes of visible text so far */
	size_t max_text;
};

struct papx {
	bool in_table;
	bool row_end;
};

static guint16
le16(const guint8 *p)
{
	return (guint16)(p[0] | p[1] << 8);
}

static guint32
le32(const guint8 *p)
{
	return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 |
	       (guint32)p[3] << 24;
}

/* Whether [off, off + n) lies within a stream of len bytes. */
static bool
in_stream(guint64 off, guint64 n, size_t len)
{
	return off <= len && n <= len - off;
}

/* --- paragraph properties ------------------------------------------------ */

/* Reads the table sprms of a grpprl into *p; stops at the first sprm
 * whose size cannot be known or that runs past the end. */
static void
papx_sprms(const guint8 *q, const guint8 *end, struct papx *p)
{
	while (end - q >= 2) {
		guint16 sprm = le16(q);
		size_t size;

		q += 2;
		switch (sprm >> 13) {
		case 0: case 1: size = 1; break;
		case 2: case 4: case 5: size = 2; break;
		case 3: size = 4; break;
		case 7: size = 3; break;
		default:
			if (q >= end)
				return;
			if (sprm == SPRM_T_DEF_TABLE) {
				if (end - q < 2 || le16(q) == 0)
					return;
				size = (size_t)le16(q) + 1;
			} else if (sprm == SPRM_P_CHG_TABS && q[0] == CHG_TABS_LONG) {
				return;
			} else {
				size = (size_t)q[0] + 1;
			}
		}
		if ((size_t)(end - q) < size)
			return;
		if (sprm == SPRM_P_IN_TABLE)
			p->in_table = q[0] != 0;
		else if (sprm == SPRM_P_ITAP)
			p->in_table = le32(q) != 0;
		else if (sprm == SPRM_P_TTP || sprm == SPRM_P_INNER_TTP)
			p->row_end = p->row_end || q[0] != 0;
		q += size;
	}
}

/* The properties of the paragraph whose mark is at byte fc of
 * WordDocument; false when the file does not say (no or broken PAPX). */
static bool
papx_at(const struct doc *d, guint64 fc, struct papx *p)
{
	const guint8 *page;
	size_t lo = 0, hi = d->n_bte, crun, j, off, n;
	guint64 pn;

	memset(p, 0, sizeof(*p));
	if (d->bte == NULL || fc < le32(d->bte) || fc >= le32(d->bte + 4 * d->n_bte))
		return false;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (le32(d->bte + 4 * mid) <= fc)
			lo = mid;
		else
			hi = mid;
	}
	pn = le32(d->bte + 4 * (d->n_bte + 1) + 4 * lo) & PN_MASK;
	if (!in_stream(pn * FKP_PAGE, FKP_PAGE, d->word_len))
		return false;
	page = d->word + pn * FKP_PAGE;
	crun = page[FKP_CRUN_OFF];
	if (crun == 0 || 4 * (crun + 1) + BX_PAP_LEN * crun > FKP_CRUN_OFF)
		return false;
	for (j = 0; j < crun; j++)
		if (le32(page + 4 * j) <= fc && fc < le32(page + 4 * (j + 1)))
			break;
	if (j == crun)
		return false;
	off = 2 * (size_t)page[4 * (crun + 1) + BX_PAP_LEN * j];
	if (off == 0)
		return true;
	if (off + 2 > FKP_CRUN_OFF)
		return false;
	/* PapxInFkp: cb counts 16-bit words, less the cb byte itself; a zero
	 * cb is followed by the real one. */
	if (page[off] != 0) {
		n = 2 * (size_t)page[off] - 1;
		off += 1;
	} else {
		n = 2 * (size_t)page[off + 1];
		off += 2;
	}
	if (n < 2 || off + n > FKP_CRUN_OFF)
		return false;
	/* The grpprl follows the paragraph's style index (istd). */
	papx_sprms(page + off + 2, page + off + n, p);
	return true;
}

/* --- text ---------------------------------------------------------------- */

static void
cell_end(struct text *t)
{
	g_strdelimit(t->cell->str, "\n\t", ' ');
	g_ptr_array_add(t->cells, g_strdup(t->cell->str));
	g_string_truncate(t->cell, 0);
}

static void
row_flush(struct text *t)
{
	if (t->cells->len > 0)
		mime_text_row(t->out, t->cells);
	g_ptr_array_set_size(t->cells, 0);
}

/* The end of a paragraph outside a table. */
static void
para_end(struct text *t)
{
	row_flush(t);
	g_string_append(t->out, t->cell->str);
	g_string_append_c(t->out, '\n');
	g_string_truncate(t->cell, 0);
}

/* The end of the main text or of the text boxes: what a missing final
 * mark left unfinished. */
static void
story_end(struct text *t)
{
	row_flush(t);
	if (t->cell->len > 0) {
		t->produced++;  /* the line end no mark paid for */
		para_end(t);
	}
}

/* A paragraph or cell mark at byte fc.  Without paragraph properties, a
 * row's end is told by its place: an empty paragraph right after a cell. */
static void
mark(const struct doc *d, struct text *t, gunichar c, guint64 fc)
{
	struct papx p;
	bool known = papx_at(d, fc, &p);

	if (c == CH_CELL) {
		bool end = known ? p.row_end :
			   t->after_cell && t->cell->len == 0 && t->cells->len > 0;

		if (!end || t->cell->len > 0)
			cell_end(t);
		if (end)
			row_flush(t);
		return;
	}
	if (known ? p.in_table : t->cells->len > 0)
		g_string_append_c(t->cell, ' ');
	else
		para_end(t);
}

/* Field characters: only a field's result is text, its code is not. */
static bool
field_char(struct text *t, gunichar c)
{
	guint8 *top = t->fields->len > 0 ? &t->fields->data[t->fields->len - 1] : NULL;
	guint8 zero = 0;

	switch (c) {
	case CH_FIELD_BEGIN:
		g_byte_array_append(t->fields, &zero, 1);
		t->code_levels++;
		return true;
	case CH_FIELD_SEP:
		if (top != NULL && *top == 0) {
			*top = 1;
			t->code_levels--;
		}
		return true;
	case CH_FIELD_END:
		if (top != NULL) {
			if (*top == 0)
				t->code_levels--;
			g_byte_array_set_size(t->fields, t->fields->len - 1);
		}
		return true;
	default:
		return false;
	}
}

/* One UTF-16 code unit (or mapped byte) of the text, at byte fc. */
static void
emit(const struct doc *d, struct text *t, gunichar u, guint64 fc)
{
	bool cell_mark = false;

	if (t->high != 0) {
		gunichar high = t->high;

		t->high = 0;
		if (u >= 0xDC00 && u <= 0xDFFF)
			u = 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00);
		else
			emit(d, t, 0xFFFD, fc);
	}
	if (u >= 0xD800 && u <= 0xDBFF) {
		t->high = u;
		return;
	}
	if (u >= 0xDC00 && u <= 0xDFFF)
		u = 0xFFFD;
	if (field_char(t, u) || t->code_levels > 0)
		return;
	t->produced += u < 0x20 ? MARK_BYTES_MAX : (size_t)g_unichar_to_utf8(u, NULL);
	switch (u) {
	case CH_CELL:
		cell_mark = true;
		/* fallthrough */
	case CH_PARA:
		mark(d, t, u, fc);
		break;
	case '\t':
		g_string_append_c(t->cell, '\t');
		break;
	case 0x0B: /* line break */
	case 0x0C: /* page or section break */
	case 0x0E: /* column break */
		g_string_append_c(t->cell, '\n');
		break;
	case 0x1E: /* non-breaking hyphen */
		g_string_append_c(t->cell, '-');
		break;
	default:
		/* Pictures, footnote and comment anchors, optional hyphens. */
		if (u >= 0x20 && (u < 0x7F || u >= 0xA0))
			g_string_append_unichar(t->cell, u);
	}
	t->after_cell = cell_mark;
}

static gunichar
compressed_char(guint8 b)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cp1252_map); i++)
		if (cp1252_map[i].byte == b)
			return cp1252_map[i].u;
	return b;
}

/* Characters [from, to) of the document, piece by piece. */
static bool
read_range(const struct doc *d, struct text *t, guint64 from, guint64 to,
	   size_t *chars_r, char **problem_r)
{
	for (size_t i = 0; i < d->n_pieces && from < to; i++) {
		guint64 cp0 = le32(d->plc + 4 * i), cp1 = le32(d->plc + 4 * (i + 1));
		guint32 fcc = le32(d->plc + 4 * (d->n_pieces + 1) + PCD_LEN * i + PCD_FC_OFF);
		bool compressed = (fcc & FC_COMPRESSED) != 0;
		guint64 lo = MAX(cp0, from), hi = MIN(cp1, to), unit = compressed ? 1 : 2;
		guint64 off = (compressed ? (fcc & FC_MASK) / 2 : (fcc & FC_MASK)) +
			      (lo - cp0) * unit;

		if (cp1 < cp0) {
			*problem_r = g_strdup(".doc attachment: piece table out of "
					      "order: text not read");
			return false;
		}
		if (lo >= hi)
			continue;
		if (!in_stream(off, (hi - lo) * unit, d->word_len)) {
			*problem_r = g_strdup(".doc attachment: a piece of text lies "
					      "past the end of WordDocument: text not read");
			return false;
		}
		*chars_r += hi - lo;
		if (*chars_r > d->word_len * DOC_CHARS_PER_STREAM_BYTE) {
			*problem_r = g_strdup(".doc attachment: the piece table names "
					      "more text than the file holds: text not read");
			return false;
		}
		for (guint64 k = lo - cp0; k < hi - cp0 && t->produced <= t->max_text; k++) {
			const guint8 *c = d->word + off + (k - (lo - cp0)) * unit;

			emit(d, t, compressed ? compressed_char(*c) : le16(c),
			     (guint64)(c - d->word));
		}
		if (t->produced > t->max_text) {
			*problem_r = g_strdup_printf(".doc attachment: text exceeds "
						     "%zu bytes: not read", t->max_text);
			return false;
		}
	}
	return true;
}

/* --- FIB and piece table ------------------------------------------------- */

/* Reads the FIB; on success fc/lcb of the Clx and PlcBtePapx and whether
 * the table stream is 1Table. */
static bool
fib_read(struct doc *d, guint32 clx_r[2], guint32 papx_r[2], bool *table1_r,
	 char **problem_r)
{
	const guint8 *w = d->word;
	size_t pos, n;
	guint16 flags;

	if (d->word_len < FIB_BASE_LEN + 2 || le16(w) != FIB_IDENT) {
		*problem_r = g_strdup(".doc attachment has no Word document header");
		return false;
	}
	if (le16(w + 2) < FIB_NFIB_WORD97) {
		*problem_r = g_strdup(".doc attachment is in the Word 6/95 format: "
				      "text not read");
		return false;
	}
	flags = le16(w + FIB_FLAGS_OFF);
	if (flags & FIB_F_ENCRYPTED) {
		*problem_r = g_strdup(".doc attachment is encrypted (password): "
				      "text not read");
		return false;
	}
	*table1_r = (flags & FIB_F_WHICH_TBL) != 0;
	/* csw 16-bit words, cslw 32-bit words, cbRgFcLcb (fc, lcb) pairs. */
	pos = FIB_BASE_LEN;
	n = le16(w + pos);
	pos += 2 + 2 * n;
	if (!in_stream(pos, 2, d->word_len) ||
	    (n = le16(w + pos)) < LW_COUNT || !in_stream(pos + 2, 4 * n, d->word_len))
		goto truncated;
	for (size_t i = 0; i < LW_COUNT; i++)
		d->ccp[i] = le32(w + pos + 2 + 4 * i);
	pos += 2 + 4 * n;
	if (!in_stream(pos, 2, d->word_len) ||
	    (n = le16(w + pos)) <= FCLCB_CLX || !in_stream(pos + 2, 8 * n, d->word_len))
		goto truncated;
	pos += 2;
	clx_r[0] = le32(w + pos + 8 * FCLCB_CLX);
	clx_r[1] = le32(w + pos + 8 * FCLCB_CLX + 4);
	papx_r[0] = le32(w + pos + 8 * FCLCB_BTE_PAPX);
	papx_r[1] = le32(w + pos + 8 * FCLCB_BTE_PAPX + 4);
	return true;
truncated:
	*problem_r = g_strdup(".doc attachment: Word document header truncated: "
			      "text not read");
	return false;
}

/* Finds the PlcPcd in the Clx at [fc, fc + lcb) of the table stream. */
static bool
clx_read(struct doc *d, guint32 fc, guint32 lcb, char **problem_r)
{
	const guint8 *p, *end;
	guint32 plc_len;

	if (lcb == 0 || !in_stream(fc, lcb, d->table_len))
		goto bad;
	p = d->table + fc;
	end = p + lcb;
	while (p < end && p[0] == CLXT_PRC) {
		gint16 cb;

		if (end - p < 3 || (cb = (gint16)le16(p + 1)) < 0 || end - p - 3 < cb)
			goto bad;
		p += 3 + cb;
	}
	if (end - p < 5 || p[0] != CLXT_PCDT)
		goto bad;
	plc_len = le32(p + 1);
	p += 5;
	/* n + 1 CPs and n Pcds. */
	if ((size_t)(end - p) < plc_len || plc_len < 4 + 4 + PCD_LEN ||
	    (plc_len - 4) % (4 + PCD_LEN) != 0)
		goto bad;
	d->plc = p;
	d->n_pieces = (plc_len - 4) / (4 + PCD_LEN);
	return true;
bad:
	*problem_r = g_strdup(".doc attachment: piece table (CLX) missing or "
			      "damaged: text not read");
	return false;
}

/* PlcBtePapx at [fc, fc + lcb): n + 1 FCs and n page numbers.  A broken
 * one leaves tables to be told by their marks alone. */
static void
bte_read(struct doc *d, guint32 fc, guint32 lcb)
{
	if (lcb >= 4 + 4 + 4 && (lcb - 4) % 8 == 0 && in_stream(fc, lcb, d->table_len)) {
		d->bte = d->table + fc;
		d->n_bte = (lcb - 4) / 8;
	}
}

/* --- container ----------------------------------------------------------- */

/* The log domain of libgsf's OLE2 reader, and the levels it uses to say
 * what is wrong with a file. */
#define GSF_MSOLE_LOG_DOMAIN "libgsf:msole"
#define GSF_COMPLAINTS (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | \
			G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION)

/* Stream name of ole, whole; NULL with *problem_r when missing, or larger
 * than the file holding it (a directory entry's size is the sender's). */
static guint8 *
stream_read(GsfInfile *ole, const char *name, size_t file_len, size_t *len_r,
	    char **problem_r)
{
	GsfInput *in = gsf_infile_child_by_name(ole, name);
	gsf_off_t size;
	guint8 *buf = NULL;

	if (in == NULL) {
		*problem_r = g_strdup_printf(".doc attachment has no readable %s stream: "
					     "text not read", name);
		return NULL;
	}
	size = gsf_input_size(in);
	if (size > 0 && (guint64)size <= file_len) {
		buf = g_malloc((gsize)size);
		if (gsf_input_read(in, (size_t)size, buf) == NULL)
			g_clear_pointer(&buf, g_free);
	}
	if (buf == NULL)
		*problem_r = g_strdup_printf(".doc attachment: %s stream empty or "
					     "unreadable: text not read", name);
	*len_r = buf != NULL ? (size_t)size : 0;
	g_object_unref(in);
	return buf;
}

static char *
doc_text(struct doc *d, size_t max_text, size_t *used_r, char **problem_r)
{
	struct text t = {
		.out = g_string_new(NULL),
		.cell = g_string_new(NULL),
		.cells = g_ptr_array_new_with_free_func(g_free),
		.fields = g_byte_array_new(),
		.max_text = max_text,
	};
	/* The main text, then the text boxes, which follow the footnote,
	 * header, comment and endnote stories. */
	guint64 txbx = (guint64)d->ccp[LW_CCP_TEXT] + d->ccp[LW_CCP_FTN] +
		       d->ccp[LW_CCP_HDD] + d->ccp[LW_CCP_ATN] + d->ccp[LW_CCP_EDN];
	size_t chars = 0;
	bool ok = read_range(d, &t, 0, d->ccp[LW_CCP_TEXT], &chars, problem_r);
	char *res = NULL;

	if (ok) {
		story_end(&t);
		ok = read_range(d, &t, txbx, txbx + d->ccp[LW_CCP_TXBX], &chars,
				problem_r);
	}
	*used_r += t.produced;
	if (ok) {
		story_end(&t);
		g_strstrip(t.out->str);
		if (t.out->str[0] != '\0')
			res = g_strdup(t.out->str);
		else
			*problem_r = g_strdup(".doc attachment has no text");
	}
	g_string_free(t.out, TRUE);
	g_string_free(t.cell, TRUE);
	g_ptr_array_free(t.cells, TRUE);
	g_byte_array_unref(t.fields);
	return res;
}

/* [MS-CFB] 2.2 and 2.6: the header's sector size and first directory
 * sector; the root entry's sibling links, which must be empty. */
#define CFB_HEADER_LEN 512
#define CFB_SECTOR_SHIFT_OFF 30
#define CFB_SECTOR_SHIFT_MAX 12
#define CFB_FIRST_DIR_OFF 48
#define CFB_DIRENT_LEN 128
#define CFB_DIRENT_SIBLINGS_OFF 68
#define CFB_NO_STREAM 0xFFFFFFFFu

/* libgsf 1.14.50 reads a root entry with siblings, as no writer makes
 * them, into entries it never frees: such a file is refused before it. */
static bool
cfb_root_alone(const guint8 *f, size_t len)
{
	guint16 shift;
	guint64 root;

	if (len < CFB_HEADER_LEN)
		return false;
	shift = le16(f + CFB_SECTOR_SHIFT_OFF);
	if (shift > CFB_SECTOR_SHIFT_MAX)
		return false;
	root = MAX(CFB_HEADER_LEN, (guint64)1 << shift) +
	       ((guint64)le32(f + CFB_FIRST_DIR_OFF) << shift);
	return in_stream(root, CFB_DIRENT_LEN, len) &&
	       le32(f + root + CFB_DIRENT_SIBLINGS_OFF) == CFB_NO_STREAM &&
	       le32(f + root + CFB_DIRENT_SIBLINGS_OFF + 4) == CFB_NO_STREAM;
}

static void
gsf_complaint(const gchar *domain, GLogLevelFlags level, const gchar *msg,
	      gpointer count)
{
	(void)domain;
	(void)level;
	(void)msg;
	(*(unsigned *)count)++;
}

/* The WordDocument and table streams of the OLE2 file in data (freed by
 * the caller), the FIB's Clx and PlcBtePapx places; false with *problem_r
 * set when they cannot be had.  *complaints_r counts what libgsf found
 * wrong with the container on the way. */
static bool
ole_read(const void *data, size_t len, struct doc *d, guint32 clx_r[2],
	 guint32 papx_r[2], unsigned *complaints_r, char **problem_r)
{
	/* libgsf reports a damaged file with g_warning (in its msole domain
	 * and the default one) and g_return_val_if_fail: the sender's damage,
	 * not a bug here.  While it reads, those are counted, not logged;
	 * the default domain's criticals still reach the log. */
	guint h_msole = g_log_set_handler(GSF_MSOLE_LOG_DOMAIN, GSF_COMPLAINTS |
					  G_LOG_LEVEL_CRITICAL, gsf_complaint,
					  complaints_r);
	guint h_default = g_log_set_handler(NULL, GSF_COMPLAINTS, gsf_complaint,
					    complaints_r);
	GsfInput *in = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
	GError *gerr = NULL;
	GsfInfile *ole = cfb_root_alone(data, len) ?
			 gsf_infile_msole_new(in, &gerr) : NULL;
	bool table1;

	g_object_unref(in);
	g_clear_error(&gerr);
	if (ole == NULL)
		*problem_r = g_strdup(".doc attachment is not a readable Word "
				      "97-2003 file (OLE2)");
	else if ((d->word = stream_read(ole, "WordDocument", len, &d->word_len,
					problem_r)) != NULL &&
		 fib_read(d, clx_r, papx_r, &table1, problem_r))
		d->table = stream_read(ole, table1 ? "1Table" : "0Table", len,
				       &d->table_len, problem_r);
	if (ole != NULL)
		g_object_unref(ole);
	g_log_remove_handler(NULL, h_default);
	g_log_remove_handler(GSF_MSOLE_LOG_DOMAIN, h_msole);
	return d->table != NULL;
}

char *
mime_doc_text(const void *data, size_t len, size_t max_text, size_t *used_r,
	      char **problem_r)
{
	struct doc d = { 0 };
	guint32 clx[2] = { 0 }, papx[2] = { 0 };
	unsigned complaints = 0;
	char *res = NULL;

	*problem_r = NULL;
	/* Saved as .docx or RTF and named .doc: WPS and web forms do both. */
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		return mime_docx_text(data, len, max_text, used_r, problem_r);
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0) {
		*problem_r = g_strdup(".doc attachment is RTF: text not read");
		return NULL;
	}
	if (len == 0)
		return NULL;
	if (ole_read(data, len, &d, clx, papx, &complaints, problem_r) &&
	    clx_read(&d, clx[0], clx[1], problem_r)) {
		bte_read(&d, papx[0], papx[1]);
		res = doc_text(&d, max_text, used_r, problem_r);
		if (res != NULL && complaints > 0)
			*problem_r = g_strdup(".doc attachment: the OLE2 container "
					      "is damaged: text may be incomplete");
	}
	g_free((guint8 *)d.word);
	g_free((guint8 *)d.table);
	return res;
}
