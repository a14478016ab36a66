/* Configuration loading: values, defaults, and every problem reported with
 * file and line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/config.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/ogi-config-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static char *
write_conf(const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/ogid.conf", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_full_file(void **state)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	char *problems, expect[160];

	(void)state;
	const char *path = write_conf(
		"[ogid]\n"
		"state_dir = state\n"
		"timezone = Asia/Shanghai\n"
		"own_addresses = OGI@Example.gov.cn, fax@example.gov.cn\n"
		"reply_days = 20\n"
		"rules = national-2019\n"
		"cutoff_hour = 17\n"
		"correction_days = 10\n"
		"[limits]\n"
		"max_message_size = 10M\n"
		"max_mime_depth = 7\n"
		"parse_cpu = 9\n"
		"[intake.office]\n"
		"driver = maildir\n"
		"path = /srv/mail/office\n"
		"[intake.fax]\n"
		"driver = maildir\n"
		"path = fax\n"
		"channel = fax\n");

	assert_int_equal(config_load(path, "/nonexistent", &cfg, &problems, &err), 0);
	snprintf(expect, sizeof(expect), "%s/state", tmpdir);
	assert_string_equal(cfg->state_dir, expect);
	snprintf(expect, sizeof(expect), "%s/state/ogid.db", tmpdir);
	assert_string_equal(cfg->db_path, expect);
	assert_int_equal(cfg->reply_days, 20);
	assert_string_equal(cfg->rules, "national-2019");
	assert_int_equal(cfg->cutoff_hour, 17);
	assert_int_equal(cfg->correction_days, 10);
	assert_int_equal(cfg->limits.max_message_size, 10u << 20);
	assert_int_equal(cfg->limits.max_depth, 7);
	/* Unset, as many pages as parse_cpu = 9 allows. */
	assert_int_equal(cfg->parser.ocr_max_pages, 3);
	assert_int_equal(cfg->parser.ocr_workers, 1);
	assert_string_equal(cfg->own_addresses[0], "ogi@example.gov.cn");
	assert_string_equal(cfg->own_addresses[1], "fax@example.gov.cn");
	assert_null(cfg->own_addresses[2]);
	assert_int_equal(cfg->n_intakes, 2);
	assert_string_equal(cfg->intakes[0].name, "office");
	assert_string_equal(cfg->intakes[0].path, "/srv/mail/office");
	assert_int_equal(cfg->intakes[0].channel, CONFIG_CHANNEL_MAIL);
	snprintf(expect, sizeof(expect), "%s/fax", tmpdir);
	assert_string_equal(cfg->intakes[1].path, expect);
	assert_int_equal(cfg->intakes[1].channel, CONFIG_CHANNEL_FAX);
	assert_int_equal(cfg->intakes[1].line, 16);
	config_free(cfg);
}

static void
test_embedded_default(void **state)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	char *problems;

	(void)state;
	assert_int_equal(config_load(NULL, "/srv/ogid", &cfg, &problems, &err), 0);
	assert_string_equal(cfg->state_dir, "/srv/ogid");
	assert_string_equal(cfg->db_path, "/srv/ogid/ogid.db");
	assert_string_equal(cfg->outbox, "/srv/ogid/outbox");
	assert_string_equal(cfg->timezone, "Asia/Shanghai");
	/* The rules profile decides the period; no cut-off. */
	assert_int_equal(cfg->reply_days, 0);
	assert_string_equal(cfg->rules, "bureau");
	assert_int_equal(cfg->cutoff_hour, 24);
	assert_int_equal(cfg->correction_days, 15);
	assert_int_equal(cfg->n_intakes, 1);
	assert_string_equal(cfg->intakes[0].driver, "maildir");
	assert_string_equal(cfg->intakes[0].path, "/srv/ogid/inbox");
	config_free(cfg);
}

/* The network keys of the example, and the defaults that make an
 * unset key the safe choice. */
static void
test_network_intake(void **state)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	char *problems = NULL;
	const char *path = write_conf(
		"[intake.office]\ndriver = imap\nhost = mail.example.gov.cn\n"
		"port = 993\ntls = implicit\nuser = ysqgk\nfolder = 收件箱\n"
		"done = move:已处理\nidle = no\ntimeout = 30\nmax_messages = 20\n"
		"max_fetch_size = 10M\nchannel = fax\n"
		"[intake.pop]\ndriver = pop3\nhost = pop.example.gov.cn\nuser = u\n"
		"[intake.i143]\ndriver = imap\nhost = h\nuser = u\ntls = starttls\n"
		"[intake.p110]\ndriver = pop3\nhost = h\nuser = u\ntls = none\n"
		"[intake.m]\ndriver = maildir\npath = /m\n"
		"fax_from = ^传真服务|fax@pbx\\.example$\nfax_subject = ^\\[FAX\\]\n");

	(void)state;
	assert_int_equal(config_load(path, "/x", &cfg, &problems, &err), 0);
	assert_int_equal(cfg->n_intakes, 5);
	assert_string_equal(cfg->intakes[4].fax_from, "^传真服务|fax@pbx\\.example$");
	assert_string_equal(cfg->intakes[4].fax_subject, "^\\[FAX\\]");
	assert_null(cfg->intakes[0].fax_from);
	assert_string_equal(cfg->intakes[0].folder, "收件箱");
	assert_string_equal(cfg->intakes[0].done, "move:已处理");
	assert_false(cfg->intakes[0].idle);
	assert_int_equal(cfg->intakes[0].timeout, 30);
	assert_int_equal(cfg->intakes[0].max_messages, 20);
	assert_int_equal(cfg->intakes[0].max_fetch_size, 10 << 20);
	assert_int_equal(cfg->intakes[0].channel, CONFIG_CHANNEL_FAX);
	assert_string_equal(cfg->intakes[1].folder, "INBOX");
	assert_null(cfg->intakes[1].done);
	assert_null(cfg->intakes[1].tls);
	assert_true(cfg->intakes[1].idle);
	assert_true(cfg->intakes[1].timeout > 0);
	assert_true(cfg->intakes[1].max_messages > 0);
	/* The port a mailbox is reached on is set once, here, whether or not
	 * written: the drivers and the mailbox lock use the same number. */
	assert_int_equal(cfg->intakes[0].port, 993);
	assert_int_equal(cfg->intakes[1].port, 995);
	assert_int_equal(cfg->intakes[2].port, 143);
	assert_int_equal(cfg->intakes[3].port, 110);
	assert_int_equal(cfg->intakes[4].port, 0);
	config_free(cfg);
}

/* Each broken file must be refused with every problem named by line. */
static const struct {
	const char *text;
	const char *problems[3];
} bad_cases[] = {
	{ "[ogid]\nstate_dir = /x\nstat_dir = /y\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":3: [ogid] stat_dir: unknown key" } },
	{ "[ogid]\nreply_days = many\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [ogid] reply_days: \"many\" is not a number" } },
	{ "[ogid]\nrules = state\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [ogid] rules: \"state\" is not bureau or national-2019" } },
	{ "[ogid]\ncutoff_hour = 0\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [ogid] cutoff_hour:" } },
	{ "[limits]\nmax_message_size = 12Q\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [limits] max_message_size: \"12Q\" is not a size" } },
	/* Fuzzing found the shift overflowing (undefined, and a wrapped
	 * value could pass as a small limit). */
	{ "[limits]\nmax_attachment_size = 15532559262904M\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [limits] max_attachment_size: \"15532559262904M\" is not a size" } },
	{ "[limits]\nmax_message_size = 2G\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [limits] max_message_size: \"2G\" is not a size between" } },
	/* A fax of ocr_max_pages pages must fit the per-message bounds. */
	{ "[limits]\nparse_cpu = 30\nocr_max_pages = 20\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":3: [limits] ocr_max_pages: 20 pages need parse_cpu and parse_timeout of 60 s" } },
	{ "[limits]\nparse_timeout = 10\nocr_max_pages = 6\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":3: [limits] ocr_max_pages: 6 pages need" } },
	{ "[limits]\nocr_max_pages = 65\nocr_workers = 0\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [limits] ocr_max_pages:", ":3: [limits] ocr_workers:" } },
	/* Every OCR thread may hold a page of the largest size, with both
	 * models loaded (400 MB). */
	{ "[limits]\nparse_memory = 700M\nocr_workers = 3\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":3: [limits] ocr_workers: 3 pages read at once need parse_memory of 1200 MB (700 MB)" } },
	{ "[limits]\nparse_memory = 600M\nocr_workers = 2\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":3: [limits] ocr_workers: 2 pages read at once need parse_memory of 800 MB (600 MB)" } },
	{ "[ogid]\ntimezone = Mars/Olympus\n[intake.m]\ndriver = maildir\npath = /m\n",
	  { ":2: [ogid] timezone: unknown time zone" } },
	{ "[intake.m]\ndriver = maildir\n\n[intake.n]\ndriver = smoke\nchannel = telex\n",
	  { ":1: [intake.m]: driver maildir needs a path",
	    ":6: [intake.n] channel: \"telex\" is neither mail nor fax",
	    ":5: [intake.n] driver: unknown driver \"smoke\"" } },
	/* A fax pattern is compiled when the file is read, not when the
	 * first message meets it. */
	{ "[intake.m]\ndriver = maildir\npath = /m\nfax_from = (fax\nfax_subject =\n",
	  { ":4: [intake.m] fax_from: not a regular expression:",
	    ":5: [intake.m] fax_subject: not a regular expression: empty" } },
	{ "[ogid]\nstate_dir = /x\n[mail]\ndriver = maildir\n",
	  { ":3: [mail]: unknown section" } },
	{ "[ogid]\nstate_dir /x\n", { ":2: not a \"key = value\" line" } },
	/* What marking done does depends on the driver; a typo must not
	 * fall back to deleting. */
	{ "[intake.i]\ndriver = imap\nhost = h\nuser = u\ndone = move:\nidle = maybe\n"
	  "[intake.p]\ndriver = pop3\nhost = h\nuser = u\ndone = seen\n",
	  { ":5: [intake.i] done: \"move:\" is not move:FOLDER, delete or seen",
	    ":6: [intake.i] idle: \"maybe\" is neither yes nor no",
	    ":11: [intake.p] done: \"seen\" is not delete or keep" } },
	{ "[intake.m]\ndriver = maildir\npath = /m\ndone = delete\ntimeout = 1\n",
	  { ":4: [intake.m] done: driver maildir marks messages done itself",
	    ":5: [intake.m] timeout: \"1\" is not a number between 5" } },
	{ "[ogid]\nstate_dir = /x\n", { "no [intake.NAME] section" } },
};

static void
test_bad_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		struct ogi_error err = { 0 };
		struct config *cfg = NULL;
		char *problems = NULL;
		const char *path = write_conf(bad_cases[i].text);

		assert_int_equal(config_load(path, "/x", &cfg, &problems, &err), -1);
		assert_null(cfg);
		assert_non_null(problems);
		for (size_t k = 0; k < 3 && bad_cases[i].problems[k]; k++) {
			if (strstr(problems, bad_cases[i].problems[k]) == NULL)
				fail_msg("case %zu: \"%s\" not in:\n%s", i,
					 bad_cases[i].problems[k], problems);
		}
		assert_non_null(strstr(problems, path));
		assert_true(err.msg[0] != '\0');
		g_free(problems);
	}
}

static void
test_missing_file(void **state)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	char *problems;

	(void)state;
	assert_int_equal(config_load("/nonexistent/ogid.conf", "/x", &cfg, &problems, &err), -1);
	assert_non_null(strstr(problems, "/nonexistent/ogid.conf"));
	g_free(problems);
}

/* A password is for the account ogid runs as: a password_file others can
 * read, or that is not a plain file, is refused; a password in a
 * configuration file others can read is warned about.  No message holds
 * the password. */
enum pw_file { PW_NONE, PW_FILE, PW_DIR, PW_FIFO, PW_MISSING };

static const struct {
	const char *keys;      /* added to [intake.m] */
	mode_t conf_mode;
	enum pw_file pw;
	mode_t pw_mode;
	const char *problem;   /* NULL: loads */
	const char *says;      /* also in the problems when refused, else in
	                          the warnings; NULL: no warning */
} password_cases[] = {
	{ "password = s3cret-pw\n", 0600, PW_NONE, 0, NULL, NULL },
	{ "password = s3cret-pw\n", 0644, PW_NONE, 0, NULL,
	  ":5: [intake.m] password: this file is readable by group or others (mode 0644)" },
	{ "password = s3cret-pw\n", 0640, PW_NONE, 0, NULL,
	  ":5: [intake.m] password: this file is readable by group or others (mode 0640)" },
	{ "password = s3cret-pw\xff\n", 0604, PW_NONE, 0, NULL, "(mode 0604)" },
	{ "user = ogi\n", 0644, PW_NONE, 0, NULL, NULL },
	{ "password_file = pw\n", 0644, PW_FILE, 0600, NULL, NULL },
	{ "password_file = pw\n", 0600, PW_FILE, 0400, NULL, NULL },
	{ "password_file = pw\n", 0600, PW_FILE, 0640,
	  ":5: [intake.m] password_file: ", "readable by group or others (mode 0640): chmod 600" },
	{ "password_file = pw\n", 0600, PW_FILE, 0604,
	  ":5: [intake.m] password_file: ", "(mode 0604)" },
	{ "password_file = pw\n", 0600, PW_DIR, 0700,
	  ":5: [intake.m] password_file: ", "is not a regular file" },
	{ "password_file = pw\n", 0600, PW_FIFO, 0600,
	  ":5: [intake.m] password_file: ", "is not a regular file" },
	{ "password_file = pw\n", 0600, PW_MISSING, 0,
	  ":5: [intake.m] password_file: ", "No such file" },
	{ "password = s3cret-pw\npassword_file = pw\n", 0600, PW_FILE, 0600,
	  ":6: [intake.m] password_file: give password or password_file, not both", NULL },
	/* The error and the warning, both reported. */
	{ "password_file = pw\n[intake.n]\ndriver = maildir\npath = /n\n"
	  "password = s3cret-pw\n", 0644, PW_FILE, 0660,
	  ":5: [intake.m] password_file: ",
	  ":9: [intake.n] password: this file is readable by group or others" },
};

/* Creates tmpdir/pw as the case asks; returns its path. */
static const char *
make_password_file(enum pw_file kind, mode_t mode)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/pw", tmpdir);
	switch (kind) {
	case PW_FILE:
		f = fopen(path, "w");
		assert_non_null(f);
		fputs("s3cret-pw\n", f);
		fclose(f);
		break;
	case PW_DIR:
		assert_int_equal(mkdir(path, mode), 0);
		break;
	case PW_FIFO:
		assert_int_equal(mkfifo(path, mode), 0);
		break;
	case PW_NONE:
	case PW_MISSING:
		return path;
	}
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void
test_passwords(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(password_cases); i++) {
		struct ogi_error err = { 0 };
		struct config *cfg = NULL;
		char *problems = NULL, text[512], rm[160];
		const char *path, *pw, *out;
		int rc;

		snprintf(rm, sizeof(rm), "rm -rf '%s/pw'", tmpdir);
		assert_int_equal(system(rm), 0);
		pw = make_password_file(password_cases[i].pw, password_cases[i].pw_mode);
		snprintf(text, sizeof(text), "[ogid]\nstate_dir = /x\n[intake.m]\n"
			 "driver = maildir\n%spath = /m\n", password_cases[i].keys);
		path = write_conf(text);
		assert_int_equal(chmod(path, password_cases[i].conf_mode), 0);

		rc = config_load(path, "/x", &cfg, &problems, &err);
		if (password_cases[i].problem != NULL) {
			if (rc != -1 || strstr(problems, password_cases[i].problem) == NULL)
				fail_msg("case %zu: no \"%s\" in:\n%s", i,
					 password_cases[i].problem, problems ? problems : "");
			assert_non_null(strstr(problems, path));
			out = problems;
		} else {
			if (rc != 0)
				fail_msg("case %zu: refused:\n%s", i, problems);
			out = cfg->warnings ? cfg->warnings : "";
			if (password_cases[i].pw == PW_FILE)
				assert_string_equal(cfg->intakes[0].password_file, pw);
		}
		if (password_cases[i].says == NULL)
			assert_true(password_cases[i].problem != NULL || *out == '\0');
		else if (strstr(out, password_cases[i].says) == NULL)
			fail_msg("case %zu: no \"%s\" in:\n%s", i,
				 password_cases[i].says, out);
		assert_null(strstr(out, "s3cret"));
		assert_null(strstr(err.msg, "s3cret"));
		g_free(problems);
		config_free(cfg);
	}
}

/* [smtp] without a host: the retry schedule (which a fax command's busy
 * line waits on too), the sender and the attachment limit may be set for
 * the outbox Maildir; a key about a server's connection without a server
 * is a mistake. */
static const struct {
	const char *smtp;      /* the [smtp] section's keys */
	const char *problem;   /* NULL: loads */
	int waits[3];          /* with no problem: the schedule, 0-ended */
} smtp_hostless_cases[] = {
	{ "retry = 1h 2h\n", NULL, { 3600, 7200 } },
	{ "retry = 30m\nfrom = 办公室 <ysqgk@example.gov.cn>\nmax_attachments = 5M\n",
	  NULL, { 1800 } },
	{ "retry = soon\n", ":7: [smtp] retry: \"soon\" is not a list of waits", { 0 } },
	{ "retry = 1h\nport = 25\n", "[smtp]: no host given", { 0 } },
	{ "user = ogi\n", "[smtp]: no host given", { 0 } },
	{ "timeout = 30\n", "[smtp]: no host given", { 0 } },
};

static void
test_smtp_without_host(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(smtp_hostless_cases); i++) {
		struct ogi_error err = { 0 };
		struct config *cfg = NULL;
		char *problems = NULL, text[512];
		const char *path;
		size_t n = 0;
		int rc;

		snprintf(text, sizeof(text), "[intake.m]\ndriver = maildir\n"
			 "path = /m\n[fax]\ncommand = sendfax -d {number} {pdf}\n"
			 "[smtp]\n%s", smtp_hostless_cases[i].smtp);
		path = write_conf(text);
		rc = config_load(path, "/x", &cfg, &problems, &err);
		if (smtp_hostless_cases[i].problem != NULL) {
			if (rc != -1 || strstr(problems, smtp_hostless_cases[i].problem) == NULL)
				fail_msg("case %zu: no \"%s\" in:\n%s", i,
					 smtp_hostless_cases[i].problem,
					 problems ? problems : "");
			g_free(problems);
			continue;
		}
		if (rc != 0)
			fail_msg("case %zu: refused:\n%s", i, problems);
		assert_null(cfg->smtp.host);
		while (n < G_N_ELEMENTS(smtp_hostless_cases[i].waits) &&
		       smtp_hostless_cases[i].waits[n] != 0)
			n++;
		assert_int_equal(cfg->smtp.n_retry, n);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(cfg->smtp.retry_s[k],
					 smtp_hostless_cases[i].waits[k]);
		config_free(cfg);
	}
}

/* The documented example must itself be a valid configuration. */
static void
test_contrib_example(void **state)
{
	struct ogi_error err = { 0 };
	struct config *cfg;
	char *problems = NULL;

	(void)state;
	if (config_load(OGI_SRCDIR "/contrib/ogid.conf", "/x", &cfg, &problems, &err) != 0)
		fail_msg("contrib/ogid.conf: %s", problems);
	assert_string_equal(cfg->office.short_name, "通人社");
	/* The legal texts are templates/legal.txt's, not the example's. */
	assert_null(cfg->office.docnum_format);
	assert_null(cfg->office.remedy);
	assert_null(cfg->office.remedy_refusal);
	assert_string_equal(cfg->intakes[0].path, "/var/lib/ogid/inbox");
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_file, setup, teardown),
		cmocka_unit_test(test_embedded_default),
		cmocka_unit_test_setup_teardown(test_network_intake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test_setup_teardown(test_passwords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_smtp_without_host, setup, teardown),
		cmocka_unit_test(test_contrib_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
