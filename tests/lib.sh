# Shared helpers for the shell tests; sourced, not run.
# Needs OGI_BUILDDIR (ogid, ogictl) and OGI_SRCDIR, which `make check` sets.
# Prints one line per check and, from t_done, a closing
# "N passed, M failed" line; exits 77 (skipped) when the programs are absent.
# Run ogid and ogictl through t_ogid, t_ogictl or t_run: whatever the test
# does with their stderr, it is also kept in t_stderr_log for
# tests/run-logcheck.sh, which fails on a full ID number in any log.

: "${OGI_BUILDDIR:?}" "${OGI_SRCDIR:?}"
[ -x "$OGI_BUILDDIR/ogid" ] || { echo "ogid not built: skipped"; exit 77; }

t_passed=0
t_failed=0
t_root=$(mktemp -d "${TMPDIR:-/tmp}/ogi-test.XXXXXX")
# Keep what failed for a look; remove the rest.
trap '[ "$t_failed" = 0 ] && rm -rf "$t_root"' EXIT

t_stderr_log=$OGI_BUILDDIR/tests/$(basename "$0").stderr
mkdir -p "$OGI_BUILDDIR/tests"
: >"$t_stderr_log"

t_pass() { t_passed=$((t_passed + 1)); echo "ok - $*"; }
t_fail() { t_failed=$((t_failed + 1)); echo "not ok - $*"; }

# t_check DESCRIPTION COMMAND [ARGS...]: passes when the command succeeds.
t_check() {
	desc=$1; shift
	if "$@" >/dev/null 2>&1; then t_pass "$desc"; else t_fail "$desc"; fi
}

# t_check_fails DESCRIPTION COMMAND [ARGS...]: passes when the command
# fails.  Its output is left to the caller (a log to read afterwards).
t_check_fails() {
	desc=$1; shift
	if "$@"; then t_fail "$desc"; else t_pass "$desc"; fi
}

# t_wait_for SECONDS COMMAND [ARGS...]: runs the command every 0.1 s until
# it succeeds (returns 0) or SECONDS have passed (returns 1).
t_wait_for() {
	t_wait_tries=$(($1 * 10)); shift
	while [ "$t_wait_tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		t_wait_tries=$((t_wait_tries - 1))
	done
	return 1
}

# t_running PID: the process exists and has not exited (a zombie has).
t_running() {
	ps -o stat= -p "$1" | grep -q '^[^Z]'
}

# t_jq FILE [--arg NAME VALUE...] FILTER: passes when the filter prints
# exactly "true" for FILE.  (jq -e exits 0 on an empty file.)
t_jq() {
	t_jq_file=$1; shift
	[ "$(jq -r "$@" <"$t_jq_file" 2>/dev/null)" = true ]
}

# t_check_outbox DIR DESCRIPTION FILTER: passes when the jq FILTER prints
# exactly "true" for DIR's `ogictl outbox --json` (kept in DIR/outbox.json).
t_check_outbox() {
	t_ogictl "$1" outbox --json >"$1/outbox.json"
	t_check "$2" t_jq "$1/outbox.json" "$3"
}

# t_check_own_mail DIR FILE: passes when DIR's ogictl reads FILE, a message
# ogid sent, as our own automatic mail (its loop header), never as mail
# from an applicant.
t_check_own_mail() {
	t_ogictl "$1" explain "$2" --json >"$1/explain.json"
	t_check "our parser reads what we sent as our own automatic mail" \
		t_jq "$1/explain.json" '.kind == "auto_reply"'
}

# t_need TOOL...: skips the whole test (exit 77) when a tool is missing.
t_need() {
	for t_need_tool in "$@"; do
		command -v "$t_need_tool" >/dev/null 2>&1 ||
			{ echo "$t_need_tool not found: skipped"; exit 77; }
	done
}

# t_strip_received FILE: prints the message in FILE without its Received:
# headers, so that nothing but its mailbox dates it.
t_strip_received() {
	awk 'body { print; next } /^\r?$/ { body = 1 }
	     /^Received:/ { skip = 1; next } skip && /^[ \t]/ { next } { skip = 0; print }' "$1"
}

t_tmpdir() {
	d="$t_root/$1"
	mkdir -p "$d"
	echo "$d"
}

# t_ogid_conf DIR: writes DIR/ogid.conf with its [ogid] section only (state
# in DIR/state; no daily digest, which would add to the outbox tests
# count); the caller appends to that section and adds the others.
t_ogid_conf() {
	cat >"$1/ogid.conf" <<CONF
[ogid]
state_dir = $1/state
holidays_dir = $OGI_SRCDIR/data/holidays
timezone = Asia/Shanghai
own_addresses = ogi@example.gov.cn
digest_time = off
CONF
}

# t_office_conf FILE [LINE...]: appends to FILE the office the tests'
# letters come from, each LINE added to its [office], and the shipped
# templates.
t_office_conf() {
	t_conf=$1; shift
	cat >>"$t_conf" <<CONF

[office]
name = 通辽市人力资源和社会保障局
short_name = 通人社
email = ysqgk@example.gov.cn
address = 通辽市科尔沁区民主路1号
postcode = 028000
phone = 0475-8888888
CONF
	for line in "$@"; do echo "$line" >>"$t_conf"; done
	cat >>"$t_conf" <<CONF

[letters]
templates_dir = $OGI_SRCDIR/templates
CONF
}

# t_state_dir NAME: a directory with an empty Maildir inbox/, a state/
# directory to be, and ogid.conf pointing at both.
t_state_dir() {
	d=$(t_tmpdir "$1")
	mkdir -p "$d/inbox/new" "$d/inbox/cur" "$d/inbox/tmp"
	t_ogid_conf "$d"
	cat >>"$d/ogid.conf" <<CONF

[intake.mail]
driver = maildir
path = $d/inbox
channel = mail
CONF
	echo "$d"
}

# t_run COMMAND [ARGS...]: runs it and returns its status; its stderr goes
# to stderr (once it has finished) and is appended to t_stderr_log.
t_run() {
	t_run_err=$(mktemp "$t_root/stderr.XXXXXX")
	t_run_rc=0
	"$@" 2>"$t_run_err" || t_run_rc=$?
	cat "$t_run_err" >>"$t_stderr_log"
	cat "$t_run_err" >&2
	rm -f "$t_run_err"
	return "$t_run_rc"
}

# t_collect FILE: appends to t_stderr_log the stderr a test kept itself
# (of a program it ran in the background, to know its process id).
t_collect() {
	cat "$1" >>"$t_stderr_log"
}

# t_ogid DIR ARGS...: runs ogid on DIR's configuration in the foreground.
t_ogid() {
	d=$1; shift
	t_run "$OGI_BUILDDIR/ogid" -c "$d/ogid.conf" --foreground "$@"
}

# t_ogictl DIR ARGS...
t_ogictl() {
	d=$1; shift
	t_run "$OGI_BUILDDIR/ogictl" -c "$d/ogid.conf" "$@"
}

t_done() {
	[ "$t_failed" = 0 ] || echo "failed checks left their files in $t_root"
	echo "$t_passed passed, $t_failed failed"
	[ "$t_failed" = 0 ]
}
