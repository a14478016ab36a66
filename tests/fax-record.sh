#!/bin/sh
# A fax command for tests/run-channels.sh, configured as
#   command = .../fax-record.sh -d {number} {pdf}
# Appends a line "argv:" and then each argument on a line of its own to
# $OGI_FAX_LOG, says what a fax server would, and exits with
# $OGI_FAX_EXIT (default 0).  With OGI_FAX_KILL_PARENT=1 it kills its
# parent, the sender (kill -9), once the fax is recorded as gone, before it
# exits; with OGI_FAX_SLEEP=N it then takes N seconds (past [fax] timeout).
{
	echo "argv:"
	for a in "$@"; do printf '%s\n' "$a"; done
} >>"${OGI_FAX_LOG:?}"
[ "${OGI_FAX_KILL_PARENT:-0}" = 1 ] && kill -KILL "$PPID"
[ -n "${OGI_FAX_SLEEP:-}" ] && sleep "$OGI_FAX_SLEEP"
if [ "${OGI_FAX_EXIT:-0}" = 0 ]; then
	echo "request id is 42 (group id 42) for host localhost (1 file)"
else
	echo "sendfax: no modem answers" >&2
fi
exit "${OGI_FAX_EXIT:-0}"
