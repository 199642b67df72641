"""The system font a PDF report is set in, chosen for how much of what members type it covers.

No font is bundled. DejaVu Sans (on most Linux systems) covers Latin, Greek, Cyrillic, Hebrew and
Arabic; Liberation Sans, Noto Sans and Arial are tried next. Without any of them the PDF falls back
to MuPDF's built-in fonts, which cover Western European text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# (regular, bold, italic, bold italic) file names, and the folders they are looked for in.
FAMILIES: tuple[tuple[str, str, str, str], ...] = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
     "LiberationSans-BoldItalic.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
    ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Arial Bold Italic.ttf"),
)  # fmt: skip


def _folders() -> list[Path]:
    found = [Path(p) for p in os.environ.get("PANELREVIEW_FONT_DIRS", "").split(os.pathsep) if p]
    found += [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/dejavu"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/truetype/liberation"),
        Path("/usr/share/fonts/truetype/liberation2"),
        Path("/usr/share/fonts/liberation-sans"),
        Path("/usr/share/fonts/truetype/noto"),
        Path("/usr/share/fonts/noto"),
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        Path("/System/Library/Fonts/Supplemental"),
        Path("/Library/Fonts"),
        Path.home() / ".local/share/fonts",
    ]
    return found


@dataclass(frozen=True, slots=True)
class FontSet:
    """Font files for regular, bold, italic and bold italic text (italic ones may repeat)."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def name(self) -> str:
        return self.regular.stem


@lru_cache(maxsize=1)
def find_fonts() -> FontSet | None:
    """The first family whose regular and bold faces are both installed, or None."""
    folders = [f for f in _folders() if f.is_dir()]
    for family in FAMILIES:
        for folder in folders:
            paths = [folder / name for name in family]
            if paths[0].is_file() and paths[1].is_file():
                italic = paths[2] if paths[2].is_file() else paths[0]
                bold_italic = paths[3] if paths[3].is_file() else paths[1]
                return FontSet(paths[0], paths[1], italic, bold_italic)
    return None
