"""Importing notes made elsewhere (an annotated PDF, a Word file with comments) into a review.

    report = review.plan_notes(notes)                          # what would happen; writes nothing
    change, report = review.import_notes(notes, accept=keys)   # one transaction, one undo step
    review.undo_last_notes_import()                            # also after reopening the review

In a member's review the member's own notes become theirs (private); others' notes are offered
(``report.having(OFFERED)``) and taken only when accepted by key. In the clerk's review each
author becomes a member whose views were received by email (as
:meth:`~panelreview.storage.on_behalf.OnBehalfOps.record_member_view` makes them), counted with
that member's other items; a note the member's own review pack brought is not added twice, and a
pack arriving later retires the imported copy of a point it brings (:meth:`_pack_supersedes`).

Importing the same file again adds nothing; an edited re-send updates the notes it imported
before (same author, same passage) and adds new ones. Every note is placed in the draft as a note
made in the window is (:mod:`panelreview.core.note_placing`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from panelreview.core.anchor import _normalise
from panelreview.core.errors import UserError
from panelreview.core.imported_notes import (
    NEW,
    OFFERED,
    SAME,
    SKIP,
    UPDATE,
    ImportedItem,
    NotesFile,
    NotesImportReport,
    PlannedNote,
    author_key,
    infer_kind,
)
from panelreview.core.model import Document
from panelreview.core.note_placing import WHOLE, CarryingPlacer, Placement, Placer, text_overlap
from panelreview.core.review import Role
from panelreview.storage.clerk_views import ClerkViews

IMPORT_NOTES_LABEL = "Import notes"
UNDO_NOTES_LABEL = "Remove imported notes"
_NOT_THIS_DRAFT = 0.2  # below this share of the file's text in the draft, it is another document
_SAME_VERSION = 0.9


class NotThisDraft(UserError):
    """The annotated file is a different document from the review's draft."""


def _norm(text: str | None) -> str:
    return _normalise(text or "", True)[0].casefold().rstrip(".!?")


def _fingerprint(item: ImportedItem) -> str:
    """The passage part of a note's key: its marked words, else its page and spot."""
    passage = item.passage
    if passage.quote:
        return "q:" + _norm(passage.quote)
    if passage.point is not None:
        x, y = passage.point
        return f"p:{passage.page}:{round(x / 4)}:{round(y / 4)}"
    return "n:" + _norm(passage.near)


class NotesImportOps(ClerkViews):
    # -- planning -----------------------------------------------------------------------------
    def plan_notes(
        self,
        notes: NotesFile,
        *,
        accept: Collection[str] | None = None,
        accept_from: Collection[str] | None = None,
        mine: Collection[str] = (),
        unnamed_as: str | None = None,
    ) -> NotesImportReport:
        """What importing ``notes`` would do, note by note; nothing is written.

        ``accept``: keys of other people's notes to take; ``accept_from``: names of people whose
        notes to take ("*": everyone's). With neither, a member's review takes none of others'
        notes and the clerk's takes all. ``mine``: other names the owner goes by in the file (a
        computer login).
        ``unnamed_as``: whose notes those with no author are (default: the owner's in a member's
        review; in the clerk's they are skipped until a name is given).
        """
        return self._plan(notes, accept, accept_from, mine, unnamed_as)[0]

    def _plan(
        self,
        notes: NotesFile,
        accept: Collection[str] | None,
        accept_from: Collection[str] | None,
        mine: Collection[str],
        unnamed_as: str | None,
    ) -> tuple[NotesImportReport, dict[str, Placement]]:
        document = self.document()
        placer = Placer(document)
        overlap = text_overlap(notes.sample_text, placer.text) if notes.items else 1.0
        title = next((d["title"] for d in self.drafts() if d["id"] == self.current_draft_id), "")
        if overlap < _NOT_THIS_DRAFT:
            raise NotThisDraft(
                f"“{notes.file_name}” is not a copy of this review's draft (“{title}”): little of its text "
                f"({overlap:.0%}) is in the draft. Nothing was imported. Check that you chose the file "
                "made from this draft."
            )
        version_note = None
        carrying: CarryingPlacer | None = None
        if overlap < _SAME_VERSION:
            found = self._annotated_version(notes)
            if found is not None:
                carrying = CarryingPlacer(found[0], document)
                version_note = found[1]
            else:
                version_note = (
                    f"“{notes.file_name}” seems to be another version of the draft ({overlap:.0%} of its "
                    "text is the same). Notes were placed by the words they mark; those whose words are "
                    "not in this draft were put on the section of their page, or on the draft as a whole."
                )
        clerk = self.owner.role is Role.CLERK
        owner_key = author_key(self.owner.name)
        my_names = {owner_key, *(author_key(m) for m in mine if m.strip())}
        from_names = {n if n == "*" else author_key(n) for n in accept_from or ()}
        imported = {r["source_key"]: r for r in self._rows("SELECT * FROM imported_notes")}
        notes_by_id = {r["id"]: r for r in self._rows("SELECT id, deleted, author_id, body FROM annotations")}
        own_points = self._members_points() if clerk else {}
        sections = {s.id: s.label for s in document.sections}
        planned: list[PlannedNote] = []
        placements: dict[str, Placement] = {}
        used: dict[str, int] = {}
        for item in notes.items:
            name = item.author or unnamed_as or ("" if clerk else self.owner.name)
            placement = (carrying or placer).place(item)
            where = placement.anchor.section_id
            section = sections.get(where, "(whole draft)") if where is not None else "(whole draft)"
            base = f"{author_key(name)}|{_fingerprint(item)}"
            used[base] = used.get(base, 0) + 1
            key = base if used[base] == 1 else f"{base}#{used[base]}"
            placements[key] = placement
            is_mine = author_key(name) in my_names if name else False
            kind = infer_kind(item)
            fields: dict[str, Any] = {
                "key": key, "item": item, "author": name or "(no author)", "mine": is_mine, "kind": kind,
                "section": section, "placed": placement.how if placement.how != WHOLE else "whole draft",
            }  # fmt: skip
            if placement.message:
                fields["placed"] += f" ({placement.message})"
            status, reason, note_id, new_replies = self._note_status(
                item, key, name, imported, notes_by_id, own_points, clerk, placement
            )
            taken = key in (accept or ()) or "*" in from_names or author_key(name) in from_names
            taken = taken or (not item.author and bool(unnamed_as))  # named by the user for this import
            if clerk and accept is None and accept_from is None:
                taken = True
            if status == NEW and not is_mine and not taken:
                status, reason = (SKIP, "not chosen") if clerk else (OFFERED, f"{name}’s note: not taken")
            planned.append(
                PlannedNote(**fields, status=status, reason=reason, note_id=note_id, new_replies=new_replies)
            )
        if carrying is not None and version_note is not None:
            c = carrying.counts
            version_note += (
                f" Its notes were carried over to this draft as a new version's are: "
                f"{c.get('unchanged', 0) + c.get('moved', 0)} on the same words, {c.get('edited', 0)} on "
                f"passages reworded since, {c.get('orphaned', 0)} not found (put on the section of their "
                "page, or on the draft as a whole)."
            )
        report = NotesImportReport(notes.file_name, tuple(planned), dict(notes.left_out), None, version_note)
        return report, placements

    def _annotated_version(self, notes: NotesFile) -> tuple[Document, str] | None:
        """The version of the draft the file was annotated on, and how to name it to the user.

        Another version kept in this review if the file's text is that version's; else the file
        itself read as a draft. None when it cannot be read as one.
        """
        from panelreview.core.errors import UserError as Unreadable
        from panelreview.core.model import full_text
        from panelreview.ingest import read_document_bytes

        for draft in self.drafts():
            if draft["id"] == self.current_draft_id:
                continue
            try:
                other = self.document(str(draft["id"]))
            except Unreadable:
                continue
            if text_overlap(notes.sample_text, full_text(other.blocks)[0]) >= _SAME_VERSION:
                name = draft.get("label") or draft["file_name"]
                return (
                    other,
                    f"“{notes.file_name}” was annotated on another version of the draft ({name}).",
                )
        if not notes.data:
            return None
        try:
            own = read_document_bytes(notes.data, notes.file_name)
        except Unreadable:
            return None
        return own, f"“{notes.file_name}” was annotated on another version of the draft."

    def _note_status(
        self,
        item: ImportedItem,
        key: str,
        name: str,
        imported: Mapping[str, dict[str, Any]],
        notes_by_id: Mapping[str, dict[str, Any]],
        own_points: Mapping[str, set[str]],
        clerk: bool,
        placement: Placement,
    ) -> tuple[str, str, str | None, int]:
        """(status, reason, existing note's id, replies to add) for one note of the file."""
        if item.panelreview_id and item.panelreview_id in self._recommendation_ids():
            return SAME, "a recommendation written in PanelReview: already in this review", None, 0
        if item.panelreview_id and item.panelreview_id in notes_by_id:
            known = notes_by_id[item.panelreview_id]
            if known["deleted"]:
                return SKIP, "written in PanelReview and deleted since", None, 0
            fresh = self._fresh_replies(item, key, item.panelreview_id)
            if fresh:
                return UPDATE, "new replies", item.panelreview_id, fresh
            return SAME, "written in PanelReview: already in this review", item.panelreview_id, 0
        if not name:
            return SKIP, "the file names no author (give a name for unnamed notes)", None, 0
        row = imported.get(key)
        if row is not None:
            note = notes_by_id.get(row["id"])
            if note is None or note["deleted"]:
                return SKIP, "imported before and deleted in PanelReview since", None, 0
            fresh = self._fresh_replies(item, key, row["id"])
            if row["source_text"] != item.text or fresh:
                why = "changed in the file" if row["source_text"] != item.text else "new replies"
                return UPDATE, why, row["id"], fresh
            return SAME, "imported before", row["id"], 0
        point = f"{_norm(item.passage.quote)}|{_norm(item.text)}"
        if clerk and point in own_points.get(author_key(name), set()):
            return SKIP, f"already here from {name}’s own review pack", None, 0
        return NEW, "", None, len(item.replies)

    def _recommendation_ids(self) -> frozenset[str]:
        return frozenset(str(r["id"]) for r in self._rows("SELECT id FROM recommendations"))

    def _fresh_replies(self, item: ImportedItem, key: str, note_id: str) -> int:
        """How many of the note's replies in the file are new or changed since the last import."""
        if not item.replies:
            return 0
        known = {
            r["source_key"]: r["source_text"]
            for r in self._rows(
                "SELECT source_key, source_text FROM imported_notes WHERE source_key LIKE ?", [f"{key}|r|%"]
            )
        }
        written = {
            str(r["id"]) for r in self._rows("SELECT id FROM replies WHERE annotation_id = ?", [note_id])
        }
        count = 0
        for reply_key, reply in _reply_keys(key, item):
            if reply.source_id in written:
                continue  # a reply written in PanelReview (our own export)
            if known.get(reply_key) != reply.text:
                count += 1
        return count

    def _members_points(self) -> dict[str, set[str]]:
        """Each member's own points (from their packs) as "quote|text", by their name's key."""
        found: dict[str, set[str]] = {}
        rows = self._rows(
            "SELECT m.name, a.quote, a.body FROM annotations a JOIN members m ON m.id = a.author_id"
            " WHERE a.deleted = 0 AND m.entered_by IS NULL AND m.id != ?",
            [self.owner_id],
        )
        for r in rows:
            found.setdefault(author_key(str(r["name"])), set()).add(f"{_norm(r['quote'])}|{_norm(r['body'])}")
        return found


def _reply_keys(key: str, item: ImportedItem) -> list[tuple[str, Any]]:
    """Each reply of a note with its key: the note's key, the reply's author and its place among theirs."""
    seen: dict[str, int] = {}
    found = []
    for reply in item.replies:
        who = author_key(reply.author)
        seen[who] = seen.get(who, 0) + 1
        found.append((f"{key}|r|{who}#{seen[who]}", reply))
    return found
