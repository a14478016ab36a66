#include "delivery/fax.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"

/* Output kept from a command: its last lines say what went wrong
 * (sendfax prints the job id or the error last); a chatty command must
 * not grow our memory. */
#define FAX_OUTPUT_KEEP 4096
/* How often a command that closed its output is asked whether it has
 * exited: short against any timeout, long enough not to spin. */
#define FAX_REAP_POLL_MS 20

/* What the gateway shows as the cover page, when it makes one. */
#define FAX_GATEWAY_SUBJECT "政府信息公开函件"
#define FAX_GATEWAY_BODY "政府信息公开函件见附件。\n"

int
delivery_fax_number(const char *written, char number_r[DELIVERY_FAX_NUMBER_SIZE],
		    struct ogi_error *err)
{
	size_t n = 0, digits = 0;

	if (written == NULL || *written == '\0') {
		error_set(err, "no fax number");
		return -1;
	}
	if (*written == '-')
		goto bad;
	for (const char *p = written; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p == '+' && n == 0 && p == written)
			number_r[n++] = '+';
		else if (*p >= '0' && *p <= '9' && digits < DELIVERY_FAX_DIGITS_MAX) {
			number_r[n++] = *p;
			digits++;
		} else
			goto bad;
	}
	number_r[n] = '\0';
	if (digits >= DELIVERY_FAX_DIGITS_MIN)
		return 0;
bad:
	number_r[0] = '\0';
	error_set(err, "fax number \"%.40s\" is not %d to %d digits with "
		  "spaces, hyphens and a leading + only", written,
		  DELIVERY_FAX_DIGITS_MIN, DELIVERY_FAX_DIGITS_MAX);
	return -1;
}

char *
delivery_fax_gateway_address(const char *pattern, const char *number)
{
	const char *ph = pattern != NULL ? strstr(pattern, "{number}") : NULL;
	char *addr;

	if (ph == NULL)
		return NULL;
	addr = g_strdup_printf("%.*s%s%s", (int)(ph - pattern), pattern, number,
			       ph + strlen("{number}"));
	if (!delivery_address_valid(addr))
		g_clear_pointer(&addr, g_free);
	return addr;
}

char **
delivery_fax_argv(char *const *argv, const char *number,
		  const char *const *files, size_t n_files)
{
	GPtrArray *out = g_ptr_array_new();

	for (size_t i = 0; argv[i] != NULL; i++) {
		if (strcmp(argv[i], "{number}") == 0)
			g_ptr_array_add(out, g_strdup(number));
		else if (strcmp(argv[i], "{pdf}") == 0)
			for (size_t k = 0; k < n_files; k++)
				g_ptr_array_add(out, g_strdup(files[k]));
		else
			g_ptr_array_add(out, g_strdup(argv[i]));
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* In the child: never returns.  Tells the parent why exec failed through
 * errfd (closed on a successful exec). */
static void
fax_child(char *const *argv, int outfd, int errfd)
{
	int null = open("/dev/null", O_RDONLY);
	sigset_t none;
	int e;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* What the daemon ignores, a fax program must not. */
	signal(SIGPIPE, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(outfd, STDOUT_FILENO) < 0 || dup2(outfd, STDERR_FILENO) < 0)
		e = errno;
	else {
		/* Nothing of ours goes with it: a fax program that leaves a
		 * process behind must not hold the outbox lock or the
		 * registry open after we are gone. */
		close_range(STDERR_FILENO + 1, (unsigned)errfd - 1, 0);
		close_range((unsigned)errfd + 1, ~0U, 0);
		execvp(argv[0], argv);
		e = errno;
	}
	/* Nothing to do if even this fails: exit 127 says it too. */
	(void)!write(errfd, &e, sizeof(e));
	_exit(127);
}

/* The last non-empty line of out, control characters made spaces. */
static char *
fax_last_line(const GString *out)
{
	char **lines = g_strsplit(out->str, "\n", -1);
	const char *last = "";
	char *line;

	for (size_t i = 0; lines[i] != NULL; i++)
		if (*g_strstrip(lines[i]) != '\0')
			last = lines[i];
	line = log_scrub(g_utf8_make_valid(last, -1));
	g_strfreev(lines);
	return line;
}

/* Reads the child's output until it closes it or deadline (monotonic
 * microseconds) passes; keeps the last FAX_OUTPUT_KEEP bytes.  Returns
 * false on the deadline. */
static bool
fax_read(int fd, int64_t deadline, GString *out)
{
	char buf[1024];

	for (;;) {
		int64_t left = deadline - g_get_monotonic_time();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t k;
		int r;

		if (left <= 0)
			return false;
		r = poll(&p, 1, (int)MIN(left / 1000 + 1, (int64_t)G_MAXINT));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		k = read(fd, buf, sizeof(buf));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return true;
		g_string_append_len(out, buf, k);
		if (out->len > FAX_OUTPUT_KEEP)
			g_string_erase(out, 0, (gssize)(out->len - FAX_OUTPUT_KEEP));
	}
}

/* Waits for pid until deadline; returns false when it is still running. */
static bool
fax_reap(pid_t pid, int64_t deadline, int *status_r)
{
	for (;;) {
		pid_t r = waitpid(pid, status_r, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			return true;
		if (g_get_monotonic_time() >= deadline)
			return false;
		g_usleep(FAX_REAP_POLL_MS * 1000);
	}
}

static void
fax_result(struct delivery_channel_result *res_r, bool timed_out, int timeout_s,
	   int status, const GString *out)
{
	char *line = fax_last_line(out);
	const char *sep = *line != '\0' ? ": " : "";

	if (timed_out) {
		/* The line may have carried the fax before the kill: sending it
		 * again could send it twice, so a person asks the applicant. */
		res_r->state = DELIVERY_CHANNEL_UNCERTAIN;
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "timed out: may have been sent, check with the applicant "
			 "(fax command killed after %d s%s%s)", timeout_s, sep, line);
	} else if (WIFSIGNALED(status)) {
		/* Not our kill (that is the timeout): a crash or a stop of the
		 * whole service, which may come after the line carried the
		 * fax, so it is not tried again by itself either. */
		res_r->state = DELIVERY_CHANNEL_UNCERTAIN;
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "fax command killed by signal %d: may have been sent, "
			 "check with the applicant%s%s", WTERMSIG(status),
			 sep, line);
	} else {
		int code = WEXITSTATUS(status);

		res_r->state = code == 0 ? DELIVERY_CHANNEL_SENT
			     : code == EX_TEMPFAIL ? DELIVERY_CHANNEL_TEMPORARY
			     : DELIVERY_CHANNEL_PERMANENT;
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "fax command exit %d%s%s", code, sep, line);
	}
	g_free(line);
}

int
delivery_fax_run(char *const *argv, int timeout_s,
		 struct delivery_channel_result *res_r, struct ogi_error *err)
{
	int64_t deadline = g_get_monotonic_time() + (int64_t)timeout_s * G_USEC_PER_SEC;
	int outp[2], errp[2], e = 0, status = 0;
	GString *out;
	bool timed_out;
	pid_t pid;
	ssize_t k;

	if (pipe2(outp, O_CLOEXEC) != 0)
		goto fail;
	if (pipe2(errp, O_CLOEXEC) != 0) {
		close(outp[0]);
		close(outp[1]);
		goto fail;
	}
	pid = fork();
	if (pid == 0)
		fax_child(argv, outp[1], errp[1]);
	e = errno;
	close(outp[1]);
	close(errp[1]);
	if (pid < 0) {
		close(outp[0]);
		close(errp[0]);
		errno = e;
		goto fail;
	}
	/* Both ends are close-on-exec: this read returns 0 once exec worked. */
	do
		k = read(errp[0], &e, sizeof(e));
	while (k < 0 && errno == EINTR);
	close(errp[0]);
	if (k == (ssize_t)sizeof(e)) {
		close(outp[0]);
		waitpid(pid, &status, 0);
		error_set(err, "fax command %s: %s", argv[0], strerror(e));
		return -1;
	}
	out = g_string_new(NULL);
	timed_out = !fax_read(outp[0], deadline, out) ||
		    !fax_reap(pid, deadline, &status);
	close(outp[0]);
	if (timed_out) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	fax_result(res_r, timed_out, timeout_s, status, out);
	g_string_free(out, TRUE);
	return 0;
fail:
	error_set(err, "fax command %s: %s", argv[0], strerror(errno));
	error_scope(err, OGI_ERROR_MESSAGE, true);
	return -1;
}

static int
fax_submit(const struct config *cfg, struct registry *reg,
	   const struct delivery_item *item, struct delivery_channel_result *res_r,
	   struct ogi_error *err)
{
	char number[DELIVERY_FAX_NUMBER_SIZE];
	struct ogi_error why = { 0 };
	int rc;

	(void)reg;
	memset(res_r, 0, sizeof(*res_r));
	res_r->state = DELIVERY_CHANNEL_PERMANENT;
	if (cfg->fax.gateway == NULL && cfg->fax.argv == NULL) {
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "no fax gateway or command is configured ([fax])");
		return 0;
	}
	if (delivery_fax_number(item->contact.fax, number, &why) != 0) {
		snprintf(res_r->detail, sizeof(res_r->detail), "%s", why.msg);
		return 0;
	}
	if (cfg->fax.gateway != NULL) {
		char *to = delivery_fax_gateway_address(cfg->fax.gateway, number);

		rc = delivery_channel_mail(cfg, item, to, FAX_GATEWAY_SUBJECT,
					   FAX_GATEWAY_BODY, true, res_r, err);
		if (rc == 0 && res_r->state == DELIVERY_CHANNEL_QUEUED)
			snprintf(res_r->detail, sizeof(res_r->detail),
				 "fax to %s through %s", number, to);
		g_free(to);
		return rc;
	}
	{
		const char **files = g_new(const char *, 1 + item->n_attachments);
		char **argv;

		files[0] = item->pdf_path;
		for (size_t i = 0; i < item->n_attachments; i++)
			files[i + 1] = item->attachments[i].path;
		argv = delivery_fax_argv(cfg->fax.argv, number, files,
					 1 + item->n_attachments);
		/* A fax cannot be called back: the caller records that it is
		 * going before it can go. */
		rc = item->handing_over != NULL
		     ? item->handing_over(item->handing_over_ctx, err) : 0;
		if (rc == 0)
			rc = delivery_fax_run(argv, cfg->fax.timeout_s, res_r, err);
		g_strfreev(argv);
		g_free(files);
	}
	return rc;
}

const struct delivery_channel delivery_channel_fax = {
	.name = "fax",
	.submit = fax_submit,
};
