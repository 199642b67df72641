"""The response tracker: the panel's recommendations beside the commissioner's responses, .docx and .csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from panelreview.export.errors import ExportError
from panelreview.export.tracker import export_tracker
from panelreview.storage import Review
from tests.clerk.conftest import MakeReview
from tests.clerk.panel import build_panel


@pytest.fixture
def decided(clerk: Review, make_review: MakeReview, tmp_path: Path) -> Review:
    panel = build_panel(clerk, make_review, tmp_path)
    ids = panel.ids
    clerk.update_settings(
        commissioner_title="Police, Fire and Crime Commissioner", plan_title="Westshire Plan"
    )
    first = str(
        clerk.add_panel_recommendation(
            "Publish the victims’ services budget.", proposed=[ids["ann_rec"]]
        ).item_id
    )
    second = str(
        clerk.add_panel_recommendation(
            '=HYPERLINK("http://x") set a target', supported=[ids["ann_rural"]]
        ).item_id
    )
    gone = str(clerk.add_panel_recommendation("Explain the reserves.", supported=[ids["cat_budget"]]).item_id)
    clerk.record_decision(first, "agreed", meeting_date="2026-02-03")
    clerk.record_decision(second, "amended", meeting_date="2026-02-03")
    clerk.record_decision(gone, "withdrawn", meeting_date="2026-02-03")
    clerk.number_panel_recommendations(prefix="R")
    clerk.record_response(first, "accepted", text="We will publish it in April.", received="2026-03-10")
    return clerk


def test_tracker_as_csv(decided: Review, tmp_path: Path) -> None:
    out = export_tracker(decided, tmp_path / "tracker.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "No.",
        "Recommendation",
        "Section of the draft",
        "Panel decision",
        "Meeting date",
        "Response status",
    ]
    assert rows[0][6] == "Police, Fire and Crime Commissioner’s response"
    assert [r[0] for r in rows[1:]] == ["R1", "R2"]  # the withdrawn one is not tracked
    first, second = rows[1:]
    assert first[1] == "Publish the victims’ services budget."
    assert first[2] == "2.1 in 2 Priorities"  # its title is only its first words: never cut mid-phrase
    assert first[3:8] == ["Agreed", "2026-02-03", "accepted", "We will publish it in April.", "2026-03-10"]
    assert second[1].startswith("'=HYPERLINK")  # shown as text, never run as a formula
    assert second[3] == "Agreed as amended" and second[5:8] == ["", "", ""]


def test_tracker_as_an_accessible_word_table(decided: Review, tmp_path: Path) -> None:
    out = export_tracker(decided, tmp_path / "tracker.docx")
    document = Document(str(out))
    props = document.core_properties
    assert (
        props.title
        == "Response tracker: recommendations of the Westshire Police and Crime Panel on the draft "
        "Westshire Plan"
    )
    assert props.language == "en-GB"
    # the report's sibling: its author and dates, never python-docx's defaults (creator, 2013)
    assert props.author == "Westshire Police and Crime Panel" and props.created.year >= 2026
    assert document.styles["Normal"].font.name == "Arial"  # the report's font
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    grid = [int(c.get(qn("w:w"))) for c in table_grid(document)]
    # fixed widths sized to their content (never seven equal columns): no heading's word is broken
    headings = [c.text for c in document.tables[0].rows[0].cells]
    for width, heading in zip(grid, headings, strict=True):
        assert width >= 200 + 120 * max(len(w) for w in heading.split()), heading
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in document.tables[0].rows)  # rows never split
    (table,) = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header[5] == "Police, Fire and Crime Commissioner’s response"
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeats on each page
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in cells] == ["R1", "R2"]
    assert cells[0][3] == "Agreed (3 February 2026)" and cells[0][6] == "10 March 2026"
    assert cells[1][3] == "Agreed as amended (3 February 2026)" and cells[1][6] == ""  # no response yet
    assert document.paragraphs[0].style.name == "Title"
    assert "recommendations of the Westshire Police and Crime Panel" in document.paragraphs[1].text
    assert cells[0][2].startswith("2.1")  # the section, named with its priority where it has one


def test_tracker_refuses_other_formats_and_leaves_no_partial_file(decided: Review, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.docx, \.pdf or \.csv"):
        export_tracker(decided, tmp_path / "tracker.xlsx")
    export_tracker(decided, tmp_path / "t.csv")
    export_tracker(decided, tmp_path / "t.csv")  # replaced in one step
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".t", "t."))) == ["t.csv"]


def table_grid(document: Document) -> list:  # type: ignore[type-arg]
    return document.tables[0]._tbl.xpath("./w:tblGrid/w:gridCol")


def test_tracker_as_an_accessible_pdf(decided: Review, tmp_path: Path) -> None:
    from tests.export.pdfua import assert_accessible

    kinds = assert_accessible(export_tracker(decided, tmp_path / "tracker.pdf"), tables=True)
    assert kinds.count("/TH") == 7
