"""Finding your way in a PDF draft: the outline, scrolling, the page box, zoom."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from panelreview.core.model import Section
from panelreview.resources import sample_draft_path
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.reader.document_worker import LoadedDraft
from panelreview.ui.reader.outline_panel import SECTION_ID_ROLE
from tests.ui.conftest import open_and_wait

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(qtbot: Any, window: MainWindow) -> LoadedDraft:
    path = sample_draft_path()
    assert path is not None
    return open_and_wait(qtbot, window, path)


def _all_indexes(window: MainWindow, parent: QModelIndex | None = None) -> list[QModelIndex]:
    model = window.outline.model
    parent = parent or QModelIndex()
    found: list[QModelIndex] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found.append(index)
        found.extend(_all_indexes(window, index))
    return found


def _section(draft: LoadedDraft, title_start: str) -> Section:
    return next(s for s in draft.document.sections if s.title.startswith(title_start))


def test_outline_has_every_section_nested_with_pages(window: MainWindow, sample: LoadedDraft) -> None:
    indexes = _all_indexes(window)
    assert len(indexes) == len(sample.document.sections)
    top_titles = [window.outline.model.index(r, 0).data() for r in range(window.outline.model.rowCount())]
    assert "Our vision" in top_titles
    assert "Our principles" not in top_titles  # nested under "Our vision"
    vision = next(i for i in indexes if i.data() == "Our vision")
    assert vision.sibling(vision.row(), 1).data() == "p. 3"
    assert window.outline.model.index(0, 0, vision).data() == "Our principles"


def test_activating_a_section_scrolls_the_pdf_to_its_page(
    qtbot: Any, window: MainWindow, sample: LoadedDraft
) -> None:
    target = _section(sample, "Priority 3")
    index = window.outline.model.index_of(target.id)
    tree = window.outline.tree
    tree.setFocus()
    tree.setCurrentIndex(index)
    before = window.pdf_view.verticalScrollBar().value()
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # keyboard: Enter on the section
    assert target.page_start is not None
    assert window.pdf_view.verticalScrollBar().value() > before
    assert window.pdf_view.current_page() == target.page_start - 1
    assert window.page_box.spin.value() == target.page_start
    assert window.outline.current_section() == target.id
    assert target.label in window.section_label.text()


def test_clicking_a_section_goes_there(qtbot: Any, window: MainWindow, sample: LoadedDraft) -> None:
    target = _section(sample, "Glossary")
    index = window.outline.model.index_of(target.id)
    window.outline.tree.scrollTo(index)  # long titles wrap, so the last section may be below
    rect = window.outline.tree.visualRect(index)
    qtbot.mouseClick(window.outline.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert target.page_start is not None
    assert window.pdf_view.current_page() == target.page_start - 1


def test_scrolling_the_document_follows_in_the_outline(
    qtbot: Any, window: MainWindow, sample: LoadedDraft
) -> None:
    target = _section(sample, "Resources")
    assert target.page_start is not None
    heading_y = min(r[1] for r in sample.document.blocks[target.first_block].rects)
    bar = window.pdf_view.verticalScrollBar()
    # Scroll (as the wheel would) until the heading has just passed the middle of the view, where
    # the member reads (not the top edge, where the end of the section before may still show).
    middle = window.pdf_view.viewport().height() // 2
    window.pdf_view.scroll_to(target.page_start - 1, heading_y, margin=middle + 20)
    assert window.outline.current_section() != target.id  # still reading the section before
    for _ in range(10):
        if window.outline.current_section() == target.id:
            break
        bar.setValue(bar.value() + 8)
    assert window.outline.current_section() == target.id
    assert window.outline.tree.currentIndex().data(SECTION_ID_ROLE) == target.id
    assert window.page_box.spin.value() == target.page_start


def test_typing_a_page_number_goes_there(qtbot: Any, window: MainWindow, sample: LoadedDraft) -> None:
    spin = window.page_box.spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "9")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.pdf_view.current_page() == 8
    assert window.page_box.text() == "Page 9 of 17"


def test_zoom_in_out_and_fit_width(qtbot: Any, window: MainWindow, sample: LoadedDraft) -> None:
    view = window.pdf_view
    fitted = view.zoom
    window.window_actions.zoom_in.trigger()
    assert view.zoom > fitted
    window.window_actions.zoom_out.trigger()
    window.window_actions.zoom_out.trigger()
    assert view.zoom < fitted
    window.window_actions.fit_width.trigger()
    assert view.zoom == pytest.approx(fitted)
    # A render at the new zoom comes back for the page in view.
    window.window_actions.zoom_in.trigger()
    qtbot.waitUntil(lambda: view.cache.get(view.current_page(), view.render_scale()) is not None)


def test_zoom_keeps_the_reading_position(qtbot: Any, window: MainWindow, sample: LoadedDraft) -> None:
    window.pdf_view.go_to_page(9)
    window.window_actions.zoom_in.trigger()
    assert window.pdf_view.current_page() == 9
