"""Annotating a PDF or a Word file the way common readers do, for the import tests.

Acrobat writes ``/T`` (the author), ``/Contents`` and the same text as XHTML in ``/RC``, ``/Subj``
("Highlight", "Sticky Note"), ``/CreationDate`` and ``/M``, a UUID ``/NM`` and a ``/Popup``; a reply
is a Text annotation with ``/IRT`` (and ``/RT /R``). Edge writes ``/T`` and ``/Contents`` with ISO
dates; Preview writes the author, ``/Contents`` and dates without apostrophes in the zone.
"""

from __future__ import annotations

import io
import uuid
from typing import Any

import pymupdf

RC = (
    '<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/" xfa:APIVersion="Acrobat:21.1.0" '
    'xfa:spec="2.0.2"><p dir="ltr"><span style="font-family:Helvetica">{}</span></p></body>'
)


def _set(doc: Any, annot: Any, key: str, value: str) -> None:
    doc.xref_set_key(annot.xref, key, pymupdf.get_pdf_str(value))


def acrobat(
    page: Any,
    annot: Any,
    author: str,
    text: str,
    *,
    subject: str = "Highlight",
    created: str = "D:20250110093000+00'00'",
    contents: bool = True,
) -> Any:
    """Describe ``annot`` as Acrobat does: /T, /Contents (optional), /RC, /Subj, dates, /NM, popup."""
    doc = page.parent
    annot.set_info(title=author, content=text if contents else "", subject=subject)
    annot.update()
    if not contents:
        doc.xref_set_key(annot.xref, "Contents", "null")
    _set(doc, annot, "RC", RC.format(text))
    _set(doc, annot, "CreationDate", created)
    _set(doc, annot, "M", created)
    _set(doc, annot, "NM", str(uuid.uuid4()))
    return annot


def highlight(page: Any, phrase: str, author: str, text: str = "", **kw: Any) -> Any:
    quads = page.search_for(phrase, quads=True)
    assert quads, phrase
    return acrobat(page, page.add_highlight_annot(quads), author, text, **kw)


def sticky(page: Any, point: tuple[float, float], author: str, text: str, **kw: Any) -> Any:
    kw.setdefault("subject", "Sticky Note")
    return acrobat(page, page.add_text_annot(point, text), author, text, **kw)


def reply(page: Any, parent: Any, author: str, text: str, created: str = "D:20250111100000Z") -> Any:
    """A reply as Acrobat writes one: a Text annotation /IRT the note, /RT /R."""
    annot = page.add_text_annot((parent.rect.x1 + 5, parent.rect.y0), text)
    annot.set_info(title=author, content=text, subject="Sticky Note")
    annot.set_irt_xref(parent.xref)
    annot.update()
    doc = page.parent
    doc.xref_set_key(annot.xref, "RT", "/R")
    _set(doc, annot, "CreationDate", created)
    return annot


def edge_note(page: Any, point: tuple[float, float], text: str) -> Any:
    """Edge: a sticky note with /Contents and an ISO date, and no author at all."""
    annot = page.add_text_annot(point, text)
    annot.update()
    page.parent.xref_set_key(annot.xref, "T", "null")
    _set(page.parent, annot, "CreationDate", "2025-01-12T10:30:00Z")
    return annot


def save(doc: Any) -> bytes:
    data = doc.tobytes()
    doc.close()
    return bytes(data)


# ----- Word ---------------------------------------------------------------------------------------
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def word_draft(paragraphs: list[str]) -> Any:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document


def comment_on(document: Any, phrase: str, author: str, text: str, initials: str = "") -> Any:
    """A comment on ``phrase`` (split into its own run, as Word does when you select it)."""
    for para in document.paragraphs:
        if phrase in para.text:
            full = para.text
            before, after = full.split(phrase, 1)
            for run in list(para.runs):
                run._r.getparent().remove(run._r)
            para.add_run(before)
            marked = para.add_run(phrase)
            para.add_run(after)
            return document.add_comment([marked], text=text, author=author, initials=initials)
    raise AssertionError(phrase)


def word_bytes(document: Any, threads: dict[Any, Any] | None = None) -> bytes:
    """The .docx; ``threads`` maps a reply comment to the comment it answers (commentsExtended)."""
    parent_of = {c.comment_id: p.comment_id for c, p in (threads or {}).items()}
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    if threads:
        ids: dict[int, str] = {}
        for n, comment in enumerate(document.comments):
            para = comment._comment_elm.findall(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
            )[-1]
            ids[comment.comment_id] = f"{0x10000000 + n:08X}"
            para.set(f"{{{W14}}}paraId", ids[comment.comment_id])
        entries = "".join(
            f'<w15:commentEx w15:paraId="{ids[c.comment_id]}"'
            + (f' w15:paraIdParent="{ids[parent_of[c.comment_id]]}"' if c.comment_id in parent_of else "")
            + ' w15:done="0"/>'
            for c in document.comments
        )
        xml = f'<w15:commentsEx xmlns:w15="{W15}">{entries}</w15:commentsEx>'.encode()
        part = Part(PackURI("/word/commentsExtended.xml"), EXTENDED_TYPE, xml, document.part.package)
        document.part.relate_to(part, EXTENDED_REL)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def raw_highlights(doc: Any, page_no: int, phrase: str, texts: list[str], author: str) -> None:
    """Many highlights written straight into the page's /Annots array (fast, as a big file has them)."""
    page = doc[page_no]
    quads = page.search_for(phrase, quads=True)
    height = page.rect.height
    points = " ".join(f"{p.x} {height - p.y}" for q in quads for p in (q.ul, q.ur, q.ll, q.lr))
    box = quads[0].rect
    rect = f"{box.x0} {height - box.y1} {box.x1} {height - box.y0}"
    refs = []
    for text in texts:
        xref = doc.get_new_xref()
        doc.update_object(
            xref,
            f"<< /Type /Annot /Subtype /Highlight /Rect [{rect}] /QuadPoints [{points}] /C [1 1 0] "
            f"/T {pymupdf.get_pdf_str(author)} /Contents {pymupdf.get_pdf_str(text)} "
            "/CreationDate (D:20250110093000Z) >>",
        )
        refs.append(f"{xref} 0 R")
    kind, old = doc.xref_get_key(page.xref, "Annots")
    before = old.strip("[]") if kind == "array" else ""
    doc.xref_set_key(page.xref, "Annots", f"[{before} {' '.join(refs)}]")
