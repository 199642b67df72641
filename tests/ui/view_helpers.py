"""Helpers for testing the document views on their own: a document thread, a view, mouse gestures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from panelreview.core.anchor import Anchor, anchor_quote
from panelreview.core.model import Document
from panelreview.core.review import Kind
from panelreview.ingest.opener import open_document
from panelreview.ui.reader.document_worker import DocumentService, LoadedDraft
from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.reflow_view import ReflowView
from panelreview.ui.reader.selection import HighlightItem
from tests.ui.conftest import OPEN_TIMEOUT_MS


@pytest.fixture
def westshire(samples: Path) -> Document:
    """The Westshire draft (a Word file), read into the common document model."""
    return open_document(samples / "westshire-plan-v1.docx")


def reflow_view(qtbot: Any, document: Document, height: int = 700) -> ReflowView:
    """A reflowed view of ``document``, shown 900 pixels wide and ``height`` high."""
    view = ReflowView()
    qtbot.addWidget(view)
    view.resize(900, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_document(document)
    return view


@dataclass
class OpenPdf:
    service: DocumentService
    view: PdfView
    draft: LoadedDraft


@pytest.fixture
def pdf_opener(qtbot: Any) -> Iterator[Any]:
    """Opens a PDF in a PdfView of its own, wired as the window wires it; stops the thread after."""
    opened: list[OpenPdf] = []

    def open_pdf(path: Path, width: int = 900, height: int = 1000) -> OpenPdf:
        service = DocumentService()
        view = PdfView(service)
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        service.pages_ready.connect(view.set_pages)
        with qtbot.waitSignal(service.loaded, timeout=OPEN_TIMEOUT_MS) as blocker:
            service.load(path)
        draft = blocker.args[0]
        assert isinstance(draft, LoadedDraft)
        view.set_pages(draft.token, draft.page_sizes, draft.page_labels)
        view.set_document(draft.document)
        result = OpenPdf(service, view, draft)
        opened.append(result)
        return result

    yield open_pdf
    for item in opened:
        try:
            item.view.clear()
        finally:
            item.service.stop()


def wait_for_words(qtbot: Any, view: PdfView, page: int) -> None:
    view.go_to_page(page)
    qtbot.waitUntil(lambda: view.words.page(page) is not None, timeout=OPEN_TIMEOUT_MS)


def word_index(view: PdfView, page: int, text: str, nth: int = 0) -> int:
    words = view.words.page(page)
    assert words is not None
    found = [n for n, w in enumerate(words.words) if w.text == text]
    assert len(found) > nth, f"no {text!r} on page {page + 1}"
    return found[nth]


def word_centre(view: PdfView, page: int, index: int) -> QPoint:
    words = view.words.page(page)
    assert words is not None
    return view.to_canvas(page, words.words[index].rect).center().toPoint()


def send_mouse(
    widget: QWidget,
    kind: QEvent.Type,
    pos: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 4) -> None:
    """Press at ``start``, move to ``end`` in a few steps with the button held, release."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(widget, QEvent.Type.MouseButtonPress, start, left, left)
    for n in range(1, steps + 1):
        point = start + (end - start) * (n / steps)
        send_mouse(widget, QEvent.Type.MouseMove, point, none, left)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, end, left, none)


def click(
    widget: QWidget, pos: QPoint, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(widget, QEvent.Type.MouseButtonPress, pos, left, left, modifiers)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, pos, left, none, modifiers)


class TooltipSpy:
    """Records what the views ask QToolTip to show (the offscreen platform cannot show it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.text = ""

        def show(_pos: Any, text: str, *_args: Any) -> None:
            self.text = text

        def hide() -> None:
            self.text = ""

        monkeypatch.setattr(QToolTip, "showText", staticmethod(show))
        monkeypatch.setattr(QToolTip, "hideText", staticmethod(hide))

    def hover(self, widget: QWidget, pos: QPoint) -> str:
        """What the tooltip says when the mouse rests at ``pos`` ("" if none is shown)."""
        self.text = ""
        event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
        QApplication.sendEvent(widget, event)
        return self.text


@pytest.fixture
def tooltips(monkeypatch: pytest.MonkeyPatch) -> TooltipSpy:
    return TooltipSpy(monkeypatch)


def item_for(document: Any, item_id: str, kind: Kind | None, quote: str, tooltip: str = "") -> HighlightItem:
    anchor: Anchor = anchor_quote(document, quote)
    return HighlightItem(item_id, kind, anchor, tooltip or f"{kind} on {quote[:20]}")
