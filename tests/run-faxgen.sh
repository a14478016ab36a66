#!/bin/sh
# The fax test data (tests/fax/make-faxes.sh, quick set) is what it claims
# to be, checked the way a user of it would: every email parses as MIME
# with the gateway's From and Subject, its attachment decodes to the file
# the truth file names; every TIFF is 1728 pixels wide, G3 or G4, at the
# right resolution with the right number of pages (and the far end's ID
# where spandsp or HylaFAX write it); every PDF and PostScript file has
# its pages at fax size; the truth file lists every message once, with
# each verdict the quick set promises.  The images set (a form only as a
# phone photo or a scan, in ordinary mail) likewise.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need gs pdfinfo pdftotext pdffonts tiffinfo tiffcp tiffset tiff2pdf fax2ps jq python3

dir=$(t_tmpdir faxgen)
start=$(date +%s)
if ! "$OGI_SRCDIR/tests/fax/make-faxes.sh" "$dir/out" --set quick \
	--ogictl "$OGI_BUILDDIR/ogictl" >"$dir/make.out" 2>&1; then
	t_fail "make-faxes.sh --set quick failed: $(tail -3 "$dir/make.out")"
	t_done
	exit 1
fi
took=$(($(date +%s) - start))
# The integration tests make these for every run: about 5 s here, more
# under ASan or a loaded machine; a minute means something went wrong.
t_check "the quick set is made in under a minute (took ${took} s)" [ "$took" -lt 60 ]
out=$dir/out
truth=$out/truth.json

t_check "truth.json lists the five quick messages" t_jq "$truth" '.messages | length == 5'
t_check "truth.json lists every mail in mail/ once, and no other" sh -c '
	ls "$1/mail" | sort >"$1/work/mails.ls"
	jq -r ".messages[].mail" "$1/truth.json" | sed "s|^mail/||" | sort >"$1/work/mails.truth"
	cmp -s "$1/work/mails.ls" "$1/work/mails.truth"' _ "$out"
t_check "the quick set has the gateway styles, resolutions and encodings it promises" \
	t_jq "$truth" '[.messages[] | .gateway] | unique == ["asterisk","efax","freepbx","hylafax"]'
t_check "fine and normal pages" \
	t_jq "$truth" '[.messages[] | .resolution] | unique == ["fine","normal"]'
t_check "TIFF (G3 and G4), PDF and PostScript attachments" \
	t_jq "$truth" '[.messages[] | .encoding] | unique == ["pdf","ps","tiff-g3","tiff-g4"]'
t_check "verdicts: three complete, one incomplete (no signature), one for review (ID)" \
	t_jq "$truth" '[.messages[] | .expect.verdict] | sort ==
		["complete","complete","complete","incomplete","review"]'
t_check "the incomplete one misses its signature; the review one has no ID number" \
	t_jq "$truth" '(.messages[] | select(.expect.verdict == "incomplete") |
		.expect.signature.present == false and .expect.missing == ["signature"]) and
		(.messages[] | select(.expect.verdict == "review") |
		.expect.applicant.id_number == null and .expect.review == ["id_number"])'
t_check "every message records what a clerk would: name, ID, phone, address, request, delivery, date" \
	t_jq "$truth" '[.messages[].expect | .applicant.name and .applicant.phone and
		.applicant.address and .request.description and .request.purpose and
		.delivery.method and (.application_date | test("^2026-[0-9]{2}-[0-9]{2}$"))] | all'

# Python's email module, as any mail client would read them: each message
# parses without defects, has the headers of its gateway's style (the
# station ID, caller and page count truth.json gives), and its first
# attachment is base64 and decodes to the file truth.json names.
t_check "every mail parses as MIME with its gateway's headers and attachment" \
	python3 - "$out" <<'EOF'
import email, email.policy, json, re, sys
out = sys.argv[1]
truth = json.load(open(out + "/truth.json"))
subjects = {
    "hylafax": r'^Fax received from "[^"]+"$',
    "freepbx": r'^New fax from: "[^"]*" <\d+>$',
    "asterisk": r"^Fax ",
    "efax": r"^eFax from .+ - \d+ page\(s\), caller ID: \+?\d+$",
}
senders = {"hylafax": r"^HylaFAX Agent <fax@", "freepbx": r'^"?Fax Service"? <fax@',
           "asterisk": r"^asterisk@", "efax": r"^eFax <"}
for m in truth["messages"]:
    raw = open(out + "/" + m["mail"], "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert not msg.defects, (m["id"], msg.defects)
    for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        assert msg[h], (m["id"], h)
    assert email.utils.parsedate_to_datetime(msg["Date"]) is not None
    assert re.match(r"^<[^<>@\s]+@[^<>@\s]+>$", msg["Message-ID"]), m["id"]
    assert re.search(subjects[m["gateway"]], str(msg["Subject"])), (m["id"], msg["Subject"])
    assert re.search(senders[m["gateway"]], str(msg["From"])), (m["id"], msg["From"])
    assert msg.is_multipart() and msg.get_content_type() == "multipart/mixed", m["id"]
    atts = list(msg.iter_attachments())
    assert atts, m["id"]
    a = atts[0]
    assert a["Content-Transfer-Encoding"] == "base64", m["id"]
    assert a.get_filename() == m["attachment"]["filename"], m["id"]
    assert a.get_content_type() == m["attachment"]["content_type"], m["id"]
    assert a.get_payload(decode=True) == open(out + "/" + m["file"], "rb").read(), m["id"]
    if m["gateway"] == "hylafax":
        body = msg.get_body(("plain",)).get_content()
        for key in ("Sender", "Pages", "Quality", "Received", "CallID1", "CallID2", "CommID"):
            assert re.search(r"^%s:" % key, body, re.M), (m["id"], key)
        assert re.search(r"^Pages:\s+%d$" % m["pages"], body, re.M), m["id"]
        assert re.search(r"^Sender:\s+%s$" % re.escape(m["fax"]["csid"]), body, re.M), m["id"]
        assert re.search(r"^CallID1:\s+%s$" % m["fax"]["caller"], body, re.M), m["id"]
        assert re.search(r"^Quality:\s+%s$" % m["resolution"], body, re.M | re.I), m["id"]
    subject = str(msg["Subject"])
    if m["gateway"] == "freepbx":
        assert subject.endswith("<%s>" % m["fax"]["caller"]), m["id"]
    if m["gateway"] in ("hylafax", "efax"):
        assert m["fax"]["csid"] in subject, m["id"]
EOF

n=$(jq '.messages | length' "$truth")
i=0
while [ "$i" -lt "$n" ]; do
	m=$(jq -c ".messages[$i]" "$truth")
	i=$((i + 1))
	id=$(echo "$m" | jq -r .id)
	tif=$out/$(echo "$m" | jq -r .tiff)
	pages=$(echo "$m" | jq -r .pages)
	xres=$(echo "$m" | jq -r .xres)
	yres=$(echo "$m" | jq -r .yres)
	case $(echo "$m" | jq -r .compression) in
	g3) scheme="CCITT Group 3" ;;
	*) scheme="CCITT Group 4" ;;
	esac
	tiffinfo "$tif" >"$dir/$id.tiffinfo" 2>&1
	t_check "$id: the TIFF has $pages pages" \
		[ "$(grep -c '^TIFF Directory' "$dir/$id.tiffinfo")" = "$pages" ]
	t_check "$id: every page is 1728 pixels wide" \
		[ "$(grep -c 'Image Width: 1728 ' "$dir/$id.tiffinfo")" = "$pages" ]
	t_check "$id: every page is $scheme" \
		[ "$(grep -c "Compression Scheme: $scheme\$" "$dir/$id.tiffinfo")" = "$pages" ]
	t_check "$id: every page is ${xres}x${yres} dpi" \
		[ "$(grep -c "Resolution: $xres, $yres pixels/inch" "$dir/$id.tiffinfo")" = "$pages" ]
	t_check "$id: every page is bilevel" \
		[ "$(grep -c 'Bits/Sample: 1$' "$dir/$id.tiffinfo")" = "$pages" ]
	desc=$(echo "$m" | jq -r '.fax.image_description // empty')
	if [ -n "$desc" ]; then
		t_check "$id: ImageDescription holds the far end's ID on every page" \
			[ "$(grep -c "ImageDescription: $desc\$" "$dir/$id.tiffinfo")" = "$pages" ]
	fi
	file=$out/$(echo "$m" | jq -r .file)
	case $(echo "$m" | jq -r .encoding) in
	pdf)
		pdfinfo "$file" >"$dir/$id.pdfinfo" 2>&1
		t_check "$id: the PDF has $pages pages" \
			grep -q "^Pages: *$pages\$" "$dir/$id.pdfinfo"
		# 1728 pixels at 204 dpi: 609.88 pt, a fax line, not A4's 595.
		t_check "$id: the PDF's pages are a fax line wide" \
			grep -q "^Page size: *609.8[0-9]* x " "$dir/$id.pdfinfo"
		;;
	ps)
		t_check "$id: the PostScript has $pages pages" \
			[ "$(grep -c '^%%Page:' "$file")" = "$pages" ]
		t_check "$id: ghostscript renders the PostScript without an error" \
			gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=nullpage "$file"
		;;
	esac
done

# A run repeats itself: the same fax made again is the same mail, byte
# for byte (a test that fails on one run fails on the next).
one=$(jq -r '.messages[0].id' "$truth")
"$OGI_SRCDIR/tests/fax/make-faxes.sh" "$dir/again" --set quick --only "$one" \
	--ogictl "$OGI_BUILDDIR/ogictl" >/dev/null 2>&1
t_check "a second run makes the same mail byte for byte" \
	cmp "$out/$(jq -r '.messages[0].mail' "$truth")" \
	"$dir/again/$(jq -r '.messages[0].mail' "$dir/again/truth.json")"

# The images set: forms that are only a photo or a scan, in ordinary mail.
if ! "$OGI_SRCDIR/tests/fax/make-faxes.sh" "$dir/images" --set images \
	--ogictl "$OGI_BUILDDIR/ogictl" >"$dir/images.out" 2>&1; then
	t_fail "make-faxes.sh --set images failed: $(tail -3 "$dir/images.out")"
else
	t_check "images: every mail parses, from the applicant, its attachments the files truth.json names" \
		python3 - "$dir/images" <<'EOF'
import email, email.policy, json, sys
out = sys.argv[1]
truth = json.load(open(out + "/truth.json"))
assert len(truth["messages"]) == 4
for m in truth["messages"]:
    msg = email.message_from_bytes(open(out + "/" + m["mail"], "rb").read(),
                                   policy=email.policy.default)
    assert not msg.defects and msg["Date"] and msg["Message-ID"], m["id"]
    assert m["expect"]["applicant"]["name"] in str(msg["From"]), m["id"]
    atts = list(msg.iter_attachments())
    assert [a.get_filename() for a in atts] == [a["filename"] for a in m["attachments"]], m["id"]
    for a, f in zip(atts, m["files"]):
        data = a.get_payload(decode=True)
        assert data == open(out + "/" + f, "rb").read(), m["id"]
        magic = {"photo": b"\xff\xd8\xff", "scan": b"%PDF-"}.get(m["image"])
        assert data.startswith(magic) if magic else data[4:12] == b"ftypheic", m["id"]
    if m["image"] != "scan":
        assert len(atts) == m["pages"], m["id"]
EOF
	scan=$dir/images/$(jq -r '.messages[] | select(.image == "scan") | .files[0]' "$dir/images/truth.json")
	t_check "images: the scanned PDF has its pages and no text, only page images" sh -c '
		pdfinfo "$1" | grep -q "^Pages: *$2\$" &&
		[ -z "$(pdftotext "$1" - | tr -d " \n\f")" ] &&
		[ "$(pdffonts "$1" | wc -l)" = 2 ]' _ "$scan" \
		"$(jq -r '.messages[] | select(.image == "scan") | .pages' "$dir/images/truth.json")"
fi

# The pages read: Tesseract (as the OCR module runs it) finds the typed
# name, ID and phone number on the first page of the fine form fax.
# contrib/install-deps.sh installs Tesseract and its chi_sim model, as the
# OCR module needs them: without them this machine is not set up, and the
# test says so by failing, never by passing what it did not check.
if ! command -v tesseract >/dev/null 2>&1 ||
	! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
	t_fail "tesseract with its chi_sim model is installed (contrib/install-deps.sh: tesseract-ocr tesseract-ocr-chi-sim): the pages could not be read back"
else
	m=$(jq -c '.messages[] | select(.doc == "form" and .resolution == "fine" and
		.expect.verdict == "complete")' "$truth" | head -1)
	tiffcp "$out/$(echo "$m" | jq -r .tiff),0" "$dir/page1.tif"
	OMP_THREAD_LIMIT=1 tesseract "$dir/page1.tif" "$dir/page1" -l chi_sim --psm 4 \
		>/dev/null 2>&1
	tr -d ' ' <"$dir/page1.txt" >"$dir/page1.joined"
	for field in name id_number phone; do
		v=$(echo "$m" | jq -r ".expect.applicant.$field")
		t_check "the fine form's $field reads back from its page (tesseract)" \
			grep -qF "$v" "$dir/page1.joined"
	done
	t_check "the form's own title reads back: the page is the office's form" \
		grep -qF "政府信息公开申请表" "$dir/page1.joined"
fi

t_done
