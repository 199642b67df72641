"""What the clerk reads: the synthesis of members' views and near-duplicate recommendations.

In a clerk's review, the synthesis covers every member's notes and recommendations: not the
clerk's own working notes, nor the panel's recommendations the clerk drafts from them. In a
member's review it covers the review's own items. "N of M members": M is the number on the
clerk's members list, with anyone not on it whose views were received (with no list: the members
whose views were received). A member's views entered by the clerk (received on paper or by
email) are theirs, counted once with whatever their own packs brought.
"""

from __future__ import annotations

from collections.abc import Collection

from panelreview.core.clerk import ThemeGroup
from panelreview.core.review import Annotation, Recommendation, Role
from panelreview.core.similarity import DEFAULT_THRESHOLD, Candidate, MergeSuggestion, near_duplicates
from panelreview.core.synthesis import RECOMMENDATION, Synthesis, synthesise
from panelreview.storage.consolidate import ConsolidationOps, theme_key


class ClerkViews(ConsolidationOps):
    def _members_items(self) -> tuple[list[Annotation], list[Recommendation]]:
        draft = self.current_draft_id  # the sections counted are this draft's
        notes = self.annotations(draft_id=draft)
        recs = self.recommendations(draft_id=draft)
        if self.owner.role is Role.CLERK:
            notes = [a for a in notes if a.author.id != self.owner_id]
            recs = [r for r in recs if r.author.id != self.owner_id]
        return notes, recs

    def panel_size(self) -> int:
        """How many members the counts are out of (see the module's notes)."""
        return len(self.members_status())  # the list, and anyone not on it who sent views

    def synthesis(
        self,
        *,
        kinds: Collection[str] | None = None,
        member_ids: Collection[str] | None = None,
        section_ids: Collection[int] | None = None,
        level: int | None = None,
    ) -> Synthesis:
        """Everything members said, by section (rolled up to ``level``), then by kind, with counts.

        ``kinds`` may hold note kinds ("question", "concern", ...) and "recommendation".
        """
        notes, recs = self._members_items()
        if kinds is not None:
            wanted = {str(k).strip().lower() for k in kinds}
            kinds = {
                RECOMMENDATION if k in ("recommendation", "recommendations") else k.rstrip("s")
                for k in wanted
            }
        return synthesise(
            notes,
            recs,
            self.sections(),
            total_members=self.panel_size(),
            kinds=kinds,
            member_ids=member_ids,
            section_ids=section_ids,
            level=level,
            people=self.people(),
        )

    def merge_suggestions(self, threshold: float = DEFAULT_THRESHOLD) -> list[MergeSuggestion]:
        """Members' recommendations worded alike on the same passage, not yet merged into one.

        A group is left out once all its recommendations are sources of one panel recommendation.
        """
        where, params = "draft_id = ? AND deleted = 0", [self.current_draft_id]
        if self.owner.role is Role.CLERK:  # members' recommendations only, as in the synthesis
            where += " AND author_id != ?"
            params.append(self.owner_id)
        candidates = [
            Candidate(r["id"], r["wording"], r["section_id"], r["char_start"], r["char_end"])
            for r in self._rows(
                "SELECT id, wording, section_id, char_start, char_end FROM recommendations"
                f" WHERE {where} ORDER BY created, id",
                params,
            )
        ]
        merged: dict[str, set[str]] = {}
        for link in self._rows(
            "SELECT recommendation_id, source_recommendation_id FROM recommendation_links"
            " WHERE deleted = 0 AND source_recommendation_id IS NOT NULL"
        ):
            merged.setdefault(link["source_recommendation_id"], set()).add(link["recommendation_id"])
        found = []
        for suggestion in near_duplicates(candidates, threshold):
            common = set.intersection(*(merged.get(i, set()) for i in suggestion.ids))
            if not common:
                found.append(suggestion)
        return found

    def panel_themes(self, *, agreed_only: bool = False) -> list[ThemeGroup]:
        """The panel's recommendations (as :meth:`panel_recommendations` gives them) grouped by theme.

        Themes come in the order they first appear (themes compared without regard to case); a
        theme's number is read from its recommendations' numbers once they are numbered by theme.
        """
        groups: dict[str, list[Recommendation]] = {}
        for rec in self.panel_recommendations(agreed_only=agreed_only):
            groups.setdefault(theme_key(rec.theme), []).append(rec)
        found = []
        for key, recs in groups.items():
            numbers = [r.number for r in recs if r.number and "." in r.number]
            title = next((r.theme.strip() for r in recs if r.theme), None) if key else None
            found.append(ThemeGroup(numbers[0].split(".")[0] if numbers else None, title, tuple(recs)))
        return found
