"""Make what a member typed safe for a Word or PDF file, changing only what the format cannot hold.

Members paste from email, web pages and PDFs: control characters, stray surrogates, emoji,
right-to-left text, 50-page pastes. XML 1.0 (and so Word) cannot hold C0 control characters other
than tab and line breaks, lone surrogates or U+FFFE/U+FFFF; those are dropped. Everything else is
kept. Line breaks split a note into paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters XML 1.0 cannot carry (tab, LF and CR are allowed and handled separately).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Pieces of emoji sequences that mean nothing once the emoji is spelt out in words.
_EMOJI_GLUE = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


def clean(text: str | None) -> str:
    """``text`` with what XML cannot hold removed and line breaks made ``\\n``; None becomes ""."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return text


def one_line(text: str | None) -> str:
    """``text`` cleaned, with every run of whitespace (line breaks too) made one space."""
    return " ".join(clean(text).split())


def paragraphs(text: str | None) -> list[str]:
    """``text`` cleaned and split into paragraphs at line breaks; blank lines dropped.

    Each line a member typed is a paragraph of its own, so pasted lists and addresses keep their
    shape; spaces within a line are kept as typed, apart from trailing ones.
    """
    lines = (line.strip() for line in clean(text).split("\n"))
    return [_SPACES.sub(" ", line) for line in lines if line]


def spell_out_astral(text: str, keep: Callable[[int], bool] | None = None) -> str:
    """Characters beyond the Basic Multilingual Plane (emoji and the like) the PDF's font cannot
    draw, as ``[their name]``; the ones it can draw (``keep(code_point)``) stay as they are.

    Used for PDF only, where an undrawable character would be lost from the page and its text
    layer. Variation selectors, joiners and skin-tone modifiers carry no meaning once an emoji is
    spelt out, and are dropped.
    """
    if not _ASTRAL.search(text):
        return text
    text = _EMOJI_GLUE.sub("", text)

    def name(match: re.Match[str]) -> str:
        char = match.group(0)
        if keep is not None and keep(ord(char)):
            return char
        found = unicodedata.name(char, "")
        return f"[{found.lower()}]" if found else "\ufffd"

    return _ASTRAL.sub(name, text)
