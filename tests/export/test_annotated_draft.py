"""The draft PDF with the notes written in as standard annotations, read back with PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from panelreview.export import ExportError, export_annotated_draft
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review


def _annotations(path: Path) -> list[tuple[int, str, dict[str, str], int, int, str]]:
    found = []
    with pymupdf.open(path) as doc:
        for page in doc:
            for annot in page.annots():
                text = page.get_textbox(annot.rect).strip() if annot.type[1] == "Highlight" else ""
                found.append((page.number, annot.type[1], annot.info, annot.xref, annot.irt_xref, text))
    return found


def test_notes_become_highlights_and_sticky_notes_with_author_date_and_threads(
    review: Review, out: Path
) -> None:
    path = export_annotated_draft(review, out / "annotated.pdf", include_private=True)
    found = _annotations(path)
    by_content = {
        info["content"]: (page, kind, info, xref, irt, text) for page, kind, info, xref, irt, text in found
    }
    page, kind, info, xref, _irt, text = by_content["No target time is given for rural areas."]
    assert (page, kind, info["subject"], info["title"]) == (1, "Highlight", "Concern", "Jo Clerk")
    assert "Emergency calls answered promptly" in text
    assert info["creationDate"].startswith("D:20") and info["modDate"].startswith("D:20")
    note = review.annotations(kind="concern")[0]
    assert info["id"] == note.id  # /NM: the note's own id
    reply = by_content["Agreed: the Panel raised this last year too."]
    assert reply[1] == "Text" and reply[4] == xref and reply[2]["subject"] == "Reply"
    question = by_content["How will court delays be measured?"]
    assert (question[0], question[1], question[2]["subject"]) == (2, "Text", "Question")
    rec = by_content[
        "Set a measurable target for the number of officers in neighbourhood teams.\n\n"
        "Reason: Without a baseline and a target the Panel cannot judge progress."
    ]
    # the clerk's copy: the panel's recommendation with its number, credited to the panel
    assert rec[1] == "Highlight" and rec[2]["subject"] == "Recommendation 1"
    assert rec[2]["title"] == "Westshire Police and Crime Panel"
    assert "More officers and PCSOs working in neighbourhood teams" in rec[5]
    assert not any("WITHDRAWN-" in c for c in by_content)  # withdrawn ones are left out
    private = by_content["PRIVATE WORKING NOTE (not shared): PRIVATE-note about an officer by name"]
    assert private[2]["subject"] == "Private comment"  # asked for, and labelled private
    with pymupdf.open(path) as doc:
        assert "includes private working notes" in doc.metadata["title"]
        notice = [a.info["content"] for a in doc[0].annots() if a.type[1] == "FreeText"]
        assert notice and "private working notes" in notice[0] and "Do not share" in notice[0]


def test_private_notes_are_left_out_by_default(review: Review, out: Path) -> None:
    path = export_annotated_draft(review, out / "shared.pdf")
    contents = [info["content"] for _, _, info, *_ in _annotations(path)]
    assert not any("PRIVATE" in c for c in contents)
    assert "PANEL-only note" in contents
    with pymupdf.open(path) as doc:
        assert doc.metadata["title"] == (
            "Westshire Police and Crime Plan 2025-29 (DRAFT for consultation), with the Westshire Police "
            "and Crime Panel’s recommendations and members’ notes"
        )
        assert not [a for a in doc[0].annots() if a.type[1] == "FreeText"]


def test_the_command_line_warns_when_private_notes_are_included(
    review: Review, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from panelreview.cli import main

    path = review.path
    review.close()
    assert main(["export", str(path), "--annotated-draft", "-o", str(out / "a.pdf")]) == 0
    assert "add --with-private to include them" in capsys.readouterr().err
    assert main(["export", str(path), "--annotated-draft", "--with-private", "-o", str(out / "b.pdf")]) == 0
    assert "includes your private working notes (2)" in capsys.readouterr().err


def test_the_draft_itself_is_unchanged_apart_from_the_notes(review: Review, out: Path) -> None:
    path = export_annotated_draft(review, out / "annotated.pdf")
    with pymupdf.open(path) as doc:
        assert doc.page_count == 3 and "Priority 1: Safer neighbourhoods" in doc[1].get_text()


def test_a_word_draft_cannot_be_annotated(tmp_path: Path) -> None:
    data = b"1. Purpose\n\n1.1 To inform the panel.\n"
    review = create_review(tmp_path / "t.pcpr", data, read_document_bytes(data, "plan.txt"), member_name="A")
    with review, pytest.raises(ExportError, match="needs a PDF draft"):
        export_annotated_draft(review, tmp_path / "a.pdf")
    with review, pytest.raises(ExportError, match=r"\.pdf"):
        export_annotated_draft(review, tmp_path / "a.docx")


def test_the_annotated_draft_can_be_had_as_bytes_without_writing_a_file(review: Review, out: Path) -> None:
    from panelreview.export.annotated_draft import annotated_draft_bytes

    data = annotated_draft_bytes(review)  # what File › Print… prints
    assert list(out.iterdir()) == []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        contents = [a.info["content"] for page in doc for a in page.annots()]
    written = _annotations(export_annotated_draft(review, out / "annotated.pdf"))
    assert sorted(contents) == sorted(info["content"] for _p, _k, info, _x, _i, _t in written)
    assert not any("PRIVATE" in c for c in contents)
