"""Editing, deleting, undoing and redoing notes: every change saved at once, every step undoable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from panelreview.core.review import Kind, Visibility
from panelreview.storage import open_review
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import add_note_on_selection, capture_warnings, focus_away, select_pdf_words

pytestmark = pytest.mark.gui


@pytest.fixture
def with_note(qtbot: Any, window: MainWindow, samples: Path) -> tuple[ReviewSession, str]:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    return session, add_note_on_selection(qtbot, window, Kind.COMMENT, "Draft wording")


def _on_disk(session: ReviewSession) -> list[tuple[str, str, str]]:
    """What a second reader of the file sees: proof that each change is durable when made."""
    other = open_review(session.path, read_only=True)
    try:
        return [(n.kind.value, n.body, n.visibility.value) for n in other.annotations()]
    finally:
        other.close()


def test_editing_the_text_saves_it_as_one_undo_step(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, _note_id = with_note
    editor = window.notes.editor
    editor.body_edit.setFocus()
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body_edit, " that needs")
    qtbot.wait(900)  # a pause in typing saves what was typed
    assert _on_disk(session) == [("comment", "Draft wording that needs", "private")]
    qtbot.keyClicks(editor.body_edit, " a baseline.")
    focus_away(window)  # leaving the box saves too
    assert _on_disk(session) == [("comment", "Draft wording that needs a baseline.", "private")]
    stack = session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Add comment", "Edit comment"]
    assert window.window_actions.undo.text() == "&Undo edit comment"
    window.window_actions.undo.trigger()
    assert _on_disk(session) == [("comment", "Draft wording", "private")]
    assert editor.body_edit.toPlainText() == "Draft wording"
    window.window_actions.redo.trigger()
    assert editor.body_edit.toPlainText() == "Draft wording that needs a baseline."


def test_kind_visibility_and_tags_are_saved_when_chosen(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, note_id = with_note
    editor = window.notes.editor
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(Kind.CONCERN.value))
    editor.kind_combo.activated.emit(editor.kind_combo.currentIndex())
    editor.visibility_combo.setCurrentIndex(editor.visibility_combo.findData(Visibility.REPORT.value))
    editor.visibility_combo.activated.emit(editor.visibility_combo.currentIndex())
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "baseline, KPIs")
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    note = session.review.annotation(note_id)
    assert note is not None
    assert (note.kind, note.visibility, note.tags) == (Kind.CONCERN, Visibility.REPORT, ("baseline", "KPIs"))
    stack = session.undo_stack
    assert [stack.text(i) for i in range(1, stack.count())] == [
        "Edit concern",
        "Change visibility",
        "Edit concern",
    ]
    for _ in range(3):
        window.window_actions.undo.trigger()
    assert _on_disk(session) == [("comment", "Draft wording", "private")]
    assert editor.kind_combo.currentData() == Kind.COMMENT.value


def test_delete_key_deletes_the_chosen_note_and_undo_brings_it_back(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, note_id = with_note
    window.notes.list.setFocus()
    assert window.window_actions.delete.isEnabled()
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Delete)
    assert _on_disk(session) == []
    assert window.notes.list.count() == 0
    assert window.controller.highlight_items == []
    assert window.window_actions.undo.text() == "&Undo delete comment"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _on_disk(session) == [("comment", "Draft wording", "private")]
    assert [item.id for item in window.controller.highlight_items] == [note_id]
    # Redo with either standard shortcut.
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _on_disk(session) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _on_disk(session) == []


def test_the_editors_delete_button_and_replies(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, note_id = with_note
    editor = window.notes.editor
    editor.reply_edit.setFocus()
    qtbot.keyClicks(editor.reply_edit, "Agreed: raise it at the meeting.")
    qtbot.keyClick(editor.reply_edit, Qt.Key.Key_Return)
    note = session.review.annotation(note_id)
    assert note is not None and [r.body for r in note.replies] == ["Agreed: raise it at the meeting."]
    assert editor.replies.count() == 1 and editor.reply_edit.text() == ""
    assert session.undo_stack.text(session.undo_stack.count() - 1) == "Reply"
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert session.review.annotation(note_id) is None
    window.window_actions.undo.trigger()
    restored = session.review.annotation(note_id)
    assert restored is not None and len(restored.replies) == 1


def test_standard_shortcuts_are_set(window: MainWindow) -> None:
    a = window.window_actions
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert {s.toString() for s in a.redo.shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}
    assert a.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert a.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert a.delete.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    assert {s.toString() for s in a.zoom_in.shortcuts()} >= {"Ctrl++", "Ctrl+="}
    assert a.zoom_out.shortcut().toString() == "Ctrl+-"


def test_an_edit_that_cannot_be_saved_stays_on_screen_and_closing_asks_first(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from panelreview.storage import NotSaved

    session, _note_id = with_note
    shown = capture_warnings(monkeypatch)
    asked: list[str] = []

    def say_no(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(say_no))

    def unplugged(*args: Any, **kwargs: Any) -> Any:
        raise NotSaved("Your change was not saved: the review file could not be reached.")

    monkeypatch.setattr(session.review, "edit_annotation", unplugged)
    editor = window.notes.editor
    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, "Typed while the USB stick was out. ")
    focus_away(window)
    assert editor.body_edit.toPlainText().startswith("Typed while the USB stick was out.")
    assert "could not be reached" in editor.error_label.text()
    assert window.save_label.text() == "Last change not saved"
    assert shown
    window.close()
    assert asked and "could not be saved" in asked[0]
    assert window.isVisible() and window.session is session  # nothing was thrown away
    monkeypatch.undo()  # the stick is back: leaving the box saves it now
    editor.body_edit.setFocus()
    focus_away(window)
    assert _on_disk(session)[0][1].startswith("Typed while the USB stick was out.")
