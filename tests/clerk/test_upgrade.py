"""Reviews saved by earlier PanelReviews (formats 1 to 3; format 0 in tests/storage) are upgraded,
after a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from panelreview.storage import open_review
from panelreview.storage.migrations import SCHEMAS
from panelreview.storage.schema import (
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_VERSION,
    V2_LINK_COLUMNS,
    V2_RECOMMENDATION_COLUMNS,
    V3_MEMBER_COLUMNS,
    V4_DRAFT_COLUMNS,
    expected_objects,
)
from tests.clerk.conftest import MakeReview, pack_of


def _drop_v4(conn: sqlite3.Connection) -> None:
    """Remove what version 4 added: the drafts' version columns and every new table and index."""
    for kind, name, _ in sorted(expected_objects(SCHEMA_V4) - expected_objects(SCHEMA_V3), reverse=True):
        if kind in ("index", "table", "trigger", "view"):
            conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for column in V4_DRAFT_COLUMNS:
        conn.execute(f"ALTER TABLE drafts DROP COLUMN {column.split()[0]}")


def _as_version_3(path: Path) -> None:
    """Take a new review back to the format-3 layout (one draft, no versions)."""
    conn = sqlite3.connect(path)
    _drop_v4(conn)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def _drop_v3(conn: sqlite3.Connection) -> None:
    _drop_v4(conn)
    for column in V3_MEMBER_COLUMNS:
        conn.execute(f"ALTER TABLE members DROP COLUMN {column.split()[0]}")


def _as_version_2(path: Path) -> None:
    """Take a new review back to the format-2 layout (before views entered for members)."""
    conn = sqlite3.connect(path)
    _drop_v3(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def _as_version_1(path: Path) -> None:
    """Take a new review back to the format-1 layout, as the previous release wrote it."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX links_by_source")
    for table in ("roster", "imports", "import_rows", "sent_items"):
        conn.execute(f"DROP TABLE {table}")
    for column in V2_RECOMMENDATION_COLUMNS:
        conn.execute(f"ALTER TABLE recommendations DROP COLUMN {column.split()[0]}")
    for column in V2_LINK_COLUMNS:
        conn.execute(f"ALTER TABLE recommendation_links DROP COLUMN {column.split()[0]}")
    _drop_v3(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_version_1_review_is_upgraded_and_can_share_and_combine(
    make_review: MakeReview, tmp_path: Path
) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.add_recommendation("Publish the budget", anchor=ann.anchor_for(section="3.1"), visibility="panel")
    path = ann.path
    ann.close()
    _as_version_1(path)
    with open_review(path) as upgraded:
        assert upgraded.backup_path is not None
        (rec,) = upgraded.recommendations()
        assert (rec.wording, rec.position, rec.number, rec.linked_recommendations) == (
            "Publish the budget",
            None,
            None,
            (),
        )
        pack = pack_of(upgraded, tmp_path)
    backup = sqlite3.connect(upgraded.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()
    clerk = make_review("Jo Clerk", role="clerk")
    clerk.import_packs([pack])
    assert [r.wording for r in clerk.recommendations()] == ["Publish the budget"]


def test_version_2_clerks_review_is_upgraded_and_takes_views_on_paper(
    make_review: MakeReview, tmp_path: Path
) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.add_annotation(ann.anchor_for(section="2.1"), "question", "Who was asked?", visibility="panel")
    pack = pack_of(ann, tmp_path)
    clerk = make_review("Jo Clerk", role="clerk")
    clerk.import_packs([pack])
    path = clerk.path
    clerk.close()
    _as_version_2(path)
    with open_review(path) as upgraded:
        assert upgraded.backup_path is not None
        assert [s.name for s in upgraded.members_status() if s.received] == ["Cllr Ann Jones"]
        upgraded.record_member_view("Cllr Ann Jones", "concern", "Said at the briefing: too vague.")
        (line,) = upgraded.members_status()
        assert (line.notes, line.concerns, line.entered) == (2, 1, 1)
    backup = sqlite3.connect(upgraded.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
    backup.close()


def test_an_older_review_opened_read_only_is_read_through_an_upgraded_copy_and_left_alone(
    make_review: MakeReview,
) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.add_recommendation("Publish the budget", anchor=ann.anchor_for(section="3.1"), visibility="panel")
    path = ann.path
    ann.close()
    _as_version_1(path)
    before = path.read_bytes()
    with open_review(path, read_only=True) as old:  # e.g. another copy has it open for editing
        assert old.backup_path is None
        assert [r.wording for r in old.recommendations()] == ["Publish the budget"]
        assert [r.wording for r in old.panel_recommendations()] == ["Publish the budget"]  # v3 query
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if "backup" in p.name) == []


def test_version_3_review_is_upgraded_and_its_draft_becomes_version_1(make_review: MakeReview) -> None:
    ann = make_review("Cllr Ann Jones")
    ann.add_annotation(ann.anchor_for(section="2.1"), "comment", "Good.", visibility="panel")
    path = ann.path
    ann.close()
    _as_version_3(path)
    with open_review(path) as upgraded:
        assert upgraded.backup_path is not None
        assert [a.body for a in upgraded.annotations()] == ["Good."]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT version_no, label, dated FROM drafts").fetchall() == [(1, None, None)]
    conn.close()
    backup = sqlite3.connect(upgraded.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 3
    backup.close()


# Every older format this copy upgrades, with how to make a file in it from a new one. Format 0
# (the prototype) is made from scratch in tests/storage/test_file_safety.py.
OLDER_FORMATS: dict[int, Callable[[Path], None]] = {1: _as_version_1, 2: _as_version_2, 3: _as_version_3}


def test_every_older_format_is_tested() -> None:
    assert (
        sorted({0, *OLDER_FORMATS}) == list(range(SCHEMA_VERSION)) == sorted(set(SCHEMAS) - {SCHEMA_VERSION})
    )


@pytest.mark.parametrize("version", sorted(OLDER_FORMATS))
def test_each_older_format_upgrades_to_the_current_one_keeping_every_kind_of_item(
    make_review: MakeReview, version: int
) -> None:
    ann = make_review("Cllr Ann Jones")
    note = ann.add_annotation(ann.anchor_for(section="2.1"), "question", "Who was asked?", visibility="panel")
    ann.add_reply(note.item_id, "The survey panel.")
    ann.add_recommendation("Publish the budget", anchor=ann.anchor_for(section="3.1"), visibility="report")
    path = ann.path
    ann.close()
    OLDER_FORMATS[version](path)
    with open_review(path) as upgraded:
        assert upgraded.backup_path is not None
        (kept,) = upgraded.annotations()
        assert (kept.body, kept.visibility.value, [r.body for r in kept.replies]) == (
            "Who was asked?",
            "panel",
            ["The survey panel."],
        )
        assert [(r.wording, r.visibility.value) for r in upgraded.recommendations()] == [
            ("Publish the budget", "report")
        ]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    backup = sqlite3.connect(upgraded.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    backup.close()
