"""The panel's report as Word: the three shapes, numbering, references, privacy, accessibility."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from panelreview.export import ExportError, export_report
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review
from tests.export.docx_read import (
    all_text,
    default_language,
    header_rows_repeat,
    headings,
    open_docx,
    styled,
    table_description,
)
from tests.export.drafts import draft_pdf

TITLE = "Report of the Westshire Police and Crime Panel on the draft Police and Crime Plan 2025-29"
NEVER = ("PRIVATE-", "WITHDRAWN-", "PANEL-only")


def _headings_in_order(levels: list[int]) -> bool:
    previous = 0
    for level in levels:
        if level > previous + 1:
            return False
        previous = level
    return bool(levels) and levels[0] == 1


@pytest.mark.parametrize("shape", ["report", "letter", "table"])
def test_every_shape_is_an_accessible_word_report_without_private_items(
    review: Review, out: Path, shape: str
) -> None:
    path = export_report(review, out / f"{shape}.docx", shape=shape, appendix="named")
    document = open_docx(path)
    text = all_text(document)
    for hidden in NEVER:
        assert hidden not in text
    assert _headings_in_order([level for level, _ in headings(document)])
    assert document.core_properties.title.startswith(("Report of the Westshire", "Letter from the Chair"))
    assert document.core_properties.language == "en-GB" and default_language(document) == "en-GB"
    assert "Set a measurable target for the number of officers in neighbourhood teams." in text
    assert "page 2 of the consultation draft dated 3 January 2025" in text
    assert "section 28(3) of the Police Reform and Social Responsibility Act 2011" in text
    assert "5(6)" in text
    for table in document.tables:
        assert header_rows_repeat(table)
        assert table_description(table)


def test_report_numbers_recommendations_in_order_with_references_and_quotes(
    review: Review, out: Path
) -> None:
    document = open_docx(export_report(review, out / "r.docx"))
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == TITLE
    numbered = [text for level, text in headings(document) if text.startswith("Recommendation")]
    assert numbered == ["Recommendation 1", "Recommendation 2", "Recommendation 3"]
    wording = styled(document, "Recommendation")
    assert wording[0].startswith("Set a measurable target") and wording[2].startswith("Confirm the budget")
    references = styled(document, "Plan Reference")
    # 1.1's title in the outline is its first eight words: cited by number and priority, never cut off
    assert references[0].startswith(
        "Plan reference: Section 1.1 in “Priority 1: Safer neighbourhoods”, page 2"
    )
    assert (
        "in “Priority 1: Safer neighbourhoods”, page 2 of the consultation draft dated 3 January 2025"
        in references[0]
    )
    assert "Section 2.1 in “Priority 2: Putting victims first”, page 3" in references[1]
    assert "“Resources and finance”, page 3 of the consultation draft dated 3 January 2025" in references[2]
    assert styled(document, "Quote")[0] == "“More officers and PCSOs working in neighbourhood teams”"
    summary = document.tables[0]
    assert [c.text for c in summary.rows[0].cells] == ["No.", "Recommendation", "Plan reference"]
    assert [r.cells[0].text for r in summary.rows[1:]] == ["1", "2", "3"]
    assert [r.cells[2].text for r in summary.rows[1:]] == [
        "Section 1.1, page 2",
        "Section 2.1, page 3",
        "“Resources and finance”, page 3",
    ]
    text = all_text(document)
    assert "Meeting: Westshire Police and Crime Panel, 12 February 2025" in text
    assert "Reason: Without a baseline and a target the Panel cannot judge progress." in text


def test_numbering_r1_and_by_theme(review: Review, out: Path) -> None:
    r1 = open_docx(export_report(review, out / "r1.docx", numbering="R1"))
    assert [c.text for c in [r.cells[0] for r in r1.tables[0].rows[1:]]] == ["R1", "R2", "R3"]
    themed = open_docx(export_report(review, out / "theme.docx", numbering="theme"))
    found = [text for _, text in headings(themed) if text.startswith("Recommendation")]
    assert found == ["Recommendation 1.1", "Recommendation 2.1", "Recommendation 3.1"]
    assert [text for level, text in headings(themed) if level == 2][:3] == [
        "4.1 Priority 1: Safer neighbourhoods",
        "4.2 Victims",
        "4.3 Resources and finance",
    ]
    with pytest.raises(ExportError, match="number recommendations"):
        export_report(review, out / "bad.docx", numbering="a, b, c")


def test_comment_table_has_response_column_grouped_by_theme(review: Review, out: Path) -> None:
    document = open_docx(export_report(review, out / "t.docx", shape="table", numbering="theme"))
    groups = [text for level, text in headings(document) if level == 2]
    assert groups[:3] == ["1. Priority 1: Safer neighbourhoods", "2. Victims", "3. Resources and finance"]
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["No.", "Panel’s comment", "Commissioner’s response"]
    assert first.rows[1].cells[0].text == "1.1" and first.rows[1].cells[2].text == ""
    assert "Set a measurable target" in first.rows[1].cells[1].text


def test_filed_response_appears_in_the_response_column(review: Review, out: Path) -> None:
    rec = review.panel_recommendations()[0]
    review.edit_recommendation(rec.id, response_status="accepted", response_text="We will set a target.")
    document = open_docx(export_report(review, out / "t.docx", shape="table"))
    cell = document.tables[0].rows[1].cells[2].text
    assert "Response: accepted" in cell and "We will set a target." in cell


def test_appendix_named_anonymous_or_none(review: Review, out: Path) -> None:
    named = all_text(open_docx(export_report(review, out / "n.docx", appendix="named")))
    anonymous = all_text(open_docx(export_report(review, out / "a.docx", appendix="anonymous")))
    none = all_text(open_docx(export_report(review, out / "x.docx", appendix="none")))
    for text in (named, anonymous):
        assert "Appendix A: Members’ comments" in text
        assert "No target time is given for rural areas." in text
        assert "How will court delays be measured?" in text
        assert "Agreed: the Panel raised this last year too." in text
    assert "Concern from Jo Clerk (Westshire CC), page 2" in named  # one draft: named at the start
    assert "Jo Clerk" not in anonymous and "Westshire CC" not in anonymous
    assert "Appendix" not in none and "rural areas" not in none
    with pytest.raises(ExportError, match="named, anonymous or none"):
        export_report(review, out / "bad.docx", appendix="everyone")


def test_titles_come_from_the_review_settings(review: Review, out: Path) -> None:
    review.update_settings(
        commissioner_title="Police, Fire and Crime Commissioner",
        panel_title="Police, Fire and Crime Panel",
        panel_name="Northshire",
        plan_title="Police, Fire and Crime Plan 2025-29 (DRAFT)",
    )
    document = open_docx(export_report(review, out / "t.docx", shape="table"))
    text = all_text(document)
    assert document.core_properties.title.startswith(
        "Report of the Northshire Police, Fire and Crime Panel on the draft "
        "Police, Fire and Crime Plan 2025-29"
    )
    assert "the Police, Fire and Crime Commissioner for Northshire sent" in text.replace(
        "The Police", "the Police"
    )
    assert "Police and Crime Commissioner" not in text and "Police and Crime Panel" not in text
    assert "Commissioner’s response" in text


def test_letter_is_from_the_chair(review: Review, out: Path) -> None:
    document = open_docx(export_report(review, out / "l.docx", shape="letter"))
    text = all_text(document)
    assert "Dear Commissioner," in text and "Yours sincerely," in text
    assert "Chair, Westshire Police and Crime Panel" in text
    recs = [t for t in styled(document, "Recommendation") if t.startswith("Recommendation ")]
    assert [re.match(r"Recommendation (\d+):", t)[1] for t in recs] == ["1", "2", "3"]  # type: ignore[index]


def test_unknown_shape_or_extension_is_a_plain_error(review: Review, out: Path) -> None:
    with pytest.raises(ExportError, match=r"^“memo” is not a report shape\. Use report, letter or table\.$"):
        export_report(review, out / "r.docx", shape="memo")
    with pytest.raises(ExportError, match=r"^“all” is not an appendix choice\. Use named, anonymous or none"):
        export_report(review, out / "r.docx", appendix="all")
    with pytest.raises(ExportError, match=r"\.docx or \.pdf"):
        export_report(review, out / "r.odt")
    assert list(out.iterdir()) == []


def test_clerks_numbers_and_the_panels_decision_are_kept(review: Review, out: Path) -> None:
    recs = review.panel_recommendations()
    review.order_panel_recommendations([recs[2].id, recs[0].id, recs[1].id])
    review.number_panel_recommendations(prefix="PCP-")
    draft = all_text(open_docx(export_report(review, out / "draft.docx")))
    assert "Status: draft, for the Panel to agree at its meeting on 12 February 2025" in draft
    for rec in recs:
        review.record_decision(rec.id, "agreed")
    document = open_docx(export_report(review, out / "agreed.docx"))
    found = [text for _, text in headings(document) if text.startswith("Recommendation")]
    assert found == ["Recommendation PCP-1", "Recommendation PCP-2", "Recommendation PCP-3"]
    assert styled(document, "Recommendation")[0].startswith("Confirm the budget figures")
    assert "Status: agreed by the Panel on 12 February 2025" in all_text(document)
    themed = open_docx(export_report(review, out / "theme.docx", numbering="theme"))
    assert "Recommendation 1.1" in [text for _, text in headings(themed)]  # asked for: renumbered


def test_references_name_each_draft_when_the_report_spans_two(review: Review, out: Path) -> None:
    data = draft_pdf(cover="Final draft – 1 March 2025", extra="A new paragraph added after consultation.")
    review.add_draft(data, read_document_bytes(data, "draft-v2.pdf"))
    review.add_recommendation(
        "Keep the new paragraph.",
        anchor=review.anchor_for(quote="A new paragraph added"),
        visibility="report",
    )
    text = all_text(open_docx(export_report(review, out / "r.docx", appendix="named")))
    assert (
        "Draft referred to: Consultation draft, dated 3 January 2025: “Westshire Police and Crime Plan "
        "2025-29 (DRAFT for consultation)”" in text
    )
    assert "dated 1 March 2025" in text
    assert (
        "page 2 of the consultation draft dated 3 January 2025" in text
        and "of the final draft dated 1 March 2025" in text
    )
    assert (
        "Concern from Jo Clerk (Westshire CC), page 2 of the consultation draft dated 3 January 2025" in text
    )
