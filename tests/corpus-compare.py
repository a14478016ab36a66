#!/usr/bin/env python3
"""Compares what ogictl printed with a corpus message's expected result.

usage: corpus-compare.py EXPECT_FILE SECTION ACTUAL_JSON

EXPECT_FILE is a NAME.expect.json; SECTION is "message" (compared with one
object of `ogictl messages --json`) or "case" (`ogictl show --json`).

The comparison is strict: every key of either object must be in the other
with an equal value, so a field ogictl prints but the expectation forgets
(or the reverse) is a difference.  The only exceptions are the paths named
in the expectation's "ignore" object, {"case.applicant.fax": "why"}: an
ignored path (and everything under it) is not compared, must not be in the
expectation, and must exist in what ogictl printed, so a stale entry shows.
Strings are compared after collapsing white space and trimming punctuation
at both ends, as a clerk copying a value would not care about a trailing
。.  Prints one line per difference and exits 1 when there is any.
"""
import json
import re
import sys

PUNCT = " \t\r\n。，、；：！？.,;:!?“”\"'‘’()（）"


# Identity and mobile numbers in what is printed are masked as ogid's log
# sink masks them (first three and last two characters kept), since
# tests/run-logcheck.sh reads this output in the corpus test's log too.
_D = "[0-9\uff10-\uff19]"
NUMBER = re.compile("(?<!%s)(?:%s{17}[0-9Xx\uff38\uff58]|%s{15}|(?:86)?1[3-9]%s{9})(?!%s)"
                    % (_D, _D, _D, _D, _D))


def mask(s):
    return NUMBER.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], s)


def norm(s):
    return re.sub(r"\s+", " ", s).strip(PUNCT)


def show(v):
    return json.dumps(v, ensure_ascii=False)


def diff(exp, act, path, ignore, out):
    if path in ignore:
        ignore[path] = True
        out.append(f"{path}: ignored, but the expectation names it")
        return
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            out.append(f"{path}: expected an object, got {show(act)}")
            return
        for k in exp:
            if k not in act:
                out.append(f"{path}.{k}: missing, expected {show(exp[k])}")
            else:
                diff(exp[k], act[k], f"{path}.{k}", ignore, out)
        for k in act:
            if k in exp:
                continue
            if f"{path}.{k}" in ignore:
                ignore[f"{path}.{k}"] = True
            else:
                out.append(f"{path}.{k}: not in the expectation, got {show(act[k])}")
    elif isinstance(exp, list):
        if not isinstance(act, list) or len(exp) != len(act):
            out.append(f"{path}: expected {show(exp)}, got {show(act)}")
            return
        for i, (e, a) in enumerate(zip(exp, act)):
            diff(e, a, f"{path}[{i}]", ignore, out)
    elif isinstance(exp, str) and isinstance(act, str):
        if norm(exp) != norm(act):
            out.append(f"{path}: expected {exp!r}, got {act!r}")
    elif exp != act or type(exp) is not type(act):
        out.append(f"{path}: expected {show(exp)}, got {show(act)}")


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("message", "case"):
        sys.exit("usage: corpus-compare.py EXPECT_FILE message|case ACTUAL_JSON")
    expect_file, section, actual_file = sys.argv[1:]
    with open(expect_file, encoding="utf-8") as f:
        expect = json.load(f)
    with open(actual_file, encoding="utf-8") as f:
        act = json.load(f)
    ignore = {p: False for p in expect.get("ignore", {})
              if p == section or p.startswith(section + ".") or
              p.startswith(section + "[")}
    out = []
    diff(expect[section], act, section, ignore, out)
    for p, used in ignore.items():
        if not used:
            out.append(f"{p}: in the ignore list, but ogictl printed no such key")
    for line in out:
        print("   ", mask(line))
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
