/* src/net: the TLS mode a configuration names, passwords read from files
 * only their owner can read, and certificate verification refusing what it
 * cannot check (the accepted cases run against a real server in
 * tests/run-tls.sh). */
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

#include "net/net.h"

static const struct {
	const char *value;
	int rc;
	enum net_tls want;
} tls_cases[] = {
	{ NULL, 0, NET_TLS_IMPLICIT },   /* unset never means unencrypted */
	{ "implicit", 0, NET_TLS_IMPLICIT },
	{ "starttls", 0, NET_TLS_STARTTLS },
	{ "none", 0, NET_TLS_NONE },
	{ "", -1, NET_TLS_IMPLICIT },
	{ "yes", -1, NET_TLS_IMPLICIT },
	{ "STARTTLS ", -1, NET_TLS_IMPLICIT },
	{ "off", -1, NET_TLS_IMPLICIT },
};

static void
test_tls_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(tls_cases); i++) {
		struct ogi_error err = { 0 };
		enum net_tls tls = NET_TLS_IMPLICIT;

		assert_int_equal(net_tls_parse(tls_cases[i].value, &tls, &err),
				 tls_cases[i].rc);
		if (tls_cases[i].rc == 0)
			assert_int_equal(tls, tls_cases[i].want);
		else
			assert_non_null(strstr(err.msg, "implicit, starttls or none"));
	}
}

static char *dir;

static int
dir_setup(void **state)
{
	(void)state;
	dir = g_dir_make_tmp("test_net.XXXXXX", NULL);
	return dir == NULL;
}

static int
dir_teardown(void **state)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	g_free(dir);
	return 0;
}

/* Writes content to dir/name with mode; returns the path (g_free). */
static char *
write_file(const char *name, const char *content, size_t len, mode_t mode)
{
	char *path = g_build_filename(dir, name, NULL);

	assert_true(g_file_set_contents(path, content, (gssize)len, NULL));
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static const struct {
	const char *name;
	const char *content;
	mode_t mode;
	const char *want;       /* the password, or NULL: refused */
	const char *why;        /* a word of the refusal */
} pwfile_cases[] = {
	{ "plain", "s3cret\n", 0600, "s3cret", NULL },
	{ "crlf", "s3cret\r\nsecond line\n", 0600, "s3cret", NULL },
	{ "no-newline", "s3cret", 0400, "s3cret", NULL },
	{ "spaces-kept", " a b \n", 0600, " a b ", NULL },
	{ "group-readable", "s3cret\n", 0640, NULL, "chmod 600" },
	{ "world-readable", "s3cret\n", 0604, NULL, "chmod 600" },
	{ "group-writable", "s3cret\n", 0620, NULL, "chmod 600" },
	{ "empty", "", 0600, NULL, "empty" },
	{ "empty-line", "\nsecond\n", 0600, NULL, "empty" },
};

static void
test_password_file(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(pwfile_cases); i++) {
		struct ogi_error err = { 0 };
		char *path = write_file(pwfile_cases[i].name, pwfile_cases[i].content,
					strlen(pwfile_cases[i].content),
					pwfile_cases[i].mode);
		char *pw = NULL;
		int rc = net_password_read(NULL, path, &pw, &err);

		if (pwfile_cases[i].want != NULL) {
			assert_int_equal(rc, 0);
			assert_string_equal(pw, pwfile_cases[i].want);
		} else {
			assert_int_equal(rc, -1);
			assert_null(pw);
			assert_non_null(strstr(err.msg, pwfile_cases[i].why));
			assert_null(strstr(err.msg, "s3cret"));
		}
		net_password_free(pw);
		g_free(path);
	}
}

static void
test_password_other(void **state)
{
	struct ogi_error err = { 0 };
	char *path = write_file("real", "s3cret\n", 7, 0600);
	char *link = g_build_filename(dir, "link", NULL);
	char *longpw = g_malloc(5000);
	char *longpath, *pw = NULL;

	(void)state;
	/* A symlink could point anywhere: refused, not followed. */
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(net_password_read(NULL, link, &pw, &err), -1);
	/* A directory is not a password file. */
	assert_int_equal(net_password_read(NULL, dir, &pw, &err), -1);
	assert_int_equal(net_password_read(NULL, "/nonexistent/pw", &pw, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/pw"));
	/* A first line longer than any password: a wrong file. */
	memset(longpw, 'x', 4999);
	longpw[4999] = '\n';
	longpath = write_file("long", longpw, 5000, 0600);
	assert_int_equal(net_password_read(NULL, longpath, &pw, &err), -1);
	assert_non_null(strstr(err.msg, "too long"));
	assert_null(pw);
	/* The configuration's own password wins; neither is an error. */
	assert_int_equal(net_password_read("inline", path, &pw, &err), 0);
	assert_string_equal(pw, "inline");
	net_password_free(pw);
	assert_int_equal(net_password_read(NULL, NULL, &pw, &err), -1);
	assert_non_null(strstr(err.msg, "password_file"));
	g_free(longpath);
	g_free(longpw);
	g_free(link);
	g_free(path);
}

static void
test_verify_refuses(void **state)
{
	static const unsigned char junk[] = { 0x30, 0x82, 0x01, 0x00, 0x02, 0x01 };
	struct net_cert bad = { junk, sizeof(junk) };
	struct ogi_error err = { 0 };

	(void)state;
	assert_int_equal(net_tls_verify(NULL, 0, "mail.example.org", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no certificate"));
	assert_int_equal(net_tls_verify(&bad, 1, "mail.example.org", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be read"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls_parse),
		cmocka_unit_test_setup_teardown(test_password_file, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_password_other, dir_setup, dir_teardown),
		cmocka_unit_test(test_verify_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
