/* The application elements (bureau rules Art. 4) from a folded text.
 *
 * People send two layouts, often mixed in one message: the office's form
 * (label/value lines, HTML and .docx tables already turned into
 * "label：value" lines by the MIME module, labels spaced out to fill a cell,
 * values on the line below a bare label, several pairs on one line) and
 * free prose (我叫张三，身份证号码…，现住…，联系电话…。现申请公开…).  Both are
 * read by one scanner: every known label on a line is a "hit"; a hit that
 * stands where a form puts labels takes the text up to the next hit, one
 * inside a sentence takes the clause.  The labels live in the lexicon
 * (lexicon.h), not in code.
 *
 * Mail adds quoting: the newest text is read first, and what was quoted
 * (or sits in a mail signature) only fills elements the newest text lacks.
 * A quoted message that came from one of our own addresses is ignored: our
 * correction notice carries the office's address and telephone number, not
 * the applicant's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

/* --- characters --------------------------------------------------------- */

static char *scan_text(const char *folded, char **written_r, GArray *layout_r);

static const char *sentence_end(const char *p, const char *end);

/* --- checkbox marks ------------------------------------------------------ */

/* Is there a checkbox mark just before p (spaces skipped)? */
static bool
mark_before(const char *p, const char *start)
{
	size_t n;

	while (p > start && p[-1] == ' ')
		p--;
	for (const char *q = p; q > start && p - q < 8;) {
		q = extract_text_prev_char(q, start);
		if (extract_layout_mark_at(q, p, &n) != 0 && q + n == p)
			return true;
	}
	return false;
}

/* Records that field fld of f now holds a value read by f->at. */
void
extract_assemble_noted(struct found *f, enum extract_field fld)
{
	f->prov[fld] = f->at;
	f->prov[fld].quoted = f->quoted;
}

/* Stores value in *slot, field fld of f, unless it holds one already. */
void
extract_assemble_keep(struct found *f, enum extract_field fld, char **slot, char *value)
{
	if (*slot != NULL || value == NULL) {
		free(value);
		return;
	}
	*slot = value;
	extract_assemble_noted(f, fld);
}

void
extract_assemble_set_name(struct found *f, char *value, enum name_rank rank)
{
	if (value == NULL)
		return;
	if (f->name != NULL && f->name_rank <= rank) {
		free(value);
		return;
	}
	free(f->name);
	f->name = value;
	f->name_rank = rank;
	extract_assemble_noted(f, EXTRACT_FIELD_NAME);
}

static void
set_choice(struct found *f, enum extract_delivery d, enum extract_medium m,
	   enum choice_level dlevel, enum choice_level mlevel)
{
	if (d != EXTRACT_DELIVERY_UNKNOWN && dlevel > f->delivery_level) {
		f->delivery = d;
		f->delivery_level = dlevel;
		extract_assemble_noted(f, EXTRACT_FIELD_DELIVERY);
	}
	if (m != EXTRACT_MEDIUM_UNKNOWN && mlevel > f->medium_level) {
		f->medium = m;
		f->medium_level = mlevel;
		extract_assemble_noted(f, EXTRACT_FIELD_MEDIUM);
	}
}

static void
found_init(struct found *f)
{
	memset(f, 0, sizeof(*f));
	f->name_rank = RANK_NONE;
	f->request_line = SIZE_MAX;
	f->agent_line = SIZE_MAX;
	f->applicants = g_array_new(FALSE, FALSE, sizeof(struct applicant_hit));
}

static void
found_clear(struct found *f)
{
	free(f->name);
	free(f->legal_rep);
	free(f->contact_person);
	free(f->agent);
	free(f->agent_phone);
	free(f->self_name);
	free(f->id_type_text);
	free(f->id_number);
	free(f->id_word);
	free(f->address);
	free(f->postcode);
	free(f->phone);
	free(f->email);
	free(f->fax);
	free(f->request);
	free(f->purpose);
	free(f->sig_text);
	free(f->date_text);
	for (guint i = 0; i < f->applicants->len; i++)
		free(g_array_index(f->applicants, struct applicant_hit, i).value);
	g_array_free(f->applicants, TRUE);
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

static bool
strip_suffix(char *s, const char *lit)
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
			while (strip_suffix(s, trail[i]))
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
		while (strip_suffix(v, extract_lexicon_seal_marks[i])) {
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
		return (han >= 2 && han <= 6) || (han <= 30 && extract_lexicon_org_name(v));
	return han == 0 && latin >= 2 && end - v <= 40;
}

void
extract_assemble_reading(struct found *f, enum extract_source src,
	enum extract_confidence conf, const char *rule, const char *word,
	const struct line *ln)
{
	f->at = (struct prov){
		.src = src, .conf = conf, .rule = rule, .word = word,
		.line = ln != NULL ? ln->s : NULL,
		.len = ln != NULL ? ln->len : 0,
		.line_no = ln != NULL ? ln->no : 0,
	};
}

enum tier { TIER_OWN, TIER_QUOTED, TIER_DROP };

/* What the scanner reads for the character at p, or NULL when it reads the
 * byte at p as it is: characters that stand for a space, a colon or a cell
 * border in what word processors and mail clients produce.  *len_r: the
 * bytes replaced. */
static const char *
subst_at(const char *p, size_t *len_r)
{
	static const struct {
		const char *from, *to;
	} subst[] = {
		{ "\xC2\xA0", " " },          /* no-break space */
		{ "\xE2\x80\x82", " " },      /* en space */
		{ "\xE2\x80\x83", " " },      /* em space */
		{ "\xE2\x80\x89", " " },      /* thin space */
		{ "\xE2\x80\x8B", "" },       /* zero width space */
		{ "\xEF\xBB\xBF", "" },       /* BOM */
		{ "\xE2\x88\xB6", ":" },      /* ratio */
		{ "\xEF\xB9\x95", ":" },      /* small colon */
		{ "\xEF\xB8\xB0", ":" },      /* vertical two dots */
		{ "\xE2\x94\x82", "\t" },     /* box drawing │ */
		{ "|", "\t" },
	};

	/* Called for every byte of every message: the first byte is compared
	 * inline before anything costs a call. */
	for (size_t i = 0; i < G_N_ELEMENTS(subst); i++)
		if (*p == subst[i].from[0] &&
		    strncmp(p, subst[i].from, strlen(subst[i].from)) == 0) {
			*len_r = strlen(subst[i].from);
			return subst[i].to;
		}
	return NULL;
}

static char *
prepare(const char *text)
{
	GString *out = g_string_sized_new(strlen(text) + 1);

	for (const char *p = text; *p != '\0';) {
		size_t n;
		const char *to = subst_at(p, &n);

		if (to != NULL) {
			g_string_append(out, to);
			p += n;
		} else if (strncmp(p, "___", 3) == 0) {
			/* A form's line to write on (姓名______张三): the
			 * underscores separate like a cell border. */
			while (*p == '_')
				p++;
			g_string_append_c(out, '\t');
		} else {
			g_string_append_c(out, *p++);
		}
	}
	return g_string_free(out, FALSE);
}

static bool
has_own_address(const char *lower, const struct extract_context *ctx)
{
	if (ctx == NULL || ctx->own_addresses == NULL)
		return false;
	for (const char *const *a = ctx->own_addresses; *a != NULL; a++)
		if (**a != '\0' && strstr(lower, *a) != NULL)
			return true;
	return false;
}

/* A line of a quoted message's header block: 发件人: …, Sent: …. */
static bool
is_quote_header(const char *l)
{
	for (size_t i = 0; i < extract_lexicon_quote_headers_n; i++) {
		size_t n = strlen(extract_lexicon_quote_headers[i]);
		const char *p = l + n;

		if (strncmp(l, extract_lexicon_quote_headers[i], n) != 0)
			continue;
		while (*p == ' ')
			p++;
		if (*p == ':')
			return true;
	}
	return false;
}

/* Where a client starts the quoted original of a reply or a forward. */
static bool
is_quote_separator(const char *l, const char *next)
{
	if ((l[0] == '-' || l[0] == '_' || l[0] == '=' || l[0] == '*') &&
	    extract_text_contains_any(l, EXTRACT_LEXICON(quote_separators)))
		return true;
	if (strncmp(l, "发件人:", strlen("发件人:")) == 0 ||
	    strncmp(l, "发件人 :", strlen("发件人 :")) == 0)
		return true;
	if (next != NULL && is_quote_header(next) &&
	    (strncmp(l, "from:", 5) == 0 ||
	     (strlen(l) >= 10 && strspn(l, "_-") == strlen(l))))
		return true;
	return false;
}

/* "在 2026年11月20日，张三 <a@b> 写道：", "On …, A <a@b> wrote:". */
static bool
is_attribution(const char *l)
{
	size_t n = strlen(l);

	return (n >= strlen("写道:") &&
		strcmp(l + n - strlen("写道:"), "写道:") == 0) ||
	       (n >= 6 && strcmp(l + n - 6, "wrote:") == 0);
}

static bool
is_client_line(const char *l)
{
	return strlen(l) <= 80 &&
	       extract_text_starts_with_any(l, EXTRACT_LEXICON(client_prefixes)) &&
	       extract_text_contains_any(l, EXTRACT_LEXICON(client_words));
}

/* Trimmed, ASCII-lowercased copy of a line for the tests above. */
static char *
lower_line(const char *s, size_t len)
{
	char *l = g_ascii_strdown(s, (gssize)len);

	return g_strstrip(l);
}

/* Lines where an attachment's text starts: quoting in the body does not
 * make the attachments quoted. */
static bool *
attachment_starts(const char *prepared, const GArray *raw_lines,
		  const struct mime_message *msg)
{
	bool *starts = g_new0(bool, raw_lines->len + 1);

	for (size_t i = 0; msg != NULL && i < msg->n_parts; i++) {
		const struct mime_part *part = &msg->parts[i];
		char *folded, *prep, *hit;

		if (part->role != MIME_PART_ATTACHMENT || part->text == NULL)
			continue;
		folded = extract_text_fold(part->text);
		prep = scan_text(folded, NULL, NULL);
		g_free(folded);
		hit = prep[0] != '\0' ? strstr(prepared, prep) : NULL;
		for (guint j = 0; hit != NULL && j < raw_lines->len; j++) {
			const struct line *ln =
				&g_array_index(raw_lines, struct line, j);

			if (ln->s + ln->len >= hit) {
				starts[j] = true;
				break;
			}
		}
		g_free(prep);
	}
	return starts;
}

/* The tier of each line: the newest text, quoted or signature text, or
 * dropped (quote headers, client taglines, our own quoted mail). */
static void
assign_tiers(GArray *lines, const bool *attach, enum tier *tiers,
	     const struct extract_context *ctx)
{
	enum tier state = TIER_OWN, attr = TIER_QUOTED;
	bool header = false, sig = false;

	for (guint i = 0; i < lines->len; i++) {
		struct line *ln = &g_array_index(lines, struct line, i);
		char *l = lower_line(ln->s, ln->len);
		char *next = i + 1 < lines->len ?
			     lower_line(g_array_index(lines, struct line, i + 1).s,
					g_array_index(lines, struct line, i + 1).len) :
			     NULL;
		const char *q = ln->s;

		if (attach[i]) {
			state = TIER_OWN;
			attr = TIER_QUOTED;
			header = sig = false;
		}
		tiers[i] = state;
		if (header && l[0] != '\0' && is_quote_header(l)) {
			if (has_own_address(l, ctx))
				state = TIER_DROP;
			tiers[i] = TIER_DROP;
		} else if (is_quote_separator(l, next)) {
			bool own = has_own_address(l, ctx);

			for (guint j = i + 1; j < lines->len && j < i + 10; j++) {
				const struct line *h =
					&g_array_index(lines, struct line, j);
				char *hl = lower_line(h->s, h->len);
				bool is_header = is_quote_header(hl);

				own |= is_header && has_own_address(hl, ctx);
				g_free(hl);
				if (!is_header)
					break;
			}
			state = own ? TIER_DROP : TIER_QUOTED;
			header = true;
			tiers[i] = TIER_DROP;
		} else if (is_attribution(l)) {
			attr = has_own_address(l, ctx) ? TIER_DROP : TIER_QUOTED;
			tiers[i] = TIER_DROP;
		} else if (is_client_line(l)) {
			tiers[i] = TIER_DROP;
		} else if (strcmp(l, "--") == 0 &&
			   (ln->len == 2 || (ln->len == 3 && ln->s[2] == ' '))) {
			sig = true;
			tiers[i] = TIER_DROP;
		} else {
			header = header && l[0] != '\0' && is_quote_header(l);
			if (sig && l[0] == '\0')
				sig = false;
			else if (sig && state == TIER_OWN)
				tiers[i] = TIER_QUOTED;
			while (q < ln->s + ln->len && extract_text_is_space(*q))
				q++;
			if (q < ln->s + ln->len && *q == '>') {
				while (q < ln->s + ln->len &&
				       (*q == '>' || extract_text_is_space(*q)))
					q++;
				ln->len -= (size_t)(q - ln->s);
				ln->s = q;
				tiers[i] = state == TIER_OWN ? attr :
					   (state > attr ? state : attr);
			}
		}
		ln->body = extract_layout_skip_bullet(ln->s, ln->s + ln->len);
		g_free(l);
		g_free(next);
	}
}

/* 申请人（签名）, 联系电话（手机）: a short note in brackets after a label
 * belongs to it; one that mentions signing makes it a signature field. */
static const char *
label_bracket(const char *q, const char *end, enum extract_lexicon_field *field)
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
		if (close == NULL || close - in > 40)
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

static bool
is_choice(enum extract_lexicon_field f)
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

	q = label_bracket(q, end, &field);
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
		while (b > v && han < 9) {
			const char *pb = extract_text_prev_char(b, v);

			if (!extract_text_is_han(pb, end))
				break;
			b = pb;
			han++;
		}
		if (han >= 1 && han <= 8 && b > v && extract_text_is_space(b[-1]))
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
static bool
ends_prose_value(const struct hit *h)
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
	if (last == NULL || is_choice(last->field))
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
	if (!is_choice(last->field) || last->vstart > p ||
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
static bool
spaced_line(const char *s, const char *end)
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
static bool
space_ends_clause(const char *c, const char *end, bool spaced)
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

static void
scan_line(const struct line *ln, GArray *hits)
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
	bool spaced = spaced_line(ln->body, end);

	for (guint i = 0; i < hits->len; i++) {
		struct hit *h = &g_array_index(hits, struct hit, i);
		const char *vend = end;

		for (guint j = i + 1; j < hits->len; j++) {
			const struct hit *o = &g_array_index(hits, struct hit, j);

			/* Options of a choice can be labels too (☑电子邮件). */
			if (!is_choice(h->field) || !mark_before(o->start, ln->s)) {
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
				     space_ends_clause(c, vend, spaced && !addr))) {
					vend = c;
					break;
				}
				if (addr && *c == ')')
					depth--;
			}
		}
		if (!is_multiline(h->field) && !is_choice(h->field))
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

static bool
starts_with_hit(const struct view *v, size_t i)
{
	GArray *h = extract_labels_hits_of(v, i);

	return h->len > 0 && g_array_index(h, struct hit, 0).at_start;
}

/* The end of line i's text before its first label (all of it if none). */
static const char *
text_before_hit(const struct view *v, size_t i)
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
static void
append_piece(GString *acc, const char *p, const char *end)
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
static bool
signs_above_date(const struct view *v, size_t j)
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

		if (extract_labels_blank(ln)) {
			if (acc->len > 0 || skipped_blank)
				return;
			skipped_blank = true;
			continue;
		}
		if (starts_with_hit(v, j) || extract_closing_marker_line(ln) || extract_closing_date_line(v, ln) ||
		    addresses_office(ln) || signs_above_date(v, j) ||
		    (sentence_done(acc) && !list_item_start(ln->s)))
			return;
		append_piece(acc, ln->s, text_before_hit(v, j));
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
static bool
parse_choices(const char *p, const char *end, bool need_marks,
	      enum choice_level dlevel, enum choice_level mlevel,
	      struct found *f)
{
	struct item items[64];
	size_t n = 0, unticked = 0;
	bool any_mark = false, any_tick = false, prefix, chosen = false;
	int selected[64];
	size_t n_sel = 0;

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
			set_choice(f, o->delivery, EXTRACT_MEDIUM_UNKNOWN, dlevel,
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
			set_choice(f, EXTRACT_DELIVERY_UNKNOWN, o->medium,
				   CHOICE_NONE, mlevel);
			chosen = true;
			break;
		}
	}
	return chosen || any_mark;
}

static bool
has_mark(const char *p, const char *end, bool ticked_only)
{
	for (; p < end; p = extract_text_next_char(p, end)) {
		size_t n;
		int st = extract_layout_mark_at(p, end, &n);

		if (st > 0 || (st < 0 && !ticked_only))
			return true;
	}
	return false;
}

static void
read_choice(struct view *v, size_t i, const struct hit *h, struct found *f)
{
	enum choice_level dl = h->field == FLD_DELIVERY ? CHOICE_FIELD : CHOICE_OTHER;
	enum choice_level ml = h->field == FLD_MEDIUM ? CHOICE_FIELD : CHOICE_OTHER;

	/* A form's choice field is read by its label alone: the options it
	 * lists unchosen are not phrases of a letter (邮寄/电子邮件). */
	if (parse_choices(h->vstart, h->vend, false, dl, ml, f) &&
	    h->at_start && !h->prose)
		v->consumed[i] = true;
	/* Options listed on the lines below the label. */
	for (size_t j = i + 1; j < v->n; j++) {
		const struct line *ln = &v->lines[j];

		if (extract_labels_blank(ln) || starts_with_hit(v, j) ||
		    !has_mark(ln->s, line_end(ln), false))
			break;
		parse_choices(ln->s, text_before_hit(v, j), false, dl, ml, f);
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
static void
store_id(struct found *f, const struct extract_lexicon_label *lab, const char *v)
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
		store_id(f, h->lab, v);
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

static char *
finish_value(GString *acc)
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
	while (strip_suffix(s, "。") || strip_suffix(s, ";") ||
	       strip_suffix(s, ","))
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
		for (const char *c = ln->s; c < text_before_hit(v, j); c++)
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
			return starts_with_hit(v, j) || extract_closing_marker_line(&v->lines[j]) ||
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

static void
read_labels(struct view *v, struct found *f)
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
			if (is_choice(h->field)) {
				read_choice(v, i, h, f);
				continue;
			}
			if (h->field == FLD_OTHER)
				continue;
			if (is_multiline(h->field)) {
				GString *acc = g_string_new(NULL);
				const char *se = h->field == FLD_PURPOSE ?
					sentence_end(h->vstart, h->vend) : NULL;

				/* 用途：…举证。授权委托书已邮寄…: a purpose is
				 * one sentence; the next is about something
				 * else. */
				append_piece(acc, h->vstart, se != NULL ? se : h->vend);
				if (last && se == NULL)
					continue_value(v, i, acc, 40);
				/* 用途是… in a sentence: the rest of the line
				 * may still hold the request. */
				if (!h->prose)
					v->consumed[i] = true;
				value = finish_value(acc);
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
					value = finish_value(acc);
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

/* --- prose ------------------------------------------------------------------ */

/* Is p inside a label (between its start and its value)? */
static bool
in_label(const struct view *v, size_t i, const char *p)
{
	GArray *hits = extract_labels_hits_of(v, i);

	for (guint k = 0; k < hits->len; k++) {
		const struct hit *h = &g_array_index(hits, struct hit, k);

		if (p >= h->start && p < h->vstart)
			return true;
	}
	return false;
}

/* A request verb at p: 申请公开, or 申请 … 公开 a few characters apart
 * (申请贵局依法公开).  Returns the end of the verb or NULL. */
static const char *
request_verb_at(const char *p, const char *end, const char *start)
{
	const char *w = extract_text_word_at(p, end, EXTRACT_LEXICON(request_verbs));
	const char *q;

	if (p > start && extract_text_has_prefix(extract_text_prev_char(p, start), p, "依"))
		return NULL;
	if (w != NULL)
		return p + strlen(w);
	if (!extract_text_has_prefix(p, end, "申请"))
		return NULL;
	q = p + strlen("申请");
	for (int k = 0; k < 8 && q < end; k++) {
		if (extract_text_has_prefix(q, end, "公开"))
			return q + strlen("公开");
		if (!extract_text_is_han(q, end))
			return NULL;
		q = extract_text_next_char(q, end);
	}
	return NULL;
}

static const char *
sentence_end(const char *p, const char *end)
{
	static const char *const ends[] = { "。", "!", "?" };

	for (const char *prev = NULL; p < end; prev = p, p = extract_text_next_char(p, end)) {
		if (extract_text_word_at(p, end, ends, G_N_ELEMENTS(ends)) != NULL)
			return p;
		/* An English full stop: after a word, before a space. */
		if (*p == '.' && prev != NULL && g_ascii_isalpha(*prev) &&
		    (p + 1 == end || p[1] == ' '))
			return p;
	}
	return NULL;
}

/* 你们必须公开：…, 具体是：…: a short lead-in before a colon introduces the
 * description; it is not part of it.  Returns where the description starts. */
static const char *
skip_lead_in(const char *r, const char *stop)
{
	const char *q = r;

	for (int k = 0; k < 12 && q < stop; k++) {
		if (*q == ':')
			return q + 1;
		if (!extract_text_is_han(q, stop))
			return r;
		q = extract_text_next_char(q, stop);
	}
	return r;
}

/* 发送至本人邮箱, 发到我的QQ邮箱, 麻烦发我邮箱: a sending verb and, a few
 * characters on in the same clause, a mailbox.  Returns the verb's length,
 * 0 if none. */
static size_t
send_to_mailbox(const char *p, const char *end)
{
	const char *w = extract_text_word_at(p, end, EXTRACT_LEXICON(send_verbs));
	const char *q;

	if (w == NULL)
		return 0;
	q = p + strlen(w);
	for (int k = 0; k < 8 && q < end && extract_text_clause_end_len(q, end) == 0; k++) {
		for (size_t i = 0; i < extract_lexicon_mailbox_words_n; i++)
			if (g_ascii_strncasecmp(q, extract_lexicon_mailbox_words[i],
						strlen(extract_lexicon_mailbox_words[i])) == 0)
				return strlen(w);
		q = extract_text_next_char(q, end);
	}
	return 0;
}

/* The clause around p: from after the previous clause punctuation (or
 * start) to the next (or end). */
static void
clause_around(const char *p, const char *start, const char *end,
	      const char **from_r, const char **to_r)
{
	const char *b = start, *e = p;

	for (const char *c = start; c < p; c = extract_text_next_char(c, p)) {
		size_t n = extract_text_clause_end_len(c, p);

		if (n == 0 && extract_text_has_prefix(c, p, "。"))
			n = strlen("。");
		if (n > 0)
			b = c + n;
	}
	while (e < end && extract_text_clause_end_len(e, end) == 0 && !extract_text_has_prefix(e, end, "。"))
		e = extract_text_next_char(e, end);
	*from_r = b;
	*to_r = e;
}

static bool
clause_has_any(const char *from, const char *to, const char *const *words,
	       size_t n)
{
	for (const char *c = from; c < to; c = extract_text_next_char(c, to))
		if (extract_text_word_at(c, to, words, n) != NULL)
			return true;
	return false;
}

/* How far, in characters, the movement may stand from the person
 * (本人明天上午到…: 4) and the taking from the movement, a place between
 * them (到贵局办事大厅领取: 6). */
#define PICKUP_PERSON_REACH 6
#define PICKUP_PLACE_REACH 8

/* A taking within PICKUP_PLACE_REACH Chinese characters after q. */
static bool
take_after(const char *q, const char *end)
{
	for (int k = 0; k < PICKUP_PLACE_REACH && q < end && extract_text_is_han(q, end); k++) {
		if (extract_text_word_at(q, end, EXTRACT_LEXICON(pickup_takes)) &&
		    !extract_text_word_at(q, end, EXTRACT_LEXICON(not_takes)))
			return true;
		q = extract_text_next_char(q, end);
	}
	return false;
}

/* 本人到局里领取, 我自己来拿, 我会亲自去贵局取: the writer comes for it.
 * p is at the person; a movement follows within PICKUP_PERSON_REACH
 * characters of the clause and a taking after it, not negated. */
static bool
pickup_at(const char *p, const char *end)
{
	const char *w = extract_text_word_at(p, end, EXTRACT_LEXICON(pickup_persons)), *q;

	if (w == NULL)
		return false;
	q = p + strlen(w);
	for (int k = 0; k < PICKUP_PERSON_REACH && q < end && extract_text_is_han(q, end);
	     k++) {
		const char *m = extract_text_word_at(q, end, EXTRACT_LEXICON(pickup_moves));

		if (extract_text_has_prefix(q, end, "不") || extract_text_has_prefix(q, end, "无法") ||
		    extract_text_has_prefix(q, end, "没"))
			return false;
		if (m != NULL && !extract_text_word_at(q, end, EXTRACT_LEXICON(not_moves)))
			return take_after(q + strlen(m), end);
		q = extract_text_next_char(q, end);
	}
	return false;
}

/* 请传真至0475-8123456: the number after a fax verb, NULL if none. */
static char *
fax_target(const char *p, const char *end)
{
	const char *w = extract_text_word_at(p, end, EXTRACT_LEXICON(fax_verbs));
	const char *q, *e;
	char *num;

	if (w == NULL)
		return NULL;
	q = p + strlen(w);
	while ((w = extract_text_word_at(q, end, EXTRACT_LEXICON(fax_fillers))))
		q += strlen(w);
	for (e = q; e < end && (extract_text_is_digit(*e) || *e == '-' || *e == ' ' ||
				*e == '+');
	     e++)
		;
	num = extract_labels_clean_value(q, e);
	if (num != NULL && extract_labels_count_digits(num) < PHONE_MIN_DIGITS) {
		g_free(num);
		num = NULL;
	}
	return num;
}

/* A delivery said in a sentence at p, beyond the phrase table: a mailbox
 * after a sending verb, collecting in person.  labelled: p is inside a
 * form label (本人 is one, and starts 本人到局里领取 too). */
static enum extract_delivery
sentence_delivery(const char *p, const char *end, bool labelled)
{
	if (!labelled && send_to_mailbox(p, end) > 0)
		return EXTRACT_DELIVERY_EMAIL;
	if (pickup_at(p, end))
		return EXTRACT_DELIVERY_PICKUP;
	return EXTRACT_DELIVERY_UNKNOWN;
}

/* Does the phrase delivery_phrases[k] (lexicon) at p speak of something else: a
 * post phrase of what is posted to the office (an agent mailing a power
 * of attorney), a medium word of the attachment's format? */
static bool
phrase_about_other(size_t k, const char *p, const char *start,
		   const char *end)
{
	const char *from, *to;

	clause_around(p, start, end, &from, &to);
	if (extract_lexicon_delivery_phrases[k].delivery == EXTRACT_DELIVERY_POST)
		return clause_has_any(from, to, EXTRACT_LEXICON(posted_to_office));
	if (extract_lexicon_delivery_phrases[k].delivery == EXTRACT_DELIVERY_UNKNOWN)
		return clause_has_any(from, to, EXTRACT_LEXICON(attachment_words));
	return false;
}

static bool
phrase_at(const char *p, const char *end, const char *phrase)
{
	size_t n = strlen(phrase);

	return (size_t)(end - p) >= n && g_ascii_strncasecmp(p, phrase, n) == 0;
}

/* The index of the entry of delivery_phrases at p, -1 if none: not before
 * 地址 (邮寄地址 is a label) or a colon. */
static int
delivery_phrase_at(const char *p, const char *end)
{
	for (size_t k = 0; k < extract_lexicon_delivery_phrases_n; k++) {
		const char *a = p + strlen(extract_lexicon_delivery_phrases[k].word);

		if (phrase_at(p, end, extract_lexicon_delivery_phrases[k].word) &&
		    !extract_text_has_prefix(a, end, "地址") && !(a < end && *a == ':'))
			return (int)k;
	}
	return -1;
}

/* The last clause of a description that turns to the office to say how
 * to send the answer (，麻烦发我邮箱, ，请寄到上面的地址): the office's
 * instructions, not what is asked.  One that says what more is wanted
 * (，请包括岗位名称) is part of the request. */
static bool
instruction_clause(const char *c, const char *end)
{
	static const char *const asks[] = {
		"请", "烦请", "麻烦", "劳烦", "望", "希望",
	};
	static const char *const sending[] = {
		"发我", "发给", "发到", "发至", "发送", "寄", "邮箱", "邮件",
		"传真", "领取", "自取", "送达", "回复", "答复",
	};

	if (extract_text_word_at(c, end, asks, G_N_ELEMENTS(asks)) == NULL)
		return false;
	for (const char *p = c; p < end; p = extract_text_next_char(p, end))
		if (extract_text_word_at(p, end, sending, G_N_ELEMENTS(sending)) != NULL)
			return true;
	return false;
}

/* Drops the clauses at the end of a description that are courtesy (，谢谢,
 * or …的文件谢谢 with no comma) or instructions to the office. */
static void
strip_courtesy(GString *acc)
{
	for (bool cut = true; cut;) {
		const char *comma = strrchr(acc->str, ',');

		cut = false;
		for (size_t i = 0; i < extract_lexicon_courtesy_tails_n && !cut; i++) {
			size_t n = strlen(extract_lexicon_courtesy_tails[i]);

			if (acc->len > n &&
			    memcmp(acc->str + acc->len - n, extract_lexicon_courtesy_tails[i], n) == 0) {
				g_string_truncate(acc, acc->len - n);
				cut = true;
			}
		}
		if (!cut && comma != NULL && comma > acc->str &&
		    instruction_clause(comma + 1, acc->str + acc->len)) {
			g_string_truncate(acc, (gsize)(comma - acc->str));
			cut = true;
		}
		while (acc->len > 0 && acc->str[acc->len - 1] == ',')
			g_string_truncate(acc, acc->len - 1);
	}
}

/* 关于申请公开…的函: a letter's title names the request; the letter's
 * text asks it. */
static bool
title_line(const struct line *ln)
{
	const char *p = ln->body, *end = line_end(ln);

	while (p < end && extract_text_is_space(*p))
		p++;
	while (end > p && extract_text_is_space(end[-1]))
		end--;
	if (!extract_text_has_prefix(p, end, "关于") || sentence_end(p, end) != NULL ||
	    extract_text_find_in(p, end, ",") != NULL)
		return false;
	for (size_t i = 0; i < extract_lexicon_title_tails_n; i++) {
		const char *tail = extract_lexicon_title_tails[i];
		size_t n = strlen(tail);

		if ((size_t)(end - p) > n && memcmp(end - n, tail, n) == 0)
			return true;
	}
	return false;
}

static void
prose_request(struct view *v, struct found *f)
{
	static const char *const lead[] = { ",", "的" };

	for (size_t i = 0; i < v->n && f->request == NULL; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		if (v->consumed[i] || title_line(ln))
			continue;
		for (const char *p = ln->s; p < end; p = extract_text_next_char(p, end)) {
			const char *r = request_verb_at(p, end, ln->s), *stop, *w;
			GArray *hits = extract_labels_hits_of(v, i);
			GString *acc;
			bool more;

			if (r == NULL || in_label(v, i, p))
				continue;
			do {
				while (r < end && extract_text_is_space(*r))
					r++;
				w = extract_text_word_at(r, end, EXTRACT_LEXICON(request_fillers));
				if (w == NULL)
					w = extract_text_word_at(r, end, lead, G_N_ELEMENTS(lead));
				if (w != NULL)
					r += strlen(w);
			} while (w != NULL);
			stop = sentence_end(r, end);
			more = stop == NULL;
			if (stop == NULL)
				stop = end;
			if (spaced_line(ln->body, end))
				for (const char *c = r; c < stop; c = extract_text_next_char(c, stop))
					if (space_ends_clause(c, stop, true)) {
						stop = c;
						more = false;
					}
			r = skip_lead_in(r, stop);
			/* 申请公开以下信息，个人信息如下：: the verb announces what
			 * comes later; what follows in its clause is not it. */
			if (r < stop && extract_text_clause_end_len(r, stop) > 0 &&
			    extract_text_has_prefix(r, stop, ","))
				continue;
			for (guint k = 0; k < hits->len; k++) {
				const struct hit *h =
					&g_array_index(hits, struct hit, k);

				if (h->start > r && h->start < stop &&
				    ends_prose_value(h)) {
					stop = h->start;
					more = false;
				}
			}
			acc = g_string_new(NULL);
			append_piece(acc, r, stop);
			/* A list below (现申请公开以下信息：), or a sentence wrapped
			 * by the mail client. */
			for (size_t j = i + 1; more && j < v->n && j < i + 40; j++) {
				const struct line *nl = &v->lines[j];
				const char *nend = text_before_hit(v, j);
				const char *se;

				/* 申请公开如下信息：, a blank line, the description. */
				if (extract_labels_blank(nl) && acc->len == 0 && j == i + 1)
					continue;
				if (extract_labels_blank(nl) || starts_with_hit(v, j) ||
				    extract_closing_marker_line(nl) || extract_closing_date_line(v, nl) ||
				    signs_above_date(v, j))
					break;
				se = acc->len > 0 ? sentence_end(nl->s, nend) : NULL;
				append_piece(acc, nl->s, se != NULL ? se : nend);
				v->consumed[j] = true;
				more = se == NULL && nend == line_end(nl);
			}
			strip_courtesy(acc);
			g_free(f->request);
			f->request = finish_value(acc);
			if (f->request != NULL) {
				f->request_line = i;
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose-request-verb", NULL, ln);
				extract_assemble_noted(f, EXTRACT_FIELD_REQUEST);
				break;
			}
		}
	}
}

/* 用于…: the purpose, when the clause starts with it. */
static void
prose_purpose(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n && f->purpose == NULL; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln), *clause = ln->body;
		size_t before = 0;

		if (v->consumed[i])
			continue;
		for (const char *p = ln->body; p < end; p = extract_text_next_char(p, end)) {
			size_t n = extract_text_clause_end_len(p, end);

			if (n > 0 || extract_text_has_prefix(p, end, "。")) {
				clause = p + (n > 0 ? n : strlen("。"));
				before = 0;
				continue;
			}
			if (extract_text_has_prefix(p, end, "用于") && before <= 5 &&
			    !in_label(v, i, p)) {
				const char *e = p + strlen("用于");

				while (e < end && extract_text_clause_end_len(e, end) == 0)
					e = extract_text_next_char(e, end);
				f->purpose = extract_labels_clean_value(p + strlen("用于"), e);
				if (f->purpose != NULL) {
					extract_assemble_reading(f, EXTRACT_SRC_PROSE,
						EXTRACT_CONF_HIGH, "prose",
						"用于", ln);
					extract_assemble_noted(f, EXTRACT_FIELD_PURPOSE);
					break;
				}
			}
			if (p >= clause)
				before++;
		}
	}
}

/* --- an agent writing for the applicant ------------------------------------ */

/* How far after 受/代/替 the client's name and 委托/申请 may stand, in
 * characters: a kinship word and a four-character name with an honorific
 * (我的父亲苏和, 郭玥女士的); further on, 代 and 申请 are two clauses. */
#define CLIENT_REACH_CHARS 10

/* Phrases that say the writer acts for someone: the opening word and the
 * word that closes the client's name (受郭玥委托, 接受郭玥女士的委托,
 * 我替我父亲苏和申请, 代母亲李桂芝申请, 我是刘芳的委托代理人, 作为刘芳的
 * 代理律师). */
static const struct {
	const char *open, *close;
} client_phrases[] = {
	{ "受", "委托" }, { "代", "申请" }, { "替", "申请" }, { "帮", "申请" },
	{ "我是", "委托" }, { "我是", "代理" }, { "作为", "委托" },
	{ "作为", "代理" },
};
/* Words around the client's name that are not the name: kinship before
 * it, an honorific after it, and words that stand for the client. */
static const char *const client_kin[] = {
	"我的", "我", "父亲", "母亲", "爸爸", "妈妈", "爸", "妈", "爱人",
	"丈夫", "妻子", "老伴", "儿子", "女儿", "爷爷", "奶奶", "姥姥",
	"姥爷", "外公", "外婆", "哥哥", "姐姐", "弟弟", "妹妹", "公公", "婆婆",
	"岳父", "岳母", "家人", "亲属", "客户", "当事人", "单位", "企业",
	"领导",
};
/* Of those, the words that name the writer (帮我申请: the writer is the
 * applicant). */
static const char *const client_self[] = { "我的", "我" };
static const char *const client_honorifics[] = {
	"女士", "先生", "同志", "老人", "的",
};
static const char *const client_pronouns[] = { "其", "他", "她", "为", "为其" };
/* Words that start like those phrases and mean something else. */
static const char *const not_for_client[] = {
	"代理", "代表", "代码", "代缴", "代扣", "代发", "代办", "代替", "替换",
	"帮助", "帮扶",
};

/* The client between p and q (a name, or "" when only a pronoun or a
 * kinship word stands there), or NULL when what stands there is not one. */
static char *
client_between(const char *p, const char *q)
{
	const char *w;
	char *name;
	bool kin = false;

	while ((w = extract_text_word_at(p, q, client_kin, G_N_ELEMENTS(client_kin))) != NULL) {
		p += strlen(w);
		kin |= !extract_labels_is_one_of(w, client_self, G_N_ELEMENTS(client_self));
	}
	for (bool cut = true; cut;) {
		cut = false;
		for (size_t i = 0; i < G_N_ELEMENTS(client_honorifics); i++) {
			size_t n = strlen(client_honorifics[i]);

			if ((size_t)(q - p) >= n &&
			    memcmp(q - n, client_honorifics[i], n) == 0) {
				q -= n;
				cut = true;
			}
		}
	}
	if (p == q && kin)
		return g_strdup("");
	/* 我是受郭玥委托…: the phrase that names the client starts later. */
	for (size_t i = 0; i < G_N_ELEMENTS(client_phrases); i++)
		if (extract_text_has_prefix(p, q, client_phrases[i].open))
			return NULL;
	name = g_strndup(p, (gsize)(q - p));
	if (extract_labels_is_one_of(name, client_pronouns, G_N_ELEMENTS(client_pronouns))) {
		name[0] = '\0';
		return name;
	}
	if (!extract_labels_name_plausible(name) || extract_lexicon_org_name(name) ||
	    g_utf8_strlen(name, -1) > 4) {
		g_free(name);
		return NULL;
	}
	return name;
}

/* 受郭玥委托, 我替我父亲苏和申请: the writer is an agent, and the client
 * named there is the applicant, before any name the writer gave for
 * himself (本人…, 我是…), which becomes the agent's. */
static void
prose_client(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n && !f->for_client; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		for (const char *p = ln->s; p < end && !f->for_client;
		     p = extract_text_next_char(p, end))
			for (size_t k = 0; k < G_N_ELEMENTS(client_phrases); k++) {
				const char *a = p + strlen(client_phrases[k].open);
				const char *q = a, *lim = a;
				char *client;

				if (!extract_text_has_prefix(p, end, client_phrases[k].open) ||
				    extract_text_word_at(p, end, not_for_client,
					    G_N_ELEMENTS(not_for_client)) != NULL)
					continue;
				for (int c = 0; c <= CLIENT_REACH_CHARS && lim < end; c++)
					lim = extract_text_next_char(lim, end);
				while (q < lim && !extract_text_has_prefix(q, end, client_phrases[k].close))
					q = extract_text_next_char(q, end);
				if (q >= lim || (client = client_between(a, q)) == NULL)
					continue;
				f->for_client = true;
				if (*client != '\0') {
					extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
						"prose-client", client_phrases[k].open, ln);
					if (f->self_name != NULL && f->agent == NULL &&
					    !extract_same_name(f->self_name, client)) {
						f->agent = g_strdup(f->self_name);
						f->prov[EXTRACT_FIELD_AGENT] = f->self_prov;
					}
					extract_assemble_set_name(f, client, RANK_APPLICANT);
				} else {
					g_free(client);
				}
				break;
			}
	}
}

/* Does line ln hold name (NULL: no)? */
static bool
line_names(const char *line, size_t len, const char *name)
{
	return name != NULL && *name != '\0' && line != NULL &&
	       extract_text_find_in(line, line + len, name) != NULL;
}

/* Was field fld of f read below the agent's label, in one block of lines
 * that does not name the client (his firm, address and phone under
 * 代理律师：…)? */
static bool
below_agent(const struct view *v, const struct found *f, enum extract_field fld)
{
	const struct prov *pp = &f->prov[fld];
	size_t pl = SIZE_MAX;

	if (f->agent_line == SIZE_MAX || line_names(pp->line, pp->len, f->name))
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (v->lines[i].no == pp->line_no)
			pl = i;
	if (pl == SIZE_MAX || pl <= f->agent_line)
		return false;
	for (size_t i = f->agent_line + 1; i < pl; i++)
		if (extract_labels_blank(&v->lines[i]) ||
		    line_names(v->lines[i].s, v->lines[i].len, f->name))
			return false;
	return true;
}

/* Is the telephone number f holds the agent's?  It is when the writer acts
 * for a client and wrote it in a sentence that does not name the client
 * (我的电话…), or below the agent's label.  A form's 联系电话 among the
 * applicant's lines stays the applicant's. */
static bool
phone_is_agents(const struct view *v, const struct found *f)
{
	const struct prov *pp = &f->prov[EXTRACT_FIELD_PHONE];

	if (f->phone == NULL || f->agent_phone != NULL ||
	    line_names(pp->line, pp->len, f->name))
		return false;
	return (f->for_client && pp->src != EXTRACT_SRC_LABEL) ||
	       below_agent(v, f, EXTRACT_FIELD_PHONE);
}

/* Drops the value of field fld (in *slot) when it is the agent's: his
 * firm's address and postcode are nobody's the record keeps. */
static void
drop_agents(const struct view *v, struct found *f, enum extract_field fld,
	    char **slot)
{
	if (*slot == NULL || !below_agent(v, f, fld))
		return;
	g_free(*slot);
	*slot = NULL;
	memset(&f->prov[fld], 0, sizeof(struct prov));
}

static void
agent_phone(const struct view *v, struct found *f)
{
	drop_agents(v, f, EXTRACT_FIELD_ADDRESS, &f->address);
	drop_agents(v, f, EXTRACT_FIELD_POSTCODE, &f->postcode);
	if (!phone_is_agents(v, f))
		return;
	f->agent_phone = f->phone;
	f->phone = NULL;
	f->prov[EXTRACT_FIELD_AGENT_PHONE] = f->prov[EXTRACT_FIELD_PHONE];
	memset(&f->prov[EXTRACT_FIELD_PHONE], 0, sizeof(struct prov));
}

static bool
negated(const char *p, const char *start)
{
	for (size_t i = 0; i < extract_lexicon_negations_n; i++) {
		const char *neg = extract_lexicon_negations[i];
		size_t n = strlen(neg);

		if ((size_t)(p - start) >= n && memcmp(p - n, neg, n) == 0)
			return true;
	}
	return false;
}

/* 请通过电子邮件发送…, 请邮寄至…, 麻烦发我邮箱, 本人到局里领取: the first
 * phrase of each aspect; a fax number asked for is the applicant's fax. */
static void
prose_delivery(struct view *v, struct found *f)
{
	bool d_done = f->delivery_level > CHOICE_NONE;
	bool m_done = f->medium_level > CHOICE_NONE;

	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		if (v->consumed[i])
			continue;
		extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH, "prose-delivery",
			NULL, ln);
		for (const char *p = ln->s; p < end; p = extract_text_next_char(p, end)) {
			bool labelled = in_label(v, i, p);
			const struct extract_lexicon_choice *ph;
			enum extract_delivery d;
			char *fax;
			int k;

			if (negated(p, ln->s))
				continue;
			d = sentence_delivery(p, end, labelled);
			if (!labelled && (fax = fax_target(p, end)) != NULL) {
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose-fax-target", NULL, ln);
				extract_assemble_keep(f, EXTRACT_FIELD_FAX, &f->fax, fax);
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose-delivery", NULL, ln);
				d = EXTRACT_DELIVERY_FAX;
			}
			if (!d_done && d != EXTRACT_DELIVERY_UNKNOWN) {
				set_choice(f, d, EXTRACT_MEDIUM_UNKNOWN,
					   CHOICE_PROSE, CHOICE_NONE);
				d_done = true;
			}
			k = labelled ? -1 : delivery_phrase_at(p, end);
			if (k < 0 || phrase_about_other((size_t)k, p, ln->s, end))
				continue;
			ph = &extract_lexicon_delivery_phrases[k];
			if (!d_done && ph->delivery != EXTRACT_DELIVERY_UNKNOWN) {
				set_choice(f, ph->delivery, ph->medium,
					   CHOICE_PROSE, CHOICE_PROSE);
				d_done = true;
			}
			if (!m_done && ph->medium != EXTRACT_MEDIUM_UNKNOWN) {
				set_choice(f, EXTRACT_DELIVERY_UNKNOWN, ph->medium,
					   CHOICE_NONE, CHOICE_PROSE);
				m_done = true;
			}
		}
	}
}

/* Ticked boxes with no label we know (☑邮寄 on a line of its own). */
static void
ticked_lines(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];

		if (!has_mark(ln->s, line_end(ln), true))
			continue;
		extract_assemble_reading(f, EXTRACT_SRC_PATTERN, EXTRACT_CONF_HIGH,
			"ticked-option", NULL, ln);
		parse_choices(ln->s, line_end(ln), true, CHOICE_PROSE,
			      CHOICE_PROSE, f);
	}
}

/* Identity numbers, mobile numbers and mail addresses written without a
 * label we know; only shapes that cannot be anything else count. */
static void
read_shapes(const struct view *v, struct found *f,
	    const struct extract_context *ctx)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		for (const char *p = ln->s; p < end;) {
			const char *e = p;

			if (!extract_text_is_alnum(*p) || (p > ln->s && extract_text_is_alnum(p[-1]))) {
				p++;
				continue;
			}
			while (e < end && extract_text_is_alnum(*e))
				e++;
			if (f->id_number == NULL && e - p == 18) {
				char buf[19];

				for (int k = 0; k < 18; k++)
					buf[k] = g_ascii_toupper(p[k]);
				buf[18] = '\0';
				extract_assemble_reading(f, EXTRACT_SRC_PATTERN,
					EXTRACT_CONF_HIGH, "id-shape", NULL, ln);
				if (extract_resident_id_valid(buf) ||
				    extract_uscc_well_formed(buf))
					store_id(f, NULL, buf);
			}
			if (f->phone == NULL && extract_validate_is_mobile(p, (size_t)(e - p)) &&
			    strspn(p, "0123456789") >= 11) {
				extract_assemble_reading(f, EXTRACT_SRC_PATTERN,
					EXTRACT_CONF_HIGH, "mobile-shape",
					NULL, ln);
				extract_assemble_keep(f, EXTRACT_FIELD_PHONE, &f->phone,
				     g_strndup(p, (gsize)(e - p)));
			}
			p = e;
		}
		if (f->email == NULL && memchr(ln->s, '@', ln->len) != NULL) {
			char *s = g_strndup(ln->s, ln->len);
			char *mail = extract_labels_email_token(s), *lower;

			lower = mail != NULL ? g_ascii_strdown(mail, -1) : NULL;
			extract_assemble_reading(f, EXTRACT_SRC_PATTERN, EXTRACT_CONF_HIGH,
				"email-shape", NULL, ln);
			if (mail != NULL && strchr(strchr(mail, '@'), '.') != NULL &&
			    mail[0] != '@' && !has_own_address(lower, ctx))
				extract_assemble_keep(f, EXTRACT_FIELD_EMAIL, &f->email, mail);
			else
				g_free(mail);
			g_free(lower);
			g_free(s);
		}
	}
}

/* 某某有限公司（统一社会信用代码：…）: the organisation's name before its
 * code in a letter. */
static void
org_before_code(const struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		GArray *hits = extract_labels_hits_of(v, i);

		for (guint k = 0; k < hits->len; k++) {
			const struct hit *h = &g_array_index(hits, struct hit, k);
			const char *s = v->lines[i].s, *b = h->start, *e;
			char *name;

			if (h->field != FLD_ID_NUMBER ||
			    (h->lab->id_type != EXTRACT_ID_USCC &&
			     h->lab->id_type != EXTRACT_ID_ORG_CODE))
				continue;
			while (b > s && b[-1] == ' ')
				b--;
			if (b > s && (b[-1] == '(' || b[-1] == ','))
				b--;
			e = b;
			for (int n = 0; b > s && n < 40; n++) {
				const char *pb = extract_text_prev_char(b, s);

				if (!extract_text_is_han(pb, e) && !extract_text_is_alnum(*pb))
					break;
				b = pb;
			}
			name = g_strndup(b, (gsize)(e - b));
			extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
				"org-before-code", NULL, &v->lines[i]);
			if (extract_lexicon_org_name(name) && !g_str_has_prefix(name, "我") &&
			    !g_str_has_prefix(name, "本") &&
			    !g_str_has_prefix(name, "贵"))
				extract_assemble_set_name(f, name, RANK_ORG_PROSE);
			else
				g_free(name);
		}
	}
}

/* --- one view ---------------------------------------------------------------- */

/* A line written with spaces for punctuation (申请公开…文件 赵志刚 139…
 * 2026.10.8): a word standing alone that is a person's name is the
 * applicant's, one that is a date the application's, when nothing else
 * gave them. */
static void
spaced_words(const struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];
		char *s, **words;

		if (!spaced_line(ln->body, line_end(ln)))
			continue;
		s = g_strndup(ln->body, (gsize)(line_end(ln) - ln->body));
		words = g_strsplit(s, " ", -1);
		for (char **w = words; *w != NULL; w++) {
			char d[11];
			int rc;

			if (**w == '\0')
				continue;
			/* A name standing alone is a guess; a date is a
			 * date. */
			if (f->name == NULL && !extract_closing_is_label_word(*w) &&
			    extract_closing_signer_plausible(*w)) {
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_LOW,
					"spaced-words", NULL, ln);
				extract_assemble_set_name(f, g_strdup(*w), RANK_PROSE);
			} else if (f->date_rc == 0 && extract_text_is_digit(**w) &&
				   strlen(*w) <= 16 &&
				   (rc = extract_date_find(*w, d)) != 0) {
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"spaced-words", NULL, ln);
				memcpy(f->date, d, sizeof(f->date));
				f->date_rc = rc;
				extract_assemble_noted(f, EXTRACT_FIELD_DATE);
			}
		}
		g_strfreev(words);
		g_free(s);
	}
}

static void
read_view(struct view *v, const struct extract_context *ctx, struct found *f)
{
	v->hits = g_new0(GArray *, v->n + 1);
	v->consumed = g_new0(bool, v->n + 1);
	for (size_t i = 0; i < v->n; i++) {
		v->hits[i] = g_array_new(FALSE, FALSE, sizeof(struct hit));
		scan_line(&v->lines[i], v->hits[i]);
	}
	read_labels(v, f);
	prose_client(v, f);
	prose_request(v, f);
	prose_purpose(v, f);
	ticked_lines(v, f);
	prose_delivery(v, f);
	org_before_code(v, f);
	read_shapes(v, f, ctx);
	extract_closing_read(v, f);
	spaced_words(v, f);
	agent_phone(v, f);
	for (size_t i = 0; i < v->n; i++)
		g_array_free(v->hits[i], TRUE);
	g_free(v->hits);
	g_free(v->consumed);
}

/* The provenance of field fld when no view gave it a value: a label seen
 * with nothing after it, in the newest text first. */
struct prov
extract_assemble_evidence(const struct found *a, const struct found *b, enum extract_field fld)
{
	return a->prov[fld].src != EXTRACT_SRC_NONE ? a->prov[fld] : b->prov[fld];
}

/* Moves member of a (of b when a has none) to dst, and its provenance to
 * prov[fld]. */
#define TAKE(dst, a, b, member, prov, fld)                               \
	do {                                                             \
		struct found *src_ = (a)->member != NULL ? (a) : (b);     \
		(dst) = src_->member;                                     \
		src_->member = NULL;                                      \
		(prov)[fld] = (dst) != NULL ? src_->prov[fld] :           \
					      extract_assemble_evidence((a), (b), fld);    \
	} while (0)

/* Missing elements (bureau rules Art. 4): what a correction notice asks
 * for. */
static unsigned
missing_elements(const struct extract_record *rec)
{
	unsigned m = 0;

	if (rec->name == NULL)
		m |= EXTRACT_ELEM_NAME;
	if (rec->address == NULL)
		m |= EXTRACT_ELEM_ADDRESS;
	if (rec->id_number == NULL)
		m |= EXTRACT_ELEM_IDENTITY_PROOF;
	if (rec->phone == NULL && rec->email == NULL && rec->fax == NULL)
		m |= EXTRACT_ELEM_CONTACT;
	if (rec->request == NULL)
		m |= EXTRACT_ELEM_REQUEST;
	if (!rec->signature_present)
		m |= EXTRACT_ELEM_SIGNATURE;
	if (rec->date[0] == '\0')
		m |= EXTRACT_ELEM_DATE;
	return m;
}

static unsigned
count_bits(unsigned m)
{
	unsigned n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

/* A person or an organisation, from the fields that say so; a person when
 * nothing does, which is sure only with a person's document. */
static void
record_kind(struct extract_record *rec, struct prov *prov, bool quoted_app)
{
	struct prov *p = &prov[EXTRACT_FIELD_APPLICANT_KIND];

	if (rec->id_type == EXTRACT_ID_USCC || rec->id_type == EXTRACT_ID_ORG_CODE ||
	    rec->legal_rep != NULL || extract_lexicon_org_name(rec->name)) {
		rec->applicant_kind = EXTRACT_APPLICANT_ORGANISATION;
		*p = prov[extract_lexicon_org_name(rec->name) ? EXTRACT_FIELD_NAME :
			  rec->legal_rep != NULL ? EXTRACT_FIELD_LEGAL_REP :
			  EXTRACT_FIELD_ID_TYPE];
		p->rule = "org-evidence";
		p->conf = EXTRACT_CONF_HIGH;
	} else {
		rec->applicant_kind = EXTRACT_APPLICANT_PERSON;
		*p = (struct prov){ .rule = "person-default", .quoted = quoted_app };
		p->conf = rec->id_type == EXTRACT_ID_RESIDENT ||
			  rec->id_type == EXTRACT_ID_PASSPORT ?
			  EXTRACT_CONF_HIGH : EXTRACT_CONF_LOW;
	}
	p->src = EXTRACT_SRC_INFERRED;
	p->word = NULL;
}

/* The record's extract_field_info from the provenance of its values, and
 * of each label seen with nothing after it in the application's text.  A
 * value from outside the application's text (app_quoted: the quoted text
 * holds the application) is LOW: quoted text under a new message, or the
 * cover note and headers of whoever forwarded it. */
static void
record_info(struct extract_record *rec, const struct prov *prov,
	    bool app_quoted)
{
	for (int k = 0; k < EXTRACT_FIELD_COUNT; k++) {
		const struct prov *p = &prov[k];
		char *value = extract_field_text(rec, (enum extract_field)k);
		bool outside = p->quoted != app_quoted;
		char *rule;

		if (p->src == EXTRACT_SRC_NONE ||
		    (value == NULL) != (strcmp(p->rule, "label-empty") == 0) ||
		    (value == NULL && outside)) {
			g_free(value);
			continue;
		}
		rule = g_strconcat(!outside ? "" : p->quoted ? "quoted:" :
				   "cover-note:", p->rule,
				   p->word != NULL ? "-" : "", p->word, NULL);
		extract_info_set(rec, (enum extract_field)k, p->src,
				 outside ? EXTRACT_CONF_LOW : p->conf, rule,
				 p->line, p->len, p->line_no);
		g_free(rule);
		g_free(value);
	}
}

/* A person's name without the title after it (包海峰律师). */
static char *
untitled(const char *name)
{
	static const char *const titles[] = { "律师", "先生", "女士", "同志" };
	char *v = g_strdup(name);

	for (size_t i = 0; i < G_N_ELEMENTS(titles); i++)
		if (strlen(v) > strlen(titles[i]) && strip_suffix(v, titles[i]))
			break;
	return v;
}

/* Moves the string *from and the provenance of field ffrom to *to and
 * field fto. */
static void
move_field(char **from, char **to, struct prov *prov, enum extract_field ffrom,
	   enum extract_field fto)
{
	*to = *from;
	*from = NULL;
	prov[fto] = prov[ffrom];
	memset(&prov[ffrom], 0, sizeof(struct prov));
}

/* Who writes for the applicant, once the applicant's kind is known: a
 * person's 经办人 is an agent (an organisation's is its contact); a
 * contact person who is the agent (本案联系人为包海峰律师) is not also a
 * contact; a writer who acts for a client and names no agent signs as
 * one; and a phone written on the agent's line is the agent's. */
static void
record_agent(struct extract_record *rec, bool handler, bool for_client,
	     struct prov *prov)
{
	bool person = rec->applicant_kind != EXTRACT_APPLICANT_ORGANISATION;
	const struct prov *pp = &prov[EXTRACT_FIELD_PHONE];

	if (rec->contact_person != NULL && rec->agent == NULL && person &&
	    (handler || for_client)) {
		char *v = untitled(rec->contact_person);

		g_free(rec->contact_person);
		rec->contact_person = v;
		move_field(&rec->contact_person, &rec->agent, prov,
			   EXTRACT_FIELD_CONTACT_PERSON, EXTRACT_FIELD_AGENT);
	}
	if (rec->contact_person != NULL && rec->agent != NULL) {
		char *v = untitled(rec->contact_person);

		if (extract_same_name(v, rec->agent)) {
			g_free(rec->contact_person);
			rec->contact_person = NULL;
			memset(&prov[EXTRACT_FIELD_CONTACT_PERSON], 0,
			       sizeof(struct prov));
		}
		g_free(v);
	}
	if (for_client && person && rec->agent == NULL &&
	    rec->signature_text != NULL &&
	    !extract_same_name(rec->signature_text, rec->name) &&
	    extract_closing_signer_plausible(rec->signature_text)) {
		rec->agent = g_strdup(rec->signature_text);
		prov[EXTRACT_FIELD_AGENT] = prov[EXTRACT_FIELD_SIGNATURE];
		prov[EXTRACT_FIELD_AGENT].rule = "agent-signer";
		prov[EXTRACT_FIELD_AGENT].word = NULL;
	}
	if (rec->agent != NULL && rec->phone != NULL && rec->agent_phone == NULL &&
	    (line_names(pp->line, pp->len, rec->agent) ||
	     (handler && person && line_names(pp->line, pp->len, "经办人"))))
		move_field(&rec->phone, &rec->agent_phone, prov,
			   EXTRACT_FIELD_PHONE, EXTRACT_FIELD_AGENT_PHONE);
}

/* Returns whether the application is the quoted text's. */
static bool
fill_record(struct extract_record *rec, struct found *f0, struct found *f1,
	    const struct extract_context *ctx, struct prov *prov)
{
	/* A forward's cover note (现转你局依法办理 … 2026年9月8日) is not the
	 * application: when only the quoted text asks for information and
	 * the newest text is not signed by the same applicant (who would be
	 * updating it: 我的手机号换了), the applicant, signature and date
	 * written there come first. */
	bool quoted_app = f0->request == NULL && f1->request != NULL &&
			  !(f0->name != NULL && f1->name != NULL &&
			    strcmp(f0->name, f1->name) == 0);
	struct found *app = quoted_app ? f1 : f0, *other = quoted_app ? f0 : f1;
	struct found *sig = extract_closing_signed_already(app) ? app : other;
	struct found *d = f1->delivery_level > f0->delivery_level ? f1 : f0;
	struct found *m = f1->medium_level > f0->medium_level ? f1 : f0;
	TAKE(rec->name, app, other, name, prov, EXTRACT_FIELD_NAME);
	TAKE(rec->legal_rep, app, other, legal_rep, prov, EXTRACT_FIELD_LEGAL_REP);
	TAKE(rec->contact_person, app, other, contact_person, prov, EXTRACT_FIELD_CONTACT_PERSON);
	TAKE(rec->agent, app, other, agent, prov, EXTRACT_FIELD_AGENT);
	TAKE(rec->agent_phone, app, other, agent_phone, prov, EXTRACT_FIELD_AGENT_PHONE);
	TAKE(rec->address, app, other, address, prov, EXTRACT_FIELD_ADDRESS);
	TAKE(rec->postcode, app, other, postcode, prov, EXTRACT_FIELD_POSTCODE);
	TAKE(rec->phone, app, other, phone, prov, EXTRACT_FIELD_PHONE);
	TAKE(rec->email, app, other, email, prov, EXTRACT_FIELD_EMAIL);
	TAKE(rec->fax, app, other, fax, prov, EXTRACT_FIELD_FAX);
	TAKE(rec->request, app, other, request, prov, EXTRACT_FIELD_REQUEST);
	TAKE(rec->purpose, app, other, purpose, prov, EXTRACT_FIELD_PURPOSE);
	extract_validate_record_id(rec, f0, f1, prov);
	rec->signature_present = sig->sig_present;
	rec->signature_text = sig->sig_text;
	sig->sig_text = NULL;
	prov[EXTRACT_FIELD_SIGNATURE] = rec->signature_present ?
		sig->prov[EXTRACT_FIELD_SIGNATURE] :
		extract_assemble_evidence(app, other, EXTRACT_FIELD_SIGNATURE);
	extract_validate_record_date(rec, app, other, ctx, prov);
	rec->delivery = d->delivery;
	rec->medium = m->medium;
	prov[EXTRACT_FIELD_DELIVERY] = d->prov[EXTRACT_FIELD_DELIVERY];
	prov[EXTRACT_FIELD_MEDIUM] = m->prov[EXTRACT_FIELD_MEDIUM];
	extract_validate_record_contact(rec);
	record_kind(rec, prov, quoted_app);
	record_agent(rec, app->contact_handler, f0->for_client || f1->for_client,
		     prov);
	return quoted_app;
}

/* --- entry points ------------------------------------------------------------ */

/* A table cell that is a label and nothing else (申请人签名（盖章）). */
static bool
whole_label(const char *t)
{
	const char *end = t + strlen(t), *lend = NULL;
	enum extract_lexicon_field field;

	if (extract_lexicon_label_at(t, end, &lend) == NULL)
		return false;
	return label_bracket(lend, end, &field) == end;
}

/* The cells of a table row as the MIME module writes it: tab-separated,
 * a two-cell row as "cell:cell".  Empty cells are left out. */
static GPtrArray *
row_cells(const char *s, size_t len)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	char *line = g_strndup(s, len);
	char **parts = g_strsplit_set(line, "\t:", -1);

	for (char **q = parts; *q != NULL; q++) {
		char *c = extract_text_trim(*q);

		if (c != NULL)
			g_ptr_array_add(cells, c);
	}
	g_strfreev(parts);
	g_free(line);
	return cells;
}

/* Every cell a label, and none an option chosen in the cell before it
 * (获取方式:电子邮件 is a label and its value) or a document named after
 * 证件名称 (证件名称:居民身份证 too, though 居民身份证 is a label). */
static bool
all_labels(const GPtrArray *cells)
{
	for (guint k = 0; k < cells->len; k++) {
		const char *c = cells->pdata[k];
		const char *end = c + strlen(c), *lend;
		const struct extract_lexicon_label *prev;
		size_t n;

		if (!whole_label(c))
			return false;
		prev = k > 0 ? extract_lexicon_label_at(cells->pdata[k - 1],
					(char *)cells->pdata[k - 1] +
						strlen(cells->pdata[k - 1]),
					&lend) : NULL;
		if (prev != NULL && is_choice(prev->field) &&
		    extract_lexicon_option_at(c, end, &n) >= 0 && c + n == end)
			return false;
		if (prev != NULL && prev->field == FLD_ID_TYPE && extract_lexicon_document_word(c))
			return false;
	}
	return true;
}

/* A table in columns: a row of labels only, and below it a row of as many
 * values (姓名	身份证号码 / 张三	1501…).  Each pair becomes a
 * "label:value" line, as a form in rows reads. */
static char *
pair_columns(const char *text)
{
	GString *out = g_string_sized_new(strlen(text) + 1);
	const char *p = text;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t len = eol != NULL ? (size_t)(eol - p) : strlen(p);
		const char *next = p + len + (eol != NULL);
		const char *eol2 = strchr(next, '\n');
		size_t len2 = eol2 != NULL ? (size_t)(eol2 - next) : strlen(next);
		GPtrArray *heads = row_cells(p, len);
		GPtrArray *vals = NULL;
		bool paired = false;

		if (eol != NULL && heads->len >= 2 && all_labels(heads)) {
			vals = row_cells(next, len2);
			paired = vals->len == heads->len && !all_labels(vals);
		}
		if (paired) {
			for (guint k = 0; k < heads->len; k++)
				g_string_append_printf(out, "%s:%s\n",
						       (char *)heads->pdata[k],
						       (char *)vals->pdata[k]);
			p = next + len2 + (eol2 != NULL);
		} else {
			g_string_append_len(out, p, (gssize)(next - p));
			p = next;
		}
		g_ptr_array_free(heads, TRUE);
		if (vals != NULL)
			g_ptr_array_free(vals, TRUE);
	}
	return g_string_free(out, FALSE);
}

/* The day the message arrived (Received:, else Date:, else today).  Unix
 * times are read in UTC: extract_date_find_month_day() allows for zones
 * ahead of it. */
static void
receipt_date(const struct mime_message *msg,
	     const struct extract_context *ctx, char out[11])
{
	int64_t t = msg == NULL ? 0 :
		    msg->received_date != 0 ? msg->received_date : msg->date;
	GDateTime *dt = t > 0 ? g_date_time_new_from_unix_utc(t) : NULL;

	out[0] = '\0';
	if (dt != NULL) {
		char *s = g_date_time_format(dt, "%Y-%m-%d");

		g_strlcpy(out, s, 11);
		g_free(s);
		g_date_time_unref(dt);
	}
	if (out[0] == '\0' && ctx != NULL && ctx->today != NULL)
		g_strlcpy(out, ctx->today, 11);
}

/* The lexicon as layout.c needs it: which labels start a form line and
 * what value each takes. */
static enum extract_layout_value
layout_label(const char *p, const char *end, size_t *len_r)
{
	const char *lend = NULL;
	const struct extract_lexicon_label *lab = extract_lexicon_label_at(p, end, &lend);
	enum extract_lexicon_field field;

	if (lab == NULL || lab->prose == P_ONLY || lab->prose == P_CLAUSE)
		return EXTRACT_LAYOUT_NONE;
	field = (enum extract_lexicon_field)lab->field;
	*len_r = (size_t)(label_bracket(lend, end, &field) - p);
	if (is_choice(field))
		return EXTRACT_LAYOUT_CHOICE;
	if (field == FLD_OTHER)
		return EXTRACT_LAYOUT_OTHER;
	if (wants_number(field))
		return EXTRACT_LAYOUT_NUMBER;
	if (field == FLD_ADDRESS || is_multiline(field))
		return EXTRACT_LAYOUT_LONG;
	return EXTRACT_LAYOUT_TEXT;
}

/* The text the scanner reads, from a folded one; *written_r (unless
 * written_r is NULL): the text layout.c read, to free with g_free(), and
 * layout_r what it did to each line (see extract_layout_normalise()). */
static char *
scan_text(const char *folded, char **written_r, GArray *layout_r)
{
	static const struct extract_layout_lexicon lexicon = { layout_label };
	char *prepared = prepare(folded);
	char *paired = pair_columns(prepared);
	char *laid_out = extract_layout_normalise(paired, &lexicon, layout_r);

	g_free(prepared);
	if (written_r != NULL)
		*written_r = paired;
	else
		g_free(paired);
	return laid_out;
}

/* A writer who acts for a client (代母亲李桂芝申请…) and names himself
 * nowhere in the text: the sender's display name is the agent's. */
static void
agent_from_header(struct extract_record *rec, const struct mime_message *msg,
		  bool for_client, struct prov *prov)
{
	if (!for_client || rec->agent != NULL || msg == NULL ||
	    rec->applicant_kind == EXTRACT_APPLICANT_ORGANISATION ||
	    msg->from_name == NULL || !extract_labels_name_plausible(msg->from_name) ||
	    extract_lexicon_org_name(msg->from_name) ||
	    extract_same_name(msg->from_name, rec->name))
		return;
	rec->agent = g_strdup(msg->from_name);
	prov[EXTRACT_FIELD_AGENT] = (struct prov){
		.src = EXTRACT_SRC_HEADER, .conf = EXTRACT_CONF_HIGH,
		.rule = "agent-from-header",
	};
}

/* A text that gives at most this many of the EXTRACT_ELEM_COUNT elements
 * beside a picture that may hold the form is a cover note for the
 * picture: a typed application gives most of them (a photo of the ID card
 * beside one takes at most the identity proof), a note saying the form is
 * attached gives none, or a name and the request. */
#define IMAGE_FORM_MAX_ELEMENTS 3

/* A form only in an image: until OCR reads it, a clerk does, and nothing
 * the text lacks is certainly missing (a correction notice asking for what
 * the photo shows would be wrong).  Returns whether it is one. */
static bool
form_in_image(struct extract_record *rec, const struct mime_message *msg,
	      unsigned found_in_text)
{
	bool image = false;

	if (msg == NULL || found_in_text > IMAGE_FORM_MAX_ELEMENTS)
		return false;
	for (size_t i = 0; i < msg->n_parts; i++)
		image |= msg->parts[i].image;
	if (!image)
		return false;
	extract_review_add(rec, "form in an image");
	rec->missing = 0;
	return true;
}

unsigned
extract_fields(const char *text, const struct mime_message *msg,
	       const struct extract_context *ctx, struct extract_record *rec)
{
	GArray *layout = g_array_new(FALSE, FALSE,
				     sizeof(struct extract_layout_line));
	char *written;
	char *prepared = scan_text(text != NULL ? text : "", &written, layout);
	GArray *raw = g_array_new(FALSE, FALSE, sizeof(struct line));
	GArray *views[2];
	struct found found[2];
	struct prov prov[EXTRACT_FIELD_COUNT];
	enum tier *tiers;
	bool *attach;
	unsigned found_in_text;
	char receipt[11];
	bool app_quoted;

	receipt_date(msg, ctx, receipt);
	for (char *p = prepared;;) {
		char *eol = strchr(p, '\n');
		struct line ln = { p, eol != NULL ? (size_t)(eol - p) : strlen(p), p,
				   raw->len + 1 };

		g_array_append_val(raw, ln);
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	memset(prov, 0, sizeof(prov));
	attach = attachment_starts(prepared, raw, msg);
	tiers = g_new0(enum tier, raw->len + 1);
	assign_tiers(raw, attach, tiers, ctx);
	for (int t = 0; t < 2; t++) {
		struct view v;

		views[t] = g_array_new(FALSE, FALSE, sizeof(struct line));
		for (guint i = 0; i < raw->len; i++)
			if (tiers[i] == (enum tier)t)
				g_array_append_val(views[t],
						   g_array_index(raw, struct line, i));
		v.lines = (struct line *)(void *)views[t]->data;
		v.n = views[t]->len;
		v.receipt = receipt;
		v.layout = layout;
		v.written = written;
		found_init(&found[t]);
		found[t].quoted = t == TIER_QUOTED;
		read_view(&v, ctx, &found[t]);
	}
	app_quoted = fill_record(rec, &found[0], &found[1], ctx, prov);
	extract_validate_question_request(rec, prov);
	/* An invalid field is there, just wrong: it is not also missing.
	 * The sender's address is not in the text: classify counts what the
	 * applicant wrote. */
	rec->missing = missing_elements(rec);
	found_in_text = EXTRACT_ELEM_COUNT - count_bits(rec->missing);
	if (rec->email == NULL && ctx != NULL && ctx->sender_is_contact &&
	    msg != NULL && msg->from_addr != NULL && msg->from_addr[0] != '\0') {
		rec->email = g_strdup(msg->from_addr);
		rec->missing &= ~(unsigned)EXTRACT_ELEM_CONTACT;
		prov[EXTRACT_FIELD_EMAIL] = (struct prov){
			.src = EXTRACT_SRC_HEADER, .conf = EXTRACT_CONF_HIGH,
			.rule = "from-header",
		};
	}
	agent_from_header(rec, msg, found[0].for_client || found[1].for_client,
			  prov);
	if (!form_in_image(rec, msg, found_in_text) && found_in_text == 0)
		rec->applicant_kind = EXTRACT_APPLICANT_UNKNOWN;
	/* A name guessed from the text that the sender's display name
	 * repeats: two places that agree. */
	if (prov[EXTRACT_FIELD_NAME].conf == EXTRACT_CONF_LOW && !app_quoted &&
	    msg != NULL && extract_same_name(rec->name, msg->from_name)) {
		prov[EXTRACT_FIELD_NAME].conf = EXTRACT_CONF_HIGH;
		prov[EXTRACT_FIELD_NAME].rule = "name-matches-from";
		prov[EXTRACT_FIELD_NAME].word = NULL;
	}
	record_info(rec, prov, app_quoted);

	for (int t = 0; t < 2; t++) {
		found_clear(&found[t]);
		g_array_free(views[t], TRUE);
	}
	g_free(tiers);
	g_free(attach);
	g_array_free(raw, TRUE);
	g_array_free(layout, TRUE);
	g_free(written);
	g_free(prepared);
	return found_in_text;
}

/* --- values as written ------------------------------------------------------ */

/* How the scanner reads the character of the unfolded text at p: full-width
 * ASCII as ASCII and traditional characters as simplified ones
 * (extract_text_fold), white space as one space, then subst_at().  Writes it to out (NUL-terminated, "" for a character the
 * scanner drops); returns the length of the character at p. */
static size_t
read_as_folded(const char *p, const char *end, char out[8])
{
	gunichar c = extract_text_char_at(p, end);
	size_t len = (size_t)(extract_text_next_char(p, end) - p), n;
	const char *to;

	if (len > 4)
		len = 1; /* stray continuation bytes */

	if (c >= 0xFF01 && c <= 0xFF5E) {
		out[0] = (char)(c - 0xFEE0);
		out[1] = '\0';
	} else if (c == 0x3000 || c == '\r' || c == '\n') {
		strcpy(out, " ");
	} else if ((to = extract_text_simplified(p, end, &n)) != NULL ||
		   (to = subst_at(p, &n)) != NULL) {
		g_strlcpy(out, to, 8);
		len = n;
	} else {
		memcpy(out, p, len);
		out[len] = '\0';
	}
	if (out[0] == '\t')
		out[0] = ' ';
	return len;
}

/* Keep the written form of a folded character?  Letters and digits stay
 * ASCII (numbers are compared and checked), and so does punctuation between
 * two of them (0475－8123456, a＠b．cn); other punctuation and traditional
 * characters are kept as the applicant wrote them (，（）：；). */
static bool
keep_written(const char *folded, const char *out_so_far, size_t out_len,
	     const char *v_next)
{
	if (folded[0] == '\0' || folded[1] != '\0')
		return true;
	if (extract_text_is_alnum(folded[0]))
		return false;
	return !(out_len > 0 && extract_text_is_alnum(out_so_far[out_len - 1]) &&
		 extract_text_is_alnum(*v_next));
}

/* Matches value against the written text from o on; white space may differ
 * (lines joined, spaces collapsed).  Returns the value with the written
 * characters put back, or NULL when the text there is something else. */
static char *
match_written(const char *value, const char *o, const char *end)
{
	GString *out = g_string_new(NULL);
	const char *v = value;

	while (*v != '\0') {
		char f[8];
		size_t n, fl;

		if (*v == ' ' || *v == '\n') {
			g_string_append_c(out, *v++);
			while (o < end && (n = read_as_folded(o, end, f)) > 0 &&
			       (f[0] == ' ' || f[0] == '\0'))
				o += n;
			continue;
		}
		if (o >= end)
			break;
		n = read_as_folded(o, end, f);
		fl = strlen(f);
		if (fl == 0 || f[0] == ' ') {
			o += n;
			continue;
		}
		if (strncmp(v, f, fl) != 0)
			break;
		if (keep_written(f, out->str, out->len, v + fl))
			g_string_append_len(out, o, (gssize)n);
		else
			g_string_append_len(out, f, (gssize)fl);
		v += fl;
		o += n;
	}
	if (*v != '\0') {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* The scanner reads a folded text, so a value comes out with ",", "(" and
 * simplified characters where the applicant wrote "，", "（" and 申請.  The
 * first place in the written text that folds to the value gives it back as
 * written; a value pieced together from several places stays as read. */
static void
restore_written(char **slot, const char *written)
{
	const char *end = written + strlen(written);
	char first[8];

	if (*slot == NULL)
		return;
	for (const char *o = written; o < end; o = extract_text_next_char(o, end)) {
		char *w;

		read_as_folded(o, end, first);
		if (first[0] == '\0' || strncmp(first, *slot, strlen(first)) != 0)
			continue;
		w = match_written(*slot, o, end);
		if (w != NULL) {
			g_free(*slot);
			*slot = w;
			return;
		}
	}
}

static void
restore_record(struct extract_record *rec, const char *written)
{
	char **texts[] = {
		&rec->name, &rec->legal_rep, &rec->contact_person, &rec->agent,
		&rec->id_label, &rec->address, &rec->request, &rec->purpose,
		&rec->signature_text,
	};

	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		restore_written(texts[i], written);
}

/* Keeps what every kind of message has; the application fields mean
 * nothing for a bounce or a consultation. */
static void
clear_application(struct extract_record *rec)
{
	enum extract_kind kind = rec->kind;
	char *reason = rec->kind_reason, *ref = rec->case_ref;

	rec->kind_reason = NULL;
	rec->case_ref = NULL;
	extract_record_clear(rec);
	rec->kind = kind;
	rec->kind_reason = reason;
	rec->case_ref = ref;
}

struct extract_record *
extract_message(const struct mime_message *msg,
		const struct extract_context *ctx)
{
	GString *all = g_string_new(msg->body != NULL ? msg->body : "");
	struct extract_record *rec = g_new0(struct extract_record, 1);
	const char *reason = NULL;
	char *text, ref[12];
	unsigned elements;

	for (size_t i = 0; i < msg->n_parts; i++) {
		const struct mime_part *part = &msg->parts[i];

		if (part->role != MIME_PART_ATTACHMENT || part->text == NULL)
			continue;
		if (all->len > 0)
			g_string_append(all, "\n\n");
		g_string_append(all, part->text);
	}
	text = extract_text_fold(all->str);
	if (extract_find_case_ref(msg->subject, ref, sizeof(ref)) ||
	    extract_find_case_ref(text, ref, sizeof(ref)))
		rec->case_ref = g_strdup(ref);
	elements = extract_fields(text, msg, ctx, rec);
	restore_record(rec, all->str);
	g_string_free(all, TRUE);
	rec->kind = extract_classify(msg, ctx, text, elements, rec->case_ref,
				     &reason);
	rec->kind_reason = g_strdup(reason != NULL ? reason : "");
	if (rec->kind != EXTRACT_KIND_APPLICATION &&
	    rec->kind != EXTRACT_KIND_CORRECTION_REPLY)
		clear_application(rec);
	extract_verdict_decide(rec);
	g_free(text);
	return rec;
}
