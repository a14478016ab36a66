/* The Maildir driver.
 *
 * A message's identity is its base name (the part before ":2,"), which the
 * delivering agent chose and which survives flag changes and the move from
 * new/ to cur/.  Both new/ and cur/ are listed, because a person reading the
 * same Maildir may move a message to cur/ before we see it; the registry
 * recognises the ones already processed.  mark_done() moves a message to
 * cur/ with the S flag (and F when the office must look at it), which mail
 * clients show as read (and flagged).
 */
#include "common/wake.h"
#include "intake/intake.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/spool.h"

/* Files are copied to the spool in pieces of this size, whatever their
 * size: one message must not be able to exhaust memory. */
#define MAILDIR_CHUNK (1u << 20)

struct maildir {
	char *path;
};

static int
maildir_open(const struct config_intake *cfg, void **ctx_r,
	     struct ogi_error *err)
{
	static const char *const subdirs[] = { "", "/new", "/cur", "/tmp" };
	struct maildir *md;
	char dir[4096];

	for (size_t i = 0; i < G_N_ELEMENTS(subdirs); i++) {
		snprintf(dir, sizeof(dir), "%s%s", cfg->path, subdirs[i]);
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			error_set(err, "maildir %s: %s", dir, strerror(errno));
			return -1;
		}
	}
	md = g_new0(struct maildir, 1);
	md->path = g_strdup(cfg->path);
	*ctx_r = md;
	return 0;
}

static bool
maildir_name_ok(const char *name)
{
	return name[0] != '.' && name[0] != '\0' && strchr(name, '/') == NULL;
}

/* Length of the identity part of a file name. */
static size_t
maildir_base_len(const char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? (size_t)(colon - name) : strlen(name);
}

/* The delivery time a Maildir name starts with ("1764057600.M…P….host",
 * the Maildir specification's "time.unique.host"); 0 when the name
 * carries none. */
static int64_t
maildir_name_time(const char *name)
{
	int64_t t = 0;
	size_t i;

	for (i = 0; name[i] >= '0' && name[i] <= '9' && i < 12; i++)
		t = t * 10 + (name[i] - '0');
	if (i < 9 || name[i] != '.')
		return 0;
	return t;
}

/* Dates an item by the name's delivery time, else the file's time, else
 * now (intake_received_witness).  The file time changes when a mailbox is
 * copied without keeping times; the name's time does not.  A name's time
 * after the file existed (by more than a clock a little ahead) is no
 * delivery time; the file's time bounds it when the file's time is itself
 * a witness, now when it is not (a copy made with a broken clock). */
static void
maildir_received(struct intake_item *it, const char *name, int64_t mtime,
		 int64_t now)
{
	int64_t latest = intake_received_plausible(mtime, now) ? mtime : now;
	int64_t named = maildir_name_time(name);

	if (intake_received_plausible(named, now) &&
	    named <= latest + INTAKE_RECEIVED_AHEAD)
		intake_received_witness(it, named, INTAKE_RECEIVED_DELIVERY, now);
	else
		intake_received_witness(it, mtime, INTAKE_RECEIVED_MTIME, now);
}

static int
maildir_item_cmp(const void *a, const void *b)
{
	const struct intake_item *x = a, *y = b;

	if (x->received_at != y->received_at)
		return x->received_at < y->received_at ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static int
maildir_scan(struct maildir *md, const char *sub, struct intake_item **items,
	     size_t *n, size_t *cap, struct ogi_error *err)
{
	char dir[4096], file[4608];
	struct dirent *de;
	struct stat st;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", md->path, sub);
	d = opendir(dir);
	if (d == NULL) {
		error_set(err, "maildir %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct intake_item *it;

		if (!maildir_name_ok(de->d_name))
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*items = realloc(*items, *cap * sizeof(**items));
			if (*items == NULL)
				abort();
		}
		it = &(*items)[(*n)++];
		*it = (struct intake_item){ 0 };
		it->uid = g_strndup(de->d_name, maildir_base_len(de->d_name));
		maildir_received(it, de->d_name, st.st_mtime, time(NULL));
		it->size = (size_t)st.st_size;
		it->fresh = strcmp(sub, "new") == 0;
		it->locator = g_strdup_printf("%s/%s", sub, de->d_name);
	}
	closedir(d);
	return 0;
}

static int
maildir_list(void *ctx, struct intake_item **items_r, size_t *n_r,
	     struct ogi_error *err)
{
	struct intake_item *items = NULL;
	size_t n = 0, cap = 0;

	if (maildir_scan(ctx, "new", &items, &n, &cap, err) != 0 ||
	    maildir_scan(ctx, "cur", &items, &n, &cap, err) != 0) {
		intake_items_free(items, n);
		return -1;
	}
	if (n > 0)
		qsort(items, n, sizeof(*items), maildir_item_cmp);
	*items_r = items;
	*n_r = n;
	return 0;
}

/* Finds the current file of an item: where list() saw it, or, when it has
 * moved from new/ to cur/ or changed flags since, wherever its identity is
 * now.  Writes "sub/name" into out. */
static int
maildir_find(struct maildir *md, const struct intake_item *item, char *out,
	     size_t outsize, struct ogi_error *err)
{
	static const char *const subs[] = { "new", "cur" };
	const char *uid = item->uid;
	size_t len = strlen(uid);
	char file[8800];

	snprintf(file, sizeof(file), "%s/%s", md->path, item->locator);
	if (access(file, F_OK) == 0) {
		snprintf(out, outsize, "%s", item->locator);
		return 0;
	}

	for (size_t i = 0; i < 2; i++) {
		char dir[4096];
		struct dirent *de;
		DIR *d;

		snprintf(dir, sizeof(dir), "%s/%s", md->path, subs[i]);
		if ((d = opendir(dir)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (maildir_base_len(de->d_name) == len &&
			    strncmp(de->d_name, uid, len) == 0) {
				snprintf(out, outsize, "%s/%s", subs[i], de->d_name);
				closedir(d);
				return 0;
			}
		}
		closedir(d);
	}
	error_set(err, "maildir %s: message %s is gone", md->path, uid);
	return -1;
}

static int
maildir_fetch_to(void *ctx, const struct intake_item *item, int out,
		 struct ogi_error *err)
{
	struct maildir *md = ctx;
	char rel[4608], file[8800];
	char *buf;
	int fd, rc = -1;

	if (maildir_find(md, item, rel, sizeof(rel), err) != 0)
		return -1;
	snprintf(file, sizeof(file), "%s/%s", md->path, rel);
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		error_set(err, "%s: %s", file, strerror(errno));
		return -1;
	}
	buf = g_malloc(MAILDIR_CHUNK);
	for (;;) {
		ssize_t r = read(fd, buf, MAILDIR_CHUNK);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			error_set(err, "%s: read: %s", file, strerror(errno));
			break;
		}
		if (r == 0) {
			rc = 0;
			break;
		}
		if (fdio_write_all(out, buf, (size_t)r) != 0) {
			error_set(err, "%s: copy to the spool: %s", file, strerror(errno));
			break;
		}
	}
	g_free(buf);
	close(fd);
	return rc;
}

/* Adds the flag letters in add to the ":2," info of name, keeping the
 * letters sorted as the Maildir specification asks. */
static void
maildir_flagged_name(const char *name, const char *add, char *out, size_t outsize)
{
	size_t base = maildir_base_len(name);
	const char *info = name[base] == ':' ? name + base : "";
	char flags[64] = "";
	size_t nf = 0;

	if (strncmp(info, ":2,", 3) == 0)
		for (const char *p = info + 3; *p && nf + 1 < sizeof(flags); p++)
			flags[nf++] = *p;
	for (const char *a = add; *a; a++)
		if (memchr(flags, *a, nf) == NULL && nf + 1 < sizeof(flags))
			flags[nf++] = *a;
	flags[nf] = '\0';
	for (size_t i = 1; i < nf; i++)
		for (size_t j = i; j > 0 && flags[j - 1] > flags[j]; j--) {
			char t = flags[j];
			flags[j] = flags[j - 1];
			flags[j - 1] = t;
		}
	snprintf(out, outsize, "%.*s:2,%s", (int)base, name, flags);
}

static int
maildir_mark_done(void *ctx, const struct intake_item *item, bool for_office,
		  struct ogi_error *err)
{
	struct maildir *md = ctx;
	char rel[4608], name[4608], from[8800], to[8800];
	int rc;

	if (maildir_find(md, item, rel, sizeof(rel), err) != 0)
		return -1;
	maildir_flagged_name(strchr(rel, '/') + 1, for_office ? "FS" : "S",
			     name, sizeof(name));
	snprintf(from, sizeof(from), "%s/%s", md->path, rel);
	snprintf(to, sizeof(to), "%s/cur/%s", md->path, name);
	if (strcmp(from, to) == 0)
		return 0;
	/* Another message may hold the name already (a delivery script that
	 * reuses names): never replace it.  The pipeline then gives this one
	 * a uid of its own, which names the file instead. */
	rc = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
	if (rc != 0 && errno == EEXIST &&
	    !(maildir_base_len(name) == strlen(item->uid) &&
	      strncmp(name, item->uid, strlen(item->uid)) == 0)) {
		maildir_flagged_name(item->uid, for_office ? "FS" : "S", name,
				     sizeof(name));
		snprintf(to, sizeof(to), "%s/cur/%s", md->path, name);
		rc = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
	}
	if (rc != 0) {
		error_set(err, "rename %s: %s", from, errno == EEXIST ?
			  "another message has that name in cur/" : strerror(errno));
		return -1;
	}
	return 0;
}

/* The renames of mark_done, made durable once for a batch. */
static int
maildir_sync(void *ctx, struct ogi_error *err)
{
	static const char *const dirs[] = { "cur", "new" };
	struct maildir *md = ctx;
	char dir[4200];

	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", md->path, dirs[i]);
		if (spool_fsync_dir(dir, err) != 0)
			return -1;
	}
	return 0;
}

static int
maildir_wait(void *ctx, int timeout_s, int wake_fd, struct ogi_error *err)
{
	(void)ctx;
	(void)err;
	wake_sleep(wake_fd, timeout_s);
	return 0;
}

static void
maildir_close(void *ctx)
{
	struct maildir *md = ctx;

	if (md == NULL)
		return;
	g_free(md->path);
	g_free(md);
}

const struct intake_driver intake_maildir_driver = {
	.name = "maildir",
	.open = maildir_open,
	.list = maildir_list,
	.fetch_to = maildir_fetch_to,
	.mark_done = maildir_mark_done,
	.sync = maildir_sync,
	.wait = maildir_wait,
	.close = maildir_close,
};
