"""The response tracker: each of the panel's recommendations beside the commissioner's response.

    export_tracker(review, Path("Response tracker.docx"))   # an accessible Word table
    export_tracker(review, Path("Response tracker.pdf"))    # a tagged, accessible PDF
    export_tracker(review, Path("Response tracker.csv"))    # for a spreadsheet

One row per recommendation of the panel (``review.panel_recommendations()``: the panel's order,
withdrawn ones left out), with its number, wording, section, the panel's decision and meeting
date, and the response status, text and date received. Titles come from the review's settings
("Police, Fire and Crime Commissioner", ...), never fixed here. Files are written atomically.

The Word and PDF trackers are the report's sibling: built as the same blocks by the same writers,
so they share its fonts, styles, page furniture and document properties; landscape, with fixed
column widths, rows kept whole on a page, and sections named with the part of the plan they are in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from panelreview.export.atomic import check_target, write_bytes_atomically
from panelreview.export.blocks import Exported, Heading, Style, Table, para
from panelreview.export.facts import (
    counted,
    format_date,
    names_from,
    not_placed,
    section_label,
    top_heading,
    where_it_was,
)
from panelreview.export.textclean import paragraphs

if TYPE_CHECKING:
    from panelreview.core.review import SectionRef, Settings
    from panelreview.storage import Review

FORMATS = (".docx", ".pdf", ".csv")
#: Column widths (fractions of the landscape text width): wide enough that no word is broken.
WIDTHS = (0.06, 0.28, 0.17, 0.12, 0.09, 0.19, 0.09)
_DECIDED = {"agreed": "Agreed", "amended": "Agreed as amended", "withdrawn": "Withdrawn"}
_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class TrackerRow:
    id: str
    number: str
    wording: str
    section: str
    part: str  # the top-level part of the plan it is in ("Priority 2: …"), or ""
    decision: str
    decided_on: str | None
    status: str
    response: str
    received: str | None


def tracker_rows(review: Review) -> list[TrackerRow]:
    """The tracker's rows, in the panel's order; unnumbered ones are numbered by their place."""
    rows = []
    for n, rec in enumerate(review.panel_recommendations(), start=1):
        rows.append(
            TrackerRow(
                id=rec.id,
                number=rec.number or str(n),
                wording=rec.wording,
                section=(
                    f"Was {where_it_was(rec.anchor)} (not in this version)"
                    if not_placed(rec.section, rec.anchor)
                    else ""
                    if rec.section.title is None
                    else section_label(rec.section)
                ),
                part=top_heading(rec.section, rec.anchor),
                decision=_DECIDED.get(rec.panel_status.value, "Not yet decided"),
                decided_on=rec.decided_on,
                status=rec.response_status or "",
                response=rec.response_text or "",
                received=rec.response_date,
            )
        )
    return rows


def export_tracker(review: Review, out: Path) -> Path:
    """Write the response tracker as .docx or .csv (by the extension); returns the file written."""
    target = check_target(Path(out), FORMATS)
    rows = tracker_rows(review)
    if target.suffix.lower() == ".csv":
        return write_bytes_atomically(target, tracker_csv(rows, review.settings))
    document = tracker_document(review, rows)
    if target.suffix.lower() == ".pdf":
        from panelreview.export.pdf_writer import write_pdf

        return write_pdf(document, target)
    from panelreview.export.docx_writer import write_docx

    return write_docx(document, target)


def _headings(settings: Settings) -> list[str]:
    return [
        "No.",
        "Recommendation",
        "Section of the draft",
        "Panel decision",
        "Response status",
        f"{settings.commissioner_title}’s response",
        "Date received",
    ]


def _safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula ("=HYPERLINK(...)" in a note)."""
    return "'" + text if text.startswith(_CSV_RISKY) else text


def tracker_csv(rows: list[TrackerRow], settings: Settings) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), one header row, ISO dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headings = _headings(settings)
    writer.writerow([*headings[:4], "Meeting date", *headings[4:], "Id"])
    for r in rows:
        cells = [r.number, r.wording, _where(r), r.decision, r.decided_on or "", r.status, r.response]
        writer.writerow([*(_safe_cell(c) for c in cells), r.received or "", r.id])
    return buffer.getvalue().encode("utf-8-sig")


def _where(row: TrackerRow) -> str:
    """ "2.1 in Priority 2: …" or "What we will do, in Priority 1: …": never a title cut short."""
    if not row.section:
        return "The plan as a whole"
    if row.part and row.part not in row.section:
        return (
            f"{row.section} in {row.part}" if row.section[:1].isdigit() else f"{row.section}, in {row.part}"
        )
    return row.section


def tracker_document(review: Review, rows: list[TrackerRow] | None = None) -> Exported:
    """The tracker as the blocks the Word and PDF writers render (as they do the report)."""
    from panelreview.export.parts import gather, withdrawn_note

    rows = tracker_rows(review) if rows is None else rows
    settings = review.settings
    n = names_from(settings)
    title = f"Response tracker: recommendations of the {n.panel} on the draft {n.plan}"
    doc = Exported(
        title=title,
        subject=f"The {n.panel}’s recommendations on the draft {n.plan} and the {n.commissioner}’s response",
        author=n.panel,
        keywords=f"{n.panel}; {n.plan}; recommendations; responses",
        running_header=n.panel,
        landscape=True,
    )
    doc.add(para("Response tracker", Style.TITLE))
    answered = sum(1 for r in rows if r.status or r.response.strip())
    doc.add(
        para(
            f"The recommendations of the {n.panel} on the draft {n.plan}, and the {n.commissioner}’s "
            f"response to each: {counted(len(rows), 'recommendation')}, "
            f"{counted(answered, 'response') if answered else 'no responses'} received so far."
        )
    )
    ctx = gather(review, numbering="1", appendix="none", grouped=False)
    if note := withdrawn_note(ctx):
        doc.add(para(note))
    doc.add(Heading("Recommendations and responses", 1))
    table_rows = []
    for r in rows:
        decision = f"{r.decision} ({format_date(r.decided_on)})" if r.decided_on else r.decision
        cells = (
            r.number,
            r.wording,
            _where(r),
            decision,
            r.status,
            r.response,
            format_date(r.received) or "",
        )
        table_rows.append(
            tuple(tuple(para(p, Style.TABLE_TEXT) for p in paragraphs(c) or [""]) for c in cells)
        )
    doc.add(
        Table(
            header=tuple(_headings(settings)),
            rows=tuple(table_rows),
            widths=WIDTHS,
            description=f"The {n.panels} recommendations, each with the {n.commissioners} response.",
        )
    )
    _add_taken_up(doc, review, rows)
    return doc


_JUDGED = {"addressed": "Addressed", "partly": "Partly addressed", "not-addressed": "Not addressed",
           "no-longer-relevant": "No longer relevant"}  # fmt: skip


def taken_up_rows(review: Review, rows: list[TrackerRow]) -> tuple[str, str, list[tuple[str, ...]]]:
    """Whether the newest version of the draft takes up each recommendation made on an earlier one:
    the names of the two versions, and per recommendation its number, wording, where it was (section,
    page), where that is now and how it changed, and the judgement recorded. Empty with one version."""
    if len(review.versions()) < 2:
        return "", "", []
    out: list[tuple[str, ...]] = []
    old_name = new_name = ""
    carried = {c.item_id for c in review.carry_records()}
    for r in rows:
        if r.id not in carried:
            continue  # made on this version: nothing to take up
        view = review.addressed_view(r.id)
        old_name, new_name = review.version(view.old_draft_id).name, review.version(view.new_draft_id).name
        cited = view.cited[0] if view.cited else None

        def place(ref: SectionRef | None, page: str | None) -> str:
            if ref is None:
                return "No longer in the draft"
            label = section_label(ref) if ref.title is not None else "The plan as a whole"
            return f"{label}, page {page}" if page else label

        was = place(cited.old, cited.old_page) if cited else "The plan as a whole"
        now = place(cited.new, cited.new_page) + f" ({cited.how})" if cited else "The plan as a whole"
        judged = view.judgement
        verdict = _JUDGED.get(judged.status.value, judged.status.value) if judged else "Not yet judged"
        if judged and judged.comment:
            verdict += f": {judged.comment}"
        out.append((r.number, r.wording, was, now, verdict))
    return old_name, new_name, out


def _add_taken_up(doc: Exported, review: Review, rows: list[TrackerRow]) -> None:
    old_name, new_name, found = taken_up_rows(review, rows)
    if not found:
        return
    doc.add(Heading(f"Taken up in the {new_name}?", 1))
    doc.add(para(f"Where each recommendation on the {old_name} now sits in the {new_name}, how that part of "
                 "the draft changed, and whether the change addresses it."))  # fmt: skip
    cells = [
        tuple(tuple(para(p, Style.TABLE_TEXT) for p in paragraphs(c) or [""]) for c in row) for row in found
    ]
    doc.add(
        Table(
            header=("No.", "Recommendation", f"In the {old_name}", f"In the {new_name}", "Addressed?"),
            rows=tuple(cells),
            widths=(0.06, 0.3, 0.2, 0.24, 0.2),
            description=f"Whether the {new_name} takes up each recommendation made on the {old_name}.",
        )
    )
