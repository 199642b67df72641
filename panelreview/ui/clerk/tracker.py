"""Export response tracker…: the panel's recommendations beside the commissioner's responses.

Written off the GUI thread, from the review's own read-only connection (the GUI thread's
connection stays the GUI's), as a Word table (.docx), a tagged PDF or a CSV file for a
spreadsheet, chosen by the file type in the save dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from panelreview.core.errors import UserError
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession

FOLDER_KEY = "clerk/tracker_folder"


def _write(review_path: Path, target: Path) -> Path:
    """On a worker thread: the tracker from a read-only connection of its own."""
    from panelreview.export.tracker import export_tracker
    from panelreview.storage import open_review

    with open_review(review_path, read_only=True) as review:
        return export_tracker(review, target)


class TrackerExporter(QObject):
    finished = Signal(object)  # Path written
    failed = Signal(str)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self.job: Job | None = None

    def ask_and_export(self, session: ReviewSession) -> Path | None:
        """Ask where to save and in which form; start writing it. The path chosen, or None."""
        settings = QSettings()
        folder = Path(str(settings.value(FOLDER_KEY, "", str) or session.path.parent))
        word, csv = self.tr("Word document (*.docx)"), self.tr("CSV file for a spreadsheet (*.csv)")
        pdf = self.tr("PDF document (*.pdf)")
        suggested = folder / self.tr("{name} response tracker.docx").format(name=session.path.stem)
        name, chosen = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export response tracker"), str(suggested), ";;".join([word, pdf, csv])
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() not in (".docx", ".pdf", ".csv"):
            target = target.with_suffix({csv: ".csv", pdf: ".pdf"}.get(chosen, ".docx"))
        settings.setValue(FOLDER_KEY, str(target.parent))
        self.export(session.path, target)
        return target

    def export(self, review_path: Path, target: Path) -> None:
        self.job = run_in_background(lambda: _write(review_path, target), self._done, self._failed)

    def _done(self, path: object) -> None:
        self.job = None
        self.finished.emit(Path(str(path)))

    def _failed(self, exc: Exception) -> None:
        self.job = None
        message = (
            str(exc)
            if isinstance(exc, UserError)
            else self.tr(
                "The response tracker could not be written because of an unexpected problem. "
                "The details are in the log file."
            )
        )
        self.failed.emit(message)
        messages.show_error(self._parent, self.tr("Response tracker not exported"), message)
