"""Helpers for the review tests: select text as a member does, and fill in the note dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.password_dialog import PasswordDialog
from panelreview.ui.notes.note_dialog import NoteDialog, RecommendDialog
from panelreview.ui.reader.selection import TextSelection
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.view_helpers import drag, wait_for_words, word_centre, word_index


def select_pdf_words(qtbot: Any, window: MainWindow, page: int, first: str, last: str) -> TextSelection:
    """Drag across a PDF page from the word ``first`` to the word ``last``, as with the mouse."""
    view = window.pdf_view
    wait_for_words(qtbot, view, page)
    a = word_index(view, page, first)
    b = word_index(view, page, last)
    drag(view.canvas, word_centre(view, page, a), word_centre(view, page, b))
    selection = view.selection()
    assert selection is not None, "the drag selected nothing"
    return selection


def fill_note_dialog(qtbot: Any, window: MainWindow, body: str, *, visibility: str | None = None) -> None:
    """Type the note into the dialog the action opened, and press its Add button."""
    dialog = window.controller.dialog
    assert isinstance(dialog, NoteDialog), "no note dialog is open"
    qtbot.waitExposed(dialog)
    dialog.body_edit.setFocus()
    qtbot.keyClicks(dialog.body_edit, body)
    if visibility is not None:
        dialog.visibility_combo.setCurrentIndex(dialog.visibility_combo.findData(visibility))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _back_to(qtbot, window, dialog)


def _back_to(qtbot: Any, window: MainWindow, dialog: QWidget) -> None:
    """Once the dialog has closed, make the window active again, as a desktop's window manager does
    (the offscreen test platform leaves no window active)."""
    if dialog.isVisible():
        return
    handle = dialog.windowHandle()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not handle or handle is None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())


def fill_recommend_dialog(qtbot: Any, window: MainWindow, wording: str, rationale: str = "") -> None:
    dialog = window.controller.dialog
    assert isinstance(dialog, RecommendDialog), "no recommendation dialog is open"
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.wording_edit, wording)
    if rationale:
        qtbot.keyClicks(dialog.rationale_edit, rationale)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _back_to(qtbot, window, dialog)


def add_note_on_selection(qtbot: Any, window: MainWindow, kind: Kind, body: str) -> str:
    """Trigger the kind's action (as the menu, toolbar or shortcut does) and write the note."""
    session = window.session
    assert session is not None
    before = session.undo_stack.count()
    window.window_actions.note_actions()[kind].trigger()
    if kind is not Kind.HIGHLIGHT:
        fill_note_dialog(qtbot, window, body)
    assert session.undo_stack.count() == before + 1
    note_id = window.notes.current_note_id()
    assert note_id is not None
    return note_id


def capture_warnings(monkeypatch: Any) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake_warning(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake_warning))
    return shown


def texts(session: ReviewSession) -> list[str]:
    return [n.body for n in session.review.annotations()]


def focus_away(window: MainWindow) -> None:
    """Move the keyboard focus to the document, as clicking on the draft does."""
    window.pdf_view.setFocus() if window.draft and window.draft.is_pdf else window.reflow_view.setFocus()
    QApplication.processEvents()


def answer_password(password: str) -> None:
    """When the password dialog comes up, type ``password`` and press Open."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.password_edit.setText(password)
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)


def answer_save_as(monkeypatch: Any, target: Path) -> list[tuple[str, str]]:
    """Every Save As dialog answers ``target``; returns what each was asked: (title, proposed path)."""
    asked: list[tuple[str, str]] = []

    def fake_save(parent: Any, title: str, start: str, filters: str, *args: Any) -> tuple[str, str]:
        asked.append((title, start))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    return asked
