"""The clerk's desk, Responses: the commissioner's response to each recommendation, and the tracker."""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import QDate

from panelreview.ui.clerk.common import top_items
from panelreview.ui.clerk.responses import ResponsesTab
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import (
    Desk,
    Panel,
    capture_messages,
    import_all,
    save_as,
)

panel, desk = clerk_helpers.panel, clerk_helpers.desk  # the shared fixtures


WORDING = ("Publish the victims' services budget.", "Set a rural crime target.", "Explain the reserves.")


@pytest.fixture
def decided(desk: Desk, panel: Panel, monkeypatch: Any) -> Desk:
    """Three panel recommendations, numbered R1-R3, decided at the meeting of 3 February 2026."""
    import_all(desk, panel, monkeypatch)
    review, ids = desk.review, panel.ids
    sources = ([ids["ann_rec"], ids["bob_rec"]], [ids["ann_rural"]], [ids["cat_budget"]])
    session = desk.session
    assert session is not None
    made = [
        session.run(partial(review.add_panel_recommendation, w, proposed=s))
        for w, s in zip(WORDING, sources, strict=True)
    ]
    session.run(partial(review.number_panel_recommendations, prefix="R"))
    for change in made:
        assert change is not None and change.item_id is not None
        session.run(partial(review.record_decision, change.item_id, "agreed", meeting_date="2026-02-03"))
    desk.ui.desk.tabs.setCurrentWidget(desk.ui.desk.responses)
    return desk


def rows(tab: ResponsesTab) -> list[list[str]]:
    return [[item.text(c) for c in range(5)] for item in top_items(tab.table)]


def test_recording_the_commissioners_response(decided: Desk) -> None:
    tab = decided.ui.desk.responses
    assert rows(tab) == [
        ["R1", WORDING[0], "Agreed", "None yet", ""],
        ["R2", WORDING[1], "Agreed", "None yet", ""],
        ["R3", WORDING[2], "Agreed", "None yet", ""],
    ]
    statuses = [tab.status_combo.itemData(i) for i in range(tab.status_combo.count())]
    assert statuses == ["", "accepted", "partly accepted", "not accepted", "awaiting"]
    assert tab.select(decided.review.panel_recommendations()[1].id)
    tab.save_button.click()
    assert tab.error_label.text() == "Choose the response's status, or type what it says, first."

    tab.status_combo.setCurrentIndex(tab.status_combo.findData("partly accepted"))
    tab.text_edit.setPlainText("A rural target will be set for 2027.")
    tab.received_edit.setDate(QDate(2026, 3, 10))
    tab.save_button.click()

    assert tab.error_label.isHidden()
    assert rows(tab)[1] == ["R2", WORDING[1], "Agreed", "Partly accepted", "10 March 2026"]
    rec = decided.review.panel_recommendations()[1]
    assert (rec.response_status, rec.response_text, rec.response_date) == (
        "partly accepted",
        "A rural target will be set for 2027.",
        "2026-03-10",
    )
    assert decided.session is not None
    assert decided.session.undo_stack.undoText() == "Record response"
    decided.session.undo_stack.undo()
    assert rows(tab)[1][3] == "None yet"
    assert tab.current_id() == rec.id, "the chosen row stays chosen"


def test_statuses_come_from_the_reviews_settings(decided: Desk) -> None:
    assert decided.session is not None
    decided.session.run(lambda: decided.review.update_settings(response_statuses=("welcomed", "rejected")))
    tab = decided.ui.desk.responses
    tab.select(decided.review.panel_recommendations()[0].id)
    tab.reload(switching=True)
    assert [tab.status_combo.itemText(i) for i in range(tab.status_combo.count())] == [
        "No status (words only)",
        "Welcomed",
        "Rejected",
    ]


def _export(decided: Desk, qtbot: Any, monkeypatch: Any, target: Path, chosen_filter: str = "") -> Path:
    save_as(monkeypatch, target, chosen_filter)
    with qtbot.waitSignal(decided.ui.tracker.finished, timeout=20_000) as blocker:
        decided.ui.actions.export_tracker.trigger()
    written = blocker.args[0]
    assert isinstance(written, Path)
    return written


def test_export_response_tracker_as_csv_and_word(
    decided: Desk, qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    review = decided.review
    first = review.panel_recommendations()[0]
    assert decided.session is not None
    decided.session.run(
        lambda: review.record_response(
            first.id, "accepted", text="Will publish in April.", received="2026-03-10"
        )
    )
    assert decided.ui.actions.export_tracker.isEnabled()

    written = _export(decided, qtbot, monkeypatch, tmp_path / "tracker", "CSV file for a spreadsheet (*.csv)")
    assert written == tmp_path / "tracker.csv"
    table = list(csv.reader(io.StringIO(written.read_text("utf-8-sig"))))
    assert table[0][:3] == ["No.", "Recommendation", "Section of the draft"]
    assert [row[0] for row in table[1:]] == ["R1", "R2", "R3"]
    assert table[1][1] == WORDING[0] and "accepted" in table[1] and "Will publish in April." in table[1]
    assert decided.window.statusBar().currentMessage() == "Exported the response tracker “tracker.csv”."

    written = _export(decided, qtbot, monkeypatch, tmp_path / "tracker.docx")
    cells = [cell.text for row in Document(str(written)).tables[0].rows for cell in row.cells]
    assert WORDING[2] in cells and "Will publish in April." in cells


def test_a_tracker_that_cannot_be_written_says_why(
    decided: Desk, qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    shown = capture_messages(monkeypatch)
    save_as(monkeypatch, tmp_path / "no such folder" / "tracker.csv")
    with qtbot.waitSignal(decided.ui.tracker.failed, timeout=20_000):
        decided.ui.actions.export_tracker.trigger()
    assert shown["warning"][0][0] == "Response tracker not exported"
    assert "does not exist" in shown["warning"][0][1]


def test_a_response_typed_but_not_saved_is_kept_on_moving_on(decided: Desk) -> None:
    tab = decided.ui.desk.responses
    first, second, _ = decided.review.panel_recommendations()
    tab.select(first.id)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("accepted"))
    tab.text_edit.setPlainText("Agreed in full.")
    tab.select(second.id)  # without pressing Save response
    saved = decided.review.recommendation(first.id)
    assert saved is not None and (saved.response_status, saved.response_text) == (
        "accepted",
        "Agreed in full.",
    )
    assert tab.current_id() == second.id and tab.text_edit.toPlainText() == ""

    tab.text_edit.setPlainText("Typed with no status chosen.")
    assert not tab.save_button.isHidden() and tab.save_button.isEnabled()
    decided.ui.commit_editors()
    saved = decided.review.recommendation(second.id)
    assert saved is not None and (saved.response_status, saved.response_text) == (
        None,
        "Typed with no status chosen.",
    )


def test_words_typed_without_a_status_are_never_lost_on_moving_rows(decided: Desk) -> None:
    tab = decided.ui.desk.responses
    first, second, _ = decided.review.panel_recommendations()
    tab.select(first.id)
    assert tab.status_combo.currentData() == ""
    tab.text_edit.setPlainText("The Commissioner will reply after the budget is set.")
    tab.select(second.id)
    tab.select(first.id)
    assert tab.text_edit.toPlainText() == "The Commissioner will reply after the budget is set."
    assert rows(tab)[0][3] == "In words only"
    saved = decided.review.recommendation(first.id)
    assert saved is not None and saved.response_status is None
    assert tab.error_label.isHidden() and not decided.failures

    tab.select(second.id)  # nothing typed there: moving on saves nothing
    tab.select(first.id)
    untouched = decided.review.recommendation(second.id)
    assert untouched is not None and (untouched.response_text, untouched.response_date) == (None, None)
