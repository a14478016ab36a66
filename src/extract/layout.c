/* Layout normalisation: the many shapes a form takes in mail, rewritten
 * into the one the field rules read (a "label:value" line per field,
 * values on one line, a choice as the option ticked).
 *
 * What it undoes, line by line and then across lines:
 *  - WPS and Word pastes that pad with spaces (U+3000, folded) and put two
 *    fields on one line: 姓名：张三　　　　联系电话：139… becomes two lines;
 *  - two-column tables aligned with spaces and no colon: 姓名      张三;
 *  - check boxes in every form (☑邮寄, 邮寄[x], 纸质（ ）电子（√）): in a
 *    choice (delivery, medium) or a list with no label, each ticked option
 *    becomes ☑ and the option, each unticked one a bare ☐; in any other
 *    field (证件类型：［√］居民身份证 ［ ］护照, 用途：（√）科研) the value is
 *    the ticked option alone.  A list with nothing ticked names no option;
 *  - a label alone on its line with its value on the next (Word forms,
 *    四、获取方式 / 电子邮件);
 *  - values hard-wrapped by a mail client (72-76 columns) or by the writer
 *    (an address whose tail went to the next line).
 * Which words are labels is the lexicon's business (lexicon.h): this file
 * knows shapes, not words.  What it did to each line it reports, so that
 * a value read from a rewritten line can say how it was rewritten.
 */
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

/* Mail clients wrap at 72 to 76 columns (Thunderbird 72, Outlook 76) at the
 * last break before the limit: a Chinese line can break anywhere, so it
 * keeps at least 70 columns; an English one loses at most its last word.
 * A line of 60 columns or more that the next line continues was wrapped. */
#define WRAP_MIN_COLUMNS 60
/* Longer lines were not wrapped by a client (RFC 5322 asks for 78 columns
 * at most; 2 more for a client that counts a CJK character as one column
 * less): their break is the writer's, a paragraph end. */
#define WRAP_MAX_COLUMNS 80
/* A Chinese line can break anywhere, so a mail client fills it to within
 * one wide character of its limit (72 at the least).  A shorter one that
 * ends in a Chinese character was wrapped by something else (a PDF's
 * table cell) or by the writer: when the line below is a short one that
 * ends no sentence (TAIL_MAX_CHARS), either line may stand alone (a value,
 * then a heading), and joining them is a guess.  A Latin line loses its
 * last word to the wrap and may be shorter without doubt. */
#define WRAP_SURE_COLUMNS 70
/* The tail of an address that the writer put on the next line (…2单元 /
 * 502室) is short: a longer line is a sentence of its own. */
#define TAIL_MAX_CHARS 16
/* Two fields on one line are set apart by at least two spaces (WPS pads
 * with U+3000, Word aligns with spaces); one space is part of a value
 * (Room 1502). */
#define PAD_MIN_SPACES 2
/* An option of a choice list is a few words (当场阅读、抄录 is 7
 * characters, 电子邮件（PDF） 9); a longer text beside a mark is a
 * sentence, and the line is left as written. */
#define OPTION_MAX_CHARS 12
/* After a label that takes a value (用途, 证件类型), the options are the
 * office's phrases (为办理本人社会保险关系转移核对缴费记录 is 18
 * characters): the label says a value follows, so a longer one is still
 * an option. */
#define VALUE_OPTION_MAX_CHARS 24

/* --- characters ------------------------------------------------------------ */

static const char *
skip_spaces(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The last character before end, or NULL for an empty range. */
static const char *
last_char(const char *start, const char *end)
{
	const char *p = end;

	if (p <= start)
		return NULL;
	p--;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	return p;
}

static size_t
columns(const char *p, const char *end)
{
	size_t n = 0;

	while (p < end) {
		gunichar c = extract_text_char_at(p, end);

		n += g_unichar_iswide(c) ? 2 : 1;
		p = extract_text_next_char(p, end);
	}
	return n;
}

static size_t
chars(const char *p, const char *end)
{
	size_t n = 0;

	for (; p < end; p = extract_text_next_char(p, end))
		n++;
	return n;
}

/* --- check marks ------------------------------------------------------------- */

static const char *const ticked_marks[] = {
	"☑", "✓", "✔", "√", "■", "●", "☒", "✅", "▣", "◉",
};
static const char *const unticked_marks[] = {
	"□", "☐", "○", "口", "◯", "▢",
};
/* What may stand inside brackets to tick them. */
static const char *const bracket_ticks[] = {
	"x", "X", "√", "✓", "✔", "☑", "*",
};
static const char *const bracket_pairs[][2] = {
	{ "[", "]" }, { "(", ")" }, { "【", "】" },
};
#define CANON_TICKED "☑"
#define CANON_UNTICKED "☐"

/* Whether byte c can begin a check mark or a bracket pair's opening:
 * extract_layout_mark_at runs at every character of every line, and most
 * characters begin none. */
static bool
mark_may_start(unsigned char c)
{
	static bool can[256];
	static gsize built;

	if (g_once_init_enter(&built)) {
		for (size_t i = 0; i < G_N_ELEMENTS(bracket_pairs); i++)
			can[(unsigned char)bracket_pairs[i][0][0]] = true;
		for (size_t i = 0; i < G_N_ELEMENTS(ticked_marks); i++)
			can[(unsigned char)ticked_marks[i][0]] = true;
		for (size_t i = 0; i < G_N_ELEMENTS(unticked_marks); i++)
			can[(unsigned char)unticked_marks[i][0]] = true;
		g_once_init_leave(&built, 1);
	}
	return can[c];
}

int
extract_layout_mark_at(const char *p, const char *end, size_t *len_r)
{
	const char *w;

	if (p >= end || !mark_may_start((unsigned char)*p))
		return 0;

	for (size_t i = 0; i < G_N_ELEMENTS(bracket_pairs); i++) {
		const char *open = bracket_pairs[i][0], *close = bracket_pairs[i][1];
		const char *q;
		bool tick = false;

		if (extract_text_word_at(p, end, &open, 1) == NULL)
			continue;
		q = skip_spaces(p + strlen(open), end);
		if ((w = extract_text_word_at(q, end, bracket_ticks,
				 G_N_ELEMENTS(bracket_ticks))) != NULL) {
			tick = true;
			q = skip_spaces(q + strlen(w), end);
		}
		if (extract_text_word_at(q, end, &close, 1) == NULL)
			return 0;
		*len_r = (size_t)(q + strlen(close) - p);
		return tick ? 1 : -1;
	}
	if ((w = extract_text_word_at(p, end, ticked_marks, G_N_ELEMENTS(ticked_marks)))) {
		*len_r = strlen(w);
		return 1;
	}
	if ((w = extract_text_word_at(p, end, unticked_marks, G_N_ELEMENTS(unticked_marks)))) {
		*len_r = strlen(w);
		return -1;
	}
	return 0;
}

/* 口 is a box only to OCR; in text it is a word (人口, 出口), and the
 * field rules decide what it means there. */
static int
box_at(const char *p, const char *end, size_t *len_r)
{
	if (extract_text_word_at(p, end, (const char *const[]){ "口" }, 1) != NULL)
		return 0;
	return extract_layout_mark_at(p, end, len_r);
}

/* --- list items ------------------------------------------------------------- */

const char *
extract_layout_skip_bullet(const char *p, const char *end)
{
	static const char *const bullets[] = {
		"*", "-", "·", "•", "◆", "◇", "★", "☆", "▲", "►", "▶", "※",
	};
	static const char *const cn_numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	};
	const char *q, *w;

	p = skip_spaces(p, end);
	q = p;
	if (q < end && *q == '(')
		q++;
	if (q < end && g_ascii_isdigit(*q)) {
		while (q < end && g_ascii_isdigit(*q))
			q++;
	} else {
		while ((w = extract_text_word_at(q, end, cn_numerals,
				    G_N_ELEMENTS(cn_numerals))) != NULL)
			q += strlen(w);
	}
	if (q > p && q < end && (*q == '.' || *q == ')') &&
	    !(q + 1 < end && g_ascii_isdigit(q[1])))
		p = q + 1;
	else if (q > p && extract_text_word_at(q, end, (const char *const[]){ "、" }, 1))
		p = q + strlen("、");
	else if ((w = extract_text_word_at(p, end, bullets, G_N_ELEMENTS(bullets))) != NULL)
		p += strlen(w);
	else if (end - p >= 3 && (unsigned char)p[0] == 0xE2 &&
		 (unsigned char)p[1] == 0x91 &&
		 (unsigned char)p[2] >= 0xA0 && (unsigned char)p[2] <= 0xB3)
		p += 3; /* ① .. ⑳ */
	return skip_spaces(p, end);
}

/* --- one line ------------------------------------------------------------------- */

struct form_line {
	enum extract_layout_value kind; /* NONE: no label starts the line */
	const char *label;              /* the label, after quoting and a list
	                                   number */
	const char *value;              /* after the label and its separator */
	bool separated;                 /* a colon, a tab or padding follows
	                                   the label: a form line */
	bool padded;                    /* spaces alone separate it (a table
	                                   cell's tab is left to labels.c) */
};

/* Quoting ("> > ") at the start of a line. */
static size_t
quote_len(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && (*p == '>' || *p == ' '))
		p++;
	return p > s && s[0] == '>' ? (size_t)(p - s) : 0;
}

static struct form_line
read_form_line(const char *s, const char *end, const struct extract_layout_lexicon *lex)
{
	struct form_line fl = { EXTRACT_LAYOUT_NONE, NULL, end, false, false };
	const char *body = extract_layout_skip_bullet(s + quote_len(s, end), end);
	size_t n = 0;
	const char *q;

	fl.kind = lex->label(body, end, &n);
	if (fl.kind == EXTRACT_LAYOUT_NONE)
		return fl;
	fl.label = body;
	q = body + n;
	if (q < end && *q == ':') {
		fl.separated = true;
		q++;
	} else if (q < end && *q == '\t') {
		fl.separated = true;
	} else {
		const char *sp = skip_spaces(q, end);

		fl.separated = sp == end || (size_t)(sp - q) >= PAD_MIN_SPACES;
		fl.padded = fl.separated && sp < end;
	}
	fl.value = skip_spaces(q, end);
	return fl;
}

/* Where padding (PAD_MIN_SPACES or more) is followed by another form
 * label: the start of that label, or NULL. */
static const char *
second_field(const char *s, const char *end, const struct extract_layout_lexicon *lex)
{
	for (const char *p = s; p < end; p++) {
		const char *q;
		struct form_line fl;

		if (*p != ' ')
			continue;
		q = skip_spaces(p, end);
		if ((size_t)(q - p) < PAD_MIN_SPACES || q == end) {
			p = q;
			continue;
		}
		fl = read_form_line(q, end, lex);
		if (fl.kind != EXTRACT_LAYOUT_NONE && fl.separated && fl.label == q)
			return q;
		p = q;
	}
	return NULL;
}

struct box_item {
	int state;         /* +1 ticked, -1 unticked */
	const char *text;  /* the option beside the mark */
	const char *text_end;
};

/* Trims spaces and list separators (、/,;) around an option. */
static void
trim_option(const char **p, const char **e)
{
	static const char *const seps[] = { "、", "/", ",", ";", " ", "\t" };
	const char *w, *l;

	while (*p < *e && (w = extract_text_word_at(*p, *e, seps, G_N_ELEMENTS(seps))) != NULL)
		*p += strlen(w);
	while ((l = last_char(*p, *e)) != NULL &&
	       extract_text_word_at(l, *e, seps, G_N_ELEMENTS(seps)) != NULL)
		*e = l;
}

/* Reads the check boxes of s..end into items; false when the text is not
 * a list of options (max_chars at most) with marks (then it is left as
 * written). */
static bool
read_boxes(const char *s, const char *end, size_t max_chars, GArray *items)
{
	const char *p = skip_spaces(s, end), *text = p;
	bool prefix;
	size_t n;

	prefix = box_at(p, end, &n) != 0;
	while (p < end) {
		int st = box_at(p, end, &n);
		struct box_item it;

		if (st == 0) {
			p = extract_text_next_char(p, end);
			continue;
		}
		if (prefix) {
			const char *q = p + n, *e;

			/* Boxes in a row (□□镇) stand for characters the
			 * mail lost; boxes of a list have options between
			 * them. */
			if (box_at(q, end, &n) != 0)
				return false;
			/* The option runs to the next mark or padding. */
			for (e = q; e < end && box_at(e, end, &n) == 0;) {
				if (*e == ' ' && (size_t)(skip_spaces(e, end) - e) >=
							 PAD_MIN_SPACES)
					break;
				e = extract_text_next_char(e, end);
			}
			it = (struct box_item){ st, q, e };
			box_at(p, end, &n);
			p = e;
		} else {
			it = (struct box_item){ st, text, p };
			p += n;
			text = p;
		}
		trim_option(&it.text, &it.text_end);
		/* A ticked mark beside nothing, or two marks in a row after
		 * the text (张○○), is no list of options. */
		if (chars(it.text, it.text_end) > max_chars ||
		    (it.text == it.text_end && (it.state > 0 || !prefix)))
			return false;
		g_array_append_val(items, it);
		if (prefix)
			p = skip_spaces(p, end);
	}
	/* Text after the last suffix mark belongs to no mark. */
	if (!prefix && skip_spaces(text, end) != end)
		return false;
	return items->len > 0;
}

/* How many marks s..end holds; *ticked_r (unless NULL): how many of them
 * are ticked. */
static unsigned
count_boxes(const char *s, const char *end, unsigned *ticked_r)
{
	unsigned marks = 0, ticked = 0;
	size_t n;

	for (const char *p = s; p < end;) {
		int st = box_at(p, end, &n);

		if (st != 0) {
			marks++;
			ticked += st > 0;
			p += n;
		} else {
			p = extract_text_next_char(p, end);
		}
	}
	if (ticked_r != NULL)
		*ticked_r = ticked;
	return marks;
}

/* Rewrites s..end's check boxes (see the file comment) into out: with
 * marks, each option as ☑option or ☐; without, the ticked options alone,
 * set apart by 、.  False when s..end is no list of boxes. */
static bool
canonical_boxes(const char *s, const char *end, bool marks, GString *out)
{
	GArray *items = g_array_new(FALSE, FALSE, sizeof(struct box_item));
	bool ok = read_boxes(s, end, marks ? OPTION_MAX_CHARS : VALUE_OPTION_MAX_CHARS,
			     items);
	const char *sep = "";

	for (guint i = 0; ok && i < items->len; i++) {
		const struct box_item *it = &g_array_index(items, struct box_item, i);

		if (marks) {
			g_string_append(out, i > 0 ? " " : "");
			g_string_append(out, it->state > 0 ? CANON_TICKED :
							      CANON_UNTICKED);
		} else if (it->state > 0) {
			g_string_append(out, sep);
			sep = "、";
		}
		if (it->state > 0)
			g_string_append_len(out, it->text,
					    (gssize)(it->text_end - it->text));
	}
	g_array_free(items, TRUE);
	return ok;
}

/* Is s..end a list of check boxes and nothing else (as canonical_boxes()
 * reads it with or without marks)? */
static bool
boxes_only(const char *s, const char *end, bool marks)
{
	GString *scratch = g_string_new(NULL);
	bool ok = count_boxes(s, end, NULL) > 0 &&
		  canonical_boxes(s, end, marks, scratch);

	g_string_free(scratch, TRUE);
	return ok;
}

/* Is from..end (after fl's label, if any) a list of boxes?  A choice
 * field's value; another field's, when it holds two marks or a ticked one
 * (a lone □ in 王□ stands for a character the mail lost); a line of two
 * marks or more, or one option with its box on a line of its own (□ 邮寄
 * below 获取方式).  A mark before a label and its value is a bullet
 * (● 姓名：张三). */
static bool
box_list(const struct form_line *fl, const char *from, const char *end)
{
	unsigned ticked, marks = count_boxes(from, end, &ticked);
	size_t n;

	if (marks == 0)
		return false;
	if (fl->kind == EXTRACT_LAYOUT_CHOICE)
		return fl->separated;
	if (fl->kind != EXTRACT_LAYOUT_NONE)
		return fl->separated && (marks >= 2 || ticked > 0);
	return marks >= 2 ||
	       (box_at(skip_spaces(from, end), end, &n) != 0 &&
		memchr(from, ':', (size_t)(end - from)) == NULL);
}

/* Are a label's boxes rewritten to the ticked option alone?  Not a
 * choice's, which the field rules read among its options, nor a list's
 * with no label. */
static bool
rewrites_to_value(enum extract_layout_value kind)
{
	return kind != EXTRACT_LAYOUT_CHOICE && kind != EXTRACT_LAYOUT_NONE;
}

/* A line of the output as the first pass leaves it. */
struct laid_line {
	char *text;
	unsigned changes;          /* enum extract_layout_change */
	const char *from, *to;     /* the physical line of the input */
};

/* A part s..end of a physical line, holding one field or more. */
struct line_part {
	const char *s, *end;
	unsigned changes;          /* enum extract_layout_change */
};

/* The part s..end of the physical line from_line..to_line, which holds
 * one field, its boxes and columns rewritten; appends one line to lines. */
static void
normalise_field(const char *s, const char *end, const char *from_line,
		const char *to_line, unsigned changes,
		const struct extract_layout_lexicon *lex, GArray *lines)
{
	struct form_line fl;
	const char *from, *colon;
	struct laid_line ll = { NULL, changes, from_line, to_line };
	GString *out;

	fl = read_form_line(s, end, lex);
	out = g_string_new(NULL);
	if (fl.padded) {
		ll.changes |= EXTRACT_LAYOUT_COLUMN;
		/* 姓名      张三 reads as 姓名:张三. */
		g_string_append_len(out, s, (gssize)(fl.label - s));
		g_string_append_len(out, fl.label, (gssize)(fl.value - fl.label));
		while (out->len > 0 && (out->str[out->len - 1] == ' ' ||
					out->str[out->len - 1] == '\t'))
			g_string_truncate(out, out->len - 1);
		if (out->str[out->len - 1] != ':')
			g_string_append_c(out, ':');
		from = fl.value;
	} else if (fl.kind != EXTRACT_LAYOUT_NONE && fl.separated) {
		g_string_append_len(out, s, (gssize)(fl.value - s));
		from = fl.value;
	} else if (fl.kind == EXTRACT_LAYOUT_NONE && (colon = memchr(s, ':', (size_t)(end - s))) != NULL &&
		   count_boxes(colon, end, NULL) >= 2) {
		/* A label the lexicon does not know (信息的提供途径：□… □…):
		 * its boxes are read all the same. */
		g_string_append_len(out, s, (gssize)(colon + 1 - s));
		from = colon + 1;
	} else {
		from = s;
	}
	if (box_list(&fl, from, end) &&
	    canonical_boxes(from, end, !rewrites_to_value(fl.kind), out))
		ll.changes |= EXTRACT_LAYOUT_BOXES;
	else
		g_string_append_len(out, from, (gssize)(end - from));
	ll.text = g_string_free(out, FALSE);
	g_array_append_val(lines, ll);
}

/* One physical line from..to, split at each field that follows padding
 * (see second_field()), each part rewritten by normalise_field(); appends
 * one or more lines to lines. */
static void
normalise_line(const char *from, const char *to,
	       const struct extract_layout_lexicon *lex, GArray *lines)
{
	/* The parts still to split, the leftmost on top so that lines come
	 * out in order: a line may hold as many fields as a sender types,
	 * too many for a recursion's stack. */
	GArray *todo = g_array_new(FALSE, FALSE, sizeof(struct line_part));
	struct line_part part = { from, to, 0 };

	g_array_append_val(todo, part);
	while (todo->len > 0) {
		const char *second;

		part = g_array_index(todo, struct line_part, todo->len - 1);
		g_array_set_size(todo, todo->len - 1);
		second = second_field(part.s, part.end, lex);
		if (second == NULL) {
			normalise_field(part.s, part.end, from, to, part.changes,
					lex, lines);
		} else {
			struct line_part right = { second, part.end,
						   part.changes | EXTRACT_LAYOUT_SPLIT };
			struct line_part left = { part.s, second, right.changes };

			g_array_append_val(todo, right);
			g_array_append_val(todo, left);
		}
	}
	g_array_free(todo, TRUE);
}

/* --- across lines ----------------------------------------------------------------- */

/* Words that end a sentence, or a line that is complete in itself. */
static const char *const sentence_ends[] = {
	"。", "!", "?", ";", ":", "！", "？", "；", "…",
};
/* Words a new sentence or a letter's closing starts with: such a line
 * does not continue the one above. */
static const char *const sentence_starts[] = {
	"我", "本人", "此致", "敬礼", "谢谢", "感谢", "请", "烦请", "麻烦",
	"另", "此外", "附件", "附:", "您好", "你好", "申请人", "签名",
	"Dear", "Thank", "Best", "Regards", "Sincerely", "Yours", "I ",
};
/* What the tail of an address holds (502室, 3号楼, 二单元). */
static const char *const address_words[] = {
	"号", "室", "楼", "栋", "幢", "单元", "层", "户", "弄", "巷", "组",
	"村", "路", "街", "道", "区", "县", "镇", "乡", "旗", "苏木", "嘎查",
};

static bool
is_blank(const char *s)
{
	return *skip_spaces(s, s + strlen(s)) == '\0';
}

/* A line that starts with a date: 2026年11月18日, 2026.11.18,
 * 二〇二六年十一月十八日 (a year followed by a month). */
static bool
starts_with_date(const char *s)
{
	static const char *const numerals[] = {
		"〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	const char *end = s + strlen(s), *p = s, *w;
	int digits = 0;

	for (; digits < 4; digits++) {
		if (g_ascii_isdigit(*p))
			p++;
		else if ((w = extract_text_word_at(p, end, numerals, G_N_ELEMENTS(numerals))))
			p += strlen(w);
		else
			break;
	}
	if (digits != 4)
		return false;
	if (strncmp(p, "年", strlen("年")) == 0)
		p += strlen("年");
	else if (*p == '.' || *p == '-' || *p == '/')
		p++;
	else
		return false;
	return g_ascii_isdigit(*p) ||
	       extract_text_word_at(p, end, numerals, G_N_ELEMENTS(numerals)) != NULL;
}

/* A label the lexicon does not know (户籍所在地：, 工作单位：) is a few
 * Chinese characters before a colon; a wrapped sentence breaks before a
 * colon that close to its start only by chance. */
#define UNKNOWN_LABEL_MAX_CHARS 8

/* Where a run of at most UNKNOWN_LABEL_MAX_CHARS Chinese characters at p
 * ends, or NULL when p starts none or a longer one. */
static const char *
short_han_run(const char *p, const char *end)
{
	size_t han = 0;

	for (; p < end && han <= UNKNOWN_LABEL_MAX_CHARS &&
	       g_unichar_get_script(extract_text_char_at(p, end)) == G_UNICODE_SCRIPT_HAN;
	     p = extract_text_next_char(p, end))
		han++;
	return han > 0 && han <= UNKNOWN_LABEL_MAX_CHARS ? p : NULL;
}

/* Does the line body..end start a field of its own: a label in brackets
 * (【邮政编码】026000, [用途], 【婚姻状况】 though the lexicon does not
 * know it), or a label the lexicon does not know before a colon? */
static bool
starts_field(const char *body, const char *end,
	     const struct extract_layout_lexicon *lex)
{
	static const char *const brackets[][2] = {
		{ "【", "】" }, { "[", "]" }, { "〔", "〕" }, { "〖", "〗" },
	};
	const char *p;
	size_t n;

	for (size_t i = 0; i < G_N_ELEMENTS(brackets); i++) {
		const char *in = body + strlen(brackets[i][0]);

		if (extract_text_word_at(body, end, brackets[i], 1) == NULL)
			continue;
		if (lex->label(in, end, &n) != EXTRACT_LAYOUT_NONE)
			return true;
		p = short_han_run(in, end);
		return p != NULL && extract_text_word_at(p, end, &brackets[i][1], 1) != NULL;
	}
	p = short_han_run(body, end);
	return p != NULL && p < end && *p == ':';
}

/* Whether the line of fl starts with a label's word in a sentence: the
 * word and then a comma (麻烦发我 / 邮箱，谢谢。, a sentence wrapped
 * before the word), not a field, which sets its label apart by a colon,
 * a tab or padding. */
static bool
label_in_sentence(const struct form_line *fl, const char *end)
{
	return !fl->separated && fl->value < end && *fl->value == ',';
}

/* Could line t continue the line above it?  Not when it starts something
 * of its own: a label, a list item, a date, a new sentence, a quote
 * level of its own. */
static bool
continuation(const char *t, size_t quote, const struct extract_layout_lexicon *lex)
{
	const char *end = t + strlen(t), *body;
	struct form_line fl;

	if (is_blank(t) || quote_len(t, end) != quote)
		return false;
	body = skip_spaces(t + quote, end);
	fl = read_form_line(t, end, lex);
	if (extract_layout_skip_bullet(body, end) != body ||
	    (fl.kind != EXTRACT_LAYOUT_NONE && !label_in_sentence(&fl, end)) ||
	    starts_field(body, end, lex) || starts_with_date(body) ||
	    count_boxes(body, end, NULL) > 0 ||
	    extract_text_word_at(body, end, sentence_starts, G_N_ELEMENTS(sentence_starts)))
		return false;
	return true;
}

/* Did the line s..end stop where its sentence does? */
static bool
ends_sentence(const char *s, const char *end)
{
	const char *l;

	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	l = last_char(s, end);
	if (l == NULL)
		return true;
	if (*l == '.' && l > s && g_ascii_isalpha(l[-1]))
		return true;
	return extract_text_word_at(l, end, sentence_ends, G_N_ELEMENTS(sentence_ends)) != NULL;
}

/* A line of a Chinese name alone (2 to 4 characters) before a date or the
 * end: the signer, not the tail of the sentence above. */
#define SIGNER_MAX_CHARS 4

static bool
signer_line(const char *t, const char *after)
{
	const char *end = t + strlen(t), *p = skip_spaces(t, end);
	size_t n = chars(p, end);

	return n <= SIGNER_MAX_CHARS && (unsigned char)*p >= 0x80 &&
	       (after == NULL || is_blank(after) || starts_with_date(after));
}

static bool
has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

/* Does the logical line acc, whose last physical line is last, go on in
 * the line below, next (after: the line after that, or NULL)?  When it
 * does on a borderline criterion, *guess_r names it (else NULL). */
static bool
wraps_into(const char *acc, const char *last, const char *next,
	   const char *after, const struct extract_layout_lexicon *lex,
	   const char **guess_r)
{
	const char *end = last + strlen(last), *nend = next + strlen(next);
	struct form_line fl = read_form_line(acc, acc + strlen(acc), lex);
	size_t cols = columns(last, end);

	if (ends_sentence(last, end) || !continuation(next, quote_len(last, end), lex) ||
	    signer_line(next, after))
		return false;
	if (cols >= WRAP_MIN_COLUMNS && cols <= WRAP_MAX_COLUMNS) {
		*guess_r = cols < WRAP_SURE_COLUMNS &&
			   g_unichar_iswide(extract_text_char_at(last_char(last, end), end)) &&
			   chars(next, nend) <= TAIL_MAX_CHARS &&
			   !ends_sentence(next, nend) ? "short-lines" : NULL;
		return true;
	}
	/* The writer's own break in an address: a short tail between the
	 * field and the next field or the end of the form.  A tail with a
	 * number (502室) is one; one of words alone (东侧平房) may be a line
	 * of its own. */
	*guess_r = has_digit(next) ? NULL : "tail-without-number";
	return fl.kind == EXTRACT_LAYOUT_LONG && fl.value < acc + strlen(acc) &&
	       chars(next, nend) <= TAIL_MAX_CHARS &&
	       (has_digit(next) ||
		extract_text_contains_any(next, address_words,
					  G_N_ELEMENTS(address_words))) &&
	       (after == NULL || is_blank(after) ||
		read_form_line(after, after + strlen(after), lex).kind !=
			EXTRACT_LAYOUT_NONE);
}

/* Appends line t to acc, which it continues: Chinese joins without a
 * space, words and numbers with one. */
static void
append_continuation(GString *acc, const char *t)
{
	const char *end = t + strlen(t);
	const char *p = skip_spaces(t + quote_len(t, end), end);

	while (acc->len > 0 && (acc->str[acc->len - 1] == ' ' ||
				acc->str[acc->len - 1] == '\t'))
		g_string_truncate(acc, acc->len - 1);
	if (acc->len > 0 && (unsigned char)acc->str[acc->len - 1] < 0x80 &&
	    (unsigned char)*p < 0x80)
		g_string_append_c(acc, ' ');
	g_string_append(acc, p);
}

/* A bare label (四、获取方式) and the value on the next line: may the
 * value line be taken?  A number field takes only a line with a digit
 * (an empty 传真 cell is followed by a heading, not by its value). */
static bool
bare_label_value(const struct form_line *fl, const char *next, size_t quote,
		 const struct extract_layout_lexicon *lex)
{
	const char *end = next + strlen(next);

	struct form_line below = read_form_line(next, end, lex);

	if (fl->kind == EXTRACT_LAYOUT_OTHER)
		return false;
	/* Another field's options below it (证件类型 / ☑居民身份证 ☐): the
	 * ticked one is the value. */
	if (rewrites_to_value(fl->kind) && fl->kind != EXTRACT_LAYOUT_NUMBER &&
	    below.kind == EXTRACT_LAYOUT_NONE && boxes_only(next, end, false))
		return true;
	/* A choice's value may be options with boxes, or an option that is
	 * a label elsewhere (电子邮件) standing alone. */
	if (!continuation(next, quote, lex) &&
	    !(fl->kind == EXTRACT_LAYOUT_CHOICE && !is_blank(next) &&
	      (below.kind == EXTRACT_LAYOUT_NONE ? count_boxes(next, end, NULL) > 0 :
						    below.value == end)))
		return false;
	if (fl->kind == EXTRACT_LAYOUT_NUMBER)
		return has_digit(next);
	return true;
}

/* The lines after line i that hold a field's options (one line of them,
 * or one option a line: 证件类型 / □居民身份证 / ☑护照): appends the
 * ticked ones to acc (unless NULL), set apart by 、, and returns the index
 * of the last of them (i for none). */
static guint
options_below(const GArray *lines, guint i, GString *acc)
{
	GString *one = g_string_new(NULL);
	const char *sep = "";

	for (; i + 1 < lines->len; i++) {
		const char *t = g_array_index(lines, struct laid_line, i + 1).text;
		const char *end = t + strlen(t);
		const char *body = skip_spaces(t + quote_len(t, end), end);

		g_string_truncate(one, 0);
		if (count_boxes(body, end, NULL) == 0 ||
		    !canonical_boxes(body, end, false, one))
			break;
		if (acc != NULL && one->len > 0) {
			g_string_append(acc, sep);
			g_string_append_len(acc, one->str, (gssize)one->len);
			sep = "、";
		}
	}
	g_string_free(one, TRUE);
	return i;
}

char *
extract_layout_normalise(const char *text, const struct extract_layout_lexicon *lex,
			 GArray *layout_r)
{
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct laid_line));
	GString *out = g_string_sized_new(strlen(text) + 1);

	for (const char *p = text;;) {
		const char *eol = strchr(p, '\n');
		const char *end = eol != NULL ? eol : p + strlen(p);

		normalise_line(p, end, lex, lines);
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	for (guint i = 0; i < lines->len; i++) {
		const struct laid_line *ll = &g_array_index(lines, struct laid_line, i);
		const char *cur = ll->text, *to = ll->to, *guess = NULL;
		GString *acc = g_string_new(cur);
		struct form_line fl = read_form_line(cur, cur + strlen(cur), lex);
		struct extract_layout_line info = {
			ll->changes, (size_t)(ll->from - text), 0, NULL,
		};

		/* A bare label takes the line below as its value. */
		if (fl.kind != EXTRACT_LAYOUT_NONE && fl.separated &&
		    fl.value == cur + strlen(cur) && i + 1 < lines->len &&
		    bare_label_value(&fl, g_array_index(lines, struct laid_line, i + 1).text,
				     quote_len(cur, cur + strlen(cur)), lex)) {
			const char *label_from = ll->from, *end;
			guint last;
			bool options;

			while (acc->len > 0 && acc->str[acc->len - 1] == ' ')
				g_string_truncate(acc, acc->len - 1);
			if (acc->str[acc->len - 1] != ':')
				g_string_append_c(acc, ':');
			last = rewrites_to_value(fl.kind) ?
			       options_below(lines, i, acc) : i;
			options = last > i;
			while (i < last) {
				ll = &g_array_index(lines, struct laid_line, ++i);
				info.changes |= ll->changes | EXTRACT_LAYOUT_BELOW;
			}
			if (!options) {
				ll = &g_array_index(lines, struct laid_line, ++i);
				end = ll->text + strlen(ll->text);
				g_string_append(acc, skip_spaces(ll->text +
								 quote_len(ll->text, end),
								 end));
				/* 获取方式    电子邮件 was split at an option
				 * that is a label elsewhere: joined again, a
				 * column. */
				info.changes |= ll->changes | (ll->from == label_from ?
							       EXTRACT_LAYOUT_COLUMN :
							       EXTRACT_LAYOUT_BELOW);
			}
			cur = ll->text;
			to = ll->to;
		}
		while (!is_blank(cur) && i + 1 < lines->len &&
		       wraps_into(acc->str, cur,
				  g_array_index(lines, struct laid_line, i + 1).text,
				  i + 2 < lines->len ?
				  g_array_index(lines, struct laid_line, i + 2).text : NULL,
				  lex, &guess)) {
			ll = &g_array_index(lines, struct laid_line, ++i);
			cur = ll->text;
			append_continuation(acc, cur);
			info.changes |= EXTRACT_LAYOUT_WRAP | ll->changes;
			if (info.guess == NULL)
				info.guess = guess;
			to = ll->to;
		}
		info.len = (size_t)(to - text) - info.start;
		if (layout_r != NULL)
			g_array_append_val(layout_r, info);
		g_string_append_len(out, acc->str, (gssize)acc->len);
		if (i + 1 < lines->len)
			g_string_append_c(out, '\n');
		g_string_free(acc, TRUE);
	}
	for (guint i = 0; i < lines->len; i++)
		g_free(g_array_index(lines, struct laid_line, i).text);
	g_array_free(lines, TRUE);
	return g_string_free(out, FALSE);
}
