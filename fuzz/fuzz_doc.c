/* libFuzzer target: bytes as a .doc attachment's, through mime_doc_text()
 * (libgsf's OLE2 reader, then doc.c's FIB, piece table and paragraph
 * properties) with the default text budget.  Whatever comes back must be
 * valid UTF-8 within the budget it reports.  Seeds in fuzz/seeds/doc were
 * written by tests/unit/test_doc (OGI_DOC_SEEDS=DIR).  Run by
 * contrib/fuzz.sh doc. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mime/mime.h"
#include "mime/mime-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_limits lim;
	size_t used = 0;
	char *problem = NULL, *text;

	config_limits_default(&lim);
	text = mime_doc_text(data, size, lim.max_archive_size, &used, &problem);
	if (text != NULL && (!g_utf8_validate(text, -1, NULL) || strlen(text) > used ||
			     used > lim.max_archive_size))
		abort();
	if (problem != NULL && !g_utf8_validate(problem, -1, NULL))
		abort();
	g_free(text);
	g_free(problem);
	return 0;
}
