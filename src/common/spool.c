#include "common/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

void
spool_sha256_hex(const void *data, size_t len, char hex[65])
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	const guchar *p = data;

	/* g_checksum_update takes a signed length. */
	while (len > 0) {
		size_t n = len < ((size_t)1 << 30) ? len : ((size_t)1 << 30);

		g_checksum_update(ck, p, (gssize)n);
		p += n;
		len -= n;
	}
	memcpy(hex, g_checksum_get_string(ck), 65);
	g_checksum_free(ck);
}

static int
spool_fsync_open(const char *path, int flags, struct ogi_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | flags);

	if (fd < 0 || fsync(fd) != 0) {
		error_set(err, "%s: cannot sync: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
spool_fsync_dir(const char *dir, struct ogi_error *err)
{
	return spool_fsync_open(dir, O_DIRECTORY, err);
}

/* Creates one directory; *created_r tells whether it was missing.  The mode
 * is set explicitly because mkdir's is filtered through the umask. */
static int
spool_mkdir_one(const char *dir, bool *created_r, struct ogi_error *err)
{
	struct stat st;
	int fd;

	*created_r = false;
	if (mkdir(dir, 0700) != 0) {
		if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		if (errno == EEXIST)
			errno = ENOTDIR;
		error_set(err, "%s: cannot create directory: %s", dir, strerror(errno));
		return -1;
	}
	*created_r = true;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0700) != 0) {
		error_set(err, "%s: cannot set mode 0700: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
spool_mkdirs(const char *dir, struct ogi_error *err)
{
	GPtrArray *created = g_ptr_array_new_with_free_func(g_free);
	char *path = g_strdup(dir);
	size_t len = strlen(path);
	struct stat st;
	bool made;
	int rc = -1;

	if (len == 0) {
		error_set(err, "empty directory name");
		goto out;
	}
	for (size_t i = 1; i <= len; i++) {
		if (i < len && (path[i] != '/' || path[i - 1] == '/'))
			continue;
		char c = path[i];

		path[i] = '\0';
		if (spool_mkdir_one(path, &made, err) != 0)
			goto out;
		if (made)
			g_ptr_array_add(created, g_strdup(path));
		path[i] = c;
	}
	/* A new directory survives a crash only once its parent's entry for it
	 * is on disk: sync the parent of the topmost new one and each new one. */
	if (created->len > 0) {
		char *parent = g_path_get_dirname(created->pdata[0]);
		int prc = spool_fsync_dir(parent, err);

		g_free(parent);
		if (prc != 0)
			goto out;
	}
	for (guint i = 0; i < created->len; i++)
		if (spool_fsync_dir(created->pdata[i], err) != 0)
			goto out;
	/* Only the directory asked for: its parents may be shared (/var/lib). */
	if (stat(dir, &st) == 0 && (st.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
		error_set(err, "%s: cannot set mode 0700: %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	g_free(path);
	g_ptr_array_free(created, TRUE);
	return rc;
}

static int
spool_fsync_path(const char *path, struct ogi_error *err)
{
	return spool_fsync_open(path, O_NOFOLLOW, err);
}

static bool
spool_hex_ok(const char hex[65])
{
	for (int i = 0; i < 64; i++)
		if (!g_ascii_isdigit(hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f'))
			return false;
	return hex[64] == '\0';
}

static int
spool_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes data to a new file tmp, syncs it and renames it to final. */
static int
spool_write_file(const char *tmp, const char *final, const void *data,
		 size_t len, struct ogi_error *err)
{
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = open(tmp, flags, 0600);

	/* Only a crashed earlier run with the same pid leaves this name. */
	if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
		fd = open(tmp, flags, 0600);
	if (fd < 0) {
		error_set(err, "%s: cannot create: %s", tmp, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) != 0 || spool_write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		error_set(err, "%s: cannot write: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) != 0) {
		error_set(err, "%s: cannot write: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, final) != 0) {
		error_set(err, "%s: cannot rename to %s: %s", tmp, final,
			  strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
spool_store(const char *state_dir, const void *data, size_t len,
	    const char hex[65], int64_t received_at, char *rel_r,
	    size_t rel_size, struct ogi_error *err)
{
	time_t t = (time_t)received_at;
	char rel[96];
	char *dir = NULL, *final = NULL, *tmp = NULL;
	struct stat st;
	struct tm tm;
	int rc = -1;

	if (!spool_hex_ok(hex)) {
		error_set(err, "spool: not a SHA-256 hex digest");
		return -1;
	}
	if ((int64_t)t != received_at || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999) {
		error_set(err, "spool: receipt time %" PRId64 " out of range",
			  received_at);
		return -1;
	}
	snprintf(rel, sizeof(rel), "raw/%04d/%02d/%s.eml", tm.tm_year + 1900,
		 tm.tm_mon + 1, hex);
	if (strlen(rel) >= rel_size) {
		error_set(err, "spool: no room for the path %s", rel);
		return -1;
	}
	dir = g_strdup_printf("%s/raw/%04d/%02d", state_dir, tm.tm_year + 1900,
			      tm.tm_mon + 1);
	final = g_strdup_printf("%s/%s", state_dir, rel);
	if (spool_mkdirs(dir, err) != 0)
		goto out;
	if (lstat(final, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			error_set(err, "%s: not a regular file", final);
			goto out;
		}
		/* Left by a run that died between rename and sync: make it
		 * durable before anyone commits on the strength of it. */
		if (spool_fsync_path(final, err) != 0 || spool_fsync_dir(dir, err) != 0)
			goto out;
	} else if (errno != ENOENT) {
		error_set(err, "%s: %s", final, strerror(errno));
		goto out;
	} else {
		tmp = g_strdup_printf("%s/.%s.%ld.tmp", dir, hex, (long)getpid());
		if (spool_write_file(tmp, final, data, len, err) != 0 ||
		    spool_fsync_dir(dir, err) != 0)
			goto out;
	}
	memcpy(rel_r, rel, strlen(rel) + 1);
	rc = 0;
out:
	g_free(tmp);
	g_free(final);
	g_free(dir);
	return rc;
}

int
spool_parse_begin(const char *state_dir, const char *rel, bool *earlier_r,
		  struct ogi_error *err)
{
	char *path = g_strdup_printf("%s/%s.parsing", state_dir, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = 0;

	*earlier_r = false;
	if (fd >= 0)
		close(fd);
	else if (errno == EEXIST)
		*earlier_r = true;
	else {
		error_set(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	g_free(path);
	return rc;
}

void
spool_parse_end(const char *state_dir, const char *rel)
{
	char *path = g_strdup_printf("%s/%s.parsing", state_dir, rel);

	unlink(path);
	g_free(path);
}
