"""Writing a file atomically: a temporary file in the same folder, flushed to disk, then moved into place.

Whoever opens the target sees the old file or the complete new one, never half of one; a failure
leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from panelreview.storage.errors import ReviewFileError


def atomic_write(path: Path, write: Callable[[BinaryIO], None], what: str = "The file") -> None:
    """Call ``write`` with a binary file and move the result to ``path`` (replacing what is there)."""
    if not path.parent.is_dir():
        raise ReviewFileError(f"The folder “{path.parent}” does not exist.")
    if path.is_dir():
        raise ReviewFileError(f"“{path.name}” is a folder. Choose a file name.")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "xb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        if os.name != "nt":
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        raise ReviewFileError(
            f"{what} could not be saved as “{path.name}” ({exc.strerror or exc}). "
            "Choose a folder you can write to, with free space."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
