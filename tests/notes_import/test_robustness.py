"""Files from the real world: broken dictionaries, no authors, odd dates, right-to-left text,
thousands of notes, passwords, notes off the page, and an import that fails halfway."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pymupdf
import pytest

from panelreview.core.errors import PasswordRequired, WrongPassword
from panelreview.core.imported_notes import NEW, SAME
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import NotSaved, Review
from panelreview.storage.combine import CombineOps
from tests.clerk.helpers import state
from tests.notes_import.marking import acrobat, highlight, raw_highlights, save, sticky

Marked = Callable[[], Any]


def test_broken_annotation_dictionaries_are_skipped_and_counted(member: Review, marked: Marked) -> None:
    doc = marked()
    page = doc[1]
    good = highlight(page, "Emergency calls answered promptly", "Cllr Ann Jones", "Fine")
    odd_quads = highlight(page, "quarterly figures", "Cllr Ann Jones", "Odd quads")
    doc.xref_set_key(odd_quads.xref, "QuadPoints", "[1 2 3]")  # not a whole quad: its box is used
    no_rect = sticky(page, (72, 300), "Cllr Ann Jones", "No rectangle")
    doc.xref_set_key(no_rect.xref, "Rect", "null")
    odd_types = sticky(page, (72, 330), "Cllr Ann Jones", "x")
    doc.xref_set_key(odd_types.xref, "T", "42")
    doc.xref_set_key(odd_types.xref, "Contents", "/NotAString")
    loop = sticky(page, (72, 360), "Bob Smith", "Replying to itself")
    doc.xref_set_key(loop.xref, "IRT", f"{loop.xref} 0 R")
    doc.xref_set_key(good.xref, "RC", "(<body><p>unclosed)")
    notes = read_notes_bytes(save(doc), "broken.pdf")
    texts = sorted(i.text for i in notes.items)
    assert "Fine" in texts and "Odd quads" in texts
    change, _ = member.import_notes(notes, accept={n.key for n in member.plan_notes(notes).notes})
    assert not change.is_empty and any(a.body == "Fine" for a in member.annotations())


def test_missing_authors_odd_dates_and_right_to_left_text(member: Review, marked: Marked) -> None:
    doc = marked()
    page = doc[1]
    unnamed = sticky(page, (80, 95), "", "No author here", created="sometime in January")
    page.parent.xref_set_key(unnamed.xref, "T", "null")
    highlight(page, "Emergency calls answered promptly", "سارة أحمد", "هل هناك هدف؟")
    highlight(page, "quarterly figures", "דוד לוי", "מה היעד?")
    notes = read_notes_bytes(save(doc), "rtl.pdf")
    plan = member.plan_notes(notes)
    assert plan.notes[0].mine and plan.notes[0].status == NEW  # unnamed: the member's own
    assert [n.author for n in plan.notes[1:]] == ["سارة أحمد", "דוד לוי"]  # two people, not one
    member.import_notes(notes, accept={n.key for n in plan.notes})
    by_author = {a.author.name: a for a in member.annotations()}
    assert by_author["سارة أحمد"].body == "هل هناك هدف؟" and by_author["سارة أحمد"].kind.value == "question"
    assert by_author["דוד לוי"].body == "מה היעד?"
    assert by_author["Cllr Ann Jones"].created  # no date in the file: the time of the import


def test_thousands_of_notes_import_once(member: Review, marked: Marked) -> None:
    doc = marked()
    raw_highlights(
        doc,
        1,
        "Emergency calls answered promptly",
        [f"Point number {n}" for n in range(2500)],
        "Cllr Ann Jones",
    )
    notes = read_notes_bytes(save(doc), "many.pdf")
    assert len(notes.items) == 2500
    _, report = member.import_notes(notes)
    assert len(report.having(NEW)) == 2500 and len(member.annotations()) == 2500
    _, again = member.import_notes(notes)
    assert len(again.having(SAME)) == 2500


def test_a_password_protected_file_asks_for_its_password(member: Review, marked: Marked) -> None:
    doc = marked()
    highlight(doc[1], "Emergency calls answered promptly", "Cllr Ann Jones", "Locked away")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="panel", owner_pw="panel")
    with pytest.raises(PasswordRequired):
        read_notes_bytes(data, "locked.pdf")
    with pytest.raises(WrongPassword):
        read_notes_bytes(data, "locked.pdf", "wrong")
    notes = read_notes_bytes(data, "locked.pdf", "panel")
    member.import_notes(notes)
    assert [a.body for a in member.annotations()] == ["Locked away"]


def test_notes_off_the_page_are_placed_at_best_or_counted(member: Review, marked: Marked) -> None:
    doc = marked()
    page = doc[2]
    off = page.add_highlight_annot(pymupdf.Rect(700, 900, 800, 950))
    off.set_info(title="Cllr Ann Jones")
    off.update()
    acrobat(page, page.add_text_annot((650, 900), "Way off the page"), "Cllr Ann Jones", "Way off the page")
    notes = read_notes_bytes(save(doc), "off.pdf")
    assert notes.left_out.get("marks outside the page with no words") == 1
    member.import_notes(notes)
    (note,) = member.annotations()
    assert note.body == "Way off the page" and note.anchor.page_index == 2
    assert note.section.title is not None  # the section of its page, not lost


def test_an_import_that_fails_halfway_changes_nothing(
    member: Review, marked: Marked, monkeypatch: pytest.MonkeyPatch
) -> None:
    member.add_annotation(member.anchor_for(section="2.1"), "comment", "Already here")
    doc = marked()
    highlight(doc[1], "Emergency calls answered promptly", "Cllr Ann Jones", "Will not arrive")
    sticky(doc[2], (80, 95), "Cllr Ann Jones", "Nor this")
    notes = read_notes_bytes(save(doc), "fails.pdf")
    before = state(member)

    def full_disk(self: CombineOps, conn: Any, record: Any, data: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CombineOps, "_write_batch", full_disk)
    with pytest.raises(NotSaved):
        member.import_notes(notes)
    assert state(member) == before
