"""A real, small disk for tests of what a full disk does: a tmpfs mounted on a temporary folder.

Mounting needs root (CI runs as root). Elsewhere the test is skipped with a message, except under CI,
where a refused mount is a failure: SQLite and Python are to meet a genuinely full file system, not a
mocked error.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail_in_ci

FILLER = "filler.bin"


@contextlib.contextmanager
def small_disk(folder: Path, size_kib: int = 2048) -> Iterator[Path]:
    """``folder`` as the mount point of a tmpfs of ``size_kib`` KiB, unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs (a real full disk) needs root; CI runs as root")
    folder.mkdir(parents=True, exist_ok=True)
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0777", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mount.returncode != 0:
        skip_or_fail_in_ci(f"could not mount a tmpfs here: {mount.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def free_bytes(folder: Path) -> int:
    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize


def fill(folder: Path, leave: int) -> None:
    """Fill the disk holding ``folder`` until only about ``leave`` bytes (rounded to pages) are free."""
    filler = folder / FILLER
    filler.unlink(missing_ok=True)
    with open(filler, "wb") as handle:
        want = max(free_bytes(folder) - leave, 0)
        with contextlib.suppress(OSError):
            handle.write(b"\0" * want)
    assert free_bytes(folder) <= leave + 4096


def make_room(folder: Path) -> None:
    (folder / FILLER).unlink(missing_ok=True)
