#!/bin/sh
# The programs as an administrator meets them: built as PIE, --help and
# --version, --check-config naming file and line, exit codes.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

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
out=$("$b/ogid" -c "$dir/bad.conf" --check-config 2>&1)
rc=$?
t_check "--check-config fails on a bad file" [ "$rc" != 0 ]
t_check "--check-config names the unknown key with its line" \
	sh -c "printf '%s' \"\$1\" | grep -q 'bad.conf:3: \[ogid\] reply_dayz: unknown key'" _ "$out"
t_check "--check-config names the bad size with its line" \
	sh -c "printf '%s' \"\$1\" | grep -q 'bad.conf:6: \[limits\] max_message_size'" _ "$out"
t_check "--check-config names the bad channel with its line" \
	sh -c "printf '%s' \"\$1\" | grep -q 'bad.conf:11: \[intake.mail\] channel'" _ "$out"

mkdir -p "$dir/inbox"
cat >"$dir/good.conf" <<CONF
[ogid]
state_dir = state
holidays_dir = $OGI_SRCDIR/data/holidays
[intake.mail]
driver = maildir
path = inbox
CONF
t_check "--check-config accepts a good file" "$b/ogid" -c "$dir/good.conf" --check-config
# A state directory made by hand with the usual umask is tightened.
mkdir -m 755 "$dir/state"
t_check "ogid --once on an empty inbox exits 0" "$b/ogid" -c "$dir/good.conf" --once
t_check "the state directory is private (0700)" \
	[ "$(stat -c %a "$dir/state")" = 700 ]
t_check "the database is private (0600)" \
	[ "$(stat -c %a "$dir/state/ogid.db")" = 600 ]
t_check "ogictl list on an empty registry exits 0" "$b/ogictl" -c "$dir/good.conf" list
t_check "ogictl show of an unknown case exits 1" \
	sh -c "'$b/ogictl' -c '$dir/good.conf' show 2026-999999 2>/dev/null; [ \$? = 1 ]"
rm -rf "$dir/missing"
sed "s|path = inbox|path = missing|" "$dir/good.conf" >"$dir/missing.conf"
t_check "--check-config reports a missing Maildir" \
	sh -c "'$b/ogid' -c '$dir/missing.conf' --check-config 2>&1 | grep -q 'missing.conf:4: \[intake.mail\]: path'"

t_done
