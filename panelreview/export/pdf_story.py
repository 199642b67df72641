"""Write an :class:`~panelreview.export.blocks.Exported` document as a PDF, with PyMuPDF alone.

The blocks become HTML (:mod:`panelreview.export.pdf_html`) laid out by MuPDF's Story engine onto
A4 pages: no LibreOffice, which members' machines do not have. The PDF has a text layer, a
bookmark for every heading, the title, author, subject and language in its properties, shows its
title in the viewer's title bar, and has "Page N of M" on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from panelreview import __version__
from panelreview.export.atomic import write_bytes_atomically
from panelreview.export.blocks import Exported, flatten
from panelreview.export.errors import ExportError
from panelreview.export.fonts import FontSet, find_fonts
from panelreview.export.pdf_html import CSS, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE, Html
from panelreview.export.textclean import spell_out_astral
from panelreview.export.tounicode import repair_text_layer

MAX_PASSES = 6
HeadingPlace = tuple[int, str, int, float]  # level, text, 1-based page, y


def _font_css(fonts: FontSet | None) -> tuple[str, Any]:
    import pymupdf

    archive = pymupdf.Archive()
    if fonts is None:
        return "", archive
    faces = []
    for name, path, weight, style in (
        ("regular", fonts.regular, "normal", "normal"),
        ("bold", fonts.bold, "bold", "normal"),
        ("italic", fonts.italic, "normal", "italic"),
        ("bolditalic", fonts.bold_italic, "bold", "italic"),
    ):
        archive.add((path.read_bytes(), f"{name}.ttf"))
        faces.append(
            f"@font-face {{ font-family: report; src: url({name}.ttf); font-weight: {weight}; "
            f"font-style: {style}; }}"
        )
    return "\n".join(faces), archive


def _layout(parts: list[str], faces: str, archive: Any) -> tuple[bytes, list[HeadingPlace], dict[str, int]]:
    """The laid-out PDF (each part starting a new page), where its headings are, and the page of
    every element with an id. ``faces`` and ``archive`` are the fonts, from :func:`_font_css`."""
    import pymupdf

    buffer = BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    page_rect = pymupdf.Rect(0, 0, *PAGE)
    where = pymupdf.Rect(MARGIN_X, MARGIN_TOP, PAGE[0] - MARGIN_X, PAGE[1] - MARGIN_BOTTOM)
    headings: list[HeadingPlace] = []
    pages: dict[str, int] = {}
    page = 0

    def record(position: Any) -> None:
        if not position.open_close & 1:
            return
        if position.id and position.id not in pages:
            pages[position.id] = page
        if position.heading:
            headings.append(
                (int(position.heading), str(position.text or ""), page + 1, float(position.rect[1]))
            )

    limit = 20 + sum(len(html) for html in parts) // 150  # far more pages than the text can fill
    for html in parts:
        story = pymupdf.Story(html=html, user_css=faces + CSS, archive=archive)
        more = True
        while more:
            if page > limit:  # the layout engine is going round in circles: never hang the app
                raise ExportError(
                    "PanelReview could not lay this report out as a PDF. Save it as Word (.docx) instead, "
                    "and make a PDF from Word."
                )
            device = writer.begin_page(page_rect)
            more, _ = story.place(where)
            story.element_positions(record)
            story.draw(device)
            writer.end_page()
            page += 1
    writer.close()
    return buffer.getvalue(), headings, pages


def _body_font(fonts: FontSet | None) -> Any:
    """The body font, for the page furniture and to know which characters it can draw."""
    import pymupdf

    return pymupdf.Font(fontbuffer=fonts.regular.read_bytes()) if fonts else pymupdf.Font("helv")


def _coverage(fonts: FontSet | None, body: Any) -> Callable[[int], bool]:
    """Whether the body font can draw a code point (emoji it cannot are spelt out)."""
    if fonts is None:
        return lambda code: False
    return lambda code: bool(body.has_glyph(code))


def layout(exported: Exported, fonts: FontSet | None, body: Any) -> tuple[bytes, list[HeadingPlace]]:
    """Lay the document out, and again while headings or table headers are left stranded. The font
    files are read once, not on every pass."""
    faces, archive = _font_css(fonts)
    html = Html(list(flatten(exported.blocks)), _coverage(fonts, body))
    for _ in range(MAX_PASSES):
        data, headings, pages = _layout(html.render(), faces, archive)
        if not html.adjust(pages):
            break
    return data, headings


def _toc(exported: Exported, headings: list[HeadingPlace]) -> list[list[Any]]:
    import pymupdf

    ours = [h.text for h in exported.headings()]
    toc: list[list[Any]] = []
    previous = 0
    for i, (level, text, page, y) in enumerate(headings):
        title = ours[i] if len(ours) == len(headings) else text
        level = min(level, previous + 1)
        previous = level
        toc.append(
            [
                level,
                " ".join(title.split()),
                page,
                {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(0, y), "zoom": 0},
            ]
        )
    return toc


def _page_furniture(doc: Any, exported: Exported, font: Any) -> None:
    """The running header (not on the first page) and "Page N of M" on every page, in ``font``."""
    import pymupdf

    total = doc.page_count
    header = spell_out_astral(" ".join(exported.running_header.split()))
    for number, page in enumerate(doc, start=1):
        page.wrap_contents()  # the laid-out content leaves its coordinate system changed
        writer = pymupdf.TextWriter(page.rect, color=(0.25, 0.25, 0.25))
        footer = f"Page {number} of {total}"
        width = font.text_length(footer, fontsize=9)
        writer.append(((PAGE[0] - width) / 2, PAGE[1] - 30), footer, font=font, fontsize=9)
        if header and number > 1:
            width = font.text_length(header, fontsize=9)
            writer.append((PAGE[0] - MARGIN_X - width, 36), header, font=font, fontsize=9)
        writer.write_text(page)


def pdf_bytes(exported: Exported) -> bytes:
    import pymupdf

    fonts = find_fonts()
    body = _body_font(fonts)
    data, headings = layout(exported, fonts, body)
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        _page_furniture(doc, exported, body)
        doc.set_toc(_toc(exported, headings))
        doc.set_metadata(
            {
                "title": exported.title,
                "author": exported.author,
                "subject": exported.subject,
                "keywords": exported.keywords,
                "creator": "PanelReview",
                "producer": f"PanelReview {__version__} with PyMuPDF",
            }
        )
        catalog = doc.pdf_catalog()
        doc.xref_set_key(catalog, "Lang", pymupdf.get_pdf_str(exported.language))
        doc.xref_set_key(catalog, "ViewerPreferences", "<</DisplayDocTitle true>>")
        doc.xref_set_key(catalog, "PageMode", "/UseOutlines")
        doc.subset_fonts()
        repair_text_layer(doc)
        return bytes(doc.tobytes(garbage=3, deflate=True, clean=False))


def write_pdf(exported: Exported, out: Path) -> Path:
    return write_bytes_atomically(out, pdf_bytes(exported))
