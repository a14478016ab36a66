/* PostScript pages rendered by Ghostscript's library in this process: the
 * only file that includes Ghostscript's headers.
 *
 * The parser worker may neither execute gs nor write a file, so the
 * document is fed through the interpreter's stdin callback and the pages
 * come back through the "display" device, which renders each page into
 * memory and calls us at every showpage: nothing is written anywhere
 * (checked under the worker's seccomp filter by tests/unit/test_pages).
 * The raster-file devices (pgmraw to %stdout) are no alternative: their
 * output bypasses gsapi_set_stdio and goes to the real stdout, which in
 * the worker is its pipe to the parent.
 *
 * The display device asks before it allocates a page (display_presize),
 * so a page over MIME_PAGE_MAX_PIXELS is refused before any memory is
 * taken.  Ghostscript then keeps the previous page size and goes on; the
 * refusal is remembered and fails the document.  Once max_pages pages
 * are in, the next page or page size stops the interpreter: the rest of
 * the document is neither run nor judged (as mime_pdf_render() does not
 * look past max_pages).
 *
 * Ghostscript runs with -dSAFER: a document may read only Ghostscript's
 * own resources and fonts, and write or delete nothing.  Its messages are
 * captured too, never printed: the worker's stdout is its pipe. */
#include "mime/pages.h"
#include "mime/mime-private.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <ghostscript/gdevdsp.h>
#include <ghostscript/iapi.h>
#include <ghostscript/ierrors.h>

/* The raster we ask of the display device: one grey byte per pixel,
 * 0 = black, top row first. */
#define PS_DISPLAY_FORMAT (DISPLAY_COLORS_GRAY | DISPLAY_ALPHA_NONE | \
			   DISPLAY_DEPTH_8 | DISPLAY_BIGENDIAN | DISPLAY_TOPFIRST)

/* Anti-aliasing of text and line art, in bits (4 = 16 levels, the most):
 * OCR reads smoothed glyph edges better than jagged ones. */
#define PS_ALPHA_BITS "4"

/* A PDF is sought in the first kilobyte, as PDF readers do; Ghostscript
 * would copy a PDF read from stdin into a temporary file, which the
 * worker may not create, so a PDF goes to poppler instead. */
#define PDF_MAGIC_WINDOW 1024

/* Ghostscript's first error line is kept for the error message, this
 * long at most. */
#define PS_ERROR_MAX 160
#define PS_ERROR_PREFIX "Error: "

/* One line of Ghostscript's output being assembled. */
struct ps_line {
	char text[PS_ERROR_MAX];
	size_t len;
};

struct ps_render {
	const char *data;
	size_t len, pos;
	unsigned xres, yres, max_pages;
	GArray *pages;            /* struct mime_page_image */
	int width, height, raster;
	unsigned char *image;     /* the device's current page, NULL if none */
	bool refused;             /* a page was over the bound: err is set */
	bool full;                /* max_pages are in: the rest is not read */
	bool nomem;
	struct ogi_error *err;
	struct ps_line out, errs; /* the line each stream is writing */
	char error[PS_ERROR_MAX]; /* Ghostscript's first "Error:" line, else
	                             its first line on stderr, printable ASCII */
	bool error_found;         /* error holds an "Error:" line */
};

/* Ghostscript allows one interpreter per process (Debian's build is not
 * GS_THREADSAFE): OCR workers in threads would otherwise race for it. */
static GMutex ps_lock;

static int
ps_stdin(void *handle, char *buf, int len)
{
	struct ps_render *st = handle;
	size_t n = st->len - st->pos;

	if (len <= 0)
		return 0;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buf, st->data + st->pos, n);
	st->pos += n;
	return (int)n;
}

/* Ghostscript reports a PostScript error ("Error: /syntaxerror in ...")
 * on stdout and gives up ("Unrecoverable error") on stderr: the first
 * report says most.  Whatever else either stream carries, what the
 * document prints included, goes nowhere. */
static void
ps_line_end(struct ps_render *st, struct ps_line *line, bool is_stderr)
{
	line->text[line->len] = '\0';
	if (!st->error_found && g_str_has_prefix(line->text, PS_ERROR_PREFIX)) {
		g_strlcpy(st->error, line->text, sizeof(st->error));
		st->error_found = true;
	} else if (is_stderr && st->error[0] == '\0' && line->len > 0) {
		g_strlcpy(st->error, line->text, sizeof(st->error));
	}
	line->len = 0;
}

static void
ps_output(struct ps_render *st, struct ps_line *line, bool is_stderr,
	  const char *str, int len)
{
	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)str[i];

		if (c == '\n')
			ps_line_end(st, line, is_stderr);
		else if (line->len + 1 < sizeof(line->text))
			line->text[line->len++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
}

static int
ps_stdout(void *handle, const char *str, int len)
{
	struct ps_render *st = handle;

	ps_output(st, &st->out, false, str, len);
	return len;
}

static int
ps_stderr(void *handle, const char *str, int len)
{
	struct ps_render *st = handle;

	ps_output(st, &st->errs, true, str, len);
	return len;
}

static int
dsp_ok(void *handle, void *device)
{
	(void)handle;
	(void)device;
	return 0;
}

static int
dsp_presize(void *handle, void *device, int width, int height, int raster,
	    unsigned int format)
{
	struct ps_render *st = handle;

	(void)device;
	(void)raster;
	if (format != PS_DISPLAY_FORMAT || st->full)
		return -1;
	if (mime_pages_check_size("PostScript", st->pages->len + 1, width, height,
				  st->xres, st->yres, st->refused ? NULL : st->err) != 0) {
		st->refused = true;
		return -1;
	}
	return 0;
}

static int
dsp_size(void *handle, void *device, int width, int height, int raster,
	 unsigned int format, unsigned char *pimage)
{
	struct ps_render *st = handle;

	(void)device;
	(void)format;
	st->width = width;
	st->height = height;
	st->raster = raster;
	st->image = pimage;
	return 0;
}

static int
dsp_page(void *handle, void *device, int copies, int flush)
{
	struct ps_render *st = handle;
	struct mime_page_image *img;

	(void)device;
	(void)copies;
	(void)flush;
	if (st->refused || st->full)
		return -1;  /* failed, or done: stop the interpreter */
	if (st->image == NULL || st->width <= 0 || st->height <= 0 ||
	    st->raster < st->width)
		return 0;
	if (mime_pages_add(st->pages, (unsigned)st->width, (unsigned)st->height,
			   st->xres, st->yres, &img) != 0) {
		st->nomem = true;
		return -1;
	}
	for (unsigned y = 0; y < img->height; y++)
		memcpy(img->grey + y * img->stride,
		       st->image + (size_t)y * (size_t)st->raster, img->width);
	st->full = st->pages->len == st->max_pages;
	return 0;
}

static int
dsp_update(void *handle, void *device, int x, int y, int w, int h)
{
	(void)handle;
	(void)device;
	(void)x;
	(void)y;
	(void)w;
	(void)h;
	return 0;
}

static display_callback ps_display = {
	.size = sizeof(display_callback),
	.version_major = DISPLAY_VERSION_MAJOR,
	.version_minor = DISPLAY_VERSION_MINOR,
	.display_open = dsp_ok,
	.display_preclose = dsp_ok,
	.display_close = dsp_ok,
	.display_presize = dsp_presize,
	.display_size = dsp_size,
	.display_sync = dsp_ok,
	.display_page = dsp_page,
	.display_update = dsp_update,
};

static int
ps_callout(void *instance, void *handle, const char *device_name, int id,
	   int size, void *data)
{
	gs_display_get_callback_t *cb = data;

	(void)instance;
	if (strcmp(device_name, "display") != 0 || id != DISPLAY_CALLOUT_GET_CALLBACK ||
	    size < (int)sizeof(*cb))
		return gs_error_unknownerror;
	cb->callback = &ps_display;
	cb->caller_handle = handle;
	return 0;
}

static bool
is_pdf(const void *data, size_t len)
{
	size_t window = len < PDF_MAGIC_WINDOW ? len : PDF_MAGIC_WINDOW;

	return g_strstr_len(data, (gssize)window, "%PDF-") != NULL;
}

/* Runs Ghostscript over st; 0, or -1 with st->err. */
static int
ps_run(struct ps_render *st)
{
	char res[64], format[64];
	const char *argv[] = {
		"ogid", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOPROMPT",
		"-sDEVICE=display", format, res,
		"-dTextAlphaBits=" PS_ALPHA_BITS, "-dGraphicsAlphaBits=" PS_ALPHA_BITS,
		"-_",
	};
	void *gs = NULL;
	int code, exit_code;

	snprintf(res, sizeof(res), "-r%ux%u", st->xres, st->yres);
	snprintf(format, sizeof(format), "-dDisplayFormat=%ld", (long)PS_DISPLAY_FORMAT);
	code = gsapi_new_instance(&gs, st);
	if (code < 0) {
		error_set(st->err, "PostScript: cannot start Ghostscript (error %d)", code);
		return -1;
	}
	/* Unless all three hold, the interpreter must not run: without the
	 * stdio callbacks it would write to the worker's result pipe. */
	if (gsapi_set_stdio(gs, ps_stdin, ps_stdout, ps_stderr) < 0 ||
	    gsapi_register_callout(gs, ps_callout, st) < 0 ||
	    gsapi_set_arg_encoding(gs, GS_ARG_ENCODING_UTF8) < 0) {
		gsapi_delete_instance(gs);
		error_set(st->err, "PostScript: cannot set Ghostscript up");
		return -1;
	}
	code = gsapi_init_with_args(gs, (int)G_N_ELEMENTS(argv), (char **)argv);
	exit_code = gsapi_exit(gs);
	gsapi_delete_instance(gs);
	ps_line_end(st, &st->out, false);
	ps_line_end(st, &st->errs, true);
	if (code == gs_error_Quit)
		code = exit_code;
	if (st->full)
		return 0;  /* whatever stopping it or the rest caused */
	if (st->refused)
		return -1;
	if (st->nomem) {
		error_set(st->err, "PostScript: page %u: no memory for %d x %d pixels",
			  st->pages->len + 1, st->width, st->height);
		return -1;
	}
	if (code < 0) {
		error_set(st->err, "PostScript unreadable: %s",
			  st->error[0] != '\0' ? st->error : "Ghostscript failed");
		return -1;
	}
	if (st->pages->len == 0) {
		error_set(st->err, "PostScript has no page");
		return -1;
	}
	return 0;
}

int
mime_ps_render(const void *data, size_t len, unsigned xres, unsigned yres,
	       unsigned max_pages, struct mime_page_image **pages_r,
	       size_t *n_r, struct ogi_error *err)
{
	struct ps_render st = {
		.data = data, .len = len, .xres = xres, .yres = yres,
		.max_pages = max_pages, .err = err,
	};
	int rc;

	*pages_r = NULL;
	*n_r = 0;
	if (mime_pages_check_args(data, len, xres, yres, max_pages, "PostScript", err) != 0)
		return -1;
	if (is_pdf(data, len))
		return mime_pdf_render(data, len, xres, yres, max_pages, pages_r, n_r, err);
	st.pages = g_array_new(FALSE, FALSE, sizeof(struct mime_page_image));
	g_mutex_lock(&ps_lock);
	rc = ps_run(&st);
	g_mutex_unlock(&ps_lock);
	if (rc != 0) {
		mime_pages_discard(st.pages);
		return -1;
	}
	mime_pages_take(st.pages, pages_r, n_r);
	return 0;
}
