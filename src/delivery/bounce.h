/* Bounces: which outgoing message a delivery report (extract/dsn.h) is
 * about, and what the outbox row keeps of it.
 *
 * A report is matched first by the address it was delivered to: each
 * message leaves from its own signed return path (verp.h), so a bounce to
 * bounce+ID-TAG@domain names row ID, and only the key's holder can make
 * one.  A report delivered to an address of that shape whose signature
 * does not hold is forged or altered and matches nothing at all.  Failing
 * a return path (a server that bounces to the From address, or strips
 * the envelope), by the returned message's Message-ID, only when it is
 * one under the office's domain that the outbox holds.
 */
#ifndef OGI_DELIVERY_BOUNCE_H
#define OGI_DELIVERY_BOUNCE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"
#include "delivery/verp.h"
#include "extract/dsn.h"
#include "registry/registry.h"

struct delivery_bounce_match {
	int64_t id;       /* the outbox row, 0 when none */
	const char *by;   /* "return path" or "Message-ID" (static), NULL
	                     when none */
	bool forged;      /* delivered to a return path of our shape whose
	                     signature does not hold */
};

/* Matches dsn (action not NONE) against the outbox of reg with key v;
 * domain is the office's (delivery_office_domain), or NULL to match by
 * return path only.  Reads the registry (inside the caller's transaction
 * if one is open).  Returns 0 with *m_r filled, or -1 on a database
 * error. */
int delivery_bounce_match(struct registry *reg, const struct delivery_verp *v,
			  const char *domain, const struct extract_dsn *dsn,
			  struct delivery_bounce_match *m_r,
			  struct ogi_error *err);

/* What the outbox row keeps as the report's status: the code, then the
 * diagnostic ("5.1.1 550 5.1.1 <a@b>: User unknown"), or a phrase saying
 * there was neither.  A new string (g_free). */
char *delivery_bounce_status(const struct extract_dsn *dsn);

#endif
