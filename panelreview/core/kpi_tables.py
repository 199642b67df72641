"""Key performance indicator tables: found among a draft's table cells, with baselines and targets.

A KPI table is one whose first row names an indicator (or measure, KPI) column together with a
baseline or target column, or both a baseline and a target. A PDF often breaks one table into
pieces at page ends and puts a wrapped indicator's last words between the pieces as a stray
line; the pieces are joined again (a later piece without a heading row, with as many columns)
and the stray line is given back to the indicator above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from panelreview.core.model import Block, BlockKind

_INDICATOR = re.compile(r"indicator|measure|metric|\bkpi|what we will measure|dangosydd|mesur", re.IGNORECASE)
_BASELINE = re.compile(
    r"baseline|current|starting|actual|latest|where we are|llinell sylfaen|presennol", re.IGNORECASE
)
_TARGET = re.compile(r"target|ambition|aim|goal|by 20\d\d|where we want|expected|targed|nod", re.IGNORECASE)
_STRAY_WORDS = 8
_JOIN_GAP = 3  # blocks that may sit between two pieces of one table


@dataclass(frozen=True, slots=True)
class KpiRow:
    indicator: str
    baseline: str | None
    target: str | None
    cells: tuple[str, ...]
    page: int | None

    def describe(self) -> str:
        """ "999 calls answered within 10 seconds (baseline 79.4%, target 90%)"."""
        parts = []
        if self.baseline:
            parts.append(f"baseline {self.baseline}")
        if self.target:
            parts.append(f"target {self.target}")
        return self.indicator + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True, slots=True)
class KpiTable:
    first_block: int
    last_block: int
    page: int | None
    headers: tuple[str, ...]
    rows: tuple[KpiRow, ...]
    baseline_column: int | None
    target_column: int | None


@dataclass(slots=True)
class _Piece:
    table: int
    first_block: int
    last_block: int
    rows: dict[int, dict[int, str]]
    pages: dict[int, int | None]

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows.values()), default=0)

    def first_row(self) -> list[str]:
        row = self.rows[min(self.rows)]
        return [row[c] for c in sorted(row)]


def _pieces(blocks: Sequence[Block]) -> list[_Piece]:
    pieces: dict[int, _Piece] = {}
    order: list[_Piece] = []
    last: _Piece | None = None
    for block in blocks:
        if block.kind is BlockKind.TABLE_CELL and block.table is not None:
            piece = pieces.get(block.table)
            if piece is None:
                piece = _Piece(block.table, block.index, block.index, {}, {})
                pieces[block.table] = piece
                order.append(piece)
            row_no = block.row if block.row is not None else 0
            column = block.col if block.col is not None else 0
            piece.rows.setdefault(row_no, {})[column] = " ".join(block.text.split())
            piece.pages.setdefault(row_no, block.page + 1 if block.page is not None else None)
            piece.last_block = block.index
            last = piece
        elif last is not None and block.kind is BlockKind.PARAGRAPH and _stray(block.text):
            cells = last.rows[max(last.rows)]  # a wrapped indicator's last words, outside the table
            first_col = min(cells)
            if block.index == last.last_block + 1 and len(cells) > 1:
                cells[first_col] = f"{cells[first_col]} {' '.join(block.text.split())}"
                last.last_block = block.index
            last = None
        else:
            last = None
    return order


def _stray(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _STRAY_WORDS and not text.rstrip().endswith((".", ":", "!", "?"))


def _roles(headers: Sequence[str]) -> tuple[int, int | None, int | None] | None:
    """(indicator, baseline, target) columns, or None when this is not a KPI table."""
    indicator = next((n for n, h in enumerate(headers) if _INDICATOR.search(h)), None)
    baseline = next((n for n, h in enumerate(headers) if n != indicator and _BASELINE.search(h)), None)
    target = next(
        (n for n, h in enumerate(headers) if n not in (indicator, baseline) and _TARGET.search(h)), None
    )
    if indicator is None and not (baseline is not None and target is not None):
        return None
    if baseline is None and target is None:
        return None
    return (indicator if indicator is not None else 0), baseline, target


def kpi_tables(blocks: Sequence[Block]) -> list[KpiTable]:
    """Every KPI table in the draft, pieces joined, in reading order."""
    Roles = tuple[int, int | None, int | None]
    merged: list[tuple[Roles, list[str], list[tuple[_Piece, bool]]]] = []  # parts: (piece, has heading row)
    open_table = False
    for piece in _pieces(blocks):
        headers = piece.first_row()
        roles = _roles(headers)
        near = bool(merged) and piece.first_block - merged[-1][2][-1][0].last_block <= _JOIN_GAP + 1
        if roles is not None:
            if open_table and near and headers == merged[-1][1]:
                merged[-1][2].append((piece, True))  # the heading row repeated after a page break
            else:
                merged.append((roles, headers, [(piece, True)]))
            open_table = True
        elif open_table and near and piece.columns == len(merged[-1][1]):
            merged[-1][2].append((piece, False))  # the rest of the table above, after a page break
        else:
            open_table = False
    tables = []
    for (ind, base, target), headers, parts in merged:
        rows = []
        for part, heading_row in parts:
            keys = sorted(part.rows)[1:] if heading_row else sorted(part.rows)
            for key in keys:
                row = part.rows[key]
                cells = tuple(row.get(c, "") for c in range(max(row) + 1))
                indicator = cells[ind] if ind < len(cells) else ""
                if indicator:
                    rows.append(
                        KpiRow(
                            indicator, _cell(cells, base), _cell(cells, target), cells, part.pages.get(key)
                        )
                    )
        first = parts[0][0]
        tables.append(
            KpiTable(
                first_block=first.first_block,
                last_block=parts[-1][0].last_block,
                page=first.pages.get(min(first.rows)),
                headers=tuple(headers),
                rows=tuple(rows),
                baseline_column=base,
                target_column=target,
            )
        )
    return tables


def _cell(cells: Sequence[str], column: int | None) -> str | None:
    if column is None or column >= len(cells):
        return None
    return cells[column] or None
