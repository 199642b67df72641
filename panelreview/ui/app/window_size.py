"""How big the main window opens: from the screen it is on, never larger than what that screen shows.

On a first run the window takes a comfortable size (1280 × 840) when the screen has room for it,
and otherwise what the screen's available area (without task bars and panels) leaves once the
window manager's title bar and borders are added. A size and place saved on another, larger
screen (or a screen since unplugged) is brought back onto the screen the window opens on, so the
status bar and the panels' tabs and buttons are never off the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

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
