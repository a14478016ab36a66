#include "delivery/letters.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/spool.h"
#include "delivery/case-values.h"
#include "delivery/channel.h"
#include "delivery/sender.h"
#include "letter/legal.h"
#include "registry/letters.h"
#include "workflow/workflow.h"

/* --- values beyond the case's: a JSON object ---------------------------
 * What ogictl reply writes (values_json): names to strings, and lists
 * (published, withheld, files) to arrays of objects of strings. */

static const char *
json_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
json_hex4(const char *p, gunichar *c_r)
{
	*c_r = 0;
	for (int i = 0; i < 4; i++) {
		int d = g_ascii_xdigit_value(p[i]);

		if (d < 0)
			return -1;
		*c_r = *c_r * 16 + (gunichar)d;
	}
	return 0;
}

/* Reads the \uXXXX escape at p (after the backslash and u), a surrogate
 * pair whole, into *c_r; returns how many bytes after p it took, or -1. */
static int
json_unicode(const char *p, gunichar *c_r)
{
	gunichar lo;

	if (json_hex4(p, c_r) != 0 || (*c_r >= 0xdc00 && *c_r <= 0xdfff))
		return -1;
	if (*c_r < 0xd800 || *c_r >= 0xdc00)
		return 4;
	if (p[4] != '\\' || p[5] != 'u' || json_hex4(p + 6, &lo) != 0 ||
	    lo < 0xdc00 || lo > 0xdfff)
		return -1;
	*c_r = 0x10000 + ((*c_r - 0xd800) << 10) + (lo - 0xdc00);
	return 10;
}

/* Reads the JSON string at *pp (at its opening quote) into a new string
 * and moves *pp past it.  Returns NULL when it is not one (or holds a
 * NUL, or is not UTF-8). */
static char *
json_string_read(const char **pp)
{
	static const char plain[] = "\"\\/\b\f\n\r\t", escaped[] = "\"\\/bfnrt";
	const char *p = *pp;
	GString *out;

	if (*p != '"')
		return NULL;
	out = g_string_new(NULL);
	for (p++; *p != '"'; p++) {
		const char *e;
		gunichar c;
		int n;

		if (*p == '\0' || (unsigned char)*p < 0x20)
			goto bad;
		if (*p != '\\') {
			g_string_append_c(out, *p);
			continue;
		}
		p++;
		if (*p == 'u') {
			if ((n = json_unicode(p + 1, &c)) < 0 || c == 0)
				goto bad;
			g_string_append_unichar(out, c);
			p += n;
		} else if (*p != '\0' && (e = strchr(escaped, *p)) != NULL) {
			g_string_append_c(out, plain[e - escaped]);
		} else {
			goto bad;
		}
	}
	if (!g_utf8_validate(out->str, (gssize)out->len, NULL))
		goto bad;
	*pp = p + 1;
	return g_string_free(out, FALSE);
bad:
	g_string_free(out, TRUE);
	return NULL;
}

/* Reads the object at *pp ({"name": VALUE, ...}), setting each member on
 * vals; with list, a value may also be an array of such objects of
 * strings, each appended to the list of that name (letter_values_append).
 * Moves *pp past it.  Returns 0 or -1 (err set for a value the
 * vocabulary refuses; *bad_r for text that is not of this shape). */
static int
json_object_apply(const char **pp, struct letter_values *vals, bool list,
		  bool *bad_r, struct ogi_error *err)
{
	const char *p = json_space(*pp);

	*bad_r = true;
	if (*p++ != '{')
		return -1;
	p = json_space(p);
	while (*p != '}') {
		char *key = json_string_read(&p), *value = NULL;
		int rc = -1;

		if (key == NULL)
			return -1;
		p = json_space(p);
		if (*p++ == ':') {
			p = json_space(p);
			if (*p == '"' && (value = json_string_read(&p)) != NULL) {
				*bad_r = false;
				rc = letter_values_set(vals, key, value, err);
			} else if (*p == '[' && list) {
				rc = 0;
				for (p = json_space(p + 1); rc == 0 && *p != ']';) {
					struct letter_values *item;

					*bad_r = false;
					rc = letter_values_append(vals, key, &item, err);
					if (rc == 0)
						rc = json_object_apply(&p, item, false, bad_r,
								       err);
					p = json_space(p);
					if (rc == 0 && *p == ',' && *json_space(p + 1) != ']')
						p = json_space(p + 1);
					else if (rc == 0 && *p != ']')
						rc = -1, *bad_r = true;
				}
				p++;
			}
		}
		g_free(key);
		g_free(value);
		if (rc != 0)
			return -1;
		*bad_r = true;
		p = json_space(p);
		if (*p == ',' && *json_space(p + 1) != '}')
			p = json_space(p + 1);
		else if (*p != '}')
			return -1;
	}
	*bad_r = false;
	*pp = p + 1;
	return 0;
}

int
delivery_letter_values_apply(const char *json, struct letter_values *vals,
			     struct ogi_error *err)
{
	bool bad;

	if (json_object_apply(&json, vals, true, &bad, err) == 0) {
		if (*json_space(json) == '\0')
			return 0;
		bad = true;
	}
	if (bad)
		error_set(err, "letter values: not a JSON object of strings and "
			  "lists of them");
	return -1;
}

/* --- one pending letter -------------------------------------------------- */

/* Letter kinds that carry the blank application form (templates/form.tpl):
 * a correction notice asks for a complete application, and the form is the
 * easiest way to give one. */
static const char *const letters_with_form[] = { "correction", NULL };
#define LETTERS_FORM_KIND "form"

struct letters_pass {
	const struct config *cfg;
	struct registry *reg;
	struct letter_legal *legal;
	char today[11];      /* the office's date, YYYY-MM-DD */
	int year;
	int64_t now;
	struct delivery_letters_stats *st;
};

/* What a letter is rendered from. */
struct letters_job {
	struct letters_pass *pass;
	const struct registry_letter *l;
	const struct registry_case *c;   /* NULL: the blank form */
	const char *docnum;
};

/* The sequence every letter's number is taken from: the office's pattern
 * ({short}依申〔{year}〕{seq}号) does not name the kind, so one sequence a
 * year keeps two letters from ever sharing a number. */
#define LETTERS_DOCNUM_SERIES "letter"

static int
letters_docnum_fmt(int seq, void *ctx, char **docnum_r, struct ogi_error *err)
{
	const struct letters_pass *pass = ctx;
	const char *office = pass->cfg->office.docnum_format;

	return letter_docnum_format(office != NULL && *office != '\0'
				    ? office : pass->legal->docnum_format,
				    pass->cfg->office.short_name, pass->year, seq,
				    docnum_r, err);
}

/* The letter lists what travels with it under 附件: its files, by the
 * names the recipient sees. */
static int
letters_attachment_values(const struct registry_letter *l,
			  struct letter_values *vals, struct ogi_error *err)
{
	for (size_t i = 0; i < l->n_files; i++) {
		struct letter_values *item;

		if (letter_values_append(vals, "attachments", &item, err) != 0 ||
		    letter_values_set(item, "name", l->files[i].name, err) != 0)
			return -1;
	}
	return 0;
}

static int
letters_values(const struct letter_legal *legal, void *ctx,
	       struct letter_values **vals_r, struct ogi_error *err)
{
	const struct letters_job *job = ctx;
	const struct config *cfg = job->pass->cfg;

	if (job->c == NULL) {
		*vals_r = letter_values_new();
		if (delivery_office_values(cfg, legal, *vals_r, err) == 0)
			return 0;
		letter_values_free(*vals_r);
		*vals_r = NULL;
		return -1;
	}
	if (delivery_case_values(job->c, cfg, legal, job->pass->today, job->docnum,
				 vals_r, err) != 0)
		return -1;
	if ((job->l->values_json == NULL ||
	     delivery_letter_values_apply(job->l->values_json, *vals_r, err) == 0) &&
	    letters_attachment_values(job->l, *vals_r, err) == 0)
		return 0;
	letter_values_free(*vals_r);
	*vals_r = NULL;
	return -1;
}

/* The state-relative path of a letter's file: letters/YEAR/ID<suffix>. */
static char *
letters_rel_path(const struct letters_pass *pass, int64_t id, const char *suffix)
{
	return g_strdup_printf("%s/%04d/%lld%s", DELIVERY_LETTERS_DIR, pass->year,
			       (long long)id, suffix);
}

/* The name a rendered letter is shown under: its title, else its kind. */
static char *
letters_file_name(const char *title, const char *kind)
{
	return g_strdup_printf("%s.pdf", title != NULL && title[0] != '\0'
			       ? title : kind);
}

/* Everything the channel is handed, and what it owns. */
struct letters_out {
	char *pdf_rel;          /* the letter, relative to the state dir */
	char *pdf_abs;
	char *form_abs;         /* the blank form, NULL when none */
	char *form_name;
	char *pdf_name;
	struct delivery_attachment *files;
	char **file_paths;      /* absolute paths of files (owned) */
	size_t n_files;
};

static void
letters_out_clear(struct letters_out *o)
{
	g_free(o->pdf_rel);
	g_free(o->pdf_abs);
	g_free(o->form_abs);
	g_free(o->form_name);
	g_free(o->pdf_name);
	g_free(o->files);
	g_strfreev(o->file_paths);
	memset(o, 0, sizeof(*o));
}

/* Renders letter kind from job's values into the file abs; *name_r (a new
 * string) is the name the recipient sees it under.  Returns 0, or -1 with
 * err as delivery_letter_render left it: a template or value error of
 * message scope, a file that cannot be written (a full disk, EIO) of
 * store scope, temporary, so the letter waits for a later pass. */
static int
letters_render_file(struct letters_job *job, const char *kind, const char *abs,
		    char **name_r, struct ogi_error *err)
{
	char *title = NULL;

	if (delivery_letter_render(job->pass->cfg, kind, letters_values, job, abs,
				   &title, err) != 0)
		return -1;
	*name_r = letters_file_name(title, kind);
	g_free(title);
	return 0;
}

/* Renders letter l of case c (and the blank form its kind carries) into
 * the spool, and lists its files for the channel.  Returns 0, or -1 with
 * err (a template or value error, or a file to attach that cannot be
 * read, has message scope: the letter cannot be made; anything else is the
 * spool's, store scope). */
static int
letters_render(struct letters_pass *pass, const struct registry_letter *l,
	       const struct registry_case *c, const char *docnum,
	       struct letters_out *o, struct ogi_error *err)
{
	struct letters_job job = { .pass = pass, .l = l, .c = c, .docnum = docnum };
	const char *state_dir = pass->cfg->state_dir;
	char *dir;
	size_t k = 0;
	int rc;

	o->pdf_rel = letters_rel_path(pass, l->id, ".pdf");
	o->pdf_abs = g_build_filename(state_dir, o->pdf_rel, NULL);
	dir = g_path_get_dirname(o->pdf_abs);
	rc = spool_mkdirs(dir, err);
	g_free(dir);
	if (rc != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	if (letters_render_file(&job, l->kind, o->pdf_abs, &o->pdf_name, err) != 0)
		return -1;
	if (g_strv_contains(letters_with_form, l->kind)) {
		struct letters_job blank = { .pass = pass, .l = l };
		char *rel = letters_rel_path(pass, l->id, "-form.pdf");

		o->form_abs = g_build_filename(state_dir, rel, NULL);
		g_free(rel);
		if (letters_render_file(&blank, LETTERS_FORM_KIND, o->form_abs,
					&o->form_name, err) != 0)
			return -1;
	}
	o->n_files = l->n_files + (o->form_abs != NULL);
	o->files = g_new0(struct delivery_attachment, o->n_files + 1);
	o->file_paths = g_new0(char *, o->n_files + 1);
	if (o->form_abs != NULL) {
		o->file_paths[k] = g_strdup(o->form_abs);
		o->files[k] = (struct delivery_attachment){
			.path = o->file_paths[k], .name = o->form_name,
			.content_type = "application/pdf",
		};
		k++;
	}
	for (size_t i = 0; i < l->n_files; i++, k++) {
		o->file_paths[k] = g_build_filename(state_dir, l->files[i].path, NULL);
		/* A file that is gone is gone on every pass and in every
		 * channel: the letter cannot be made as the clerk decided it. */
		if (g_access(o->file_paths[k], R_OK) != 0) {
			error_set(err, "attachment %s (%s): %s", l->files[i].name,
				  l->files[i].path, g_strerror(errno));
			return -1;
		}
		o->files[k] = (struct delivery_attachment){
			.path = o->file_paths[k],
			.name = l->files[i].name,
			.content_type = "application/octet-stream",
		};
	}
	return 0;
}

/* Fault injection for the test suite only: with OGID_TEST_FAULTS=letter-queue
 * in the sender's environment (tests/run-workflow.sh), the process dies
 * after a letter was rendered and its mail composed, before either is
 * recorded: the run after it must send that letter once. */
static void
letters_test_fault(void)
{
	const char *on = getenv("OGID_TEST_FAULTS");

	if (on != NULL && strcmp(on, "letter-queue") == 0)
		raise(SIGKILL);
}

/* What becomes of a letter given up, after it is failed. */
enum letters_after {
	LETTERS_SETTLE,   /* no channel can help (a template or value error,
	                     no such case): settled at once, for the office */
	LETTERS_FALLBACK, /* its channel refused it: delivery_letters_settle
	                     acts on its final news (another channel) */
	LETTERS_TELL,     /* it may have gone (a fax command that timed out or
	                     whose sender died): the office is told, and it goes
	                     no other way (delivery_fallback_tell) */
};

/* Letter l is given up: failed with why, then as after says. */
static int
letters_fail(struct letters_pass *pass, const struct registry_letter *l,
	     const char *why, enum letters_after after, struct ogi_error *err)
{
	log_warning("letter %lld (%s, case %s, %s): failed: %s", (long long)l->id,
		    l->kind, l->case_id, l->channel, why);
	pass->st->failed++;
	if (after == LETTERS_TELL)
		return delivery_fallback_tell(pass->cfg, pass->reg, l->id, why,
					      pass->now, err);
	if (registry_letter_transition(pass->reg, l->id, "pending", "failed", why,
				       pass->now, err) != 0)
		return -1;
	return after == LETTERS_FALLBACK ? 0 : registry_letter_settle(pass->reg,
								      l->id,
								      pass->now,
								      err);
}

/* Making or handing on letter l failed with err.  An error of this letter
 * alone that no retry mends (a template or value error, a file to attach
 * that is gone) fails it for the office, so the letters after it still
 * leave; anything else (the registry, the spool: a full disk) stays -1,
 * err saying that the letter stays pending for a later pass. */
static int
letters_fail_permanent(struct letters_pass *pass, const struct registry_letter *l,
		       struct ogi_error *err)
{
	char why[sizeof(err->msg)];

	if (err->scope != OGI_ERROR_MESSAGE || err->temporary) {
		error_prefix(err, "letter %lld (%s, case %s): stays pending, tried "
			     "again on a later pass", (long long)l->id, l->kind,
			     l->case_id);
		return -1;
	}
	snprintf(why, sizeof(why), "%s", err->msg);
	return letters_fail(pass, l, why, LETTERS_SETTLE, err);
}

bool
delivery_letters_retry_at(const struct config *cfg, int attempts, int64_t now,
			  int64_t *next_r)
{
	const char *state;

	delivery_retry_decide(&cfg->smtp, attempts, DELIVERY_TEMPORARY, now,
			      &state, next_r);
	return strcmp(state, "delayed") == 0;
}

/* Letter l's channel could not take it now (detail says why): it waits
 * for its next try, or fails like a refused one -- the next channel, the
 * office told -- once the schedule is used up. */
static int
letters_defer(struct letters_pass *pass, const struct registry_letter *l,
	      const char *detail, struct ogi_error *err)
{
	int64_t next;
	char *why;
	int rc;

	if (delivery_letters_retry_at(pass->cfg, l->attempts, pass->now, &next)) {
		log_info("letter %lld (%s, case %s): %s: not now (try %d): %s; "
			 "next try in %lld s", (long long)l->id, l->kind,
			 l->case_id, l->channel, l->attempts + 1, detail,
			 (long long)(next - pass->now));
		pass->st->deferred++;
		return registry_letter_defer(pass->reg, l->id, next, detail,
					     pass->now, err);
	}
	why = g_strdup_printf("%s; gave up after %d tries: the retry schedule "
			      "([smtp] retry) is used up", detail, l->attempts + 1);
	rc = letters_fail(pass, l, why, LETTERS_FALLBACK, err);
	g_free(why);
	return rc;
}

/* Letter l was handed to a channel that cannot take it back (a fax
 * command) and its sender died before the end was recorded: it may have
 * gone, and sending it again could send it twice, so it fails and the
 * office is told, as for a command that timed out. */
static int
letters_interrupted(struct letters_pass *pass, const struct registry_letter *l,
		    struct ogi_error *err)
{
	char *why = g_strdup_printf("interrupted: the sender stopped while the %s "
				    "channel had it, before the end was recorded: "
				    "the %s may have been sent; check the %s "
				    "server's log before sending it again",
				    l->channel, l->channel, l->channel);
	int rc = letters_fail(pass, l, why, LETTERS_TELL, err);

	g_free(why);
	return rc;
}

/* Records what the channel made of letter l. */
static int
letters_record(struct letters_pass *pass, const struct registry_letter *l,
	       const struct letters_out *o,
	       const struct delivery_channel_result *res, struct ogi_error *err)
{
	struct registry_outbox_new m = {
		.case_id = l->case_id, .kind = l->kind,
		.recipient = res->mail.recipient,
		.message_id = res->mail.message_id,
		.spool_path = res->mail.spool_path,
	};
	int64_t outbox_id;

	switch (res->state) {
	case DELIVERY_CHANNEL_TEMPORARY:
		return letters_defer(pass, l, res->detail, err);
	case DELIVERY_CHANNEL_PERMANENT:
		return letters_fail(pass, l, res->detail, LETTERS_FALLBACK, err);
	case DELIVERY_CHANNEL_UNCERTAIN:
		return letters_fail(pass, l, res->detail, LETTERS_TELL, err);
	case DELIVERY_CHANNEL_QUEUED:
	case DELIVERY_CHANNEL_SENT:
		break;
	}
	letters_test_fault();
	if (registry_letter_queue(pass->reg, l->id, o->pdf_rel,
				  res->mail.recipient[0] != '\0' ? &m : NULL,
				  res->state == DELIVERY_CHANNEL_SENT ? res->detail
								      : NULL,
				  pass->now, &outbox_id, err) != 0)
		return -1;
	pass->st->queued++;
	log_info("letter %lld (%s, case %s, %s): %s%s", (long long)l->id, l->kind,
		 l->case_id, l->docnum != NULL ? l->docnum : "-",
		 res->state == DELIVERY_CHANNEL_SENT ? "sent: " : "queued: ",
		 res->detail);
	return 0;
}

/* The letter a channel is about to hand over for good, and whether the
 * registry was told. */
struct letters_handover {
	struct letters_pass *pass;
	const struct registry_letter *l;
	bool marked;
};

static int
letters_mark_sending(void *ctx, struct ogi_error *err)
{
	struct letters_handover *h = ctx;

	if (registry_letter_mark_sending(h->pass->reg, h->l->id, h->pass->now,
					 err) != 0)
		return -1;
	h->marked = true;
	return 0;
}

/* Renders pending letter l and hands it to its channel.  Returns 0 (the
 * letter queued, failed or deferred), or -1 when the registry or the spool
 * failed. */
static int
letters_one(struct letters_pass *pass, struct registry_letter *l,
	    struct ogi_error *err)
{
	const struct delivery_channel *ch = delivery_channel_find(l->channel);
	struct delivery_channel_result res = { .state = DELIVERY_CHANNEL_PERMANENT };
	struct letters_out o = { .pdf_rel = NULL };
	struct registry_case *c = NULL;
	struct letters_handover h = { .pass = pass, .l = l };
	struct delivery_item item;
	struct ogi_error unmark = { 0 };
	int rc = -1;

	if (l->sending_at != 0)
		return letters_interrupted(pass, l, err);
	if (registry_case_get(pass->reg, l->case_id, &c, err) != 0)
		return -1;
	if (c == NULL || ch == NULL) {
		rc = letters_fail(pass, l, c == NULL ? "no such case"
				  : "no such channel", LETTERS_SETTLE, err);
		goto out;
	}
	/* The number is stored before anything is rendered: a crash after it
	 * renders the letter again under the same number, which the registry
	 * gives back in place of the one read with the row. */
	g_clear_pointer(&l->docnum, g_free);
	if (registry_letter_docnum(pass->reg, l->id, LETTERS_DOCNUM_SERIES,
				   pass->year, letters_docnum_fmt, pass,
				   &l->docnum, err) != 0)
		goto out;
	if (letters_render(pass, l, c, l->docnum, &o, err) != 0) {
		rc = letters_fail_permanent(pass, l, err);
		goto out;
	}
	item = (struct delivery_item){
		.letter_id = l->id,
		.case_id = l->case_id,
		.kind = l->kind,
		.pdf_path = o.pdf_abs,
		.pdf_name = o.pdf_name,
		.attachments = o.files,
		.n_attachments = o.n_files,
		.now = pass->now,
		.handing_over = letters_mark_sending,
		.handing_over_ctx = &h,
	};
	delivery_contact_of_case(c, &item.contact);
	if (ch->submit(pass->cfg, pass->reg, &item, &res, err) == 0)
		rc = letters_record(pass, l, &o, &res, err);
	else if (h.marked &&
		 registry_letter_unmark_sending(pass->reg, l->id, pass->now,
						&unmark) != 0)
		/* Left marked, the letter fails for the office on the next
		 * pass: the careful side of not knowing. */
		log_error("letter %lld: %s", (long long)l->id, unmark.msg);
out:
	letters_out_clear(&o);
	registry_case_free(c);
	return rc;
}

int
delivery_letters_run(const struct config *cfg, struct registry *reg,
		     int64_t now, const volatile sig_atomic_t *stop,
		     struct delivery_letters_stats *st_r, struct ogi_error *err)
{
	struct letters_pass pass = { .cfg = cfg, .reg = reg, .now = now, .st = st_r };
	struct registry_letter *rows = NULL;
	struct clock_local at;
	char *legal_path;
	size_t n = 0;
	int rc = 0;

	if (registry_letters_pending(reg, now, DELIVERY_LETTERS_BATCH, &rows, &n,
				     err) != 0)
		return -1;
	if (n == 0)
		return 0;
	legal_path = g_build_filename(cfg->letters.templates_dir, LETTER_LEGAL_FILE,
				      NULL);
	rc = letter_legal_load(legal_path, &pass.legal, err);
	g_free(legal_path);
	clock_local(cfg->timezone, now, &at);
	memcpy(pass.today, at.date, sizeof(pass.today));
	pass.year = at.year;
	for (size_t i = 0; i < n && rc == 0 && !(stop != NULL && *stop); i++)
		rc = letters_one(&pass, &rows[i], err);
	letter_legal_free(pass.legal);
	registry_letters_free(rows, n);
	return rc;
}

/* --- final news ---------------------------------------------------------- */

/* Channels whose "sent" is the applicant's receipt of the letter: the mail
 * server took it (email, a fax gateway), the fax command reported it
 * through.  A printed letter is only sent when handed to the post. */
static const char *const letters_sent_delivers[] = { "email", "fax", NULL };

/* Sent letter l: a reply that left by email or fax delivers its answered
 * case. */
static int
letters_settle_sent(struct registry *reg, const struct registry_letter *l,
		    int64_t now, struct ogi_error *err)
{
	struct registry_case *c = NULL;
	struct ogi_error why = { 0 };
	int rc = 0;

	if (!workflow_letter_is_reply(l->kind) ||
	    !g_strv_contains(letters_sent_delivers, l->channel))
		return registry_letter_settle(reg, l->id, now, err);
	if (registry_case_get(reg, l->case_id, &c, err) != 0)
		return -1;
	if (c != NULL && workflow_transition_check(c->state, "delivered", &why) == 0) {
		char *detail = g_strdup_printf("letter %lld by %s", (long long)l->id,
					       l->channel);

		rc = registry_case_transition(reg, c->id, c->state, "delivered",
					      "delivered", detail, err);
		g_free(detail);
	} else if (c != NULL) {
		log_info("letter %lld (case %s): sent; the case stays %s: %s",
			 (long long)l->id, l->case_id, c->state, why.msg);
	}
	registry_case_free(c);
	if (rc == 0)
		rc = registry_letter_transition(reg, l->id, "sent", "delivered",
						l->detail, now, err);
	return rc == 0 ? registry_letter_settle(reg, l->id, now, err) : -1;
}

int
delivery_letters_settle(const struct config *cfg, struct registry *reg,
			int64_t now, struct delivery_letters_stats *st_r,
			struct ogi_error *err)
{
	struct registry_letter *rows = NULL;
	size_t n = 0;
	int rc = 0;

	if (registry_letters_unsettled(reg, DELIVERY_LETTERS_BATCH, &rows, &n,
				       err) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct registry_letter *l = &rows[i];

		if (strcmp(l->state, "sent") == 0) {
			rc = letters_settle_sent(reg, l, now, err);
		} else {
			int64_t next;

			log_warning("letter %lld (%s, case %s, %s) failed: %s",
				    (long long)l->id, l->kind, l->case_id,
				    l->channel, l->detail != NULL ? l->detail : "-");
			/* Another channel the applicant gave, the case
			 * delivery_failed, the office told. */
			rc = delivery_fallback(cfg, reg, l->id, l->detail, now,
					       &next, err);
			if (rc == 0)
				rc = registry_letter_settle(reg, l->id, now, err);
		}
		if (rc == 0)
			st_r->settled++;
	}
	registry_letters_free(rows, n);
	return rc;
}

int
delivery_letters_check_size(const struct config *cfg, const int64_t *sizes,
			    size_t n, struct ogi_error *err)
{
	int64_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += sizes[i];
	if (total <= (int64_t)cfg->smtp.max_attachments)
		return 0;
	error_set(err, "the files come to %lld bytes, more than the %zu bytes a "
		  "letter may carry by e-mail ([smtp] max_attachments)",
		  (long long)total, cfg->smtp.max_attachments);
	return -1;
}
