"""A note or recommendation whose passage the new version dropped is "not placed": the exports say
where it was and that the current version does not have it, never that it is on the plan as a whole."""

from __future__ import annotations

from pathlib import Path

from panelreview.core.anchor import Anchor
from panelreview.export.blocks import Heading, flatten
from panelreview.export.facts import load_drafts, plan_reference
from panelreview.export.my_notes import NOT_PLACED, build_my_notes
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review


def test_an_item_the_new_version_lost_says_where_it_was(samples: Path, tmp_path: Path) -> None:
    v1 = (samples / "westshire-plan-v1.pdf").read_bytes()
    review = create_review(
        tmp_path / "mine.pcpr", v1, read_document_bytes(v1, "v1.pdf"), member_name="Cllr Ann Jones"
    )
    review.add_annotation(review.anchor_for(section="2.3"), "concern", "Child exploitation: no baseline.")
    review.add_annotation(Anchor(section_id=None), "comment", "A clear plan overall.")  # the whole plan
    review.add_recommendation(
        "Set a baseline for child exploitation.", anchor=review.anchor_for(section="2.3")
    )
    v2 = (samples / "westshire-plan-v2.pdf").read_bytes()
    review.add_draft_version(v2, read_document_bytes(v2, "v2.pdf"))

    rec = review.recommendations()[0]
    draft = load_drafts(review)[rec.draft_id]
    full = plan_reference(rec.section, rec.anchor, draft)
    assert full.startswith("Was “2.3 Every child") and "which is not in" in full
    assert "plan as a whole" not in full.lower()
    brief = plan_reference(rec.section, rec.anchor, draft, brief=True)
    assert brief.startswith("Was “2.3 Every child") and brief.endswith("(not in this version)")

    blocks = list(flatten(build_my_notes(review).blocks))
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    texts = [b.text for b in blocks]
    assert headings[-1] == NOT_PLACED
    after = texts[texts.index(NOT_PLACED) :]
    assert any("Child exploitation: no baseline." in t for t in after)
    assert any("Set a baseline for child exploitation." in t for t in after)
    was = [t for t in after if "was “2.3 Every child" in t]
    assert was and not any("draft dated" in t for t in was)  # no page of a draft it is not in
    whole = texts.index("A clear plan overall.")  # the note on the whole plan stays where it was
    assert whole < texts.index(NOT_PLACED)
    review.close()
