/* Logging: one line per event, to stderr (foreground, tests) or syslog.
 *
 * Lines never carry passwords or full identity numbers: callers pass masked
 * values (see log_mask_id).  Nothing here blocks beyond the write itself.
 */
#ifndef OGI_COMMON_LOG_H
#define OGI_COMMON_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_ERROR,
};

/* ident: program name; to_syslog: false writes "ident: level: text" lines to
 * stderr.  May be called again to change settings. */
void log_init(const char *ident, bool to_syslog, enum log_level min_level);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_warning(...) log_msg(LOG_LEVEL_WARNING, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)

/* Replaces in place every control character of UTF-8 text s — C0 (tab
 * included), DEL and the C1 range U+0080..U+009F — with spaces, so text a
 * sender wrote cannot forge log lines or drive the office's terminal.
 * Returns s. */
char *log_scrub(char *s);

/* Writes into buf (size bufsize) a masked form of an identity number that
 * keeps only the first 3 and last 2 characters ("110***********123X" style).
 * Returns buf. */
char *log_mask_id(const char *id, char *buf, size_t bufsize);

#endif
