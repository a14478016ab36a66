#!/bin/sh
# Bounces back for sent mail: three letters go out through SMTP to
# Postfix's smtp-sink; delivery reports made at test time from what the
# sink received (each message's signed return path and Message-ID) come
# into the intake Maildir, and one ogid --once must mark the first letter
# failed (5.1.1, by its return path), the second delayed (4.4.1, by the
# returned Message-ID alone), leave the third alone when a report with a
# forged return path and an unknown Message-ID claims it, list that one
# for the office, and send nothing to any of them.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq

srv_init
srv_sink_start sink

d=$(t_state_dir dsn)
cat >>"$d/ogid.conf" <<CONF

[office]
email = ysqgk@example.gov.cn
CONF
srv_smtp_conf "$d/ogid.conf"

for to in li@example.net wang@example.org zhao@example.com; do
	out=$(t_ogictl "$d" send-test "$to")
	t_check "sent to $to ($out)" sh -c "echo '$out' | grep -q ': sent: 250'"
done
sleep 1

# received TO HEADER: what the sink recorded for the letter to TO: its
# envelope sender (MAIL) or its Message-ID.
received() {
	f=$(grep -l "^X-Rcpt-Args: <$1>" "$SRV_DIR"/sink-sink/* | head -1)
	case $2 in
	MAIL) tr -d '\r' <"$f" | sed -n 's/^X-Mail-Args: <\([^>]*\)>.*/\1/p' ;;
	*) tr -d '\r' <"$f" | sed -n 's/^Message-I[Dd]: <\([^>]*\)>.*/\1/p' | head -1 ;;
	esac
}
verp1=$(received li@example.net MAIL)
id1=$(received li@example.net ID)
id2=$(received wang@example.org ID)
verp3=$(received zhao@example.com MAIL)
t_check "the sink recorded return paths and Message-IDs" \
	test -n "$verp1" -a -n "$id1" -a -n "$id2" -a -n "$verp3"
# The third letter's return path with the last digit of its tag changed.
local3=${verp3%@*}
new=0
[ "${local3#"${local3%?}"}" = 0 ] && new=1
forged="${local3%?}$new@${verp3#*@}"
t_check "the forged return path differs from the real one" test "$forged" != "$verp3"

# report FILE DELIVERED-TO ACTION STATUS DIAGNOSTIC MESSAGE-ID: an RFC 3464
# report as Postfix writes it, returning the message's headers.
report() {
	cat >"$1" <<EOF
Return-Path: <>
Delivered-To: $2
Received: by mx.example.gov.cn (Postfix) id 4QxY1z2; $(date -R)
Date: $(date -R)
From: MAILER-DAEMON@mx.example.gov.cn (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: $2
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4QxY1z2.1/mx.example.gov.cn"
Message-Id: <$(date +%s).$3.4QxY1z2@mx.example.gov.cn>

This is a MIME-encapsulated message.

--4QxY1z2.1/mx.example.gov.cn
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.gov.cn.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--4QxY1z2.1/mx.example.gov.cn
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.gov.cn

Final-Recipient: rfc822; someone@example.net
Action: $3
Status: $4
Diagnostic-Code: smtp; $5

--4QxY1z2.1/mx.example.gov.cn
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <$2>
From: ysqgk@example.gov.cn
Message-ID: <$6>
Subject: test

--4QxY1z2.1/mx.example.gov.cn--
EOF
}
report "$d/inbox/new/1.bounce" "$verp1" failed 5.1.1 \
	"550 5.1.1 <li@example.net>: Recipient address rejected: User unknown" "$id1"
report "$d/inbox/new/2.delay" ysqgk@example.gov.cn delayed 4.4.1 \
	"connect to mx.example.org[192.0.2.9]:25: Connection timed out" "$id2"
report "$d/inbox/new/3.forged" "$forged" failed 5.1.1 "550 no such user" \
	"forged.1@example.gov.cn"

t_ogid "$d" --once 2>"$d/ogid.log" || t_fail "ogid --once"
t_ogictl "$d" outbox --json >"$d/outbox.json"
t_check "the 5.1.1 report fails the first letter, its status kept" \
	t_jq "$d/outbox.json" '.[0].state == "failed" and
		(.[0].last_status | startswith("5.1.1 550 5.1.1 <li@example.net>"))'
t_check "the 4.4.1 report (by Message-ID alone) delays the second" \
	t_jq "$d/outbox.json" '.[1].state == "delayed" and
		(.[1].last_status | startswith("4.4.1 connect to"))
		and .[1].next_attempt == null'
t_check "the forged report leaves the third sent" \
	t_jq "$d/outbox.json" '.[2].state == "sent"'
t_check "nothing was queued in reply" t_jq "$d/outbox.json" 'length == 3'
t_check "nothing more reached the server" \
	test "$(ls "$SRV_DIR"/sink-sink | wc -l)" = 3
t_check "logged: outbox 1 matched by its return path" \
	grep -q 'delivery report for outbox 1 (by return path): failed 5.1.1' "$d/ogid.log"
t_check "logged: outbox 2 matched by its Message-ID" \
	grep -q 'delivery report for outbox 2 (by Message-ID): delayed 4.4.1' "$d/ogid.log"

t_ogictl "$d" messages --json >"$d/messages.json"
t_check "all three recorded as bounces" \
	t_jq "$d/messages.json" '[.[] | select(.kind == "bounce")] | length == 3'
t_check "the matched two are not for the office" \
	t_jq "$d/messages.json" '[.[] | select(.disposition == "ignored")] | length == 2'
t_check "the forged one is listed for the office" \
	t_jq "$d/messages.json" '[.[] | select(.disposition == "needs_review")] | length == 1'
t_check "the forged one is flagged in the mailbox" \
	sh -c "ls '$d/inbox/cur' | grep -q '^3\.forged:2,F'"

# Run again: nothing is read twice, nothing changes.
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once again"
t_ogictl "$d" outbox --json >"$d/outbox2.json"
jq -S . "$d/outbox.json" >"$d/outbox1.sorted"
jq -S . "$d/outbox2.json" >"$d/outbox2.sorted"
t_check "a second run changes no outgoing message" \
	cmp -s "$d/outbox1.sorted" "$d/outbox2.sorted"

t_done
