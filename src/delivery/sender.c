#include "delivery/sender.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"
#include "common/wake.h"
#include "delivery/chores.h"
#include "delivery/compose.h"
#include "delivery/letters.h"
#include "delivery/verp.h"
#include "registry/outbox.h"

/* The backend the configuration selects: SMTP when [smtp] names a host,
 * else the outbox Maildir. */
static const struct delivery_backend *
delivery_backend_for(const struct config *cfg)
{
	return cfg->smtp.host != NULL ? &delivery_smtp_backend
				      : &delivery_maildir_backend;
}

void
delivery_retry_decide(const struct config_smtp *smtp, int attempts,
		      enum delivery_result r, int64_t now, const char **state_r,
		      int64_t *next_r)
{
	*next_r = 0;
	if (r == DELIVERY_SENT) {
		*state_r = "sent";
	} else if (r == DELIVERY_TEMPORARY && attempts >= 0 &&
		   (size_t)attempts < smtp->n_retry) {
		*state_r = "delayed";
		*next_r = now + smtp->retry_s[attempts];
	} else {
		*state_r = "failed";
	}
}

static const char *
sender_result_name(enum delivery_result r)
{
	switch (r) {
	case DELIVERY_SENT: return "sent";
	case DELIVERY_TEMPORARY: return "temporary";
	default: return "permanent";
	}
}

/* Takes STATE/outbox.lock without waiting: returns the descriptor, -2
 * when another sender holds it, -1 on error. */
static int
sender_lock(const struct config *cfg, struct ogi_error *err)
{
	char *path = g_build_filename(cfg->state_dir, "outbox.lock", NULL);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		error_scope(err, OGI_ERROR_STORE, true);
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -2;
	}
	g_free(path);
	return fd;
}

struct sender {
	const struct config *cfg;
	struct registry *reg;
	const struct delivery_backend *be;
	void *ctx;               /* the open backend, NULL when closed */
	bool open_failed;        /* opening failed once this pass: */
	struct ogi_error open_err; /* why; every later message gets it */
	struct delivery_verp verp;
	char *domain;
};

static void
sender_send(struct sender *s, const struct registry_outbox_row *row,
	    const char *return_path, struct delivery_status *st)
{
	char *path = g_build_filename(s->cfg->state_dir, row->spool_path, NULL);
	struct delivery_envelope env = {
		.return_path = return_path, .recipient = row->recipient,
		.path = path,
	};

	if (s->ctx == NULL && !s->open_failed &&
	    s->be->open(s->cfg, &s->ctx, &s->open_err) != 0) {
		s->ctx = NULL;
		s->open_failed = true;
		log_warning("outbox: %s: %s%s", s->be->name, s->open_err.msg,
			    s->open_err.temporary ? "" : " (needs attention)");
	}
	if (s->open_failed) {
		*st = (struct delivery_status){ .result = DELIVERY_TEMPORARY };
		snprintf(st->reply, sizeof(st->reply), "%s", s->open_err.msg);
	} else {
		s->be->send(s->ctx, &env, st);
		if (st->lost) {
			s->be->close(s->ctx);
			s->ctx = NULL;
		}
	}
	g_free(path);
}

static int
sender_one(struct sender *s, const struct registry_outbox_row *row, int64_t now,
	   struct delivery_sender_stats *st_r, struct ogi_error *err)
{
	char return_path[DELIVERY_VERP_ADDRESS_SIZE];
	struct registry_outbox_attempt a = { .at = now };
	struct delivery_status st;

	if (delivery_verp_address(&s->verp, row->id, s->domain, return_path,
				  sizeof(return_path)) != 0) {
		error_set(err, "outbox %lld: the office's domain is too long for a "
			  "return path", (long long)row->id);
		return -1;
	}
	sender_send(s, row, return_path, &st);
	delivery_retry_decide(&s->cfg->smtp, row->attempts, st.result, now,
			      &a.state, &a.next_attempt_at);
	a.result = sender_result_name(st.result);
	a.reply = st.reply;
	a.return_path = return_path;
	if (registry_outbox_attempt(s->reg, row->id, &a, err) != 0)
		return -1;
	if (strcmp(a.state, "sent") == 0)
		st_r->sent++;
	else if (strcmp(a.state, "delayed") == 0)
		st_r->delayed++;
	else
		st_r->failed++;
	log_msg(strcmp(a.state, "failed") == 0 ? LOG_LEVEL_WARNING : LOG_LEVEL_INFO,
		"outbox %lld%s%s (%s) to %s: %s: %s", (long long)row->id,
		row->case_id != NULL ? " case " : "",
		row->case_id != NULL ? row->case_id : "", row->kind,
		row->recipient, a.state, st.reply);
	return 0;
}

int
delivery_sender_run(const struct config *cfg, struct registry *reg, int64_t now,
		    const volatile sig_atomic_t *stop,
		    struct delivery_sender_stats *st_r, struct ogi_error *err)
{
	struct sender s = { .cfg = cfg, .reg = reg };
	struct registry_outbox_row *rows = NULL;
	size_t n = 0;
	int lock, rc = -1;

	*st_r = (struct delivery_sender_stats){ .busy = false };
	s.be = delivery_backend_for(cfg);
	lock = sender_lock(cfg, err);
	if (lock == -2) {
		st_r->busy = true;
		return 0;
	}
	if (lock < 0)
		return -1;
	if (registry_outbox_due(reg, now, DELIVERY_SENDER_BATCH, &rows, &n, err) != 0)
		goto out;
	if (n == 0) {
		rc = 0;
		goto out;
	}
	if (delivery_verp_load(cfg->state_dir, &s.verp, err) != 0) {
		error_scope(err, OGI_ERROR_STORE, false);
		goto out;
	}
	if ((s.domain = delivery_office_domain(cfg, err)) == NULL)
		goto out;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0 && !(stop != NULL && *stop); i++)
		rc = sender_one(&s, &rows[i], now, st_r, err);
out:
	if (s.ctx != NULL)
		s.be->close(s.ctx);
	g_free(s.domain);
	registry_outbox_rows_free(rows, n);
	close(lock);
	return rc;
}

/* One pass: the chores due (delivery/chores.h); the pending letters are
 * rendered and queued, so a letter owed since the last pass leaves in this
 * one; then the outbox;
 * then what the outbox (and any bounce) made of the letters is acted on. */
static int
sender_pass(const struct config *cfg, struct registry *reg,
	    struct delivery_chores *ch, volatile sig_atomic_t *stop)
{
	struct delivery_letters_stats lst = { 0 };
	struct delivery_sender_stats st;
	struct ogi_error err = { 0 };
	int rc = 0;

	if (delivery_chores_run(cfg, reg, ch, (int64_t)time(NULL), &err) != 0)
		log_error("chores: %s", err.msg);
	/* The outbox runs whatever became of the letters: mail already queued
	 * must not wait on a letter that cannot be made now. */
	if (delivery_letters_run(cfg, reg, (int64_t)time(NULL), stop, &lst,
				 &err) != 0) {
		log_error("letters: %s", err.msg);
		rc = -1;
	}
	if (delivery_sender_run(cfg, reg, (int64_t)time(NULL), stop, &st, &err) != 0) {
		log_error("outbox: %s", err.msg);
		return -1;
	}
	if (st.busy)
		log_debug("outbox: another sender holds it");
	if (delivery_letters_settle(cfg, reg, (int64_t)time(NULL), &lst, &err) != 0) {
		log_error("letters: %s", err.msg);
		return -1;
	}
	return rc;
}

int
delivery_sender_once(const struct config *cfg, volatile sig_atomic_t *stop)
{
	struct delivery_chores ch = { .swept = "" };
	struct ogi_error err = { 0 };
	struct registry *reg;
	int rc;

	if (registry_open(cfg->db_path, false, &reg, &err) != 0) {
		log_error("outbox: %s", err.msg);
		return -1;
	}
	rc = sender_pass(cfg, reg, &ch, stop);
	registry_close(reg);
	return rc;
}

int
delivery_sender_main(const struct config *cfg, volatile sig_atomic_t *stop)
{
	struct delivery_chores ch = { .swept = "" };
	struct ogi_error err = { 0 };
	struct registry *reg;
	int wait = DELIVERY_SENDER_TICK_S;

	if (registry_open(cfg->db_path, false, &reg, &err) != 0) {
		log_error("outbox: %s", err.msg);
		return 1;
	}
	while (!*stop) {
		if (sender_pass(cfg, reg, &ch, stop) == 0)
			wait = DELIVERY_SENDER_TICK_S;
		else
			wait = MIN(wait * 2, DELIVERY_SENDER_BACKOFF_MAX);
		if (!*stop)
			wake_sleep(wake_fd(), wait);
	}
	registry_close(reg);
	return 0;
}
