"""Opening drafts as a member does: the start view, the sample, errors, passwords, a big PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from panelreview.resources import sample_draft_path
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.password_dialog import PasswordDialog
from panelreview.ui.reader import document_worker
from tests.conftest import shared_path
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_and_wait
from tests.ui.gates import Gate, loop_turns

pytestmark = pytest.mark.gui


def _capture_warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake_warning(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake_warning))
    return shown


def _locked_pdf(tmp_path: Path) -> Path:
    """A one-page PDF that opens with the password "panel"."""
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    page = doc.new_page()
    page.insert_text((72, 100), "Confidential draft", fontsize=14)
    locked = tmp_path / "locked.pdf"
    encryption = pymupdf.PDF_ENCRYPT_AES_256  # type: ignore[attr-defined]
    doc.save(str(locked), encryption=encryption, user_pw="panel", owner_pw="owner")  # type: ignore[no-untyped-call]
    doc.close()  # type: ignore[no-untyped-call]
    return locked


def test_start_view_offers_open_and_sample(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.start_view
    assert window.start_view.open_button.isEnabled()
    assert window.start_view.sample_button.isEnabled()
    assert not window.outline.isVisible()
    assert not window.page_box.isVisible()


def test_sample_button_opens_the_sample_pdf(qtbot: Any, window: MainWindow) -> None:
    assert sample_draft_path() is not None
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        qtbot.mouseClick(window.start_view.sample_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pdf_view
    assert window.pdf_view.page_count == 17
    qtbot.waitUntil(window.page_box.isVisible)  # the toolbar lays itself out on the next turn
    assert window.page_box.text() == "Page 1 of 17"
    assert "Westshire" in window.windowTitle()


def test_a_rendered_page_appears(qtbot: Any, window: MainWindow) -> None:
    path = sample_draft_path()
    assert path is not None
    with qtbot.waitSignal(window.service.page_rendered, timeout=OPEN_TIMEOUT_MS) as blocker:
        open_and_wait(qtbot, window, path)
    _token, page, scale, image = blocker.args
    assert 0 <= page < 17  # a visible page, or its neighbour rendered ahead of time
    assert not image.isNull()
    assert image.width() == pytest.approx(595.3 * scale, abs=2)
    qtbot.waitUntil(lambda: window.pdf_view.cache.get(0, window.pdf_view.render_scale()) is not None)
    # The title page has dark heading text on it, not just blank paper.
    drawn = window.pdf_view.cache.get(0, window.pdf_view.render_scale())
    assert drawn is not None
    grabbed = window.pdf_view.canvas.grab().toImage()
    assert not grabbed.isNull()


def test_a_broken_file_shows_a_plain_english_error(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_warnings(monkeypatch)
    broken = tmp_path / "draft.pdf"
    broken.write_bytes(b"this is not really a PDF at all")
    with qtbot.waitSignal(window.opener.open_failed, timeout=OPEN_TIMEOUT_MS):
        window.open_path(broken)
    assert len(shown) == 1
    _title, message = shown[0]
    assert "draft.pdf" in message and "not a PDF" in message
    assert "Traceback" not in message
    assert window.stack.currentWidget() is window.start_view


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("pdfjs-poppler-67295-0.pdf", "its pages cannot be found"),  # no page tree at all
        ("pdfjs-poppler-85140-0.pdf", "cannot be opened as a PDF"),
        ("poi-truncated62886.docx", "damaged or incomplete"),
    ],
)
def test_a_damaged_real_world_file_is_explained_not_called_unexpected(
    qtbot: Any, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch, name: str, said: str
) -> None:
    shown = _capture_warnings(monkeypatch)
    found = next(corpus.rglob(name))
    with qtbot.waitSignal(window.opener.open_failed, timeout=OPEN_TIMEOUT_MS):
        window.open_path(found)
    assert len(shown) == 1
    message = shown[0][1]
    assert said in message and "unexpected" not in message, message
    assert window.stack.currentWidget() is window.start_view


def test_a_missing_file_says_so(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_warnings(monkeypatch)
    with qtbot.waitSignal(window.opener.open_failed, timeout=OPEN_TIMEOUT_MS):
        window.open_path(tmp_path / "gone.docx")
    assert "no file" in shown[0][1]


def test_password_is_asked_for_and_asked_again_when_wrong(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _locked_pdf(tmp_path)
    prompts: list[str] = []
    answers = iter(["wrong", "panel"])

    def fake_get_text(parent: Any, title: str, label: str, *args: Any) -> str | None:
        prompts.append(label)
        return next(answers)

    monkeypatch.setattr(PasswordDialog, "ask", staticmethod(fake_get_text))
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(locked)
    assert len(prompts) == 2
    assert "password-protected" in prompts[0]
    assert "does not open" in prompts[1]
    assert window.pdf_view.page_count == 1


def test_cancelling_the_password_leaves_the_start_view(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _locked_pdf(tmp_path)
    asked: list[str] = []

    def cancel(parent: Any, title: str, label: str, *args: Any) -> str | None:
        asked.append(label)
        return None

    monkeypatch.setattr(PasswordDialog, "ask", staticmethod(cancel))
    window.open_path(locked)
    qtbot.waitUntil(lambda: bool(asked) and not window.opener.busy, timeout=OPEN_TIMEOUT_MS)
    assert window.stack.currentWidget() is window.start_view


def test_dropping_a_file_opens_it(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("1. Purpose\n\nA short draft.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.dropEvent(event)
    assert window.stack.currentWidget() is window.reflow_view


def test_the_window_keeps_responding_while_a_300_page_pdf_opens(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages arrive and the window answers while the draft's text is still being read.

    The reading is held at its start (no clock: see tests/ui/gates.py); how long the event loop
    waits at most is measured by bench/bench_responsiveness.py.
    """
    big = shared_path("samples", "westshire-plan-big.pdf")
    reading = Gate(document_worker.read_document_bytes)
    monkeypatch.setattr(document_worker, "read_document_bytes", reading)
    window.open_path(big)
    qtbot.waitUntil(reading.started.is_set, timeout=OPEN_TIMEOUT_MS)
    try:
        loop_turns(qtbot)  # the window handles events while the 307 pages' text is read
        qtbot.waitUntil(lambda: window.pdf_view.page_count == 307, timeout=OPEN_TIMEOUT_MS)
        view = window.pdf_view
        qtbot.waitUntil(
            lambda: view.cache.get_any(0, view.render_scale()) is not None, timeout=OPEN_TIMEOUT_MS
        )
        assert window.opener.busy and window.draft is None
        assert window.statusBar().currentMessage().startswith("Reading the draft")
    finally:
        reading.open()
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS) as opened:
        pass
    assert opened.args[0].document.identity.page_count == 307
    assert reading.ran_off_the_gui_thread
    assert window.opener.progress_dialog is None and not window.opener.busy


def test_a_slow_word_draft_shows_progress_that_can_be_cancelled(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    reading = Gate(document_worker.read_document_bytes)
    monkeypatch.setattr(document_worker, "read_document_bytes", reading)
    window.open_path(samples / "westshire-plan-v1.docx")
    try:
        qtbot.waitUntil(lambda: window.opener.progress_dialog is not None, timeout=OPEN_TIMEOUT_MS)
        loop_turns(qtbot)
        dialog = window.opener.progress_dialog
        assert dialog is not None and "westshire-plan-v1.docx" in dialog.labelText()
        (cancel,) = dialog.findChildren(QPushButton)
        assert cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert window.opener.progress_dialog is None and not window.opener.busy
    finally:
        reading.open()
    with qtbot.waitSignal(window.service.loaded, timeout=OPEN_TIMEOUT_MS):
        pass
    loop_turns(qtbot)
    assert window.draft is None and window.stack.currentWidget() is window.start_view
    assert reading.ran_off_the_gui_thread


def test_cancel_drops_the_draft_being_opened(qtbot: Any, window: MainWindow) -> None:
    big = shared_path("samples", "westshire-plan-big.pdf")
    window.open_path(big)
    assert window.opener.busy
    window.opener.cancel()
    # The worker finishes its parse, but the result is thrown away.
    with qtbot.waitSignal(window.service.loaded, timeout=OPEN_TIMEOUT_MS):
        pass
    qtbot.wait(50)
    assert window.draft is None
    assert window.stack.currentWidget() is window.start_view
