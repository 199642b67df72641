"""The PDF view and the document thread: first page before the draft is read, words, dark palette."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette

from panelreview.ui.reader.document_worker import DocumentService
from panelreview.ui.reader.pdf_canvas import PAPER
from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.pdf_words import MAX_PAGES_KEPT, WordStore
from tests.ui.conftest import OPEN_TIMEOUT_MS
from tests.ui.view_helpers import pdf_opener, wait_for_words

pytestmark = pytest.mark.gui
__all__ = ["pdf_opener"]


@pytest.fixture
def service() -> Any:
    service = DocumentService()
    yield service
    service.stop()


def test_pages_and_first_page_come_before_the_draft_is_read(qtbot: Any, service: Any, samples: Path) -> None:
    events: list[tuple[str, Any]] = []
    service.pages_ready.connect(lambda token, sizes, labels: events.append(("pages", len(sizes))))
    service.page_rendered.connect(lambda token, page, scale, image: events.append(("page", (page, scale))))
    service.loaded.connect(lambda draft: events.append(("loaded", draft)))
    service.first_page_width = 800.0
    with qtbot.waitSignal(service.loaded, timeout=OPEN_TIMEOUT_MS):
        service.load(samples / "westshire-plan-big.pdf")
    kinds = [kind for kind, _ in events]
    assert kinds == ["pages", "page", "loaded"]
    assert events[0][1] == 307
    page, scale = events[1][1]
    draft = events[2][1]
    assert page == 0
    assert scale == pytest.approx(800.0 / max(w for w, _ in draft.page_sizes))
    assert len(draft.page_sizes) == 307 and len(draft.document.sections) > 10
    service.close_document(draft.token)


def test_a_word_draft_has_no_pages(qtbot: Any, service: Any, samples: Path) -> None:
    pages: list[Any] = []
    service.pages_ready.connect(lambda *args: pages.append(args))
    with qtbot.waitSignal(service.loaded, timeout=OPEN_TIMEOUT_MS) as blocker:
        service.load(samples / "westshire-plan-v1.docx")
    assert pages == [] and blocker.args[0].page_sizes == []


def test_view_shows_the_early_first_page_and_keeps_it_when_the_draft_is_read(
    qtbot: Any, service: Any, samples: Path
) -> None:
    view = PdfView(service)
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(service.loaded, timeout=OPEN_TIMEOUT_MS) as blocker:
        service.load(samples / "westshire-plan-v1.pdf")  # pages_ready is not wired: the image waits
    draft = blocker.args[0]
    view.set_pages(draft.token, draft.page_sizes, draft.page_labels)
    assert view.cached_image(0) is not None  # drawn before the view knew the draft
    view.go_to_page(5)
    position = view.verticalScrollBar().value()
    view.set_pages(draft.token, draft.page_sizes, draft.page_labels)  # the window calls it again
    assert view.verticalScrollBar().value() == position
    assert view.cached_image(0) is not None
    view.clear()


def test_words_come_for_the_pages_in_view(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    wait_for_words(qtbot, view, 0)
    assert view.words.has(0) and not view.words.has(12)
    wait_for_words(qtbot, view, 12)
    words = view.words.page(12)
    assert words is not None and any(w.start is not None for w in words.words)


def test_word_store_keeps_only_recent_pages() -> None:
    store = WordStore()
    for page in range(MAX_PAGES_KEPT + 10):
        store.add(page, [(10.0, 10.0, 20.0, 20.0, f"w{page}")])
    assert not store.has(0) and store.has(MAX_PAGES_KEPT + 9)
    assert sum(store.has(p) for p in range(MAX_PAGES_KEPT + 10)) == MAX_PAGES_KEPT


def test_dark_palette_keeps_white_paper(qtbot: Any, pdf_opener: Any, samples: Path) -> None:
    view = pdf_opener(samples / "westshire-plan-v1.pdf").view
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Dark, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    view.setPalette(palette)
    qtbot.waitUntil(lambda: view.cached_image(0) is not None)
    image = view.canvas.grab().toImage()
    page = view.page_rect(0)
    ratio = image.devicePixelRatio()
    gap = QPoint(page.left() // 2, page.top() + 40)
    margin = QPoint(page.left() + 6, page.top() + 6)
    assert image.pixelColor(int(gap.x() * ratio), int(gap.y() * ratio)) == QColor("#202020")
    assert image.pixelColor(int(margin.x() * ratio), int(margin.y() * ratio)) == PAPER
