/* The embedded default way out: a Maildir the office (or a local MTA's
 * pickup, or a person with a mail client) takes the messages from. */
#include "delivery/delivery.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/spool.h"

/* Copies are made in pieces of this size: a message with a large
 * attachment is never read into memory whole. */
#define OUTBOX_COPY_CHUNK (64 * 1024)

struct outbox_maildir {
	char *dir;
	unsigned seq;   /* makes names unique within one process and second */
};

static int
outbox_maildir_open(const struct config *cfg, void **ctx_r,
		    struct ogi_error *err)
{
	static const char *const subs[] = { "tmp", "new", "cur" };
	struct outbox_maildir *o;

	for (size_t i = 0; i < G_N_ELEMENTS(subs); i++) {
		char *d = g_build_filename(cfg->outbox, subs[i], NULL);
		int rc = spool_mkdirs(d, err);

		g_free(d);
		if (rc != 0) {
			error_scope(err, OGI_ERROR_STORE, true);
			return -1;
		}
	}
	o = g_new0(struct outbox_maildir, 1);
	o->dir = g_strdup(cfg->outbox);
	*ctx_r = o;
	return 0;
}

/* The envelope in front (as a local delivery agent writes it), then the
 * message; synced.  Returns 0 or -1 with errno set. */
static int
outbox_copy(int out, const struct delivery_envelope *env)
{
	char *head = g_strdup_printf("Return-Path: <%s>\nDelivered-To: %s\n",
				     env->return_path, env->recipient);
	char *buf = g_malloc(OUTBOX_COPY_CHUNK);
	int in = open(env->path, O_RDONLY | O_CLOEXEC), rc = -1;
	ssize_t n;

	if (in < 0 || fdio_write_all(out, head, strlen(head)) != 0)
		goto out;
	while ((n = read(in, buf, OUTBOX_COPY_CHUNK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fdio_write_all(out, buf, (size_t)n) != 0)
			goto out;
	}
	rc = fsync(out);
out:
	if (in >= 0) {
		int saved = errno;

		close(in);
		errno = saved;
	}
	g_free(buf);
	g_free(head);
	return rc;
}

static void
outbox_maildir_send(void *ctx, const struct delivery_envelope *env,
		    struct delivery_status *st_r)
{
	struct outbox_maildir *o = ctx;
	struct ogi_error err = { 0 };
	struct timeval tv;
	char *name, *tmp, *new, *newdir;
	int fd;

	gettimeofday(&tv, NULL);
	name = g_strdup_printf("%ld.M%ldP%ldQ%u.ogid", (long)tv.tv_sec,
			       (long)tv.tv_usec, (long)getpid(), ++o->seq);
	tmp = g_build_filename(o->dir, "tmp", name, NULL);
	new = g_build_filename(o->dir, "new", name, NULL);
	newdir = g_build_filename(o->dir, "new", NULL);
	*st_r = (struct delivery_status){ .result = DELIVERY_TEMPORARY };
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || outbox_copy(fd, env) != 0 || close(fd) != 0) {
		snprintf(st_r->reply, sizeof(st_r->reply), "%s: %s", tmp,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	} else if (rename(tmp, new) != 0) {
		snprintf(st_r->reply, sizeof(st_r->reply), "%s: %s", new,
			 strerror(errno));
		unlink(tmp);
	} else if (spool_fsync_dir(newdir, &err) != 0) {
		snprintf(st_r->reply, sizeof(st_r->reply), "%s", err.msg);
	} else {
		st_r->result = DELIVERY_SENT;
		snprintf(st_r->reply, sizeof(st_r->reply), "written to %s", new);
	}
	g_free(newdir);
	g_free(new);
	g_free(tmp);
	g_free(name);
}

static void
outbox_maildir_close(void *ctx)
{
	struct outbox_maildir *o = ctx;

	if (o == NULL)
		return;
	g_free(o->dir);
	g_free(o);
}

const struct delivery_backend delivery_maildir_backend = {
	.name = "maildir",
	.open = outbox_maildir_open,
	.send = outbox_maildir_send,
	.close = outbox_maildir_close,
};
