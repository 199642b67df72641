"""Combining versions of travelling rows: the newest edit wins, deletions travel, order never matters.

Every row that travels between members' files (members, notes, replies, recommendations, links)
has an id, an ``updated`` time and a ``deleted`` flag. A *version* of a row is the whole row; of
two versions of the same id the one with the later ``updated`` wins, and a tie (which honest
files never make) is broken by a hash of the row's content. That is a total order on versions,
so keeping the greatest version of each id is a join: merging is idempotent, commutative and
associative, and importing packs in any order or grouping gives the same rows.

Pure functions over plain dictionaries; the review file (``panelreview.storage``) reads and
writes the rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]


def canonical(row: Row, columns: Sequence[str]) -> bytes:
    """The row's content as bytes: the same for equal rows whatever their key order."""
    return json.dumps([row.get(c) for c in columns], ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(row: Row, columns: Sequence[str]) -> str:
    return hashlib.sha256(canonical(row, columns)).hexdigest()


def newer_than(b: Row, a: Row, columns: Sequence[str]) -> bool:
    """Whether version ``b`` beats version ``a`` (the content is hashed only on a tie of times)."""
    tb, ta = str(b["updated"]), str(a["updated"])
    if tb != ta:
        return tb > ta
    if all(b.get(c) == a.get(c) for c in columns):
        return False  # the same version (a pack imported again): no need to hash
    return content_hash(b, columns) > content_hash(a, columns)


def newest(a: Row, b: Row, columns: Sequence[str]) -> Row:
    """The winning version of two versions of the same row (``a`` if they are equal)."""
    return b if newer_than(b, a, columns) else a


def complete(row: Row, columns: Sequence[str], defaults: Mapping[str, object]) -> dict[str, Any]:
    """``row`` with every column present: missing ones take ``defaults`` (or None).

    A withdrawn item travels as a *stub*: its id, author, times, ``deleted = 1`` and its parent's
    id, never its text. Completing it the same way everywhere keeps the merge a join.
    """
    return {c: row[c] if c in row else defaults.get(c) for c in columns}


def merge_rows(
    current: Mapping[str, Row], incoming: Iterable[Row], columns: Sequence[str], key: str = "id"
) -> dict[str, Row]:
    """The rows that change when ``incoming`` versions meet the ``current`` ones, by key.

    ``current`` maps each key to its stored version (keys not stored are absent); ``incoming``
    may hold several versions of one key (from several packs). Only keys whose winner differs
    from the stored version are returned.
    """
    best: dict[str, Row] = {}
    for row in incoming:
        k = str(row[key])
        held = best.get(k)
        best[k] = row if held is None else newest(held, row, columns)
    changed: dict[str, Row] = {}
    for k, row in best.items():
        stored = current.get(k)
        if stored is None or newer_than(row, stored, columns):
            changed[k] = row
    return changed


def join(a: Mapping[str, Row], b: Mapping[str, Row], columns: Sequence[str]) -> dict[str, Row]:
    """Two whole states merged: for every key, the newer version (the join of the two)."""
    out = dict(a)
    out.update(merge_rows(a, b.values(), columns))
    return out
