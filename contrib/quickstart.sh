#!/bin/sh
# Quick start: installs what is needed, builds ogid and ogictl out of the
# source tree in _build-quickstart/ (so contrib/test.sh's own out-of-tree
# builds can follow), puts the bundled sample applications into the
# embedded default's inbox (spool/inbox of the source tree), runs one pass
# of ogid and lists what it registered.
set -eu
cd "$(dirname "$0")/.."
build=_build-quickstart

contrib/install-deps.sh
[ -x configure ] || autoreconf -fi
mkdir -p "$build"
[ -f "$build/Makefile" ] || (cd "$build" && ../configure --quiet)
make -C "$build" -j"$(nproc)" --silent ogid ogictl

mkdir -p spool/inbox/new spool/inbox/cur spool/inbox/tmp
chmod 700 spool spool/inbox
for f in samples/*.eml; do
	name=$(basename "$f" .eml)
	# A Maildir file name is the message's identity: the same sample copied
	# twice is still one message.
	[ -e "spool/inbox/new/$name" ] || ls spool/inbox/cur/"$name":* >/dev/null 2>&1 ||
		cp "$f" "spool/inbox/new/$name"
done

"$build/ogid" --once
echo
"$build/ogictl" list
echo
echo "Every message:   $build/ogictl messages"
echo "One application: $build/ogictl show $(date +%Y)-000001"
