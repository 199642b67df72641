"""What an exported document says, independent of Word or PDF.

A shape (report, letter, comment table, "My notes") builds an :class:`Exported` — a title and a
list of blocks — once; the Word and PDF writers each render it, so both formats say the same
thing.

Text in blocks is already cleaned (see :mod:`panelreview.export.textclean`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Style(StrEnum):
    """Paragraph roles. Each maps to a named Word style and a CSS class of the same meaning."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    NUMBERED = "numbered"  # a numbered paragraph: "2.1<tab>text"
    DETAILS = "details"  # meeting, date, draft: the block under the title
    RECOMMENDATION = "recommendation"  # the wording of a recommendation
    REFERENCE = "reference"  # where in the plan
    QUOTE = "quote"  # a passage quoted from the draft
    ITEM = "item"  # the line that opens a comment or note: its kind, author, page
    COMMENT = "comment"  # a member's comment in an appendix or in "My notes"
    REPLY = "reply"  # a reply in a comment's thread
    NOTICE = "notice"  # what an export contains (privacy)
    ADDRESS = "address"  # letter: sender's, addressee's and date lines
    ADDRESSEE = "addressee"  # letter: the addressee's first line (space above it)
    SALUTATION = "salutation"  # "Dear Commissioner,"
    SIGNATURE = "signature"
    SIGNATORY = "signatory"  # the signatory's name, after room for a signature
    TABLE_TEXT = "table_text"
    TABLE_HEADING = "table_heading"


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    runs: tuple[Run, ...]
    style: Style = Style.BODY

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1-3; the writers keep levels in order


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row (repeated on every page in Word).

    ``rows`` are cells of paragraphs; ``widths`` are fractions of the text width; ``description``
    is the alternative text (what the table lists) for screen readers.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Para, ...], ...], ...]
    widths: tuple[float, ...]
    description: str


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Keep:
    """Blocks a reader expects on one page: a recommendation with its reason and plan reference,
    the letter's signature block. Writers keep them together (if they fit on a page)."""

    blocks: tuple[Para | Heading, ...]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


Block = Para | Heading | Table | PageBreak | Keep


def flatten(blocks: Iterable[Block]) -> Iterator[Para | Heading | Table | PageBreak]:
    """``blocks`` with each :class:`Keep` opened into what it holds."""
    for block in blocks:
        if isinstance(block, Keep):
            yield from block.blocks
        else:
            yield block


# Paragraphs that belong with what follows them, like headings: never left at the foot of a page.
KEEP_WITH_NEXT = frozenset({Style.ITEM, Style.SALUTATION, Style.RECOMMENDATION})


def keeps_with_next(block: Block) -> bool:
    return isinstance(block, Heading) or (isinstance(block, Para) and block.style in KEEP_WITH_NEXT)


@dataclass(slots=True)
class Exported:
    """A document ready to be written: properties for the file plus its blocks."""

    title: str
    subject: str
    author: str
    blocks: list[Block] = field(default_factory=list)
    language: str = "en-GB"
    keywords: str = ""
    running_header: str = ""  # the default template's page header; a clerk's template keeps its own
    landscape: bool = False  # wide tables (the response tracker)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def extend(self, blocks: Iterable[Block]) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> Iterator[Heading]:
        return (b for b in flatten(self.blocks) if isinstance(b, Heading))


def para(text: str, style: Style = Style.BODY, *, bold: bool = False, italic: bool = False) -> Para:
    return Para((Run(text, bold, italic),), style)


def labelled(label: str, text: str, style: Style = Style.BODY) -> Para:
    """A paragraph that starts with a bold label: "Reason: ..."."""
    return Para((Run(label, bold=True), Run(text)), style)
