"""A draft PDF built in code, and a member's and a clerk's review of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf
import pytest

from panelreview.core.model import Document
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review
from tests.export.drafts import draft_pdf

MakeReview = Callable[..., Review]


@pytest.fixture(scope="session")
def draft() -> bytes:
    return draft_pdf()


@pytest.fixture(scope="session")
def document(draft: bytes) -> Document:
    return read_document_bytes(draft, "westshire-draft.pdf")


@pytest.fixture
def make_review(tmp_path: Path, draft: bytes, document: Document) -> Iterator[MakeReview]:
    opened: list[Review] = []

    def make(name: str = "Cllr Ann Jones", role: str = "member", file: str = "review.pcpr") -> Review:
        review = create_review(tmp_path / file, draft, document, member_name=name, role=role)
        opened.append(review)
        return review

    yield make
    for review in opened:
        review.close()


@pytest.fixture
def member(make_review: MakeReview) -> Review:
    return make_review()


@pytest.fixture
def clerk(make_review: MakeReview) -> Review:
    return make_review("Jo Clerk", "clerk", "panel.pcpr")


@pytest.fixture
def marked(draft: bytes) -> Callable[[], pymupdf.Document]:
    """A fresh copy of the draft PDF to annotate."""
    return lambda: pymupdf.open(stream=draft, filetype="pdf")
