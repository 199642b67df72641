"""The document thread: the one thread that touches PyMuPDF.

PyMuPDF is not thread-safe, so parsing a draft and rendering its pages both happen here, one job
at a time, on a single :class:`QThread`. The GUI talks to the worker only through queued signals
(:class:`DocumentService`), and the worker never touches a widget: results go back by signal.

Each opened draft gets a token. The worker keeps its own ``pymupdf.Document`` per token, opened from
the same bytes the reader parsed, until the GUI closes that token.

A PDF's first page is on screen before the whole draft is read: the worker opens the file, reports
the page sizes (``pages_ready``) and renders the first page at the width the view asked for, and
only then reads the text and finds the sections (``loaded``).

The Pages panel's thumbnails have a queue of their own (``render_thumbnail``, ``keep_thumbnails``,
``thumbnail_rendered``): the reading view's ``keep_only`` never cancels them, their images never reach
the reading view, and they are drawn only when no page or words of the reading view are waiting.
"""

from __future__ import annotations

import logging
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from panelreview.core.errors import DocumentError
from panelreview.core.model import DocFormat, Document
from panelreview.ingest import read_document_bytes
from panelreview.ingest.opener import read_file, sniff_format

if TYPE_CHECKING:
    import pymupdf  # imported on the worker thread when the first PDF opens, not at start-up

log = logging.getLogger(__name__)

PageSize = tuple[float, float]
# A word as the views use it: x0, y0, x1, y1 in PDF points, then its text.
WordTuple = tuple[float, float, float, float, str]


@dataclass(slots=True)
class LoadedDraft:
    """A parsed draft, and what the PDF view needs to lay out its pages."""

    token: int
    path: Path
    document: Document
    data: bytes = b""  # the draft's bytes exactly as parsed (a new review stores these)
    page_sizes: list[PageSize] = field(default_factory=list)  # PDF points, one per page
    page_labels: list[str] = field(default_factory=list)  # "" where the PDF defines none
    # The password that opened a locked draft, kept in memory while it is open so the review can
    # read the plan's other versions (they usually share it); never written anywhere.
    password: str | None = field(default=None, repr=False)

    @property
    def is_pdf(self) -> bool:
        return self.document.identity.format is DocFormat.PDF


class DocumentWorker(QObject):
    """Lives on the document thread. Parses drafts and renders PDF pages, one job at a time."""

    loaded = Signal(object)  # LoadedDraft
    failed = Signal(int, object)  # token, DocumentError
    pages_ready = Signal(int, list, list)  # token, page sizes, page labels (PDF, before the parse)
    page_rendered = Signal(int, int, float, QImage)  # token, page, scale, image
    words_ready = Signal(int, int, list)  # token, page, [WordTuple]
    thumbnail_rendered = Signal(int, int, QImage)  # token, page, image (the Pages panel's)

    def __init__(self) -> None:
        super().__init__()
        self._docs: dict[int, pymupdf.Document] = {}
        # Render requests waiting their turn: (token, page) -> scale. Newest wins; the GUI drops
        # requests for pages scrolled out of view before they are drawn.
        self._pending: OrderedDict[tuple[int, int], float] = OrderedDict()
        # Word requests, served when no page is waiting to be drawn.
        self._word_requests: OrderedDict[tuple[int, int], None] = OrderedDict()
        # Thumbnail requests: (token, page) -> scale, served last, newest first like pages.
        self._thumbnails: OrderedDict[tuple[int, int], float] = OrderedDict()
        self._scheduled = False

    @Slot(int, str, object, object, float)
    def load(self, token: int, path: str, password: str | None, data: bytes | None, width: float) -> None:
        try:
            draft = self._load(token, Path(path), password, data, width)
        except DocumentError as exc:
            self._forget(token)
            self.failed.emit(token, exc)
        except Exception as exc:  # a bug in a reader: log it, tell the user plainly
            log.exception("Unexpected error opening %s", path)
            self._forget(token)
            self.failed.emit(
                token,
                DocumentError(
                    f"PanelReview could not read “{Path(path).name}” because of an unexpected "
                    f"problem ({type(exc).__name__}). The details are in the log file."
                ),
            )
        else:
            self.loaded.emit(draft)

    def _load(
        self, token: int, path: Path, password: str | None, data: bytes | None, width: float
    ) -> LoadedDraft:
        if data is None:
            data = read_file(path)
        early = self._open_early(token, data, path.name, password, width)
        document = read_document_bytes(data, path.name, password=password)
        draft = LoadedDraft(token=token, path=path, document=document, data=data)
        if document.password_protected:
            draft.password = password
        if document.identity.format is not DocFormat.PDF:
            return draft
        pdf = early if early is not None else self._open_pdf(data, password)
        if pdf is None:  # the reader managed where a plain open did not: show no pages
            return draft
        self._docs[token] = pdf
        draft.page_sizes, draft.page_labels = page_geometry(pdf)
        return draft

    def _open_early(
        self, token: int, data: bytes, name: str, password: str | None, width: float
    ) -> pymupdf.Document | None:
        """Open a PDF's pages before its text is read; report them and draw the first page.

        Anything unusual (not a PDF, a password, damage) is left to the full read, which explains
        it to the member.
        """
        try:
            if sniff_format(data, name) is not DocFormat.PDF:
                return None
        except DocumentError:
            return None
        pdf = self._open_pdf(data, password)
        if pdf is None:
            return None
        try:
            sizes, labels = page_geometry(pdf)
        except Exception:  # no usable page tree: the full read explains it plainly
            pdf.close()
            return None
        self._docs[token] = pdf
        if not sizes:
            return pdf
        self.pages_ready.emit(token, sizes, labels)
        widest = max(w for w, _ in sizes)
        if width > 0 and widest > 0:
            scale = width / widest
            try:
                self.page_rendered.emit(token, 0, scale, render_page(pdf, 0, scale))
            except Exception:
                log.exception("Could not render the first page")
        return pdf

    @staticmethod
    def _open_pdf(data: bytes, password: str | None) -> pymupdf.Document | None:
        import pymupdf

        try:
            pdf = pymupdf.open(stream=data, filetype="pdf")
        except Exception:
            return None
        if pdf.needs_pass:
            from panelreview.ingest.pdf_reader import saslprep

            tries = [password, saslprep(password), password.strip()] if password else []
            if not any(pdf.authenticate(p) for p in dict.fromkeys(tries)):
                pdf.close()
                return None
        return pdf

    def _forget(self, token: int) -> None:
        pdf = self._docs.pop(token, None)
        if pdf is not None:
            pdf.close()

    @Slot(int, int, float)
    def render(self, token: int, page: int, scale: float) -> None:
        self._pending[(token, page)] = scale
        self._pending.move_to_end((token, page))
        self._schedule()

    @Slot(int, int)
    def words(self, token: int, page: int) -> None:
        self._word_requests[(token, page)] = None
        self._schedule()

    @Slot(int, int, float)
    def render_thumbnail(self, token: int, page: int, scale: float) -> None:
        self._thumbnails[(token, page)] = scale
        self._thumbnails.move_to_end((token, page))
        self._schedule()

    @Slot(int, list)
    def keep_thumbnails(self, token: int, pages: list[int]) -> None:
        """Forget waiting thumbnail requests for pages scrolled out of the Pages panel."""
        wanted = set(pages)
        for key in [k for k in self._thumbnails if k[0] != token or k[1] not in wanted]:
            del self._thumbnails[key]

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._next_job)

    @Slot(int, list)
    def keep_only(self, token: int, pages: list[int]) -> None:
        """Forget waiting requests for pages no longer visible."""
        wanted = set(pages)
        for key in [k for k in self._pending if k[0] != token or k[1] not in wanted]:
            del self._pending[key]

    @Slot(int)
    def close_document(self, token: int) -> None:
        self._forget(token)
        for key in [k for k in self._pending if k[0] == token]:
            del self._pending[key]
        for key in [k for k in self._word_requests if k[0] == token]:
            del self._word_requests[key]
        for key in [k for k in self._thumbnails if k[0] == token]:
            del self._thumbnails[key]

    @Slot()
    def shutdown(self) -> None:
        for token in list(self._docs):
            self.close_document(token)

    def _next_job(self) -> None:
        # One job per event-loop turn, so new requests and cancellations are seen in between.
        self._scheduled = False
        if self._pending:
            # Most recently requested first: that is what the member is looking at now.
            (token, page), scale = self._pending.popitem(last=True)
            self._render(token, page, scale)
        elif self._word_requests:
            (token, page), _ = self._word_requests.popitem(last=False)
            self._words(token, page)
        elif self._thumbnails:
            (token, page), scale = self._thumbnails.popitem(last=True)
            self._thumbnail(token, page, scale)
        if self._pending or self._word_requests or self._thumbnails:
            self._schedule()

    def _render(self, token: int, page: int, scale: float) -> None:
        image = self._draw(token, page, scale)
        if image is not None:
            self.page_rendered.emit(token, page, scale, image)

    def _thumbnail(self, token: int, page: int, scale: float) -> None:
        image = self._draw(token, page, scale)
        if image is not None:
            self.thumbnail_rendered.emit(token, page, image)

    def _draw(self, token: int, page: int, scale: float) -> QImage | None:
        """``page`` of the open document ``token`` as a picture; None if it is gone or will not draw."""
        pdf = self._docs.get(token)
        if pdf is None or not 0 <= page < pdf.page_count:
            return None
        try:
            return render_page(pdf, page, scale)
        except Exception:
            log.exception("Could not draw page %d", page + 1)
            return None

    def _words(self, token: int, page: int) -> None:
        pdf = self._docs.get(token)
        if pdf is None or not 0 <= page < pdf.page_count:
            return
        try:
            words = page_words(pdf, page)
        except Exception:
            log.exception("Could not read the words of page %d", page + 1)
            words = []
        self.words_ready.emit(token, page, words)


def page_geometry(pdf: pymupdf.Document) -> tuple[list[PageSize], list[str]]:
    """Each page's size in points and printed label ("" where the PDF defines none)."""
    sizes: list[PageSize] = []
    labels: list[str] = []
    for number in range(pdf.page_count):
        try:
            page = pdf[number]
            sizes.append((page.rect.width, page.rect.height))
            labels.append(page.get_label() or "")
        except Exception:
            sizes.append((612.0, 792.0))
            labels.append("")
    return sizes, labels


def page_words(pdf: pymupdf.Document, page: int) -> list[WordTuple]:
    """The page's words with their boxes, as PyMuPDF finds them (any order)."""
    # The PDF reader's extraction flags, so words and the reader's lines agree.
    from panelreview.ingest.pdf_pages import TEXT_FLAGS

    return [
        (float(w[0]), float(w[1]), float(w[2]), float(w[3]), str(w[4]))
        for w in pdf[page].get_text("words", flags=TEXT_FLAGS)
    ]


def render_page(pdf: pymupdf.Document, page: int, scale: float) -> QImage:
    """Render one page at ``scale`` device pixels per PDF point, as a QImage that owns its pixels.

    MuPDF draws straight into the QImage's memory (blue-green-red-alpha bytes are Qt's RGB32 on a
    little-endian machine, the format Qt paints fastest), so nothing is copied after drawing.
    """
    import pymupdf

    if sys.byteorder == "little":
        try:
            return _render_into_image(pdf, page, scale)
        except Exception:
            log.exception("Drawing page %d straight into an image failed; copying instead", page + 1)
    pix = pdf[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888)
    return image.copy()  # detach from PyMuPDF's buffer before it is freed


def _render_into_image(pdf: pymupdf.Document, page: int, scale: float) -> QImage:
    """What ``Page.get_pixmap`` does (a display list drawn on white), into a QImage's buffer."""
    import pymupdf

    mupdf = pymupdf.mupdf
    shown = pdf[page].get_displaylist(annots=True)
    zoom = mupdf.FzMatrix(scale, 0, 0, scale, 0, 0)
    box = mupdf.fz_round_rect(mupdf.fz_transform_rect(mupdf.fz_bound_display_list(shown.this), zoom))
    width, height = box.x1 - box.x0, box.y1 - box.y0
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise MemoryError(f"no memory for a {width}x{height} page image")
    pixels = mupdf.python_mutable_buffer_data(image.bits())
    bgr = mupdf.FzColorspace(mupdf.FzColorspace.Fixed_BGR)
    target = mupdf.fz_new_pixmap_with_data(
        bgr, width, height, mupdf.FzSeparations(), 1, image.bytesPerLine(), pixels
    )
    mupdf.fz_clear_pixmap_with_value(target, 0xFF)  # white paper, opaque
    device = mupdf.fz_new_draw_device(mupdf.FzMatrix(scale, 0, 0, scale, -box.x0, -box.y0), target)
    everything = mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE)
    mupdf.fz_run_display_list(shown.this, device, mupdf.FzMatrix(), everything, mupdf.FzCookie())
    mupdf.fz_close_device(device)
    del device, target  # MuPDF lets go of the image's memory before the image leaves
    return image


class DocumentService(QObject):
    """The GUI-side handle on the document thread. Call its methods from the GUI thread only."""

    loaded = Signal(object)  # LoadedDraft
    failed = Signal(int, object)  # token, DocumentError
    pages_ready = Signal(int, list, list)  # token, page sizes, labels: a PDF's pages, before `loaded`
    page_rendered = Signal(int, int, float, QImage)
    words_ready = Signal(int, int, list)  # token, page, [WordTuple]
    thumbnail_rendered = Signal(int, int, QImage)  # token, page, image: the Pages panel's only

    _load_requested = Signal(int, str, object, object, float)
    _render_requested = Signal(int, int, float)
    _words_requested = Signal(int, int)
    _keep_requested = Signal(int, list)
    _thumbnail_requested = Signal(int, int, float)
    _keep_thumbnails_requested = Signal(int, list)
    _close_requested = Signal(int)
    _shutdown_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next_token = 0
        # Device pixels across a fitted page in the PDF view: the first page is drawn that wide
        # before the draft has been read. Zero: no early page.
        self.first_page_width = 0.0
        self._thread = QThread()
        self._thread.setObjectName("panelreview-document")
        self._worker = DocumentWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._load_requested.connect(self._worker.load)
        self._render_requested.connect(self._worker.render)
        self._words_requested.connect(self._worker.words)
        self._keep_requested.connect(self._worker.keep_only)
        self._thumbnail_requested.connect(self._worker.render_thumbnail)
        self._keep_thumbnails_requested.connect(self._worker.keep_thumbnails)
        self._close_requested.connect(self._worker.close_document)
        self._shutdown_requested.connect(self._worker.shutdown)
        self._worker.loaded.connect(self.loaded)
        self._worker.failed.connect(self.failed)
        self._worker.pages_ready.connect(self.pages_ready)
        self._worker.page_rendered.connect(self.page_rendered)
        self._worker.words_ready.connect(self.words_ready)
        self._worker.thumbnail_rendered.connect(self.thumbnail_rendered)
        self._thread.start()

    def load(self, path: Path, password: str | None = None, data: bytes | None = None) -> int:
        """Start parsing a draft; returns the token its result will carry.

        With ``data`` (a draft kept inside a review file) nothing is read from disk and ``path``
        only names the draft. A PDF reports ``pages_ready`` (and its first page) before ``loaded``.
        """
        self._next_token += 1
        self._load_requested.emit(self._next_token, str(path), password, data, self.first_page_width)
        return self._next_token

    def render(self, token: int, page: int, scale: float) -> None:
        self._render_requested.emit(token, page, scale)

    def request_words(self, token: int, page: int) -> None:
        """Ask for a page's words; ``words_ready`` brings them."""
        self._words_requested.emit(token, page)

    def keep_only(self, token: int, pages: list[int]) -> None:
        """The reading view's pages: forget waiting renders of others (thumbnails are not touched)."""
        self._keep_requested.emit(token, pages)

    def render_thumbnail(self, token: int, page: int, scale: float) -> None:
        """Draw a page small for the Pages panel, after the reading view's pages and words."""
        self._thumbnail_requested.emit(token, page, scale)

    def keep_thumbnails(self, token: int, pages: list[int]) -> None:
        """Forget waiting thumbnail requests except for these pages (the reading view's are not touched)."""
        self._keep_thumbnails_requested.emit(token, pages)

    def close_document(self, token: int) -> None:
        self._close_requested.emit(token)

    def stop(self) -> None:
        """Close every document and end the thread (waits for the current job to finish)."""
        if self._thread.isRunning():
            self._shutdown_requested.emit()
            self._thread.quit()
            self._thread.wait()
