/* libFuzzer target: config_load() on any bytes.  config_load() reads a
 * file, so each input is written to one memory file per process (memfd,
 * opened by its /proc/self/fd name): nothing is written to disk and
 * nothing is left behind.  Run by contrib/fuzz.sh config. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;
	struct config *cfg;
	char *problems;

	if (fd < 0) {
		/* 0600, as an installed ogid.conf that holds a password. */
		fd = memfd_create("ogid.conf", MFD_CLOEXEC);
		if (fd < 0 || fchmod(fd, 0600) != 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	if (config_load(path, "/nonexistent/ogi-fuzz-state", &cfg, &problems,
			NULL) == 0)
		config_free(cfg);
	else
		g_free(problems);
	return 0;
}
