"""The panel's recommendations: drafted by the clerk from members' words, ordered, decided, answered.

    change = clerk.add_panel_recommendation(
        "The Panel recommends that the Commissioner publishes the victims' services budget.",
        proposed=[ann_rec_id, bob_rec_id], supported=[carol_concern_id],
    )
    clerk.lineage(change.item_id).proposers          # (Ann, Bob)
    clerk.order_panel_recommendations([...]); clerk.number_panel_recommendations(scheme="R1")
    clerk.number_panel_recommendations(scheme="theme")       # 1.1, 1.2, 2.1: by theme
    clerk.record_decision(rec_id, "agreed", meeting_date="2026-02-03")
    clerk.record_response(rec_id, "partly accepted", text="…", received="2026-03-10")

A panel recommendation is the clerk's own row; its *sources* are links to members' recommendations
(proposed, by default) and notes (supported, by default). Members' rows are never changed: the
clerk's wording is a separate row, so their original wording stays as they wrote it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from panelreview.core.anchor import Anchor
from panelreview.core.clerk import (
    ItemType,
    Lineage,
    Source,
    SourceRole,
    parse_date,
    parse_decision,
    parse_source_role,
)
from panelreview.core.review import (
    Change,
    InvalidValue,
    PanelStatus,
    Visibility,
    require_text,
)
from panelreview.storage.annotation_ops import anchor_columns
from panelreview.storage.recommendation_ops import _LINKS, link_id
from panelreview.storage.roster import RosterOps
from panelreview.storage.schema import ANCHOR_COLUMNS

Target = tuple[str, str, dict[str, Any] | None]

#: How the clerk may number the panel's recommendations: 1, 2, 3; R1, R2, R3; or 1.1, 1.2, 2.1 by theme.
NUMBERING_SCHEMES = ("1", "R1", "theme")


def parse_numbering(value: str) -> str:
    text = str(value).strip()
    found = next((s for s in NUMBERING_SCHEMES if s.lower() == text.lower()), None)
    if found is None:
        raise InvalidValue(
            f"“{value}” is not a way of numbering recommendations. Choose 1 (1, 2, 3), R1 (R1, R2, R3) "
            "or theme (1.1, 1.2, 2.1 by theme)."
        )
    return found


def theme_key(theme: str | None) -> str:
    """A theme as compared: case and surrounding spaces ignored ("" for no theme)."""
    return " ".join((theme or "").split()).casefold()


def source_link_id(recommendation_id: str, item_type: ItemType, item_id: str) -> str:
    """The id of the link from a panel recommendation to one source (the same in every file)."""
    if item_type is ItemType.ANNOTATION:
        return link_id(recommendation_id, annotation_id=item_id, draft_id=None, section_id=None)
    return str(uuid.uuid5(_LINKS, f"{recommendation_id}>recommendation:{item_id}"))


class ConsolidationOps(RosterOps):
    # -- sources ----------------------------------------------------------------------------
    def _source(self, item_id: str) -> tuple[ItemType, dict[str, Any]]:
        """A member's recommendation or a note, live, by id."""
        rec = self._row("recommendations", item_id)
        if rec is not None and not rec["deleted"]:
            if rec["author_id"] == self.owner_id:
                raise InvalidValue(
                    "A panel recommendation cannot be built from another panel recommendation."
                )
            return ItemType.RECOMMENDATION, rec
        note = self._row("annotations", item_id)
        if note is not None and not note["deleted"]:
            return ItemType.ANNOTATION, note
        raise InvalidValue("That note or recommendation is not in this review (it may have been withdrawn).")

    def _source_targets(
        self, recommendation_id: str, proposed: Iterable[str], supported: Iterable[str]
    ) -> tuple[list[Target], list[dict[str, Any]]]:
        targets: list[Target] = []
        rows: list[dict[str, Any]] = []
        for role, ids in ((SourceRole.PROPOSED, proposed), (SourceRole.SUPPORTED, supported)):
            for item_id in dict.fromkeys(ids):
                item_type, row = self._source(item_id)
                link: dict[str, Any] = {
                    "recommendation_id": recommendation_id,
                    "annotation_id": item_id if item_type is ItemType.ANNOTATION else None,
                    "source_recommendation_id": item_id if item_type is ItemType.RECOMMENDATION else None,
                    "draft_id": None,
                    "section_id": None,
                    "author_id": self.owner_id,
                    "role": role.value,
                }
                targets.append(
                    ("recommendation_links", source_link_id(recommendation_id, item_type, item_id), link)
                )
                rows.append(row)
        return targets, rows

    def _panel_rec(self, recommendation_id: str) -> dict[str, Any]:
        row = self._require("recommendations", recommendation_id, "recommendation")
        if row["author_id"] != self.owner_id and row["author_id"] in self.entered_by_clerk():
            raise InvalidValue(
                f"That is {self.member(row['author_id']).name}’s recommendation (you entered it for "
                "them), not one of the panel's. Build one of the panel's recommendations from it."
            )
        return self._require_own("recommendations", recommendation_id, "recommendation")

    def _live_panel_recs(self) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM recommendations WHERE author_id = ? AND deleted = 0"
            " ORDER BY position IS NULL, position, created",
            [self.owner_id],
        )

    # -- drafting ---------------------------------------------------------------------------
    def add_panel_recommendation(
        self,
        wording: str,
        *,
        proposed: Iterable[str] = (),
        supported: Iterable[str] = (),
        anchor: Anchor | None = None,
        rationale: str = "",
        theme: str | None = None,
    ) -> Change:
        """Draft one of the panel's recommendations from members' recommendations and notes.

        Placed last in the panel's order; anchored where its first source is unless ``anchor``
        is given. ``change.item_id`` is its id.
        """
        require_text(wording, "recommendation")
        new_id = str(uuid.uuid4())
        links, sources = self._source_targets(new_id, proposed, supported)
        if anchor is not None:
            where: dict[str, object] = anchor_columns(anchor)
        else:
            where = {k: sources[0][k] for k in ANCHOR_COLUMNS} if sources else anchor_columns(Anchor(None))
        last = max((r["position"] or 0 for r in self._live_panel_recs()), default=0)
        row: dict[str, Any] = {
            "author_id": self.owner_id,
            "draft_id": self.current_draft_id,
            "wording": wording,
            "rationale": rationale,
            "theme": theme,
            "visibility": Visibility.REPORT.value,
            "panel_status": PanelStatus.DRAFT.value,
            "position": last + 1,
            **where,
        }
        return self._commit("Add panel recommendation", new_id, [("recommendations", new_id, row), *links])

    def add_sources(
        self, recommendation_id: str, *, proposed: Iterable[str] = (), supported: Iterable[str] = ()
    ) -> Change:
        """Add members' recommendations or notes to what a panel recommendation was built from."""
        self._panel_rec(recommendation_id)
        links, _ = self._source_targets(recommendation_id, proposed, supported)
        if not links:
            raise InvalidValue("Choose at least one member's recommendation or note to add.")
        return self._commit("Add to recommendation", recommendation_id, links)

    def set_source_role(self, recommendation_id: str, source_id: str, role: str | SourceRole) -> Change:
        """Change a source's part: the member proposed the recommendation, or supported it."""
        key, row = self._source_link(recommendation_id, source_id)
        new = {**row, "role": parse_source_role(role).value}
        return self._commit("Change member's part", recommendation_id, [("recommendation_links", key, new)])

    def remove_source(self, recommendation_id: str, source_id: str) -> Change:
        key, _ = self._source_link(recommendation_id, source_id)
        return self._commit(
            "Remove from recommendation", recommendation_id, [("recommendation_links", key, None)]
        )

    def _source_link(self, recommendation_id: str, source_id: str) -> tuple[str, dict[str, Any]]:
        self._panel_rec(recommendation_id)
        for item_type in ItemType:
            key = source_link_id(recommendation_id, item_type, source_id)
            row = self._row("recommendation_links", key)
            if row is not None and not row["deleted"]:
                return key, row
        raise InvalidValue("That note or recommendation is not one this recommendation was built from.")

    def reword_panel_recommendation(self, recommendation_id: str, wording: str) -> Change:
        """Edit the panel's wording (members' own wording is untouched)."""
        row = self._panel_rec(recommendation_id)
        row["wording"] = require_text(wording, "recommendation")
        return self._commit(
            "Edit recommendation wording", recommendation_id, [("recommendations", recommendation_id, row)]
        )

    # -- order and numbers ------------------------------------------------------------------
    def order_panel_recommendations(self, ids: Sequence[str]) -> Change:
        """Put the panel's recommendations in this order (any not named keep their order, after)."""
        rows = self._live_panel_recs()
        by_id = {r["id"]: r for r in rows}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise InvalidValue("Only the panel's own recommendations can be ordered; one of those is not.")
        order = [*dict.fromkeys(ids), *(r["id"] for r in rows if r["id"] not in ids)]
        targets: list[Target] = [
            ("recommendations", rid, {**by_id[rid], "position": n})
            for n, rid in enumerate(order, start=1)
            if by_id[rid]["position"] != n
        ]
        return self._commit("Reorder recommendations", None, targets)

    def number_panel_recommendations(
        self, *, prefix: str = "", start: int = 1, scheme: str | None = None
    ) -> Change:
        """Number the panel's recommendations in order; withdrawn ones lose their number.

        ``scheme`` "1" numbers them 1, 2, 3 and "R1" R1, R2, R3 (or give ``prefix`` yourself);
        "theme" numbers them by theme, "1.1, 1.2, 2.1": themes numbered in the order they first
        appear, recommendations within their theme, and the list put in that order (those with no
        theme form one group of their own where the first of them stands).
        """
        chosen = parse_numbering(scheme) if scheme is not None else None
        if chosen == "theme":
            return self._number_by_theme(start)
        if chosen is not None:
            prefix = "R" if chosen == "R1" else ""
        targets: list[Target] = []
        n = start
        for row in self._live_panel_recs():
            number = None
            if row["panel_status"] != PanelStatus.WITHDRAWN.value:
                number, n = f"{prefix}{n}", n + 1
            if row["number"] != number:
                targets.append(("recommendations", row["id"], {**row, "number": number}))
        return self._commit("Number recommendations", None, targets)

    def _number_by_theme(self, start: int) -> Change:
        rows = self._live_panel_recs()
        if rows and not any((r["theme"] or "").strip() for r in rows):
            raise InvalidValue(
                "None of the panel's recommendations has a theme yet. Give each one a theme first, "
                "or number them 1, 2, 3."
            )
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(theme_key(row["theme"]), []).append(row)
        targets: list[Target] = []
        place, theme_number = 1, start
        for members in groups.values():
            n = 1
            numbered = False
            for row in members:
                number = None
                if row["panel_status"] != PanelStatus.WITHDRAWN.value:
                    number, n, numbered = f"{theme_number}.{n}", n + 1, True
                if (row["number"], row["position"]) != (number, place):
                    targets.append(
                        ("recommendations", row["id"], {**row, "number": number, "position": place})
                    )
                place += 1
            if numbered:  # a theme whose recommendations were all withdrawn takes no number
                theme_number += 1
        return self._commit("Number recommendations by theme", None, targets)

    # -- the meeting and afterwards -----------------------------------------------------------
    def record_decision(
        self,
        recommendation_id: str,
        decision: str | PanelStatus,
        *,
        meeting_date: str | None = None,
        wording: str | None = None,
    ) -> Change:
        """The panel's decision at its meeting: agreed, amended (with the amended wording) or withdrawn.

        ``meeting_date`` defaults to the review's meeting date setting.
        """
        row = self._panel_rec(recommendation_id)
        status = parse_decision(decision)
        when = meeting_date or self.settings.meeting_date
        if not when:
            raise InvalidValue("Give the date of the meeting at which the panel decided.")
        row.update(panel_status=status.value, decided_on=parse_date(when, "meeting date"))
        if wording is not None:
            row["wording"] = require_text(wording, "recommendation")
        return self._commit(
            "Record decision", recommendation_id, [("recommendations", recommendation_id, row)]
        )

    def clear_decision(self, recommendation_id: str) -> Change:
        """Back to undecided (a decision recorded against the wrong recommendation)."""
        row = self._panel_rec(recommendation_id)
        row.update(panel_status=PanelStatus.DRAFT.value, decided_on=None)
        return self._commit(
            "Clear decision", recommendation_id, [("recommendations", recommendation_id, row)]
        )

    def record_response(
        self,
        recommendation_id: str,
        status: str | None = None,
        *,
        text: str | None = None,
        received: str | None = None,
    ) -> Change:
        """The commissioner's response: a status from the review's list, their words, the date received.

        The status may be left out (many responses are narrative only), but not both it and the
        words; with neither (and no date) the response recorded is cleared.
        """
        row = self._panel_rec(recommendation_id)
        chosen = None
        if status is not None and status.strip():
            allowed = self.settings.response_statuses
            chosen = next((s for s in allowed if s.lower() == status.strip().lower()), None)
            if chosen is None:
                raise InvalidValue(
                    f"“{status}” is not one of this review's response statuses: {', '.join(allowed)}."
                )
        words = text if text is not None and text.strip() else None
        if chosen is None and words is None:
            if received:
                raise InvalidValue("Give the response's status or its words, as well as the date received.")
            row.update(response_status=None, response_text=None, response_date=None)
            return self._commit(
                "Clear response", recommendation_id, [("recommendations", recommendation_id, row)]
            )
        row.update(response_status=chosen, response_text=words, response_date=None)
        if received:
            row["response_date"] = parse_date(received, "date received")
        return self._commit(
            "Record response", recommendation_id, [("recommendations", recommendation_id, row)]
        )

    # -- lineage ----------------------------------------------------------------------------
    def lineage(self, recommendation_id: str) -> Lineage:
        """The members' recommendations and notes a recommendation was built from, with each one's part."""
        links = self._rows(
            "SELECT * FROM recommendation_links WHERE recommendation_id = ? AND deleted = 0"
            " AND (annotation_id IS NOT NULL OR source_recommendation_id IS NOT NULL) ORDER BY created",
            [recommendation_id],
        )
        sources = []
        for link in links:
            is_note = link["annotation_id"] is not None
            item_id = link["annotation_id"] if is_note else link["source_recommendation_id"]
            row = self._row("annotations" if is_note else "recommendations", item_id)
            default = SourceRole.SUPPORTED if is_note else SourceRole.PROPOSED
            role = parse_source_role(link["role"]) if link["role"] else default
            sources.append(
                Source(
                    item_type=ItemType.ANNOTATION if is_note else ItemType.RECOMMENDATION,
                    item_id=item_id,
                    author=self.member(row["author_id"]) if row else self.member(link["author_id"]),
                    role=role,
                    text=(row["body"] if is_note else row["wording"]) if row else "",
                    kind=row["kind"] if is_note and row else "recommendation",
                    available=row is not None and not row["deleted"],
                )
            )
        return Lineage(recommendation_id, tuple(sources))
