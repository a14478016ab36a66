#!/bin/sh
# A crash at any point is completed by the next run, without a message
# lost or registered twice:
# - after the spool write, before the commit: the message is still in new/
#   and its raw file exists; the next run registers it once;
# - after the commit, before the mailbox update: the message is back in
#   new/; the next run only moves it, with the flags it should have had.
# Every check asserts what happened, never only that something did not:
# each ogid run must exit 0 and log that it started.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

# once N: one ogid --once on the state directory, its stderr in $dir/logN;
# checks that it exited 0 and started.
once() {
	rc=0
	t_ogid "$dir" --once 2>"$dir/log$1" || rc=$?
	t_check "run $1: ogid --once exits 0 (got $rc)" [ "$rc" = 0 ]
	t_check "run $1: ogid started" grep -q "ogid: info: started: state $dir/state" "$dir/log$1"
}

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
once 1
t_ogictl "$dir" messages --json >"$dir/m1.json"
t_check "three messages recorded" t_jq "$dir/m1.json" 'length == 3'
t_check "the half-spooled application registered once" \
	[ "$(find "$dir/state/raw" -name "$sha.eml" | wc -l)" = 1 -a \
	  "$(t_ogictl "$dir" list --json | jq length)" = 1 ]

# Crash after the commit: put the files back where the MDA left them.
for f in "$dir"/inbox/cur/*; do
	base=$(basename "$f")
	mv "$f" "$dir/inbox/new/${base%%:*}"
done
spooled=$(find "$dir/state/raw" -type f | wc -l)
once 2
t_ogictl "$dir" messages --json >"$dir/m2.json"
t_check "the restart records nothing new (3 messages)" \
	eval 't_jq "$dir/m2.json" "length == 3" && cmp -s "$dir/m1.json" "$dir/m2.json"'
t_check "the restart spools nothing new (3 raw files)" \
	[ "$spooled" = 3 -a "$(find "$dir/state/raw" -type f | wc -l)" = 3 ]
t_check "the restart empties new/" [ -z "$(ls "$dir/inbox/new")" ]
t_check "the application is marked seen" [ -e "$dir/inbox/cur/$app:2,S" ]
t_check "the spam is marked seen" [ -e "$dir/inbox/cur/$bad:2,S" ]
t_check "the hostile message is flagged for the office again" [ -e "$dir/inbox/cur/hostile:2,FS" ]
t_check "one case" [ "$(t_ogictl "$dir" list --json | jq length)" = 1 ]

# The same bytes delivered again under another name: not registered twice,
# and recognised by name from then on (no event at every poll).
cp "$corpus/$app.eml" "$dir/inbox/new/copy-of-$app"
once 3
t_check "a copy is not registered again" [ "$(t_ogictl "$dir" list --json | jq length)" = 1 ]
t_check "the copy is logged as such" grep -q "copy-of-$app: same bytes already recorded" "$dir/log3"
t_check "the copy is moved to cur/" [ -e "$dir/inbox/cur/copy-of-$app:2,S" ]
# The next run reads a new message, and passes over the copy in silence.
cp "$corpus/041-exchange-automatic-reply.eml" "$dir/inbox/new/next"
once 4
t_check "the copy is not looked at again, a new message is" \
	eval 'grep -q "mail/next: auto_reply" "$dir/log4" && ! grep -q copy-of "$dir/log4"'
t_check "the copy stays in cur/ as it was" [ -e "$dir/inbox/cur/copy-of-$app:2,S" ]

# Another message delivered under a name already recorded: registered under
# a name of its own, and the first message's file is left alone.
first=$(sha256sum <"$corpus/$app.eml" | cut -d' ' -f1)
cp "$corpus/005-iphone-prose-utf8-8bit.eml" "$dir/inbox/new/$app"
once 5
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
once 6
t_ogictl "$dir" messages --json >"$dir/m6.json"
t_check "a parser killer is recorded unparsed, for the office" \
	t_jq "$dir/m6.json" --arg f "$killer" '[.[] | select(.file == $f)] | length == 1 and .[0].kind == "unparsed" and .[0].disposition == "needs_review"'
t_check "the message behind it is read" \
	t_jq "$dir/m6.json" '[.[] | select(.file == "after")] | length == 1 and .[0].kind == "consultation"'
t_check "the note is gone once recorded" [ ! -e "$dir/state/raw/2026/11/$ksha.eml.parsing" ]

# A power failure after a group-commit rename, before the batch's sync, can
# leave the name on disk without all of the bytes: such a file is not
# believed; the message's own copy replaces it before it is recorded.
torn=051-complaint-wages
cp "$corpus/$torn.eml" "$dir/inbox/new/$torn"
touch -d "2026-11-20T11:00:00+08:00" "$dir/inbox/new/$torn"
tsha=$(sha256sum <"$dir/inbox/new/$torn" | cut -d' ' -f1)
head -c 100 "$dir/inbox/new/$torn" >"$dir/state/raw/2026/11/$tsha.eml"
once torn
t_check "a torn spool file is replaced by the message's bytes" \
	[ "$(sha256sum <"$dir/state/raw/2026/11/$tsha.eml" | cut -d' ' -f1)" = "$tsha" ]
t_ogictl "$dir" messages --json >"$dir/mtorn.json"
t_check "a message with a torn spool file is recorded once" \
	t_jq "$dir/mtorn.json" --arg f "$torn" '[.[] | select(.file == $f)] | length == 1'

# Group commit: a message the registry refuses for good does not take the
# rest of its batch down; the batch is recorded one by one, what comes
# before it is registered, and it and what follows wait in the mailbox.
gdir=$(t_state_dir group)
t_ogid "$gdir" --once 2>/dev/null
sqlite3 "$gdir/state/ogid.db" "CREATE TRIGGER poison BEFORE INSERT ON messages
	WHEN NEW.uid LIKE '%poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;"
cp "$corpus/$app.eml" "$gdir/inbox/new/1763602201.M1P1.first"
cp "$corpus/005-iphone-prose-utf8-8bit.eml" "$gdir/inbox/new/1763602202.M2P1.poison"
cp "$corpus/003-163-coremail-table-gbk.eml" "$gdir/inbox/new/1763602203.M3P1.last"
rc=0
t_ogid "$gdir" --once 2>"$gdir/log1" || rc=$?
t_check "a refused message stops the run (got $rc)" [ "$rc" != 0 ]
t_check "the failed batch is recorded one by one" \
	grep -q "a batch of 3 messages was not committed.*poisoned.*one by one" "$gdir/log1"
t_check "the message before it is registered and moved" \
	eval '[ "$(t_ogictl "$gdir" list --json | jq length)" = 1 ] &&
	      [ -e "$gdir/inbox/cur/1763602201.M1P1.first:2,S" ]'
t_check "it and the one after it wait in new/" \
	[ "$(ls "$gdir/inbox/new" | tr '\n' ' ')" = "1763602202.M2P1.poison 1763602203.M3P1.last " ]
sqlite3 "$gdir/state/ogid.db" "DROP TRIGGER poison"
rc=0
t_ogid "$gdir" --once 2>"$gdir/log2" || rc=$?
t_check "once repaired, the rest is registered, each once" \
	eval '[ "$rc" = 0 ] && [ -z "$(ls "$gdir/inbox/new")" ] &&
	      t_ogictl "$gdir" list --json |
	      jq -e "[.[].id] == [\"2025-000001\", \"2025-000002\", \"2025-000003\"]"'
t_collect "$gdir/log1"
t_collect "$gdir/log2"

# Another ogid on the same state directory is refused while the first
# runs as a daemon (in the foreground), and the first goes on.
"$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --foreground 2>"$dir/log7" &
daemon=$!
t_wait_for 10 grep -q "started: state" "$dir/log7"
t_check "the first ogid is running" t_running "$daemon"
t_check "the first ogid has started" grep -q "ogid: info: started: state $dir/state" "$dir/log7"
rc=0
t_ogid "$dir" --once 2>"$dir/log8" || rc=$?
t_check "a second ogid on the same state exits 1 (got $rc)" [ "$rc" = 1 ]
t_check "a second ogid says another is running, and does not start" \
	eval 'grep -q "ogid: error: $dir/state/ogid.lock: another ogid is running on this state directory" "$dir/log8" && ! grep -q started: "$dir/log8"'
t_check "the first ogid is still running" t_running "$daemon"
kill -TERM "$daemon"
rc=0
wait "$daemon" || rc=$?
t_check "the first ogid exits 0 on SIGTERM (got $rc)" [ "$rc" = 0 ]
t_check "the first ogid says it stopped" grep -q "ogid: info: stopped" "$dir/log7"
t_collect "$dir/log7"

t_done
