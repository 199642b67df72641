"""The "current section" (of a section note, the outline's highlight and the status bar) is the one
the member is looking at: under the selection, else where they clicked, else the middle of the view;
never the section whose last lines happen to show at the top edge. A section whose title recurs
under every priority is named with its parent and page wherever it is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from panelreview.core.model import Section
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from panelreview.ui.notes.note_dialog import NoteDialog
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import fill_note_dialog, select_pdf_words
from tests.ui.view_helpers import click, wait_for_words, word_centre, word_index

pytestmark = pytest.mark.gui

MEASURES_4 = "Priority 4 › How we will measure progress, p. 12"


def _section(window: MainWindow, label: str, parent_starts: str = "") -> Section:
    assert window.draft is not None
    sections = window.draft.document.sections
    by_id = {s.id: s for s in sections}
    return next(
        s
        for s in sections
        if s.label.startswith(label)
        and (not parent_starts or by_id[s.parent or -1].label.startswith(parent_starts))
    )


def _heading_above_the_middle(window: MainWindow, section: Section, by: int = 40) -> None:
    """Scroll the PDF so that ``section``'s heading is ``by`` pixels above the middle of the view:
    the middle of the view is in the section, the top edge in the one before it."""
    locator = window.reading.locator
    assert locator is not None
    position = locator.page_position(section.id)
    assert position is not None
    view = window.pdf_view
    view.scroll_to(*position, margin=view.viewport().height() // 2 - by)


def _top_edge_section(window: MainWindow) -> int | None:
    locator = window.reading.locator
    assert locator is not None
    return locator.section_at_page_position(*window.pdf_view.reading_position())


def test_a_section_note_goes_on_the_section_in_the_middle_of_the_view_not_the_top_edge(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    revenue = _section(window, "Revenue budget 2025/26 (provisional)")
    _heading_above_the_middle(window, revenue)
    assert _top_edge_section(window) != revenue.id  # what the window used to take
    qtbot.waitUntil(lambda: window.outline.current_section() == revenue.id)
    assert window.section_label.text() == "Revenue budget 2025/26 (provisional)"

    window.window_actions.section_note.trigger()
    dialog = window.controller.dialog
    assert isinstance(dialog, NoteDialog) and dialog.where_label.text() == revenue.label
    fill_note_dialog(qtbot, window, "Where is the reserves strategy?")
    (note,) = session.review.annotations()
    assert note.anchor.section_id == revenue.id and note.kind is Kind.COMMENT


def test_a_recurring_title_is_named_with_its_parent_and_page_in_the_status_bar_and_the_dialog(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    measures = _section(window, "How we will measure progress", "Priority 4")
    _heading_above_the_middle(window, measures)
    qtbot.waitUntil(lambda: window.outline.current_section() == measures.id)
    assert window.section_label.text() == MEASURES_4
    window.window_actions.section_note.trigger()
    dialog = window.controller.dialog
    assert isinstance(dialog, NoteDialog) and dialog.where_label.text() == MEASURES_4
    dialog.reject()


def test_where_the_member_clicks_and_what_they_select_come_before_the_middle(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    view = window.pdf_view
    wait_for_words(qtbot, view, 5)  # page 6: Priority 1, what it will achieve and do
    clicked_on = word_index(view, 5, "Visible")
    click(view.canvas, word_centre(view, 5, clicked_on))
    priority_1 = _section(window, "Priority 1: Visible and responsive neighbourhood policing")
    assert window.outline.current_section() == priority_1.id

    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    assert window.outline.current_section() == priority_1.id
    selection = view.selection()
    assert selection is not None and selection.anchor.section_id == priority_1.id

    # Chosen in the outline: that section, also when it is too short to reach the middle.
    achieve = _section(window, "1.2 Emergency calls answered promptly")
    window.go_to_section(achieve.id)
    assert window.outline.current_section() == achieve.id


def test_in_a_word_draft_the_middle_of_the_view_decides_too(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    measures = _section(window, "How we will measure progress", "Priority 2")
    view = window.reflow_view
    middle_block = measures.first_block + 3
    view.scroll_to_block(middle_block)  # the block near the top of the view...
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() - view.viewport().height() // 2 + 60)  # ...now just below the middle
    qtbot.waitUntil(lambda: window.outline.current_section() == measures.id)
    assert window.section_label.text() == "Priority 2 › How we will measure progress"


def test_a_recurring_title_is_named_with_its_parent_in_the_lists_and_tooltips(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    measures = _section(window, "How we will measure progress", "Priority 4")
    review = session.review
    anchor = review.anchor_for(section=MEASURES_4)  # the name shown can be typed back
    assert anchor.section_id == measures.id
    made = session.run(lambda: review.add_annotation(anchor, Kind.QUESTION, "Where are the baselines?"))
    assert made is not None and made.item_id is not None
    assert session.run(
        lambda: review.add_recommendation("Publish a baseline for each measure.", anchor=anchor)
    )

    window.go_to_section(measures.id)  # (the Notes panel lists the current section's notes)
    assert MEASURES_4 in window.notes.list.item(0).text()
    window.notes.select_note(made.item_id)
    assert MEASURES_4 in window.notes.editor.header.text()
    assert MEASURES_4 in window.recommendations.list.item(0).text()
    assert window.outline.model._items[measures.id].toolTip() == MEASURES_4

    window.find_panel.start()
    qtbot.keyClicks(window.find_panel.edit, "baselines")
    qtbot.waitUntil(lambda: bool(window.find_panel.status.text()))
    assert any(
        MEASURES_4 in window.find_panel.results.item(r).text()
        for r in range(window.find_panel.results.count())
    )


def test_a_passage_find_goes_to_makes_its_section_the_current_one(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    window.find_panel.start()
    qtbot.keyClicks(window.find_panel.edit, "victims")
    qtbot.waitUntil(lambda: bool(window.find_panel.status.text()))
    for row, hit in enumerate(window.find_panel.hits()[:6]):
        window.find_panel.results.setCurrentRow(row)
        window.find_panel.hit_activated.emit(hit)
        if hit.section.id is not None:
            assert window.outline.current_section() == hit.section.id, hit


def test_a_section_note_on_the_cover_says_there_is_no_section_there(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: told.append((title, text)))
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    window.pdf_view.go_to_page(0)  # the cover, before the first section
    qtbot.waitUntil(lambda: window.outline.current_section() is None)
    window.window_actions.section_note.trigger()  # Ctrl+Shift+N
    assert told and "before the draft's first section" in told[0][1]
    assert session.review.annotations() == []
