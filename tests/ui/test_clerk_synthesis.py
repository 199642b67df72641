"""The clerk's desk, Synthesis: by section then kind, counts, filters, going to the draft, merging."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from panelreview.ui.clerk.common import ITEM_ROLE, children, top_items
from panelreview.ui.clerk.compose import PanelRecDialog
from panelreview.ui.clerk.desk import RECOMMENDATIONS
from panelreview.ui.clerk.synthesis import SynthesisTab
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
def combined(desk: Desk, panel: Panel, monkeypatch: Any) -> Desk:
    import_all(desk, panel, monkeypatch)
    desk.ui.desk.tabs.setCurrentWidget(desk.ui.desk.synthesis)
    return desk


def outline(tab: SynthesisTab) -> dict[str, dict[str, list[str]]]:
    """The tree as text: section line -> kind line -> item lines."""
    return {
        node.text(0): {group.text(0): [leaf.text(0) for leaf in children(group)] for group in children(node)}
        for node in top_items(tab.tree)
    }


def test_everything_said_by_section_then_kind_with_counts(combined: Desk) -> None:
    tab = combined.ui.desk.synthesis
    tree = outline(tab)
    sections = [(line.split(" ")[0], line.split(" — ")[-1]) for line in tree]
    assert sections == [("2.1", "3 of 4 members"), ("2.2", "1 of 4 members"), ("3.1", "1 of 4 members")]
    victims = tree[next(iter(tree))]
    assert list(victims) == [
        "Questions — 2 of 4 members",
        "Concerns — 1 of 4 members",
        "Recommendations — 2 of 4 members",
    ]
    assert victims["Questions — 2 of 4 members"] == [
        "Cllr Ann Jones: How will victims be asked?  (1 reply)",
        "Cat Lee: Who designs it?",
    ]
    assert tab.headline_label.text() == "3 of 4 members commented on 3 parts of the draft."
    everything = " ".join(line for groups in tree.values() for lines in groups.values() for line in lines)
    assert "private" not in everything


def test_filters_by_member_and_kind(combined: Desk) -> None:
    tab = combined.ui.desk.synthesis
    tab.member_combo.setCurrentIndex(tab.member_combo.findText("Cllr Bob Smith"))
    assert {i.author.name for i in tab.items()} == {"Councillor Bob Smith"}
    assert len(tab.items()) == 2
    tab.member_combo.setCurrentIndex(0)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("question"))
    assert sorted(i.author.name for i in tab.items()) == ["Cat Lee", "Cllr Ann Jones"]
    assert next(iter(outline(tab).values())) == {
        "Questions — 2 of 4 members": [
            "Cllr Ann Jones: How will victims be asked?  (1 reply)",
            "Cat Lee: Who designs it?",
        ]
    }
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("recommendation"))
    assert sorted(i.author.name for i in tab.items()) == ["Cllr Ann Jones", "Councillor Bob Smith"]
    tab.level_combo.setCurrentIndex(1)  # main parts only: 2.1 rolls up into 2
    tab.kind_combo.setCurrentIndex(0)
    assert [line.split(" — ")[0] for line in outline(tab)] == ["2 Priorities", "3 Finance"]


def test_choosing_an_item_shows_it_in_full_and_enter_goes_to_it(
    combined: Desk, panel: Panel, qtbot: Any
) -> None:
    tab = combined.ui.desk.synthesis
    assert tab.select(panel.ids["ann_q"])
    text = tab.detail.toPlainText()
    assert "How will victims be asked?" in text
    assert "Asked the OPCC officer; no answer yet." in text, "the reply thread is kept"
    tab.tree.itemActivated.emit(tab.tree.currentItem(), 0)
    assert len(combined.jumps) == 1
    note = combined.review.annotation(panel.ids["ann_q"])
    assert note is not None and combined.jumps[0] == note.anchor
    tab.go_button.click()
    assert len(combined.jumps) == 2
    leaf = next(leaf for leaf in tab.leaves() if leaf.data(0, ITEM_ROLE)[1] == panel.ids["cat_budget"])
    tab.tree.scrollToItem(leaf)
    rect = tab.tree.visualItemRect(leaf)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(40, 0))
    budget = combined.review.annotation(panel.ids["cat_budget"])
    assert budget is not None and combined.jumps[-1] == budget.anchor, "a click shows it in the draft too"
    assert tab.current_item() == budget and "Reserves unclear" in tab.detail.toPlainText()


def test_similar_recommendations_merge_into_one_panel_recommendation(
    combined: Desk, panel: Panel, monkeypatch: Any
) -> None:
    tab = combined.ui.desk.synthesis
    assert tab.suggestions.count() == 1
    suggestion = tab.suggestions.item(0).text()
    assert "Cllr Ann Jones: " + ANN_REC in suggestion and "Councillor Bob Smith: " + BOB_REC in suggestion
    assert not tab.merge_button.isEnabled()
    tab.suggestions.setCurrentRow(0)
    seen: list[list[str]] = []

    def fill(dialog: PanelRecDialog) -> None:
        seen.append([row.text(1) for row in top_items(dialog.sources)])
        assert dialog.wording_edit.toPlainText() == ANN_REC  # starts from a member's words
        dialog.wording_edit.setPlainText("The Panel recommends publishing the victims' services budget.")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, PanelRecDialog, fill)
    tab.merge_button.click()

    assert seen == [["Cllr Ann Jones", "Councillor Bob Smith"]]
    panel_recs = combined.review.panel_recommendations()
    assert [r.wording for r in panel_recs] == [
        "The Panel recommends publishing the victims' services budget."
    ]
    lineage = combined.review.lineage(panel_recs[0].id)
    assert [m.name for m in lineage.proposers] == ["Cllr Ann Jones", "Councillor Bob Smith"]
    assert combined.ui.desk.tabs.currentIndex() == RECOMMENDATIONS
    assert combined.ui.desk.consolidation.current_id() == panel_recs[0].id
    assert tab.suggestions.count() == 0, "a merged group is no longer suggested"
    conn = sqlite3.connect(combined.review.path)
    try:
        wording = dict(conn.execute("SELECT id, wording FROM recommendations").fetchall())
    finally:
        conn.close()
    assert wording[panel.ids["ann_rec"]] == ANN_REC and wording[panel.ids["bob_rec"]] == BOB_REC


def test_ticked_items_make_a_panel_recommendation(combined: Desk, panel: Panel, monkeypatch: Any) -> None:
    tab = combined.ui.desk.synthesis
    assert not tab.compose_button.isEnabled()
    for key in ("ann_rec", "bob_concern", "cat_q"):
        tab.tick(panel.ids[key])
    assert tab.compose_button.isEnabled()

    def fill(dialog: PanelRecDialog) -> None:
        dialog.theme_edit.setText("Victims")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, PanelRecDialog, fill)
    tab.compose_button.click()

    rec = combined.review.panel_recommendations()[0]
    assert rec.wording == ANN_REC and rec.theme == "Victims"
    lineage = combined.review.lineage(rec.id)
    assert [m.name for m in lineage.proposers] == ["Cllr Ann Jones"]
    assert sorted(m.name for m in lineage.supporters) == ["Cat Lee", "Councillor Bob Smith"]
    assert tab.ticked_ids() == []
    editor = combined.ui.desk.consolidation.editor
    assert editor.lineage_label.text() in (
        "Proposed by Cllr Ann Jones. Supported by Cat Lee, Councillor Bob Smith.",
        "Proposed by Cllr Ann Jones. Supported by Councillor Bob Smith, Cat Lee.",
    )
    assert combined.session is not None
    assert combined.session.undo_stack.undoText() == "Add panel recommendation"


def test_empty_wording_is_refused_in_the_dialog(combined: Desk, panel: Panel, monkeypatch: Any) -> None:
    tab = combined.ui.desk.synthesis
    tab.tick(panel.ids["cat_q"])  # a note only: no member's wording to start from

    def fill(dialog: PanelRecDialog) -> None:
        dialog.ok_button.click()
        assert dialog.error_label.text() == "Write the panel's wording first."
        assert dialog.result() == 0
        dialog.reject()

    fill_dialog(monkeypatch, PanelRecDialog, fill)
    tab.compose_button.click()
    assert combined.review.panel_recommendations() == []


def test_keyboard_alone_ticks_items_and_goes_to_them(combined: Desk, panel: Panel, qtbot: Any) -> None:
    tab = combined.ui.desk.synthesis
    tab.tree.setFocus()
    assert tab.select(panel.ids["bob_concern"])
    qtbot.keyClick(tab.tree, Qt.Key.Key_Space)
    assert tab.ticked_ids() == [panel.ids["bob_concern"]]
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    note = combined.review.annotation(panel.ids["bob_concern"])
    assert note is not None and combined.jumps == [note.anchor]
    assert tab.compose_button.isEnabled()
