"""The File menu's commands on the open review: export, save a copy, review settings, notes made in
other programs; and what the status bar says after each, and after a deletion.

The window owns the review and the views; this owns the dialogs and jobs these commands start
(:class:`Exporter`, :class:`NotesImporter`, :class:`CopySaver`) and says what they did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from panelreview.core.imported_notes import NotesFile
from panelreview.ui.app.actions import Actions
from panelreview.ui.app.import_notes import NotesDrop, NotesImporter
from panelreview.ui.app.review_controller import ReviewController
from panelreview.ui.app.session_wiring import SessionWiring
from panelreview.ui.common.undo_notice import UndoNotice
from panelreview.ui.dialogs.export_dialog import ANNOTATED, MY_NOTES, REPORT, Exporter
from panelreview.ui.dialogs.save_copy import CopySaver
from panelreview.ui.dialogs.settings_dialog import edit_settings
from panelreview.ui.reader.document_worker import LoadedDraft
from panelreview.ui.session.review_session import ReviewSession


class FilesWindow(Protocol):
    """What the commands need of the main window (which passes itself): its parts, by name."""

    window_actions: Actions
    controller: ReviewController
    wiring: SessionWiring
    draft: LoadedDraft | None

    @property
    def session(self) -> ReviewSession | None: ...


class FileCommands(QObject):
    def __init__(self, parts: FilesWindow, window: QMainWindow) -> None:
        """``parts`` is the main window's parts; ``window`` the same window, as a widget."""
        super().__init__(window)
        self.parts, self.window = parts, window
        self.exporter = Exporter(window)
        self.notes_importer = NotesImporter(window)
        self.notes_importer.status.connect(window.statusBar().showMessage)
        self.notes_drop = NotesDrop(window, lambda: parts.draft is not None, self.import_notes)
        self.copies = CopySaver(window)
        self.undo_notice = UndoNotice()  # "Note deleted — Undo", after a deletion
        window.statusBar().addWidget(self.undo_notice)

    def wire(self) -> None:
        w, a = self.parts, self.parts.window_actions
        a.save_copy.triggered.connect(self.save_copy)
        a.import_notes.triggered.connect(lambda: self.import_notes())
        a.undo_notes_import.triggered.connect(self.undo_notes_import)
        a.review_settings.triggered.connect(self.edit_review_settings)
        a.export_report.triggered.connect(lambda: self.export(REPORT))
        a.export_notes.triggered.connect(lambda: self.export(MY_NOTES))
        a.export_annotated.triggered.connect(lambda: self.export(ANNOTATED))
        self.exporter.finished.connect(self._exported)
        w.controller.note_deleted.connect(lambda _id: self._deleted(self.tr("Note deleted")))
        w.controller.recommendation_deleted.connect(
            lambda _id: self._deleted(self.tr("Recommendation deleted"))
        )
        self.undo_notice.undo_requested.connect(w.wiring.undo)

    # ----- exports and copies -----------------------------------------------------------------
    def export(self, what: str) -> None:
        session = self.parts.session
        if session is None:
            return
        self.parts.wiring.commit_editors()
        from panelreview.export.annotated_draft import private_count
        from panelreview.export.facts import report_checks

        warnings = report_checks(session.review) if what == REPORT else []
        private = private_count(session.review) if what == ANNOTATED else 0
        self.exporter.ask_and_export(what, session.path, session.path.stem, warnings, private)

    def edit_review_settings(self) -> None:
        """File › Review Settings…: the names and dates the report is headed with."""
        if self.parts.session is not None:
            edit_settings(self.window, self.parts.session)

    def save_copy(self) -> None:
        """File › Save a Copy…: what is typed but not yet saved goes into the copy too."""
        session = self.parts.session
        if session is None:
            return
        self.parts.wiring.commit_editors()
        copy = self.copies.ask_and_save(session.review)
        if copy is not None:
            self.window.statusBar().showMessage(
                self.tr("Saved a copy as “{name}”.").format(name=copy.name), 12000
            )

    def _exported(self, path: Path, what: str) -> None:
        if what == REPORT:
            message = self.tr("Exported “{name}”. It has no private notes in it.")
        elif what == ANNOTATED and not self.exporter.included_private:
            message = self.tr("Exported “{name}”. Your private working notes are not in it.")
        else:
            message = self.tr("Exported “{name}”. It includes your private notes: keep it to yourself.")
        self.window.statusBar().showMessage(message.format(name=path.name), 12000)

    def _deleted(self, what: str) -> None:
        """Say what the Delete key (or button) just did, with the way back beside it."""
        session = self.parts.session
        if session is not None:
            self.window.statusBar().clearMessage()
            self.undo_notice.show_notice(what, session.undo_stack)

    # ----- notes made elsewhere -----------------------------------------------------------------
    def undo_notes_import(self) -> None:
        """File › Take Out the Last Imported Notes: one undo step (Edit › Undo puts them back)."""
        session = self.parts.session
        if session is not None and not session.read_only:
            self.notes_importer.take_out_last(session)

    def import_notes(self, path: Path | None = None, notes: NotesFile | None = None) -> None:
        """File › Import Notes from a PDF or Word File… (or a file dropped and chosen for its notes)."""
        session = self.parts.controller.ready_for_edit(lambda: self.import_notes(path, notes))
        if session is None:
            return
        chosen = path or self.notes_importer.choose_file()
        if chosen is not None:
            self.notes_importer.import_path(session, chosen, notes)
