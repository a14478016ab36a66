#!/bin/sh
# The outbox on the embedded default (no [smtp]): `ogictl send-test`
# composes a letter with a PDF, queues it and writes it to the outbox
# Maildir; a message queued while another sender holds the outbox is sent
# by the next `ogid --once`; an outbox that cannot be written delays the
# message for the retry schedule.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need jq flock

d=$(t_state_dir send)
cat >>"$d/ogid.conf" <<CONF

[office]
email = ysqgk@example.gov.cn
name = 通辽市人力资源和社会保障局
CONF

out=$(t_ogictl "$d" send-test applicant@example.com)
t_check "send-test says it was sent" sh -c "echo '$out' | grep -q '^outbox 1: sent'"
set -- "$d"/state/outbox/new/*
t_check "one message in the outbox Maildir" test "$#" = 1 -a -f "$1"
msg=$1
t_check "written 0600" test "$(stat -c %a "$msg")" = 600
t_check "the envelope: a signed per-message return path" \
	grep -Eq '^Return-Path: <bounce\+1-[0-9a-f]{16}@example\.gov\.cn>$' "$msg"
t_check "Delivered-To the recipient" grep -q '^Delivered-To: applicant@example.com$' "$msg"
t_check "From the office, encoded" \
	grep -q '^From: =?UTF-8?B?[A-Za-z0-9+/=]*?= <ysqgk@example.gov.cn>$' "$msg"
t_check "our loop header" grep -q '^X-OGI-Loop: example.gov.cn$' "$msg"
t_check "Message-ID under the office's domain" \
	grep -Eq '^Message-ID: <ogi\.[0-9a-f-]+@example\.gov\.cn>$' "$msg"
t_check "a PDF attachment with an RFC 2231 name" \
	grep -q "filename\*0\*=UTF-8''%E6%B5%8B%E8%AF%95" "$msg"

# Our own parser reads it back: the loop header marks it as our own mail,
# never an application.
cp "$msg" "$d/sent.eml"
t_check_own_mail "$d" "$d/sent.eml"

t_check_outbox "$d" "ogictl outbox: sent after one attempt" \
	'length == 1 and .[0].state == "sent" and .[0].attempts == 1 and .[0].kind == "test" and (.[0].return_path | startswith("bounce+1-"))'

# Another sender holds the outbox: send-test leaves it to ogid.
out=$(flock "$d/state/outbox.lock" "$OGI_BUILDDIR/ogictl" -c "$d/ogid.conf" \
	send-test second@example.com 2>>"$t_stderr_log")
t_check "send-test leaves it to the running ogid" \
	sh -c "echo '$out' | grep -q '^outbox 2: queued; the running ogid will send it'"
t_ogid "$d" --once
t_check_outbox "$d" "ogid --once sends what is queued" \
	'.[1].state == "sent" and .[1].recipient == "second@example.com"'
set -- "$d"/state/outbox/new/*
t_check "two messages in the outbox Maildir" test "$#" = 2
t_ogictl "$d" outbox >"$d/outbox.txt"
t_check "ogictl outbox as a table: each message, its state and recipient" \
	grep -Eq '^2 +sent +1 +test +- +[0-9-]+ [0-9:]+ +second@example\.com ' "$d/outbox.txt"

# An outbox that cannot be written: a temporary failure, retried later.
b=$(t_state_dir broken)
: >"$b/not-a-dir"
sed -i "/^\[ogid\]\$/a outbox = $b/not-a-dir/outbox" "$b/ogid.conf"
t_run "$OGI_BUILDDIR/ogictl" -c "$b/ogid.conf" send-test applicant@example.com >/dev/null
t_check_outbox "$b" "an unwritable outbox delays the message" \
	'.[0].state == "delayed" and .[0].attempts == 1 and .[0].next_attempt != null'

t_done
