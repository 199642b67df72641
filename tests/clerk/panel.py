"""A panel in code: four members expected, three send views, the clerk has imported them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panelreview.storage import Review
from tests.clerk.conftest import MakeReview, pack_of


@dataclass
class Panel:
    clerk: Review
    ids: dict[str, str]


def build_panel(clerk: Review, make_review: MakeReview, folder: Path) -> Panel:
    ids: dict[str, str] = {}
    ann = make_review("Cllr Ann Jones", council="Northtown")
    v = ann.anchor_for(section="2.1")
    ids["ann_q"] = str(
        ann.add_annotation(v, "question", "How will victims be asked?", visibility="panel").item_id
    )
    ids["ann_rec"] = str(
        ann.add_recommendation(
            "The Panel recommends that the Commissioner publishes the budget for victims' services.",
            anchor=v,
            visibility="report",
        ).item_id
    )
    ids["ann_rural"] = str(
        ann.add_annotation(
            ann.anchor_for(section="2.2"), "concern", "No rural target", visibility="panel"
        ).item_id
    )
    bob = make_review("Councillor Bob Smith")
    v = bob.anchor_for(section="2.1")
    ids["bob_concern"] = str(
        bob.add_annotation(v, "concern", "Victims wait too long", visibility="panel").item_id
    )
    ids["bob_rec"] = str(
        bob.add_recommendation(
            "The budget for victims’ services should be published", anchor=v, visibility="panel"
        ).item_id
    )
    cat = make_review("Cat Lee")
    ids["cat_q"] = str(
        cat.add_annotation(
            cat.anchor_for(section="2.1"), "question", "Who designs it?", visibility="report"
        ).item_id
    )
    ids["cat_budget"] = str(
        cat.add_annotation(
            cat.anchor_for(section="3.1"), "comment", "Reserves unclear", visibility="panel"
        ).item_id
    )
    cat.add_annotation(cat.anchor_for(section="3.1"), "comment", "My private doubt")
    for name in ("Ann Jones", "Cllr Bob Smith", "Cllr Cat Lee", "Cllr Dan Brown"):
        clerk.add_expected_member(name)
    clerk.import_packs([pack_of(m, folder) for m in (ann, bob, cat)])
    return Panel(clerk, ids)
