"""Recent reviews and where the member was reading in each, remembered with QSettings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "reviews/recent"
POSITION_GROUP = "positions"
MAX_RECENT = 8


@dataclass(frozen=True, slots=True)
class RecentReview:
    path: Path
    title: str

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def _load() -> list[dict[str, str]]:
    value = QSettings().value(RECENT_KEY, [])
    if not isinstance(value, list):
        return []
    found: list[dict[str, str]] = []
    for entry in value:
        if isinstance(entry, str) and "\t" in entry:
            path, title = entry.split("\t", 1)
            found.append({"path": path, "title": title})
    return found


def recent_reviews() -> list[RecentReview]:
    """Most recent first; files that have gone are left out."""
    reviews = [RecentReview(Path(e["path"]), e["title"]) for e in _load()]
    return [r for r in reviews if r.exists]


def add_recent(path: Path, title: str) -> None:
    key = str(path.resolve())
    entries = [e for e in _load() if e["path"] != key]
    entries.insert(0, {"path": key, "title": title.replace("\t", " ")})
    QSettings().setValue(RECENT_KEY, [f"{e['path']}\t{e['title']}" for e in entries[:MAX_RECENT]])


def forget_recent(path: Path) -> None:
    key = str(path.resolve())
    entries = [e for e in _load() if e["path"] != key]
    QSettings().setValue(RECENT_KEY, [f"{e['path']}\t{e['title']}" for e in entries])


def _position_key(path: Path) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{POSITION_GROUP}/{digest[:20]}"


def save_position(path: Path, position: str) -> None:
    """Where the member was reading, as the view describes it ("pdf:3:120.5" or "block:42")."""
    QSettings().setValue(_position_key(path), position)


def saved_position(path: Path) -> str:
    return str(QSettings().value(_position_key(path), "") or "")
