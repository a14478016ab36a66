#!/bin/sh
# kill -9 at random points: ogid --once works a mailbox of distinct
# messages and is killed after a random 0.05-1.5 s, again and again, until
# a run finishes by itself.  Then every message is registered exactly once
# (the registry's sha256 are the mailbox's, each once), none is lost, the
# tracking numbers run from 1 without a gap or a repeat, the mailbox shows
# every message done, and one more run changes nothing.
#
# The mailbox is a local Maildir; tests/run-crash-imap.sh sets
# crash_driver=imap and sources this file for a real Dovecot's INBOX
# (done = move:已处理: the moves, too, are made only after the commit).
# OGI_CRASH_MESSAGES sets the count (default 500; 150 when ogid is built
# with AddressSanitizer, which runs it several times slower, and then the
# kill delays are three times as long);
# OGI_CRASH_SEED replays a run's kill times (it prints its seed).
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
t_need sqlite3 jq sha256sum
crash_driver=${crash_driver:-maildir}

# A run that never gets to finish means intake makes no progress.
max_runs=200
# slow: how much slower than a plain build each run is (AddressSanitizer:
# several times; the kill delays stretch with it, or under load on 2
# cores no run got from its start to its first commit before the kill:
# 200 runs, nothing recorded).
slow=1
if ldd "$OGI_BUILDDIR/ogid" 2>/dev/null | grep -q libasan; then
	slow=3
fi
if [ -n "${OGI_CRASH_MESSAGES:-}" ]; then
	count=$OGI_CRASH_MESSAGES
elif [ "$slow" -gt 1 ]; then
	count=150
else
	count=500
fi
seed=${OGI_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# $count messages, seed $seed"

if [ "$crash_driver" = imap ]; then
	. "$OGI_SRCDIR/tests/lib-servers.sh"
	srv_init
	srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }
	dir=$(srv_imap_dir crash "done = move:已处理" "max_messages = $count")
	box=$SRV_MAILDIR
	done_box=$SRV_MAILDIR/.\&XfJZBHQG-
	sh "$OGI_SRCDIR/tests/make-mailbox.sh" "$count" "$dir/made" crash
	chown "$(srv_mail_owner)" "$dir/made/new"/*
	mv "$dir/made/new"/* "$box/new/"
	# A run of 500 over IMAPS takes several seconds, and each run first
	# connects and lists: longer delays, or no run would get far.
	spread=2.5
else
	dir=$(t_state_dir crash)
	box=$dir/inbox
	done_box=$box
	sh "$OGI_SRCDIR/tests/make-mailbox.sh" "$count" "$box" crash
	# A whole run of 500 takes about a second here.
	spread=1.45
fi
if [ "$crash_driver" = imap ]; then
	# A server sends CRLF; the spool keeps a Maildir's LF (intake_crlf),
	# so a message's identity is the same however it came.
	python3 - "$box/new" <<'PY' | sort >"$dir/want"
import hashlib, os, sys
for n in os.listdir(sys.argv[1]):
    data = open(os.path.join(sys.argv[1], n), "rb").read()
    print(hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest())
PY
else
	(cd "$box/new" && sha256sum -- * | cut -d' ' -f1 | sort) >"$dir/want"
fi
# The kill delays, one per run: 0.05 s to 0.05 + spread, short ones
# likelier (uniform delays would let most runs finish), the first within
# a third of that so that one kill at least lands mid-work.
awk -v seed="$seed" -v n="$max_runs" -v spread="$spread" -v slow="$slow" 'BEGIN {
	srand(seed)
	spread *= slow
	for (i = 0; i < n; i++) {
		r = rand()
		printf "%.2f\n", 0.05 + (i == 0 ? spread / 3 : spread) * r * r * r
	}
}' >"$dir/delays"

runs=0
kills=0
rc=137
while [ "$rc" = 137 ] && [ "$runs" -lt "$max_runs" ]; do
	runs=$((runs + 1))
	"$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --once --foreground \
		2>>"$dir/log" &
	pid=$!
	sleep "$(sed -n "${runs}p" "$dir/delays")"
	kill -KILL "$pid" 2>/dev/null
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 137 ] && kills=$((kills + 1))
done
t_collect "$dir/log"
echo "# $runs runs, $kills killed"
t_check "a run finished by itself and exited 0 (last status $rc, $runs runs)" \
	[ "$rc" = 0 ]
t_check "ogid was killed at least once" [ "$kills" -gt 0 ]

t_ogictl "$dir" messages --json >"$dir/messages.json"
t_ogictl "$dir" list --json >"$dir/list.json"
sqlite3 "$dir/state/ogid.db" "SELECT sha256 FROM messages ORDER BY sha256" \
	>"$dir/got"
t_check "$count messages recorded" t_jq "$dir/messages.json" "length == $count"
t_check "each message recorded exactly once, by its bytes" \
	cmp -s "$dir/want" "$dir/got"
t_check "tracking numbers 1..N of one year, none skipped or repeated" \
	t_jq "$dir/list.json" 'length > 0 and ([.[].id] | sort) as $ids |
		$ids[0][0:5] as $year | $ids ==
		[range(1; length + 1) | $year + (tostring | "000000"[length:] + .)]'
t_check "every message is in the spool" \
	[ "$(find "$dir/state/raw" -name '*.eml' | wc -l)" = "$count" ]
t_check "the mailbox's new/ is empty" [ -z "$(ls "$box/new")" ]
if [ "$crash_driver" = imap ]; then
	t_check "the INBOX is empty: every message moved after its commit" \
		[ -z "$(ls "$box/cur")" ]
fi
t_check "every message is in the done folder" \
	[ "$(find "$done_box/cur" "$done_box/new" -type f 2>/dev/null | wc -l)" = "$count" ]

rc=0
t_ogid "$dir" --once 2>"$dir/log.final" || rc=$?
t_ogictl "$dir" messages --json >"$dir/messages2.json"
t_ogictl "$dir" list --json >"$dir/list2.json"
t_check "a final run exits 0 (got $rc)" [ "$rc" = 0 ]
t_check "a final run changes nothing" \
	eval 'cmp -s "$dir/messages.json" "$dir/messages2.json" &&
	      cmp -s "$dir/list.json" "$dir/list2.json" &&
	      ! grep -q "new message" "$dir/log.final"'

t_done
