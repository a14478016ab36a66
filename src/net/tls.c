/* Certificate verification with GnuTLS: the only file that includes it. */
#include <string.h>

#include <glib.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "net/net.h"

/* A server sends its certificate and the intermediates; more than this is
 * not a chain anyone configured, and each one costs a parse. */
#define NET_TLS_MAX_CHAIN 16

static int
net_tls_trust(const char *ca_file, gnutls_x509_trust_list_t *tl_r,
	      struct ogi_error *err)
{
	gnutls_x509_trust_list_t tl;
	int rc;

	if (gnutls_x509_trust_list_init(&tl, 0) < 0) {
		error_set(err, "cannot set up certificate verification");
		return -1;
	}
	if (ca_file != NULL)
		rc = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL,
							   GNUTLS_X509_FMT_PEM,
							   0, 0);
	else
		rc = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
	if (rc <= 0) {
		error_set(err, "%s: %s", ca_file != NULL ? ca_file
			  : "system trust store",
			  rc == 0 ? "no certificate in it" : gnutls_strerror(rc));
		gnutls_x509_trust_list_deinit(tl, 1);
		return -1;
	}
	*tl_r = tl;
	return 0;
}

int
net_tls_verify(const struct net_cert *chain, size_t n, const char *host,
	       const char *ca_file, struct ogi_error *err)
{
	gnutls_x509_crt_t crts[NET_TLS_MAX_CHAIN];
	gnutls_x509_trust_list_t tl;
	/* A certificate the CA issued for another use (a client's, a
	 * signing key's) does not prove a server. */
	gnutls_typed_vdata_st purpose = {
		.type = GNUTLS_DT_KEY_PURPOSE_OID,
		.data = (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER,
	};
	gnutls_datum_t words = { NULL, 0 };
	unsigned int status = 0;
	size_t got = 0;
	int rc = -1;

	if (n == 0) {
		error_set(err, "%s: the server presented no certificate", host);
		return -1;
	}
	if (n > NET_TLS_MAX_CHAIN)
		n = NET_TLS_MAX_CHAIN;
	for (; got < n; got++) {
		gnutls_datum_t d = { (unsigned char *)chain[got].der,
				     (unsigned int)chain[got].len };

		if (gnutls_x509_crt_init(&crts[got]) < 0)
			goto out;
		if (gnutls_x509_crt_import(crts[got], &d, GNUTLS_X509_FMT_DER) < 0) {
			gnutls_x509_crt_deinit(crts[got]);
			error_set(err, "%s: certificate %zu of the server's chain "
				  "cannot be read", host, got + 1);
			goto out;
		}
	}
	if (net_tls_trust(ca_file, &tl, err) != 0)
		goto out;
	if (gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned int)n,
					       &purpose, 1, 0, &status,
					       NULL) < 0) {
		error_set(err, "%s: the certificate could not be checked", host);
	} else {
		/* The host name is checked even when the chain fails, so
		 * the log line names every reason at once. */
		if (!gnutls_x509_crt_check_hostname2(crts[0], host, 0))
			status |= GNUTLS_CERT_UNEXPECTED_OWNER | GNUTLS_CERT_INVALID;
		if (status == 0) {
			rc = 0;
		} else {
			gnutls_certificate_verification_status_print(
				status, GNUTLS_CRT_X509, &words, 0);
			error_set(err, "certificate of %s refused (trust: %s): %s",
				  host, ca_file != NULL ? ca_file
				  : "system store",
				  words.data != NULL ? g_strchomp((char *)words.data)
				  : "not trusted");
			gnutls_free(words.data);
		}
	}
	gnutls_x509_trust_list_deinit(tl, 1);
out:
	while (got > 0)
		gnutls_x509_crt_deinit(crts[--got]);
	return rc;
}
