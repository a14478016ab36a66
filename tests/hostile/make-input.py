#!/usr/bin/env python3
"""Writes one input of the hostile-input test to a file.

usage: make-input.py NAME OUT

NAME is one of the names in INPUTS, or "application": the normal, complete
application that follows each hostile message in the inbox.  The big inputs
(a 30 MB attachment, a .docx that inflates to about 2 GB) are built here at
test time so that nothing big is committed; every input is the same bytes on
every run.
"""
import base64
import random
import struct
import sys
import zlib


def header(name, subject, extra=b""):
    return (b"From: =?UTF-8?B?" + base64.b64encode("王五".encode()) +
            b"?= <wangwu@example.com>\n"
            b"To: ogi@example.gov.cn\n"
            b"Date: Tue, 10 Mar 2026 09:00:00 +0800\n"
            b"Message-ID: <hostile-" + name.encode() + b"@example.com>\n"
            b"Subject: " + subject + b"\n"
            b"MIME-Version: 1.0\n" + extra)


def b64_lines(data):
    return base64.encodebytes(data)


def application():
    # 150502198503150019 passes the GB 11643 check digit.
    body = """政府信息公开申请表

姓名：李明
工作单位：通辽市第一中学
证件名称：居民身份证
证件号码：150502198503150019
通信地址：内蒙古自治区通辽市科尔沁区建国路12号
邮政编码：028000
联系电话：13904751234
电子邮箱：liming@example.com
所需信息的内容描述：2025年度通辽市城镇职工基本养老保险基金收支情况
所需信息的用途：学习研究
获取信息的方式：电子邮件
申请人签名：李明
申请时间：2026年3月9日
""".encode()
    return (b"From: =?UTF-8?B?" + base64.b64encode("李明".encode()) +
            b"?= <liming@example.com>\n"
            b"To: ogi@example.gov.cn\n"
            b"Date: Tue, 10 Mar 2026 09:01:00 +0800\n"
            b"Message-ID: <application-1@example.com>\n"
            b"Subject: =?UTF-8?B?" +
            base64.b64encode("政府信息公开申请".encode()) + b"?=\n"
            b"MIME-Version: 1.0\n"
            b"Content-Type: text/plain; charset=UTF-8\n"
            b"Content-Transfer-Encoding: 8bit\n"
            b"\n" + body)


def truncated():
    """A multipart cut in the middle of a base64 line; no closing boundary."""
    pdf = random.Random(1).randbytes(6000)
    enc = b64_lines(pdf)
    cut = enc[:len(enc) // 2]
    cut = cut[:cut.rfind(b"\n") + 38]
    return (header("truncated", b"=?UTF-8?B?" +
                   base64.b64encode("申请公开（见附件）".encode()) + b"?=",
                   b'Content-Type: multipart/mixed; boundary="b1"\n') +
            b"\n--b1\n"
            b"Content-Type: text/plain; charset=UTF-8\n\n" +
            "申请表见附件。\n".encode() +
            b"\n--b1\n"
            b"Content-Type: application/pdf; name=\"form.pdf\"\n"
            b"Content-Disposition: attachment; filename=\"form.pdf\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + cut)


def badcharset():
    """Charset labels that name nothing; the bytes are really GBK."""
    return (header("badcharset",
                   b"=?x-no-such-charset?B?" +
                   base64.b64encode("申请公开".encode("gbk")) + b"?=",
                   b"Content-Type: text/plain; charset=\"x-no-such-charset\"\n"
                   b"Content-Transfer-Encoding: 8bit\n") +
            b"\n" + "申请公开本局2025年度部门预算。\n".encode("gbk") +
            b"\xff\xfe\x80\x81 \xc0\xaf\n")


def nesting():
    """Multiparts nested 300 deep, each closed properly."""
    depth = 300
    out = [header("nesting", b"nested",
                  b'Content-Type: multipart/mixed; boundary="n0"\n'), b"\n"]
    for i in range(depth):
        out.append(b"--n%d\n" % i)
        if i + 1 < depth:
            out.append(b'Content-Type: multipart/mixed; boundary="n%d"\n\n'
                       % (i + 1))
        else:
            out.append(b"Content-Type: text/plain; charset=UTF-8\n\nbottom\n")
    for i in reversed(range(depth)):
        out.append(b"--n%d--\n" % i)
    return b"".join(out)


def big():
    """A 30 MB attachment."""
    data = random.Random(2).randbytes(30 << 20)
    return (header("big", b"scan",
                   b'Content-Type: multipart/mixed; boundary="b2"\n') +
            b"\n--b2\n"
            b"Content-Type: text/plain; charset=UTF-8\n\n" +
            "扫描件见附件。\n".encode() +
            b"\n--b2\n"
            b"Content-Type: application/octet-stream; name=\"scan.tif\"\n"
            b"Content-Disposition: attachment; filename=\"scan.tif\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + b64_lines(data) +
            b"\n--b2--\n")


def zip_entry(name, data_len, crc, comp, method):
    """A local header and the matching central directory record."""
    name = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5A21,
                        crc, len(comp), data_len, len(name), 0) + name + comp
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method,
                          0, 0x5A21, crc, len(comp), data_len, len(name),
                          0, 0, 0, 0, 0, 0) + name
    return local, central


def zipbomb_docx():
    """A .docx whose word/document.xml inflates to about 2 GB of zeros.

    Deflating 2 GB would take seconds; instead one 1 MiB chunk of zeros is
    deflated after a full flush (which resets the compressor), so every
    chunk compresses to the same bytes and the stream is that block
    repeated, then the final empty block."""
    chunk, count = 1 << 20, 1907
    zeros = bytes(chunk)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    third = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == third
    stream = first + again * (count - 1) + c.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    assert zlib.decompressobj(-15).decompress(stream[:len(first) * 3],
                                              chunk) == zeros

    files = [("[Content_Types].xml",
              b'<?xml version="1.0" encoding="UTF-8"?>'
              b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'content-types"><Override PartName="/word/document.xml" '
              b'ContentType="application/vnd.openxmlformats-officedocument.'
              b'wordprocessingml.document.main+xml"/></Types>'),
             ("_rels/.rels",
              b'<?xml version="1.0" encoding="UTF-8"?>'
              b'<Relationships xmlns="http://schemas.openxmlformats.org/'
              b'package/2006/relationships"><Relationship Id="rId1" '
              b'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              b'relationships/officeDocument" Target="word/document.xml"/>'
              b'</Relationships>')]
    out, central = b"", b""
    for name, data in files:
        local, cen = zip_entry(name, len(data), zlib.crc32(data), data, 0)
        central += cen[:42] + struct.pack("<I", len(out)) + cen[46:]
        out += local
    local, cen = zip_entry("word/document.xml", chunk * count, crc, stream, 8)
    central += cen[:42] + struct.pack("<I", len(out)) + cen[46:]
    out += local
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 3, 3, len(central),
                       len(out), 0)
    return out + central + eocd


def zipbomb():
    docx = zipbomb_docx()
    return (header("zipbomb", b"=?UTF-8?B?" +
                   base64.b64encode("信息公开申请表".encode()) + b"?=",
                   b'Content-Type: multipart/mixed; boundary="b3"\n') +
            b"\n--b3\n"
            b"Content-Type: text/plain; charset=UTF-8\n\n" +
            "申请表见附件。\n".encode() +
            b"\n--b3\n"
            b"Content-Type: application/vnd.openxmlformats-officedocument."
            b"wordprocessingml.document; name=\"form.docx\"\n"
            b"Content-Disposition: attachment; filename=\"form.docx\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + b64_lines(docx) +
            b"\n--b3--\n")


def nul():
    """NUL bytes in header names and values."""
    return (b"From: wangwu\0@example.com\n"
            b"To: ogi@example.gov.cn\n"
            b"Date: Tue, 10 Mar 2026 09:00:00 +0800\n"
            b"Message-ID: <hostile-nul\0@example.com>\n"
            b"Subject: " + "申请".encode() + b"\0" + "公开".encode() + b"\n"
            b"X-Ev\0il: 1\n"
            b"MIME-Version: 1.0\n"
            b"Content-Type: text/plain; charset=UTF-8\0\n"
            b"\n" + "正文。\n".encode())


def filename():
    """Attachment names that climb directories and smuggle CR LF."""
    sneaky = "../../ogi-evil\r\nX-Injected: yes.txt".encode()
    return (header("filename", b"files",
                   b'Content-Type: multipart/mixed; boundary="b4"\n') +
            b"\n--b4\n"
            b"Content-Type: text/plain; charset=UTF-8\n\n" +
            "附件三个。\n".encode() +
            b"\n--b4\n"
            b"Content-Type: text/plain; name=\"=?UTF-8?B?" +
            base64.b64encode(sneaky) + b"?=\"\n"
            b"Content-Disposition: attachment;\n"
            b" filename*=UTF-8''..%2F..%2F..%2Fogi-evil%0D%0ABcc%3A%20x%40"
            b"example.com.txt\n\n"
            b"one\n"
            b"\n--b4\n"
            b"Content-Type: application/octet-stream\n"
            b"Content-Disposition: attachment; filename=\"../../../../../../"
            b"tmp/ogi-evil-abs\"\n"
            b"Content-Transfer-Encoding: base64\n\n" +
            b64_lines(b"two\n") +
            b"\n--b4\n"
            b"Content-Type: application/octet-stream\n"
            b"Content-Disposition: attachment; filename=\"..\\\\..\\\\"
            b"ogi-evil.exe\"\n\n"
            b"three\n"
            b"\n--b4--\n")


def longheader():
    """A 560 KB header of unterminated encoded-word starts: GMime decodes
    such a value in time growing with the square of its length."""
    return header("longheader", b"headers",
                  b"X-Junk: " + b"=?a?B?X" * 80000 + b"\n" +
                  b"Content-Type: text/plain; charset=UTF-8\n") + \
        "\n正文。\n".encode()


def idname():
    """Attachment names holding identity and mobile numbers, as people name
    their scans, on parts that are reported as problems (cut base64, a path
    in the name): the log must mask them, the database keeps them."""
    cut = b64_lines(random.Random(3).randbytes(3000))
    cut = cut[:cut.rfind(b"\n", 0, len(cut) // 2) + 39]
    names = ["张伟身份证11010119900307002X.jpg",
             "../李娜身份证４４０３０１１９８５１２２４００３４.png",
             "王芳手机13904751234.txt"]
    parts = []
    for i, name in enumerate(names):
        enc = base64.b64encode(name.encode()).decode()
        parts.append(b"\n--b5\n"
                     b"Content-Type: application/octet-stream\n"
                     b"Content-Disposition: attachment; filename=\"=?UTF-8?B?" +
                     enc.encode() + b"?=\"\n"
                     b"Content-Transfer-Encoding: base64\n\n" +
                     (cut if i != 1 else b64_lines(b"scan\n")))
    return (header("idname", b"=?UTF-8?B?" +
                   base64.b64encode("身份证扫描件".encode()) + b"?=",
                   b'Content-Type: multipart/mixed; boundary="b5"\n') +
            b"\n--b5\n"
            b"Content-Type: text/plain; charset=UTF-8\n\n" +
            "身份证扫描件见附件。\n".encode() + b"".join(parts) +
            b"\n--b5--\n")


def manyfields():
    """One body line of 50,000 padded fields (about 1 MB as sent): the
    layout pass splits such a line field by field, and a recursion that
    deep overflowed the parser worker's stack."""
    body = "政府信息公开申请表\n" + "姓名：张  " * 50000 + "\n"
    return (header("manyfields", b"=?UTF-8?B?" +
                   base64.b64encode("政府信息公开申请".encode()) + b"?=",
                   b"Content-Type: text/plain; charset=UTF-8\n"
                   b"Content-Transfer-Encoding: base64\n") +
            b"\n" + b64_lines(body.encode()))


INPUTS = {
    "truncated": truncated,
    "badcharset": badcharset,
    "nesting": nesting,
    "big": big,
    "zipbomb": zipbomb,
    "nul": nul,
    "filename": filename,
    "longheader": longheader,
    "idname": idname,
    "manyfields": manyfields,
}


def main():
    if len(sys.argv) != 3 or (sys.argv[1] not in INPUTS and
                              sys.argv[1] != "application"):
        sys.exit("usage: make-input.py {%s|application} OUT"
                 % "|".join(INPUTS))
    make = INPUTS.get(sys.argv[1], application)
    with open(sys.argv[2], "wb") as f:
        f.write(make())


if __name__ == "__main__":
    main()
