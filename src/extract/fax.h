/* Fax-to-mail: is a message a fax a gateway mailed, and what the gateway
 * says about it (domain.md §7).
 *
 * Pure functions: a struct mime_message, the intake's channel and the
 * configured patterns in, a struct extract_fax out; no I/O, no clock.
 * Subject, body and headers are the sender's to write, so every value is
 * bounded and checked: a page count over EXTRACT_FAX_MAX_PAGES is unknown,
 * a caller number is kept only when it is a plausible fax number
 * (extract_fax_number), and a station ID (CSID) is display text only,
 * without control characters and at most EXTRACT_FAX_CSID_MAX_CHARS
 * characters long.  Nothing here blocks.
 */
#ifndef OGI_EXTRACT_FAX_H
#define OGI_EXTRACT_FAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mime/mime.h"

/* Which gateway mailed the fax.  The names (extract_fax_style_name) are
 * stored in the registry and printed by ogictl: never rename one. */
enum extract_fax_style {
	EXTRACT_FAX_STYLE_NONE,       /* not a fax */
	EXTRACT_FAX_STYLE_HYLAFAX,    /* "hylafax": faxrcvd's Key: value body */
	EXTRACT_FAX_STYLE_FREEPBX,    /* "freepbx": New fax from: "NAME" <number> */
	EXTRACT_FAX_STYLE_ASTERISK,   /* "asterisk": a mail script's message with
	                                 a TIFF named by its time */
	EXTRACT_FAX_STYLE_EFAX,       /* "efax": hosted services, eFax from CSID -
	                                 N page(s), caller ID: ... */
	EXTRACT_FAX_STYLE_CONFIGURED, /* "configured": the intake's fax_from or
	                                 fax_subject pattern matched */
	EXTRACT_FAX_STYLE_INTAKE,     /* "intake": a channel = fax intake's
	                                 message in no style known here */
};
#define EXTRACT_FAX_STYLE_COUNT 7

enum extract_fax_quality {
	EXTRACT_FAX_QUALITY_UNKNOWN,
	EXTRACT_FAX_QUALITY_NORMAL,   /* "normal": 204 x 98 dpi */
	EXTRACT_FAX_QUALITY_FINE,     /* "fine": 204 x 196 dpi (or finer) */
};
#define EXTRACT_FAX_QUALITY_COUNT 3

/* T.30 gives the station identity (TSI/CSID) 20 characters; a caller name
 * a PBX or a hosted service puts beside it is as short.  Twice that
 * leaves room for the gateways' own wording and no more: a longer value
 * is cut, it is display text only. */
#define EXTRACT_FAX_CSID_MAX_CHARS 40
/* No received fax comes near this: a fax machine's memory and a gateway's
 * session time limit keep a transmission to tens of pages.  A larger
 * count in a subject or body is not believed (unknown, never clamped). */
#define EXTRACT_FAX_MAX_PAGES 999
/* A caller number shorter than this is a PBX's internal extension (3 to 6
 * digits) or a service code, which no fax from outside can be sent back
 * to: a Chinese subscriber number alone has 7 or 8 digits, with its area
 * code 10 to 12. */
#define EXTRACT_FAX_NUMBER_MIN_DIGITS 7
/* E.164 numbers have at most 15 digits; an international prefix (00)
 * before one makes 17. */
#define EXTRACT_FAX_NUMBER_MAX_DIGITS 17
/* A number as written, with its spaces and hyphens: longer is not one. */
#define EXTRACT_FAX_NUMBER_MAX_BYTES 32

/* The last second GLib's dates can show (9999-12-31T23:59:59Z): no time
 * a gateway wrote is later, and ogictl could not print one that is. */
#define EXTRACT_FAX_RECEIVED_MAX INT64_C(253402300799)

/* What a fax gateway's message says about the fax.  Strings owned (free
 * with extract_fax_clear), valid UTF-8. */
struct extract_fax {
	bool is_fax;
	enum extract_fax_style style;   /* NONE exactly when !is_fax */
	char *csid;          /* the sender's station ID or caller name as the
	                        gateway showed it: display text only (never a
	                        number to dial, a path or a header); NULL */
	char *caller;        /* the calling number (caller ID), normalised by
	                        extract_fax_number; NULL when none or not
	                        plausible */
	unsigned pages;      /* 1..EXTRACT_FAX_MAX_PAGES, 0 unknown */
	int64_t received;    /* Unix time the gateway received it, 0 unknown;
	                        at most EXTRACT_FAX_RECEIVED_MAX */
	enum extract_fax_quality quality;
	bool vouched;        /* it came to an intake with channel = fax, or
	                        matched the office's own fax_from/fax_subject:
	                        only then is its caller ID the gateway's word;
	                        a built-in wording alone is text anyone can
	                        put in a subject (not carried over the wire:
	                        the worker alone decides with it) */
};

/* The intake's configured patterns ([intake.NAME] fax_from, fax_subject:
 * GLib regular expressions, matched without regard to case and anywhere
 * in the text; config_load has checked that each compiles), compiled.
 * fax_from is matched against the From header as "display name <address>"
 * (either part alone when the other is missing), fax_subject against the
 * decoded subject.  Opaque; immutable once made, so several threads may
 * match with one. */
struct extract_fax_patterns;

/* Makes *pat_r the patterns from and subject (NULL: none) compile to;
 * *pat_r is NULL at first.  It compiles only when they are not the texts
 * *pat_r was made from: the owner keeps one for all the messages of an
 * intake instead of compiling per message (the parser worker keeps its
 * own for its life, each job naming its intake's texts).  A text that
 * does not compile matches nothing.  Free with extract_fax_patterns_free.
 * The owner's alone: not for several threads at once. */
void extract_fax_patterns_set(struct extract_fax_patterns **pat_r,
			      const char *from, const char *subject);

/* Frees pat (NULL: nothing). */
void extract_fax_patterns_free(struct extract_fax_patterns *pat);

/* Recognises a fax-to-mail message.  With fax_channel (the intake is
 * channel = fax) every message is a fax; otherwise a message is one when
 * a built-in style or a configured pattern matches (a mail that only
 * mentions a fax is not).  pat may be NULL: none.  Fills *fax_r (zeroed
 * first; free with extract_fax_clear). */
void extract_fax_recognise(const struct mime_message *msg, bool fax_channel,
			   const struct extract_fax_patterns *pat,
			   struct extract_fax *fax_r);

/* What the OCR module read from a fax's TIFF (owner: ocr): the
 * ImageDescription tag (spandsp and HylaFAX put the far end's ID there),
 * the number of pages and the vertical resolution of the first page. */
struct extract_fax_tiff {
	const char *description;  /* NULL when the tag is absent */
	unsigned pages;           /* 0 when unknown */
	unsigned yres;            /* dots per inch, 0 when unknown */
};

/* A vertical resolution from this up is fine (196 dpi), below it normal
 * (98 dpi): halfway, so that a gateway's rounding cannot flip it. */
#define EXTRACT_FAX_FINE_MIN_YRES 150

/* Merges what the TIFF says into fax, a fax already recognised (nothing
 * happens when !fax->is_fax: a scan sent by mail has no far end).  The
 * pages actually received and their resolution replace what the mail's
 * text claimed; the description becomes the CSID only when the text gave
 * none (display text, bounded as above); a page count out of range is
 * ignored. */
void extract_fax_merge_tiff(struct extract_fax *fax,
			    const struct extract_fax_tiff *tiff);

/* Frees what fax owns and zeroes it; fax may be NULL. */
void extract_fax_clear(struct extract_fax *fax);

/* A fax number as written -- digits, a leading +, hyphens, spaces,
 * brackets round an area code -- as a new string of its digits (with the
 * leading + kept), or NULL when it is not a plausible number to fax back
 * to: other characters, fewer than EXTRACT_FAX_NUMBER_MIN_DIGITS or more
 * than EXTRACT_FAX_NUMBER_MAX_DIGITS digits, longer than
 * EXTRACT_FAX_NUMBER_MAX_BYTES, all one digit.  g_free the result. */
char *extract_fax_number(const char *s);

/* s as display text: control characters (C0, DEL, C1) and bidirectional
 * overrides become spaces, runs of space one, cut to
 * EXTRACT_FAX_CSID_MAX_CHARS characters; NULL when nothing is left or s
 * is NULL or not UTF-8.  g_free the result. */
char *extract_fax_display(const char *s);

/* True when s is what extract_fax_number / extract_fax_display return
 * for it (the checks the daemon holds the parser worker's answer to). */
bool extract_fax_number_valid(const char *s);
bool extract_fax_display_valid(const char *s);

/* Whether a and b, numbers as extract_fax_number takes them, are the same
 * telephone line however written: "0475-8888889", "+86 475 8888889",
 * "+86 (0)475 8888889", "0086 475 8888889" and, for a caller ID, a
 * footer or a form's field read without its area code, the subscriber
 * part alone ("8888889": 7 or 8 digits with no prefix, against a number
 * whose area code has 2 or 3 digits).  A number abroad never equals a
 * Chinese one.  False when either is NULL or not a plausible number
 * (extract_fax_number returns NULL for it).  An extension after a
 * number ("0475-8888888转123", "... ext. 123", "... 分机 123", and
 * "0475-8888888-123": 1 to 6 digits after a hyphen that follows a whole
 * subscriber number) is not part of the line: a number with one and
 * without, or with another, are the same (the office's switchboard).
 * The one test of "the office's own number" (delivery and the OCR front
 * alike). */
bool extract_fax_same_number(const char *a, const char *b);

/* Whether a and b are the same postal address.  Ignored: white space
 * (U+3000 too); full-width against half-width digits, letters and marks;
 * the traditional forms extract_text_fold() simplifies; a postcode (six
 * digits) before or after the address; the marks , . ; : 、 。 · ・ ｡ ､
 * (full-width ，．；： too); and the dashes - ‐ ‑ – — (full-width －
 * too), except one between two digits, which stays and compares as '-'
 * ("3-2-101" is not "32101").  Everything else counts: Chinese numerals
 * are not Arabic digits ("一号" is not "1号").  False when either is NULL,
 * not UTF-8 or has nothing but a postcode.  The one test of "the office's
 * own address" ([office] address: delivery by post and the OCR front
 * alike), kept here beside the number's. */
bool extract_same_postal_address(const char *a, const char *b);

/* Stable names ("hylafax", "freepbx", "asterisk", "efax", "configured",
 * "intake"; "normal", "fine"); NULL for NONE / UNKNOWN.  The reverse
 * returns 0 and the value, -1 when the name is unknown. */
const char *extract_fax_style_name(enum extract_fax_style s);
int extract_fax_style_from_name(const char *name, enum extract_fax_style *s_r);
const char *extract_fax_quality_name(enum extract_fax_quality q);
int extract_fax_quality_from_name(const char *name,
				  enum extract_fax_quality *q_r);

#endif
