"""Which sections of a draft address each statutory checklist item, with the words that show it.

    result = run_checklist(document, checklist, titles)
    for item in result.items:
        print(item.title, item.status, [p.section.label for p in item.proposals])
        print(item.summary)        # "Not found: nothing in the draft's headings or text speaks of …"

A section's heading and its own text (the blocks before its first subsection) are searched for
each item's phrases; each phrase counts once per section, at its weight. Sections scoring the
checklist's threshold are proposed. A subsection is folded into its proposed parent when the
parent's heading says at least as much, so "Resources and finance" stands for its "Revenue
budget", while "Holding the Chief Constable to account" stays beside "Governance". Glossaries and
contents pages are left out; a foreword or introduction counts half (it mentions everything).
It only suggests: the member confirms, changes or marks an item missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from panelreview.core.checklist_data import (
    HEADING,
    Checklist,
    ChecklistItem,
    Titles,
    normalise_text,
    phrase_body,
    phrase_pattern,
)
from panelreview.core.model import Block, BlockKind, Document, Section

QUOTE_CHARS = 70
PASSING_FACTOR = 0.5


class Status(StrEnum):
    CLEAR = "clear"  # addressed by a section with a strong heading or plenty of text
    WEAK = "weak"  # found only in passing, or part of what the law asks is not there
    MISSING = "missing"  # nothing found


@dataclass(frozen=True, slots=True)
class Evidence:
    """One phrase of the checklist found in a section: in its heading or its text."""

    section_id: int
    where: str  # "heading" or "text"
    phrase: str  # the checklist's phrase
    words: str  # the words as the draft has them
    quote: str  # the words in context
    page: int | None  # 1-based physical page (PDF), None otherwise
    weight: float


@dataclass(frozen=True, slots=True)
class Proposal:
    """A section proposed for an item, with the evidence (its own and its folded subsections')."""

    section: Section
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def matched(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.words for e in self.evidence))


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: ChecklistItem
    title: str
    asks: str
    explain: str
    recommendation: str
    status: Status
    proposals: tuple[Proposal, ...]
    gaps: tuple[str, ...] = ()  # parts of the item none of its sections speak of
    in_passing: bool = False  # the best section's evidence is slight

    @property
    def found(self) -> bool:
        return self.status is not Status.MISSING

    @property
    def summary(self) -> str:
        """What was found, in a sentence a member can read aloud."""
        if not self.proposals:
            return f"Not found: nothing in the draft's headings or text speaks of {self.asks}."
        where = ", ".join(f"“{p.section.label}”{_page(p.section)}" for p in self.proposals[:4])
        more = len(self.proposals) - 4
        if more > 0:
            where += f" and {more} more"
        text = f"Mentioned only in passing, in {where}." if self.in_passing else f"Found in {where}."
        if self.gaps:
            text += " Nothing found on " + "; ".join(self.gaps) + "."
        return text


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    items: tuple[ItemResult, ...]
    titles: Titles = field(default_factory=Titles)

    def item(self, item_id: str) -> ItemResult:
        for result in self.items:
            if result.item.id == item_id:
                return result
        raise KeyError(item_id)


def _page(section: Section) -> str:
    return f" (p.{section.page_start})" if section.page_start else ""


@dataclass(slots=True)
class _Compiled:
    """Every phrase of a checklist compiled once into one pattern per place (heading, text)."""

    heading: re.Pattern[str]
    text: re.Pattern[str]
    tags: dict[str, list[tuple[int, float, str, re.Pattern[str]]]]  # where -> (item, weight, phrase, re)
    aspects: list[tuple[int, str, re.Pattern[str]]]
    skip: re.Pattern[str]
    passing: re.Pattern[str]
    cache: dict[tuple[str, str], list[tuple[int, float, str]]] = field(default_factory=dict)

    def hits(self, where: str, words: str) -> list[tuple[int, float, str]]:
        """The (item, weight, phrase) a run of matched words stands for (sub-phrases included)."""
        key = (where, words)
        found = self.cache.get(key)
        if found is None:
            best: dict[int, tuple[int, float, str]] = {}
            for i, w, p, rx in self.tags[where]:  # one phrase per item: "police grant", not also "grant"
                if (i not in best or w > best[i][1]) and rx.search(words):
                    best[i] = (i, w, p)
            found = list(best.values())
            self.cache[key] = found
        return found


_COMPILED: dict[int, tuple[Checklist, _Compiled]] = {}


def _compile(checklist: Checklist) -> _Compiled:
    held = _COMPILED.get(id(checklist))
    if held is not None and held[0] is checklist:
        return held[1]
    tags: dict[str, list[tuple[int, float, str, re.Pattern[str]]]] = {"heading": [], "text": []}
    sources: dict[str, dict[str, None]] = {"heading": {}, "text": {}}
    for n, item in enumerate(checklist.items):
        for cue in item.cues:
            for phrase in cue.phrases:
                rx = re.compile(phrase_pattern(phrase, welsh=cue.welsh))
                tags[cue.where].append((n, cue.weight, phrase, rx))
                sources[cue.where][phrase_body(phrase, welsh=cue.welsh)] = None
    aspects = []
    for n, item in enumerate(checklist.items):
        for name, phrases in item.aspects:
            for phrase in phrases:
                aspects.append((n, name, re.compile(phrase_pattern(phrase))))
                sources["text"][phrase_body(phrase)] = None
    compiled = _Compiled(
        heading=_one_pattern(sources["heading"]),
        text=_one_pattern(sources["text"]),
        tags=tags,
        aspects=aspects,
        skip=_any_of(checklist.skip_headings),
        passing=_any_of(checklist.passing_headings),
    )
    _COMPILED.clear()
    _COMPILED[id(checklist)] = (checklist, compiled)
    return compiled


def _one_pattern(bodies: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many phrases, grouped by first letter: Python's engine then skips quickly
    to where some phrase may start (twenty times faster than a plain alternation)."""
    by_first: dict[str, list[str]] = {}
    others = []
    for body in sorted(bodies, key=len, reverse=True):  # the longest phrase wins at a position
        if body[0].isalnum() and body[1:2] not in ("*", "?", "+", "{"):
            by_first.setdefault(body[0], []).append(body[1:])
        else:
            others.append(body)
    alternatives = [f"{first}(?:{'|'.join(rests)})" for first, rests in by_first.items()] + others
    return re.compile(r"(?<!\w)(?:" + ("|".join(alternatives) or r"(?!)") + ")")


@dataclass(slots=True)
class _Score:
    heading: float = 0.0
    strong_text: float = 0.0
    weak_text: float = 0.0
    evidence: dict[tuple[str, str], Evidence] = field(default_factory=dict)

    def total(self, cap: float) -> float:
        return self.heading + self.strong_text + min(self.weak_text, cap)


def _any_of(phrases: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(phrase_pattern(p) for p in phrases) or r"(?!)")


def _quote(original: str, normalised: str, start: int, end: int) -> str:
    source = original if len(original) == len(normalised) else normalised
    a, b = max(0, start - QUOTE_CHARS), min(len(source), end + QUOTE_CHARS)
    text = " ".join(source[a:b].split())
    return ("…" if a > 0 else "") + text + ("…" if b < len(source) else "")


def run_checklist(document: Document, checklist: Checklist, titles: Titles | None = None) -> ChecklistResult:
    """Propose, for each checklist item, the sections of ``document`` that address it."""
    titles = titles or Titles()
    compiled = _compile(checklist)
    sections = document.sections
    by_id = {s.id: s for s in sections}
    skipped: set[int] = set()
    passing: set[int] = set()
    for s in sections:
        parent = s.parent
        title = normalise_text(s.title)
        if parent in skipped or compiled.skip.search(title):
            skipped.add(s.id)
        elif parent in passing or compiled.passing.search(title):
            passing.add(s.id)
    scores: dict[tuple[int, int], _Score] = {}
    aspect_hits: dict[int, set[tuple[int, str]]] = {}

    def credit(index: int, section: Section, where: str, weight: float, phrase: str, ev: Evidence) -> None:
        score = scores.setdefault((index, section.id), _Score())
        if (where, phrase) in score.evidence:
            return
        score.evidence[(where, phrase)] = ev
        if where == HEADING:
            score.heading = max(score.heading, weight)
        elif weight > 1:
            score.strong_text += weight * (PASSING_FACTOR if section.id in passing else 1)
        else:
            score.weak_text += weight * (PASSING_FACTOR if section.id in passing else 1)

    blocks = document.blocks
    for n, section in enumerate(sections):
        if section.id in skipped:
            continue
        first = section.first_block
        end = sections[n + 1].first_block if n + 1 < len(sections) else len(blocks)
        own: Iterable[Block] = blocks[first:end]
        for block in own:
            is_heading = block.index == first and block.kind is BlockKind.HEADING
            where = HEADING if is_heading else "text"
            original = block.text
            text = normalise_text(original)
            pattern = compiled.heading if is_heading else compiled.text
            page = block.page + 1 if block.page is not None else section.page_start
            for m in pattern.finditer(text):
                words = m.group(0)
                for index, weight, phrase in compiled.hits(where, words):
                    quote = original if is_heading else _quote(original, text, m.start(), m.end())
                    ev = Evidence(section.id, where, phrase, words, quote, page, weight)
                    credit(index, section, where, weight, phrase, ev)
                if not is_heading:
                    for index, name, rx in compiled.aspects:
                        if rx.search(words):
                            aspect_hits.setdefault(section.id, set()).add((index, name))
            if is_heading:  # a heading's text also counts as text (a short section may be all heading)
                for m in compiled.text.finditer(text):
                    for index, name, rx in compiled.aspects:
                        if rx.search(m.group(0)):
                            aspect_hits.setdefault(section.id, set()).add((index, name))

    results = []
    cap = max(checklist.threshold - 1, 0)
    for n, item in enumerate(checklist.items):
        proposed = {
            s.id: scores[(n, s.id)]
            for s in sections
            if (n, s.id) in scores and scores[(n, s.id)].total(cap) >= checklist.threshold
        }
        kept = _fold(proposed, by_id, cap)
        proposals = tuple(
            Proposal(by_id[sid], total, tuple(sorted(evs, key=_evidence_order)))
            for sid, (total, evs) in kept.items()
        )
        best = max((p.score for p in proposals), default=0.0)
        covered = _subtree_ids([p.section.id for p in proposals], sections)
        gaps = tuple(
            name
            for name, _ in item.aspects
            if proposals and not any((n, name) in aspect_hits.get(sid, set()) for sid in covered)
        )
        if not proposals:
            status = Status.MISSING
        elif best >= checklist.clear_at and not gaps:
            status = Status.CLEAR
        else:
            status = Status.WEAK
        results.append(
            ItemResult(
                item=item,
                title=item.title_for(titles),
                asks=item.asks_for(titles),
                explain=item.explain_for(titles),
                recommendation=item.recommendation_for(titles),
                status=status,
                proposals=proposals,
                gaps=gaps,
                in_passing=bool(proposals) and best < checklist.clear_at,
            )
        )
    return ChecklistResult(tuple(results), titles)


def _evidence_order(ev: Evidence) -> tuple[int, float, int]:
    return (0 if ev.where == HEADING else 1, -ev.weight, ev.page or 0)


def _fold(
    proposed: dict[int, _Score], by_id: dict[int, Section], cap: float
) -> dict[int, tuple[float, list[Evidence]]]:
    """Proposed sections in reading order, subsections folded into a parent whose heading says as much."""
    kept: dict[int, tuple[float, list[Evidence]]] = {}
    for sid in sorted(proposed, key=lambda i: by_id[i].first_block):
        score = proposed[sid]
        home = None
        node = by_id[sid]
        while node.parent is not None:
            parent = by_id.get(node.parent)
            if parent is None:
                break
            held = proposed.get(parent.id)
            if held is not None and held.heading > 0 and held.heading >= score.heading:
                home = parent.id
                break
            node = parent
        # a folded parent may itself have been folded: find where its evidence went
        while home is not None and home not in kept:
            up = by_id[home].parent
            home = up if up is not None and up in proposed else None
        if home is None:
            kept[sid] = (score.total(cap), list(score.evidence.values()))
        else:
            total, evs = kept[home]
            kept[home] = (total, evs + list(score.evidence.values()))
    return kept


def _subtree_ids(roots: Sequence[int], sections: Sequence[Section]) -> set[int]:
    found = set(roots)
    for s in sections:  # parents come before their children
        if s.parent in found:
            found.add(s.id)
    return found
