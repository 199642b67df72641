"""Write an :class:`~panelreview.export.blocks.Exported` document as a tagged, accessible PDF.

The blocks the Word writer renders are handed, as JSON, to Typst (the ``typst`` package, a
typesetting engine in one compiled module), laid out by PanelReview's template
(``resources/typst/panelreview.typ``) and exported as PDF/UA-1: a structure tree with headings,
paragraphs, quotes and tables with header cells in reading order, ``/MarkInfo /Marked true``, the
title shown in the viewer's title bar, ``/Lang``, bookmarks for the headings, running header and
page numbers marked as artifacts, and the bundled DejaVu Sans fonts embedded (no system font is
used, so the PDF looks the same on every computer and needs no network).

If Typst cannot be loaded (a damaged installation), the PDF is made by MuPDF's Story engine
(:mod:`panelreview.export.pdf_story`) instead: readable, but untagged; the log says so.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from panelreview.export.atomic import write_bytes_atomically
from panelreview.export.blocks import (
    Block,
    Exported,
    Heading,
    Keep,
    PageBreak,
    Para,
    Style,
    Table,
    keeps_with_next,
)
from panelreview.export.errors import ExportError
from panelreview.export.textclean import spell_out_astral
from panelreview.resources import resource_path

log = logging.getLogger(__name__)
LONG_WORD = re.compile(r"\S{25,}")
ZWSP = "\u200b"

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
#: A table row with more text than this may run onto the next page (a taller one could not fit).
ROW_CHARS_ON_ONE_PAGE = 2400
#: A group kept together (a recommendation with its reason and reference) up to about half a page.
KEEP_CHARS = 1800


@lru_cache(maxsize=1)
def _template() -> bytes:
    path = resource_path("typst", "panelreview.typ")
    if path is None:
        raise ExportError(
            "PanelReview’s PDF layout is missing from this installation. Reinstall PanelReview."
        )
    return path.read_bytes()


@lru_cache(maxsize=1)
def _fonts() -> tuple[Path, Callable[[int], bool]]:
    """The bundled font folder, and whether its regular face can draw a code point."""
    folder = resource_path("fonts")
    if folder is None or not all((folder / name).is_file() for name in FONT_FILES):
        raise ExportError(
            "PanelReview’s report fonts are missing from this installation. Reinstall PanelReview."
        )
    import pymupdf

    font = pymupdf.Font(fontbuffer=(folder / FONT_FILES[0]).read_bytes())
    return folder, lambda code: bool(font.has_glyph(code))


class _Json:
    """The blocks as the plain data the Typst template reads."""

    def __init__(self, covered: Callable[[int], bool]) -> None:
        self.covered = covered

    def text(self, text: str) -> str:
        text = spell_out_astral(text, self.covered).replace("\t", " ")
        # A "word" too long for a line (a pasted link, a row of characters) gets places to break.
        return LONG_WORD.sub(lambda m: ZWSP.join(m[0][i : i + 20] for i in range(0, len(m[0]), 20)), text)

    def runs(self, p: Para) -> list[list[Any]]:
        return [[self.text(r.text), r.bold, r.italic] for r in p.runs if r.text]

    def para(self, p: Para, sticky: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"t": "p", "style": p.style.value, "runs": self.runs(p), "sticky": sticky}
        if p.style is Style.NUMBERED and p.runs and p.runs[0].text.endswith("\t"):
            out["num"] = self.text(p.runs[0].text.strip())
            out["runs"] = self.runs(Para(p.runs[1:], p.style))
        return out

    def table(self, table: Table) -> dict[str, Any]:
        rows = []
        for row in table.rows:
            size = sum(len(p.text) for cell in row for p in cell)
            cells = [
                [{"style": p.style.value, "runs": self.runs(p)} for p in cell if p.text.strip()]
                for cell in row
            ]
            rows.append({"cells": cells, "breakable": size > ROW_CHARS_ON_ONE_PAGE})
        return {
            "t": "table",
            "header": [self.text(h) for h in table.header],
            "widths": list(table.widths),
            "rows": rows,
        }

    def block(self, block: Block, following: Block | None) -> dict[str, Any]:
        if isinstance(block, Heading):
            return {"t": "h", "level": min(max(block.level, 1), 3), "text": self.text(block.text)}
        if isinstance(block, Para):
            return self.para(block, keeps_with_next(block) and following is not None)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Keep):
            inner = [self.block(b, None) for b in block.blocks]
            return {"t": "keep", "blocks": inner, "breakable": len(block.text) > KEEP_CHARS}
        assert isinstance(block, PageBreak)
        return {"t": "break"}


def _levels(blocks: list[dict[str, Any]]) -> None:
    """Heading levels never skip one (H1 then H3), as PDF/UA asks."""
    previous = 0

    def walk(items: list[dict[str, Any]]) -> None:
        nonlocal previous
        for item in items:
            if item["t"] == "h":
                item["level"] = min(item["level"], previous + 1)
                previous = item["level"]
            elif item["t"] == "keep":
                walk(item["blocks"])

    walk(blocks)


def document_data(exported: Exported) -> dict[str, Any]:
    """What the template lays out: the document's properties and blocks."""
    _, covered = _fonts()
    writer = _Json(covered)
    blocks = exported.blocks
    data = [writer.block(b, blocks[i + 1] if i + 1 < len(blocks) else None) for i, b in enumerate(blocks)]
    _levels(data)
    language, _, region = exported.language.partition("-")
    return {
        "title": writer.text(" ".join(exported.title.split())),
        "author": writer.text(exported.author),
        "subject": writer.text(exported.subject),
        "keywords": [k.strip() for k in exported.keywords.split(";") if k.strip()],
        "lang": language.lower() or "en",
        "region": region.upper() or None,
        "header": writer.text(" ".join(exported.running_header.split())),
        "landscape": exported.landscape,
        "blocks": data,
    }


def _compile(source: str, *, system_fonts: bool, standards: list[str]) -> bytes:
    import typst

    folder, _ = _fonts()
    compile_pdf: Any = typst.compile_with_warnings  # its stub ties the font paths' type to the input's
    data, warnings = compile_pdf(
        _template(),
        format="pdf",
        font_paths=[str(folder)],
        ignore_system_fonts=not system_fonts,
        sys_inputs={"doc": source},
        pdf_standards=standards,
    )
    for warning in warnings:
        log.warning("Typst: %s", getattr(warning, "message", warning))
    if not isinstance(data, bytes):
        raise ExportError("PanelReview could not lay this document out as a PDF.")
    return data


def _typst_pdf(exported: Exported) -> bytes:
    """PDF/UA-1 in the bundled fonts. Text they cannot draw (Chinese, say) is drawn in a font of the
    computer's that can; if none can, the PDF is still tagged but does not claim PDF/UA-1 (the
    characters stay in its text layer for screen readers, drawn as empty boxes)."""
    import typst

    data = document_data(exported)
    source = json.dumps(data, ensure_ascii=False)
    _, covered = _fonts()
    missing = {ch for ch in source if ch.isprintable() and not ch.isspace() and not covered(ord(ch))}
    if missing:
        log.info("the report fonts lack %d characters: using the computer's fonts for them", len(missing))
    attempts = [(bool(missing), ["ua-1"]), (True, [])]
    for system_fonts, standards in attempts:
        try:
            return _compile(source, system_fonts=system_fonts, standards=standards)
        except typst.TypstError as exc:
            log.warning(
                "Typst could not lay out %r (%s): %s %s", exported.title, standards, exc.message, exc.hints
            )
    raise ExportError(  # a bug in the template or the data, not the user's doing
        "PanelReview could not lay this document out as a PDF. Save it as Word (.docx) instead; the "
        "log file says what went wrong."
    )


def pdf_bytes(exported: Exported) -> bytes:
    """The PDF for ``exported``: tagged PDF/UA-1 from Typst, else (no Typst) MuPDF's untagged one."""
    try:
        import typst  # noqa: F401
    except ImportError:
        log.warning("Typst is not available: writing an untagged PDF with MuPDF instead")
        from panelreview.export.pdf_story import pdf_bytes as story_pdf_bytes

        return story_pdf_bytes(exported)
    return _typst_pdf(exported)


def write_pdf(exported: Exported, out: Path) -> Path:
    return write_bytes_atomically(out, pdf_bytes(exported))
