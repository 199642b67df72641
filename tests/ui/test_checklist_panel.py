"""The Checklist panel: each statutory item with its status and sections, click to go there, the
member's view (one undo step each), a drafted recommendation, and the measures tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.notes.checklist_panel import ChecklistPanel
from panelreview.ui.session.review_session import ReviewSession
from tests.ui.conftest import open_review_of

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(qtbot: Any, window: MainWindow, samples: Path) -> tuple[ChecklistPanel, ReviewSession]:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    panel = window.checklist_panel
    panel.show()
    panel.raise_()
    qtbot.waitUntil(lambda: panel.items_list.count() == 8)
    return panel, session


def _choose(panel: ChecklistPanel, words: str) -> None:
    rows = [panel.items_list.item(n) for n in range(panel.items_list.count())]
    panel.items_list.setCurrentItem(next(r for r in rows if words in r.text()))


def test_each_item_shows_its_status_and_sections(
    qtbot: Any, window: MainWindow, opened: tuple[ChecklistPanel, ReviewSession]
) -> None:
    panel, _session = opened
    texts = [panel.items_list.item(n).text() for n in range(panel.items_list.count())]
    assert texts[2].startswith("✓ The financial and other resources the Commissioner will provide")
    assert texts[5].endswith("found in part")  # grants: nothing on their conditions
    assert (
        texts[6].startswith("~ Regard to the Strategic Policing Requirement")
        and "only in passing" in texts[6]
    )
    _choose(panel, "financial and other resources")
    assert panel.sections_list.count() == 1
    assert (
        panel.sections_list.item(0).text().startswith("Resources and finance (p.14): “resources and finance”")
    )
    assert "s.7(1)(c)" in panel.detail.text()
    resources = next(s for s in window.draft.document.sections if s.title == "Resources and finance")  # type: ignore[union-attr]
    qtbot.mouseClick(
        panel.sections_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.sections_list.visualItemRect(panel.sections_list.item(0)).center(),
    )
    qtbot.waitUntil(lambda: window.pdf_view.current_page() == resources.page_start - 1)


def test_a_view_is_one_undo_step_and_a_recommendation_is_drafted(
    qtbot: Any, window: MainWindow, opened: tuple[ChecklistPanel, ReviewSession]
) -> None:
    panel, session = opened
    review = session.review
    _choose(panel, "Strategic Policing Requirement")
    panel.note_edit.setPlainText("Only a passing mention in a list.")
    qtbot.mouseClick(panel.missing_button, Qt.MouseButton.LeftButton)
    view = review.checklist_decisions_mine()["spr"]
    assert (view.decision, view.note, view.visibility) == (
        "missing",
        "Only a passing mention in a list.",
        "panel",
    )
    assert "(your view: missing)" in panel.items_list.currentItem().text()
    assert window.window_actions.undo.text().startswith("&Undo mark missing: Regard to the Strategic")
    window.window_actions.undo.trigger()
    assert "spr" not in review.checklist_decisions_mine()
    window.window_actions.redo.trigger()
    qtbot.mouseClick(panel.recommend_button, Qt.MouseButton.LeftButton)
    [rec] = review.recommendations()
    assert rec.wording.startswith(
        "The Panel recommends that the final plan sets out how it has regard to the Strategic"
    )
    assert "Only a passing mention in a list." in rec.rationale
    assert window.recommendations.isVisible() and window.recommendations.current_id() == rec.id
    window.window_actions.undo.trigger()  # one step takes the recommendation away again
    assert review.recommendations() == []
    assert review.checklist_decisions_mine()["spr"].decision == "missing"


def test_private_views_and_titles_from_the_settings(
    qtbot: Any, window: MainWindow, opened: tuple[ChecklistPanel, ReviewSession]
) -> None:
    panel, session = opened
    _choose(panel, "How the Chief Constable will report")
    panel.private_box.setChecked(True)
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    view = session.review.checklist_decisions_mine()["reporting"]
    assert view.visibility == "private" and view.decision == "confirmed"
    assert [s.title for s in view.sections][-1] == "Holding the Chief Constable to account"
    session.run(lambda: session.review.update_settings(commissioner_title="Mayor"))
    qtbot.waitUntil(lambda: "report to the Mayor" in panel.items_list.item(3).text())


def test_the_measures_tab_lists_priorities_and_what_is_measured(
    qtbot: Any, window: MainWindow, opened: tuple[ChecklistPanel, ReviewSession]
) -> None:
    panel, _session = opened
    panel.tabs.setCurrentWidget(panel.measures)
    tree = panel.measures.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4)
    assert "26 of 45 outcomes and commitments have a measure" in panel.measures.summary.text()
    first = tree.topLevelItem(0)
    assert first.text(0).startswith(
        "Priority 1: Visible and responsive neighbourhood policing — 10 of 12 measured"
    )
    control = next(
        first.child(n) for n in range(first.childCount()) if "control room" in first.child(n).text(0)
    )
    assert control.text(0).startswith("✗ Commitment: invest in the force control room")
    tree.setCurrentItem(first.child(0))
    assert "Measured by: Officers and PCSOs in neighbourhood teams (baseline 398, target 458)" in (
        panel.measures.detail.text()
    )
    kpis = next(first.child(n) for n in range(first.childCount()) if first.child(n).text(0).startswith("KPI"))
    assert (
        kpis.child(0).text(0).strip() == "999 calls answered within 10 seconds (baseline 79.4%, target 90%)"
    )


def test_a_note_typed_is_never_lost_when_moving_between_items(
    qtbot: Any, window: MainWindow, opened: tuple[ChecklistPanel, ReviewSession]
) -> None:
    panel, session = opened
    _choose(panel, "Crime and disorder reduction grants")
    panel.note_edit.setPlainText("Which grants, and on what terms?")
    _choose(panel, "How performance will be measured")
    assert panel.note_edit.toPlainText() == ""
    _choose(panel, "Crime and disorder reduction grants")
    assert panel.note_edit.toPlainText() == "Which grants, and on what terms?"
    qtbot.mouseClick(panel.weak_button, Qt.MouseButton.LeftButton)
    assert session.review.checklist_decisions_mine()["grants"].note == "Which grants, and on what terms?"
    panel.note_edit.setPlainText("No conditions are given for any grant.")
    _choose(panel, "How performance will be measured")  # leaving the item saves its note
    view = session.review.checklist_decisions_mine()["grants"]
    assert (view.decision, view.note) == ("weak", "No conditions are given for any grant.")
    assert "performance" not in session.review.checklist_decisions_mine()
