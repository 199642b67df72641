"""Output is written whole or not at all; a target that cannot be written says why."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest

from panelreview.export import ExportError, export_my_notes, export_report
from panelreview.storage import Review


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_report_open_in_another_program_is_a_clear_error(
    review: Review, out: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / f"Report{suffix}"
    target.write_bytes(b"the copy the clerk has open")

    def locked(src: object, dst: object) -> None:  # what Windows does while Word holds the file
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match=r"open in another program .* or the folder is read-only"):
        export_report(review, target)
    assert target.read_bytes() == b"the copy the clerk has open"
    assert _leftovers(out) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write to a read-only folder")
def test_read_only_folder_is_a_clear_error(review: Review, out: Path) -> None:
    out.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_my_notes(review, out / "notes.pdf")
    finally:
        out.chmod(0o755)
    assert list(out.iterdir()) == []


def test_a_crash_part_way_leaves_the_old_report_and_no_half_written_file(
    review: Review, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx.document import Document

    target = out / "Report.docx"
    export_report(review, target)
    before = target.read_bytes()

    def crash(self: object, stream: object) -> None:
        stream.write(b"PK half a zip")  # type: ignore[attr-defined]
        raise MemoryError("out of memory while saving")

    monkeypatch.setattr(Document, "save", crash)
    with pytest.raises(MemoryError):
        export_report(review, target, shape="table")
    assert target.read_bytes() == before
    assert _leftovers(out) == []


def test_target_folder_missing_or_a_folder(review: Review, out: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_report(review, out / "no such folder" / "r.docx")
    (out / "r.docx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_report(review, out / "r.docx")


def test_writing_again_replaces_the_old_report(review: Review, out: Path) -> None:
    target = out / "Report.pdf"
    export_report(review, target, shape="letter")
    first = target.stat().st_size
    export_report(review, target, shape="table")
    assert target.stat().st_size != first and _leftovers(out) == []
    with pymupdf.open(target) as doc:  # the new report, not the old one
        assert doc.metadata["title"].endswith(": comments and responses")
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
