"""Word drafts built in code: heading styles, outline levels, automatic numbering, tables, bad packages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from panelreview.core.errors import DocumentError
from panelreview.core.model import BlockKind
from panelreview.ingest import open_document
from tests.ingest.builders import body, docx_bytes, write


def _numbered_list(document: Any, level_text: str, fmt: str = "decimal") -> int:
    numbering = document.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
        f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = 900 + abstract_id
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def _number(paragraph: Any, num_id: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def build_plan(document: Any) -> None:
    document.add_paragraph("Westshire Police and Crime Plan", style="Title")
    document.add_heading("Priority One – Safer streets", level=1)
    document.add_paragraph(body())
    custom = document.styles.add_style("Council Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("What we will achieve", style="Council Heading")
    num_id = _numbered_list(document, "1.%1")
    for text in ("Fewer burglaries in every district by 2029.", "More officers in neighbourhood teams."):
        p = document.add_paragraph(text, style="List Paragraph")
        _number(p, num_id)
    outline = document.add_paragraph("Theme 2: Victims")
    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    document.add_paragraph(body())
    letters = _numbered_list(document, "(%1)", "lowerLetter")
    for text in ("keep people safe at home;", "support victims of crime."):
        _number(document.add_paragraph(text), letters)
    document.add_paragraph("the first bullet is not a section", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Indicator"
    table.cell(0, 1).text = "Target"
    table.cell(1, 0).text = "1.1 Burglary rate"
    table.cell(1, 1).text = "Down 10%"
    document.add_heading("Ein Blaenoriaethau / Our Priorities", level=1)
    document.add_paragraph(body())


def test_heading_styles_outline_levels_and_word_numbering(tmp_path: Path) -> None:
    doc = open_document(write(tmp_path, "plan.docx", docx_bytes(build_plan)))
    assert [(s.number, s.title, s.level) for s in doc.sections] == [
        (None, "Priority One – Safer streets", 1),
        (None, "What we will achieve", 2),
        ("1.1", "Fewer burglaries in every district by 2029.", 3),
        ("1.2", "More officers in neighbourhood teams.", 3),
        (None, "Theme 2: Victims", 1),
        ("a", "keep people safe at home;", 2),
        ("b", "support victims of crime.", 2),
        (None, "Ein Blaenoriaethau / Our Priorities", 1),
    ]
    assert doc.identity.title == "Westshire Police and Crime Plan"
    cells = [(b.row, b.col, b.text) for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert (1, 0, "1.1 Burglary rate") in cells  # the KPI table is kept, but not as sections
    assert any(b.kind is BlockKind.LIST_ITEM and "bullet" in b.text for b in doc.blocks)


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = _zip(
        {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<a>" + b" " * 20_000_000 + b"</a>"}
    )
    assert len(bomb) < 2_000_000
    with pytest.raises(DocumentError, match="expands to far more data"):
        open_document(write(tmp_path, "bomb.docx", bomb))


def test_xml_entity_tricks_are_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": laughs})
    with pytest.raises(DocumentError, match="will not open it"):
        open_document(write(tmp_path, "laughs.docx", data))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Word .doc file"),
        (b"PK\x03\x04 truncated", "damaged or incomplete"),
        (b"Just some text renamed to .docx", "not a Word .docx file"),
    ],
)
def test_files_that_are_not_docx_say_so(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        open_document(write(tmp_path, "draft.docx", data))


def test_other_zip_named_docx(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not a Word document"):
        open_document(write(tmp_path, "photos.docx", _zip({"a.jpg": b"x"})))
