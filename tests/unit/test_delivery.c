/* The outbox: composing (encodings read back by our own MIME parser,
 * hostile values that must not make headers, RFC 2231 names, the case tag
 * found again), signed VERP return paths, the retry schedule, and the
 * registry's outbox rows. */
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
#include "delivery/compose.h"
#include "delivery/sender.h"
#include "delivery/verp.h"
#include "extract/extract.h"
#include "mime/mime.h"
#include "registry/outbox.h"

/* 2026-11-20T10:00+08:00 */
#define T0 INT64_C(1795140000)

struct fixture {
	char dir[64];
	struct config *cfg;
};

static int
setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);
	char *problems = NULL, *conf;
	struct ogi_error err = { 0 };

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_delivery.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	conf = g_strdup_printf("%s/ogid.conf", f->dir);
	assert_true(g_file_set_contents(conf,
		"[office]\n"
		"email = ysqgk@example.gov.cn\n"
		"name = 通辽市人力资源和社会保障局\n"
		"[smtp]\n"
		"host = localhost\n"
		"from = 政务公开办公室 <ysqgk@example.gov.cn>\n"
		"retry = 1m 10m 1h\n"
		"[intake.mail]\n"
		"driver = maildir\n"
		"path = /nonexistent\n", -1, NULL));
	if (config_load(conf, f->dir, &f->cfg, &problems, &err) != 0)
		fail_msg("config: %s", problems);
	g_free(f->cfg->state_dir);
	f->cfg->state_dir = g_strdup(f->dir);
	g_free(f->cfg->db_path);
	f->cfg->db_path = g_strdup_printf("%s/ogid.db", f->dir);
	g_free(conf);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);

	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	config_free(f->cfg);
	g_free(f);
	return 0;
}

/* Composes l and returns the message's bytes (g_free). */
static char *
compose(struct fixture *f, const struct delivery_letter *l, size_t *len_r)
{
	char *path = g_strdup_printf("%s/out.eml", f->dir), *msgid = NULL, *data;
	struct ogi_error err = { 0 };
	FILE *fp = fopen(path, "w+");
	gsize len;

	assert_non_null(fp);
	if (delivery_compose(f->cfg, l, T0, fileno(fp), &msgid, &err) != 0)
		fail_msg("compose: %s", err.msg);
	fclose(fp);
	assert_non_null(msgid);
	assert_non_null(strstr(msgid, "@example.gov.cn"));
	assert_true(g_file_get_contents(path, &data, &len, NULL));
	g_free(msgid);
	g_free(path);
	*len_r = len;
	return data;
}

static struct mime_message *
parse(const char *raw, size_t len)
{
	struct config_limits lim;
	struct mime_message *m = NULL;
	struct ogi_error err = { 0 };

	config_limits_default(&lim);
	if (mime_parse(raw, len, &lim, &m, &err) != 0)
		fail_msg("parse: %s", err.msg);
	return m;
}

/* Header names at the top of raw, one per line that starts a header. */
static bool
has_header_line(const char *raw, const char *name)
{
	size_t n = strlen(name);

	for (const char *l = raw; l != NULL && *l != '\0' && *l != '\n';
	     l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (g_ascii_strncasecmp(l, name, n) == 0 && l[n] == ':')
			return true;
	return false;
}

static void
test_compose_encodings(void **state)
{
	static const struct {
		const char *subject, *to_name;
	} cases[] = {
		{ "关于政府信息公开申请的登记回执", "张三" },
		{ "Re: 申请公开 2025 年度预算（第二批）——请查收附件，谢谢！这是一个很长很长很长很长的主题",
		  "欧阳·娜娜" },
		{ "Plain ASCII subject", "Li \"Ming\" \\ Jr" },
		{ "=?UTF-8?B?not-encoded?= literal", "O'Brien" },
		{ "", NULL },
		{ "混合 mixed 文字 text", "Zhang 三" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct delivery_letter l = {
			.to = "applicant@example.com", .to_name = cases[i].to_name,
			.subject = cases[i].subject, .body = "正文\n第二行\n",
			.case_id = "2026-000123", .in_reply_to = "orig-1@example.com",
			.automatic = true,
		};
		char *want = g_strdup_printf("%s%s[申请编号 2026-000123]", cases[i].subject,
					     cases[i].subject[0] ? " " : "");
		char tag[16];
		size_t len;
		char *raw = compose(*state, &l, &len);
		struct mime_message *m = parse(raw, len);

		assert_string_equal(m->subject, want);
		assert_true(extract_find_case_tag(m->subject, tag, sizeof(tag)));
		assert_string_equal(tag, "2026-000123");
		assert_string_equal(m->from_name, "政务公开办公室");
		assert_string_equal(m->from_addr, "ysqgk@example.gov.cn");
		assert_string_equal(m->reply_to_addr, "ysqgk@example.gov.cn");
		assert_string_equal(m->in_reply_to, "orig-1@example.com");
		assert_string_equal(mime_header_get(m, "Auto-Submitted"), "auto-replied");
		assert_string_equal(mime_header_get(m, "X-OGI-Loop"), "example.gov.cn");
		assert_non_null(strstr(mime_header_get(m, "References"),
				       "<orig-1@example.com>"));
		/* (m->to is the header as written: a quoted name keeps its
		 * backslashes.) */
		if (cases[i].to_name != NULL && strpbrk(cases[i].to_name, "\"\\") == NULL)
			assert_non_null(strstr(m->to, cases[i].to_name));
		assert_non_null(strstr(m->body, "正文"));
		assert_non_null(strstr(m->body, "第二行"));
		/* No header line is longer than RFC 5322's 78 + LF. */
		for (const char *p = raw; *p != '\0';) {
			const char *nl = strchr(p, '\n');

			if (nl == NULL || nl == p)
				break;
			if (nl - p > 78) fail_msg("long line: %.*s", (int)(nl - p), p);
			p = nl + 1;
		}
		mime_message_free(m);
		g_free(raw);
		g_free(want);
	}
}

static void
test_compose_hostile(void **state)
{
	static const char *const evil[] = {
		"x\r\nBcc: victim@example.net",
		"x\nBcc: victim@example.net",
		"x\rBcc: victim@example.net",
		"x\r\n\r\nBcc: victim@example.net",
		"\xe5\xbc\xa0\r\nBcc: victim@example.net",
		"x\x0b\x0c\x85\x1b[31mBcc: victim@example.net",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(evil); i++) {
		const struct delivery_attachment att = {
			.path = "/dev/null", .name = evil[i],
			.content_type = "application/pdf\r\nBcc: victim@example.net",
		};
		char *refs = g_strdup_printf("<a@b> <%s@c>", evil[i]);
		const struct delivery_letter l = {
			.to = "applicant@example.com", .to_name = evil[i],
			.subject = evil[i], .body = evil[i], .in_reply_to = evil[i],
			.references = refs, .attachments = &att, .n_attachments = 1,
		};
		size_t len;
		char *raw = compose(*state, &l, &len);
		struct mime_message *m = parse(raw, len);

		assert_false(has_header_line(raw, "Bcc"));
		assert_null(mime_header_get(m, "Bcc"));
		assert_null(strstr(m->subject, "\n"));
		assert_null(strstr(m->subject, "\r"));
		assert_null(m->in_reply_to);
		assert_string_equal(mime_header_get(m, "References"), "<a@b>");
		for (size_t p = 0; p < m->n_parts; p++)
			if (m->parts[p].role == MIME_PART_ATTACHMENT)
				assert_string_equal(m->parts[p].content_type,
						    "application/octet-stream");
		mime_message_free(m);
		g_free(raw);
		g_free(refs);
	}
}

static void
test_compose_refuses(void **state)
{
	static const char *const bad_to[] = {
		"a@b\r\nBcc: c@d", "<a@b>", "a b@c", "noat", "@b", "a@", "a@@b",
		"张三@example.com", "a@b,c@d", "\"a\"@b",
	};
	struct fixture *f = *state;
	struct ogi_error err = { 0 };
	char *msgid = (char *)"x";

	for (size_t i = 0; i < G_N_ELEMENTS(bad_to); i++) {
		const struct delivery_letter l = { .to = bad_to[i], .subject = "s" };

		assert_int_equal(delivery_compose(f->cfg, &l, T0, -1, &msgid, &err), -1);
		assert_null(msgid);
	}
	{
		const struct delivery_letter l = { .to = "a@b.c", .case_id = "2026-1" };

		assert_int_equal(delivery_compose(f->cfg, &l, T0, -1, &msgid, &err), -1);
	}
}

static void
test_compose_filenames(void **state)
{
	static const struct {
		const char *name, *shown;
	} cases[] = {
		{ "回执.pdf", "回执.pdf" },
		{ "政府信息公开申请登记回执（2026-000123号）及告知书与附件材料清单.pdf",
		  "政府信息公开申请登记回执（2026-000123号）及告知书与附件材料清单.pdf" },
		{ "receipt.pdf", "receipt.pdf" },
		{ "a \"quoted\" name.pdf", "a \"quoted\" name.pdf" },
		/* Our parser shows a leading dot as "_" too. */
		{ "../../etc/passwd", "_.._etc_passwd" },
		{ "100% done; ok.pdf", "100% done; ok.pdf" },
	};
	char *pdf = g_strdup_printf("%s/a.pdf", ((struct fixture *)*state)->dir);

	assert_true(g_file_set_contents(pdf, "%PDF-1.4\n%fake\n", -1, NULL));
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct delivery_attachment att = {
			.path = pdf, .name = cases[i].name,
			.content_type = "application/pdf",
		};
		const struct delivery_letter l = {
			.to = "applicant@example.com", .subject = "附件",
			.body = "见附件", .attachments = &att, .n_attachments = 1,
		};
		char *param = delivery_filename_param(cases[i].name);
		size_t len, found = 0;
		char *raw = compose(*state, &l, &len);
		struct mime_message *m = parse(raw, len);

		/* Continuation lines keep within 78 columns. */
		for (char *p = param; (p = strchr(p, '\n')) != NULL; p++)
			assert_true(strcspn(p + 1, "\n") <= 77);
		for (size_t p = 0; p < m->n_parts; p++) {
			if (m->parts[p].role != MIME_PART_ATTACHMENT)
				continue;
			found++;
			assert_string_equal(m->parts[p].filename, cases[i].shown);
			assert_int_equal(m->parts[p].size, strlen("%PDF-1.4\n%fake\n"));
		}
		assert_int_equal(found, 1);
		mime_message_free(m);
		g_free(raw);
		g_free(param);
	}
	g_free(pdf);
}

static void
test_case_tag(void **state)
{
	static const struct {
		const char *subject, *want;
	} cases[] = {
		{ "回执 [申请编号 2026-000123]", "2026-000123" },
		{ "Re: 回执 [申請编号 2026-000123]", "2026-000123" },
		{ "回复：关于2025-000001号 ［申请编号　２０２６－０００１２３］", "2026-000123" },
		{ "Re: 2025-000001 [申请编号 2026-000124] 2025-000002", "2026-000124" },
		{ "[申请编号 2026-00012]", NULL },
		{ "[申请编号 2026-0001234]", NULL },
		{ "[申请编号2026-000123]", NULL },
		{ "申请编号 2026-000123]", NULL },
		{ "[申请编号 2026-000123", NULL },
		{ "[OGI-2026-000123]", NULL },
		{ "2026-000123", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char tag[16];
		bool found = extract_find_case_tag(cases[i].subject, tag, sizeof(tag));

		if (cases[i].want == NULL) {
			assert_false(found);
		} else {
			assert_true(found);
			assert_string_equal(tag, cases[i].want);
		}
	}
}

static void
test_verp(void **state)
{
	struct fixture *f = *state;
	struct delivery_verp v, v2, other;
	struct ogi_error err = { 0 };
	char addr[DELIVERY_VERP_ADDRESS_SIZE], *forged, *up;
	int64_t id = 0;
	struct stat st;
	char *keyfile = g_strdup_printf("%s/verp.key", f->dir);

	assert_int_equal(delivery_verp_load(f->dir, &v, &err), 0);
	assert_int_equal(stat(keyfile, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, DELIVERY_VERP_KEY_SIZE);
	/* Loaded again: the same key. */
	assert_int_equal(delivery_verp_load(f->dir, &v2, &err), 0);
	assert_memory_equal(v.key, v2.key, sizeof(v.key));

	assert_int_equal(delivery_verp_address(&v, 42, "example.gov.cn", addr,
					       sizeof(addr)), 0);
	assert_true(g_str_has_prefix(addr, "bounce+42-"));
	assert_true(delivery_verp_check(&v, addr, &id));
	assert_int_equal(id, 42);
	/* Mail systems may change the case of a local part. */
	up = g_ascii_strup(addr, -1);
	assert_true(delivery_verp_check(&v, up, &id));
	g_free(up);

	/* Another id with this tag, a changed tag, another key: refused. */
	forged = g_strdup(addr);
	forged[strlen("bounce+")] = '3';
	assert_false(delivery_verp_check(&v, forged, &id));
	g_free(forged);
	forged = g_strdup(addr);
	forged[strlen("bounce+42-")] ^= 1;
	assert_false(delivery_verp_check(&v, forged, &id));
	g_free(forged);
	memset(other.key, 0x5a, sizeof(other.key));
	assert_false(delivery_verp_check(&other, addr, &id));

	{
		static const char *const garbage[] = {
			"", "bounce+", "bounce+-0123456789abcdef@x", "bounce+042-@x",
			"bounce+1-0123456789abcde@x", "bounce+1-0123456789abcdef0@x",
			"bounce+1x-0123456789abcdef@x", "bounce+99999999999999999999-0123456789abcdef@x",
			"postmaster@example.gov.cn",
		};

		for (size_t i = 0; i < G_N_ELEMENTS(garbage); i++)
			assert_false(delivery_verp_check(&v, garbage[i], &id));
	}

	/* A key others can read is refused. */
	assert_int_equal(chmod(keyfile, 0644), 0);
	assert_int_equal(delivery_verp_load(f->dir, &v2, &err), -1);
	g_free(keyfile);
}

static void
test_retry_schedule(void **state)
{
	struct fixture *f = *state;
	static const struct {
		int attempts;
		enum delivery_result r;
		const char *state;
		int64_t wait;
	} cases[] = {
		{ 0, DELIVERY_SENT, "sent", -1 },
		{ 0, DELIVERY_TEMPORARY, "delayed", 60 },
		{ 1, DELIVERY_TEMPORARY, "delayed", 600 },
		{ 2, DELIVERY_TEMPORARY, "delayed", 3600 },
		{ 3, DELIVERY_TEMPORARY, "failed", -1 },
		{ 0, DELIVERY_PERMANENT, "failed", -1 },
		{ 2, DELIVERY_SENT, "sent", -1 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *st;
		int64_t next;

		delivery_retry_decide(&f->cfg->smtp, cases[i].attempts, cases[i].r,
				      T0, &st, &next);
		assert_string_equal(st, cases[i].state);
		assert_int_equal(next, cases[i].wait < 0 ? 0 : T0 + cases[i].wait);
	}
}

static void
test_retry_parse(void **state)
{
	static const struct {
		const char *text;
		int n;
		int first, last;
	} cases[] = {
		{ CONFIG_SMTP_RETRY_DEFAULT, 12, 300, 16 * 3600 },
		{ "30", 1, 30, 30 },
		{ "1s,2m;3h 1d", 4, 1, 86400 },
		{ "30d", 1, 30 * 86400, 30 * 86400 },
		{ "31d", -1, 0, 0 },
		{ "", -1, 0, 0 },
		{ "5x", -1, 0, 0 },
		{ "0", -1, 0, 0 },
		{ "-5m", -1, 0, 0 },
		{ "99999999999999999999d", -1, 0, 0 },
	};
	int total = 0;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int *w = NULL;
		size_t n = 0;
		int rc = config_parse_retry(cases[i].text, &w, &n);

		if (cases[i].n < 0) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(n, cases[i].n);
		assert_int_equal(w[0], cases[i].first);
		assert_int_equal(w[n - 1], cases[i].last);
		if (i == 0)
			for (size_t k = 0; k < n; k++)
				total += w[k];
		g_free(w);
	}
	/* The default keeps trying for 4 to 5 days, like an MTA. */
	assert_true(total > 4 * 86400 && total <= 5 * 86400);
}

static void
test_registry_outbox(void **state)
{
	struct fixture *f = *state;
	struct ogi_error err = { 0 };
	struct registry *reg;
	struct registry_outbox_row *rows, row;
	struct registry_outbox_counts c;
	struct registry_outbox_new m = {
		.kind = "test", .recipient = "a@example.com",
		.message_id = "m1@example.gov.cn", .spool_path = "raw/x.eml",
	};
	struct registry_outbox_attempt a = {
		.at = T0, .result = "temporary", .reply = "451 try later",
		.return_path = "bounce+1-x@example.gov.cn", .state = "delayed",
		.next_attempt_at = T0 + 60,
	};
	int64_t id, id2, found_id;
	bool found;
	size_t n;

	assert_int_equal(registry_open(f->cfg->db_path, false, &reg, &err), 0);
	/* Outside a transaction the in-transaction enqueue refuses. */
	assert_int_equal(registry_outbox_enqueue_in_tx(reg, &m, T0, &id, &err), -1);
	assert_int_equal(registry_outbox_enqueue(reg, &m, T0, &id, &err), 0);
	/* The same Message-ID twice is refused. */
	assert_int_equal(registry_outbox_enqueue(reg, &m, T0, &id2, &err), -1);
	m.message_id = "m2@example.gov.cn";
	assert_int_equal(registry_outbox_enqueue(reg, &m, T0 + 1, &id2, &err), 0);

	assert_int_equal(registry_outbox_due(reg, T0, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_string_equal(rows[0].state, "queued");
	registry_outbox_rows_free(rows, n);

	assert_int_equal(registry_outbox_attempt(reg, id, &a, &err), 0);
	assert_int_equal(registry_outbox_due(reg, T0 + 59, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id2);
	registry_outbox_rows_free(rows, n);
	assert_int_equal(registry_outbox_due(reg, T0 + 60, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	registry_outbox_rows_free(rows, n);

	a.result = "sent";
	a.state = "sent";
	a.reply = "250 ok";
	assert_int_equal(registry_outbox_attempt(reg, id, &a, &err), 0);
	/* A second sender cannot record the same row again. */
	assert_int_equal(registry_outbox_attempt(reg, id, &a, &err), -1);
	assert_int_equal(registry_outbox_get(reg, id, &row, &found, &err), 0);
	assert_true(found);
	assert_string_equal(row.state, "sent");
	assert_int_equal(row.attempts, 2);
	assert_int_equal(row.sent_at, T0);
	assert_string_equal(row.last_status, "250 ok");
	assert_string_equal(row.return_path, "bounce+1-x@example.gov.cn");
	registry_outbox_row_clear(&row);

	/* A bounce after it was sent fails it; a later delay notice does not
	 * revive it. */
	assert_int_equal(registry_outbox_find(reg, "m1@example.gov.cn", &found_id,
					      &err), 0);
	assert_int_equal(found_id, id);
	assert_int_equal(registry_outbox_report(reg, id, true, "5.1.1 no such user",
						T0 + 100, &err), 0);
	assert_int_equal(registry_outbox_report(reg, id, false, "4.4.1 delayed",
						T0 + 200, &err), 0);
	assert_int_equal(registry_outbox_report(reg, 9999, true, "x", T0, &err), -1);
	assert_int_equal(registry_outbox_counts(reg, &c, &err), 0);
	assert_int_equal(c.failed, 1);
	assert_int_equal(c.queued, 1);
	assert_int_equal(c.sent, 0);
	assert_int_equal(c.delayed, 0);
	registry_close(reg);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_compose_encodings),
		T(test_compose_hostile),
		T(test_compose_refuses),
		T(test_compose_filenames),
		T(test_case_tag),
		T(test_verp),
		T(test_retry_schedule),
		T(test_retry_parse),
		T(test_registry_outbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
