"""Writing a file atomically: a temporary file in the same folder, flushed to disk, then moved into place.

Whoever opens the target sees the old file or the complete new one, never half of one; a failure
leaves the old file as it was and no temporary file behind. The mechanics are in
:mod:`panelreview.fileio`; this module gives its failures the storage layer's plain-English error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from panelreview.fileio import write_atomically
from panelreview.storage.errors import ReviewFileError


def atomic_write(path: Path, write: Callable[[BinaryIO], None], what: str = "The file") -> None:
    """Call ``write`` with a binary file and move the result to ``path`` (replacing what is there)."""
    if not path.parent.is_dir():
        raise ReviewFileError(f"The folder “{path.parent}” does not exist.")
    if path.is_dir():
        raise ReviewFileError(f"“{path.name}” is a folder. Choose a file name.")
    try:
        write_atomically(path, write)
    except OSError as exc:
        raise ReviewFileError(
            f"{what} could not be saved as “{path.name}” ({exc.strerror or exc}). "
            "Choose a folder you can write to, with free space."
        ) from None
