#!/bin/sh
# The parser worker: a message that crashes, hangs, spins or makes the
# worker answer garbage is recorded unparsed for the office with the
# reason, the messages around it are registered, and intake goes on.  The
# worker holds no descriptor of the daemon's, runs under seccomp with
# no_new_privs and the configured limits.  Faults are injected with the
# worker's test switch (OGID_TEST_FAULTS=1 and a marker in the message),
# the only way to make a real parser fail on purpose.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq timeout pgrep

corpus="$OGI_SRCDIR/tests/corpus"
good1=001-foxmail-form-complete
good2=002-qq-html-table-gb18030

# faulty DIR NAME MARKER: a copy of a good application carrying MARKER.
faulty() {
	sed "s/^Subject: /Subject: $3 /" "$corpus/$good1.eml" >"$1/inbox/new/$2"
	touch -d "2026-11-20T10:0$4:00+08:00" "$1/inbox/new/$2"
}

# deliver DIR NAME SOURCE MINUTE
deliver() {
	cp "$corpus/$3.eml" "$1/inbox/new/$2"
	touch -d "2026-11-20T10:0$4:00+08:00" "$1/inbox/new/$2"
}

# problem JSON FILE TEXT: recorded unparsed, for the office, with TEXT.
problem() {
	t_jq "$1" --arg f "$2" --arg t "$3" '.[] | select(.file == $f) |
		.kind == "unparsed" and .disposition == "needs_review" and
		(.problems | join(" ") | contains($t))'
}

registered() {
	t_jq "$1" --arg f "$2" '.[] | select(.file == $f) |
		.kind == "application" and (.case | test("^2026-"))'
}

for jobs in 100 1; do
	dir=$(t_state_dir "faults-$jobs")
	cat >>"$dir/ogid.conf" <<CONF

[limits]
parse_timeout = 10
parse_cpu = 1
parse_jobs = $jobs
CONF
	deliver "$dir" a-good "$good1" 0
	faulty "$dir" b-crash OGID-TEST-CRASH 1
	deliver "$dir" c-good "$good2" 2
	faulty "$dir" d-hang OGID-TEST-HANG 3
	faulty "$dir" e-spin OGID-TEST-SPIN 4
	faulty "$dir" f-garbage OGID-TEST-GARBAGE 5
	faulty "$dir" g-last "" 6

	rc=0
	OGID_TEST_FAULTS=1 t_run timeout 120 "$OGI_BUILDDIR/ogid" \
		-c "$dir/ogid.conf" --once --foreground 2>"$dir/log" || rc=$?
	t_check "jobs=$jobs: ogid went through every message and exited 0" [ "$rc" = 0 ]
	t_ogictl "$dir" messages --json >"$dir/m.json"
	t_check "jobs=$jobs: all seven messages recorded" \
		t_jq "$dir/m.json" 'length == 7'
	t_check "jobs=$jobs: a crash is recorded unparsed with the signal" \
		problem "$dir/m.json" b-crash "crashed (signal"
	t_check "jobs=$jobs: a hang is killed after parse_timeout" \
		problem "$dir/m.json" d-hang "did not finish within 10 s: killed"
	t_check "jobs=$jobs: a busy loop is stopped by parse_cpu" \
		problem "$dir/m.json" e-spin "more than 1 s of CPU time"
	t_check "jobs=$jobs: a garbled answer is refused" \
		problem "$dir/m.json" f-garbage "answered garbage (worker frame: body of 4294967295 bytes exceeds"
	for f in a-good c-good g-last; do
		t_check "jobs=$jobs: $f, next to the failures, is registered" \
			registered "$dir/m.json" "$f"
	done
	t_check "jobs=$jobs: failed messages are flagged in the Maildir" \
		[ -e "$dir/inbox/cur/b-crash:2,FS" ]
done

# While the worker hangs, look at what it holds.
dir=$(t_state_dir inspect)
cat >>"$dir/ogid.conf" <<CONF

[limits]
parse_timeout = 30
parse_memory = 400M
CONF
faulty "$dir" hang OGID-TEST-HANG 0
OGID_TEST_FAULTS=1 "$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --once \
	--foreground 2>"$dir/log" &
daemon=$!
worker=""
for _ in $(seq 50); do
	worker=$(pgrep -P "$daemon" 2>/dev/null | head -n 1)
	[ -n "$worker" ] && [ -e "/proc/$worker/status" ] &&
		grep -q 'parse-worker' "/proc/$worker/cmdline" 2>/dev/null && break
	worker=""
	sleep 0.2
done
t_check "a worker process is started for the message" [ -n "$worker" ]
if [ -n "$worker" ]; then
	# The worker enters its sandbox after exec: wait until it has (slow
	# under the sanitizers), at most 20 s.
	for _ in $(seq 100); do
		grep -q '^Seccomp:[[:space:]]*2' "/proc/$worker/status" && break
		sleep 0.2
	done
	ls -l "/proc/$worker/fd" >"$dir/fds" 2>&1
	t_check "the worker holds only stdin, stdout and stderr" \
		[ "$(ls "/proc/$worker/fd" | sort -n | tr '\n' ' ')" = "0 1 2 " ]
	t_check "the worker has no handle on the database" \
		sh -c "! grep -q 'ogid.db' '$dir/fds'"
	t_check "the worker runs under a seccomp filter" \
		grep -q '^Seccomp:[[:space:]]*2' "/proc/$worker/status"
	t_check "the worker cannot gain privileges" \
		grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$worker/status"
	t_check "the worker may not write files" \
		grep -q '^Max file size *0 *0' "/proc/$worker/limits"
	# Sanitizer builds cannot bound their address space (ASan reserves
	# terabytes); there the limit is left unset on purpose.
	if ldd "$OGI_BUILDDIR/ogid" | grep -q libasan; then
		t_pass "address-space limit: not applicable under ASan"
	else
		t_check "the worker's address space is bounded by parse_memory" \
			grep -q '^Max address space *419430400 *419430400' "/proc/$worker/limits"
	fi
fi
kill "$daemon" 2>/dev/null
wait "$daemon" 2>/dev/null
t_collect "$dir/log"
t_check "the worker is gone when ogid stops" \
	sh -c "[ -z '$worker' ] || ! kill -0 '$worker' 2>/dev/null"

t_done
