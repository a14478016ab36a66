/* Application dates as people write them.  A date needs its separators
 * (年月日 or the same one of - / . twice): a bare run like 20261120 is
 * part of an ID or phone number far more often than a date. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

typedef const unsigned char *cursor;

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
	size_t n = strlen(s);

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

/* 2026-11-20, 2026/11/20, 2026.11.20 (also full-width): the same
 * separator twice, and not the start of a longer dotted or dashed run such
 * as a version or IP number. */
static bool
match_ymd_separated(cursor p, int *m, int *d)
{
	static const char *const seps[] = { "-", "/", ".", "－", "／", "．" };

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


static void
put_digits(char *out, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Tries a date starting at p; the caller has checked that p does not
 * continue a number.  Returns 1, -1 (shaped like a date but not one) or 0. */
static int
date_at(cursor p, char out[11])
{
	cursor q;
	int y, m = 0, d = 0;
	bool cn = false, found;

	if ((q = arabic_number(p, 4, 4, &y)) == NULL) {
		if ((q = cn_year(p, &y)) == NULL)
			return 0;
		cn = true;
	}
	if (y < 1900 || y > 2099)
		return 0;
	found = match_ymd_words(q, &m, &d) ||
		(!cn && match_ymd_separated(q, &m, &d));
	if (!found)
		return 0;
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
continues_number(cursor prev)
{
	cursor next;

	/* A Latin O before the date is a word, not a numeral. */
	return prev != NULL &&
	       (arabic_digit(prev, &next) >= 0 ||
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
