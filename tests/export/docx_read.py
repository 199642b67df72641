"""Reading an exported .docx back the way a test (or an accessibility checker) would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn


def open_docx(path: Path) -> Any:
    return docx.Document(str(path))


def all_text(document: Any) -> str:
    """Every paragraph in the body and its tables, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def headings(document: Any) -> list[tuple[int, str]]:
    found = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), p.text))
    return found


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def default_language(document: Any) -> str | None:
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    found = lang.find(qn("w:lang"))
    return None if found is None else found.get(qn("w:val"))


def header_rows_repeat(table: Any) -> bool:
    first = table.rows[0]._tr
    trpr = first.find(qn("w:trPr"))
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def table_description(table: Any) -> str | None:
    found = table._tbl.tblPr.find(qn("w:tblDescription"))
    return None if found is None else found.get(qn("w:val"))
