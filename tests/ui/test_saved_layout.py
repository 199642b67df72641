"""A layout saved by an earlier PanelReview (before the Pages panel) opens with the Pages panel behind
the Outline, as on a first run, not squeezed in wherever Qt leaves a panel the layout does not know;
a layout that places the Pages panel itself is kept."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from panelreview.app import create_main_window
from panelreview.ui.app.main_window import STATE_KEY, MainWindow

pytestmark = pytest.mark.gui


def _reopened(qtbot: Any) -> MainWindow:
    """The window made again from the saved settings, its panels shown as when a draft opens."""
    again = create_main_window()
    qtbot.addWidget(again)
    again.show()
    for dock in again.docks:
        dock.show()
    return again


def test_a_layout_from_before_the_pages_panel_puts_it_behind_the_outline(
    qtbot: Any, window: MainWindow
) -> None:
    earlier = QMainWindow()  # the window as an earlier version saved it: the same panels, no Pages
    qtbot.addWidget(earlier)
    for dock in window.findChildren(QDockWidget):
        if dock is not window.pages:
            twin = QDockWidget(dock.windowTitle())
            twin.setObjectName(dock.objectName())
            earlier.addDockWidget(window.dockWidgetArea(dock), twin)
    state = earlier.saveState()
    assert "pages_dock".encode("utf-16-be") not in state.data()
    QSettings().setValue(STATE_KEY, state)
    again = _reopened(qtbot)
    assert again.pages in again.tabifiedDockWidgets(again.outline)


def test_a_layout_that_places_the_pages_panel_is_kept(qtbot: Any, window: MainWindow) -> None:
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.pages)  # the member moved it
    QSettings().setValue(STATE_KEY, window.saveState())
    again = _reopened(qtbot)
    assert again.dockWidgetArea(again.pages) == Qt.DockWidgetArea.RightDockWidgetArea
    assert again.pages not in again.tabifiedDockWidgets(again.outline)
