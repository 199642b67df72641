"""``panelreview export`` as a clerk or member would type it."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from panelreview.cli import main
from tests.export.docx_read import all_text, open_docx
from tests.export.drafts import make_review
from tests.storage.cli_helpers import refusal


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    path = tmp_path / "panel.pcpr"
    make_review(path).close()
    return path


def test_report_shapes_and_options(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = str(review_file)
    out = tmp_path / "Panel report.docx"
    argv = ["export", r, "-o", str(out), "--shape", "table", "--numbering", "theme", "--appendix", "named"]
    assert main(argv) == 0
    assert "Panel report.docx" in capsys.readouterr().out
    document = open_docx(out)
    assert document.tables[0].rows[1].cells[0].text == "1.1"
    assert "Concern from Jo Clerk" in all_text(document)
    pdf = tmp_path / "letter.pdf"
    assert main(["export", r, "-o", str(pdf), "--shape", "letter", "--numbering", "r1"]) == 0
    with pymupdf.open(pdf) as doc:
        assert doc.metadata["title"].startswith("Letter from the Chair")
        assert "Recommendation R1:" in doc[0].get_text()


def test_my_notes_annotated_draft_and_template(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = str(review_file)
    assert main(["export", r, "--my-notes", "-o", str(tmp_path / "mine.docx"), "--without-private"]) == 0
    text = all_text(open_docx(tmp_path / "mine.docx"))
    assert "PANEL-only note" in text and "PRIVATE-" not in text
    assert main(["export", r, "--annotated-draft", "-o", str(tmp_path / "draft.pdf")]) == 0
    with pymupdf.open(tmp_path / "draft.pdf") as doc:
        assert sum(1 for page in doc for _ in page.annots()) >= 5
    template = tmp_path / "council.dotx"
    assert main(["export", "--save-template", str(template)]) == 0
    assert main(["export", r, "-o", str(tmp_path / "r.docx"), "--template", str(template)]) == 0
    in_template = open_docx(tmp_path / "r.docx")
    assert in_template.paragraphs[0].text.startswith("Report of the Westshire Police and Crime Panel")
    assert "Set a measurable target for the number of officers" in all_text(in_template)
    capsys.readouterr()
    assert main(["export", r, "-o", str(tmp_path / "r.pdf"), "--template", str(template)]) == 0
    assert "applies to Word" in capsys.readouterr().err
    with pymupdf.open(tmp_path / "r.pdf") as doc:  # the PDF is still written, in its own layout
        assert doc.metadata["title"].startswith("Report of the Westshire")


def test_mistakes_exit_2_with_one_plain_line(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = str(review_file)
    assert ".docx or .pdf" in refusal(capsys, ["export", r, "-o", str(tmp_path / "report.odt")])
    assert "-o" in refusal(capsys, ["export", r])
    assert "review file" in refusal(capsys, ["export", "-o", str(tmp_path / "x.docx")])
    assert "only for the panel's report" in refusal(
        capsys, ["export", r, "--my-notes", "-o", str(tmp_path / "n.pdf"), "--shape", "table"]
    )
    assert ".pdf" in refusal(capsys, ["export", r, "--annotated-draft", "-o", str(tmp_path / "d.docx")])
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a template")
    assert "not a Word document" in refusal(
        capsys, ["export", r, "-o", str(tmp_path / "r.docx"), "--template", str(junk)]
    )
    assert "no review" in refusal(capsys, ["export", str(tmp_path / "missing.pcpr"), "-o", "x.docx"]).lower()
    assert not (tmp_path / "r.docx").exists()
