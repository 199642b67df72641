"""Which notes are drawn on which PDF page, and where: rectangles in PDF points, cached per page.

A note's rectangles come from the page's words when the document thread has sent them (exact to the
word, on every page the passage runs over), else from the rectangles its anchor saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from panelreview.core.model import Rect
from panelreview.ui.reader.pdf_words import WordStore
from panelreview.ui.reader.selection import HighlightItem


@dataclass(frozen=True, slots=True)
class Placed:
    item: HighlightItem
    rects: tuple[Rect, ...]


class HighlightLayer:
    def __init__(self, words: WordStore) -> None:
        self._words = words
        self._items: dict[str, HighlightItem] = {}
        self._order: list[str] = []
        self._by_page: dict[int, list[str]] = {}
        self._pages_of: dict[str, list[int]] = {}
        self._placed: dict[int, list[Placed]] = {}

    @property
    def items(self) -> list[HighlightItem]:
        return [self._items[i] for i in self._order]

    def get(self, item_id: str) -> HighlightItem | None:
        return self._items.get(item_id)

    def pages_of(self, item_id: str) -> list[int]:
        return self._pages_of.get(item_id, [])

    def set_items(self, items: list[HighlightItem]) -> set[int]:
        """Replace the notes drawn; returns the pages whose drawing changed."""
        old = self._items
        new = {item.id: item for item in items}
        changed_ids = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
        changed_pages = {p for i in changed_ids if i in old for p in self._pages_of.get(i, [])}
        self._items = new
        self._order = [item.id for item in items]
        self._rebuild_index()
        changed_pages |= {p for i in changed_ids if i in new for p in self._pages_of.get(i, [])}
        for page in changed_pages:
            self._placed.pop(page, None)
        return changed_pages

    def refresh(self) -> None:
        """The document or its words changed: place everything again."""
        self._rebuild_index()
        self._placed.clear()

    def words_arrived(self, page: int) -> None:
        self._placed.pop(page, None)

    def has_items_on(self, page: int) -> bool:
        return bool(self._by_page.get(page))

    def _rebuild_index(self) -> None:
        self._by_page = {}
        self._pages_of = {}
        for item_id in self._order:
            pages = self._pages_for(self._items[item_id])
            self._pages_of[item_id] = pages
            for page in pages:
                self._by_page.setdefault(page, []).append(item_id)

    def _pages_for(self, item: HighlightItem) -> list[int]:
        span = item.span
        if span is not None:
            pages = self._words.pages_of_span(*span)
            if pages:
                return pages
        return [item.anchor.page_index] if item.anchor.page_index is not None else []

    def on_page(self, page: int) -> list[Placed]:
        """The notes on ``page`` with their rectangles there, in the order they were given."""
        placed = self._placed.get(page)
        if placed is not None:
            return placed
        placed = []
        for item_id in self._by_page.get(page, []):
            item = self._items[item_id]
            rects = self._rects(item, page)
            if rects:
                placed.append(Placed(item, rects))
        self._placed[page] = placed
        return placed

    def _rects(self, item: HighlightItem, page: int) -> tuple[Rect, ...]:
        span = item.span
        if span is not None:
            found = self._words.span_rects(page, *span)
            if found:
                return tuple(found)
        if item.anchor.page_index == page:
            return item.anchor.rects
        return ()

    def at(self, page: int, x: float, y: float) -> HighlightItem | None:
        """The note drawn at a point of a page (the last drawn, which is on top, if several)."""
        for placed in reversed(self.on_page(page)):
            for x0, y0, x1, y1 in placed.rects:
                if x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1:
                    return placed.item
        return None

    def neighbour(self, current: str | None, forward: bool) -> HighlightItem | None:
        """The next (or previous) note in reading order after ``current``."""
        ordered = sorted(self._items.values(), key=_reading_key)
        if not ordered:
            return None
        if current is None or current not in self._items:
            return ordered[0] if forward else ordered[-1]
        at = next(n for n, item in enumerate(ordered) if item.id == current)
        step = 1 if forward else -1
        return ordered[(at + step) % len(ordered)]


def _reading_key(item: HighlightItem) -> tuple[int, float, str]:
    if item.anchor.start is not None:
        return (item.anchor.start, 0.0, item.id)
    page = item.anchor.page_index or 0
    top = item.anchor.rects[0][1] if item.anchor.rects else 0.0
    return (-1, page * 10_000 + top, item.id)
