"""Comments typed into the Word version of the draft, imported into a review of the PDF draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from panelreview.core.imported_notes import FREE_TEXT
from panelreview.core.review import Kind
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import Review
from tests.export.drafts import PAGES
from tests.notes_import.marking import comment_on, save, word_bytes, word_draft

Marked = Callable[[], Any]


def test_word_comments_are_anchored_like_notes_made_in_the_window(member: Review) -> None:
    document = word_draft([text for page in PAGES for text, _, _ in page])
    first = comment_on(document, "quarterly figures", "Cllr Ann Jones", "Why not monthly?", "AJ")
    answer = document.add_comment(
        document.paragraphs[6].runs[1], text="Quarterly is enough.", author="Jo Clerk"
    )
    comment_on(document, "provisional until the precept is set", "Cllr Ann Jones", "Flag this in the report.")
    notes = read_notes_bytes(word_bytes(document, {answer: first}), "plan with comments.docx")
    _, report = member.import_notes(notes)
    assert report.version_note is None  # the same plan, in Word: the same text
    by_text = {a.body: a for a in member.annotations()}
    why = by_text["Why not monthly?"]
    assert why.kind is Kind.QUESTION and why.anchor.quote == "quarterly figures"
    assert why.anchor.start == member.anchor_for(quote="quarterly figures").start
    assert [(r.author.name, r.body) for r in why.replies] == [("Jo Clerk", "Quarterly is enough.")]
    flag = by_text["Flag this in the report."]
    assert flag.section.title == "Resources and finance" and flag.kind is Kind.COMMENT


def test_a_text_box_is_read_and_placed_where_it_sits(member: Review, marked: Marked) -> None:
    doc = marked()
    page = doc[2]
    (at,) = page.search_for("The budget for 2025/26")
    box = page.add_freetext_annot((at.x1 + 10, at.y0 - 4, 590, at.y1 + 4), "Budget needs a baseline")
    box.set_info(title="Cllr Ann Jones")
    box.update()
    notes = read_notes_bytes(save(doc), "boxes.pdf")
    (item,) = notes.items
    assert item.origin == FREE_TEXT and item.text == "Budget needs a baseline"
    assert "Budget needs" not in item.passage.near and "until the precept is set" in item.passage.near
    member.import_notes(notes)
    (note,) = member.annotations()
    assert note.section.title == "Resources and finance" and note.anchor.page_index == 2
