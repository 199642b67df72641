"""Shared fixtures: where ../shared is, and how to skip (or fail in CI) when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANELREVIEW_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skip the test with a message if it is missing, fail under CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: the shared samples and corpus sit beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have them)")
        pytest.skip(message)
    return path


@pytest.fixture
def samples() -> Path:
    return shared_path("samples")


@pytest.fixture
def corpus() -> Path:
    return shared_path("corpus")
