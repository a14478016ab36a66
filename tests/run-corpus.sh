#!/bin/sh
# The corpus test: every message under tests/corpus/ goes through ogid alone,
# in a fresh state directory, and what `ogictl messages` and `ogictl show`
# print must match NAME.expect.json, every key (corpus-compare.py: only the
# paths in its "ignore" list are skipped), and the comparison is shown to
# catch a wrong value.  Then the whole corpus goes through one state
# directory twice: every message recorded once, tracking numbers unique and
# in order, and the second run changes nothing.
#
# tests/corpus/pending.txt lists hold-out messages the extractor does not
# pass yet, one "NAME.eml  reason" a line (# starts a comment): they are
# compared and their differences printed, but do not fail the run.  A
# listed message that passes fails the run ("fixed: remove from
# pending.txt"), and so does a listed name with no message, so the list
# only shrinks.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

corpus="$OGI_SRCDIR/tests/corpus"
compare="python3 $OGI_SRCDIR/tests/corpus-compare.py"

# Delivers corpus message $2 into Maildir $1 with its expected receipt time.
deliver() {
	name=$(basename "$2" .eml)
	cp "$2" "$1/new/$name"
	touch -d "$(jq -r .received_at "${2%.eml}.expect.json")" "$1/new/$name"
}

pending="$corpus/pending.txt"
# The reason list $2 (pending.txt by default) gives for file $1; fails when
# the file is not listed.
pending_reason() {
	pending_list=${2:-$pending}
	[ -f "$pending_list" ] && awk -v f="$1" '
		$1 == f { sub(/^[^ \t]+[ \t]*/, ""); print; found = 1 }
		END { exit !found }' "$pending_list"
}
dir=$(t_tmpdir pending)
printf '# 001-a.eml is not listed here\n002-b.eml  see 001-a.eml\n' >"$dir/list"
not_pending() { ! pending_reason "$@" >/dev/null; }
t_check "pending: a listed file is pending" pending_reason 002-b.eml "$dir/list"
t_check "pending: a file named in a comment or a reason is not" not_pending 001-a.eml "$dir/list"
if [ -f "$pending" ]; then
	for listed in $(sed 's/#.*//' "$pending" | awk 'NF { print $1 }'); do
		t_check "pending.txt: $listed is a corpus message" [ -f "$corpus/$listed" ]
	done
fi

for eml in "$corpus"/*.eml; do
	name=$(basename "$eml" .eml)
	expect="${eml%.eml}.expect.json"
	dir=$(t_state_dir "$name")
	deliver "$dir/inbox" "$eml"
	if ! t_ogid "$dir" --once 2>"$dir/ogid.log"; then
		t_fail "$name: ogid failed"; sed 's/^/    /' "$dir/ogid.log"; continue
	fi
	t_ogictl "$dir" messages --json | jq '.[0]' >"$dir/message.json"
	ok=true
	$compare "$expect" message "$dir/message.json" || ok=false
	if [ "$(jq -r '.case' "$expect")" = null ]; then
		n=$(t_ogictl "$dir" list --json | jq length)
		[ "$n" = 0 ] || { echo "    expected no case, got $n"; ok=false; }
	else
		id=$(jq -r .case.id "$expect")
		if t_ogictl "$dir" show "$id" --json >"$dir/case.json"; then
			$compare "$expect" case "$dir/case.json" || ok=false
		else
			echo "    no case $id"; ok=false
		fi
	fi
	if reason=$(pending_reason "$name.eml"); then
		if $ok; then t_fail "$name: fixed: remove from pending.txt"
		else echo "pending - $name ($reason)"; fi
	elif $ok; then t_pass "$name"; rm -rf "$dir"; else t_fail "$name"; fi
done

# The text of `ogictl show` names the ID label as well (077: 证件名称 alone
# on its line, 居民身份证 on the next).
dir=$(t_state_dir show-text)
deliver "$dir/inbox" "$corpus/077-163-labels-above-values.eml"
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "show text: ogid failed"
id_label_shown() {
	t_ogictl "$dir" show "$(jq -r .case.id "$corpus/077-163-labels-above-values.expect.json")" |
		grep -q '^ID label  *居民身份证$'
}
t_check "show text: the ID label as written" id_label_shown
# ... and an organisation's legal representative and contact (023).
dir=$(t_state_dir show-text-org)
deliver "$dir/inbox" "$corpus/023-qiye163-table-organisation.eml"
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "show text: ogid failed"
t_ogictl "$dir" show 2026-000001 >"$dir/show.txt"
t_check "show text: the legal representative" grep -q '^Legal rep  *包红梅$' "$dir/show.txt"
t_check "show text: the contact" grep -q '^Contact name  *包红梅$' "$dir/show.txt"

# The comparison itself is strict: against one expectation, a wrong
# legal_rep, a key ogictl prints that the expectation lacks (or the
# reverse) and a stale or contradicted ignore entry are all differences;
# a key in the ignore list is not.
dir=$(t_tmpdir compare)
exp="$corpus/007-foxmail-organisation-uscc.expect.json"
jq .case "$exp" >"$dir/case.json"
jq '.case.applicant.legal_rep = "陈国"' "$exp" | jq .case >"$dir/wrong-rep.json"
jq '.case.applicant.nickname = "老陈"' "$exp" | jq .case >"$dir/extra-key.json"
jq 'del(.case.applicant.contact_person)' "$exp" >"$dir/no-contact.expect.json"
jq 'del(.case.applicant.contact_person) |
    .ignore = {"case.applicant.contact_person": "test"}' "$exp" >"$dir/ignored.expect.json"
jq '.ignore = {"case.applicant.nickname": "test"}' "$exp" >"$dir/stale.expect.json"
jq '.ignore = {"case.applicant.contact_person": "test"}' "$exp" >"$dir/named.expect.json"
differs() { ! $compare "$1" case "$2" >/dev/null; }
t_check "compare: an expectation matches itself" $compare "$exp" case "$dir/case.json"
t_check "compare: a wrong legal_rep differs" differs "$exp" "$dir/wrong-rep.json"
t_check "compare: a key only ogictl prints differs" differs "$exp" "$dir/extra-key.json"
t_check "compare: a key the expectation lacks differs" \
	differs "$dir/no-contact.expect.json" "$dir/case.json"
t_check "compare: an ignored key is not compared" \
	$compare "$dir/ignored.expect.json" case "$dir/case.json"
t_check "compare: an ignore entry ogictl has no key for differs" \
	differs "$dir/stale.expect.json" "$dir/case.json"
t_check "compare: an ignored key the expectation names differs" \
	differs "$dir/named.expect.json" "$dir/case.json"

# The whole corpus in one state directory, twice.
dir=$(t_state_dir all)
count=0
for eml in "$corpus"/*.eml; do
	deliver "$dir/inbox" "$eml"
	count=$((count + 1))
done
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "whole corpus: ogid failed"
t_ogictl "$dir" messages --json >"$dir/messages1.json"
t_ogictl "$dir" list --json >"$dir/cases1.json"
got=$(jq length "$dir/messages1.json")
t_check "whole corpus: $count messages recorded once" [ "$got" = "$count" ]
apps=$(jq '[.[] | select(.kind == "application")] | length' "$dir/messages1.json")
ids=$(jq -r '[.[].id] | sort | join(" ")' "$dir/cases1.json")
want=$(jq -r '[.[] | .id[0:4]] | group_by(.) | map(. as $g | range(1; ($g|length)+1) | "\($g[0])-\(. | tostring | ("000000" + .)[-6:])") | sort | join(" ")' "$dir/cases1.json")
t_check "whole corpus: $apps applications, tracking numbers consecutive per year" \
	[ "$ids" = "$want" -a "$(jq length "$dir/cases1.json")" = "$apps" ]
left=$(ls "$dir/inbox/new" | wc -l)
t_check "whole corpus: inbox/new/ emptied" [ "$left" = 0 ]
spooled=$(find "$dir/state/raw" -type f | wc -l)
t_ogid "$dir" --once 2>>"$dir/ogid.log" || t_fail "whole corpus: second ogid failed"
t_ogictl "$dir" messages --json >"$dir/messages2.json"
t_ogictl "$dir" list --json >"$dir/cases2.json"
t_check "whole corpus: second run changes no message" cmp -s "$dir/messages1.json" "$dir/messages2.json"
t_check "whole corpus: second run changes no case" cmp -s "$dir/cases1.json" "$dir/cases2.json"
t_check "whole corpus: second run spools nothing new" \
	[ "$(find "$dir/state/raw" -type f | wc -l)" = "$spooled" ]

t_done
