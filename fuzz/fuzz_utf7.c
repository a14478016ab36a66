/* libFuzzer target: IMAP modified UTF-7 folder names as a server sends
 * them (intake_utf7_decode) on any bytes.  A name it accepts is valid
 * UTF-8 and comes back the same through encode and decode.  Run by
 * contrib/fuzz.sh utf7. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "intake/utf7.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *wire = g_strndup((const char *)data, size);
	char *name = NULL, *again = NULL, *back = NULL;

	if (intake_utf7_decode(wire, &name, NULL) == 0) {
		if (!g_utf8_validate(name, -1, NULL) ||
		    intake_utf7_encode(name, &again, NULL) != 0 ||
		    intake_utf7_decode(again, &back, NULL) != 0 ||
		    strcmp(name, back) != 0)
			abort();
	}
	g_free(back);
	g_free(again);
	g_free(name);
	g_free(wire);
	return 0;
}
