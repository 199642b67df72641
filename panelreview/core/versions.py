"""Versions of the draft, items carried between them, and "was it addressed?" judgements.

The vocabulary of carrying a review to a new version of the draft (no Qt, no I/O). The review
file (:class:`panelreview.storage.versions.VersionOps`, part of every
:class:`~panelreview.storage.Review`) stores and returns these; the window and the command line
use the same calls.

The API the window uses (every call is on an open ``review``; every editing call is one
transaction and returns a :class:`~panelreview.core.review.Change` for the undo stack)::

    # Adding a version and carrying everything over: ONE transaction, ONE undo step (also undone
    # after reopening: review.undo_last_carry_over()). Read the new draft first (ingest) on a
    # worker, then call this on the review's thread. progress(done, total) may return False to
    # cancel: nothing is written and storage.versions.Cancelled (a UserError) is raised.
    # Idempotent: the current version's bytes again -> an empty change (change.is_empty).
    review.plan_match(document)              # 0-1: ask before carrying if below outline_align.SAME_PLAN
    change = review.add_draft_version(data, document, label=None, dated=None, progress=None,
                                      different_plan=False)   # True: carry even to "another plan"
    change.item_id                           # the new version's draft id (now the current draft)
    review.carry_summary(change.item_id)     # CarrySummary: counts by status, needs_attention
    review.apply(change.inverse())           # undo (the previous version is current again)

    review.versions()                        # [DraftVersion], oldest first; .is_current, .name
    review.version(draft_id=None)            # DraftVersion (the current one by default)
    review.previous_version_id(draft_id=None)  # the version before (None for the first)
    review.carry_records(draft_id=None)      # [CarryRecord] for the current (or given) version,
                                             # orphaned first, then edited, moved, unchanged
    review.carry_record(item_id)             # CarryRecord | None for the current version
    review.reattach(item_id, anchor)         # Change: an orphaned (or misplaced) item to a new anchor
                                             # (anchor from review.anchor_for(section=/quote=) or
                                             # core.anchor.anchor_span/anchor_words on the new draft)
    review.dismiss_orphan(item_id)           # Change: "looked at, leave it unplaced" (nothing deleted)
    review.item_anchor(item_id, draft_id)    # the item's Anchor in an older version (old wording)
    review.anchors_on(draft_id)              # {item id: Anchor} for showing an older version with
                                             # its notes where they were (review.document(draft_id))

    review.section_changes(old_draft_id=None, new_draft_id=None)
        # {new section id: SectionChange} for every section of the new version that is added,
        # renamed or edited compared with its counterpart in the old version (default: the
        # version before the current one, and the current one). Unlisted sections are unchanged.
    review.section_counterparts(old_draft_id=None, new_draft_id=None)
        # {new section id: old section id or None}: which old section each new one matches
    review.removed_sections(old_draft_id=None, new_draft_id=None)  # old section ids with no counterpart

    # "Was it addressed?" (member's or panel's recommendations)
    review.addressed_view(rec_id, draft_id=None)   # AddressedView: cited sections' changes + judgement
    review.record_addressed(rec_id, status, comment="", draft_id=None)   # Change
    review.judgements(draft_id=None)         # {recommendation id: Judgement} on that version

Threads: like every call on a review, these run on the thread that owns it. Read the new draft on
a worker (that is the slow part: about 0.5 s for 300 pages); ``add_draft_version`` itself takes
about 0.8 s for 1,000 notes on 300 pages and calls ``progress`` every 50 items, so the window can
keep its progress dialog painted and offer Cancel.

Statuses (:class:`panelreview.core.reanchor.CarryStatus`): ``unchanged`` (same passage, same
place), ``moved`` (same passage; another section number or title, heading path or page),
``edited`` (reworded: ``old_quote`` keeps the old wording, ``new_quote`` the new),
``orphaned`` (no counterpart: ``old_quote`` and ``old_section`` say where it was; the item stays
in the review, unplaced, until re-attached or dismissed).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from panelreview.core.reanchor import CarryStatus
from panelreview.core.review import InvalidValue, SectionRef, _Choice

__all__ = [
    "AddressedStatus",
    "AddressedView",
    "CarryRecord",
    "CarryStatus",
    "CarrySummary",
    "CitedSection",
    "DraftVersion",
    "Judgement",
    "SectionChange",
    "parse_addressed",
]

#: Most urgent first: what the Changes view lists first.
ATTENTION_ORDER = (CarryStatus.ORPHANED, CarryStatus.EDITED, CarryStatus.MOVED, CarryStatus.UNCHANGED)


class AddressedStatus(_Choice):
    ADDRESSED = "addressed"
    PARTLY = "partly"
    NOT_ADDRESSED = "not-addressed"
    NO_LONGER_RELEVANT = "no-longer-relevant"


def parse_addressed(value: str | AddressedStatus) -> AddressedStatus:
    try:
        return AddressedStatus(AddressedStatus.parse(value, "judgement of whether it was addressed"))
    except InvalidValue:
        wanted = str(value).strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {"partly-addressed": AddressedStatus.PARTLY, "not": AddressedStatus.NOT_ADDRESSED}
        if wanted in aliases:
            return aliases[wanted]
        raise


@dataclass(frozen=True, slots=True)
class DraftVersion:
    """One version of the draft kept in the review."""

    id: str
    version_no: int
    label: str | None
    dated: str | None
    file_name: str
    format: str
    title: str
    page_count: int | None
    added: str
    is_current: bool

    @property
    def name(self) -> str:
        """How the version is named to a user: "Consultation draft (version 1)"."""
        return f"{self.label or self.file_name} (version {self.version_no})"


@dataclass(frozen=True, slots=True)
class CarryRecord:
    """What carrying did to one item, for the Changes view and ``list --json``.

    ``item_table`` is "annotations" or "recommendations"; ``kind`` the note's kind or
    "recommendation". Pages are printed labels where the PDF has them, else 1-based numbers.
    ``resolution`` is None, "reattached" or "dismissed" (an orphan the user dealt with).
    """

    item_table: str
    item_id: str
    kind: str
    text: str
    draft_id: str
    from_draft_id: str
    status: CarryStatus
    evidence: str
    score: float
    old_section: SectionRef
    new_section: SectionRef | None
    old_quote: str | None
    new_quote: str | None
    old_page: str | None
    new_page: str | None
    resolution: str | None = None

    @property
    def needs_attention(self) -> bool:
        if self.resolution is not None:
            return False
        return self.status in (CarryStatus.ORPHANED, CarryStatus.EDITED)


@dataclass(frozen=True, slots=True)
class CarrySummary:
    draft_id: str
    from_draft_ids: tuple[str, ...]
    counts: dict[str, int]  # status value -> number of items
    needs_attention: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class SectionChange:
    """How a new version's section differs from its counterpart: ``how`` is "added", "renamed",
    "edited" or "renamed and edited"; ``old_section_id`` None for an added section."""

    section_id: int
    how: str
    old_section_id: int | None


@dataclass(frozen=True, slots=True)
class CitedSection:
    """A section a recommendation cites, and what became of it in the version judged."""

    old: SectionRef
    new: SectionRef | None
    how: str  # "unchanged", "renumbered", "renamed", "edited", "renamed and edited", "removed"
    old_page: str | None
    new_page: str | None


@dataclass(frozen=True, slots=True)
class Judgement:
    recommendation_id: str
    draft_id: str
    status: AddressedStatus
    comment: str
    author_id: str
    updated: str


@dataclass(frozen=True, slots=True)
class AddressedView:
    """For one recommendation: the versions compared, the sections it cites and the judgement."""

    recommendation_id: str
    old_draft_id: str
    new_draft_id: str
    cited: tuple[CitedSection, ...]
    judgement: Judgement | None


class VersionNote(StrEnum):
    """Resolutions of an orphaned item."""

    REATTACHED = "reattached"
    DISMISSED = "dismissed"
