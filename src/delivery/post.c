#include "delivery/post.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/spool.h"
#include "letter/sheet.h"

/* An attachment keeps its name's extension in the queue (the print
 * dialog goes by it) when it is this short and plain; otherwise none. */
#define POST_EXT_MAX 8

char *
delivery_print_dir(const struct config *cfg)
{
	return g_build_filename(cfg->state_dir, "print", NULL);
}

static void
post_io_error(struct ogi_error *err, const char *path)
{
	error_set(err, "%s: %s", path, strerror(errno));
	error_scope(err, OGI_ERROR_STORE, true);
}

static int
post_make_dir(const char *dir, struct ogi_error *err)
{
	struct stat st;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		post_io_error(err, dir);
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		error_set(err, "%s: not a directory", dir);
		error_scope(err, OGI_ERROR_STORE, false);
		return -1;
	}
	return 0;
}

/* Copies src into the queue directory dir as name, through a hidden
 * 0600 temporary file (".name.XXXXXX": never taken for a job), synced,
 * then renamed. */
static int
post_copy(const char *src, const char *dir, const char *name,
	  struct ogi_error *err)
{
	char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, name);
	char *dst = g_build_filename(dir, name, NULL);
	int in = open(src, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600);
	int rc = -1;

	if (in < 0) {
		error_set(err, "%s: %s", src, strerror(errno));
		error_scope(err, OGI_ERROR_STORE, true);
		goto out;
	}
	if (out < 0) {
		post_io_error(err, tmp);
		goto out;
	}
	if (spool_copy_fd(in, out, NULL, NULL, err) != 0) {
		error_prefix(err, "%s", dst);
		error_scope(err, OGI_ERROR_STORE, true);
	} else if (rename(tmp, dst) != 0) {
		post_io_error(err, dst);
	} else {
		rc = 0;
	}
out:
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	if (rc != 0 && out >= 0)
		unlink(tmp);
	g_free(tmp);
	g_free(dst);
	return rc;
}

/* ".pdf" for a name "x.pdf"; "" when it has no short plain extension. */
static const char *
post_ext(const char *name)
{
	const char *dot = name != NULL ? strrchr(name, '.') : NULL;
	size_t len;

	if (dot == NULL)
		return "";
	len = strlen(dot + 1);
	if (len == 0 || len > POST_EXT_MAX)
		return "";
	for (const char *p = dot + 1; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p))
			return "";
	return dot;
}

/* The font setting "PATH" or "PATH:INDEX" as a path and a face index. */
static char *
post_font(const char *setting, int *index_r)
{
	const char *colon = setting != NULL ? strrchr(setting, ':') : NULL;
	char *end;
	long v;

	*index_r = 0;
	if (colon == NULL)
		return g_strdup(setting);
	v = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end != '\0' || v < 0 || v > G_MAXINT)
		return g_strdup(setting);
	*index_r = (int)v;
	return g_strndup(setting, (gsize)(colon - setting));
}

static int
post_sheet(const struct config *cfg, const struct delivery_item *item,
	   const char *const *notice, size_t n_notice, const char *path,
	   struct ogi_error *err)
{
	const struct config_office *o = &cfg->office;
	char *sender = g_strjoin(" ", o->postcode ? o->postcode : "",
				 o->address ? o->address : "", o->name, NULL);
	char *reference = g_strdup_printf("%s%s 函件 %" PRId64 " %s",
					  item->case_id ? "案件 " : "",
					  item->case_id ? item->case_id : "",
					  item->letter_id, item->kind);
	const struct letter_sheet s = {
		.sender = g_strstrip(sender),
		.postcode = item->contact.postcode,
		.address = item->contact.address,
		.name = item->contact.name,
		.reference = reference,
		.notice = notice,
		.n_notice = n_notice,
		.window_left_mm = cfg->post.window_left_mm,
		.window_top_mm = cfg->post.window_top_mm,
	};
	struct letter_fonts fonts = { 0 };
	char *body = post_font(cfg->letters.font_body, &fonts.body_index);
	char *fallback = post_font(cfg->letters.font_fallback, &fonts.fallback_index);
	int rc;

	fonts.body = body;
	fonts.fallback = fallback;
	rc = letter_sheet_render(&s, &fonts, path, err);
	g_free(body);
	g_free(fallback);
	g_free(sender);
	g_free(reference);
	return rc;
}

/* The sheet is rendered under a hidden name and renamed into the queue
 * like the copies. */
static int
post_queue_sheet(const struct config *cfg, const struct delivery_item *item,
		 const char *const *notice, size_t n_notice, const char *dir,
		 struct ogi_error *err)
{
	char *name = g_strdup_printf("%" PRId64 "-0-sheet.pdf", item->letter_id);
	char *hidden = g_strdup_printf("%s/.%s", dir, name);
	char *path = g_build_filename(dir, name, NULL);
	int rc = post_sheet(cfg, item, notice, n_notice, hidden, err);

	if (rc == 0 && rename(hidden, path) != 0) {
		post_io_error(err, path);
		unlink(hidden);
		rc = -1;
	}
	g_free(name);
	g_free(hidden);
	g_free(path);
	return rc;
}

/* Puts item's job in the queue; whatever it wrote before failing is
 * removed.  A failure of the queue's directory or files has store scope;
 * an address that cannot be laid out, message scope. */
static int
post_enqueue(const struct config *cfg, const struct delivery_item *item,
	     const char *const *notice, size_t n_notice, bool with_letter,
	     struct ogi_error *err)
{
	char *dir = delivery_print_dir(cfg);
	char *name = NULL;
	size_t removed;
	int rc = -1;

	if (post_make_dir(dir, err) != 0 ||
	    delivery_print_remove(cfg, item->letter_id, &removed, err) != 0 ||
	    post_queue_sheet(cfg, item, notice, n_notice, dir, err) != 0)
		goto out;
	if (with_letter) {
		name = g_strdup_printf("%" PRId64 "-1-letter.pdf", item->letter_id);
		if (post_copy(item->pdf_path, dir, name, err) != 0)
			goto out;
		for (size_t i = 0; i < item->n_attachments; i++) {
			g_free(name);
			name = g_strdup_printf("%" PRId64 "-%zu-attachment%s",
					       item->letter_id, i + 2,
					       post_ext(item->attachments[i].name));
			if (post_copy(item->attachments[i].path, dir, name, err) != 0)
				goto out;
		}
	}
	rc = 0;
out:
	if (rc != 0) {
		struct ogi_error ignored;

		delivery_print_remove(cfg, item->letter_id, &removed, &ignored);
	}
	g_free(name);
	g_free(dir);
	return rc;
}

/* The letter id and the place in its job of a queue file name
 * "ID-N-..."; false for any other name (a hidden temporary file). */
static bool
post_parse_name(const char *name, int64_t *id_r, long *seq_r)
{
	char *end;

	if (!g_ascii_isdigit(name[0]))
		return false;
	*id_r = g_ascii_strtoll(name, &end, 10);
	if (*end != '-' || !g_ascii_isdigit(end[1]))
		return false;
	*seq_r = strtol(end + 1, &end, 10);
	return *end == '-';
}

struct post_entry {
	int64_t id;
	long seq;
	char *name;
	int64_t mtime;
};

static gint
post_entry_cmp(gconstpointer a, gconstpointer b)
{
	const struct post_entry *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The queue's files (entries of letter_id only, when it is not 0), by
 * letter and place. */
static int
post_scan(const struct config *cfg, int64_t letter_id, GArray **entries_r,
	  struct ogi_error *err)
{
	char *dir = delivery_print_dir(cfg);
	GDir *d = g_dir_open(dir, 0, NULL);
	GArray *entries = g_array_new(FALSE, FALSE, sizeof(struct post_entry));
	const char *name;

	*entries_r = entries;
	if (d == NULL) {
		int e = errno;

		g_free(dir);
		if (e == ENOENT)
			return 0;
		errno = e;
		post_io_error(err, "print queue");
		return -1;
	}
	while ((name = g_dir_read_name(d)) != NULL) {
		struct post_entry pe = { 0 };
		char *path;
		GStatBuf st;

		if (!post_parse_name(name, &pe.id, &pe.seq) ||
		    (letter_id != 0 && pe.id != letter_id))
			continue;
		path = g_build_filename(dir, name, NULL);
		if (g_stat(path, &st) == 0)
			pe.mtime = (int64_t)st.st_mtime;
		g_free(path);
		pe.name = g_strdup(name);
		g_array_append_val(entries, pe);
	}
	g_dir_close(d);
	g_free(dir);
	g_array_sort(entries, post_entry_cmp);
	return 0;
}

static void
post_entries_free(GArray *entries)
{
	for (guint i = 0; i < entries->len; i++)
		g_free(g_array_index(entries, struct post_entry, i).name);
	g_array_free(entries, TRUE);
}

int
delivery_print_list(const struct config *cfg, struct delivery_print_job **jobs_r,
		    size_t *n_r, struct ogi_error *err)
{
	GArray *entries;
	GArray *jobs = g_array_new(FALSE, TRUE, sizeof(struct delivery_print_job));
	GPtrArray *files = NULL;

	*jobs_r = NULL;
	*n_r = 0;
	if (post_scan(cfg, 0, &entries, err) != 0) {
		post_entries_free(entries);
		g_array_free(jobs, TRUE);
		return -1;
	}
	for (guint i = 0; i < entries->len; i++) {
		struct post_entry *pe = &g_array_index(entries, struct post_entry, i);
		struct delivery_print_job *job;

		if (jobs->len == 0 ||
		    g_array_index(jobs, struct delivery_print_job, jobs->len - 1).letter_id != pe->id) {
			struct delivery_print_job nj = { .letter_id = pe->id };

			g_array_append_val(jobs, nj);
			files = g_ptr_array_new();
		}
		job = &g_array_index(jobs, struct delivery_print_job, jobs->len - 1);
		g_ptr_array_add(files, g_strdup(pe->name));
		job->n_files = files->len;
		job->queued_at = MAX(job->queued_at, pe->mtime);
		if (i + 1 == entries->len ||
		    g_array_index(entries, struct post_entry, i + 1).id != pe->id) {
			g_ptr_array_add(files, NULL);
			job->files = (char **)g_ptr_array_free(files, FALSE);
		}
	}
	post_entries_free(entries);
	*n_r = jobs->len;
	*jobs_r = (struct delivery_print_job *)(void *)g_array_free(jobs, jobs->len == 0);
	return 0;
}

void
delivery_print_jobs_free(struct delivery_print_job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_strfreev(jobs[i].files);
	g_free(jobs);
}

int
delivery_print_remove(const struct config *cfg, int64_t letter_id,
		      size_t *removed_r, struct ogi_error *err)
{
	char *dir = delivery_print_dir(cfg);
	GArray *entries;
	int rc = post_scan(cfg, letter_id, &entries, err);

	*removed_r = 0;
	for (guint i = 0; rc == 0 && i < entries->len; i++) {
		char *path = g_build_filename(dir, g_array_index(entries,
					      struct post_entry, i).name, NULL);

		if (unlink(path) != 0 && errno != ENOENT) {
			post_io_error(err, path);
			rc = -1;
		} else
			(*removed_r)++;
		g_free(path);
	}
	post_entries_free(entries);
	g_free(dir);
	return rc;
}

int
delivery_print_submit(const struct config *cfg, const struct delivery_item *item,
		      const char *const *notice, size_t n_notice, bool with_letter,
		      struct delivery_channel_result *res_r, struct ogi_error *err)
{
	struct ogi_error why = { 0 };

	memset(res_r, 0, sizeof(*res_r));
	res_r->state = DELIVERY_CHANNEL_PERMANENT;
	if (item->contact.address == NULL || item->contact.address[0] == '\0') {
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "the applicant gave no postal address");
		return 0;
	}
	if (post_enqueue(cfg, item, notice, n_notice, with_letter, &why) == 0) {
		res_r->state = DELIVERY_CHANNEL_QUEUED;
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "in the print queue as letter %" PRId64, item->letter_id);
	} else if (why.scope == OGI_ERROR_STORE) {
		if (err != NULL)
			*err = why;
		return -1;
	} else
		snprintf(res_r->detail, sizeof(res_r->detail), "%s", why.msg);
	return 0;
}

static int
post_submit(const struct config *cfg, struct registry *reg,
	    const struct delivery_item *item, struct delivery_channel_result *res_r,
	    struct ogi_error *err)
{
	(void)reg;
	return delivery_print_submit(cfg, item, NULL, 0, true, res_r, err);
}

const struct delivery_channel delivery_channel_post = {
	.name = "post",
	.submit = post_submit,
};
