"""A password-protected draft: the member is told, where the password is asked, that the review file
keeps parts of the draft unencrypted; and the review file keeps only those parts (the headings and
the passages notes are on), not the whole text."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from panelreview.core.anchor import anchor_quote
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.password_dialog import PasswordDialog
from tests.ui.conftest import OPEN_TIMEOUT_MS, wait_for_session

pytestmark = pytest.mark.gui

SECRET = "Unpublished precept budget of 4.2 million"


def _locked_pdf(tmp_path: Path) -> Path:
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    page = doc.new_page()
    page.insert_text((72, 100), "Priority 1: Safer streets", fontsize=16)
    page.insert_text((72, 140), "We will put more officers on patrol in town centres.", fontsize=11)
    page.insert_text((72, 170), SECRET + " is set aside for the new control room.", fontsize=11)
    locked = tmp_path / "confidential draft.pdf"
    encryption = pymupdf.PDF_ENCRYPT_AES_256  # type: ignore[attr-defined]
    doc.save(str(locked), encryption=encryption, user_pw="panel", owner_pw="owner")  # type: ignore[no-untyped-call]
    doc.close()  # type: ignore[no-untyped-call]
    return locked


def _answer_password(qtbot: Any, seen: list[tuple[str, str]], password: str) -> None:
    """When the password dialog comes up: note what it says, type the password and press Open."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append((dialog.prompt_label.text(), dialog.note_label.text()))
        assert dialog.note_label.isVisible() and dialog.password_edit.hasFocus()
        qtbot.keyClicks(dialog.password_edit, password)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_the_password_dialog_says_the_review_keeps_parts_of_the_draft_unencrypted(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    seen: list[tuple[str, str]] = []
    _answer_password(qtbot, seen, "panel")
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(_locked_pdf(tmp_path))
    prompt, note = seen[0]
    assert "password-protected" in prompt
    assert "not encrypted" in note and "review file" in note
    assert "passages you make notes on" in note and "password is not saved" in note


def test_the_review_of_a_locked_draft_keeps_only_what_its_notes_need(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _answer_password(qtbot, [], "panel")
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(_locked_pdf(tmp_path))
    document = window.draft.document if window.draft is not None else None
    assert document is not None and document.password_protected
    session = wait_for_session(qtbot, window)
    anchor = anchor_quote(document, "more officers on patrol")
    assert session.run(lambda: session.review.add_annotation(anchor, Kind.QUESTION, "How many?"))

    # Find still searches the whole draft while it is open (in memory).
    window.find_panel.start()
    qtbot.keyClicks(window.find_panel.edit, "control room")
    qtbot.waitUntil(lambda: bool(window.find_panel.status.text()))
    assert [h.item_type for h in window.find_panel.hits()] == ["block"]

    path = session.path
    window.close_draft()
    with sqlite3.connect(path) as db:
        blocks = db.execute("SELECT count(*) FROM search_items WHERE item_type = 'block'").fetchone()[0]
        (kept,) = db.execute("SELECT data FROM drafts").fetchone()
    assert blocks == 0  # the whole text is not indexed
    assert b"%PDF" in bytes(kept)[:16] and b"control room" not in bytes(kept)  # the draft, still locked
    on_disk = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert b"more officers on patrol" in on_disk  # the passage the note is on
    assert SECRET.encode() not in on_disk and b"control room" not in on_disk
