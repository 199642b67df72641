"""A bug (an exception nobody caught) is logged with its details and explained in plain English.

Without this, an error inside a click handler prints a traceback to a console the member never sees,
and nothing tells them anything happened. With it, the details go to the log file they can send, and
a short message says their work is safe (every change is saved as it is made). While the same bug
repeats (a handler that fails on every mouse move, say) the message is shown once, not over and over.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from panelreview.ui.dialogs import messages

log = logging.getLogger("panelreview")
QUIET_SECONDS = 30.0  # the same bug again within this time is logged, not shown again

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def tr(text: str) -> str:
    return QCoreApplication.translate("unexpected", text)


def log_file() -> str:
    return next(
        (h.baseFilename for h in log.handlers if isinstance(h, logging.FileHandler)),
        tr("(no log file: PanelReview could not create one)"),
    )


class UnexpectedErrors:
    """``sys.excepthook`` for the desktop application."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self._last: tuple[str, float] | None = None
        self._showing = False
        self.shown = 0

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("Unexpected error", exc_info=(kind, value, tb))
        key = f"{kind.__name__}: {value}"
        now = time.monotonic()
        repeat = self._last is not None and self._last[0] == key and now - self._last[1] < QUIET_SECONDS
        self._last = (key, now)
        if repeat or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        self.shown += 1
        try:
            messages.show_error(
                self._parent(),
                tr("Something went wrong"),
                tr(
                    "PanelReview ran into a problem it did not expect. Your review is safe: every "
                    "change is saved as you make it, up to the one you were making.\n\n"
                    "If it happens again, please send the log file to your clerk or IT team; it "
                    "says what went wrong:\n{path}"
                ).format(path=log_file()),
            )
        finally:
            self._showing = False


def install(parent: Callable[[], QWidget | None]) -> UnexpectedErrors:
    """Report uncaught exceptions from now on (the window's ``run_app`` calls this)."""
    hook = UnexpectedErrors(parent)
    sys.excepthook = hook
    return hook
