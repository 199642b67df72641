"""Upgrading a review file written by an older PanelReview.

One numbered function per schema version, ``UPGRADES[n]`` taking a file from version n to n + 1
(the calibre habit). Before anything changes, a backup copy is written with the SQLite backup
API (never a file copy of a live WAL database); then every step runs in one transaction, so an
upgrade either completes or leaves the file as it was.

Version 0 is the pre-release prototype layout (notes without visibility, no recommendations);
it is kept here so the upgrade path is exercised by tests from the first release on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from panelreview.storage.errors import NotSaved, not_saved
from panelreview.storage.schema import (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_VERSION,
    V2_LINK_COLUMNS,
    V2_RECOMMENDATION_COLUMNS,
    V2_TABLES,
    V3_MEMBER_COLUMNS,
    V4_DRAFT_COLUMNS,
    V4_TABLES,
)

SCHEMA_V0 = """
CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL) STRICT;
CREATE TABLE members (
    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, council TEXT,
    created TEXT NOT NULL, updated TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE drafts (
    id TEXT PRIMARY KEY NOT NULL, file_name TEXT NOT NULL, format TEXT NOT NULL, title TEXT NOT NULL,
    page_count INTEGER, added TEXT NOT NULL, added_by TEXT NOT NULL, data BLOB NOT NULL
) STRICT;
CREATE TABLE draft_sections (
    draft_id TEXT NOT NULL REFERENCES drafts(id), section_id INTEGER NOT NULL, number TEXT,
    title TEXT NOT NULL, level INTEGER NOT NULL, parent INTEGER, first_block INTEGER NOT NULL,
    last_block INTEGER NOT NULL, page_start INTEGER, page_end INTEGER, PRIMARY KEY (draft_id, section_id)
) STRICT;
CREATE TABLE annotations (
    id TEXT PRIMARY KEY NOT NULL, author_id TEXT NOT NULL, draft_id TEXT NOT NULL, kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '', section_id INTEGER, quote TEXT, char_start INTEGER, char_end INTEGER,
    created TEXT NOT NULL, updated TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, member_id TEXT NOT NULL, action TEXT NOT NULL,
    item_type TEXT NOT NULL, item_id TEXT NOT NULL
) STRICT;
"""

#: The DDL of every version a file may be at, for recognising genuine (older) review files.
SCHEMAS = {0: SCHEMA_V0, 1: SCHEMA_V1, 2: SCHEMA_V2, 3: SCHEMA_V3, 4: SCHEMA_V4}


def statements(ddl: str) -> Iterator[str]:
    """The complete SQL statements of a script, one at a time (triggers included)."""
    pending = ""
    for line in ddl.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _v1_statement(name: str) -> str:
    for sql in statements(SCHEMA_V1):
        words = sql.replace("(", " ").split()
        if words[2] == name or (words[1] == "VIRTUAL" and words[3] == name):
            return sql
    raise LookupError(name)


def _rebuild(conn: sqlite3.Connection, table: str, copy_sql: str) -> None:
    """Replace ``table`` by its version-1 definition, copying rows with ``copy_sql``."""
    conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
    conn.execute(_v1_statement(table))
    conn.execute(copy_sql)
    conn.execute(f"DROP TABLE old_{table}")


def upgrade_0_to_1(conn: sqlite3.Connection) -> None:
    """Prototype -> 1: visibility, tags and full anchors on notes; replies, recommendations, search."""
    conn.execute("ALTER TABLE drafts ADD COLUMN size INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE drafts SET size = length(data)")
    _rebuild(
        conn,
        "annotations",
        "INSERT INTO annotations (id, author_id, draft_id, kind, body, section_id, quote, char_start,"
        " char_end, created, updated, deleted) SELECT id, author_id, draft_id, kind, note, section_id,"
        " quote, char_start, char_end, created, updated, deleted FROM old_annotations",
    )
    _rebuild(
        conn,
        "change_log",
        "INSERT INTO change_log (seq, at, member_id, action, item_type, item_id)"
        " SELECT seq, at, member_id, action, item_type, item_id FROM old_change_log",
    )
    for name in (
        "annotations_by_section",
        "replies",
        "replies_by_annotation",
        "recommendations",
        "recommendations_by_section",
        "recommendation_links",
        "links_by_recommendation",
        "links_by_annotation",
        "change_log_no_update",
        "change_log_no_delete",
        "search_items",
        "search_text",
    ):
        conn.execute(_v1_statement(name))
    # Notes become searchable now; the draft's own text is indexed when it is next read.
    conn.execute(
        "INSERT INTO search_items (item_type, item_id, draft_id, section_id)"
        " SELECT 'annotation', id, draft_id, section_id FROM annotations WHERE deleted = 0"
    )
    conn.execute(
        "INSERT INTO search_text (rowid, body) SELECT s.seq, a.body || ' ' || coalesce(a.quote, '')"
        " FROM search_items s JOIN annotations a ON a.id = s.item_id WHERE s.item_type = 'annotation'"
    )


def upgrade_1_to_2(conn: sqlite3.Connection) -> None:
    """1 -> 2: the clerk's desk (panel order, numbers, decisions, lineage, roster, imports, sent items)."""
    for column in V2_RECOMMENDATION_COLUMNS:
        conn.execute(f"ALTER TABLE recommendations ADD COLUMN {column}")
    for column in V2_LINK_COLUMNS:
        conn.execute(f"ALTER TABLE recommendation_links ADD COLUMN {column}")
    for sql in statements(V2_TABLES):
        conn.execute(sql)


def upgrade_2_to_3(conn: sqlite3.Connection) -> None:
    """2 -> 3: members' views the clerk enters on their behalf (received on paper or by email)."""
    for column in V3_MEMBER_COLUMNS:
        conn.execute(f"ALTER TABLE members ADD COLUMN {column}")


def upgrade_3_to_4(conn: sqlite3.Connection) -> None:
    """3 -> 4: draft versions with labels and dates, carried anchors, imported notes, the checklist."""
    for column in V4_DRAFT_COLUMNS:
        conn.execute(f"ALTER TABLE drafts ADD COLUMN {column}")
    conn.execute("UPDATE drafts SET version_no = 1")
    for sql in statements(V4_TABLES):
        conn.execute(sql)


UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: upgrade_0_to_1,
    1: upgrade_1_to_2,
    2: upgrade_2_to_3,
    3: upgrade_3_to_4,
}


def backup_path(path: Path, version: int) -> Path:
    """A free name beside ``path`` for the copy kept before an upgrade."""
    stem = f"{path.stem} (backup before upgrade, version {version}, {date.today().isoformat()})"
    candidate = path.with_name(stem + path.suffix)
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem} {n}{path.suffix}")
        n += 1
    return candidate


def upgraded_copy(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """A read-only copy of the review in memory, brought from ``version`` to the current one.

    For reading an older file without changing it (opened read-only, say because another copy of
    PanelReview has it open for editing).
    """
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(memory)
        memory.execute("PRAGMA trusted_schema = OFF")
        memory.execute("BEGIN IMMEDIATE")
        for step in range(version, SCHEMA_VERSION):
            UPGRADES[step](memory)
        memory.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        memory.execute("COMMIT")
        memory.execute("PRAGMA query_only = ON")
    except BaseException:
        memory.close()
        raise
    return memory


def migrate(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Bring the open file from ``version`` to the current one; returns the backup's path.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and hold the review's lock.
    """
    backup = backup_path(path, version)
    try:
        target = sqlite3.connect(backup)
        try:
            conn.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        backup.unlink(missing_ok=True)
        raise NotSaved(
            "This review was made by an older PanelReview and must be upgraded, but a backup copy "
            f"could not be written first ({exc}). Nothing was changed. Move the review to a folder "
            "with free space that you can write to, and open it again."
        ) from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        for step in range(version, SCHEMA_VERSION):
            UPGRADES[step](conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise not_saved(exc, "The upgrade of this review to the new version") from None
    return backup
