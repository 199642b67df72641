"""File → Export: the report written off the GUI thread, from what the member has saved."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from panelreview.core.review import Visibility
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs.export_dialog import ExportOptionsDialog
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_review_of
from tests.ui.review_helpers import answer_save_as, capture_warnings, fill_recommend_dialog, select_pdf_words

pytestmark = pytest.mark.gui

WORDING = "The Panel recommends that the Commissioner publishes ward-level response times."


def test_export_report_writes_the_recommendation(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.recommend.trigger()
    dialog = window.controller.dialog
    assert dialog is not None
    dialog.visibility_combo.setCurrentIndex(  # type: ignore[attr-defined]
        dialog.visibility_combo.findData(Visibility.PANEL.value)  # type: ignore[attr-defined]
    )
    fill_recommend_dialog(qtbot, window, WORDING)
    chosen: list[ExportOptionsDialog] = []

    def accept(self: ExportOptionsDialog) -> int:
        chosen.append(self)
        self.shape_combo.setCurrentIndex(self.shape_combo.findData("letter"))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ExportOptionsDialog, "exec", accept)
    target = tmp_path / "out" / "Panel report.docx"
    target.parent.mkdir()
    asked = answer_save_as(monkeypatch, target)
    assert window.window_actions.export_report.isEnabled()
    with qtbot.waitSignal(window.exporter.finished, timeout=OPEN_TIMEOUT_MS) as blocker:
        window.window_actions.export_report.trigger()
    assert chosen and [title for title, _start in asked] == ["Export the report"]
    written = blocker.args[0]
    assert written == target and target.is_file()
    with zipfile.ZipFile(target) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "ward-level response times" in body
    assert "It has no private notes" in window.statusBar().currentMessage()
    assert session.undo_stack.count() == 1  # exporting changes nothing in the review


def test_an_export_problem_is_a_plain_dialog(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    shown = capture_warnings(monkeypatch)
    answer_save_as(monkeypatch, tmp_path / "notes.odt")  # not a format PanelReview writes
    with qtbot.waitSignal(window.exporter.failed, timeout=OPEN_TIMEOUT_MS):
        window.window_actions.export_notes.trigger()
    assert len(shown) == 1
    assert "Traceback" not in shown[0][1]
    assert not (tmp_path / "notes.odt").exists()


def test_the_export_dialog_warns_of_dates_that_contradict_each_other(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    session.review.update_settings(
        meeting_date="2025-02-13", report_date="2025-03-20", response_deadline="2025-03-14"
    )
    shown: list[str] = []

    def cancel(self: ExportOptionsDialog) -> int:
        shown.append(self.warnings.text() if self.warnings.isVisibleTo(self) else "")
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ExportOptionsDialog, "exec", cancel)
    window.window_actions.export_report.trigger()
    assert shown and "The response is asked for by 14 March 2025, before the report’s date" in shown[0]
