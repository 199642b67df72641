"""The panel's recommendations: built from members' words, ordered, numbered, decided and answered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from panelreview.core.clerk import SourceRole
from panelreview.core.review import InvalidValue, PanelStatus
from panelreview.storage import Review
from tests.clerk.conftest import MakeReview
from tests.clerk.panel import Panel, build_panel


@pytest.fixture
def panel(clerk: Review, make_review: MakeReview, tmp_path: Path) -> Panel:
    return build_panel(clerk, make_review, tmp_path)


def _draft_three(panel: Panel) -> list[str]:
    c, ids = panel.clerk, panel.ids
    first = c.add_panel_recommendation(
        "Publish the victims' services budget.",
        proposed=[ids["ann_rec"], ids["bob_rec"]],
        supported=[ids["bob_concern"], ids["cat_q"]],
    )
    second = c.add_panel_recommendation("Set a rural crime target.", supported=[ids["ann_rural"]])
    third = c.add_panel_recommendation("Explain the reserves.", supported=[ids["cat_budget"]])
    return [str(x.item_id) for x in (first, second, third)]


def test_lineage_keeps_who_proposed_and_who_supported(panel: Panel) -> None:
    first, second, _ = _draft_three(panel)
    lineage = panel.clerk.lineage(first)
    assert [m.name for m in lineage.proposers] == ["Cllr Ann Jones", "Councillor Bob Smith"]
    assert [m.name for m in lineage.supporters] == ["Cat Lee"]  # Bob proposed it, so he is not repeated
    assert [s.kind for s in lineage.sources] == ["recommendation", "recommendation", "concern", "question"]
    rec = panel.clerk.recommendation(first)
    assert rec is not None and rec.section.number == "2.1"  # placed where its first source is
    assert set(rec.linked_recommendations) == {panel.ids["ann_rec"], panel.ids["bob_rec"]}
    assert set(rec.linked_annotations) == {panel.ids["bob_concern"], panel.ids["cat_q"]}

    changed = panel.clerk.set_source_role(second, panel.ids["ann_rural"], "proposed")
    assert [m.name for m in panel.clerk.lineage(second).proposers] == ["Cllr Ann Jones"]
    panel.clerk.apply(changed.inverse())
    assert panel.clerk.lineage(second).sources[0].role is SourceRole.SUPPORTED
    panel.clerk.remove_source(first, panel.ids["cat_q"])
    assert panel.clerk.lineage(first).supporters == ()
    with pytest.raises(InvalidValue, match="not one this recommendation was built from"):
        panel.clerk.remove_source(first, panel.ids["cat_q"])
    panel.clerk.add_sources(second, proposed=[panel.ids["cat_budget"]])
    assert "Cat Lee" in [m.name for m in panel.clerk.lineage(second).proposers]


def test_members_original_wording_is_never_altered(panel: Panel) -> None:
    first, *_ = _draft_three(panel)
    panel.clerk.reword_panel_recommendation(first, "The Panel recommends publishing the budget in full.")
    panel.clerk.record_decision(
        first, "amended", meeting_date="2026-02-03", wording="Amended at the meeting."
    )
    conn = sqlite3.connect(panel.clerk.path)
    try:
        rows = dict(conn.execute("SELECT id, wording FROM recommendations").fetchall())
    finally:
        conn.close()
    assert rows[panel.ids["ann_rec"]] == (
        "The Panel recommends that the Commissioner publishes the budget for victims' services."
    )
    assert rows[panel.ids["bob_rec"]] == "The budget for victims’ services should be published"
    assert rows[first] == "Amended at the meeting."
    with pytest.raises(InvalidValue, match="cannot be built from another panel recommendation"):
        panel.clerk.add_panel_recommendation("Copy", proposed=[first])


def test_order_number_and_decide(panel: Panel) -> None:
    c = panel.clerk
    first, second, third = _draft_three(panel)
    assert [r.id for r in c.panel_recommendations()] == [first, second, third]
    c.order_panel_recommendations([third, first])
    assert [r.id for r in c.panel_recommendations()] == [third, first, second]
    c.number_panel_recommendations(prefix="R")
    assert [r.number for r in c.panel_recommendations()] == ["R1", "R2", "R3"]

    with pytest.raises(InvalidValue, match="date of the meeting"):
        c.record_decision(first, "agreed")
    c.update_settings(meeting_date="2026-02-03")
    c.record_decision(first, "agreed")
    c.record_decision(second, "withdrawn", meeting_date="3/2/2026")
    with pytest.raises(InvalidValue, match="not a decision"):
        c.record_decision(third, "postponed")
    decided = {r.id: r for r in c.recommendations()}
    assert (decided[first].panel_status, decided[first].decided_on) == (PanelStatus.AGREED, "2026-02-03")
    assert decided[second].decided_on == "2026-02-03"
    # the contract the report export uses: panel's order, withdrawn left out, undecided still there
    assert [r.id for r in c.panel_recommendations()] == [third, first]
    assert [r.id for r in c.panel_recommendations(agreed_only=True)] == [first]
    renumber = c.number_panel_recommendations()
    assert [(r.id, r.number) for r in c.panel_recommendations()] == [(third, "1"), (first, "2")]
    assert decided[second].id not in [r.id for r in c.panel_recommendations()]
    c.apply(renumber.inverse())
    assert [r.number for r in c.panel_recommendations()] == ["R1", "R2"]
    with pytest.raises(InvalidValue, match="Only the panel's own recommendations"):
        c.order_panel_recommendations([panel.ids["ann_rec"]])


def test_commissioners_response_uses_the_reviews_statuses(panel: Panel) -> None:
    c = panel.clerk
    first, *_ = _draft_three(panel)
    c.record_response(first, "Partly Accepted", text="We will publish a summary.", received="10 March 2026")
    rec = c.recommendation(first)
    assert rec is not None
    assert (rec.response_status, rec.response_text, rec.response_date) == (
        "partly accepted",
        "We will publish a summary.",
        "2026-03-10",
    )
    with pytest.raises(InvalidValue, match="not one of this review's response statuses"):
        c.record_response(first, "welcomed")
    c.update_settings(response_statuses=("welcomed", "declined"))
    c.record_response(first, "welcomed")
    with pytest.raises(InvalidValue, match="not a date received"):
        c.record_response(first, "declined", received="next Tuesday")
    with pytest.raises(InvalidValue, match="only they can change it"):
        c.record_response(panel.ids["ann_rec"], "welcomed")


def test_each_step_is_one_undoable_change(panel: Panel) -> None:
    c = panel.clerk
    added = c.add_panel_recommendation("Publish it.", proposed=[panel.ids["ann_rec"]])
    assert (
        added.label == "Add panel recommendation"
        and {"recommendations", "recommendation_links"} <= added.tables
    )
    c.apply(added.inverse())
    assert c.panel_recommendations() == [] and c.lineage(str(added.item_id)).sources == ()
    c.apply(added)
    assert [m.name for m in c.lineage(str(added.item_id)).proposers] == ["Cllr Ann Jones"]


def test_numbering_by_theme(panel: Panel) -> None:
    c, ids = panel.clerk, panel.ids
    made = {}
    for key, wording, theme in (
        ("budget", "Publish the victims' services budget.", "Victims"),
        ("rural", "Set a rural crime target.", "Rural crime"),
        ("consult", "Explain how victims are consulted.", " victims "),
        ("reserves", "Explain the reserves.", None),
        ("vehicles", "Count vehicle thefts.", "Rural Crime"),
    ):
        made[key] = str(c.add_panel_recommendation(wording, supported=[ids["ann_q"]], theme=theme).item_id)
    c.update_settings(meeting_date="2026-02-03")
    c.record_decision(made["vehicles"], "withdrawn")

    change = c.number_panel_recommendations(scheme="theme")
    assert change.label == "Number recommendations by theme" and change.tables == {"recommendations"}
    listed = [(r.number, r.id) for r in c.panel_recommendations()]
    assert listed == [
        ("1.1", made["budget"]),
        ("1.2", made["consult"]),  # moved up beside the other on its theme
        ("2.1", made["rural"]),
        ("3.1", made["reserves"]),  # no theme: a group of its own, where it stood
    ]
    withdrawn = c.recommendation(made["vehicles"])
    assert withdrawn is not None and withdrawn.number is None and withdrawn.position == 4
    themes = c.panel_themes()
    assert [(t.number, t.title, len(t.recommendations)) for t in themes] == [
        ("1", "Victims", 2),
        ("2", "Rural crime", 1),
        ("3", None, 1),
    ]

    c.apply(change.inverse())  # one undo step puts the numbers and the order back
    assert [r.id for r in c.panel_recommendations()] == [
        made[k] for k in ("budget", "rural", "consult", "reserves")
    ]
    assert all(r.number is None for r in c.panel_recommendations())
    c.number_panel_recommendations(scheme="R1")
    assert [r.number for r in c.panel_recommendations()] == ["R1", "R2", "R3", "R4"]
    assert [t.number for t in c.panel_themes()] == [None, None, None]
    with pytest.raises(InvalidValue, match="not a way of numbering"):
        c.number_panel_recommendations(scheme="A")


def test_numbering_by_theme_needs_themes(panel: Panel) -> None:
    _draft_three(panel)
    with pytest.raises(InvalidValue, match="has a theme yet"):
        panel.clerk.number_panel_recommendations(scheme="theme")
    assert all(r.number is None for r in panel.clerk.panel_recommendations())


def test_a_response_may_be_words_without_a_status(panel: Panel) -> None:
    c = panel.clerk
    first, *_ = _draft_three(panel)
    c.record_response(first, None, text="The Commissioner will consider this in the autumn.")
    rec = c.recommendation(first)
    assert rec is not None and (rec.response_status, rec.response_text) == (
        None,
        "The Commissioner will consider this in the autumn.",
    )
    with pytest.raises(InvalidValue, match="status or its words"):
        c.record_response(first, "", text="  ", received="2026-03-01")
    cleared = c.record_response(first)
    assert cleared.label == "Clear response"
    rec = c.recommendation(first)
    assert rec is not None and (rec.response_status, rec.response_text, rec.response_date) == (
        None,
        None,
        None,
    )
