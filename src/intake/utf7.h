/* IMAP's modified UTF-7 (RFC 3501 §5.1.3), the form folder names take on
 * the wire: 已处理 is "&XfJZBHQG-".  Printable ASCII stands for itself
 * ("&" as "&-"); every other run of characters is its UTF-16 big-endian
 * code units in base64 with "," for "/", no padding, between "&" and "-".
 * Pure functions; no I/O. */
#ifndef OGI_INTAKE_UTF7_H
#define OGI_INTAKE_UTF7_H

#include "common/error.h"

/* Encodes a UTF-8 folder name.  Returns 0 and a new string in *out_r
 * (g_free), or -1 when name is not valid UTF-8. */
int intake_utf7_encode(const char *name, char **out_r, struct ogi_error *err);

/* Decodes a folder name as a server sent it.  Returns 0 and a new UTF-8
 * string in *out_r (g_free), or -1 on anything RFC 3501 forbids: bytes
 * outside printable ASCII, an unterminated or empty shift, base64 that is
 * not whole UTF-16 (dangling bits, an odd byte, a lone surrogate), or
 * printable ASCII written encoded. */
int intake_utf7_decode(const char *wire, char **out_r, struct ogi_error *err);

#endif
