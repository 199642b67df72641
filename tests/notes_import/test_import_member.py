"""Importing an annotated PDF into a member's own review: own notes, others offered, idempotent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from panelreview.core.imported_notes import NEW, OFFERED, SAME, UPDATE
from panelreview.core.review import Kind, Visibility
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import Review, open_review
from panelreview.storage.notes_import import NotThisDraft
from tests.clerk.helpers import state
from tests.notes_import.marking import highlight, reply, save, sticky

Marked = Callable[[], Any]


def _annotated(marked: Marked, *, edited: bool = False, extra: bool = False) -> bytes:
    doc = marked()
    p1, p2 = doc[1], doc[2]
    note = highlight(p1, "Emergency calls answered promptly", "Cllr Ann Jones",
                     "What is the rural target?" if edited else "What is the target?")  # fmt: skip
    reply(p1, note, "Bob Smith", "Agreed, ask for it.")
    highlight(p1, "quarterly figures", "Cllr Ann Jones")
    (at,) = p2.search_for("The budget for 2025/26")
    sticky(p2, (at.x0 + 2, at.y0 + 2), "Bob Smith", "Precept level is not stated")
    if extra:
        highlight(p2, "Victims' Code", "Cllr Ann Jones", "Code compliance needs a measure.")
    return save(doc)


def test_own_notes_become_private_notes_anchored_like_the_windows(member: Review, marked: Marked) -> None:
    notes = read_notes_bytes(_annotated(marked), "annotated.pdf")
    change, report = member.import_notes(notes)
    assert [n.status for n in report.notes] == [NEW, NEW, OFFERED]
    mine = member.annotations()
    assert len(mine) == 2 and all(a.visibility is Visibility.PRIVATE for a in mine)
    question = next(a for a in mine if a.kind is Kind.QUESTION)
    expected = member.anchor_for(quote="Emergency calls answered promptly")
    assert question.anchor.quote == expected.quote and question.anchor.start == expected.start
    assert question.anchor.section_id == expected.section_id and question.anchor.page_index == 1
    assert question.anchor.rects  # shown on the page where it was marked
    assert question.section.label.startswith("1.2")
    assert [(r.author.name, r.body) for r in question.replies] == [("Bob Smith", "Agreed, ask for it.")]
    assert any(a.kind is Kind.HIGHLIGHT and a.anchor.quote == "quarterly figures" for a in mine)
    hits = member.search("rural target") + member.search("target")
    assert any(h.item_type == "annotation" and h.item_id == question.id for h in hits)
    assert change.label == "Import notes from “annotated.pdf”"


def test_others_notes_are_taken_only_when_accepted(member: Review, marked: Marked) -> None:
    notes = read_notes_bytes(_annotated(marked), "annotated.pdf")
    offered = member.plan_notes(notes).having(OFFERED)
    assert [n.author for n in offered] == ["Bob Smith"]
    member.import_notes(notes, accept={offered[0].key})
    bob = next(a for a in member.annotations() if a.author.name == "Bob Smith")
    assert bob.body == "Precept level is not stated" and bob.section.title == "Resources and finance"
    assert bob.anchor.quote is None and bob.anchor.page_index == 2
    member.edit_annotation(bob.id, kind="concern")  # kinds can be changed afterwards
    assert member.annotation(bob.id).kind is Kind.CONCERN  # type: ignore[union-attr]


def test_importing_again_adds_nothing_and_a_re_send_updates(member: Review, marked: Marked) -> None:
    member.import_notes(read_notes_bytes(_annotated(marked), "annotated.pdf"))
    before = state(member)
    change, report = member.import_notes(read_notes_bytes(_annotated(marked), "annotated.pdf"))
    assert change.is_empty and [n.status for n in report.notes][:2] == [SAME, SAME]
    assert state(member) == before
    resent = read_notes_bytes(_annotated(marked, edited=True, extra=True), "annotated v2.pdf")
    _, report = member.import_notes(resent)
    assert [n.status for n in report.notes if n.mine] == [UPDATE, SAME, NEW]
    bodies = sorted(a.body for a in member.annotations())
    assert bodies == ["", "Code compliance needs a measure.", "What is the rural target?"]


def test_the_whole_import_is_one_undo_step_also_after_reopening(
    member: Review, marked: Marked, tmp_path: Path
) -> None:
    member.add_annotation(member.anchor_for(section="2.1"), "comment", "Written in the window")
    before = state(member)
    change, _ = member.import_notes(read_notes_bytes(_annotated(marked), "annotated.pdf"))
    member.apply(change.inverse())
    assert state(member) == before
    member.apply(change)
    assert len(member.annotations()) == 3
    path = member.path
    member.close()
    with open_review(path) as again:
        undone = again.undo_last_notes_import()
        assert undone.label == "Remove imported notes from “annotated.pdf”"
        assert [a.body for a in again.annotations()] == ["Written in the window"]


def test_a_file_of_another_document_is_refused(member: Review) -> None:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Minutes of the parish council meeting held on Tuesday evening.")
    highlight(page, "parish council", "Cllr Ann Jones", "Wrong file")
    before = state(member)
    with pytest.raises(NotThisDraft, match="not a copy of this review's draft"):
        member.import_notes(read_notes_bytes(save(doc), "minutes.pdf"))
    assert state(member) == before
