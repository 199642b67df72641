"""GUI tests run offscreen, with their own settings, and fail on any Qt warning."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QtMsgType
from PySide6.QtWidgets import QApplication

from panelreview.app import configure_application, create_main_window
from panelreview.core.review import Role
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.review_setup import Setup, save_setup
from panelreview.ui.reader.document_worker import LoadedDraft
from panelreview.ui.session.review_session import ReviewSession

OPEN_TIMEOUT_MS = 20_000
# The offscreen platform plugin says this whenever a window with a dock widget is laid out; it is
# about the test platform, not about PanelReview.
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Each test reads and writes settings in its own folder, never the member's real ones."""
    configure_application(qapp)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def no_qt_warnings(qtlog: Any) -> Iterator[None]:
    yield
    bad = {QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg}
    messages = [r.message for r in qtlog.records if r.type in bad and r.message not in PLATFORM_NOISE]
    assert not messages, f"Qt warned: {messages}"


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = create_main_window()
    qtbot.addWidget(win)
    win.resize(1100, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)  # so focus moves (and leaving a text box saves it) as on a desktop
    yield win
    win.close()


def open_and_wait(qtbot, window: MainWindow, path: Path) -> LoadedDraft:  # type: ignore[no-untyped-def]
    """Open a draft through the same entry point as the menu, the start view and a drop."""
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS) as blocker:
        window.open_path(path)
    draft = blocker.args[0]
    assert isinstance(draft, LoadedDraft)
    return draft


@pytest.fixture(autouse=True)
def member(isolated_settings: None, tmp_path: Path) -> Setup:
    """The member's name and review folder, as if given once before (no setup dialog in tests)."""
    setup = Setup("Cllr Test Member", Role.MEMBER, tmp_path / "reviews")
    setup.folder.mkdir()
    save_setup(setup)
    return setup


def wait_for_session(qtbot, window: MainWindow) -> ReviewSession:  # type: ignore[no-untyped-def]
    """The review that opening a draft makes (or reopens), once it is attached to the window."""
    qtbot.waitUntil(lambda: window.session is not None, timeout=OPEN_TIMEOUT_MS)
    session = window.session
    assert session is not None
    return session


def open_review_of(qtbot, window: MainWindow, path: Path) -> ReviewSession:  # type: ignore[no-untyped-def]
    """Open a draft and wait for its review too."""
    open_and_wait(qtbot, window, path)
    return wait_for_session(qtbot, window)
