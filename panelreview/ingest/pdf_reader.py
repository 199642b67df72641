"""PDF drafts through PyMuPDF: text in reading order, headings from bookmarks or typography.

Opening a draft never renders a page. Every PyMuPDF failure, from ``open`` to a single page, becomes
a plain-English :class:`DocumentError` or a warning naming the page.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pymupdf

from panelreview.core.errors import DocumentError, PasswordRequired, WrongPassword
from panelreview.core.model import Block, BlockKind, DocFormat, Document, DocumentIdentity
from panelreview.core.sections import find_sections, normalise
from panelreview.ingest.pdf_headings import assign_headings
from panelreview.ingest.pdf_layout import Paragraph
from panelreview.ingest.pdf_pages import read_pages

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

MAX_PAGES = 3000


def read_pdf(
    data: bytes,
    file_name: str,
    digest: str,
    password: str | None = None,
    use_bookmarks: bool = True,
    workers: int = 1,
) -> Document:
    """Read a PDF draft. ``workers`` > 1 lets a long PDF's pages be read by forked processes
    (see :func:`panelreview.ingest.pdf_pages.read_pages`; command line only)."""
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    doc, locked = _open_locked(data, file_name, password)
    try:
        document = _read(doc, file_name, digest, use_bookmarks, workers)
    finally:
        doc.close()
    document.password_protected = locked
    return document


def _open(data: bytes, file_name: str, password: str | None) -> Any:
    return _open_locked(data, file_name, password)[0]


def _open_locked(data: bytes, file_name: str, password: str | None) -> tuple[Any, bool]:
    """The opened PDF, and whether it needed its password."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:  # PyMuPDF raises FileDataError, RuntimeError and others here
        raise DocumentError(
            f"“{file_name}” is damaged and cannot be opened as a PDF. Ask for a fresh copy."
        ) from None
    if doc.needs_pass:
        if password is None:
            doc.close()
            raise PasswordRequired()
        # Never read needs_pass again after authenticate(): it resets the key in this MuPDF.
        candidates = [password, saslprep(password), password.strip()]
        if not any(doc.authenticate(candidate) for candidate in dict.fromkeys(candidates)):
            doc.close()
            raise WrongPassword()
        return doc, True
    return doc, False


#: Open a PDF held in memory, asking for its password as opening a draft does.
open_pdf = _open


def needs_password(data: bytes) -> bool:
    """Whether a PDF asks for a password to open (False for a damaged one: it is not ours to say)."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return False
    try:
        return bool(doc.needs_pass)
    finally:
        doc.close()


def _read(doc: Any, file_name: str, digest: str, use_bookmarks: bool, workers: int) -> Document:
    try:
        page_count = doc.page_count
    except Exception:
        raise DocumentError(f"“{file_name}” is damaged: its pages cannot be found.") from None
    if page_count == 0:
        raise DocumentError(f"“{file_name}” has no pages that can be read. It may be damaged.")
    if page_count > MAX_PAGES:
        raise DocumentError(f"“{file_name}” has {page_count} pages, more than PanelReview can open.")

    warnings: list[str] = []
    read = read_pages(doc, page_count, workers)
    pages, labels, failed, no_text = read.paragraphs, read.labels, read.failed, read.no_text

    toc = _toc(doc) if use_bookmarks else []
    levels = assign_headings(pages, toc)
    blocks = _blocks(pages, levels, labels)
    sections = find_sections(blocks)

    if failed:
        warnings.append(f"{_pages_phrase(failed)} could not be read and {_is_are(failed)} left out.")
    if no_text and len(no_text) == page_count:
        warnings.append(
            "No text was found in this PDF (it may be scanned pictures of pages), so its text cannot "
            "be selected or searched. You can still read it and write notes on whole pages."
        )
    elif no_text:
        warnings.append(
            f"{_pages_phrase(no_text)} {_has_have(no_text)} no text (scanned pictures or blank "
            "pages), so nothing on them can be selected or searched."
        )
    if _was_repaired():
        warnings.append("This PDF is damaged; PanelReview repaired it to open it, so check it looks right.")
    metadata = doc.metadata or {}
    title = normalise(metadata.get("title") or "") or (sections[0].title if sections else file_name)
    identity = DocumentIdentity(digest, DocFormat.PDF, title, page_count)
    return Document(identity, file_name, blocks, sections, warnings, no_text)


# Characters SASLprep (RFC 4013) maps to nothing, and the non-ASCII spaces it maps to a space.
_MAPPED_TO_NOTHING = dict.fromkeys(
    map(ord, "\u00ad\u034f\u1806\u180b\u180c\u180d\u200b\u200c\u200d\u2060\ufe00\ufeff")
)


def saslprep(password: str) -> str:
    """The form AES-256 PDFs compare passwords in (enough of RFC 4013 for typed passwords)."""
    spaced = "".join(" " if unicodedata.category(c) == "Zs" else c for c in password)
    return unicodedata.normalize("NFKC", spaced.translate(_MAPPED_TO_NOTHING))


def _toc(doc: Any) -> list[tuple[int, str, int]]:
    try:
        return [(int(lvl), str(title), int(page)) for lvl, title, page, *_ in doc.get_toc(simple=True)]
    except Exception:
        return []


def _blocks(
    pages: list[list[Paragraph]], levels: dict[tuple[int, int], int], labels: list[str | None]
) -> list[Block]:
    blocks: list[Block] = []
    table = -1
    last_row: int | None = None
    for pno, paras in enumerate(pages):
        for i, para in enumerate(paras):
            level = levels.get((pno, i))
            if para.table_row is not None:
                if last_row is None or para.table_row not in (last_row, last_row + 1):
                    table += 1
                last_row = para.table_row
                kind = BlockKind.TABLE_CELL
            else:
                last_row = None
                kind = (
                    BlockKind.HEADING
                    if level is not None
                    else BlockKind.LIST_ITEM
                    if para.bullet
                    else BlockKind.PARAGRAPH
                )
            blocks.append(
                Block(
                    index=len(blocks),
                    kind=kind,
                    text=para.text,
                    page=pno,
                    page_label=labels[pno],
                    level=level,
                    table=table if kind is BlockKind.TABLE_CELL else None,
                    row=para.table_row if kind is BlockKind.TABLE_CELL else None,
                    col=para.col,
                    rects=list(para.rects),
                )
            )
    return blocks


def _was_repaired() -> bool:
    text = pymupdf.TOOLS.mupdf_warnings(reset=True) or ""
    lowered = text.lower()
    return any(word in lowered for word in ("repair", "broken xref", "trying to reconstruct"))


def _pages_phrase(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:12]) + (" and others" if len(pages) > 12 else "")
    return f"Page {shown}" if len(pages) == 1 else f"Pages {shown}"


def _is_are(pages: list[int]) -> str:
    return "is" if len(pages) == 1 else "are"


def _has_have(pages: list[int]) -> str:
    return "has" if len(pages) == 1 else "have"
