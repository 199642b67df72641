"""Notes shown in a reflowed Word draft: coloured passages with marks, tooltips, clicks, going there."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from panelreview.core.model import Document
from panelreview.core.review import Kind
from panelreview.ui.common.kind_style import kind_colour, recommendation_colour
from panelreview.ui.reader.reflow_view import ReflowView
from tests.ui.view_helpers import TooltipSpy, click, item_for, reflow_view, tooltips, westshire

pytestmark = pytest.mark.gui
__all__ = ["tooltips", "westshire"]

VISION = "communities know their local officers"


def _centre(view: ReflowView, start: int, end: int) -> QPoint:
    found = view.text_map.to_doc(start, end)
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition((found[0] + found[1]) // 2)
    return view.cursorRect(cursor).center()


def _items(document: Document) -> list[Any]:
    return [
        item_for(document, "n1", Kind.QUESTION, VISION, "Question — Cllr Amin"),
        item_for(document, "n2", Kind.HIGHLIGHT, "Community first"),
        item_for(document, "r1", None, "Value for money – every pound", "Recommendation"),
    ]


def test_notes_are_coloured_passages_with_marks(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire)
    items = _items(westshire)
    view.set_highlights(items)
    extras = view.extraSelections()
    assert [e.cursor.selectedText() for e in extras] == [
        VISION,
        "Community first",
        "Value for money – every pound",
    ]
    assert extras[0].format.background().color() == kind_colour(Kind.QUESTION)
    assert extras[2].format.background().color() == recommendation_colour()
    view.scroll_to_anchor(items[0].anchor)
    image = view.viewport().grab().toImage()
    found = view.text_map.to_doc(items[0].anchor.start, items[0].anchor.end)
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[0])
    first_line = view.cursorRect(cursor)
    # The mark sits in the margin left of the text column, on the passage's first line.
    ratio = image.devicePixelRatio()
    column = int(view.document().rootFrame().frameFormat().leftMargin())
    margin = [image.pixelColor(int(x * ratio), int(first_line.center().y() * ratio)) for x in range(column)]
    assert kind_colour(Kind.QUESTION) in margin
    others = [
        image.pixelColor(int(x * ratio), int((first_line.center().y() + 60) * ratio)) for x in range(column)
    ]
    assert kind_colour(Kind.QUESTION) not in others


def test_hover_and_click_on_a_note(qtbot: Any, westshire: Document, tooltips: TooltipSpy) -> None:
    view = reflow_view(qtbot, westshire)
    items = _items(westshire)
    view.set_highlights(items)
    view.scroll_to_anchor(items[0].anchor)
    point = _centre(view, items[0].anchor.start, items[0].anchor.end)
    assert tooltips.hover(view.viewport(), point) == "Question — Cllr Amin"
    assert tooltips.hover(view.viewport(), QPoint(3, 3)) == ""
    with qtbot.waitSignal(view.highlight_activated) as blocker:
        click(view.viewport(), point)
    assert blocker.args == ["n1"]
    assert view.selection() is None


def test_current_note_keyboard_and_found(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire)
    items = _items(westshire)
    view.set_highlights(items)
    view.set_current_highlight("n1")
    extras = view.extraSelections()
    assert extras[0].format.fontUnderline()  # the current note is underlined
    assert not extras[1].format.fontUnderline()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.current_highlight() == "n2"
    with qtbot.waitSignal(view.highlight_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert blocker.args == ["n2"]
    view.show_found(items[2].anchor)
    assert view.found_range() is not None
    assert len(view.extraSelections()) == 4
    qtbot.waitUntil(lambda: view.found_range() is None, timeout=5000)


def test_scroll_to_anchor_far_down(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire)
    last = westshire.blocks[-1]
    item = item_for(westshire, "end", Kind.COMMENT, last.text[:30])
    assert view.verticalScrollBar().value() == 0
    view.scroll_to_anchor(item.anchor)
    point = _centre(view, item.anchor.start, item.anchor.end)
    assert 0 <= point.y() <= view.viewport().height()
