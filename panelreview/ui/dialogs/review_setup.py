"""Asked once and remembered: the member's name and where their reviews are kept.

Opening a draft creates its review in that folder (named after the draft); opening the same draft
again reopens the same review instead of starting another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Role
from panelreview.fileio import safe_file_stem, unused_path
from panelreview.storage.schema import FILE_SUFFIX
from panelreview.ui.dialogs.path_row import path_row

NAME_KEY = "member/name"
ROLE_KEY = "member/role"
FOLDER_KEY = "reviews/folder"
BY_DRAFT_GROUP = "reviews_by_draft"


@dataclass(frozen=True, slots=True)
class Setup:
    name: str
    role: Role
    folder: Path


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "PanelReview"


def saved_setup() -> Setup | None:
    """The remembered name, role and folder, or None if they have not been given yet."""
    settings = QSettings()
    name = str(settings.value(NAME_KEY, "") or "").strip()
    folder = str(settings.value(FOLDER_KEY, "") or "")
    if not name or not folder:
        return None
    try:
        role = Role(str(settings.value(ROLE_KEY, Role.MEMBER.value)))
    except ValueError:
        role = Role.MEMBER
    return Setup(name, role, Path(folder))


def save_setup(setup: Setup) -> None:
    settings = QSettings()
    settings.setValue(NAME_KEY, setup.name)
    settings.setValue(ROLE_KEY, setup.role.value)
    settings.setValue(FOLDER_KEY, str(setup.folder))


def remembered_review(draft_sha: str) -> Path | None:
    """The review already made for this exact draft, if it still exists."""
    value = QSettings().value(f"{BY_DRAFT_GROUP}/{draft_sha}", "")
    path = Path(str(value)) if value else None
    return path if path is not None and path.is_file() else None


def remember_review(draft_sha: str, review: Path) -> None:
    QSettings().setValue(f"{BY_DRAFT_GROUP}/{draft_sha}", str(review))


def new_review_path(folder: Path, draft_name: str) -> Path:
    """A review file name beside the others, after the draft, never over an existing file."""
    return unused_path(folder, safe_file_stem(Path(draft_name).stem), FILE_SUFFIX)


class ReviewSetupDialog(QDialog):
    """Your name and where reviews are kept (asked the first time a review is made)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_setup_dialog")
        self.setWindowTitle(self.tr("About you"))
        intro = QLabel(
            self.tr(
                "PanelReview keeps your notes in a review file beside each draft you open. "
                "Your name goes on your notes, so the clerk can tell who wrote what."
            )
        )
        intro.setWordWrap(True)

        previous = saved_setup()
        self.name_edit = QLineEdit(previous.name if previous else "")
        self.name_edit.setPlaceholderText(self.tr("For example, Cllr Ann Jones"))
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Your role on the panel"))
        for role, text in (
            (Role.MEMBER, self.tr("Panel member")),
            (Role.INDEPENDENT_MEMBER, self.tr("Independent co-opted member")),
            (Role.CHAIR, self.tr("Chair")),
            (Role.CLERK, self.tr("Clerk or support officer")),
        ):
            self.role_combo.addItem(text, role.value)
        if previous is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(previous.role.value)))
        self.folder_edit = QLineEdit(str(previous.folder if previous else default_folder()))
        self.folder_edit.setAccessibleName(self.tr("Folder for your reviews"))
        folder_row, choose = path_row(self.folder_edit, self.tr("&Choose…"), self._choose_folder)
        choose.setAccessibleDescription(self.tr("Choose the folder where your reviews are kept"))

        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name_edit)
        form.addRow(self.tr("Your &role:"), self.role_combo)
        folder_label = QLabel(self.tr("Keep reviews &in:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Start my review"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Keep reviews in"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def setup(self) -> Setup:
        role = Role(str(self.role_combo.currentData()))
        return Setup(self.name_edit.text().strip(), role, Path(self.folder_edit.text().strip()).expanduser())

    def accept(self) -> None:
        setup = self.setup()
        problem = ""
        if not setup.name:
            problem = self.tr("Please type your name: it goes on your notes.")
        elif not str(setup.folder).strip() or setup.folder == Path():
            problem = self.tr("Please choose a folder for your reviews.")
        else:
            try:
                setup.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                problem = self.tr("The folder “{folder}” cannot be used ({reason}). Choose another.").format(
                    folder=setup.folder, reason=exc.strerror or exc
                )
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        save_setup(setup)
        super().accept()


def ensure_setup(parent: QWidget | None) -> Setup | None:
    """The remembered setup, asking for it the first time; None if the member cancels."""
    found = saved_setup()
    if found is not None:
        return found
    dialog = ReviewSetupDialog(parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return saved_setup() if accepted else None
