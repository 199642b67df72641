"""Reading comments from a Word file: author, initials, date, text, the commented range, replies."""

from __future__ import annotations

from panelreview.core.imported_notes import COMMENT
from panelreview.ingest.notes import read_notes_bytes
from tests.notes_import.marking import comment_on, word_bytes, word_draft

PARAS = [
    "Priority 1: Safer neighbourhoods",
    "1.1 More officers and PCSOs working in neighbourhood teams, visible in every town.",
    "1.2 Emergency calls answered promptly and incidents attended within target times.",
]


def test_a_comment_gives_author_initials_date_text_and_the_commented_range() -> None:
    document = word_draft(PARAS)
    comment_on(document, "visible in every town", "Cllr Ann Jones", "Which towns?\nAll of them?", "AJ")
    notes = read_notes_bytes(word_bytes(document), "draft.docx")
    (item,) = notes.items
    assert item.origin == COMMENT
    assert (item.author, item.initials) == ("Cllr Ann Jones", "AJ")
    assert item.text == "Which towns?\nAll of them?"
    assert item.passage.quote == "visible in every town"
    assert item.passage.prefix.endswith("neighbourhood teams,")
    assert item.created is not None and item.created.endswith("Z")


def test_replies_are_threaded_through_comments_extended() -> None:
    document = word_draft(PARAS)
    first = comment_on(document, "Emergency calls", "Cllr Ann Jones", "What target?")
    answer = document.add_comment(document.paragraphs[2].runs[1], text="Eight minutes.", author="Jo Clerk")
    again = document.add_comment(document.paragraphs[2].runs[1], text="In towns only?", author="Bob Smith")
    notes = read_notes_bytes(word_bytes(document, {answer: first, again: answer}), "draft.docx")
    (item,) = notes.items
    assert item.text == "What target?"
    assert [(r.author, r.text) for r in item.replies] == [
        ("Jo Clerk", "Eight minutes."),
        ("Bob Smith", "In towns only?"),
    ]


def test_without_threads_each_comment_stands_alone_and_empty_ones_are_counted() -> None:
    document = word_draft(PARAS)
    comment_on(document, "Emergency calls", "A", "One")
    document.add_comment(document.paragraphs[1].runs[0], text="", author="B")
    notes = read_notes_bytes(word_bytes(document), "draft.docx")
    assert [i.text for i in notes.items] == ["One"]
    assert notes.left_out == {"comments with no words": 1}
