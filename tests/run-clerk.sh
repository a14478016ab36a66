#!/bin/sh
# The clerk's commands on real cases made by ogid from the bundled samples:
# `history` shows every event with who did it (`--as`, else the login
# name), `note` adds one and changes nothing else.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq

dir=$(t_state_dir clerk)
# Received 2026-11-20 10:00 +08:00 and a minute apart, in sample order.
n=0
for f in "$OGI_SRCDIR"/samples/0[1-5]-*.eml; do
	n=$((n + 1))
	cp "$f" "$dir/inbox/new/$((1795140000 + n * 60)).M${n}P1.sample"
done
t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid records the samples" [ $? = 0 ]
t_ogictl "$dir" list --json >"$dir/list.json"
complete=$(jq -r '[.[] | select(.state == "registered")][0].id' "$dir/list.json")
incomplete=$(jq -r '[.[] | select(.state == "incomplete")][0].id' "$dir/list.json")
t_check "a registered and an incomplete case to work on" \
	[ -n "$complete" ] && [ "$complete" != null ] && [ "$incomplete" != null ]

# --- history, --as, note ------------------------------------------------------
t_ogictl "$dir" history "$complete" --json >"$dir/h0.json"
t_check "history starts with the daemon registering the message" \
	t_jq "$dir/h0.json" '.[0].type == "registered" and .[0].actor == "ogid" and
		(.[0].message | endswith(".sample")) and (.[0].at | endswith("+08:00"))'
t_ogictl "$dir" --as 王芳 note "$complete" "电话联系申请人" >/dev/null
t_check "note succeeds" [ $? = 0 ]
t_ogictl "$dir" note "$complete" "second note" >/dev/null
t_ogictl "$dir" history "$complete" --json >"$dir/h1.json"
t_check "the note names the clerk given with --as, after the daemon's events" \
	t_jq "$dir/h1.json" '.[-2] == {at: .[-2].at, actor: "王芳", type: "note",
		detail: "电话联系申请人", message: null}'
t_check "without --as the note names the login name" \
	t_jq "$dir/h1.json" --arg me "$(id -un)" '.[-1].actor == $me'
t_ogictl "$dir" show "$complete" --json >"$dir/show1.json"
t_check "a note changes nothing else" \
	t_jq "$dir/show1.json" '.state == "registered"'
t_ogictl "$dir" history "$complete" >"$dir/h1.txt"
t_check "history's text: time in the office zone, actor, type, detail" \
	grep -q "^2026-[0-9-]* [0-9:]*  王芳  *note  *-  *电话联系申请人$" "$dir/h1.txt"
t_check_fails "--as ogid is refused: a clerk never acts as the daemon" \
	t_ogictl "$dir" --as ogid note "$complete" x 2>"$dir/err"
t_check "... saying why" grep -q "daemon" "$dir/err"
t_check_fails "history of no case fails" \
	t_ogictl "$dir" history 2026-999999 2>"$dir/err"
t_check "... naming it" grep -q "no application 2026-999999" "$dir/err"

t_done
