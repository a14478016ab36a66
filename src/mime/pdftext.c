/* Text of PDFs that have a text layer (typed applications).  Scans have
 * none: they keep their bytes in part->data for OCR. */
#include "mime/mime.h"
#include "mime/mime-private.h"

#include <string.h>

#include <poppler.h>

/* A PDF claiming more pages is hostile or not an application form. */
#define MAX_PDF_PAGES 500

char *
mime_pdf_text(const void *data, size_t len, char **problem_r)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc;
	GString *out;
	char *res;
	int pages;

	*problem_r = NULL;
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		*problem_r = g_strdup_printf("PDF attachment unreadable: %s",
					     gerr != NULL ? gerr->message : "unknown error");
		g_clear_error(&gerr);
		return NULL;
	}
	pages = poppler_document_get_n_pages(doc);
	if (pages > MAX_PDF_PAGES) {
		*problem_r = g_strdup_printf("PDF attachment has %d pages: text of "
					     "the first %d read", pages, MAX_PDF_PAGES);
		pages = MAX_PDF_PAGES;
	}
	out = g_string_new(NULL);
	for (int i = 0; i < pages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *text;

		if (page == NULL)
			continue;
		text = poppler_page_get_text(page);
		if (text != NULL && text[0] != '\0') {
			if (out->len > 0)
				g_string_append(out, "\n\n");
			g_string_append(out, text);
		}
		g_free(text);
		g_object_unref(page);
	}
	g_object_unref(doc);
	g_strstrip(out->str);
	res = out->str[0] != '\0' ?
	      mime_charset_decode(out->str, strlen(out->str), "UTF-8", NULL) : NULL;
	g_string_free(out, TRUE);
	return res;
}
