"""Start a writer in a child process, wait until it reaches a point, then kill or interrupt it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_writer(*args: str | os.PathLike[str]) -> subprocess.Popen[str]:
    """``python -m tests.crash_child ARGS`` with a pipe on its stdout."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_child", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(child: subprocess.Popen[str], line: str) -> None:
    """Read the child's lines until ``line``; fail with its error output if it ends first."""
    assert child.stdout is not None
    for said in child.stdout:
        if said.strip() == line:
            return
    _, err = child.communicate(timeout=60)
    raise AssertionError(f"the writer ended (code {child.returncode}) before “{line}”:\n{err}")


def stop(child: subprocess.Popen[str], sig: signal.Signals) -> int:
    """Send ``sig`` and wait for the child to end; its exit code (negative: killed by a signal)."""
    child.send_signal(sig)
    child.communicate(timeout=60)
    return child.returncode
