#!/bin/sh
# Installs what building, running and testing ogi-gateway need on Debian 12.
# Safe to run again; does nothing when everything is there.
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config
libglib2.0-dev libgmime-3.0-dev libsqlite3-dev libetpan-dev libhpdf-dev libpng-dev
libxml2-dev libzip-dev libgsf-1-dev libpoppler-glib-dev libcairo2-dev libgs-dev libcmocka-dev zlib1g-dev libseccomp-dev
fonts-arphic-uming fonts-arphic-ukai fonts-wqy-microhei
poppler-utils qpdf jq python3 sqlite3 zip file procps clang libclang-rt-14-dev
libgnutls28-dev openssl dovecot-imapd dovecot-pop3d dovecot-submissiond postfix
notmuch fetchmail
python3-pil ghostscript libtiff-tools
libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-script-hans
libheif-dev libheif-examples"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing:$missing"
$SUDO apt-get update -qq
# The tests start their own Postfix smtp-sink and Dovecot on loopback:
# the system's instances are neither configured nor needed.
echo "postfix postfix/main_mailer_type select No configuration" |
	$SUDO debconf-set-selections
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
