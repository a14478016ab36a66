/* For tests only: an LD_PRELOAD library that swaps a file for another
 * between a program's look at a path and its opening of it, the race a
 * check-then-open leaves open.  With OGI_SWAP_PATH and OGI_SWAP_WITH set,
 * the first stat-family call on exactly OGI_SWAP_PATH returns what the
 * path held, and then OGI_SWAP_WITH is renamed over it (one atomic step,
 * as an attacker would); every other call passes straight through. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int swap_done;

static void
swap_after(const char *path)
{
	const char *mark = getenv("OGI_SWAP_PATH");
	const char *with = getenv("OGI_SWAP_WITH");

	if (swap_done || mark == NULL || with == NULL || path == NULL ||
	    strcmp(path, mark) != 0)
		return;
	swap_done = 1;
	if (rename(with, mark) != 0)
		perror("swap.so: rename");
}

static void *
swap_real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL) {
		fprintf(stderr, "swap.so: no %s\n", name);
		abort();
	}
	return f;
}

/* One wrapper per entry point glibc 2.36 offers, each calling the next
 * definition of the same name and swapping afterwards. */
#define SWAP_WRAP(ret, name, params, args, path)                        \
	ret name params                                                 \
	{                                                               \
		static ret (*real) params;                              \
		ret rc;                                                 \
                                                                        \
		if (real == NULL)                                       \
			*(void **)&real = swap_real(#name);             \
		rc = real args;                                         \
		swap_after(path);                                       \
		return rc;                                              \
	}

SWAP_WRAP(int, stat, (const char *p, struct stat *st), (p, st), p)
SWAP_WRAP(int, stat64, (const char *p, struct stat64 *st), (p, st), p)
SWAP_WRAP(int, lstat, (const char *p, struct stat *st), (p, st), p)
SWAP_WRAP(int, lstat64, (const char *p, struct stat64 *st), (p, st), p)
SWAP_WRAP(int, fstatat, (int d, const char *p, struct stat *st, int f),
	  (d, p, st, f), p)
SWAP_WRAP(int, fstatat64, (int d, const char *p, struct stat64 *st, int f),
	  (d, p, st, f), p)
SWAP_WRAP(int, statx, (int d, const char *p, int f, unsigned m,
		       struct statx *st), (d, p, f, m, st), p)
