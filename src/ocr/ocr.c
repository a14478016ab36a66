/* OCR: the contract of ocr.h; recognition lands in the next commit. */
#include <stdlib.h>

#include "ocr/ocr.h"

static int
not_yet(struct ocr_document **doc_r, struct ogi_error *err)
{
	*doc_r = NULL;
	error_set(err, "OCR: not implemented yet");
	return -1;
}

int
ocr_read_image(const void *data, size_t len, const struct ocr_options *opt,
               struct ocr_document **doc_r, struct ogi_error *err)
{
	(void)data; (void)len; (void)opt;
	return not_yet(doc_r, err);
}

int
ocr_read_bitmaps(const struct mime_page_image *pages, size_t n,
                 const struct ocr_options *opt,
                 struct ocr_document **doc_r, struct ogi_error *err)
{
	(void)pages; (void)n; (void)opt;
	return not_yet(doc_r, err);
}

int
ocr_prepare_image(const void *data, size_t len, const struct ocr_options *opt,
                  struct ocr_document **doc_r, struct ogi_error *err)
{
	(void)data; (void)len; (void)opt;
	return not_yet(doc_r, err);
}

bool
ocr_threads_limited(void)
{
	const char *v = getenv("OMP_THREAD_LIMIT");

	return v != NULL && v[0] == '1' && v[1] == '\0';
}

static void
page_free(struct ocr_page *p)
{
	free(p->text);
	for (size_t i = 0; i < p->n_words; i++)
		free(p->words[i].text);
	free(p->words);
	free(p->png);
	for (size_t i = 0; i < p->n_boxes; i++)
		free(p->boxes[i].label);
	free(p->boxes);
}

void
ocr_document_free(struct ocr_document *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->n_pages; i++)
		page_free(&doc->pages[i]);
	free(doc->pages);
	free(doc->description);
	for (size_t i = 0; i < doc->n_problems; i++)
		free(doc->problems[i]);
	free(doc->problems);
	free(doc);
}
