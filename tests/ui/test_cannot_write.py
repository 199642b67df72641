"""A review that cannot be written to offers real choices, and no second review starts silently."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

import panelreview.storage.connection as connection_module
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.review_setup import Setup
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_and_wait, open_review_of, wait_for_session
from tests.ui.review_helpers import add_note_on_selection, select_pdf_words

pytestmark = pytest.mark.gui


def _answer_boxes(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[tuple[str, list[str]]]:
    """Each message box with its own buttons is answered by clicking the next button named in
    ``answers``; returns (text, button labels) of every box shown."""
    shown: list[tuple[str, list[str]]] = []

    def exec_(box: QMessageBox) -> int:
        labels = [b.text() for b in box.buttons()]
        shown.append((box.text(), labels))
        wanted = answers.pop(0)
        (button,) = [b for b in box.buttons() if b.text() == wanted]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def _make_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The review's folder refuses writes, as a read-only drive or share does (even for root)."""
    real: Callable[..., bool] = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and Path(path).resolve().is_relative_to(folder.resolve()):
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(connection_module.os, "access", access)


@pytest.fixture
def noted_then_locked(
    qtbot: Any, window: MainWindow, samples: Path, member: Setup, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A review with one note, closed, then its folder made read-only."""
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.CONCERN, "No baseline")
    path = session.path
    window.close_draft()
    _make_read_only(monkeypatch, member.folder)
    return path


def test_cancel_starts_no_second_review_and_annotating_says_where_the_first_is(
    qtbot: Any,
    window: MainWindow,
    samples: Path,
    member: Setup,
    noted_then_locked: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = _answer_boxes(monkeypatch, ["Cancel", "Cancel"])
    open_and_wait(qtbot, window, samples / "westshire-plan-v1.pdf")
    assert shown[0][1] == ["Open Read-Only", "Save a Copy Elsewhere…", "Cancel"]
    assert noted_then_locked.name in shown[0][0] and "safe" in shown[0][0]
    assert window.session is None
    window.controller.add_note(Kind.COMMENT)  # the member tries to take a note anyway
    assert len(shown) == 2
    text, buttons = shown[1]
    assert noted_then_locked.name in text and str(member.folder) in text
    assert buttons == ["Open Existing Review", "Start a Second Review", "Cancel"]
    qtbot.wait(50)
    assert sorted(p.name for p in member.folder.glob("*.pcpr")) == [noted_then_locked.name]
    assert window.session is None


def test_open_read_only_shows_the_notes(
    qtbot: Any, window: MainWindow, samples: Path, noted_then_locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer_boxes(monkeypatch, ["Open Read-Only"])
    open_and_wait(qtbot, window, samples / "westshire-plan-v1.pdf")
    session = wait_for_session(qtbot, window)
    assert session.read_only and session.path == noted_then_locked
    assert [n.body for n in session.review.annotations()] == ["No baseline"]


def test_save_a_copy_elsewhere_carries_on_in_the_copy(
    qtbot: Any,
    window: MainWindow,
    samples: Path,
    tmp_path: Path,
    noted_then_locked: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _answer_boxes(monkeypatch, ["Save a Copy Elsewhere…"])
    target = tmp_path / "writable" / "my review.pcpr"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    open_and_wait(qtbot, window, samples / "westshire-plan-v1.pdf")
    session = wait_for_session(qtbot, window)
    assert session.path == target and not session.read_only
    assert [n.body for n in session.review.annotations()] == ["No baseline"]
    window.close_draft()
    # The copy is now this draft's review: opening the draft again goes straight to it.
    with qtbot.waitSignal(window.reviews.session_ready, timeout=OPEN_TIMEOUT_MS):
        window.open_path(samples / "westshire-plan-v1.pdf")
    assert wait_for_session(qtbot, window).path == target
