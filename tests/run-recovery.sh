#!/bin/sh
# A crash at any point is completed by the next run, without a message
# lost or registered twice:
# - after the spool write, before the commit: the message is still in new/
#   and its raw file exists; the next run registers it once;
# - after the commit, before the mailbox update: the message is back in
#   new/; the next run only moves it, with the flags it should have had.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

corpus=$OGI_SRCDIR/tests/corpus
app=001-foxmail-form-complete
bad=047-spam-fapiao
dir=$(t_state_dir recovery)
for m in $app $bad; do
	cp "$corpus/$m.eml" "$dir/inbox/new/$m"
done
# A hostile message: flagged for the office.
printf 'From: x@example.com\nSubject: \001\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=x-no-such\n\n\377\376\n' \
	>"$dir/inbox/new/hostile"

# Crash after the spool write: the raw file is there, nothing committed.
touch -d "2026-11-20T10:00:00+08:00" "$dir/inbox/new/$app"
sha=$(sha256sum <"$dir/inbox/new/$app" | cut -d' ' -f1)
mkdir -p "$dir/state/raw/2026/11"
cp "$dir/inbox/new/$app" "$dir/state/raw/2026/11/$sha.eml"
chmod 600 "$dir/state/raw/2026/11/$sha.eml"
t_ogid "$dir" --once 2>"$dir/log1" || t_fail "first run failed"
t_ogictl "$dir" messages --json >"$dir/m1.json"
t_check "three messages recorded" [ "$(jq length "$dir/m1.json")" = 3 ]
t_check "the half-spooled application registered once" \
	[ "$(find "$dir/state/raw" -name "$sha.eml" | wc -l)" = 1 -a \
	  "$(t_ogictl "$dir" list --json | jq length)" = 1 ]

# Crash after the commit: put the files back where the MDA left them.
for f in "$dir"/inbox/cur/*; do
	base=$(basename "$f")
	mv "$f" "$dir/inbox/new/${base%%:*}"
done
spooled=$(find "$dir/state/raw" -type f | wc -l)
t_ogid "$dir" --once 2>"$dir/log2" || t_fail "second run failed"
t_ogictl "$dir" messages --json >"$dir/m2.json"
t_check "the restart records nothing new" cmp -s "$dir/m1.json" "$dir/m2.json"
t_check "the restart spools nothing new" [ "$(find "$dir/state/raw" -type f | wc -l)" = "$spooled" ]
t_check "the restart empties new/" [ -z "$(ls "$dir/inbox/new")" ]
t_check "the application is marked seen" [ -e "$dir/inbox/cur/$app:2,S" ]
t_check "the spam is marked seen" [ -e "$dir/inbox/cur/$bad:2,S" ]
t_check "the hostile message is flagged for the office again" [ -e "$dir/inbox/cur/hostile:2,FS" ]
t_check "one case" [ "$(t_ogictl "$dir" list --json | jq length)" = 1 ]

# The same bytes delivered again under another name: not registered twice,
# and recognised by name from then on (no event at every poll).
cp "$corpus/$app.eml" "$dir/inbox/new/copy-of-$app"
t_ogid "$dir" --once 2>"$dir/log3"
t_check "a copy is not registered again" [ "$(t_ogictl "$dir" list --json | jq length)" = 1 ]
t_check "the copy is logged as such" grep -q "copy-of-$app: same bytes already recorded" "$dir/log3"
t_ogid "$dir" --once 2>"$dir/log4"
t_check "the copy is not looked at again" sh -c '! grep -q "copy-of" "$1"' _ "$dir/log4"

# Another message delivered under a name already recorded: registered under
# a name of its own, and the first message's file is left alone.
first=$(sha256sum <"$dir/inbox/cur/$app:2,S" | cut -d' ' -f1)
cp "$corpus/005-iphone-prose-utf8-8bit.eml" "$dir/inbox/new/$app"
t_ogid "$dir" --once 2>"$dir/log5"
t_check "a reused name: the new message gets its own case" \
	[ "$(t_ogictl "$dir" list --json | jq length)" = 2 ]
t_check "a reused name: the first message's file is intact" \
	[ "$(sha256sum <"$dir/inbox/cur/$app:2,S" | cut -d' ' -f1)" = "$first" ]
t_check "a reused name is logged" grep -q "reuses a recorded name" "$dir/log5"
t_check "a reused name: new/ emptied" [ -z "$(ls "$dir/inbox/new")" ]

# A message that killed the parser last time (its .parsing note is still
# there) is not parsed again: recorded for the office, and mail behind it
# goes on.
killer=050-consultation-policy
cp "$corpus/$killer.eml" "$dir/inbox/new/$killer"
touch -d "2026-11-20T10:00:00+08:00" "$dir/inbox/new/$killer"
ksha=$(sha256sum <"$dir/inbox/new/$killer" | cut -d' ' -f1)
: >"$dir/state/raw/2026/11/$ksha.eml.parsing"
cp "$corpus/049-consultation-how-to-apply.eml" "$dir/inbox/new/after"
t_ogid "$dir" --once 2>"$dir/log6"
t_ogictl "$dir" messages --json >"$dir/m6.json"
t_check "a parser killer is recorded unparsed, for the office" \
	jq -e --arg f "$killer" '.[] | select(.file == $f) | .kind == "unparsed" and .disposition == "needs_review"' "$dir/m6.json"
t_check "the message behind it is read" \
	jq -e '.[] | select(.file == "after") | .kind == "consultation"' "$dir/m6.json"
t_check "the note is gone once recorded" [ ! -e "$dir/state/raw/2026/11/$ksha.eml.parsing" ]

# Another ogid on the same state directory is refused.
exec 9>"$dir/state/ogid.lock"
flock -n 9
t_check "a second ogid on the same state is refused" \
	sh -c '! "$1" -c "$2" --once 2>/dev/null' _ "$OGI_BUILDDIR/ogid" "$dir/ogid.conf"
exec 9>&-

t_done
