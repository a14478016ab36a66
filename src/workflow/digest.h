/* The daily digest to the office: what needs a clerk today, as plain text
 * and as an HTML table.  Pure: the caller gathers the rows (daemon side,
 * delivery/chores.h); nothing here reads a clock or a file.
 */
#ifndef OGI_WORKFLOW_DIGEST_H
#define OGI_WORKFLOW_DIGEST_H

#include <stddef.h>

/* Sections, in the order the digest shows them. */
enum digest_section {
	DIGEST_NEW,          /* applications registered since the last digest */
	DIGEST_AWAITING,     /* waiting for a correction or a clerk's review */
	DIGEST_DUE_SOON,     /* deadline within DIGEST_DUE_SOON_DAYS working days */
	DIGEST_OVERDUE,      /* deadline passed, not answered */
	DIGEST_FAILED,       /* cases whose reply failed, letters (every
	                        channel) and mail that could not be
	                        delivered, with why */
	DIGEST_HOLDING,      /* messages on the holding list */
	DIGEST_CALENDAR,     /* provisional deadlines (calendar warnings) */
};
#define DIGEST_SECTIONS 7

/* "Due soon": the bureau's rules leave three working days to print, sign
 * and send a reply once it is written. */
#define DIGEST_DUE_SOON_DAYS 3

/* One line of a section: what it is about, its state or kind, its
 * deadline, and a note; any may be NULL (shown as "-"). */
struct digest_row {
	const char *what;
	const char *state;
	const char *deadline;
	const char *note;
};

struct digest {
	const char *date;    /* YYYY-MM-DD, the office's day */
	const char *office;  /* the office's name, may be NULL */
	const struct digest_row *rows[DIGEST_SECTIONS];
	size_t n[DIGEST_SECTIONS];
};

/* The section's title as the digest shows it. */
const char *workflow_digest_title(enum digest_section s);

/* The subject line (the counts of overdue, due soon, failed and held),
 * the plain text and the HTML document of d: new
 * strings (g_free) in *subject_r, *text_r and *html_r.  Every value is
 * escaped in the HTML. */
void workflow_digest_render(const struct digest *d, char **subject_r,
			    char **text_r, char **html_r);

#endif
