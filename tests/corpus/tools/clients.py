"""Client templates: each returns the bytes of a message as that client
sends it.  Header order, boundaries and encodings follow real samples of
each client."""
from mklib import (codec, Msg, b64, b64_chunked, qp, ew, ew_words, esc, OFFICE,
                   foxmail_html, qq_html, coremail_html, word_html)


def _part(m, ctype, cte, payload_lines):
    m.add(ctype, "Content-Transfer-Encoding: " + cte, "", payload_lines)


def attachment_part(m, att):
    """att: dict(ctype=..., name_hdr=[lines], disp=[lines], data=bytes)."""
    m.add(att["ctype"])
    m.add("Content-Transfer-Encoding: base64")
    m.add(att["disp"])
    m.add("", b64(att["data"]))


def foxmail(*, received, date, frm_name, frm, subject, text, mid, cs="gb2312",
            to="ogi", eol="\r\n", attachments=(), guid="A3F9C2D1-7B4E-4C8A-9E21-5D6F0B3A8C47",
            nextpart="581365184237"):
    m = Msg(eol)
    m.header_block(received)
    m.add("Date: " + date)
    m.add("From: " + ("%s <%s>" % (ew(frm_name, cs), frm) if frm_name else frm))
    m.add("To: %s <%s>" % (ew(to, cs) if not to.isascii() else to, OFFICE))
    m.add("Subject: " + ew(subject, cs))
    m.add("X-Priority: 3", "X-GUID: " + guid,
          "X-Has-Attach: " + ("yes" if attachments else "no"),
          "X-Mailer: Foxmail 7.2.25.228[cn]", "Mime-Version: 1.0",
          "Message-ID: <%s>" % mid)
    alt = "----=_001_NextPart%s_=----" % nextpart
    if attachments:
        mixed = alt
        alt = "----=_002_NextPart%s_=----" % str(int(nextpart) + 1111)
        m.add("Content-Type: multipart/mixed;", '\tboundary="%s"' % mixed, "",
              "This is a multi-part message in MIME format.", "", "--" + mixed,
              "Content-Type: multipart/alternative;", '\tboundary="%s"' % alt, "", "")
    else:
        m.add("Content-Type: multipart/alternative;", '\tboundary="%s"' % alt, "",
              "This is a multi-part message in MIME format.", "")
    body = (text.replace("\n", "\r\n") + "\r\n\r\n\r\n" + frm + "\r\n").encode(codec(cs))
    m.add("--" + alt, "Content-Type: text/plain;", '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: base64", "", b64(body), "")
    html = foxmail_html(text, cs, frm).encode(codec(cs))
    m.add("--" + alt, "Content-Type: text/html;", '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: quoted-printable", "", qp(html), "", "--" + alt + "--", "")
    if attachments:
        for att in attachments:
            m.add("--" + mixed)
            attachment_part(m, att)
            m.add("")
        m.add("--" + mixed + "--", "")
    return m.bytes()


def qq(*, received, date, frm_name, frm, subject, mid, text=None, html=None,
       cs="gb18030", eol="\r\n", qqmid="webmail812t1717935273t8264731",
       ip="117.136.24.188", np="6669F2A9_0C1E7B40_5D3A8F11", extra_headers=(),
       to_name="通辽市人社局"):
    m = Msg(eol)
    m.header_block(received)
    m.add("X-QQ-FEAT: 3+bnJ2Kvs2ZY3Bm9vFfXnq0rCxdQpWqS2kD5zYhA0m4=",
          "X-QQ-SSF: 00000000000000F0000000000000",
          "X-QQ-BUSINESS-ORIGIN: 2",
          "X-Originating-IP: " + ip,
          "X-QQ-STYLE: ",
          "X-QQ-mid: " + qqmid)
    m.add(list(extra_headers))
    m.add('From: "%s" <%s>' % (ew(frm_name, cs), frm))
    m.add('To: "%s" <%s>' % (ew(to_name, cs), OFFICE))
    m.add("Subject: " + ew(subject, cs))
    m.add("Mime-Version: 1.0")
    b = "----=_NextPart_" + np
    if text is not None:
        m.add("Content-Type: multipart/alternative;", '\tboundary="%s"' % b)
    else:
        m.add('Content-Type: text/html;', '\tcharset="%s"' % cs)
    m.add("Content-Transfer-Encoding: " + ("8Bit" if text is not None else "base64"),
          "Date: " + date, "X-Priority: 3", "Message-ID: <%s>" % mid,
          "X-QQ-MIME: TCMime 1.0 by Tencent", "X-Mailer: QQMail 2.x", "X-QQ-Mailer: QQMail 2.x", "")
    if text is None:
        m.add(b64(html.encode(codec(cs))))
        return m.bytes()
    m.add("This is a multi-part message in MIME format.", "")
    m.add("--" + b, 'Content-Type: text/plain;', '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: base64", "", b64(text.replace("\n", "\r\n").encode(codec(cs))), "")
    m.add("--" + b, 'Content-Type: text/html;', '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: base64", "", b64(html.encode(codec(cs))), "", "--" + b + "--", "")
    return m.bytes()


def coremail(*, received, date, frm_name, frm, subject, mid, text, html, cs="GBK",
             eol="\r\n", ip="223.104.94.21", part="178234_1129838571.1773626711432",
             domain="163com", subject_hdr=None, extra_headers=(), chunked=None,
             version="XT5.0.14 build 20230109(dcb5de15)"):
    m = Msg(eol)
    m.header_block(received)
    m.add("X-Originating-IP: [%s]" % ip)
    m.add("Date: %s (CST)" % date)
    m.add("From: %s <%s>" % (ew(frm_name, cs), frm) if frm_name else "From: " + frm)
    m.add("To: " + OFFICE)
    m.add("Subject: " + (subject_hdr if subject_hdr else ew(subject, cs)))
    m.add("X-Priority: 3",
          "X-Mailer: Coremail Webmail Server Version %s" % version,
          " Copyright (c) 2002-2026 www.mailtech.cn %s" % domain,
          "X-NTES-SC: AL_Qu2cAP2eu0so5iKaYukfmk4Vh+o2WcO1v/0u2IRXP5B+jC7p0x0ccVFGN1Tz3/OUNR2Iqx2lLmk3==")
    m.add(list(extra_headers))
    b = "----=_Part_" + part
    m.add("Content-Type: multipart/alternative; ", '\tboundary="%s"' % b,
          "MIME-Version: 1.0", "Message-ID: <%s>" % mid,
          "X-Coremail-Locale: zh_CN",
          "X-CM-TRANSID:_____wD3n3mHnQZp2kQBAA--.41296W",
          "X-CM-SenderInfo: 5kdqwvxorqwh0t1qqiywtou0bp/1tbiMxR9tGXAk3+8nQABsD",
          "X-Coremail-Antispam: 1U5529EdanIXcx71UUUUU7vcSsGvfC2KfnxnUU==", "")
    plain = text.replace("\n", "\r\n").encode(codec(cs))
    m.add("--" + b, "Content-Type: text/plain; charset=" + cs,
          "Content-Transfer-Encoding: base64", "")
    if chunked:
        m.add(b64_chunked([p.replace("\n", "\r\n").encode(codec(cs)) for p in chunked]))
    else:
        m.add(b64(plain))
    m.add("--" + b, "Content-Type: text/html; charset=" + cs,
          "Content-Transfer-Encoding: base64", "", b64(html.encode(codec(cs))), "--" + b + "--", "")
    return m.bytes()


def outlook2016(*, received, date, frm_name, frm, subject, mid, paras, cs="gb2312",
                eol="\r\n", thread_index="AdywXhqkQ4r2d0m1T9mN3bXyZ0k2Lg==",
                np="000_0007_01DCB0A1.4D4D5C40", lang="zh-cn", font="宋体",
                html_lang="ZH-CN", to_hdr=None, subject_enc="B", plain_only=False):
    m = Msg(eol)
    m.header_block(received)
    m.add("From: " + ('"%s" <%s>' % (ew(frm_name, cs), frm)))
    m.add("To: " + (to_hdr or "<%s>" % OFFICE))
    m.add("Subject: " + ew_words(subject, cs, 30, subject_enc, sep=eol + "\t"))
    m.add("Date: " + date, "Message-ID: <%s>" % mid, "MIME-Version: 1.0")
    text = "\n".join(paras) + "\n"
    if plain_only:
        m.add("Content-Type: text/plain;", '\tcharset="%s"' % cs,
              "Content-Transfer-Encoding: quoted-printable",
              "X-Mailer: Microsoft Outlook 16.0", "Thread-Index: " + thread_index,
              "Content-Language: " + lang, "", qp(text.replace("\n", "\r\n").encode(codec(cs))))
        return m.bytes()
    b = "----=_NextPart_" + np
    m.add("Content-Type: multipart/alternative;", '\tboundary="%s"' % b,
          "X-Mailer: Microsoft Outlook 16.0", "Thread-Index: " + thread_index,
          "Content-Language: " + lang, "",
          "This is a multipart message in MIME format.", "")
    m.add("--" + b, "Content-Type: text/plain;", '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: quoted-printable", "",
          qp(text.replace("\n", "\r\n").encode(codec(cs))), "")
    html = word_html(paras, html_lang, font, cs)
    m.add("--" + b, "Content-Type: text/html;", '\tcharset="%s"' % cs,
          "Content-Transfer-Encoding: quoted-printable", "",
          qp(html.encode(codec(cs))), "", "--" + b + "--", "")
    return m.bytes()


def iphone(*, received, date, frm_name, frm, subject, mid, text, eol="\n",
           build="20H115", to_name=None):
    m = Msg(eol)
    m.header_block(received)
    m.add("Content-Type: text/plain; charset=utf-8",
          "Content-Transfer-Encoding: 8bit",
          "From: %s <%s>" % (ew(frm_name, "utf-8"), frm),
          "Mime-Version: 1.0 (1.0)",
          "Date: " + date,
          "Subject: " + ew(subject, "utf-8"),
          "Message-Id: <%s>" % mid,
          "To: " + ("%s <%s>" % (ew(to_name, "utf-8"), OFFICE) if to_name else OFFICE),
          "X-Mailer: iPhone Mail (%s)" % build, "")
    m.add(text.replace("\r\n", "\n").split("\n"))
    return m.bytes()


def gmail(*, frm_name, frm, date, mid, subj, text, received, bnd, extra=()):
    """Gmail web: UTF-8 base64 text/plain and a div-per-line text/html;
    extra: header lines after MIME-Version (In-Reply-To, Cc ...)."""
    html = "<div dir=\"ltr\">" + "".join(
        "<div>%s</div>" % (esc(l) if l else "<br>") for l in text.rstrip("\n").split("\n")) + "</div>\n"
    m_ = Msg("\r\n")
    m_.header_block(received)
    m_.add("MIME-Version: 1.0", *extra)
    m_.add("From: %s <%s>" % (ew(frm_name, "UTF-8") if not frm_name.isascii() else frm_name, frm),
           "Date: " + date, "Message-ID: <%s>" % mid,
           "Subject: " + (ew(subj, "UTF-8") if not subj.isascii() else subj), "To: " + OFFICE,
           'Content-Type: multipart/alternative; boundary="%s"' % bnd, "",
           "--" + bnd, 'Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: base64", "",
           b64(text.replace("\n", "\r\n").encode("utf-8")), "",
           "--" + bnd, 'Content-Type: text/html; charset="UTF-8"', "Content-Transfer-Encoding: base64", "",
           b64(html.encode("utf-8")), "", "--" + bnd + "--", "")
    return m_.bytes()


def flowed(text, width=72):
    """RFC 3676 format=flowed as Thunderbird writes it: a line longer than
    width is broken after the last space that fits, the space left at the
    end of the line (a soft break); lines starting with a space, ">" or
    "From " are space-stuffed."""
    out = []
    for line in text.split("\n"):
        if line.startswith((" ", ">", "From ")):
            line = " " + line
        while len(line) > width and " " in line[:width]:
            cut = line.rindex(" ", 0, width) + 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def thunderbird(*, received, date, frm_name, frm, subject, mid, text, lang="en-US", eol="\r\n"):
    """Thunderbird 115, plain text only, format=flowed; User-Agent, no
    X-Mailer; 7bit when the text is ASCII, else UTF-8 8bit."""
    m = Msg(eol)
    m.header_block(received)
    body = flowed(text)
    m.add("Message-ID: <%s>" % mid, "Date: " + date, "MIME-Version: 1.0",
          "User-Agent: Mozilla Thunderbird", "Content-Language: " + lang, "To: " + OFFICE,
          "From: %s <%s>" % (frm_name if frm_name.isascii() else ew(frm_name, "UTF-8"), frm),
          "Subject: " + (subject if subject.isascii() else ew(subject, "UTF-8")),
          "Content-Type: text/plain; charset=UTF-8; format=flowed",
          "Content-Transfer-Encoding: " + ("7bit" if body.isascii() else "8bit"), "")
    m.add(body.split("\n"))
    return m.bytes()
