#!/usr/bin/env python3
"""Writes the third hold-out set, messages 078-089: tests/corpus/NAME.eml
and NAME.expect.json; with --truth DIR, the same twelve messages as
DIR/mail/NAME.eml and DIR/truth.json in the format of the external sets
(../shared/corpus/external-a/README.md), to be scored with
../shared/tools/score-corpus.sh.

Run from anywhere:
    python3 tests/corpus/tools/make-holdout3.py [NAME ...]
    python3 tests/corpus/tools/make-holdout3.py --truth DIR

Written without looking at the extractor's rules, in layouts and attachments
the corpus lacked:
  078  Word form pasted by Outlook: every label alone on a line, its value on
       the next; ☑/□ check boxes (UTF-8, quoted-printable)
  079  numbered sections (一、申请人信息 … 四、获取方式) with the section's
       value on the line after its heading (163 Coremail, GBK)
  080  two-column plain-text table aligned with spaces, no colons; no date
       written -> incomplete (Claws Mail, UTF-8 base64)
  081  WPS paste: U+3000 padding inside labels and between two fields on one
       line, ■/□, an empty 电子邮箱 (QQ Mail, GB18030)
  082  ☒ as the marked box, （√） for the purpose (Sina webmail, UTF-8 QP)
  083  ［√］/［　］ and [x]/[ ] boxes; no signature line -> incomplete (Gmail)
  084  format=flowed; delsp=yes soft breaks inside the address and the request
       (Thunderbird, UTF-8 8bit, LF)
  085  prose hard-wrapped at 76 columns by Outlook's plain-text editor, the
       address and the request continued on the next line; the ID's check
       character is wrong -> incomplete (gb2312 QP, plain only)
  086  the form only in a .txt attachment saved by Notepad as "Unicode":
       UTF-16LE with a BOM, no charset parameter; √ before the chosen option
  087  the form only as a JPEG photo, a one-line body: nothing to read until
       OCR, so a clerk must look -> needs_review (iPhone Mail)
  088  organisation, ✓ and ✔ marking the chosen option of otherwise unmarked
       ones (126 Coremail, GB18030)
  089  Word form by Outlook 365 (labels above values), ✔/☐, the signature
       label with an empty line under it -> incomplete (UTF-8 base64)
The JPEG of 087 is drawn here (a DC-only baseline JPEG of a page with rows
of dark blocks): it has the size and shape of a photo, not readable text.
Expected values are hand-written as a clerk would record them (README "How
the expectations are written"); identity numbers, check characters and
deadlines computed by hand.  Standard library only.
"""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mklib import (msg, truth_entry, holdout_main, mx, OFFICE, Msg, b64, qp, ew, esc, crlf, word_html,
                   coremail_html, qq_html, expect_message, expect_case)
from clients import foxmail, qq, coremail, outlook2016, gmail


# ------------------------------------------------------------- line wrapping

# A line may not start with closing punctuation nor end with opening
# punctuation (domain.md section 5); clients that wrap Chinese text obey it.
NO_LINE_START = "，。、；：？！）》」』】〕…’”"
NO_LINE_END = "（《「『【〔‘“"


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap(line, cols):
    """Breaks line into pieces of at most cols display columns (a CJK
    character is two), as a mail client's editor does: never inside a run of
    ASCII letters and digits, never against the punctuation rules above."""
    tokens = []
    for ch in line:
        if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1:].isascii() and tokens[-1][-1:].isalnum():
            tokens[-1] += ch
        elif tokens and (ch in NO_LINE_START or tokens[-1][-1] in NO_LINE_END):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    out, cur = [], ""
    for t in tokens:
        if cur and width(cur + t) > cols:
            out.append(cur)
            cur = ""
        cur += t
    out.append(cur)
    return out


def hard_wrap(text, cols):
    return "\n".join("\n".join(wrap(l, cols)) for l in text.split("\n"))


def flowed_delsp(text, cols):
    """RFC 3676 format=flowed with DelSp=yes: a long line is cut into pieces
    that each end in a space the reader deletes when it joins them."""
    return "\n".join(" \n".join(wrap(l, cols - 1)) for l in text.split("\n"))


# ------------------------------------------------------------- the JPEG photo

# JPEG Annex K luminance table; only its first (DC) entry matters here.
QUANT = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
         14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
         49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # Annex K.3 luminance DC
DC_VALS = list(range(12))


def jpeg_photo(w, h, seed):
    """A baseline greyscale JPEG, w x h pixels, each 8x8 block flat: a pale
    page on a darker desk with rows of dark blocks where handwriting would be.
    Only DC coefficients are coded (every block's AC part is one EOB)."""
    codes, code, k = {}, 0, 0
    for length, n in enumerate(DC_BITS, 1):
        for _ in range(n):
            codes[DC_VALS[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    bw, bh = (w + 7) // 8, (h + 7) // 8
    rnd = seed

    def level(bx, by):
        nonlocal rnd
        if bx < bw // 12 or bx >= bw - bw // 12 or by < bh // 14 or by >= bh - bh // 14:
            return 64
        row = (by - bh // 14) % 4
        rnd = (rnd * 1103515245 + 12345) & 0x7FFFFFFF
        if row == 1 and bw // 8 < bx < bw - bw // 8 and (rnd >> 16) % 5:
            return 96
        return 212

    acc, nbits, out, prev = 0, 0, bytearray(), 0

    def put(value, n):
        nonlocal acc, nbits
        acc = (acc << n) | value
        nbits += n
        while nbits >= 8:
            nbits -= 8
            b = (acc >> nbits) & 0xFF
            out.append(b)
            if b == 0xFF:
                out.append(0)

    for by in range(bh):
        for bx in range(bw):
            dc = round((level(bx, by) - 128) * 8 / QUANT[0])
            diff, prev = dc - prev, dc
            cat = abs(diff).bit_length()
            put(*codes[cat])
            if cat:
                put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            put(0, 1)  # EOB, the only AC code
    if nbits:
        put((1 << (8 - nbits)) - 1, 8 - nbits)

    def seg(marker, payload):
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload

    return b"".join([
        b"\xff\xd8",
        seg(0xE0, b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"),
        seg(0xDB, bytes([0] + QUANT)),
        seg(0xC0, bytes([8]) + h.to_bytes(2, "big") + w.to_bytes(2, "big") + bytes([1, 1, 0x11, 0])),
        seg(0xC4, bytes([0x00] + DC_BITS + DC_VALS) + bytes([0x10, 1] + [0] * 15 + [0])),
        seg(0xDA, bytes([1, 1, 0x00, 0, 63, 0])),
        bytes(out), b"\xff\xd9"])


# ------------------------------------------------------------- clients

def claws(*, received, date, frm_name, frm, subject, mid, text):
    """Claws Mail on Windows: one text/plain part, UTF-8 in base64, LF."""
    m = Msg("\n")
    m.header_block(received)
    m.add("Date: " + date, "From: %s <%s>" % (ew(frm_name, "UTF-8"), frm), "To: " + OFFICE,
          "Subject: " + ew(subject, "UTF-8"), "Message-ID: <%s>" % mid,
          "X-Mailer: Claws Mail 4.1.1 (GTK 3.24.38; x86_64-w64-mingw32)", "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
          b64(crlf(text).encode("utf-8")))
    return m.bytes()


def sina(*, received, date, frm, subject, mid, text, boundary):
    """Sina webmail: multipart/alternative, UTF-8 quoted-printable."""
    html = "<html><body>" + "<br>".join(esc(l) for l in text.split("\n")) + "</body></html>"
    m = Msg("\r\n")
    m.header_block(received)
    m.add("Date: " + date, "Message-Id: <%s>" % mid, "From: <%s>" % frm, "To: <%s>" % OFFICE,
          "Subject: " + ew(subject, "UTF-8"), "MIME-Version: 1.0", "X-Mailer: SinaMail 3.0",
          'Content-Type: multipart/alternative; boundary="%s"' % boundary, "", "",
          "--" + boundary, "Content-Type: text/plain; charset=UTF-8",
          "Content-Transfer-Encoding: quoted-printable", "", qp(crlf(text).encode("utf-8")), "",
          "--" + boundary, "Content-Type: text/html; charset=UTF-8",
          "Content-Transfer-Encoding: quoted-printable", "", qp(html.encode("utf-8")), "",
          "--" + boundary + "--", "")
    return m.bytes()


def thunderbird_flowed(*, received, date, frm_name, frm, subject, mid, text):
    """Thunderbird: text/plain, UTF-8 8bit, format=flowed with DelSp=yes
    (what it writes for CJK text), LF."""
    m = Msg("\n")
    m.header_block(received)
    m.add("Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=yes",
          "Content-Transfer-Encoding: 8bit", "Message-ID: <%s>" % mid, "Date: " + date,
          "MIME-Version: 1.0", "User-Agent: Mozilla Thunderbird", "Content-Language: zh-CN",
          "To: " + OFFICE, "From: %s <%s>" % (ew(frm_name, "UTF-8"), frm),
          "Subject: " + ew(subject, "UTF-8"), "")
    m.add(text.split("\n"))
    return m.bytes()


def iphone_photo(*, received, date, frm_name, frm, subject, mid, text, photo, photo_name, boundary,
                 part_url):
    """iPhone Mail with a photo: the text, the image inline, then the
    signature in a text part of its own after it."""
    m = Msg("\r\n")
    m.header_block(received)
    m.add("Content-Type: multipart/mixed; boundary=" + boundary,
          "Content-Transfer-Encoding: 7bit",
          "From: %s <%s>" % (ew(frm_name, "utf-8"), frm),
          "Mime-Version: 1.0 (1.0)", "Date: " + date, "Subject: " + ew(subject, "utf-8"),
          "Message-Id: <%s>" % mid, "To: " + OFFICE, "X-Mailer: iPhone Mail (22B91)", "",
          "", "--" + boundary, "Content-Type: text/plain;", "\tcharset=utf-8",
          "Content-Transfer-Encoding: base64", "", b64(text.encode("utf-8")),
          "--" + boundary, "Content-Type: image/jpeg;", "\tname=" + photo_name + ";",
          "\tx-apple-part-url=" + part_url, "Content-Disposition: inline;",
          "\tfilename=" + photo_name, "Content-Transfer-Encoding: base64", "", b64(photo),
          "--" + boundary, "Content-Type: text/plain;", "\tcharset=utf-8",
          "Content-Transfer-Encoding: base64", "", b64("\r\n\r\n发自我的iPhone".encode("utf-8")),
          "--" + boundary + "--", "")
    return m.bytes()


def outlook365(*, received, date, frm_name, frm, subject, mid, paras, boundary, thread_index):
    """Outlook (Microsoft 365) through Exchange Online: UTF-8 base64 plain
    text, quoted-printable Word HTML."""
    m = Msg("\r\n")
    m.header_block(received)
    m.add("From: %s <%s>" % (ew(frm_name, "utf-8"), frm),
          'To: "%s" <%s>' % (OFFICE, OFFICE),
          "Subject: " + ew(subject, "utf-8"), "Thread-Topic: " + ew(subject, "utf-8"),
          "Thread-Index: " + thread_index, "Date: " + date, "Message-ID: <%s>" % mid,
          "Accept-Language: zh-CN, en-US", "Content-Language: zh-CN",
          "X-MS-Has-Attach:", "X-MS-TNEF-Correlator:", "x-ms-publictraffictype: Email",
          "Content-Type: multipart/alternative;", '\tboundary="%s"' % boundary, "MIME-Version: 1.0", "",
          "--" + boundary, 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
          b64(crlf("\n".join(paras) + "\n").encode("utf-8")), "",
          "--" + boundary, 'Content-Type: text/html; charset="utf-8"',
          "Content-Transfer-Encoding: quoted-printable", "",
          qp(word_html(paras, "ZH-CN", "等线", "utf-8").encode("utf-8")), "", "--" + boundary + "--", "")
    return m.bytes()


# =============================================================== 078
@msg
def m078():
    # A Word form copied into Outlook: each label and each value a
    # paragraph of its own.  The chosen options carry ☑ (not in GBK, so
    # Outlook sends UTF-8).
    name = "078-outlook-word-form-labels-above-values"
    rec = "2026-11-03T09:41:17+08:00"
    paras = [
        "您好！", "",
        "附件打不开的话看这里，我把申请表的内容复制在下面了，请受理。", "",
        "政府信息公开申请表",
        "申请人姓名", "敖登格日乐",
        "证件名称", "居民身份证",
        "证件号码", "150502198803142627",
        "通信地址", "通辽市科尔沁区永清大街东段新兴家园6号楼1单元602室",
        "邮政编码", "028000",
        "联系电话", "15147583261",
        "电子邮箱", "aodeng_gerile@outlook.com",
        "所需信息的内容描述", "2025年度科尔沁区城镇零就业家庭认定名单及就业援助措施落实情况",
        "所需信息的用途", "了解本社区就业援助政策的执行情况",
        "所需信息的指定提供方式", "□纸面　☑电子邮件　□光盘　□磁盘",
        "获取信息的方式", "□邮寄　□快递　☑电子邮件　□传真　□自行领取",
        "申请人签名（盖章）", "敖登格日乐",
        "申请时间", "2026年11月2日", "",
        "谢谢！", "",
        "敖登格日乐",
        "手机：15147583261",
    ]
    received = mx("aodeng_gerile@outlook.com", "APC01-TYZ-obe.outbound.protection.outlook.com",
                  "40.92.107.17", "Tue, 03 Nov 2026 09:41:17 +0800", "4HmC2r7TqWz1Lk5")
    mid = "00c301dd4b7e$2c3f1a80$84bd4f80$@outlook.com"
    subj = "政府信息公开申请表（敖登格日乐）"
    data = outlook2016(received=received, date="Tue, 3 Nov 2026 09:41:12 +0800", frm_name="敖登格日乐",
                       frm="aodeng_gerile@outlook.com", subject=subj, mid=mid, paras=paras, cs="utf-8",
                       thread_index="Ad1LfiwP3Rz8kVqYTw6mN2aB7xE4cA==", np="000_00C4_01DD4BC1.3A4F2B10",
                       font="等线")
    m = expect_message(name, mid, rec, "aodeng_gerile@outlook.com", subj, "application")
    c = expect_case(name, rec, "2026-11-24", applicant="敖登格日乐", id_type="resident_id",
                    id_label="居民身份证", id_number="150502198803142627",
                    address="通辽市科尔沁区永清大街东段新兴家园6号楼1单元602室", postcode="028000",
                    phone="15147583261", email="aodeng_gerile@outlook.com",
                    description="2025年度科尔沁区城镇零就业家庭认定名单及就业援助措施落实情况",
                    purpose="了解本社区就业援助政策的执行情况", sig="敖登格日乐", date="2026-11-02",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 079
@msg
def m079():
    # Numbered sections: from 二、 on, a section heading names the field and
    # its value is the line under it.  工作单位 is not the address.
    name = "079-163-numbered-sections-value-below"
    rec = "2026-11-05T10:26:44+08:00"
    text = """政府信息公开申请

一、申请人信息
姓名：韩立新
身份证号：150523197506093512
工作单位：开鲁县东来镇农业综合服务站
通讯地址：通辽市开鲁县开鲁镇建华路南段民生小区3号楼2单元101室
邮编：028400
手机：13847587720

二、申请公开的政府信息
开鲁县2026年度城乡居民基本养老保险缴费档次及政府补贴标准的文件

三、信息用途
为家中老人选择缴费档次提供依据

四、获取方式
邮寄

五、申请人签名
韩立新

六、申请日期
2026年11月5日"""
    received = mx("hanlixin1975@163.com", "m16.mail.163.com", "220.181.12.17",
                  "Thu, 05 Nov 2026 10:26:44 +0800", "4HnF5w1KpXz3Rg8")
    mid = "7c1e4a92.2f3b.19f7e0a4b61.Coremail.hanlixin1975@163.com"
    subj = "政府信息公开申请"
    data = coremail(received=received, date="Thu, 05 Nov 2026 10:26:41 +0800", frm_name="韩立新",
                    frm="hanlixin1975@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), part="338410_1570236684.1793845601532")
    m = expect_message(name, mid, rec, "hanlixin1975@163.com", subj, "application")
    c = expect_case(name, rec, "2026-11-26", applicant="韩立新", id_type="resident_id",
                    id_label="身份证", id_number="150523197506093512",
                    address="通辽市开鲁县开鲁镇建华路南段民生小区3号楼2单元101室", postcode="028400",
                    phone="13847587720", email="hanlixin1975@163.com",
                    description="开鲁县2026年度城乡居民基本养老保险缴费档次及政府补贴标准的文件",
                    purpose="为家中老人选择缴费档次提供依据", sig="韩立新", date="2026-11-05",
                    method="post", medium=None)
    return name, data, m, c


# =============================================================== 080
@msg
def m080():
    # A plain-text table: labels and values separated by runs of spaces, two
    # pairs on some rows.  Signed but no date anywhere -> incomplete.
    name = "080-claws-space-aligned-table-no-date"
    rec = "2026-11-06T20:13:52+08:00"
    text = """通辽市人力资源和社会保障局：

本人申请公开下列政府信息，申请表内容如下：

==============================================================
 申请人姓名      包海龙              联系电话      13904759318
 身份证号码      150521198311274710
 通信地址        通辽市科尔沁左翼中旗保康镇宝兴街北段28号
 邮政编码        029300              电子邮箱      baohailong83@126.com
 所需信息内容    科左中旗2025年农村劳动力转移就业技能培训补贴发放名单
 信息用途        核实本人培训补贴是否发放到位
 获取方式        电子邮件
==============================================================

申请人  包海龙
"""
    received = mx("baohailong83@126.com", "m15.mail.126.com", "220.181.15.121",
                  "Fri, 06 Nov 2026 20:13:52 +0800", "4HnW8c4DtMz6Yb1")
    mid = "20261106201349.00004a1c@bhl-pc"
    subj = "申请公开培训补贴发放名单"
    data = claws(received=received, date="Fri, 6 Nov 2026 20:13:49 +0800", frm_name="包海龙",
                 frm="baohailong83@126.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "baohailong83@126.com", subj, "application")
    c = expect_case(name, rec, "2026-11-27", applicant="包海龙", id_type="resident_id",
                    id_label="身份证", id_number="150521198311274710",
                    address="通辽市科尔沁左翼中旗保康镇宝兴街北段28号", postcode="029300",
                    phone="13904759318", email="baohailong83@126.com",
                    description="科左中旗2025年农村劳动力转移就业技能培训补贴发放名单",
                    purpose="核实本人培训补贴是否发放到位", sig="包海龙", date=None,
                    method="email", medium=None, missing=["date"])
    return name, data, m, c


# =============================================================== 081
@msg
def m081():
    # A WPS table pasted as text: U+3000 pads the labels and separates two
    # fields on one line; ■ marks the choice; 电子邮箱 left empty (-> From).
    name = "081-qq-wps-fullwidth-spaces-two-per-line"
    rec = "2026-11-09T15:02:31+08:00"
    text = """政府信息公开申请表

姓　　名：　刘淑珍　　　　　　　联系电话：　13354751026
证件类型：　居民身份证　　　　　证件号码：　150581196902051022
通信地址：　霍林郭勒市沙尔呼热街道珠斯花大街西段金山小区8号楼2单元402室
邮政编码：　029200　　　　　　　电子邮箱：
内容描述：　霍林郭勒市2025年度企业退休人员基本养老金调整明细及计算办法
用　　途：　核对本人养老金调整额
获取方式：　■邮寄　　□电子邮件　　□自行领取
载体形式：　■纸质　　□电子
申请人签名：　刘淑珍　　　　　　申请日期：　2026年11月9日"""
    received = mx("1095473621@qq.com", "out203-205-221-190.mail.qq.com", "203.205.221.190",
                  "Mon, 09 Nov 2026 15:02:31 +0800", "4HpK3v6NsRz2Cd7")
    mid = "tencent_5C3A8E1F7B2D4A6C9E0B1D3F5A7C2E4B8D06@qq.com"
    subj = "政府信息公开申请表"
    data = qq(received=received, date="Mon, 09 Nov 2026 15:02:28 +0800", frm_name="刘淑珍",
              frm="1095473621@qq.com", subject=subj, mid=mid, text=text, html=qq_html(text),
              qqmid="webmail517t1794207748t3318264", np="6730C7F4_0B7E2A10_3C5D9E62")
    m = expect_message(name, mid, rec, "1095473621@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-11-30", applicant="刘淑珍", id_type="resident_id",
                    id_label="居民身份证", id_number="150581196902051022",
                    address="霍林郭勒市沙尔呼热街道珠斯花大街西段金山小区8号楼2单元402室",
                    postcode="029200", phone="13354751026", email="1095473621@qq.com",
                    description="霍林郭勒市2025年度企业退休人员基本养老金调整明细及计算办法",
                    purpose="核对本人养老金调整额", sig="刘淑珍", date="2026-11-09",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 082
@msg
def m082():
    # ☒ is the ticked box (Word's checked check-box symbol); the purpose is
    # chosen with （√） among the old form's fixed purposes.
    name = "082-sina-ballot-x-and-bracket-tick"
    rec = "2026-11-10T11:48:05+08:00"
    text = """通辽市人社局政府信息公开办公室：

政府信息公开申请
申请人：白音仓
身份证号码：150526199008214156
住址：通辽市扎鲁特旗鲁北镇团结街南段锦华小区4号楼3单元502
邮编：029100
电话：15849501735
邮箱：bayincang1990@sina.com
申请公开内容：扎鲁特旗2026年度公益性岗位招聘计划及拟聘用人员公示名单
信息用途：（√）自身生产生活需要　（  ）科研　（  ）其他
获取方式：☒电子邮件　□邮寄　□传真　□自行领取
载体形式：☒电子文档　□纸质文本

申请人签名：白音仓
日期：2026年11月10日
"""
    received = mx("bayincang1990@sina.com", "mail3-164.sinamail.sina.com.cn", "202.108.3.164",
                  "Tue, 10 Nov 2026 11:48:05 +0800", "4HpT7b2GwLz5Nm3") + """
Received: from unknown (HELO webmail.sinamail.sina.com.cn)([10.41.14.61])
	by sina.com with ESMTP
	10 Nov 2026 11:48:04 +0800 (CST)
X-Sender: bayincang1990@sina.com
X-SMAIL-MID: 7A3C1E9F5B2D8
X-SMAIL-UIID: 4B6D8F0A2C4E6A8B0D2F4A6C8E0B2D4F-20261110-114804-1"""
    mid = "20261110034804.3E7A1C5F9B@webmail.sinamail.sina.com.cn"
    subj = "政府信息公开申请"
    data = sina(received=received, date="Tue, 10 Nov 2026 11:48:04 +0800", frm="bayincang1990@sina.com",
                subject=subj, mid=mid, text=text, boundary="=_NextPart_SinaMail_4e2a9c_1794282484")
    m = expect_message(name, mid, rec, "bayincang1990@sina.com", subj, "application")
    c = expect_case(name, rec, "2026-12-01", applicant="白音仓", id_type="resident_id",
                    id_label="身份证", id_number="150526199008214156",
                    address="通辽市扎鲁特旗鲁北镇团结街南段锦华小区4号楼3单元502", postcode="029100",
                    phone="15849501735", email="bayincang1990@sina.com",
                    description="扎鲁特旗2026年度公益性岗位招聘计划及拟聘用人员公示名单",
                    purpose="自身生产生活需要", sig="白音仓", date="2026-11-10",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 083
@msg
def m083():
    # ［√］ picks the document type, [x] the delivery and the medium; the
    # applicant's name is only a form field, nothing is signed -> incomplete.
    name = "083-gmail-bracket-boxes-no-signature"
    rec = "2026-11-12T22:37:10+08:00"
    text = """您好，

以下是我的政府信息公开申请，请查收。

申请人姓名：周晓燕
证件类型：［√］身份证　［　］护照　［　］其他
证件号码：150524199512300288
联系地址：通辽市库伦旗库伦镇兴源街北段文化小区2号楼1单元301
邮政编码：028200
联系电话：18747506219
电子邮箱：zhouxiaoyan1230@gmail.com
所需信息：库伦旗2025年度高校毕业生求职创业补贴发放人员名单及发放标准
用途：了解本人能否申领求职创业补贴
获取方式：[ ] 自行领取  [x] 电子邮件  [ ] 邮寄  [ ] 传真
载体形式：[ ] 纸质  [x] 电子文档

2026年11月12日

谢谢！
"""
    received = mx("zhouxiaoyan1230@gmail.com", "mail-pj1-f53.google.com", "209.85.216.53",
                  "Thu, 12 Nov 2026 22:37:10 +0800", "4HqB1x9FvPz4Ks2")
    mid = "CAJ8mR3pT6nQz2Lx5Wb9kYd1cF4gH7jV0sUe3oN6iKr_Ys2dA8C@mail.gmail.com"
    subj = "政府信息公开申请"
    data = gmail(frm_name="周晓燕", frm="zhouxiaoyan1230@gmail.com", date="Thu, 12 Nov 2026 22:37:05 +0800",
                 mid=mid, subj=subj, text=text, received=received, bnd="0000000000009b7e3c0663a81f25")
    m = expect_message(name, mid, rec, "zhouxiaoyan1230@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-12-03", applicant="周晓燕", id_type="resident_id",
                    id_label="身份证", id_number="150524199512300288",
                    address="通辽市库伦旗库伦镇兴源街北段文化小区2号楼1单元301", postcode="028200",
                    phone="18747506219", email="zhouxiaoyan1230@gmail.com",
                    description="库伦旗2025年度高校毕业生求职创业补贴发放人员名单及发放标准",
                    purpose="了解本人能否申领求职创业补贴", sig=None, date="2026-11-12",
                    method="email", medium="electronic", missing=["signature"])
    return name, data, m, c


# =============================================================== 084
@msg
def m084():
    # Thunderbird cuts the long address and request lines at 72 columns
    # with format=flowed soft breaks (DelSp=yes: the trailing space goes
    # when the lines are joined).
    name = "084-thunderbird-flowed-wrapped-values"
    rec = "2026-11-16T08:55:40+08:00"
    text = flowed_delsp("""通辽市人力资源和社会保障局政府信息公开办公室：

您好！我申请公开下列政府信息，具体如下。

姓名：高文博
身份证号码：150502200104173336
联系地址：通辽市科尔沁区西门街道建国路与交通路交叉口东北角华誉园小区11号楼3单元1402室
邮政编码：028000
手机号码：17604752290
电子邮箱：gaowenbo0417@163.com
申请公开的政府信息：通辽市2026年职业技能等级认定补贴的申领条件、补贴标准以及科尔沁区已获补贴人员名单
所需信息用途：办理本人职业技能等级认定补贴申领
获取信息方式：电子邮件

申请人：高文博
2026年11月16日
""", 72)
    received = mx("gaowenbo0417@163.com", "m16.mail.163.com", "220.181.12.19",
                  "Mon, 16 Nov 2026 08:55:40 +0800", "4HrM6d3JxTz8Vn4")
    mid = "8e3f5a17-2c9d-4b60-a1e4-7d2b9c0f3e58@163.com"
    subj = "政府信息公开申请"
    data = thunderbird_flowed(received=received, date="Mon, 16 Nov 2026 08:55:37 +0800", frm_name="高文博",
                              frm="gaowenbo0417@163.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "gaowenbo0417@163.com", subj, "application")
    c = expect_case(name, rec, "2026-12-07", applicant="高文博", id_type="resident_id",
                    id_label="身份证", id_number="150502200104173336",
                    address="通辽市科尔沁区西门街道建国路与交通路交叉口东北角华誉园小区11号楼3单元1402室",
                    postcode="028000", phone="17604752290", email="gaowenbo0417@163.com",
                    description="通辽市2026年职业技能等级认定补贴的申领条件、补贴标准以及科尔沁区已获补贴人员名单",
                    purpose="办理本人职业技能等级认定补贴申领", sig="高文博", date="2026-11-16",
                    method="email", medium=None)
    return name, data, m, c


# =============================================================== 085
@msg
def m085():
    # Outlook's plain-text editor breaks lines at 76 columns when it sends:
    # the address and the request run on into the next line.  The ID's
    # check character should be X, it is written 6 -> invalid.
    name = "085-outlook-plain-hard-wrapped-bad-id"
    rec = "2026-11-17T16:05:12+08:00"
    text = hard_wrap("""通辽市人社局：

    我叫孙德胜，男，身份证号码150525196210032176，现住通辽市奈曼旗大沁他拉镇新华街道民主路东段粮食局家属楼2单元301室，邮编028300，联系电话0475-4212867。
    本人1980年至2002年在奈曼旗第二农机厂工作，工厂改制后本人档案不知去向。现申请公开奈曼旗第二农机厂1998年改制时的职工安置方案及职工档案移交去向的相关文件。
    请将材料邮寄到上述地址，纸质的即可。

申请人：孙德胜
2026年11月17日""", 76)
    received = mx("sundesheng1962@126.com", "m15.mail.126.com", "220.181.15.124",
                  "Tue, 17 Nov 2026 16:05:12 +0800", "4HrX2k8BqNz1Jw6")
    mid = "000501dd5659$7a2e3c40$6e8ab4c0$@126.com"
    subj = "申请公开改制文件"
    data = outlook2016(received=received, date="Tue, 17 Nov 2026 16:05:09 +0800", frm_name="孙德胜",
                       frm="sundesheng1962@126.com", subject=subj, mid=mid, paras=text.split("\n"),
                       thread_index="Ad1WWXouPHv3Kq5mRz8bTc2nY1xE0w==", plain_only=True)
    m = expect_message(name, mid, rec, "sundesheng1962@126.com", subj, "application")
    c = expect_case(name, rec, "2026-12-08", applicant="孙德胜", id_type="resident_id",
                    id_label="身份证", id_number="150525196210032176",
                    address="通辽市奈曼旗大沁他拉镇新华街道民主路东段粮食局家属楼2单元301室",
                    postcode="028300", phone="0475-4212867", email="sundesheng1962@126.com",
                    description="奈曼旗第二农机厂1998年改制时的职工安置方案及职工档案移交去向的相关文件",
                    purpose=None, sig="孙德胜", date="2026-11-17", method="post", medium="paper",
                    invalid=["id_number"])
    return name, data, m, c


# =============================================================== 086
@msg
def m086():
    # Notepad's "Unicode" is UTF-16LE with a byte-order mark; the part has
    # no charset parameter.  √ stands in place of the chosen option's box.
    name = "086-foxmail-utf16le-txt-attachment"
    rec = "2026-11-18T14:20:33+08:00"
    form = """政府信息公开申请表

申请人姓名：娜仁花
证件名称：居民身份证
证件号码：150522197907224628
联系地址：通辽市科尔沁左翼后旗甘旗卡镇朝鲁吐大街西段阳光小区5号楼1单元201室
邮政编码：028100
联系电话：15947541183
电子邮箱：narenhua79@126.com
所需信息的内容描述：科左后旗2025年度工伤保险待遇支付情况及工伤认定结论统计表
所需信息的用途：了解工伤保险政策执行情况
获取信息的方式：□自行领取　√邮寄　□电子邮件　□传真
申请人签名：娜仁花
申请日期：2026年11月18日
"""
    fname = "政府信息公开申请表.txt"
    att = {"ctype": ["Content-Type: text/plain;", '\tname="%s"' % ew(fname, "gb2312")],
           "disp": ["Content-Disposition: attachment;", '\tfilename="%s"' % ew(fname, "gb2312")],
           "data": ("\ufeff" + crlf(form)).encode("utf-16-le")}
    received = mx("narenhua79@126.com", "m15.mail.126.com", "220.181.15.117",
                  "Wed, 18 Nov 2026 14:20:33 +0800", "4HsD9p5WkRz7Hc2")
    mid = "202611181420301125637@126.com"
    subj = "政府信息公开申请"
    data = foxmail(received=received, date="Wed, 18 Nov 2026 14:20:30 +0800", frm_name="娜仁花",
                   frm="narenhua79@126.com", subject=subj, text="申请表在附件里，请受理，谢谢！", mid=mid,
                   cs="gb2312", attachments=[att], guid="9D2F6B1A-4C8E-4A37-B5D0-E3F71C2A6B98",
                   nextpart="736149205821")
    m = expect_message(name, mid, rec, "narenhua79@126.com", subj, "application")
    c = expect_case(name, rec, "2026-12-09", applicant="娜仁花", id_type="resident_id",
                    id_label="居民身份证", id_number="150522197907224628",
                    address="通辽市科尔沁左翼后旗甘旗卡镇朝鲁吐大街西段阳光小区5号楼1单元201室",
                    postcode="028100", phone="15947541183", email="narenhua79@126.com",
                    description="科左后旗2025年度工伤保险待遇支付情况及工伤认定结论统计表",
                    purpose="了解工伤保险政策执行情况", sig="娜仁花", date="2026-11-18",
                    method="post", medium=None)
    return name, data, m, c


# =============================================================== 087
# What a clerk reads in the photo and the body cannot say.
REVIEW_087 = ["form in an image"]


@msg
def m087():
    # The signed form is only a photo; the body says so in one line.  Until
    # OCR reads images the office must look at it: needs_review, with what
    # the body gives (the From address) and nothing asked of the applicant.
    # Received on a Saturday.
    name = "087-iphone-form-only-in-photo"
    rec = "2026-11-21T19:34:08+08:00"
    received = mx("mengqinghua1966@icloud.com", "qs51p00im-qukt01080502.me.com", "17.57.155.23",
                  "Sat, 21 Nov 2026 19:34:08 +0800", "4HtG4m1ZcVz2Qf9")
    mid = "7F3A9C25-1E4B-4D68-8A0F-5C2E9B7D1A43@icloud.com"
    subj = "政府信息公开申请"
    data = iphone_photo(received=received, date="Sat, 21 Nov 2026 19:34:02 +0800", frm_name="孟庆华",
                        frm="mengqinghua1966@icloud.com", subject=subj, mid=mid,
                        text="申请表已经填好签了字，拍照发过去了，麻烦受理。",
                        photo=jpeg_photo(768, 1024, 4127), photo_name="IMG_4127.jpeg",
                        boundary="Apple-Mail-5A8C2E41-7B3D-4F19-9E06-2C4D8A1B7F53",
                        part_url="0B6E1F3C-8D2A-4C57-9E14-A3F5B7C9D2E0")
    m = expect_message(name, mid, rec, "mengqinghua1966@icloud.com", subj, "application")
    c = expect_case(name, rec, "2026-12-11", applicant=None, id_type=None, id_label=None,
                    id_number=None, address=None, postcode=None, phone=None,
                    email="mengqinghua1966@icloud.com", description=None, purpose=None, sig=None,
                    date=None, method=None, medium=None, review=REVIEW_087)
    return name, data, m, c


# =============================================================== 088
@msg
def m088():
    # An organisation's WPS form: ✓ and ✔ before the chosen option, the
    # other options unmarked; sealed by the school, 经办人 named.
    name = "088-126-organisation-check-marks"
    rec = "2026-11-19T09:12:26+08:00"
    text = """政府信息公开申请表（法人或者其他组织）

名　　称：通辽市科尔沁区启航职业技能培训学校
统一社会信用代码：52150502MA0R7T2K3L
法定代表人：王建军
联 系 人：于海燕
联系电话：0475-8826153
电子邮箱：qihangpeixun@126.com
地　　址：通辽市科尔沁区红星街道民主路与科尔沁大街交汇处西北侧金桥大厦4楼
邮政编码：028000
所需信息的内容描述：2026年通辽市职业技能培训定点机构认定结果及认定评分细则
所需信息的用途：完善本校定点机构申报材料
获取信息的方式：✓电子邮件　　邮寄　　自行领取
所需信息的指定提供方式：✔电子文档　　纸面

申请单位（盖章）：通辽市科尔沁区启航职业技能培训学校
经办人：于海燕
2026年11月19日"""
    received = mx("qihangpeixun@126.com", "m15.mail.126.com", "220.181.15.119",
                  "Thu, 19 Nov 2026 09:12:26 +0800", "4HsP1t7CyMz4Gr5")
    mid = "2b8d4f61.5e3a.19f9c7b2d18.Coremail.qihangpeixun@126.com"
    subj = "启航职业技能培训学校政府信息公开申请"
    data = coremail(received=received, date="Thu, 19 Nov 2026 09:12:23 +0800", frm_name="启航培训学校",
                    frm="qihangpeixun@126.com", subject=subj, mid=mid, text=text, cs="GB18030",
                    html=coremail_html(text), eol="\n", ip="36.102.211.48", domain="126com",
                    part="512087_1904463218.1795050743806")
    m = expect_message(name, mid, rec, "qihangpeixun@126.com", subj, "application")
    c = expect_case(name, rec, "2026-12-10", kind="organisation",
                    applicant="通辽市科尔沁区启航职业技能培训学校", id_type="uscc",
                    id_label="统一社会信用代码", id_number="52150502MA0R7T2K3L",
                    address="通辽市科尔沁区红星街道民主路与科尔沁大街交汇处西北侧金桥大厦4楼",
                    postcode="028000", phone="0475-8826153", email="qihangpeixun@126.com",
                    legal_rep="王建军", contact_person="于海燕",
                    description="2026年通辽市职业技能培训定点机构认定结果及认定评分细则",
                    purpose="完善本校定点机构申报材料", sig="通辽市科尔沁区启航职业技能培训学校",
                    date="2026-11-19", method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 089
@msg
def m089():
    # Labels above values again (Outlook 365), ✔/☐ boxes; the line under
    # 申请人签名 is empty and the next label follows -> missing signature.
    name = "089-outlook365-empty-signature-below-label"
    rec = "2026-11-23T13:47:55+08:00"
    paras = [
        "政府信息公开申请表", "",
        "姓名", "马春梅",
        "身份证号码", "150502198609155045",
        "联系地址", "通辽市科尔沁区清河街道清河大街北段东方红小区13号楼4单元202室",
        "邮编", "028000",
        "联系电话", "18247596632",
        "电子邮箱", "machunmei0915@outlook.com",
        "申请公开的信息内容", "通辽市2025年度失业保险稳岗返还企业名单及返还金额",
        "信息用途", "核实所在企业是否享受稳岗返还",
        "获取方式", "✔电子邮件　☐邮寄　☐自行领取",
        "申请人签名", "",
        "申请日期", "2026年11月23日",
    ]
    received = mx("machunmei0915@outlook.com", "APC01-SG2-obe.outbound.protection.outlook.com",
                  "40.92.53.87", "Mon, 23 Nov 2026 13:47:55 +0800", "4HvK8s2DmTz6Pb3") + """
Received: from TYZP286MB5127.JPNP286.PROD.OUTLOOK.COM (2603:1096:405:2e6::9)
 by TYZP286MB5128.JPNP286.PROD.OUTLOOK.COM (2603:1096:405:2e6::10) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8857.14; Mon, 23 Nov
 2026 05:47:53 +0000"""
    mid = "TYZP286MB51273E9A1C7B4D2F8E6A0C51B3D7@TYZP286MB5127.JPNP286.PROD.OUTLOOK.COM"
    subj = "政府信息公开申请表"
    data = outlook365(received=received, date="Mon, 23 Nov 2026 05:47:52 +0000", frm_name="马 春梅",
                      frm="machunmei0915@outlook.com", subject=subj, mid=mid, paras=paras,
                      boundary="_000_TYZP286MB51273E9A1C7B4D2F8E6A0C51B3D7TYZP286MB5127JPNP_",
                      thread_index="Ad1bYk2x7Pq9NmLzQw4cTe8vB3sR6g==")
    m = expect_message(name, mid, rec, "machunmei0915@outlook.com", subj, "application")
    c = expect_case(name, rec, "2026-12-14", applicant="马春梅", id_type="resident_id",
                    id_label="身份证", id_number="150502198609155045",
                    address="通辽市科尔沁区清河街道清河大街北段东方红小区13号楼4单元202室",
                    postcode="028000", phone="18247596632", email="machunmei0915@outlook.com",
                    description="通辽市2025年度失业保险稳岗返还企业名单及返还金额",
                    purpose="核实所在企业是否享受稳岗返还", sig=None, date="2026-11-23",
                    method="email", medium=None, missing=["signature"])
    return name, data, m, c


# ------------------------------------------------------------- --truth DIR

# 087: the photographed form is signed, dated and complete -- a reader that
# asks the applicant for everything is wrong; what it holds is not scored.
TRUTH_OVERRIDES = {"087-iphone-form-only-in-photo": {"signature": {"present": None, "text": None}}}


def entry(name, message, case):
    return truth_entry(name, message, case, override=TRUTH_OVERRIDES.get(name))


if __name__ == "__main__":
    holdout_main(entry=entry)
