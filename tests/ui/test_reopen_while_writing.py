"""Closing a draft and opening it again while its new review is still being written: the member
gets that one review, never a second review file or an "already exists" error."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from panelreview.ui.app import review_opener
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.review_setup import Setup
from tests.ui.conftest import open_and_wait, wait_for_session

pytestmark = pytest.mark.gui


def test_reopening_a_draft_while_its_review_is_written_opens_that_review(
    qtbot: Any, window: MainWindow, samples: Path, member: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_create = review_opener._create

    def slow_create(path: Path, draft: Any, setup: Setup) -> Path:
        release.wait(10)  # the disk is slow: the member closes and reopens meanwhile
        return real_create(path, draft, setup)

    monkeypatch.setattr(review_opener, "_create", slow_create)
    told: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: told.append(f"{title}: {text}"))
    draft = samples / "westshire-plan-v1.pdf"
    open_and_wait(qtbot, window, draft)
    assert window.reviews.creating
    window.close_draft()
    open_and_wait(qtbot, window, draft)
    release.set()
    session = wait_for_session(qtbot, window)
    assert told == []
    assert [p.name for p in member.folder.glob("*.pcpr")] == [session.path.name]
