#!/bin/sh
# Each way a letter reaches an applicant (bureau rules Art. 8), through
# ogid's letters worker: applications asking for fax, post and collection
# are registered and their letters go out --
# - fax through a configured command (tests/fax-record.sh: its argv
#   recorded, no shell, the number alone as an argument); a command that
#   fails fails the letter, the office hears of it, and the letter goes
#   again by post;
# - fax through an email-to-fax gateway: a mail to NUMBER@gateway with the
#   PDF, through the outbox to smtp-sink; the gateway's delivery report
#   fails it, and it goes by post;
# - post: the print queue (a DL window address sheet and the letter),
#   `ogictl print list`, `print done --tracking` (the case's reply counts
#   from the posting date);
# - pickup: the reply waits at the office, a notice goes by email,
#   `ogictl handed-over` delivers it.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq qpdf pdftotext sqlite3 python3

srv_init
srv_sink_start sink

apps=$OGI_SRCDIR/tests/channels

# channels_dir NAME [FAX SECTION LINES]: a Maildir state directory sending
# through the sink.
channels_dir() {
	cd_dir=$(t_state_dir "$1"); shift
	srv_office_conf "$cd_dir/ogid.conf" "review_body = 通辽市人民政府" \
		"court = 通辽市科尔沁区人民法院"
	cat >>"$cd_dir/ogid.conf" <<CONF

[pickup]
address = 通辽市科尔沁区民主路1号政务服务中心一楼3号窗口
hours = 工作日上午9:00至12:00，下午1:30至5:00
CONF
	for line in "$@"; do echo "$line" >>"$cd_dir/ogid.conf"; done
	echo "$cd_dir"
}

# deliver DIR FILE...: into DIR's Maildir inbox.
deliver() {
	dd=$1; shift
	for f in "$@"; do cp "$f" "$dd/inbox/new/$(basename "$f" .eml)"; done
}

sql() { sqlite3 "$1/state/ogid.db" "$2"; }
# sql_is DIR QUERY VALUE: the query prints exactly VALUE.
sql_is() { [ "$(sql "$1" "$2")" = "$3" ]; }

# mails_to TO: the sink's messages for TO.
mails_to() {
	grep -l "^X-Rcpt-Args: <$1>" "$SRV_DIR"/sink-sink/* 2>/dev/null
}

# attachments FILE DIR: each attachment of the message FILE as DIR/N.pdf,
# its content type and name in DIR/parts.
attachments() {
	mkdir -p "$2"
	python3 - "$1" "$2" <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                     policy=policy.default)
with open(sys.argv[2] + "/parts", "w") as parts:
    for i, part in enumerate(msg.iter_attachments(), 1):
        open("%s/%d.pdf" % (sys.argv[2], i), "wb").write(part.get_content())
        parts.write("%s %s\n" % (part.get_content_type(), part.get_filename()))
PY
}

# --- fax through a command ------------------------------------------------
d=$(channels_dir fax "[fax]" \
	"command = $OGI_SRCDIR/tests/fax-record.sh -d {number} {pdf}" "timeout = 20")
export OGI_FAX_LOG="$d/fax.log"
deliver "$d" "$apps/fax.eml"
OGI_FAX_EXIT=0 t_ogid "$d" --once 2>"$d/ogid.log" || t_fail "ogid --once (fax)"
t_check "the fax applicant's receipt goes by fax" \
	sql_is "$d" "SELECT channel || ' ' || state FROM letters WHERE kind = 'receipt'" "fax sent"
t_check "the command ran once, without a shell: -d, the number, the PDF" \
	sh -c "[ \$(grep -c '^argv:' '$d/fax.log') = 1 ] &&
	       sed -n 2,3p '$d/fax.log' | tr '\n' ' ' | grep -qx -- '-d 04758123456 '"
pdf=$(sed -n 4p "$d/fax.log")
t_check "the PDF it was given is the rendered receipt" qpdf --check "$pdf"
t_check "the fax server's answer is the letter's detail" \
	sql_is "$d" "SELECT detail FROM letters WHERE kind = 'receipt'" \
	"fax command exit 0: request id is 42 (group id 42) for host localhost (1 file)"
t_check "a reply to the fax applicant is recorded" \
	t_ogictl "$d" reply 2026-000001 --outcome unavailable.not_held --yes
OGI_FAX_EXIT=0 t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once (fax reply)"
t_check "the reply the fax command sent delivers its case" \
	sql_is "$d" "SELECT l.channel || ' ' || l.state || ' ' || c.state FROM letters l
		JOIN cases c ON c.id = l.case_id WHERE l.kind LIKE 'reply%'" "fax delivered delivered"

# A fax command that fails: the letter fails, the office is told, and the
# letter goes by post (the order email, fax, post only moves forward).
deliver "$d" "$apps/fax-fails.eml"
OGI_FAX_EXIT=1 t_ogid "$d" --once 2>"$d/ogid2.log" || t_fail "ogid --once (failing fax)"
OGI_FAX_EXIT=1 t_ogid "$d" --once 2>>"$d/ogid2.log" || t_fail "ogid --once (fallback)"
case2=2026-000002
t_check "the failed fax is recorded with the command's status and output" \
	sql_is "$d" "SELECT state || ': ' || detail FROM letters WHERE case_id = '$case2' AND channel = 'fax'" \
	"failed: fax command exit 1: sendfax: no modem answers"
t_check "the letter is added again by post" \
	sql_is "$d" "SELECT channel || ' ' || state FROM letters WHERE case_id = '$case2' ORDER BY id DESC LIMIT 1" "post queued"
t_check "the office is told: a delivery-failed event" \
	sql_is "$d" "SELECT count(*) FROM events WHERE case_id = '$case2' AND type = 'delivery-failed'" 1
t_check "and a line in the log" grep -q "case $case2: letter .* by fax) failed: fax command exit 1" "$d/ogid2.log"
t_ogictl "$d" print list --json >"$d/print.json"
t_check "the fallback letter waits in the print queue" \
	t_jq "$d/print.json" --arg c "$case2" \
	'length == 1 and .[0].case == $c and .[0].channel == "post" and (.[0].files | length) == 2'

# --- a fax line that is busy: the retry schedule ----------------------------
# A command exiting 75 (EX_TEMPFAIL) leaves the letter waiting for the next
# step of the [smtp] retry schedule -- here 1h 1h, the hours passed by
# moving next_attempt_at back --; when the schedule is used up the letter
# fails like a refused fax: the office is told and it goes by post.
r=$(channels_dir retry "[fax]" \
	"command = $OGI_SRCDIR/tests/fax-record.sh -d {number} {pdf}" "[smtp]" "retry = 1h 1h")
export OGI_FAX_LOG="$r/fax.log"
deliver "$r" "$apps/fax.eml"
before=$(date +%s)
OGI_FAX_EXIT=75 t_ogid "$r" --once 2>"$r/ogid.log" || t_fail "ogid --once (busy fax)"
t_check "a busy fax leaves the receipt pending, tried once" \
	sql_is "$r" "SELECT state || ' ' || attempts FROM letters WHERE kind = 'receipt'" "pending 1"
t_check "its next try is an hour on" \
	sql_is "$r" "SELECT next_attempt_at - $before BETWEEN 3600 AND 3660 FROM letters WHERE kind = 'receipt'" 1
t_ogictl "$r" show 2026-000001 >"$r/show.txt"
t_check "ogictl show gives the tries and the next one" \
	grep -q '^Letter .*receipt by fax, pending, .*1 try failed, next try 20[0-9-]*T[0-9:]*+08:00' "$r/show.txt"
OGI_FAX_EXIT=75 t_ogid "$r" --once 2>>"$r/ogid.log" || t_fail "ogid --once (waiting fax)"
t_check "a pass before the next try leaves it alone" \
	sh -c "[ \$(grep -c '^argv:' '$r/fax.log') = 1 ]"
# the hour passes
sql "$r" "UPDATE letters SET next_attempt_at = next_attempt_at - 3600"
OGI_FAX_EXIT=75 t_ogid "$r" --once 2>>"$r/ogid.log" || t_fail "ogid --once (second try)"
t_check "the second try fails too: tried twice" \
	sql_is "$r" "SELECT state || ' ' || attempts || ' ' || (SELECT count(*) FROM letters) FROM letters WHERE kind = 'receipt'" "pending 2 1"
sql "$r" "UPDATE letters SET next_attempt_at = next_attempt_at - 3600"
OGI_FAX_EXIT=75 t_ogid "$r" --once 2>>"$r/ogid.log" || t_fail "ogid --once (last try)"
OGI_FAX_EXIT=75 t_ogid "$r" --once 2>>"$r/ogid.log" || t_fail "ogid --once (after the last try)"
t_check "three tries in all" sh -c "[ \$(grep -c '^argv:' '$r/fax.log') = 3 ]"
t_check "the schedule used up fails the fax letter, saying so" \
	sql_is "$r" "SELECT state || ': ' || detail FROM letters WHERE id = 1" \
	"failed: fax command exit 75: sendfax: no modem answers; gave up after 3 tries: the retry schedule ([smtp] retry) is used up"
t_check "the office is told" \
	sql_is "$r" "SELECT count(*) FROM events WHERE case_id = '2026-000001' AND type = 'delivery-failed'" 1
t_check "and the receipt goes by post" \
	sql_is "$r" "SELECT channel || ' ' || state FROM letters WHERE id = 2" "post queued"

# --- the sender killed while the fax command runs, or just after ----------
# The fax may have gone: on the restart the letter is not sent again but
# fails for the office, which checks the fax server's log.  Killed by the
# command itself (its parent is the sender), then by the test hook between
# the command's exit and the registry's update.
for how in command hook; do
	k=$(channels_dir "crash-$how" "[fax]" \
		"command = $OGI_SRCDIR/tests/fax-record.sh -d {number} {pdf}")
	export OGI_FAX_LOG="$k/fax.log"
	deliver "$k" "$apps/fax.eml"
	if [ "$how" = command ]; then
		OGI_FAX_KILL_PARENT=1 "$OGI_BUILDDIR/ogid" -c "$k/ogid.conf" \
			--foreground --once 2>"$k/crash.log"
	else
		OGID_TEST_FAULTS=letter-queue "$OGI_BUILDDIR/ogid" -c "$k/ogid.conf" \
			--foreground --once 2>"$k/crash.log"
	fi
	rc=$?
	t_collect "$k/crash.log"
	t_check "$how: the sender died by SIGKILL ($rc)" test "$rc" = 137
	t_check "$how: the fax went once" sh -c "[ \$(grep -c '^argv:' '$k/fax.log') = 1 ]"
	t_ogid "$k" --once 2>"$k/ogid.log" || t_fail "ogid --once after the crash ($how)"
	t_ogid "$k" --once 2>>"$k/ogid.log" || t_fail "ogid --once again ($how)"
	t_check "$how: after the restart it is not sent again" \
		sh -c "[ \$(grep -c '^argv:' '$k/fax.log') = 1 ]"
	t_check "$how: the letter fails for the office, saying the fax may have gone" \
		sql_is "$k" "SELECT state || ' ' || (detail LIKE '%the fax may have been sent; check the fax server''s log%') FROM letters WHERE id = 1" "failed 1"
	t_check "$how: and goes no other way" sql_is "$k" "SELECT count(*) FROM letters" 1
	t_check "$how: the office is told: a delivery-failed event" \
		sql_is "$k" "SELECT count(*) FROM events WHERE case_id = '2026-000001' AND type = 'delivery-failed' AND detail LIKE '%not sent again another way%'" 1
done

# --- a fax command that times out ----------------------------------------
# Killed after [fax] timeout, the fax may have gone: the letter fails and
# the office is told -- the reply's case delivery_failed, the daily digest
# lists the letter with why -- but it is not sent by post as well, though
# the applicant gave an address.
tm=$(channels_dir timeout "[fax]" \
	"command = $OGI_SRCDIR/tests/fax-record.sh -d {number} {pdf}" "timeout = 1")
export OGI_FAX_LOG="$tm/fax.log"
deliver "$tm" "$apps/fax.eml"
OGI_FAX_EXIT=0 t_ogid "$tm" --once 2>"$tm/ogid.log" || t_fail "ogid --once (timeout: receipt)"
t_ogictl "$tm" reply 2026-000001 --outcome unavailable.not_held --yes >/dev/null ||
	t_fail "ogictl reply (timeout)"
OGI_FAX_SLEEP=5 t_ogid "$tm" --once 2>>"$tm/ogid.log" || t_fail "ogid --once (timeout: reply)"
t_check "the reply by fax timed out and failed, saying it may have gone" \
	sql_is "$tm" "SELECT state || ' ' || (detail LIKE 'timed out: may have been sent%fax command killed after 1 s%') FROM letters WHERE kind LIKE 'reply%'" "failed 1"
t_ogictl "$tm" show 2026-000001 --json >"$tm/case.json"
t_check "its case is delivery_failed" t_jq "$tm/case.json" '.state == "delivery_failed"'
t_check "the office is told once: a delivery-failed event" \
	sql_is "$tm" "SELECT count(*) FROM events WHERE case_id = '2026-000001' AND type = 'delivery-failed' AND detail LIKE '%not sent again another way%'" 1
OGI_FAX_EXIT=0 t_ogid "$tm" --once 2>>"$tm/ogid.log" || t_fail "ogid --once (timeout: after)"
t_check "no letter by post is added: two letters, two faxes" \
	sh -c "[ \"\$(sqlite3 '$tm/state/ogid.db' 'SELECT group_concat(channel) FROM letters')\" = fax,fax ] &&
	       [ \$(grep -c '^argv:' '$tm/fax.log') = 2 ]"
t_check "and nothing waits in the print queue" sh -c "[ -z \"\$(ls '$tm/state/print' 2>/dev/null)\" ]"
# The digest of the day after it: the failed letter, by fax, with why.
sed -i 's/^digest_time = off$/digest_time = 00:00/' "$tm/ogid.conf"
t_ogid "$tm" --once 2>>"$tm/ogid.log" || t_fail "ogid --once (timeout: digest)"
set -- $(mails_to ysqgk@example.gov.cn)
t_check "the digest goes to the office" test "$#" = 1
python3 - "${1:-/dev/null}" >"$tm/digest.txt" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print(m["Subject"])
for part in m.walk():
    if part.get_content_type() == "text/plain":
        print(part.get_content().replace("\r\n", "\n"))
PY
reply_id=$(sql "$tm" "SELECT id FROM letters WHERE kind LIKE 'reply%'")
t_check "its subject counts the failure" grep -qE "送达失败 2([^0-9]|$)" "$tm/digest.txt"
t_check "it lists the case, delivery_failed" \
	grep -q "^  2026-000001  delivery_failed  " "$tm/digest.txt"
t_check "and the letter by fax, with why" \
	grep -q "^  letter $reply_id by fax  reply-[a-z_.-]*  2026-000001  timed out: may have been sent" "$tm/digest.txt"

# The clerk sees it among what is due, and having checked with the
# applicant that the fax came through, says so.
t_ogictl "$tm" due --json >"$tm/due.json"
t_check "ogictl due lists the failed delivery" \
	t_jq "$tm/due.json" '[.[] | select(.id == "2026-000001" and .state == "delivery_failed")] | length == 1'
t_check_fails "delivered wants to know how the clerk knows" \
	t_ogictl "$tm" delivered 2026-000001 2>/dev/null
t_ogictl "$tm" --as 王芳 delivered 2026-000001 --how "申请人电话确认已收到传真" >/dev/null
t_check "delivered moves the case" \
	t_jq "$(t_ogictl "$tm" show 2026-000001 --json >"$tm/c2.json"; echo "$tm/c2.json")" '.state == "delivered"'
t_check "with an event in the clerk's name saying how" \
	sql_is "$tm" "SELECT actor || ' ' || detail FROM events WHERE case_id = '2026-000001' AND type = 'delivered'" "王芳 confirmed by a clerk: 申请人电话确认已收到传真"
t_check_fails "a case no longer failed cannot be confirmed again" \
	t_ogictl "$tm" delivered 2026-000001 --how again 2>/dev/null

# --- fax through an email gateway -----------------------------------------
g=$(channels_dir gateway "[fax]" "gateway = {number}@fax.example")
deliver "$g" "$apps/fax.eml"
t_ogid "$g" --once 2>"$g/ogid.log" || t_fail "ogid --once (gateway)"
set -- $(mails_to 04758123456@fax.example)
t_check "one mail to the gateway for the fax number" test "$#" = 1
if [ "$#" = 1 ]; then
	attachments "$1" "$g/gw"
	t_check "it carries the receipt as a PDF" \
		sh -c "grep -q '^application/pdf ' '$g/gw/parts' && qpdf --check '$g/gw/1.pdf'"
fi
t_check "the letter is queued with its outbox row, then sent" \
	sql_is "$g" "SELECT l.channel || ' ' || o.recipient || ' ' || o.state FROM letters l JOIN outbox o ON o.id = l.outbox_id" \
	"fax 04758123456@fax.example sent"

# The gateway could not get the fax through and says so in a delivery
# report to the letter's return path: the letter fails and goes by post.
gw_mail=$(mails_to 04758123456@fax.example | head -1)
gw_verp=$(tr -d '\r' <"$gw_mail" | sed -n 's/^X-Mail-Args: <\([^>]*\)>.*/\1/p')
gw_id=$(tr -d '\r' <"$gw_mail" | sed -n 's/^Message-I[Dd]: <\([^>]*\)>.*/\1/p' | head -1)
cat >"$g/inbox/new/fax-dsn" <<EOF
Return-Path: <>
Delivered-To: $gw_verp
Date: $(date -R)
From: Fax Gateway <mailer-daemon@fax.example>
To: $gw_verp
Subject: Fax delivery failed
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="fx"
Message-Id: <dsn-1@fax.example>

--fx
Content-Type: text/plain; charset=us-ascii

The fax to 04758123456 could not be sent: no fax tone after 3 attempts.

--fx
Content-Type: message/delivery-status

Reporting-MTA: dns; fax.example

Final-Recipient: rfc822; 04758123456@fax.example
Action: failed
Status: 5.0.0
Diagnostic-Code: X-fax; no fax tone after 3 attempts

--fx
Content-Type: text/rfc822-headers

Message-ID: <$gw_id>

--fx--
EOF
t_ogid "$g" --once 2>>"$g/ogid.log" || t_fail "ogid --once (fax report)"
t_ogid "$g" --once 2>>"$g/ogid.log" || t_fail "ogid --once (fallback to post)"
t_check "the report fails the fax letter" \
	sql_is "$g" "SELECT state FROM letters WHERE id = 1" failed
t_check "the office is told" \
	sql_is "$g" "SELECT count(*) FROM events WHERE case_id = '2026-000001' AND type = 'delivery-failed'" 1
t_ogictl "$g" print list --json >"$g/print.json"
t_check "the receipt is owed again by post, in the print queue" \
	t_jq "$g/print.json" 'length == 1 and .[0].channel == "post" and .[0].kind == "receipt"'
t_check "a reply to the gateway's applicant is recorded" \
	t_ogictl "$g" reply 2026-000001 --outcome unavailable.not_held --yes
t_ogid "$g" --once 2>>"$g/ogid.log" || t_fail "ogid --once (gateway reply)"
t_check "the reply the gateway took delivers its case" \
	sql_is "$g" "SELECT l.channel || ' ' || l.state || ' ' || c.state FROM letters l
		JOIN cases c ON c.id = l.case_id WHERE l.kind LIKE 'reply%'" "fax delivered delivered"

# --- post: the print queue ------------------------------------------------
p=$(channels_dir post)
deliver "$p" "$apps/post.eml"
t_ogid "$p" --once 2>"$p/ogid.log" || t_fail "ogid --once (post)"
t_ogictl "$p" print list --json >"$p/print.json"
t_check "the receipt waits in the print queue: address sheet, letter" \
	t_jq "$p/print.json" 'length == 1 and .[0].channel == "post" and .[0].state == "queued" and (.[0].files | map(split("/") | last)) == ["1-0-sheet.pdf", "1-1-letter.pdf"]'
sheet=$p/state/print/1-0-sheet.pdf
t_check "queue directory 0700, files 0600" \
	sh -c "[ \$(stat -c %a '$p/state/print') = 700 ] && [ \$(stat -c %a '$sheet') = 600 ]"
t_check "the sheet is a valid PDF" qpdf --check "$sheet"
pdftotext -layout "$sheet" "$p/sheet.txt" 2>/dev/null
t_check "the sheet addresses the applicant" \
	sh -c "grep -q '赵文华 收' '$p/sheet.txt' && grep -q '028000' '$p/sheet.txt' && grep -q '和平路12号' '$p/sheet.txt'"
# The address lies where the window of a DL envelope shows it: from 20 mm
# (57 pt) to 100 mm across and 45 mm (128 pt) to 79 mm down the page.
pdftotext -bbox "$sheet" "$p/sheet.html" 2>/dev/null
t_check "the name lies in the window" python3 - "$p/sheet.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
mm = lambda pt: float(pt) * 25.4 / 72
name = [w for w in words if "赵文华" in w[4]]
ok = name and all(20 <= mm(w[0]) and mm(w[2]) <= 100 and 45 <= mm(w[1]) and mm(w[3]) <= 79 for w in name)
sys.exit(0 if ok else 1)
PY
t_ogictl "$p" print list >"$p/print.txt"
t_check "print list as a table names the recipient" grep -q '^1 .*2026-000001 .*receipt .*queued .*赵文华' "$p/print.txt"
t_check_fails "print done without a tracking number is refused" \
	t_ogictl "$p" print done 1 2>/dev/null
t_check_fails "a tracking number with a shell word is refused" \
	t_ogictl "$p" print done 1 --tracking 'XA1;rm' 2>/dev/null
t_check_fails "a posting date after today is refused" \
	t_ogictl "$p" print done 1 --tracking XA123456789CN --date 2099-01-01 2>/dev/null
t_ogictl "$p" print done 1 --tracking XA123456789CN --date 2026-12-03 >"$p/done.txt"
t_check "print done: the receipt is sent with its tracking number and posting date" \
	sql_is "$p" "SELECT state || ' ' || tracking || ' ' || detail FROM letters WHERE id = 1" \
	"sent XA123456789CN letter 1 (receipt) posted on 2026-12-03, tracking XA123456789CN"
t_check "its files left the queue" sh -c "[ -z \"\$(ls '$p/state/print')\" ]"
t_check_fails "print done twice is refused" \
	t_ogictl "$p" print done 1 --tracking XA123456789CN 2>/dev/null

# The reply by post: the case is delivered from the day of posting.
t_ogictl "$p" reply 2026-000001 --outcome provided --attach "$apps/README" --yes >/dev/null
t_ogid "$p" --once 2>>"$p/ogid.log" || t_fail "ogid --once (reply by post)"
rid=$(sql "$p" "SELECT id FROM letters WHERE kind LIKE 'reply%'")
t_ogictl "$p" print list --json >"$p/print2.json"
t_check "the reply waits in the print queue with its attachment" \
	t_jq "$p/print2.json" --arg id "$rid" '.[0].letter == ($id | tonumber) and (.[0].files | length) == 3'
today=$(TZ=Asia/Shanghai date +%F)
t_ogictl "$p" print done "$rid" --tracking XA987654321CN >/dev/null
t_ogictl "$p" show 2026-000001 --json >"$p/case.json"
t_check "the answered case is delivered" t_jq "$p/case.json" '.state == "delivered"'
t_check "the delivery event names the posting date and tracking number" \
	sql_is "$p" "SELECT detail FROM events WHERE case_id = '2026-000001' AND type = 'delivered'" \
	"letter $rid (reply-provided) posted on $today, tracking XA987654321CN"

# --- pickup -----------------------------------------------------------------
k=$(channels_dir pickup)
deliver "$k" "$apps/pickup.eml"
t_ogid "$k" --once 2>"$k/ogid.log" || t_fail "ogid --once (pickup)"
set -- $(mails_to sunli@example.net)
t_check "a receipt is no reason to come in: it is mailed with its PDF" \
	sh -c "[ $# = 1 ] && grep -q 'application/pdf' '$1'"
t_ogictl "$k" reply 2026-000001 --outcome provided --attach "$apps/README" --yes >/dev/null
t_ogid "$k" --once 2>>"$k/ogid.log" || t_fail "ogid --once (reply for pickup)"
kid=$(sql "$k" "SELECT id FROM letters WHERE kind LIKE 'reply%'")
set -- $(mails_to sunli@example.net)
notice=""
for m in "$@"; do grep -q 'application/pdf' "$m" || notice=$m; done
t_check "the reply waits; a notice without the letter is mailed" test -n "$notice"
if [ -n "$notice" ]; then
	python3 - "$notice" >"$k/notice.txt" <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print(msg["Subject"])
print(msg.get_body(preferencelist=("plain",)).get_content())
PY
	t_check "the notice says where and when" \
		sh -c "grep -q '领取通知' '$k/notice.txt' && grep -q '政务服务中心一楼3号窗口' '$k/notice.txt' && grep -q '工作日上午9:00' '$k/notice.txt'"
fi
t_check_fails "handed-over refuses a letter that does not wait" \
	t_ogictl "$k" handed-over 1 2>/dev/null
t_ogictl "$k" handed-over "$kid" >/dev/null
t_check "handed over: the reply is delivered" \
	sql_is "$k" "SELECT state FROM letters WHERE id = $kid" delivered
t_ogictl "$k" show 2026-000001 --json >"$k/case.json"
t_check "and its case" t_jq "$k/case.json" '.state == "delivered"'

t_done
