"""Adding a new version of the draft to a review carries every item over, as one undoable step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from panelreview.core.errors import UserError
from panelreview.core.model import Document
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review, open_review
from panelreview.storage.review import Review


def _read(samples: Path, name: str) -> tuple[bytes, Document]:
    data = (samples / name).read_bytes()
    return data, read_document_bytes(data, name)


@pytest.fixture
def v1_review(samples: Path, tmp_path: Path) -> Iterator[Review]:
    data, document = _read(samples, "westshire-plan-v1.pdf")
    review = create_review(tmp_path / "mine.pcpr", data, document, member_name="Cllr Ann Jones")
    review.add_annotation(review.anchor_for(section="2.3"), "concern", "Child exploitation: no baseline.")
    review.add_annotation(review.anchor_for(section="2.4"), "comment", "Good to see VAWG.")
    quoted = review.add_annotation(
        review.anchor_for(quote="Women and girls feeling safer in public spaces"),
        "question",
        "How is this measured?",
        visibility="panel",
    )
    review.add_reply(quoted.item_id, "Ask the OPCC for the survey.")
    review.add_recommendation("Publish the stalking figures.", anchor=review.anchor_for(section="2.5"))
    yield review
    review.close()


def _labels(review: Review) -> dict[str, str]:
    return {a.body: a.section.label for a in review.annotations()}


def test_items_follow_their_content_and_the_removed_outcome_is_orphaned(v1_review: Review, samples: Path):
    before = {a.id: a for a in v1_review.annotations()}
    data, document = _read(samples, "westshire-plan-v2.pdf")
    change = v1_review.add_draft_version(data, document)

    assert v1_review.current_draft_id == document.identity.sha256 == change.item_id
    labels = _labels(v1_review)
    assert labels["Good to see VAWG."].startswith("2.3 Women and girls")  # v1 2.4 is v2 2.3
    assert labels["How is this measured?"].startswith("2.3 Women and girls")
    assert v1_review.recommendations()[0].section.label.startswith("2.4 Perpetrators")  # v1 2.5
    records = {c.text: c for c in v1_review.carry_records()}
    orphan = records["Child exploitation: no baseline."]
    assert orphan.status == "orphaned" and orphan.new_section is None
    assert orphan.old_section.label.startswith("2.3 Every child")
    assert records["Good to see VAWG."].status == "moved"
    assert v1_review.carry_records()[0] is not None and v1_review.carry_records()[0].status == "orphaned"
    summary = v1_review.carry_summary()
    assert summary.total == 4 and summary.counts["orphaned"] == 1 and summary.needs_attention == 1
    # Nothing about the items themselves changed: text, author, visibility, replies, times.
    for note in v1_review.annotations():
        old = before[note.id]
        assert (note.body, note.author, note.visibility, note.replies, note.updated) == (
            old.body,
            old.author,
            old.visibility,
            old.replies,
            old.updated,
        )
    versions = v1_review.versions()
    assert [v.version_no for v in versions] == [1, 2] and versions[1].is_current
    assert versions[1].label == "Final draft" and versions[1].dated == "2025-02-06"
    # The old version stays readable, with each item's old anchor.
    assert v1_review.document(versions[0].id).file_name == "westshire-plan-v1.pdf"
    old_anchor = v1_review.item_anchor(orphan.item_id, versions[0].id)
    assert old_anchor is not None and old_anchor.section_id is not None
    on_v1 = v1_review.anchors_on(versions[0].id)
    assert len(on_v1) == 4 and on_v1[orphan.item_id] == old_anchor
    assert orphan.item_id not in v1_review.anchors_on(versions[1].id)


def test_undo_and_redo_in_the_window(v1_review: Review, samples: Path):
    first = _labels(v1_review)
    data, document = _read(samples, "westshire-plan-v2.pdf")
    change = v1_review.add_draft_version(data, document)
    carried = _labels(v1_review)
    v1_review.apply(change.inverse())
    assert _labels(v1_review) == first and len(v1_review.versions()) == 1
    v1_review.apply(change)
    assert _labels(v1_review) == carried and v1_review.current_draft_id == change.item_id
    assert v1_review.carry_summary().counts["orphaned"] == 1


def test_adding_the_same_version_again_changes_nothing(v1_review: Review, samples: Path):
    data, document = _read(samples, "westshire-plan-v2.pdf")
    v1_review.add_draft_version(data, document)
    again = v1_review.add_draft_version(data, document)
    assert again.is_empty and len(v1_review.versions()) == 2


def test_carrying_over_is_undone_in_one_step_also_after_reopening(v1_review: Review, samples: Path):
    path = v1_review.path
    first = _labels(v1_review)
    first_draft = v1_review.current_draft_id
    data, document = _read(samples, "westshire-plan-v2.pdf")
    v1_review.add_draft_version(data, document)
    v1_review.close()
    with open_review(path, member="Cllr Ann Jones") as review:
        undo = review.undo_last_carry_over()
        assert review.current_draft_id == first_draft and len(review.versions()) == 1
        assert _labels(review) == first
        assert review.carry_records() == []
        hits = review.search("perpetrators")
        assert hits and all(h.draft_id == first_draft for h in hits if h.item_type == "block")
        review.apply(undo.inverse())  # redo
        assert review.current_draft_id == document.identity.sha256
        assert _labels(review)["Good to see VAWG."].startswith("2.3 Women")
        with pytest.raises(UserError, match="not an import"):
            review.undo_last_import()


def test_an_orphan_can_be_reattached_or_dismissed(v1_review: Review, samples: Path):
    data, document = _read(samples, "westshire-plan-v2.pdf")
    v1_review.add_draft_version(data, document)
    orphan = v1_review.carry_records()[0]
    change = v1_review.dismiss_orphan(orphan.item_id)
    assert v1_review.carry_record(orphan.item_id).resolution == "dismissed"  # type: ignore[union-attr]
    assert v1_review.carry_summary().needs_attention == 0
    v1_review.apply(change.inverse())
    assert v1_review.carry_summary().needs_attention == 1
    v1_review.reattach(orphan.item_id, v1_review.anchor_for(section="2.2"))
    record = v1_review.carry_record(orphan.item_id)
    assert record is not None and record.resolution == "reattached"
    assert record.new_section is not None and record.new_section.number == "2.2"
    assert _labels(v1_review)["Child exploitation: no baseline."].startswith("2.2 ")


def test_a_draft_of_another_plan_is_refused_unless_the_member_insists(v1_review: Review, samples: Path):
    data, document = _read(samples, "000_cf48eb1cc15762b2.txt")
    assert v1_review.plan_match(document) < 0.5
    with pytest.raises(UserError, match="does not look like a version of the plan"):
        v1_review.add_draft_version(data, document)
    assert len(v1_review.versions()) == 1
    v1_review.add_draft_version(data, document, different_plan=True)
    statuses = {c.status.value for c in v1_review.carry_records()}
    assert statuses == {"orphaned"} and len(v1_review.annotations()) == 3  # listed, not lost


def test_cancelling_changes_nothing(v1_review: Review, samples: Path):
    data, document = _read(samples, "westshire-plan-v2.pdf")
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(UserError, match="cancelled"):
        v1_review.add_draft_version(data, document, progress=cancel)
    assert seen and len(v1_review.versions()) == 1
    assert _labels(v1_review)["Good to see VAWG."].startswith("2.4 ")


def test_was_it_addressed_covers_the_sections_a_recommendation_cites(v1_review: Review, samples: Path):
    sections = {s.number: s.id for s in v1_review.sections() if s.number}
    rec = v1_review.add_recommendation(
        "Join up exploitation and VAWG work.",
        anchor=v1_review.anchor_for(section="2.2"),
        section_ids=[sections["2.3"], sections["2.4"]],
    )
    data, document = _read(samples, "westshire-plan-v2.pdf")
    v1_review.add_draft_version(data, document)
    view = v1_review.addressed_view(str(rec.item_id))
    how = {c.old.number: (c.how, c.new.number if c.new else None) for c in view.cited}
    assert how == {"2.2": ("unchanged", "2.2"), "2.3": ("removed", None), "2.4": ("renumbered", "2.3")}
    assert view.judgement is None
    v1_review.record_addressed(str(rec.item_id), "not addressed", "Still two strategies")
    judged = v1_review.addressed_view(str(rec.item_id)).judgement
    assert (
        judged is not None
        and judged.status.value == "not-addressed"
        and judged.comment == "Still two strategies"
    )
    with pytest.raises(UserError, match="not a judgement"):
        v1_review.record_addressed(str(rec.item_id), "sort of")
