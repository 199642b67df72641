"""After carrying over: what happened to each item, re-attaching or dismissing an orphan, and
"was it addressed?" judgements on recommendations (see :mod:`panelreview.core.versions`)."""

from __future__ import annotations

import json
from typing import Any

from panelreview.core.anchor import Anchor
from panelreview.core.reanchor import CarryStatus
from panelreview.core.review import Change, InvalidValue, RowChange, SectionRef
from panelreview.core.versions import (
    ATTENTION_ORDER,
    AddressedStatus,
    AddressedView,
    CarryRecord,
    CarrySummary,
    CitedSection,
    Judgement,
    VersionNote,
    parse_addressed,
)
from panelreview.storage.annotation_ops import anchor_columns, anchor_from_row
from panelreview.storage.review_file import CLOCK
from panelreview.storage.versions import VersionOps, _anchor_id, _page

_RANK = {s.value: n for n, s in enumerate(ATTENTION_ORDER)}


class CarriedOps(VersionOps):
    # -- what carrying did ------------------------------------------------------------------
    def _section_ref(self, draft_id: str | None, section_id: int | None) -> SectionRef:
        if draft_id is None or section_id is None:
            return SectionRef(None, None, None)
        sections = self.sections(draft_id)
        cache: dict[str, tuple[object, dict[int, SectionRef]]] = self.__dict__.setdefault("_refs", {})
        held = cache.get(draft_id)
        if held is None or held[0] is not sections:
            held = (sections, {s.id: SectionRef(s.id, s.number, s.title) for s in sections})
            cache[draft_id] = held
        return held[1].get(section_id, SectionRef(section_id, None, None))

    def _old_section_ref(self, r: dict[str, Any]) -> SectionRef:
        """Where an item was; for a member's pack on a version this review does not hold, the last
        label of its heading path."""
        ref = self._section_ref(r["carried_from"], r["o_section"])
        if ref.title is None and r["o_section"] is not None and r["o_path"]:
            path = json.loads(r["o_path"])
            if path:
                return SectionRef(r["o_section"], None, str(path[-1]))
        return ref

    def carry_records(self, draft_id: str | None = None) -> list[CarryRecord]:
        """What carrying did to every live item on a version (the current one by default): the
        items needing attention first (orphaned, edited), then moved and unchanged, in reading order."""
        draft = draft_id or self.current_draft_id
        rows = self._rows(
            "SELECT c.*, o.section_id AS o_section, o.quote AS o_quote, o.page_index AS o_page,"
            " o.heading_path AS o_path,"
            " o.page_label AS o_label, coalesce(a.kind, 'recommendation') AS kind,"
            " coalesce(a.body, r.wording) AS text FROM item_anchors c"
            " LEFT JOIN item_anchors o ON o.item_id = c.item_id AND o.draft_id = c.carried_from"
            " LEFT JOIN annotations a ON c.item_table = 'annotations' AND a.id = c.item_id"
            " LEFT JOIN recommendations r ON c.item_table = 'recommendations' AND r.id = c.item_id"
            " WHERE c.draft_id = ? AND c.status IS NOT NULL"
            " AND coalesce(a.deleted, r.deleted) = 0 AND coalesce(a.draft_id, r.draft_id) = c.draft_id",
            [draft],
        )
        records = [self._record(r) for r in rows]
        order = {r["item_id"]: (r["block_index"] is None, r["block_index"] or 0, r["char_start"] or 0)
                 for r in rows}  # fmt: skip
        return sorted(
            records, key=lambda c: (_RANK[c.status.value], c.resolution is not None, order[c.item_id])
        )

    def _record(self, r: dict[str, Any]) -> CarryRecord:
        status = CarryStatus(r["status"])
        placed = status is not CarryStatus.ORPHANED or r["resolution"] == VersionNote.REATTACHED
        return CarryRecord(
            item_table=r["item_table"],
            item_id=r["item_id"],
            kind=r["kind"],
            text=r["text"] or "",
            draft_id=r["draft_id"],
            from_draft_id=r["carried_from"],
            status=status,
            evidence=r["evidence"] or "",
            score=float(r["score"] or 0.0),
            old_section=self._old_section_ref(r),
            new_section=self._section_ref(r["draft_id"], r["section_id"]) if placed else None,
            old_quote=r["o_quote"],
            new_quote=r["quote"] if placed else None,
            old_page=_page(r["o_page"], r["o_label"]),
            new_page=_page(r["page_index"], r["page_label"]) if placed else None,
            resolution=r["resolution"],
        )

    def carry_record(self, item_id: str, draft_id: str | None = None) -> CarryRecord | None:
        draft = draft_id or self.current_draft_id
        return next((c for c in self.carry_records(draft) if c.item_id == item_id), None)

    def carry_summary(self, draft_id: str | None = None) -> CarrySummary:
        records = self.carry_records(draft_id)
        counts = {s.value: 0 for s in ATTENTION_ORDER}
        for c in records:
            counts[c.status.value] += 1
        sources = tuple(dict.fromkeys(c.from_draft_id for c in records))
        attention = sum(1 for c in records if c.needs_attention)
        return CarrySummary(draft_id or self.current_draft_id, sources, counts, attention)

    def item_anchor(self, item_id: str, draft_id: str) -> Anchor | None:
        """The item's anchor in a given version (its old wording there), if it was ever on it."""
        row = self._row("item_anchors", _anchor_id(item_id, draft_id))
        return anchor_from_row(row) if row is not None else None

    def anchors_on(self, draft_id: str) -> dict[str, Anchor]:
        """Every live item's anchor in an older version (item id -> anchor), to show that version
        with its notes where they were; items orphaned there are left out."""
        rows = self._rows(
            "SELECT c.* FROM item_anchors c"
            " LEFT JOIN annotations a ON c.item_table = 'annotations' AND a.id = c.item_id"
            " LEFT JOIN recommendations r ON c.item_table = 'recommendations' AND r.id = c.item_id"
            " WHERE c.draft_id = ? AND coalesce(a.deleted, r.deleted) = 0"
            " AND (c.status IS NULL OR c.status != 'orphaned' OR c.resolution = 'reattached')",
            [draft_id],
        )
        return {r["item_id"]: anchor_from_row(r) for r in rows}

    # -- dealing with orphans -----------------------------------------------------------------
    def _carried_item(self, item_id: str) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        for table in ("annotations", "recommendations"):
            row = self._row(table, item_id)
            if row is not None and not row["deleted"]:
                return table, row, self._row("item_anchors", _anchor_id(item_id, row["draft_id"]))
        raise InvalidValue("That item no longer exists in this review (it may have been deleted).")

    def reattach(self, item_id: str, anchor: Anchor) -> Change:
        """Put an item (an orphan, or one placed wrongly) at ``anchor`` in the current version."""
        table, row, carried = self._carried_item(item_id)
        now = CLOCK.now()
        new = {**row, **anchor_columns(anchor), "draft_id": self.current_draft_id, "updated": now}
        rows = [RowChange(table, item_id, row, new)]
        if carried is not None:
            mark = {**carried, **anchor_columns(anchor), "resolution": VersionNote.REATTACHED.value,
                    "updated": now}  # fmt: skip
            rows.append(RowChange("item_anchors", carried["id"], carried, mark))
        return self._restore(Change("Re-attach item", tuple(rows), item_id, restore=True), known=True)

    def dismiss_orphan(self, item_id: str) -> Change:
        """Mark an orphaned item as looked at: it stays in the review, unplaced, off the to-do list."""
        _, _, carried = self._carried_item(item_id)
        if carried is None or carried["status"] != CarryStatus.ORPHANED.value:
            raise InvalidValue("Only an item that lost its place in the new version can be dismissed.")
        mark = {**carried, "resolution": VersionNote.DISMISSED.value, "updated": CLOCK.now()}
        change = Change("Dismiss item", (RowChange("item_anchors", carried["id"], carried, mark),), item_id)
        return self._restore(Change(change.label, change.rows, item_id, restore=True), known=True)

    # -- was it addressed? ----------------------------------------------------------------------
    def _origin(self, item_id: str) -> str | None:
        rows = self._rows("SELECT draft_id FROM item_anchors WHERE item_id = ? AND status IS NULL", [item_id])
        return rows[0]["draft_id"] if rows else None

    def addressed_view(self, recommendation_id: str, draft_id: str | None = None) -> AddressedView:
        """How the sections a recommendation cites changed between the version it was written on and
        ``draft_id`` (the current version by default), and any judgement recorded."""
        _, rec, _ = self._carried_item(recommendation_id)
        new = draft_id or self.current_draft_id
        old = self._origin(recommendation_id) or rec["draft_id"]
        if old == new:
            old = self.previous_version_id(new) or new
        cited: list[CitedSection] = []
        wanted: list[int] = []
        anchor = self.item_anchor(recommendation_id, old)
        if anchor is not None and anchor.section_id is not None:
            wanted.append(anchor.section_id)
        links = self._rows(
            "SELECT annotation_id, draft_id, section_id FROM recommendation_links"
            " WHERE recommendation_id = ? AND deleted = 0",
            [recommendation_id],
        )
        back = self._alignment(old, new).new_to_old if old != new else {}
        for link in links:
            if link["annotation_id"] is not None:
                linked = self.item_anchor(link["annotation_id"], old)
                if linked is not None and linked.section_id is not None:
                    wanted.append(linked.section_id)
            elif link["section_id"] is not None and link["draft_id"] in (old, new):
                sid = int(link["section_id"])
                found = sid if link["draft_id"] == old else back.get(sid)
                if found is not None:
                    wanted.append(found)
        if old != new:
            alignment = self._alignment(old, new)
            changes = alignment.changed_sections()
            by_old = {s.id: s for s in self.sections(old)}
            by_new = {s.id: s for s in self.sections(new)}
            for sid in dict.fromkeys(wanted):
                target = alignment.new_for(sid)
                how = "removed" if target is None else changes.get(target, "unchanged")
                o, n = by_old.get(sid), by_new.get(target) if target is not None else None
                if how == "unchanged" and o is not None and n is not None and o.number != n.number:
                    how = "renumbered"
                new_ref = self._section_ref(new, target) if target is not None else None
                cited.append(CitedSection(
                    self._section_ref(old, sid), new_ref, how,
                    str(o.page_start) if o and o.page_start else None,
                    str(n.page_start) if n and n.page_start else None))  # fmt: skip
        return AddressedView(
            recommendation_id, old, new, tuple(cited), self.judgements(new).get(recommendation_id)
        )

    def record_addressed(
        self,
        recommendation_id: str,
        status: str | AddressedStatus,
        comment: str = "",
        draft_id: str | None = None,
    ) -> Change:
        """Record whether a version of the draft took a recommendation up (one per version)."""
        table, _, _ = self._carried_item(recommendation_id)
        if table != "recommendations":
            raise InvalidValue("Only a recommendation can be judged addressed or not.")
        draft = draft_id or self.current_draft_id
        row = {
            "recommendation_id": recommendation_id,
            "draft_id": draft,
            "status": parse_addressed(status).value,
            "comment": comment.strip(),
            "author_id": self.owner_id,
        }
        key = _anchor_id(recommendation_id, draft)
        return self._commit("Record whether it was addressed", recommendation_id, [("addressed", key, row)])

    def judgements(self, draft_id: str | None = None) -> dict[str, Judgement]:
        draft = draft_id or self.current_draft_id
        rows = self._rows("SELECT * FROM addressed WHERE draft_id = ? AND deleted = 0", [draft])
        return {
            r["recommendation_id"]: Judgement(r["recommendation_id"], r["draft_id"],
                                              AddressedStatus(r["status"]), r["comment"], r["author_id"],
                                              r["updated"])
            for r in rows
        }  # fmt: skip
