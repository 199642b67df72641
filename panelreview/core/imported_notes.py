"""Notes made in another program, as read from an annotated PDF or a commented Word file.

Both readers (:mod:`panelreview.ingest.pdf_notes`, :mod:`panelreview.ingest.docx_notes`) give one
:class:`NotesFile`: the items found (each with its author, text, dates, the passage it marks and
its replies in order) and what was left out, counted by reason. Pure data: no I/O, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from panelreview.core.clerk import name_key
from panelreview.core.model import Rect
from panelreview.core.review import Kind

#: What an item was in the other program.
HIGHLIGHT, UNDERLINE, STRIKEOUT, SQUIGGLY = "highlight", "underline", "strike-out", "squiggly"
NOTE, FREE_TEXT, SHAPE, COMMENT = "sticky note", "text box", "drawing", "comment"
TEXT_MARKUP = (HIGHLIGHT, UNDERLINE, STRIKEOUT, SQUIGGLY)


@dataclass(frozen=True, slots=True)
class Passage:
    """Where an item sits in the file it came from.

    ``quote`` is the marked text (a highlight's words, a Word comment's range); ``prefix`` and
    ``suffix`` a few words either side of it in the file, to tell repeated passages apart. ``page``
    is the 0-based page of a PDF and ``rects`` the marked lines (or the note's box) in PDF points
    on that page; ``point`` is where a sticky note was put. ``near`` is text at the note's point
    (the line it sits beside) when it marks no passage.
    """

    quote: str | None = None
    prefix: str = ""
    suffix: str = ""
    page: int | None = None
    rects: tuple[Rect, ...] = ()
    point: tuple[float, float] | None = None
    near: str = ""


@dataclass(frozen=True, slots=True)
class ImportedReply:
    author: str
    text: str
    created: str | None = None
    modified: str | None = None
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class ImportedItem:
    """One note as the other program kept it. ``author`` is "" when the file names nobody."""

    source_id: str
    origin: str
    author: str
    text: str
    passage: Passage
    initials: str = ""
    subject: str = ""
    created: str | None = None
    modified: str | None = None
    replies: tuple[ImportedReply, ...] = ()
    #: The PanelReview id (``/NM``) of an item our own annotated-draft export wrote.
    panelreview_id: str | None = None
    #: The kind our own export named in ``/Subj`` ("Question", ...), if any.
    kind_hint: str | None = None


@dataclass(frozen=True, slots=True)
class NotesFile:
    """Everything read from one file: the items, and what was left out with the reason."""

    file_name: str
    format: str  # "pdf" or "docx"
    items: tuple[ImportedItem, ...]
    left_out: dict[str, int] = field(default_factory=dict)
    page_count: int | None = None
    #: Sample of the file's own text (for telling whether it is the same document as the draft).
    sample_text: str = ""
    #: The file's bytes, to read it as a version of the draft when it is not the review's draft.
    data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def authors(self) -> list[str]:
        """Everyone who wrote an item or a reply, in order of first appearance."""
        seen: dict[str, str] = {}
        for item in self.items:
            for name in (item.author, *(r.author for r in item.replies)):
                seen.setdefault(author_key(name), name)
        return list(seen.values())


def author_key(name: str) -> str:
    """A name for matching people: titles, case and punctuation ignored (any script)."""
    key = name_key(name)
    if key:
        return key
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# "?" and the question marks of other scripts: Arabic "؟", full-width "？", Greek ";", reversed "⸮".
_QUESTION_END = re.compile("[?\uff1f\u061f\u037e\u2e2e][\\s\"'”’)\\]]*$")


def infer_kind(item: ImportedItem) -> Kind:
    """The kind an imported note starts as (changeable afterwards).

    Our own export names the kind in the subject; otherwise a mark with no words is a highlight,
    words ending in a question mark are a question, and anything else is a comment.
    """
    if item.kind_hint:
        for kind in Kind:
            same = item.kind_hint.strip().lower() == kind.value
            if same and (kind is not Kind.HIGHLIGHT or not item.text.strip()):
                return kind
    text = item.text.strip()
    if not text:
        return Kind.HIGHLIGHT
    if _QUESTION_END.search(text):
        return Kind.QUESTION
    return Kind.COMMENT


_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz+\-])\s*(\d{2})?'?(\d{2})?'?)?"
)


def parse_date(raw: object) -> str | None:
    """A date as an ISO 8601 UTC string from what readers write, or None if it cannot be read.

    Accepts PDF dates (``D:20250112103000+01'00'``, truncated ones, missing apostrophes), ISO 8601
    (with or without zone), datetimes, and a few common written forms. Anything else is None: the
    note keeps its place, only without a date.
    """
    if isinstance(raw, datetime):
        moment = raw if raw.tzinfo else raw.replace(tzinfo=UTC)
        return _iso(moment)
    text = str(raw or "").strip().strip("\x00")
    if not text:
        return None
    iso = text.replace("z", "Z")
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return _iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    except ValueError:
        pass
    match = _PDF_DATE.match(text)
    if match and (text.startswith("D:") or text[:4].isdigit()):
        year, month, day, hour, minute, second, sign, zh, zm = match.groups()
        try:
            moment = datetime(
                int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError:
            return None
        offset = timedelta(hours=int(zh or 0), minutes=int(zm or 0))
        zone = timezone(-offset if sign == "-" else offset) if sign in ("+", "-") else UTC
        return _iso(moment.replace(tzinfo=zone))
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%b %d %Y", "%B %d, %Y"):
        try:
            return _iso(datetime.strptime(text, fmt).replace(tzinfo=UTC))
        except ValueError:
            continue
    return None


def _iso(moment: datetime) -> str | None:
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    except (OverflowError, ValueError):
        return None


def plain_text(text: str) -> str:
    """Text as a note keeps it: line breaks kept, other control characters and stray spaces removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    kept = "".join(ch for ch in text if ch == "\n" or ch == "\t" or unicodedata.category(ch) != "Cc")
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    return "\n".join(lines).strip()


# ----- what an import does with each note ----------------------------------------------------------
NEW, UPDATE, SAME, SKIP, OFFERED = "imported", "updated", "unchanged", "skipped", "offered"


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One note of the file and what importing it does (or did).

    ``status`` is :data:`NEW`, :data:`UPDATE`, :data:`SAME` (imported before, unchanged),
    :data:`SKIP` (with ``reason``) or :data:`OFFERED` (someone else's note the user has not
    accepted). ``key`` identifies it across imports: its author and passage.
    """

    key: str
    item: ImportedItem
    author: str
    mine: bool
    kind: Kind
    section: str
    status: str
    reason: str = ""
    placed: str = ""
    note_id: str | None = None
    new_replies: int = 0


@dataclass(frozen=True, slots=True)
class NotesImportReport:
    """What importing one file did: every note with its outcome, and what the file left out."""

    file_name: str
    notes: tuple[PlannedNote, ...]
    left_out: dict[str, int]
    import_id: str | None = None
    version_note: str | None = None

    def having(self, status: str) -> list[PlannedNote]:
        return [n for n in self.notes if n.status == status]

    @property
    def summary(self) -> str:
        """One line for the user: what came in, and only the other outcomes that happened."""
        parts = [f"{len(self.having(NEW))} imported"]
        for status, words in ((UPDATE, "updated"), (SAME, "already imported"), (SKIP, "skipped")):
            if self.having(status):
                parts.append(f"{len(self.having(status))} {words}")
        left = sum(n for reason, n in self.left_out.items() if not reason.startswith("pop-up"))
        if left:
            parts.append(f"{left} other mark{'s' if left != 1 else ''} left out")
        offered = len(self.having(OFFERED))
        if offered:
            parts.append(f"{offered} of others' notes not taken")
        return f"“{self.file_name}”: " + ", ".join(parts) + "."
