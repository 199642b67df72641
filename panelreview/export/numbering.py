"""Numbering the panel's recommendations: 1, 2, 3 / R1, R2 / 2.1 by theme.

Recommendations are grouped by their theme, or (without one) by the top-level part of the plan
they refer to ("Priority 2: ..."); groups come in the order of their first recommendation in the
panel's order, and keep the panel's order inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from panelreview.core.review import Recommendation
from panelreview.export.errors import ExportError
from panelreview.export.textclean import one_line

SCHEMES = ("1", "R1", "theme")
WHOLE_PLAN = "The plan as a whole"


@dataclass(frozen=True, slots=True)
class Group:
    index: int  # 1-based
    title: str


@dataclass(frozen=True, slots=True)
class Numbered:
    number: str  # "3", "R3" or "2.1"
    rec: Recommendation
    group: Group

    @property
    def label(self) -> str:
        return f"Recommendation {self.number}"


def parse_scheme(value: str) -> str:
    wanted = value.strip().lower()
    for scheme in SCHEMES:
        if wanted == scheme.lower():
            return scheme
    if wanted in ("r", "r1,r2", "prefixed"):
        return "R1"
    if wanted in ("plain", "1,2,3", "numbers"):
        return "1"
    raise ExportError(
        f"“{value}” is not a way to number recommendations. "
        "Use 1 (1, 2, 3), R1 (R1, R2) or theme (2.1 by theme)."
    )


def group_title(rec: Recommendation) -> str:
    """A recommendation's theme, or the top-level section of the plan it refers to."""
    theme = one_line(rec.theme)
    if theme:
        return theme
    if rec.anchor.heading_path:
        return one_line(rec.anchor.heading_path[0]) or WHOLE_PLAN
    if rec.section.title:
        return one_line(rec.section.label)
    return WHOLE_PLAN


def number(recs: Sequence[Recommendation], scheme: str, *, grouped: bool = False) -> list[Numbered]:
    """The recommendations numbered by ``scheme`` ("1", "R1", "theme").

    Theme numbering (and ``grouped``) puts each group's recommendations together, so numbers
    always run in the order they are printed. With the default scheme "1", numbers the clerk has
    already given every recommendation (``rec.number``, the ones the response tracker uses) are
    kept, in the panel's order.
    """
    scheme = parse_scheme(scheme)
    stored = scheme == "1" and bool(recs) and all(one_line(r.number) for r in recs)
    groups: dict[str, Group] = {}
    members: dict[str, list[Recommendation]] = {}
    for rec in recs:
        title = group_title(rec)
        if title not in groups:
            groups[title] = Group(len(groups) + 1, title)
        members.setdefault(title, []).append(rec)
    if (scheme == "theme" or grouped) and not stored:
        ordered = [(groups[t], r) for t in groups for r in members[t]]
    else:
        ordered = [(groups[group_title(r)], r) for r in recs]
    out: list[Numbered] = []
    within: dict[int, int] = {}
    for i, (group, rec) in enumerate(ordered, start=1):
        within[group.index] = within.get(group.index, 0) + 1
        if stored:
            label = one_line(rec.number)
        elif scheme == "theme":
            label = f"{group.index}.{within[group.index]}"
        elif scheme == "R1":
            label = f"R{i}"
        else:
            label = str(i)
        out.append(Numbered(label, rec, group))
    return out
