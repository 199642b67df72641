"""The window's side of an open review: actions, undo, save status, panels and reading position.

Kept apart from :mod:`panelreview.ui.app.main_window` so the window stays a list of parts: this
connects the note actions and Edit menu to the :class:`ReviewController` and the session's undo
stack, shows "All changes saved" (or why not), remembers where the member was reading in each
review, and fills the recent-reviews lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QWidget

from panelreview.core.review import Kind
from panelreview.ui.app.actions import Actions
from panelreview.ui.app.recent_reviews import recent_reviews, save_position, saved_position
from panelreview.ui.app.review_controller import ReviewController
from panelreview.ui.app.start_view import StartView
from panelreview.ui.clerk.install import ClerkUi
from panelreview.ui.common.info_bar import InfoBar
from panelreview.ui.common.undo_notice import UndoNotice
from panelreview.ui.dialogs import messages
from panelreview.ui.notes.checklist_panel import ChecklistPanel
from panelreview.ui.notes.notes_panel import NotesPanel
from panelreview.ui.notes.recommendations_panel import RecommendationsPanel
from panelreview.ui.reader.document_worker import LoadedDraft
from panelreview.ui.reader.outline_panel import OPENING_WIDTH, OutlinePanel
from panelreview.ui.reader.pages_panel import PagesPanel
from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.reflow_view import ReflowView
from panelreview.ui.session.review_session import ReviewSession
from panelreview.ui.versions.wording import review_title


class WiredWindow(Protocol):
    """What the wiring needs of the main window (which passes itself): its parts, by name."""

    window_actions: Actions
    controller: ReviewController
    draft: LoadedDraft | None
    docks: tuple[QDockWidget, ...]
    visible_docks: list[QDockWidget]
    docks_sized: bool
    start_view: StartView
    info_bar: InfoBar
    pdf_view: PdfView
    reflow_view: ReflowView
    outline: OutlinePanel
    pages: PagesPanel
    notes: NotesPanel
    recommendations: RecommendationsPanel
    checklist_panel: ChecklistPanel
    recent_menu: QMenu
    save_label: QLabel
    undo_notice: UndoNotice
    clerk_ui: ClerkUi

    @property
    def session(self) -> ReviewSession | None: ...
    def open_path(self, path: Path) -> None: ...
    def width(self) -> int: ...
    def setWindowTitle(self, arg__1: str, /) -> None: ...
    def setWindowFilePath(self, filePath: str, /) -> None: ...
    def resizeDocks(
        self, docks: Sequence[QDockWidget], sizes: Sequence[int], orientation: Qt.Orientation, /
    ) -> None: ...


POSITION_SAVE_DELAY_MS = 1000


def in_sentence(name: str) -> str:
    """A change's name ("Add comment") as it reads after "Undo" or "Redo": "Undo add comment"."""
    return name[:1].lower() + name[1:]


class SessionWiring(QObject):
    def __init__(self, window: WiredWindow, widget: QWidget) -> None:
        """``window`` is the main window's parts; ``widget`` the same window, as the parent of messages."""
        super().__init__(widget)
        self.w = window
        self._widget = widget
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_SAVE_DELAY_MS)
        self._position_timer.timeout.connect(self.save_position)
        self._failing = ""  # why the last edit could not be saved (the member has been told)

    # ----- connections --------------------------------------------------------------------------
    def wire(self) -> None:
        w, a = self.w, self.w.window_actions
        for kind, action in a.note_actions().items():
            action.triggered.connect(partial(w.controller.add_note, kind))
        a.recommend.triggered.connect(lambda: w.controller.recommend())
        a.section_note.triggered.connect(self._note_on_current_section)
        a.delete.triggered.connect(w.controller.delete_current)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        w.notes.current_note_changed.connect(lambda _id: self.update_actions())
        for view in (w.pdf_view, w.reflow_view):
            view.set_selection_actions(a.selection_actions())
            view.selection_changed.connect(lambda _selection: self.update_actions())
            activated = getattr(view, "highlight_activated", None)
            if activated is not None:
                activated.connect(self.highlight_activated)
        w.pdf_view.position_changed.connect(lambda *_: self._position_timer.start())
        w.reflow_view.position_changed.connect(lambda *_: self._position_timer.start())

    def _note_on_current_section(self) -> None:
        section_id = self.w.outline.current_section()
        if section_id is not None:
            self.w.controller.add_note(Kind.COMMENT, section_id)
            return
        # Never a shortcut that does nothing: say why there is no section to note, and what to do.
        draft = self.w.draft
        if draft is not None and not draft.document.sections:
            text = self.tr("This draft has no sections to note. Select a passage and choose a kind of note.")
        else:
            text = self.tr(
                "The page you are reading comes before the draft's first section. Choose a section in "
                "the outline, or select a passage, to note it."
            )
        messages.show_error(self._widget, self.tr("No section here"), text)

    def highlight_activated(self, item_id: str) -> None:
        """A highlight was clicked in the draft: show its note (or recommendation) in its panel."""
        w = self.w
        if w.notes.note(item_id) is not None:
            w.notes.show()
            w.notes.raise_()
            w.notes.select_note(item_id)
        elif w.recommendations.select(item_id):
            w.recommendations.show()
            w.recommendations.raise_()
        set_current = getattr(w.controller.view, "set_current_highlight", None)
        if set_current is not None:
            set_current(item_id)

    # ----- undo ---------------------------------------------------------------------------------
    def undo(self) -> None:
        session = self.w.session
        if session is not None:
            self.commit_editors()
            session.undo_stack.undo()

    def redo(self) -> None:
        session = self.w.session
        if session is not None:
            session.undo_stack.redo()

    def _undo_texts(self) -> None:
        a, session = self.w.window_actions, self.w.session
        stack = session.undo_stack if session is not None else None
        undo_text = in_sentence(stack.undoText()) if stack is not None and stack.canUndo() else ""
        redo_text = in_sentence(stack.redoText()) if stack is not None and stack.canRedo() else ""
        a.undo.setText(self.tr("&Undo {what}").format(what=undo_text) if undo_text else self.tr("&Undo"))
        a.redo.setText(self.tr("&Redo {what}").format(what=redo_text) if redo_text else self.tr("&Redo"))
        a.undo.setEnabled(bool(undo_text))
        a.redo.setEnabled(bool(redo_text))

    # ----- the session --------------------------------------------------------------------------
    def attach(self, session: ReviewSession) -> None:
        w = self.w
        session.setParent(self._widget)
        w.controller.set_session(session)
        w.clerk_ui.session_changed(session)
        session.saved.connect(self._on_saved)
        session.failed.connect(self._on_failed)
        # an import (of notes or packs), or its undoing, changes what "Take Out…" can do
        session.changed.connect(lambda change: self.update_actions() if "imports" in change.tables else None)
        session.undo_stack.indexChanged.connect(lambda _i: self._undo_texts())
        session.undo_stack.cleanChanged.connect(lambda _c: self._undo_texts())
        self._failing = ""
        title = review_title(session.review)  # the version shown, once there are several
        if session.read_only:
            w.save_label.setText(self.tr("Read-only: changes are not saved"))
            w.info_bar.add_message(
                self.tr(
                    "This review is open read-only: you can read the draft and the notes, but not "
                    "change them. It is open for editing somewhere else (another PanelReview window, "
                    "perhaps on another computer), or you chose only to look. To make changes, close it "
                    "there and open it here again. File › Save a Copy… still works."
                )
            )
            window_title = self.tr("{title} — {review} (read-only) — PanelReview")
        else:
            w.save_label.setText(self.tr("All changes saved"))
            window_title = self.tr("{title} — {review} — PanelReview")
        w.setWindowFilePath(str(session.path))
        w.setWindowTitle(window_title.format(title=title, review=session.path.name))
        self.restore_position(session)
        self.fill_recent()
        self.update_actions()

    def _on_saved(self) -> None:
        self._failing = ""
        self.w.save_label.setText(self.tr("All changes saved"))
        self.w.save_label.setToolTip("")
        self._undo_texts()

    def _on_failed(self, message: str) -> None:
        """Say so once: while saving keeps failing for the same reason (a full disk, a drive gone),
        typing on does not bring the message up again at every pause; the status bar (and the
        editor being typed in) keep saying it."""
        w = self.w
        w.save_label.setText(self.tr("Last change not saved"))
        w.save_label.setToolTip(message)
        self._undo_texts()
        if message == self._failing:
            return
        self._failing = message
        messages.show_error(self._widget, self.tr("Not saved"), message)

    def commit_editors(self) -> bool:
        """Save text typed in the panels' editors that has not been saved yet; False if it could not be."""
        w = self.w
        w.clerk_ui.commit_editors()
        saved = [
            w.notes.editor.commit_body(),
            w.recommendations.wording_edit.commit(),
            w.recommendations.rationale_edit.commit(),
        ]
        return all(saved)

    def may_close(self) -> bool:
        """Closing with typing that cannot be saved: ask before it is lost (it stays on screen)."""
        if self.w.session is None or self.commit_editors():
            return True
        return messages.ask_yes_no(
            self._widget,
            self.tr("Not saved"),
            self.tr(
                "Your last change could not be saved, so it is still only on screen. "
                "Close anyway and lose it?"
            ),
        )

    def close_session(self) -> None:
        w = self.w
        session = w.session
        if session is None:
            return
        self.commit_editors()
        self.save_position()
        w.undo_notice.dismiss()
        w.controller.set_session(None)
        w.clerk_ui.session_changed(None)  # after the controller: it asks the window for the session
        session.close()
        session.deleteLater()
        w.save_label.clear()
        self._undo_texts()
        self.update_actions()

    # ----- reading position ---------------------------------------------------------------------
    def current_position(self) -> str:
        w = self.w
        if w.draft is None:
            return ""
        if w.draft.is_pdf:
            page, y = w.pdf_view.reading_position()
            return f"pdf:{page}:{y:.1f}"
        block = w.reflow_view.block_at_reading_line()
        return f"block:{block}" if block is not None else ""

    def save_position(self) -> None:
        self._position_timer.stop()
        session, position = self.w.session, self.current_position()
        if session is not None and position:
            save_position(session.path, position)

    def restore_position(self, session: ReviewSession) -> None:
        w = self.w
        parts = saved_position(session.path).split(":")
        try:
            if parts[0] == "pdf" and len(parts) == 3 and w.draft is not None and w.draft.is_pdf:
                w.pdf_view.scroll_to(int(parts[1]), float(parts[2]), margin=2 * 14)
            elif parts[0] == "block" and len(parts) == 2 and w.draft is not None and not w.draft.is_pdf:
                w.reflow_view.scroll_to_block(int(parts[1]))
        except ValueError:
            pass

    # ----- the rest of the window ---------------------------------------------------------------
    def show_docks(self) -> None:
        """Coming from the start view: the panels as the member last had them (or the defaults)."""
        w = self.w
        if any(not dock.isHidden() for dock in w.docks):
            return
        wanted = w.visible_docks or [w.outline, w.pages, w.notes, w.recommendations, w.checklist_panel]
        for dock in wanted:
            dock.show()
        if w.notes in wanted:
            w.notes.raise_()
        if not w.visible_docks:
            w.outline.raise_()  # first run: the Pages panel is the outline's second tab
        if not w.docks_sized:
            # On a small screen the draft keeps at least half the width.
            width = w.width()
            sizes = [min(OPENING_WIDTH, width * 22 // 100), min(380, width * 28 // 100)]
            w.resizeDocks([w.outline, w.notes], sizes, Qt.Orientation.Horizontal)
            w.docks_sized = True

    def fill_recent(self) -> None:
        w = self.w
        reviews = recent_reviews()
        w.recent_menu.clear()
        for recent in reviews:
            action = QAction(recent.title or recent.path.stem, w.recent_menu)
            action.setStatusTip(str(recent.path))
            action.triggered.connect(partial(w.open_path, recent.path))
            w.recent_menu.addAction(action)
        w.recent_menu.setEnabled(bool(reviews))
        w.start_view.set_recent(reviews)

    def update_actions(self) -> None:
        w, a = self.w, self.w.window_actions
        session = w.session
        has_draft = w.draft is not None
        writable = has_draft and (session is None or not session.read_only)
        has_selection = w.controller.current_selection() is not None
        a.highlight.setEnabled(writable and has_selection)
        for action in (a.comment, a.question, a.concern, a.support, a.recommend, a.section_note):
            action.setEnabled(writable)
        a.delete.setEnabled(writable and session is not None and w.notes.current_note_id() is not None)
        for action in (a.export_report, a.export_notes, a.save_copy, a.review_settings):
            action.setEnabled(session is not None)
        a.export_annotated.setEnabled(session is not None and w.draft is not None and w.draft.is_pdf)
        a.import_notes.setEnabled(writable)
        a.undo_notes_import.setEnabled(
            writable and session is not None and session.review.can_undo_notes_import()
        )
        w.outline.can_annotate = writable
        self._undo_texts()
