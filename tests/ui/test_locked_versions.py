"""A review of a password-protected plan with two versions reopens: the password typed for the
current version opens the one before as well (it is kept in memory only), so the outline marks what
changed; a previous version with another password is said plainly, and nothing breaks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from panelreview.ingest import read_document_bytes
from panelreview.storage import create_review
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.versions.install import CHANGE_ROLE
from tests.pdf_helpers import pdf_bytes
from tests.ui.conftest import OPEN_TIMEOUT_MS, wait_for_session
from tests.ui.review_helpers import answer_password

pytestmark = pytest.mark.gui


def _locked_plan(patrols: str, password: str) -> bytes:
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    body = "Officers, partners and communities will work together on this priority every year."
    for title, text in (("Priority 1: Safer streets", patrols), ("Priority 2: Victims first", body)):
        page = doc.new_page()
        page.insert_text((72, 100), title, fontsize=16)
        for line, words in enumerate((text, body, body)):
            page.insert_text((72, 140 + 16 * line), words, fontsize=11)
    return pdf_bytes(doc, password)


def _two_versions(tmp_path: Path, old_password: str) -> Path:
    v1 = _locked_plan("We will put more officers on patrol.", old_password)
    v2 = _locked_plan("We will put more officers on patrol in every town centre.", "panel")
    review = create_review(
        tmp_path / "plan.pcpr",
        v1,
        read_document_bytes(v1, "v1.pdf", old_password),
        member_name="Cllr Ann Jones",
    )
    review.add_draft_version(v2, read_document_bytes(v2, "v2.pdf", "panel"))
    review.close()
    return tmp_path / "plan.pcpr"


def _reopen(qtbot: Any, window: MainWindow, path: Path) -> None:
    answer_password("panel")
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(path)
    wait_for_session(qtbot, window)


def test_the_password_typed_for_the_draft_opens_its_previous_version_too(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _reopen(qtbot, window, _two_versions(tmp_path, "panel"))
    model = window.outline.model
    marks = [model.item(row).data(CHANGE_ROLE) for row in range(model.rowCount())]
    assert marks[0] is not None and marks[1] is None  # Priority 1 changed, Priority 2 did not
    assert "1 sections changed" in window.versions_ui.panel.summary_label.text()


def test_a_previous_version_with_another_password_is_said_plainly(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _reopen(qtbot, window, _two_versions(tmp_path, "an older password"))
    text = window.versions_ui.panel.summary_label.text()
    assert "cannot be shown" in text and "password" in text
    assert window.draft is not None and window.session is not None  # the review is open and usable
