/* ogid: the intake daemon.  A supervisor forks one process per intake
 * (poller.h) and restarts, stops and reloads them; DEVELOPERS.md draws
 * it. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"
#include "common/log.h"
#include "common/spool.h"
#include "common/wake.h"
#include "common/workdays.h"
#include "daemon/calwarn.h"
#include "daemon/parser.h"
#include "daemon/poller.h"
#include "delivery/sender.h"
#include "intake/intake.h"
#include "registry/registry.h"

static volatile sig_atomic_t ogid_stop;

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
		"  -V, --version      print the version\n"
		"\n"
		"SIGTERM and SIGINT stop it once each intake has finished the message\n"
		"in hand; SIGHUP reads FILE again (a bad file is reported and the\n"
		"running configuration kept).\n",
		config_default_state_dir());
}

static void
ogid_on_signal(int sig)
{
	(void)sig;
	ogid_stop = 1;
	wake_notify();
}

static void
ogid_on_child(int sig)
{
	(void)sig;
}

/* Sets sig's handler (or SIG_IGN, SIG_DFL) with no flags: without
 * SA_RESTART a stop signal interrupts the blocking call in hand, so the
 * loop around it sees ogid_stop at once. */
static void
ogid_signal(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(sig, &sa, NULL);
}

/* What would stop the intakes from starting: a driver this build lacks, a
 * holiday calendar that cannot be read, and (paths) a mailbox path that
 * does not exist.  Appends one "FILE:LINE: text" line per problem to
 * problems; returns whether there was none. */
static bool
ogid_config_ok(const struct config *cfg, bool paths, GString *problems)
{
	const char *file = cfg->file != NULL ? cfg->file : "(embedded default)";
	struct ogi_error err = { 0 };
	struct workdays *wd;
	bool ok = true;

	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, &wd,
				 &err) != 0) {
		g_string_append_printf(problems, "%s: holidays_dir: %s\n", file,
				       err.msg);
		ok = false;
	} else {
		workdays_free(wd);
	}
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		const struct config_intake *in = &cfg->intakes[i];
		struct stat st;

		if (intake_driver_find(in->driver) == NULL) {
			g_string_append_printf(problems, "%s:%d: [intake.%s]: driver "
					       "\"%s\" is not available in this "
					       "build\n", file, in->line,
					       in->name, in->driver);
			ok = false;
		} else if (paths && in->path != NULL && stat(in->path, &st) != 0) {
			g_string_append_printf(problems, "%s:%d: [intake.%s]: path "
					       "%s: %s\n", file, in->line,
					       in->name, in->path, strerror(errno));
			ok = false;
		}
	}
	return ok;
}

static int
ogid_check_config(const char *file)
{
	struct ogi_error err = { 0 };
	GString *problems = g_string_new(NULL);
	struct config *cfg;
	char *text;
	bool ok;

	if (config_load(file, config_default_state_dir(), &cfg, &text, &err) != 0) {
		fputs(text, stderr);
		g_free(text);
		g_string_free(problems, TRUE);
		return 1;
	}
	if (cfg->warnings != NULL)
		fputs(cfg->warnings, stderr);
	ok = ogid_config_ok(cfg, true, problems);
	fputs(problems->str, stderr);
	if (ok)
		printf("%s: ok (%zu intake%s)\n", cfg->file, cfg->n_intakes,
		       cfg->n_intakes == 1 ? "" : "s");
	g_string_free(problems, TRUE);
	config_free(cfg);
	return ok ? 0 : 1;
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

/* --- the supervisor ------------------------------------------------------ */

/* A child that dies is restarted after 1 s, doubling up to 5 min for one
 * that keeps dying (a broken registry, a full disk), with a quarter of
 * jitter; one that ran a minute counts as healthy again. */
#define OGID_RESTART_MIN 1
#define OGID_RESTART_MAX 300
#define OGID_HEALTHY_S 60
/* Children asked to stop finish the message in hand: a commit, or a parse
 * they abandon at once.  One still running after this is killed (the
 * crash contract keeps its message), before systemd's own 90 s stop
 * timeout. */
#define OGID_STOP_GRACE_S 60
/* The longest the supervisor sleeps without looking at its children. */
#define OGID_TICK_S 5
/* Room for "intake NAME" in a log line; a longer name is cut. */
#define OGID_CHILD_NAME_SIZE 128

struct ogid_child {
	size_t intake;        /* index into the configuration's intakes */
	pid_t pid;            /* 0 while not running */
	time_t started;
	time_t restart_at;    /* 0: not waiting to be restarted */
	int backoff_s;        /* the next wait after a death */
};

struct ogid_super {
	const char *file;        /* the configuration file, NULL: embedded */
	struct config *cfg;      /* the running configuration */
	struct config *next;     /* a reloaded one, once the children stopped */
	struct ogid_child *children;
	size_t n_children;
	pid_t self;
	bool stopping;
	time_t kill_at;          /* children asked to stop: SIGKILL then; 0 */
};

/* The child's side of fork: it takes SIGTERM and SIGINT as "finish and
 * stop", leaves SIGHUP to the supervisor, dies with it, and keeps only its
 * own intake's password. */
static int
ogid_child_main(const struct ogid_super *s, size_t index)
{
	struct ogi_error err = { 0 };
	sigset_t none;

	/* Before the handler: a stop must find the pipe to wake the wait. */
	if (wake_open(&err) != 0) {
		log_error("%s", err.msg);
		return 1;
	}
	ogid_signal(SIGTERM, ogid_on_signal);
	ogid_signal(SIGINT, ogid_on_signal);
	ogid_signal(SIGHUP, SIG_IGN);
	ogid_signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != s->self)
		return 0;
	config_forget_passwords(s->cfg, index);
	if (index == s->cfg->n_intakes)
		return delivery_sender_main(s->cfg, &ogid_stop);
	return poller_run_intake(s->cfg, index, &ogid_stop);
}

/* What the log calls a child: "intake NAME", or "outbox sender". */
static void
ogid_child_name(const struct ogid_super *s, const struct ogid_child *c,
		char *buf, size_t size)
{
	if (c->intake < s->cfg->n_intakes)
		snprintf(buf, size, "intake %s", s->cfg->intakes[c->intake].name);
	else
		snprintf(buf, size, "outbox sender");
}

static void
ogid_child_start(struct ogid_super *s, struct ogid_child *c)
{
	pid_t pid = fork();
	char name[OGID_CHILD_NAME_SIZE];

	c->restart_at = 0;
	if (pid < 0) {
		c->restart_at = time(NULL) + OGID_RESTART_MAX;
		ogid_child_name(s, c, name, sizeof(name));
		log_error("%s: fork: %s; trying again in %d s", name,
			  strerror(errno), OGID_RESTART_MAX);
		return;
	}
	if (pid == 0)
		exit(ogid_child_main(s, c->intake));
	c->pid = pid;
	c->started = time(NULL);
}

/* One child per intake, and the outbox's sender (delivery/sender.h), the
 * last, with no intake and no intake's password. */
static void
ogid_children_start(struct ogid_super *s)
{
	s->n_children = s->cfg->n_intakes + 1;
	s->children = g_new0(struct ogid_child, s->n_children);
	for (size_t i = 0; i < s->n_children; i++) {
		s->children[i].intake = i;
		ogid_child_start(s, &s->children[i]);
	}
}

static size_t
ogid_children_alive(const struct ogid_super *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n_children; i++)
		n += s->children[i].pid != 0;
	return n;
}

static void
ogid_children_signal(struct ogid_super *s, int sig)
{
	for (size_t i = 0; i < s->n_children; i++)
		if (s->children[i].pid != 0)
			kill(s->children[i].pid, sig);
	if (sig != SIGKILL && s->kill_at == 0)
		s->kill_at = time(NULL) + OGID_STOP_GRACE_S;
}

/* How a child ended, for the log. */
static void
ogid_status_text(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
}

/* Collects every child that ended; one that was not asked to is restarted
 * after its backoff. */
static void
ogid_reap(struct ogid_super *s)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		time_t now = time(NULL);
		struct ogid_child *c = NULL;
		char how[128], name[OGID_CHILD_NAME_SIZE];
		int wait;

		for (size_t i = 0; i < s->n_children; i++)
			if (s->children[i].pid == pid)
				c = &s->children[i];
		if (c == NULL)
			continue;
		c->pid = 0;
		ogid_status_text(status, how, sizeof(how));
		ogid_child_name(s, c, name, sizeof(name));
		if (s->stopping || s->next != NULL) {
			log_debug("%s: process %ld %s", name, (long)pid, how);
			continue;
		}
		if (now - c->started >= OGID_HEALTHY_S)
			c->backoff_s = 0;
		wait = c->backoff_s ? c->backoff_s : OGID_RESTART_MIN;
		c->backoff_s = wait * 2 > OGID_RESTART_MAX ? OGID_RESTART_MAX : wait * 2;
		wait += g_random_int_range(0, wait / 4 + 1);
		c->restart_at = now + wait;
		log_warning("%s: process %ld %s; restarting it in %d s", name,
			    (long)pid, how, wait);
	}
}

static void
ogid_log_lines(enum log_level level, const char *text)
{
	for (const char *l = text; l != NULL && *l != '\0';) {
		const char *nl = strchr(l, '\n');
		int n = nl != NULL ? (int)(nl - l) : (int)strlen(l);

		log_msg(level, "%.*s", n, l);
		l = nl != NULL ? nl + 1 : NULL;
	}
}

/* SIGHUP: the configuration is read again; a good one replaces the running
 * one once the children have stopped, a bad one is reported and the
 * running one kept. */
static void
ogid_reload(struct ogid_super *s)
{
	const char *file = s->file != NULL ? s->file : "(embedded default)";
	struct ogi_error err = { 0 };
	GString *problems = g_string_new(NULL);
	struct config *cfg = NULL;
	char *text;

	if (config_load(s->file, config_default_state_dir(), &cfg, &text,
			&err) != 0) {
		g_string_append(problems, text);
		g_free(text);
	} else if (strcmp(cfg->state_dir, s->cfg->state_dir) != 0 ||
		   strcmp(cfg->db_path, s->cfg->db_path) != 0) {
		g_string_append_printf(problems, "%s: state_dir and database cannot "
				       "change on reload: restart ogid\n", file);
	} else {
		ogid_config_ok(cfg, false, problems);
	}
	if (problems->len > 0) {
		ogid_log_lines(LOG_LEVEL_ERROR, problems->str);
		log_error("configuration not reloaded: going on with the running one");
		config_free(cfg);
		g_string_free(problems, TRUE);
		return;
	}
	g_string_free(problems, TRUE);
	ogid_log_lines(LOG_LEVEL_WARNING, cfg->warnings);
	config_free(s->next);
	s->next = cfg;
	log_info("reloading %s: stopping the intakes", file);
	ogid_children_signal(s, SIGTERM);
}

/* Seconds until the supervisor must next act by itself. */
static int
ogid_next_wake(const struct ogid_super *s)
{
	time_t now = time(NULL);
	time_t next = now + OGID_TICK_S;

	if (s->kill_at != 0 && s->kill_at < next)
		next = s->kill_at;
	for (size_t i = 0; i < s->n_children; i++)
		if (s->children[i].restart_at != 0 && s->children[i].restart_at < next)
			next = s->children[i].restart_at;
	return next > now ? (int)(next - now) : 0;
}

/* The supervisor's loop: signals in, children out, until SIGTERM or
 * SIGINT has stopped every child. */
static void
ogid_supervise(struct ogid_super *s, const sigset_t *sigs)
{
	ogid_children_start(s);
	for (;;) {
		struct timespec ts = { .tv_sec = ogid_next_wake(s) };
		time_t now;
		int sig;

		sig = ts.tv_sec > 0 ? sigtimedwait(sigs, NULL, &ts) : 0;
		if ((sig == SIGTERM || sig == SIGINT) && !s->stopping) {
			log_info("stopping: waiting for the intakes to finish the "
				 "message in hand");
			s->stopping = true;
			ogid_children_signal(s, SIGTERM);
		} else if (sig == SIGHUP && !s->stopping) {
			ogid_reload(s);
		}
		ogid_reap(s);
		now = time(NULL);
		if (s->kill_at != 0 && now >= s->kill_at && ogid_children_alive(s) > 0) {
			log_warning("intakes still running %d s after being asked "
				    "to stop: killed", OGID_STOP_GRACE_S);
			ogid_children_signal(s, SIGKILL);
		}
		if (ogid_children_alive(s) > 0)
			;
		else if (s->stopping)
			break;
		else if (s->next != NULL) {
			config_free(s->cfg);
			s->cfg = s->next;
			s->next = NULL;
			s->kill_at = 0;
			/* No child spools now: what one killed left goes. */
			spool_clean_tmp(s->cfg->state_dir);
			g_free(s->children);
			ogid_children_start(s);
			log_info("configuration reloaded: %zu intake%s", s->cfg->n_intakes,
				 s->cfg->n_intakes == 1 ? "" : "s");
			continue;
		}
		for (size_t i = 0; i < s->n_children && !s->stopping && s->next == NULL; i++)
			if (s->children[i].pid == 0 && s->children[i].restart_at != 0 &&
			    s->children[i].restart_at <= now)
				ogid_child_start(s, &s->children[i]);
	}
}

/* The daemon: the supervisor with its children.  Takes cfg. */
static int
ogid_daemon(const char *file, struct config *cfg)
{
	struct ogid_super s = { .file = file, .cfg = cfg, .self = getpid() };
	struct ogi_error err = { 0 };
	struct registry *reg = NULL;
	sigset_t sigs;
	int lock;

	if (spool_mkdirs(cfg->state_dir, &err) != 0 ||
	    (lock = ogid_lock(cfg, &err)) < 0 ||
	    registry_open(cfg->db_path, false, &reg, &err) != 0) {
		log_error("%s", err.msg);
		config_free(cfg);
		return 1;
	}
	/* Opened once here so that the children find it migrated. */
	registry_close(reg);
	/* Here, before any child spools, never in a child: a child that
	 * starts while others work must not take their files in flight.  What
	 * a killed child leaves waits for the next start or reload. */
	spool_clean_tmp(cfg->state_dir);
	/* Taken by sigtimedwait, never delivered: the supervisor has no
	 * handler to race with.  SIGCHLD needs one, or a blocked SIGCHLD
	 * may be discarded as ignored. */
	ogid_signal(SIGCHLD, ogid_on_child);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGCHLD);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	log_info("started: state %s, %zu intake%s", cfg->state_dir,
		 cfg->n_intakes, cfg->n_intakes == 1 ? "" : "s");
	daemon_calendar_warn(cfg);
	ogid_supervise(&s, &sigs);
	log_info("stopped");
	g_free(s.children);
	config_free(s.next);
	config_free(s.cfg);
	close(lock);
	return 0;
}

static int
ogid_once(struct config *cfg)
{
	struct ogi_error err = { 0 };
	int lock, rc;

	if (spool_mkdirs(cfg->state_dir, &err) != 0 ||
	    (lock = ogid_lock(cfg, &err)) < 0) {
		log_error("%s", err.msg);
		config_free(cfg);
		return 1;
	}
	spool_clean_tmp(cfg->state_dir);
	daemon_calendar_warn(cfg);
	rc = poller_run_once(cfg, &ogid_stop);
	/* What intake queued goes out in the same run. */
	if (!ogid_stop && delivery_sender_once(cfg, &ogid_stop) != 0)
		rc = 1;
	config_free(cfg);
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
	struct config *cfg;
	char *problems;
	int c;

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
	ogid_log_lines(LOG_LEVEL_WARNING, cfg->warnings);
	ogid_signal(SIGTERM, ogid_on_signal);
	ogid_signal(SIGINT, ogid_on_signal);
	ogid_signal(SIGPIPE, SIG_IGN);
	if (!(foreground || once) && daemon(0, 0) != 0) {
		fprintf(stderr, "ogid: daemon: %s\n", strerror(errno));
		config_free(cfg);
		return 1;
	}
	return once ? ogid_once(cfg) : ogid_daemon(file, cfg);
}
