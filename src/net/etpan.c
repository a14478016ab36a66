/* libetpan's TLS streams, verified: libetpan itself accepts any peer. */
#include <glib.h>

#include "net/etpan.h"
#include "net/net.h"

void
net_etpan_tls_setup(struct mailstream_ssl_context *ctx, void *data)
{
	mailstream_ssl_set_server_name(ctx, data);
}

int
net_etpan_verify(mailstream *stream, const char *host, const char *ca_file,
		 struct ogi_error *err)
{
	struct net_cert *certs;
	carray *chain;
	size_t n;
	int rc;

	chain = stream != NULL ? mailstream_get_certificate_chain(stream) : NULL;
	if (chain == NULL) {
		error_set(err, "%s: the connection is not encrypted or shows no "
			  "certificate", host);
		return -1;
	}
	n = carray_count(chain);
	certs = g_new0(struct net_cert, n + 1);
	for (size_t i = 0; i < n; i++) {
		MMAPString *der = carray_get(chain, (unsigned int)i);

		certs[i].der = (const unsigned char *)der->str;
		certs[i].len = der->len;
	}
	rc = net_tls_verify(certs, n, host, ca_file, err);
	g_free(certs);
	mailstream_certificate_chain_free(chain);
	return rc;
}
