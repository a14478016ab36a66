/* libFuzzer target: the parser worker's wire format as the daemon reads
 * it (daemon/wire.h).  The worker parses hostile mail, so ogid must treat
 * its answer as hostile too: any bytes are either refused whole or decode
 * into a result that encodes back to the same bytes.  Jobs are decoded too,
 * as the worker reads them.  Run by contrib/fuzz.sh wire. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "daemon/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_result res;
	struct wire_job job;
	unsigned char *frame;
	size_t len, body_len;

	if (wire_result_decode(data, size, &res, NULL) == 0) {
		/* Accepted: every field is meaningful, so it must survive a
		 * round trip with the worker's own encoder. */
		wire_result_encode(&res, &frame, &len);
		if (wire_header_decode(frame, WIRE_MAX_META, &body_len, NULL) != 0 ||
		    body_len != len - WIRE_HEADER_SIZE)
			abort();
		wire_result_clear(&res);
		if (wire_result_decode(frame + WIRE_HEADER_SIZE, body_len, &res,
				       NULL) != 0)
			abort();
		wire_result_clear(&res);
		g_free(frame);
	}
	if (wire_job_decode(data, size, &job, NULL) == 0)
		wire_job_clear(&job);
	if (size >= WIRE_HEADER_SIZE)
		(void)wire_header_decode(data, WIRE_MAX_META, &body_len, NULL);
	return 0;
}
