"""Write an :class:`~panelreview.export.blocks.Exported` document as a Word .docx.

Paragraphs carry named styles (Heading 1-3, Title, Quote, Recommendation ...) so a council's
template restyles the whole report. For accessibility: headings in order, the title, subject and
language in the file's properties, tables with a repeating header row, a caption and description,
and alternative text on every image (the template's logo included).

Paragraph XML is built directly with lxml and the style ids looked up once: python-docx's
``add_paragraph(style=...)`` searches the styles part by name on every call, which a 300-
recommendation report would pay thousands of times.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from panelreview.export.atomic import write_atomically
from panelreview.export.blocks import Block, Exported, Heading, Keep, PageBreak, Para, Style, Table
from panelreview.export.docx_template import (
    HEADING_NAMES,
    STYLE_NAMES,
    ensure_styles,
    find_marker,
    load_template,
    running_header,
    set_language,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SHORT_ROW = 1500  # characters: a table row shorter than this is kept on one page
TEXT_WIDTH_TWIPS = 9070  # A4 less 2.5 cm margins; replaced by the template's own page


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, PPR, PSTYLE, R, RPR, T, TAB, BR, B, I_ = (
    _q(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "t", "tab", "br", "b", "i")
)
VAL = _q("val")
NO_BREAK_HYPHEN = _q("noBreakHyphen")
DATE_RANGE = re.compile(r"(?<=\d)-(?=\d)")  # "2025-29" is not split across lines in a title


class _Writer:
    def __init__(self, document: Any, style_ids: dict[str, str]) -> None:
        self.document = document
        self.ids = style_ids
        self.body = document.element.body
        self.make = self.body.makeelement
        self.out: list[Any] = []
        self.break_before = False
        section = document.sections[0]
        try:
            width = section.page_width - section.left_margin - section.right_margin
            self.text_width = max(2000, int(width / 635))  # EMU -> twips
        except TypeError:  # a template section without page size
            self.text_width = TEXT_WIDTH_TWIPS

    # -- paragraphs -----------------------------------------------------------------------------
    def paragraph(
        self, para: Para | None, style_name: str, *, text: str | None = None, keep_dates: bool = False
    ) -> Any:
        make = self.make
        p = make(P, {})
        ppr = make(PPR, {})
        p.append(ppr)
        ppr.append(make(PSTYLE, {VAL: self.ids[style_name]}))
        if self.break_before:
            ppr.append(make(_q("pageBreakBefore"), {}))
            self.break_before = False
        runs = para.runs if para is not None else ()
        if text is not None:
            self._run(p, text, False, False, keep_dates)
        for run in runs:
            self._run(p, run.text, run.bold, run.italic, keep_dates)
        return p

    def _run(self, p: Any, text: str, bold: bool, italic: bool, keep_dates: bool = False) -> None:
        if not text:
            return
        make = self.make
        r = make(R, {})
        if bold or italic:
            rpr = make(RPR, {})
            if bold:
                rpr.append(make(B, {}))
            if italic:
                rpr.append(make(I_, {}))
            r.append(rpr)
        if "\t" in text or "\n" in text:
            for i, line in enumerate(text.split("\n")):
                if i:
                    r.append(make(BR, {}))
                for j, piece in enumerate(line.split("\t")):
                    if j:
                        r.append(make(TAB, {}))
                    if piece:
                        self._text(r, piece)
        elif keep_dates and DATE_RANGE.search(text):
            for i, piece in enumerate(DATE_RANGE.split(text)):
                if i:
                    r.append(make(NO_BREAK_HYPHEN, {}))
                if piece:
                    self._text(r, piece)
        else:
            self._text(r, text)
        p.append(r)

    def _text(self, r: Any, text: str) -> None:
        t = self.make(T, {})
        t.text = text
        if text[0] == " " or text[-1] == " ":
            t.set(XML_SPACE, "preserve")
        r.append(t)

    # -- blocks ---------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if isinstance(block, Para):
            keep = block.style in (Style.TITLE, Style.SUBTITLE)
            self.out.append(self.paragraph(block, STYLE_NAMES[block.style], keep_dates=keep))
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), len(HEADING_NAMES))
            self.out.append(self.paragraph(None, HEADING_NAMES[level - 1], text=block.text, keep_dates=True))
        elif isinstance(block, Table):
            self.out.append(self.table(block))
        elif isinstance(block, PageBreak):
            self.break_before = True
        elif isinstance(block, Keep):
            start = len(self.out)
            for inner in block.blocks:
                self.block(inner)
            kept = self.out[start:]
            for i, p in enumerate(kept):  # Word keeps each paragraph whole and with the next one
                ppr = p.find(PPR)  # (in the order Word's schema wants: after the style)
                ppr.insert(1, self.make(_q("keepLines"), {}))
                if i < len(kept) - 1:
                    ppr.insert(1, self.make(_q("keepNext"), {}))

    def table(self, table: Table) -> Any:
        make = self.make
        tbl = make(_q("tbl"), {})
        tblpr = make(_q("tblPr"), {})
        tbl.append(tblpr)
        if self.ids.get("Table Grid"):
            tblpr.append(make(_q("tblStyle"), {VAL: self.ids["Table Grid"]}))
        tblpr.append(make(_q("tblW"), {_q("w"): "5000", _q("type"): "pct"}))
        if not self.ids.get("Table Grid"):
            tblpr.append(_borders(make))
        tblpr.append(make(_q("tblLayout"), {_q("type"): "fixed"}))
        tblpr.append(
            make(_q("tblLook"), {VAL: "04A0", _q("firstRow"): "1", _q("lastRow"): "0", _q("firstColumn"): "0",
                                  _q("lastColumn"): "0", _q("noHBand"): "0", _q("noVBand"): "1"})
        )  # fmt: skip
        tblpr.append(make(_q("tblCaption"), {VAL: table.description[:250]}))
        tblpr.append(make(_q("tblDescription"), {VAL: table.description}))
        widths = [max(400, int(self.text_width * f)) for f in table.widths]
        grid = make(_q("tblGrid"), {})
        for w in widths:
            grid.append(make(_q("gridCol"), {_q("w"): str(w)}))
        tbl.append(grid)
        header = make(_q("tr"), {})
        trpr = make(_q("trPr"), {})
        trpr.append(make(_q("cantSplit"), {}))
        trpr.append(make(_q("tblHeader"), {}))
        header.append(trpr)
        for text, w in zip(table.header, widths, strict=True):
            header.append(self._cell([self.paragraph(None, STYLE_NAMES[Style.TABLE_HEADING], text=text)], w))
        tbl.append(header)
        for row in table.rows:
            tr = make(_q("tr"), {})
            if sum(len(p.text) for cell in row for p in cell) < SHORT_ROW:  # keep a short row on one page
                row_pr = make(_q("trPr"), {})
                row_pr.append(make(_q("cantSplit"), {}))
                tr.append(row_pr)
            for cell, w in zip(row, widths, strict=True):
                paras = [self.paragraph(p, STYLE_NAMES[p.style]) for p in cell] or [
                    self.paragraph(None, STYLE_NAMES[Style.TABLE_TEXT])
                ]
                tr.append(self._cell(paras, w))
            tbl.append(tr)
        return tbl

    def _cell(self, paras: list[Any], width: int) -> Any:
        make = self.make
        tc = make(_q("tc"), {})
        tcpr = make(_q("tcPr"), {})
        tcpr.append(make(_q("tcW"), {_q("w"): str(width), _q("type"): "dxa"}))
        tc.append(tcpr)
        tc.extend(paras)
        return tc

    def finish(self) -> None:
        """Put the written elements in the body: at the template's marker, or before its sectPr."""
        if self.out and self.out[-1].tag == _q("tbl"):  # Word needs a paragraph after a final table
            self.out.append(self.paragraph(None, STYLE_NAMES[Style.BODY]))
        marker = find_marker(self.body)
        if marker is not None:
            for element in self.out:
                marker.addprevious(element)
            marker.getparent().remove(marker)
            return
        for child in list(self.body):
            if child.tag != _q("sectPr"):
                self.body.remove(child)
        sectpr = self.body.find(_q("sectPr"))
        if sectpr is None:
            self.body.extend(self.out)
        else:
            for element in self.out:
                sectpr.addprevious(element)


def _borders(make: Any) -> Any:
    borders = make(_q("tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            make(_q(side), {VAL: "single", _q("sz"): "4", _q("space"): "0", _q("color"): "808080"})
        )
    return borders


def _alt_text(document: Any, fallback: str) -> None:
    """Every picture in the body, headers and footers gets alternative text (a logo, usually)."""
    parts = [document.part]
    for section in document.sections:
        for hf in (section.header, section.first_page_header, section.even_page_header,
                   section.footer, section.first_page_footer, section.even_page_footer):  # fmt: skip
            if hf.is_linked_to_previous:
                continue
            parts.append(hf.part)
    drawing_ns = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    for part in dict.fromkeys(parts):
        for doc_pr in part.element.iter(f"{{{drawing_ns}}}docPr"):
            if not (doc_pr.get("descr") or "").strip():
                doc_pr.set("descr", fallback)


def _properties(document: Any, exported: Exported) -> None:
    props = document.core_properties
    props.title = exported.title[:255]
    props.subject = exported.subject[:255]
    props.author = exported.author[:255]
    props.keywords = exported.keywords[:255]
    props.comments = "Written with PanelReview."
    props.category = "Report"
    props.last_modified_by = exported.author[:255]
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1
    set_language(document, exported.language)


def render(exported: Exported, template: Path | None) -> Any:
    """The python-docx Document for ``exported`` written into ``template`` (None: the default)."""
    document, is_default = load_template(template)
    if exported.landscape:  # a wide table (the response tracker)
        from docx.enum.section import WD_ORIENT

        for section in document.sections:
            if section.orientation != WD_ORIENT.LANDSCAPE and section.page_width and section.page_height:
                section.orientation = WD_ORIENT.LANDSCAPE
                section.page_width, section.page_height = section.page_height, section.page_width
    writer = _Writer(document, ensure_styles(document))
    for block in exported.blocks:
        writer.block(block)
    writer.finish()
    if is_default and exported.running_header:
        running_header(document, exported.running_header)
    _alt_text(document, f"Logo of the {exported.author}" if exported.author else "Logo")
    _properties(document, exported)
    return document


def write_docx(exported: Exported, out: Path, template: Path | None = None) -> Path:
    document = render(exported, template)

    def save(handle: BinaryIO) -> None:
        document.save(handle)

    return write_atomically(out, save)
