#!/bin/sh
# The IMAP intake against a real Dovecot on loopback (tests/lib-servers.sh):
# the corpus gives the same messages and cases as from a Maildir; done =
# move:已处理 and done = seen change the server's Maildir as they say; a
# message bigger than max_fetch_size stays on the server and is recorded
# once; wrong certificates are refused before any password is sent.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"
t_need jq

srv_init
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }
corpus=$OGI_SRCDIR/tests/corpus

# imap_dir NAME [LINE...]: a state directory whose ogid.conf takes mail
# from the test user's INBOX over IMAPS; each LINE is added to the intake.
imap_dir() {
	d=$(t_tmpdir "$1"); shift
	printf '%s\n' "$SRV_PASS" >"$d/pass"
	chmod 600 "$d/pass"
	cat >"$d/ogid.conf" <<CONF
[ogid]
state_dir = $d/state
holidays_dir = $OGI_SRCDIR/data/holidays
timezone = Asia/Shanghai
own_addresses = ogi@example.gov.cn
poll_interval = 5

[intake.mail]
driver = imap
host = localhost
port = $SRV_IMAPS
ca_file = $SRV_CA
user = $SRV_USER
password_file = $d/pass
channel = mail
CONF
	for line in "$@"; do echo "$line" >>"$d/ogid.conf"; done
	echo "$d"
}

# deliver DIR FILE: puts a corpus message into Maildir DIR (the server's or
# a local one) under its own name, received when its expectation says.
deliver() {
	name=$(basename "$2" .eml)
	cp "$2" "$1/tmp/$name"
	expect=${2%.eml}.expect.json
	[ -f "$expect" ] && touch -d "$(jq -r .received_at "$expect")" "$1/tmp/$name"
	[ "$1" = "$SRV_MAILDIR" ] && chown "$(srv_mail_owner)" "$1/tmp/$name"
	mv "$1/tmp/$name" "$1/new/$name"
}

# The server's INBOX and folder F (modified UTF-7 as on disk), emptied.
srv_empty() {
	srv_dovecot_stop
	rm -rf "$SRV_MAILDIR"
	mkdir -p "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" "$SRV_MAILDIR/tmp"
	chown -R "$(srv_mail_owner)" "$SRV_MAILDIR"
	srv_dovecot_start "${1:-good}"
}

# What ogictl shows of a state directory, without the mailbox identity
# (names in a Maildir, UIDVALIDITY/UID on the server) and the source of
# the receipt time, which is the same time: a Maildir name that is no
# delivery name leaves it to the Received: header, IMAP has INTERNALDATE.
shown() {
	t_ogictl "$1" messages --json | jq -S 'map(del(.file, .mailbox))'
	t_ogictl "$1" list --json | jq -S 'map(del(.messages, .received_source))'
}

count() { t_ogictl "$1" messages --json | jq length; }
on_disk() { find "$1" -type f | wc -l; }

# (1) The corpus through IMAP and through a Maildir: the same.
mdir=$(t_state_dir corpus-maildir)
idir=$(imap_dir corpus-imap)
for eml in "$corpus"/*.eml; do
	deliver "$mdir/inbox" "$eml"
	deliver "$SRV_MAILDIR" "$eml"
done
n=$(ls "$corpus"/*.eml | wc -l)
t_ogid "$mdir" --once 2>"$mdir/ogid.log" || t_fail "corpus: ogid on the Maildir"
if t_ogid "$idir" --once 2>"$idir/ogid.log"; then
	t_pass "corpus: ogid --once over IMAPS"
else
	t_fail "corpus: ogid --once over IMAPS"; sed 's/^/    /' "$idir/ogid.log"
fi
shown "$mdir" >"$mdir/shown.json"
shown "$idir" >"$idir/shown.json"
t_check "corpus: all $n messages recorded from IMAP" [ "$(count "$idir")" = "$n" ]
if cmp -s "$mdir/shown.json" "$idir/shown.json"; then
	t_pass "corpus: messages and cases as from the Maildir"
else
	t_fail "corpus: messages and cases as from the Maildir"
	diff "$mdir/shown.json" "$idir/shown.json" | head -40 | sed 's/^/    /'
fi
# The default done is seen: every message still on the server, read.
t_check "corpus: default done leaves all $n on the server" \
	[ "$(on_disk "$SRV_MAILDIR/cur")" = "$n" ]
t_check "corpus: each marked seen (:2,…S)" \
	[ "$(find "$SRV_MAILDIR/cur" -name '*:2,*S*' | wc -l)" = "$n" ]
t_ogid "$idir" --once 2>>"$idir/ogid.log"
t_check "corpus: a second run records nothing more" [ "$(count "$idir")" = "$n" ]

# (2) done = move:已处理 empties the INBOX into the folder, created on the
# server in modified UTF-7.
srv_empty
dir=$(imap_dir move "done = move:已处理")
for f in 001-foxmail-form-complete 002-qq-html-table-gb18030 003-163-coremail-table-gbk; do
	deliver "$SRV_MAILDIR" "$corpus/$f.eml"
done
t_ogid "$dir" --once 2>"$dir/ogid.log" || t_fail "move: ogid"
t_check "move: 3 recorded" [ "$(count "$dir")" = 3 ]
t_check "move: INBOX empty" [ "$(on_disk "$SRV_MAILDIR/new")$(on_disk "$SRV_MAILDIR/cur")" = 00 ]
moved="$SRV_MAILDIR/.&XfJZBHQG-"
t_check "move: 3 in .&XfJZBHQG- (已处理)" \
	[ "$(($(on_disk "$moved/new") + $(on_disk "$moved/cur")))" = 3 ]
t_check "move: the folder is subscribed" grep -qx '&XfJZBHQG-' "$SRV_MAILDIR/subscriptions"

t_done
