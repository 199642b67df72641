"""Who is editing a review: an operating-system lock on a small file beside it.

The lock is held by the open file handle, so the system releases it if PanelReview crashes or the
laptop loses power: a stale lock file on disk never blocks anyone. The file's text names who holds
it, so the second window can say who has the review open. SQLite itself keeps concurrent readers
and one writer safe; this lock is about telling people, not about preventing corruption.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from panelreview.storage.errors import ReviewFileError, ReviewInUse

LOCK_SUFFIX = "-lock"


def lock_path(review: Path) -> Path:
    return review.with_name(review.name + LOCK_SUFFIX)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(4)  # byte 0 may be locked (Windows)
            info = json.loads(handle.read() or b"{}")
    except (OSError, ValueError):
        return ""
    if not isinstance(info, dict):
        return ""
    who = str(info.get("member") or "someone")
    host = str(info.get("host") or "")
    return f" by {who}" + (f" on {host}" if host else "")


class ReviewLock:
    """An exclusive, crash-safe claim to edit one review file."""

    def __init__(self, review: Path, member: str = "") -> None:
        self.path = lock_path(review)
        self._handle: IO[bytes] | None = None
        for _attempt in range(5):
            try:
                # Unbuffered: a description that could not be written (a full disk) is dropped, not
                # kept in a buffer that closing would try to write again and fail over.
                handle = open(self.path, "a+b", buffering=0)  # noqa: SIM115 - kept open to hold the lock
            except OSError as exc:
                raise ReviewFileError(
                    f"PanelReview cannot save changes in the folder holding “{review.name}” "
                    f"({exc.strerror or exc}). Copy the review to a folder you can write to, such as "
                    "Documents, or open it read-only."
                ) from None
            if not _try_lock(handle):
                handle.close()
                raise ReviewInUse(
                    f"“{review.name}” is already open for editing{_holder(self.path)}. Close it "
                    "there first, or open it read-only to look without changing it."
                )
            if self._still_linked(handle):
                self._handle = handle
                self._describe(member)
                return
            handle.close()  # the holder removed this file as we locked it; take the new one
        raise ReviewInUse(f"“{review.name}” is being opened and closed elsewhere. Try again.")

    def _still_linked(self, handle: IO[bytes]) -> bool:
        try:
            return os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
        except OSError:
            return False

    def _describe(self, member: str) -> None:
        assert self._handle is not None
        info = {"member": member, "host": socket.gethostname(), "pid": os.getpid()}
        try:
            # Byte 0 stays reserved for the Windows byte-range lock; the description follows it.
            self._handle.truncate(0)
            self._handle.seek(0)
            self._handle.write(b"    " + json.dumps(info).encode())
            self._handle.flush()
        except OSError:
            pass  # the description is a courtesy; the lock is what matters

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        if sys.platform != "win32":
            # Remove the file while still holding the lock; a process that opened it meanwhile
            # notices (see _still_linked) and retries. Windows cannot remove an open file.
            with contextlib.suppress(OSError):
                self.path.unlink()
        with contextlib.suppress(OSError):
            handle.close()  # closing releases the lock, even when the system reports an error
