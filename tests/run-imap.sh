#!/bin/sh
# The IMAP intake against a real Dovecot on loopback (tests/lib-servers.sh):
# the corpus gives the same messages and cases as from a Maildir; done =
# move:已处理, delete and seen change the server's Maildir as they say; new
# mail during IDLE is taken at once; a server restart and a connection cut
# in the middle of a message are survived with every message recorded
# once, and so is a new UIDVALIDITY; a message bigger than max_fetch_size
# stays on the server and is recorded once; wrong certificates and a
# password file others can read are refused before any password is sent.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"
t_need jq

srv_init
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }
corpus=$OGI_SRCDIR/tests/corpus

# deliver DIR FILE [TIME]: puts a message into Maildir DIR (the server's or
# a local one) under its own name, received at TIME (Dovecot's INTERNALDATE
# is the file's time), else when its corpus expectation says.
deliver() {
	name=$(basename "$2" .eml)
	cp "$2" "$1/tmp/$name"
	expect=${2%.eml}.expect.json
	if [ $# -gt 2 ]; then
		touch -d "$3" "$1/tmp/$name"
	elif [ -f "$expect" ]; then
		touch -d "$(jq -r .received_at "$expect")" "$1/tmp/$name"
	fi
	[ "$1" = "$SRV_MAILDIR" ] && chown "$(srv_mail_owner)" "$1/tmp/$name"
	mv "$1/tmp/$name" "$1/new/$name"
}

# The server's INBOX and folder F (modified UTF-7 as on disk), emptied.
srv_empty() {
	srv_dovecot_stop
	rm -rf "$SRV_MAILDIR"
	mkdir -p "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" "$SRV_MAILDIR/tmp"
	chown -R "$(srv_mail_owner)" "$SRV_MAILDIR"
	srv_dovecot_start "${1:-good}"
}

# What ogictl shows of a state directory, without the mailbox identity
# (names in a Maildir, UIDVALIDITY/UID on the server) and the source of
# the receipt time, which is the same time: a Maildir name that is no
# delivery name leaves it to the Received: header, IMAP has INTERNALDATE.
shown() {
	t_ogictl "$1" messages --json | jq -S 'map(del(.file, .mailbox))'
	t_ogictl "$1" list --json | jq -S 'map(del(.messages, .received_source))'
}

count() { t_ogictl "$1" messages --json | jq length; }
# Logins Dovecot accepted for the test user so far.
logins() { grep -c "Login: user=<$SRV_USER>" "$SRV_DIR/dovecot/dovecot.log"; }
on_disk() { find "$1" -type f | wc -l; }

# (1) The corpus through IMAP and through a Maildir: the same.
mdir=$(t_state_dir corpus-maildir)
idir=$(srv_imap_dir corpus-imap)
for eml in "$corpus"/*.eml; do
	deliver "$mdir/inbox" "$eml"
	deliver "$SRV_MAILDIR" "$eml"
done
n=$(ls "$corpus"/*.eml | wc -l)
t_ogid "$mdir" --once 2>"$mdir/ogid.log" || t_fail "corpus: ogid on the Maildir"
if t_ogid "$idir" --once 2>"$idir/ogid.log"; then
	t_pass "corpus: ogid --once over IMAPS"
else
	t_fail "corpus: ogid --once over IMAPS"; sed 's/^/    /' "$idir/ogid.log"
fi
shown "$mdir" >"$mdir/shown.json"
shown "$idir" >"$idir/shown.json"
t_check "corpus: all $n messages recorded from IMAP" [ "$(count "$idir")" = "$n" ]
if cmp -s "$mdir/shown.json" "$idir/shown.json"; then
	t_pass "corpus: messages and cases as from the Maildir"
else
	t_fail "corpus: messages and cases as from the Maildir"
	diff "$mdir/shown.json" "$idir/shown.json" | head -40 | sed 's/^/    /'
fi
# The default done is seen: every message still on the server, read.
t_check "corpus: default done leaves all $n on the server" \
	[ "$(on_disk "$SRV_MAILDIR/cur")" = "$n" ]
t_check "corpus: each marked seen (:2,…S)" \
	[ "$(find "$SRV_MAILDIR/cur" -name '*:2,*S*' | wc -l)" = "$n" ]
t_ogid "$idir" --once 2>>"$idir/ogid.log"
t_check "corpus: a second run records nothing more" [ "$(count "$idir")" = "$n" ]
t_check "corpus: Dovecot logged the logins, which (8) counts" [ "$(logins)" -ge 2 ]
# NetEase and Coremail refuse SELECT until the client says who it is.
t_check "corpus: ogid sent ID after login" \
	grep -q 'ID sent: name=ogid' "$SRV_DIR/dovecot/dovecot.log"

# (2) done = move:已处理 empties the INBOX into the folder, created on the
# server in modified UTF-7.
srv_empty
dir=$(srv_imap_dir move "done = move:已处理")
for f in 001-foxmail-form-complete 002-qq-html-table-gb18030 003-163-coremail-table-gbk; do
	deliver "$SRV_MAILDIR" "$corpus/$f.eml"
done
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "move: ogid"
t_check "move: 3 recorded" [ "$(count "$dir")" = 3 ]
t_check "move: INBOX empty" [ "$(on_disk "$SRV_MAILDIR/new")$(on_disk "$SRV_MAILDIR/cur")" = 00 ]
moved="$SRV_MAILDIR/.&XfJZBHQG-"
t_check "move: 3 in .&XfJZBHQG- (已处理)" \
	[ "$(($(on_disk "$moved/new") + $(on_disk "$moved/cur")))" = 3 ]
t_check "move: the folder is subscribed" grep -qx '&XfJZBHQG-' "$SRV_MAILDIR/subscriptions"

# done = delete, over STARTTLS: the INBOX is emptied, nothing kept.
srv_empty
dir=$(srv_imap_dir delete "done = delete" "tls = starttls" "port = $SRV_IMAP")
deliver "$SRV_MAILDIR" "$corpus/001-foxmail-form-complete.eml"
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "delete: ogid"
t_check "delete (STARTTLS): recorded" [ "$(count "$dir")" = 1 ]
t_check "delete: removed from the server" \
	[ "$(find "$SRV_MAILDIR" -path '*/new/*' -o -path '*/cur/*' | wc -l)" = 0 ]

# max_messages bounds one poll; the next takes the rest.
srv_empty
dir=$(srv_imap_dir cap "max_messages = 2")
for f in 001-foxmail-form-complete 002-qq-html-table-gb18030 003-163-coremail-table-gbk; do
	deliver "$SRV_MAILDIR" "$corpus/$f.eml"
done
t_ogid "$dir" --once 2>"$dir/ogid.log"
t_check "max_messages: 2 taken by the first poll" [ "$(count "$dir")" = 2 ]
t_ogid "$dir" --once 2>>"$dir/ogid.log"
t_check "max_messages: the third by the next" [ "$(count "$dir")" = 3 ]

# A server whose clock said 1985 when the mail came: an INTERNALDATE
# before 2000 is no receipt.  The case is numbered and its deadline counted
# from the fetch, and show says so (no Received: header to believe instead).
srv_empty
dir=$(srv_imap_dir clock1985)
t_strip_received "$corpus/001-foxmail-form-complete.eml" >"$dir/clock1985.eml"
deliver "$SRV_MAILDIR" "$dir/clock1985.eml" "1985-07-01T09:00:00+08:00"
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "1985: ogid"
today=$(TZ=Asia/Shanghai date +%F)
t_ogictl "$dir" show "$(t_ogictl "$dir" list --json | jq -r '.[0].id')" --json \
	>"$dir/case.json"
t_check "INTERNALDATE of 1985: the case received today, from the fetch" \
	t_jq "$dir/case.json" --arg d "$today" \
	'(.received_at | startswith($d)) and .received_source == "fetch" and
	 (.id | startswith($d[0:4]))'

# (3) ogid in the background idles; new mail is taken within 2 s.
srv_empty
dir=$(srv_imap_dir idle)
"$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --foreground -v 2>"$dir/ogid.log" &
ogid_pid=$!
idles() { [ "$(grep -c 'idle for up to' "$dir/ogid.log")" -ge "$1" ]; }
has() { [ "$(count "$dir")" = "$1" ]; }
t_check "idle: ogid waits with IDLE" t_wait_for 10 idles 1
deliver "$SRV_MAILDIR" "$corpus/001-foxmail-form-complete.eml"
t_check "idle: new mail recorded within 2 s" t_wait_for 2 has 1

# (4) Dovecot restarted under the idling ogid: it reconnects and goes on.
# (Here `dovecot stop` leaves logged-in sessions running; a restart for an
# upgrade ends them, as the kick does.)
doveadm -c "$SRV_DIR/dovecot/dovecot.conf" kick "$SRV_USER" >/dev/null
srv_dovecot_restart
deliver "$SRV_MAILDIR" "$corpus/002-qq-html-table-gb18030.eml"
t_check "restart: mail after the restart recorded" t_wait_for 20 has 2
t_check "restart: the lost connection is logged" grep -q 'retrying in' "$dir/ogid.log"
kill "$ogid_pid"; wait "$ogid_pid"
t_collect "$dir/ogid.log"
t_check "restart: each recorded once" has 2

# (5) The connection cut in the middle of a message: it stays on the
# server and is recorded once by the next run.  A proxy passes the first
# 2 MB the server sends and then cuts; later connections pass whole.
big=$(t_tmpdir big)
python3 - "$corpus/001-foxmail-form-complete.eml" "$big/8m.eml" <<'PY'
import base64, os, sys
head, _, body = open(sys.argv[1], "rb").read().partition(b"\n\n")
attach = base64.encodebytes(os.urandom(6 << 20))
out = open(sys.argv[2], "wb")
out.write(b"From: big@example.com\nTo: ogi@example.gov.cn\nSubject: big\n"
          b"Message-ID: <big-8m@example.com>\nMIME-Version: 1.0\n"
          b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
          b"Content-Type: text/plain; charset=utf-8\n\nsee attachment\n--b\n"
          b"Content-Type: application/octet-stream\n"
          b"Content-Transfer-Encoding: base64\n\n" + attach + b"--b--\n")
PY
proxy_port=$(srv_free_ports 1)
python3 - "$proxy_port" "$SRV_IMAPS" $((2 << 20)) <<'PY' &
import socket, sys, threading
port, target, cut = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(8)
state = {"cut": False}
def pipe(a, b, limit):
    n = 0
    try:
        while True:
            d = a.recv(65536)
            if not d: break
            n += len(d)
            if limit and n > cut and not state["cut"]:
                state["cut"] = True
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    c, _ = srv.accept()
    s = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pipe, args=(c, s, False), daemon=True).start()
    threading.Thread(target=pipe, args=(s, c, True), daemon=True).start()
PY
srv_pids="$srv_pids $!"
srv_wait_port "$proxy_port"
srv_empty
dir=$(srv_imap_dir cut "port = $proxy_port" "done = move:已处理")
deliver "$SRV_MAILDIR" "$big/8m.eml"
t_ogid "$dir" --once 2>"$dir/ogid.log"
t_check "cut: nothing recorded from the cut connection" has 0
t_check "cut: the lost connection is logged" grep -q 'connection lost' "$dir/ogid.log"
inbox() { echo $(($(on_disk "$SRV_MAILDIR/new") + $(on_disk "$SRV_MAILDIR/cur"))); }
t_check "cut: the message is still in the INBOX" [ "$(inbox)" = 1 ]
t_ogid "$dir" --once 2>>"$dir/ogid.log" || t_fail "cut: second run"
t_check "cut: recorded once by the next run" has 1
t_check "cut: its whole content kept" \
	[ "$(find "$dir/state/raw" -name '*.eml' -size +7M | wc -l)" = 1 ]
t_check "cut: then moved" [ "$(inbox)" = 0 ]

# (6) A new UIDVALIDITY: every message has a new identity, nothing is
# registered twice.  The corpus directory of (1) still has its messages on
# the server, read; Dovecot forgets its UIDs and keywords.
srv_dovecot_stop
srv_empty
for f in 001-foxmail-form-complete 002-qq-html-table-gb18030 003-163-coremail-table-gbk; do
	deliver "$SRV_MAILDIR" "$corpus/$f.eml"
done
dir=$(srv_imap_dir uidvalidity)
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "uidvalidity: first run"
t_ogictl "$dir" list --json | jq length >"$dir/cases.before"
srv_dovecot_stop
rm -f "$SRV_MAILDIR"/dovecot-uidlist "$SRV_MAILDIR"/dovecot-uidvalidity* \
	"$SRV_MAILDIR"/dovecot-keywords "$SRV_MAILDIR"/dovecot.index*
sleep 1   # a new UIDVALIDITY is the time in seconds
srv_dovecot_start
t_ogid "$dir" --once 2>"$dir/ogid2.log" || t_fail "uidvalidity: second run"
t_check "uidvalidity: the messages were fetched again and recognised" \
	[ "$(grep -c 'already recorded' "$dir/ogid2.log")" = 3 ]
t_check "uidvalidity: still 3 messages" has 3
t_check "uidvalidity: no new case" \
	[ "$(t_ogictl "$dir" list --json | jq length)" = "$(cat "$dir/cases.before")" ]

# (7) A message bigger than max_fetch_size stays on the server, recorded
# once (its header) for the office.
srv_empty
dir=$(srv_imap_dir toobig "max_fetch_size = 1M" "done = move:已处理")
deliver "$SRV_MAILDIR" "$big/8m.eml"
deliver "$SRV_MAILDIR" "$corpus/001-foxmail-form-complete.eml"
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "toobig: first run"
t_ogid "$dir" --once 2>>"$dir/ogid.log" || t_fail "toobig: second run"
t_ogictl "$dir" messages --json >"$dir/m.json"
t_check "toobig: two messages, one record each" t_jq "$dir/m.json" 'length == 2'
t_check "toobig: recorded for the office as too big to fetch" t_jq "$dir/m.json" \
	'map(select(.problems | any(test("too big to fetch")))) | length == 1 and .[0].disposition == "needs_review"'
t_check "toobig: the warning said once" [ "$(grep -c 'warning: .*too big to fetch' "$dir/ogid.log")" = 1 ]
t_check "toobig: left in the INBOX, flagged" \
	[ "$(find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f -name '*:2,*F*' | wc -l)" = 1 ]
t_check "toobig: not copied whole" [ "$(find "$dir/state/raw" -name '*.eml' -size +1M | wc -l)" = 0 ]

# (8) A certificate for another name, a self-signed one: refused with the
# reason in the log, and no LOGIN reaches the server.
for cert in wrongname selfsigned; do
	srv_empty "$cert"
	deliver "$SRV_MAILDIR" "$corpus/001-foxmail-form-complete.eml"
	dir=$(srv_imap_dir "cert-$cert")
	before=$(logins)
	t_check_fails "$cert: ogid --once reports the refusal" \
		t_ogid "$dir" --once 2>"$dir/ogid.log"
	t_check "$cert: the log says the certificate was refused" \
		grep -q 'refused before login.*certificate' "$dir/ogid.log"
	t_check "$cert: no login reached the server" [ "$(logins)" = "$before" ]
	t_check "$cert: nothing recorded" has 0
done
srv_empty

# (9) A password file others can read: ogid refuses to start.
dir=$(srv_imap_dir readable)
chmod 644 "$dir/pass"
before=$(logins)
t_check_fails "readable password file: refused" \
	t_ogid "$dir" --once 2>"$dir/ogid.log"
t_check "readable password file: the reason is given" \
	grep -q 'readable by group or others' "$dir/ogid.log"
t_check "readable password file: no login" [ "$(logins)" = "$before" ]

t_done
