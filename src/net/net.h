/* Network basics shared by the IMAP and POP3 drivers and the SMTP backend:
 * the TLS mode a configuration asks for, the verification of a server's
 * certificate, and reading a password.
 *
 * libetpan accepts any certificate; nothing here trusts it to.  A driver
 * connects through libetpan (net/etpan.h), then calls net_etpan_verify()
 * before it sends a user name or password.  tls.c is the only file that
 * includes GnuTLS headers.
 */
#ifndef OGI_NET_NET_H
#define OGI_NET_NET_H

#include <stddef.h>

#include "common/error.h"

enum net_tls {
	NET_TLS_IMPLICIT,  /* TLS from the first byte (993, 995, 465) */
	NET_TLS_STARTTLS,  /* plain greeting, then STARTTLS/STLS (143, 110, 587) */
	NET_TLS_NONE,      /* no encryption: only when a configuration says so */
};

/* Parses a `tls =` value ("implicit", "starttls", "none").  NULL means
 * implicit: an unset key never turns encryption off.  Returns 0 or -1. */
int net_tls_parse(const char *value, enum net_tls *tls_r, struct ogi_error *err);

/* One certificate of a chain, DER bytes, the server's own first. */
struct net_cert {
	const unsigned char *der;
	size_t len;
};

/* Verifies that chain[0] is a certificate for host (DNS name or IP
 * address) and that the chain leads to a trust anchor: those of ca_file
 * (PEM) when it is not NULL, else the system's trust store.  Validity
 * dates are checked; revocation lists are not fetched.  Returns 0, or -1
 * with err naming host, the trust anchors and every reason in GnuTLS's
 * words ("certificate of mail.example.org refused (trust: system store):
 * The certificate is NOT trusted. ..."), not temporary: waiting does not
 * cure a wrong certificate.  Pure computation and a read of ca_file or
 * the system store; does not block on the network. */
int net_tls_verify(const struct net_cert *chain, size_t n, const char *host,
		   const char *ca_file, struct ogi_error *err);

/* The password of a server account: password when it is set, else the
 * first line of password_file (without its line end), which must be a
 * regular file that neither group nor others can read (checked on the
 * opened file, so a swap after configuration loading is caught).  Returns
 * 0 and a new string in *password_r (free with net_password_free, which
 * wipes it), or -1.  An empty password is an error.  Never puts the
 * password in err. */
int net_password_read(const char *password, const char *password_file,
		      char **password_r, struct ogi_error *err);
void net_password_free(char *password);

#endif
