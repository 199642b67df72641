"""The clerk's desk, Panel recommendations: lineage, wording, order, numbers and the meeting's decision."""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QModelIndex

from panelreview.core.review import PanelStatus
from panelreview.ui.clerk.compose import AddSourcesDialog, PanelRecDialog
from panelreview.ui.clerk.consolidation import ConsolidationTab
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import (
    ANN_REC,
    BOB_REC,
    Desk,
    Panel,
    fill_dialog,
    import_all,
)

panel, desk = clerk_helpers.panel, clerk_helpers.desk  # the shared fixtures


@pytest.fixture
def drafted(desk: Desk, panel: Panel, monkeypatch: Any) -> Desk:
    """Three packs imported and three panel recommendations drafted from them."""
    import_all(desk, panel, monkeypatch)
    ids = panel.ids
    review = desk.review
    assert desk.session is not None
    for wording, proposed, supported, theme in (
        (
            "Publish the victims' services budget.",
            [ids["ann_rec"], ids["bob_rec"]],
            [ids["cat_q"]],
            "Victims",
        ),
        ("Set a rural crime target.", [], [ids["ann_rural"]], "Rural"),
        ("Explain how victims are consulted.", [], [ids["ann_q"]], "Victims"),
    ):
        desk.session.run(
            partial(
                review.add_panel_recommendation, wording, proposed=proposed, supported=supported, theme=theme
            )
        )
    desk.ui.desk.tabs.setCurrentWidget(desk.ui.desk.consolidation)
    return desk


def wordings(tab: ConsolidationTab) -> list[str]:
    return [r.wording for r in tab.recommendations]


def lineage_rows(tab: ConsolidationTab) -> list[list[str]]:
    """Each source as [who and their part, what they wrote]."""
    sources = tab.editor.sources
    return [sources.item(row).text().split("\n", 1) for row in range(sources.count())]


def test_lineage_is_shown_in_the_members_own_words(drafted: Desk, panel: Panel) -> None:
    tab = drafted.ui.desk.consolidation
    assert tab.current_id() == tab.recommendations[0].id
    assert lineage_rows(tab) == [
        ["Proposed by Cllr Ann Jones (Recommendation)", ANN_REC],
        ["Proposed by Councillor Bob Smith (Recommendation)", BOB_REC],
        ["Supported by Cat Lee (Question)", "Who designs it?"],
    ]
    assert tab.editor.lineage_label.text() == (
        "Proposed by Cllr Ann Jones, Councillor Bob Smith. Supported by Cat Lee."
    )
    assert tab.editor.wording_edit.toPlainText() == "Publish the victims' services budget."


def test_editing_the_panels_wording_leaves_members_wording_alone(
    drafted: Desk, panel: Panel, qtbot: Any
) -> None:
    tab = drafted.ui.desk.consolidation
    editor = tab.editor
    editor.wording_edit.setFocus()
    editor.wording_edit.selectAll()
    qtbot.keyClicks(editor.wording_edit, "The Panel recommends that the budget is published.")
    editor.commit()
    editor.rationale_edit.setPlainText("Members could not find it.")
    editor.commit()
    rec = drafted.review.recommendation(tab.recommendations[0].id)
    assert rec is not None
    assert rec.wording == "The Panel recommends that the budget is published."
    assert rec.rationale == "Members could not find it."
    assert drafted.session is not None
    assert drafted.session.undo_stack.undoText() == "Edit recommendation"
    conn = sqlite3.connect(drafted.review.path)
    try:
        stored = dict(conn.execute("SELECT id, wording FROM recommendations").fetchall())
    finally:
        conn.close()
    assert stored[panel.ids["ann_rec"]] == ANN_REC and stored[panel.ids["bob_rec"]] == BOB_REC
    assert lineage_rows(tab)[0][1] == ANN_REC


def test_order_by_buttons_then_number_and_group_by_theme(drafted: Desk) -> None:
    tab = drafted.ui.desk.consolidation
    tab.select(tab.recommendations[2].id)
    tab.up_button.click()
    assert wordings(tab) == [
        "Publish the victims' services budget.",
        "Explain how victims are consulted.",
        "Set a rural crime target.",
    ]
    assert tab.current_id() == tab.recommendations[1].id, "the moved one stays chosen"
    tab.down_button.click()
    tab.down_button.click()  # already last: nothing more
    assert wordings(tab)[2] == "Explain how victims are consulted."

    tab.scheme_combo.setCurrentIndex(tab.scheme_combo.findData("R1"))
    tab.number_button.click()
    assert [r.number for r in drafted.review.panel_recommendations()] == ["R1", "R2", "R3"]
    assert tab.list.item(0).text().startswith("R1 · Not yet decided · Victims")

    tab.theme_button.click()  # the two Victims recommendations together, in their order
    assert wordings(tab) == [
        "Publish the victims' services budget.",
        "Explain how victims are consulted.",
        "Set a rural crime target.",
    ]
    tab.scheme_combo.setCurrentIndex(tab.scheme_combo.findData("1"))
    tab.number_button.click()
    assert [r.number for r in drafted.review.panel_recommendations()] == ["1", "2", "3"]
    assert drafted.session is not None
    assert drafted.session.undo_stack.undoText() == "Number recommendations"
    drafted.session.undo_stack.undo()
    assert [r.number for r in drafted.review.panel_recommendations()] == ["R1", "R3", "R2"]


def test_number_them_by_theme(drafted: Desk) -> None:
    tab = drafted.ui.desk.consolidation
    assert [tab.scheme_combo.itemText(i) for i in range(tab.scheme_combo.count())] == [
        "1, 2, 3",
        "R1, R2, R3",
        "1.1, 1.2, 2.1 by theme",
    ]
    tab.select(tab.recommendations[1].id)
    tab.editor.theme_edit.setText("Rural crime")  # typed, not yet saved by leaving the box
    tab.scheme_combo.setCurrentIndex(tab.scheme_combo.findData("theme"))
    tab.number_button.click()
    numbered = [(r.number, r.wording, r.theme) for r in drafted.review.panel_recommendations()]
    assert numbered == [
        ("1.1", "Publish the victims' services budget.", "Victims"),
        ("1.2", "Explain how victims are consulted.", "Victims"),
        ("2.1", "Set a rural crime target.", "Rural crime"),
    ]
    assert wordings(tab) == [w for _n, w, _t in numbered], "the list is grouped by theme too"
    assert tab.list.item(2).text().startswith("2.1 · Not yet decided · Rural crime")
    assert drafted.session is not None
    assert drafted.session.undo_stack.undoText() == "Number recommendations by theme"
    drafted.session.undo_stack.undo()  # one step: numbers and order
    assert wordings(tab)[1] == "Set a rural crime target."
    assert all(r.number is None for r in drafted.review.panel_recommendations())


def test_dragging_saves_the_new_order(drafted: Desk) -> None:
    tab = drafted.ui.desk.consolidation
    root = QModelIndex()
    assert tab.list.model().moveRow(root, 0, root, 3)  # what a drop to the end of the list does
    QCoreApplication.processEvents()  # the order is saved once the drop has finished
    assert wordings(tab) == [
        "Set a rural crime target.",
        "Explain how victims are consulted.",
        "Publish the victims' services budget.",
    ]
    assert [r.wording for r in drafted.review.panel_recommendations()] == wordings(tab)


def test_decision_at_the_meeting_is_recorded_with_its_date(drafted: Desk) -> None:
    tab = drafted.ui.desk.consolidation
    editor = tab.editor
    assert editor.decision_label.text() == "Not yet decided by the panel."
    editor.decision_combo.setCurrentIndex(editor.decision_combo.findData("amended"))
    editor.meeting_edit.setDate(QDate(2026, 2, 3))
    editor.decision_button.click()
    rec = drafted.review.recommendation(tab.recommendations[0].id)
    assert rec is not None and rec.panel_status is PanelStatus.AMENDED and rec.decided_on == "2026-02-03"
    assert editor.decision_label.text() == "Agreed with amendments at the meeting on 3 February 2026."
    assert tab.list.item(0).text().startswith("(not numbered) · Agreed with amendments")

    tab.select(tab.recommendations[1].id)
    editor.decision_combo.setCurrentIndex(editor.decision_combo.findData("withdrawn"))
    editor.decision_button.click()
    tab.number_button.click()
    numbers = {r.wording: r.number for r in tab.recommendations}
    assert numbers == {
        "Publish the victims' services budget.": "1",
        "Set a rural crime target.": None,  # withdrawn: no number
        "Explain how victims are consulted.": "2",
    }
    assert "Set a rural crime target." not in [r.wording for r in drafted.review.panel_recommendations()]

    tab.select(tab.recommendations[0].id)
    editor.decision_combo.setCurrentIndex(editor.decision_combo.findData("undecided"))
    editor.decision_button.click()
    rec = drafted.review.recommendation(tab.recommendations[0].id)
    assert rec is not None and rec.panel_status is PanelStatus.DRAFT and rec.decided_on is None


def test_sources_can_be_added_switched_and_taken_out(drafted: Desk, panel: Panel, monkeypatch: Any) -> None:
    tab = drafted.ui.desk.consolidation
    tab.select(tab.recommendations[1].id)  # the rural one, supported by Ann's concern
    editor = tab.editor
    offered: list[set[str]] = []

    def fill(dialog: AddSourcesDialog) -> None:
        offered.append({item.id for item in dialog._items})
        dialog.tick(panel.ids["cat_budget"])
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("proposed"))
        dialog.ok_button.click()

    fill_dialog(monkeypatch, AddSourcesDialog, fill)
    editor.add_sources_button.click()
    assert panel.ids["ann_rural"] not in offered[0], "what it is built from already is not offered again"
    assert [row[0] for row in lineage_rows(tab)] == [
        "Supported by Cllr Ann Jones (Concern)",
        "Proposed by Cat Lee (Comment)",
    ]

    editor.sources.setCurrentRow(0)
    editor.role_button.click()
    assert lineage_rows(tab)[0][0] == "Proposed by Cllr Ann Jones (Concern)"
    assert editor.lineage_label.text() == "Proposed by Cllr Ann Jones, Cat Lee."

    editor.sources.setCurrentRow(1)
    editor.remove_source_button.click()
    assert [row[1] for row in lineage_rows(tab)] == ["No rural target"]
    assert drafted.session is not None
    drafted.session.undo_stack.undo()
    assert [row[1] for row in lineage_rows(tab)] == ["No rural target", "Reserves unclear"]


def test_new_and_delete(drafted: Desk, monkeypatch: Any) -> None:
    tab = drafted.ui.desk.consolidation

    def fill(dialog: PanelRecDialog) -> None:
        assert not dialog.sources.isVisible()
        dialog.wording_edit.setPlainText("Publish quarterly performance reports.")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, PanelRecDialog, fill)
    tab.new_button.click()
    assert wordings(tab)[-1] == "Publish quarterly performance reports."
    assert tab.current_id() == tab.recommendations[-1].id
    assert tab.editor.lineage_label.text() == "Proposed by no one yet."
    tab.delete_button.click()
    assert "Publish quarterly performance reports." not in wordings(tab)
