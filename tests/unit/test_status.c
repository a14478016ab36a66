/* What the daemon's intake processes share in the registry: each intake's
 * status row (registry/status.h), and tracking numbers handed out while
 * several processes register at the same time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "registry-fixture.h"
#include "registry/registry.h"
#include "registry/status.h"

/* --- intake status ---------------------------------------------------------- */

/* One poll's outcome for intake "office", and the row expected after it. */
static const struct status_step {
	const char *error;      /* NULL: a successful poll */
	size_t backlog;
	int64_t at;
	int64_t want_poll_at, want_errors, want_backlog, want_error_at;
	const char *want_error;
} status_steps[] = {
	/* The first thing ever recorded is a failure: never polled. */
	{ "maildir /x: Permission denied", 0, T0, 0, 1, 0, T0,
	  "maildir /x: Permission denied" },
	{ "held by another ogid (pid 7)", 0, T0 + 60, 0, 2, 0, T0 + 60,
	  "held by another ogid (pid 7)" },
	/* Success restarts the count and keeps the last error on record. */
	{ NULL, 3, T0 + 120, T0 + 120, 0, 3, T0 + 60,
	  "held by another ogid (pid 7)" },
	{ NULL, 0, T0 + 180, T0 + 180, 0, 0, T0 + 60,
	  "held by another ogid (pid 7)" },
	/* A failure leaves the last poll and its backlog as they were. */
	{ "registry busy", 0, T0 + 240, T0 + 180, 1, 0, T0 + 240,
	  "registry busy" },
};

static void
test_status_steps(void **state)
{
	struct registry_fixture *f = *state;

	for (size_t i = 0; i < G_N_ELEMENTS(status_steps); i++) {
		const struct status_step *s = &status_steps[i];
		struct registry_intake_status *rows;
		struct ogi_error err = { 0 };
		size_t n;
		int rc;

		rc = s->error != NULL
		     ? registry_intake_failed(f->reg, "office", s->at, s->error, &err)
		     : registry_intake_polled(f->reg, "office", s->at, s->backlog, &err);
		if (rc != 0)
			fail_msg("step %zu: %s", i, err.msg);
		if (registry_intake_statuses(f->reg, &rows, &n, &err) != 0)
			fail_msg("step %zu: read: %s", i, err.msg);
		assert_int_equal(n, 1);
		assert_string_equal(rows[0].intake, "office");
		assert_int_equal(rows[0].last_poll_at, s->want_poll_at);
		assert_int_equal(rows[0].errors, s->want_errors);
		assert_int_equal(rows[0].backlog, s->want_backlog);
		assert_int_equal(rows[0].last_error_at, s->want_error_at);
		assert_string_equal(rows[0].last_error, s->want_error);
		assert_int_equal(rows[0].updated_at, s->at);
		registry_intake_statuses_free(rows, n);
	}
}

/* Each intake has its own row; a read-only handle (ogictl) reads them. */
static void
test_status_rows(void **state)
{
	struct registry_fixture *f = *state;
	static const char *const names[] = { "office", "fax", "backup" };
	struct registry_intake_status *rows;
	struct ogi_error err = { 0 };
	struct registry *ro;
	size_t n;

	if (registry_intake_statuses(f->reg, &rows, &n, &err) != 0)
		fail_msg("read: %s", err.msg);
	assert_int_equal(n, 0);
	assert_null(rows);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (registry_intake_polled(f->reg, names[i], T0, i, &err) != 0)
			fail_msg("%s: %s", names[i], err.msg);
	if (registry_open(f->path, true, &ro, &err) != 0)
		fail_msg("read-only: %s", err.msg);
	if (registry_intake_statuses(ro, &rows, &n, &err) != 0)
		fail_msg("read: %s", err.msg);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].intake, "backup");
	assert_int_equal(rows[0].backlog, 2);
	assert_string_equal(rows[1].intake, "fax");
	assert_int_equal(rows[1].backlog, 1);
	assert_string_equal(rows[2].intake, "office");
	assert_null(rows[2].last_error);
	registry_intake_statuses_free(rows, n);
	registry_close(ro);
}

/* --- several writers ---------------------------------------------------------- */

/* Processes registering at once, as the daemon's intake processes do, and
 * what each registers: enough to overlap on two cores many times over. */
#define WRITERS 3
#define PER_WRITER 40

/* A child's work: its own handle, PER_WRITER applications as intake
 * "w<k>".  Returns the exit status. */
static int
writer(const char *path, int k)
{
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.request = (char *)"2025年本区道路维修资金使用情况",
	};
	const struct registry_decision d = {
		.disposition = "case", .state = "registered", .reason = "test",
	};
	struct ogi_error err = { 0 };
	struct registry *reg;
	char mailbox[8];

	snprintf(mailbox, sizeof(mailbox), "w%d", k);
	if (registry_open(path, false, &reg, &err) != 0) {
		fprintf(stderr, "writer %d: %s\n", k, err.msg);
		return 1;
	}
	for (int i = 0; i < PER_WRITER; i++) {
		char sha[65], uid[32];
		struct registry_outcome out;
		struct registry_message m = {
			.sha256 = sha, .mailbox = mailbox, .uid = uid,
			.raw_path = "raw/x.eml", .received_at = T0 + i,
			.received_source = "delivery", .channel = "mail",
		};

		snprintf(sha, sizeof(sha), "%064x", k * 1000 + i);
		snprintf(uid, sizeof(uid), "%d.%d", k, i);
		if (registry_record(reg, &m, &rec, &d, TZ_SHANGHAI, &out, &err) != 0 ||
		    !out.created) {
			fprintf(stderr, "writer %d: %s\n", k, err.msg);
			registry_close(reg);
			return 1;
		}
	}
	registry_close(reg);
	return 0;
}

static void
test_concurrent_numbers(void **state)
{
	struct registry_fixture *f = *state;
	struct registry_case **cases;
	struct ogi_error err = { 0 };
	pid_t pids[WRITERS];
	size_t n;

	for (int k = 0; k < WRITERS; k++) {
		pids[k] = fork();
		assert_true(pids[k] >= 0);
		if (pids[k] == 0)
			_exit(writer(f->path, k));
	}
	for (int k = 0; k < WRITERS; k++) {
		int status;

		assert_int_equal(waitpid(pids[k], &status, 0), pids[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	if (registry_cases(f->reg, NULL, &cases, &n, &err) != 0)
		fail_msg("cases: %s", err.msg);
	assert_int_equal(n, WRITERS * PER_WRITER);
	/* Every number from 1 once: none shared, none skipped. */
	{
		bool seen[WRITERS * PER_WRITER + 1] = { false };

		for (size_t i = 0; i < n; i++) {
			int seq = 0;

			assert_int_equal(sscanf(cases[i]->id, "2026-%6d", &seq), 1);
			assert_in_range(seq, 1, WRITERS * PER_WRITER);
			assert_false(seen[seq]);
			seen[seq] = true;
		}
	}
	registry_cases_free(cases, n);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, registry_fixture_setup, \
						    registry_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_steps),
		T(test_status_rows),
		T(test_concurrent_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
