#include "delivery/verp.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/spool.h"

#define VERP_KEY_FILE "verp.key"
/* An outbox id has at most this many digits (INT64_MAX has 19). */
#define VERP_ID_DIGITS_MAX 18

static int
verp_read(int fd, const char *path, struct delivery_verp *v_r,
	  struct ogi_error *err)
{
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		error_set(err, "%s: others can read the key (chmod 600)", path);
		return -1;
	}
	n = read(fd, v_r->key, sizeof(v_r->key));
	if (n != (ssize_t)sizeof(v_r->key) || st.st_size != (off_t)sizeof(v_r->key)) {
		error_set(err, "%s: not a %d-byte key", path, DELIVERY_VERP_KEY_SIZE);
		return -1;
	}
	return 0;
}

/* Creates the key with O_EXCL: of two processes starting at once, one
 * writes it and the other reads it. */
static int
verp_create(const char *path, const char *dir, struct ogi_error *err)
{
	unsigned char key[DELIVERY_VERP_KEY_SIZE];
	char tmp[4200];
	int fd;

	if (getrandom(key, sizeof(key), 0) != (ssize_t)sizeof(key)) {
		error_set(err, "%s: no random bytes: %s", path, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, key, sizeof(key)) != (ssize_t)sizeof(key) ||
	    fsync(fd) != 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	/* link() fails when another process made the key first: keep that. */
	if (link(tmp, path) != 0 && errno != EEXIST) {
		error_set(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return spool_fsync_dir(dir, err);
}

int
delivery_verp_load(const char *state_dir, struct delivery_verp *v_r,
		   struct ogi_error *err)
{
	char *path = g_build_filename(state_dir, VERP_KEY_FILE, NULL);
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (verp_create(path, state_dir, err) != 0)
			goto out;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = verp_read(fd, path, v_r, err);
	close(fd);
out:
	g_free(path);
	return rc;
}

static void
verp_tag(const struct delivery_verp *v, int64_t id,
	 char tag_r[DELIVERY_VERP_TAG_LEN + 1])
{
	char data[32];
	int n = snprintf(data, sizeof(data), "outbox:%" PRId64, id);
	char *hmac = g_compute_hmac_for_data(G_CHECKSUM_SHA256, v->key,
					     sizeof(v->key), (const guchar *)data,
					     (gsize)n);

	memcpy(tag_r, hmac, DELIVERY_VERP_TAG_LEN);
	tag_r[DELIVERY_VERP_TAG_LEN] = '\0';
	g_free(hmac);
}

int
delivery_verp_address(const struct delivery_verp *v, int64_t id,
		      const char *domain, char *buf, size_t size)
{
	char tag[DELIVERY_VERP_TAG_LEN + 1];
	int n;

	verp_tag(v, id, tag);
	n = snprintf(buf, size, DELIVERY_VERP_PREFIX "%" PRId64 "-%s@%s", id, tag,
		     domain);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

bool
delivery_verp_check(const struct delivery_verp *v, const char *address,
		    int64_t *id_r)
{
	const size_t plen = strlen(DELIVERY_VERP_PREFIX);
	char tag[DELIVERY_VERP_TAG_LEN + 1];
	const char *p, *dash, *at;
	unsigned diff = 0;
	int64_t id = 0;

	if (address == NULL || g_ascii_strncasecmp(address, DELIVERY_VERP_PREFIX, plen) != 0)
		return false;
	p = address + plen;
	dash = strchr(p, '-');
	at = strchr(p, '@');
	if (dash == NULL || at == NULL || dash > at || dash == p ||
	    dash - p > VERP_ID_DIGITS_MAX || p[0] == '0' ||
	    at - dash - 1 != DELIVERY_VERP_TAG_LEN)
		return false;
	for (const char *q = p; q < dash; q++) {
		if (!g_ascii_isdigit(*q))
			return false;
		id = id * 10 + (*q - '0');
	}
	verp_tag(v, id, tag);
	/* Compared in constant time: how long a wrong tag took tells nothing. */
	for (int i = 0; i < DELIVERY_VERP_TAG_LEN; i++)
		diff |= (unsigned)(g_ascii_tolower(dash[1 + i]) ^ tag[i]);
	if (diff != 0)
		return false;
	*id_r = id;
	return true;
}
