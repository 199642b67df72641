"""The statutory checklist as data: what a plan must set out, and the words plans use for each.

The list itself is a JSON file (``resources/checklist/statutory.json``) a panel may adjust; this
module checks it and turns it into :class:`Checklist` objects. Reading the file is the caller's
business (see :func:`panelreview.resources.load_checklist`); nothing here does I/O.

    checklist = parse_checklist(json.loads(text))
    titles = Titles.from_settings(review.settings.commissioner_title, review.settings.panel_title)
    checklist.items[0].title_for(titles)     # "How the Chief Constable will report to the Mayor"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from panelreview.core.errors import UserError

FORMAT = "panelreview-checklist"
FORMAT_VERSION = 1
HEADING = "heading"
TEXT = "text"

#: Welsh initial mutations: the letters a word may start with in place of its own first letter(s).
_MUTATIONS = {
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "g": ("ng",),  # the soft mutation drops the g altogether: too loose to match on
    "m": ("f",),
    "ll": ("l",),
    "rh": ("r",),
}
_SPACE = r"[\s\-]+"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "\u00a0": " "})


class ChecklistError(UserError):
    """A checklist file a panel adjusted cannot be used (the message says what to fix)."""


def normalise_text(text: str) -> str:
    """How text is compared with the checklist's phrases: NFKC, lower case, plain quotes and hyphens."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


def phrase_pattern(phrase: str, *, welsh: bool = False) -> str:
    """A phrase as a regular expression: whole words, any ending after ``*``, spaces or hyphens
    between words; ``re:...`` is used as it is. Welsh phrases also match their mutated forms."""
    return r"(?<!\w)" + phrase_body(phrase, welsh=welsh)


def phrase_body(phrase: str, *, welsh: bool = False) -> str:
    """:func:`phrase_pattern` without the check that it starts a word (for joining many phrases)."""
    if phrase.startswith("re:"):
        return f"(?:{phrase[3:]})"
    words = normalise_text(phrase).split()
    parts = []
    for n, word in enumerate(words):
        stem, wild = (word[:-1], True) if word.endswith("*") else (word, False)
        body = re.escape(stem).replace("'", "'?")
        if n == 0 and welsh:
            body = _mutated(stem)
        parts.append(body + (r"\w*" if wild else ""))
    return _SPACE.join(parts) + r"(?!\w)"


def _mutated(word: str) -> str:
    for start in ("ll", "rh", *_MUTATIONS):
        if word.startswith(start) and start in _MUTATIONS:
            rest = re.escape(word[len(start) :])
            starts = "|".join(re.escape(s) for s in (start, *_MUTATIONS[start]))
            return f"(?:{starts}){rest}"
    return re.escape(word)


@dataclass(frozen=True, slots=True)
class Cue:
    """Phrases worth ``weight`` when found in a section's heading or text."""

    where: str
    weight: float
    phrases: tuple[str, ...]
    welsh: bool = False


_COMMISSIONER = "Police and Crime Commissioner"  # the defaults of a review's settings
_PANEL = "Police and Crime Panel"


@dataclass(frozen=True, slots=True)
class Titles:
    """The review's titles, as the checklist speaks of them."""

    commissioner: str = _COMMISSIONER
    commissioner_short: str = "Commissioner"
    panel: str = _PANEL
    panel_short: str = "Panel"

    @classmethod
    def from_settings(cls, commissioner_title: str, panel_title: str) -> Titles:
        commissioner = " ".join(commissioner_title.split()) or _COMMISSIONER
        panel = " ".join(panel_title.split()) or _PANEL
        return cls(
            commissioner,
            _short(commissioner, ("Deputy Mayor", "Commissioner", "Mayor", "Board", "Leader")),
            panel,
            _short(panel, ("Panel", "Committee", "Board")),
        )

    def fill(self, template: str) -> str:
        return (
            template.replace("{commissioner_short}", self.commissioner_short)
            .replace("{commissioner}", self.commissioner)
            .replace("{panel_short}", self.panel_short)
            .replace("{panel}", self.panel)
        )


def _short(title: str, words: Sequence[str]) -> str:
    for word in words:
        if re.search(rf"\b{re.escape(word)}\b", title, re.IGNORECASE):
            return word
    return title


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    law: str  # "s.7(1)(c)"
    title: str  # templates: {commissioner}, {commissioner_short}, {panel}, {panel_short}
    asks: str
    explain: str
    recommendation: str
    cues: tuple[Cue, ...]
    aspects: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (what, phrases) the sections should also say

    def title_for(self, titles: Titles) -> str:
        return titles.fill(self.title)

    def asks_for(self, titles: Titles) -> str:
        return titles.fill(self.asks)

    def explain_for(self, titles: Titles) -> str:
        return titles.fill(self.explain)

    def recommendation_for(self, titles: Titles) -> str:
        return titles.fill(self.recommendation)


@dataclass(frozen=True, slots=True)
class Checklist:
    name: str
    items: tuple[ChecklistItem, ...]
    threshold: float = 4
    clear_at: float = 8
    skip_headings: tuple[str, ...] = ()
    passing_headings: tuple[str, ...] = ()

    def item(self, item_id: str) -> ChecklistItem:
        wanted = item_id.strip().lower()
        for item in self.items:
            if item.id == wanted:
                return item
        known = ", ".join(i.id for i in self.items)
        raise ChecklistError(f"The checklist has no item “{item_id}”. Its items are: {known}.")


def parse_checklist(data: Any, source: str = "the checklist") -> Checklist:
    """Check a checklist read from JSON; :class:`ChecklistError` names what is wrong and where."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ChecklistError(f"{source} is not a PanelReview checklist (it has no “format”: “{FORMAT}”).")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ChecklistError(
            f"{source} was written for a newer PanelReview (checklist format {version}). Update PanelReview."
        )
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise ChecklistError(f"{source} lists no items.")
    items = [_item(raw, n, source) for n, raw in enumerate(raw_items, 1)]
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise ChecklistError(f"{source} uses an item id twice; each item needs its own “id”.")
    return Checklist(
        name=str(data.get("name") or "Statutory checklist"),
        items=tuple(items),
        threshold=_number(data.get("threshold", 4), "threshold", source),
        clear_at=_number(data.get("clear_at", 8), "clear_at", source),
        skip_headings=_strings(data.get("skip_headings", []), "skip_headings", source),
        passing_headings=_strings(data.get("passing_headings", []), "passing_headings", source),
    )


def _item(raw: Any, n: int, source: str) -> ChecklistItem:
    where = f"{source}, item {n}"
    if not isinstance(raw, Mapping):
        raise ChecklistError(f"{where} is not a list of fields.")
    for key in ("id", "title", "asks", "recommendation"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ChecklistError(f"{where} needs a “{key}”.")
    cues = [*_cues(raw, HEADING, where, False), *_cues(raw, TEXT, where, False)]
    welsh = raw.get("welsh", {})
    if not isinstance(welsh, Mapping):
        raise ChecklistError(f"{where}: “welsh” should hold “headings” and “text”.")
    cues += [*_cues(welsh, HEADING, where, True), *_cues(welsh, TEXT, where, True)]
    if not cues:
        raise ChecklistError(f"{where} (“{raw['id']}”) has no phrases to look for.")
    aspects = []
    for aspect in raw.get("aspects", []):
        if not isinstance(aspect, Mapping) or not isinstance(aspect.get("name"), str):
            raise ChecklistError(f"{where}: each aspect needs a “name” and “phrases”.")
        aspects.append((aspect["name"], _strings(aspect.get("phrases"), "phrases", where)))
    return ChecklistItem(
        id=raw["id"].strip().lower(),
        law=str(raw.get("section", "")),
        title=raw["title"].strip(),
        asks=raw["asks"].strip(),
        explain=str(raw.get("explain", "")).strip(),
        recommendation=raw["recommendation"].strip(),
        cues=tuple(cues),
        aspects=tuple(aspects),
    )


def _cues(raw: Mapping[str, Any], where: str, label: str, welsh: bool) -> list[Cue]:
    key = "headings" if where == HEADING else "text"
    groups = raw.get(key, [])
    if not isinstance(groups, list):
        raise ChecklistError(f"{label}: “{key}” should be a list of {{weight, phrases}}.")
    cues = []
    for group in groups:
        if not isinstance(group, Mapping):
            raise ChecklistError(f"{label}: “{key}” should be a list of {{weight, phrases}}.")
        weight = _number(group.get("weight"), "weight", label)
        phrases = _strings(group.get("phrases"), "phrases", label)
        for phrase in phrases:
            try:
                re.compile(phrase_pattern(phrase, welsh=welsh))
            except re.error:
                raise ChecklistError(f"{label}: the phrase “{phrase}” cannot be read.") from None
        cues.append(Cue(where, weight, phrases, welsh))
    return cues


def _number(value: Any, what: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ChecklistError(f"{where}: “{what}” should be a number, such as 4.")
    return float(value)


def _strings(value: Any, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ChecklistError(f"{where}: “{what}” should be a list of words or phrases.")
    return tuple(v.strip() for v in value)
