"""A genuinely full disk, and files we refuse with a -wal left beside them.

What the user is told must name the real problem: a full disk is a full disk (never "not a review
file"), closing a review never replaces "Your change was not saved…" with a traceback, and a file we
refuse is not changed by looking at it. The full disk is a small real tmpfs (see ``tests/small_disk``),
and the leftover -wal files are real ones, written by SQLite.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from panelreview.cli import main
from panelreview.core.model import Document
from panelreview.storage import NewerVersion, NotAReview, create_review, open_review
from panelreview.storage.schema import SCHEMA_VERSION
from tests.small_disk import fill, make_room, small_disk

NOT_SAVED_FULL = "was not saved: the disk is full"
OPEN_FULL = "could not be opened: the disk it is on is full"


def _new_review(path: Path, draft_bytes: bytes, document: Document) -> Path:
    create_review(path, draft_bytes, document, member_name="Cllr Ann Jones", panel_name="Westshire").close()
    return path


def _note(path: Path, text: str) -> list[str]:
    return ["note", str(path), "--section", "2.1", "--kind", "comment", "--text", text]


def _saved_texts(path: Path) -> list[str]:
    with open_review(path, read_only=True) as review:
        texts = sorted(a.body for a in review.annotations())
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    return texts


def test_closing_never_hides_that_the_change_was_not_saved(
    tmp_path: Path, draft_bytes: bytes, document: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = _new_review(disk / "Westshire plan.pcpr", draft_bytes, document)
        assert main(_note(path, "Written while there was room")) == 0
        # The review is also open in a window, read-only: SQLite's -shm stays, so the command line can
        # open the review on the full disk; the lock file's description cannot be written.
        viewer = open_review(path, read_only=True)
        try:
            assert len(viewer.annotations()) == 1
            fill(disk, leave=0)
            capsys.readouterr()
            status = main(_note(path, "x" * 6000))  # an OSError from closing would escape from main
            err = capsys.readouterr().err
        finally:
            viewer.close()
        assert status == 2
        assert NOT_SAVED_FULL in err and err.count("\n") == 1
        make_room(disk)
        assert _saved_texts(path) == ["Written while there was room"]
        assert not (disk / "Westshire plan.pcpr-lock").exists()  # the lock was released all the same


def test_a_full_disk_is_named_as_a_full_disk_at_every_fill_level(
    tmp_path: Path, draft_bytes: bytes, document: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    acknowledged = []
    told = []
    with small_disk(tmp_path / "disk") as disk:
        path = _new_review(disk / "Westshire plan.pcpr", draft_bytes, document)
        for kib in (96, 64, 48, 40, 32, 24, 16, 8, 4, 0):
            fill(disk, leave=kib * 1024)
            text = f"Note written with {kib} KiB free " + "x" * 6000
            capsys.readouterr()
            if main(_note(path, text)) == 0:
                acknowledged.append(text)
            else:
                told.append(capsys.readouterr().err)
            capsys.readouterr()
            if main(["list", str(path)]) != 0:
                told.append(capsys.readouterr().err)
        make_room(disk)
        assert told, "the disk never filled up: the test did not test anything"
        for message in told:
            assert NOT_SAVED_FULL in message or OPEN_FULL in message, message
            assert "not a PanelReview review file" not in message and "damaged" not in message
        assert any(OPEN_FULL in message for message in told)  # SQLite could not make its -shm file
        assert _saved_texts(path) == sorted(acknowledged)  # every note we said was saved, and sound


def _fingerprint(*paths: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def _with_leftover_wal(source: Path, target: Path, *changes: str) -> None:
    """Copy ``source`` to ``target`` with ``changes`` made in it still in a -wal, as after a crash."""
    conn = sqlite3.connect(source, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        for sql in changes:
            conn.execute(sql)
        shutil.copyfile(source, target)
        shutil.copyfile(f"{source}-wal", f"{target}-wal")
    finally:
        conn.close()
    assert Path(f"{target}-wal").stat().st_size > 0


def test_another_programs_database_with_a_leftover_wal_is_refused_and_not_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "contacts.pcpr"
    made = ["CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Jo')"]
    _with_leftover_wal(tmp_path / "original.db", path, *made)
    wal = Path(f"{path}-wal")
    before = _fingerprint(path, wal)
    assert main(["list", str(path)]) == 2
    assert "is not a PanelReview review file" in capsys.readouterr().err
    with pytest.raises(NotAReview):
        open_review(path)
    assert _fingerprint(path, wal) == before
    assert not Path(f"{path}-shm").exists()  # SQLite never opened it


def test_a_newer_review_with_a_leftover_wal_is_refused_and_not_changed(
    tmp_path: Path, review_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, header_too in (("newer in its header.pcpr", True), ("newer in its wal.pcpr", False)):
        source = tmp_path / f"source {name}"
        shutil.copyfile(review_path, source)
        if header_too:  # a newer PanelReview wrote it and closed it properly, then edited it again
            conn = sqlite3.connect(source)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            conn.close()
            changes = [f"PRAGMA user_version = {SCHEMA_VERSION + 2}"]
        else:  # a newer PanelReview upgraded it, and the computer stopped before the -wal was merged
            changes = [f"PRAGMA user_version = {SCHEMA_VERSION + 1}"]
        path = tmp_path / name
        _with_leftover_wal(source, path, *changes)
        wal = Path(f"{path}-wal")
        before = _fingerprint(path, wal)
        assert main(["list", str(path)]) == 2
        assert "was saved by a newer version of PanelReview" in capsys.readouterr().err
        with pytest.raises(NewerVersion, match="The file has not been changed"):
            open_review(path)
        assert _fingerprint(path, wal) == before, name
