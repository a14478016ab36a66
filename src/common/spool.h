/* The raw spool: every message's bytes, kept before anything parses them.
 *
 * Files are raw/YYYY/MM/<sha256>.eml under the state directory, mode
 * 0600 in directories of mode 0700; the file and each directory it created
 * are fsynced before spool_commit() returns, so a crash after it cannot lose
 * the message.  The name comes from the content hash only, never from
 * anything a sender wrote.  Calls block on disk I/O.
 */
#ifndef OGI_COMMON_SPOOL_H
#define OGI_COMMON_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "common/error.h"

/* A message on its way into the spool, for sources that stream it (an
 * IMAP fetch, a Maildir file of any size): the bytes go to a temporary
 * file, never all into memory.
 *
 * spool_begin() creates STATE/tmp/ (0700) and a new empty temporary file
 * in it (0600); the caller writes the message to spool_entry_fd().
 * spool_commit() syncs it, hashes it and moves it to raw/YYYY/MM/<sha256>.eml
 * (dated by received_at), file and directories fsynced; when
 * those bytes are already there the copy is dropped.  It writes the digest
 * to hex_r, the relative path to rel_r (size rel_size) and the size to
 * len_r.  spool_abort() removes the temporary file.  Either frees e. */
struct spool_entry;
int spool_begin(const char *state_dir, struct spool_entry **e_r,
		struct ogi_error *err);
int spool_entry_fd(const struct spool_entry *e);
/* Removes the temporary files a run that died left in STATE/tmp/; call it
 * only while holding the state directory's lock and while no process of
 * this ogid is spooling (another intake's message in flight would go).
 * Never fails visibly. */
void spool_clean_tmp(const char *state_dir);
int spool_commit(struct spool_entry *e, int64_t received_at, char hex_r[65],
		 char *rel_r, size_t rel_size, size_t *len_r,
		 struct ogi_error *err);
void spool_abort(struct spool_entry *e);

/* Group commit: as spool_commit, but neither the file nor its rename into
 * raw/YYYY/MM/ is durable yet (the file's writeback is started).  Before
 * anything relies on the file -- a registry commit naming it -- the caller
 * syncs it with spool_sync_file(state_dir, rel_r), and its directory with
 * spool_sync_dir_of(state_dir, rel_r): once for all the files a batch put
 * in the same directory.  A file already there under the same name is
 * kept only if its bytes hash to that name. */
int spool_commit_unsynced(struct spool_entry *e, int64_t received_at,
			  char hex_r[65], char *rel_r, size_t rel_size,
			  size_t *len_r, struct ogi_error *err);

/* A page image OCR read (a PNG), kept for the clerk who reviews the
 * message: written to pages/YYYY/MM/<hex>-<page>.png under state_dir
 * (dated by received_at as raw/ is), named from the message's sha256 hex
 * and the page number only, through a temporary file renamed into place
 * (a page already there is replaced: the same message's same page); 0600
 * in 0700 directories.  Not durable yet, as spool_commit_unsynced: sync
 * it with spool_sync_file and its directory with spool_sync_dir_of before
 * a commit names it.  Writes the relative path to rel_r.  Returns 0 or
 * -1; blocks on disk I/O. */
int spool_put_page(const char *state_dir, const char hex[65], unsigned page,
		   int64_t received_at, const void *data, size_t len,
		   char *rel_r, size_t rel_size, struct ogi_error *err);

/* fdatasyncs the spooled file rel (as spool_commit_unsynced returned it).
 * Returns 0 or -1. */
int spool_sync_file(const char *state_dir, const char *rel,
		    struct ogi_error *err);
/* fsyncs the directory of rel (a path under state_dir).  Returns 0 or
 * -1. */
int spool_sync_dir_of(const char *state_dir, const char *rel,
		      struct ogi_error *err);

/* Maps the spooled message rel read-only.  Returns 0 with *data_r and
 * *len_r (release with spool_unmap; an empty file maps to a static empty
 * buffer), or -1. */
int spool_map(const char *state_dir, const char *rel, const void **data_r,
	      size_t *len_r, struct ogi_error *err);
void spool_unmap(const void *data, size_t len);

/* Notes that parsing of the spooled message rel (as spool_commit returned
 * it) begins, by linking rel + ".parsing" to it.  *earlier_r is true
 * when the note (any file of that name) was already there: an earlier run died or hung while
 * parsing this message, which must then not be parsed again.  Returns 0
 * or -1. */
int spool_parse_begin(const char *state_dir, const char *rel, bool *earlier_r,
		      struct ogi_error *err);

/* Removes the note of spool_parse_begin once the worker has answered. */
void spool_parse_end(const char *state_dir, const char *rel);

/* fsyncs a directory, so that a rename or a new file in it survives a
 * crash.  Returns 0 or -1. */
int spool_fsync_dir(const char *dir, struct ogi_error *err);

/* Copies everything readable from in to out (both blocking descriptors),
 * then fsyncs out.  When sum is not NULL the bytes are added to it; when
 * size_r is not NULL it receives the number of bytes copied.  Returns 0
 * or -1 (the message names the failed read, write or sync). */
int spool_copy_fd(int in, int out, GChecksum *sum, int64_t *size_r,
		  struct ogi_error *err);

/* Creates dir and missing parents with mode 0700.  Returns 0 or -1. */
int spool_mkdirs(const char *dir, struct ogi_error *err);

#endif
