"""Placing notes made elsewhere in the review's draft, exactly as a note made in the window is.

When a PDF's page carries the draft's own text in the same places (the draft itself, or our
annotated-draft export of it, marked up in another reader), a highlight's words are matched on the
page, as a selection in the window is (:func:`panelreview.core.anchor.place_words`). Otherwise the
marked text is looked for in the draft's text; where it occurs more than once the words either
side of it and the page decide. A note that marks no passage goes to the section where it sits.
What cannot be found goes to the section of its page or to the draft as a whole, and says so.

:func:`text_overlap` tells whether a file is this draft at all. Pure: no I/O, no Qt.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from panelreview.core.anchor import (
    Anchor,
    PlacedWord,
    WordBox,
    _normalise,
    _occurrences,
    anchor_section,
    anchor_span,
    anchor_words,
    innermost_section,
    place_words,
)
from panelreview.core.imported_notes import ImportedItem, Passage
from panelreview.core.model import Document, Rect, Section, full_text

EXACT, QUOTE, NEAR, PAGE, WHOLE = (
    "on the page",
    "by its words",
    "by the text beside it",
    "by its page",
    "whole",
)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SAME_LAYOUT = 0.6  # share of a page's words that must be the draft's text, in place
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

    def __init__(self, document: Document, page_words: dict[int, list[WordBox]] | None = None) -> None:
        self.document = document
        self.text_map = full_text(document.blocks)
        self.text, self.starts = self.text_map
        self._hay: dict[bool, tuple[str, list[int]]] = {}
        self._raw_words = page_words or {}
        self._placed: dict[int, list[PlacedWord] | None] = {}
        self._page_blocks: dict[int, tuple[int, int]] = {}
        for block in document.blocks:
            if block.page is not None:
                first, _ = self._page_blocks.get(block.page, (block.index, block.index))
                self._page_blocks[block.page] = (first, block.index + 1)

    # -- the page, when it is the draft's own -------------------------------------------------
    def page_words(self, page: int | None) -> list[PlacedWord] | None:
        """The file's words on ``page`` matched to the draft's text, if the page is the draft's."""
        if page is None or page not in self._raw_words:
            return None
        if page not in self._placed:
            span = self._page_blocks.get(page)
            raw = self._raw_words[page]
            found: list[PlacedWord] | None = None
            if span is not None and raw:
                blocks = self.document.blocks[span[0] : span[1]]
                placed = place_words(page, blocks, self.starts[span[0] : span[1]], raw)
                mapped = sum(1 for w in placed if w.start is not None)
                if mapped >= _SAME_LAYOUT * len(placed):
                    found = placed
            self._placed[page] = found
        return self._placed[page]

    # -- the draft's text ---------------------------------------------------------------------
    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every place ``quote`` occurs (spaces loose, then ignored), as offsets in the full text."""
        for drop in (False, True):
            needle, _ = _normalise(quote, drop)
            if not needle:
                return []
            if drop not in self._hay:
                self._hay[drop] = _normalise(self.text, drop)
            hay, positions = self._hay[drop]
            spans = [(positions[s], positions[s + len(needle) - 1] + 1) for s in _occurrences(hay, needle)]
            if spans:
                return spans
        return []

    def _block_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _best(self, spans: Sequence[tuple[int, int]], passage: Passage) -> tuple[int, int]:
        def score(span: tuple[int, int]) -> tuple[float, int]:
            start, end = span
            before = self.text[max(0, start - _NEAR_CHARS) : start]
            after = self.text[end : end + _NEAR_CHARS]
            context = _ratio(before, passage.prefix) + _ratio(after, passage.suffix)
            page = self.document.blocks[self._block_at(start)].page if self.document.blocks else None
            same_page = 1 if passage.page is not None and page == passage.page else 0
            return (context + same_page, -start)

        return max(spans, key=score)

    def section_of_page(self, page: int | None) -> Section | None:
        if page is None:
            return None
        span = self._page_blocks.get(page)
        if span is None:
            return None
        return innermost_section(self.document.sections, span[0])

    # -- placing ------------------------------------------------------------------------------
    def place(self, item: ImportedItem) -> Placement:
        passage = item.passage
        if passage.quote:
            exact = self._on_page(passage)
            if exact is not None:
                return Placement(exact, EXACT)
            spans = self.find(passage.quote)
            if spans:
                start, end = self._best(spans, passage) if len(spans) > 1 else spans[0]
                return Placement(anchor_span(self.document, start, end, self.text_map), QUOTE)
        elif passage.point is not None:
            at = self._at_point(passage)
            if at is not None:
                return Placement(at, EXACT)
        if passage.near:
            spans = self.find(passage.near)
            if spans:
                start, _ = self._best(spans, passage) if len(spans) > 1 else spans[0]
                anchor = anchor_span(self.document, start, start + 1, self.text_map)
                return Placement(self._as_note(anchor, passage, False), NEAR, self._missing(passage))
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

    def _on_page(self, passage: Passage) -> Anchor | None:
        placed = self.page_words(passage.page)
        if not placed:
            return None
        chosen = [w for w in placed if w.start is not None and any(_inside(w.rect, r) for r in passage.rects)]
        return anchor_words(self.document, chosen, self.text_map) if chosen else None

    def _at_point(self, passage: Passage) -> Anchor | None:
        placed = self.page_words(passage.page)
        if not placed or passage.point is None:
            return None
        x, y = passage.point
        mapped = [w for w in placed if w.start is not None]
        if not mapped:
            return None

        def distance(w: PlacedWord) -> float:
            x0, y0, x1, y1 = w.rect
            dy = 0.0 if y0 <= y <= y1 else min(abs(y - y0), abs(y - y1))
            dx = 0.0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            return dy * 4 + dx

        word = min(mapped, key=distance)
        assert word.start is not None
        anchor = anchor_span(self.document, word.start, word.start + 1, self.text_map)
        return self._as_note(anchor, passage, True)

    def _as_note(self, anchor: Anchor, passage: Passage, exact: bool) -> Anchor:
        """A note at a point: its section, page and (on the draft's own page) spot; no quote."""
        rects: tuple[Rect, ...] = passage.rects[:1] if exact and passage.point is not None else ()
        return replace(
            anchor,
            quote=None,
            prefix=None,
            suffix=None,
            start=None,
            end=None,
            page_index=passage.page if exact else anchor.page_index,
            rects=rects,
        )


def _inside(word: Rect, rect: Rect) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    slack = (word[3] - word[1]) * 0.25
    return rect[0] - 1 <= cx <= rect[2] + 1 and rect[1] - slack <= cy <= rect[3] + slack
