"""Selecting text and showing notes in the reflowed view (the base of
:class:`~panelreview.ui.reader.reflow_view.ReflowView`).

A selection is Qt's own, turned into an anchor through the view's text map when the mouse is
released or the keyboard changes it. Notes are extra selections in their kind's colour (the
palette's light or dark variant), with the kind's mark in the left margin beside their first line.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QTextEdit, QToolTip

from panelreview.core.anchor import Anchor, anchor_span
from panelreview.core.model import Document
from panelreview.ui.reader.reflow_map import TextMap
from panelreview.ui.reader.selection import (
    HighlightItem,
    TextSelection,
    highlight_colour,
    highlight_mark,
    selection_menu,
)

FOUND_EMPHASIS_MS = 2500
MARK_SIZE = 15
MARK_GUTTER = 2 * (MARK_SIZE + 2) + 12  # room for two marks side by side left of the text
FOUND = QColor("#ff8f00")


class ReflowNotes(QTextBrowser):
    selection_changed = Signal(object)  # TextSelection | None
    highlight_activated = Signal(str)  # the id of a note clicked, or chosen with Enter

    text_map: TextMap
    _source: Document | None

    def _init_notes(self) -> None:
        self._selection: TextSelection | None = None
        self._selection_actions: list[QAction] = []
        self._items: list[HighlightItem] = []
        self._ranges: list[tuple[int, int, HighlightItem]] = []
        self._current_id: str | None = None
        self._found_range: tuple[int, int] | None = None
        self._mark_tops: list[tuple[float, HighlightItem]] | None = None
        self._press: QPoint | None = None
        self._mark_font = QFont(self.font())
        self._mark_font.setBold(True)
        self._mark_font.setPixelSize(11)
        self._found_timer = QTimer(self)
        self._found_timer.setSingleShot(True)
        self._found_timer.setInterval(FOUND_EMPHASIS_MS)
        self._found_timer.timeout.connect(self._clear_found)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._update_selection)
        self.selectionChanged.connect(self._on_qt_selection_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._layout_changed)

    def scroll_to_block(self, block_index: int) -> None:
        raise NotImplementedError

    # ----- hooks for the view ---------------------------------------------------------------------
    def _document_changed(self) -> None:
        self._found_range = None
        self._current_id = None
        had = self._selection is not None
        self._selection = None
        self._place_items()
        if had:
            self.selection_changed.emit(None)

    def _layout_changed(self) -> None:
        self._mark_tops = None
        self.viewport().update()

    # ----- the selection --------------------------------------------------------------------------
    def selection(self) -> TextSelection | None:
        return self._selection

    def set_selection_actions(self, actions: list[QAction]) -> None:
        """Actions offered in the right-click menu when text is selected (Copy is added)."""
        self._selection_actions = list(actions)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)
        self._update_selection()

    def select_span(self, start: int, end: int) -> None:
        """Select the draft's characters ``start:end`` (as a member could with the mouse)."""
        found = self.text_map.to_doc(start, end)
        if found is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(found[0])
        cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._update_selection()

    def _on_qt_selection_changed(self) -> None:
        if not QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._selection_timer.start()

    def _update_selection(self) -> None:
        self._selection_timer.stop()
        cursor = self.textCursor()
        new: TextSelection | None = None
        if cursor.hasSelection() and self._source is not None:
            span = self.text_map.to_text(cursor.selectionStart(), cursor.selectionEnd())
            if span is not None:
                anchor = anchor_span(self._source, *span)
                new = TextSelection(replace(anchor, rects=()))
        if new != self._selection:
            self._selection = new
            self.selection_changed.emit(new)

    # ----- the mouse ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        press, self._press = self._press, None
        self._update_selection()
        pos = event.position().toPoint()
        still = press is not None and (pos - press).manhattanLength() < QApplication.startDragDistance()
        if still and not self.textCursor().hasSelection():
            item = self.highlight_at(pos)
            if item is not None:
                self.highlight_activated.emit(item.id)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.highlight_at(event.pos())
            if item is not None:
                QToolTip.showText(event.globalPos(), item.tooltip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def highlight_at(self, pos: QPoint) -> HighlightItem | None:
        """The note under a point of the viewport (the last given, if several overlap)."""
        if not self._ranges:
            return None
        point = QPointF(
            pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value()
        )
        hit = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return None
        for start, end, item in reversed(self._ranges):
            if start <= hit < end or (hit == end and start < end and self._char_before_is_hit(hit, pos)):
                return item
        return None

    def _char_before_is_hit(self, position: int, pos: QPoint) -> bool:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        return rect.top() <= pos.y() <= rect.bottom()

    # ----- the context menu and the keyboard ------------------------------------------------------
    def context_menu(self, pos: QPoint | None = None) -> QMenu | None:
        """The menu for a right-click at ``pos`` (viewport), or for the keyboard's menu key."""
        if pos is not None and not self.textCursor().hasSelection():
            cursor = self.cursorForPosition(pos)
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            if cursor.hasSelection():
                self.setTextCursor(cursor)
                self._update_selection()
        if not self.textCursor().hasSelection():
            return None
        actions = self._selection_actions if self._selection is not None else []
        menu = selection_menu(self, actions)
        copy = menu.addAction(self.tr("&Copy"))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        menu = self.context_menu(None if keyboard else event.pos())
        if menu is None:
            return
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_highlight(forward=key == Qt.Key.Key_Down)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current_id is not None:
            self.highlight_activated.emit(self._current_id)
            return
        if key == Qt.Key.Key_Escape and self.textCursor().hasSelection():
            self.clear_selection()
            return
        super().keyPressEvent(event)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or event.matches(
            QKeySequence.StandardKey.SelectAll
        ):
            self._update_selection()

    def copy_selection(self) -> None:
        if self.textCursor().hasSelection():
            self.copy()
        elif self._selection is not None:
            QGuiApplication.clipboard().setText(self._selection.quote)

    # ----- notes ----------------------------------------------------------------------------------
    def set_highlights(self, items: list[HighlightItem]) -> None:
        self._items = list(items)
        self._place_items()

    def set_current_highlight(self, item_id: str | None) -> None:
        if item_id != self._current_id:
            self._current_id = item_id
            self._apply_extra()

    def current_highlight(self) -> str | None:
        return self._current_id

    def note_ranges(self) -> list[tuple[int, int, HighlightItem]]:
        """Where each note shown sits in the text document: start, end, the note (for printing)."""
        return list(self._ranges)

    def _place_items(self) -> None:
        self._ranges = []
        for item in self._items:
            span = item.span
            found = self.text_map.to_doc(*span) if span is not None else None
            if found is not None:
                self._ranges.append((found[0], found[1], item))
        self._mark_tops = None
        self._apply_extra()

    def _apply_extra(self) -> None:
        extras: list[QTextEdit.ExtraSelection] = []
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for start, end, item in self._ranges:
            fmt = QTextCharFormat()
            fmt.setBackground(highlight_colour(item))
            if item.id == self._current_id:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(self.palette().color(QPalette.ColorRole.Text))
                fmt.setFontUnderline(True)
                fmt.setBackground(
                    highlight_colour(item).lighter(115) if dark else highlight_colour(item).darker(115)
                )
            extras.append(self._extra(start, end, fmt))
        if self._found_range is not None:
            fmt = QTextCharFormat()
            found = QColor(FOUND)
            found.setAlpha(150)
            fmt.setBackground(found)
            extras.append(self._extra(*self._found_range, fmt))
        self.setExtraSelections(extras)
        self.viewport().update()

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        extra = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        extra.cursor = cursor
        extra.format = fmt
        return extra

    def _step_highlight(self, forward: bool) -> None:
        ordered = sorted(self._ranges, key=lambda r: (r[0], r[2].id))
        if not ordered:
            return
        ids = [item.id for _, _, item in ordered]
        if self._current_id in ids:
            at = ids.index(self._current_id) + (1 if forward else -1)
        else:
            at = 0 if forward else len(ids) - 1
        _, _, item = ordered[at % len(ordered)]
        self.set_current_highlight(item.id)
        self.scroll_to_anchor(item.anchor)

    # ----- the margin marks -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._ranges:
            return
        if self._mark_tops is None:
            self._mark_tops = self._compute_mark_tops()
        offset = self.verticalScrollBar().value()
        height = self.viewport().height()
        fmt = self.document().rootFrame().frameFormat()
        left = fmt.leftMargin() - self.horizontalScrollBar().value()  # where the text column starts
        x0 = max(2.0, left - MARK_SIZE - 8)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._mark_font)
        used: list[QRectF] = []
        for top, item in self._mark_tops:
            y = top - offset
            if y < -MARK_SIZE or y > height:
                continue
            box = QRectF(x0, y, MARK_SIZE, MARK_SIZE)
            while any(box.intersects(other) for other in used):
                box.translate(-(MARK_SIZE + 2), 0)
                if box.left() < 1:  # no room further left: the next row down
                    box.moveTo(x0, box.top() + MARK_SIZE + 2)
            used.append(box)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1))
            painter.setBrush(highlight_colour(item))
            painter.drawRoundedRect(box, 3, 3)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, highlight_mark(item))
        painter.end()

    def _compute_mark_tops(self) -> list[tuple[float, HighlightItem]]:
        offset = self.verticalScrollBar().value()
        tops: list[tuple[float, HighlightItem]] = []
        for start, _, item in self._ranges:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            rect = self.cursorRect(cursor)
            tops.append((rect.top() + offset + max(0, (rect.height() - MARK_SIZE) // 2), item))
        return tops

    # ----- going to a passage ---------------------------------------------------------------------
    def _anchor_position(self, anchor: Anchor) -> int | None:
        if anchor.start is not None and anchor.end is not None and anchor.end > anchor.start:
            found = self.text_map.to_doc(anchor.start, anchor.end)
            if found is not None:
                return found[0]
        return None

    def scroll_to_anchor(self, anchor: Anchor) -> None:
        """Bring the passage into view, a third of the way down, unless it is already in view."""
        position = self._anchor_position(anchor)
        if position is None:
            if anchor.block_index is not None:
                self.scroll_to_block(anchor.block_index)
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        if rect.top() >= 8 and rect.bottom() <= self.viewport().height() - 8:
            return
        self.ensure_scroll_range()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def ensure_scroll_range(self) -> None:
        """Qt lays a long text out bit by bit and widens the scroll bar afterwards; scrolling to
        a far passage at once needs the whole range now."""
        bar = self.verticalScrollBar()
        needed = int(self.document().size().height()) - self.viewport().height()
        if needed > bar.maximum():
            bar.setRange(0, needed)

    def show_found(self, anchor: Anchor) -> None:
        """Go to a passage Find found, and mark it for a moment."""
        found = None
        if anchor.start is not None and anchor.end is not None and anchor.end > anchor.start:
            found = self.text_map.to_doc(anchor.start, anchor.end)
        self._found_range = found
        self._apply_extra()
        self.scroll_to_anchor(anchor)
        self._found_timer.start()

    def found_range(self) -> tuple[int, int] | None:
        return self._found_range

    def _clear_found(self) -> None:
        if self._found_range is not None:
            self._found_range = None
            self._apply_extra()
