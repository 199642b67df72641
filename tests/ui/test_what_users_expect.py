"""What members expect of a desktop program: a bug explained (and logged) rather than silent, sharp
icons on a high-DPI screen, and the window as they left it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize

from panelreview.app import create_main_window
from panelreview.core.review import Kind
from panelreview.ui.app import unexpected
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.common.labels import kind_icon
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import capture_warnings

pytestmark = pytest.mark.gui


def _raise(message: str) -> tuple[type[BaseException], BaseException, Any]:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    return kind, value, tb


def test_a_bug_is_logged_and_explained_once_not_over_and_over(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown = capture_warnings(monkeypatch)
    hook = unexpected.UnexpectedErrors(lambda: window)
    with caplog.at_level(logging.ERROR, logger="panelreview"):
        for _ in range(3):  # a handler failing on every mouse move
            hook(*_raise("bad index 7"))
        hook(*_raise("something else"))
    assert [t for t, _ in shown] == ["Something went wrong", "Something went wrong"]
    message = shown[0][1]
    assert "Your review is safe" in message and "log file" in message
    assert "RuntimeError" not in message and "Traceback" not in message
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(logged) == 4 and all(r.exc_info for r in logged)  # every time, with the details


def test_installing_the_hook_routes_uncaught_exceptions_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    hook = unexpected.install(lambda: None)
    assert sys.excepthook is hook


def test_note_icons_are_drawn_for_high_dpi_screens() -> None:
    icon = kind_icon(Kind.QUESTION)
    sharp = icon.pixmap(QSize(18, 18), 2.0)
    assert sharp.size() == QSize(36, 36) and sharp.devicePixelRatio() == 2.0
    assert QSize(36, 36) in icon.availableSizes()  # drawn at that size, not an 18-pixel icon blown up


def test_the_window_layout_and_text_size_come_back(qtbot: Any, window: MainWindow, samples: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    window.recommendations.hide()
    window.find_panel.start()
    window.set_text_size(15)
    window.resize(760, 620)  # (within the test screen, frame and all: a restored window is kept on it)
    size = window.size()
    assert size != QSize(1100, 800)
    window.close()
    again = create_main_window()
    qtbot.addWidget(again)
    again.show()
    try:
        assert again.size() == size
        assert again.reflow_view.point_size == 15
        open_review_of(qtbot, again, samples / "westshire-plan-v1.docx")
        assert again.find_panel.isVisible() and not again.recommendations.isVisible()
        assert again.outline.isVisible() and again.notes.isVisible()
    finally:
        again.close()


def test_the_window_fits_a_small_laptop_screen_with_a_draft_open(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    """1366 × 768 at 125 % scaling leaves about 1090 × 570 for a window: the panels beside the draft
    must not hold it wider or taller than that (they scroll or elide instead)."""
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    window.recommendations.show()
    window.find_panel.show()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 800 and minimum.height() <= 520, minimum
    window.resize(1000, 560)
    qtbot.waitUntil(lambda: window.size() == QSize(1000, 560))
