/* ogid: the intake daemon. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"
#include "common/log.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "daemon/parser.h"
#include "daemon/pipeline.h"
#include "intake/intake.h"

static volatile sig_atomic_t ogid_stop;

struct ogid_intake {
	const struct config_intake *cfg;
	const struct intake_driver *drv;
	void *ctx;              /* NULL while closed */
	time_t retry_at;        /* after a mailbox error: not before then */
	int backoff_s;          /* the current wait after a mailbox error */
};

/* Waits after a failure start at the poll interval and double up to this,
 * with up to a quarter of jitter so that several daemons do not retry in
 * step. */
#define OGID_BACKOFF_MAX (30 * 60)

static void
ogid_usage(FILE *out)
{
	fprintf(out,
		"usage: ogid [-c FILE] [--once] [--foreground] [-v]\n"
		"       ogid -c FILE --check-config\n"
		"\n"
		"Polls the configured mailboxes for applications for government\n"
		"information, keeps every raw message, registers complete\n"
		"applications and records everything else for the office.\n"
		"\n"
		"  -c, --config FILE  configuration file (default: the embedded\n"
		"                     default, a Maildir under %s)\n"
		"      --once         process what is waiting in every intake, then exit\n"
		"      --foreground   do not detach; log to stderr\n"
		"      --check-config report every problem in FILE and exit\n"
		"  -v, --verbose      log debug lines too\n"
		"  -h, --help         this text\n"
		"  -V, --version      print the version\n",
		config_default_state_dir());
}

static void
ogid_on_signal(int sig)
{
	(void)sig;
	ogid_stop = 1;
}

/* The configuration's warnings (a password others can read), one log
 * line each: said at every start, not only by --check-config. */
static void
ogid_log_config_warnings(const struct config *cfg)
{
	for (const char *l = cfg->warnings; l != NULL && *l != '\0';) {
		const char *nl = strchr(l, '\n');
		int n = nl != NULL ? (int)(nl - l) : (int)strlen(l);

		log_warning("%.*s", n, l);
		l = nl != NULL ? nl + 1 : NULL;
	}
}

static int
ogid_check_config(const char *file)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	struct workdays *wd;
	char *problems;
	int bad = 0;

	if (config_load(file, config_default_state_dir(), &cfg, &problems, &err) != 0) {
		fputs(problems, stderr);
		g_free(problems);
		return 1;
	}
	if (cfg->warnings != NULL)
		fputs(cfg->warnings, stderr);
	if (workdays_load_dir(cfg->holidays_dir, &wd, &err) != 0) {
		fprintf(stderr, "%s: holidays_dir: %s\n", cfg->file, err.msg);
		bad = 1;
	} else {
		workdays_free(wd);
	}
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		const struct config_intake *in = &cfg->intakes[i];
		struct stat st;

		if (intake_driver_find(in->driver) == NULL) {
			fprintf(stderr, "%s:%d: [intake.%s]: driver \"%s\" is not "
				"available in this build\n", cfg->file, in->line,
				in->name, in->driver);
			bad = 1;
		} else if (in->path != NULL && stat(in->path, &st) != 0) {
			fprintf(stderr, "%s:%d: [intake.%s]: path %s: %s\n", cfg->file,
				in->line, in->name, in->path, strerror(errno));
			bad = 1;
		}
	}
	if (!bad)
		printf("%s: ok (%zu intake%s)\n", cfg->file, cfg->n_intakes,
		       cfg->n_intakes == 1 ? "" : "s");
	config_free(cfg);
	return bad;
}

/* One ogid per state directory: two would race for tracking numbers. */
static int
ogid_lock(const struct config *cfg, struct ogi_error *err)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/ogid.lock", cfg->state_dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		error_set(err, "%s: another ogid is running on this state directory",
			  path);
		close(fd);
		return -1;
	}
	return fd;
}

static int
ogid_backoff(const struct config *cfg, int *backoff_s)
{
	int wait = *backoff_s ? *backoff_s : cfg->poll_interval;

	*backoff_s = wait * 2 > OGID_BACKOFF_MAX ? OGID_BACKOFF_MAX : wait * 2;
	return wait + g_random_int_range(0, wait / 4 + 1);
}

static void
ogid_intake_failed(const struct config *cfg, struct ogid_intake *in,
		   const struct ogi_error *err)
{
	int wait = ogid_backoff(cfg, &in->backoff_s);

	in->retry_at = time(NULL) + wait;
	log_warning("intake %s: %s; %s, retrying in %d s", in->cfg->name,
		    err->msg, err->temporary ? "temporary" : "needs attention",
		    wait);
	if (in->ctx != NULL) {
		in->drv->close(in->ctx);
		in->ctx = NULL;
	}
}

/* One pass over every intake that is due.  A mailbox that fails is backed
 * off on its own; returns -1 only when the spool or the registry failed,
 * which stops the pass.  *mailbox_failed_r tells whether any mailbox did. */
static int
ogid_pass(struct pipeline *pl, const struct config *cfg, struct ogid_intake *ins,
	  bool *mailbox_failed_r, struct ogi_error *err)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < cfg->n_intakes && !ogid_stop; i++) {
		struct ogid_intake *in = &ins[i];
		struct pipeline_stats st = { 0 };

		if (in->retry_at > now)
			continue;
		if (in->ctx == NULL && in->drv->open(in->cfg, &in->ctx, err) != 0) {
			in->ctx = NULL;
			error_scope(err, OGI_ERROR_MAILBOX, true);
			ogid_intake_failed(cfg, in, err);
			*mailbox_failed_r = true;
			continue;
		}
		if (pipeline_run(pl, in->cfg, in->drv, in->ctx, &ogid_stop, &st,
				 err) != 0) {
			if (err->scope == OGI_ERROR_STORE)
				return -1;
			ogid_intake_failed(cfg, in, err);
			*mailbox_failed_r = true;
			continue;
		}
		in->backoff_s = 0;
		in->retry_at = 0;
		if (st.seen > 0)
			log_info("intake %s: %zu new message%s, %zu application%s "
				 "registered, %zu for the office, %zu left to retry",
				 in->cfg->name, st.seen, st.seen == 1 ? "" : "s",
				 st.registered, st.registered == 1 ? "" : "s",
				 st.flagged, st.skipped);
	}
	return 0;
}

static void
ogid_close_intakes(const struct config *cfg, struct ogid_intake *ins)
{
	for (size_t i = 0; i < cfg->n_intakes; i++)
		if (ins[i].ctx != NULL)
			ins[i].drv->close(ins[i].ctx);
}

static void
ogid_sleep(int seconds)
{
	for (int s = 0; s < seconds && !ogid_stop; s++)
		sleep(1);
}

/* Between passes: a lone healthy intake waits on its mailbox (IMAP IDLE),
 * otherwise the poll interval is slept. */
static void
ogid_wait(const struct config *cfg, struct ogid_intake *ins)
{
	struct ogi_error err = { 0 };

	if (cfg->n_intakes == 1 && ins[0].ctx != NULL) {
		if (ins[0].drv->wait(ins[0].ctx, cfg->poll_interval, &err) != 0)
			log_warning("intake %s: %s", ins[0].cfg->name, err.msg);
		return;
	}
	ogid_sleep(cfg->poll_interval);
}

static int
ogid_run(const struct config *cfg, bool once)
{
	struct ogid_intake *ins = g_new0(struct ogid_intake, cfg->n_intakes);
	struct ogi_error err = { 0 };
	struct pipeline *pl = NULL;
	int lock = -1, rc = 1, store_backoff = 0;
	bool mailbox_failed = false;

	if (spool_mkdirs(cfg->state_dir, &err) != 0 ||
	    (lock = ogid_lock(cfg, &err)) < 0 ||
	    pipeline_open(cfg, &pl, &err) != 0) {
		log_error("%s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		ins[i].cfg = &cfg->intakes[i];
		ins[i].drv = intake_driver_find(cfg->intakes[i].driver);
		if (ins[i].drv == NULL) {
			log_error("intake %s: driver %s is not available in this build",
				  cfg->intakes[i].name, cfg->intakes[i].driver);
			goto out;
		}
	}
	log_info("started: state %s, %zu intake%s", cfg->state_dir,
		 cfg->n_intakes, cfg->n_intakes == 1 ? "" : "s");
	for (;;) {
		if (ogid_pass(pl, cfg, ins, &mailbox_failed, &err) != 0) {
			int wait;

			if (ogid_stop)
				break;
			if (once) {
				log_error("%s", err.msg);
				goto out;
			}
			/* Nothing can be recorded: hold every intake (the
			 * mail waits in its mailbox) until the store works. */
			wait = ogid_backoff(cfg, &store_backoff);
			log_error("%s; intake paused, retrying in %d s", err.msg, wait);
			ogid_sleep(wait);
			continue;
		}
		store_backoff = 0;
		if (once || ogid_stop)
			break;
		ogid_wait(cfg, ins);
	}
	/* --once reports a mailbox that could not be read. */
	rc = once && mailbox_failed ? 1 : 0;
	if (!once)
		log_info("stopped");
out:
	ogid_close_intakes(cfg, ins);
	g_free(ins);
	pipeline_close(pl);
	if (lock >= 0)
		close(lock);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "check-config", no_argument, NULL, 'k' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "parse-worker", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL;
	bool once = false, foreground = false, check = false, verbose = false;
	struct ogi_error err = { 0 };
	struct sigaction sa;
	struct config *cfg;
	char *problems;
	int c, rc;

	while ((c = getopt_long(argc, argv, "c:vhV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': file = optarg; break;
		case 'o': once = true; break;
		case 'f': foreground = true; break;
		case 'k': check = true; break;
		case 'v': verbose = true; break;
		case 'h': ogid_usage(stdout); return 0;
		case 'V': printf("ogid (ogi-gateway) %s\n", OGI_VERSION); return 0;
		case 'W': return parser_worker_main();
		default: ogid_usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		ogid_usage(stderr);
		return 2;
	}
	if (check)
		return ogid_check_config(file);

	umask(077);
	log_init("ogid", !(foreground || once), verbose ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
	if (config_load(file, config_default_state_dir(), &cfg, &problems, &err) != 0) {
		fputs(problems, stderr);
		g_free(problems);
		return 1;
	}
	ogid_log_config_warnings(cfg);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ogid_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (!(foreground || once) && daemon(0, 0) != 0) {
		fprintf(stderr, "ogid: daemon: %s\n", strerror(errno));
		config_free(cfg);
		return 1;
	}
	rc = ogid_run(cfg, once);
	config_free(cfg);
	return rc;
}
