#include "daemon/poller.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"
#include "common/wake.h"
#include "daemon/pipeline.h"
#include "intake/intake.h"
#include "intake/lock.h"
#include "registry/registry.h"
#include "registry/status.h"

/* Waits after a failure start at the poll interval and double up to this,
 * with up to a quarter of jitter so that several daemons do not retry in
 * step. */
#define POLLER_BACKOFF_MAX (30 * 60)

struct poller {
	const struct config *cfg;
	struct pipeline *pl;
	struct registry *reg;   /* the intake status rows */
	volatile sig_atomic_t *stop;
};

struct poller_intake {
	const struct config_intake *cfg;
	const struct intake_driver *drv;
	void *ctx;                 /* NULL while closed */
	struct intake_lock *lock;  /* NULL while not ours */
	bool held;                 /* another ogid held it at the last try */
	time_t retry_at;           /* after a failure: not before then */
	int backoff_s;             /* the current wait after a failure */
};

static void
poller_close(struct poller *p)
{
	if (p == NULL)
		return;
	pipeline_close(p->pl);
	if (p->reg != NULL)
		registry_close(p->reg);
	g_free(p);
}

static int
poller_open(const struct config *cfg, volatile sig_atomic_t *stop,
	    struct poller **p_r, struct ogi_error *err)
{
	struct poller *p = g_new0(struct poller, 1);

	p->cfg = cfg;
	p->stop = stop;
	*p_r = p;
	if (pipeline_open(cfg, &p->pl, err) != 0 ||
	    registry_open(cfg->db_path, false, &p->reg, err) != 0)
		return -1;
	return 0;
}

static int
poller_intake_init(struct poller_intake *in, const struct config_intake *cfg,
		   struct ogi_error *err)
{
	*in = (struct poller_intake){ .cfg = cfg };
	in->drv = intake_driver_find(cfg->driver);
	if (in->drv == NULL) {
		error_set(err, "driver %s is not available in this build",
			  cfg->driver);
		return -1;
	}
	return 0;
}

static void
poller_intake_close(struct poller_intake *in)
{
	if (in->ctx != NULL)
		in->drv->close(in->ctx);
	in->ctx = NULL;
	intake_lock_release(in->lock);
	in->lock = NULL;
}

static void
poller_sleep(const struct poller *p, int seconds)
{
	if (!*p->stop)
		wake_sleep(wake_fd(), seconds);
}

static int
poller_backoff(const struct config *cfg, int *backoff_s)
{
	int wait = *backoff_s ? *backoff_s : cfg->poll_interval;

	*backoff_s = wait * 2 > POLLER_BACKOFF_MAX ? POLLER_BACKOFF_MAX : wait * 2;
	return wait + g_random_int_range(0, wait / 4 + 1);
}

/* The intake's status row; a row that cannot be written costs a log line,
 * never the intake. */
static void
poller_status(struct poller *p, const struct poller_intake *in,
	      const char *error, size_t backlog)
{
	struct ogi_error err = { 0 };
	int rc;

	if (error != NULL) {
		/* Shown by ogictl as the log would show it. */
		char *shown = log_mask_numbers(log_scrub(g_strdup(error)));

		rc = registry_intake_failed(p->reg, in->cfg->name, time(NULL),
					    shown, &err);
		g_free(shown);
	} else {
		rc = registry_intake_polled(p->reg, in->cfg->name, time(NULL),
					    backlog, &err);
	}
	if (rc != 0)
		log_warning("intake %s: status not recorded: %s", in->cfg->name,
			    err.msg);
}

static void
poller_failed(struct poller *p, struct poller_intake *in,
	      const struct ogi_error *err)
{
	int wait = poller_backoff(p->cfg, &in->backoff_s);

	in->retry_at = time(NULL) + wait;
	log_warning("intake %s: %s; %s, retrying in %d s", in->cfg->name,
		    err->msg, err->temporary ? "temporary" : "needs attention",
		    wait);
	poller_status(p, in, err->msg, 0);
	if (in->ctx != NULL) {
		in->drv->close(in->ctx);
		in->ctx = NULL;
	}
}

/* Another ogid works the mailbox: it is left alone, said once, and tried
 * again every poll interval (the other may stop). */
static void
poller_held(struct poller *p, struct poller_intake *in, const char *holder)
{
	char *file = intake_lock_path(in->cfg, p->cfg->lock_dir);
	const char *dir = strchr(holder, ' ');
	char *why = g_strdup_printf("held by another ogid (pid %.*s%s%s, lock %s)",
				    dir != NULL ? (int)(dir - holder) : (int)strlen(holder),
				    holder[0] != '\0' ? holder : "unknown",
				    dir != NULL ? ", state directory " : "",
				    dir != NULL ? dir + 1 : "", file);

	if (!in->held)
		log_warning("intake %s: %s; left alone, trying again every %d s",
			    in->cfg->name, why, p->cfg->poll_interval);
	in->held = true;
	in->retry_at = time(NULL) + p->cfg->poll_interval;
	poller_status(p, in, why, 0);
	g_free(why);
	g_free(file);
}

/* Takes the intake's lock if it is not ours yet.  Returns true when it is
 * ours. */
static bool
poller_lock(struct poller *p, struct poller_intake *in)
{
	struct ogi_error err = { 0 };
	char *holder;

	if (in->lock != NULL)
		return true;
	if (intake_lock_take(in->cfg, p->cfg->lock_dir, p->cfg->state_dir,
			     &in->lock, &holder, &err) != 0) {
		error_scope(&err, OGI_ERROR_MAILBOX, true);
		poller_failed(p, in, &err);
		return false;
	}
	if (in->lock == NULL) {
		poller_held(p, in, holder);
		g_free(holder);
		return false;
	}
	if (in->held)
		log_info("intake %s: the other ogid let go of %s; working it now",
			 in->cfg->name, intake_lock_file(in->lock));
	in->held = false;
	return true;
}

/* One poll of one intake, when it is due.  A mailbox that fails (or is
 * held by another ogid) is backed off on its own and sets *failed_r;
 * returns -1 only when the spool or the registry failed. */
static int
poller_poll(struct poller *p, struct poller_intake *in, bool *failed_r,
	    struct ogi_error *err)
{
	struct pipeline_stats st = { 0 };

	if (in->retry_at > time(NULL))
		return 0;
	if (!poller_lock(p, in)) {
		*failed_r = true;
		return 0;
	}
	if (in->ctx == NULL && in->drv->open(in->cfg, &in->ctx, err) != 0) {
		in->ctx = NULL;
		error_scope(err, OGI_ERROR_MAILBOX, true);
		poller_failed(p, in, err);
		*failed_r = true;
		return 0;
	}
	if (pipeline_run(p->pl, in->cfg, in->drv, in->ctx, p->stop, &st,
			 err) != 0) {
		/* Stopped in the middle of a message: it stays in the
		 * mailbox for the next run; nothing failed. */
		if (*p->stop)
			return 0;
		if (err->scope == OGI_ERROR_STORE) {
			poller_status(p, in, err->msg, 0);
			return -1;
		}
		poller_failed(p, in, err);
		*failed_r = true;
		return 0;
	}
	in->backoff_s = 0;
	in->retry_at = 0;
	poller_status(p, in, NULL, st.skipped);
	if (st.seen > 0)
		log_info("intake %s: %zu new message%s, %zu application%s "
			 "registered, %zu for the office, %zu left to retry",
			 in->cfg->name, st.seen, st.seen == 1 ? "" : "s",
			 st.registered, st.registered == 1 ? "" : "s",
			 st.flagged, st.skipped);
	return 0;
}

/* Between polls: the mailbox's own wait (IMAP IDLE) when it is open and
 * healthy, else the poll interval or the backoff is slept. */
static void
poller_wait(struct poller *p, struct poller_intake *in)
{
	struct ogi_error err = { 0 };
	time_t now = time(NULL);

	if (in->retry_at > now) {
		poller_sleep(p, (int)(in->retry_at - now));
	} else if (in->ctx != NULL) {
		if (in->drv->wait(in->ctx, p->cfg->poll_interval, wake_fd(),
				  &err) != 0)
			log_warning("intake %s: %s", in->cfg->name, err.msg);
	} else {
		poller_sleep(p, p->cfg->poll_interval);
	}
}

int
poller_run_intake(const struct config *cfg, size_t index,
		  volatile sig_atomic_t *stop)
{
	const char *name = cfg->intakes[index].name;
	struct ogi_error err = { 0 };
	struct poller_intake in = { 0 };
	struct poller *p = NULL;
	int store_backoff = 0;
	bool failed = false;

	if (poller_open(cfg, stop, &p, &err) != 0 ||
	    poller_intake_init(&in, &cfg->intakes[index], &err) != 0) {
		log_error("intake %s: %s", name, err.msg);
		poller_close(p);
		return 1;
	}
	log_info("intake %s: started (pid %ld)", name, (long)getpid());
	while (!*stop) {
		if (poller_poll(p, &in, &failed, &err) != 0) {
			int wait = poller_backoff(cfg, &store_backoff);

			/* Nothing can be recorded: the mail waits in its
			 * mailbox until the store works. */
			log_error("intake %s: %s; intake paused, retrying in %d s",
				  name, err.msg, wait);
			poller_sleep(p, wait);
			continue;
		}
		store_backoff = 0;
		if (!*stop)
			poller_wait(p, &in);
	}
	poller_intake_close(&in);
	poller_close(p);
	log_info("intake %s: stopped", name);
	return 0;
}

int
poller_run_once(const struct config *cfg, volatile sig_atomic_t *stop)
{
	struct poller_intake *ins = g_new0(struct poller_intake, cfg->n_intakes);
	struct ogi_error err = { 0 };
	struct poller *p = NULL;
	bool failed = false;
	size_t n = 0;
	int rc = 1;

	if (poller_open(cfg, stop, &p, &err) != 0) {
		log_error("%s", err.msg);
		goto out;
	}
	for (; n < cfg->n_intakes; n++)
		if (poller_intake_init(&ins[n], &cfg->intakes[n], &err) != 0) {
			log_error("intake %s: %s", cfg->intakes[n].name, err.msg);
			goto out;
		}
	log_info("started: state %s, %zu intake%s", cfg->state_dir,
		 cfg->n_intakes, cfg->n_intakes == 1 ? "" : "s");
	for (size_t i = 0; i < n && !*stop; i++)
		if (poller_poll(p, &ins[i], &failed, &err) != 0) {
			log_error("%s", err.msg);
			goto out;
		}
	rc = failed ? 1 : 0;
out:
	for (size_t i = 0; i < n; i++)
		poller_intake_close(&ins[i]);
	g_free(ins);
	poller_close(p);
	return rc;
}
