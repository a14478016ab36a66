#!/bin/sh
# Certificates are verified before any password is sent, for every
# protocol ogid speaks (IMAP, POP3, SMTP submission; implicit TLS and
# STARTTLS), against a real Dovecot on loopback: a certificate from the
# configured CA for the host is accepted; the same server is refused
# against the system store, with a certificate for another name, and with
# a self-signed one, and with one the CA issued for TLS clients only --
# each with a line saying why.
. "$OGI_SRCDIR/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"
probe=$OGI_BUILDDIR/tests/net-probe
[ -x "$probe" ] || { echo "net-probe not built: skipped"; exit 77; }

srv_init
srv_sink_start relay
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

# expect RESULT WHAT PROTO TLS HOST PORT [CA]
expect() {
	want=$1 what=$2; shift 2
	out=$("$probe" "$@" 2>&1)
	case "$out" in
	"$want"*) t_pass "$what: $out" ;;
	*) t_fail "$what: expected $want, got: $out" ;;
	esac
}

expect verified "IMAPS, CA file" imap implicit localhost "$SRV_IMAPS" "$SRV_CA"
expect verified "IMAP STARTTLS, CA file" imap starttls localhost "$SRV_IMAP" "$SRV_CA"
expect verified "IMAPS by IP address" imap implicit 127.0.0.1 "$SRV_IMAPS" "$SRV_CA"
expect verified "POP3S, CA file" pop3 implicit localhost "$SRV_POP3S" "$SRV_CA"
expect verified "POP3 STLS, CA file" pop3 starttls localhost "$SRV_POP3" "$SRV_CA"
expect verified "SMTP submission STARTTLS" smtp starttls localhost "$SRV_SUBMISSION" "$SRV_CA"
expect verified "SMTP submissions (465-style)" smtp implicit localhost "$SRV_SUBMISSIONS" "$SRV_CA"
expect refused "our CA is not in the system store" imap implicit localhost "$SRV_IMAPS"
out=$("$probe" imap implicit localhost "$SRV_IMAPS" 2>&1)
case "$out" in
*"not trusted"*|*"signer"*|*"issuer"*) t_pass "the refusal says the signer is unknown" ;;
*) t_fail "the refusal says the signer is unknown: $out" ;;
esac
expect refused "a CA file with no certificate" imap implicit localhost "$SRV_IMAPS" /dev/null

srv_dovecot_stop
srv_dovecot_start wrongname || { t_fail "dovecot restarts"; t_done; exit 1; }
for p in "imap implicit $SRV_IMAPS" "imap starttls $SRV_IMAP" "pop3 implicit $SRV_POP3S" \
	 "pop3 starttls $SRV_POP3" "smtp starttls $SRV_SUBMISSION"; do
	set -- $p
	expect refused "wrong name, $1 $2" "$1" "$2" localhost "$3" "$SRV_CA"
done
out=$("$probe" imap implicit localhost "$SRV_IMAPS" "$SRV_CA" 2>&1)
case "$out" in
*"does not match"*|*"owner"*|*"name"*) t_pass "the refusal names the name mismatch" ;;
*) t_fail "the refusal names the name mismatch: $out" ;;
esac

srv_dovecot_stop
srv_dovecot_start clientonly || { t_fail "dovecot restarts"; t_done; exit 1; }
expect refused "a certificate for TLS clients only, IMAPS" imap implicit localhost "$SRV_IMAPS" "$SRV_CA"
expect refused "a certificate for TLS clients only, SMTP" smtp starttls localhost "$SRV_SUBMISSION" "$SRV_CA"

srv_dovecot_stop
srv_dovecot_start selfsigned || { t_fail "dovecot restarts"; t_done; exit 1; }
expect refused "self-signed, IMAPS" imap implicit localhost "$SRV_IMAPS" "$SRV_CA"
expect refused "self-signed, SMTP STARTTLS" smtp starttls localhost "$SRV_SUBMISSION" "$SRV_CA"
expect refused "self-signed, POP3S" pop3 implicit localhost "$SRV_POP3S" "$SRV_CA"
t_done
