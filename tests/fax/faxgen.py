#!/usr/bin/python3
"""Fax test data: filled application forms and free-form letters, drawn,
scanned, encoded and mailed the way fax-to-mail gateways deliver them.

Run by make-faxes.sh (which renders the office's blank form with ogictl
first); see README in this directory for the pipeline and the truth file.

Every page is drawn on a square 408 dpi master (twice the fax's horizontal
resolution), averaged down to the fax pixel grid (1728 wide, 196 or 98
lines per inch) and thresholded, as a fax machine's scanner does.  The
bilevel pages are written as the PostScript a sending computer would hand
its fax modem, which ghostscript encodes as G3 or G4 TIFF at the fax
resolution (tiffg3 / tiffg4); PDF and PostScript attachments are made from
that TIFF by tiff2pdf and fax2ps, as FreePBX and HylaFAX's faxrcvd do.
Nothing random is left to chance: every choice comes from a seed.
"""

import argparse
import base64
import datetime
import email.message
import email.policy
import email.utils
import io
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

# The master is drawn at twice the fax's horizontal 204 dpi, so that
# averaging 2x2 (fine) or 2x4 (normal) master pixels into one fax pixel
# gives the grey a scanner's sensor sees before it thresholds.
MASTER_DPI = 408
FAX_WIDTH = 1728                      # pixels on every fax line (T.4, A4)
MASTER_WIDTH = FAX_WIDTH * 2
A4_PT = (595.276, 841.89)
MASTER_HEIGHT = round(A4_PT[1] * MASTER_DPI / 72)
# The A4 page is 1687 fax pixels wide; T.4 lines are 1728: centred.
A4_X_OFFSET = (MASTER_WIDTH - round(A4_PT[0] * MASTER_DPI / 72)) // 2
RESOLUTIONS = {"fine": (204, 196), "normal": (204, 98)}
# Grey at or above which a fax pixel is white.  A fax scanner's fixed
# threshold sits near the middle of the range.
SCAN_THRESHOLD = 128
# A red seal's luminance (ITU-R 601 of RGB 200,30,30): darker than the
# threshold, so the seal arrives as black ink, as it does on a real fax.
SEAL_GREY = 80
# Fraction of fax pixels flipped by the noisy variant: about 8,000 specks
# on a fine page, the level of a poor line that still trains.
NOISE_DENSITY = 0.002
NOISE_SKEW_DEG = 1.0
# The blank form's rows: a label line, then its box, one 29 pt line per
# row (the letter renderer's grid); a value sits in the box's middle.
FORM_ROW_PT = 28.99
FORM_BOX_TOP_PT = 25.0
FORM_VALUE_PT = 13                    # size of a typed value
FORM_VALUE_INDENT_PT = 6
FORM_CHECK_PT = 13                    # size of the check box left of a choice
# The boxes span the renderer's text block (79.37 to 521.57 pt on A4).
FORM_BOX_WIDTH_PT = 442.2
# Where a signature goes in its box: right of the middle, as people sign,
# about 160 pt wide (a name written large).
FORM_SIGN_LEFT_PT = 150
FORM_SIGN_WIDTH_PT = 160

FONT_DIR = "/usr/share/fonts/truetype"
FONTS = {
    "typed": (FONT_DIR + "/wqy/wqy-microhei.ttc", 0),
    "song": (FONT_DIR + "/arphic/uming.ttc", 0),
    "kai": (FONT_DIR + "/arphic/ukai.ttc", 0),
    "mono": (FONT_DIR + "/wqy/wqy-microhei.ttc", 1),
}

TIFFTAG_IMAGEDESCRIPTION = 270
TIFFTAG_DATETIME = 306

# The office's fax number, as make-faxes.sh configures it for the form.
OFFICE_FAX = "0475-8888889"

GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
GB11643_CHECK = "10X98765432"

DELIVERY_CHOICE = {"pickup": "自行领取", "post": "邮寄", "email": "电子邮件",
                   "fax": "传真"}
MEDIUM_CHOICE = {"paper": "纸面", "electronic": "电子邮件"}
ENCODINGS = ("tiff-g3", "tiff-g4", "pdf", "ps")
GATEWAYS = ("hylafax", "freepbx", "asterisk", "efax")
SIGNATURES = ("scribble", "name", "seal", "none")
# Coprime with the ten variants of full.json: every shift is a new pairing.
VARIANT_BLOCK_SHIFT = 3


def die(msg):
    sys.stderr.write("faxgen: %s\n" % msg)
    sys.exit(1)


def run(argv, **kw):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        die("%s failed: %s" % (" ".join(argv), r.stderr.decode(errors="replace")))
    return r.stdout


def id_valid(idn):
    if not re.fullmatch(r"\d{17}[\dX]", idn):
        return False
    s = sum(int(c) * w for c, w in zip(idn[:17], GB11643_WEIGHTS))
    return GB11643_CHECK[s % 11] == idn[17]


def font(kind, pt):
    path, index = FONTS[kind]
    return ImageFont.truetype(path, round(pt * MASTER_DPI / 72), index=index)


def px(pt):
    return round(pt * MASTER_DPI / 72)


def date_cn(iso):
    d = datetime.date.fromisoformat(iso)
    return "%d年%d月%d日" % (d.year, d.month, d.day)


# --- the blank form ------------------------------------------------------

class BlankForm:
    """The office's blank form (ogictl letter preview form), as master
    bitmaps plus the boxes of its words (pdftotext -bbox), in master pixels."""

    WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>')

    def __init__(self, pdf, workdir):
        run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pgmraw",
             "-r%d" % MASTER_DPI, "-sOutputFile=" + os.path.join(workdir, "blank-%d.pgm"),
             pdf])
        self.pages = []
        n = 1
        while os.path.exists(os.path.join(workdir, "blank-%d.pgm" % n)):
            with Image.open(os.path.join(workdir, "blank-%d.pgm" % n)) as im:
                canvas = Image.new("L", (MASTER_WIDTH, MASTER_HEIGHT), 255)
                canvas.paste(im.convert("L"), (A4_X_OFFSET, 0))
                self.pages.append(canvas)
            n += 1
        if not self.pages:
            die("the blank form %s rendered no page" % pdf)
        self.words = []          # (page, x0, y0, x1, y1, text) in master px
        page = -1
        for line in run(["pdftotext", "-bbox", pdf, "-"]).decode().splitlines():
            if "<page " in line:
                page += 1
            m = self.WORD_RE.search(line)
            if m:
                x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
                self.words.append((page, px(x0) + A4_X_OFFSET, px(y0),
                                   px(x1) + A4_X_OFFSET, px(y1), m.group(5)))

    def find(self, text, after=None, before=None):
        """The first word starting with text, in reading order, after the
        word `after` and before the word `before` (both optional)."""
        def key(w):
            return (w[0], w[2], w[1])
        for w in sorted(self.words, key=key):
            if not w[5].startswith(text):
                continue
            if after is not None and key(w) < (after[0], after[2] - px(2), 0):
                continue
            if before is not None and key(w) >= key(before):
                continue
            return w
        die("the blank form has no label %s: templates/form.tpl changed?" % text)


# --- ink -----------------------------------------------------------------

def draw_pen_path(draw, points, width, ink=0):
    r = width / 2
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        draw.line((x0, y0, x1, y1), fill=ink, width=round(width))
        draw.ellipse((x1 - r, y1 - r, x1 + r, y1 + r), fill=ink)


def draw_scribble(img, rng, box):
    """A cursive-looking signature: loops running left to right with a
    wandering baseline and an underline flourish; unreadable as text."""
    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(img)
    h = y1 - y0
    pts = []
    loops = rng.randint(5, 8)
    span = (x1 - x0) * rng.uniform(0.75, 0.95)
    steps = loops * 24
    phase = rng.uniform(0, math.pi)
    for i in range(steps + 1):
        t = i / steps
        amp = h * 0.32 * (1 + 0.35 * math.sin(t * 7 + phase))
        x = x0 + span * t + h * 0.18 * math.cos(t * loops * 2 * math.pi + phase)
        y = (y0 + h * 0.5 + amp * math.sin(t * loops * 2 * math.pi)
             - h * 0.15 * t + h * 0.05 * math.sin(t * 13))
        pts.append((x, y))
    draw_pen_path(draw, pts, px(1.1))
    flourish = [(x0 + span * (0.1 + 0.9 * i / 40),
                 y0 + h * (0.92 - 0.12 * math.sin(i / 40 * math.pi)))
                for i in range(41)]
    draw_pen_path(draw, flourish, px(0.9))


def draw_name_signature(img, rng, box, name):
    """The name written by hand (a kai font, slanted and uneven)."""
    x0, y0, x1, y1 = box
    f = font("kai", 22)
    x = x0
    for ch in name:
        glyph = Image.new("L", (px(30), px(30)), 0)
        ImageDraw.Draw(glyph).text((px(2), px(2)), ch, font=f, fill=255)
        glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.BILINEAR)
        img.paste(0, (round(x), round(y0 + rng.uniform(0, px(6)))), glyph)
        x += px(22) * rng.uniform(0.85, 1.0)


def draw_seal(img, rng, centre, text):
    """A round red seal (42 mm, the size of an organisation's seal): ring,
    star and its name around the top; red prints as SEAL_GREY."""
    cx, cy = centre
    r = px(42 / 25.4 * 72 / 2)
    ring = px(1.2 / 25.4 * 72)
    draw = ImageDraw.Draw(img)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL_GREY, width=ring)
    star = []
    rs = r * 0.3
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = rs if k % 2 == 0 else rs * 0.38
        star.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(star, fill=SEAL_GREY)
    f = font("song", 13)
    n = len(text)
    sweep = math.radians(min(240, 22 * n))
    for k, ch in enumerate(text):
        a = -math.pi / 2 - sweep / 2 + sweep * (k + 0.5) / n
        glyph = Image.new("L", (px(16), px(16)), 0)
        ImageDraw.Draw(glyph).text((px(1.5), 0), ch, font=f, fill=255)
        glyph = glyph.rotate(-math.degrees(a + math.pi / 2), resample=Image.BILINEAR)
        gx = cx + (r - ring - px(9)) * math.cos(a) - glyph.width / 2
        gy = cy + (r - ring - px(9)) * math.sin(a) - glyph.height / 2
        img.paste(SEAL_GREY, (round(gx), round(gy)), glyph)
    # An inked seal is never even: a few pale patches.
    for _ in range(6):
        a = rng.uniform(0, 2 * math.pi)
        x, y = cx + (r - ring / 2) * math.cos(a), cy + (r - ring / 2) * math.sin(a)
        s = px(rng.uniform(1, 2.5))
        draw.ellipse((x - s, y - s, x + s, y + s), fill=255)


def draw_signature(img, rng, kind, box, applicant):
    if kind == "scribble":
        draw_scribble(img, rng, box)
    elif kind == "name":
        draw_name_signature(img, rng, box, applicant["name"])
    elif kind == "seal":
        draw_name_signature(img, rng, box, applicant["name"])
        org = applicant.get("employer") or applicant["name"]
        draw_seal(img, rng, ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2), org)
    elif kind != "none":
        die("signature %s: not one of %s" % (kind, ", ".join(SIGNATURES)))


def smudge(img, rng, box):
    """Ink blots and a smear over box: the digits under it cannot be read
    by anyone, the way a wet thumb or a fold ruins part of a number."""
    x0, y0, x1, y1 = box
    # The smear first (the strokes run into each other), then the blots.
    patch = img.crop(box).filter(ImageFilter.BoxBlur(px(2.5)))
    patch = patch.point(lambda v: v * 3 // 5)
    draw = ImageDraw.Draw(patch)
    w, h = patch.size
    for _ in range(9):
        cx, cy = rng.uniform(0, w), rng.uniform(h * 0.25, h * 0.75)
        rx, ry = rng.uniform(h * 0.25, h * 0.6), rng.uniform(h * 0.2, h * 0.45)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=rng.randint(30, 110))
    patch = patch.filter(ImageFilter.GaussianBlur(px(1.2)))
    img.paste(patch, (x0, y0))


def tick(img, box):
    """A hand-drawn √ in a check box, overrunning it a little."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw_pen_path(ImageDraw.Draw(img),
                  [(x0 + w * 0.1, y0 + h * 0.5), (x0 + w * 0.4, y0 + h * 0.9),
                   (x0 + w * 1.1, y0 - h * 0.3)], px(1.3))


def text_width(f, s):
    return f.getlength(s)


def wrap(f, text, width):
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(f, cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    if cur:
        lines.append(cur)
    return lines


# --- documents -----------------------------------------------------------

def fill_form(blank, app, spec, rng):
    """The blank form with the applicant's values typed (or written) in
    its boxes, the choices ticked and the signature in its box."""
    pages = [p.copy() for p in blank.pages]
    draws = [ImageDraw.Draw(p) for p in pages]
    f = font(spec.get("hand", "typed"), FORM_VALUE_PT)
    id_box = None

    def put(label_word, value, rows=1):
        page, x0, y0, x1, y1, _ = label_word
        width = px(FORM_BOX_WIDTH_PT - 2 * FORM_VALUE_INDENT_PT)
        lines = wrap(f, value, width)[:rows]
        for i, line in enumerate(lines):
            cy = y0 + px(FORM_BOX_TOP_PT + FORM_ROW_PT * (i + 0.5))
            xy = (x0 + px(FORM_VALUE_INDENT_PT), cy - px(FORM_VALUE_PT) * 0.7)
            draws[page].text(xy, line, font=f, fill=0)
        return page, x0 + px(FORM_VALUE_INDENT_PT), y0 + px(FORM_BOX_TOP_PT)

    person = blank.find("一、")
    org = blank.find("二、")
    values = [("姓名", app["name"]), ("工作单位", app.get("employer")),
              ("证件名称", "居民身份证"), ("证件号码", app["id_number"]),
              ("通信地址", app["address"]), ("邮政编码", app.get("postcode")),
              ("联系电话", app["phone"]), ("传真", app.get("fax")),
              ("电子邮箱", app.get("email"))]
    for label, value in values:
        if not value:
            continue
        word = blank.find(label, after=person, before=org)
        page, x, y = put(word, value)
        if label == "证件号码":
            id_box = (page, x, y)
    put(blank.find("特征描述"), app["request"], rows=5)
    put(blank.find("所需信息的用途"), app["purpose"], rows=2)

    medium = blank.find("所需信息的载体形式")
    how = blank.find("获取信息的方式")
    sign_head = blank.find("五、")
    for choice, after, before in ((MEDIUM_CHOICE.get(app.get("medium")), medium, how),
                                  (DELIVERY_CHOICE.get(app.get("delivery")), how,
                                   sign_head)):
        if choice is None:
            continue
        page, x0, y0, x1, y1, _ = blank.find(choice, after=after, before=before)
        cy = (y0 + y1) // 2
        box = (x0 - px(FORM_CHECK_PT), cy - px(FORM_CHECK_PT) // 2,
               x0 - px(2), cy + px(FORM_CHECK_PT) // 2)
        tick(pages[page], box)

    page, x0, y0, x1, y1, _ = blank.find("申请人签名")
    sig_box = (x0 + px(FORM_SIGN_LEFT_PT), y0 + px(FORM_BOX_TOP_PT + 2),
               x0 + px(FORM_SIGN_LEFT_PT + FORM_SIGN_WIDTH_PT),
               y0 + px(FORM_BOX_TOP_PT + 2 * FORM_ROW_PT - 2))
    draw_signature(pages[page], rng, spec.get("signature", "scribble"), sig_box, app)
    put(blank.find("申请时间"), date_cn(app["date"]))

    if spec.get("id_smudged"):
        page, x, y = id_box
        digit = text_width(f, "0")
        first, count = 6, 8      # the birth date: no pattern can guess it
        smudge(pages[page], rng, (round(x + digit * first), y + px(3),
                                  round(x + digit * (first + count)),
                                  y + px(FORM_ROW_PT - 3)))
    return pages


LETTER_MARGIN_PT = 72
LETTER_TEXT_PT = 15
LETTER_LINE_PT = 27
LETTER_TITLE_TOP_PT = 90
LETTER_TITLE_GAP_PT = 55
# The closing block sits right: 申请人（签名）： starts this far from the
# right margin, the signature beside it (a line above and below it).
LETTER_SIGN_FROM_RIGHT_PT = 270
LETTER_SIGN_WIDTH_PT = 120


def letter_lines(app):
    how = {"fax": "纸质文本，传真至%s" % app.get("fax"),
           "post": "纸质文本，邮寄至上述地址",
           "pickup": "纸质文本，本人到贵局自行领取",
           "email": "电子文本，发送至%s" % app.get("email")}[app["delivery"]]
    return [
        ("申请人", app["name"]), ("身份证号", app["id_number"]),
        ("联系电话", app["phone"]), ("地址", app["address"]),
        ("申请内容", app["request"]), ("用途", app["purpose"]),
        ("获取方式", how),
    ]


def write_letter(app, spec, rng, office):
    """A free-form 申请书 as an applicant types it in a word processor."""
    page = Image.new("L", (MASTER_WIDTH, MASTER_HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    left = A4_X_OFFSET + px(LETTER_MARGIN_PT)
    right = A4_X_OFFSET + px(A4_PT[0] - LETTER_MARGIN_PT)
    body = font("song", LETTER_TEXT_PT)
    title = font("typed", 22)
    y = px(LETTER_TITLE_TOP_PT)
    t = "政府信息公开申请书"
    draw.text(((MASTER_WIDTH - text_width(title, t)) / 2, y), t, font=title, fill=0)
    y += px(LETTER_TITLE_GAP_PT)
    draw.text((left, y), office + "：", font=body, fill=0)
    y += px(LETTER_LINE_PT)
    intro = ("　　根据《中华人民共和国政府信息公开条例》，本人向贵局申请公开下列政府信息，"
             "现将有关情况说明如下：")
    for line in wrap(body, intro, right - left):
        draw.text((left, y), line, font=body, fill=0)
        y += px(LETTER_LINE_PT)
    id_box = None
    for label, value in letter_lines(app):
        head = "　　%s：" % label
        x = left + text_width(body, head)
        draw.text((left, y), head, font=body, fill=0)
        for line in wrap(body, value, right - x):
            if label == "身份证号":
                id_box = (x, y)
            draw.text((x, y), line, font=body, fill=0)
            y += px(LETTER_LINE_PT)
    y += px(LETTER_LINE_PT)
    for line in ("　　此致", "敬礼"):
        draw.text((left, y), line, font=body, fill=0)
        y += px(LETTER_LINE_PT)
    y += px(LETTER_LINE_PT)
    sign = "申请人（签名）："
    sx = right - px(LETTER_SIGN_FROM_RIGHT_PT)
    draw.text((sx, y), sign, font=body, fill=0)
    sx1 = sx + text_width(body, sign)
    draw_signature(page, rng, spec.get("signature", "scribble"),
                   (round(sx1), y - px(LETTER_TEXT_PT), round(sx1 + px(LETTER_SIGN_WIDTH_PT)),
                    y + px(2 * LETTER_TEXT_PT + 4)), app)
    y += px(LETTER_LINE_PT * 2)
    draw.text((sx + px(40), y), date_cn(app["date"]), font=body, fill=0)
    if spec.get("id_smudged"):
        x, yy = id_box
        digit = text_width(body, "0")
        smudge(page, rng, (round(x + digit * 6), yy - px(2),
                           round(x + digit * 14), yy + px(LETTER_TEXT_PT + 4)))
    return [page]


def write_cover(app, office, office_fax, pages):
    """The cover sheet some senders put first: who to, who from, how many
    pages.  It names the applicant and a date; it is no application."""
    page = Image.new("L", (MASTER_WIDTH, MASTER_HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    left = A4_X_OFFSET + px(LETTER_MARGIN_PT)
    title = font("typed", 28)
    body = font("typed", 15)
    t = "传　真"
    draw.text(((MASTER_WIDTH - text_width(title, t)) / 2, px(100)), t, font=title, fill=0)
    y = px(190)
    for label, value in (("收件人", office), ("收件传真", office_fax),
                         ("发件人", app["name"]),
                         ("发件传真", app.get("fax") or app["phone"]),
                         ("日期", date_cn(app["date"])),
                         ("页数", "共%d页（含本页）" % pages),
                         ("事由", "政府信息公开申请，请查收。")):
        draw.text((left, y), "%s：%s" % (label, value), font=body, fill=0)
        y += px(36)
    draw.line((left, y, A4_X_OFFSET + px(A4_PT[0] - LETTER_MARGIN_PT), y), fill=0,
              width=px(1))
    return page


# --- the fax line --------------------------------------------------------

def add_tsi_header(page, number, index, count, when, station):
    """The line the sending machine prints at the top of every page."""
    f = font("mono", 8)
    line = "%s  FROM: %-16s %-20s P.%d/%d" % (when.strftime("%b-%d-%Y %H:%M").upper(),
                                               number, station, index, count)
    ImageDraw.Draw(page).text((A4_X_OFFSET + px(30), px(10)), line, font=f, fill=0)


def scan(page, resolution, noisy, rng):
    """Master page -> bilevel fax page (mode 1) at the resolution's grid."""
    xres, yres = RESOLUTIONS[resolution]
    if noisy:
        page = page.rotate(NOISE_SKEW_DEG, resample=Image.BILINEAR, fillcolor=255)
    h = round(MASTER_HEIGHT * yres / MASTER_DPI)
    grey = page.resize((FAX_WIDTH, h), resample=Image.BOX)
    bw = grey.point(lambda v: 255 if v >= SCAN_THRESHOLD else 0).convert("1", dither=Image.NONE)
    if noisy:
        pix = bw.load()
        for _ in range(int(FAX_WIDTH * h * NOISE_DENSITY)):
            x, y = rng.randrange(FAX_WIDTH), rng.randrange(h)
            pix[x, y] = 255 - pix[x, y]
    return bw


def write_ps(pages, resolution, path):
    """The bilevel pages as PostScript, each page image pixel-for-pixel
    on the fax grid, for ghostscript to encode."""
    xres, yres = RESOLUTIONS[resolution]
    with open(path, "w") as out:
        out.write("%!PS-Adobe-3.0\n%%Pages: " + str(len(pages)) + "\n%%EndComments\n")
        for n, p in enumerate(pages, 1):
            w, h = p.size
            data = base64.a85encode(zlib.compress(p.tobytes()), wrapcol=76).decode()
            out.write("%%%%Page: %d %d\ngsave\n%.4f %.4f scale\n" %
                      (n, n, w * 72.0 / xres, h * 72.0 / yres))
            out.write("/DeviceGray setcolorspace\n"
                      "<< /ImageType 1 /Width %d /Height %d /BitsPerComponent 1\n"
                      "   /Decode [0 1] /ImageMatrix [%d 0 0 -%d 0 %d]\n"
                      "   /DataSource currentfile /ASCII85Decode filter /FlateDecode filter\n"
                      ">> image\n%s~>\ngrestore\nshowpage\n" % (w, h, w, h, h, data))
        out.write("%%EOF\n")


def encode_tiff(ps, resolution, compression, pages, path, tags):
    """ghostscript encodes the pages; then tiffset writes tags (number ->
    text) into every page's directory, and tiffcp rewrites the file without
    the values they replaced (ghostscript's clock among them)."""
    xres, yres = RESOLUTIONS[resolution]
    device = {"g3": "tiffg3", "g4": "tiffg4"}[compression]
    run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=" + device,
         "-r%dx%d" % (xres, yres), "-g%dx%d" % (FAX_WIDTH, pages[0].size[1]),
         "-dFIXEDMEDIA", "-sOutputFile=" + path, ps])
    for n in range(len(pages)):
        for tag, value in sorted(tags.items()):
            run(["tiffset", "-d", str(n), "-s", str(tag), value, path])
    run(["tiffcp", path, path + ".tmp"])
    os.replace(path + ".tmp", path)


# --- fax-to-mail ---------------------------------------------------------

def stable_bytes(msg, seq):
    """The message with a boundary of its own instead of the email
    module's random one, so that a run repeats itself byte for byte.
    "_" is in no base64 body and in none of our text parts."""
    msg.set_boundary("=_faxgen_%d_boundary" % seq)
    return msg.as_bytes()


def gateway_mail(spec, fax, when, attachments, seq):
    """The email a fax server sends for a received fax, in the style of
    spec["gateway"].  attachments: [(filename, maintype, subtype, bytes)]."""
    gw = spec["gateway"]
    msg = email.message.EmailMessage(policy=email.policy.default.clone(linesep="\n"))
    csid, caller, pages = fax["csid"], fax["caller"], fax["pages"]
    quality = "Fine" if spec["resolution"] == "fine" else "Normal"
    if gw == "hylafax":
        host = "faxsrv.tongliao.example"
        msg["From"] = "HylaFAX Agent <fax@%s>" % host
        msg["Subject"] = 'Fax received from "%s"' % csid
        body = ("%-18s %s\n" % ("Sender:", csid) +
                "%-18s %d\n" % ("Pages:", pages) +
                "%-18s %s\n" % ("Quality:", quality) +
                "%-18s %s\n" % ("Page:", "ISO A4") +
                "%-18s %s\n" % ("Received:", when.strftime("%Y:%m:%d %H:%M:%S")) +
                "%-18s %s\n" % ("TimeToRecv:", "0:%02d" % (20 * pages)) +
                "%-18s %s\n" % ("SignalRate:", "14400 bit/s") +
                "%-18s %s\n" % ("DataFormat:", "2-D MMR" if spec["encoding"] != "tiff-g3" else "1-D MH") +
                "%-18s %s\n" % ("ErrCorrect:", "Yes") +
                "%-18s %s\n" % ("CallID1:", caller.replace("-", "")) +
                "%-18s %s\n" % ("CallID2:", fax["caller_name"]) +
                "%-18s %s\n" % ("ReceivedOn:", "ttyIAX0") +
                "%-18s %s\n" % ("CommID:", "%09d" % (1200 + seq)))
    elif gw == "freepbx":
        host = "pbx.tongliao.example"
        msg["From"] = '"Fax Service" <fax@%s>' % host
        msg["Subject"] = 'New fax from: "%s" <%s>' % (fax["caller_name"], caller.replace("-", ""))
        body = ("Enclosed, please find a new fax\n\nFrom: \"%s\" <%s>\nPages: %d\n" %
                (fax["caller_name"], caller.replace("-", ""), pages))
    elif gw == "asterisk":
        host = "asterisk.tongliao.example"
        msg["From"] = "asterisk@%s" % host
        msg["Subject"] = "Fax %s" % when.strftime("%Y%m%d-%H%M%S")
        body = "Fax from %s received, %d page(s).\n" % (caller.replace("-", ""), pages)
    elif gw == "efax":
        host = "inbound.efax.example"
        msg["From"] = "eFax <message@%s>" % host
        msg["Subject"] = "eFax from %s - %d page(s), caller ID: %s" % (
            csid, pages, "+86" + caller.replace("-", "").lstrip("0"))
        body = ("You have received a %d page fax at %s.\n\n* The reference number for this "
                "fax is tlo1_did12-%d-%d.\n" % (pages, when.strftime("%Y-%m-%d %H:%M:%S"),
                                                 int(when.timestamp()), seq))
    else:
        die("gateway %s: not one of %s" % (gw, ", ".join(GATEWAYS)))
    msg["To"] = "ogi-fax@tongliao.example"
    msg["Date"] = email.utils.format_datetime(when)
    msg["Message-ID"] = "<%s.%d.%s@%s>" % (when.strftime("%Y%m%d%H%M%S"), seq, gw, host)
    msg["MIME-Version"] = "1.0"
    msg.set_content(body)
    for name, maintype, subtype, data in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return stable_bytes(msg, seq)


def attachment_names(spec, when, seq):
    gw, enc = spec["gateway"], spec["encoding"]
    ext = {"tiff-g3": "tif", "tiff-g4": "tif", "pdf": "pdf", "ps": "ps"}[enc]
    if gw == "hylafax":
        return "fax%09d.%s" % (1200 + seq, ext)
    if gw == "freepbx":
        return "%d.%d.%s" % (int(when.timestamp()), seq, ext)
    if gw == "asterisk":
        if ext != "tif":
            die("%s: a plain Asterisk script mails a TIFF" % spec["id"])
        return "fax-%s.tif" % when.strftime("%Y%m%d-%H%M%S")
    return "FAX_%s_%d.%s" % (when.strftime("%Y%m%d_%H%M%S"), seq, ext)


MIME_TYPES = {"tif": ("image", "tiff"), "pdf": ("application", "pdf"),
              "ps": ("application", "postscript")}


# --- truth ---------------------------------------------------------------

def expectation(app, spec):
    """What a clerk records from this fax, and what should become of it."""
    signed = spec.get("signature", "scribble") != "none"
    smudged = bool(spec.get("id_smudged"))
    if smudged:
        verdict, state = "review", "needs_review"
    elif not signed:
        verdict, state = "incomplete", "incomplete"
    else:
        verdict, state = "complete", "registered"
    if spec["doc"] == "form":
        medium = app.get("medium")
    else:   # the letter says 纸质文本 or 电子文本 (letter_lines)
        medium = "electronic" if app["delivery"] == "email" else "paper"
    return {
        "verdict": verdict,
        "state": state,
        "missing": [] if signed else ["signature"],
        "review": ["id_number"] if smudged else [],
        "applicant": {
            "kind": "person",
            "name": app["name"],
            "id_number": None if smudged else app["id_number"],
            "address": app["address"],
            "postcode": app.get("postcode") if spec["doc"] == "form" else None,
            "phone": app["phone"],
            "fax": app.get("fax") if (spec["doc"] == "form" or app["delivery"] == "fax") else None,
        },
        "request": {"description": app["request"], "purpose": app["purpose"]},
        "signature": {"present": signed},
        "application_date": app["date"],
        "delivery": {"method": app["delivery"], "medium": medium},
        "reply_channel": "fax" if app["delivery"] == "fax" else app["delivery"],
    }


# --- one message ---------------------------------------------------------

def received_time(app, seq):
    """The day after the applicant dated it, 09:00 Beijing time, spread."""
    day = datetime.date.fromisoformat(app["date"]) + datetime.timedelta(days=1)
    when = datetime.datetime(day.year, day.month, day.day, 9, 0,
                             tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    return when + datetime.timedelta(minutes=7 * seq, seconds=13 * seq % 60)


def make_message(spec, seq, ctx):
    app = ctx["applicants"].get(spec["applicant"])
    if app is None:
        die("%s: no applicant %s" % (spec["id"], spec["applicant"]))
    if not id_valid(app["id_number"]):
        die("applicant %s: ID number fails the GB 11643 checksum" % spec["applicant"])
    rng = random.Random("%s/%s" % (ctx["seed"], spec["id"]))
    if spec["doc"] == "form":
        masters = fill_form(ctx["blank"], app, spec, rng)
    elif spec["doc"] == "letter":
        masters = write_letter(app, spec, rng, ctx["office"])
    else:
        die("%s: doc must be form or letter" % spec["id"])
    if spec.get("image"):
        return image_message(spec, seq, ctx, app, masters, rng)
    for key, allowed in (("encoding", ENCODINGS), ("gateway", GATEWAYS),
                         ("resolution", tuple(RESOLUTIONS))):
        if spec.get(key) not in allowed:
            die("%s: %s must be one of %s" % (spec["id"], key, ", ".join(allowed)))
    if spec.get("cover"):
        masters.insert(0, write_cover(app, ctx["office"], OFFICE_FAX, len(masters) + 1))
    return fax_message(spec, seq, ctx, app, masters, rng)


def fax_message(spec, seq, ctx, app, masters, rng):
    when = received_time(app, seq)
    caller = app.get("fax") or app["sender_fax"]
    csid = spec.get("csid", caller.replace("-", " "))
    fax = {"csid": csid, "caller": caller, "pages": len(masters),
           "caller_name": spec.get("caller_name", "")}
    if spec.get("tsi_header", True):
        for i, p in enumerate(masters, 1):
            add_tsi_header(p, csid, i, len(masters), when - datetime.timedelta(minutes=2),
                           spec.get("station", ""))

    noisy = bool(spec.get("noise"))
    pages = [scan(p, spec["resolution"], noisy, rng) for p in masters]
    out = ctx["outdir"]
    stem = "%02d-%s" % (seq, spec["id"])
    fdir = os.path.join(out, "faxes")
    sent_ps = os.path.join(ctx["workdir"], stem + ".sent.ps")
    write_ps(pages, spec["resolution"], sent_ps)
    enc = spec["encoding"]
    tif = os.path.join(fdir, stem + ".tif")
    describe = csid if spec["gateway"] in ("asterisk", "hylafax") else None
    # DateTime: when the fax came in (ghostscript wrote its own clock,
    # which would make every run's files differ).
    tags = {TIFFTAG_DATETIME: when.strftime("%Y:%m:%d %H:%M:%S")}
    if describe:
        # What spandsp and HylaFAX write: the far end's station ID.
        tags[TIFFTAG_IMAGEDESCRIPTION] = describe
    encode_tiff(sent_ps, spec["resolution"], "g3" if enc == "tiff-g3" else "g4",
                pages, tif, tags)
    if enc == "pdf":
        path = os.path.join(fdir, stem + ".pdf")
        run(["tiff2pdf", "-o", path, tif])
    elif enc == "ps":
        path = os.path.join(fdir, stem + ".ps")
        # fax2ps dates its output by the clock; faxrcvd runs it on receipt.
        ps = re.sub(rb"^%%CreationDate: .*$", b"%%CreationDate: " +
                    when.strftime("%a %b %d %H:%M:%S %Y").encode(), run(["fax2ps", tif]),
                    flags=re.M)
        with open(path, "wb") as f:
            f.write(ps)
    else:
        path = tif
    fname = attachment_names(spec, when, seq)
    with open(path, "rb") as f:
        data = f.read()
    attachments = [(fname,) + MIME_TYPES[fname.rsplit(".", 1)[1]] + (data,)]
    if spec["gateway"] == "freepbx" and spec.get("also_tiff") and enc == "pdf":
        with open(tif, "rb") as f:
            attachments.append((fname.rsplit(".", 1)[0] + ".tif", "image", "tiff", f.read()))
    mail = gateway_mail(spec, fax, when, attachments, seq)
    mpath = os.path.join(out, "mail", stem + ".eml")
    with open(mpath, "wb") as f:
        f.write(mail)
    if ctx["keep_png"]:
        for i, p in enumerate(pages, 1):
            p.save(os.path.join(ctx["workdir"], "%s-p%d.png" % (stem, i)))
    xres, yres = RESOLUTIONS[spec["resolution"]]
    return {
        "id": spec["id"],
        "mail": os.path.relpath(mpath, out),
        "file": os.path.relpath(path, out),
        "tiff": os.path.relpath(tif, out),
        "doc": spec["doc"],
        "applicant_key": spec["applicant"],
        "gateway": spec["gateway"],
        "encoding": enc,
        "compression": "g3" if enc == "tiff-g3" else "g4",
        "resolution": spec["resolution"],
        "xres": xres, "yres": yres,
        "width": FAX_WIDTH, "height": pages[0].size[1],
        "pages": len(pages),
        "noise": noisy,
        "skew_deg": NOISE_SKEW_DEG if noisy else 0.0,
        "hand": spec.get("hand", "typed"),
        "signature_kind": spec.get("signature", "scribble"),
        "cover": bool(spec.get("cover")),
        "attachment": {"filename": fname, "content_type": "/".join(MIME_TYPES[fname.rsplit(".", 1)[1]])},
        "fax": {"style": spec["gateway"], "csid": csid, "caller": caller.replace("-", ""),
                "pages": len(pages), "quality": spec["resolution"],
                "received": when.isoformat(), "image_description": describe},
        "expect": expectation(app, spec),
    }


# A phone photo of a page: 150 dpi is what a 12 Mpx photo of an A4 sheet
# held at arm's length gives; a desk scanner's default is 200 dpi grey.
PHOTO_DPI = 150
SCAN_DPI = 200
PHOTO_TILT_DEG = 2.5
# Room light falls off across the sheet: the far corner this much darker.
PHOTO_SHADE = 0.72
PHOTO_JPEG_QUALITY = 82
# A phone stores the sensor's rows and, in the Exif Orientation tag, the
# turn that shows them upright (Exif 2.32 4.6.5): a portrait sheet shot
# with the phone held upright is stored a quarter turn off, tagged 6.
PHOTO_STORED = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90,
                8: Image.Transpose.ROTATE_270}
EXIF_ORIENTATION = 0x0112
# heif-enc's quality for a phone's HEIC (x265; its default is 50).
PHOTO_HEIC_QUALITY = 60


def photo_page(page, rng):
    """A master page as a phone photographs it: tilted, unevenly lit, a
    little soft, warm-tinted paper, JPEG-compressed."""
    w = round(MASTER_WIDTH * PHOTO_DPI / MASTER_DPI)
    h = round(MASTER_HEIGHT * PHOTO_DPI / MASTER_DPI)
    grey = page.rotate(rng.uniform(-PHOTO_TILT_DEG, PHOTO_TILT_DEG), resample=Image.BILINEAR,
                       fillcolor=235).resize((w, h), resample=Image.BOX)
    corners = [255, round(255 * (PHOTO_SHADE + 1) / 2), round(255 * (PHOTO_SHADE + 1) / 2),
               round(255 * PHOTO_SHADE)]
    rng.shuffle(corners)
    light = Image.new("L", (2, 2))
    light.putdata(corners)
    light = light.resize((w, h), resample=Image.BILINEAR)
    grey = ImageChops.multiply(grey, light).filter(ImageFilter.GaussianBlur(0.7))
    return Image.merge("RGB", (grey, grey.point(lambda v: v * 97 // 100),
                               grey.point(lambda v: v * 90 // 100)))


def photo_file(shot, spec, stamp, i):
    """(filename, maintype, subtype, bytes) of one photographed page: a
    JPEG, stored turned with its Exif orientation when spec says so, or
    a HEIC (heif-enc, Debian libheif-examples)."""
    name = "IMG_%s_%02d" % (stamp, i)
    if spec["image"] == "heic":
        with tempfile.TemporaryDirectory() as tmp:
            png, heic = os.path.join(tmp, "page.png"), os.path.join(tmp, "page.heic")
            shot.save(png)
            subprocess.run(["heif-enc", "-q", str(PHOTO_HEIC_QUALITY), png, "-o", heic],
                           check=True, stdout=subprocess.DEVNULL)
            with open(heic, "rb") as f:
                return name + ".HEIC", "image", "heic", f.read()
    turn = spec.get("orientation", 1)
    extra = {}
    if turn != 1:
        shot = shot.transpose(PHOTO_STORED[turn])
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = turn
        extra["exif"] = exif.tobytes()
    buf = io.BytesIO()
    shot.save(buf, "JPEG", quality=PHOTO_JPEG_QUALITY, dpi=(PHOTO_DPI, PHOTO_DPI), **extra)
    return name + ".jpg", "image", "jpeg", buf.getvalue()


def scan_page(page):
    w = round(MASTER_WIDTH * SCAN_DPI / MASTER_DPI)
    h = round(MASTER_HEIGHT * SCAN_DPI / MASTER_DPI)
    return page.resize((w, h), resample=Image.BOX)


def image_message(spec, seq, ctx, app, masters, rng):
    """An ordinary email from the applicant whose form is only an image:
    one phone photo (JPEG or HEIC) per page, or a scanned PDF without text."""
    when = received_time(app, seq)
    out = ctx["outdir"]
    stem = "%02d-%s" % (seq, spec["id"])
    attachments = []
    if spec["image"] in ("photo", "heic"):
        for i, p in enumerate(masters, 1):
            attachments.append(photo_file(photo_page(p, rng), spec,
                                          when.strftime("%Y%m%d_%H%M%S"), i))
    elif spec["image"] == "scan":
        buf = io.BytesIO()
        pages = [scan_page(p) for p in masters]
        pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:],
                      resolution=float(SCAN_DPI), creationDate=when.utctimetuple(),
                      modDate=when.utctimetuple())
        attachments.append(("申请表扫描件.pdf", "application", "pdf", buf.getvalue()))
    else:
        die("%s: image must be photo, heic or scan" % spec["id"])
    paths = []
    for name, _, subtype, data in attachments:
        path = os.path.join(out, "faxes", "%s-%d.%s" % (stem, len(paths) + 1,
                                                       {"jpeg": "jpg"}.get(subtype, subtype)))
        with open(path, "wb") as f:
            f.write(data)
        paths.append(os.path.relpath(path, out))
    msg = email.message.EmailMessage(policy=email.policy.default.clone(linesep="\n"))
    msg["From"] = "%s <%s>" % (app["name"], spec["from"])
    msg["To"] = "ogi@example.gov.cn"
    msg["Subject"] = "政府信息公开申请"
    msg["Date"] = email.utils.format_datetime(when)
    msg["Message-ID"] = "<%s.%d.%s@mail.example.cn>" % (when.strftime("%Y%m%d%H%M%S"), seq,
                                                        spec["image"])
    msg["MIME-Version"] = "1.0"
    what = "扫描件" if spec["image"] == "scan" else "照片"
    msg.set_content("您好：\n\n附件是我填写的政府信息公开申请表（%s），请查收。\n\n%s\n" %
                    (what, app["name"]))
    for name, maintype, subtype, data in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    mpath = os.path.join(out, "mail", stem + ".eml")
    with open(mpath, "wb") as f:
        f.write(stable_bytes(msg, seq))
    expect = expectation(app, spec)
    expect["channel"] = "email"
    return {
        "id": spec["id"],
        "mail": os.path.relpath(mpath, out),
        "files": paths,
        "doc": spec["doc"],
        "applicant_key": spec["applicant"],
        "image": spec["image"],
        "dpi": SCAN_DPI if spec["image"] == "scan" else PHOTO_DPI,
        "pages": len(masters),
        "hand": spec.get("hand", "typed"),
        "signature_kind": spec.get("signature", "scribble"),
        "attachments": [{"filename": a[0], "content_type": "%s/%s" % (a[1], a[2])}
                        for a in attachments],
        "fax": None,
        "expect": expect,
    }


def expand(setdesc):
    """The messages of a set: its explicit list, then the product of its
    axes (every resolution x noise x encoding x gateway), each combination
    taking the next document variant in turn; each (resolution, noise)
    block starts VARIANT_BLOCK_SHIFT variants further on, so that a gateway
    and encoding does not meet the same document in every block."""
    msgs = list(setdesc.get("messages", []))
    axes = setdesc.get("axes")
    if axes:
        variants = axes["variants"]
        block = 0
        for res in axes["resolution"]:
            for noise in axes["noise"]:
                k = block * VARIANT_BLOCK_SHIFT
                block += 1
                for gw, encs in axes["gateway_encodings"].items():
                    for enc in encs:
                        v = dict(variants[k % len(variants)])
                        k += 1
                        v.update(axes.get("gateway_options", {}).get(gw, {}))
                        v.update({"resolution": res, "noise": noise, "gateway": gw,
                                  "encoding": enc})
                        v["id"] = "%s-%s-%s%s-%s-%s" % (
                            v["doc"], res, "noisy-" if noise else "", gw, enc, v.get("case", "ok"))
                        msgs.append(v)
    return msgs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--set", required=True, help="the set description (JSON)")
    ap.add_argument("--applicants", required=True)
    ap.add_argument("--blank-form", required=True, help="ogictl letter preview form")
    ap.add_argument("--office", required=True)
    ap.add_argument("--keep-png", action="store_true")
    ap.add_argument("--only", action="append",
                    help="generate only the messages with these ids (repeated)")
    a = ap.parse_args()
    with open(a.set) as f:
        setdesc = json.load(f)
    with open(a.applicants) as f:
        applicants = json.load(f)["applicants"]
    workdir = os.path.join(a.outdir, "work")
    for d in ("mail", "faxes", "work"):
        os.makedirs(os.path.join(a.outdir, d), exist_ok=True)
    msgs = expand(setdesc)
    need_form = any(m["doc"] == "form" for m in msgs)
    ctx = {"applicants": applicants, "outdir": a.outdir, "workdir": workdir,
           "seed": setdesc.get("seed", "faxgen"), "office": a.office,
           "keep_png": a.keep_png,
           "blank": BlankForm(a.blank_form, workdir) if need_form else None}
    truth = {"set": setdesc.get("name"), "office": a.office, "messages": []}
    for seq, spec in enumerate(msgs, 1):
        if a.only and spec["id"] not in a.only:
            continue
        truth["messages"].append(make_message(spec, seq, ctx))
    with open(os.path.join(a.outdir, "truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    write_score_truth(a.outdir, truth)


def write_score_truth(outdir, truth):
    """OUTDIR/score/: the same expectations in the shape of the shared
    corpus scorer (../shared/tools/score-corpus.sh OUTDIR/score OGID OGICTL):
    a list, one entry per mail file, with kind and complete, mail/ beside it."""
    sdir = os.path.join(outdir, "score")
    os.makedirs(sdir, exist_ok=True)
    link = os.path.join(sdir, "mail")
    if not os.path.islink(link):
        os.symlink(os.path.join("..", "mail"), link)
    flat = []
    for m in truth["messages"]:
        e = dict(m["expect"])
        e.update({"file": os.path.basename(m["mail"]), "kind": "application",
                  "complete": not e["missing"], "invalid": [], "id": m["id"],
                  "resolution": m.get("resolution"), "noise": m.get("noise")})
        flat.append(e)
    with open(os.path.join(sdir, "truth.json"), "w") as f:
        json.dump(flat, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
