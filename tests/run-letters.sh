#!/bin/sh
# Letters as the office sees them: every kind renders from its template
# with the configured office, the PDF is valid (qpdf --check clean, poppler
# silent on stderr), its text reads back, fonts are embedded subsets, and
# a letter about a registered case carries its data.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need pdftotext pdffonts pdfinfo pdfimages qpdf python3

dir=$(t_state_dir letters)
t_office_conf "$dir/ogid.conf" "fax = 0475-8888889" "review_body = 通辽市人民政府" \
	"court = 通辽市科尔沁区人民法院"
kinds=$(t_ogictl "$dir" letter kinds | awk '/^[a-z]/ { print $1 }')
t_check "letter kinds lists thirteen templates" [ "$(echo "$kinds" | wc -w)" = 13 ]

for kind in $kinds; do
	pdf="$dir/$kind.pdf"
	if ! t_ogictl "$dir" letter preview "$kind" -o "$pdf" >/dev/null 2>"$dir/$kind.err"; then
		t_fail "$kind: preview failed: $(cat "$dir/$kind.err")"
		continue
	fi
	# qpdf exits 0 only without warnings; it says why on stdout.
	t_check "$kind: qpdf --check finds no error or warning" \
		sh -c 'qpdf --check "$1" >"$1.qpdf" 2>&1 &&
			grep -q "^No syntax or stream encoding errors found" "$1.qpdf" &&
			! grep -qi "warning" "$1.qpdf"' _ "$pdf"
	pdftotext -layout "$pdf" "$dir/$kind.txt" 2>"$dir/$kind.poppler"
	pdffonts "$pdf" >/dev/null 2>>"$dir/$kind.poppler"
	t_check "$kind: pdftotext and pdffonts print nothing on stderr" \
		test ! -s "$dir/$kind.poppler"
	text=$(tr -d ' \n' <"$dir/$kind.txt")
	# The title, and text from the kind's own sample values.
	case "$kind" in
	receipt) want="政府信息公开申请登记回执 已予登记" ;;
	correction) want="政府信息公开申请补正告知书 请提供申请人居民身份证复印件" ;;
	extension) want="政府信息公开申请延期答复告知书 2027年1月4日" ;;
	reply-published) want="政府信息公开申请答复书 通辽市2025年度社会保险基金决算情况" ;;
	reply-provided) want="政府信息公开申请答复书 2025年度失业保险稳岗返还资金发放企业名单" ;;
	reply-partial) want="政府信息公开申请答复书 发放企业名单中各企业的银行账户信息" ;;
	reply-refused) want="政府信息公开申请答复书 2027年度通辽市失业保险费率调整方案" ;;
	reply-not-held) want="政府信息公开申请答复书 通辽市财政局" ;;
	reply-not-exist) want="政府信息公开申请答复书 1998年通辽市再就业服务中心托管下岗职工名册" ;;
	reply-notice) want="政府信息公开申请答复书 第三十八条 本机关不予提供" ;;
	not-application) want="不作为政府信息公开申请处理告知书 通辽市劳动保障监察支队" ;;
	repeat) want="政府信息公开申请答复书 通人社依申〔2026〕9号" ;;
	form) want="政府信息公开申请表 受理机关：通辽市人力资源和社会保障局" ;;
	*) want="no expected text for this kind" ;;
	esac
	for w in $want 通辽市人力资源和社会保障局; do
		t_check "$kind: the text reads back: $w" \
			sh -c 'printf "%s" "$1" | grep -qF "$2"' _ "$text" "$w"
	done
	t_check "$kind: no placeholder left" \
		sh -c '! grep -q "{{" "$1"' _ "$dir/$kind.txt"
	t_check "$kind: every font is an embedded subset" \
		sh -c 'pdffonts "$1" 2>/dev/null | awk "NR > 2 { n++; if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\") bad = 1 } END { exit bad || !n }"' _ "$pdf"
	t_check "$kind: page numbers as — N —" grep -q "— 1 —" "$dir/$kind.txt"
	t_check "$kind: one page stays under 60 KB per page" \
		sh -c 'p=$(pdfinfo "$1" 2>/dev/null | awk "/^Pages:/ { print \$2 }"); [ "$(stat -c %s "$1")" -lt $((p * 61440)) ]' _ "$pdf"
done
t_check "correction: the blank form it comes with, under 附件" \
	sh -c 'tr -d " \n" <"$1" | grep -q "^.*特此告知。附件：政府信息公开申请表通辽市"' _ "$dir/correction.txt"
t_check "reply-provided: its files numbered under 附件" \
	sh -c 'tr -d " \n" <"$1" | grep -q "附件：1\.2025年度通辽市本级失业保险基金收支情况表2\.2025年度"' _ "$dir/reply-provided.txt"
t_check "reply-refused: review first after a refusal" \
	sh -c 'tr -d " \n" <"$1" | grep -q "申请行政复议；对行政复议决定不服"' _ "$dir/reply-refused.txt"
t_check "reply-provided: 60 days or 6 months remedy" \
	sh -c 'tr -d " \n" <"$1" | grep -q "60日内向通辽市人民政府申请行政复议，或者在6个月内向通辽市科尔沁区人民法院提起行政诉讼"' _ "$dir/reply-provided.txt"

# The office's seal over the date: a PNG with transparency goes in as an
# image and its soft mask; a seal file that is missing or no PNG stops the
# letter, naming the file, and writes nothing.
python3 - "$dir/seal.png" <<'PY'
import struct, sys, zlib
n = 120
def px(x, y):
    d = ((x - n / 2) ** 2 + (y - n / 2) ** 2) ** 0.5
    return b"\xc8\x14\x14\xe6" if n / 2 - 8 <= d <= n / 2 else b"\0\0\0\0"
raw = b"".join(b"\0" + b"".join(px(x, y) for x in range(n)) for y in range(n))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" +
    chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)) +
    chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
for seal in seal.png missing.png ogid.conf; do
	sed "/^\[office\]/a seal_image = $dir/$seal" "$dir/ogid.conf" >"$dir/seal.conf"
	rm -f "$dir/sealed.pdf"
	out=$("$OGI_BUILDDIR/ogictl" -c "$dir/seal.conf" letter preview reply-provided -o "$dir/sealed.pdf" 2>&1)
	if [ "$seal" = seal.png ]; then
		t_check "a sealed letter passes qpdf --check" \
			sh -c 'qpdf --check "$1" >"$1.qpdf" 2>&1 && ! grep -qi warning "$1.qpdf"' _ "$dir/sealed.pdf"
		t_check "the seal is an image with its soft mask" \
			sh -c 'pdfimages -list "$1" 2>/dev/null | awk "NR > 2 { print \$3, \$4, \$5 }" | tr "\n" " " | grep -qx "image 120 120 smask 120 120 "' _ "$dir/sealed.pdf"
	else
		t_check "seal_image = $seal: no letter, the file named" \
			sh -c 'printf "%s" "$1" | grep -qF "seal image $2" && [ ! -e "$3" ]' _ "$out" "$dir/$seal" "$dir/sealed.pdf"
	fi
done

# A letter about a registered case carries that case's data.
app="$OGI_SRCDIR/tests/corpus/027-foxmail-missing-signature.eml"
cp "$app" "$dir/inbox/new/027"
touch -d "$(jq -r .received_at "${app%.eml}.expect.json")" "$dir/inbox/new/027"
t_ogid "$dir" --once 2>/dev/null
id=$(t_ogictl "$dir" list --json | jq -r '.[0].id')
name=$(t_ogictl "$dir" show "$id" --json | jq -r .applicant.name)
t_check "correction for case $id renders" \
	t_ogictl "$dir" letter preview correction --case "$id" -o "$dir/case.pdf"
pdftotext "$dir/case.pdf" "$dir/case.txt" 2>"$dir/case.poppler"
t_check "the correction for case $id: pdftotext prints nothing on stderr" \
	test ! -s "$dir/case.poppler"
text=$(tr -d ' \n' <"$dir/case.txt")
t_check "the correction is addressed to $name" \
	sh -c 'printf "%s" "$1" | grep -q "$2："' _ "$text" "$name"
t_check "the correction quotes the tracking number $id" \
	sh -c 'printf "%s" "$1" | grep -q "$2"' _ "$text" "$id"
t_check "the correction asks for the missing signature" \
	sh -c 'printf "%s" "$1" | grep -q "申请人签名或者盖章"' _ "$text"
t_check "an unknown case is refused" \
	sh -c '! "$1" -c "$2" letter preview receipt --case 2026-999999 -o /dev/null 2>/dev/null' _ "$OGI_BUILDDIR/ogictl" "$dir/ogid.conf"

broken="$dir/broken"
mkdir -p "$broken"
cp "$OGI_SRCDIR"/templates/*.tpl "$broken/"
printf '@p 您好{{applicant.nmae}}\n' >>"$broken/receipt.tpl"
sed "s|^templates_dir = .*|templates_dir = $broken|" "$dir/ogid.conf" >"$dir/broken.conf"
out=$("$OGI_BUILDDIR/ogictl" -c "$dir/broken.conf" letter preview receipt -o "$dir/x.pdf" 2>&1)
t_check "a broken template is refused, naming file and line" \
	sh -c 'printf "%s" "$1" | grep -q "receipt.tpl:[0-9]*:.*applicant.nmae"' _ "$out"

# The legal texts are data beside the templates: missing, or missing one
# sentence, the letter is refused, naming the file (and the key).
out=$("$OGI_BUILDDIR/ogictl" -c "$dir/broken.conf" letter preview reply-refused -o "$dir/x.pdf" 2>&1)
t_check "without legal.txt no letter is made, naming the file" \
	sh -c 'printf "%s" "$1" | grep -q "$2.*No such file"' _ "$out" "$broken/legal.txt"
sed 's/^refusal = /#refusal = /' "$OGI_SRCDIR/templates/legal.txt" >"$broken/legal.txt"
out=$("$OGI_BUILDDIR/ogictl" -c "$dir/broken.conf" letter preview reply-refused -o "$dir/x.pdf" 2>&1)
t_check "legal.txt without the remedy after a refusal is refused, naming file and key" \
	sh -c 'printf "%s" "$1" | grep -qF "$2: [remedy] refusal: missing"' _ "$out" "$broken/legal.txt"

t_done
