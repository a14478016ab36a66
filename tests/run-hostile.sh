#!/bin/sh
# Hostile input: each message of tests/hostile/make-input.py goes into a
# fresh inbox, followed by a normal complete application.  ogid must not
# crash, must say which message it flagged and why, keep the raw bytes,
# mark the message for the office (needs_review, problems, Maildir flag F)
# and still register the application behind it.  A second run changes
# nothing.  Some hostile messages are applications all the same, in an
# extreme shape (parsed_inputs): they must be parsed and registered, not
# recorded unparsed after a worker crash.  The inputs are built at test
# time; big ones are never committed.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need python3 jq sha256sum timeout

make_input="python3 $OGI_SRCDIR/tests/hostile/make-input.py"
inputs="truncated badcharset nesting big zipbomb nul filename longheader idname"
parsed_inputs="manyfields"
# Generous: the sanitizer build reads a 40 MB message slowly.
limit=600

# ogid_once DIR LOG: one --once run under a time limit; prints its status.
ogid_once() {
	t_run timeout "$limit" "$OGI_BUILDDIR/ogid" -c "$1/ogid.conf" --once \
		--foreground 2>>"$2"
	echo $?
}

# logged LOG FILE: a warning line names the Maildir file and gives a reason.
logged() {
	awk -v f="$2" '/warning/ && (i = index($0, f)) > 0 &&
		substr($0, i + length(f)) ~ /[[:alnum:]]/ { ok = 1 }
		END { exit !ok }' "$1"
}

# flagged MAILDIR FILE: moved to cur/ with the F flag.
flagged() {
	[ ! -e "$1/new/$2" ] && { [ -e "$1/cur/$2:2,F" ] || [ -e "$1/cur/$2:2,FS" ]; }
}

# marked JSON FILE: messages --json shows it needs review, with problems.
marked() {
	t_jq "$1" --arg f "$2" \
		'[.[] | select(.file == $f)] | length == 1 and
		 (.[0].disposition == "needs_review") and
		 (.[0].problems | length > 0)'
}

# has_case MESSAGES CASES FILE: the message got a case that list shows.
has_case() {
	c=$(jq -r --arg f "$3" '.[] | select(.file == $f) | .case // empty' "$1")
	[ -n "$c" ] && t_jq "$2" --arg c "$c" 'any(.[]; .id == $c)'
}

# nothing_named_by_sender DIR: no attachment name became a file, here or
# where ../ or an absolute name would lead.
nothing_named_by_sender() {
	! { find "$t_root" -name '*ogi-evil*'
	    find "${TMPDIR:-/tmp}" /tmp -maxdepth 1 -name '*ogi-evil*'; } 2>/dev/null |
		grep -q .
}

# masked LOG JSON: ID and mobile numbers in attachment names are masked in
# the log and kept whole in the database, for the office.
masked() {
	for id in 11010119900307002X ４４０３０１１９８５１２２４００３４ 13904751234; do
		! grep -q "$id" "$1" && t_jq "$2" --arg id "$id" \
			'any(.[].problems[]; contains($id))' || return 1
	done
	grep -q '110\*\{13\}2X' "$1" && grep -q '４４０\*\{13\}３４' "$1" &&
		grep -q '139\*\{6\}34' "$1"
}

# parsed_application JSON FILE: messages --json shows it parsed as an
# application that got a case.
parsed_application() {
	t_jq "$1" --arg f "$2" \
		'[.[] | select(.file == $f)] | length == 1 and
		 (.[0].kind == "application") and (.[0].case != null)'
}

# deliver NAME BOX BAD APP: the input NAME as Maildir file BAD, then the
# normal application as APP, delivered to BOX a minute apart.
deliver() {
	$make_input "$1" "$2/tmp/$3" && $make_input application "$2/tmp/$4" &&
		touch -d '2026-03-10 09:00:00 +0800' "$2/tmp/$3" &&
		touch -d '2026-03-10 09:01:00 +0800' "$2/tmp/$4" &&
		mv "$2/tmp/$3" "$2/tmp/$4" "$2/new/"
}

# raw_kept STATE SHA: the spool holds the bytes under their hash, 0600.
raw_kept() {
	f=$(find "$1/raw" -type f -name "$2.eml" 2>/dev/null)
	[ -n "$f" ] && [ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$2" ] &&
		[ "$(stat -c %a "$f")" = 600 ]
}

for name in $inputs; do
	failed_before=$t_failed
	dir=$(t_state_dir "$name")
	box=$dir/inbox
	log=$dir/ogid.log
	# Maildir names as a delivery agent writes them.
	bad=1773104400.M1P1Q1.hostile-$name
	app=1773104460.M2P1Q2.application
	if ! deliver "$name" "$box" "$bad" "$app"; then
		t_fail "$name: cannot build the input"
		continue
	fi
	sha=$(sha256sum <"$box/new/$bad" | cut -d' ' -f1)

	rc=$(ogid_once "$dir" "$log")
	t_check "$name: ogid --once exits 0 (got $rc)" [ "$rc" = 0 ]
	t_check "$name: a warning names the message and the reason" logged "$log" "$bad"
	t_check "$name: raw bytes kept under their SHA-256" raw_kept "$dir/state" "$sha"
	t_ogictl "$dir" messages --json >"$dir/messages1.json" 2>>"$log"
	t_ogictl "$dir" list --json >"$dir/cases1.json" 2>>"$log"
	t_check "$name: messages --json marks it needs_review with problems" \
		marked "$dir/messages1.json" "$bad"
	t_check "$name: moved to cur/ flagged F" flagged "$box" "$bad"
	t_check "$name: the application after it got a case" \
		has_case "$dir/messages1.json" "$dir/cases1.json" "$app"
	[ "$name" != filename ] ||
		t_check "$name: no attachment name became a file" nothing_named_by_sender
	[ "$name" != idname ] ||
		t_check "$name: numbers masked in the log, whole in the database" \
			masked "$log" "$dir/messages1.json"

	spooled=$(find "$dir/state/raw" -type f | wc -l)
	rc=$(ogid_once "$dir" "$log")
	t_check "$name: second ogid --once exits 0 (got $rc)" [ "$rc" = 0 ]
	t_ogictl "$dir" messages --json >"$dir/messages2.json" 2>>"$log"
	t_ogictl "$dir" list --json >"$dir/cases2.json" 2>>"$log"
	t_check "$name: second run changes no message" \
		cmp -s "$dir/messages1.json" "$dir/messages2.json"
	t_check "$name: second run changes no case" \
		cmp -s "$dir/cases1.json" "$dir/cases2.json"
	t_check "$name: second run spools nothing new" \
		[ "$(find "$dir/state/raw" -type f | wc -l)" = "$spooled" ]
	[ "$t_failed" = "$failed_before" ] || sed 's/^/    /' "$log" | head -20
done

for name in $parsed_inputs; do
	failed_before=$t_failed
	dir=$(t_state_dir "$name")
	log=$dir/ogid.log
	bad=1773104400.M1P1Q1.hostile-$name
	app=1773104460.M2P1Q2.application
	if ! deliver "$name" "$dir/inbox" "$bad" "$app"; then
		t_fail "$name: cannot build the input"
		continue
	fi
	rc=$(ogid_once "$dir" "$log")
	t_check "$name: ogid --once exits 0 (got $rc)" [ "$rc" = 0 ]
	t_ogictl "$dir" messages --json >"$dir/messages.json" 2>>"$log"
	t_ogictl "$dir" list --json >"$dir/cases.json" 2>>"$log"
	t_check "$name: parsed as an application with a case" \
		parsed_application "$dir/messages.json" "$bad"
	t_check "$name: the application after it got a case" \
		has_case "$dir/messages.json" "$dir/cases.json" "$app"
	[ "$t_failed" = "$failed_before" ] || sed 's/^/    /' "$log" | head -20
done

t_done
