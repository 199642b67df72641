"""What the smoke test checks while the member's steps run: no Qt or Python warning, no uncaught
exception on any thread, and every awaited state reached in time (see :mod:`panelreview.ui.app.smoke`)."""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler

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
