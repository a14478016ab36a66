/* ogictl's output: JSON documents and aligned human-readable tables.
 *
 * Everything is written to the given FILE as it is produced; nothing is
 * kept.  Times are shown in the office time zone tz (an IANA name).
 */
#ifndef OGI_CTL_OUTPUT_H
#define OGI_CTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "registry/letters.h"
#include "registry/registry.h"
#include "registry/outbox.h"
#include "registry/pages.h"
#include "registry/status.h"

struct output {
	FILE *out;
	const char *tz;
	bool json;
};

/* t in RFC 3339 in the office time zone: "2026-11-20T09:30:00+08:00".
 * Returns a new string (g_free). */
char *output_time(const struct output *o, int64_t t);

/* An aligned table for a command's text output: head[ncols] titles,
 * maxw[ncols] the widest each column may get (a longer cell is cut with
 * "…"); rows a GPtrArray of g_new'd arrays of ncols g_strdup'd cells, any
 * of them NULL (printed "-").  Cells are scrubbed of control characters. */
struct output_table {
	size_t ncols;
	const char **head;
	const size_t *maxw;
	GPtrArray *rows;
};

/* Prints t to out, then frees its rows and the array. */
void output_table_emit(FILE *out, struct output_table *t);
/* Display width of a UTF-8 string in a terminal: CJK characters take two
 * columns. */
size_t output_width(const char *s);

/* `ogictl messages`: every received message. */
void output_messages(const struct output *o,
		     const struct registry_message_row *rows, size_t n);

/* `ogictl list`: cases, as an array of show objects in JSON. */
void output_cases(const struct output *o, struct registry_case *const *cases,
		  size_t n);

/* `ogictl show`: one case in full; in text also its n_letters letters
 * (registry_letters_of_case), one line each. */
void output_case(const struct output *o, const struct registry_case *c,
		 const struct registry_letter *letters, size_t n_letters);

/* `ogictl review`: the cases waiting for a clerk, each with why (JSON:
 * as output_cases). */
void output_review(const struct output *o, struct registry_case *const *cases,
		   size_t n);

/* `ogictl explain`: what the extractor made of one message.  Strings may
 * be NULL except what; values and info are indexed by enum extract_field
 * (values[f] NULL when the field is empty). */
struct output_explain {
	const char *what;      /* the message's mailbox/uid, or the file */
	const char *kind;
	const char *case_id;
	const char *verdict;   /* the extractor's verdict, or the case's state */
	const char *review;    /* reasons, one per line */
	char *const *values;
	const struct extract_field_info *info;
	/* `ogictl review ID`: the pages OCR read of the case's messages, their
	 * images' paths under state_dir; none for explain. */
	const struct registry_page *pages;
	size_t n_pages;
	const char *state_dir;
};
void output_explain(const struct output *o, const struct output_explain *e);

/* `ogictl status`: each configured intake and how its last polls went,
 * then how many outgoing messages are in each state. */
struct output_intake {
	const char *name;
	const char *driver;
	const char *channel;   /* "mail" or "fax" */
	const struct registry_intake_status *status;  /* NULL: never polled */
};
void output_status(const struct output *o, const struct output_intake *intakes,
		   size_t n, const struct registry_outbox_counts *outbox);

/* `ogictl outbox`: every outgoing message, its state and attempts. */
void output_outbox(const struct output *o,
		   const struct registry_outbox_row *rows, size_t n);

#endif
