#include "letter/pdfdoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

/* libharu goes on after an error and reports the next ones too: the
 * first is the cause. */
static void
letter_pdf_on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	struct letter_pdf_err *e = data;

	if (e->no == 0) {
		e->no = no;
		e->detail = detail;
	}
}

HPDF_Doc
letter_pdf_new(struct letter_pdf_err *he, struct ogi_error *err)
{
	HPDF_Doc pdf;

	*he = (struct letter_pdf_err){ 0, 0 };
	pdf = HPDF_New(letter_pdf_on_error, he);
	if (pdf == NULL) {
		error_set(err, "libharu: cannot create a document");
		return NULL;
	}
	if (HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK ||
	    HPDF_UseUTFEncodings(pdf) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK) {
		letter_pdf_fail(he, "setting up the document", err);
		HPDF_Free(pdf);
		return NULL;
	}
	return pdf;
}

int
letter_pdf_fail(const struct letter_pdf_err *he, const char *what,
		struct ogi_error *err)
{
	error_set(err, "libharu error 0x%04X (detail %u) %s",
		  (unsigned)he->no, (unsigned)he->detail, what);
	return -1;
}

int
letter_pdf_save(HPDF_Doc pdf, const char *out_path, struct ogi_error *err)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", out_path);
	int fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
	int rc = -1;

	if (fd < 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		error_scope(err, OGI_ERROR_STORE, true);
		g_free(tmp);
		return -1;
	}
	/* libharu opens the name itself; fd stays open for the fsync. */
	if (HPDF_SaveToFile(pdf, tmp) != HPDF_OK)
		error_set(err, "%s: libharu could not write it", tmp);
	else if (fsync(fd) != 0 || rename(tmp, out_path) != 0)
		error_set(err, "%s: %s", out_path, strerror(errno));
	else
		rc = 0;
	if (rc != 0)
		error_scope(err, OGI_ERROR_STORE, true);
	close(fd);
	if (rc != 0)
		unlink(tmp);
	g_free(tmp);
	return rc;
}
