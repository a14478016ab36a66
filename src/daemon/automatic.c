#include "daemon/automatic.h"

#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"
#include "delivery/channel.h"
#include "delivery/compose.h"
#include "registry/automatic.h"
#include "registry/holding.h"
#include "registry/letters.h"
#include "registry/outbox.h"
#include "workflow/autoreply.h"
#include "workflow/correction.h"
#include "workflow/rules.h"
#include "workflow/status.h"
#include "workflow/workflow.h"

/* A message for a clerk to file: it is no application, it joined no case,
 * and it is not robot mail (recorded and ignored). */
static bool
automatic_holds(const struct automatic_message *m)
{
	const struct extract_record *rec = m->res->rec;

	if (m->out->case_id[0] != '\0')
		return false;
	if (rec == NULL)
		return true;
	switch (rec->kind) {
	case EXTRACT_KIND_CONSULTATION:
	case EXTRACT_KIND_COMPLAINT:
	case EXTRACT_KIND_STATUS_QUERY:
	case EXTRACT_KIND_CORRECTION_REPLY:
		return true;
	default:
		return false;
	}
}

static int
automatic_hold(struct registry *reg, const struct automatic_message *m,
	       const char *why, struct ogi_error *err)
{
	if (registry_holding_mark_in_tx(reg, m->msg->mailbox, m->msg->uid,
					err) != 0)
		return -1;
	log_info("%s: held for the office (ogictl holding): %s", m->where, why);
	return 0;
}

/* The office's day an automatic message goes on: the day it is sent, not
 * the day the message was received (a mailbox's backlog is answered
 * today). */
static void
automatic_send_day(const struct config *cfg, const struct automatic_message *m,
		   char day_r[11])
{
	clock_date(cfg->timezone, m->now, day_r);
}

int
automatic_may_send_check(const struct config *cfg, struct registry *reg,
			 const struct automatic_message *m,
			 const char *recipient, const char **why_r,
			 struct ogi_error *err)
{
	const char *const *own = (const char *const *)cfg->own_addresses;
	const struct autoreply_message am = {
		.parsed = m->res->rec != NULL,
		.kind = m->res->rec != NULL ? m->res->rec->kind
					    : EXTRACT_KIND_APPLICATION,
		.from_addr = m->res->from_addr,
		.headers = (const char *const *)m->res->auto_headers,
	};
	/* The form's address can differ from the sender's: a robot's or the
	 * office's own there is refused by the same rules. */
	const struct autoreply_message to = {
		.parsed = true, .kind = EXTRACT_KIND_APPLICATION,
		.from_addr = recipient,
	};
	enum autoreply_verdict v = autoreply_check(&am, own);
	char day[11];
	int sent = 0;

	if (v == AUTOREPLY_ALLOWED)
		v = autoreply_check(&to, own);
	/* [office] email is not among own_addresses when the office reads
	 * its mail elsewhere: a misread form must not answer it either. */
	if (v == AUTOREPLY_ALLOWED && delivery_address_is_office(cfg, recipient))
		v = AUTOREPLY_OWN;
	if (v == AUTOREPLY_ALLOWED) {
		automatic_send_day(cfg, m, day);
		if (registry_auto_replies_count(reg, recipient, day, &sent,
						err) != 0)
			return -1;
		v = autoreply_rate(sent, cfg->auto_reply_limit);
	}
	*why_r = v == AUTOREPLY_ALLOWED ? NULL : autoreply_verdict_name(v);
	return 0;
}

int
automatic_letter_check(const struct config *cfg, struct registry *reg,
		       const struct automatic_message *m,
		       struct extract_record *rec, const char *kind,
		       const char *channel, bool *withheld_r,
		       struct ogi_error *err)
{
	const char *what = strcmp(kind, "receipt") == 0 ? "receipt"
			   : "correction notice";
	const char *why = NULL, *office;

	*withheld_r = false;
	if (channel == NULL) {
		extract_review_add(rec, "no way to send the %s", what);
		*withheld_r = true;
		return 0;
	}
	/* A form's footer read as the applicant's contact: the office would
	 * send itself the applicant's letter, and the applicant nothing. */
	office = delivery_letter_to_office(cfg, rec, channel);
	if (office != NULL) {
		extract_review_add(rec, "the %s was not sent by itself: it would "
				   "go by %s to %s, the office's own contact",
				   what, channel, office);
		*withheld_r = true;
		return 0;
	}
	if (strcmp(channel, "email") != 0)
		return 0;
	if (automatic_may_send_check(cfg, reg, m, rec->email, &why, err) != 0)
		return -1;
	if (why != NULL) {
		extract_review_add(rec, "the %s was not sent by itself to %s: %s",
				   what, rec->email, why);
		*withheld_r = true;
	}
	return 0;
}

int
automatic_may_send(const struct config *cfg, struct registry *reg,
		   const struct automatic_message *m, const char *recipient,
		   bool *ok_r, struct ogi_error *err)
{
	const char *why;
	char day[11];

	if (automatic_may_send_check(cfg, reg, m, recipient, &why, err) != 0)
		return -1;
	*ok_r = why == NULL;
	if (!*ok_r) {
		log_info("%s: no automatic message to the sender: %s", m->where,
			 why);
		return 0;
	}
	automatic_send_day(cfg, m, day);
	return registry_auto_replies_add_in_tx(reg, recipient, day, err);
}

/* The receipt or the next correction notice a corrected case is owed. */
static int
automatic_letter(const struct config *cfg, struct registry *reg,
		 const struct automatic_message *m, const struct registry_case *c,
		 const char *kind, struct ogi_error *err)
{
	const struct registry_letter_new l = {
		.case_id = c->id, .kind = kind,
		.channel = delivery_letter_channel(cfg, &c->rec),
	};
	int64_t id;
	bool ok = true;

	if (l.channel == NULL) {
		log_warning("%s: case %s: no way to send the %s letter; for a "
			    "clerk", m->where, c->id, kind);
		return 0;
	}
	if (strcmp(l.channel, "email") == 0 &&
	    automatic_may_send(cfg, reg, m, c->rec.email, &ok, err) != 0)
		return -1;
	if (!ok)
		return 0;
	if (registry_letter_add_in_tx(reg, &l, m->now, &id, err) != 0)
		return -1;
	log_info("%s: %s letter %lld owed for case %s", m->where, kind,
		 (long long)id, c->id);
	return 0;
}

/* The rules case c is counted by: the office's, or the profile it was
 * registered under. */
static void
automatic_case_rules(const struct config *cfg, const struct registry_case *c,
		     struct rules *r_r)
{
	struct rules office;

	rules_from_config(cfg, &office);
	rules_for_case(&office, c->rules, r_r);
}

static int
automatic_message_row(struct registry *reg, const struct automatic_message *m,
		      int64_t *id_r, struct ogi_error *err)
{
	return registry_message_row_id(reg, m->msg->mailbox, m->msg->uid, id_r,
				       err);
}

/* A correction reply joined incomplete case c: merged, checked again,
 * moved, and the letter it is now owed. */
static int
automatic_correction(const struct config *cfg, struct registry *reg,
		     const struct workdays *wd, const struct automatic_message *m,
		     struct registry_case *c, struct ogi_error *err)
{
	const char *names[EXTRACT_FIELD_COUNT + 1] = { NULL };
	struct rules_move_clock mc = { .restarts = false };
	struct ogi_error terr = { 0 };
	struct rules r;
	unsigned changed = workflow_correction_merge(&c->rec, m->res->rec);
	const char *to = workflow_correction_state(&c->rec);
	const char *letter = workflow_letter(to);
	bool withheld = false;
	int64_t mid;
	size_t n = 0;
	int rc;

	/* A letter it would owe and may not send by itself: a clerk decides,
	 * rather than the applicant waiting for a notice that never comes. */
	if (letter != NULL &&
	    automatic_letter_check(cfg, reg, m, &c->rec, letter,
				   delivery_letter_channel(cfg, &c->rec),
				   &withheld, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, false);
		return -1;
	}
	/* A reply read by OCR with doubts (extract_message_ocr): a clerk
	 * reads it, not another notice. */
	if (withheld || m->res->rec->review != NULL)
		to = "needs_review";
	if (strcmp(to, c->state) != 0 &&
	    workflow_transition_check(c->state, to, &terr) != 0) {
		log_warning("%s: case %s: %s", m->where, c->id, terr.msg);
		return 0;
	}
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++)
		if (changed & (1u << f))
			names[n++] = extract_field_name(f);
	/* A corrected application's clock (national-2019 counts the reply
	 * period from the corrected one's receipt), and a new notice's
	 * period: the old one must not abandon the case in the middle of it
	 * (Regulation Art. 30).  A correction left to a clerk keeps its
	 * receipt in the registry for the clerk's acceptance. */
	automatic_case_rules(cfg, c, &r);
	if (rules_move_clock(&r, wd, to, m->received, m->received, &mc,
			     err) != 0) {
		error_scope(err, OGI_ERROR_STORE, false);
		return -1;
	}
	rc = automatic_message_row(reg, m, &mid, err);
	if (rc == 0) {
		const struct registry_case_clock clock = {
			.receipt_date = mc.dl.receipt_date,
			.deadline = mc.dl.deadline, .basis = mc.dl.basis,
			.provisional = mc.dl.provisional,
		};

		rc = registry_correction_apply_in_tx(
			reg, c->id, mid, &c->rec, names, c->state, to,
			mc.restarts ? &clock : NULL,
			mc.correction_due[0] != '\0' ? mc.correction_due : NULL,
			err);
	}
	rules_deadline_clear(&mc.dl);
	if (rc != 0)
		return -1;
	log_info("%s: correction merged into case %s (%zu field%s): %s", m->where,
		 c->id, n, n == 1 ? "" : "s", to);
	if (strcmp(to, "needs_review") == 0)
		return 0;
	return automatic_letter(cfg, reg, m, c, workflow_letter(to), err);
}

/* A plain mail answering m, to its sender, when it may be answered:
 * composed into the spool and queued in the batch as kind (case_id may be
 * NULL). */
static int
automatic_mail(const struct config *cfg, struct registry *reg,
	       const struct automatic_message *m, const char *case_id,
	       const char *kind, const char *subject, const char *body,
	       struct ogi_error *err)
{
	const char *to = m->res->from_addr;
	const struct delivery_letter l = {
		.to = to, .subject = subject, .body = body,
		.in_reply_to = m->res->message_id, .case_id = case_id,
		.automatic = true,
	};
	int64_t now = m->now, id;
	char rel[256], *msgid = NULL;
	bool ok = false;
	int rc;

	if (to == NULL)
		return 0;
	/* An address compose refuses (a quoted or UTF-8 local part) would
	 * fail the whole batch on every poll: the office answers it. */
	if (!delivery_address_valid(to))
		return automatic_hold(reg, m, "no automatic reply: the sender's "
				      "address cannot be written to", err);
	if (automatic_may_send(cfg, reg, m, to, &ok, err) != 0)
		return -1;
	if (!ok)
		return 0;
	rc = delivery_compose_spool(cfg, &l, now, &msgid, rel, sizeof(rel), err);
	if (rc == 0) {
		const struct registry_outbox_new o = {
			.case_id = case_id, .kind = kind, .recipient = to,
			.message_id = msgid, .in_reply_to = m->res->message_id,
			.spool_path = rel,
		};

		rc = registry_outbox_enqueue_in_tx(reg, &o, now, &id, err);
	}
	g_free(msgid);
	if (rc != 0) {
		error_scope(err, OGI_ERROR_STORE, true);
		return -1;
	}
	log_info("%s: %s reply queued (outbox %lld)", m->where, kind,
		 (long long)id);
	return 0;
}

/* The status reply: the case's state, deadline and next step. */
static int
automatic_status(const struct config *cfg, struct registry *reg,
		 const struct automatic_message *m, const struct registry_case *c,
		 struct ogi_error *err)
{
	const struct workflow_status *st = workflow_status_of(c->state);
	char *body;
	int rc;

	if (st == NULL)
		return 0;
	body = g_strdup_printf(
		"您好：\n\n您的政府信息公开申请（登记号：%s）目前的办理情况如下。\n\n"
		"状态：%s\n答复期限：%s%s\n下一步：%s\n\n"
		"本邮件由系统自动发出，回复时请保留邮件标题中的登记号。\n\n%s\n",
		c->id, st->words, c->deadline != NULL ? c->deadline : "尚未确定",
		c->deadline_provisional ? "（暂定）" : "", st->next,
		cfg->office.name != NULL ? cfg->office.name : "");
	rc = automatic_mail(cfg, reg, m, c->id, "status",
			    "政府信息公开申请办理情况", body, err);
	g_free(body);
	return rc;
}

/* The not-an-application notice (config not_application_notice): a
 * consultation or complaint is not handled as an application
 * (Regulation Art. 2, Art. 39). */
static int
automatic_not_application(const struct config *cfg, struct registry *reg,
			  const struct automatic_message *m,
			  struct ogi_error *err)
{
	bool complaint = m->res->rec->kind == EXTRACT_KIND_COMPLAINT;
	char *body = g_strdup_printf(
		"您好：\n\n本机关已收到您的来信。经审查，来信%s，"
		"不是申请获取《中华人民共和国政府信息公开条例》第二条规定的"
		"政府信息，本机关不将其作为政府信息公开申请处理。%s\n\n"
		"本邮件由系统自动发出。工作人员会阅读您的来信。\n\n%s\n",
		complaint ? "属于信访、投诉、举报事项" : "属于咨询事项",
		complaint ? "您可以通过信访渠道提出，有关部门将依照相应规定办理。"
			  : "",
		cfg->office.name != NULL ? cfg->office.name : "");
	int rc = automatic_mail(cfg, reg, m, NULL, "not-application",
				"不作为政府信息公开申请处理告知", body, err);

	g_free(body);
	return rc;
}

/* Whether from is an address the case registered for its applicant. */
static bool
automatic_registered_address(const struct registry_case *c, const char *from)
{
	return from != NULL && c->rec.email != NULL &&
	       g_ascii_strcasecmp(c->rec.email, from) == 0;
}

/* Whether m may change case c's record: a correction sent from the
 * case's address, or answering its thread by its own sender.  The case
 * number in a text is anyone's to copy, and a merged e-mail address
 * receives the case's letters. */
static bool
automatic_correction_sender(const struct registry_case *c,
			    const struct automatic_message *m)
{
	return automatic_registered_address(c, m->res->from_addr) ||
	       (m->thread != NULL && strcmp(m->thread, c->id) == 0);
}

/* A reply or query that joined case id. */
static int
automatic_linked(const struct config *cfg, struct registry *reg,
		 const struct workdays *wd, const struct automatic_message *m,
		 struct ogi_error *err)
{
	const struct extract_record *rec = m->res->rec;
	struct registry_case *c = NULL;
	int rc;

	if (registry_case_get(reg, m->out->case_id, &c, err) != 0)
		return -1;
	if (c == NULL)
		return 0;
	if (rec->kind == EXTRACT_KIND_CORRECTION_REPLY &&
	    strcmp(c->state, "incomplete") != 0)
		rc = 0;
	else if (rec->kind == EXTRACT_KIND_CORRECTION_REPLY &&
		 automatic_correction_sender(c, m))
		rc = automatic_correction(cfg, reg, wd, m, c, err);
	else if (rec->kind == EXTRACT_KIND_CORRECTION_REPLY)
		rc = automatic_hold(reg, m, "a correction naming the case from "
				    "an address the case does not have, not in "
				    "its thread: not merged", err);
	else if (rec->kind != EXTRACT_KIND_STATUS_QUERY)
		rc = 0;
	else if (automatic_registered_address(c, m->res->from_addr))
		rc = automatic_status(cfg, reg, m, c, err);
	else
		rc = automatic_hold(reg, m, "a status query from an address the "
				    "case does not have: nothing disclosed", err);
	registry_case_free(c);
	return rc;
}

int
automatic_after_record(const struct config *cfg, struct registry *reg,
		       const struct workdays *wd,
		       const struct automatic_message *m, struct ogi_error *err)
{
	const struct extract_record *rec = m->res->rec;

	if (m->out->duplicate)
		return 0;
	if (automatic_holds(m)) {
		if (automatic_hold(reg, m, rec != NULL ?
				   extract_kind_name(rec->kind) : "unparsed",
				   err) != 0)
			return -1;
		if (cfg->not_application_notice && rec != NULL &&
		    (rec->kind == EXTRACT_KIND_CONSULTATION ||
		     rec->kind == EXTRACT_KIND_COMPLAINT))
			return automatic_not_application(cfg, reg, m, err);
		return 0;
	}
	/* Only a plain link: one the office must review (it quotes another
	 * case than it answers, a part is unreadable) changes nothing. */
	if (rec != NULL && strcmp(m->out->disposition, "linked") == 0 &&
	    m->out->case_id[0] != '\0' && !m->out->created &&
	    (rec->kind == EXTRACT_KIND_CORRECTION_REPLY ||
	     rec->kind == EXTRACT_KIND_STATUS_QUERY))
		return automatic_linked(cfg, reg, wd, m, err);
	return 0;
}
