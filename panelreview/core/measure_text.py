"""What makes a commitment measurable, read from its own words: numbers, percentages, dates.

    measures_in("fund an additional 40 officers by 2027")
    # (Measure("number", "40 officers"), Measure("date", "by 2027"))

Also the headings that say what a subsection of a priority is for (outcomes, commitments,
measures) and the word sets used to match a commitment with a KPI table's indicator.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from panelreview.core.checklist_data import normalise_text

MEASURE_KINDS = ("percentage", "number", "date", "kpi")
T = TypeVar("T")

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|winter)"
)
_SMALL = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|twenty[- ]eight|thirty)"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percentage", re.compile(r"\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percentage points?\b)")),
    ("number", re.compile(r"£\s?\d[\d,.]*\s?(?:m\b|bn\b|k\b|million\b|billion\b)?")),
    (
        "date",
        re.compile(
            rf"\b(?:by|from|before|until|in|within|during|after|starting|end of|no later than)\s+"
            rf"(?:the\s+)?(?:end\s+of\s+)?(?:{_MONTH}\s+)?(?:19|20)\d\d(?:\s?[/–-]\s?\d\d(?:\d\d)?)?\b"
            rf"|\b{_MONTH}\s+(?:19|20)\d\d\b"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:within|every|at least every|in under|in less than)\s+{_SMALL}\s+(?:working\s+)?"
            r"(?:minutes?|hours?|days?|weeks?|months?|years?)\b"
            r"|\b(?:quarterly|monthly|annually|fortnightly|weekly)\b"
            r"|\b(?:each|every)\s+(?:year|quarter|month|week)\b"
            r"|\b(?:once|twice|three times|four times)\s+a\s+(?:year|month|week|quarter)\b"
            rf"|\b{_SMALL}\s+(?:days?|times|hours?|nights?)\s+(?:a|per|each)\s+(?:day|week|month|year)\b"
        ),
    ),
    ("number", re.compile(r"\b(?:double|doubling|treble|triple|halve|halving)\b")),
)
# A quantity: a number that is not a year, a phone line (999, 101, 111) or part of a date or ratio.
_NUMBER = re.compile(r"(?<![\w.£/%-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%/]|\.\d)(\s+[a-z][\w’'-]*)?")
_NOT_QUANTITIES = {"999", "101", "111", "105"}
_JOINERS = {"and", "or", "to", "of", "per"}

OUTCOME_HEADING = re.compile(
    r"what we (?:will|want to|aim to) (?:achieve|see)|outcomes?\b|what success (?:looks|will look) like|"
    r"our aims|what we want|what will be different|canlyniadau|beth (?:fyddwn ni'n|y byddwn yn) ei gyflawni"
)
COMMITMENT_HEADING = re.compile(
    r"what we will do|what (?:the police|we) will deliver|how we will (?:deliver|achieve|do)|commitments?\b|"
    r"\bactions?\b|what will be done|\bdelivery\b|we will\b|our promises|"
    r"beth (?:fyddwn ni'n|y byddwn yn) ei wneud|ymrwymiadau|camau gweithredu"
)
MEASURE_HEADING = re.compile(
    r"measur|indicator|\bkpis?\b|performance|\btargets?\b|how (?:will )?we (?:will )?know|scorecard|"
    r"success measures|monitoring progress|tracking progress|mesur|dangosydd|perfformiad|targedau"
)

_STOP = frozenset(
    re.findall(
        r"\w+",
        "the and for with from that this these those their there which will within into onto over under "
        "more less fewer than per each every all any our your its are was were been being have has had "
        "not but also such who whom whose where when how what why can could should would may might must "
        "both either neither other others only very most much many some same so too out off about above "
        "after again against before below between during through until while including include includes "
        "across among upon via yet get got make made use used using see seen able well new year years "
        "rate rates number numbers level levels proportion percentage cent total overall increase "
        "increased increasing reduce reduced reducing reduction reductions higher lower improve improved "
        "improving better police policing crime crimes force",
    )
)


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str  # "percentage", "number", "date" or "kpi"
    text: str  # the words that make it measurable, or the KPI row described


def measures_in(text: str) -> tuple[Measure, ...]:
    """The numbers, percentages, sums of money, dates and timescales in a commitment's words."""
    found: dict[tuple[str, str], Measure] = {}
    taken: list[tuple[int, int]] = []
    low = normalise_text(text)
    source = text if len(text) == len(low) else low
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(low):
            taken.append(m.span())
            words = " ".join(source[m.start() : m.end()].split())
            found.setdefault((kind, words.lower()), Measure(kind, words))
    for m in _NUMBER.finditer(low):
        if any(a <= m.start() < b for a, b in taken):
            continue
        number, after = m.group(1), (m.group(2) or "").strip()
        plain = number.replace(",", "")
        if number in _NOT_QUANTITIES or (len(plain) == 4 and plain.startswith(("19", "20"))):
            continue
        if after in _JOINERS or not after:
            continue  # "101 and online", a bare figure: not a quantity of something
        words = " ".join(source[m.start() : m.end()].split())
        found.setdefault(("number", words.lower()), Measure("number", words))
    return tuple(found.values())


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "ly", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def kpi_words(text: str) -> frozenset[str]:
    """The words that say what a commitment or an indicator is about (common words left out)."""
    words = re.findall(r"[a-z][a-z'’]+", normalise_text(text))
    return frozenset(_stem(w.strip("'’")) for w in words if len(w) > 2 and w not in _STOP)


def related(words: frozenset[str], indicator: frozenset[str]) -> bool:
    """Whether a commitment and an indicator may be about the same thing: two or more shared words,
    and at least a third of the shorter one's."""
    shared = len(indicator & words)
    return shared >= 2 and shared * 3 >= (min(len(words), len(indicator)) or 1)


def best_matches(
    words: frozenset[str], candidates: Sequence[tuple[T, frozenset[str]]], weight: Mapping[str, float]
) -> list[T]:
    """The candidates (KPI rows) most about the same thing as ``words``: related ones scoring at least
    half the best, a shared word scoring more the rarer it is in the draft (``weight``)."""
    scored = []
    for item, indicator in candidates:
        if related(words, indicator):
            scored.append((sum(weight.get(w, 1.0) for w in indicator & words), item))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [item for score, item in scored if score >= 0.5 * best]


def rarity(texts: Iterable[str]) -> dict[str, float]:
    """How telling each word is: log(texts / texts that use it), from every block of the draft."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        counts.update(kpi_words(text))
    return {w: math.log((total + 1) / (n + 0.5)) for w, n in counts.items()}
