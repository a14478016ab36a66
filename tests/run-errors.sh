#!/bin/sh
# Errors keep their scope: a message too big to parse is kept and recorded
# once; a mailbox that fails is retried on its own while the others go on;
# a registry that is busy holds intake and resumes by itself; receipt times
# and provisional deadlines say where they come from.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq sqlite3 sha256sum

corpus="$OGI_SRCDIR/tests/corpus"
good=001-foxmail-form-complete

# --- A message over max_message_size: spooled whole, recorded once. ------
dir=$(t_state_dir big)
printf '\n[limits]\nmax_message_size = 1M\n' >>"$dir/ogid.conf"
{
	sed -n '1,/^\r\{0,1\}$/p' "$corpus/$good.eml"
	head -c 3000000 /dev/zero | tr '\0' 'a' | fold -w 76
} >"$dir/inbox/new/1763602200.M1P1.mx"
size=$(wc -c <"$dir/inbox/new/1763602200.M1P1.mx")
sha=$(sha256sum <"$dir/inbox/new/1763602200.M1P1.mx" | cut -d' ' -f1)
t_ogid "$dir" --once 2>"$dir/log1"
t_check "an oversized message: ogid exits 0" [ $? = 0 ]
t_ogictl "$dir" messages --json >"$dir/m.json"
t_check "it is recorded unparsed, for the office, naming the limit" \
	t_jq "$dir/m.json" '.[0].kind == "unparsed" and .[0].disposition == "needs_review" and
		(.[0].problems | join(" ") | contains("exceeds the limit of 1048576 bytes"))'
t_check "its raw bytes are kept whole in the spool" \
	[ "$(wc -c <"$dir/state/raw/2025/11/$sha.eml")" = "$size" ]
t_check "it is flagged in the Maildir" [ -e "$dir/inbox/cur/1763602200.M1P1.mx:2,FS" ]
t_check "no temporary file is left" sh -c "[ -z \"\$(ls -A '$dir/state/tmp')\" ]"
t_ogid "$dir" --once 2>"$dir/log2"
t_check "a second run does not log it again" \
	sh -c "! grep -q 1763602200 '$dir/log2'"
t_ogictl "$dir" messages --json >"$dir/m2.json"
t_check "nor records it again" t_jq "$dir/m2.json" 'length == 1'

# --- Two mailboxes, one broken: the other goes on. -----------------------
dir=$(t_state_dir mailboxes)
mkdir -p "$dir/fax/new" "$dir/fax/cur" "$dir/fax/tmp"
cat >>"$dir/ogid.conf" <<CONF

[intake.fax]
driver = maildir
path = $dir/fax
channel = mail
CONF
cp "$corpus/$good.eml" "$dir/fax/new/1763602200.M2P2.mx"
# A file where the Maildir should be: the mailbox cannot be opened.
rm -rf "$dir/inbox"
echo "not a Maildir" >"$dir/inbox"
rc=0
t_ogid "$dir" --once 2>"$dir/log" || rc=$?
t_check "--once reports the broken mailbox with status 1" [ "$rc" = 1 ]
t_check "the log names it and says when it is retried" \
	grep -q "intake mail: .*retrying in [0-9]* s" "$dir/log"
t_ogictl "$dir" list --json >"$dir/list.json"
t_check "the other mailbox's application is registered" \
	t_jq "$dir/list.json" 'length == 1'

# --- A busy registry: intake waits, then resumes by itself. --------------
dir=$(t_state_dir busy)
sed -i 's/^own_addresses/poll_interval = 5\nown_addresses/' "$dir/ogid.conf"
t_ogid "$dir" --once 2>/dev/null
# Hold the write lock longer than the registry's 5 s busy timeout.
(echo "BEGIN IMMEDIATE;"; sleep 9; echo "COMMIT;") |
	sqlite3 "$dir/state/ogid.db" &
locker=$!
sleep 0.5
cp "$corpus/$good.eml" "$dir/inbox/new/1763602200.M3P3.mx"
"$OGI_BUILDDIR/ogid" -c "$dir/ogid.conf" --foreground 2>"$dir/log" &
daemon=$!
t_check "while the registry is locked, intake pauses and says so" \
	t_wait_for 30 grep -q "intake paused, retrying in" "$dir/log"
t_check "the daemon keeps running" kill -0 "$daemon"
wait "$locker"
t_check "once the lock is gone, the message is registered" \
	t_wait_for 40 grep -q "application 2025-000001 registered" "$dir/log"
kill "$daemon"
wait "$daemon"
t_check "ogid stops cleanly on SIGTERM" [ $? = 0 ]
t_collect "$dir/log"
t_check "the message was marked done once" [ -e "$dir/inbox/cur/1763602200.M3P3.mx:2,S" ]

# --- Receipt times and provisional deadlines. -----------------------------
dir=$(t_state_dir received)
# Holiday data for 2025 only.  (A receipt in a year not yet published would
# be a mailbox time ahead of the clock, which is no receipt.)
mkdir "$dir/holidays"
cp "$OGI_SRCDIR/data/holidays/2025.json" "$dir/holidays/"
sed -i "s|^holidays_dir = .*|holidays_dir = $dir/holidays|" "$dir/ogid.conf"
# Delivered 2026-11-20 (in the name), copied later: the name wins.
cp "$corpus/$good.eml" "$dir/inbox/new/1795147200.M4P4.mx"
touch -d "2026-11-28T09:00:00+08:00" "$dir/inbox/new/1795147200.M4P4.mx"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" show 2026-000001 --json >"$dir/case.json"
t_check "the receipt time is the Maildir name's delivery time" \
	t_jq "$dir/case.json" '.received_at == "2026-11-20T12:00:00+08:00" and .received_source == "delivery"'
t_check "a deadline in a year without holiday data is provisional" \
	t_jq "$dir/case.json" '.deadline_provisional == true and (.deadline | startswith("2026-12"))'
t_ogictl "$dir" list >"$dir/list.txt"
t_check "ogictl list marks it" grep -q '2026-12-[0-9][0-9]\*' "$dir/list.txt"
t_ogictl "$dir" show 2026-000001 >"$dir/show.txt"
t_check "ogictl show says why" grep -q '^Deadline .*provisional' "$dir/show.txt"
# No time in the name, a file time from a copy: the Received: header wins.
dir=$(t_state_dir received-header)
cp "$corpus/$good.eml" "$dir/inbox/new/copied-without-p"
t_ogid "$dir" --once 2>"$dir/log"
t_ogictl "$dir" show 2026-000001 --json >"$dir/case.json"
t_check "without one, the newest Received: header gives the receipt time" \
	t_jq "$dir/case.json" '.received_at == "2026-11-20T09:29:58+08:00" and .received_source == "received-header" and .deadline_provisional == false'
t_ogictl "$dir" show 2026-000001 >"$dir/show.txt"
t_check "ogictl show names the letter the applicant is owed" \
	grep -q '^Letter owed *receipt' "$dir/show.txt"
t_check "ogictl show names the source" grep -q '^Received .*Received: header' "$dir/show.txt"

t_done
