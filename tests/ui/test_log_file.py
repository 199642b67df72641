"""The log file named in Help › About records what went wrong (a file that would not open, a change
that could not be saved, a review that cannot be written to), and never the text of a note."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from panelreview.app import configure_application, configure_logging
from panelreview.core.review import Kind
from panelreview.storage import NotSaved
from panelreview.ui.app.main_window import MainWindow
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import add_note_on_selection, capture_warnings, focus_away, select_pdf_words

pytestmark = pytest.mark.gui

SECRET = "Officer Jane Smith handled the complaint"


@pytest.fixture
def log_file(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The application's own logging set-up, writing under a data folder of the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    configure_application(qapp)
    root = logging.getLogger("panelreview")
    level = root.level
    path = configure_logging()
    assert path is not None
    yield path
    for handler in [h for h in root.handlers if getattr(h, "panelreview_log", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _logged(path: Path) -> str:
    for handler in logging.getLogger("panelreview").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_about_names_the_file_the_log_is_written_to(
    window: MainWindow, log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda _parent, _title, text: said.append(text)))
    window.window_actions.about.trigger()
    assert said and str(log_file) in said[0]
    assert log_file.is_relative_to(tmp_path / "data")
    assert "started" in _logged(log_file)  # written to, not only named


def test_a_file_that_would_not_open_is_logged_with_the_reason(
    window: MainWindow, log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    shown = capture_warnings(monkeypatch)
    broken = tmp_path / "Westshire draft.pdf"
    broken.write_bytes(b"%PDF-1.7 this is not really a PDF")
    window.open_path(broken)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    text = _logged(log_file)
    assert "Could not open the draft" in text and "Westshire draft.pdf" in text
    assert shown[0][1].split()[0] in text  # the reason the member was given


def test_a_change_that_could_not_be_saved_is_logged_without_the_notes_text(
    qtbot: Any, window: MainWindow, log_file: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    add_note_on_selection(qtbot, window, Kind.COMMENT, SECRET)
    capture_warnings(monkeypatch)

    def unplugged(*args: Any, **kwargs: Any) -> Any:
        raise NotSaved("Your change was not saved: the review file could not be reached.")

    monkeypatch.setattr(session.review, "edit_annotation", unplugged)
    editor = window.notes.editor
    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, " and the second complainant, Mr Brown.")
    focus_away(window)
    assert window.save_label.text() == "Last change not saved"
    text = _logged(log_file)
    assert "the review file could not be reached" in text
    assert "Jane Smith" not in text and "Mr Brown" not in text
    monkeypatch.undo()  # the file is back: what was typed is saved, and the window closes
    assert window.wiring.commit_editors()
