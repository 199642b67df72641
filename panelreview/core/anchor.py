"""Finding a quoted passage or a section in a draft, and the anchor that pins a note to it.

An anchor keeps several redundant selectors so a later issue can re-find the passage in another
draft version: the section and its heading path, the quote with some text either side, character
offsets in :func:`panelreview.core.model.full_text`, the page (index, printed label, rectangles)
and the block index. Everything here is pure: no I/O, no Qt.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from panelreview.core.errors import UserError
from panelreview.core.model import Document, Rect, Section, full_text

CONTEXT_CHARS = 32
_SHOWN_CHARS = 60

# Typographic quotes and apostrophes match their plain forms: members type ' where a PDF has ’.
_FOLD = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")


class AnchorError(UserError):
    """A quote or section named by the user could not be found, or matches more than one place."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note points in one draft. ``quote`` is None for a note on a whole section."""

    section_id: int | None
    heading_path: tuple[str, ...] = ()
    quote: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None
    page_index: int | None = None
    page_label: str | None = None
    rects: tuple[Rect, ...] = ()
    block_index: int | None = None


def _shorten(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _normalise(text: str, drop_spaces: bool) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed (or dropped) and quotes folded, and a map back.

    ``positions[i]`` is the index in ``text`` of the i-th character of the result.
    """
    folded = text.translate(_FOLD)
    out: list[str] = []
    positions: list[int] = []
    in_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not drop_spaces and not in_space and out:
                out.append(" ")
                positions.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        positions.append(i)
    if out and out[-1] == " ":
        out.pop()
        positions.pop()
    return "".join(out), positions


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text`` as ``(start, end)`` offsets into ``text``.

    Matching is exact except for whitespace: runs of spaces and line breaks count as one space,
    and if that finds nothing, spaces are ignored altogether (PDF text often has gaps such as
    "effi cient"). Curly quotes match straight ones.
    """
    for drop_spaces in (False, True):
        needle, _ = _normalise(quote, drop_spaces)
        if not needle:
            return []
        hay, positions = _normalise(text, drop_spaces)
        spans = [(positions[s], positions[s + len(needle) - 1] + 1) for s in _occurrences(hay, needle)]
        if spans:
            return spans
    return []


def heading_path(sections: Sequence[Section], section: Section) -> tuple[str, ...]:
    """Labels from the top-level ancestor down to ``section``."""
    by_id = {s.id: s for s in sections}
    path: list[str] = []
    node: Section | None = section
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        path.append(node.label)
        node = by_id.get(node.parent) if node.parent is not None else None
    return tuple(reversed(path))


def innermost_section(sections: Sequence[Section], block_index: int) -> Section | None:
    """The deepest section whose block span contains ``block_index``."""
    found: Section | None = None
    for section in sections:
        if section.first_block <= block_index <= section.last_block and (
            found is None or section.level >= found.level
        ):
            found = section
    return found


def anchor_quote(document: Document, quote: str) -> Anchor:
    """The anchor for the one place ``quote`` occurs in ``document``; a clear error otherwise."""
    if not quote.strip():
        raise AnchorError("The quote is empty. Copy a passage from the draft and try again.")
    text, starts = full_text(document.blocks)
    spans = find_quote(text, quote)
    shown = _shorten(quote)
    if not spans:
        raise AnchorError(
            f"The passage “{shown}” is not in the draft “{document.file_name}”. Check the wording, "
            "or copy it straight from the draft."
        )
    if len(spans) > 1:
        places = []
        for start, _ in spans[:5]:
            block = max(0, bisect.bisect_right(starts, start) - 1)
            sec = innermost_section(document.sections, block)
            places.append(sec.label if sec else "the opening text")
        where = "; ".join(dict.fromkeys(places))
        raise AnchorError(
            f"The passage “{shown}” appears {len(spans)} times in the draft (in {where}). "
            "Quote a few more words so it points to one place."
        )
    start, end = spans[0]
    return anchor_span(document, start, end)


def anchor_span(document: Document, start: int, end: int) -> Anchor:
    """The anchor for characters ``start:end`` of the draft's full text."""
    text, starts = full_text(document.blocks)
    if not 0 <= start < end <= len(text):
        raise AnchorError("That selection is outside the draft's text.")
    block_index = max(0, bisect.bisect_right(starts, start) - 1)
    block = document.blocks[block_index] if document.blocks else None
    section = innermost_section(document.sections, block_index)
    return Anchor(
        section_id=section.id if section else None,
        heading_path=heading_path(document.sections, section) if section else (),
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        page_index=block.page if block else None,
        page_label=block.page_label if block else None,
        rects=tuple(block.rects) if block else (),
        block_index=block_index if block else None,
    )


def anchor_section(sections: Sequence[Section], section: Section) -> Anchor:
    """The anchor for a note on a whole section; needs only the (cached) section list."""
    return Anchor(
        section_id=section.id,
        heading_path=heading_path(sections, section),
        page_index=section.page_start - 1 if section.page_start else None,
        block_index=section.first_block,
    )


def _clean_number(value: str) -> str:
    return value.strip().rstrip(".").strip().lower()


def find_section(sections: Sequence[Section], wanted: str) -> Section:
    """The section a user named by number ("2.1", "2.1.") or title ("Background"); else a clear error.

    Tried in order: the number, the whole title or label (ignoring case), then a unique part of a
    title.
    """
    key = _clean_number(wanted)
    if not key:
        raise AnchorError("No section was named. Give a section number such as 2.1, or its title.")
    if not sections:
        raise AnchorError("PanelReview found no sections in this draft. Quote a passage instead.")
    folded = _SPACE.sub(" ", key)

    def by_number(s: Section) -> bool:
        return s.number is not None and _clean_number(s.number) == key

    def by_title(s: Section) -> bool:
        return _SPACE.sub(" ", s.title.strip().lower()) == folded

    def by_label(s: Section) -> bool:
        return _SPACE.sub(" ", s.label.strip().lower()) == folded

    def by_part_of_title(s: Section) -> bool:
        return folded in _SPACE.sub(" ", s.title.lower())

    tests: tuple[Callable[[Section], bool], ...] = (by_number, by_title, by_label, by_part_of_title)
    for test in tests:
        matches = [s for s in sections if test(s)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = "; ".join(_shorten(s.label) for s in matches[:5])
            raise AnchorError(
                f"“{_shorten(wanted)}” matches {len(matches)} sections ({names}). "
                "Use the section number, or more of the title."
            )
    raise AnchorError(
        f"There is no section “{_shorten(wanted)}” in this draft. "
        "Check the number or title against the draft's outline."
    )
