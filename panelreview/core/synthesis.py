"""Everything said about each section by everyone: by section, then by kind, with counts of members.

    synthesis = synthesise(notes, recommendations, sections, total_members=12)
    for part in synthesis.sections:
        print(part.headline)                 # 5 of 12 members raised points on “3.1 Victims' services”
        for group in part.groups:
            print(" ", group.headline(synthesis.total_members))   # 2 of 12 members asked questions

Pure: the review file gathers the notes and recommendations; a view shows the result as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from panelreview.core.model import Section
from panelreview.core.review import Annotation, Member, Recommendation, SectionRef

RECOMMENDATION = "recommendation"
#: Kinds in the order a clerk reads them: what members asked, worried about and want, then the rest.
KIND_ORDER = ("question", "concern", RECOMMENDATION, "comment", "support", "highlight")
KIND_HEADINGS = {
    "question": "Questions",
    "concern": "Concerns",
    RECOMMENDATION: "Recommendations",
    "comment": "Comments",
    "support": "Support",
    "highlight": "Highlights",
}
_VERBS = {
    "question": "asked questions",
    "concern": "raised concerns",
    RECOMMENDATION: "made recommendations",
    "comment": "commented",
    "support": "expressed support",
    "highlight": "highlighted passages",
}
WHOLE_DRAFT = SectionRef(None, None, None)

Item = Annotation | Recommendation


def members_phrase(n: int, total: int) -> str:
    """ "5 of 12 members" (or "1 member" when no total is known)."""
    if total and total >= n:
        return f"{n} of {total} member{'s' if total != 1 else ''}"
    return f"{n} member{'s' if n != 1 else ''}"


@dataclass(frozen=True, slots=True)
class KindGroup:
    kind: str
    items: tuple[Item, ...]
    members: tuple[Member, ...]

    @property
    def heading(self) -> str:
        return KIND_HEADINGS.get(self.kind, self.kind.title())

    def headline(self, total: int) -> str:
        return f"{members_phrase(len(self.members), total)} {_VERBS.get(self.kind, 'wrote ' + self.kind)}"


@dataclass(frozen=True, slots=True)
class SectionSynthesis:
    section: SectionRef
    groups: tuple[KindGroup, ...]
    members: tuple[Member, ...]
    total_members: int
    parent: str = ""  # the part of the plan it is in, when its title recurs ("Priority 2: …")

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)

    @property
    def where(self) -> str:
        """ "“How we will measure progress” in “Priority 2: …”", or "the draft as a whole"."""
        if self.section.title is None:
            return "the draft as a whole"
        return f"“{self.section.label}” in “{self.parent}”" if self.parent else f"“{self.section.label}”"

    @property
    def headline(self) -> str:
        return f"{members_phrase(len(self.members), self.total_members)} raised points on {self.where}"


@dataclass(frozen=True, slots=True)
class Synthesis:
    sections: tuple[SectionSynthesis, ...]
    total_members: int
    members: tuple[Member, ...]  # everyone who said anything shown

    @property
    def headline(self) -> str:
        parts = len(self.sections)
        return (
            f"{members_phrase(len(self.members), self.total_members)} commented on "
            f"{parts} part{'s' if parts != 1 else ''} of the draft"
        )


def _parent_if_repeated(section: Section, sections: Sequence[Section], by_id: dict[int, Section]) -> str:
    """The top-level part of the plan a section is in, when another section has the same title
    ("How we will measure progress" under every priority); "" otherwise."""
    title = section.title.strip().lower()
    if sum(1 for s in sections if s.title.strip().lower() == title) < 2:
        return ""
    node = section
    while node.parent is not None and node.parent in by_id:
        node = by_id[node.parent]
    return node.label if node is not section else ""


def _kind(item: Item) -> str:
    return item.kind.value if isinstance(item, Annotation) else RECOMMENDATION


def _ref(section: Section | None) -> SectionRef:
    return WHOLE_DRAFT if section is None else SectionRef(section.id, section.number, section.title)


def _rolled_up(section_id: int | None, by_id: dict[int, Section], level: int | None) -> Section | None:
    section = by_id.get(section_id) if section_id is not None else None
    while level is not None and section is not None and section.level > level and section.parent is not None:
        parent = by_id.get(section.parent)
        if parent is None:
            break
        section = parent
    return section


def _position(item: Item) -> tuple[bool, int, int, str]:
    a = item.anchor
    return (a.block_index is None, a.block_index or 0, a.start or 0, item.created)


def _distinct(items: Iterable[Item], people: Mapping[str, str] | None = None) -> tuple[Member, ...]:
    """The people who wrote ``items``, each once, in order of first appearance.

    ``people`` maps an author's id to the person it is (a member's views entered by the clerk
    and their own pack are one person); that person is shown by their own member row when seen.
    """
    seen: dict[str, Member] = {}
    for item in items:
        author = item.author
        person = people.get(author.id, author.id) if people else author.id
        if person not in seen or author.id == person:
            seen[person] = author
    return tuple(seen.values())


def synthesise(
    annotations: Iterable[Annotation],
    recommendations: Iterable[Recommendation],
    sections: Sequence[Section],
    *,
    total_members: int = 0,
    kinds: Collection[str] | None = None,
    member_ids: Collection[str] | None = None,
    section_ids: Collection[int] | None = None,
    level: int | None = None,
    people: Mapping[str, str] | None = None,
) -> Synthesis:
    """Group items by section (rolled up to ``level`` if given), then by kind, in reading order.

    ``kinds`` may name note kinds and "recommendation"; ``member_ids`` keeps those authors (or
    people); ``section_ids`` keeps items in those sections (after rolling up). ``people`` maps
    author ids to the person each is, so "N of M members" counts a person once. Empty groups are
    left out.
    """
    by_id = {s.id: s for s in sections}
    order = {s.id: n for n, s in enumerate(sections)}
    buckets: dict[int | None, dict[str, list[Item]]] = {}
    everything: list[Item] = [*annotations, *recommendations]
    for item in everything:
        kind = _kind(item)
        if kinds is not None and kind not in kinds:
            continue
        if member_ids is not None and not (
            item.author.id in member_ids or (people and people.get(item.author.id) in member_ids)
        ):
            continue
        section = _rolled_up(item.anchor.section_id, by_id, level)
        key = section.id if section is not None else None
        if section_ids is not None and key not in section_ids:
            continue
        buckets.setdefault(key, {}).setdefault(kind, []).append(item)
    parts = []
    for key in sorted(buckets, key=lambda k: -1 if k is None else order.get(k, len(order))):
        groups = []
        for kind in sorted(buckets[key], key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
            items = tuple(sorted(buckets[key][kind], key=_position))
            groups.append(KindGroup(kind, items, _distinct(items, people)))
        everyone = _distinct((i for g in groups for i in g.items), people)
        section = by_id.get(key) if key is not None else None
        parent = _parent_if_repeated(section, sections, by_id) if section is not None else ""
        parts.append(SectionSynthesis(_ref(section), tuple(groups), everyone, total_members, parent))
    contributors = _distinct((i for p in parts for g in p.groups for i in g.items), people)
    return Synthesis(tuple(parts), total_members, contributors)
