"""The words on a PDF's pages, matched to the draft's text, and a selection made of them.

The document thread reads each page's word boxes (``page.get_text("words")``); here they are put in
reading order and matched to offsets in the draft's full text (:func:`place_words`), a page at a
time as the pages come into view, and kept for the most recently seen pages only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from panelreview.core.anchor import PlacedWord, WordBox, line_rects, place_words, words_in_span
from panelreview.core.model import Document, Rect, full_text

MAX_PAGES_KEPT = 48

WordPos = tuple[int, int]  # (page, index of the word in the page's reading order)


class PageWords:
    """One page's words in reading order, with hit-testing in PDF points."""

    def __init__(self, page: int, words: list[PlacedWord]) -> None:
        self.page = page
        self.words = words
        self._mapped = sorted(
            (w.start, n) for n, w in enumerate(words) if w.start is not None and w.end is not None
        )

    def __len__(self) -> int:
        return len(self.words)

    def word_at(self, x: float, y: float) -> int | None:
        """The word under the point, if any."""
        for n, word in enumerate(self.words):
            x0, y0, x1, y1 = word.rect
            if x0 <= x <= x1 and y0 <= y <= y1:
                return n
        return None

    def nearest_word(self, x: float, y: float) -> int | None:
        """The word a press at (x, y) means: on its line the closest word, else the closest line."""
        best: int | None = None
        best_score = 0.0
        for n, word in enumerate(self.words):
            x0, y0, x1, y1 = word.rect
            dx = 0.0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            dy = 0.0 if y0 <= y <= y1 else min(abs(y - y0), abs(y - y1))
            score = dy * 10 + dx  # another line is further away than any word on this one
            if best is None or score < best_score:
                best, best_score = n, score
        return best

    def in_span(self, start: int, end: int) -> list[PlacedWord]:
        """The words of the draft's text inside ``start:end``, in reading order."""
        first = max(0, bisect_right(self._mapped, (start, -1)) - 1)
        found = [n for s, n in self._mapped[first:] if s < end]
        return words_in_span([self.words[n] for n in sorted(found)], start, end)

    def line_of(self, index: int) -> list[int]:
        """Indexes of the words on the same line as word ``index``."""
        line = self.words[index].line
        return [n for n, w in enumerate(self.words) if w.line == line]


@dataclass(frozen=True, slots=True)
class PageBlocks:
    first: int
    stop: int


class WordStore:
    """Placed words for recently seen pages of one draft."""

    def __init__(self) -> None:
        self.document: Document | None = None
        self._starts: list[int] = []
        self._block_pages: list[int] = []
        self._pages: dict[int, PageBlocks] = {}
        self._raw: OrderedDict[int, list[WordBox]] = OrderedDict()
        self._placed: dict[int, PageWords] = {}

    def clear(self) -> None:
        self.document = None
        self._starts, self._block_pages, self._pages = [], [], {}
        self._raw.clear()
        self._placed.clear()

    def set_document(self, document: Document | None) -> None:
        self.document = document
        self._placed.clear()
        self._pages = {}
        self._block_pages = []
        if document is None:
            self._starts = []
            return
        _, self._starts = full_text(document.blocks)
        for block in document.blocks:
            page = block.page if block.page is not None else -1
            self._block_pages.append(page)
            found = self._pages.get(page)
            self._pages[page] = PageBlocks(found.first if found else block.index, block.index + 1)

    def has(self, page: int) -> bool:
        return page in self._raw

    def add(self, page: int, words: Sequence[WordBox]) -> None:
        self._raw[page] = list(words)
        self._raw.move_to_end(page)
        self._placed.pop(page, None)
        while len(self._raw) > MAX_PAGES_KEPT:
            old, _ = self._raw.popitem(last=False)
            self._placed.pop(old, None)

    def page(self, page: int) -> PageWords | None:
        """The page's words in reading order, or None until the document thread has sent them."""
        placed = self._placed.get(page)
        if placed is not None:
            return placed
        raw = self._raw.get(page)
        if raw is None:
            return None
        blocks = self._pages.get(page)
        doc = self.document
        if doc is None or blocks is None:
            placed = PageWords(page, place_words(page, [], [], raw))
        else:
            chosen = doc.blocks[blocks.first : blocks.stop]
            placed = PageWords(page, place_words(page, chosen, self._starts[blocks.first : blocks.stop], raw))
        self._placed[page] = placed
        return placed

    # ----- the draft's text -----------------------------------------------------------------------
    def pages_of_span(self, start: int, end: int) -> list[int]:
        """The pages the characters ``start:end`` of the full text are on."""
        if not self._starts:
            return []
        first = max(0, bisect_right(self._starts, start) - 1)
        last = max(first, bisect_right(self._starts, max(start, end - 1)) - 1)
        return sorted({p for p in self._block_pages[first : last + 1] if p >= 0})

    def block_rect(self, block_index: int) -> tuple[int, Rect] | None:
        doc = self.document
        if doc is None or not 0 <= block_index < len(doc.blocks):
            return None
        block = doc.blocks[block_index]
        if block.page is None or not block.rects:
            return None
        x0 = min(r[0] for r in block.rects)
        y0 = min(r[1] for r in block.rects)
        x1 = max(r[2] for r in block.rects)
        y1 = max(r[3] for r in block.rects)
        return block.page, (x0, y0, x1, y1)

    def span_rects(self, page: int, start: int, end: int) -> list[Rect] | None:
        """Line rectangles of ``start:end`` on ``page``; None if that page's words are not here yet."""
        words = self.page(page)
        if words is None:
            return None
        return [rect for _, rect in line_rects(words.in_span(start, end))]

    # ----- a selection ------------------------------------------------------------------------------
    def between(self, a: WordPos, b: WordPos) -> list[PlacedWord]:
        """The words from ``a`` to ``b`` inclusive in reading order, over the pages held here."""
        first, last = min(a, b), max(a, b)
        out: list[PlacedWord] = []
        for page in range(first[0], last[0] + 1):
            words = self.page(page)
            if words is None or not words.words:
                continue
            lo = first[1] if page == first[0] else 0
            hi = last[1] if page == last[0] else len(words) - 1
            out.extend(words.words[lo : hi + 1])
        return out
