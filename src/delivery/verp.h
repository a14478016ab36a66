/* Per-message return paths (VERP), signed so that they cannot be forged.
 *
 * Each outgoing message is sent from "bounce+<outbox id>-<tag>@<domain>",
 * the tag the first DELIVERY_VERP_TAG_LEN hex digits of
 * HMAC-SHA256(key, "outbox:<id>") with a key made once per state directory
 * (STATE/verp.key, 0600, DELIVERY_VERP_KEY_SIZE random bytes).  A bounce
 * sent to such an address names the message it is about; anyone who does
 * not hold the key cannot make one that names another.
 */
#ifndef OGI_DELIVERY_VERP_H
#define OGI_DELIVERY_VERP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* HMAC-SHA256's own output size: a longer key adds no strength. */
#define DELIVERY_VERP_KEY_SIZE 32
/* 64 bits of tag: an attacker gets one guess per bounce he sends, so
 * 2^64 guesses are out of reach, and the address stays short. */
#define DELIVERY_VERP_TAG_LEN 16
#define DELIVERY_VERP_PREFIX "bounce+"
/* Room for any address delivery_verp_address writes with a domain of up
 * to 200 bytes. */
#define DELIVERY_VERP_ADDRESS_SIZE 256

struct delivery_verp {
	unsigned char key[DELIVERY_VERP_KEY_SIZE];
};

/* Reads STATE/verp.key, creating it (0600, from the kernel's random
 * source) when missing.  A key file of another size or that others can
 * read fails.  Returns 0 or -1.  Blocks on disk I/O. */
int delivery_verp_load(const char *state_dir, struct delivery_verp *v_r,
		       struct ogi_error *err);

/* Writes the return path of outbox row id under domain into buf.
 * Returns 0, or -1 when it does not fit in size. */
int delivery_verp_address(const struct delivery_verp *v, int64_t id,
			  const char *domain, char *buf, size_t size);

/* True when address (an addr-spec, any domain, the local part compared
 * without ASCII case) is a return path v signed; *id_r is its outbox id.
 * False for anything else: another shape, a changed id or tag. */
bool delivery_verp_check(const struct delivery_verp *v, const char *address,
			 int64_t *id_r);

#endif
