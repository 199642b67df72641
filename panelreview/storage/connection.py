"""Opening and creating review files safely.

* A file's header is read first, as plain bytes: another kind of file, or a review from a newer
  PanelReview, is refused without SQLite touching it (nor a leftover -wal beside it), even on a full
  disk. Where a -wal is left over, the file is then inspected through a strictly read-only
  connection, which reads the -wal without merging it into the file.
* A file is inspected through a read-only connection with ``trusted_schema`` off before anything
  else touches it: it must carry our application id, a schema version we know, and exactly the
  schema objects that version has (no extra triggers or views: nothing in a file is executed).
* A full disk or a failing drive is named as such, never as a damaged or foreign file.
* A newer file is refused untouched; an older one is upgraded after a backup copy is taken.
* Editing takes the review's lock (see :mod:`panelreview.storage.lock`); a second editor is told
  the file is in use and may open it read-only.
* Connections use WAL with ``synchronous=FULL``: an edit is on disk when the call returns.
* A new file is built under a temporary name in the same folder and then moved into place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from panelreview.fileio import sync_folder, temp_beside
from panelreview.storage.errors import (
    DiskProblem,
    NewerVersion,
    NotAReview,
    ReadOnlyReview,
    ReviewFileError,
    disk_is_full,
    error_codes,
    not_saved,
)
from panelreview.storage.lock import ReviewLock
from panelreview.storage.migrations import SCHEMAS, migrate, statements, upgraded_copy
from panelreview.storage.schema import (
    APPLICATION_ID,
    SCHEMA_CURRENT,
    SCHEMA_VERSION,
    expected_objects,
    schema_objects,
)

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


@dataclass
class OpenedFile:
    conn: sqlite3.Connection
    lock: ReviewLock | None
    read_only: bool
    backup: Path | None = None  # the copy taken before an upgrade, if there was one

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection that never runs code from the file; read-only ones refuse every write.

    A read-only look still uses a read-write handle when the file is writable, with
    ``query_only`` on: only then can SQLite tidy away its -wal and -shm files on closing.
    """
    writable = os.access(path, os.W_OK)
    target = _uri(path, "rw" if writable else "ro")
    conn = sqlite3.connect(target, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA trusted_schema = OFF")
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    return conn


def _not_review(name: str) -> NotAReview:
    return NotAReview(
        f"“{name}” is not a PanelReview review file. Open a review (a .pcpr file), or start a new "
        "review from a draft plan."
    )


def _newer(name: str, version: int) -> NewerVersion:
    return NewerVersion(
        f"“{name}” was saved by a newer version of PanelReview (review format {version}; this "
        f"copy understands up to {SCHEMA_VERSION}). Update PanelReview to open it. The file has "
        "not been changed."
    )


def check_header(path: Path) -> None:
    """Refuse another kind of file, or a newer review, from its first 100 bytes, read as a plain file.

    Nothing is written and no -wal or -shm file is touched or made, so the file (and anything left
    beside it) is as it was, and this works on a full disk.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        raise ReviewFileError(f"PanelReview is not allowed to read “{path.name}”.") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _not_review(path.name)
    version = int.from_bytes(header[60:64], "big", signed=True)  # PRAGMA user_version
    app_id = int.from_bytes(header[68:72], "big", signed=True)  # PRAGMA application_id
    if app_id != APPLICATION_ID:
        raise _not_review(path.name)
    if version > SCHEMA_VERSION:
        raise _newer(path.name, version)


def _disk_full(path: Path) -> DiskProblem:
    return DiskProblem(
        f"“{path.name}” could not be opened: the disk it is on is full. Free some space (or copy "
        "the review to another drive) and try again. The review has not been changed."
    )


def _unreadable(exc: sqlite3.Error, path: Path) -> ReviewFileError:
    """What to tell the user when SQLite cannot read a file whose header is a review's."""
    _, primary = error_codes(exc)
    if disk_is_full(exc, path.parent):
        return _disk_full(path)
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return DiskProblem(
            f"“{path.name}” could not be read: the computer reported a problem reading the disk (a "
            "removed USB stick or a dropped network drive can do this). Check the drive and try again."
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return ReviewFileError(f"“{path.name}” is busy in another window. Wait a moment and try again.")
    return NotAReview(f"“{path.name}” is damaged and cannot be opened ({exc}).")


def inspect(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a genuine review file; :class:`NotAReview` or :class:`NewerVersion`."""
    name = path.name
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        found = schema_objects(conn)
    except sqlite3.DatabaseError as exc:
        raise _unreadable(exc, path) from None
    if app_id != APPLICATION_ID:
        raise _not_review(name)
    if version > SCHEMA_VERSION:
        raise _newer(name, version)
    if version not in SCHEMAS:
        raise NotAReview(f"“{name}” is damaged: its format number ({version}) is not one PanelReview made.")
    expected = expected_objects(SCHEMAS[version])
    extra = sorted(f"{kind} “{obj}”" for kind, obj, _ in found - expected)
    if extra:
        raise NotAReview(
            f"“{name}” has been altered: it contains things a review file never has "
            f"({', '.join(extra[:3])}). PanelReview will not open it, to keep your computer safe."
        )
    missing = sorted(f"{kind} “{obj}”" for kind, obj, _ in expected - found)
    if missing:
        raise NotAReview(f"“{name}” is damaged: parts of the review are missing ({', '.join(missing[:3])}).")
    return int(version)


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise ReviewFileError(f"There is no review “{path}”. It may have been moved or renamed.")
    if not path.is_file():
        raise ReviewFileError(f"“{path.name}” is a folder, not a review file.")


def _look_without_recovering(path: Path) -> None:
    """Inspect a file with a -wal left beside it through a strictly read-only connection.

    SQLite reads the -wal but cannot merge it into the file or delete it, so a file refused here
    (altered, or made newer by changes still in its -wal) is left exactly as it was.
    """
    try:
        look = sqlite3.connect(_uri(path, "ro"), uri=True, isolation_level=None)
    except sqlite3.Error:
        raise ReviewFileError(f"PanelReview is not allowed to read “{path.name}”.") from None
    try:
        look.execute("PRAGMA trusted_schema = OFF")
        inspect(look, path)
    finally:
        look.close()


def open_file(path: Path, *, read_only: bool = False, member: str = "") -> OpenedFile:
    """Inspect and open a review file; upgrade it first if an older PanelReview wrote it."""
    _check_exists(path)
    check_header(path)
    if Path(f"{path}-wal").exists():
        _look_without_recovering(path)
    try:
        probe = _connect(path, read_only=True)
    except sqlite3.Error:
        raise ReviewFileError(f"PanelReview is not allowed to read “{path.name}”.") from None
    try:
        version = inspect(probe, path)
    except BaseException:
        probe.close()
        raise
    if read_only:
        if version != SCHEMA_VERSION:
            # Read an older file through an upgraded copy in memory: the file itself is left as it
            # is (it is upgraded, with a backup, the first time it is opened for editing).
            try:
                upgraded = upgraded_copy(probe, version)
            except sqlite3.Error as exc:
                raise ReviewFileError(f"“{path.name}” could not be read ({exc}).") from None
            finally:
                probe.close()
            return OpenedFile(upgraded, None, read_only=True)
        return OpenedFile(probe, None, read_only=True)
    probe.close()
    # The folder too: SQLite writes its journal files beside the review.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise ReadOnlyReview(
            f"“{path.name}” is read-only, so changes could not be saved. Open it read-only, or "
            "copy it somewhere you can write to."
        )
    lock = ReviewLock(path, member)
    try:
        conn = _connect(path, read_only=False)
        try:
            version = inspect(conn, path)  # again, now that we hold the lock
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            backup = migrate(conn, path, version) if version < SCHEMA_VERSION else None
        except BaseException:
            conn.close()
            raise
    except sqlite3.Error as exc:
        lock.release()
        if disk_is_full(exc, path.parent):
            raise _disk_full(path) from None
        raise ReviewFileError(f"“{path.name}” could not be opened for editing ({exc}).") from None
    except BaseException:
        lock.release()
        raise
    return OpenedFile(conn, lock, read_only=False, backup=backup)


def create_file(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write a new review file at ``path``: schema plus whatever ``fill`` adds, in one go.

    Built under a temporary name in the same folder and moved into place only when complete, so
    a half-made review never appears. Refuses to overwrite an existing file.
    """
    if path.exists():
        raise ReviewFileError(f"“{path.name}” already exists. Choose another name, or open it instead.")
    if not path.parent.is_dir():
        raise ReviewFileError(f"The folder “{path.parent}” does not exist.")
    temp = temp_beside(path)
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            for sql in statements(SCHEMA_CURRENT):
                conn.execute(sql)
            fill(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _move_into_place(temp, path)
    except sqlite3.Error as exc:
        raise not_saved(exc, "The new review") from None
    except OSError as exc:
        raise ReviewFileError(
            f"The new review could not be saved as “{path.name}” ({exc.strerror or exc}). "
            "Choose a folder you can write to."
        ) from None
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _move_into_place(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)  # fails if something appeared at ``path`` meanwhile
    except FileExistsError:
        raise ReviewFileError(f"“{path.name}” already exists. Choose another name.") from None
    except OSError:  # a file system without hard links (FAT USB sticks, some shares)
        if path.exists():
            raise ReviewFileError(f"“{path.name}” already exists. Choose another name.") from None
        os.replace(temp, path)
    sync_folder(path.parent)


@contextlib.contextmanager
def write_transaction(opened: OpenedFile, what: str = "Your change") -> Iterator[sqlite3.Connection]:
    """One durable transaction; any SQLite failure becomes a plain :class:`NotSaved` error."""
    conn = opened.conn
    if opened.read_only:
        raise ReadOnlyReview(
            f"{what} was not saved: this review is open read-only (it is open for editing "
            "elsewhere, or you chose to only look at it)."
        )
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise not_saved(exc, what) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise not_saved(exc, what) from None
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise
