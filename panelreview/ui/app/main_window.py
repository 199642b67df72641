"""The main window: wires the start view, the document views, the panels, the menus and the review.

It holds no document or review logic of its own: opening a draft is :class:`DraftOpener`, finding
or creating its review is :class:`ReviewOpener`, annotating is :class:`ReviewController`, drawing
pages is :class:`PdfView`, text is :class:`ReflowView`, the section being read is :class:`ReadingPlace`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from panelreview.resources import sample_draft_path
from panelreview.ui.app.actions import build_actions, build_menus, build_toolbar
from panelreview.ui.app.draft_opener import DraftOpener
from panelreview.ui.app.file_commands import FileCommands
from panelreview.ui.app.opening import Opening
from panelreview.ui.app.review_controller import ReviewController
from panelreview.ui.app.review_opener import ReviewOpener
from panelreview.ui.app.session_wiring import SessionWiring
from panelreview.ui.app.start_view import StartView
from panelreview.ui.app.window_size import restore_place, save_place
from panelreview.ui.clerk.install import install_clerk_ui
from panelreview.ui.common.background import wait_for_background
from panelreview.ui.common.info_bar import InfoBar
from panelreview.ui.common.labels import shorten
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.help_dialogs import QuickGuideDialog, ShortcutsDialog
from panelreview.ui.dialogs.printing import install_printing
from panelreview.ui.notes.checklist_panel import ChecklistPanel
from panelreview.ui.notes.find_panel import FindPanel
from panelreview.ui.notes.notes_panel import NotesPanel
from panelreview.ui.notes.recommendations_panel import RecommendationsPanel
from panelreview.ui.reader.document_worker import DocumentService, LoadedDraft, PageSize
from panelreview.ui.reader.outline_panel import OutlinePanel
from panelreview.ui.reader.page_box import PageBox
from panelreview.ui.reader.pages_panel import install_pages_panel
from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.reading_place import ReadingPlace
from panelreview.ui.reader.reflow_view import DEFAULT_POINT_SIZE, ReflowView
from panelreview.ui.session.review_session import ReviewSession
from panelreview.ui.versions.install import install_versions_ui

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
        self.docks_sized = False
        self.visible_docks: list[QDockWidget] = []  # the panels to show again once a draft is open

        self.start_view = StartView(sample_available=sample_draft_path() is not None)
        self.pdf_view = PdfView(service)
        self.reflow_view = ReflowView()
        self.reading = ReadingPlace(self.pdf_view, self.reflow_view, self)  # the "current section"
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
        self.notes = NotesPanel(self)
        self.recommendations = RecommendationsPanel(self)
        self.find_panel = FindPanel(self)
        self.checklist_panel = ChecklistPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline)
        for dock in (self.notes, self.recommendations, self.find_panel, self.checklist_panel):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.tabifyDockWidget(self.notes, self.recommendations)
        self.tabifyDockWidget(self.recommendations, self.find_panel)
        self.tabifyDockWidget(self.find_panel, self.checklist_panel)
        self.pages = install_pages_panel(self, self.pdf_view, self.outline)  # thumbnails, behind the outline
        self.docks: tuple[QDockWidget, ...] = (
            self.outline,
            self.pages,
            self.notes,
            self.recommendations,
            self.find_panel,
            self.checklist_panel,
        )

        self.page_box = PageBox()
        self.window_actions = build_actions(self)
        toggles = [d.toggleViewAction() for d in self.docks]
        for shown_dock, toggle in zip(self.docks, toggles, strict=True):  # in front, not a tab behind
            toggle.triggered.connect(lambda shown, d=shown_dock: d.raise_() if shown else None)
        for toggle, text in zip(
            toggles,
            (
                self.tr("Out&line"),
                self.pages.toggleViewAction().text(),
                self.tr("&Notes Panel"),
                self.tr("&Recommendations Panel"),
                self.tr("Fin&d Panel"),
                self.tr("Statutory Chec&klist"),
            ),
            strict=True,
        ):
            toggle.setText(text)
        self.recent_menu = build_menus(self, self.window_actions, toggles)
        self.toolbar, self._page_box_action = build_toolbar(self, self.window_actions, self.page_box)
        self.section_label = QLabel()
        self.section_label.setAccessibleName(self.tr("Current section"))
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self.save_label.setAccessibleName(self.tr("Save status"))
        for label in (self.section_label, self.save_label):
            label.setContentsMargins(10, 0, 10, 0)
            self.statusBar().addPermanentWidget(label)

        self.opener = DraftOpener(service, self)
        self.reviews = ReviewOpener(self)
        self.opening = Opening(self, self)  # a draft, a review, a pack or a new version
        self.files = FileCommands(self, self)  # export, save a copy, settings, notes from other programs
        self.exporter, self.notes_importer = self.files.exporter, self.files.notes_importer
        self.notes_drop, self.undo_notice = self.files.notes_drop, self.files.undo_notice
        self.controller = ReviewController(
            self, self.outline, self.notes, self.recommendations, self.find_panel
        )
        self.controller.go_to_section = self.go_to_section
        self.controller.document_set.connect(self.checklist_panel.set_document)
        self.controller.session_set.connect(self.checklist_panel.set_session)
        self.checklist_panel.ensure_session = self.controller.ready_for_edit
        self.checklist_panel.section_activated.connect(self.go_to_section)
        self.checklist_panel.recommendation_drafted.connect(self._show_recommendation)
        self.wiring = SessionWiring(self, self)
        self._connect()
        self._text_size = DEFAULT_POINT_SIZE
        # Before the window's saved state is restored, so the clerk's desk goes back where it was.
        self.clerk_ui = install_clerk_ui(self, lambda: self.session, self.menuBar())
        self.recent_menu.parentWidget().insertAction(  # type: ignore[union-attr]
            self.recent_menu.menuAction(), self.clerk_ui.actions.new_panel_review
        )
        self.versions_ui = install_versions_ui(self)  # Review menu, Changes panel, comparison
        self.printing = install_printing(self)  # File › Print…
        self._restore_settings()
        self.wiring.fill_recent()
        self._update_actions()

    @property
    def session(self) -> ReviewSession | None:
        return self.controller.session

    def _connect(self) -> None:
        a = self.window_actions
        a.open.triggered.connect(self.opening.choose_draft)
        a.open_review.triggered.connect(self.opening.choose_review)
        a.open_sample.triggered.connect(self.opening.open_sample)
        a.close_review.triggered.connect(self.close_draft)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.find_panel.start)
        a.find_next.triggered.connect(lambda: self.find_panel.step(1))
        a.find_previous.triggered.connect(lambda: self.find_panel.step(-1))
        a.zoom_in.triggered.connect(self.zoom_in)
        a.zoom_out.triggered.connect(self.zoom_out)
        a.fit_width.triggered.connect(self.pdf_view.fit_width)
        a.larger_text.triggered.connect(lambda: self.set_text_size(self._text_size + 1))
        a.smaller_text.triggered.connect(lambda: self.set_text_size(self._text_size - 1))
        a.normal_text.triggered.connect(lambda: self.set_text_size(DEFAULT_POINT_SIZE))
        a.about.triggered.connect(lambda: messages.show_about(self))
        a.quick_guide.triggered.connect(lambda: QuickGuideDialog(self, self.guide_commands()).exec())
        a.shortcuts.triggered.connect(lambda: ShortcutsDialog(self).exec())
        self.start_view.open_draft_requested.connect(self.opening.choose_draft)
        self.start_view.open_review_requested.connect(self.opening.choose_review)
        self.start_view.open_sample_requested.connect(self.opening.open_sample)
        self.start_view.recent_requested.connect(self.open_path)
        self.opener.opened.connect(self._show_draft)
        self.opener.pages_ready.connect(self._show_pages)
        self.opener.abandoned.connect(self.reviews.drop_pending)
        self.opener.busy_changed.connect(self._on_busy_changed)
        self.reviews.session_ready.connect(self._attach_session)
        self.reviews.creating_changed.connect(self._on_creating_changed)
        self.controller.session_needed.connect(self._start_review)
        self.outline.section_activated.connect(self.go_to_section)
        self.page_box.page_requested.connect(self.pdf_view.go_to_page)
        self.pdf_view.current_page_changed.connect(self.page_box.set_page)
        self.reading.section_changed.connect(self._follow)
        self.controller.section_shown.connect(self.reading.choose)
        self.files.wire()
        self.wiring.wire()

    # ----- opening ------------------------------------------------------------------------------
    def open_path(self, path: Path) -> None:
        """Open a draft, a review or a pack the way every entry point does (see :class:`Opening`)."""
        self.opening.open_path(path)

    def _on_busy_changed(self, busy: bool) -> None:
        self.window_actions.open_sample.setEnabled(not busy)
        if not busy and self.statusBar().currentMessage().startswith(self.tr("Opening")):
            self.statusBar().clearMessage()

    def _show_pages(self, token: int, sizes: list[PageSize], labels: list[str]) -> None:
        """A PDF's pages, on screen before its text has been read."""
        if not self.versions_ui.keeps_session(token):
            self.wiring.close_session()
        self.stack.setCurrentWidget(self.pdf_view)
        self.pdf_view.set_pages(token, sizes, labels)
        self.page_box.set_page_count(len(sizes), labels)
        self.statusBar().showMessage(self.tr("Reading the draft and finding its sections…"))
        self._update_actions()

    def _show_draft(self, draft: LoadedDraft) -> None:
        same_review = self.versions_ui.keeps_session(draft.token)  # its new version, or undo of it
        if not same_review:
            self.wiring.close_session()
        document = draft.document
        early = self.opener.pages_shown and draft.is_pdf and self.pdf_view.page_count == len(draft.page_sizes)
        self.draft = draft
        self.reading.set_document(document, draft.is_pdf)
        self.outline.set_document(document)
        self.wiring.show_docks()
        if draft.is_pdf:
            self.reflow_view.set_document(None)
            self.stack.setCurrentWidget(self.pdf_view)
            if not early:
                self.pdf_view.set_pages(draft.token, draft.page_sizes, draft.page_labels)
                self.page_box.set_page_count(len(draft.page_sizes), draft.page_labels)
            self.pdf_view.set_document(document)
            self.pdf_view.setFocus()
            view: QWidget = self.pdf_view
        else:
            self.pdf_view.clear()
            self.page_box.set_page_count(0, [])
            self.stack.setCurrentWidget(self.reflow_view)
            self.reflow_view.set_document(document)
            self.reflow_view.setFocus()
            view = self.reflow_view
        self.controller.set_document(document, view)
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
        if same_review:
            self.versions_ui.version_shown(draft)
        else:
            self.reviews.draft_shown(draft)

    def _start_review(self) -> None:
        if self.draft is not None and not self.reviews.creating:
            self.reviews.create_for(self.draft)

    def _on_creating_changed(self, creating: bool) -> None:
        if creating:
            self.save_label.setText(self.tr("Starting your review…"))

    def _attach_session(self, session: ReviewSession) -> None:
        if self.draft is not None and self.draft.password:
            session.review.use_password(self.draft.password)  # for the plan's other versions
        self.wiring.attach(session)
        self._update_actions()

    def close_draft(self) -> None:
        """File → Close: back to the start view (everything is already saved)."""
        if not self.wiring.may_close():
            return
        self.opener.cancel()
        self.reviews.cancel_creation()
        self.wiring.close_session()
        self.draft = None
        self.reading.set_document(None, False)
        self.controller.set_document(None, None)
        self.pdf_view.clear()
        self.reflow_view.set_document(None)
        self.outline.set_document(None)
        self.page_box.set_page_count(0, [])
        self.stack.setCurrentWidget(self.start_view)
        self.visible_docks = [d for d in self.docks if not d.isHidden()]
        for dock in self.docks:
            dock.hide()
        self.info_bar.hide()
        self.section_label.clear()
        self.statusBar().clearMessage()
        self.setWindowTitle(self.tr("PanelReview"))
        self.setWindowFilePath("")
        self.wiring.fill_recent()
        self._update_actions()

    def guide_commands(self) -> dict[str, QAction]:
        """The commands Help › Quick Guide names, by the names it uses."""
        a = self.window_actions
        commands = {name: getattr(a, name) for name in a.__slots__}
        commands["send_to_clerk"] = self.clerk_ui.actions.send
        commands["new_version"] = self.versions_ui.new_version
        commands["pages"] = self.pages.toggleViewAction()
        return commands

    # ----- navigation ---------------------------------------------------------------------------
    def _show_recommendation(self, rec_id: str) -> None:
        self.recommendations.show()
        self.recommendations.raise_()
        self.recommendations.select(rec_id)

    def go_to_section(self, section_id: int) -> None:
        locator = self.reading.locator
        if self.draft is None or locator is None:
            return
        section = next((s for s in self.draft.document.sections if s.id == section_id), None)
        if section is None:
            return
        if self.draft.is_pdf:
            position = locator.page_position(section_id)
            if position is not None:
                self.pdf_view.scroll_to(*position, margin=2 * 14 - 8)
        else:
            self.reflow_view.scroll_to_block(section.first_block)
        # The chosen section is the current one (highlighted, and what a section note is on), also
        # when it is too short to fill the middle of the view or the end of the draft stops the scroll.
        self.reading.choose(section_id)

    def _follow(self, section_id: int | None) -> None:
        self.outline.set_current_section(section_id)
        self.notes.set_current_section(section_id)
        name = self.reading.name(section_id)
        self.section_label.setText(shorten(name, 90))
        self.section_label.setToolTip(name)

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
        for widget in (
            self.outline.tree,
            self.outline.empty,
            self.notes.list,
            self.recommendations.list,
            self.find_panel.results,
        ):
            widget.setFont(font)
        QSettings().setValue(TEXT_SIZE_KEY, self._text_size)

    def _update_actions(self) -> None:
        has_document = self.draft is not None
        a = self.window_actions
        for action in (a.zoom_in, a.zoom_out, a.find, a.find_next, a.find_previous, a.close_review):
            action.setEnabled(has_document or self._pdf_showing())
        a.fit_width.setEnabled(has_document and self._pdf_showing())
        self.printing.update_action()
        self._page_box_action.setVisible(self._pdf_showing())
        self.wiring.update_actions()

    # ----- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            if not self.notes_drop.handle(paths[0]):
                self.open_path(paths[0])

    # ----- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        restore_place(self, settings)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.docks_sized = self.restoreState(state)
            if self.pages.objectName().encode("utf-16-be") not in state.data():
                # A layout saved before there was a Pages panel: it goes behind the Outline, as on a
                # first run, not wherever Qt leaves a panel the layout does not know.
                self.tabifyDockWidget(self.outline, self.pages)
                self.outline.raise_()
            self.visible_docks = [d for d in self.docks if not d.isHidden()]
        for dock in self.docks:
            dock.hide()  # shown again once a draft is open
        size = settings.value(TEXT_SIZE_KEY, DEFAULT_POINT_SIZE)
        try:
            text_size = float(size)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            text_size = DEFAULT_POINT_SIZE
        if text_size != DEFAULT_POINT_SIZE:
            self.set_text_size(text_size)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.wiring.may_close():
            event.ignore()
            return
        settings = QSettings()
        save_place(self, settings)
        if self.draft is not None:
            settings.setValue(STATE_KEY, self.saveState())
        self.wiring.close_session()
        self.reviews.shutdown()
        wait_for_background()  # a review or report still being written is finished, not cut short
        self.opener.cancel()
        self.pdf_view.clear()
        self.service.stop()
        super().closeEvent(event)
