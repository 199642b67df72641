"""The three shapes panels use for their report to the commissioner.

- **report**: a report with numbered sections and numbered recommendations, a summary table and the
  recommendations in full;
- **letter**: a formal letter from the chair citing section 28(3), with topic paragraphs;
- **table**: a comment table with "Panel's comment" and "Commissioner's response" columns, grouped
  under the plan's themes or sections.

Each builds an :class:`~panelreview.export.blocks.Exported`; the Word and PDF writers render it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from panelreview.export.blocks import (
    Block,
    Exported,
    Heading,
    Keep,
    PageBreak,
    Para,
    Run,
    Style,
    Table,
    labelled,
    para,
)
from panelreview.export.errors import one_of
from panelreview.export.facts import counted, format_date
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
    withdrawn_note,
    zip_numbers,
)

if TYPE_CHECKING:
    from panelreview.storage import Review

SHAPES = ("report", "letter", "table")
#: The comment table's columns: the same in every table of the report, on every page.
TABLE_WIDTHS = (0.08, 0.52, 0.40)


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


def _intro(ctx: ReportContext, numbers: Sequence[str]) -> list[Block]:
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
        draft = used[0] if used else ctx.current
        refs = (
            "Each recommendation gives the part of the plan it concerns, by its section and "
            f"by page of {draft.name if draft else 'the draft'}, with the passage quoted where there is one."
        )
    texts = [first, f"{count} {refs}"]
    if note := withdrawn_note(ctx):
        texts.append(note)
    return [numbered_para(num, text) for num, text in zip_numbers(numbers, texts)]


def _general(ctx: ReportContext, number: str) -> list[Block]:
    """The panel's general comments, as the clerk wrote them, numbered "3.1", "3.2" ..."""
    return [
        numbered_para(f"{number}.{i}" if number else "", text)
        for i, text in enumerate(ctx.general_comments, 1)
    ]


def _sign_off(ctx: ReportContext, *, letter: bool) -> list[Block]:
    """The chair's name and role, and the contact officer, kept together on one page."""
    n = ctx.names
    lines: list[Para | Heading] = []
    if letter:
        lines.append(para("Yours sincerely,", Style.SIGNATURE))
        lines.append(para(ctx.chair or "", Style.SIGNATORY, bold=True))
        lines.append(para(f"Chair, {n.panel}", Style.SIGNATURE))
    elif ctx.chair:
        lines.append(para(ctx.chair, Style.SIGNATORY, bold=True))
        lines.append(para(f"Chair of the {n.panel}", Style.SIGNATURE))
    if ctx.contact_officer:
        lines.append(labelled("Contact officer: ", ctx.contact_officer, Style.SIGNATURE))
    return [Keep(tuple(lines))] if lines else []


def _report(ctx: ReportContext) -> Exported:
    doc = _document(ctx, title_of_report(ctx))
    doc.add(para(doc.title, Style.TITLE))
    doc.extend(details(ctx))
    doc.add(Heading("1. Introduction", 1))
    doc.extend(_intro(ctx, ("1.1", "1.2", "1.3")))
    doc.add(Heading(f"2. The {ctx.names.panels} role", 1))
    doc.extend(statutory(ctx, ("2.1", "2.2", "2.3")))
    section = 3
    if ctx.general_comments:
        doc.add(Heading(f"{section}. General comments", 1))
        doc.extend(_general(ctx, str(section)))
        section += 1
    doc.add(Heading(f"{section}. Summary of recommendations", 1))
    if ctx.numbered:
        doc.add(summary_table(ctx))
        section += 1
        doc.add(Heading(f"{section}. Recommendations", 1))
        if ctx.scheme == "theme":
            for index, title, items in _groups(ctx):
                doc.add(Heading(f"{section}.{index} {title}", 2))
                for item in items:
                    doc.extend(recommendation_blocks(ctx, item, 3))
        else:
            for item in ctx.numbered:
                doc.extend(recommendation_blocks(ctx, item, 2))
    else:
        doc.add(para(f"The {ctx.names.panel_short} makes no formal recommendations on this draft."))
    doc.extend(_sign_off(ctx, letter=False))
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
    doc.running_header = ""  # the letterhead says who it is from; no second letterhead on each page
    doc.add(para(n.panel, Style.ADDRESS, bold=True))
    if ctx.contact_officer:
        doc.add(labelled("Contact: ", ctx.contact_officer, Style.ADDRESS))
    addressee = (
        [ctx.commissioner_name, n.commissioner] if ctx.commissioner_name else [f"The {n.commissioner}"]
    )
    for i, line in enumerate([*addressee, *ctx.commissioner_address]):
        doc.add(para(line, Style.ADDRESSEE if i == 0 else Style.ADDRESS))
    doc.add(para(ctx.report_date, Style.ADDRESSEE))
    doc.add(para(f"Dear {n.commissioner_short},", Style.SALUTATION))
    doc.add(Heading(f"The {n.panels} report on the draft {n.plan}", 1))
    draft = ctx.drafts_used[0] if len(ctx.drafts_used) == 1 else ctx.current
    named = f", {draft.name}," if draft and (draft.label or draft.dated) else ""
    when = f"At its meeting on {ctx.meeting}, the" if ctx.meeting else "The"
    makes = counted(len(ctx.numbered), "recommendation") if ctx.numbered else "its comments"
    doc.add(
        para(
            f"{when} {n.panel} reviewed your draft {n.plan}{named} as section 28(3) of the Police Reform "
            f"and Social Responsibility Act 2011 requires. I am writing on behalf of the {n.panel_short} "
            f"to report its views and to make {makes}."
        )
    )
    doc.extend(para(text) for text in ctx.general_comments)
    if ctx.numbered:
        doc.add(
            para(
                "References to the plan give the section, and the page of that draft."
                if len(ctx.drafts_used) <= 1
                else "References to the plan give the section, and the page of the draft they name."
            )
        )
        if note := withdrawn_note(ctx):
            doc.add(para(note))
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
    doc.extend(_sign_off(ctx, letter=True))
    _appendix(ctx, doc)
    return doc


def _table_intro(ctx: ReportContext) -> str:
    """What the table holds, true to this review: the panel's themes or the plan's parts, and
    whether the response column is filled in yet."""
    n = ctx.names
    themed = ctx.numbered and all((item.rec.theme or "").strip() for item in ctx.numbered)
    grouped = (
        f"grouped under the {n.panels} themes" if themed else "grouped by the part of the plan they concern"
    )
    answered = [
        item for item in ctx.numbered if item.rec.response_status or (item.rec.response_text or "").strip()
    ]
    column = f"“{n.commissioners} response”"
    if not answered:
        response = f"The {column} column is left for the {n.commissioner_short} to complete."
    elif len(answered) == len(ctx.numbered):
        dates = {d for item in answered if (d := format_date(item.rec.response_date))}
        received = f", received on {dates.pop()}" if len(dates) == 1 else ""
        response = f"The {column} column gives the {n.commissioners} response to each comment{received}."
    else:
        response = (
            f"The {column} column gives the {n.commissioners} response where one has been received; "
            f"the {n.commissioner_short} has yet to respond to the others."
        )
    return f"The table below sets out the {n.panels} comments, {grouped}. {response}"


def _table(ctx: ReportContext) -> Exported:
    n = ctx.names
    doc = _document(ctx, f"{title_of_report(ctx)}: comments and responses")
    doc.add(para(title_of_report(ctx), Style.TITLE))
    doc.add(para("Comments and responses", Style.SUBTITLE))
    doc.extend(details(ctx))
    doc.add(Heading(f"The {n.panels} review", 1))
    doc.extend(_intro(ctx, ("", "", ""))[:1])
    if note := withdrawn_note(ctx):
        doc.add(para(note))
    doc.extend(statutory(ctx))
    if ctx.general_comments:
        doc.add(Heading("General comments", 1))
        doc.extend(_general(ctx, ""))
    doc.add(Heading(f"The {n.panels} comments", 1))
    doc.add(para(_table_intro(ctx)))
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
                widths=TABLE_WIDTHS,
                description=f"The {n.panels} comments on “{title}”, each with a column for the "
                f"{n.commissioners} response.",
            )
        )
    doc.extend(_sign_off(ctx, letter=False))
    _appendix(ctx, doc)
    return doc
