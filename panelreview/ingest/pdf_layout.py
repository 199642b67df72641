"""Turn PyMuPDF's text dictionaries into paragraphs in reading order.

Pure functions over plain data (no PyMuPDF objects), so they are easy to test: lines are grouped into
rows, rows into paragraphs; two-column pages are read column by column; running headers and footers
that repeat across pages are found and kept out of the text flow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from panelreview.core.textfix import is_blank_page_notice, join_lines, repair_ligatures

Rect = tuple[float, float, float, float]

_BULLET_GLYPHS = {"•", "\uf0b7", "▪", "◦", "‣", "–", "-", "●", "○", "■", "□", "➢", "✓", "\uf0a7", "\uf076"}
_LONE_ENUM = re.compile(r"^\(?(\d{1,3}(\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]?$")
_PAGE_NUMBER = re.compile(
    r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$|^[ivxlc]{1,6}$", re.IGNORECASE
)
MARGIN_FRACTION = 0.1


@dataclass(slots=True)
class Line:
    text: str
    bbox: Rect
    size: float
    bold: bool
    block: int


@dataclass(slots=True)
class Paragraph:
    lines: list[Line]
    bullet: bool = False
    table_row: int | None = None  # cells on one row share this id
    col: int | None = None
    text: str = ""
    rects: list[Rect] = field(default_factory=list)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def uniform(self) -> bool:
        sizes = {round(line.size) for line in self.lines}
        return len(sizes) == 1 and len({line.bold for line in self.lines}) == 1


def lines_from_dict(page_dict: dict[str, object]) -> list[Line]:
    """Flatten PyMuPDF's ``page.get_text("dict")`` into lines with their dominant style.

    This runs for every line of every page, so it avoids per-line allocations beyond the Line.
    """
    out: list[Line] = []
    blocks = page_dict.get("blocks", [])
    assert isinstance(blocks, list)
    for b_index, block in enumerate(blocks):
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            best_size = 0.0
            best_chars = 0
            all_bold = True
            parts = []
            for span in line["spans"]:
                span_text = span["text"]
                parts.append(span_text)
                chars = len(span_text)
                if not chars or span_text.isspace():
                    continue
                if all_bold and not (span["flags"] & 16) and "old" not in span["font"]:
                    all_bold = False
                if chars > best_chars:
                    best_chars, best_size = chars, span["size"]
            if not best_chars:
                continue
            x0, y0, x1, y1 = line["bbox"]
            out.append(Line("".join(parts).strip(), (x0, y0, x1, y1), round(best_size, 1), all_bold, b_index))
    return out


def margin_keys(lines: list[Line], height: float) -> set[str]:
    """The (digit-blind) texts of one page's lines in its top and bottom margins."""
    return {_margin_key(line.text) for line in lines if _in_margin(line, height)}


def running_keys(key_sets: list[set[str]]) -> set[str]:
    """Texts that repeat in the top or bottom margin of many pages: running headers and footers.

    ``key_sets`` holds :func:`margin_keys` of every page of the document.
    """
    counts: Counter[str] = Counter()
    for keys in key_sets:
        counts.update(keys)
    pages = len(key_sets)
    threshold = max(3, int(pages * 0.3)) if pages >= 4 else 2
    return {key for key, n in counts.items() if n >= threshold and pages >= 2}


def _in_margin(line: Line, height: float) -> bool:
    return line.bbox[3] < height * MARGIN_FRACTION or line.bbox[1] > height * (1 - MARGIN_FRACTION)


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def strip_furniture(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """Drop running headers/footers, page numbers and "intentionally left blank" notices."""
    kept = []
    for line in lines:
        if _in_margin(line, height) and (
            _margin_key(line.text) in running or _PAGE_NUMBER.match(line.text.strip())
        ):
            continue
        if is_blank_page_notice(line.text):
            continue
        kept.append(line)
    return kept


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Order lines for reading, column by column where the page has two columns.

    PyMuPDF's text blocks are the units: a table row or a full-width paragraph is one block that
    crosses the middle of the page, while the two columns of a two-column page are separate blocks on
    either side of it. Between full-width blocks, left-hand blocks are read before right-hand ones
    when they really run side by side.
    """
    mid = width / 2
    groups: dict[int, list[Line]] = {}
    for line in lines:
        groups.setdefault(line.block, []).append(line)
    units = [sort_rows(g) for g in groups.values()]
    boxes = {
        id(u): (
            min(ln.bbox[0] for ln in u),
            min(ln.bbox[1] for ln in u),
            max(ln.bbox[2] for ln in u),
            max(ln.bbox[3] for ln in u),
        )
        for u in units
    }

    def box(unit: list[Line]) -> Rect:
        return boxes[id(unit)]

    ordered: list[Line] = []
    plain: list[Line] = []
    band: list[list[Line]] = []

    def flush() -> None:
        left = [u for u in band if box(u)[2] <= mid + 2]
        right = [u for u in band if box(u)[2] > mid + 2]
        if (
            left
            and right
            and _columns_overlap([ln for u in left for ln in u], [ln for u in right for ln in u])
        ):
            ordered.extend(sort_rows(plain))
            plain.clear()
            for side in (left, right):
                for unit in sorted(side, key=lambda u: box(u)[1]):
                    ordered.extend(unit)
        else:
            plain.extend(ln for u in band for ln in u)
        band.clear()

    for unit in sorted(units, key=lambda u: (box(u)[1], box(u)[0])):
        x0, _, x1, _ = box(unit)
        if x0 < mid - 2 and x1 > mid + 2:
            flush()
            plain.extend(unit)
        else:
            band.append(unit)
    flush()
    ordered.extend(sort_rows(plain))
    return ordered


def sort_rows(lines: list[Line]) -> list[Line]:
    """Top to bottom; lines whose tops are within a couple of points form one row, left to right."""
    out: list[Line] = []
    row: list[Line] = []
    for line in sorted(lines, key=lambda ln: ln.bbox[1]):
        if row and line.bbox[1] - row[0].bbox[1] > 2.5:
            out.extend(sorted(row, key=lambda ln: ln.bbox[0]))
            row = []
        row.append(line)
    out.extend(sorted(row, key=lambda ln: ln.bbox[0]))
    return out


def _columns_overlap(left: list[Line], right: list[Line]) -> bool:
    """Two columns run side by side: their vertical extents overlap by several lines."""
    top = max(left[0].bbox[1], right[0].bbox[1])
    bottom = min(max(ln.bbox[3] for ln in left), max(ln.bbox[3] for ln in right))
    line = max(8.0, min(ln.size for ln in left + right))
    return bottom - top > 2.5 * line and len(left) >= 3 and len(right) >= 3


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group ordered lines into rows (same baseline) and rows into paragraphs."""
    rows = _rows(lines)
    out: list[Paragraph] = []
    current: Paragraph | None = None
    previous: list[Line] | None = None
    table_row = 0
    for row in rows:
        cells = _row_cells(row)
        if len(cells) > 1:
            table_row += 1
            for c, cell in enumerate(cells):
                out.append(Paragraph(cell, table_row=table_row, col=c))
            current, previous = None, None
            continue
        first = row[0]
        lone_marker = len(row) > 1 and (first.text in _BULLET_GLYPHS or _LONE_ENUM.match(first.text))
        starts_item = lone_marker or (first.text[:1] in _BULLET_GLYPHS and first.text[1:2] == " ")
        if (
            current is None
            or previous is None
            or starts_item
            or (_LONE_ENUM.match(first.text.split(" ")[0]) and _is_new_item(first, previous))
            or _style_break(row, previous)
            or _gap_break(row, previous)
        ):
            current = Paragraph([])
            out.append(current)
        current.lines.extend(row)
        previous = row
    for para in out:
        _finish(para)
    return [p for p in out if p.text]


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in lines:
        if rows:
            last = rows[-1][-1]
            same_row = abs(line.bbox[1] - last.bbox[1]) < 2.5 and line.bbox[0] >= last.bbox[2] - 1
            if same_row:
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


def _row_cells(row: list[Line]) -> list[list[Line]]:
    """Split a row at wide gaps; more than one piece (not a marker + text) means a table row."""
    if len(row) < 2:
        return [row]
    if len(row) == 2 and (row[0].text in _BULLET_GLYPHS or _LONE_ENUM.match(row[0].text)):
        return [row]
    cells: list[list[Line]] = [[row[0]]]
    for line in row[1:]:
        gap = line.bbox[0] - cells[-1][-1].bbox[2]
        if gap > max(12.0, 1.5 * line.size):
            cells.append([line])
        else:
            cells[-1].append(line)
    return cells


def _is_new_item(first: Line, previous: list[Line]) -> bool:
    return first.bbox[0] <= previous[0].bbox[0] + 1


def _style_break(row: list[Line], previous: list[Line]) -> bool:
    a, b = row[0], previous[-1]
    return abs(a.size - b.size) > 0.6 or a.bold != b.bold


def _gap_break(row: list[Line], previous: list[Line]) -> bool:
    gap = row[0].bbox[1] - previous[-1].bbox[3]
    return gap > 0.55 * row[0].size or gap < -2 * row[0].size


def _finish(para: Paragraph) -> None:
    row_texts: list[str] = []
    last_y: float | None = None
    for line in para.lines:
        if last_y is not None and abs(line.bbox[1] - last_y) < 2.5:
            row_texts[-1] = row_texts[-1] + " " + line.text
        else:
            row_texts.append(line.text)
        last_y = line.bbox[1]
        para.rects.append(line.bbox)
    texts = row_texts
    first = texts[0] if texts else ""
    marker = first.split(" ", 1)[0] if first else ""
    if marker in _BULLET_GLYPHS:
        para.bullet = True
        texts[0] = first[len(marker) :].strip()
    para.text = repair_ligatures(join_lines(texts))
