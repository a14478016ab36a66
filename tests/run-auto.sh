#!/bin/sh
# What the daemon does by itself: the holding list of messages that are
# no application and match no case, filed, opened or dismissed by a
# clerk with `ogictl holding`; a correction reply merged into its
# incomplete case; a status query answered only to the case's address;
# robot mail never answered, the daily limit; the daily digest; the
# national-2019 sweep of applications never corrected.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq

corpus="$OGI_SRCDIR/tests/corpus"
good=001-foxmail-form-complete

# A question, not an application, from someone with no case.
consultation_eml() {
	cat <<EML
From: wangfang@example.com
To: ogi@example.gov.cn
Subject: $1
Date: Wed, 18 Nov 2026 10:00:00 +0800
Message-ID: <$2@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

请问你们局的办公时间是几点到几点？周六可以去窗口咨询吗？
EML
}

dir=$(t_state_dir holding)
consultation_eml "question one" q1 >"$dir/inbox/new/1763431200.M1P1.q1"
consultation_eml "question two" q2 >"$dir/inbox/new/1763431201.M1P1.q2"
consultation_eml "question three" q3 >"$dir/inbox/new/1763431202.M1P1.q3"
cp "$corpus/$good.eml" "$dir/inbox/new/$good"
t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid records the messages" [ $? = 0 ]
t_ogictl "$dir" holding --json >"$dir/h.json"
t_check "the three questions are held, the application is not" \
	t_jq "$dir/h.json" 'length == 3 and all(.kind == "consultation") and
		([.[].subject] == ["question one", "question two", "question three"])'
t_ogictl "$dir" holding >"$dir/h.txt"
t_check "the text lists each with its sender" \
	[ "$(grep -c 'consultation  wangfang@example.com' "$dir/h.txt")" = 3 ]
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')

t_ogictl "$dir" holding file 1763431200.M1P1.q1 --case "$case" >"$dir/f.out"
t_check "file MSG --case ID files it" grep -q "filed into $case" "$dir/f.out"
t_ogictl "$dir" holding file "<q2@example.com>" --dismiss >/dev/null
t_check "file MSG --dismiss (by Message-ID) dismisses it" [ $? = 0 ]
t_ogictl "$dir" holding file 1763431202.M1P1.q3 --new >"$dir/n.out"
t_check "file MSG --new opens a case" grep -q "application .* opened" "$dir/n.out"
new=$(sed -n 's/.*application \([0-9-]*\) opened.*/\1/p' "$dir/n.out")
t_ogictl "$dir" holding --json >"$dir/h2.json"
t_check "nothing is held any more" t_jq "$dir/h2.json" 'length == 0'
t_ogictl "$dir" show "$new" --json >"$dir/new.json"
# Received Tue 2025-11-18: 15 working days (the rules profile's) later.
t_check "the new case waits for a clerk, its sender as e-mail, a deadline" \
	t_jq "$dir/new.json" '.state == "needs_review" and
		.applicant.email == "wangfang@example.com" and .deadline == "2025-12-09"'
t_ogictl "$dir" messages --json >"$dir/m.json"
t_check "the filed message belongs to the case" \
	t_jq "$dir/m.json" '[.[] | select(.subject == "question one")][0].case == "'"$case"'"'
t_ogictl "$dir" holding file 1763431202.M1P1.q3 --dismiss 2>"$dir/e.err"
t_check "a message no longer held cannot be filed again" [ $? = 1 ]
t_check "and says so" grep -q "no held message" "$dir/e.err"
t_ogictl "$dir" holding file q9 --case "$case" --dismiss 2>/dev/null
t_check "two actions at once is bad usage" [ $? = 2 ]
t_ogictl "$dir" holding file 1763431200.M1P1.q1 --case 2026-999999 2>/dev/null
t_check "filing into a case that does not exist fails" [ $? = 1 ]
ev=$(sqlite3 "$dir/state/ogid.db" "SELECT group_concat(type || ':' || actor) FROM events WHERE type IN ('filed','dismissed') ORDER BY id")
t_check "each is an event in the clerk's name" \
	[ "$ev" = "filed:$(id -un),dismissed:$(id -un)" ]

t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "by default a question gets no automatic notice" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "not-application")] | length == 0'

# not_application_notice = yes: the question gets the notice, and is held.
dir=$(t_state_dir notice)
sed -i '/^\[ogid\]$/a not_application_notice = yes' "$dir/ogid.conf"
consultation_eml "question" n1 >"$dir/inbox/new/1763431200.M1P1.n1"
t_ogid "$dir" --once 2>/dev/null
t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "configured, a question gets the not-an-application notice" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "not-application")] | length == 1 and
		.[0].recipient == "wangfang@example.com"'
t_check "and is still held for the office" \
	t_jq "$(t_ogictl "$dir" holding --json >"$dir/h.json"; echo "$dir/h.json")" 'length == 1'

# A sender compose cannot write to (a UTF-8 local part) is held, not
# answered, and does not block the mailbox.
dir=$(t_state_dir badaddr)
sed -i '/^\[ogid\]$/a not_application_notice = yes' "$dir/ogid.conf"
consultation_eml "question" n2 | sed 's/^From: .*/From: 王芳@example.com/' \
	>"$dir/inbox/new/1763431200.M1P1.n2"
t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid records it" [ $? = 0 ]
t_check "it is held for the office" \
	t_jq "$(t_ogictl "$dir" holding --json >"$dir/h.json"; echo "$dir/h.json")" 'length == 1'
t_check "with no notice queued" \
	t_jq "$(t_ogictl "$dir" outbox --json >"$dir/o.json"; echo "$dir/o.json")" 'length == 0'
t_check "and the mailbox is not retried" [ -z "$(ls "$dir/inbox/new")" ]

# --- a correction reply completes an incomplete case ---------------------
incomplete=029-163-missing-id
applicant=naren_1995@163.com
# t_reply FROM SUBJECT ID TEXT: a plain reply from FROM.
t_reply() {
	cat <<EML
From: $1
To: ogi@example.gov.cn
Subject: $2
Date: Fri, 25 Sep 2026 09:00:00 +0800
Message-ID: <$3@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

$4
EML
}
dir=$(t_state_dir correction)
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>"$dir/log1"
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_ogictl "$dir" show "$case" --json >"$dir/c1.json"
t_check "the application lacking its ID number is incomplete" \
	t_jq "$dir/c1.json" '.state == "incomplete" and .missing == ["identity_proof"]'
deadline=$(jq -r .deadline "$dir/c1.json")
t_reply "$applicant" "Re: 补正告知书 [OGI-$case]" corr1 \
	"您好，现补正如下：
身份证号码：150502199501011239" >"$dir/inbox/new/1790300000.M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log2"
t_check "ogid merges the correction" grep -q "correction merged into case $case (2 fields): registered" "$dir/log2"
t_ogictl "$dir" show "$case" --json >"$dir/c2.json"
t_check "the case is registered with the ID number it lacked" \
	t_jq "$dir/c2.json" '.state == "registered" and .missing == [] and
		.applicant.id_number == "150502199501011239"'
t_check "bureau rules: the deadline still counts from the first receipt" \
	t_jq "$dir/c2.json" '.deadline == "'"$deadline"'"'
ev=$(sqlite3 "$dir/state/ogid.db" "SELECT group_concat(type || ':' || coalesce(detail, ''), '|') FROM events WHERE case_id = '$case' AND type IN ('corrected', 'registered') ORDER BY id")
t_check "each change is an event, then the registration" \
	[ "$ev" = "registered:incomplete|corrected:id_type|corrected:id_number|registered:after the applicant's correction" ]
t_check "the receipt is owed to the applicant" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM letters WHERE case_id = '$case' AND kind = 'receipt'")" = 1 ]

# Still incomplete after a correction: a new notice names what is left.
dir=$(t_state_dir correction2)
sed 's/^\(.*\)$/\1/' "$corpus/$incomplete.eml" >"$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>/dev/null
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_reply "$applicant" "Re: 补正告知书" corr2 "补正：我的联系电话是 13800138000。" \
	>"$dir/inbox/new/1790300001.M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log"
t_check "a correction naming no case joins the sender's only incomplete case" \
	grep -q "for case $case" "$dir/log"
t_ogictl "$dir" show "$case" --json >"$dir/c.json"
t_check "still incomplete, still lacking only the ID number" \
	t_jq "$dir/c.json" '.state == "incomplete" and .missing == ["identity_proof"]'
t_check "a second correction notice is owed (the first came with the registration)" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM letters WHERE case_id = '$case' AND kind = 'correction'")" = 2 ]

# The second notice the limit keeps back is not dropped in silence: the
# case waits for a clerk, who sees why.
dir=$(t_state_dir correction3)
echo "auto_reply_limit = 1" >"$dir/ogid.conf.tmp"
sed -i '/^\[ogid\]$/r '"$dir/ogid.conf.tmp" "$dir/ogid.conf"
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>/dev/null
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_reply "$applicant" "Re: 补正告知书" corr6 "补正：我的联系电话是 13800138000。" \
	>"$dir/inbox/new/1790300001.M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" show "$case" --json >"$dir/c.json"
t_check "a second notice past the day's limit: the case waits for a clerk, told why" \
	t_jq "$dir/c.json" '.state == "needs_review" and (.review | tostring
		| test("correction notice was not sent by itself.*daily limit"))'
t_check "and no second notice is owed by itself" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM letters WHERE case_id = '$case' AND kind = 'correction'")" = 1 ]

# A case number in a text is anyone's to copy: a stranger's "correction"
# does not change the case (it would receive the case's letters).
dir=$(t_state_dir stranger)
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>/dev/null
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_reply "intruder@example.net" "Re: 补正告知书 [OGI-$case]" corr3 \
	"您好，现补正如下：
身份证号码：150502199501011239
电子邮箱：intruder@example.net" >"$dir/inbox/new/1790300004.M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" show "$case" --json >"$dir/c.json"
t_check "a stranger's correction naming the case is not merged" \
	t_jq "$dir/c.json" '.state == "incomplete" and .applicant.email == "'"$applicant"'"'
t_check "it is held for the office" \
	t_jq "$(t_ogictl "$dir" holding --json >"$dir/h.json"; echo "$dir/h.json")" \
	'length == 1 and .[0].from == "intruder@example.net"'

# A correction answering one case and quoting another waits for a clerk:
# nothing is merged.
dir=$(t_state_dir quotes)
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
cp "$corpus/$good.eml" "$dir/inbox/new/1790240138.M1P1.good"
t_ogid "$dir" --once 2>/dev/null
case=$(sqlite3 "$dir/state/ogid.db" "SELECT case_id FROM messages WHERE uid = '1790240137.M1P1.app'")
other=$(sqlite3 "$dir/state/ogid.db" "SELECT case_id FROM messages WHERE uid = '1790240138.M1P1.good'")
{
	echo "References: <3c9b1e7f.5d2a.19e7c4f8b06.Coremail.naren_1995@163.com>"
	t_reply "$applicant" "Re: 补正告知书 [OGI-$other]" corr4 "补正如下：
身份证号码：150502199501011239"
} >"$dir/inbox/new/1790300005.M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log"
t_check "the reply is linked for review" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT disposition FROM messages WHERE uid = '1790300005.M1P1.corr'")" = needs_review ]
t_check "and merged into no case" \
	t_jq "$(t_ogictl "$dir" show "$case" --json >"$dir/c.json"; echo "$dir/c.json")" \
	'.state == "incomplete" and .missing == ["identity_proof"]'

# national-2019 with a cut-off at 17:00: a corrected application counts
# anew from the correction's receipt, and one received after the cut-off
# (Thu 2026-09-24 17:30) from the next working day (Mon 09-28: Friday is
# the Mid-Autumn holiday).
# national_dir NAME [LINE]: a state directory under national-2019 with the
# cut-off and LINE in [ogid], the incomplete application and a full
# correction received at 17:30 in the mailbox, to be read in one run (the
# sweep that follows would abandon the application, its period long over).
national_dir() {
	nd=$(t_state_dir "$1")
	printf 'rules = national-2019\ncutoff_hour = 17\n%s\n' "${2:-}" \
		>"$nd/ogid.conf.tmp"
	sed -i '/^\[ogid\]$/r '"$nd/ogid.conf.tmp" "$nd/ogid.conf"
	cp "$corpus/$incomplete.eml" "$nd/inbox/new/1790240137.M1P1.app"
	t_reply "$applicant" "Re: 补正告知书" "$1" "补正如下：
身份证号码：150502199501011239" >"$nd/inbox/new/1790242200.M1P1.corr"
	echo "$nd"
}
dir=$(national_dir late)
t_ogid "$dir" --once 2>"$dir/log"
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_check "national-2019: ogid merges the correction and registers the case" \
	grep -q "correction merged into case $case (2 fields): registered" "$dir/log"
t_check "a correction received after the cut-off counts from the next working day" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT receipt_date || ' ' || deadline_basis FROM cases WHERE id = '$case'")" \
	= "2026-09-28 20 working days from 2026-09-28 (received 2026-09-24 17:30, after the 17:00 cut-off → next working day), national-2019 rules (OGI Regulation 2019 Art. 33)" ]

# The same correction left to a clerk (its receipt kept back by the daily
# limit): ogid records when it was received, and the clerk's acceptance
# days later counts from then.
dir=$(national_dir review "auto_reply_limit = 1")
t_ogid "$dir" --once 2>/dev/null
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_check "the correction waits for a clerk" \
	t_jq "$(t_ogictl "$dir" show "$case" --json >"$dir/c.json"; echo "$dir/c.json")" \
	'.state == "needs_review"'
t_check "ogid records the correction's receipt on the case" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT c.correction_received_at = m.received_at AND m.received_at = 1790242200 FROM cases c JOIN messages m ON m.case_id = c.id WHERE c.id = '$case' AND m.uid = '1790242200.M1P1.corr'")" = 1 ]
t_ogictl "$dir" accept "$case" >"$dir/out"
t_check "the clerk's acceptance counts from the correction's receipt" \
	grep -q "counted anew: 20 working days from 2026-09-28 (received 2026-09-24 17:30, after" "$dir/out"

# A correction that leaves the case incomplete (a second notice owed) did
# not complete it: its receipt is not kept, and the clerk's acceptance
# later, on the rest received another way, counts from the acceptance.
# Received yesterday and the day before: the sweep must not abandon it.
dir=$(t_state_dir partial)
printf 'rules = national-2019\n' >"$dir/ogid.conf.tmp"
sed -i '/^\[ogid\]$/r '"$dir/ogid.conf.tmp" "$dir/ogid.conf"
now=$(date +%s)
cp "$corpus/$incomplete.eml" "$dir/inbox/new/$((now - 172800)).M1P1.app"
t_reply "$applicant" "Re: 补正告知书" partial "补正：我的联系电话是 13800138000。" \
	>"$dir/inbox/new/$((now - 86400)).M1P1.corr"
t_ogid "$dir" --once 2>/dev/null
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_check "a partial correction leaves the case incomplete without its receipt" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT state || ' ' || coalesce(correction_received_at, 0) FROM cases WHERE id = '$case'")" = "incomplete 0" ]
# ogid's further notice is the one a correction answers: a receipt after
# the partial correction but before that notice is refused.
t_check "ogid's further notice is an incomplete event" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM events WHERE case_id = '$case' AND type = 'incomplete' AND at >= $now")" = 1 ]
early=$(TZ=Asia/Shanghai date -d @$((now - 86400 + 600)) +%Y-%m-%dT%H:%M)
t_check_fails "accept --received before ogid's further notice is refused" \
	t_ogictl "$dir" accept "$case" --received "$early" 2>"$dir/err"
t_check "saying the case was asked for a correction after it" \
	grep -q "before $case was last asked for a correction" "$dir/err"
t_ogictl "$dir" accept "$case" >"$dir/out"
t_check "the clerk's acceptance counts from now, not from the partial correction" \
	grep -q "received $(TZ=Asia/Shanghai date -d @"$(date +%s)" +%Y-%m-%d)" "$dir/out"

# --- status queries: answered only to the case's own address -------------
dir=$(t_state_dir status)
cp "$corpus/$good.eml" "$dir/inbox/new/$good"
t_ogid "$dir" --once 2>/dev/null
t_ogictl "$dir" list --json >"$dir/l.json"
case=$(jq -r '.[0].id' "$dir/l.json")
owner=$(jq -r '.[0].applicant.email' "$dir/l.json")
t_reply "$owner" "查询申请进度 $case" st1 "请问我的申请 $case 现在办理到哪一步了？" \
	>"$dir/inbox/new/1790300002.M1P1.st1"
t_reply "someone.else@example.net" "查询申请进度 $case" st2 \
	"请问申请 $case 现在办理到哪一步了？" >"$dir/inbox/new/1790300003.M1P1.st2"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "one status reply, to the case's own address" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "status")] | length == 1 and
		.[0].recipient == "'"$owner"'"'
deadline=$(jq -r '.[0].deadline' "$dir/l.json")
sed '1,/^$/d' "$dir"/state/outbox/new/* | base64 -d >"$dir/status.txt"
status_says() {
	grep -q "状态：已登记，正在办理" "$1" &&
		grep -q "答复期限：$2" "$1" &&
		grep -q "下一步：本机关将在答复期限内作出答复" "$1"
}
t_check "it says the state, the deadline and what comes next" \
	status_says "$dir/status.txt" "$deadline"
t_ogictl "$dir" holding --json >"$dir/h.json"
t_check "the stranger's query is held, nothing sent to it" \
	t_jq "$dir/h.json" 'length == 1 and .[0].from == "someone.else@example.net"'

# --- automatic mail gets nothing; the sixth automatic message in a day is not sent
dir=$(t_state_dir robots)
cp "$corpus/$good.eml" "$dir/inbox/new/$good"
t_ogid "$dir" --once 2>/dev/null
t_ogictl "$dir" list --json >"$dir/l.json"
case=$(jq -r '.[0].id' "$dir/l.json")
owner=$(jq -r '.[0].applicant.email' "$dir/l.json")
{
	echo "From: $owner"
	echo "Auto-Submitted: auto-replied"
	t_reply "$owner" "查询申请进度 $case" r1 "请问申请 $case 办理到哪一步了？" | sed 1d
} >"$dir/inbox/new/1790300010.M1P1.r1"
{
	echo "List-Id: <news.example.com>"
	t_reply "$owner" "查询申请进度 $case" r2 "请问申请 $case 办理到哪一步了？"
} >"$dir/inbox/new/1790300011.M1P1.r2"
{
	echo "Precedence: bulk"
	t_reply "$owner" "查询申请进度 $case" r3 "请问申请 $case 办理到哪一步了？"
} >"$dir/inbox/new/1790300012.M1P1.r3"
{
	echo "Return-Path: <>"
	t_reply "$owner" "查询申请进度 $case" r4 "请问申请 $case 办理到哪一步了？"
} >"$dir/inbox/new/1790300013.M1P1.r4"
t_ogid "$dir" --once 2>"$dir/log1"
t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "no reply to an auto-reply, list or bulk mail, or a null sender" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "status")] | length == 0'
t_check "each is recorded as robot mail, answered by nobody" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT group_concat(kind || '/' || disposition) FROM messages WHERE uid LIKE '%.r_' ORDER BY uid")" = \
	  "auto_reply/ignored,spam/ignored,spam/ignored,auto_reply/ignored" ]
for i in 1 2 3 4 5 6; do
	t_reply "$owner" "查询申请进度 $case" "q$i" "请问申请 $case 办理到哪一步了？" \
		>"$dir/inbox/new/17903001$i.M1P1.q$i"
done
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "the receipt and four status replies: five automatic messages in a day, not six" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "status")] | length == 4'
t_check "counted per address and day" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count FROM auto_replies WHERE recipient = '$owner'")" = 5 ]
t_check "the sixth is refused by the daily limit" \
	grep -q "daily limit of automatic messages reached" "$dir/log"
# An application the limit keeps its receipt from is not left unanswered
# in silence: it waits for a clerk, who sees why.
{ echo "X-Resent: again"; cat "$corpus/$good.eml"; } \
	>"$dir/inbox/new/1790300200.M1P1.again"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" list --json >"$dir/l.json"
t_check "an application past the day's limit waits for a clerk, told why" \
	t_jq "$dir/l.json" '[.[] | select(.state == "needs_review")] | length == 1
		and (.[] | select(.state == "needs_review") | .review | tostring
		     | test("(receipt|correction notice) was not sent by itself.*daily limit"))'
t_check "and no receipt is owed for it by itself" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM letters l JOIN cases c ON c.id = l.case_id WHERE c.state = 'needs_review'")" = 0 ]

# --- the office's own contact read as the applicant's ----------------------
# A form's footer (the office's e-mail or fax for sending it back) taken
# for the applicant's: no receipt goes to the office by itself, the case
# waits for a clerk told which contact, and no status reply answers it.
# own_form EMAIL FAX DELIVERY ID: a complete form by mail.
own_form() {
	cat <<EML
From: liming@example.com
To: ogi@example.gov.cn
Subject: 政府信息公开申请
Date: Thu, 24 Sep 2026 10:00:00 +0800
Message-ID: <$4@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

政府信息公开申请表
姓名：李明
证件名称：居民身份证
证件号码：150502198802143011
通讯地址：内蒙古自治区通辽市科尔沁区建国路16号2单元301室
邮政编码：028000
联系电话：13847512345
电子邮箱：$1
传真：$2
所需信息的内容描述：2025年度通辽市就业补助资金使用情况
所需信息的用途：了解政策
获取方式：$3
申请人签名：李明
申请日期：2026年9月20日
EML
}
dir=$(t_state_dir office-own)
t_office_conf "$dir/ogid.conf" "fax = 0475-8888889"
printf '\n[fax]\ncommand = %s -d {number} {pdf}\n' "$OGI_SRCDIR/tests/fax-record.sh" \
	>>"$dir/ogid.conf"
own_form ysqgk@example.gov.cn 0475-6312758 电子邮件 own1 >"$dir/inbox/new/1790240001.M1P1.own1"
own_form liming@example.com 0475-8888889 传真 own2 >"$dir/inbox/new/1790240002.M1P1.own2"
t_ogid "$dir" --once 2>"$dir/log"
case_of() { sqlite3 "$dir/state/ogid.db" "SELECT case_id FROM messages WHERE uid = '$1'"; }
by_mail=$(case_of 1790240001.M1P1.own1)
by_fax=$(case_of 1790240002.M1P1.own2)
t_ogictl "$dir" show "$by_mail" --json >"$dir/c1.json"
t_check "a receipt by e-mail to [office] email: the case waits for a clerk, told the address" \
	t_jq "$dir/c1.json" '.state == "needs_review" and (.review | tostring
		| test("receipt was not sent by itself: it would go by email to ysqgk@example.gov.cn, the office.s own contact"))'
t_ogictl "$dir" show "$by_fax" --json >"$dir/c2.json"
t_check "a receipt by fax to [office] fax: the case waits for a clerk, told the number" \
	t_jq "$dir/c2.json" '.state == "needs_review" and (.review | tostring
		| test("receipt was not sent by itself: it would go by fax to 0475-8888889, the office.s own contact"))'
t_check "no letter is owed to either" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM letters")" = 0 ]
t_reply ysqgk@example.gov.cn "查询申请进度 $by_mail" own3 "请问申请 $by_mail 办理到哪一步了？" \
	>"$dir/inbox/new/1790300020.M1P1.own3"
t_ogid "$dir" --once 2>"$dir/log2"
t_check "a status query from [office] email gets no automatic reply" \
	t_jq "$(t_ogictl "$dir" outbox --json >"$dir/o.json"; echo "$dir/o.json")" 'length == 0'
t_check "... and the log says why" grep -q "no automatic message to the sender: the office's own address" "$dir/log2"

# --- the daily digest ------------------------------------------------------
t_need python3
dir=$(t_state_dir digest)
sed -i 's/^digest_time = off$/digest_time = 00:00/' "$dir/ogid.conf"
# No holiday data at all: every deadline is provisional, so the calendar
# warnings name the open cases.
mkdir "$dir/no-holidays"
sed -i "s|^holidays_dir = .*|holidays_dir = $dir/no-holidays|" "$dir/ogid.conf"
printf '\n[office]\nname = 示例市人力资源和社会保障局\nemail = office@example.gov.cn\n' >>"$dir/ogid.conf"
cp "$corpus/$good.eml" "$dir/inbox/new/$good"
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
consultation_eml "opening hours" d1 >"$dir/inbox/new/1763431200.M1P1.d1"
# A state directory where no file can be written under the name the
# digest's day was once kept in: the outbox alone says it went.
mkdir -p "$dir/state/digest.day/x"
t_ogid "$dir" --once 2>"$dir/log1"
t_check "the digest is queued once the digest time has passed" \
	grep -q "daily digest for .* queued to" "$dir/log1"
t_ogid "$dir" --once 2>"$dir/log2"
t_check "and only once a day" [ "$(grep -c "daily digest" "$dir/log2")" = 0 ]
t_ogictl "$dir" outbox --json >"$dir/o.json"
t_check "one digest in the outbox, to the office" \
	t_jq "$dir/o.json" '[.[] | select(.kind == "digest")] | length == 1 and
		.[0].recipient == "office@example.gov.cn"'
good_id=$(t_ogictl "$dir" list --state registered --json | jq -r '.[0].id')
inc_id=$(t_ogictl "$dir" list --state incomplete --json | jq -r '.[0].id')
digest=$(grep -l "^Content-Type: multipart/alternative" "$dir"/state/outbox/new/*)
python3 - "$digest" "$dir/digest" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
for part in m.walk():
    if part.get_content_type() in ('text/plain', 'text/html'):
        ext = 'txt' if part.get_content_subtype() == 'plain' else 'html'
        open(sys.argv[2] + '.' + ext, 'w').write(part.get_content().replace('\r\n', '\n'))
PY
t_check "a plain text part" [ -s "$dir/digest.txt" ]
t_check "and an HTML part with a table" grep -q "<table" "$dir/digest.html"
section() { sed -n "/^$1：/,/^\$/p" "$dir/digest.txt"; }
# in_section TITLE PATTERN: a line of the digest's section TITLE matches
# (grep -E) PATTERN.
in_section() { section "$1" | grep -qE -- "$2"; }
t_check "new registrations list both applications" \
	[ "$(section 新登记的申请 | grep -c "$good_id\|$inc_id")" = 2 ]
t_check "awaiting correction lists the incomplete one" \
	in_section 等待补正或审核 "$inc_id  incomplete"
t_check "the holding list lists the question" \
	in_section "待处理邮件（ogictl holding）" "wangfang@example.com  consultation"
t_check "the calendar warning names the open cases with a provisional deadline" \
	in_section 节假日日历提醒 "^  暂定期限  -  -  [0-9]+ open cases? with a provisional deadline .*$good_id due "
# The digest says what ogid said at its start (the second run's, once the
# cases were registered), line for line.
sed -n 's/.*calendar: //p' "$dir/log2" | sort >"$dir/warned"
section 节假日日历提醒 | sed -n 's/^  暂定期限  -  -  //p' | sort >"$dir/digest-warned"
t_check "... as ogid's warning at start says it" \
	sh -c '[ -s "$1" ] && cmp -s "$1" "$2"' _ "$dir/warned" "$dir/digest-warned"
t_check "the HTML escapes what it shows" \
	python3 -c "import html.parser,sys; html.parser.HTMLParser().feed(open(sys.argv[1]).read())" "$dir/digest.html"

# --- national-2019: an application not corrected in time is abandoned ------
dir=$(t_state_dir sweep)
echo "rules = national-2019" >>"$dir/ogid.conf.tmp"
sed -i '/^\[ogid\]$/r '"$dir/ogid.conf.tmp" "$dir/ogid.conf"
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>"$dir/log"
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_ogictl "$dir" show "$case" --json >"$dir/c.json"
t_check "received in September, its correction period long over: abandoned" \
	t_jq "$dir/c.json" '.state == "abandoned"'
t_check "with outcome other.no_correction, concluded" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT outcome || ':' || (concluded_at > 0) FROM cases WHERE id = '$case'")" = "other.no_correction:1" ]
t_check "the sweep is logged and is an event" \
	grep -q "1 incomplete application not corrected in time: abandoned" "$dir/log"
t_check "as an event of the case" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM events WHERE case_id = '$case' AND type = 'abandoned'")" = 1 ]
# A partial correction owes a second notice, and a second notice gives a
# new period: the first one's end must not abandon the case.
dir=$(t_state_dir sweep2)
echo "rules = national-2019" >"$dir/ogid.conf.tmp"
sed -i '/^\[ogid\]$/r '"$dir/ogid.conf.tmp" "$dir/ogid.conf"
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_reply "$applicant" "Re: 补正告知书" corr5 "补正：我的联系电话是 13800138000。" \
	>"$dir/inbox/new/$(date +%s).M1P1.corr"
t_ogid "$dir" --once 2>"$dir/log"
case=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
t_ogictl "$dir" show "$case" --json >"$dir/c.json"
t_check "after a second notice the case waits for its correction, not abandoned" \
	t_jq "$dir/c.json" '.state == "incomplete"'
t_check "its correction period counts from the second notice" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT correction_due > '$(date +%Y-%m-%d)' FROM cases WHERE id = '$case'")" = 1 ]
dir=$(t_state_dir nosweep)
cp "$corpus/$incomplete.eml" "$dir/inbox/new/1790240137.M1P1.app"
t_ogid "$dir" --once 2>/dev/null
t_check "the bureau's rules set no correction period: nothing abandoned" \
	t_jq "$(t_ogictl "$dir" list --json >"$dir/l.json"; echo "$dir/l.json")" '.[0].state == "incomplete"'

t_done
