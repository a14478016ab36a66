/* Word 97-2003 .doc text (doc.c): files built here with libgsf's OLE2
 * writer -- a FIB, a piece table of 8-bit and UTF-16 pieces, paragraph
 * properties for tables -- read back as text; hostile variants of them
 * give no text and a problem line; and a .doc attachment through
 * mime_parse().
 *
 * OGI_DOC_SEEDS=DIR ./tests/unit/test_doc also writes each well-formed
 * file to DIR (how fuzz/seeds/doc was made). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>

#include "mime/mime.h"
#include "mime/mime-private.h"

/* --- building .doc files ------------------------------------------------- */

/* Where the builder puts things. */
#define TEXT_OFF 1024           /* text after the FIB, in WordDocument */
#define FKP_PAGE 512
#define PAPX_CELL_OFF 0x1C0     /* the two PAPX in the FKP page */
#define PAPX_ROW_END_OFF 0x1E0
#define MAX_MARKS 20            /* paragraphs one FKP page of the builder holds */
#define BTE_OFF 0               /* PlcBtePapx in the table stream */
#define CLX_OFF 64              /* Clx in the table stream: one Prc, then */
#define PCDT_OFF (CLX_OFF + 5)  /* the Pcdt */
#define PLC_OFF (PCDT_OFF + 5)  /* its CPs, then its Pcds */
#define NO_BUDGET ((size_t)1 << 30)

/* FIB offsets ([MS-DOC] 2.5). */
#define FIB_NFIB 0x02
#define FIB_FLAGS 0x0A
#define FIB_CSW 0x20
#define FIB_CSLW 0x3E
#define FIB_CCP_TEXT 0x4C
#define FIB_CCP_TXBX 0x64
#define FIB_CB_FCLCB 0x98
#define FIB_FC_BTE_PAPX 0x102
#define FIB_FC_CLX 0x1A2
#define FIB_NFIB_97 0xC1
#define FIB_TABLE1 0x0200

#define MAX_PIECES 4

struct piece {
	bool compressed;   /* text is raw 8-bit bytes; else UTF-8 stored as UTF-16 */
	const char *text;
};

struct doc_spec {
	struct piece pieces[MAX_PIECES];
	unsigned main_pieces;  /* pieces of the main text (0: all); the rest
	                          are the text-box story */
	const char *props;     /* one letter per paragraph or cell mark: p
	                          paragraph, t in a table, r row end; NULL: no
	                          paragraph properties at all */
	bool table0;           /* 0Table rather than 1Table */
};

struct built {
	GByteArray *word;
	GByteArray *table;
	guint32 n_pieces;
};

static void
put16(GByteArray *a, size_t off, guint32 v)
{
	assert_true(off + 2 <= a->len);
	a->data[off] = (guint8)v;
	a->data[off + 1] = (guint8)(v >> 8);
}

static void
put32(GByteArray *a, size_t off, guint32 v)
{
	put16(a, off, v & 0xFFFF);
	put16(a, off + 2, v >> 16);
}

static void
grow(GByteArray *a, size_t len)
{
	size_t old = a->len;

	if (len > old) {
		g_byte_array_set_size(a, (guint)len);
		memset(a->data + old, 0, len - old);
	}
}

/* A Clx (one Prc, then the piece table) at CLX_OFF of table, and the FIB's
 * fcClx/lcbClx pointing at it. */
static void
clx_write(struct built *b, const guint32 *cps, const guint32 *fcs, guint32 n)
{
	guint32 plc = 4 * (n + 1) + 8 * n;

	grow(b->table, PLC_OFF + plc);
	b->table->data[CLX_OFF] = 0x01;
	put16(b->table, CLX_OFF + 1, 2);
	b->table->data[PCDT_OFF] = 0x02;
	put32(b->table, PCDT_OFF + 1, plc);
	for (guint32 i = 0; i <= n; i++)
		put32(b->table, PLC_OFF + 4 * i, cps[i]);
	for (guint32 i = 0; i < n; i++)
		put32(b->table, PLC_OFF + 4 * (n + 1) + 8 * i + 2, fcs[i]);
	put32(b->word, FIB_FC_CLX, CLX_OFF);
	put32(b->word, FIB_FC_CLX + 4, PLC_OFF + plc - CLX_OFF);
	b->n_pieces = n;
}

/* One FKP page holding a PAPX per paragraph, and the PlcBtePapx. */
static void
papx_write(struct built *b, const guint32 *mark_ends, size_t n, const char *props)
{
	/* In a cell: istd, sprmPItap 1 (cb 0, then the real count). */
	static const guint8 cell[] = { 0, 4, 0, 0, 0x49, 0x66, 1, 0, 0, 0 };
	/* A row's end: istd, sprmPFInTable, sprmTDefTable (variable length,
	 * skipped), sprmPFTtp. */
	static const guint8 row_end[] = { 9, 0, 0, 0x16, 0x24, 1,
		0x08, 0xD6, 6, 0, 1, 2, 3, 4, 5, 0x17, 0x24, 1 };
	size_t page = (b->word->len + FKP_PAGE - 1) / FKP_PAGE * FKP_PAGE;
	guint8 *p;

	assert_true(n > 0 && n <= MAX_MARKS);
	assert_int_equal(strlen(props), n);
	grow(b->word, page + FKP_PAGE);
	p = b->word->data + page;
	memcpy(p + PAPX_CELL_OFF, cell, sizeof(cell));
	memcpy(p + PAPX_ROW_END_OFF, row_end, sizeof(row_end));
	p[FKP_PAGE - 1] = (guint8)n;
	put32(b->word, page, TEXT_OFF);
	for (size_t i = 0; i < n; i++) {
		put32(b->word, page + 4 * (i + 1), mark_ends[i]);
		p[4 * (n + 1) + 13 * i] = props[i] == 't' ? PAPX_CELL_OFF / 2 :
					  props[i] == 'r' ? PAPX_ROW_END_OFF / 2 : 0;
	}
	grow(b->table, BTE_OFF + 12);
	put32(b->table, BTE_OFF, TEXT_OFF);
	put32(b->table, BTE_OFF + 4, mark_ends[n - 1]);
	put32(b->table, BTE_OFF + 8, (guint32)(page / FKP_PAGE));
	put32(b->word, FIB_FC_BTE_PAPX, BTE_OFF);
	put32(b->word, FIB_FC_BTE_PAPX + 4, 12);
}

static void
build(const struct doc_spec *s, struct built *b)
{
	guint32 cps[MAX_PIECES + 1] = { 0 }, fcs[MAX_PIECES], ends[MAX_MARKS];
	guint32 n = 0, cp = 0, main_cps = 0;
	size_t marks = 0;

	b->word = g_byte_array_new();
	b->table = g_byte_array_new();
	grow(b->word, TEXT_OFF);
	put16(b->word, 0, 0xA5EC);
	put16(b->word, FIB_NFIB, FIB_NFIB_97);
	put16(b->word, FIB_FLAGS, s->table0 ? 0 : FIB_TABLE1);
	put16(b->word, FIB_CSW, 14);
	put16(b->word, FIB_CSLW, 22);
	put16(b->word, FIB_CB_FCLCB, 93);
	for (; n < MAX_PIECES && s->pieces[n].text != NULL; n++) {
		const struct piece *pc = &s->pieces[n];
		size_t off = b->word->len, units;
		guint8 unit = pc->compressed ? 1 : 2;

		if (pc->compressed) {
			units = strlen(pc->text);
			g_byte_array_append(b->word, (const guint8 *)pc->text, (guint)units);
			fcs[n] = (guint32)(off * 2) | 0x40000000u;
		} else {
			glong len;
			gunichar2 *u = g_utf8_to_utf16(pc->text, -1, NULL, &len, NULL);

			assert_non_null(u);
			off += off % 2;
			units = (size_t)len;
			grow(b->word, off + 2 * units);
			for (size_t k = 0; k < units; k++)
				put16(b->word, off + 2 * k, u[k]);
			fcs[n] = (guint32)off;
			g_free(u);
		}
		for (size_t k = 0; k < units; k++) {
			guint16 c = unit == 1 ? b->word->data[off + k] :
				    (guint16)(b->word->data[off + 2 * k] |
					      b->word->data[off + 2 * k + 1] << 8);

			if ((c == '\r' || c == 0x07) && s->props != NULL) {
				assert_true(marks < MAX_MARKS);
				ends[marks++] = (guint32)(off + unit * (k + 1));
			}
		}
		cp += (guint32)units;
		cps[n + 1] = cp;
		if (s->main_pieces == 0 || n < s->main_pieces)
			main_cps = cp;
	}
	put32(b->word, FIB_CCP_TEXT, main_cps);
	put32(b->word, FIB_CCP_TXBX, cp - main_cps);
	if (s->props != NULL)
		papx_write(b, ends, marks, s->props);
	clx_write(b, cps, fcs, n);
}

static void
built_free(struct built *b)
{
	g_byte_array_unref(b->word);
	g_byte_array_unref(b->table);
}

struct stream {
	const char *name;
	const GByteArray *data;
};

/* An OLE2 compound file holding the streams (those with data). */
static guint8 *
ole_pack(const struct stream *st, size_t n, size_t *len_r)
{
	GsfOutput *mem = gsf_output_memory_new();
	GsfOutfile *ole = gsf_outfile_msole_new(mem);
	guint8 *res;

	assert_non_null(ole);
	for (size_t i = 0; i < n; i++) {
		GsfOutput *child;

		if (st[i].data == NULL)
			continue;
		child = gsf_outfile_new_child(ole, st[i].name, FALSE);
		assert_true(gsf_output_write(child, st[i].data->len, st[i].data->data));
		assert_true(gsf_output_close(child));
		g_object_unref(child);
	}
	assert_true(gsf_output_close(GSF_OUTPUT(ole)));
	g_object_unref(ole);
	*len_r = (size_t)gsf_output_size(mem);
	res = g_memdup2(gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)), *len_r);
	g_object_unref(mem);
	return res;
}

static guint8 *
doc_file(const struct doc_spec *s, size_t *len_r)
{
	struct built b;
	guint8 *res;

	build(s, &b);
	res = ole_pack((const struct stream[]){
		{ "WordDocument", b.word },
		{ s->table0 ? "0Table" : "1Table", b.table },
	}, 2, len_r);
	built_free(&b);
	return res;
}

/* Runs the reader; checks the contract every answer keeps. */
static char *
read_doc(const void *data, size_t len, size_t max_text, char **problem_r)
{
	size_t used = 0;
	char *text = mime_doc_text(data, len, max_text, &used, problem_r);

	if (text != NULL) {
		assert_true(g_utf8_validate(text, -1, NULL));
		assert_true(used >= strlen(text));
	}
	return text;
}

/* --- well-formed files --------------------------------------------------- */

#define U(s) { false, s }
#define B(s) { true, s }

static const struct {
	const char *what;
	struct doc_spec spec;
	const char *want;
} cases[] = {
	{ "8-bit paragraphs", { .pieces = { B("Name: Zhang San\rAddress:\r") } },
	  "Name: Zhang San\nAddress:" },
	{ "8-bit piece: the Windows-1252 bytes of [MS-DOC] 2.9.73, Latin-1 others",
	  { .pieces = { B("\x93quoted\x94 \x85 caf\xe9 \x80\r") } },
	  "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\xa6 caf\xc3\xa9" },
	{ "UTF-16 piece", { .pieces = { U("政府信息公开申请表\r申请人：韩雪\r") } },
	  "政府信息公开申请表\n申请人：韩雪" },
	{ "an 8-bit and a UTF-16 piece in one paragraph, a supplementary character",
	  { .pieces = { B("Name: "), U("张三 𠀀\r") } }, "Name: 张三 𠀀" },
	{ "table rows: cells, a cell of two paragraphs, an empty value",
	  { .pieces = { U("申请表\r姓名\a张三\a\a地址\a通辽市\r建国路\a\a联系电话\a\a\a完\r") },
	    .props = "pttrtttrttrp" },
	  "申请表\n姓名：张三\n地址：通辽市 建国路\n联系电话：\n完" },
	{ "table rows without paragraph properties: told by their marks",
	  { .pieces = { U("姓名\a张三\a\a"), B("Fax\a0475-1234567\a\a\aend\a\a") } },
	  "姓名：张三\nFax：0475-1234567\nend" },
	{ "fields: the result only, nested codes hidden, no result no text",
	  { .pieces = { U("电话：\x13 FORMTEXT \x14""13800000000\x15\r"
		"\x13 HYPERLINK \"\x13 REF a \x14x\x15\" \x14链接\x15\r"
		"第\x13 PAGE \x15页\r") } },
	  "电话：13800000000\n链接\n第页" },
	{ "controls: tab, line, page and column breaks, hyphens, anchors",
	  { .pieces = { B("a\tb\vc\x01\x08""d\x1e""e\x1f""f\fg\x0eh\x05\r") } },
	  "a\tb\ncd-ef\ng\nh" },
	{ "text boxes after the main text", { .pieces = { U("正文\r"), U("框内：文字\r") },
					       .main_pieces = 1 },
	  "正文\n框内：文字" },
	{ "stories without their final marks", { .pieces = { B("main"), B("box") },
						  .main_pieces = 1 },
	  "main\nbox" },
	{ "0Table named by the FIB", { .pieces = { B("table zero\r") }, .table0 = true },
	  "table zero" },
};

static void
seed_write(size_t i, const guint8 *data, size_t len)
{
	const char *dir = g_getenv("OGI_DOC_SEEDS");
	char *name, *path;

	if (dir == NULL)
		return;
	name = g_strdup_printf("case%02zu.doc", i);
	path = g_build_filename(dir, name, NULL);
	assert_true(g_file_set_contents(path, (const char *)data, (gssize)len, NULL));
	g_free(path);
	g_free(name);
}

static void
test_doc_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		size_t len;
		guint8 *data = doc_file(&cases[i].spec, &len);
		char *problem = NULL;
		char *text = read_doc(data, len, NO_BUDGET, &problem);

		if (text == NULL || strcmp(text, cases[i].want) != 0 || problem != NULL)
			fail_msg("%s: got \"%s\" (%s), want \"%s\"", cases[i].what,
				 text ? text : "(null)", problem ? problem : "no problem",
				 cases[i].want);
		seed_write(i, data, len);
		g_free(text);
		g_free(data);
	}
}

/* --- hostile files ------------------------------------------------------- */

enum where { IN_WORD, IN_TABLE };

#define PIECE0_FC (PLC_OFF + 4 * 3 + 2)  /* the base file's first Pcd's fc */
#define PIECE1_CP (PLC_OFF + 4)

static const struct doc_spec hostile_base = {
	.pieces = { U("姓名\a张三\a\a"), B("Address\aTongliao\a\a") },
	.props = "ttrttr",
};

static const struct {
	const char *what;
	enum where where;
	size_t off;             /* a field patched */
	unsigned width;         /* its width in bytes, 0: none */
	guint32 value;
	size_t word_cut;        /* WordDocument cut to this length */
	const char *omit;       /* a stream left out */
	size_t max_text;        /* the text budget, 0: plenty */
	const char *problem;    /* NULL: the text below */
	const char *want;
} hostile[] = {
	{ "unchanged", .want = "姓名：张三\nAddress：Tongliao" },
	{ "FIB cut short", .word_cut = 200, .problem = "header truncated" },
	{ "FIB cut inside FibBase", .word_cut = 20, .problem = "no Word document header" },
	{ "not a FIB", IN_WORD, 0, 2, 0x1234, .problem = "no Word document header" },
	{ "Word 95", IN_WORD, FIB_NFIB, 2, 0x68, .problem = "Word 6/95" },
	{ "encrypted", IN_WORD, FIB_FLAGS, 2, 0x0300, .problem = "encrypted" },
	{ "csw past the FIB", IN_WORD, FIB_CSW, 2, 0xFFFF, .problem = "truncated" },
	{ "cslw too small", IN_WORD, FIB_CSLW, 2, 3, .problem = "truncated" },
	{ "cbRgFcLcb past the FIB", IN_WORD, FIB_CB_FCLCB, 2, 0xFFFF,
	  .problem = "truncated" },
	{ "cbRgFcLcb without the Clx", IN_WORD, FIB_CB_FCLCB, 2, 33,
	  .problem = "truncated" },
	{ "fcClx past 1Table", IN_WORD, FIB_FC_CLX, 4, 100000, .problem = "(CLX)" },
	{ "lcbClx huge", IN_WORD, FIB_FC_CLX + 4, 4, 0xFFFFFFF0, .problem = "(CLX)" },
	{ "lcbClx zero", IN_WORD, FIB_FC_CLX + 4, 4, 0, .problem = "(CLX)" },
	{ "Prc size negative", IN_TABLE, CLX_OFF + 1, 2, 0x8000, .problem = "(CLX)" },
	{ "Prc past the Clx", IN_TABLE, CLX_OFF + 1, 2, 0x7FFF, .problem = "(CLX)" },
	{ "no Pcdt", IN_TABLE, PCDT_OFF, 1, 0x03, .problem = "(CLX)" },
	{ "PlcPcd size huge", IN_TABLE, PCDT_OFF + 1, 4, 0x7FFFFFFF, .problem = "(CLX)" },
	{ "PlcPcd size not a whole table", IN_TABLE, PCDT_OFF + 1, 4, 27,
	  .problem = "(CLX)" },
	{ "piece past WordDocument", IN_TABLE, PIECE0_FC, 4, 0x3FFFFF00,
	  .problem = "past the end" },
	{ "8-bit piece past WordDocument", IN_TABLE, PIECE0_FC, 4, 0x7FFFFF00,
	  .problem = "past the end" },
	{ "piece CPs out of order", IN_TABLE, PIECE1_CP, 4, 0xFFFFFFF0,
	  .problem = "out of order" },
	{ "ccpText past the pieces: the pieces' text", IN_WORD, FIB_CCP_TEXT, 4,
	  0xFFFFFFFF, .want = "姓名：张三\nAddress：Tongliao" },
	{ "no text", IN_WORD, FIB_CCP_TEXT, 4, 0, .problem = "has no text" },
	{ "PAPX page past WordDocument: rows told by their marks", IN_TABLE,
	  BTE_OFF + 8, 4, 0x3FFFFF, .want = "姓名：张三\nAddress：Tongliao" },
	{ "PlcBtePapx past 1Table", IN_WORD, FIB_FC_BTE_PAPX, 4, 0xFFFFFF00,
	  .want = "姓名：张三\nAddress：Tongliao" },
	{ "no WordDocument stream", .omit = "WordDocument",
	  .problem = "no readable WordDocument stream" },
	{ "no 1Table stream", .omit = "1Table", .problem = "no readable 1Table stream" },
	{ "text over the budget", .max_text = 8, .problem = "exceeds 8 bytes" },
};

static void
test_doc_hostile(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(hostile); i++) {
		struct built b;
		GByteArray *a;
		size_t len;
		guint8 *data;
		char *problem = NULL, *text;

		build(&hostile_base, &b);
		a = hostile[i].where == IN_WORD ? b.word : b.table;
		for (unsigned k = 0; k < hostile[i].width; k++)
			a->data[hostile[i].off + k] = (guint8)(hostile[i].value >> (8 * k));
		if (hostile[i].word_cut != 0)
			g_byte_array_set_size(b.word, (guint)hostile[i].word_cut);
		data = ole_pack((const struct stream[]){
			{ "WordDocument", g_strcmp0(hostile[i].omit, "WordDocument") ? b.word : NULL },
			{ "1Table", g_strcmp0(hostile[i].omit, "1Table") ? b.table : NULL },
			{ "Data", b.table },
		}, 3, &len);
		text = read_doc(data, len, hostile[i].max_text ? hostile[i].max_text :
					   NO_BUDGET, &problem);
		if (hostile[i].problem != NULL ?
		    text != NULL || problem == NULL || !strstr(problem, hostile[i].problem) :
		    text == NULL || strcmp(text, hostile[i].want) != 0 || problem != NULL)
			fail_msg("%s: got \"%s\" (%s)", hostile[i].what,
				 text ? text : "(null)", problem ? problem : "no problem");
		g_free(text);
		g_free(problem);
		g_free(data);
		built_free(&b);
	}
}

/* Pieces that all name the same bytes: more text than the file holds. */
static void
test_doc_overlapping_pieces(void **state)
{
	static const struct doc_spec spec = { .pieces = { B("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r") } };
	struct built b;
	guint32 cps[MAX_PIECES + 1], fcs[MAX_PIECES];
	size_t len;
	guint8 *data;
	char *problem = NULL;

	(void)state;
	build(&spec, &b);
	for (guint32 i = 0; i < MAX_PIECES; i++)
		fcs[i] = (TEXT_OFF * 2) | 0x40000000u;
	for (guint32 i = 0; i <= MAX_PIECES; i++)
		cps[i] = i * (guint32)(b.word->len / 2);
	clx_write(&b, cps, fcs, MAX_PIECES);
	put32(b.word, FIB_CCP_TEXT, cps[MAX_PIECES]);
	/* Each piece stays within the stream, as a check per piece wants. */
	grow(b.word, TEXT_OFF + cps[1]);
	data = ole_pack((const struct stream[]){ { "WordDocument", b.word },
						 { "1Table", b.table } }, 2, &len);
	assert_null(read_doc(data, len, NO_BUDGET, &problem));
	assert_non_null(problem);
	assert_non_null(strstr(problem, "more text than the file holds"));
	g_free(problem);
	g_free(data);
	built_free(&b);
}

/* OLE2 compound file header fields and directory entries ([MS-CFB] 2.2). */
#define CFB_SECTOR_SHIFT 30
#define CFB_FIRST_DIR 48
#define CFB_DIFAT 76
#define CFB_HEADER 512
#define CFB_DIRENT 128
#define DIRENT_NAME_LEN 64
#define DIRENT_RIGHT_SIBLING 72
#define DIRENT_START 116
#define DIRENT_SIZE 120
#define CFB_END_OF_CHAIN 0xFFFFFFFEu

static guint32
get32(const guint8 *p)
{
	return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 |
	       (guint32)p[3] << 24;
}

static size_t
sector_off(const guint8 *f, guint32 sector)
{
	return CFB_HEADER + ((size_t)sector << (f[CFB_SECTOR_SHIFT] | f[CFB_SECTOR_SHIFT + 1] << 8));
}

/* The offset in f of the directory entry named name. */
static size_t
dirent_off(const guint8 *f, size_t len, const char *name)
{
	size_t dir = sector_off(f, get32(f + CFB_FIRST_DIR));
	glong n;
	gunichar2 *want = g_utf8_to_utf16(name, -1, NULL, &n, NULL);

	for (size_t e = dir; e + CFB_DIRENT <= len; e += CFB_DIRENT) {
		if (f[e + DIRENT_NAME_LEN] == 2 * (n + 1) &&
		    memcmp(f + e, want, 2 * (size_t)n) == 0) {
			g_free(want);
			return e;
		}
	}
	fail_msg("no directory entry %s", name);
	return 0;
}

static unsigned default_log_count;

static void
default_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
	    gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
	default_log_count++;
}

/* A damaged container: what libgsf reads of it, or a problem line, and
 * what it had to say about the damage kept out of the log. */
static void
test_doc_damaged_container(void **state)
{
	enum field { ROOT_START, ROOT_SIBLING, WORD_SIZE, FAT_ENTRY1, ROOT_CHAIN_END };
	static const struct {
		const char *what;
		enum field field;
		guint32 value;
		const char *problem;
		const char *want;   /* text read all the same, or NULL */
	} damage[] = {
		{ "mini stream's chain starts past the file", ROOT_START, 0x50,
		  "no readable WordDocument stream", NULL },
		{ "a root entry with a sibling (libgsf would leak it)", ROOT_SIBLING, 1,
		  "not a readable Word 97-2003 file", NULL },
		{ "WordDocument larger than its chain", WORD_SIZE, 3000,
		  "no readable WordDocument stream", NULL },
		{ "WordDocument larger than the file", WORD_SIZE, 1 << 20,
		  "no readable WordDocument stream", NULL },
		{ "a FAT entry past the file", FAT_ENTRY1, 0x100, "not a readable", NULL },
		{ "a FAT chain looping to its start", FAT_ENTRY1, 0,
		  "no readable WordDocument stream", NULL },
		{ "the mini stream's chain not terminated: read, with a warning",
		  ROOT_CHAIN_END, 0, "container is damaged: text may be incomplete",
		  "姓名：张三\nAddress：Tongliao" },
	};
	size_t len;
	guint8 *good = doc_file(&hostile_base, &len);
	GLogFunc old = g_log_set_default_handler(default_log, NULL);

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(damage); i++) {
		guint8 *f = g_memdup2(good, len);
		size_t fat = sector_off(f, get32(f + CFB_DIFAT));
		size_t root = dirent_off(f, len, "Root Entry");
		size_t off = fat + 4;

		if (damage[i].field == ROOT_START)
			off = root + DIRENT_START;
		else if (damage[i].field == ROOT_SIBLING)
			off = root + DIRENT_RIGHT_SIBLING;
		else if (damage[i].field == WORD_SIZE)
			off = dirent_off(f, len, "WordDocument") + DIRENT_SIZE;
		else if (damage[i].field == ROOT_CHAIN_END)
			for (guint32 s = get32(f + root + DIRENT_START); s != CFB_END_OF_CHAIN;
			     s = get32(f + fat + 4 * s))
				off = fat + 4 * s;
		char *problem = NULL, *text;

		assert_true(off + 4 <= len);
		f[off] = (guint8)damage[i].value;
		f[off + 1] = (guint8)(damage[i].value >> 8);
		f[off + 2] = (guint8)(damage[i].value >> 16);
		f[off + 3] = (guint8)(damage[i].value >> 24);
		default_log_count = 0;
		text = read_doc(f, len, NO_BUDGET, &problem);
		if (g_strcmp0(text, damage[i].want) != 0 || problem == NULL ||
		    strstr(problem, damage[i].problem) == NULL || default_log_count != 0)
			fail_msg("%s: got \"%s\" (%s), %u lines logged", damage[i].what,
				 text ? text : "(null)", problem ? problem : "no problem",
				 default_log_count);
		g_free(text);
		g_free(problem);
		g_free(f);
	}
	g_log_set_default_handler(old, NULL);
	g_free(good);
}

/* What is not an OLE2 Word file at all, and a .docx or RTF named .doc. */
static void
test_doc_not_ole(void **state)
{
	static const struct {
		const char *data;
		const char *problem;
	} inputs[] = {
		{ "plain words, not a compound file", "not a readable Word 97-2003" },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 truncated header", "not a readable" },
		{ "{\\rtf1\\ansi hello}", "is RTF" },
	};
	static const char xml[] =
		"<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
		"wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>申请人：韩雪"
		"</w:t></w:r></w:p></w:body></w:document>";
	GsfOutput *mem = gsf_output_memory_new();
	GsfOutfile *zip = gsf_outfile_zip_new(mem, NULL), *dir;
	GsfOutput *entry;
	char *problem, *text;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
		problem = NULL;
		assert_null(read_doc(inputs[i].data, strlen(inputs[i].data), NO_BUDGET,
				     &problem));
		assert_non_null(problem);
		assert_non_null(strstr(problem, inputs[i].problem));
		g_free(problem);
	}

	assert_non_null(zip);
	dir = GSF_OUTFILE(gsf_outfile_new_child(zip, "word", TRUE));
	entry = gsf_outfile_new_child(dir, "document.xml", FALSE);
	assert_true(gsf_output_write(entry, sizeof(xml) - 1, (const guint8 *)xml));
	assert_true(gsf_output_close(entry));
	assert_true(gsf_output_close(GSF_OUTPUT(dir)));
	assert_true(gsf_output_close(GSF_OUTPUT(zip)));
	problem = NULL;
	text = read_doc(gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)),
			(size_t)gsf_output_size(mem), NO_BUDGET, &problem);
	assert_null(problem);
	assert_string_equal(text, "申请人：韩雪");
	g_free(text);
	g_object_unref(entry);
	g_object_unref(dir);
	g_object_unref(zip);
	g_object_unref(mem);
}

/* --- through mime_parse -------------------------------------------------- */

static void
test_doc_attachment(void **state)
{
	static const struct doc_spec spec = {
		.pieces = { U("政府信息公开申请表\r姓名\a韩雪\a\a获取方式\a电子邮件\a\a") },
		.props = "pttrttr",
	};
	static const struct {
		const char *type;
		const char *disposition;
		const char *filename;
	} ways[] = {
		{ "application/msword", "attachment; filename=\"form.doc\"", "form.doc" },
		{ "application/octet-stream",
		  "attachment; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.DOC",
		  "申请表.DOC" },
	};
	size_t len;
	guint8 *data = doc_file(&spec, &len);
	char *enc = g_base64_encode(data, len);

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(ways); i++) {
		char *raw = g_strdup_printf(
			"From: a@example.cn\r\nSubject: doc\r\nMIME-Version: 1.0\r\n"
			"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
			"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n见附件\r\n"
			"--XX\r\nContent-Type: %s\r\nContent-Disposition: %s\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--XX--\r\n",
			ways[i].type, ways[i].disposition, enc);
		struct config_limits lim;
		struct mime_message *msg = NULL;
		struct ogi_error err = { 0 };

		config_limits_default(&lim);
		assert_int_equal(mime_parse(raw, strlen(raw), &lim, &msg, &err), 0);
		assert_int_equal(msg->n_parts, 2);
		assert_string_equal(msg->parts[1].filename, ways[i].filename);
		assert_int_equal(msg->parts[1].role, MIME_PART_ATTACHMENT);
		assert_non_null(msg->parts[1].text);
		assert_string_equal(msg->parts[1].text,
				    "政府信息公开申请表\n姓名：韩雪\n获取方式：电子邮件");
		assert_int_equal(msg->parts[1].data_len, len);
		assert_int_equal(msg->n_problems, 0);
		mime_message_free(msg);
		g_free(raw);
	}
	g_free(enc);
	g_free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_text),
		cmocka_unit_test(test_doc_hostile),
		cmocka_unit_test(test_doc_overlapping_pieces),
		cmocka_unit_test(test_doc_damaged_container),
		cmocka_unit_test(test_doc_not_ole),
		cmocka_unit_test(test_doc_attachment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
