#include "daemon/pipeline.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "daemon/automatic.h"
#include "daemon/parser.h"
#include "daemon/wire.h"
#include "delivery/bounce.h"
#include "delivery/channel.h"
#include "delivery/compose.h"
#include "delivery/verp.h"
#include "extract/extract.h"
#include "registry/automatic.h"
#include "registry/letters.h"
#include "registry/outbox.h"
#include "registry/pages.h"
#include "registry/registry.h"
#include "workflow/rules.h"
#include "workflow/workflow.h"

/* Parser workers at work at once, each with one message: two keep both
 * cores of the small office server busy (one parses while the other does,
 * and the intake spools and records between them); the messages are still
 * recorded in the order they were listed.  A third would only wait. */
#define PIPELINE_PARSERS 2

struct pipeline {
	const struct config *cfg;
	struct registry *reg;
	struct workdays *wd;
	struct rules rules;         /* the deadlines' profile and cut-off */
	struct parser *parser[PIPELINE_PARSERS];
	struct delivery_verp verp;  /* to know our return paths in bounces */
	char *domain;               /* the office's, for Message-IDs; NULL
	                               when the sender address is invalid */
};

int
pipeline_open(const struct config *cfg, struct pipeline **pl_r,
	      struct ogi_error *err)
{
	struct pipeline *pl = g_new0(struct pipeline, 1);
	struct ogi_error derr = { 0 };

	pl->cfg = cfg;
	rules_from_config(cfg, &pl->rules);
	if (spool_mkdirs(cfg->state_dir, err) != 0)
		goto fail;
	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &pl->wd,
				 err) != 0)
		goto fail;
	if (registry_open(cfg->db_path, false, &pl->reg, err) != 0)
		goto fail;
	for (size_t i = 0; i < PIPELINE_PARSERS; i++)
		if (parser_open(&cfg->parser, &pl->parser[i], err) != 0)
			goto fail;
	if (delivery_verp_load(cfg->state_dir, &pl->verp, err) != 0)
		goto fail;
	/* A sender address the outbox refuses must not stop intake: bounces
	 * still match by their return paths. */
	pl->domain = delivery_office_domain(cfg, &derr);
	if (pl->domain == NULL)
		log_warning("bounces are matched by return path only: %s", derr.msg);
	*pl_r = pl;
	return 0;
fail:
	pipeline_close(pl);
	return -1;
}

void
pipeline_close(struct pipeline *pl)
{
	if (pl == NULL)
		return;
	for (size_t i = 0; i < PIPELINE_PARSERS; i++)
		parser_close(pl->parser[i]);
	if (pl->reg != NULL)
		registry_close(pl->reg);
	if (pl->wd != NULL)
		workdays_free(pl->wd);
	g_free(pl->domain);
	g_free(pl);
}

/* Joins why nothing was parsed, if so, and the problems MIME found. */
static char *
pipeline_problems(const struct wire_result *res)
{
	GString *s = g_string_new(res->parse_error);

	for (size_t i = 0; i < res->n_problems; i++) {
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, res->problems[i]);
	}
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

/* True when the mailbox could only give the file's time (a Maildir copied
 * without keeping times) or the time of fetch (POP3): the newest Received:
 * header, written by the office's own server, is the better witness of
 * when the mail arrived (wire_received_header_believed). */
static bool
pipeline_received_replaceable(const struct intake_item *item)
{
	return strcmp(item->received_source, INTAKE_RECEIVED_MTIME) == 0 ||
	       strcmp(item->received_source, INTAKE_RECEIVED_FETCH) == 0;
}

/* The mailbox time the worker may replace by a believed Received: header
 * (wire_job mailbox_received_at), 0 for none.  wire_job_decode refuses a
 * time before the epoch; the drivers give none (intake_received_witness). */
static int64_t
pipeline_job_receipt(const struct intake_item *item)
{
	return pipeline_received_replaceable(item) ? item->received_at : 0;
}

static void
pipeline_received(const struct intake_item *item, const struct wire_result *res,
		  int64_t *at_r, const char **source_r)
{
	*at_r = item->received_at;
	*source_r = item->received_source;
	if (pipeline_received_replaceable(item) &&
	    wire_received_header_believed(item->received_at,
					  res->received_header)) {
		*at_r = res->received_header;
		*source_r = "received-header";
	}
}

static void
pipeline_log_outcome(const char *where, const struct extract_record *rec,
		     const char *state, const struct registry_outcome *out,
		     const char *problems)
{
	if (out->duplicate) {
		log_info("%s: same bytes already recorded; not registered again", where);
		return;
	}
	if (problems != NULL) {
		char *one = g_strdup(problems);

		g_strdelimit(one, "\n", ';');
		log_warning("%s: %s; raw message kept, marked for the office",
			    where, one);
		g_free(one);
	}
	if (rec == NULL)
		return;
	if (out->created && strcmp(state, "needs_review") == 0)
		log_info("%s: application %s registered, waiting for a clerk: %s",
			 where, out->case_id, rec->review != NULL ? rec->review : "-");
	else if (out->created)
		log_info("%s: application %s registered%s", where, out->case_id,
			 strcmp(state, "incomplete") == 0 ? " as incomplete" : "");
	else if (out->case_id[0] != '\0')
		log_info("%s: %s for case %s", where, extract_kind_name(rec->kind),
			 out->case_id);
	else
		log_info("%s: %s (%s)", where, extract_kind_name(rec->kind),
			 rec->kind_reason ? rec->kind_reason : "-");
}

/* Gives the spooled message rel (len bytes) to worker slot; a message over
 * the size limit is not given to it.  Returns 0 with *res filled (too
 * big) or *in_flight_r set (parser_collect answers), or -1 (store scope)
 * when the spool cannot be read or no worker runs. */
static int
pipeline_parse(struct pipeline *pl, const struct config_intake *in,
	       const char *rel, size_t len, const char today[11],
	       int64_t mailbox_at, int32_t tz_offset, size_t slot,
	       volatile sig_atomic_t *stop, struct wire_result *res,
	       bool *in_flight_r, struct ogi_error *err)
{
	const struct config *cfg = pl->cfg;
	char *own_contacts[PARSER_OWN_CONTACTS + 1];
	struct wire_job job;
	const void *data;
	int rc;

	parser_job_init(cfg, in, own_contacts, &job);
	if (len > cfg->limits.max_message_size) {
		res->parse_error = g_strdup_printf(
			"message of %zu bytes exceeds the limit of %zu bytes "
			"(max_message_size): kept, not parsed", len,
			cfg->limits.max_message_size);
		return 0;
	}
	if (spool_map(cfg->state_dir, rel, &data, &len, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	job.raw = data;
	job.raw_len = len;
	memcpy(job.today, today, sizeof(job.today));
	job.mailbox_received_at = mailbox_at;
	job.tz_offset = tz_offset;
	rc = parser_submit(pl->parser[slot], &job, stop, err);
	spool_unmap(data, len);
	*in_flight_r = rc == 0;
	return rc;
}

/* The reply deadline of a new case, with what the registry keeps of how
 * it was counted. */
struct pipeline_deadline {
	struct rules_deadline dl;
	char correction_due[11];  /* "" when none */
};

/* Asks the office's policy what becomes of the message (a delivery
 * report: matched as bm says), and the deadline of an application
 * received when the office's clock showed local.  Returns 0 and fills
 * *d (the deadline and its basis in *dl_r, whose strings d points to; the
 * case of the thread it answers in thread_r), or -1 (store scope) when
 * the registry cannot say whether a quoted case exists. */
static int
pipeline_decide(struct pipeline *pl, const struct wire_result *res,
		const struct delivery_bounce_match *bm,
		bool has_problems, const struct clock_local *local,
		struct registry_decision *d,
		struct pipeline_deadline *dl_r,
		char thread_r[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	struct workflow_decision wf;
	bool known = false, applies;

	rules_deadline_clear(&dl_r->dl);
	dl_r->correction_due[0] = '\0';
	if (res->rec != NULL && res->rec->case_ref != NULL &&
	    registry_case_exists(pl->reg, res->rec->case_ref, &known, err) != 0)
		return -1;
	if (registry_thread_case(pl->reg, res->references, res->n_references,
				 res->from_addr, thread_r, err) != 0)
		return -1;
	/* A correction that names no case and answers none of our mails
	 * still belongs to its sender's case when there is only one that
	 * waits for a correction. */
	if (thread_r[0] == '\0' && !known && res->rec != NULL &&
	    res->rec->kind == EXTRACT_KIND_CORRECTION_REPLY &&
	    registry_sender_incomplete_case(pl->reg, res->from_addr, thread_r,
					    err) != 0)
		return -1;
	workflow_decide(res->rec, has_problems, known,
			thread_r[0] != '\0' ? thread_r : NULL, &wf);
	if (res->dsn.action != EXTRACT_DSN_NONE)
		workflow_bounce(bm->id != 0, bm->forged, &wf);
	*d = (struct registry_decision){
		.disposition = workflow_disposition_name(wf.disposition),
		.state = wf.state,
		.link_case = wf.link_case,
		.reason = wf.reason,
	};
	if (!wf.deadline_due)
		return 0;
	if (rules_reply_deadline(&pl->rules, pl->wd, local->date, local->hour,
				 local->minute, &dl_r->dl, err) != 0)
		return -1;
	d->deadline = dl_r->dl.deadline;
	d->deadline_provisional = dl_r->dl.provisional;
	d->rules = pl->rules.profile->name;
	d->receipt_date = dl_r->dl.receipt_date;
	d->deadline_basis = dl_r->dl.basis;
	/* The correction notice goes out with the registration, today. */
	if (wf.state != NULL && strcmp(wf.state, "incomplete") == 0) {
		if (rules_correction_due(&pl->rules, pl->wd, local->date,
					 dl_r->correction_due, &applies, NULL,
					 err) != 0)
			return -1;
		if (applies)
			d->correction_due = dl_r->correction_due;
	}
	return 0;
}

/* Group commit.  The messages of a batch are spooled (not yet synced)
 * and parsed one by one; then the batch's files and the spool directories
 * they went to are synced, all of them are recorded in one registry
 * transaction, and only then is the mailbox updated, with one sync.  The
 * crash contract is the one message-at-a-time intake had: nothing is in
 * the registry before its spool file and its name are durable, nothing
 * leaves the mailbox before its record is committed. */

/* 64: a commit and three directory syncs shared by 64 messages cost each
 * under a twentieth of its own file's sync; a bigger batch saves nothing
 * measurable and holds more parsed results in memory. */
#define PIPELINE_BATCH_MAX 64
/* A message is committed at most this long after its batch began, however
 * slowly the rest arrive (large messages, a slow server); a batch is also
 * committed as soon as the mailbox has nothing more listed, so a lone
 * message is never held. */
#define PIPELINE_BATCH_SECONDS 2

/* One message spooled and parsed, waiting for its batch's commit. */
struct pipeline_pending {
	struct intake_item it;    /* as listed; uid may be own_uid */
	char *own_uid;            /* the identity of a message that reuses a
	                             recorded name, or NULL */
	char *where;              /* "mailbox/uid" for the log */
	char sha[65];
	char rel[256];            /* spool path under the state directory */
	struct wire_result res;
	char *problems;           /* NULL: none */
	int64_t received_at;
	const char *source;       /* where received_at comes from */
	struct clock_local local; /* the office's clock at receipt */
	bool review_added;        /* the problems are in res.rec->review */
	bool awaiting;            /* its reading is not finished
	                             (pipeline_read_end) */
	bool in_flight;           /* with worker slot, not yet answered */
	size_t slot;
	/* Written by the commit. */
	struct registry_decision decision;
	struct pipeline_deadline deadline;
	char thread[REGISTRY_CASE_ID_SIZE];
	struct registry_outcome out;
	char *refused;            /* why the registry refused it alone, or
	                             NULL */
	struct delivery_bounce_match bounce; /* the outgoing message a
	                                        delivery report is about */
	bool bounce_reported;     /* its row was updated in this commit */
	const char *letter;       /* the letter its new case is owed (workflow_letter),
	                             NULL when none */
	const char *letter_channel; /* how it goes (workflow_letter_channel) */
	bool unreachable_added;   /* "no way to send" is in res.rec->review */
	char **page_rel;          /* the spool path of each of res.pages'
	                             images (NULL: none kept), or NULL */
};

struct pipeline_batch {
	struct pipeline_pending p[PIPELINE_BATCH_MAX];
	size_t n;
	bool marked;              /* mark_done was called for a message known
	                             before: the driver's sync is owed */
	gint64 started;           /* monotonic µs of the first message */
};

static void
pipeline_pending_clear(struct pipeline_pending *p)
{
	g_free(p->own_uid);
	g_free(p->where);
	g_free(p->problems);
	g_free(p->refused);
	rules_deadline_clear(&p->deadline.dl);
	for (size_t i = 0; p->page_rel != NULL && i < p->res.n_pages; i++)
		g_free(p->page_rel[i]);
	g_free(p->page_rel);
	wire_result_clear(&p->res);
	*p = (struct pipeline_pending){ .where = NULL };
}

static bool
pipeline_batch_full(const struct pipeline_batch *b)
{
	return b->n == PIPELINE_BATCH_MAX ||
	       (b->n > 0 && g_get_monotonic_time() - b->started >=
				    PIPELINE_BATCH_SECONDS * G_TIME_SPAN_SECOND);
}

/* Starts reading the spooled message of p, leaving a .parsing note
 * beside it while a worker (slot) has it: a message during which ogid
 * itself died is not tried again.  Returns 0 (p is awaiting: finish with
 * pipeline_read_end), or -1 (store scope) with no note left. */
static int
pipeline_read_begin(struct pipeline *pl, const struct config_intake *in,
		    struct pipeline_pending *p, size_t len, size_t slot,
		    volatile sig_atomic_t *stop, struct ogi_error *err)
{
	const char *state_dir = pl->cfg->state_dir;
	bool earlier;

	if (spool_parse_begin(state_dir, p->rel, &earlier, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	clock_local(pl->cfg->timezone, p->it.received_at, &p->local);
	if (earlier) {
		p->res.parse_error = g_strdup("an earlier run stopped while "
					      "reading this message (crash or "
					      "hang): not parsed again");
	} else if (p->it.header_only) {
		p->res.parse_error = g_strdup_printf(
			"too big to fetch (%zu bytes > max_fetch_size %zu): left "
			"on the server, only its header kept", p->it.size,
			in->max_fetch_size);
	} else {
		p->slot = slot;
		/* The worker takes a believed Received: header's day before
		 * judging the form's date, as `ogictl explain` does. */
		if (pipeline_parse(pl, in, p->rel, len, p->local.date,
				   pipeline_job_receipt(&p->it), p->local.utc_offset,
				   slot, stop, &p->res, &p->in_flight, err) != 0) {
			spool_parse_end(state_dir, p->rel);
			return -1;
		}
	}
	p->awaiting = true;
	return 0;
}

/* Writes the images of the pages OCR read to the spool, for the clerk:
 * like the raw file, made durable at the batch's durability point
 * (pipeline_sync_spool).  Returns 0, or -1 (store scope). */
static int
pipeline_pages_spool(struct pipeline *pl, struct pipeline_pending *p,
		     struct ogi_error *err)
{
	char rel[256];

	if (p->res.n_pages == 0)
		return 0;
	p->page_rel = g_new0(char *, p->res.n_pages);
	for (size_t i = 0; i < p->res.n_pages; i++) {
		const struct wire_ocr_page *pg = &p->res.pages[i];

		if (pg->png == NULL)
			continue;
		if (spool_put_page(pl->cfg->state_dir, p->sha, pg->number,
				   p->it.received_at, pg->png, pg->png_len, rel,
				   sizeof(rel), err) != 0) {
			error_scope(err, OGI_ERROR_STORE, true);
			return -1;
		}
		p->page_rel[i] = g_strdup(rel);
	}
	return 0;
}

/* Finishes the reading pipeline_read_begin started: the worker's answer,
 * if it has the message.  Returns 0 with p's result filled, or -1 (store
 * scope: *stop, or no worker) with the message to be read again. */
static int
pipeline_read_end(struct pipeline *pl, struct pipeline_pending *p,
		  volatile sig_atomic_t *stop, struct ogi_error *err)
{
	int rc = 0;

	p->awaiting = false;
	if (p->in_flight) {
		p->in_flight = false;
		rc = parser_collect(pl->parser[p->slot], stop, &p->res, err);
	}
	/* The worker has answered (or died and was replaced): a crash from
	 * here on costs a new parse, not the message's reading. */
	spool_parse_end(pl->cfg->state_dir, p->rel);
	if (rc != 0)
		return -1;
	pipeline_received(&p->it, &p->res, &p->received_at, &p->source);
	clock_local(pl->cfg->timezone, p->received_at, &p->local);
	p->problems = pipeline_problems(&p->res);
	return pipeline_pages_spool(pl, p, err);
}

/* Finishes the reading of the batch's messages before index upto, in
 * order.  When one cannot be finished (*stop, no worker), it and every
 * message after it leave the batch, to be read again from the mailbox
 * (their workers' answers are not waited for: *stop ends them).  Returns
 * 0, or -1 (store scope) with the batch cut short. */
static int
pipeline_collect(struct pipeline *pl, struct pipeline_batch *b, size_t upto,
		 volatile sig_atomic_t *stop, struct ogi_error *err)
{
	for (size_t i = 0; i < upto; i++) {
		struct ogi_error drop = { 0 };

		if (!b->p[i].awaiting ||
		    pipeline_read_end(pl, &b->p[i], stop, err) == 0)
			continue;
		error_prefix(err, "%s", b->p[i].where);
		for (size_t k = i; k < b->n; k++) {
			if (b->p[k].awaiting)
				(void)pipeline_read_end(pl, &b->p[k], stop, &drop);
			pipeline_pending_clear(&b->p[k]);
		}
		b->n = i;
		return -1;
	}
	return 0;
}

/* A delivery report: which outgoing message it is about (none when p is
 * no report).  Returns 0, or -1 on a database error. */
static int
pipeline_bounce(struct pipeline *pl, struct pipeline_pending *p,
		struct ogi_error *err)
{
	p->bounce = (struct delivery_bounce_match){ .id = 0 };
	p->bounce_reported = false;
	if (p->res.dsn.action == EXTRACT_DSN_NONE)
		return 0;
	return delivery_bounce_match(pl->reg, &pl->verp, pl->domain, &p->res.dsn,
				     &p->bounce, err);
}

/* Marks the outgoing message a recorded report matched, in the batch's
 * transaction: a failure fails it, a delay delays it. */
static int
pipeline_bounce_report(struct pipeline *pl, struct pipeline_pending *p,
		       struct ogi_error *err)
{
	const struct extract_dsn *dsn = &p->res.dsn;
	char *status;
	int rc;

	if (p->bounce.id == 0 || p->out.duplicate ||
	    dsn->action == EXTRACT_DSN_DELIVERED)
		return 0;
	status = delivery_bounce_status(dsn);
	rc = registry_outbox_report_in_tx(pl->reg, p->bounce.id,
					  dsn->action == EXTRACT_DSN_FAILED,
					  status, p->received_at, err);
	g_free(status);
	p->bounce_reported = rc == 0;
	return rc;
}

/* The letter a new case is owed and its channel.  A case the daemon owes a
 * letter it has no way to send waits for a clerk instead (the reason
 * recorded with it). */
static void
pipeline_letter(const struct pipeline *pl, struct pipeline_pending *p)
{
	const struct extract_record *rec = p->res.rec;

	p->letter = workflow_letter(p->decision.state);
	p->letter_channel = NULL;
	if (p->letter == NULL || rec == NULL)
		return;
	p->letter_channel = delivery_letter_channel(pl->cfg, rec);
	if (p->letter_channel != NULL)
		return;
	if (!p->unreachable_added) {
		extract_review_add(p->res.rec, strcmp(p->letter, "receipt") == 0
				   ? "no way to send the receipt"
				   : "no way to send the correction notice");
		p->unreachable_added = true;
	}
	p->decision.state = "needs_review";
	p->decision.reason = "no way to send the letter";
	p->letter = NULL;
}

/* A letter the new case would owe by e-mail to an address the daemon may
 * not write to by itself (a robot's, the office's own, over the day's
 * limit: automatic_may_send_check) is not dropped in silence: the case
 * waits for a clerk, who sees why.  Returns 0, or -1 when the registry
 * failed. */
static int
pipeline_letter_withheld(const struct pipeline *pl, struct pipeline_pending *p,
			 const struct automatic_message *am,
			 struct ogi_error *err)
{
	bool withheld;

	if (p->letter == NULL)
		return 0;
	if (automatic_letter_check(pl->cfg, pl->reg, am, p->res.rec, p->letter,
				   p->letter_channel, &withheld, err) != 0)
		return -1;
	if (withheld) {
		p->decision.state = "needs_review";
		p->decision.reason = "automatic letter withheld";
		p->letter = NULL;
	}
	return 0;
}

/* Adds the letter p's new case is owed, in the batch's transaction: it is
 * sent (delivery/letters.h) only once the case is committed.  By e-mail
 * only when the sender may be answered (RFC 3834, the daily limit). */
static int
pipeline_letter_add(struct pipeline *pl, struct pipeline_pending *p,
		    const struct automatic_message *am, struct ogi_error *err)
{
	struct registry_letter_new l;
	int64_t id;
	bool ok = true;

	if (p->letter == NULL || !p->out.created)
		return 0;
	if (strcmp(p->letter_channel, "email") == 0 &&
	    automatic_may_send(pl->cfg, pl->reg, am, p->res.rec->email, &ok,
			       err) != 0)
		return -1;
	if (!ok)
		return 0;
	l = (struct registry_letter_new){
		.case_id = p->out.case_id, .kind = p->letter,
		.channel = p->letter_channel,
	};
	return registry_letter_add_in_tx(pl->reg, &l, p->received_at, &id, err);
}

/* The pages OCR read of p, with the message, in the batch's
 * transaction. */
static int
pipeline_pages_record(struct pipeline *pl, const struct pipeline_pending *p,
		      struct ogi_error *err)
{
	struct registry_page *rows;
	int rc;

	if (p->res.n_pages == 0)
		return 0;
	rows = g_new0(struct registry_page, p->res.n_pages);
	for (size_t i = 0; i < p->res.n_pages; i++) {
		const struct wire_ocr_page *pg = &p->res.pages[i];

		rows[i] = (struct registry_page){
			.page = pg->number, .path = p->page_rel[i],
			.text = pg->text, .mean_conf = pg->mean_conf,
			.src_xres = pg->src_xres, .src_yres = pg->src_yres,
			.skew_mdeg = (int)(pg->skew_deg * 1000),
		};
	}
	rc = registry_pages_add_in_tx(pl->reg, p->sha, rows, p->res.n_pages, err);
	g_free(rows);
	return rc;
}

/* Decides what p becomes and records it, inside the batch's transaction
 * (so it sees the cases and messages recorded before it in the batch).
 * Returns 0 (also when the registry refused p alone: p->refused says
 * why), or -1 when the batch cannot go on (store scope). */
static int
pipeline_record(struct pipeline *pl, const struct config_intake *in,
		struct pipeline_pending *p, struct ogi_error *err)
{
	struct registry_message rm;
	struct automatic_message am;

	if (pipeline_bounce(pl, p, err) != 0 ||
	    pipeline_decide(pl, &p->res, &p->bounce, p->problems != NULL,
			    &p->local, &p->decision, &p->deadline, p->thread,
			    err) != 0)
		return -1;
	/* The clerk must see why the case waits, not only that it does. */
	if (p->problems != NULL && p->decision.state != NULL && !p->review_added) {
		extract_review_add(p->res.rec, "the message had problems (ogictl "
				   "messages lists them): a part of the "
				   "application may be unread");
		p->review_added = true;
	}
	pipeline_letter(pl, p);
	rm = (struct registry_message){
		.sha256 = p->sha,
		.mailbox = in->name,
		.uid = p->it.uid,
		.raw_path = p->rel,
		.received_at = p->received_at,
		.received_source = p->source,
		/* A fax a mail intake recognised came by fax all the same. */
		.channel = in->channel == CONFIG_CHANNEL_FAX ||
			   (p->res.rec != NULL && p->res.rec->incoming_fax.is_fax)
			   ? "fax" : "mail",
		.message_id = p->res.message_id,
		.from_addr = p->res.from_addr,
		.subject = p->res.subject,
		.problems = p->problems,
	};
	am = (struct automatic_message){
		.msg = &rm, .res = &p->res, .out = &p->out,
		.received = &p->local, .now = (int64_t)time(NULL),
		.where = p->where, .thread = p->thread,
	};
	if (pipeline_letter_withheld(pl, p, &am, err) != 0) {
		error_prefix(err, "%s", p->where);
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	if (registry_record(pl->reg, &rm, p->res.rec, &p->decision,
			    p->local.utc_offset, &p->out, err) == 0) {
		if (pipeline_pages_record(pl, p, err) == 0 &&
		    pipeline_bounce_report(pl, p, err) == 0 &&
		    pipeline_letter_add(pl, p, &am, err) == 0 &&
		    automatic_after_record(pl->cfg, pl->reg, pl->wd, &am,
					   err) == 0)
			return 0;
		error_prefix(err, "%s", p->where);
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	error_prefix(err, "%s", p->where);
	if (err->scope != OGI_ERROR_MESSAGE)
		return -1;
	/* The registry refused this message alone (a value out of range): it
	 * stays in the mailbox, and everything else goes on. */
	p->refused = g_strdup(err->msg);
	return 0;
}

/* Records b->p[first .. first+n-1] in one transaction.  Returns 0 after
 * the commit, or -1 with nothing of them written. */
static int
pipeline_commit(struct pipeline *pl, const struct config_intake *in,
		struct pipeline_batch *b, size_t first, size_t n,
		struct ogi_error *err)
{
	if (registry_batch_begin(pl->reg, err) != 0)
		return -1;
	for (size_t i = first; i < first + n; i++) {
		if (pipeline_record(pl, in, &b->p[i], err) != 0) {
			registry_batch_abort(pl->reg);
			return -1;
		}
	}
	return registry_batch_commit(pl->reg, err);
}

/* After the batch failed as a whole: records its messages one by one,
 * each in its own transaction.  Returns 0, or -1 with *done_r the number
 * recorded before the one that failed. */
static int
pipeline_commit_each(struct pipeline *pl, const struct config_intake *in,
		     struct pipeline_batch *b, size_t *done_r,
		     struct ogi_error *err)
{
	for (size_t i = 0; i < b->n; i++) {
		g_free(b->p[i].refused);
		b->p[i].refused = NULL;
	}
	for (*done_r = 0; *done_r < b->n; (*done_r)++)
		if (pipeline_commit(pl, in, b, *done_r, 1, err) != 0)
			return -1;
	return 0;
}

/* Logs a committed message's outcome and updates the mailbox. */
static void
pipeline_finish(struct pipeline *pl, const struct intake_driver *drv,
		void *drv_ctx, struct pipeline_pending *p,
		struct pipeline_stats *st)
{
	struct ogi_error ferr = { 0 };
	bool for_office;

	if (p->refused != NULL) {
		log_error("%s; left in the mailbox", p->refused);
		st->skipped++;
		return;
	}
	if (p->decision.deadline_provisional && !p->out.duplicate)
		log_warning("%s: no holiday calendar for part of the period; "
			    "deadline %s counts weekends only and is stored as "
			    "provisional — import the year's file (ogictl "
			    "calendar import FILE.json) or install it in %s",
			    p->where, p->deadline.dl.deadline,
			    pl->cfg->holidays_dir);
	pipeline_log_outcome(p->where, p->res.rec, p->decision.state, &p->out,
			     p->problems);
	if (p->bounce_reported)
		log_info("%s: delivery report for outbox %lld (by %s): %s %s",
			 p->where, (long long)p->bounce.id, p->bounce.by,
			 extract_dsn_action_name(p->res.dsn.action),
			 p->res.dsn.status[0] != '\0' ? p->res.dsn.status : "-");
	else if (p->res.dsn.action != EXTRACT_DSN_NONE && p->bounce.id == 0 &&
		 !p->out.duplicate)
		log_warning("%s: delivery report matching no outgoing message%s; "
			    "marked for the office", p->where,
			    p->bounce.forged ? " (forged return path)" : "");
	/* A case waiting for a clerk is flagged in the mailbox like any other
	 * message the office must look at. */
	for_office = strcmp(p->out.disposition, "needs_review") == 0 ||
		     (p->decision.state != NULL &&
		      strcmp(p->decision.state, "needs_review") == 0);
	if (p->out.created)
		st->registered++;
	if (for_office)
		st->flagged++;
	if (drv->mark_done(drv_ctx, &p->it, for_office, &ferr) != 0)
		log_warning("%s: recorded, but the mailbox was not updated: %s",
			    p->where, ferr.msg);
}

/* Whether spool paths a and b (raw/YYYY/MM/NAME) share a directory. */
static bool
pipeline_same_dir(const char *a, const char *b)
{
	size_t na = (size_t)(strrchr(a, '/') - a), nb = (size_t)(strrchr(b, '/') - b);

	return na == nb && strncmp(a, b, na) == 0;
}

/* The batch's durability point: every spooled file of the batch (raw
 * messages and the images of their pages), then each spool directory
 * their renames went to, once (a batch spans one or two months'
 * directories of each).  The files are synced only now, after all of them
 * were written with their writeback started: the disk takes them
 * together, and on a journalling file system the first fdatasync commits
 * the metadata of all of them, so the others find little left to do. */
static int
pipeline_sync_spool(struct pipeline *pl, const struct pipeline_batch *b,
		    struct ogi_error *err)
{
	GPtrArray *rels = g_ptr_array_new();
	int rc = 0;

	for (size_t i = 0; i < b->n; i++) {
		g_ptr_array_add(rels, (gpointer)b->p[i].rel);
		for (size_t k = 0; b->p[i].page_rel != NULL &&
				   k < b->p[i].res.n_pages; k++)
			if (b->p[i].page_rel[k] != NULL)
				g_ptr_array_add(rels, b->p[i].page_rel[k]);
	}
	for (guint i = 0; i < rels->len && rc == 0; i++)
		rc = spool_sync_file(pl->cfg->state_dir, rels->pdata[i], err);
	for (guint i = 0; i < rels->len && rc == 0; i++) {
		bool synced = false;

		for (guint j = 0; j < i && !synced; j++)
			synced = pipeline_same_dir(rels->pdata[j], rels->pdata[i]);
		if (!synced)
			rc = spool_sync_dir_of(pl->cfg->state_dir, rels->pdata[i], err);
	}
	g_ptr_array_free(rels, TRUE);
	if (rc != 0)
		error_scope(err, OGI_ERROR_STORE, true);
	return rc;
}

/* Commits the batch and updates the mailbox for what it committed; the
 * batch is empty afterwards.  The workers' answers are collected first;
 * what cannot be (*stop) stays in the mailbox.  When the batch fails for
 * good (not busy, not a full disk: those hold everything alike, and intake
 * waits), its messages are recorded one by one, so that one the registry
 * cannot take keeps none of the others out.  Returns 0, or -1 (store
 * scope) with the messages from the one that failed on left in the
 * mailbox. */
static int
pipeline_flush(struct pipeline *pl, const struct config_intake *in,
	       const struct intake_driver *drv, void *drv_ctx,
	       struct pipeline_batch *b, volatile sig_atomic_t *stop,
	       struct pipeline_stats *st, struct ogi_error *err)
{
	struct ogi_error ferr = { 0 }, cerr = { 0 };
	bool cut = pipeline_collect(pl, b, b->n, stop, &cerr) != 0;
	size_t done = b->n;
	int rc = 0;

	if (b->n == 0 && !b->marked)
		goto out;
	if (b->n == 0) {
		done = 0;
	} else if (pipeline_sync_spool(pl, b, err) != 0) {
		done = 0;
		rc = -1;
	} else if (pipeline_commit(pl, in, b, 0, b->n, err) != 0) {
		if (b->n == 1 || err->temporary) {
			done = 0;
			rc = -1;
		} else {
			log_warning("%s: a batch of %zu messages was not committed "
				    "(%s); recording them one by one", in->name,
				    b->n, err->msg);
			rc = pipeline_commit_each(pl, in, b, &done, err);
		}
	}
	for (size_t i = 0; i < done; i++)
		pipeline_finish(pl, drv, drv_ctx, &b->p[i], st);
	if ((done > 0 || b->marked) && drv->sync != NULL &&
	    drv->sync(drv_ctx, &ferr) != 0)
		log_warning("%s: mailbox updates not synced: %s", in->name, ferr.msg);
	b->marked = false;
	for (size_t i = 0; i < b->n; i++)
		pipeline_pending_clear(&b->p[i]);
	b->n = 0;
out:
	if (cut && rc == 0) {
		*err = cerr;
		rc = -1;
	}
	return rc;
}

/* One listed item, from the registry check to its place in the batch.
 * Returns 0 (also when the item was dealt with at once or left for the
 * next run), or -1 on a storage or database error. */
static int
pipeline_item(struct pipeline *pl, const struct config_intake *in,
	      const struct intake_driver *drv, void *drv_ctx,
	      const struct intake_item *listed, struct pipeline_batch *b,
	      volatile sig_atomic_t *stop, struct pipeline_stats *st,
	      struct ogi_error *err)
{
	struct pipeline_pending *p = &b->p[b->n];
	struct ogi_error ferr = { 0 };
	char disposition[16];
	struct spool_entry *entry;
	bool known;
	size_t len, upto = b->n >= PIPELINE_PARSERS ? b->n - PIPELINE_PARSERS + 1 : 0;

	if (registry_message_disposition(pl->reg, in->name, listed->uid,
					 disposition, err) != 0)
		return -1;
	if (disposition[0] != '\0' && !listed->fresh)
		return 0;
	p->it = *listed;
	p->where = g_strdup_printf("%s/%s", in->name, p->it.uid);
	if (spool_begin(pl->cfg->state_dir, &entry, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		goto fail;
	}
	if (drv->fetch_to(drv_ctx, &p->it, spool_entry_fd(entry), &ferr) != 0) {
		spool_abort(entry);
		if (ferr.scope == OGI_ERROR_MAILBOX) {
			/* The connection is gone: the rest of the pass would
			 * fail alike; the daemon reconnects. */
			*err = ferr;
			error_prefix(err, "%s: left in the mailbox", p->where);
			goto fail;
		}
		log_warning("%s: cannot read it: %s; left in the mailbox", p->where,
			    ferr.msg);
		st->skipped++;
		pipeline_pending_clear(p);
		return 0;
	}
	if (spool_commit_unsynced(entry, p->it.received_at, p->sha, p->rel,
				  sizeof(p->rel), &len, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		goto fail;
	}
	if (disposition[0] != '\0') {
		/* Recorded, yet the mailbox shows it as new: either a crash lost
		 * the mailbox update, or another message reuses the name.  Only
		 * the content tells them apart. */
		if (registry_message_known(pl->reg, p->sha, NULL, NULL, &known,
					   err) != 0)
			goto fail;
		if (known) {
			if (drv->mark_done(drv_ctx, &p->it,
					   strcmp(disposition, "needs_review") == 0,
					   &ferr) != 0)
				log_warning("%s: mailbox not updated: %s", p->where,
					    ferr.msg);
			b->marked = true;
			pipeline_pending_clear(p);
			return 0;
		}
		p->own_uid = g_strdup_printf("%s-%.12s", p->it.uid, p->sha);
		log_warning("%s: a different message reuses a recorded name; "
			    "recorded as %s", p->where, p->own_uid);
		p->it.uid = p->own_uid;
	}
	st->seen++;
	/* The worker slot of this message is free once the message that had
	 * it is answered; one with the same bytes must be answered first (one
	 * spool file, one note). */
	for (size_t k = 0; k < b->n; k++)
		if (b->p[k].awaiting && strcmp(b->p[k].sha, p->sha) == 0)
			upto = b->n;
	if (pipeline_collect(pl, b, upto, stop, err) != 0)
		goto fail;
	if (pipeline_read_begin(pl, in, p, len, b->n % PIPELINE_PARSERS, stop,
				err) != 0) {
		error_prefix(err, "%s", p->where);
		goto fail;
	}
	if (!p->in_flight && pipeline_read_end(pl, p, stop, err) != 0) {
		error_prefix(err, "%s", p->where);
		goto fail;
	}
	if (b->n++ == 0)
		b->started = g_get_monotonic_time();
	return 0;
fail:
	pipeline_pending_clear(p);
	return -1;
}

int
pipeline_run(struct pipeline *pl, const struct config_intake *in,
	     const struct intake_driver *drv, void *drv_ctx,
	     volatile sig_atomic_t *stop, struct pipeline_stats *st,
	     struct ogi_error *err)
{
	struct pipeline_batch *b = g_new0(struct pipeline_batch, 1);
	struct ogi_error ferr = { 0 };
	struct intake_item *items;
	size_t n;
	int rc = 0;

	if (drv->list(drv_ctx, &items, &n, err) != 0) {
		error_scope(err, OGI_ERROR_MAILBOX, true);
		g_free(b);
		return -1;
	}
	for (size_t i = 0; i < n && !*stop && rc == 0; i++) {
		rc = pipeline_item(pl, in, drv, drv_ctx, &items[i], b, stop, st,
				   err);
		if (rc == 0 && pipeline_batch_full(b))
			rc = pipeline_flush(pl, in, drv, drv_ctx, b, stop, st,
					    err);
	}
	/* What was read before a stop or an error is committed all the same;
	 * the first error is the one reported. */
	if (pipeline_flush(pl, in, drv, drv_ctx, b, stop, st,
			   rc == 0 ? err : &ferr) != 0)
		rc = -1;
	intake_items_free(items, n);
	g_free(b);
	return rc;
}
