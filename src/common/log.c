#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

static const char *log_ident = "ogi";
static bool log_syslog;
static enum log_level log_min = LOG_LEVEL_INFO;

void
log_init(const char *ident, bool to_syslog, enum log_level min_level)
{
	log_ident = ident;
	log_syslog = to_syslog;
	log_min = min_level;
	if (to_syslog)
		openlog(ident, LOG_PID, LOG_MAIL);
}

/* The decimal digit at p, ASCII or full-width (U+FF10..U+FF19, which
 * Chinese input methods produce), or -1; its length in bytes in *len_r. */
static int
log_digit(const char *p, size_t *len_r)
{
	const unsigned char *u = (const unsigned char *)p;

	*len_r = 1;
	if (*u >= '0' && *u <= '9')
		return *u - '0';
	*len_r = 3;
	if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
		return u[2] - 0x90;
	return -1;
}

/* The length of an X check character (X, x, full-width Ｘ, ｘ) at p, or 0. */
static size_t
log_check_x(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (*u == 'X' || *u == 'x')
		return 1;
	if (u[0] == 0xef && ((u[1] == 0xbc && u[2] == 0xb8) ||
			     (u[1] == 0xbd && u[2] == 0x98)))
		return 3;
	return 0;
}

/* vsnprintf cut line short.  A number running into the cut has lost its
 * length, so nothing tells it from the start of an identity number: it is
 * masked whole.  A character cut in half goes too. */
static void
log_mask_cut(char *line)
{
	size_t n = strlen(line), start, digits = 0, len;

	start = n;
	while (start > 0 && ((unsigned char)line[start - 1] & 0xc0) == 0x80)
		start--;
	if (start > 0 && (unsigned char)line[start - 1] >= 0xc0) {
		unsigned char lead = (unsigned char)line[start - 1];
		size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;

		if (n - (start - 1) < want)
			n = start - 1;
	}
	line[n] = '\0';
	start = n;
	for (;;) {
		if (start >= 1 && log_digit(line + start - 1, &len) >= 0 && len == 1)
			start -= 1;
		else if (start >= 3 && log_digit(line + start - 3, &len) >= 0 && len == 3)
			start -= 3;
		else
			break;
		digits++;
	}
	memset(line + start, '*', digits);
	line[start + digits] = '\0';
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = {
		"debug", "info", "warning", "error",
	};
	static const int prio[] = {
		LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR,
	};
	char line[2048];
	va_list ap;
	int n;

	if (level < log_min)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		log_mask_cut(line);
	log_mask_numbers(log_scrub(line));
	if (log_syslog)
		syslog(prio[level], "%s", line);
	else
		fprintf(stderr, "%s: %s: %s\n", log_ident, names[level], line);
}

char *
log_scrub(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p[0] = ' ';
			p[1] = ' ';
			p++;
		}
	}
	return s;
}

/* How many leading characters of a run of n digits (first four in d[]) to
 * keep in clear, or -1 when the run is not shaped like a number to mask. */
static int
log_mask_head(const int *d, size_t n, bool x)
{
	bool mobile = d[0] == 1 && d[1] >= 3;

	if (x)
		return n == 17 ? 3 : -1;
	if (n == 18 || n == 15 || (n == 11 && mobile))
		return 3;
	if (n == 13 && d[0] == 8 && d[1] == 6 && d[2] == 1 && d[3] >= 3)
		return 5;
	return -1;
}

char *
log_mask_numbers(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		int d[4] = { -1, -1, -1, -1 };
		size_t n = 0, len, xlen, total, i;
		const char *end = r;
		int head;

		while (log_digit(end, &len) >= 0) {
			if (n < 4)
				d[n] = log_digit(end, &len);
			n++;
			end += len;
		}
		if (n == 0) {
			*w++ = *r++;
			continue;
		}
		xlen = n == 17 ? log_check_x(end) : 0;
		head = log_mask_head(d, n, xlen > 0);
		total = n + (xlen > 0);
		end += xlen;
		/* w never passes r: a masked character is never longer than
		 * the one it replaces. */
		for (i = 0; r < end; i++) {
			if (log_digit(r, &len) < 0)
				len = xlen;
			if (head < 0 || i < (size_t)head || i + 2 >= total) {
				memmove(w, r, len);
				w += len;
			} else {
				*w++ = '*';
			}
			r += len;
		}
	}
	*w = '\0';
	return s;
}
