"""Recommendations: drafted on a passage, edited in the panel, linked to more passages and sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import fill_recommend_dialog, focus_away, select_pdf_words

pytestmark = pytest.mark.gui

WORDING = "The Panel recommends that the Commissioner publishes a baseline for each measure."


@pytest.fixture
def recommended(qtbot: Any, window: MainWindow, samples: Path) -> tuple[ReviewSession, str]:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    selection = select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.recommend.trigger()  # Notes → Recommend… (Ctrl+6), or the right-click menu
    fill_recommend_dialog(qtbot, window, WORDING, "Residents cannot judge progress otherwise.")
    [rec] = session.review.recommendations()
    assert rec.anchor.quote == selection.quote
    return session, rec.id


def test_recommend_on_a_selection(window: MainWindow, recommended: tuple[ReviewSession, str]) -> None:
    session, rec_id = recommended
    [rec] = session.review.recommendations()
    assert (rec.wording, rec.rationale) == (WORDING, "Residents cannot judge progress otherwise.")
    assert rec.linked_sections == (rec.anchor.section_id,)  # its section is linked too
    panel = window.recommendations
    assert panel.isVisible() and panel.current_id() == rec_id
    assert panel.list.item(0).text().startswith("R1")
    assert panel.wording_edit.toPlainText() == WORDING
    assert [item.kind for item in window.controller.highlight_items] == [None]  # drawn as a recommendation
    assert session.undo_stack.text(0) == "Add recommendation"
    assert rec.anchor.section_id is not None  # counted in the outline beside the section's notes
    assert window.outline.model.recommendations_of(rec.anchor.section_id) == 1


def test_edit_wording_and_rationale_in_the_panel(
    qtbot: Any, window: MainWindow, recommended: tuple[ReviewSession, str]
) -> None:
    session, rec_id = recommended
    panel = window.recommendations
    panel.wording_edit.setFocus()
    panel.wording_edit.selectAll()
    qtbot.keyClicks(panel.wording_edit, "The Panel recommends clear baselines.")
    panel.rationale_edit.setFocus()  # leaving the box saves it
    panel.rationale_edit.moveCursor(panel.rationale_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.rationale_edit, " See p. 7.")
    focus_away(window)
    rec = session.review.recommendation(rec_id)
    assert rec is not None
    assert rec.wording == "The Panel recommends clear baselines."
    assert rec.rationale == "Residents cannot judge progress otherwise. See p. 7."
    stack = session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add recommendation",
        "Edit recommendation",
        "Edit recommendation",
    ]
    window.window_actions.undo.trigger()
    window.window_actions.undo.trigger()
    assert panel.wording_edit.toPlainText() == WORDING


def test_link_another_passage_and_the_current_section(
    qtbot: Any, window: MainWindow, recommended: tuple[ReviewSession, str]
) -> None:
    session, rec_id = recommended
    panel = window.recommendations
    select_pdf_words(qtbot, window, 6, "Progress", "quarter")
    qtbot.mouseClick(panel.link_passage_button, Qt.MouseButton.LeftButton)
    rec = session.review.recommendation(rec_id)
    assert rec is not None and len(rec.linked_annotations) == 1
    [highlight] = session.review.annotations()
    assert highlight.kind is Kind.HIGHLIGHT and highlight.anchor.quote is not None
    assert highlight.anchor.quote.startswith("Progress")
    assert session.undo_stack.text(session.undo_stack.count() - 1) == "Link passage"
    assert panel.links.count() == 2  # the first passage's section, and the new passage

    section = next(s for s in window.draft.document.sections if s.title.startswith("Priority 4"))  # type: ignore[union-attr]
    window.go_to_section(section.id)
    qtbot.mouseClick(panel.link_section_button, Qt.MouseButton.LeftButton)
    rec = session.review.recommendation(rec_id)
    assert rec is not None and section.id in rec.linked_sections
    assert panel.links.count() == 3

    # Undo takes back the section link, then the passage (its highlight and link together).
    window.window_actions.undo.trigger()
    window.window_actions.undo.trigger()
    rec = session.review.recommendation(rec_id)
    assert rec is not None and rec.linked_annotations == () and section.id not in rec.linked_sections
    assert session.review.annotations() == []


def test_unlink_and_delete(qtbot: Any, window: MainWindow, recommended: tuple[ReviewSession, str]) -> None:
    session, rec_id = recommended
    panel = window.recommendations
    panel.links.setCurrentRow(0)
    qtbot.mouseClick(panel.unlink_button, Qt.MouseButton.LeftButton)
    rec = session.review.recommendation(rec_id)
    assert rec is not None and rec.linked_sections == ()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert session.review.recommendations() == []
    assert panel.list.count() == 0
    window.window_actions.undo.trigger()
    assert [r.id for r in session.review.recommendations()] == [rec_id]


def test_recommend_on_a_section_from_the_outline(qtbot: Any, window: MainWindow, samples: Path) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    section = next(s for s in window.draft.document.sections if s.title.startswith("Priority 3"))  # type: ignore[union-attr]
    menu = window.outline.context_menu_for(section.id)
    next(a for a in menu.actions() if a.text().startswith("&Recommend")).trigger()
    fill_recommend_dialog(qtbot, window, "The Panel recommends a named lead for anti-social behaviour.")
    [rec] = session.review.recommendations()
    assert rec.section.id == section.id and rec.anchor.quote is None
