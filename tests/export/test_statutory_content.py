"""The report's optional appendix on the statutory checklist: plain words, the clerk's view where
given, members' views as counts without names, and nothing when the clerk does not ask for it."""

from __future__ import annotations

from pathlib import Path

from panelreview import export
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review
from tests.conftest import shared_path
from tests.export.docx_read import all_text, headings, open_docx


def test_the_appendix_says_what_the_draft_sets_out(tmp_path: Path) -> None:
    draft = shared_path("samples", "westshire-plan-v2.docx")
    data = draft.read_bytes()
    document = read_document_bytes(data, draft.name)
    ann = create_review(tmp_path / "ann.pcpr", data, document, member_name="Cllr Ann Jones")
    ann.decide_checklist_item("spr", "missing", note="Ann's own words stay out")
    ann.share(tmp_path / "ann.pcpack")
    ann.close()
    clerk = create_review(tmp_path / "clerk.pcpr", data, document, member_name="Jo Clerk", role="clerk")
    clerk.import_packs([tmp_path / "ann.pcpack"])
    clerk.decide_checklist_item("grants", "missing", note="Not for publication")
    clerk.update_settings(commissioner_title="Police, Fire and Crime Commissioner")
    plain = export.export_report(clerk, tmp_path / "plain.docx")
    assert "What the draft sets out of what the law asks" not in all_text(open_docx(plain))
    written = export.export_report(clerk, tmp_path / "with.docx", statutory_content=True)
    pdf = export.export_report(clerk, tmp_path / "with.pdf", statutory_content=True)  # checked for PDF/UA
    clerk.close()
    assert pdf.stat().st_size > 0
    doc = open_docx(written)
    text = all_text(doc)
    assert (1, "Appendix B: What the draft sets out of what the law asks") in headings(doc)
    assert "the Police, Fire and Crime Commissioner must have regard to the Strategic Policing" in text
    resources = "The financial and other resources the Commissioner will provide to the Chief Constable"
    assert f"{resources}: Set out in “Resources and finance”" in text
    # The clerk's view is the panel's word; a title the draft repeats names its part.
    grants = "Crime and disorder reduction grants and their conditions"
    assert f"{grants}: The Panel found that the draft does not set this out." in text
    assert "“What we will do” in “Priority 2: Reducing violence and protecting vulnerable people”" in text
    # Members' views as a count, never a name or a note.
    spr = "Regard to the Strategic Policing Requirement: Mentioned only in passing, in “How this plan"
    assert f"{spr} was developed”. 1 of 1 member thought it missing." in text
    assert "Ann" not in text.split("Appendix B")[-1] and "Not for publication" not in text
