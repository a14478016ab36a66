#!/usr/bin/env python3
"""Compares what ogictl printed with a corpus message's expected result.

usage: corpus-compare.py EXPECTED_JSON ACTUAL_JSON LABEL

Every key of the expected object must be present in the actual one with an
equal value; keys only the actual object has are not checked.  Strings are
compared after collapsing white space and trimming punctuation at both ends,
as a clerk copying a value would not care about a trailing 。.  Prints one
line per difference and exits 1 when there is any.
"""
import json
import re
import sys

PUNCT = " \t\r\n。，、；：！？.,;:!?“”\"'‘’()（）"


def norm(s):
    return re.sub(r"\s+", " ", s).strip(PUNCT)


def diff(exp, act, path, out):
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            out.append(f"{path}: expected an object, got {json.dumps(act, ensure_ascii=False)}")
            return
        for k, v in exp.items():
            if k not in act:
                out.append(f"{path}.{k}: missing")
            else:
                diff(v, act[k], f"{path}.{k}", out)
    elif isinstance(exp, list):
        if not isinstance(act, list) or len(exp) != len(act):
            out.append(f"{path}: expected {json.dumps(exp, ensure_ascii=False)}, "
                       f"got {json.dumps(act, ensure_ascii=False)}")
            return
        for i, (e, a) in enumerate(zip(exp, act)):
            diff(e, a, f"{path}[{i}]", out)
    elif isinstance(exp, str) and isinstance(act, str):
        if norm(exp) != norm(act):
            out.append(f"{path}: expected {exp!r}, got {act!r}")
    elif exp != act:
        out.append(f"{path}: expected {json.dumps(exp, ensure_ascii=False)}, "
                   f"got {json.dumps(act, ensure_ascii=False)}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        exp = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        act = json.load(f)
    out = []
    diff(exp, act, sys.argv[3], out)
    for line in out:
        print("   ", line)
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
