"""Hold background work at its start, so a test can see what the window does meanwhile, without a clock.

``Gate(function)`` wraps the real function: each call records its thread, says it has started and
waits until the test opens the gate, then runs the real work. A window that did the work on its
own thread would hang at the gate (and the test would fail on its time-out), so "the event loop
turns while the work is held" is a fact the test can check by events, not by measuring time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

HOLD_LIMIT_S = 60.0  # never hold a worker for ever, even if a test fails before opening the gate


class Gate:
    def __init__(self, real: Callable[..., Any]) -> None:
        self._real = real
        self.started = threading.Event()
        self._open = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        self.started.set()
        self._open.wait(HOLD_LIMIT_S)
        return self._real(*args, **kwargs)

    def open(self) -> None:
        self._open.set()

    @property
    def ran_off_the_gui_thread(self) -> bool:
        return bool(self.threads) and all(t is not threading.main_thread() for t in self.threads)


def loop_turns(qtbot: Any, times: int = 3) -> None:
    """Post events one after another and wait until the event loop has handled each in turn."""
    handled: list[int] = []
    for turn in range(1, times + 1):
        QTimer.singleShot(0, lambda: handled.append(1))
        qtbot.waitUntil(lambda turned=turn: len(handled) >= turned)
