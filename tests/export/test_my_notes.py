"""A member's "My notes": their own notes and recommendations by section, saying who may see each."""

from __future__ import annotations

import itertools
from pathlib import Path

from panelreview.export import export_my_notes
from panelreview.storage import Review
from tests.export.docx_read import all_text, headings, open_docx, styled


def test_my_notes_word_by_section_with_visibility(review: Review, out: Path) -> None:
    document = open_docx(export_my_notes(review, out / "notes.docx"))
    assert document.core_properties.title.startswith("My notes on the draft Police and Crime Plan 2025-29")
    found = headings(document)
    assert found[0] == (1, "The plan as a whole")
    assert (1, "Priority 1: Safer neighbourhoods") in found
    # an enumerated outcome's title is only its first words: it is named by its number, never cut off
    assert (2, "1.2") in found and not any(t.endswith("…") for _, t in found)
    assert all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(found))
    notice = styled(document, "Export Notice")
    assert notice and "two private working notes" in notice[0] and "do not publish" in notice[0]
    items = styled(document, "Comment Heading")
    assert any(
        i.startswith("Comment · Private · page 2 of the consultation draft dated 3 January") for i in items
    )
    assert any(i.startswith("Support · Shared with the panel") for i in items)
    assert any(i.startswith("Recommendation · Proposed for the report") for i in items)
    text = all_text(document)
    assert "Jo Clerk (Westshire CC): Agreed: the Panel raised this last year too." in text
    titles = [t for _, t in found]
    order = [titles.index(s) for s in ("1.1", "1.2", "2.1", "Resources and finance")]
    assert order == sorted(order)


def test_my_notes_without_private(review: Review, out: Path) -> None:
    text = all_text(open_docx(export_my_notes(review, out / "notes.docx", include_private=False)))
    assert "PRIVATE-" not in text and "Your private working notes are not included" in text
