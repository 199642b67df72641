"""Near-duplicate recommendations: similar wording about the same passage, suggested for merging.

Two members often propose the same thing in different words ("publish the victims' services
budget" / "the budget for victims' services should be published"). Wording is compared as sets
of content words (common words and the boilerplate of panel recommendations left out, simple
English endings folded), by the Dice coefficient; only recommendations on the same passage
(same section, or overlapping quotes) are compared. Groups are joined transitively.

Pure Python; the suggestions are only suggestions: the clerk decides what to merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

DEFAULT_THRESHOLD = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_STOP = frozenset(
    {  # common words, and the boilerplate of panel recommendations
        "a", "about", "above", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
        "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "panel",
        "panels", "recommend", "recommends", "recommended", "recommendation", "recommendations",
        "commissioner", "commissioners", "pcc", "pfcc", "police", "crime", "plan", "draft", "like", "see",
        "ask", "asks", "asked", "consider", "considers", "ensure", "ensures", "please", "include", "includes",
        "including",
    }
)  # fmt: skip


def _stem(word: str) -> str:
    """Fold common English endings: communities -> community, published -> publish, targets -> target."""
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        return w[:-3]
    if w.endswith("ed") and len(w) > 4:
        return w[:-2]
    if w.endswith("es") and w[:-2].endswith(("sh", "ch", "x", "ss", "z")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def content_words(text: str) -> frozenset[str]:
    """The words that carry a recommendation's meaning, folded for comparison."""
    found = set()
    for match in _WORD.findall(text):
        word = match.lower().replace("’", "'")
        if word in _STOP or len(word) < 3:
            continue
        found.add(_stem(word))
    return frozenset(found)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets: 1.0 the same words, 0.0 none shared."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recommendation as the comparison sees it."""

    id: str
    text: str
    section_id: int | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Recommendations that look like the same point; ``score`` is their lowest linking similarity."""

    ids: tuple[str, ...]
    section_id: int | None
    score: float


def same_passage(a: Candidate, b: Candidate) -> bool:
    ranges = (a.start, a.end, b.start, b.end)
    if all(x is not None for x in ranges) and a.start < b.end and b.start < a.end:  # type: ignore[operator]
        return True
    return a.section_id == b.section_id


def near_duplicates(
    candidates: Sequence[Candidate], threshold: float = DEFAULT_THRESHOLD
) -> list[MergeSuggestion]:
    """Groups of two or more similar recommendations on the same passage, most alike first."""
    words = {c.id: content_words(c.text) for c in candidates}
    parent = {c.id: c.id for c in candidates}
    weakest: dict[str, float] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges: list[tuple[float, str, str]] = []
    for a, b in _pairs(candidates):
        score = similarity(words[a.id], words[b.id])
        if score >= threshold:
            edges.append((score, a.id, b.id))
    for score, a_id, b_id in sorted(edges, reverse=True):
        ra, rb = root(a_id), root(b_id)
        if ra != rb:
            parent[rb] = ra
            weakest[ra] = min(score, weakest.get(ra, 1.0), weakest.get(rb, 1.0))
    groups: dict[str, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(root(c.id), []).append(c)
    found = [
        MergeSuggestion(tuple(c.id for c in members), members[0].section_id, round(weakest.get(r, 1.0), 3))
        for r, members in groups.items()
        if len(members) > 1
    ]
    return sorted(found, key=lambda s: (-s.score, s.ids))


def _pairs(candidates: Sequence[Candidate]) -> Iterable[tuple[Candidate, Candidate]]:
    """Pairs worth comparing: same section first (cheap), then overlapping quotes across sections."""
    by_section: dict[int | None, list[Candidate]] = {}
    for c in candidates:
        by_section.setdefault(c.section_id, []).append(c)
    for group in by_section.values():
        yield from combinations(group, 2)
    quoted = [c for c in candidates if c.start is not None and c.end is not None]
    for a, b in combinations(quoted, 2):
        if a.section_id != b.section_id and same_passage(a, b):
            yield a, b
