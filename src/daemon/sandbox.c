#include "daemon/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib.h>
#include <seccomp.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif

/* Calls a parser never needs.  A deny-list, not an allow-list: GLib,
 * iconv, libxml2 and poppler make many ordinary calls (mmap, futex, reading
 * their data files) that vary between versions, and a worker killed by a
 * missing allowance would turn every message into one for the office. */
static const int sandbox_denied[] = {
	SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect),
	SCMP_SYS(bind), SCMP_SYS(listen), SCMP_SYS(accept), SCMP_SYS(accept4),
	SCMP_SYS(sendto), SCMP_SYS(sendmsg), SCMP_SYS(sendmmsg),
	SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
	SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(creat), SCMP_SYS(unlink), SCMP_SYS(unlinkat),
	SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(renameat2),
	SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink),
	SCMP_SYS(symlinkat), SCMP_SYS(mkdir), SCMP_SYS(mkdirat),
	SCMP_SYS(rmdir), SCMP_SYS(mknod), SCMP_SYS(mknodat),
	SCMP_SYS(chmod), SCMP_SYS(fchmod), SCMP_SYS(fchmodat),
	SCMP_SYS(chown), SCMP_SYS(fchown), SCMP_SYS(lchown),
	SCMP_SYS(fchownat), SCMP_SYS(truncate), SCMP_SYS(utimensat),
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
	SCMP_SYS(chroot), SCMP_SYS(unshare), SCMP_SYS(setns),
	SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid),
	SCMP_SYS(setregid), SCMP_SYS(setresuid), SCMP_SYS(setresgid),
	SCMP_SYS(setgroups), SCMP_SYS(capset),
	SCMP_SYS(init_module), SCMP_SYS(finit_module),
	SCMP_SYS(delete_module), SCMP_SYS(reboot), SCMP_SYS(kexec_load),
	SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(sethostname),
	SCMP_SYS(setdomainname), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
	SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
	SCMP_SYS(userfaultfd), SCMP_SYS(io_uring_setup),
#ifndef SANDBOX_ASAN
	SCMP_SYS(ptrace),
#endif
};

/* Flags that write or create, refused on open and openat. */
static const int sandbox_write_flags[] = {
	O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND,
};

int
sandbox_enter(struct ogi_error *err)
{
	scmp_filter_ctx ctx;
	pid_t self = getpid();
	int rc = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		error_set(err, "no_new_privs: %s", strerror(errno));
		return -1;
	}
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL) {
		error_set(err, "seccomp: cannot initialise a filter");
		return -1;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(sandbox_denied); i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), sandbox_denied[i], 0);
	for (size_t i = 0; i < G_N_ELEMENTS(sandbox_write_flags); i++) {
		scmp_datum_t f = (scmp_datum_t)sandbox_write_flags[i];

		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(open), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, f, f));
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(openat), 1,
				       SCMP_A2(SCMP_CMP_MASKED_EQ, f, f));
	}
	/* openat2 and clone3 pass their flags in memory a filter cannot read:
	 * ENOSYS makes the C library fall back to openat and clone. */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
#ifndef SANDBOX_ASAN
	/* Threads, yes; new processes (no CLONE_THREAD), no.  LeakSanitizer
	 * forks a tracer at exit, so sanitizer builds leave clone open. */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
			       SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
#endif
	/* Signals only to itself (raise, abort). */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(kill), 1,
			       SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tgkill), 1,
			       SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tkill), 0);
	if (rc != 0 || seccomp_load(ctx) != 0) {
		error_set(err, "seccomp: cannot load the filter");
		seccomp_release(ctx);
		return -1;
	}
	seccomp_release(ctx);
	return 0;
}
