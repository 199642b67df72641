"""Word and text drafts as a readable reflowed page: headings, lists, tables and paragraphs.

Every block of the document model gets an anchor (``b<index>``) so the view can tell which block -
and so which section - is at the top of the view, and scroll to any section. A map from the view's
text positions to offsets in the draft's full text (:mod:`panelreview.ui.reader.reflow_map`) turns an
ordinary selection into an anchor, and a note's anchor into the passage to colour.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Iterator

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QWidget

from panelreview.core.model import Block, BlockKind, Document
from panelreview.ui.reader.reflow_map import TextMap
from panelreview.ui.reader.reflow_notes import MARK_GUTTER, ReflowNotes

DEFAULT_POINT_SIZE = 12.0
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 32.0
READING_LINE = 24  # pixels below the top of the view that count as "being read"
MEASURE_EM = 42  # the widest line, in ems of the current text size: longer lines are hard to read


def _text(block: Block) -> str:
    text = block.text
    if block.number and not text.lstrip().startswith(block.number):
        text = f"{block.number} {text}"
    return html.escape(text).replace("\n", "<br>")


def _anchor(block: Block) -> str:
    return f'<a name="b{block.index}"></a>'


def _runs(blocks: list[Block]) -> Iterator[list[Block]]:
    """Consecutive list items, or cells of the same table, grouped; everything else alone."""
    run: list[Block] = []

    def same_group(a: Block, b: Block) -> bool:
        if a.kind is BlockKind.LIST_ITEM and b.kind is BlockKind.LIST_ITEM:
            return True
        return a.kind is BlockKind.TABLE_CELL and b.kind is BlockKind.TABLE_CELL and a.table == b.table

    for block in blocks:
        if run and not same_group(run[-1], block):
            yield run
            run = []
        run.append(block)
    if run:
        yield run


def _table_html(cells: list[Block]) -> str:
    rows: dict[int, dict[int, Block]] = {}
    for n, cell in enumerate(cells):
        rows.setdefault(cell.row if cell.row is not None else n, {})[cell.col or 0] = cell
    width = max((max(cols) + 1 for cols in rows.values()), default=1)
    parts = ['<table border="1" cellspacing="0" cellpadding="6" width="100%">']
    for row_number in sorted(rows):
        cols = rows[row_number]
        parts.append("<tr>")
        for col in range(width):
            found = cols.get(col)
            parts.append(f"<td>{_anchor(found) + _text(found) if found else ''}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def document_html(document: Document) -> str:
    parts: list[str] = []
    for run in _runs(document.blocks):
        first = run[0]
        if first.kind is BlockKind.TABLE_CELL:
            parts.append(_table_html(run))
        elif first.kind is BlockKind.LIST_ITEM:
            parts.append("<ul>")
            parts.extend(f"<li>{_anchor(b)}{_text(b)}</li>" for b in run)
            parts.append("</ul>")
        elif first.kind is BlockKind.HEADING:
            level = min(max(first.level or 1, 1), 3)
            parts.append(f"<h{level}>{_anchor(first)}{_text(first)}</h{level}>")
        else:
            parts.append(f"<p>{_anchor(first)}{_text(first)}</p>")
    return "\n".join(parts)


class ReflowView(ReflowNotes):
    """A Word or text draft as reflowed text, where the member selects text and sees notes."""

    position_changed = Signal(int)  # index of the block at the reading line
    caret_moved = Signal()  # the member put the cursor somewhere (a click, or the keys)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflow_view")
        self.setAccessibleName(self.tr("Draft text"))
        self.setAccessibleDescription(
            self.tr(
                "The draft's text. Select text with the mouse, or with Shift and the arrow keys. "
                "Alt+Down and Alt+Up go to the next and previous note; Enter opens it."
            )
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(28)
        self._point_size = DEFAULT_POINT_SIZE
        self._apply_font()
        self._positions: list[int] = []
        self._block_indexes: list[int] = []
        self._block_position: dict[int, int] = {}
        self._source: Document | None = None
        self.text_map = TextMap()
        self._init_notes()
        self._caret_placed = False  # the cursor is where the member put it (not the start)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def set_document(self, document: Document | None) -> None:
        self._source = document
        self._caret_placed = False
        self.setHtml(document_html(document) if document is not None else "")
        self._fit_measure()
        self._index_anchors()
        if document is not None:
            self.text_map = TextMap.build(self.document(), document, self._block_position)
        else:
            self.text_map = TextMap()
        self._document_changed()
        self.verticalScrollBar().setValue(0)
        self._on_scrolled()

    @property
    def draft_document(self) -> Document | None:
        """The draft shown (the document model, not Qt's text document)."""
        return self._source

    def _index_anchors(self) -> None:
        found: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                for name in fragment.charFormat().anchorNames():
                    if name.startswith("b") and name[1:].isdigit():
                        found.append((fragment.position(), int(name[1:])))
                it += 1
            block = block.next()
        found.sort()
        self._positions = [p for p, _ in found]
        self._block_indexes = [i for _, i in found]
        self._block_position = {i: p for p, i in found}

    # ----- text size ----------------------------------------------------------------------------
    @property
    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, size: float) -> None:
        block = self.block_at_reading_line()
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self._apply_font()
        if block is not None:
            self.scroll_to_block(block)

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self._point_size)
        self.document().setDefaultFont(font)
        self._fit_measure()
        if hasattr(self, "_mark_tops"):
            self._layout_changed()

    def _fit_measure(self) -> None:
        """Centre a column of readable width in a wide window."""
        em = QFontMetricsF(self.document().defaultFont()).horizontalAdvance("M")
        spare = self.viewport().width() - MEASURE_EM * em
        side = max(MARK_GUTTER, self.document().documentMargin(), spare / 2)  # room for the notes' marks
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_measure()
        self._layout_changed()

    def larger_text(self) -> None:
        self.set_point_size(self._point_size + 1)

    def smaller_text(self) -> None:
        self.set_point_size(self._point_size - 1)

    def reset_text_size(self) -> None:
        self.set_point_size(DEFAULT_POINT_SIZE)

    # ----- position -----------------------------------------------------------------------------
    def scroll_to_block(self, block_index: int) -> None:
        position = self._block_position.get(block_index)
        if position is None:
            later = [i for i in self._block_indexes if i >= block_index]
            if not later:
                return
            position = self._block_position[later[0]]
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        top = self.cursorRect(cursor).top()
        self.ensure_scroll_range()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - READING_LINE // 2)

    def block_at_reading_line(self) -> int | None:
        return self._block_at(self.cursorForPosition(QPoint(8, READING_LINE)).position())

    def block_at_middle(self) -> int | None:
        """The block in the middle of the view: where the member is reading."""
        return self._block_at(self.cursorForPosition(QPoint(8, self.viewport().height() // 2)).position())

    def caret_block(self) -> int | None:
        """The block the member put the cursor in (a click, or the keys), while it is on screen."""
        if not self._caret_placed or not self.viewport().rect().intersects(self.cursorRect()):
            return None
        return self._block_at(self.textCursor().position())

    def _block_at(self, position: int) -> int | None:
        if not self._positions:
            return None
        at = bisect_right(self._positions, position)
        return self._block_indexes[at - 1] if at else self._block_indexes[0]

    def _on_cursor_moved(self) -> None:
        if self.hasFocus():  # not the text being replaced or scrolled to
            self._caret_placed = True
            self.caret_moved.emit()

    def _on_scrolled(self, _value: int = 0) -> None:
        block = self.block_at_reading_line()
        if block is not None:
            self.position_changed.emit(block)
