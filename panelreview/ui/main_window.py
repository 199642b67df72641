"""The main window: wires the start view, the document views, the outline and the toolbar.

It holds no document logic of its own: opening is :class:`DraftOpener`, drawing pages is
:class:`PdfView`, text is :class:`ReflowView`, section lookups are :class:`SectionLocator`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from panelreview.resources import sample_draft_path
from panelreview.ui import dialogs
from panelreview.ui.actions import build_actions, build_menus, build_toolbar
from panelreview.ui.document_worker import DocumentService, LoadedDraft
from panelreview.ui.draft_opener import DraftOpener
from panelreview.ui.info_bar import InfoBar
from panelreview.ui.navigation import SectionLocator
from panelreview.ui.outline_panel import OutlinePanel
from panelreview.ui.page_box import PageBox
from panelreview.ui.pdf_view import PdfView
from panelreview.ui.reflow_view import DEFAULT_POINT_SIZE, ReflowView
from panelreview.ui.start_view import StartView

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
TEXT_SIZE_KEY = "view/text_size"


class MainWindow(QMainWindow):
    def __init__(self, service: DocumentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("PanelReview"))
        self.setAcceptDrops(True)
        self.service = service
        self.draft: LoadedDraft | None = None
        self._locator: SectionLocator | None = None
        self._outline_sized = False

        self.start_view = StartView(sample_available=sample_draft_path() is not None)
        self.pdf_view = PdfView(service)
        self.reflow_view = ReflowView()
        self.stack = QStackedWidget()
        for view in (self.start_view, self.pdf_view, self.reflow_view):
            self.stack.addWidget(view)
        self.info_bar = InfoBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.info_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.outline = OutlinePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline)
        self.outline.hide()

        self.page_box = PageBox()
        self.window_actions = build_actions(self)
        build_menus(self, self.window_actions, self.outline.toggleViewAction())
        self.toolbar, self._page_box_action = build_toolbar(self, self.window_actions, self.page_box)
        self.section_label = QLabel()
        self.section_label.setAccessibleName(self.tr("Current section"))
        self.statusBar().addPermanentWidget(self.section_label)

        self.opener = DraftOpener(service, self)
        self._connect()
        self._text_size = DEFAULT_POINT_SIZE
        self._restore_settings()
        self._update_actions()

    def _connect(self) -> None:
        a = self.window_actions
        a.open.triggered.connect(self.choose_and_open)
        a.open_sample.triggered.connect(self.open_sample)
        a.quit.triggered.connect(self.close)
        a.zoom_in.triggered.connect(self.zoom_in)
        a.zoom_out.triggered.connect(self.zoom_out)
        a.fit_width.triggered.connect(self.pdf_view.fit_width)
        a.larger_text.triggered.connect(lambda: self.set_text_size(self._text_size + 1))
        a.smaller_text.triggered.connect(lambda: self.set_text_size(self._text_size - 1))
        a.normal_text.triggered.connect(lambda: self.set_text_size(DEFAULT_POINT_SIZE))
        a.about.triggered.connect(lambda: dialogs.show_about(self))
        self.start_view.open_draft_requested.connect(self.choose_and_open)
        self.start_view.open_sample_requested.connect(self.open_sample)
        self.opener.opened.connect(self._show_draft)
        self.opener.busy_changed.connect(self._on_busy_changed)
        self.outline.section_activated.connect(self.go_to_section)
        self.page_box.page_requested.connect(self.pdf_view.go_to_page)
        self.pdf_view.current_page_changed.connect(self.page_box.set_page)
        self.pdf_view.position_changed.connect(self._on_pdf_position)
        self.reflow_view.position_changed.connect(self._on_reflow_position)

    # ----- opening ------------------------------------------------------------------------------
    def choose_and_open(self) -> None:
        path = dialogs.choose_draft_file(self)
        if path is not None:
            self.open_path(path)

    def open_sample(self) -> None:
        path = sample_draft_path()
        if path is None:
            dialogs.show_error(
                self, self.tr("Sample not found"), self.tr("The sample draft is missing from this copy.")
            )
            return
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Open a draft the way every entry point does (menu, start view, drop, command line)."""
        self.statusBar().showMessage(self.tr("Opening “{name}”…").format(name=path.name))
        self.opener.open(path)

    def _on_busy_changed(self, busy: bool) -> None:
        self.window_actions.open_sample.setEnabled(not busy)
        if not busy and self.statusBar().currentMessage().startswith(self.tr("Opening")):
            self.statusBar().clearMessage()

    def _show_draft(self, draft: LoadedDraft) -> None:
        document = draft.document
        self.draft = draft
        self._locator = SectionLocator(document)
        self.outline.set_document(document)
        if not self.outline.isVisible():
            self.outline.show()
            if not self._outline_sized:
                self.resizeDocks([self.outline], [340], Qt.Orientation.Horizontal)
                self._outline_sized = True
        if draft.is_pdf:
            self.reflow_view.set_document(None)
            self.stack.setCurrentWidget(self.pdf_view)
            self.pdf_view.set_pages(draft.token, draft.page_sizes, draft.page_labels)
            self.page_box.set_page_count(len(draft.page_sizes), draft.page_labels)
            self.pdf_view.setFocus()
        else:
            self.pdf_view.clear()
            self.page_box.set_page_count(0, [])
            self.stack.setCurrentWidget(self.reflow_view)
            self.reflow_view.set_document(document)
            self.reflow_view.setFocus()
        title = document.identity.title or draft.path.name
        self.setWindowTitle(self.tr("{title} — PanelReview").format(title=title))
        self.setWindowFilePath(str(draft.path))
        self.info_bar.show_messages(document.warnings)
        self.statusBar().showMessage(
            self.tr("Opened “{name}”: {sections} sections.").format(
                name=draft.path.name, sections=len(document.sections)
            ),
            8000,
        )
        self._update_actions()

    # ----- navigation ---------------------------------------------------------------------------
    def go_to_section(self, section_id: int) -> None:
        if self.draft is None or self._locator is None:
            return
        section = next((s for s in self.draft.document.sections if s.id == section_id), None)
        if section is None:
            return
        if self.draft.is_pdf:
            position = self._locator.page_position(section_id)
            if position is not None:
                self.pdf_view.scroll_to(*position, margin=2 * 14 - 8)
        else:
            self.reflow_view.scroll_to_block(section.first_block)
        # The chosen section stays highlighted even when the end of the draft stops the scroll short.
        self.outline.set_current_section(section_id)
        self._show_section(section_id)

    def _on_pdf_position(self, page: int, y: float) -> None:
        if self._locator is not None:
            self._follow(self._locator.section_at_page_position(page, y))

    def _on_reflow_position(self, block_index: int) -> None:
        if self._locator is not None:
            self._follow(self._locator.section_of_block(block_index))

    def _follow(self, section_id: int | None) -> None:
        self.outline.set_current_section(section_id)
        self._show_section(section_id)

    def _show_section(self, section_id: int | None) -> None:
        label = ""
        if section_id is not None and self.draft is not None:
            section = next((s for s in self.draft.document.sections if s.id == section_id), None)
            label = section.label if section is not None else ""
        self.section_label.setText(label)

    # ----- view ---------------------------------------------------------------------------------
    def _pdf_showing(self) -> bool:
        return self.stack.currentWidget() is self.pdf_view

    def zoom_in(self) -> None:
        if self._pdf_showing():
            self.pdf_view.zoom_in()
        else:
            self.set_text_size(self._text_size + 1)

    def zoom_out(self) -> None:
        if self._pdf_showing():
            self.pdf_view.zoom_out()
        else:
            self.set_text_size(self._text_size - 1)

    def set_text_size(self, size: float) -> None:
        self._text_size = max(8.0, min(32.0, size))
        self.reflow_view.set_point_size(self._text_size)
        font = QFont(self.outline.tree.font())
        font.setPointSizeF(max(8.0, self._text_size - 2))
        self.outline.tree.setFont(font)
        QSettings().setValue(TEXT_SIZE_KEY, self._text_size)

    def _update_actions(self) -> None:
        has_document = self.draft is not None
        for action in (self.window_actions.zoom_in, self.window_actions.zoom_out):
            action.setEnabled(has_document)
        self.window_actions.fit_width.setEnabled(has_document and self._pdf_showing())
        self._page_box_action.setVisible(has_document and self._pdf_showing())

    # ----- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_path(paths[0])

    # ----- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 820)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._outline_sized = self.restoreState(state)
        self.outline.hide()  # shown again once a draft is open
        size = settings.value(TEXT_SIZE_KEY, DEFAULT_POINT_SIZE)
        try:
            text_size = float(size)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            text_size = DEFAULT_POINT_SIZE
        if text_size != DEFAULT_POINT_SIZE:
            self.set_text_size(text_size)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        self.opener.cancel()
        self.pdf_view.clear()
        self.service.stop()
        super().closeEvent(event)
