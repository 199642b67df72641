"""A small draft built in code, members' reviews of it, and a clerk's review to combine them in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from panelreview.core.model import Document
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review

DRAFT_TEXT = (
    "1. Introduction\n\n"
    "1.1. This draft sets out the Commissioner’s plan for keeping Westshire safe.\n\n"
    "2. Priorities\n\n"
    "2.1. Victims’ services will be redesigned around what victims tell us they need.\n\n"
    "2.2. Rural crime: fewer burglaries and vehicle thefts in rural communities.\n\n"
    "2.3. Violence against women and girls will be tackled with a new reporting line.\n\n"
    "3. Finance\n\n"
    "3.1. The budget for the plan period is 120 million pounds.\n"
)
OTHER_DRAFT_TEXT = DRAFT_TEXT.replace("120 million", "125 million")

MakeReview = Callable[..., Review]


@pytest.fixture(scope="session")
def draft_bytes() -> bytes:
    return DRAFT_TEXT.encode("utf-8")


@pytest.fixture(scope="session")
def document(draft_bytes: bytes) -> Document:
    return read_document_bytes(draft_bytes, "westshire-draft.txt")


@pytest.fixture
def make_review(tmp_path: Path, draft_bytes: bytes, document: Document) -> Iterator[MakeReview]:
    """``make_review("Cllr Ann Jones")`` or ``make_review("Jo Clerk", role="clerk")``: a new open review."""
    opened: list[Review] = []

    def make(name: str, *, role: str = "member", data: bytes | None = None, **extra: object) -> Review:
        doc = document if data is None else read_document_bytes(data, "westshire-draft.txt")
        path = tmp_path / f"{name}.pcpr"
        review = create_review(path, data or draft_bytes, doc, member_name=name, role=role, **extra)  # type: ignore[arg-type]
        opened.append(review)
        return review

    yield make
    for review in opened:
        review.close()


@pytest.fixture
def clerk(make_review: MakeReview) -> Review:
    return make_review("Jo Clerk", role="clerk", panel_name="Westshire")


def pack_of(review: Review, folder: Path, name: str | None = None, **options: bool) -> Path:
    """Share ``review`` to a pack in ``folder`` and return its path."""
    path = folder / f"{name or review.owner.name}.pcpack"
    review.share(path, **options)
    return path
