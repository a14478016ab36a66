"""Byte-exact helpers for the corpus generators (make-corpus.py,
make-holdout*.py): encoders, client templates and the plumbing they share.
Everything here writes bytes the way the named client writes them (header
order, boundaries, folding, transfer encodings).  Nothing here parses or
decides what a message means; expectations are written by hand in
make-corpus.py.
"""
import base64
import io
import json
import os
import sys
import zipfile

from decode import decoded_lines

OFFICE = "ogi@example.gov.cn"
CORPUS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


# ------------------------------------------------------- generator plumbing

MSGS = []


def msg(fn):
    """Registers a function returning (name, bytes, message, case)."""
    MSGS.append(fn)
    return fn


def mx(frm, helo, ip, date, qid, extra=()):
    """What the office's Postfix + Dovecot add on delivery."""
    return "\n".join([
        "Return-Path: <%s>" % frm,
        "Delivered-To: " + OFFICE,
        "Received: from %s (%s [%s])" % (helo, helo, ip),
        "\tby mx.example.gov.cn (Postfix) with ESMTPS id %s" % qid,
        "\tfor <%s>; %s (CST)" % (OFFICE, date),
    ] + list(extra))


def write_registered(only, ignores=None):
    """Writes every registered message, or those named in only; ignores
    maps a message's name to its expectation's "ignore" object."""
    n = 0
    for fn in MSGS:
        name, data, m, c = fn()
        if only and name not in only:
            continue
        write(CORPUS, name, data, m, c, (ignores or {}).get(name))
        n += 1
    print("wrote %d messages to %s" % (n, CORPUS))


# ---------------------------------------------------------------- encoders

def b64(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return [s[i:i + width] for i in range(0, len(s), width)] or [""]


def b64_chunked(chunks, width=76):
    """Each chunk base64-encoded and padded on its own (gmime#150 shape)."""
    out = []
    for c in chunks:
        out.extend(b64(c, width))
    return out


def qp(data, width=76):
    """Quoted-printable as Outlook / Apple Mail write it: hard line breaks
    stay CRLF-free lines, soft breaks with '='."""
    lines = data.split(b"\n")
    out = []
    for li, line in enumerate(lines):
        if line.endswith(b"\r"):
            line = line[:-1]
        enc = []
        for i, b in enumerate(line):
            ch = bytes([b])
            if b == 0x3D or b > 126 or (b < 32 and b != 9):
                enc.append("=%02X" % b)
            elif b in (9, 32) and i == len(line) - 1:
                enc.append("=%02X" % b)
            else:
                enc.append(ch.decode("ascii"))
        cur = ""
        for tok in enc:
            if len(cur) + len(tok) > width - 1:
                out.append(cur + "=")
                cur = ""
            cur += tok
        out.append(cur)
    if out and out[-1] == "" and len(lines) > 1:
        out.pop()
    return out


def ew(text, cs, enc="B"):
    data = text.encode(codec(cs))
    if enc == "B":
        return "=?%s?B?%s?=" % (cs, base64.b64encode(data).decode())
    s = ""
    for b in data:
        if b == 32:
            s += "_"
        elif b > 126 or b < 33 or chr(b) in "=?_":
            s += "=%02X" % b
        else:
            s += chr(b)
    return "=?%s?Q?%s?=" % (cs, s)


def ew_bytes(data, cs):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(data).decode())


def ew_words(text, cs, nchars, enc="B", sep="\r\n "):
    """Splits text every nchars characters into separate encoded words
    (each padded on its own), folded onto continuation lines."""
    parts = [text[i:i + nchars] for i in range(0, len(text), nchars)]
    return sep.join(ew(p, cs, enc) for p in parts)


def display(name, addr, cs=None, quote=True):
    if name is None:
        return addr
    if cs:
        return "%s <%s>" % (ew(name, cs), addr)
    return ('"%s" <%s>' % (name, addr)) if quote else "%s <%s>" % (name, addr)


# ---------------------------------------------------------------- messages

class Msg:
    """Lines of a message; str lines are ASCII (or UTF-8 for 8bit bodies),
    bytes lines are written as they are."""

    def __init__(self, eol="\r\n"):
        self.eol = eol.encode()
        self.lines = []

    def add(self, *lines):
        for l in lines:
            if isinstance(l, (list, tuple)):
                self.add(*l)
            else:
                self.lines.append(l)
        return self

    def header_block(self, text):
        """Adds header lines written with \\n; folded lines keep their
        leading white space."""
        for l in text.strip("\n").split("\n"):
            self.lines.append(l)
        return self

    def bytes(self):
        out = []
        for l in self.lines:
            if isinstance(l, str):
                l = l.encode("utf-8")
            out.append(l.replace(b"\r\n", b"\n").replace(b"\n", self.eol))
        return self.eol.join(out) + self.eol


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- HTML bodies

def foxmail_html(text, cs, sigaddr):
    divs = []
    for l in text.split("\n"):
        divs.append("<div>%s</div>" % (esc(l) if l.strip() else "<br>"))
    return ('<html><head><meta http-equiv="content-type" content="text/html; charset=%s">'
            '<style>body { line-height: 1.5; }body { font-size: 14px; font-family: '
            '"Microsoft YaHei UI"; color: rgb(0, 0, 0); line-height: 1.5; }</style></head>'
            '<body>\n%s\n<div><br></div><hr style="width: 210px; height: 1px;" color="#b5c4df" '
            'size="1" align="left">\n<div><span><div style="MARGIN: 10px; FONT-FAMILY: verdana; '
            'FONT-SIZE: 10pt"><div>%s</div></div></span></div></body></html>'
            % (cs.upper(), "\n".join(divs), sigaddr))


def qq_html(text, cs="GB18030", extra=""):
    divs = []
    for l in text.split("\n"):
        divs.append("<div>%s</div>" % (esc(l).replace("  ", "&nbsp; ") if l.strip() else "<br></div><div>"))
    return ('<meta http-equiv="Content-Type" content="text/html; charset=%s">'
            '%s%s' % (cs, "".join(divs), extra))


def coremail_html(text, fontfam="Arial"):
    parts = []
    for l in text.split("\n"):
        parts.append("<div>%s</div>" % (esc(l) if l.strip() else "<br>"))
    return ('<div style="line-height:1.7;color:#000000;font-size:14px;font-family:%s">'
            '%s</div>' % (fontfam, "".join(parts)))


def word_html(paras, lang="ZH-CN", font="宋体", cs="gb2312"):
    body = []
    for p in paras:
        if p == "":
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
        else:
            body.append("<p class=MsoNormal><span style='font-family:%s'>%s<span lang=EN-US>"
                        "<o:p></o:p></span></span></p>" % (font, esc(p)))
    html = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
            'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=%s">'
            '<meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--\n'
            '/* Font Definitions */\n@font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n'
            '@font-face\n\t{font-family:"Cambria Math";\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\n'
            '/* Style Definitions */\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\ttext-align:justify;\n'
            '\ttext-justify:inter-ideograph;\n\tfont-size:10.5pt;\n\tfont-family:等线;}\n'
            'span.EmailStyle17\n\t{mso-style-type:personal-compose;\n\tfont-family:等线;\n\tcolor:windowtext;}\n'
            '.MsoChpDefault\n\t{mso-style-type:export-only;\n\tfont-family:等线;}\n'
            '/* Page Definitions */\n@page WordSection1\n\t{size:612.0pt 792.0pt;\n\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;}\n'
            'div.WordSection1\n\t{page:WordSection1;}\n--></style><!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n'
            '</xml><![endif]--><!--[if gte mso 9]><xml>\n<o:shapelayout v:ext="edit">\n<o:idmap v:ext="edit" data="1" />\n'
            '</o:shapelayout></xml><![endif]--></head><body lang=%s link="#0563C1" vlink="#954F72" '
            'style=\'word-wrap:break-word;text-justify-trim:punctuation\'><div class=WordSection1>%s</div></body></html>'
            % (cs, lang, "".join(body)))
    return html.replace('宋体;\n\tpanose', font + ';\n\tpanose').replace('等线', font)


# ---------------------------------------------------------------- attachments

def docx(rows, title, paras_after=()):
    """A minimal but valid .docx: the title paragraph, a w:tbl with one
    w:tr per row (cells given as lists), paragraphs after it."""
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(t, bold=False, center=False):
        ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
        rpr = '<w:rPr><w:rFonts w:hint="eastAsia"/><w:b/><w:sz w:val="36"/></w:rPr>' if bold else \
              '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
        return '<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, rpr, esc(t))

    trs = []
    for row in rows:
        tcs = []
        for cell in row:
            span = ""
            if isinstance(cell, tuple):
                cell, n = cell
                span = '<w:gridSpan w:val="%d"/>' % n
            ps = "".join(para(x) for x in cell.split("\n")) if cell else "<w:p/>"
            tcs.append('<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>%s</w:tcPr>%s</w:tc>' % (span, ps))
        trs.append("<w:tr>%s</w:tr>" % "".join(tcs))
    tbl = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
           '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
           '</w:tblPr><w:tblGrid><w:gridCol w:w="1200"/><w:gridCol w:w="1600"/><w:gridCol w:w="2100"/>'
           '<w:gridCol w:w="1400"/><w:gridCol w:w="2100"/></w:tblGrid>%s</w:tbl>' % "".join(trs))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:document %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<w:body>%s%s%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/>'
           '</w:sectPr></w:body></w:document>'
           % (W, para(title, True, True), tbl, "".join(para(p) for p in paras_after)))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels),
                           ("word/document.xml", doc)):
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))
    return buf.getvalue()


# ---------------------------------------------------------------- expectations

# What the office does with each kind when it is alone in a fresh registry:
# an application opens a case; automatic mail is set aside; everything else
# (correction replies and status queries quoting no known case,
# consultations, complaints) goes to a clerk.
DISPOSITIONS = {"application": "case", "auto_reply": "ignored", "bounce": "ignored",
                "spam": "ignored"}


def expect_message(name, mid, received, frm, subject, kind, case=None):
    return {"file": name, "mailbox": "mail", "message_id": mid, "received_at": received,
            "from": frm, "subject": subject, "kind": kind, "case": case,
            "disposition": DISPOSITIONS.get(kind, "needs_review"), "problems": []}


def expect_case(name, received, deadline, *, kind="person", applicant, id_type, id_label,
                id_number, address, postcode, phone, email, fax=None, legal_rep=None,
                contact_person=None, agent=None, agent_phone=None, description, purpose,
                sig, date, method, medium, missing=(), invalid=(), review=()):
    """id_label: the document as the applicant named it (居民身份证 from
    证件名称：居民身份证, 身份证 from 身份证号码), None when nothing written
    names it.  agent, agent_phone: someone writing for the applicant (a
    lawyer, a relative) and their telephone.  review: why a clerk must
    decide (the case waits in needs_review), one reason per entry."""
    year = received[:4]
    state = ("needs_review" if review else
             "incomplete" if (missing or invalid) else "registered")
    return {
        "id": "%s-000001" % year,
        "state": state,
        "channel": "email",
        "received_at": received,
        "received_source": "received-header",
        "deadline": deadline,
        "deadline_provisional": False,
        "applicant": {"kind": kind, "name": applicant, "id_type": id_type,
                      "id_label": id_label, "id_number": id_number, "address": address,
                      "postcode": postcode, "phone": phone, "email": email, "fax": fax,
                      "legal_rep": legal_rep, "contact_person": contact_person,
                      "agent": agent, "agent_phone": agent_phone},
        "request": {"description": description, "purpose": purpose},
        "signature": {"present": sig is not None and sig is not False,
                      "text": sig if isinstance(sig, str) else None},
        "application_date": date,
        "delivery": {"method": method, "medium": medium},
        "missing": list(missing),
        "invalid": list(invalid),
        "review": list(review),
        "messages": [name],
    }


def write(outdir, name, data, message, case, ignore=None):
    """ignore: the paths corpus-compare.py skips, each with why."""
    with open(os.path.join(outdir, name + ".eml"), "wb") as f:
        f.write(data)
    exp = {"decoded": decoded_lines(data), "received_at": message["received_at"],
           "message": message, "case": case}
    if ignore:
        exp["ignore"] = ignore
    if case is not None:
        message["case"] = case["id"]
    with open(os.path.join(outdir, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
        f.write("\n")


def codec(label):
    """The codec a client really encodes with for a charset label: gb2312
    labels are written with the GBK (cp936) table, as Windows does."""
    return {"gb2312": "gbk", "GB2312": "gbk"}.get(label, label)


# ----------------------------------------------------- hold-outs: --truth DIR

# The external sets name identity documents in Chinese (external-a README);
# "other" here is the one document of that kind a hold-out uses.
TRUTH_ID_TYPES = {"resident_id": "居民身份证", "uscc": "统一社会信用代码", "passport": "护照",
                  "org_code": "组织机构代码", "other": "港澳居民来往内地通行证", None: None}


def truth_entry(name, message, case, extra_missing=(), override=None):
    """One truth.json object in the external sets' shape (external-a
    README): a non-application carries only its kind.  extra_missing: an
    element the external sets count as missing where the case waits for
    review; override: keys replaced (what a hold-out does not score)."""
    t = {"file": name + ".eml", "kind": message["kind"], "channel": "email"}
    if case is None:
        return t
    a = case["applicant"]
    missing = list(case["missing"]) + list(extra_missing)
    t.update({
        "complete": not missing and not case["invalid"],
        "missing": missing, "invalid": list(case["invalid"]),
        "applicant": {"kind": a["kind"], "name": a["name"],
                      "id_type": TRUTH_ID_TYPES.get(a["id_type"], a["id_type"]),
                      "id_number": a["id_number"], "address": a["address"],
                      "postcode": a["postcode"], "phone": a["phone"], "email": a["email"],
                      "fax": a["fax"], "legal_rep": a["legal_rep"],
                      "contact_person": a["contact_person"], "agent": a["agent"],
                      "agent_phone": a["agent_phone"]},
        "request": dict(case["request"]), "signature": dict(case["signature"]),
        "application_date": case["application_date"], "delivery": dict(case["delivery"]),
    })
    t.update(override or {})
    return t


def write_truth(outdir, only=(), entry=truth_entry):
    """The registered messages (those named in only, or all) as
    outdir/mail/NAME.eml and outdir/truth.json, for score-corpus.sh."""
    os.makedirs(os.path.join(outdir, "mail"), exist_ok=True)
    truth = []
    for fn in MSGS:
        name, data, m, c = fn()
        if only and name not in only:
            continue
        with open(os.path.join(outdir, "mail", name + ".eml"), "wb") as f:
            f.write(data)
        truth.append(entry(name, m, c))
    with open(os.path.join(outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote %d messages and truth.json to %s" % (len(truth), outdir))


def holdout_main(ignores=None, entry=truth_entry):
    """A hold-out generator's command line: [--truth DIR] [NAME ...]."""
    args = sys.argv[1:]
    if args[:1] == ["--truth"] and len(args) >= 2:
        write_truth(args[1], set(args[2:]), entry)
    elif ignores is not None:
        write_registered(set(args), ignores)
    else:
        write_registered(set(args))
