"""Notes drawn over their passages in the PDF view: colour and mark, tooltip, click, keyboard, going there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage

from panelreview.core.anchor import anchor_span
from panelreview.core.model import full_text
from panelreview.core.review import Kind
from panelreview.ui.common.kind_style import paper_colour
from panelreview.ui.reader.selection import HighlightItem
from tests.ui.view_helpers import TooltipSpy, click, item_for, pdf_opener, tooltips, wait_for_words

pytestmark = pytest.mark.gui
__all__ = ["pdf_opener", "tooltips"]

VISION_PAGE = 2
VISION = "communities know their local officers"
PRINCIPLE = "Community first"


def _grab(view: Any) -> QImage:
    return view.canvas.grab().toImage()


def _has_colour(image: QImage, area: QRect, colour: QColor, tolerance: int = 3) -> bool:
    ratio = image.devicePixelRatio()
    for y in range(int(area.top() * ratio), int(area.bottom() * ratio), 2):
        for x in range(int(area.left() * ratio), int(area.right() * ratio), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                return True
    return False


def _open_with_notes(qtbot: Any, pdf_opener: Any, samples: Path) -> tuple[Any, list[HighlightItem]]:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf")
    view = opened.view
    document = opened.draft.document
    items = [
        item_for(document, "n1", Kind.CONCERN, VISION, "Concern — Cllr Amin\nWho are the local officers?"),
        item_for(document, "n2", Kind.SUPPORT, PRINCIPLE, "Support — Cllr Boyd"),
        item_for(document, "r1", None, "Value for money", "Recommendation — publish the costs"),
    ]
    view.set_highlights(items)
    wait_for_words(qtbot, view, VISION_PAGE)
    return view, items


def _rect_on_canvas(view: Any, item_id: str) -> QRect:
    placed = next(p for p in view.highlights.on_page(VISION_PAGE) if p.item.id == item_id)
    return view.to_canvas(VISION_PAGE, placed.rects[0]).toRect()


def test_notes_are_drawn_in_their_kinds_colour_with_a_mark(
    qtbot: Any, pdf_opener: Any, samples: Path
) -> None:
    view, _items = _open_with_notes(qtbot, pdf_opener, samples)
    qtbot.waitUntil(lambda: view.cached_image(VISION_PAGE) is not None)
    placed = {p.item.id: p for p in view.highlights.on_page(VISION_PAGE)}
    assert set(placed) == {"n1", "n2", "r1"}
    assert len(placed["n1"].rects) == 1  # "communities know their local officers" is on one line
    image = _grab(view)
    concern = _rect_on_canvas(view, "n1")
    support = _rect_on_canvas(view, "n2")
    assert _has_colour(image, concern, paper_colour(Kind.CONCERN))
    assert not _has_colour(image, concern, paper_colour(Kind.SUPPORT))
    assert _has_colour(image, support, paper_colour(Kind.SUPPORT))
    assert _has_colour(image, _rect_on_canvas(view, "r1"), paper_colour(None))
    # The kind's mark sits in the page's left margin beside the passage.
    page = view.page_rect(VISION_PAGE)
    margin = QRect(page.left(), concern.top() - 2, 40, concern.height() + 4)
    assert _has_colour(image, margin, paper_colour(Kind.CONCERN))
    # Text outside every note stays on white paper.
    words = view.words.page(VISION_PAGE)
    plain = next(w for w in words.words if w.text == "Westshire" and w.start is not None)
    assert not _has_colour(
        image, view.to_canvas(VISION_PAGE, plain.rect).toRect(), paper_colour(Kind.CONCERN)
    )


def test_hover_shows_the_note_and_click_opens_it(
    qtbot: Any, pdf_opener: Any, samples: Path, tooltips: TooltipSpy
) -> None:
    view, _ = _open_with_notes(qtbot, pdf_opener, samples)
    centre = _rect_on_canvas(view, "n1").center()
    assert tooltips.hover(view.canvas, centre) == "Concern — Cllr Amin\nWho are the local officers?"
    assert tooltips.hover(view.canvas, _rect_on_canvas(view, "n2").center()) == "Support — Cllr Boyd"
    assert tooltips.hover(view.canvas, QPoint(5, 5)) == ""
    with qtbot.waitSignal(view.highlight_activated) as blocker:
        click(view.canvas, centre)
    assert blocker.args == ["n1"]
    assert view.selection() is None


def test_current_note_is_emphasised_and_keyboard_moves_between_notes(
    qtbot: Any, pdf_opener: Any, samples: Path
) -> None:
    view, _ = _open_with_notes(qtbot, pdf_opener, samples)
    qtbot.waitUntil(lambda: view.cached_image(VISION_PAGE) is not None)
    area = _rect_on_canvas(view, "n1").adjusted(-3, -3, 3, 3)
    before = _grab(view).copy(area)
    view.set_current_highlight("n1")
    assert view.current_highlight() == "n1"
    assert _grab(view).copy(area) != before  # drawn with an outline now
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.current_highlight() == "n2"  # the next note in reading order
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert view.current_highlight() == "n1"
    with qtbot.waitSignal(view.highlight_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == ["n1"]


def test_scroll_to_anchor_brings_a_later_page_into_view(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf")
    view = opened.view
    document = opened.draft.document
    _text, _starts = full_text(document.blocks)
    target = next(b for b in document.blocks if b.page == 12 and len(b.text) > 40)
    item = item_for(document, "far", Kind.QUESTION, target.text[:40])
    assert view.visible_pages().start < 2
    view.scroll_to_anchor(item.anchor)
    assert 12 in view.visible_pages()
    box = view.to_canvas(12, item.anchor.rects[0])
    top = view.verticalScrollBar().value()
    assert top <= box.top() and box.bottom() <= top + view.viewport().height()
    # Already in view: going there again does not move the page under the member's eyes.
    view.scroll_to_anchor(item.anchor)
    assert view.verticalScrollBar().value() == top


def test_show_found_marks_the_passage(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf")
    view = opened.view
    item = item_for(opened.draft.document, "f", Kind.COMMENT, "Westshire at a glance")
    view.show_found(item.anchor)
    assert VISION_PAGE in view.visible_pages()
    wait_for_words(qtbot, view, VISION_PAGE)
    assert view.found_rects(VISION_PAGE)
    qtbot.waitUntil(lambda: not view.found_rects(VISION_PAGE), timeout=5000)  # only for a moment


def test_five_hundred_notes_and_changing_one_repaints_one_page(
    qtbot: Any, pdf_opener: Any, samples: Path, tooltips: TooltipSpy
) -> None:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf")
    view = opened.view
    document = opened.draft.document
    _, starts = full_text(document.blocks)
    kinds = [*Kind, None]
    items = []
    for n in range(500):
        block = document.blocks[(n * 7) % len(document.blocks)]
        start = starts[block.index] + n % max(1, len(block.text) - 12)
        end = min(start + 12, starts[block.index] + len(block.text))
        items.append(
            HighlightItem(f"h{n}", kinds[n % len(kinds)], anchor_span(document, start, end), f"note {n}")
        )
    view.set_highlights(items)
    wait_for_words(qtbot, view, VISION_PAGE)
    on_page = [i for i in items if VISION_PAGE in view.highlights.pages_of(i.id)]
    assert len(on_page) > 5
    assert {p.item.id for p in view.highlights.on_page(VISION_PAGE)} == {i.id for i in on_page}
    assert tooltips.hover(
        view.canvas,
        view.to_canvas(VISION_PAGE, view.highlights.on_page(VISION_PAGE)[-1].rects[0]).center().toPoint(),
    )
    changed = list(items)
    changed[0] = HighlightItem("h0", Kind.QUESTION, items[0].anchor, "changed")
    assert view.highlights.set_items(changed) == set(view.highlights.pages_of("h0"))
    assert view.highlights.set_items(changed) == set()  # nothing changed, nothing repainted
