/* What the daemon may send by itself (daemon/automatic.h): a receipt or
 * notice that would go to the office's own contact is withheld for a
 * clerk, and each decision reads the clock once -- the day it checks the
 * daily limit against is the day it counts the message on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "daemon/automatic.h"
#include "registry-fixture.h"
#include "registry/holding.h"

/* 2026-11-20 23:59:59 in Shanghai: one second before the office's day
 * turns, where two clock readings can fall on two days. */
#define LAST_SECOND (T0 + 13 * 3600 + 59 * 60 + 59)
#define DAY "2026-11-20"
#define OFFICE_EMAIL "ysqgk@example.gov.cn"
#define OFFICE_FAX "0475-8888889"
#define OFFICE_ADDRESS "通辽市科尔沁区民主路1号"
#define APPLICANT "liming@example.com"

struct automatic_case {
	const char *name;
	const char *email, *fax;  /* the applicant's, as read */
	const char *address;      /* the applicant's postal address, as read */
	const char *channel;      /* the letter's */
	unsigned counted;         /* automatic messages already sent to email
	                             on DAY */
	int limit;                /* auto_reply_limit */
	bool withheld;
	const char *reason;       /* in rec->review when withheld */
};

static const struct automatic_case cases[] = {
	{ "a receipt by e-mail to the applicant goes, counted on the day of "
	  "the decision's one clock reading", APPLICANT, NULL, NULL, "email", 0, 5,
	  false, NULL },
	{ "the limit is checked on the same day the message counts on",
	  APPLICANT, NULL, NULL, "email", 1, 1, true,
	  "the receipt was not sent by itself to " APPLICANT ": daily limit "
	  "of automatic messages reached" },
	{ "a receipt by e-mail to [office] email is withheld, naming it",
	  OFFICE_EMAIL, NULL, NULL, "email", 0, 5, true,
	  "the receipt was not sent by itself: it would go by email to "
	  OFFICE_EMAIL ", the office's own contact" },
	{ "a receipt by fax to [office] fax is withheld, naming it",
	  APPLICANT, "0475 8888889", NULL, "fax", 0, 5, true,
	  "the receipt was not sent by itself: it would go by fax to "
	  "0475 8888889, the office's own contact" },
	{ "a receipt by fax to the applicant's own fax goes", APPLICANT,
	  "0475-6312758", NULL, "fax", 0, 5, false, NULL },
	/* review12-final #7: the office's fax read with an extension. */
	{ "a receipt by fax to [office] fax with an extension is withheld",
	  APPLICANT, "0475-8888889转8001", NULL, "fax", 0, 5, true,
	  "it would go by fax to 0475-8888889转8001, the office's own contact" },
	/* review12-r2 #7: a form's footer address read as the applicant's
	 * put the office's own address on the sheet. */
	{ "a receipt by post to [office] address, spaced and with its "
	  "postcode, is withheld, naming it", APPLICANT, NULL,
	  "028000 通辽市 科尔沁区 民主路1号", "post", 0, 5, true,
	  "the receipt was not sent by itself: it would go by post to "
	  "028000 通辽市 科尔沁区 民主路1号, the office's own contact" },
	{ "a receipt by post to the applicant's own address goes", APPLICANT,
	  NULL, "通辽市科尔沁区民主路2号", "post", 0, 5, false, NULL },
};

static char *own[] = { "ogi@example.gov.cn", NULL };

/* The office the cases run under: its own e-mail and fax, a fax command
 * (so fax reaches an applicant), the daily limit. */
static struct config
office(int limit)
{
	return (struct config){
		.timezone = "Asia/Shanghai", .own_addresses = own,
		.auto_reply_limit = limit,
		.office = { .email = OFFICE_EMAIL, .fax = OFFICE_FAX,
			    .address = OFFICE_ADDRESS },
		.fax = { .command = "/bin/true {number} {pdf}" },
	};
}

/* A message from sender with record rec, recorded on DAY and decided
 * about at LAST_SECOND. */
struct message {
	struct registry_message msg;
	struct wire_result res;
	struct registry_outcome out;
	struct clock_local received;
	struct automatic_message m;
};

static void
message_init(struct message *x, struct extract_record *rec, const char *sender)
{
	*x = (struct message){
		.msg = { .mailbox = "mail", .uid = "1" },
		.res = { .rec = rec, .from_addr = (char *)sender },
		.out = { .created = rec->kind == EXTRACT_KIND_APPLICATION },
		.received = { .date = DAY },
	};
	x->m = (struct automatic_message){
		.msg = &x->msg, .res = &x->res, .out = &x->out,
		.received = &x->received, .now = LAST_SECOND, .where = "mail/1",
	};
}

static void
run_case(struct registry_fixture *f, const struct automatic_case *c)
{
	const struct config cfg = office(c->limit);
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.email = (char *)c->email, .fax = (char *)c->fax,
		.address = (char *)c->address,
	};
	struct message x;
	struct ogi_error err = { 0 };
	bool withheld = true, ok = false;
	int sent = -1;

	message_init(&x, &rec, APPLICANT);
	assert_int_equal(registry_batch_begin(f->reg, &err), 0);
	for (unsigned i = 0; i < c->counted; i++)
		assert_int_equal(registry_auto_replies_add_in_tx(f->reg, c->email,
								 DAY, &err), 0);
	if (automatic_letter_check(&cfg, f->reg, &x.m, &rec, "receipt",
				   c->channel, &withheld, &err) != 0)
		fail_msg("%s: %s", c->name, err.msg);
	if (withheld != c->withheld)
		fail_msg("%s: withheld %d (review: %s)", c->name, withheld,
			 rec.review != NULL ? rec.review : "-");
	if (c->withheld && (rec.review == NULL ||
			    strstr(rec.review, c->reason) == NULL))
		fail_msg("%s: review \"%s\"", c->name,
			 rec.review != NULL ? rec.review : "");
	if (!c->withheld && strcmp(c->channel, "email") == 0) {
		assert_int_equal(automatic_may_send(&cfg, f->reg, &x.m, c->email,
						    &ok, &err), 0);
		assert_true(ok);
	}
	assert_int_equal(registry_batch_commit(f->reg, &err), 0);
	assert_int_equal(registry_auto_replies_count(f->reg, c->email, DAY,
						     &sent, &err), 0);
	if (sent != (int)c->counted +
		    (!c->withheld && strcmp(c->channel, "email") == 0))
		fail_msg("%s: %d counted on %s", c->name, sent, DAY);
	g_free(rec.review);
}

static void
test_letter_check(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct registry_fixture *f;

		assert_int_equal(registry_fixture_setup((void **)&f), 0);
		run_case(f, &cases[i]);
		assert_int_equal(registry_fixture_teardown((void **)&f), 0);
	}
	(void)state;
}

/* A status reply goes to the sender: not when that is [office] email,
 * which own_addresses need not list. */
static void
test_status_to_office(void **state)
{
	struct registry_fixture *f = *state;
	const struct config cfg = office(5);
	struct extract_record rec = { .kind = EXTRACT_KIND_STATUS_QUERY };
	struct message x;
	struct ogi_error err = { 0 };
	const char *why = NULL;

	message_init(&x, &rec, OFFICE_EMAIL);
	assert_int_equal(automatic_may_send_check(&cfg, f->reg, &x.m, OFFICE_EMAIL,
						  &why, &err), 0);
	assert_non_null(why);
	assert_string_equal(why, "the office's own address");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letter_check),
		cmocka_unit_test_setup_teardown(test_status_to_office,
						registry_fixture_setup,
						registry_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
