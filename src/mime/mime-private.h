/* Internal seams of the MIME module: the charset and RFC 2047/2231 decoders
 * (charset.c), HTML and table rows (html.c), .docx (docx.c), .doc (doc.c)
 * and PDF (pdftext.c).  Only src/mime/ (and the unit tests and fuzz targets
 * of these readers) includes this; GLib types are fine here, GMime
 * types are not (mime.c is the only file that sees gmime.h).
 *
 * Every char * returned is newly allocated valid UTF-8 without NUL bytes,
 * freed with g_free() (GLib allocates with malloc, so free() works too).
 * Every (pointer, len) input may be (NULL, 0): an empty GByteArray, the
 * bytes of an empty part, has no data.
 */
#ifndef OGI_MIME_PRIVATE_H
#define OGI_MIME_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/* What went wrong while converting, or-ed into *flags_r. */
enum {
	MIME_CS_BAD_LABEL = 1 << 0, /* label named no charset iconv knows */
	MIME_CS_BAD_BYTES = 1 << 1, /* some bytes became U+FFFD */
};

/* mime_to_utf8() that also reports what went wrong (flags_r may be NULL). */
char *mime_charset_decode(const char *bytes, size_t len, const char *charset,
			  unsigned *flags_r);

/* Text of a text/plain; format=flowed part (RFC 3676), lines ended by
 * '\n': soft line breaks (a line ending in a space) joined, the space
 * removed with delsp (DelSp=yes), space-stuffing removed.  A paragraph
 * ends where the quote depth changes and at a signature separator "-- ",
 * which is kept.  Quoted lines keep their '>' marks and the space after
 * them, once per paragraph. */
char *mime_flowed_decode(const char *text, bool delsp);

/* Decodes a raw header value (len bytes: folded, may hold raw 8-bit text,
 * NUL bytes and RFC 2047 words).  Adjacent encoded words in one charset are
 * joined as bytes before conversion, so padded B-words and characters split
 * across words come out whole.  With structured set, decoded words are
 * emitted as quoted-strings so that a display name holding ',' or '<' still
 * parses as one address.  Leading and trailing white space is dropped;
 * control characters from decoded words (=0D=0A) are kept. */
char *mime_header_decode(const char *raw, size_t len, bool structured,
			 unsigned *flags_r);

/* Decodes base64 tolerantly into out (room for len * 3 / 4 + 3 bytes):
 * anything outside the alphabet is skipped and decoding restarts after '='
 * padding, so separately encoded chunks (gmime#150) come out whole.  Returns
 * the bytes written; *partial_r tells whether input ended mid-quantum. */
size_t mime_base64_decode(const char *in, size_t len, unsigned char *out,
			  bool *partial_r);

/* The value of parameter name (e.g. "filename") in a raw Content-Type or
 * Content-Disposition value, decoded from RFC 2231 (name*=, name*0*=...,
 * charset'lang'%XX) or RFC 2047 words, or NULL when absent. */
char *mime_param_get(const char *raw, const char *name, unsigned *flags_r);

/* A decoded file name made safe to show: the last path component, leading
 * dots and blanks removed, control, bidi-override and separator characters
 * replaced by '_'.  Never NULL. */
char *mime_filename_display(const char *name);

/* Appends one table row to out as a line: two cells as "label：value",
 * more joined by tabs; cells are trimmed, a row of empty cells is dropped. */
void mime_text_row(GString *out, GPtrArray *cells);

/* The charset an HTML document declares in a <meta> near its start, or
 * NULL (also for an empty document). */
char *mime_html_charset(const char *html, size_t len);

/* Text of a .docx held in data.  Reads at most max_archive uncompressed
 * bytes and adds what it read to *inflated_r; on a zip bomb, a broken
 * archive or no text returns NULL with a problem line in *problem_r
 * (g_free) when there is something to say. */
char *mime_docx_text(const void *data, size_t len, size_t max_archive,
		     size_t *inflated_r, char **problem_r);

/* Text of a Word 97-2003 .doc held in data (one named .doc but saved as
 * .docx is read as mime_docx_text() reads it).  Produces at most max_text
 * bytes of text and adds what it produced to *used_r; on an unreadable,
 * encrypted or hostile file, or no text, returns NULL with *problem_r as
 * for mime_docx_text(); text read from a damaged OLE2 container comes
 * with a problem line saying so.  Never reads past the len bytes given. */
char *mime_doc_text(const void *data, size_t len, size_t max_text,
		    size_t *used_r, char **problem_r);

/* Text of the pages of a PDF, NULL when it has none (a scan) or cannot be
 * read; *problem_r as above.  *scanned_r tells whether a page of a
 * readable PDF is a picture of paper: no text, or images over most of it
 * and hardly any text. */
char *mime_pdf_text(const void *data, size_t len, bool *scanned_r,
		    char **problem_r);


/* What pages.c (PDF) and ps.c (PostScript) share behind mime/pages.h.
 * what names the format in error messages ("PDF", "PostScript"). */
struct mime_page_image;
struct ogi_error;

/* The arguments of mime_pdf_render() and mime_ps_render(): 0, or -1 with
 * err for no data, a resolution out of range or max_pages 0. */
int mime_pages_check_args(const void *data, size_t len, unsigned xres,
			  unsigned yres, unsigned max_pages, const char *what,
			  struct ogi_error *err);

/* 0 when page (from 1) of width x height pixels is within
 * MIME_PAGE_MAX_PIXELS, else -1 with err naming the page and its size. */
int mime_pages_check_size(const char *what, unsigned page, double width,
			  double height, unsigned xres, unsigned yres,
			  struct ogi_error *err);

/* Appends an image of width x height (stride = width) to pages, a GArray
 * of struct mime_page_image, its grey bytes allocated but not set;
 * *image_r points into the array until the next append.  -1: no memory. */
int mime_pages_add(GArray *pages, unsigned width, unsigned height,
		   unsigned xres, unsigned yres, struct mime_page_image **image_r);

/* Hands the array over as mime_page_images_free() takes it. */
void mime_pages_take(GArray *pages, struct mime_page_image **pages_r,
		     size_t *n_r);

/* Frees the array and every image in it. */
void mime_pages_discard(GArray *pages);

#endif
