/* The Maildir intake driver: what list() returns, in which order, what
 * fetch_to() copies, where the receipt time comes from, and what
 * mark_done() does to the mailbox. */
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
#include <time.h>
#include <unistd.h>

#include <glib.h>

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

/* What fetch_to() writes for item, through a real file as the spool
 * would get it; *len_r its size.  Returns a new NUL-terminated buffer. */
static char *
fetch_bytes(void *ctx, const struct intake_item *item, size_t *len_r,
	    int *rc_r, struct ogi_error *err)
{
	FILE *f = tmpfile();
	char *buf;
	long size;

	assert_non_null(f);
	*rc_r = intake_maildir_driver.fetch_to(ctx, item, fileno(f), err);
	size = (long)lseek(fileno(f), 0, SEEK_END);
	assert_true(size >= 0);
	buf = g_malloc0((size_t)size + 1);
	assert_int_equal(pread(fileno(f), buf, (size_t)size, 0), size);
	fclose(f);
	*len_r = (size_t)size;
	return buf;
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
	void *ctx;
	char *data;
	int rc;

	(void)state;
	ctx = open_box();
	put("new/100.A.host", "Subject: one\n\nbody\n", 100);
	put("cur/200.B.host:2,R", "Subject: two\n\nbody\n", 200);
	assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
	assert_int_equal(n, 2);

	data = fetch_bytes(ctx, &items[0], &len, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(len, strlen("Subject: one\n\nbody\n"));
	assert_memory_equal(data, "Subject: one\n\nbody\n", len);
	g_free(data);

	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[0], false, &err), 0);
	assert_false(exists("new/100.A.host"));
	assert_true(exists("cur/100.A.host:2,S"));
	/* Flags a person set are kept and stay in ASCII order. */
	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[1], true, &err), 0);
	assert_true(exists("cur/200.B.host:2,FRS"));
	/* Idempotent, and found again after it moved. */
	assert_int_equal(intake_maildir_driver.mark_done(ctx, &items[0], false, &err), 0);
	assert_true(exists("cur/100.A.host:2,S"));
	data = fetch_bytes(ctx, &items[0], &len, &rc, &err);
	assert_int_equal(rc, 0);
	g_free(data);
	intake_items_free(items, n);
	intake_maildir_driver.close(ctx);
}

static void
test_gone(void **state)
{
	struct ogi_error err = { 0 };
	struct intake_item *items;
	size_t n, len;
	void *ctx;
	char path[256];
	int rc;

	(void)state;
	ctx = open_box();
	put("new/300.C.host", "x", 300);
	assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
	snprintf(path, sizeof(path), "%s/new/300.C.host", box);
	unlink(path);
	g_free(fetch_bytes(ctx, &items[0], &len, &rc, &err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "300.C.host"));
	intake_items_free(items, n);
	intake_maildir_driver.close(ctx);
}

/* The receipt time: the delivery time a Maildir name starts with, when
 * it is plausible; the file's time otherwise (a copy without -p); the
 * time of listing (received_at 0 below) when neither is a witness:
 * before 2000 or more than a day ahead (a copy made with a broken clock). */
static void
test_received_source(void **state)
{
	static const struct {
		const char *name;
		time_t mtime;
		int64_t received_at;
		const char *source;
	} cases[] = {
		/* Copied a week later: the name keeps the delivery time. */
		{ "1763602200.M20P3.mx", 1763602200 + 7 * 86400, 1763602200,
		  INTAKE_RECEIVED_DELIVERY },
		{ "1763602200.12345_1.mx", 1763602200, 1763602200,
		  INTAKE_RECEIVED_DELIVERY },
		/* No time in the name. */
		{ "001-foxmail-form", 1763602200, 1763602200, INTAKE_RECEIVED_MTIME },
		{ "1763602200", 1763602205, 1763602205, INTAKE_RECEIVED_MTIME },
		{ "17636.M1.mx", 1763602200, 1763602200, INTAKE_RECEIVED_MTIME },
		/* A name time after the file existed is not a delivery time. */
		{ "1999999999.M1.mx", 1763602200, 1763602200, INTAKE_RECEIVED_MTIME },
		/* Nor one before 2000. */
		{ "900000000.M1.mx", 1763602200, 1763602200, INTAKE_RECEIVED_MTIME },
		/* A file time of 1985 or 2090 bounds no name and dates nothing. */
		{ "1763602200.M1.mx", 489024000, 1763602200, INTAKE_RECEIVED_DELIVERY },
		{ "1763602200.M1.mx", 3799958400, 1763602200, INTAKE_RECEIVED_DELIVERY },
		{ "3799958400.M1.mx", 3799958400, 0, INTAKE_RECEIVED_FETCH },
		{ "001-foxmail-form", 489024000, 0, INTAKE_RECEIVED_FETCH },
		{ "001-foxmail-form", 3799958400, 0, INTAKE_RECEIVED_FETCH },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct ogi_error err = { 0 };
		struct intake_item *items;
		int64_t before, after;
		char rel[128];
		size_t n;
		void *ctx = open_box();

		snprintf(rel, sizeof(rel), "new/%s", cases[i].name);
		put(rel, "x", cases[i].mtime);
		before = time(NULL);
		assert_int_equal(intake_maildir_driver.list(ctx, &items, &n, &err), 0);
		after = time(NULL);
		assert_int_equal(n, 1);
		if ((cases[i].received_at != 0 ?
		     items[0].received_at != cases[i].received_at :
		     items[0].received_at < before || items[0].received_at > after) ||
		    strcmp(items[0].received_source, cases[i].source) != 0)
			fail_msg("%s: got %lld from %s", cases[i].name,
				 (long long)items[0].received_at,
				 items[0].received_source);
		intake_items_free(items, n);
		intake_maildir_driver.close(ctx);
		snprintf(rel, sizeof(rel), "%s/new/%s", box, cases[i].name);
		unlink(rel);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_maildir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_order_and_identity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_and_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(test_received_source, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
