"""Reading a review: notes and recommendations by section, kind, author or visibility; search."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from panelreview.core.errors import PasswordRequired, UserError
from panelreview.core.review import (
    Annotation,
    Kind,
    PanelStatus,
    Recommendation,
    Reply,
    Role,
    SearchHit,
    SectionRef,
    Visibility,
    parse_kind,
    parse_panel_status,
    parse_visibility,
)
from panelreview.storage.annotation_ops import anchor_from_row
from panelreview.storage.recommendation_ops import RecommendationOps

_WORD = re.compile(r"\w+", re.UNICODE)
_CHUNK = 500
# A settings row: this file was checked for a locked draft's text in its search index (see
# forget_locked_drafts_text); new files are made with it.
LOCKED_TEXT_CHECKED = "locked_text_checked"


def fts_query(terms: str) -> str:
    """User's words as an FTS5 query: every word must occur (as a word or a word's start)."""
    words = _WORD.findall(terms)
    if not words:
        raise UserError("Type a word to search for.")
    return " ".join(f'"{w}"*' for w in words)


def _filters(
    alias: str,
    draft_id: str | None,
    section_ids: Iterable[int] | None,
    author_id: str | None,
    visibility: str | Visibility | None,
) -> tuple[str, list[object]]:
    where = [f"{alias}.deleted = 0"]
    params: list[object] = []
    if draft_id is not None:
        where.append(f"{alias}.draft_id = ?")
        params.append(draft_id)
    if section_ids is not None:
        ids = list(section_ids)
        where.append(f"{alias}.section_id IN ({','.join('?' * len(ids)) or 'NULL'})")
        params.extend(ids)
    if author_id is not None:
        where.append(f"{alias}.author_id = ?")
        params.append(author_id)
    if visibility is not None:
        where.append(f"{alias}.visibility = ?")
        params.append(parse_visibility(visibility).value)
    return " AND ".join(where), params


def _section_ref(row: dict[str, Any]) -> SectionRef:
    return SectionRef(row["section_id"], row["s_number"], row["s_title"])


_SECTION_JOIN = "LEFT JOIN draft_sections s ON s.draft_id = {a}.draft_id AND s.section_id = {a}.section_id"


class Queries(RecommendationOps):
    def _replies(self, annotation_ids: Sequence[str]) -> dict[str, list[Reply]]:
        found: dict[str, list[Reply]] = {}
        for i in range(0, len(annotation_ids), _CHUNK):
            chunk = annotation_ids[i : i + _CHUNK]
            rows = self._rows(
                f"SELECT * FROM replies WHERE deleted = 0 AND annotation_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY created",
                chunk,
            )
            for r in rows:
                reply = Reply(
                    r["id"],
                    r["annotation_id"],
                    self.member(r["author_id"]),
                    r["body"],
                    r["created"],
                    r["updated"],
                )
                found.setdefault(r["annotation_id"], []).append(reply)
        return found

    def annotations(
        self,
        *,
        section_ids: Iterable[int] | None = None,
        kind: str | Kind | None = None,
        author_id: str | None = None,
        visibility: str | Visibility | None = None,
        draft_id: str | None = None,
        with_replies: bool = True,
        ids: Sequence[str] | None = None,
    ) -> list[Annotation]:
        """Live notes in reading order, filtered by any of section, kind, author and visibility."""
        where, params = _filters("a", draft_id, section_ids, author_id, visibility)
        if ids is not None:
            where += f" AND a.id IN ({','.join('?' * len(ids)) or 'NULL'})"
            params.extend(ids)
        if kind is not None:
            where += " AND a.kind = ?"
            params.append(parse_kind(kind).value)
        rows = self._rows(
            f"SELECT a.*, s.number AS s_number, s.title AS s_title FROM annotations a "
            f"{_SECTION_JOIN.format(a='a')} WHERE {where} "
            "ORDER BY a.block_index IS NULL, a.block_index, a.char_start, a.created",
            params,
        )
        replies = self._replies([r["id"] for r in rows]) if with_replies else {}
        return [
            Annotation(
                id=r["id"],
                draft_id=r["draft_id"],
                author=self.member(r["author_id"]),
                kind=parse_kind(r["kind"]),
                body=r["body"],
                visibility=parse_visibility(r["visibility"]),
                anchor=anchor_from_row(r),
                section=_section_ref(r),
                colour=r["colour"],
                tags=tuple(json.loads(r["tags"])),
                created=r["created"],
                updated=r["updated"],
                replies=tuple(replies.get(r["id"], ())),
            )
            for r in rows
        ]

    def annotation(self, annotation_id: str) -> Annotation | None:
        found = self.annotations(ids=[annotation_id])
        return found[0] if found else None

    def recommendations(
        self,
        *,
        section_ids: Iterable[int] | None = None,
        author_id: str | None = None,
        visibility: str | Visibility | None = None,
        draft_id: str | None = None,
    ) -> list[Recommendation]:
        """Live recommendations in the order they were made, with their links."""
        where, params = _filters("r", draft_id, section_ids, author_id, visibility)
        rows = self._rows(
            f"SELECT r.*, s.number AS s_number, s.title AS s_title FROM recommendations r "
            f"{_SECTION_JOIN.format(a='r')} WHERE {where} ORDER BY r.created, r.id",
            params,
        )
        links: dict[str, tuple[list[str], list[int], list[str]]] = {}
        for link in self._rows("SELECT * FROM recommendation_links WHERE deleted = 0 ORDER BY created"):
            anns, secs, recs = links.setdefault(link["recommendation_id"], ([], [], []))
            if link["annotation_id"]:
                anns.append(link["annotation_id"])
            elif link["source_recommendation_id"]:
                recs.append(link["source_recommendation_id"])
            elif link["section_id"] is not None:
                secs.append(link["section_id"])
        empty: tuple[list[str], list[int], list[str]] = ([], [], [])
        return [
            Recommendation(
                id=r["id"],
                draft_id=r["draft_id"],
                author=self.member(r["author_id"]),
                wording=r["wording"],
                rationale=r["rationale"],
                visibility=parse_visibility(r["visibility"]),
                anchor=anchor_from_row(r),
                section=_section_ref(r),
                panel_status=parse_panel_status(r["panel_status"]),
                theme=r["theme"],
                priority=r["priority"],
                supporters=tuple(json.loads(r["supporters"])),
                response_status=r["response_status"],
                response_text=r["response_text"],
                response_date=r["response_date"],
                linked_annotations=tuple(links.get(r["id"], empty)[0]),
                linked_sections=tuple(links.get(r["id"], empty)[1]),
                created=r["created"],
                updated=r["updated"],
                number=r["number"],
                position=r["position"],
                decided_on=r["decided_on"],
                linked_recommendations=tuple(links.get(r["id"], empty)[2]),
            )
            for r in rows
        ]

    def recommendation(self, recommendation_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations() if r.id == recommendation_id), None)

    def panel_recommendations(self, *, agreed_only: bool = False) -> list[Recommendation]:
        """The panel's own recommendations, in the panel's order, withdrawn ones left out.

        In a clerk's review these are the clerk's consolidated recommendations in the order the
        clerk set (then oldest first), each with its ``number`` once numbered. Before the meeting
        they are undecided (``panel_status`` draft or proposed) and are included, so a draft
        report can go to the meeting; ``agreed_only=True`` keeps only the agreed and amended ones
        (the report as agreed). In a member's review: the member's own recommendations that are
        not private, in the order they were made.
        """
        owner = self.owner
        found = self.recommendations(author_id=owner.id)
        if owner.role is Role.CLERK:
            found.sort(key=lambda r: (r.position is None, r.position or 0, r.created))
        else:
            found = [r for r in found if r.visibility is not Visibility.PRIVATE]
        found = [r for r in found if r.panel_status is not PanelStatus.WITHDRAWN]
        if agreed_only:
            found = [r for r in found if r.panel_status in (PanelStatus.AGREED, PanelStatus.AMENDED)]
        return found

    def search(self, terms: str, *, limit: int = 50) -> list[SearchHit]:
        """The (current) draft's text, notes, replies and recommendations matching every word, best first."""
        self._ensure_draft_indexed()
        rows = self._rows(
            "SELECT i.item_type, i.item_id, i.draft_id, i.section_id, s.number AS s_number,"
            " s.title AS s_title, snippet(search_text, 0, '[', ']', '…', 12) AS snippet"
            " FROM search_text JOIN search_items i ON i.seq = search_text.rowid"
            f" {_SECTION_JOIN.format(a='i')} WHERE search_text MATCH ?"
            " AND (i.item_type != 'block' OR i.draft_id = ?) ORDER BY rank LIMIT ?",
            [fts_query(terms), self.current_draft_id, limit],
        )
        return [
            SearchHit(r["item_type"], r["item_id"], r["draft_id"], _section_ref(r), r["snippet"])
            for r in rows
        ]

    def change_log(self, item_id: str | None = None) -> list[dict[str, Any]]:
        """Who changed what, when (oldest first)."""
        where, params = ("WHERE item_id = ?", [item_id]) if item_id else ("", [])
        rows = self._rows(f"SELECT * FROM change_log {where} ORDER BY seq", params)
        for row in rows:
            row["detail"] = json.loads(row["detail"])
            row["member"] = self.member(row["member_id"]).name
        return rows

    def forget_locked_drafts_text(self) -> int:
        """Take the whole text of password-protected drafts out of the search index.

        Earlier versions indexed every draft's text, so a review of a locked draft kept it
        readable by anyone who could open the review file. Now only what notes need is kept
        (index_draft); a review from before is put right when it is first opened for editing:
        the rows go, and SQLite overwrites the space they took (secure_delete), so the text is not
        left behind in the file. Returns how many drafts' text was taken out.
        """
        from panelreview.ingest.pdf_reader import needs_password
        from panelreview.storage.connection import write_transaction
        from panelreview.storage.review_file import CLOCK

        if self.read_only or self._setting(LOCKED_TEXT_CHECKED):
            return 0  # (checked once per file: every open would otherwise read every PDF it holds)
        indexed = self._rows(
            # A locked PDF names its /Encrypt dictionary in its trailer, which is never compressed.
            "SELECT d.id, d.data FROM drafts d WHERE d.format = 'pdf'"
            " AND instr(d.data, CAST('/Encrypt' AS BLOB)) > 0 AND EXISTS"
            " (SELECT 1 FROM search_items s WHERE s.item_type = 'block' AND s.draft_id = d.id)"
        )
        locked = [r["id"] for r in indexed if needs_password(bytes(r["data"]))]
        mark = "INSERT OR REPLACE INTO settings (key, value, updated) VALUES (?, 'true', ?)"
        if not locked:
            with write_transaction(self._file, "The search index") as tx:
                tx.execute(mark, [LOCKED_TEXT_CHECKED, CLOCK.now()])
            return 0
        conn = self._file.conn
        conn.execute("PRAGMA secure_delete = ON")
        try:
            with write_transaction(
                self._file, "Removing the locked draft's text from the search index"
            ) as tx:
                for draft_id in locked:
                    where = "item_type = 'block' AND draft_id = ?"
                    tx.execute(
                        "DELETE FROM search_text WHERE rowid IN"
                        f" (SELECT rowid FROM search_items WHERE {where})",
                        [draft_id],
                    )
                    tx.execute(f"DELETE FROM search_items WHERE {where}", [draft_id])
                # FTS5 keeps a deleted row's words in its index until its segments are merged.
                tx.execute("INSERT INTO search_text (search_text) VALUES ('optimize')")
                tx.execute(mark, [LOCKED_TEXT_CHECKED, CLOCK.now()])
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no old copy of those pages in the -wal
        finally:
            conn.execute("PRAGMA secure_delete = OFF")
        return len(locked)

    def _ensure_draft_indexed(self) -> None:
        """A file upgraded from an older version has its draft text indexed on first search."""
        from panelreview.storage.connection import write_transaction
        from panelreview.storage.review_file import index_draft

        if self.read_only or self._drafts_indexed:
            return
        for draft in self.drafts():
            done = self._rows(
                "SELECT 1 FROM search_items WHERE item_type = 'block' AND draft_id = ? LIMIT 1", [draft["id"]]
            )
            if not done:
                try:
                    document = self.document(draft["id"])
                except PasswordRequired:  # a locked draft's text is not indexed (index_draft)
                    continue
                with write_transaction(self._file, "The search index") as conn:
                    index_draft(conn, draft["id"], document)
        self._drafts_indexed = True  # drafts added later are indexed as they are stored
