"""The review file's schema (version 4) and how to tell a genuine review file from anything else.

A review file is one SQLite database with ``PRAGMA application_id`` = :data:`APPLICATION_ID` and
``PRAGMA user_version`` = its schema version. Every row that can travel between members' files
(members, annotations, replies, recommendations, links) has a UUID, author, created and updated
times and a tombstone (``deleted``); a later merge keeps the newest edit and lets deletions travel.

The schema has no views and no triggers that call anything: the only triggers keep the change log
append-only. The full-text index is maintained by the code in the same transaction as each edit,
because FTS5 may not be used from triggers when a file is opened with ``trusted_schema`` off.

Version 2 adds the clerk's desk: the panel's order, numbers and meeting decisions on
recommendations; links from a panel recommendation to the members' recommendations it was built
from (with the member's part: proposed or supported); the roster of members the clerk expects
views from; each import of members' review packs (with what it replaced, so it can be undone);
and, in a member's file, which items have been sent to the clerk (so a withdrawn one is withdrawn
at the clerk's too).

Version 3 lets the clerk enter a member's views received on paper or by email: such views are
written by a member row of the clerk's own making (``entered_by`` = the clerk's member id;
``stands_for`` = the member's own id once known), so they count as that member's without ever
being confused with the rows the member's own review packs bring. These two columns never travel
in a pack (:data:`CLERK_ONLY_COLUMNS`).

Version 4 keeps every version of the draft (a label such as "Consultation draft" and the date the
draft itself bears, on each ``drafts`` row) and adds three groups of tables, each owned by one
capability and declared in its own block below: carrying items to a new version of the draft
(:data:`V4_VERSIONS_DDL`), notes imported from annotated PDFs and Word files
(:data:`V4_IMPORTED_DDL`), and the statutory checklist (:data:`V4_CHECKLIST_DDL`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

#: "PCPR" in ASCII: the mark that says "this SQLite file is a PanelReview review".
APPLICATION_ID = 0x50435052
SCHEMA_VERSION = 4
FILE_SUFFIX = ".pcpr"

_TRAVEL = """
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0"""

# The anchor's redundant selectors (see panelreview.core.anchor.Anchor).
_ANCHOR = """
    section_id INTEGER,
    heading_path TEXT NOT NULL DEFAULT '[]',
    quote TEXT,
    prefix TEXT,
    suffix TEXT,
    char_start INTEGER,
    char_end INTEGER,
    page_index INTEGER,
    page_label TEXT,
    rects TEXT NOT NULL DEFAULT '[]',
    block_index INTEGER,"""

ANCHOR_COLUMNS = (
    "section_id",
    "heading_path",
    "quote",
    "prefix",
    "suffix",
    "char_start",
    "char_end",
    "page_index",
    "page_label",
    "rects",
    "block_index",
)

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

_SCHEMA_V1_TEMPLATE = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated TEXT NOT NULL
) STRICT;
CREATE TABLE members (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    council TEXT,{_TRAVEL}{{member_extra}}
) STRICT;
CREATE TABLE drafts (
    id TEXT PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    page_count INTEGER,
    size INTEGER NOT NULL,
    added TEXT NOT NULL,
    added_by TEXT NOT NULL,
    data BLOB NOT NULL{{draft_extra}}
) STRICT;
CREATE TABLE draft_sections (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    section_id INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    parent INTEGER,
    first_block INTEGER NOT NULL,
    last_block INTEGER NOT NULL,
    page_start INTEGER,
    page_end INTEGER,
    PRIMARY KEY (draft_id, section_id)
) STRICT;
CREATE TABLE annotations (
    id TEXT PRIMARY KEY NOT NULL,
    author_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    colour TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    visibility TEXT NOT NULL DEFAULT 'private',{_ANCHOR}{_TRAVEL}
) STRICT;
CREATE INDEX annotations_by_section ON annotations (draft_id, section_id);
CREATE TABLE replies (
    id TEXT PRIMARY KEY NOT NULL,
    annotation_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    body TEXT NOT NULL,{_TRAVEL}
) STRICT;
CREATE INDEX replies_by_annotation ON replies (annotation_id);
CREATE TABLE recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    author_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    wording TEXT NOT NULL,
    rationale TEXT NOT NULL DEFAULT '',
    theme TEXT,
    priority TEXT,
    visibility TEXT NOT NULL DEFAULT 'private',
    supporters TEXT NOT NULL DEFAULT '[]',
    panel_status TEXT NOT NULL DEFAULT 'draft',
    response_status TEXT,
    response_text TEXT,
    response_date TEXT,{_ANCHOR}{_TRAVEL}{{rec_extra}}
) STRICT;
CREATE INDEX recommendations_by_section ON recommendations (draft_id, section_id);
CREATE TABLE recommendation_links (
    id TEXT PRIMARY KEY NOT NULL,
    recommendation_id TEXT NOT NULL,
    annotation_id TEXT,
    draft_id TEXT,
    section_id INTEGER,
    author_id TEXT NOT NULL,{_TRAVEL}{{link_extra}}
) STRICT;
CREATE INDEX links_by_recommendation ON recommendation_links (recommendation_id);
CREATE INDEX links_by_annotation ON recommendation_links (annotation_id);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    member_id TEXT NOT NULL,
    action TEXT NOT NULL,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{{}}'
) STRICT;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TABLE search_items (
    seq INTEGER PRIMARY KEY,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    draft_id TEXT,
    section_id INTEGER,
    UNIQUE (item_type, item_id)
) STRICT;
CREATE VIRTUAL TABLE search_text USING fts5(body, tokenize='{FTS_TOKENIZER}');
"""


def _columns(columns: tuple[str, ...]) -> str:
    return "".join(f",\n    {c}" for c in columns)


SCHEMA_V1 = (
    _SCHEMA_V1_TEMPLATE.replace("{rec_extra}", "")
    .replace("{link_extra}", "")
    .replace("{member_extra}", "")
    .replace("{draft_extra}", "")
)

# Version 2's new columns come last, where ``ALTER TABLE ... ADD COLUMN`` puts them in an upgraded file.
V2_RECOMMENDATION_COLUMNS = ("position INTEGER", "number TEXT", "decided_on TEXT")
V2_LINK_COLUMNS = ("source_recommendation_id TEXT", "role TEXT")

V2_TABLES = """
CREATE INDEX links_by_source ON recommendation_links (source_recommendation_id);
CREATE TABLE roster (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    council TEXT,
    member_id TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE imports (
    id TEXT PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    member_id TEXT NOT NULL,
    label TEXT NOT NULL,
    packs TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE TABLE import_rows (
    import_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    before TEXT,
    PRIMARY KEY (import_id, seq)
) STRICT;
CREATE TABLE sent_items (
    table_name TEXT NOT NULL,
    item_id TEXT NOT NULL,
    first_sent TEXT NOT NULL,
    PRIMARY KEY (table_name, item_id)
) STRICT;
"""

SCHEMA_V2 = (
    _SCHEMA_V1_TEMPLATE.replace("{rec_extra}", _columns(V2_RECOMMENDATION_COLUMNS))
    .replace("{link_extra}", _columns(V2_LINK_COLUMNS))
    .replace("{member_extra}", "")
    .replace("{draft_extra}", "")
    + V2_TABLES
)

# Version 3: a member row the clerk made to hold views received on paper or by email.
V3_MEMBER_COLUMNS = ("entered_by TEXT", "stands_for TEXT")
#: Columns of the clerk's own bookkeeping that never travel in a review pack.
CLERK_ONLY_COLUMNS: dict[str, tuple[str, ...]] = {"members": ("entered_by", "stands_for")}

SCHEMA_V3 = (
    _SCHEMA_V1_TEMPLATE.replace("{rec_extra}", _columns(V2_RECOMMENDATION_COLUMNS))
    .replace("{link_extra}", _columns(V2_LINK_COLUMNS))
    .replace("{member_extra}", _columns(V3_MEMBER_COLUMNS))
    .replace("{draft_extra}", "")
    + V2_TABLES
)

# Version 4: every version of the draft, with its own label and date.
#: ``label``: what the Commissioner's office calls this version ("Consultation draft"), confirmed or
#: typed by the user; ``dated``: the date the draft itself bears (ISO 8601), never the file's
#: metadata; ``version_no``: 1 for the first version a review was made on, 2 for the next, ...
V4_DRAFT_COLUMNS = ("label TEXT", "dated TEXT", "version_no INTEGER")

# Issue "between meetings": carrying items to a new version of the draft.
#: ``item_anchors``: an item's anchor in each version of the draft (``id`` = "<item id>@<draft id>").
#: The row for the version an item was written on has ``status`` NULL; a carried row says where from
#: (``carried_from``), its status (unchanged / moved / edited / orphaned), what placed it
#: (``evidence``, ``score``), the new wording of an edited passage (``new_text``), what the user did
#: about an orphan (``resolution``: reattached / dismissed) and the carry-over that made it.
#: ``addressed``: "was it addressed?" judgements, one per recommendation and version judged.
V4_VERSIONS_DDL = f"""
CREATE TABLE item_anchors (
    id TEXT PRIMARY KEY NOT NULL,
    item_table TEXT NOT NULL,
    item_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,{_ANCHOR}
    carried_from TEXT,
    status TEXT,
    evidence TEXT,
    score REAL,
    new_text TEXT,
    resolution TEXT,
    carry_id TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
) STRICT;
CREATE INDEX item_anchors_by_draft ON item_anchors (draft_id, item_id);
CREATE TABLE addressed (
    id TEXT PRIMARY KEY NOT NULL,
    recommendation_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    author_id TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
"""

# Issue "notes made elsewhere": notes imported from annotated PDFs and Word comments.
#: ``imported_notes``: one row per note or reply an import made (its ``id`` is the note's or reply's),
#: with what identifies it in the file (``source_key``: its author and passage) and the text last
#: imported, so importing the file again adds nothing and an edited re-send updates it.
#: ``note_imports``: one row per import, with its summary (what was imported, updated, skipped).
V4_IMPORTED_DDL = """
CREATE TABLE imported_notes (
    id TEXT PRIMARY KEY NOT NULL,
    item_table TEXT NOT NULL,
    import_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    source_key TEXT NOT NULL,
    author TEXT NOT NULL,
    origin TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_modified TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX imported_notes_by_key ON imported_notes (source_key);
CREATE TABLE note_imports (
    id TEXT PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    member_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
"""

# Issue "scrutiny aids": the statutory checklist and its judgements.
#: A member's view of one checklist item on one draft (one row per member, draft and item; its id
#: is derived from those three, so a newer view replaces an older one when packs merge):
#: ``decision`` is confirmed / changed / weak / missing; ``section_ids`` the sections (JSON list)
#: the member says address it; ``visibility`` private or panel (a private view never travels);
#: ``recommendation_id`` the recommendation drafted from it, if any.
V4_CHECKLIST_DDL = """
CREATE TABLE checklist_decisions (
    id TEXT PRIMARY KEY NOT NULL,
    author_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    section_ids TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'panel',
    recommendation_id TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX checklist_by_draft ON checklist_decisions (draft_id, item_id);
"""

V4_TABLES = V4_VERSIONS_DDL + V4_IMPORTED_DDL + V4_CHECKLIST_DDL

SCHEMA_V4 = (
    _SCHEMA_V1_TEMPLATE.replace("{rec_extra}", _columns(V2_RECOMMENDATION_COLUMNS))
    .replace("{link_extra}", _columns(V2_LINK_COLUMNS))
    .replace("{member_extra}", _columns(V3_MEMBER_COLUMNS))
    .replace("{draft_extra}", _columns(V4_DRAFT_COLUMNS))
    + V2_TABLES
    + V4_TABLES
)
#: The DDL a new review file is built from.
SCHEMA_CURRENT = SCHEMA_V4

SchemaObject = tuple[str, str, str | None]


def schema_objects(conn: sqlite3.Connection) -> set[SchemaObject]:
    """What a database holds: ``(type, name, sql)``; SQL is kept for triggers and views only.

    Tables and indexes are compared by name (an upgraded table's SQL differs from a new one's);
    triggers and views run code, so their exact SQL must be ours.
    """
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    found: set[SchemaObject] = set()
    for kind, name, sql in rows:
        if str(name).startswith("sqlite_") and kind in ("table", "index"):
            continue  # SQLite's own: autoindexes, sqlite_stat1 after ANALYZE, sqlite_sequence
        keep = " ".join(str(sql).split()) if kind in ("trigger", "view") else None
        found.add((str(kind), str(name), keep))
    return found


def expected_objects(ddl: str) -> set[SchemaObject]:
    """The schema objects a file built from ``ddl`` has."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(ddl)
        return schema_objects(conn)
    finally:
        conn.close()


def describe_unexpected(found: set[SchemaObject], expected: set[SchemaObject]) -> Iterable[str]:
    for kind, name, _ in sorted(found - expected):
        yield f"{kind} {name}"
