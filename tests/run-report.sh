#!/bin/sh
# The annual report's table (`ogictl report annual YEAR`) over two years of
# cases written straight into a registry: every row of 2026 against
# numbers counted by hand, in text, CSV and PDF; the carry-over from 2025
# and into 2027; year boundaries in the office's time zone; the check
# line; a table that would be wrong refused, naming its cases.  The
# outcome columns are set by SQL: recording them is `ogictl reply`'s.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need sqlite3 qpdf pdfinfo

dir=$(t_state_dir report)
# An empty mailbox: ogid creates and migrates the registry.
t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid creates the registry" [ -s "$dir/state/ogid.db" ]
db=$dir/state/ogid.db

# ts LOCAL-TIME: Unix time of a time in the office's zone ($zone).
zone=+08:00
ts() { date -u -d "$1$zone" +%s; }

# add ID STATE KIND ORG_KIND RECEIVED [OUTCOME CONCLUDED]: a case.
add() {
	year=${1%-*}; seq=${1#*-}
	org=NULL; [ "$4" != - ] && org="'$4'"
	outcome=NULL; concluded=NULL
	if [ $# -ge 7 ]; then outcome="'$6'"; concluded=$(ts "$7"); fi
	echo "INSERT INTO cases (id, year, seq, state, channel, received_at,
	    applicant_kind, org_kind, signature_present, missing, invalid,
	    created_at, outcome, concluded_at)
	  VALUES ('$1', $year, $((1$seq - 1000000)), '$2', 'email',
	    $(ts "$5"), '$3', $org, 1, '', '', $(ts "$5"), $outcome, $concluded);"
}

P=person; O=organisation
{
	# 2025: one answered within the year, three carried into 2026.
	add 2025-000001 closed $P - 2025-03-01T10:00 published 2025-03-20T10:00
	add 2025-000002 answered $P - 2025-12-10T10:00 provided 2026-01-05T10:00
	add 2025-000003 registered $O business 2025-12-20T10:00
	add 2025-000004 answered $O research 2025-12-28T10:00 \
		refused.process 2026-01-10T10:00
	# 2026-01-01 01:00 in Beijing, still 2025 in UTC: a 2026 case.
	add 2026-000001 delivered $P - 2026-01-01T01:00 published 2026-01-20T10:00
	add 2026-000002 delivered $P - 2026-02-02T10:00 partial 2026-03-02T10:00
	add 2026-000003 closed $P - 2026-03-03T10:00 refused.third_party 2026-03-20T10:00
	add 2026-000004 answered $P - 2026-04-04T10:00 unavailable.not_held 2026-04-20T10:00
	add 2026-000005 answered $P - 2026-05-05T10:00 not_processed.repeat 2026-05-08T10:00
	add 2026-000006 abandoned $P - 2026-06-06T10:00 other.no_correction 2026-07-06T10:00
	add 2026-000007 withdrawn $P - 2026-07-07T10:00 other.other 2026-07-09T10:00
	add 2026-000008 delivered $O legal_service 2026-08-08T10:00 provided 2026-08-20T10:00
	add 2026-000009 answered $O public_interest 2026-09-09T10:00 \
		refused.state_secret 2026-09-30T10:00
	# An organisation nobody classified: 其他, with a warning.
	add 2026-000010 registered $O - 2026-10-10T10:00
	add 2026-000011 answered $O other 2026-10-11T10:00 not_processed.petition 2026-10-12T10:00
	add 2026-000012 extended $P - 2026-11-12T10:00
	# Answered at 00:30 on 1 January 2027 in Beijing: carried over.
	add 2026-000013 answered $P - 2026-12-13T10:00 published 2027-01-01T00:30
	add 2026-000014 not_application $P - 2026-12-14T10:00
	add 2026-000015 duplicate $P - 2026-12-15T10:00
	add 2026-000016 needs_review $P - 2026-12-16T10:00
	add 2027-000001 registered $P - 2027-01-05T10:00
} | sqlite3 "$db"
t_check "the fixture's 21 cases are in the registry" \
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM cases')" = 21 ]

# Counted by hand (tests/report/annual-2026.csv).  Columns: 自然人,
# 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计; the row's
# label left out.
want=$OGI_SRCDIR/tests/report/annual-2026.csv

t_ogictl "$dir" report annual 2026 --format csv >"$dir/2026.csv" 2>"$dir/2026.err"
t_check "report annual 2026 --format csv succeeds" [ $? = 0 ]
tr -d '\r' <"$dir/2026.csv" | cut -d, -f1,3- >"$dir/got-2026.csv"
if cmp -s "$want" "$dir/got-2026.csv"; then
	t_pass "every row and column of 2026 as counted by hand"
else
	t_fail "every row and column of 2026 as counted by hand"
	diff "$want" "$dir/got-2026.csv"
fi
t_check "the CSV's lines end in CRLF (RFC 4180)" \
	sh -c '[ "$(grep -c "$(printf "\r")\$" "$1")" = 33 ]' - "$dir/2026.csv"
t_check "the CSV names the rows as the national format does" \
	grep -q '^3.6.1,1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请,' \
	"$dir/2026.csv"
t_check "the organisation of unknown kind is a warning naming its case" \
	grep -q '^warning: 2026-000010: organisation of unknown kind, counted under 其他 (set it with `ogictl set ID org_kind KIND`)' \
	"$dir/2026.err"
t_check "nothing else is warned about" [ "$(wc -l <"$dir/2026.err")" = 1 ]

t_ogictl "$dir" report annual 2026 >"$dir/2026.txt" 2>/dev/null
t_check "report annual 2026 (text) succeeds" [ $? = 0 ]
# Rows in text, white space collapsed.
row() { tr -s ' ' <"$dir/2026.txt" | grep -Fqx "$1"; }
t_check "text: the title" grep -qx '2026年度政府信息公开工作年度报告' "$dir/2026.txt"
t_check "text: the column headings" \
	sh -c 'tr -s " " <"$1" | grep -Fqx " 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"' \
	- "$dir/2026.txt"
t_check "text: 一" row '一、本年新收政府信息公开申请数量 10 0 0 1 1 2 14'
t_check "text: 二" row '二、上年结转政府信息公开申请数量 1 1 1 0 0 0 3'
t_check "text: 三 is a heading" row '三、本年度办理结果'
t_check "text: （三）6" row ' 6.属于四类过程性信息 0 0 1 0 0 0 1'
t_check "text: （七）" row ' （七）总计 8 0 1 1 1 1 12'
t_check "text: 四" row '四、结转下年度继续办理 3 1 0 0 0 1 5'
t_check "text: the check with both sides" grep -Fqx \
	'check: 一 + 二 = 14 + 3 = 17, （七）总计 + 四 = 12 + 5 = 17: holds' \
	"$dir/2026.txt"
t_ogictl "$dir" report annual 2026 -o "$dir/2026-o.txt" 2>/dev/null
t_check "-o FILE writes the same text" cmp -s "$dir/2026.txt" "$dir/2026-o.txt"

# 2025: what it carried into 2026 is 2026's 二.
t_ogictl "$dir" report annual 2025 --format csv >"$dir/2025.csv" 2>/dev/null
t_check "report annual 2025 succeeds" [ $? = 0 ]
tr -d '\r' <"$dir/2025.csv" | cut -d, -f1,3- >"$dir/got-2025.csv"
t_check "2025: 一 has the four cases received in 2025 (not the one of 1 January in Beijing)" \
	grep -qx '1,2,1,1,0,0,0,4' "$dir/got-2025.csv"
t_check "2025: nothing carried in" grep -qx '2,0,0,0,0,0,0,0' "$dir/got-2025.csv"
t_check "2025: （七） is the one answered in 2025" \
	grep -qx '3.7,1,0,0,0,0,0,1' "$dir/got-2025.csv"
t_check "2025's 四 is 2026's 二" \
	sh -c '[ "$(grep "^4," "$1" | cut -d, -f2-)" = "$(grep "^2," "$2" | cut -d, -f2-)" ]' \
	- "$dir/got-2025.csv" "$dir/got-2026.csv"
t_check "2027: 2026's 四 carried in" sh -c \
	'"$1" -c "$2" report annual 2027 --format csv 2>/dev/null | tr -d "\r" |
	 grep -qx "2,二、上年结转政府信息公开申请数量,3,1,0,0,0,1,5"' \
	- "$OGI_BUILDDIR/ogictl" "$dir/ogid.conf"

t_ogictl "$dir" report annual 2026 --format pdf -o "$dir/2026.pdf" 2>/dev/null
t_check "report annual 2026 --format pdf succeeds" [ $? = 0 ]
# qpdf exits 0 only without warnings.
t_check "the PDF passes qpdf --check" qpdf --check "$dir/2026.pdf"
t_check "the PDF is one landscape A4 page" sh -c \
	'pdfinfo "$1" | grep -q "^Pages: *1\$" &&
	 pdfinfo "$1" | grep -q "^Page size: *841.89 x 595.276 pts (A4)"' \
	- "$dir/2026.pdf"
t_check_fails "--format pdf without -o is a usage error" \
	t_ogictl "$dir" report annual 2026 --format pdf 2>/dev/null
t_check_fails "a year that is no year is refused" \
	t_ogictl "$dir" report annual 20x6 2>/dev/null

# Cases whose record contradicts itself: no table, the cases named.
{
	add 2026-000017 closed $P - 2026-12-17T10:00
	add 2026-000018 answered $P - 2026-12-18T10:00 granted 2026-12-20T10:00
} | sqlite3 "$db"
t_ogictl "$dir" report annual 2026 >"$dir/bad.txt" 2>"$dir/bad.err"
t_check "a closed case without an outcome makes the 2026 report fail" [ $? = 1 ]
t_check "no table is printed" [ ! -s "$dir/bad.txt" ]
t_check "the closed case without an outcome is named" \
	grep -q '^  2026-000017: no outcome recorded, yet no longer open: closed$' \
	"$dir/bad.err"
t_check "the unknown outcome code is named" \
	grep -q '^  2026-000018: an outcome code the report does not know' "$dir/bad.err"
t_check "2025's table is not touched by them" \
	t_ogictl "$dir" report annual 2025

# An office west of UTC: its year ends five hours after UTC's, and a case
# received on 31 December in the evening is the office's, not next year's.
west=$(t_state_dir report-west)
sed -i 's|^timezone = .*|timezone = America/New_York|' "$west/ogid.conf"
t_ogid "$west" --once 2>"$west/log"
zone=-05:00
{
	add 2026-000001 registered $P - 2026-01-01T01:00
	# 1 January 2027 03:00 in UTC.
	add 2026-000002 registered $P - 2026-12-31T22:00
	add 2027-000001 registered $P - 2027-01-01T01:00
} | sqlite3 "$west/state/ogid.db"
zone=+08:00
t_ogictl "$west" report annual 2026 --format csv >"$west/2026.csv" 2>/dev/null
t_check "west of UTC: report annual 2026 succeeds" [ $? = 0 ]
tr -d '\r' <"$west/2026.csv" | cut -d, -f1,3- >"$west/got-2026.csv"
t_check "west of UTC: 一 has both cases of 2026, the one of 31 December evening too" \
	grep -qx '1,2,0,0,0,0,0,2' "$west/got-2026.csv"
t_check "west of UTC: both are carried into 2027" \
	grep -qx '4,2,0,0,0,0,0,2' "$west/got-2026.csv"

# The organisation kind at registration, from the name: a 有限公司 is a
# business; a villagers' committee is not told, and show asks the clerk.
reg=$(t_state_dir register)
for m in 007-foxmail-organisation-uscc 068-163-village-committee-org-code; do
	cp "$OGI_SRCDIR/tests/corpus/$m.eml" "$reg/inbox/new/$m"
done
t_ogid "$reg" --once 2>"$reg/log"
kinds=$(sqlite3 "$reg/state/ogid.db" \
	"SELECT name || '=' || ifnull(org_kind, 'unknown') FROM cases ORDER BY name")
t_check "a 有限公司 is registered as a business" \
	sh -c 'echo "$1" | grep -qx "福建省闽宏建设工程有限公司=business"' - "$kinds"
t_check "a villagers' committee is registered as unknown" \
	sh -c 'echo "$1" | grep -qx "通辽市科尔沁区大林镇西艾力村村民委员会=unknown"' - "$kinds"
unknown=$(sqlite3 "$reg/state/ogid.db" "SELECT id FROM cases WHERE org_kind IS NULL")
t_ogictl "$reg" show "$unknown" >"$reg/show.txt" 2>/dev/null
t_check "show asks the clerk to set the unknown kind" grep -q \
	"^Org kind .*unknown — set with \`ogictl set $unknown org_kind KIND\`" "$reg/show.txt"

t_done
