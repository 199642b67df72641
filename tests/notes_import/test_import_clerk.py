"""Importing an annotated file into the clerk's review: each author becomes a member's view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from panelreview.core.imported_notes import NEW, SKIP
from panelreview.core.review import Kind, Visibility
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import Review
from tests.notes_import.conftest import MakeReview
from tests.notes_import.marking import edge_note, highlight, save, sticky

Marked = Callable[[], Any]


def _dans_file(marked: Marked) -> bytes:
    doc = marked()
    page = doc[1]
    highlight(page, "Emergency calls answered promptly", "Cllr Dan Brown", "No rural target at all.")
    highlight(page, "quarterly figures", "Cllr Dan Brown", "Will these be published online?")
    sticky(page, (80, 95), "Cllr Eve Green", "Strongly support this priority.")
    return save(doc)


def test_each_author_becomes_a_members_view_counted_in_the_synthesis(clerk: Review, marked: Marked) -> None:
    _, report = clerk.import_notes(read_notes_bytes(_dans_file(marked), "from Dan.pdf"))
    assert [n.status for n in report.notes] == [NEW, NEW, NEW]
    views = clerk.annotations()
    assert {a.author.name for a in views} == {"Cllr Dan Brown", "Cllr Eve Green"}
    assert all(a.author.id in clerk.entered_by_clerk() for a in views)
    assert all(a.visibility is Visibility.PANEL for a in views)
    kinds = sorted(a.kind.value for a in views)
    assert kinds == ["comment", "comment", "question"]
    synthesis = clerk.synthesis()
    assert synthesis.headline.startswith("2 ")  # two members, counted once each
    questions = [g for p in synthesis.sections for g in p.groups if g.kind == "question"]
    assert [m.name for g in questions for m in g.members] == ["Cllr Dan Brown"]


def test_notes_without_an_author_wait_for_a_name(clerk: Review, marked: Marked) -> None:
    doc = marked()
    edge_note(doc[2], (100, 100), "Sent from Edge with no name")
    notes = read_notes_bytes(save(doc), "edge.pdf")
    _, report = clerk.import_notes(notes)
    assert [(n.status, n.reason) for n in report.notes] == [
        (SKIP, "the file names no author (give a name for unnamed notes)")
    ]
    keys = {n.key for n in report.notes}  # as the window passes the notes the clerk left ticked
    _, report = clerk.import_notes(notes, accept=keys, unnamed_as="Cllr Fay Hill")
    (view,) = clerk.annotations()
    assert view.author.name == "Cllr Fay Hill" and view.kind is Kind.COMMENT


def test_a_point_the_members_pack_brought_is_not_added_twice(
    clerk: Review, make_review: MakeReview, marked: Marked, tmp_path: Path
) -> None:
    dan = make_review("Cllr Dan Brown", file="dan.pcpr")
    dan.add_annotation(
        dan.anchor_for(quote="Emergency calls answered promptly"), "comment", "No rural target at all.",
        visibility="panel",
    )  # fmt: skip
    pack = tmp_path / "dan.pcpack"
    dan.share(pack)
    clerk.import_packs([pack])
    _, report = clerk.import_notes(read_notes_bytes(_dans_file(marked), "from Dan.pdf"))
    assert [n.status for n in report.notes] == [SKIP, NEW, NEW]
    assert "own review pack" in report.notes[0].reason
    texts = sorted(a.body for a in clerk.annotations() if a.author.name == "Cllr Dan Brown")
    assert texts == ["No rural target at all.", "Will these be published online?"]


def test_a_pack_arriving_later_retires_the_imported_copy(
    clerk: Review, make_review: MakeReview, marked: Marked, tmp_path: Path
) -> None:
    clerk.import_notes(read_notes_bytes(_dans_file(marked), "from Dan.pdf"))
    dan = make_review("Cllr Dan Brown", file="dan.pcpr")
    dan.add_annotation(
        dan.anchor_for(quote="Emergency calls answered promptly"), "question", "No rural target at all.",
        visibility="panel",
    )  # fmt: skip
    pack = tmp_path / "dan.pcpack"
    dan.share(pack)
    change = clerk.import_packs([pack])
    texts = sorted(a.body for a in clerk.annotations() if a.author.name == "Cllr Dan Brown")
    assert texts == ["No rural target at all.", "Will these be published online?"]
    dans = [p for p in clerk.synthesis().members if p.name == "Cllr Dan Brown"]
    assert len(dans) == 1
    clerk.apply(change.inverse())  # undoing the pack brings the imported copy back
    texts = sorted(a.body for a in clerk.annotations() if a.author.name == "Cllr Dan Brown")
    assert texts == ["No rural target at all.", "Will these be published online?"]
    assert all(a.author.id in clerk.entered_by_clerk() for a in clerk.annotations())
