/* Error reporting shared by every module.
 *
 * Functions that can fail return 0 on success and -1 on failure and take a
 * `struct ogi_error *err` as their last parameter.  On failure they fill it
 * with one human-readable line (no trailing newline) that names the object
 * concerned (file, message, key).  `err` may be NULL when the caller does not
 * care.  The struct lives in the caller's storage: nothing to free.
 *
 * An error also says how far it reaches and whether waiting may cure it,
 * the way isync scopes its errors, so the daemon can decide what to stop:
 * a bad message is recorded and skipped, a mailbox that fails is retried
 * later on its own, and a registry or spool that fails holds all intake
 * until it works again.  error_set() starts a new error as permanent and
 * of message scope; the code that knows better (the registry, a driver,
 * the pipeline) widens it with error_scope() after setting the text, and
 * error_prefix() keeps it.
 */
#ifndef OGI_COMMON_ERROR_H
#define OGI_COMMON_ERROR_H

#include <stdbool.h>

enum ogi_error_scope {
	OGI_ERROR_MESSAGE,  /* one message: record it for the office, go on */
	OGI_ERROR_MAILBOX,  /* one mailbox: back off, retry only that one */
	OGI_ERROR_STORE,    /* the registry or the spool: stop all intake */
};

struct ogi_error {
	char msg[512];
	enum ogi_error_scope scope;
	bool temporary;     /* retrying later may succeed (busy, disk full,
	                       network); false: a person must change something */
};

/* Sets err->msg from a printf format, scope OGI_ERROR_MESSAGE, not
 * temporary; no-op when err is NULL. */
void error_set(struct ogi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefixes err->msg with a printf-formatted context and ": ". */
void error_prefix(struct ogi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Sets err's scope and temporariness; no-op when err is NULL. */
void error_scope(struct ogi_error *err, enum ogi_error_scope scope,
		 bool temporary);

#endif
