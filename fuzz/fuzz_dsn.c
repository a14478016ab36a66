/* libFuzzer target: raw bytes read as a delivery report the way the parser
 * worker reads one -- mime_parse(), extract_message() for the kind, then
 * extract_dsn_read() (extract/dsn.h) -- and sent over the worker's wire.
 * Whatever the bytes, the report must pass the checks the daemon holds
 * it to (extract_dsn_*_valid) and survive the wire: a report the reader
 * makes and the decoder refuses would lose every bounce like it.  Run by
 * contrib/fuzz.sh dsn. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "daemon/wire.h"
#include "extract/dsn.h"
#include "extract/extract.h"
#include "mime/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct extract_dsn *d)
{
	if ((d->status[0] != '\0' && !extract_dsn_status_valid(d->status)) ||
	    (d->diagnostic != NULL && !extract_dsn_diagnostic_valid(d->diagnostic)) ||
	    (d->original_id != NULL && !extract_dsn_id_valid(d->original_id)) ||
	    d->n_envelope_to > EXTRACT_DSN_ENVELOPE_MAX)
		abort();
	for (size_t i = 0; i < d->n_envelope_to; i++)
		if (!extract_dsn_address_valid(d->envelope_to[i]))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const own[] = { "ysqgk@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own,
		.today = "2026-12-01",
		.sender_is_contact = true,
	};
	struct config_limits lim;
	struct mime_message *msg;
	struct wire_result res = { .message_id = NULL }, back;
	unsigned char *frame;
	size_t len, body_len;

	config_limits_default(&lim);
	if (mime_parse(data, size, &lim, &msg, NULL) != 0)
		return 0;
	res.rec = extract_message(msg, &ctx);
	extract_dsn_read(msg, res.rec->kind, &res.dsn);
	mime_message_free(msg);
	check(&res.dsn);
	wire_result_encode(&res, &frame, &len);
	if (wire_header_decode(frame, WIRE_MAX_META, &body_len, NULL) != 0 ||
	    wire_result_decode(frame + WIRE_HEADER_SIZE, body_len, &back, NULL) != 0 ||
	    back.dsn.action != res.dsn.action)
		abort();
	wire_result_clear(&back);
	wire_result_clear(&res);
	g_free(frame);
	return 0;
}
