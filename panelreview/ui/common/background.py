"""Run one plain-Python job off the GUI thread and get its outcome back on the GUI thread.

The job must own whatever it touches (for example, its own connection to a review file): it gets
no widgets and no objects the GUI thread is using. Its result (or the exception it raised) comes
back through a queued signal of one long-lived dispatcher on the GUI thread, which calls the job's
callbacks there. A job is a plain Python object, so no Qt object is ever created or destroyed on a
worker thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from panelreview.core.errors import UserError

log = logging.getLogger(__name__)


@dataclass
class Job:
    on_finished: Callable[[Any], None]
    on_failed: Callable[[Exception], None]
    cancelled: bool = False  # set on the GUI thread: the outcome is then ignored
    done: bool = False


class _Dispatcher(QObject):
    """Lives on the GUI thread; worker threads emit ``delivered`` and the GUI thread receives it."""

    delivered = Signal(int, bool, object)  # job number, succeeded, result or exception

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[int, Job] = {}
        self.delivered.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, number: int, ok: bool, value: object) -> None:
        job = self.jobs.pop(number, None)
        if job is None:
            return
        job.done = True
        if job.cancelled:
            return
        if ok:
            job.on_finished(value)
        else:
            assert isinstance(value, Exception)
            job.on_failed(value)


_numbers = itertools.count(1)
_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None:
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


class _Runnable(QRunnable):
    def __init__(self, dispatcher: _Dispatcher, number: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._dispatcher = dispatcher
        self._number = number
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            if not isinstance(exc, UserError):  # a bug: keep the details in the log
                log.exception("Background job failed")
            self._dispatcher.delivered.emit(self._number, False, exc)
        else:
            self._dispatcher.delivered.emit(self._number, True, result)


def run_in_background(
    work: Callable[[], Any],
    on_finished: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
) -> Job:
    """Start ``work`` on the shared thread pool; its outcome goes to one of the two callbacks."""
    dispatcher = _the_dispatcher()
    number = next(_numbers)
    job = Job(on_finished, on_failed)
    dispatcher.jobs[number] = job
    QThreadPool.globalInstance().start(_Runnable(dispatcher, number, work))
    return job


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Let running jobs finish (a review being written, an export): called as the window closes."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
