/* The Maildir intake driver: what list() returns, in which order, what
 * fetch() reads, and what mark_done() does to the mailbox. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "intake/intake.h"

static char box[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(box, "/tmp/ogi-maildir-XXXXXX");
	assert_non_null(mkdtemp(box));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", box);
	return system(cmd);
}

static void
put(const char *rel, const char *text, time_t mtime)
{
	char path[256];
	struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", box, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(utimes(path, tv), 0);
}

static bool
exists(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", box, rel);
	return access(path, F_OK) == 0;
}

static void *
open_box(void)
{
	struct config_intake cfg = { .name = "mail", .driver = "maildir", .path = box };
	struct ogi_error err = { 0 };
	void *ctx;

	assert_int_equal(intake_maildir_driver.open(&cfg, &ctx, &err), 0);
	return ctx;
}

static void
test_open_creates_maildir(void **state)
{
	(void)state;
	void *ctx = open_box();

	assert_true(exists("new") && exists("cur") && exists("tmp"));
	intake_maildir_driver.close(ctx);
}

static void
test_list_order_and_identity(void **state)
{
	struct ogi_error err = { 0 };
	struct intake_item *items;
	size_t n;
	void *ctx;

	(void)state;
	ctx = open_box();
	put("new/1700000300.M1P1.host", "c", 1700000300);
	put("new/1700000100.M1P1.host", "a", 1700000100);
	put("cur/1700000200.M1P1.host:2,S", "b", 1700000200);
	put("new/.hidden", "x", 1700000000);
	put("tmp/1700000050.M1P1.host", "being delivered", 1700000050);

	assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].uid, "1700000100.M1P1.host");
	assert_int_equal(items[0].received_at, 1700000100);
	assert_true(items[0].fresh);
	/* The identity leaves out the flags; a message in cur/ is not fresh. */
	assert_string_equal(items[1].uid, "1700000200.M1P1.host");
	assert_false(items[1].fresh);
	assert_string_equal(items[2].uid, "1700000300.M1P1.host");
	intake_items_free(items, n);
	intake_maildir_driver.close(ctx);
}

static void
test_fetch_and_mark(void **state)
{
	struct ogi_error err = { 0 };
	struct intake_item *items;
	size_t n, len;
	void *ctx, *data;

	(void)state;
	ctx = open_box();
	put("new/100.A.host", "Subject: one\n\nbody\n", 100);
	put("cur/200.B.host:2,R", "Subject: two\n\nbody\n", 200);
	assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
	assert_int_equal(n, 2);

	assert_int_equal(intake_maildir_driver.fetch(ctx, &items[0], &data, &len, &err), 0);
	assert_int_equal(len, strlen("Subject: one\n\nbody\n"));
	assert_memory_equal(data, "Subject: one\n\nbody\n", len);
	free(data);

	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[0], false, &err), 0);
	assert_false(exists("new/100.A.host"));
	assert_true(exists("cur/100.A.host:2,S"));
	/* Flags a person set are kept and stay in ASCII order. */
	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[1], true, &err), 0);
	assert_true(exists("cur/200.B.host:2,FRS"));
	/* Idempotent, and found again after it moved. */
	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[0], false, &err), 0);
	assert_true(exists("cur/100.A.host:2,S"));
	assert_int_equal(intake_maildir_driver.fetch(ctx, &items[0], &data, &len, &err), 0);
	free(data);
	intake_items_free(items, n);
	intake_maildir_driver.close(ctx);
}

static void
test_gone(void **state)
{
	struct ogi_error err = { 0 };
	struct intake_item *items;
	size_t n, len;
	void *ctx, *data;
	char path[256];

	(void)state;
	ctx = open_box();
	put("new/300.C.host", "x", 300);
	assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
	snprintf(path, sizeof(path), "%s/new/300.C.host", box);
	unlink(path);
	assert_int_equal(intake_maildir_driver.fetch(ctx, &items[0], &data, &len, &err), -1);
	assert_non_null(strstr(err.msg, "300.C.host"));
	intake_items_free(items, n);
	intake_maildir_driver.close(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_maildir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_order_and_identity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_and_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
