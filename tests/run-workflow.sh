#!/bin/sh
# What the daemon sends by itself, over the real mail stack: applications
# mailed into Dovecot's INBOX are taken by ogid over IMAPS and registered;
# the complete one gets its registration receipt, the incomplete one one
# correction notice naming everything missing with the blank application
# form attached, both as PDFs (qpdf --check) sent through SMTP to Postfix's
# smtp-sink, addressed to the applicant with the case's tag in the subject.
# Then the sender is killed (kill -9) after a receipt was rendered and its
# mail composed, before either was recorded: the run after it sends that
# receipt exactly once, under the document number it had.  A clerk's reply
# sent by e-mail, with a file, delivers its case; a reply the server
# refuses (5xx) fails, the case becomes delivery_failed and the letter is
# owed again by post.  Files too large for one mail are refused when the
# clerk gives them.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq
t_need sqlite3
t_need qpdf
t_need pdftotext

srv_init
srv_sink_start sink
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

d=$(srv_imap_dir workflow "done = move:已处理")
srv_office_conf "$d/ogid.conf"
wf=$OGI_SRCDIR/tests/workflow


# unpack TO DIR [N]: the Nth message (default the first) the sink
# received for TO, into DIR: its decoded Subject, To (and Auto-Submitted)
# in DIR/headers,
# each attachment as DIR/N.pdf (in order) and its name in DIR/names.
unpack() {
	mkdir -p "$2"
	f=$(grep -l "^X-Rcpt-Args: <$1>" "$SRV_DIR"/sink-sink/* | sed -n "${3:-1}p")
	python3 - "$f" "$2" <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                     policy=policy.default)
out = sys.argv[2]
with open(out + "/headers", "w") as h:
    h.write("Subject: %s\nTo: %s\n" % (msg["Subject"], msg["To"]))
    if msg["Auto-Submitted"] is not None:
        h.write("Auto-Submitted: %s\n" % msg["Auto-Submitted"])
with open(out + "/names", "w") as names:
    for i, part in enumerate(msg.iter_attachments(), 1):
        open("%s/%d.pdf" % (out, i), "wb").write(part.get_content())
        names.write(part.get_filename() + "\n")
PY
}

# --- a complete and an incomplete application ----------------------------
# One at a time: the INBOX lists messages by name, and the names are
# random within a second.
srv_deliver "$wf/complete.eml"
t_ogid "$d" --once 2>"$d/ogid.log" || t_fail "ogid --once"
srv_deliver "$wf/incomplete.eml"
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for the second"
t_ogictl "$d" show 2026-000001 --json >"$d/c1.json"
t_ogictl "$d" show 2026-000002 --json >"$d/c2.json"
t_check "the complete application is registered" \
	t_jq "$d/c1.json" '.state == "registered"'
t_check "the incomplete one waits for its correction" \
	t_jq "$d/c2.json" '.state == "incomplete"'
t_check "one mail to the complete application's applicant" \
	test "$(srv_mails liuxm@example.net)" = 1
t_check "one mail to the incomplete one's" test "$(srv_mails zhaoq@example.org)" = 1

unpack liuxm@example.net "$d/receipt"
t_check "the receipt is addressed to the applicant" \
	grep -q '^To: 刘晓梅 <liuxm@example.net>$' "$d/receipt/headers"
t_check "its subject carries the tracking tag" \
	grep -q '^Subject: 政府信息公开申请登记回执 \[申请编号 2026-000001\]$' \
	"$d/receipt/headers"
t_check "the receipt is marked automatic (RFC 3834)" \
	grep -q '^Auto-Submitted: auto-replied$' "$d/receipt/headers"
t_check "it carries one PDF, the receipt" \
	test "$(cat "$d/receipt/names")" = "政府信息公开申请登记回执.pdf"
t_check "the receipt PDF passes qpdf --check" qpdf --check "$d/receipt/1.pdf"
pdftotext "$d/receipt/1.pdf" - 2>/dev/null | tr -d ' \n' >"$d/receipt/text"
t_check "the receipt names the case" grep -q '登记号为2026-000001' "$d/receipt/text"
t_check "the receipt has the first document number" \
	grep -q '通人社依申〔2026〕1号' "$d/receipt/text"

unpack zhaoq@example.org "$d/correction"
t_check "the correction notice's subject carries the tracking tag" \
	grep -q '^Subject: 政府信息公开申请补正告知书 \[申请编号 2026-000002\]$' \
	"$d/correction/headers"
t_check "the correction notice is marked automatic (RFC 3834)" \
	grep -q '^Auto-Submitted: auto-replied$' "$d/correction/headers"
t_check "the notice comes with the blank application form" \
	test "$(cat "$d/correction/names")" = "$(printf '%s\n' \
		政府信息公开申请补正告知书.pdf 政府信息公开申请表.pdf)"
t_check "the notice PDF passes qpdf --check" qpdf --check "$d/correction/1.pdf"
t_check "the form PDF passes qpdf --check" qpdf --check "$d/correction/2.pdf"
pdftotext "$d/correction/1.pdf" - 2>/dev/null | tr -d ' \n' >"$d/correction/text"
for missing in 申请人通信地址 申请人身份证明 申请人签名或者盖章; do
	t_check "the notice names what is missing: $missing" \
		grep -q "$missing" "$d/correction/text"
done
t_check "the notice names nothing that was given" \
	sh -c "! grep -q '所需政府信息的内容描述：' '$d/correction/text'"
pdftotext "$d/correction/2.pdf" - 2>/dev/null | tr -d ' \n' >"$d/correction/form"
t_check "the attached form is the application form" \
	grep -q '政府信息公开申请表' "$d/correction/form"

t_ogictl "$d" outbox --json >"$d/outbox.json"
t_check "both letters were sent, nothing else" \
	t_jq "$d/outbox.json" 'length == 2 and all(.[]; .state == "sent")'

# A second run sends nothing more.
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once again"
t_check "a second run sends nothing more" \
	test "$(ls "$SRV_DIR"/sink-sink | wc -l)" = 2

# --- kill -9 between the rendering and the queueing -----------------------
srv_deliver "$wf/crash.eml"
OGID_TEST_FAULTS=letter-queue "$OGI_BUILDDIR/ogid" -c "$d/ogid.conf" \
	--foreground --once 2>"$d/crash.log"
rc=$?
t_collect "$d/crash.log"
t_check "the sender died by SIGKILL ($rc)" test "$rc" = 137
t_check "the application was registered before it died" \
	t_ogictl "$d" show 2026-000003
t_check "nothing was sent for it" test "$(srv_mails sunli@example.com)" = 0
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once after the crash"
t_check "after the restart the receipt is sent once" \
	test "$(srv_mails sunli@example.com)" = 1
t_ogictl "$d" outbox --json >"$d/outbox2.json"
t_check "one outbox row for the case" \
	t_jq "$d/outbox2.json" '[.[] | select(.case == "2026-000003")] | length == 1'
unpack sunli@example.com "$d/crash"
pdftotext "$d/crash/1.pdf" - 2>/dev/null | tr -d ' \n' >"$d/crash/text"
t_check "the receipt kept the number it had before the crash" \
	grep -q '通人社依申〔2026〕3号' "$d/crash/text"
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once a third time"
t_check "and no second mail follows" test "$(srv_mails sunli@example.com)" = 1

# --- a reply by e-mail, with a file, delivers the case --------------------
printf '2026年职业技能提升补贴标准\n' >"$d/补贴标准.txt"
t_check "the clerk's reply is recorded" t_ogictl "$d" --as 王芳 reply 2026-000001 \
	--outcome provided --attach "$d/补贴标准.txt" --yes
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for the reply"
t_check "the reply reaches the applicant" test "$(srv_mails liuxm@example.net)" = 2
unpack liuxm@example.net "$d/reply" 2
t_check "the reply carries its PDF and the file" \
	test "$(sed -n 2p "$d/reply/names")" = 补贴标准.txt
t_check "the reply PDF passes qpdf --check" qpdf --check "$d/reply/1.pdf"
pdftotext "$d/reply/1.pdf" - 2>/dev/null | tr -d ' \n' >"$d/reply/text"
t_check "the reply lists the file under 附件" grep -q '附件.*补贴标准.txt' "$d/reply/text"
t_check "the clerk's reply is not marked automatic" \
	sh -c "[ -s '$d/reply/headers' ] && ! grep -q '^Auto-Submitted:' '$d/reply/headers'"
t_ogictl "$d" show 2026-000001 --json >"$d/c1b.json"
t_check "the case is delivered" t_jq "$d/c1b.json" '.state == "delivered"'

# --- a reply the server refuses goes by post ------------------------------
srv_sink_stop sink
srv_sink_start sink -f RCPT
t_check "a reply to the third applicant is recorded" t_ogictl "$d" reply 2026-000003 \
	--outcome unavailable.not_held --yes
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for the refused reply"
t_ogictl "$d" show 2026-000003 --json >"$d/c3.json"
t_check "the refused reply fails its case's delivery" \
	t_jq "$d/c3.json" '.state == "delivery_failed"'
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for the fallback"
t_check "the reply is owed again by post, and queued for printing" \
	sh -c "sqlite3 '$d/state/ogid.db' \"SELECT group_concat(channel || ' ' || state, ',')
		FROM letters WHERE case_id = '2026-000003' AND kind LIKE 'reply%'\" |
		grep -qx 'email failed,post queued'"

# --- files too large for one mail: the clerk hears it before anything ----
sed -e 's/wf-complete-1/wf-large-1/; s/刘晓梅/周敏/g; s/liuxm@/zhoum@/g' \
	"$wf/complete.eml" >"$d/large.eml"
srv_sink_stop sink
srv_sink_start sink
srv_deliver "$d/large.eml"
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for the fourth"
echo "max_attachments = 100K" >>"$d/ogid.conf"
head -c 150000 /dev/zero | tr '\0' x >"$d/large.txt"
t_check_fails "a reply whose files exceed [smtp] max_attachments is refused" \
	t_ogictl "$d" reply 2026-000004 --outcome provided --attach "$d/large.txt" \
	--yes 2>"$d/large.err"
t_check "... saying so" grep -q 'more than the 102400 bytes a letter may carry by e-mail' "$d/large.err"
t_check "... and nothing is owed" sh -c "sqlite3 '$d/state/ogid.db' \"SELECT count(*)
	FROM letters WHERE case_id = '2026-000004' AND kind LIKE 'reply%'\" | grep -qx 0"

# --- a letter that can never be made does not hold up the ones after it ---
printf 'x\n' >"$d/gone.txt"
t_check "a reply with a file is recorded" t_ogictl "$d" reply 2026-000004 \
	--outcome provided --attach "$d/gone.txt" --yes
rm -f "$d/state/$(sqlite3 "$d/state/ogid.db" "SELECT a.path FROM letter_attachments a
	JOIN letters l ON l.id = a.letter_id WHERE l.case_id = '2026-000004'")"
sed -e 's/wf-complete-1/wf-later-1/; s/刘晓梅/钱伟/g; s/liuxm@/qianw@/g' \
	"$wf/complete.eml" >"$d/later.eml"
srv_deliver "$d/later.eml"
t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once past the broken letter"
t_check "the letter whose file is gone fails, saying why" \
	sh -c "sqlite3 '$d/state/ogid.db' \"SELECT state || ' ' || detail FROM letters
		WHERE case_id = '2026-000004' AND kind LIKE 'reply%'\" | grep -q '^failed .*attachment'"
t_check "... with an event" sh -c "sqlite3 '$d/state/ogid.db' \"SELECT count(*)
	FROM events WHERE case_id = '2026-000004' AND type = 'letter-failed'\" | grep -qx 1"
t_check "... and a log line" grep -q 'case 2026-000004.*failed: attachment' "$d/ogid.log"
t_check "the receipt owed after it is sent all the same" \
	test "$(srv_mails qianw@example.net)" = 1

t_done
