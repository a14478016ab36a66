#include "ctl/outbox.h"

#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"
#include "common/spool.h"
#include "ctl/letter.h"
#include "ctl/ogictl.h"
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
	    ogictl_registry_open_write(cfg, &reg, &err) != 0 ||
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

int
ctl_outbox(struct registry *reg, const struct output *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct registry_outbox_row *rows;
	struct ogi_error err = { 0 };
	struct output shown = *o;
	size_t n;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j') {
			fputs("usage: ogictl outbox [--json]\n", stderr);
			return 2;
		}
		shown.json = true;
	}
	if (optind != argc) {
		fputs("usage: ogictl outbox [--json]\n", stderr);
		return 2;
	}
	if (registry_outbox_list(reg, &rows, &n, &err) != 0) {
		fprintf(stderr, "ogictl: %s\n", err.msg);
		return 1;
	}
	output_outbox(&shown, rows, n);
	registry_outbox_rows_free(rows, n);
	return 0;
}
