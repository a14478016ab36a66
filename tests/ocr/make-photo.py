#!/usr/bin/python3
"""Writes a page as a phone stores its photo: pixels as the sensor saw them
and a note of how to turn them upright.

    make-photo.py OUT (--page PNG | --corners WxH)
                  [--orientation N [--no-exif] | --heic [--irot K]]

--page takes an upright page (e.g. from make-page.py --format png);
--corners draws a blank W x H page with a large black square in its top
left corner and a small one in its top right, so that each of the eight
ways to turn or mirror it puts them somewhere else.

--orientation N (1..8) writes a JPEG whose pixels are the page turned so
that the Exif Orientation tag N, which it carries, turns them upright
again; --no-exif leaves the tag out (with N 1: a plain JPEG).  --heic writes a HEIC (heif-enc, Debian libheif-examples); with
--irot K (1..3) its pixels are the page turned K quarter turns clockwise
and its primary image carries an irot property of K (ISO/IEC 23008-12
6.5.10: K quarter turns anti-clockwise on display), added to the boxes
heif-enc wrote.  Deterministic but for heif-enc's encoder.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw

T = Image.Transpose
# Exif 2.32 4.6.5: how a reader turns the stored pixels for display.
SHOW = {2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM,
        5: T.TRANSPOSE, 6: T.ROTATE_270, 7: T.TRANSVERSE, 8: T.ROTATE_90}
# ... and how a camera stores an upright page so that the reader's turn
# restores it.
STORE = {**SHOW, 6: T.ROTATE_90, 8: T.ROTATE_270}


def corners(size):
    w, h = (int(v) for v in size.split("x"))
    page = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(page)
    big, small, margin = w // 6, w // 12, w // 20
    draw.rectangle((margin, margin, margin + big, margin + big), fill=0)
    draw.rectangle((w - margin - small, margin, w - margin, margin + small), fill=0)
    return page


def jpeg(page, orientation, out, with_exif):
    stored = page.transpose(STORE[orientation]) if orientation != 1 else page
    if orientation != 1 and stored.transpose(SHOW[orientation]).tobytes() != page.tobytes():
        sys.exit("make-photo.py: orientation %d does not turn back" % orientation)
    dpi = page.info.get("dpi", (72, 72))
    if orientation >= 5:
        dpi = (dpi[1], dpi[0])
    extra = {}
    if with_exif:
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif.tobytes()
    stored.save(out, "JPEG", quality=90, dpi=(round(dpi[0]), round(dpi[1])), **extra)


def boxes(data, start, end):
    """(type, offset, size) of each box in data[start:end]."""
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        if size < 8:
            sys.exit("make-photo.py: heif-enc wrote a box we do not follow")
        yield kind.decode("latin-1"), start, size
        start += size


def add_irot(data, quarters):
    """data with an irot property of the primary image: appended to ipco,
    associated last (transforms apply in order, after the descriptive
    properties), every box around them grown and the file offsets of the
    item locations moved by the bytes added before mdat."""
    data = bytearray(data)
    top = {k: (o, s) for k, o, s in boxes(data, 0, len(data))}
    meta_o, meta_s = top["meta"]
    inner = {k: (o, s) for k, o, s in boxes(data, meta_o + 12, meta_o + meta_s)}
    iprp_o, iprp_s = inner["iprp"]
    props = {k: (o, s) for k, o, s in boxes(data, iprp_o + 8, iprp_o + iprp_s)}
    ipco_o, ipco_s = props["ipco"]
    ipma_o, ipma_s = props["ipma"]
    pitm_o, _ = inner["pitm"]
    iloc_o, _ = inner["iloc"]
    primary = struct.unpack(">H", data[pitm_o + 12:pitm_o + 14])[0]
    n_props = len(list(boxes(data, ipco_o + 8, ipco_o + ipco_s)))

    # ipma (version 0, flags 0): entries of item (16 bits), count (8 bits),
    # then one byte per association: essential bit, 7-bit index from 1.
    if data[ipma_o + 8] != 0 or data[ipma_o + 11] & 1:
        sys.exit("make-photo.py: ipma version or flags not handled")
    pos = ipma_o + 16
    for _ in range(struct.unpack(">I", data[ipma_o + 12:ipma_o + 16])[0]):
        item, count = struct.unpack(">HB", data[pos:pos + 3])
        if item == primary:
            data[pos + 2] = count + 1
            data[pos + 3 + count:pos + 3 + count] = bytes([0x80 | (n_props + 1)])
            break
        pos += 3 + count
    else:
        sys.exit("make-photo.py: primary item has no properties")
    irot = struct.pack(">I4sB", 9, b"irot", quarters & 3)
    data[ipco_o + ipco_s:ipco_o + ipco_s] = irot
    grown = len(irot) + 1
    ipma_o += len(irot)
    for o, extra in ((ipco_o, len(irot)), (ipma_o, 1), (iprp_o, grown), (meta_o, grown)):
        data[o:o + 4] = struct.pack(">I", struct.unpack(">I", data[o:o + 4])[0] + extra)
    if iloc_o > ipco_o:
        iloc_o += grown

    # iloc: every extent of every item lies in mdat, after meta.
    version = data[iloc_o + 8]
    sizes = data[iloc_o + 12], data[iloc_o + 13]
    off_size, len_size, base_size = sizes[0] >> 4, sizes[0] & 15, sizes[1] >> 4
    idx_size = sizes[1] & 15 if version in (1, 2) else 0
    if version > 1 or off_size not in (0, 4) or base_size not in (0, 4):
        sys.exit("make-photo.py: iloc layout not handled")
    pos = iloc_o + 14
    n_items = struct.unpack(">H", data[pos:pos + 2])[0]
    pos += 2
    for _ in range(n_items):
        pos += 2 + (2 if version == 1 else 0) + 2   # item, method, data ref
        if base_size == 4:
            base = struct.unpack(">I", data[pos:pos + 4])[0]
            if base:
                data[pos:pos + 4] = struct.pack(">I", base + grown)
        pos += base_size
        extents = struct.unpack(">H", data[pos:pos + 2])[0]
        pos += 2
        for _ in range(extents):
            pos += idx_size
            if off_size == 4 and base_size == 0:
                off = struct.unpack(">I", data[pos:pos + 4])[0]
                data[pos:pos + 4] = struct.pack(">I", off + grown)
            pos += off_size + len_size
    return bytes(data)


def heic(page, quarters, out):
    stored = page.rotate(-90 * quarters, expand=True) if quarters else page
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "page.png")
        enc = os.path.join(tmp, "page.heic")
        stored.save(png)
        subprocess.run(["heif-enc", "-q", "60", png, "-o", enc], check=True,
                       stdout=subprocess.DEVNULL)
        with open(enc, "rb") as f:
            data = f.read()
    if quarters:
        data = add_irot(data, quarters)
    with open(out, "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--page")
    src.add_argument("--corners")
    ap.add_argument("--orientation", type=int, choices=range(1, 9))
    ap.add_argument("--no-exif", action="store_true")
    ap.add_argument("--heic", action="store_true")
    ap.add_argument("--irot", type=int, choices=range(0, 4), default=0)
    a = ap.parse_args()
    page = Image.open(a.page).convert("L") if a.page else corners(a.corners)
    if a.page:
        page.info = dict(Image.open(a.page).info)
    if a.heic:
        heic(page, a.irot, a.out)
    else:
        jpeg(page, a.orientation or 1, a.out, not a.no_exif)


if __name__ == "__main__":
    main()
