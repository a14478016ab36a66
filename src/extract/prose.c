/* Prose (prose.c): what a letter says in sentences rather than after form
 * labels -- the request after a verb (现申请公开…), the purpose (用于…),
 * the delivery and medium asked for (请邮寄至…, 本人到局里领取), a fax
 * number given as the target -- and what stands without any label: ID and
 * mobile numbers and mail addresses by their shape, an organisation's name
 * before its code, a name or date alone on a line written with spaces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

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

/* Between 申请 and 公开 at most this many Chinese characters stand
 * (申请贵局依法公开: 4); further apart they are two clauses. */
#define REQUEST_VERB_GAP_HAN 8

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
	for (int k = 0; k < REQUEST_VERB_GAP_HAN && q < end; k++) {
		if (extract_text_has_prefix(q, end, "公开"))
			return q + strlen("公开");
		if (!extract_text_is_han(q, end))
			return NULL;
		q = extract_text_next_char(q, end);
	}
	return NULL;
}

const char *
extract_prose_sentence_end(const char *p, const char *end)
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

/* A lead-in before a colon is short (你们必须公开, 具体是: 6, 3); a colon
 * further on belongs to the description. */
#define LEAD_IN_MAX_HAN 12

/* 请你们把…公开一下, 请把…提供给我: at p an opener of lexicon ba_openers;
 * returns where the description starts and sets *stop_r where its verb
 * (ba_verbs) does in the sentence, or NULL when there is none. */
static const char *
ba_request_at(const char *p, const char *end, const char **stop_r)
{
	const char *w = extract_text_word_at(p, end, EXTRACT_LEXICON(ba_openers));
	const char *r, *se;

	if (w == NULL)
		return NULL;
	r = p + strlen(w);
	se = extract_prose_sentence_end(r, end);
	if (se == NULL)
		se = end;
	for (const char *c = r; c < se; c = extract_text_next_char(c, se))
		if (extract_text_word_at(c, se, EXTRACT_LEXICON(ba_verbs)) != NULL) {
			*stop_r = c;
			return c > r ? r : NULL;
		}
	return NULL;
}

/* 你们必须公开：…, 具体是：…: a short lead-in before a colon introduces the
 * description; it is not part of it.  Returns where the description starts. */
static const char *
skip_lead_in(const char *r, const char *stop)
{
	const char *q = r;

	for (int k = 0; k < LEAD_IN_MAX_HAN && q < stop; k++) {
		if (*q == ':')
			return q + 1;
		if (!extract_text_is_han(q, stop))
			return r;
		q = extract_text_next_char(q, stop);
	}
	return r;
}

/* The mailbox stands a few characters after the sending verb
 * (发到我的QQ邮箱: 4); further on, the clause is about something else. */
#define MAILBOX_REACH_CHARS 8

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
	for (int k = 0; k < MAILBOX_REACH_CHARS && q < end &&
	     extract_text_clause_end_len(q, end) == 0;
	     k++) {
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

const char *
extract_prose_mailing_above(const char *p, const char *end)
{
	for (const char *c = p; c < end; c = extract_text_next_char(c, end)) {
		const char *from, *to;

		if (extract_text_word_at(c, end, EXTRACT_LEXICON(address_above)) == NULL)
			continue;
		clause_around(c, p, end, &from, &to);
		if (clause_has_any(from, to, EXTRACT_LEXICON(instruction_sending)))
			return from;
	}
	return NULL;
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

char *
extract_prose_fax_target(const char *p, const char *end)
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

enum extract_delivery
extract_prose_sentence_delivery(const char *p, const char *end, bool labelled)
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
	size_t n;

	/* Tried for every phrase at every position of every line: most differ
	 * in their first byte, which is compared before the phrase is
	 * measured. */
	if (phrase[0] == '\0')
		return true;
	if (p >= end)
		return false;
	/* Bytes that differ in more than the ASCII case bit cannot be one
	 * letter in two cases: no call needed to know. */
	if (*p != phrase[0] &&
	    (((*p ^ phrase[0]) & ~0x20) != 0 ||
	     g_ascii_tolower(*p) != g_ascii_tolower(phrase[0])))
		return false;
	n = strlen(phrase);
	return (size_t)(end - p) >= n && g_ascii_strncasecmp(p, phrase, n) == 0;
}

/* The index of the entry of delivery_phrases at p, -1 if none: not before
 * 地址 (邮寄地址 is a label) or a colon. */
static int
delivery_phrase_at(const char *p, const char *end)
{
	for (size_t k = 0; k < extract_lexicon_delivery_phrases_n; k++) {
		const char *w = extract_lexicon_delivery_phrases[k].word, *a;

		if (!phrase_at(p, end, w))
			continue;
		a = p + strlen(w);
		if (!extract_text_has_prefix(a, end, "地址") && !(a < end && *a == ':'))
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
	if (extract_text_word_at(c, end, EXTRACT_LEXICON(instruction_asks)) == NULL)
		return false;
	for (const char *p = c; p < end; p = extract_text_next_char(p, end))
		if (extract_text_word_at(p, end,
					 EXTRACT_LEXICON(instruction_sending)) != NULL)
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
	if (!extract_text_has_prefix(p, end, "关于") || extract_prose_sentence_end(p, end) != NULL ||
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

void
extract_prose_request(struct view *v, struct found *f)
{
	static const char *const lead[] = { ",", "的" };

	for (size_t i = 0; i < v->n && f->request == NULL; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		if (v->consumed[i] || title_line(ln))
			continue;
		for (const char *p = ln->s; p < end; p = extract_text_next_char(p, end)) {
			const char *ba_stop = NULL;
			const char *r = request_verb_at(p, end, ln->s), *stop, *w;
			GArray *hits = extract_labels_hits_of(v, i);
			GString *acc;
			bool more;

			if (r == NULL)
				r = ba_request_at(p, end, &ba_stop);
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
			stop = extract_prose_sentence_end(r, end);
			more = stop == NULL;
			if (stop == NULL)
				stop = end;
			if (ba_stop != NULL) {
				stop = ba_stop;
				more = false;
			}
			if (extract_labels_spaced_line(ln->body, end))
				for (const char *c = r; c < stop; c = extract_text_next_char(c, stop))
					if (extract_labels_space_ends_clause(c, stop, true)) {
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
				    extract_labels_ends_prose_value(h)) {
					stop = h->start;
					more = false;
				}
			}
			acc = g_string_new(NULL);
			extract_labels_append_piece(acc, r, stop);
			/* A list below (现申请公开以下信息：), or a sentence wrapped
			 * by the mail client. */
			for (size_t j = i + 1; more && j < v->n && j < i + VALUE_MAX_LINES;
			     j++) {
				const struct line *nl = &v->lines[j];
				const char *nend = extract_labels_text_before_hit(v, j);
				const char *se;

				/* 申请公开如下信息：, a blank line, the description. */
				if (extract_labels_blank(nl) && acc->len == 0 && j == i + 1)
					continue;
				if (extract_labels_blank(nl) || extract_labels_starts_with_hit(v, j) ||
				    extract_closing_marker_line(nl) || extract_closing_date_line(v, nl) ||
				    extract_labels_signs_above_date(v, j))
					break;
				se = acc->len > 0 ? extract_prose_sentence_end(nl->s, nend) : NULL;
				extract_labels_append_piece(acc, nl->s, se != NULL ? se : nend);
				v->consumed[j] = true;
				more = se == NULL && nend == line_end(nl);
			}
			strip_courtesy(acc);
			g_free(f->request);
			f->request = extract_labels_finish_value(acc);
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

/* 用于 starts the purpose's clause, or nearly (主要用于, 此信息用于: 5
 * characters before it); deeper in a clause it is something else's use. */
#define PURPOSE_START_CHARS 5

/* 用于…: the purpose, when the clause starts with it. */
void
extract_prose_purpose(struct view *v, struct found *f)
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
			if (extract_text_has_prefix(p, end, "用于") && before <= PURPOSE_START_CHARS &&
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

/* A client's name in a sentence has at most four characters (a compound
 * surname and a two-character given name); longer is a description. */
#define CLIENT_NAME_MAX_CHARS 4

/* The client between p and q (a name, or "" when only a pronoun or a
 * kinship word stands there), or NULL when what stands there is not one. */
static char *
client_between(const char *p, const char *q)
{
	const char *w;
	char *name;
	bool kin = false;

	while ((w = extract_text_word_at(p, q, EXTRACT_LEXICON(client_kin))) != NULL) {
		p += strlen(w);
		kin |= !extract_labels_is_one_of(w, EXTRACT_LEXICON(client_self));
	}
	for (bool cut = true; cut;) {
		cut = false;
		for (size_t i = 0; i < extract_lexicon_client_honorifics_n; i++) {
			size_t n = strlen(extract_lexicon_client_honorifics[i]);

			if ((size_t)(q - p) >= n &&
			    memcmp(q - n, extract_lexicon_client_honorifics[i], n) == 0) {
				q -= n;
				cut = true;
			}
		}
	}
	if (p == q && kin)
		return g_strdup("");
	/* 我是受郭玥委托…: the phrase that names the client starts later. */
	for (size_t i = 0; i < extract_lexicon_client_phrases_n; i++)
		if (extract_text_has_prefix(p, q, extract_lexicon_client_phrases[i].open))
			return NULL;
	name = g_strndup(p, (gsize)(q - p));
	if (extract_labels_is_one_of(name, EXTRACT_LEXICON(client_pronouns))) {
		name[0] = '\0';
		return name;
	}
	if (!extract_labels_name_plausible(name) || extract_lexicon_org_name(name) ||
	    g_utf8_strlen(name, -1) > CLIENT_NAME_MAX_CHARS) {
		g_free(name);
		return NULL;
	}
	return name;
}

/* 受郭玥委托, 我替我父亲苏和申请: the writer is an agent, and the client
 * named there is the applicant, before any name the writer gave for
 * himself (本人…, 我是…), which becomes the agent's. */
void
extract_prose_client(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n && !f->for_client; i++) {
		const struct line *ln = &v->lines[i];
		const char *end = line_end(ln);

		for (const char *p = ln->s; p < end && !f->for_client;
		     p = extract_text_next_char(p, end))
			for (size_t k = 0; k < extract_lexicon_client_phrases_n; k++) {
				const char *a = p + strlen(extract_lexicon_client_phrases[k].open);
				const char *q = a, *lim = a;
				char *client;

				if (!extract_text_has_prefix(p, end, extract_lexicon_client_phrases[k].open) ||
				    extract_text_word_at(p, end, EXTRACT_LEXICON(not_for_client)) != NULL)
					continue;
				for (int c = 0; c <= CLIENT_REACH_CHARS && lim < end; c++)
					lim = extract_text_next_char(lim, end);
				while (q < lim && !extract_text_has_prefix(q, end, extract_lexicon_client_phrases[k].close))
					q = extract_text_next_char(q, end);
				if (q >= lim || (client = client_between(a, q)) == NULL)
					continue;
				f->for_client = true;
				if (*client != '\0') {
					extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
						"prose-client", extract_lexicon_client_phrases[k].open, ln);
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
bool
extract_prose_line_names(const char *line, size_t len, const char *name)
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

	if (f->agent_line == SIZE_MAX || extract_prose_line_names(pp->line, pp->len, f->name))
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (v->lines[i].no == pp->line_no)
			pl = i;
	if (pl == SIZE_MAX || pl <= f->agent_line)
		return false;
	for (size_t i = f->agent_line + 1; i < pl; i++)
		if (extract_labels_blank(&v->lines[i]) ||
		    extract_prose_line_names(v->lines[i].s, v->lines[i].len, f->name))
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
	    extract_prose_line_names(pp->line, pp->len, f->name))
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

void
extract_prose_agent_phone(const struct view *v, struct found *f)
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

bool
extract_prose_negated(const char *p, const char *start)
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
void
extract_prose_delivery(struct view *v, struct found *f)
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

			if (extract_prose_negated(p, ln->s))
				continue;
			d = extract_prose_sentence_delivery(p, end, labelled);
			if (!labelled && (fax = extract_prose_fax_target(p, end)) != NULL) {
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose-fax-target", NULL, ln);
				extract_assemble_keep(f, EXTRACT_FIELD_FAX, &f->fax, fax);
				extract_assemble_reading(f, EXTRACT_SRC_PROSE, EXTRACT_CONF_HIGH,
					"prose-delivery", NULL, ln);
				d = EXTRACT_DELIVERY_FAX;
			}
			if (!d_done && d != EXTRACT_DELIVERY_UNKNOWN) {
				extract_assemble_set_choice(f, d, EXTRACT_MEDIUM_UNKNOWN,
					   CHOICE_PROSE, CHOICE_NONE);
				d_done = true;
			}
			k = labelled ? -1 : delivery_phrase_at(p, end);
			if (k < 0 || phrase_about_other((size_t)k, p, ln->s, end))
				continue;
			ph = &extract_lexicon_delivery_phrases[k];
			if (!d_done && ph->delivery != EXTRACT_DELIVERY_UNKNOWN) {
				extract_assemble_set_choice(f, ph->delivery, ph->medium,
					   CHOICE_PROSE, CHOICE_PROSE);
				d_done = true;
			}
			if (!m_done && ph->medium != EXTRACT_MEDIUM_UNKNOWN) {
				extract_assemble_set_choice(f, EXTRACT_DELIVERY_UNKNOWN, ph->medium,
					   CHOICE_NONE, CHOICE_PROSE);
				m_done = true;
			}
		}
	}
}

/* Ticked boxes with no label we know (☑邮寄 on a line of its own). */
void
extract_prose_ticked_lines(struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];

		if (!extract_labels_has_mark(ln->s, line_end(ln), true))
			continue;
		extract_assemble_reading(f, EXTRACT_SRC_PATTERN, EXTRACT_CONF_HIGH,
			"ticked-option", NULL, ln);
		extract_labels_parse_choices(ln->s, line_end(ln), true, CHOICE_PROSE,
			      CHOICE_PROSE, f);
	}
}

/* A resident ID or a credit code has 18 characters (GB 11643, GB 32100). */
#define ID_SHAPE_LEN 18

/* Identity numbers, mobile numbers and mail addresses written without a
 * label we know; only shapes that cannot be anything else count. */
void
extract_prose_read_shapes(const struct view *v, struct found *f,
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
			if (f->id_number == NULL && e - p == ID_SHAPE_LEN) {
				char buf[ID_SHAPE_LEN + 1];

				for (int k = 0; k < ID_SHAPE_LEN; k++)
					buf[k] = g_ascii_toupper(p[k]);
				buf[ID_SHAPE_LEN] = '\0';
				extract_assemble_reading(f, EXTRACT_SRC_PATTERN,
					EXTRACT_CONF_HIGH, "id-shape", NULL, ln);
				if (extract_resident_id_valid(buf) ||
				    extract_uscc_well_formed(buf))
					extract_labels_store_id(f, NULL, buf);
			}
			if (f->phone == NULL && extract_validate_is_mobile(p, (size_t)(e - p)) &&
			    strspn(p, "0123456789") >= MOBILE_DIGITS) {
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
			    mail[0] != '@' && !extract_assemble_has_own_address(lower, ctx))
				extract_assemble_keep(f, EXTRACT_FIELD_EMAIL, &f->email, mail);
			else
				g_free(mail);
			g_free(lower);
			g_free(s);
		}
	}
}

/* An organisation's name before its code is read back at most this many
 * characters (the longest names of companies and associations). */
#define ORG_NAME_MAX_CHARS 40

/* 某某有限公司（统一社会信用代码：…）: the organisation's name before its
 * code in a letter. */
void
extract_prose_org_before_code(const struct view *v, struct found *f)
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
			for (int n = 0; b > s && n < ORG_NAME_MAX_CHARS; n++) {
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

/* A date standing alone among spaced words is written in digits
 * (2026.10.8, 2026-10-08: 10 bytes); a longer word is something else. */
#define SPACED_DATE_MAX_BYTES 16

/* A line written with spaces for punctuation (申请公开…文件 赵志刚 139…
 * 2026.10.8): a word standing alone that is a person's name is the
 * applicant's, one that is a date the application's, when nothing else
 * gave them. */
void
extract_prose_spaced_words(const struct view *v, struct found *f)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct line *ln = &v->lines[i];
		char *s, **words;

		if (!extract_labels_spaced_line(ln->body, line_end(ln)))
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
				   strlen(*w) <= SPACED_DATE_MAX_BYTES &&
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
