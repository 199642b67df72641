"""Writing notes as a member does: select text, choose the kind; or on a whole section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from panelreview.core.model import full_text
from panelreview.core.review import Kind, Visibility
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.notes.note_dialog import NoteDialog
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import (
    add_note_on_selection,
    capture_warnings,
    fill_note_dialog,
    select_pdf_words,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def pdf_session(qtbot: Any, window: MainWindow, samples: Path) -> ReviewSession:
    return open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")


def _section_id(window: MainWindow, title_start: str) -> int:
    assert window.draft is not None
    return next(s.id for s in window.draft.document.sections if s.title.startswith(title_start))


def test_each_kind_of_note_from_a_selection(
    qtbot: Any, window: MainWindow, pdf_session: ReviewSession
) -> None:
    bodies = {
        Kind.HIGHLIGHT: "",
        Kind.COMMENT: "Good to see this.",
        Kind.QUESTION: "How will this be measured?",
        Kind.CONCERN: "No baseline is given.",
        Kind.SUPPORT: "The panel backs this.",
    }
    for kind, body in bodies.items():
        selection = select_pdf_words(qtbot, window, 5, "Visible", "policing")
        note_id = add_note_on_selection(qtbot, window, kind, body)
        note = pdf_session.review.annotation(note_id)
        assert note is not None
        assert (note.kind, note.body) == (kind, body)
        assert note.anchor.quote == selection.quote
        assert note.author.name == "Cllr Test Member"
        assert window.pdf_view.selection() is None  # the selection has become the note
    # Each is one undo step with a readable name.
    stack = pdf_session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add highlight",
        "Add comment",
        "Add question",
        "Add concern",
        "Add support",
    ]
    # Drawn in the document, and counted on the section in the outline.
    drawn = {item.kind for item in window.controller.highlight_items}
    assert drawn == set(Kind)
    section = pdf_session.review.annotations()[0].anchor.section_id
    assert section is not None
    assert window.outline.model.count_of(section) == 5
    parent = next(s.parent for s in window.draft.document.sections if s.id == section)  # type: ignore[union-attr]
    if parent is not None:  # a folded parent section shows its subsections' notes too
        assert window.outline.model.count_of(parent) == 5
    assert window.save_label.text() == "All changes saved"


def test_the_note_dialog_keeps_the_text_when_saving_fails(
    qtbot: Any, window: MainWindow, pdf_session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panelreview.storage import NotSaved

    shown = capture_warnings(monkeypatch)
    select_pdf_words(qtbot, window, 5, "Visible", "policing")

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise NotSaved("Your change was not saved: the disk is full. Everything saved before this is safe.")

    monkeypatch.setattr(pdf_session.review, "add_annotation", full_disk)
    window.window_actions.comment.trigger()
    fill_note_dialog(qtbot, window, "Words I must not lose")
    dialog = window.controller.dialog
    assert isinstance(dialog, NoteDialog)
    assert dialog.isVisible()
    assert dialog.body_edit.toPlainText() == "Words I must not lose"
    assert "disk is full" in dialog.error_label.text()
    assert window.save_label.text() == "Last change not saved"
    assert shown and "disk is full" in shown[0][1]
    assert pdf_session.undo_stack.count() == 0
    monkeypatch.undo()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # try again: it saves now
    assert not dialog.isVisible()
    assert [n.body for n in pdf_session.review.annotations()] == ["Words I must not lose"]
    assert window.save_label.text() == "All changes saved"


def test_an_empty_note_is_not_added(qtbot: Any, window: MainWindow, pdf_session: ReviewSession) -> None:
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.question.trigger()
    fill_note_dialog(qtbot, window, "   ")
    dialog = window.controller.dialog
    assert isinstance(dialog, NoteDialog) and dialog.isVisible()
    assert "Write your question" in dialog.error_label.text()
    dialog.reject()
    assert pdf_session.review.annotations() == []


def test_a_note_on_a_whole_section_from_the_outline_menu(
    qtbot: Any, window: MainWindow, pdf_session: ReviewSession
) -> None:
    section_id = _section_id(window, "Resources and finance")
    menu = window.outline.context_menu_for(section_id)
    action = next(a for a in menu.actions() if a.text().startswith("Add a &note"))
    action.trigger()
    fill_note_dialog(qtbot, window, "The budget section has no figures for 2026/27.", visibility="panel")
    [note] = pdf_session.review.annotations()
    assert note.anchor.section_id == section_id and note.anchor.quote is None
    assert note.visibility is Visibility.PANEL
    assert window.outline.model.count_of(section_id) == 1
    index = window.outline.model.index_of(section_id)
    count = index.sibling(index.row(), 2)
    assert count.data() == "✎ 1"
    assert count.data(Qt.ItemDataRole.AccessibleTextRole) == "1 note"


def test_a_section_note_on_a_word_draft(qtbot: Any, window: MainWindow, samples: Path) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    section_id = _section_id(window, "Priority 2")
    window.go_to_section(section_id)
    assert window.outline.current_section() == section_id
    window.window_actions.section_note.trigger()  # Notes → Note on the Current Section (Ctrl+Shift+N)
    fill_note_dialog(qtbot, window, "Which partners will deliver this?")
    [note] = session.review.annotations()
    assert note.section.id == section_id
    assert window.notes.list.count() == 1  # the Notes panel lists this section's notes


def test_clicking_a_highlight_shows_its_note(
    qtbot: Any, window: MainWindow, pdf_session: ReviewSession
) -> None:
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    first = add_note_on_selection(qtbot, window, Kind.COMMENT, "First")
    select_pdf_words(qtbot, window, 6, "Progress", "quarter")
    second = add_note_on_selection(qtbot, window, Kind.QUESTION, "Second")
    assert window.notes.current_note_id() == second
    window.pdf_view.highlight_activated.emit(first)
    assert window.notes.current_note_id() == first
    assert window.notes.editor.body_edit.toPlainText() == "First"
    assert window.pdf_view.current_highlight() == first


def test_notes_on_a_word_draft_selection_with_the_keyboard(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert window.draft is not None
    text, _starts = full_text(window.draft.document.blocks)
    quote = "neighbourhood policing"
    start = text.find(quote)
    assert start >= 0
    window.reflow_view.setFocus()
    window.reflow_view.select_span(start, start + len(quote))  # as dragging over the words does
    assert window.window_actions.highlight.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Notes → Question…
    fill_note_dialog(qtbot, window, "Which wards first?")
    [note] = session.review.annotations()
    assert (note.kind, note.anchor.quote, note.body) == (Kind.QUESTION, quote, "Which wards first?")
    assert [item.id for item in window.controller.highlight_items] == [note.id]
    assert window.reflow_view.current_highlight() == note.id
