#!/bin/sh
# Applications a clerk must decide: they wait in needs_review with the
# reason, no letter is owed, `ogictl review` lists them, and `ogictl
# explain` shows for a recorded message or a file what each field is and
# where it came from.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq

corpus="$OGI_SRCDIR/tests/corpus"
good=001-foxmail-form-complete

# A complete form whose attached .docx cannot be read: the part we lost
# might hold what decides the case, so nothing may be sent on it.
problem_eml() {
	cat <<'EML'
From: liming@example.com
To: ogi@example.gov.cn
Subject: =?UTF-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=
Date: Wed, 18 Nov 2026 10:00:00 +0800
Message-ID: <review-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

5aeT5ZCN77ya5p2O5piOCuivgeS7tuWQjeensO+8muWxheawkei6q+S7veivgQror4Hku7blj7fn
oIHvvJoxNTA1MDIxOTg4MDIxNDMwMTEK6YCa6K6v5Zyw5Z2A77ya5YaF6JKZ5Y+k6Ieq5rK75Yy6
6YCa6L695biC56eR5bCU5rKB5Yy65bu65Zu96LevMTblj7cy5Y2V5YWDMzAx5a6kCuiBlOezu+eU
teivne+8mjEzODQ3NTEyMzQ1CuaJgOmcgOS/oeaBr+eahOWGheWuueaPj+i/sO+8mjIwMjXlubTl
uqbpgJrovr3luILlsLHkuJrooaXliqnotYTph5Hkvb/nlKjmg4XlhrUK6I635Y+W5pa55byP77ya
55S15a2Q6YKu5Lu2CueUs+ivt+S6uuetvuWQje+8muadjuaYjgrnlLPor7fml6XmnJ/vvJoyMDI2
5bm0MTHmnIgxOOaXpQo=
--b1
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="form.docx"
Content-Disposition: attachment; filename="form.docx"
Content-Transfer-Encoding: base64

UEsDBCB0aGlzIGlzIG5vdCBhIHppcCBhdCBhbGw=
--b1--
EML
}

dir=$(t_state_dir review)
problem_eml >"$dir/inbox/new/1763431200.M1P1.mx"
cp "$corpus/$good.eml" "$dir/inbox/new/$good"
t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid records both messages" [ $? = 0 ]
t_check "its log says the case waits for a clerk, and why" \
	grep -q "registered, waiting for a clerk: the message had problems" "$dir/log"

t_ogictl "$dir" review --json >"$dir/review.json"
t_check "review lists the one case waiting, not the complete one" \
	t_jq "$dir/review.json" 'length == 1 and .[0].state == "needs_review" and
		.[0].applicant.name == "李明" and
		(.[0].review | length == 1 and (.[0] | contains("problems")))'
case=$(jq -r '.[0].id' "$dir/review.json")
t_ogictl "$dir" review >"$dir/review.txt"
t_check "review's text names the case and the reason" \
	grep -q "^$case .*李明" "$dir/review.txt"
t_check "review's text gives the reason on its own line" \
	grep -q "^    - the message had problems" "$dir/review.txt"
t_ogictl "$dir" show "$case" >"$dir/show.txt"
t_check "show: no letter is owed while a clerk decides" \
	grep -q "^Letter owed *-$" "$dir/show.txt"
t_check "show: the reason is shown" grep -q "^Review .*had problems" "$dir/show.txt"
t_ogictl "$dir" list --state needs_review --json >"$dir/list.json"
t_check "the deadline runs while the case waits" \
	t_jq "$dir/list.json" '.[0].deadline != null'
t_ogictl "$dir" list --state registered --json >"$dir/reg.json"
t_check "the complete application is registered" \
	t_jq "$dir/reg.json" 'length == 1 and .[0].applicant.name == "张伟"'

# --- a reply quoting no number joins the case of the mail it answers --------
dir2=$(t_state_dir thread)
problem_eml >"$dir2/inbox/new/1763431200.M1P1.mx"
t_ogid "$dir2" --once 2>/dev/null
cat >"$dir2/inbox/new/1763622000.M2P1.mx" <<'EML'
From: liming@example.com
To: ogi@example.gov.cn
Subject: =?UTF-8?B?5Zue5aSN77ya6KGl5q2j?=
Date: Fri, 20 Nov 2026 15:00:00 +0800
Message-ID: <review-2@example.com>
In-Reply-To: <review-1@example.com>
References: <unknown-0@example.com> <review-1@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

您好，按补正通知的要求，现补正如下：
申请人签名：李明
申请日期：2026年11月20日
EML
t_ogid "$dir2" --once 2>/dev/null
t_ogictl "$dir2" messages --json >"$dir2/m.json"
t_check "a correction reply with no number joins its thread's case" \
	t_jq "$dir2/m.json" '.[1].kind == "correction_reply" and
		.[1].disposition == "linked" and .[1].case == .[0].case'
# References alone (no In-Reply-To), the case's message not the last one;
# and the same thread quoted by someone else, who never joins the case.
thread_reply() {
	cat <<EML
From: $1
To: ogi@example.gov.cn
Subject: =?UTF-8?B?5Zue5aSN77ya6KGl5q2j?=
Date: Fri, 20 Nov 2026 16:00:00 +0800
Message-ID: <$2@example.com>
References: <review-1@example.com> <unknown-9@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

您好，按补正通知的要求，现补正如下：
申请人签名：李明
申请日期：2026年11月20日
EML
}
thread_reply liming@example.com review-3 >"$dir2/inbox/new/1763625600.M3P1.mx"
thread_reply someone@example.net review-4 >"$dir2/inbox/new/1763625700.M4P1.mx"
t_ogid "$dir2" --once 2>/dev/null
t_ogictl "$dir2" messages --json >"$dir2/m2.json"
t_check "a reply found by References alone joins the case" \
	t_jq "$dir2/m2.json" '.[2].disposition == "linked" and .[2].case == .[0].case'
t_check "the same thread from another sender joins nothing and goes to a clerk" \
	t_jq "$dir2/m2.json" '.[3].case == null and .[3].disposition == "needs_review"'

# --- several reasons: one a line in show, one an entry in JSON -------------
dir3=$(t_state_dir reasons)
cat >"$dir3/inbox/new/1763431300.M5P1.mx" <<'EML'
From: liming@example.com
To: ogi@example.gov.cn
Subject: =?UTF-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=
Date: Wed, 18 Nov 2026 10:00:00 +0800
Message-ID: <review-5@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

姓名：李明
身份证号码：150502198802143011
通讯地址：内蒙古自治区通辽市科尔沁区建国路16号2单元301室
联系电话：13847512345
所需信息的内容描述：2025年度通辽市就业补助资金使用情况
申请人签名：王强
申请日期：2026年11月18日
--b1
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="form.docx"
Content-Disposition: attachment; filename="form.docx"
Content-Transfer-Encoding: base64

UEsDBCB0aGlzIGlzIG5vdCBhIHppcCBhdCBhbGw=
--b1--
EML
t_ogid "$dir3" --once 2>/dev/null
t_ogictl "$dir3" review --json >"$dir3/r.json"
t_check "two reasons are two entries" \
	t_jq "$dir3/r.json" '.[0].review | length == 2 and
		any(contains("two different names")) and any(contains("problems"))'
t_ogictl "$dir3" show "$(jq -r '.[0].id' "$dir3/r.json")" >"$dir3/show.txt"
t_check "show: the first reason beside the label, the next on its own line" \
	sh -c "grep -A1 '^Review ' '$dir3/show.txt' | tail -n 1 | grep -q '^  *[a-z]'"

# --- explain -------------------------------------------------------------
t_ogictl "$dir" explain 1763431200.M1P1.mx --json >"$dir/ex1.json"
t_check "explain MSG: the recorded values, the case and its state" \
	t_jq "$dir/ex1.json" --arg c "$case" '.case == $c and .verdict == "needs_review" and
		.fields.name.value == "李明" and
		.fields.id_number.value == "150502198802143011" and
		.fields.request.value == "2025年度通辽市就业补助资金使用情况"'
t_ogictl "$dir" explain '<review-1@example.com>' --json >"$dir/ex2.json"
t_check "explain by Message-ID finds the same message" \
	t_jq "$dir/ex2.json" --arg c "$case" '.case == $c'
t_ogictl "$dir" explain "$corpus/$good.eml" --json >"$dir/ex3.json"
t_check "explain FILE parses the file now and gives its verdict" \
	t_jq "$dir/ex3.json" '.kind == "application" and .verdict == "complete" and
		.fields.name.value == "张伟" and .fields.signature.value == "张伟"'
t_ogictl "$dir" explain "$corpus/$good.eml" >"$dir/ex3.txt"
t_check "explain's text shows each field's value" \
	grep -q "^name  *张伟$" "$dir/ex3.txt"
t_check "and where it came from: source, confidence, rule" \
	grep -q "^  *label, high confidence, rule form-label" "$dir/ex3.txt"
t_check "and the line it was read from" \
	grep -q "^  *line [0-9][0-9]*: 姓名:张伟$" "$dir/ex3.txt"
t_check "explain --json gives the provenance of each field" \
	t_jq "$dir/ex3.json" '.fields.name.source == "label" and
		.fields.name.confidence == "high" and .fields.name.rule == "form-label" and
		.fields.name.line_no > 0 and .fields.email.source != null'
# A form dated after the day it arrived has no valid date: ogid judged it
# on its day of receipt, and explain of the same bytes judges it on that
# day too, not on the day the clerk asks.
late=$(t_state_dir review-late)
printf '%s\n' 'From: wangfang@example.com' 'To: ogi@example.gov.cn' \
	'Subject: =?UTF-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=' \
	'Date: Fri, 20 Nov 2026 09:00:00 +0800' 'Message-ID: <late-1@example.com>' \
	'MIME-Version: 1.0' 'Content-Type: text/plain; charset=UTF-8' \
	'Content-Transfer-Encoding: 8bit' '' \
	'姓名：王芳' '证件名称：居民身份证' '证件号码：150502198802143011' \
	'通讯地址：内蒙古自治区通辽市科尔沁区建国路16号2单元301室' \
	'联系电话：13847512345' '所需信息的内容描述：2025年度通辽市就业补助资金使用情况' \
	'获取方式：电子邮件' '申请人签名：王芳' '申请日期：2026年11月25日' \
	>"$late/inbox/new/1763600400.M1P1.mx"
touch -d '2026-11-20 09:00:00 +0800' "$late/inbox/new/1763600400.M1P1.mx"
cp "$late/inbox/new/1763600400.M1P1.mx" "$late/late.eml"
t_ogid "$late" --once 2>/dev/null
t_ogictl "$late" list --json >"$late/list.json"
t_check "ogid: a form dated after its receipt has no valid date" \
	t_jq "$late/list.json" 'length == 1 and .[0].state == "incomplete"'
t_ogictl "$late" explain "$late/late.eml" --json >"$late/ex.json"
t_check "explain FILE of the recorded bytes judges on the day of receipt" \
	t_jq "$late/ex.json" '.verdict == "incomplete"'
# A Maildir that kept only the file's time (copied on 11-26, its name no
# time): the receipt recorded is the Received: header's (11-20), and ogid
# judges the form's date (11-25) against that day, as explain does.
filed=$(t_state_dir review-filetime)
{
	echo 'Received: from mx.example.com by ogi.example.gov.cn; Fri, 20 Nov 2026 09:00:00 +0800'
	cat "$late/late.eml"
} >"$filed/inbox/new/copied-late.mx"
touch -d '2026-11-26 09:00:00 +0800' "$filed/inbox/new/copied-late.mx"
cp "$filed/inbox/new/copied-late.mx" "$filed/late.eml"
t_ogid "$filed" --once 2>/dev/null
t_ogictl "$filed" list --json >"$filed/list.json"
t_check "ogid: a form dated after the receipt its Received: header gives has no valid date" \
	t_jq "$filed/list.json" 'length == 1 and .[0].state == "incomplete" and
		(.[0].received_at | startswith("2026-11-20"))'
t_ogictl "$filed" explain "$filed/late.eml" --json >"$filed/ex.json"
t_check "explain FILE of those bytes gives the same verdict" \
	t_jq "$filed/ex.json" '.verdict == "incomplete"'
# The header's day is the office's (+0800), not UTC's: a header at 07:30
# is 11-19 in UTC, and the form dated 11-20 is dated the day it arrived.
early=$(t_state_dir review-early)
{
	echo 'Received: from mx.example.com by ogi.example.gov.cn; Fri, 20 Nov 2026 07:30:00 +0800'
	sed 's/^申请日期：.*/申请日期：2026年11月20日/' "$late/late.eml"
} >"$early/inbox/new/copied-early.mx"
touch -d '2026-11-26 09:00:00 +0800' "$early/inbox/new/copied-early.mx"
t_ogid "$early" --once 2>/dev/null
t_ogictl "$early" list --json >"$early/list.json"
t_check "ogid: the header's day is taken at the office's offset (a form dated that day is valid)" \
	t_jq "$early/list.json" 'length == 1 and .[0].state != "incomplete" and
		(.[0].received_at | startswith("2026-11-20T07:30"))'
# A header dated more than a day after the file's time is not believed
# (it could only be forged): the form dated between the two is still
# dated after its receipt, for ogid and for explain.
forged=$(t_state_dir review-forged)
{
	echo 'Received: from mx.example.com by ogi.example.gov.cn; Fri, 27 Nov 2026 09:00:00 +0800'
	cat "$late/late.eml"
} >"$forged/inbox/new/copied-forged.mx"
touch -d '2026-11-20 09:00:00 +0800' "$forged/inbox/new/copied-forged.mx"
cp "$forged/inbox/new/copied-forged.mx" "$forged/forged.eml"
t_ogid "$forged" --once 2>/dev/null
t_ogictl "$forged" list --json >"$forged/list.json"
t_check "ogid: a Received: header after the file's time is not believed" \
	t_jq "$forged/list.json" 'length == 1 and .[0].state == "incomplete" and
		(.[0].received_at | startswith("2026-11-20"))'
t_ogictl "$forged" explain "$forged/forged.eml" --json >"$forged/ex.json"
t_check "explain FILE of those bytes does not believe it either" \
	t_jq "$forged/ex.json" '.verdict == "incomplete"'
# A file time before 1970 (a copy made with a broken clock) is no receipt:
# the mail is parsed (not held unparsed) and taken as received when ogid
# takes the file, as a POP3 fetch is -- not in 1969, which made its form
# "dated after receipt" (a correction notice sent by itself), numbered the
# case 1969-… and had the sweep abandon it as decades overdue.
neg=$(t_state_dir review-negtime)
cp "$late/late.eml" "$neg/inbox/new/copied-neg.mx"
touch -d '1969-12-31 12:00:00 UTC' "$neg/inbox/new/copied-neg.mx"
t_ogid "$neg" --once 2>"$neg/log"
t_ogictl "$neg" list --json >"$neg/list.json"
t_check "ogid: a file dated before 1970 is parsed and registered" \
	t_jq "$neg/list.json" 'length == 1'
t_check "... without the worker refusing its job" \
	eval '! grep -q "not parsed" "$neg/log"'
year=$(date +%Y)
t_check "... as received now: numbered in $year, its form dated before that is complete" \
	t_jq "$neg/list.json" --arg y "$year-" '(.[0].id | startswith($y)) and
		(.[0].received_at | startswith($y)) and .[0].state == "registered"'

# The file is parsed by the sandboxed worker, not by ogictl: a message that
# crashes the worker (fault injection) fails explain and ogictl survives.
sed 's/^Subject: .*/Subject: OGID-TEST-CRASH/' "$corpus/$good.eml" >"$dir/crash.eml"
OGID_TEST_FAULTS=1 t_ogictl "$dir" explain "$dir/crash.eml" 2>"$dir/ex6.err"
t_check "explain FILE runs the parser worker: a crash there is reported" [ $? = 1 ]
t_check "as the worker's, by the parent that survived it" grep -q "not parsed" "$dir/ex6.err"
t_ogictl "$dir" explain no-such-message 2>"$dir/ex4.err"
t_check "explain of an unknown message fails" [ $? = 1 ]
t_check "and says so" grep -q "no message or file no-such-message" "$dir/ex4.err"
printf '\n[limits]\nmax_message_size = 1K\n' >>"$dir/ogid.conf"
t_ogictl "$dir" explain "$corpus/$good.eml" 2>"$dir/ex5.err"
t_check "explain refuses a file ogid would not parse" [ $? = 1 ]
t_check "naming the limit" grep -q "max_message_size" "$dir/ex5.err"

t_done
