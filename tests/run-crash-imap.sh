#!/bin/sh
# kill -9 at random points of a 500-message IMAP INBOX on a real Dovecot:
# tests/run-crash.sh with the IMAP driver (see there).
crash_driver=imap
. "${OGI_SRCDIR:?}/tests/run-crash.sh"
