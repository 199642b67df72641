"""Selecting text in a reflowed Word draft: ordinary selection, pinned to the draft's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QTextCursor

from panelreview.core.model import Document, full_text
from panelreview.ingest.opener import open_document
from panelreview.ui.reader.reflow_view import ReflowView
from tests.ui.view_helpers import drag, reflow_view, westshire

pytestmark = pytest.mark.gui
__all__ = ["westshire"]


def _point(view: ReflowView, text_offset: int, after: bool = False) -> QPoint:
    """Where a character of the draft's full text is on screen (its left or right edge)."""
    found = view.text_map.to_doc(text_offset, text_offset + 1)
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[1] if after else found[0])
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x() + (-1 if after else 1), rect.center().y())


def _selections(view: ReflowView) -> list[Any]:
    got: list[Any] = []
    view.selection_changed.connect(got.append)
    return got


def test_every_block_maps_to_what_is_shown(qtbot: Any, westshire: Document) -> None:
    """Headings, list items, numbered paragraphs and table cells: each block's text is found where shown."""
    view = reflow_view(qtbot, westshire, height=800)
    _text, starts = full_text(westshire.blocks)
    raw = view.document().toRawText()
    for block, start in zip(westshire.blocks, starts, strict=True):
        found = view.text_map.to_doc(start, start + len(block.text))
        assert found is not None, block.text
        shown = raw[found[0] : found[1]]
        assert shown.split() == block.text.split(), block.index


def test_drag_selects_text_pinned_to_its_section(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire, height=800)
    text, _ = full_text(westshire.blocks)
    start = text.index("vision is for Westshire")
    end = text.index("where harm") + len("where harm")
    view.scroll_to_block(15)
    got = _selections(view)
    drag(view.viewport(), _point(view, start), _point(view, end - 1, after=True))
    assert got and got[-1] is not None
    anchor = got[-1].anchor
    assert anchor.quote == text[start:end]
    assert (anchor.start, anchor.end) == (start, end)
    assert anchor.heading_path == ("Our vision",)
    assert anchor.block_index == 15
    assert anchor.rects == ()
    assert view.selection() == got[-1]


def test_selection_in_a_numbered_paragraph_leaves_out_the_number(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire, height=800)
    block = westshire.blocks[61]
    assert block.number == "1.2"
    _, starts = full_text(westshire.blocks)
    got = _selections(view)
    found = view.text_map.to_doc(starts[61], starts[61] + len(block.text))
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[0] - 4)  # from before the shown "1.2 "
    cursor.setPosition(found[0] + 15, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.waitUntil(lambda: bool(got))
    assert got[-1].anchor.quote == block.text[:15]
    assert got[-1].anchor.start == starts[61]


def test_selection_over_a_table_cell(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire, height=800)
    _text, starts = full_text(westshire.blocks)
    view.select_span(starts[37], starts[37] + len("Visible neighbourhood policing"))
    selection = view.selection()
    assert selection is not None
    assert selection.anchor.quote == "Visible neighbourhood policing"
    assert selection.anchor.block_index == 37


def test_keyboard_selection_and_copy(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire, height=800)
    _text, starts = full_text(westshire.blocks)
    found = view.text_map.to_doc(starts[15], starts[15] + 2)
    assert found is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[0])
    view.setTextCursor(cursor)
    view.setFocus()
    got = _selections(view)
    for _ in range(2):
        qtbot.keyClick(
            view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
    qtbot.waitUntil(lambda: bool(got) and got[-1] is not None)
    assert got[-1].anchor.quote.strip() == "My vision"
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().strip() == "My vision"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert got[-1] is None


def test_context_menu_offers_the_window_actions(qtbot: Any, westshire: Document) -> None:
    view = reflow_view(qtbot, westshire, height=800)
    text, _starts = full_text(westshire.blocks)
    highlight = QAction("Highlight", view)
    view.set_selection_actions([highlight])
    view.scroll_to_block(15)
    menu = view.context_menu(_point(view, text.index("county")))  # right-click on a word selects it
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Highlight", "&Copy"]
    assert view.selection().anchor.quote == "county"


def test_text_with_collapsed_spaces_and_line_breaks(qtbot: Any, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Budget", level=1)
    paragraph = d.add_paragraph("The precept  rises by")
    paragraph.add_run().add_break()
    paragraph.add_run("£14.99 a year.")
    path = tmp_path / "budget.docx"
    d.save(str(path))
    document = open_document(path)
    view = reflow_view(qtbot, document, height=800)
    text, _ = full_text(document.blocks)
    start = text.index("rises")
    end = text.index("£14.99") + len("£14.99")
    view.select_span(start, end)
    assert view.selection().anchor.quote == text[start:end]
