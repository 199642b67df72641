"""Problems with a review file, each with a message a councillor can act on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from panelreview.core.errors import UserError


class ReviewFileError(UserError):
    """A review file could not be opened or created."""


class NotAReview(ReviewFileError):
    """The file is not a PanelReview review (another kind of file, or damaged)."""


class NewerVersion(ReviewFileError):
    """The file was saved by a newer PanelReview; it is left untouched."""


class ReviewInUse(ReviewFileError):
    """Another PanelReview window or process has the review open for editing."""


class DiskProblem(ReviewFileError):
    """The drive holding a review is full or failing: the file itself is not at fault."""


class NotSaved(UserError):
    """An edit could not be saved. Everything saved before it is still in the file."""


class ReadOnlyReview(NotSaved):
    """The review was opened read-only, so edits are refused."""


_SAFE = " Everything saved before this is safe."
# Below this much free space, a failure to read or write a review is taken to be a full disk: SQLite
# reports a full disk as an I/O error when it cannot make its shared-memory (-shm) file.
LOW_SPACE_BYTES = 1024 * 1024


def error_codes(exc: sqlite3.Error) -> tuple[int | None, int | None]:
    """SQLite's extended and primary result codes for ``exc`` (None where it has none)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (code, code & 0xFF) if isinstance(code, int) else (None, None)


def disk_is_full(exc: sqlite3.Error, folder: Path | None = None) -> bool:
    """Whether ``exc`` comes from a full disk (``folder``: where the review is, to ask its free space)."""
    code, primary = error_codes(exc)
    if primary == sqlite3.SQLITE_FULL or code == sqlite3.SQLITE_IOERR_SHMSIZE or "disk is full" in str(exc):
        return True
    if folder is not None and primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        try:
            return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
        except OSError:
            return False
    return False


def not_saved(exc: sqlite3.Error, what: str = "Your change") -> NotSaved:
    """Translate an SQLite failure during a write into a plain-English :class:`NotSaved`."""
    _, primary = error_codes(exc)
    text = str(exc).lower()
    if disk_is_full(exc):
        reason = "the disk is full. Free some space (or save the review somewhere else) and try again."
    elif primary == sqlite3.SQLITE_READONLY or "readonly" in text:
        reason = (
            "the review file cannot be written to (it may be read-only, or on a read-only drive). "
            "Use File › Save a Copy… to keep your work somewhere you can write to."
        )
    elif primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        reason = "the review is busy in another window. Wait a moment and try again."
    elif primary == sqlite3.SQLITE_IOERR or "i/o" in text:
        reason = (
            "the computer reported a problem writing to the disk (a removed USB stick or a dropped "
            "network drive can do this). Check the drive and try again."
        )
    elif primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        reason = "the review file could not be reached. It may have been moved, or its drive removed."
    else:
        reason = f"the review file reported an error ({exc})."
    return NotSaved(f"{what} was not saved: {reason}{_SAFE}")


class PackError(UserError):
    """A review pack could not be written, read or imported. Nothing was imported."""


class NotAPack(PackError):
    """The file is not a PanelReview review pack."""


class DamagedPack(PackError):
    """The pack is truncated or altered: its checksums do not match."""


class NewerPack(PackError):
    """The pack was made by a newer PanelReview."""


class WrongDraft(PackError):
    """The pack is about a different draft from the one the clerk's review is on."""
