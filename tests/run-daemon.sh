#!/bin/sh
# The daemon's process structure: one process per intake under a
# supervisor.  Several Maildirs in one daemon are all worked, with
# tracking numbers neither shared nor skipped; a second ogid (another state
# directory) leaves a mailbox the first holds alone and says so; SIGHUP
# picks up a new intake and survives a broken file; a child killed with
# kill -9 is restarted; SIGTERM stops everything within seconds and loses
# nothing; `ogictl status` shows each intake's last poll and errors, and
# the outbox's counts.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq pgrep

corpus="$OGI_SRCDIR/tests/corpus"
apps="001-foxmail-form-complete 005-iphone-prose-utf8-8bit 007-foxmail-organisation-uscc 012-gmail-passport"


# deliver MAILDIR NAME SEQ: one of the applications in turn, made unique
# by SEQ, delivered the Maildir way (tmp/, then a rename into new/).
delivered=0
deliver() {
	delivered=$((delivered + 1))
	src=$(echo $apps | cut -d' ' -f$((delivered % 4 + 1)))
	{ printf 'X-Test-Seq: %s\n' "$3"; cat "$corpus/$src.eml"; } >"$1/tmp/$2"
	mv "$1/tmp/$2" "$1/new/$2"
}

maildir() {
	mkdir -p "$1/new" "$1/cur" "$1/tmp"
}

# registered DIR N: the registry of DIR holds exactly N messages.
registered() {
	"$OGI_BUILDDIR/ogictl" -c "$1/ogid.conf" messages --json 2>/dev/null |
		jq -e --argjson n "$2" 'length == $n' >/dev/null
}

# pid_of LOG INTAKE: the process id of the intake's latest start.
pid_of() {
	sed -n "s/^ogid: info: intake $2: started (pid \([0-9]*\))$/\1/p" "$1" | tail -n 1
}

dir=$(t_state_dir several)
for m in a b c; do
	maildir "$dir/$m"
	for i in 1 2 3 4 5; do
		deliver "$dir/$m" "1763602200.M$i.$m" "$m$i"
	done
done
mkdir -p "$dir/cannot"
: >"$dir/cannot/file"
write_conf() {
	cat >"$dir/ogid.conf" <<CONF
[ogid]
state_dir = $dir/state
holidays_dir = $OGI_SRCDIR/data/holidays
timezone = Asia/Shanghai
own_addresses = ogi@example.gov.cn
poll_interval = 5
digest_time = off

[office]
email = ysqgk@example.gov.cn

[intake.a]
driver = maildir
path = $dir/a

[intake.b]
driver = maildir
path = $dir/b

[intake.c]
driver = maildir
path = $dir/c

[intake.broken]
driver = maildir
path = $dir/cannot/file/inbox
CONF
}
write_conf

"$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --foreground 2>"$dir/log" &
daemon=$!

# --- several intakes, one daemon -----------------------------------------
t_check "the daemon runs one process per intake and the outbox sender" \
	t_wait_for 10 eval '[ "$(pgrep -c -P $daemon)" = 5 ]'
t_check "every message of the three Maildirs is registered" \
	t_wait_for 60 registered "$dir" 15
t_ogictl "$dir" messages --json >"$dir/m1.json"
t_check "each intake recorded its own five" \
	t_jq "$dir/m1.json" '(group_by(.mailbox) | map([.[0].mailbox, length])) == [["a",5],["b",5],["c",5]]'
t_check "fifteen applications with tracking numbers 1 to 15, none shared or skipped" \
	t_jq "$dir/m1.json" '[.[].case | select(. != null) | .[5:]] | sort == [range(1;16) | ("00000" + tostring)[-6:]]'
t_check "each Maildir is emptied into cur/" \
	eval '[ -z "$(find "$dir/a/new" "$dir/b/new" "$dir/c/new" -type f)" ]'
t_check "each intake's process logged its start" \
	eval '[ -n "$(pid_of "$dir/log" a)" ] && [ -n "$(pid_of "$dir/log" b)" ] &&
		[ -n "$(pid_of "$dir/log" c)" ] && [ -n "$(pid_of "$dir/log" broken)" ]'

# --- ogictl status --------------------------------------------------------
t_check "the broken intake's failure is recorded" \
	t_wait_for 10 eval '"$OGI_BUILDDIR/ogictl" -c "$dir/ogid.conf" status --json | jq -e ".intakes[] | select(.name == \"broken\") | .errors >= 1" >/dev/null'
t_ogictl "$dir" send-test applicant@example.com >/dev/null
t_check "status: the outbox counts the test letter, sent by the daemon's sender" \
	t_wait_for 15 eval '"$OGI_BUILDDIR/ogictl" -c "$dir/ogid.conf" status --json | jq -e ".outbox == {\"queued\": 0, \"delayed\": 0, \"failed\": 0, \"sent\": 1}" >/dev/null'
t_ogictl "$dir" status --json >"$dir/s1.json"
t_check "status: the working intakes were polled, with no error and no backlog" \
	t_jq "$dir/s1.json" '[.intakes[] | select(.name != "broken")] | length == 3 and all(.last_poll != null and .errors == 0 and .last_error == null and .backlog == 0)'
t_check "status: the broken intake was never polled and shows why" \
	t_jq "$dir/s1.json" '.intakes[] | select(.name == "broken") | .last_poll == null and .errors >= 1 and (.last_error | contains("Not a directory")) and .last_error_at != null'
t_ogictl "$dir" status >"$dir/s1.txt"
t_check "status as a table names each intake, its driver and the error, then the outbox" \
	eval 'grep -q "^INTAKE  *DRIVER  *LAST POLL  *BACKLOG  *ERRORS  *LAST ERROR" "$dir/s1.txt" &&
		grep -q "^a  *maildir  *20[0-9-]* [0-9:]*  *0  *0  *-$" "$dir/s1.txt" &&
		grep -q "^broken  *maildir  *never  *0  *[1-9][0-9]*  *lock directory $dir/cannot/file/inbox" "$dir/s1.txt" &&
		grep -q "^OUTBOX  0 queued, 0 delayed, 0 failed, 1 sent$" "$dir/s1.txt"'

# --- a second ogid on the same Maildir, another state directory -----------
two=$(t_tmpdir second)
cat >"$two/ogid.conf" <<CONF
[ogid]
state_dir = $two/state
holidays_dir = $OGI_SRCDIR/data/holidays
poll_interval = 5
digest_time = off

[intake.same]
driver = maildir
path = $dir/a
CONF
"$OGI_BUILDDIR/ogid" -c "$two/ogid.conf" --foreground 2>"$two/log" &
second=$!
apid=$(pid_of "$dir/log" a)
t_check "the second ogid says which intake is held, by whom, and leaves it alone" \
	t_wait_for 10 grep -q "^ogid: warning: intake same: held by another ogid (pid $apid, state directory $dir/state, lock $dir/a/ogid-intake.lock); left alone, trying again every 5 s$" "$two/log"
deliver "$dir/a" 1763602200.M6.a a6
t_check "the first ogid takes the new message" t_wait_for 15 registered "$dir" 16
t_check "the second has taken nothing" registered "$two" 0
t_ogictl "$two" status --json >"$two/s.json"
t_check "the second's status shows the intake held" \
	t_jq "$two/s.json" '.intakes[0] | .name == "same" and .last_poll == null and (.last_error | startswith("held by another ogid"))'
t_check "the second ogid still runs" t_running "$second"
kill -TERM "$second"
wait "$second"
t_collect "$two/log"
rc=0
t_ogid "$two" --once 2>"$two/log-once" || rc=$?
t_check "ogid --once on the held mailbox exits 1 (got $rc) and says who holds it" \
	eval '[ "$rc" = 1 ] && grep -q "^ogid: warning: intake same: held by another ogid (pid $apid, " "$two/log-once"'
t_check "and takes nothing" registered "$two" 0

# --- kill -9 of an intake process ------------------------------------------
# A spool file in flight (another intake fetching it) must survive an
# intake process starting: only the supervisor cleans STATE/tmp, while no
# child spools.
printf 'in flight\n' >"$dir/state/tmp/incoming.inflight"
kill -KILL "$apid"
t_check "the supervisor logs the death and restarts the intake" \
	t_wait_for 10 grep -q "^ogid: warning: intake a: process $apid was killed by signal 9 (Killed); restarting it in [0-9]* s$" "$dir/log"
t_check "a new process works intake a" \
	t_wait_for 10 eval '[ -n "$(pid_of "$dir/log" a)" ] && [ "$(pid_of "$dir/log" a)" != "$apid" ] && t_running "$(pid_of "$dir/log" a)"'
deliver "$dir/a" 1763602200.M7.a a7
t_check "the restarted intake takes new mail" t_wait_for 15 registered "$dir" 17
t_check "an intake process starting leaves the other intakes' spool files alone" \
	[ -f "$dir/state/tmp/incoming.inflight" ]

# --- SIGHUP: a new intake --------------------------------------------------
maildir "$dir/d"
deliver "$dir/d" 1763602200.M1.d d1
write_conf
printf '\n[intake.d]\ndriver = maildir\npath = %s\n' "$dir/d" >>"$dir/ogid.conf"
kill -HUP "$daemon"
t_check "SIGHUP: the configuration is reloaded with the new intake" \
	t_wait_for 15 grep -q "^ogid: info: configuration reloaded: 5 intakes$" "$dir/log"
t_check "the new intake's mail is registered" t_wait_for 15 registered "$dir" 18
t_check "the reload, with every intake stopped, cleaned the spool's leftovers" \
	[ ! -e "$dir/state/tmp/incoming.inflight" ]

# --- SIGHUP: a broken file --------------------------------------------------
cp "$dir/ogid.conf" "$dir/ogid.conf.good"
printf '\n[intake.e]\ndriver = nosuchdriver\npath = %s\n' "$dir/e" >>"$dir/ogid.conf"
kill -HUP "$daemon"
t_check "SIGHUP with a broken file: the problem is logged and the old configuration kept" \
	t_wait_for 10 eval 'grep -q "intake.e.*nosuchdriver" "$dir/log" && grep -q "^ogid: error: configuration not reloaded: going on with the running one$" "$dir/log"'
t_check "the daemon still runs" t_running "$daemon"
deliver "$dir/d" 1763602200.M2.d d2
t_check "and still works its intakes" t_wait_for 15 registered "$dir" 19
t_check "the reload did not restart anything" \
	eval '[ "$(grep -c "configuration reloaded" "$dir/log")" = 1 ]'

# --- SIGTERM in the middle of work -----------------------------------------
cp "$dir/ogid.conf.good" "$dir/ogid.conf"
for i in $(seq 1 150); do
	deliver "$dir/b" "1763602300.M$i.b" "b-more-$i"
done
t_wait_for 15 eval '[ "$(ls "$dir/b/new" | wc -l)" -lt 150 ]'
children=$(pgrep -P "$daemon" | tr '\n' ' ')
start=$(date +%s)
kill -TERM "$daemon"
rc=0
wait "$daemon" || rc=$?
took=$(($(date +%s) - start))
t_check "SIGTERM: the daemon exits 0 (got $rc)" [ "$rc" = 0 ]
t_check "SIGTERM: within a few seconds (took $took s)" [ "$took" -le 5 ]
# none_running PID...: none of them runs.
none_running() {
	for p in "$@"; do
		! t_running "$p" || return 1
	done
}
# shellcheck disable=SC2086 # one argument per process id
t_check "SIGTERM: no intake process is left" none_running $children
t_check "SIGTERM: the intakes and the supervisor said they stopped" \
	eval 'grep -q "^ogid: info: intake b: stopped$" "$dir/log" && grep -q "^ogid: info: stopped$" "$dir/log"'
t_collect "$dir/log"
t_ogid "$dir" --once 2>"$dir/log-once" || true
t_check "a restart completes the work: every message registered once" \
	registered "$dir" 169
t_check "and the mailbox is emptied" eval '[ -z "$(ls "$dir/b/new")" ]'

t_done
