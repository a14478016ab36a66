/* The letters queue (registry/letters.h): adding a letter with its
 * attachments, compare-and-set moves, document numbers kept across a
 * re-run, queueing with its outbox row in one transaction, the outbox's
 * news reaching the letter, a letter waiting for its next try, and the
 * sending mark of a letter handed where it cannot be taken back; the
 * letters pass (delivery/letters.h) on a disk that fails. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>

#include "common/config.h"
#include "delivery/letters.h"
#include "registry-fixture.h"
#include "registry/letters.h"
#include "registry/outbox.h"
#include "registry/registry.h"

/* Registers an application and returns its tracking number. */
static void
make_case(struct registry_fixture *f, char id_r[REGISTRY_CASE_ID_SIZE])
{
	const struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.email = (char *)"zhang@example.cn",
		.request = (char *)"2025年度社会保险基金决算情况",
		.verdict = EXTRACT_VERDICT_COMPLETE,
	};

	registry_fixture_case(f, &rec, id_r);
}

static int64_t
add_letter(struct registry_fixture *f, const char *case_id, const char *kind)
{
	const struct registry_letter_file files[] = {
		{ .name = "申请表.pdf", .path = "letters/a1", .size = 1234 },
		{ .name = "../../etc/passwd", .path = "letters/a2", .size = 5 },
	};
	const struct registry_letter_new l = {
		.case_id = case_id, .kind = kind, .channel = "email",
		.values_json = "{\"reason\":\"x\"}", .files = files,
		.n_files = G_N_ELEMENTS(files),
	};
	struct ogi_error err = { 0 };
	int64_t id;

	if (registry_letter_add(f->reg, &l, T0, &id, &err) != 0)
		fail_msg("add: %s", err.msg);
	assert_true(id > 0);
	return id;
}

static void
get_letter(struct registry_fixture *f, int64_t id, struct registry_letter *l)
{
	struct ogi_error err = { 0 };
	bool found;

	if (registry_letter_get(f->reg, id, l, &found, &err) != 0)
		fail_msg("get: %s", err.msg);
	assert_true(found);
}

static void
test_add(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	struct registry_letter l, *rows;
	struct ogi_error err = { 0 };
	size_t n;
	int64_t id;

	make_case(f, case_id);
	id = add_letter(f, case_id, "receipt");
	get_letter(f, id, &l);
	assert_string_equal(l.case_id, case_id);
	assert_string_equal(l.kind, "receipt");
	assert_string_equal(l.channel, "email");
	assert_string_equal(l.state, "pending");
	assert_null(l.docnum);
	assert_null(l.pdf_path);
	assert_string_equal(l.values_json, "{\"reason\":\"x\"}");
	assert_int_equal(l.n_files, 2);
	assert_int_equal(l.files[0].seq, 1);
	assert_string_equal(l.files[0].name, "申请表.pdf");
	assert_string_equal(l.files[1].path, "letters/a2");
	assert_int_equal(l.files[0].size, 1234);
	registry_letter_clear(&l);

	assert_int_equal(registry_letters_pending(f->reg, T0, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	registry_letters_free(rows, n);
	assert_int_equal(registry_letters_of_case(f->reg, case_id, &rows, &n,
						  &err), 0);
	assert_int_equal(n, 1);
	registry_letters_free(rows, n);
}

/* What add must refuse, writing nothing. */
static void
test_add_refused(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	const struct registry_letter_file bad_file = { .name = "", .path = "x" };
	const struct {
		const char *case_id, *kind, *channel;
		const struct registry_letter_file *files;
		size_t n_files;
	} cases[] = {
		{ "2026-999999", "receipt", "email", NULL, 0 },  /* no such case */
		{ NULL, "receipt", "email", NULL, 0 },
		{ "", "", "email", NULL, 0 },                     /* no kind */
		{ "", "receipt", "pigeon", NULL, 0 },             /* no channel */
		{ "", "receipt", "email", &bad_file, 1 },          /* nameless file */
	};
	struct registry_letter *rows;
	size_t n;

	make_case(f, case_id);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct registry_letter_new l = {
			.case_id = cases[i].case_id != NULL && cases[i].case_id[0] == '\0'
				   ? case_id : cases[i].case_id,
			.kind = cases[i].kind, .channel = cases[i].channel,
			.files = cases[i].files, .n_files = cases[i].n_files,
		};
		struct ogi_error err = { 0 };
		int64_t id = 7;

		assert_int_equal(registry_letter_add(f->reg, &l, T0, &id, &err), -1);
		assert_int_equal(id, 0);
	}
	{
		struct ogi_error err = { 0 };

		assert_int_equal(registry_letters_pending(f->reg, T0, 10, &rows,
							  &n, &err), 0);
		assert_int_equal(n, 0);
		/* Outside a transaction, the in-transaction form writes nothing. */
		const struct registry_letter_new l = {
			.case_id = case_id, .kind = "receipt", .channel = "email",
		};
		int64_t id;

		assert_int_equal(registry_letter_add_in_tx(f->reg, &l, T0, &id,
							   &err), -1);
	}
}

/* Compare and set: each row is a move tried on a letter in state from. */
static void
test_transitions(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	const struct {
		const char *path[4];  /* the moves made before, from pending */
		const char *from, *to;
		int rc;
	} cases[] = {
		{ { NULL }, "pending", "queued", 0 },
		{ { NULL }, "pending", "cancelled", 0 },
		{ { NULL }, "pending", "failed", 0 },
		{ { NULL }, "pending", "sent", -1 },         /* not queued yet */
		{ { NULL }, "queued", "sent", -1 },          /* it is pending: CAS */
		{ { "queued", NULL }, "queued", "sent", 0 },
		{ { "queued", NULL }, "queued", "cancelled", 0 },
		{ { "queued", NULL }, "pending", "queued", -1 }, /* raced */
		{ { "queued", "sent", NULL }, "sent", "delivered", 0 },
		{ { "queued", "sent", NULL }, "sent", "failed", 0 },
		{ { "queued", "sent", NULL }, "sent", "pending", -1 },
		{ { "cancelled", NULL }, "cancelled", "queued", -1 },
		{ { "failed", NULL }, "failed", "pending", -1 },
	};

	make_case(f, case_id);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int64_t id = add_letter(f, case_id, "receipt");
		const char *at = "pending";
		struct ogi_error err = { 0 };
		struct registry_letter l;

		for (size_t k = 0; cases[i].path[k] != NULL; k++) {
			if (registry_letter_transition(f->reg, id, at, cases[i].path[k],
						       NULL, T0, &err) != 0)
				fail_msg("case %zu: %s", i, err.msg);
			at = cases[i].path[k];
		}
		assert_int_equal(registry_letter_transition(f->reg, id, cases[i].from,
							    cases[i].to, "why",
							    T0 + 1, &err),
				 cases[i].rc);
		get_letter(f, id, &l);
		assert_string_equal(l.state, cases[i].rc == 0 ? cases[i].to : at);
		registry_letter_clear(&l);
	}
}

struct fmt_ctx {
	int calls;
};

static int
fmt_docnum(int seq, void *ctx, char **docnum_r, struct ogi_error *err)
{
	struct fmt_ctx *c = ctx;

	(void)err;
	c->calls++;
	*docnum_r = g_strdup_printf("测〔2026〕%d号", seq);
	return 0;
}

/* A letter rendered again (a crash between its number and its queueing)
 * keeps its number; the next letter of the series, whatever its kind,
 * gets the next one. */
static void
test_docnum_kept(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	struct fmt_ctx ctx = { 0 };
	struct ogi_error err = { 0 };
	char *a, *b, *c;
	int64_t l1, l2;

	make_case(f, case_id);
	l1 = add_letter(f, case_id, "receipt");
	l2 = add_letter(f, case_id, "correction");
	assert_int_equal(registry_letter_docnum(f->reg, l1, "letter", 2026,
						fmt_docnum, &ctx, &a, &err), 0);
	assert_int_equal(registry_letter_docnum(f->reg, l1, "letter", 2026,
						fmt_docnum, &ctx, &b, &err), 0);
	assert_int_equal(registry_letter_docnum(f->reg, l2, "letter", 2026,
						fmt_docnum, &ctx, &c, &err), 0);
	assert_string_equal(a, "测〔2026〕1号");
	assert_string_equal(b, a);
	assert_string_equal(c, "测〔2026〕2号");
	assert_int_equal(ctx.calls, 2);
	g_free(a);
	g_free(b);
	g_free(c);
	/* A queued letter is not numbered any more. */
	assert_int_equal(registry_letter_transition(f->reg, l1, "pending",
						    "cancelled", NULL, T0, &err), 0);
	assert_int_equal(registry_letter_docnum(f->reg, l1, "letter", 2026,
						fmt_docnum, &ctx, &a, &err), -1);
	assert_null(a);
}

/* Queueing writes the outbox row and the letter's state together, once;
 * the outbox's attempts and reports then move the letter. */
static void
test_queue_and_outbox_news(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	struct ogi_error err = { 0 };
	struct registry_outbox_new m = {
		.kind = "receipt", .recipient = "zhang@example.cn",
		.message_id = "l1@gov.example", .spool_path = "raw/m1.eml",
	};
	struct registry_outbox_attempt sent = {
		.at = T0 + 5, .result = "sent", .reply = "250 ok",
		.return_path = "b@gov.example", .state = "sent",
	};
	struct registry_letter l, *rows;
	int64_t id, obox, obox2;
	size_t n;

	make_case(f, case_id);
	m.case_id = case_id;
	id = add_letter(f, case_id, "receipt");
	assert_int_equal(registry_letter_queue(f->reg, id, "letters/1.pdf", &m, NULL,
					       T0, &obox, &err), 0);
	assert_true(obox > 0);
	/* A second worker that rendered it too is refused, with no mail. */
	m.message_id = "l1-again@gov.example";
	assert_int_equal(registry_letter_queue(f->reg, id, "letters/1.pdf", &m, NULL,
					       T0, &obox2, &err), -1);
	assert_int_equal(obox2, 0);
	assert_int_equal(registry_outbox_find(f->reg, "l1-again@gov.example",
					      &obox2, &err), 0);
	assert_int_equal(obox2, 0);
	get_letter(f, id, &l);
	assert_string_equal(l.state, "queued");
	assert_string_equal(l.pdf_path, "letters/1.pdf");
	assert_int_equal(l.outbox_id, obox);
	registry_letter_clear(&l);

	assert_int_equal(registry_outbox_attempt(f->reg, obox, &sent, &err), 0);
	get_letter(f, id, &l);
	assert_string_equal(l.state, "sent");
	registry_letter_clear(&l);
	assert_int_equal(registry_letters_unsettled(f->reg, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	registry_letters_free(rows, n);

	/* A bounce after it left fails it, and it must be acted on again. */
	assert_int_equal(registry_letter_settle(f->reg, id, T0 + 6, &err), 0);
	assert_int_equal(registry_letters_unsettled(f->reg, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(registry_outbox_report(f->reg, obox, true, "5.1.1 unknown",
						T0 + 60, &err), 0);
	get_letter(f, id, &l);
	assert_string_equal(l.state, "failed");
	assert_string_equal(l.detail, "5.1.1 unknown");
	registry_letter_clear(&l);
	assert_int_equal(registry_letters_unsettled(f->reg, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	registry_letters_free(rows, n);
}

/* A letter queued for a channel without mail (post) has no outbox row. */
static void
test_queue_without_mail(void **state)
{
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	struct ogi_error err = { 0 };
	struct registry_letter l;
	int64_t id, obox = 9;

	make_case(f, case_id);
	id = add_letter(f, case_id, "receipt");
	assert_int_equal(registry_letter_queue(f->reg, id, "letters/2.pdf", NULL,
					       NULL, T0, &obox, &err), 0);
	assert_int_equal(obox, 0);
	assert_int_equal(registry_letter_set_tracking(f->reg, id, "EMS123",
						      T0, &err), 0);
	get_letter(f, id, &l);
	assert_string_equal(l.state, "queued");
	assert_int_equal(l.outbox_id, 0);
	assert_string_equal(l.tracking, "EMS123");
	registry_letter_clear(&l);
}

static size_t
pending_at(struct registry_fixture *f, int64_t now)
{
	struct registry_letter *rows;
	struct ogi_error err = { 0 };
	size_t n;

	if (registry_letters_pending(f->reg, now, 10, &rows, &n, &err) != 0)
		fail_msg("pending: %s", err.msg);
	registry_letters_free(rows, n);
	return n;
}

/* A letter its channel could not take now waits: each try counted, not
 * listed before its next try is due, and queueing it clears the wait. */
static void
test_deferred_waits(void **state)
{
	static const struct {
		int64_t next_at;      /* the wait set at T0 */
		int attempts;         /* tries counted after it */
		int64_t before, due;  /* listed at neither, at due */
	} waits[] = {
		{ T0 + 300, 1, T0 + 299, T0 + 300 },
		{ T0 + 1200, 2, T0 + 1199, T0 + 5000 },
	};
	struct registry_fixture *f = *state;
	char case_id[REGISTRY_CASE_ID_SIZE];
	struct ogi_error err = { 0 };
	struct registry_letter l;
	int64_t id, obox;

	make_case(f, case_id);
	id = add_letter(f, case_id, "receipt");
	for (size_t i = 0; i < G_N_ELEMENTS(waits); i++) {
		assert_int_equal(registry_letter_defer(f->reg, id, waits[i].next_at,
						       "fax command exit 75: busy",
						       T0, &err), 0);
		get_letter(f, id, &l);
		assert_string_equal(l.state, "pending");
		assert_int_equal(l.attempts, waits[i].attempts);
		assert_int_equal(l.next_attempt_at, waits[i].next_at);
		assert_string_equal(l.detail, "fax command exit 75: busy");
		registry_letter_clear(&l);
		assert_int_equal(pending_at(f, waits[i].before), 0);
		assert_int_equal(pending_at(f, waits[i].due), 1);
	}
	assert_int_equal(registry_letter_queue(f->reg, id, "letters/1.pdf", NULL,
					       NULL, T0 + 5000, &obox, &err), 0);
	get_letter(f, id, &l);
	assert_int_equal(l.attempts, 2);
	assert_int_equal(l.next_attempt_at, 0);
	registry_letter_clear(&l);
	/* Only a pending letter waits. */
	assert_int_equal(registry_letter_defer(f->reg, id, T0 + 9000, "x",
					       T0 + 5000, &err), -1);
}

/* The sending mark: set once, before the hand-over, taken off by the
 * letter's next move -- queued and sent in one transaction when the
 * channel reports it sent -- or when the hand-over never started. */
static void
test_sending_mark(void **state)
{
	static const struct {
		const char *end;      /* what ends the hand-over */
		const char *state;    /* the letter's state after it */
	} ends[] = {
		{ "unmark", "pending" },
		{ "defer", "pending" },
		{ "fail", "failed" },
		{ "sent", "sent" },
	};
	struct registry_fixture *f = *state;
	struct ogi_error err = { 0 };

	for (size_t i = 0; i < G_N_ELEMENTS(ends); i++) {
		char case_id[REGISTRY_CASE_ID_SIZE];
		struct registry_letter l, *rows;
		int64_t id, obox;
		size_t n;
		int rc;

		make_case(f, case_id);
		id = add_letter(f, case_id, "receipt");
		assert_int_equal(registry_letter_mark_sending(f->reg, id, T0 + 1,
							      &err), 0);
		/* A second hand-over of the same letter is refused. */
		assert_int_equal(registry_letter_mark_sending(f->reg, id, T0 + 2,
							      &err), -1);
		get_letter(f, id, &l);
		assert_int_equal(l.sending_at, T0 + 1);
		registry_letter_clear(&l);
		if (strcmp(ends[i].end, "unmark") == 0)
			rc = registry_letter_unmark_sending(f->reg, id, T0 + 3, &err);
		else if (strcmp(ends[i].end, "defer") == 0)
			rc = registry_letter_defer(f->reg, id, T0 + 300, "busy",
						   T0 + 3, &err);
		else if (strcmp(ends[i].end, "fail") == 0)
			rc = registry_letter_transition(f->reg, id, "pending",
							"failed", "exit 1", T0 + 3,
							&err);
		else
			rc = registry_letter_queue(f->reg, id, "letters/1.pdf", NULL,
						   "fax command exit 0: job 42",
						   T0 + 3, &obox, &err);
		if (rc != 0)
			fail_msg("%s: %s", ends[i].end, err.msg);
		get_letter(f, id, &l);
		assert_string_equal(l.state, ends[i].state);
		assert_int_equal(l.sending_at, 0);
		registry_letter_clear(&l);
		assert_int_equal(registry_letter_unmark_sending(f->reg, id, T0 + 4,
								&err), -1);
		if (strcmp(ends[i].end, "sent") != 0)
			continue;
		get_letter(f, id, &l);
		assert_string_equal(l.detail, "fax command exit 0: job 42");
		assert_string_equal(l.pdf_path, "letters/1.pdf");
		registry_letter_clear(&l);
		/* Its news is there to act on (after the failed one's). */
		assert_int_equal(registry_letters_unsettled(f->reg, 10, &rows, &n,
							    &err), 0);
		assert_int_equal(n, 2);
		assert_int_equal(rows[1].id, id);
		registry_letters_free(rows, n);
		/* Not pending any more: no mark. */
		assert_int_equal(registry_letter_mark_sending(f->reg, id, T0 + 5,
							      &err), -1);
	}
}

/* --- the letters pass on a disk that fails ------------------------------ */

/* The fault the disk shows: the descriptor whose path matches fault_path
 * (a glob) fails fault_call ("fsync" or "close") with fault_errno.  These
 * two stand in for libc's in the whole program; every other descriptor
 * (the registry's) is synced and closed as ever.  A close that finds its
 * descriptor already closed is counted: Linux releases a descriptor even
 * when close fails, so a second close could close another's file. */
static const char *fault_call, *fault_path;
static int fault_errno, closed_twice;

static bool
fault_hits(const char *call, int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t k;

	if (fault_call == NULL || strcmp(fault_call, call) != 0)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((k = readlink(link, path, sizeof(path) - 1)) < 0)
		return false;
	path[k] = '\0';
	return g_pattern_match_simple(fault_path, path);
}

int
fsync(int fd)
{
	if (fault_hits("fsync", fd)) {
		errno = fault_errno;
		return -1;
	}
	return (int)syscall(SYS_fsync, fd);
}

int
close(int fd)
{
	bool fails = fault_hits("close", fd);
	int rc = (int)syscall(SYS_close, fd);

	if (rc != 0 && errno == EBADF)
		closed_twice++;
	if (rc == 0 && fails) {
		errno = fault_errno;
		return -1;
	}
	return rc;
}

static struct config *
pass_config(const char *dir)
{
	char *path = g_build_filename(dir, "ogid.conf", NULL);
	char *text = g_strdup_printf("[ogid]\nstate_dir = %s\n"
				     "timezone = Asia/Shanghai\n"
				     "[office]\nname = 测试市人力资源和社会保障局\n"
				     "short_name = 测人社\nemail = xxgk@example.cn\n"
				     "address = 测试市中心路1号\nphone = 0475-1234567\n"
				     "[letters]\ntemplates_dir = %s/templates\n"
				     "[intake.mail]\ndriver = maildir\npath = %s/inbox\n",
				     dir, OGI_SRCDIR, dir);
	struct config *cfg = NULL;
	struct ogi_error err = { 0 };
	char *problems = NULL;

	assert_true(g_file_set_contents(path, text, -1, NULL));
	if (config_load(path, dir, &cfg, &problems, &err) != 0)
		fail_msg("config: %s %s", err.msg, problems ? problems : "");
	g_free(problems);
	g_free(text);
	g_free(path);
	return cfg;
}

/* Files in dir whose names match pattern. */
static int
count_files(const char *dir, const char *pattern)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int n = 0;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL)
		n += g_pattern_match_simple(pattern, name);
	if (d != NULL)
		g_dir_close(d);
	return n;
}

static size_t
outbox_rows(struct registry_fixture *f)
{
	struct registry_outbox_row *rows;
	struct ogi_error err = { 0 };
	size_t n;

	if (registry_outbox_list(f->reg, &rows, &n, &err) != 0)
		fail_msg("outbox: %s", err.msg);
	registry_outbox_rows_free(rows, n);
	return n;
}

/* A letter that cannot be written now (a full disk, EIO on a sync or a
 * close) stays pending, the pass saying so, with no temporary file left,
 * and goes out once, on the first pass after the disk works again; a
 * letter no retry mends (no template for its kind) fails at once. */
static void
test_pass_disk_fails(void **state)
{
	struct registry_fixture *f = *state;
	static const struct {
		const char *kind, *call, *path;
		int errno_;
		const char *state;  /* the letter's after the pass with the fault */
	} cases[] = {
		/* The letter (rendered before the blank form it carries). */
		{ "correction", "fsync", "*/letters/2026/*.pdf.??????", ENOSPC,
		  "pending" },
		{ "correction", "close", "*/letters/2026/*.pdf.??????", EIO,
		  "pending" },
		{ "correction", "fsync", "*/letters/2026/*-form.pdf.??????", ENOSPC,
		  "pending" },
		/* The directory, after the rename: the new file stands. */
		{ "correction", "fsync", "*/letters/2026", EIO, "pending" },
		{ "nonesuch", NULL, NULL, 0, "failed" },
	};
	struct config *cfg = pass_config(f->dir);
	char *year_dir = g_build_filename(f->dir, DELIVERY_LETTERS_DIR, "2026", NULL);
	char case_id[REGISTRY_CASE_ID_SIZE];

	make_case(f, case_id);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct registry_letter_new add = {
			.case_id = case_id, .kind = cases[i].kind, .channel = "email",
			.values_json = "{\"missing\": [{\"label\": \"申请人签名\", "
				       "\"what\": \"请在申请表上签名\"}]}",
		};
		struct delivery_letters_stats st = { 0 };
		struct ogi_error err = { 0 };
		struct registry_letter l;
		size_t queued = outbox_rows(f);
		int64_t id;
		int rc;

		if (registry_letter_add(f->reg, &add, T0, &id, &err) != 0)
			fail_msg("add: %s", err.msg);
		fault_call = cases[i].call;
		fault_path = cases[i].path;
		fault_errno = cases[i].errno_;
		closed_twice = 0;
		rc = delivery_letters_run(cfg, f->reg, T0, NULL, &st, &err);
		fault_call = NULL;
		get_letter(f, id, &l);
		assert_string_equal(l.state, cases[i].state);
		registry_letter_clear(&l);
		assert_int_equal(closed_twice, 0);
		assert_int_equal(count_files(year_dir, "*.pdf.??????"), 0);
		if (strcmp(cases[i].state, "pending") != 0) {
			assert_int_equal(rc, 0);
			assert_int_equal(st.failed, 1);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(err.scope, OGI_ERROR_STORE);
		assert_true(err.temporary);
		if (strstr(err.msg, "stays pending") == NULL ||
		    strstr(err.msg, g_strerror(cases[i].errno_)) == NULL)
			fail_msg("case %zu: %s", i, err.msg);
		assert_int_equal(outbox_rows(f), queued);

		rc = delivery_letters_run(cfg, f->reg, T0 + 60, NULL, &st, &err);
		if (rc != 0)
			fail_msg("case %zu, disk well: %s", i, err.msg);
		assert_int_equal(delivery_letters_run(cfg, f->reg, T0 + 120, NULL, &st,
						      &err), 0);
		get_letter(f, id, &l);
		assert_string_equal(l.state, "queued");
		registry_letter_clear(&l);
		assert_int_equal(outbox_rows(f), queued + 1);
	}
	g_free(year_dir);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add, registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_add_refused,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_transitions,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_docnum_kept,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_queue_and_outbox_news,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_queue_without_mail,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_deferred_waits,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sending_mark,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pass_disk_fails,
						registry_fixture_setup,
						registry_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
