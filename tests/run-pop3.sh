#!/bin/sh
# POP3 intake against a real Dovecot on loopback (tests/lib-servers.sh):
# (1) the corpus fetched over POP3S is registered as a Maildir run of the
# same files registers it; (2) done = keep fetches nothing twice; done =
# delete empties the maildrop, and deletions whose QUIT fails do not
# happen and register nothing twice; (3) STLS and POP3S with the good
# certificate, a wrong-name or self-signed one refused before any login;
# (4) Dovecot restarted in the middle of a run: the next run completes,
# nothing twice; (5) a message over max_fetch_size stays on the server and
# is recorded for the office once; a connection cut in the middle of a
# message; the daemon opens a session per poll;
# (6) a server of our own sends what
# Dovecot never does: dot-stuffed lines, bare CRs, UIDLs RFC 1939 does not
# allow, a message far longer than LIST said.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq python3

corpus="$OGI_SRCDIR/tests/corpus"

srv_init
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

# pop3_dir NAME [KEY=VALUE...]: a state directory whose one intake is the
# Dovecot user's POP3 maildrop, over POP3S with the test CA; the pairs are
# added to (or override) the intake section.
pop3_dir() {
	d=$(t_state_dir "$1"); shift
	printf '%s\n' "$SRV_PASS" >"$d/pass"
	chmod 600 "$d/pass"
	{
		sed '/^\[intake.mail\]/,$d' "$d/ogid.conf"
		echo "[intake.mail]"
		for kv in driver=pop3 host=localhost "port=$SRV_POP3S" tls=implicit \
			  "ca_file=$SRV_CA" "user=$SRV_USER" "password_file=$d/pass" \
			  channel=mail "$@"; do
			key=${kv%%=*}
			for o in "$@"; do
				[ "${o%%=*}" = "$key" ] && [ "$o" != "$kv" ] && continue 2
			done
			echo "$key = ${kv#*=}"
		done
	} >"$d/ogid.conf.new"
	mv "$d/ogid.conf.new" "$d/ogid.conf"
	echo "$d"
}

# deliver FILE...: into the maildrop in the order given (Dovecot numbers
# new mail in the order of the Maildir names), as a Maildir run takes them.
deliver_seq=0
deliver() {
	for f in "$@"; do
		deliver_seq=$((deliver_seq + 1))
		n=$(date +%s).M$(printf %06d $deliver_seq)P$$.localhost
		cp "$f" "$SRV_MAILDIR/tmp/$n"
		chown "$(srv_mail_owner)" "$SRV_MAILDIR/tmp/$n"
		mv "$SRV_MAILDIR/tmp/$n" "$SRV_MAILDIR/new/$n"
	done
}

# wait_for SECONDS COMMAND...: polls every 0.1 s until the command succeeds.
wait_for() {
	tries=$(($1 * 10)); shift
	while [ "$tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

maildrop_count() {
	find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f | wc -l
}

recorded() { t_ogictl "$1" messages --json | jq length; }

# Dovecot's log lines of POP3 logins so far.
logins() { grep -c 'pop3-login: Info: Login:' "$SRV_DIR/dovecot/dovecot.log"; }

# proxy MODE: a plain TCP proxy to Dovecot's POP3 port, on $proxy_port.
# drop-quit: the first QUIT a client sends closes both sides (the server
# never sees it), later connections pass untouched; cut: the first
# connection to carry more than 64 KB from the server is closed there, the
# next one when the client sends RETR, the next when it sends UIDL, later
# ones pass; slow: every piece the server sends is held for 30 ms.
proxy() {
	proxy_port=$(srv_free_ports 1)
	python3 - "$proxy_port" "$SRV_POP3" "$1" <<'PY' &
import socket, sys, threading, time
port, target, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(8)
state = {"dropped": False, "cuts": 0}
def pipe(a, b, upstream):
    sent = 0
    try:
        while True:
            d = a.recv(65536)
            if not d: break
            if mode == "drop-quit" and not upstream and b"QUIT" in d \
               and not state["dropped"]:
                state["dropped"] = True
                break
            sent += len(d)
            if mode == "cut" and upstream and sent > 65536 and state["cuts"] == 0:
                state["cuts"] = 1
                break
            if mode == "cut" and not upstream and state["cuts"] in (1, 2) \
               and (b"RETR", b"UIDL")[state["cuts"] - 1] in d:
                state["cuts"] += 1
                break
            if mode == "slow" and upstream:
                time.sleep(0.03)
            b.sendall(d)
    except OSError:
        pass
    for x in (a, b):
        try: x.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    c, _ = srv.accept()
    s = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pipe, args=(c, s, False), daemon=True).start()
    threading.Thread(target=pipe, args=(s, c, True), daemon=True).start()
PY
	proxy_pid=$!
	srv_pids="$srv_pids $proxy_pid"
	srv_wait_port "$proxy_port"
}

# registry_view DIR: what the registry of DIR holds, keyed by Message-ID
# and with every name the mailbox chose (file, uid, case number) replaced
# by the Message-IDs behind it; receipt times taken from the mailbox (file
# time, time of fetch) compared by date only.
registry_view() {
	t_ogictl "$1" messages --json >"$1/messages.json"
	for id in $(jq -r '.[].case // empty' "$1/messages.json" | sort -u); do
		t_ogictl "$1" show "$id" --json
	done | jq -s . >"$1/cases.json"
	python3 - "$1/messages.json" "$1/cases.json" <<'PY'
import json, sys
msgs = json.load(open(sys.argv[1]))
cases = json.load(open(sys.argv[2]))
key = {m["file"]: m["message_id"] or (m["from"], m["subject"]) for m in msgs}
name = {c["id"]: " ".join(sorted(str(key[f]) for f in c["messages"])) for c in cases}
def canon(v):
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return [canon(x) for x in v]
    return name.get(v, v) if isinstance(v, str) else v
out = {}
for m in msgs:
    m = canon(m)
    del m["file"], m["mailbox"]
    m["received_at"] = m["received_at"][:10]
    out.setdefault(str(m["message_id"]), []).append(m)
for c in cases:
    c = canon(c)
    c["messages"] = sorted(str(key[f]) for f in c["messages"])
    if c["received_source"] in ("mtime", "fetch"):
        c["received_at"], c["received_source"] = c["received_at"][:10], "mailbox"
    out.setdefault(c["id"], []).append(c)
print(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1))
PY
}

# --- (1) the corpus over POP3S, as a Maildir run registers it ------------
deliver "$corpus"/*.eml
count=$(ls "$corpus"/*.eml | wc -l)
pop=$(pop3_dir corpus-pop3)
t_ogid "$pop" --once 2>"$pop/ogid.log"
t_check "corpus: ogid --once over POP3S exits 0" [ $? = 0 ]
md=$(t_state_dir corpus-maildir)
for eml in "$corpus"/*.eml; do
	cp "$eml" "$md/inbox/new/$(basename "$eml" .eml)"
done
t_ogid "$md" --once 2>"$md/ogid.log" || t_fail "corpus: the Maildir run failed"
registry_view "$pop" >"$pop/view.json"
registry_view "$md" >"$md/view.json"
t_check "corpus: all $count messages registered over POP3" \
	[ "$(jq length "$pop/messages.json")" = "$count" ]
# Byte for byte: dot-stuffing undone (ten Outlook messages have lines
# starting with '.') and the wire's CRLF back to the LF a Maildir keeps.
python3 - "$corpus"/*.eml >"$pop/want.sha" <<'PY'
import hashlib, sys
for f in sys.argv[1:]:
    print(hashlib.sha256(open(f, "rb").read().replace(b"\r\n", b"\n")).hexdigest() + ".eml")
PY
sort -o "$pop/want.sha" "$pop/want.sha"
t_check "corpus: each message spooled byte for byte, line ends as LF" \
	sh -c "find '$pop/state/raw' -name '*.eml' -printf '%f\n' | sort | cmp -s - '$pop/want.sha'"
if cmp -s "$pop/view.json" "$md/view.json"; then
	t_pass "corpus: kinds, verdicts and case fields as in the Maildir run"
else
	t_fail "corpus: kinds, verdicts and case fields as in the Maildir run"
	diff "$md/view.json" "$pop/view.json" | head -40
fi

# --- (2) done = keep (the default): nothing leaves the server, nothing is
# fetched or registered twice ---------------------------------------------
t_check "keep: every message is still on the server" [ "$(maildrop_count)" = "$count" ]
grep 'pop3(' "$SRV_DIR/dovecot/dovecot.log" >"$pop/dovecot.before"
t_ogid "$pop" --once 2>"$pop/ogid2.log" || t_fail "keep: the second run failed"
t_ogictl "$pop" messages --json >"$pop/messages2.json"
t_check "keep: the second run registers nothing" \
	cmp -s "$pop/messages.json" "$pop/messages2.json"
t_check "keep: the second run fetches nothing (Dovecot: retr=0)" \
	sh -c "grep 'pop3(' '$SRV_DIR/dovecot/dovecot.log' | grep -vxFf '$pop/dovecot.before' |
		grep -q 'retr=0/0, del=0/'"

# --- done = delete: the maildrop is empty after the run ------------------
del=$(pop3_dir delete done=delete)
t_ogid "$del" --once 2>"$del/ogid.log" || t_fail "delete: ogid failed"
t_check "delete: the corpus registered" [ "$(t_ogictl "$del" messages --json | jq length)" = "$count" ]
t_check "delete: the maildrop is empty (checked on disk)" [ "$(maildrop_count)" = 0 ]

# With delete, max_messages bounds a poll; the rest wait for the next.
deliver "$corpus/005-iphone-prose-utf8-8bit.eml" "$corpus/006"*.eml "$corpus/007"*.eml
cap=$(pop3_dir cap done=delete max_messages=2)
t_ogid "$cap" --once 2>"$cap/ogid.log" || t_fail "cap: ogid failed"
t_check "cap: max_messages = 2 takes two of three" \
	[ "$(recorded "$cap")" = 2 -a "$(maildrop_count)" = 1 ]
t_ogid "$cap" --once 2>>"$cap/ogid.log" || t_fail "cap: the next run failed"
t_check "cap: the next poll takes the third" \
	[ "$(recorded "$cap")" = 3 -a "$(maildrop_count)" = 0 ]

# A QUIT that fails: the server applies no DELE, every message stays, and
# the next run deletes them without registering anything again.
deliver "$corpus/001-foxmail-form-complete.eml" "$corpus/002-qq-html-table-gb18030.eml" \
	"$corpus/003-163-coremail-table-gbk.eml"
proxy drop-quit
quit=$(pop3_dir quit done=delete tls=none "port=$proxy_port")
t_ogid "$quit" --once 2>"$quit/ogid.log"
t_check "QUIT lost: the three messages registered" [ "$(recorded "$quit")" = 3 ]
t_check "QUIT lost: said in the log" grep -q 'QUIT was not answered +OK' "$quit/ogid.log"
t_check "QUIT lost: all three still in the maildrop" [ "$(maildrop_count)" = 3 ]
t_ogid "$quit" --once 2>>"$quit/ogid.log" || t_fail "QUIT lost: the next run failed"
t_check "QUIT lost: the next run registers nothing twice" [ "$(recorded "$quit")" = 3 ]
t_check "QUIT lost: the next run deletes them" [ "$(maildrop_count)" = 0 ]
kill "$proxy_pid"

# A message without a Received: header is dated by the time of fetch.
t_strip_received "$corpus/001-foxmail-form-complete.eml" >"$del/noreceived.eml"
deliver "$del/noreceived.eml"
t_ogid "$del" --once 2>>"$del/ogid.log" || t_fail "no Received: ogid failed"
t_check "no Received: the receipt time is the time of fetch, and says so" \
	sh -c "'$OGI_BUILDDIR/ogictl' -c '$del/ogid.conf' list --json |
		jq -e --arg d \"\$(TZ=Asia/Shanghai date +%F)\" \
		'[.[] | select(.received_source == \"fetch\")] | length == 1 and
		 (.[0].received_at | startswith(\$d))'"

# --- (3) STLS with the good certificate; a wrong name and a self-signed
# certificate refused before USER/PASS ------------------------------------
deliver "$corpus/004-outlook-wordhtml-gb2312-gbkchars.eml"
stls=$(pop3_dir stls tls=starttls "port=$SRV_POP3")
t_ogid "$stls" --once 2>"$stls/ogid.log"
t_check "STLS: ogid exits 0" [ $? = 0 ]
t_check "STLS: the message registered" [ "$(recorded "$stls")" = 1 ]
for cert in wrongname selfsigned; do
	srv_dovecot_stop
	srv_dovecot_start "$cert" || { t_fail "dovecot starts with $cert"; continue; }
	for mode in "implicit $SRV_POP3S" "starttls $SRV_POP3"; do
		set -- $mode
		dir=$(pop3_dir "$cert-$1" "tls=$1" "port=$2")
		before=$(logins)
		t_ogid "$dir" --once 2>"$dir/ogid.log"
		t_check "$cert, $1: ogid --once exits 1" [ $? = 1 ]
		t_check "$cert, $1: refused, saying why" grep -q 'certificate' "$dir/ogid.log"
		t_check "$cert, $1: no login reached Dovecot" [ "$(logins)" = "$before" ]
		t_check "$cert, $1: nothing registered" [ "$(recorded "$dir")" = 0 ]
	done
done
t_check "the logins are counted" [ "$(logins)" -gt 0 ]
srv_dovecot_stop
srv_dovecot_start good || { t_fail "dovecot restarts"; t_done; exit 1; }
find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f -delete

# --- (4) Dovecot restarted in the middle of a run -------------------------
deliver "$corpus"/*.eml
proxy slow
restart=$(pop3_dir restart done=delete tls=none "port=$proxy_port")
"$OGI_BUILDDIR/ogid" -c "$restart/ogid.conf" --foreground --once 2>"$restart/ogid.log" &
ogid_pid=$!
n=0
until grep -q 'registered' "$restart/ogid.log" 2>/dev/null || [ $n -ge 300 ]; do
	sleep 0.1; n=$((n + 1))
done
# `dovecot stop` leaves logged-in sessions running; a restart for an
# upgrade ends them, as the kick does.
doveadm -c "$SRV_DIR/dovecot/dovecot.conf" kick "$SRV_USER" >/dev/null
srv_dovecot_restart
wait "$ogid_pid"
rc=$?
t_collect "$restart/ogid.log"
first=$(recorded "$restart")
t_check "restart: the run was cut short ($first of $count registered)" \
	[ "$rc" = 1 -a "$first" -gt 0 -a "$first" -lt "$count" ]
t_ogid "$restart" --once 2>>"$restart/ogid.log" || t_fail "restart: the next run failed"
t_check "restart: the next run completes, each message once" [ "$(recorded "$restart")" = "$count" ]
t_check "restart: each message id once" [ "$(t_ogictl "$restart" messages --json |
	jq '[.[].message_id] | unique | length')" = "$count" ]
t_check "restart: the maildrop is empty" [ "$(maildrop_count)" = 0 ]
kill "$proxy_pid"

# --- (5) a message over max_fetch_size: its header alone is kept, it
# stays on the server, recorded once for the office -----------------------
python3 - "$t_root/big.eml" <<'PY'
import base64, os, sys
open(sys.argv[1], "wb").write(
    b"From: big@example.com\nTo: ogi@example.gov.cn\nSubject: big\n"
    b"Message-ID: <big-pop3@example.com>\nMIME-Version: 1.0\n"
    b"Content-Type: application/octet-stream\n"
    b"Content-Transfer-Encoding: base64\n\n" +
    base64.encodebytes(os.urandom(96 << 10)))
PY
deliver "$t_root/big.eml"
big=$(pop3_dir big done=delete max_fetch_size=64K)
t_ogid "$big" --once 2>"$big/ogid.log" || t_fail "big: ogid failed"
t_ogictl "$big" messages --json >"$big/m.json"
t_check "big: recorded once, unparsed, for the office, naming the limit" \
	t_jq "$big/m.json" 'length == 1 and .[0].kind == "unparsed" and
		.[0].disposition == "needs_review" and
		(.[0].problems | join(" ") | contains("too big to fetch"))'
t_check "big: only its header was fetched" \
	[ "$(find "$big/state/raw" -name '*.eml' -size -4k | wc -l)" = 1 ]
t_check "big: it stays on the server" [ "$(maildrop_count)" = 1 ]
t_ogid "$big" --once 2>>"$big/ogid.log" || t_fail "big: second run failed"
t_check "big: the next run records nothing more" [ "$(recorded "$big")" = 1 ]
t_check "big: and still leaves it" [ "$(maildrop_count)" = 1 ]

# --- the connection cut in the middle of a message, then right after RETR:
# nothing recorded, it stays in the maildrop; the next run records it
# whole, once --------------------------------------------------------------
find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f -delete
python3 - "$t_root/cut.eml" <<'PY'
import base64, os, sys
open(sys.argv[1], "wb").write(
    b"From: cut@example.com\nTo: ogi@example.gov.cn\nSubject: cut\n"
    b"Message-ID: <cut-pop3@example.com>\nMIME-Version: 1.0\n"
    b"Content-Type: application/octet-stream\n"
    b"Content-Transfer-Encoding: base64\n\n" +
    base64.encodebytes(os.urandom(200 << 10)))
PY
deliver "$t_root/cut.eml"
proxy cut
cut=$(pop3_dir cut done=delete tls=none "port=$proxy_port")
t_ogid "$cut" --once 2>"$cut/ogid.log"
t_check "cut: nothing recorded from the cut connection" [ "$(recorded "$cut")" = 0 ]
t_ogid "$cut" --once 2>>"$cut/ogid.log"
t_check "cut: nothing recorded when it closes before the answer to RETR" \
	[ "$(recorded "$cut")" = 0 ]
# (libetpan's own LIST and UIDL reading took this for a server without
# UIDL, a lasting error, and spins inside a listing the connection ends.)
t_run timeout 30 "$OGI_BUILDDIR/ogid" -c "$cut/ogid.conf" --foreground --once \
	2>>"$cut/ogid.log"
t_check "cut: closed when the client sends UIDL: ogid gives up at once" [ $? = 1 ]
t_check "cut: the three lost connections are logged as such" \
	[ "$(grep -c 'connection lost' "$cut/ogid.log")" = 3 ]
t_check "cut: the message is still in the maildrop" [ "$(maildrop_count)" = 1 ]
t_ogid "$cut" --once 2>>"$cut/ogid.log" || t_fail "cut: the next run failed"
t_check "cut: the next run records it once, whole" \
	[ "$(recorded "$cut")" = 1 -a "$(find "$cut/state/raw" -name '*.eml' -size +200k | wc -l)" = 1 ]
t_check "cut: then deletes it" [ "$(maildrop_count)" = 0 ]
kill "$proxy_pid"

# --- the daemon: a session per poll (POP3 shows no mail that came after
# the login), QUIT between polls -------------------------------------------
find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f -delete
daemon=$(pop3_dir daemon done=delete)
sed -i 's/^\[ogid\]$/[ogid]\npoll_interval = 5/' "$daemon/ogid.conf"
"$OGI_BUILDDIR/ogid" -c "$daemon/ogid.conf" --foreground 2>"$daemon/ogid.log" &
ogid_pid=$!
has() { [ "$(recorded "$daemon")" = "$1" ]; }
quits() { grep 'pop3(' "$SRV_DIR/dovecot/dovecot.log" | grep -c 'Logged out'; }
deliver "$corpus/008"*.eml
t_check "daemon: the first message recorded" wait_for 15 has 1
sessions=$(quits)
deliver "$corpus/010"*.eml
t_check "daemon: mail that came later recorded at a later poll" wait_for 15 has 2
t_check "daemon: each poll ended with QUIT, the maildrop emptied" \
	[ "$(quits)" -gt "$sessions" -a "$(maildrop_count)" = 0 ]
kill "$ogid_pid"; wait "$ogid_pid"
t_collect "$daemon/ogid.log"

# --- (6) what a server may send -----------------------------------------
fake_port=$(srv_free_ports 1)
python3 - "$fake_port" "$t_root/fake-server" <<'PY' &
import hashlib, os, socket, sys
port, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
body = (b"From: a@example.com\r\nSubject: dots\r\nMessage-ID: <dots@example.com>\r\n\r\n"
        b".\r\n..two\r\n.lead\r\nbare\rcr\r\n.\r.\r\nlast\r\n")
other = body.replace(b"dots@", b"other@")
# (message, UIDL); LIST gives their lengths, but RETR of the third goes on
# far longer.
msgs = [(body, b"plain-uid-1"), (other, b"bad uid \xe4\x01"),
        (b"Subject: long\r\n\r\n" + b"x" * 70 + b"\r\n", b"long-3")]
def stuffed(m):
    return b"\r\n".join(b"." + l if l.startswith(b".") else l
                        for l in m.split(b"\r\n"))
for name, m in (("dots", body), ("other", other)):
    open(os.path.join(out, name + ".sha"), "w").write(
        hashlib.sha256(m.replace(b"\r\n", b"\n")).hexdigest() + ".eml\n")
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(4)
def serve(f):
    f.write(b"+OK fake\r\n"); f.flush()
    for line in f:
        cmd = line.split()
        verb = cmd[0].upper() if cmd else b""
        if verb == b"LIST":
            f.write(b"+OK\r\n" + b"".join(b"%d %d\r\n" % (i + 1, len(m))
                    for i, (m, u) in enumerate(msgs)) + b".\r\n")
        elif verb == b"UIDL":
            f.write(b"+OK\r\n" + b"".join(b"%d %s\r\n" % (i + 1, u)
                    for i, (m, u) in enumerate(msgs)) + b".\r\n")
        elif verb == b"RETR":
            n = int(cmd[1])
            f.write(b"+OK\r\n" + stuffed(msgs[n - 1][0]))
            if n == 3:
                for _ in range(4000):
                    f.write(b"y" * 76 + b"\r\n")
            f.write(b".\r\n")
        elif verb == b"QUIT":
            f.write(b"+OK\r\n"); f.flush(); return
        else:
            f.write(b"+OK\r\n")
        f.flush()
while True:
    c, _ = srv.accept()
    try:
        serve(c.makefile("rwb"))
    except OSError:
        pass  # the client gave up on the long message
    c.close()
PY
srv_pids="$srv_pids $!"
srv_wait_port "$fake_port"
fake=$(pop3_dir fake tls=none "port=$fake_port" max_fetch_size=64K)
t_ogid "$fake" --once 2>"$fake/ogid.log"
t_ogictl "$fake" messages --json >"$fake/m.json"
spooled() { [ -n "$(find "$fake/state/raw" -name "$(cat "$1")")" ]; }
t_check "fake: dot-stuffing undone, bare CRs kept, byte for byte" spooled "$t_root/fake-server/dots.sha"
t_check "fake: a UIDL RFC 1939 does not allow is recorded under its digest" \
	t_jq "$fake/m.json" '[.[].file] | sort | .[0] == "plain-uid-1" and
		(.[1] | test("^sha256:[0-9a-f]{64}$"))'
t_check "fake: that message spooled whole" spooled "$t_root/fake-server/other.sha"
t_check "fake: a message longer than max_fetch_size is cut off, not recorded" \
	[ "$(jq length "$fake/m.json")" = 2 ] && grep -q 'more than max_fetch_size' "$fake/ogid.log"

t_done
