/* The closing block of a letter (closing.c): who signed it and when.  Three
 * rules read it, in order of trust: a closing marker (此致 敬礼, Yours
 * sincerely) and the lines after it, a 申请人 label late in the text next to
 * a date, and a plain name or seal above or beside a date on the last lines.
 * A date field's value wins over all three. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

bool
extract_closing_marker_line(const struct line *ln)
{
	const char *end = ln->s + ln->len;

	for (size_t i = 0; i < extract_lexicon_closing_markers_n; i++)
		if (extract_text_has_prefix(ln->body, end, extract_lexicon_closing_markers[i]))
			return true;
	return false;
}

/* A date line's length at most: a label, a signer's name and a date
 * (申请人签名：欧阳某某  2026年11月20日 is 47 bytes). */
#define DATE_LINE_MAX 48

/* The date of a line that is a date and little else (no sentence), with
 * or without a year: the date of a letter.  t is trimmed. */
static int
short_line_date(const struct view *v, const char *t, char out[11])
{
	int rc;

	if (strlen(t) > DATE_LINE_MAX || strstr(t, "。") != NULL)
		return 0;
	/* A comma in a sentence, not in November 18, 2026. */
	for (const char *c = strchr(t, ','); c != NULL; c = strchr(c + 1, ','))
		if (!extract_text_is_digit(c[c[1] == ' ' ? 2 : 1]))
			return 0;
	rc = extract_date_find(t, out);
	return rc != 0 ? rc : extract_date_find_month_day(t, v->receipt, out);
}

bool
extract_closing_date_line(const struct view *v, const struct line *ln)
{
	char *s = g_strndup(ln->s, ln->len), d[11];
	bool yes = short_line_date(v, g_strstrip(s), d) != 0;

	g_free(s);
	return yes;
}

/* --- the closing block: signature and date of a letter ------------------- */

static bool
only_date_words(const char *t)
{
	static const char *const parts[] = { "年", "月", "日", " " };
	const char *end = t + strlen(t);

	for (const char *p = t; p < end;) {
		const char *w = extract_text_word_at(p, end, parts, G_N_ELEMENTS(parts));

		if (w == NULL)
			return false;
		p += strlen(w);
	}
	return true;
}

static bool
addressee_like(const char *t)
{
	for (size_t i = 0; i < extract_lexicon_addressee_ends_n; i++) {
		const char *e = extract_lexicon_addressee_ends[i];
		size_t n = strlen(t), m = strlen(e);

		if (n >= m && strcmp(t + n - m, e) == 0)
			return true;
	}
	return false;
}

bool
extract_closing_is_label_word(const char *t)
{
	const char *end = t + strlen(t), *lend = NULL;

	return extract_lexicon_label_at(t, end, &lend) != NULL && lend == end;
}

/* A signer whose surname also starts sentences (于海涛, 向明) is taken only
 * with a short name: a surname and a given name of one or two characters. */
#define SURNAME_SIGNER_MAX_HAN 3

/* A signer's name: as name_plausible(), but a name of two or three
 * characters may start with a surname that also starts sentences. */
bool
extract_closing_signer_plausible(const char *t)
{
	const char *end = t + strlen(t);
	size_t han = 0;

	if (extract_labels_name_plausible(t))
		return true;
	if (extract_text_word_at(t, end, EXTRACT_LEXICON(surname_words)) == NULL)
		return false;
	for (const char *p = t; p < end; p = extract_text_next_char(p, end)) {
		if (!extract_text_is_han(p, end))
			return false;
		han++;
	}
	return han >= 2 && han <= SURNAME_SIGNER_MAX_HAN;
}

/* A signer is at most an organisation's name (20 characters, 60 bytes);
 * a longer word of a closing block is a sentence. */
#define SIGNER_MAX_BYTES 60

/* The signer among the words of a closing block: not a closing word, a
 * label, a date or a number; an addressee (此致 某某局) is passed over. */
static char *
closing_name(const char *p, const char *end)
{
	static const char *const seps[] = {
		" ", "\t", "\n", "!", ",", "。", ":", ";",
	};
	char *found = NULL;

	while (p < end && found == NULL) {
		const char *e = p, *w;
		char *tok, d[11];

		while (e < end && extract_text_word_at(e, end, seps, G_N_ELEMENTS(seps)) == NULL)
			e = extract_text_next_char(e, end);
		tok = g_strndup(p, (gsize)(e - p));
		w = e < end ? extract_text_word_at(e, end, seps, G_N_ELEMENTS(seps)) : NULL;
		p = w != NULL ? e + strlen(w) : end;
		extract_labels_strip_seal(tok);
		if (tok[0] == '\0' || extract_labels_count_digits(tok) > 0 ||
		    extract_date_find(tok, d) != 0 || only_date_words(tok) ||
		    extract_labels_is_one_of(tok, EXTRACT_LEXICON(closing_noise)) ||
		    extract_closing_is_label_word(tok) ||
		    addressee_like(tok) || strlen(tok) > SIGNER_MAX_BYTES ||
		    !extract_closing_signer_plausible(tok)) {
			g_free(tok);
			continue;
		}
		found = tok;
		/* A Latin name is several words. */
		while (g_ascii_isalpha(found[0]) && p < end && g_ascii_isalpha(*p)) {
			const char *ne = p;
			char *joined;

			while (ne < end && g_ascii_isalpha(*ne))
				ne++;
			joined = g_strdup_printf("%s %.*s", found, (int)(ne - p), p);
			g_free(found);
			found = joined;
			p = ne;
			while (p < end && *p == ' ')
				p++;
		}
	}
	return found;
}

/* Indices of the last n non-blank lines, oldest first; returns how many. */
static size_t
last_lines(const struct view *v, size_t *out, size_t n)
{
	size_t k = 0;

	for (size_t i = v->n; i > 0 && k < n; i--)
		if (!extract_labels_blank(&v->lines[i - 1]))
			out[k++] = i - 1;
	for (size_t a = 0, b = k; b > a + 1; a++, b--) {
		size_t t = out[a];

		out[a] = out[b - 1];
		out[b - 1] = t;
	}
	return k;
}

static bool
closing_field(enum extract_lexicon_field f)
{
	return f == FLD_APPLICANT || f == FLD_SIGNATURE || f == FLD_DATE ||
	       f == FLD_NAME || f == FLD_ORG_NAME;
}

bool
extract_closing_signed_already(const struct found *f)
{
	return f->sig_field || f->sig_present;
}

/* A signature read by the closing rule f->at; name NULL for a seal mark
 * with no text. */
static void
sign(struct found *f, char *name)
{
	f->sig_present = true;
	if (f->sig_text == NULL)
		extract_assemble_noted(f, EXTRACT_FIELD_SIGNATURE);
	extract_assemble_keep(f, EXTRACT_FIELD_SIGNATURE, &f->sig_text, name);
}

/* 出生 follows a birth date within its clause: the longest date written
 * (1979年12月31日, 17 bytes) and a space or two. */
#define BIRTH_WORD_REACH_BYTES 32

/* 1979年3月2日出生, 出生于1979年3月2日: a birth date told about the
 * applicant (a lawyer's 申请人 line), not the date of the application.
 * start is where the date begins in s. */
static bool
birth_date_at(const char *s, const char *start)
{
	const char *end = start + strlen(start);

	for (size_t i = 0; i < extract_lexicon_birth_before_n; i++) {
		const char *w = extract_lexicon_birth_before[i];
		size_t n = strlen(w);

		if ((size_t)(start - s) >= n && memcmp(start - n, w, n) == 0)
			return true;
	}
	for (const char *c = start; c < end && c - start < BIRTH_WORD_REACH_BYTES;
	     c = extract_text_next_char(c, end)) {
		if (extract_text_has_prefix(c, end, "出生") || extract_text_has_prefix(c, end, "生人"))
			return true;
		if (extract_text_clause_end_len(c, end) > 0 || extract_text_is_space(*c))
			break;
	}
	return false;
}

/* Finding where a date starts rescans the line for every character: a
 * letter's closing line is far shorter; a longer line is read as it is. */
#define LINE_DATE_RESCAN_MAX 512

/* The first date in s that is not a birth date.  Finding where a date
 * starts rescans the line, so long lines (not a letter's closing) are read
 * as they are. */
static int
line_date(const char *s, char out[11])
{
	const char *p = s;
	int rc;

	if (strlen(s) > LINE_DATE_RESCAN_MAX)
		return extract_date_find(s, out);
	while ((rc = extract_date_find(p, out)) != 0) {
		const char *q = p, *next;
		char again[11];

		/* Where the date starts: the last position it is still found
		 * from. */
		while (*q != '\0' &&
		       extract_date_find(next = extract_text_next_char(q, q + strlen(q)),
					 again) == rc &&
		       strcmp(again, out) == 0)
			q = next;
		if (!birth_date_at(s, q))
			return rc;
		p = extract_text_next_char(q, q + strlen(q));
	}
	return 0;
}

/* The first date on lines from..to; *line_r: the line it is on. */
static int
date_of_lines(const struct view *v, size_t from, size_t to, char out[11],
	      size_t *line_r)
{
	for (size_t i = from; i <= to && i < v->n; i++) {
		char *s = g_strndup(v->lines[i].s, v->lines[i].len);
		int rc = line_date(s, out);

		if (rc == 0)
			rc = short_line_date(v, g_strstrip(s), out);

		g_free(s);
		if (rc != 0) {
			*line_r = i;
			return rc;
		}
	}
	return 0;
}

/* The line among n of lines[] whose text (pieces[k]) holds needle, or
 * lines[0]. */
static size_t
line_holding(char **pieces, const size_t *lines, size_t n, const char *needle)
{
	for (size_t k = 0; k < n && pieces[k] != NULL; k++)
		if (strstr(pieces[k], needle) != NULL)
			return lines[k];
	return lines[0];
}

/* How many lines after 此致 敬礼 the signer and the date may take: a name,
 * an organisation, its seal, a date and one line to spare. */
#define CLOSING_REGION_LINES 5

/* 此致 敬礼 then the signer and the date.  Leaves the date's provenance in
 * f->at. */
static int
closing_marker(const struct view *v, struct found *f, char date[11])
{
	const char *pos = NULL;
	size_t m = 0, lines = 0, idx[CLOSING_REGION_LINES + 1];
	GString *region;
	char **pieces;
	int rc;

	for (size_t i = v->n; i > 0 && pos == NULL; i--) {
		const struct line *ln = &v->lines[i - 1];

		for (size_t k = 0; k < extract_lexicon_closing_markers_n; k++) {
			const char *at = ln->s, *hit;

			while ((hit = extract_text_find_in(at, line_end(ln),
					      extract_lexicon_closing_markers[k])) != NULL) {
				at = hit + strlen(extract_lexicon_closing_markers[k]);
				if (pos == NULL || at > pos)
					pos = at;
			}
		}
		m = i - 1;
	}
	if (pos == NULL)
		return 0;
	region = g_string_new_len(pos, line_end(&v->lines[m]) - pos);
	idx[0] = m;
	for (size_t j = m + 1; j < v->n && lines < CLOSING_REGION_LINES; j++) {
		GArray *hits = extract_labels_hits_of(v, j);

		if (extract_labels_blank(&v->lines[j]))
			continue;
		if (hits->len > 0 &&
		    !closing_field(g_array_index(hits, struct hit, 0).field))
			break;
		g_string_append_c(region, '\n');
		g_string_append_len(region, v->lines[j].s, v->lines[j].len);
		idx[++lines] = j;
	}
	pieces = g_strsplit(region->str, "\n", -1);
	if (!extract_closing_signed_already(f)) {
		char *name = closing_name(region->str, region->str + region->len);

		if (name != NULL) {
			extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
				"closing-marker", NULL,
				&v->lines[line_holding(pieces, idx, lines + 1, name)]);
			sign(f, name);
		}
	}
	rc = extract_date_find(region->str, date);
	if (rc == 0)
		rc = extract_date_find_month_day(region->str, v->receipt, date);
	for (size_t k = 0; rc != 0 && k <= lines; k++) {
		char d[11];

		if (extract_date_find(pieces[k], d) != 0 ||
		    extract_date_find_month_day(pieces[k], v->receipt, d) != 0) {
			extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
				"closing-date", NULL, &v->lines[idx[k]]);
			break;
		}
	}
	g_strfreev(pieces);
	g_string_free(region, TRUE);
	return rc;
}

/* 申请人 signs when it stands among the last CLOSING_APPLICANT_LINES
 * non-blank lines (name, date, a seal line, two to spare) with a date
 * within APPLICANT_DATE_REACH lines of it, or among the last
 * CLOSING_NEAR_END_LINES without one. */
#define CLOSING_APPLICANT_LINES 5
#define CLOSING_NEAR_END_LINES 3
#define APPLICANT_DATE_REACH 2

/* 申请人：张三 after the request and next to the date. */
static int
closing_applicant(const struct view *v, struct found *f, char date[11])
{
	size_t last[CLOSING_APPLICANT_LINES];
	size_t n = last_lines(v, last, CLOSING_APPLICANT_LINES);

	for (guint k = f->applicants->len; k > 0 && n > 0; k--) {
		const struct applicant_hit *a =
			&g_array_index(f->applicants, struct applicant_hit, k - 1);
		size_t from = a->line >= APPLICANT_DATE_REACH ?
			      a->line - APPLICANT_DATE_REACH : 0;
		bool late = f->request_line != SIZE_MAX ? a->line > f->request_line :
							   a->line >= last[0];
		bool near_end = n < CLOSING_NEAR_END_LINES ||
				a->line >= last[n - CLOSING_NEAR_END_LINES];
		size_t dl = a->line;
		int rc = date_of_lines(v, from, a->line + APPLICANT_DATE_REACH,
				       date, &dl);

		if (late && (rc != 0 || near_end)) {
			extract_assemble_reading(f, EXTRACT_SRC_LABEL, EXTRACT_CONF_HIGH,
				"closing-applicant", NULL, &v->lines[a->line]);
			if (!extract_closing_signed_already(f))
				sign(f, g_strdup(a->value));
			extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
				"closing-date", NULL, &v->lines[dl]);
			return rc;
		}
	}
	return 0;
}

/* A plain closing is read on the last CLOSING_PLAIN_LINES non-blank lines
 * (a name, an organisation, its seal, a date, two to spare); a signer's
 * line beside the date is short (CLOSING_NAME_LINE_MAX bytes: a name and a
 * date with spaces), a longer one is a sentence. */
#define CLOSING_PLAIN_LINES 6
#define CLOSING_NAME_LINE_MAX 60

/* A letter ending "某某公司（盖章）" or "张三 / 2026年11月20日" with no
 * closing words. */
static int
closing_plain(const struct view *v, struct found *f, char date[11])
{
	size_t last[CLOSING_PLAIN_LINES], dl = 0;
	size_t n = last_lines(v, last, CLOSING_PLAIN_LINES);
	int rc = 0;

	for (size_t k = 0; k < n; k++) {
		const struct line *ln = &v->lines[last[k]];
		char *s;

		if (extract_labels_hits_of(v, last[k])->len > 0)
			continue;
		s = extract_labels_clean_value(ln->s, line_end(ln));
		if (s != NULL && !extract_closing_signed_already(f) && extract_labels_strip_seal(s)) {
			char *name = extract_labels_signature_value(g_strdup(s));

			extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
				"closing-seal", NULL, ln);
			if (name != NULL)
				sign(f, name);
		}
		if (extract_closing_date_line(v, ln)) {
			size_t lo = k > 0 ? k - 1 : k, hi = k + 1 < n ? k + 1 : k;

			rc = date_of_lines(v, last[k], last[k], date, &dl);
			for (size_t c = lo; c <= hi && !extract_closing_signed_already(f); c++) {
				const struct line *cl = &v->lines[last[c]];
				char *name;

				if (extract_labels_hits_of(v, last[c])->len > 0 ||
				    cl->len > CLOSING_NAME_LINE_MAX)
					continue;
				name = closing_name(cl->s, line_end(cl));
				extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
					"closing-name", NULL, cl);
				if (name != NULL)
					sign(f, name);
			}
		}
		g_free(s);
	}
	if (rc != 0)
		extract_assemble_reading(f, EXTRACT_SRC_CLOSING, EXTRACT_CONF_HIGH,
			"closing-date", NULL, &v->lines[dl]);
	return rc;
}

/* 申请日期：2026年11月: a date field holding a year and a month is a date
 * written, but not a calendar date.  Writes "YYYY-MM" to out and returns
 * true when text has that shape (digits folded to ASCII). */
static bool
year_month(const char *text, char out[11])
{
	for (const char *p = text; *p != '\0'; p++) {
		const char *q = p;
		int m = 0, nd = 0;

		if ((p > text && extract_text_is_digit(p[-1])) || !extract_text_is_digit(p[0]) ||
		    !extract_text_is_digit(p[1]) || !extract_text_is_digit(p[2]) || !extract_text_is_digit(p[3]))
			continue;
		q += 4;
		if (g_str_has_prefix(q, "年"))
			q += strlen("年");
		else if (*q == '-' || *q == '.' || *q == '/')
			q++;
		else
			continue;
		for (; extract_text_is_digit(*q) && nd < 3; q++, nd++)
			m = m * 10 + (*q - '0');
		if (nd == 0 || nd > 2 || m < 1 || m > 12)
			continue;
		if (g_str_has_prefix(q, "月"))
			q += strlen("月");
		if (extract_text_is_digit(*q))
			continue;
		memcpy(out, p, 4);
		g_snprintf(out + 4, 7, "-%02d", m);
		return true;
	}
	return false;
}

/* The signer as the applicant's name: sure when a label said the line is
 * the applicant's signature or a seal mark stands after the name, a guess
 * from a closing line alone. */
static void
name_from_signature(struct found *f)
{
	const struct prov *sp = &f->prov[EXTRACT_FIELD_SIGNATURE];
	bool labelled = sp->src == EXTRACT_SRC_LABEL ||
			(sp->rule != NULL && strcmp(sp->rule, "closing-seal") == 0);

	if (f->sig_text == NULL)
		return;
	f->at = f->prov[EXTRACT_FIELD_SIGNATURE];
	f->at.rule = labelled ? "signature-label" : "closing-signature";
	f->at.word = NULL;
	f->at.conf = labelled ? f->at.conf : EXTRACT_CONF_LOW;
	extract_assemble_set_name(f, g_strdup(f->sig_text), RANK_SIGNATURE);
}

void
extract_closing_read(const struct view *v, struct found *f)
{
	struct {
		char date[11];
		int rc;
		struct prov at;
	} closing[3];
	int (*const rules[3])(const struct view *, struct found *, char[11]) = {
		closing_marker, closing_applicant, closing_plain,
	};

	for (size_t k = 0; k < G_N_ELEMENTS(rules); k++) {
		closing[k].date[0] = '\0';
		closing[k].rc = rules[k](v, f, closing[k].date);
		closing[k].at = f->at;
	}
	if (f->date_text != NULL) {
		f->date_rc = extract_date_find(f->date_text, f->date);
		if (f->date_rc == 0)
			f->date_rc = extract_date_find_month_day(f->date_text,
								 v->receipt,
								 f->date);
		if (f->date_rc == 0 && year_month(f->date_text, f->date))
			f->date_rc = -1;
	}
	for (size_t k = 0; k < G_N_ELEMENTS(rules) && f->date_rc == 0; k++)
		if (closing[k].rc != 0) {
			f->date_rc = closing[k].rc;
			memcpy(f->date, closing[k].date, sizeof(f->date));
			f->at = closing[k].at;
			extract_assemble_noted(f, EXTRACT_FIELD_DATE);
		}
	name_from_signature(f);
}
