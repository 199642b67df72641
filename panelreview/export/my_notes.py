"""A member's "My notes": their own notes and recommendations, by section of the draft.

This is the member's own working document, so it may hold private working notes; its first page
says what it contains, and every item says who may see it (private, shared with the panel,
proposed for the report). Other members' notes are never included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from panelreview.core.review import Annotation, Recommendation, SectionRef, Visibility
from panelreview.export.blocks import Block, Exported, Heading, Para, Run, Style, labelled, para
from panelreview.export.facts import (
    DraftInfo,
    counted,
    describe_draft,
    format_date,
    load_drafts,
    member_name,
    names_from,
    not_placed,
    page_phrase,
    section_label,
    today,
    where_it_was,
)
from panelreview.export.parts import KIND_LABELS, by_section, quote_para, reason_blocks, reply_blocks
from panelreview.export.textclean import one_line, paragraphs

if TYPE_CHECKING:
    from panelreview.storage import Review

VISIBILITY_LABELS = {
    Visibility.PRIVATE: "Private",
    Visibility.PANEL: "Shared with the panel",
    Visibility.REPORT: "Proposed for the report",
}
WHOLE_PLAN = "The plan as a whole"

Item = Annotation | Recommendation


NOT_PLACED = "Not found in the current version of the draft"


def _meta(item: Item, draft: DraftInfo | None) -> str:
    bits = [VISIBILITY_LABELS[item.visibility]]
    if not_placed(item.section, item.anchor):  # where it was; it has no place in this draft
        bits.append(f"was {where_it_was(item.anchor)}")
    elif where := page_phrase(item.section, item.anchor, draft):
        bits.append(where)
    written = format_date(item.updated or item.created)
    if written:
        bits.append(f"written {written}")
    return " · ".join(bits)


def _recommendation(rec: Recommendation, draft: DraftInfo | None) -> list[Block]:
    head = [Run("Recommendation", bold=True), Run(f" · {_meta(rec, draft)}")]
    if rec.panel_status.value != "draft":
        head.append(Run(f" · {rec.panel_status.value}"))
    out: list[Block] = [Para(tuple(head), Style.ITEM)]
    out.extend(para(w, Style.RECOMMENDATION) for w in paragraphs(rec.wording))
    out.extend(reason_blocks(rec.rationale))
    if rec.anchor.quote:
        out.append(quote_para(rec.anchor.quote))
    return out


def _note(note: Annotation, draft: DraftInfo | None) -> list[Block]:
    out: list[Block] = [
        Para((Run(KIND_LABELS[note.kind], bold=True), Run(f" · {_meta(note, draft)}")), Style.ITEM)
    ]
    if note.anchor.quote:
        out.append(quote_para(note.anchor.quote))
    out.extend(para(p, Style.COMMENT) for p in paragraphs(note.body))
    if note.tags:
        out.append(labelled("Tags: ", ", ".join(one_line(t) for t in note.tags), Style.REFERENCE))
    for reply in note.replies:
        out.extend(reply_blocks(reply, f"{member_name(reply.author)}: "))
    return out


def _top(section: SectionRef, item: Item) -> str:
    if section.title is None:
        return WHOLE_PLAN
    return one_line(item.anchor.heading_path[0]) if item.anchor.heading_path else section_label(section)


def build_my_notes(review: Review, *, include_private: bool = True) -> Exported:
    owner = review.owner
    names = names_from(review.settings)
    drafts = load_drafts(review)
    notes = review.annotations(author_id=owner.id)
    recs = review.recommendations(author_id=owner.id)
    if not include_private:
        notes = [n for n in notes if n.visibility is not Visibility.PRIVATE]
        recs = [r for r in recs if r.visibility is not Visibility.PRIVATE]
    title = f"My notes on the draft {names.plan}"
    doc = Exported(
        title=f"{title}: {one_line(owner.name)}",
        subject=f"{one_line(owner.name)}’s notes and recommendations on the draft {names.plan}",
        author=one_line(owner.name),
        keywords=f"{names.plan}; notes",
        running_header=f"{one_line(owner.name)} — my notes",
    )
    doc.add(para(title, Style.TITLE))
    doc.add(Para((Run("Member: ", bold=True), Run(member_name(owner))), Style.DETAILS))
    doc.add(Para((Run("Panel: ", bold=True), Run(names.panel)), Style.DETAILS))
    everything: list[Item] = [*recs, *notes]
    used = dict.fromkeys([i.draft_id for i in everything] or [review.current_draft_id])
    for draft_id in used:
        if draft_id in drafts:
            doc.add(Para((Run("Draft: ", bold=True), Run(describe_draft(drafts[draft_id]))), Style.DETAILS))
    doc.add(Para((Run("Exported: ", bold=True), Run(today())), Style.DETAILS))
    private = sum(1 for i in everything if i.visibility is Visibility.PRIVATE)
    contents = f"{counted(len(notes), 'note')} and {counted(len(recs), 'recommendation')}"
    if private:
        doc.add(
            para(
                f"This document holds {contents}, including {counted(private, 'private working note')} "
                "that you have not shared. Keep it to yourself: do not publish or forward it.",
                Style.NOTICE,
            )
        )
    else:
        doc.add(
            para(
                f"This document holds {contents}: only what you have shared with the panel or proposed "
                "for the report. Your private working notes are not included.",
                Style.NOTICE,
            )
        )
    if not notes and not recs:
        doc.add(para("You have not written any notes on this draft yet."))
        return doc
    groups = by_section([i for i in everything if not not_placed(i.section, i.anchor)], drafts)
    unplaced = [i for i in everything if not_placed(i.section, i.anchor)]
    current_top = None
    for items in groups:
        first = items[0]
        top = _top(first.section, first)
        if top != current_top:
            doc.add(Heading(top, 1))
            current_top = top
        label = section_label(first.section)
        if label != top:
            doc.add(Heading(label, 2))
        for item in items:
            draft = drafts.get(item.draft_id)
            if isinstance(item, Recommendation):
                doc.extend(_recommendation(item, draft))
            else:
                doc.extend(_note(item, draft))
    if unplaced:
        doc.add(Heading(NOT_PLACED, 1))
        doc.add(
            para(
                "The passages or sections these are on were not found in the newest version of the "
                "draft: they may have been removed or rewritten. Each says where it was.",
                Style.NOTICE,
            )
        )
        for item in unplaced:
            draft = drafts.get(item.draft_id)
            doc.extend(
                _recommendation(item, draft) if isinstance(item, Recommendation) else _note(item, draft)
            )
    return doc
