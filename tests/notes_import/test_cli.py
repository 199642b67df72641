"""``panelreview import-notes``: what was imported, updated and skipped; then ``list --json``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from panelreview.storage import Review
from tests.notes_import.marking import highlight, reply, save, sticky
from tests.storage.cli_helpers import ok, refusal

Marked = Callable[[], Any]


@pytest.fixture
def annotated(marked: Marked, tmp_path: Path) -> Path:
    doc = marked()
    page = doc[1]
    note = highlight(page, "Emergency calls answered promptly", "Cllr Ann Jones", "What is the target?")
    reply(page, note, "Bob Smith", "Ask for the rural one too.")
    sticky(page, (80, 95), "Bob Smith", "Support this.")
    path = tmp_path / "annotated.pdf"
    path.write_bytes(save(doc))
    return path


def test_import_prints_what_happened_and_list_shows_the_notes(
    member: Review, annotated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(member.path)
    member.close()
    out = ok(capsys, ["import-notes", path, str(annotated)])
    assert "1 imported" in out and "Bob Smith: Support this." in out and "--accept" in out
    listing = json.loads(ok(capsys, ["list", path, "--json"]))
    (note,) = listing["annotations"]
    assert (note["author"], note["text"], note["quote"]) == (
        "Cllr Ann Jones", "What is the target?", "Emergency calls answered promptly",
    )  # fmt: skip
    assert note["section_number"] == "1.2" and note["kind"] == "question"
    assert note["imported_from"]["file"] == "annotated.pdf" and note["imported_from"]["as"] == "highlight"
    assert note["replies"][0]["imported_from"]["author"] == "Bob Smith"
    assert [(r["author"], r["text"]) for r in note["replies"]] == [
        ("Bob Smith", "Ask for the rural one too.")
    ]
    again = json.loads(ok(capsys, ["import-notes", path, str(annotated), "--json", "--accept", "Bob Smith"]))
    assert again["counts"] == {"imported": 1, "updated": 0, "unchanged": 1, "skipped": 0, "offered": 0}
    assert ok(capsys, ["import-notes", path, "--undo"]).startswith("Remove imported notes")
    assert len(json.loads(ok(capsys, ["list", path, "--json"]))["annotations"]) == 1


def test_a_dry_run_changes_nothing(
    member: Review, annotated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(member.path)
    member.close()
    report = json.loads(
        ok(capsys, ["import-notes", path, str(annotated), "--accept-all", "--dry-run", "--json"])
    )
    assert report["counts"]["imported"] == 2 and report["dry_run"]
    assert json.loads(ok(capsys, ["list", path, "--json"]))["annotations"] == []


def test_refusals_are_one_plain_line(
    member: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(member.path)
    member.close()
    text = tmp_path / "notes.txt"
    text.write_text("Just some text", encoding="utf-8")
    assert "cannot hold notes" in refusal(capsys, ["import-notes", path, str(text)])
    assert "no file" in refusal(capsys, ["import-notes", path, str(tmp_path / "missing.pdf")])
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert "damaged" in refusal(capsys, ["import-notes", path, str(damaged)])
    locked = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "Confidential")
    locked.write_bytes(doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="panel", owner_pw="panel"))
    assert "password-protected" in refusal(capsys, ["import-notes", path, str(locked)])
    assert "password does not open" in refusal(capsys, ["import-notes", path, str(locked), "--password", "x"])
