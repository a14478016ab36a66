#include "daemon/pipeline.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "daemon/parser.h"
#include "daemon/wire.h"
#include "extract/extract.h"
#include "registry/registry.h"
#include "workflow/workflow.h"

struct pipeline {
	const struct config *cfg;
	struct registry *reg;
	struct workdays *wd;
	struct parser *parser;
	GTimeZone *tz;
};

int
pipeline_open(const struct config *cfg, struct pipeline **pl_r,
	      struct ogi_error *err)
{
	struct pipeline *pl = g_new0(struct pipeline, 1);

	pl->cfg = cfg;
	pl->tz = g_time_zone_new_identifier(cfg->timezone);
	if (pl->tz == NULL) {
		error_set(err, "unknown time zone %s", cfg->timezone);
		goto fail;
	}
	if (spool_mkdirs(cfg->state_dir, err) != 0)
		goto fail;
	spool_clean_tmp(cfg->state_dir);
	if (workdays_load_dir(cfg->holidays_dir, &pl->wd, err) != 0)
		goto fail;
	if (registry_open(cfg->db_path, false, &pl->reg, err) != 0)
		goto fail;
	if (parser_open(&cfg->parser, &pl->parser, err) != 0)
		goto fail;
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
	parser_close(pl->parser);
	if (pl->reg != NULL)
		registry_close(pl->reg);
	if (pl->wd != NULL)
		workdays_free(pl->wd);
	if (pl->tz != NULL)
		g_time_zone_unref(pl->tz);
	g_free(pl);
}

/* The office's calendar date of a moment, and its UTC offset then. */
static void
pipeline_local_date(const struct pipeline *pl, int64_t t, char date[11],
		    int *offset_r)
{
	GDateTime *utc = g_date_time_new_from_unix_utc(t);
	GDateTime *local = g_date_time_to_timezone(utc, pl->tz);

	snprintf(date, 11, "%04d-%02d-%02d", g_date_time_get_year(local),
		 g_date_time_get_month(local), g_date_time_get_day_of_month(local));
	*offset_r = (int)(g_date_time_get_utc_offset(local) / G_TIME_SPAN_SECOND);
	g_date_time_unref(local);
	g_date_time_unref(utc);
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

/* When the mailbox could only give the file's time (a Maildir copied
 * without keeping times), the newest Received: header, written by the
 * office's own server, is the better witness of when the mail arrived;
 * a header dated more than a day after the file is not believed. */
static void
pipeline_received(const struct intake_item *item, const struct wire_result *res,
		  int64_t *at_r, const char **source_r)
{
	*at_r = item->received_at;
	*source_r = item->received_source;
	if (strcmp(item->received_source, INTAKE_RECEIVED_MTIME) == 0 &&
	    res->received_header > 0 &&
	    res->received_header <= item->received_at + 86400) {
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

/* Asks the worker what the spooled message rel (len bytes) is; a message
 * over the size limit is not given to it.  Returns 0 with *res filled, or
 * -1 (store scope) when the spool cannot be read or no worker runs. */
static int
pipeline_parse(struct pipeline *pl, const struct config_intake *in,
	       const char *rel, size_t len, const char today[11],
	       volatile sig_atomic_t *stop, struct wire_result *res,
	       struct ogi_error *err)
{
	const struct config *cfg = pl->cfg;
	struct wire_job job = {
		.raw_len = len,
		.limits = cfg->limits,
		.sender_is_contact = in->channel == CONFIG_CHANNEL_MAIL,
		.own_addresses = cfg->own_addresses,
	};
	const void *data;
	int rc;

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
	rc = parser_run(pl->parser, &job, stop, res, err);
	spool_unmap(data, len);
	return rc;
}

/* Asks the office's policy what becomes of the message, and the deadline
 * of an application received on today.  Returns 0 and fills *d (its
 * deadline in deadline_r, the case of the thread it answers in thread_r),
 * or -1 (store scope) when the registry cannot say whether a quoted case
 * exists. */
static int
pipeline_decide(struct pipeline *pl, const struct wire_result *res,
		bool has_problems, const char *today, const char *where,
		struct registry_decision *d, char deadline_r[11],
		char thread_r[REGISTRY_CASE_ID_SIZE], struct ogi_error *err)
{
	const struct config *cfg = pl->cfg;
	struct workflow_decision wf;
	bool known = false, provisional = false;

	if (res->rec != NULL && res->rec->case_ref != NULL &&
	    registry_case_exists(pl->reg, res->rec->case_ref, &known, err) != 0)
		return -1;
	if (registry_thread_case(pl->reg, res->references, res->n_references,
				 res->from_addr, thread_r, err) != 0)
		return -1;
	workflow_decide(res->rec, has_problems, known,
			thread_r[0] != '\0' ? thread_r : NULL, &wf);
	*d = (struct registry_decision){
		.disposition = workflow_disposition_name(wf.disposition),
		.state = wf.state,
		.link_case = wf.link_case,
		.reason = wf.reason,
	};
	if (!wf.deadline_due)
		return 0;
	if (workflow_deadline(pl->wd, today, cfg->reply_days, deadline_r,
			      &provisional, err) != 0)
		return -1;
	if (provisional)
		log_warning("%s: no holiday calendar for part of the period; "
			    "deadline %s counts weekends only and is stored as "
			    "provisional — install the year's file in %s",
			    where, deadline_r, cfg->holidays_dir);
	d->deadline = deadline_r;
	d->deadline_provisional = provisional;
	return 0;
}

/* Registers one spooled message (digest sha, path rel, len bytes).
 * Returns 0 with *for_office_r telling how to mark it (and st counted), or
 * -1 on a storage or database error (scope OGI_ERROR_STORE), or a message
 * the registry refused (scope OGI_ERROR_MESSAGE). */
static int
pipeline_record(struct pipeline *pl, const struct config_intake *in,
		const struct intake_item *item, const char *where,
		const char *sha, const char *rel, size_t len,
		volatile sig_atomic_t *stop, bool *for_office_r,
		struct pipeline_stats *st, struct ogi_error *err)
{
	const struct config *cfg = pl->cfg;
	char today[11], deadline[11] = "", thread[REGISTRY_CASE_ID_SIZE];
	struct wire_result res = { 0 };
	struct registry_decision decision;
	struct registry_outcome out;
	struct registry_message rm;
	const char *source;
	char *problems = NULL;
	bool earlier;
	int64_t received_at;
	int offset, rc = -1;

	if (spool_parse_begin(cfg->state_dir, rel, &earlier, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	pipeline_local_date(pl, item->received_at, today, &offset);

	/* The worker survives any message; the note still guards the daemon
	 * itself: a message during which ogid died is not tried again. */
	if (earlier) {
		res.parse_error = g_strdup("an earlier run stopped while reading "
					   "this message (crash or hang): not "
					   "parsed again");
	} else if (pipeline_parse(pl, in, rel, len, today, stop, &res, err) != 0) {
		spool_parse_end(cfg->state_dir, rel);
		return -1;
	}
	pipeline_received(item, &res, &received_at, &source);
	pipeline_local_date(pl, received_at, today, &offset);
	problems = pipeline_problems(&res);

	if (pipeline_decide(pl, &res, problems != NULL, today, where, &decision,
			    deadline, thread, err) != 0)
		goto out;
	/* The clerk must see why the case waits, not only that it does. */
	if (problems != NULL && decision.state != NULL)
		extract_review_add(res.rec, "the message had problems (ogictl "
				   "messages lists them): a part of the "
				   "application may be unread");
	rm = (struct registry_message){
		.sha256 = sha,
		.mailbox = in->name,
		.uid = item->uid,
		.raw_path = rel,
		.received_at = received_at,
		.received_source = source,
		.channel = in->channel == CONFIG_CHANNEL_FAX ? "fax" : "mail",
		.message_id = res.message_id,
		.from_addr = res.from_addr,
		.subject = res.subject,
		.problems = problems,
	};
	if (registry_record(pl->reg, &rm, res.rec, &decision, offset, &out,
			    err) != 0)
		goto out;
	rc = 0;
	pipeline_log_outcome(where, res.rec, decision.state, &out, problems);
	/* A case waiting for a clerk is flagged in the mailbox like any other
	 * message the office must look at. */
	*for_office_r = strcmp(out.disposition, "needs_review") == 0 ||
			(decision.state != NULL &&
			 strcmp(decision.state, "needs_review") == 0);
	if (out.created)
		st->registered++;
out:
	/* Parsing is over either way: a failed commit is retried with a new
	 * parse, not taken for a parser that died. */
	spool_parse_end(cfg->state_dir, rel);
	g_free(problems);
	wire_result_clear(&res);
	return rc;
}

/* One listed item, from the registry check to the mailbox update.  Returns
 * 0 (also when the item was left for the next run), or -1 on a storage or
 * database error. */
static int
pipeline_item(struct pipeline *pl, const struct config_intake *in,
	      const struct intake_driver *drv, void *drv_ctx,
	      const struct intake_item *listed, volatile sig_atomic_t *stop,
	      struct pipeline_stats *st, struct ogi_error *err)
{
	struct intake_item it = *listed;
	struct ogi_error ferr = { 0 };
	char disposition[16], sha[65], rel[256], *where, *uid = NULL;
	struct spool_entry *entry;
	bool for_office = false, known;
	size_t len;
	int rc = -1;

	if (registry_message_disposition(pl->reg, in->name, it.uid, disposition,
					 err) != 0)
		return -1;
	if (disposition[0] != '\0' && !it.fresh)
		return 0;
	where = g_strdup_printf("%s/%s", in->name, it.uid);
	if (spool_begin(pl->cfg->state_dir, &entry, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		goto out;
	}
	if (drv->fetch_to(drv_ctx, &it, spool_entry_fd(entry), &ferr) != 0) {
		spool_abort(entry);
		log_warning("%s: cannot read it: %s; left in the mailbox", where,
			    ferr.msg);
		st->skipped++;
		rc = 0;
		goto out;
	}
	if (spool_commit(entry, it.received_at, sha, rel, sizeof(rel), &len,
			 err) != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		goto out;
	}
	if (disposition[0] != '\0') {
		/* Recorded, yet the mailbox shows it as new: either a crash lost
		 * the mailbox update, or another message reuses the name.  Only
		 * the content tells them apart. */
		if (registry_message_known(pl->reg, sha, NULL, NULL, &known, err) != 0)
			goto out;
		if (known) {
			if (drv->mark_done(drv_ctx, &it,
					   strcmp(disposition, "needs_review") == 0,
					   &ferr) != 0)
				log_warning("%s: mailbox not updated: %s", where, ferr.msg);
			rc = 0;
			goto out;
		}
		uid = g_strdup_printf("%s-%.12s", it.uid, sha);
		log_warning("%s: a different message reuses a recorded name; "
			    "recorded as %s", where, uid);
		it.uid = uid;
	}
	st->seen++;
	if (pipeline_record(pl, in, &it, where, sha, rel, len, stop,
			    &for_office, st, err) != 0) {
		error_prefix(err, "%s", where);
		if (err->scope != OGI_ERROR_MESSAGE)
			goto out;
		/* The registry refused this message alone (a value out of
		 * range): it stays in the mailbox, and everything else goes
		 * on. */
		log_error("%s; left in the mailbox", err->msg);
		st->skipped++;
		rc = 0;
		goto out;
	}
	if (for_office)
		st->flagged++;
	if (drv->mark_done(drv_ctx, &it, for_office, &ferr) != 0)
		log_warning("%s: recorded, but the mailbox was not updated: %s",
			    where, ferr.msg);
	rc = 0;
out:
	g_free(uid);
	g_free(where);
	return rc;
}

int
pipeline_run(struct pipeline *pl, const struct config_intake *in,
	     const struct intake_driver *drv, void *drv_ctx,
	     volatile sig_atomic_t *stop, struct pipeline_stats *st,
	     struct ogi_error *err)
{
	struct intake_item *items;
	size_t n;
	int rc = 0;

	if (drv->list(drv_ctx, &items, &n, err) != 0) {
		error_scope(err, OGI_ERROR_MAILBOX, true);
		return -1;
	}
	for (size_t i = 0; i < n && !*stop && rc == 0; i++)
		rc = pipeline_item(pl, in, drv, drv_ctx, &items[i], stop, st, err);
	intake_items_free(items, n);
	return rc;
}
