/* net-probe PROTO TLS HOST PORT [CA_FILE]: connects to a real server the
 * way the drivers do (PROTO imap, pop3 or smtp; TLS implicit or starttls),
 * verifies its certificate with net_etpan_verify() and prints "verified"
 * or the refusal.  Exit 0 verified, 1 refused, 2 could not connect.  Used
 * by tests/run-tls.sh against Dovecot with good and bad certificates. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/etpan.h"
#include "net/net.h"

#define PROBE_TIMEOUT_S 10

struct probe {
	const char *host;
	const char *ca_file;
	enum net_tls tls;
	uint16_t port;
	struct ogi_error err;
};

/* 0 verified, 1 refused (p->err says why), 2 no TLS connection. */
static int
probe_verify(struct probe *p, bool connected, mailstream *s)
{
	if (!connected)
		return 2;
	return net_etpan_verify(s, p->host, p->ca_file, &p->err) == 0 ? 0 : 1;
}

static int
probe_imap(struct probe *p)
{
	mailimap *imap = mailimap_new(0, NULL);
	int rc, v;

	mailimap_set_timeout(imap, PROBE_TIMEOUT_S);
	if (p->tls == NET_TLS_IMPLICIT)
		rc = mailimap_ssl_connect_with_callback(imap, p->host, p->port,
				net_etpan_tls_setup, (void *)p->host);
	else if ((rc = mailimap_socket_connect(imap, p->host, p->port)) ==
		 MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		rc = mailimap_socket_starttls_with_callback(imap,
				net_etpan_tls_setup, (void *)p->host);
	v = probe_verify(p, rc == MAILIMAP_NO_ERROR ||
			 rc == MAILIMAP_NO_ERROR_NON_AUTHENTICATED, imap->imap_stream);
	mailimap_free(imap);
	return v;
}

static int
probe_pop3(struct probe *p)
{
	mailpop3 *pop = mailpop3_new(0, NULL);
	int rc, v;

	mailpop3_set_timeout(pop, PROBE_TIMEOUT_S);
	if (p->tls == NET_TLS_IMPLICIT)
		rc = mailpop3_ssl_connect_with_callback(pop, p->host, p->port,
				net_etpan_tls_setup, (void *)p->host);
	else if ((rc = mailpop3_socket_connect(pop, p->host, p->port)) ==
		 MAILPOP3_NO_ERROR)
		rc = mailpop3_socket_starttls_with_callback(pop,
				net_etpan_tls_setup, (void *)p->host);
	v = probe_verify(p, rc == MAILPOP3_NO_ERROR, pop->pop3_stream);
	mailpop3_free(pop);
	return v;
}

static int
probe_smtp(struct probe *p)
{
	mailsmtp *smtp = mailsmtp_new(0, NULL);
	int rc, v;

	mailsmtp_set_timeout(smtp, PROBE_TIMEOUT_S);
	if (p->tls == NET_TLS_IMPLICIT)
		rc = mailsmtp_ssl_connect_with_callback(smtp, p->host, p->port,
				net_etpan_tls_setup, (void *)p->host);
	else if ((rc = mailsmtp_socket_connect(smtp, p->host, p->port)) ==
		 MAILSMTP_NO_ERROR && (rc = mailesmtp_ehlo(smtp)) == MAILSMTP_NO_ERROR)
		rc = mailsmtp_socket_starttls_with_callback(smtp,
				net_etpan_tls_setup, (void *)p->host);
	v = probe_verify(p, rc == MAILSMTP_NO_ERROR, smtp->stream);
	mailsmtp_free(smtp);
	return v;
}

int
main(int argc, char **argv)
{
	struct probe p = { 0 };
	int rc;

	if (argc < 5 || argc > 6 || net_tls_parse(argv[2], &p.tls, &p.err) != 0 ||
	    p.tls == NET_TLS_NONE) {
		fprintf(stderr, "usage: net-probe imap|pop3|smtp implicit|starttls "
			"HOST PORT [CA_FILE]\n");
		return 2;
	}
	p.host = argv[3];
	p.port = (uint16_t)atoi(argv[4]);
	p.ca_file = argc == 6 ? argv[5] : NULL;
	if (strcmp(argv[1], "imap") == 0)
		rc = probe_imap(&p);
	else if (strcmp(argv[1], "pop3") == 0)
		rc = probe_pop3(&p);
	else
		rc = probe_smtp(&p);
	if (rc == 0)
		printf("verified\n");
	else if (rc == 1)
		printf("refused: %s\n", p.err.msg);
	else
		printf("could not connect\n");
	return rc;
}
