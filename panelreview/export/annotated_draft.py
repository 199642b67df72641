"""The draft PDF with the review's notes written in as standard PDF annotations.

A note on a quoted passage becomes a Highlight over that passage; a note on a whole section becomes
a sticky note (Text annotation) beside the section's heading. Each carries its author (``/T``),
dates (``/CreationDate``, ``/M``), kind (``/Subj``), its PanelReview id (``/NM``) and the note's
text (``/Contents``); replies are Text annotations ``/IRT`` the note, which Acrobat and other
readers show as a thread. Colours follow the kind, but the kind is always named too.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from panelreview.core.anchor import Anchor, find_quote
from panelreview.core.model import Rect
from panelreview.core.review import Annotation, Kind, Recommendation, Reply, Visibility
from panelreview.export.atomic import write_bytes_atomically
from panelreview.export.errors import ExportError
from panelreview.export.facts import draft_bytes
from panelreview.export.parts import KIND_LABELS
from panelreview.export.textclean import clean, one_line

if TYPE_CHECKING:
    from panelreview.storage import Review

# The light fills the desktop app uses for each kind (panelreview/ui/common/kind_style.py), as RGB 0-1.
COLOURS: dict[Kind | None, str] = {
    Kind.HIGHLIGHT: "#fff176",
    Kind.COMMENT: "#90caf9",
    Kind.QUESTION: "#ce93d8",
    Kind.CONCERN: "#ffab91",
    Kind.SUPPORT: "#a5d6a7",
    None: "#ffcc80",  # recommendations
}
NOTE_ICON_STEP = 22.0
FORMAT_NAMES = {"docx": "a Word document", "text": "a text file", "markdown": "a text file"}


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def pdf_date(stamp: str) -> str | None:
    """ "2025-01-12T10:30:00.123456Z" -> "D:20250112103000+00'00'"."""
    digits = "".join(ch for ch in stamp[:19] if ch.isdigit())
    if len(digits) < 14:
        return None
    return f"D:{digits[:14]}+00'00'"


def _quote_quads(page: Any, quote: str, hints: Sequence[Rect]) -> list[Any]:
    """Line rectangles covering ``quote`` on ``page`` (the occurrence nearest ``hints``), or []."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    words = page.get_text("words", flags=flags)
    if not words:
        return []
    starts: list[int] = []
    pieces: list[str] = []
    pos = 0
    for w in words:
        starts.append(pos)
        pieces.append(w[4])
        pos += len(w[4]) + 1
    text = " ".join(pieces)
    spans = find_quote(text, quote)
    if not spans:
        return []
    hint_rects = [pymupdf.Rect(r) for r in hints]

    def covered(span: tuple[int, int]) -> list[Any]:
        return [w for w, s in zip(words, starts, strict=True) if s < span[1] and s + len(w[4]) > span[0]]

    def score(span: tuple[int, int]) -> int:
        return sum(1 for w in covered(span) if any(pymupdf.Rect(w[:4]).intersects(h) for h in hint_rects))

    best = max(spans, key=score) if hint_rects else spans[0]
    lines: dict[tuple[int, int], Any] = {}
    for w in covered(best):
        key = (w[5], w[6])
        rect = pymupdf.Rect(w[:4])
        lines[key] = lines[key] | rect if key in lines else rect
    return [r.quad for r in lines.values()]


class _Annotator:
    def __init__(self, doc: Any, review: Review) -> None:
        self.doc = doc
        self.review = review
        self.icons: dict[int, list[float]] = {}  # where notes already sit in each page's margin
        self.written = 0

    def _page(self, anchor: Anchor, section_page: int | None) -> Any | None:
        index = (
            anchor.page_index
            if anchor.page_index is not None
            else (section_page - 1 if section_page else None)
        )
        if index is None or not 0 <= index < self.doc.page_count:
            return None
        return self.doc[index]

    def _margin_point(self, page: Any, y: float | None) -> Any:
        import pymupdf

        taken = self.icons.setdefault(page.number, [])
        top = y if y is not None else 40.0
        while any(abs(top - other) < NOTE_ICON_STEP for other in taken):
            top += NOTE_ICON_STEP
        top = min(top, page.rect.height - 30)
        taken.append(top)
        return pymupdf.Point(page.rect.width - 30, top)

    def _heading_y(self, page: Any, title: str | None) -> float | None:
        if not title:
            return None
        hits = page.search_for(one_line(title)[:60])
        return float(hits[0].y0) if hits else None

    def add(
        self, item: Annotation | Recommendation, section_page: int | None, *, number: str = "", by: str = ""
    ) -> None:
        """Write ``item`` on its page; ``number`` and ``by`` credit a panel recommendation to the panel."""
        page = self._page(item.anchor, section_page)
        if page is None:
            return
        if isinstance(item, Recommendation):
            kind, subject = None, f"Recommendation {number}".strip()
            content = clean(item.wording)
            if item.rationale.strip():
                content += f"\n\nReason: {clean(item.rationale)}"
            replies: tuple[Reply, ...] = ()
        else:
            kind, subject = item.kind, KIND_LABELS[item.kind]
            content = clean(item.body)
            replies = item.replies
        if item.visibility is Visibility.PRIVATE:  # never mistaken for something shared
            subject = f"Private {subject[0].lower()}{subject[1:]}"
            content = f"PRIVATE WORKING NOTE (not shared): {content}"
        quads = _quote_quads(page, item.anchor.quote, item.anchor.rects) if item.anchor.quote else []
        if not quads and item.anchor.quote and item.anchor.rects:
            import pymupdf

            quads = [pymupdf.Rect(r).quad for r in item.anchor.rects]
        if quads:
            annot = page.add_highlight_annot(quads)
        else:
            point = self._margin_point(page, self._heading_y(page, item.section.title))
            annot = page.add_text_annot(point, content or subject, icon="Comment")
        self._describe(
            annot, by or item.author.name, content, subject, item.created, item.updated, item.id, kind
        )
        for reply in replies:
            self._reply(page, annot, reply)
        self.written += 1

    def _describe(
        self,
        annot: Any,
        author: str,
        content: str,
        subject: str,
        created: str,
        updated: str,
        item_id: str,
        kind: Kind | None,
    ) -> None:
        import pymupdf

        annot.set_info(
            content=content or subject,
            title=one_line(author) or "A member",
            subject=subject,
            creationDate=pdf_date(created),
            modDate=pdf_date(updated or created),
        )
        annot.set_colors(stroke=_rgb(COLOURS[kind]))
        annot.update()
        try:
            uuid.UUID(item_id)
            self.doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(item_id))
        except ValueError:
            pass

    def _reply(self, page: Any, parent: Any, reply: Reply) -> None:
        import pymupdf

        point = self._margin_point(page, float(parent.rect.y0))
        annot = page.add_text_annot(point, clean(reply.body) or "(reply)", icon="Comment")
        annot.set_info(
            title=one_line(reply.author.name) or "A member",
            subject="Reply",
            creationDate=pdf_date(reply.created),
            modDate=pdf_date(reply.updated or reply.created),
        )
        annot.set_irt_xref(parent.xref)
        annot.update()
        self.doc.xref_set_key(annot.xref, "RT", "/R")
        self.doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(reply.id))


def _visible(item: Annotation | Recommendation, owner_id: str, include_private: bool) -> bool:
    if item.visibility is not Visibility.PRIVATE:
        return True
    return include_private and item.author.id == owner_id


def private_count(review: Review) -> int:
    """How many of the owner's private working notes and recommendations are on the current draft."""
    draft_id = review.current_draft_id
    owner = review.owner.id
    items: list[Annotation | Recommendation] = [
        *review.annotations(draft_id=draft_id),
        *review.recommendations(draft_id=draft_id),
    ]
    return sum(1 for i in items if i.visibility is Visibility.PRIVATE and i.author.id == owner)


def _notice(doc: Any, text: str) -> None:
    """A boxed line across the top of the first page, saying what the copy holds."""
    import pymupdf

    page = doc[0]
    rect = pymupdf.Rect(36, 8, page.rect.width - 36, 34)
    annot = page.add_freetext_annot(
        rect, text, fontsize=9, fontname="helv", text_color=(0.6, 0, 0), fill_color=(1, 0.95, 0.95)
    )
    annot.set_border(width=1)
    annot.set_info(title="PanelReview", subject="What this copy contains")
    annot.update()


def write_annotated_draft(review: Review, out: Path, *, include_private: bool = False) -> Path:
    """Write the current draft with the notes on it to ``out`` (a .pdf), atomically; returns ``out``."""
    return write_bytes_atomically(out, annotated_draft_bytes(review, include_private=include_private))


def annotated_draft_bytes(review: Review, *, include_private: bool = False) -> bytes:
    """The current draft with the notes on it, as the bytes of a PDF (to write, or to print).

    Private working notes are left out unless ``include_private``; then each is labelled private,
    and the file says so in its title and on its first page. In a clerk's review the panel's
    recommendations appear with their numbers, credited to the panel; withdrawn ones are left out.
    """
    import pymupdf

    from panelreview.core.review import Role
    from panelreview.export.facts import names_from

    draft_id = review.current_draft_id
    row = next((d for d in review.drafts() if d["id"] == draft_id), None)
    if row is None:
        raise ExportError("This review has no draft to write the notes into.")
    if row["format"] != "pdf":
        kind = FORMAT_NAMES.get(str(row["format"]), "not a PDF")
        raise ExportError(
            f"The annotated draft needs a PDF draft, and “{one_line(str(row['file_name']))}” is {kind}. "
            "Export “My notes” instead, or add the PDF version of the draft to the review."
        )
    data = draft_bytes(review, draft_id)
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise ExportError("The copy of the draft kept in this review could not be opened as a PDF.") from None
    with doc:
        if doc.needs_pass:
            raise ExportError(
                "The draft is password-protected, so PanelReview cannot write notes into it. "
                "Export “My notes” instead."
            )
        sections = {s.id: s for s in review.sections(draft_id)}
        owner = review.owner
        names = names_from(review.settings)
        clerk = owner.role is Role.CLERK
        annotator = _Annotator(doc, review)

        def place(item: Annotation | Recommendation) -> int | None:
            found = sections.get(item.section.id) if item.section.id is not None else None
            return found.page_start if found else None

        private = 0
        for note in review.annotations(draft_id=draft_id):
            if _visible(note, owner.id, include_private):
                annotator.add(note, place(note))
                private += note.visibility is Visibility.PRIVATE
        if clerk:  # the panel's own recommendations, numbered, in the panel's name; none withdrawn
            for n, rec in enumerate(review.panel_recommendations(), start=1):
                if rec.draft_id == draft_id and rec.visibility is not Visibility.PRIVATE:
                    annotator.add(rec, place(rec), number=one_line(rec.number) or str(n), by=names.panel)
        else:
            for rec in review.recommendations(draft_id=draft_id):
                if _visible(rec, owner.id, include_private):
                    annotator.add(rec, place(rec))
                    private += rec.visibility is Visibility.PRIVATE
        draft_title = one_line(str(row["title"] or "")) or one_line(str(row["file_name"]))
        whose = (
            f"the {names.panel}’s recommendations and members’ notes"
            if clerk
            else f"{one_line(owner.name)}’s notes"
        )
        title = f"{draft_title}, with {whose}"
        if private:
            title += " (includes private working notes: do not share)"
            _notice(
                doc,
                f"This copy includes {one_line(owner.name)}’s private working notes, marked PRIVATE. "
                "Do not share or publish it.",
            )
        doc.set_metadata({**(doc.metadata or {}), "title": title, "creator": "Annotated with PanelReview"})
        result = doc.tobytes(garbage=1, deflate=True)
    return bytes(result)
