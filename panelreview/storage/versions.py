"""Keeping every version of the draft, and carrying every item to a new one (see core.versions).

``add_draft_version`` stores the new version and carries every note and recommendation to it in
one transaction, written as a *restore* change (exact rows, like an import of packs): an item's
text, author, visibility, replies and times are never touched, only its anchor and the draft it
points to; the anchor it had in each version is kept in ``item_anchors``. The step is recorded in
``imports``/``import_rows`` so :meth:`VersionOps.undo_last_carry_over` works after reopening too.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from panelreview.core.anchor import Anchor
from panelreview.core.errors import UserError
from panelreview.core.model import Document
from panelreview.core.outline_align import SAME_PLAN, Alignment, DraftIndex, align_outlines, plan_similarity
from panelreview.core.reanchor import CarriedAnchor, Carrier, CarryStatus
from panelreview.core.review import Change, InvalidValue, RowChange
from panelreview.core.versions import (
    DraftVersion,
    SectionChange,
)
from panelreview.storage.annotation_ops import anchor_columns, anchor_from_row
from panelreview.storage.notes_writer import NotesWriteOps
from panelreview.storage.review_file import CLOCK, index_draft
from panelreview.storage.schema import ANCHOR_COLUMNS

CARRY_LABEL = "Carry the review over to a new version of the draft"
UNDO_CARRY_LABEL = "Undo carrying the review over"
_ITEM_TABLES = ("annotations", "recommendations")
_DRAFT_COLUMNS = ("id", "file_name", "format", "title", "page_count", "size", "added", "added_by",
                  "data", "label", "dated", "version_no")  # fmt: skip

Progress = Callable[[int, int], bool | None]


class Cancelled(UserError):
    """The user cancelled carrying the review over; nothing was changed."""


def _anchor_id(item_id: str, draft_id: str) -> str:
    return f"{item_id}@{draft_id}"


def _page(page_index: int | None, page_label: str | None) -> str | None:
    if page_label:
        return page_label
    return None if page_index is None else str(page_index + 1)


def placed_columns(row: Mapping[str, Any], old_anchor: Anchor, result: CarriedAnchor) -> dict[str, Any]:
    """An item's anchor columns in the new version; an orphan keeps its old quote and heading path
    (where it was) with no place in the new version."""
    if result.anchor is not None:
        return anchor_columns(result.anchor)
    placed = {**{c: row[c] for c in ANCHOR_COLUMNS}, "section_id": None, "char_start": None,
              "char_end": None, "page_index": None, "page_label": None, "rects": "[]",
              "block_index": None}  # fmt: skip
    if old_anchor.quote is not None:
        placed["quote"] = old_anchor.quote
    return placed


def anchor_rows(
    table: str, row: Mapping[str, Any], versions: tuple[str, str], result: CarriedAnchor, batch: str, now: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``item_anchors`` rows for an item carried between two versions: where it was (the row
    as it stood in the old version) and where it went."""
    source, new_draft = versions
    origin = {
        "id": _anchor_id(row["id"], source), "item_table": table, "item_id": row["id"], "draft_id": source,
        **{c: row[c] for c in ANCHOR_COLUMNS}, "carried_from": None, "status": None, "evidence": None,
        "score": None, "new_text": None, "resolution": None, "carry_id": batch, "created": now,
        "updated": now,
    }  # fmt: skip
    placed = placed_columns(row, anchor_from_row(dict(row)), result)
    carried = {
        "id": _anchor_id(row["id"], new_draft), "item_table": table, "item_id": row["id"],
        "draft_id": new_draft, **placed, "carried_from": source, "status": result.status.value,
        "evidence": result.evidence, "score": result.score, "new_text": result.new_text, "resolution": None,
        "carry_id": batch, "created": now, "updated": now,
    }  # fmt: skip
    return origin, carried


class VersionOps(NotesWriteOps):
    # -- reading versions -------------------------------------------------------------------
    def versions(self) -> list[DraftVersion]:
        """Every version of the draft kept in the review, oldest first."""
        current = self.current_draft_id
        rows = self._rows(
            "SELECT id, file_name, format, title, page_count, added, label, dated, version_no"
            " FROM drafts ORDER BY coalesce(version_no, 1), added"
        )
        return [
            DraftVersion(
                id=r["id"],
                version_no=int(r["version_no"] or n + 1),
                label=r["label"],
                dated=r["dated"],
                file_name=r["file_name"],
                format=r["format"],
                title=r["title"],
                page_count=r["page_count"],
                added=r["added"],
                is_current=r["id"] == current,
            )
            for n, r in enumerate(rows)
        ]

    def version(self, draft_id: str | None = None) -> DraftVersion:
        wanted = draft_id or self.current_draft_id
        for v in self.versions():
            if v.id == wanted:
                return v
        raise InvalidValue("That version of the draft is not in this review.")

    def previous_version_id(self, draft_id: str | None = None) -> str | None:
        """The version before ``draft_id`` (the current one by default), or None for the first."""
        ids = [v.id for v in self.versions()]
        wanted = draft_id or self.current_draft_id
        k = ids.index(wanted) if wanted in ids else len(ids)
        return ids[k - 1] if k > 0 else None

    def _index(self, draft_id: str) -> DraftIndex:
        cache: dict[str, DraftIndex] = self.__dict__.setdefault("_draft_indexes", {})
        if draft_id not in cache:
            cache[draft_id] = DraftIndex(self.document(draft_id))
        return cache[draft_id]

    def _alignment(self, old: str, new: str) -> Alignment:
        cache: dict[tuple[str, str], Alignment] = self.__dict__.setdefault("_alignments", {})
        if (old, new) not in cache:
            cache[(old, new)] = align_outlines(self._index(old), self._index(new))
        return cache[(old, new)]

    def _pair(self, old_draft_id: str | None, new_draft_id: str | None) -> tuple[str, str]:
        new = new_draft_id or self.current_draft_id
        old = old_draft_id or self.previous_version_id(new)
        if old is None:
            raise InvalidValue(
                "This review has only one version of the draft, so there is nothing to compare."
            )
        return old, new

    def section_changes(
        self, old_draft_id: str | None = None, new_draft_id: str | None = None
    ) -> dict[int, SectionChange]:
        """Sections of the new version that differ from their counterpart (added, renamed, edited)."""
        old, new = self._pair(old_draft_id, new_draft_id)
        alignment = self._alignment(old, new)
        back = alignment.new_to_old
        return {
            sid: SectionChange(sid, how, back.get(sid)) for sid, how in alignment.changed_sections().items()
        }

    def section_counterparts(
        self, old_draft_id: str | None = None, new_draft_id: str | None = None
    ) -> dict[int, int | None]:
        """Each new section's counterpart in the old version (None: added)."""
        old, new = self._pair(old_draft_id, new_draft_id)
        back = self._alignment(old, new).new_to_old
        return {s.id: back.get(s.id) for s in self.sections(new)}

    def removed_sections(self, old_draft_id: str | None = None, new_draft_id: str | None = None) -> list[int]:
        old, new = self._pair(old_draft_id, new_draft_id)
        return self._alignment(old, new).removed()

    # -- adding a version -------------------------------------------------------------------
    def plan_match(self, document: Document) -> float:
        """How much of ``document``'s outline matches the current version's (0-1): about 0.9 for
        a revised draft, 1.0 for the same draft in another format, low for another plan."""
        new = DraftIndex(document)
        self.__dict__.setdefault("_draft_indexes", {})[document.identity.sha256] = new
        return plan_similarity(align_outlines(self._index(self.current_draft_id), new))

    def add_draft_version(
        self,
        data: bytes,
        document: Document,
        label: str | None = None,
        dated: str | None = None,
        progress: Progress | None = None,
        *,
        different_plan: bool = False,
    ) -> Change:
        """Keep a new version of the draft, make it current, and carry every item over to it.

        One transaction and one undo step; ``change.item_id`` is the new version's id. Adding the
        current version again changes nothing (an empty change). ``label``/``dated`` default to
        what the draft itself says (:func:`panelreview.core.draft_label.guess_draft_label`). A draft
        whose outline hardly matches the current one (:meth:`plan_match` below ``SAME_PLAN``) is
        refused as another plan unless ``different_plan`` is True.
        """
        from panelreview.core.draft_label import guess_draft_label

        draft_id = document.identity.sha256
        if draft_id == self.current_draft_id:
            return Change(CARRY_LABEL, (), draft_id, restore=True)
        if any(v.id == draft_id for v in self.versions()):
            known = self.version(draft_id)
            raise InvalidValue(
                f"“{document.file_name}” is already in this review as {known.name}. Open that version "
                "from the list of versions instead."
            )
        if not any(b.text.strip() for b in document.blocks):
            raise InvalidValue(
                f"“{document.file_name}” has no text PanelReview can read (it may be scanned pages), so "
                "nothing could be carried over to it. Nothing was changed. Ask for a version with text."
            )
        match = self.plan_match(document)
        if match < SAME_PLAN and not different_plan:
            raise InvalidValue(
                f"“{document.file_name}” does not look like a version of the plan this review is on: only "
                f"{match:.0%} of its sections match. Nothing was changed. If it really is the new "
                "version, carry the review over anyway (`--anyway` on the command line); the notes that find "
                "no place will be listed."
            )
        if label is None or dated is None:
            guess = guess_draft_label(document)
            if guess is not None:
                label = label if label is not None else guess.label
                dated = dated if dated is not None else guess.dated
        now = CLOCK.now()
        numbers = [v.version_no for v in self.versions()]
        draft_row = {
            "id": draft_id,
            "file_name": document.file_name,
            "format": document.identity.format.value,
            "title": document.identity.title,
            "page_count": document.identity.page_count,
            "size": len(data),
            "added": now,
            "added_by": self.owner_id,
            "data": data,
            "label": label,
            "dated": dated,
            "version_no": max(numbers, default=0) + 1,
        }
        self._documents[draft_id] = document
        self.__dict__.setdefault("_draft_indexes", {})[draft_id] = DraftIndex(document)
        batch = str(uuid.uuid4())
        rows: list[RowChange] = [RowChange("drafts", draft_id, None, draft_row)]
        current = self._row("settings", "current_draft")
        rows.append(RowChange("settings", "current_draft", current, {
            "key": "current_draft", "value": json.dumps(draft_id), "updated": now}))  # fmt: skip
        rows.extend(self._carried_rows(draft_id, batch, now, progress))
        record = {"id": batch, "at": now, "member_id": self.owner_id, "label": CARRY_LABEL, "packs": "[]"}
        rows.append(RowChange("imports", batch, None, record))
        return self._restore(Change(CARRY_LABEL, tuple(rows), draft_id, restore=True), known=True)

    def _carried_rows(
        self, new_draft: str, batch: str, now: str, progress: Progress | None
    ) -> list[RowChange]:
        """The rows that carry every item (and link) to ``new_draft``; nothing is written here."""
        items = {t: self._rows(f"SELECT * FROM {t} WHERE draft_id != ?", [new_draft]) for t in _ITEM_TABLES}
        stored = {d["id"] for d in self._rows("SELECT id FROM drafts")}
        anchors = {
            r["id"]: r
            for r in self._rows("SELECT * FROM item_anchors WHERE item_id IN (SELECT id FROM annotations"
                                " UNION SELECT id FROM recommendations)")
        }  # fmt: skip
        total = sum(len(v) for v in items.values())
        done = 0
        out: list[RowChange] = []
        carriers: dict[str, Carrier] = {}
        for table, rows in items.items():
            for row in rows:
                done += 1
                if progress is not None and done % 50 == 1 and progress(done, total) is False:
                    raise Cancelled("Carrying the review over was cancelled. Nothing was changed.")
                source, old_anchor = self._carry_source(table, row, anchors, stored)
                if source is None:
                    continue
                if source not in carriers:
                    carriers[source] = Carrier(
                        self._index(source), self._index(new_draft), self._alignment(source, new_draft)
                    )
                result = carriers[source].carry(old_anchor)
                out.extend(
                    self._item_rows(table, row, (source, new_draft), old_anchor, result, anchors, batch, now)
                )
        out.extend(self._carried_links(new_draft, stored))
        if progress is not None:
            progress(total, total)
        return out

    def _carry_source(
        self, table: str, row: Mapping[str, Any], anchors: Mapping[str, Mapping[str, Any]], stored: set[str]
    ) -> tuple[str | None, Anchor]:
        """Which version an item is carried from, and its anchor there: an orphan is carried from
        the last version where it had a place."""
        draft = str(row["draft_id"])
        here = anchors.get(_anchor_id(row["id"], draft))
        if here is not None and here["status"] == CarryStatus.ORPHANED and here["resolution"] is None:
            source = here["carried_from"]
            while source is not None:
                there = anchors.get(_anchor_id(row["id"], source))
                if there is None or there["status"] != CarryStatus.ORPHANED:
                    break
                source = there["carried_from"]
            if source is not None and source in stored:
                there = anchors.get(_anchor_id(row["id"], source))
                return source, anchor_from_row(dict(there) if there is not None else dict(row))
        return (draft if draft in stored else None), anchor_from_row(dict(row))

    def _item_rows(
        self,
        table: str,
        row: Mapping[str, Any],
        versions: tuple[str, str],
        old_anchor: Anchor,
        result: CarriedAnchor,
        anchors: Mapping[str, Mapping[str, Any]],
        batch: str,
        now: str,
    ) -> list[RowChange]:
        source, new_draft = versions
        out: list[RowChange] = []
        origin_key = _anchor_id(row["id"], source)
        if origin_key not in anchors:
            origin = {
                "id": origin_key, "item_table": table, "item_id": row["id"], "draft_id": source,
                **{c: row[c] for c in ANCHOR_COLUMNS}, "carried_from": None, "status": None,
                "evidence": None, "score": None, "new_text": None, "resolution": None,
                "carry_id": batch, "created": now, "updated": now,
            }  # fmt: skip
            out.append(RowChange("item_anchors", origin_key, None, origin))
        placed = placed_columns(row, old_anchor, result)
        key = _anchor_id(row["id"], new_draft)
        mine = {
            "id": key, "item_table": table, "item_id": row["id"], "draft_id": new_draft, **placed,
            "carried_from": source, "status": result.status.value, "evidence": result.evidence,
            "score": result.score, "new_text": result.new_text, "resolution": None, "carry_id": batch,
            "created": now, "updated": now,
        }  # fmt: skip
        out.append(RowChange("item_anchors", key, anchors.get(key), mine))
        moved = {**row, **placed, "draft_id": new_draft}
        out.append(RowChange(table, row["id"], dict(row), moved))
        return out

    def _carried_links(self, new_draft: str, stored: set[str]) -> list[RowChange]:
        out = []
        for row in self._rows(
            "SELECT * FROM recommendation_links WHERE draft_id IS NOT NULL AND draft_id != ?", [new_draft]
        ):
            source = row["draft_id"]
            if source not in stored:
                continue
            section = self._alignment(source, new_draft).new_for(row["section_id"])
            if row["section_id"] is not None and section is None:
                continue  # its section was removed: the link stays with the version that had it
            out.append(RowChange("recommendation_links", row["id"], row,
                                 {**row, "draft_id": new_draft, "section_id": section}))  # fmt: skip
        return out

    # -- writing drafts, undoing ------------------------------------------------------------
    def _write_exact(self, conn: Any, table: str, rows: Sequence[RowChange]) -> None:
        if table != "drafts":
            super()._write_exact(conn, table, rows)
            return
        for r in rows:
            if r.after is None:
                self._remove_draft(conn, r.key)
            else:
                self._remove_draft(conn, r.key)
                self._put_draft(conn, r.after)

    def _put_draft(self, conn: Any, row: Mapping[str, Any]) -> None:
        from panelreview.ingest import read_document_bytes

        columns = [c for c in _DRAFT_COLUMNS if c in row]
        conn.execute(
            f"INSERT INTO drafts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row[c] for c in columns],
        )
        draft_id = str(row["id"])
        document = self._documents.get(draft_id)
        if document is None:
            document = read_document_bytes(bytes(row["data"]), str(row["file_name"]))
            self._documents[draft_id] = document
        conn.executemany(
            "INSERT INTO draft_sections (draft_id, section_id, number, title, level, parent, first_block,"
            " last_block, page_start, page_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(draft_id, s.id, s.number, s.title, s.level, s.parent, s.first_block, s.last_block,
              s.page_start, s.page_end) for s in document.sections],
        )  # fmt: skip
        index_draft(conn, draft_id, document)

    def _remove_draft(self, conn: Any, draft_id: str) -> None:
        blocks = "SELECT seq FROM search_items WHERE item_type = 'block' AND draft_id = ?"
        conn.execute(f"DELETE FROM search_text WHERE rowid IN ({blocks})", [draft_id])
        conn.execute("DELETE FROM search_items WHERE item_type = 'block' AND draft_id = ?", [draft_id])
        conn.execute("DELETE FROM draft_sections WHERE draft_id = ?", [draft_id])
        conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        self._sections.pop(draft_id, None)

    def _restore(self, change: Change, known: bool = False) -> Change:
        done = super()._restore(change, known)
        self._sections.clear()
        return done

    def undo_last_import(self) -> Change:
        last = self._rows("SELECT label FROM imports ORDER BY at DESC, id DESC LIMIT 1")
        if last and last[0]["label"] == CARRY_LABEL:
            raise InvalidValue(
                "The last step in this review carried it over to a new version of the draft, not an "
                "import. Undo that first (Review › Undo Carrying Over, or `panelreview carry-over "
                "REVIEW --undo`)."
            )
        return super().undo_last_import()

    def undo_last_carry_over(self) -> Change:
        """Undo the newest step if it carried the review to a new version (also after reopening):
        the version is removed and every item is back where it was."""
        last = self._rows("SELECT * FROM imports ORDER BY at DESC, id DESC LIMIT 1")
        if not last or last[0]["label"] != CARRY_LABEL:
            raise InvalidValue(
                "The last step in this review was not carrying it over to a new version, so there is "
                "none to undo."
            )
        change = super().undo_last_import()
        return Change(UNDO_CARRY_LABEL, change.rows, change.item_id, restore=True)
