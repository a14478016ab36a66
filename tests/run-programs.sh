#!/bin/sh
# The programs as an administrator meets them: built as PIE, --help and
# --version, --check-config naming file and line, exit codes, passwords
# only the daemon's account can read.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

# run NAME PROGRAM ARGS...: runs it, stdout and stderr in $dir/NAME.out and
# $dir/NAME.err, exit status in $dir/NAME.rc.
run() {
	run_name=$1; shift
	run_rc=0
	t_run "$@" >"$dir/$run_name.out" 2>"$dir/$run_name.err" || run_rc=$?
	echo "$run_rc" >"$dir/$run_name.rc"
}

# status NAME CODE: the run exited with CODE.
status() {
	[ "$(cat "$dir/$1.rc")" = "$2" ]
}

b=$OGI_BUILDDIR
for prog in ogid ogictl; do
	t_check "$prog is a position-independent executable" \
		sh -c "file -L '$b/$prog' | grep -q 'pie executable'"
	t_check "$prog --help exits 0 and shows usage" \
		sh -c "'$b/$prog' --help | grep -q '^usage: $prog'"
	t_check "$prog --version names the package" \
		sh -c "'$b/$prog' --version | grep -q 'ogi-gateway'"
	t_check "$prog with an unknown option exits 2" \
		sh -c "'$b/$prog' --bogus 2>/dev/null; [ \$? = 2 ]"
done

dir=$(t_tmpdir check)
cat >"$dir/bad.conf" <<'CONF'
[ogid]
state_dir = state
reply_dayz = 15

[limits]
max_message_size = lots

[intake.mail]
driver = maildir
path = inbox
channel = telex
CONF
run bad "$b/ogid" -c "$dir/bad.conf" --check-config
t_check "--check-config exits 1 on a bad file" status bad 1
t_check "--check-config names the unknown key with its line" \
	grep -q 'bad.conf:3: \[ogid\] reply_dayz: unknown key' "$dir/bad.err"
t_check "--check-config names the bad size with its line" \
	grep -q 'bad.conf:6: \[limits\] max_message_size' "$dir/bad.err"
t_check "--check-config names the bad channel with its line" \
	grep -q 'bad.conf:11: \[intake.mail\] channel' "$dir/bad.err"

mkdir -p "$dir/inbox"
cat >"$dir/good.conf" <<CONF
[ogid]
state_dir = state
holidays_dir = $OGI_SRCDIR/data/holidays
[intake.mail]
driver = maildir
path = inbox
CONF
run good "$b/ogid" -c "$dir/good.conf" --check-config
t_check "--check-config accepts a good file" \
	eval 'status good 0 && grep -qx "$dir/good.conf: ok (1 intake)" "$dir/good.out"'
# A state directory made by hand with the usual umask is tightened.
mkdir -m 755 "$dir/state"
run empty "$b/ogid" -c "$dir/good.conf" --once
t_check "ogid --once on an empty inbox exits 0 and starts" \
	eval 'status empty 0 && grep -q "ogid: info: started: state $dir/state" "$dir/empty.err"'
t_check "the state directory is private (0700)" \
	[ "$(stat -c %a "$dir/state")" = 700 ]
t_check "the database is private (0600)" \
	[ "$(stat -c %a "$dir/state/ogid.db")" = 600 ]
t_check "ogictl list on an empty registry exits 0" t_run "$b/ogictl" -c "$dir/good.conf" list
run unknown "$b/ogictl" -c "$dir/good.conf" show 2026-999999
t_check "ogictl show of an unknown case exits 1" status unknown 1
rm -rf "$dir/missing"
sed "s|path = inbox|path = missing|" "$dir/good.conf" >"$dir/missing.conf"
run missing "$b/ogid" -c "$dir/missing.conf" --check-config
t_check "--check-config reports a missing Maildir" \
	eval 'status missing 1 && grep -q "missing.conf:4: \[intake.mail\]: path" "$dir/missing.err"'

# Passwords: only the account ogid runs as may read them.  A password in a
# configuration file others can read is warned about, by --check-config and
# at every start; a password_file others can read, or that is no plain
# file, is refused.  The password itself is never printed.
pw=Pa55-w0rd-not-for-logs
no_pw() {
	! grep -q "$pw" "$dir/$1.out" "$dir/$1.err"
}
printf 'password = %s\n' "$pw" >"$dir/pw-key.add"
sed "/^path = inbox/r $dir/pw-key.add" "$dir/good.conf" >"$dir/pw-key.conf"
chmod 644 "$dir/pw-key.conf"
run pwcheck "$b/ogid" -c "$dir/pw-key.conf" --check-config
t_check "--check-config warns of a password in a file others can read" \
	eval 'status pwcheck 0 && no_pw pwcheck && grep -q "pw-key.conf:7: \[intake.mail\] password: this file is readable by group or others (mode 0644)" "$dir/pwcheck.err"'
run pwstart "$b/ogid" -c "$dir/pw-key.conf" --once
t_check "ogid warns of it at start, and runs" \
	eval 'status pwstart 0 && no_pw pwstart && grep -q "ogid: warning: .*pw-key.conf:7: \[intake.mail\] password: this file is readable" "$dir/pwstart.err" && grep -q "started:" "$dir/pwstart.err"'
chmod 600 "$dir/pw-key.conf"
run pwprivate "$b/ogid" -c "$dir/pw-key.conf" --check-config
t_check "a password in a private file: no warning" \
	eval 'status pwprivate 0 && grep -q ": ok (1 intake)" "$dir/pwprivate.out" && ! grep -q . "$dir/pwprivate.err"'

printf '%s\n' "$pw" >"$dir/secret"
printf 'password_file = secret\n' >"$dir/pw-file.add"
sed "/^path = inbox/r $dir/pw-file.add" "$dir/good.conf" >"$dir/pw-file.conf"
chmod 644 "$dir/pw-file.conf"
chmod 600 "$dir/secret"
run pwfile "$b/ogid" -c "$dir/pw-file.conf" --check-config
t_check "a private password_file is accepted without warning" \
	eval 'status pwfile 0 && grep -q ": ok (1 intake)" "$dir/pwfile.out" && ! grep -q . "$dir/pwfile.err"'
chmod 640 "$dir/secret"
run pwgroup "$b/ogid" -c "$dir/pw-file.conf" --check-config
t_check "--check-config refuses a password_file the group can read" \
	eval 'status pwgroup 1 && no_pw pwgroup && grep -q "pw-file.conf:7: \[intake.mail\] password_file: $dir/secret is readable by group or others (mode 0640)" "$dir/pwgroup.err"'
rm -rf "$dir/pwstate"
sed "s|^state_dir = state|state_dir = pwstate|" "$dir/pw-file.conf" >"$dir/pw-file2.conf"
run pwrefused "$b/ogid" -c "$dir/pw-file2.conf" --once
t_check "ogid refuses to start on it" \
	eval 'status pwrefused 1 && no_pw pwrefused && grep -q "pw-file2.conf:7: \[intake.mail\] password_file: .* is readable by group or others" "$dir/pwrefused.err" && [ ! -e "$dir/pwstate" ]'
rm -f "$dir/secret"
mkdir -m 700 "$dir/secret"
run pwdir "$b/ogid" -c "$dir/pw-file.conf" --check-config
t_check "--check-config refuses a password_file that is no plain file" \
	eval 'status pwdir 1 && grep -q "pw-file.conf:7: \[intake.mail\] password_file: $dir/secret is not a regular file" "$dir/pwdir.err"'

t_done
