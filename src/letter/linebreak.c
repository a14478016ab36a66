#include "letter/linebreak.h"

#include <string.h>

#include <glib.h>

/* Rounding in the caller's width sums must not push a line that fits
 * exactly (28 characters on the 28-character grid) over the edge. */
#define WIDTH_EPSILON 1e-6

bool
letter_lb_no_start(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A:
	case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300B: case 0x300D:
	case 0x300F: case 0x3011: case 0x3015: case 0x3009: case 0x3017:
	case 0x2026: case 0x2019: case 0x201D: case 0xFF0E: case 0xFF05:
	case 0x2030: case 0x2103: case 0xFF3D: case 0xFF5D:
	case ',': case '.': case ';': case ':': case '?': case '!':
	case ')': case ']': case '}': case '>': case '"': case '\'': case '%':
		return true;
	default:
		return false;
	}
}

bool
letter_lb_no_end(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x201C: case 0x2018: case 0x3008: case 0x3016:
	case 0xFF3B: case 0xFF5B:
	case '(': case '[': case '{': case '<':
		return true;
	default:
		return false;
	}
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* Everything that is neither a space nor a wide (CJK, kana, hangul,
 * full-width, CJK punctuation, general punctuation such as “” … —)
 * character. */
bool
letter_lb_in_run(uint32_t cp)
{
	if (is_space(cp) || cp == '\n')
		return false;
	if (cp >= 0x2000 && cp <= 0x206F)       /* general punctuation */
		return false;
	if (cp >= 0x2E80 && cp <= 0xA4CF)       /* CJK, kana, bopomofo, Yi */
		return false;
	if (cp >= 0xAC00 && cp <= 0xD7AF)       /* hangul */
		return false;
	if (cp >= 0xF900 && cp <= 0xFAFF)       /* compatibility ideographs */
		return false;
	if (cp >= 0xFE30 && cp <= 0xFE4F)       /* CJK compatibility forms */
		return false;
	if (cp >= 0xFF00 && cp <= 0xFFEF)       /* full-width forms */
		return false;
	if (cp >= 0x20000)                      /* supplementary ideographs */
		return false;
	return true;
}

/* May a line break between cps[i-1] and cps[i]? */
static bool
break_before(const uint32_t *cps, size_t i)
{
	uint32_t a = cps[i - 1], b = cps[i];

	if (is_space(b))
		return false;
	if (is_space(a))
		return true;
	if (letter_lb_in_run(a) && letter_lb_in_run(b))
		return false;
	if (letter_lb_no_start(b) || letter_lb_no_end(a))
		return false;
	if (a == b && (a == 0x2014 || a == 0x2026 || a == 0x2025))
		return false;
	return true;
}

struct lines {
	struct letter_line *v;
	size_t n, cap;
};

static void
emit(struct lines *ls, const uint32_t *cps, const double *widths,
     size_t start, size_t end, bool para_start)
{
	struct letter_line *l;
	double w = 0;
	size_t last = end;

	while (last > start && is_space(cps[last - 1]))
		last--;
	for (size_t i = start; i < last; i++)
		w += widths[i];
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? 2 * ls->cap : 16;
		ls->v = g_renew(struct letter_line, ls->v, ls->cap);
	}
	l = &ls->v[ls->n++];
	l->start = start;
	l->end = last;
	l->width = w;
	l->para_start = para_start;
}

void
letter_linebreak(const uint32_t *cps, const double *widths, size_t n,
                 double first_width, double rest_width,
                 struct letter_line **lines_r, size_t *n_lines_r)
{
	struct lines ls = { 0 };
	size_t start = 0;
	bool para = true;

	while (start < n) {
		double cap = para ? first_width : rest_width, w = 0;
		size_t j, last_break = start, end;

		while (start < n && is_space(cps[start]))
			start++;
		if (start < n && cps[start] == '\n') {
			emit(&ls, cps, widths, start, start, para);
			start++;
			para = true;
			continue;
		}
		if (start >= n)
			break;
		for (j = start; j < n && cps[j] != '\n'; j++) {
			if (j > start && break_before(cps, j))
				last_break = j;
			if (is_space(cps[j])) {
				w += widths[j];
				continue;
			}
			if (w + widths[j] > cap + WIDTH_EPSILON)
				break;
			w += widths[j];
		}
		if (j >= n || cps[j] == '\n') {
			end = j;
		} else if (last_break > start) {
			end = last_break;
		} else {
			/* One unbreakable run wider than the line: cut it where
			 * it must be cut, but always move on. */
			end = j > start ? j : start + 1;
		}
		emit(&ls, cps, widths, start, end, para);
		para = false;
		start = end;
		if (start < n && cps[start] == '\n') {
			start++;
			para = true;
		}
	}
	*lines_r = ls.v;
	*n_lines_r = ls.n;
}

int
letter_utf8_decode(const char *s, uint32_t **cps_r, size_t *n_r,
                   struct ogi_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0, i = 0;
	uint32_t *cps = g_new(uint32_t, len ? len : 1);

	while (i < len) {
		unsigned c = p[i], k;
		uint32_t cp, min;

		if (c < 0x80) {
			cps[n++] = c;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			goto bad;
		}
		for (unsigned m = 1; m <= k; m++) {
			if (i + m >= len || (p[i + m] & 0xC0) != 0x80)
				goto bad;
			cp = cp << 6 | (p[i + m] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		cps[n++] = cp;
		i += k + 1;
	}
	*cps_r = cps;
	*n_r = n;
	return 0;
bad:
	g_free(cps);
	error_set(err, "invalid UTF-8 at byte %zu", i);
	return -1;
}

char *
letter_utf8_encode(const uint32_t *cps, size_t n)
{
	char *s = g_malloc(4 * n + 1), *o = s;

	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i];

		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xC0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*o++ = (char)(0xE0 | c >> 12);
			*o++ = (char)(0x80 | (c >> 6 & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		} else {
			*o++ = (char)(0xF0 | c >> 18);
			*o++ = (char)(0x80 | (c >> 12 & 0x3F));
			*o++ = (char)(0x80 | (c >> 6 & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = '\0';
	return s;
}
