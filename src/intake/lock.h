/* One lock per mailbox, so that two ogid never work the same mailbox, even
 * with different state directories (whose own ogid.lock cannot see each
 * other).
 *
 * - Maildir: the file ogid-intake.lock inside the Maildir directory itself,
 *   so every path that reaches the directory (symbolic links, bind mounts)
 *   meets the same lock.
 * - Network mailboxes: a file in the lock directory named by the SHA-256 of
 *   "driver://user@host:port/folder" (host in lower case; the values as
 *   configured), so the same account on the same server is one lock.
 *
 * The lock is flock(2) on that file, held for as long as the holder's
 * descriptor is open: the kernel drops it when the holder dies, so a stale
 * file never blocks anyone.  The holder writes "PID STATE_DIR" into it for
 * whoever finds it held.  Nothing here blocks beyond a file open.
 */
#ifndef OGI_INTAKE_LOCK_H
#define OGI_INTAKE_LOCK_H

#include "common/config.h"
#include "common/error.h"

struct intake_lock;

/* The lock file of intake in (lock_dir: for network mailboxes; NULL takes
 * the default).  Returns a new string. */
char *intake_lock_path(const struct config_intake *in, const char *lock_dir);

/* Tries to take the lock of intake in, without waiting; state_dir is
 * written into it for whoever finds it held.  Creates the lock directory
 * (0700) and, for a Maildir, the Maildir directory when missing.  Returns
 * 0 and *lock_r (release with intake_lock_release); 0, *lock_r NULL and in
 * *holder_r who holds it ("PID STATE_DIR" as its holder wrote it, or "" if
 * unreadable; g_free it) when another process does; -1 when the lock file
 * cannot be opened. */
int intake_lock_take(const struct config_intake *in, const char *lock_dir,
		     const char *state_dir, struct intake_lock **lock_r,
		     char **holder_r, struct ogi_error *err);

/* The lock's file, owned by lock. */
const char *intake_lock_file(const struct intake_lock *lock);

/* Drops the lock; NULL is a no-op. */
void intake_lock_release(struct intake_lock *lock);

#endif
