"""The open review: settings, owner, drafts and the one write path every edit goes through.

Every edit is a list of target rows handed to :meth:`ReviewBase._commit`, which in one durable
transaction reads the rows as they were, writes the new ones (``None`` = tombstone), keeps the
search index in step, appends to the change log and returns a :class:`Change` naming the rows
before and after. Undo is ``review.apply(change.inverse())``; redo is ``review.apply(change)``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from panelreview.core.anchor import innermost_section
from panelreview.core.draft_label import guess_draft_label
from panelreview.core.errors import PasswordRequired, WrongPassword
from panelreview.core.model import Document, Section
from panelreview.core.review import Change, Member, Row, RowChange, Settings, parse_role
from panelreview.storage.connection import OpenedFile, write_transaction
from panelreview.storage.errors import ReviewFileError

# The tables whose rows an edit (and undo) may write, with their keys.
KEYS = {
    "settings": "key",
    "members": "id",
    "annotations": "id",
    "replies": "id",
    "recommendations": "id",
    "recommendation_links": "id",
    "roster": "id",
    "checklist_decisions": "id",
    "drafts": "id",  # only its label and date (DRAFT_EDITABLE): the draft itself never changes
    "imported_notes": "id",
    "note_imports": "id",
    "item_anchors": "id",
    "addressed": "id",
}
#: What an edit may change on a ``drafts`` row: the draft's own label and date, as the clerk confirms them.
DRAFT_EDITABLE = ("label", "dated")
ITEM_TYPES = {"annotations": "annotation", "replies": "reply", "recommendations": "recommendation"}
_SETTING_FIELDS = {f for f in Settings.__dataclass_fields__}


class _Clock:
    """UTC timestamps that never repeat or go backwards within this process (newest edit wins)."""

    def __init__(self) -> None:
        self._last_us = 0

    def now(self) -> str:
        self._last_us = max(time.time_ns() // 1000, self._last_us + 1)
        seconds, micros = divmod(self._last_us, 1_000_000)
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{micros:06d}Z"


CLOCK = _Clock()


def _section_from_row(row: Mapping[str, Any]) -> Section:
    return Section(
        id=int(row["section_id"]),
        number=row["number"],
        title=str(row["title"]),
        level=int(row["level"]),
        parent=row["parent"],
        first_block=int(row["first_block"]),
        last_block=int(row["last_block"]),
        page_start=row["page_start"],
        page_end=row["page_end"],
    )


class ReviewBase:
    """An open review file. Use :func:`panelreview.storage.open_review` to get one."""

    def __init__(self, opened: OpenedFile, path: Path) -> None:
        self.path = path
        self._file = opened
        self.db = Database(opened.conn, execute_plugins=False, recursive_triggers=False)
        self._documents: dict[str, Document] = {}
        self._sections: dict[str, list[Section]] = {}
        self._members: dict[str, Member] = {}
        self._owner_id: str | None = None
        self._drafts_indexed = False  # every draft's text is in the search index (checked once)
        self._passwords: list[str] = []  # typed this session to open a locked draft; never stored

    # -- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ReviewBase:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            self.close()
            return
        # Whatever went wrong in the block is the message the user needs ("Your change was not
        # saved: the disk is full…"); a failure while closing must not replace it.
        with contextlib.suppress(Exception):
            self.close()

    @property
    def read_only(self) -> bool:
        return self._file.read_only

    @property
    def backup_path(self) -> Path | None:
        """The copy kept when this file was upgraded from an older version on opening, if any."""
        return self._file.backup

    # -- reading ----------------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        cur = self._file.conn.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def _row(self, table: str, key: str) -> dict[str, Any] | None:
        columns = "id, " + ", ".join(DRAFT_EDITABLE) if table == "drafts" else "*"
        rows = self._rows(f"SELECT {columns} FROM {table} WHERE {KEYS[table]} = ?", [key])
        return rows[0] if rows else None

    def _setting(self, key: str) -> Any:
        row = self._row("settings", key)
        return json.loads(row["value"]) if row else None

    @property
    def settings(self) -> Settings:
        values: dict[str, Any] = {}
        for row in self._rows("SELECT key, value FROM settings"):
            if row["key"] in _SETTING_FIELDS:
                value = json.loads(row["value"])
                values[row["key"]] = tuple(value) if isinstance(value, list) else value
        return Settings(**values)

    def member(self, member_id: str) -> Member:
        if member_id not in self._members:
            row = self._row("members", member_id)
            if row is None:
                return Member(member_id, "(unknown member)", parse_role("member"))
            self._members[member_id] = Member(row["id"], row["name"], parse_role(row["role"]), row["council"])
        return self._members[member_id]

    @property
    def owner_id(self) -> str:
        if self._owner_id is None:
            self._owner_id = str(self._setting("owner_id"))
        return self._owner_id

    @property
    def owner(self) -> Member:
        """The member whose review this is; new notes are theirs."""
        return self.member(self.owner_id)

    @property
    def current_draft_id(self) -> str:
        return str(self._setting("current_draft"))

    def drafts(self) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT id, file_name, format, title, page_count, size, added, added_by, label, dated, version_no"
            " FROM drafts ORDER BY added"
        )

    def draft_data(self, draft_id: str | None = None) -> tuple[str, bytes]:
        """The file name and exact bytes of a draft kept in the review (the current one by default)."""
        wanted = draft_id or self.current_draft_id
        rows = self._rows("SELECT file_name, data FROM drafts WHERE id = ?", [wanted])
        if not rows:
            raise ReviewFileError("This review has no copy of its draft, so the draft cannot be shown.")
        return str(rows[0]["file_name"]), bytes(rows[0]["data"])

    def sections(self, draft_id: str | None = None) -> list[Section]:
        """The draft's sections, from the cache in the file (no re-reading of the draft)."""
        draft = draft_id or self.current_draft_id
        if draft not in self._sections:
            rows = self._rows("SELECT * FROM draft_sections WHERE draft_id = ? ORDER BY section_id", [draft])
            self._sections[draft] = [_section_from_row(r) for r in rows]
        return self._sections[draft]

    def document(self, draft_id: str | None = None) -> Document:
        """The draft re-read from the bytes kept in the review (the original file is not needed)."""
        from panelreview.ingest import read_document_bytes

        draft = draft_id or self.current_draft_id
        if draft not in self._documents:
            rows = self._rows("SELECT file_name, data FROM drafts WHERE id = ?", [draft])
            if not rows:
                raise ReviewFileError("This review has no copy of that draft.")
            data, name = bytes(rows[0]["data"]), str(rows[0]["file_name"])
            try:
                doc = read_document_bytes(data, name)
            except PasswordRequired:  # a locked version: the passwords the member typed may open it
                doc = self._unlocked(data, name)
            self._documents[draft] = doc
        return self._documents[draft]

    def use_password(self, password: str) -> None:
        """Remember, while this review is open, a password the member typed to open its draft:
        other versions of a locked plan (the one before, to compare) usually open with it too.
        It is never written anywhere."""
        if password and password not in self._passwords:
            self._passwords.append(password)

    def _unlocked(self, data: bytes, name: str) -> Document:
        from panelreview.ingest import read_document_bytes

        for password in self._passwords:
            with contextlib.suppress(WrongPassword):
                return read_document_bytes(data, name, password=password)
        raise PasswordRequired(
            f"“{name}” is password-protected, and the password you typed this time does not open it."
            if self._passwords
            else f"“{name}” is password-protected: open the draft with its password first."
        )

    # -- writing ----------------------------------------------------------------------------
    def _commit(
        self, label: str, item_id: str | None, targets: Iterable[tuple[str, str, Row | None]]
    ) -> Change:
        """Write each ``(table, key, row or None)`` in one transaction; the :class:`Change` made."""
        now = CLOCK.now()
        done: list[RowChange] = []
        with write_transaction(self._file, "Your change") as conn:
            for table, key, target in targets:
                pk = KEYS[table]  # KeyError: not a table an edit may touch
                current = self._row(table, key)
                before = None if current is None or current.get("deleted") else current
                if table == "drafts":  # a label and date, never the draft itself
                    if current is None or target is None:
                        continue
                    values = [target.get(c) for c in DRAFT_EDITABLE]
                    conn.execute("UPDATE drafts SET label = ?, dated = ? WHERE id = ?", [*values, key])
                    edited = self._row(table, key)
                    self._log(conn, now, label, table, key, before, edited)
                    done.append(RowChange(table, key, before, edited))
                    continue
                if target is None:
                    if current is None:
                        continue
                    if table == "settings":
                        conn.execute("DELETE FROM settings WHERE key = ?", [key])
                    else:
                        conn.execute(f"UPDATE {table} SET deleted = 1, updated = ? WHERE id = ?", [now, key])
                    after: dict[str, Any] | None = None
                else:
                    after = {**target, pk: key, "updated": now}
                    if table != "settings":
                        after["deleted"] = 0
                        after.setdefault("created", now)
                    self.db.table(table).upsert(after, pk=pk)
                    after = self._row(table, key)
                self._reindex(conn, table, key, after)
                self._log(conn, now, label, table, key, before, after)
                done.append(RowChange(table, key, before, after))
        if any(r.table == "members" for r in done):
            self._members.clear()
        return Change(label, tuple(done), item_id)

    def apply(self, change: Change) -> Change:
        """Write a change's ``after`` rows: redo a change, or undo one via ``change.inverse()``."""
        return self._commit(change.label, change.item_id, [(r.table, r.key, r.after) for r in change.rows])

    def _log(
        self,
        conn: sqlite3.Connection,
        now: str,
        label: str,
        table: str,
        key: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> None:
        if before is None or after is None:
            fields = ["deleted" if after is None else "created"]
        else:
            fields = sorted(k for k in after if k != "updated" and after.get(k) != before.get(k))
        conn.execute(
            "INSERT INTO change_log (at, member_id, action, item_type, item_id, detail) VALUES (?,?,?,?,?,?)",
            [now, self.owner_id, label, table, key, json.dumps({"fields": fields})],
        )

    def set_draft_label(self, draft_id: str, *, label: str | None, dated: str | None) -> Change:
        """Record what a draft calls itself ("Final draft") and the date it bears (ISO, or "2025-02"),
        as the clerk confirmed or typed them. None clears one."""
        if not self._rows("SELECT id FROM drafts WHERE id = ?", [draft_id]):
            raise ReviewFileError("This review does not hold that draft.")
        row = {"label": " ".join(label.split()) or None if label else None, "dated": dated or None}
        return self._commit("Change the draft’s label and date", None, [("drafts", draft_id, row)])

    def update_settings(self, **values: object) -> Change:
        """Change review settings (panel name, titles, dates, response statuses...)."""
        return self.change_settings(values)

    def change_settings(
        self, values: Mapping[str, object], draft: tuple[str, str | None, str | None] | None = None
    ) -> Change:
        """Change review settings and, with ``draft`` (id, label, date), a draft's own label and
        date, all in one undoable step."""
        unknown = set(values) - _SETTING_FIELDS
        if unknown:
            raise TypeError(f"not review settings: {sorted(unknown)}")
        targets: list[tuple[str, str, Row | None]] = [
            ("settings", key, {"value": json.dumps(list(v) if isinstance(v, tuple) else v)})
            for key, v in values.items()
        ]
        if draft is not None:
            draft_id, label, dated = draft
            if not self._rows("SELECT id FROM drafts WHERE id = ?", [draft_id]):
                raise ReviewFileError("This review does not hold that draft.")
            targets.append(
                ("drafts", draft_id, {"label": " ".join((label or "").split()) or None, "dated": dated})
            )
        return self._commit("Change review settings", None, targets)

    # -- search index -----------------------------------------------------------------------
    def _reindex(self, conn: sqlite3.Connection, table: str, key: str, row: Mapping[str, Any] | None) -> None:
        item_type = ITEM_TYPES.get(table)
        if item_type is None:
            return
        old = conn.execute(
            "SELECT seq FROM search_items WHERE item_type = ? AND item_id = ?", [item_type, key]
        ).fetchone()
        if old is not None:
            conn.execute("DELETE FROM search_text WHERE rowid = ?", [old[0]])
            conn.execute("DELETE FROM search_items WHERE seq = ?", [old[0]])
        if row is None:
            return
        if table == "replies":
            parent = conn.execute(
                "SELECT draft_id, section_id FROM annotations WHERE id = ?", [row["annotation_id"]]
            ).fetchone()
            draft_id, section_id = parent if parent else (None, None)
        else:
            draft_id, section_id = row["draft_id"], row["section_id"]
        text = searchable_text(table, row)
        cur = conn.execute(
            "INSERT INTO search_items (item_type, item_id, draft_id, section_id) VALUES (?,?,?,?)",
            [item_type, key, draft_id, section_id],
        )
        conn.execute("INSERT INTO search_text (rowid, body) VALUES (?, ?)", [cur.lastrowid, text])


def searchable_text(table: str, row: Mapping[str, Any]) -> str:
    """What the search finds an item by: a reply's text; a note's or recommendation's words and quote."""
    if table == "replies":
        return str(row["body"])
    parts = [row.get("body"), row.get("wording"), row.get("rationale"), row.get("theme"), row.get("quote")]
    tags = row.get("tags") or "[]"
    if tags != "[]":
        parts.append(" ".join(json.loads(tags)))
    return "\n".join(str(p) for p in parts if p)


def index_draft(conn: sqlite3.Connection, draft_id: str, document: Document) -> None:
    """Make the draft's own text searchable, block by block, each pointing to its section.

    Not a password-protected draft's: its text is not kept whole in the review file (the window
    searches it in memory while it is open)."""
    if document.password_protected:
        return
    for block in document.blocks:
        if not block.text.strip():
            continue
        section = innermost_section(document.sections, block.index)
        cur = conn.execute(
            "INSERT INTO search_items (item_type, item_id, draft_id, section_id) VALUES ('block', ?, ?, ?)",
            [f"{draft_id}:{block.index}", draft_id, section.id if section else None],
        )
        conn.execute("INSERT INTO search_text (rowid, body) VALUES (?, ?)", [cur.lastrowid, block.text])


def store_draft(conn: sqlite3.Connection, data: bytes, document: Document, added_by: str, now: str) -> str:
    """Keep a draft's bytes and its detected sections in the review; returns the draft's id."""
    draft_id = document.identity.sha256
    # The label and date the draft gives itself ("Final draft", 6 February 2025), read from its
    # cover; the clerk confirms or corrects them (``set_draft_label``).
    guess = guess_draft_label(document)
    conn.execute(
        "INSERT INTO drafts (id, file_name, format, title, page_count, size, added, added_by, data,"
        " label, dated, version_no) VALUES (?,?,?,?,?,?,?,?,?,?,?,"
        " (SELECT coalesce(max(version_no), 0) + 1 FROM drafts))",
        [
            draft_id,
            document.file_name,
            document.identity.format.value,
            document.identity.title,
            document.identity.page_count,
            len(data),
            now,
            added_by,
            data,
            guess.label if guess else None,
            guess.dated if guess else None,
        ],
    )
    conn.executemany(
        "INSERT INTO draft_sections (draft_id, section_id, number, title, level, parent, first_block,"
        " last_block, page_start, page_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                draft_id,
                s.id,
                s.number,
                s.title,
                s.level,
                s.parent,
                s.first_block,
                s.last_block,
                s.page_start,
                s.page_end,
            )
            for s in document.sections
        ],
    )
    index_draft(conn, draft_id, document)
    return draft_id
