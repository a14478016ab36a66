#!/bin/sh
# SMTP submission against real servers on loopback: Dovecot's submission
# service (STARTTLS and implicit TLS, AUTH, relaying to Postfix's
# smtp-sink, which dumps what it receives) and smtp-sink alone for server
# errors.  Checked: the message as received (envelope, headers, the PDF
# with its RFC 2231 name), a 4xx and then success, a 5xx that fails at
# once, and certificates for another name or self-signed refused before
# any password is sent.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq

srv_init
srv_sink_start relay
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

# conf DIR HOST PORT TLS [AUTH]: a state dir sending through that server.
conf() {
	d=$(t_state_dir "$1")
	srv_password_file "$d/smtp.pass"
	cat >>"$d/ogid.conf" <<CONF

[office]
email = ysqgk@example.gov.cn

[smtp]
host = $2
port = $3
tls = $4
ca_file = $SRV_CA
from = 政务公开办公室 <ysqgk@example.gov.cn>
retry = 1s 1s 1s
timeout = 10
CONF
	[ "${5:-}" = auth ] && printf 'user = %s\npassword_file = %s\n' \
		"$SRV_USER" "$d/smtp.pass" >>"$d/ogid.conf"
	echo "$d"
}

# state DIR ID: the outbox row's state.
state() {
	"$OGI_BUILDDIR/ogictl" -c "$1/ogid.conf" outbox --json 2>/dev/null |
		jq -r ".[] | select(.id == $2) | .state"
}

# --- 587 STARTTLS with AUTH, relayed to the sink -------------------------
d=$(conf starttls localhost "$SRV_SUBMISSION" starttls auth)
out=$(t_ogictl "$d" send-test applicant@example.com)
t_check "STARTTLS + AUTH: sent ($out)" sh -c "echo '$out' | grep -q '^outbox 1: sent: 250'"
sleep 1
set -- "$SRV_DIR"/sink-relay/*
dump=$1
t_check "the sink received one message" test "$#" = 1 -a -f "$dump"
tr -d '\r' <"$dump" >"$d/received.eml"
t_check "MAIL FROM the signed VERP address" \
	grep -Eq '^X-Mail-Args: <bounce\+1-[0-9a-f]{16}@example\.gov\.cn>' "$d/received.eml"
t_check "RCPT TO the recipient" grep -q '^X-Rcpt-Args: <applicant@example.com>' "$d/received.eml"
t_check "From: the office's name, RFC 2047" \
	grep -q '^From: =?UTF-8?B?5pS/5Yqh5YWs5byA5Yqe5YWs5a6k?= <ysqgk@example.gov.cn>$' "$d/received.eml"
t_check "the loop header" grep -q '^X-OGI-Loop: example.gov.cn$' "$d/received.eml"
t_check "the PDF's name, RFC 2231" grep -q "filename\*0\*=UTF-8''%E6%B5%8B%E8%AF%95" "$d/received.eml"
t_check "dot-stuffing and line ends undone: the body is intact" \
	grep -q '^--=_ogi_.*--$' "$d/received.eml"
t_check_own_mail "$d" "$d/received.eml"
t_check_outbox "$d" "one attempt, recorded with the server's reply" \
	'.[0].state == "sent" and .[0].attempts == 1 and (.[0].last_status | startswith("250"))'

# --- 465 implicit TLS ------------------------------------------------------
d=$(conf implicit localhost "$SRV_SUBMISSIONS" implicit auth)
out=$(t_ogictl "$d" send-test applicant@example.com)
t_check "implicit TLS + AUTH: sent ($out)" sh -c "echo '$out' | grep -q '^outbox 1: sent: 250'"

# --- a wrong password: not sent, retried -----------------------------------
d=$(conf badpass localhost "$SRV_SUBMISSION" starttls auth)
echo wrong >"$d/smtp.pass"
t_ogictl "$d" send-test applicant@example.com >/dev/null 2>"$d/err" || :
t_check "a refused password delays the message" test "$(state "$d" 1)" = delayed

# --- 4xx, then success -----------------------------------------------------
srv_sink_start sink -r RCPT
d=$(conf soft 127.0.0.1 "$SRV_PORT_sink" none)
t_ogictl "$d" send-test applicant@example.com >/dev/null || :
t_check_outbox "$d" "4xx: delayed, the reply kept" \
	'.[0].state == "delayed" and .[0].attempts == 1 and (.[0].last_status | startswith("4"))'
srv_sink_stop sink
srv_sink_start sink
sleep 2
t_ogid "$d" --once
t_check_outbox "$d" "then success on the retry" \
	'.[0].state == "sent" and .[0].attempts == 2'
srv_sink_stop sink

# --- 5xx: failed at once -----------------------------------------------------
srv_sink_start sink -f RCPT
d=$(conf hard 127.0.0.1 "$SRV_PORT_sink" none)
t_ogictl "$d" send-test applicant@example.com >/dev/null || :
t_check_outbox "$d" "5xx: failed after one attempt" \
	'.[0].state == "failed" and .[0].attempts == 1 and (.[0].last_status | startswith("5"))'
srv_sink_stop sink

# --- certificates refused before AUTH --------------------------------------
for cert in wrongname selfsigned; do
	srv_dovecot_stop
	srv_dovecot_start "$cert" || { t_fail "dovecot starts with $cert"; continue; }
	before=$(ls "$SRV_DIR"/sink-relay | wc -l)
	log_lines=$(wc -l <"$SRV_DIR/dovecot/dovecot.log")
	for mode in starttls implicit; do
		port=$SRV_SUBMISSION
		[ "$mode" = implicit ] && port=$SRV_SUBMISSIONS
		d=$(conf "$cert-$mode" localhost "$port" "$mode" auth)
		t_ogictl "$d" send-test applicant@example.com >/dev/null 2>"$d/err" || :
		t_check_outbox "$d" "$cert certificate ($mode): refused, not sent" \
			'.[0].state == "delayed" and (.[0].last_status | test("certificate"))'
	done
	t_check "$cert: nothing reached the relay" \
		test "$(ls "$SRV_DIR"/sink-relay | wc -l)" = "$before"
	t_check "$cert: no login was attempted" \
		sh -c "! tail -n +$((log_lines + 1)) '$SRV_DIR/dovecot/dovecot.log' | grep -q 'user=<$SRV_USER>'"
done

t_done
