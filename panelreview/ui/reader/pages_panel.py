"""The Pages panel: a PDF draft's pages as thumbnails; click one (or press Enter) to go to that page.

    pages = install_pages_panel(window, window.pdf_view, window.outline)   # left, tabbed with the outline

It follows the reading view (:class:`~panelreview.ui.reader.pdf_view.PdfView`): the page being read
is the chosen row, scrolled into view without taking the keyboard from where it is; a page with notes
on it shows how many in its corner. A 300-page draft
stays cheap: the list is one view over a model (no widget per page), every row is blank paper of the
page's shape until its picture arrives, and only the rows on screen (and two either side) are drawn,
on the document thread, after the reading view's own pages and words, in a queue of their own
(``DocumentService.render_thumbnail``). Pictures are kept per draft (by its token) and dropped when
another draft opens or it closes, so a late picture of one draft never shows in the next.

A Word or text draft has no pages: the panel stays where the member put it and says so.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListView,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.thumbnails import PAD, THUMB_WIDTH, ThumbnailDelegate, ThumbnailModel

IN_FRONT_KEY = "view/pages_in_front"  # the member last chose the Pages tab over the Outline's
MARGIN_ROWS = 2  # thumbnails drawn beyond the visible rows, either side, so a short scroll finds them
REQUEST_DELAY_MS = 30  # thumbnails are asked for once scrolling pauses this long, not while it runs


class _PageList(QListView):
    """Page Up and Page Down move by a screenful of thumbnails (Qt's list moves by one when rows are tall)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()  # more rows may be on screen now

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        current = self.currentIndex()
        count = self.model().rowCount()
        if cursorAction not in (action.MovePageDown, action.MovePageUp) or not current.isValid() or not count:
            return super().moveCursor(cursorAction, modifiers)
        row_height = max(1, self.visualRect(current).height())
        step = max(1, self.viewport().height() // row_height)
        row = current.row() + (step if cursorAction == action.MovePageDown else -step)
        return self.model().index(max(0, min(count - 1, row)), 0)


class PagesPanel(QDockWidget):
    page_chosen = Signal(int)  # 0-based: the member chose this page in the list

    def __init__(
        self, view: PdfView, parent: QWidget | None = None, beside: QDockWidget | None = None
    ) -> None:
        super().__init__(self.tr("Pages"), parent)
        self.setObjectName("pages_dock")  # for saveState / restoreState
        self.toggleViewAction().setText(self.tr("&Pages"))
        self.toggleViewAction().setStatusTip(self.tr("Show or hide the draft's pages as thumbnails"))
        self._view = view
        self._service = view.service
        self._token = -1
        self._requested: set[int] = set()  # pages asked for and not yet drawn (this token)
        self._following = False  # the list is being moved to the page read: not a choice
        self._navigating = False  # the view is going to a page chosen here: do not follow it back
        # Whether the member put this tab in front of the one it shares a place with (the Outline's),
        # kept while the panels are hidden on the start view and from one run to the next.
        self._beside = beside
        self._in_front = QSettings().value(IN_FRONT_KEY, False, type=bool)
        self._showing = False

        self.model = ThumbnailModel(self)
        self.list = _PageList()
        self.list.setObjectName("pages_list")
        self.list.setModel(self.model)
        self.delegate = ThumbnailDelegate(self.model, self.devicePixelRatioF(), self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setFlow(QListView.Flow.TopToBottom)
        self.list.setWrapping(False)
        self.list.setSpacing(0)
        self.list.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(False)  # a landscape page is a shorter row
        self.list.verticalScrollBar().setSingleStep(40)
        self.list.setMinimumWidth(
            THUMB_WIDTH + 2 * PAD + self.list.verticalScrollBar().sizeHint().width() + 4
        )
        self.list.setAccessibleName(self.tr("Page thumbnails"))
        self.list.setAccessibleDescription(
            self.tr("The draft's pages, small. Choose one with the arrow keys or a click to go to it.")
        )
        self.empty = QLabel(
            self.tr(
                "This draft has no pages to show: a Word or text draft is read as flowing text. "
                "Page thumbnails appear here for PDF drafts."
            )
        )
        self.empty.setObjectName("pages_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(10, 10, 10, 10)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        self.setWidget(self.stack)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REQUEST_DELAY_MS)
        self._timer.timeout.connect(self.request_visible)
        self.list.verticalScrollBar().valueChanged.connect(self._schedule)
        self.list.resized.connect(self._schedule)
        self.visibilityChanged.connect(self._on_visibility)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.clicked.connect(lambda index: self._go(index.row()))
        self.list.activated.connect(self._on_activated)
        view.pages_changed.connect(self._pages_changed)
        view.current_page_changed.connect(self.show_current)
        view.notes_changed.connect(lambda: self.model.set_note_counts(view.note_pages()))
        self._service.thumbnail_rendered.connect(self._on_thumbnail)
        self._pages_changed()

    # ----- the draft's pages --------------------------------------------------------------------
    def _pages_changed(self) -> None:
        view = self._view
        sizes = view.page_sizes()
        labels = [view.page_label(p) for p in range(len(sizes))]
        self.stack.setCurrentWidget(self.list if sizes else self.empty)
        if view.token == self._token and len(sizes) == self.model.page_count():
            self.model.set_labels(labels)  # the same draft, read: its labels, its pictures kept
            return
        self._token = view.token
        self._requested.clear()
        self.delegate.device_pixel_ratio = self.devicePixelRatioF()
        self.model.set_pages(sizes, labels)
        self.model.set_note_counts(view.note_pages())
        self.show_current(view.current_page())
        self._schedule()

    def show_current(self, page: int) -> None:
        """The page being read: chosen in the list and scrolled into view (the focus stays put)."""
        if self._navigating or not 0 <= page < self.model.page_count():
            return
        index = self.model.index(page)
        if self.list.currentIndex() != index:
            self._following = True
            try:
                self.list.selectionModel().setCurrentIndex(
                    index, self.list.selectionModel().SelectionFlag.ClearAndSelect
                )
            finally:
                self._following = False
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def current_page(self) -> int:
        """The page chosen in the list (-1: none)."""
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    # ----- choosing a page ----------------------------------------------------------------------
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._following and current.isValid():
            self._go(current.row())  # a click, or the arrow keys, Page Up/Down, Home, End

    def _on_activated(self, index: QModelIndex) -> None:
        """Enter (or a double-click): go there and read it, with the keyboard in the pages."""
        self._go(index.row())
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go(self, page: int) -> None:
        if not 0 <= page < self.model.page_count():
            return
        self._navigating = True
        try:
            self.page_chosen.emit(page)
            self._view.go_to_page(page)
        finally:
            self._navigating = False

    # ----- drawing the thumbnails on screen -----------------------------------------------------
    def setVisible(self, visible: bool) -> None:
        # Before Qt shows it, which reports the tab's visibility as it is laid out again.
        if visible and self.isHidden() and not self._showing:
            self._showing = True  # shown again (a draft opened): in front if the member left it there
            QTimer.singleShot(0, self._shown)
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule()

    def _shown(self) -> None:
        self._showing = False
        if self._in_front and not self.isHidden():
            self.raise_()

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self._schedule()
        beside = self._beside
        if (
            self._showing
            or self.isHidden()
            or beside is None
            or beside.isHidden()
            or self.window().isHidden()
        ):
            return  # the panels (or the window) being hidden or shown, not the member choosing a tab
        if self.isFloating() or self not in self._tabbed_with(beside):
            return
        if visible != self._in_front:
            self._in_front = visible
            QSettings().setValue(IN_FRONT_KEY, visible)

    def _tabbed_with(self, dock: QDockWidget) -> list[QDockWidget]:
        window = self.parentWidget()
        return window.tabifiedDockWidgets(dock) if isinstance(window, QMainWindow) else []

    def _schedule(self, _value: int = 0) -> None:
        self._timer.start()  # (again: while the reading view scrolls, its own pages are drawn first)

    def visible_pages(self) -> range:
        """The rows on screen in the list (empty when the panel is hidden or behind another tab)."""
        count = self.model.page_count()
        viewport = self.list.viewport()
        if not count or not self.list.isVisible() or viewport.visibleRegion().isEmpty():
            return range(0)
        height = viewport.height()
        x = viewport.width() // 2
        first = self.list.indexAt(QPoint(x, 0))
        if not first.isValid():
            first = self.list.indexAt(QPoint(x, PAD))
        if not first.isValid():
            return range(0)
        last = first.row()
        while last + 1 < count and self.list.visualRect(self.model.index(last + 1)).top() < height:
            last += 1
        return range(first.row(), last + 1)

    def request_visible(self) -> None:
        """Ask the document thread for the pictures of the rows on screen (and a few either side)."""
        token = self._view.token
        visible = self.visible_pages()
        if token < 0 or token != self._token or not visible:
            return
        count = self.model.page_count()
        wanted = range(max(0, visible.start - MARGIN_ROWS), min(count, visible.stop + MARGIN_ROWS))
        self._service.keep_thumbnails(token, list(wanted))
        self._requested &= set(wanted)
        ratio = self.delegate.device_pixel_ratio
        # The newest request is drawn first: the margins, then the visible rows from the bottom up.
        order = [p for p in wanted if p not in visible] + list(reversed(visible))
        for page in order:
            scale = self.model.scale_for(page, ratio)
            if page not in self._requested and self.model.image(page, scale) is None:
                self._requested.add(page)
                self._service.render_thumbnail(token, page, scale)

    def _on_thumbnail(self, token: int, page: int, image: QImage) -> None:
        if token != self._token or token != self._view.token:
            return  # a picture of a draft no longer shown
        self._requested.discard(page)
        image.setDevicePixelRatio(self.delegate.device_pixel_ratio)
        self.model.set_image(page, self.model.scale_for(page, self.delegate.device_pixel_ratio), image)


def install_pages_panel(window: QMainWindow, view: PdfView, beside: QDockWidget) -> PagesPanel:
    """Add the Pages panel to ``window``, tabbed with ``beside`` (the outline), which stays in front."""
    panel = PagesPanel(view, window, beside)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
    window.tabifyDockWidget(beside, panel)
    beside.raise_()
    return panel


__all__ = ["PagesPanel", "install_pages_panel"]
