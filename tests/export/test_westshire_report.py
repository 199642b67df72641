"""The Westshire combined review (built with the command line) in every shape, read as the
Commissioner's office would: the defects found when a clerk tried it must not come back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from docx.oxml.ns import qn

from panelreview.export import export_report
from panelreview.export.tracker import export_tracker
from panelreview.storage import Review, open_review
from tests.conftest import shared_path
from tests.export.docx_read import all_text, open_docx
from tests.export.westshire import build_westshire

SHAPES = ("report", "letter", "table")


@pytest.fixture(scope="module")
def westshire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    draft = shared_path("samples", "westshire-plan-v2.pdf")
    return build_westshire(tmp_path_factory.mktemp("westshire"), draft)


@pytest.fixture
def clerk(westshire: Path) -> Iterator[Review]:
    with open_review(westshire, read_only=True) as review:
        yield review


def _pdf_pages(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [" ".join(page.get_text().split()) for page in doc]


def test_the_panels_name_travels_in_the_packs(clerk: Review) -> None:
    """The clerk combined without --panel: the members' packs carried the panel's name."""
    assert clerk.settings.panel_name == "Westshire Police and Crime Panel"


@pytest.mark.parametrize("shape", SHAPES)
def test_dates_are_the_drafts_own_and_the_clerks(clerk: Review, tmp_path: Path, shape: str) -> None:
    text = all_text(open_docx(export_report(clerk, tmp_path / "r.docx", shape=shape)))
    assert "2026" not in text  # the PDF file's creation date (November 2026) is never the draft's
    assert "final draft dated 6 February 2025" in text
    if shape != "letter":
        assert "Date of report: 17 February 2025" in text and "Final draft, dated 6 February 2025" in text


@pytest.mark.parametrize("shape", SHAPES)
def test_a_recommendation_withdrawn_after_numbering_is_explained(
    clerk: Review, tmp_path: Path, shape: str
) -> None:
    text = all_text(open_docx(export_report(clerk, tmp_path / "r.docx", shape=shape, numbering="1")))
    assert "Recommendation R3 was withdrawn at the Panel’s meeting on 13 February 2025" in text
    assert "R4" in text and "R3:" not in text and "Recommendation R3\n" not in text
    if shape != "table":
        assert "six recommendations" in text and "6 recommendations" not in text


def test_the_command_line_offers_to_renumber(
    westshire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from panelreview.cli import main

    assert main(["export", str(westshire), "-o", str(tmp_path / "r.docx")]) == 0
    err = capsys.readouterr().err
    assert "R3 was withdrawn after numbering" in err and "panelreview number" in err


def test_the_table_says_what_it_holds(clerk: Review, tmp_path: Path) -> None:
    text = all_text(open_docx(export_report(clerk, tmp_path / "t.docx", shape="table")))
    assert "grouped under the Panel’s themes" in text and "plan’s themes" not in text
    assert "gives the Commissioner’s response to each comment, received on 10 March 2025" in text
    assert "left for the Commissioner to complete" not in text


def test_what_a_real_report_has(clerk: Review, tmp_path: Path) -> None:
    report = all_text(open_docx(export_report(clerk, tmp_path / "r.docx")))
    assert "3. General comments" in report and "3.1\tThe Panel welcomed the clear structure" in report
    assert "Cllr Margaret Hale\nChair of the Westshire Police and Crime Panel" in report
    assert "Contact officer: Sam Clerk, Democratic Services" in report
    letter = open_docx(export_report(clerk, tmp_path / "l.docx", shape="letter"))
    text = all_text(letter)
    assert (
        "Helen Whitlock\nPolice and Crime Commissioner for Westshire\nOffice of the Police and Crime " in text
    )
    assert "Hallam House\nBrackenford WS1 2AB" in text
    assert "Yours sincerely,\nCllr Margaret Hale\nChair, Westshire Police and Crime Panel" in text
    # the letterhead once: no running header repeating the panel's name
    assert all(not p.text.strip() for s in letter.sections for p in s.header.paragraphs)


@pytest.mark.parametrize("shape", SHAPES)
def test_nothing_is_cut_off_mid_phrase(clerk: Review, tmp_path: Path, shape: str) -> None:
    text = all_text(open_docx(export_report(clerk, tmp_path / "r.docx", shape=shape, appendix="named")))
    assert "…" not in text
    pdf = export_report(clerk, tmp_path / "r.pdf", shape=shape, appendix="named")
    with pymupdf.open(pdf) as doc:
        bookmarks = [title for _, title, *_ in doc.get_toc()]
    assert bookmarks and not any("…" in b for b in bookmarks)
    assert not any("…" in page for page in _pdf_pages(pdf))
    tracker = all_text(open_docx(export_tracker(clerk, tmp_path / "t.docx")))
    assert (
        "…" not in tracker
        and "2.1 in Priority 2: Reducing violence and protecting vulnerable people" in tracker
    )


def test_a_recommendation_keeps_its_reason_and_reference_on_its_page(clerk: Review, tmp_path: Path) -> None:
    pages = _pdf_pages(export_report(clerk, tmp_path / "r.pdf", shape="letter"))
    for number in ("R1", "R2", "R4", "R5", "R6", "R7"):
        page = next(p for p in pages if f"Recommendation {number}:" in p)
        after = page[page.index(f"Recommendation {number}:") :]
        assert "Plan reference:" in after, number
    signed = next(p for p in pages if "Yours sincerely" in p)
    assert "Chair, Westshire Police and Crime Panel" in signed and "Contact officer" in signed
    document = open_docx(export_report(clerk, tmp_path / "r.docx", shape="letter"))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Recommendation R1:"))
    group = paragraphs[start : start + 3]  # wording, reason, reference
    assert [p.text.split(":")[0] for p in group] == ["Recommendation R1", "Reason", "Plan reference"]
    assert all(p._p.pPr.find(qn("w:keepNext")) is not None for p in group[:2])  # Word keeps them together


def test_the_comment_tables_have_the_same_columns_on_every_page(clerk: Review, tmp_path: Path) -> None:
    document = open_docx(export_report(clerk, tmp_path / "t.docx", shape="table"))
    grids = {tuple(c.get(qn("w:w")) for c in t._tbl.xpath("./w:tblGrid/w:gridCol")) for t in document.tables}
    assert len(document.tables) == 5 and len(grids) == 1  # one set of widths for every table
    columns = set()
    with pymupdf.open(export_report(clerk, tmp_path / "t.pdf", shape="table")) as doc:
        for page in doc:
            words = page.get_text("words")
            for head in (w for w in words if w[4] == "No."):  # each table's header row
                row = [w for w in words if abs(w[1] - head[1]) < 1]
                columns.add(tuple(round(w[0]) for w in row if w[4] in ("No.", "Panel’s", "Commissioner’s")))
    assert len(columns) == 1  # the response column starts at the same place in every table
