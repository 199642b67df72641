"""Word's multi-level list numbering written as WordprocessingML, for tests of the Word reader.

python-docx has no API for numbering, so these helpers add ``w:abstractNum``, ``w:num`` (with
``w:lvlOverride``) and numbering styles to a python-docx Document directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


@dataclass(frozen=True)
class Lvl:
    """One level of a list: Word's number format, its level text ("%1.%2"), start value and flags."""

    fmt: str
    text: str
    start: int = 1
    legal: bool = False  # w:isLgl
    restart: int | None = None  # w:lvlRestart


def _lvl_xml(ilvl: int, lvl: Lvl) -> str:
    # Children in schema order: start, numFmt, lvlRestart, pStyle, isLgl, suff, lvlText, lvlJc, pPr.
    restart = f'<w:lvlRestart w:val="{lvl.restart}"/>' if lvl.restart is not None else ""
    legal = "<w:isLgl/>" if lvl.legal else ""
    indent = 360 * (ilvl + 1)
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lvl.start}"/><w:numFmt w:val="{lvl.fmt}"/>'
        f'{restart}{legal}<w:lvlText w:val="{lvl.text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
    )


def _numbering(document: Any) -> Any:
    return document.part.numbering_part.element


def add_abstract(
    document: Any, levels: list[Lvl], *, style_link: str | None = None, num_style_link: str | None = None
) -> int:
    """A new ``w:abstractNum`` with ``levels`` (ilvl 0, 1, ...); returns its id."""
    numbering = _numbering(document)
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max([*ids, 0]) + 1
    links = ""
    if style_link:
        links += f'<w:styleLink w:val="{style_link}"/>'
    if num_style_link:
        links += f'<w:numStyleLink w:val="{num_style_link}"/>'
    kind = "multilevel" if len(levels) > 1 else "singleLevel"
    xml = (
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="{kind}"/>{links}'
        + "".join(_lvl_xml(i, lvl) for i, lvl in enumerate(levels))
        + "</w:abstractNum>"
    )
    abstract = parse_xml(xml)
    first_num = numbering.find(qn("w:num"))  # every abstractNum comes before the first num
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def add_num(
    document: Any,
    abstract_id: int,
    start_overrides: dict[int, int] | None = None,
    level_overrides: dict[int, Lvl] | None = None,
) -> int:
    """A ``w:num`` (the numId paragraphs use) over ``abstract_id``, with optional ``w:lvlOverride``s."""
    numbering = _numbering(document)
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] + [0]) + 1
    overrides = ""
    for ilvl in sorted(set(start_overrides or {}) | set(level_overrides or {})):
        inner = ""
        if start_overrides and ilvl in start_overrides:
            inner += f'<w:startOverride w:val="{start_overrides[ilvl]}"/>'
        if level_overrides and ilvl in level_overrides:
            inner += _lvl_xml(ilvl, level_overrides[ilvl])
        overrides += f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>'
    base = f'<w:abstractNumId w:val="{abstract_id}"/>'
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}">{base}{overrides}</w:num>'))
    return num_id


def _num_pr(num_id: int, ilvl: int | None) -> Any:
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    return parse_xml(f'<w:numPr {W}>{level}<w:numId w:val="{num_id}"/></w:numPr>')


def number(paragraph: Any, num_id: int, ilvl: int = 0) -> Any:
    """Put ``paragraph`` in list ``num_id`` at level ``ilvl`` (0 = outermost)."""
    ppr = paragraph._p.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(_num_pr(num_id, ilvl))
    else:
        ppr.insert(0, _num_pr(num_id, ilvl))
    return paragraph


def link_style(document: Any, style_name: str, num_id: int, ilvl: int) -> None:
    """Number every paragraph of ``style_name`` (e.g. "Heading 2") as level ``ilvl`` of list ``num_id``."""
    ppr = document.styles[style_name].element.get_or_add_pPr()
    ppr.insert(0, _num_pr(num_id, ilvl))


def add_list_style(document: Any, style_id: str, num_id: int) -> None:
    """A numbering style (what Word's "Define New List Style" makes) standing for list ``num_id``."""
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="numbering" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{style_id}"/><w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
            "</w:style>"
        )
    )


def section_break(paragraph: Any) -> None:
    """End a Word section (a next-page section break) after ``paragraph``."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:sectPr {W}><w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    )
