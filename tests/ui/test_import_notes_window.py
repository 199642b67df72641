"""File › Import Notes from a PDF or Word File… and dropping an annotated file on an open draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from panelreview.ui.app import import_notes
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from tests.export.drafts import draft_pdf
from tests.notes_import.marking import highlight, save, sticky
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import texts


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(draft_pdf())
    doc = pymupdf.open(draft)
    highlight(doc[1], "Emergency calls answered promptly", "Cllr Test Member", "What is the target?")
    sticky(doc[1], (80, 95), "Bob Smith", "Support this priority.")
    sticky(doc[2], (80, 95), "Bob Smith", "Victims' Code: how is it checked?")
    annotated = tmp_path / "annotated by hand.pdf"
    annotated.write_bytes(save(doc))
    return draft, annotated


def _answer_dialog(
    monkeypatch: Any, tick: str | None, seen: list[import_notes.ImportNotesDialog]
) -> list[str]:
    """Accept the dialog, ticking the other person's note whose text starts with ``tick``."""
    shown: list[str] = []

    def exec_(dialog: import_notes.ImportNotesDialog) -> int:
        seen.append(dialog)
        tree = dialog.tree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            assert top is not None
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and tick and child.text(0).startswith(tick):
                    child.setCheckState(0, import_notes.Qt.CheckState.Checked)
        return int(QDialog.DialogCode.Accepted)

    def info(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(import_notes.ImportNotesDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(info))
    return shown


def test_import_from_the_file_menu_offers_others_notes_and_is_one_undo_step(
    qtbot: Any, window: MainWindow, files: tuple[Path, Path], monkeypatch: Any
) -> None:
    draft, annotated = files
    action = window.window_actions.import_notes
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()  # type: ignore[union-attr]
    assert not action.isEnabled()
    session = open_review_of(qtbot, window, draft)
    assert action.isEnabled()
    seen: list[import_notes.ImportNotesDialog] = []
    shown = _answer_dialog(monkeypatch, "Support", seen)
    monkeypatch.setattr(window.notes_importer, "choose_file", lambda: annotated)
    action.trigger()

    (dialog,) = seen
    assert "1 of your notes will be imported" in dialog.summary.text()
    assert dialog.tree.topLevelItemCount() == 1 and dialog.tree.topLevelItem(0).childCount() == 2  # type: ignore[union-attr]
    assert sorted(texts(session)) == ["Support this priority.", "What is the target?"]
    assert shown and "2 imported" in shown[0]
    assert session.undo_stack.undoText() == "Import notes from “annotated by hand.pdf”"
    session.undo_stack.undo()
    assert texts(session) == []
    assert not window.window_actions.undo_notes_import.isEnabled()
    session.undo_stack.redo()
    assert len(texts(session)) == 2

    take_out = window.window_actions.undo_notes_import  # as after closing and reopening the review
    assert take_out in file_menu.actions() and take_out.isEnabled()  # type: ignore[union-attr]
    session.undo_stack.clear()
    take_out.trigger()
    assert texts(session) == [] and not take_out.isEnabled()
    session.undo_stack.undo()  # taking them out is itself one undo step
    assert len(texts(session)) == 2


def test_a_dropped_annotated_file_asks_whether_to_import_or_open(
    qtbot: Any, window: MainWindow, files: tuple[Path, Path], monkeypatch: Any
) -> None:
    draft, annotated = files
    session = open_review_of(qtbot, window, draft)
    asked: list[str] = []
    answers = iter([1, None, 0])

    def choose(parent: Any, title: str, text: str, choices: list[str], cancel: str) -> int | None:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_choice", choose)
    _answer_dialog(monkeypatch, None, [])
    assert window.notes_drop.handle(annotated) is False  # "Open as a New Draft": opened as usual
    assert "has 3 notes in it" in asked[0]
    assert window.notes_drop.handle(annotated) is True and texts(session) == []  # Cancel
    assert window.notes_drop.handle(annotated) is True  # Import Its Notes
    assert texts(session) == ["What is the target?"]
    assert window.notes_drop.handle(draft) is False and len(asked) == 3  # no notes: it simply opens


def test_the_clerk_names_unnamed_notes_and_enter_imports(qtbot: Any, tmp_path: Path) -> None:
    from panelreview.ingest import read_document_bytes
    from panelreview.ingest.notes import read_notes_bytes
    from panelreview.storage import create_review
    from tests.notes_import.marking import edge_note

    data = draft_pdf()
    doc = pymupdf.open(stream=data, filetype="pdf")
    edge_note(doc[2], (80, 95), "No name on this one")
    notes = read_notes_bytes(save(doc), "edge.pdf")
    review = create_review(
        tmp_path / "panel.pcpr",
        data,
        read_document_bytes(data, "d.pdf"),
        member_name="Jo Clerk",
        role="clerk",
    )
    try:
        dialog = import_notes.ImportNotesDialog(None, review.plan_notes(notes), clerk=True)
        qtbot.addWidget(dialog)
        assert not dialog.import_button.isEnabled()  # nothing to import until the note has a name
        dialog.unnamed.setText("Cllr Fay Hill")
        assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()
        review.import_notes(notes, accept=dialog.accepted_keys(), unnamed_as=dialog.unnamed_as())
        assert [a.author.name for a in review.annotations()] == ["Cllr Fay Hill"]
    finally:
        review.close()
