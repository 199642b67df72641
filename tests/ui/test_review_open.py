"""Opening a draft makes its review; opening the review again brings everything back as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from panelreview import storage
from panelreview.app import create_main_window
from panelreview.core.review import Kind, Role
from panelreview.resources import sample_draft_path
from panelreview.storage import open_review
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.review_setup import NAME_KEY, ReviewSetupDialog, Setup, saved_setup
from tests.conftest import shared_path
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_and_wait, open_review_of, wait_for_session
from tests.ui.gates import Gate, loop_turns
from tests.ui.review_helpers import add_note_on_selection, capture_warnings, select_pdf_words

pytestmark = pytest.mark.gui


def _second_window(qtbot: Any) -> MainWindow:
    window = create_main_window()
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_opening_the_sample_creates_its_review_in_the_members_folder(
    qtbot: Any, window: MainWindow, member: Setup
) -> None:
    sample = sample_draft_path()
    assert sample is not None
    session = open_review_of(qtbot, window, sample)
    assert session.path.parent == member.folder
    assert session.path.name == "westshire-draft-plan.pcpr"
    assert session.review.owner.name == "Cllr Test Member"
    assert window.save_label.text() == "All changes saved"
    assert not window.window_actions.undo.isEnabled()
    # The review keeps its own copy of the draft: the file it came from is no longer needed.
    assert session.review.drafts()[0]["file_name"] == "westshire-draft-plan.pdf"
    assert window.start_view.recent_list.count() == 1


def test_opening_a_word_draft_creates_its_review_and_shows_it_reflowed(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert window.stack.currentWidget() is window.reflow_view
    assert session.path.name == "westshire-plan-v1.pcpr"
    assert window.notes.isVisible() and window.outline.isVisible()


def test_opening_the_same_draft_again_reopens_its_review(
    qtbot: Any, window: MainWindow, samples: Path, member: Setup
) -> None:
    first = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf").path
    window.close_draft()
    assert window.stack.currentWidget() is window.start_view
    again = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf").path
    assert again == first
    assert sorted(p.name for p in member.folder.glob("*.pcpr")) == ["westshire-plan-v1.pcpr"]


def test_close_and_reopen_finds_every_note_and_the_reading_position(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "Draft plan v1.pdf"
    draft.write_bytes((samples / "westshire-plan-v1.pdf").read_bytes())
    session = open_review_of(qtbot, window, draft)
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.CONCERN, "Visible to whom? No baseline.")
    section = next(s for s in window.draft.document.sections if s.title.startswith("Priority 3"))  # type: ignore[union-attr]
    window.go_to_section(section.id)
    page_before = window.pdf_view.current_page()
    path = session.path
    window.close()
    draft.unlink()  # the review keeps its own copy of the draft
    second = _second_window(qtbot)
    try:
        with qtbot.waitSignal(second.opener.opened, timeout=OPEN_TIMEOUT_MS):
            second.open_path(path)  # as File → Open a Review… and the recent list do
        reopened = wait_for_session(qtbot, second)
        assert reopened.path == path
        notes = second.notes.notes
        assert [(n.kind, n.body) for n in notes] == [(Kind.CONCERN, "Visible to whom? No baseline.")]
        assert notes[0].anchor.quote is not None and notes[0].anchor.quote.startswith("Visible")
        assert second.pdf_view.current_page() == page_before
        # The section in the middle of the view: Priority 3, or one of its own sections.
        current = second.outline.current_section()
        in_priority_3 = {
            s.id for s in reopened.review.sections() if s.id == section.id or s.parent == section.id
        }
        in_priority_3 |= {s.id for s in reopened.review.sections() if s.parent in in_priority_3}
        assert current in in_priority_3
    finally:
        second.close()


def test_recent_reviews_open_from_the_start_view(qtbot: Any, window: MainWindow, samples: Path) -> None:
    path = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx").path
    window.close_draft()
    recent = window.start_view.recent_list
    assert recent.count() == 1
    assert window.recent_menu.actions()[0].statusTip() == str(path.resolve())
    recent.setCurrentRow(0)
    recent.setFocus()
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert wait_for_session(qtbot, window).path == path.resolve()


def test_a_review_in_use_elsewhere_is_offered_read_only(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf").path
    window.close_draft()
    asked: list[str] = []

    def say_yes(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(say_yes))
    shown = capture_warnings(monkeypatch)
    elsewhere = open_review(path, member="Another copy")
    try:
        with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
            window.open_path(path)
        session = wait_for_session(qtbot, window)
        assert "read-only" in asked[0]
        assert session.read_only
        assert window.save_label.text().startswith("Read-only")
        assert not window.window_actions.comment.isEnabled()
        window.controller.add_note(Kind.COMMENT)  # e.g. from the outline's menu
        assert shown and "read-only" in shown[0][1]
    finally:
        elsewhere.close()


def test_a_file_that_is_not_a_review_says_so_plainly(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = capture_warnings(monkeypatch)
    fake = tmp_path / "notes.pcpr"
    fake.write_text("not a review", encoding="utf-8")
    window.open_path(fake)
    assert len(shown) == 1
    assert "not a PanelReview review file" in shown[0][1]
    assert window.stack.currentWidget() is window.start_view


def test_name_and_folder_are_asked_once_and_remembered(qtbot: Any, tmp_path: Path) -> None:
    QSettings().remove(NAME_KEY)
    assert saved_setup() is None
    dialog = ReviewSetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no name yet
    assert dialog.isVisible() and "type your name" in dialog.error_label.text()
    qtbot.keyClicks(dialog.name_edit, "Cllr Ann Jones")
    dialog.folder_edit.setText(str(tmp_path / "my reviews"))
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.INDEPENDENT_MEMBER.value))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert saved_setup() == Setup("Cllr Ann Jones", Role.INDEPENDENT_MEMBER, tmp_path / "my reviews")
    assert (tmp_path / "my reviews").is_dir()


def test_the_event_loop_keeps_responding_while_a_300_page_review_is_made(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review (with its copy of the draft) is written in the background; the member reads on.

    The writing is held at its start (tests/ui/gates.py); bench/bench_responsiveness.py measures
    the longest wait of the event loop.
    """
    making = Gate(storage.create_review)
    monkeypatch.setattr(storage, "create_review", making)
    draft = open_and_wait(qtbot, window, shared_path("samples", "westshire-plan-big.pdf"))
    qtbot.waitUntil(making.started.is_set, timeout=OPEN_TIMEOUT_MS)
    try:
        loop_turns(qtbot)
        assert window.session is None  # not yet made, but the draft is there to read
        assert window.pdf_view.page_count == 307
        window.pdf_view.verticalScrollBar().setValue(window.pdf_view.verticalScrollBar().maximum())
        loop_turns(qtbot)
    finally:
        making.open()
    session = wait_for_session(qtbot, window)
    assert session.review.drafts()[0]["page_count"] == draft.document.identity.page_count
    assert making.ran_off_the_gui_thread
