"""A new version of the draft, through the window as a member uses it: Review › New Version of the
Draft…, the Changes panel (the orphan first, re-attached, undone), the outline's change marks, the
section comparison, "Was it addressed?", and File › Open recognising the new version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from panelreview.core.anchor import anchor_section
from panelreview.core.compare import Comparison
from panelreview.core.reanchor import CarryStatus
from panelreview.core.review import Kind
from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession
from panelreview.ui.versions.carry_over import CarryOver
from panelreview.ui.versions.install import CHANGE_ROLE
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_review_of

pytestmark = pytest.mark.gui

REMOVED_OUTCOME = "2.3"  # v1 outcome 2.3 is not in v2 (W10); v1 2.4 becomes v2 2.3


def _section(session: ReviewSession, number: str) -> Any:
    return next(s for s in session.review.sections() if s.number == number)


def _notes_on_many_sections(session: ReviewSession) -> dict[str, str]:
    """A note on each numbered section of v1, one on the outcome v2 removes (by section number)."""
    review = session.review
    sections = review.sections()
    made: dict[str, str] = {}
    for section in sections:
        if section.number:
            text = f"Note on {section.number}"
            change = session.run(
                lambda s=section, t=text: review.add_annotation(anchor_section(sections, s), Kind.COMMENT, t)
            )  # type: ignore[misc]
            assert change is not None and change.item_id
            made[section.number] = change.item_id
    return made


def _carry_to(qtbot: Any, window: MainWindow, monkeypatch: Any, path: Path) -> None:
    """Review › New Version of the Draft…: choose ``path``, keep the proposed label, Carry Over."""
    monkeypatch.setattr(CarryOver, "choose_file", lambda self: path)
    ui = window.versions_ui
    assert ui.new_version.isEnabled()
    ui.new_version.trigger()
    qtbot.waitUntil(lambda: ui.carry.dialog is not None, timeout=OPEN_TIMEOUT_MS)
    dialog = ui.carry.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.label_edit.text() == "Final draft"  # what v2 calls itself, proposed
    assert dialog.date_edit.text() == "6 February 2025"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _wait_showing(qtbot: Any, window: MainWindow, sha: str) -> None:
    qtbot.waitUntil(
        lambda: window.draft is not None and window.draft.document.identity.sha256 == sha,
        timeout=OPEN_TIMEOUT_MS,
    )
    QApplication.processEvents()


def test_carrying_v1_to_v2_through_the_menu_lists_the_orphan_first_and_reattaching_and_undo_work(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    notes = _notes_on_many_sections(session)
    orphan_id = notes[REMOVED_OUTCOME]
    v1 = session.review.current_draft_id
    steps = session.undo_stack.count()

    _carry_to(qtbot, window, monkeypatch, samples / "westshire-plan-v2.pdf")
    qtbot.waitUntil(lambda: session.review.current_draft_id != v1, timeout=OPEN_TIMEOUT_MS)
    v2 = session.review.current_draft_id
    _wait_showing(qtbot, window, v2)

    # The same review stays open (no second review started), one more undo step.
    assert window.session is session
    assert session.undo_stack.count() == steps + 1
    assert "arry" in window.window_actions.undo.text()  # "Undo carry ..." names the step
    assert [v.version_no for v in session.review.versions()] == [1, 2]

    # The summary says what happened, in the info bar and the Changes panel.
    panel = window.versions_ui.panel
    qtbot.waitUntil(lambda: panel.isVisible())
    summary = " ".join(window.info_bar.messages)
    assert f"{len(notes)} notes and recommendations carried to Final draft (version 2)" in summary
    assert "1 needs placing" in summary
    assert "1 needs placing" in panel.summary_label.text()

    # The orphan (the note on the removed outcome 2.3) is listed first, and says where it was.
    assert panel.records[0].item_id == orphan_id
    assert panel.records[0].status is CarryStatus.ORPHANED
    first = panel.list.item(0).text()
    assert first.startswith("Needs placing")
    assert "Note on 2.3" in first and "Was in 2.3" in first
    assert sum(1 for r in panel.records if r.status is CarryStatus.ORPHANED) == 1
    panel.list.setCurrentRow(0)
    assert "Was in: 2.3 Every child at risk" in panel.detail_label.text()
    assert not panel.show_button.isEnabled()  # it has no place to show
    # The Notes panel says it too, never "(whole draft)".
    orphan = next(n for n in session.review.annotations() if n.id == orphan_id)
    assert window.notes.section_name(orphan).startswith("Not in this version (was “2.3 Every child")

    # Re-attach it to the section chosen in the outline (v2's 2.3 is the old 2.4).
    target = _section(session, "2.3")
    window.outline.set_current_section(target.id)
    assert window.outline.current_section() == target.id
    qtbot.mouseClick(panel.selection_button, Qt.MouseButton.LeftButton)
    note = session.review.annotation(orphan_id)
    assert note is not None and note.anchor.section_id == target.id
    record = session.review.carry_record(orphan_id)
    assert record is not None and record.resolution == "reattached"
    assert not panel.records[0].needs_attention or panel.records[0].item_id != orphan_id
    assert window.outline.model.count_of(target.id) == 2  # its own note and the re-attached one

    # Edit › Undo takes the re-attaching back: it needs placing again, listed first.
    window.window_actions.undo.trigger()
    assert panel.records[0].item_id == orphan_id and panel.records[0].needs_attention
    # And undo again takes the review back to version 1, shown in the window, every note in place.
    window.window_actions.undo.trigger()
    _wait_showing(qtbot, window, v1)
    assert window.session is session
    assert session.review.current_draft_id == v1
    assert [v.version_no for v in session.review.versions()] == [1]
    note = session.review.annotation(orphan_id)
    assert note is not None and note.anchor.section_id == _section(session, "2.3").id
    assert "Every child" in (_section(session, "2.3").title or "")
    # Redo carries it over again, and the window follows.
    window.window_actions.redo.trigger()
    _wait_showing(qtbot, window, v2)
    assert session.review.current_draft_id == v2


def test_outline_marks_changed_sections_and_the_comparison_shows_what_changed(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    _carry_to(qtbot, window, monkeypatch, samples / "westshire-plan-v2.docx")
    qtbot.waitUntil(lambda: len(session.review.versions()) == 2, timeout=OPEN_TIMEOUT_MS)
    _wait_showing(qtbot, window, session.review.current_draft_id)
    title = window.windowTitle()  # says which version is shown, never "DRAFT for consultation"
    assert "Final draft (version 2)" in title and "consultation" not in title.lower()

    model = window.outline.model
    p3 = next(s for s in session.review.sections() if (s.title or "").startswith("Priority 3"))
    item = model.itemFromIndex(model.index_of(p3.id))
    assert item.data(CHANGE_ROLE) is not None  # renamed (W11)
    assert not item.icon().isNull()  # a mark, not colour alone
    assert "Changed since Consultation draft (version 1)" in item.toolTip()
    assert "Changed since" in item.accessibleText()
    vision = next(s for s in session.review.sections() if s.title == "Our vision")
    unchanged = model.itemFromIndex(model.index_of(vision.id))
    assert unchanged.data(CHANGE_ROLE) is None and "Changed since" not in unchanged.toolTip()

    # The outline's context menu offers the comparison; it shows Priority 3's new words underlined.
    menu = window.outline.context_menu_for(p3.id)
    compare = next(a for a in menu.actions() if "Previous Version" in a.text())
    assert compare.isEnabled()
    compare.trigger()
    dialog = window.versions_ui.comparison
    assert dialog is not None and dialog.isVisible()
    comparison = dialog.comparison
    assert isinstance(comparison, Comparison) and comparison.changed
    shown = dialog.browser.toHtml()
    assert "line-through" in shown and "underline" in shown
    assert "rural" in comparison.plain_text()
    dialog.in_words.setChecked(True)
    assert "{+" in dialog.browser.toPlainText()
    # The removed outcome is offered too: all its text removed.
    removed = next(i for i, c in enumerate(dialog.choices) if c.new is None)
    dialog.section_combo.setCurrentIndex(removed)
    assert "removed" in dialog.summary_label.text()
    assert "Every child at risk" in dialog.browser.toPlainText()
    # A title several sections share ("How we will measure progress") says which one it is.
    new_sections = session.review.sections()
    shared = [s for s in new_sections if sum(t.label == s.label for t in new_sections) > 1]
    assert shared, "the sample has titles under every priority"
    offered = [dialog.section_combo.itemText(i) for i in range(dialog.section_combo.count())]
    for section in shared:
        entry = next(c.label for c in dialog.choices if c.new is not None and c.new.id == section.id)
        assert "›" in entry and offered.count(entry) == 1, entry
    dialog.close()


def test_was_it_addressed_records_a_judgement_from_the_recommendations_panel(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    review = session.review
    sections = review.sections()
    p1 = next(s for s in sections if (s.title or "").startswith("Priority 1"))
    change = session.run(
        lambda: review.add_recommendation("Cover rural areas.", anchor=anchor_section(sections, p1))
    )
    assert change is not None and change.item_id
    rec_id = change.item_id
    assert not window.versions_ui.addressed_button.isVisible()  # one version: nothing to judge yet
    _carry_to(qtbot, window, monkeypatch, samples / "westshire-plan-v2.docx")
    qtbot.waitUntil(lambda: len(review.versions()) == 2, timeout=OPEN_TIMEOUT_MS)
    _wait_showing(qtbot, window, review.current_draft_id)

    window.recommendations.show()
    window.recommendations.raise_()
    assert window.recommendations.select(rec_id)
    button = window.versions_ui.addressed_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.versions_ui.addressed
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.cited.topLevelItemCount() == 1
    assert "Priority 1" in dialog.cited.topLevelItem(0).text(1)  # type: ignore[union-attr]
    assert not dialog.save_button.isEnabled()  # nothing chosen yet
    dialog.choose("partly")
    qtbot.keyClicks(dialog.comment_edit, "Rural protocol added; coastal areas not mentioned.")
    before = session.undo_stack.count()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    judgement = review.judgements().get(rec_id)
    assert judgement is not None and judgement.status.value == "partly"
    assert judgement.comment.startswith("Rural protocol added")
    assert session.undo_stack.count() == before + 1
    window.window_actions.undo.trigger()
    assert rec_id not in review.judgements()


def test_opening_the_new_version_through_file_open_offers_to_carry_the_review_over(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    asked: list[str] = []

    def ask_choice(parent: Any, title: str, text: str, choices: list[str], cancel: str) -> int | None:
        asked.append(text)
        return 0  # Carry My Review Over…

    monkeypatch.setattr(messages, "ask_choice", ask_choice)
    window.open_path(samples / "westshire-plan-v2.pdf")  # as File › Open does
    ui = window.versions_ui
    qtbot.waitUntil(lambda: ui.carry.dialog is not None, timeout=OPEN_TIMEOUT_MS)
    assert asked and "another version of the plan you are reviewing" in asked[0]
    dialog = ui.carry.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(session.review.versions()) == 2, timeout=OPEN_TIMEOUT_MS)
    _wait_showing(qtbot, window, session.review.current_draft_id)
    assert window.session is session


def test_opening_the_same_draft_or_declining_opens_as_usual(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    monkeypatch.setattr(messages, "ask_choice", lambda *args: 1)  # Open It Separately
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(samples / "westshire-plan-v2.pdf")
    qtbot.waitUntil(
        lambda: window.session is not None and window.session is not session, timeout=OPEN_TIMEOUT_MS
    )
    assert window.session is not None
    assert len(window.session.review.versions()) == 1  # a review of its own; the first is untouched


def test_cancelling_the_carry_over_changes_nothing(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    _notes_on_many_sections(session)
    v1, steps = session.review.current_draft_id, session.undo_stack.count()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)  # Cancel pressed at once
    _carry_to(qtbot, window, monkeypatch, samples / "westshire-plan-v2.pdf")
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage())
    assert session.review.current_draft_id == v1
    assert [v.version_no for v in session.review.versions()] == [1]
    assert session.undo_stack.count() == steps
    assert window.draft is not None and window.draft.document.identity.sha256 == v1


def test_an_orphan_goes_to_a_chosen_section_or_is_left_unplaced(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QInputDialog

    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    orphan_id = _notes_on_many_sections(session)[REMOVED_OUTCOME]
    _carry_to(qtbot, window, monkeypatch, samples / "westshire-plan-v2.docx")
    qtbot.waitUntil(lambda: len(session.review.versions()) == 2, timeout=OPEN_TIMEOUT_MS)
    _wait_showing(qtbot, window, session.review.current_draft_id)
    panel = window.versions_ui.panel
    assert panel.current_id() == orphan_id  # the most urgent item is chosen already

    # Leave it unplaced: off the to-do list, still in the review with its old passage.
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    record = session.review.carry_record(orphan_id)
    assert record is not None and record.resolution == "dismissed" and not record.needs_attention
    assert panel.list.item(panel.row_of(orphan_id)).text().startswith("Left unplaced")
    assert session.review.annotation(orphan_id) is not None
    window.window_actions.undo.trigger()
    assert panel.records[0].item_id == orphan_id and panel.records[0].needs_attention

    # Or choose a section from the list of the new version's sections.
    target = _section(session, "2.4")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *args: (target.label, True)))
    panel.select(orphan_id)
    qtbot.mouseClick(panel.section_button, Qt.MouseButton.LeftButton)
    note = session.review.annotation(orphan_id)
    assert note is not None and note.anchor.section_id == target.id


def test_reopening_a_review_with_a_note_left_without_a_place_shows_the_changes_panel(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    v1 = (samples / "westshire-plan-v1.pdf").read_bytes()
    review = create_review(
        tmp_path / "mine.pcpr", v1, read_document_bytes(v1, "v1.pdf"), member_name="Cllr Ann Jones"
    )
    review.add_annotation(review.anchor_for(section=REMOVED_OUTCOME), "concern", "No baseline.")
    v2 = (samples / "westshire-plan-v2.pdf").read_bytes()
    review.add_draft_version(v2, read_document_bytes(v2, "v2.pdf"))
    review.close()

    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(tmp_path / "mine.pcpr")
    qtbot.waitUntil(lambda: window.session is not None, timeout=OPEN_TIMEOUT_MS)
    panel = window.versions_ui.panel
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=OPEN_TIMEOUT_MS)
    assert "1 needs placing" in panel.summary_label.text()
