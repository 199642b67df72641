"""The panel's report as PDF: text layer, bookmarks, metadata and language; what members type."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from panelreview.export import export_annotated_draft, export_my_notes, export_report
from panelreview.storage import Review
from tests.export.docx_read import all_text, open_docx

PASTE_WORDS = 25_000  # about fifty pages


def _pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("shape", ["report", "letter", "table"])
def test_pdf_has_text_bookmarks_title_and_language(review: Review, out: Path, shape: str) -> None:
    path = export_report(review, out / f"{shape}.pdf", shape=shape, appendix="anonymous")
    with pymupdf.open(path) as doc:
        meta = doc.metadata
        toc = doc.get_toc()
        lang = doc.xref_get_key(doc.pdf_catalog(), "Lang")
        prefs = doc.xref_get_key(doc.pdf_catalog(), "ViewerPreferences")
        pages = doc.page_count
        text = _flat("\n".join(p.get_text() for p in doc))
    assert meta["title"].startswith(("Report of the Westshire", "Letter from the Chair"))
    assert meta["author"] == "Westshire Police and Crime Panel"
    assert lang == ("string", "en-GB") and "DisplayDocTitle true" in prefs[1]
    assert toc and toc[0][0] == 1 and all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(toc))
    titles = [entry[1] for entry in toc]
    assert "Appendix A: Members’ comments" in titles
    assert "Set a measurable target for the number of officers in neighbourhood teams." in text
    assert "page 2 of the consultation draft dated 3 January 2025" in text
    assert f"Page {pages} of {pages}" in text
    for hidden in ("PRIVATE-", "WITHDRAWN-", "PANEL-only", "Jo Clerk"):
        assert hidden not in text


def test_report_bookmarks_follow_the_headings(review: Review, out: Path) -> None:
    with pymupdf.open(export_report(review, out / "r.pdf")) as doc:
        toc = [(level, title) for level, title, _page, *_ in doc.get_toc(simple=False)]
    assert toc[:4] == [
        (1, "1. Introduction"),
        (1, "2. The Panel’s role"),
        (1, "3. Summary of recommendations"),
        (1, "4. Recommendations"),
    ]
    assert (2, "Recommendation 3") in toc


@pytest.fixture
def typed(review: Review) -> Review:
    """Notes and a recommendation holding what members really type and paste."""
    paste = " ".join(f"w{i}" for i in range(PASTE_WORDS))
    a = review.anchor_for
    review.add_recommendation(
        "Say how 👍🏽 results\x00 will be \x07reported\x1b to residents 😀.",
        anchor=a(section="1.2"),
        rationale=f"Pasted from the consultation:\n{paste}\nEND-OF-PASTE",
        visibility="report",
    )
    review.add_annotation(
        a(section="2.1"), "comment", "Arabic: مرحبا بالعالم — Hebrew: שלום עולם", visibility="report"
    )
    review.add_annotation(a(section="2.2"), "comment", f"Long note {paste} END-OF-NOTE", visibility="report")
    review.add_annotation(
        a(section="1.1"), "comment", "Link: " + "ж" * 3000 + " END-OF-LINK", visibility="report"
    )
    review.add_recommendation(
        "Read " + "щ" * 500 + " END-OF-WORD", anchor=a(section="2.2"), visibility="report"
    )
    return review


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["report", "table"])
def test_what_members_type_exports_whole_to_word_and_pdf(typed: Review, out: Path, shape: str) -> None:
    word = all_text(open_docx(export_report(typed, out / "r.docx", shape=shape)))
    assert "Say how 👍🏽 results will be reported to residents 😀." in word  # control characters dropped
    assert "مرحبا بالعالم" in word and "שלום עולם" in word
    assert f"w{PASTE_WORDS - 1}" in word and "END-OF-PASTE" in word and "END-OF-NOTE" in word
    pdf = _flat(_pdf_text(export_report(typed, out / "r.pdf", shape=shape)))
    # each emoji is drawn if the PDF's font has it, else spelt out; either way the text layer has it
    assert re.search(
        r"Say how (👍|\[thumbs up sign\]) results will be reported to residents (😀|\[grinning face\])\.", pdf
    )
    for end in ("END-OF-PASTE", "END-OF-NOTE", "END-OF-LINK", f"w{PASTE_WORDS - 1}", "w12345 w12346"):
        assert end in pdf  # nothing cut off, even inside a table cell
    # long words are broken across lines (in table cells at a zero-width space), never cut off
    assert pdf.count("ж") == 3000 and pdf.count("щ") == 500 * {"report": 2, "table": 1}[shape]


def test_my_notes_pdf_says_what_it_holds(review: Review, out: Path) -> None:
    text = _flat(_pdf_text(export_my_notes(review, out / "notes.pdf")))
    assert "My notes on the draft Police and Crime Plan 2025-29" in text
    assert "including two private working notes that you have not shared" in text
    assert "PRIVATE-note about an officer by name" in text
    shared = _flat(_pdf_text(export_my_notes(review, out / "shared.pdf", include_private=False)))
    assert "PRIVATE-" not in shared and "Your private working notes are not included" in shared
    assert "PANEL-only note" in shared


def test_notes_and_annotated_draft_take_what_members_type(typed: Review, out: Path) -> None:
    typed.add_annotation(
        typed.anchor_for(quote="Victims receiving the rights"),
        "concern",
        "Bad\x00 input 😀 \u202eRTL-override",
        visibility="private",
    )
    word = all_text(open_docx(export_my_notes(typed, out / "notes.docx")))
    assert "Bad input 😀 \u202eRTL-override" in word  # the control character dropped, the rest kept
    pdf = _flat(_pdf_text(export_my_notes(typed, out / "notes.pdf")))
    assert re.search(r"Bad input (😀|\[grinning face\]) ", pdf)  # (the override reorders what follows)
    assert "END-OF-PASTE" in pdf and "Say how" in pdf
    with pymupdf.open(export_annotated_draft(typed, out / "draft.pdf", include_private=True)) as doc:
        contents = [a.info["content"] for page in doc for a in page.annots()]
    assert "PRIVATE WORKING NOTE (not shared): Bad input 😀 \u202eRTL-override" in contents


def test_importing_the_export_package_loads_no_word_or_pdf_library() -> None:
    code = (
        "import sys, panelreview.export\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'pymupdf', 'PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
