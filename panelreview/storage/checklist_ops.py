"""The statutory checklist in a review: what the draft addresses, the member's view, the clerk's tally.

    result = review.checklist()                       # proposals for the current draft
    change = review.decide_checklist_item("grants", "missing", note="No grants are named.")
    change = review.draft_checklist_recommendation("grants")   # one step, undoable
    review.checklist_tally()                           # clerk: how many members marked each missing

A member's view of an item is one row per member, draft and item (``checklist_decisions``),
shared with the panel unless the member keeps it private; it travels to the clerk in review packs
like notes do (never a private one).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from panelreview.core.anchor import Anchor, anchor_section, find_section
from panelreview.core.checklist import ChecklistResult, Status, run_checklist
from panelreview.core.checklist_data import Checklist, Titles
from panelreview.core.measures import MeasuresResult, find_measures, priority_sections
from panelreview.core.model import Document, Section
from panelreview.core.review import Change, InvalidValue, Member, Role, Visibility, parse_visibility
from panelreview.core.synthesis import members_phrase
from panelreview.storage.clerk_views import ClerkViews

DECISIONS = ("confirmed", "changed", "weak", "missing")
DECISION_WORDS = {
    "confirmed": "confirmed",
    "changed": "pointed to other sections",
    "weak": "marked it weak",
    "missing": "marked it missing",
}
RECOMMENDATION_THEME = "Statutory content"
_NAMESPACE = uuid.UUID("4f0c1b7e-53a1-4f43-9d41-6a1e0c2f7c15")


def decision_id(author_id: str, draft_id: str, item_id: str) -> str:
    """The id of a member's view of an item on a draft: the same in every copy of the review."""
    return str(uuid.uuid5(_NAMESPACE, f"{author_id}/{draft_id}/{item_id}"))


@dataclass(frozen=True, slots=True)
class Decision:
    """A member's view of one checklist item."""

    id: str
    item_id: str
    decision: str  # confirmed, changed, weak, missing
    sections: tuple[Section, ...]
    note: str
    visibility: str
    author: Member
    updated: str
    recommendation_id: str | None = None


@dataclass(frozen=True, slots=True)
class ItemTally:
    """What the members said about one checklist item (the clerk's synthesis)."""

    item_id: str
    title: str
    status: Status  # what PanelReview found in the draft
    counts: dict[str, int]  # decision -> number of people
    views: tuple[Decision, ...]
    total_members: int

    @property
    def missing(self) -> int:
        return self.counts.get("missing", 0)

    @property
    def headline(self) -> str:
        if not self.views:
            return "No member has given a view"
        parts = [
            f"{members_phrase(n, self.total_members)} {DECISION_WORDS[d]}"
            for d in ("missing", "weak", "changed", "confirmed")
            if (n := self.counts.get(d, 0))
        ]
        return "; ".join(parts)


def parse_decision(value: str) -> str:
    wanted = value.strip().lower()
    aliases = {"confirm": "confirmed", "change": "changed", "missing": "missing", "weak": "weak"}
    wanted = aliases.get(wanted, wanted)
    if wanted not in DECISIONS:
        raise InvalidValue(
            f"“{value}” is not a view of a checklist item. Choose one of: {', '.join(DECISIONS)}."
        )
    return wanted


class ChecklistOps(ClerkViews):
    _checklist_cache: tuple[tuple[str, int, Titles], ChecklistResult] | None = None

    def remember_document(self, document: Document) -> None:
        """Use ``document`` (already read, by the window) for the draft it is, instead of reading it again."""
        if document.identity.sha256 in {d["id"] for d in self.drafts()}:
            self._documents[document.identity.sha256] = document

    def _titles(self) -> Titles:
        settings = self.settings
        return Titles.from_settings(settings.commissioner_title, settings.panel_title)

    def _statutory(self, checklist: Checklist | None) -> Checklist:
        if checklist is not None:
            return checklist
        from panelreview.resources import load_checklist

        return load_checklist()

    def checklist(self, checklist: Checklist | None = None) -> ChecklistResult:
        """For each checklist item, the sections of the current draft proposed as addressing it."""
        chosen = self._statutory(checklist)
        titles = self._titles()
        key = (self.current_draft_id, id(chosen), titles)
        if self._checklist_cache is not None and self._checklist_cache[0] == key:
            return self._checklist_cache[1]
        result = run_checklist(self.document(), chosen, titles)
        self._checklist_cache = (key, result)
        return result

    def measures(self) -> MeasuresResult:
        """The outcomes and commitments under each priority of the current draft, and their measures."""
        document = self.document()
        priorities = None
        if not priority_sections(document):  # fall back on the sections the checklist takes as objectives
            found = [
                p.section for r in self.checklist().items if r.item.id == "objectives" for p in r.proposals
            ]
            priorities = found or None
        return find_measures(document, priorities)

    # -- the member's views -----------------------------------------------------------------
    def _decision(self, row: dict[str, Any], sections: dict[int, Section]) -> Decision:
        ids = json.loads(row["section_ids"] or "[]")
        return Decision(
            id=row["id"],
            item_id=row["item_id"],
            decision=row["decision"],
            sections=tuple(sections[i] for i in ids if i in sections),
            note=row["note"],
            visibility=row["visibility"],
            author=self.member(row["author_id"]),
            updated=row["updated"],
            recommendation_id=row["recommendation_id"],
        )

    def checklist_decisions(self, *, author_id: str | None = None) -> list[Decision]:
        """Views of checklist items on the current draft (everyone's, or one author's)."""
        draft = self.current_draft_id
        sql, params = "SELECT * FROM checklist_decisions WHERE draft_id = ? AND deleted = 0", [draft]
        if author_id is not None:
            sql += " AND author_id = ?"
            params.append(author_id)
        sections = {s.id: s for s in self.sections(draft)}
        return [self._decision(r, sections) for r in self._rows(sql + " ORDER BY created, id", params)]

    def checklist_decisions_mine(self) -> dict[str, Decision]:
        return {d.item_id: d for d in self.checklist_decisions(author_id=self.owner_id)}

    def decide_checklist_item(
        self,
        item_id: str,
        decision: str,
        *,
        sections: Sequence[str | int] | None = None,
        note: str = "",
        visibility: str | Visibility = Visibility.PANEL,
        checklist: Checklist | None = None,
    ) -> Change:
        """Record the owner's view of an item: confirm the proposed sections, change them (give
        ``sections`` by number, title or id), mark it weak or missing; with a note. One undo step."""
        chosen = self._statutory(checklist)
        item = chosen.item(item_id)
        decision = parse_decision(decision)
        draft = self.current_draft_id
        outline = self.sections(draft)
        if sections:
            ids = [s if isinstance(s, int) else find_section(outline, s).id for s in sections]
        elif decision == "changed":
            raise InvalidValue("Say which sections address it (for example --sections '2.1; Finance').")
        elif decision == "missing":
            ids = []
        else:
            ids = [p.section.id for p in self.checklist(checklist).item(item.id).proposals]
        key = decision_id(self.owner_id, draft, item.id)
        current = self._row("checklist_decisions", key)
        row: dict[str, object] = {
            "author_id": self.owner_id,
            "draft_id": draft,
            "item_id": item.id,
            "decision": decision,
            "section_ids": json.dumps(list(dict.fromkeys(ids))),
            "note": note.strip(),
            "visibility": _visibility(visibility),
            "recommendation_id": current["recommendation_id"] if current and not current["deleted"] else None,
        }
        label = {"confirmed": "Confirm", "changed": "Change sections for", "weak": "Mark weak",
                 "missing": "Mark missing"}[decision]  # fmt: skip
        return self._commit(
            f"{label}: {item.title_for(self._titles())}", key, [("checklist_decisions", key, row)]
        )

    def clear_checklist_decision(self, item_id: str) -> Change:
        """Forget the owner's view of an item (back to PanelReview's proposal)."""
        key = decision_id(self.owner_id, self.current_draft_id, item_id.strip().lower())
        return self._commit("Clear checklist view", key, [("checklist_decisions", key, None)])

    def draft_checklist_recommendation(self, item_id: str, *, checklist: Checklist | None = None) -> Change:
        """Draft a recommendation asking that the final plan set the item out, citing the checklist
        item; the member's view becomes (or stays) weak or missing. One step, one undo."""
        chosen = self._statutory(checklist)
        item = chosen.item(item_id)
        result = self.checklist(checklist).item(item.id)
        mine = self.checklist_decisions_mine().get(item.id)
        draft = self.current_draft_id
        if mine is not None and mine.decision in ("weak", "missing"):
            decision, sections, note, visibility = mine.decision, mine.sections, mine.note, mine.visibility
        else:
            decision = "missing" if not result.found else "weak"
            sections = mine.sections if mine else tuple(p.section for p in result.proposals)
            note, visibility = (mine.note, mine.visibility) if mine else ("", Visibility.PANEL.value)
        if decision == "missing":
            finding = f"The draft does not appear to set out {result.asks}."
        else:
            finding = f"The draft sets out {result.asks} only in part. {result.summary}"
        rationale = f"Statutory checklist: {result.title} ({item.law}). {finding}"
        if note:
            rationale += f" {note}"
        anchor = anchor_section(self.sections(draft), sections[0]) if sections else Anchor(section_id=None)
        rec_id, targets = self._new_recommendation(
            result.recommendation,
            anchor=anchor,
            rationale=rationale,
            visibility=visibility,
            theme=RECOMMENDATION_THEME,
            priority=None,
            annotation_ids=(),
            section_ids=(),
            draft_id=draft,
        )
        key = decision_id(self.owner_id, draft, item.id)
        view: dict[str, object] = {
            "author_id": self.owner_id,
            "draft_id": draft,
            "item_id": item.id,
            "decision": decision,
            "section_ids": json.dumps([s.id for s in sections]),
            "note": note,
            "visibility": visibility,
            "recommendation_id": rec_id,
        }
        targets.append(("checklist_decisions", key, view))
        return self._commit(f"Draft a recommendation: {result.title}", rec_id, targets)

    # -- the clerk's tally ------------------------------------------------------------------
    def checklist_tally(self, checklist: Checklist | None = None) -> list[ItemTally]:
        """For each item: how many members confirmed it, changed it, marked it weak or missing.

        In a clerk's review the clerk's own views are left out; a person is counted once (a
        member's views entered by the clerk and their own packs are one person).
        """
        result = self.checklist(checklist)
        views = self.checklist_decisions()
        if self.owner.role is Role.CLERK:
            views = [v for v in views if v.author.id != self.owner_id]
        people = self.people()
        total = self.panel_size()
        tallies = []
        for item in result.items:
            mine = [v for v in views if v.item_id == item.item.id]
            latest: dict[str, Decision] = {}
            for v in sorted(mine, key=lambda d: d.updated):
                latest[people.get(v.author.id, v.author.id)] = v
            counts: dict[str, int] = {}
            for v in latest.values():
                counts[v.decision] = counts.get(v.decision, 0) + 1
            tallies.append(
                ItemTally(item.item.id, item.title, item.status, counts, tuple(latest.values()), total)
            )
        return tallies


def _visibility(value: str | Visibility) -> str:
    chosen = parse_visibility(value)
    if chosen is Visibility.REPORT:
        return Visibility.PANEL.value  # a view of the checklist is shared with the panel at most
    return chosen.value
