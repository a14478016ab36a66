/* The OCR-tolerant front: Tesseract's words in, the text the field reader
 * takes out, each byte of it traced to the word it came from, so that a
 * value read from the text gets its words' confidence.
 *
 * Tesseract's chi_sim prints a space between Chinese words and around
 * punctuation, ASCII punctuation where the form has full-width, a label
 * now and then with one character wrong (证件与码, 巾请时间), letters in
 * digit runs and 午 for 年 (domain.md §7, lexicon/ocr.txt).  Each repair
 * here is made only where one reading is left; where more than one, or
 * none, is, the text stays as read and its bytes carry a doubt that makes
 * every value read over them LOW.  A line is worked on as an array of
 * characters, each with its word and flags, so that repairs that change
 * the length keep the trace. */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/lexicon.h"

/* A gap between two words of a line this many times the line's text
 * height or wider sets two fields apart (the padding the layout pass
 * splits at).  On the office's form rendered at 204x196 a label's colon
 * and its value stand 0.5-0.7 heights apart, two fields of a line 1.1 or
 * more. */
#define COLUMN_GAP_HEIGHTS 1.0
/* A Chinese character is this many line heights wide at the least: a
 * word's box Tesseract made narrower than that for its characters ends
 * there, for the gap after it (the word ":山东" of an address, 31 px
 * wide on a fine fax whose line is 40 px high, its 省 63 px further on:
 * a column gap in the middle of the address). */
#define HAN_MIN_WIDTH_HEIGHTS 0.8
/* What such a gap becomes: layout.c's PAD_MIN_SPACES. */
#define COLUMN_PAD "  "

/* A fax machine prints its header (TSI) on the first line of a page, at
 * most on the second when it wraps. */
#define TSI_MAX_LINE 2
/* A header line has at least this many of: a date, a time, a page mark, a
 * fax number. */
#define TSI_MIN_FEATURES 2
/* Chinese characters a header may hold besides 年月日第共页 (传真). */
#define TSI_MAX_HAN 2

/* A page is a cover page with a cover title or this many of the cover
 * fields (致, 发件人, 页数 ...) ... */
#define COVER_MIN_KEYS 3
/* ... unless it has this many of the application form's own fields
 * (name, identity number, address, request). */
#define COVER_FORM_MIN_FIELDS 2

/* Values no check confirms (telephone, fax and postcode digits, Chinese
 * names, addresses and requests) are LOW below this word confidence.
 * Measured on the generated full fax set (tests/fax, 40 faxes through
 * ogid, tesseract 5.3 chi_sim psm 4, each value's lowest word): a
 * telephone with one digit misread scored 77 (fine, noisy) and names and
 * addresses with one character misread or put in 73 (赵 as 起, 了 in an
 * address; normal), while values read right scored 0-92 and 0-93: 70
 * would have taken those misreadings as confident.  What GB 11643 checks
 * (an identity number: read right at 0-92, never wrong at any score) and
 * a date (wrong at most at 58, right from 74) keep EXTRACT_OCR_CONF_MIN. */
#define OCR_CONF_MIN_UNCHECKED 80

/* Labels of fewer characters are not matched with a wrong character:
 * one character of two is half the label (电话 / 电活 / 传话). */
#define FUZZY_MIN_CHARS 3

/* An identity number has 18 characters; a run of them read with letters
 * is repaired only when this many are digits as read, so that a Latin
 * word is never taken for one. */
#define ID_CHARS 18
#define ID_MIN_DIGITS 14
/* Readings tried for one number, at most (two-digit letters double it). */
#define ID_MAX_READINGS 256

struct och {
	char b[8];           /* one character, NUL-terminated */
	int word;            /* index of its word, -1 when put in */
	unsigned char flags; /* enum extract_ocr_flag */
};

struct ocr_line {
	GArray *c;           /* struct och */
	bool header;         /* the fax header (TSI): left out */
	bool joined;         /* lines the page wrapped, joined into one */
};

struct ocr_page {
	GPtrArray *lines;    /* struct ocr_line */
	bool cover;
};

/* --- characters ---------------------------------------------------------- */

static gunichar
och_cp(const struct och *c)
{
	gunichar u = g_utf8_get_char_validated(c->b, -1);

	return u == (gunichar)-1 || u == (gunichar)-2 ? 0 : u;
}

static struct och *
at(const struct ocr_line *ln, size_t i)
{
	return &g_array_index(ln->c, struct och, i);
}

/* Whether c is one of the n strings of set. */
static bool
och_one_of(const struct och *c, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c->b, set[i]) == 0)
			return true;
	return false;
}

static bool
space(const struct och *c)
{
	return strcmp(c->b, " ") == 0;
}

static bool
han(const struct och *c)
{
	return extract_text_is_han(c->b, c->b + strlen(c->b));
}

static bool
digit(gunichar u)
{
	return u >= '0' && u <= '9';
}

static bool
ascii_letter(gunichar u)
{
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

/* Characters that belong to Chinese text: a space beside them is the
 * model's, not the writer's.  The ASCII punctuation is what chi_sim
 * prints for the full-width forms (：（）；，). */
static bool
cjk_side(gunichar u)
{
	char one[8] = { 0 };

	g_unichar_to_utf8(u, one);
	return extract_text_is_han(one, one + strlen(one)) ||
	       (u >= 0x3000 && u <= 0x303F) ||
	       (u >= 0xFF00 && u <= 0xFFEF) || u == 0x201C || u == 0x201D ||
	       (u != 0 && u < 0x80 && strchr(":;,()", (int)u) != NULL);
}

/* Whether the space between a and b is the model's: between Chinese
 * characters and their punctuation, and between them and digits (2026 年,
 * 电话 138...); never between Latin words or two runs of digits. */
static bool
joinable(gunichar a, gunichar b)
{
	return (cjk_side(a) && (cjk_side(b) || digit(b))) ||
	       (digit(a) && cjk_side(b));
}

static bool
is_colon(gunichar u)
{
	return u == ':' || u == 0xFF1A;
}

/* Appends the characters of s (folded as the reader folds them; invalid
 * bytes, stray continuation bytes and control characters dropped: the
 * text must be valid UTF-8 for the reader and GRegex) to ln, from word. */
static void
append_text(struct ocr_line *ln, const char *s, int word, unsigned char flags)
{
	const char *end = s + strlen(s);

	for (const char *p = s; p < end; p = extract_text_next_char(p, end)) {
		gunichar u = extract_text_char_at(p, end);
		struct och c = { .word = word, .flags = flags };
		char one[8] = { 0 };
		char *folded;

		if (u < 0x20 || u == 0x7F)
			continue;
		g_unichar_to_utf8(u, one);
		folded = extract_text_fold(one);
		for (const char *q = folded; *q != '\0'; q = g_utf8_next_char(q)) {
			memset(c.b, 0, sizeof(c.b));
			memcpy(c.b, q, (size_t)(g_utf8_next_char(q) - q));
			g_array_append_val(ln->c, c);
		}
		g_free(folded);
	}
}

/* The line as a string; offs_r (unless NULL): the byte offset of each
 * character, and one past the last. */
static char *
line_string(const struct ocr_line *ln, GArray *offs_r)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < ln->c->len; i++) {
		if (offs_r != NULL) {
			size_t o = s->len;

			g_array_append_val(offs_r, o);
		}
		g_string_append(s, at(ln, i)->b);
	}
	if (offs_r != NULL) {
		size_t o = s->len;

		g_array_append_val(offs_r, o);
	}
	return g_string_free(s, FALSE);
}

/* Replaces the n characters at i with the characters of s, flagged; the
 * new characters take the words of those they replace (the last one's
 * beyond them). */
static void
replace_chars(struct ocr_line *ln, size_t i, size_t n, const char *s,
	      unsigned char flags)
{
	GArray *words = g_array_new(FALSE, FALSE, sizeof(int));
	size_t k = 0;

	for (size_t j = 0; j < n; j++)
		g_array_append_val(words, at(ln, i + j)->word);
	g_array_remove_range(ln->c, (guint)i, (guint)n);
	for (const char *q = s; *q != '\0'; q = g_utf8_next_char(q), k++) {
		struct och c = { .flags = flags };

		memcpy(c.b, q, (size_t)(g_utf8_next_char(q) - q));
		c.word = words->len == 0 ? -1 :
			 g_array_index(words, int,
				       MIN(k, (size_t)words->len - 1));
		g_array_insert_val(ln->c, (guint)(i + k), c);
	}
	g_array_free(words, TRUE);
}

static void
flag_chars(struct ocr_line *ln, size_t i, size_t n, unsigned char flags)
{
	for (size_t j = i; j < i + n && j < ln->c->len; j++)
		at(ln, j)->flags |= flags;
}

/* --- lines from words ---------------------------------------------------- */

static int
compare_height(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The words [from, to) of one line: text height for the column gap. */
static long long
line_height(const struct extract_ocr_word *w, size_t from, size_t to)
{
	GArray *h = g_array_new(FALSE, FALSE, sizeof(long long));
	long long median = 0;

	for (size_t i = from; i < to; i++)
		if (w[i].y1 > w[i].y0) {
			long long v = (long long)w[i].y1 - w[i].y0;

			g_array_append_val(h, v);
		}
	if (h->len > 0) {
		g_array_sort(h, compare_height);
		median = g_array_index(h, long long, h->len / 2);
	}
	g_array_free(h, TRUE);
	return median;
}

/* Where word a's text ends on its line: its box's end, or further where
 * the box is too narrow for its Chinese characters. */
static double
word_end(const struct extract_ocr_word *a, long long height)
{
	const char *t = a->text != NULL ? a->text : "", *end = t + strlen(t);
	unsigned han = 0;

	for (const char *p = t; p < end; p = extract_text_next_char(p, end))
		han += extract_text_is_han(p, end);
	return MAX((double)a->x1,
		   a->x0 + han * HAN_MIN_WIDTH_HEIGHTS * (double)height);
}

static bool
wide_gap(const struct extract_ocr_word *a, const struct extract_ocr_word *b,
	 long long height)
{
	return height > 0 && a->x1 > a->x0 && b->x1 > b->x0 &&
	       (double)b->x0 - word_end(a, height) >= COLUMN_GAP_HEIGHTS * (double)height;
}

/* Removes the single spaces the model put into Chinese text (runs of two
 * or more are a column gap and stay). */
static void
join_spaces(struct ocr_line *ln)
{
	for (size_t i = 1; i + 1 < ln->c->len; i++) {
		if (!space(at(ln, i)) || space(at(ln, i - 1)) ||
		    space(at(ln, i + 1)))
			continue;
		if (joinable(och_cp(at(ln, i - 1)), och_cp(at(ln, i + 1)))) {
			g_array_remove_index(ln->c, (guint)i);
			i--;
		}
	}
}

static void
trim_line(struct ocr_line *ln)
{
	while (ln->c->len > 0 && space(at(ln, ln->c->len - 1)))
		g_array_set_size(ln->c, ln->c->len - 1);
	while (ln->c->len > 0 && space(at(ln, 0)))
		g_array_remove_index(ln->c, 0);
}

static struct ocr_line *
line_new(void)
{
	struct ocr_line *ln = g_new0(struct ocr_line, 1);

	ln->c = g_array_new(FALSE, FALSE, sizeof(struct och));
	return ln;
}

static void
line_free(gpointer p)
{
	struct ocr_line *ln = p;

	g_array_free(ln->c, TRUE);
	g_free(ln);
}

static void
page_free(gpointer p)
{
	struct ocr_page *pg = p;

	g_ptr_array_free(pg->lines, TRUE);
	g_free(pg);
}

/* Whether a frame's printed label is the signature's (申请人签名（盖章）):
 * what was read inside it is ink. */
static bool
sign_frame(const char *label)
{
	for (size_t k = 0; label != NULL && k < extract_lexicon_ocr_sign_words_n; k++)
		if (strstr(label, extract_lexicon_ocr_sign_words[k]) != NULL)
			return true;
	return false;
}

/* Whether the words [from, to) were all read in one frame. */
static bool
one_frame(const struct extract_ocr_word *w, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (w[k].cell_label == NULL || w[k].cell != w[from].cell)
			return false;
	return to > from;
}

/* What chi_sim reads for a label's colon besides a comma (repair_label_comma):
 * a quote mark (联系地址 ”通辽市…: a column gap's speck) or a semicolon. */
static bool
colon_stand_in(gunichar u)
{
	return u == '"' || u == '\'' || u == ';' || u == 0xFF1B || u == 0x2018 ||
	       u == 0x2019 || u == 0x201C || u == 0x201D;
}

/* Whether lab labels a field whose value is kept, not a sentence's words
 * (本人，…, 我是…: lexicon prose ONLY or CLAUSE) nor a field left out
 * (备注): a line may start with those and a comma or a gap. */
static bool
field_label(const struct extract_lexicon_label *lab)
{
	return lab != NULL && lab->field != FLD_OTHER && lab->prose != P_ONLY &&
	       lab->prose != P_CLAUSE;
}

/* A label set apart from its value by a gap alone has this many
 * characters at least: a shorter one (盖章, 签字) starts the second line
 * of a wrapped request as often. */
#define LABEL_GAP_MIN_CHARS 4

/* A form's label that starts a line and ends a word, its value the next
 * word with no colon between (the colon dropped as specks or read as a
 * stand-in: 所需信息的内容描述 2025年…, 联系地址 ”通辽市…, on a fax of
 * an application typed in a table): the colon put in, before the words
 * are joined and that word's end is lost.  Without a stand-in the value
 * starts with a digit or a Latin letter: the model splits Chinese into
 * words anywhere (所需信息 请通过电子邮件提供 is a sentence, 所需信息 的用滩
 * the label 所需信息的用途 read with a character wrong, which
 * repair_labels puts right), and the layout pass sets a label apart from
 * a value across a column's gap itself.  The same labels as
 * repair_label_comma's. */
static void
mark_label_gap(struct ocr_line *ln)
{
	GArray *offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	char *s = line_string(ln, offs);
	const char *lend;
	const struct extract_lexicon_label *lab =
		extract_lexicon_label_at(s, s + strlen(s), &lend);
	size_t k = 0, v, chars = 0;

	if (!field_label(lab))
		goto out;
	for (; k < ln->c->len && g_array_index(offs, size_t, k) < (size_t)(lend - s); k++)
		chars += han(at(ln, k));
	/* k: the character after the label, which must be a word's gap. */
	if (k >= ln->c->len || !space(at(ln, k)))
		goto out;
	for (v = k; v < ln->c->len && space(at(ln, v)); v++)
		;
	if (v == ln->c->len)
		goto out;
	if (colon_stand_in(och_cp(at(ln, v)))) {
		replace_chars(ln, k, v + 1 - k, ":", 0);
	} else if (chars >= LABEL_GAP_MIN_CHARS &&
		   (digit(och_cp(at(ln, v))) || ascii_letter(och_cp(at(ln, v))))) {
		replace_chars(ln, k, v - k, ":", 0);
	}
out:
	g_free(s);
	g_array_free(offs, TRUE);
}

/* The pages of the words, each line spaced: a column gap as padding,
 * otherwise a space where the characters want one.  The lines of one
 * frame are one value, joined into one line (a request the form wraps
 * over its frame's lines); the words of a signature's frame are left out
 * (*sign_frames_r counts the frames, *sign_words_r their words, which are
 * ink there): a hand is no text. */
static GPtrArray *
build_pages(const struct extract_ocr_word *w, size_t n, unsigned *sign_frames_r,
	    unsigned *sign_words_r)
{
	GPtrArray *pages = g_ptr_array_new_with_free_func(page_free);
	struct ocr_page *pg = NULL;
	size_t prev_from = 0, prev_to = 0;
	int prev_sign_cell = -1;

	*sign_frames_r = 0;
	*sign_words_r = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		struct ocr_line *ln;
		long long height;
		bool new_page = pg == NULL || w[i].page != w[i - 1].page;

		while (j < n && w[j].page == w[i].page && w[j].line == w[i].line)
			j++;
		if (new_page) {
			pg = g_new0(struct ocr_page, 1);
			pg->lines = g_ptr_array_new_with_free_func(line_free);
			g_ptr_array_add(pages, pg);
			prev_sign_cell = -1;
		}
		if (one_frame(w, i, j) && sign_frame(w[i].cell_label)) {
			*sign_frames_r += prev_sign_cell != (int)w[i].cell;
			prev_sign_cell = (int)w[i].cell;
			for (; i < j; i++)
				*sign_words_r += w[i].text != NULL && *w[i].text != '\0';
			continue;
		}
		if (!new_page && pg->lines->len > 0 && one_frame(w, i, j) &&
		    one_frame(w, prev_from, prev_to) && w[prev_from].cell == w[i].cell) {
			ln = g_ptr_array_index(pg->lines, pg->lines->len - 1);
			if (ln->c->len > 0 &&
			    !joinable(och_cp(at(ln, ln->c->len - 1)),
				      g_utf8_get_char_validated(w[i].text != NULL ? w[i].text : "", -1)))
				append_text(ln, " ", -1, 0);
		} else {
			ln = line_new();
			g_ptr_array_add(pg->lines, ln);
		}
		height = line_height(w, i, j);
		for (size_t k = i; k < j; k++) {
			if (k > i)
				append_text(ln, wide_gap(&w[k - 1], &w[k], height) ?
					    COLUMN_PAD : " ", -1, 0);
			append_text(ln, w[k].text != NULL ? w[k].text : "",
				    (int)k, 0);
		}
		mark_label_gap(ln);
		join_spaces(ln);
		trim_line(ln);
		prev_from = i;
		prev_to = j;
		i = j;
	}
	return pages;
}

/* --- the fax header (TSI) and the cover page ----------------------------- */

static GRegex *
regex(const char *pattern)
{
	GRegex *re = g_regex_new(pattern, G_REGEX_OPTIMIZE | G_REGEX_CASELESS,
				 0, NULL);

	g_assert(re != NULL);
	return re;
}

/* The header's parts, as fax machines print them: 2026-11-28, 28/11/26,
 * NOV-28-2026, 2026年11月28日; 14:32; P.1/2, PAGE 1, P001, 第1页, 1/2页;
 * a telephone number of eight digits or more.  As chi_sim reads them at
 * normal resolution too: the time's colon a point (12.42), the page mark
 * with a letter after its P (Pb.174 for P.1/4). */
static GRegex *const *
tsi_patterns(void)
{
	static GRegex *re[4];
	static gsize done;

	if (g_once_init_enter(&done)) {
		re[0] = regex("(19|20)[0-9]{2}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}|"
			      "(?<![0-9])[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}(?![0-9])|"
			      "\\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[-. ]?[0-9]{1,2}");
		re[1] = regex("(?<![0-9.])[0-2]?[0-9][:.][0-5][0-9](?![0-9.])");
		re[2] = regex("\\bP(AGE|[A-Z])?[ .]*[0-9]{1,3}( */ *[0-9]{1,3})?\\b|"
			      "第 *[0-9]{1,3} *页|共 *[0-9]{1,3} *页|"
			      "(?<![0-9/])[0-9]{1,3} */ *[0-9]{1,3}(?![0-9/])");
		re[3] = regex("\\+?[0-9][0-9 ()-]{6,}[0-9]");
		g_once_init_leave(&done, 1);
	}
	return re;
}

static bool
header_line(const char *s)
{
	static const char *const allowed = "年月日第共页";
	GRegex *const *re = tsi_patterns();
	unsigned features = 0, han_other = 0;
	const char *end = s + strlen(s);

	for (const char *p = s; p < end; p = extract_text_next_char(p, end)) {
		const char *next = extract_text_next_char(p, end);

		if (extract_text_is_han(p, end) &&
		    !memmem(allowed, strlen(allowed), p, (size_t)(next - p)))
			han_other++;
	}
	if (han_other > TSI_MAX_HAN)
		return false;
	for (size_t i = 0; i < 4; i++)
		features += g_regex_match(re[i], s, 0, NULL);
	/* Every header has the time or the page; a date and a number alone
	 * are a line of the form (申请日期 with a telephone). */
	return features >= TSI_MIN_FEATURES &&
	       (g_regex_match(re[1], s, 0, NULL) ||
		g_regex_match(re[2], s, 0, NULL));
}

/* The vertical extent of a line's words that have boxes; false when none
 * has one. */
static bool
line_band(const struct ocr_line *ln, const struct extract_ocr_word *words,
	  int *y0_r, int *y1_r)
{
	bool any = false;

	for (guint i = 0; i < ln->c->len; i++) {
		const struct och *c = at(ln, i);
		const struct extract_ocr_word *w;

		if (c->word < 0)
			continue;
		w = &words[c->word];
		if (w->y1 <= w->y0)
			continue;
		if (!any || w->y0 < *y0_r)
			*y0_r = w->y0;
		if (!any || w->y1 > *y1_r)
			*y1_r = w->y1;
		any = true;
	}
	return any;
}

/* Tesseract may cut the header in two blocks, its right end read as a line
 * of its own after the form's first column (YONGXING p.3/4 on a normal
 * fax): a line whose every word stands within the header's height is the
 * header's too. */
static void
mark_header_rest(struct ocr_page *pg, const struct extract_ocr_word *words,
		 unsigned *n_r)
{
	int top = 0, bottom = 0;
	bool found = false;

	for (guint l = 0; l < pg->lines->len && l < TSI_MAX_LINE && !found; l++) {
		const struct ocr_line *ln = g_ptr_array_index(pg->lines, l);

		found = ln->header && line_band(ln, words, &top, &bottom);
	}
	if (!found)
		return;
	for (guint l = 0; l < pg->lines->len; l++) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l);
		int y0, y1;

		if (!ln->header && line_band(ln, words, &y0, &y1) &&
		    y0 >= top - (bottom - top) / 2 &&
		    y1 <= bottom + (bottom - top) / 2) {
			ln->header = true;
			(*n_r)++;
		}
	}
}

/* The heads of the blank form's printed notes: from such a line to the end
 * of its page the text is the office's (its own address, fax and e-mail
 * for sending the form back), never the applicant's. */
static const char *const notes_heads[] = { "填表说明", "填表须知" };

static size_t edit_distance(const gunichar *a, size_t na, const gunichar *b,
			    size_t nb);

/* A head is taken with this many of its characters in place and a colon
 * after it: chi_sim read 填表说明 as 十表说阴 on our fine render of the
 * form, two of four wrong; no line an applicant writes starts with two of
 * these four-character heads' characters in place and a colon.  Or one
 * character off (inserted, lost or wrong) and a colon or a comma after
 * it: chi_sim with HanS read 填表说有明， on a fine fax of the form. */
#define NOTES_HEAD_MIN_SAME 2

static bool
notes_line(const struct ocr_line *ln)
{
	gunichar u[8];
	size_t n = 0;
	bool notes = false;

	for (guint i = 0; i < ln->c->len && n < G_N_ELEMENTS(u); i++)
		if (och_cp(at(ln, i)) != ' ')
			u[n++] = och_cp(at(ln, i));
	for (size_t h = 0; h < G_N_ELEMENTS(notes_heads) && !notes; h++) {
		glong nh;
		gunichar *head = g_utf8_to_ucs4_fast(notes_heads[h], -1, &nh);
		size_t same = 0;

		if ((size_t)nh < n && is_colon(u[nh])) {
			for (glong i = 0; i < nh; i++)
				same += u[i] == head[i];
			notes = same >= NOTES_HEAD_MIN_SAME;
		}
		for (size_t k = (size_t)nh - 1; k <= (size_t)nh + 1 && k < n && !notes; k++)
			notes = (is_colon(u[k]) || u[k] == ',' || u[k] == 0xFF0C) &&
				edit_distance(u, k, head, (size_t)nh) <= 1;
		g_free(head);
	}
	return notes;
}

/* Whether p (in s) starts a field: the line's start, or after padding. */
static bool
segment_start(const char *s, const char *p)
{
	return p == s || (p - s >= 2 && p[-1] == ' ' && p[-2] == ' ') ||
	       (p - s >= 1 && p[-1] == '\t');
}

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

static bool
cover_page(const struct ocr_page *pg)
{
	unsigned keys = 0, form_fields = 0;
	bool title = false;
	bool *key_seen = g_new0(bool, extract_lexicon_ocr_cover_keys_n);

	for (guint l = 0; l < pg->lines->len; l++) {
		const struct ocr_line *ln = g_ptr_array_index(pg->lines, l);
		char *s = line_string(ln, NULL);
		const char *end = s + strlen(s);

		if (ln->header) {
			g_free(s);
			continue;
		}
		for (size_t i = 0; i < extract_lexicon_ocr_cover_titles_n; i++)
			title |= strcasestr(s, extract_lexicon_ocr_cover_titles[i]) != NULL;
		for (const char *p = s; p < end; p = extract_text_next_char(p, end)) {
			const struct extract_lexicon_label *lab;
			const char *lend;

			if (!segment_start(s, p))
				continue;
			for (size_t i = 0; i < extract_lexicon_ocr_cover_keys_n; i++) {
				const char *k = extract_lexicon_ocr_cover_keys[i];

				if (g_ascii_strncasecmp(p, k, strlen(k)) == 0 &&
				    is_colon(g_utf8_get_char(skip_spaces(p + strlen(k)))) &&
				    !key_seen[i]) {
					key_seen[i] = true;
					keys++;
				}
			}
			lab = extract_lexicon_label_at(p, end, &lend);
			if (lab != NULL && (lab->field == FLD_NAME ||
					    lab->field == FLD_ORG_NAME ||
					    lab->field == FLD_ID_NUMBER ||
					    lab->field == FLD_ADDRESS ||
					    lab->field == FLD_REQUEST))
				form_fields |= 1u << lab->field;
		}
		g_free(s);
	}
	g_free(key_seen);
	return (title || keys >= COVER_MIN_KEYS) &&
	       (unsigned)__builtin_popcount(form_fields) < COVER_FORM_MIN_FIELDS;
}

/* --- dates: 2026午11月28日 ------------------------------------------------ */

/* Whether c is want (or also) as written, or a confusion of want, which
 * sets *confused_r. */
static bool
date_char(const struct och *c, const char *want, const char *also,
	  bool *confused_r)
{
	if (strcmp(c->b, want) == 0 || (also != NULL && strcmp(c->b, also) == 0))
		return true;
	for (size_t i = 0; i < extract_lexicon_ocr_date_confusions_n; i++) {
		const struct extract_lexicon_confusion *k =
			&extract_lexicon_ocr_date_confusions[i];

		if (strcmp(k->read, c->b) == 0 && strcmp(k->meant, want) == 0) {
			*confused_r = true;
			return true;
		}
	}
	return false;
}

/* Whether the character at i is a lone space between two digits: digits
 * a fax prints wide (full-width ones, a form's spaced boxes) are read as
 * runs a space apart (2026年11月2 0日, 1 5 05 2 4 199012024248). */
static bool
digit_gap(const struct ocr_line *ln, size_t i)
{
	return i > 0 && i + 1 < ln->c->len && space(at(ln, i)) &&
	       digit(och_cp(at(ln, i - 1))) && digit(och_cp(at(ln, i + 1)));
}

/* The digits at i, lone spaces between them read past (digit_gap), at
 * most max of them: how many, their value in *value_r, the index after
 * them in *end_r. */
static size_t
digits_at(const struct ocr_line *ln, size_t i, size_t max, int *value_r, size_t *end_r)
{
	size_t n = 0;

	*value_r = 0;
	while (i < ln->c->len && n < max) {
		if (digit(och_cp(at(ln, i)))) {
			*value_r = *value_r * 10 + (int)(och_cp(at(ln, i)) - '0');
			n++;
		} else if (!digit_gap(ln, i)) {
			break;
		}
		i++;
	}
	*end_r = i;
	return n;
}

/* Removes the lone spaces between digits in [i, end). */
static void
close_digit_gaps(struct ocr_line *ln, size_t i, size_t end)
{
	for (size_t k = end; k-- > i;)
		if (digit_gap(ln, k))
			g_array_remove_index(ln->c, (guint)k);
}

/* A date as a whole: four digits, 年 or one of its confusions, one or two
 * digits, 月 or one, one or two digits, 日 (号) or one, a calendar's
 * numbers, lone spaces between digits read past.  Each confused
 * character is put right, the spaces taken out. */
static void
repair_dates(struct ocr_line *ln)
{
	static const char *const meant[3] = { "年", "月", "日" };

	for (size_t i = 0; i < ln->c->len; i++) {
		size_t p, n, pos[3], gaps = 0;
		bool confused[3] = { false, false, false };
		int y, m, d;

		if (i > 0 && digit(och_cp(at(ln, i - 1))))
			continue;
		if (digits_at(ln, i, 4, &y, &p) != 4)
			continue;
		gaps += p - i - 4;
		if (p >= ln->c->len || !date_char(at(ln, p), "年", NULL, &confused[0]))
			continue;
		pos[0] = p++;
		n = digits_at(ln, p, 3, &m, &p);
		gaps += p - pos[0] - 1 - n;
		if (n < 1 || n > 2 || p >= ln->c->len ||
		    !date_char(at(ln, p), "月", NULL, &confused[1]))
			continue;
		pos[1] = p++;
		n = digits_at(ln, p, 3, &d, &p);
		gaps += p - pos[1] - 1 - n;
		if (n < 1 || n > 2 || p >= ln->c->len ||
		    !date_char(at(ln, p), "日", "号", &confused[2]))
			continue;
		pos[2] = p;
		if (!(confused[0] || confused[1] || confused[2] || gaps > 0) ||
		    y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
			continue;
		for (size_t k = 0; k < 3; k++)
			if (confused[k])
				replace_chars(ln, pos[k], 1, meant[k],
					      EXTRACT_OCR_REPAIRED);
		close_digit_gaps(ln, i, pos[2]);
	}
}

/* A date in Chinese numerals (二〇二六年十一月十八日) as the model reads
 * it: 〇 as a letter O or a zero, 一, a lone stroke, as a dash (二 O 二 六
 * 年 十 -月).  The characters such a stand-in may stand between, the
 * stand-ins and what they stand for, and the character that must follow
 * within CN_DATE_REACH characters (a dash also after a 年, lest 十 - 二 月
 * be taken). */
static const char *const cn_date_chars[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "年", "月", "日",
};
static const char *const cn_year_end[] = { "年" };
static const char *const cn_day_ends[] = { "月", "日" };
static const struct {
	const char *read, *meant;
	const char *const *ends;
	size_t n_ends;
	bool after_year;
} cn_stand_ins[] = {
	{ "O", "〇", cn_year_end, 1, false }, { "o", "〇", cn_year_end, 1, false },
	{ "0", "〇", cn_year_end, 1, false }, { "-", "一", cn_day_ends, 2, true },
	{ "—", "一", cn_day_ends, 2, true }, { "_", "一", cn_day_ends, 2, true },
};
#define CN_DATE_REACH 4

/* The character next to i going by step (-1 or 1), spaces skipped; ln's
 * length when there is none. */
static size_t
next_solid(const struct ocr_line *ln, size_t i, int step)
{
	while ((step < 0 ? i > 0 : i + 1 < ln->c->len)) {
		i = step < 0 ? i - 1 : i + 1;
		if (!space(at(ln, i)))
			return i;
	}
	return ln->c->len;
}

/* Whether one of ends follows from i on, within CN_DATE_REACH characters. */
static bool
cn_end_near(const struct ocr_line *ln, size_t i, const char *const *ends, size_t n)
{
	for (size_t e = i; e < ln->c->len && e < i + CN_DATE_REACH; e++)
		if (och_one_of(at(ln, e), ends, n))
			return true;
	return false;
}

/* Puts the Chinese numeral for its stand-in (cn_stand_ins), the spaces
 * around it taken out, between the characters of a date in Chinese
 * numerals. */
static void
repair_cn_dates(struct ocr_line *ln)
{
	bool year = false;

	for (size_t i = 0; i < ln->c->len; i++) {
		size_t b = next_solid(ln, i, -1), a = next_solid(ln, i, 1);

		year |= strcmp(at(ln, i)->b, "年") == 0;
		if (b == ln->c->len || a == ln->c->len ||
		    !och_one_of(at(ln, b), cn_date_chars, G_N_ELEMENTS(cn_date_chars)) ||
		    !och_one_of(at(ln, a), cn_date_chars, G_N_ELEMENTS(cn_date_chars)))
			continue;
		for (size_t k = 0; k < G_N_ELEMENTS(cn_stand_ins); k++)
			if (strcmp(at(ln, i)->b, cn_stand_ins[k].read) == 0 &&
			    (year || !cn_stand_ins[k].after_year) &&
			    cn_end_near(ln, a, cn_stand_ins[k].ends, cn_stand_ins[k].n_ends)) {
				replace_chars(ln, b + 1, a - b - 1, cn_stand_ins[k].meant,
					      EXTRACT_OCR_REPAIRED);
				i = b + 1;
				break;
			}
	}
}

/* What the model prints for the dot between the parts of a name in
 * Chinese characters (阿拉坦·巴根, a Mongolian or Uyghur name): in a
 * line of Chinese, a lone one between Chinese characters with a space on
 * either side is that dot. */
static const char *const name_dot_read[] = { "'", "`", ".", "•", "‘", "’" };

/* Puts · for such a stand-in, the spaces around it taken out, flagged a
 * doubt: a sentence's 。 read as a dot may stand so too.  After the
 * labels' repair, which takes a speck out of a label (姓 ' 名:). */
static void
repair_name_dots(struct ocr_line *ln)
{
	for (size_t i = 2; i + 2 < ln->c->len; i++)
		if (och_one_of(at(ln, i), name_dot_read, G_N_ELEMENTS(name_dot_read)) &&
		    space(at(ln, i - 1)) && space(at(ln, i + 1)) &&
		    han(at(ln, i - 2)) && han(at(ln, i + 2)))
			replace_chars(ln, i - 1, 3, "·",
				      EXTRACT_OCR_REPAIRED | EXTRACT_OCR_DOUBT);
}

/* --- identity numbers: 1501021987O6152314 -------------------------------- */

/* The digits a letter printed in a digit run may be, NULL for none. */
static const char *
digit_readings(const char *b)
{
	for (size_t i = 0; i < extract_lexicon_ocr_digit_confusions_n; i++)
		if (strcmp(extract_lexicon_ocr_digit_confusions[i].read, b) == 0)
			return extract_lexicon_ocr_digit_confusions[i].meant;
	return NULL;
}

static bool
id_char(const struct och *c)
{
	gunichar u = och_cp(c);

	return digit(u) || u == 'X' || u == 'x' || digit_readings(c->b) != NULL;
}

/* Whether the birth date of id is not after today ("YYYY-MM-DD"). */
static bool
born_by(const char *id, const char *today)
{
	char t[8];

	if (today == NULL || strlen(today) < 10)
		return true;
	memcpy(t, today, 4);
	memcpy(t + 4, today + 5, 2);
	memcpy(t + 6, today + 8, 2);
	return memcmp(id + 6, t, 8) <= 0;
}

/* A reading the number may be: GB 11643's check and a real birth date,
 * not in the future, and a province that exists. */
static bool
id_reading_valid(const char *id, const char *today)
{
	return extract_resident_id_valid(id) && extract_id_region_known(id) &&
	       born_by(id, today);
}

/* Counts the readings of ID_CHARS characters, position k read as any one
 * of the characters of opts[k] (NULL or "": none), that valid(reading,
 * arg) accepts, and copies the first into first; ID_MAX_READINGS + 1 when
 * there are too many to try. */
static unsigned
count_readings(const char *const opts[ID_CHARS],
	       bool (*valid)(const char *reading, const void *arg), const void *arg,
	       char first[ID_CHARS + 1])
{
	size_t idx[ID_CHARS] = { 0 }, total = 1;
	unsigned n = 0;

	for (size_t k = 0; k < ID_CHARS; k++) {
		total *= opts[k] != NULL ? strlen(opts[k]) : 0;
		if (total == 0)
			return 0;
		if (total > ID_MAX_READINGS)
			return ID_MAX_READINGS + 1;
	}
	for (size_t r = 0; r < total; r++) {
		char reading[ID_CHARS + 1];

		for (size_t k = 0; k < ID_CHARS; k++)
			reading[k] = opts[k][idx[k]];
		reading[ID_CHARS] = '\0';
		if (valid(reading, arg) && n++ == 0)
			memcpy(first, reading, sizeof(reading));
		for (size_t k = ID_CHARS; k-- > 0;) {
			if (++idx[k] < strlen(opts[k]))
				break;
			idx[k] = 0;
		}
	}
	return n;
}

static bool
id_reading_valid_by(const char *id, const void *today)
{
	return id_reading_valid(id, today);
}

/* Tries every reading of the run of ID_CHARS characters at i; returns how
 * many are valid (ID_MAX_READINGS + 1 when there are too many to try),
 * the first in first. */
static unsigned
id_readings(const struct ocr_line *ln, size_t i, const char *today,
	    char first[ID_CHARS + 1])
{
	const char *opts[ID_CHARS];

	for (size_t k = 0; k < ID_CHARS; k++) {
		const struct och *c = at(ln, i + k);
		gunichar u = och_cp(c);

		opts[k] = digit(u) ? c->b : (u == 'X' || u == 'x') ?
			  (k == ID_CHARS - 1 ? "X" : "") : digit_readings(c->b);
	}
	return count_readings(opts, id_reading_valid_by, today, first);
}

/* Closes the lone spaces inside a resident ID read as digit runs a
 * space apart (1 5 05 2 4 199012024248) when its 18 characters pass
 * id_reading_valid: the check digit confirms the join. */
static void
join_spaced_ids(struct ocr_line *ln, const char *today)
{
	for (size_t i = 0; i < ln->c->len; i++) {
		char id[ID_CHARS + 1];
		size_t j = i, n = 0;

		if (!digit(och_cp(at(ln, i))) || (i > 0 && (digit(och_cp(at(ln, i - 1))) ||
							 ascii_letter(och_cp(at(ln, i - 1))))))
			continue;
		for (; j < ln->c->len && n < ID_CHARS; j++) {
			gunichar u = och_cp(at(ln, j));

			if (digit(u) || (n == ID_CHARS - 1 && (u == 'X' || u == 'x')))
				id[n++] = (char)g_unichar_toupper(u);
			else if (!digit_gap(ln, j))
				break;
		}
		id[n] = '\0';
		if (n == ID_CHARS && j - i > ID_CHARS &&
		    (j == ln->c->len || !(digit(och_cp(at(ln, j))) ||
					  ascii_letter(och_cp(at(ln, j))))) &&
		    id_reading_valid(id, today))
			close_digit_gaps(ln, i, j);
	}
}

static void
repair_ids(struct ocr_line *ln, const char *today, GPtrArray *doubts)
{
	for (size_t i = 0; i < ln->c->len;) {
		size_t j = i, letters = 0, digits = 0;
		char id[ID_CHARS + 1];
		unsigned valid;

		if (!id_char(at(ln, i))) {
			i++;
			continue;
		}
		while (j < ln->c->len && id_char(at(ln, j))) {
			gunichar u = och_cp(at(ln, j));

			digits += digit(u);
			letters += !digit(u) && !((u == 'X' || u == 'x') &&
						  j - i == ID_CHARS - 1);
			j++;
		}
		if (j - i != ID_CHARS || letters == 0 || digits < ID_MIN_DIGITS ||
		    (i > 0 && ascii_letter(och_cp(at(ln, i - 1)))) ||
		    (j < ln->c->len && ascii_letter(och_cp(at(ln, j))))) {
			i = j;
			continue;
		}
		valid = id_readings(ln, i, today, id);
		if (valid == 1) {
			bool guessed = false;

			/* The checksum rules out a wrong reading only by
			 * chance (one in eleven): a character with two
			 * readings (B: 8 or 3) put right is a guess a clerk
			 * checks; one with a single reading (O: 0) is not. */
			for (size_t k = 0; k < ID_CHARS; k++)
				if (at(ln, i + k)->b[0] != id[k] ||
				    at(ln, i + k)->b[1] != '\0') {
					const char *meant = digit_readings(at(ln, i + k)->b);
					bool two = meant != NULL && strlen(meant) > 1;
					char one[2] = { id[k], '\0' };

					guessed |= two;
					replace_chars(ln, i + k, 1, one,
						      EXTRACT_OCR_REPAIRED |
						      (two ? EXTRACT_OCR_DOUBT : 0));
				}
			if (guessed)
				g_ptr_array_add(doubts, g_strdup(
					"id_number: a character of the identity "
					"number read by OCR has more than one "
					"reading; the checksum chose one"));
		} else {
			flag_chars(ln, i, ID_CHARS, EXTRACT_OCR_DOUBT);
			if (valid == 0)
				g_ptr_array_add(doubts, g_strdup(
					"id_number: an identity number read by OCR "
					"with letters in it has no valid reading"));
			else
				g_ptr_array_add(doubts, g_strdup_printf(
					"id_number: an identity number read by OCR "
					"with letters in it has %s valid readings",
					valid > ID_MAX_READINGS ? "too many" : "several"));
		}
		i = j;
	}
}

/* --- credit codes: 91150502MAOQ7R3K5M ------------------------------------ */

/* A unified social credit code (GB 32100) has as many characters as a
 * resident ID. */
#define USCC_CHARS ID_CHARS
/* ... and at least this many digits: its province and county (six) and
 * its category; a Latin word of as many letters has none. */
#define USCC_MIN_DIGITS 7

/* GB 32100 writes its codes in digits and capitals but I, O, S, V and Z:
 * one of those read in a code is a digit misread (O for 0, I for 1). */
static bool
uscc_char(gunichar u)
{
	return digit(u) || (u >= 'A' && u <= 'Z' && strchr("IOSVZ", (int)u) == NULL);
}

/* A mark at the end of a code that is no character of it: a frame's rule
 * or a seal's ring beside the cell (91150502MA0Q7R3K5MI). */
static bool
uscc_stroke(const struct och *c)
{
	return strcmp(c->b, "I") == 0 || strcmp(c->b, "l") == 0 || strcmp(c->b, "|") == 0;
}

static bool
uscc_well_formed_by(const char *code, const void *unused)
{
	(void)unused;
	return extract_uscc_well_formed(code);
}

/* Tries every reading of the USCC_CHARS characters at i, each character
 * outside GB 32100's alphabet read as the digits it may be; returns how
 * many readings are well formed (ID_MAX_READINGS + 1 when there are too
 * many to try, 0 when a character has no reading), the first in first. */
static unsigned
uscc_readings(const struct ocr_line *ln, size_t i, char first[USCC_CHARS + 1])
{
	const char *opts[USCC_CHARS];

	for (size_t k = 0; k < USCC_CHARS; k++) {
		const struct och *c = at(ln, i + k);

		opts[k] = uscc_char(och_cp(c)) ? c->b : digit_readings(c->b);
	}
	return count_readings(opts, uscc_well_formed_by, NULL, first);
}

/* Whether the USCC_CHARS characters at i start as a credit code, each
 * letter GB 32100 does not use read as its first digit: a registration
 * authority, a digit for the category and six for a known province's
 * county (91150502…), where a Latin word has letters (ABO1O2…). */
static bool
uscc_shaped(const struct ocr_line *ln, size_t i)
{
	char head[9] = { 0 };

	for (size_t k = 0; k < 8; k++) {
		const struct och *c = at(ln, i + k);
		const char *meant = uscc_char(och_cp(c)) ? c->b : digit_readings(c->b);

		if (meant == NULL)
			return false;
		head[k] = meant[0];
	}
	for (size_t k = 1; k < 8; k++)
		if (!digit((gunichar)head[k]))
			return false;
	return strchr("123456789AGJNQY", head[0]) != NULL && extract_id_region_known(head + 2);
}

/* A credit code read with letters GB 32100 does not use (O for 0, I for
 * 1, S for 5): put right where exactly one reading of it is well formed
 * (its check character, registration authority, category, province and
 * the organisation code inside it), flagged a doubt where a letter has two
 * readings, as repair_ids does for resident IDs.  Where none is, each
 * letter with one reading is put right all the same, as the code has no
 * other, and the code is flagged a doubt: the check character was written
 * wrong or another character misread.  A mark read at the code's end
 * (a frame's rule) is left out where the code without it is well formed.
 * Runs repair_ids read as resident IDs are theirs: a code has capitals
 * outside the digit confusions' and an ID's check character X (M, A, R,
 * K ...). */
static void
repair_uscc(struct ocr_line *ln, GPtrArray *doubts)
{
	for (size_t i = 0; i < ln->c->len;) {
		size_t j = i, n, bad = 0, caps = 0, digits = 0;
		char code[USCC_CHARS + 1];
		unsigned valid = 0;
		bool guessed = false, stroke = false;

		if (!ascii_letter(och_cp(at(ln, i))) && !digit(och_cp(at(ln, i))) &&
		    !uscc_stroke(at(ln, i))) {
			i++;
			continue;
		}
		while (j < ln->c->len && (ascii_letter(och_cp(at(ln, j))) ||
					  digit(och_cp(at(ln, j))) || uscc_stroke(at(ln, j)))) {
			bad += !uscc_char(och_cp(at(ln, j)));
			digits += digit(och_cp(at(ln, j)));
			caps += uscc_char(och_cp(at(ln, j))) && !digit(och_cp(at(ln, j))) &&
				digit_readings(at(ln, j)->b) == NULL && !id_char(at(ln, j));
			j++;
		}
		n = j - i;
		if (bad == 0 || caps == 0 || digits < USCC_MIN_DIGITS ||
		    n < USCC_CHARS || !uscc_shaped(ln, i)) {
			i = j;
			continue;
		}
		if (n == USCC_CHARS + 1 && uscc_stroke(at(ln, j - 1))) {
			valid = uscc_readings(ln, i, code);
			stroke = valid == 1;
		}
		if (stroke) {
			replace_chars(ln, j - 1, 1, "", 0);
			n--;
		} else if (n == USCC_CHARS) {
			valid = uscc_readings(ln, i, code);
		} else {
			i = j;
			continue;
		}
		for (size_t k = 0; k < USCC_CHARS; k++) {
			struct och *c = at(ln, i + k);
			const char *meant = uscc_char(och_cp(c)) ? NULL : digit_readings(c->b);
			char one[2] = { valid == 1 ? code[k] : meant != NULL ? meant[0] : '\0',
					'\0' };

			if (meant == NULL || (valid != 1 && strlen(meant) > 1))
				continue;
			guessed |= strlen(meant) > 1;
			replace_chars(ln, i + k, 1, one, EXTRACT_OCR_REPAIRED |
				      (strlen(meant) > 1 || valid != 1 ? EXTRACT_OCR_DOUBT : 0));
		}
		if (valid != 1) {
			flag_chars(ln, i, USCC_CHARS, EXTRACT_OCR_DOUBT);
			g_ptr_array_add(doubts, g_strdup(
				"id_number: a credit code read by OCR with letters "
				"GB 32100 does not use has no single valid reading"));
		} else if (guessed || stroke) {
			flag_chars(ln, i, USCC_CHARS, EXTRACT_OCR_DOUBT);
			g_ptr_array_add(doubts, g_strdup(
				"id_number: a credit code read by OCR was put right "
				"where a character or a mark at its end had another "
				"reading; the check character chose one"));
		}
		i += n;
	}
}

/* --- labels with one character misread ----------------------------------- */

struct fuzzy_label {
	gunichar *u;
	size_t n;
	const struct extract_lexicon_label *lab;
};

/* The labels matched with a wrong character: Chinese only, at least
 * FUZZY_MIN_CHARS long, labels of a form (not the words of a sentence
 * like 我叫). */
static const GArray *
fuzzy_labels(void)
{
	static GArray *labels;

	if (g_once_init_enter(&labels)) {
		GArray *a = g_array_new(FALSE, FALSE, sizeof(struct fuzzy_label));

		for (size_t i = 0; i < extract_lexicon_labels_n; i++) {
			const struct extract_lexicon_label *lab =
				&extract_lexicon_labels[i];
			const char *end = lab->text + strlen(lab->text);
			glong n;
			gunichar *u = g_utf8_to_ucs4(lab->text, -1, NULL, &n, NULL);
			bool all_han = u != NULL;

			for (const char *p = lab->text; all_han && p < end;
			     p = extract_text_next_char(p, end))
				all_han = extract_text_is_han(p, end);
			if (!all_han || n < FUZZY_MIN_CHARS ||
			    lab->prose == P_ONLY || lab->prose == P_CLAUSE) {
				g_free(u);
				continue;
			}
			g_array_append_val(a, ((struct fuzzy_label){
				u, (size_t)n, lab }));
		}
		g_once_init_leave(&labels, a);
	}
	return labels;
}

/* Whether a and b differ by exactly one substitution, insertion or
 * deletion. */
static bool
edit_distance_one(const gunichar *a, size_t na, const gunichar *b, size_t nb)
{
	size_t i = 0;

	if (na > nb)
		return edit_distance_one(b, nb, a, na);
	if (nb - na > 1)
		return false;
	while (i < na && a[i] == b[i])
		i++;
	if (na == nb)
		return i < na && memcmp(a + i + 1, b + i + 1,
					(na - i - 1) * sizeof(*a)) == 0;
	return memcmp(a + i, b + i + 1, (na - i) * sizeof(*a)) == 0;
}

/* Where the longest tail of the Chinese run [r, q) of ln that is a label
 * as it is starts; SIZE_MAX when none is. */
static size_t
exact_label_tail(const struct ocr_line *ln, size_t r, size_t q)
{
	GArray *offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	char *s = line_string(ln, offs);
	const char *end = s + g_array_index(offs, size_t, q);
	size_t found = SIZE_MAX;

	for (size_t k = r; k < q && found == SIZE_MAX; k++) {
		const char *lend;

		if (extract_lexicon_label_at(s + g_array_index(offs, size_t, k),
					     end, &lend) != NULL && lend == end)
			found = k;
	}
	g_free(s);
	g_array_free(offs, TRUE);
	return found;
}

/* A date as a form's date field holds one, at the start of s. */
static bool
date_at_start(const char *s)
{
	static GRegex *re;

	if (g_once_init_enter(&re))
		g_once_init_leave(&re, regex(
			"^(19|20)[0-9]{2}(年[0-9]{1,2}月[0-9]{1,2}[日号]|"
			"-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2}|"
			"\\.[0-9]{1,2}\\.[0-9]{1,2})"));
	return g_regex_match(re, s, 0, NULL);
}

/* A label guessed from the value after an unreadable one: a date or a
 * landline number, which the reader finds by no shape of its own (an
 * identity or mobile number it does).  The shape names the field, not
 * which of its labels (a landline may be a fax), so the value read after
 * it is LOW. */
static const char *
guessed_label(const char *value)
{
	static GRegex *landline;

	if (g_once_init_enter(&landline))
		g_once_init_leave(&landline,
				  regex("^0[1-9][0-9]{1,2}-?[0-9]{7,8}(?![0-9])"));
	if (date_at_start(value))
		return "日期";
	if (g_regex_match(landline, value, 0, NULL))
		return "电话";
	return NULL;
}

/* The characters [i, j) of ln as a string. */
static char *
line_part(const struct ocr_line *ln, size_t i, size_t j)
{
	GString *out = g_string_new(NULL);

	for (size_t k = i; k < j && k < ln->c->len; k++)
		g_string_append(out, at(ln, k)->b);
	return g_string_free(out, FALSE);
}

/* Puts right the Chinese run [r, q) before a colon when exactly one label
 * (or labels of one field: 通信地址 and 通讯地址 read the same) is one
 * character from its longest tail that is that close to any (a shorter
 * tail is part of it: 证号 of 寻份证号); labels of two fields that close
 * leave it as read, doubtful; whole: the run as a whole, not a tail.  Returns whether
 * a label was that close; *len_r: the run's length after, *start_r where
 * the label starts. */
static bool
fuzzy_label_run(struct ocr_line *ln, size_t r, size_t q, bool whole,
		GPtrArray *doubts, size_t *len_r, size_t *start_r)
{
	const GArray *labels = fuzzy_labels();
	gunichar *run = g_new(gunichar, q - r);
	const struct fuzzy_label *best = NULL;
	size_t best_len = 0;
	bool mixed = false;

	*len_r = q - r;
	*start_r = r;
	for (size_t k = r; k < q; k++)
		run[k - r] = och_cp(at(ln, k));
	for (guint i = 0; i < labels->len; i++) {
		const struct fuzzy_label *f =
			&g_array_index(labels, struct fuzzy_label, i);

		for (size_t len = f->n - 1; len <= f->n + 1; len++) {
			if (len < 2 || len > q - r || (whole && len != q - r) ||
			    !edit_distance_one(run + (q - r - len), len, f->u, f->n))
				continue;
			if (len > best_len) {
				best = f;
				best_len = len;
				mixed = false;
			} else if (len == best_len) {
				mixed |= best->lab->field != f->lab->field ||
					 best->lab->id_type != f->lab->id_type;
			}
		}
	}
	g_free(run);
	if (best == NULL)
		return false;
	if (mixed) {
		char *read = line_part(ln, r, q);

		flag_chars(ln, r, q - r, EXTRACT_OCR_DOUBT);
		g_ptr_array_add(doubts, g_strdup_printf(
			"a label read by OCR as %s is one character from the "
			"labels of two fields", read));
		g_free(read);
		return true;
	}
	replace_chars(ln, q - best_len, best_len, best->lab->text,
		      EXTRACT_OCR_REPAIRED);
	*len_r = q - r - best_len + best->n;
	*start_r = q - best_len;
	return true;
}

/* Specks a fax prints before a field that the model reads as quote marks
 * (”证件名称): they hide the label from the reader.  (Commas and dots
 * are the writer's more often than not.) */
static const char *const specks[] = { "”", "“", "‘", "’", "'", "\"", "`" };

/* Removes the specks at the start of a field, before Chinese. */
static void
drop_specks(struct ocr_line *ln)
{
	for (size_t i = 0; i < ln->c->len; i++) {
		bool field_start = i == 0 || space(at(ln, i - 1)) ||
				   han(at(ln, i - 1));

		while (field_start && i + 1 < ln->c->len &&
		       och_one_of(at(ln, i), specks, G_N_ELEMENTS(specks)) &&
		       han(at(ln, i + 1)))
			g_array_remove_index(ln->c, (guint)i);
	}
}

/* A label cell's note in brackets has at most this many characters
 * (签名（盖章）, 用途（选填）). */
#define NOTE_MAX_CHARS 4

/* Where a label cell's note "(盖章)" ends the line ln: its first
 * character; ln's length when there is none, SIZE_MAX when the line ends
 * with something else in brackets. */
static size_t
bracket_note(const struct ocr_line *ln)
{
	size_t open = SIZE_MAX, n = ln->c->len;

	for (size_t i = 0; i < n && open == SIZE_MAX; i++)
		if (strcmp(at(ln, i)->b, "(") == 0)
			open = i;
	if (open == SIZE_MAX)
		return n;
	if (n - open < 3 || n - open - 2 > NOTE_MAX_CHARS ||
	    strcmp(at(ln, n - 1)->b, ")") != 0)
		return SIZE_MAX;
	for (size_t i = open + 1; i + 1 < n; i++)
		if (!han(at(ln, i)))
			return SIZE_MAX;
	return open;
}

/* A line of Chinese alone (and a note in brackets) is a form's label cell
 * when it is a label: as read with its letters spread over the cell
 * (统一  社会信用代码, 请人  签名  (盖章)), which the layout pass would
 * split at the gap, or with one character wrong (了政编码, 子邮箱).  The
 * value is in the cell below. */
static void
repair_bare_label(struct ocr_line *ln, GPtrArray *doubts)
{
	struct ocr_line joined;
	size_t note = bracket_note(ln), len, start;
	bool label;

	if (note == SIZE_MAX)
		return;
	joined.c = g_array_new(FALSE, FALSE, sizeof(struct och));
	for (size_t i = 0; i < note; i++) {
		bool gap = space(at(ln, i));

		if (!gap && !han(at(ln, i))) {
			g_array_free(joined.c, TRUE);
			return;
		}
		if (!gap)
			g_array_append_val(joined.c, *at(ln, i));
	}
	len = joined.c->len;
	label = len >= 2 &&
		(exact_label_tail(&joined, 0, len) == 0 ||
		 fuzzy_label_run(&joined, 0, len, true, doubts, &len, &start));
	if (label) {
		GArray *old = ln->c;

		g_array_append_vals(joined.c, &g_array_index(old, struct och, note),
				    old->len - (guint)note);
		ln->c = joined.c;
		joined.c = old;
	}
	g_array_free(joined.c, TRUE);
}

/* Whether ln is a label alone (a form's label cell, 姓名): the line
 * under it is that field's value. */
static bool
label_line(const struct ocr_line *ln)
{
	char *s = line_string(ln, NULL);
	const char *end = s + strlen(s), *lend;
	bool label = extract_lexicon_label_at(s, end, &lend) != NULL &&
		     (lend == end || (is_colon(g_utf8_get_char(lend)) &&
				      g_utf8_next_char(lend) == end));

	g_free(s);
	return label;
}

/* A line of a letter's closing formula (此致, 敬礼) with one of its
 * characters misread is put right, where a closing stands: not in a
 * form's frame nor under a label, where two characters are a name (王礼,
 * 敬伟), and only when the character that differs was read with low
 * confidence (尼 of 尼致 at 0, 克 of 克礼 at 48); above: the line before
 * ln, NULL for none. */
static void
repair_closing(struct ocr_line *ln, const struct ocr_line *above,
	       const struct extract_ocr_word *w)
{
	if (above != NULL && label_line(above))
		return;
	for (guint i = 0; i < ln->c->len; i++)
		if (at(ln, i)->word >= 0 && w[at(ln, i)->word].cell_label != NULL)
			return;
	for (size_t k = 0; k < extract_lexicon_ocr_closing_lines_n; k++) {
		const char *want = extract_lexicon_ocr_closing_lines[k];
		glong n;
		gunichar *u = g_utf8_to_ucs4_fast(want, -1, &n);
		size_t same = 0, wrong = 0;

		if ((size_t)n == ln->c->len) {
			for (glong i = 0; i < n; i++) {
				bool ok = och_cp(at(ln, (size_t)i)) == u[i];

				same += ok;
				if (!ok)
					wrong = (size_t)i;
			}
			if (same + 1 == (size_t)n && han(at(ln, 0)) && han(at(ln, 1)) &&
			    at(ln, wrong)->word >= 0 &&
			    w[at(ln, wrong)->word].conf < EXTRACT_OCR_CONF_MIN)
				replace_chars(ln, 0, (size_t)n, want, EXTRACT_OCR_REPAIRED);
		}
		g_free(u);
	}
}

/* Division names OCR misread in one character (places.c): put right
 * where the characters that differ were read below the floor of values
 * no check confirms.  Where one was read sure, put right as well but
 * flagged a doubt: chi_sim reads a name it has seldom seen sure and wrong
 * (科尔沁左愤中旗 for 左翼, 霍林郭勤市 for 郭勒 at fine resolution) as
 * often as a writer gives a name the table does not have (a new
 * district, a street named after a place), and a clerk tells which. */
static void
repair_places(struct ocr_line *ln, const struct extract_ocr_word *w)
{
	size_t n = ln->c->len;
	gunichar *u = g_new(gunichar, n + 1), *fix = g_new(gunichar, n + 1);
	bool *sure = g_new(bool, n + 1);

	for (size_t i = 0; i < n; i++) {
		u[i] = och_cp(at(ln, i));
		sure[i] = at(ln, i)->word < 0 ||
			  w[at(ln, i)->word].conf >= OCR_CONF_MIN_UNCHECKED;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = han(at(ln, i)) ? extract_places_fix(u, sure, n, i, fix, n) : 0;
		unsigned char doubt = 0;

		if (len == 0 && han(at(ln, i))) {
			len = extract_places_fix(u, NULL, n, i, fix, n);
			doubt = EXTRACT_OCR_DOUBT;
		}
		for (size_t k = 0; k < len; k++) {
			char b[8] = { 0 };

			if (fix[k] == u[i + k])
				continue;
			g_unichar_to_utf8(fix[k], b);
			replace_chars(ln, i + k, 1, b, EXTRACT_OCR_REPAIRED | doubt);
			u[i + k] = fix[k];
		}
		i += len > 0 ? len - 1 : 0;
	}
	g_free(u);
	g_free(fix);
	g_free(sure);
}

/* What chi_sim prints for a full-width bracket (（ as 〈 or 〈(). */
static void
fold_brackets(struct ocr_line *ln)
{
	for (size_t i = 0; i < ln->c->len; i++) {
		struct och *c = at(ln, i);

		if (strcmp(c->b, "〈") == 0)
			strcpy(c->b, "(");
		else if (strcmp(c->b, "〉") == 0)
			strcpy(c->b, ")");
		if (i > 0 && (strcmp(c->b, "(") == 0 || strcmp(c->b, ")") == 0) &&
		    strcmp(at(ln, i - 1)->b, c->b) == 0)
			g_array_remove_index(ln->c, (guint)i--);
	}
}

/* chi_sim reading English prints e as c and puts an L after a t
 * (Addrcss, Postcodc, NatLionality, Signcd): a line's Latin label before
 * its colon that is no label is tried with such letters put right, at
 * most LATIN_LABEL_MAX_C of its c's; the fewest changes that make a label
 * are taken.  A label is at most LATIN_LABEL_MAX characters. */
#define LATIN_LABEL_MAX 32
#define LATIN_LABEL_MAX_C 8

/* Whether s is a label as a whole. */
static bool
whole_label(const char *s)
{
	const char *end = s + strlen(s), *lend;

	return extract_lexicon_label_at(s, end, &lend) != NULL && lend == end;
}

static void
repair_latin_labels(struct ocr_line *ln)
{
	char read[LATIN_LABEL_MAX + 1], *best = NULL;
	size_t q = 0, r, n = 0, cs[LATIN_LABEL_MAX_C], n_c = 0;
	int best_bits = LATIN_LABEL_MAX_C + 1;
	bool dropped = false;

	while (q < ln->c->len && q <= LATIN_LABEL_MAX && !is_colon(och_cp(at(ln, q))))
		q++;
	if (q == 0 || q > LATIN_LABEL_MAX || q == ln->c->len)
		return;
	for (r = q; r > 0 && space(at(ln, r - 1)); r--)
		;
	for (size_t i = 0; i < r; i++) {
		gunichar u = och_cp(at(ln, i));

		if (!ascii_letter(u) && u != ' ')
			return;
		/* NatLionality: the L after a t is the model's. */
		if (u == 'L' && n > 0 && read[n - 1] == 't') {
			dropped = true;
			continue;
		}
		if (u == 'c' && n_c == LATIN_LABEL_MAX_C)
			return;
		if (u == 'c')
			cs[n_c++] = n;
		read[n++] = (char)u;
	}
	read[n] = '\0';
	if (n == 0 || (!dropped && whole_label(read)))
		return;
	for (unsigned mask = 0; mask < (1u << n_c); mask++) {
		char cand[LATIN_LABEL_MAX + 1];
		int bits = 0;

		memcpy(cand, read, n + 1);
		for (size_t k = 0; k < n_c; k++)
			if (mask & (1u << k)) {
				cand[cs[k]] = 'e';
				bits++;
			}
		if (bits < best_bits && whole_label(cand)) {
			g_free(best);
			best = g_strdup(cand);
			best_bits = bits;
		}
	}
	if (best != NULL)
		replace_chars(ln, 0, r, best, EXTRACT_OCR_REPAIRED);
	g_free(best);
}

/* Whether the field lab labels is written in digits or Latin letters (an
 * identity number, a postcode, a telephone or fax number, an e-mail
 * address). */
static bool
written_in_numbers(const struct extract_lexicon_label *lab)
{
	switch (lab->field) {
	case FLD_ID_NUMBER:
	case FLD_POSTCODE:
	case FLD_PHONE:
	case FLD_EMAIL:
	case FLD_FAX:
	case FLD_AGENT_PHONE:
		return true;
	default:
		return false;
	}
}

/* chi_sim now and then reads a label's colon as a comma (地址，内蒙古…:
 * the address was not read at all).  A line that starts with a form's
 * label as it is and then a comma is that label and its value.  Not a
 * label read with a character wrong, nor one field_label refuses, nor a
 * label of a number or e-mail address before anything else than a digit,
 * a Latin letter, + or ( (what labels.c takes a number from): a letter's
 * sentence wrapped at the page's edge goes
 * on in a line that starts with such a word and a comma (麻烦发我 /
 * 邮箱，谢谢。: the request for e-mail was read as the address 谢谢). */
static void
repair_label_comma(struct ocr_line *ln)
{
	GArray *offs;
	char *s;
	const char *lend;
	const struct extract_lexicon_label *lab;
	size_t q = 0, c, v;
	gunichar u;

	while (q < ln->c->len && han(at(ln, q)))
		q++;
	c = q < ln->c->len && space(at(ln, q)) ? q + 1 : q;
	if (q < 2 || c >= ln->c->len)
		return;
	u = och_cp(at(ln, c));
	if (u != ',' && u != 0xFF0C)
		return;
	v = next_solid(ln, c, 1);
	offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	s = line_string(ln, offs);
	lab = extract_lexicon_label_at(s, s + g_array_index(offs, size_t, q), &lend);
	if (field_label(lab) && lend == s + g_array_index(offs, size_t, q) &&
	    (!written_in_numbers(lab) ||
	     (v < ln->c->len && (extract_text_is_number_char(och_cp(at(ln, v))) ||
				 och_cp(at(ln, v)) == '+' || och_cp(at(ln, v)) == '('))))
		replace_chars(ln, c, 1, ":", 0);
	g_free(s);
	g_array_free(offs, TRUE);
}

/* Specks a fax prints between a label's characters that the model reads
 * as punctuation (名 ， 称 :). */
static const char *const label_specks[] = { ",", "，", "、", ".", "·", "'", "`" };

/* The Chinese run [r, q) before a colon preceded by a speck (spaces
 * around it) and more Chinese: the speck and its spaces taken out where
 * the two runs together end in a label as it is that holds a character
 * of the first.  *r_r: the joined run's start; returns how many characters
 * were taken out (q moves back as many). */
static size_t
drop_label_speck(struct ocr_line *ln, size_t *r_r, size_t q)
{
	size_t r = *r_r, p = r, r2, n;
	GString *run;
	bool found = false;

	while (p > 0 && space(at(ln, p - 1)))
		p--;
	if (p == 0 || !och_one_of(at(ln, p - 1), label_specks, G_N_ELEMENTS(label_specks)))
		return 0;
	p--;
	while (p > 0 && space(at(ln, p - 1)))
		p--;
	for (r2 = p; r2 > 0 && han(at(ln, r2 - 1)); r2--)
		;
	if (r2 == p || q - r < 1)
		return 0;
	run = g_string_new(NULL);
	for (size_t k = r2; k < p; k++)
		g_string_append(run, at(ln, k)->b);
	n = run->len;
	for (size_t k = r; k < q; k++)
		g_string_append(run, at(ln, k)->b);
	for (const char *s = run->str; s < run->str + n && !found;
	     s = g_utf8_next_char(s)) {
		const char *lend;

		found = extract_lexicon_label_at(s, run->str + run->len, &lend) != NULL &&
			lend == run->str + run->len;
	}
	g_string_free(run, TRUE);
	if (!found)
		return 0;
	g_array_remove_range(ln->c, (guint)p, (guint)(r - p));
	*r_r = r2;
	return r - p;
}

/* Every Chinese run before a colon: a label as read, put right (one
 * character wrong) or guessed from the value's shape, set apart from the
 * value before it on the line by padding, as the layout pass splits
 * fields (王建国证件名称:居民身份证: the model's space was too narrow). */
static void
repair_labels(struct ocr_line *ln, GPtrArray *doubts)
{
	for (size_t ci = 0; ci < ln->c->len; ci++) {
		size_t q = ci, r, len, start, gone;
		char *value;
		const char *guess;

		if (!is_colon(och_cp(at(ln, ci))))
			continue;
		if (q > 0 && space(at(ln, q - 1)))
			q--;
		for (r = q; r > 0 && han(at(ln, r - 1)); r--)
			;
		gone = drop_label_speck(ln, &r, q);
		q -= gone;
		ci -= gone;
		if (q - r < 2)
			continue;
		start = exact_label_tail(ln, r, q);
		len = q - r;
		if (start == SIZE_MAX &&
		    !fuzzy_label_run(ln, r, q, false, doubts, &len, &start)) {
			value = line_part(ln, ci + 1, ln->c->len);
			guess = guessed_label(skip_spaces(value));
			g_free(value);
			if (guess == NULL)
				continue;
			replace_chars(ln, r, q - r, guess, EXTRACT_OCR_GUESSED);
			len = (size_t)g_utf8_strlen(guess, -1);
			start = r;
		}
		ci = ci + len - (q - r);
		/* After a value's text only, not after a list number. */
		if (start > 0 && !(at(ln, start)->flags & EXTRACT_OCR_DOUBT) &&
		    (han(at(ln, start - 1)) ||
		     g_unichar_isalnum(och_cp(at(ln, start - 1))))) {
			struct och pad = { .b = " ", .word = -1 };

			g_array_insert_val(ln->c, (guint)start, pad);
			g_array_insert_val(ln->c, (guint)start, pad);
			ci += 2;
		}
	}
}

/* 申 read as 中 or 巾 (its stroke through the bottom lost) before 请 or
 * 领: 中请 and 中领 are no words, but 其中请 and 集中领取 are (其中,
 * 集中), so a character before them rules the reading out.  申请人 is a
 * label's, put right or not by repair_labels alone: 人 after them rules
 * it out too. */
static const char *const shen_read[] = { "中", "巾" };
static const char *const shen_next[] = { "请", "领" };
static const char *const shen_compound[] = { "其", "集" };
static const char *const shen_label[] = { "人" };

/* Puts 申 for 中 in 中请 and 中领, flagged a doubt: the field holding it
 * goes to a clerk, who sees the page. */
static void
repair_shen(struct ocr_line *ln)
{
	for (size_t i = 0; i + 1 < ln->c->len; i++)
		if (och_one_of(at(ln, i), shen_read, G_N_ELEMENTS(shen_read)) &&
		    och_one_of(at(ln, i + 1), shen_next, G_N_ELEMENTS(shen_next)) &&
		    !(i > 0 && och_one_of(at(ln, i - 1), shen_compound,
					  G_N_ELEMENTS(shen_compound))) &&
		    !(i + 2 < ln->c->len && och_one_of(at(ln, i + 2), shen_label,
						       G_N_ELEMENTS(shen_label))))
			replace_chars(ln, i, 1, "申",
				      EXTRACT_OCR_REPAIRED | EXTRACT_OCR_DOUBT);
}

/* Specks a fax prints after a label's colon that the model reads as
 * punctuation (申请人:,韩晓燕): no value starts with them. */
static const char *const value_specks[] = { ",", ".", ";", ":", "'", "`", "、", "。" };

/* Removes the specks between a label's colon and its value. */
static void
drop_value_specks(struct ocr_line *ln)
{
	for (size_t i = 0; i < ln->c->len; i++) {
		size_t v = i + 1;

		if (!is_colon(och_cp(at(ln, i))))
			continue;
		while (v < ln->c->len && space(at(ln, v)))
			v++;
		while (v + 1 < ln->c->len &&
		       och_one_of(at(ln, v), value_specks,
				  G_N_ELEMENTS(value_specks)) &&
		       !space(at(ln, v + 1)))
			g_array_remove_index(ln->c, (guint)v);
	}
}

/* A form's date cell read as its own line (申请时间, then 2026年11月20日
 * below): one line "label:date", as the reader takes a date field; alone,
 * a date label means "not dated". */
static void
join_date_cells(struct ocr_page *pg)
{
	for (guint l = 0; l + 1 < pg->lines->len; l++) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l);
		struct ocr_line *next = g_ptr_array_index(pg->lines, l + 1);
		char *s = line_string(ln, NULL), *below = line_string(next, NULL);
		const char *end = s + strlen(s), *lend;
		const struct extract_lexicon_label *lab =
			extract_lexicon_label_at(s, end, &lend);

		if (lab != NULL && lab->field == FLD_DATE && lend == end &&
		    !ln->header && !next->header && date_at_start(below)) {
			append_text(ln, ":", -1, 0);
			g_array_append_vals(ln->c, next->c->data, next->c->len);
			g_ptr_array_remove_index(pg->lines, l + 1);
		}
		g_free(s);
		g_free(below);
	}
}

/* --- the signature's area ------------------------------------------------ */

/* A signature label has at most this many characters before its 签名 or
 * 盖章 (申请人（, 申请单位). */
#define SIGN_LEAD_MAX_CHARS 5
/* The area runs below its label's line this many of that line's heights:
 * the office form's frame starts within 2 h under the label and is two
 * lines high (ink.c's SIGN_FRAME_BELOW, form.tpl's 申请人签名（盖章） 2),
 * and a seal stands within 3 h of it (ink.c's SEAL_NEAR). */
#define SIGN_AREA_BELOW_HEIGHTS 4.5
/* ... or, when the words have no boxes, this many lines. */
#define SIGN_AREA_MAX_LINES 2
/* A label with words beside it has its area on its line; but a hand read
 * there (no word of it read with EXTRACT_OCR_CONF_MIN) reaches below it
 * too, and the rule it was signed on (read “一 一 on the full test set's
 * noisy HylaFAX letter, taken for the signer's name: a second name for a
 * clerk) is a line under the hand: starting within SIGN_SPILL_BELOW_HEIGHTS
 * of the label line's heights (its words' span, the hand's box with them)
 * below it and no more than SIGN_SPILL_LEFT_HEIGHTS left of the hand, of
 * at most SIGN_SPILL_MAX_CHARS characters, none a digit or a Latin letter
 * (a date misread under the hand, 2O2b 缶 ll 曰, is a value a clerk looks
 * for, never the hand's), no word read with EXTRACT_OCR_CONF_MIN. */
#define SIGN_SPILL_BELOW_HEIGHTS 1.0
#define SIGN_SPILL_LEFT_HEIGHTS 1.0
#define SIGN_SPILL_MAX_CHARS 4

/* Whether the characters of ln at i are word; *n_r: how many they are. */
static bool
chars_are(const struct ocr_line *ln, size_t i, const char *word, size_t *n_r)
{
	size_t n = 0;

	for (const char *q = word; *q != '\0'; q = g_utf8_next_char(q), n++) {
		size_t len = (size_t)(g_utf8_next_char(q) - q);

		if (i + n >= ln->c->len || strlen(at(ln, i + n)->b) != len ||
		    memcmp(at(ln, i + n)->b, q, len) != 0)
			return false;
	}
	*n_r = n;
	return true;
}

/* The length of a signature word (签名, 盖章) at i of ln, 0 for none. */
static size_t
sign_word_at(const struct ocr_line *ln, size_t i)
{
	size_t n;

	for (size_t k = 0; k < extract_lexicon_ocr_sign_words_n; k++)
		if (chars_are(ln, i, extract_lexicon_ocr_sign_words[k], &n))
			return n;
	return 0;
}

static bool
is_char(const struct ocr_line *ln, size_t i, const char *c)
{
	return i < ln->c->len && strcmp(at(ln, i)->b, c) == 0;
}

/* What stands between a label and its value: a colon, a comma (chi_sim's
 * ： read as ，), a space. */
static bool
separator(const struct och *c)
{
	return space(c) || strcmp(c->b, ":") == 0 ||
	       strcmp(c->b, ",") == 0 || strcmp(c->b, ";") == 0;
}

/* The signature label s (Chinese alone) is as it is or with one
 * character wrong (申请人签名, 申请人签各), NULL when it is none; *weak_r:
 * whether it is only a signature word (签名, 盖章: words of a sentence
 * too) or read with a character wrong, a label only where a label's end
 * follows it.  (Only labels of FUZZY_MIN_CHARS or more are matched with
 * a character wrong, so a word is never taken for one: 签名 for 签各.) */
static const char *
sign_label(const char *s, bool *weak_r)
{
	const char *end = s + strlen(s), *lend;
	const struct extract_lexicon_label *lab = extract_lexicon_label_at(s, end, &lend);
	const GArray *labels = fuzzy_labels();
	glong n;
	gunichar *u = g_utf8_to_ucs4_fast(s, -1, &n);
	const char *found = lab != NULL && lend == end && lab->field == FLD_SIGNATURE ?
			    lab->text : NULL;

	*weak_r = found == NULL || n < FUZZY_MIN_CHARS;
	for (guint i = 0; i < labels->len && found == NULL; i++) {
		const struct fuzzy_label *f = &g_array_index(labels, struct fuzzy_label, i);

		if (f->lab->field == FLD_SIGNATURE &&
		    edit_distance_one(u, (size_t)n, f->u, f->n))
			found = f->lab->text;
	}
	g_free(u);
	return found;
}

/* Where the signature label that starts ln ends, with its note ((盖章),
 * 盖章) or a note whose ) was not read) and what separates it from the
 * signature (: , ，); 0 when ln starts with no signature label.  A
 * signature word alone (盖章页与附件清单: a request's wrapped line) or a
 * label read with a character wrong is one only where a label ends: a
 * separator, a note or the end of the line follows it.  *label_r: the
 * label as the lexicon writes it; *marked_r: whether a colon or a note
 * ends it, which makes it a label for the reader too. */
static size_t
sign_label_end(const struct ocr_line *ln, const char **label_r, bool *marked_r)
{
	GString *lead = g_string_new(NULL);
	size_t i = 0, n = 0, e = 0;
	bool weak = false;

	*marked_r = false;
	for (; i < ln->c->len && n <= SIGN_LEAD_MAX_CHARS; i++, n++) {
		size_t kw = sign_word_at(ln, i);

		if (kw > 0) {
			char *word = line_part(ln, i, i + kw);

			g_string_append(lead, word);
			g_free(word);
			*label_r = sign_label(lead->str, &weak);
			if (*label_r != NULL)
				e = i + kw;
			break;
		}
		if (han(at(ln, i)))
			g_string_append(lead, at(ln, i)->b);
		else if (!is_char(ln, i, "("))
			break;
	}
	g_string_free(lead, TRUE);
	if (e == 0)
		return 0;
	if (sign_word_at(ln, e) > 0)
		e += sign_word_at(ln, e);
	if (is_char(ln, e, "(")) {
		size_t k = e + 1;

		while (k < ln->c->len && k - e <= NOTE_MAX_CHARS && han(at(ln, k)))
			k++;
		if (is_char(ln, k, ")")) {
			e = k + 1;
			*marked_r = true;
		} else if (k == ln->c->len) {
			e = k;
			*marked_r = true;
		}
	} else if (is_char(ln, e, ")")) {
		e++;
		*marked_r = true;
	}
	if (weak && !*marked_r && e < ln->c->len && !separator(at(ln, e)))
		return 0;
	for (; e < ln->c->len && separator(at(ln, e)); e++)
		*marked_r |= is_char(ln, e, ":");
	return e;
}

/* The top and bottom of ln's words; false when they have no boxes. */
static bool
line_span(const struct ocr_line *ln, const struct extract_ocr_word *w,
	  long long *top_r, long long *bottom_r)
{
	bool found = false;

	for (guint i = 0; i < ln->c->len; i++) {
		const struct extract_ocr_word *x;

		if (at(ln, i)->word < 0)
			continue;
		x = &w[at(ln, i)->word];
		if (x->y1 <= x->y0)
			continue;
		*top_r = found ? MIN(*top_r, x->y0) : x->y0;
		*bottom_r = found ? MAX(*bottom_r, x->y1) : x->y1;
		found = true;
	}
	return found;
}

/* Whether ln is printed text that ends a signature's area: a label, a
 * date, a section's heading (五、), the form's notes or another
 * signature label. */
static bool
sign_area_stop(const struct ocr_line *ln)
{
	char *s = line_string(ln, NULL);
	const char *end = s + strlen(s), *lend;
	const char *label;
	bool marked;
	bool stop = ln->header || extract_lexicon_label_at(s, end, &lend) != NULL ||
		    date_at_start(s) || notes_line(ln) || sign_label_end(ln, &label, &marked) > 0 ||
		    (ln->c->len >= 2 && han(at(ln, 0)) && is_char(ln, 1, "、"));

	g_free(s);
	return stop;
}

/* Whether ln was read in frames whose printed label names no field (a
 * seal or a hand above a frame read as its label). */
static bool
unlabelled_frame(const struct ocr_line *ln, const struct extract_ocr_word *w)
{
	bool framed = ln->c->len > 0;

	for (guint i = 0; i < ln->c->len && framed; i++) {
		const char *label, *lend;

		if (at(ln, i)->word < 0)
			continue;
		label = w[at(ln, i)->word].cell_label;
		framed = label != NULL &&
			 extract_lexicon_label_at(label, label + strlen(label), &lend) == NULL;
	}
	return framed;
}

/* Where, after the signature label at the start of ln, another field
 * starts on the line (padding, then a label: 日期：); ln's length when
 * none does. */
static size_t
next_field(const struct ocr_line *ln, size_t from)
{
	GArray *offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	char *s = line_string(ln, offs);
	const char *end = s + strlen(s), *lend;
	size_t at_field = ln->c->len;

	for (size_t i = from; i < ln->c->len && at_field == ln->c->len; i++) {
		const char *p = s + g_array_index(offs, size_t, i);

		if (*p != ' ' && segment_start(s, p) &&
		    extract_lexicon_label_at(p, end, &lend) != NULL)
			at_field = i;
	}
	g_free(s);
	g_array_free(offs, TRUE);
	return at_field;
}

/* Characters that end a sentence: a value the reader joins over lines
 * ends at one (labels.c's sentence_done). */
static const char *const sentence_ends[] = { "。", "!", "?" };

/* The field of the last label on ln, FLD_OTHER for what ends a value
 * (the fax header, a closing such as 此致), or -1 when it has none. */
static int
line_field(const struct ocr_line *ln)
{
	GArray *offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	char *s = line_string(ln, offs);
	const char *end = s + strlen(s), *lend;
	int field = -1;

	if (ln->header)
		field = FLD_OTHER;
	for (size_t i = 0; i < extract_lexicon_closing_markers_n && field < 0; i++)
		if (g_str_has_prefix(s, extract_lexicon_closing_markers[i]))
			field = FLD_OTHER;
	for (size_t i = ln->c->len; i > 0 && field < 0; i--) {
		const char *p = s + g_array_index(offs, size_t, i - 1);
		const struct extract_lexicon_label *lab;

		if (*p != ' ' && segment_start(s, p) &&
		    (lab = extract_lexicon_label_at(p, end, &lend)) != NULL)
			field = lab->field;
	}
	g_free(s);
	g_array_free(offs, TRUE);
	return field;
}

/* Whether line l of pg goes on with a value the reader joins over lines
 * (a request, a purpose): the last label above it, with only lines
 * without one between, is such a field's, and the line before l ends
 * within a sentence.  A closing (此致) or the fax header ends it. */
static bool
value_goes_on(const struct ocr_page *pg, guint l)
{
	const struct ocr_line *prev = l > 0 ? g_ptr_array_index(pg->lines, l - 1) : NULL;
	int field = -1;

	if (prev == NULL || prev->c->len == 0 ||
	    och_one_of(at(prev, prev->c->len - 1), sentence_ends,
			G_N_ELEMENTS(sentence_ends)))
		return false;
	for (guint k = l; k > 0 && field < 0; k--)
		field = line_field(g_ptr_array_index(pg->lines, k - 1));
	return field == FLD_REQUEST || field == FLD_PURPOSE;
}

/* Specks a fax prints at the end of a line that the model reads as a
 * dot or a quote mark (执行时 . above 间): Chinese ends no clause with
 * them, so between Chinese characters of a value that goes on they are
 * noise. */
static const char *const wrap_specks[] = { ".", "'", "`" };

/* Removes the specks (and the spaces before them) that end a line between
 * Chinese, where the value goes on to the next line: the reader joins the
 * two lines and would keep the speck inside the value. */
static void
drop_wrap_specks(struct ocr_page *pg)
{
	for (guint l = 1; l < pg->lines->len; l++) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l - 1);
		const struct ocr_line *next = g_ptr_array_index(pg->lines, l);
		size_t e = ln->c->len, s;

		if (e == 0 || next->c->len == 0 || !han(at(next, 0)) ||
		    !och_one_of(at(ln, e - 1), wrap_specks, G_N_ELEMENTS(wrap_specks)))
			continue;
		for (s = e - 1; s > 0 && space(at(ln, s - 1)); s--)
			;
		if (s > 0 && han(at(ln, s - 1)) && line_field(next) < 0 &&
		    value_goes_on(pg, l))
			g_array_remove_range(ln->c, (guint)s, (guint)(e - s));
	}
}

/* A letter's line that ends this many of its text heights or less short
 * of the page's right margin was filled to it: a Chinese sentence breaks
 * before any character, so a wrapped line ends less than one character's
 * width short of the margin (0.67 heights: 此信息用 / 于本人…, the 于 did
 * not fit); a paragraph's last line may end as near (…电话：13624753391,
 * 1.09 heights short, no stop), so the line below must start nothing of
 * its own. */
#define WRAP_FULL_HEIGHTS 1.0
/* ... and is this many text heights wide at least: a fax page's text is
 * 35-45 Chinese characters wide (0.8-1 heights each); on a page of short
 * lines (a form's, a cover's) the longest is no margin.  The margin is
 * the page's where two lines reach it, or where the line below the one
 * that reaches it is as wide: the longest line of a form (an address,
 * above a misread label 节政织铭) is no wrap. */
#define WRAP_MIN_HEIGHTS 20
/* A line starting this many text heights or more right of the page's left
 * margin is indented: a paragraph of its own. */
#define WRAP_INDENT_HEIGHTS 0.5

/* Where the words of ln stand: its left and right edges and its median
 * text height; false when it has no word with a box, or a word inside a
 * form's frame (build_pages joins a frame's lines itself). */
static bool
line_extent(const struct ocr_line *ln, const struct extract_ocr_word *w,
	    long long *x0_r, long long *x1_r, long long *h_r)
{
	int from = -1, to = -1;

	for (guint i = 0; i < ln->c->len; i++) {
		int k = at(ln, i)->word;

		if (k < 0 || w[k].x1 <= w[k].x0)
			continue;
		if (w[k].cell_label != NULL)
			return false;
		*x0_r = from < 0 ? w[k].x0 : MIN(*x0_r, w[k].x0);
		*x1_r = from < 0 ? w[k].x1 : MAX(*x1_r, w[k].x1);
		from = from < 0 ? k : MIN(from, k);
		to = MAX(to, k);
	}
	if (from < 0)
		return false;
	*h_r = line_height(w, (size_t)from, (size_t)to + 1);
	return *h_r > 0;
}

/* Whether a line from x0 to x1, its text h high, reaches the margin
 * right: wide enough to be a page's line, and filled to it. */
static bool
line_full(long long x0, long long x1, long long h, long long right)
{
	return x1 - x0 >= WRAP_MIN_HEIGHTS * h &&
	       (double)(right - x1) <= WRAP_FULL_HEIGHTS * (double)h;
}

/* Whether ln starts with a label, a closing (此致, 申请人), a date or a
 * list's mark (2、, (1)).
 * With comma_goes_on, a label's word followed by a comma (邮箱，谢谢。)
 * does not count: a sentence's words, which a wrapped line may start
 * with. */
static bool
starts_own(const struct ocr_line *ln, bool comma_goes_on)
{
	char *s = line_string(ln, NULL);
	const char *end = s + strlen(s), *lend, *p;
	const struct extract_lexicon_label *lab;
	bool own = date_at_start(s) || extract_layout_skip_bullet(s, end) != s;

	for (size_t i = 0; i < extract_lexicon_closing_markers_n && !own; i++)
		own = g_str_has_prefix(s, extract_lexicon_closing_markers[i]);
	lab = own ? NULL : extract_lexicon_label_at(s, end, &lend);
	/* 我叫, 本人: a sentence's own words. */
	if (lab != NULL && lab->prose != P_ONLY && lab->prose != P_CLAUSE) {
		for (p = lend; *p == ' '; p++)
			;
		own = !comma_goes_on || (*p != ',' && !g_str_has_prefix(p, "，"));
	}
	g_free(s);
	return own;
}

/* Joins the lines of a letter's sentence that the page wrapped: a line
 * filled to the page's right margin (WRAP_FULL_HEIGHTS) that ends no
 * sentence goes on in the next line, when neither starts with anything of
 * its own (starts_own: a form's labelled value wraps as labels.c reads
 * it) and the next is not indented and starts with a Chinese character
 * or a digit.  The reader's own joining is a mail client's (60 to 80
 * columns): a fax's line holds 35-45 Chinese characters, fewer with an
 * identity number in it (我叫高文静，身份证号…，住址通辽市 / 库伦旗…: the
 * address was not found).  Lines in a form's frames and the fax header
 * are left as they are. */
static void
join_wrapped_lines(struct ocr_page *pg, const struct extract_ocr_word *w)
{
	guint n = pg->lines->len;
	long long *x0 = g_new0(long long, n), *x1 = g_new0(long long, n),
		  *h = g_new0(long long, n), left = 0, right = 0;
	bool *laid = g_new0(bool, n), any = false;
	unsigned full = 0;

	for (guint l = 0; l < n; l++) {
		const struct ocr_line *ln = g_ptr_array_index(pg->lines, l);

		laid[l] = !ln->header && line_extent(ln, w, &x0[l], &x1[l], &h[l]);
		if (!laid[l])
			continue;
		left = any ? MIN(left, x0[l]) : x0[l];
		right = any ? MAX(right, x1[l]) : x1[l];
		any = true;
	}
	for (guint l = 0; l < n; l++)
		full += laid[l] && line_full(x0[l], x1[l], h[l], right);
	for (guint l = n; l-- > 1;) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l - 1);
		struct ocr_line *next = g_ptr_array_index(pg->lines, l);
		size_t e = ln->c->len;
		gunichar last, first;

		if (!laid[l - 1] || !laid[l] || e == 0 || next->c->len == 0 ||
		    !line_full(x0[l - 1], x1[l - 1], h[l - 1], right) ||
		    (full < 2 && x1[l] - x0[l] < WRAP_MIN_HEIGHTS * h[l]) ||
		    (double)(x0[l] - left) >= WRAP_INDENT_HEIGHTS * (double)h[l])
			continue;
		last = och_cp(at(ln, e - 1));
		first = och_cp(at(next, 0));
		if (och_one_of(at(ln, e - 1), sentence_ends, G_N_ELEMENTS(sentence_ends)) ||
		    is_colon(last) || !(han(at(next, 0)) || digit(first)) ||
		    starts_own(ln, false) || starts_own(next, true))
			continue;
		g_array_append_vals(ln->c, next->c->data, next->c->len);
		ln->joined = true;
		g_ptr_array_remove_index(pg->lines, l);
	}
	g_free(x0);
	g_free(x1);
	g_free(h);
	g_free(laid);
}

/* How many words the characters [from, to) of ln come from (the
 * characters of a word stand together). */
static unsigned
words_in(const struct ocr_line *ln, size_t from, size_t to)
{
	unsigned n = 0;
	int last = -1;

	for (size_t i = from; i < to && i < ln->c->len; i++) {
		int word = at(ln, i)->word;

		n += word >= 0 && word != last;
		if (word >= 0)
			last = word;
	}
	return n;
}

/* Where the words beside a signature label, ln's characters [from, to),
 * start (*x0_r), when they have boxes and none was read with
 * EXTRACT_OCR_CONF_MIN: a hand read as letters.  False when there are
 * none. */
static bool
hand_beside(const struct ocr_line *ln, const struct extract_ocr_word *w, size_t from,
	    size_t to, long long *x0_r)
{
	bool any = false;

	for (size_t i = from; i < to && i < ln->c->len; i++) {
		int k = at(ln, i)->word;

		if (k < 0)
			continue;
		if (w[k].conf >= EXTRACT_OCR_CONF_MIN || w[k].x1 <= w[k].x0)
			return false;
		*x0_r = any ? MIN(*x0_r, w[k].x0) : w[k].x0;
		any = true;
	}
	return any;
}

/* Whether below is the hand's too: under the hand beside a signature
 * label (starting at hand_x0) on a line spanning top to bottom
 * (SIGN_SPILL_BELOW_HEIGHTS and the rest). */
static bool
hand_below(const struct ocr_line *below, const struct extract_ocr_word *w,
	   long long top, long long bottom, long long hand_x0)
{
	long long x0, x1, h, below_top, below_bottom;
	size_t chars = 0;

	if (!line_extent(below, w, &x0, &x1, &h) ||
	    !line_span(below, w, &below_top, &below_bottom) ||
	    (double)(below_top - bottom) > SIGN_SPILL_BELOW_HEIGHTS * (double)(bottom - top) ||
	    (double)(hand_x0 - x0) > SIGN_SPILL_LEFT_HEIGHTS * (double)(bottom - top))
		return false;
	for (guint i = 0; i < below->c->len; i++) {
		const struct och *c = at(below, i);

		if (space(c))
			continue;
		if (++chars > SIGN_SPILL_MAX_CHARS ||
		    extract_text_is_number_char(och_cp(c)) ||
		    (c->word >= 0 && w[c->word].conf >= EXTRACT_OCR_CONF_MIN))
			return false;
	}
	return true;
}

/* Leaves every signature label of pg empty, as the lexicon writes it: its
 * area, the rest of its line and the lines below it within its frame, is
 * left out.  What chi_sim prints for a hand or a seal (0.AAA, ooQ, a name
 * in a hand it misreads) is neither a name, a value nor a doubt: the OCR
 * module's ink says whether the form is signed.  A label without a colon
 * or note under a value that goes on (签字  确认的补充协议 under a
 * request) may be that value's next line: what its area takes is a
 * doubt (doubts), not a value cut short with confidence.  Returns how
 * many labels were emptied; adds to *words_r the words left out with
 * them, ink the signature's measure must agree with as a frame's, and to
 * *spill_r those of lines under a hand (hand_below), every one unsure. */
static unsigned
drop_sign_areas(struct ocr_page *pg, const struct extract_ocr_word *w,
		GPtrArray *doubts, unsigned *words_r, unsigned *spill_r)
{
	const struct och pad = { .b = " ", .word = -1 };
	unsigned found = 0;

	for (guint l = 0; l < pg->lines->len; l++) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l);
		const char *label = NULL;
		bool marked;
		size_t e = ln->header ? 0 : sign_label_end(ln, &label, &marked), rest;
		long long top, bottom, below_top, below_bottom, hand_x0 = 0;
		bool boxed, taken = false, joined, hand;
		unsigned lines = 0;
		char *with_colon;

		if (e == 0)
			continue;
		found++;
		joined = !marked && value_goes_on(pg, l);
		boxed = line_span(ln, w, &top, &bottom);
		rest = next_field(ln, e);
		hand = boxed && hand_beside(ln, w, e, rest, &hand_x0);
		/* A label with its signature beside it has no area below but
		 * the frames under it (a seal read as the label of its own
		 * frame) and a line under a hand read beside it (hand_below);
		 * one alone on its line is a cell, its area the frame under
		 * it. */
		while (l + 1 < pg->lines->len) {
			struct ocr_line *below = g_ptr_array_index(pg->lines, l + 1);
			bool spill = e < ln->c->len && !unlabelled_frame(below, w);

			if (sign_area_stop(below) ||
			    (spill && !(hand && hand_below(below, w, top, bottom, hand_x0))))
				break;
			if (boxed && line_span(below, w, &below_top, &below_bottom)
			    ? (double)(below_top - bottom) >
			      SIGN_AREA_BELOW_HEIGHTS * (double)(bottom - top)
			    : ++lines > SIGN_AREA_MAX_LINES)
				break;
			*words_r += words_in(below, 0, below->c->len);
			if (spill)
				*spill_r += words_in(below, 0, below->c->len);
			g_ptr_array_remove_index(pg->lines, l + 1);
			taken = true;
		}
		/* The label stays, empty: the reader then knows the
		 * signature's place and guesses no signer from the lines
		 * around it (敬礼 read as 克礼 before it). */
		taken |= rest > e;
		*words_r += words_in(ln, e, rest);
		if (joined && taken) {
			char *read = line_part(ln, 0, e);

			g_ptr_array_add(doubts, g_strdup_printf(
				"a line under a value that goes on starts with "
				"the signature word %s without a colon: its words "
				"were left out as the signature's, the value above "
				"may be cut", g_strstrip(read)));
			g_free(read);
		}
		g_array_remove_range(ln->c, (guint)e, (guint)(rest - e));
		with_colon = g_strconcat(label, ":", NULL);
		replace_chars(ln, 0, e, with_colon, 0);
		g_free(with_colon);
		e = (size_t)g_utf8_strlen(label, -1) + 1;
		if (e < ln->c->len) {
			g_array_insert_val(ln->c, (guint)e, pad);
			g_array_insert_val(ln->c, (guint)e, pad);
		}
	}
	return found;
}

/* --- the form's printed hints -------------------------------------------- */

/* A hint of fewer characters than this must be read exactly (选填); a
 * longer one is taken with up to half its characters misread, inserted
 * or lost: chi_sim read 必填：请写明信息的名称、文号或者其他特征描述 as
 * 必撕:请写骨信和避的名称、六与或首革他特秆描述 at normal resolution,
 * and no applicant writes twenty characters that close to it in
 * brackets after a label. */
#define HINT_FUZZY_MIN_CHARS 6
/* A label before a hint is put right with up to this fraction of its
 * characters wrong (所需信总的内容朱述): the hint says which label it is. */
#define HINT_LABEL_MAX_WRONG 0.34

/* Levenshtein distance of a and b (characters). */
static size_t
edit_distance(const gunichar *a, size_t na, const gunichar *b, size_t nb)
{
	size_t *row = g_new(size_t, nb + 1), d;

	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];

			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1),
				     diag + (a[i - 1] != b[j - 1]));
			diag = up;
		}
	}
	d = row[nb];
	g_free(row);
	return d;
}

/* The Chinese characters of [i, j) of ln, appended to u. */
static void
han_of(const struct ocr_line *ln, size_t i, size_t j, GArray *u)
{
	for (size_t k = i; k < j && k < ln->c->len; k++)
		if (han(at(ln, k))) {
			gunichar c = och_cp(at(ln, k));

			g_array_append_val(u, c);
		}
}

/* The hint (extract_lexicon_ocr_label_hints) the Chinese characters u
 * are, -1 for none; of two rows with the hint, the one whose label is
 * closest to label (the run before the bracket). */
static int
hint_of(const GArray *u, const GArray *label)
{
	int found = -1;
	size_t best = SIZE_MAX;

	for (size_t k = 0; k < extract_lexicon_ocr_label_hints_n; k++) {
		glong nh, nl;
		gunichar *h = g_utf8_to_ucs4_fast(extract_lexicon_ocr_label_hints[k].read, -1, &nh);
		gunichar *l = g_utf8_to_ucs4_fast(extract_lexicon_ocr_label_hints[k].meant, -1, &nl);
		size_t d = edit_distance((const gunichar *)(const void *)u->data, u->len,
					 h, (size_t)nh);
		size_t dl = edit_distance((const gunichar *)(const void *)label->data,
					  label->len, l, (size_t)nl);

		if ((nh < HINT_FUZZY_MIN_CHARS ? d == 0 : 2 * d <= (size_t)nh) &&
		    dl < best) {
			found = (int)k;
			best = dl;
		}
		g_free(h);
		g_free(l);
	}
	return found;
}

/* The office form's hint in brackets after a label ((必填：请写明信息的
 * 名称、文号或者其他特征描述), running onto the next line as the form
 * prints it) is printed text, never a value: it is left out, the label
 * before it put right when it is close to the hint's, and a colon put
 * where the value follows on the line. */
static void
strip_hints(struct ocr_page *pg)
{
	for (guint l = 0; l < pg->lines->len; l++) {
		struct ocr_line *ln = g_ptr_array_index(pg->lines, l), *next = NULL;
		GArray *u = g_array_new(FALSE, FALSE, sizeof(gunichar));
		GArray *label = g_array_new(FALSE, FALSE, sizeof(gunichar));
		size_t open = 0, close = SIZE_MAX, r;
		int k;

		while (open < ln->c->len && !is_char(ln, open, "("))
			open++;
		for (r = open; r > 0 && han(at(ln, r - 1)); r--)
			;
		if (open < ln->c->len && open - r >= 2 && !ln->header &&
		    (r == 0 || space(at(ln, r - 1)))) {
			for (close = open + 1; close < ln->c->len && !is_char(ln, close, ")");)
				close++;
			han_of(ln, open + 1, close, u);
			if (close == ln->c->len && l + 1 < pg->lines->len) {
				next = g_ptr_array_index(pg->lines, l + 1);
				for (close = 0; close < next->c->len && !is_char(next, close, ")");)
					close++;
				if (close == next->c->len)
					close = SIZE_MAX;
				else
					han_of(next, 0, close, u);
			} else if (close == ln->c->len) {
				/* Not closed on the page's last line: no hint
				 * to take out, the text stays as read. */
				close = SIZE_MAX;
			}
			han_of(ln, r, open, label);
		}
		k = close == SIZE_MAX ? -1 : hint_of(u, label);
		g_array_free(u, TRUE);
		if (k >= 0) {
			const char *want = extract_lexicon_ocr_label_hints[k].meant;
			glong nl;
			gunichar *lu = g_utf8_to_ucs4_fast(want, -1, &nl);
			size_t d = edit_distance((const gunichar *)(const void *)label->data,
						 label->len, lu, (size_t)nl);
			struct och colon = { .b = ":", .word = -1 };

			g_free(lu);
			if (next != NULL) {
				g_array_remove_range(ln->c, (guint)open, ln->c->len - (guint)open);
				g_array_append_vals(ln->c, &g_array_index(next->c, struct och, close + 1),
						    next->c->len - (guint)close - 1);
				g_ptr_array_remove_index(pg->lines, l + 1);
			} else {
				g_array_remove_range(ln->c, (guint)open, (guint)(close + 1 - open));
			}
			if (d > 0 && (double)d <= HINT_LABEL_MAX_WRONG * (double)nl) {
				replace_chars(ln, r, open - r, want, EXTRACT_OCR_REPAIRED);
				open = r + (size_t)nl;
			}
			while (open < ln->c->len && separator(at(ln, open)))
				g_array_remove_index(ln->c, (guint)open);
			if (open < ln->c->len)
				g_array_insert_val(ln->c, (guint)open, colon);
		}
		g_array_free(label, TRUE);
	}
}

/* --- the text ------------------------------------------------------------ */

static void
emit_line(GString *text, GArray *word, GArray *flags, const struct ocr_line *ln)
{
	for (guint i = 0; i < ln->c->len; i++) {
		const struct och *c = at(ln, i);

		for (size_t k = 0; c->b[k] != '\0'; k++) {
			g_string_append_c(text, c->b[k]);
			g_array_append_val(word, c->word);
			g_array_append_val(flags, c->flags);
		}
	}
}

static void
emit_break(GString *text, GArray *word, GArray *flags)
{
	int none = -1;
	unsigned char f = 0;

	g_string_append_c(text, '\n');
	g_array_append_val(word, none);
	g_array_append_val(flags, f);
}

void
extract_ocr_front(const struct extract_ocr_word *words, size_t n,
		  const char *today, struct extract_ocr_text *out)
{
	unsigned sign_frames, sign_words;
	GPtrArray *pages = build_pages(words, n, &sign_frames, &sign_words);
	GString *text = g_string_new(NULL);
	GArray *word = g_array_new(FALSE, FALSE, sizeof(int));
	GArray *flags = g_array_new(FALSE, FALSE, sizeof(unsigned char));
	bool *seen = g_new0(bool, n + 1);
	unsigned covers = 0;

	memset(out, 0, sizeof(*out));
	out->doubts = g_ptr_array_new_with_free_func(g_free);
	out->sign_areas = sign_frames;
	out->sign_words = sign_words;
	for (guint p = 0; p < pages->len; p++) {
		struct ocr_page *pg = g_ptr_array_index(pages, p);

		for (guint l = 0; l < pg->lines->len && l < TSI_MAX_LINE; l++) {
			struct ocr_line *ln = g_ptr_array_index(pg->lines, l);
			char *s = line_string(ln, NULL);

			ln->header = header_line(s);
			out->header_lines += ln->header;
			g_free(s);
		}
		mark_header_rest(pg, words, &out->header_lines);
		pg->cover = cover_page(pg);
		covers += pg->cover;
		for (guint l = 0; l < pg->lines->len; l++) {
			drop_specks(g_ptr_array_index(pg->lines, l));
			fold_brackets(g_ptr_array_index(pg->lines, l));
		}
		strip_hints(pg);
		for (guint l = 0; l < pg->lines->len; l++) {
			struct ocr_line *ln = g_ptr_array_index(pg->lines, l);

			repair_bare_label(ln, out->doubts);
			repair_closing(ln, l > 0 ? g_ptr_array_index(pg->lines, l - 1) : NULL,
				       words);
			repair_dates(ln);
			repair_cn_dates(ln);
			join_spaced_ids(ln, today);
			repair_ids(ln, today, out->doubts);
			repair_uscc(ln, out->doubts);
			repair_label_comma(ln);
			repair_latin_labels(ln);
			repair_places(ln, words);
			repair_labels(ln, out->doubts);
			repair_shen(ln);
			repair_name_dots(ln);
			drop_value_specks(ln);
		}
		out->sign_areas += drop_sign_areas(pg, words, out->doubts,
						   &out->sign_area_words, &out->low_words);
		join_date_cells(pg);
		drop_wrap_specks(pg);
		join_wrapped_lines(pg, words);
		/* A division's name the page wrapped (科尔沁左愤中 / 旗). */
		for (guint l = 0; l < pg->lines->len; l++) {
			struct ocr_line *ln = g_ptr_array_index(pg->lines, l);

			if (ln->joined)
				repair_places(ln, words);
		}
	}
	/* A fax of its cover page alone is read, so that what it says is
	 * not lost: a clerk decides. */
	if (covers == pages->len && covers > 0)
		g_ptr_array_add(out->doubts, g_strdup(
			"the fax holds only a cover page"));
	for (guint p = 0; p < pages->len; p++) {
		const struct ocr_page *pg = g_ptr_array_index(pages, p);

		if (pg->cover && covers < pages->len) {
			out->cover_pages++;
			continue;
		}
		if (text->len > 0)
			emit_break(text, word, flags);
		for (guint l = 0; l < pg->lines->len; l++) {
			const struct ocr_line *ln = g_ptr_array_index(pg->lines, l);

			if (notes_line(ln))
				break;
			if (ln->header)
				continue;
			emit_line(text, word, flags, ln);
			emit_break(text, word, flags);
		}
	}
	for (guint i = 0; i < word->len; i++) {
		int w = g_array_index(word, int, i);

		if (w >= 0 && !seen[w]) {
			seen[w] = true;
			out->low_words += words[w].conf < EXTRACT_OCR_CONF_MIN;
		}
	}
	g_free(seen);
	g_ptr_array_free(pages, TRUE);
	out->len = text->len;
	out->text = g_string_free(text, FALSE);
	out->word = (int *)(void *)g_array_free(word, FALSE);
	out->flags = (unsigned char *)g_array_free(flags, FALSE);
}

void
extract_ocr_text_clear(struct extract_ocr_text *t)
{
	if (t == NULL)
		return;
	g_free(t->text);
	g_free(t->word);
	g_free(t->flags);
	if (t->doubts != NULL)
		g_ptr_array_free(t->doubts, TRUE);
	memset(t, 0, sizeof(*t));
}

/* --- values traced to their words --------------------------------------- */

/* A character as values are compared with the text: white space, rules
 * and separators are skipped (a value is trimmed, joined across lines, its
 * number written without spaces or hyphens), ASCII letters lowercased. */
struct skel_char {
	gunichar u;
	size_t off, len;
};

static GArray *
skeleton(const char *s, size_t n)
{
	GArray *sk = g_array_new(FALSE, FALSE, sizeof(struct skel_char));
	const char *end = s + n;

	for (const char *p = s; p < end;) {
		const char *next = extract_text_next_char(p, end);
		gunichar u = extract_text_char_at(p, end);

		if (u != 0 && !g_unichar_isspace(u) && strchr("|-_\t", (int)(u < 0x80 ? u : 'a')) == NULL) {
			struct skel_char c = { g_unichar_tolower(u),
					       (size_t)(p - s), (size_t)(next - p) };

			g_array_append_val(sk, c);
		}
		p = next;
	}
	return sk;
}

struct trace {
	bool found;
	int conf;              /* the lowest of the words' */
	bool plain;            /* some word of it is not vouched for */
	unsigned char flags;   /* of the value's bytes, and the doubts and
	                          guesses of its label */
};

/* Whether clause punctuation (。、,;!? …: extract_text_clause_end_len)
 * ends at text[at]. */
static bool
clause_ends_at(const char *text, size_t at)
{
	for (size_t len = 1; len <= 3 && len <= at; len++)
		if (extract_text_clause_end_len(text + at - len, text + at) == len)
			return true;
	return false;
}

static void
trace_range(const struct extract_ocr_text *t, const struct extract_ocr_word *w,
	    size_t from, size_t to, struct trace *tr)
{
	size_t seg = from;

	for (size_t b = from; b < to && b < t->len; b++) {
		if (t->word[b] >= 0) {
			tr->conf = tr->found ? MIN(tr->conf, w[t->word[b]].conf) :
				   w[t->word[b]].conf;
			tr->plain |= !w[t->word[b]].vouched;
			tr->found = true;
		}
		tr->flags |= t->flags[b];
	}
	/* The label the value was read after: from the field's start on
	 * its line (the line's start, padding, or the end of the clause
	 * before it: a letter's line holds more than one field, and a doubt
	 * about the address is none about the telephone after it). */
	while (seg > 0 && t->text[seg - 1] != '\n' &&
	       !(seg >= 2 && t->text[seg - 1] == ' ' && t->text[seg - 2] == ' ') &&
	       !clause_ends_at(t->text, seg))
		seg--;
	for (size_t b = seg; b < from; b++)
		tr->flags |= t->flags[b] & (EXTRACT_OCR_DOUBT | EXTRACT_OCR_GUESSED);
}

static void
trace_merge(struct trace *into, const struct trace *tr)
{
	if (!tr->found)
		return;
	into->conf = into->found ? MIN(into->conf, tr->conf) : tr->conf;
	into->plain |= tr->plain;
	into->found = true;
	into->flags |= tr->flags;
}

/* The line of text around byte b: [*start_r, *end_r). */
static void
text_line(const struct extract_ocr_text *t, size_t b, size_t *start_r,
	  size_t *end_r)
{
	size_t s = b, e = b;

	while (s > 0 && t->text[s - 1] != '\n')
		s--;
	while (e < t->len && t->text[e] != '\n')
		e++;
	*start_r = s;
	*end_r = e;
}

/* The characters a line of the text and the reader's line (info.line,
 * which may be several lines joined) must agree on to be one. */
#define LINE_HINT_CHARS 8

static bool
same_line(const struct extract_ocr_text *t, size_t start, size_t end,
	  const GArray *hint)
{
	GArray *sk = skeleton(t->text + start, end - start);
	size_t n = MIN(LINE_HINT_CHARS, MIN(sk->len, hint->len));
	bool same = n > 0;

	for (size_t i = 0; i < n && same; i++)
		same = g_array_index(sk, struct skel_char, i).u ==
		       g_array_index(hint, struct skel_char, i).u;
	g_array_free(sk, TRUE);
	return same;
}

/* Where value was read in t: its occurrences on the reader's line when
 * there are some, else all its occurrences (the lowest confidence of
 * them), else the reader's line as a whole (a value the reader rewrote: a
 * date, a ticked option). */
static struct trace
trace_value(const struct extract_ocr_text *t, const GArray *tsk,
	    const struct extract_ocr_word *w, const char *value,
	    const char *line)
{
	GArray *vsk = skeleton(value, strlen(value));
	GArray *hint = skeleton(line != NULL ? line : "", line != NULL ? strlen(line) : 0);
	struct trace on_line = { 0 }, anywhere = { 0 };

	for (size_t i = 0; vsk->len > 0 && i + vsk->len <= tsk->len; i++) {
		struct trace tr = { 0 };
		size_t k = 0, a, b, ls, le;

		while (k < vsk->len &&
		       g_array_index(tsk, struct skel_char, i + k).u ==
		       g_array_index(vsk, struct skel_char, k).u)
			k++;
		if (k < vsk->len)
			continue;
		a = g_array_index(tsk, struct skel_char, i).off;
		b = g_array_index(tsk, struct skel_char, i + k - 1).off +
		    g_array_index(tsk, struct skel_char, i + k - 1).len;
		trace_range(t, w, a, b, &tr);
		trace_merge(&anywhere, &tr);
		text_line(t, a, &ls, &le);
		if (same_line(t, ls, le, hint))
			trace_merge(&on_line, &tr);
	}
	if (!on_line.found && !anywhere.found && hint->len > 0)
		for (size_t ls = 0; ls < t->len;) {
			size_t s, le;

			text_line(t, ls, &s, &le);
			if (same_line(t, s, le, hint)) {
				struct trace tr = { 0 };

				trace_range(t, w, s, le, &tr);
				trace_merge(&on_line, &tr);
			}
			ls = le + 1;
		}
	g_array_free(vsk, TRUE);
	g_array_free(hint, TRUE);
	return on_line.found ? on_line : anywhere;
}

/* The date "YYYY-MM-DD" as the text writes it (2026年11月20日,
 * 2026-11-20, 2026/11/20, 2026.11.20, with or without leading zeros),
 * the first form found; the date itself when none is. */
static char *
date_as_written(const char *date, const struct extract_ocr_text *t)
{
	static const char *const seps[][3] = {
		{ "年", "月", "日" }, { "-", "-", "" }, { "/", "/", "" },
		{ ".", ".", "" },
	};
	int y, m, d;

	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return NULL;
	for (size_t i = 0; i < 2 * G_N_ELEMENTS(seps); i++) {
		const char *const *sep = seps[i / 2];
		char *v = g_strdup_printf(i % 2 ? "%d%s%02d%s%02d%s" :
					  "%d%s%d%s%d%s", y, sep[0], m, sep[1],
					  d, sep[2]);

		if (strstr(t->text, v) != NULL)
			return v;
		g_free(v);
	}
	return g_strdup(date);
}

/* The invalid bit of a field, 0 for none. */
static unsigned
invalid_bit(enum extract_field f)
{
	switch (f) {
	case EXTRACT_FIELD_ID_NUMBER:
		return EXTRACT_INVALID_ID_NUMBER;
	case EXTRACT_FIELD_DATE:
		return EXTRACT_INVALID_DATE;
	case EXTRACT_FIELD_POSTCODE:
		return EXTRACT_INVALID_POSTCODE;
	case EXTRACT_FIELD_PHONE:
		return EXTRACT_INVALID_PHONE;
	case EXTRACT_FIELD_EMAIL:
		return EXTRACT_INVALID_EMAIL;
	default:
		return 0;
	}
}

/* What a rule lowered for its OCR words starts with. */
#define OCR_RULE_PREFIX "ocr:"

static int
conf_min(enum extract_field f)
{
	return f == EXTRACT_FIELD_ID_NUMBER || f == EXTRACT_FIELD_DATE ?
	       EXTRACT_OCR_CONF_MIN : OCR_CONF_MIN_UNCHECKED;
}

/* Whether value holds a digit or a Latin letter (either width). */
static bool
has_digit_or_latin(const char *value)
{
	for (const char *p = value; *p != '\0'; p = g_utf8_next_char(p))
		if (extract_text_is_number_char(g_utf8_get_char(p)))
			return true;
	return false;
}

/* Whether field f's value, every word of it vouched for (struct
 * extract_ocr_word), is taken as read whatever its confidence: long
 * Chinese text, whose confidences say little (exact addresses and
 * requests scored 0-70) and whose vouched values were right in every
 * measured case (generated full and held-out fax sets, 80 faxes).  Not
 * names, numbers, e-mail, dates or delivery choices: the two models share
 * their misreadings there -- on the held-out set the rare surname 禤 was
 * read 神 by all three readings (8 faxes; one registered with no clerk
 * when vouching raised it), and both chi_sim readings read a phone's 9 as
 * 0.  Nor an address with a house, building or room number in it: the
 * address routes letters by post, and a digit misread alike would send one
 * to a neighbour's door (review13-c #2); a request's year is read by the
 * clerk who answers it. */
static bool
vouch_counts(enum extract_field f, const char *value)
{
	if (f == EXTRACT_FIELD_ADDRESS)
		return !has_digit_or_latin(value);
	return f == EXTRACT_FIELD_REQUEST || f == EXTRACT_FIELD_PURPOSE;
}

/* Why field f, read from the OCR text, is a doubt; NULL when it is not. */
static char *
field_doubt(const struct extract_record *rec, enum extract_field f,
	    const struct trace *tr)
{
	const char *name = extract_field_name(f);
	char *value = extract_field_text(rec, f), *shown, *why = NULL;

	if (value == NULL)
		return NULL;
	shown = extract_reason_value(value);
	if (tr->flags & EXTRACT_OCR_DOUBT)
		why = g_strdup_printf("%s: the OCR reading is doubtful: %s", name, shown);
	else if (tr->flags & EXTRACT_OCR_GUESSED)
		why = g_strdup_printf("%s: its label was unreadable, the value "
				      "taken by its shape: %s", name, shown);
	else if (invalid_bit(f) & rec->invalid)
		why = g_strdup_printf("%s is not valid as read by OCR (a "
				      "character may be misread): %s", name, shown);
	else if (!tr->found)
		why = g_strdup_printf("%s was not found among the OCR words: %s",
				      name, shown);
	else if (tr->conf < conf_min(f) && (tr->plain || !vouch_counts(f, value)))
		why = g_strdup_printf("%s read by OCR with confidence %d (below "
				      "%d): %s", name, tr->conf, conf_min(f), shown);
	g_free(shown);
	g_free(value);
	return why;
}

/* Makes in LOW, "ocr:" before its rule (once: a value may be lowered
 * for its words and again for the number it was inferred from). */
static void
lower(struct extract_field_info *in)
{
	char *rule;

	in->confidence = EXTRACT_CONF_LOW;
	if (in->rule != NULL && g_str_has_prefix(in->rule, OCR_RULE_PREFIX))
		return;
	rule = g_strconcat(OCR_RULE_PREFIX, in->rule != NULL ? in->rule : "", NULL);
	g_free(in->rule);
	in->rule = rule;
}

/* Each value read from the OCR text gets its words' confidence: a doubt
 * makes it LOW ("ocr:" before its rule), with the reason in rec->review
 * when it leaves a required element without a HIGH value or is invalid. */
static void
trace_record(struct extract_record *rec, const struct extract_ocr_text *t,
	     const struct extract_ocr_word *w)
{
	static const enum extract_field from_id[] = {
		EXTRACT_FIELD_ID_TYPE, EXTRACT_FIELD_APPLICANT_KIND,
	};
	GArray *tsk = skeleton(t->text, t->len);
	char *why[EXTRACT_FIELD_COUNT] = { NULL };

	for (int k = 0; k < EXTRACT_FIELD_COUNT; k++) {
		struct extract_field_info *in = &rec->info[k];
		char *value;
		struct trace tr;

		if (in->source != EXTRACT_SRC_LABEL &&
		    in->source != EXTRACT_SRC_PATTERN &&
		    in->source != EXTRACT_SRC_PROSE &&
		    in->source != EXTRACT_SRC_CLOSING)
			continue;
		value = k == EXTRACT_FIELD_DATE ? date_as_written(rec->date, t) :
			extract_field_text(rec, (enum extract_field)k);
		/* A label with nothing after it in OCR text may have its
		 * value on a line the model put elsewhere, or unread: not
		 * surely blank. */
		if (value == NULL && in->rule != NULL &&
		    strcmp(in->rule, "label-empty") == 0 &&
		    in->confidence == EXTRACT_CONF_HIGH)
			lower(in);
		if (value == NULL)
			continue;
		tr = trace_value(t, tsk, w, value, in->line);
		g_free(value);
		why[k] = field_doubt(rec, (enum extract_field)k, &tr);
		if (why[k] != NULL)
			lower(in);
	}
	/* What the reader inferred from a doubtful number (an organisation,
	 * by a credit code's shape) is as doubtful. */
	if (why[EXTRACT_FIELD_ID_NUMBER] != NULL)
		for (size_t i = 0; i < G_N_ELEMENTS(from_id); i++)
			if (rec->info[from_id[i]].source == EXTRACT_SRC_INFERRED ||
			    rec->info[from_id[i]].source == EXTRACT_SRC_PATTERN)
				lower(&rec->info[from_id[i]]);
	for (int k = 0; k < EXTRACT_FIELD_COUNT; k++) {
		unsigned el = extract_verdict_element_of((enum extract_field)k);

		/* An invalid value would get a correction notice: the
		 * applicant may have written it right. */
		if (why[k] != NULL &&
		    ((el != 0 && !extract_verdict_element_sure(rec, el)) ||
		     (rec->invalid & invalid_bit((enum extract_field)k))))
			extract_review_add(rec, "%s", why[k]);
		g_free(why[k]);
	}
	g_array_free(tsk, TRUE);
}

/* Whether a, field id read as the applicant's, is own, one of the
 * office's: an e-mail address without regard to case or surrounding
 * space, a telephone or fax number and a postal address by the tests
 * delivery holds a letter to the office's fax or address with (the same
 * line with or without its country code, trunk 0, area code or
 * extension; the same address however spaced), so that both judge one
 * contact alike. */
static bool
same_contact(enum extract_field id, const char *a, const char *own)
{
	char *x, *y;
	bool same;

	if (id == EXTRACT_FIELD_ADDRESS)
		return extract_same_postal_address(a, own);
	if (strchr(a, '@') == NULL || strchr(own, '@') == NULL)
		return extract_fax_same_number(a, own);
	x = g_strstrip(g_strdup(a));
	y = g_strstrip(g_strdup(own));
	same = g_ascii_strcasecmp(x, y) == 0;
	g_free(x);
	g_free(y);
	return same;
}

/* A contact equal to the office's own (printed on its blank form, or on a
 * cover page addressed to it; an e-mail address also one of the mailbox's
 * own_addresses) is never the applicant's: it is dropped, and
 * a clerk looks at what the applicant gave.  Returns whether one was. */
static bool
drop_own_contacts(struct extract_record *rec,
		  const struct extract_context *ctx)
{
	char **const fields[] = { &rec->phone, &rec->fax, &rec->email,
				  &rec->address };
	static const enum extract_field ids[] = {
		EXTRACT_FIELD_PHONE, EXTRACT_FIELD_FAX, EXTRACT_FIELD_EMAIL,
		EXTRACT_FIELD_ADDRESS,
	};
	bool dropped = false;

	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		bool own = false;

		if (*fields[i] == NULL)
			continue;
		for (const char *const *o = ctx->own_contacts; o != NULL && *o != NULL && !own;
		     o++)
			own = same_contact(ids[i], *fields[i], *o);
		/* The mailbox's own addresses too: a blank form may print the
		 * one applications are sent to rather than [office] email. */
		for (const char *const *o = ctx->own_addresses;
		     ids[i] == EXTRACT_FIELD_EMAIL && o != NULL && *o != NULL && !own; o++)
			own = same_contact(ids[i], *fields[i], *o);
		if (!own)
			continue;
		extract_review_add(rec, "%s read as the applicant's is the "
				   "office's own (%s): left out",
				   extract_field_name(ids[i]), *fields[i]);
		g_clear_pointer(fields[i], g_free);
		lower(&rec->info[ids[i]]);
		dropped = true;
	}
	return dropped;
}

/* An element the text lacks may be one the OCR could not read; the
 * signature is ink, which the OCR module's mark decides, not text. */
static void
doubt_missing(struct extract_record *rec, const struct extract_ocr_text *t)
{
	if (t->low_words == 0)
		return;
	for (unsigned bit = 1; bit < 1u << EXTRACT_ELEM_COUNT; bit <<= 1)
		if ((rec->missing & bit) && bit != EXTRACT_ELEM_SIGNATURE)
			extract_review_add(rec, "%s not found in the OCR text, "
					   "which has %u words read with "
					   "confidence below %d",
					   extract_element_name(bit), t->low_words,
					   EXTRACT_OCR_CONF_MIN);
}

/* The signature by the ink the OCR module measured: ink makes it present
 * when the text named no signer; a blank area confirms a missing one;
 * without a judgement a missing one is a doubt, since a hand's strokes
 * are no words (a correction notice for a signed form would be wrong).
 * Where the front left out a signature label's area (areas), the ink
 * decides: whatever the reader made of other lines is no signature; but
 * words read inside a signature's frame (frame_words) or left out with
 * a label's area (area_words) are ink too, so a blank measure beside
 * them is a disagreement a clerk settles, never a missing signature (the
 * measure can miss the frame on a fax that lost a rule, and a correction
 * notice for a signed form would be wrong). */
static void
judge_signature(struct extract_record *rec, enum extract_ocr_ink ink,
		unsigned areas, unsigned frame_words, unsigned area_words)
{
	bool missing;

	if (areas > 0) {
		rec->signature_present = false;
		g_clear_pointer(&rec->signature_text, g_free);
		extract_info_set(rec, EXTRACT_FIELD_SIGNATURE, EXTRACT_SRC_NONE,
				 EXTRACT_CONF_NONE, NULL, NULL, 0, 0);
		rec->missing |= EXTRACT_ELEM_SIGNATURE;
	}
	missing = (rec->missing & EXTRACT_ELEM_SIGNATURE) != 0;
	if (ink == EXTRACT_OCR_INK_PRESENT && missing) {
		rec->signature_present = true;
		rec->missing &= ~(unsigned)EXTRACT_ELEM_SIGNATURE;
		extract_info_set(rec, EXTRACT_FIELD_SIGNATURE, EXTRACT_SRC_INFERRED,
				 EXTRACT_CONF_HIGH, "ocr-ink", NULL, 0, 0);
	} else if (ink == EXTRACT_OCR_INK_UNKNOWN && missing)
		extract_review_add(rec, areas > 0 ?
				   "signature: the ink of its area could not be "
				   "judged (OCR does not read a hand)" :
				   "signature: none in the OCR text, and "
				   "the ink of a signature area could not be "
				   "judged");
	else if (ink == EXTRACT_OCR_INK_ABSENT && missing &&
		 frame_words + area_words > 0)
		extract_review_add(rec, "signature: %u words were read in the "
				   "signature's %s, the ink measure found "
				   "none: look at the page",
				   frame_words > 0 ? frame_words : area_words,
				   frame_words > 0 ? "frame" : "area");
}

/* --- check boxes ---------------------------------------------------------- */

/* The questions a form's boxes answer.  An option of both (电子邮件: the
 * medium's electronic form and the delivery by e-mail) belongs to the
 * question of the boxes around it. */
enum box_group {
	BOX_MEDIUM = 1u << 0,
	BOX_DELIVERY = 1u << 1,
};

/* The question(s) box i answers as its option says, and the option's
 * choices. */
static unsigned
box_option(const struct extract_ocr_box *b, enum extract_delivery *d_r,
	   enum extract_medium *m_r)
{
	size_t len = 0;
	int i = b->label != NULL ?
		extract_lexicon_option_at(b->label, b->label + strlen(b->label), &len) : -1;

	*d_r = EXTRACT_DELIVERY_UNKNOWN;
	*m_r = EXTRACT_MEDIUM_UNKNOWN;
	if (i < 0)
		return 0;
	*d_r = extract_lexicon_options[i].delivery;
	*m_r = extract_lexicon_options[i].medium;
	return (*d_r != EXTRACT_DELIVERY_UNKNOWN ? BOX_DELIVERY : 0) |
	       (*m_r != EXTRACT_MEDIUM_UNKNOWN ? BOX_MEDIUM : 0);
}

/* Words that name the medium's question (所需信息的载体形式) and the
 * delivery's (获取信息的方式) on a form. */
#define MEDIUM_QUESTION "载体"
#define DELIVERY_QUESTION "获取"

/* Whether the words of page put the medium's question above the
 * delivery's, as the office's form does: only then is the order of its
 * boxes evidence of which question an option of both answers. */
static bool
medium_first(const struct extract_ocr_input *in, unsigned page)
{
	GString *line = g_string_new(NULL);
	long medium = -1, delivery = -1;

	for (size_t i = 0; i <= in->n_words; i++) {
		const struct extract_ocr_word *w = i < in->n_words ? &in->words[i] : NULL;

		if (i > 0 && in->words[i - 1].page == page &&
		    (w == NULL || w->page != page || w->line != in->words[i - 1].line)) {
			if (medium < 0 && strstr(line->str, MEDIUM_QUESTION) != NULL)
				medium = in->words[i - 1].line;
			if (delivery < 0 && strstr(line->str, DELIVERY_QUESTION) != NULL)
				delivery = in->words[i - 1].line;
			g_string_truncate(line, 0);
		}
		if (w != NULL && w->page == page && w->text != NULL)
			g_string_append(line, w->text);
	}
	g_string_free(line, TRUE);
	return medium >= 0 && delivery > medium;
}

/* The question box i of in answers: its option's, or for an option of
 * both, by the boxes of its page when the page puts the medium's question
 * first: the module lists the boxes line by line, so of two such boxes
 * the first is the medium's and the second the delivery's, and one alone
 * is the delivery's after a delivery box, the medium's before a medium
 * box.  Both bits when nothing tells. */
static unsigned
box_group(const struct extract_ocr_input *in, size_t i)
{
	enum extract_delivery d;
	enum extract_medium m;
	unsigned g = box_option(&in->boxes[i], &d, &m), prev = 0, next = 0;
	unsigned page = in->boxes[i].page;
	size_t both = 0, nth = 0;

	if (g != (BOX_MEDIUM | BOX_DELIVERY) || !medium_first(in, page))
		return g;
	for (size_t k = 0; k < in->n_boxes; k++) {
		unsigned o = box_option(&in->boxes[k], &d, &m);

		if (in->boxes[k].page != page)
			continue;
		if (o == (BOX_MEDIUM | BOX_DELIVERY)) {
			both++;
			nth += k < i;
		} else if (k < i) {
			prev = o;
		} else if (next == 0) {
			next = o;
		}
	}
	if (both == 2)
		return nth == 0 ? BOX_MEDIUM : BOX_DELIVERY;
	if (both == 1 && prev == BOX_DELIVERY)
		return BOX_DELIVERY;
	if (both == 1 && next == BOX_MEDIUM)
		return BOX_MEDIUM;
	return g;
}

/* A line listing this many options of a question is its choice line on
 * a form: a sentence names the one way it asks for. */
#define CHOICE_LINE_OPTIONS 2

/* What the boxes of one question say. */
struct box_answer {
	unsigned found;      /* boxes of the question measured */
	int choice;          /* the one ticked (enum extract_delivery or
	                        extract_medium), 0 for none */
	bool several;        /* boxes of two choices ticked */
	GString *unsure;     /* options whose ink is between empty and ticked */
	GString *untold;     /* options ticked whose question is not told */
	GString *ticked;     /* options ticked */
};

static void
box_note(GString *s, const char *label)
{
	g_string_append_printf(s, "%s%s", s->len > 0 ? ", " : "", label);
}

static void
box_answer(const struct extract_ocr_input *in, unsigned group,
	   struct box_answer *a)
{
	memset(a, 0, sizeof(*a));
	a->unsure = g_string_new(NULL);
	a->untold = g_string_new(NULL);
	a->ticked = g_string_new(NULL);
	for (size_t i = 0; i < in->n_boxes; i++) {
		const struct extract_ocr_box *b = &in->boxes[i];
		unsigned g = box_group(in, i);
		enum extract_delivery d;
		enum extract_medium m;
		int choice;

		/* An empty box changes neither answer, whichever question
		 * it belongs to. */
		if (!(g & group) ||
		    (g != group && b->mark == EXTRACT_OCR_INK_ABSENT))
			continue;
		(void)box_option(b, &d, &m);
		choice = group == BOX_DELIVERY ? (int)d : (int)m;
		a->found++;
		if (b->mark == EXTRACT_OCR_INK_UNKNOWN) {
			box_note(a->unsure, b->label);
		} else if (g != group) {
			box_note(a->untold, b->label);
		} else if (b->mark == EXTRACT_OCR_INK_PRESENT) {
			box_note(a->ticked, b->label);
			a->several |= a->choice != 0 && a->choice != choice;
			a->choice = choice;
		}
	}
}

/* Whether the line info was read from lists two or more options of
 * group: a form's choice line, whose ticks are the text's reading of its
 * boxes, not words the applicant wrote. */
static bool
choice_line(const struct extract_field_info *info, unsigned group)
{
	const char *p = info->line, *end;
	unsigned options = 0;

	if (p == NULL)
		return false;
	end = p + strlen(p);
	while (p < end && options < CHOICE_LINE_OPTIONS) {
		size_t len = 0;
		int i = extract_lexicon_option_at(p, end, &len);

		if (i >= 0 && len > 0 &&
		    (group == BOX_DELIVERY ?
		     extract_lexicon_options[i].delivery != EXTRACT_DELIVERY_UNKNOWN :
		     extract_lexicon_options[i].medium != EXTRACT_MEDIUM_UNKNOWN)) {
			options++;
			p += len;
		} else {
			p = g_utf8_next_char(p);
		}
	}
	return options >= CHOICE_LINE_OPTIONS;
}

/* The delivery and the medium by the ink in the form's boxes, when the
 * OCR module measured some: exactly one choice ticked and no box unsure
 * is HIGH; a box unsure or two choices ticked leave the question to a
 * clerk (LOW, with the options named); no box ticked is no answer.  The
 * text's reading of the boxes (口 for an empty one, junk for a tick) is
 * no evidence: a question none of whose boxes was measured keeps it LOW;
 * when the module measured no box at all, only a reading of a form's
 * choice line is (a letter states its way in words).  A form's fax reply
 * default is decided again from the answer. */
static void
judge_boxes(struct extract_record *rec, const struct extract_ocr_input *in)
{
	static const struct {
		unsigned group;
		enum extract_field field;
	} questions[] = {
		{ BOX_DELIVERY, EXTRACT_FIELD_DELIVERY },
		{ BOX_MEDIUM, EXTRACT_FIELD_MEDIUM },
	};
	bool delivery_changed = false;

	for (size_t q = 0; q < G_N_ELEMENTS(questions); q++) {
		struct box_answer a;
		enum extract_field f = questions[q].field;
		bool high;
		int choice;

		box_answer(in, questions[q].group, &a);
		if (a.found > 0) {
			high = !a.several && a.unsure->len == 0 && a.untold->len == 0;
			choice = a.several ? 0 : a.choice;
			if (f == EXTRACT_FIELD_DELIVERY) {
				delivery_changed = rec->delivery != (enum extract_delivery)choice;
				rec->delivery = (enum extract_delivery)choice;
			} else {
				rec->medium = (enum extract_medium)choice;
			}
			extract_info_set(rec, f, choice != 0 ? EXTRACT_SRC_INFERRED :
					 EXTRACT_SRC_NONE, choice == 0 && high ?
					 EXTRACT_CONF_NONE : high ? EXTRACT_CONF_HIGH :
					 EXTRACT_CONF_LOW, "ocr-box", NULL, 0, 0);
			if (a.several)
				extract_review_add(rec, "%s: boxes of two options are "
						   "ticked (%s): ask which", extract_field_name(f),
						   a.ticked->str);
			if (!a.several && a.unsure->len > 0)
				extract_review_add(rec, "%s: the box of %s could not be "
						   "judged from its ink: look at the "
						   "page", extract_field_name(f), a.unsure->str);
			if (!a.several && a.untold->len > 0)
				extract_review_add(rec, "%s: which question the ticked "
						   "%s answers is not told: look at the "
						   "page", extract_field_name(f), a.untold->str);
		}
		else if (rec->info[f].source != EXTRACT_SRC_NONE &&
			 rec->info[f].source != EXTRACT_SRC_INFERRED &&
			 (in->n_boxes > 0 ||
			  choice_line(&rec->info[f], questions[q].group))) {
			char *v = extract_field_text(rec, f);

			lower(&rec->info[f]);
			extract_review_add(rec, "%s: no box of its options was "
					   "measured; read from the text: %s",
					   extract_field_name(f), v != NULL ? v : "");
			g_free(v);
		}
		g_string_free(a.unsure, TRUE);
		g_string_free(a.untold, TRUE);
		g_string_free(a.ticked, TRUE);
	}
	if (in->n_boxes == 0)
		return;
	/* The caller's number was made the reply channel for a form that
	 * seemed to give none; the boxes may say otherwise. */
	if (delivery_changed && rec->info[EXTRACT_FIELD_FAX].rule != NULL &&
	    strcmp(rec->info[EXTRACT_FIELD_FAX].rule, "fax-caller") == 0) {
		g_clear_pointer(&rec->fax, g_free);
		extract_info_set(rec, EXTRACT_FIELD_FAX, EXTRACT_SRC_NONE,
				 EXTRACT_CONF_NONE, NULL, NULL, 0, 0);
		if (rec->phone == NULL && rec->email == NULL)
			rec->missing |= EXTRACT_ELEM_CONTACT;
	}
	extract_fax_reply_default(rec);
}

struct extract_record *
extract_message_ocr(const struct mime_message *msg,
		    const struct extract_ocr_input *in,
		    const struct extract_context *ctx)
{
	struct extract_ocr_text t;
	struct mime_message m = *msg;
	struct extract_context c = *ctx;
	struct mime_part *parts = g_new0(struct mime_part, msg->n_parts + 1);
	struct mime_part *ocr;
	struct extract_record *rec;

	extract_ocr_front(in->words, in->n_words, ctx->today, &t);
	if (in->gateway_text) {
		/* The gateway's words are not the applicant's, nor is its
		 * sender a contact. */
		m.body = t.text;
		m.from_name = NULL;
		c.sender_is_contact = false;
		m.n_parts = 0;
	} else {
		for (size_t i = 0; i < msg->n_parts; i++) {
			parts[i] = msg->parts[i];
			parts[i].image = false;
		}
	}
	ocr = &parts[m.n_parts++];
	ocr->role = in->gateway_text ? MIME_PART_BODY : MIME_PART_ATTACHMENT;
	ocr->content_type = (char *)"text/plain";
	ocr->text = t.text;
	ocr->size = t.len;
	ocr->depth = in->gateway_text ? 0 : 1;
	m.parts = parts;
	rec = extract_message_as(&m, msg, &c);
	if (rec->kind == EXTRACT_KIND_APPLICATION ||
	    rec->kind == EXTRACT_KIND_CORRECTION_REPLY) {
		/* The caller's number was judged with the contacts as
		 * read; one left out (the office's fax in the form's fax
		 * field) changes what the reply goes to. */
		if (drop_own_contacts(rec, ctx))
			extract_fax_reply_default(rec);
		trace_record(rec, &t, in->words);
		doubt_missing(rec, &t);
		judge_signature(rec, in->signature, t.sign_areas, t.sign_words,
				t.sign_area_words);
		if (rec->kind == EXTRACT_KIND_APPLICATION)
			judge_boxes(rec, in);
		char *doubts;

		for (guint i = 0; i < t.doubts->len; i++)
			extract_review_add(rec, "%s",
					   (const char *)g_ptr_array_index(t.doubts, i));
		/* The verdict clears a correction reply's review; an
		 * OCR doubt must reach the clerk, or a value invalid as
		 * read would earn the applicant another notice. */
		doubts = rec->kind == EXTRACT_KIND_APPLICATION ? NULL :
			 g_steal_pointer(&rec->review);
		extract_verdict_decide(rec);
		if (doubts != NULL) {
			g_free(rec->review);
			rec->review = doubts;
		}
	}
	g_free(parts);
	extract_ocr_text_clear(&t);
	return rec;
}
