"""The review's vocabulary: annotations, replies, recommendations, and the changes made to them.

Pure data and validation. The review file (``panelreview.storage``) stores these and applies
:class:`Change` objects; a UI undo stack keeps the ``Change`` each call returns and applies
``change.inverse()`` to undo it and ``change`` again to redo it.

Titles such as "Police and Crime Commissioner" appear here only as the *defaults* of a review's
settings; everything else reads them from the review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from panelreview.core.anchor import Anchor
from panelreview.core.errors import UserError

DEFAULT_COMMISSIONER_TITLE = "Police and Crime Commissioner"
DEFAULT_PANEL_TITLE = "Police and Crime Panel"
DEFAULT_RESPONSE_STATUSES = ("accepted", "partly accepted", "not accepted", "awaiting")


class InvalidValue(UserError):
    """A value given for a note or recommendation is not one PanelReview knows."""


class _Choice(StrEnum):
    @classmethod
    def parse(cls, value: str | _Choice, what: str) -> _Choice:
        if isinstance(value, cls):
            return value
        wanted = str(value).strip().lower().replace("_", " ").replace("-", " ")
        for member in cls:
            if wanted in (member.value, member.value.replace("-", " "), member.name.lower()):
                return member
        choices = ", ".join(m.value for m in cls)
        raise InvalidValue(f"“{value}” is not a {what}. Choose one of: {choices}.")


class Kind(_Choice):
    HIGHLIGHT = "highlight"
    COMMENT = "comment"
    QUESTION = "question"
    CONCERN = "concern"
    SUPPORT = "support"


class Visibility(_Choice):
    """Who may see an item: the member alone, the panel (goes to the clerk), or the published report."""

    PRIVATE = "private"
    PANEL = "panel"
    REPORT = "report"


class Role(_Choice):
    MEMBER = "member"
    INDEPENDENT_MEMBER = "independent member"
    CHAIR = "chair"
    CLERK = "clerk"


class PanelStatus(_Choice):
    DRAFT = "draft"
    PROPOSED = "proposed"
    AGREED = "agreed"
    AMENDED = "amended"
    WITHDRAWN = "withdrawn"


def parse_kind(value: str | Kind) -> Kind:
    return Kind(Kind.parse(value, "kind of note"))


def parse_visibility(value: str | Visibility) -> Visibility:
    return Visibility(Visibility.parse(value, "visibility (who can see it)"))


def parse_role(value: str | Role) -> Role:
    return Role(Role.parse(value, "panel role"))


def parse_panel_status(value: str | PanelStatus) -> PanelStatus:
    return PanelStatus(PanelStatus.parse(value, "panel status"))


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    role: Role
    council: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """A review's settings. Titles and the response statuses are configurable per panel."""

    panel_name: str = ""
    plan_title: str = ""
    commissioner_title: str = DEFAULT_COMMISSIONER_TITLE
    panel_title: str = DEFAULT_PANEL_TITLE
    meeting_date: str | None = None
    comments_deadline: str | None = None
    response_deadline: str | None = None  # the date by which the panel asks for the written response
    response_statuses: tuple[str, ...] = DEFAULT_RESPONSE_STATUSES
    # What the panel's report says beyond its recommendations (all optional; the clerk types them):
    report_date: str | None = None  # the date the report bears (default: the day it is exported)
    general_comments: str = ""  # the panel's general comments ("The Panel welcomed …"), paragraphs
    chair_name: str = ""  # who signs ("Cllr Jane Smith"); default: the member listed as chair
    contact_officer: str = ""  # "Sam Clerk, Democratic Services, 01234 567890, sam@council.gov.uk"
    commissioner_name: str = ""  # "Helen Whitlock"
    commissioner_address: str = ""  # the letter's addressee lines, one per line


@dataclass(frozen=True, slots=True)
class SectionRef:
    """Where an item sits in the draft, as a user reads it."""

    id: int | None
    number: str | None
    title: str | None

    @property
    def label(self) -> str:
        if self.title is None:
            return "(whole draft)"
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result. ``item_type`` is "block" (the draft's text), "annotation", "reply" or
    "recommendation"; ``snippet`` shows the match between [ and ]."""

    item_type: str
    item_id: str
    draft_id: str | None
    section: SectionRef
    snippet: str


@dataclass(frozen=True, slots=True)
class Reply:
    id: str
    annotation_id: str
    author: Member
    body: str
    created: str
    updated: str


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    draft_id: str
    author: Member
    kind: Kind
    body: str
    visibility: Visibility
    anchor: Anchor
    section: SectionRef
    colour: str | None = None
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    replies: tuple[Reply, ...] = ()


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: str
    draft_id: str
    author: Member
    wording: str
    rationale: str
    visibility: Visibility
    anchor: Anchor
    section: SectionRef
    panel_status: PanelStatus = PanelStatus.DRAFT
    theme: str | None = None
    priority: str | None = None
    supporters: tuple[str, ...] = ()
    response_status: str | None = None
    response_text: str | None = None
    response_date: str | None = None
    linked_annotations: tuple[str, ...] = ()
    linked_sections: tuple[int, ...] = ()
    created: str = ""
    updated: str = ""
    #: The panel's number for it ("3", "R3"), given by the clerk; None until numbered.
    number: str | None = None
    #: Its place in the panel's order (the clerk's recommendations); None for members' own.
    position: int | None = None
    #: The meeting date on which the panel decided it (agreed, amended or withdrawn).
    decided_on: str | None = None
    #: Members' recommendations it was built from (a clerk's consolidated recommendation).
    linked_recommendations: tuple[str, ...] = ()


Row = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class RowChange:
    """One stored row before and after a call; ``None`` means the row did not exist (or is deleted)."""

    table: str
    key: str
    before: Row | None
    after: Row | None


@dataclass(frozen=True, slots=True)
class Change:
    """What one call changed: a human-readable name for the undo stack and the rows it touched.

    ``inverse()`` is the change that undoes this one; applying ``change`` again redoes it.

    ``restore`` marks a change whose rows are exact stored rows, written back as they are
    (timestamps and tombstones included; ``None`` means the row is absent), rather than new edits
    stamped with the time they are made. Importing members' review packs makes such changes, so
    that undoing an import puts every row back exactly and a later import still merges correctly.
    """

    label: str
    rows: tuple[RowChange, ...] = field(default_factory=tuple)
    item_id: str | None = None
    restore: bool = False

    def inverse(self) -> Change:
        undone = tuple(RowChange(r.table, r.key, r.after, r.before) for r in reversed(self.rows))
        return Change(f"Undo {self.label[0].lower()}{self.label[1:]}", undone, self.item_id, self.restore)

    @property
    def tables(self) -> frozenset[str]:
        """Which kinds of row changed, so a view refreshes only what it shows."""
        return frozenset(r.table for r in self.rows)

    def ids(self, table: str) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows if r.table == table)

    @property
    def is_empty(self) -> bool:
        return all(r.before == r.after for r in self.rows)


def require_text(value: str, what: str) -> str:
    """``value`` unchanged if it has any visible character, else a plain error naming ``what``."""
    if not value or not value.strip():
        raise InvalidValue(f"The {what} is empty. Write something and try again.")
    return value
