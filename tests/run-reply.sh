#!/bin/sh
# The office's decisions on real cases (the bundled samples, registered by
# ogid): `ogictl reply` renders the letter of every outcome for review --
# a valid PDF citing the outcome's legal basis from templates/legal.txt and
# the remedy its family needs -- and records nothing; with --yes it records
# the outcome and queues the letter with its attachment, once.  `ogictl
# extend` moves the deadline once, within the profile's limit, before the
# deadline has passed, and queues the notice.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need pdftotext qpdf jq sqlite3 python3

dir=$(t_state_dir reply)
cat >>"$dir/ogid.conf" <<CONF
[office]
name = 通辽市人力资源和社会保障局
short_name = 通人社
phone = 0475-8888888
review_body = 通辽市人民政府
court = 通辽市科尔沁区人民法院
[letters]
templates_dir = $OGI_SRCDIR/templates
CONF
db=$dir/state/ogid.db
legal=$OGI_SRCDIR/templates/legal.txt
sql() { sqlite3 "$db" "$1"; }
# sql_is QUERY VALUE: the query prints exactly VALUE.
sql_is() { [ "$(sql "$1")" = "$2" ]; }
# says TEXT NEEDLE: TEXT holds NEEDLE.
says() { printf '%s' "$1" | grep -qF "$2"; }

for f in "$OGI_SRCDIR"/samples/*.eml; do
	cp "$f" "$dir/inbox/new/$(basename "$f" .eml)"
done
# One application received now (a Maildir name carries its delivery
# time), so that its deadline is still ahead whenever the test runs.
now=$(date +%s)
{ echo "X-Reply-Test: received now"; cat "$OGI_SRCDIR/samples/01-form-complete.eml"; } \
	>"$dir/inbox/new/$now.M1P1.reply-test"
t_ogid "$dir" --once 2>/dev/null
t_ogictl "$dir" list --json >"$dir/list.json"
registered=$(jq -r '[.[] | select(.state == "registered") | .id] | join(" ")' "$dir/list.json")
incomplete=$(jq -r '[.[] | select(.state == "incomplete") | .id][0]' "$dir/list.json")
fresh=$(sql "SELECT c.id FROM cases c JOIN messages m ON m.case_id = c.id WHERE m.uid = '$now.M1P1.reply-test'")
t_check "the samples make registered cases, one incomplete, one received now" \
	sh -c '[ "$(echo $1 | wc -w)" -ge 4 ] && [ "$2" != null ] && [ -n "$3" ]' _ "$registered" "$incomplete" "$fresh"
set -- $registered
case_a=$1 case_b=$2 case_c=$3

# A value of an [outcome.CODE] group of legal.txt.
legal_value() {
	awk -v sec="[outcome.$1]" -v key="$2 = " '
		$0 == sec { f = 1; next } /^\[/ { f = 0 }
		f && index($0, key) == 1 { print substr($0, length(key) + 1) }' "$legal"
}

printf '附件正文\n' >"$dir/稳岗返还名单.txt"
codes=$(t_ogictl "$dir" reply 2>&1 | awk '/^  [a-z_.]+ / { print $1 }')
t_check "reply's usage lists the 22 outcomes" [ "$(echo "$codes" | wc -w)" = 22 ]
for code in $codes; do
	case $code in
	published) set -- --where "本机关门户网站“政府信息公开”栏目" ;;
	provided) set -- --attach "$dir/稳岗返还名单.txt" ;;
	partial) set -- --withheld "third_party:企业的银行账户信息" \
		--reason "有关企业不同意公开。" --attach "$dir/稳岗返还名单.txt" ;;
	unavailable.not_held) set -- --holder 通辽市财政局 --holder-contact 0475-8000000 ;;
	not_processed.publication) set -- --where "通辽市新华书店" ;;
	refused.*|not_processed.petition|not_processed.repeat|not_processed.abusive|other.other)
		set -- --reason "这是经办人写明的具体理由" ;;
	*) set -- ;;
	esac
	if ! t_ogictl "$dir" reply "$case_a" --outcome "$code" "$@" >"$dir/out" 2>"$dir/err"; then
		t_fail "$code: reply failed: $(cat "$dir/err")"
		continue
	fi
	pdf=$(head -n 1 "$dir/out")
	t_check "$code: the letter for review is a PDF that qpdf --check passes" \
		sh -c 'qpdf --check "$1" >"$1.qpdf" 2>&1 &&
			! grep -qi "warning" "$1.qpdf"' _ "$pdf"
	text=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' \n')
	case $code in
	refused.*)
		want="$(legal_value "$code" ground) $(legal_value "$code" regulation)"
		remedy="申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼" ;;
	partial)
		want=$(legal_value "$code" basis)
		remedy="申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼" ;;
	*)
		want=$(legal_value "$code" basis)
		remedy="或者在6个月内向通辽市科尔沁区人民法院提起行政诉讼" ;;
	esac
	for w in $want; do
		t_check "$code: the letter cites its basis: $w" says "$text" "$w"
	done
	t_check "$code: the letter ends with its remedy" says "$text" "$remedy"
done
no_reply_recorded() {
	sql_is "SELECT count(*) FROM letters WHERE kind LIKE 'reply%'" 0 &&
		sql_is "SELECT count(*) FROM cases WHERE outcome IS NOT NULL" 0
}
t_check "reviewing records nothing: no letter, no outcome" no_reply_recorded

# Options that do not fit the outcome, and a file too large to send, are
# refused before anything is recorded.
t_check_fails "published without --where is refused" \
	t_ogictl "$dir" reply "$case_b" --outcome published --yes 2>"$dir/err"
t_check "... saying what is missing" grep -q -- "needs --where" "$dir/err"
# Over the default [smtp] max_attachments (7M), for a case answered by
# e-mail.
head -c 8M /dev/zero >"$dir/big.bin"
t_check "case $case_a is answered by e-mail" \
	sql_is "SELECT delivery FROM cases WHERE id = '$case_a'" email
t_check_fails "attachments over [smtp] max_attachments are refused" \
	t_ogictl "$dir" reply "$case_a" --outcome provided --attach "$dir/big.bin" --yes 2>"$dir/err"
t_check "... naming the limit" grep -q "max_attachments" "$dir/err"
nothing_recorded() {
	no_reply_recorded && [ ! -e "$dir/state/attachments" ] &&
		sql_is "SELECT state FROM cases WHERE id = '$case_a'" registered
}
t_check "... and nothing is recorded" nothing_recorded
# Only a regular file is attached: a FIFO (which would wait for a writer)
# and a directory are refused at once, by what the opened file is.
mkfifo "$dir/fifo"
mkdir "$dir/folder"
for what in fifo folder; do
	t_check_fails "--attach of a $what is refused" \
		t_run timeout 10 "$OGI_BUILDDIR/ogictl" -c "$dir/ogid.conf" reply "$case_a" \
		--outcome provided --attach "$dir/$what" --yes 2>"$dir/err"
	t_check "... promptly, saying it is not a regular file" \
		grep -q -- "--attach $dir/$what: not a regular file" "$dir/err"
	t_check "... and nothing is recorded" nothing_recorded
done

# The applicants' addresses are among the office's own (a form's footer
# read as the applicant's): the answer and the extension notice would go
# to the office itself, so both are refused as a clerk's move is
# (run-clerk.sh), and nothing is queued.
own_a=$(sql "SELECT email FROM cases WHERE id = '$case_a'")
own_f=$(sql "SELECT email FROM cases WHERE id = '$fresh'")
sed "s/^own_addresses = .*/&, $own_a, $own_f/" "$dir/ogid.conf" >"$dir/own.conf"
t_check_fails "a reply whose letter would go to the office's own address is refused" \
	"$OGI_BUILDDIR/ogictl" -c "$dir/own.conf" reply "$case_a" --outcome provided \
	--attach "$dir/稳岗返还名单.txt" --yes 2>"$dir/err"
t_check "... naming the address and how to correct it" \
	grep -q "would go by email to $own_a, the office's own: correct the applicant's contact first" "$dir/err"
t_check "... and nothing is recorded" nothing_recorded
t_check_fails "an extension whose notice would go to the office's own address is refused" \
	"$OGI_BUILDDIR/ogictl" -c "$dir/own.conf" extend "$fresh" --days 5 \
	--reason 数据量较大 2>"$dir/err"
t_check "... naming the address" \
	grep -q "extension would go by email to $own_f, the office's own" "$dir/err"
t_check "... and nothing is recorded" \
	sql_is "SELECT state || ' ' || extended_days || ' ' || (SELECT count(*) FROM letters WHERE case_id = '$fresh' AND kind = 'extension') FROM cases WHERE id = '$fresh'" "registered 0 0"

# The applicant's postal address is the office's own ([office] address,
# read off a form's footer): a correction notice by post would put the
# office's address on the sheet, so it is refused as the e-mail one is.
# The case's delivery and address are put back afterwards.
post_was=$(sql "SELECT delivery || '|' || address FROM cases WHERE id = '$case_b'")
sed '/^\[office\]$/a address = 通辽市科尔沁区民主路1号\npostcode = 028000' \
	"$dir/ogid.conf" >"$dir/post.conf"
t_ogictl "$dir" set "$case_b" address "028000 通辽市 科尔沁区 民主路１号" >/dev/null
t_ogictl "$dir" set "$case_b" delivery post >/dev/null
t_check_fails "a correction notice by post to the office's own address is refused" \
	"$OGI_BUILDDIR/ogictl" -c "$dir/post.conf" incomplete "$case_b" \
	--missing signature 2>"$dir/err"
t_check "... naming the address and how to correct it" \
	grep -q "correction would go by post to 028000 通辽市 科尔沁区 民主路１号, the office's own: correct the applicant's contact first" "$dir/err"
t_check "... and the case stays registered, with no letter" \
	sql_is "SELECT state || ' ' || (SELECT count(*) FROM letters WHERE case_id = '$case_b' AND kind = 'correction') FROM cases WHERE id = '$case_b'" "registered 0"
t_ogictl "$dir" set "$case_b" delivery "${post_was%%|*}" >/dev/null
t_ogictl "$dir" set "$case_b" address "${post_was#*|}" >/dev/null

# --yes: the outcome recorded and the letter queued, with its attachment.
t_check "reply --yes records the outcome" \
	t_ogictl "$dir" --as 王芳 reply "$case_a" --outcome provided --attach "$dir/稳岗返还名单.txt" --yes
t_check "the case is answered with its outcome and conclusion time" \
	sql_is "SELECT state || ' ' || outcome || ' ' || (concluded_at > 0) FROM cases WHERE id = '$case_a'" "answered provided 1"
t_check "the reply letter is queued, pending, about the case" \
	sql_is "SELECT kind || ' ' || state FROM letters WHERE case_id = '$case_a' AND kind LIKE 'reply%'" "reply-provided pending"
sql "SELECT values_json FROM letters WHERE case_id = '$case_a' AND kind LIKE 'reply%'" >"$dir/values.json"
t_check "its values name the attachment and the outcome's basis" \
	t_jq "$dir/values.json" --arg b "$(legal_value provided basis)" \
		'.files[0].title == "稳岗返还名单.txt" and .["outcome.basis"] == $b'
att=$(sql "SELECT a.path FROM letter_attachments a JOIN letters l ON l.id = a.letter_id WHERE l.case_id = '$case_a'")
spooled() {
	sql_is "SELECT name FROM letter_attachments" 稳岗返还名单.txt &&
		cmp -s "$dir/state/$att" "$dir/稳岗返还名单.txt" &&
		[ "$(stat -c %a "$dir/state/$att")" = 600 ] &&
		[ "$att" = "attachments/$(sha256sum <"$dir/稳岗返还名单.txt" | cut -c1-64)" ]
}
t_check "the attachment is shown by its name and kept in the spool under its content's hash" spooled
t_check "an event says who answered and how" \
	sql_is "SELECT actor FROM events WHERE case_id = '$case_a' AND type = 'answered' AND detail = 'outcome provided'" 王芳
t_check_fails "a second reply to an answered case is refused" \
	t_ogictl "$dir" reply "$case_a" --outcome published --where 门户网站 --yes 2>"$dir/err"
t_check "... with the workflow's message" \
	grep -q "a case that is answered cannot become answered" "$dir/err"
t_check "... and no second letter" \
	sql_is "SELECT count(*) FROM letters WHERE case_id = '$case_a' AND kind LIKE 'reply%'" 1
t_check_fails "a reply to an incomplete case is refused" \
	t_ogictl "$dir" reply "$incomplete" --outcome other.no_correction 2>"$dir/err"
t_check "... with the workflow's message" \
	grep -q "a case that is incomplete cannot become answered" "$dir/err"
t_check "a refusal with --yes records its ground" \
	t_ogictl "$dir" reply "$case_c" --outcome refused.process --reason 方案仍在研究论证中 --yes
sql "SELECT outcome_detail FROM cases WHERE id = '$case_c'" >"$dir/detail.json"
t_check "... as the refused.process outcome with the clerk's reason" \
	sql_is "SELECT outcome FROM cases WHERE id = '$case_c'" refused.process
t_check "... kept as the clerk gave it" \
	t_jq "$dir/detail.json" '.reasons == ["方案仍在研究论证中"]'
# show: the outcome and the case's letters; JSON keys only once answered.
t_ogictl "$dir" show "$case_a" >"$dir/show.txt"
t_check "show prints the outcome" grep -q "^Outcome  *provided.*concluded " "$dir/show.txt"
t_check "... and a line per letter: kind, channel, state, number" \
	grep -q "^Letter  *reply-provided by email, pending, no number yet" "$dir/show.txt"
t_ogictl "$dir" show "$case_c" --json >"$dir/show.json"
t_check "show --json has the outcome, its detail and when" \
	t_jq "$dir/show.json" '.outcome == "refused.process" and
		(.outcome_detail | fromjson | .reasons) == ["方案仍在研究论证中"] and
		(.concluded_at | type) == "string"'
t_ogictl "$dir" show "$incomplete" --json >"$dir/show.json"
t_check "... and none of them for a case not answered" \
	t_jq "$dir/show.json" 'has("outcome") or has("concluded_at") or has("extended_days") | not'


# extend: the profile's limit, once, before the deadline.
old=$(sql "SELECT deadline FROM cases WHERE id = '$fresh'")
t_check_fails "an extension beyond the bureau's 15 working days is refused" \
	t_ogictl "$dir" extend "$fresh" --days 16 --reason 数据量较大 2>"$dir/err"
t_check "... naming the limit" grep -q "at most 15 working days under the bureau rules" "$dir/err"
if t_ogictl "$dir" extend "$fresh" --days 5 --reason 数据量较大，需要逐项核对 >"$dir/ext.out"; then
	t_pass "an extension of 5 working days"
else
	t_fail "an extension of 5 working days"
fi
want=$(python3 - "$OGI_SRCDIR/data/holidays" "$old" 5 <<'PY'
import datetime, glob, json, sys
off, work = set(), set()
for f in glob.glob(sys.argv[1] + "/*.json"):
    for d in json.load(open(f))["days"]:
        (off if d["isOffDay"] else work).add(d["date"])
day, n = datetime.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
while n:
    day += datetime.timedelta(days=1)
    s = day.isoformat()
    if s in work or (s not in off and day.weekday() < 5):
        n -= 1
print(day.isoformat())
PY
)
t_check "the deadline moves 5 working days on, to $want; the case is extended once" \
	sql_is "SELECT state || ' ' || deadline || ' ' || extended_days FROM cases WHERE id = '$fresh'" "extended $want 5"
t_check "the extension notice is queued" \
	sql_is "SELECT kind || ' ' || state FROM letters WHERE case_id = '$fresh' AND kind = 'extension'" "extension pending"
new_cn=$(echo "$want" | awk -F- '{ printf "%d年%d月%d日", $1, $2, $3 }')
old_cn=$(echo "$old" | awk -F- '{ printf "%d年%d月%d日", $1, $2, $3 }')
text=$(pdftotext "$(head -n 1 "$dir/ext.out")" - 2>/dev/null | tr -d ' \n')
t_check "the notice says the old deadline cannot be met" says "$text" "无法在${old_cn}前作出答复"
t_check "the notice gives the period and the new deadline" \
	says "$text" "答复期限延长五个工作日，本机关将于${new_cn}前作出答复"
sql "SELECT values_json FROM letters WHERE case_id = '$fresh' AND kind = 'extension'" >"$dir/ext.json"
t_check "... and its values keep the old deadline for the letters worker" \
	t_jq "$dir/ext.json" --arg o "$old_cn" '.["dates.deadline"] == $o'
t_check_fails "a second extension is refused" \
	t_ogictl "$dir" extend "$fresh" --days 2 --reason 再次延期 2>"$dir/err"
t_check "... saying the rules allow one" grep -q "extended once already" "$dir/err"
t_check "an extended case is answered" \
	t_ogictl "$dir" reply "$fresh" --outcome unavailable.not_held --holder 通辽市财政局 --yes
t_ogictl "$dir" show "$fresh" >"$dir/show.txt"
t_check "show prints the extension" grep -q "^Extended  *5 working days" "$dir/show.txt"
t_ogictl "$dir" show "$fresh" --json >"$dir/show.json"
t_check "... and show --json its days" t_jq "$dir/show.json" '.extended_days == 5'
t_check_fails "an answered case is not extended" \
	t_ogictl "$dir" extend "$fresh" --days 2 --reason 晚了 2>"$dir/err"
# The letters worker renders the queued letters from their values as the
# clerk reviewed them, numbered, and hands them to their channel.
t_ogid "$dir" --once 2>/dev/null
for kind in reply-provided reply-refused reply-not-held extension; do
	row=$(sql "SELECT state || ' ' || pdf_path FROM letters WHERE kind = '$kind'")
	state=${row%% *} pdf=$dir/state/${row#* }
	t_check "$kind: rendered and handed over by the letters worker ($state)" \
		sh -c 'case "$1" in queued|sent|delivered) test -s "$2" ;; *) false ;; esac' _ "$state" "$pdf"
	text=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' \n')
	t_check "$kind: the sent letter has its number, not the draft's" \
		sh -c 'printf "%s" "$1" | grep -q "通人社依申〔[0-9]*〕[0-9][0-9]*号"' _ "$text"
	case $kind in
	reply-provided) t_check "$kind: lists its attachment" says "$text" "稳岗返还名单.txt" ;;
	reply-refused) t_check "$kind: gives the clerk's reason" says "$text" "方案仍在研究论证中。" ;;
	reply-not-held) t_check "$kind: names the holder" says "$text" "该信息由通辽市财政局掌握" ;;
	extension) t_check "$kind: keeps the old deadline" says "$text" "无法在${old_cn}前作出答复" ;;
	esac
done

passed=$(sql "SELECT id FROM cases WHERE state = 'registered' AND deadline < '$(TZ=Asia/Shanghai date +%F)' LIMIT 1")
if [ -n "$passed" ]; then
	t_check_fails "a case whose deadline has passed is not extended" \
		t_ogictl "$dir" extend "$passed" --days 3 --reason 晚了 2>"$dir/err"
	t_check "... saying it is too late" grep -q "too late: the deadline .* has passed" "$dir/err"
	# A case counted under national-2019 may take 20 more days, not 21.
	sql "UPDATE cases SET rules = 'national-2019' WHERE id = '$passed'"
	t_check_fails "national-2019: 21 days are refused" \
		t_ogictl "$dir" extend "$passed" --days 21 --reason 晚了 2>"$dir/err"
	t_check "... naming its limit" \
		grep -q "at most 20 working days under the national-2019 rules" "$dir/err"
	t_check_fails "national-2019: 20 days pass the limit (and meet the deadline's end)" \
		t_ogictl "$dir" extend "$passed" --days 20 --reason 晚了 2>"$dir/err"
	t_check "... refused only for being late" grep -q "too late" "$dir/err"
fi

# The race the FIFO and folder checks above cannot show: the path swapped
# between a look at it and its opening.  tests/preload/swap.so renames a
# symbolic link over the path right after the first stat of it; ogictl
# opens the file once and copies what it checked, so neither a secret the
# link points to nor a FIFO that would block instead gets in.
swap=$OGI_BUILDDIR/tests/preload/swap.so
preload=$swap
# Under AddressSanitizer its runtime must be the first library loaded.
asan=$(ldd "$OGI_BUILDDIR/ogictl" | awk '$1 ~ /^libasan/ { print $3 }')
[ -z "$asan" ] || preload="$asan $swap"
printf '只供本机关内部\n' >"$dir/secret.txt"
mkfifo "$dir/swap-fifo"
printf 'checked\n' >"$dir/swap-probe"
ln -s "$dir/secret.txt" "$dir/swap-link"
t_check "the swap library swaps a path after the first stat of it" \
	sh -c 'LD_PRELOAD=$1 OGI_SWAP_PATH=$2 OGI_SWAP_WITH=$3 sh -c "test -f \"\$0\"" "$2" &&
		[ -L "$2" ] && [ ! -e "$3" ]' _ "$swap" "$dir/swap-probe" "$dir/swap-link"
set -- $(sql "SELECT id FROM cases WHERE state = 'registered' ORDER BY id LIMIT 2")
t_check "two registered cases are left to answer" [ $# = 2 ]
for target in secret.txt swap-fifo; do
	id=$1; shift
	printf '公开的名单\n' >"$dir/名单.txt"
	ln -s "$dir/$target" "$dir/swap-link"
	t_run env LD_PRELOAD="$preload" OGI_SWAP_PATH="$dir/名单.txt" \
		OGI_SWAP_WITH="$dir/swap-link" timeout 10 "$OGI_BUILDDIR/ogictl" \
		-c "$dir/ogid.conf" reply "$id" --outcome provided \
		--attach "$dir/名单.txt" --yes >/dev/null 2>"$dir/err"
	rc=$?
	rm -f "$dir/swap-link"
	att=$(sql "SELECT a.path FROM letter_attachments a JOIN letters l ON l.id = a.letter_id WHERE l.case_id = '$id'")
	t_check "$target swapped in after the check: promptly answered" [ "$rc" = 0 ]
	t_check "... with the file that was checked" \
		sh -c '[ -n "$1" ] && printf "公开的名单\n" | cmp -s - "$2/state/$1"' _ "$att" "$dir"
done
t_check "nothing of the secret is in the spool" \
	sh -c '! grep -rqF "只供本机关内部" "$1/state/attachments"' _ "$dir"

t_done
