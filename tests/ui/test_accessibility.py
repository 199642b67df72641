"""Every action reachable by keyboard, no two sharing a shortcut, every control named for screen readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.export_dialog import ExportOptionsDialog
from panelreview.ui.dialogs.help_dialogs import QuickGuideDialog, ShortcutsDialog
from panelreview.ui.dialogs.print_dialog import PrintChoiceDialog
from panelreview.ui.dialogs.review_setup import ReviewSetupDialog
from panelreview.ui.notes.note_dialog import NoteDialog, RecommendDialog
from tests.ui.conftest import open_review_of

pytestmark = pytest.mark.gui

# The actions a member uses most: each has a shortcut as well as its menu mnemonic.
WITH_SHORTCUTS = {
    "open": "Ctrl+O",
    "open_review": "Ctrl+Shift+O",
    "save_copy": "Ctrl+Shift+S",
    "close_review": "Ctrl+W",
    "quit": "Ctrl+Q",
    "undo": "Ctrl+Z",
    "redo": "Ctrl+Shift+Z",
    "find": "Ctrl+F",
    "delete": "Del",
    "highlight": "Ctrl+1",
    "comment": "Ctrl+2",
    "question": "Ctrl+3",
    "concern": "Ctrl+4",
    "support": "Ctrl+5",
    "recommend": "Ctrl+6",
    "section_note": "Ctrl+Shift+N",
    "zoom_in": "Ctrl++",
    "zoom_out": "Ctrl+-",
    "fit_width": "Ctrl+0",
    "export_report": "Ctrl+E",
}


def _menu_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        where = f"{path} › {action.text()}"
        if isinstance(submenu, QMenu):
            yield where, action
            yield from _menu_actions(submenu, where)
        else:
            yield where, action


def _all_menu_actions(window: MainWindow) -> list[tuple[str, QAction]]:
    found: list[tuple[str, QAction]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        found.append((top.text(), top))
        found += [(w, a) for w, a in _menu_actions(menu, top.text()) if menu is not window.recent_menu]
    return [(w, a) for w, a in found if a.parent() is not window.recent_menu]


def test_every_menu_item_has_a_name_and_a_mnemonic_unique_in_its_menu(window: MainWindow) -> None:
    actions = _all_menu_actions(window)
    assert len(actions) > 40
    for where, action in actions:
        text = action.text()
        assert text.replace("&", "").strip(), f"an unnamed menu item: {where}"
        assert "&" in text, f"“{where}” cannot be reached with Alt and a letter"
    menus = [window.menuBar(), *window.menuBar().findChildren(QMenu)]
    for menu in menus:
        if menu is window.recent_menu:
            continue
        letters = [
            a.text()[a.text().index("&") + 1].lower()
            for a in menu.actions()
            if not a.isSeparator() and "&" in a.text() and a.isVisible()
        ]
        repeated = [letter for letter, n in Counter(letters).items() if n > 1]
        title = getattr(menu, "title", lambda: "menu bar")()
        assert repeated == [], f"{title}: two items answer to Alt+{repeated}"


def test_the_main_actions_have_their_shortcuts_and_no_shortcut_does_two_things(window: MainWindow) -> None:
    a = window.window_actions
    for name, wanted in WITH_SHORTCUTS.items():
        action: QAction = getattr(a, name)
        assert QKeySequence(wanted) in action.shortcuts(), f"{name} has no {wanted}"
    assert QKeySequence("Ctrl+Y") in a.redo.shortcuts()
    assert QKeySequence("Ctrl+=") in a.zoom_in.shortcuts()
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            owners.setdefault(shortcut.toString(), []).append(action.text())
    clashes = {key: texts for key, texts in owners.items() if len(texts) > 1}
    assert clashes == {}


INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def unnamed_controls(top: QWidget) -> list[str]:
    """Controls a screen reader would announce with no name: no accessible name, no text of their
    own and no label pointing at them."""
    labelled = {label.buddy() for label in top.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox) or not widget.isVisibleTo(top):
            continue  # a combo box's own parts are named by the combo box; hidden parts are not announced
        if isinstance(widget, QAbstractButton) and any(c.isalpha() for c in widget.text()):
            continue  # a button is named by the words on it (not by a symbol such as ✕)
        if widget.accessibleName() or widget in labelled:
            continue
        if isinstance(widget, QTabBar) and all(widget.tabText(i) for i in range(widget.count())):
            continue  # (the panels' tabs: each tab is named by its panel)
        missing.append(f"{type(widget).__name__} “{widget.objectName()}” in {type(widget.parent()).__name__}")
    return missing


def test_every_control_in_the_window_has_a_name(qtbot: Any, window: MainWindow, samples: Path) -> None:
    assert unnamed_controls(window) == []  # the start view
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    for dock in window.docks:
        dock.show()
    assert unnamed_controls(window) == []
    for view in (window.pdf_view, window.reflow_view):
        assert isinstance(view, QAbstractScrollArea)
        assert view.accessibleName() and view.accessibleDescription()


def test_every_control_in_the_dialogs_has_a_name(qtbot: Any, window: MainWindow) -> None:
    dialogs: list[QDialog] = [
        NoteDialog(Kind.COMMENT, "on “Visible policing”", lambda _value: "", window),
        RecommendDialog("on “Visible policing”", lambda _value: "", window),
        ReviewSetupDialog(window),
        ExportOptionsDialog(window),
        PrintChoiceDialog(window, private_notes=1, all_notes=2),
        ShortcutsDialog(window),
        QuickGuideDialog(window, window.guide_commands()),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        assert dialog.windowTitle()
        dialog.reject()


def test_the_check_finds_an_unnamed_control(qtbot: Any) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    unnamed = QLineEdit(box)
    unnamed.setObjectName("unnamed")
    named = QLineEdit(box)
    named.setAccessibleName("Your name")
    labelled = QLineEdit(box)
    QLabel("&Council:", box).setBuddy(labelled)
    box.show()
    assert unnamed_controls(box) == ["QLineEdit “unnamed” in QWidget"]
