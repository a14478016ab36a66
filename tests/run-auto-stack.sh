#!/bin/sh
# What the daemon answers by itself, over the real mail stack (Dovecot
# IMAPS in, SMTP out to Postfix's smtp-sink): an incomplete application
# gets its correction notice; the applicant's reply to it (Re: with the
# tag, In-Reply-To the notice) completes the case, which is registered and
# gets its receipt; a status query from the applicant's address is
# answered, one from another address is not (held for the office); an
# auto-reply, list mail and bulk mail get nothing; and the sixth automatic
# message to the applicant in a day is not sent.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq
t_need sqlite3
t_need python3

srv_init
srv_sink_start sink
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

d=$(srv_imap_dir auto "done = move:已处理")
srv_office_conf "$d/ogid.conf"
corpus="$OGI_SRCDIR/tests/corpus"
applicant=naren_1995@163.com


# header TO N NAME: header NAME (decoded) of the Nth message to TO, in
# the order they arrived (the sink's file names only sort to the second).
header() {
	f=$(grep -l "^X-Rcpt-Args: <$1>" "$SRV_DIR"/sink-sink/* |
		xargs ls -1tr -- | sed -n "$2p")
	python3 - "$f" "$3" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print(m[sys.argv[2]] or "")
PY
}

# subject_has TO N TEXT: the Nth message to TO has TEXT in its subject.
subject_has() {
	header "$1" "$2" Subject | grep -q "$3"
}

# mail FILE FROM SUBJECT ID TEXT [HEADER]...: a plain message.
mail() {
	f=$1 from=$2 subject=$3 id=$4 text=$5
	shift 5
	{
		for h in "$@"; do echo "$h"; done
		printf 'From: %s\nTo: ogi@example.gov.cn\nSubject: %s\n' "$from" "$subject"
		printf 'Date: %s\nMessage-ID: <%s@example.com>\n' "$(date -R)" "$id"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n'
		printf '%s\n' "$text"
	} >"$f"
}

# run FILE: one message delivered and taken (the INBOX lists by name, and
# names are random within a second).
run() {
	srv_deliver "$1"
	t_ogid "$d" --once 2>>"$d/ogid.log" || t_fail "ogid --once for $1"
}

# --- incomplete -> notice -> a reply quoting the tag -> registered, receipt
run "$corpus/029-163-missing-id.eml"
case=$(t_ogictl "$d" list --json | jq -r '.[0].id')
t_ogictl "$d" show "$case" --json >"$d/c1.json"
t_check "the application lacking its ID number is incomplete" \
	t_jq "$d/c1.json" '.state == "incomplete"'
t_check "its correction notice reached the applicant" test "$(srv_mails $applicant)" = 1
subject=$(header $applicant 1 Subject)
notice_id=$(header $applicant 1 Message-ID | tr -d '<>')
t_check "the notice's subject carries the case" subject_has $applicant 1 "$case"
mail "$d/corr.eml" "娜仁 <$applicant>" "Re: $subject" corr1 \
	"您好，按照补正告知书的要求，现补正如下：
身份证号码：150502199501011239" \
	"In-Reply-To: <$notice_id>" "References: <$notice_id>"
run "$d/corr.eml"
t_ogictl "$d" show "$case" --json >"$d/c2.json"
t_check "the reply completes the case: registered" \
	t_jq "$d/c2.json" '.state == "registered" and .missing == []'
t_check "the receipt reached the applicant" test "$(srv_mails $applicant)" = 2
t_check "the second mail is the receipt" subject_has $applicant 2 "登记回执"

# --- status queries --------------------------------------------------------
mail "$d/q1.eml" "$applicant" "查询申请进度" q1 "请问我的申请 $case 现在办理到哪一步了？"
run "$d/q1.eml"
t_check "a status query from the applicant's address is answered" \
	test "$(srv_mails $applicant)" = 3
t_check "by a status reply" subject_has $applicant 3 "办理情况"
mail "$d/q2.eml" "curious@example.net" "查询申请进度" q2 "请问申请 $case 现在办理到哪一步了？"
run "$d/q2.eml"
t_check "one from another address gets nothing" \
	test "$(srv_mails curious@example.net)" = 0
t_ogictl "$d" holding --json >"$d/h.json"
t_check "and is held for the office" \
	t_jq "$d/h.json" 'length == 1 and .[0].from == "curious@example.net"'

# --- robot mail -------------------------------------------------------------
mail "$d/r1.eml" "$applicant" "自动回复: 查询申请进度" r1 \
	"我正在休假，将于下周回复您的邮件。申请 $case" "Auto-Submitted: auto-replied"
mail "$d/r2.eml" "$applicant" "查询申请进度" r2 \
	"请问申请 $case 现在办理到哪一步了？" "List-Id: <news.example.com>"
mail "$d/r3.eml" "$applicant" "查询申请进度" r3 \
	"请问申请 $case 现在办理到哪一步了？" "Precedence: bulk"
for r in r1 r2 r3; do run "$d/$r.eml"; done
t_check "an auto-reply, list mail and bulk mail get nothing" \
	test "$(srv_mails $applicant)" = 3

# --- the daily limit: five automatic messages, not six ----------------------
for q in q3 q4 q5; do
	mail "$d/$q.eml" "$applicant" "查询申请进度" "$q" "请问申请 $case 现在办理到哪一步了？"
	run "$d/$q.eml"
done
t_check "two more answers make five; the sixth is not sent" \
	test "$(srv_mails $applicant)" = 5
t_check "the refusal is logged" \
	grep -q "daily limit of automatic messages reached" "$d/ogid.log"

t_done
