"""What every export needs to know about a review: names and titles, dates, drafts, plan references.

Titles come from the review's settings ("Police and Crime Commissioner", "Police, Fire and Crime
Panel", "Mayor" ...): nothing here assumes them. Short forms ("the Commissioner", "the Panel")
are derived from the configured titles.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any

from panelreview.core.anchor import Anchor
from panelreview.core.errors import UserError
from panelreview.core.model import Section
from panelreview.core.review import Member, Role, SectionRef, Settings
from panelreview.export.textclean import one_line

if TYPE_CHECKING:
    from panelreview.storage import Review

_SHORT_TITLES = ("Commissioner", "Mayor", "Panel", "Board", "Committee")
_DRAFT_WORDS = re.compile(r"(?:\s*\([^)]*\bdraft\b[^)]*\)|\s+[–—-]\s+[^–—-]*\bdraft\b.*)$", re.IGNORECASE)
_LEADING_DRAFT = re.compile(r"^(?:the\s+)?draft\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
_CORE_DATE = re.compile(rb"<dcterms:(modified|created)[^>]*>(\d{4}-\d{2}-\d{2})")


def short_title(title: str) -> str:
    """ "Police, Fire and Crime Commissioner" -> "Commissioner"; a title with no known head noun
    is used whole."""
    words: list[str] = re.findall(r"[\w’'-]+", title)
    for word in reversed(words):
        if word.capitalize() in _SHORT_TITLES:
            return word.capitalize()
    return title.strip()


def format_date(value: str | date | None) -> str | None:
    """An ISO date (or timestamp) as "12 February 2025"; anything else is returned as typed."""
    if value is None:
        return None
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    text = one_line(value)
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return format_date(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return text
    return text


def plan_name(plan_title: str) -> str:
    """The plan's title without "draft" wording: "Draft X (DRAFT for consultation)" -> "X"."""
    name = one_line(plan_title)
    name = _DRAFT_WORDS.sub("", name)
    name = _LEADING_DRAFT.sub("", name).strip()
    return name or "Police and Crime Plan"


@dataclass(frozen=True, slots=True)
class Names:
    panel: str  # "Westshire Police and Crime Panel"
    panel_short: str  # "Panel"
    commissioner: str  # "Police and Crime Commissioner for Westshire"
    commissioner_title: str  # "Police and Crime Commissioner"
    commissioner_short: str  # "Commissioner"
    plan: str  # "Police and Crime Plan 2025-29"

    @property
    def panels(self) -> str:
        """The possessive: "Panel's"."""
        return f"{self.panel_short}’s"

    @property
    def commissioners(self) -> str:
        return f"{self.commissioner_short}’s"


def names_from(settings: Settings) -> Names:
    panel_title = one_line(settings.panel_title) or "Police and Crime Panel"
    commissioner_title = one_line(settings.commissioner_title) or "Police and Crime Commissioner"
    given = one_line(settings.panel_name)
    if not given:
        panel, area = panel_title, ""
    elif panel_title.lower() in given.lower() or short_title(panel_title).lower() in given.lower().split():
        panel = given
        area = re.sub(re.escape(panel_title), "", given, flags=re.IGNORECASE).strip(" ,–-")
        area = re.sub(r"^(?:for|of)\s+", "", area, flags=re.IGNORECASE)
    else:
        panel, area = f"{given} {panel_title}", given
    commissioner = f"{commissioner_title} for {area}" if area else commissioner_title
    return Names(
        panel=panel,
        panel_short=short_title(panel_title),
        commissioner=commissioner,
        commissioner_title=commissioner_title,
        commissioner_short=short_title(commissioner_title),
        plan=plan_name(settings.plan_title),
    )


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """One draft kept in the review, as a reference names it."""

    id: str
    file_name: str
    title: str
    format: str
    page_count: int | None
    dated: str  # "23 November 2026": the file's own date, else the day it was added to the review
    sections: dict[int, Section]


def draft_bytes(review: Review, draft_id: str) -> bytes:
    """The bytes of a draft kept inside the review."""
    try:
        return review.draft_data(draft_id)[1]
    except UserError:
        return b""


def _file_date(data: bytes, fmt: str) -> date | None:
    """The date a PDF or Word file carries in its own properties, if any."""
    try:
        if fmt == "pdf":
            import pymupdf

            with pymupdf.open(stream=data, filetype="pdf") as doc:
                meta = doc.metadata or {}
            for key in ("modDate", "creationDate"):
                match = _PDF_DATE.match(str(meta.get(key) or ""))
                if match:
                    return date(int(match[1]), int(match[2]), int(match[3]))
        elif fmt == "docx":
            with zipfile.ZipFile(BytesIO(data)) as archive:
                core = archive.read("docProps/core.xml")[:20000]
            found = dict(_CORE_DATE.findall(core))
            stamp = found.get(b"modified") or found.get(b"created")
            if stamp:
                return date.fromisoformat(stamp.decode())
    except Exception:  # a draft's properties are a nicety; a damaged one must not stop an export
        return None
    return None


def load_drafts(review: Review) -> dict[str, DraftInfo]:
    found: dict[str, DraftInfo] = {}
    for row in review.drafts():
        draft_id = str(row["id"])
        fmt = str(row["format"])
        dated = _file_date(draft_bytes(review, draft_id), fmt) if fmt in ("pdf", "docx") else None
        found[draft_id] = DraftInfo(
            id=draft_id,
            file_name=one_line(str(row["file_name"])),
            title=one_line(str(row["title"] or "")),
            format=fmt,
            page_count=row["page_count"],
            dated=format_date(dated) or format_date(str(row["added"])) or "(undated)",
            sections={s.id: s for s in review.sections(draft_id)},
        )
    return found


def describe_draft(draft: DraftInfo) -> str:
    """ "“Westshire Police and Crime Plan 2025-29”, dated 3 January 2025 (17 pages)"."""
    title = draft.title or draft.file_name
    pages = f" ({draft.page_count} pages)" if draft.page_count else ""
    return f"“{title}”, dated {draft.dated}{pages}"


def _page_of(anchor: Anchor, section: Section | None) -> str | None:
    if anchor.quote and anchor.page_index is not None:
        return f"page {one_line(anchor.page_label) or anchor.page_index + 1}"
    if section is not None and section.page_start:
        end = section.page_end or section.page_start
        return (
            f"page {section.page_start}" if end == section.page_start else f"pages {section.page_start}–{end}"
        )
    if anchor.page_index is not None:
        return f"page {one_line(anchor.page_label) or anchor.page_index + 1}"
    return None


def section_title(section: SectionRef) -> str:
    """The section's title as a reader sees it: an enumerated paragraph's title (its first eight
    words) ends in "…" rather than in mid-sentence punctuation."""
    title = one_line(section.title)
    if section.number and len(title.split()) == 8:
        title = title.rstrip(",;:–- ") + "…"
    return title


def section_label(section: SectionRef) -> str:
    """ "2.1 Fewer victims of violence with injury, with a…" or "Our vision"."""
    if section.title is None:
        return "The plan as a whole"
    title = section_title(section)
    return f"{one_line(section.number)} {title}" if section.number else title


def section_phrase(section: SectionRef) -> str:
    """ "section 2.1 “Fewer victims …”" or "“Our vision”"; "the plan as a whole" without one."""
    if section.title is None:
        return "the plan as a whole"
    if section.number:
        return f"section {one_line(section.number)} “{section_title(section)}”"
    return f"“{section_title(section)}”"


def page_of(section: SectionRef, anchor: Anchor, draft: DraftInfo | None) -> str | None:
    """ "page 8" or "pages 8–9" in ``draft``, or None where the draft has no pages."""
    found = draft.sections.get(section.id) if draft and section.id is not None else None
    return _page_of(anchor, found)


def page_phrase(section: SectionRef, anchor: Anchor, draft: DraftInfo | None) -> str:
    """ "page 8 of the draft dated 3 January 2025", "the draft dated …" (no pages), or ""."""
    page = page_of(section, anchor, draft)
    if draft is None:
        return page or ""
    return f"{page} of the draft dated {draft.dated}" if page else f"the draft dated {draft.dated}"


def _short(heading: str, words: int = 5) -> str:
    """A heading cut to its first few words ("Priority 1: Visible and responsive…")."""
    parts = heading.split()
    return heading if len(parts) <= words + 1 else " ".join(parts[:words]) + "…"


def plan_reference(
    section: SectionRef, anchor: Anchor, draft: DraftInfo | None, *, brief: bool = False
) -> str:
    """Where an item sits, as the Commissioner's office will look it up:

    "Section 2.1 “Fewer victims …” in “Priority 2: …”, page 8 of the draft dated 3 January 2025".
    ``brief`` (for a summary table): "Section 2.1, page 8", the draft named elsewhere.
    """
    if brief:
        page = page_of(section, anchor, draft)
        if section.title is None:
            where = "The plan as a whole"
        elif section.number:
            where = f"Section {one_line(section.number)}"
        else:
            where = f"“{section_title(section)}”"
            top = one_line(anchor.heading_path[0]) if anchor.heading_path else ""
            if top and top != one_line(section.label):
                # "What we will do" recurs under every priority: say which one, briefly.
                where += f" in “{_short(top)}”"
        return f"{where}, {page}" if page else where
    where = page_phrase(section, anchor, draft)
    if section.title is None:
        text = f"{where} (the plan as a whole)" if where else "The plan as a whole"
        return text[0].upper() + text[1:]
    parts = section_phrase(section)
    top = one_line(anchor.heading_path[0]) if anchor.heading_path else ""
    if top and top != one_line(section.label):
        parts += f" in “{top}”"
    if where:
        parts += f", {where}"
    return parts[0].upper() + parts[1:]


def member_name(member: Member) -> str:
    """How a member is named in a report: "Cllr Ann Jones (Northtown)"."""
    name = one_line(member.name) or "A member"
    extra = one_line(member.council)
    if member.role is Role.INDEPENDENT_MEMBER and not extra:
        extra = "independent member"
    return f"{name} ({extra})" if extra else name


def chair_name(review: Review) -> str | None:
    """The panel chair's name, if the review knows who chairs the panel."""
    if review.owner.role is Role.CHAIR:
        return one_line(review.owner.name)
    row = review.db.execute(
        "SELECT name FROM members WHERE role = 'chair' AND deleted = 0 ORDER BY updated DESC LIMIT 1"
    ).fetchone()
    return one_line(str(row[0])) if row else None


def setting(settings: Settings, *names: str) -> Any:
    """The first of several possible settings that this version of the review file has."""
    for name in names:
        value = getattr(settings, name, None)
        if value:
            return value
    return None


def today() -> str:
    return format_date(datetime.now().date()) or ""


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
