"""Word .docx drafts: headings from styles and outline levels, Word's own list numbers, tables.

The package is checked for bombs and entity tricks first (:mod:`docx_safety`), opened with
python-docx, and then its body XML is walked once in document order.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from panelreview.core.errors import DocumentError
from panelreview.core.model import Block, BlockKind, DocFormat, Document, DocumentIdentity
from panelreview.core.sections import find_sections, normalise
from panelreview.ingest.docx_numbering import Numbering, Styles, q
from panelreview.ingest.docx_safety import check_package

_ENUM_LABEL = re.compile(r"^\(?([0-9]+(?:\.[0-9]+)*|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6})[.)]?$")
_SKIP_INSIDE = {q("del"), q("moveFrom"), q("instrText"), q("delText"), q("footnoteReference")}
_TEXTBOX = q("txbxContent")
MAX_HEADING_CHARS = 300


def read_docx(data: bytes, file_name: str, digest: str) -> Document:
    check_package(data, file_name)
    import docx  # python-docx; imported here so that reading a PDF never pays for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles_root = document.styles.element
        numbering_root = _numbering_root(document)
        core_title = document.core_properties.title or ""
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError):
        raise DocumentError(
            f"“{file_name}” is damaged or incomplete (parts of the Word package are missing), so it "
            "cannot be opened. Open it in Word, save a new copy and try again."
        ) from None

    styles = Styles(styles_root)
    reader = _BodyReader(styles, Numbering(numbering_root, styles.list_styles))
    reader.read(body)
    blocks = reader.blocks
    sections = find_sections(blocks)
    warnings: list[str] = []
    if not any(b.text for b in blocks):
        warnings.append("No text was found in this Word document; it may hold only pictures or shapes.")
    elif reader.textbox_chars > reader.body_chars:
        warnings.append("Most of this document's text is in text boxes, so its order may be approximate.")
    title = normalise(core_title) or reader.title or (sections[0].title if sections else file_name)
    identity = DocumentIdentity(digest, DocFormat.DOCX, title, None)
    return Document(identity, file_name, blocks, sections, warnings)


def _numbering_root(document: object) -> etree._Element | None:
    try:
        part = document.part.numbering_part  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return None
    element: etree._Element = part.element
    return element


class _BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.para_index = 0
        self.table_count = 0
        self.title: str | None = None
        self.body_chars = 0
        self.textbox_chars = 0

    def read(self, body: etree._Element) -> None:
        for element in _content_children(body):
            if element.tag == q("p"):
                self._paragraph(element)
            elif element.tag == q("tbl"):
                self._table(element)

    def _paragraph(self, p: etree._Element, in_textbox: bool = False) -> None:
        index = self.para_index
        self.para_index += 1
        text, textboxes = _paragraph_text(p)
        ppr = p.find(q("pPr"))
        style_id = _attr(ppr, "pStyle") if ppr is not None else None
        text = _clean(text)
        if text:
            if in_textbox:
                self.textbox_chars += len(text)
            else:
                self.body_chars += len(text)
            self._add_paragraph(text, ppr, style_id, index)
        for box in textboxes:
            for inner in box.iter(q("p")):
                self._paragraph(inner, in_textbox=True)

    def _add_paragraph(self, text: str, ppr: etree._Element | None, style_id: str | None, index: int) -> None:
        level = None if self.styles.is_excluded(style_id) else self.styles.heading_level(style_id)
        outline = _attr(ppr, "outlineLvl") if ppr is not None else None
        if outline is not None and outline.isdigit():
            level = int(outline) + 1 if int(outline) < 9 else None
        if self.title is None and self.styles.name(style_id).lower() == "title":
            self.title = normalise(text)

        label, bullet, ilvl = self._list_label(ppr, style_id)
        number: str | None = None
        if label:
            m = _ENUM_LABEL.match(label.strip())
            if m:
                number = m.group(1)
            else:
                text = f"{label.strip()} {text}"
        list_level = None
        if level is not None and level <= 3 and len(text) <= MAX_HEADING_CHARS:
            kind = BlockKind.HEADING
        else:
            level = None
            kind = BlockKind.LIST_ITEM if bullet or label is not None else BlockKind.PARAGRAPH
            list_level = ilvl + 1 if number is not None else None
        self.blocks.append(
            Block(
                len(self.blocks), kind, text,
                para_index=index, level=level, number=number, list_level=list_level,
            )
        )  # fmt: skip

    def _list_label(self, ppr: etree._Element | None, style_id: str | None) -> tuple[str | None, bool, int]:
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(q("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _attr(numpr, "numId")
            raw = _attr(numpr, "ilvl")
            ilvl = int(raw) if raw and raw.isdigit() else None
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None:
            return None, False, 0
        ilvl = max(0, min(ilvl or 0, 8))
        result = self.numbering.next_label(num_id, ilvl)
        if result is None:
            return None, False, ilvl
        return result[0], result[1], ilvl

    def _table(self, tbl: etree._Element) -> None:
        table = self.table_count
        self.table_count += 1
        for r, tr in enumerate(tbl.iter(q("tr"))):
            if _ancestor_table(tr) is not tbl:
                continue
            for c, tc in enumerate(x for x in tr if x.tag == q("tc")):
                parts = []
                for p in tc.iter(q("p")):
                    text, _ = _paragraph_text(p)
                    if text.strip():
                        parts.append(_clean(text))
                self.para_index += 1
                text = "\n".join(parts)
                if text:
                    self.blocks.append(
                        Block(
                            len(self.blocks), BlockKind.TABLE_CELL, text,
                            para_index=self.para_index - 1, table=table, row=r, col=c,
                        )
                    )  # fmt: skip


def _content_children(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in document order, looking through content controls and wrappers."""
    for child in parent:
        tag = child.tag
        if tag in (q("p"), q("tbl")):
            yield child
        elif tag in (q("sectPr"),) or not isinstance(tag, str):
            continue
        else:
            yield from _content_children(child)


def _ancestor_table(element: etree._Element) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != q("tbl"):
        node = node.getparent()
    return node


def _paragraph_text(p: etree._Element) -> tuple[str, list[etree._Element]]:
    """The paragraph's visible text (insertions kept, deletions dropped) and its text boxes."""
    out: list[str] = []
    boxes: list[etree._Element] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_INSIDE:
                continue
            if tag == _TEXTBOX:
                boxes.append(child)
                continue
            if tag == q("t"):
                out.append(child.text or "")
            elif tag == q("tab"):
                out.append("\t")
            elif tag in (q("br"), q("cr")):
                out.append(" ")
            elif tag == q("noBreakHyphen"):
                out.append("-")
            elif tag == q("p"):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out), boxes


def _attr(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(q(tag))
    if child is None:
        return None
    value = child.get(q("val"))
    return value


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
