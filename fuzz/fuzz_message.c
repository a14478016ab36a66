/* libFuzzer target: raw message bytes through the path every mail takes in
 * ogid, mime_parse() then extract_message(), with the default limits and a
 * fixed extraction context (an office address, a "today", a mail intake
 * with fax patterns that match often, or a fax intake for inputs of odd
 * length, so that fax-to-mail recognition is reached both ways).  Built by ./configure CC=clang --enable-fuzzing; run by
 * contrib/fuzz.sh message. */
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "mime/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	/* Compiled for the first input, as ogid's worker keeps them. */
	static struct extract_fax_patterns *pat;

	extract_fax_patterns_set(&pat, "fax|传真", "^\\W*fax\\b");
	const struct extract_context ctx = {
		.own_addresses = own,
		.today = "2026-03-10",
		.sender_is_contact = true,
		.fax_channel = size % 2 == 1,
		.fax_patterns = pat,
	};
	struct config_limits lim;
	struct mime_message *msg;

	config_limits_default(&lim);
	if (mime_parse(data, size, &lim, &msg, NULL) != 0)
		return 0;
	extract_record_free(extract_message(msg, &ctx));
	mime_message_free(msg);
	return 0;
}
