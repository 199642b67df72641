"""House style: a council's own Word template (styles, letterhead, logo), and bad templates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from panelreview.export import ExportError, export_report, save_default_template
from panelreview.storage import Review
from tests.export.docx_read import all_text, headings, open_docx

DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _logo() -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 20), False)
    pix.clear_with(90)
    return bytes(pix.tobytes("png"))


def _council_template(path: Path, *, marker: bool) -> Path:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_logo()))
    header.add_run("Westshire County Council · Democratic Services")
    document.sections[0].footer.paragraphs[0].text = "westshire.gov.uk/pcp"
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    document.add_paragraph("COVER BLOCK: agenda item 7")
    if marker:
        document.add_paragraph("{{report}}")
        document.add_paragraph("CLOSING BLOCK: contact the clerk")
    document.save(str(path))
    return path


def _pictures_alt_text(document: docx.document.Document) -> list[str | None]:
    parts = [document.part, document.sections[0].header.part]
    return [d.get("descr") for part in parts for d in part.element.iter(DRAWING)]


def test_council_template_keeps_letterhead_logo_footer_and_styles(review: Review, tmp_path: Path) -> None:
    template = _council_template(tmp_path / "council.docx", marker=False)
    document = open_docx(export_report(review, tmp_path / "r.docx", template=template))
    section = document.sections[0]
    assert "Westshire County Council · Democratic Services" in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text == "westshire.gov.uk/pcp"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert headings(document)[0] == (1, "1. Introduction")
    text = all_text(document)
    assert "COVER BLOCK" not in text  # without a {{report}} marker the body is the report alone
    assert document.paragraphs[0].text.startswith("Report of the Westshire Police and Crime Panel")
    (alt,) = _pictures_alt_text(document)
    assert alt == "Logo of the Westshire Police and Crime Panel"
    assert document.styles["Recommendation"] is not None  # added where the template lacks it


def test_marker_places_the_report_inside_the_template_body(review: Review, tmp_path: Path) -> None:
    template = _council_template(tmp_path / "council.docx", marker=True)
    document = open_docx(export_report(review, tmp_path / "r.docx", template=template))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "COVER BLOCK: agenda item 7"
    assert texts[1].startswith("Report of the Westshire")
    assert texts[-1] == "CLOSING BLOCK: contact the clerk"
    assert "{{report}}" not in all_text(document)


def test_default_template_saved_for_a_clerk_to_adapt_works_as_dotx(review: Review, tmp_path: Path) -> None:
    saved = save_default_template(tmp_path / "ours.dotx")
    with zipfile.ZipFile(saved) as archive:
        assert b"template.main+xml" in archive.read("[Content_Types].xml")
    document = open_docx(export_report(review, tmp_path / "r.docx", template=saved))
    assert document.paragraphs[0].style.name == "Title"
    assert abs(document.sections[0].page_width.cm - 21) < 0.01  # A4


def test_default_template_has_page_numbers_and_the_panel_in_the_header(
    review: Review, tmp_path: Path
) -> None:
    document = open_docx(export_report(review, tmp_path / "r.docx"))
    footer = document.sections[0].footer.paragraphs[0]._p
    codes = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert document.sections[0].header.paragraphs[0].text == "Westshire Police and Crime Panel"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("junk.docx", b"\x00\x01 not a word file at all", "not a Word document"),
        ("empty.docx", b"", "not a Word document"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-style Word file"),
        ("notes.txt", b"Just some text", "not a Word document"),
    ],
)
def test_broken_template_is_a_clear_error_and_nothing_is_written(
    review: Review, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    template = tmp_path / name
    template.write_bytes(data)
    target = tmp_path / "r.docx"
    with pytest.raises(ExportError, match=message):
        export_report(review, target, template=template)
    assert not target.exists()


def test_zip_that_is_not_word_and_missing_template(review: Review, tmp_path: Path) -> None:
    archive = tmp_path / "photos.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("photo.txt", "hello")
    with pytest.raises(ExportError, match="template"):
        export_report(review, tmp_path / "r.docx", template=archive)
    with pytest.raises(ExportError, match="There is no template"):
        export_report(review, tmp_path / "r.docx", template=tmp_path / "missing.docx")
    assert not (tmp_path / "r.docx").exists() and not list(tmp_path.glob("*.part"))
