"""The review file: one SQLite file per review, with its schema, upgrades and safe handling. No Qt."""

from panelreview.storage.errors import (
    NewerVersion,
    NotAReview,
    NotSaved,
    ReadOnlyReview,
    ReviewFileError,
    ReviewInUse,
)
from panelreview.storage.queries import SearchHit
from panelreview.storage.review import Review, create_review, open_review

__all__ = [
    "NewerVersion",
    "NotAReview",
    "NotSaved",
    "ReadOnlyReview",
    "Review",
    "ReviewFileError",
    "ReviewInUse",
    "SearchHit",
    "create_review",
    "open_review",
]
