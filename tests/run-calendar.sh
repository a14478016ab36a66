#!/bin/sh
# The working-day calendar from the command line: `ogictl calendar
# add-days` (the date alone on its first line, then how it was counted),
# `show` (a year's holidays and make-up days, or no data).
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

dir=$(t_state_dir calendar)

# --- add-days -------------------------------------------------------------
t_ogictl "$dir" calendar add-days 2026-09-30 15 >"$dir/add.txt"
t_check "add-days 2026-09-30 15: 2026-10-27 alone on the first line" \
	[ "$(head -n 1 "$dir/add.txt")" = 2026-10-27 ]
t_check "it names the National Day holiday it skipped" \
	grep -q '2026-10-01\.\.2026-10-07 *skipped: 国庆节' "$dir/add.txt"
t_check "and the make-up Saturday it counted" \
	grep -q '2026-10-10 Sat *counted: make-up working day' "$dir/add.txt"
t_check "it is not provisional" sh -c "! grep -q provisional '$dir/add.txt'"

t_ogictl "$dir" calendar add-days 2026-01-01 1 >"$dir/makeup.txt"
t_check "the 01-04 Sunday make-up day counts" \
	[ "$(head -n 1 "$dir/makeup.txt")" = 2026-01-04 ]

t_ogictl "$dir" calendar add-days 2026-12-24 15 >"$dir/prov.txt"
t_check "into 2027 (no data): weekends only, said to be provisional" \
	sh -c "[ \"\$(head -n 1 '$dir/prov.txt')\" = 2027-01-14 ] &&
		grep -q '^provisional: no holiday calendar for 2027' '$dir/prov.txt'"

ctl="$OGI_BUILDDIR/ogictl -c $dir/ogid.conf"
t_check "a date that is not one is refused" \
	sh -c "! $ctl calendar add-days 2026-02-30 1"
t_check "a negative count is refused" \
	sh -c "! $ctl calendar add-days 2026-02-03 -1"

# --- show -----------------------------------------------------------------
t_ogictl "$dir" calendar show 2026 >"$dir/show.txt"
t_check "show 2026 lists the Spring Festival span" \
	grep -q '2026-02-15\.\.2026-02-23  春节 (9 days)' "$dir/show.txt"
t_check "and the make-up working days" \
	sh -c "grep -A6 '^make-up working days' '$dir/show.txt' | grep -c '^  2026' | grep -qx 6"
t_ogictl "$dir" calendar show 2027 >"$dir/show27.txt"
t_check "show 2027 says there is no data" grep -q '^2027: no calendar data' "$dir/show27.txt"

t_done
