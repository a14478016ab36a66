/* The receipt path bench (run by bench/intake, or by hand after an intake:
 * make bench/receipts && bench/receipts OGID.CONF [N]).
 *
 * For each application (oldest first, at most N) that is owed a letter
 * (workflow_letter: a registered one its receipt, an incomplete one the
 * correction notice; one waiting for a clerk none yet): the letter is
 * rendered with the case's values, as `ogictl letter preview KIND --case
 * ID` renders it (ctl_letter_render), composed into the spool with the PDF
 * attached and queued in the outbox (one transaction each, like `ogictl
 * send-test`), while the sender, as in the daemon a process of its own
 * with its own registry handle, delivers the queue through the configured
 * backend -- bench/intake points [smtp] at Postfix's smtp-sink -- until
 * the letters are done and nothing is due.  Prints applications/s over
 * the whole path, the milliseconds rendering and queueing take per letter
 * and how long the sender went on after the last letter was queued.  An application without a
 * plain mail address gets its letter at a made-up one: the bench measures
 * the path, not who can be written to.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"
#include "common/log.h"
#include "common/spool.h"
#include "ctl/letter.h"
#include "delivery/compose.h"
#include "delivery/sender.h"
#include "registry/outbox.h"
#include "registry/registry.h"
#include "workflow/workflow.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void
die(const char *what, const struct ogi_error *err)
{
	fprintf(stderr, "bench/receipts: %s: %s\n", what, err->msg);
	exit(1);
}

/* Composes the letter kind of c (its PDF at pdf) into the spool and
 * queues it. */
static void
queue_letter(const struct config *cfg, struct registry *reg,
	     const struct registry_case *c, const char *kind, const char *pdf,
	     size_t k)
{
	const struct delivery_attachment att = {
		.path = pdf, .name = "告知书.pdf",
		.content_type = "application/pdf",
	};
	char *made_up = g_strdup_printf("applicant-%zu@example.com", k);
	const char *to = c->rec.email != NULL && delivery_address_valid(c->rec.email) ?
			 c->rec.email : made_up;
	const struct delivery_letter l = {
		.to = to,
		.to_name = c->rec.name,
		.subject = "政府信息公开申请告知书",
		.body = "您的政府信息公开申请已收到，告知书见附件。\n",
		.attachments = &att,
		.n_attachments = 1,
		.case_id = c->id,
		.automatic = true,
	};
	struct registry_outbox_new m = {
		.case_id = c->id, .kind = kind, .recipient = to,
	};
	struct ogi_error err = { 0 };
	char rel[256], *msgid;
	int64_t id;

	if (delivery_compose_spool(cfg, &l, (int64_t)time(NULL), &msgid, rel,
				   sizeof(rel), &err) != 0)
		die("compose", &err);
	m.message_id = msgid;
	m.spool_path = rel;
	if (registry_outbox_enqueue(reg, &m, (int64_t)time(NULL), &id, &err) != 0)
		die("enqueue", &err);
	g_free(msgid);
	g_free(made_up);
}

/* How long the sender waits, with nothing due, before it looks again. */
#define BENCH_SENDER_IDLE_MS 20

/* The sender's process: passes until done_fd reports the renderer's end
 * (EOF) and a pass finds nothing due; then writes its sent and unsent
 * counts to out_fd and exits. */
static void
sender_process(const struct config *cfg, int done_fd, int out_fd)
{
	struct delivery_sender_stats st;
	struct ogi_error err = { 0 };
	struct registry *reg;
	size_t counts[2] = { 0, 0 };
	bool done = false;

	if (registry_open(cfg->db_path, false, &reg, &err) != 0)
		die("sender", &err);
	for (;;) {
		struct pollfd pfd = { .fd = done_fd, .events = POLLIN };

		if (delivery_sender_run(cfg, reg, (int64_t)time(NULL), NULL, &st,
					&err) != 0)
			die("sender", &err);
		counts[0] += st.sent;
		counts[1] += st.failed + st.delayed;
		if (st.sent + st.failed + st.delayed > 0 && !st.busy)
			continue;
		if (done)
			break;
		if (poll(&pfd, 1, BENCH_SENDER_IDLE_MS) > 0)
			done = true;
	}
	registry_close(reg);
	if (write(out_fd, counts, sizeof(counts)) != (ssize_t)sizeof(counts))
		_exit(1);
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct registry_case **cases = NULL;
	struct ogi_error err = { 0 };
	struct registry *reg;
	struct config *cfg;
	int done_pipe[2], count_pipe[2], status;
	size_t counts[2];
	pid_t sender;
	size_t total = 0, n = 0, sent = 0, failed = 0, limit, receipts = 0;
	size_t unrendered = 0;
	double t0, t_render = 0, t_queue = 0, t_send, c0, t;
	char *problems = NULL, *tmp, *pdf;

	if (argc < 2 || argc > 3) {
		fputs("usage: bench/receipts OGID.CONF [N]\n", stderr);
		return 2;
	}
	limit = argc == 3 ? (size_t)strtoul(argv[2], NULL, 10) : SIZE_MAX;
	log_init("bench/receipts", false, LOG_LEVEL_WARNING);
	if (config_load(argv[1], NULL, &cfg, &problems, &err) != 0)
		die(argv[1], &err);
	if (registry_open(cfg->db_path, false, &reg, &err) != 0 ||
	    registry_cases(reg, NULL, &cases, &total, &err) != 0)
		die("registry", &err);
	tmp = g_build_filename(cfg->state_dir, "tmp", NULL);
	pdf = g_strdup_printf("%s/bench-receipt-%ld.pdf", tmp, (long)getpid());
	if (spool_mkdirs(tmp, &err) != 0)
		die(tmp, &err);

	if (pipe(done_pipe) != 0 || pipe(count_pipe) != 0) {
		perror("bench/receipts: pipe");
		return 1;
	}
	fflush(NULL);
	t0 = now_s();
	c0 = cpu_s();
	sender = fork();
	if (sender < 0) {
		perror("bench/receipts: fork");
		return 1;
	}
	if (sender == 0) {
		close(done_pipe[1]);
		close(count_pipe[0]);
		sender_process(cfg, done_pipe[0], count_pipe[1]);
	}
	close(done_pipe[0]);
	close(count_pipe[1]);
	for (size_t k = 0; k < total && n < limit; k++) {
		const char *kind = workflow_letter(cases[k]->state);

		if (kind == NULL)
			continue;
		t = now_s();
		if (ctl_letter_render(cfg, kind, cases[k]->id, pdf, &err) != 0) {
			/* Not the bench's to mend: counted and shown once. */
			if (unrendered++ == 0)
				fprintf(stderr, "bench/receipts: %s: %s\n",
					cases[k]->id, err.msg);
			err = (struct ogi_error){ .temporary = false };
			continue;
		}
		t_render += now_s() - t;
		n++;
		receipts += strcmp(kind, "receipt") == 0;
		t = now_s();
		queue_letter(cfg, reg, cases[k], kind, pdf, k);
		t_queue += now_s() - t;
	}
	t = now_s();
	close(done_pipe[1]);
	if (read(count_pipe[0], counts, sizeof(counts)) != (ssize_t)sizeof(counts) ||
	    waitpid(sender, &status, 0) != sender || status != 0) {
		fputs("bench/receipts: the sender failed\n", stderr);
		return 1;
	}
	sent = counts[0];
	failed = counts[1];
	t_send = now_s() - t;
	t = now_s() - t0;
	printf("receipts: %zu applications (%zu receipts, %zu correction "
	       "notices; %zu more could not be rendered): rendered, queued and "
	       "%zu accepted by the SMTP server (%zu not) in %.2f s: %.0f "
	       "applications/s; renderer %.2f CPU ms/letter: render %.2f ms, "
	       "compose+enqueue %.2f ms per letter; the sender (own process) "
	       "finished %.2f s after the last was queued\n",
	       n, receipts, n - receipts, unrendered, sent, failed, t, n / t,
	       (cpu_s() - c0) * 1000 / (double)(n ? n : 1),
	       t_render * 1000 / (double)(n ? n : 1),
	       t_queue * 1000 / (double)(n ? n : 1), t_send);
	unlink(pdf);
	g_free(pdf);
	g_free(tmp);
	registry_cases_free(cases, total);
	registry_close(reg);
	config_free(cfg);
	return sent == n ? 0 : 1;
}
