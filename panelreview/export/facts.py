"""What every export needs to know about a review: names and titles, dates, drafts, plan references.

Titles come from the review's settings ("Police and Crime Commissioner", "Police, Fire and Crime
Panel", "Mayor" ...): nothing here assumes them. Short forms ("the Commissioner", "the Panel")
are derived from the configured titles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
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
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_OF_AREA = re.compile(r"\s+(?:for|of)\s+\S", re.IGNORECASE)
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve")  # fmt: skip


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
    month = _ISO_MONTH.match(text)
    if month and 1 <= int(month[2]) <= 12:
        return f"{date(int(month[1]), int(month[2]), 1):%B %Y}"
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
    """The names a report uses, from the settings, whether the clerk typed a bare title ("Police
    and Crime Commissioner") or the full one ("Police and Crime Commissioner for Westshire"): the
    area is never doubled ("… for Westshire for Westshire")."""
    panel_title = one_line(settings.panel_title) or "Police and Crime Panel"
    commissioner_title = one_line(settings.commissioner_title) or "Police and Crime Commissioner"
    given = one_line(settings.panel_name)
    generic_panel = _generic(panel_title, "Panel")
    if not given:
        panel, area = panel_title, _area_of(panel_title, generic_panel)
    elif generic_panel.lower() in given.lower():
        panel, area = given, _area_of(given, generic_panel)
    elif given.lower() in panel_title.lower():  # "Westshire" with the title "Westshire … Panel"
        panel, area = panel_title, given
    else:
        panel, area = f"{given} {generic_panel}", given
    generic_commissioner = _generic(commissioner_title, "Commissioner")
    if _OF_AREA.search(commissioner_title) or (area and area.lower() in commissioner_title.lower()):
        commissioner = commissioner_title  # already names the area
    elif area:
        joiner = "of" if short_title(commissioner_title) == "Mayor" else "for"
        commissioner = f"{commissioner_title} {joiner} {area}"
    else:
        commissioner = commissioner_title
    return Names(
        panel=re.sub(r"^the\s+", "", panel, flags=re.IGNORECASE),
        panel_short=short_title(generic_panel),
        commissioner=re.sub(r"^the\s+", "", commissioner, flags=re.IGNORECASE),
        commissioner_title=generic_commissioner,
        commissioner_short=short_title(generic_commissioner),
        plan=plan_name(settings.plan_title),
    )


def _generic(title: str, noun: str) -> str:
    """ "Police and Crime Commissioner for Westshire" -> "Police and Crime Commissioner";
    "Westshire Police and Crime Panel" stays whole (its area is found by :func:`_area_of`)."""
    return _OF_AREA.split(title, maxsplit=1)[0].strip() if _OF_AREA.search(title) else title


def _area_of(name: str, generic: str) -> str:
    """ "Westshire Police and Crime Panel" less "Police and Crime Panel" -> "Westshire"."""
    for title in (generic, *_TITLE_CORES):
        if title.lower() in name.lower():
            area = re.sub(re.escape(title), "", name, flags=re.IGNORECASE).strip(" ,–-")
            return re.sub(r"^(?:the\s+)?(?:for|of)\s+|^the\s+", "", area, flags=re.IGNORECASE).strip()
    return ""


_TITLE_CORES = (
    "Police, Fire and Crime Panel",
    "Police and Crime Panel",
    "Police, Fire and Crime Commissioner",
    "Police and Crime Commissioner",
)


def title_preview(settings: Settings) -> list[str]:
    """How the titles read in the report's sentences, to show the clerk before saving them."""
    n = names_from(settings)
    return [
        f"The {n.panel} has reviewed the draft {n.plan}.",
        f"The {n.panel_short} asks the {n.commissioner} for a written response; the "
        f"{n.commissioner_short} must publish it.",
    ]


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """One draft kept in the review, as a reference names it."""

    id: str
    file_name: str
    title: str
    format: str
    page_count: int | None
    label: str | None  # what the draft calls itself: "Final draft" (confirmed by the clerk)
    dated: str | None  # "6 February 2025": the date the draft bears, never the file's own date
    version_no: int
    sections: dict[int, Section]

    @property
    def name(self) -> str:
        """How a sentence names it: "the final draft dated 6 February 2025", "the draft"."""
        label = one_line(self.label)
        if not label:
            named = "the draft"
        elif re.fullmatch(r"(?:[\w-]+\s+){0,3}draft", label, re.IGNORECASE) and label.lower() != "draft":
            named = "the " + label[0].lower() + label[1:]
        elif re.fullmatch(r"version\s+\S+", label, re.IGNORECASE):
            named = f"{label[0].lower() + label[1:]} of the draft"
        else:
            named = f"the draft “{label}”"
        return f"{named} dated {self.dated}" if self.dated else named


def draft_bytes(review: Review, draft_id: str) -> bytes:
    """The bytes of a draft kept inside the review."""
    try:
        return review.draft_data(draft_id)[1]
    except UserError:
        return b""


def load_drafts(review: Review) -> dict[str, DraftInfo]:
    """The review's drafts, oldest first, with the label and date the clerk confirmed (or that were
    read from the draft's own words when it was added); never the file's properties."""
    found: dict[str, DraftInfo] = {}
    for row in review.drafts():
        draft_id = str(row["id"])
        found[draft_id] = DraftInfo(
            id=draft_id,
            file_name=one_line(str(row["file_name"])),
            title=one_line(str(row["title"] or "")),
            format=str(row["format"]),
            page_count=row["page_count"],
            label=one_line(row.get("label")) or None,
            dated=format_date(row.get("dated")),
            version_no=int(row.get("version_no") or len(found) + 1),
            sections={s.id: s for s in review.sections(draft_id)},
        )
    return found


def describe_draft(draft: DraftInfo) -> str:
    """ "Final draft, dated 6 February 2025: “Westshire Police and Crime Plan 2025-29” (17 pages)"."""
    title = draft.title or draft.file_name
    pages = f" ({number_words(draft.page_count, digits_above=0)} pages)" if draft.page_count else ""
    which = ", ".join(p for p in (one_line(draft.label), f"dated {draft.dated}" if draft.dated else "") if p)
    which = which[0].upper() + which[1:] if which else ""
    return f"{which}: “{title}”{pages}" if which else f"“{title}”{pages}"


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


def cut_short(section: SectionRef) -> bool:
    """Whether a numbered section's title is only the start of its sentence (readers take the
    first eight words of an enumerated outcome): such a title is never quoted in a formal document."""
    title = one_line(section.title)
    if not section.number or not title:
        return False
    if title.endswith((".", "!", "?", "”", ")")):
        return False
    words = title.split()
    return len(words) >= 7 or title.endswith((",", ";", ":", "–", "-")) or words[-1].lower() in _CONNECTORS


_CONNECTORS = frozenset("a an the and or of to for with in on by from that which who as at".split())  # noqa: SIM905


def section_title(section: SectionRef) -> str:
    """The section's title as a reader sees it (whole; see :func:`cut_short`)."""
    return one_line(section.title)


def section_label(section: SectionRef, parent: str = "") -> str:
    """ "Our vision", "2.1 Fewer victims of violence", or for a numbered paragraph whose title is
    cut short, its number and the part of the plan it is in ("2.3 in Priority 2: …")."""
    if section.title is None:
        return "The plan as a whole"
    if cut_short(section):
        return f"{one_line(section.number)} in {parent}" if parent else one_line(section.number)
    title = section_title(section)
    return f"{one_line(section.number)} {title}" if section.number else title


def section_phrase(section: SectionRef) -> str:
    """ "section 2.1" (a title cut short is left out), "section 2.1 “Our aim”", "“Our vision”"."""
    if section.title is None:
        return "the plan as a whole"
    if section.number:
        if cut_short(section):
            return f"section {one_line(section.number)}"
        return f"section {one_line(section.number)} “{section_title(section)}”"
    return f"“{section_title(section)}”"


def top_heading(section: SectionRef, anchor: Anchor) -> str:
    """The top-level part of the plan an item is in ("Priority 2: …"), whole; "" if it is that part."""
    top = one_line(anchor.heading_path[0]) if anchor.heading_path else ""
    return top if top and top != one_line(section.label) else ""


def not_placed(section: SectionRef, anchor: Anchor) -> bool:
    """An item carried to a new version whose passage or section that version no longer has: it
    keeps where it was (its heading path) but has no section now. Not a note on the whole plan."""
    return section.title is None and any(one_line(h) for h in anchor.heading_path)


def where_it_was(anchor: Anchor) -> str:
    """ "“2.3 Every child at risk” in “Priority 2: …”": the place a not-placed item had."""
    path = [h for h in (one_line(h) for h in anchor.heading_path) if h]
    if not path:
        return ""
    text = f"“{path[-1]}”"
    return text + (f" in “{path[0]}”" if len(path) > 1 else "")


def page_of(section: SectionRef, anchor: Anchor, draft: DraftInfo | None) -> str | None:
    """ "page 8" or "pages 8–9" in ``draft``, or None where the draft has no pages."""
    found = draft.sections.get(section.id) if draft and section.id is not None else None
    return _page_of(anchor, found)


def page_phrase(section: SectionRef, anchor: Anchor, draft: DraftInfo | None) -> str:
    """ "page 8 of the final draft dated 6 February 2025", "the final draft …" (no pages), or ""."""
    page = page_of(section, anchor, draft)
    if draft is None:
        return page or ""
    return f"{page} of {draft.name}" if page else draft.name


def plan_reference(
    section: SectionRef, anchor: Anchor, draft: DraftInfo | None, *, brief: bool = False
) -> str:
    """Where an item sits, as the Commissioner's office will look it up:

    "Section 2.1 “Fewer victims …” in “Priority 2: …”, page 8 of the draft dated 3 January 2025".
    ``brief`` (for a summary table): "Section 2.1, page 8", the draft named elsewhere.
    """
    if not_placed(section, anchor):
        if brief:
            return f"Was {where_it_was(anchor)} (not in this version)"
        version = draft.name if draft is not None else "the current draft"
        return f"Was {where_it_was(anchor)}, which is not in {version}"
    top = top_heading(section, anchor)
    if brief:
        page = page_of(section, anchor, draft)
        if section.title is None:
            where = "The plan as a whole"
        elif section.number:
            where = f"Section {one_line(section.number)}"
        else:
            where = f"“{section_title(section)}”"
            if top:  # "What we will do" recurs under every priority: say which one
                where += f" in “{top}”"
        return f"{where}, {page}" if page else where
    where = page_phrase(section, anchor, draft)
    if section.title is None:
        text = f"{where} (the plan as a whole)" if where else "The plan as a whole"
        return text[0].upper() + text[1:]
    parts = section_phrase(section)
    if top:
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


def number_words(n: int, *, digits_above: int = 12) -> str:
    """ "six" for small numbers, as reports write them; digits above ``digits_above`` (and for 0
    when ``digits_above`` is 0, e.g. page counts)."""
    return _WORDS[n] if 0 <= n <= digits_above and (n or digits_above) else str(n)


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "six recommendations", "one comment", "no notes", "15 pages"."""
    return f"{number_words(n)} {one if n == 1 else (many or one + 's')}"


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def date_warnings(review: Review) -> list[str]:
    """Dates of the review that contradict each other (the draft's, the meeting's, the report's,
    the response's), in plain English; empty when all agree."""
    from panelreview.core.report_dates import date_problems

    current = next((d for d in review.drafts() if d["id"] == review.current_draft_id), None)
    settings = review.settings
    return date_problems(
        draft_dated=current.get("dated") if current else None,
        meeting=settings.meeting_date,
        report=settings.report_date,
        response_by=settings.response_deadline,
        today=datetime.now().date(),
    )


def report_checks(review: Review) -> list[str]:
    """What a clerk should look at before sending the report, in plain English: dates that
    contradict each other, a draft whose own label and date are unknown, and recommendations
    withdrawn after they were numbered (with how to number them again)."""
    from panelreview.core.review import PanelStatus, Role

    found = date_warnings(review)
    current = next((d for d in review.drafts() if d["id"] == review.current_draft_id), None)
    if current is not None and not (current.get("label") or current.get("dated")):
        found.append(
            "The draft’s own label and date are not known, so the report says only “the draft”: give "
            "them in Review Settings (or settings --draft-label and --draft-date)."
        )
    if review.owner.role is Role.CLERK:
        gone = [
            one_line(r.number)
            for r in review.recommendations(author_id=review.owner_id)
            if r.panel_status is PanelStatus.WITHDRAWN and one_line(r.number)
        ]
        if gone:
            found.append(
                f"{join_words(gone)} {'were' if len(gone) > 1 else 'was'} withdrawn after numbering: the "
                "report says so and keeps the other numbers. To number them again without gaps, number "
                "the recommendations again (panelreview number REVIEW)."
            )
    return found
