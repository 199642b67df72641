"""Asking for a PDF's password, and saying plainly what of the file the review will keep unlocked.

A password protects the PDF itself. The review file is not encrypted: what PanelReview copies into
it (the draft's headings and the passages notes are on, or the notes imported from the file) can be
read by anyone who can open the review file. The member is told so before typing the password.
The password itself is never saved.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

DRAFT = "draft"  # a draft being opened (or added as a new version)
NOTES = "notes"  # a file whose notes are being imported


def tr(text: str) -> str:
    return QCoreApplication.translate("password_dialog", text)


def kept_note(kept: str) -> str:
    """What the review file will keep of a locked file, unencrypted, in plain words."""
    if kept == NOTES:
        return tr(
            "The notes you import are copied into your review file, which is not encrypted: anyone "
            "who can open the review file can read them. The password is not saved."
        )
    return tr(
        "Your review file keeps the draft's headings and the passages you make notes on, so your "
        "notes stay with them. The review file is not encrypted: anyone who can open it can read "
        "those parts of the draft, so keep it as safe as the draft. The rest of the draft stays "
        "locked, and the password is not saved: you will be asked for it each time."
    )


class PasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, prompt: str, note: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("password_dialog")
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(tr("Password"))
        self.note_label = QLabel(note)
        self.note_label.setObjectName("password_privacy_note")
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(tr("What your review file keeps"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("&Open"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.setMaximumWidth(560)
        self.password_edit.setFocus()

    @staticmethod
    def ask(parent: QWidget | None, title: str, prompt: str, note: str) -> str | None:
        """The password typed, or None when the member cancels."""
        dialog = PasswordDialog(parent, title, prompt, note)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.password_edit.text()
        finally:
            dialog.deleteLater()
