"""Small standard dialogs: errors, passwords, choosing a file, About.

They use Qt's static dialog functions so that tests can replace them (monkeypatch) and never block.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

import panelreview
from panelreview.ui.dialogs.password_dialog import DRAFT, PasswordDialog, kept_note

LAST_FOLDER_KEY = "files/last_folder"
LOGGED_CHARS = 600  # of a message, in the log: what went wrong, not pages of text

log = logging.getLogger(__name__)


def log_told(title: str, message: str) -> None:
    """Record in the log file what the member was told went wrong (the messages name files and
    reasons, never the text of a note)."""
    text = " ".join(message.split())
    if len(text) > LOGGED_CHARS:
        text = text[: LOGGED_CHARS - 1] + "…"
    log.info("Told the member “%s”: %s", title, text)


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A plain-English problem the member can act on (never a traceback); recorded in the log."""
    log_told(title, message)
    QMessageBox.warning(parent, title, message)


def ask_password(parent: QWidget | None, file_name: str, reason: str = "", kept: str = DRAFT) -> str | None:
    """Ask for a PDF's password, saying what the review file will keep of it unencrypted (``kept``:
    a draft's passages, or imported ``NOTES``); None when the member cancels."""
    prompt = tr("“{name}” is password-protected. Enter its password to open it.").format(name=file_name)
    if reason:
        log.info("The password given for “%s” did not open it", file_name)
        prompt = reason + "\n\n" + prompt
    return PasswordDialog.ask(parent, tr("Password needed"), prompt, kept_note(kept))


def choose_draft_file(parent: QWidget | None) -> Path | None:
    """Ask which draft to open, starting in the folder used last time."""
    settings = QSettings()
    start = str(settings.value(LAST_FOLDER_KEY, "", str) or Path.home())
    filters = ";;".join(
        [
            tr("Draft plans and reviews (*.pdf *.docx *.txt *.md *.pcpr)"),
            tr("PDF documents (*.pdf)"),
            tr("Word documents (*.docx)"),
            tr("Text files (*.txt *.md)"),
            tr("All files (*)"),
        ]
    )
    name, _ = QFileDialog.getOpenFileName(parent, tr("Open a draft"), start, filters)
    if not name:
        return None
    path = Path(name)
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes-or-no question; No is the default, so Enter never does the riskier thing."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str], cancel: str) -> int | None:
    """Offer the choices a message names as buttons (the first is the default); the index of the
    one chosen, or None for ``cancel`` (also Escape)."""
    log_told(title, text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    box.setEscapeButton(box.addButton(cancel, QMessageBox.ButtonRole.RejectRole))
    if buttons:
        box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(buttons) if button is clicked), None)


def choose_review_file(parent: QWidget | None) -> Path | None:
    """Ask which review to open, starting in the folder used last time."""
    settings = QSettings()
    start = str(settings.value(LAST_FOLDER_KEY, "", str) or Path.home())
    filters = ";;".join([tr("PanelReview reviews (*.pcpr)"), tr("All files (*)")])
    name, _ = QFileDialog.getOpenFileName(parent, tr("Open a review"), start, filters)
    if not name:
        return None
    path = Path(name)
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


def show_about(parent: QWidget | None) -> None:
    text = tr(
        "<h3>PanelReview {version}</h3>"
        "<p>Review a draft Police and Crime Plan and prepare the Panel's response.</p>"
        "<p>PanelReview works entirely on this computer: it makes no network connections, "
        "and your drafts and notes never leave it unless you share them.</p>"
        "<p>Free software, licensed under the GNU Affero General Public License, "
        "version 3 or later (AGPL-3.0-or-later).</p>"
    ).format(version=panelreview.__version__)
    log_path = next(
        (
            h.baseFilename
            for h in logging.getLogger("panelreview").handlers
            if isinstance(h, logging.FileHandler)
        ),
        None,
    )
    if log_path:
        text += tr(
            "<p>If something goes wrong, your clerk or IT team may ask for the log file:<br>{path}</p>"
        ).format(path=html.escape(log_path))
    QMessageBox.about(parent, tr("About PanelReview"), text)
