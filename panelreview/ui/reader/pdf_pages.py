"""A PDF draft as real pages: continuous vertical scroll, zoom, fit width, pages rendered on demand.

One canvas widget paints whichever pages intersect the viewport. Pages not yet rendered are drawn
as blank paper; the document thread renders the visible ones (plus one either side) at the screen's
device pixel ratio and the images are kept in an LRU cache. The same thread reads the visible
pages' words, which are kept for selecting text and drawing notes (:mod:`panelreview.ui.reader.pdf_words`).
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from panelreview.core.model import Document, Rect
from panelreview.ui.reader.document_worker import DocumentService, PageSize, WordTuple
from panelreview.ui.reader.page_cache import PageCache, scale_key
from panelreview.ui.reader.pdf_canvas import PageCanvas
from panelreview.ui.reader.pdf_highlights import HighlightLayer
from panelreview.ui.reader.pdf_words import WordPos, WordStore

PX_PER_POINT = 96 / 72  # 100 % zoom shows a page at its printed size on a 96 dpi screen
PAGE_GAP = 14
MIN_ZOOM, MAX_ZOOM = 0.25, 5.0
ZOOM_STEP = 1.2


class PageView(QScrollArea):
    """The pages, their geometry and their rendering; :class:`PdfView` adds reading and noting."""

    current_page_changed = Signal(int)  # 0-based
    position_changed = Signal(int, float)  # page, y in points at the reading line
    zoom_changed = Signal(float)
    pages_changed = Signal()  # another draft's pages (or none), or the same pages' labels

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
        self._words_asked: set[int] = set()
        self._early: tuple[int, float, QImage] | None = None  # token, scale, first page before set_pages
        self.cache = PageCache()
        self.words = WordStore()
        self.highlights = HighlightLayer(self.words)
        self.canvas = PageCanvas(self)  # type: ignore[arg-type]
        self.setWidget(self.canvas)
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(15)
        self._update_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(40)
        service.page_rendered.connect(self._on_page_rendered)
        service.words_ready.connect(self._on_words)
        self._hint_first_page_width()

    # ----- document -----------------------------------------------------------------------------
    def set_pages(self, token: int, sizes: list[PageSize], labels: list[str]) -> None:
        """Show a draft's pages. Calling it again for the same draft (first when its pages are
        known, again once it has been read) keeps the position, the zoom and the drawn pages."""
        if token == self._token and token >= 0 and list(sizes) == self._sizes:
            self._labels = list(labels)
            self.pages_changed.emit()
            return
        self._pages_reset()
        if self._token >= 0 and self._token != token:
            self._service.close_document(self._token)
        self._token = token
        self._sizes = list(sizes)
        self._labels = list(labels)
        self._requested.clear()
        self._words_asked.clear()
        self._current_page = -1
        self.cache.clear()
        self.words.clear()
        self.highlights.refresh()
        early, self._early = self._early, None
        if early is not None and early[0] == token and sizes:
            early[2].setDevicePixelRatio(self.devicePixelRatioF())
            self.cache.put(0, early[1], early[2])
        self._fit_width = True
        self._relayout(keep_position=False)
        self.verticalScrollBar().setValue(0)
        self._on_scrolled()
        self.pages_changed.emit()

    def set_document(self, document: Document | None) -> None:
        """The draft shown, read: its text lets words be selected and notes be drawn."""
        self.words.set_document(document)
        self.highlights.refresh()
        self._pages_reset()
        self.canvas.update()

    def _pages_reset(self) -> None:
        """The pages or the text changed under any selection or notes: PdfView drops them."""

    def clear(self) -> None:
        if self._token >= 0:
            self._service.close_document(self._token)
        self._token = -1
        self.set_pages(-1, [], [])

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def token(self) -> int:
        """The document thread's token for the draft shown (-1: none)."""
        return self._token

    @property
    def service(self) -> DocumentService:
        return self._service

    def page_sizes(self) -> list[PageSize]:
        """Each page's size in PDF points."""
        return list(self._sizes)

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
        self._hint_first_page_width()
        if self._sizes:
            self._relayout()

    def _hint_first_page_width(self) -> None:
        """Tell the document thread how wide to draw a draft's first page before it is read."""
        width = self.viewport().width() - 2 * PAGE_GAP
        self._service.first_page_width = max(0.0, width * self.devicePixelRatioF())

    def to_canvas(self, page: int, rect: Rect) -> QRectF:
        """A rectangle in a page's PDF points, on the canvas."""
        origin = self.page_rect(page)
        f = self._zoom * PX_PER_POINT
        x0, y0, x1, y1 = rect
        return QRectF(origin.x() + x0 * f, origin.y() + y0 * f, (x1 - x0) * f, (y1 - y0) * f)

    def from_canvas(self, pos: QPoint) -> tuple[int, float, float] | None:
        """The page under (or nearest above) a canvas point, and the point in that page's points."""
        if not self._tops:
            return None
        page = self.pages_in(pos.y(), pos.y()).start
        origin = self.page_rect(page)
        f = self._zoom * PX_PER_POINT
        return page, (pos.x() - origin.x()) / f, (pos.y() - origin.y()) / f

    def word_pos_at(self, pos: QPoint, exact: bool = False) -> WordPos | None:
        """The word at a canvas point (``exact``), or the word a press there means."""
        point = self.from_canvas(pos)
        if point is None:
            return None
        page, x, y = point
        words = self.words.page(page)
        if words is None:
            self._ask_words(page)
            return None
        index = words.word_at(x, y) if exact else words.nearest_word(x, y)
        return None if index is None else (page, index)

    def update_page(self, page: int) -> None:
        """Repaint one page, if it is laid out."""
        if 0 <= page < min(len(self._tops), len(self._sizes)):
            self.canvas.update(self.page_rect(page).adjusted(-2, -2, 2, 2))

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
        return self.position_at(self._reading_offset())

    def middle_position(self) -> tuple[int, float]:
        """The page and y (points) in the middle of the view: where the member is reading."""
        return self.position_at(self.viewport().height() // 2)

    def position_at(self, view_y: int) -> tuple[int, float]:
        """The page and y (points) at a height of the viewport."""
        if not self._tops:
            return (0, 0.0)
        y = self.verticalScrollBar().value() + view_y
        page = self.pages_in(y, y).start
        offset = (y - self._tops[page]) / (self._zoom * PX_PER_POINT)
        return page, max(0.0, offset)

    def is_on_screen(self, page: int, y_points: float) -> bool:
        """Whether a point of a page is in the visible part of the view."""
        if not 0 <= page < len(self._tops):
            return False
        y = self._tops[page] + y_points * self._zoom * PX_PER_POINT - self.verticalScrollBar().value()
        return 0 <= y <= self.viewport().height()

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
            # The page in the middle of the view, where the member reads (as the current section).
            middle = self.verticalScrollBar().value() + self.viewport().height() // 2
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
        for page in visible:
            self._ask_words(page)

    def _ask_words(self, page: int) -> None:
        if self._token >= 0 and not self.words.has(page) and page not in self._words_asked:
            self._words_asked.add(page)
            self._service.request_words(self._token, page)

    def _on_words(self, token: int, page: int, words: list[WordTuple]) -> None:
        if token != self._token or not 0 <= page < len(self._sizes):
            return
        self._words_asked.discard(page)
        self.words.add(page, words)
        self.highlights.words_arrived(page)
        self.update_page(page)

    def _on_page_rendered(self, token: int, page: int, scale: float, image: QImage) -> None:
        if token != self._token:
            if token > self._token and page == 0:
                self._early = (token, scale, image)  # drawn before the window knew the draft
            return
        if not 0 <= page < len(self._sizes):
            return
        self._requested.discard((page, scale_key(scale)))
        if scale_key(scale) != scale_key(self.render_scale()) and self.cache.get_any(page, scale):
            return  # the zoom changed while it was being drawn, and an older image will do meanwhile
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.cache.put(page, scale, image)
        self.update_page(page)
