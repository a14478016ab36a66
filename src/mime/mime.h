/* MIME normalisation: raw RFC 5322 bytes in, a normalised message out.
 *
 * This is the project's only view of a message's structure.  Every string in
 * a struct mime_message is valid UTF-8 (decoded from RFC 2047 words, RFC 2231
 * parameters and the declared or guessed charset), NUL-terminated and owned
 * by the message; mime_message_free() releases all of it.  GMime stays behind
 * this header: no GMime or GLib type appears here.
 *
 * Nothing here does I/O beyond reading the caller's buffer; mime_parse()
 * blocks only for CPU work bounded by struct config_limits.
 */
#ifndef OGI_MIME_MIME_H
#define OGI_MIME_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/error.h"

struct mime_header {
	char *name;   /* as in the message, e.g. "Auto-Submitted" */
	char *value;  /* unfolded, RFC 2047-decoded UTF-8 */
};

enum mime_part_role {
	MIME_PART_BODY,        /* a text part that makes up the body */
	MIME_PART_ATTACHMENT,  /* anything else: files, images, forms */
	MIME_PART_REPORT,      /* message/delivery-status and similar */
};

struct mime_part {
	enum mime_part_role role;
	char *content_type;  /* lowercased "type/subtype" */
	char *filename;      /* decoded for display only, NULL if none: control
	                        characters and path separators replaced; never use
	                        it as a path */
	size_t size;         /* decoded size in bytes */
	char *text;          /* extracted UTF-8 text (plain, HTML, PDF, .docx,
	                        text/ parts), NULL when none could be had */
	unsigned char *data; /* decoded bytes of non-text attachments (TIFF, PDF,
	                        images) for OCR; NULL when over the size limit
	                        or empty (a problem line says which) */
	size_t data_len;
	unsigned depth;      /* nesting level; 0 = top-level body */
	bool forwarded;      /* inside an attached message/rfc822 */
	bool image;          /* an attachment that may hold a form only as a
	                        picture, so that text cannot show it (until OCR):
	                        a photo or scan (image/ type, a picture's file
	                        name or magic bytes; JPEG, PNG, TIFF, HEIC, ...),
	                        read or not, unless it is a small picture shown
	                        in an HTML body (a Content-ID under
	                        MIME_IMAGE_FORM_MIN_BYTES); or a readable PDF with a page that is a
	                        picture of paper (no text layer, or a scan with
	                        a scanner app's stamp for all its text).  Also
	                        set for a PDF that does have text elsewhere. */
};

/* Pictures an HTML body shows (by Content-ID) smaller than this are logos,
 * signature banners and emoticons: a phone photo or a 150 dpi scan of an
 * A4 page is 100 KB or more even as JPEG, a bilevel fax TIFF of one some
 * 30 KB.  A picture sent as a file is a candidate at any size. */
#define MIME_IMAGE_FORM_MIN_BYTES (16 * 1024)

struct mime_message {
	struct mime_header *headers;  /* top-level headers, in order */
	size_t n_headers;

	char *message_id;   /* without angle brackets, NULL if none */
	char *from_name;    /* display name, NULL if none */
	char *from_addr;    /* addr-spec as given, NULL if none or unparsable */
	char *reply_to_addr;
	char *to;           /* decoded To: header, NULL if none */
	char *subject;      /* decoded, "" if none */
	int64_t date;       /* Date: header as Unix time, 0 if none/unparsable */
	int64_t received_date; /* date of the first (newest) Received: header,
	                          0 if none/unparsable */
	char *in_reply_to;  /* message-id without brackets, NULL if none */
	char *references;   /* raw list, NULL if none */
	char *content_type; /* top-level, lowercased "type/subtype" */
	char *report_type;  /* report-type parameter of multipart/report, or NULL */
	char *attached_message_id; /* Message-ID (without brackets) of the first
	                              attached message (message/rfc822 or
	                              message/global) at any depth: what a
	                              bounce returns; NULL if none */

	char *body;         /* the message's text: text/plain preferred over
	                       text/html within an alternative; several body parts
	                       joined by blank lines; HTML turned into text with
	                       table rows as "label：value" lines.  Never NULL. */
	bool body_from_html;

	struct mime_part *parts;  /* every leaf part, body parts included */
	size_t n_parts;

	/* What was wrong with the message and what was done about it ("MIME
	 * depth 300 exceeds limit 50: deeper parts skipped").  Non-empty means
	 * the office must look at this message.  Each string owned as above. */
	char **problems;
	size_t n_problems;
};

/* Parses raw (len bytes, need not be NUL-terminated).
 *
 * Returns 0 and a new message in *msg_r (free with mime_message_free) even
 * for broken input, as long as anything could be read: truncation, bad
 * charsets, limits hit and the like are listed in (*msg_r)->problems.
 * Returns -1 with *msg_r NULL and err set only when the message cannot be
 * parsed at all (over max_message_size, empty, not a message). */
int mime_parse(const void *raw, size_t len, const struct config_limits *lim,
	       struct mime_message **msg_r, struct ogi_error *err);

void mime_message_free(struct mime_message *msg);

/* First header called name (case-insensitive), or NULL.  The pointer is the
 * message's own. */
const char *mime_header_get(const struct mime_message *msg, const char *name);

/* Converts len bytes in charset (any label; NULL = unknown) to a new valid
 * UTF-8 string, caller frees with free().  gb2312/gbk/cp936/x-gbk decode as
 * GB18030; unknown labels and undecodable input try UTF-8, then GB18030,
 * and invalid sequences become U+FFFD.  Never returns NULL. */
char *mime_to_utf8(const char *bytes, size_t len, const char *charset);

/* Returns a new UTF-8 string holding the text of an HTML document: blocks
 * and <br> become line breaks, each <tr> becomes one line with its cells
 * joined as "label：value" (two cells) or by tabs, entities decoded, script
 * and style dropped.  Never returns NULL; caller frees with free(). */
char *mime_html_to_text(const char *html, size_t len);

#endif
