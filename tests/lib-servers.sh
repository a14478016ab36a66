# Real mail servers on loopback for the network tests; sourced after
# tests/lib.sh.  Everything lives under one directory of the test's
# ($t_root) and is stopped by srv_stop_all (called from the EXIT trap that
# srv_init installs): nothing listens on anything but 127.0.0.1.
#
#   srv_init                  certificates (srv_certs) and free ports
#   srv_dovecot_start [CERT]  Dovecot: IMAP, POP3 and submission, plain and
#                             TLS; CERT is good (default), wrongname,
#                             clientonly or selfsigned; one user $SRV_USER / $SRV_PASS
#                             whose INBOX is the Maildir $SRV_MAILDIR
#   srv_dovecot_stop, srv_dovecot_restart
#   srv_sink_start NAME [SMTP-SINK OPTIONS...]
#                             Postfix's smtp-sink on $SRV_PORT_<NAME>'s port,
#                             every message dumped under $SRV_DIR/sink-NAME/
#   srv_deliver FILE...       puts messages into the user's INBOX (new/)
#   srv_password_file FILE    $SRV_PASS written to FILE, mode 0600 (what
#                             ogid demands of a password_file)
#   srv_imap_dir NAME [LINE...]
#                             a test directory whose ogid.conf takes mail
#                             from the user's INBOX over IMAPS (each LINE
#                             added to the intake); prints its path
#
# Ports: SRV_IMAP SRV_IMAPS SRV_POP3 SRV_POP3S SRV_SUBMISSION SRV_SUBMISSIONS
# (Dovecot's submission relays to the sink named "relay").  The CA that
# signed the good and the wrong-name certificates: $SRV_CA.
# The package install is contrib/install-deps.sh's; a missing server skips
# the test (exit 77), as t_need does.

SRV_USER=ysqgk
SRV_PASS='t3st-Pa55!word'
SRV_DIR=$t_root/servers
SRV_MAILDIR=$SRV_DIR/home/$SRV_USER/Maildir
SRV_CA=$SRV_DIR/certs/ca.pem
srv_pids=""

srv_need() {
	for srv_tool in /usr/sbin/dovecot /usr/sbin/smtp-sink openssl python3; do
		[ -x "$srv_tool" ] || command -v "$srv_tool" >/dev/null 2>&1 ||
			{ echo "$srv_tool not found: skipped"; exit 77; }
	done
}

# N free TCP ports on 127.0.0.1, one per line, drawn at random below the
# kernel's ephemeral range (ip_local_port_range).  A port from that range
# (bind to port 0) can be taken, while a server is restarted, as the local
# port of any outgoing connection on the machine, a parallel test's
# included; Linux then refuses the server's listen (EADDRINUSE), which
# failed run-imap.sh's restart once in CI.  Below the range only another
# program choosing the same port at random can take it.
srv_free_ports() {
	python3 - "$1" <<'PY'
import random, socket, sys
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError, IndexError):
    low = 32768
socks = []
tries = 0
while len(socks) < int(sys.argv[1]):
    s = socket.socket()
    tries += 1
    try:
        s.bind(("127.0.0.1", random.randrange(10000, low) if low > 11024 and tries < 1000 else 0))
    except OSError:
        s.close()
        continue
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
PY
}

# The mail user's uid:gid.  As root Dovecot runs the mail processes as
# nobody (it refuses uid 0); as anyone else, as that user.
srv_mail_owner() {
	if [ "$(id -u)" = 0 ]; then echo "65534:65534"; else echo "$(id -u):$(id -g)"; fi
}

# A CA, a certificate it signed for localhost and 127.0.0.1 (good), one it
# signed for another name (wrongname), one for the right name but only for
# TLS clients (clientonly), and a self-signed one for localhost.
srv_certs() {
	c=$SRV_DIR/certs
	mkdir -p "$c"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ogi test CA" \
		-keyout "$c/ca.key" -out "$c/ca.pem" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	srv_leaf good "DNS:localhost,IP:127.0.0.1" localhost
	srv_leaf wrongname "DNS:mail.wrong.example" mail.wrong.example
	srv_leaf clientonly "DNS:localhost,IP:127.0.0.1" localhost clientAuth
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$c/selfsigned.key" -out "$c/selfsigned.pem" 2>/dev/null
}

srv_leaf() {
	c=$SRV_DIR/certs
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$3" \
		-keyout "$c/$1.key" -out "$c/$1.csr" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$2" "${4:-serverAuth}" \
		>"$c/$1.ext"
	openssl x509 -req -in "$c/$1.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" \
		-CAcreateserial -days 2 -extfile "$c/$1.ext" -out "$c/$1.pem" 2>/dev/null
}

srv_init() {
	srv_need
	mkdir -p "$SRV_DIR"
	# The servers' unprivileged processes must reach their directories.
	chmod 755 "$t_root" "$SRV_DIR"
	srv_certs
	set -- $(srv_free_ports 8)
	SRV_IMAP=$1 SRV_IMAPS=$2 SRV_POP3=$3 SRV_POP3S=$4
	SRV_SUBMISSION=$5 SRV_SUBMISSIONS=$6 SRV_PORT_relay=$7 SRV_PORT_sink=$8
	mkdir -p "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" "$SRV_MAILDIR/tmp"
	chown -R "$(srv_mail_owner)" "$SRV_DIR/home"
	trap 'srv_stop_all; [ "$t_failed" = 0 ] && rm -rf "$t_root"' EXIT
}

srv_dovecot_conf() {
	d=$SRV_DIR/dovecot
	owner=$(srv_mail_owner)
	if [ "$(id -u)" = 0 ]; then
		login_user=dovenull internal_user=dovecot
	else
		login_user=$(id -un) internal_user=$(id -un)
	fi
	mkdir -p "$d/run" "$d/lib"
	printf '%s:{PLAIN}%s:%s::%s/home/%s\n' "$SRV_USER" "$SRV_PASS" \
		"$owner" "$SRV_DIR" "$SRV_USER" >"$d/passwd"
	cat >"$d/dovecot.conf" <<CONF
base_dir = $d/run
state_dir = $d/lib
log_path = $d/dovecot.log
protocols = imap pop3 submission
listen = 127.0.0.1
ssl = yes
ssl_cert = <$SRV_DIR/certs/$1.pem
ssl_key = <$SRV_DIR/certs/$1.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = 1
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xv%08Xu
submission_relay_host = 127.0.0.1
submission_relay_port = $SRV_PORT_relay
submission_relay_trusted = yes
hostname = localhost
# Logs the ID a client sends: run-imap.sh checks ogid sends one.
imap_id_log = *
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/passwd
}
service imap-login {
  inet_listener imap {
    port = $SRV_IMAP
  }
  inet_listener imaps {
    port = $SRV_IMAPS
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $SRV_POP3
  }
  inet_listener pop3s {
    port = $SRV_POP3S
    ssl = yes
  }
}
service submission-login {
  inet_listener submission {
    port = $SRV_SUBMISSION
  }
  inet_listener submissions {
    port = $SRV_SUBMISSIONS
    ssl = yes
  }
}
CONF
}

# Waits until port accepts connections (up to 10 s).
srv_wait_port() {
	python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

srv_dovecot_start() {
	srv_dovecot_conf "${1:-good}"
	# The master exits at once when a listener cannot bind; the old
	# instance's last processes may still hold a port for a moment.
	for try in 1 2 3 4 5 6; do
		/usr/sbin/dovecot -c "$SRV_DIR/dovecot/dovecot.conf" && break
		[ "$try" = 6 ] && return 1
		sleep 1
	done
	srv_dovecot_cert=${1:-good}
	for p in "$SRV_IMAP" "$SRV_IMAPS" "$SRV_POP3" "$SRV_POP3S" "$SRV_SUBMISSION"; do
		srv_wait_port "$p" || { echo "dovecot did not listen on $p" >&2
			cat "$SRV_DIR/dovecot/dovecot.log" >&2; return 1; }
	done
}

srv_dovecot_stop() {
	[ -f "$SRV_DIR/dovecot/dovecot.conf" ] || return 0
	/usr/sbin/dovecot -c "$SRV_DIR/dovecot/dovecot.conf" stop 2>/dev/null || true
	# The master removes its pid file when every child has gone.
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -f "$SRV_DIR/dovecot/run/master.pid" ] || return 0
		sleep 0.25
	done
}

srv_dovecot_restart() {
	srv_dovecot_stop
	srv_dovecot_start "$srv_dovecot_cert"
}

srv_sink_start() {
	name=$1; shift
	eval "port=\$SRV_PORT_$name"
	dir=$SRV_DIR/sink-$name
	mkdir -p "$dir"
	user=""
	if [ "$(id -u)" = 0 ]; then
		chown postfix "$dir"
		user="-u postfix"
	fi
	# shellcheck disable=SC2086
	/usr/sbin/smtp-sink $user -d "$dir/%Y%m%d%H%M%S." "$@" \
		"127.0.0.1:$port" 64 >"$SRV_DIR/sink-$name.log" 2>&1 &
	srv_pids="$srv_pids $!"
	eval "SRV_SINK_PID_$name=$!"
	srv_wait_port "$port"
}

srv_sink_stop() {
	eval "pid=\${SRV_SINK_PID_$1:-}"
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	eval "SRV_SINK_PID_$1="
	return 0
}

srv_deliver() {
	for f in "$@"; do
		n=$(date +%s).$$_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ').localhost
		cp "$f" "$SRV_MAILDIR/tmp/$n"
		chown "$(srv_mail_owner)" "$SRV_MAILDIR/tmp/$n"
		mv "$SRV_MAILDIR/tmp/$n" "$SRV_MAILDIR/new/$n"
	done
}

srv_password_file() {
	printf '%s\n' "$SRV_PASS" >"$1"
	chmod 600 "$1"
}

srv_imap_dir() {
	d=$(t_tmpdir "$1"); shift
	srv_password_file "$d/pass"
	t_ogid_conf "$d"
	cat >>"$d/ogid.conf" <<CONF
poll_interval = 5

[intake.mail]
driver = imap
host = localhost
port = $SRV_IMAPS
ca_file = $SRV_CA
user = $SRV_USER
password_file = $d/pass
channel = mail
CONF
	for line in "$@"; do echo "$line" >>"$d/ogid.conf"; done
	echo "$d"
}

# srv_office_conf FILE [LINE...]: appends to FILE what a state directory
# needs to send letters through the sink started as "sink" (srv_sink_start
# sink): the office and templates of t_office_conf (each LINE added to
# [office]), and last [smtp] to the sink (srv_smtp_conf).
srv_office_conf() {
	t_office_conf "$@"
	srv_smtp_conf "$1"
}

# srv_smtp_conf FILE: appends to FILE an [smtp] section that sends to the
# sink started as "sink", so that a test may add keys to it.
srv_smtp_conf() {
	cat >>"$1" <<CONF

[smtp]
host = 127.0.0.1
port = $SRV_PORT_sink
tls = none
from = 政务公开办公室 <ysqgk@example.gov.cn>
timeout = 10
CONF
}

# srv_mails TO: how many messages the sink "sink" received for TO.
srv_mails() {
	grep -l "^X-Rcpt-Args: <$1>" "$SRV_DIR"/sink-sink/* 2>/dev/null | wc -l
}

srv_stop_all() {
	srv_dovecot_stop
	for p in $srv_pids; do
		kill "$p" 2>/dev/null
	done
	return 0
}
