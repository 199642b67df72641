"""The document thread: the one thread that touches PyMuPDF.

PyMuPDF is not thread-safe, so parsing a draft and rendering its pages both happen here, one job
at a time, on a single :class:`QThread`. The GUI talks to the worker only through queued signals
(:class:`DocumentService`), and the worker never touches a widget: results go back by signal.

Each opened draft gets a token. The worker keeps its own ``pymupdf.Document`` per token, opened from
the same bytes the reader parsed, until the GUI closes that token.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from panelreview.core.errors import DocumentError, PasswordRequired, WrongPassword
from panelreview.core.model import DocFormat, Document
from panelreview.ingest import read_document_bytes
from panelreview.ingest.opener import read_file

log = logging.getLogger(__name__)

PageSize = tuple[float, float]


@dataclass(slots=True)
class LoadedDraft:
    """A parsed draft, and what the PDF view needs to lay out its pages."""

    token: int
    path: Path
    document: Document
    data: bytes = b""  # the draft's bytes exactly as parsed (a new review stores these)
    page_sizes: list[PageSize] = field(default_factory=list)  # PDF points, one per page
    page_labels: list[str] = field(default_factory=list)  # "" where the PDF defines none

    @property
    def is_pdf(self) -> bool:
        return self.document.identity.format is DocFormat.PDF


class DocumentWorker(QObject):
    """Lives on the document thread. Parses drafts and renders PDF pages, one job at a time."""

    loaded = Signal(object)  # LoadedDraft
    failed = Signal(int, object)  # token, DocumentError
    page_rendered = Signal(int, int, float, QImage)  # token, page, scale, image

    def __init__(self) -> None:
        super().__init__()
        self._docs: dict[int, pymupdf.Document] = {}
        # Render requests waiting their turn: (token, page) -> scale. Newest wins; the GUI drops
        # requests for pages scrolled out of view before they are drawn.
        self._pending: OrderedDict[tuple[int, int], float] = OrderedDict()
        self._scheduled = False

    @Slot(int, str, object, object)
    def load(self, token: int, path: str, password: str | None, data: bytes | None) -> None:
        try:
            draft = self._load(token, Path(path), password, data)
        except DocumentError as exc:
            self.failed.emit(token, exc)
        except Exception as exc:  # a bug in a reader: log it, tell the user plainly
            log.exception("Unexpected error opening %s", path)
            self.failed.emit(
                token,
                DocumentError(
                    f"PanelReview could not read “{Path(path).name}” because of an unexpected "
                    f"problem ({type(exc).__name__}). The details are in the log file."
                ),
            )
        else:
            self.loaded.emit(draft)

    def _load(self, token: int, path: Path, password: str | None, data: bytes | None) -> LoadedDraft:
        if data is None:
            data = read_file(path)
        document = read_document_bytes(data, path.name, password=password)
        draft = LoadedDraft(token=token, path=path, document=document, data=data)
        if document.identity.format is not DocFormat.PDF:
            return draft
        pdf = pymupdf.open(stream=data, filetype="pdf")
        if pdf.needs_pass and not pdf.authenticate(password or ""):
            pdf.close()
            raise WrongPassword() if password else PasswordRequired()
        for number in range(pdf.page_count):
            page = pdf[number]
            draft.page_sizes.append((page.rect.width, page.rect.height))
            draft.page_labels.append(page.get_label() or "")
        self._docs[token] = pdf
        return draft

    @Slot(int, int, float)
    def render(self, token: int, page: int, scale: float) -> None:
        self._pending[(token, page)] = scale
        self._pending.move_to_end((token, page))
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._render_next)

    @Slot(int, list)
    def keep_only(self, token: int, pages: list[int]) -> None:
        """Forget waiting requests for pages no longer visible."""
        wanted = set(pages)
        for key in [k for k in self._pending if k[0] != token or k[1] not in wanted]:
            del self._pending[key]

    @Slot(int)
    def close_document(self, token: int) -> None:
        pdf = self._docs.pop(token, None)
        if pdf is not None:
            pdf.close()
        for key in [k for k in self._pending if k[0] == token]:
            del self._pending[key]

    @Slot()
    def shutdown(self) -> None:
        for token in list(self._docs):
            self.close_document(token)

    def _render_next(self) -> None:
        # One page per event-loop turn, so new requests and cancellations are seen in between.
        self._scheduled = False
        if not self._pending:
            return
        # Most recently requested first: that is what the member is looking at now.
        (token, page), scale = self._pending.popitem(last=True)
        pdf = self._docs.get(token)
        if pdf is not None and 0 <= page < pdf.page_count:
            try:
                image = render_page(pdf, page, scale)
            except Exception:
                log.exception("Could not render page %d", page + 1)
            else:
                self.page_rendered.emit(token, page, scale, image)
        if self._pending:
            self._scheduled = True
            QTimer.singleShot(0, self._render_next)


def render_page(pdf: pymupdf.Document, page: int, scale: float) -> QImage:
    """Render one page at ``scale`` device pixels per PDF point, as a QImage that owns its pixels."""
    pix = pdf[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888)
    return image.copy()  # detach from PyMuPDF's buffer before it is freed


class DocumentService(QObject):
    """The GUI-side handle on the document thread. Call its methods from the GUI thread only."""

    loaded = Signal(object)  # LoadedDraft
    failed = Signal(int, object)  # token, DocumentError
    page_rendered = Signal(int, int, float, QImage)

    _load_requested = Signal(int, str, object, object)
    _render_requested = Signal(int, int, float)
    _keep_requested = Signal(int, list)
    _close_requested = Signal(int)
    _shutdown_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next_token = 0
        self._thread = QThread()
        self._thread.setObjectName("panelreview-document")
        self._worker = DocumentWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._load_requested.connect(self._worker.load)
        self._render_requested.connect(self._worker.render)
        self._keep_requested.connect(self._worker.keep_only)
        self._close_requested.connect(self._worker.close_document)
        self._shutdown_requested.connect(self._worker.shutdown)
        self._worker.loaded.connect(self.loaded)
        self._worker.failed.connect(self.failed)
        self._worker.page_rendered.connect(self.page_rendered)
        self._thread.start()

    def load(self, path: Path, password: str | None = None, data: bytes | None = None) -> int:
        """Start parsing a draft; returns the token its result will carry.

        With ``data`` (a draft kept inside a review file) nothing is read from disk and ``path``
        only names the draft.
        """
        self._next_token += 1
        self._load_requested.emit(self._next_token, str(path), password, data)
        return self._next_token

    def render(self, token: int, page: int, scale: float) -> None:
        self._render_requested.emit(token, page, scale)

    def keep_only(self, token: int, pages: list[int]) -> None:
        self._keep_requested.emit(token, pages)

    def close_document(self, token: int) -> None:
        self._close_requested.emit(token)

    def stop(self) -> None:
        """Close every document and end the thread (waits for the current job to finish)."""
        if self._thread.isRunning():
            self._shutdown_requested.emit()
            self._thread.quit()
            self._thread.wait()
