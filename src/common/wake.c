#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/wake.h"

static int wake_pipe[2] = { -1, -1 };

int
wake_open(struct ogi_error *err)
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		error_set(err, "wake-up pipe: %s", strerror(errno));
		return -1;
	}
	if (wake_pipe[0] >= 0) {
		close(wake_pipe[0]);
		close(wake_pipe[1]);
	}
	wake_pipe[0] = fds[0];
	wake_pipe[1] = fds[1];
	return 0;
}

void
wake_notify(void)
{
	int saved = errno;
	ssize_t ignored;

	/* A full pipe already says "wake up": the failure is harmless. */
	if (wake_pipe[1] >= 0)
		ignored = write(wake_pipe[1], "", 1);
	(void)ignored;
	errno = saved;
}

int
wake_fd(void)
{
	return wake_pipe[0];
}

int
wake_sleep(int fd, int seconds)
{
	struct timespec now, end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long left_ms;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left_ms = (end.tv_sec - now.tv_sec) * 1000 +
			  (end.tv_nsec - now.tv_nsec) / 1000000;
		if (left_ms <= 0)
			return 0;
		/* Another signal (SIGCHLD) ends poll() early: wait on. */
		if (poll(&pfd, 1, (int)left_ms) > 0)
			return 1;
	}
}
