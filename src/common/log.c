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

	if (level < log_min)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_scrub(line);
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

char *
log_mask_id(const char *id, char *buf, size_t bufsize)
{
	size_t len, i;

	if (bufsize == 0)
		return buf;
	if (id == NULL) {
		snprintf(buf, bufsize, "-");
		return buf;
	}
	len = strlen(id);
	for (i = 0; i < len && i + 1 < bufsize; i++)
		buf[i] = (i < 3 || i + 2 >= len) ? id[i] : '*';
	buf[i] = '\0';
	if (len <= 6)
		memset(buf, '*', i);
	return buf;
}
