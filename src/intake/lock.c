#include "intake/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"

#define INTAKE_LOCK_MAILDIR_NAME "ogid-intake.lock"

/* What a holder writes, "PID STATE_DIR\n": room for a state directory as
 * long as PATH_MAX (4096) and the pid beside it. */
#define INTAKE_LOCK_HOLDER_MAX 4200

struct intake_lock {
	int fd;
	char *path;
};

/* Where network mailboxes' locks live when [ogid] lock_dir is not set: the
 * same place for every ogid of the machine, whatever its state directory.
 * /run/lock/ogid when /run/lock is writable (root, the service), else
 * $XDG_RUNTIME_DIR/ogid, else ogid-locks in GLib's per-user runtime
 * directory fallback (the user's cache directory).  Returns a new string. */
static char *
intake_lock_default_dir(void)
{
	const char *xdg = g_getenv("XDG_RUNTIME_DIR");

	if (access("/run/lock", W_OK | X_OK) == 0)
		return g_strdup("/run/lock/ogid");
	if (xdg != NULL && g_path_is_absolute(xdg))
		return g_build_filename(xdg, "ogid", NULL);
	return g_build_filename(g_get_user_runtime_dir(), "ogid-locks", NULL);
}

char *
intake_lock_path(const struct config_intake *in, const char *lock_dir)
{
	char *key, *sum, *dir, *name, *path, *host;

	if (strcmp(in->driver, "maildir") == 0)
		return g_build_filename(in->path, INTAKE_LOCK_MAILDIR_NAME, NULL);
	/* Host names are not case sensitive; the rest is the server's. */
	host = g_ascii_strdown(in->host != NULL ? in->host : "", -1);
	key = g_strdup_printf("%s://%s@%s:%d/%s", in->driver,
			      in->user != NULL ? in->user : "", host, in->port,
			      in->folder != NULL ? in->folder : "");
	g_free(host);
	sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
	dir = lock_dir != NULL ? g_strdup(lock_dir) : intake_lock_default_dir();
	name = g_strdup_printf("%s.lock", sum);
	path = g_build_filename(dir, name, NULL);
	g_free(name);
	g_free(dir);
	g_free(sum);
	g_free(key);
	return path;
}

/* The holder's line, as it wrote it. */
static char *
intake_lock_holder(int fd)
{
	char buf[INTAKE_LOCK_HOLDER_MAX];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return g_strdup("");
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return g_strdup(buf);
}

int
intake_lock_take(const struct config_intake *in, const char *lock_dir,
		 const char *state_dir, struct intake_lock **lock_r,
		 char **holder_r, struct ogi_error *err)
{
	char *path = intake_lock_path(in, lock_dir);
	char *dir = g_path_get_dirname(path);
	char line[INTAKE_LOCK_HOLDER_MAX];
	struct intake_lock *lock;
	int fd, n;

	*lock_r = NULL;
	*holder_r = NULL;
	/* The lock comes before the driver's open, which would create a
	 * missing Maildir too. */
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		error_set(err, "lock directory %s: %s", dir, strerror(errno));
		goto fail;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		error_set(err, "lock %s: %s", path, strerror(errno));
		goto fail;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			error_set(err, "lock %s: %s", path, strerror(errno));
			close(fd);
			goto fail;
		}
		*holder_r = intake_lock_holder(fd);
		close(fd);
		g_free(dir);
		g_free(path);
		return 0;
	}
	/* Who holds it is a courtesy to the next one: a failed write does
	 * not weaken the lock. */
	n = snprintf(line, sizeof(line), "%ld %s\n", (long)getpid(), state_dir);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)n, 0) != n)
		log_warning("lock %s: cannot write the holder: %s", path,
			    strerror(errno));
	lock = g_new0(struct intake_lock, 1);
	lock->fd = fd;
	lock->path = path;
	*lock_r = lock;
	g_free(dir);
	return 0;
fail:
	g_free(dir);
	g_free(path);
	return -1;
}

const char *
intake_lock_file(const struct intake_lock *lock)
{
	return lock->path;
}

void
intake_lock_release(struct intake_lock *lock)
{
	if (lock == NULL)
		return;
	close(lock->fd);
	g_free(lock->path);
	g_free(lock);
}
