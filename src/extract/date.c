/* Application dates as people write them.  A date needs its separators
 * (年月日, the same one of - / . twice, or an English month's name): a bare
 * run like 20261120 is part of an ID or phone number far more often than a
 * date. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

typedef const unsigned char *cursor;

#define MONTHS_IN_YEAR 12
/* Years an application can bear: none was written before 1900, and a
 * four-digit number past 2099 is a number, not a year. */
#define FIRST_YEAR 1900
#define LAST_YEAR 2099

/* An ASCII or full-width digit at p: its value, *next after it; -1 if
 * none. */
static int
arabic_digit(cursor p, cursor *next)
{
	if (*p >= '0' && *p <= '9') {
		*next = p + 1;
		return *p - '0';
	}
	if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
		*next = p + 3;
		return p[2] - 0x90;
	}
	return -1;
}

/* Between min and max digits, not followed by another digit. */
static cursor
arabic_number(cursor p, int min, int max, int *val)
{
	cursor next;
	int n = 0, d;

	*val = 0;
	while ((d = arabic_digit(p, &next)) >= 0) {
		if (++n > max)
			return NULL;
		*val = *val * 10 + d;
		p = next;
	}
	return n >= min ? p : NULL;
}

static const struct {
	const char *s;
	int value;
} cn_digits[] = {
	{ "〇", 0 }, { "○", 0 }, { "零", 0 }, { "O", 0 }, { "o", 0 },
	{ "Ｏ", 0 }, { "０", 0 },
	{ "一", 1 }, { "二", 2 }, { "三", 3 }, { "四", 4 }, { "五", 5 },
	{ "六", 6 }, { "七", 7 }, { "八", 8 }, { "九", 9 },
};

static cursor
literal(cursor p, const char *s)
{
	size_t n;

	/* Tried for every digit and date word at every character: most
	 * differ in their first byte, compared before s is measured. */
	if (s[0] == '\0')
		return p;
	if (*p != (unsigned char)s[0])
		return NULL;
	n = strlen(s);
	return strncmp((const char *)p, s, n) == 0 ? p + n : NULL;
}

static int
cn_digit(cursor p, cursor *next)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cn_digits); i++) {
		cursor q = literal(p, cn_digits[i].s);

		if (q != NULL) {
			*next = q;
			return cn_digits[i].value;
		}
	}
	return -1;
}

/* 一 .. 九, 十, 十一 .. 十九, 二十 .. 九十九: months and days. */
static cursor
cn_number(cursor p, int *val)
{
	cursor next, q;
	int tens = 0, unit;

	unit = cn_digit(p, &next);
	if (unit == 0)
		return NULL;
	if (unit > 0)
		p = next;
	if ((q = literal(p, "十")) != NULL) {
		tens = unit > 0 ? unit : 1;
		p = q;
		unit = cn_digit(p, &next);
		if (unit > 0)
			p = next;
		else
			unit = 0;
	} else if (unit < 0) {
		return NULL;
	}
	*val = tens * 10 + unit;
	return p;
}

static cursor
cn_year(cursor p, int *val)
{
	cursor next;
	int d;

	*val = 0;
	for (int i = 0; i < 4; i++) {
		if ((d = cn_digit(p, &next)) < 0)
			return NULL;
		*val = *val * 10 + d;
		p = next;
	}
	return p;
}

static cursor
skip_spaces(cursor p)
{
	for (;;) {
		cursor q;

		if (*p == ' ' || *p == '\t')
			p++;
		else if ((q = literal(p, "\u3000")) != NULL ||
			 (q = literal(p, "\u00a0")) != NULL)
			p = q;
		else
			return p;
	}
}

static cursor
month_or_day(cursor p, bool allow_cn, int *val)
{
	cursor q = arabic_number(p, 1, 2, val);

	if (q == NULL && allow_cn)
		q = cn_number(p, val);
	return q;
}

/* 2026年11月20日, with spaces allowed around the parts and 号 for 日. */
static bool
match_ymd_words(cursor p, int *m, int *d)
{
	if ((p = literal(skip_spaces(p), "年")) == NULL)
		return false;
	if ((p = month_or_day(skip_spaces(p), true, m)) == NULL)
		return false;
	if ((p = literal(skip_spaces(p), "月")) == NULL)
		return false;
	if ((p = month_or_day(skip_spaces(p), true, d)) == NULL)
		return false;
	return true;
}

static const char *const seps[] = { "-", "/", ".", "－", "／", "．" };

/* 2026-11-20, 2026/11/20, 2026.11.20 (also full-width): the same
 * separator twice, and not the start of a longer dotted or dashed run such
 * as a version or IP number. */
static bool
match_ymd_separated(cursor p, int *m, int *d)
{
	for (size_t i = 0; i < G_N_ELEMENTS(seps); i++) {
		cursor q = literal(p, seps[i]), next;

		if (q == NULL)
			continue;
		if ((q = arabic_number(q, 1, 2, m)) == NULL)
			return false;
		if ((q = literal(q, seps[i])) == NULL)
			return false;
		if ((q = arabic_number(q, 1, 2, d)) == NULL)
			return false;
		if ((q = literal(q, seps[i])) != NULL && arabic_digit(q, &next) >= 0)
			return false;
		return true;
	}
	return false;
}


/* 18/11/2026, 18.11.2026, 11-18-2026: day and month in either order,
 * as Europeans and Americans write them.  Returns 1 when the numbers say
 * which is which (one is over 12, or both are the same), -1 when neither
 * reading is a month, EXTRACT_DATE_AMBIGUOUS when both are (*d, *m then
 * hold the day-first reading), 0 when p is not such a date. */
static int
match_dmy(cursor p, int *y, int *m, int *d)
{
	for (size_t i = 0; i < G_N_ELEMENTS(seps); i++) {
		cursor q, next;
		int a, b;

		if ((q = arabic_number(p, 1, 2, &a)) == NULL ||
		    (q = literal(q, seps[i])) == NULL)
			continue;
		if ((q = arabic_number(q, 1, 2, &b)) == NULL ||
		    (q = literal(q, seps[i])) == NULL ||
		    (q = arabic_number(q, 4, 4, y)) == NULL)
			return 0;
		if ((q = literal(q, seps[i])) != NULL && arabic_digit(q, &next) >= 0)
			return 0;
		*d = a > MONTHS_IN_YEAR ? a : b > MONTHS_IN_YEAR ? b : a;
		*m = *d == a ? b : a;
		if (a > MONTHS_IN_YEAR && b > MONTHS_IN_YEAR)
			return -1;
		return a == b || a > MONTHS_IN_YEAR || b > MONTHS_IN_YEAR ?
			       1 : EXTRACT_DATE_AMBIGUOUS;
	}
	return 0;
}

/* --- English dates ------------------------------------------------------ */

static const char *const en_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};
/* How much of a month's name is enough: Nov, Sept (and Sep). */
#define EN_MONTH_ABBREV 3

/* A month's name at p, whole or cut short with an optional dot (Nov.,
 * Sept.), not followed by a letter: 1..12 and *next after it, 0 if none. */
static int
en_month(cursor p, cursor *next)
{
	const char *s = (const char *)p;

	for (int m = 0; m < MONTHS_IN_YEAR; m++) {
		size_t full = strlen(en_months[m]), n = 0;

		while (n < full && g_ascii_tolower(s[n]) == en_months[m][n])
			n++;
		if (n < EN_MONTH_ABBREV || g_ascii_isalpha(s[n]))
			continue;
		if (n < full && s[n] == '.')
			n++;
		*next = p + n;
		return m + 1;
	}
	return 0;
}

/* A day of the month: one or two digits and an ordinal's letters (1st,
 * 22nd, 18th). */
static cursor
en_day(cursor p, int *d)
{
	static const char *const ordinals[] = { "st", "nd", "rd", "th" };
	cursor q = arabic_number(p, 1, 2, d);

	if (q == NULL)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(ordinals); i++)
		if (g_ascii_strncasecmp((const char *)q, ordinals[i], 2) == 0 &&
		    !g_ascii_isalpha(q[2]))
			return q + 2;
	return g_ascii_isalpha(*q) ? NULL : q;
}

/* Spaces, and a comma, hyphen or "of" between the parts of a date. */
static cursor
en_gap(cursor p)
{
	p = skip_spaces(p);
	if (*p == ',' || *p == '-')
		p = skip_spaces(p + 1);
	else if (g_ascii_strncasecmp((const char *)p, "of ", 3) == 0)
		p = skip_spaces(p + 3);
	return p;
}

static cursor
en_year(cursor p, int *y)
{
	cursor next;

	p = arabic_number(p, 4, 4, y);
	return p != NULL && arabic_digit(p, &next) < 0 ? p : NULL;
}

/* 18 November 2026, 18th of Nov. 2026, 18-Nov-2026 (day first) or
 * November 18, 2026, Nov. 18th 2026 (month first). */
static bool
match_english(cursor p, int *y, int *m, int *d)
{
	cursor q;

	if ((*m = en_month(p, &q)) != 0)
		return (q = en_day(en_gap(q), d)) != NULL &&
		       en_year(en_gap(q), y) != NULL;
	if ((q = en_day(p, d)) == NULL || (*m = en_month(en_gap(q), &q)) == 0)
		return false;
	return en_year(en_gap(q), y) != NULL;
}

static void
put_digits(char *out, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Writes y-m-d to out; 1 for a calendar date, -1 for none. */
static int
put_date(int y, int m, int d, char out[11])
{
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
	/* Months and days are at most two digits, years four: GDate's
	 * narrower types hold them. */
	return g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y) ? 1 : -1;
}

static bool
year_plausible(int y)
{
	return y >= FIRST_YEAR && y <= LAST_YEAR;
}

/* Tries a date starting at p; the caller has checked that p does not
 * continue a number or a word.  Returns as extract_date_find(). */
static int
date_at(cursor p, char out[11])
{
	cursor q;
	int y, m = 0, d = 0, rc;
	bool cn = false;

	if (match_english(p, &y, &m, &d))
		return year_plausible(y) ? put_date(y, m, d, out) : 0;
	if ((rc = match_dmy(p, &y, &m, &d)) != 0) {
		if (!year_plausible(y))
			return 0;
		return put_date(y, m, d, out) == 1 ? rc : -1;
	}
	if ((q = arabic_number(p, 4, 4, &y)) == NULL) {
		if ((q = cn_year(p, &y)) == NULL)
			return 0;
		cn = true;
	}
	if (!year_plausible(y))
		return 0;
	if (!match_ymd_words(q, &m, &d) &&
	    (cn || !match_ymd_separated(q, &m, &d)))
		return 0;
	return put_date(y, m, d, out);
}

/* A date does not start inside a number or a Latin word (a Latin O
 * before it is a word, not a numeral). */
static bool
continues_number(cursor prev)
{
	cursor next;

	return prev != NULL &&
	       (arabic_digit(prev, &next) >= 0 || g_ascii_isalpha(*prev) ||
		(*prev >= 0x80 && cn_digit(prev, &next) >= 0));
}

int
extract_date_find(const char *text, char out[11])
{
	cursor p = (cursor)text, prev = NULL;

	out[0] = '\0';
	if (text == NULL)
		return 0;
	while (*p != '\0') {
		if (!continues_number(prev)) {
			int rc = date_at(p, out);

			if (rc != 0)
				return rc;
			out[0] = '\0';
		}
		prev = p;
		/* Next character: skip UTF-8 continuation bytes. */
		do
			p++;
		while ((*p & 0xC0) == 0x80);
	}
	return 0;
}

/* Time zones run at most this many days ahead of the receipt's date as
 * the caller gives it (UTC+14 against a date in UTC): a letter dated up to
 * that far after receipt was written in the year of receipt. */
#define RECEIPT_ZONE_SLACK_DAYS 1

/* 11月20日, 11月20号, 十一月五日 with no year before it: month and day. */
static bool
match_month_day(cursor p, int *m, int *d)
{
	if ((p = month_or_day(p, true, m)) == NULL ||
	    (p = literal(skip_spaces(p), "月")) == NULL ||
	    (p = month_or_day(skip_spaces(p), true, d)) == NULL)
		return false;
	p = skip_spaces(p);
	return literal(p, "日") != NULL || literal(p, "号") != NULL;
}

int
extract_date_find_month_day(const char *text, const char *receipt,
			    char out[11])
{
	cursor p = (cursor)text, prev = NULL;
	int ry, rm, rd;
	GDate latest;

	out[0] = '\0';
	if (text == NULL || receipt == NULL ||
	    sscanf(receipt, "%4d-%2d-%2d", &ry, &rm, &rd) != 3 ||
	    !g_date_valid_dmy((GDateDay)rd, (GDateMonth)rm, (GDateYear)ry))
		return 0;
	g_date_clear(&latest, 1);
	g_date_set_dmy(&latest, (GDateDay)rd, (GDateMonth)rm, (GDateYear)ry);
	g_date_add_days(&latest, RECEIPT_ZONE_SLACK_DAYS);
	for (; *p != '\0'; prev = p, p = (cursor)g_utf8_next_char(p)) {
		int m, d;

		if (continues_number(prev) ||
		    (prev != NULL && literal(prev, "年") != NULL) ||
		    !match_month_day(p, &m, &d))
			continue;
		/* The latest year that does not put the letter after its
		 * receipt (the year after only across New Year's night). */
		for (int y = ry + 1; y >= ry - 1; y--) {
			GDate c;

			if (!g_date_valid_dmy((GDateDay)d, (GDateMonth)m,
					      (GDateYear)y))
				continue;
			g_date_clear(&c, 1);
			g_date_set_dmy(&c, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
			if (g_date_compare(&c, &latest) <= 0)
				return put_date(y, m, d, out);
		}
		return put_date(ry, m, d, out);
	}
	return 0;
}
