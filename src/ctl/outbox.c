#include "ctl/outbox.h"

#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/json.h"
#include "common/log.h"
#include "common/spool.h"
#include "ctl/letter.h"
#include "delivery/compose.h"
#include "delivery/sender.h"
#include "registry/outbox.h"

/* The letter whose sample the test message carries: the one an applicant
 * receives first. */
#define CTL_SEND_TEST_LETTER "receipt"

static void
ctl_send_test_usage(void)
{
	fputs("usage: ogictl send-test ADDRESS\n", stderr);
}

/* Composes the test message into the spool and queues it; *id_r its row. */
static int
ctl_send_test_queue(const struct config *cfg, struct registry *reg,
		    const char *to, const char *pdf, int64_t now, int64_t *id_r,
		    struct ogi_error *err)
{
	const struct delivery_attachment att = {
		.path = pdf, .name = "测试回执（样例）.pdf",
		.content_type = "application/pdf",
	};
	const struct delivery_letter l = {
		.to = to,
		.subject = "政府信息公开网关测试邮件 (ogi-gateway test message)",
		.body = "这是政府信息公开网关（ogi-gateway）发出的测试邮件，"
			"附件是一份样例回执。无需回复。\n\n"
			"This is a test message from ogi-gateway; the attachment "
			"is a sample receipt.  No reply is needed.\n",
		.attachments = &att,
		.n_attachments = 1,
	};
	struct registry_outbox_new m = { .kind = "test", .recipient = to };
	char rel[256], *msgid;
	int rc;

	if (delivery_compose_spool(cfg, &l, now, &msgid, rel, sizeof(rel), err) != 0)
		return -1;
	m.message_id = msgid;
	m.spool_path = rel;
	rc = registry_outbox_enqueue(reg, &m, now, id_r, err);
	g_free(msgid);
	return rc;
}

static int
ctl_send_test_report(struct registry *reg, int64_t id,
		     const struct delivery_sender_stats *st)
{
	struct registry_outbox_row row;
	struct ogi_error err = { 0 };
	bool found;
	int rc;

	if (st->busy) {
		printf("outbox %" PRId64 ": queued; the running ogid will send it\n", id);
		return 0;
	}
	if (registry_outbox_get(reg, id, &row, &found, &err) != 0 || !found) {
		fprintf(stderr, "ogictl: outbox %" PRId64 ": %s\n", id,
			found ? err.msg : "gone");
		return 1;
	}
	printf("outbox %" PRId64 ": %s: %s\n", id, row.state,
	       row.last_status != NULL ? row.last_status : "");
	rc = strcmp(row.state, "sent") == 0 || strcmp(row.state, "queued") == 0 ? 0 : 1;
	registry_outbox_row_clear(&row);
	return rc;
}

int
ctl_send_test(const struct config *cfg, int argc, char **argv)
{
	struct delivery_sender_stats st = { 0 };
	struct ogi_error err = { 0 };
	struct registry *reg = NULL;
	int64_t now = (int64_t)time(NULL), id = 0;
	char *tmpdir = NULL, *pdf = NULL;
	int rc = 1;

	if (argc != 2 || argv[1][0] == '-') {
		ctl_send_test_usage();
		return 2;
	}
	if (!delivery_address_valid(argv[1])) {
		fprintf(stderr, "ogictl: send-test: \"%s\" is not a plain mail "
			"address\n", argv[1]);
		return 2;
	}
	log_init("ogictl", false, LOG_LEVEL_WARNING);
	/* A server that hangs up is an error to report, not a signal to die of. */
	signal(SIGPIPE, SIG_IGN);
	tmpdir = g_build_filename(cfg->state_dir, "tmp", NULL);
	pdf = g_strdup_printf("%s/send-test-%ld.pdf", tmpdir, (long)getpid());
	if (spool_mkdirs(tmpdir, &err) != 0 ||
	    registry_open(cfg->db_path, false, &reg, &err) != 0 ||
	    ctl_letter_render(cfg, CTL_SEND_TEST_LETTER, NULL, pdf, &err) != 0 ||
	    ctl_send_test_queue(cfg, reg, argv[1], pdf, now, &id, &err) != 0 ||
	    delivery_sender_run(cfg, reg, now, NULL, &st, &err) != 0) {
		if (id != 0)
			fprintf(stderr, "ogictl: send-test: outbox %" PRId64 " is "
				"queued but not sent: %s\n", id, err.msg);
		else
			fprintf(stderr, "ogictl: send-test: %s\n", err.msg);
	} else {
		rc = ctl_send_test_report(reg, id, &st);
	}
	unlink(pdf);
	registry_close(reg);
	g_free(pdf);
	g_free(tmpdir);
	return rc;
}

/* --- ogictl outbox --------------------------------------------------------- */

/* RFC 3339 in the office time zone, "" for 0. */
static void
ctl_outbox_time(GTimeZone *tz, int64_t t, char buf[32])
{
	GDateTime *utc, *local;
	char *s;

	buf[0] = '\0';
	if (t == 0)
		return;
	utc = g_date_time_new_from_unix_utc(t);
	local = g_date_time_to_timezone(utc, tz);
	s = g_date_time_format(local, "%Y-%m-%dT%H:%M:%S%:z");
	g_strlcpy(buf, s, 32);
	g_free(s);
	g_date_time_unref(local);
	g_date_time_unref(utc);
}

static void
ctl_outbox_json_str(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	if (v != NULL && v[0] != '\0')
		json_string(w, v);
	else
		json_null(w);
}

static void
ctl_outbox_json(FILE *out, GTimeZone *tz, const struct registry_outbox_row *rows,
		size_t n)
{
	struct json_writer w;

	json_init(&w, out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		const struct registry_outbox_row *r = &rows[i];
		char created[32], next[32], sent[32];

		ctl_outbox_time(tz, r->created_at, created);
		ctl_outbox_time(tz, r->next_attempt_at, next);
		ctl_outbox_time(tz, r->sent_at, sent);
		json_begin_object(&w);
		json_key(&w, "id");
		json_int(&w, r->id);
		ctl_outbox_json_str(&w, "case", r->case_id);
		ctl_outbox_json_str(&w, "kind", r->kind);
		ctl_outbox_json_str(&w, "recipient", r->recipient);
		ctl_outbox_json_str(&w, "state", r->state);
		json_key(&w, "attempts");
		json_int(&w, r->attempts);
		ctl_outbox_json_str(&w, "message_id", r->message_id);
		ctl_outbox_json_str(&w, "in_reply_to", r->in_reply_to);
		ctl_outbox_json_str(&w, "return_path", r->return_path);
		ctl_outbox_json_str(&w, "created", created);
		ctl_outbox_json_str(&w, "next_attempt", next);
		ctl_outbox_json_str(&w, "sent", sent);
		ctl_outbox_json_str(&w, "last_status", r->last_status);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_finish(&w);
}

static void
ctl_outbox_table(FILE *out, GTimeZone *tz, const struct registry_outbox_row *rows,
		 size_t n)
{
	fprintf(out, "%-6s %-8s %-3s %-10s %-12s %-25s %-32s %s\n", "ID", "STATE",
		"TRY", "KIND", "CASE", "CREATED", "RECIPIENT", "LAST STATUS");
	for (size_t i = 0; i < n; i++) {
		const struct registry_outbox_row *r = &rows[i];
		char created[32];
		char *last = log_scrub(g_strdup(r->last_status != NULL ?
						r->last_status : ""));

		ctl_outbox_time(tz, r->created_at, created);
		fprintf(out, "%-6" PRId64 " %-8s %-3d %-10s %-12s %-25s %-32s %s\n",
			r->id, r->state, r->attempts, r->kind,
			r->case_id != NULL ? r->case_id : "-", created,
			r->recipient, last);
		g_free(last);
	}
}

int
ctl_outbox(struct registry *reg, const struct output *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct registry_outbox_row *rows;
	struct ogi_error err = { 0 };
	bool json = o->json;
	GTimeZone *tz;
	size_t n;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j') {
			fputs("usage: ogictl outbox [--json]\n", stderr);
			return 2;
		}
		json = true;
	}
	if (optind != argc) {
		fputs("usage: ogictl outbox [--json]\n", stderr);
		return 2;
	}
	if (registry_outbox_list(reg, &rows, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	tz = g_time_zone_new_identifier(o->tz);
	if (tz == NULL)
		tz = g_time_zone_new_utc();
	if (json)
		ctl_outbox_json(o->out, tz, rows, n);
	else
		ctl_outbox_table(o->out, tz, rows, n);
	g_time_zone_unref(tz);
	registry_outbox_rows_free(rows, n);
	return 0;
}
