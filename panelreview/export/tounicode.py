"""Repair the text layer (ToUnicode maps) of PDFs laid out by MuPDF's Story engine.

Two faults, both of which make copy, search and screen readers get the wrong text:

- ligature glyphs ("fi", "ffi" ...) are mapped to the presentation forms U+FB00-FB06, so "officers"
  reads as "oﬃcers"; they are mapped to their letters instead;
- characters beyond the Basic Multilingual Plane (emoji) are written as five hex digits, which
  readers cut to four ("😀" U+1F600 reads as "ὠ" U+1F60); they are written as UTF-16 pairs.

Each font's map is parsed line by line and written again; lines it does not understand are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

LIGATURES = {
    0xFB00: "ff",
    0xFB01: "fi",
    0xFB02: "fl",
    0xFB03: "ffi",
    0xFB04: "ffl",
    0xFB05: "st",
    0xFB06: "st",
}
_BLOCK = re.compile(r"(\d+)\s+begin(bfrange|bfchar)\s*(.*?)\s*end\2", re.S)
_RANGE = re.compile(r"<([0-9a-fA-F]{2,4})>\s*<([0-9a-fA-F]{2,4})>\s*<([0-9a-fA-F]{4,6})>")
_CHAR = re.compile(r"<([0-9a-fA-F]{2,4})>\s*<([0-9a-fA-F]+)>")


def _utf16(code: int) -> str:
    """A code point beyond U+FFFF as the hex of its UTF-16 surrogate pair."""
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04x}{0xDC00 + (code & 0x3FF):04x}"


def _special(code: int) -> str | None:
    """The destination to write for ``code`` if it needs fixing, else None."""
    if code in LIGATURES:
        return "".join(f"{ord(ch):04x}" for ch in LIGATURES[code])
    if code > 0xFFFF:
        return _utf16(code)
    return None


def _split_range(lo: int, hi: int, dst: int) -> tuple[list[str], list[str]]:
    """The bfrange ``lo``-``hi`` -> ``dst`` as (ranges, chars): each glyph that needs fixing taken
    out of the range into a bfchar line of its own, the rest kept as ranges."""
    if dst + hi - lo > 0xFFFF:
        candidates: Iterable[int] = range(lo, hi + 1)
    else:  # only a ligature can need fixing: look at just those glyphs
        candidates = [lo + c - dst for c in sorted(LIGATURES) if dst <= c <= dst + hi - lo]
    ranges: list[str] = []
    chars: list[str] = []
    start = lo
    for glyph in candidates:
        fixed = _special(dst + glyph - lo)
        if fixed is None:
            continue
        if glyph > start:
            ranges.append(f"<{start:04x}> <{glyph - 1:04x}> <{dst + start - lo:04x}>")
        chars.append(f"<{glyph:04x}> <{fixed}>")
        start = glyph + 1
    if start <= hi:
        ranges.append(f"<{start:04x}> <{hi:04x}> <{dst + start - lo:04x}>")
    return ranges, chars


def rewrite_cmap(cmap: str) -> str | None:
    """``cmap`` with ligatures and astral characters mapped correctly, or None if nothing changed."""
    blocks = list(_BLOCK.finditer(cmap))
    if not blocks:
        return None
    ranges: list[str] = []
    chars: list[str] = []
    changed = False
    for block in blocks:
        for line in block.group(3).splitlines():
            line = line.strip()
            if not line:
                continue
            if block.group(2) == "bfrange":
                match = _RANGE.fullmatch(line)
                if match is None:
                    ranges.append(line)  # an array destination: keep as it is
                    continue
                kept, fixed_chars = _split_range(*(int(g, 16) for g in match.groups()))
                ranges.extend(kept)
                chars.extend(fixed_chars)
                changed = changed or bool(fixed_chars)
            else:
                match = _CHAR.fullmatch(line)
                fixed = None
                if match is not None and len(match.group(2)) <= 6:
                    fixed = _special(int(match.group(2), 16))
                if match is not None and fixed is not None:
                    chars.append(f"<{match.group(1)}> <{fixed}>")
                    changed = True
                else:
                    chars.append(line)
    if not changed:
        return None
    parts = [cmap[: blocks[0].start()]]
    for kind, lines in (("bfrange", ranges), ("bfchar", chars)):
        for i in range(0, len(lines), 100):
            chunk = lines[i : i + 100]
            parts.append(f"{len(chunk)} begin{kind}\n" + "\n".join(chunk) + f"\nend{kind}\n")
    parts.append(cmap[blocks[-1].end() :].lstrip("\n"))
    return "".join(parts)


def repair_text_layer(doc: Any) -> None:
    """Rewrite every ToUnicode map in ``doc`` (an open PyMuPDF document) that needs it."""
    seen: set[int] = set()
    for xref in range(1, doc.xref_length()):
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        target = int(value.split()[0])
        if target in seen:
            continue
        seen.add(target)
        fixed = rewrite_cmap(doc.xref_stream(target).decode("latin-1"))
        if fixed is not None:
            doc.update_stream(target, fixed.encode("latin-1"))
