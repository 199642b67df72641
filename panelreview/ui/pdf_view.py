"""A PDF draft as real pages: continuous vertical scroll, zoom, fit width, pages rendered on demand.

One canvas widget paints whichever pages intersect the viewport. Pages not yet rendered are drawn
as blank paper; the document thread renders the visible ones (plus one either side) at the screen's
device pixel ratio and the images are kept in an LRU cache.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from panelreview.ui.document_worker import DocumentService, PageSize
from panelreview.ui.page_cache import PageCache, scale_key

PX_PER_POINT = 96 / 72  # 100 % zoom shows a page at its printed size on a 96 dpi screen
PAGE_GAP = 14
MIN_ZOOM, MAX_ZOOM = 0.25, 5.0
ZOOM_STEP = 1.2
PAPER = QColor(Qt.GlobalColor.white)  # the page itself is white paper in light and dark themes


class PageCanvas(QWidget):
    """All pages stacked vertically; paints only what is exposed."""

    def __init__(self, view: PdfView) -> None:
        super().__init__()
        self._view = view
        self.setAutoFillBackground(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        painter.fillRect(exposed, self.palette().color(QPalette.ColorRole.Dark))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = self.palette().color(QPalette.ColorRole.Shadow)
        for page in self._view.pages_in(exposed.top(), exposed.bottom()):
            rect = self._view.page_rect(page)
            painter.fillRect(rect, PAPER)
            image = self._view.cached_image(page)
            if image is not None:
                painter.drawImage(QRectF(rect), image)
            else:
                painter.setPen(QColor(Qt.GlobalColor.gray))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._view.page_caption(page))
            painter.setPen(frame)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()


class PdfView(QScrollArea):
    current_page_changed = Signal(int)  # 0-based
    position_changed = Signal(int, float)  # page, y in points at the reading line
    zoom_changed = Signal(float)

    def __init__(self, service: DocumentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_view")
        self.setAccessibleName(self.tr("Draft pages"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        # Always shown, so fitting the width never makes the scroll bar appear and re-fit.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._service = service
        self._token = -1
        self._sizes: list[PageSize] = []
        self._labels: list[str] = []
        self._tops: list[int] = []
        self._zoom = 1.0
        self._fit_width = True
        self._current_page = -1
        self._requested: set[tuple[int, int]] = set()
        self.cache = PageCache()
        self.canvas = PageCanvas(self)
        self.setWidget(self.canvas)
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(15)
        self._update_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(40)
        service.page_rendered.connect(self._on_page_rendered)

    # ----- document -----------------------------------------------------------------------------
    def set_pages(self, token: int, sizes: list[PageSize], labels: list[str]) -> None:
        if self._token >= 0 and self._token != token:
            self._service.close_document(self._token)
        self._token = token
        self._sizes = list(sizes)
        self._labels = list(labels)
        self._requested.clear()
        self._current_page = -1
        self.cache.clear()
        self._fit_width = True
        self._relayout(keep_position=False)
        self.verticalScrollBar().setValue(0)
        self._on_scrolled()

    def clear(self) -> None:
        if self._token >= 0:
            self._service.close_document(self._token)
        self._token = -1
        self.set_pages(-1, [], [])

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_label(self, page: int) -> str:
        return self._labels[page] if 0 <= page < len(self._labels) else ""

    def page_caption(self, page: int) -> str:
        return self.tr("Page {n}").format(n=page + 1)

    # ----- geometry -----------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def _page_px(self, page: int) -> tuple[int, int]:
        w, h = self._sizes[page]
        factor = self._zoom * PX_PER_POINT
        return round(w * factor), round(h * factor)

    def page_rect(self, page: int) -> QRect:
        w, h = self._page_px(page)
        x = max(PAGE_GAP, (self.canvas.width() - w) // 2)
        return QRect(x, self._tops[page], w, h)

    def pages_in(self, top: int, bottom: int) -> range:
        if not self._tops:
            return range(0)
        first = max(0, bisect_right(self._tops, top) - 1)
        last = max(first, bisect_right(self._tops, bottom) - 1)
        return range(first, min(last, len(self._tops) - 1) + 1)

    def _relayout(self, keep_position: bool = True) -> None:
        anchor = self.reading_position() if keep_position and self._sizes else None
        if self._fit_width and self._sizes:
            self._zoom = self._fit_width_zoom()
        tops: list[int] = []
        y = PAGE_GAP
        widest = 0
        for page in range(len(self._sizes)):
            w, h = self._page_px(page)
            tops.append(y)
            y += h + PAGE_GAP
            widest = max(widest, w)
        self._tops = tops
        width = max(self.viewport().width(), widest + 2 * PAGE_GAP)
        self.canvas.resize(width, max(y, self.viewport().height()))
        if anchor is not None:
            self.scroll_to(*anchor, margin=self._reading_offset())
        self.canvas.update()
        self.zoom_changed.emit(self._zoom)
        self._schedule_requests()

    def _fit_width_zoom(self) -> float:
        widest = max(w for w, _ in self._sizes)
        available = self.viewport().width() - 2 * PAGE_GAP
        return max(MIN_ZOOM, min(MAX_ZOOM, available / (widest * PX_PER_POINT)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sizes:
            self._relayout()

    # ----- zoom ---------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._relayout()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        self._fit_width = True
        self._relayout()

    # ----- position -----------------------------------------------------------------------------
    def _reading_offset(self) -> int:
        return 2 * PAGE_GAP

    def reading_position(self) -> tuple[int, float]:
        """The page and y (points) at the reading line, a little below the top of the viewport."""
        if not self._tops:
            return (0, 0.0)
        y = self.verticalScrollBar().value() + self._reading_offset()
        page = self.pages_in(y, y).start
        offset = (y - self._tops[page]) / (self._zoom * PX_PER_POINT)
        return page, max(0.0, offset)

    def scroll_to(self, page: int, y_points: float = 0.0, margin: int | None = None) -> None:
        """Bring a point of a page to just below the top of the view."""
        if not 0 <= page < len(self._tops):
            return
        if margin is None:
            margin = PAGE_GAP
        target = self._tops[page] + round(y_points * self._zoom * PX_PER_POINT) - margin
        self.verticalScrollBar().setValue(max(0, target))

    def go_to_page(self, page: int) -> None:
        self.scroll_to(page, 0.0, margin=PAGE_GAP)

    def current_page(self) -> int:
        return self._current_page

    def _on_scrolled(self, _value: int = 0) -> None:
        if self._sizes:
            middle = self.verticalScrollBar().value() + self.viewport().height() // 3
            page = self.pages_in(middle, middle).start
            if page != self._current_page:
                self._current_page = page
                self.current_page_changed.emit(page)
            self.position_changed.emit(*self.reading_position())
        self._schedule_requests()

    # ----- rendering ----------------------------------------------------------------------------
    def render_scale(self) -> float:
        return self._zoom * PX_PER_POINT * self.devicePixelRatioF()

    def cached_image(self, page: int) -> QImage | None:
        return self.cache.get_any(page, self.render_scale())

    def visible_pages(self) -> range:
        top = self.verticalScrollBar().value()
        return self.pages_in(top, top + self.viewport().height())

    def _schedule_requests(self) -> None:
        if not self._update_timer.isActive():
            self._update_timer.start()

    def _request_visible(self) -> None:
        if self._token < 0 or not self._sizes:
            return
        visible = self.visible_pages()
        wanted = [p for p in range(visible.start - 1, visible.stop + 1) if 0 <= p < len(self._sizes)]
        self._service.keep_only(self._token, wanted)
        scale = self.render_scale()
        key = scale_key(scale)
        self._requested = {r for r in self._requested if r[0] in wanted and r[1] == key}
        # Visible pages last: the worker renders the newest request first.
        order = [p for p in wanted if p not in visible] + list(visible)
        for page in order:
            if self.cache.get(page, scale) is None and (page, key) not in self._requested:
                self._requested.add((page, key))
                self._service.render(self._token, page, scale)

    def _on_page_rendered(self, token: int, page: int, scale: float, image: QImage) -> None:
        if token != self._token or not 0 <= page < len(self._sizes):
            return
        self._requested.discard((page, scale_key(scale)))
        if scale_key(scale) != scale_key(self.render_scale()):
            return  # the zoom changed while it was being drawn
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.cache.put(page, scale, image)
        self.canvas.update(self.page_rect(page))
