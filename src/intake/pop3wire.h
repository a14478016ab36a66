/* What the POP3 driver reads from a server, as pure functions (no I/O):
 * the body of a multi-line answer (RFC 1939 §3) and the unique-id listing.
 */
#ifndef OGI_INTAKE_POP3WIRE_H
#define OGI_INTAKE_POP3WIRE_H

#include <stdbool.h>
#include <stddef.h>

/* RFC 1939 §7: a unique-id is 1 to 70 characters 0x21-0x7E. */
#define INTAKE_POP3_UIDL_MAX 70

/* Where a multi-line answer stands; zero-initialised at its first byte
 * (after the +OK line). */
struct intake_pop3_body {
	int state;
	bool done;            /* the terminating "." line has been read */
};

/* Decodes the next len bytes of a multi-line answer, as they came (any
 * split), into out, which has room for 2 * len bytes: the byte-stuffing
 * dot of a line that starts with '.' is removed, CRLF becomes LF (the
 * line end of a Maildir, so the same message is the same bytes however
 * it was fetched), a CR not followed by LF is kept.  Stops after the
 * terminating line.  Returns the number of bytes of in consumed (fewer
 * than len only when the answer ended) and the number written in
 * *out_len_r. */
size_t intake_pop3_body_decode(struct intake_pop3_body *b, const char *in,
			       size_t len, char *out, size_t *out_len_r);

/* The registry key for a UIDL a server sent: the UIDL itself when RFC
 * 1939 allows it, else "sha256:" and the hex digest of it, as stable as
 * the UIDL.  Returns a new string (g_free). */
char *intake_pop3_uid(const char *uidl);

#endif
