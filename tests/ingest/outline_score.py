"""Precision and recall of a detected outline against an ``*.outline.json`` file."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass
class Score:
    precision: float
    recall: float
    missing: list[tuple[Any, ...]]
    extra: list[tuple[Any, ...]]

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def score(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> Score:
    """Match entries on (number, title, page). A numbered paragraph's expected title is its opening
    words, so a detected title matches when one is a prefix of the other."""
    want = Counter((e["number"], _norm(e["title"]), e["page"]) for e in expected)
    have = Counter((g["number"], _norm(g["title"]), g["page"]) for g in got)
    matched = want & have
    missing = list((want - matched).elements())
    extra = list((have - matched).elements())
    # prefix matches for enumerated paragraphs
    for item in list(missing):
        for other in extra:
            same_place = item[0] == other[0] and item[2] == other[2] and item[0] is not None
            if same_place and (other[1].startswith(item[1]) or item[1].startswith(other[1])):
                missing.remove(item)
                extra.remove(other)
                break
    tp = sum(want.values()) - len(missing)
    precision = tp / max(1, sum(have.values()))
    recall = tp / max(1, sum(want.values()))
    return Score(precision, recall, missing, extra)
