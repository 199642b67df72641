"""The clerk imports packs written on other versions of the same plan; a different plan is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.ingest import read_document_bytes
from panelreview.storage import PackError, create_review, open_review
from tests.clerk.helpers import state


def _member_pack(tmp_path: Path, samples: Path, name: str, draft: str, *, with_draft: bool = True) -> Path:
    data = (samples / draft).read_bytes()
    path = tmp_path / f"{name}.pcpr"
    with create_review(path, data, read_document_bytes(data, draft), member_name=name) as review:
        review.add_annotation(
            review.anchor_for(section="2.4"), "comment", f"{name}: VAWG", visibility="panel"
        )
        note = review.add_annotation(
            review.anchor_for(quote="Perpetrators of domestic abuse and stalking"),
            "question",
            f"{name}: perpetrator programmes?",
            visibility="panel",
        )
        review.add_reply(note.item_id, f"{name}: see the budget")
        if draft.startswith("westshire-plan-v1"):
            review.add_annotation(
                review.anchor_for(section="2.3"), "concern", f"{name}: exploitation", visibility="panel"
            )
        return review.share(tmp_path / f"{name}.pcpack", include_draft=with_draft).path


def _clerk(tmp_path: Path, samples: Path, draft: str, name: str = "clerk") -> Path:
    data = (samples / draft).read_bytes()
    path = tmp_path / f"{name}.pcpr"
    create_review(path, data, read_document_bytes(data, draft), member_name="Clerk", role="clerk").close()
    return path


def test_packs_on_an_earlier_and_a_later_version_are_carried_to_the_clerks(tmp_path: Path, samples: Path):
    early = _member_pack(tmp_path, samples, "Ann", "westshire-plan-v1.pdf")
    late = _member_pack(tmp_path, samples, "Bob", "westshire-plan-v2.docx")
    clerk = _clerk(tmp_path, samples, "westshire-plan-v2.pdf")
    with open_review(clerk) as review:
        review.import_packs([early, late])
        where = {a.body: a.section.label for a in review.annotations()}
        assert where["Ann: VAWG"].startswith("2.3 Women and girls")  # v1 2.4 is v2 2.3
        assert where["Ann: perpetrator programmes?"].startswith("2.4 Perpetrators")
        assert where["Bob: VAWG"].startswith("2.4 Perpetrators")  # Bob wrote on v2's 2.4
        assert all(a.draft_id == review.current_draft_id for a in review.annotations())
        replies = {a.body: [r.body for r in a.replies] for a in review.annotations()}
        assert replies["Ann: perpetrator programmes?"] == ["Ann: see the budget"]  # threads intact
        assert replies["Bob: perpetrator programmes?"] == ["Bob: see the budget"]
        statuses = {c.text: c.status.value for c in review.carry_records()}
        assert statuses["Ann: exploitation"] == "orphaned"  # outcome 2.3 was removed in v2
        assert statuses["Ann: VAWG"] == "moved"
        orphan = next(c for c in review.carry_records() if c.status.value == "orphaned")
        assert orphan.old_section.label.startswith("2.3 Every child")
        once = state(review)
        review.import_packs([early, late])  # again: nothing changes
        assert state(review) == once


def test_import_order_does_not_matter(tmp_path: Path, samples: Path):
    early = _member_pack(tmp_path, samples, "Ann", "westshire-plan-v1.pdf")
    late = _member_pack(tmp_path, samples, "Bob", "westshire-plan-v2.pdf")
    first, second = (
        _clerk(tmp_path, samples, "westshire-plan-v2.pdf", "one"),
        _clerk(tmp_path, samples, "westshire-plan-v2.pdf", "two"),
    )
    with open_review(first) as a, open_review(second) as b:
        a.import_packs([early])
        a.import_packs([late])
        b.import_packs([late, early])
        items = ("annotations", "replies", "recommendations", "recommendation_links")
        assert {t: state(a)[t] for t in items} == {t: state(b)[t] for t in items}
        assert {c.item_id: c.status for c in a.carry_records()} == {
            c.item_id: c.status for c in b.carry_records()
        }


def test_a_pack_on_a_different_plan_is_refused_plainly(tmp_path: Path, samples: Path):
    other = _clerk(tmp_path, samples, "000_cf48eb1cc15762b2.txt", "other-plan")
    pack = _member_pack(tmp_path, samples, "Ann", "westshire-plan-v1.pdf")
    with open_review(other) as review, pytest.raises(PackError, match="different plan altogether"):
        review.import_packs([pack])


def test_a_pack_on_another_version_sent_without_its_draft_asks_for_it(tmp_path: Path, samples: Path):
    pack = _member_pack(tmp_path, samples, "Ann", "westshire-plan-v1.pdf", with_draft=False)
    clerk = _clerk(tmp_path, samples, "westshire-plan-v2.pdf")
    with (
        open_review(clerk) as review,
        pytest.raises(PackError, match="send it again with the draft included"),
    ):
        review.import_packs([pack])
