"""Render PanelReview's icons from their SVG sources: PNGs, a Windows .ico and a macOS .icns.

    .venv/bin/python packaging/icons/make_icons.py          # re-render what is out of date
    .venv/bin/python packaging/icons/make_icons.py --check  # exit 1 if any committed file is stale

Sources (drawn by hand): ``resources/icons/<name>.svg``. Outputs, committed so that neither a
wheel nor a bundle build needs this script:

* ``resources/icons/<name>-<size>.png`` for every size in :data:`PNG_SIZES` (the window icon, the
  Linux hicolor theme);
* ``packaging/windows/<name>.ico`` (32-bit BMP entries up to 128 px, PNG at 256 px: what Windows and
  Inno Setup read);
* ``packaging/macos/<name>.icns`` (PNG entries from 16 to 1024 px).

Qt (QtSvg) renders; the ICO and ICNS containers are written here (both are small, documented
formats), so no extra package is needed.

Whether the committed icons are current is decided in two ways, neither of which depends on the
machine (Qt's rasteriser and PNG encoder give different bytes on different machines and Qt builds,
so comparing a fresh rendering byte for byte would only say which machine rendered them):

1. :data:`MANIFEST` (``packaging/icons/rendered.sha256``, in ``sha256sum`` format, so
   ``sha256sum -c packaging/icons/rendered.sha256`` also works from the checkout) records the SHA-256
   of every SVG source and of every file rendered from it when they were written. An SVG edited
   without re-rendering, or an output changed by hand, is caught exactly.
2. Every image in every committed output is compared with a fresh rendering, pixel by pixel, within
   :data:`TOLERANCE` levels per channel: a genuinely different rendering (another shape, colour or
   size) is still caught, the small rounding differences between rasterisers are not.

Re-rendering rewrites an icon's outputs only when its SVG changed or its outputs fail the check, so
running it on another machine leaves the committed files as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
WINDOWS = ROOT / "packaging" / "windows"
MACOS = ROOT / "packaging" / "macos"
MANIFEST = ROOT / "packaging" / "icons" / "rendered.sha256"

NAMES = ("panelreview", "application-x-panelreview-review", "application-x-panelreview-pack")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's "icns" format; the @2x types reuse sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
# Largest difference allowed between a committed pixel and a fresh rendering of it, per channel, in
# levels of 255 (premultiplied ARGB, so a nearly transparent edge pixel cannot swing its colour). Two
# builds of Qt's rasteriser round antialiased edge coverage and alpha premultiplication differently
# by a level or two; a changed colour, shape or size moves pixels by tens or hundreds of levels.
TOLERANCE = 6


def render(svg: Path, size: int) -> QImage:
    key = (svg, size)
    if key not in _RENDERED:
        _RENDERED[key] = _render(svg, size)
    return _RENDERED[key]


_RENDERED: dict[tuple[Path, int], QImage] = {}


def _render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image as a 32-bit DIB: BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, size * size * 4, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            pixel = argb.pixel(x, y)  # 0xAARRGGBB
            row += struct.pack("<I", pixel)  # little-endian: B, G, R, A
            if (pixel >> 24) == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(svg: Path) -> bytes:
    images = []
    for size in ICO_SIZES:
        image = render(svg, size)
        images.append((size, png_bytes(image) if size >= 256 else bmp_entry(image)))
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


def icns_bytes(svg: Path) -> bytes:
    cache: dict[int, bytes] = {}
    body = b""
    for kind, size in ICNS_TYPES:
        if size not in cache:
            cache[size] = png_bytes(render(svg, size))
        body += kind + struct.pack(">I", 8 + len(cache[size])) + cache[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def output_paths(name: str) -> list[Path]:
    return [
        *(ICONS / f"{name}-{size}.png" for size in PNG_SIZES),
        WINDOWS / f"{name}.ico",
        MACOS / f"{name}.icns",
    ]


def rendered_file(name: str, path: Path) -> bytes:
    svg = ICONS / f"{name}.svg"
    if path.suffix == ".ico":
        return ico_bytes(svg)
    if path.suffix == ".icns":
        return icns_bytes(svg)
    return png_bytes(render(svg, int(path.stem.rsplit("-", 1)[1])))


# Reading the committed files back, image by image --------------------------------------------------


def png_image(data: bytes) -> QImage:
    image = QImage.fromData(data, "PNG")
    if image.isNull():
        raise ValueError("not a PNG image")
    return image


def bmp_image(data: bytes) -> QImage:
    """The image of an ICO's 32-bit DIB entry, as :func:`bmp_entry` writes it."""
    _, width, height2, _, bits = struct.unpack_from("<IiiHH", data)
    if bits != 32 or height2 != width * 2:
        raise ValueError("not a 32-bit icon bitmap")
    stride = width * 4
    rows = [data[40 + y * stride : 40 + (y + 1) * stride] for y in range(width)]
    pixels = b"".join(reversed(rows))  # stored bottom-up; B, G, R, A is ARGB32 in little-endian
    if len(pixels) != stride * width:
        raise ValueError("truncated icon bitmap")
    return QImage(pixels, width, width, stride, QImage.Format.Format_ARGB32).copy()


def ico_images(data: bytes) -> list[QImage]:
    _, kind, count = struct.unpack_from("<HHH", data)
    if kind != 1:
        raise ValueError("not an icon file")
    images = []
    for index in range(count):
        *_, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        entry = data[offset : offset + length]
        images.append(png_image(entry) if entry.startswith(b"\x89PNG") else bmp_image(entry))
    return images


def icns_images(data: bytes) -> list[QImage]:
    if data[:4] != b"icns" or struct.unpack_from(">I", data, 4)[0] != len(data):
        raise ValueError("not an icns file")
    images, offset = [], 8
    while offset < len(data):
        length = struct.unpack_from(">I", data, offset + 4)[0]
        images.append(png_image(data[offset + 8 : offset + length]))
        offset += length
    return images


def committed_images(path: Path) -> list[QImage]:
    data = path.read_bytes()
    if path.suffix == ".ico":
        return ico_images(data)
    if path.suffix == ".icns":
        return icns_images(data)
    return [png_image(data)]


def difference(committed: QImage, fresh: QImage) -> int:
    """The largest per-channel difference between two square images, in levels (256 if sizes differ)."""
    if committed.size() != fresh.size():
        return 256
    fmt = QImage.Format.Format_ARGB32_Premultiplied
    mine, theirs = committed.convertToFormat(fmt), fresh.convertToFormat(fmt)  # kept alive while read
    a, b = bytes(mine.constBits()), bytes(theirs.constBits())
    stride = fresh.width() * 4
    worst = 0
    for start in range(0, len(b), stride):  # rows that are equal (the usual case) cost one comparison
        row_a, row_b = a[start : start + stride], b[start : start + stride]
        if row_a != row_b:
            worst = max(worst, max(abs(x - y) for x, y in zip(row_a, row_b, strict=True)))
    return worst


# The manifest of sources and outputs ----------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest() -> dict[str, str]:
    if not MANIFEST.exists():
        return {}
    recorded = {}
    for line in MANIFEST.read_text("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        recorded[name] = digest
    return recorded


def write_manifest() -> None:
    lines = []
    for name in NAMES:
        for path in (ICONS / f"{name}.svg", *output_paths(name)):
            lines.append(f"{sha256(path)}  {path.relative_to(ROOT).as_posix()}\n")
    MANIFEST.write_text("".join(lines), "utf-8")


def problems(name: str, recorded: dict[str, str]) -> list[str]:
    """What is stale about one icon's committed outputs, in words; empty when they are current."""
    svg = ICONS / f"{name}.svg"
    if recorded.get(svg.relative_to(ROOT).as_posix()) != sha256(svg):
        return [f"{svg.relative_to(ROOT)} changed since its icons were rendered"]
    found = []
    for path in output_paths(name):
        where = path.relative_to(ROOT)
        if not path.exists():
            found.append(f"{where} is missing")
            continue
        if recorded.get(where.as_posix()) != sha256(path):
            found.append(f"{where} is not the file that was rendered from {svg.name}")
            continue
        try:
            images = committed_images(path)
        except (ValueError, struct.error) as error:
            found.append(f"{where} cannot be read ({error})")
            continue
        for image in images:
            levels = difference(image, render(svg, image.width()))
            if levels > TOLERANCE:
                found.append(
                    f"{where}: a fresh rendering of {svg.name} at {image.width()} px differs "
                    f"by up to {min(levels, 255)} levels (allowed: {TOLERANCE})"
                )
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed files are current")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    recorded = read_manifest()
    stale = False
    for name in NAMES:
        found = problems(name, recorded)
        stale = stale or bool(found)
        for problem in found:
            print("stale: " + problem)
        if found and not args.check:
            for path in output_paths(name):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(rendered_file(name, path))
                print("wrote: " + str(path.relative_to(ROOT)))
    if not args.check:
        write_manifest()
    elif stale:
        print("Re-render the icons from their SVG sources: .venv/bin/python packaging/icons/make_icons.py")
    del app
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
