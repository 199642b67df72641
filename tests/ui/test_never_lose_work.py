"""Never losing work: File › Save a Copy…, a review open read-only, and a save that fails."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from panelreview.core.review import Kind
from panelreview.storage import open_review
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import save_copy as save_copy_module
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_review_of, wait_for_session
from tests.ui.review_helpers import add_note_on_selection, capture_warnings, focus_away, select_pdf_words

pytestmark = pytest.mark.gui


@pytest.fixture
def noted(qtbot: Any, window: MainWindow, samples: Path) -> tuple[ReviewSession, str]:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    return session, add_note_on_selection(qtbot, window, Kind.CONCERN, "No baseline")


def _choose_file(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The save dialog answers ``target``; returns the names it suggested."""
    suggested: list[str] = []

    def answer(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def _capture_information(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []

    def info(_parent: Any, _title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", staticmethod(info))
    return told


def _notes_in(path: Path) -> list[tuple[str, str]]:
    review = open_review(path, read_only=True)
    try:
        return [(n.kind.value, n.body) for n in review.annotations()]
    finally:
        review.close()


# ----- Save a Copy ----------------------------------------------------------------------------------
def test_save_a_copy_writes_a_complete_review_that_opens(
    qtbot: Any,
    window: MainWindow,
    noted: tuple[ReviewSession, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, _note = noted
    action = window.window_actions.save_copy
    assert action.isEnabled() and "Save a Cop" in action.text()
    # Typed and not yet saved by a pause: it goes into the copy too.
    editor = window.notes.editor
    editor.body_edit.setFocus()
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body_edit, " for 2023/24.")
    backups = tmp_path / "backups"
    backups.mkdir()
    target = backups / "my backup"  # no extension typed: .pcpr is added
    suggested = _choose_file(monkeypatch, target)
    told = _capture_information(monkeypatch)
    qtbot.keyClick(
        window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    copy = backups / "my backup.pcpr"
    assert Path(suggested[0]).name.startswith(session.path.stem + " (copy ")
    assert _notes_in(copy) == [("concern", "No baseline for 2023/24.")]
    assert told and str(copy) in told[0] and "still working in" in told[0]
    assert "Saved a copy as “my backup.pcpr”" in window.statusBar().currentMessage()
    assert sorted(p.name for p in backups.iterdir()) == ["my backup.pcpr"]  # nothing left behind
    # The original is still the one being edited.
    assert window.session is session and not session.read_only
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.close_draft()
        window.open_path(copy)  # the copy opens as a review of its own, with its draft inside
    assert [n.body for n in wait_for_session(qtbot, window).review.annotations()] == [
        "No baseline for 2023/24."
    ]


def test_save_a_copy_replaces_an_older_copy_in_one_step(
    window: MainWindow, noted: tuple[ReviewSession, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "backup.pcpr"
    old.write_bytes(b"last week's copy")
    _choose_file(monkeypatch, old)  # the file dialog has already asked whether to replace it
    _capture_information(monkeypatch)
    window.window_actions.save_copy.trigger()
    assert _notes_in(old) == [("concern", "No baseline")]


def test_a_folder_that_cannot_be_written_to_is_a_plain_message(
    window: MainWindow, noted: tuple[ReviewSession, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _note = noted
    locked = tmp_path / "read-only stick"
    locked.mkdir()
    if (
        os.geteuid() == 0
    ):  # the administrator may write anywhere: make the folder refuse as a read-only drive does

        def refuse(*_args: Any, **_kwargs: Any) -> str:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(save_copy_module.tempfile, "mkdtemp", refuse)
    else:
        locked.chmod(0o555)
    _choose_file(monkeypatch, locked / "copy.pcpr")
    shown = capture_warnings(monkeypatch)
    try:
        window.window_actions.save_copy.trigger()
    finally:
        locked.chmod(0o755)
    assert len(shown) == 1
    title, message = shown[0]
    assert title == "The copy was not saved"
    assert "read-only" in message and "Choose another folder" in message and "unchanged" in message
    assert "Errno" not in message and "Traceback" not in message
    assert list(locked.iterdir()) == []
    assert [n.body for n in session.review.annotations()] == ["No baseline"]
    assert window.save_label.text() == "All changes saved"


def test_a_copy_cannot_replace_the_review_itself(
    window: MainWindow, noted: tuple[ReviewSession, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _note = noted
    _choose_file(monkeypatch, session.path)
    shown = capture_warnings(monkeypatch)
    window.window_actions.save_copy.trigger()
    assert shown and "the review you are working in" in shown[0][1]
    assert _notes_in(session.path) == [("concern", "No baseline")]


def test_save_a_copy_waits_for_a_review(window: MainWindow) -> None:
    assert not window.window_actions.save_copy.isEnabled()


# ----- read-only ------------------------------------------------------------------------------------
def test_a_read_only_review_says_so_and_refuses_edits(
    qtbot: Any, window: MainWindow, noted: tuple[ReviewSession, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, note_id = noted
    path = session.path
    window.close_draft()
    elsewhere = open_review(path, member="Another copy")  # open for editing in another window
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))
    shown = capture_warnings(monkeypatch)
    try:
        with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
            window.open_path(path)
        readonly = wait_for_session(qtbot, window)
        assert readonly.read_only
        # It says so where the member looks: above the draft, in the title and the status bar.
        assert window.info_bar.isVisible()
        assert any("open read-only" in m for m in window.info_bar.messages)
        assert "(read-only)" in window.windowTitle()
        assert window.save_label.text().startswith("Read-only")
        # Nothing offers to change it...
        a = window.window_actions
        for action in (a.comment, a.question, a.recommend, a.section_note, a.delete):
            assert not action.isEnabled(), action.text()
        assert window.window_actions.save_copy.isEnabled()  # ...but a copy can still be saved
        window.notes.select_note(note_id)
        editor = window.notes.editor
        assert editor.body_edit.isReadOnly() and not editor.kind_combo.isEnabled()
        assert not editor.reply_edit.isEnabled() and not editor.delete_button.isEnabled()
        window.notes.list.setFocus()
        qtbot.keyClick(window.notes.list, Qt.Key.Key_Delete)
        assert [n.id for n in readonly.review.annotations()] == [note_id]
        # ...and a way in that is still there (the outline's menu, a shortcut) explains itself.
        window.controller.add_note(Kind.COMMENT)
        assert shown == [
            ("Read-only review", "This review is open read-only, so notes cannot be added or changed.")
        ]
    finally:
        elsewhere.close()


# ----- a save that fails ----------------------------------------------------------------------------
def _stop_writing(session: ReviewSession, stopped: bool) -> None:
    """Make the review's own connection refuse writes, as a drive gone read-only does."""
    session.review._file.conn.execute(f"PRAGMA query_only = {'ON' if stopped else 'OFF'}")


def test_a_failing_save_keeps_the_typing_says_so_once_and_saves_when_it_can(
    qtbot: Any, window: MainWindow, noted: tuple[ReviewSession, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, note_id = noted
    shown = capture_warnings(monkeypatch)
    # (Should a check fail, closing the window must not wait for an answer to "close anyway?".)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))
    editor = window.notes.editor
    _stop_writing(session, True)
    try:
        editor.body_edit.setFocus()
        editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
        qtbot.keyClicks(editor.body_edit, " in any year")
        qtbot.wait(900)  # a pause in typing tries to save
        qtbot.keyClicks(editor.body_edit, ", or any target.")
        focus_away(window)  # leaving the box tries again
        assert editor.body_edit.toPlainText() == "No baseline in any year, or any target."
        assert "was not saved" in editor.error_label.text() and editor.error_label.isVisible()
        assert window.save_label.text() == "Last change not saved"
        assert "was not saved" in window.save_label.toolTip()
        assert len(shown) == 1, "the same problem is explained once, not at every pause in typing"
        assert "cannot be written to" in shown[0][1] and "File › Save a Copy…" in shown[0][1]
        assert _notes_in(session.path) == [("concern", "No baseline")]
    finally:
        _stop_writing(session, False)
    # The drive is back: the next save writes what was typed.
    editor.body_edit.setFocus()
    focus_away(window)
    assert _notes_in(session.path) == [("concern", "No baseline in any year, or any target.")]
    assert window.save_label.text() == "All changes saved"
    assert not editor.error_label.isVisible()
    assert session.review.annotation(note_id) is not None
