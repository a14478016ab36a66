#include "common/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"

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

/* One read's worth: the files copied are letters and their attachments,
 * tens of kilobytes to a few megabytes. */
#define SPOOL_COPY_CHUNK 65536

int
spool_copy_fd(int in, int out, GChecksum *sum, int64_t *size_r,
	      struct ogi_error *err)
{
	char *buf = g_malloc(SPOOL_COPY_CHUNK);
	int64_t total = 0;
	ssize_t n;
	int rc = -1;

	while ((n = read(in, buf, SPOOL_COPY_CHUNK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, "read: %s", strerror(errno));
			goto out;
		}
		if (fdio_write_all(out, buf, (size_t)n) != 0) {
			error_set(err, "write: %s", strerror(errno));
			goto out;
		}
		if (sum != NULL)
			g_checksum_update(sum, (const guchar *)buf, (gssize)n);
		total += n;
	}
	if (fsync(out) != 0) {
		error_set(err, "fsync: %s", strerror(errno));
		goto out;
	}
	if (size_r != NULL)
		*size_r = total;
	rc = 0;
out:
	g_free(buf);
	return rc;
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

/* Creates dir (non-empty) and its missing parents, and syncs what it
 * created. */
static int
spool_mkdirs_missing(const char *dir, struct ogi_error *err)
{
	GPtrArray *created = g_ptr_array_new_with_free_func(g_free);
	char *path = g_strdup(dir);
	size_t len = strlen(path);
	bool made;
	int rc = -1;

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
	rc = 0;
out:
	g_free(path);
	g_ptr_array_free(created, TRUE);
	return rc;
}

int
spool_mkdirs(const char *dir, struct ogi_error *err)
{
	struct stat st;

	if (dir[0] == '\0') {
		error_set(err, "empty directory name");
		return -1;
	}
	/* Called for every message with directories that almost always exist:
	 * one stat, not a failing mkdir for each component of the path. */
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (spool_mkdirs_missing(dir, err) != 0)
			return -1;
		if (stat(dir, &st) != 0) {
			error_set(err, "%s: %s", dir, strerror(errno));
			return -1;
		}
	}
	/* Only the directory asked for: its parents may be shared (/var/lib). */
	if ((st.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
		error_set(err, "%s: cannot set mode 0700: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* STATE/TOP/YYYY/MM/NAME, dated by received_at in UTC: the relative path
 * in rel_r, the directory (made) in *dir_r and the full path in
 * *final_r. */
static int
spool_place(const char *state_dir, const char *top, const char *name,
	    int64_t received_at, char *rel_r, size_t rel_size, char **dir_r,
	    char **final_r, struct ogi_error *err)
{
	time_t t = (time_t)received_at;
	char rel[128];
	struct tm tm;

	if ((int64_t)t != received_at || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999) {
		error_set(err, "spool: receipt time %" PRId64 " out of range",
			  received_at);
		return -1;
	}
	snprintf(rel, sizeof(rel), "%s/%04d/%02d/%s", top, tm.tm_year + 1900,
		 tm.tm_mon + 1, name);
	if (strlen(rel) >= rel_size) {
		error_set(err, "spool: no room for the path %s", rel);
		return -1;
	}
	memcpy(rel_r, rel, strlen(rel) + 1);
	*dir_r = g_strdup_printf("%s/%s/%04d/%02d", state_dir, top,
				 tm.tm_year + 1900, tm.tm_mon + 1);
	*final_r = g_strdup_printf("%s/%s", state_dir, rel);
	if (spool_mkdirs(*dir_r, err) != 0)
		return -1;
	return 0;
}

/* Hashes what fd holds, from its start; *len_r its size. */
static int
spool_hash_fd(int fd, char hex[65], size_t *len_r)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char *buf = g_malloc(1 << 20);
	size_t len = 0;
	ssize_t n;
	off_t at = 0;

	while ((n = pread(fd, buf, 1 << 20, at)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		g_checksum_update(ck, buf, n);
		at += n;
		len += (size_t)n;
	}
	if (n == 0)
		memcpy(hex, g_checksum_get_string(ck), 65);
	g_checksum_free(ck);
	g_free(buf);
	*len_r = len;
	return n == 0 ? 0 : -1;
}

/* Whether final already holds the bytes hex names; a file left by a run
 * that died between rename and sync is made durable before anyone commits
 * on the strength of it.  Its bytes are hashed first: a group-commit file
 * is renamed before it is synced, so after a power failure its name may
 * be on disk without all of its content -- such a file is not believed
 * (*exists_r false: the caller's copy replaces it).  Rare: only a
 * duplicate or a crash's remnant is there already. */
static int
spool_existing(const char *dir, const char *final, const char hex[65],
	       bool *exists_r, struct ogi_error *err)
{
	char have[65];
	struct stat st;
	size_t len;
	int fd, rc;

	*exists_r = false;
	if (lstat(final, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		error_set(err, "%s: %s", final, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, "%s: not a regular file", final);
		return -1;
	}
	fd = open(final, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		error_set(err, "%s: %s", final, strerror(errno));
		return -1;
	}
	if (spool_hash_fd(fd, have, &len) != 0) {
		error_set(err, "%s: cannot read: %s", final, strerror(errno));
		close(fd);
		return -1;
	}
	if (memcmp(have, hex, 64) != 0) {
		close(fd);
		return 0;
	}
	rc = fsync(fd);
	if (rc != 0)
		error_set(err, "%s: cannot sync: %s", final, strerror(errno));
	close(fd);
	if (rc != 0)
		return -1;
	*exists_r = true;
	return spool_fsync_dir(dir, err);
}

struct spool_entry {
	char *state_dir;
	char *tmp;
	int fd;
};

int
spool_begin(const char *state_dir, struct spool_entry **e_r,
	    struct ogi_error *err)
{
	char *dir = g_strdup_printf("%s/tmp", state_dir);
	struct spool_entry *e;
	int fd;

	*e_r = NULL;
	if (spool_mkdirs(dir, err) != 0) {
		g_free(dir);
		return -1;
	}
	e = g_new0(struct spool_entry, 1);
	e->state_dir = g_strdup(state_dir);
	e->tmp = g_strdup_printf("%s/incoming.XXXXXX", dir);
	g_free(dir);
	fd = mkostemp(e->tmp, O_CLOEXEC);
	if (fd < 0) {
		error_set(err, "%s: cannot create: %s", e->tmp, strerror(errno));
		g_free(e->tmp);
		g_free(e->state_dir);
		g_free(e);
		return -1;
	}
	e->fd = fd;
	*e_r = e;
	return 0;
}

void
spool_clean_tmp(const char *state_dir)
{
	char *dir = g_strdup_printf("%s/tmp", state_dir);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		if (g_str_has_prefix(name, "incoming.")) {
			char *path = g_strdup_printf("%s/%s", dir, name);

			unlink(path);
			g_free(path);
		}
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(dir);
}

int
spool_entry_fd(const struct spool_entry *e)
{
	return e->fd;
}

static void
spool_entry_free(struct spool_entry *e)
{
	if (e->fd >= 0)
		close(e->fd);
	g_free(e->tmp);
	g_free(e->state_dir);
	g_free(e);
}

void
spool_abort(struct spool_entry *e)
{
	if (e == NULL)
		return;
	unlink(e->tmp);
	spool_entry_free(e);
}

/* spool_commit (synced: file and rename durable on return) and
 * spool_commit_unsynced (neither yet; the writeback of the file is only
 * started, so that by the batch's spool_sync_file the disk has worked on
 * all of them together). */
static int
spool_commit_at(struct spool_entry *e, int64_t received_at, bool synced,
		char hex_r[65], char *rel_r, size_t rel_size, size_t *len_r,
		struct ogi_error *err)
{
	char *dir = NULL, *final = NULL, *name = NULL;
	bool exists = false;
	int rc = -1;

	if (fchmod(e->fd, 0600) != 0 || (synced && fsync(e->fd) != 0) ||
	    spool_hash_fd(e->fd, hex_r, len_r) != 0) {
		error_set(err, "%s: cannot write: %s", e->tmp, strerror(errno));
		goto out;
	}
	/* A hint: a file system without it loses only the overlap, and a
	 * write error surfaces in spool_sync_file's fdatasync. */
	if (!synced)
		(void)sync_file_range(e->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	name = g_strdup_printf("%s.eml", hex_r);
	if (spool_place(e->state_dir, "raw", name, received_at, rel_r, rel_size,
			&dir, &final, err) != 0 ||
	    spool_existing(dir, final, hex_r, &exists, err) != 0)
		goto out;
	if (!exists) {
		if (rename(e->tmp, final) != 0) {
			error_set(err, "%s: cannot rename to %s: %s", e->tmp, final,
				  strerror(errno));
			goto out;
		}
		if (synced && spool_fsync_dir(dir, err) != 0)
			goto out;
	}
	rc = 0;
out:
	/* Renamed: nothing is left to remove. */
	if (rc != 0 || exists)
		unlink(e->tmp);
	spool_entry_free(e);
	g_free(final);
	g_free(dir);
	g_free(name);
	return rc;
}

int
spool_put_page(const char *state_dir, const char hex[65], unsigned page,
	       int64_t received_at, const void *data, size_t len, char *rel_r,
	       size_t rel_size, struct ogi_error *err)
{
	struct spool_entry *e;
	char *dir = NULL, *final = NULL;
	char name[96];
	int rc = -1;

	snprintf(name, sizeof(name), "%.64s-%u.png", hex, page);
	if (spool_begin(state_dir, &e, err) != 0)
		return -1;
	if (fdio_write_all(e->fd, data, len) != 0) {
		error_set(err, "%s: cannot write: %s", e->tmp, strerror(errno));
		goto out;
	}
	if (fchmod(e->fd, 0600) != 0) {
		error_set(err, "%s: cannot write: %s", e->tmp, strerror(errno));
		goto out;
	}
	/* As for a raw file: synced at the batch's durability point. */
	(void)sync_file_range(e->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	if (spool_place(state_dir, "pages", name, received_at, rel_r, rel_size,
			&dir, &final, err) != 0)
		goto out;
	if (rename(e->tmp, final) != 0) {
		error_set(err, "%s: cannot rename to %s: %s", e->tmp, final,
			  strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		unlink(e->tmp);
	spool_entry_free(e);
	g_free(final);
	g_free(dir);
	return rc;
}

int
spool_commit(struct spool_entry *e, int64_t received_at, char hex_r[65],
	     char *rel_r, size_t rel_size, size_t *len_r, struct ogi_error *err)
{
	return spool_commit_at(e, received_at, true, hex_r, rel_r, rel_size,
			       len_r, err);
}

int
spool_commit_unsynced(struct spool_entry *e, int64_t received_at,
		      char hex_r[65], char *rel_r, size_t rel_size,
		      size_t *len_r, struct ogi_error *err)
{
	return spool_commit_at(e, received_at, false, hex_r, rel_r, rel_size,
			       len_r, err);
}

int
spool_sync_file(const char *state_dir, const char *rel, struct ogi_error *err)
{
	char *path = g_strdup_printf("%s/%s", state_dir, rel);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int rc = 0;

	if (fd < 0 || fdatasync(fd) != 0) {
		error_set(err, "%s: cannot sync: %s", path, strerror(errno));
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	g_free(path);
	return rc;
}

int
spool_sync_dir_of(const char *state_dir, const char *rel,
		  struct ogi_error *err)
{
	char *rel_dir = g_path_get_dirname(rel);
	char *dir = g_strdup_printf("%s/%s", state_dir, rel_dir);
	int rc = spool_fsync_dir(dir, err);

	g_free(dir);
	g_free(rel_dir);
	return rc;
}

int
spool_map(const char *state_dir, const char *rel, const void **data_r,
	  size_t *len_r, struct ogi_error *err)
{
	char *path = g_strdup_printf("%s/%s", state_dir, rel);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	void *p;

	if (fd < 0 || fstat(fd, &st) != 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (st.st_size == 0) {
		*data_r = "";
		*len_r = 0;
	} else {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			error_set(err, "%s: cannot map: %s", path, strerror(errno));
			goto fail;
		}
		*data_r = p;
		*len_r = (size_t)st.st_size;
	}
	close(fd);
	g_free(path);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	g_free(path);
	return -1;
}

void
spool_unmap(const void *data, size_t len)
{
	if (len > 0)
		munmap((void *)data, len);
}

/* The note is a second name for the spooled file, not a file of its own:
 * creating and unlinking an inode per message made ext4 scan its inode
 * bitmap past every recently deleted inode on the next create
 * (recently_deleted(), a quarter of intake's CPU in a 2,000-message run);
 * a link allocates and frees nothing. */
int
spool_parse_begin(const char *state_dir, const char *rel, bool *earlier_r,
		  struct ogi_error *err)
{
	char *raw = g_strdup_printf("%s/%s", state_dir, rel);
	char *path = g_strdup_printf("%s.parsing", raw);
	int rc = 0;

	*earlier_r = false;
	if (link(raw, path) != 0) {
		if (errno == EEXIST)
			*earlier_r = true;
		else {
			error_set(err, "%s: %s", path, strerror(errno));
			rc = -1;
		}
	}
	g_free(path);
	g_free(raw);
	return rc;
}

void
spool_parse_end(const char *state_dir, const char *rel)
{
	char *path = g_strdup_printf("%s/%s.parsing", state_dir, rel);

	unlink(path);
	g_free(path);
}
