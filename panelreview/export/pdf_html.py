"""The HTML that MuPDF's Story engine lays out for a PDF report, and the fixes its layout needs.

MuPDF sizes table columns by their content (it ignores set widths), cannot repeat a header row on
each page, draws a <thead>'s background at the wrong place, and cuts off a table row taller than
a page. So: the header is an ordinary first row; where a table runs onto a new page it is split
there and the rest starts the page under a copy of the header; long cells are split across
continuation rows; long words in cells get places to break.
After each layout :meth:`Html.adjust` moves what was left stranded and the caller lays out again.
Characters beyond the Basic Multilingual Plane (emoji) are spelt out ("[grinning face]"), as
MuPDF would give them a wrong text layer.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable

from panelreview.export.blocks import Block, Heading, PageBreak, Para, Style, Table, keeps_with_next, para
from panelreview.export.textclean import spell_out_astral

PAGE = (595.0, 842.0)  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 62.0, 64.0, 62.0
TEXT_WIDTH = PAGE[0] - 2 * MARGIN_X
CELL_LINES = 24  # a continuation row holds at most this many estimated lines (a page holds ~55)
LONG_WORD = re.compile(r"\S{25,}")
ZWSP = "\u200b"

CSS = """
body { font-family: report, sans-serif; font-size: 11pt; line-height: 1.3; color: #1a1a1a;
       overflow-wrap: break-word; }
h1 { font-size: 15pt; color: #1f3864; margin: 16pt 0 6pt 0; }
h2 { font-size: 13pt; color: #1f3864; margin: 12pt 0 4pt 0; }
h3 { font-size: 11.5pt; color: #1f3864; margin: 10pt 0 3pt 0; }
p { margin: 0 0 7pt 0; }
p.title { font-size: 20pt; font-weight: bold; color: #1f3864; line-height: 1.15; margin: 0 0 12pt 0; }
p.subtitle { font-size: 14pt; color: #1f3864; margin: 0 0 12pt 0; }
p.details, p.address, p.signature { margin: 0 0 2pt 0; }
p.addressee { margin: 14pt 0 2pt 0; }
p.signatory { margin: 36pt 0 2pt 0; }
p.numbered { margin-left: 2.8em; text-indent: -2.8em; }
p.recommendation { font-weight: bold; margin: 0 0 5pt 0; }
p.reference { font-size: 10pt; color: #404040; margin: 0 0 4pt 0; }
p.quote { font-style: italic; color: #333333; margin: 0 0 7pt 0.75cm; }
p.item { margin: 6pt 0 2pt 0; }
p.comment { margin: 0 0 4pt 0; }
p.salutation { margin: 18pt 0 8pt 0; }
p.reply { color: #333333; margin: 0 0 4pt 0.75cm; }
p.notice { font-weight: bold; border: 1pt solid #1f3864; padding: 5pt; margin: 0 0 12pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt 0; }
th, td { border: 0.6pt solid #808080; padding: 3pt 4pt; vertical-align: top; text-align: left; }
tr.header th { border-bottom: 1.5pt solid #1f3864; }
td p, th p { font-size: 10pt; margin: 0 0 3pt 0; }
p.table_heading { font-weight: bold; }
"""


Covered = Callable[[int], bool]  # whether the PDF's font can draw a code point


def _text(text: str, covered: Covered, *, in_table: bool = False) -> str:
    text = spell_out_astral(text, covered)
    if in_table:  # MuPDF does not break long words in table cells: give it places to break
        text = LONG_WORD.sub(
            lambda m: ZWSP.join(m.group(0)[i : i + 20] for i in range(0, len(m.group(0)), 20)), text
        )
    return html.escape(text, quote=False).replace("\t", "\u2003")


def _para_html(p: Para, covered: Covered, *, in_table: bool = False, extra: str = "") -> str:
    parts = []
    for run in p.runs:
        piece = _text(run.text, covered, in_table=in_table).replace("\n", "<br/>")
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        parts.append(piece)
    return f'<p class="{p.style.value}"{extra}>{"".join(parts) or "&#160;"}</p>'


def _estimate_lines(p: Para, chars_per_line: int) -> float:
    return max(1, math.ceil(len(p.text) / chars_per_line)) + 0.4


def _split_para(p: Para, limit: int) -> list[Para]:
    """A paragraph too long for one continuation row, cut at spaces into pieces of ``limit`` chars."""
    text = p.text
    if len(text) <= limit:
        return [p]
    pieces: list[Para] = []
    while text:
        cut = len(text) if len(text) <= limit else (text.rfind(" ", limit // 2, limit) + 1 or limit)
        pieces.append(para(text[:cut].strip(), p.style))
        text = text[cut:]
    return pieces


def _chunks(cell: tuple[Para, ...], fraction: float) -> list[list[Para]]:
    """A cell's paragraphs in chunks short enough that each fits on a page in its column."""
    chars_per_line = max(8, int((TEXT_WIDTH * fraction - 10) / 5.6))
    limit = chars_per_line * (CELL_LINES - 2)
    chunks: list[list[Para]] = [[]]
    used = 0.0
    for original in cell:
        for p in _split_para(original, limit):
            lines = _estimate_lines(p, chars_per_line)
            if chunks[-1] and used + lines > CELL_LINES:
                chunks.append([])
                used = 0.0
            chunks[-1].append(p)
            used += lines
    return chunks


def _table_rows(table: Table, covered: Covered) -> list[str]:
    """The table's data rows as HTML cells, long cells split across continuation rows."""
    rows = []
    for row in table.rows:
        split = [_chunks(cell, f) for cell, f in zip(row, table.widths, strict=True)]
        for i in range(max(len(s) for s in split)):
            cells = []
            for column, chunks in enumerate(split):
                paras = [p for p in (chunks[i] if i < len(chunks) else []) if p.text.strip()]
                if i and column == 0 and not paras:
                    paras = [para("(continued)", Style.TABLE_TEXT, italic=True)]
                inner = "".join(_para_html(p, covered, in_table=True) for p in paras)
                if not inner:  # hold an empty column open so there is room to write in it
                    inner = f'<p class="table_text">{"&#160;" * max(1, round(table.widths[column] * 80))}</p>'
                cells.append(f"<td>{inner}</td>")
            rows.append("".join(cells))
    return rows


class Html:
    """The blocks as HTML, with the page breaks and repeated table headers found so far."""

    def __init__(self, blocks: list[Block], covered: Covered) -> None:
        self.blocks = blocks
        self.covered = covered
        self.rows = {i: _table_rows(b, covered) for i, b in enumerate(blocks) if isinstance(b, Table)}
        self.breaks: set[int] = {i + 1 for i, b in enumerate(blocks) if isinstance(b, PageBreak) and i}
        self.splits: set[tuple[int, int]] = set()  # (table, row): the table continues on a new page here

    def _header(self, table: Table, row_id: str = "") -> str:
        cells = "".join(
            f"<th>{_para_html(para(h, Style.TABLE_HEADING), self.covered, in_table=True)}</th>"
            for h in table.header
        )
        ident = f' id="{row_id}"' if row_id else ""
        return f'<tr class="header"{ident}>{cells}</tr>'

    def render(self) -> list[str]:
        """The document as HTML, one part per run of pages: each part starts a new page.

        Page breaks are made by starting a new part rather than with CSS ``page-break-before``,
        which makes MuPDF lay out empty pages without end when a table comes before it on the page.
        """
        parts: list[list[str]] = [[]]

        def new_page() -> None:
            if parts[-1]:
                parts.append([])

        for i, block in enumerate(self.blocks):
            if i in self.breaks:
                new_page()
            ident = f' id="b{i}"'
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 3)
                parts[-1].append(f"<h{level}{ident}>{_text(block.text, self.covered)}</h{level}>")
            elif isinstance(block, Para):
                parts[-1].append(_para_html(block, self.covered, extra=ident))
            elif isinstance(block, Table):
                body = [self._header(block, f"b{i}h")]
                for k, cells in enumerate(self.rows[i]):
                    if (i, k) in self.splits:  # continued on the next page, under its own header
                        parts[-1].append(f"<table{ident}>{''.join(body)}</table>")
                        new_page()
                        ident, body = "", [self._header(block)]
                    body.append(f'<tr id="b{i}r{k}">{cells}</tr>')
                parts[-1].append(f"<table{ident}>{''.join(body)}</table>")
        return ["<body>" + "\n".join(part) + "</body>" for part in parts if part]

    def _break(self, index: int) -> bool:
        """Start a page at ``index``, or at the first of the headings that lead up to it."""
        while index > 0 and keeps_with_next(self.blocks[index - 1]):
            index -= 1
        if index in self.breaks:
            return False
        self.breaks.add(index)
        return True

    def adjust(self, pages: dict[str, int]) -> bool:
        """Move what the last layout (``pages``: element id -> page) left stranded.

        Headings left at the foot of a page move to the next page with what follows them; so does
        a table whose header row is parted from its first row; a table is split where it runs onto
        a new page, and the rest gets its own header. Returns True if anything changed (lay out again).
        """
        changed = False
        count = len(self.blocks)
        for i, block in enumerate(self.blocks):
            page = pages.get(f"b{i}")
            if keeps_with_next(block) and page is not None:
                j = i + 1
                while j < count and keeps_with_next(self.blocks[j]):
                    j += 1
                if j < count:  # the content this block (and any before it) belongs with
                    nxt = pages.get(f"b{j}h") if isinstance(self.blocks[j], Table) else pages.get(f"b{j}")
                    if nxt is not None and nxt > page:
                        changed |= self._break(i)
            if isinstance(block, Table) and self.rows[i]:
                head, first = pages.get(f"b{i}h"), pages.get(f"b{i}r0")
                if head is not None and first is not None and first > head:
                    changed |= self._break(i)
                previous = first
                for k in range(1, len(self.rows[i])):
                    now = pages.get(f"b{i}r{k}")
                    if (
                        now is not None
                        and previous is not None
                        and now > previous
                        and (i, k) not in self.splits
                    ):
                        self.splits.add((i, k))
                        changed = True
                    previous = now
        return changed
