"""Find (Ctrl+F): the draft's text and the notes in one list; choosing a result goes there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from panelreview.core.review import Kind
from panelreview.ingest.opener import open_document
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.notes.find_panel import MAX_RESULTS, FindPanel, search_document
from tests.conftest import shared_path
from tests.ui.conftest import open_and_wait, open_review_of
from tests.ui.review_helpers import add_note_on_selection, select_pdf_words

pytestmark = pytest.mark.gui


def _search(qtbot: Any, window: MainWindow, words: str) -> list[Any]:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.find_panel.edit
    assert window.find_panel.isVisible() and edit.hasFocus()
    qtbot.keyClicks(edit, words)
    qtbot.waitUntil(lambda: bool(window.find_panel.status.text()))  # a moment after typing stops
    return window.find_panel.hits()


def test_find_searches_the_draft_and_the_notes(qtbot: Any, window: MainWindow, samples: Path) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    note_id = add_note_on_selection(qtbot, window, Kind.QUESTION, "Where is the baseline for ward officers?")
    hits = _search(qtbot, window, "baseline")
    kinds = {h.item_type for h in hits}
    assert kinds == {"block", "annotation"}
    assert any(h.item_type == "annotation" and h.item_id == note_id for h in hits)
    assert window.find_panel.results.item(0).text().count("\n") == 1  # where, then the snippet
    # Choosing the note's result goes to the note.
    window.notes.list.clearSelection()
    row = next(i for i, h in enumerate(hits) if h.item_type == "annotation")
    item = window.find_panel.results.item(row)
    qtbot.mouseClick(
        window.find_panel.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.find_panel.results.visualItemRect(item).center(),
    )
    assert window.notes.current_note_id() == note_id
    assert session.review.annotation(note_id) is not None


def test_choosing_a_draft_result_shows_it_in_the_pdf(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    hits = _search(qtbot, window, "precept")
    assert hits and all(h.item_type == "block" for h in hits)
    window.pdf_view.go_to_page(0)
    edit = window.find_panel.edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter goes to the first result
    first = window.draft.document.blocks[int(hits[0].item_id.rsplit(":", 1)[1])]  # type: ignore[union-attr]
    assert first.page is not None
    qtbot.waitUntil(lambda: first.page in window.pdf_view.visible_pages())
    assert window.pdf_view.found_rects(first.page), "the found words are marked on the page"


def test_nothing_found_says_so(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert _search(qtbot, window, "zeppelin") == []
    assert window.find_panel.status.text() == "Nothing found for “zeppelin”."


def test_searching_a_300_page_draft_lists_a_bounded_number_of_results(qtbot: Any, window: MainWindow) -> None:
    """A common word in a long draft: the list stops at a fixed number and says so (what keeps a search
    on the window's thread short; bench/bench_responsiveness.py measures how long it takes)."""
    open_review_of(qtbot, window, shared_path("samples", "westshire-plan-big.pdf"))
    window.find_panel.start()
    window.find_panel.edit.setText("the")
    window.find_panel.search_now()
    assert window.find_panel.results.count() == MAX_RESULTS
    assert window.find_panel.status.text() == f"The first {MAX_RESULTS} results."
    window.find_panel.edit.setText("victims")
    window.find_panel.search_now()
    assert 50 < window.find_panel.results.count() <= MAX_RESULTS


def test_without_a_review_find_looks_through_the_draft(qtbot: Any, window: MainWindow, samples: Path) -> None:
    draft = open_and_wait(qtbot, window, samples / "westshire-plan-v1.docx")
    hits = search_document(draft.document, "neighbourhood policing")
    assert hits and all("[" in h.snippet for h in hits)
    assert all("neighbourhood" in draft.document.blocks[int(h.item_id[1:])].text.lower() for h in hits)


def test_a_result_names_its_section_after_the_section_it_is_part_of(qtbot: Any, samples: Path) -> None:
    """Many plans repeat headings such as "What we will do", so a result says whose part it is."""
    panel = FindPanel()
    qtbot.addWidget(panel)
    panel.set_source(None, open_document(samples / "westshire-plan-v1.docx"))
    panel.edit.setText("four principles")
    panel.search_now()
    assert [h.section.title for h in panel.hits()] == ["Our principles"]
    assert panel.results.item(0).text().startswith("In the draft · Our vision › Our principles\n")
