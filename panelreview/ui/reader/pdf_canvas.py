"""The widget the PDF pages are drawn on: paper, page images, notes, the selection, and the mouse.

It paints only the pages the exposed area touches. Notes are a translucent fill of their kind's
colour multiplied into the page (so the print stays black), with the kind's mark in the page's left
margin so colour is never the only cue. The selection uses the palette's highlight colour.
"""

from __future__ import annotations

import os
import sys
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from panelreview.core.model import Rect
from panelreview.ui.common.kind_style import paper_colour
from panelreview.ui.reader.pdf_highlights import HighlightLayer
from panelreview.ui.reader.selection import HighlightItem, highlight_mark

PAPER = QColor(Qt.GlobalColor.white)  # the page itself is white paper in light and dark themes
INK = QColor(Qt.GlobalColor.black)
FOUND = QColor("#ff8f00")
MARK_SIZE = 15
HIGHLIGHT_ALPHA = 255  # multiplied into the page, so full strength still shows the print
SELECTION_ALPHA = 150  # strong enough not to be taken for a blue comment

_bench_reported = False


def _report_first_page() -> None:
    """With PANELREVIEW_BENCH set, say when the first page image reaches the screen (bench/)."""
    global _bench_reported
    if not _bench_reported and os.environ.get("PANELREVIEW_BENCH"):
        _bench_reported = True
        print("PANELREVIEW_BENCH first-page-drawn", file=sys.stderr, flush=True)


class CanvasHost(Protocol):
    """What the canvas asks of the view it is drawn in (:class:`~panelreview.ui.reader.pdf_view.PdfView`)."""

    highlights: HighlightLayer

    def pages_in(self, top: int, bottom: int) -> range: ...
    def page_rect(self, page: int) -> QRect: ...
    def page_caption(self, page: int) -> str: ...
    def cached_image(self, page: int) -> QImage | None: ...
    def to_canvas(self, page: int, rect: Rect) -> QRectF: ...
    def current_highlight(self) -> str | None: ...
    def selection_rects(self, page: int) -> list[Rect]: ...
    def found_rects(self, page: int) -> list[Rect]: ...
    def has_selection_words(self) -> bool: ...
    def start_selection(self, pos: QPoint) -> None: ...
    def extend_selection_to(self, pos: QPoint) -> None: ...
    def finish_selection(self) -> None: ...
    def select_word_at(self, pos: QPoint) -> None: ...
    def clicked(self, pos: QPoint) -> None: ...
    def cursor_shape_at(self, pos: QPoint) -> Qt.CursorShape: ...
    def tooltip_at(self, pos: QPoint) -> str: ...
    def show_context_menu(self, pos: QPoint | None, global_pos: QPoint) -> None: ...
    def setFocus(self, /, focusReason: Qt.FocusReason = ...) -> None: ...
    def ensureVisible(self, x: int, y: int, /, xmargin: int = ..., ymargin: int = ...) -> None: ...


class PageCanvas(QWidget):
    """All pages stacked vertically; paints only what is exposed."""

    def __init__(self, view: CanvasHost) -> None:
        super().__init__()
        self._view = view
        self.setAutoFillBackground(False)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._press: QPoint | None = None
        self._dragging = False
        self._mark_font = QFont(self.font())
        self._mark_font.setBold(True)
        self._mark_font.setPixelSize(11)

    # ----- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        exposed = event.rect()
        painter.fillRect(exposed, self.palette().color(QPalette.ColorRole.Dark))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = self.palette().color(QPalette.ColorRole.Shadow)
        for page in view.pages_in(exposed.top(), exposed.bottom()):
            rect = view.page_rect(page)
            painter.fillRect(rect, PAPER)
            image = view.cached_image(page)
            if image is not None:
                painter.drawImage(QRectF(rect), image)
                _report_first_page()
            else:
                painter.setPen(QColor(Qt.GlobalColor.gray))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, view.page_caption(page))
            self._paint_notes(painter, page, rect)
            self._paint_selection(painter, page)
            self._paint_found(painter, page)
            painter.setPen(frame)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_notes(self, painter: QPainter, page: int, page_rect: QRect) -> None:
        placed = self._view.highlights.on_page(page)
        if not placed:
            return
        current = self._view.current_highlight()
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        painter.setPen(Qt.PenStyle.NoPen)
        for note in placed:
            painter.setBrush(paper_colour(note.item.kind, HIGHLIGHT_ALPHA))
            for rect in note.rects:
                painter.drawRect(self._view.to_canvas(page, rect))
        painter.restore()
        painter.save()
        painter.setFont(self._mark_font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        used: list[QRectF] = []
        for note in placed:
            if note.item.id == current:
                painter.setPen(QPen(paper_colour(note.item.kind).darker(220), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in note.rects:
                    painter.drawRect(self._view.to_canvas(page, rect).adjusted(-1, -1, 1, 1))
            self._paint_mark(painter, note.item, page, page_rect, note.rects[0], used)
        painter.restore()

    def _paint_mark(
        self,
        painter: QPainter,
        item: HighlightItem,
        page: int,
        page_rect: QRect,
        first: Rect,
        used: list[QRectF],
    ) -> None:
        top = self._view.to_canvas(page, first).top()
        box = QRectF(page_rect.left() + 4, top, MARK_SIZE, MARK_SIZE)
        while any(box.intersects(other) for other in used):
            box.translate(MARK_SIZE + 2, 0)
        used.append(box)
        painter.setPen(QPen(INK, 1))
        painter.setBrush(paper_colour(item.kind))
        painter.drawRoundedRect(box, 3, 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, highlight_mark(item))

    def _paint_selection(self, painter: QPainter, page: int) -> None:
        rects = self._view.selection_rects(page)
        if not rects:
            return
        edge = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour = QColor(edge)
        colour.setAlpha(SELECTION_ALPHA)
        painter.save()
        painter.setPen(QPen(edge, 1))
        painter.setBrush(colour)
        for rect in rects:
            painter.drawRect(self._view.to_canvas(page, rect))
        painter.restore()

    def _paint_found(self, painter: QPainter, page: int) -> None:
        rects = self._view.found_rects(page)
        if not rects:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(FOUND, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(self._view.to_canvas(page, rect).adjusted(-3, -2, 3, 2), 3, 3)
        painter.restore()

    # ----- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._view.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._view.has_selection_words():
            self._view.extend_selection_to(pos)
            self._press, self._dragging = pos, True
            return
        self._press, self._dragging = pos, False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._update_cursor(pos)
            return
        if not self._dragging:
            if (pos - self._press).manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
            self._view.start_selection(self._press)
        self._view.extend_selection_to(pos)
        self._view.ensureVisible(pos.x(), pos.y(), 8, 24)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        pos = event.position().toPoint()
        dragging, self._press, self._dragging = self._dragging, None, False
        if dragging:
            self._view.finish_selection()
            return
        self._view.clicked(pos)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.select_word_at(event.position().toPoint())
            self._press, self._dragging = None, False
            return
        super().mouseDoubleClickEvent(event)

    def _update_cursor(self, pos: QPoint) -> None:
        shape = self._view.cursor_shape_at(pos)
        if self.cursor().shape() != shape:
            self.setCursor(shape)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._view.show_context_menu(event.pos(), event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self._view.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
