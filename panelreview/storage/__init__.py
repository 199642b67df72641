"""The review file: one SQLite file per review, with its schema, upgrades and safe handling. No Qt.

The error types and :class:`SearchHit` load with the package; the review itself (and sqlite-utils
with it) loads on first use, so the desktop window can draw a draft's first page before any of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from panelreview.core.review import SearchHit
from panelreview.storage.errors import (
    DamagedPack,
    NewerPack,
    NewerVersion,
    NotAPack,
    NotAReview,
    NotSaved,
    PackError,
    ReadOnlyReview,
    ReviewFileError,
    ReviewInUse,
    WrongDraft,
)

if TYPE_CHECKING:
    from panelreview.storage.review import Review, create_clerk_review, create_review, open_review

_LAZY = frozenset({"Review", "create_clerk_review", "create_review", "open_review"})

__all__ = [
    "DamagedPack",
    "NewerPack",
    "NewerVersion",
    "NotAPack",
    "NotAReview",
    "NotSaved",
    "PackError",
    "ReadOnlyReview",
    "Review",
    "ReviewFileError",
    "ReviewInUse",
    "SearchHit",
    "WrongDraft",
    "create_clerk_review",
    "create_review",
    "open_review",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from panelreview.storage import review

        return getattr(review, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
