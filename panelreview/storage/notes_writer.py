"""Writing an import of notes made elsewhere: one transaction, one undo step (see notes_import)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Collection, Sequence
from typing import Any

from panelreview.core.imported_notes import (
    NEW,
    UPDATE,
    ImportedItem,
    NotesFile,
    NotesImportReport,
    PlannedNote,
    author_key,
    infer_kind,
)
from panelreview.core.review import Change, InvalidValue, Role, RowChange, Visibility
from panelreview.storage.annotation_ops import anchor_columns
from panelreview.storage.notes_import import (
    IMPORT_NOTES_LABEL,
    UNDO_NOTES_LABEL,
    NotesImportOps,
    _reply_keys,
)
from panelreview.storage.review_file import CLOCK


class NotesWriteOps(NotesImportOps):
    def import_notes_file(
        self,
        path: str | os.PathLike[str],
        *,
        password: str | None = None,
        accept: Collection[str] | None = None,
        accept_from: Collection[str] | None = None,
        mine: Collection[str] = (),
        unnamed_as: str | None = None,
    ) -> tuple[Change, NotesImportReport]:
        """Read an annotated PDF or commented Word file and import its notes (see import_notes)."""
        from panelreview.ingest.notes import read_notes

        notes = read_notes(path, password)
        return self.import_notes(
            notes, accept=accept, accept_from=accept_from, mine=mine, unnamed_as=unnamed_as
        )

    def import_notes(
        self,
        notes: NotesFile,
        *,
        accept: Collection[str] | None = None,
        accept_from: Collection[str] | None = None,
        mine: Collection[str] = (),
        unnamed_as: str | None = None,
    ) -> tuple[Change, NotesImportReport]:
        """Import the notes of one file in one transaction ("Import Notes from a PDF or Word File…").

        Arguments as for :meth:`plan_notes`. Returns the change (empty when nothing was new or
        changed; ``change.item_id`` is the import's id) and the report of every note's outcome.
        """
        report, placements = self._plan(notes, accept, accept_from, mine, unnamed_as)
        todo = [n for n in report.notes if n.status in (NEW, UPDATE)]
        if not todo:
            return Change(IMPORT_NOTES_LABEL, (), None, restore=True), report
        now = CLOCK.now()
        batch = str(uuid.uuid4())
        writer = _Rows(self, notes.file_name, batch, now)
        for planned in todo:
            if planned.status == NEW:
                writer.add(planned, placements[planned.key].anchor)
            else:
                writer.update(planned)
        final = tuple(_with_id(n, writer.ids.get(n.key)) if n.status == NEW else n for n in report.notes)
        report = NotesImportReport(report.file_name, final, report.left_out, batch, report.version_note)
        summary = {
            "file_name": notes.file_name,
            "imported": len(report.having(NEW)),
            "updated": len(report.having(UPDATE)),
            "summary": report.summary,
        }
        rows = writer.rows
        rows.append(RowChange("note_imports", batch, None, {
            "id": batch, "at": now, "member_id": self.owner_id, "file_name": notes.file_name,
            "summary": json.dumps(summary, ensure_ascii=False), "created": now, "updated": now, "deleted": 0,
        }))  # fmt: skip
        label = f"{IMPORT_NOTES_LABEL} from “{notes.file_name}”"
        record = {"id": batch, "at": now, "member_id": self.owner_id, "label": label, "packs": "[]"}
        rows.append(RowChange("imports", batch, None, record))
        change = self._restore(Change(label, tuple(rows), batch, restore=True), known=True)
        return change, report

    def imported_sources(self) -> dict[str, dict[str, Any]]:
        """For each note or reply imported from a file: the file, the author as the file names them,
        what it was there ("highlight", "sticky note", "comment"...), and when it was imported."""
        rows = self._rows(
            "SELECT id, file_name, author, origin, created FROM imported_notes WHERE deleted = 0"
        )
        return {
            str(r["id"]): {
                "file": r["file_name"],
                "author": r["author"],
                "as": r["origin"],
                "imported": r["created"],
            }
            for r in rows
        }

    def notes_imports(self) -> list[dict[str, Any]]:
        """Every import of notes still in effect, oldest first, with its summary."""
        rows = self._rows("SELECT * FROM note_imports WHERE deleted = 0 ORDER BY at, id")
        return [{**r, "summary": json.loads(r["summary"])} for r in rows]

    def can_undo_notes_import(self) -> bool:
        """Whether the newest import into this review is an import of notes (so it can be taken out)."""
        last = self._rows("SELECT label FROM imports ORDER BY at DESC, id DESC LIMIT 1")
        return bool(last) and str(last[0]["label"]).startswith(IMPORT_NOTES_LABEL)

    def undo_last_notes_import(self) -> Change:
        """Undo the newest import of notes as a whole, also after the review was closed and reopened."""
        last = self._rows("SELECT * FROM imports ORDER BY at DESC, id DESC LIMIT 1")
        if not last or not str(last[0]["label"]).startswith(IMPORT_NOTES_LABEL):
            raise InvalidValue(
                "The last import into this review was not an import of notes, so there is none to undo."
            )
        change = self.undo_last_import()
        return Change(f"{UNDO_NOTES_LABEL}{str(last[0]['label'])[len(IMPORT_NOTES_LABEL):]}", change.rows,
                      change.item_id, restore=True)  # fmt: skip

    def _pack_supersedes(self, rows: Sequence[RowChange]) -> list[RowChange]:
        """Imported copies of points a member's own pack now brings, retired (tombstoned) with it."""
        names = {str(r.key): str(r.after["name"]) for r in rows if r.table == "members" and r.after}
        brought: dict[str, set[str]] = {}
        for r in rows:
            if r.table != "annotations" or r.after is None or r.after.get("deleted"):
                continue
            author = str(r.after["author_id"])
            name = names.get(author) or self.member(author).name
            point = f"{_norm(r.after.get('quote'))}|{_norm(r.after.get('body'))}"
            brought.setdefault(author_key(name), set()).add(point)
        if not brought:
            return []
        found = self._rows(
            "SELECT a.*, m.name AS m_name FROM annotations a JOIN imported_notes i ON i.id = a.id"
            " JOIN members m ON m.id = a.author_id WHERE a.deleted = 0 AND i.deleted = 0"
            " AND m.entered_by IS NOT NULL"
        )
        now = CLOCK.now()
        retired = []
        for row in found:
            name = str(row.pop("m_name"))
            if f"{_norm(row['quote'])}|{_norm(row['body'])}" in brought.get(author_key(name), set()):
                retired.append(
                    RowChange("annotations", row["id"], row, {**row, "deleted": 1, "updated": now})
                )
        return retired


def _norm(text: object) -> str:
    from panelreview.storage.notes_import import _norm as norm

    return norm(str(text) if text is not None else None)


def _with_id(note: PlannedNote, note_id: str | None) -> PlannedNote:
    from dataclasses import replace

    return replace(note, note_id=note_id)


class _Rows:
    """The rows one import writes, with the member rows its authors need."""

    def __init__(self, review: NotesWriteOps, file_name: str, batch: str, now: str) -> None:
        self.review = review
        self.file_name = file_name
        self.batch = batch
        self.now = now
        self.rows: list[RowChange] = []
        self.ids: dict[str, str] = {}
        self.people: dict[str, str] = {}
        self.clerk = review.owner.role is Role.CLERK

    def person(self, name: str, mine: bool) -> str:
        """The member id a name writes as: the owner, a member row the owner made, or a new one."""
        key = author_key(name)
        if mine or key == author_key(self.review.owner.name):
            return self.review.owner_id
        if key in self.people:
            return self.people[key]
        if self.clerk:
            member_id, new_row = self.review._stand_in(name, None)
        else:
            rows = self.review._rows(
                "SELECT id, name FROM members WHERE entered_by = ? AND deleted = 0", [self.review.owner_id]
            )
            same = [r for r in rows if author_key(str(r["name"])) == key]
            member_id, new_row = (str(same[0]["id"]), None) if same else (str(uuid.uuid4()), {
                "name": name, "role": Role.MEMBER.value, "council": None,
                "entered_by": self.review.owner_id, "stands_for": None,
            })  # fmt: skip
        if new_row is not None:
            full = {"id": member_id, **new_row, "created": self.now, "updated": self.now, "deleted": 0}
            self.rows.append(RowChange("members", member_id, None, full))
        self.people[key] = member_id
        return member_id

    def _tracked(
        self, item_id: str, table: str, key: str, author: str, origin: str, text: str, when: str | None
    ) -> None:
        self.rows.append(RowChange("imported_notes", item_id, None, {
            "id": item_id, "item_table": table, "import_id": self.batch, "file_name": self.file_name,
            "source_key": key, "author": author, "origin": origin, "source_text": text,
            "source_modified": when, "created": self.now, "updated": self.now, "deleted": 0,
        }))  # fmt: skip

    def add(self, planned: PlannedNote, anchor: Any) -> None:
        item = planned.item
        note_id = str(uuid.uuid4())
        self.ids[planned.key] = note_id
        author = self.person(planned.author, planned.mine)
        shared = self.clerk and author != self.review.owner_id
        row = {
            "id": note_id,
            "author_id": author,
            "draft_id": self.review.current_draft_id,
            "kind": planned.kind.value,
            "body": item.text,
            "colour": None,
            "tags": "[]",
            "visibility": (Visibility.PANEL if shared else Visibility.PRIVATE).value,
            **anchor_columns(anchor),
            "created": item.created or self.now,
            "updated": self.now,
            "deleted": 0,
        }
        self.rows.append(RowChange("annotations", note_id, None, row))
        self._tracked(note_id, "annotations", planned.key, item.author, item.origin, item.text, item.modified)
        self.replies(planned, note_id, set())

    def replies(self, planned: PlannedNote, note_id: str, written: set[str]) -> None:
        known = {
            str(r["source_key"]): r
            for r in self.review._rows(
                "SELECT * FROM imported_notes WHERE source_key LIKE ? AND deleted = 0", [f"{planned.key}|r|%"]
            )
        }
        for reply_key, reply in _reply_keys(planned.key, planned.item):
            if reply.source_id in written:
                continue
            old = known.get(reply_key)
            if old is not None:
                current = self.review._row("replies", str(old["id"]))
                if old["source_text"] == reply.text or current is None or current["deleted"]:
                    continue
                edited = {**current, "body": reply.text, "updated": self.now}
                self.rows.append(RowChange("replies", current["id"], current, edited))
                seen = {**old, "source_text": reply.text, "updated": self.now}
                self.rows.append(RowChange("imported_notes", old["id"], old, seen))
                continue
            reply_id = str(uuid.uuid4())
            author = self.person(reply.author or planned.author, not reply.author and planned.mine)
            row = {"id": reply_id, "annotation_id": note_id, "author_id": author, "body": reply.text,
                   "created": reply.created or self.now, "updated": self.now, "deleted": 0}  # fmt: skip
            self.rows.append(RowChange("replies", reply_id, None, row))
            self._tracked(reply_id, "replies", reply_key, reply.author, "reply", reply.text, reply.modified)

    def update(self, planned: PlannedNote) -> None:
        note_id = planned.note_id
        assert note_id is not None
        current = self.review._row("annotations", note_id)
        assert current is not None
        written = {
            str(r["id"])
            for r in self.review._rows("SELECT id FROM replies WHERE annotation_id = ?", [note_id])
        }
        tracked = self.review._row("imported_notes", note_id)
        if tracked is not None and tracked["source_text"] != planned.item.text:
            after = {**current, "body": planned.item.text, "updated": self.now}
            before_kind = infer_kind(_as_item(planned.item, str(tracked["source_text"]))).value
            if current["kind"] == before_kind:  # not changed by hand since: follow the new text
                after["kind"] = planned.kind.value
            self.rows.append(RowChange("annotations", note_id, current, after))
            self.rows.append(RowChange("imported_notes", note_id, tracked, {
                **tracked, "source_text": planned.item.text, "source_modified": planned.item.modified,
                "import_id": self.batch, "updated": self.now,
            }))  # fmt: skip
        self.replies(planned, note_id, written)


def _as_item(item: ImportedItem, text: str) -> ImportedItem:
    from dataclasses import replace

    return replace(item, text=text)
