"""Selecting text on a PDF's pages with the mouse and the keyboard, as a member does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication

from panelreview.core.model import full_text
from tests.ui.view_helpers import (
    click,
    drag,
    pdf_opener,
    send_mouse,
    wait_for_words,
    word_centre,
    word_index,
)

pytestmark = pytest.mark.gui
__all__ = ["pdf_opener"]

VISION_PAGE = 2  # "Our vision" in westshire-plan-v1.pdf


def _selections(view: Any) -> list[Any]:
    got: list[Any] = []
    view.selection_changed.connect(got.append)
    return got


def test_drag_selects_whole_words_across_lines(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf")
    view = opened.view
    wait_for_words(qtbot, view, VISION_PAGE)
    got = _selections(view)
    start = word_index(view, VISION_PAGE, "vision", nth=1)  # in "My vision is…", not the heading
    end = word_index(view, VISION_PAGE, "harm")
    # Press in the middle of the first word and let go in the middle of the last: whole words.
    drag(view.canvas, word_centre(view, VISION_PAGE, start), word_centre(view, VISION_PAGE, end))

    assert len(got) == 1
    selection = got[0]
    assert selection is not None and selection == view.selection()
    anchor = selection.anchor
    assert anchor.quote == (
        "vision is for Westshire to be a county where people are safe and feel safe: where "
        "communities know their local officers, where harm"
    )
    text, _ = full_text(opened.draft.document.blocks)
    assert text[anchor.start : anchor.end] == anchor.quote
    assert anchor.heading_path == ("Our vision",)
    assert anchor.page_index == VISION_PAGE
    assert len(anchor.rects) == 2  # two printed lines
    block = opened.draft.document.blocks[anchor.block_index]
    assert block.page == VISION_PAGE
    first_line, second_line = anchor.rects
    words = view.words.page(VISION_PAGE)
    assert first_line[0] == pytest.approx(words.words[start].rect[0])  # starts at "vision", not "My"
    assert second_line[2] == pytest.approx(words.words[end].rect[2])  # ends after "harm"
    assert first_line[1] < second_line[1]


def test_drag_backwards_selects_the_same_words(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    got = _selections(view)
    start = word_index(view, VISION_PAGE, "communities")
    end = word_index(view, VISION_PAGE, "officers,")
    drag(view.canvas, word_centre(view, VISION_PAGE, end), word_centre(view, VISION_PAGE, start))
    assert got[-1].anchor.quote == "communities know their local officers,"


def test_double_click_selects_a_word_and_shift_click_extends(
    qtbot: Any, pdf_opener: Any, samples: Path
) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    got = _selections(view)
    county = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "county"))
    left = Qt.MouseButton.LeftButton
    send_mouse(view.canvas, QEvent.Type.MouseButtonPress, county, left, left)
    send_mouse(view.canvas, QEvent.Type.MouseButtonRelease, county, left, Qt.MouseButton.NoButton)
    send_mouse(view.canvas, QEvent.Type.MouseButtonDblClick, county, left, left)
    send_mouse(view.canvas, QEvent.Type.MouseButtonRelease, county, left, Qt.MouseButton.NoButton)
    assert got[-1].anchor.quote == "county"

    people = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "people"))
    click(view.canvas, people, Qt.KeyboardModifier.ShiftModifier)
    assert got[-1].anchor.quote == "county where people"


def test_a_plain_click_clears_the_selection(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    got = _selections(view)
    a = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "county"))
    b = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "safe:"))
    drag(view.canvas, a, b)
    assert view.selection() is not None and view.selection_rects(VISION_PAGE)
    click(view.canvas, b + QPoint(0, 200))
    assert got[-1] is None and view.selection() is None
    assert view.selection_rects(VISION_PAGE) == []


def test_selecting_only_the_running_header_gives_no_selection_but_copies(
    qtbot: Any, pdf_opener: Any, samples: Path
) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    got = _selections(view)
    first = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "Westshire"))  # the header
    last = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "consultation"))
    drag(view.canvas, first, last)
    assert got == [None]  # nothing a note can be pinned to
    assert view.selection_rects(VISION_PAGE)  # but the member sees what they selected…
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert (
        QGuiApplication.clipboard().text()
        == "Westshire Police and Crime Plan 2025-29 – DRAFT for consultation"
    )
    menu = view.context_menu()
    assert menu is not None and [a.text() for a in menu.actions()] == ["&Copy"]  # …and can copy it


def test_context_menu_offers_the_window_actions_and_copy(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    comment = QAction("Comment…", view)
    recommend = QAction("Recommend…", view)
    view.set_selection_actions([comment, recommend])
    assert view.context_menu() is None  # nothing selected, nothing to offer
    # A right-click on a word that is not selected selects it first.
    county = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "county"))
    menu = view.context_menu(county)
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Comment…", "Recommend…", "&Copy"]
    assert view.selection().anchor.quote == "county"
    QGuiApplication.clipboard().clear()
    view.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == "county"


def test_selection_across_two_pages(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    opened = pdf_opener(samples / "westshire-plan-v1.pdf", height=1700)  # pages 3 and 4 both in view
    view = opened.view
    wait_for_words(qtbot, view, VISION_PAGE)
    qtbot.waitUntil(lambda: view.words.page(VISION_PAGE + 1) is not None)
    got = _selections(view)
    this_page = view.words.page(VISION_PAGE)
    last_text = max(n for n, w in enumerate(this_page.words) if w.start is not None)
    next_page = view.words.page(VISION_PAGE + 1)
    first_text = min(n for n, w in enumerate(next_page.words) if w.start is not None)
    drag(
        view.canvas,
        word_centre(view, VISION_PAGE, last_text),
        word_centre(view, VISION_PAGE + 1, first_text + 1),
        steps=8,
    )
    anchor = got[-1].anchor
    assert anchor.quote.startswith(this_page.words[last_text].text)
    assert anchor.quote.endswith(next_page.words[first_text + 1].text)
    assert "\n\n" in anchor.quote  # it runs from one block into the next
    assert anchor.page_index == VISION_PAGE
    assert view.selection_rects(VISION_PAGE) and view.selection_rects(VISION_PAGE + 1)


def test_keyboard_extends_a_selection_word_by_word(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, VISION_PAGE)
    view.setFocus()
    got = _selections(view)
    county = word_centre(view, VISION_PAGE, word_index(view, VISION_PAGE, "county"))
    view.select_word_at(county)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert got[-1].anchor.quote == "county where people"
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert got[-1].anchor.quote.startswith("county where people are safe and feel safe: where communities")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert got[-1] is None


def test_hyphenated_word_selected_over_a_line_break(qtbot: Any, pdf_opener: Any, tmp_path: Path) -> None:
    """Selecting "neigh-" / "bourhood" quotes the word as the draft's text has it."""
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    page = doc.new_page()
    page.insert_text((72, 90), "Our neighbourhoods", fontsize=18)
    page.insert_text((72, 130), "Every team will publish the priorities of each neigh-", fontsize=11)
    page.insert_text((72, 144), "bourhood and report on them twice a year.", fontsize=11)
    path = tmp_path / "hyphen.pdf"
    doc.save(str(path))  # type: ignore[no-untyped-call]
    doc.close()  # type: ignore[no-untyped-call]
    opened = pdf_opener(path)
    view = opened.view
    wait_for_words(qtbot, view, 0)
    assert any("neighbourhood and report" in b.text for b in opened.draft.document.blocks)
    got = _selections(view)
    drag(
        view.canvas,
        word_centre(view, 0, word_index(view, 0, "each")),
        word_centre(view, 0, word_index(view, 0, "report")),
    )
    assert got[-1].anchor.quote == "each neighbourhood and report"
    assert len(got[-1].anchor.rects) == 2


def test_view_is_focusable_and_described(pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.accessibleName() and "select" in view.accessibleDescription()
    assert QApplication.instance() is not None
