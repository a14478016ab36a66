#!/bin/sh
# Quick start: installs what is needed, builds ogid and ogictl in the source
# tree, puts the bundled sample applications into the embedded default's
# inbox (spool/inbox), runs one pass of ogid and lists what it registered.
set -eu
cd "$(dirname "$0")/.."

contrib/install-deps.sh
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure --quiet
make -j"$(nproc)" --silent ogid ogictl

mkdir -p spool/inbox/new spool/inbox/cur spool/inbox/tmp
chmod 700 spool spool/inbox
for f in samples/*.eml; do
	name=$(basename "$f" .eml)
	# A Maildir file name is the message's identity: the same sample copied
	# twice is still one message.
	[ -e "spool/inbox/new/$name" ] || ls spool/inbox/cur/"$name":* >/dev/null 2>&1 ||
		cp "$f" "spool/inbox/new/$name"
done

./ogid --once
echo
./ogictl list
echo
echo "Every message:   ./ogictl messages"
echo "One application: ./ogictl show $(date +%Y)-000001"
