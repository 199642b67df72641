"""A member's walk through a review, as issue 4 lists it: the Edit menu names every step it can undo,
the Notes panel and the outline lead to the notes, the zoom keys work on both kinds of draft, and a
Word draft's review comes back as it was left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from panelreview.app import create_main_window
from panelreview.core.model import full_text
from panelreview.core.review import Kind
from panelreview.resources import sample_draft_path
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.reader.outline_panel import NOTES_COLUMN
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_review_of, wait_for_session
from tests.ui.review_helpers import (
    add_note_on_selection,
    fill_note_dialog,
    fill_recommend_dialog,
    focus_away,
    select_pdf_words,
)

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def _undo_text(window: MainWindow) -> str:
    return window.window_actions.undo.text()


def test_the_edit_menu_names_each_step_in_one_style(qtbot: Any, window: MainWindow, samples: Path) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    assert _undo_text(window) == "&Undo" and not window.window_actions.undo.isEnabled()
    seen: list[str] = []

    def step() -> None:
        seen.append(_undo_text(window))

    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.COMMENT, "Which wards?")
    step()
    editor = window.notes.editor
    editor.body_edit.setFocus()
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body_edit, " All of them?")
    focus_away(window)
    step()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(Kind.QUESTION.value))
    editor.kind_combo.activated.emit(editor.kind_combo.currentIndex())
    step()
    editor.visibility_combo.setCurrentIndex(editor.visibility_combo.findData("panel"))
    editor.visibility_combo.activated.emit(editor.visibility_combo.currentIndex())
    step()
    editor.reply_edit.setFocus()
    qtbot.keyClicks(editor.reply_edit, "Agreed.")
    qtbot.keyClick(editor.reply_edit, Qt.Key.Key_Return)
    step()
    select_pdf_words(qtbot, window, 6, "Progress", "quarter")
    window.window_actions.recommend.trigger()
    fill_recommend_dialog(qtbot, window, "Publish a baseline.")
    step()
    window.notes.list.setFocus()
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Delete)
    step()
    assert seen == [
        "&Undo add comment",
        "&Undo edit comment",
        "&Undo edit question",
        "&Undo change visibility",
        "&Undo reply",
        "&Undo add recommendation",
        "&Undo delete question",
    ]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.window_actions.redo.text() == "&Redo delete question"
    assert _undo_text(window) == "&Undo add recommendation"
    assert [n.body for n in session.review.annotations()] == ["Which wards? All of them?"]


def test_clicking_a_note_in_the_panel_goes_to_it(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    first = add_note_on_selection(qtbot, window, Kind.CONCERN, "Visible to whom?")
    window.pdf_view.go_to_page(15)  # read on, far from the note
    notes = window.notes
    notes.scope_combo.setCurrentIndex(notes.scope_combo.findData("all"))
    assert window.pdf_view.current_page() == 15
    window.pdf_view.set_current_highlight(None)
    item = notes.list.item(0)
    qtbot.mouseClick(
        notes.list.viewport(), Qt.MouseButton.LeftButton, pos=notes.list.visualItemRect(item).center()
    )
    assert window.pdf_view.current_page() == 5
    assert window.pdf_view.current_highlight() == first
    assert notes.editor.body_edit.toPlainText() == "Visible to whom?"


def _count(window: MainWindow, section_id: int) -> QModelIndex:
    index = window.outline.model.index_of(section_id)
    return index.sibling(index.row(), NOTES_COLUMN)


def test_the_outline_counts_notes_and_a_folded_section_counts_its_subsections(
    qtbot: Any, window: MainWindow
) -> None:
    sample = sample_draft_path()
    assert sample is not None
    open_review_of(qtbot, window, sample)
    assert window.draft is not None
    sections = window.draft.document.sections
    vision = next(s for s in sections if s.title == "Our vision")
    children = [s for s in sections if s.parent == vision.id]
    assert len(children) >= 2
    for child, body in zip(children[:2], ("Which principle comes first?", "Figures from when?"), strict=True):
        menu = window.outline.context_menu_for(child.id)
        next(a for a in menu.actions() if a.text().startswith("Add a &note")).trigger()
        fill_note_dialog(qtbot, window, body)
    assert [_count(window, c.id).data() for c in children[:2]] == ["✎ 1", "✎ 1"]
    assert _count(window, vision.id).data() in ("", None)  # unfolded: its own notes (none)
    tree = window.outline.tree
    tree.collapse(window.outline.model.index_of(vision.id))
    assert _count(window, vision.id).data() == "✎ 2"
    spoken = _count(window, vision.id).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "2 notes here and in its subsections"
    tree.expand(window.outline.model.index_of(vision.id))
    assert _count(window, vision.id).data() in ("", None)
    # Undoing a note takes it off the count at once.
    window.window_actions.undo.trigger()
    assert _count(window, children[1].id).data() in ("", None)


def test_ctrl_plus_and_minus_zoom_a_pdf_and_enlarge_a_word_drafts_text(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    zoom = window.pdf_view.zoom
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert window.pdf_view.zoom > zoom
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert window.pdf_view.zoom < zoom
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)  # Ctrl+= (no Shift needed for "+")
    assert window.pdf_view.zoom == pytest.approx(zoom)
    window.close_draft()
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    size = window.reflow_view.point_size
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert window.reflow_view.point_size == size + 2
    assert window.outline.tree.font().pointSizeF() == size  # the panels' text grows with it
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert window.reflow_view.point_size == size + 1


def test_a_word_drafts_review_comes_back_as_it_was_left(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session: ReviewSession = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert window.draft is not None
    text, _starts = full_text(window.draft.document.blocks)
    notes = {Kind.HIGHLIGHT: "", Kind.SUPPORT: "Yes.", Kind.CONCERN: "By when?"}
    quotes = ["neighbourhood policing", "Value for money", "812,000 people"]
    for (kind, body), quote in zip(notes.items(), quotes, strict=True):
        start = text.find(quote)
        window.reflow_view.setFocus()
        window.reflow_view.select_span(start, start + len(quote))
        add_note_on_selection(qtbot, window, kind, body)
    start = text.find("front counters")
    window.reflow_view.select_span(start, start + len("front counters"))
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    fill_recommend_dialog(qtbot, window, "Reopen two front counters.", "Residents asked for them.")
    priority = next(s for s in window.draft.document.sections if s.title.startswith("Priority 2"))
    window.go_to_section(priority.id)
    path = session.path
    window.close()
    second = create_main_window()
    qtbot.addWidget(second)
    second.resize(1100, 800)
    second.show()
    try:
        with qtbot.waitSignal(second.opener.opened, timeout=OPEN_TIMEOUT_MS):
            second.open_path(path)
        reopened = wait_for_session(qtbot, second)
        assert second.stack.currentWidget() is second.reflow_view
        found = {(n.kind, n.anchor.quote, n.body) for n in reopened.review.annotations()}
        assert found == {(k, q, b) for (k, b), q in zip(notes.items(), quotes, strict=True)}
        assert {i.anchor.quote for i in second.controller.highlight_items} == {*quotes, "front counters"}
        [rec] = second.recommendations.recommendations
        assert (rec.wording, rec.rationale) == ("Reopen two front counters.", "Residents asked for them.")
        assert second.outline.current_section() == priority.id  # where the member was reading
    finally:
        second.close()
