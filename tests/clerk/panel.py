"""A panel in code: four members expected, three send views, the clerk has imported them.

:func:`add_views` is the members' side alone (also used by the clerk's desk tests in tests/ui).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panelreview.storage import Review
from tests.clerk.conftest import MakeReview, pack_of

# Ann's and Bob's recommendations on 2.1 are worded alike, so the clerk is offered a merge
ANN_REC = "The Panel recommends that the Commissioner publishes the budget for victims' services."
BOB_REC = "The budget for victims’ services should be published"


@dataclass
class Panel:
    clerk: Review
    ids: dict[str, str]


def add_views(make_review: MakeReview) -> tuple[list[Review], dict[str, str]]:
    """Ann's, Bob's and Cat's reviews (made by ``make_review(name, ...)``) with their views, and the ids.

    Each shares notes and a recommendation or question; Cat also keeps one note private.
    """
    ids: dict[str, str] = {}
    ann = make_review("Cllr Ann Jones", council="Northtown")
    victims = ann.anchor_for(section="2.1")
    ids["ann_q"] = str(
        ann.add_annotation(victims, "question", "How will victims be asked?", visibility="panel").item_id
    )
    ids["ann_rec"] = str(ann.add_recommendation(ANN_REC, anchor=victims, visibility="report").item_id)
    ids["ann_rural"] = str(
        ann.add_annotation(
            ann.anchor_for(section="2.2"), "concern", "No rural target", visibility="panel"
        ).item_id
    )
    bob = make_review("Councillor Bob Smith")
    victims = bob.anchor_for(section="2.1")
    ids["bob_concern"] = str(
        bob.add_annotation(victims, "concern", "Victims wait too long", visibility="panel").item_id
    )
    ids["bob_rec"] = str(bob.add_recommendation(BOB_REC, anchor=victims, visibility="panel").item_id)
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
    return [ann, bob, cat], ids


def build_panel(clerk: Review, make_review: MakeReview, folder: Path) -> Panel:
    members, ids = add_views(make_review)
    for name in ("Ann Jones", "Cllr Bob Smith", "Cllr Cat Lee", "Cllr Dan Brown"):
        clerk.add_expected_member(name)
    clerk.import_packs([pack_of(m, folder) for m in members])
    return Panel(clerk, ids)
