#!/bin/sh
# Run by hand: what parsing in a separate worker costs per message.
#
#   sh bench/parser.sh BUILDDIR [COPIES]
#
# Feeds COPIES (default 20) distinct copies of every corpus message to
# `ogid --once` three ways in the same run and prints wall-clock time per
# message:
#   jobs=1    a new worker process (fork + exec) for every message
#   jobs=100  one long-lived worker, replaced only after a failure or 100
#             messages (the default)
#   jobs=100000  one worker for the whole run: the floor, what the
#             registry, spool and parsing cost without any process churn
# The difference between the first two is the price of a process per
# message; the last is the baseline both are measured against.
set -eu
build=$(cd "${1:?usage: bench/parser.sh BUILDDIR [COPIES]}" && pwd)
copies=${2:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ogi-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One inbox of distinct messages (a header makes each copy unique).
mkdir -p "$work/inbox/new" "$work/inbox/cur" "$work/inbox/tmp"
n=0
for c in $(seq "$copies"); do
	for eml in "$src"/tests/corpus/*.eml; do
		n=$((n + 1))
		{ printf 'X-Bench-Copy: %s\n' "$c"; cat "$eml"; } \
			>"$work/inbox/new/$((1764000000 + n)).M${n}P1.bench"
	done
done

run() {
	jobs=$1
	rm -rf "$work/state" "$work/box"
	cp -r "$work/inbox" "$work/box"
	cat >"$work/ogid.conf" <<CONF
[ogid]
state_dir = $work/state
holidays_dir = $src/data/holidays
timezone = Asia/Shanghai

[limits]
parse_jobs = $jobs

[intake.mail]
driver = maildir
path = $work/box
channel = mail
CONF
	start=$(date +%s%N)
	"$build/ogid" -c "$work/ogid.conf" --once --foreground 2>/dev/null
	end=$(date +%s%N)
	echo $(((end - start) / 1000 / n))
}

echo "messages: $n ($copies copies of the corpus), $(nproc) cores"
base=$(run 100000)
for jobs in 1 100; do
	us=$(run "$jobs")
	printf 'jobs=%-7s %6d us/message  (+%d us over one worker)\n' \
		"$jobs" "$us" "$((us - base))"
done
printf 'jobs=%-7s %6d us/message  (baseline)\n' 100000 "$base"
