"""Write an output file so that it is either complete or not there at all.

The file is written beside the target under a temporary name and then moved over it in one step
(``os.replace``; the mechanics are in :mod:`panelreview.fileio`). A crash or an error part-way
leaves the old file (if any) untouched and no half-written report. A target that cannot be written
gives an :class:`ExportError` that says why.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from panelreview import fileio
from panelreview.export.errors import ExportError


def _explain(exc: OSError, target: Path) -> ExportError:
    name = target.name
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            f"“{name}” could not be saved: it is open in another program (such as Word or a PDF "
            "reader) or the folder is read-only. Close it, or choose another name or folder, "
            "and try again."
        )
    if exc.errno == errno.ENOSPC:
        return ExportError(f"“{name}” could not be saved: the disk is full. Free some space and try again.")
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(f"“{name}” could not be saved: the name is too long. Choose a shorter one.")
    return ExportError(f"“{name}” could not be saved ({exc.strerror or exc}). Choose another name or folder.")


def check_target(target: Path, suffixes: tuple[str, ...]) -> Path:
    """``target`` made absolute if it is a file PanelReview may write; else a clear error."""
    target = Path(os.path.abspath(target))
    if target.suffix.lower() not in suffixes:
        wanted = (
            " or ".join(suffixes) if len(suffixes) < 3 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
        )
        raise ExportError(
            f"PanelReview writes {wanted} files here: end the file name “{target.name}” in {wanted}."
        )
    if target.is_dir():
        raise ExportError(f"“{target.name}” is a folder. Give a file name to save to.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder “{target.parent}” does not exist. Create it or choose another.")
    return target


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write`` with a file open beside ``target``, then put the finished file in its place."""
    try:
        # a report is for sharing: readable by others whatever the umask
        fileio.write_atomically(target, write, suffix=".part", mode=0o644)
    except OSError as exc:
        raise _explain(exc, target) from None
    return target


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomically(target, write)
