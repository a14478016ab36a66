#include "intake/pop3wire.h"

#include <string.h>

#include <glib.h>

enum {
	BODY_LINE_START,
	BODY_MID,
	BODY_CR,        /* a CR that may end the line */
	BODY_DOT,       /* a '.' at the start of a line */
	BODY_DOT_CR,    /* ".\r" at the start of a line */
};

/* One byte of the answer; returns the bytes written to out. */
static size_t
body_byte(struct intake_pop3_body *b, char c, char *out)
{
	size_t n = 0;

	switch (b->state) {
	case BODY_LINE_START:
		if (c == '.') {
			b->state = BODY_DOT;
			return 0;
		}
		break;
	case BODY_DOT:
		/* "." alone ends the answer; a bare LF is taken for CRLF, as
		 * everywhere else. */
		if (c == '\r') {
			b->state = BODY_DOT_CR;
			return 0;
		}
		if (c == '\n') {
			b->done = true;
			return 0;
		}
		break;
	case BODY_DOT_CR:
		if (c == '\n') {
			b->done = true;
			return 0;
		}
		out[n++] = '\r';
		break;
	case BODY_CR:
		if (c != '\n')
			out[n++] = '\r';
		break;
	default:
		break;
	}
	if (c == '\r') {
		b->state = BODY_CR;
		return n;
	}
	out[n++] = c;
	b->state = c == '\n' ? BODY_LINE_START : BODY_MID;
	return n;
}

size_t
intake_pop3_body_decode(struct intake_pop3_body *b, const char *in, size_t len,
			char *out, size_t *out_len_r)
{
	size_t i, n = 0;

	for (i = 0; i < len && !b->done; i++)
		n += body_byte(b, in[i], out + n);
	*out_len_r = n;
	return i;
}

char *
intake_pop3_uid(const char *uidl)
{
	size_t len = strlen(uidl);
	bool ok = len > 0 && len <= INTAKE_POP3_UIDL_MAX;
	char *digest, *uid;

	for (size_t i = 0; ok && i < len; i++)
		ok = uidl[i] >= 0x21 && uidl[i] <= 0x7e;
	if (ok)
		return g_strdup(uidl);
	digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, uidl,
					       (gssize)len);
	uid = g_strdup_printf("sha256:%s", digest);
	g_free(digest);
	return uid;
}
