"""The panel's recommendations and their links to notes and sections, each call undoable.

A link's id is derived from what it joins, so two members who link the same note to the same
recommendation make the same row, and a later merge does not duplicate it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from panelreview.core.anchor import Anchor
from panelreview.core.review import (
    Change,
    InvalidValue,
    PanelStatus,
    Visibility,
    parse_panel_status,
    parse_visibility,
    require_text,
)
from panelreview.storage.annotation_ops import _UNSET, AnnotationOps, anchor_columns

_LINKS = uuid.UUID("7d0f6f1e-6b7a-4d39-9a52-0c1a2b3c4d5e")


def link_id(
    recommendation_id: str, *, annotation_id: str | None, draft_id: str | None, section_id: int | None
) -> str:
    target = f"annotation:{annotation_id}" if annotation_id else f"section:{draft_id}:{section_id}"
    return str(uuid.uuid5(_LINKS, f"{recommendation_id}>{target}"))


class RecommendationOps(AnnotationOps):
    def _link_row(
        self, recommendation_id: str, annotation_id: str | None, section_id: int | None, draft_id: str | None
    ) -> tuple[str, dict[str, object]]:
        if (annotation_id is None) == (section_id is None):
            raise InvalidValue("Link a recommendation to one note or one section at a time.")
        if annotation_id is not None:
            self._require("annotations", annotation_id, "note")
            draft_id = None
        else:
            draft_id = draft_id or self.current_draft_id
            if section_id not in {s.id for s in self.sections(draft_id)}:
                raise InvalidValue("That section is not in the draft.")
        key = link_id(
            recommendation_id, annotation_id=annotation_id, draft_id=draft_id, section_id=section_id
        )
        row: dict[str, object] = {
            "recommendation_id": recommendation_id,
            "annotation_id": annotation_id,
            "draft_id": draft_id,
            "section_id": section_id,
            "author_id": self.owner_id,
        }
        return key, row

    def add_recommendation(
        self,
        wording: str,
        *,
        anchor: Anchor | None = None,
        rationale: str = "",
        visibility: str | Visibility = Visibility.PRIVATE,
        theme: str | None = None,
        priority: str | None = None,
        annotation_ids: Iterable[str] = (),
        section_ids: Iterable[int] = (),
        draft_id: str | None = None,
    ) -> Change:
        """A new recommendation, with its links, in one step. ``change.item_id`` is its id.

        The anchor's section (if any) is linked too.
        """
        new_id, targets = self._new_recommendation(
            wording,
            anchor=anchor,
            rationale=rationale,
            visibility=visibility,
            theme=theme,
            priority=priority,
            annotation_ids=annotation_ids,
            section_ids=section_ids,
            draft_id=draft_id,
        )
        return self._commit("Add recommendation", new_id, targets)

    def _new_recommendation(
        self,
        wording: str,
        *,
        anchor: Anchor | None,
        rationale: str,
        visibility: str | Visibility,
        theme: str | None,
        priority: str | None,
        annotation_ids: Iterable[str],
        section_ids: Iterable[int],
        draft_id: str | None,
    ) -> tuple[str, list[tuple[str, str, dict[str, object] | None]]]:
        """A new recommendation's id and the rows that make it (for a step that writes more)."""
        require_text(wording, "recommendation")
        draft = draft_id or self.current_draft_id
        new_id = str(uuid.uuid4())
        row: dict[str, object] = {
            "author_id": self.owner_id,
            "draft_id": draft,
            "wording": wording,
            "rationale": rationale,
            "theme": theme,
            "priority": priority,
            "visibility": parse_visibility(visibility).value,
            "panel_status": PanelStatus.DRAFT.value,
            **anchor_columns(anchor or Anchor(section_id=None)),
        }
        targets: list[tuple[str, str, dict[str, object] | None]] = [("recommendations", new_id, row)]
        sections = list(
            dict.fromkeys(
                [*section_ids, *([anchor.section_id] if anchor and anchor.section_id is not None else [])]
            )
        )
        for ann in dict.fromkeys(annotation_ids):
            targets.append(("recommendation_links", *self._link_row(new_id, ann, None, None)))
        for sec in sections:
            targets.append(("recommendation_links", *self._link_row(new_id, None, sec, draft)))
        return new_id, targets

    def edit_recommendation(
        self,
        recommendation_id: str,
        *,
        wording: str | None = None,
        rationale: str | None = None,
        visibility: str | Visibility | None = None,
        panel_status: str | PanelStatus | None = None,
        theme: str | None = _UNSET,
        priority: str | None = _UNSET,
        supporters: Iterable[str] | None = None,
        response_status: str | None = _UNSET,
        response_text: str | None = _UNSET,
        response_date: str | None = _UNSET,
        anchor: Anchor | None = None,
    ) -> Change:
        """Change any field; ``response_*`` record the commissioner's response (clerk)."""
        row = self._require_editable("recommendations", recommendation_id, "recommendation")
        new: dict[str, Any] = dict(row)
        if wording is not None:
            new["wording"] = require_text(wording, "recommendation")
        if rationale is not None:
            new["rationale"] = rationale
        if visibility is not None:
            new["visibility"] = parse_visibility(visibility).value
        if panel_status is not None:
            new["panel_status"] = parse_panel_status(panel_status).value
        if supporters is not None:
            new["supporters"] = json.dumps(list(dict.fromkeys(supporters)), ensure_ascii=False)
        if response_status is not _UNSET and response_status is not None:
            allowed = self.settings.response_statuses
            if response_status not in allowed:
                raise InvalidValue(
                    f"“{response_status}” is not one of this review's response statuses: "
                    f"{', '.join(allowed)}."
                )
        for key, value in (
            ("theme", theme),
            ("priority", priority),
            ("response_status", response_status),
            ("response_text", response_text),
            ("response_date", response_date),
        ):
            if value is not _UNSET:
                new[key] = value
        if anchor is not None:
            new.update(anchor_columns(anchor))
        return self._commit(
            "Edit recommendation", recommendation_id, [("recommendations", recommendation_id, new)]
        )

    def delete_recommendation(self, recommendation_id: str) -> Change:
        self._require_editable("recommendations", recommendation_id, "recommendation")
        return self._commit(
            "Delete recommendation", recommendation_id, [("recommendations", recommendation_id, None)]
        )

    def link(
        self,
        recommendation_id: str,
        *,
        annotation_id: str | None = None,
        section_id: int | None = None,
        draft_id: str | None = None,
    ) -> Change:
        """Link a recommendation to a note or to a section of the draft."""
        self._require("recommendations", recommendation_id, "recommendation")
        key, row = self._link_row(recommendation_id, annotation_id, section_id, draft_id)
        return self._commit("Link recommendation", recommendation_id, [("recommendation_links", key, row)])

    def unlink(
        self,
        recommendation_id: str,
        *,
        annotation_id: str | None = None,
        section_id: int | None = None,
        draft_id: str | None = None,
    ) -> Change:
        if annotation_id is None:
            draft_id = draft_id or self.current_draft_id
        key = link_id(
            recommendation_id, annotation_id=annotation_id, draft_id=draft_id, section_id=section_id
        )
        row = self._row("recommendation_links", key)
        if row is None or row["deleted"]:
            raise InvalidValue("That recommendation is not linked there.")
        return self._commit("Unlink recommendation", recommendation_id, [("recommendation_links", key, None)])
