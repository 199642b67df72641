"""A writer to kill: run as a child process by the crash tests (``python -m tests.crash_child``).

It writes one file the way PanelReview does and, at the moment the test asks for, says so on
stdout and waits to be killed or interrupted. The pause is put into the operating-system calls
the writer uses (``open``'s writes, ``os.replace``), never into PanelReview's own code, so the
test sees what a real crash at that moment leaves on disk.

    python -m tests.crash_child pack REVIEW TARGET POINT       # "Send to clerk" into TARGET
    python -m tests.crash_child file TARGET POINT              # fileio.write_atomically

POINT: ``mid-write`` (half the bytes written), ``before-replace`` (written and flushed, not yet
moved into place), ``after-replace`` (moved, folder not yet flushed), ``loop`` (write again and
again, no pause: the test kills at a moment of its choosing), ``exit`` (``sys.exit`` half way).
"""

from __future__ import annotations

import builtins
import io
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

PAYLOAD = b"new contents " * 50_000


def _wait(point: str) -> None:
    print(point, flush=True)
    while True:  # killed or interrupted here
        time.sleep(0.05)


class _HalfWriter:
    """A file whose writes stop half way, once, to wait for the kill."""

    def __init__(self, inner: Any, point: str) -> None:
        self._inner = inner
        self._point = point

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self._inner.write(data[:half])
        self._inner.flush()
        os.fsync(self._inner.fileno())
        if self._point == "exit":
            sys.exit(3)
        _wait(self._point)
        return len(data)  # never reached

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()


def _instrument(folder: Path, point: str) -> None:
    real_open = builtins.open
    real_replace = os.replace

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        writing = any(c in mode for c in "wxa")
        if writing and point in ("mid-write", "exit") and Path(file).resolve().parent == folder:
            return _HalfWriter(handle, point)
        return handle

    def replace(src: Any, dst: Any) -> None:
        if point == "before-replace":
            _wait(point)
        real_replace(src, dst)
        if point == "after-replace":
            _wait(point)

    builtins.open = open_
    io.open = open_  # type: ignore[assignment]  # pathlib's write_bytes opens through io.open
    os.replace = replace


def main(argv: list[str]) -> None:
    # Ctrl+C raises KeyboardInterrupt, as in a terminal, even when started by a shell or runner
    # that ignores SIGINT in background processes; a shutdown (SIGTERM) unwinds the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    kind, *args = argv
    target = Path(args[-2]).resolve()
    point = args[-1]
    if point != "loop":
        _instrument(target.parent, point)
    if kind == "pack":
        from panelreview.storage import open_review

        with open_review(Path(args[0])) as review:
            print("ready", flush=True)
            review.share(target)
            while point == "loop":
                review.share(target)
    else:
        from panelreview.fileio import write_atomically

        print("ready", flush=True)
        write_atomically(target, lambda handle: handle.write(PAYLOAD))
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
