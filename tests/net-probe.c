/* net-probe PROTO TLS HOST PORT [CA_FILE]: connects to a real server the
 * way the drivers do (PROTO imap, pop3 or smtp; TLS implicit or starttls),
 * verifies its certificate with net_etpan_verify() and prints "verified"
 * or the refusal.  Exit 0 verified, 1 refused, 2 could not connect.  Used
 * by tests/run-tls.sh against Dovecot with good and bad certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/etpan.h"
#include "net/net.h"

#define PROBE_TIMEOUT_S 10

static mailstream *
probe_imap(enum net_tls tls, const char *host, uint16_t port)
{
	mailimap *imap = mailimap_new(0, NULL);
	int rc;

	mailimap_set_timeout(imap, PROBE_TIMEOUT_S);
	if (tls == NET_TLS_IMPLICIT)
		rc = mailimap_ssl_connect_with_callback(imap, host, port,
				net_etpan_tls_setup, (void *)host);
	else if ((rc = mailimap_socket_connect(imap, host, port)) ==
		 MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		rc = mailimap_socket_starttls_with_callback(imap,
				net_etpan_tls_setup, (void *)host);
	if (rc != MAILIMAP_NO_ERROR && rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return NULL;
	return imap->imap_stream;
}

static mailstream *
probe_pop3(enum net_tls tls, const char *host, uint16_t port)
{
	mailpop3 *pop = mailpop3_new(0, NULL);
	int rc;

	mailpop3_set_timeout(pop, PROBE_TIMEOUT_S);
	if (tls == NET_TLS_IMPLICIT)
		rc = mailpop3_ssl_connect_with_callback(pop, host, port,
				net_etpan_tls_setup, (void *)host);
	else if ((rc = mailpop3_socket_connect(pop, host, port)) == MAILPOP3_NO_ERROR)
		rc = mailpop3_socket_starttls_with_callback(pop,
				net_etpan_tls_setup, (void *)host);
	return rc == MAILPOP3_NO_ERROR ? pop->pop3_stream : NULL;
}

static mailstream *
probe_smtp(enum net_tls tls, const char *host, uint16_t port)
{
	mailsmtp *smtp = mailsmtp_new(0, NULL);
	int rc;

	mailsmtp_set_timeout(smtp, PROBE_TIMEOUT_S);
	if (tls == NET_TLS_IMPLICIT)
		rc = mailsmtp_ssl_connect_with_callback(smtp, host, port,
				net_etpan_tls_setup, (void *)host);
	else if ((rc = mailsmtp_socket_connect(smtp, host, port)) == MAILSMTP_NO_ERROR &&
		 (rc = mailesmtp_ehlo(smtp)) == MAILSMTP_NO_ERROR)
		rc = mailsmtp_socket_starttls_with_callback(smtp,
				net_etpan_tls_setup, (void *)host);
	return rc == MAILSMTP_NO_ERROR ? smtp->stream : NULL;
}

int
main(int argc, char **argv)
{
	struct ogi_error err = { 0 };
	enum net_tls tls;
	mailstream *s;

	if (argc < 5 || argc > 6 || net_tls_parse(argv[2], &tls, &err) != 0 ||
	    tls == NET_TLS_NONE) {
		fprintf(stderr, "usage: net-probe imap|pop3|smtp implicit|starttls "
			"HOST PORT [CA_FILE]\n");
		return 2;
	}
	if (strcmp(argv[1], "imap") == 0)
		s = probe_imap(tls, argv[3], (uint16_t)atoi(argv[4]));
	else if (strcmp(argv[1], "pop3") == 0)
		s = probe_pop3(tls, argv[3], (uint16_t)atoi(argv[4]));
	else
		s = probe_smtp(tls, argv[3], (uint16_t)atoi(argv[4]));
	if (s == NULL) {
		printf("could not connect\n");
		return 2;
	}
	if (net_etpan_verify(s, argv[3], argc == 6 ? argv[5] : NULL, &err) != 0) {
		printf("refused: %s\n", err.msg);
		return 1;
	}
	printf("verified\n");
	return 0;
}
