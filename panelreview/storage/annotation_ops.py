"""Notes on the draft and their reply threads: add, edit, delete (tombstone), each one undoable."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from panelreview.core.anchor import Anchor, AnchorError, anchor_quote, anchor_section
from panelreview.core.review import (
    Change,
    InvalidValue,
    Kind,
    Visibility,
    parse_kind,
    parse_visibility,
    require_text,
)
from panelreview.core.section_names import find_section
from panelreview.storage.review_file import ReviewBase

_UNSET: Any = object()


def anchor_columns(anchor: Anchor) -> dict[str, object]:
    return {
        "section_id": anchor.section_id,
        "heading_path": json.dumps(list(anchor.heading_path), ensure_ascii=False),
        "quote": anchor.quote,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "char_start": anchor.start,
        "char_end": anchor.end,
        "page_index": anchor.page_index,
        "page_label": anchor.page_label,
        "rects": json.dumps([list(r) for r in anchor.rects]),
        "block_index": anchor.block_index,
    }


def anchor_from_row(row: dict[str, Any]) -> Anchor:
    return Anchor(
        section_id=row["section_id"],
        heading_path=tuple(json.loads(row["heading_path"] or "[]")),
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        start=row["char_start"],
        end=row["char_end"],
        page_index=row["page_index"],
        page_label=row["page_label"],
        rects=tuple((r[0], r[1], r[2], r[3]) for r in json.loads(row["rects"] or "[]")),
        block_index=row["block_index"],
    )


def _tags(tags: Iterable[str]) -> str:
    return json.dumps([t.strip() for t in tags if t.strip()], ensure_ascii=False)


class AnnotationOps(ReviewBase):
    # -- anchors ----------------------------------------------------------------------------
    def anchor_for(
        self, *, section: str | None = None, quote: str | None = None, draft_id: str | None = None
    ) -> Anchor:
        """An anchor from what a user typed: a section number or title, or a quoted passage.

        A section needs only the cached outline; a quote re-reads the draft kept in the review.
        """
        if (section is None) == (quote is None):
            raise AnchorError("Say where the note goes: name a section, or quote a passage (not both).")
        if quote is not None:
            return anchor_quote(self.document(draft_id), quote)
        assert section is not None
        sections = self.sections(draft_id)
        return anchor_section(sections, find_section(sections, section))

    def _require(self, table: str, item_id: str, what: str) -> dict[str, Any]:
        row = self._row(table, item_id)
        if row is None or row["deleted"]:
            raise InvalidValue(f"That {what} no longer exists in this review (it may have been deleted).")
        return row

    def _require_own(self, table: str, item_id: str, what: str) -> dict[str, Any]:
        """A live item of the review's owner: members' items reach a clerk to be read, not rewritten."""
        row = self._require(table, item_id, what)
        if row["author_id"] != self.owner_id:
            raise InvalidValue(
                f"That {what} is {self.member(row['author_id']).name}’s: only they can change it. You can "
                "reply to it, or build one of the panel's recommendations from it."
            )
        return row

    def _require_editable(self, table: str, item_id: str, what: str) -> dict[str, Any]:
        """A live item the owner may change: their own, or a member's view they entered for them."""
        row = self._require(table, item_id, what)
        if row["author_id"] != self.owner_id:
            author = self._row("members", row["author_id"])
            if author is None or author.get("entered_by") != self.owner_id:
                return self._require_own(table, item_id, what)  # says whose it is
        return row

    # -- annotations ------------------------------------------------------------------------
    def add_annotation(
        self,
        anchor: Anchor,
        kind: str | Kind = Kind.COMMENT,
        body: str = "",
        *,
        visibility: str | Visibility = Visibility.PRIVATE,
        colour: str | None = None,
        tags: Iterable[str] = (),
        draft_id: str | None = None,
    ) -> Change:
        """A new note by the review's owner. ``change.item_id`` is its id."""
        kind = parse_kind(kind)
        if kind is not Kind.HIGHLIGHT:
            require_text(body, f"text of the {kind.value}")
        new_id = str(uuid.uuid4())
        row: dict[str, object] = {
            "author_id": self.owner_id,
            "draft_id": draft_id or self.current_draft_id,
            "kind": kind.value,
            "body": body,
            "colour": colour,
            "tags": _tags(tags),
            "visibility": parse_visibility(visibility).value,
            **anchor_columns(anchor),
        }
        return self._commit(f"Add {kind.value}", new_id, [("annotations", new_id, row)])

    def edit_annotation(
        self,
        annotation_id: str,
        *,
        body: str | None = None,
        kind: str | Kind | None = None,
        visibility: str | Visibility | None = None,
        colour: str | None = _UNSET,
        tags: Iterable[str] | None = None,
        anchor: Anchor | None = None,
    ) -> Change:
        """Change any of a note's fields; fields not given stay as they are."""
        row = self._require_editable("annotations", annotation_id, "note")
        new = dict(row)
        if kind is not None:
            new["kind"] = parse_kind(kind).value
        if body is not None:
            if new["kind"] != Kind.HIGHLIGHT.value:
                require_text(body, "note")
            new["body"] = body
        if visibility is not None:
            new["visibility"] = parse_visibility(visibility).value
        if colour is not _UNSET:
            new["colour"] = colour
        if tags is not None:
            new["tags"] = _tags(tags)
        if anchor is not None:
            new.update(anchor_columns(anchor))
        label = "Change visibility" if set(_changed(row, new)) == {"visibility"} else f"Edit {new['kind']}"
        return self._commit(label, annotation_id, [("annotations", annotation_id, new)])

    def delete_annotation(self, annotation_id: str) -> Change:
        """Delete a note (kept as a tombstone so the deletion reaches other members' copies)."""
        row = self._require_editable("annotations", annotation_id, "note")
        return self._commit(f"Delete {row['kind']}", annotation_id, [("annotations", annotation_id, None)])

    # -- replies ----------------------------------------------------------------------------
    def add_reply(self, annotation_id: str, body: str) -> Change:
        """Reply to a note; replies form the note's thread, oldest first."""
        self._require("annotations", annotation_id, "note")
        require_text(body, "reply")
        new_id = str(uuid.uuid4())
        row = {"annotation_id": annotation_id, "author_id": self.owner_id, "body": body}
        return self._commit("Reply", new_id, [("replies", new_id, row)])

    def edit_reply(self, reply_id: str, body: str) -> Change:
        row = self._require_own("replies", reply_id, "reply")
        require_text(body, "reply")
        return self._commit("Edit reply", reply_id, [("replies", reply_id, {**row, "body": body})])

    def delete_reply(self, reply_id: str) -> Change:
        self._require_own("replies", reply_id, "reply")
        return self._commit("Delete reply", reply_id, [("replies", reply_id, None)])


def _changed(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [k for k in new if new[k] != old.get(k)]
