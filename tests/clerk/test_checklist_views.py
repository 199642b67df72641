"""A member's view of the statutory checklist: recorded, undone, turned into a recommendation in
one step, sent to the clerk in a pack (never a private one) and counted in the clerk's synthesis."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from panelreview.core.checklist import Status
from panelreview.core.review import InvalidValue
from panelreview.storage import Review
from tests.clerk.conftest import MakeReview, pack_of


def test_the_checklist_reads_the_draft_kept_in_the_review(make_review: MakeReview) -> None:
    ann = make_review("Cllr Ann Jones")
    result = ann.checklist()
    assert [p.section.label for p in result.item("resources").proposals] == ["3 Finance"]
    assert result.item("grants").status is Status.MISSING
    ann.update_settings(commissioner_title="Police, Fire and Crime Commissioner")
    assert "Police, Fire and Crime Commissioner" in ann.checklist().item("resources").explain


def test_a_view_is_recorded_changed_and_undone(make_review: MakeReview) -> None:
    ann = make_review("Cllr Ann Jones")
    first = ann.decide_checklist_item("resources", "confirmed")
    assert [s.label for s in ann.checklist_decisions_mine()["resources"].sections] == ["3 Finance"]
    second = ann.decide_checklist_item("resources", "changed", sections=["2"], note="The budget is thin.")
    view = ann.checklist_decisions_mine()["resources"]
    assert (view.decision, [s.label for s in view.sections], view.note) == (
        "changed",
        ["2 Priorities"],
        "The budget is thin.",
    )
    assert second.label.startswith("Change sections for: The financial and other resources")
    ann.apply(second.inverse())
    assert ann.checklist_decisions_mine()["resources"].decision == "confirmed"
    ann.apply(first.inverse())
    assert "resources" not in ann.checklist_decisions_mine()
    with pytest.raises(InvalidValue, match="Say which sections"):
        ann.decide_checklist_item("resources", "changed")
    with pytest.raises(InvalidValue, match="not a view of a checklist item"):
        ann.decide_checklist_item("resources", "maybe")


def test_a_missing_item_becomes_a_recommendation_in_one_undoable_step(make_review: MakeReview) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.decide_checklist_item("grants", "missing", note="No grants are named at all.")
    change = ann.draft_checklist_recommendation("grants")
    rec = ann.recommendation(str(change.item_id))
    assert rec is not None
    assert rec.wording.startswith("The Panel recommends that the final plan sets out the crime and disorder")
    assert (
        "Statutory checklist: Crime and disorder reduction grants and their conditions (s.7(1)(f))"
        in rec.rationale
    )
    assert "No grants are named at all." in rec.rationale
    assert rec.theme == "Statutory content"
    assert ann.checklist_decisions_mine()["grants"].recommendation_id == rec.id
    assert change.tables == {"recommendations", "checklist_decisions"}
    ann.apply(change.inverse())  # one undo removes the recommendation and the link to it
    assert ann.recommendation(rec.id) is None or not ann.recommendations()
    view = ann.checklist_decisions_mine()["grants"]
    assert view.decision == "missing" and view.recommendation_id is None
    # A weak item found in the draft cites where it was found.
    weak = ann.recommendation(str(ann.draft_checklist_recommendation("resources").item_id))
    assert weak is not None and weak.section.label == "3 Finance"
    assert ann.checklist_decisions_mine()["resources"].decision == "weak"


def test_views_travel_to_the_clerk_but_private_ones_never_do(
    make_review: MakeReview, clerk: Review, tmp_path: Path
) -> None:
    ann, bob, cat = make_review("Cllr Ann Jones"), make_review("Cllr Bob Smith"), make_review("Cat Lee")
    ann.decide_checklist_item("grants", "missing", note="Nothing on grants.")
    bob.decide_checklist_item(
        "grants", "missing", note="Secret reason: my cousin runs a charity", visibility="private"
    )
    bob.decide_checklist_item("spr", "missing")
    cat.decide_checklist_item("grants", "confirmed", sections=["3"])
    packs = [pack_of(r, tmp_path) for r in (ann, bob, cat)]
    with zipfile.ZipFile(packs[1]) as archive:
        carried = archive.read("checklist.json").decode()
    assert "cousin" not in carried and json.loads(carried)["checklist_decisions"][0]["item_id"] == "spr"
    change = clerk.import_packs(packs)
    tally = {t.item_id: t for t in clerk.checklist_tally()}
    assert tally["grants"].missing == 1 and tally["grants"].counts.get("confirmed") == 1
    assert tally["grants"].headline == "1 of 3 members marked it missing; 1 of 3 members confirmed"
    assert tally["spr"].missing == 1
    assert tally["objectives"].headline == "No member has given a view"
    # Ann keeps her view to herself after all: her next pack withdraws it at the clerk's.
    ann.decide_checklist_item("grants", "missing", note="Nothing on grants.", visibility="private")
    clerk.import_packs([pack_of(ann, tmp_path, "Ann again")])
    assert {t.item_id: t for t in clerk.checklist_tally()}["grants"].missing == 0
    # Undoing the imports takes the views away too.
    clerk.undo_last_import()
    clerk.apply(change.inverse())
    assert clerk.checklist_decisions() == []


def test_the_clerks_synthesis_command_counts_the_views(
    make_review: MakeReview, clerk: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from panelreview.cli import main

    ann = make_review("Cllr Ann Jones")
    ann.decide_checklist_item("grants", "missing")
    clerk.import_packs([pack_of(ann, tmp_path)])
    path = clerk.path
    clerk.close()
    assert main(["synthesis", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Crime and disorder reduction grants and their conditions (not found in the draft): " in out
    assert "1 of 1 member marked it missing" in out
