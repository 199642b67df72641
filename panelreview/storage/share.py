""" "Send to clerk": a member's shared items written as one review pack (never a private note).

What travels, from the review's owner, on the current draft:

* notes and recommendations shared with the panel or proposed for the report (not private ones);
* the owner's replies on notes that are themselves shared;
* the owner's links between shared items (a link to a private note stays behind);
* the owner's member row (name, role, council) and the draft's identity, and its bytes unless the
  clerk already has it;
* a *stub* for each item sent in an earlier pack and since made private or deleted: its id, times
  and parent, never its text, so it is withdrawn from the clerk's copy too.

A reply's or link's version time is the newest of its own and its parents' (a reply withdrawn with
its note comes back with it when the note is shared again). The review records which items went
out (table ``sent_items``) in the same transaction as the pack is written.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from panelreview.core.clerk import PackSummary, counted
from panelreview.core.review import Settings, Visibility
from panelreview.storage.connection import write_transaction
from panelreview.storage.errors import PackError, ReadOnlyReview
from panelreview.storage.pack_file import ALL_COLUMNS, PACK_COLUMNS, PACK_SUFFIX, PANEL_SETTINGS, write_pack
from panelreview.storage.queries import Queries
from panelreview.storage.review_file import CLOCK
from panelreview.storage.schema import FILE_SUFFIX

_PARENT = {"replies": "annotation_id", "recommendation_links": "recommendation_id"}


def pack_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with the pack extension added when it has none."""
    p = Path(path)
    return p if p.suffix else p.with_suffix(PACK_SUFFIX)


def _live(row: Mapping[str, Any] | None) -> bool:
    return row is not None and not row["deleted"] and row["visibility"] != Visibility.PRIVATE.value


def _stub(table: str, row: Mapping[str, Any], updated: str) -> dict[str, Any]:
    stub = {k: row[k] for k in ("id", "author_id", "created")}
    stub.update(updated=updated, deleted=1)
    if table in _PARENT:
        stub[_PARENT[table]] = row[_PARENT[table]]
    return stub


def _newest(*times: object) -> str:
    return max(str(t) for t in times if t)


class ShareOps(Queries):
    def _by_id(self, sql: str, params: Iterable[object]) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self._rows(sql, list(params))}

    def pack_rows(self) -> tuple[dict[str, list[dict[str, Any]]], set[tuple[str, str]], int]:
        """What a pack made now would carry: rows by table, the items shared, the number of stubs."""
        owner, draft = self.owner_id, self.current_draft_id
        notes = self._by_id("SELECT * FROM annotations WHERE draft_id = ?", [draft])
        recs = self._by_id("SELECT * FROM recommendations WHERE draft_id = ?", [draft])
        sent = {(r["table_name"], r["item_id"]) for r in self._rows("SELECT * FROM sent_items")}
        out: dict[str, list[dict[str, Any]]] = {t: [] for t in ALL_COLUMNS}
        shared: set[tuple[str, str]] = set()
        stubs = 0

        def offer(table: str, row: dict[str, Any], ok: bool, updated: str) -> None:
            nonlocal stubs
            if ok:
                out[table].append({c: row[c] for c in ALL_COLUMNS[table]} | {"updated": updated})
                shared.add((table, row["id"]))
            elif (table, row["id"]) in sent:
                out[table].append(_stub(table, row, updated))
                stubs += table != "recommendation_links"

        for table, rows in (("annotations", notes), ("recommendations", recs)):
            for row in rows.values():
                if row["author_id"] == owner:
                    offer(table, row, _live(row), row["updated"])
        for row in self._rows("SELECT * FROM replies WHERE author_id = ?", [owner]):
            parent = notes.get(row["annotation_id"])
            if parent is not None:
                ok = not row["deleted"] and _live(parent)
                offer("replies", row, ok, _newest(row["updated"], parent["updated"]))
        for row in self._rows("SELECT * FROM recommendation_links WHERE author_id = ?", [owner]):
            rec = recs.get(row["recommendation_id"])
            if rec is None:
                continue
            ends: list[dict[str, Any] | None] = [rec]
            if row["annotation_id"]:
                ends.append(notes.get(row["annotation_id"]))
            if row["source_recommendation_id"]:
                ends.append(recs.get(row["source_recommendation_id"]))
            ok = not row["deleted"] and all(_live(e) for e in ends)
            times = [row["updated"], *(e["updated"] for e in ends if e is not None)]
            offer("recommendation_links", row, ok, _newest(*times))
        for row in self._rows(
            "SELECT * FROM checklist_decisions WHERE author_id = ? AND draft_id = ?", [owner, draft]
        ):  # the member's views of the statutory checklist: never a private one
            offer("checklist_decisions", row, _live(row), row["updated"])
        member = self._row("members", owner)
        assert member is not None
        out["members"].append({c: member[c] for c in PACK_COLUMNS["members"]})
        return out, shared, stubs

    def share(self, target: str | os.PathLike[str], *, include_draft: bool = True) -> PackSummary:
        """Write a review pack for the clerk ("Send to clerk"): shared items only, never private ones.

        ``include_draft=False`` leaves the draft's bytes out when the clerk already has them. The
        pack replaces any file of that name (it is written atomically).
        """
        path = pack_path(target)
        if path.suffix.lower() != PACK_SUFFIX:  # never write over a review, a draft or a report
            kind = "a review file name" if path.suffix.lower() == FILE_SUFFIX else "not a pack's name"
            raise PackError(f"“{path.name}” is {kind}. Give the pack a name ending in {PACK_SUFFIX}.")
        if self.read_only:
            raise ReadOnlyReview(
                "The pack was not made: this review is open read-only. Open it for editing (close it "
                "elsewhere first) and send it again."
            )
        rows, shared, stubs = self.pack_rows()
        draft_id = self.current_draft_id
        info = next(d for d in self.drafts() if d["id"] == draft_id)
        data = self.draft_data(draft_id)[1] if include_draft else None
        owner = self.owner
        now = CLOCK.now()
        counts = {
            "notes": sum(1 for r in rows["annotations"] if not r["deleted"]),
            "recommendations": sum(1 for r in rows["recommendations"] if not r["deleted"]),
            "replies": sum(1 for r in rows["replies"] if not r["deleted"]),
            "withdrawn": stubs,
        }
        manifest = {
            "pack_id": str(uuid.uuid4()),
            "created": now,
            "review_id": str(self._setting("review_id") or ""),
            "member": {
                "id": owner.id,
                "name": owner.name,
                "role": owner.role.value,
                "council": owner.council,
            },
            "draft": {
                **{k: info[k] for k in ("id", "file_name", "title", "format", "page_count", "size")},
                "included": data is not None,
            },
            "sections": [[s.id, s.number, s.title] for s in self.sections(draft_id)],
            "counts": counts,
            "panel": _panel_settings(self.settings),
        }
        readme = _readme(
            owner.name, str(info["title"]), str(info["file_name"]), counts, data is not None, now
        )
        with write_transaction(self._file, "Sending to the clerk") as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO sent_items (table_name, item_id, first_sent) VALUES (?,?,?)",
                [(t, i, now) for t, i in sorted(shared)],
            )
            conn.execute(
                "INSERT INTO change_log (at, member_id, action, item_type, item_id, detail)"
                " VALUES (?,?,?,?,?,?)",
                [
                    now,
                    owner.id,
                    "Send to clerk",
                    "pack",
                    manifest["pack_id"],
                    json.dumps({"file": path.name}),
                ],
            )
            size = write_pack(path, manifest=manifest, rows=rows, draft_data=data, readme=readme)
        return PackSummary(
            path=str(path),
            pack_id=str(manifest["pack_id"]),
            member_name=owner.name,
            draft_title=str(info["title"]),
            notes=counts["notes"],
            recommendations=counts["recommendations"],
            replies=counts["replies"],
            withdrawn=stubs,
            draft_included=data is not None,
            size=size,
        )


def _readme(member: str, title: str, file_name: str, counts: Mapping[str, int], draft: bool, now: str) -> str:
    what = (
        ", ".join(
            counted(counts[k], w) for k, w in (("notes", "note"), ("recommendations", "recommendation"))
        )
        + f" and {counted(counts['replies'], 'reply', 'replies')}"
    )
    lines = [
        "PanelReview review pack",
        "=======================",
        "",
        f"From: {member}",
        f"Made: {now[:10]} (UTC)",
        f"Draft: {title} ({file_name})",
        "",
        f"It holds {what} that {member} shared with the panel or proposed for the report.",
        "Private working notes are never included.",
    ]
    gone = counts["withdrawn"]
    if gone:
        lines.append(
            f"{counted(gone, 'item')} sent before {'has' if gone == 1 else 'have'} since been withdrawn; "
            "only identifiers travel, so the clerk's copy drops them too."
        )
    lines.append("The draft itself is included." if draft else "The draft itself is not included.")
    lines += [
        "",
        "The clerk imports this file into the panel's review with PanelReview",
        "(“Import members' reviews…”, or `panelreview combine`).",
        "",
    ]
    return "\n".join(lines)


def _panel_settings(settings: Settings) -> dict[str, str]:
    """What the pack tells the clerk about the panel, so a clerk's review started from it is headed
    right even when the clerk gives no name: the panel's name, the plan's title and the titles."""
    return {k: str(getattr(settings, k) or "") for k in PANEL_SETTINGS}
