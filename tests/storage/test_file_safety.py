"""Files that are not ours, newer, older, read-only, on a full disk: clear refusals, nothing lost."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from panelreview.core.model import Document
from panelreview.storage import NewerVersion, NotAReview, NotSaved, ReadOnlyReview, open_review
from panelreview.storage.migrations import SCHEMA_V0
from panelreview.storage.schema import APPLICATION_ID, SCHEMA_VERSION


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _alter(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param([], id="same-layout"),
        # A newer format may add tables and drop others: it is still newer, not damaged or altered.
        pytest.param(["CREATE TABLE future_things (id TEXT)", "DROP TABLE replies"], id="new-layout"),
    ],
)
@pytest.mark.parametrize("ahead", [1, 2, 7])
def test_newer_file_is_refused_and_left_untouched(review_path: Path, ahead: int, sql: list[str]) -> None:
    _alter(review_path, *sql, f"PRAGMA user_version = {SCHEMA_VERSION + ahead}")
    before = _fingerprint(review_path.parent)
    with pytest.raises(NewerVersion, match="newer version of PanelReview") as err:
        open_review(review_path)
    assert "has not been changed" in str(err.value)
    assert f"review format {SCHEMA_VERSION + ahead}" in str(err.value)
    with pytest.raises(NewerVersion):
        open_review(review_path, read_only=True)
    assert _fingerprint(review_path.parent) == before


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_bytes(os.urandom(8192)), id="random-bytes"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: _alter(p, "CREATE TABLE contacts (name TEXT)"), id="other-database"),
    ],
)
def test_files_that_are_not_reviews_are_refused(tmp_path: Path, make: object) -> None:
    path = tmp_path / "notes.pcpr"
    make(path)  # type: ignore[operator]
    before = _fingerprint(tmp_path)
    with pytest.raises(NotAReview, match="not a PanelReview review file"):
        open_review(path)
    assert _fingerprint(tmp_path) == before


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM annotations; END",
        "CREATE VIEW peek AS SELECT * FROM members",
        "CREATE TABLE extra (x)",
    ],
    ids=["trigger", "view", "table"],
)
def test_review_carrying_extra_code_is_refused_and_nothing_runs(review_path: Path, sql: str) -> None:
    with open_review(review_path) as review:
        review.add_annotation(review.anchor_for(section="2"), "comment", "keep me")
    _alter(review_path, sql)
    with pytest.raises(NotAReview, match="altered"):
        open_review(review_path)
    conn = sqlite3.connect(review_path)
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    conn.close()


def test_replaced_trigger_with_our_name_is_refused(review_path: Path) -> None:
    _alter(
        review_path,
        "DROP TRIGGER change_log_no_delete",
        "CREATE TRIGGER change_log_no_delete AFTER INSERT ON change_log BEGIN DELETE FROM drafts; END",
    )
    with pytest.raises(NotAReview, match=r"altered|damaged"):
        open_review(review_path)


def test_current_format_opens_as_it_is(review_path: Path) -> None:
    with open_review(review_path) as review:
        assert review.backup_path is None
        review.add_annotation(review.anchor_for(section="2"), "comment", "kept")
    conn = sqlite3.connect(review_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert sorted(p.name for p in review_path.parent.iterdir() if "backup" in p.name) == []


@pytest.mark.parametrize("version", [-1, -(2**31)])
def test_format_number_never_made_is_damaged(review_path: Path, version: int) -> None:
    _alter(review_path, f"PRAGMA user_version = {version}")
    with pytest.raises(NotAReview, match="damaged"):
        open_review(review_path)


def test_damaged_review_missing_a_table_is_refused(review_path: Path) -> None:
    _alter(review_path, "DROP TABLE replies")
    with pytest.raises(NotAReview, match="damaged"):
        open_review(review_path)


def _make_v0(path: Path, draft: bytes, document: Document) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V0)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    t = "2025-01-01T10:00:00.000000Z"
    settings = {"owner_id": "m1", "current_draft": document.identity.sha256, "panel_name": "Old panel"}
    conn.executemany(
        "INSERT INTO settings VALUES (?, ?, ?)", [(k, json.dumps(v), t) for k, v in settings.items()]
    )
    conn.execute("INSERT INTO members VALUES ('m1', 'Cllr Old', 'member', NULL, ?, ?, 0)", [t, t])
    conn.execute(
        "INSERT INTO drafts VALUES (?, 'old.txt', 'text', 'Draft', NULL, ?, 'm1', ?)",
        [document.identity.sha256, t, draft],
    )
    conn.executemany(
        "INSERT INTO draft_sections VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (document.identity.sha256, s.id, s.number, s.title, s.level, s.parent, s.first_block, *tail)
            for s in document.sections
            for tail in [(s.last_block, None, None)]
        ],
    )
    conn.execute(
        "INSERT INTO annotations (id, author_id, draft_id, kind, note, section_id, created, updated)"
        " VALUES ('a1', 'm1', ?, 'concern', 'Prototype note about burglary', 5, ?, ?)",
        [document.identity.sha256, t, t],
    )
    conn.commit()
    conn.close()


def test_older_review_is_upgraded_after_a_backup(
    tmp_path: Path, draft_bytes: bytes, document: Document
) -> None:
    path = tmp_path / "old.pcpr"
    _make_v0(path, draft_bytes, document)
    original = path.read_bytes()
    with open_review(path) as review:
        backup = review.backup_path
        (note,) = review.annotations()
        assert (note.body, note.visibility.value, note.author.name) == (
            "Prototype note about burglary",
            "private",
            "Cllr Old",
        )
        found = review.search("burglary")
        assert {h.item_type for h in found} == {"annotation", "block"}
        assert review.search("burglary") == found  # indexed once, not again on each search
        review.add_recommendation("Now possible", anchor=review.anchor_for(section="3"))
    assert backup is not None and backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT note FROM annotations").fetchone()[0] == "Prototype note about burglary"
    conn.close()
    assert original != path.read_bytes()
    with open_review(path) as again:
        assert again.backup_path is None and len(again.recommendations()) == 1


def test_full_disk_reports_not_saved_and_keeps_earlier_work(review_path: Path) -> None:
    with open_review(review_path) as review:
        review.add_annotation(review.anchor_for(section="2"), "comment", "saved before")
        conn = review._file.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk
        with pytest.raises(NotSaved, match="was not saved: the disk is full") as err:
            review.add_annotation(review.anchor_for(section="2"), "comment", "big " * 50_000)
        assert "Everything saved before this is safe" in str(err.value)
        assert [a.body for a in review.annotations()] == ["saved before"]
        conn.execute("PRAGMA max_page_count = 1073741823")
        review.add_annotation(review.anchor_for(section="2"), "comment", "after space was freed")
    with open_review(review_path) as review:
        assert [a.body for a in review.annotations()] == ["saved before", "after space was freed"]


def test_write_refused_by_the_system_is_reported_as_not_saved(review_path: Path) -> None:
    with open_review(review_path) as review:
        review.add_annotation(review.anchor_for(section="2"), "comment", "kept")
        review._file.conn.execute("PRAGMA query_only = ON")  # the OS refusing writes, as root cannot chmod
        with pytest.raises(NotSaved, match="cannot be written to"):
            review.add_annotation(review.anchor_for(section="2"), "comment", "lost")
        assert [a.body for a in review.annotations()] == ["kept"]


def test_read_only_review_refuses_edits_plainly(review_path: Path) -> None:
    with open_review(review_path, read_only=True) as review, pytest.raises(ReadOnlyReview, match="read-only"):
        review.add_annotation(review.anchor_for(section="2"), "comment", "x")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_reported_at_opening(review_path: Path) -> None:
    review_path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyReview, match="read-only"):
            open_review(review_path)
    finally:
        review_path.chmod(0o644)
