"""Notes made on a PDF in another reader (Acrobat, Edge, Preview, Okular...), read with PyMuPDF.

Highlights, underlines, strike-outs and squiggly underlines mark a passage: its words are the ones
under the annotation's quad points (not its bounding box, which covers whole lines). Sticky notes
and text boxes sit at a point on a page. Replies (``/IRT``) are gathered under the note they answer,
oldest first, with their authors. Drawings, stamps and the like are kept only when they carry
words. Links, form fields, pop-up windows, review-status marks and anything damaged are left out
and counted by reason; nothing here raises for one bad annotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

import pymupdf

from panelreview.core.errors import DocumentError
from panelreview.core.imported_notes import (
    FREE_TEXT,
    HIGHLIGHT,
    NOTE,
    SHAPE,
    SQUIGGLY,
    STRIKEOUT,
    UNDERLINE,
    ImportedItem,
    ImportedReply,
    NotesFile,
    Passage,
    parse_date,
    plain_text,
)
from panelreview.core.model import Rect
from panelreview.ingest.pdf_pages import TEXT_FLAGS
from panelreview.ingest.pdf_reader import open_pdf

Word = tuple[float, float, float, float, str]


def _type(name: str) -> int:
    """MuPDF's number for an annotation subtype (``PDF_ANNOT_HIGHLIGHT``...)."""
    return int(getattr(pymupdf, f"PDF_ANNOT_{name}"))


_MARKUP = {
    _type("HIGHLIGHT"): HIGHLIGHT,
    _type("UNDERLINE"): UNDERLINE,
    _type("STRIKE_OUT"): STRIKEOUT,
    _type("SQUIGGLY"): SQUIGGLY,
}
_POINT = {_type("TEXT"): NOTE, _type("FREE_TEXT"): FREE_TEXT, _type("CARET"): NOTE}
_NO_WORDS = {
    _type("LINK"): "links",
    _type("WIDGET"): "form fields",
    _type("POPUP"): "pop-up windows (their note's text is read with the note)",
}
LEFT_DRAWINGS = "drawings, stamps and marks with no words"
LEFT_DAMAGED = "damaged annotations that could not be read"
LEFT_STATUS = "review-status marks (such as “Accepted” or “Marked”)"
LEFT_GROUPED = "parts of a grouped mark (read with the mark)"
LEFT_EMPTY_OFF_PAGE = "marks outside the page with no words"
LEFT_LINKS_TEXT = "links"
_CONTEXT_WORDS = 8
_NM = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SAMPLE_PAGES = 4
_SAMPLE_CHARS = 40_000


class _RichText(HTMLParser):
    """The plain text of an XHTML rich-text string (``/RC``): paragraphs become lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "div") and self.parts:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rich_text_plain(value: str) -> str:
    parser = _RichText()
    try:
        parser.feed(re.sub(r"<\?xml[^>]*\?>", "", value))
        parser.close()
    except Exception:  # a broken /RC: keep what was read so far
        pass
    return plain_text("".join(parser.parts))


def _key(doc: Any, xref: int, name: str) -> tuple[str, str]:
    try:
        kind, value = doc.xref_get_key(xref, name)
        return str(kind), str(value)
    except Exception:
        return "null", "null"


def _text(doc: Any, xref: int, name: str) -> str:
    kind, value = _key(doc, xref, name)
    if kind == "string":
        return value
    if kind == "xref" and name == "RC":  # rich text kept in a stream
        try:
            stream = doc.xref_stream(int(value.split()[0]))
            return bytes(stream or b"").decode("utf-8", "replace")
        except Exception:
            return ""
    return ""


def _ref(doc: Any, xref: int, name: str) -> int | None:
    kind, value = _key(doc, xref, name)
    if kind != "xref":
        return None
    try:
        return int(value.split()[0])
    except (ValueError, IndexError):
        return None


def _words(page: Any) -> list[Word]:
    return [(float(w[0]), float(w[1]), float(w[2]), float(w[3]), str(w[4])) for w in page.get_text(
        "words", flags=TEXT_FLAGS
    )]  # fmt: skip


def _numbers(doc: Any, xref: int, name: str) -> list[float]:
    kind, value = _key(doc, xref, name)
    if kind != "array":
        return []
    try:
        return [float(v) for v in value.strip().strip("[]").split()]
    except ValueError:
        return []


Matrix = tuple[float, float, float, float, float, float]


def _box(points: Sequence[float], m: Matrix) -> Rect:
    """The rectangle (in PyMuPDF's page coordinates) around PDF-space points x0 y0 x1 y1 ..."""
    xs, ys = [], []
    for i in range(0, len(points) - 1, 2):
        x, y = points[i], points[i + 1]
        xs.append(m[0] * x + m[2] * y + m[4])
        ys.append(m[1] * x + m[3] * y + m[5])
    return (min(xs), min(ys), max(xs), max(ys))


def _quads(quad_points: Sequence[float], box: Rect | None, m: Matrix) -> list[Rect]:
    """The rectangles of a text mark's quad points (its bounding box if they are missing or broken).

    Read from the dictionary itself: PyMuPDF's annotation objects are found by walking the page's
    list, which is slow for a page with thousands of notes.
    """
    rects = [_box(quad_points[i : i + 8], m) for i in range(0, len(quad_points) - 7, 8)]
    if not rects and box is not None:
        rects.append(box)
    return rects


def _inside(word: Word, rect: Rect) -> bool:
    """Most of the word lies in the rectangle (its centre is inside, vertically a little slack)."""
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    slack = (word[3] - word[1]) * 0.25
    return rect[0] - 1 <= cx <= rect[2] + 1 and rect[1] - slack <= cy <= rect[3] + slack


def marked_words(words: Sequence[Word], rects: Sequence[Rect]) -> list[int]:
    """Indexes of the words under the marked rectangles, in the page's order."""
    return [n for n, w in enumerate(words) if any(_inside(w, r) for r in rects)]


def _joined(words: Sequence[Word], indexes: Sequence[int]) -> str:
    return " ".join(words[n][4] for n in indexes)


def _nearest_line(words: Sequence[Word], x: float, y: float) -> str:
    """The words of the line nearest the point (the line a sticky note sits beside)."""
    if not words:
        return ""

    def distance(w: Word) -> float:
        dy = 0.0 if w[1] <= y <= w[3] else min(abs(y - w[1]), abs(y - w[3]))
        dx = 0.0 if w[0] <= x <= w[2] else min(abs(x - w[0]), abs(x - w[2]))
        return dy * 4 + dx

    best = min(words, key=distance)
    mid = (best[1] + best[3]) / 2
    line = [w for w in words if w[1] <= mid <= w[3]]
    return " ".join(w[4] for w in sorted(line, key=lambda w: w[0]))


class _Reader:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.left: dict[str, int] = {}
        self.page_words: dict[int, list[Word]] = {}
        self.boxes: dict[int, list[tuple[Rect, set[str]]]] = {}  # text boxes, and their words
        self.items: dict[int, dict[str, Any]] = {}  # xref -> fields, in the file's order
        self.replies: list[tuple[int, int, ImportedReply]] = []  # (parent xref, order, reply)
        self.reply_parent: dict[int, int] = {}  # a reply's xref -> the xref it answers
        self.place: dict[int, tuple[int, Rect]] = {}  # xref -> (page, rect) of any annotation

    def leave(self, reason: str, n: int = 1) -> None:
        self.left[reason] = self.left.get(reason, 0) + n

    def words(self, page: Any) -> list[Word]:
        """The page's own words: a text box's words (which MuPDF extracts with the page's) left out."""
        if page.number not in self.page_words:
            boxes = self.boxes.get(page.number, [])
            try:
                found = _words(page)
            except Exception:
                found = []
            self.page_words[page.number] = [
                w for w in found if not any(_inside(w, box) and w[4] in said for box, said in boxes)
            ]
        return self.page_words[page.number]

    def read_page(self, page: Any) -> None:
        try:
            found = page.annot_xrefs()
        except Exception:
            self.leave(LEFT_DAMAGED)
            return
        t = page.transformation_matrix
        matrix = (float(t.a), float(t.b), float(t.c), float(t.d), float(t.e), float(t.f))
        for xref, kind, _ in found:
            corners = _numbers(self.doc, int(xref), "Rect") if kind == _type("FREE_TEXT") else []
            if len(corners) == 4:
                said = set(_text(self.doc, int(xref), "Contents").split())
                self.boxes.setdefault(page.number, []).append((_box(corners, matrix), said))
        for xref, kind, _ in found:
            try:
                self.read_one(page, int(xref), int(kind), matrix)
            except Exception:
                self.leave(LEFT_DAMAGED)

    def read_one(self, page: Any, xref: int, kind: int, matrix: Matrix) -> None:
        doc = self.doc
        contents = plain_text(_text(doc, xref, "Contents"))
        if not contents:
            rich = _text(doc, xref, "RC")
            contents = rich_text_plain(rich) if rich else ""
        if kind in _NO_WORDS or (kind not in _MARKUP and kind not in _POINT and not contents):
            self.leave(_NO_WORDS.get(kind, LEFT_DRAWINGS))
            return
        if _key(doc, xref, "State")[0] != "null" or _key(doc, xref, "StateModel")[0] != "null":
            self.leave(LEFT_STATUS)
            return
        author = plain_text(_text(doc, xref, "T"))
        created = parse_date(_text(doc, xref, "CreationDate"))
        modified = parse_date(_text(doc, xref, "M"))
        name = plain_text(_text(doc, xref, "NM"))
        subject = plain_text(_text(doc, xref, "Subj"))
        corners = _numbers(doc, xref, "Rect")
        quad_points = _numbers(doc, xref, "QuadPoints") if kind in _MARKUP else []
        if len(corners) != 4 and not quad_points:
            raise ValueError("an annotation with no place on the page")
        box = _box(corners, matrix) if len(corners) == 4 else _box(quad_points, matrix)
        self.place[xref] = (page.number, box)
        parent = _ref(doc, xref, "IRT")
        if parent is not None:
            if _key(doc, xref, "RT")[1].lstrip("/") == "Group":
                self.leave(LEFT_GROUPED)
                return
            if contents:
                reply = ImportedReply(author, contents, created, modified, name or f"xref:{xref}")
                self.replies.append((parent, len(self.replies), reply))
                self.reply_parent[xref] = parent
                return
        origin = _MARKUP.get(kind) or _POINT.get(kind) or SHAPE
        pr = page.rect
        on_page = (float(pr.x0), float(pr.y0), float(pr.x1), float(pr.y1))
        off_page = box[2] < on_page[0] or box[0] > on_page[2] or box[3] < on_page[1] or box[1] > on_page[3]
        words = self.words(page)
        passage: Passage
        if kind in _MARKUP:
            rects = _quads(quad_points, box, matrix)
            chosen = marked_words(words, rects) if not off_page else []
            if not chosen and not contents:
                self.leave(LEFT_EMPTY_OFF_PAGE if off_page else LEFT_DRAWINGS)
                return
            quote = _joined(words, chosen) if chosen else None
            prefix = _joined(words, range(max(0, chosen[0] - _CONTEXT_WORDS), chosen[0])) if chosen else ""
            after = (
                range(chosen[-1] + 1, min(len(words), chosen[-1] + 1 + _CONTEXT_WORDS))
                if chosen
                else range(0)
            )
            suffix = _joined(words, after)
            near = "" if chosen else _nearest_line(words, box[0], box[1])
            passage = Passage(quote, prefix, suffix, page.number, tuple(rects), None, near)
        else:
            top = (box[1] + box[3]) / 2 if kind == _type("FREE_TEXT") else box[1]  # a box: its middle
            x = min(max(box[0], on_page[0]), on_page[2])
            y = min(max(top, on_page[1]), on_page[3])
            passage = Passage(None, "", "", page.number, (box,), (x, y), _nearest_line(words, x, y))
        self.items[xref] = {
            "source_id": name or f"xref:{xref}",
            "origin": origin,
            "author": author,
            "text": contents,
            "passage": passage,
            "subject": subject,
            "created": created,
            "modified": modified,
            "panelreview_id": name if _NM.match(name) else None,
            "kind_hint": subject or None,
        }

    def finish(self) -> list[ImportedItem]:
        def root(xref: int) -> int:
            seen = set()
            while xref in self.reply_parent and xref not in seen:  # a reply to a reply
                seen.add(xref)
                xref = self.reply_parent[xref]
            return xref

        threads: dict[int, list[tuple[str, int, ImportedReply]]] = {}
        for parent, order, reply in self.replies:
            top = root(parent)
            if top in self.items:
                threads.setdefault(top, []).append((reply.created or "", order, reply))
                continue
            page, box = self.place.get(parent, (0, (0.0, 0.0, 0.0, 0.0)))
            self.items[-(order + 1)] = {  # its note was left out: the reply stands as a note
                "source_id": reply.source_id,
                "origin": NOTE,
                "author": reply.author,
                "text": reply.text,
                "passage": Passage(None, "", "", page, (box,), (box[0], box[1])),
                "created": reply.created,
                "modified": reply.modified,
            }
        found = []
        for xref, fields in self.items.items():
            thread = sorted(threads.get(xref, []), key=lambda t: (t[0] == "", t[0], t[1]))
            found.append(ImportedItem(**fields, replies=tuple(r for _, _, r in thread)))
        return found


def read_pdf_notes(data: bytes, file_name: str, password: str | None = None) -> NotesFile:
    """Every note in an annotated PDF. Raises PasswordRequired/WrongPassword or DocumentError."""
    doc = open_pdf(data, file_name, password)
    try:
        reader = _Reader(doc)
        try:
            pages = doc.page_count
        except Exception:
            raise DocumentError(f"“{file_name}” is damaged and its pages cannot be read.") from None
        for number in range(pages):
            try:
                page = doc[number]
            except Exception:
                reader.leave(LEFT_DAMAGED)
                continue
            reader.read_page(page)
        items = reader.finish()
        sample = _sample(doc, reader.page_words, pages)
        return NotesFile(
            file_name,
            "pdf",
            tuple(items),
            dict(reader.left),
            pages,
            sample,
            b"" if password else data,  # a locked file is not read again as a version of the draft
        )
    finally:
        doc.close()


def _sample(doc: Any, known: dict[int, list[Word]], pages: int) -> str:
    """Some of the file's own text: its first pages and the pages with notes."""
    parts: list[str] = []
    size = 0
    wanted = list(dict.fromkeys([*range(min(pages, _SAMPLE_PAGES)), *sorted(known)]))
    for number in wanted:
        words = known.get(number)
        if words is None:
            try:
                words = _words(doc[number])
            except Exception:
                continue
        text = " ".join(w[4] for w in words)
        parts.append(text)
        size += len(text)
        if size > _SAMPLE_CHARS:
            break
    return "\n".join(parts)
