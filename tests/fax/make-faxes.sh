#!/bin/sh
# Generates fax-to-mail test messages and their truth file.
#
#   tests/fax/make-faxes.sh OUTDIR [--set quick|full|FILE.json] [--ogictl PATH]
#                           [--only ID]... [--keep-png]
#
# OUTDIR/mail/*.eml     the emails the fax gateways would send
# OUTDIR/faxes/         the attachments (and the TIFF each was made from)
# OUTDIR/truth.json     per message: what the fax is and what a clerk records
# OUTDIR/work/          the blank form, the PostScript ghostscript encoded
#                       (and with --keep-png the bilevel pages)
#
# The office's blank form comes from `ogictl letter preview form`
# (templates/form.tpl through the letter renderer): --ogictl, else
# $OGI_BUILDDIR/ogictl, else ogictl on PATH.  Needs python3 with PIL,
# ghostscript, poppler-utils and libtiff-tools (contrib/install-deps.sh).
# See tests/fax/README.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
usage() {
	echo "usage: $0 OUTDIR [--set quick|full|FILE.json] [--ogictl PATH] [--only ID]... [--keep-png]" >&2
	exit 2
}
[ $# -ge 1 ] || usage
outdir=$1; shift
set_name=quick
ogictl=
extra=
while [ $# -gt 0 ]; do
	case "$1" in
	--set) [ $# -ge 2 ] || usage; set_name=$2; shift 2 ;;
	--ogictl) [ $# -ge 2 ] || usage; ogictl=$2; shift 2 ;;
	--only) [ $# -ge 2 ] || usage; extra="$extra --only $2"; shift 2 ;;
	--keep-png) extra="$extra --keep-png"; shift ;;
	*) usage ;;
	esac
done
case "$set_name" in
*.json) set_file=$set_name ;;
*) set_file=$here/$set_name.json ;;
esac
[ -f "$set_file" ] || { echo "$0: no set $set_file" >&2; exit 2; }

if [ -z "$ogictl" ]; then
	if [ -n "${OGI_BUILDDIR:-}" ] && [ -x "$OGI_BUILDDIR/ogictl" ]; then
		ogictl=$OGI_BUILDDIR/ogictl
	else
		ogictl=$(command -v ogictl) || { echo "$0: no ogictl (--ogictl PATH)" >&2; exit 2; }
	fi
fi

# The python3 first on PATH may be a private one without PIL (pyenv):
# take the first that has it, Debian's own last.
python=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import PIL.Image, PIL.ImageFont' 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "$0: no python3 with PIL (python3-pil)" >&2; exit 2; }
for tool in gs pdftotext tiffset tiff2pdf fax2ps; do
	command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 2; }
done

office=通辽市人力资源和社会保障局
mkdir -p "$outdir/work/state" "$outdir/work/inbox/new" "$outdir/work/inbox/cur" \
	"$outdir/work/inbox/tmp"
outdir=$(cd "$outdir" && pwd)
conf=$outdir/work/ogid.conf
cat >"$conf" <<CONF
[ogid]
state_dir = $outdir/work/state
[intake.fax]
driver = maildir
path = $outdir/work/inbox
channel = fax
[office]
name = $office
short_name = 通人社
address = 内蒙古自治区通辽市科尔沁区建国路
postcode = 028000
phone = 0475-8888888
email = ogi@example.gov.cn
fax = 0475-8888889
[letters]
templates_dir = $here/../../templates
CONF
"$ogictl" -c "$conf" letter preview form -o "$outdir/work/blank-form.pdf" >/dev/null

# shellcheck disable=SC2086 # $extra is a list of options
exec "$python" "$here/faxgen.py" --outdir "$outdir" --set "$set_file" \
	--applicants "$here/applicants.json" --blank-form "$outdir/work/blank-form.pdf" \
	--office "$office" $extra
