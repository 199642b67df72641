"""What the clerk reads: the members list, everything said by section and kind, duplicates to merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.core.review import InvalidValue
from panelreview.core.similarity import content_words, similarity
from panelreview.storage import Review
from tests.clerk.conftest import MakeReview, pack_of
from tests.clerk.panel import Panel, build_panel


@pytest.fixture
def panel(clerk: Review, make_review: MakeReview, tmp_path: Path) -> Panel:
    return build_panel(clerk, make_review, tmp_path)


def test_members_list_shows_received_and_not_yet(
    panel: Panel, make_review: MakeReview, tmp_path: Path
) -> None:
    status = {s.name: s for s in panel.clerk.members_status()}
    assert list(status) == ["Ann Jones", "Cllr Bob Smith", "Cllr Cat Lee", "Cllr Dan Brown"]
    ann = status["Ann Jones"]  # matched to "Cllr Ann Jones" by name, titles ignored
    assert ann.received and ann.expected and ann.received_at and ann.pack_created
    assert (ann.notes, ann.questions, ann.concerns, ann.recommendations) == (2, 1, 1, 1)
    assert status["Cllr Cat Lee"].notes == 2  # the private note never arrived
    assert not status["Cllr Dan Brown"].received and status["Cllr Dan Brown"].received_at is None

    eve = make_review("Cllr Eve Adams")
    eve.add_annotation(eve.anchor_for(section="1"), "support", "Good start", visibility="panel")
    panel.clerk.import_packs([pack_of(eve, tmp_path)])
    (extra,) = [s for s in panel.clerk.members_status() if not s.expected]
    assert (extra.name, extra.received, extra.notes) == ("Cllr Eve Adams", True, 1)

    with pytest.raises(InvalidValue, match="already on the members list"):
        panel.clerk.add_expected_member("cllr. dan BROWN")
    roster_id = status["Cllr Dan Brown"].roster_id
    assert roster_id is not None
    removed = panel.clerk.remove_expected_member(roster_id)
    assert "Cllr Dan Brown" not in [s.name for s in panel.clerk.members_status()]
    panel.clerk.apply(removed.inverse())
    assert "Cllr Dan Brown" in [s.name for s in panel.clerk.members_status()]


def test_members_list_after_undoing_an_import(panel: Panel) -> None:
    panel.clerk.undo_last_import()
    assert [s.received for s in panel.clerk.members_status()] == [False] * 4


def test_synthesis_by_section_then_kind_with_counts(panel: Panel) -> None:
    synthesis = panel.clerk.synthesis()
    assert synthesis.total_members == 4
    assert [p.section.number for p in synthesis.sections] == ["2.1", "2.2", "3.1"]
    victims = synthesis.sections[0]
    assert victims.headline.startswith("3 of 4 members raised points on “2.1 Victims’ services")
    assert [g.kind for g in victims.groups] == ["question", "concern", "recommendation"]
    questions, concerns, recs = victims.groups
    assert questions.headline(4) == "2 of 4 members asked questions"
    assert {i.author.name for i in questions.items} == {"Cllr Ann Jones", "Cat Lee"}
    assert concerns.headline(4) == "1 of 4 members raised concerns"
    assert recs.headline(4) == "2 of 4 members made recommendations" and len(recs.items) == 2
    assert synthesis.headline == "3 of 4 members commented on 3 parts of the draft"
    everything = [i.id for p in synthesis.sections for g in p.groups for i in g.items]
    assert len(everything) == len(set(everything)) == 7  # the private note is not there


def test_synthesis_filters_and_rolls_up(panel: Panel) -> None:
    bob = next(s.member_id for s in panel.clerk.members_status() if s.name == "Cllr Bob Smith")
    assert bob is not None
    only_bob = panel.clerk.synthesis(member_ids=[bob])
    assert [(g.kind, len(g.items)) for p in only_bob.sections for g in p.groups] == [
        ("concern", 1),
        ("recommendation", 1),
    ]
    questions = panel.clerk.synthesis(kinds=["questions"])
    assert [g.kind for p in questions.sections for g in p.groups] == ["question"]
    by_priority = panel.clerk.synthesis(level=1)
    assert [p.section.label for p in by_priority.sections] == ["2 Priorities", "3 Finance"]
    assert by_priority.sections[0].headline.startswith("3 of 4 members")
    assert panel.clerk.synthesis(kinds=["recommendation"]).sections[0].groups[0].kind == "recommendation"


def test_clerks_own_items_are_not_in_the_synthesis(panel: Panel) -> None:
    clerk = panel.clerk
    clerk.add_annotation(clerk.anchor_for(section="2.3"), "comment", "Clerk's reminder")
    clerk.add_panel_recommendation("Panel wording", proposed=[panel.ids["ann_rec"]])
    kinds = [(p.section.number, g.kind, len(g.items)) for p in clerk.synthesis().sections for g in p.groups]
    assert ("2.3", "comment", 1) not in kinds and ("2.1", "recommendation", 2) in kinds


def test_near_duplicate_recommendations_are_suggested_until_merged(panel: Panel) -> None:
    (suggestion,) = panel.clerk.merge_suggestions()
    assert set(suggestion.ids) == {panel.ids["ann_rec"], panel.ids["bob_rec"]}
    assert suggestion.score >= 0.5
    panel.clerk.add_panel_recommendation(
        "Publish the victims' services budget", proposed=[panel.ids["ann_rec"], panel.ids["bob_rec"]]
    )
    assert panel.clerk.merge_suggestions() == []


def test_similar_wording_only_on_the_same_passage(
    make_review: MakeReview, clerk: Review, tmp_path: Path
) -> None:
    ann = make_review("Cllr Ann Jones")
    wording = "Publish the budget for victims' services"
    ann.add_recommendation(wording, anchor=ann.anchor_for(section="2.1"), visibility="panel")
    ann.add_recommendation(wording, anchor=ann.anchor_for(section="3.1"), visibility="panel")
    ann.add_recommendation(
        "Set a rural burglary target", anchor=ann.anchor_for(section="2.1"), visibility="panel"
    )
    clerk.import_packs([pack_of(ann, tmp_path)])
    assert clerk.merge_suggestions() == []
    a, b = content_words("Publishes budgets for communities"), content_words("publish the community budget")
    assert similarity(a, b) == 1.0


def test_merge_suggestions_read_only_recommendations_and_find_the_same_groups(
    panel: Panel, make_review: MakeReview, tmp_path: Path
) -> None:
    """The suggestions are what comparing every member's recommendation (as listed) finds."""
    from panelreview.core.similarity import Candidate, near_duplicates

    dan = make_review("Cllr Dan Brown")
    for section, wording in (
        ("2.1", "Publish the victims' services budget every year"),
        ("2.2", "Set a target for rural burglary"),
        ("3.1", "Publish the victims' services budget"),
    ):
        dan.add_recommendation(wording, anchor=dan.anchor_for(section=section), visibility="panel")
    quote = dan.anchor_for(quote="fewer burglaries and vehicle thefts")
    dan.add_recommendation("A rural burglary target should be set", anchor=quote, visibility="panel")
    panel.clerk.import_packs([pack_of(dan, tmp_path)])
    panel.clerk.add_panel_recommendation("Publish the victims' services budget", proposed=[])
    members_recs = [r for r in panel.clerk.recommendations() if r.author.id != panel.clerk.owner_id]
    expected = near_duplicates(
        [Candidate(r.id, r.wording, r.anchor.section_id, r.anchor.start, r.anchor.end) for r in members_recs]
    )
    found = panel.clerk.merge_suggestions()
    assert found == expected and len(found) == 2
    assert {len(s.ids) for s in found} == {2, 3}

    queries: list[str] = []
    panel.clerk._file.conn.set_trace_callback(queries.append)
    try:
        panel.clerk.merge_suggestions()
    finally:
        panel.clerk._file.conn.set_trace_callback(None)
    assert not any("annotations" in q or "replies" in q for q in queries), "notes are not read"
