"""Reading notes from an annotated PDF: passages from quad points, replies, authors, what is left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pymupdf
import pytest

from panelreview.core.imported_notes import HIGHLIGHT, NOTE, STRIKEOUT, UNDERLINE, parse_date
from panelreview.ingest.notes import read_notes_bytes
from tests.notes_import.marking import acrobat, edge_note, highlight, reply, save, sticky

Marked = Callable[[], Any]


def test_a_highlight_gives_the_words_under_its_quads_not_its_bounding_box(marked: Marked) -> None:
    doc = marked()
    page = doc[1]
    # End of one line and start of the next: the box around both covers whole lines.
    quads = page.search_for("visible in every town.", quads=True)
    assert quads
    acrobat(page, page.add_highlight_annot(quads), "Cllr Ann Jones", "Which towns?")
    notes = read_notes_bytes(save(doc), "marked.pdf")
    (item,) = notes.items
    assert item.origin == HIGHLIGHT
    assert item.passage.quote == "visible in every town."
    assert item.passage.page == 1
    assert item.author == "Cllr Ann Jones" and item.text == "Which towns?"
    assert "teams," in item.passage.prefix


def test_underline_strike_out_and_a_two_line_mark(marked: Marked) -> None:
    doc = marked()
    page = doc[1]
    u = page.add_underline_annot(page.search_for("Emergency calls", quads=True))
    acrobat(page, u, "A", "Good", subject="Underline")
    line1 = page.search_for("More officers and PCSOs", quads=True)
    line2 = page.search_for("visible in every", quads=True)
    s = page.add_strikeout_annot(line1 + line2)
    acrobat(page, s, "A", "Remove", subject="Strikeout")
    notes = read_notes_bytes(save(doc), "marked.pdf")
    kinds = {i.origin: i.passage.quote for i in notes.items}
    assert kinds[UNDERLINE] == "Emergency calls"
    quote = kinds[STRIKEOUT] or ""
    assert quote.startswith("More officers and PCSOs") and quote.endswith("visible in every")
    assert "answered" not in quote


def test_replies_come_in_order_with_their_authors_and_rich_text_is_read(marked: Marked) -> None:
    doc = marked()
    page = doc[2]
    note = highlight(page, "Fewer victims and witnesses", "Cllr Ann Jones", "", contents=False)
    acrobat(page, note, "Cllr Ann Jones", "Is there a target?", contents=False)
    reply(page, note, "Bob Smith", "Second reply", created="D:20250112090000Z")
    reply(page, note, "Jo Clerk", "First reply", created="D:20250111090000Z")
    notes = read_notes_bytes(save(doc), "marked.pdf")
    (item,) = notes.items
    assert item.text == "Is there a target?"  # from /RC: no /Contents
    assert [(r.author, r.text) for r in item.replies] == [
        ("Jo Clerk", "First reply"),
        ("Bob Smith", "Second reply"),
    ]
    assert notes.authors == ["Cllr Ann Jones", "Jo Clerk", "Bob Smith"]


def test_sticky_notes_sit_at_their_point_with_the_line_beside_them(marked: Marked) -> None:
    doc = marked()
    page = doc[2]
    (where,) = page.search_for("The budget for 2025/26")
    sticky(page, (where.x0, where.y0), "Cllr Ann Jones", "Precept?")
    edge_note(page, (500, where.y0), "From Edge")
    notes = read_notes_bytes(save(doc), "marked.pdf")
    first, edge = notes.items
    assert first.origin == NOTE and first.passage.point == pytest.approx((where.x0, where.y0), abs=0.01)
    assert "The budget for 2025/26" in first.passage.near
    assert edge.author == "" and edge.created == "2025-01-12T10:30:00.000000Z"


def test_drawings_links_fields_and_popups_are_left_out_and_counted(marked: Marked) -> None:
    doc = marked()
    page = doc[1]
    page.add_ink_annot([[(100, 700), (200, 720)]])
    square = page.add_rect_annot(pymupdf.Rect(100, 730, 200, 780))
    square.set_info(title="Cllr Ann Jones", content="This box matters")
    square.update()
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 80), "uri": "https://x"})
    widget = pymupdf.Widget()
    widget.field_name, widget.field_type = "name", pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.rect = pymupdf.Rect(300, 700, 400, 720)
    page.add_widget(widget)
    sticky(page, (72, 72), "Cllr Ann Jones", "A note")
    notes = read_notes_bytes(save(doc), "marked.pdf")
    assert sorted(i.text for i in notes.items) == ["A note", "This box matters"]
    left = notes.left_out
    assert left["drawings, stamps and marks with no words"] == 1
    assert left["links"] == 1 and left["form fields"] == 1
    assert sum(v for k, v in left.items() if k.startswith("pop-up")) >= 1


def test_dates_in_the_forms_readers_write() -> None:
    assert parse_date("D:20250112103000+01'00'") == "2025-01-12T09:30:00.000000Z"
    assert parse_date("D:20250112103000-05'30") == "2025-01-12T16:00:00.000000Z"
    assert parse_date("D:2025") == "2025-01-01T00:00:00.000000Z"
    assert parse_date("20250112") == "2025-01-12T00:00:00.000000Z"
    assert parse_date("2025-01-12T10:30:00") == "2025-01-12T10:30:00.000000Z"
    assert parse_date("12/01/2025") == "2025-01-12T00:00:00.000000Z"
    assert parse_date("D:20251345990000Z") is None  # month 13
    assert parse_date("yesterday") is None and parse_date("") is None
