"""PDF drafts built in code: typography headings, contents pages, columns, running furniture."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from panelreview.core.errors import DocumentError, PasswordRequired, WrongPassword
from panelreview.ingest import open_document
from tests.ingest.builders import Run, body, pdf_bytes, write


def sections(path: Path) -> list[tuple[str | None, str, int, int | None]]:
    return [(s.number, s.title, s.level, s.page_start) for s in open_document(path).sections]


def test_headings_from_typography_with_contents_page(tmp_path: Path) -> None:
    cover = [Run("Westshire Police and Crime Plan", 28, True), Run("Consultation draft", 16)]
    contents = [
        Run("Contents", 18, True),
        Run("Priority One – Safer streets ........ 3"),
        Run("Theme 2: Victims ........ 3"),
        Run("Chapter three ........ 4"),
    ]
    page3 = [
        Run("Priority One – Safer streets", 18, True),
        Run(body(40)),
        Run("What we will achieve", 14, True),
        Run("1.1 Fewer burglaries in every district of the county by 2029."),
        Run("1.2 More officers in neighbourhood teams."),
        Run("Theme 2: Victims", 18, True),
        Run(body(30)),
    ]
    page4 = [
        Run("Chapter three", 18, True),
        Run(body(30)),
        Run("Ein Blaenoriaethau / Our Priorities", 14, True),
        Run("(a) keep people safe at home and online;"),
        Run("(b) support victims of crime."),
    ]
    path = write(
        tmp_path, "plan.pdf", pdf_bytes([cover, contents, page3, page4], header="DRAFT", footer=True)
    )
    assert sections(path) == [
        (None, "Priority One – Safer streets", 1, 3),
        (None, "What we will achieve", 2, 3),
        ("1.1", "Fewer burglaries in every district of the county", 3, 3),
        ("1.2", "More officers in neighbourhood teams.", 3, 3),
        (None, "Theme 2: Victims", 1, 3),
        (None, "Chapter three", 1, 4),
        (None, "Ein Blaenoriaethau / Our Priorities", 2, 4),
        ("a", "keep people safe at home and online;", 3, 4),
        ("b", "support victims of crime.", 3, 4),
    ]


def test_running_headers_footers_and_blank_pages_stay_out_of_the_text(tmp_path: Path) -> None:
    pages = [
        [Run("Our vision", 18, True), Run(body(30))],
        [Run("This page is intentionally left blank")],
        [Run("Roman numerals", 18, True), Run("IV. Finance and resources for the four years.")],
        [Run("Glossary", 18, True), Run(body(20))],
    ]
    doc = open_document(
        write(tmp_path, "p.pdf", pdf_bytes(pages, header="DRAFT – not for publication", footer=True))
    )
    text = " ".join(b.text for b in doc.blocks)
    assert "DRAFT – not for publication" not in text
    assert "Page 2 of 4" not in text
    assert "intentionally" not in text
    assert [s.title for s in doc.sections if s.level == 1] == ["Our vision", "Roman numerals", "Glossary"]


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    left = (
        "Left column text about policing in rural areas, continuing for several lines so the column "
        "is long enough to read as one."
    )
    right = (
        "Right column text about victims services, also continuing for several lines so that it "
        "forms a real column of text."
    )
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "Two columns", fontsize=18, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(72, 100, 280, 400), left, fontsize=11, fontname="helv")
    page.insert_textbox(pymupdf.Rect(315, 100, 523, 400), right, fontsize=11, fontname="helv")
    path = write(tmp_path, "cols.pdf", doc.tobytes())
    paragraphs = [b.text for b in open_document(path).blocks]
    assert paragraphs == ["Two columns", left, right]


def test_ligature_gaps_and_hyphenation_are_repaired(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Efficiency", fontsize=18, fontname="hebo")
    page.insert_text(
        (72, 120), "The force will be more effi cient and the staff are signifi cantly", fontsize=11
    )
    page.insert_text((72, 134), "better supported by their neigh-", fontsize=11)
    page.insert_text((72, 148), "bourhood teams.", fontsize=11)
    text = open_document(write(tmp_path, "lig.pdf", doc.tobytes())).blocks[1].text
    assert text == (
        "The force will be more efficient and the staff are significantly better supported by their "
        "neighbourhood teams."
    )


def test_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "Confidential draft", fontsize=11)
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pánel", owner_pw="owner")
    with pytest.raises(PasswordRequired, match="password-protected"):
        open_document(path)
    with pytest.raises(WrongPassword):
        open_document(path, password="wrong")
    assert open_document(path, password="pánel").blocks[0].text == "Confidential draft"


def test_pages_without_text_are_reported_by_number(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "Page one has text", fontsize=11)
    doc.new_page()  # a scanned page would have only an image
    doc.new_page().insert_text((72, 80), "Page three has text", fontsize=11)
    opened = open_document(write(tmp_path, "scan.pdf", doc.tobytes()))
    assert opened.pages_without_text == [2]
    assert any("Page 2" in w for w in opened.warnings)


def test_page_labels_are_kept(tmp_path: Path) -> None:
    doc = pymupdf.open()
    for n in range(3):
        doc.new_page().insert_text((72, 300), f"Text of page {n + 1}", fontsize=11)
    doc.set_page_labels(
        [
            {"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
            {"startpage": 1, "prefix": "", "style": "D", "firstpagenum": 1},
        ]
    )
    opened = open_document(write(tmp_path, "labels.pdf", doc.tobytes()))
    assert [b.page_label for b in opened.blocks] == ["i", "1", "2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n garbage that is not a PDF at all", "damaged"),
        (b"\x00\x01\x02binary" * 10, "not a file PanelReview can read"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path, "bad.pdf" if content.startswith(b"%") else "bad.bin", content)
    with pytest.raises(DocumentError, match=message):
        open_document(path)


def test_missing_folder_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocumentError, match="no file"):
        open_document(tmp_path / "nope.pdf")
    with pytest.raises(DocumentError, match="folder"):
        open_document(tmp_path)
    path = write(tmp_path, "secret.pdf", b"%PDF-1.4")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(DocumentError, match="not allowed to read"):
        open_document(path)
