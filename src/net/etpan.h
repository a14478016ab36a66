/* The bridge between libetpan's TLS streams and net_tls_verify().
 * Included only by the code that speaks a protocol through libetpan
 * (src/intake/imap.c, src/intake/pop3.c, src/delivery/smtp.c); no libetpan
 * type appears in any other header.
 *
 * Use:
 *   mailimap_ssl_connect_with_callback(imap, host, port,
 *                                      net_etpan_tls_setup, (void *)host);
 *   net_etpan_verify(imap->imap_stream, host, ca_file, err);  before LOGIN
 * and the same with *_socket_starttls_with_callback after STARTTLS.
 */
#ifndef OGI_NET_ETPAN_H
#define OGI_NET_ETPAN_H

#include <libetpan/libetpan.h>

#include "common/error.h"

/* libetpan's TLS setup callback: sends host (data, a const char *) as the
 * server name (SNI), so a server with several certificates shows the one
 * for host.  Never fails visibly: a name libetpan refuses is still caught
 * by the verification. */
void net_etpan_tls_setup(struct mailstream_ssl_context *ctx, void *data);

/* Verifies the certificate chain the server presented on stream (an
 * established TLS stream) for host, against ca_file or the system store
 * (net_tls_verify()).  Returns 0, or -1 when the stream is not encrypted,
 * has no chain, or the chain fails.  Does not block. */
int net_etpan_verify(mailstream *stream, const char *host, const char *ca_file,
		     struct ogi_error *err);

#endif
