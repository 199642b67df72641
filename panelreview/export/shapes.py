"""The three shapes panels use for their report to the commissioner.

- **report**: a report with numbered sections and numbered recommendations, a summary table and the
  recommendations in full;
- **letter**: a formal letter from the chair citing section 28(3), with topic paragraphs;
- **table**: a comment table with "Panel's comment" and "Commissioner's response" columns, grouped
  under the plan's themes or sections.

Each builds an :class:`~panelreview.export.blocks.Exported`; the Word and PDF writers render it.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from panelreview.export.blocks import Block, Exported, Heading, PageBreak, Para, Run, Style, Table, para
from panelreview.export.errors import one_of
from panelreview.export.facts import counted
from panelreview.export.numbering import Numbered
from panelreview.export.parts import (
    ReportContext,
    appendix_blocks,
    comment_cell,
    details,
    gather,
    numbered_para,
    recommendation_blocks,
    response_cell,
    statutory,
    summary_table,
    title_of_report,
)

if TYPE_CHECKING:
    from panelreview.storage import Review

SHAPES = ("report", "letter", "table")


def parse_shape(value: str) -> str:
    return one_of(value, SHAPES, "a report shape")


def build(review: Review, *, shape: str, appendix: str, numbering: str) -> Exported:
    """The panel's report in ``shape``, from the review's settings and recommendations."""
    shape = parse_shape(shape)
    ctx = gather(review, numbering=numbering, appendix=appendix, grouped=shape != "report")
    if shape == "letter":
        return _letter(ctx)
    if shape == "table":
        return _table(ctx)
    return _report(ctx)


def _document(ctx: ReportContext, title: str) -> Exported:
    n = ctx.names
    return Exported(
        title=title,
        subject=f"The {n.panels} review of the draft {n.plan} under section 28(3) of the Police Reform "
        "and Social Responsibility Act 2011",
        author=n.panel,
        keywords=f"{n.panel}; {n.plan}; recommendations",
        running_header=n.panel,
    )


def _groups(ctx: ReportContext) -> list[tuple[int, str, list[Numbered]]]:
    out = []
    for _, items in groupby(ctx.numbered, key=lambda item: item.group.index):
        members = list(items)
        out.append((members[0].group.index, members[0].group.title, members))
    return out


def _intro(ctx: ReportContext, numbers: tuple[str, str]) -> list[Block]:
    n = ctx.names
    if ctx.meeting:
        when = f"The {n.panel_short} considered the draft at its meeting on {ctx.meeting}."
    else:
        when = f"The {n.panel_short} has considered the draft."
    first = f"The {n.commissioner} sent the {n.panel} a draft of the {n.plan} for review. {when}"
    if ctx.numbered:
        count = f"This report sets out the {n.panels} {counted(len(ctx.numbered), 'recommendation')}."
    else:
        count = f"The {n.panel_short} makes no formal recommendations on this draft."
    used = ctx.drafts_used
    if len(used) > 1:
        refs = "Page numbers are those of the draft named in each reference."
    else:
        dated = used[0].dated if used else (ctx.current.dated if ctx.current else "")
        refs = (
            "Each recommendation gives the part of the plan it concerns, by section number and title and "
            f"by page of the draft dated {dated}, with the passage quoted where there is one."
        )
    return [numbered_para(numbers[0], first), numbered_para(numbers[1], f"{count} {refs}")]


def _report(ctx: ReportContext) -> Exported:
    doc = _document(ctx, title_of_report(ctx))
    doc.add(para(doc.title, Style.TITLE))
    doc.extend(details(ctx))
    doc.add(Heading("1. Introduction", 1))
    doc.extend(_intro(ctx, ("1.1", "1.2")))
    doc.add(Heading(f"2. The {ctx.names.panels} role", 1))
    doc.extend(statutory(ctx, ("2.1", "2.2", "2.3")))
    doc.add(Heading("3. Summary of recommendations", 1))
    if ctx.numbered:
        doc.add(summary_table(ctx))
        doc.add(Heading("4. Recommendations", 1))
        if ctx.scheme == "theme":
            for index, title, items in _groups(ctx):
                doc.add(Heading(f"4.{index} {title}", 2))
                for item in items:
                    doc.extend(recommendation_blocks(ctx, item, 3))
        else:
            for item in ctx.numbered:
                doc.extend(recommendation_blocks(ctx, item, 2))
    else:
        doc.add(para(f"The {ctx.names.panel_short} makes no formal recommendations on this draft."))
    _appendix(ctx, doc)
    return doc


def _appendix(ctx: ReportContext, doc: Exported) -> None:
    blocks = appendix_blocks(ctx, "Appendix A: Members’ comments")
    if blocks:
        doc.add(PageBreak())
        doc.extend(blocks)


def _letter(ctx: ReportContext) -> Exported:
    n = ctx.names
    title = f"Letter from the Chair of the {n.panel} on the draft {n.plan}"
    doc = _document(ctx, title)
    doc.add(para(n.panel, Style.ADDRESS, bold=True))
    doc.add(para(f"To: the {n.commissioner}", Style.ADDRESS))
    doc.add(para(ctx.report_date, Style.ADDRESS))
    doc.add(para(f"Dear {n.commissioner_short},", Style.SALUTATION))
    doc.add(Heading(f"The {n.panels} report on the draft {n.plan}", 1))
    draft = ctx.drafts_used[0] if len(ctx.drafts_used) == 1 else ctx.current
    dated = f", dated {draft.dated}," if draft else ""
    when = f"At its meeting on {ctx.meeting}, the" if ctx.meeting else "The"
    makes = counted(len(ctx.numbered), "recommendation") if ctx.numbered else "its comments"
    doc.add(
        para(
            f"{when} {n.panel} reviewed your draft {n.plan}{dated} as section 28(3) of the Police Reform "
            f"and Social Responsibility Act 2011 requires. I am writing on behalf of the {n.panel_short} "
            f"to report its views and to make {makes}."
        )
    )
    if ctx.numbered:
        doc.add(
            para(
                "References to the plan give the section number and title, and the page of that draft."
                if len(ctx.drafts_used) <= 1
                else "References to the plan give the section, and the page of the draft they name."
            )
        )
    for _index, group, items in _groups(ctx):
        doc.add(Heading(group, 2))
        for item in items:
            doc.extend(recommendation_blocks(ctx, item, 3, heading=False))
    closing = (
        f"Under section 5(6) of the Act you must have regard to this report and its recommendations, "
        f"give the {n.panel_short} a response to them, and publish that response."
    )
    if ctx.response_by:
        closing += f" The {n.panel_short} would be grateful for your written response by {ctx.response_by}."
    else:
        closing += f" The {n.panel_short} would be grateful for your written response."
    doc.add(Heading("Your response", 2))
    doc.add(para(closing))
    if ctx.appendix != "none" and ctx.comments:
        doc.add(para("Members’ individual comments are attached as an appendix."))
    doc.add(para("Yours sincerely,", Style.SIGNATURE))
    doc.add(para(ctx.chair or "", Style.SIGNATORY, bold=True))
    doc.add(para(f"Chair, {n.panel}", Style.SIGNATURE))
    _appendix(ctx, doc)
    return doc


def _table(ctx: ReportContext) -> Exported:
    n = ctx.names
    doc = _document(ctx, f"{title_of_report(ctx)}: comments and responses")
    doc.add(para(title_of_report(ctx), Style.TITLE))
    doc.add(para("Comments and responses", Style.SUBTITLE))
    doc.extend(details(ctx))
    doc.add(Heading(f"The {n.panels} review", 1))
    doc.extend(_intro(ctx, ("", ""))[:1])
    doc.extend(statutory(ctx))
    doc.add(
        para(
            f"The table below sets out the {n.panels} comments, grouped under the plan’s themes. The "
            f"“{n.commissioners} response” column is left for the {n.commissioner_short} to complete."
        )
    )
    doc.add(Heading(f"The {n.panels} comments", 1))
    if not ctx.numbered:
        doc.add(para(f"The {n.panel_short} makes no formal comments on this draft."))
    themed = ctx.scheme == "theme"
    for index, title, items in _groups(ctx):
        doc.add(Heading(f"{index}. {title}" if themed else title, 2))
        rows = tuple(
            ((Para((Run(item.number),), Style.TABLE_TEXT),), comment_cell(ctx, item), response_cell(item))
            for item in items
        )
        doc.add(
            Table(
                header=("No.", f"{n.panels} comment", f"{n.commissioners} response"),
                rows=rows,
                widths=(0.09, 0.53, 0.38),
                description=f"The {n.panels} comments on “{title}”, each with a column for the "
                f"{n.commissioners} response.",
            )
        )
    _appendix(ctx, doc)
    return doc
