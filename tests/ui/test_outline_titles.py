"""The outline shows long section titles whole: they wrap instead of ending in "…", and the dock
opens wide enough to read a priority's title (issue 17, point 8c)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow

from panelreview.core.model import DocFormat, Document, DocumentIdentity, Section
from panelreview.ui.reader.outline_panel import NOTES_COLUMN, OPENING_WIDTH, OutlinePanel

pytestmark = pytest.mark.gui

LONG = "Priority 1: Visible and responsive policing in every neighbourhood of the county"


def _document() -> Document:
    sections = [
        Section(
            id=0, number=None, title=LONG, level=1, parent=None, first_block=0, last_block=0, page_start=3
        ),
        Section(
            id=1,
            number=None,
            title="Finance",
            level=1,
            parent=None,
            first_block=1,
            last_block=1,
            page_start=9,
        ),
    ]
    return Document(
        identity=DocumentIdentity(sha256="0" * 64, format=DocFormat.PDF, title="Plan", page_count=12),
        file_name="plan.pdf",
        blocks=[],
        sections=sections,
    )


def test_a_long_title_wraps_onto_more_lines_instead_of_being_cut(qtbot: Any) -> None:
    host = QMainWindow()
    qtbot.addWidget(host)
    panel = OutlinePanel(host)
    panel.setFixedWidth(240)
    panel.set_document(_document())
    host.resize(800, 600)
    host.show()
    qtbot.waitExposed(host)
    qtbot.wait(50)
    tree = panel.tree
    long_row = tree.visualRect(panel.model.index(0, 0))
    short_row = tree.visualRect(panel.model.index(1, 0))
    assert long_row.height() > short_row.height()  # the long title took more than one line
    assert panel.model.index(0, 0).data(3) == LONG  # ToolTipRole: the whole title on hover


def test_the_outline_opens_wide_enough_to_read_a_priority(qtbot: Any) -> None:
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    assert panel.sizeHint().width() >= OPENING_WIDTH >= 320


def test_recommendations_are_counted_beside_notes_in_words_not_colour(qtbot: Any) -> None:
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(_document())
    panel.set_counts({0: 2}, {0: 1, 1: 3})
    model = panel.model
    assert model.count_of(0) == 2 and model.recommendations_of(0) == 1
    assert model.recommendations_of(1) == 3 and model.count_of(1) == 0
    priority = model.index(0, NOTES_COLUMN)
    assert "★ 1" in priority.data() and "✎ 2" in priority.data()
    assert priority.data(3) == "2 notes, 1 recommendation"  # ToolTipRole, also what is spoken
    assert model.index(1, NOTES_COLUMN).data(3) == "3 recommendations"
