"""Everything reachable by keyboard and named for screen readers; strings ready for translation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QWidget,
)

from panelreview.ui.app.main_window import MainWindow
from tests.ui.conftest import open_review_of

pytestmark = pytest.mark.gui


def test_every_menu_action_has_a_name_and_most_have_a_mnemonic(window: MainWindow) -> None:
    for menu in window.menuBar().findChildren(type(window.recent_menu)):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or menu is window.recent_menu:
                continue
            assert action.text(), f"an unnamed action in {menu.title()}"
            assert "&" in action.text(), f"“{action.text()}” has no keyboard mnemonic"


def test_controls_in_the_panels_have_accessible_names(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    kinds = (QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QTreeView)
    unnamed = []
    for dock in window.docks:
        for widget in dock.findChildren(QWidget):
            if not isinstance(widget, kinds) or isinstance(widget.parent(), QComboBox):
                continue  # (a combo box's own line edit or list is named by the combo box)
            if not widget.accessibleName():
                unnamed.append(f"{dock.objectName()}: {type(widget).__name__} {widget.objectName()}")
    assert unnamed == []
    for button in window.notes.findChildren(QPushButton):
        assert button.text() or button.accessibleName() or button.toolTip(), "a button with no name"


def test_the_panels_follow_the_keyboard(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    # Tab moves through the Notes panel's filters into the list and on to the editor.
    chain: list[QWidget] = []
    widget: QWidget | None = window.notes.scope_combo
    for _ in range(40):
        assert widget is not None
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.notes.scope_combo:
            break
    assert window.notes.list in chain and window.notes.editor.body_edit in chain
