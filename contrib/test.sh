#!/bin/sh
# Runs every test: installs what is needed, builds with -Werror, runs the
# unit, corpus and hostile-input tests, runs them again under ASan+UBSan,
# checks that a release tarball builds and passes (make distcheck), and
# runs every fuzz target for a minute.
# Builds happen in _build-*/ so the source tree stays clean.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=$(nproc)

contrib/install-deps.sh
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

summary=""
total_pass=0
total_fail=0

run_suite() {
	name=$1; shift
	dir="$top/_build-$name"
	rm -rf "$dir"
	mkdir -p "$dir"
	cd "$dir"
	echo "== $name: configure $*"
	"$top/configure" --quiet "$@"
	echo "== $name: build"
	make -j"$jobs" --silent
	echo "== $name: make check"
	status=0
	make -j"$jobs" check || status=$?
	for t in $(find . -name '*.trs'); do
		case "$(sed -n 's/^:test-result: //p' "$t")" in
		PASS|XFAIL|SKIP) total_pass=$((total_pass + 1)) ;;
		*) total_fail=$((total_fail + 1))
		   log=${t%.trs}.log
		   echo "---- $log"; tail -n 60 "$log" ;;
		esac
	done
	cd "$top"
	summary="$summary $name=$status"
	return 0
}

run_suite werror --enable-werror
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_suite asan --enable-werror --enable-sanitizers

# step NAME COMMAND...: a check beyond the suites, run from the source
# tree; its output goes to _build-werror/NAME.log, whose tail is shown when
# it fails.  Counted like one test.
step() {
	name=$1; shift
	echo "== $name"
	status=0
	"$@" >"$top/_build-werror/$name.log" 2>&1 || status=$?
	if [ "$status" -eq 0 ]; then
		total_pass=$((total_pass + 1))
	else
		total_fail=$((total_fail + 1))
		tail -n 40 "$top/_build-werror/$name.log"
	fi
	summary="$summary $name=$status"
}

step distcheck make -C "$top/_build-werror" -j"$jobs" distcheck
# Every libFuzzer target for a minute on its seeds (a clang build of its
# own, in _build-fuzz/); a finding fails the run.
step fuzz sh contrib/fuzz.sh --all 60
grep -E '^(ok|FAIL) ' "$top/_build-werror/fuzz.log" || true

echo "suites and steps:$summary"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
