/* Form labels (labels.c).  Every known label on a line is a "hit"; a hit
 * that stands where a form puts labels takes the text up to the next hit,
 * one inside a sentence takes the clause.  Values on the line below a bare
 * label, descriptions running over several lines, check-box choices of
 * delivery and medium, and how each value is cleaned and stored in the
 * view's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

/* --- checkbox marks ------------------------------------------------------ */

/* How far before an option its check mark may start, in bytes: a mark and
 * a space (☑ is 3 bytes, [√] 5); further back it belongs to something else. */
#define MARK_REACH_BYTES 8

/* Is there a checkbox mark just before p (spaces skipped)? */
static bool
mark_before(const char *p, const char *start)
{
	size_t n;

	while (p > start && p[-1] == ' ')
		p--;
	for (const char *q = p; q > start && p - q < MARK_REACH_BYTES;) {
		q = extract_text_prev_char(q, start);
		if (extract_layout_mark_at(q, p, &n) != 0 && q + n == p)
			return true;
	}
	return false;
}

/* --- values -------------------------------------------------------------- */

bool
extract_labels_is_one_of(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (g_ascii_strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

bool
extract_labels_strip_suffix(char *s, const char *lit)
{
	size_t n = strlen(s), m = strlen(lit);

	if (n < m || memcmp(s + n - m, lit, m) != 0)
		return false;
	s[n - m] = '\0';
	return true;
}

/* Strips brackets around the whole value: （张三）, [无]. */
static bool
strip_brackets(char **s)
{
	static const char *const pairs[][2] = {
		{ "(", ")" }, { "[", "]" }, { "【", "】" }, { "〔", "〕" },
		{ "「", "」" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
		size_t o = strlen(pairs[i][0]), c = strlen(pairs[i][1]);
		size_t n = strlen(*s);

		if (n < o + c || strncmp(*s, pairs[i][0], o) != 0 ||
		    memcmp(*s + n - c, pairs[i][1], c) != 0)
			continue;
		(*s)[n - c] = '\0';
		/* (a)(b) is two things, not one in brackets. */
		if (strstr(*s + o, pairs[i][1]) != NULL ||
		    strstr(*s + o, pairs[i][0]) != NULL) {
			memcpy(*s + n - c, pairs[i][1], c);
			continue;
		}
		*s += o;
		return true;
	}
	return false;
}

static bool
only_filler(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != '_' && *s != '-' && *s != '.' && *s != ' ' &&
		    *s != '*')
			return false;
	return true;
}

/* A value as stored: trimmed, without the label's separator, trailing
 * 。；，, enclosing brackets and a form's underscores; NULL when nothing is
 * left or the applicant wrote that there is nothing (无, /, ——). */
char *
extract_labels_clean_value(const char *p, const char *end)
{
	static const char *const trail[] = {
		"。", ";", ",", "、", ":", "_", " ",
	};
	char *raw = g_strndup(p, (gsize)(end - p));
	char *t = extract_text_trim(raw), *s, *out;
	bool changed = true;

	g_free(raw);
	if (t == NULL)
		return NULL;
	s = t;
	while (changed) {
		changed = false;
		while (*s == ':' || *s == ' ' || *s == '_') {
			s++;
			changed = true;
		}
		for (size_t i = 0; i < G_N_ELEMENTS(trail); i++)
			while (extract_labels_strip_suffix(s, trail[i]))
				changed = true;
		changed |= strip_brackets(&s);
	}
	out = NULL;
	if (*s != '\0' && !only_filler(s)) {
		if (!extract_labels_is_one_of(s, EXTRACT_LEXICON(empty_values)))
			out = g_strdup(s);
	}
	g_free(t);
	return out;
}

/* Names carry no digits and no clause punctuation: "张三 2026年11月20日"
 * is a name and a date, "赵某，男，汉族" a name and more about him. */
static char *
name_value(char *v)
{
	char *cut = NULL;

	if (v == NULL)
		return NULL;
	for (char *p = v; *p != '\0' && cut == NULL; p++) {
		char d[11];

		if ((extract_text_is_digit(*p) || *p == ',' || *p == ';' ||
		     g_str_has_prefix(p, "。")) && p > v)
			cut = p;
		else if (*p == ' ' && extract_date_find(p, d) != 0)
			cut = p;
	}
	if (cut != NULL) {
		char *shorter;

		*cut = '\0';
		shorter = extract_labels_clean_value(v, v + strlen(v));
		g_free(v);
		return shorter;
	}
	return v;
}

/* Removes a seal or signature mark after a name; true if there was one. */
bool
extract_labels_strip_seal(char *v)
{
	bool found = false;

	for (size_t i = 0; i < extract_lexicon_seal_marks_n; i++)
		while (extract_labels_strip_suffix(v, extract_lexicon_seal_marks[i])) {
			g_strchomp(v);
			found = true;
		}
	return found;
}

/* 陈福山（本人口述，女儿代笔）: a note in brackets after a name, closed
 * or cut off by a comma, is not part of it. */
static char *
without_note(char *v)
{
	char *open = v != NULL ? strchr(v, '(') : NULL;
	char *name;

	if (open == NULL || open == v)
		return v;
	name = extract_labels_clean_value(v, open);
	if (name == NULL || !extract_labels_name_plausible(name)) {
		g_free(name);
		return v;
	}
	g_free(v);
	return name;
}

char *
extract_labels_signature_value(char *v)
{
	if (v != NULL) {
		extract_labels_strip_seal(v);
		v = without_note(name_value(v));
	}
	if (v != NULL && *v == '\0') {
		g_free(v);
		v = NULL;
	}
	return v;
}

/* A person's name in Chinese has two characters at least and six at most
 * (a compound surname with a two-character given name is four; names
 * written in Chinese from Mongolian or Uyghur run to six); an organisation's
 * name in a sentence, NAME_ORG_MAX_HAN (有限责任公司 names of 20 and more);
 * a Latin name, two letters to NAME_LATIN_MAX_BYTES with its spaces. */
#define NAME_HAN_MIN 2
#define NAME_HAN_MAX 6
#define NAME_ORG_MAX_HAN 30
#define NAME_LATIN_MIN_LETTERS 2
#define NAME_LATIN_MAX_BYTES 40

/* A name written in a sentence (我叫张三，…) must look like one: two to six
 * Chinese characters, a Latin name, or an organisation's name. */
bool
extract_labels_name_plausible(const char *v)
{
	const char *end = v + strlen(v);
	size_t han = 0, latin = 0, other = 0;

	if (extract_text_starts_with_any(v, EXTRACT_LEXICON(not_name_starts)))
		return false;
	for (const char *p = v; p < end; p = extract_text_next_char(p, end)) {
		if (extract_text_is_han(p, end))
			han++;
		else if (g_ascii_isalpha(*p))
			latin++;
		else if (*p != ' ' && *p != '.' && *p != '-' &&
			 !extract_text_has_prefix(p, end, "·"))
			other++;
	}
	if (other > 0)
		return false;
	if (han > 0 && latin == 0)
		return (han >= NAME_HAN_MIN && han <= NAME_HAN_MAX) ||
		       (han <= NAME_ORG_MAX_HAN && extract_lexicon_org_name(v));
	return han == 0 && latin >= NAME_LATIN_MIN_LETTERS &&
	       end - v <= NAME_LATIN_MAX_BYTES;
}

/* A note in brackets after a label is short: （签名或盖章） is 18 bytes;
 * a longer bracket is a sentence of its own. */
#define LABEL_NOTE_MAX_BYTES 40

/* 申请人（签名）, 联系电话（手机）: a short note in brackets after a label
 * belongs to it; one that mentions signing makes it a signature field. */
const char *
extract_labels_label_bracket(const char *q, const char *end,
			     enum extract_lexicon_field *field)
{
	static const char *const pairs[][2] = {
		{ "(", ")" }, { "[", "]" }, { "【", "】" },
	};
	size_t n;

	if (extract_layout_mark_at(q, end, &n) != 0)
		return q;
	for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
		const char *in, *close;

		if (!extract_text_has_prefix(q, end, pairs[i][0]))
			continue;
		in = q + strlen(pairs[i][0]);
		close = extract_text_find_in(in, end, pairs[i][1]);
		if (close == NULL || close - in > LABEL_NOTE_MAX_BYTES)
			return q;
		for (const char *c = in; c < close; c++)
			if (extract_text_is_digit(*c) || *c == '@' || *c == ':')
				return q;
		if (extract_text_find_in(in, close, "签") != NULL ||
		    extract_text_find_in(in, close, "章") != NULL)
			*field = FLD_SIGNATURE;
		return close + strlen(pairs[i][1]);
	}
	return q;
}

/* What may stand before a form label on the same line. */
static bool
boundary_before(const char *p, const char *start)
{
	static const char *const puncts[] = {
		"。", "、", ",", ";", "(", "[", "【", ":", ")",
	};
	const char *prev = extract_text_prev_char(p, start);

	if (p <= start || extract_text_is_space(*prev))
		return true;
	return extract_text_word_at(prev, p, puncts, G_N_ELEMENTS(puncts)) != NULL;
}

/* 【姓名】张三, [联系电话]138…: a label standing alone in brackets is a
 * form label and its closing bracket the separator.  Returns where the
 * value starts (after an optional colon), or NULL. */
static const char *
bracketed_label(const char *p, const char *start, const char *r,
		const char *end)
{
	static const char *const pairs[][2] = {
		{ "【", "】" }, { "[", "]" }, { "〔", "〕" }, { "〖", "〗" },
	};
	const char *prev = extract_text_prev_char(p, start);

	if (p <= start)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
		if (!extract_text_has_prefix(prev, p, pairs[i][0]) ||
		    !extract_text_has_prefix(r, end, pairs[i][1]))
			continue;
		r += strlen(pairs[i][1]);
		while (r < end && extract_text_is_space(*r))
			r++;
		return r < end && *r == ':' ? r + 1 : r;
	}
	return NULL;
}

/* A table cell border: a tab or two spaces. */
static bool
cell_before(const char *p, const char *start)
{
	return p > start && (p[-1] == '\t' ||
			     (p - start >= 2 && p[-1] == ' ' && p[-2] == ' '));
}

static bool
email_token_ahead(const char *r, const char *end)
{
	for (; r < end && (extract_text_is_alnum(*r) || strchr("._%+-@", *r)); r++)
		if (*r == '@')
			return true;
	return false;
}

bool
extract_labels_is_choice(enum extract_lexicon_field f)
{
	return f == FLD_DELIVERY || f == FLD_MEDIUM;
}

/* Fields whose value is a name: it ends at the first comma
 * (申请人：赵某，男，1979年…出生，住…). */
static bool
is_name_field(enum extract_lexicon_field f)
{
	return f == FLD_NAME || f == FLD_ORG_NAME || f == FLD_APPLICANT ||
	       f == FLD_LEGAL_REP || f == FLD_CONTACT_PERSON || f == FLD_AGENT;
}

static bool
is_multiline(enum extract_lexicon_field f)
{
	return f == FLD_REQUEST || f == FLD_PURPOSE;
}

/* Decides whether the label lab at [p, q) is used as one here. */
static bool
make_hit(const struct line *ln, const char *p, const char *q,
	 const struct extract_lexicon_label *lab, struct hit *h)
{
	const char *end = ln->s + ln->len;
	enum extract_lexicon_field field = lab->field;
	const char *r;
	size_t ws = 0;
	bool tab = false, colon, at_start = p <= ln->body;
	bool space_before = at_start || extract_text_is_space(p[-1]);
	bool bound = boundary_before(p, ln->s) || at_start;
	bool marked = mark_before(p, ln->s);
	size_t n;

	q = extract_labels_label_bracket(q, end, &field);
	for (r = q; r < end && extract_text_is_space(*r); r++) {
		ws++;
		tab |= *r == '\t';
	}
	colon = r < end && *r == ':';
	memset(h, 0, sizeof(*h));
	h->lab = lab;
	h->field = field;
	h->start = p;
	h->at_start = at_start;
	if (g_ascii_isalnum(*p) && p > ln->s && g_ascii_isalnum(p[-1]))
		return false;
	if (colon && (bound || lab->prose != P_NO)) {
		h->vstart = r + 1;
		h->clause = !space_before;
		return true;
	}
	if ((h->vstart = bracketed_label(p, ln->s, r, end)) != NULL) {
		h->start = extract_text_prev_char(p, ln->s);
		h->at_start = h->start <= ln->body;
		return true;
	}
	if (marked)
		return false;
	if (lab->prose < P_ONLY && at_start &&
	    (r == end || (ws > 0 && extract_layout_mark_at(r, end, &n) == 0) ||
	     field == FLD_DELIVERY || field == FLD_MEDIUM)) {
		h->vstart = r;
		return true;
	}
	if (lab->prose < P_ONLY && !at_start && cell_before(p, ln->s) &&
	    (r == end || tab || ws >= 2)) {
		h->vstart = r;
		return true;
	}
	if (lab->prose == P_NO || (lab->prose == P_CLAUSE && !bound))
		return false;
	h->clause = true;
	h->prose = true;
	if (extract_text_has_prefix(r, end, "是") || extract_text_has_prefix(r, end, "为")) {
		h->vstart = r + strlen("是");
		return true;
	}
	/* 住址通辽市…: an address's label needs no colon before a division's
	 * name (a fax's colon lost in its specks, a writer's left out). */
	if (field == FLD_ADDRESS && bound && r == q && extract_places_at(r, end)) {
		h->vstart = r;
		return true;
	}
	if (lab->prose == P_NUMBER && r < end &&
	    (extract_text_is_alnum(*r) || *r == '+' || *r == '(') &&
	    (field != FLD_EMAIL || email_token_ahead(r, end))) {
		h->vstart = r;
		return true;
	}
	if (lab->prose >= P_DIRECT && r < end && r == q) {
		h->vstart = r;
		return true;
	}
	return false;
}

/* A label we do not know has at most this many Chinese characters before
 * its colon (政治面貌 4, 身份证有效期限 7); more is a sentence. */
#define UNKNOWN_LABEL_MAX_HAN 8

/* A value in a sentence or table ends where an unknown label starts:
 * "张三 政治面貌:群众". */
static const char *
cut_unknown_label(const char *v, const char *end)
{
	for (const char *c = v; c < end; c++) {
		const char *b = c;
		size_t han = 0;

		if (*c != ':')
			continue;
		while (b > v && han <= UNKNOWN_LABEL_MAX_HAN) {
			const char *pb = extract_text_prev_char(b, v);

			if (!extract_text_is_han(pb, end))
				break;
			b = pb;
			han++;
		}
		if (han >= 1 && han <= UNKNOWN_LABEL_MAX_HAN && b > v && extract_text_is_space(b[-1]))
			return b;
	}
	return end;
}

/* 证件名称	护照	证件号码	…: a document's name in the cell after
 * 证件名称 is its value, though 护照 and 身份证 are labels elsewhere. */
static bool
document_name(GArray *hits, const struct hit *h, const struct line *ln)
{
	const struct hit *prev;
	const char *end = line_end(ln);

	if (hits->len == 0)
		return false;
	prev = &g_array_index(hits, struct hit, hits->len - 1);
	if (prev->field != FLD_ID_TYPE || h->field != FLD_ID_NUMBER)
		return false;
	for (const char *c = prev->vstart; c < h->start; c++)
		if (!extract_text_is_space(*c))
			return false;
	/* 证件名称	身份证 110101…: the number follows; a label then. */
	return h->vstart == end || !extract_text_is_alnum(*h->vstart);
}

/* Does h end the value of a prose pattern or a sentence?  Labels do, and
 * numbers (…，电话138…); a prose name or address pattern (本人, 现住) inside
 * a sentence does not: 现申请公开对本人上述… . */
bool
extract_labels_ends_prose_value(const struct hit *h)
{
	return !h->prose || h->lab->prose == P_NUMBER;
}

/* Is the prose pattern h inside the value of the last label on its line?
 * In a form value only another label may end it: 用途：核对单位为本人申报…
 * is one purpose, not a purpose and a name.  A number pattern still ends a
 * short value (联系方式：电话138…), never a description. */
static bool
inside_label_value(const GArray *hits, const struct hit *h)
{
	const struct hit *last = NULL;

	if (!h->prose)
		return false;
	for (guint k = hits->len; k > 0 && last == NULL; k--) {
		const struct hit *o = &g_array_index(hits, struct hit, k - 1);

		if (!o->prose)
			last = o;
	}
	if (last == NULL || extract_labels_is_choice(last->field))
		return false;
	if (h->lab->prose == P_NUMBER && !is_multiline(last->field))
		return false;
	if (last->clause || is_name_field(last->field))
		for (const char *c = last->vstart; c < h->start; c = extract_text_next_char(c, h->start))
			if (extract_text_clause_end_len(c, h->start) > 0)
				return false;
	return true;
}

/* 获取方式	电子邮件, 获取方式：【传真】: a word that is both a label and an
 * option, standing first in a choice field's value (perhaps in brackets),
 * is the option chosen. */
static bool
chosen_option(const GArray *hits, const char *p, const char *lend)
{
	static const char *const opens[] = { "[", "【", "(", "〔", "〖" };
	const struct hit *last;
	const char *c;
	size_t len;

	if (hits->len == 0)
		return false;
	last = &g_array_index(hits, struct hit, hits->len - 1);
	if (!extract_labels_is_choice(last->field) || last->vstart > p ||
	    extract_lexicon_option_at(p, lend, &len) < 0 || p + len != lend)
		return false;
	for (c = last->vstart; c < p;) {
		const char *w = extract_text_word_at(c, p, opens, G_N_ELEMENTS(opens));

		if (w != NULL)
			c += strlen(w);
		else if (extract_text_is_space(*c))
			c++;
		else
			return false;
	}
	return true;
}

/* A line written without Chinese punctuation, spaces between its parts
 * (我叫王秀英 身份证1504… 家住…): there a space ends a clause. */
bool
extract_labels_spaced_line(const char *s, const char *end)
{
	static const char *const puncts[] = { ",", "。", "、", ";" };
	bool space = false;

	for (const char *c = s; c < end; c = extract_text_next_char(c, end)) {
		if (extract_text_word_at(c, end, puncts, G_N_ELEMENTS(puncts)) != NULL)
			return false;
		space |= *c == ' ' && c > s;
	}
	return space;
}

/* Does a space at c end a clause: in a spaced line before a Chinese
 * word, and anywhere before a date (住…66号 2026.10.8)? */
bool
extract_labels_space_ends_clause(const char *c, const char *end, bool spaced)
{
	const char *d = c;
	int digits = 0;

	if (!extract_text_is_space(*c))
		return false;
	while (d < end && extract_text_is_space(*d))
		d++;
	if (spaced && extract_text_is_han(d, end))
		return true;
	while (d < end && extract_text_is_digit(*d) && digits < 5) {
		d++;
		digits++;
	}
	return digits == 4 && d + 1 < end &&
	       (extract_text_has_prefix(d, end, "年") || *d == '.' || *d == '-' ||
		*d == '/') &&
	       extract_text_is_digit(d[extract_text_has_prefix(d, end, "年") ? strlen("年") : 1]);
}

void
extract_labels_scan_line(const struct line *ln, GArray *hits)
{
	const char *end = ln->s + ln->len;
	const char *p = ln->body;

	while (p < end) {
		const char *lend = NULL;
		const struct extract_lexicon_label *lab = extract_lexicon_label_at(p, end, &lend);
		struct hit h;

		if (lab == NULL) {
			p = extract_text_next_char(p, end);
		} else if (chosen_option(hits, p, lend)) {
			p = lend;
		} else if (make_hit(ln, p, lend, lab, &h) &&
			   !document_name(hits, &h, ln) &&
			   !inside_label_value(hits, &h)) {
			g_array_append_val(hits, h);
			p = h.vstart > p ? h.vstart : lend;
		} else {
			p = lend;
		}
	}
	bool spaced = extract_labels_spaced_line(ln->body, end);

	for (guint i = 0; i < hits->len; i++) {
		struct hit *h = &g_array_index(hits, struct hit, i);
		const char *vend = end;

		for (guint j = i + 1; j < hits->len; j++) {
			const struct hit *o = &g_array_index(hits, struct hit, j);

			/* Options of a choice can be labels too (☑电子邮件). */
			if (!extract_labels_is_choice(h->field) || !mark_before(o->start, ln->s)) {
				vend = o->start;
				break;
			}
		}
		if (h->clause) {
			/* An address may hold brackets (和平路1号(东门)); a
			 * closing one it did not open ends it: (地址:…). */
			int depth = 0;

			for (const char *c = h->vstart; c < vend;
			     c = extract_text_next_char(c, vend)) {
				bool addr = h->field == FLD_ADDRESS;

				if (addr && *c == '(')
					depth++;
				if ((extract_text_clause_end_len(c, vend) > 0 &&
				     !(addr && *c == ')' && depth > 0)) ||
				    (h->prose &&
				     extract_labels_space_ends_clause(c, vend, spaced && !addr))) {
					vend = c;
					break;
				}
				if (addr && *c == ')')
					depth--;
			}
		}
		if (!is_multiline(h->field) && !extract_labels_is_choice(h->field))
			vend = cut_unknown_label(h->vstart, vend);
		h->vend = vend;
	}
}

GArray *
extract_labels_hits_of(const struct view *v, size_t i)
{
	return v->hits[i];
}

bool
extract_labels_blank(const struct line *ln)
{
	for (size_t i = 0; i < ln->len; i++)
		if (!extract_text_is_space(ln->s[i]))
			return false;
	return true;
}

bool
extract_labels_starts_with_hit(const struct view *v, size_t i)
{
	GArray *h = extract_labels_hits_of(v, i);

	return h->len > 0 && g_array_index(h, struct hit, 0).at_start;
}

/* The end of line i's text before its first label (all of it if none). */
const char *
extract_labels_text_before_hit(const struct view *v, size_t i)
{
	GArray *h = extract_labels_hits_of(v, i);

	return h->len > 0 ? g_array_index(h, struct hit, 0).start :
			    v->lines[i].s + v->lines[i].len;
}

static bool
list_item_start(const char *s)
{
	const char *end = s + strlen(s);

	return extract_layout_skip_bullet(s, end) != s;
}

/* Appends a wrapped line to a value: Chinese joins without a space, a new
 * list item starts a new line. */
void
extract_labels_append_piece(GString *acc, const char *p, const char *end)
{
	char *raw = g_strndup(p, (gsize)(end - p));
	char *piece = extract_text_trim(raw);

	g_free(raw);
	if (piece == NULL)
		return;
	if (acc->len > 0) {
		if (list_item_start(piece))
			g_string_append_c(acc, '\n');
		else if (extract_text_is_alnum(acc->str[acc->len - 1]) && extract_text_is_alnum(piece[0]))
			g_string_append_c(acc, ' ');
	}
	g_string_append(acc, piece);
	g_free(piece);
}

/* A line that turns to the office (请将…, 麻烦…, 谢谢) starts a new
 * sentence: it does not continue the value above it. */
static bool
addresses_office(const struct line *ln)
{
	return extract_text_word_at(ln->body, line_end(ln),
				    EXTRACT_LEXICON(office_turns)) != NULL;
}

/* A value whose sentence has ended (用途：办理继承手续。) is complete unless
 * a list follows. */
static bool
sentence_done(const GString *acc)
{
	static const char *const ends[] = { "。", "!", "?" };

	/* An English sentence: "…of my employer." */
	if (acc->len >= 2 && acc->str[acc->len - 1] == '.' &&
	    g_ascii_isalpha(acc->str[acc->len - 2]))
		return true;

	for (size_t i = 0; i < G_N_ELEMENTS(ends); i++) {
		size_t n = strlen(ends[i]);

		if (acc->len >= n &&
		    memcmp(acc->str + acc->len - n, ends[i], n) == 0)
			return true;
	}
	return false;
}

/* A bare name on the line above a date signs the letter: it does not
 * continue a value (用途是办遗属待遇 / 王秀英 / 2026年3月23日). */
bool
extract_labels_signs_above_date(const struct view *v, size_t j)
{
	char *raw, *t;
	bool yes;

	if (j + 1 >= v->n || !extract_closing_date_line(v, &v->lines[j + 1]))
		return false;
	raw = g_strndup(v->lines[j].s, v->lines[j].len);
	t = extract_text_trim(raw);
	yes = t != NULL && extract_closing_signer_plausible(t);
	g_free(raw);
	g_free(t);
	return yes;
}

/* The value that continues on the lines after line i (a bare label, or a
 * description running over several lines); marks them consumed. */
static void
continue_value(struct view *v, size_t i, GString *acc, size_t max_lines)
{
	bool skipped_blank = false;

	for (size_t j = i + 1; j < v->n && max_lines > 0; j++) {
		const struct line *ln = &v->lines[j];
		const char *mailing;

		if (extract_labels_blank(ln)) {
			if (acc->len > 0 || skipped_blank)
				return;
			skipped_blank = true;
			continue;
		}
		if (extract_labels_starts_with_hit(v, j) || extract_closing_marker_line(ln) || extract_closing_date_line(v, ln) ||
		    addresses_office(ln) || extract_labels_signs_above_date(v, j) ||
		    (sentence_done(acc) && !list_item_start(ln->s)))
			return;
		mailing = extract_prose_mailing_above(ln->s, extract_labels_text_before_hit(v, j));
		/* The line stays for the delivery reader. */
		if (mailing != NULL) {
			extract_labels_append_piece(acc, ln->s, mailing);
			return;
		}
		extract_labels_append_piece(acc, ln->s, extract_labels_text_before_hit(v, j));
		v->consumed[j] = true;
		max_lines--;
		if (extract_labels_hits_of(v, j)->len > 0)
			return;
	}
}

/* --- choices: delivery and medium ---------------------------------------- */

struct item {
	int option;        /* index in extract_lexicon_options[], -1 for a mark */
	int state;         /* marks: +1 ticked, -1 unticked */
	const char *pos;
};

/* Options without marks that name two different deliveries, or two
 * different media (邮寄/电子邮件/自行领取, 纸质、电子): the template's
 * list of alternatives, left unmarked, which chooses nothing. */
static bool
alternatives(const struct item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const struct extract_lexicon_choice *a =
				&extract_lexicon_options[items[i].option];
			const struct extract_lexicon_choice *b =
				&extract_lexicon_options[items[j].option];

			if (a->delivery != b->delivery &&
			    a->delivery != EXTRACT_DELIVERY_UNKNOWN &&
			    b->delivery != EXTRACT_DELIVERY_UNKNOWN)
				return true;
			if (a->medium != b->medium &&
			    a->delivery == EXTRACT_DELIVERY_UNKNOWN &&
			    b->delivery == EXTRACT_DELIVERY_UNKNOWN)
				return true;
		}
	return false;
}

/* Reads ticked options from p..end and records the first delivery and
 * medium chosen.  Marks may precede (☑邮寄) or follow (邮寄√) options.
 * Without any mark, a labelled field's first option is the choice
 * (获取方式：邮寄) unless need_marks or the options are alternatives.
 * Returns whether p..end is a list of options: one chosen, marks, or
 * alternatives left unchosen. */
bool
extract_labels_parse_choices(const char *p, const char *end, bool need_marks,
	      enum choice_level dlevel, enum choice_level mlevel,
	      struct found *f)
{
	struct item items[64];
	size_t n = 0, unticked = 0;
	bool any_mark = false, any_tick = false, prefix, chosen = false;
	int selected[64];
	size_t n_sel = 0;
	const char *start = p;

	while (p < end && n < G_N_ELEMENTS(items)) {
		size_t len;
		int st = extract_layout_mark_at(p, end, &len), o;

		if (st != 0) {
			items[n++] = (struct item){ -1, st, p };
			any_mark = true;
			any_tick |= st > 0;
			unticked += st < 0;
			p += len;
			continue;
		}
		o = extract_lexicon_option_at(p, end, &len);
		/* 纸质文本邮寄，请勿传真至…: an option refused is none offered. */
		if (o >= 0 && extract_prose_negated(p, start)) {
			p += len;
			continue;
		}
		if (o >= 0) {
			const char *a = p + len;
			bool after_mark = n > 0 && items[n - 1].option < 0;

			while (a < end && *a == ' ')
				a++;
			/* 邮寄地址:… and 邮箱:… are labels, not choices. */
			if (!extract_text_has_prefix(a, end, "地址") &&
			    !(a < end && *a == ':' && !after_mark))
				items[n++] = (struct item){ o, 0, p };
			p += len;
			continue;
		}
		p = extract_text_next_char(p, end);
	}
	if (!any_mark) {
		if (need_marks)
			return false;
		if (alternatives(items, n))
			return true;
		for (size_t i = 0; i < n; i++)
			selected[n_sel++] = items[i].option;
	} else {
		prefix = n > 0 && items[0].option < 0;
		for (size_t i = 0; i < n; i++) {
			int st = 0;

			if (items[i].option < 0)
				continue;
			if (prefix && i > 0 && items[i - 1].option < 0)
				st = items[i - 1].state;
			else if (!prefix && i + 1 < n && items[i + 1].option < 0)
				st = items[i + 1].state;
			if (st > 0)
				selected[n_sel++] = items[i].option;
		}
		/* A fax read by OCR: boxes come back as 口 and the ticked one
		 * as junk, so the one option without a box is the choice. */
		if (!any_tick && prefix && unticked >= 2) {
			int lone = -1, count = 0;

			for (size_t i = 1; i < n; i++)
				if (items[i].option >= 0 && items[i - 1].option >= 0) {
					const char *pc = extract_text_prev_char(items[i].pos,
								   items[i - 1].pos);

					if (!extract_text_is_han(pc, items[i].pos) &&
					    !extract_text_is_space(*pc) && strchr("/,;:", *pc) == NULL &&
					    !extract_text_has_prefix(pc, items[i].pos, "、")) {
						lone = items[i].option;
						count++;
					}
				}
			if (count == 1)
				selected[n_sel++] = lone;
		}
	}
	for (size_t i = 0; i < n_sel; i++) {
		const struct extract_lexicon_choice *o =
			&extract_lexicon_options[selected[i]];

		if (o->delivery != EXTRACT_DELIVERY_UNKNOWN) {
			extract_assemble_set_choice(f, o->delivery, EXTRACT_MEDIUM_UNKNOWN, dlevel,
				   CHOICE_NONE);
			chosen = true;
			break;
		}
	}
	/* 电子邮件 is a medium only in the medium field (指定提供方式); chosen as
	 * the way to deliver, it says nothing of the medium. */
	for (size_t i = 0; i < n_sel; i++) {
		const struct extract_lexicon_choice *o =
			&extract_lexicon_options[selected[i]];

		if (o->medium != EXTRACT_MEDIUM_UNKNOWN &&
		    (o->delivery == EXTRACT_DELIVERY_UNKNOWN ||
		     mlevel == CHOICE_FIELD)) {
			extract_assemble_set_choice(f, EXTRACT_DELIVERY_UNKNOWN, o->medium,
				   CHOICE_NONE, mlevel);
			chosen = true;
			break;
		}
	}
	return chosen || any_mark;
}

bool
extract_labels_has_mark(const char *p, const char *end, bool ticked_only)
{
	for (; p < end; p = extract_text_next_char(p, end)) {
		size_t n;
		int st = extract_layout_mark_at(p, end, &n);

		if (st > 0 || (st < 0 && !ticked_only))
			return true;
	}
	return false;
}

/* A delivery said in a sentence after the choice's value h on its line
 * ln: the first not negated, chosen at level. */
static void
choice_tail_delivery(const struct line *ln, const struct hit *h, enum choice_level level,
		     struct found *f)
{
	const char *end = line_end(ln);

	for (const char *p = h->vend; p < end; p = extract_text_next_char(p, end)) {
		enum extract_delivery d = extract_prose_sentence_delivery(p, end, true);

		if (d != EXTRACT_DELIVERY_UNKNOWN && !extract_prose_negated(p, h->vstart)) {
			extract_assemble_set_choice(f, d, EXTRACT_MEDIUM_UNKNOWN, level,
						    CHOICE_NONE);
			return;
		}
	}
}

static void
read_choice(struct view *v, size_t i, const struct hit *h, struct found *f)
{
	enum choice_level dl = h->field == FLD_DELIVERY ? CHOICE_FIELD : CHOICE_OTHER;
	enum choice_level ml = h->field == FLD_MEDIUM ? CHOICE_FIELD : CHOICE_OTHER;

	/* A form's choice field is read by its label alone: the options it
	 * lists unchosen are not phrases of a letter (邮寄/电子邮件). */
	if (extract_labels_parse_choices(h->vstart, h->vend, false, dl, ml, f) &&
	    h->at_start && !h->prose)
		v->consumed[i] = true;
	/* 获取方式：纸质文本，本人到贵局自行领取: the value stops at the label
	 * 本人, which starts the way chosen, on the choice's line. */
	if (h->field == FLD_DELIVERY && f->delivery_level < dl)
		choice_tail_delivery(&v->lines[i], h, dl, f);
	/* 获取方式：纸质文本，传真至0475-4216027: the number the answer is
	 * to be faxed to is the applicant's fax, though the line is the
	 * choice's, which the sentence readers skip once it is consumed. */
	for (const char *p = h->vstart; p < h->vend && f->fax == NULL;
	     p = extract_text_next_char(p, h->vend))
		if (!extract_prose_negated(p, h->vstart))
			extract_assemble_keep(f, EXTRACT_FIELD_FAX, &f->fax,
					      extract_prose_fax_target(p, h->vend));
	/* Options listed on the lines below the label. */
	for (size_t j = i + 1; j < v->n; j++) {
		const struct line *ln = &v->lines[j];

		if (extract_labels_blank(ln) || extract_labels_starts_with_hit(v, j) ||
		    !extract_labels_has_mark(ln->s, line_end(ln), false))
			break;
		extract_labels_parse_choices(ln->s, extract_labels_text_before_hit(v, j), false, dl, ml, f);
	}
}

/* --- storing what a label says ------------------------------------------- */

char *
extract_labels_email_token(const char *v)
{
	const char *at = strchr(v, '@'), *b, *e;

	if (at == NULL)
		return NULL;
	for (b = at; b > v && (extract_text_is_alnum(b[-1]) || strchr("._%+-", b[-1])); b--)
		;
	for (e = at + 1; *e != '\0' && (extract_text_is_alnum(*e) || strchr("._-", *e)); e++)
		;
	while (e > at + 1 && e[-1] == '.')
		e--;
	return g_strndup(b, (gsize)(e - b));
}

/* The identity number in a value: the longest run of letters and digits
 * (spaces and hyphens inside allowed) that holds a digit. */
void
extract_labels_store_id(struct found *f,
			const struct extract_lexicon_label *lab, const char *v)
{
	const char *end = v + strlen(v), *best = NULL, *best_end = NULL;
	const char *word = NULL;
	size_t word_len = 0;

	for (const char *p = v; p < end; p = extract_text_next_char(p, end))
		for (size_t i = 0; i < extract_lexicon_id_words_n; i++) {
			size_t n = strlen(extract_lexicon_id_words[i].word);

			if ((size_t)(end - p) >= n && n > word_len &&
			    (word == NULL || p == word) &&
			    g_ascii_strncasecmp(p, extract_lexicon_id_words[i].word, n) == 0) {
				word = p;
				word_len = n;
			}
		}
	if (word != NULL && f->id_word == NULL) {
		f->id_word = g_strndup(word, word_len);
		extract_assemble_noted(f, EXTRACT_FIELD_ID_TYPE);
	}
	for (const char *p = v; p < end;) {
		const char *e = p;
		bool digit = false;

		if (!extract_text_is_alnum(*p)) {
			p++;
			continue;
		}
		while (e < end && (extract_text_is_alnum(*e) ||
				   ((*e == ' ' || *e == '-') && e + 1 < end &&
				    extract_text_is_alnum(e[1])))) {
			digit |= extract_text_is_digit(*e);
			e++;
		}
		/* Hong Kong and Macau write the check character in brackets:
		 * Y123456(7), 1234567(8). */
		if (e > p && end - e >= 3 && e[0] == '(' && extract_text_is_alnum(e[1]) &&
		    e[2] == ')')
			e += 3;
		if (digit && (best == NULL || e - p > best_end - best)) {
			best = p;
			best_end = e;
		}
		p = e;
	}
	if (best != NULL && f->id_number == NULL) {
		char *tok = g_strndup(best, (gsize)(best_end - best));
		char buf[64];

		g_strdelimit(tok, "()", ' ');

		if (extract_id_normalise(tok, buf, sizeof(buf)) == 0 &&
		    buf[0] != '\0') {
			f->id_number = g_strdup(buf);
			f->id_label_type = lab != NULL ? lab->id_type :
							  EXTRACT_ID_NONE;
			f->id_label = lab != NULL ? lab->id_label : NULL;
			extract_assemble_noted(f, EXTRACT_FIELD_ID_NUMBER);
			if (f->id_label_type != EXTRACT_ID_NONE &&
			    f->prov[EXTRACT_FIELD_ID_TYPE].src == EXTRACT_SRC_NONE)
				extract_assemble_noted(f, EXTRACT_FIELD_ID_TYPE);
		}
		g_free(tok);
	}
}

size_t
extract_labels_count_digits(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += extract_text_is_digit(*s);
	return n;
}

static void
store_contact(struct found *f, char *v)
{
	char *mail = extract_labels_email_token(v);

	if (mail != NULL) {
		char *rest = g_strdup(v), *at = strstr(rest, mail);

		memmove(at, at + strlen(mail), strlen(at + strlen(mail)) + 1);
		extract_assemble_keep(f, EXTRACT_FIELD_EMAIL, &f->email, mail);
		g_free(v);
		v = extract_labels_clean_value(rest, rest + strlen(rest));
		g_free(rest);
	}
	if (v != NULL && extract_labels_count_digits(v) >= PHONE_MIN_DIGITS)
		extract_assemble_keep(f, EXTRACT_FIELD_PHONE, &f->phone, v);
	else
		g_free(v);
}

/* A name in a sentence must look like one; a form's is taken as written. */
/* 我是… says who the writer is or what: a name, unless a role word ends it
 * (我是律师, 我是退休职工) or a description starts it (我是一名…). */
static bool
self_named(const char *v)
{
	const char *cut;

	if (v == NULL || *v == '\0' ||
	    extract_text_starts_with_any(v, EXTRACT_LEXICON(self_described)))
		return false;
	/* The first clause is the name, if any. */
	for (cut = v; *cut != '\0' && *cut != ',' && *cut != ' ' &&
		      !g_str_has_prefix(cut, "。");
	     cut++)
		;
	for (size_t i = 0; i < extract_lexicon_role_ends_n; i++) {
		const char *end = extract_lexicon_role_ends[i];
		size_t m = strlen(end);

		if ((size_t)(cut - v) >= m && memcmp(cut - m, end, m) == 0)
			return false;
	}
	return true;
}

/* 13804758216（陈晓梅，申请人之女）: a note in brackets after a number
 * (not an area code in brackets) is not part of it. */
static char *
phone_value(char *v)
{
	char *open = v != NULL ? strchr(v, '(') : NULL;
	char *number;

	if (open == NULL || extract_text_is_digit(open[1]) || open == v)
		return v;
	*open = '\0';
	if (extract_labels_count_digits(v) < PHONE_MIN_DIGITS) {
		*open = '(';
		return v;
	}
	number = extract_labels_clean_value(v, open);
	g_free(v);
	return number;
}

/* 经办人：人力资源部 高雅琴: the department before a person's name is
 * where the person works, not part of the name. */
static char *
without_department(char *v)
{
	static const char *const units[] = {
		"部", "处", "科", "室", "办", "中心", "组", "队",
	};
	char *sp = v != NULL ? strrchr(v, ' ') : NULL;
	char *unit, *name;
	bool dept = false;

	if (sp == NULL || !extract_labels_name_plausible(sp + 1) || extract_lexicon_org_name(sp + 1))
		return v;
	unit = g_strchomp(g_strndup(v, (gsize)(sp - v)));
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
		dept |= g_str_has_suffix(unit, units[i]);
	g_free(unit);
	if (!dept)
		return v;
	name = g_strdup(sp + 1);
	g_free(v);
	return name;
}

/* 联系人：王敏 0475-8226017, 联系人：王敏，139…: the telephone number
 * written after a person's name, or NULL. */
static char *
number_after_name(const char *v)
{
	const char *d = v;

	while (*d != '\0' && !extract_text_is_digit(*d) && *d != '+' && *d != '(')
		d++;
	if (d == v || extract_labels_count_digits(d) < PHONE_MIN_DIGITS)
		return NULL;
	return extract_labels_clean_value(d, d + strlen(d));
}

static char *
person_value(const struct hit *h, char *v)
{
	v = name_value(v);
	if (v != NULL && (h->clause || h->lab->prose == P_ONLY) &&
	    !extract_labels_name_plausible(v)) {
		g_free(v);
		v = NULL;
	}
	return v;
}

/* 负责人：包金山（村委会主任）: a title in brackets after a representative's
 * name is not part of the name a letter is addressed to. */
static char *
without_title(char *v)
{
	char *open = v != NULL ? strrchr(v, '(') : NULL;
	char *name;

	if (open == NULL || open == v || !g_str_has_suffix(open, ")"))
		return v;
	name = extract_labels_clean_value(v, open);
	if (name == NULL || !extract_labels_name_plausible(name) || extract_lexicon_org_name(name)) {
		g_free(name);
		return v;
	}
	g_free(v);
	return name;
}

/* The record's field a label's value goes to; EXTRACT_FIELD_COUNT for
 * labels we do not keep.  联系方式 holds a number or an address: phone. */
static enum extract_field
record_field(enum extract_lexicon_field f)
{
	static const enum extract_field map[FLD_COUNT] = {
		[FLD_NAME] = EXTRACT_FIELD_NAME,
		[FLD_ORG_NAME] = EXTRACT_FIELD_NAME,
		[FLD_APPLICANT] = EXTRACT_FIELD_NAME,
		[FLD_LEGAL_REP] = EXTRACT_FIELD_LEGAL_REP,
		[FLD_CONTACT_PERSON] = EXTRACT_FIELD_CONTACT_PERSON,
		[FLD_ID_TYPE] = EXTRACT_FIELD_ID_TYPE,
		[FLD_ID_NUMBER] = EXTRACT_FIELD_ID_NUMBER,
		[FLD_ADDRESS] = EXTRACT_FIELD_ADDRESS,
		[FLD_POSTCODE] = EXTRACT_FIELD_POSTCODE,
		[FLD_PHONE] = EXTRACT_FIELD_PHONE,
		[FLD_EMAIL] = EXTRACT_FIELD_EMAIL,
		[FLD_FAX] = EXTRACT_FIELD_FAX,
		[FLD_CONTACT] = EXTRACT_FIELD_PHONE,
		[FLD_REQUEST] = EXTRACT_FIELD_REQUEST,
		[FLD_PURPOSE] = EXTRACT_FIELD_PURPOSE,
		[FLD_SIGNATURE] = EXTRACT_FIELD_SIGNATURE,
		[FLD_DATE] = EXTRACT_FIELD_DATE,
		[FLD_DELIVERY] = EXTRACT_FIELD_DELIVERY,
		[FLD_MEDIUM] = EXTRACT_FIELD_MEDIUM,
		[FLD_AGENT] = EXTRACT_FIELD_AGENT,
		[FLD_AGENT_PHONE] = EXTRACT_FIELD_AGENT_PHONE,
		[FLD_OTHER] = EXTRACT_FIELD_COUNT,
	};

	return map[f];
}

static void
store(struct found *f, const struct hit *h, size_t line, char *v)
{
	enum extract_field fld = record_field(h->field);
	struct applicant_hit a;

	if (v == NULL) {
		f->sig_field |= h->field == FLD_SIGNATURE;
		/* A label with nothing after it: evidence, kept until a value
		 * comes (reading() said how sure the blank is). */
		if (fld != EXTRACT_FIELD_COUNT && !h->prose &&
		    f->prov[fld].src == EXTRACT_SRC_NONE)
			extract_assemble_noted(f, fld);
		return;
	}
	/* A form's name is taken as written; one that does not look like a
	 * name is a doubt. */
	if ((h->field == FLD_NAME || h->field == FLD_ORG_NAME ||
	     h->field == FLD_APPLICANT) && !h->prose) {
		char *n = name_value(g_strdup(v));

		if (n == NULL || !extract_labels_name_plausible(n))
			f->at.conf = EXTRACT_CONF_LOW;
		g_free(n);
	}
	switch (h->field) {
	case FLD_NAME:
		if (strcmp(h->lab->text, "我是") == 0 && !self_named(v)) {
			free(v);
			break;
		}
		v = person_value(h, v);
		/* 我是陈晓梅，替我父亲…: who writes, should it be an agent. */
		if (v != NULL && h->lab->prose == P_ONLY && f->self_name == NULL) {
			f->self_name = g_strdup(v);
			f->self_prov = f->at;
			f->self_prov.quoted = f->quoted;
		}
		extract_assemble_set_name(f, v, h->clause || h->lab->prose == P_ONLY ? RANK_PROSE :
								 RANK_LABEL);
		break;
	case FLD_ORG_NAME:
		extract_assemble_set_name(f, name_value(v), RANK_LABEL);
		break;
	case FLD_APPLICANT:
		extract_labels_strip_seal(v);
		v = without_note(person_value(h, v));
		if (v == NULL || extract_labels_is_one_of(v, EXTRACT_LEXICON(applicant_kinds))) {
			g_free(v);
			break;
		}
		a.line = line;
		a.value = g_strdup(v);
		g_array_append_val(f->applicants, a);
		extract_assemble_set_name(f, v, RANK_APPLICANT);
		break;
	case FLD_LEGAL_REP:
		extract_assemble_keep(f, EXTRACT_FIELD_LEGAL_REP, &f->legal_rep,
		     without_title(person_value(h, v)));
		break;
	case FLD_CONTACT_PERSON:
		f->contact_handler |= f->contact_person == NULL &&
				      strcmp(h->lab->text, "经办人") == 0;
		extract_assemble_keep(f, EXTRACT_FIELD_PHONE, &f->phone, number_after_name(v));
		extract_assemble_keep(f, EXTRACT_FIELD_CONTACT_PERSON, &f->contact_person,
		     without_department(without_title(person_value(h, v))));
		break;
	case FLD_AGENT:
		if (f->agent == NULL)
			f->agent_line = line;
		extract_assemble_keep(f, EXTRACT_FIELD_AGENT_PHONE, &f->agent_phone,
		     number_after_name(v));
		extract_assemble_keep(f, EXTRACT_FIELD_AGENT, &f->agent,
		     without_department(without_title(person_value(h, v))));
		break;
	case FLD_AGENT_PHONE:
		extract_assemble_keep(f, EXTRACT_FIELD_AGENT_PHONE, &f->agent_phone,
		     phone_value(v));
		break;
	case FLD_ID_TYPE:
		extract_assemble_keep(f, EXTRACT_FIELD_ID_TYPE, &f->id_type_text, v);
		break;
	case FLD_ID_NUMBER:
		extract_labels_store_id(f, h->lab, v);
		g_free(v);
		break;
	case FLD_ADDRESS:
		extract_assemble_keep(f, EXTRACT_FIELD_ADDRESS, &f->address, v);
		break;
	case FLD_POSTCODE:
		extract_assemble_keep(f, EXTRACT_FIELD_POSTCODE, &f->postcode, v);
		break;
	case FLD_PHONE:
		/* 代理人：韩立新  电话：0475-…: the agent's line as written
		 * (layout.c may have split it), his phone. */
		v = phone_value(v);
		if (f->agent != NULL && f->at.line != NULL &&
		    f->at.line == f->prov[EXTRACT_FIELD_AGENT].line)
			extract_assemble_keep(f, EXTRACT_FIELD_AGENT_PHONE, &f->agent_phone, v);
		else
			extract_assemble_keep(f, EXTRACT_FIELD_PHONE, &f->phone, v);
		break;
	case FLD_EMAIL:
		extract_assemble_keep(f, EXTRACT_FIELD_EMAIL, &f->email, v);
		break;
	case FLD_FAX:
		extract_assemble_keep(f, EXTRACT_FIELD_FAX, &f->fax, v);
		break;
	case FLD_CONTACT:
		store_contact(f, v);
		break;
	case FLD_REQUEST:
		if (f->request == NULL)
			f->request_line = line;
		extract_assemble_keep(f, EXTRACT_FIELD_REQUEST, &f->request, v);
		break;
	case FLD_PURPOSE:
		extract_assemble_keep(f, EXTRACT_FIELD_PURPOSE, &f->purpose, v);
		break;
	case FLD_SIGNATURE:
		f->sig_field = true;
		v = extract_labels_signature_value(v);
		if (v != NULL)
			f->sig_present = true;
		extract_assemble_keep(f, EXTRACT_FIELD_SIGNATURE, &f->sig_text, v);
		break;
	case FLD_DATE:
		extract_assemble_keep(f, EXTRACT_FIELD_DATE, &f->date_text, v);
		break;
	case FLD_DELIVERY:
	case FLD_MEDIUM:
	case FLD_OTHER:
		g_free(v);
		break;
	}
}

char *
extract_labels_finish_value(GString *acc)
{
	char *s = g_string_free(acc, FALSE), *v;
	size_t n = strlen(s);

	/* A description or purpose ends its English sentence: the full stop
	 * is not part of it. */
	if (n >= 2 && s[n - 1] == '.' && g_ascii_isalnum(s[n - 2]))
		s[n - 1] = '\0';
	if (strchr(s, '\n') == NULL) {
		v = extract_labels_clean_value(s, s + strlen(s));
		g_free(s);
		return v;
	}
	while (extract_labels_strip_suffix(s, "。") || extract_labels_strip_suffix(s, ";") ||
	       extract_labels_strip_suffix(s, ","))
		;
	return s;
}

/* Fields whose value is a number or an address with digits. */
static bool
wants_number(enum extract_lexicon_field f)
{
	return f == FLD_ID_NUMBER || f == FLD_POSTCODE || f == FLD_PHONE ||
	       f == FLD_FAX || f == FLD_EMAIL || f == FLD_CONTACT ||
	       f == FLD_AGENT_PHONE;
}

/* Does the next non-blank line after i hold a digit before its first
 * label?  An empty 传真 cell may be followed by a section heading
 * (所需信息情况), which is not its value. */
static bool
next_has_digit(const struct view *v, size_t i)
{
	for (size_t j = i + 1; j < v->n; j++) {
		const struct line *ln = &v->lines[j];

		if (extract_labels_blank(ln))
			continue;
		for (const char *c = ln->s; c < extract_labels_text_before_hit(v, j); c++)
			if (extract_text_is_digit(*c))
				return true;
		return false;
	}
	return false;
}

/* 证件名称 alone on its line, the document on the next (居民身份证, which
 * is a label elsewhere): returns the document's name and marks its line
 * consumed, or NULL. */
static char *
document_below(struct view *v, size_t i)
{
	for (size_t j = i + 1; j < v->n; j++) {
		const struct line *ln = &v->lines[j];
		char *raw, *t;

		if (extract_labels_blank(ln))
			continue;
		raw = g_strndup(ln->s, ln->len);
		t = extract_text_trim(raw);
		g_free(raw);
		if (t != NULL && extract_lexicon_document_word(t)) {
			v->consumed[j] = true;
			return t;
		}
		g_free(t);
		return NULL;
	}
	return NULL;
}

/* Does h's value hold anything but spaces?  无 or / written after a label
 * is its value (there is none), not room for the next line's. */
static bool
anything_written(const struct hit *h)
{
	for (const char *c = h->vstart; c < h->vend; c++)
		if (!extract_text_is_space(*c))
			return true;
	return false;
}

/* A label with nothing after it is a blank left in the form when the
 * applicant wrote that there is nothing (无, /, ——) or another label follows
 * it (on its line or the next) or nothing does; when text follows that was
 * not taken as its value, the value may be there. */
static bool
blank_certain(const struct view *v, size_t i, const struct hit *h, bool last)
{
	if (anything_written(h) || !last)
		return true;
	for (size_t j = i + 1; j < v->n; j++)
		if (!extract_labels_blank(&v->lines[j]))
			return extract_labels_starts_with_hit(v, j) || extract_closing_marker_line(&v->lines[j]) ||
			       extract_closing_date_line(v, &v->lines[j]);
	return true;
}

/* The form-label reading of line i.  A line layout.c rewrote names how
 * (form-label-wrap, -below, -boxes, -column, -split: the change that
 * shapes a value most) and gives the lines as written; a wrap joined on a
 * borderline criterion is a guess, named after it. */
static void
form_label(const struct view *v, size_t i, struct found *f)
{
	static const struct {
		unsigned change;
		const char *word;
	} changes[] = {
		{ EXTRACT_LAYOUT_WRAP, "wrap" },
		{ EXTRACT_LAYOUT_BELOW, "below" },
		{ EXTRACT_LAYOUT_BOXES, "boxes" },
		{ EXTRACT_LAYOUT_COLUMN, "column" },
		{ EXTRACT_LAYOUT_SPLIT, "split" },
	};
	const struct line *ln = &v->lines[i];
	const struct extract_layout_line *lay;
	struct line written;

	lay = ln->no - 1 < v->layout->len ?
	      &g_array_index(v->layout, struct extract_layout_line, ln->no - 1) :
	      NULL;
	for (size_t k = 0; lay != NULL && k < G_N_ELEMENTS(changes); k++) {
		if (!(lay->changes & changes[k].change))
			continue;
		written = (struct line){ v->written + lay->start, lay->len,
					 NULL, ln->no };
		if (lay->guess != NULL)
			extract_assemble_reading(f, EXTRACT_SRC_LABEL, EXTRACT_CONF_LOW,
				"form-label-wrap", lay->guess, &written);
		else
			extract_assemble_reading(f, EXTRACT_SRC_LABEL, EXTRACT_CONF_HIGH,
				"form-label", changes[k].word, &written);
		return;
	}
	extract_assemble_reading(f, EXTRACT_SRC_LABEL, EXTRACT_CONF_HIGH, "form-label", NULL, ln);
}

void
extract_labels_read(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		GArray *hits = extract_labels_hits_of(v, i);

		for (guint k = 0; k < hits->len; k++) {
			const struct hit *h = &g_array_index(hits, struct hit, k);
			bool last = k + 1 == hits->len;
			char *value;

			if (h->prose)
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose", h->lab->text, &v->lines[i]);
			else
				form_label(v, i, f);
			if (extract_labels_is_choice(h->field)) {
				read_choice(v, i, h, f);
				continue;
			}
			if (h->field == FLD_OTHER)
				continue;
			if (is_multiline(h->field)) {
				GString *acc = g_string_new(NULL);
				const char *se = h->field == FLD_PURPOSE ?
					extract_prose_sentence_end(h->vstart, h->vend) : NULL;
				const char *mailing = extract_prose_mailing_above(h->vstart,
					se != NULL ? se : h->vend);

				/* 用途：…举证。授权委托书已邮寄…: a purpose is
				 * one sentence; the next is about something
				 * else. */
				extract_labels_append_piece(acc, h->vstart, mailing != NULL ? mailing :
							   se != NULL ? se : h->vend);
				if (last && se == NULL && mailing == NULL)
					continue_value(v, i, acc, VALUE_MAX_LINES);
				/* 用途是… in a sentence: the rest of the line
				 * may still hold the request; a clause mailing
				 * to the address above, the delivery. */
				if (!h->prose && mailing == NULL)
					v->consumed[i] = true;
				value = extract_labels_finish_value(acc);
			} else {
				value = extract_labels_clean_value(h->vstart, h->vend);
				if (value == NULL && last &&
				    h->field == FLD_ID_TYPE)
					value = document_below(v, i);
				if (value == NULL && last && !h->clause &&
				    !anything_written(h) &&
				    (!wants_number(h->field) ||
				     next_has_digit(v, i))) {
					GString *acc = g_string_new(NULL);

					continue_value(v, i, acc, 1);
					value = extract_labels_finish_value(acc);
				}
			}
			if (value == NULL)
				extract_assemble_reading(f, EXTRACT_SRC_LABEL,
					blank_certain(v, i, h, last) ?
					EXTRACT_CONF_HIGH : EXTRACT_CONF_LOW,
					"label-empty", NULL, &v->lines[i]);
			store(f, h, i, value);
		}
	}
}

/* The lexicon as layout.c needs it: which labels start a form line and
 * what value each takes. */
enum extract_layout_value
extract_labels_layout_label(const char *p, const char *end, size_t *len_r)
{
	const char *lend = NULL;
	const struct extract_lexicon_label *lab = extract_lexicon_label_at(p, end, &lend);
	enum extract_lexicon_field field;

	if (lab == NULL || lab->prose == P_ONLY || lab->prose == P_CLAUSE)
		return EXTRACT_LAYOUT_NONE;
	field = (enum extract_lexicon_field)lab->field;
	*len_r = (size_t)(extract_labels_label_bracket(lend, end, &field) - p);
	if (extract_labels_is_choice(field))
		return EXTRACT_LAYOUT_CHOICE;
	if (field == FLD_OTHER)
		return EXTRACT_LAYOUT_OTHER;
	if (wants_number(field))
		return EXTRACT_LAYOUT_NUMBER;
	if (field == FLD_ADDRESS || is_multiline(field))
		return EXTRACT_LAYOUT_LONG;
	return EXTRACT_LAYOUT_TEXT;
}
