#!/bin/sh
# Fax-to-mail through ogid on a mail intake: a fax an Asterisk script
# mailed and one a gateway the configuration names (fax_subject) are
# recorded on the fax channel with what the gateway said (ogictl show
# --json: incoming_fax), and answered by fax to the caller when the
# letter names no way; the same page mailed by a person is an e-mail.
# One page of the fax test data (tests/fax), read by OCR once per mail.
set -u
. "${OGI_SRCDIR:?}/tests/lib.sh"

t_need gs tiffinfo tiffset tiff2pdf fax2ps jq python3

dir=$(t_state_dir faxmail)
if ! "$OGI_SRCDIR/tests/fax/make-faxes.sh" "$dir/fax" --set quick \
	--only letter-fine-asterisk-tiff --ogictl "$OGI_BUILDDIR/ogictl" \
	>"$dir/make.out" 2>&1; then
	t_fail "make-faxes.sh failed: $(tail -3 "$dir/make.out")"
	t_done
	exit 1
fi
printf 'fax_subject = ^\\[FAX\\] from\n' >>"$dir/ogid.conf"

# The Asterisk script's mail as it is; the same TIFF from a gateway only
# the configuration knows, and from a person.
cp "$dir/fax/mail/"*.eml "$dir/inbox/new/1795570500.M1P1.asterisk"
python3 - "$dir" <<'EOF'
import email.message, email.utils, glob, sys
d = sys.argv[1]
tif = glob.glob(d + "/fax/faxes/*.tif")[0]
data = open(tif, "rb").read()
for name, sender, subject in (
        ("1795570600.M2P1.configured", "传真服务 <gw@fax.example.gov.cn>",
         "[FAX] from 0475-7212340, 1 page"),
        ("1795570700.M3P1.person", "高秀兰 <gaoxl@example.com>",
         "政府信息公开申请")):
    m = email.message.EmailMessage()
    m["From"] = sender
    m["To"] = "ogi@example.gov.cn"
    m["Subject"] = subject
    m["Date"] = "Thu, 19 Nov 2026 09:30:00 +0800"
    m["Message-ID"] = email.utils.make_msgid(domain="example.com")
    m.set_content("见附件。\n")
    m.add_attachment(data, maintype="image", subtype="tiff",
                     filename="20261119-093000.tif")
    open(d + "/inbox/new/" + name, "wb").write(bytes(m))
EOF

t_ogid "$dir" --once 2>"$dir/log"
t_check "ogid records the three messages" [ $? = 0 ]
t_ogictl "$dir" messages --json >"$dir/messages.json"
t_check "each is an application with its case" \
	t_jq "$dir/messages.json" '[.[] | .case | strings] | length == 3'
for which in asterisk configured person; do
	id=$(jq -r --arg u "$which" '.[] | select(.file | endswith($u)) | .case // empty' \
		"$dir/messages.json")
	if [ -z "$id" ]; then
		t_fail "$which: no case"
		continue
	fi
	t_ogictl "$dir" show --json "$id" >"$dir/$which.json"
done
t_check "the Asterisk script's fax: caller, station ID and page from its TIFF" \
	t_jq "$dir/asterisk.json" '.channel == "fax" and
		.incoming_fax.style == "asterisk" and
		.incoming_fax.caller == "04757212340" and
		.incoming_fax.station_id == "0475 7212340" and
		.incoming_fax.pages == 1 and .incoming_fax.quality == "fine"'
t_check "the configured gateway's fax: its caller and pages from the subject" \
	t_jq "$dir/configured.json" '.channel == "fax" and
		.incoming_fax.style == "configured" and
		.incoming_fax.caller == "04757212340" and .incoming_fax.pages == 1'
t_check "the letter asks for post: the caller's number does not replace it" \
	t_jq "$dir/asterisk.json" '.delivery.method == "post" and .applicant.fax == null'
t_check "the gateway's address is no contact of the applicant" \
	t_jq "$dir/configured.json" '.applicant.email == null'
t_check "the person's mail is an e-mail, with no fax" \
	t_jq "$dir/person.json" '.channel == "email" and (has("incoming_fax") | not)'
t_ogictl "$dir" show "$(jq -r .id "$dir/asterisk.json")" >"$dir/asterisk.txt"
t_check "ogictl show says how it came" \
	grep -q '^Came by fax   asterisk from 04757212340 (0475 7212340), 1 page, fine' \
	"$dir/asterisk.txt"
t_done
