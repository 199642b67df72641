"""``panelreview --smoke-test``: prove that this copy of PanelReview really works, then exit.

It runs the real application offscreen, the way a member uses it: the real main window opens the
bundled sample draft through the File menu's action; the review is created in a temporary folder
the way opening a draft creates one; a note and a recommendation are added through the review
session (one undo step each); the report is exported (Word and PDF) and read back. Exit code 0 means
all of that worked. Any Qt warning, Python warning, uncaught exception (on any thread), or a step
that does not finish in time makes it exit 1 and say what went wrong.

Nothing outside the temporary folder is touched: settings and the log go there too. The folder is
removed when the test passes and kept (its path printed) when it fails.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

STEP_TIMEOUT_S = 60.0
# The offscreen platform plugin says this whenever a window with a dock widget is laid out; it is
# about the test platform itself, not about PanelReview (the GUI tests ignore it too).
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)
NOTE_TEXT = "Smoke test: the baseline for this priority is not given."
RECOMMENDATION_TEXT = "Smoke test: the Panel recommends that the plan states a baseline for each measure."

log = logging.getLogger("panelreview.smoke")


class SmokeFailure(Exception):
    """A step of the smoke test did not do what a member would expect."""


class Problems:
    """Everything that went wrong, from any source; the test fails if there is anything here."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._lock = threading.Lock()

    def add(self, text: str) -> None:
        with self._lock:
            self.items.append(text)
        log.error("Smoke test problem: %s", text)  # kept with the failed run's files
        say(f"PROBLEM: {text}", error=True)


def say(text: str, *, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # a windowed Windows build has no console
        print(f"smoke: {text}", file=stream, flush=True)


class Harness:
    """Watches for problems and waits for the event loop to reach a state, with a time limit."""

    def __init__(self) -> None:
        self.problems = Problems()
        self.started = time.perf_counter()
        self._watchers: list[Callable[[], None]] = []

    def install(self) -> None:
        qInstallMessageHandler(self._qt_message)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        warnings.showwarning = self._showwarning

    def _qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message in PLATFORM_NOISE:
            return
        self.problems.add(f"Qt {kind.name}: {message}")

    def _excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        self.problems.add("uncaught exception:\n" + "".join(traceback.format_exception(kind, value, tb)))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self._excepthook(args.exc_type, args.exc_value or Exception(), args.exc_traceback)

    def _showwarning(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        self.problems.add(f"Python warning: {filename}:{lineno}: {category.__name__}: {message}")

    def watch(self, watcher: Callable[[], None]) -> None:
        """Call ``watcher`` every few milliseconds while waiting (it may report problems)."""
        self._watchers.append(watcher)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def wait_until(self, done: Callable[[], bool], what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
        """Run the event loop until ``done()``; fail on a problem or after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(10)

        def check() -> None:
            for watcher in self._watchers:
                watcher()
            if done() or self.problems.items or time.monotonic() > deadline:
                loop.quit()

        timer.timeout.connect(check)
        timer.start()
        if not done():
            loop.exec()
        timer.stop()
        if self.problems.items:
            raise SmokeFailure(f"something went wrong while waiting for {what}")
        if not done():
            raise SmokeFailure(f"{what} did not happen within {timeout_s:.0f} seconds")


def run_smoke_test(args: list[str]) -> int:
    """Run the smoke test; 0 when everything worked, 1 otherwise."""
    if args:
        say(f"unexpected arguments: {' '.join(args)}", error=True)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    harness = Harness()
    harness.install()
    folder = Path(tempfile.mkdtemp(prefix="panelreview-smoke-"))
    try:
        _run(harness, folder)
    except SmokeFailure as failure:
        harness.problems.add(str(failure))
    except Exception:
        harness.problems.add("unexpected error:\n" + traceback.format_exc())
    if harness.problems.items:
        say(f"FAILED ({len(harness.problems.items)} problem(s)); files kept in {folder}", error=True)
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    say(f"passed in {harness.elapsed():.2f} s")
    return 0


def _run(harness: Harness, folder: Path) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    import panelreview
    from panelreview.app import configure_application, create_main_window
    from panelreview.resources import ICON_SIZES, app_icon_paths, resources_origin, sample_draft_path

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    configure_application(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    _log_to(folder / "panelreview.log")
    say(f"PanelReview {panelreview.__version__} ({resources_origin()}), Python {sys.version.split()[0]}")
    if sample_draft_path() is None:
        raise SmokeFailure("the sample draft is missing from this copy")
    icons = [QImage(str(path)) for path in app_icon_paths()]
    if len(icons) != len(ICON_SIZES) or any(icon.isNull() for icon in icons):
        raise SmokeFailure("the application icon is missing from this copy, or cannot be read")

    window = create_main_window()
    app.aboutToQuit.connect(window.service.stop)
    window.show()
    harness.wait_until(lambda: _exposed(window), "the main window to be shown")
    say(f"window shown after {harness.elapsed():.2f} s")
    try:
        from panelreview.ui.smoke_steps import exercise

        exercise(harness, window, folder)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    say("window closed")


def _exposed(window: Any) -> bool:
    handle = window.windowHandle()
    return bool(window.isVisible() and handle is not None and handle.isExposed())


def _log_to(path: Path) -> None:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("panelreview")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
