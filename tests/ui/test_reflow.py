"""Word and text drafts shown as reflowed text with headings, lists and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtGui import QTextTable

from panelreview.ui.app.main_window import MainWindow
from tests.ui.conftest import open_and_wait

pytestmark = pytest.mark.gui

FILLER = (
    "The Commissioner will work with partners across the county to make sure that residents "
    "see a visible, responsive police service in every neighbourhood."
)


def _word_draft(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Our vision", level=1)
    for _ in range(12):
        d.add_paragraph(FILLER)
    d.add_heading("Our principles", level=2)
    for text in ("Fairness", "Openness", "Value for money"):
        d.add_paragraph(text, style="List Bullet")
    d.add_heading("Budget", level=1)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "£m"
    table.cell(1, 0).text = "Officers"
    table.cell(1, 1).text = "12.5"
    for _ in range(25):
        d.add_paragraph(FILLER)
    path = tmp_path / "plan.docx"
    d.save(str(path))
    return path


def test_word_draft_reflows_with_headings_lists_and_tables(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    draft = open_and_wait(qtbot, window, _word_draft(tmp_path))
    assert window.stack.currentWidget() is window.reflow_view
    assert [s.title for s in draft.document.sections] == ["Our vision", "Our principles", "Budget"]
    text_doc = window.reflow_view.document()
    html = text_doc.toHtml()
    assert "Fairness" in html and "Officers" in html
    tables = [f for f in text_doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1 and tables[0].rows() == 2 and tables[0].columns() == 2
    bullets = []
    block = text_doc.begin()
    while block.isValid():
        if block.textList() is not None:
            bullets.append(block.text())
        block = block.next()
    assert bullets == ["Fairness", "Openness", "Value for money"]
    assert not window.page_box.isVisible()  # pages mean nothing in a reflowed draft


def test_outline_scrolls_a_word_draft_and_follows_it(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    draft = open_and_wait(qtbot, window, _word_draft(tmp_path))
    budget = next(s for s in draft.document.sections if s.title == "Budget")
    bar = window.reflow_view.verticalScrollBar()
    assert bar.value() == 0
    window.outline.section_activated.emit(budget.id)
    assert bar.value() > 0
    assert window.outline.current_section() == budget.id
    bar.setValue(0)
    assert window.outline.current_section() == draft.document.sections[0].id


def test_text_draft_opens_in_the_reflowed_view(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "cover-report.txt"
    path.write_text(
        "1. Purpose of Report\n\nTo consider the draft plan.\n\n"
        "2. Recommendations\n\n- Note the plan\n- Make recommendations\n",
        encoding="utf-8",
    )
    draft = open_and_wait(qtbot, window, path)
    assert window.stack.currentWidget() is window.reflow_view
    assert [s.label for s in draft.document.sections] == ["1 Purpose of Report", "2 Recommendations"]
    assert window.outline.model.rowCount() == 2
    assert "Make recommendations" in window.reflow_view.toPlainText()


def test_text_size_changes_the_reflowed_text(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, _word_draft(tmp_path))
    before = window.reflow_view.point_size
    window.window_actions.zoom_in.trigger()
    assert window.reflow_view.point_size == before + 1
    window.window_actions.normal_text.trigger()
    assert window.reflow_view.point_size == before
