"""The review file: one SQLite file per review, with its schema, upgrades and safe handling. No Qt."""

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
from panelreview.storage.queries import SearchHit
from panelreview.storage.review import Review, create_clerk_review, create_review, open_review

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
