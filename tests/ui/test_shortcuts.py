"""Keyboard shortcuts that work: no two actions typed with the same keys, Undo and Redo from a note
box, and F3 / Shift+F3 through Find's results in page order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.notes.find_panel import HTML_ROLE
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import add_note_on_selection, select_pdf_words

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# The character each key types with Shift, on the two keyboards councils buy (UK and US): a shortcut
# written with the shifted character ("Ctrl++") is typed with Shift and the key ("Ctrl+Shift+=").
_DIGITS_UK = dict(zip('!"£$%^&*()', "1234567890", strict=True))
_DIGITS_US = dict(zip("!@#$%^&*()", "1234567890", strict=True))
_PUNCT_BOTH = {"_": "-", "+": "=", "{": "[", "}": "]", "|": "\\", ":": ";", "<": ",", ">": ".", "?": "/"}
LAYOUTS = {
    "UK": {**_DIGITS_UK, **_PUNCT_BOTH, "@": "'", "~": "#", "¬": "`"},
    "US": {**_DIGITS_US, **_PUNCT_BOTH, '"': "'", "~": "`"},
}
SCOPED = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)


def _keys_pressed(sequence: QKeySequence, layout: dict[str, str]) -> tuple[str, ...]:
    """The physical keys (modifiers, then the key as printed on its cap) a sequence is typed with."""
    presses = []
    for i in range(sequence.count()):
        combination = sequence[i]
        modifiers = combination.keyboardModifiers()
        key = QKeySequence(combination.key()).toString(QKeySequence.SequenceFormat.PortableText)
        if key in layout:
            key, modifiers = layout[key], modifiers | SHIFT
        names = [name for flag, name in ((CTRL, "Ctrl"), (Qt.KeyboardModifier.AltModifier, "Alt"),
                                         (Qt.KeyboardModifier.MetaModifier, "Meta"), (SHIFT, "Shift"))
                 if modifiers & flag]  # fmt: skip
        presses.append("+".join([*names, key.upper()]))
    return tuple(presses)


def _window_shortcuts(window: MainWindow) -> list[tuple[str, QKeySequence]]:
    found: list[tuple[str, QKeySequence]] = []
    for action in window.findChildren(QAction):
        if action.shortcutContext() in SCOPED:
            continue
        found += [(action.text().replace("&", ""), key) for key in action.shortcuts() if not key.isEmpty()]
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() not in SCOPED and not shortcut.key().isEmpty():
            found.append((f"shortcut {shortcut.objectName()}", shortcut.key()))
    return found


def test_no_two_actions_are_typed_with_the_same_keys(window: MainWindow) -> None:
    shortcuts = _window_shortcuts(window)
    assert len(shortcuts) > 25  # the walk found the menus' actions (and the clerk's)
    clashes = []
    for name, layout in LAYOUTS.items():
        typed: dict[tuple[str, ...], str] = {}
        for action, key in shortcuts:
            press = _keys_pressed(key, layout)
            other = typed.setdefault(press, action)
            if other != action:
                clashes.append(f"{name} keyboard: {'+'.join(press)} is both {other} and {action}")
    assert clashes == []


def test_the_clash_check_would_see_ctrl_plus_against_ctrl_shift_equals() -> None:
    """The check above is not blind: Zoom In's Ctrl++ is typed as Ctrl+Shift+=."""
    uk = LAYOUTS["UK"]
    assert _keys_pressed(QKeySequence("Ctrl++"), uk) == _keys_pressed(QKeySequence("Ctrl+Shift+="), uk)
    assert _keys_pressed(QKeySequence("Ctrl+-"), uk) != _keys_pressed(QKeySequence("Ctrl+Shift+-"), uk)


def test_zoom_in_answers_ctrl_plus(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    before = window.pdf_view.zoom
    window.pdf_view.setFocus()
    qtbot.keyClick(window.pdf_view, Qt.Key.Key_Plus, CTRL)
    assert window.pdf_view.zoom > before


def test_undo_and_redo_reach_the_review_from_an_untouched_note_box(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.COMMENT, "Draft wording")
    box = window.notes.editor.body_edit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert [n.body for n in session.review.annotations()] == []
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [n.body for n in session.review.annotations()] == ["Draft wording"]


def test_undo_in_a_note_box_undoes_its_own_typing_first(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.COMMENT, "Draft")
    box = window.notes.editor.body_edit
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, "x")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == "Draft"
    assert [n.body for n in session.review.annotations()] == ["Draft"]  # the note is still there


def _focused(window: MainWindow) -> QWidget:
    widget = window.focusWidget()
    assert widget is not None
    return widget


def test_f3_steps_through_find_results_in_page_order_with_the_words_highlighted(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    window.window_actions.find.trigger()
    qtbot.keyClicks(window.find_panel.edit, "victims")
    qtbot.waitUntil(lambda: bool(window.find_panel.status.text()))
    hits = window.find_panel.hits()
    blocks = [int(h.item_id.rsplit(":", 1)[1]) for h in hits if h.item_type == "block"]
    assert len(blocks) > 3 and blocks == sorted(blocks)
    first = window.find_panel.results.item(0)
    assert "[" not in first.text()
    assert "<b" in first.data(HTML_ROLE) and ">victims<" in first.data(HTML_ROLE).lower()
    window.pdf_view.setFocus()
    pages = []
    for _ in range(3):
        qtbot.keyClick(_focused(window), Qt.Key.Key_F3)
        pages.append((window.find_panel.results.currentRow(), window.pdf_view.current_page()))
    assert [row for row, _page in pages] == [0, 1, 2]
    assert [page for _row, page in pages] == sorted(page for _row, page in pages)
    qtbot.keyClick(_focused(window), Qt.Key.Key_F3, SHIFT)
    assert window.find_panel.results.currentRow() == 1
