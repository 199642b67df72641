"""The published report is a tagged PDF a screen reader can navigate (PDF/UA-1), in every shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.export import export_my_notes, export_report
from panelreview.export.blocks import Exported, Heading, Table, para
from panelreview.storage import Review
from tests.export.pdfua import assert_accessible


@pytest.mark.parametrize("shape", ["report", "letter", "table"])
def test_every_shape_is_a_tagged_accessible_pdf(review: Review, out: Path, shape: str) -> None:
    kinds = assert_accessible(export_report(review, out / f"{shape}.pdf", shape=shape, appendix="named"),
                              tables=shape != "letter")  # fmt: skip
    assert kinds.count("/H1") >= 1 and "/H2" in kinds
    if shape != "letter":
        assert kinds.count("/TH") == 3 * kinds.count("/Table")  # every table has its header row


def test_my_notes_is_a_tagged_accessible_pdf(review: Review, out: Path) -> None:
    kinds = assert_accessible(export_my_notes(review, out / "notes.pdf"))
    assert "/BlockQuote" in kinds  # quoted passages are marked as quotations


def test_the_check_fails_an_untagged_pdf(tmp_path: Path) -> None:
    """The machine check is not a formality: MuPDF's untagged PDF (the old engine) fails it."""
    from panelreview.export.pdf_story import pdf_bytes

    doc = Exported(title="Untagged", subject="", author="Panel")
    doc.add(
        Heading("A heading", 1),
        para("Text."),
        Table(("A", "B"), (((para("1"),), (para("2"),)),), (0.5, 0.5), ""),
    )
    path = tmp_path / "untagged.pdf"
    path.write_bytes(pdf_bytes(doc))
    try:
        with pytest.raises(AssertionError):
            assert_accessible(path)
    finally:
        path.unlink()


def test_pdf_uses_the_bundled_fonts_even_without_system_fonts(
    review: Review, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst is told to ignore the computer's fonts: the PDF looks the same on every machine."""
    import pikepdf

    monkeypatch.setenv("PANELREVIEW_FONT_DIRS", "/nonexistent")
    path = export_report(review, out / "r.pdf")
    with pikepdf.open(path) as pdf:
        names = {
            str(d.get("/BaseFont"))
            for page in pdf.pages
            for f in page.obj.Resources.Font.values()
            for d in f.get("/DescendantFonts", [f])
        }
    assert names and all("DejaVuSans" in n for n in names), names


def test_text_the_bundled_fonts_cannot_draw_still_gives_a_tagged_pdf() -> None:
    """A member's note in Chinese: the PDF is still written (in a computer's font that has the
    characters if there is one), tagged, with the words in its text layer; never an error."""
    import pymupdf

    from panelreview.export.pdf_writer import pdf_bytes

    doc = Exported(title="Notes", subject="", author="Panel")
    doc.add(Heading("Comments", 1), para("A resident wrote: 警察和犯罪计划 (the plan)."))
    with pymupdf.open(stream=pdf_bytes(doc), filetype="pdf") as pdf:
        assert pdf.xref_get_key(pdf.pdf_catalog(), "MarkInfo/Marked")[1] == "true"
        text = pdf[0].get_text()
    assert "和犯罪计划 (the plan)" in text and "A resident wrote" in text
