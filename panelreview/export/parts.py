"""Pieces every shape of the panel's report shares: the facts, the statutory basis, one
recommendation set out in full, the summary table, and the appendix of members' comments.

Only what the review allows may appear: the recommendations come from
``review.panel_recommendations()``; the appendix holds only notes a member proposed for the
published report. Private notes never appear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from panelreview.core.review import Annotation, Kind, PanelStatus, Recommendation, Reply, Role, Visibility
from panelreview.export.blocks import Block, Heading, Keep, Para, Run, Style, Table, labelled, para
from panelreview.export.errors import one_of
from panelreview.export.facts import (
    DraftInfo,
    Names,
    chair_name,
    counted,
    describe_draft,
    format_date,
    join_words,
    load_drafts,
    member_name,
    names_from,
    page_of,
    page_phrase,
    plan_reference,
    section_label,
    setting,
    today,
    top_heading,
)
from panelreview.export.numbering import Numbered, number, parse_scheme
from panelreview.export.textclean import one_line, paragraphs

if TYPE_CHECKING:
    from panelreview.storage import Review

Item = TypeVar("Item", bound=Annotation | Recommendation)
APPENDIX_MODES = ("named", "anonymous", "none")
ACT = "Police Reform and Social Responsibility Act 2011"
KIND_LABELS = {
    Kind.HIGHLIGHT: "Highlight",
    Kind.COMMENT: "Comment",
    Kind.QUESTION: "Question",
    Kind.CONCERN: "Concern",
    Kind.SUPPORT: "Support",
}


@dataclass(slots=True)
class ReportContext:
    """Everything a shape reads from the review, gathered once."""

    names: Names
    drafts: dict[str, DraftInfo]
    current: DraftInfo | None
    numbered: list[Numbered]
    comments: list[Annotation]
    appendix: str
    report_date: str
    meeting: str | None
    response_by: str | None
    chair: str | None
    scheme: str = "1"
    withdrawn: list[Recommendation] | None = None  # withdrawn after they were numbered
    general_comments: tuple[str, ...] = ()
    contact_officer: str = ""
    commissioner_name: str = ""
    commissioner_address: tuple[str, ...] = ()

    def draft(self, draft_id: str) -> DraftInfo | None:
        return self.drafts.get(draft_id)

    def reference(self, item: Numbered | Annotation, *, brief: bool = False) -> str:
        rec = item.rec if isinstance(item, Numbered) else item
        return plan_reference(rec.section, rec.anchor, self.draft(rec.draft_id), brief=brief)

    @property
    def drafts_used(self) -> list[DraftInfo]:
        ids = dict.fromkeys([n.rec.draft_id for n in self.numbered] + [c.draft_id for c in self.comments])
        return [d for i in ids if (d := self.drafts.get(i)) is not None]


def parse_appendix(value: str) -> str:
    return one_of(value, APPENDIX_MODES, "an appendix choice")


def gather(review: Review, *, numbering: str, appendix: str, grouped: bool) -> ReportContext:
    appendix = parse_appendix(appendix)
    settings = review.settings
    drafts = load_drafts(review)
    comments: list[Annotation] = []
    if appendix != "none":
        comments = [
            a
            for a in review.annotations(visibility=Visibility.REPORT)
            if a.kind is not Kind.HIGHLIGHT or a.body.strip()
        ]
    response_by = setting(settings, "response_deadline", "response_by", "response_date")
    address = tuple(filter(None, (one_line(x) for x in str(settings.commissioner_address).splitlines())))
    return ReportContext(
        names=names_from(settings),
        drafts=drafts,
        current=drafts.get(review.current_draft_id),
        numbered=number(_publishable(review), numbering, grouped=grouped),
        scheme=parse_scheme(numbering),
        comments=comments,
        appendix=appendix,
        report_date=format_date(settings.report_date) or today(),
        meeting=format_date(settings.meeting_date),
        response_by=format_date(response_by) if isinstance(response_by, str) else None,
        chair=one_line(settings.chair_name) or chair_name(review),
        withdrawn=_withdrawn_after_numbering(review),
        general_comments=tuple(paragraphs(settings.general_comments)),
        contact_officer=one_line(settings.contact_officer),
        commissioner_name=one_line(settings.commissioner_name),
        commissioner_address=address,
    )


def _withdrawn_after_numbering(review: Review) -> list[Recommendation]:
    """The panel's recommendations withdrawn after the clerk had numbered them (a gap in the numbers
    the report must explain)."""
    if review.owner.role is not Role.CLERK:
        return []
    return [
        r
        for r in review.recommendations(author_id=review.owner_id)
        if r.panel_status is PanelStatus.WITHDRAWN and one_line(r.number)
    ]


def withdrawn_note(ctx: ReportContext) -> str:
    """ "Recommendation R3 was withdrawn at the Panel's meeting on 13 February 2025; the others keep
    the numbers the Panel gave them." (or "" when none was withdrawn after numbering)."""
    gone = ctx.withdrawn or []
    if not gone or not all(n.number == one_line(n.rec.number) for n in ctx.numbered):
        return ""  # renumbered for this report (or nothing numbered): no gap to explain
    labels = join_words([one_line(r.number) for r in gone])
    many = len(gone) > 1
    dates = {d for r in gone if (d := format_date(r.decided_on))}
    when = dates.pop() if len(dates) == 1 else ctx.meeting
    at = f" at the {ctx.names.panels} meeting on {when}" if when else f" by the {ctx.names.panel_short}"
    return (
        f"Recommendation{'s' if many else ''} {labels} {'were' if many else 'was'} withdrawn{at}; the "
        f"others keep the numbers the {ctx.names.panel_short} gave them."
    )


def _publishable(review: Review) -> list[Recommendation]:
    """The panel's recommendations (``review.panel_recommendations()``, in the panel's order), less
    any still marked private: a private item never leaves the review, even the clerk's."""
    return [r for r in review.panel_recommendations() if r.visibility is not Visibility.PRIVATE]


def title_of_report(ctx: ReportContext) -> str:
    return f"Report of the {ctx.names.panel} on the draft {ctx.names.plan}"


def details(ctx: ReportContext) -> list[Block]:
    """The lines under the title: meeting, date, the draft reviewed, the response date."""
    lines: list[Block] = []
    if ctx.meeting:
        lines.append(
            Para((Run("Meeting: ", bold=True), Run(f"{ctx.names.panel}, {ctx.meeting}")), Style.DETAILS)
        )
    lines.append(Para((Run("Date of report: ", bold=True), Run(ctx.report_date)), Style.DETAILS))
    if ctx.contact_officer:
        lines.append(Para((Run("Contact officer: ", bold=True), Run(ctx.contact_officer)), Style.DETAILS))
    used = ctx.drafts_used or ([ctx.current] if ctx.current else [])
    for draft in used:
        label = "Draft reviewed: " if len(used) == 1 else "Draft referred to: "
        lines.append(Para((Run(label, bold=True), Run(describe_draft(draft))), Style.DETAILS))
    if ctx.response_by:
        lines.append(Para((Run("Response requested by: ", bold=True), Run(ctx.response_by)), Style.DETAILS))
    if ctx.numbered:
        lines.append(Para((Run("Status: ", bold=True), Run(status(ctx))), Style.DETAILS))
    return lines


def status(ctx: ReportContext) -> str:
    """Whether the panel has agreed the recommendations yet: a draft must not go out as agreed."""
    decided = (PanelStatus.AGREED, PanelStatus.AMENDED)
    if all(item.rec.panel_status in decided for item in ctx.numbered):
        dates = {d for item in ctx.numbered if (d := format_date(item.rec.decided_on))}
        when = dates.pop() if len(dates) == 1 else ctx.meeting
        return f"agreed by the {ctx.names.panel_short}" + (f" on {when}" if when else "")
    meeting = f" at its meeting on {ctx.meeting}" if ctx.meeting else ""
    return f"draft, for the {ctx.names.panel_short} to agree{meeting}"


def statutory(ctx: ReportContext, numbers: Sequence[str] = ()) -> list[Block]:
    """The panel's duty (s.28(3)), the commissioner's (s.5(6)) and the date asked for a response."""
    n = ctx.names
    sentences = [
        f"Under section 28(3) of the {ACT}, the {n.panel_short} must review the draft police and crime "
        f"plan and make a report or recommendations on it to the {n.commissioner_short}. This report is "
        f"the {n.panels} report on the draft {n.plan}.",
        f"Under section 5(6) of the Act, the {n.commissioner_short} must have regard to the {n.panels} "
        f"report and recommendations, give the {n.panel_short} a response to them, and publish that "
        "response.",
    ]
    if ctx.response_by:
        sentences.append(
            f"The {n.panel_short} asks the {n.commissioner_short} for a written response to this report "
            f"by {ctx.response_by}."
        )
    else:
        sentences.append(
            f"The {n.panel_short} asks the {n.commissioner_short} for a written response to this report "
            "and its recommendations."
        )
    return [numbered_para(num, s) for num, s in zip_numbers(numbers, sentences)]


def zip_numbers(numbers: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    return [(numbers[i] if i < len(numbers) else "", t) for i, t in enumerate(texts)]


def numbered_para(num: str, text: str) -> Para:
    """A paragraph numbered the way panel reports are ("2.1 ..."); unnumbered if ``num`` is ""."""
    if not num:
        return para(text)
    return Para((Run(f"{num}\t"), Run(text)), Style.NUMBERED)


def recommendation_blocks(
    ctx: ReportContext, item: Numbered, level: int, *, heading: bool = True
) -> list[Block]:
    """One recommendation in full: its number, wording, reason, plan reference and quote."""
    rec = item.rec
    out: list[Para | Heading] = [Heading(item.label, level)] if heading else []
    wording = paragraphs(rec.wording) or [""]
    if heading:
        out.extend(para(w, Style.RECOMMENDATION) for w in wording)
    else:
        out.append(Para((Run(f"{item.label}: ", bold=True), Run(wording[0])), Style.RECOMMENDATION))
        out.extend(para(w, Style.RECOMMENDATION) for w in wording[1:])
    out.extend(reason_blocks(rec.rationale))
    out.append(labelled("Plan reference: ", ctx.reference(item) + ".", Style.REFERENCE))
    if rec.anchor.quote:
        out.append(quote_para(rec.anchor.quote))
    return [Keep(tuple(out))]  # a recommendation, its reason and its reference on one page


def reason_blocks(rationale: str) -> list[Para]:
    """A recommendation's reason: "Reason: ..." then any further paragraphs; nothing if none."""
    reasons = paragraphs(rationale)
    if not reasons:
        return []
    return [labelled("Reason: ", reasons[0]), *(para(r) for r in reasons[1:])]


def reply_blocks(reply: Reply, who: str) -> list[Block]:
    """One reply in a comment's thread, opening with ``who`` in bold ("Reply from …: ")."""
    texts = paragraphs(reply.body) or [""]
    return [
        Para((Run(who, bold=True), Run(texts[0])), Style.REPLY),
        *(para(t, Style.REPLY) for t in texts[1:]),
    ]


def by_section(items: Sequence[Item], drafts: dict[str, DraftInfo]) -> list[list[Item]]:
    """``items`` grouped by the section they refer to, in the order of the drafts and their sections
    (items on a draft the review no longer has come last)."""
    order = {d: i for i, d in enumerate(drafts)}
    groups: dict[tuple[int, int, str], list[Item]] = {}
    for item in items:
        key = (
            order.get(item.draft_id, len(order)),
            item.section.id if item.section.id is not None else -1,
            item.draft_id,
        )
        groups.setdefault(key, []).append(item)
    return [groups[key] for key in sorted(groups)]


def quote_para(quote: str) -> Para:
    return para(f"“{one_line(quote)}”", Style.QUOTE)


def summary_table(ctx: ReportContext) -> Table:
    brief = len(ctx.drafts_used) <= 1
    rows = tuple(
        (
            (para(item.number, Style.TABLE_TEXT),),
            tuple(para(w, Style.TABLE_TEXT) for w in paragraphs(item.rec.wording)),
            (para(ctx.reference(item, brief=brief), Style.TABLE_TEXT),),
        )
        for item in ctx.numbered
    )
    return Table(
        header=("No.", "Recommendation", "Plan reference"),
        rows=rows,
        widths=(0.1, 0.62, 0.28),
        description=f"The {ctx.names.panels} {counted(len(rows), 'recommendation')}, each with its "
        "number and the part of the draft plan it refers to.",
    )


def response_cell(item: Numbered) -> tuple[Para, ...]:
    """What the commissioner's response column holds: empty until a response is filed."""
    rec = item.rec
    out: list[Para] = []
    if rec.response_status:
        out.append(Para((Run("Response: ", bold=True), Run(one_line(rec.response_status))), Style.TABLE_TEXT))
    out.extend(para(p, Style.TABLE_TEXT) for p in paragraphs(rec.response_text))
    return tuple(out) or (para("", Style.TABLE_TEXT),)


def comment_cell(ctx: ReportContext, item: Numbered) -> tuple[Para, ...]:
    rec = item.rec
    wording = paragraphs(rec.wording) or [""]
    out = [para(w, Style.TABLE_TEXT, bold=True) for w in wording]
    out.extend(para(r, Style.TABLE_TEXT) for r in paragraphs(rec.rationale))
    out.append(para(ctx.reference(item) + ".", Style.REFERENCE))
    if rec.anchor.quote:
        out.append(quote_para(rec.anchor.quote))
    return tuple(out)


# -- appendix --------------------------------------------------------------------------------
def appendix_blocks(ctx: ReportContext, title: str) -> list[Block]:
    """Members' comments proposed for the report, grouped by the section they refer to."""
    if ctx.appendix == "none":
        return []
    n = ctx.names
    named = ctx.appendix == "named"
    out: list[Block] = [Heading(title, 1)]
    if not ctx.comments:
        out.append(para("No member proposed a comment for publication with this report."))
        return out
    how = "with the name of the member who made each one" if named else "without members’ names"
    out.append(
        para(
            f"This appendix lists the {counted(len(ctx.comments), 'comment')} that members of the "
            f"{n.panel_short} proposed for publication with this report, grouped by the part of the draft "
            f"they refer to, {how}. They are members’ own words, not the {n.panels} agreed view."
        )
    )
    one_draft = len(ctx.drafts_used) <= 1
    for notes in by_section(ctx.comments, ctx.drafts):
        first = notes[0]
        out.append(Heading(section_label(first.section, top_heading(first.section, first.anchor)), 2))
        for note in notes:
            out.extend(_comment(ctx, note, named, one_draft))
    return out


def _comment(ctx: ReportContext, note: Annotation, named: bool, one_draft: bool) -> list[Block]:
    label = KIND_LABELS[note.kind]
    head = [Run(label, bold=True)]
    if named:
        head.append(Run(f" from {member_name(note.author)}"))
    head.append(Run(f", {_short_reference(ctx, note, one_draft)}"))
    out: list[Block] = [Para(tuple(head), Style.ITEM)]
    if note.anchor.quote:
        out.append(quote_para(note.anchor.quote))
    out.extend(para(p, Style.COMMENT) for p in paragraphs(note.body))
    for reply in note.replies:
        out.extend(reply_blocks(reply, f"Reply from {member_name(reply.author)}: " if named else "Reply: "))
    return out


def _short_reference(ctx: ReportContext, note: Annotation, one_draft: bool) -> str:
    """ "page 8 of the draft dated …" (the section is the group heading above); just "page 8"
    when the whole report refers to one draft (``one_draft``), named at its start."""
    draft = ctx.draft(note.draft_id)
    if one_draft:
        return page_of(note.section, note.anchor, draft) or "no page"
    return page_phrase(note.section, note.anchor, draft) or "no page"
