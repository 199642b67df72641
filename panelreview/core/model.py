"""The common document model every reader produces.

A draft is its blocks in reading order plus the section tree found over them. Blocks are what a
member reads and anchors notes to; sections are how they find their way. Nothing here knows about
PDF, Word or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


class DocFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    MARKDOWN = "markdown"


Rect = tuple[float, float, float, float]


@dataclass(slots=True)
class Block:
    """One unit of text in reading order.

    ``page`` is the 0-based physical page (PDF only) and ``page_label`` the printed label where the
    PDF defines one; ``para_index`` is the paragraph index in a Word or text file. ``level`` is the
    heading rank (1 = top) a reader assigned to a heading block. ``number`` is an enumerator the
    reader resolved itself (Word's automatic numbering), without brackets or trailing dot, and
    ``list_level`` its depth in that list (1 = outermost), which decides how list items nest.
    """

    index: int
    kind: BlockKind
    text: str
    page: int | None = None
    page_label: str | None = None
    para_index: int | None = None
    level: int | None = None
    number: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    rects: list[Rect] = field(default_factory=list)
    list_level: int | None = None


@dataclass(slots=True)
class Section:
    """A node of the outline: a heading or an enumerated paragraph and the blocks it spans.

    ``page_start``/``page_end`` are 1-based physical pages (PDF) or None.
    """

    id: int
    number: str | None
    title: str
    level: int
    parent: int | None
    first_block: int
    last_block: int
    page_start: int | None = None
    page_end: int | None = None

    @property
    def label(self) -> str:
        """How the section is named to a user: "2.1 Fewer victims…" or "Our vision"."""
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True, slots=True)
class DocumentIdentity:
    sha256: str
    format: DocFormat
    title: str
    page_count: int | None


@dataclass(slots=True)
class Document:
    """A draft as the application understands it."""

    identity: DocumentIdentity
    file_name: str
    blocks: list[Block]
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)
    # Opened with a password: its text is not kept whole in a review file (no search index of it),
    # only what notes need (headings, and the passages notes are on).
    password_protected: bool = False

    def section_of_block(self, block_index: int) -> Section | None:
        """The innermost section containing a block, or None before the first section."""
        found: Section | None = None
        for section in self.sections:
            if section.first_block > block_index:
                break
            if section.last_block >= block_index:
                found = section
        return found

    def heading_path(self, section: Section) -> list[str]:
        """Labels from the top-level ancestor down to ``section``."""
        by_id = {s.id: s for s in self.sections}
        path: list[str] = []
        node: Section | None = section
        while node is not None:
            path.append(node.label)
            node = by_id.get(node.parent) if node.parent is not None else None
        return list(reversed(path))

    def outline(self) -> list[dict[str, object]]:
        """The outline in the interchange format of ``*.outline.json``."""
        return [
            {"number": s.number, "title": s.title, "level": s.level, "page": s.page_start}
            for s in self.sections
        ]


BLOCK_SEPARATOR = "\n\n"


def full_text(blocks: list[Block]) -> tuple[str, list[int]]:
    """The draft's text as one string (blocks joined by a blank line) and each block's start offset.

    Character offsets stored in anchors are offsets into this string.
    """
    starts: list[int] = []
    pos = 0
    for block in blocks:
        starts.append(pos)
        pos += len(block.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(b.text for b in blocks), starts
