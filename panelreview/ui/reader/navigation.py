"""Where each section is, and which section a reading position is in. No widgets here."""

from __future__ import annotations

from bisect import bisect_right

from panelreview.core.model import Document

PagePosition = tuple[int, float]  # 0-based page, y in PDF points from the page top


class SectionLocator:
    def __init__(self, document: Document) -> None:
        self.document = document
        blocks = document.blocks
        # The innermost section of every block (children are listed after their parents).
        self._section_of_block: list[int | None] = [None] * len(blocks)
        for section in document.sections:
            for index in range(section.first_block, min(section.last_block, len(blocks) - 1) + 1):
                self._section_of_block[index] = section.id
        # Where each section starts on the page, in reading order, for PDFs.
        heads: list[tuple[PagePosition, int]] = []
        self._page_position: dict[int, PagePosition] = {}
        for section in document.sections:
            position = self._start_of(section.first_block, section.page_start)
            if position is not None:
                self._page_position[section.id] = position
                heads.append((position, section.id))
        heads.sort()
        self._head_keys = [position for position, _ in heads]
        self._head_ids = [section_id for _, section_id in heads]

    def _start_of(self, block_index: int, page_start: int | None) -> PagePosition | None:
        if 0 <= block_index < len(self.document.blocks):
            block = self.document.blocks[block_index]
            if block.page is not None:
                y = min((r[1] for r in block.rects), default=0.0)
                return (block.page, y)
        return (page_start - 1, 0.0) if page_start else None

    def page_position(self, section_id: int) -> PagePosition | None:
        """Where a section's heading is on the page (PDF drafts)."""
        return self._page_position.get(section_id)

    def section_at_page_position(self, page: int, y: float) -> int | None:
        """The section being read at a point of a PDF page: the last one started before it."""
        at = bisect_right(self._head_keys, (page, y))
        return self._head_ids[at - 1] if at else None

    def section_of_block(self, block_index: int) -> int | None:
        if 0 <= block_index < len(self._section_of_block):
            return self._section_of_block[block_index]
        return None
