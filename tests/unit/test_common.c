/* The JSON writer (escaping, invalid UTF-8, commas and nesting, both
 * layouts) and the raw spool (hash, content, modes, paths, idempotence). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/json.h"
#include "common/log.h"
#include "common/spool.h"
#include "common/wake.h"

/* --- JSON ---------------------------------------------------------------- */

static char *out_buf;
static size_t out_len;

static FILE *
out_open(struct json_writer *w, bool pretty)
{
	FILE *f = open_memstream(&out_buf, &out_len);

	assert_non_null(f);
	json_init(w, f, pretty);
	return f;
}

/* Closes the stream and checks what was written. */
static void
out_check(FILE *f, const char *want)
{
	assert_int_equal(fclose(f), 0);
	assert_true(g_utf8_validate(out_buf, (gssize)out_len, NULL));
	assert_string_equal(out_buf, want);
	free(out_buf);
	out_buf = NULL;
}

static const struct {
	const char *in;
	const char *want;
} string_cases[] = {
	{ "plain", "\"plain\"" },
	{ "", "\"\"" },
	{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
	{ "C:\\dir\\", "\"C:\\\\dir\\\\\"" },
	{ "a/b", "\"a/b\"" },
	{ "\x01\x1f", "\"\\u0001\\u001f\"" },
	{ "l1\nl2\r\n\tx\b\f", "\"l1\\u000al2\\u000d\\u000a\\u0009x\\u0008\\u000c\"" },
	{ "\x7f", "\"\x7f\"" },
	{ "政府信息公开申请", "\"政府信息公开申请\"" },
	{ "emoji \xF0\x9F\x98\x80", "\"emoji \xF0\x9F\x98\x80\"" },
	{ "\xEF\xBF\xBF", "\"\xEF\xBF\xBF\"" },
	/* Invalid UTF-8: one U+FFFD per maximal ill-formed subpart. */
	{ "a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"" },
	{ "\xE7\x94", "\"\xEF\xBF\xBD\"" },			/* cut at the end */
	{ "\xE7\x94" "A", "\"\xEF\xBF\xBD" "A\"" },		/* cut mid-string */
	{ "\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" },		/* overlong '/' */
	{ "\xE0\x80\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" },
	{ "\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" }, /* surrogate */
	{ "\xF4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" },
	{ "\xF0\x9F\x98", "\"\xEF\xBF\xBD\"" },
	{ "\x80\xBF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" },		/* lone continuations */
	{ "\xB9\xFA\xBC\xD2", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" },
	{ "\xD6\xD0" "\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\\\"\"" },	/* GBK 中 then a quote */
	{ NULL, "null" },
};

static void
test_json_strings(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(string_cases); i++) {
		struct json_writer w;
		FILE *f = out_open(&w, false);
		char want[128];

		json_string(&w, string_cases[i].in);
		json_finish(&w);
		snprintf(want, sizeof(want), "%s\n", string_cases[i].want);
		out_check(f, want);
	}
}

static void
test_json_key_escaped(void **state)
{
	struct json_writer w;
	FILE *f = out_open(&w, false);

	(void)state;
	json_begin_object(&w);
	json_key(&w, "k\"\n\xFF");
	json_int(&w, -1);
	json_end_object(&w);
	json_finish(&w);
	out_check(f, "{\"k\\\"\\u000a\xEF\xBF\xBD\":-1}\n");
}

/* One document with every kind of value, empty and nested containers. */
static void
write_doc(struct json_writer *w)
{
	json_begin_object(w);
	json_key(w, "n");
	json_int(w, INT64_MIN);
	json_key(w, "list");
	json_begin_array(w);
	json_string(w, "x");
	json_null(w);
	json_bool(w, true);
	json_bool(w, false);
	json_begin_object(w);
	json_end_object(w);
	json_begin_array(w);
	json_end_array(w);
	json_begin_array(w);
	json_int(w, INT64_MAX);
	json_end_array(w);
	json_end_array(w);
	json_key(w, "obj");
	json_begin_object(w);
	json_key(w, "s");
	json_string(w, NULL);
	json_end_object(w);
	json_end_object(w);
	json_finish(w);
}

static void
test_json_compact(void **state)
{
	struct json_writer w;
	FILE *f = out_open(&w, false);

	(void)state;
	write_doc(&w);
	out_check(f, "{\"n\":-9223372036854775808,\"list\":[\"x\",null,true,false,"
		  "{},[],[9223372036854775807]],\"obj\":{\"s\":null}}\n");
}

static void
test_json_pretty(void **state)
{
	struct json_writer w;
	FILE *f = out_open(&w, true);

	(void)state;
	write_doc(&w);
	out_check(f,
		  "{\n"
		  "  \"n\": -9223372036854775808,\n"
		  "  \"list\": [\n"
		  "    \"x\",\n"
		  "    null,\n"
		  "    true,\n"
		  "    false,\n"
		  "    {},\n"
		  "    [],\n"
		  "    [\n"
		  "      9223372036854775807\n"
		  "    ]\n"
		  "  ],\n"
		  "  \"obj\": {\n"
		  "    \"s\": null\n"
		  "  }\n"
		  "}\n");
}

static void
test_json_array_of_objects(void **state)
{
	struct json_writer w;
	FILE *f = out_open(&w, true);

	(void)state;
	json_begin_array(&w);
	for (int i = 0; i < 2; i++) {
		json_begin_object(&w);
		json_key(&w, "i");
		json_int(&w, i);
		json_key(&w, "problems");
		json_begin_array(&w);
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_finish(&w);
	out_check(f, "[\n  {\n    \"i\": 0,\n    \"problems\": []\n  },\n"
		  "  {\n    \"i\": 1,\n    \"problems\": []\n  }\n]\n");

	f = out_open(&w, true);
	json_begin_array(&w);
	json_end_array(&w);
	json_finish(&w);
	out_check(f, "[]\n");
}

static void
test_json_deep(void **state)
{
	struct json_writer w;
	GString *want = g_string_new(NULL);
	FILE *f = out_open(&w, false);

	(void)state;
	/* The deepest nesting the writer tracks. */
	for (int i = 0; i < JSON_MAX_DEPTH - 1; i++) {
		json_begin_array(&w);
		g_string_append_c(want, '[');
	}
	json_int(&w, 7);
	g_string_append_c(want, '7');
	for (int i = 0; i < JSON_MAX_DEPTH - 1; i++) {
		json_end_array(&w);
		g_string_append_c(want, ']');
	}
	json_finish(&w);
	g_string_append_c(want, '\n');
	out_check(f, want->str);
	g_string_free(want, TRUE);
}

/* --- spool --------------------------------------------------------------- */

static char tmp[64];

static int
spool_setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ogi-spool-XXXXXX");
	return mkdtemp(tmp) == NULL ? -1 : 0;
}

static int
spool_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd);
}

/* The permission bits of tmp/rel. */
static unsigned
mode_of(const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	if (stat(path, &st) != 0)
		fail_msg("%s: missing", path);
	return st.st_mode & 07777;
}

static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static const char msg[] = "From: a@example.cn\r\nSubject: 申请\r\n\r\nbody\0tail";
static const char msg_sha[] = "845a372cb0b69072af30948890277ed81da0564521b58c843be1da3b32da6f8c";

/* Streams data into the spool in two writes, as a driver would. */
static int
store(const char *state_dir, const void *data, size_t len, int64_t received_at,
      char hex[65], char *rel, size_t rel_size, size_t *len_r,
      struct ogi_error *err)
{
	struct spool_entry *e;
	size_t half = len / 2;

	if (spool_begin(state_dir, &e, err) != 0)
		return -1;
	assert_int_equal(write(spool_entry_fd(e), data, half), (ssize_t)half);
	assert_int_equal(write(spool_entry_fd(e), (const char *)data + half,
			       len - half), (ssize_t)(len - half));
	return spool_commit(e, received_at, hex, rel, rel_size, len_r, err);
}

static void
test_spool_store(void **state)
{
	struct ogi_error err = { 0 };
	char hex[65], rel[128], state_dir[128], path[256], under[160];
	struct stat st1, st2;
	const void *mapped;
	size_t len, mlen;
	gchar *got;
	gsize got_len;
	mode_t old;

	(void)state;
	snprintf(state_dir, sizeof(state_dir), "%s/state", tmp);
	/* The modes must not depend on the umask, even one this odd. */
	old = umask(0277);
	/* 2026-09-30 23:59:59 UTC: already October in Beijing, September here. */
	if (store(state_dir, msg, sizeof(msg) - 1, 1790812799, hex, rel,
		  sizeof(rel), &len, &err) != 0)
		fail_msg("%s", err.msg);
	umask(old);
	assert_string_equal(hex, msg_sha);
	assert_int_equal(len, sizeof(msg) - 1);
	assert_string_equal(rel, "raw/2026/09/845a372cb0b69072af30948890277ed81da0564521b58c843be1da3b32da6f8c.eml");

	snprintf(path, sizeof(path), "%s/%s", state_dir, rel);
	assert_true(g_file_get_contents(path, &got, &got_len, NULL));
	assert_int_equal(got_len, sizeof(msg) - 1);
	assert_memory_equal(got, msg, got_len);
	g_free(got);
	assert_int_equal(spool_map(state_dir, rel, &mapped, &mlen, &err), 0);
	assert_int_equal(mlen, sizeof(msg) - 1);
	assert_memory_equal(mapped, msg, mlen);
	spool_unmap(mapped, mlen);
	snprintf(under, sizeof(under), "state/%s", rel);
	assert_int_equal(mode_of(under), 0600);
	assert_int_equal(mode_of("state"), 0700);
	assert_int_equal(mode_of("state/raw"), 0700);
	assert_int_equal(mode_of("state/raw/2026"), 0700);
	assert_int_equal(mode_of("state/raw/2026/09"), 0700);
	assert_int_equal(mode_of("state/tmp"), 0700);

	/* Storing it again succeeds, leaves the same file and no temporary
	 * file anywhere. */
	assert_int_equal(stat(path, &st1), 0);
	memset(rel, 'x', sizeof(rel));
	assert_int_equal(store(state_dir, msg, sizeof(msg) - 1, 1790784000, hex,
			       rel, sizeof(rel), &len, &err), 0);
	assert_string_equal(rel, "raw/2026/09/845a372cb0b69072af30948890277ed81da0564521b58c843be1da3b32da6f8c.eml");
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
	assert_int_equal(st1.st_mtime, st2.st_mtime);
	snprintf(path, sizeof(path), "%s/raw/2026/09", state_dir);
	assert_int_equal(entries(path), 1);
	snprintf(path, sizeof(path), "%s/tmp", state_dir);
	assert_int_equal(entries(path), 0);

	/* Another month; the month is UTC's.  An empty message is kept too. */
	assert_int_equal(store(state_dir, "", 0, 1735689599, hex, rel,
			       sizeof(rel), &len, &err), 0);
	assert_string_equal(rel, "raw/2024/12/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.eml");
	assert_int_equal(len, 0);
	snprintf(under, sizeof(under), "state/%s", rel);
	assert_int_equal(mode_of(under), 0600);
}

static void
test_spool_refuses(void **state)
{
	struct ogi_error err = { 0 };
	char hex[65], rel[128], path[256];
	struct spool_entry *e;
	size_t len;

	(void)state;
	/* No room for the relative path. */
	assert_int_equal(store(tmp, "y", 1, 1790812799, hex, rel, 80, &len, &err), -1);
	assert_int_equal(store(tmp, "y", 1, 1790812799, hex, rel, 81, &len, &err), 0);
	/* Something that is not a file where the file should be. */
	snprintf(path, sizeof(path), "%s/raw/2026/09/"
		 "594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06.eml",
		 tmp);
	assert_int_equal(mkdir(path, 0700), 0);
	err.msg[0] = '\0';
	assert_int_equal(store(tmp, "z", 1, 1790812799, hex, rel, sizeof(rel),
			       &len, &err), -1);
	assert_non_null(strstr(err.msg, path));
	/* A time outside years 1-9999. */
	assert_int_equal(store(tmp, "w", 1, INT64_MAX, hex, rel, sizeof(rel),
			       &len, &err), -1);
	/* An abandoned entry leaves nothing behind. */
	assert_int_equal(spool_begin(tmp, &e, &err), 0);
	spool_abort(e);
	snprintf(path, sizeof(path), "%s/tmp", tmp);
	assert_int_equal(entries(path), 0);
}

static void
test_spool_mkdirs(void **state)
{
	struct ogi_error err = { 0 };
	char path[256];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/a//b/c/", tmp);
	assert_int_equal(spool_mkdirs(path, &err), 0);
	assert_int_equal(mode_of("a"), 0700);
	assert_int_equal(mode_of("a/b"), 0700);
	assert_int_equal(mode_of("a/b/c"), 0700);
	assert_int_equal(spool_mkdirs(path, &err), 0);

	snprintf(path, sizeof(path), "%s/file", tmp);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/file/d", tmp);
	err.msg[0] = '\0';
	assert_int_equal(spool_mkdirs(path, &err), -1);
	snprintf(path, sizeof(path), "%s/file", tmp);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(spool_mkdirs("", &err), -1);
}

/* Text a sender wrote reaches logs and terminals without control
 * characters: no forged log lines, no escape sequences. */
static void
test_log_scrub(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "申请公开", "申请公开" },
		{ "a\r\nogid: error: forged", "a  ogid: error: forged" },
		{ "hi\x1b]0;pwned\x07\x1b[2J", "hi ]0;pwned  [2J" },
		{ "tab\there\x7f", "tab here " },
		{ "c1\xc2\x9b" "31m", "c1  31m" },
		{ "\xc2\xa0nbsp kept", "\xc2\xa0nbsp kept" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *s = g_strdup(cases[i].in);

		assert_string_equal(log_scrub(s), cases[i].out);
		g_free(s);
	}
}

/* Identity and mobile numbers are masked wherever they appear in a line,
 * ASCII or full-width, and only runs of exactly their shape. */
static const struct {
	const char *in, *out;
} mask_cases[] = {
	{ "张伟身份证110101199003070021.jpg", "张伟身份证110*************21.jpg" },
	{ "11010519491231002X", "110*************2X" },
	{ "id 11010519491231002x.", "id 110*************2x." },
	{ "ID110101199003070021", "ID110*************21" },
	{ "a 110101900307002 b", "a 110**********02 b" },
	{ "tel 13904751234;", "tel 139******34;" },
	{ "+8613904751234", "+86139******34" },
	{ "13904751234 and 15004751234", "139******34 and 150******34" },
	/* Full-width digits and check character, and a mix as typed. */
	{ "１１０１０１１９９００３０７００２Ｘ.pdf", "１１０*************２Ｘ.pdf" },
	{ "110101１９９０0307002ｘ", "110*************2ｘ" },
	{ "１３９0475１２３４", "１３９******３４" },
	/* Longer or shorter runs are other numbers. */
	{ "acct 62220212345678901234", "acct 62220212345678901234" },
	{ "1101011990030700211", "1101011990030700211" },
	{ "11010119900307002", "11010119900307002" },
	{ "12345678901234", "12345678901234" },
	{ "12904751234", "12904751234" },
	{ "2390475123", "2390475123" },
	{ "861290475123", "861290475123" },
	{ "1773104400.M1P1Q1.hostile", "1773104400.M1P1Q1.hostile" },
	{ "2026-000001 deadline 2026-03-31", "2026-000001 deadline 2026-03-31" },
	/* A full-width digit next to an ASCII run makes the run longer. */
	{ "110101199003070021１", "110101199003070021１" },
	{ "", "" },
};

static void
test_log_mask_numbers(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(mask_cases); i++) {
		char *s = g_strdup(mask_cases[i].in);

		if (strcmp(log_mask_numbers(s), mask_cases[i].out) != 0)
			fail_msg("case %zu: \"%s\" -> \"%s\", want \"%s\"", i,
				 mask_cases[i].in, s, mask_cases[i].out);
		g_free(s);
	}
}

/* Logs text with stderr going to a file; returns what was written. */
static char *
log_capture(const char *text)
{
	char path[] = "/tmp/ogi-log-XXXXXX", *out;
	int fd = mkstemp(path), saved = dup(2);

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	assert_int_equal(dup2(fd, 2), 2);
	log_init("t", false, LOG_LEVEL_DEBUG);
	log_warning("%s", text);
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	close(fd);
	assert_true(g_file_get_contents(path, &out, NULL, NULL));
	unlink(path);
	return out;
}

/* The sink masks every line, and a number cut at the line limit, whose
 * length is lost, is masked whole. */
static void
test_log_msg_masks(void **state)
{
	char *out, *text, *pad = g_strnfill(2040, 'a');

	(void)state;
	out = log_capture("msg: attachment \"张伟身份证110101199003070021.jpg\": "
			  "base64 content ends");
	assert_string_equal(out, "t: warning: msg: attachment "
			    "\"张伟身份证110*************21.jpg\": base64 content ends\n");
	g_free(out);

	text = g_strdup_printf("%s 110101199003070021", pad);
	out = log_capture(text);
	assert_non_null(strstr(out, "a ******\n"));
	assert_null(strstr(out, "110101"));
	g_free(out);
	g_free(text);
	/* Cut inside a full-width digit: the half character goes. */
	text = g_strdup_printf("%s  １１０", pad);
	out = log_capture(text);
	assert_non_null(strstr(out, "a  *\n"));
	g_free(out);
	g_free(text);
	g_free(pad);
}

/* --- wake-up pipe -------------------------------------------------------- */

/* A stop that comes before the wait begins must still end it: the pipe
 * holds the wake-up (with only a flag, the wait would run its course). */
static void
test_wake(void **state)
{
	(void)state;
	assert_int_equal(wake_fd(), -1);
	wake_notify();                        /* before open: nothing, no crash */
	assert_int_equal(wake_sleep(wake_fd(), 0), 0);
	assert_int_equal(wake_open(NULL), 0);
	assert_true(wake_fd() >= 0);
	assert_int_equal(wake_sleep(wake_fd(), 0), 0);
	wake_notify();
	/* Returns at once, woken, though asked to wait an hour. */
	assert_int_equal(wake_sleep(wake_fd(), 3600), 1);
	/* The wake-up stays: every later wait of the stopping process ends. */
	assert_int_equal(wake_sleep(wake_fd(), 3600), 1);
	/* A fresh pipe (a forked child's) starts quiet. */
	assert_int_equal(wake_open(NULL), 0);
	assert_int_equal(wake_sleep(wake_fd(), 0), 0);
}

/* --- writing a whole buffer --------------------------------------------- */

/* More than a pipe holds, so the writer blocks and the timer's signals cut
 * its writes short. */
#define FDIO_TEST_BYTES (4u << 20)
/* The reader's piece: small, so the writer waits often. */
#define FDIO_TEST_PIECE 4096

static void
fdio_test_tick(int sig)
{
	(void)sig;
}

static gpointer
fdio_test_drain(gpointer data)
{
	int fd = GPOINTER_TO_INT(data);
	GByteArray *got = g_byte_array_new();
	unsigned char buf[FDIO_TEST_PIECE];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		g_byte_array_append(got, buf, (guint)n);
	}
	return got;
}

/* How long the reader waits for the writer to block in write(2): far longer
 * than it takes; reached only if the writer never blocks (a failure). */
#define FDIO_TEST_BLOCK_WAIT_US (10 * G_USEC_PER_SEC)
/* How often it looks: the writer blocks within microseconds, so a
 * millisecond costs nothing and keeps the reader off the CPU. */
#define FDIO_TEST_POLL_US 1000

/* Bytes that are not all alike, so a lost or repeated piece shows. */
static unsigned char *
fdio_test_data(void)
{
	unsigned char *data = g_malloc(FDIO_TEST_BYTES);

	for (size_t i = 0; i < FDIO_TEST_BYTES; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	return data;
}

/* Posted by the signal's handler (sem_post is async-signal-safe). */
static sem_t fdio_test_delivered;

struct fdio_test_blocked {
	int read_fd;
	int write_fd;
	pid_t writer_tid;
	pthread_t writer;
	gboolean seen_blocked;
};

static void
fdio_test_post(int sig)
{
	(void)sig;
	sem_post(&fdio_test_delivered);
}

/* Whether the thread sleeps in write(2) on FD: /proc's syscall file names the
 * call and its arguments while a task is blocked in one. */
static gboolean
fdio_test_in_write(pid_t tid, int fd)
{
	char path[64], *text = NULL;
	long nr = -1, arg0 = -1;
	gboolean in = FALSE;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/syscall", (long)tid);
	if (g_file_get_contents(path, &text, NULL, NULL) &&
	    sscanf(text, "%ld %lx", &nr, &arg0) == 2)
		in = nr == SYS_write && arg0 == fd;
	g_free(text);
	return in;
}

/* Waits until the writer sleeps in write(2) on the full pipe, interrupts it,
 * and drains the pipe only once the signal was delivered: so the writer's
 * write(2) is cut off with nothing transferred, which is EINTR. */
static gpointer
fdio_test_interrupt_then_drain(gpointer data)
{
	struct fdio_test_blocked *b = data;
	gint64 give_up = g_get_monotonic_time() + FDIO_TEST_BLOCK_WAIT_US;

	while (!fdio_test_in_write(b->writer_tid, b->write_fd)) {
		if (g_get_monotonic_time() > give_up)
			break;
		g_usleep(FDIO_TEST_POLL_US);
	}
	b->seen_blocked = fdio_test_in_write(b->writer_tid, b->write_fd);
	pthread_kill(b->writer, SIGALRM);
	while (sem_wait(&fdio_test_delivered) != 0 && errno == EINTR)
		;
	return fdio_test_drain(GINT_TO_POINTER(b->read_fd));
}

/* Fills the pipe until a write would block, so the next write(2) moves
 * nothing until someone reads; returns the bytes written. */
static size_t
fdio_test_fill(int fd)
{
	static const char page[FDIO_TEST_PIECE];
	int flags = fcntl(fd, F_GETFL);
	size_t filled = 0;
	ssize_t n;

	assert_int_equal(fcntl(fd, F_SETFL, flags | O_NONBLOCK), 0);
	while ((n = write(fd, page, sizeof(page))) > 0)
		filled += (size_t)n;
	/* A byte at a time too: no room is left in a half-full buffer. */
	while ((n = write(fd, page, 1)) > 0)
		filled += (size_t)n;
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(fcntl(fd, F_SETFL, flags), 0);
	return filled;
}

/* Every byte arrives in order although write(2) takes a part at a time and
 * is interrupted; a failure says why in errno. */
static void
test_fdio_write_all(void **state)
{
	struct sigaction sa = { .sa_handler = fdio_test_tick }, old_sa;
	struct itimerval tick = { { 0, 500 }, { 0, 500 } }, stop = { 0 };
	unsigned char *data = fdio_test_data();
	GByteArray *got;
	GThread *reader;
	sigset_t alrm;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	/* The reader blocks the timer's signal: it is the writer's. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	assert_int_equal(pthread_sigmask(SIG_BLOCK, &alrm, NULL), 0);
	reader = g_thread_new("drain", fdio_test_drain, GINT_TO_POINTER(p[0]));
	assert_int_equal(pthread_sigmask(SIG_UNBLOCK, &alrm, NULL), 0);
	/* No SA_RESTART: a signal ends a blocked write early. */
	assert_int_equal(sigaction(SIGALRM, &sa, &old_sa), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &tick, NULL), 0);
	assert_int_equal(fdio_write_all(p[1], data, FDIO_TEST_BYTES), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &stop, NULL), 0);
	assert_int_equal(sigaction(SIGALRM, &old_sa, NULL), 0);
	close(p[1]);
	got = g_thread_join(reader);
	close(p[0]);
	assert_int_equal(got->len, FDIO_TEST_BYTES);
	assert_memory_equal(got->data, data, FDIO_TEST_BYTES);
	g_byte_array_unref(got);

	assert_int_equal(fdio_write_all(-1, "", 0), 0);
	errno = 0;
	assert_int_equal(fdio_write_all(-1, "x", 1), -1);
	assert_int_equal(errno, EBADF);
	/* Nobody reads: EPIPE (with SIGPIPE ignored, as ogid does). */
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(fdio_write_all(p[1], data, 16), -1);
	assert_int_equal(errno, EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	g_free(data);
}

/* A write(2) interrupted before it moved a byte fails with EINTR, and the
 * write is tried again: the pipe is full, the signal comes while the writer
 * sleeps in write(2), and the pipe is drained only after the signal was
 * delivered. */
static void
test_fdio_write_interrupted(void **state)
{
	struct sigaction post = { .sa_handler = fdio_test_post }, old_sa;
	struct fdio_test_blocked b = { 0 };
	unsigned char *data = fdio_test_data();
	GByteArray *got;
	GThread *reader;
	sigset_t alrm;
	size_t filled;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	filled = fdio_test_fill(p[1]);
	assert_int_equal(sem_init(&fdio_test_delivered, 0, 0), 0);
	b.read_fd = p[0];
	b.write_fd = p[1];
	b.writer_tid = (pid_t)syscall(SYS_gettid);
	b.writer = pthread_self();
	/* The reader blocks the signal: it is the writer's. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	assert_int_equal(pthread_sigmask(SIG_BLOCK, &alrm, NULL), 0);
	reader = g_thread_new("interrupt", fdio_test_interrupt_then_drain, &b);
	assert_int_equal(pthread_sigmask(SIG_UNBLOCK, &alrm, NULL), 0);
	/* No SA_RESTART: the signal ends the blocked write. */
	assert_int_equal(sigaction(SIGALRM, &post, &old_sa), 0);
	assert_int_equal(fdio_write_all(p[1], data, FDIO_TEST_BYTES), 0);
	assert_int_equal(sigaction(SIGALRM, &old_sa, NULL), 0);
	close(p[1]);
	got = g_thread_join(reader);
	close(p[0]);
	assert_true(b.seen_blocked);
	assert_int_equal(got->len, filled + FDIO_TEST_BYTES);
	assert_memory_equal(got->data + filled, data, FDIO_TEST_BYTES);
	g_byte_array_unref(got);
	sem_destroy(&fdio_test_delivered);
	g_free(data);
}

/* Page images: named from the message's hash and the page number only,
 * 0600 in 0700 directories, dated as raw/ is, a page written again
 * replaced, nothing left in tmp/. */
static void
test_spool_page(void **state)
{
	static const struct {
		unsigned page;
		int64_t received_at;
		const char *content;
		const char *dir;
	} cases[] = {
		{ 1, 1764000000, "first", "pages/2025/11" },
		{ 12, 1764000000, "twelfth", "pages/2025/11" },
		{ 1, 1764000000, "again", "pages/2025/11" },
		{ 2, 1798761600, "next year", "pages/2027/01" },
	};
	struct ogi_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char rel[256], expect[256], path[512], *got;
		gsize len;

		snprintf(expect, sizeof(expect), "%s/%s-%u.png", cases[i].dir,
			 msg_sha, cases[i].page);
		if (spool_put_page(tmp, msg_sha, cases[i].page, cases[i].received_at,
				   cases[i].content, strlen(cases[i].content), rel,
				   sizeof(rel), &err) != 0)
			fail_msg("%s", err.msg);
		assert_string_equal(rel, expect);
		assert_int_equal(mode_of(rel), 0600);
		assert_int_equal(mode_of("pages"), 0700);
		*strrchr(expect, '/') = '\0';
		assert_int_equal(mode_of(expect), 0700);
		snprintf(path, sizeof(path), "%s/%s", tmp, rel);
		assert_true(g_file_get_contents(path, &got, &len, NULL));
		assert_string_equal(got, cases[i].content);
		g_free(got);
		assert_int_equal(spool_sync_file(tmp, rel, &err), 0);
		assert_int_equal(spool_sync_dir_of(tmp, rel, &err), 0);
	}
	snprintf(tmp + strlen(tmp), sizeof(tmp) - strlen(tmp), "/tmp");
	assert_int_equal(entries(tmp), 0);
	tmp[strlen(tmp) - 4] = '\0';
	assert_int_equal(spool_put_page(tmp, msg_sha, 1, INT64_MAX, "x", 1,
					(char[256]){ 0 }, 256, &err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wake),
		cmocka_unit_test(test_fdio_write_all),
		cmocka_unit_test(test_fdio_write_interrupted),
		cmocka_unit_test(test_log_scrub),
		cmocka_unit_test(test_log_mask_numbers),
		cmocka_unit_test(test_log_msg_masks),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_json_key_escaped),
		cmocka_unit_test(test_json_compact),
		cmocka_unit_test(test_json_pretty),
		cmocka_unit_test(test_json_array_of_objects),
		cmocka_unit_test(test_json_deep),
		cmocka_unit_test_setup_teardown(test_spool_store, spool_setup, spool_teardown),
		cmocka_unit_test_setup_teardown(test_spool_refuses, spool_setup, spool_teardown),
		cmocka_unit_test_setup_teardown(test_spool_mkdirs, spool_setup, spool_teardown),
		cmocka_unit_test_setup_teardown(test_spool_page, spool_setup, spool_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
