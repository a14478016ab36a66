/* One lock per mailbox (intake/lock.h): which intakes share a lock file,
 * and what a second taker finds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "intake/lock.h"

/* An intake as the configuration gives it. */
static struct config_intake
intake(const char *driver, const char *user, const char *host, int port,
       const char *folder, const char *path)
{
	return (struct config_intake){
		.name = (char *)"office", .driver = (char *)driver,
		.user = (char *)user, .host = (char *)host, .port = port,
		.folder = (char *)folder, .path = (char *)path,
	};
}

/* Two intakes and whether they are the same mailbox. */
static const struct {
	const char *what;
	struct { const char *driver, *user, *host; int port; const char *folder, *path; } a, b;
	bool same;
} lock_pairs[] = {
	{ "the same account and folder",
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL },
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL }, true },
	{ "host names differ only in case",
	  { "imap", "ysqgk", "MAIL.Example.gov.cn", 993, "INBOX", NULL },
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL }, true },
	{ "another folder of the account",
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL },
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "传真", NULL }, false },
	{ "another user",
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL },
	  { "imap", "fax", "mail.example.gov.cn", 993, "INBOX", NULL }, false },
	{ "POP3 and IMAP of one account",
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL },
	  { "pop3", "ysqgk", "mail.example.gov.cn", 995, NULL, NULL }, false },
	{ "user names are the server's: case counts",
	  { "imap", "YSQGK", "mail.example.gov.cn", 993, "INBOX", NULL },
	  { "imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL }, false },
	{ "one Maildir",
	  { "maildir", NULL, NULL, 0, NULL, "/srv/mail/office" },
	  { "maildir", NULL, NULL, 0, NULL, "/srv/mail/office" }, true },
	{ "two Maildirs",
	  { "maildir", NULL, NULL, 0, NULL, "/srv/mail/office" },
	  { "maildir", NULL, NULL, 0, NULL, "/srv/mail/fax" }, false },
};

static void
test_lock_paths(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(lock_pairs); i++) {
		struct config_intake a = intake(lock_pairs[i].a.driver, lock_pairs[i].a.user,
						lock_pairs[i].a.host, lock_pairs[i].a.port,
						lock_pairs[i].a.folder, lock_pairs[i].a.path);
		struct config_intake b = intake(lock_pairs[i].b.driver, lock_pairs[i].b.user,
						lock_pairs[i].b.host, lock_pairs[i].b.port,
						lock_pairs[i].b.folder, lock_pairs[i].b.path);
		char *pa = intake_lock_path(&a, "/run/lock/ogid");
		char *pb = intake_lock_path(&b, "/run/lock/ogid");

		if ((strcmp(pa, pb) == 0) != lock_pairs[i].same)
			fail_msg("%s: %s and %s", lock_pairs[i].what, pa, pb);
		/* A Maildir's lock is inside it; any other in the lock
		 * directory, whatever the state directory. */
		if (a.path != NULL)
			assert_true(g_str_has_prefix(pa, a.path));
		else
			assert_true(g_str_has_prefix(pa, "/run/lock/ogid/"));
		g_free(pa);
		g_free(pb);
	}
}

/* A second taker (another open file, as another process has) finds the
 * lock held and who holds it; once released, it can take it. */
static void
test_lock_take(void **state)
{
	char dir[] = "/tmp/ogi-lock-XXXXXX", cmd[64], want[128];
	struct ogi_error err = { 0 };
	struct intake_lock *first, *second;
	struct config_intake in;
	char *holder, *lock_dir;

	(void)state;
	assert_non_null(mkdtemp(dir));
	lock_dir = g_build_filename(dir, "locks", NULL);
	in = intake("imap", "ysqgk", "mail.example.gov.cn", 993, "INBOX", NULL);
	if (intake_lock_take(&in, lock_dir, "/var/lib/ogid", &first, &holder, &err) != 0)
		fail_msg("take: %s", err.msg);
	assert_non_null(first);
	assert_null(holder);
	assert_true(g_str_has_prefix(intake_lock_file(first), lock_dir));

	if (intake_lock_take(&in, lock_dir, "/srv/other", &second, &holder, &err) != 0)
		fail_msg("second take: %s", err.msg);
	assert_null(second);
	snprintf(want, sizeof(want), "%ld /var/lib/ogid", (long)getpid());
	assert_string_equal(holder, want);
	g_free(holder);

	intake_lock_release(first);
	if (intake_lock_take(&in, lock_dir, "/srv/other", &second, &holder, &err) != 0)
		fail_msg("take after release: %s", err.msg);
	assert_non_null(second);
	intake_lock_release(second);

	g_free(lock_dir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_paths),
		cmocka_unit_test(test_lock_take),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
