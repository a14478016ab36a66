/* Error reporting shared by every module.
 *
 * Functions that can fail return 0 on success and -1 on failure and take a
 * `struct ogi_error *err` as their last parameter.  On failure they fill it
 * with one human-readable line (no trailing newline) that names the object
 * concerned (file, message, key).  `err` may be NULL when the caller does not
 * care.  The struct lives in the caller's storage: nothing to free.
 */
#ifndef OGI_COMMON_ERROR_H
#define OGI_COMMON_ERROR_H

struct ogi_error {
	char msg[512];
};

/* Sets err->msg from a printf format; no-op when err is NULL. */
void error_set(struct ogi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefixes err->msg with a printf-formatted context and ": ". */
void error_prefix(struct ogi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
