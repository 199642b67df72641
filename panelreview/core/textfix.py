"""Repairs for text extracted from designed PDFs: ligature gaps, hyphenated line ends, whitespace."""

from __future__ import annotations

import re

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}

# Real English words that end in a ligature sequence; a gap after these is a real word break.
_WORDS_ENDING_FF_FI_FL = {
    "off", "staff", "stuff", "cliff", "sheriff", "tariff", "plaintiff", "bailiff", "cardiff", "tiff",
    "riff", "buff", "cuff", "gruff", "bluff", "fluff", "puff", "scuff", "sniff", "stiff", "whiff",
    "scoff", "doff", "toff", "quaff", "chaff", "gaff", "naff", "spiff", "wifi", "hifi", "scifi", "fi",
    "handoff", "playoff", "layoff", "cutoff", "kickoff", "payoff", "takeoff", "standoff", "liftoff",
    "chiff", "skiff", "mastiff", "pontiff", "midriff", "caitiff", "dandruff", "rebuff", "enough",
}  # fmt: skip
_LIGATURE_GAP = re.compile(r"\b(\w*?(?:ffi|ffl|ff|fi|fl)) ([a-z]\w*)")
_LIGATURE_CHAR_GAP = re.compile(r"([ﬀﬁﬂﬃﬄ]) (?=[a-z])")
_BLANK_PAGE = re.compile(r"^\W*(this\s+page\s+(has\s+been\s+|is\s+)?(intentionally|deliberately)\s+"
                         r"(left\s+)?blank)\W*$", re.IGNORECASE)  # fmt: skip


def repair_ligatures(text: str) -> str:
    """Close the gap a PDF leaves after a ligature ("effi cient" -> "efficient") and expand them."""
    if not text.isascii():
        text = _LIGATURE_CHAR_GAP.sub(r"\1", text)
        for lig, plain in LIGATURES.items():
            if lig in text:
                text = text.replace(lig, plain)
    if "fi " in text or "ff " in text or "fl " in text:
        text = _LIGATURE_GAP.sub(_join_if_fragment, text)
    return text


def _join_if_fragment(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    if left.lower() in _WORDS_ENDING_FF_FI_FL or len(left) < 3:
        return match.group(0)
    return left + right


def join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines, undoing end-of-line hyphenation ("neighbour-" + "hood")."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _hyphenated(out, line):
            out = out[:-1] + line
        else:
            out = out + " " + line
    return " ".join(out.split())


def _hyphenated(before: str, after: str) -> bool:
    """A word broken across lines: "neigh-" + "bourhood", or a soft hyphen at the line end."""
    if before.endswith("\u00ad"):
        return True
    return before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].islower()


def is_blank_page_notice(text: str) -> bool:
    return bool(_BLANK_PAGE.match(text.strip()))
