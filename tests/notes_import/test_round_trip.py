"""Our annotated-draft export, annotated further in another reader and imported back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymupdf

from panelreview.core.imported_notes import NEW, SAME, UPDATE
from panelreview.export.annotated_draft import write_annotated_draft
from panelreview.ingest.notes import read_notes
from tests.clerk.helpers import state
from tests.export.drafts import make_review
from tests.notes_import.marking import highlight, reply, save, sticky


def test_the_original_items_come_back_once_plus_the_new_ones(tmp_path: Path) -> None:
    review = make_review(tmp_path / "panel.pcpr", role="member")
    try:
        exported = write_annotated_draft(review, tmp_path / "annotated.pdf")
        before_notes = {a.id: (a.body, len(a.replies)) for a in review.annotations()}
        before_recs = len(review.recommendations())
        doc = pymupdf.open(exported)
        page = doc[1]
        ours = next(a for a in page.annots() if "rural areas" in (a.info["content"] or ""))
        later = (datetime.now(UTC) + timedelta(minutes=5)).strftime("D:%Y%m%d%H%M%SZ")
        reply(page, ours, "Bob Smith", "The rural target was 20 minutes last year.", created=later)
        highlight(page, "quarterly figures", "Jo Clerk", "Quarterly or monthly?")
        sticky(doc[2], (80, 120), "Jo Clerk", "Victims' section is strong.", subject="Sticky Note")
        further = tmp_path / "annotated further.pdf"
        further.write_bytes(save(doc))

        _, report = review.import_notes(read_notes(further))
        statuses = sorted(n.status for n in report.notes)
        assert statuses.count(NEW) == 2 and statuses.count(UPDATE) == 1
        assert statuses.count(SAME) == len(report.notes) - 3
        notes = {a.id: a for a in review.annotations()}
        assert set(before_notes) < set(notes) and len(notes) == len(before_notes) + 2
        assert len(review.recommendations()) == before_recs
        threaded = next(a for a in notes.values() if a.body == "No target time is given for rural areas.")
        assert [r.body for r in threaded.replies] == [
            "Agreed: the Panel raised this last year too.",
            "The rural target was 20 minutes last year.",
        ]
        new = sorted((a.body, a.kind.value) for i, a in notes.items() if i not in before_notes)
        assert new == [("Quarterly or monthly?", "question"), ("Victims' section is strong.", "comment")]

        unchanged = state(review)
        again, _ = review.import_notes(read_notes(further))
        assert again.is_empty and state(review) == unchanged
    finally:
        review.close()
