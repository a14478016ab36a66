#!/bin/sh
# The clerk's commands on real cases made by ogid from the bundled samples:
# `history` shows every event with who did it (`--as`, else the login
# name), `note` adds one and changes nothing else; `accept`, `incomplete`
# and `withdraw` move a case only where the workflow allows, a refused move
# says why and writes nothing; `set` checks a value and records old and new
# (an identity number masked); `due` lists open cases overdue first.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq sqlite3

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

# --- refused moves change nothing ---------------------------------------------
# snapshot ID: the case's show and history, to compare after a refusal.
snapshot() {
	t_ogictl "$dir" show "$1" --json
	t_ogictl "$dir" history "$1" --json
}
snapshot "$complete" >"$dir/before"
t_check_fails "accept of a registered case is refused" \
	t_ogictl "$dir" accept "$complete" 2>"$dir/err"
t_check "... with the workflow's reason" \
	grep -q "registered cannot become registered" "$dir/err"
t_check_fails "an unknown element is refused" \
	t_ogictl "$dir" incomplete "$complete" --missing signature,colour 2>"$dir/err"
t_check "... listing the elements there are" \
	grep -q 'unknown element "colour" (one of: name, address, identity_proof, contact, request, signature, date)' "$dir/err"
t_check_fails "incomplete without --missing or --invalid is refused" \
	t_ogictl "$dir" incomplete "$complete" 2>/dev/null
# The applicant's address is one of the office's own (a form's footer
# read as the applicant's): the notice would go to the office itself.
own=$(jq -r .applicant.email "$dir/show1.json")
sed "s/^own_addresses = .*/&, $own/" "$dir/ogid.conf" >"$dir/own.conf"
t_check_fails "a move whose letter would go to the office's own address is refused" \
	"$OGI_BUILDDIR/ogictl" -c "$dir/own.conf" incomplete "$complete" \
	--missing signature 2>"$dir/err"
t_check "... naming the address and how to correct it" \
	grep -q "would go by email to $own, the office's own: correct the applicant's contact first" "$dir/err"
snapshot "$complete" >"$dir/after"
t_check "nothing was written by the refusals" cmp -s "$dir/before" "$dir/after"

# --- incomplete, accept ---------------------------------------------------------
t_ogictl "$dir" --as 王芳 incomplete "$complete" --missing signature \
	--invalid phone >"$dir/out"
t_check "incomplete moves a registered case" grep -q "registered -> incomplete" "$dir/out"
t_ogictl "$dir" show "$complete" --json >"$dir/show2.json"
t_check "the missing and invalid lists are stored for the correction notice" \
	t_jq "$dir/show2.json" '.state == "incomplete" and .missing == ["signature"] and
		.invalid == ["phone"]'
t_check "incomplete owes the correction notice" \
	grep -q "^letter [0-9]* (correction) to go by email$" "$dir/out"
t_ogictl "$dir" accept "$complete" >"$dir/out"
t_check "accept registers it again" grep -q "incomplete -> registered" "$dir/out"
t_check "accept owes the receipt" \
	grep -q "^letter [0-9]* (receipt) to go by email$" "$dir/out"
t_check "accept prints the deadline set at receipt" \
	grep -q "^deadline $(jq -r .deadline "$dir/show2.json")" "$dir/out"
t_ogictl "$dir" history "$complete" --json >"$dir/h2.json"
t_check "the correction notice not yet sent is cancelled by the acceptance" \
	t_jq "$dir/h2.json" '[.[] | select(.type == "letter-cancelled") | .detail] |
		length == 1 and (.[0] | test("correction: the case became registered"))'
t_check "both moves are in the history with their clerks" \
	t_jq "$dir/h2.json" --arg me "$(id -un)" '[.[] | select(.type == "incomplete" or
		.type == "accepted") | [.actor, .type, .detail]] ==
		[["王芳", "incomplete", "missing: signature; invalid: phone"],
		 [$me, "accepted", "registered"]]'
t_ogictl "$dir" accept "$incomplete" >/dev/null
t_check "accept registers an incomplete application" [ $? = 0 ]

# --- set --------------------------------------------------------------------------
t_ogictl "$dir" set "$complete" phone "139 0475 1234" >/dev/null
t_ogictl "$dir" show "$complete" --json >"$dir/show3.json"
t_check "set stores the value normalised" \
	t_jq "$dir/show3.json" '.applicant.phone == "13904751234"'
t_ogictl "$dir" history "$complete" --json >"$dir/h3.json"
t_check "set records old and new" \
	t_jq "$dir/h3.json" '.[-1].type == "set" and (.[-1].detail | endswith("-> 13904751234"))'
snapshot "$complete" >"$dir/before"
t_check_fails "an invalid phone is refused" \
	t_ogictl "$dir" set "$complete" phone 12345 2>/dev/null
t_check_fails "an unknown delivery is refused" \
	t_ogictl "$dir" set "$complete" delivery pigeon 2>"$dir/err"
t_check "... listing the known ones" grep -q "one of: email, fax, post, pickup" "$dir/err"
t_check_fails "a field not on the list is refused" \
	t_ogictl "$dir" set "$complete" state closed 2>/dev/null
t_check_fails "a resident ID with a wrong check digit is refused" \
	t_ogictl "$dir" set "$complete" id_number 110101199003070022 2>"$dir/err"
t_check "... without repeating the number" sh -c "! grep -q 110101199003070022 '$dir/err'"
snapshot "$complete" >"$dir/after"
t_check "refused values write nothing" cmp -s "$dir/before" "$dir/after"
t_ogictl "$dir" set "$complete" org_kind research >/dev/null
t_ogictl "$dir" history "$complete" --json >"$dir/h-org.json"
t_check "set org_kind records the organisation kind for the annual report" \
	t_jq "$dir/h-org.json" '.[-1].detail == "org_kind: - -> research"'
t_check_fails "an unknown organisation kind is refused" \
	t_ogictl "$dir" set "$complete" org_kind charity 2>"$dir/err"
t_check "... listing the kinds" \
	grep -q "one of: business, research, public_interest, legal_service, other" "$dir/err"
t_ogictl "$dir" set "$complete" id_number 11010519491231002X >/dev/null
t_ogictl "$dir" history "$complete" >"$dir/h4.txt"
t_ogictl "$dir" history "$complete" --json >"$dir/h4.json"
t_ogictl "$dir" show "$complete" --json >"$dir/show4.json"
t_check "the identity number is set" \
	t_jq "$dir/show4.json" '.applicant.id_number == "11010519491231002X"'
t_check "the history never shows a full identity number" \
	sh -c "! grep -qE '[0-9]{15}' '$dir/h4.txt' '$dir/h4.json'"
t_check "... but a masked one" grep -q "110\*\**2X" "$dir/h4.json"

# --- withdraw ---------------------------------------------------------------------
t_ogictl "$dir" --as 李雷 withdraw "$complete" --reason "申请人来电撤回" >/dev/null
t_ogictl "$dir" show "$complete" --json >"$dir/show5.json"
t_check "withdraw moves the case" t_jq "$dir/show5.json" '.state == "withdrawn"'
t_ogictl "$dir" history "$complete" --json >"$dir/h5.json"
t_check "... with the reason, in the clerk's name" \
	t_jq "$dir/h5.json" '[.[] | select(.type == "withdrawn")] == [{at: .[-2].at,
		actor: "李雷", type: "withdrawn", detail: "申请人来电撤回", message: null}]'
t_check "... and the receipt not yet sent is cancelled" \
	t_jq "$dir/h5.json" '.[-1] | .type == "letter-cancelled" and
		(.detail | test("receipt: the case became withdrawn"))'
snapshot "$complete" >"$dir/before"
t_check_fails "nothing more can be done with a withdrawn case" \
	t_ogictl "$dir" accept "$complete" 2>"$dir/err"
t_check "... says the workflow" grep -q "withdrawn" "$dir/err"
snapshot "$complete" >"$dir/after"
t_check "... and nothing is written" cmp -s "$dir/before" "$dir/after"

# --- due ----------------------------------------------------------------------------
# An application received a year before the others (2025-11-18): long
# overdue.  Its own bytes, or it would be the sample's duplicate.
{ echo "X-Test: received a year ago"; cat "$OGI_SRCDIR/samples/02-prose-letter.eml"; } \
	>"$dir/inbox/new/1763431200.M9P1.old"
t_ogid "$dir" --once 2>/dev/null
t_ogictl "$dir" due --json >"$dir/due.json"
t_check "due lists the open cases, the overdue one first" \
	t_jq "$dir/due.json" '(.[0].overdue and .[0].working_days_left < 0) and
		([.[1:][] | .overdue] | all | not) and
		([.[] | .deadline] == ([.[] | .deadline] | sort))'
t_check "due leaves out the withdrawn case" \
	t_jq "$dir/due.json" --arg c "$complete" '[.[] | select(.id == $c)] == []'
t_ogictl "$dir" due --within 0 --json >"$dir/due0.json"
t_check "due --within 0 keeps only what is due today or overdue" \
	t_jq "$dir/due0.json" 'length >= 1 and ([.[] | .working_days_left <= 0] | all)'
t_ogictl "$dir" due >"$dir/due.txt"
t_check "due's text: the overdue case with its negative working days" \
	grep -q "^2025-000001  2025-12-[0-9]*  -[0-9]" "$dir/due.txt"

# --- national-2019: a correction period, and the clock counted anew -----------
nat=$(t_state_dir national)
sed -i 's/^\[ogid\]$/[ogid]\nrules = national-2019/' "$nat/ogid.conf"
cp "$OGI_SRCDIR/samples/01-form-complete.eml" "$nat/inbox/new/1795140060.M1P1.sample"
t_ogid "$nat" --once 2>/dev/null
t_ogictl "$nat" incomplete 2026-000001 --missing signature >"$nat/out"
t_check "national-2019: incomplete sets the day it is abandoned after" \
	grep -q "^abandoned unless corrected by 20[0-9-]*$" "$nat/out"
t_ogictl "$nat" accept 2026-000001 >"$nat/out"
t_check "national-2019: accepting the corrected application counts anew" \
	grep -q "^deadline 20[0-9-]*.*, counted anew: 20 working days from" "$nat/out"
t_ogictl "$nat" history 2026-000001 --json >"$nat/h.json"
t_check "... and says so in the history" \
	t_jq "$nat/h.json" '[.[] | select(.type == "accepted") | .detail |
		test("^registered; deadline .* counted anew$")] == [true]'
# A correction ogid merged but left to a clerk (needs_review) was received
# on 2026-09-24 at 16:05 (as automatic_correction records it): accepting
# it later counts the period from that receipt, not from the command.
t_ogictl "$nat" incomplete 2026-000001 --missing signature >/dev/null
sqlite3 "$nat/state/ogid.db" "UPDATE cases SET state = 'needs_review',
	correction_received_at = $(date -d '2026-09-24 16:05 +0800' +%s)
	WHERE id = '2026-000001'"
t_ogictl "$nat" accept 2026-000001 >"$nat/out"
t_check "national-2019: accepting a correction read in review counts from its receipt" \
	grep -q "^deadline 2026-10-29, counted anew: 20 working days from .*received 2026-09-24 16:05" "$nat/out"

# A correction that came on paper: the clerk gives the day it was received
# (not after today, not before the application's own receipt nor before
# the correction notice).
t_ogictl "$nat" incomplete 2026-000001 --missing signature >/dev/null
t_check_fails "accept --received a day to come is refused" \
	t_ogictl "$nat" accept 2026-000001 --received 2099-01-05 2>"$nat/err"
t_check "... saying why" grep -q "2099-01-05 is in the future" "$nat/err"
t_check_fails "accept --received before the application's receipt is refused" \
	t_ogictl "$nat" accept 2026-000001 --received 2026-11-19 2>"$nat/err"
t_check "... naming the receipt" grep -q \
	"before 2026-000001 received the application (2026-11-20 10:01)" "$nat/err"
t_check_fails "accept --received a day no calendar has is refused" \
	t_ogictl "$nat" accept 2026-000001 --received 2026-11-31 2>/dev/null
t_check "a refused accept leaves the case incomplete" \
	t_jq "$(t_ogictl "$nat" show 2026-000001 --json >"$nat/s.json"; echo "$nat/s.json")" \
	'.state == "incomplete"'
t_check_fails "accept --received before the correction notice (today) is refused" \
	t_ogictl "$nat" accept 2026-000001 --received 2026-11-25T09:30 2>"$nat/err"
today=$(TZ=Asia/Shanghai date +%Y-%m-%d)
t_check "... naming the notice" grep -q \
	"before 2026-000001 was last asked for a correction ($today " "$nat/err"
t_ogictl "$nat" accept 2026-000001 --received "$today" >"$nat/out"
t_check "accept --received counts the period from the day given" \
	grep -q "^deadline 20[0-9-]*.*, counted anew: 20 working days from .*received $today" "$nat/out"
# The correction received before the case was asked again does not count.
t_ogictl "$nat" incomplete 2026-000001 --missing signature >/dev/null
t_ogictl "$nat" accept 2026-000001 >"$nat/out"
t_check_fails "a new correction notice forgets the correction received before it" \
	grep -q "received 2026-\(09-24\|11-25\)" "$nat/out"
# Held mails filed to an incomplete case: a second application, asked for
# a correction on Wed 2026-11-25 12:00 (set in the database: ogictl can
# only ask now).
sed 's/^Message-ID: .*/Message-ID: <second-application@example.net>/' \
	"$OGI_SRCDIR/samples/01-form-complete.eml" \
	>"$nat/inbox/new/1795140120.M2P1.sample"
t_ogid "$nat" --once 2>/dev/null
sqlite3 "$nat/state/ogid.db" "UPDATE cases SET state = 'incomplete'
	WHERE id = '2026-000002';
	INSERT INTO events (at, case_id, type, detail)
	VALUES ($(date -d '2026-11-25 12:00 +0800' +%s), '2026-000002',
	'incomplete', 'asked by the test')"
t_held() { # FILE DATE-HEADER BODY
	cat >"$nat/inbox/new/$1" <<EML
From: scan@example.net
To: ogi@example.gov.cn
Subject: 扫描件
Date: $2
Message-ID: <$1@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

$3
EML
}
t_held 1795564800.M8P1.early "Wed, 25 Nov 2026 08:00:00 +0800" "补正材料见附件"
t_held 1795677600.M9P1.question "Thu, 26 Nov 2026 15:20:00 +0800" \
	"请问你们局的办公时间是几点到几点？"
t_held 1795741200.M10P1.paper "Fri, 27 Nov 2026 09:00:00 +0800" "补正材料见附件"
t_held 1795748400.M11P1.thanks "Fri, 27 Nov 2026 11:00:00 +0800" "谢谢"
t_ogid "$nat" --once 2>/dev/null
t_ogictl "$nat" holding file 1795677600.M9P1.question --case 2026-000002 \
	>"$nat/out"
t_check "a question is filed to the incomplete case, saying the period is unchanged" \
	grep -q "filed into 2026-000002 (the case's period is unchanged)" "$nat/out"
t_check "... and records no correction receipt" [ "$(sqlite3 "$nat/state/ogid.db" \
	"SELECT coalesce(correction_received_at, 0) FROM cases WHERE id = '2026-000002'")" = 0 ]
t_check_fails "a mail received before the correction notice is refused as its correction" \
	t_ogictl "$nat" holding file 1795564800.M8P1.early --case 2026-000002 \
	--correction 2>"$nat/err"
t_check "... naming both times" grep -q "received 2026-11-25 08:00, before 2026-000002 was last asked for a correction (2026-11-25 12:00)" "$nat/err"
t_ogictl "$nat" holding file 1795741200.M10P1.paper --case 2026-000002 \
	--correction >"$nat/out"
t_check "the correction is filed with --correction, saying its receipt counts" \
	grep -q "filed into 2026-000002 as its correction, received 2026-11-27 09:00" "$nat/out"
t_ogictl "$nat" holding file 1795748400.M11P1.thanks --case 2026-000002 >/dev/null
t_ogictl "$nat" accept 2026-000002 >"$nat/out"
t_check "accept counts from the correction's receipt, not the question nor a later thank-you" \
	grep -q "^deadline 2026-12-25, counted anew: 20 working days from .*received 2026-11-27 09:00" "$nat/out"
# A case ogid registered incomplete has no "incomplete" event: its notice
# went with the receipt, so a mail received before that is no correction.
sed 's/^Message-ID: .*/Message-ID: <third-application@example.net>/' \
	"$OGI_SRCDIR/samples/01-form-complete.eml" \
	>"$nat/inbox/new/1795140180.M3P1.sample"
t_held 1795050000.M12P1.before "Thu, 19 Nov 2026 09:00:00 +0800" "补正材料见附件"
t_ogid "$nat" --once 2>/dev/null
sqlite3 "$nat/state/ogid.db" "UPDATE cases SET state = 'incomplete'
	WHERE id = '2026-000003'"
t_check_fails "a mail received before the application is refused as the correction of a case registered incomplete" \
	t_ogictl "$nat" holding file 1795050000.M12P1.before --case 2026-000003 \
	--correction 2>"$nat/err"
t_check "... naming the application's receipt" grep -q \
	"before 2026-000003 was last asked for a correction (2026-11-20 10:03)" "$nat/err"

t_done
