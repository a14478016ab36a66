#!/bin/sh
# No log holds a full identity or mobile number.  Runs after every other
# test (Makefile.am makes its log depend on theirs) and reads what they
# left in the build tree: the stderr of every ogid and ogictl run of the
# shell tests (tests/*.stderr, kept by tests/lib.sh whatever the test did
# with it) and the make check log of every test (tests/**/*.log).  The
# shapes are those log_mask_numbers masks (src/common/log.h); a masked run
# has '*' in it and no longer matches.  Fails listing each unmasked run,
# itself shown masked.  tests/run-hostile.sh's idname case puts numbers into
# the logs, so the check has something to find: without the masking it fails.
set -u
: "${OGI_BUILDDIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
cd "$OGI_BUILDDIR" || exit 1

python3 - <<'EOF'
import pathlib
import re
import sys

D = "[0-9\uff10-\uff19]"
X = "[Xx\uff38\uff58]"
UNMASKED = re.compile(
    "(?<!%s)(?:%s{17}%s|(?:%s{18}|%s{15}|(?:[8\uff18][6\uff16])?[1\uff11]"
    "[3-9\uff13-\uff19]%s{9})(?!%s))" % (D, D, X, D, D, D, D))
MASKED = re.compile("%s{3}\\*{6,}%s(?:%s|%s)" % (D, D, D, X))

logs = sorted(p for p in pathlib.Path("tests").rglob("*")
              if p.suffix in (".log", ".stderr") and p.is_file() and
              p.name != "run-logcheck.sh.log")
stderr_lines = masked = 0
bad = []
for path in logs:
    text = path.read_bytes().decode("utf-8", "replace")
    for n, line in enumerate(text.splitlines(), 1):
        if path.suffix == ".stderr":
            stderr_lines += 1
            masked += bool(MASKED.search(line))
        for m in UNMASKED.finditer(line):
            run = m.group()
            bad.append("%s:%d: %d-character run %s%s%s" %
                       (path, n, len(run), run[:3], "*" * (len(run) - 5),
                        run[-2:]))

print("%d files, %d lines of program stderr, %d with masked numbers" %
      (len(logs), stderr_lines, masked))
# Without the hostile test (a tool it needs is missing) no log is bound to
# hold a number; with it, one must, or nothing here was really checked.
trs = pathlib.Path("tests/run-hostile.sh.trs")
hostile_ran = trs.is_file() and ":test-result: SKIP" not in trs.read_text()
ok = True
if not hostile_ran:
    print("# run-hostile.sh did not run: no log is known to hold a number")
elif stderr_lines == 0 or masked == 0:
    print("not ok - the logs hold no masked number: nothing was checked "
          "(is tests/lib.sh collecting stderr? does run-hostile.sh still have its idname case?)")
    ok = False
for b in bad:
    print("not ok - unmasked: " + b)
if not bad:
    print("ok - no full ID or mobile number in any log")
sys.exit(0 if ok and not bad else 1)
EOF
