"""Members' views the clerk enters on their behalf: received on paper, by email, or in a letter.

    change = clerk.record_member_view(
        "Cllr Dan Brown", "concern", "No target for rural burglary.", anchor=clerk.anchor_for(section="2.2")
    )
    clerk.entered_by_clerk()          # the member rows the clerk made for such views
    clerk.people()[author_id]         # who an item's author is, as one person

A view entered by the clerk is written by a *member row of the clerk's making*: one per member,
named as the member is, with ``entered_by`` = the clerk and ``stands_for`` = the member's own id
once it is known (they have sent a review pack). So the view is the member's in the synthesis, in
the members list ("received on paper or by email") and as a source of the panel's
recommendations, and it is still plainly the clerk's entry. It shares no id with anything the
member's own packs bring: a later pack from that member adds their own items beside it and cannot
change it (a pack that claims the clerk's member row is refused). The clerk can correct or delete
what they entered, as their own notes.

:meth:`people` tells members apart: every member id in the review maps to one *person*. A
member's own id is a person; a row of the clerk's making maps to the member it stands for, else
to the one member whose name matches (titles, case and punctuation ignored), else to a members-list
entry matched to a member by hand, else to itself (a member who has sent nothing but a letter).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from panelreview.core.anchor import Anchor
from panelreview.core.clerk import name_key
from panelreview.core.review import (
    Change,
    InvalidValue,
    Kind,
    PanelStatus,
    Role,
    Visibility,
    parse_kind,
    require_text,
)
from panelreview.storage.annotation_ops import anchor_columns
from panelreview.storage.combine import CombineOps

VIEW_LABEL = "Add member's view"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
RECOMMENDATION = "recommendation"


def view_kind(value: str) -> str:
    """A view's kind as typed: a note kind (question, concern, comment, support) or "recommendation"."""
    text = str(value).strip().lower()
    if text in ("recommendation", "recommendations"):
        return RECOMMENDATION
    kind = parse_kind(text[:-1] if text.endswith("s") else text)  # "questions" too
    if kind is Kind.HIGHLIGHT:
        raise InvalidValue(
            "A view needs words: choose question, concern, comment, support or recommendation."
        )
    return kind.value


class OnBehalfOps(CombineOps):
    # -- who is who -------------------------------------------------------------------------
    def entered_by_clerk(self) -> frozenset[str]:
        """The ids of member rows the clerk made to hold views received on paper or by email."""
        rows = self._rows("SELECT id FROM members WHERE entered_by IS NOT NULL")
        return frozenset(str(r["id"]) for r in rows)

    def people(self) -> dict[str, str]:
        """Every member id in the review (but the owner's) mapped to the person it is (see above)."""
        rows = self._rows(
            "SELECT id, name, entered_by, stands_for FROM members WHERE id != ?", [self.owner_id]
        )
        own = {str(r["id"]) for r in rows if r["entered_by"] is None}
        by_name: dict[str, list[str]] = {}
        for r in rows:
            if r["entered_by"] is None:
                by_name.setdefault(name_key(str(r["name"])), []).append(str(r["id"]))
        by_hand = {
            name_key(str(e["name"])): str(e["member_id"])
            for e in self._rows(
                "SELECT name, member_id FROM roster WHERE deleted = 0 AND member_id IS NOT NULL"
            )
        }
        found = {i: i for i in own}
        for r in rows:
            if r["entered_by"] is None:
                continue
            key = name_key(str(r["name"]))
            same = by_name.get(key, [])
            if r["stands_for"] in own:
                found[str(r["id"])] = str(r["stands_for"])
            elif len(same) == 1:
                found[str(r["id"])] = same[0]
            elif by_hand.get(key) in own:
                found[str(r["id"])] = by_hand[key]
            else:
                found[str(r["id"])] = str(r["id"])
        return found

    # -- entering a view ----------------------------------------------------------------------
    def record_member_view(
        self,
        member: str,
        kind: str,
        text: str,
        *,
        anchor: Anchor | None = None,
        council: str | None = None,
    ) -> Change:
        """A member's view received on paper or by email, entered by the clerk on their behalf.

        ``member`` is the id of a member who has sent a pack, the id of a members-list entry, or a
        name (matched to those, titles and case ignored; a new name starts a new member). ``kind``
        is a note kind or "recommendation"; ``anchor`` says where in the draft (default: the draft
        as a whole). ``change.item_id`` is the new item's id.
        """
        if self.owner.role is not Role.CLERK:
            raise InvalidValue(
                "Only the clerk's review can hold views entered on a member's behalf. Open the "
                "panel's review (the clerk's) and enter the view there."
            )
        chosen = view_kind(kind)
        what = "recommendation" if chosen == RECOMMENDATION else chosen
        require_text(text, f"text of the {what}")
        stand_in, new_member = self._stand_in(member, council)
        targets: list[tuple[str, str, dict[str, Any] | None]] = []
        if new_member is not None:
            targets.append(("members", stand_in, new_member))
        new_id = str(uuid.uuid4())
        where = anchor_columns(anchor or Anchor(section_id=None))
        common = {
            "author_id": stand_in,
            "draft_id": self.current_draft_id,
            "visibility": Visibility.PANEL.value,
        }
        if chosen == RECOMMENDATION:
            row: dict[str, Any] = {
                **common,
                "wording": text,
                "rationale": "",
                "supporters": "[]",
                "panel_status": PanelStatus.DRAFT.value,
                **where,
            }
            targets.append(("recommendations", new_id, row))
        else:
            row = {**common, "kind": chosen, "body": text, "tags": "[]", **where}
            targets.append(("annotations", new_id, row))
        return self._commit(VIEW_LABEL, new_id, targets)

    def _stand_in(self, member: str, council: str | None) -> tuple[str, dict[str, Any] | None]:
        """The clerk's member row for ``member``: an existing one, or a new row to write (with its id)."""
        wanted = require_text(member, "member's name").strip()
        owner = self.owner
        rows = {str(r["id"]): r for r in self._rows("SELECT * FROM members WHERE deleted = 0")}
        roster = {str(r["id"]): r for r in self._rows("SELECT * FROM roster WHERE deleted = 0")}
        own = {i: r for i, r in rows.items() if r["entered_by"] is None and i != owner.id}
        if wanted == owner.id or name_key(wanted) == name_key(owner.name):
            raise InvalidValue(
                f"{owner.name} is the clerk of this review. Add your own notes in the usual way; this "
                "is for a member's views sent to you on paper or by email."
            )
        stands: str | None = None
        if wanted in rows and rows[wanted]["entered_by"] is not None:
            return wanted, None
        if _ID.match(wanted) and wanted not in rows and wanted not in roster:
            gone = self._row("members", wanted)
            if gone is None or gone["entered_by"] is None:
                raise InvalidValue("That member is not in this review. Choose one from the members list.")
            keep = ("name", "role", "council", "entered_by", "stands_for")
            return wanted, {k: gone[k] for k in keep}  # a stand-in undone earlier, brought back
        if wanted in own:
            found: dict[str, Any] = own[wanted]
            stands = wanted
        elif wanted in roster:
            found = roster[wanted]
        else:
            key = name_key(wanted)
            same = [r for r in own.values() if name_key(str(r["name"])) == key]
            listed = [r for r in roster.values() if name_key(str(r["name"])) == key]
            if len(same) == 1:
                found, stands = same[0], str(same[0]["id"])
            elif listed:
                found = listed[0]
            else:
                found = {"name": wanted, "council": council}
        if stands is None and found.get("member_id") in own:  # a list entry matched by hand
            stands = str(found["member_id"])
        name = str(found["name"])
        people = self.people()
        for key, row in rows.items():
            if row["entered_by"] is None:
                continue
            if (stands is not None and people.get(key) == stands) or name_key(str(row["name"])) == name_key(
                name
            ):
                return key, None
        role = str(found.get("role") or Role.MEMBER.value)
        new_row = {
            "name": name,
            "role": role,
            "council": council or found.get("council"),
            "entered_by": owner.id,
            "stands_for": stands,
        }
        return str(uuid.uuid4()), new_row
