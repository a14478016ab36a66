#!/bin/sh
# kill -9 at random points: ogid --once works a mailbox of distinct
# messages and is killed after a random 0.05-1.5 s, again and again, until
# a run finishes by itself.  Then every message is registered exactly once
# (the registry's sha256 are the mailbox's, each once), none is lost, the
# tracking numbers run from 1 without a gap or a repeat, new/ is empty,
# and one more run changes nothing.
#
# OGI_CRASH_MESSAGES sets the count (default 500; 150 when ogid is built
# with AddressSanitizer, which runs it several times slower);
# OGI_CRASH_SEED replays a run's kill times (it prints its seed).
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
t_need sqlite3 jq sha256sum

# A run that never gets to finish means intake makes no progress.
max_runs=200
if [ -n "${OGI_CRASH_MESSAGES:-}" ]; then
	count=$OGI_CRASH_MESSAGES
elif ldd "$OGI_BUILDDIR/ogid" 2>/dev/null | grep -q libasan; then
	count=150
else
	count=500
fi
seed=${OGI_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# $count messages, seed $seed"

dir=$(t_state_dir crash)
sh "$OGI_SRCDIR/tests/make-mailbox.sh" "$count" "$dir/inbox" crash
(cd "$dir/inbox/new" && sha256sum -- * | cut -d' ' -f1 | sort) >"$dir/want"
# The kill delays, one per run: 0.05-1.5 s, short ones likelier (a whole
# run of 500 takes about a second here, so uniform delays would let most
# runs finish), the first at most 0.5 s so that one kill at least lands
# mid-work.
awk -v seed="$seed" -v n="$max_runs" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++) {
		r = rand()
		printf "%.2f\n", 0.05 + (i == 0 ? 0.45 : 1.45) * r * r * r
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
t_check "tracking numbers 1..N, none skipped or repeated" \
	t_jq "$dir/list.json" 'length > 0 and ([.[].id] | sort) ==
		[range(1; length + 1) | "2026-\(tostring | "000000"[length:] + .)"]'
t_check "every message is in the spool" \
	[ "$(find "$dir/state/raw" -name '*.eml' | wc -l)" = "$count" ]
t_check "new/ is empty" [ -z "$(ls "$dir/inbox/new")" ]
t_check "cur/ holds every message" [ "$(ls "$dir/inbox/cur" | wc -l)" = "$count" ]

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
