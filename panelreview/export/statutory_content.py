"""An appendix for the panel's report: what the draft sets out of what the law asks a plan to set out.

In plain words, one line per item of the statutory checklist: where the draft sets it out (by
section and page of the named draft), or that it does so only in part, or not at all. The
clerk's own view of an item, when recorded, is the panel's word; otherwise PanelReview's
finding is used, said as what was found. How many members thought an item missing or weak is
given as a count, never with names. Added only when the clerk asks for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from panelreview.export.blocks import Block, Heading, PageBreak, Para, Run, Style, para
from panelreview.export.facts import describe_draft, load_drafts

if TYPE_CHECKING:
    from panelreview.core.checklist import ItemResult
    from panelreview.core.model import Section
    from panelreview.storage import Review
    from panelreview.storage.checklist_ops import Decision, ItemTally

APPENDIX_TITLE = "Appendix B: What the draft sets out of what the law asks"


def _where(sections: tuple[Section, ...], parents: dict[int, str] | None = None) -> str:
    """ "“Resources and finance” (page 14)"; a title the draft uses more than once names its parent."""
    parts = []
    for section in sections[:5]:
        page = f" (page {section.page_start})" if section.page_start else ""
        within = (parents or {}).get(section.id)
        parts.append(f"“{section.label}”" + (f" in “{within}”" if within else "") + page)
    if len(sections) > 5:
        parts.append(f"{len(sections) - 5} more sections")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


def _finding(item: ItemResult, view: Decision | None, panel: str, parents: dict[int, str]) -> str:
    if view is not None:
        if view.decision == "missing":
            return f"The {panel} found that the draft does not set this out."
        where = _where(view.sections, parents)
        if view.decision == "weak":
            return f"The {panel} found that the draft sets this out only in part" + (
                f", in {where}." if where else "."
            )
        return f"Set out in {where}." if where else "Set out in the draft."
    sections = tuple(p.section for p in item.proposals)
    if not sections:
        return "Not found in the draft."
    text = (
        f"Mentioned only in passing, in {_where(sections, parents)}."
        if item.in_passing
        else f"Set out in {_where(sections, parents)}."
    )
    if item.gaps:
        text += " Nothing was found on " + "; ".join(item.gaps) + "."
    return text


def _members(tally: ItemTally | None) -> str:
    if tally is None:
        return ""
    from panelreview.core.synthesis import members_phrase

    parts = []
    for decision, words in (("missing", "missing"), ("weak", "set out only in part")):
        n = tally.counts.get(decision, 0)
        if n:
            parts.append(f"{members_phrase(n, tally.total_members)} thought it {words}")
    return (" " + "; ".join(parts) + ".") if parts else ""


def statutory_content_blocks(review: Review) -> list[Block]:
    """The appendix, starting on a new page."""
    from panelreview.core.review import Role

    result = review.checklist()
    mine = review.checklist_decisions_mine()
    tallies = {t.item_id: t for t in review.checklist_tally()} if review.owner.role is Role.CLERK else {}
    panel = result.titles.panel_short
    draft = load_drafts(review).get(review.current_draft_id)
    outline = review.sections()
    by_id = {s.id: s for s in outline}
    repeated = {s.label for s in outline if sum(1 for o in outline if o.label == s.label) > 1}
    parents = {s.id: by_id[s.parent].label for s in outline if s.label in repeated and s.parent in by_id}
    blocks: list[Block] = [PageBreak(), Heading(APPENDIX_TITLE, 1)]
    intro = (
        "Section 7 of the Police Reform and Social Responsibility Act 2011 sets out what a police and crime "
        f"plan must contain, and the {result.titles.commissioner} must have regard to the Strategic Policing "
        f"Requirement and to national priorities. The {panel} checked the draft against that list."
    )
    if draft is not None:
        intro += f" Page numbers are those of the draft reviewed ({describe_draft(draft)})."
    blocks.append(para(intro))
    for item in result.items:
        text = _finding(item, mine.get(item.item.id), panel, parents) + _members(tallies.get(item.item.id))
        blocks.append(Para((Run(f"{item.title}: ", bold=True), Run(text)), Style.BODY))
    return blocks
