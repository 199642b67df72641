"""Small drafts built in code, and a review of one in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from panelreview.core.model import Document
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review

DRAFT_TEXT = (
    "1. Purpose of Report\n\n"
    "1.1. To provide the Panel with the draft Police and Crime Plan for comment.\n\n"
    "2. Background\n\n"
    "2.1. The plan sets out the Commissioner’s priorities for keeping people safe in Westshire.\n\n"
    "2.2. The Panel must review the draft plan and make a report to the Commissioner.\n\n"
    "3. Priorities\n\n"
    "3.1. Fewer victims of burglary and vehicle crime across rural communities.\n\n"
    "3.2. Tackling violence against women and girls, with a new reporting line.\n"
)


@pytest.fixture(scope="session")
def draft_bytes() -> bytes:
    return DRAFT_TEXT.encode("utf-8")


@pytest.fixture(scope="session")
def document(draft_bytes: bytes) -> Document:
    return read_document_bytes(draft_bytes, "westshire-draft.txt")


@pytest.fixture
def review_path(tmp_path: Path, draft_bytes: bytes, document: Document) -> Path:
    path = tmp_path / "Westshire plan.pcpr"
    create_review(path, draft_bytes, document, member_name="Cllr Ann Jones", panel_name="Westshire").close()
    return path


@pytest.fixture
def review(review_path: Path) -> Iterator[Review]:
    from panelreview.storage import open_review

    opened = open_review(review_path)
    try:
        yield opened
    finally:
        opened.close()
