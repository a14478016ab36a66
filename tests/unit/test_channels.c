/* The delivery channels (delivery/channel.h, fax.h, post.h): fax numbers
 * and what they become in a gateway address and a command's argv, the
 * command run and its exit status, the letter marked as going before the
 * command starts, the retry schedule a busy fax waits on, the [fax]
 * settings, the print queue with its address sheet, the pickup notice,
 * and the fallback order and its registry side. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "delivery/channel.h"
#include "delivery/fax.h"
#include "delivery/letters.h"
#include "delivery/post.h"
#include "registry-fixture.h"
#include "registry/case.h"
#include "registry/letters.h"
#include "workflow/workflow.h"

/* --- fax numbers, gateway addresses, argv ------------------------------ */

static void
test_fax_number(void **state)
{
	static const struct {
		const char *written, *dialled; /* NULL: refused */
	} cases[] = {
		{ "0471-6651234", "04716651234" },
		{ "+86 471 665 1234", "+864716651234" },
		{ "010 8888 7777", "01088887777" },
		{ "123", "123" },
		{ "12", NULL },                   /* too short */
		{ "123456789012345678901", NULL }, /* 21 digits */
		{ "-d 123456", NULL },            /* an option */
		{ "--help", NULL },
		{ "0471;rm -rf /", NULL },
		{ "0471 665 1234 $(id)", NULL },
		{ "(0471) 6651234", NULL },
		{ "86+4716651234", NULL },        /* + inside */
		{ " +864716651234", NULL },       /* + not first */
		{ "0471\n6651234", NULL },
		{ "", NULL },
		{ NULL, NULL },
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char number[DELIVERY_FAX_NUMBER_SIZE];
		struct ogi_error err = { 0 };
		int rc = delivery_fax_number(cases[i].written, number, &err);

		if (cases[i].dialled == NULL) {
			if (rc == 0)
				fail_msg("\"%s\" accepted as %s", cases[i].written, number);
			assert_true(err.msg[0] != '\0');
		} else {
			if (rc != 0)
				fail_msg("\"%s\": %s", cases[i].written, err.msg);
			assert_string_equal(number, cases[i].dialled);
		}
	}
}

static void
test_fax_gateway_address(void **state)
{
	static const struct {
		const char *pattern, *number, *addr; /* NULL: none */
	} cases[] = {
		{ "{number}@fax.example", "04716651234", "04716651234@fax.example" },
		{ "fax+{number}@gw.example.cn", "+8612345", "fax++8612345@gw.example.cn" },
		{ "{number}@", "123", NULL },
		{ "fax@example", "123", NULL },
		{ "{number}@fax example", "123", NULL },
		{ NULL, "123", NULL },
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *addr = delivery_fax_gateway_address(cases[i].pattern,
							  cases[i].number);

		if (cases[i].addr == NULL)
			assert_null(addr);
		else
			assert_string_equal(addr, cases[i].addr);
		g_free(addr);
	}
}

static void
test_fax_argv(void **state)
{
	static const struct {
		const char *command;
		size_t n_files;
		const char *argv; /* joined by | */
	} cases[] = {
		{ "sendfax -n -d {number} {pdf}", 1,
		  "sendfax|-n|-d|+8647112345|/q/1.pdf" },
		{ "sendfax -n -d {number} {pdf}", 3,
		  "sendfax|-n|-d|+8647112345|/q/1.pdf|/q/2.pdf|/q/3.pdf" },
		{ "/usr/bin/fax --to={number} {pdf}", 1, NULL }, /* refused by config */
		{ "'my fax' -x '{pdf}' {number}", 1, "my fax|-x|/q/1.pdf|+8647112345" },
	};
	static const char *const files[] = { "/q/1.pdf", "/q/2.pdf", "/q/3.pdf" };
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char **argv, **built, *joined;

		assert_true(g_shell_parse_argv(cases[i].command, NULL, &argv, NULL));
		built = delivery_fax_argv(argv, "+8647112345", files, cases[i].n_files);
		joined = g_strjoinv("|", built);
		if (cases[i].argv != NULL)
			assert_string_equal(joined, cases[i].argv);
		else
			/* Not whole: the placeholder stays as written, never
			 * part-substituted. */
			assert_non_null(strstr(joined, "--to={number}"));
		g_free(joined);
		g_strfreev(built);
		g_strfreev(argv);
	}
}

static void
test_fax_run(void **state)
{
	static const struct {
		const char *script;
		int timeout_s;
		enum delivery_channel_state st;
		const char *detail;
	} cases[] = {
		{ "echo queued as job 17", 10, DELIVERY_CHANNEL_SENT,
		  "fax command exit 0: queued as job 17" },
		{ "echo line one; echo 'no such modem' >&2; exit 1", 10,
		  DELIVERY_CHANNEL_PERMANENT, "fax command exit 1: no such modem" },
		{ "exit 75", 10, DELIVERY_CHANNEL_TEMPORARY, "fax command exit 75" },
		{ "echo dialling; exec sleep 30", 1, DELIVERY_CHANNEL_UNCERTAIN,
		  "timed out: may have been sent, check with the applicant "
		  "(fax command killed after 1 s: dialling)" },
		{ "kill -TERM $$", 10, DELIVERY_CHANNEL_UNCERTAIN,
		  "fax command killed by signal 15: may have been sent, "
		  "check with the applicant" },
		/* A child that keeps the output open past the command's end
		 * is killed with its group at the timeout. */
		{ "sleep 30 & echo left", 1, DELIVERY_CHANNEL_UNCERTAIN,
		  "timed out: may have been sent, check with the applicant "
		  "(fax command killed after 1 s: left)" },
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *const argv[] = { (char *)"sh", (char *)"-c",
				       (char *)cases[i].script, NULL };
		struct delivery_channel_result res = { 0 };
		struct ogi_error err = { 0 };
		int64_t t = g_get_monotonic_time();

		if (delivery_fax_run(argv, cases[i].timeout_s, &res, &err) != 0)
			fail_msg("%s: %s", cases[i].script, err.msg);
		assert_int_equal(res.state, cases[i].st);
		assert_string_equal(res.detail, cases[i].detail);
		assert_true(g_get_monotonic_time() - t <
			    (cases[i].timeout_s + 2) * G_USEC_PER_SEC);
	}
	{
		/* A descriptor of ours without close-on-exec (a lock file)
		 * does not reach the command. */
		char *const argv[] = { (char *)"sh", (char *)"-c",
				       (char *)"for f in /proc/$$/fd/*; do "
				       "printf '%s ' ${f##*/}; done", NULL };
		struct delivery_channel_result res = { 0 };
		struct ogi_error err = { 0 };
		int fd = open("/dev/null", O_RDONLY);

		assert_int_equal(dup2(fd, 40), 40);
		assert_int_equal(delivery_fax_run(argv, 10, &res, &err), 0);
		/* (3 is the shell's own, reading the directory.) */
		assert_string_equal(res.detail, "fax command exit 0: 0 1 2 3");
		close(40);
		close(fd);
	}
	{
		char *const argv[] = { (char *)"/nonexistent/sendfax", NULL };
		struct delivery_channel_result res = { 0 };
		struct ogi_error err = { 0 };

		assert_int_equal(delivery_fax_run(argv, 5, &res, &err), -1);
		assert_non_null(strstr(err.msg, "/nonexistent/sendfax"));
	}
}

/* --- configuration ------------------------------------------------------- */

static struct config *
load_config(const char *dir, const char *extra, char **problems_r)
{
	char *path = g_build_filename(dir, "ogid.conf", NULL);
	char *text = g_strdup_printf("[ogid]\nstate_dir = %s\n"
				     "[office]\nname = 测试市人力资源和社会保障局\n"
				     "address = 测试市中心路1号\npostcode = 028000\n"
				     "phone = 0475-1234567\n"
				     "[intake.mail]\ndriver = maildir\npath = %s/inbox\n%s",
				     dir, dir, extra);
	struct config *cfg = NULL;
	struct ogi_error err = { 0 };

	*problems_r = NULL;
	assert_true(g_file_set_contents(path, text, -1, NULL));
	if (config_load(path, dir, &cfg, problems_r, &err) != 0)
		cfg = NULL;
	g_free(text);
	g_free(path);
	return cfg;
}

static void
test_fax_config(void **state)
{
	static const struct {
		const char *section;
		const char *problem;  /* NULL: loads */
	} cases[] = {
		{ "[fax]\ngateway = {number}@fax.example\n", NULL },
		{ "[fax]\ncommand = sendfax -n -d {number} {pdf}\ntimeout = 30\n", NULL },
		{ "[fax]\ncommand = sendfax -d{number} {pdf}\n", "whole arguments" },
		{ "[fax]\ncommand = sendfax {pdf}\n", "must name {number} and {pdf}" },
		{ "[fax]\ncommand = {number} {pdf}\n", "must name {number} and {pdf}" },
		{ "[fax]\ncommand = sendfax -d {number} '{pdf}\n", "command" },
		{ "[fax]\ngateway = fax@example\n", "{number} once before the @" },
		{ "[fax]\ngateway = x@{number}.example\n", "{number} once before the @" },
		{ "[fax]\ngateway = {number}@a\ncommand = f {number} {pdf}\n", "not both" },
		{ "[post]\nwindow_left = 131\n", "window_left" },
		{ "[pickup]\nhours = 周一至周五\naddress = 一楼大厅\n", NULL },
	};
	char dir[] = "/tmp/ogi-channels-XXXXXX";
	char *conf;

	(void)state;
	assert_non_null(g_mkdtemp(dir));
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *problems;
		struct config *cfg = load_config(dir, cases[i].section, &problems);

		if (cases[i].problem == NULL) {
			if (cfg == NULL)
				fail_msg("%s: %s", cases[i].section, problems);
		} else {
			assert_null(cfg);
			if (strstr(problems, cases[i].problem) == NULL)
				fail_msg("%s: %s", cases[i].section, problems);
		}
		config_free(cfg);
		g_free(problems);
	}
	{
		char *problems;
		struct config *cfg = load_config(dir, "[fax]\ncommand = sendfax "
						 "-n -d {number} {pdf}\n", &problems);

		assert_non_null(cfg);
		assert_string_equal(cfg->fax.argv[3], "{number}");
		assert_int_equal(cfg->fax.timeout_s, CONFIG_FAX_TIMEOUT_DEFAULT);
		assert_int_equal(cfg->post.window_left_mm, CONFIG_POST_WINDOW_LEFT_DEFAULT);
		assert_int_equal(cfg->post.window_top_mm, CONFIG_POST_WINDOW_TOP_DEFAULT);
		config_free(cfg);
	}
	conf = g_build_filename(dir, "ogid.conf", NULL);
	unlink(conf);
	g_free(conf);
	rmdir(dir);
}

/* A letter is never sent to the office itself: its own address or fax
 * read off a form's footer as the applicant's. */
static void
test_letter_to_office(void **state)
{
	static const struct {
		const char *channel, *email, *fax, *want;
		const char *address;
	} cases[] = {
		{ "email", "OGI@example.gov.cn", NULL, "OGI@example.gov.cn", NULL },
		{ "pickup", "office@example.gov.cn", NULL, "office@example.gov.cn", NULL },
		{ "email", "zhangsan@163.com", NULL, NULL, NULL },
		{ "fax", NULL, "0475 888 8889", "0475 888 8889", NULL },
		{ "fax", NULL, "0475-8888890", NULL, NULL },
		/* The office's fax written as dialled from abroad, with the
		 * international prefix, without its trunk 0 or area code. */
		{ "fax", NULL, "+86 475 8888889", "+86 475 8888889", NULL },
		{ "fax", NULL, "+86 (0)475 8888889", "+86 (0)475 8888889", NULL },
		{ "fax", NULL, "0086-475-8888889", "0086-475-8888889", NULL },
		{ "fax", NULL, "475 8888889", "475 8888889", NULL },
		{ "fax", NULL, "8888889", "8888889", NULL },
		/* Other lines: another area's, abroad, a mobile, a shorter
		 * subscriber number that is only a tail. */
		{ "fax", NULL, "0476-8888889", NULL, NULL },
		{ "fax", NULL, "+1 475 8888889", NULL, NULL },
		{ "fax", NULL, "0044 475 8888889", NULL, NULL },
		{ "fax", NULL, "888889", NULL, NULL },
		{ "fax", NULL, "13804758888", NULL, NULL },
		/* The office's fax with an extension, or the applicant's
		 * read with one (review12-final #7). */
		{ "fax", NULL, "0475-8888889转8001", "0475-8888889转8001", NULL },
		{ "fax", NULL, "0475-8888889-12", "0475-8888889-12", NULL },
		{ "post", "ogi@example.gov.cn", "0475-8888889", NULL, NULL },
		/* By post to the office's own address however written
		 * (review12-r2 #7: its own address sheet). */
		{ "post", NULL, NULL, "通辽市 科尔沁区 民主路１号 028000",
		  "通辽市 科尔沁区 民主路１号 028000" },
		{ "post", NULL, NULL, "通辽市科尔沁区民主路1号",
		  "通辽市科尔沁区民主路1号" },
		{ "post", NULL, NULL, NULL, "通辽市科尔沁区民主路2号" },
		{ "email", "zhangsan@163.com", NULL, NULL,
		  "通辽市科尔沁区民主路1号" },
		{ NULL, "ogi@example.gov.cn", NULL, NULL, NULL },
	};
	char *dir = g_dir_make_tmp("ogi-office-XXXXXX", NULL), *problems, *conf;
	struct config *cfg = load_config(dir, "", &problems);

	(void)state;
	assert_non_null(cfg);
	g_strfreev(cfg->own_addresses);
	cfg->own_addresses = g_strsplit("ogi@example.gov.cn", ",", -1);
	g_free(cfg->office.email);
	g_free(cfg->office.fax);
	g_free(cfg->office.address);
	cfg->office.email = g_strdup("office@example.gov.cn");
	cfg->office.fax = g_strdup("0475-8888889");
	cfg->office.address = g_strdup("通辽市科尔沁区民主路1号");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct extract_record rec = { .email = (char *)cases[i].email,
					      .fax = (char *)cases[i].fax,
					      .address = (char *)cases[i].address };
		const char *got = delivery_letter_to_office(cfg, &rec,
							    cases[i].channel);

		if (g_strcmp0(got, cases[i].want) != 0)
			fail_msg("case %zu: %s, want %s", i, got ? got : "NULL",
				 cases[i].want ? cases[i].want : "NULL");
	}
	config_free(cfg);
	g_free(problems);
	conf = g_build_filename(dir, "ogid.conf", NULL);
	unlink(conf);
	g_free(conf);
	rmdir(dir);
	g_free(dir);
}

/* --- channels with a state directory --------------------------------------- */

struct channel_fixture {
	char dir[64];
	struct config *cfg;
	char pdf[128];
	char att[128];
};

static int
channel_setup(void **state)
{
	struct channel_fixture *f = g_new0(struct channel_fixture, 1);
	char *problems;

	snprintf(f->dir, sizeof(f->dir), "/tmp/ogi-channels-XXXXXX");
	if (g_mkdtemp(f->dir) == NULL)
		return -1;
	f->cfg = load_config(f->dir, "[fax]\ncommand = sh -c 'exit 1' {number} {pdf}\n",
			     &problems);
	g_free(problems);
	snprintf(f->pdf, sizeof(f->pdf), "%s/letter.pdf", f->dir);
	snprintf(f->att, sizeof(f->att), "%s/att", f->dir);
	if (f->cfg == NULL ||
	    !g_file_set_contents(f->pdf, "%PDF-1.4 letter\n", -1, NULL) ||
	    !g_file_set_contents(f->att, "attachment", -1, NULL))
		return -1;
	*state = f;
	return 0;
}

static int
channel_teardown(void **state)
{
	struct channel_fixture *f = *state;
	char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);
	int rc = system(cmd);

	g_free(cmd);
	config_free(f->cfg);
	g_free(f);
	return rc;
}

static struct delivery_item
item_of(const struct channel_fixture *f, int64_t id,
	const struct delivery_attachment *att, size_t n_att)
{
	return (struct delivery_item){
		.letter_id = id, .case_id = "2026-000042", .kind = "reply-provided",
		.pdf_path = f->pdf, .pdf_name = "答复.pdf",
		.attachments = att, .n_attachments = n_att,
		.contact = {
			.name = "张三", .email = "zhang@example.cn",
			.fax = "0471-6651234",
			.address = "内蒙古自治区通辽市科尔沁区和平路12号3单元402室",
			.postcode = "028000",
		},
		.now = T0,
	};
}

static void
assert_mode(const char *path, mode_t mode)
{
	struct stat st;

	if (stat(path, &st) != 0)
		fail_msg("%s: missing", path);
	assert_int_equal(st.st_mode & 07777, mode);
}

static void
test_post_queue(void **state)
{
	struct channel_fixture *f = *state;
	const struct delivery_attachment att[] = {
		{ .path = f->att, .name = "../目录.PDF" },
		{ .path = f->att, .name = "表格.tar;rm -rf" },
	};
	struct delivery_item it = item_of(f, 7, att, G_N_ELEMENTS(att));
	const struct delivery_channel *post = delivery_channel_find("post");
	struct delivery_channel_result res;
	struct delivery_print_job *jobs;
	struct ogi_error err = { 0 };
	char *dir = delivery_print_dir(f->cfg), *path, *text = NULL;
	size_t n, removed;

	assert_non_null(post);
	if (post->submit(f->cfg, NULL, &it, &res, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(res.state, DELIVERY_CHANNEL_QUEUED);
	assert_mode(dir, 0700);
	/* Submitting again replaces the job. */
	it.n_attachments = 1;
	assert_int_equal(post->submit(f->cfg, NULL, &it, &res, &err), 0);
	it = item_of(f, 12, NULL, 0);
	assert_int_equal(post->submit(f->cfg, NULL, &it, &res, &err), 0);

	assert_int_equal(delivery_print_list(f->cfg, &jobs, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(jobs[0].letter_id, 7);
	assert_int_equal(jobs[0].n_files, 3);
	assert_string_equal(jobs[0].files[0], "7-0-sheet.pdf");
	assert_string_equal(jobs[0].files[1], "7-1-letter.pdf");
	assert_string_equal(jobs[0].files[2], "7-2-attachment.PDF");
	assert_int_equal(jobs[1].letter_id, 12);
	assert_int_equal(jobs[1].n_files, 2);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < jobs[i].n_files; k++) {
			path = g_build_filename(dir, jobs[i].files[k], NULL);
			assert_mode(path, 0600);
			g_free(path);
		}
	delivery_print_jobs_free(jobs, n);

	path = g_build_filename(dir, "7-1-letter.pdf", NULL);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_string_equal(text, "%PDF-1.4 letter\n");
	g_free(text);
	g_free(path);

	assert_int_equal(delivery_print_remove(f->cfg, 7, &removed, &err), 0);
	assert_int_equal(removed, 3);
	assert_int_equal(delivery_print_list(f->cfg, &jobs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].letter_id, 12);
	delivery_print_jobs_free(jobs, n);
	g_free(dir);
}

static void
test_post_refused(void **state)
{
	struct channel_fixture *f = *state;
	static const struct {
		const char *address;
		const char *detail;
	} cases[] = {
		{ NULL, "no postal address" },
		{ "", "no postal address" },
		{ "内蒙古自治区通辽市科尔沁区和平路十二号三单元四百零二室转交"
		  "内蒙古自治区通辽市科尔沁区和平路十二号三单元四百零二室转交"
		  "内蒙古自治区通辽市科尔沁区和平路十二号三单元四百零二室转交",
		  "does not fit" },
	};
	const struct delivery_channel *post = delivery_channel_find("post");

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct delivery_item it = item_of(f, 30 + (int64_t)i, NULL, 0);
		struct delivery_channel_result res;
		struct delivery_print_job *jobs;
		struct ogi_error err = { 0 };
		size_t n;

		it.contact.address = cases[i].address;
		assert_int_equal(post->submit(f->cfg, NULL, &it, &res, &err), 0);
		assert_int_equal(res.state, DELIVERY_CHANNEL_PERMANENT);
		if (strstr(res.detail, cases[i].detail) == NULL)
			fail_msg("%s", res.detail);
		/* Nothing of a refused job is left in the queue. */
		assert_int_equal(delivery_print_list(f->cfg, &jobs, &n, &err), 0);
		assert_int_equal(n, 0);
	}
}

/* What the hand-over hook saw: called at all, and whether the command
 * had run by then (it leaves a file named after the PDF). */
struct handover_seen {
	const char *ran;     /* the file the command makes */
	int rc;              /* what the hook answers */
	int calls;
	bool ran_before;
};

static int
handover_hook(void *ctx, struct ogi_error *err)
{
	struct handover_seen *h = ctx;

	h->calls++;
	h->ran_before = g_file_test(h->ran, G_FILE_TEST_EXISTS);
	if (h->rc != 0)
		error_set(err, "registry refused the mark");
	return h->rc;
}

/* A fax command's letter is marked going (the hook) before the command
 * starts, never after; a refused mark starts nothing; a command that
 * cannot start is our error (-1: nothing went), and a failing one a
 * permanent failure with its status. */
static void
test_fax_channel(void **state)
{
	static const struct {
		const char *command;
		int hook_rc;
		int rc, calls;
		bool ran;
		enum delivery_channel_state res;
		const char *detail;
	} cases[] = {
		{ "sh -c 'touch \"$1.ran\"; exit 1' {number} {pdf}", 0, 0, 1, true,
		  DELIVERY_CHANNEL_PERMANENT, "fax command exit 1" },
		{ "sh -c 'touch \"$1.ran\"' {number} {pdf}", 0, 0, 1, true,
		  DELIVERY_CHANNEL_SENT, "fax command exit 0" },
		{ "sh -c 'touch \"$1.ran\"' {number} {pdf}", -1, -1, 1, false,
		  0, NULL },
		{ "/nonexistent/sendfax {number} {pdf}", 0, -1, 1, false, 0, NULL },
	};
	struct channel_fixture *f = *state;
	const struct delivery_channel *fax = delivery_channel_find("fax");
	char *ran = g_strdup_printf("%s.ran", f->pdf);

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *conf = g_strdup_printf("[fax]\ncommand = %s\n", cases[i].command);
		char *problems;
		struct config *cfg = load_config(f->dir, conf, &problems);
		struct handover_seen h = { .ran = ran, .rc = cases[i].hook_rc };
		struct delivery_item it = item_of(f, 3, NULL, 0);
		struct delivery_channel_result res;
		struct ogi_error err = { 0 };

		if (cfg == NULL)
			fail_msg("%s", problems);
		g_unlink(ran);
		it.handing_over = handover_hook;
		it.handing_over_ctx = &h;
		assert_int_equal(fax->submit(cfg, NULL, &it, &res, &err), cases[i].rc);
		assert_int_equal(h.calls, cases[i].calls);
		assert_false(h.ran_before);
		assert_int_equal(g_file_test(ran, G_FILE_TEST_EXISTS), cases[i].ran);
		if (cases[i].detail != NULL) {
			assert_int_equal(res.state, cases[i].res);
			assert_string_equal(res.detail, cases[i].detail);
		}
		config_free(cfg);
		g_free(problems);
		g_free(conf);
	}
	g_free(ran);
}

/* A number the command may not be given is refused before anything is
 * marked or run. */
static void
test_fax_channel_refused(void **state)
{
	struct channel_fixture *f = *state;
	const struct delivery_channel *fax = delivery_channel_find("fax");
	struct delivery_item it = item_of(f, 3, NULL, 0);
	struct handover_seen h = { .ran = f->pdf };
	struct delivery_channel_result res;
	struct ogi_error err = { 0 };

	it.handing_over = handover_hook;
	it.handing_over_ctx = &h;
	it.contact.fax = "-d 0471";
	assert_int_equal(fax->submit(f->cfg, NULL, &it, &res, &err), 0);
	assert_int_equal(res.state, DELIVERY_CHANNEL_PERMANENT);
	assert_non_null(strstr(res.detail, "is not"));
	assert_int_equal(h.calls, 0);
}

/* A busy fax waits on the outbox's [smtp] retry schedule, step by step,
 * and the letter fails once it is used up. */
static void
test_retry_schedule(void **state)
{
	static const struct {
		const char *smtp;     /* the [smtp] section */
		int attempts;         /* tries that failed before this one */
		bool again;
		int64_t wait;         /* then the next try is this long after */
	} cases[] = {
		{ "[smtp]\nhost = 127.0.0.1\nretry = 1m 5m\n", 0, true, 60 },
		{ "[smtp]\nhost = 127.0.0.1\nretry = 1m 5m\n", 1, true, 300 },
		{ "[smtp]\nhost = 127.0.0.1\nretry = 1m 5m\n", 2, false, 0 },
		{ "[smtp]\nhost = 127.0.0.1\nretry = 1m 5m\n", 7, false, 0 },
		/* The default: twelve waits, the last 16 hours. */
		{ "", 0, true, 5 * 60 },
		{ "", 11, true, 16 * 3600 },
		{ "", 12, false, 0 },
	};
	struct channel_fixture *f = *state;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *problems;
		struct config *cfg = load_config(f->dir, cases[i].smtp, &problems);
		int64_t next = -1;

		if (cfg == NULL)
			fail_msg("%s", problems);
		assert_int_equal(delivery_letters_retry_at(cfg, cases[i].attempts, T0,
							   &next), cases[i].again);
		if (cases[i].again)
			assert_int_equal(next, T0 + cases[i].wait);
		config_free(cfg);
		g_free(problems);
	}
}

static void
test_pickup_notice(void **state)
{
	struct channel_fixture *f = *state;
	const struct delivery_channel *pickup = delivery_channel_find("pickup");
	struct delivery_item it = item_of(f, 5, NULL, 0);
	struct delivery_channel_result res;
	struct delivery_print_job *jobs;
	struct ogi_error err = { 0 };
	char *mail, *text;
	size_t n;

	assert_int_equal(pickup->submit(f->cfg, NULL, &it, &res, &err), 0);
	assert_int_equal(res.state, DELIVERY_CHANNEL_QUEUED);
	assert_string_equal(res.mail.recipient, "zhang@example.cn");
	mail = g_build_filename(f->dir, res.mail.spool_path, NULL);
	assert_true(g_file_get_contents(mail, &text, NULL, NULL));
	assert_non_null(strstr(text, "Subject: =?UTF-8?"));
	assert_null(strstr(text, "application/pdf"));
	assert_non_null(strstr(text, "Auto-Submitted: auto-replied"));
	g_free(text);
	g_free(mail);

	/* A receipt is no reason to come in: it travels itself. */
	it.kind = "receipt";
	assert_false(delivery_pickup_waits("receipt"));
	assert_int_equal(pickup->submit(f->cfg, NULL, &it, &res, &err), 0);
	assert_int_equal(res.state, DELIVERY_CHANNEL_QUEUED);
	mail = g_build_filename(f->dir, res.mail.spool_path, NULL);
	assert_true(g_file_get_contents(mail, &text, NULL, NULL));
	assert_non_null(strstr(text, "application/pdf"));
	assert_non_null(strstr(text, "Auto-Submitted: auto-replied"));
	g_free(text);
	g_free(mail);
	it.kind = "reply-provided";

	/* No email: a notice sheet in the print queue, without the letter. */
	it.contact.email = NULL;
	assert_int_equal(pickup->submit(f->cfg, NULL, &it, &res, &err), 0);
	assert_int_equal(res.state, DELIVERY_CHANNEL_QUEUED);
	assert_int_equal(res.mail.recipient[0], '\0');
	assert_int_equal(delivery_print_list(f->cfg, &jobs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].n_files, 1);
	assert_string_equal(jobs[0].files[0], "5-0-sheet.pdf");
	delivery_print_jobs_free(jobs, n);

	it.contact.address = NULL;
	assert_int_equal(pickup->submit(f->cfg, NULL, &it, &res, &err), 0);
	assert_int_equal(res.state, DELIVERY_CHANNEL_PERMANENT);
}

/* RFC 3834: what the daemon sends by itself is marked, a clerk's letter
 * is not. */
static void
test_channel_automatic(void **state)
{
	static const struct {
		const char *kind;
		bool with_letter;
		bool automatic;
	} cases[] = {
		{ "receipt", true, true },
		{ "correction", true, true },
		{ "not-application", true, true },
		{ "reply-provided", false, true },  /* the pickup notice */
		{ "reply-provided", true, false },
		{ "reply-refused", true, false },
		{ "extension", true, false },
	};
	struct channel_fixture *f = *state;
	const struct delivery_channel *email = delivery_channel_find("email");

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		assert_int_equal(delivery_channel_automatic(cases[i].kind,
							    cases[i].with_letter),
				 cases[i].automatic);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct delivery_item it = item_of(f, 20 + (int64_t)i, NULL, 0);
		struct delivery_channel_result res;
		struct ogi_error err = { 0 };
		char *mail, *text;

		if (!cases[i].with_letter)
			continue;
		it.kind = cases[i].kind;
		assert_int_equal(email->submit(f->cfg, NULL, &it, &res, &err), 0);
		assert_int_equal(res.state, DELIVERY_CHANNEL_QUEUED);
		mail = g_build_filename(f->dir, res.mail.spool_path, NULL);
		assert_true(g_file_get_contents(mail, &text, NULL, NULL));
		assert_int_equal(strstr(text, "Auto-Submitted: auto-replied") != NULL,
				 cases[i].automatic);
		g_free(text);
		g_free(mail);
	}
}

/* --- fallback -------------------------------------------------------------- */

static void
test_fallback_next(void **state)
{
	static const struct {
		const char *email, *fax, *address;
		const char *failed;
		const char *next;    /* NULL: none */
	} cases[] = {
		{ "a@b.cn", "0471-1234567", "某地", "email", "fax" },
		{ "a@b.cn", "0471-1234567", "某地", "fax", "post" },
		{ "a@b.cn", "0471-1234567", "某地", "post", NULL },
		{ "a@b.cn", NULL, "某地", "email", "post" },
		{ "a@b.cn", "call me", "某地", "email", "post" },
		{ "a@b.cn", "0471-1234567", NULL, "fax", NULL },
		{ NULL, "0471-1234567", "某地", "pickup", "fax" },
		{ "a@b.cn", NULL, NULL, "pickup", "email" },
		{ "not an address", NULL, NULL, "pickup", NULL },
		{ NULL, NULL, "", "email", NULL },
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct delivery_contact c = {
			.email = cases[i].email, .fax = cases[i].fax,
			.address = cases[i].address,
		};
		const char *next = delivery_fallback_next(&c, cases[i].failed);

		if (cases[i].next == NULL)
			assert_null(next);
		else if (next == NULL || strcmp(next, cases[i].next) != 0)
			fail_msg("case %zu: %s, not %s", i, next ? next : "none",
				 cases[i].next);
	}
}

static void
make_case(struct registry_fixture *f, const char *fax, char id_r[REGISTRY_CASE_ID_SIZE])
{
	const struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_PERSON,
		.name = (char *)"张三",
		.email = (char *)"zhang@example.cn",
		.fax = (char *)fax,
		.address = (char *)"通辽市和平路12号",
		.verdict = EXTRACT_VERDICT_COMPLETE,
	};

	registry_fixture_case(f, &rec, id_r);
}

static void
letter_state(struct registry_fixture *f, int64_t id, const char *state,
	     const char *channel)
{
	struct registry_letter l;
	struct ogi_error err = { 0 };
	bool found;

	assert_int_equal(registry_letter_get(f->reg, id, &l, &found, &err), 0);
	assert_true(found);
	assert_string_equal(l.state, state);
	assert_string_equal(l.channel, channel);
	registry_letter_clear(&l);
}

static void
case_state(struct registry_fixture *f, const char *id, const char *state)
{
	struct registry_case *c;
	struct ogi_error err = { 0 };

	assert_int_equal(registry_case_get(f->reg, id, &c, &err), 0);
	assert_string_equal(c->state, state);
	registry_case_free(c);
}

/* email fails -> fax -> post -> nothing left; each step once however
 * often it is asked; the answered case becomes delivery_failed. */
static void
test_fallback_registry(void **state)
{
	struct registry_fixture *f = *state;
	const struct registry_letter_file files[] = {
		{ .name = "目录.pdf", .path = "letters/a1", .size = 10 },
	};
	char id[REGISTRY_CASE_ID_SIZE];
	struct registry_letter_new l = {
		.kind = "reply-provided", .channel = "email",
		.values_json = "{\"x\":1}", .files = files, .n_files = 1,
	};
	static const char *const steps[] = { "fax", "post" };
	struct ogi_error err = { 0 };
	int64_t first, cur, next, again;

	make_case(f, "0471-6651234", id);
	assert_int_equal(registry_case_transition(f->reg, id, "registered", "answered",
						  "answered", NULL, &err), 0);
	l.case_id = id;
	assert_int_equal(registry_letter_add(f->reg, &l, T0, &first, &err), 0);
	cur = first;
	for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
		struct registry_letter nl;
		bool found;

		if (delivery_fallback(NULL, f->reg, cur, "550 no such user", T0 + 60,
				      &next, &err) != 0)
			fail_msg("%s", err.msg);
		assert_true(next > cur);
		letter_state(f, cur, "failed", i == 0 ? "email" : steps[i - 1]);
		letter_state(f, next, "pending", steps[i]);
		assert_int_equal(delivery_fallback(NULL, f->reg, cur, "again",
						   T0 + 120, &again, &err), 0);
		assert_int_equal(again, next);
		assert_int_equal(registry_letter_get(f->reg, next, &nl, &found, &err), 0);
		assert_string_equal(nl.kind, "reply-provided");
		assert_string_equal(nl.values_json, "{\"x\":1}");
		assert_int_equal(nl.n_files, 1);
		assert_string_equal(nl.files[0].path, "letters/a1");
		registry_letter_clear(&nl);
		case_state(f, id, "delivery_failed");
		cur = next;
	}
	assert_int_equal(delivery_fallback(NULL, f->reg, cur, "returned", T0 + 180,
					   &next, &err), 0);
	assert_int_equal(next, 0);
	letter_state(f, cur, "failed", "post");
	assert_int_equal(delivery_fallback(NULL, f->reg, 9999, "x", T0, &next, &err), -1);
}

/* A receipt that fails leaves its registered case as it is (an event says
 * so); without a fax number, email falls back to post. */
static void
test_fallback_receipt(void **state)
{
	struct registry_fixture *f = *state;
	char id[REGISTRY_CASE_ID_SIZE];
	struct registry_letter_new l = { .kind = "receipt", .channel = "email" };
	struct ogi_error err = { 0 };
	int64_t first, next;

	make_case(f, NULL, id);
	l.case_id = id;
	assert_int_equal(registry_letter_add(f->reg, &l, T0, &first, &err), 0);
	assert_int_equal(registry_letter_transition(f->reg, first, "pending", "queued",
						    NULL, T0, &err), 0);
	assert_int_equal(delivery_fallback(NULL, f->reg, first, "5.1.1 unknown",
					   T0, &next, &err), 0);
	letter_state(f, first, "failed", "email");
	letter_state(f, next, "pending", "post");
	case_state(f, id, "registered");
}

/* The case's fax number is the office's own (a form's footer read as the
 * applicant's): a receipt that fails by e-mail goes by post, not to the
 * office's fax. */
static void
test_fallback_not_to_office(void **state)
{
	struct registry_fixture *f = *state;
	const struct config cfg = { .office = { .fax = "0471 665 1234" } };
	char id[REGISTRY_CASE_ID_SIZE];
	struct registry_letter_new l = { .kind = "receipt", .channel = "email" };
	struct ogi_error err = { 0 };
	int64_t first, next;

	make_case(f, "0471-6651234", id);
	l.case_id = id;
	assert_int_equal(registry_letter_add(f->reg, &l, T0, &first, &err), 0);
	assert_int_equal(delivery_fallback(&cfg, f->reg, first, "5.1.1 unknown",
					   T0, &next, &err), 0);
	letter_state(f, first, "failed", "email");
	letter_state(f, next, "pending", "post");
}

/* A bounce after the server accepted the reply (the case delivered): the
 * letter fails, goes again by the next channel, and the case becomes
 * delivery_failed; a late bounce of the receipt leaves it delivered. */
static void
test_fallback_after_delivery(void **state)
{
	struct registry_fixture *f = *state;
	char id[REGISTRY_CASE_ID_SIZE];
	struct registry_letter_new receipt = { .kind = "receipt", .channel = "email" };
	struct registry_letter_new reply = { .kind = "reply-provided", .channel = "email" };
	static const char *const moves[][2] = {
		{ "pending", "queued" }, { "queued", "sent" }, { "sent", "delivered" },
	};
	struct ogi_error err = { 0 };
	int64_t first, answer, next;

	make_case(f, "0471-6651234", id);
	receipt.case_id = reply.case_id = id;
	assert_int_equal(registry_letter_add(f->reg, &receipt, T0, &first, &err), 0);
	assert_int_equal(registry_letter_add(f->reg, &reply, T0, &answer, &err), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(moves); i++) {
		assert_int_equal(registry_letter_transition(f->reg, first, moves[i][0],
							    moves[i][1], NULL, T0, &err), 0);
		assert_int_equal(registry_letter_transition(f->reg, answer, moves[i][0],
							    moves[i][1], NULL, T0, &err), 0);
	}
	assert_int_equal(registry_case_transition(f->reg, id, "registered", "answered",
						  "answered", NULL, &err), 0);
	assert_int_equal(registry_case_transition(f->reg, id, "answered", "delivered",
						  "delivered", NULL, &err), 0);

	assert_int_equal(delivery_fallback(NULL, f->reg, first, "5.1.1 unknown",
					   T0 + 60, &next, &err), 0);
	letter_state(f, first, "failed", "email");
	case_state(f, id, "delivered");

	if (delivery_fallback(NULL, f->reg, answer, "5.1.1 unknown", T0 + 60,
			      &next, &err) != 0)
		fail_msg("%s", err.msg);
	letter_state(f, answer, "failed", "email");
	letter_state(f, next, "pending", "fax");
	case_state(f, id, "delivery_failed");
}

/* A letter that may have gone (a fax command that timed out, a sender
 * that died in it): told, never re-sent.  A reply's answered case becomes
 * delivery_failed; a receipt's registered case only gets the event.  The
 * letter is failed and settled, so the settling pass does not send it
 * another way; asked again, it tells and adds nothing. */
static void
test_fallback_tell(void **state)
{
	struct registry_fixture *f = *state;
	static const struct {
		const char *kind, *case_state;
	} cases[] = {
		{ "reply-provided", "delivery_failed" },
		{ "receipt", "registered" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char id[REGISTRY_CASE_ID_SIZE];
		struct registry_letter_new l = { .kind = cases[i].kind, .channel = "fax" };
		struct registry_letter *rows;
		struct registry_event *ev;
		struct ogi_error err = { 0 };
		size_t n, told = 0;
		int64_t letter;

		make_case(f, "0471-6651234", id);
		if (strcmp(cases[i].case_state, "registered") != 0)
			assert_int_equal(registry_case_transition(f->reg, id, "registered",
								  "answered", "answered",
								  NULL, &err), 0);
		l.case_id = id;
		assert_int_equal(registry_letter_add(f->reg, &l, T0, &letter, &err), 0);
		assert_int_equal(registry_letter_mark_sending(f->reg, letter, T0, &err), 0);
		for (int again = 0; again < 2; again++)
			if (delivery_fallback_tell(NULL, f->reg, letter, "fax command "
						   "timed out", T0 + 60, &err) != 0)
				fail_msg("%s: %s", cases[i].kind, err.msg);
		letter_state(f, letter, "failed", "fax");
		case_state(f, id, cases[i].case_state);
		assert_int_equal(registry_letters_of_case(f->reg, id, &rows, &n, &err), 0);
		assert_int_equal(n, 1);
		registry_letters_free(rows, n);
		assert_int_equal(registry_letters_unsettled(f->reg, 10, &rows, &n, &err), 0);
		assert_int_equal(n, 0);
		assert_int_equal(registry_case_history(f->reg, id, &ev, &n, &err), 0);
		for (size_t k = 0; k < n; k++)
			if (ev[k].detail != NULL &&
			    strstr(ev[k].detail, "fax command timed out; not sent "
				   "again another way") != NULL) {
				assert_string_equal(ev[k].type, "delivery-failed");
				told++;
			}
		assert_int_equal(told, 1);
		registry_events_free(ev, n);
	}
	assert_int_equal(delivery_fallback_tell(NULL, f->reg, 9999, "x", T0,
						&(struct ogi_error){ 0 }), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fax_number),
		cmocka_unit_test(test_letter_to_office),
		cmocka_unit_test(test_fax_gateway_address),
		cmocka_unit_test(test_fax_argv),
		cmocka_unit_test(test_fax_run),
		cmocka_unit_test(test_fax_config),
		cmocka_unit_test_setup_teardown(test_post_queue, channel_setup,
						channel_teardown),
		cmocka_unit_test_setup_teardown(test_post_refused, channel_setup,
						channel_teardown),
		cmocka_unit_test_setup_teardown(test_fax_channel_refused,
						channel_setup, channel_teardown),
		cmocka_unit_test_setup_teardown(test_retry_schedule, channel_setup,
						channel_teardown),
		cmocka_unit_test_setup_teardown(test_fax_channel, channel_setup,
						channel_teardown),
		cmocka_unit_test_setup_teardown(test_pickup_notice, channel_setup,
						channel_teardown),
		cmocka_unit_test_setup_teardown(test_channel_automatic,
						channel_setup, channel_teardown),
		cmocka_unit_test(test_fallback_next),
		cmocka_unit_test_setup_teardown(test_fallback_registry,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fallback_after_delivery,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fallback_receipt,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fallback_not_to_office,
						registry_fixture_setup,
						registry_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fallback_tell,
						registry_fixture_setup,
						registry_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
