"""Writing a file so that whoever opens it sees the old file or the whole new one, never half of one.

The mechanics only, shared by the layers that write files (storage, export): a temporary file in the
target's folder, flushed to disk, moved over the target in one step (``os.replace``), then the folder
itself flushed on POSIX so the move survives a power cut. A failure leaves the old file as it was and
no temporary file behind.

Failures are plain :class:`OSError`; each layer turns them into its own plain-English error. No Qt,
and nothing from the rest of the application, so that any layer but ``core`` may use it.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["remove_leftovers", "sync_folder", "temp_beside", "write_atomically"]


# A temporary file this old was left by a writer that was killed (power cut, task manager): the
# slowest write (a report of hundreds of pages) takes a minute or two, so none is still being written.
LEFTOVER_AGE_S = 3600.0


def temp_beside(target: Path, suffix: str = ".tmp") -> Path:
    """A fresh hidden name in ``target``'s folder under which to build ``target`` before moving it."""
    # the name is cut short so that a target with a long name still leaves room for the temporary one
    return target.with_name(f".{target.name[:40]}.{uuid.uuid4().hex[:8]}{suffix}")


def remove_leftovers(target: Path, suffix: str = ".tmp") -> int:
    """Remove the temporary files a killed writer left beside ``target`` (ours by their name, and
    older than :data:`LEFTOVER_AGE_S`); how many went. Never raises: tidying is not the job."""
    pattern = re.compile(re.escape(f".{target.name[:40]}.") + r"[0-9a-f]{8}" + re.escape(suffix) + r"\Z")
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not pattern.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > LEFTOVER_AGE_S:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s list of files to disk (POSIX; Windows has no such call and needs none)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    target: Path, write: Callable[[BinaryIO], None], *, suffix: str = ".tmp", mode: int | None = None
) -> None:
    """Call ``write`` with a binary file beside ``target``, then put the finished file in its place.

    ``suffix`` ends the temporary file's name; ``mode``, if given, is the finished file's permissions
    (best effort: a file system without them keeps its own). Raises :class:`OSError`; anything
    ``write`` raises passes through. Either way the temporary file is removed.
    """
    temp = temp_beside(target, suffix)
    created = False
    try:
        with open(temp, "xb") as handle:
            created = True
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        # Anything, Ctrl+C and exits included, removes the temporary file, even one interrupted
        # just as it was created, except a name someone else already held (not ours to remove).
        if created or not isinstance(exc, FileExistsError):
            with contextlib.suppress(OSError):
                temp.unlink()
        raise
    sync_folder(target.parent)
    remove_leftovers(target, suffix)


_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_stem(text: str, fallback: str = "Review", limit: int = 120) -> str:
    """``text`` as a file name any system accepts: no path or reserved characters, not too long."""
    stem = " ".join(_NOT_IN_NAMES.sub(" ", text).split())[:limit].strip(" .")
    return stem or fallback


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem (2)``, ``stem (3)``… : never a file that is already there."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
