"""A small draft plan PDF built in code, and reviews of it with notes and recommendations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pymupdf

if TYPE_CHECKING:
    from panelreview.storage import Review

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

PAGES: list[list[tuple[str, float, bool]]] = [
    [
        ("Westshire Police and Crime Plan 2025-29", 24, True),
        ("{cover}", 14, False),
    ],
    [
        ("Priority 1: Safer neighbourhoods", 16, True),
        ("What we will achieve", 13, True),
        ("1.1 More officers and PCSOs working in neighbourhood teams, visible in every town.", 11, False),
        ("1.2 Emergency calls answered promptly and incidents attended within target times.", 11, False),
        (
            "We will publish quarterly figures for every neighbourhood so residents can judge progress.",
            11,
            False,
        ),
    ],
    [
        ("Priority 2: Putting victims first", 16, True),
        ("What we will achieve", 13, True),
        ("2.1 Victims receiving the rights set out in the Victims' Code at every stage.", 11, False),
        ("2.2 Fewer victims and witnesses withdrawing from cases because of delays in court.", 11, False),
        ("Resources and finance", 16, True),
        ("The budget for 2025/26 is provisional until the precept is set in February 2025.", 11, False),
    ],
]


def _font(bold: bool) -> dict[str, str]:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if (FONT_DIR / name).exists():
        return {"fontname": "dvb" if bold else "dv", "fontfile": str(FONT_DIR / name)}
    return {"fontname": "hebo" if bold else "helv"}


FILE_DATE = "D:20261123064949Z"  # when the file was made: after the meeting, never the draft's date


def draft_pdf(*, cover: str = "Consultation draft – 3 January 2025", extra: str | None = None) -> bytes:
    """The draft as a PDF whose cover says ``cover`` (its label and date); ``extra`` adds a paragraph
    (a later version). The file's own properties carry a later date, which exports must ignore."""
    doc = pymupdf.open()
    pages = [[(t.replace("{cover}", cover), size, bold) for t, size, bold in p] for p in PAGES]
    if extra:
        pages[1].append((extra, 11, False))
    for runs in pages:
        page = doc.new_page(width=595, height=842)
        y = 90.0
        for text, size, bold in runs:
            rect = pymupdf.Rect(72, y, 522, y + 300)
            spare = page.insert_textbox(rect, text, fontsize=size, **_font(bold))
            y += 300 - spare + size * 0.9
    doc.set_metadata(
        {
            "title": "Westshire Police and Crime Plan 2025-29 (DRAFT for consultation)",
            "creationDate": FILE_DATE,
            "modDate": FILE_DATE,
        }
    )
    data = doc.tobytes()
    doc.close()
    return data


def make_review(
    path: Path, *, role: str = "clerk", data: bytes | None = None, name: str = "draft-v1.pdf"
) -> Review:
    """A review of the draft by the clerk, with the panel's settings, recommendations and notes.

    Private items are marked "PRIVATE-" so a test can check they never reach a report.
    """
    from panelreview.ingest import read_document_bytes
    from panelreview.storage import create_review

    data = data if data is not None else draft_pdf()
    document = read_document_bytes(data, name)
    review = create_review(
        path,
        data,
        document,
        member_name="Jo Clerk",
        role=role,
        panel_name="Westshire",
        council="Westshire CC",
    )
    review.update_settings(
        plan_title="Police and Crime Plan 2025-29", meeting_date="2025-02-12", comments_deadline="2025-02-01"
    )
    a = review.anchor_for
    review.add_recommendation(
        "Set a measurable target for the number of officers in neighbourhood teams.",
        anchor=a(quote="More officers and PCSOs working in neighbourhood teams"),
        rationale="Without a baseline and a target the Panel cannot judge progress.",
        visibility="report",
    )
    review.add_recommendation(
        "Publish how victims' rights under the Code will be monitored.",
        anchor=a(section="2.1"),
        rationale="Residents told the consultation that they did not know what to expect.",
        visibility="report",
        theme="Victims",
    )
    review.add_recommendation(
        "Confirm the budget figures once the precept is set.",
        anchor=a(section="Resources and finance"),
        visibility="panel",
    )
    review.add_recommendation("PRIVATE-recommendation the clerk keeps to themself", visibility="private")
    withdrawn = review.add_recommendation("WITHDRAWN-recommendation", visibility="report").item_id
    review.edit_recommendation(str(withdrawn), panel_status="withdrawn")
    note = review.add_annotation(
        a(quote="Emergency calls answered promptly"),
        "concern",
        "No target time is given for rural areas.",
        visibility="report",
    ).item_id
    review.add_reply(str(note), "Agreed: the Panel raised this last year too.")
    review.add_annotation(
        a(section="2.2"), "question", "How will court delays be measured?", visibility="report"
    )
    review.add_annotation(
        a(section="1.1"), "comment", "PRIVATE-note about an officer by name", visibility="private"
    )
    review.add_annotation(a(section="1.2"), "support", "PANEL-only note", visibility="panel")
    return review
