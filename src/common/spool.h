/* The raw spool: every message's bytes, kept before anything parses them.
 *
 * Files are raw/YYYY/MM/<sha256>.eml under the state directory, mode
 * 0600 in directories of mode 0700; the file and each directory it created
 * are fsynced before spool_store() returns, so a crash after it cannot lose
 * the message.  The name comes from the content hash only, never from
 * anything a sender wrote.  Calls block on disk I/O.
 */
#ifndef OGI_COMMON_SPOOL_H
#define OGI_COMMON_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* Writes 65 bytes: the lowercase hex SHA-256 of data and a NUL. */
void spool_sha256_hex(const void *data, size_t len, char hex[65]);

/* Stores data under state_dir as above, dated by received_at (UTC month).
 * Storing bytes that are already there is a no-op that succeeds.  On
 * success writes the path relative to state_dir into rel_r (size rel_size)
 * and returns 0; else -1. */
int spool_store(const char *state_dir, const void *data, size_t len,
		const char hex[65], int64_t received_at, char *rel_r,
		size_t rel_size, struct ogi_error *err);

/* Notes that parsing of the spooled message rel (as spool_store returned
 * it) begins, by creating rel + ".parsing" (0600).  *earlier_r is true
 * when the note was already there: an earlier run died or hung while
 * parsing this message, which must then not be parsed again.  Returns 0
 * or -1. */
int spool_parse_begin(const char *state_dir, const char *rel, bool *earlier_r,
		      struct ogi_error *err);

/* Removes the note of spool_parse_begin once the outcome is committed. */
void spool_parse_end(const char *state_dir, const char *rel);

/* fsyncs a directory, so that a rename or a new file in it survives a
 * crash.  Returns 0 or -1. */
int spool_fsync_dir(const char *dir, struct ogi_error *err);

/* Creates dir and missing parents with mode 0700.  Returns 0 or -1. */
int spool_mkdirs(const char *dir, struct ogi_error *err);

#endif
