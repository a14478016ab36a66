#!/bin/sh
# Runs the libFuzzer targets (fuzz/fuzz_NAME.c) on their seed corpora.
#
#   contrib/fuzz.sh NAME [SECONDS]   one target, SECONDS (default 60)
#   contrib/fuzz.sh --all SECONDS    every target, one after the other
#
# Builds in _build-fuzz/ of the source tree (CC=clang, --enable-fuzzing;
# FUZZ_BUILDDIR names another).  Seeds come from fuzz/seeds/NAME/ and from
# the tree (message: tests/corpus, samples and the tests/hostile inputs;
# holidays: data/holidays; template: templates; config: contrib/ogid.conf);
# they are copied into a scratch corpus, so the tree is never modified.
# FUZZ_FLAGS adds libFuzzer options, e.g. FUZZ_FLAGS=-runs=1000000;
# FUZZ_CORPUS=DIR keeps the working corpus there to resume from (one target).
#
# Exits non-zero on any finding: a crash or sanitizer report, a leak, a
# GLib warning or critical, an input taking over 10 s, more than 2048 MB of
# memory.  The input is kept in _build-fuzz/findings/NAME/ and the command
# to replay it is printed.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${FUZZ_BUILDDIR:-$srcdir/_build-fuzz}

usage() {
	echo "usage: $0 NAME [SECONDS] | --all SECONDS" >&2
	exit 2
}

# Every NAME with a fuzz/fuzz_NAME.c.
targets() {
	for f in "$srcdir"/fuzz/fuzz_*.c; do
		[ -e "$f" ] || continue
		f=${f##*/fuzz_}
		echo "${f%.c}"
	done
}

build() {
	if [ ! -f "$builddir/Makefile" ]; then
		if [ -f "$srcdir/config.status" ]; then
			echo "fuzz.sh: the source tree is configured in place;" \
			     "run 'make distclean' there first" >&2
			exit 2
		fi
		mkdir -p "$builddir"
		(cd "$builddir" && "$srcdir/configure" --quiet CC=clang \
			--enable-fuzzing) || exit 2
	fi
	progs=
	for t in "$@"; do
		progs="$progs fuzz/fuzz_$t"
	done
	if ! make -C "$builddir" -j"${FUZZ_MAKE_JOBS:-2}" $progs \
		>"$builddir/make.log" 2>&1; then
		tail -n 30 "$builddir/make.log" >&2
		exit 2
	fi
}

# copy PREFIX DIR FILES...: into the corpus DIR as PREFIX-NAME.
copy() {
	prefix=$1 dir=$2
	shift 2
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/$prefix-${f##*/}"
	done
	return 0
}

# Hostile inputs over 1 MiB would be cut to libFuzzer's largest input anyway.
hostile_seeds() {
	gen=$srcdir/tests/hostile/make-input.py
	command -v python3 >/dev/null 2>&1 || return 0
	for name in $(python3 -c 'import runpy, sys
print(*runpy.run_path(sys.argv[1])["INPUTS"])' "$gen"); do
		out=$1/hostile-$name.eml
		python3 "$gen" "$name" "$out"
		[ "$(wc -c <"$out")" -le 1048576 ] || rm -f "$out"
	done
}

seeds() {
	t=$1 dir=$2
	if [ -d "$srcdir/fuzz/seeds/$t" ]; then
		copy seed "$dir" "$srcdir/fuzz/seeds/$t"/*
	fi
	case $t in
	message)
		copy corpus "$dir" "$srcdir"/tests/corpus/*.eml
		copy sample "$dir" "$srcdir"/samples/*.eml
		hostile_seeds "$dir"
		;;
	dsn) copy corpus "$dir" "$srcdir"/tests/corpus/04[456]-*.eml ;;
	holidays) copy data "$dir" "$srcdir"/data/holidays/*.json ;;
	template) copy tpl "$dir" "$srcdir"/templates/*.tpl ;;
	config) copy contrib "$dir" "$srcdir"/contrib/ogid.conf ;;
	esac
}

# run NAME SECONDS: prints one summary line; fails on a finding.
run() {
	t=$1 secs=$2
	bin=$builddir/fuzz/fuzz_$t
	findings=$builddir/findings/$t
	if [ -n "${FUZZ_CORPUS:-}" ]; then
		corpus=$FUZZ_CORPUS
		mkdir -p "$corpus"
	else
		corpus=$(mktemp -d "${TMPDIR:-/tmp}/ogi-fuzz-$t.XXXXXX")
	fi
	log=$builddir/fuzz-$t.log
	mkdir -p "$findings"
	seeds "$t" "$corpus"
	# GLib's warnings and criticals abort in the targets themselves
	# (fuzz/init.c): not G_DEBUG=fatal-criticals, whose SIGTRAP libFuzzer
	# does not catch (no input kept), and which also stops on the
	# criticals a module's own handler takes on purpose (libgsf's about a
	# damaged .doc).  Leaks: the test suite's suppressions (libraries'
	# process-lifetime state, fontconfig's for cairo and poppler).
	# Messages: every structure the seeds show fits in 16 KB (PDF and .docx
	# attachments in fuzz/seeds/message); longer inputs only slow the
	# search down, and extraction costs about 1 ms per KB under the
	# sanitizers.
	maxlen=
	[ "$t" != message ] || maxlen=-max_len=16384
	set +e
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/tests/lsan.supp} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$findings/" $maxlen \
		${FUZZ_FLAGS:-} "$corpus" </dev/null >"$log" 2>&1
	rc=$?
	set -e
	[ -n "${FUZZ_CORPUS:-}" ] || rm -rf "$corpus"
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\)[^0-9].*/\1/p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
	if [ "$rc" -ne 0 ] && ! grep -q 'Test unit written to' "$log"; then
		echo "FAIL $t: stopped with status $rc after ${runs:-?} executions," \
		     "no input kept (killed?); log: $log"
		return 1
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $t: finding after ${runs:-?} executions (${cov:-no coverage}):"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|ALARM|out-of-memory|leak' \
			"$log" | head -n 5 | sed 's/^/  /'
		for a in $(sed -n 's/.*Test unit written to //p' "$log"); do
			echo "  input: $a"
			echo "  replay: $bin $a"
		done
		echo "  log: $log"
		return 1
	fi
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	echo "ok   $t: ${runs:-?} executions in ${took:-$secs} s, $cov, no finding"
}

[ $# -ge 1 ] || usage
if [ "$1" = --all ]; then
	[ $# -eq 2 ] || usage
	secs=$2
	set -- $(targets)
	[ $# -gt 0 ] || { echo "fuzz.sh: no fuzz/fuzz_*.c" >&2; exit 2; }
else
	[ $# -le 2 ] || usage
	secs=${2:-60}
	[ -e "$srcdir/fuzz/fuzz_$1.c" ] || {
		echo "fuzz.sh: no target $1 (have: $(targets | tr '\n' ' '))" >&2
		exit 2
	}
	set -- "$1"
fi
case $secs in
''|*[!0-9]*) usage ;;
esac
build "$@"
failed=0
for t in "$@"; do
	run "$t" "$secs" || failed=$((failed + 1))
done
[ "$failed" -eq 0 ]
