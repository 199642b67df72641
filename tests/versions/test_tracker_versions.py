"""The clerk's tracker says which of the panel's recommendations on an earlier draft the new one takes up."""

from __future__ import annotations

from pathlib import Path

import docx

from panelreview.export.tracker import export_tracker
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review


def _cells(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def test_tracker_cites_both_versions_by_name_section_and_page(tmp_path: Path, samples: Path) -> None:
    v1 = (samples / "westshire-plan-v1.pdf").read_bytes()
    with create_review(
        tmp_path / "clerk.pcpr", v1, read_document_bytes(v1, "v1.pdf"), member_name="Clerk", role="clerk"
    ) as review:
        on_vawg = review.add_recommendation(
            "Publish the VAWG strategy.", anchor=review.anchor_for(section="2.4")
        )
        review.add_recommendation(
            "Name a lead for child exploitation.", anchor=review.anchor_for(section="2.3")
        )
        v2 = (samples / "westshire-plan-v2.pdf").read_bytes()
        review.add_draft_version(v2, read_document_bytes(v2, "v2.pdf"))
        review.record_addressed(str(on_vawg.item_id), "partly", "Strategy promised for 2026")
        review.add_recommendation("Report on rural crime yearly.", anchor=review.anchor_for(section="3.3"))
        out = export_tracker(review, tmp_path / "tracker.docx")
    rows = _cells(out)
    header = next(r for r in rows if r[0] == "No." and "Addressed?" in r)
    assert (
        header[2] == "In the Consultation draft (version 1)" and header[3] == "In the Final draft (version 2)"
    )
    taken = {r[1]: r for r in rows if len(r) == 5 and r[0] != "No."}
    vawg = taken["Publish the VAWG strategy."]
    assert vawg[2].startswith("2.4") and "page 8" in vawg[2]
    assert vawg[3].startswith("2.3") and "page 6" in vawg[3] and "(renumbered)" in vawg[3]
    assert vawg[4] == "Partly addressed: Strategy promised for 2026"
    gone = taken["Name a lead for child exploitation."]
    assert gone[3].startswith("No longer in the draft") and gone[4] == "Not yet judged"
    assert "Report on rural crime yearly." not in taken  # made on the new version
