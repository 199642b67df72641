"""A draft with no sections: the outline says why it is blank (and that a password typed to open it
is not the reason) instead of showing an empty list that looks broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest

from panelreview.ui.app.main_window import MainWindow
from tests.pdf_helpers import save_pdf
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_and_wait
from tests.ui.review_helpers import answer_password

pytestmark = pytest.mark.gui

PLAIN_TEXT = (
    "The Commissioner wrote to the panel about the plan and asked for views on it by the end of the month.",
    "Officers will spend more time on patrol in the town centres and less time on paperwork.",
)


def _pdf_without_headings(path: Path, *, password: str | None = None, picture_only: bool = False) -> Path:
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    page = doc.new_page()
    if picture_only:  # a scanned page: a picture, no text behind it
        pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), 0)  # type: ignore[no-untyped-call]
        pixmap.clear_with(200)  # type: ignore[no-untyped-call]
        page.insert_image(pymupdf.Rect(72, 72, 372, 272), pixmap=pixmap)  # type: ignore[no-untyped-call]
    else:
        for line, text in enumerate(PLAIN_TEXT):
            page.insert_text((72, 100 + 16 * line), text, fontsize=10)
    return save_pdf(doc, path, password)


def _message(window: MainWindow) -> str:
    panel = window.outline
    assert panel.pages.currentWidget() is panel.empty, "the outline shows its tree, not why it is empty"
    assert panel.empty.isVisible()
    return panel.empty.text()


def test_a_locked_draft_with_no_headings_says_the_password_is_not_why(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    answer_password("panel")
    with qtbot.waitSignal(window.opener.opened, timeout=OPEN_TIMEOUT_MS):
        window.open_path(_pdf_without_headings(tmp_path / "locked.pdf", password="panel"))
    text = _message(window)
    assert "password is not why" in text
    assert "no bookmarks" in text and "page box" in text


def test_a_draft_of_scanned_pages_says_there_is_no_text(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, _pdf_without_headings(tmp_path / "scan.pdf", picture_only=True))
    text = _message(window)
    assert "no text could be read" in text and "scanned" in text
    assert "password" not in text  # no password was asked for


def test_a_word_draft_without_heading_styles_says_so_and_a_draft_with_sections_shows_them(
    qtbot: Any, window: MainWindow, tmp_path: Path, samples: Path
) -> None:
    word = docx.Document()
    for text in PLAIN_TEXT:
        word.add_paragraph(text)
    path = tmp_path / "plain.docx"
    word.save(str(path))
    open_and_wait(qtbot, window, path)
    text = _message(window)
    assert "styled as headings" in text and "Find" in text

    open_and_wait(qtbot, window, samples / "westshire-plan-v1.pdf")
    assert window.outline.pages.currentWidget() is window.outline.tree
    assert window.outline.model.rowCount() > 0
