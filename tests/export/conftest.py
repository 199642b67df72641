"""Reviews with the panel's recommendations and members' notes, for the export tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from panelreview.storage import Review
from tests.export.drafts import make_review


@pytest.fixture
def review(tmp_path: Path) -> Iterator[Review]:
    """The clerk's review: four recommendations (one private, one withdrawn), notes of each tier."""
    opened = make_review(tmp_path / "panel.pcpr")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
