"""The clerk's desk: a member's view received on paper or by email, and the busy pointer on import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from panelreview.core.errors import UserError
from panelreview.ingest import read_document_bytes
from panelreview.ui.clerk.common import children, top_items
from panelreview.ui.clerk.view_entry import MemberViewDialog, add_member_view
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import (
    DRAFT_NAME,
    DRAFT_TEXT,
    Desk,
    Panel,
    fill_dialog,
    import_all,
    opened_desk,
    start_clerk,
)

panel = clerk_helpers.panel  # the shared fixture


@pytest.fixture
def desk(qtbot: Any, tmp_path: Path, panel: Panel, monkeypatch: Any) -> Iterator[Desk]:
    with opened_desk(qtbot, start_clerk(tmp_path)) as opened:
        import_all(opened, panel, monkeypatch)
        yield opened


def _rows(desk: Desk) -> dict[str, list[str]]:
    table = desk.ui.desk.members.table
    return {item.text(0): [item.text(c) for c in range(1, table.columnCount())] for item in top_items(table)}


def _leaves(desk: Desk) -> list[str]:
    tree = desk.ui.desk.synthesis.tree
    return [leaf.text(0) for node in top_items(tree) for group in children(node) for leaf in children(group)]


def test_a_view_by_email_entered_from_the_members_list(desk: Desk, monkeypatch: Any) -> None:
    members = desk.ui.desk.members
    dan = next(item for item in top_items(members.table) if item.text(0) == "Cllr Dan Brown")
    members.table.setCurrentItem(dan)
    rural = desk.review.anchor_for(section="2.2").section_id

    def fill(dialog: MemberViewDialog) -> None:
        assert dialog.member_combo.currentText() == "Cllr Dan Brown", "the member chosen in the list"
        assert not dialog.passage_edit.isEnabled(), "no draft open in this window to quote from"
        dialog.ok_button.click()
        assert dialog.error_label.text() == "Type the member's words first."
        assert dialog.result() == 0, "still open to be finished"
        dialog.section_combo.setCurrentIndex(dialog.section_combo.findData(rural))
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("concern"))
        dialog.text_edit.setPlainText("By email: no target for rural crime.")
        dialog.ok_button.click()

    made = fill_dialog(monkeypatch, MemberViewDialog, fill)
    assert members.add_view_button.isEnabled()
    members.add_view_button.click()
    assert len(made) == 1
    row = _rows(desk)["Cllr Dan Brown"]
    assert row[0] == "On paper or by email" and row[2:] == ["1", "0", "1", "0"]
    assert "4 of 4 members have sent their views" in members.summary_label.text()
    assert desk.session is not None and desk.session.undo_stack.undoText() == "Add member's view"

    desk.ui.desk.show_tab(1)
    assert "Cllr Dan Brown (on paper or by email): By email: no target for rural crime." in _leaves(desk)
    synthesis = desk.ui.desk.synthesis
    assert synthesis.member_combo.findText("Cllr Dan Brown") > 0, "Dan can be chosen in the filter"
    rural_node = next(n for n in top_items(synthesis.tree) if n.text(0).startswith("2.2"))
    assert rural_node.text(0).endswith("2 of 4 members")

    desk.session.undo_stack.undo()
    assert _rows(desk)["Cllr Dan Brown"][0] == "Not yet received"
    assert not any("By email" in leaf for leaf in _leaves(desk))


def test_a_view_from_someone_not_listed_by_the_panel_menu(desk: Desk, monkeypatch: Any) -> None:
    assert desk.ui.actions.add_view.isEnabled()

    def fill(dialog: MemberViewDialog) -> None:
        assert dialog.member_combo.currentText() == ""
        dialog.member_combo.setEditText("Cllr Eve Adams")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("recommendation"))
        dialog.text_edit.setPlainText("Publish the victims' services budget every year.")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, MemberViewDialog, fill)
    desk.ui.actions.add_view.trigger()
    assert _rows(desk)["Cllr Eve Adams"][0] == "On paper or by email (not on the list)"
    (rec,) = [r for r in desk.review.recommendations() if r.author.name == "Cllr Eve Adams"]
    assert rec.section.title is None, "about the draft as a whole"
    assert desk.window.statusBar().currentMessage() == "Added the member's view, entered on their behalf."


def test_a_passage_is_found_in_the_open_draft(desk: Desk, monkeypatch: Any) -> None:
    assert desk.session is not None
    document = read_document_bytes(DRAFT_TEXT.encode(), DRAFT_NAME)
    ann = next(line for line in desk.review.members_status() if line.name == "Ann Jones")

    def fill(dialog: MemberViewDialog) -> None:
        assert dialog.member_combo.currentText() == "Ann Jones"
        assert dialog.kind_combo.currentData() == "comment", "a comment unless the clerk says otherwise"
        dialog.text_edit.setPlainText("Said at the briefing: burglary figures are out of date.")
        dialog.passage_edit.setText("not in this draft at all")
        dialog.ok_button.click()
        assert dialog.result() == 0 and "not in the draft" in dialog.error_label.text().lower()
        dialog.passage_edit.setText("fewer burglaries and vehicle thefts")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, MemberViewDialog, fill)
    new_id = add_member_view(desk.window, desk.session, document, ann.member_id)
    assert new_id is not None
    note = desk.review.annotation(new_id)
    assert note is not None and note.anchor.quote == "fewer burglaries and vehicle thefts"
    assert note.section.number == "2.2" and note.kind.value == "comment"
    assert _rows(desk)["Ann Jones"][:1] == ["Received"] and _rows(desk)["Ann Jones"][2] == "3"


def test_the_busy_pointer_is_gone_before_a_refusal_is_shown(desk: Desk, monkeypatch: Any) -> None:
    assert desk.session is not None
    pointer: list[object] = []
    desk.session.failed.connect(lambda _message: pointer.append(QApplication.overrideCursor()))

    def refuse(*_args: object) -> None:
        raise UserError("The review could not be saved: the disk is full.")

    monkeypatch.setattr(desk.review, "import_packs", refuse)
    monkeypatch.setattr(desk.review, "undo_last_import", refuse)
    desk.ui.actions.import_packs.trigger()
    desk.ui.actions.undo_import.trigger()
    assert desk.failures == ["The review could not be saved: the disk is full."] * 2
    assert pointer == [None, None], "no busy pointer while the message shows"
    assert QApplication.overrideCursor() is None
