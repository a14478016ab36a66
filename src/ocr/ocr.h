/* OCR of fax pages and photographed or scanned forms.
 *
 * src/ocr/ocr.c, form.c and lines.c (and photo.c: Leptonica's and libheif's)
 * are the only code that includes Tesseract's or Leptonica's headers; nothing of
 * theirs leaks past this header or ocr-private.h.  It runs in the
 * sandboxed parser worker: it reads bytes and bitmaps from memory and
 * writes no file (the review's page image comes back as PNG bytes; the
 * parent writes it to the spool).
 *
 * Threads.  Tesseract is built with OpenMP, and libgomp reads
 * OMP_THREAD_LIMIT once, when the process loads it (before main): with its
 * own threads Tesseract is 4-7x slower on 2 cores (domain.md §7).  The
 * process that calls ocr_read_* must therefore be exec'd with
 * OCR_THREAD_ENV in its environment; ocr_threads_limited() says whether
 * it was.  Pages run in parallel on our own threads instead (workers).
 *
 * Limits.  Every image's dimensions are read from its header before it is
 * decoded: a page over max_pixels or OCR_MAX_SIDE is refused with a
 * problem line, never allocated.  At most max_pages pages are read; the
 * rest are named in one problem line.
 */
#ifndef OGI_OCR_OCR_H
#define OGI_OCR_OCR_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

struct mime_page_image;   /* src/mime/pages.h (owner: pages) */

/* "NAME=VALUE" for the environment of a process that runs OCR. */
#define OCR_THREAD_VAR "OMP_THREAD_LIMIT"
#define OCR_THREAD_ENV OCR_THREAD_VAR "=1"

/* Largest width or height of a page accepted (pixels): an A3 page at
 * 600 dpi is 7016 x 9921; anything taller is not a page. */
#define OCR_MAX_SIDE 16384u

struct ocr_word {
	char *text;            /* UTF-8 as Tesseract read it; owned */
	int conf;              /* 0..100 word confidence */
	unsigned line;         /* line index on its page, from 0, one per line;
	                          in reading order but for a line lines.c
	                          found left out, numbered after the page's
	                          last and placed by its height */
	int x0, y0, x1, y1;    /* box in the page image's pixels (x1, y1
	                          exclusive), inside 0..width x 0..height */
	int cell;              /* index in its page's cells of the frame the
	                          word was read in; -1: printed text outside
	                          any frame, or the page has no frames */
	bool vouched;          /* its frame's value passed ocr_form_trust
	                          (form.c: both readings of the page's
	                          model and HanS's agree, one at the trust
	                          floor); conf is
	                          still Tesseract's own */
};

/* A page with more frames than this is no form read by its layout (a
 * table, a grid): its words keep no cell. */
#define OCR_MAX_CELLS 64u

/* A framed cell of a form: a rectangle of ruled lines that holds the
 * applicant's value for the printed label above it (the office's form,
 * templates/form.tpl), or left of it.  The inside was read on its own,
 * and the page's words inside it are that reading. */
struct ocr_cell {
	char *label;           /* the label as read, UTF-8, owned; "" when
	                          no label was read */
	int x0, y0, x1, y1;    /* the inside of the frame, page image pixels
	                          (x1, y1 exclusive), inside the page */
};

/* An ink answer: present, absent, or uncertain (UNKNOWN: not measurable,
 * or the ink lies between the thresholds). */
enum ocr_mark { OCR_MARK_UNKNOWN, OCR_MARK_ABSENT, OCR_MARK_PRESENT };

/* A check box found left of an option label (ocr_options.box_labels): one
 * entry for each occurrence of a label on the page with a box drawn left
 * of it (four straight sides, 0.65-1.4 character heights).  A label not
 * read, or read with no box beside it, has no entry: its answer is
 * unknown.  Labels are matched exactly (电子邮件 must not match 电子邮箱). */
struct ocr_box {
	char *label;           /* the option label as configured; owned */
	enum ocr_mark mark;    /* ticked (PRESENT), empty (ABSENT), UNKNOWN */
	double ink;            /* dark pixel fraction inside the box, 0..1 */
	unsigned line;         /* line of the label's first word (ocr_word.line):
	                          tells apart the same option of two questions */
	int x0, y0, x1, y1;    /* the box measured, page image pixels */
};

struct ocr_page {
	unsigned number;               /* page number in the input, from 1 */
	unsigned width, height;        /* of the preprocessed (square-pixel) image */
	unsigned src_xres, src_yres;   /* as received: 204x98 normal, 204x196
	                                  fine; 0 when the image did not say */
	double skew_deg;               /* skew found and removed: the page as
	                                  received was turned this many degrees
	                                  counter-clockwise; 0 when none */
	char *text;                    /* Tesseract's text, lines joined by \n;
	                                  owned; "" before recognition */
	struct ocr_word *words; size_t n_words;
	int mean_conf;                 /* 0..100; 0 without words */
	unsigned char *png; size_t png_len;  /* the preprocessed page, owned */
	/* ink: the signature / seal area and the check boxes */
	enum ocr_mark signature;       /* a signature or seal: PRESENT when any
	                                  签名/盖章/签字/签章 label of the page
	                                  has pen ink in its area (the form's
	                                  frame under it, else right of it) or a
	                                  seal-like blob near it; ABSENT when
	                                  every such area is blank; UNKNOWN when
	                                  unsure or no such label was read */
	struct ocr_box *boxes; size_t n_boxes;
	struct ocr_cell *cells; size_t n_cells;  /* frames found, top to
	                                  bottom then left to right; none on
	                                  a page that is no framed form */
};

struct ocr_document {
	struct ocr_page *pages; size_t n_pages;   /* readable pages only */
	char *description;    /* TIFF ImageDescription (spandsp/HylaFAX far-end
	                         ID) of the first page, NULL if none; owned */
	char **problems; size_t n_problems;  /* "page 3: unreadable" ...; owned */
};

struct ocr_options {
	const char *tessdata;   /* directory holding chi_sim.traineddata
	                           and, optional (see language),
	                           HanS.traineddata; NULL:
	                           $TESSDATA_PREFIX, else Debian's
	                           /usr/share/tesseract-ocr/5/tessdata */
	const char *language;   /* Tesseract language; NULL: chi_sim with
	                           HanS beside it ("chi_sim+HanS"), chi_sim
	                           alone where HanS is not installed (logged
	                           once) */
	unsigned max_pages;     /* 0: OCR_DEFAULT_MAX_PAGES */
	unsigned workers;       /* pages in parallel; 0 or 1: sequential */
	unsigned long max_pixels;  /* per page before decoding; 0: default */
	unsigned page_timeout_ms;  /* Tesseract's deadline per page; 0: none */
	const char *const *box_labels;  /* option labels whose check box to
	                           measure, NULL-terminated; NULL: the office
	                           form's @choice options (templates/form.tpl) */
};

#define OCR_DEFAULT_MAX_PAGES 50u
/* 40 Mpx: a 12 Mpx phone photo fits three times over; at 4 bytes a pixel
 * (JPEG decodes to 32 bpp) one page is 160 MB. */
#define OCR_DEFAULT_MAX_PIXELS 40000000ul

/* Reads every page (up to max_pages) of a TIFF (G3/G4, multipage), PNG,
 * JPEG or HEIC image: decodes, preprocesses (normal-resolution faxes stretched to
 * square pixels, deskewed, specks removed), recognises, measures ink.
 * A page that cannot be read is left out with a line in problems; -1 only
 * when the bytes are no image we read, no page could be read, or
 * Tesseract cannot start (err says which).  A photo is turned upright
 * first (photo.h: a JPEG by its Exif orientation, a HEIC, decoded by
 * libheif, by its own).  On success *doc_r is the
 * caller's (ocr_document_free).  Blocks for CPU only; thread-safe. */
int ocr_read_image(const void *data, size_t len, const struct ocr_options *opt,
                   struct ocr_document **doc_r, struct ogi_error *err);

/* The same for pages rendered from PDF or PostScript (8-bit grey). */
int ocr_read_bitmaps(const struct mime_page_image *pages, size_t n,
                     const struct ocr_options *opt,
                     struct ocr_document **doc_r, struct ogi_error *err);

/* Decoding and preprocessing only, as ocr_read_image does them (pages have
 * their PNG, size, resolution and skew; no words, text "", marks
 * UNKNOWN): the path a fuzzer can run, and a cheap look at a document. */
int ocr_prepare_image(const void *data, size_t len, const struct ocr_options *opt,
                      struct ocr_document **doc_r, struct ogi_error *err);

/* True when libgomp runs this process with one thread per region
 * (OCR_THREAD_ENV was in the environment at exec). */
bool ocr_threads_limited(void);

/* Frees doc and everything it owns (pages, words, boxes, cells and their
 * labels, PNGs, problems);
 * doc may be NULL. */
void ocr_document_free(struct ocr_document *doc);

#endif
