"""Comments typed into a Word draft, read with python-docx (1.2 reads comments).

Each comment gives its author, initials, date and text; the commented range (between
``commentRangeStart`` and ``commentRangeEnd`` in the body) is the passage, with some text either
side of it. Word (2013 and later) threads replies through ``commentsExtended.xml``: a reply's
``paraIdParent`` names the last paragraph of the comment it answers. Deleted text (tracked
changes) is not part of a passage.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from panelreview.core.errors import DocumentError
from panelreview.core.imported_notes import (
    COMMENT,
    ImportedItem,
    ImportedReply,
    NotesFile,
    Passage,
    parse_date,
    plain_text,
)
from panelreview.ingest.docx_safety import check_package

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_CONTEXT = 60
_SAMPLE_CHARS = 40_000
LEFT_EMPTY = "comments with no words"
LEFT_DAMAGED = "damaged comments that could not be read"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


class _Body:
    """The body's text in order, and where each comment's range starts and ends in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def walk(self, body: Any) -> None:
        for el in body.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag == _w("t") and not _deleted(el):
                self.add(el.text or "")
            elif tag in (_w("tab"), _w("br"), _w("cr")) and not _deleted(el):
                self.add(" ")
            elif tag == _w("p"):
                if self.parts and not self.parts[-1].endswith("\n"):
                    self.add("\n")
            elif tag == _w("commentRangeStart"):
                self.starts.setdefault(str(el.get(_w("id"))), self.size)
            elif tag == _w("commentRangeEnd"):
                self.ends[str(el.get(_w("id")))] = self.size
            elif tag == _w("commentReference"):
                key = str(el.get(_w("id")))
                self.starts.setdefault(key, self.size)
                self.ends.setdefault(key, self.size)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _deleted(el: Any) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in (_w("del"), _w("moveFrom")):
            return True
        parent = parent.getparent()
    return False


def _threads(document: Any) -> dict[str, str]:
    """paraId of a reply's last paragraph -> paraId of its parent's, from commentsExtended.xml."""
    found: dict[str, str] = {}
    try:
        parts = list(document.part.package.iter_parts())
    except Exception:
        return found
    for part in parts:
        if not str(part.partname).lower().endswith("/commentsextended.xml"):
            continue
        try:
            root = etree.fromstring(
                part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True)
            )
        except Exception:
            continue
        for ex in root.iter(f"{{{_W15}}}commentEx"):
            own, parent = ex.get(f"{{{_W15}}}paraId"), ex.get(f"{{{_W15}}}paraIdParent")
            if own and parent:
                found[own] = parent
    return found


def _last_para_id(comment: Any) -> str | None:
    paras = comment._comment_elm.findall(_w("p"))
    return paras[-1].get(f"{{{_W14}}}paraId") if paras else None


def read_docx_notes(data: bytes, file_name: str) -> NotesFile:
    """Every comment in a Word file, replies threaded under the comment they answer."""
    import docx

    check_package(data, file_name)
    try:
        document = docx.Document(io.BytesIO(data))
        comments = list(document.comments)
    except Exception:
        raise DocumentError(
            f"“{file_name}” could not be read as a Word document. It may be damaged: ask for a fresh copy."
        ) from None
    body = _Body()
    try:
        body.walk(document.element.body)
    except Exception:  # a damaged body: the comments are still read, without their passages
        body = _Body()
    text = body.text
    parents = _threads(document)
    left: dict[str, int] = {}
    by_para: dict[str, str] = {}
    fields: dict[str, dict[str, Any]] = {}
    replies: list[tuple[str, str, ImportedReply]] = []  # (own id, parent paraId, reply)
    for comment in comments:
        try:
            key = str(comment.comment_id)
            words = plain_text("\n".join(p.text for p in comment.paragraphs))
            author = plain_text(comment.author or "")
            initials = plain_text(comment._comment_elm.get(_w("initials")) or "")
            created = parse_date(comment._comment_elm.get(_w("date")))
            para = _last_para_id(comment)
        except Exception:
            left[LEFT_DAMAGED] = left.get(LEFT_DAMAGED, 0) + 1
            continue
        if para:
            by_para[para] = key
        if para in parents:
            if words:
                replies.append((key, parents[para], ImportedReply(author, words, created, None, f"w:{key}")))
            continue
        if not words:
            left[LEFT_EMPTY] = left.get(LEFT_EMPTY, 0) + 1
            continue
        start, end = body.starts.get(key), body.ends.get(key)
        passage = Passage()
        if start is not None and end is not None and end >= start:
            quote = plain_text(text[start:end]) or None
            passage = Passage(
                quote,
                plain_text(text[max(0, start - _CONTEXT) : start]),
                plain_text(text[end : end + _CONTEXT]),
                near="" if quote else _paragraph_at(text, start),
            )
        fields[key] = {
            "source_id": f"w:{key}",
            "origin": COMMENT,
            "author": author,
            "initials": initials,
            "text": words,
            "passage": passage,
            "created": created,
        }
    threads: dict[str, list[ImportedReply]] = {}
    for own, parent_para, reply in replies:
        top = by_para.get(parent_para)
        seen = {own}
        while top is not None and top not in fields and top not in seen:  # a reply to a reply
            seen.add(top)
            up = next((p for o, p, _ in replies if o == top), None)
            top = by_para.get(up) if up else None
        if top in fields:
            threads.setdefault(top, []).append(reply)
        else:
            left[LEFT_DAMAGED] = left.get(LEFT_DAMAGED, 0) + 1
    items = [
        ImportedItem(**f, replies=tuple(sorted(threads.get(k, []), key=lambda r: r.created or "")))
        for k, f in fields.items()
    ]
    return NotesFile(file_name, "docx", tuple(items), left, None, text[:_SAMPLE_CHARS], data)


def _paragraph_at(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return plain_text(text[start : end if end != -1 else len(text)])
