"""The window on a genuinely full disk (a small tmpfs): it names a full disk, and closing hides nothing."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from panelreview.core.anchor import anchor_section
from panelreview.core.review import Kind
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review, open_review
from panelreview.ui.app.main_window import MainWindow
from tests.small_disk import fill, make_room, small_disk
from tests.ui.conftest import OPEN_TIMEOUT_MS, wait_for_session
from tests.ui.review_helpers import capture_warnings

DRAFT = (
    b"1. Purpose of Report\n\n1.1. To provide the Panel with the draft Police and Crime Plan.\n\n"
    b"2. Priorities\n\n2.1. Fewer victims of burglary across rural communities.\n"
)


def _review_on(disk: Path) -> Path:
    path = disk / "Westshire plan.pcpr"
    document = read_document_bytes(DRAFT, "westshire-draft.txt")
    create_review(path, DRAFT, document, member_name="Cllr Ann Jones", panel_name="Westshire").close()
    return path


def test_opening_a_review_on_a_full_disk_says_the_disk_is_full(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = capture_warnings(monkeypatch)
    with small_disk(tmp_path / "disk") as disk:
        path = _review_on(disk)
        fill(disk, leave=0)
        window.open_path(path)
        assert len(shown) == 1
        assert "could not be opened: the disk it is on is full" in shown[0][1]
        assert "not a PanelReview review file" not in shown[0][1]
        assert window.session is None and window.stack.currentWidget() is window.start_view


def test_a_note_not_saved_on_a_full_disk_says_so_and_closing_hides_nothing(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    shown = capture_warnings(monkeypatch)
    with small_disk(tmp_path / "disk") as disk:
        path = _review_on(disk)
        with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
            window.open_path(path)
        session = wait_for_session(qtbot, window)
        sections = session.review.sections()
        note = anchor_section(sections, sections[-1])
        first = session.run(lambda: session.review.add_annotation(note, Kind.COMMENT, "Saved first"))
        assert first is not None

        fill(disk, leave=0)
        caplog.set_level(logging.INFO)
        assert session.run(lambda: session.review.add_annotation(note, Kind.COMMENT, "x" * 6000)) is None
        assert [text for _, text in shown] == [
            "Your change was not saved: the disk is full. Free some space (or save the review somewhere "
            "else) and try again. Everything saved before this is safe."
        ]
        assert window.save_label.text() == "Last change not saved"
        window.close_draft()  # closes the review on the full disk
        assert window.session is None
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
        assert not Path(f"{path}-lock").exists()
        make_room(disk)
        with open_review(path, read_only=True) as review:
            assert [a.body for a in review.annotations()] == ["Saved first"]
