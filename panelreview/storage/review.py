"""The review API: create or open a review file and get a :class:`Review`.

    review = create_review("Plan.pcpr", draft_data, document, member_name="Cllr A. Jones")
    change = review.add_annotation(review.anchor_for(section="2.1"), "concern", "No baseline given.")
    review.apply(change.inverse())      # undo
    review.apply(change)                # redo

Every editing call is one durable transaction and returns a :class:`~panelreview.core.review.Change`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from pathlib import Path

from panelreview.core.model import Document
from panelreview.core.review import (
    DEFAULT_COMMISSIONER_TITLE,
    DEFAULT_PANEL_TITLE,
    DEFAULT_RESPONSE_STATUSES,
    Role,
    parse_role,
    require_text,
)
from panelreview.storage.checklist_ops import ChecklistOps
from panelreview.storage.connection import create_file, open_file, write_transaction
from panelreview.storage.pack_carry import PackCarryOps
from panelreview.storage.queries import LOCKED_TEXT_CHECKED
from panelreview.storage.review_file import CLOCK, store_draft
from panelreview.storage.schema import FILE_SUFFIX


class Review(PackCarryOps, ChecklistOps):
    """An open review file: settings, owner, drafts, notes, replies, recommendations, search, and
    the clerk's desk (sharing and combining review packs, members list, synthesis, the panel's
    recommendations, decisions and responses), notes imported from annotated PDFs and Word files,
    the statutory checklist, and every version of the draft with each item carried over to the
    newest (see core.versions).

    Owned by one thread. Close it (or use ``with``) to release the file for others.
    """

    def __enter__(self) -> Review:
        return self

    def add_draft(self, data: bytes, document: Document) -> str:
        """Keep another version of the draft in the review and make it the current one."""
        now = CLOCK.now()
        with write_transaction(self._file, "The new draft") as conn:
            exists = conn.execute("SELECT 1 FROM drafts WHERE id = ?", [document.identity.sha256]).fetchone()
            draft_id = (
                document.identity.sha256 if exists else store_draft(conn, data, document, self.owner_id, now)
            )
            conn.execute(
                "UPDATE settings SET value = ?, updated = ? WHERE key = 'current_draft'",
                [json.dumps(draft_id), now],
            )
        self._documents[draft_id] = document
        return draft_id

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the review (SQLite backup API; safe while it is open)."""
        from panelreview.storage.errors import ReviewFileError

        dest = Path(target)
        if dest.exists():
            raise ReviewFileError(f"“{dest.name}” already exists. Choose another name.")
        try:
            out = sqlite3.connect(dest)
            try:
                self._file.conn.backup(out)
            finally:
                out.close()
        except sqlite3.Error as exc:
            dest.unlink(missing_ok=True)
            raise ReviewFileError(f"The copy could not be saved as “{dest.name}” ({exc}).") from None
        return dest


def review_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with the review extension added when it has none."""
    p = Path(path)
    return p if p.suffix else p.with_suffix(FILE_SUFFIX)


def create_review(
    path: str | os.PathLike[str],
    draft_data: bytes,
    document: Document,
    *,
    member_name: str,
    role: str | Role = Role.MEMBER,
    council: str | None = None,
    panel_name: str = "",
    plan_title: str | None = None,
    commissioner_title: str = DEFAULT_COMMISSIONER_TITLE,
    panel_title: str = DEFAULT_PANEL_TITLE,
) -> Review:
    """Start a new review of a draft. The draft's bytes are kept inside the review."""
    target = review_path(path)
    require_text(member_name, "member's name")
    role = parse_role(role)
    member_id = str(uuid.uuid4())

    def fill(conn: sqlite3.Connection) -> None:
        now = CLOCK.now()
        conn.execute(
            "INSERT INTO members (id, name, role, council, created, updated) VALUES (?,?,?,?,?,?)",
            [member_id, member_name.strip(), role.value, council, now, now],
        )
        draft_id = store_draft(conn, draft_data, document, member_id, now)
        settings: dict[str, object] = {
            "review_id": str(uuid.uuid4()),
            "created": now,
            "owner_id": member_id,
            "current_draft": draft_id,
            "panel_name": panel_name,
            "plan_title": plan_title if plan_title is not None else document.identity.title,
            "commissioner_title": commissioner_title,
            "panel_title": panel_title,
            "meeting_date": None,
            "comments_deadline": None,
            "response_statuses": list(DEFAULT_RESPONSE_STATUSES),
            LOCKED_TEXT_CHECKED: True,  # (a new file never holds a locked draft's whole text)
        }
        conn.executemany(
            "INSERT INTO settings (key, value, updated) VALUES (?,?,?)",
            [(k, json.dumps(v, ensure_ascii=False), now) for k, v in settings.items()],
        )
        conn.execute(
            "INSERT INTO change_log (at, member_id, action, item_type, item_id) VALUES (?,?,?,?,?)",
            [now, member_id, "Start review", "drafts", draft_id],
        )

    create_file(target, fill)
    review = open_review(target, member=member_name)
    review._documents[document.identity.sha256] = document
    return review


def open_review(path: str | os.PathLike[str], *, read_only: bool = False, member: str = "") -> Review:
    """Open a review for editing (or only looking, with ``read_only=True``).

    Raises :class:`~panelreview.storage.errors.ReviewInUse` if it is open for editing elsewhere,
    :class:`~panelreview.storage.errors.NewerVersion` or
    :class:`~panelreview.storage.errors.NotAReview` with a message for the user. A file from an
    older PanelReview is upgraded after a backup copy is kept (see ``review.backup_path``).
    """
    target = Path(path)
    opened = open_file(target, read_only=read_only, member=member)
    review = Review(opened, target)
    if not read_only:
        try:
            review.forget_locked_drafts_text()  # a review made before locked drafts' text was kept out
        except BaseException:
            review.close()
            raise
    return review


def create_clerk_review(
    path: str | os.PathLike[str],
    pack: str | os.PathLike[str],
    *,
    clerk_name: str,
    council: str | None = None,
    panel_name: str = "",
) -> Review:
    """Start a clerk's review of the draft carried in a member's review pack (nothing imported yet)."""
    from panelreview.ingest import read_document_bytes
    from panelreview.storage.errors import PackError
    from panelreview.storage.pack_file import read_pack

    target = review_path(path)
    if target.exists():
        from panelreview.storage.errors import ReviewFileError

        raise ReviewFileError(f"“{target.name}” already exists. Choose another name, or open it instead.")
    found = read_pack(Path(pack))
    if found.draft_data is None:
        raise PackError(
            f"“{found.file_name}” does not carry the draft, so a review cannot be started from it. "
            "Start the clerk's review from the draft file instead."
        )
    document = read_document_bytes(found.draft_data, str(found.draft["file_name"]))
    given = found.panel  # the member's settings: the clerk need not type the panel's name again
    return create_review(
        target,
        found.draft_data,
        document,
        member_name=clerk_name,
        role=Role.CLERK,
        council=council,
        panel_name=" ".join(panel_name.split()) or given.get("panel_name", ""),
        plan_title=given.get("plan_title"),
        commissioner_title=given.get("commissioner_title", DEFAULT_COMMISSIONER_TITLE),
        panel_title=given.get("panel_title", DEFAULT_PANEL_TITLE),
    )
