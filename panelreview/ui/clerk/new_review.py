"""New Panel Review…: the start of the clerk's work, a review of the draft with the role "clerk".

The clerk chooses the draft (the plan file itself, or a member's review pack that carries it),
names the panel, the plan and themselves, and where to save. The draft is read and the review
written on a worker thread; the dialog stays responsive and says what it is doing.
:func:`new_panel_review` returns the new review's path for the window to open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.errors import UserError
from panelreview.core.review import Role
from panelreview.fileio import safe_file_stem, unused_path
from panelreview.ui.clerk.common import error_label, ok_cancel
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.dialogs.path_row import path_row
from panelreview.ui.dialogs.review_setup import default_folder, saved_setup

PANEL_NAME_KEY = "clerk/panel_name"
DRAFTS_FOLDER_KEY = "clerk/drafts_folder"
PACK_SUFFIX = ".pcpack"


def create_panel_review(
    target: Path, draft: Path, *, clerk_name: str, panel_name: str, plan_title: str | None
) -> Path:
    """Write a clerk's review of ``draft`` (a plan file, or a pack carrying one) and close it again.

    Plain Python, safe on a worker thread: the review it opens is its own and is closed here.
    """
    from panelreview.ingest import read_document_bytes
    from panelreview.ingest.opener import read_file
    from panelreview.storage import create_clerk_review, create_review

    if draft.suffix.lower() == PACK_SUFFIX:
        review = create_clerk_review(target, draft, clerk_name=clerk_name, panel_name=panel_name)
        try:
            if plan_title:
                review.update_settings(plan_title=plan_title)
        finally:
            review.close()
        return target
    data = read_file(draft)
    document = read_document_bytes(data, draft.name)
    review = create_review(
        target,
        data,
        document,
        member_name=clerk_name,
        role=Role.CLERK,
        panel_name=panel_name,
        plan_title=plan_title or None,
    )
    review.close()
    return target


def suggested_path(folder: Path, draft: Path | None, panel_name: str) -> Path:
    stem = draft.stem if draft is not None else "draft"
    return unused_path(folder, safe_file_stem(f"{panel_name or 'Panel'} review of {stem}"), ".pcpr")


class NewPanelReviewDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_panel_review_dialog")
        self.setWindowTitle(self.tr("New panel review"))
        self.created_path: Path | None = None
        self.job: Job | None = None
        self._path_edited = False
        setup = saved_setup()
        self._folder = setup.folder if setup is not None else default_folder()
        settings = QSettings()

        intro = QLabel(
            self.tr(
                "The panel's review combines the views members send you (their review packs), and is "
                "where you draft the panel's recommendations and record the responses."
            )
        )
        intro.setWordWrap(True)
        self.draft_edit = QLineEdit()
        self.draft_edit.setAccessibleName(self.tr("The draft plan, or a member's review pack"))
        self.draft_edit.setPlaceholderText(self.tr("The draft (PDF, Word or text), or a member's pack"))
        self.draft_edit.textEdited.connect(lambda _t: self._suggest_path())
        draft_row, draft_button = path_row(self.draft_edit, self.tr("C&hoose…"), self._choose_draft)
        draft_button.setAccessibleName(self.tr("Choose the draft"))
        self.panel_edit = QLineEdit(str(settings.value(PANEL_NAME_KEY, "", str) or ""))
        self.panel_edit.setAccessibleName(self.tr("The panel's name"))
        self.panel_edit.setPlaceholderText(self.tr("For example, Westshire Police and Crime Panel"))
        self.panel_edit.textEdited.connect(lambda _t: self._suggest_path())
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("The plan's title"))
        self.title_edit.setPlaceholderText(self.tr("Optional: as the draft names itself"))
        self.name_edit = QLineEdit(setup.name if setup is not None else "")
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("Save the panel's review as"))
        self.path_edit.textEdited.connect(self._path_typed)
        save_row, path_button = path_row(self.path_edit, self.tr("Cho&ose…"), self._choose_path)
        path_button.setAccessibleName(self.tr("Choose where to save the panel's review"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_label = error_label()

        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        for text, buddy, field in (
            (self.tr("&Draft:"), self.draft_edit, draft_row),
            (self.tr("&Panel:"), self.panel_edit, self.panel_edit),
            (self.tr("Plan &title:"), self.title_edit, self.title_edit),
            (self.tr("Your &name:"), self.name_edit, self.name_edit),
            (self.tr("&Save as:"), self.path_edit, save_row),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Start the panel's review"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addWidget(self.fields)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._suggest_path()

    # ----- choosing -----------------------------------------------------------------------------
    def _choose_draft(self) -> None:
        settings = QSettings()
        start = str(settings.value(DRAFTS_FOLDER_KEY, "", str) or Path.home())
        filters = ";;".join(
            [
                self.tr("Drafts and review packs (*.pdf *.docx *.txt *.md *.pcpack)"),
                self.tr("All files (*)"),
            ]
        )
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the draft plan"), start, filters)
        if name:
            settings.setValue(DRAFTS_FOLDER_KEY, str(Path(name).parent))
            self.draft_edit.setText(name)
            self._suggest_path()

    def _choose_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the panel's review as"), self.path_edit.text(), self.tr("Reviews (*.pcpr)")
        )
        if name:
            self.path_edit.setText(name if name.lower().endswith(".pcpr") else name + ".pcpr")
            self._path_edited = True

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _suggest_path(self) -> None:
        if self._path_edited:
            return
        text = self.draft_edit.text().strip()
        draft = Path(text) if text else None
        self.path_edit.setText(str(suggested_path(self._folder, draft, self.panel_edit.text().strip())))

    # ----- creating -----------------------------------------------------------------------------
    def _problem(self) -> str | None:
        draft = Path(self.draft_edit.text().strip()) if self.draft_edit.text().strip() else None
        if draft is None:
            return self.tr("Choose the draft plan (or a member's review pack that carries it).")
        if not draft.is_file():
            return self.tr("There is no file “{name}”. Choose the draft again.").format(name=draft.name)
        if not self.name_edit.text().strip():
            return self.tr("Give your name: it is shown as the clerk's.")
        if not self.path_edit.text().strip():
            return self.tr("Choose where to save the panel's review.")
        return None

    def accept(self) -> None:
        if self.job is not None:
            return
        problem = self._problem()
        if problem is not None:
            self._show_error(problem)
            return
        self.error_label.hide()
        target = Path(self.path_edit.text().strip())
        if not target.suffix:
            target = target.with_suffix(".pcpr")
        draft = Path(self.draft_edit.text().strip())
        clerk, panel = self.name_edit.text().strip(), self.panel_edit.text().strip()
        title = self.title_edit.text().strip() or None
        QSettings().setValue(PANEL_NAME_KEY, panel)
        self._busy(True)
        self.job = run_in_background(
            lambda: create_panel_review(target, draft, clerk_name=clerk, panel_name=panel, plan_title=title),
            self._created,
            self._failed,
        )

    def _busy(self, busy: bool) -> None:
        self.fields.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)
        self.status_label.setText(
            self.tr("Reading the draft and starting the panel's review…") if busy else ""
        )

    def _created(self, path: object) -> None:
        self.job = None
        self._busy(False)
        self.created_path = Path(str(path))
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.job = None
        self._busy(False)
        message = (
            str(exc)
            if isinstance(exc, UserError)
            else self.tr("The panel's review could not be started because of an unexpected problem.")
        )
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancelled = True  # a review already being written is kept, not opened
            self.job = None
        super().reject()


def new_panel_review(parent: QWidget | None) -> Path | None:
    """Ask for the draft, the panel and the clerk, and start the panel's review; its path, or None."""
    dialog = NewPanelReviewDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.created_path
