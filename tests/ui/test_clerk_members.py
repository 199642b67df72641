"""The clerk's desk, Members: importing packs, the members list, importing again, undoing an import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from panelreview.ui.clerk.common import top_items
from panelreview.ui.clerk.members import AddMemberDialog
from tests.clerk.test_pack_integrity import UNRELATED_PLAN
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import (
    Desk,
    Panel,
    answer_questions,
    capture_messages,
    choose_files,
    fill_dialog,
    make_review,
)

panel, desk = clerk_helpers.panel, clerk_helpers.desk  # the shared fixtures


def _rows(desk: Desk) -> dict[str, list[str]]:
    table = desk.ui.desk.members.table
    return {item.text(0): [item.text(c) for c in range(1, table.columnCount())] for item in top_items(table)}


def _import_all(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    choose_files(monkeypatch, [panel.packs["ann"], panel.packs["bob"], panel.packs["cat"]])
    desk.ui.actions.import_packs.trigger()


def test_import_shows_who_sent_views_when_and_how_many(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    assert desk.ui.desk.isVisible(), "a clerk's review shows the desk"
    assert desk.ui.actions.import_packs.isEnabled()
    assert not desk.ui.actions.undo_import.isEnabled(), "nothing imported yet"
    assert not desk.ui.actions.send.isEnabled(), "a clerk does not send to the clerk"
    before = _rows(desk)
    assert before["Ann Jones"][0] == "Not yet received"

    _import_all(desk, panel, monkeypatch)

    rows = _rows(desk)
    # Views, received, notes, questions, concerns, recommendations
    assert rows["Ann Jones"][0] == "Received" and rows["Ann Jones"][1]
    assert rows["Ann Jones"][2:] == ["2", "1", "1", "1"]  # the private note never arrived
    assert rows["Cllr Bob Smith"][2:] == ["1", "0", "1", "1"]
    assert rows["Cat Lee"][2:] == ["2", "1", "0", "0"]
    assert rows["Cllr Dan Brown"][:2] == ["Not yet received", ""]
    summary = desk.ui.desk.members.summary_label.text()
    assert "3 of 4 members have sent their views" in summary
    assert "Not yet received: Cllr Dan Brown" in summary
    assert desk.session is not None
    assert desk.session.undo_stack.count() == 1
    assert desk.session.undo_stack.undoText() == "Import members' reviews"
    assert desk.ui.actions.undo_import.isEnabled()
    assert "Cllr Ann Jones: 4 new." in desk.ui.desk.members.last_import_label.text()
    bodies = [n.body for n in desk.review.annotations()]
    assert "Ann's private thought" not in bodies and "My private doubt" not in bodies
    ann_q = desk.review.annotation(panel.ids["ann_q"])
    assert ann_q is not None and ann_q.author.name == "Cllr Ann Jones"
    assert [r.body for r in ann_q.replies] == ["Asked the OPCC officer; no answer yet."]


def test_importing_the_same_packs_again_changes_nothing(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    _import_all(desk, panel, monkeypatch)
    notes = len(desk.review.annotations())
    recs = len(desk.review.recommendations())
    assert desk.session is not None
    steps = desk.session.undo_stack.count()

    _import_all(desk, panel, monkeypatch)
    choose_files(monkeypatch, [panel.packs["bob"]])
    desk.ui.desk.members.import_button.click()

    assert len(desk.review.annotations()) == notes == 5
    assert len(desk.review.recommendations()) == recs == 2
    assert desk.session.undo_stack.count() == steps, "an import that changes nothing is no undo step"
    assert desk.ui.importer.last_message == "Every pack had been imported before; nothing changed."
    assert len(desk.review.imports()) == 1


def test_undo_last_import_takes_it_out_and_edit_undo_puts_it_back(
    desk: Desk, panel: Panel, monkeypatch: Any
) -> None:
    choose_files(monkeypatch, [panel.packs["ann"]])
    desk.ui.actions.import_packs.trigger()
    choose_files(monkeypatch, [panel.packs["bob"], panel.packs["cat"]])
    desk.ui.actions.import_packs.trigger()
    assert len(desk.review.annotations()) == 5

    desk.ui.desk.members.undo_button.click()

    assert sorted(n.author.name for n in desk.review.annotations()) == ["Cllr Ann Jones"] * 2
    rows = _rows(desk)
    assert rows["Ann Jones"][0] == "Received"
    assert rows["Cllr Bob Smith"][0] == rows["Cat Lee"][0] == "Not yet received"
    assert desk.session is not None
    assert desk.session.undo_stack.undoText() == "Remove imported members' reviews"

    desk.session.undo_stack.undo()  # Edit → Undo: the import is back
    assert len(desk.review.annotations()) == 5
    assert _rows(desk)["Cat Lee"][0] == "Received"

    desk.session.undo_stack.redo()
    desk.ui.actions.undo_import.trigger()  # the first import too, from the Panel menu
    assert desk.review.annotations() == []
    assert not desk.ui.actions.undo_import.isEnabled()
    assert all(row[0] == "Not yet received" for row in _rows(desk).values())


def test_a_damaged_pack_or_one_for_another_draft_is_named_and_the_others_offered(
    desk: Desk, panel: Panel, monkeypatch: Any, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.pcpack"
    damaged.write_bytes(panel.packs["bob"].read_bytes()[:-300])
    other = make_review(tmp_path, "Cllr Eve Other", text=UNRELATED_PLAN)
    other.add_annotation(other.anchor_for(section="3.1"), "concern", "Too much", visibility="panel")
    other_pack = tmp_path / "other draft.pcpack"
    other.share(other_pack)
    other.close()
    shown = capture_messages(monkeypatch)

    asked = answer_questions(monkeypatch, yes=False)
    choose_files(monkeypatch, [damaged, other_pack, panel.packs["ann"]])
    desk.ui.actions.import_packs.trigger()
    assert len(asked) == 1
    assert "“damaged.pcpack” is damaged" in asked[0]
    assert "“other draft.pcpack” is Cllr Eve Other’s review of a different plan altogether" in asked[0]
    assert "Import the other review pack, “Cllr Ann Jones.pcpack”?" in asked[0]
    assert desk.review.annotations() == [], "answering No imports nothing"

    asked = answer_questions(monkeypatch, yes=True)
    desk.ui.actions.import_packs.trigger()
    assert {n.author.name for n in desk.review.annotations()} == {"Cllr Ann Jones"}

    choose_files(monkeypatch, [damaged])
    desk.ui.actions.import_packs.trigger()
    assert shown["warning"] and shown["warning"][-1][0] == "Nothing was imported"
    assert "“damaged.pcpack” is damaged" in shown["warning"][-1][1]
    assert len(desk.review.imports()) == 1


def test_members_list_can_be_added_to_and_removed_from(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    def fill(dialog: AddMemberDialog) -> None:
        dialog.name_edit.setText("Ms Fay Green")
        dialog.council_edit.setText("Independent member")
        dialog.buttons.accepted.emit()

    fill_dialog(monkeypatch, AddMemberDialog, fill)
    desk.ui.desk.members.add_button.click()
    rows = _rows(desk)
    assert rows["Ms Fay Green (Independent member)"][0] == "Not yet received"
    assert "0 of 5 members" in desk.ui.desk.members.summary_label.text()

    table = desk.ui.desk.members.table
    table.setCurrentItem(next(item for item in top_items(table) if "Fay" in item.text(0)))
    assert desk.ui.desk.members.remove_button.isEnabled()
    desk.ui.desk.members.remove_button.click()
    assert not any("Fay" in name for name in _rows(desk))

    def same_person(dialog: AddMemberDialog) -> None:  # by another title: not listed twice
        dialog.name_edit.setText("Cllr Ann Jones")
        dialog.accept()

    fill_dialog(monkeypatch, AddMemberDialog, same_person)
    desk.ui.desk.members.add_button.click()
    assert desk.failures == ["Ann Jones is already on the members list."]


def test_double_clicking_a_member_shows_what_they_said(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    _import_all(desk, panel, monkeypatch)
    table = desk.ui.desk.members.table
    bob = next(item for item in top_items(table) if "Bob" in item.text(0))
    table.itemActivated.emit(bob, 0)
    assert desk.ui.desk.tabs.currentWidget() is desk.ui.desk.synthesis
    assert {i.author.name for i in desk.ui.desk.synthesis.items()} == {"Councillor Bob Smith"}


def test_a_narrow_desk_never_cuts_a_members_name(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    _import_all(desk, panel, monkeypatch)
    table = desk.ui.desk.members.table
    desk.ui.desk.resize(420, 500)
    desk.ui.desk.show()
    table.resize(400, 300)
    names = [item.text(0) for item in top_items(table)]
    assert names
    widest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
    assert table.header().sectionSize(0) >= widest  # whole, not "Cllr Ann Jone…"
