"""How big the main window opens: from the screen it is on, never larger than what that screen shows.

On a first run the window takes a comfortable size (1280 × 840) when the screen has room for it,
and otherwise what the screen's available area (without task bars and panels) leaves once the
window manager's title bar and borders are added. A size and place saved on another, larger
screen (or a screen since unplugged) is brought back onto the screen the window opens on, so the
status bar and the panels' tabs and buttons are never off the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "window/geometry"  # Qt's own record (older settings have only this)
PLACE_KEY = "window/place"  # the window's size and place when not maximised
MAXIMISED_KEY = "window/maximised"
PREFERRED_SIZE = QSize(1280, 840)
# What a window manager adds around the window (title bar, borders), which is not known before the
# window is first shown: generous, so that the frame fits too.
FRAME_ALLOWANCE = QSize(16, 48)


def _screen_of(window: QWidget) -> QScreen | None:
    screen = QGuiApplication.screenAt(window.geometry().center())
    return screen or window.screen() or QGuiApplication.primaryScreen()


def fitted(available: QRect, wanted: QSize) -> QSize:
    """``wanted``, made small enough that the window and its frame fit in ``available``."""
    return QSize(
        max(1, min(wanted.width(), available.width() - FRAME_ALLOWANCE.width())),
        max(1, min(wanted.height(), available.height() - FRAME_ALLOWANCE.height())),
    )


def _place(window: QWidget, available: QRect, x: int, y: int) -> None:
    """Move the window's frame to (x, y), or as near as keeps the whole frame in ``available``."""
    frame = window.size() + FRAME_ALLOWANCE
    x = max(available.left(), min(x, available.right() + 1 - frame.width()))
    y = max(available.top(), min(y, available.bottom() + 1 - frame.height()))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def first_run_size(window: QWidget) -> None:
    """Size and centre a window that has no saved geometry on the screen it is on."""
    screen = _screen_of(window)
    if screen is None:
        window.resize(PREFERRED_SIZE)
        return
    available = screen.availableGeometry()
    window.resize(fitted(available, PREFERRED_SIZE))
    frame = window.size() + FRAME_ALLOWANCE
    centre = available.center()
    _place(window, available, centre.x() - frame.width() // 2, centre.y() - frame.height() // 2)


def clamp_to_screen(window: QWidget) -> None:
    """A restored window brought within the screen it is on (or the nearest one); not a maximised one."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = _screen_of(window)
    if screen is None:
        return
    available = screen.availableGeometry()
    size = fitted(available, window.size())
    if size != window.size():
        window.resize(size)
    _place(window, available, window.x(), window.y())


def save_place(window: QWidget, settings: QSettings) -> None:
    """Remember the window's size and place (its normal ones, when maximised)."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(PLACE_KEY, window.normalGeometry() if window.isMaximized() else window.geometry())
    settings.setValue(MAXIMISED_KEY, window.isMaximized())


def restore_place(window: QWidget, settings: QSettings) -> None:
    """The window as it was, brought onto the screen it opens on; the first-run size if never saved.

    Our own record, not only Qt's: Qt gives a window saved larger than this screen a small default
    size, where the member should get the largest that fits."""
    place = settings.value(PLACE_KEY)
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(place, QRect) and place.isValid():
        window.setGeometry(place)
        clamp_to_screen(window)
        if settings.value(MAXIMISED_KEY, False, bool):
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    elif isinstance(geometry, QByteArray) and not geometry.isEmpty() and window.restoreGeometry(geometry):
        clamp_to_screen(window)
    else:
        first_run_size(window)
