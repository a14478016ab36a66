#include "daemon/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "extract/extract.h"
#include "mime/mime.h"
#include "registry/registry.h"

struct pipeline {
	const struct config *cfg;
	struct registry *reg;
	struct workdays *wd;
	GTimeZone *tz;
};

int
pipeline_open(const struct config *cfg, struct pipeline **pl_r,
	      struct ogi_error *err)
{
	struct pipeline *pl = calloc(1, sizeof(*pl));

	if (pl == NULL) {
		error_set(err, "out of memory");
		return -1;
	}
	pl->cfg = cfg;
	pl->tz = g_time_zone_new_identifier(cfg->timezone);
	if (pl->tz == NULL) {
		error_set(err, "unknown time zone %s", cfg->timezone);
		goto fail;
	}
	if (spool_mkdirs(cfg->state_dir, err) != 0)
		goto fail;
	if (workdays_load_dir(cfg->holidays_dir, &pl->wd, err) != 0)
		goto fail;
	if (registry_open(cfg->db_path, false, &pl->reg, err) != 0)
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
	if (pl->reg != NULL)
		registry_close(pl->reg);
	if (pl->wd != NULL)
		workdays_free(pl->wd);
	if (pl->tz != NULL)
		g_time_zone_unref(pl->tz);
	free(pl);
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

/* Joins the problems MIME found and, if parsing failed, why. */
static char *
pipeline_problems(const struct mime_message *msg, const char *parse_error)
{
	GString *s = g_string_new(NULL);

	if (parse_error != NULL)
		g_string_append(s, parse_error);
	for (size_t i = 0; msg != NULL && i < msg->n_problems; i++) {
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, msg->problems[i]);
	}
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

static void
pipeline_log_outcome(const char *where, const struct extract_record *rec,
		     const struct registry_outcome *out, const char *problems)
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
	if (out->created)
		log_info("%s: application %s registered%s", where, out->case_id,
			 rec->missing || rec->invalid ? " as incomplete" : "");
	else if (out->case_id[0] != '\0')
		log_info("%s: %s for case %s", where, extract_kind_name(rec->kind),
			 out->case_id);
	else
		log_info("%s: %s (%s)", where, extract_kind_name(rec->kind),
			 rec->kind_reason ? rec->kind_reason : "-");
}

/* Registers one fetched message.  Returns 0 with *for_office_r telling how
 * to mark it (and st counted), or -1 on a storage or database error. */
static int
pipeline_record(struct pipeline *pl, const struct config_intake *in,
		const struct intake_item *item, const char *where,
		const void *data, size_t len, bool *for_office_r,
		struct pipeline_stats *st, struct ogi_error *err)
{
	const struct config *cfg = pl->cfg;
	char sha[65], rel[256], today[11], deadline[11] = "";
	struct mime_message *msg = NULL;
	struct extract_record *rec = NULL;
	struct registry_outcome out;
	struct ogi_error perr = { 0 };
	struct extract_context ctx;
	struct registry_message rm;
	char *problems;
	bool estimated = false, earlier;
	int offset, rc = -1;

	spool_sha256_hex(data, len, sha);
	if (spool_store(cfg->state_dir, data, len, sha, item->received_at, rel,
			sizeof(rel), err) != 0)
		return -1;
	pipeline_local_date(pl, item->received_at, today, &offset);
	if (spool_parse_begin(cfg->state_dir, rel, &earlier, err) != 0)
		return -1;

	/* A message that killed or hung the parser once would do it at every
	 * restart and hold up all mail behind it: record it unparsed. */
	if (earlier)
		error_set(&perr, "an earlier run stopped while reading this "
			  "message (crash or hang): not parsed again");
	else if (mime_parse(data, len, &cfg->limits, &msg, &perr) == 0) {
		ctx.own_addresses = (const char *const *)cfg->own_addresses;
		ctx.today = today;
		ctx.sender_is_contact = in->channel == CONFIG_CHANNEL_MAIL;
		if (extract_message(msg, &ctx, &rec, err) != 0)
			goto out;
	}
	problems = pipeline_problems(msg, msg == NULL ? perr.msg : NULL);

	/* Bureau rules Art. 6 count the reply period from receipt, complete or
	 * not: an incomplete application has a deadline too (the correction
	 * notice and the reply must both fit in it). */
	if (rec != NULL && rec->kind == EXTRACT_KIND_APPLICATION) {
		if (workdays_add(pl->wd, today, cfg->reply_days, deadline,
				 &estimated, err) != 0)
			goto out_problems;
		if (estimated)
			log_warning("%s: no holiday calendar for part of the period; "
				    "deadline %s counts weekends only — install the "
				    "year's file in %s", where, deadline,
				    cfg->holidays_dir);
	}

	rm = (struct registry_message){
		.sha256 = sha,
		.mailbox = in->name,
		.uid = item->uid,
		.raw_path = rel,
		.received_at = item->received_at,
		.channel = in->channel == CONFIG_CHANNEL_FAX ? "fax" : "mail",
		.message_id = msg ? msg->message_id : NULL,
		.from_addr = msg ? msg->from_addr : NULL,
		.subject = msg ? msg->subject : NULL,
		.problems = problems,
	};
	if (registry_record(pl->reg, &rm, rec, offset,
			    deadline[0] ? deadline : NULL, &out, err) != 0)
		goto out_problems;
	spool_parse_end(cfg->state_dir, rel);
	pipeline_log_outcome(where, rec, &out, problems);
	*for_office_r = strcmp(out.disposition, "needs_review") == 0;
	if (out.created)
		st->registered++;
	rc = 0;
out_problems:
	g_free(problems);
out:
	extract_record_free(rec);
	mime_message_free(msg);
	return rc;
}

/* One listed item, from the registry check to the mailbox update.  Returns
 * 0 (also when the item was left for the next run), or -1 on a storage or
 * database error. */
static int
pipeline_item(struct pipeline *pl, const struct config_intake *in,
	      const struct intake_driver *drv, void *drv_ctx,
	      const struct intake_item *listed, struct pipeline_stats *st,
	      struct ogi_error *err)
{
	struct intake_item it = *listed;
	struct ogi_error ferr = { 0 };
	char disposition[16], sha[65], *where, *uid = NULL;
	bool for_office = false, known;
	void *data = NULL;
	size_t len;
	int rc = -1;

	if (registry_message_disposition(pl->reg, in->name, it.uid, disposition,
					 err) != 0)
		return -1;
	if (disposition[0] != '\0' && !it.fresh)
		return 0;
	where = g_strdup_printf("%s/%s", in->name, it.uid);
	if (drv->fetch(drv_ctx, &it, &data, &len, &ferr) != 0) {
		log_warning("%s: cannot read it: %s; left in the mailbox", where,
			    ferr.msg);
		st->skipped++;
		rc = 0;
		goto out;
	}
	if (disposition[0] != '\0') {
		/* Recorded, yet the mailbox shows it as new: either a crash lost
		 * the mailbox update, or another message reuses the name.  Only
		 * the content tells them apart. */
		spool_sha256_hex(data, len, sha);
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
	if (pipeline_record(pl, in, &it, where, data, len, &for_office, st,
			    err) != 0) {
		error_prefix(err, "%s", where);
		goto out;
	}
	if (for_office)
		st->flagged++;
	if (drv->mark_done(drv_ctx, &it, for_office, &ferr) != 0)
		log_warning("%s: recorded, but the mailbox was not updated: %s",
			    where, ferr.msg);
	rc = 0;
out:
	free(data);
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

	if (drv->list(drv_ctx, &items, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n && !*stop && rc == 0; i++)
		rc = pipeline_item(pl, in, drv, drv_ctx, &items[i], st, err);
	intake_items_free(items, n);
	return rc;
}
