#!/bin/sh
# Fills a Maildir with distinct messages made from the corpus, for
# tests/run-crash.sh and bench/intake:
#
#   sh tests/make-mailbox.sh COUNT MAILDIR [TAG]
#
# Message k (1..COUNT) is corpus message k modulo the corpus, with its
# Message-ID replaced by <copy-k.TAG@ogi.test> and an X-Ogi-Copy: k header,
# so no two have the same bytes or Message-ID (notmuch, like the registry,
# takes equal Message-IDs for one message).  It is delivered to new/ as
# (1795400000 + k).MkP1.ogi, the delivery time in its name: 2026-11-23,
# after the dates the corpus letters are signed on, so an application is
# not judged incomplete for a date after its receipt.  One awk
# process writes them all: a process per message would dominate a
# benchmark's setup.
set -eu
count=${1:?usage: make-mailbox.sh COUNT MAILDIR [TAG]}
box=${2:?usage: make-mailbox.sh COUNT MAILDIR [TAG]}
tag=${3:-ogi}
corpus=$(cd "$(dirname "$0")/corpus" && pwd)
mkdir -p "$box/new" "$box/cur" "$box/tmp"
LC_ALL=C awk -v count="$count" -v box="$box" -v tag="$tag" '
BEGIN {
	for (a = 1; a < ARGC; a++) {
		nf++
		while ((getline line < ARGV[a]) > 0)
			text[nf, ++len[nf]] = line
		close(ARGV[a])
	}
	for (k = 1; k <= count; k++) {
		f = (k - 1) % nf + 1
		out = box "/new/" (1795400000 + k) ".M" k "P1.ogi"
		eol = text[f, 1] ~ /\r$/ ? "\r" : ""
		printf "Message-ID: <copy-%d.%s@ogi.test>%s\nX-Ogi-Copy: %d%s\n",
		       k, tag, eol, k, eol > out
		header = 1
		skip = 0
		for (i = 1; i <= len[f]; i++) {
			line = text[f, i]
			if (header && line ~ /^\r?$/)
				header = 0
			else if (header && skip && line ~ /^[ \t]/)
				continue
			else if (header && (skip = tolower(line) ~ /^message-id:/))
				continue
			print line > out
		}
		close(out)
	}
	exit
}' "$corpus"/*.eml
