"""Build small PDF, Word and text drafts in code, for tests of each heading style."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pymupdf

BODY = 11.0
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _font_args(bold: bool) -> dict[str, str]:
    """DejaVu (for dashes and accents) where installed, else PDF's built-in Helvetica."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if (FONT_DIR / name).exists():
        return {"fontname": "dvb" if bold else "dv", "fontfile": str(FONT_DIR / name)}
    return {"fontname": "hebo" if bold else "helv"}


@dataclass
class Run:
    text: str
    size: float = BODY
    bold: bool = False
    x: float = 72.0
    width: float = 450.0


def pdf_bytes(pages: list[list[Run]], header: str | None = None, footer: bool = False) -> bytes:
    """Each page's runs are laid out top to bottom, wrapping inside ``width``."""
    doc = pymupdf.open()
    for number, runs in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        if header:
            page.insert_text((300, 40), header, fontsize=9, fontname="helv")
        if footer:
            page.insert_text((280, 815), f"Page {number} of {len(pages)}", fontsize=9, fontname="helv")
        y = 90.0
        for run in runs:
            rect = pymupdf.Rect(run.x, y, run.x + run.width, y + 400)
            spare = page.insert_textbox(rect, run.text, fontsize=run.size, **_font_args(run.bold))
            used = 400 - spare
            y += used + run.size * 0.9
    out = doc.tobytes()
    doc.close()
    return out


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def docx_bytes(build: object) -> bytes:
    """Call ``build(document)`` on a new python-docx Document and return the saved bytes."""
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body(words: int = 30, seed: str = "The plan sets out") -> str:
    filler = "what the Commissioner will do with partners to keep communities safe and well served"
    text = (seed + " " + filler + " ") * (words // 12 + 1)
    return " ".join(text.split()[:words]) + "."
