#!/usr/bin/python3
"""Renders a short filled application form page like a fax machine sends it.

    make-page.py OUT [--res fine|normal] [--skew DEG] [--noise] [--pages N]
                 [--tick LABEL]... [--signature none|scribble|seal]
                 [--format tiff|tiffg3|png|jpeg] [--description TEXT]
                 [--framed]

The page is drawn at 204 x 196 dpi (a fine fax: A4 is 1728 x 2292 pixels),
in the layout of the office form (templates/form.tpl: a tick box, a quarter
of a character's pitch, then the option's text); --res normal then keeps
every other line, as a fax machine scanning 3.85 lines/mm does (204 x 98).
--skew turns the sheet (degrees, counter-clockwise), --noise adds the specks
a fax line leaves.  --framed draws the office form's own layout instead
(templates/form.tpl: each label above a ruled frame holding the value,
the name in a kai hand, the signature in a frame of its own); its lines
are one pixel thick, as the form's are at this resolution.  Every page of a TIFF carries the resolution and,
with --description, the ImageDescription tag a fax server writes.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import math
import random

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
HAND = "/usr/share/fonts/truetype/arphic/ukai.ttc"
WIDTH, HEIGHT = 1728, 2292     # A4 at 204 x 196 dpi
XRES, YRES = 204, 196
EM = 44                        # 16 pt at 196 dpi, the form's body size
LEFT = 150
PITCH = 64                     # line pitch
BOX = int(0.8 * EM)            # the form's tick box: 0.8 em
GAP = EM // 4

LINES = [
    ("title", "政府信息公开申请表"),
    ("text", "姓名：张建国"),
    ("text", "证件号码：110101199003078515"),
    ("text", "联系电话：13912345678"),
    ("text", "通信地址：北京市东城区和平里大街十八号"),
    ("text", "所需信息的内容描述：二〇二五年本区道路建设资金使用情况"),
    ("choice", "载体形式：", ["纸面", "电子邮件", "光盘"]),
    ("choice", "获取方式：", ["自行领取", "邮寄", "电子邮件", "传真"]),
    ("sign", "申请人签名（盖章）："),
    ("text", "申请时间：2026年12月1日"),
]


# The framed form: label, value (None: empty), frame height in lines, and
# whether the value is written by hand.
FRAMED = [
    ("姓名", "张建国", 1, True),
    ("证件号码", "110101199003078515", 1, False),
    ("通信地址", "北京市东城区和平里大街十八号", 1, False),
    ("传真", None, 1, False),
    ("所需信息的内容描述（必填：请写明信息的名称）", "二〇二五年本区道路建设资金使用情况", 3,
     False),
    ("申请人签名（盖章）", None, 2, False),
]
FRAME_RIGHT = WIDTH - LEFT
FRAME_LINE = int(EM * 1.6)     # a one-line frame's height, as the form's


def framed(draw, font, args):
    """The office form's layout: labels over frames, values inside."""
    hand = ImageFont.truetype(HAND, EM)
    y = 160 + PITCH * 2
    for label, value, lines, by_hand in FRAMED:
        draw.text((LEFT, y), label, font=font, fill=0)
        top = y + int(EM * 1.3)
        bottom = top + FRAME_LINE * lines
        draw.rectangle([LEFT, top, FRAME_RIGHT, bottom], outline=0, width=1)
        if value is not None:
            draw.text((LEFT + EM // 4, top + (FRAME_LINE - EM) // 2), value,
                      font=hand if by_hand else font, fill=0)
        if label.startswith("申请人签名") and args.signature == "scribble":
            scribble(draw, LEFT + EM * 6, top + EM // 4)
        y = bottom + EM // 2


def tick(draw, x, y):
    """A hand-drawn tick inside the box at x, y."""
    w = 5
    draw.line([(x + BOX * 0.15, y + BOX * 0.5), (x + BOX * 0.42, y + BOX * 0.85)],
              fill=0, width=w)
    draw.line([(x + BOX * 0.42, y + BOX * 0.85), (x + BOX * 0.9, y + BOX * 0.1)],
              fill=0, width=w)


def scribble(draw, x, y):
    """A signature: a few loops of pen, about three characters wide."""
    pts = []
    for i in range(240):
        t = i / 240.0
        pts.append((x + 20 + 260 * t + 25 * math.sin(t * 31),
                    y + EM * 0.5 + 30 * math.sin(t * 17) * math.cos(t * 5)))
    draw.line(pts, fill=0, width=4)


def seal(draw, x, y):
    """A round seal: a thick ring with a star, 180 pixels across."""
    r = 90
    cx, cy = x + 40 + r, y + EM // 2
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=0, width=9)
    star = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = 30 if k % 2 == 0 else 12
        star.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(star, fill=0)


def page(args, number):
    img = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, EM)
    big = ImageFont.truetype(FONT, int(EM * 1.4))
    y = 160
    for line in LINES if not args.framed else LINES[:1]:
        kind, text = line[0], line[1]
        if kind == "title":
            w = draw.textlength(text, font=big)
            draw.text(((WIDTH - w) / 2, y), text, font=big, fill=0)
            y += PITCH * 2
            continue
        draw.text((LEFT, y), text, font=font, fill=0)
        x = LEFT + draw.textlength(text, font=font)
        if kind == "choice":
            for opt in line[2]:
                top = y + int(EM * 0.2)
                draw.rectangle([x, top, x + BOX, top + BOX], outline=0, width=3)
                if opt in args.tick:
                    tick(draw, x, top)
                draw.text((x + BOX + GAP, y), opt, font=font, fill=0)
                x += BOX + GAP + draw.textlength(opt, font=font) + EM
        elif kind == "sign":
            if args.signature == "scribble":
                scribble(draw, x, y)
            elif args.signature == "seal":
                seal(draw, x, y)
            y += PITCH * 2
        y += PITCH
    if args.framed:
        framed(draw, font, args)
    draw.text((LEFT, HEIGHT - 200), "第%d页" % number, font=font, fill=0)
    if args.skew:
        img = img.rotate(args.skew, resample=Image.BICUBIC, fillcolor=255)
    img = img.point(lambda v: 0 if v < 128 else 255)
    if args.noise:
        rnd = random.Random(number)
        px = img.load()
        for _ in range(WIDTH * HEIGHT // 2000):
            x, y = rnd.randrange(WIDTH - 2), rnd.randrange(HEIGHT - 2)
            for dx in range(rnd.randint(1, 2)):
                for dy in range(rnd.randint(1, 2)):
                    px[x + dx, y + dy] = 0
    if args.res == "normal":
        img = img.resize((WIDTH, HEIGHT // 2), Image.NEAREST)
    return img


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--res", choices=["fine", "normal"], default="fine")
    ap.add_argument("--skew", type=float, default=0.0)
    ap.add_argument("--noise", action="store_true")
    ap.add_argument("--pages", type=int, default=1)
    ap.add_argument("--tick", action="append", default=[])
    ap.add_argument("--signature", choices=["none", "scribble", "seal"],
                    default="scribble")
    ap.add_argument("--format", choices=["tiff", "tiffg3", "png", "jpeg"],
                    default="tiff")
    ap.add_argument("--description")
    ap.add_argument("--framed", action="store_true")
    args = ap.parse_args()
    pages = [page(args, n + 1) for n in range(args.pages)]
    dpi = (XRES, YRES if args.res == "fine" else YRES // 2)
    if args.format.startswith("tiff"):
        pages = [p.convert("1") for p in pages]
        extra = {}
        if args.description:
            extra["tiffinfo"] = {270: args.description}
        pages[0].save(args.out, format="TIFF", dpi=dpi, save_all=True,
                      append_images=pages[1:],
                      compression="group3" if args.format == "tiffg3" else "group4",
                      **extra)
    elif args.format == "png":
        pages[0].save(args.out, format="PNG", dpi=dpi)
    else:
        pages[0].convert("RGB").save(args.out, format="JPEG", dpi=dpi, quality=85)


if __name__ == "__main__":
    main()
