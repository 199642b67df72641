"""A member's pack written on another version of the plan, carried to the clerk's version on import.

Members do not all review the same version: one sends notes on the consultation draft, another on
the final draft. On import, a pack on another version of the *same plan* has every note and
recommendation carried to the version the clerk's review is on, exactly as the clerk's own
carry-over would (:mod:`panelreview.core.reanchor`), with the same statuses (kept in
``item_anchors``, so the Changes view lists the orphans). The pack's version is taken from the
clerk's review if it holds it, else from the draft the pack carries. Carrying is a function of the
pack's rows and the clerk's version only, so importing stays idempotent and order-independent.
A member's checklist views are judgements of the version they read, so they stay with it.

"The same plan" is judged by content: the two outlines must largely match (section texts and
titles), whatever the files are called. A pack on a different plan altogether is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from panelreview.core.outline_align import SAME_PLAN, DraftIndex, align_outlines, plan_similarity
from panelreview.core.reanchor import CarriedAnchor, Carrier
from panelreview.core.review import RowChange
from panelreview.storage.annotation_ops import anchor_from_row
from panelreview.storage.carried import CarriedOps
from panelreview.storage.errors import PackError, WrongDraft
from panelreview.storage.pack_file import Pack
from panelreview.storage.review_file import CLOCK
from panelreview.storage.versions import anchor_rows, placed_columns

_ITEMS = ("annotations", "recommendations")
Pending = dict[tuple[str, str], tuple[str, str, dict[str, Any], CarriedAnchor]]


def _key(row: dict[str, Any]) -> tuple[str, str]:
    return str(row["id"]), json.dumps([row.get("updated"), row.get("section_id"), row.get("char_start")])


class PackCarryOps(CarriedOps):
    def _pack_index(self, pack: Pack) -> DraftIndex:
        source = str(pack.draft["id"])
        if any(v.id == source for v in self.versions()):
            return self._index(source)
        if pack.draft_data is None:
            raise PackError(
                f"“{pack.file_name}” is {pack.member_name}’s review of another version of the draft "
                f"(“{pack.draft['title']}”, {pack.draft['file_name']}), sent without that version, so its "
                "notes cannot be placed in the version this review is on. Nothing was imported. Ask "
                f"{pack.member_name} to send it again with the draft included."
            )
        from panelreview.ingest import read_document_bytes

        return DraftIndex(read_document_bytes(pack.draft_data, str(pack.draft["file_name"])))

    def _pack_carrier(self, pack: Pack) -> Callable[[str, dict[str, Any]], dict[str, Any]]:
        target, source = self.current_draft_id, str(pack.draft["id"])
        old, new = self._pack_index(pack), self._index(target)
        alignment = align_outlines(old, new)
        if plan_similarity(alignment) < SAME_PLAN:
            mine = self.version(target)
            raise WrongDraft(
                f"“{pack.file_name}” is {pack.member_name}’s review of a different plan altogether "
                f"(“{pack.draft['title']}”, {pack.draft['file_name']}), not of a version of the plan this "
                f"review is on (“{mine.title}”). Nothing was imported."
            )
        carrier = Carrier(old, new, alignment)
        pending: Pending = self.__dict__.setdefault("_pack_carried", {})

        def carry(table: str, row: dict[str, Any]) -> dict[str, Any]:
            if table in _ITEMS:
                if row["deleted"] and row.get("quote") is None and row.get("section_id") is None:
                    return {**row, "draft_id": target}  # a withdrawn item's stub: no place to carry
                result = carrier.carry(anchor_from_row(row))
                carried = {**row, **placed_columns(row, anchor_from_row(row), result), "draft_id": target}
                if not row["deleted"]:
                    pending[_key(carried)] = (table, source, dict(row), result)
                return carried
            if table != "recommendation_links" or row.get("draft_id") != source:
                return row  # e.g. a checklist view: a judgement of that version, kept with it
            section = row.get("section_id")
            mapped = None if section is None else alignment.new_for(int(section))
            if section is not None and mapped is None:
                return row  # its section is not in this version: the link stays with the pack's
            return {**row, "draft_id": target, "section_id": mapped}

        return carry

    def _pack_supersedes(self, rows: Sequence[RowChange]) -> list[RowChange]:
        """Besides what the parent retires: where each carried item was and went (``item_anchors``)."""
        extra = super()._pack_supersedes(rows)
        pending: Pending = self.__dict__.pop("_pack_carried", {})
        now = CLOCK.now()
        target = self.current_draft_id
        for r in rows:
            if r.table not in _ITEMS or r.after is None:
                continue
            found = pending.get(_key(dict(r.after)))
            if found is None:
                continue
            table, source, raw, result = found
            for anchor_row in anchor_rows(table, raw, (source, target), result, "import", now):
                current = self._row("item_anchors", anchor_row["id"])
                extra.append(RowChange("item_anchors", anchor_row["id"], current, anchor_row))
        return extra
