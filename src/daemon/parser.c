#include "daemon/parser.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "daemon/parser-ocr.h"
#include "daemon/sandbox.h"
#include "extract/extract.h"
#include "mime/mime.h"
#include "ocr/ocr.h"

#if defined(__SANITIZE_ADDRESS__)
#define PARSER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARSER_ASAN 1
#endif
#endif

struct parser {
	struct config_parser lim;
	char **envp;        /* the worker's environment: ours, and
	                       OCR_THREAD_ENV, which libgomp reads at exec */
	pid_t pid;          /* 0: no worker */
	int to_worker;      /* job pipe, parent's end */
	int from_worker;    /* result pipe, parent's end */
	unsigned jobs_done; /* by the current worker */
	/* The job submitted and not yet collected. */
	bool in_flight;
	int64_t deadline;   /* ms, monotonic */
	int send_errno;     /* its sending failed with this, or 0 */
};

int
parser_open(const struct config_parser *lim, struct parser **p_r,
	    struct ogi_error *err)
{
	struct parser *p = g_new0(struct parser, 1);
	guint n;

	(void)err;
	p->lim = *lim;
	if (p->lim.jobs == 0)
		p->lim.jobs = 1;
	p->to_worker = p->from_worker = -1;
	p->envp = g_environ_unsetenv(g_get_environ(), "OMP_THREAD_LIMIT");
	n = g_strv_length(p->envp);
	p->envp = g_renew(char *, p->envp, n + 2);
	p->envp[n] = g_strdup(OCR_THREAD_ENV);
	p->envp[n + 1] = NULL;
	*p_r = p;
	return 0;
}

static int64_t
parser_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
parser_confine_limits(const struct config_parser *lim)
{
	/* The worker re-arms the soft limit per message (worker_arm_cpu), so
	 * the hard limit stays open; the wall clock bounds the rest. */
	struct rlimit cpu = { (rlim_t)lim->cpu_s, RLIM_INFINITY };
	struct rlimit none = { 0, 0 };
	struct rlimit files = { PARSER_WORKER_FILES, PARSER_WORKER_FILES };
	int rc = 0;

#ifndef PARSER_ASAN
	{
		struct rlimit as = { (rlim_t)lim->memory, (rlim_t)lim->memory };

		rc |= setrlimit(RLIMIT_AS, &as);
	}
#endif
	rc |= setrlimit(RLIMIT_CPU, &cpu);
	rc |= setrlimit(RLIMIT_FSIZE, &none);
	rc |= setrlimit(RLIMIT_CORE, &none);
	rc |= setrlimit(RLIMIT_NOFILE, &files);
	return rc == 0 ? 0 : -1;
}

int
parser_confine_sandbox(struct ogi_error *err)
{
	/* RLIMIT_FSIZE 0 holds for the stderr ogid gave us too when it is a
	 * file (a test's log, ogid run by hand): a library's notice there
	 * (Tesseract prints some) would kill the worker with SIGXFSZ.  The
	 * write fails instead; the seccomp filter keeps every other file
	 * unwritable. */
	signal(SIGXFSZ, SIG_IGN);
	return sandbox_enter(err);
}

/* Runs in the forked child before exec: only async-signal-safe calls. */
static void
parser_child(const struct config_parser *lim, char **envp, int job_fd,
	     int res_fd)
{
	static char *const argv[] = { "ogid", "--parse-worker", NULL };

	if (dup2(job_fd, 0) < 0 || dup2(res_fd, 1) < 0)
		_exit(126);
	/* Everything else the daemon holds (the registry, the lock, mailbox
	 * connections) stays out of the worker. */
	close_range(3, ~0U, 0);
	/* Between fork and exec nothing can report a limit that could not be
	 * set (one above ogid's own hard limit): the worker starts under what
	 * it got. */
	(void)parser_confine_limits(lim);
	execve("/proc/self/exe", argv, envp);
	_exit(127);
}

static int
parser_spawn(struct parser *p, struct ogi_error *err)
{
	int job[2] = { -1, -1 }, res[2] = { -1, -1 };
	pid_t pid;

	if (pipe2(job, O_CLOEXEC) != 0 || pipe2(res, O_CLOEXEC) != 0) {
		error_set(err, "parser worker: pipe: %s", strerror(errno));
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		error_set(err, "parser worker: fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		parser_child(&p->lim, p->envp, job[0], res[1]);
	close(job[0]);
	close(res[1]);
	fcntl(job[1], F_SETFL, O_NONBLOCK);
	fcntl(res[0], F_SETFL, O_NONBLOCK);
	p->pid = pid;
	p->to_worker = job[1];
	p->from_worker = res[0];
	p->jobs_done = 0;
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (job[i] >= 0)
			close(job[i]);
		if (res[i] >= 0)
			close(res[i]);
	}
	error_scope(err, OGI_ERROR_STORE, true);
	return -1;
}

/* Reaps the worker, killing it first unless it has already exited;
 * describes how it ended in why (may be NULL). */
static void
parser_reap(struct parser *p, bool kill_it, char *why, size_t whysize)
{
	int status = 0;

	if (p->to_worker >= 0)
		close(p->to_worker);
	if (p->from_worker >= 0)
		close(p->from_worker);
	p->to_worker = p->from_worker = -1;
	if (p->pid == 0)
		return;
	if (kill_it)
		kill(p->pid, SIGKILL);
	while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
	p->pid = 0;
	if (why == NULL)
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		snprintf(why, whysize, "used more than %d s of CPU time",
			 p->lim.cpu_s);
	else if (WIFSIGNALED(status) && !kill_it)
		snprintf(why, whysize, "crashed (signal %d, %s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		snprintf(why, whysize, "exited with status %d", WEXITSTATUS(status));
	else if (!kill_it)
		snprintf(why, whysize, "stopped without answering");
}

/* Moves len bytes to or from fd before deadline (ms, monotonic).  Returns
 * 0, or -1 with errno ETIMEDOUT on time-out, EPIPE at end of file, EINTR
 * when *stop was raised. */
static int
parser_io(int fd, bool out, void *buf, size_t len, int64_t deadline,
	  volatile sig_atomic_t *stop)
{
	size_t done = 0;

	while (done < len) {
		struct pollfd pfd = { fd, out ? POLLOUT : POLLIN, 0 };
		int64_t left = deadline - parser_now_ms();
		ssize_t n;

		if (*stop) {
			errno = EINTR;
			return -1;
		}
		if (poll(&pfd, 1, left <= 0 ? 0 : (int)(left > 1000 ? 1000 : left)) < 0 &&
		    errno != EINTR)
			return -1;
		/* Past the deadline what the worker already sent, or its end,
		 * still counts: while the pipeline waited for another worker,
		 * this one may have answered, or died of its CPU limit. */
		if (left <= 0 && pfd.revents == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		n = out ? write(fd, (char *)buf + done, len - done)
			: read(fd, (char *)buf + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == 0) {
			errno = EPIPE;
			return -1;
		}
		if (errno != EAGAIN && errno != EINTR)
			return -1;
	}
	return 0;
}

/* The worker failed on this job: the message is reported as unparsed. */
static void
parser_failed(struct parser *p, const char *what, bool kill_it,
	      struct wire_result *res)
{
	char why[160] = "";

	parser_reap(p, kill_it, why, sizeof(why));
	memset(res, 0, sizeof(*res));
	res->parse_error = g_strdup_printf("parser worker %s: message not parsed",
					   what != NULL ? what : why);
}

/* Stops the worker because *stop was raised: not the message's fault, it
 * is parsed again next time. */
static int
parser_stopped(struct parser *p, struct ogi_error *err)
{
	parser_reap(p, true, NULL, 0);
	error_set(err, "stopped while the message was being parsed");
	error_scope(err, OGI_ERROR_STORE, true);
	return -1;
}

int
parser_submit(struct parser *p, const struct wire_job *job,
	      volatile sig_atomic_t *stop, struct ogi_error *err)
{
	unsigned char *frame;
	size_t len;
	int rc;

	g_assert(!p->in_flight);
	if (p->pid == 0 && parser_spawn(p, err) != 0)
		return -1;
	p->deadline = parser_now_ms() + (int64_t)p->lim.timeout_s * 1000;
	p->send_errno = 0;
	wire_job_encode(job, &frame, &len);
	rc = parser_io(p->to_worker, true, frame, len, p->deadline, stop);
	g_free(frame);
	if (rc != 0 && errno == EINTR)
		return parser_stopped(p, err);
	/* A worker that died or hung while reading is the message's fate:
	 * parser_collect reports it. */
	if (rc != 0)
		p->send_errno = errno;
	p->in_flight = true;
	return 0;
}

int
parser_run(struct parser *p, const struct wire_job *job,
	   volatile sig_atomic_t *stop, struct wire_result *res_r,
	   struct ogi_error *err)
{
	if (parser_submit(p, job, stop, err) != 0)
		return -1;
	return parser_collect(p, stop, res_r, err);
}

int
parser_collect(struct parser *p, volatile sig_atomic_t *stop,
	       struct wire_result *res_r, struct ogi_error *err)
{
	unsigned char hdr[WIRE_HEADER_SIZE], *body;
	struct ogi_error werr = { 0 };
	int64_t deadline = p->deadline;
	size_t body_len;
	char what[600];

	g_assert(p->in_flight);
	p->in_flight = false;
	if (p->send_errno != 0) {
		errno = p->send_errno;
		goto io_failed;
	}
	if (parser_io(p->from_worker, false, hdr, sizeof(hdr), deadline,
		      stop) != 0)
		goto io_failed;
	if (wire_header_decode(hdr, WIRE_MAX_META, &body_len, &werr) != 0)
		goto garbage;
	body = g_malloc(body_len + 1);
	if (parser_io(p->from_worker, false, body, body_len, deadline,
		      stop) != 0) {
		g_free(body);
		goto io_failed;
	}
	if (wire_result_decode(body, body_len, res_r, &werr) != 0) {
		g_free(body);
		goto garbage;
	}
	g_free(body);
	if (++p->jobs_done >= p->lim.jobs)
		parser_reap(p, false, NULL, 0);
	return 0;
io_failed:
	if (errno == EINTR)
		return parser_stopped(p, err);
	if (errno == ETIMEDOUT) {
		snprintf(what, sizeof(what), "did not finish within %d s: killed",
			 p->lim.timeout_s);
		parser_failed(p, what, true, res_r);
	} else {
		parser_failed(p, NULL, false, res_r);
	}
	return 0;
garbage:
	snprintf(what, sizeof(what), "answered garbage (%s)", werr.msg);
	parser_failed(p, what, true, res_r);
	return 0;
}

void
parser_job_init(const struct config *cfg, const struct config_intake *in,
		 char *own_r[PARSER_OWN_CONTACTS + 1], struct wire_job *job_r)
{
	char *const office[PARSER_OWN_CONTACTS] = {
		cfg->office.phone, cfg->office.fax, cfg->office.email,
		cfg->office.address,
	};
	size_t n = 0;

	for (size_t i = 0; i < PARSER_OWN_CONTACTS; i++)
		if (office[i] != NULL)
			own_r[n++] = office[i];
	while (n <= PARSER_OWN_CONTACTS)
		own_r[n++] = NULL;
	*job_r = (struct wire_job){
		.limits = cfg->limits,
		.sender_is_contact = in == NULL ||
				     in->channel == CONFIG_CHANNEL_MAIL,
		.own_addresses = cfg->own_addresses,
		.own_contacts = own_r,
		.channel = in != NULL ? in->channel : CONFIG_CHANNEL_MAIL,
		.ocr_max_pages = cfg->parser.ocr_max_pages,
		.ocr_workers = cfg->parser.ocr_workers,
		.fax_from = in != NULL ? in->fax_from : NULL,
		.fax_subject = in != NULL ? in->fax_subject : NULL,
	};
}

void
parser_close(struct parser *p)
{
	if (p == NULL)
		return;
	if (p->pid != 0) {
		close(p->to_worker);
		p->to_worker = -1;
		for (int i = 0; i < 10 && waitpid(p->pid, NULL, WNOHANG) == 0; i++)
			usleep(100 * 1000);
		parser_reap(p, true, NULL, 0);
	}
	g_strfreev(p->envp);
	g_free(p);
}

/* --- the worker side ---------------------------------------------------- */

/* Reads exactly len bytes from fd 0; 0 at a clean end of file before the
 * first byte (*eof_r set), -1 on error or a short read. */
static int
worker_read(void *buf, size_t len, bool *eof_r)
{
	size_t done = 0;

	*eof_r = false;
	while (done < len) {
		ssize_t n = read(0, (char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*eof_r = n == 0 && done == 0;
			return *eof_r ? 0 : -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Each message gets the whole CPU allowance the parent set as the soft
 * limit when it started this worker. */
static void
worker_arm_cpu(rlim_t allowance)
{
	struct rusage ru;
	struct rlimit rl;

	if (getrusage(RUSAGE_SELF, &ru) != 0 || getrlimit(RLIMIT_CPU, &rl) != 0)
		return;
	rl.rlim_cur = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + allowance;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_CPU, &rl);
}

/* Fault injection for the test suite only: with OGID_TEST_FAULTS=1 in the
 * daemon's environment (set by tests/run-isolation.sh), a message holding
 * one of these markers makes the worker fail in that way.  Senders cannot
 * set the environment. */
static void
worker_test_fault(const struct wire_job *job)
{
	const char *on = getenv("OGID_TEST_FAULTS");

	if (on == NULL || strcmp(on, "1") != 0)
		return;
	if (memmem(job->raw, job->raw_len, "OGID-TEST-CRASH", 15) != NULL)
		raise(SIGSEGV);
	if (memmem(job->raw, job->raw_len, "OGID-TEST-HANG", 14) != NULL)
		for (;;)
			pause();
	if (memmem(job->raw, job->raw_len, "OGID-TEST-SPIN", 14) != NULL)
		for (volatile unsigned long i = 0;; i++)
			;
	if (memmem(job->raw, job->raw_len, "OGID-TEST-GARBAGE", 17) != NULL) {
		/* A frame of this version claiming a 4 GB body: refused for
		 * its length, not for a stale magic. */
		fdio_write_all(STDOUT_FILENO, WIRE_MAGIC "\377\377\377\377",
			       WIRE_HEADER_SIZE);
		_exit(0);
	}
}

static void
worker_reference(struct wire_result *res, const char *id, size_t len)
{
	char *s;

	if (len == 0 || len > WIRE_MAX_MSGID ||
	    res->n_references >= WIRE_MAX_REFERENCES)
		return;
	s = g_strndup(id, len);
	if (!g_utf8_validate(s, -1, NULL) ||
	    (res->references != NULL &&
	     g_strv_contains((const char *const *)res->references, s))) {
		g_free(s);
		return;
	}
	res->references = g_renew(char *, res->references, res->n_references + 2);
	res->references[res->n_references++] = s;
	res->references[res->n_references] = NULL;
}

/* The thread a reply belongs to, nearest first: In-Reply-To, then
 * References from its end (the newest ancestor) back. */
static void
worker_references(const struct mime_message *msg, struct wire_result *res)
{
	const char *r = msg->references;
	GPtrArray *ids = g_ptr_array_new();

	if (msg->in_reply_to != NULL)
		worker_reference(res, msg->in_reply_to, strlen(msg->in_reply_to));
	while (r != NULL && (r = strchr(r, '<')) != NULL) {
		const char *gt = strchr(r + 1, '>');

		if (gt == NULL)
			break;
		g_ptr_array_add(ids, (gpointer)r);
		r = gt + 1;
	}
	for (guint i = ids->len; i > 0; i--) {
		const char *lt = g_ptr_array_index(ids, i - 1);

		worker_reference(res, lt + 1, (size_t)(strchr(lt, '>') - lt - 1));
	}
	g_ptr_array_free(ids, TRUE);
}

/* The headers that decide whether the sender may be answered; a header
 * too long for the wire is a robot's, and its first few say so. */
static void
worker_auto_headers(const struct mime_message *msg, struct wire_result *res)
{
	for (size_t i = 0; i < msg->n_headers &&
			   res->n_auto_headers < AUTOREPLY_MAX_HEADERS; i++) {
		const struct mime_header *h = &msg->headers[i];
		char *line;

		if (h->name == NULL || !autoreply_header_relevant(h->name))
			continue;
		line = g_strdup_printf("%s: %s", h->name,
				       h->value != NULL ? h->value : "");
		/* Cut at a character boundary: MIME gave valid UTF-8. */
		if (strlen(line) > AUTOREPLY_HEADER_MAX) {
			const char *end;

			(void)g_utf8_validate(line, AUTOREPLY_HEADER_MAX, &end);
			line[end - line] = '\0';
		}
		res->auto_headers = g_renew(char *, res->auto_headers,
					    res->n_auto_headers + 2);
		res->auto_headers[res->n_auto_headers++] = line;
		res->auto_headers[res->n_auto_headers] = NULL;
	}
}

/* The day of receipt the form's date is judged against, into day: the
 * job's, or the day of a Received: header (received_header, 0: none) that
 * replaces the mailbox's time (wire_received_header_believed), as ogid
 * then records it. */
static void
worker_receipt_day(const struct wire_job *job, int64_t received_header,
		   char day[11])
{
	GDateTime *utc, *local;
	char *text;

	memcpy(day, job->today, 11);
	if (job->mailbox_received_at == 0 ||
	    !wire_received_header_believed(job->mailbox_received_at,
					   received_header))
		return;
	utc = g_date_time_new_from_unix_utc(received_header);
	if (utc == NULL)
		return;
	local = g_date_time_add_seconds(utc, job->tz_offset);
	text = local != NULL ? g_date_time_format(local, "%Y-%m-%d") : NULL;
	if (text != NULL && strlen(text) == 10)
		memcpy(day, text, 11);
	g_free(text);
	if (local != NULL)
		g_date_time_unref(local);
	g_date_time_unref(utc);
}

/* pat: the job's fax patterns, compiled (extract_fax_patterns_set). */
static void
worker_job(const struct wire_job *job, const struct extract_fax_patterns *pat,
	   struct wire_result *res)
{
	struct extract_context ctx = {
		.own_addresses = (const char *const *)job->own_addresses,
		.today = job->today,
		.sender_is_contact = job->sender_is_contact,
		.fax_channel = job->channel == CONFIG_CHANNEL_FAX,
		.fax_patterns = pat,
		.own_contacts = (const char *const *)job->own_contacts,
	};
	struct ogi_error err = { 0 };
	struct mime_message *msg;
	struct extract_fax fax;
	char day[11];

	memset(res, 0, sizeof(*res));
	worker_test_fault(job);
	if (mime_parse(job->raw, job->raw_len, &job->limits, &msg, &err) != 0) {
		res->parse_error = g_strdup(err.msg);
		return;
	}
	res->message_id = g_strdup(msg->message_id);
	res->from_addr = g_strdup(msg->from_addr);
	res->subject = g_strdup(msg->subject);
	res->received_header = msg->received_date;
	worker_receipt_day(job, msg->received_date, day);
	ctx.today = day;
	res->n_problems = msg->n_problems;
	res->problems = g_new0(char *, msg->n_problems + 1);
	for (size_t i = 0; i < msg->n_problems; i++)
		res->problems[i] = g_strdup(msg->problems[i]);
	worker_references(msg, res);
	worker_auto_headers(msg, res);
	/* A fax's pages are read whichever intake it came by. */
	extract_fax_recognise(msg, ctx.fax_channel, ctx.fax_patterns, &fax);
	if (!parser_ocr_extract(job, msg, fax.is_fax, &ctx, res))
		res->rec = extract_message(msg, &ctx);
	extract_fax_clear(&fax);
	extract_dsn_read(msg, res->rec->kind, &res->dsn);
	mime_message_free(msg);
}

int
parser_worker_main(void)
{
	struct ogi_error err = { 0 };
	struct rlimit cpu;
	rlim_t allowance = 60;
	/* The worker's for its life: a job's intake's texts are compiled
	 * when they differ from the last job's, not for every message. */
	struct extract_fax_patterns *pat = NULL;

	if (getrlimit(RLIMIT_CPU, &cpu) == 0 && cpu.rlim_cur != RLIM_INFINITY)
		allowance = cpu.rlim_cur;
	if (parser_confine_sandbox(&err) != 0) {
		fprintf(stderr, "ogid parser worker: %s\n", err.msg);
		return 1;
	}
	for (;;) {
		unsigned char hdr[WIRE_HEADER_SIZE], *body, *frame;
		struct wire_result res;
		struct wire_job job;
		size_t body_len, len;
		bool eof;

		if (worker_read(hdr, sizeof(hdr), &eof) != 0)
			return 1;
		if (eof) {
			extract_fax_patterns_free(pat);
			return 0;
		}
		if (wire_header_decode(hdr, UINT32_MAX, &body_len, &err) != 0)
			return 1;
		body = g_malloc(body_len + 1);
		if (worker_read(body, body_len, &eof) != 0 || eof ||
		    wire_job_decode(body, body_len, &job, &err) != 0)
			return 1;
		worker_arm_cpu(allowance);
		extract_fax_patterns_set(&pat, job.fax_from, job.fax_subject);
		worker_job(&job, pat, &res);
		wire_result_encode(&res, &frame, &len);
		wire_result_clear(&res);
		wire_job_clear(&job);
		g_free(body);
		if (fdio_write_all(STDOUT_FILENO, frame, len) != 0)
			return 1;
		g_free(frame);
	}
}
