"""A file annotated on another version of the draft: its notes are carried over to this one."""

from __future__ import annotations

from typing import Any

import pymupdf
import pytest

from panelreview.core.imported_notes import NEW
from panelreview.core.note_placing import CARRIED
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import Review
from tests.export import drafts
from tests.notes_import.marking import highlight, save, sticky

EARLIER = [
    list(drafts.PAGES[0]),
    [
        ("Priority 1: Safer neighbourhoods", 16, True),
        ("What we will achieve", 13, True),
        ("1.1 More officers and PCSOs working in neighbourhood teams, visible in every town.", 11, False),
        ("1.2 Emergency calls answered promptly and incidents attended within target times.", 11, False),
        (
            "We will publish monthly figures for every neighbourhood so that residents judge our progress.",
            11,
            False,
        ),
    ],
    list(drafts.PAGES[2]),
    [
        ("Priority 3: Roads policing", 16, True),
        (
            "Speed enforcement on rural roads will double, with new average speed cameras on the A-roads.",
            11,
            False,
        ),
        (
            "Drink and drug driving campaigns will run every summer and at Christmas in every district.",
            11,
            False,
        ),
    ],
]


@pytest.fixture
def earlier(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(drafts, "PAGES", EARLIER)
    return pymupdf.open(stream=drafts.draft_pdf(), filetype="pdf")


def test_notes_on_an_earlier_version_are_carried_to_this_draft(member: Review, earlier: Any) -> None:
    p1, p3 = earlier[1], earlier[3]
    highlight(p1, "Emergency calls answered promptly", "Cllr Ann Jones", "What is the target?")
    highlight(
        p1,
        "publish monthly figures for every neighbourhood",
        "Cllr Ann Jones",
        "Monthly is better than quarterly.",
    )
    sticky(p3, (80, 95), "Cllr Ann Jones", "Roads policing matters to rural residents.")
    notes = read_notes_bytes(save(earlier), "annotated earlier draft.pdf")
    _, report = member.import_notes(notes)
    assert [n.status for n in report.notes] == [NEW, NEW, NEW]
    assert report.version_note is not None and "another version" in report.version_note
    assert "1 on the same words, 1 on passages reworded since, 1 not found" in report.version_note
    by_text = {a.body: a for a in member.annotations()}
    same = by_text["What is the target?"]
    assert same.anchor.quote == "Emergency calls answered promptly" and same.section.number == "1.2"
    reworded = by_text["Monthly is better than quarterly."]
    assert reworded.anchor.quote is not None and "quarterly figures" in reworded.anchor.quote
    assert report.notes[1].placed.startswith(CARRIED) and "reworded" in report.notes[1].placed
    orphan = by_text["Roads policing matters to rural residents."]
    assert orphan.anchor.quote is None  # no counterpart: kept, on its page's section or the whole draft


def test_a_version_kept_in_the_review_is_recognised(
    make_review: Any, earlier: Any, draft: bytes, document: Any, tmp_path: Any
) -> None:
    from panelreview.ingest import read_document_bytes
    from panelreview.storage import create_review

    first = earlier.tobytes()
    review = create_review(
        tmp_path / "two versions.pcpr",
        first,
        read_document_bytes(first, "v1.pdf"),
        member_name="Cllr Ann Jones",
    )
    try:
        review.add_draft_version(draft, document, label="Final draft")
        highlight(earlier[1], "publish monthly figures", "Cllr Ann Jones", "Monthly, please.")
        _, report = review.import_notes(read_notes_bytes(save(earlier), "emailed.pdf"))
        assert (
            report.version_note is not None
            and "another version of the draft (Consultation draft)" in report.version_note
        )
        (note,) = review.annotations()
        assert note.draft_id == review.current_draft_id and note.section.number == "1.2"
    finally:
        review.close()
