"""How versions, statuses and places are said to a member (translated), shared by the panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon

from panelreview.core.reanchor import CarryStatus
from panelreview.core.review import SectionRef
from panelreview.core.versions import CarryRecord, CarrySummary, DraftVersion
from panelreview.ui.common.labels import count_text, shorten, swatch_icon

if TYPE_CHECKING:
    from panelreview.storage import Review

CONTEXT = "versions"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def review_title(review: Review) -> str:
    """What the window's title calls the plan of an open review: its name without "draft" wording
    and, once there are several versions, which one is shown ("… — Final draft (version 2)"), so
    the title never calls a final draft a consultation draft."""
    from panelreview.export.facts import plan_name  # (not loaded before a review is open)

    given = review.settings.plan_title
    plan = plan_name(given) if given and given.strip() else review.path.stem
    if review.previous_version_id() is None:
        return plan
    return f"{plan} — {version_name(review.version())}"


def version_name(version: DraftVersion) -> str:
    """ "Consultation draft (version 1)", or the file's name when the draft has no label."""
    return tr("{label} (version {n})").format(label=version.label or version.file_name, n=version.version_no)


def status_word(record: CarryRecord) -> str:
    """What became of an item, in a word or two; an orphan the member dealt with says how."""
    if record.resolution == "reattached":
        return tr("Re-attached")
    if record.resolution == "dismissed":
        return tr("Left unplaced")
    return {
        CarryStatus.UNCHANGED: tr("Unchanged"),
        CarryStatus.MOVED: tr("Moved"),
        CarryStatus.EDITED: tr("Edited"),
        CarryStatus.ORPHANED: tr("Needs placing"),
    }[record.status]


_MARKS = {
    CarryStatus.ORPHANED: ("#c62828", "!"),
    CarryStatus.EDITED: ("#ef8f00", "≠"),
    CarryStatus.MOVED: ("#1565c0", "→"),
    CarryStatus.UNCHANGED: ("#9e9e9e", "="),
}


def status_icon(record: CarryRecord) -> QIcon:
    """A coloured square with a mark (the colour is never the only cue: the status is also in words)."""
    if record.resolution is not None:
        return swatch_icon(QColor("#9e9e9e"), "✓")
    colour, mark = _MARKS[record.status]
    return swatch_icon(QColor(colour), mark)


def kind_word(kind: str) -> str:
    return {
        "highlight": tr("Highlight"),
        "comment": tr("Comment"),
        "question": tr("Question"),
        "concern": tr("Concern"),
        "support": tr("Support"),
        "recommendation": tr("Recommendation"),
    }.get(kind, kind)


def place(ref: SectionRef | None, page: str | None) -> str:
    """ "2.3 Reduce reoffending (p. 7)", or "the whole draft"."""
    if ref is None:
        return tr("no place in this version")
    label = ref.label if ref.title is not None else tr("the whole draft")
    return tr("{section} (p. {page})").format(section=label, page=page) if page else label


def short_place(ref: SectionRef | None, page: str | None) -> str:
    """ "2.3 (p. 7)", or a title cut short where the section has no number: for a list's second line."""
    if ref is None:
        return tr("no place in this version")
    label = tr("the whole draft") if ref.title is None else ref.number or shorten(ref.title, 34)
    return tr("{section} (p. {page})").format(section=label, page=page) if page else label


def where_text(record: CarryRecord) -> str:
    """Where the item was and is, in one short line."""
    old = short_place(record.old_section, record.old_page)
    if record.status is CarryStatus.ORPHANED and record.resolution != "reattached":
        return tr("Was in {old}; no place found in this version").format(old=old)
    new = short_place(record.new_section, record.new_page)
    if record.status is CarryStatus.UNCHANGED:
        return tr("In {new}").format(new=new)
    if record.status is CarryStatus.EDITED and new == old:
        return tr("In {new}; its passage was reworded").format(new=new)
    if record.status is CarryStatus.EDITED:
        return tr("Now in {new}, reworded; was in {old}").format(new=new, old=old)
    return tr("Now in {new}; was in {old}").format(new=new, old=old)


def how_text(how: str) -> str:
    """A section change ("added", "renamed", "edited", "renamed and edited", "removed", ...) in words."""
    return {
        "added": tr("new in this version"),
        "renamed": tr("renamed"),
        "edited": tr("text changed"),
        "renamed and edited": tr("renamed, text changed"),
        "removed": tr("removed"),
        "unchanged": tr("unchanged"),
        "renumbered": tr("renumbered"),
    }.get(how, how)


def summary_text(summary: CarrySummary, version: str) -> str:
    """ "42 notes and recommendations carried to Final draft (version 2): 35 unchanged, 4 moved,
    2 edited, 1 needs placing." """
    counts = summary.counts
    parts = []
    for key, one, many in (
        ("unchanged", tr("1 unchanged"), tr("{n} unchanged")),
        ("moved", tr("1 moved"), tr("{n} moved")),
        ("edited", tr("1 edited"), tr("{n} edited")),
        ("orphaned", tr("1 needs placing"), tr("{n} need placing")),
    ):
        n = counts.get(key, 0)
        if n:
            parts.append(count_text(n, one, many))
    if summary.total == 1:
        head = tr("1 note or recommendation carried to {version}").format(version=version)
    else:
        head = tr("{n} notes and recommendations carried to {version}").format(
            n=summary.total, version=version
        )
    if not parts:
        return head + "."
    return head + ": " + ", ".join(parts) + "."
