"""Helpers for the clerk tests: a review's whole state, and packs rebuilt as a newer version would."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from panelreview.storage import Review

# Rows that record when and by whom, not what the review holds.
BOOKKEEPING = {"change_log", "imports", "import_rows", "search_items", "sent_items"}


def state(review: Review, *, skip: set[str] = BOOKKEEPING) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (search index tables left out), sorted: what the review holds."""
    names = [
        r["name"]
        for r in review._rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not str(r["name"]).startswith(("search_text", "sqlite_")) and r["name"] not in skip
    ]
    return {name: sorted(tuple(r.values()) for r in review._rows(f"SELECT * FROM {name}")) for name in names}


def rebuild_pack(
    source: Path,
    target: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    items: Callable[[dict[str, Any]], None] | None = None,
) -> Path:
    """Rewrite a pack with edits and *correct* checksums: what a newer PanelReview, or a forger, makes."""
    with zipfile.ZipFile(source) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    found = json.loads(entries["manifest.json"])
    if items is not None:
        rows = json.loads(entries["items.json"])
        items(rows)
        entries["items.json"] = json.dumps(rows).encode()
        found["files"]["items.json"] = {
            "sha256": hashlib.sha256(entries["items.json"]).hexdigest(),
            "size": len(entries["items.json"]),
        }
    if manifest is not None:
        manifest(found)
    entries["manifest.json"] = json.dumps(found).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        archive.comment = b"sha256:" + b"0" * 64
    body = buffer.getvalue()[:-64]
    target.write_bytes(body + hashlib.sha256(body).hexdigest().encode())
    return target
