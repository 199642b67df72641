"""Deleting a note says so in the status bar, with Undo beside it: "Note deleted — Undo"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import add_note_on_selection, select_pdf_words

pytestmark = pytest.mark.gui


@pytest.fixture
def with_note(qtbot: Any, window: MainWindow, samples: Path) -> tuple[ReviewSession, str]:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    return session, add_note_on_selection(qtbot, window, Kind.COMMENT, "Draft wording")


def test_the_delete_key_says_note_deleted_and_its_undo_button_puts_it_back(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, note_id = with_note
    notice = window.undo_notice
    assert not notice.isVisible()
    window.notes.list.setFocus()
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Delete)
    assert session.review.annotation(note_id) is None
    assert notice.isVisible() and notice.label.text() == "Note deleted —"
    assert notice.button.isVisible() and notice.button.text() == "Undo"
    assert window.statusBar().isAncestorOf(notice)
    assert "Ctrl+Z" in notice.button.toolTip()
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert session.review.annotation(note_id) is not None
    assert not notice.isVisible()
    assert window.notes.list.count() == 1


def test_the_notice_goes_when_ctrl_z_or_another_change_makes_its_undo_stale(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    session, note_id = with_note
    notice = window.undo_notice
    window.window_actions.delete.trigger()  # Edit › Delete Note
    assert notice.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the way it always was
    assert session.review.annotation(note_id) is not None
    assert not notice.isVisible()

    window.notes.select_note(note_id)
    window.window_actions.delete.trigger()
    assert notice.isVisible()
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.highlight.trigger()  # another change: Undo would now undo that
    assert not notice.isVisible()
    notice.button.click()  # (even if it were clicked, nothing else is undone)
    assert session.review.annotation(note_id) is None


def test_the_notes_delete_button_says_so_too(
    qtbot: Any, window: MainWindow, with_note: tuple[ReviewSession, str]
) -> None:
    _session, _note_id = with_note
    qtbot.mouseClick(window.notes.editor.delete_button, Qt.MouseButton.LeftButton)
    assert window.undo_notice.isVisible()
    window.close_draft()
    assert not window.undo_notice.isVisible()
