"""An interrupt (Ctrl+C), a shutdown or an exit in the middle of writing a file leaves the old file as
it was and no temporary file behind: in a real child process, and for exceptions raised at each step."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from panelreview import fileio
from tests.crash_child import PAYLOAD
from tests.crashing import start_writer, stop, wait_for

OLD = b"the old report, complete"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals to a child process")


@pytest.mark.parametrize(
    ("point", "sig"),
    [
        ("mid-write", signal.SIGINT),
        ("before-replace", signal.SIGINT),
        ("mid-write", signal.SIGTERM),  # the child unwinds on SIGTERM with SystemExit
        ("before-replace", signal.SIGTERM),
    ],
)
def test_interrupted_writer_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, point: str, sig: signal.Signals
) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(OLD)
    child = start_writer("file", target, point)
    wait_for(child, point)
    assert stop(child, sig) != 0
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_exit_called_mid_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(OLD)
    child = start_writer("file", target, "exit")
    child.communicate(timeout=60)
    assert child.returncode == 3
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_interrupt_after_the_move_keeps_the_whole_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(OLD)
    child = start_writer("file", target, "after-replace")
    wait_for(child, "after-replace")
    stop(child, signal.SIGINT)
    assert target.read_bytes() == PAYLOAD
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def _raise(exc: BaseException) -> Callable[..., None]:
    def fail(*_: object) -> None:
        raise exc

    return fail


CRASHES = [
    pytest.param(KeyboardInterrupt(), id="ctrl-c"),
    pytest.param(SystemExit(1), id="exit"),
    pytest.param(MemoryError(), id="memory"),
    pytest.param(OSError(errno.ENOSPC, "No space left on device"), id="disk-full"),
]


STEPS = [
    pytest.param(step, crash.values[0], id=f"{step}-{crash.id}")
    for step in ("write", "fsync", "chmod", "replace")
    for crash in CRASHES
    if not (step == "chmod" and crash.id == "disk-full")  # permissions are best effort: below
]


@pytest.mark.parametrize(("step", "crash"), STEPS)
def test_a_crash_at_any_step_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException, step: str
) -> None:
    target = tmp_path / "pack.pcpack"
    target.write_bytes(OLD)

    def write(handle: BinaryIO) -> None:
        handle.write(b"half of the new one")
        if step == "write":
            raise crash

    if step != "write":
        monkeypatch.setattr(os, step, _raise(crash))
    with pytest.raises(type(crash)):
        fileio.write_atomically(target, write, mode=0o600)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pcpack"]


def test_permissions_that_cannot_be_set_do_not_stop_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.pcpack"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "chmod", _raise(PermissionError(errno.EPERM, "Operation not permitted")))
    fileio.write_atomically(target, lambda handle: handle.write(b"new"), mode=0o600)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pcpack"]
