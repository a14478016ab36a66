#!/usr/bin/python3
"""Scores for bench/ocr (run by it; by hand, not a test).

  ocr-score.py text FAXDIR TEXTDIR
      How many expected values appear, exactly, in the text a reader made
      of each fax (TEXTDIR/<tiff basename>.txt): per resolution and noise.
      This reads no fields: it says whether the values are legible at all,
      the ceiling for any extraction from that text.

  ocr-score.py fields FAXDIR OGICTL CONFIG
      The accuracy that counts, after `ogid --once` took FAXDIR's mails in
      (bench/ocr's ogi_fields does that): each case's `ogictl show --json`
      against truth.json's expectation, field by field, per resolution and
      noise: exact, flagged (the case waits for a clerk or names the field
      for review), absent, and wrong -- a different value accepted with
      confidence, which must never happen.  Verdicts are compared too.

Values are compared after NFKC and without white space (a full-width
colon and a thin space are no error); ID, phone and fax numbers by their
digits (and X).
"""

import email
import json
import os
import re
import subprocess
import sys
import unicodedata

FIELDS = [("applicant.name", "text"), ("applicant.id_number", "digits"),
          ("applicant.address", "text"), ("applicant.postcode", "digits"),
          ("applicant.phone", "digits"), ("applicant.fax", "digits"),
          ("request.description", "text"), ("request.purpose", "text"),
          ("signature.present", "bool"), ("application_date", "text"),
          ("delivery.method", "text"), ("delivery.medium", "text")]
# Values a page must show as text (the rest are ticks, ink and dates
# written in another form).
TEXT_FIELDS = FIELDS[:8]


def norm(v, kind):
    if v is None or isinstance(v, bool):
        return v
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(v)))
    if kind == "digits":
        return re.sub(r"[^0-9A-Za-z]", "", s).upper()
    return s.strip("。，；;,.:：")


def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def group(m):
    return "%-6s %s" % (m["resolution"], "noisy" if m["noise"] else "clean")


def score_text(faxdir, textdir):
    truth = json.load(open(os.path.join(faxdir, "truth.json")))
    by = {}
    for m in truth["messages"]:
        name = os.path.join(textdir, os.path.basename(m["tiff"]) + ".txt")
        try:
            text = norm(open(name, encoding="utf-8", errors="replace").read(), "text")
        except OSError:
            text = ""
        ok, n = by.setdefault(group(m), [0, 0])
        for path, kind in TEXT_FIELDS:
            want = get(m["expect"], path)
            if want is None:
                continue
            n += 1
            ok += norm(want, "text") in text
        by[group(m)] = [ok, n]
    for g in sorted(by):
        ok, n = by[g]
        print("  %s  values legible %3d/%-3d (%5.1f%%)" % (g, ok, n, 100.0 * ok / n if n else 0))


def ctl(ogictl, config, *args):
    r = subprocess.run([ogictl, "-c", config, *args, "--json"], capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        sys.exit("ogictl %s: %s" % (" ".join(args), r.stderr.strip()[:200]))
    return json.loads(r.stdout)


def score_fields(faxdir, ogictl, config):
    truth = json.load(open(os.path.join(faxdir, "truth.json")))
    msgs = ctl(ogictl, config, "messages")
    if isinstance(msgs, dict):
        msgs = msgs.get("messages", [])
    by_mid = {m.get("message_id"): m for m in msgs if m.get("message_id")}
    stats = {}
    wrong_lines = []
    for m in truth["messages"]:
        with open(os.path.join(faxdir, m["mail"]), "rb") as f:
            mid = email.message_from_binary_file(f).get("Message-ID", "").strip().strip("<>")
        s = stats.setdefault(group(m), {"exact": 0, "flagged": 0, "absent": 0, "wrong": 0,
                                        "n": 0, "verdicts": 0, "messages": 0})
        s["messages"] += 1
        row = by_mid.get(mid) or by_mid.get("<%s>" % mid)
        exp = m["expect"]
        case = ctl(ogictl, config, "show", str(row["case"])) if row and row.get("case") else {}
        if case.get("state") == exp["state"]:
            s["verdicts"] += 1
        held = case.get("state") == "needs_review"
        review = " ".join(str(r) for r in case.get("review") or [])
        for path, kind in FIELDS:
            want = get(exp, path)
            if want is None and path != "applicant.id_number":
                continue
            s["n"] += 1
            got = get(case, path)
            leaf = path.rsplit(".", 1)[-1]
            if norm(got, kind) == norm(want, kind) and got is not None:
                s["exact"] += 1
            elif held or leaf in review:
                s["flagged"] += 1
            elif got is None:
                s["absent"] += 1
            else:
                s["wrong"] += 1
                wrong_lines.append("    %s: %s %r, expected %r" % (m["id"], path, got, want))
    for g in sorted(stats):
        s = stats[g]
        n = s["n"] or 1
        print("  %s  fields exact %5.1f%%  flagged %5.1f%%  absent %5.1f%%  "
              "wrong-confident %d   verdicts %d/%d" %
              (g, 100.0 * s["exact"] / n, 100.0 * s["flagged"] / n,
               100.0 * s["absent"] / n, s["wrong"], s["verdicts"], s["messages"]))
    for line in wrong_lines:
        print(line)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "text":
        score_text(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "fields":
        score_fields(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
