#!/bin/sh
# What the daemon does by itself: the holding list of messages that are
# no application and match no case, filed, opened or dismissed by a
# clerk with `ogictl holding`.
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
t_check "the new case waits for a clerk, its sender as e-mail, a deadline" \
	t_jq "$dir/new.json" '.state == "needs_review" and
		.applicant.email == "wangfang@example.com" and .deadline != null'
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

t_done
