#include "letter/pdfdoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/fdio.h"
#include "common/spool.h"

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
letter_pdf_bytes(HPDF_Doc pdf, const struct letter_pdf_err *he,
		 unsigned char **bytes_r, size_t *len_r, struct ogi_error *err)
{
	HPDF_UINT32 size, done = 0;
	unsigned char *buf;

	*bytes_r = NULL;
	*len_r = 0;
	/* Not HPDF_GetContents: it writes the whole document a second time. */
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return letter_pdf_fail(he, "writing the PDF", err);
	size = HPDF_GetStreamSize(pdf);
	buf = g_malloc(size ? size : 1);
	HPDF_ResetStream(pdf);
	while (done < size) {
		HPDF_UINT32 k = size - done;
		HPDF_STATUS st = HPDF_ReadFromStream(pdf, buf + done, &k);

		done += k;
		if (k == 0 || (st != HPDF_OK && st != HPDF_STREAM_EOF))
			break;
	}
	if (done != size) {
		g_free(buf);
		return letter_pdf_fail(he, "reading the PDF back", err);
	}
	*bytes_r = buf;
	*len_r = size;
	return 0;
}

/* Writes len bytes to fd, syncs and closes it.  Returns 0, or -1 with
 * errno set by the first call that failed.  fd is closed in either case,
 * once: Linux releases the descriptor even when close fails, so closing it
 * again could close one another thread has just opened. */
static int
letter_pdf_write_fd(int fd, const void *bytes, size_t len)
{
	int rc = fdio_write_all(fd, bytes, len) == 0 && fsync(fd) == 0 ? 0 : -1;
	int saved = errno;

	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

int
letter_pdf_write(const void *bytes, size_t len, const char *out_path,
		 struct ogi_error *err)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", out_path);
	char *dir = g_path_get_dirname(out_path);
	int fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
	int rc = -1;

	if (fd < 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
	} else if (letter_pdf_write_fd(fd, bytes, len) != 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
	} else if (rename(tmp, out_path) != 0) {
		error_set(err, "%s: %s", out_path, strerror(errno));
		unlink(tmp);
	} else {
		/* The registry's commit names the file next: the name must
		 * survive a power failure as the bytes do. */
		rc = spool_fsync_dir(dir, err);
	}
	if (rc != 0)
		error_scope(err, OGI_ERROR_STORE, true);
	g_free(dir);
	g_free(tmp);
	return rc;
}

int
letter_pdf_save(HPDF_Doc pdf, const struct letter_pdf_err *he,
		const char *out_path, struct ogi_error *err)
{
	unsigned char *bytes;
	size_t len;
	int rc;

	if (letter_pdf_bytes(pdf, he, &bytes, &len, err) != 0)
		return -1;
	rc = letter_pdf_write(bytes, len, out_path, err);
	g_free(bytes);
	return rc;
}
