"""The clerk's side: import members' review packs, and undo the last import as a whole.

    change = clerk.import_packs(["Ann Jones.pcpack", "Bob Smith.pcpack"])   # one transaction
    clerk.import_record(change.item_id).packs                               # what each pack did
    clerk.undo_last_import()             # also after closing and reopening the review
    clerk.apply(change.inverse())        # or through the UI's undo stack; apply(change) redoes

Every pack is read and checked in full before anything is written: a damaged, newer or foreign
pack, or one about another draft, is refused with a plain message and nothing is imported. Rows
merge by id, the newest edit winning (see :mod:`panelreview.core.merge`), so importing the same
pack twice, or packs in any order or grouping, gives the same review. Members' rows keep their
author; the clerk's own items are never touched (a pack that claims one is refused).

An import is a *restore* change (``Change.restore``): its rows are exact stored rows, and the
import batch (table ``imports``, with each replaced row in ``import_rows``) is written and removed
with them, so "Undo last import" works from the file alone.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from panelreview.core.clerk import ImportRecord, PackReport
from panelreview.core.merge import complete, newer_than
from panelreview.core.review import Change, InvalidValue, Role, RowChange
from panelreview.storage.connection import write_transaction
from panelreview.storage.errors import PackError, WrongDraft
from panelreview.storage.pack_file import ALL_COLUMNS, ALL_TABLES, Pack, read_pack
from panelreview.storage.review_file import CLOCK, ITEM_TYPES, KEYS, searchable_text
from panelreview.storage.share import ShareOps

IMPORT_LABEL = "Import members' reviews"
UNDO_IMPORT_LABEL = "Remove imported members' reviews"
_ITEMS = ("annotations", "replies", "recommendations")
_CHUNK = 500
_WRITE_ORDER = (
    "settings",
    "drafts",
    "members",
    "annotations",
    "recommendations",
    "replies",
    "recommendation_links",
    "roster",
    "imported_notes",
    "note_imports",
    "item_anchors",
    "addressed",
    "checklist_decisions",
)


def _defaults(table: str, draft_id: str) -> Mapping[str, object]:
    """What a stub's missing columns hold (the same everywhere, so merging stays a join)."""
    anchor = {"heading_path": "[]", "rects": "[]"}
    found: dict[str, Mapping[str, object]] = {
        "annotations": {"draft_id": draft_id, "kind": "comment", "body": "", "tags": "[]",
                        "visibility": "private", **anchor},
        "replies": {"body": ""},
        "recommendations": {"draft_id": draft_id, "wording": "", "rationale": "", "visibility": "private",
                            "supporters": "[]", "panel_status": "draft", **anchor},
        "checklist_decisions": {"draft_id": draft_id, "item_id": "", "decision": "", "section_ids": "[]",
                                "note": "", "visibility": "private"},
    }  # fmt: skip
    return found.get(table, {})


def section_map(
    theirs: Sequence[tuple[int, str | None, str]], ours: Sequence[tuple[int, str | None, str]]
) -> dict[int, int | None] | None:
    """How the pack's section ids translate to ours (None: they are the same outline)."""
    if list(theirs) == list(ours):
        return None
    by_label = {(n, t): i for i, n, t in ours}
    by_title: dict[str, int] = {}
    for i, _n, t in ours:
        by_title.setdefault(t, i)
    return {i: by_label.get((n, t), by_title.get(t)) for i, n, t in theirs}


class CombineOps(ShareOps):
    # -- checking ---------------------------------------------------------------------------
    def _require_clerk(self) -> None:
        if self.owner.role is not Role.CLERK:
            raise PackError(
                "Only a clerk's review can import members' reviews. Start a review with the role "
                "“clerk” (for example `panelreview new … --role clerk`) and import the packs into it."
            )

    def _prepared(self, pack: Pack) -> dict[str, list[dict[str, Any]]]:
        """The pack's rows as this review would store them; PackError if the pack does not fit."""
        draft = self.current_draft_id
        carry = self._pack_carrier(pack) if pack.draft["id"] != draft else None
        member_id = str(pack.member["id"])
        if member_id == self.owner_id:
            raise PackError(f"“{pack.file_name}” was made from this review itself. Nothing was imported.")
        foreign = (
            f"“{pack.file_name}” holds items that are not {pack.member_name}’s. It may have been altered. "
            "Nothing was imported. Ask the member to send it again."
        )
        if self._rows("SELECT 1 FROM members WHERE id = ? AND entered_by IS NOT NULL", [member_id]):
            raise PackError(foreign)  # it claims the row holding views the clerk entered for a member
        sections = (
            None
            if carry
            else section_map(pack.sections, [(s.id, s.number, s.title) for s in self.sections(draft)])
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for table in ALL_TABLES:
            columns, defaults = ALL_COLUMNS[table], _defaults(table, draft)
            rows = []
            for raw in pack.rows[table]:
                owner = raw["id"] if table == "members" else raw["author_id"]
                if owner != member_id or raw.get("draft_id") not in (None, draft, pack.draft["id"]):
                    raise PackError(foreign)
                row = complete(raw, columns, defaults)
                if carry is not None:
                    row = carry(table, row)
                if sections is not None and row.get("section_id") is not None:
                    row["section_id"] = sections.get(int(row["section_id"]))
                if sections is not None and row.get("section_ids"):
                    mapped = (sections.get(int(i)) for i in json.loads(str(row["section_ids"])))
                    row["section_ids"] = json.dumps([i for i in mapped if i is not None])
                rows.append(row)
            out[table] = rows
        return out

    def _pack_carrier(self, pack: Pack) -> Callable[[str, dict[str, Any]], dict[str, Any]]:
        """How a pack written on another version of the draft is carried to this review's version
        (see :mod:`panelreview.storage.versions`); here, it cannot be."""
        mine = next((d for d in self.drafts() if d["id"] == self.current_draft_id), {"title": "?"})
        raise WrongDraft(
            f"“{pack.file_name}” is {pack.member_name}’s review of a different draft "
            f"(“{pack.draft['title']}”, {pack.draft['file_name']}) from the one this review is on "
            f"(“{mine['title']}”). Nothing was imported."
        )

    def check_pack(self, path: str | os.PathLike[str]) -> Pack:
        """Read and check one pack against this review without importing it (for a preview)."""
        from pathlib import Path

        pack = read_pack(Path(path))
        self._prepared(pack)
        return pack

    # -- importing --------------------------------------------------------------------------
    def _stored(self, table: str, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        wanted = list(dict.fromkeys(keys))
        pk = "id" if table == "imports" else KEYS[table]  # KeyError: not a table a change may write
        for chunk in _chunks(wanted):
            sql = f"SELECT * FROM {table} WHERE {pk} IN ({','.join('?' * len(chunk))})"
            found.update((r[pk], r) for r in self._rows(sql, chunk))
        return found

    def import_packs(self, paths: Sequence[str | os.PathLike[str]]) -> Change:
        """Import members' review packs in one step ("Import members' reviews…").

        ``change.item_id`` is the import's id (see :meth:`import_record`); an import that changes
        nothing because every pack was imported before returns an empty change and records nothing.
        """
        from pathlib import Path

        self._require_clerk()
        if not paths:
            raise InvalidValue("Choose at least one review pack to import.")
        packs = [read_pack(Path(p)) for p in paths]
        prepared = [self._prepared(p) for p in packs]
        done = {p.pack_id for record in self.imports() for p in record.packs}
        fresh = []
        for i, pack in enumerate(packs):
            if pack.pack_id not in done:
                done.add(pack.pack_id)
                fresh.append(i)
        reports = {
            i: PackReport(
                p.file_name,
                p.pack_id,
                str(p.member["id"]),
                p.member_name,
                p.created,
                already_imported=i not in fresh,
            )
            for i, p in enumerate(packs)
        }
        if not fresh:
            return Change(IMPORT_LABEL, (), None, restore=True)
        rows: list[RowChange] = []
        counts = {i: {"added": 0, "updated": 0, "withdrawn": 0, "": 0} for i in fresh}
        for table in ALL_TABLES:
            columns = ALL_COLUMNS[table]
            best: dict[str, tuple[dict[str, Any], int]] = {}
            for i in fresh:
                for row in prepared[i][table]:
                    held = best.get(row["id"])
                    if held is None or newer_than(row, held[0], columns):
                        best[row["id"]] = (row, i)
            stored = self._stored(table, best)
            for key, (row, i) in best.items():
                current = stored.get(key)
                owner_col = "id" if table == "members" else "author_id"
                if current is not None and current[owner_col] != row[owner_col]:
                    raise PackError(
                        f"“{packs[i].file_name}” holds items that belong to someone else in this review. "
                        "It may have been altered. Nothing was imported."
                    )
                if current is not None and not newer_than(row, current, columns):
                    continue
                rows.append(RowChange(table, key, current, row))
                if table in _ITEMS:
                    counts[i][_effect(current, row, columns)] += 1
        for i in fresh:
            total = sum(len(prepared[i][t]) for t in _ITEMS)
            effects = {k: v for k, v in counts[i].items() if k}  # "": only re-dated with its parent
            unchanged = max(total - sum(effects.values()), 0)
            reports[i] = PackReport(**{**_fields(reports[i]), **effects, "unchanged": unchanged})
        rows.extend(self._pack_supersedes(rows))
        batch_id = str(uuid.uuid4())
        record = {
            "id": batch_id,
            "at": CLOCK.now(),
            "member_id": self.owner_id,
            "label": IMPORT_LABEL,
            "packs": json.dumps([_fields(reports[i]) for i in range(len(packs))], ensure_ascii=False),
        }
        rows.append(RowChange("imports", batch_id, None, record))
        return self._restore(Change(IMPORT_LABEL, tuple(rows), batch_id, restore=True), known=True)

    def _pack_supersedes(self, rows: Sequence[RowChange]) -> list[RowChange]:
        """Rows that retire what the packs' rows make redundant (notes imported from files)."""
        return []

    # -- the record of imports --------------------------------------------------------------
    def imports(self) -> list[ImportRecord]:
        """Every import still in effect, oldest first."""
        return [_record(r) for r in self._rows("SELECT * FROM imports ORDER BY at, id")]

    def import_record(self, import_id: str | None) -> ImportRecord | None:
        rows = self._rows("SELECT * FROM imports WHERE id = ?", [import_id])
        return _record(rows[0]) if rows else None

    def undo_last_import(self) -> Change:
        """Undo the newest import as a whole, as if it never happened ("Undo last import")."""
        last = self._rows("SELECT * FROM imports ORDER BY at DESC, id DESC LIMIT 1")
        if not last:
            raise InvalidValue("There is no import to undo.")
        record = last[0]
        saved = self._rows("SELECT * FROM import_rows WHERE import_id = ? ORDER BY seq", [record["id"]])
        rows = [RowChange(r["table_name"], r["row_key"], None, _loads(r["before"])) for r in saved]
        rows.append(RowChange("imports", record["id"], record, None))
        return self._restore(Change(UNDO_IMPORT_LABEL, tuple(reversed(rows)), record["id"], restore=True))

    # -- writing exact rows -----------------------------------------------------------------
    def apply(self, change: Change) -> Change:
        """Write a change's ``after`` rows (redo it, or undo it via ``change.inverse()``)."""
        if change.restore:
            return self._restore(change)
        return super().apply(change)

    def _restore(self, change: Change, known: bool = False) -> Change:
        """Write each row exactly (``None``: remove it); ``known``: the ``before`` rows are current."""
        data = [r for r in change.rows if r.table != "imports"]
        batches = [r for r in change.rows if r.table == "imports"]
        now = CLOCK.now()
        with write_transaction(self._file, "The import") as conn:
            if not known:
                current: dict[tuple[str, str], dict[str, Any]] = {}
                for table in dict.fromkeys(r.table for r in change.rows):
                    keys = [r.key for r in change.rows if r.table == table]
                    current.update(((table, k), v) for k, v in self._stored(table, keys).items())
                data = [RowChange(r.table, r.key, current.get((r.table, r.key)), r.after) for r in data]
                batches = [RowChange(r.table, r.key, current.get((r.table, r.key)), r.after) for r in batches]
            for table in sorted({r.table for r in data}, key=_WRITE_ORDER.index):  # notes before replies
                mine = [r for r in data if r.table == table]
                self._write_exact(conn, table, mine)
            log = [
                (now, self.owner_id, change.label, r.table, r.key, _detail(r, change.item_id)) for r in data
            ]
            conn.executemany(
                "INSERT INTO change_log (at, member_id, action, item_type, item_id, detail)"
                " VALUES (?,?,?,?,?,?)",
                log,
            )
            for batch in batches:
                conn.execute("DELETE FROM import_rows WHERE import_id = ?", [batch.key])
                conn.execute("DELETE FROM imports WHERE id = ?", [batch.key])
                if batch.after is not None:
                    self._write_batch(conn, batch.after, data)
        self._members.clear()
        return Change(change.label, tuple(data + batches), change.item_id, restore=True)

    def _write_exact(self, conn: Any, table: str, rows: Sequence[RowChange]) -> None:
        pk = KEYS[table]
        gone = [(r.key,) for r in rows if r.after is None]
        conn.executemany(f"DELETE FROM {table} WHERE {pk} = ?", gone)
        by_shape: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
        for r in rows:
            if r.after is not None:
                by_shape.setdefault(tuple(r.after), []).append(r.after)
        for columns, kept in by_shape.items():
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            conn.executemany(sql, [[row[c] for c in columns] for row in kept])
        _reindex_many(conn, table, rows)

    def _write_batch(self, conn: Any, record: Mapping[str, Any], data: Sequence[RowChange]) -> None:
        columns = ("id", "at", "member_id", "label", "packs")
        conn.execute(
            f"INSERT INTO imports ({', '.join(columns)}) VALUES (?,?,?,?,?)", [record[c] for c in columns]
        )
        conn.executemany(
            "INSERT INTO import_rows (import_id, seq, table_name, row_key, before) VALUES (?,?,?,?,?)",
            [
                (record["id"], n, r.table, r.key, None if r.before is None else json.dumps(dict(r.before)))
                for n, r in enumerate(data)
            ],
        )


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _live(row: Mapping[str, Any] | None) -> bool:
    return row is not None and not row.get("deleted")


def _reindex_many(conn: Any, table: str, rows: Sequence[RowChange]) -> None:
    """Keep the search index in step with many written rows at once (the index holds live items)."""
    item_type = ITEM_TYPES.get(table)
    if item_type is None:
        return
    stale = [r.key for r in rows if _live(r.before)]
    for chunk in _chunks(stale):
        marks = ",".join("?" * len(chunk))
        seqs = f"SELECT seq FROM search_items WHERE item_type = ? AND item_id IN ({marks})"
        conn.execute(f"DELETE FROM search_text WHERE rowid IN ({seqs})", [item_type, *chunk])
        conn.execute(
            f"DELETE FROM search_items WHERE item_type = ? AND item_id IN ({marks})", [item_type, *chunk]
        )
    fresh = [r for r in rows if r.after is not None and _live(r.after)]
    where: dict[str, tuple[object, object]] = {}
    if table == "replies":
        parents = list({str(r.after["annotation_id"]) for r in fresh if r.after is not None})
        for chunk in _chunks(parents):
            sql = (
                f"SELECT id, draft_id, section_id FROM annotations WHERE id IN ({','.join('?' * len(chunk))})"
            )
            where.update((i, (d, s)) for i, d, s in conn.execute(sql, list(chunk)))
    for chunk in _chunks(fresh):
        items = []
        for r in chunk:
            assert r.after is not None
            if table == "replies":
                draft_id, section_id = where.get(str(r.after["annotation_id"]), (None, None))
            else:
                draft_id, section_id = r.after["draft_id"], r.after["section_id"]
            items.append((item_type, r.key, draft_id, section_id))
        conn.executemany(
            "INSERT INTO search_items (item_type, item_id, draft_id, section_id) VALUES (?,?,?,?)", items
        )
        keys = [r.key for r in chunk]
        marks = ",".join("?" * len(keys))
        sql = f"SELECT item_id, seq FROM search_items WHERE item_type = ? AND item_id IN ({marks})"
        seq = dict(conn.execute(sql, [item_type, *keys]).fetchall())
        texts = [(seq[r.key], searchable_text(table, r.after)) for r in chunk if r.after is not None]
        conn.executemany("INSERT INTO search_text (rowid, body) VALUES (?, ?)", texts)


def _effect(current: Mapping[str, Any] | None, row: Mapping[str, Any], columns: Sequence[str]) -> str:
    """What a winning version does to an item as the clerk sees it ("" for only a new version time)."""
    was_live = current is not None and not current["deleted"]
    if row["deleted"]:
        return "withdrawn" if was_live else ""
    if current is None or not was_live:
        return "added"
    return "updated" if any(row[c] != current[c] for c in columns if c != "updated") else ""


def _detail(r: RowChange, import_id: str | None) -> str:
    return json.dumps({"fields": [_what(r)], "import": import_id})


def _what(r: RowChange) -> str:
    if r.after is None or r.after.get("deleted"):
        return "deleted"
    return "created" if r.before is None or r.before.get("deleted") else "updated"


def _loads(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))


def _fields(report: PackReport) -> dict[str, Any]:
    return {f: getattr(report, f) for f in PackReport.__dataclass_fields__}


def _record(row: Mapping[str, Any]) -> ImportRecord:
    packs = tuple(PackReport(**p) for p in json.loads(row["packs"]))
    return ImportRecord(row["id"], row["at"], row["label"], packs)
