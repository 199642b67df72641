"""File › Review Settings…: the report's names and dates changed in one undoable step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget

from panelreview.ui.dialogs.settings_dialog import SettingsDialog, edit_settings
from panelreview.ui.session.review_session import ReviewSession
from tests.export.drafts import make_review


def _answer(monkeypatch: Any, fill: Any) -> list[SettingsDialog]:
    shown: list[SettingsDialog] = []

    def exec_(self: SettingsDialog) -> int:
        shown.append(self)
        fill(self)
        self.save_button.click()
        return int(self.result())

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return shown


def test_settings_are_saved_and_undone_as_one_step(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    session = ReviewSession(make_review(tmp_path / "panel.pcpr"))
    parent = QWidget()
    qtbot.addWidget(parent)

    def fill(dialog: SettingsDialog) -> None:
        dialog.texts["commissioner_title"].setText("Police, Fire and Crime Commissioner")
        dialog.dates["response_deadline"].check.setChecked(True)
        dialog.dates["response_deadline"].edit.setDate(QDate(2026, 3, 27))
        dialog.statuses.setText("accepted, rejected")

    _answer(monkeypatch, fill)
    try:
        assert edit_settings(parent, session)
        settings = session.review.settings
        assert settings.commissioner_title == "Police, Fire and Crime Commissioner"
        assert settings.response_deadline == "2026-03-27"
        assert settings.response_statuses == ("accepted", "rejected")
        assert session.undo_stack.undoText().lower().endswith("change review settings")
        session.undo_stack.undo()
        assert session.review.settings.commissioner_title == "Police and Crime Commissioner"
        assert session.review.settings.response_deadline is None
    finally:
        session.close()
        session.review.close()


def test_an_empty_plan_title_is_explained_and_nothing_saved(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    session = ReviewSession(make_review(tmp_path / "panel.pcpr"))
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = _answer(monkeypatch, lambda d: d.texts["plan_title"].setText("   "))
    try:
        before = session.review.settings
        assert not edit_settings(parent, session)
        assert shown[0].result() != QDialog.DialogCode.Accepted
        assert "plan's title" in shown[0].error_label.text()
        assert session.review.settings == before and session.undo_stack.count() == 0
    finally:
        session.close()
        session.review.close()


def test_file_menu_opens_the_settings_of_the_open_review(
    qtbot: Any, window: Any, samples: Path, monkeypatch: Any
) -> None:
    from tests.ui.conftest import open_review_of

    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    action = window.window_actions.review_settings
    assert action.isEnabled() and action.text().replace("&", "") == "Review Settings…"
    _answer(monkeypatch, lambda d: d.texts["panel_name"].setText("Westshire Police, Fire and Crime Panel"))
    action.trigger()
    assert session.review.settings.panel_name == "Westshire Police, Fire and Crime Panel"
    assert window.window_actions.undo.isEnabled()


def test_the_drafts_label_and_date_the_preview_and_date_warnings(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The clerk sees the label and date read from the draft's cover, how the titles read in a
    sentence, and a warning for a draft dated after its meeting; all is saved as one undo step."""
    session = ReviewSession(make_review(tmp_path / "panel.pcpr"))
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, str] = {}

    def fill(dialog: SettingsDialog) -> None:
        assert dialog.draft_label.text() == "Consultation draft"  # read from the cover
        assert dialog.draft_date.text() == "3 January 2025"
        dialog.texts["commissioner_title"].setText("Police and Crime Commissioner for Westshire")
        seen["preview"] = dialog.preview.text()
        dialog.draft_label.setText("Final draft")
        dialog.draft_date.setText("March 2025")  # after the meeting on 12 February 2025
        seen["warning"] = dialog.warnings.text()
        dialog.texts["chair_name"].setText("Cllr Margaret Hale")
        dialog.long_texts["general_comments"].setPlainText("The Panel welcomed the plan.")

    _answer(monkeypatch, fill)
    try:
        assert edit_settings(parent, session)
        assert (
            "asks the Police and Crime Commissioner for Westshire for a written response" in seen["preview"]
        )
        assert "Westshire for Westshire" not in seen["preview"]
        assert "The draft is dated March 2025, after the meeting on 12 February 2025" in seen["warning"]
        review = session.review
        row = next(d for d in review.drafts() if d["id"] == review.current_draft_id)
        assert (row["label"], row["dated"]) == ("Final draft", "2025-03")
        assert review.settings.chair_name == "Cllr Margaret Hale"
        session.undo_stack.undo()  # one step puts the draft's label back with the settings
        row = next(d for d in review.drafts() if d["id"] == review.current_draft_id)
        assert (row["label"], row["dated"]) == ("Consultation draft", "2025-01-03")
        assert review.settings.chair_name == ""
    finally:
        session.close()
        session.review.close()
