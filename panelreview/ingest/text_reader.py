"""Plain text and Markdown drafts (panel cover reports pasted from agenda packs, mostly).

Paragraphs are separated by blank lines; a line that opens with a bullet or an enumerator starts a new
item even without a blank line. A heading is a stand-alone line set out as one: "1. Purpose of
Report", "PURPOSE OF THE REPORT", "Background", "# Markdown". The opening title block and closing
signature blocks are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from panelreview.core.errors import DocumentError
from panelreview.core.model import Block, BlockKind, DocFormat, Document, DocumentIdentity
from panelreview.core.sections import find_sections, normalise, parse_enumerator

_BULLET = re.compile(r"^\s*(?:[-*•▪◦‣–]|\uf0b7)\s+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
_ENUM_START = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?\s|\(?[a-z]{1,2}\)\s|\(?[ivxlc]{1,6}[.)]\s|[a-z]\.\s)", re.I
)
_CONTACT = re.compile(
    r"(\(?0\d{3,4}\)?\s?\d{3}\s?\d{3,4})|@|\b(tel|telephone|email|e-mail|enquiries)\b|www\.", re.I
)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_APPENDIX = re.compile(r"^(appendix|annex|atodiad)\b", re.I)
MAX_HEADING_WORDS = 16


@dataclass(slots=True)
class _Item:
    lines: list[str]
    bullet: bool = False
    md_level: int | None = None

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def decode_text(data: bytes, file_name: str) -> str:
    """Decode with the BOM when there is one, UTF-8 otherwise, Windows-1252 as the last resort."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _items(text: str, markdown: bool) -> list[_Item]:
    items: list[_Item] = []
    current: _Item | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        md = _MD_HEADING.match(line) if markdown or line.startswith("#") else None
        if md:
            items.append(_Item([md.group(2)], md_level=len(md.group(1))))
            current = None
            continue
        bullet = _BULLET.match(line)
        if bullet:
            current = _Item([line[bullet.end() :]], bullet=True)
            items.append(current)
            continue
        if current is None or _ENUM_START.match(line):
            current = _Item([line])
            items.append(current)
        else:
            current.lines.append(line)
    return items


def _strip_emphasis(text: str) -> str:
    return _EMPHASIS.sub(r"\2", text)


def _heading_candidate(item: _Item) -> bool:
    """Set out as a heading: one short line, no closing full stop, starting with a capital or a number."""
    if item.bullet or len(item.lines) != 1:
        return False
    text = _strip_emphasis(item.text).strip()
    if "\t" in item.lines[0] or _CONTACT.search(text):
        return False
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or text[-1] in ".,;":
        return False
    m = _NUMBERED_HEADING.match(text)
    if m:
        return m.group(2)[:1].isupper()
    if parse_enumerator(text) is not None:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    if all(c.isupper() for c in letters):
        return True
    return text[0].isupper() and len(words) <= 12 and text[-1] not in ":"


def _is_body(item: _Item) -> bool:
    return not _CONTACT.search(item.text) or len(item.text.split()) > 20


def read_text(data: bytes, file_name: str, digest: str, fmt: DocFormat) -> Document:
    text = decode_text(data, file_name)
    if "\x00" in text:
        raise DocumentError(f"“{file_name}” is not a text file PanelReview can read.")
    items = _items(text, fmt is DocFormat.MARKDOWN)
    candidates = [it.md_level is not None or _heading_candidate(it) for it in items]
    headings = _choose_headings(items, candidates)

    blocks: list[Block] = []
    for i, item in enumerate(items):
        body = normalise(_strip_emphasis(item.text))
        if i in headings:
            level = min(item.md_level or 1, 3)
            blocks.append(Block(len(blocks), BlockKind.HEADING, body, para_index=i, level=level))
        else:
            kind = BlockKind.LIST_ITEM if item.bullet else BlockKind.PARAGRAPH
            blocks.append(Block(len(blocks), kind, body, para_index=i))

    sections = find_sections(blocks)
    title = sections[0].title if sections else (blocks[0].text[:80] if blocks else file_name)
    identity = DocumentIdentity(digest, fmt, _document_title(items, headings) or title, None)
    warnings = [] if blocks else ["This file has no text."]
    return Document(identity, file_name, blocks, sections, warnings)


def _choose_headings(items: list[_Item], candidates: list[bool]) -> set[int]:
    """Keep the candidates that head real text.

    Before the first section (the report's title block) a candidate counts only when body text comes
    next; afterwards a candidate may head another heading, but something must follow it that is not
    a signature or contact line, and an "Appendix N – …" line counts only when the appendix follows.
    """
    chosen: set[int] = set()
    for i, item in enumerate(items):
        if not candidates[i]:
            continue
        if item.md_level is not None:
            chosen.add(i)
            continue
        following = items[i + 1 :]
        if not following:
            continue
        if not chosen and candidates[i + 1]:
            continue  # part of the opening title block
        if _APPENDIX.match(item.text) and (candidates[i + 1] or _APPENDIX.match(following[0].text)):
            continue  # a list of attachments, not the appendix itself
        if _has_body_before_end(items, candidates, i + 1):
            chosen.add(i)
    return chosen


def _has_body_before_end(items: list[_Item], candidates: list[bool], start: int) -> bool:
    for j in range(start, len(items)):
        if not candidates[j]:
            return _is_body(items[j])
    return False


def _document_title(items: list[_Item], headings: set[int]) -> str | None:
    first = min(headings) if headings else len(items)
    for item in items[:first]:
        text = normalise(_strip_emphasis(item.text))
        if text and "\t" not in item.lines[0] and len(text.split()) <= 14:
            return text
    return None
