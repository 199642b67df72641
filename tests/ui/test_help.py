"""Help › Quick Guide and Help › Keyboard Shortcuts: built from the window's own menus, so what they
say is what the window does (a shortcut changed in the code shows changed in Help)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.help_dialogs import QuickGuideDialog, ShortcutsDialog, keys_text

pytestmark = pytest.mark.gui

NATIVE = QKeySequence.SequenceFormat.NativeText


def _menu_items(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_items(submenu)
        elif not action.isSeparator() and action.isVisible():
            found.append(action)
    return found


def _visible_menu_actions(window: MainWindow) -> list[QAction]:
    found = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            found += _menu_items(menu)
    return found


def _name(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…")


def test_every_menu_shortcut_is_listed_with_the_keys_it_has(qtbot: Any, window: MainWindow) -> None:
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    listed = {(what, keys) for _group, what, keys in dialog.rows()}
    with_keys = [a for a in _visible_menu_actions(window) if a.shortcuts()]
    assert len(with_keys) > 20
    for action in with_keys:
        first = action.shortcuts()[0].toString(NATIVE)
        assert any(what == _name(action) and first in keys for what, keys in listed), _name(action)
    # Keys the note box and the draft handle themselves are there too.
    assert any(
        what == "Save it" and QKeySequence("Ctrl+Return").toString(NATIVE) == keys for what, keys in listed
    )
    assert any("next note" in what for what, _keys in listed)


def test_a_changed_shortcut_shows_changed_and_the_box_finds_commands(qtbot: Any, window: MainWindow) -> None:
    window.window_actions.fit_width.setShortcut(QKeySequence("Ctrl+Alt+W"))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = {what: keys for _group, what, keys in dialog.rows()}
    assert rows["Fit Width"] == QKeySequence("Ctrl+Alt+W").toString(NATIVE)
    qtbot.keyClicks(dialog.filter, "zoom")
    shown = dialog.rows()
    assert shown and all("zoom" in what.lower() or "zoom" in group.lower() for group, what, _k in shown)
    assert {"Zoom In", "Zoom Out"} <= {what for _g, what, _k in shown}
    dialog.filter.clear()
    assert len(dialog.rows()) == len(rows)


def test_the_quick_guide_names_real_commands_with_their_keys(qtbot: Any, window: MainWindow) -> None:
    dialog = QuickGuideDialog(window, window.guide_commands())
    qtbot.addWidget(dialog)
    html = dialog.guide_html()
    assert "{" not in html  # every command it names was found
    paths = {" › ".join(p) for p in _menu_paths(window)}
    named = re.findall(r"<b>(.*?)</b>", html)
    assert len(named) >= 12
    for path in named:
        assert path.replace("&amp;", "&") in paths, f"the guide names “{path}”, which is not in the menus"
    comment = window.window_actions.comment.shortcuts()[0].toString(NATIVE)
    assert f"<b>Notes › Comment</b> ({comment})" in html
    text = dialog.browser.toPlainText()
    assert "Open a Draft" in text and "Send to Clerk" in text and "New Version of the Draft" in text
    assert "File › Print" in text and "View › Pages" in text


def _menu_paths(window: MainWindow) -> list[list[str]]:
    def walk(menu: QMenu, path: list[str]) -> list[list[str]]:
        found = []
        for action in menu.actions():
            name = action.text().replace("&", "").rstrip("…")
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                found += walk(submenu, [*path, name])
            elif not action.isSeparator():
                found.append([*path, name])
        return found

    paths = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            paths += walk(menu, [top.text().replace("&", "")])
    return paths


def test_f1_opens_the_quick_guide(qtbot: Any, window: MainWindow) -> None:
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QuickGuideDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, look)
    assert QKeySequence("F1") in window.window_actions.quick_guide.shortcuts()
    window.window_actions.quick_guide.trigger()
    assert seen == ["Quick Guide"]


def test_keys_are_shown_once_each_and_only_keys_a_keyboard_has(qtbot: Any) -> None:
    close_key = QKeySequence(Qt.Key.Key_Close)  # some platforms bind Close to a media key as well
    ctrl_w = QKeySequence("Ctrl+W")
    assert keys_text([close_key, ctrl_w, ctrl_w]) == ctrl_w.toString(NATIVE)
    assert keys_text([QKeySequence("F3"), QKeySequence("Shift+F3")]).count(" or ") == 1
