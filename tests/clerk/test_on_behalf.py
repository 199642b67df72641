"""Views a member sent on paper or by email, entered by the clerk on their behalf."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.core.review import InvalidValue
from panelreview.storage import PackError, Review
from tests.clerk.conftest import MakeReview, pack_of
from tests.clerk.helpers import rebuild_pack
from tests.clerk.panel import Panel, build_panel


@pytest.fixture
def panel(clerk: Review, make_review: MakeReview, tmp_path: Path) -> Panel:
    return build_panel(clerk, make_review, tmp_path)


def _status(clerk: Review, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in clerk.members_status() if s.name == name)


def test_a_view_by_email_counts_as_the_members_and_can_be_a_source(panel: Panel) -> None:
    clerk = panel.clerk
    assert not _status(clerk, "Cllr Dan Brown").received
    change = clerk.record_member_view(
        "Cllr Dan Brown", "concern", "No rural target at all.", anchor=clerk.anchor_for(section="2.2")
    )
    assert change.label == "Add member's view" and {"members", "annotations"} <= change.tables
    dan_view = str(change.item_id)
    note = clerk.annotation(dan_view)
    assert note is not None and note.author.name == "Cllr Dan Brown"
    assert note.author.id in clerk.entered_by_clerk() and note.author.id != clerk.owner_id

    dan = _status(clerk, "Cllr Dan Brown")  # the roster's own spelling, matched
    assert (dan.received, dan.pack_received, dan.entered, dan.concerns) == (True, False, 1, 1)
    assert dan.received_at is not None and dan.member_id == note.author.id

    rural = next(p for p in clerk.synthesis().sections if p.section.number == "2.2")
    (concerns,) = rural.groups
    assert concerns.headline(4) == "2 of 4 members raised concerns"
    assert {m.name for m in concerns.members} == {"Cllr Ann Jones", "Cllr Dan Brown"}
    assert clerk.synthesis().headline == "4 of 4 members commented on 3 parts of the draft"

    made = clerk.add_panel_recommendation("Set a rural crime target.", proposed=[dan_view])
    lineage = clerk.lineage(str(made.item_id))
    assert [m.name for m in lineage.proposers] == ["Cllr Dan Brown"]
    assert lineage.sources[0].text == "No rural target at all."


def test_a_view_for_a_member_who_sent_a_pack_counts_them_once(panel: Panel) -> None:
    clerk = panel.clerk
    ann = _status(clerk, "Ann Jones")
    assert ann.member_id is not None
    paper = clerk.record_member_view(
        ann.member_id,
        "question",
        "Asked at the briefing: who was consulted?",
        anchor=clerk.anchor_for(section="2.1"),
    )
    again = clerk.record_member_view("ann jones", "recommendation", "Publish the consultation.")
    assert len(clerk.entered_by_clerk()) == 1, "one member row per member, reused"
    ann = _status(clerk, "Ann Jones")
    assert (ann.notes, ann.questions, ann.recommendations, ann.entered) == (3, 2, 2, 2)

    victims = clerk.synthesis().sections[1]
    assert victims.section.number == "2.1"
    questions = victims.groups[0]
    assert len(questions.items) == 3 and questions.headline(4) == "2 of 4 members asked questions"
    only_ann = clerk.synthesis(member_ids=[ann.member_id])
    ids = {i.id for p in only_ann.sections for g in p.groups for i in g.items}
    assert {str(paper.item_id), str(again.item_id), panel.ids["ann_q"]} <= ids
    whole = clerk.synthesis().sections[0]
    assert whole.section.title is None and whole.groups[0].kind == "recommendation"


def test_a_later_pack_from_that_member_neither_duplicates_nor_clobbers_it(
    panel: Panel, make_review: MakeReview, tmp_path: Path
) -> None:
    clerk = panel.clerk
    by_email = clerk.record_member_view(
        "Dan Brown", "concern", "Rural crime is ignored.", anchor=clerk.anchor_for(section="2.2")
    )
    dan = make_review("Cllr Dan Brown")
    dan.add_annotation(
        dan.anchor_for(section="2.2"), "concern", "Rural crime is ignored.", visibility="panel"
    )
    pack = pack_of(dan, tmp_path)
    for _ in range(2):  # importing it twice changes nothing more
        clerk.import_packs([pack])
    dan.add_annotation(dan.anchor_for(section="3.1"), "question", "What about reserves?", visibility="panel")
    clerk.import_packs([pack_of(dan, tmp_path)])

    kept = clerk.annotation(str(by_email.item_id))
    assert (
        kept is not None
        and kept.body == "Rural crime is ignored."
        and kept.author.id in clerk.entered_by_clerk()
    )
    line = _status(clerk, "Cllr Dan Brown")
    assert (line.pack_received, line.entered, line.notes, line.concerns) == (True, 1, 3, 2)
    assert line.member_id == dan.owner_id, "the person is the member's own id once their pack is in"
    assert [s.name for s in clerk.members_status()] == [
        "Ann Jones",
        "Cllr Bob Smith",
        "Cllr Cat Lee",
        "Cllr Dan Brown",
    ]
    rural = next(p for p in clerk.synthesis().sections if p.section.number == "2.2")
    assert len(rural.groups[0].items) == 3 and rural.groups[0].headline(4) == "2 of 4 members raised concerns"

    clerk.record_member_view(dan.owner_id, "support", "Welcomes the finance section.")
    assert len(clerk.entered_by_clerk()) == 1
    clerk.undo_last_import()
    clerk.undo_last_import()
    assert clerk.annotation(str(by_email.item_id)) is not None, "undoing his imports keeps the clerk's entry"
    assert _status(clerk, "Cllr Dan Brown").entered == 2


def test_a_pack_that_claims_the_clerks_entry_is_refused(panel: Panel, tmp_path: Path) -> None:
    clerk = panel.clerk
    change = clerk.record_member_view("Cllr Dan Brown", "comment", "Letter of 3 March.")
    note = clerk.annotation(str(change.item_id))
    assert note is not None
    stand_in = note.author.id
    source = tmp_path / "Cat Lee.pcpack"

    def claim(rows: dict[str, list[dict[str, object]]]) -> None:
        rows["members"][0]["id"] = stand_in
        for table in ("annotations", "replies", "recommendations", "recommendation_links"):
            for row in rows[table]:
                row["author_id"] = stand_in
        rows["annotations"][0].update(id=str(change.item_id), updated="2099-01-01T00:00:00.000000Z")

    forged = rebuild_pack(
        source,
        tmp_path / "forged.pcpack",
        manifest=lambda m: m["member"].update(id=stand_in),
        items=claim,
    )
    with pytest.raises(PackError, match="holds items that are not"):
        clerk.import_packs([forged])
    assert clerk.annotation(str(change.item_id)) == note


def test_entering_views_is_undoable_and_the_clerk_can_correct_them(panel: Panel) -> None:
    clerk = panel.clerk
    change = clerk.record_member_view("Cllr Eve Adams", "question", "Whom does the plan thank?")
    view = str(change.item_id)
    assert [s.name for s in clerk.members_status() if not s.expected] == ["Cllr Eve Adams"]
    clerk.edit_annotation(view, body="Whom does the plan consult?")
    assert (a := clerk.annotation(view)) is not None and a.body == "Whom does the plan consult?"
    with pytest.raises(InvalidValue, match="only they can change it"):
        clerk.edit_annotation(panel.ids["ann_q"], body="Rewritten by the clerk")
    rec = str(clerk.record_member_view("Eve Adams", "recommendation", "Thank the volunteers.").item_id)
    with pytest.raises(InvalidValue, match="you entered it for them"):
        clerk.reword_panel_recommendation(rec, "Not a panel recommendation")
    clerk.delete_recommendation(rec)

    clerk.apply(change.inverse())
    assert clerk.annotation(view) is None
    assert "Cllr Eve Adams" not in [s.name for s in clerk.members_status()]
    clerk.apply(change)
    assert "Cllr Eve Adams" in [s.name for s in clerk.members_status()]
    stand_in = next(iter(clerk.entered_by_clerk()))
    clerk.apply(change.inverse())
    again = clerk.record_member_view(stand_in, "support", "Thanks the volunteers.")  # by the id listed before
    assert [(s.name, s.entered) for s in clerk.members_status() if not s.expected] == [("Cllr Eve Adams", 1)]
    assert clerk.entered_by_clerk() == {stand_in}
    clerk.apply(again.inverse())
    with pytest.raises(InvalidValue, match="not in this review"):
        clerk.record_member_view("0b9f6a55-7e8f-4a53-9d5e-0a2c0f1b7e11", "comment", "Who sent this?")
    clerk.apply(change)
    clerk.delete_annotation(view)
    assert "Cllr Eve Adams" not in [s.name for s in clerk.members_status()]


def test_what_cannot_be_entered_is_explained(panel: Panel, make_review: MakeReview) -> None:
    clerk = panel.clerk
    with pytest.raises(InvalidValue, match="is the clerk of this review"):
        clerk.record_member_view("Jo Clerk", "comment", "My own view")
    with pytest.raises(InvalidValue, match="A view needs words"):
        clerk.record_member_view("Cllr Dan Brown", "highlight", "x")
    with pytest.raises(InvalidValue, match="text of the concern is empty"):
        clerk.record_member_view("Cllr Dan Brown", "concerns", "  ")
    with pytest.raises(InvalidValue, match="member's name is empty"):
        clerk.record_member_view(" ", "comment", "Who?")
    member = make_review("Cllr Fay Green")
    with pytest.raises(InvalidValue, match="Only the clerk's review"):
        member.record_member_view("Cllr Ann Jones", "comment", "Not here")


def test_with_no_members_list_views_on_paper_count_towards_the_total(
    clerk: Review, make_review: MakeReview, tmp_path: Path
) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.add_annotation(ann.anchor_for(section="2.1"), "question", "Who?", visibility="panel")
    clerk.import_packs([pack_of(ann, tmp_path)])
    clerk.record_member_view("Cllr Gil Hart", "question", "And when?", anchor=clerk.anchor_for(section="2.1"))
    assert clerk.panel_size() == 2
    assert clerk.synthesis().sections[0].groups[0].headline(2) == "2 of 2 members asked questions"
