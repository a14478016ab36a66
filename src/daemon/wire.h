/* The parser worker's wire format, version 7 (2: the delivery report;
 * 3: the headers that say whether the sender may be answered; 4: the
 * intake's channel, its fax patterns and the OCR bounds in the job, the
 * pages OCR read and the fax a gateway mailed in the result; 5: the
 * framed cells of a form page and the cell of each word; 6: a page's
 * words, check boxes and cells no longer cross; 7: the item's receipt
 * time when only the mailbox gave it, and the office's UTC offset).
 *
 * ogid hands each raw message to a sandboxed worker process (parser.h) and
 * gets back what MIME normalisation and extraction made of it.  Both ends
 * are the same executable, so a version mismatch is a bug; the version
 * byte still guards against a stale worker and makes a later change
 * explicit.  A frame is
 *
 *     "OGW" version digit  u32 body length  body
 *     body  = field*
 *     field = u8 tag  u32 length  length bytes
 *
 * all integers little-endian.  A request carries the raw message, today's
 * date, the MIME limits and the extraction context; a response carries the
 * headers the registry keeps, MIME's problem lines, the reason parsing
 * failed, the extraction record when there is one and the pages OCR read.
 *
 * Of a page crosses what the parent keeps: its number, geometry, deskew,
 * mean confidence, text and PNG (pipeline.c spools the PNG and stores the
 * rest for ogictl review), and its signature mark (one byte, which
 * nothing in ogid reads today either).  Its words,
 * check boxes and framed cells stay in the worker: extraction runs there
 * (parser-ocr.c reads them from the worker's own struct wire_result) and
 * nothing in ogid reads them, so decoding them would only widen what the
 * parent parses from a hostile writer and spend WIRE_MAX_META on a
 * noisy page's thousands of words.  The parent refuses their fields as
 * unknown.
 *
 * The parent treats a response as hostile (a compromised worker wrote
 * it): wire_result_decode() checks every length, tag, enum value, bit
 * mask and that every string is valid UTF-8 without NUL, and rejects the
 * whole frame on the first fault.  Pure functions: no I/O, nothing blocks.
 * Allocation failure aborts (GLib), so encoding cannot fail.
 */
#ifndef OGI_DAEMON_WIRE_H
#define OGI_DAEMON_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"
#include "extract/dsn.h"
#include "extract/extract.h"
#include "mime/mime.h"
#include "workflow/autoreply.h"

/* A frame's first bytes: "OGW" and the version digit. */
#define WIRE_MAGIC "OGW7"
#define WIRE_MAGIC_SIZE 4
#define WIRE_HEADER_SIZE 8
/* Largest body either side accepts beyond the raw message itself. */
#define WIRE_MAX_META (16u << 20)

/* One message for the worker.  Encoding borrows every pointer; a decoded
 * job points into the body it was decoded from (raw) or owns copies
 * (strings): free with wire_job_clear. */
struct wire_job {
	const unsigned char *raw;
	size_t raw_len;
	struct config_limits limits;
	char today[11];                  /* "YYYY-MM-DD" */
	int64_t mailbox_received_at;     /* the file's or fetch's time when
	                                    that is all the mailbox gave (the
	                                    Received: header may replace it:
	                                    wire_received_header_believed),
	                                    0 for a real arrival time */
	int32_t tz_offset;               /* the office's UTC offset in
	                                    seconds, for that header's day */
	bool sender_is_contact;
	char **own_addresses;            /* NULL-terminated; may be NULL */
	char **own_contacts;             /* extract_context's; may be NULL */
	enum config_channel channel;     /* the intake's: a fax intake's
	                                    messages are all faxes */
	unsigned ocr_max_pages;          /* pages OCR reads, at most
	                                    WIRE_MAX_OCR_PAGES; 0: none */
	unsigned ocr_workers;            /* pages read at a time, >= 1 */
	char *fax_from;                  /* a mail intake's fax patterns */
	char *fax_subject;               /* (extract/fax.h); NULL: none */
};

/* True when a Received: header time (0: none) is to be believed over
 * mailbox_at, the file's or fetch's time: the office's own server wrote
 * it, but one dated more than WIRE_RECEIVED_HEADER_SLACK seconds after
 * the mailbox's time is not (a day: a clock wrong by hours is still
 * believed, a forged future date is not). */
#define WIRE_RECEIVED_HEADER_SLACK 86400
bool wire_received_header_believed(int64_t mailbox_at, int64_t header_at);

/* The office's UTC offset in a job is within a day either way. */
#define WIRE_MAX_TZ_OFFSET 86400

/* Bounds of the pages a result carries: the decoder checks the number of
 * pages, their text and images; the worker holds the words, boxes and
 * cells it extracts from to the rest.  Pages:
 * config's CONFIG_OCR_MAX_PAGES.  Words: a dense A4 page at 204x196 dpi
 * holds about 2000 characters, and chi_sim often makes each a word.  A
 * word's text: a run of Latin letters or digits, far under a line.  A
 * page's text: its words with spaces and line ends.  Labels of check
 * boxes: a few per form.  A page's PNG: a bilevel fax page is 50-150 KB,
 * a grey photographed page a few MB; the frame as a whole stays within
 * WIRE_MAX_META (the worker leaves out images that would not fit:
 * WIRE_MAX_OCR_IMAGES). */
#define WIRE_MAX_OCR_PAGES CONFIG_OCR_MAX_PAGES
#define WIRE_MAX_OCR_WORDS 8000
#define WIRE_MAX_OCR_WORD 256
#define WIRE_MAX_OCR_TEXT (256u << 10)
#define WIRE_MAX_OCR_BOXES 32
#define WIRE_MAX_OCR_LABEL 64
/* Framed cells of a form page: the office's form has about twenty; a
 * page of more is no form we read by its layout.  A cell's label is a
 * printed line, at most a line of words. */
#define WIRE_MAX_OCR_CELLS 64
#define WIRE_MAX_OCR_CELL_LABEL WIRE_MAX_OCR_WORD
#define WIRE_MAX_OCR_PNG (4u << 20)
#define WIRE_MAX_OCR_IMAGES (12u << 20)
/* Largest deskew angle a page may report, in degrees: Leptonica searches
 * a few degrees; beyond this the value is nonsense. */
#define WIRE_MAX_OCR_SKEW 45
/* Widest or tallest page image in pixels: A3 at 400 dpi. */
#define WIRE_MAX_OCR_PIXELS 8000
/* Highest resolution a page may report, in dots per inch. */
#define WIRE_MAX_OCR_DPI 2400

/* What ink says (ocr.h's marks): a signature or a ticked box. */
enum wire_mark {
	WIRE_MARK_UNKNOWN,
	WIRE_MARK_ABSENT,
	WIRE_MARK_PRESENT,
};
#define WIRE_MARK_COUNT 3

/* One word as OCR read it: confidence 0..100, line on its page (from 0),
 * box within the page image (x0 <= x1 <= width, y0 <= y1 <= height),
 * the cell it was read in: 1 + its index in the page's cells, 0 when it
 * was read in none (so that a word zeroed is in no cell). */
struct wire_ocr_word {
	char *text;
	unsigned conf;
	unsigned line;
	unsigned x0, y0, x1, y1;
	unsigned cell;
	bool vouched;          /* ocr.h's struct ocr_word; not on the wire */
};

/* A framed cell of a form page (ocr.h's struct ocr_cell): its label as
 * read ("" when none was read), its inside within the page image. */
struct wire_ocr_cell {
	char *label;
	unsigned x0, y0, x1, y1;
};

struct wire_ocr_box {
	char *label;                     /* the box's option, as OCR read it */
	enum wire_mark mark;
};

/* One page OCR read.  Strings owned, valid UTF-8; png owned (a PNG file's
 * bytes, NULL when left out), page numbers from 1, increasing.  words,
 * boxes and cells are the worker's alone: the encoder leaves them out and
 * a decoded page has none. */
struct wire_ocr_page {
	unsigned number;                 /* within the message, from 1 */
	unsigned width, height;          /* of the image OCR read, pixels */
	unsigned src_xres, src_yres;     /* dpi as received, 0 not stated */
	double skew_deg;                 /* deskew applied, to 1/1000 degree */
	unsigned mean_conf;              /* 0..100 */
	char *text;                      /* lines joined by \n; NULL: none */
	struct wire_ocr_word *words;
	size_t n_words;
	enum wire_mark signature;        /* ink in the signature area */
	struct wire_ocr_box *boxes;
	size_t n_boxes;
	struct wire_ocr_cell *cells;     /* at most WIRE_MAX_OCR_CELLS */
	size_t n_cells;
	unsigned char *png;
	size_t png_len;
};

/* A thread deeper than this is not followed further back: the case a
 * reply belongs to is among its nearest ancestors. */
#define WIRE_MAX_REFERENCES 32
/* A Message-ID longer than this is not a real one (RFC 5322 lines are
 * 998 bytes; real ids are far shorter). */
#define WIRE_MAX_MSGID EXTRACT_DSN_ID_MAX

/* What the worker made of one message; every string owned, valid UTF-8. */
struct wire_result {
	char *message_id;                /* NULL if none */
	char *from_addr;                 /* NULL if none */
	char *subject;                   /* NULL if none */
	int64_t received_header;         /* date of the newest Received:
	                                    header, 0 if none or unreadable;
	                                    one before 1970 is encoded as
	                                    none */
	char **problems;                 /* MIME's problem lines */
	size_t n_problems;
	char **references;               /* Message-IDs this one answers, the
	                                    direct parent (In-Reply-To) first,
	                                    then References newest first; at
	                                    most WIRE_MAX_REFERENCES */
	size_t n_references;
	char **auto_headers;             /* "Name: value" of the headers
	                                    autoreply_header_relevant()
	                                    names, in order, NULL-terminated
	                                    (NULL when none); at most
	                                    AUTOREPLY_MAX_HEADERS, each at
	                                    most AUTOREPLY_HEADER_MAX bytes */
	size_t n_auto_headers;
	char *parse_error;               /* why nothing could be parsed; NULL
	                                    when parsing produced a message */
	struct extract_record *rec;      /* NULL when not parsed */
	struct wire_ocr_page *pages;     /* what OCR read, at most
	                                    WIRE_MAX_OCR_PAGES */
	size_t n_pages;
	struct extract_dsn dsn;          /* what a delivery report says
	                                    (extract/dsn.h); action NONE and
	                                    nothing else when it is none.
	                                    The decoder holds it to the
	                                    reader's checks
	                                    (extract_dsn_*_valid) and
	                                    EXTRACT_DSN_ENVELOPE_MAX */
};

/* Appends a whole frame (header and body) for job to *frame_r / *len_r,
 * a new buffer the caller frees with g_free. */
void wire_job_encode(const struct wire_job *job, unsigned char **frame_r,
		     size_t *len_r);
void wire_result_encode(const struct wire_result *res,
			unsigned char **frame_r, size_t *len_r);

/* Reads a frame header: returns 0 and the body length, or -1 when the
 * magic or version is wrong or the body would exceed max_body. */
int wire_header_decode(const unsigned char hdr[WIRE_HEADER_SIZE],
		       size_t max_body, size_t *body_len_r,
		       struct ogi_error *err);

/* Decode a body.  Return 0 and fill the struct (zeroed first), or -1 with
 * nothing to free and err naming the fault. */
int wire_job_decode(const unsigned char *body, size_t len,
		    struct wire_job *job_r, struct ogi_error *err);
int wire_result_decode(const unsigned char *body, size_t len,
		       struct wire_result *res_r, struct ogi_error *err);

void wire_job_clear(struct wire_job *job);
void wire_result_clear(struct wire_result *res);
/* Frees what page owns and zeroes it. */
void wire_ocr_page_clear(struct wire_ocr_page *page);

#endif
