"""File → Export: default names say what the file holds, sit beside the review, and an existing
file is never replaced without asking (issue 17, point 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtWidgets import QMessageBox

from panelreview.core.anchor import anchor_quote
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_review_of
from tests.ui.review_helpers import answer_save_as

pytestmark = pytest.mark.gui


def _answer_question(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def fake_question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake_question))
    return asked


def test_my_notes_defaults_to_a_private_name_beside_the_review(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    asked = answer_save_as(monkeypatch, tmp_path / "mine.docx")
    with qtbot.waitSignal(window.exporter.finished, timeout=OPEN_TIMEOUT_MS):
        window.window_actions.export_notes.trigger()
    start = Path(asked[0][1])
    assert start.parent == session.path.parent != Path.home()
    assert start.name == f"{session.path.stem} – my notes (private).docx"


def test_annotated_draft_is_named_as_such(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    asked = answer_save_as(monkeypatch, tmp_path / "annotated.pdf")
    with qtbot.waitSignal(window.exporter.finished, timeout=OPEN_TIMEOUT_MS):
        window.window_actions.export_annotated.trigger()
    assert Path(asked[0][1]).name == f"{session.path.stem} – annotated draft.pdf"


def test_an_existing_file_is_not_replaced_without_asking(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"the clerk's minutes")
    answer_save_as(monkeypatch, target)
    asked = _answer_question(monkeypatch, QMessageBox.StandardButton.No)
    window.window_actions.export_notes.trigger()
    qtbot.wait(200)
    assert asked and "minutes.docx" in asked[0]
    assert not window.exporter.busy
    assert target.read_bytes() == b"the clerk's minutes"

    asked = _answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.exporter.finished, timeout=OPEN_TIMEOUT_MS):
        window.window_actions.export_notes.trigger()
    assert asked and target.read_bytes() != b"the clerk's minutes"


@pytest.mark.parametrize("include", [False, True])
def test_the_draft_with_notes_asks_whether_private_notes_go_in(
    qtbot: Any,
    window: MainWindow,
    samples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    include: bool,
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    document = session.review.document()
    for quote, body, visibility in (
        ("Women and girls feeling safer in public spaces", "Shared: how is this measured?", "panel"),
        ("Every child at risk", "Private: ask Cllr Patel first.", "private"),
    ):
        anchor = anchor_quote(document, quote)
        session.run(
            lambda a=anchor, b=body, v=visibility: session.review.add_annotation(
                a, Kind.QUESTION, b, visibility=v
            )
        )
    asked: list[str] = []

    def choose(parent: Any, title: str, text: str, choices: list[str], cancel: str) -> int:
        asked.append(text)
        return 1 if include else 0

    monkeypatch.setattr(messages, "ask_choice", choose)
    saved = answer_save_as(monkeypatch, tmp_path / "annotated.pdf")
    with qtbot.waitSignal(window.exporter.finished, timeout=OPEN_TIMEOUT_MS):
        window.window_actions.export_annotated.trigger()
    assert asked and "One of your notes is a private working note." in asked[0]
    assert Path(saved[0][1]).name.endswith(
        "annotated draft (private).pdf" if include else "annotated draft.pdf"
    )
    with pymupdf.open(tmp_path / "annotated.pdf") as pdf:  # type: ignore[no-untyped-call]
        contents = " ".join(a.info.get("content", "") for page in pdf for a in page.annots())
    assert "Shared: how is this measured?" in contents
    assert ("Private: ask Cllr Patel first." in contents) is include
    status = window.statusBar().currentMessage()
    assert ("not in it" in status) is not include


def test_cancelling_the_private_notes_question_exports_nothing(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    anchor = anchor_quote(session.review.document(), "Every child at risk")
    session.run(lambda: session.review.add_annotation(anchor, Kind.COMMENT, "Mine only."))
    monkeypatch.setattr(messages, "ask_choice", lambda *args: None)
    saved = answer_save_as(monkeypatch, tmp_path / "annotated.pdf")
    window.window_actions.export_annotated.trigger()
    assert saved == [] and not (tmp_path / "annotated.pdf").exists()
