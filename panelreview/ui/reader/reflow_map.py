"""Between positions in the reflowed view's text and offsets in the draft's full text.

The view shows each block's text as HTML, which collapses spaces, turns line breaks into line
separators and may put a list number in front. Matching every other character of each block to the
block's own text (:func:`panelreview.core.anchor.match_offsets`) gives a map both ways.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QTextDocument

from panelreview.core.anchor import match_offsets
from panelreview.core.model import Document, full_text


def _utf16_positions(text: str) -> list[int]:
    """Qt position of each character of ``text`` (characters beyond the BMP take two)."""
    out: list[int] = []
    pos = 0
    for ch in text:
        out.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    return out


class TextMap:
    """Qt document positions of the draft's characters (whitespace excepted), and back."""

    def __init__(self) -> None:
        self._doc_pos: list[int] = []  # ascending
        self._text_at_doc: list[int] = []  # the full-text offset at each of those positions
        self._text_off: list[int] = []  # ascending
        self._doc_at_text: list[int] = []

    @classmethod
    def build(cls, qdoc: QTextDocument, document: Document, block_positions: dict[int, int]) -> TextMap:
        """``block_positions``: where each block's anchor sits in ``qdoc`` (block index -> position)."""
        found = cls()
        raw = qdoc.toRawText()
        qt_pos = _utf16_positions(raw)
        index_of = {p: i for i, p in enumerate(qt_pos)}
        _, starts = full_text(document.blocks)
        ordered = sorted((pos, block) for block, pos in block_positions.items())
        pairs: list[tuple[int, int]] = []
        for n, (pos, block_index) in enumerate(ordered):
            begin = index_of.get(pos)
            if begin is None or not 0 <= block_index < len(document.blocks):
                continue
            end = index_of.get(ordered[n + 1][0], len(raw)) if n + 1 < len(ordered) else len(raw)
            shown = raw[begin:end]
            base = starts[block_index]
            for i, off in enumerate(match_offsets(shown, document.blocks[block_index].text)):
                if off is not None:
                    pairs.append((qt_pos[begin + i], base + off))
        pairs.sort()
        found._doc_pos = [d for d, _ in pairs]
        found._text_at_doc = [t for _, t in pairs]
        by_text = sorted((t, d) for d, t in pairs)
        found._text_off = [t for t, _ in by_text]
        found._doc_at_text = [d for _, d in by_text]
        return found

    def __bool__(self) -> bool:
        return bool(self._doc_pos)

    def to_text(self, doc_start: int, doc_end: int) -> tuple[int, int] | None:
        """Full-text offsets of the draft's characters shown between two Qt positions."""
        lo = bisect_left(self._doc_pos, doc_start)
        hi = bisect_left(self._doc_pos, doc_end)
        if lo >= hi:
            return None
        chosen = self._text_at_doc[lo:hi]
        return min(chosen), max(chosen) + 1

    def to_doc(self, start: int, end: int) -> tuple[int, int] | None:
        """The Qt positions showing full-text characters ``start:end``."""
        lo = bisect_left(self._text_off, start)
        hi = bisect_left(self._text_off, end)
        if lo >= hi:
            return None
        chosen = self._doc_at_text[lo:hi]
        return min(chosen), max(chosen) + 1
