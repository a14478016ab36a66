#!/bin/sh
# POP3 intake against a real Dovecot on loopback (tests/lib-servers.sh):
# the corpus fetched over POP3S is registered as a Maildir run of the same
# files registers it; done = keep fetches nothing twice; done = delete
# empties the maildrop, and deletions whose QUIT fails do not happen and
# register nothing twice.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"
. "$OGI_SRCDIR/tests/lib-servers.sh"

t_need jq python3

corpus="$OGI_SRCDIR/tests/corpus"

srv_init
srv_dovecot_start good || { t_fail "dovecot starts"; t_done; exit 1; }

# pop3_dir NAME [KEY=VALUE...]: a state directory whose one intake is the
# Dovecot user's POP3 maildrop, over POP3S with the test CA; the pairs are
# added to (or override) the intake section.
pop3_dir() {
	d=$(t_state_dir "$1"); shift
	printf '%s\n' "$SRV_PASS" >"$d/pass"
	chmod 600 "$d/pass"
	{
		sed '/^\[intake.mail\]/,$d' "$d/ogid.conf"
		echo "[intake.mail]"
		for kv in driver=pop3 host=localhost "port=$SRV_POP3S" tls=implicit \
			  "ca_file=$SRV_CA" "user=$SRV_USER" "password_file=$d/pass" \
			  channel=mail "$@"; do
			key=${kv%%=*}
			for o in "$@"; do
				[ "${o%%=*}" = "$key" ] && [ "$o" != "$kv" ] && continue 2
			done
			echo "$key = ${kv#*=}"
		done
	} >"$d/ogid.conf.new"
	mv "$d/ogid.conf.new" "$d/ogid.conf"
	echo "$d"
}

# deliver FILE...: into the maildrop in the order given (Dovecot numbers
# new mail in the order of the Maildir names), as a Maildir run takes them.
deliver_seq=0
deliver() {
	for f in "$@"; do
		deliver_seq=$((deliver_seq + 1))
		n=$(date +%s).M$(printf %06d $deliver_seq)P$$.localhost
		cp "$f" "$SRV_MAILDIR/tmp/$n"
		chown "$(srv_mail_owner)" "$SRV_MAILDIR/tmp/$n"
		mv "$SRV_MAILDIR/tmp/$n" "$SRV_MAILDIR/new/$n"
	done
}

maildrop_count() {
	find "$SRV_MAILDIR/new" "$SRV_MAILDIR/cur" -type f | wc -l
}

# registry_view DIR: what the registry of DIR holds, keyed by Message-ID
# and with every name the mailbox chose (file, uid, case number) replaced
# by the Message-IDs behind it; receipt times taken from the mailbox (file
# time, time of fetch) compared by date only.
registry_view() {
	t_ogictl "$1" messages --json >"$1/messages.json"
	for id in $(jq -r '.[].case // empty' "$1/messages.json" | sort -u); do
		t_ogictl "$1" show "$id" --json
	done | jq -s . >"$1/cases.json"
	python3 - "$1/messages.json" "$1/cases.json" <<'PY'
import json, sys
msgs = json.load(open(sys.argv[1]))
cases = json.load(open(sys.argv[2]))
key = {m["file"]: m["message_id"] or (m["from"], m["subject"]) for m in msgs}
name = {c["id"]: " ".join(sorted(str(key[f]) for f in c["messages"])) for c in cases}
def canon(v):
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return [canon(x) for x in v]
    return name.get(v, v) if isinstance(v, str) else v
out = {}
for m in msgs:
    m = canon(m)
    del m["file"], m["mailbox"]
    m["received_at"] = m["received_at"][:10]
    out.setdefault(str(m["message_id"]), []).append(m)
for c in cases:
    c = canon(c)
    c["messages"] = sorted(str(key[f]) for f in c["messages"])
    if c["received_source"] in ("mtime", "fetch"):
        c["received_at"], c["received_source"] = c["received_at"][:10], "mailbox"
    out.setdefault(c["id"], []).append(c)
print(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1))
PY
}

# --- (1) the corpus over POP3S, as a Maildir run registers it ------------
deliver "$corpus"/*.eml
count=$(ls "$corpus"/*.eml | wc -l)
pop=$(pop3_dir corpus-pop3)
t_ogid "$pop" --once 2>"$pop/ogid.log"
t_check "corpus: ogid --once over POP3S exits 0" [ $? = 0 ]
md=$(t_state_dir corpus-maildir)
for eml in "$corpus"/*.eml; do
	cp "$eml" "$md/inbox/new/$(basename "$eml" .eml)"
done
t_ogid "$md" --once 2>"$md/ogid.log" || t_fail "corpus: the Maildir run failed"
registry_view "$pop" >"$pop/view.json"
registry_view "$md" >"$md/view.json"
t_check "corpus: all $count messages registered over POP3" \
	[ "$(jq length "$pop/messages.json")" = "$count" ]
if cmp -s "$pop/view.json" "$md/view.json"; then
	t_pass "corpus: kinds, verdicts and case fields as in the Maildir run"
else
	t_fail "corpus: kinds, verdicts and case fields as in the Maildir run"
	diff "$md/view.json" "$pop/view.json" | head -40
fi

# --- (2) done = keep (the default): nothing leaves the server, nothing is
# fetched or registered twice ---------------------------------------------
t_check "keep: every message is still on the server" [ "$(maildrop_count)" = "$count" ]
grep 'pop3(' "$SRV_DIR/dovecot/dovecot.log" >"$pop/dovecot.before"
t_ogid "$pop" --once 2>"$pop/ogid2.log" || t_fail "keep: the second run failed"
t_ogictl "$pop" messages --json >"$pop/messages2.json"
t_check "keep: the second run registers nothing" \
	cmp -s "$pop/messages.json" "$pop/messages2.json"
t_check "keep: the second run fetches nothing (Dovecot: retr=0)" \
	sh -c "grep 'pop3(' '$SRV_DIR/dovecot/dovecot.log' | grep -vxFf '$pop/dovecot.before' |
		grep -q 'retr=0/0, del=0/'"

# --- done = delete: the maildrop is empty after the run ------------------
del=$(pop3_dir delete done=delete)
t_ogid "$del" --once 2>"$del/ogid.log" || t_fail "delete: ogid failed"
t_check "delete: the corpus registered" [ "$(t_ogictl "$del" messages --json | jq length)" = "$count" ]
t_check "delete: the maildrop is empty (checked on disk)" [ "$(maildrop_count)" = 0 ]

# A message without a Received: header is dated by the time of fetch.
awk 'body { print; next } /^\r?$/ { body = 1 }
     /^Received:/ { skip = 1; next } skip && /^[ \t]/ { next } { skip = 0; print }' \
	"$corpus/001-foxmail-form-complete.eml" >"$del/noreceived.eml"
deliver "$del/noreceived.eml"
t_ogid "$del" --once 2>>"$del/ogid.log" || t_fail "no Received: ogid failed"
t_check "no Received: the receipt time is the time of fetch, and says so" \
	sh -c "'$OGI_BUILDDIR/ogictl' -c '$del/ogid.conf' list --json |
		jq -e --arg d \"\$(TZ=Asia/Shanghai date +%F)\" \
		'[.[] | select(.received_source == \"fetch\")] | length == 1 and
		 (.[0].received_at | startswith(\$d))'"

t_done
