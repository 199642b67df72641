"""Find the section tree over a draft's blocks.

Readers decide which blocks are headings (from Word styles, PDF typography or text layout) and give
them a level. This module does what is common to every format: it reads enumerators ("2.1.", "(a)",
"iv."), nests enumerated paragraphs under the heading or paragraph they belong to, keeps contents
pages out of the outline, and names each section the way ``*.outline.json`` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from panelreview.core.model import Block, BlockKind, Section

MAX_LEVEL = 3
TITLE_WORDS = 8

_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)(\s+|\t)(?=\S)")
_BRACKETED = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)\s+(?=\S)", re.IGNORECASE)
_LETTER_OR_ROMAN = re.compile(r"^([a-z]|[ivxlc]{1,6})[.)]\s+(?=\S)", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=\S)")
_HEADING_ROMAN = re.compile(r"^([IVXLC]{1,6})\.\s+(?=\S)")
_CONTENTS_TITLE = re.compile(
    r"^\s*(table of )?contents\s*$|^\s*cynnwys\b|^\s*contents\s*/|/\s*contents\s*$", re.IGNORECASE
)
_TOC_ENTRY = re.compile(r"(\.{3,}|…{2,}|\t|\s{3,}| )\s*(\d{1,3}|[ivxlc]{1,5})\s*$", re.IGNORECASE)
_TRAILING_PAGE = re.compile(r"\s+\d{1,3}\s*$")


@dataclass(frozen=True, slots=True)
class Enumerator:
    """A parsed enumerator: its ``number`` as the outline writes it and the family it belongs to."""

    number: str
    family: str  # "decimal", "alpha" or "roman"
    depth: int  # components of a decimal number ("2.1" -> 2); 0 for letters and numerals
    rest: str  # the paragraph text after the enumerator


def normalise(text: str) -> str:
    """NFKC and single spaces: how titles are compared."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def first_words(text: str, count: int = TITLE_WORDS) -> str:
    return " ".join(text.split()[:count])


def parse_enumerator(text: str, open_enums: Sequence[Enumerator] = ()) -> Enumerator | None:
    """Read the enumerator that opens a paragraph, if any.

    ``open_enums`` are the enumerated paragraphs still open above it (innermost last), used to tell
    letter "i" from numeral "i" and to accept a bare integer ("3 The plan…") only where it continues
    a sequence.
    """
    text = text.lstrip()
    previous = open_enums[-1] if open_enums else None
    m = _DECIMAL.match(text)
    if m:
        number, dot, sep = m.group(1), m.group(2), m.group(3)
        depth = number.count(".") + 1
        rest = text[m.end() :]
        if depth == 1 and not dot and "\t" not in sep:
            # A bare integer is too often a quantity ("40 officers…"): accept it only in sequence.
            top = next((e for e in reversed(open_enums) if e.family == "decimal" and e.depth == 1), None)
            if top is None or int(number) != int(top.number) + 1:
                return None
        return Enumerator(number, "decimal", depth, rest)
    m = _BRACKETED.match(text) or _LETTER_OR_ROMAN.match(text)
    if m:
        token = m.group(1)
        rest = text[m.end() :]
        if token.isdigit():
            return Enumerator(token, "decimal", 1, rest)
        if len(token) == 1 and token.isalpha():
            is_next_letter = bool(
                previous
                and previous.family == "alpha"
                and ord(token.lower()) == ord(previous.number.lower()) + 1
            )
            if is_next_letter or not _ROMAN.match(token) or token.lower() not in ("i", "v", "x", "l", "c"):
                return Enumerator(token, "alpha", 0, rest)
            if token.lower() == "i" and not (previous and previous.family == "roman"):
                # "(i)" opens a run of numerals unless it follows "(h)".
                return Enumerator(token, "roman", 0, rest)
            if previous and previous.family == "roman":
                return Enumerator(token, "roman", 0, rest)
            return Enumerator(token, "alpha", 0, rest)
        if _ROMAN.match(token):
            return Enumerator(token, "roman", 0, rest)
        if len(token) == 2 and token[0].lower() == token[1].lower():  # "aa" after "z"
            return Enumerator(token, "alpha", 0, rest)
    return None


def split_heading_number(text: str) -> tuple[str | None, str]:
    """``"1. Purpose of Report"`` -> ``("1", "Purpose of Report")``; "Priority 1: …" keeps its words."""
    text = normalise(text)
    m = _HEADING_NUMBER.match(text) or _HEADING_ROMAN.match(text)
    if m and m.end() < len(text):
        return m.group(1), text[m.end() :]
    return None, text


def is_contents_title(text: str) -> bool:
    return bool(_CONTENTS_TITLE.match(normalise(text))) and len(text) < 60


def looks_like_toc_entry(text: str) -> bool:
    """A contents line: ends with dot leaders or a gap and a page number."""
    return bool(_TOC_ENTRY.search(text.rstrip()))


@dataclass(slots=True)
class _Open:
    section: Section
    heading: bool
    enum: Enumerator | None
    list_level: int | None = None  # depth in a Word list, where the reader knows it


def _contents_blocks(blocks: list[Block]) -> set[int]:
    """Indexes of blocks that belong to a contents page: its title and its entries."""
    later_titles = {
        normalise(_TRAILING_PAGE.sub("", b.text)).lower() for b in blocks if b.kind is BlockKind.HEADING
    }
    skip: set[int] = set()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind is not BlockKind.TABLE_CELL and is_contents_title(block.text):
            skip.add(i)
            j = i + 1
            while j < len(blocks):
                entry = blocks[j]
                key = normalise(_TRAILING_PAGE.sub("", entry.text)).lower()
                toc_like = looks_like_toc_entry(entry.text) or entry.kind is BlockKind.TABLE_CELL
                duplicate = entry.kind is BlockKind.HEADING and _heading_repeats(blocks, j, key)
                if not (
                    toc_like or duplicate or (key in later_titles and entry.kind is not BlockKind.HEADING)
                ):
                    break
                skip.add(j)
                j += 1
            i = j
            continue
        i += 1
    return skip


def _heading_repeats(blocks: list[Block], index: int, key: str) -> bool:
    for later in blocks[index + 1 :]:
        if later.kind is BlockKind.HEADING and normalise(later.text).lower() == key:
            return True
    return False


def find_sections(blocks: list[Block]) -> list[Section]:
    """Build the outline over ``blocks`` (headings must already carry their ``level``)."""
    skip = _contents_blocks(blocks)
    sections: list[Section] = []
    stack: list[_Open] = []

    for block in blocks:
        if block.index in skip or block.kind is BlockKind.TABLE_CELL:
            continue
        if block.kind is BlockKind.HEADING and block.level is not None:
            level = max(1, min(block.level, MAX_LEVEL))
            number, title = split_heading_number(block.text)
            if block.number:
                number, title = block.number, normalise(block.text)
            if not title:
                continue
            while stack and (not stack[-1].heading or stack[-1].section.level >= level):
                stack.pop()
            parent = stack[-1].section if stack else None
            section = _new_section(sections, block, number, title, level, parent)
            stack.append(_Open(section, True, None))
            continue

        enum = _block_enumerator(block, stack)
        if enum is None:
            continue
        while stack and not _can_contain(stack[-1], enum, block.list_level):
            stack.pop()
        parent_open = stack[-1] if stack else None
        parent = parent_open.section if parent_open else None
        level = min(parent.level + 1, MAX_LEVEL) if parent else 1
        title = first_words(normalise(enum.rest))
        if not title:
            continue
        section = _new_section(sections, block, enum.number, title, level, parent)
        stack.append(_Open(section, False, enum, block.list_level))

    _close_spans(sections, blocks)
    return sections


def _block_enumerator(block: Block, stack: list[_Open]) -> Enumerator | None:
    if block.number:
        number = block.number.strip("().").strip()
        family = "decimal" if number.replace(".", "").isdigit() else "alpha"
        if family == "alpha" and _ROMAN.match(number) and len(number) > 1:
            family = "roman"
        depth = number.count(".") + 1 if family == "decimal" else 0
        return Enumerator(number, family, depth, block.text)
    return parse_enumerator(block.text, [item.enum for item in stack if item.enum is not None])


def _can_contain(open_item: _Open, enum: Enumerator, list_level: int | None = None) -> bool:
    """Whether an open section can be the parent of a paragraph with ``enum``.

    Items of a Word list nest by their list level, whatever their numbers look like ("1.1" under
    "I."); typed enumerators nest by their form.
    """
    if open_item.heading:
        return True
    if open_item.list_level is not None and list_level is not None:
        return open_item.list_level < list_level
    parent = open_item.enum
    assert parent is not None
    if enum.family == "decimal":
        if parent.family != "decimal" or parent.depth >= enum.depth:
            return False
        return enum.number.startswith(parent.number + ".")
    if enum.family == "alpha":
        return parent.family == "decimal"
    # roman numerals nest under letters or decimals, never under other numerals
    return parent.family in ("decimal", "alpha")


def _new_section(
    sections: list[Section],
    block: Block,
    number: str | None,
    title: str,
    level: int,
    parent: Section | None,
) -> Section:
    page = block.page + 1 if block.page is not None else None
    section = Section(
        id=len(sections),
        number=number,
        title=title,
        level=level,
        parent=parent.id if parent else None,
        first_block=block.index,
        last_block=block.index,
        page_start=page,
        page_end=page,
    )
    sections.append(section)
    return section


def _close_spans(sections: list[Section], blocks: list[Block]) -> None:
    """Each section runs until the next section at its level or above (or the end)."""
    last_index = blocks[-1].index if blocks else 0
    by_index = {b.index: b for b in blocks}
    for i, section in enumerate(sections):
        end = last_index
        for later in sections[i + 1 :]:
            if later.level <= section.level:
                end = later.first_block - 1
                break
        section.last_block = max(section.first_block, end)
        end_block = by_index.get(section.last_block)
        if end_block is not None and end_block.page is not None:
            section.page_end = end_block.page + 1
