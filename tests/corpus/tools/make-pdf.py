#!/usr/bin/python3
"""Writes tools/application-form.pdf, the text PDF attached to corpus message
009: a filled application written the way Word/WPS "save as PDF" writes
Chinese text -- a Type0 font with Identity-H encoding, an embedded subset of
a TrueType CJK font (CIDFontType2, FontFile2), a ToUnicode CMap, and
Flate-compressed content streams.

Needs fontTools (Debian: apt-get install python3-fonttools, run with
/usr/bin/python3) and fonts-wqy-microhei.  The output is committed, so
make-corpus.py does not need either.
"""
import io
import os
import zlib

from fontTools.ttLib import TTFont
from fontTools import subset

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "application-form.pdf")

TITLE = "政府信息公开申请书"
LINES = [
    "通辽市人力资源和社会保障局：",
    "",
    "    根据《中华人民共和国政府信息公开条例》，本人向贵局申请公开政府信息。",
    "",
    "申请人姓名：白乌力吉",
    "证件名称：居民身份证",
    "证件号码：150525198004174715",
    "通信地址：内蒙古通辽市奈曼旗八仙筒镇八仙筒村二组",
    "邮政编码：028300",
    "联系电话：13654756631",
    "电子邮箱：bailiji1980@163.com",
    "",
    "所需信息的内容描述：奈曼旗八仙筒镇2025年度返乡创业担保贷款贴息的审批",
    "名单及每户贴息金额。",
    "所需信息的用途：了解本人贷款贴息为何未获批准。",
    "所需信息的指定提供方式：纸面",
    "获取信息的方式：邮寄",
    "",
    "申请人签名：白乌力吉",
    "申请时间：2026年1月6日",
]


def main():
    chars = sorted(set("".join(LINES) + TITLE) - {"\n"})
    font = TTFont(FONT, fontNumber=0)
    opts = subset.Options()
    opts.retain_gids = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.layout_features = []
    opts.hinting = False
    opts.font_number = 0
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    fontdata = buf.getvalue()
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    gid = {c: order.index(cmap[ord(c)]) for c in chars}
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    widths = {g: round(hmtx[order[g]][0] * 1000 / upem) for g in set(gid.values())}
    psname = "BCDEEF+WenQuanYiMicroHei"

    def hexs(s):
        return "<" + "".join("%04X" % gid[c] for c in s) + ">"

    ops = ["BT", "/F1 18 Tf", "1 0 0 1 216 770 Tm", hexs(TITLE) + " Tj", "ET"]
    y = 720
    for line in LINES:
        if line:
            x = 72
            stripped = line.lstrip(" ")
            x += (len(line) - len(stripped)) * 3
            ops += ["BT", "/F1 11 Tf", "1 0 0 1 %d %d Tm" % (x, y), hexs(stripped) + " Tj", "ET"]
        y -= 22
    ops += ["0.5 w", "72 %d m 523 %d l S" % (y + 8, y + 8)]
    content = zlib.compress(("\n".join(ops) + "\n").encode("ascii"))

    bf = "\n".join("<%04X> <%04X>" % (g, ord(c)) for c, g in sorted(gid.items(), key=lambda x: x[1]))
    tounicode = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                 "%d beginbfchar\n%s\nendbfchar\nendcmap\n"
                 "CMapName currentdict /CMap defineresource pop\nend\nend\n" % (len(gid), bf)).encode("ascii")
    tu = zlib.compress(tounicode)
    ff = zlib.compress(fontdata)
    w = " ".join("%d [%d]" % (g, widths[g]) for g in sorted(widths))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.32 841.92] /Resources << /Font << /F1 5 0 R >> "
        b"/ProcSet [/PDF /Text] >> /Contents 4 0 R /Group << /Type /Group /S /Transparency /CS /DeviceRGB >> >>",
        b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
         "/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>" % psname).encode(),
        ("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
         "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>"
         % (psname, w)).encode(),
        ("<< /Type /FontDescriptor /FontName /%s /Flags 32 /ItalicAngle 0 /Ascent 1000 /Descent -200 "
         "/CapHeight 800 /AvgWidth 500 /MaxWidth 1000 /FontWeight 400 /XHeight 250 /StemV 40 "
         "/FontBBox [-100 -200 1000 1000] /FontFile2 9 0 R >>" % psname).encode(),
        b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(tu) + tu + b"\nendstream",
        b"<< /Filter /FlateDecode /Length %d /Length1 %d >>\nstream\n" % (len(ff), len(fontdata)) + ff + b"\nendstream",
        b"<< /Author (\xfe\xff\x76\x7d\x4e\x4c\x52\x9b\x54\x09) /Creator (\xfe\xff\x00W\x00P\x00S\x00 \x65\x87\x5b\x57) "
        b"/CreationDate (D:20260106212233+08'00') /ModDate (D:20260106212233+08'00') >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 10 0 R /ID [<3F8A1C2E9B7D4F60A1B2C3D4E5F60718> "
            b"<3F8A1C2E9B7D4F60A1B2C3D4E5F60718>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    with open(OUT, "wb") as f:
        f.write(out)
    print("wrote", OUT, len(out), "bytes")


if __name__ == "__main__":
    main()
