"""The window fits the screen it opens on: at the first run, and when a size saved on a larger
screen is restored. The test platform's screen is 800 × 800, as small as the laptops members use."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QTabBar, QWidget

from panelreview.app import create_main_window
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.app.window_size import FRAME_ALLOWANCE, GEOMETRY_KEY, fitted, save_place
from tests.ui.conftest import open_review_of

pytestmark = pytest.mark.gui


@pytest.fixture
def fresh_window(qtbot: Any) -> Iterator[MainWindow]:
    """A window as the application makes it: no size set by the test."""
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _in_window(window: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _on_screen(window: MainWindow) -> QRect:
    screen = window.screen()
    assert screen is not None
    return screen.availableGeometry()


def test_the_first_window_fits_an_800_pixel_high_screen_with_everything_in_sight(
    qtbot: Any, fresh_window: MainWindow, samples: Path
) -> None:
    window = fresh_window
    available = _on_screen(window)
    assert available.height() <= 800  # the test platform's screen, as small as a laptop's
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    assert window.height() < 840 and window.width() < 1280  # not the size for a large screen

    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    session.run(
        lambda: session.review.add_annotation(session.review.anchor_for(section="2.1"), Kind.COMMENT, "x")
    )
    note_id = window.notes.current_note_id() or window.notes.notes[0].id
    window.notes.select_note(note_id)
    qtbot.waitUntil(lambda: window.notes.editor.delete_button.isVisible())
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    whole = window.rect()
    for widget in (window.save_label, window.notes.editor.delete_button):
        assert widget.isVisible() and whole.contains(_in_window(window, widget)), widget
    assert window.save_label.text() == "All changes saved"
    tabs = [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count() >= 3]
    assert tabs, "the panels' tabs are not shown"
    assert all(whole.contains(_in_window(window, bar)) for bar in tabs)
    names = {tabs[0].tabText(i) for i in range(tabs[0].count())}
    assert {"Notes", "Recommendations"} <= names


def test_a_size_saved_on_a_larger_screen_is_brought_onto_this_one_as_large_as_fits(qtbot: Any) -> None:
    big = create_main_window()
    qtbot.addWidget(big)
    big.resize(1800, 1150)
    big.move(900, 700)  # where it was on a large second screen
    settings = QSettings()
    save_place(big, settings)  # as closing the window does
    big.deleteLater()
    # ...on a screen 1920 pixels wide: Qt's own record of it is then refused (restoreGeometry gives
    # up on a screen that much narrower), which left the window at a small default size.
    record = bytearray(settings.value(GEOMETRY_KEY).data())
    assert struct.unpack(">i", record[46:50]) == (800,)  # (the screen's width, in Qt's format 3)
    record[46:50] = struct.pack(">i", 1920)
    settings.setValue(GEOMETRY_KEY, QByteArray(bytes(record)))

    again = create_main_window()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    try:
        available = _on_screen(again)
        assert available.contains(again.frameGeometry()), (again.frameGeometry(), available)
        # Not a small default: the largest that fits, frame and all.
        assert again.size() == available.size() - FRAME_ALLOWANCE
    finally:
        again.close()


def test_a_size_that_fits_is_restored_as_it_was(qtbot: Any) -> None:
    first = create_main_window()
    qtbot.addWidget(first)
    first.resize(700, 560)
    first.move(20, 30)
    save_place(first, QSettings())
    first.deleteLater()
    again = create_main_window()
    qtbot.addWidget(again)
    try:
        assert again.size() == QSize(700, 560)
    finally:
        again.close()


def test_settings_from_before_keep_working(qtbot: Any) -> None:
    """Settings saved by an earlier version (Qt's record only) still give the window its size."""
    first = create_main_window()
    qtbot.addWidget(first)
    first.resize(700, 560)
    QSettings().setValue(GEOMETRY_KEY, first.saveGeometry())
    first.deleteLater()
    again = create_main_window()
    qtbot.addWidget(again)
    try:
        assert again.size() == QSize(700, 560)
    finally:
        again.close()


@pytest.mark.parametrize(
    ("screen", "expected"),
    [
        (QRect(0, 0, 1920, 1050), QSize(1280, 840)),  # room to spare: the usual size
        (QRect(0, 0, 1366, 768), QSize(1280, 720)),  # a laptop: the height the screen leaves
        (QRect(0, 30, 1366, 770), QSize(1280, 722)),  # below a top panel
        (QRect(0, 0, 1024, 600), QSize(1008, 552)),  # a netbook
    ],
)
def test_the_first_size_is_what_the_screen_leaves(screen: QRect, expected: QSize) -> None:
    assert fitted(screen, QSize(1280, 840)) == expected
