"""The text of a corpus message as a reader sees it, decoded: used by
check-corpus.py to find every expected value, and by mklib.write() to put
the decoded lines at the top of each NAME.expect.json ("decoded"), so
nobody has to decode base64 to know what a message tests.

Decodes chunked base64 line group by line group (Python's decoder, like
GMime 3.2.13, stops at the first padding), gb2312/gbk labels as GB18030,
unlabelled text as UTF-8 then GB18030, UTF-16 text with a byte-order mark,
.docx tables, and (for check-corpus.py only, when pdftotext is installed)
PDF attachments.  Standard library only."""
import base64
import email
import html
import io
import re
import subprocess
import tempfile
import zipfile
from email.header import decode_header

# Lines of a message shown in its expectation: enough for a form, not a
# whole newsletter.
DECODED_MAX_LINES = 40
DECODED_MAX_WIDTH = 160


def b64_groups(payload):
    out = b""
    buf = ""
    for line in payload.split():
        buf += line
        if line.endswith("="):
            out += base64.b64decode(buf)
            buf = ""
    if buf:
        out += base64.b64decode(buf)
    return out


def texts(part, out, pdf=True, names=None):
    """Appends the text of part and everything under it to out.  With
    names, a list, it reads as a person does: one part of an alternative
    (the plain text when there is one), HTML without its markup, and one
    "[attachment NAME, TYPE, SIZE]" line in names for each part whose text
    is not read here."""
    if part.is_multipart():
        subs = part.get_payload()
        if names is not None and part.get_content_type() == "multipart/alternative":
            plain = [p for p in subs if p.get_content_type() == "text/plain"]
            subs = plain[:1] or subs[:1]
        for p in subs:
            texts(p, out, pdf, names)
        return
    ct = part.get_content_type()
    if ct == "message/rfc822":
        for p in part.get_payload():
            texts(p, out, pdf, names)
        return
    if (part["Content-Transfer-Encoding"] or "").lower() == "base64":
        data = b64_groups(part.get_payload())
    else:
        data = part.get_payload(decode=True) or b""
    cs = part.get_content_charset() or "utf-8"
    cs = {"gb2312": "gb18030", "gbk": "gb18030"}.get(cs.lower(), cs)
    if ct.startswith("text/"):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            # Notepad's "Unicode": UTF-16 with a byte-order mark.
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode(cs)
            except (UnicodeDecodeError, LookupError):
                text = data.decode("gb18030", errors="replace")
        if ct == "text/html" and names is not None:
            text = re.sub(r"(?i)<(br|/p|/div|/tr|/li)[^>]*>", "\n", text)
            text = re.sub(r"(?i)</t[dh]>", " ", text)
            text = html.unescape(re.sub(r"(?s)<(style|script).*?</\1>|<[^>]+>", "", text))
        out.append(text)
    elif "wordprocessingml" in ct:
        z = zipfile.ZipFile(io.BytesIO(data))
        x = z.read("word/document.xml").decode()
        if names is not None:
            x = re.sub(r"</w:p>", "\n", x)
        out.append(re.sub(r"<[^>]+>", " ", x))
    elif ct == "application/pdf" and pdf:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as t:
            t.write(data)
            t.flush()
            try:
                txt = subprocess.run(["pdftotext", t.name, "-"],
                                     capture_output=True).stdout.decode()
                out.append(txt.replace("\n", ""))
            except OSError:
                pass
    elif names is not None:
        fn = part.get_filename()
        names.append("[attachment %s, %s, %d bytes]"
                     % (words_text(fn) if fn else "(no name)", ct, len(data)))


def words_text(v):
    """RFC 2047 words decoded, gb2312/gbk labels as GB18030."""
    # Adjacent words of one charset are joined before decoding: clients
    # split a character across two words.
    pieces = []
    for data, cs in decode_header(str(v)):
        if isinstance(data, str):
            data, cs = data.encode("utf-8", "surrogateescape"), "utf-8"
        cs = {"gb2312": "gb18030", "gbk": "gb18030"}.get((cs or "utf-8").lower(), cs or "utf-8")
        if pieces and pieces[-1][1] == cs:
            pieces[-1][0] += data
        else:
            pieces.append([data, cs])
    return "".join(d.decode(c, errors="replace") for d, c in pieces)


def header_text(raw, msg, name):
    """A header decoded; raw 8-bit GBK headers (no RFC 2047) as GB18030."""
    v = msg[name]
    if v is None:
        return None
    s = words_text(v)
    if "\ufffd" in s or any(0xdc80 <= ord(ch) <= 0xdcff for ch in s):
        m = re.search(rb"\n" + name.encode() + rb": ([^\r\n]*)", raw)
        if m:
            s = m.group(1).decode("gb18030", errors="replace")
    return s


def decoded_lines(raw):
    """The lines a reader sees: Subject, From, then the non-empty text lines
    of every part (PDFs and images named, not read), at most
    DECODED_MAX_LINES, each cut to DECODED_MAX_WIDTH characters."""
    m = email.message_from_bytes(raw)
    lines = []
    for h in ("Subject", "From"):
        v = header_text(raw, m, h)
        if v is not None:
            lines.append("%s: %s" % (h, v))
    out, names = [], []
    texts(m, out, pdf=False, names=names)
    for t in out:
        for line in t.splitlines():
            line = line.strip()
            if line:
                lines.append(line)
    lines += names
    if len(lines) > DECODED_MAX_LINES:
        lines = lines[:DECODED_MAX_LINES] + ["[… %d more lines]" % (len(lines) - DECODED_MAX_LINES)]
    return [l if len(l) <= DECODED_MAX_WIDTH else l[:DECODED_MAX_WIDTH] + "…" for l in lines]
