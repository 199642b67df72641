"""Notes on every section of a Westshire draft, by section and by quote, and how to score where they
land against ``westshire-v1-to-v2-map.json``. Used by the tests and by bench/bench_westshire_carry.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from panelreview.core.anchor import Anchor, anchor_section, anchor_span
from panelreview.core.model import BlockKind, Document, full_text
from panelreview.core.reanchor import CarriedAnchor

_WORD_END = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """A note on outline entry ``index`` of the old draft: ``by`` is "section" or "quote"."""

    index: int
    by: str
    anchor: Anchor


def _quote_span(text: str, start: int, end: int, length: int = 70) -> tuple[int, int]:
    """About ``length`` characters from the middle third of ``text[start:end]``, on word boundaries."""
    s = start + (end - start) // 3
    while s > start and not text[s - 1].isspace():
        s -= 1
    e = min(end, s + length)
    while e < end and not text[e].isspace():
        e += 1
    return s, max(e, s + 1)


def notes_on_every_section(document: Document) -> list[PlannedNote]:
    """One note on each outline entry as a whole, and one on a passage of its own text (or, for a
    heading with no text of its own, on its heading)."""
    text, starts = full_text(document.blocks)
    ordered = document.sections
    planned: list[PlannedNote] = []
    for i, section in enumerate(ordered):
        planned.append(PlannedNote(i, "section", anchor_section(ordered, section)))
        next_first = ordered[i + 1].first_block if i + 1 < len(ordered) else len(document.blocks)
        own = range(
            section.first_block, min(section.last_block + 1, max(next_first, section.first_block + 1))
        )
        body = [
            b for b in own if document.blocks[b].kind is not BlockKind.HEADING or b != section.first_block
        ]
        body = [b for b in body if len(document.blocks[b].text) > 20] or [section.first_block]
        block = max(body, key=lambda b: len(document.blocks[b].text))
        s, e = _quote_span(text, starts[block], starts[block] + len(document.blocks[block].text))
        planned.append(PlannedNote(i, "quote", anchor_span(document, s, e)))
    return planned


def expected_targets(samples: Path, old_is_v1: bool = True, new_is_v2: bool = True) -> dict[int, int | None]:
    """Old outline index -> new outline index (None: removed), from the map of the samples."""
    found = json.loads((samples / "westshire-v1-to-v2-map.json").read_text(encoding="utf-8"))
    assert old_is_v1
    return {e["v1_index"]: (e["v2_index"] if new_is_v2 else e["v1_index"]) for e in found["v1_to_v2"]}


@dataclass(frozen=True, slots=True)
class Score:
    placed_right: int
    orphaned_right: int
    wrong: list[str]
    total: int

    @property
    def share_right(self) -> float:
        return (self.placed_right + self.orphaned_right) / self.total if self.total else 1.0


def score(
    planned: list[PlannedNote], results: list[CarriedAnchor], new: Document, expected: dict[int, int | None]
) -> Score:
    """Placed right: on the section the map names; removed sections' notes: orphaned."""
    index_of = {s.id: n for n, s in enumerate(new.sections)}
    right = orphaned = 0
    wrong: list[str] = []
    for note, result in zip(planned, results, strict=True):
        target = expected[note.index]
        got = (
            index_of.get(result.anchor.section_id)
            if result.anchor and result.anchor.section_id is not None
            else None
        )
        if target is None and result.status == "orphaned":
            orphaned += 1
        elif target is not None and result.anchor is not None and got == target:
            right += 1
        else:
            wrong.append(f"entry {note.index} by {note.by}: {result.status}, expected {target}, got {got}")
    return Score(right, orphaned, wrong, len(planned))
