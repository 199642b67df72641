"""The clerk's desk vocabulary: review packs, imports, the members list, lineage and decisions.

Pure data and small rules; the review file (``panelreview.storage``) does the work. A UI shows
these objects as they are: every field is plain text, a number or a date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from panelreview.core.review import InvalidValue, Member, PanelStatus, Recommendation, _Choice


class SourceRole(_Choice):
    """A member's part in a panel recommendation: they proposed it, or what they said supports it."""

    PROPOSED = "proposed"
    SUPPORTED = "supported"


def parse_source_role(value: str | SourceRole) -> SourceRole:
    return SourceRole(SourceRole.parse(value, "part a member played (proposed or supported)"))


#: The decisions a panel records at its meeting.
DECISIONS = (PanelStatus.AGREED, PanelStatus.AMENDED, PanelStatus.WITHDRAWN)


def parse_decision(value: str | PanelStatus) -> PanelStatus:
    status = PanelStatus(PanelStatus.parse(value, "decision"))
    if status not in DECISIONS:
        raise InvalidValue(
            f"“{value}” is not a decision the panel records. Choose one of: agreed, amended, withdrawn."
        )
    return status


class ItemType(StrEnum):
    ANNOTATION = "annotation"
    RECOMMENDATION = "recommendation"


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What "Send to clerk" wrote: say it to the member in plain words."""

    path: str
    pack_id: str
    member_name: str
    draft_title: str
    notes: int
    recommendations: int
    replies: int
    withdrawn: int
    draft_included: bool
    size: int

    @property
    def description(self) -> str:
        parts = [counted(self.notes, "note"), counted(self.recommendations, "recommendation")]
        if self.replies:
            parts.append(counted(self.replies, "reply", "replies"))
        text = f"{', '.join(parts)} shared with the panel"
        if self.withdrawn:
            text += f"; {counted(self.withdrawn, 'earlier item')} withdrawn"
        text += ". Private notes are not included"
        return text + ("; the draft is included." if self.draft_included else "; the draft is not included.")


@dataclass(frozen=True, slots=True)
class PackReport:
    """One pack in one import: whose it was and what it changed in the clerk's review."""

    file_name: str
    pack_id: str
    member_id: str
    member_name: str
    created: str
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    already_imported: bool = False

    @property
    def description(self) -> str:
        if self.already_imported:
            return f"{self.member_name}: this pack was already imported; nothing changed."
        if not (self.added or self.updated or self.withdrawn):
            return f"{self.member_name}: nothing new."
        parts = []
        if self.added:
            parts.append(f"{self.added} new")
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.withdrawn:
            parts.append(f"{self.withdrawn} withdrawn")
        return f"{self.member_name}: {', '.join(parts)}."


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One import (one "Import members' reviews…" action), as kept in the review for undoing it."""

    id: str
    at: str
    label: str
    packs: tuple[PackReport, ...]


@dataclass(frozen=True, slots=True)
class MemberStatus:
    """One line of the members list: expected or not, received or not, when, and what they sent.

    ``member_id`` is the person's id (see ``Review.people``): the member's own id once a pack of
    theirs is in, else the id of the row holding views the clerk entered for them. Views count as
    received when a pack was imported or the clerk entered any; ``received_at`` is when the latest
    pack was imported, else when the clerk last entered a view.
    """

    name: str
    council: str | None
    member_id: str | None
    roster_id: str | None
    received: bool
    received_at: str | None = None  # when the clerk imported their latest pack
    pack_created: str | None = None  # when the member made that pack
    notes: int = 0
    questions: int = 0
    concerns: int = 0
    recommendations: int = 0
    replies: int = 0
    #: Of those, views the clerk entered for them (received on paper or by email).
    entered: int = 0

    @property
    def pack_received(self) -> bool:
        """Whether a review pack of theirs has been imported (not only views entered by the clerk)."""
        return self.pack_created is not None

    @property
    def expected(self) -> bool:
        """On the clerk's list of members (a pack from someone not on it is still shown)."""
        return self.roster_id is not None


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """The panel's recommendations on one theme, as a report or tracker groups them.

    ``number`` is the theme's number once the recommendations are numbered by theme ("2" for
    2.1, 2.2), else None; ``title`` is None for recommendations with no theme.
    """

    number: str | None
    title: str | None
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A member's recommendation or note a panel recommendation was built from."""

    item_type: ItemType
    item_id: str
    author: Member
    role: SourceRole
    text: str
    kind: str  # "recommendation" or the note's kind
    available: bool = True  # False once the member has withdrawn or deleted it


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where a panel recommendation came from: who proposed it and who supported it."""

    recommendation_id: str
    sources: tuple[Source, ...]

    @property
    def proposers(self) -> tuple[Member, ...]:
        return _distinct(s.author for s in self.sources if s.role is SourceRole.PROPOSED)

    @property
    def supporters(self) -> tuple[Member, ...]:
        proposers = {m.id for m in self.proposers}
        found = _distinct(s.author for s in self.sources if s.role is SourceRole.SUPPORTED)
        return tuple(m for m in found if m.id not in proposers)


def _distinct(members: Iterable[Member]) -> tuple[Member, ...]:
    seen: dict[str, Member] = {}
    for m in members:
        seen.setdefault(m.id, m)
    return tuple(seen.values())


def counted(n: int, word: str, plural: str | None = None) -> str:
    """ "1 note", "3 notes", "2 replies" (with ``plural`` given)."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


_TITLES = re.compile(
    r"^(?:cllr|councillor|coun|mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady)\b\.?\s*"
)


def name_key(name: str) -> str:
    """A member's name for matching: case, accents, punctuation and titles such as "Cllr" ignored."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _TITLES.sub("", text).strip()
    return text


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def parse_date(value: str | date, what: str = "date") -> str:
    """A date the user typed, as ``YYYY-MM-DD``; day-first as in the UK ("3/2/2026" is 3 February)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).replace(",", " ").split())
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise InvalidValue(
        f"“{value}” is not a {what} PanelReview understands. Write it like 2026-02-03 or 3/2/2026."
    )
