"""The shared file-writing mechanics: the old file or the whole new one, never half; no temporary left."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from panelreview import fileio


def _write(data: bytes) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write


def test_writes_a_new_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    fileio.write_atomically(target, _write(b"first"))
    fileio.write_atomically(target, _write(b"second"))
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_crash_mid_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "review.prpack"
    target.write_bytes(b"the old pack")

    def crash(handle: BinaryIO) -> None:
        handle.write(b"half a pa")
        raise MemoryError("out of memory while writing")

    with pytest.raises(MemoryError):
        fileio.write_atomically(target, crash, suffix=".part")
    assert target.read_bytes() == b"the old pack"
    assert [p.name for p in tmp_path.iterdir()] == ["review.prpack"]


def test_a_failed_move_is_an_os_error_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Report.pdf"
    target.write_bytes(b"open in a PDF reader")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PermissionError):
        fileio.write_atomically(target, _write(b"new"))
    assert target.read_bytes() == b"open in a PDF reader"
    assert [p.name for p in tmp_path.iterdir()] == ["Report.pdf"]


def test_the_file_and_its_folder_are_flushed_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    fileio.write_atomically(tmp_path / "notes.pdf", _write(b"notes"))
    assert synced == (["file", "folder"] if os.name != "nt" else ["file"])


def test_mode_is_applied_to_the_finished_file(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    fileio.write_atomically(target, _write(b"x"), mode=0o600)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fileio.write_atomically(target, _write(b"y"), mode=0o644)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_temporary_name_someone_else_holds_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / ".report.docx.abcdef12.tmp"
    taken.write_bytes(b"not ours")
    monkeypatch.setattr(fileio, "temp_beside", lambda target, suffix=".tmp": taken)
    with pytest.raises(FileExistsError):
        fileio.write_atomically(tmp_path / "report.docx", _write(b"new"))
    assert taken.read_bytes() == b"not ours"
    assert not (tmp_path / "report.docx").exists()


def test_a_long_name_leaves_room_for_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / ("Police and Crime Plan review " * 8)[:240]
    fileio.write_atomically(target.with_suffix(".prpack"), _write(b"pack"))
    assert target.with_suffix(".prpack").read_bytes() == b"pack"
    assert len(list(tmp_path.iterdir())) == 1


def test_file_names_made_from_titles_are_safe_everywhere_and_never_replace_a_file(tmp_path: Path) -> None:
    from panelreview.fileio import safe_file_stem, unused_path

    assert safe_file_stem('Plan 2025/29: "Draft" v2?.') == "Plan 2025 29 Draft v2"
    assert safe_file_stem("  /// ") == "Review"
    assert safe_file_stem("Annex X. ") == "Annex X"  # only dots and spaces are trimmed from the ends
    assert len(safe_file_stem("x" * 300)) == 120
    first = unused_path(tmp_path, "Plan", ".pcpr")
    assert first.name == "Plan.pcpr"
    first.write_bytes(b"")
    assert unused_path(tmp_path, "Plan", ".pcpr").name == "Plan (2).pcpr"
    (tmp_path / "Plan (2).pcpr").write_bytes(b"")
    assert unused_path(tmp_path, "Plan", ".pcpr").name == "Plan (3).pcpr"


def test_what_a_killed_writer_left_is_tidied_by_the_next_write_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "Westshire – panel report.docx"
    stale = tmp_path / f".{target.name}.0badc0de.tmp"  # left by a writer killed an hour and more ago
    fresh = tmp_path / f".{target.name}.12345678.tmp"  # another writer, still at work
    other = tmp_path / ".minutes.docx.0badc0de.tmp"  # another file's
    for path in (stale, fresh, other):
        path.write_bytes(b"half a report")
    old = time.time() - fileio.LEFTOVER_AGE_S - 60
    for path in (stale, other):
        os.utime(path, (old, old))
    fileio.write_atomically(target, _write(b"the report"))
    assert target.read_bytes() == b"the report"
    assert not stale.exists()
    assert fresh.exists() and other.exists()
