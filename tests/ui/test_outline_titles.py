"""The outline shows long section titles whole: they wrap instead of ending in "…", and the dock
opens wide enough to read a priority's title (issue 17, point 8c)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow

from panelreview.core.model import DocFormat, Document, DocumentIdentity, Section
from panelreview.ui.reader.outline_panel import OPENING_WIDTH, OutlinePanel

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
