#!/bin/sh
# The working-day calendar from the command line: `ogictl calendar
# add-days` (the date alone on its first line, then how it was counted),
# `show` (a year's holidays and make-up days, or no data), `import` (a
# generated 2027 file into STATE/holidays: a provisional deadline counted
# again, with its event; a bad file refused, the year untouched).
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need sqlite3

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

# --- import ---------------------------------------------------------------
# An application delivered Sunday 2026-11-22 (the Maildir name's time):
# receipt Monday 11-23, and with reply_days = 30 the period runs into 2027,
# which has no data.  (Copied later: the file's time is not the
# delivery's.  A receipt in December would be a mailbox time ahead of the
# clock, which is no receipt.)
sed -i 's/^digest_time = off$/&\nreply_days = 30/' "$dir/ogid.conf"
cp "$OGI_SRCDIR/tests/corpus/001-foxmail-form-complete.eml" \
	"$dir/inbox/new/1795320000.M4P4.mx"
touch -d "2026-11-28T09:00:00+08:00" "$dir/inbox/new/1795320000.M4P4.mx"
t_ogid "$dir" --once 2>"$dir/ogid.log"
t_check "ogid warns that the new deadline is provisional" \
	grep -q "provisional — import the year's file" "$dir/ogid.log"
t_ogictl "$dir" show 2026-000001 >"$dir/case.txt"
t_check "show: the deadline is provisional, weekends only in 2027" \
	grep -q '^Deadline *2027-01-04 (provisional' "$dir/case.txt"
t_check "show: how it was counted, from the next working day" \
	grep -q '^Counted *30 working days from 2026-11-23 (received 2026-11-22 12:00, not a working day → next working day), reply_days = 30 in the configuration (bureau rules Art. 6: 15); provisional: no holiday calendar for 2027' "$dir/case.txt"
t_check "the case keeps its rules and receipt day" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT rules || ' ' || receipt_date FROM cases")" = "bureau 2026-11-23" ]
t_ogid "$dir" --once 2>"$dir/ogid2.log"
t_check "ogid warns at start about the open provisional case" \
	grep -q "1 open case with a provisional deadline (no holiday calendar for 2027): 2026-000001 due 2027-01-04" "$dir/ogid2.log"

# 2027: New Year 01-01..03 off; a make-up Saturday 02-06 (generated for the
# test, not the State Council's table).
cat >"$dir/2027.json" <<'JSON'
{"year": 2027, "papers": [], "days": [
 {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
 {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
 {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
 {"name": "春节", "date": "2027-02-06", "isOffDay": false}
]}
JSON
t_ogictl "$dir" calendar import "$dir/2027.json" >"$dir/import.txt"
t_check "import: exits 0 and names the year" \
	grep -q "^imported 2027 into $dir/state/holidays/2027.json: days off 3, make-up working days 1" "$dir/import.txt"
t_check "import: the changed case is printed, old → new" \
	grep -q '^  2026-000001  2027-01-04 (provisional) → 2027-01-05$' "$dir/import.txt"
t_check "the file is 0600 in a 0700 directory" \
	[ "$(stat -c %a "$dir/state/holidays/2027.json") $(stat -c %a "$dir/state/holidays")" = "600 700" ]
t_check "no temporary file is left" \
	[ "$(ls -A "$dir/state/holidays")" = 2027.json ]
t_check "the deadline is stored, no longer provisional" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT deadline || ' ' || deadline_provisional FROM cases")" = "2027-01-05 0" ]
t_check "an event deadline-recomputed says old → new" \
	[ "$(sqlite3 "$dir/state/ogid.db" "SELECT count(*) FROM events WHERE case_id = '2026-000001' AND type = 'deadline-recomputed' AND detail = '2027-01-04 (provisional) → 2027-01-05'")" = 1 ]
t_ogictl "$dir" show 2026-000001 >"$dir/case2.txt"
t_check "show: the new deadline, not provisional, counted on the new calendar" \
	sh -c "grep -q '^Deadline *2027-01-05\$' '$dir/case2.txt' &&
		grep -q '^Counted *30 working days from 2026-11-23 (receipt day as recorded), reply_days = 30 in the configuration (bureau rules Art. 6: 15)\$' '$dir/case2.txt'"
t_ogictl "$dir" calendar show 2027 >"$dir/show27b.txt"
t_check "show 2027 now lists the imported year" \
	grep -q '2027-01-01\.\.2027-01-03  元旦 (3 days)' "$dir/show27b.txt"
t_ogictl "$dir" calendar add-days 2026-12-21 15 >"$dir/add27.txt"
t_check "add-days counts on it" [ "$(head -n 1 "$dir/add27.txt")" = 2027-01-12 ]
t_ogid "$dir" --once 2>"$dir/ogid3.log"
t_check "ogid no longer warns" sh -c "! grep -q 'provisional' '$dir/ogid3.log'"
t_ogictl "$dir" calendar import "$dir/2027.json" >"$dir/import2.txt"
t_check "a second import changes no case" \
	grep -q '^no open case had a provisional deadline' "$dir/import2.txt"

# A bad file: a make-up "working day" on a Wednesday.  Refused, the
# installed year untouched.
sum=$(sha256sum "$dir/state/holidays/2027.json")
sed 's/2027-02-06/2027-02-03/' "$dir/2027.json" >"$dir/bad.json"
t_check "a bad file is refused, naming its line" \
	sh -c "! $ctl calendar import '$dir/bad.json' 2>'$dir/bad.err' &&
		grep -q 'bad.json:5:[0-9]*: make-up working day 2027-02-03 is not a Saturday or Sunday; nothing imported' '$dir/bad.err'"
t_check "the installed year is untouched" \
	[ "$(sha256sum "$dir/state/holidays/2027.json")" = "$sum" ]
printf '{"year": 2028, "days": [' >"$dir/cut.json"
t_check "a truncated file is refused and writes nothing" \
	sh -c "! $ctl calendar import '$dir/cut.json' 2>/dev/null &&
		[ \"\$(ls -A '$dir/state/holidays')\" = 2027.json ]"

t_done
