"""File → Export: choose the report's shape and options, then where to save it; written off the GUI thread.

The export reads the review through its own read-only connection on a worker thread (the GUI
thread's connection stays the GUI's), so the window keeps responding; progress appears after
half a second and can be dismissed (the file is still written, nothing is lost).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.errors import UserError
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.common.busy import close_progress, progress_dialog
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.path_row import path_row

PROGRESS_DELAY_MS = 500
FOLDER_KEY = "export/last_folder"
REPORT, MY_NOTES, ANNOTATED = "report", "my_notes", "annotated"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    shape: str = "report"
    template: Path | None = None
    appendix: str = "anonymous"
    numbering: str = "1"
    statutory_content: bool = False
    include_private: bool = False  # the draft with notes: the member's private working notes too


class ExportOptionsDialog(QDialog):
    """The report's shape, template, appendix of members' notes and numbering."""

    def __init__(self, parent: QWidget | None = None, warnings: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export the report"))
        intro = QLabel(
            self.tr(
                "The report contains your recommendations and the notes you have shared with the "
                "panel or proposed for the report. Private notes are never included."
            )
        )
        intro.setWordWrap(True)
        self.shape_combo = QComboBox()
        self.shape_combo.setAccessibleName(self.tr("Shape of the report"))
        self.shape_combo.addItem(self.tr("A report with numbered recommendations"), "report")
        self.shape_combo.addItem(self.tr("A letter from the chair"), "letter")
        self.shape_combo.addItem(self.tr("A table of comments for the response"), "table")
        self.numbering_combo = QComboBox()
        self.numbering_combo.setAccessibleName(self.tr("How recommendations are numbered"))
        self.numbering_combo.addItem(self.tr("1, 2, 3"), "1")
        self.numbering_combo.addItem(self.tr("R1, R2, R3"), "R1")
        self.numbering_combo.addItem(self.tr("By theme (1.1, 1.2, 2.1)"), "theme")
        self.appendix_combo = QComboBox()
        self.appendix_combo.setAccessibleName(self.tr("Appendix of members' notes"))
        self.appendix_combo.addItem(self.tr("Members' notes, without names"), "anonymous")
        self.appendix_combo.addItem(self.tr("Members' notes, with their names"), "named")
        self.appendix_combo.addItem(self.tr("No appendix"), "none")
        self.template_edit = QLineEdit()
        self.template_edit.setAccessibleName(self.tr("Word template (optional)"))
        self.template_edit.setPlaceholderText(self.tr("The council's Word template, if you have one"))
        template_row, _choose = path_row(self.template_edit, self.tr("C&hoose…"), self._choose_template)
        form = QFormLayout()
        form.addRow(self.tr("&Shape:"), self.shape_combo)
        form.addRow(self.tr("&Numbering:"), self.numbering_combo)
        form.addRow(self.tr("&Appendix:"), self.appendix_combo)
        template_label = QLabel(self.tr("&Template:"))
        template_label.setBuddy(self.template_edit)
        form.addRow(template_label, template_row)
        self.statutory_box = QCheckBox(
            self.tr("Add the statutory checklist (what the &law asks a plan to set out)")
        )
        self.statutory_box.setToolTip(
            self.tr("An appendix, in plain words: where the draft sets out each item the 2011 Act asks for")
        )
        form.addRow("", self.statutory_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose where to save…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.warnings = QLabel(
            self.tr("Check before sending (File › Review Settings):") + "\n" + "\n".join(warnings)
        )
        self.warnings.setObjectName("export_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.warnings.setVisible(bool(warnings))
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        self.setMinimumWidth(500)

    def _choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a Word template"), "", self.tr("Word documents (*.docx *.dotx)")
        )
        if name:
            self.template_edit.setText(name)

    def options(self) -> ReportOptions:
        template = self.template_edit.text().strip()
        return ReportOptions(
            shape=str(self.shape_combo.currentData()),
            template=Path(template) if template else None,
            appendix=str(self.appendix_combo.currentData()),
            numbering=str(self.numbering_combo.currentData()),
            statutory_content=self.statutory_box.isChecked(),
        )


def _export(what: str, review_path: Path, out: Path, options: ReportOptions) -> Path:
    """On a worker thread, with its own read-only connection to the review."""
    from panelreview import export
    from panelreview.storage import open_review

    review = open_review(review_path, read_only=True)
    try:
        if what == REPORT:
            written = export.export_report(
                review,
                out,
                shape=options.shape,
                template=options.template,
                appendix=options.appendix,
                numbering=options.numbering,
                statutory_content=options.statutory_content,
            )
        elif what == MY_NOTES:
            written = export.export_my_notes(review, out)
        else:
            written = export.export_annotated_draft(review, out, include_private=options.include_private)
    finally:
        review.close()
    return Path(written)


class Exporter(QObject):
    """Runs one export at a time for the window."""

    finished = Signal(object, str)  # the file written, and what it was (REPORT, MY_NOTES, ANNOTATED)
    failed = Signal(str)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._job: Job | None = None
        self._progress: QProgressDialog | None = None
        self.included_private = False  # whether the last export asked for holds private notes
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._show_progress)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def ask_and_export(
        self, what: str, review_path: Path, default_name: str, warnings: Sequence[str] = (), private: int = 0
    ) -> None:
        """Ask for the report's options (showing ``warnings``: dates that contradict each other,
        say), or, for the draft with notes, whether the ``private`` working notes go in it too;
        then where to save it; start writing it."""
        options = ReportOptions()
        if what == ANNOTATED and private:
            choice = messages.ask_choice(
                self._parent,
                self.tr("Your private notes"),
                self.tr(
                    "One of your notes is a private working note. Put it in the PDF too? Anyone you "
                    "give the file to can read it."
                )
                if private == 1
                else self.tr(
                    "{count} of your notes are private working notes. Put them in the PDF too? Anyone "
                    "you give the file to can read them."
                ).format(count=private),
                [self.tr("&Leave Them Out"), self.tr("&Include Them")],
                self.tr("Cancel"),
            )
            if choice is None:
                return
            options = dataclasses.replace(options, include_private=choice == 1)
        self.included_private = options.include_private
        if what == REPORT:
            dialog = ExportOptionsDialog(self._parent, warnings)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            options = dialog.options()
            dialog.deleteLater()
            if not accepted:
                return
        out = self._ask_target(what, review_path, default_name, options.include_private)
        if out is not None:
            self.start(what, review_path, out, options)

    def default_file_name(self, what: str, plan: str, with_private: bool = False) -> str:
        """A name that says what the file holds, so "my notes" (with private notes) is never
        mistaken for the report: "<plan> – my notes (private)", "<plan> – panel report"."""
        kind = {
            REPORT: self.tr("panel report"),
            MY_NOTES: self.tr("my notes (private)"),
            ANNOTATED: self.tr("annotated draft (private)") if with_private else self.tr("annotated draft"),
        }[what]
        return f"{plan} \u2013 {kind}"

    def _ask_target(self, what: str, review_path: Path, default_name: str, with_private: bool) -> Path | None:
        settings = QSettings()
        # The folder last exported to, else the folder the review lives in (never the home folder).
        folder = str(settings.value(FOLDER_KEY, "") or review_path.parent)
        if what == ANNOTATED:
            filters = self.tr("PDF documents (*.pdf)")
            suffix = ".pdf"
        else:
            filters = ";;".join([self.tr("Word documents (*.docx)"), self.tr("PDF documents (*.pdf)")])
            suffix = ".docx"
        title = {
            REPORT: self.tr("Export the report"),
            MY_NOTES: self.tr("Export my notes"),
            ANNOTATED: self.tr("Export the draft with notes"),
        }[what]
        start = Path(folder) / (self.default_file_name(what, default_name, with_private) + suffix)
        # We ask about overwriting ourselves: the dialog's own question is not shown on every
        # platform, nor when the suffix is added after it closes.
        name, chosen = QFileDialog.getSaveFileName(
            self._parent, title, str(start), filters, "", QFileDialog.Option.DontConfirmOverwrite
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".pdf" if "pdf" in chosen.lower() else suffix)
        if path.exists() and not messages.ask_yes_no(
            self._parent,
            self.tr("Replace the file?"),
            self.tr("“{name}” already exists in {folder}. Replace it?").format(
                name=path.name, folder=path.parent
            ),
        ):
            return None
        settings.setValue(FOLDER_KEY, str(path.parent))
        return path

    def start(self, what: str, review_path: Path, out: Path, options: ReportOptions) -> None:
        if self._job is not None:
            return
        self._out = out
        self._job = run_in_background(
            lambda: _export(what, review_path, out, options),
            lambda path: self._on_done(path, what),
            self._on_failed,
        )
        self._delay.start()

    def _show_progress(self) -> None:
        if self._job is None:
            return
        dialog = progress_dialog(
            self._parent,
            self.tr("Exporting"),
            self.tr("Writing “{name}”…").format(name=self._out.name),
            self.tr("Hide"),
            modal=False,
        )
        self._progress = dialog
        dialog.show()

    def _stop(self) -> None:
        self._job = None
        self._delay.stop()
        if self._progress is not None:
            close_progress(self._progress)
            self._progress = None

    def _on_done(self, path: Any, what: str) -> None:
        self._stop()
        self.finished.emit(Path(path), what)

    def _on_failed(self, exc: Exception) -> None:
        self._stop()
        if isinstance(exc, ImportError):
            message = self.tr("Exporting is not available in this copy of PanelReview yet.")
        elif isinstance(exc, UserError):
            message = str(exc)
        else:
            message = self.tr(
                "The export failed because of an unexpected problem. The details are in the log file."
            )
        messages.show_error(self._parent, self.tr("Could not export"), message)
        self.failed.emit(message)
