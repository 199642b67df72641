"""Placing notes made elsewhere in the review's draft, exactly as a note made in the window is.

A mark's words (read from under its quad points) are looked for in the draft's text; where they
occur more than once, the page and the words either side decide. The anchor is the one a
selection of that passage in the window gets (:func:`panelreview.core.anchor.anchor_span`: section,
heading path, quote with prefix and suffix, offsets, page, block); when the mark is on the draft's
own page (the draft itself, or our annotated-draft export of it, marked up in another reader) it
keeps the lines it marked there. A note that marks no passage goes where the line beside it is.
What cannot be found goes to the section of its page, or to the draft as a whole, and says so.

:func:`text_overlap` tells whether a file is this draft at all. Pure: no I/O, no Qt.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from panelreview.core.anchor import (
    Anchor,
    _normalise,
    _occurrences,
    anchor_section,
    anchor_span,
    innermost_section,
)
from panelreview.core.imported_notes import ImportedItem, Passage
from panelreview.core.model import Document, Rect, Section, full_text
from panelreview.core.outline_align import DraftIndex
from panelreview.core.reanchor import Carrier, CarryStatus
from panelreview.core.textfix import LIGATURES

EXACT, QUOTE, NEAR, PAGE, WHOLE = (
    "on the page",
    "by its words",
    "by the text beside it",
    "by its page",
    "whole",
)
CARRIED = "carried from the version it was made on"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_LINE_HYPHEN = re.compile("(?<=\\w)[-\u2010\u00ad]\\s+(?=\\w)")
_NEAR_CHARS = 80


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an imported note goes, how it was found, and a message when not as marked."""

    anchor: Anchor
    how: str
    message: str | None = None


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


def _shingles(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    if len(tokens) < 3:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def text_overlap(sample: str, draft_text: str) -> float:
    """The share of the sample's three-word runs that are in the draft's text (0 to 1)."""
    theirs = _shingles(_tokens(sample))
    if not theirs:
        return 1.0  # nothing to compare (a file with no text): judged by its notes alone
    ours = _shingles(_tokens(draft_text))
    return len(theirs & ours) / len(theirs)


def _ratio(a: str, b: str) -> float:
    """How alike two bits of context are, by shared words (0 to 1)."""
    x, y = set(_tokens(a)), set(_tokens(b))
    return len(x & y) / max(1, len(x | y))


class Placer:
    """Places many notes in one draft; builds its indexes once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text_map = full_text(document.blocks)
        self.text, self.starts = self.text_map
        self._hay: dict[bool, tuple[str, list[int]]] = {}
        self._page_blocks: dict[int, tuple[int, int]] = {}
        for block in document.blocks:
            if block.page is not None:
                first, _ = self._page_blocks.get(block.page, (block.index, block.index))
                self._page_blocks[block.page] = (first, block.index + 1)

    # -- the draft's text ---------------------------------------------------------------------
    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every place ``quote`` occurs, as offsets in the full text.

        Spaces count loosely, then not at all; ligatures are spelt out, and a word broken by a
        hyphen at a line's end is joined again if that is how the draft has it.
        """
        plain = "".join(LIGATURES.get(ch, ch) for ch in quote)
        candidates = [plain]
        joined = _LINE_HYPHEN.sub("", plain)
        if joined != plain:
            candidates.append(joined)
        for candidate in candidates:
            for drop in (False, True):
                needle, _ = _normalise(candidate, drop)
                if not needle:
                    return []
                if drop not in self._hay:
                    self._hay[drop] = _normalise(self.text, drop)
                hay, positions = self._hay[drop]
                found = _occurrences(hay, needle)
                if found:
                    return [(positions[s], positions[s + len(needle) - 1] + 1) for s in found]
        return []

    def page_at(self, offset: int) -> int | None:
        if not self.document.blocks:
            return None
        return self.document.blocks[max(0, bisect.bisect_right(self.starts, offset) - 1)].page

    def _best(self, spans: Sequence[tuple[int, int]], passage: Passage) -> tuple[int, int]:
        """The occurrence the note means: on its page, with the words either side alike."""
        if len(spans) == 1:
            return spans[0]

        def score(span: tuple[int, int]) -> tuple[float, int]:
            start, end = span
            before = self.text[max(0, start - _NEAR_CHARS) : start]
            after = self.text[end : end + _NEAR_CHARS]
            context = _ratio(before, passage.prefix) + _ratio(after, passage.suffix)
            same_page = 1 if passage.page is not None and self.page_at(start) == passage.page else 0
            return (context + same_page, -start)

        return max(spans, key=score)

    def section_of_page(self, page: int | None) -> Section | None:
        span = self._page_blocks.get(page) if page is not None else None
        return innermost_section(self.document.sections, span[0]) if span is not None else None

    # -- placing ------------------------------------------------------------------------------
    def place(self, item: ImportedItem) -> Placement:
        """Where the note goes. A mark on the draft's own page keeps the lines it marked there."""
        passage = item.passage
        if passage.quote:
            spans = self.find(passage.quote)
            if spans:
                start, end = self._best(spans, passage)
                anchor = anchor_span(self.document, start, end, self.text_map)
                if passage.rects and passage.page is not None and self.page_at(start) == passage.page:
                    return Placement(replace(anchor, page_index=passage.page, rects=passage.rects), EXACT)
                return Placement(anchor, QUOTE)
        if passage.near:
            spans = self.find(passage.near)
            if spans:
                start, _ = self._best(spans, passage)
                anchor = anchor_span(self.document, start, start + 1, self.text_map)
                on_page = passage.page is not None and self.page_at(start) == passage.page
                how = EXACT if on_page and not passage.quote else NEAR
                return Placement(self._as_note(anchor, passage, on_page), how, self._missing(passage))
        section = self.section_of_page(passage.page)
        if section is not None:
            anchor = replace(anchor_section(self.document.sections, section), page_index=passage.page)
            return Placement(anchor, PAGE, self._missing(passage))
        return Placement(Anchor(section_id=None, page_index=passage.page), WHOLE, self._missing(passage))

    def _missing(self, passage: Passage) -> str | None:
        if passage.quote:
            shown = " ".join(passage.quote.split())
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            return f"its passage “{shown}” is not in this draft"
        return None

    def _as_note(self, anchor: Anchor, passage: Passage, on_page: bool) -> Anchor:
        """A note at a point: its section, page and (on the draft's own page) spot; no quote."""
        rects: tuple[Rect, ...] = passage.rects[:1] if on_page and passage.point is not None else ()
        return replace(
            anchor,
            quote=None,
            prefix=None,
            suffix=None,
            start=None,
            end=None,
            page_index=passage.page if on_page else anchor.page_index,
            rects=rects,
        )


class CarryingPlacer:
    """Places notes made on another version of the draft: first in that version, exactly as they
    were made, then carried to this draft as a new version's notes are
    (:class:`panelreview.core.reanchor.Carrier`). A note that has no counterpart here is placed as
    :class:`Placer` would, by its page, and says so. ``counts`` tallies the outcomes by status.
    """

    def __init__(self, old: Document, new: Document) -> None:
        self.old = Placer(old)
        self.new = Placer(new)
        self.text = self.new.text
        self.carrier = Carrier(DraftIndex(old), DraftIndex(new))
        self.counts: dict[str, int] = {}

    def place(self, item: ImportedItem) -> Placement:
        first = self.old.place(item)
        if first.how in (EXACT, QUOTE, NEAR):
            carried = self.carrier.carry(first.anchor)
            if carried.anchor is not None and carried.status is not CarryStatus.ORPHANED:
                status = carried.status.value
                self.counts[status] = self.counts.get(status, 0) + 1
                message = None
                if carried.status is CarryStatus.EDITED:
                    message = "reworded in this draft"
                    if carried.new_text:
                        shown = " ".join(carried.new_text.split())
                        message += f": “{shown if len(shown) <= 60 else shown[:59] + '…'}”"
                return Placement(carried.anchor, CARRIED, message)
        self.counts["orphaned"] = self.counts.get("orphaned", 0) + 1
        fallback = self.new.place(item)
        if fallback.how in (PAGE, WHOLE) or fallback.message:
            return fallback
        return Placement(fallback.anchor, fallback.how, "not found in the version it was made on")
