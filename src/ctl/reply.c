#include "ctl/reply.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/clock.h"
#include "common/json.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "ctl/letter.h"
#include "ctl/ogictl.h"
#include "delivery/case-values.h"
#include "delivery/channel.h"
#include "delivery/letters.h"
#include "letter/legal.h"
#include "letter/template.h"
#include "registry/registry.h"
#include "registry/reply.h"
#include "workflow/outcome.h"
#include "workflow/rules.h"
#include "workflow/workflow.h"

/* Under STATE: letters rendered for review, and the files attached to
 * letters (named by their content's sha256, never by the clerk's name). */
#define REPLY_DRAFTS_DIR "drafts"
#define REPLY_ATTACHMENTS_DIR "attachments"

/* The letter names a reply or an extension notice may set beyond the
 * case's: what values_json carries.  Lists with their fields. */
static const char *const reply_root_keys[] = {
	"outcome.basis", "outcome.text", "outcome.decision", "outcome.reason",
	"outcome.where", "refusal.ground", "refusal.bureau_item",
	"refusal.regulation", "refusal.consent", "refusal.reason",
	"holder.name", "holder.contact", "holder.reason", "extension.reason",
	"period.extension", "dates.deadline", "dates.new_deadline",
};

static const char *const reply_published_fields[] = { "title", "where", NULL };
static const char *const reply_withheld_fields[] = {
	"what", "reason", "ground", "bureau_item", "regulation", "consent", NULL,
};
static const char *const reply_files_fields[] = { "title", NULL };

enum reply_list { REPLY_PUBLISHED, REPLY_WITHHELD, REPLY_FILES, REPLY_N_LISTS };

static const struct {
	const char *name;
	const char *const *fields;
} reply_lists[REPLY_N_LISTS] = {
	[REPLY_PUBLISHED] = { "published", reply_published_fields },
	[REPLY_WITHHELD] = { "withheld", reply_withheld_fields },
	[REPLY_FILES] = { "files", reply_files_fields },
};

/* The items a builder appended, per list, so that they can be written out
 * (the values tree has no way to list them). */
struct reply_items {
	GPtrArray *items[REPLY_N_LISTS];
};

/* One attached file, checked. */
struct reply_file {
	char *path;      /* as the clerk gave it */
	char *name;      /* what the applicant sees: its base name */
	int64_t size;
	char *spool;     /* relative to the state dir, once copied */
	int fd;          /* the file opened and checked, copied from later */
};

/* A withheld part of a partial disclosure: --withheld GROUND:WHAT. */
struct reply_part {
	const struct outcome_info *ground; /* its refused.* outcome */
	const char *what;                  /* in the option's string */
};

struct reply_opts {
	const char *id;
	const struct outcome_info *outcome;
	GPtrArray *reasons;   /* const char * */
	GPtrArray *withheld;  /* const char *: "GROUND:WHAT" as given */
	struct reply_part *parts; /* withheld->len of them, once checked */
	const char *where;
	const char *holder;
	const char *holder_contact;
	struct reply_file *files;
	size_t n_files;
	bool yes;
};

struct reply_extension {
	int days;
	const char *reason;
	const char *deadline;      /* the case's, YYYY-MM-DD */
	char new_deadline[11];
	bool provisional;          /* new_deadline counted without a year's
	                              holiday calendar */
};

/* What one letter says: the case, today, and its own values. */
struct reply_letter {
	const struct config *cfg;
	const struct registry_case *c;
	const char *today;
	const char *kind;
	int (*own)(struct letter_values *vals, const struct letter_legal *legal,
		   const struct reply_letter *l, struct reply_items *items,
		   struct ogi_error *err);
	const struct reply_opts *reply;        /* a reply's */
	const struct reply_extension *ext;     /* an extension notice's */
};

/* ---- values ------------------------------------------------------------- */

/* Templates take reasons as whole sentences: one without a closing stop
 * gets "。". */
static char *
reply_sentence(const char *text)
{
	static const char *const stops[] = { "。", "！", "？", "." };

	for (size_t i = 0; i < G_N_ELEMENTS(stops); i++)
		if (g_str_has_suffix(text, stops[i]))
			return g_strdup(text);
	return g_strconcat(text, "。", NULL);
}

/* A phrase the template ends itself ("……：{{where}}。", "因{{extension.reason}}，"):
 * without the clerk's closing stop. */
static char *
reply_phrase(const char *text)
{
	static const char *const stops[] = { "。", "，", "；", "." };
	char *s = g_strstrip(g_strdup(text));

	for (size_t i = 0; i < G_N_ELEMENTS(stops); i++)
		if (g_str_has_suffix(s, stops[i]))
			s[strlen(s) - strlen(stops[i])] = '\0';
	return s;
}

static int
reply_set_owned(struct letter_values *vals, const char *key, char *value,
		struct ogi_error *err)
{
	int rc = letter_values_set(vals, key, value, err);

	g_free(value);
	return rc;
}

static int
reply_append(struct letter_values *vals, enum reply_list list,
	     struct reply_items *items, struct letter_values **item_r,
	     struct ogi_error *err)
{
	if (letter_values_append(vals, reply_lists[list].name, item_r, err) != 0)
		return -1;
	if (items != NULL)
		g_ptr_array_add(items->items[list], *item_r);
	return 0;
}

/* The reason goes where the outcome's letter puts it. */
static const char *
reply_reason_key(const struct outcome_info *o)
{
	if (o->family == OUTCOME_REFUSED)
		return "refusal.reason";
	if (strcmp(o->code, "unavailable.not_held") == 0)
		return "holder.reason";
	return "outcome.reason";
}

static int
reply_withheld_values(struct letter_values *vals,
		      const struct letter_legal *legal,
		      const struct reply_opts *r, struct reply_items *items,
		      struct ogi_error *err)
{
	for (size_t i = 0; i < r->withheld->len; i++) {
		struct letter_values *item;

		if (reply_append(vals, REPLY_WITHHELD, items, &item, err) != 0 ||
		    reply_set_owned(item, "what", reply_phrase(r->parts[i].what),
				    err) != 0 ||
		    reply_set_owned(item, "reason",
				    reply_sentence(g_ptr_array_index(r->reasons, i)),
				    err) != 0 ||
		    letter_values_set_withheld(item, legal, r->parts[i].ground->code,
					       err) != 0)
			return -1;
	}
	return 0;
}

static int
reply_own_values(struct letter_values *vals, const struct letter_legal *legal,
		 const struct reply_letter *l, struct reply_items *items,
		 struct ogi_error *err)
{
	const struct reply_opts *r = l->reply;
	const struct outcome_info *o = r->outcome;
	struct letter_values *item;

	if (letter_values_set_outcome(vals, legal, o->code, err) != 0)
		return -1;
	if (o->family == OUTCOME_PARTIAL) {
		if (reply_withheld_values(vals, legal, r, items, err) != 0)
			return -1;
	} else if (r->reasons->len == 1 &&
		   reply_set_owned(vals, reply_reason_key(o),
				   reply_sentence(g_ptr_array_index(r->reasons, 0)),
				   err) != 0) {
		return -1;
	}
	if (r->where != NULL && strcmp(o->code, "published") == 0) {
		/* What was published is what was asked for. */
		if (reply_append(vals, REPLY_PUBLISHED, items, &item, err) != 0 ||
		    letter_values_set(item, "title", l->c->rec.request, err) != 0 ||
		    reply_set_owned(item, "where", reply_phrase(r->where), err) != 0)
			return -1;
	} else if (r->where != NULL &&
		   reply_set_owned(vals, "outcome.where", reply_phrase(r->where),
				   err) != 0) {
		return -1;
	}
	if ((r->holder != NULL &&
	     letter_values_set(vals, "holder.name", r->holder, err) != 0) ||
	    (r->holder_contact != NULL &&
	     letter_values_set(vals, "holder.contact", r->holder_contact, err) != 0))
		return -1;
	for (size_t i = 0; i < r->n_files; i++)
		if (reply_append(vals, REPLY_FILES, items, &item, err) != 0 ||
		    letter_values_set(item, "title", r->files[i].name, err) != 0)
			return -1;
	return 0;
}

static int
reply_set_date(struct letter_values *vals, const char *key, const char *iso,
	       struct ogi_error *err)
{
	char *cn;

	if (letter_date_cn(iso, &cn, err) != 0)
		return -1;
	return reply_set_owned(vals, key, cn, err);
}

static int
reply_extension_values(struct letter_values *vals,
		       const struct letter_legal *legal,
		       const struct reply_letter *l, struct reply_items *items,
		       struct ogi_error *err)
{
	const struct reply_extension *x = l->ext;
	char *days;

	(void)legal;
	(void)items;
	if (letter_workdays_cn(x->days, &days, err) != 0)
		return -1;
	/* The deadline the notice says cannot be met is the one before the
	 * extension, whenever the letter is rendered. */
	if (reply_set_owned(vals, "period.extension", days, err) != 0 ||
	    reply_set_owned(vals, "extension.reason", reply_phrase(x->reason),
			    err) != 0 ||
	    reply_set_date(vals, "dates.deadline", x->deadline, err) != 0 ||
	    reply_set_date(vals, "dates.new_deadline", x->new_deadline, err) != 0)
		return -1;
	return 0;
}

/* The letter's values as the worker renders it: the case's, then its own. */
static int
reply_letter_values(const struct letter_legal *legal, void *ctx,
		    struct letter_values **vals_r, struct ogi_error *err)
{
	const struct reply_letter *l = ctx;

	if (delivery_case_values(l->c, l->cfg, legal, l->today, NULL, vals_r,
				 err) != 0)
		return -1;
	if (l->own(*vals_r, legal, l, NULL, err) != 0) {
		letter_values_free(*vals_r);
		*vals_r = NULL;
		return -1;
	}
	return 0;
}

static void
reply_json_fields(struct json_writer *w, const struct letter_values *v,
		  const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = letter_values_get(v, keys[i]);

		if (s != NULL && *s != '\0') {
			json_key(w, keys[i]);
			json_string(w, s);
		}
	}
}

static size_t
reply_count(const char *const *fields)
{
	size_t n = 0;

	while (fields[n] != NULL)
		n++;
	return n;
}

/* The letter's own values alone, as the JSON object values_json holds:
 * names to strings, lists to arrays of objects. */
static int
reply_values_json(const struct reply_letter *l, char **json_r,
		  struct ogi_error *err)
{
	struct reply_items items;
	struct letter_legal *legal = NULL;
	struct letter_values *vals = letter_values_new();
	struct json_writer w;
	char *path, *buf = NULL;
	size_t len = 0;
	FILE *out;
	int rc = -1;

	for (size_t i = 0; i < REPLY_N_LISTS; i++)
		items.items[i] = g_ptr_array_new();
	path = g_build_filename(l->cfg->letters.templates_dir, LETTER_LEGAL_FILE,
				NULL);
	if (letter_legal_load(path, &legal, err) != 0 ||
	    l->own(vals, legal, l, &items, err) != 0)
		goto out;
	out = open_memstream(&buf, &len);
	if (out == NULL) {
		error_set(err, "values of the letter: %s", g_strerror(errno));
		goto out;
	}
	json_init(&w, out, false);
	json_begin_object(&w);
	reply_json_fields(&w, vals, reply_root_keys, G_N_ELEMENTS(reply_root_keys));
	for (size_t i = 0; i < REPLY_N_LISTS; i++) {
		if (items.items[i]->len == 0)
			continue;
		json_key(&w, reply_lists[i].name);
		json_begin_array(&w);
		for (size_t k = 0; k < items.items[i]->len; k++) {
			json_begin_object(&w);
			reply_json_fields(&w, g_ptr_array_index(items.items[i], k),
					  reply_lists[i].fields,
					  reply_count(reply_lists[i].fields));
			json_end_object(&w);
		}
		json_end_array(&w);
	}
	json_end_object(&w);
	fclose(out);
	*json_r = g_strchomp(buf);
	buf = NULL;
	rc = 0;
out:
	free(buf);
	for (size_t i = 0; i < REPLY_N_LISTS; i++)
		g_ptr_array_free(items.items[i], TRUE);
	letter_values_free(vals);
	letter_legal_free(legal);
	g_free(path);
	return rc;
}

/* ---- files -------------------------------------------------------------- */

/* Renders the letter for review: STATE/drafts/ID-KIND.pdf. */
static char *
reply_render_draft(const struct reply_letter *l, struct ogi_error *err)
{
	char *dir = g_build_filename(l->cfg->state_dir, REPLY_DRAFTS_DIR, NULL);
	char *base = g_strdup_printf("%s-%s.pdf", l->c->id, l->kind);
	char *path = g_build_filename(dir, base, NULL);
	int rc = spool_mkdirs(dir, err);

	if (rc == 0)
		rc = delivery_letter_render(l->cfg, l->kind, reply_letter_values,
					    (void *)l, path, NULL, err);
	g_free(base);
	g_free(dir);
	if (rc != 0) {
		g_free(path);
		return NULL;
	}
	return path;
}

/* An attachment must be a regular file; its name (shown to the applicant)
 * must be text.  It is opened once, without blocking (a FIFO would wait for
 * a writer, a terminal could become ours), and the descriptor checked is the
 * one copied later: a path swapped in between cannot substitute anything. */
static int
reply_file_check(const char *path, struct reply_file *f, struct ogi_error *err)
{
	struct stat st;
	int flags;

	f->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (f->fd < 0 || fstat(f->fd, &st) != 0) {
		error_set(err, "--attach %s: %s", path, g_strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, "--attach %s: not a regular file", path);
		return -1;
	}
	flags = fcntl(f->fd, F_GETFL);
	if (flags < 0 || fcntl(f->fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		error_set(err, "--attach %s: %s", path, g_strerror(errno));
		return -1;
	}
	f->path = g_strdup(path);
	f->name = g_path_get_basename(path);
	f->size = st.st_size;
	if (!g_utf8_validate(f->name, -1, NULL)) {
		error_set(err, "--attach %s: the file name is not UTF-8", path);
		return -1;
	}
	return 0;
}

/* Copies f into STATE/attachments/<sha256> (0600), durable before the
 * letter that names it is recorded; f->size becomes the size copied. */
static int
reply_file_spool(const struct config *cfg, struct reply_file *f,
		 struct ogi_error *err)
{
	char *dir = g_build_filename(cfg->state_dir, REPLY_ATTACHMENTS_DIR, NULL);
	char *tmp = g_build_filename(dir, ".tmp-XXXXXX", NULL);
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char *final = NULL;
	int out = -1, rc = -1;
	int64_t size;

	if (spool_mkdirs(dir, err) != 0)
		goto out;
	out = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
	if (out < 0) {
		error_set(err, "--attach %s: %s", f->path, g_strerror(errno));
		goto out;
	}
	if (spool_copy_fd(f->fd, out, sum, &size, err) != 0) {
		error_prefix(err, "--attach %s", f->path);
		goto out;
	}
	final = g_build_filename(dir, g_checksum_get_string(sum), NULL);
	if (rename(tmp, final) != 0) {
		error_set(err, "--attach %s: %s", f->path, g_strerror(errno));
		goto out;
	}
	g_free(tmp);
	tmp = NULL;
	if (spool_fsync_dir(dir, err) != 0)
		goto out;
	f->size = size;
	f->spool = g_build_filename(REPLY_ATTACHMENTS_DIR,
				    g_checksum_get_string(sum), NULL);
	rc = 0;
out:
	if (out >= 0)
		close(out);
	if (tmp != NULL && out >= 0)
		g_unlink(tmp);
	g_free(tmp);
	g_free(final);
	g_checksum_free(sum);
	g_free(dir);
	return rc;
}

/* ---- recording ---------------------------------------------------------- */

/* The channel the applicant asked for (bureau rules Art. 8), else the one
 * the application came by. */
static const char *
reply_channel(const struct registry_case *c)
{
	const char *asked = extract_delivery_name(c->rec.delivery);

	return asked != NULL ? asked : c->channel;
}

/* The channel letter l goes by, refused when it would reach the office's
 * own address or number instead of the applicant (a form's footer read as
 * the applicant's contact): the answer sent there would deliver the case
 * while the applicant gets nothing.  Every letter reply.c queues takes its
 * channel from here. */
static int
reply_letter_channel(const struct reply_letter *l, const char **channel_r,
		     struct ogi_error *err)
{
	*channel_r = reply_channel(l->c);
	return delivery_letter_office_refuse(l->cfg, l->c->id, &l->c->rec,
					     l->kind, *channel_r, err);
}

/* By e-mail the files together must fit one message (the letters worker's
 * limit): the clerk hears it before anything is recorded, not from a
 * bounce. */
static int
reply_files_size_check(const struct config *cfg, const struct registry_case *c,
		       const struct reply_opts *r, struct ogi_error *err)
{
	int64_t *sizes;
	int rc;

	if (strcmp(reply_channel(c), "email") != 0)
		return 0;
	sizes = g_new0(int64_t, r->n_files + 1);
	for (size_t i = 0; i < r->n_files; i++)
		sizes[i] = r->files[i].size;
	rc = delivery_letters_check_size(cfg, sizes, r->n_files, err);
	g_free(sizes);
	return rc;
}

static int64_t
reply_now(void)
{
	return (int64_t)time(NULL);
}

/* What the clerk gave, as cases.outcome_detail keeps it. */
static char *
reply_detail(const struct reply_opts *r)
{
	const struct {
		const char *key;
		const char *value;
	} plain[] = {
		{ "where", r->where },
		{ "holder", r->holder },
		{ "holder_contact", r->holder_contact },
	};
	struct json_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (out == NULL)
		g_error("open_memstream: %s", g_strerror(errno));
	json_init(&w, out, false);
	json_begin_object(&w);
	for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
		if (plain[i].value != NULL) {
			json_key(&w, plain[i].key);
			json_string(&w, plain[i].value);
		}
	if (r->reasons->len > 0) {
		json_key(&w, "reasons");
		json_begin_array(&w);
		for (size_t i = 0; i < r->reasons->len; i++)
			json_string(&w, g_ptr_array_index(r->reasons, i));
		json_end_array(&w);
	}
	if (r->withheld->len > 0) {
		json_key(&w, "withheld");
		json_begin_array(&w);
		for (size_t i = 0; i < r->withheld->len; i++)
			json_string(&w, g_ptr_array_index(r->withheld, i));
		json_end_array(&w);
	}
	if (r->n_files > 0) {
		json_key(&w, "attachments");
		json_begin_array(&w);
		for (size_t i = 0; i < r->n_files; i++)
			json_string(&w, r->files[i].name);
		json_end_array(&w);
	}
	json_end_object(&w);
	fclose(out);
	return g_strchomp(buf);
}

/* The letter as the queue takes it: kind, channel, own values, files. */
static int
reply_letter_new(const struct reply_letter *l, struct registry_letter_new *n_r,
		 struct registry_letter_file **files_r, struct ogi_error *err)
{
	const char *channel;
	char *json;
	size_t n_files = l->reply != NULL ? l->reply->n_files : 0;

	if (reply_letter_channel(l, &channel, err) != 0 ||
	    reply_values_json(l, &json, err) != 0)
		return -1;
	*files_r = g_new0(struct registry_letter_file, n_files + 1);
	for (size_t i = 0; i < n_files; i++)
		(*files_r)[i] = (struct registry_letter_file){
			.name = l->reply->files[i].name,
			.path = l->reply->files[i].spool,
			.size = l->reply->files[i].size,
		};
	*n_r = (struct registry_letter_new){
		.case_id = l->c->id,
		.kind = l->kind,
		.channel = channel,
		.values_json = json,
		.files = *files_r,
		.n_files = n_files,
	};
	return 0;
}

static void
reply_letter_new_clear(struct registry_letter_new *n,
		       struct registry_letter_file *files)
{
	g_free((char *)n->values_json);
	g_free(files);
}

/* ---- commands ----------------------------------------------------------- */

/* The case as it is now (read-only), or NULL after saying why not. */
static struct registry_case *
reply_case_get(const struct config *cfg, const char *id, struct ogi_error *err)
{
	struct registry *reg;
	struct registry_case *c = NULL;
	int rc;

	if (registry_open(cfg->db_path, true, &reg, err) != 0)
		return NULL;
	rc = registry_case_get(reg, id, &c, err);
	registry_close(reg);
	if (rc == 0 && c == NULL)
		error_set(err, "no application %s", id);
	return c;
}

static void
reply_usage(void)
{
	size_t n;
	const struct outcome_info *all = outcome_all(&n);

	fputs("usage: ogictl reply ID --outcome OUTCOME [--reason TEXT]... "
	      "[--where TEXT]\n"
	      "                [--holder NAME [--holder-contact TEXT]] "
	      "[--withheld GROUND:WHAT]...\n"
	      "                [--attach FILE]... [--yes]\n"
	      "       ogictl extend ID --days N --reason TEXT\n"
	      "OUTCOME is one of:\n", stderr);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  %-28s %s\n", all[i].code, all[i].row);
	fputs("GROUND (--withheld, with --outcome partial): the part after "
	      "\"refused.\" of a\nrefusal; each withheld part takes its own "
	      "--reason, in the same order.\n", stderr);
}

enum {
	REPLY_OPT_OUTCOME = 256, REPLY_OPT_REASON, REPLY_OPT_WHERE,
	REPLY_OPT_HOLDER, REPLY_OPT_HOLDER_CONTACT, REPLY_OPT_WITHHELD,
	REPLY_OPT_ATTACH, REPLY_OPT_YES, REPLY_OPT_DAYS,
};

/* Parses reply's options; returns 0, or 2 after printing why. */
static int
reply_parse(int argc, char **argv, struct reply_opts *r, GPtrArray *attach,
	    unsigned *given_r)
{
	static const struct option opts[] = {
		{ "outcome", required_argument, NULL, REPLY_OPT_OUTCOME },
		{ "reason", required_argument, NULL, REPLY_OPT_REASON },
		{ "where", required_argument, NULL, REPLY_OPT_WHERE },
		{ "holder", required_argument, NULL, REPLY_OPT_HOLDER },
		{ "holder-contact", required_argument, NULL, REPLY_OPT_HOLDER_CONTACT },
		{ "withheld", required_argument, NULL, REPLY_OPT_WITHHELD },
		{ "attach", required_argument, NULL, REPLY_OPT_ATTACH },
		{ "yes", no_argument, NULL, REPLY_OPT_YES },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL;
	int c;

	*given_r = 0;
	/* 0, not 1: GNU getopt then forgets the "+" mode of the global options. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case REPLY_OPT_OUTCOME: code = optarg; break;
		case REPLY_OPT_REASON:
			g_ptr_array_add(r->reasons, optarg);
			*given_r |= OUTCOME_OPT_REASON;
			break;
		case REPLY_OPT_WHERE:
			r->where = optarg;
			*given_r |= OUTCOME_OPT_WHERE;
			break;
		case REPLY_OPT_HOLDER:
			r->holder = optarg;
			*given_r |= OUTCOME_OPT_HOLDER;
			break;
		case REPLY_OPT_HOLDER_CONTACT:
			r->holder_contact = optarg;
			*given_r |= OUTCOME_OPT_HOLDER_CONTACT;
			break;
		case REPLY_OPT_WITHHELD:
			g_ptr_array_add(r->withheld, optarg);
			*given_r |= OUTCOME_OPT_WITHHELD;
			break;
		case REPLY_OPT_ATTACH:
			g_ptr_array_add(attach, optarg);
			*given_r |= OUTCOME_OPT_ATTACH;
			break;
		case REPLY_OPT_YES: r->yes = true; break;
		default:
			reply_usage();
			return 2;
		}
	}
	if (optind + 1 != argc || code == NULL) {
		reply_usage();
		return 2;
	}
	r->id = argv[optind];
	r->outcome = outcome_find(code);
	if (r->outcome == NULL) {
		fprintf(stderr, "ogictl: reply: unknown outcome %s\n", code);
		reply_usage();
		return 2;
	}
	return 0;
}

/* Everything that can be checked without the case: the options against
 * the outcome, the withheld parts' grounds, the files. */
static int
reply_check(struct reply_opts *r, GPtrArray *attach, unsigned given,
	    struct ogi_error *err)
{
	if (outcome_check_options(r->outcome, given, r->withheld->len,
				  r->reasons->len, err) != 0)
		return -1;
	r->parts = g_new0(struct reply_part, r->withheld->len + 1);
	for (size_t i = 0; i < r->withheld->len; i++) {
		const char *spec = g_ptr_array_index(r->withheld, i);
		const char *colon = strchr(spec, ':');
		char *ground;

		if (colon == NULL || colon[1] == '\0') {
			error_set(err, "--withheld %s: GROUND:WHAT, e.g. "
				  "third_party:企业银行账户信息", spec);
			return -1;
		}
		ground = g_strndup(spec, (gsize)(colon - spec));
		r->parts[i] = (struct reply_part){
			.ground = outcome_refusal_ground(ground),
			.what = colon + 1,
		};
		if (r->parts[i].ground == NULL)
			error_set(err, "--withheld %s: unknown ground %s (the "
				  "part after \"refused.\" of a refusal outcome)",
				  spec, ground);
		g_free(ground);
		if (r->parts[i].ground == NULL)
			return -1;
	}
	r->files = g_new0(struct reply_file, attach->len + 1);
	for (size_t i = 0; i < attach->len; i++) {
		r->n_files++;
		if (reply_file_check(g_ptr_array_index(attach, i), &r->files[i],
				     err) != 0)
			return -1;
	}
	return 0;
}

static void
reply_files_free(struct reply_opts *r)
{
	for (size_t i = 0; i < r->n_files; i++) {
		if (r->files[i].fd >= 0)
			close(r->files[i].fd);
		g_free(r->files[i].path);
		g_free(r->files[i].name);
		g_free(r->files[i].spool);
	}
	g_free(r->files);
	g_free(r->parts);
}

/* Records the letter l's decision in the clerk's name: fn writes the
 * case's change with the letter, in one transaction. */
static int
reply_record(const struct reply_letter *l,
	     int (*fn)(struct registry *reg, const struct reply_letter *l,
		       const struct registry_letter_new *n, int64_t *letter_id_r,
		       struct ogi_error *err),
	     int64_t *letter_id_r, const char **channel_r, struct ogi_error *err)
{
	struct registry_letter_new n;
	struct registry_letter_file *files;
	struct registry *reg;
	int rc;

	if (reply_letter_new(l, &n, &files, err) != 0)
		return -1;
	*channel_r = n.channel;
	rc = ogictl_registry_open_write(l->cfg, &reg, err);
	if (rc == 0) {
		rc = fn(reg, l, &n, letter_id_r, err);
		registry_close(reg);
	}
	reply_letter_new_clear(&n, files);
	return rc;
}

static int
reply_conclude(struct registry *reg, const struct reply_letter *l,
	       const struct registry_letter_new *n, int64_t *letter_id_r,
	       struct ogi_error *err)
{
	char *detail = reply_detail(l->reply);
	int rc = registry_case_conclude(reg, l->c->id, l->c->state,
					l->reply->outcome->code, detail, n,
					reply_now(), letter_id_r, err);

	g_free(detail);
	return rc;
}

int
ctl_reply(const struct config *cfg, int argc, char **argv)
{
	struct reply_opts r = {
		.reasons = g_ptr_array_new(), .withheld = g_ptr_array_new(),
	};
	GPtrArray *attach = g_ptr_array_new();
	struct ogi_error err = { 0 };
	struct registry_case *c = NULL;
	struct reply_letter l = { .cfg = cfg, .own = reply_own_values, .reply = &r };
	struct letter_legal *legal = NULL;
	const struct letter_outcome *lo;
	const char *channel;
	char today[11], *legal_path = NULL, *pdf = NULL;
	unsigned given;
	int64_t letter_id;
	int rc = reply_parse(argc, argv, &r, attach, &given);

	if (rc != 0)
		goto out;
	rc = 1;
	legal_path = g_build_filename(cfg->letters.templates_dir,
				      LETTER_LEGAL_FILE, NULL);
	if (reply_check(&r, attach, given, &err) != 0 ||
	    letter_legal_load(legal_path, &legal, &err) != 0)
		goto fail;
	lo = letter_legal_outcome(legal, r.outcome->code);
	if (lo == NULL) {
		error_set(&err, "%s: [outcome.%s]: missing", legal_path,
			  r.outcome->code);
		goto fail;
	}
	c = reply_case_get(cfg, r.id, &err);
	if (c == NULL ||
	    workflow_transition_check(c->state, "answered", &err) != 0)
		goto fail;
	l.c = c;
	l.kind = lo->letter;
	/* Before the draft: a letter that cannot go is not worth reviewing. */
	if (reply_letter_channel(&l, &channel, &err) != 0 ||
	    reply_files_size_check(cfg, c, &r, &err) != 0)
		goto fail;
	clock_date(cfg->timezone, (int64_t)time(NULL), today);
	l.today = today;
	pdf = reply_render_draft(&l, &err);
	if (pdf == NULL)
		goto fail;
	printf("%s\n", pdf);
	if (!r.yes) {
		printf("not recorded: review the letter, then run again with --yes\n");
		rc = 0;
		goto out;
	}
	/* Checked again on the bytes copied: a file may have grown since. */
	for (size_t i = 0; i < r.n_files; i++)
		if (reply_file_spool(cfg, &r.files[i], &err) != 0)
			goto fail;
	if (reply_files_size_check(cfg, c, &r, &err) != 0)
		goto fail;
	if (reply_record(&l, reply_conclude, &letter_id, &channel, &err) != 0)
		goto fail;
	printf("%s answered: %s; letter %lld (%s) queued by %s\n", c->id,
	       r.outcome->code, (long long)letter_id, l.kind, channel);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "ogictl: reply %s: %s\n", r.id != NULL ? r.id : "",
		err.msg);
out:
	g_free(pdf);
	registry_case_free(c);
	letter_legal_free(legal);
	g_free(legal_path);
	reply_files_free(&r);
	g_ptr_array_free(attach, TRUE);
	g_ptr_array_free(r.reasons, TRUE);
	g_ptr_array_free(r.withheld, TRUE);
	return rc;
}

/* ---- extend ------------------------------------------------------------- */

/* Whether the case may be extended now by x->days, and to when. */
static int
reply_extension_check(const struct config *cfg, const struct registry_case *c,
		      const char *today, struct reply_extension *x,
		      struct ogi_error *err)
{
	struct rules office, r;
	struct workdays *wd;
	int rc;

	if (c->extended_days > 0) {
		error_set(err, "case %s was extended once already (by %d working "
			  "days): the rules allow one extension", c->id,
			  c->extended_days);
		return -1;
	}
	if (workflow_transition_check(c->state, "extended", err) != 0)
		return -1;
	/* The profile the case's deadline was counted under. */
	rules_from_config(cfg, &office);
	rules_for_case(&office, c->rules, &r);
	if (x->days > r.profile->extension_days) {
		error_set(err, "at most %d working days under the %s rules, not %d",
			  r.profile->extension_days, r.profile->name, x->days);
		return -1;
	}
	if (c->deadline == NULL) {
		error_set(err, "case %s has no deadline to extend", c->id);
		return -1;
	}
	if (strcmp(today, c->deadline) > 0) {
		error_set(err, "too late: the deadline %s has passed (today is %s); "
			  "an extension must be decided and told to the "
			  "applicant before it", c->deadline, today);
		return -1;
	}
	x->deadline = c->deadline;
	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd, err) != 0)
		return -1;
	rc = workdays_add(wd, c->deadline, x->days, x->new_deadline,
			  &x->provisional, err);
	workdays_free(wd);
	return rc;
}

static int
reply_extend_record(struct registry *reg, const struct reply_letter *l,
		    const struct registry_letter_new *n, int64_t *letter_id_r,
		    struct ogi_error *err)
{
	const struct registry_extension x = {
		.from = l->c->state,
		.deadline = l->ext->deadline,
		.new_deadline = l->ext->new_deadline,
		.provisional = l->ext->provisional,
		.days = l->ext->days,
		.reason = l->ext->reason,
	};

	return registry_case_extend(reg, l->c->id, &x, n, reply_now(),
				    letter_id_r, err);
}

int
ctl_extend(const struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "days", required_argument, NULL, REPLY_OPT_DAYS },
		{ "reason", required_argument, NULL, REPLY_OPT_REASON },
		{ NULL, 0, NULL, 0 },
	};
	struct reply_extension x = { 0 };
	struct reply_letter l = {
		.cfg = cfg, .own = reply_extension_values, .ext = &x,
		.kind = "extension",
	};
	struct ogi_error err = { 0 };
	struct registry_case *c = NULL;
	const char *id, *channel;
	char today[11], *end, *pdf = NULL;
	int64_t letter_id;
	long days = 0;
	int opt, rc = 1;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == REPLY_OPT_DAYS) {
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    days < 1 || days > INT_MAX) {
				fprintf(stderr, "ogictl: extend: --days %s: a "
					"number of working days from 1\n", optarg);
				return 2;
			}
		} else if (opt == REPLY_OPT_REASON) {
			x.reason = optarg;
		} else {
			reply_usage();
			return 2;
		}
	}
	if (optind + 1 != argc || days == 0 || x.reason == NULL ||
	    *x.reason == '\0') {
		reply_usage();
		return 2;
	}
	id = argv[optind];
	x.days = (int)days;
	c = reply_case_get(cfg, id, &err);
	if (c == NULL)
		goto fail;
	clock_date(cfg->timezone, (int64_t)time(NULL), today);
	l.c = c;
	l.today = today;
	if (reply_extension_check(cfg, c, today, &x, &err) != 0 ||
	    reply_letter_channel(&l, &channel, &err) != 0)
		goto fail;
	pdf = reply_render_draft(&l, &err);
	if (pdf == NULL)
		goto fail;
	printf("%s\n", pdf);
	if (reply_record(&l, reply_extend_record, &letter_id, &channel, &err) != 0)
		goto fail;
	printf("%s extended by %d working days: deadline %s -> %s%s; letter %lld "
	       "(extension) queued by %s\n", c->id, x.days, x.deadline,
	       x.new_deadline, x.provisional ?
	       " (provisional: a year without holiday data)" : "",
	       (long long)letter_id, channel);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "ogictl: extend %s: %s\n", id, err.msg);
out:
	g_free(pdf);
	registry_case_free(c);
	return rc;
}
