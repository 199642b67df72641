"""Measurable commitments: under each priority, the outcomes and commitments, and which have a measure.

    result = find_measures(document)
    for priority in result.priorities:
        print(priority.title)
        for item in priority.items:
            print(" ", item.kind, item.text, [m.text for m in item.measures] or "no measure")
        for table in priority.kpis:
            for row in table.rows:
                print("   KPI", row.indicator, row.baseline, "→", row.target)

A measure is a number, a percentage, a date or timescale in the commitment's own words, or a row
of a key performance indicator table (one with indicator, baseline or target columns) whose
indicator shares its words. KPI tables outside any priority (an appendix) are offered to every
priority's items. Pure: works on the document model only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from panelreview.core.checklist_data import normalise_text
from panelreview.core.kpi_tables import KpiRow, KpiTable, kpi_tables
from panelreview.core.measure_text import (
    COMMITMENT_HEADING,
    MEASURE_HEADING,
    OUTCOME_HEADING,
    Measure,
    best_matches,
    kpi_words,
    measures_in,
    rarity,
)
from panelreview.core.model import Block, BlockKind, Document, Section

__all__ = [
    "Commitment",
    "KpiRow",
    "KpiTable",
    "Measure",
    "MeasuresResult",
    "PriorityMeasures",
    "find_measures",
]

_PRIORITY = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:strategic\s+|our\s+)?(?:priority|theme|objective|aim|goal|pillar|mission|outcome|"
    r"blaenoriaeth|thema|amcan|nod)\b\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]\b)?",
    re.IGNORECASE,
)
_PRIORITY_LIST = re.compile(
    r"^(?:our\s+|the\s+|strategic\s+|police and crime\s+)*(?:priorities|objectives|themes|aims|goals|pillars|"
    r"missions|outcomes)\b|^ein\s+blaenoriaethau|^blaenoriaethau",
    re.IGNORECASE,
)
_WILL = re.compile(
    r"^(?:we|i|the\s+\w+(?:\s+\w+)?|they|our\s+\w+|westshire\s+police|the\s+force)\s+will\b", re.IGNORECASE
)
_LEAD_IN = re.compile(r":\s*$")


@dataclass(frozen=True, slots=True)
class Commitment:
    """An outcome the plan wants to see, or a commitment it makes, and the measures it has."""

    kind: str  # "outcome" or "commitment"
    text: str
    number: str | None
    section_id: int | None
    block_index: int
    page: int | None
    measures: tuple[Measure, ...] = ()

    @property
    def measured(self) -> bool:
        return bool(self.measures)


@dataclass(frozen=True, slots=True)
class PriorityMeasures:
    section: Section | None  # None: the plan has no priorities we could find; items from everywhere
    items: tuple[Commitment, ...]
    kpis: tuple[KpiTable, ...]

    @property
    def title(self) -> str:
        return self.section.label if self.section else "The plan as a whole"

    @property
    def measured(self) -> int:
        return sum(1 for i in self.items if i.measured)


@dataclass(frozen=True, slots=True)
class MeasuresResult:
    priorities: tuple[PriorityMeasures, ...]
    other_kpis: tuple[KpiTable, ...] = field(default_factory=tuple)  # KPI tables outside the priorities

    @property
    def items(self) -> tuple[Commitment, ...]:
        return tuple(i for p in self.priorities for i in p.items)

    @property
    def summary(self) -> str:
        items = self.items
        if not items:
            return "No outcomes or commitments were found under the plan's priorities."
        measured = sum(1 for i in items if i.measured)
        return (
            f"{measured} of {len(items)} outcomes and commitments under {len(self.priorities)} "
            f"priorit{'y' if len(self.priorities) == 1 else 'ies'} have a measure; "
            f"{len(items) - measured} have none."
        )


def priority_sections(document: Document) -> list[Section]:
    """The plan's priorities: headings such as "Priority 2: …", "Theme One", "Objective 3", or the
    subsections of an "Our priorities" chapter; outermost only."""
    sections = document.sections
    blocks = document.blocks
    headings = [s for s in sections if blocks[s.first_block].kind is BlockKind.HEADING]
    found = [s for s in headings if _PRIORITY.match(s.title) and not _is_heading_of_list(s)]
    if not found:
        lists = {s.id for s in headings if _PRIORITY_LIST.match(s.title)}
        found = [s for s in headings if s.parent in lists]
    ids = {s.id for s in found}
    by_id = {s.id: s for s in sections}
    outermost = []
    for s in found:
        node, inside = s, False
        while node.parent is not None:
            if node.parent in ids:
                inside = True
                break
            node = by_id[node.parent]
        if not inside:
            outermost.append(s)
    return outermost


def _is_heading_of_list(section: Section) -> bool:
    """ "Priorities" or "Our objectives" names the list, not one priority."""
    return bool(_PRIORITY_LIST.match(section.title)) and not re.search(r"\d|:", section.title)


def find_measures(document: Document, priorities: Sequence[Section] | None = None) -> MeasuresResult:
    """The outcomes and commitments under each priority, and their measures (see the module)."""
    sections = document.sections
    blocks = document.blocks
    chosen = list(priorities) if priorities is not None else priority_sections(document)
    tables = kpi_tables(blocks)
    spans = [(p.first_block, p.last_block) for p in chosen]

    def inside(table: KpiTable) -> int | None:
        for n, (a, b) in enumerate(spans):
            if a <= table.first_block <= b:
                return n
        return None

    by_priority: dict[int, list[KpiTable]] = {}
    others: list[KpiTable] = []
    for table in tables:
        n = inside(table)
        if n is None:
            others.append(table)
        else:
            by_priority.setdefault(n, []).append(table)
    other_rows = [(row, kpi_words(row.indicator)) for t in others for row in t.rows]
    weight = rarity(b.text for b in blocks) if tables else {}
    groups = []
    targets = list(enumerate(chosen)) if chosen else [(0, None)]
    for n, section in targets:
        span = (section.first_block, section.last_block) if section else (0, len(blocks) - 1)
        mine = by_priority.get(n, []) if section else tables
        rows = [(row, kpi_words(row.indicator)) for t in mine for row in t.rows]
        if section:
            rows += other_rows
        items = _items(blocks, sections, span, rows, weight)
        groups.append(PriorityMeasures(section, tuple(items), tuple(mine)))
    return MeasuresResult(tuple(groups), tuple(others) if chosen else ())


def _items(
    blocks: Sequence[Block],
    sections: Sequence[Section],
    span: tuple[int, int],
    rows: Sequence[tuple[KpiRow, frozenset[str]]],
    weight: dict[str, float],
) -> list[Commitment]:
    inner = [s for s in sections if span[0] <= s.first_block <= span[1]]
    starts = {s.first_block: s for s in inner}
    found: list[Commitment] = []
    role = ""  # "outcome", "commitment" or "measure": what the subsection we are in is for
    role_level = 0
    current: Section | None = None
    lead_in = False
    for block in blocks[span[0] : span[1] + 1]:
        section = starts.get(block.index)
        enumerated = section is not None and block.kind is not BlockKind.HEADING
        if section is not None and not enumerated:
            current = section
            title = normalise_text(section.title)
            if role and section.level <= role_level:
                role = ""
            for name, pattern in (
                ("measure", MEASURE_HEADING),
                ("outcome", OUTCOME_HEADING),
                ("commitment", COMMITMENT_HEADING),
            ):
                if pattern.search(title):
                    role, role_level = name, section.level
                    break
            lead_in = False
            continue
        if block.kind is BlockKind.TABLE_CELL or role == "measure":
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        kind = ""
        if enumerated:
            kind = "commitment" if role == "commitment" else "outcome"
        elif block.kind is BlockKind.LIST_ITEM:
            kind = "outcome" if role == "outcome" else "commitment"
        elif block.kind is BlockKind.PARAGRAPH:
            if _LEAD_IN.search(text):
                lead_in = True
                continue
            if role == "outcome" and lead_in:
                kind = "outcome"
            elif _WILL.match(text) and len(text) < 400:
                kind = "commitment"
        if not kind:
            continue
        number = section.number if enumerated and section is not None else None
        body = text
        if number and body.startswith(number):
            body = body[len(number) :].lstrip(" .)\t")
        own = measures_in(body)
        words = kpi_words(body)
        kpis = tuple(Measure("kpi", row.describe()) for row in best_matches(words, rows, weight))
        found.append(
            Commitment(
                kind=kind,
                text=body,
                number=number,
                section_id=(section.id if enumerated and section else current.id if current else None),
                block_index=block.index,
                page=block.page + 1 if block.page is not None else None,
                measures=own + kpis,
            )
        )
    return found
