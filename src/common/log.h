/* Logging: one line per event, to stderr (foreground, tests) or syslog.
 *
 * Lines never carry passwords: callers never pass them.  Lines never carry
 * full identity or mobile numbers: log_msg masks every line it writes
 * (log_mask_numbers), whatever a sender put in a name or subject.  The
 * database keeps the full text.  Nothing here blocks beyond the write.
 */
#ifndef OGI_COMMON_LOG_H
#define OGI_COMMON_LOG_H

#include <stdbool.h>

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

/* Masks in place, in UTF-8 text s, every maximal run of decimal digits
 * (ASCII or full-width ０-９, mixed as typed) shaped like a mainland
 * identity or mobile number:
 * - 18 digits, or 17 digits and a check character X/x/Ｘ/ｘ (GB 11643);
 * - 15 digits (first-generation resident ID);
 * - 11 digits starting 13..19 (mobile), or 13 digits starting 8613..8619
 *   (the same with the country code written without "+").
 * The first 3 characters (5 with "86") and the last 2 stay as written, every
 * other one becomes '*': "110101199003070021" -> "110*************21".
 * Shape alone decides, not check digits: a mistyped number is as personal
 * as a valid one.  Letters next to a run do not matter ("ID110..."); a run
 * of other length is left alone: a 20-digit run is an account or order
 * number, not an ID.  Numbers broken by spaces or dashes are not found.
 * Never lengthens s.  Returns s. */
char *log_mask_numbers(char *s);

#endif
