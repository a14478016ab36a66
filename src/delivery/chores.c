#include "delivery/chores.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/workdays.h"
#include "delivery/compose.h"
#include "registry/automatic.h"
#include "registry/calendar.h"
#include "registry/holding.h"
#include "registry/letters.h"
#include "registry/outbox.h"
#include "workflow/digest.h"
#include "workflow/rules.h"
#include "workflow/workflow.h"

/* The outcome of an application abandoned uncorrected (annual report row
 * other.no_correction). */
#define CHORES_ABANDON_OUTCOME "other.no_correction"
/* New registrations: those recorded in the last day, the digest's
 * period. */
#define CHORES_DAY_S 86400
/* Failed mail is listed for a week: long enough to be seen whatever day
 * the retry schedule (up to 5 days) gave up, short enough not to repeat
 * an old failure for ever. */
#define CHORES_FAILED_DAYS 7
/* What a calendar warning is about, in the digest's first column. */
#define CHORES_CALENDAR_WHAT "暂定期限"
/* Failed letters listed at most: a week of an office's letters is a few
 * hundred; more failing than this is an outage the log and ogictl show,
 * and a digest longer than that is not read. */
#define CHORES_FAILED_LETTERS_MAX 500
static int
chores_sweep(struct registry *reg, const char *today, int64_t now,
	     struct ogi_error *err)
{
	size_t n;

	if (registry_abandon_uncorrected(reg, today, CHORES_ABANDON_OUTCOME, now,
					 &n, err) != 0)
		return -1;
	if (n > 0)
		log_info("%zu incomplete application%s not corrected in time: "
			 "abandoned", n, n == 1 ? "" : "s");
	return 0;
}

/* --- the digest ---------------------------------------------------------- */

/* The rows of every section, and the strings they point to. */
struct chores_digest {
	GArray *rows[DIGEST_SECTIONS];
	GPtrArray *strings;
};

static const char *
chores_keep(struct chores_digest *cd, char *s)
{
	g_ptr_array_add(cd->strings, s);
	return s;
}

static void
chores_add(struct chores_digest *cd, enum digest_section s, const char *what,
	   const char *state, const char *deadline, const char *note)
{
	struct digest_row r = {
		.what = what != NULL ? chores_keep(cd, g_strdup(what)) : NULL,
		.state = state != NULL ? chores_keep(cd, g_strdup(state)) : NULL,
		.deadline = deadline != NULL ? chores_keep(cd, g_strdup(deadline)) : NULL,
		.note = note != NULL ? chores_keep(cd, g_strdup(note)) : NULL,
	};

	g_array_append_val(cd->rows[s], r);
}

static void
chores_case(struct chores_digest *cd, const struct registry_case *c,
	    const char *today, const char *soon, char *const *recent)
{
	const char *name = c->rec.name;
	bool open = workflow_state_open(c->state);

	if (g_strv_contains((const char *const *)recent, c->id))
		chores_add(cd, DIGEST_NEW, c->id, c->state, c->deadline, name);
	if (strcmp(c->state, "incomplete") == 0 ||
	    strcmp(c->state, "needs_review") == 0)
		chores_add(cd, DIGEST_AWAITING, c->id, c->state, c->deadline, name);
	if (strcmp(c->state, "delivery_failed") == 0)
		chores_add(cd, DIGEST_FAILED, c->id, c->state, c->deadline, name);
	if (!open || c->deadline == NULL)
		return;
	if (strcmp(c->deadline, today) < 0)
		chores_add(cd, DIGEST_OVERDUE, c->id, c->state, c->deadline, name);
	else if (strcmp(c->deadline, soon) <= 0)
		chores_add(cd, DIGEST_DUE_SOON, c->id, c->state, c->deadline,
			   c->deadline_provisional ? "期限暂定（缺少节假日数据）" : name);
}

static int
chores_cases(struct registry *reg, const struct workdays *wd,
	     struct chores_digest *cd, const char *today, int64_t now,
	     struct ogi_error *err)
{
	struct registry_case **cases = NULL;
	char soon[11], **recent = NULL;
	bool provisional;
	size_t n = 0;
	int rc = -1;

	if (workdays_add(wd, today, DIGEST_DUE_SOON_DAYS, soon, &provisional,
			 err) == 0 &&
	    registry_cases_recorded_since(reg, now - CHORES_DAY_S, &recent,
					  err) == 0 &&
	    registry_cases(reg, NULL, &cases, &n, err) == 0) {
		for (size_t i = 0; i < n; i++)
			chores_case(cd, cases[i], today, soon, recent);
		rc = 0;
	}
	registry_cases_free(cases, n);
	g_strfreev(recent);
	return rc;
}

/* The letters of the last CHORES_FAILED_DAYS that failed, whatever their
 * channel (a fax whose command timed out has no mail to show), with why;
 * the outbox rows that carried them go into carried (int64 ids), so
 * their mail is not listed twice. */
static int
chores_letters(struct registry *reg, struct chores_digest *cd, int64_t now,
	       GHashTable *carried, struct ogi_error *err)
{
	struct registry_letter *rows;
	size_t n;

	if (registry_letters_failed_since(reg, now - CHORES_FAILED_DAYS * CHORES_DAY_S,
					  CHORES_FAILED_LETTERS_MAX, &rows, &n,
					  err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char *what = g_strdup_printf("letter %lld by %s",
					     (long long)rows[i].id, rows[i].channel);

		chores_add(cd, DIGEST_FAILED, what, rows[i].kind, rows[i].case_id,
			   rows[i].detail);
		g_free(what);
		if (rows[i].outbox_id != 0)
			g_hash_table_add(carried, g_memdup2(&rows[i].outbox_id,
							    sizeof(int64_t)));
	}
	registry_letters_free(rows, n);
	return 0;
}

static int
chores_mail(struct registry *reg, struct chores_digest *cd, int64_t now,
	    struct ogi_error *err)
{
	GHashTable *carried = g_hash_table_new_full(g_int64_hash, g_int64_equal,
						    g_free, NULL);
	struct registry_holding_row *held;
	struct registry_outbox_row *rows;
	size_t n;

	if (chores_letters(reg, cd, now, carried, err) != 0 ||
	    registry_outbox_list(reg, &rows, &n, err) != 0) {
		g_hash_table_destroy(carried);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].state, "failed") == 0 &&
		    !g_hash_table_contains(carried, &rows[i].id) &&
		    rows[i].created_at >= now - CHORES_FAILED_DAYS * CHORES_DAY_S)
			chores_add(cd, DIGEST_FAILED, rows[i].recipient, rows[i].kind,
				   rows[i].case_id, rows[i].last_status);
	registry_outbox_rows_free(rows, n);
	g_hash_table_destroy(carried);
	if (registry_holding_list(reg, &held, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		chores_add(cd, DIGEST_HOLDING, held[i].from_addr, held[i].kind, NULL,
			   held[i].subject);
	registry_holding_rows_free(held, n);
	return 0;
}

int
delivery_calendar_warnings(const struct config *cfg, const struct workdays *wd,
			   struct registry *reg, int64_t now, char **text_r,
			   struct ogi_error *err)
{
	struct registry_provisional *rows = NULL;
	struct rules_case_deadline *cases;
	struct rules rules;
	char today[11];
	size_t n = 0;

	*text_r = NULL;
	if (reg != NULL && registry_calendar_provisional(reg, &rows, &n, err) != 0)
		return -1;
	cases = g_new0(struct rules_case_deadline, n + 1);
	for (size_t i = 0; i < n; i++)
		cases[i] = (struct rules_case_deadline){
			.id = rows[i].id,
			.state = rows[i].state,
			.deadline = rows[i].deadline,
			.provisional = true,
		};
	rules_from_config(cfg, &rules);
	clock_date(cfg->timezone, now, today);
	*text_r = rules_calendar_warnings(&rules, wd, today, cases, n);
	g_free(cases);
	registry_provisional_free(rows, n);
	return 0;
}

/* The calendar warnings, one digest row each, as ogid logs them at start. */
static int
chores_calendar(const struct config *cfg, struct registry *reg,
		const struct workdays *wd, struct chores_digest *cd,
		int64_t now, struct ogi_error *err)
{
	char *text, **lines;

	if (delivery_calendar_warnings(cfg, wd, reg, now, &text, err) != 0)
		return -1;
	if (text == NULL)
		return 0;
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++)
		chores_add(cd, DIGEST_CALENDAR, CHORES_CALENDAR_WHAT, NULL, NULL,
			   lines[i]);
	g_strfreev(lines);
	g_free(text);
	return 0;
}

/* Renders digest d and adds it to the outbox, in the open batch. */
static int
chores_digest_queue(const struct config *cfg, struct registry *reg,
		    const struct digest *d, int64_t now, struct ogi_error *err)
{
	char *subject, *text, *html, *msgid = NULL, rel[256];
	int64_t id;
	int rc;

	workflow_digest_render(d, &subject, &text, &html);
	const struct delivery_letter l = {
		.to = cfg->office.email, .subject = subject, .body = text,
		.html = html, .automatic = true,
	};
	rc = delivery_compose_spool(cfg, &l, now, &msgid, rel, sizeof(rel), err);
	if (rc == 0) {
		const struct registry_outbox_new o = {
			.kind = "digest", .recipient = cfg->office.email,
			.message_id = msgid, .spool_path = rel,
		};

		rc = registry_outbox_enqueue_in_tx(reg, &o, now, &id, err);
	}
	g_free(msgid);
	g_free(subject);
	g_free(text);
	g_free(html);
	return rc;
}

/* Reads the day's rows into cd. */
static int
chores_digest_rows(const struct config *cfg, struct registry *reg,
		   const struct workdays *wd, struct chores_digest *cd,
		   const char *today, int64_t now, struct ogi_error *err)
{
	return chores_cases(reg, wd, cd, today, now, err) != 0 ||
	       chores_mail(reg, cd, now, err) != 0 ||
	       chores_calendar(cfg, reg, wd, cd, now, err) != 0 ? -1 : 0;
}

/* Queues the digest of today unless one was queued since day_start.  The
 * outbox row is the only record that it went, so that is decided again in
 * the transaction that adds it.  The rows are read before that transaction:
 * reading every case under BEGIN IMMEDIATE would hold the registry's write
 * lock long enough on a big registry to make a clerk's command give up. */
static int
chores_digest(const struct config *cfg, struct registry *reg,
	      const char *today, int64_t now, int64_t day_start,
	      struct ogi_error *err)
{
	struct chores_digest cd = { .strings = g_ptr_array_new_with_free_func(g_free) };
	struct digest d = { .date = today, .office = cfg->office.name };
	struct workdays *wd = NULL;
	bool sent = false;
	int rc;

	for (int s = 0; s < DIGEST_SECTIONS; s++)
		cd.rows[s] = g_array_new(FALSE, TRUE, sizeof(struct digest_row));
	rc = registry_outbox_kind_since(reg, "digest", day_start, &sent, err);
	if (rc == 0 && !sent)
		rc = workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd, err);
	if (rc == 0 && !sent)
		rc = chores_digest_rows(cfg, reg, wd, &cd, today, now, err);
	for (int s = 0; s < DIGEST_SECTIONS; s++) {
		d.rows[s] = (const struct digest_row *)(void *)cd.rows[s]->data;
		d.n[s] = cd.rows[s]->len;
	}
	if (rc == 0 && !sent)
		rc = registry_batch_begin(reg, err);
	if (rc == 0 && !sent) {
		rc = registry_outbox_kind_since(reg, "digest", day_start, &sent, err);
		if (rc == 0 && !sent)
			rc = chores_digest_queue(cfg, reg, &d, now, err);
		if (rc == 0 && !sent)
			rc = registry_batch_commit(reg, err);
		else
			registry_batch_abort(reg);
		if (rc == 0 && !sent)
			log_info("daily digest for %s queued to %s", today,
				 cfg->office.email);
	}
	for (int s = 0; s < DIGEST_SECTIONS; s++)
		g_array_free(cd.rows[s], TRUE);
	g_ptr_array_free(cd.strings, TRUE);
	if (wd != NULL)
		workdays_free(wd);
	return rc;
}

int
delivery_chores_run(const struct config *cfg, struct registry *reg,
		    struct delivery_chores *ch, int64_t now,
		    struct ogi_error *err)
{
	struct clock_local at;

	clock_local(cfg->timezone, now, &at);
	if (strcmp(ch->swept, at.date) != 0) {
		if (chores_sweep(reg, at.date, now, err) != 0)
			return -1;
		memcpy(ch->swept, at.date, sizeof(ch->swept));
	}
	if (cfg->office.email == NULL || cfg->digest_minute == CONFIG_DIGEST_OFF ||
	    at.hour * 60 + at.minute < cfg->digest_minute ||
	    strcmp(ch->digested, at.date) == 0)
		return 0;
	if (chores_digest(cfg, reg, at.date, now, at.day_start, err) != 0)
		return -1;
	memcpy(ch->digested, at.date, sizeof(ch->digested));
	return 0;
}
