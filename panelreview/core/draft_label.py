"""What a draft calls itself, and the date it bears, read from its own text.

    guess = guess_draft_label(document)         # or guess_draft_label("FINAL DRAFT\\n6 February 2025")
    guess.label   -> "Final draft"
    guess.dated   -> "2025-02-06"    (ISO 8601; "2025-02" when the draft gives only a month)
    guess.evidence -> "FINAL DRAFT for the Police and Crime Panel"  (the line it was read from)

Only the draft's words count: the cover page and the first pages ("DRAFT for consultation",
"Final draft – 6 February 2025", "v0.3 12/01/2025", "Drafft ymgynghori, 6 Chwefror 2025"), never
the file's properties (a PDF's creation date is when someone pressed Export, often months later).
Dates inside prose (a consultation period, "the Panel's report of 28 November", a budget to be set
in February) are not the draft's date. When nothing is clear, the answer is None: the clerk
confirms or types the label and date, and a wrong guess is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from panelreview.core.model import Block, Document

#: How far into a draft its label and date are looked for: the cover and the first pages.
FIRST_PAGES = 3
FIRST_BLOCKS = 80
FIRST_CHARS = 6000

_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december"),
            start=1,
        )
    },
    **{m[:3]: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)},
    "sept": 9,
    # Welsh
    **{
        m: i
        for i, m in enumerate(
            ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi",
             "hydref", "tachwedd", "rhagfyr"),
            start=1,
        )
    },
    # Welsh months after "o" or "fis" take a soft mutation: "o Chwefror" -> "fis Chwefror" is
    # unmutated, but "Fehefin" (Mehefin), "Ragfyr" (Rhagfyr) and "Orffennaf" (Gorffennaf) occur.
    "fehefin": 6,
    "orffennaf": 7,
    "ragfyr": 12,
}  # fmt: skip
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|ed|af|il|ydd|fed)?"  # 6th, 1af, 2il, 3ydd, 6ed (Welsh ordinals)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}}){_ORD}\.?\s+(?:(?:of|o|fis)\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")

# Words around a date that say it is the draft's own date ...
_OWN_DATE = re.compile(
    r"\b(?:draft|drafft|version|fersiwn|dated|date|dyddiad|published|cyhoeddwyd|issued|"
    r"submitted|presented|prepared|last\s+updated|updated|revised|approved\s+for\s+consultation)\b"
    r"|\bv\d",
    re.I,
)
# ... and words that say it is some other date: right before it (a deadline, another paper's date) ...
_OTHER_BEFORE = re.compile(
    r"\b(?:to|until|till|by|before|after|from|since|following|report\s+of|letter\s+of|"
    r"meeting\s+(?:of|on)|held\s+on|tan|erbyn|ers)\s*(?:the\s+)?$",
    re.I,
)
# ... or anywhere on its line (a consultation period, a budget to be set).
_OTHER_LINE = re.compile(
    r"\b(?:period|between|deadline|closes?|closing|budget|precept|elections?|elected|rhwng|cyfnod)\b",
    re.I,
)

_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), label)
    for pattern, label in (
        (r"\bpre[-\s]?consultation\s+draft\b", "Pre-consultation draft"),
        (r"\b(?:public\s+)?consultation\s+draft\b|\bdraft\s+for\s+(?:public\s+)?consultation\b",
         "Consultation draft"),
        (r"\bdrafft\s+(?:ar\s+gyfer\s+)?ymgynghori\b|\bdrafft\s+ymgynghoriad\b", "Consultation draft"),
        (r"\bfinal\s+draft\b|\bdraft\s*\(?final\)?\s*$", "Final draft"),
        (r"\bdrafft\s+terfynol\b", "Final draft"),
        (r"\bworking\s+draft\b|\bdrafft\s+gweithio\b", "Working draft"),
        (r"\brevised\s+draft\b|\bdrafft\s+diwygiedig\b", "Revised draft"),
        (r"\b(?:first|initial|early)\s+draft\b|\bdrafft\s+cyntaf\b", "First draft"),
        (r"\bsecond\s+draft\b|\bail\s+ddrafft\b", "Second draft"),
        (r"\bthird\s+draft\b|\btrydydd\s+drafft\b", "Third draft"),
        (r"\binterim\s+draft\b", "Interim draft"),
        (r"\bengagement\s+draft\b|\bdraft\s+for\s+engagement\b", "Engagement draft"),
        (r"\bdraft\s+for\s+(?:the\s+)?(?:police(?:,\s+fire)?\s+and\s+crime\s+)?panel\b",
         "Draft for the Panel"),
    )
)  # fmt: skip
_VERSION = re.compile(r"\b(?:version|fersiwn|ver\.?)\s*(\d+(?:\.\d+)*)\b|\bv\.?\s?(\d+(?:\.\d+)*)\b", re.I)
_DRAFT_WORD = re.compile(r"\bdraf(?:f)?t\b", re.I)
_LONGEST_LINE_LABEL = 90


@dataclass(frozen=True, slots=True)
class DraftGuess:
    """What the draft says about itself. ``label`` or ``dated`` may be None (not found)."""

    label: str | None
    dated: str | None  # ISO 8601: "2025-02-06", or "2025-02" when only the month is given
    evidence: tuple[str, ...] = ()  # the lines of the draft they were read from

    @property
    def describe(self) -> str:
        """ "Final draft, 6 February 2025" (for a confirmation prompt)."""
        from_date = describe_date(self.dated) if self.dated else ""
        return ", ".join(p for p in (self.label, from_date) if p)


def describe_date(iso: str) -> str:
    """ "2025-02-06" -> "6 February 2025"; "2025-02" -> "February 2025"; other text unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso.strip())
    if not match:
        return iso.strip()
    try:
        when = date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return iso.strip()
    return f"{when:%B %Y}" if match[3] is None else f"{when.day} {when:%B %Y}"


def parse_draft_date(text: str) -> str | None:
    """A draft's date as a user typed it: a day ("6/2/2025", "6 February 2025", "2025-02-06") or a
    month ("February 2025"), as ISO ("2025-02-06" or "2025-02"); None for nothing. Raises
    :class:`~panelreview.core.errors.UserError` for anything else."""
    from panelreview.core.clerk import parse_date
    from panelreview.core.errors import UserError

    if text.strip().lower() in ("", "none", "-"):
        return None
    try:
        return parse_date(text, "draft date")
    except UserError:
        found = _dates_in(" ".join(text.split()))
        if len(found) == 1:
            return found[0].iso
        raise UserError(
            f"“{text.strip()}” is not a date PanelReview understands. Write it like 6 February 2025, "
            "6/2/2025 or February 2025."
        ) from None


def guess_draft_label(source: Document | str | Sequence[str]) -> DraftGuess | None:
    """The draft's own label and date, from its cover and first pages; None when neither is clear."""
    lines = list(_first_lines(source))
    label, label_line = _label(lines)
    dated, date_line = _date(lines)
    if label is None and dated is None:
        return None
    evidence = tuple(dict.fromkeys(line for line in (label_line, date_line) if line))
    return DraftGuess(label, dated, evidence)


def _first_lines(source: Document | str | Sequence[str]) -> Iterable[str]:
    """The lines of the draft's first pages, each on its own (a PDF block may hold several)."""
    if isinstance(source, Document):
        texts = [b.text for b in _first_blocks(source.blocks)]
    elif isinstance(source, str):
        texts = [source[:FIRST_CHARS]]
    else:
        texts = list(source)
    used = 0
    for text in texts:
        for line in text.splitlines():
            clean = " ".join(line.split())
            if clean:
                yield clean
                used += len(clean)
        if used > FIRST_CHARS:
            return


def _first_blocks(blocks: Sequence[Block]) -> list[Block]:
    if any(b.page is not None for b in blocks):
        return [b for b in blocks if b.page is not None and b.page < FIRST_PAGES][: FIRST_BLOCKS * 2]
    return list(blocks[:FIRST_BLOCKS])


# -- the label --------------------------------------------------------------------------------
def _label(lines: Sequence[str]) -> tuple[str | None, str | None]:
    for line in lines:
        if len(line) > _LONGEST_LINE_LABEL or _sentence(line):
            continue  # "… with the initial draft of the plan for comment": prose, not a label
        for pattern, label in _KINDS:
            if pattern.search(line):
                version = _version(line)
                return (f"{label}, version {version}" if version else label), line
    for line in lines:
        version = _version(line)
        if version is None:
            continue
        if _DRAFT_WORD.search(line) and len(line) <= _LONGEST_LINE_LABEL and not _sentence(line):
            # "Draft Police and Crime Plan 2025–2029 — version 3": the draft's own wording.
            return _strip_date(line), line
        if len(line) <= 40:  # "v0.3 12/01/2025", "Version 2": a version line on a cover
            return f"Version {version}", line
    for line in lines:
        # "Draft – February 2025": the word alone with the date the draft bears.
        rest = line
        for found in _dates_in(line):
            rest = rest.replace(line[found.start : found.end], "")
        if rest != line and re.fullmatch(r"\W*draf(?:f)?t\W*", rest, re.I):
            return "Draft", line
    return None, None


def _version(line: str) -> str | None:
    match = _VERSION.search(line)
    if not match:
        return None
    number = match[1] or match[2]
    # "v2025" or "Version 2025" is more likely a year than a version.
    return None if len(number) == 4 and number.isdigit() else number


def _sentence(line: str) -> bool:
    """Prose rather than a title: a full stop inside or many words."""
    return bool(re.search(r"[a-z]\.\s+[A-Z]", line)) or len(line.split()) > 14


def _strip_date(line: str) -> str:
    """The label without the date that follows it ("Draft … version 3 – 6 February 2025")."""
    spans = [(f.start, f.end) for f in _dates_in(line)]
    text = line
    for start, end in sorted(spans, reverse=True):
        if text[end:].strip(" ,.–—-") == "":
            text = text[:start]
    return text.strip(" ,.–—-:") or line


# -- the date ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    iso: str


def _dates_in(line: str) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, year: int, month: int, day: int | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        if not 1900 < year < 2200:
            return
        try:
            when = date(year, month, day or 1)
        except ValueError:
            return
        taken.append((start, end))
        found.append(_Found(start, end, when.isoformat() if day else f"{when:%Y-%m}"))

    for m in _DAY_MONTH_YEAR.finditer(line):
        add(m.start(), m.end(), int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    for m in _MONTH_DAY_YEAR.finditer(line):
        add(m.start(), m.end(), int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    for m in _ISO.finditer(line):
        add(m.start(), m.end(), int(m[1]), int(m[2]), int(m[3]))
    for m in _NUMERIC.finditer(line):
        year = int(m[4]) + (2000 if len(m[4]) == 2 else 0)
        add(m.start(), m.end(), year, int(m[3]), int(m[1]))  # day first, as in the UK
    for m in _MONTH_YEAR.finditer(line):
        add(m.start(), m.end(), int(m[2]), _MONTHS[m[1].lower()], None)
    return sorted(found, key=lambda f: f.start)


def _score(line: str, found: _Found, count: int) -> int:
    """How surely a date on a cover line is the draft's own date (2 or more: sure enough)."""
    if count > 1:  # "21 October to 1 December 2024": a period, not the draft's date
        return -1
    before, after = line[: found.start], line[found.end :]
    rest = (before + " " + after).strip(" ,.–—-:()|")
    score = 0
    if _OWN_DATE.search(before) or _OWN_DATE.search(after):
        score += 3
    if len(rest) <= 3:  # the date alone on a line of the cover
        score += 2
    if _OTHER_BEFORE.search(before) or _OTHER_LINE.search(line):
        score -= 5
    if _sentence(line) or len(rest.split()) > 12:
        score -= 2
    return score


def _date(lines: Sequence[str]) -> tuple[str | None, str | None]:
    best: tuple[int, int, str, str] | None = None  # (score, -position, iso, line)
    for position, line in enumerate(lines):
        found = _dates_in(line)
        for item in found:
            score = _score(line, item, len(found))
            if score < 2:
                continue
            candidate = (score, -position, item.iso, line)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None, None
    return best[2], best[3]
