/* OCR bench driver: built and run by bench/ocr (by hand, not a test).
 *
 *   bench/ocr-pages WORKERS OUTDIR FILE...
 *
 * Reads each fax image FILE (TIFF, PNG or JPEG) with ocr_read_image,
 * WORKERS pages of a file in parallel, and writes OUTDIR/<FILE's
 * basename>.txt: the text of every page, pages separated by a form feed
 * as the tesseract command line separates them.  Prints one line,
 * "pages P seconds S", S being the wall clock spent in ocr_read_image
 * over all files.  Exits 1 when a file cannot be read (saying why) or when
 * OMP_THREAD_LIMIT=1 was not in its environment at exec (ocr.h: Tesseract's
 * own threads would make the figures meaningless).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>

#include "ocr/ocr.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The pages' texts joined by form feeds. */
static char *
document_text(const struct ocr_document *doc)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < doc->n_pages; i++) {
		g_string_append(s, doc->pages[i].text);
		g_string_append_c(s, '\f');
	}
	return g_string_free(s, FALSE);
}

static int
read_one(const char *path, const struct ocr_options *opt, const char *outdir,
	 size_t *pages_r, double *seconds_r)
{
	struct ogi_error err = { 0 };
	struct ocr_document *doc;
	GError *gerr = NULL;
	gchar *data, *text, *base, *out;
	gsize len;
	double t0;
	int rc = 0;

	if (!g_file_get_contents(path, &data, &len, &gerr)) {
		fprintf(stderr, "ocr-pages: %s\n", gerr->message);
		g_error_free(gerr);
		return -1;
	}
	t0 = now_s();
	if (ocr_read_image(data, len, opt, &doc, &err) != 0) {
		fprintf(stderr, "ocr-pages: %s: %s\n", path, err.msg);
		g_free(data);
		return -1;
	}
	*seconds_r += now_s() - t0;
	*pages_r += doc->n_pages;
	for (size_t i = 0; i < doc->n_problems; i++)
		fprintf(stderr, "ocr-pages: %s: %s\n", path, doc->problems[i]);
	text = document_text(doc);
	base = g_path_get_basename(path);
	out = g_strdup_printf("%s/%s.txt", outdir, base);
	if (!g_file_set_contents(out, text, -1, &gerr)) {
		fprintf(stderr, "ocr-pages: %s\n", gerr->message);
		g_error_free(gerr);
		rc = -1;
	}
	g_free(out);
	g_free(base);
	g_free(text);
	ocr_document_free(doc);
	g_free(data);
	return rc;
}

int
main(int argc, char **argv)
{
	struct ocr_options opt = { 0 };
	size_t pages = 0;
	double seconds = 0;

	if (argc < 4) {
		fputs("usage: bench/ocr-pages WORKERS OUTDIR FILE...\n", stderr);
		return 2;
	}
	if (!ocr_threads_limited()) {
		fputs("ocr-pages: run with " OCR_THREAD_ENV " in the environment\n", stderr);
		return 1;
	}
	opt.workers = (unsigned)strtoul(argv[1], NULL, 10);
	for (int i = 3; i < argc; i++)
		if (read_one(argv[i], &opt, argv[2], &pages, &seconds) != 0)
			return 1;
	printf("pages %zu seconds %.3f\n", pages, seconds);
	return 0;
}
