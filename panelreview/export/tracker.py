"""The response tracker: each of the panel's recommendations beside the commissioner's response.

    export_tracker(review, Path("Response tracker.docx"))   # an accessible Word table
    export_tracker(review, Path("Response tracker.csv"))    # for a spreadsheet

One row per recommendation of the panel (``review.panel_recommendations()``: the panel's order,
withdrawn ones left out), with its number, wording, section, the panel's decision and meeting
date, and the response status, text and date received. Titles come from the review's settings
("Police, Fire and Crime Commissioner", ...), never fixed here. Files are written atomically.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from panelreview.export.atomic import check_target, write_atomically, write_bytes_atomically
from panelreview.export.facts import format_date

if TYPE_CHECKING:
    from panelreview.core.review import Settings
    from panelreview.storage import Review

FORMATS = (".docx", ".csv")
_DECIDED = {"agreed": "Agreed", "amended": "Agreed as amended", "withdrawn": "Withdrawn"}
_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class TrackerRow:
    id: str
    number: str
    wording: str
    section: str
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
                section="" if rec.section.title is None else rec.section.label,
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
    return write_atomically(target, lambda handle: _write_docx(handle, rows, review.settings))


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
        cells = [r.number, r.wording, r.section, r.decision, r.decided_on or "", r.status, r.response]
        writer.writerow([*(_safe_cell(c) for c in cells), r.received or "", r.id])
    return buffer.getvalue().encode("utf-8-sig")


def _write_docx(handle: BinaryIO, rows: list[TrackerRow], settings: Settings) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from panelreview.export.docx_template import set_language

    document: Any = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    title = "Response tracker"
    plan = settings.plan_title or "the plan"
    document.core_properties.title = f"{title}: {plan}"
    document.core_properties.subject = f"{settings.panel_title} recommendations and responses"
    set_language(document, "en-GB")
    document.add_heading(title, level=1)
    panel = settings.panel_name or settings.panel_title
    document.add_paragraph(
        f"The recommendations of {panel} on {plan}, and the {settings.commissioner_title}’s response "
        f"to each ({len(rows)} recommendation{'s' if len(rows) != 1 else ''})."
    )
    table = document.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    header = table.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page, and readers announce it
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, text in zip(header.cells, _headings(settings), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for r in rows:
        decision = f"{r.decision} ({format_date(r.decided_on)})" if r.decided_on else r.decision
        values = [
            r.number,
            r.wording,
            r.section,
            decision,
            r.status,
            r.response,
            format_date(r.received) or "",
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    caption = table._tbl.tblPr
    description = OxmlElement("w:tblCaption")
    description.set(qn("w:val"), f"{title}: recommendations and responses")
    caption.append(description)
    document.save(handle)
