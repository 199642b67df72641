"""A panel built in code for the clerk's desk tests: three members' reviews, their packs, a clerk.

Ann, Bob and Cat review a small text draft; each shares some notes and recommendations and keeps
some private. The clerk expects four members (Dan sends nothing). Ann's and Bob's recommendations
on 2.1 are worded alike, so the desk suggests merging them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review, open_review
from panelreview.ui.clerk.install import ClerkUi, install_clerk_ui
from panelreview.ui.session.review_session import ReviewSession
from tests.clerk.panel import ANN_REC as ANN_REC  # the wordings, for the desk tests too
from tests.clerk.panel import BOB_REC as BOB_REC
from tests.clerk.panel import add_views

DRAFT_TEXT = (
    "1. Introduction\n\n"
    "1.1. This draft sets out the Commissioner’s plan for keeping Westshire safe.\n\n"
    "2. Priorities\n\n"
    "2.1. Victims’ services will be redesigned around what victims tell us they need.\n\n"
    "2.2. Rural crime: fewer burglaries and vehicle thefts in rural communities.\n\n"
    "3. Finance\n\n"
    "3.1. The budget for the plan period is 120 million pounds.\n"
)
DRAFT_NAME = "westshire-draft.txt"
EXPECTED = ("Ann Jones", "Cllr Bob Smith", "Cat Lee", "Cllr Dan Brown")


def make_review(
    folder: Path, name: str, *, role: str = "member", text: str = DRAFT_TEXT, **extra: Any
) -> Review:
    data = text.encode("utf-8")
    document = read_document_bytes(data, DRAFT_NAME)
    return create_review(folder / f"{name}.pcpr", data, document, member_name=name, role=role, **extra)


@dataclass
class Panel:
    folder: Path
    packs: dict[str, Path]
    ids: dict[str, str] = field(default_factory=dict)


def build_members(folder: Path) -> Panel:
    """Three members' reviews, shared as packs in ``folder`` (the reviews are closed again)."""
    folder.mkdir(parents=True, exist_ok=True)
    members, ids = add_views(partial(make_review, folder))
    ann = members[0]
    ann.add_reply(ids["ann_q"], "Asked the OPCC officer; no answer yet.")
    ann.add_annotation(ann.anchor_for(section="2.1"), "comment", "Ann's private thought")
    panel = Panel(folder, {}, ids)
    for key, review in zip(("ann", "bob", "cat"), members, strict=True):
        path = folder / f"{review.owner.name}.pcpack"
        review.share(path)
        panel.packs[key] = path
        review.close()
    return panel


@pytest.fixture
def panel(tmp_path: Path) -> Panel:
    """Ann's, Bob's and Cat's packs, in ``members`` in the test's folder."""
    return build_members(tmp_path / "members")


def start_clerk(folder: Path, *, expected: tuple[str, ...] = EXPECTED) -> Path:
    clerk = make_review(folder, "Jo Clerk", role="clerk", panel_name="Westshire Police and Crime Panel")
    for name in expected:
        clerk.add_expected_member(name)
    path = clerk.path
    clerk.close()
    return path


class Desk:
    """A main window with the clerk's UI installed and a review open in it."""

    def __init__(self, qtbot: Any, path: Path) -> None:
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        bar = self.window.menuBar()
        bar.addMenu("&File")
        self.help_menu = bar.addMenu("&Help")
        self.session: ReviewSession | None = None
        self.ui: ClerkUi = install_clerk_ui(self.window, lambda: self.session, bar)
        self.jumps: list[Any] = []
        self.ui.jump_requested.connect(self.jumps.append)
        self.failures: list[str] = []
        self.window.resize(1280, 860)
        self.open(path)
        self.window.show()
        qtbot.waitExposed(self.window)

    def open(self, path: Path) -> ReviewSession:
        self.close_session()
        self.session = ReviewSession(open_review(path))
        self.session.failed.connect(self.failures.append)
        self.ui.session_changed(self.session)
        return self.session

    def close_session(self) -> None:
        if self.session is not None:
            self.ui.session_changed(None)
            self.session.close()
            self.session = None

    @property
    def review(self) -> Review:
        assert self.session is not None
        return self.session.review


@contextmanager
def opened_desk(qtbot: Any, path: Path) -> Iterator[Desk]:
    """A window with the clerk's UI and the review at ``path`` open; closed again afterwards."""
    opened = Desk(qtbot, path)
    try:
        yield opened
    finally:
        opened.close_session()
        opened.window.close()


@pytest.fixture
def desk(qtbot: Any, tmp_path: Path, panel: Panel) -> Iterator[Desk]:
    """The clerk's review (four members expected, no packs imported yet) open at the desk."""
    with opened_desk(qtbot, start_clerk(tmp_path)) as opened:
        yield opened


def choose_files(monkeypatch: Any, paths: list[Path]) -> None:
    """The next "open files" dialog chooses ``paths``."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], ""))
    )


def import_all(desk: Desk, panel: Panel, monkeypatch: Any) -> None:
    """Import Ann's, Bob's and Cat's packs at the desk, as the clerk does with "Import review packs"."""
    choose_files(monkeypatch, list(panel.packs.values()))
    desk.ui.actions.import_packs.trigger()
    assert not desk.failures
    imports = desk.review.imports()
    assert imports and len(imports[-1].packs) == len(panel.packs)


def save_as(monkeypatch: Any, path: Path, chosen_filter: str = "") -> None:
    """The next "save file" dialog answers ``path``."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen_filter))
    )


def answer_questions(monkeypatch: Any, yes: bool) -> list[str]:
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def capture_messages(monkeypatch: Any) -> dict[str, list[tuple[str, str]]]:
    """Warnings and information boxes, recorded instead of shown."""
    shown: dict[str, list[tuple[str, str]]] = {"warning": [], "information": []}

    def record(kind: str) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
            shown[kind].append((title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    return shown


def fill_dialog(monkeypatch: Any, dialog_class: type[QDialog], fill: Any) -> list[QDialog]:
    """The dialog's ``exec`` runs ``fill(dialog)`` (which may press its buttons) instead of waiting."""
    made: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        made.append(self)
        fill(self)
        return int(self.result())

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return made
